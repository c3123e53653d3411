/* followup-i18n.h: every user-facing string goes through _() or N_(); both
 * mains call followup_i18n_init() before anything prints */
#pragma once

#include "config.h"

#include <glib/gi18n-lib.h>

const char *followup_i18n_localedir (void);
void followup_i18n_init (void);

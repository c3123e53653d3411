/* followup-i18n.h: every user-facing string goes through _() or N_(), so
 * translations need only gettext set up and the catalogues added */
#pragma once

#include "config.h"

#include <glib/gi18n-lib.h>

/* followup-i18n.c: gettext set up the same way for followupd and followupctl */
#include "config.h"

#include <locale.h>

#include "followup-i18n.h"

/* the catalogues' directory: FOLLOWUP_LOCALEDIR when set, so the tests and a
 * run from the build tree find the catalogues meson built in build/po,
 * else the installed share/locale */
const char *
followup_i18n_localedir (void)
{
  const char *dir = g_getenv ("FOLLOWUP_LOCALEDIR");

  return dir != NULL && *dir != '\0' ? dir : LOCALEDIR;
}

void
followup_i18n_init (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, followup_i18n_localedir ());
  /* messages go to terminals, the journal and D-Bus, all UTF-8, whatever
   * the locale's own charset */
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

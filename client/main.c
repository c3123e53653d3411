/* main.c: followupctl, the command-line client of followupd; the commands
 * are in followupctl-commands.c */
#include "config.h"

#include "followup-i18n.h"
#include "followupctl-commands.h"

int
main (int argc, char **argv)
{
  followup_i18n_init ();
  /* GLib's debug output must never mix with what scripts parse */
  g_log_writer_default_set_use_stderr (TRUE);
  return followupctl_main (argc, argv);
}

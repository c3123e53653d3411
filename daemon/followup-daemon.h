/* followup-daemon.h: followupd itself, where the parts are wired together
 *
 * it makes the record book, the reminders and the D-Bus service, connects
 * the book's and the reminders' signals to those who need them, owns the
 * bus name, the signals and the watch on the user's time zone */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _FollowupDaemon FollowupDaemon;

FollowupDaemon *followup_daemon_new (const char *config_path, const char *state_path,
                                     GError **error);
int followup_daemon_run (FollowupDaemon *d, gboolean replace);
void followup_daemon_quit (FollowupDaemon *d, int exit_code);
void followup_daemon_free (FollowupDaemon *d);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FollowupDaemon, followup_daemon_free)

G_END_DECLS

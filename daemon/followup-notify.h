/* followup-notify.h: desktop notifications over org.freedesktop.Notifications,
 * sent with asynchronous D-Bus calls so a hung or missing server never blocks
 * the main loop (libnotify's calls are synchronous, 25 s on a hung server) */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _FollowupNotifier FollowupNotifier;

typedef enum {
  FOLLOWUP_NOTIFY_NONE = 0,
  FOLLOWUP_NOTIFY_RESIDENT = 1 << 0, /* stays until closed: a call for its window */
} FollowupNotifyFlags;

/* a button of a notification shown with tag was clicked */
typedef void (*FollowupNotifyActionFunc) (const char *tag, const char *action_key,
                                          gpointer user_data);
/* the outcome of one followup_notifier_show(); error_message is NULL when shown */
typedef void (*FollowupNotifyShownFunc) (const char *tag, gboolean shown, const char *error_message,
                                         gpointer user_data);
/* a notification server appeared on the bus (and answered GetCapabilities) or vanished */
typedef void (*FollowupNotifyServerFunc) (gboolean present, gpointer user_data);

/* callbacks run in the thread-default main context of the caller of _new ();
 * on_server is called once with the initial state, then on every change;
 * neither callback is called after followup_notifier_free () */
FollowupNotifier *followup_notifier_new (GDBusConnection *bus, FollowupNotifyActionFunc on_action,
                                         FollowupNotifyServerFunc on_server, gpointer user_data);

/* calls still in flight get done (tag, FALSE, "notifier freed") before this
 * returns; those done callbacks must not call back into the notifier */
void followup_notifier_free (FollowupNotifier *n);

/* TRUE once a server owns the name and has answered GetCapabilities (or
 * failed to), FALSE again when it vanishes */
gboolean followup_notifier_has_server (FollowupNotifier *n);

/* actions: NULL-terminated key, label, key, label, ...; body is plain text
 * (escaped here when the server supports body-markup); replaces an earlier
 * notification with the same tag. done is called exactly once, from the main
 * loop, after the server answered or the call failed or timed out; a show
 * without a server on the bus fails fast with "no notification server" */
void followup_notifier_show (FollowupNotifier *n, const char *tag, const char *summary,
                             const char *body, const char *const *actions,
                             FollowupNotifyFlags flags, FollowupNotifyShownFunc done,
                             gpointer user_data);

/* closes the notification shown with tag, also one whose show is in flight */
void followup_notifier_close (FollowupNotifier *n, const char *tag);

/* the tags shown or being shown: a new array of strings */
GPtrArray *followup_notifier_dup_tags (FollowupNotifier *n);
/* what is on screen, to be restored by a later run (NULL when nothing);
 * restore takes it on only if the same server (unique name) is there, so a
 * restarted server's ids are never closed by mistake */
GVariant *followup_notifier_save (FollowupNotifier *n);
void followup_notifier_restore (FollowupNotifier *n, GVariant *saved);

/* the D-Bus call timeout in ms for later calls; the default is 5000 */
void followup_notifier_set_timeout (FollowupNotifier *n, int timeout_ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FollowupNotifier, followup_notifier_free)

G_END_DECLS

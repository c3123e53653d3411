/* followup-daemon.h: the one state struct of followupd and the operations
 * that D-Bus methods and notification actions share */
#pragma once

#include <gio/gio.h>

#include "followup-dbus.h"
#include "followup-engine.h"
#include "followup-notify.h"
#include "followup-state.h"
#include "followup-store.h"
#include "followup-timer.h"

G_BEGIN_DECLS

typedef struct {
  char *config_path;
  char *state_path;
  GTimeZone *user_tz;
  FollowupRecordSet *set; /* the last good records */
  char *checksum;         /* of the file content `set` (or `broken`) came from */
  char *broken;           /* why the file on disk is refused, or NULL */
  char *broken_notified;  /* checksum of the broken content already announced */
  GPtrArray *reminders;   /* the schedule at the last re-plan */
  FollowupState *state;
  GHashTable *in_flight; /* reminder key -> due, while a Notify call is out */
  FollowupNotifier *notifier;
  FollowupTimer *timer;
  GFileMonitor *monitor;
  GFileMonitor *target_monitor; /* where the record file points, when a symlink */
  char *target_path;
  GFileMonitor *zone_monitor;
  GDBusConnection *bus;
  FollowupDBusFollowup1 *skeleton;
  GPtrArray *queue;              /* D-Bus edits waiting for the next group commit */
  guint flush_id;                /* the idle source that runs it */
  FollowupRecordSet *batch_base; /* while a batch is applied: the set on disk */
  GPtrArray *batch_ids;          /* while a batch is applied: the ids it changed */
  GMainLoop *loop;
  guint owner_id;
  guint retry_id;
  gboolean replace;
  gboolean name_acquired;
  int exit_code;
} FollowupDaemon;

FollowupDaemon *followup_daemon_new (const char *config_path, const char *state_path,
                                     GError **error);
int followup_daemon_run (FollowupDaemon *d, gboolean replace);
void followup_daemon_quit (FollowupDaemon *d, int exit_code);
void followup_daemon_free (FollowupDaemon *d);

GDateTime *followup_daemon_now (FollowupDaemon *d);
FollowupRecord *followup_daemon_lookup (FollowupDaemon *d, const char *id, GError **error);
char *followup_daemon_add (FollowupDaemon *d, GVariant *dict, GError **error);
gboolean followup_daemon_update (FollowupDaemon *d, const char *id, GVariant *changes,
                                 GError **error);
gboolean followup_daemon_remove (FollowupDaemon *d, const char *id, GError **error);
gboolean followup_daemon_record_event (FollowupDaemon *d, const char *id, const char *type,
                                       GVariant *details, GError **error);
gboolean followup_daemon_snooze (FollowupDaemon *d, const char *id, const char *action,
                                 gint64 until, GError **error);
gboolean followup_daemon_reload (FollowupDaemon *d, GError **error);
GPtrArray *followup_daemon_check (FollowupDaemon *d);

void followup_daemon_refresh (FollowupDaemon *d);
void followup_daemon_saved (FollowupDaemon *d, GPtrArray *ids, char *checksum);

/* followup-batch.c: an edit's reply (a tuple) or NULL and an error */
typedef GVariant *(*FollowupEditFunc) (FollowupDaemon *d, GVariant *parameters, GError **error);

void followup_daemon_queue_edit (FollowupDaemon *d, GDBusMethodInvocation *invocation,
                                 FollowupEditFunc func);
void followup_daemon_flush (FollowupDaemon *d);
void followup_daemon_begin_batch (FollowupDaemon *d);
gboolean followup_daemon_end_batch (FollowupDaemon *d, GError **error);

/* followup-remind.c */
void followup_daemon_replan (FollowupDaemon *d);
void followup_daemon_notify_broken (FollowupDaemon *d);
void followup_daemon_action_cb (const char *tag, const char *action_key, gpointer user_data);
void followup_daemon_server_cb (gboolean present, gpointer user_data);

/* followup-dbus.c */
void followup_daemon_export (FollowupDaemon *d, GDBusConnection *bus);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FollowupDaemon, followup_daemon_free)

G_END_DECLS

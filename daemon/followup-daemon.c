/* followup-daemon.c: owns the records; every edit, from the bus or from a
 * notification button, goes through the functions here */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <systemd/sd-daemon.h>

#include "followup-daemon.h"
#include "followup-error.h"
#include "followup-time.h"

#define MAX_SNOOZE (G_GINT64_CONSTANT (366) * 24 * 3600)

/* what a first start writes: the policy spelled out, no interviews, so the
 * user sees the knobs without getting reminders for a made-up company */
static const char starter_file[] =
  "version = 1;\n\n"
  "# Every policy key is optional; these are the defaults. See followup.conf(5).\n"
  "policy = {\n"
  "  # call_windows = [ \"10:00-11:00\", \"15:00-16:00\" ];  # the contact's zone\n"
  "  # workdays = [ \"Mon\", \"Tue\", \"Wed\", \"Thu\", \"Fri\" ];\n"
  "  # holidays = [ \"2026-12-25\" ];\n"
  "  # quiet_hours = \"21:00-08:00\";    # your zone; \"\" for none\n"
  "  # thank_you_within_hours = 24;\n"
  "  # follow_up_email_after_days = 7;\n"
  "  # call_without_timeline_after_days = 14;\n"
  "  # max_calls = 2;\n"
  "  # call_retry_after_workdays = 3;\n"
  "  # move_on_after_days = 7;\n"
  "};\n\n"
  "# Add interviews with: followupctl add --company \"Acme\" --at \"today 14:00\"\n"
  "interviews = ( );\n";

static GTimeZone *
user_zone (void)
{
  const char *tz = g_getenv ("TZ");
  g_autofree char *link = NULL;
  const char *name;
  GTimeZone *zone;

  /* by name, not g_time_zone_new_local (), which GLib caches for good: a
   * zone change while running must be seen on the next re-plan */
  if (tz != NULL && *tz != '\0')
    return g_time_zone_new_identifier (tz[0] == ':' ? tz + 1 : tz) ?: g_time_zone_new_utc ();
  link = g_file_read_link ("/etc/localtime", NULL);
  name = link ? strstr (link, "zoneinfo/") : NULL;
  zone = name ? g_time_zone_new_identifier (name + strlen ("zoneinfo/")) : NULL;
  return zone ? zone : g_time_zone_new_local ();
}

GDateTime *
followup_daemon_now (FollowupDaemon *d)
{
  return g_date_time_new_now (d->user_tz);
}

static void
sync_properties (FollowupDaemon *d)
{
  if (d->skeleton == NULL)
    return;
  followup_dbus_followup1_set_records (d->skeleton, d->set->records->len);
  followup_dbus_followup1_set_config_problem (d->skeleton, d->broken ? d->broken : "");
}

static void
log_problems (FollowupDaemon *d, GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "MESSAGE_ID",
                      "5b3bd8a4c4d44ab2a9c3a0b1e4d6f001", "FOLLOWUP_CONFIG", d->config_path,
                      "MESSAGE", "%s", (char *) problems->pdata[i]);
}

/* build a new record set and swap it in only if the whole file is good */
static gboolean
load_from_disk (FollowupDaemon *d, GError **error)
{
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *checksum = followup_store_checksum (d->config_path);
  FollowupRecordSet *set;

  if (checksum == NULL) {
    /* deleted or unreadable: keep what is known, the next edit writes it back */
    g_warning ("%s is gone or unreadable; keeping the %u records in memory, the next change "
               "writes them back",
               d->config_path, d->set->records->len);
    g_clear_pointer (&d->checksum, g_free);
    return TRUE;
  }
  set = followup_store_load (d->config_path, d->user_tz, &problems, &local_error);
  g_free (d->checksum);
  d->checksum = g_steal_pointer (&checksum);
  if (set == NULL) {
    g_free (d->broken);
    d->broken = g_strdup (local_error->message);
    if (problems != NULL)
      log_problems (d, problems);
    else
      g_warning ("%s", local_error->message);
    sync_properties (d);
    followup_daemon_notify_broken (d);
    g_propagate_error (error, g_steal_pointer (&local_error));
    return FALSE;
  }
  g_clear_pointer (&d->broken, g_free);
  followup_record_set_unref (d->set);
  d->set = set;
  sync_properties (d);
  return TRUE;
}

static gboolean
write_starter_file (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr (GError) local_error = NULL;
  g_autofree char *text = g_strconcat (followup_store_header, starter_file, NULL);

  if (g_mkdir_with_parents (dir, 0700) < 0 ||
      !g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &local_error)) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_IO, "cannot create %s: %s", path,
                 local_error ? local_error->message : g_strerror (errno));
    return FALSE;
  }
  g_message ("created %s; add interviews with followupctl add", path);
  return TRUE;
}

gboolean
followup_daemon_reload (FollowupDaemon *d, GError **error)
{
  gboolean ok;

  sd_notifyf (FALSE, "RELOADING=1\nMONOTONIC_USEC=%" G_GINT64_FORMAT, g_get_monotonic_time ());
  ok = load_from_disk (d, error);
  if (ok)
    g_message ("loaded %u interview%s from %s", d->set->records->len,
               d->set->records->len == 1 ? "" : "s", d->config_path);
  followup_daemon_replan (d);
  sd_notify (FALSE, "READY=1");
  if (d->skeleton != NULL)
    followup_dbus_followup1_emit_changed (d->skeleton, "");
  return ok;
}

/* a hand edit since our last read is loaded before any change is applied,
 * so the change never writes over it */
void
followup_daemon_refresh (FollowupDaemon *d)
{
  g_autofree char *checksum = followup_store_checksum (d->config_path);

  if (checksum != NULL && g_strcmp0 (checksum, d->checksum) != 0)
    followup_daemon_reload (d, NULL);
}

/* a broken file refuses every change; inside a batch the file was read
 * fresh when the batch began, and is not re-read under its edits */
static gboolean
ensure_fresh (FollowupDaemon *d, GError **error)
{
  if (d->batch_base == NULL)
    followup_daemon_refresh (d);
  if (d->broken != NULL) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_CONFIG_BROKEN,
                 "the record file does not parse, so changes are refused until it is fixed "
                 "(nothing was changed; run followupd --check): %s",
                 d->broken);
    return FALSE;
  }
  return TRUE;
}

/* after a save of `checksum`: the file on disk is ours, listeners hear of
 * each change, and the schedule is re-planned once */
void
followup_daemon_saved (FollowupDaemon *d, GPtrArray *ids, char *checksum)
{
  g_free (d->checksum);
  d->checksum = checksum;
  sync_properties (d);
  if (ids->len == 1)
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO, "FOLLOWUP_RECORD", ids->pdata[0], "MESSAGE",
                      "saved %s after a change to %s", d->config_path, (char *) ids->pdata[0]);
  else
    g_info ("saved %s after %u changes", d->config_path, ids->len);
  for (guint i = 0; d->skeleton != NULL && i < ids->len; i++)
    followup_dbus_followup1_emit_changed (d->skeleton, ids->pdata[i]);
  followup_daemon_replan (d);
}

/* `record` replaces the one with `id`, is added when `id` is NULL, or the
 * one with `id` goes when `record` is NULL; saved with the rest of the
 * batch being applied, or at once as a batch of its own (a notification
 * button) */
static gboolean
commit (FollowupDaemon *d, const char *id, FollowupRecord *record, GError **error)
{
  gboolean alone = d->batch_base == NULL;

  if (alone)
    followup_daemon_begin_batch (d);
  followup_record_set_apply (d->set, id, record);
  g_ptr_array_add (d->batch_ids, g_strdup (record ? record->id : id));
  return !alone || followup_daemon_end_batch (d, error);
}

FollowupRecord *
followup_daemon_lookup (FollowupDaemon *d, const char *id, GError **error)
{
  FollowupRecord *record = followup_record_set_lookup (d->set, id);

  if (record == NULL)
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_NOT_FOUND,
                 "there is no interview with the id “%s” (followupctl list shows the ids)", id);
  return record;
}

static gboolean
has_key (GVariant *dict, const char *key)
{
  g_autoptr (GVariant) value = g_variant_lookup_value (dict, key, NULL);

  return value != NULL;
}

static GVariant *
with_defaults (FollowupDaemon *d, GVariant *dict, GError **error)
{
  const char *id = NULL, *company = NULL, *role = NULL;
  g_autofree char *new_id = NULL;
  g_autoptr (GVariant) result = g_variant_ref (dict);

  /* an id of the wrong type is the validator's to refuse, not ours to replace */
  if (has_key (dict, "id") && !g_variant_lookup (dict, "id", "&s", &id))
    return g_steal_pointer (&result);
  if (id != NULL) {
    if (followup_record_set_lookup (d->set, id) != NULL) {
      g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_EXISTS,
                   "an interview with the id “%s” exists already; pick another id", id);
      return NULL;
    }
  } else {
    g_variant_lookup (dict, "company", "&s", &company);
    g_variant_lookup (dict, "role", "&s", &role);
    new_id = followup_record_set_unique_id (d->set, company, role);
    g_variant_unref (result);
    result = followup_variant_set (dict, "id", g_variant_new_string (new_id));
  }
  /* pin the zone, so the record keeps its meaning if the user moves */
  if (!has_key (result, "timezone") && g_time_zone_get_identifier (d->user_tz) != NULL) {
    GVariant *pinned =
      followup_variant_set (result, "timezone",
                            g_variant_new_string (g_time_zone_get_identifier (d->user_tz)));

    g_variant_unref (result);
    result = pinned;
  }
  return g_steal_pointer (&result);
}

char *
followup_daemon_add (FollowupDaemon *d, GVariant *dict, GError **error)
{
  g_autoptr (GVariant) owned = g_variant_ref_sink (dict);
  g_autoptr (GVariant) full = NULL;
  g_autoptr (FollowupRecord) record = NULL;

  if (!ensure_fresh (d, error))
    return NULL;
  full = with_defaults (d, owned, error);
  if (full == NULL)
    return NULL;
  record = followup_record_new_from_variant (full, d->user_tz, NULL, error);
  if (record == NULL || !commit (d, NULL, record, error))
    return NULL;
  return g_strdup (record->id);
}

static char *
now_in (FollowupDaemon *d, GTimeZone *tz)
{
  g_autoptr (GDateTime) now = followup_daemon_now (d);
  g_autoptr (GDateTime) local = g_date_time_to_timezone (now, tz);

  return followup_format_record_time (local);
}

/* a status change also records when it happened: the rejection thank-you
 * and keep-in-touch count from it */
static FollowupRecord *
validate_update (FollowupDaemon *d, FollowupRecord *old, GVariant *merged, GError **error)
{
  g_autoptr (FollowupRecord) record = NULL;
  g_autoptr (GVariant) stamped = NULL;
  g_autofree char *at = NULL;

  record = followup_record_new_from_variant (merged, d->user_tz, NULL, error);
  if (record == NULL || record->status == old->status)
    return g_steal_pointer (&record);
  at = now_in (d, record->tz);
  stamped = followup_variant_set (merged, "status_at", g_variant_new_string (at));
  return followup_record_new_from_variant (stamped, d->user_tz, NULL, error);
}

gboolean
followup_daemon_update (FollowupDaemon *d, const char *id, GVariant *changes, GError **error)
{
  g_autoptr (GVariant) owned = g_variant_ref_sink (changes);
  g_autoptr (GVariant) merged = NULL;
  g_autoptr (FollowupRecord) record = NULL;
  FollowupRecord *old;
  const char *new_id;

  if (!ensure_fresh (d, error) || (old = followup_daemon_lookup (d, id, error)) == NULL)
    return FALSE;
  if (g_variant_lookup (owned, "id", "&s", &new_id) && g_strcmp0 (new_id, id) != 0) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID,
                 "id: an interview keeps its id; remove it and add it again to rename it");
    return FALSE;
  }
  merged = followup_variant_merge (old->dict, owned);
  record = validate_update (d, old, merged, error);
  return record != NULL && commit (d, id, record, error);
}

gboolean
followup_daemon_remove (FollowupDaemon *d, const char *id, GError **error)
{
  if (!ensure_fresh (d, error) || followup_daemon_lookup (d, id, error) == NULL)
    return FALSE;
  return commit (d, id, NULL, error);
}

gboolean
followup_daemon_record_event (FollowupDaemon *d, const char *id, const char *type,
                              GVariant *details, GError **error)
{
  g_autoptr (GVariant) owned = g_variant_ref_sink (details);
  g_autoptr (GVariant) merged = NULL;
  g_autoptr (FollowupRecord) record = NULL;
  FollowupRecord *old;
  FollowupEventType t;
  GVariantDict event;

  if (!ensure_fresh (d, error) || (old = followup_daemon_lookup (d, id, error)) == NULL)
    return FALSE;
  if (!followup_event_type_from_string (type, &t)) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID,
                 "type: unknown event “%s” (use thank-you, email, call, response or "
                 "keep-in-touch)",
                 type);
    return FALSE;
  }
  g_variant_dict_init (&event, owned);
  g_variant_dict_insert (&event, "type", "s", type);
  if (!g_variant_dict_contains (&event, "at")) {
    g_autofree char *at = now_in (d, old->tz);

    g_variant_dict_insert (&event, "at", "s", at);
  }
  merged = followup_variant_append_event (old->dict, g_variant_dict_end (&event));
  record = followup_record_new_from_variant (merged, d->user_tz, NULL, error);
  return record != NULL && commit (d, id, record, error);
}

static GDateTime *
next_window_for (FollowupDaemon *d, const FollowupReminder *r)
{
  const FollowupContact *c = followup_record_find_contact (r->record, r->contact);
  g_autoptr (GDateTime) now = followup_daemon_now (d);
  g_autoptr (GDateTime) until = NULL;
  GDateTime *after = g_date_time_compare (r->due, now) > 0 ? r->due : now;

  return followup_engine_next_window (d->set->policy, c ? c->tz : r->record->tz, after, &until);
}

gboolean
followup_daemon_snooze (FollowupDaemon *d, const char *id, const char *action, gint64 until,
                        GError **error)
{
  g_autoptr (GDateTime) now = followup_daemon_now (d);
  FollowupAction a;
  guint matched = 0;

  if (followup_daemon_lookup (d, id, error) == NULL)
    return FALSE;
  if (!followup_action_from_string (action, &a)) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID,
                 "action: unknown action “%s” (use thank-you, follow-up-email, call, move-on, "
                 "thanks-after-rejection or keep-in-touch)",
                 action);
    return FALSE;
  }
  if (until == 0 && a != FOLLOWUP_ACTION_CALL) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID,
                 "until: only a call can wait for the next calling window; give a time");
    return FALSE;
  }
  if (until != 0 && until <= g_date_time_to_unix (now)) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID,
                 "until: a snooze must end in the future");
    return FALSE;
  }
  if (until > g_date_time_to_unix (now) + MAX_SNOOZE) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID,
                 "until: a snooze may last a year at most; to stop following up, set the "
                 "status (followupctl status ID closed)");
    return FALSE;
  }
  for (guint i = 0; i < d->reminders->len; i++) {
    const FollowupReminder *r = g_ptr_array_index (d->reminders, i);
    g_autoptr (GDateTime) window = NULL;

    if (r->action != a || g_strcmp0 (r->record->id, id) != 0)
      continue;
    window = until == 0 ? next_window_for (d, r) : NULL;
    followup_state_set_snooze (d->state, r->key, window ? g_date_time_to_unix (window) : until);
    /* a snoozed step is shown again when the snooze ends */
    followup_state_forget_shown (d->state, r->key);
    matched++;
  }
  if (matched == 0) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_NOT_FOUND,
                 "“%s” has no %s step pending (followupctl next shows what is)", id, action);
    return FALSE;
  }
  followup_daemon_replan (d);
  return TRUE;
}

GPtrArray *
followup_daemon_check (FollowupDaemon *d)
{
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (FollowupRecordSet) set =
    followup_store_load (d->config_path, d->user_tz, &problems, &error);

  if (set != NULL)
    return g_ptr_array_new_with_free_func (g_free);
  if (problems == NULL) {
    problems = g_ptr_array_new_with_free_func (g_free);
    g_ptr_array_add (problems, g_strdup_printf ("%s: %s", d->config_path, error->message));
  }
  return g_steal_pointer (&problems);
}

static GFileMonitor *watch (const char *path, GCallback callback, FollowupDaemon *d);
static void config_changed_cb (GFileMonitor *monitor, GFile *file, GFile *other,
                               GFileMonitorEvent event, gpointer user_data);

/* a record file that is a symlink (into a dotfiles repository, say) is
 * edited where it points: that file is watched too, and again whenever the
 * link is pointed elsewhere */
static void
watch_link_target (FollowupDaemon *d)
{
  g_autofree char *target = realpath (d->config_path, NULL);

  if (target != NULL && g_strcmp0 (target, d->config_path) == 0)
    g_clear_pointer (&target, g_free);
  if (g_strcmp0 (target, d->target_path) == 0)
    return;
  g_clear_object (&d->target_monitor);
  g_free (d->target_path);
  d->target_path = g_steal_pointer (&target);
  if (d->target_path != NULL)
    d->target_monitor = watch (d->target_path, G_CALLBACK (config_changed_cb), d);
}

static void
config_changed_cb (GFileMonitor *monitor, GFile *file, GFile *other, GFileMonitorEvent event,
                   gpointer user_data)
{
  FollowupDaemon *d = user_data;
  g_autofree char *checksum = NULL;

  if (event != G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT && event != G_FILE_MONITOR_EVENT_CREATED &&
      event != G_FILE_MONITOR_EVENT_DELETED && event != G_FILE_MONITOR_EVENT_MOVED_IN &&
      event != G_FILE_MONITOR_EVENT_RENAMED)
    return;
  watch_link_target (d);
  /* our own saves land here too; only a different content is news */
  checksum = followup_store_checksum (d->config_path);
  if (g_strcmp0 (checksum, d->checksum) == 0)
    return;
  g_message ("%s changed on disk; reloading", d->config_path);
  followup_daemon_reload (d, NULL);
}

static void
zone_changed_cb (GFileMonitor *monitor, GFile *file, GFile *other, GFileMonitorEvent event,
                 gpointer user_data)
{
  FollowupDaemon *d = user_data;

  g_time_zone_unref (d->user_tz);
  d->user_tz = user_zone ();
  g_message ("the time zone is now %s", g_time_zone_get_identifier (d->user_tz));
  followup_daemon_replan (d);
}

static void
timer_cb (gboolean clock_set, gpointer user_data)
{
  FollowupDaemon *d = user_data;

  if (clock_set)
    g_message ("the clock was set; re-planning");
  else
    g_debug ("woke for the next step; re-planning");
  followup_daemon_replan (d);
}

static GFileMonitor *
watch (const char *path, GCallback callback, FollowupDaemon *d)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  GFileMonitor *monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);

  if (monitor == NULL) {
    g_warning ("cannot watch %s: %s", path, error->message);
    return NULL;
  }
  g_signal_connect (monitor, "changed", callback, d);
  return monitor;
}

/* a save killed half-way leaves its temporary file (FILE.XXXXXX, also for
 * FILE~) beside the records: at start no save is running, so they go */
static void
remove_stale_temp_files (const char *config_path)
{
  g_autofree char *dir_name = g_path_get_dirname (config_path);
  g_autofree char *base = g_path_get_basename (config_path);
  g_autofree char *backup = g_strconcat (base, "~", NULL);
  g_autoptr (GDir) dir = g_dir_open (dir_name, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL) {
    const char *stem = g_str_has_prefix (name, backup) ? backup : base;
    g_autofree char *path = NULL;

    if (!g_str_has_prefix (name, stem) || strlen (name) != strlen (stem) + 7 ||
        name[strlen (stem)] != '.')
      continue;
    path = g_build_filename (dir_name, name, NULL);
    if (g_file_test (path, G_FILE_TEST_IS_REGULAR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK) &&
        g_remove (path) == 0)
      g_message ("removed %s, left by a save that was interrupted", path);
  }
}

FollowupDaemon *
followup_daemon_new (const char *config_path, const char *state_path, GError **error)
{
  g_autoptr (FollowupDaemon) d = g_new0 (FollowupDaemon, 1);

  d->config_path = g_strdup (config_path);
  d->state_path = g_strdup (state_path);
  d->user_tz = user_zone ();
  d->set = followup_record_set_new (NULL);
  d->reminders = g_ptr_array_new_with_free_func ((GDestroyNotify) followup_reminder_free);
  d->in_flight = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  d->loop = g_main_loop_new (NULL, FALSE);
  if (!g_file_test (config_path, G_FILE_TEST_EXISTS) && !write_starter_file (config_path, error))
    return NULL;
  remove_stale_temp_files (config_path);
  d->state = followup_state_load (state_path);
  d->timer = followup_timer_new (timer_cb, d, error);
  if (d->timer == NULL)
    return NULL;
  /* a file that does not parse at start leaves no records, but the daemon
   * runs: it says what is wrong and picks up the fix */
  if (load_from_disk (d, NULL))
    g_message ("loaded %u interview%s from %s", d->set->records->len,
               d->set->records->len == 1 ? "" : "s", config_path);
  d->monitor = watch (config_path, G_CALLBACK (config_changed_cb), d);
  watch_link_target (d);
  d->zone_monitor = watch ("/etc/localtime", G_CALLBACK (zone_changed_cb), d);
  return g_steal_pointer (&d);
}

static void
bus_acquired_cb (GDBusConnection *bus, const char *name, gpointer user_data)
{
  FollowupDaemon *d = user_data;

  d->bus = g_object_ref (bus);
  /* the bus going away is the end: exit non-zero and let systemd restart us */
  g_dbus_connection_set_exit_on_close (bus, FALSE);
  followup_daemon_export (d, bus);
  sync_properties (d);
  d->notifier =
    followup_notifier_new (bus, followup_daemon_action_cb, followup_daemon_server_cb, d);
}

static void
name_acquired_cb (GDBusConnection *bus, const char *name, gpointer user_data)
{
  FollowupDaemon *d = user_data;

  d->name_acquired = TRUE;
  g_message ("ready on the session bus as %s", name);
  followup_daemon_replan (d);
  sd_notify (FALSE, "READY=1");
}

static void
name_lost_cb (GDBusConnection *bus, const char *name, gpointer user_data)
{
  FollowupDaemon *d = user_data;

  if ((bus == NULL || g_dbus_connection_is_closed (bus)) && d->name_acquired)
    g_warning ("the session bus went away (the session ended or dbus-daemon stopped); "
               "exiting with an error so that systemd restarts followupd");
  else if (bus == NULL || g_dbus_connection_is_closed (bus))
    g_printerr ("followupd: cannot reach the session bus; is DBUS_SESSION_BUS_ADDRESS set?\n");
  else if (!d->name_acquired)
    g_printerr ("followupd: another followupd already runs on this session bus (it owns %s); "
                "stop it, or start this one with --replace\n",
                name);
  else
    g_message ("replaced by another followupd; exiting");
  followup_daemon_quit (d, d->name_acquired && bus != NULL && !g_dbus_connection_is_closed (bus)
                             ? 0
                             : 1);
}

static gboolean
quit_signal_cb (gpointer user_data)
{
  followup_daemon_quit (user_data, 0);
  return G_SOURCE_CONTINUE;
}

static gboolean
reload_signal_cb (gpointer user_data)
{
  followup_daemon_reload (user_data, NULL);
  return G_SOURCE_CONTINUE;
}

int
followup_daemon_run (FollowupDaemon *d, gboolean replace)
{
  GBusNameOwnerFlags flags = G_BUS_NAME_OWNER_FLAGS_ALLOW_REPLACEMENT;
  guint sources[3];

  if (replace)
    flags |= G_BUS_NAME_OWNER_FLAGS_REPLACE;
  sources[0] = g_unix_signal_add (SIGTERM, quit_signal_cb, d);
  sources[1] = g_unix_signal_add (SIGINT, quit_signal_cb, d);
  sources[2] = g_unix_signal_add (SIGHUP, reload_signal_cb, d);
  d->owner_id = g_bus_own_name (G_BUS_TYPE_SESSION, "org.followup.Followup1", flags,
                                bus_acquired_cb, name_acquired_cb, name_lost_cb, d, NULL);
  g_main_loop_run (d->loop);
  sd_notify (FALSE, "STOPPING=1");
  /* edits that arrived with the stop signal are saved and answered */
  followup_daemon_flush (d);
  if (d->bus != NULL && !g_dbus_connection_is_closed (d->bus))
    g_dbus_connection_flush_sync (d->bus, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    g_source_remove (sources[i]);
  return d->exit_code;
}

void
followup_daemon_quit (FollowupDaemon *d, int exit_code)
{
  d->exit_code = exit_code;
  g_main_loop_quit (d->loop);
}

void
followup_daemon_free (FollowupDaemon *d)
{
  if (d == NULL)
    return;
  if (d->state != NULL && !followup_state_save (d->state, NULL))
    g_warning ("could not save the reminder state on exit");
  g_clear_handle_id (&d->owner_id, g_bus_unown_name);
  g_clear_handle_id (&d->retry_id, g_source_remove);
  g_clear_handle_id (&d->flush_id, g_source_remove);
  g_clear_pointer (&d->queue, g_ptr_array_unref);
  g_clear_pointer (&d->notifier, followup_notifier_free);
  if (d->skeleton != NULL)
    g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (d->skeleton));
  g_clear_object (&d->skeleton);
  g_clear_object (&d->bus);
  g_clear_object (&d->monitor);
  g_clear_object (&d->target_monitor);
  g_free (d->target_path);
  g_clear_object (&d->zone_monitor);
  g_clear_pointer (&d->timer, followup_timer_free);
  g_clear_pointer (&d->state, followup_state_free);
  g_clear_pointer (&d->reminders, g_ptr_array_unref);
  g_clear_pointer (&d->in_flight, g_hash_table_unref);
  g_clear_pointer (&d->set, followup_record_set_unref);
  g_clear_pointer (&d->user_tz, g_time_zone_unref);
  g_clear_pointer (&d->loop, g_main_loop_unref);
  g_free (d->config_path);
  g_free (d->state_path);
  g_free (d->checksum);
  g_free (d->broken);
  g_free (d->broken_notified);
  g_free (d);
}

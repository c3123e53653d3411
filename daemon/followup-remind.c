/* followup-remind.c: from the schedule to the screen
 *
 * every re-plan computes the schedule afresh, shows what is due and not yet
 * shown, and arms the one timer for the next due step */
#include "config.h"

#include <systemd/sd-daemon.h>

#include "followup-daemon.h"
#include "followup-time.h"

#define SUMMARY_TAG "followup-summary"
#define BROKEN_TAG "followup-config"
#define RETRY_SECONDS 60

typedef struct {
  FollowupDaemon *d;
  GPtrArray *keys; /* char* */
  GArray *dues;    /* gint64 */
  GPtrArray *ids;  /* for Reminded */
  GPtrArray *actions;
} Showing;

static void
showing_free (Showing *s)
{
  g_ptr_array_unref (s->keys);
  g_array_unref (s->dues);
  g_ptr_array_unref (s->ids);
  g_ptr_array_unref (s->actions);
  g_free (s);
}

/* the formats are literals; record text only ever fills them as arguments */
static char *
reminder_summary (const FollowupReminder *r)
{
  const char *who = r->contact ? r->contact : "the interviewer";
  const char *company = r->record->company;

  switch (r->action) {
    case FOLLOWUP_ACTION_THANK_YOU:
      return g_strdup_printf ("Send a thank-you note to %s at %s", who, company);
    case FOLLOWUP_ACTION_FOLLOW_UP_EMAIL:
      return g_strdup_printf ("Email %s at %s to follow up", who, company);
    case FOLLOWUP_ACTION_CALL:
      return g_strdup_printf ("Call %s at %s", who, company);
    case FOLLOWUP_ACTION_MOVE_ON:
      return g_strdup_printf ("Time to move on from %s", company);
    case FOLLOWUP_ACTION_THANKS_AFTER_REJECTION:
      return g_strdup_printf ("Thank %s at %s, even after the no", who, company);
    case FOLLOWUP_ACTION_KEEP_IN_TOUCH:
    default:
      return g_strdup_printf ("Keep in touch with %s at %s", who, company);
  }
}

static char *
reminder_body (FollowupDaemon *d, const FollowupReminder *r)
{
  const FollowupContact *c = followup_record_find_contact (r->record, r->contact);
  GString *body = g_string_new (r->reason);

  if (r->until != NULL) {
    g_autoptr (GDateTime) local = g_date_time_to_timezone (r->until, d->user_tz);
    g_autofree char *end = g_date_time_format (local, "%a %d %b %H:%M");

    g_string_append_printf (body, "\nUntil %s (your time).", end);
  }
  if (c != NULL && c->phone != NULL && r->action == FOLLOWUP_ACTION_CALL)
    g_string_append_printf (body, "\nPhone: %s", c->phone);
  else if (c != NULL && c->email != NULL)
    g_string_append_printf (body, "\nEmail: %s", c->email);
  return g_string_free (body, FALSE);
}

static const char *const call_actions[] = {
  "reached",     "Called: reached",       "voicemail", "Left voicemail",
  "next-window", "Snooze to next window", NULL,
};
static const char *const other_actions[] = {
  "done", "Done", "snooze", "Snooze 1 h", NULL,
};

static gboolean
retry_cb (gpointer user_data)
{
  FollowupDaemon *d = user_data;

  d->retry_id = 0;
  followup_daemon_replan (d);
  return G_SOURCE_REMOVE;
}

static void
shown_cb (const char *tag, gboolean shown, const char *error_message, gpointer user_data)
{
  Showing *s = user_data;
  FollowupDaemon *d = s->d;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < s->keys->len; i++) {
    const char *key = s->keys->pdata[i];

    g_hash_table_remove (d->in_flight, key);
    if (!shown)
      continue;
    followup_state_mark_shown (d->state, key, g_array_index (s->dues, gint64, i));
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "MESSAGE_ID",
                      "5b3bd8a4c4d44ab2a9c3a0b1e4d6f002", "FOLLOWUP_RECORD", s->ids->pdata[i],
                      "FOLLOWUP_ACTION", s->actions->pdata[i], "MESSAGE", "reminder shown: %s %s",
                      (char *) s->actions->pdata[i], (char *) s->ids->pdata[i]);
    if (d->skeleton != NULL)
      followup_dbus_followup1_emit_reminded (d->skeleton, s->ids->pdata[i], s->actions->pdata[i]);
  }
  if (shown && !followup_state_save (d->state, &error))
    g_warning ("%s", error->message);
  /* a hung server gets one more try a minute later; a missing one is
   * retried when it appears (followup_daemon_server_cb) */
  if (!shown && followup_notifier_has_server (d->notifier) && d->retry_id == 0)
    d->retry_id = g_timeout_add_seconds (RETRY_SECONDS, retry_cb, d);
  if (!shown)
    g_message ("reminder not shown yet (%s); it stays pending", error_message);
  showing_free (s);
}

static Showing *
showing_new (FollowupDaemon *d)
{
  Showing *s = g_new0 (Showing, 1);

  s->d = d;
  s->keys = g_ptr_array_new_with_free_func (g_free);
  s->dues = g_array_new (FALSE, FALSE, sizeof (gint64));
  s->ids = g_ptr_array_new_with_free_func (g_free);
  s->actions = g_ptr_array_new_with_free_func (g_free);
  return s;
}

static void
showing_add (Showing *s, const FollowupReminder *r)
{
  gint64 due = g_date_time_to_unix (r->due);

  g_ptr_array_add (s->keys, g_strdup (r->key));
  g_array_append_val (s->dues, due);
  g_ptr_array_add (s->ids, g_strdup (r->record->id));
  g_ptr_array_add (s->actions, g_strdup (followup_action_to_string (r->action)));
  g_hash_table_add (s->d->in_flight, g_strdup (r->key));
}

static void
show_one (FollowupDaemon *d, const FollowupReminder *r)
{
  Showing *s = showing_new (d);
  g_autofree char *summary = reminder_summary (r);
  g_autofree char *body = reminder_body (d, r);
  gboolean call = r->action == FOLLOWUP_ACTION_CALL;

  showing_add (s, r);
  /* a call is only good inside its window: critical keeps it on screen */
  followup_notifier_show (d->notifier, r->key, summary, body, call ? call_actions : other_actions,
                          call ? 2 : 1, shown_cb, s);
}

/* after a long sleep several steps come due at once: one notification
 * that lists them, not a burst */
static void
show_summary (FollowupDaemon *d, GPtrArray *due)
{
  Showing *s = showing_new (d);
  g_autofree char *summary = g_strdup_printf ("%u follow-ups are due", due->len);
  GString *body = g_string_new (NULL);
  g_autofree char *text = NULL;

  for (guint i = 0; i < due->len; i++) {
    const FollowupReminder *r = g_ptr_array_index (due, i);
    g_autofree char *line = reminder_summary (r);

    showing_add (s, r);
    g_string_append_printf (body, "%s%s", i ? "\n" : "", line);
  }
  g_string_append (body, "\nfollowupctl next shows them all.");
  text = g_string_free (g_steal_pointer (&body), FALSE);
  followup_notifier_show (d->notifier, SUMMARY_TAG, summary, text, NULL, 1, shown_cb, s);
}

static void
update_status (FollowupDaemon *d, const FollowupReminder *next)
{
  g_autofree char *when = NULL;
  g_autofree char *what = NULL;
  g_autoptr (GDateTime) local = NULL;

  if (next == NULL) {
    sd_notify (FALSE, d->broken ? "STATUS=The record file does not parse; see the journal"
                                : "STATUS=No follow-up pending");
    return;
  }
  local = g_date_time_to_timezone (next->due, d->user_tz);
  when = g_date_time_format (local, "%a %d %b %H:%M");
  what = reminder_summary (next);
  sd_notifyf (FALSE, "STATUS=Next: %s, %s%s", what, when,
              d->broken ? " (the record file does not parse)" : "");
}

void
followup_daemon_replan (FollowupDaemon *d)
{
  g_autoptr (GDateTime) now = followup_daemon_now (d);
  gint64 now_unix = g_date_time_to_unix (now);
  FollowupEngineInput in = { d->set->policy, d->user_tz, now,
                             followup_state_get_snoozes (d->state) };
  g_autoptr (GPtrArray) due = g_ptr_array_new ();
  g_autoptr (GHashTable) live = g_hash_table_new (g_str_hash, g_str_equal);
  const FollowupReminder *next = NULL;
  gint64 window_closes = G_MAXINT64;
  gint64 wake;
  g_autoptr (GError) error = NULL;

  g_ptr_array_unref (d->reminders);
  d->reminders = followup_engine_schedule (&in, d->set->records);
  for (guint i = 0; i < d->reminders->len; i++) {
    const FollowupReminder *r = g_ptr_array_index (d->reminders, i);
    gint64 at = g_date_time_to_unix (r->due);

    g_hash_table_add (live, r->key);
    if (at > now_unix && next == NULL)
      next = r;
    /* a call is shown again in each new window; any other step once, its
     * due moving with quiet hours or the zone notwithstanding */
    else if (at <= now_unix &&
             !followup_state_was_shown (d->state, r->key,
                                        r->action == FOLLOWUP_ACTION_CALL ? at : 0) &&
             !g_hash_table_contains (d->in_flight, r->key))
      g_ptr_array_add (due, (gpointer) r);
    /* when an open calling window closes, the call moves to the next one */
    if (at <= now_unix && r->action == FOLLOWUP_ACTION_CALL && r->until != NULL)
      window_closes = MIN (window_closes, g_date_time_to_unix (r->until));
  }
  /* with a broken file there are no records to go by: keep the memory */
  if (d->broken == NULL)
    followup_state_prune (d->state, live);
  if (d->notifier != NULL && due->len == 1)
    show_one (d, due->pdata[0]);
  else if (d->notifier != NULL && due->len > 1)
    show_summary (d, due);
  if (d->broken != NULL)
    followup_daemon_notify_broken (d);
  wake = MIN (next ? g_date_time_to_unix (next->due) : G_MAXINT64, window_closes);
  followup_timer_arm (d->timer, wake == G_MAXINT64 ? 0 : wake);
  if (d->skeleton != NULL)
    followup_dbus_followup1_set_next_due (d->skeleton, next ? g_date_time_to_unix (next->due) : 0);
  update_status (d, next);
  if (!followup_state_save (d->state, &error))
    g_warning ("%s", error->message);
}

static void
broken_shown_cb (const char *tag, gboolean shown, const char *error_message, gpointer user_data)
{
  FollowupDaemon *d = ((gpointer *) user_data)[0];
  g_autofree char *checksum = ((gpointer *) user_data)[1];

  /* not shown: forget it was sent, so the next chance tries again */
  if (!shown && g_strcmp0 (d->broken_notified, checksum) == 0)
    g_clear_pointer (&d->broken_notified, g_free);
  g_free (user_data);
}

/* once per broken content, not once per reload: marked as sent when it
 * goes out, so a re-plan while it is in flight does not send it again */
void
followup_daemon_notify_broken (FollowupDaemon *d)
{
  g_autofree char *body = NULL;
  gpointer *data;

  if (d->notifier == NULL || d->broken == NULL || g_strcmp0 (d->broken_notified, d->checksum) == 0)
    return;
  body = g_strdup_printf ("%s\nThe last good records stay in force, and changes are refused until "
                          "the file is fixed. followupd --check lists every problem.",
                          d->broken);
  g_free (d->broken_notified);
  d->broken_notified = g_strdup (d->checksum);
  data = g_new (gpointer, 2);
  data[0] = d;
  data[1] = g_strdup (d->checksum);
  followup_notifier_show (d->notifier, BROKEN_TAG, "followup cannot read your records", body, NULL,
                          2, broken_shown_cb, data);
}

static gboolean
done_action (FollowupDaemon *d, const FollowupReminder *r, const char *id, GError **error)
{
  GVariantDict details;

  g_variant_dict_init (&details, NULL);
  switch (r->action) {
    case FOLLOWUP_ACTION_THANK_YOU:
      if (r->contact != NULL)
        g_variant_dict_insert (&details, "contact", "s", r->contact);
      return followup_daemon_record_event (d, id, "thank-you", g_variant_dict_end (&details),
                                           error);
    case FOLLOWUP_ACTION_THANKS_AFTER_REJECTION:
      return followup_daemon_record_event (d, id, "thank-you", g_variant_dict_end (&details),
                                           error);
    case FOLLOWUP_ACTION_FOLLOW_UP_EMAIL:
      return followup_daemon_record_event (d, id, "email", g_variant_dict_end (&details), error);
    case FOLLOWUP_ACTION_KEEP_IN_TOUCH:
      return followup_daemon_record_event (d, id, "keep-in-touch", g_variant_dict_end (&details),
                                           error);
    case FOLLOWUP_ACTION_MOVE_ON:
    case FOLLOWUP_ACTION_CALL:
    default:
      g_variant_dict_insert (&details, "status", "s", "closed");
      return followup_daemon_update (d, id, g_variant_dict_end (&details), error);
  }
}

/* a button on a notification goes through the same functions as the bus */
void
followup_daemon_action_cb (const char *tag, const char *action_key, gpointer user_data)
{
  FollowupDaemon *d = user_data;
  const FollowupReminder *r = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) now = followup_daemon_now (d);
  g_autofree char *id = NULL;
  g_autofree char *action = NULL;
  gboolean ok;

  for (guint i = 0; i < d->reminders->len && r == NULL; i++) {
    if (g_strcmp0 (((FollowupReminder *) d->reminders->pdata[i])->key, tag) == 0)
      r = d->reminders->pdata[i];
  }
  if (r == NULL) {
    g_message ("“%s” clicked on a reminder that is no longer pending", action_key);
    return;
  }
  /* the re-plan after an edit frees `r` */
  id = g_strdup (r->record->id);
  action = g_strdup (followup_action_to_string (r->action));
  if (g_str_equal (action_key, "reached") || g_str_equal (action_key, "voicemail"))
    ok = followup_daemon_record_event (d, id, "call",
                                       g_variant_new_parsed ("{'outcome': <%s>}", action_key),
                                       &error);
  else if (g_str_equal (action_key, "next-window"))
    ok = followup_daemon_snooze (d, id, action, 0, &error);
  else if (g_str_equal (action_key, "snooze"))
    ok = followup_daemon_snooze (d, id, action, g_date_time_to_unix (now) + 3600, &error);
  else
    ok = done_action (d, r, id, &error);
  if (!ok)
    g_warning ("could not record “%s” for %s: %s", action_key, id, error->message);
  else
    g_message ("recorded “%s” for %s %s from a notification", action_key, action, id);
}

void
followup_daemon_server_cb (gboolean present, gpointer user_data)
{
  FollowupDaemon *d = user_data;

  if (!present)
    return;
  g_message ("a notification server is here; showing what is pending");
  followup_daemon_replan (d);
}

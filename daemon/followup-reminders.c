/* followup-reminders.c: the plan on screen, one timer, and the state of
 * what was shown */
#include "config.h"

#define G_LOG_DOMAIN "followup-reminders"

#include <systemd/sd-daemon.h>

#include "followup-calendar.h"
#include "followup-draft.h"
#include "followup-edit.h"
#include "followup-error.h"
#include "followup-i18n.h"
#include "followup-ledger.h"
#include "followup-notify.h"
#include "followup-open.h"
#include "followup-plan.h"
#include "followup-reminder-text.h"
#include "followup-reminders.h"
#include "followup-snooze.h"
#include "followup-state.h"
#include "followup-timer.h"

#define SUMMARY_TAG "followup-summary"
#define BROKEN_TAG "followup-config"
#define RETRY_SECONDS 60
/* after a resume, more than this many at once is a burst: the most urgent
 * come singly with their buttons, one more notification lists the rest */
#define MAX_SINGLE 3

struct _FollowupReminders {
  GObject parent;
  GTimeZone *user_tz;
  FollowupRecordSet *set; /* what the plan is made from */
  char *problem;          /* the record file is refused: why */
  char *problem_checksum; /* and which content */
  char *broken_notified;  /* checksum of the refused content already announced */
  GPtrArray *schedule;    /* the engine's steps at the last re-plan */
  FollowupState *state;
  FollowupLedger *ledger; /* what calendars were given of each step */
  GHashTable *in_flight;  /* reminder key, while its Notify call is out */
  FollowupNotifier *notifier;
  GCancellable *cancellable; /* of the opens in flight */
  GDBusConnection *bus;
  GPtrArray *summary_keys; /* the steps the summary notification lists */
  FollowupTimer *timer;
  guint retry_id;
};

enum {
  SIGNAL_SHOWN,
  SIGNAL_CLICKED,
  SIGNAL_PLANNED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

G_DEFINE_TYPE (FollowupReminders, followup_reminders, G_TYPE_OBJECT)

typedef struct {
  FollowupReminders *rem;
  GPtrArray *keys; /* char* */
  GArray *dues;    /* gint64, what the state marks them shown for */
  GArray *ends;    /* gint64, the end of a call's window, else 0 */
  GPtrArray *ids;  /* for "shown" */
  GPtrArray *actions;
} Showing;

static GDateTime *
now (FollowupReminders *rem)
{
  return g_date_time_new_now (rem->user_tz);
}

static void
showing_free (Showing *s)
{
  g_ptr_array_unref (s->keys);
  g_array_unref (s->dues);
  g_array_unref (s->ends);
  g_ptr_array_unref (s->ids);
  g_ptr_array_unref (s->actions);
  g_free (s);
}

/* a Call button wherever the number makes a tel: link. Not asked first
 * whether something opens it: the portal, when there is one, decides only
 * on the click, and the number is in the body for the phone in hand */
static gboolean
can_dial (const FollowupReminder *r)
{
  g_autofree char *tel = followup_reminder_tel_uri (r);

  return tel != NULL;
}

/* what is on screen goes into the state with everything else, so that a
 * restarted daemon can still take its notifications down */
static void
keep_desk (FollowupReminders *rem)
{
  g_autoptr (GVariant) shown = NULL;
  GVariantDict d;

  /* before the bus: nothing known yet, the state keeps what it has */
  if (rem->notifier == NULL)
    return;
  shown = followup_notifier_save (rem->notifier);
  if (shown == NULL) {
    followup_state_set_desk (rem->state, NULL);
    return;
  }
  g_variant_dict_init (&d, shown);
  if (rem->summary_keys->len > 0)
    g_variant_dict_insert (&d, "summary", "^as", (char **) rem->summary_keys->pdata);
  followup_state_set_desk (rem->state, g_variant_dict_end (&d));
}

static gboolean
save_state (FollowupReminders *rem, GError **error)
{
  keep_desk (rem);
  return followup_state_save (rem->state, error);
}

static gboolean
retry_cb (gpointer user_data)
{
  FollowupReminders *rem = user_data;

  rem->retry_id = 0;
  followup_reminders_replan (rem);
  return G_SOURCE_REMOVE;
}

static void
log_shown (const char *id, const char *action)
{
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "MESSAGE_ID",
                    "5b3bd8a4c4d44ab2a9c3a0b1e4d6f002", "FOLLOWUP_RECORD", id, "FOLLOWUP_ACTION",
                    action, "MESSAGE", "reminder shown: %s %s", action, id);
}

static void
shown_cb (const char *tag, gboolean shown, const char *error_message, gpointer user_data)
{
  Showing *s = user_data;
  FollowupReminders *rem = s->rem;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < s->keys->len; i++) {
    const char *key = s->keys->pdata[i];

    g_hash_table_remove (rem->in_flight, key);
    if (!shown)
      continue;
    followup_state_mark_shown (rem->state, key, g_array_index (s->dues, gint64, i));
    if (g_array_index (s->ends, gint64, i) != 0)
      followup_state_count_window (rem->state, key, g_array_index (s->ends, gint64, i));
    log_shown (s->ids->pdata[i], s->actions->pdata[i]);
    g_signal_emit (rem, signals[SIGNAL_SHOWN], 0, s->ids->pdata[i], s->actions->pdata[i]);
  }
  if (shown && !save_state (rem, &error))
    g_warning ("%s", error->message);
  /* a hung server gets one more try a minute later; a missing one is
   * retried when it appears (server_cb) */
  if (!shown && rem->notifier != NULL && followup_notifier_has_server (rem->notifier) &&
      rem->retry_id == 0)
    rem->retry_id = g_timeout_add_seconds (RETRY_SECONDS, retry_cb, rem);
  if (!shown)
    g_message ("reminder not shown yet (%s); it stays pending", error_message);
  showing_free (s);
}

static Showing *
showing_new (FollowupReminders *rem)
{
  Showing *s = g_new0 (Showing, 1);

  /* no reference: freeing the notifier (in dispose) answers every show */
  s->rem = rem;
  s->keys = g_ptr_array_new_with_free_func (g_free);
  s->dues = g_array_new (FALSE, FALSE, sizeof (gint64));
  s->ends = g_array_new (FALSE, FALSE, sizeof (gint64));
  s->ids = g_ptr_array_new_with_free_func (g_free);
  s->actions = g_ptr_array_new_with_free_func (g_free);
  return s;
}

static void
showing_add (Showing *s, const FollowupReminder *r)
{
  gint64 due = followup_plan_shown_due (r);
  gint64 end = r->action == FOLLOWUP_ACTION_CALL && r->until ? g_date_time_to_unix (r->until) : 0;

  g_ptr_array_add (s->keys, g_strdup (r->key));
  g_array_append_val (s->dues, due);
  g_array_append_val (s->ends, end);
  g_ptr_array_add (s->ids, g_strdup (r->record->id));
  g_ptr_array_add (s->actions, g_strdup (followup_action_to_string (r->action)));
  g_hash_table_add (s->rem->in_flight, g_strdup (r->key));
}

static void
show_one (FollowupReminders *rem, const FollowupReminder *r)
{
  Showing *s = showing_new (rem);
  g_autofree char *summary = followup_reminder_summary (r);
  g_autofree char *body = followup_reminder_body (r, rem->user_tz);
  gboolean call = r->action == FOLLOWUP_ACTION_CALL;
  g_auto (GStrv) buttons = followup_reminder_buttons (r, can_dial (r));

  showing_add (s, r);
  /* a call stays for its window, and is taken down at its end */
  followup_notifier_show (rem->notifier, r->key, summary, body, (const char *const *) buttons,
                          call ? FOLLOWUP_NOTIFY_RESIDENT : FOLLOWUP_NOTIFY_NONE, shown_cb, s);
}

/* the steps due after a burst beyond the first MAX_SINGLE: listed in one
 * notification, not one each */
static void
show_summary (FollowupReminders *rem, GPtrArray *due, guint from)
{
  Showing *s = showing_new (rem);
  guint n = due->len - from;
  g_autofree char *summary = NULL;
  GString *body = g_string_new (NULL);
  g_autofree char *text = NULL;

  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more follow-up waits",
                                          "%u more follow-ups wait", n),
                             n);
  g_ptr_array_set_size (rem->summary_keys, 0);
  for (guint i = from; i < due->len; i++) {
    const FollowupReminder *r = g_ptr_array_index (due, i);
    g_autofree char *line = followup_reminder_summary (r);

    showing_add (s, r);
    g_ptr_array_add (rem->summary_keys, g_strdup (r->key));
    g_string_append_printf (body, "%s%s", i > from ? "\n" : "", line);
  }
  g_string_append_c (body, '\n');
  g_string_append (body, _ ("followupctl next shows them all."));
  text = g_string_free (g_steal_pointer (&body), FALSE);
  followup_notifier_show (rem->notifier, SUMMARY_TAG, summary, text, NULL, FOLLOWUP_NOTIFY_NONE,
                          shown_cb, s);
}

static void
update_status (FollowupReminders *rem, const FollowupReminder *next)
{
  g_autofree char *when = NULL;
  g_autofree char *what = NULL;
  g_autoptr (GDateTime) local = NULL;

  if (next == NULL) {
    sd_notify (FALSE, rem->problem ? "STATUS=The record file does not parse; see the journal"
                                   : "STATUS=No follow-up pending");
    return;
  }
  local = g_date_time_to_timezone (next->due, rem->user_tz);
  when = g_date_time_format (local, "%a %d %b %H:%M");
  what = followup_reminder_summary (next);
  sd_notifyf (FALSE, "STATUS=Next: %s, %s%s", what, when,
              rem->problem ? " (the record file does not parse)" : "");
}

static void
broken_shown_cb (const char *tag, gboolean shown, const char *error_message, gpointer user_data)
{
  FollowupReminders *rem = ((gpointer *) user_data)[0];
  g_autofree char *checksum = ((gpointer *) user_data)[1];

  /* not shown: forget it was sent, so the next chance tries again */
  if (!shown && g_strcmp0 (rem->broken_notified, checksum) == 0)
    g_clear_pointer (&rem->broken_notified, g_free);
  g_free (user_data);
}

/* once per refused content, not once per reload: marked as sent when it
 * goes out, so a re-plan while it is in flight does not send it again.
 * Inside quiet hours it waits for their end (R12), which is returned (Unix
 * seconds, 0 when not waiting) for the timer: the records in force still
 * remind on time, only the news that the file is broken can wait */
static gint64
notify_broken (FollowupReminders *rem, GDateTime *t)
{
  FollowupCalendar cal = { rem->set->policy, rem->user_tz, NULL, NULL };
  g_autoptr (GDateTime) quiet_end = NULL;
  g_autofree char *body = NULL;
  gpointer *data;

  if (rem->notifier == NULL || rem->problem == NULL ||
      g_strcmp0 (rem->broken_notified, rem->problem_checksum) == 0)
    return 0;
  if (followup_calendar_is_quiet (&cal, t, &quiet_end)) {
    g_message ("the record file does not parse; saying so at the end of the quiet hours");
    return g_date_time_to_unix (quiet_end);
  }
  body = g_strdup_printf (_ ("%s\nThe last good records stay in force, and changes are refused "
                             "until the file is fixed. followupd --check lists every problem."),
                          rem->problem);
  g_free (rem->broken_notified);
  rem->broken_notified = g_strdup (rem->problem_checksum);
  data = g_new (gpointer, 2);
  data[0] = rem;
  data[1] = g_strdup (rem->problem_checksum);
  followup_notifier_show (rem->notifier, BROKEN_TAG, _ ("followup cannot read your records"), body,
                          NULL, FOLLOWUP_NOTIFY_NONE, broken_shown_cb, data);
  return 0;
}

/* the most urgent first: the nearest deadline or window end, then the
 * earliest due; a step without a deadline waits behind one with */
static gint
by_urgency (gconstpointer a, gconstpointer b)
{
  const FollowupReminder *x = *(const FollowupReminder *const *) a;
  const FollowupReminder *y = *(const FollowupReminder *const *) b;

  if ((x->until == NULL) != (y->until == NULL))
    return x->until == NULL ? 1 : -1;
  if (x->until != NULL && !g_date_time_equal (x->until, y->until))
    return g_date_time_compare (x->until, y->until);
  return followup_reminder_compare (a, b);
}

/* every step with its own notification and buttons, one per person to
 * thank; a burst after a resume shows the most urgent so and lists the rest */
static void
show_due (FollowupReminders *rem, GPtrArray *due)
{
  g_autoptr (GPtrArray) sorted = NULL;

  if (rem->notifier == NULL || due->len == 0)
    return;
  sorted = g_ptr_array_copy (due, NULL, NULL);
  g_ptr_array_sort (sorted, by_urgency);
  for (guint i = 0; i < MIN (sorted->len, MAX_SINGLE); i++)
    show_one (rem, sorted->pdata[i]);
  if (sorted->len > MAX_SINGLE)
    show_summary (rem, sorted, MAX_SINGLE);
}

static gboolean
summary_applies (FollowupReminders *rem, GHashTable *applies)
{
  for (guint i = 0; i < rem->summary_keys->len; i++) {
    if (g_hash_table_contains (applies, rem->summary_keys->pdata[i]))
      return TRUE;
  }
  return FALSE;
}

/* a notification goes when it no longer applies: its step recorded,
 * skipped, snoozed, planned anew, or its window or deadline passed; the
 * broken-file notice when the file reads again */
static void
withdraw (FollowupReminders *rem, GHashTable *applies)
{
  g_autoptr (GPtrArray) tags = NULL;

  if (rem->notifier == NULL)
    return;
  tags = followup_notifier_dup_tags (rem->notifier);
  for (guint i = 0; i < tags->len; i++) {
    const char *tag = tags->pdata[i];
    gboolean keep = g_str_equal (tag, BROKEN_TAG)    ? rem->problem != NULL
                    : g_str_equal (tag, SUMMARY_TAG) ? summary_applies (rem, applies)
                                                     : g_hash_table_contains (applies, tag);

    if (keep)
      continue;
    g_debug ("taking down the notification of %s", tag);
    followup_notifier_close (rem->notifier, tag);
    if (g_str_equal (tag, SUMMARY_TAG))
      g_ptr_array_set_size (rem->summary_keys, 0);
    if (g_str_equal (tag, BROKEN_TAG))
      g_clear_pointer (&rem->broken_notified, g_free);
  }
}

/* a status set by hand has no time of its own: date it from when it was
 * first seen, so its steps do not start over on each re-plan */
static void
note_status (FollowupReminders *rem, const FollowupRecord *r, gint64 now_unix)
{
  g_autofree char *key = NULL;

  if (r->status == FOLLOWUP_STATUS_WAITING) {
    followup_state_forget_status (rem->state, r->id);
    return;
  }
  if (r->status_at != NULL)
    return;
  key = followup_engine_status_key (r);
  followup_state_note_status (rem->state, r->id, key, now_unix);
}

static FollowupEngineInput
engine_input (FollowupReminders *rem, GDateTime *t)
{
  FollowupEngineInput in = { rem->set->policy,
                             rem->user_tz,
                             t,
                             followup_state_get_snoozes (rem->state),
                             followup_state_get_shown (rem->state),
                             followup_state_get_windows (rem->state),
                             followup_state_get_statuses (rem->state) };

  return in;
}

/* rem->schedule is new: show what is due, arm the timer for the next
 * change, keep the state to what still applies */
/* changed: the ids of the records planned again, NULL for all */
static void
apply_schedule (FollowupReminders *rem, GDateTime *t, GHashTable *changed)
{
  g_autoptr (FollowupPlan) plan = NULL;
  g_autoptr (GError) error = NULL;
  gint64 next_due, held;

  plan = followup_plan_compute (rem->schedule, rem->state, rem->in_flight, g_date_time_to_unix (t));
  /* with a refused file there are no records to go by: keep the memory */
  if (rem->problem == NULL) {
    followup_state_prune (rem->state, plan->live);
    followup_ledger_note_plan (rem->ledger, rem->schedule, changed, g_date_time_to_unix (t));
  }
  show_due (rem, plan->due);
  withdraw (rem, plan->applies);
  held = notify_broken (rem, t);
  followup_timer_arm (rem->timer,
                      held != 0 && (plan->wake == 0 || held < plan->wake) ? held : plan->wake);
  update_status (rem, plan->next);
  if (!save_state (rem, &error))
    g_warning ("%s", error->message);
  g_clear_error (&error);
  if (!followup_ledger_save (rem->ledger, &error))
    g_warning ("%s", error->message);
  next_due = plan->next ? g_date_time_to_unix (plan->next->due) : 0;
  g_signal_emit (rem, signals[SIGNAL_PLANNED], 0, next_due);
}

void
followup_reminders_replan (FollowupReminders *rem)
{
  g_autoptr (GDateTime) t = now (rem);
  FollowupEngineInput in = engine_input (rem, t);

  g_ptr_array_unref (rem->schedule);
  rem->schedule = followup_engine_schedule (&in, rem->set->records);
  apply_schedule (rem, t, NULL);
}

/* the steps of the records in changed, planned again, merged in order into
 * the steps of all the others, which are kept as they are */
static GPtrArray *
merge_steps (GPtrArray *old, GHashTable *changed, GPtrArray *fresh)
{
  GPtrArray *out =
    g_ptr_array_new_full (old->len + fresh->len, (GDestroyNotify) followup_reminder_free);
  guint j = 0;

  for (guint i = 0; i < old->len; i++) {
    if (g_hash_table_contains (changed, ((FollowupReminder *) old->pdata[i])->record->id))
      continue;
    while (j < fresh->len && followup_reminder_compare (&fresh->pdata[j], &old->pdata[i]) < 0)
      g_ptr_array_add (out, g_steal_pointer (&fresh->pdata[j++]));
    g_ptr_array_add (out, g_steal_pointer (&old->pdata[i]));
  }
  while (j < fresh->len)
    g_ptr_array_add (out, g_steal_pointer (&fresh->pdata[j++]));
  return out;
}

/* A commit names the records it changed, and only those are planned again:
 * planning all of them made an edit at 10,000 records cost 12 times the
 * file write. The steps kept are what a full plan gives: the engine reads
 * the clock only against the instants its steps show up or expire, and at
 * each of those the timer plans everything again. */
static void
replan_changed (FollowupReminders *rem, const char *const *ids)
{
  g_autoptr (GDateTime) t = now (rem);
  FollowupEngineInput in = engine_input (rem, t);
  g_autoptr (GHashTable) changed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) fresh =
    g_ptr_array_new_with_free_func ((GDestroyNotify) followup_reminder_free);
  GPtrArray *old = rem->schedule;

  for (guint i = 0; ids[i] != NULL; i++) {
    FollowupRecord *r = followup_record_set_lookup (rem->set, ids[i]);

    /* a batch may name a record more than once */
    if (!g_hash_table_add (changed, (gpointer) ids[i]) || r == NULL)
      continue;
    note_status (rem, r, g_date_time_to_unix (t));
    g_ptr_array_extend_and_steal (fresh, followup_engine_schedule_record (&in, r));
  }
  g_ptr_array_sort (fresh, followup_reminder_compare);
  rem->schedule = merge_steps (old, changed, fresh);
  g_ptr_array_unref (old);
  apply_schedule (rem, t, changed);
}

void
followup_reminders_set_records (FollowupReminders *rem, FollowupRecordSet *set,
                                const char *const *ids, const char *problem,
                                const char *problem_checksum)
{
  /* a file refused before or now, or a reload: any record may differ */
  gboolean all = ids == NULL || problem != NULL || rem->problem != NULL;

  followup_record_set_ref (set);
  followup_record_set_unref (rem->set);
  rem->set = set;
  g_free (rem->problem);
  rem->problem = g_strdup (problem);
  g_free (rem->problem_checksum);
  rem->problem_checksum = g_strdup (problem_checksum);
  if (!all) {
    replan_changed (rem, ids);
    return;
  }
  /* statuses change only with the records: not on every timer re-plan */
  if (problem == NULL) {
    g_autoptr (GDateTime) t = now (rem);

    for (guint i = 0; i < set->records->len; i++)
      note_status (rem, g_ptr_array_index (set->records, i), g_date_time_to_unix (t));
  }
  followup_reminders_replan (rem);
}

void
followup_reminders_set_user_tz (FollowupReminders *rem, GTimeZone *user_tz)
{
  g_time_zone_unref (rem->user_tz);
  rem->user_tz = g_time_zone_ref (user_tz);
  followup_reminders_replan (rem);
}

GPtrArray *
followup_reminders_get_schedule (FollowupReminders *rem)
{
  return rem->schedule;
}

FollowupLedger *
followup_reminders_get_ledger (FollowupReminders *rem)
{
  return rem->ledger;
}

static const FollowupReminder *
find_by_key (FollowupReminders *rem, const char *key)
{
  for (guint i = 0; i < rem->schedule->len; i++) {
    const FollowupReminder *r = rem->schedule->pdata[i];

    if (g_strcmp0 (r->key, key) == 0)
      return r;
  }
  return NULL;
}

static void
note_shown_cb (const char *tag, gboolean shown, const char *error_message, gpointer user_data)
{
}

/* the step's notification again, in place, with its buttons and a line
 * that says what went wrong; it is not marked shown anew */
static void
show_with_note (FollowupReminders *rem, const FollowupReminder *r, const char *summary,
                const char *note)
{
  g_autofree char *step = followup_reminder_body (r, rem->user_tz);
  g_autofree char *body = g_strdup_printf ("%s\n\n%s", note, step);
  g_autofree char *title = summary ? NULL : followup_reminder_summary (r);
  g_auto (GStrv) buttons = followup_reminder_buttons (r, can_dial (r));
  gboolean call = r->action == FOLLOWUP_ACTION_CALL;

  if (rem->notifier == NULL)
    return;
  followup_notifier_show (rem->notifier, r->key, summary ? summary : title, body,
                          (const char *const *) buttons,
                          call ? FOLLOWUP_NOTIFY_RESIDENT : FOLLOWUP_NOTIFY_NONE, note_shown_cb,
                          NULL);
}

/* an open in flight: the answer may come long after (once the user chose
 * an application), when the reminders may be gone, hence the weak ref */
typedef struct {
  GWeakRef rem;
  char *key;
  gboolean call;
} Opening;

static void
opening_free (Opening *o)
{
  g_weak_ref_clear (&o->rem);
  g_free (o->key);
  g_free (o);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Opening, opening_free)

static void
tell_not_opened (FollowupReminders *rem, const char *key, gboolean call, const char *why)
{
  const FollowupReminder *r = find_by_key (rem, key);
  g_autofree char *note = NULL;

  if (r == NULL)
    return;
  note = call ? g_strdup_printf (_ ("The call was not handed to a phone: %s. Dial the number "
                                    "below yourself."),
                                 why)
              : g_strdup_printf (_ ("The draft was not opened: %s."), why);
  show_with_note (rem, r, NULL, note);
}

static void
opened_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr (Opening) o = user_data;
  g_autoptr (FollowupReminders) rem = g_weak_ref_get (&o->rem);
  g_autoptr (GError) error = NULL;

  if (followup_open_uri_finish (res, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_warning ("could not open the link for %s: %s", o->key, error->message);
  if (rem != NULL)
    tell_not_opened (rem, o->key, o->call, error->message);
}

static void
open_for (FollowupReminders *rem, const FollowupReminder *r, const char *uri)
{
  Opening *o = g_new0 (Opening, 1);

  g_weak_ref_init (&o->rem, rem);
  o->key = g_strdup (r->key);
  o->call = r->action == FOLLOWUP_ACTION_CALL;
  followup_open_uri_async (rem->bus, uri, rem->cancellable, opened_cb, o);
}

/* "Call": the number goes to the phone through the portal; the call
 * itself is recorded with the buttons that follow, so it stays up */
static void
dial (FollowupReminders *rem, const FollowupReminder *r)
{
  g_autofree char *tel = followup_reminder_tel_uri (r);

  if (tel == NULL)
    return;
  g_message ("opening %s for %s", tel, r->record->id);
  open_for (rem, r, tel);
}

/* "Write": the step's draft goes to the mail client as a mailto: link;
 * nothing is recorded (the user sends it, and Done says so), so the
 * notification stays */
static void
write_draft (FollowupReminders *rem, const FollowupReminder *r)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) t = now (rem);
  g_autoptr (FollowupDraft) draft = followup_draft_new_for_action (r->action, r->record->dict,
                                                                   rem->set->me, r->contact,
                                                                   rem->user_tz, t, &error);
  g_autofree char *uri = NULL;
  g_autofree char *note = NULL;

  if (draft == NULL) {
    g_warning ("no draft for %s: %s", r->record->id, error->message);
    note = g_strdup_printf (_ ("No draft could be written: %s."), error->message);
    show_with_note (rem, r, NULL, note);
    return;
  }
  uri = followup_draft_mailto (draft->to_email, draft->subject, draft->body);
  g_message ("opening a draft to %s for %s", draft->to_email ? draft->to_email : "(nobody)",
             r->record->id);
  open_for (rem, r, uri);
}

/* a button of a notification: the owner records what it means */
static void
action_cb (const char *tag, const char *button, gpointer user_data)
{
  FollowupReminders *rem = user_data;
  const FollowupReminder *r = find_by_key (rem, tag);
  g_autofree char *id = NULL;
  g_autofree char *contact = NULL;

  if (r == NULL) {
    g_message ("“%s” clicked on a reminder that is no longer pending", button);
    return;
  }
  if (g_str_equal (button, FOLLOWUP_REMINDER_CALL_BUTTON)) {
    dial (rem, r);
    return;
  }
  if (g_str_equal (button, FOLLOWUP_REMINDER_WRITE_BUTTON)) {
    write_draft (rem, r);
    return;
  }
  /* copies: the edit the click makes re-plans, which frees `r` */
  id = g_strdup (r->record->id);
  contact = g_strdup (r->contact);
  g_signal_emit (rem, signals[SIGNAL_CLICKED], 0, id, followup_action_to_string (r->action),
                 contact, button);
}

static void
server_cb (gboolean present, gpointer user_data)
{
  FollowupReminders *rem = user_data;

  if (!present)
    return;
  g_message ("a notification server is here; showing what is pending");
  followup_reminders_replan (rem);
}

void
followup_reminders_set_bus (FollowupReminders *rem, GDBusConnection *bus)
{
  GVariant *desk = followup_state_get_desk (rem->state);
  g_autofree const char **listed = NULL;

  g_clear_pointer (&rem->notifier, followup_notifier_free);
  g_set_object (&rem->bus, bus);
  rem->notifier = followup_notifier_new (bus, action_cb, server_cb, rem);
  /* what the run before left on screen, to take down when it stops applying */
  followup_notifier_restore (rem->notifier, desk);
  g_ptr_array_set_size (rem->summary_keys, 0);
  if (desk != NULL && g_variant_lookup (desk, "summary", "^a&s", &listed)) {
    for (guint i = 0; listed[i] != NULL; i++)
      g_ptr_array_add (rem->summary_keys, g_strdup (listed[i]));
  }
}

/* a snooze that is answered OK has been saved: after a restart it holds */
gboolean
followup_reminders_snooze (FollowupReminders *rem, const char *id, const char *action, gint64 until,
                           GError **error)
{
  g_autoptr (GDateTime) t = now (rem);
  g_autoptr (GArray) targets = NULL;
  g_autofree char *choices = NULL;
  FollowupAction a;

  if (followup_edit_lookup (rem->set, id, error) == NULL)
    return FALSE;
  if (!followup_action_from_string (action, &a)) {
    choices = followup_names_choices (FOLLOWUP_NAMES_ACTION);
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID,
                 _ ("action: unknown action “%s” (use %s)"), action, choices);
    return FALSE;
  }
  targets = followup_snooze_targets (rem->schedule, id, a, until, g_date_time_to_unix (t),
                                     rem->user_tz, error);
  if (targets == NULL || !followup_snooze_apply (rem->state, targets, until, error))
    return FALSE;
  followup_reminders_replan (rem);
  return TRUE;
}

/* a button whose edit could not be saved: the step is shown again with
 * its buttons, saying why, and is not marked shown, so it comes back */
void
followup_reminders_not_recorded (FollowupReminders *rem, const char *id, const char *action,
                                 const char *what, const char *why)
{
  FollowupAction a;

  if (rem->notifier == NULL || !followup_action_from_string (action, &a))
    return;
  for (guint i = 0; i < rem->schedule->len; i++) {
    const FollowupReminder *r = g_ptr_array_index (rem->schedule, i);
    g_autofree char *step = NULL;
    g_autofree char *summary = NULL;
    g_autofree char *note = NULL;

    if (r->action != a || g_strcmp0 (r->record->id, id) != 0)
      continue;
    step = followup_reminder_summary (r);
    summary = g_strdup_printf (_ ("Not recorded: %s"), step);
    note = g_strdup_printf (_ ("%s could not be saved: %s\nThe step is still pending."), what, why);
    followup_state_forget_shown (rem->state, r->key);
    show_with_note (rem, r, summary, note);
  }
}

static gboolean
expired_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* at exit: a Notify already out is waited for, at most timeout_ms (a hung
 * server must not hold the stop), so a reminder the server showed is
 * marked shown and does not come back after the restart */
void
followup_reminders_settle (FollowupReminders *rem, guint timeout_ms)
{
  gboolean expired = FALSE;
  guint id;

  if (g_hash_table_size (rem->in_flight) == 0)
    return;
  id = g_timeout_add (timeout_ms, expired_cb, &expired);
  while (!expired && g_hash_table_size (rem->in_flight) > 0)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (id);
}

gboolean
followup_reminders_save_state (FollowupReminders *rem, GError **error)
{
  return save_state (rem, error);
}

static void
timer_cb (gboolean clock_set, gpointer user_data)
{
  FollowupReminders *rem = user_data;

  if (clock_set)
    g_message ("the clock was set; re-planning");
  else
    g_debug ("woke for the next step; re-planning");
  followup_reminders_replan (rem);
}

FollowupReminders *
followup_reminders_new (const char *state_path, GTimeZone *user_tz, GError **error)
{
  g_autoptr (FollowupReminders) rem = g_object_new (FOLLOWUP_TYPE_REMINDERS, NULL);
  g_autofree char *ledger_path = followup_ledger_path_for_state (state_path);

  rem->user_tz = g_time_zone_ref (user_tz);
  rem->state = followup_state_load (state_path);
  rem->ledger = followup_ledger_load (ledger_path);
  rem->timer = followup_timer_new (timer_cb, rem, error);
  if (rem->timer == NULL)
    return NULL;
  return g_steal_pointer (&rem);
}

static void
followup_reminders_dispose (GObject *object)
{
  FollowupReminders *rem = FOLLOWUP_REMINDERS (object);

  /* what is on screen, kept for the next run; calls in flight are
   * answered now, as not shown */
  if (rem->notifier != NULL && rem->state != NULL)
    keep_desk (rem);
  g_clear_pointer (&rem->notifier, followup_notifier_free);
  g_cancellable_cancel (rem->cancellable);
  g_clear_object (&rem->bus);
  g_clear_handle_id (&rem->retry_id, g_source_remove);
  G_OBJECT_CLASS (followup_reminders_parent_class)->dispose (object);
}

static void
followup_reminders_finalize (GObject *object)
{
  FollowupReminders *rem = FOLLOWUP_REMINDERS (object);

  if (rem->state != NULL && !followup_state_flush (rem->state, NULL))
    g_warning ("could not save the reminder state on exit");
  if (rem->ledger != NULL && !followup_ledger_save (rem->ledger, NULL))
    g_warning ("could not save the calendar ledger on exit");
  g_clear_pointer (&rem->timer, followup_timer_free);
  g_clear_pointer (&rem->state, followup_state_free);
  g_clear_pointer (&rem->ledger, followup_ledger_free);
  g_clear_pointer (&rem->schedule, g_ptr_array_unref);
  g_clear_pointer (&rem->in_flight, g_hash_table_unref);
  g_clear_pointer (&rem->summary_keys, g_ptr_array_unref);
  g_clear_object (&rem->cancellable);
  g_clear_pointer (&rem->set, followup_record_set_unref);
  g_clear_pointer (&rem->user_tz, g_time_zone_unref);
  g_free (rem->problem);
  g_free (rem->problem_checksum);
  g_free (rem->broken_notified);
  G_OBJECT_CLASS (followup_reminders_parent_class)->finalize (object);
}

static void
followup_reminders_class_init (FollowupRemindersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = followup_reminders_dispose;
  object_class->finalize = followup_reminders_finalize;
  signals[SIGNAL_SHOWN] = g_signal_new ("shown", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING,
                                        G_TYPE_STRING);
  signals[SIGNAL_CLICKED] = g_signal_new ("clicked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 4, G_TYPE_STRING,
                                          G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
  signals[SIGNAL_PLANNED] = g_signal_new ("planned", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
followup_reminders_init (FollowupReminders *rem)
{
  rem->set = followup_record_set_new (NULL);
  rem->schedule = g_ptr_array_new_with_free_func ((GDestroyNotify) followup_reminder_free);
  rem->in_flight = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  rem->summary_keys = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  rem->cancellable = g_cancellable_new ();
}

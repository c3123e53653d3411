/* followup-engine.c: the follow-up rules of docs/rules.md, as a pure function
 *
 * "day N" is a calendar date in the record's zone and a calling window is a
 * wall-clock span in the callee's zone, so every step is built from dates
 * and minutes-of-day with GDateTime, never by adding N × 24 h. This file
 * places a step (snoozes, passed windows, catch-up, its end) and holds the
 * note rules; the timeline while waiting is in followup-engine-call.c */
#include "config.h"

#define G_LOG_DOMAIN "followup-engine"

#include <string.h>

#include "followup-i18n.h"
#include "followup-engine-private.h"
#include "followup-time.h"

#define KEEP_IN_TOUCH_MAX 6
/* a unix time a hand-edited state file may hold and GDateTime can take */
#define LAST_SANE_TIME G_GINT64_CONSTANT (253402300799)

void
followup_reminder_free (FollowupReminder *reminder)
{
  if (reminder == NULL)
    return;
  followup_record_unref (reminder->record);
  g_free (reminder->contact);
  g_date_time_unref (reminder->due);
  g_clear_pointer (&reminder->until, g_date_time_unref);
  g_date_time_unref (reminder->show_at);
  g_clear_pointer (&reminder->expires, g_date_time_unref);
  g_time_zone_unref (reminder->tz);
  g_free (reminder->reason);
  g_free (reminder->key);
  g_free (reminder);
}

/* calendar helpers */

void
followup_engine_date_in_zone (GDateTime *dt, GTimeZone *tz, GDate *out)
{
  g_autoptr (GDateTime) local = g_date_time_to_timezone (dt, tz);

  followup_datetime_get_date (local, out);
}

GDateTime *
followup_engine_at_time_of_day (GTimeZone *tz, const GDate *date, GDateTime *model)
{
  g_autoptr (GDateTime) local = g_date_time_to_timezone (model, tz);

  return followup_datetime_at (tz, date, followup_datetime_minute_of_day (local));
}

/* calendar days from one date to the other, as a person counts them */
int
followup_engine_days_between (GDateTime *from, GDateTime *to, GTimeZone *tz)
{
  GDate a, b;

  followup_engine_date_in_zone (from, tz, &a);
  followup_engine_date_in_zone (to, tz, &b);
  return followup_date_days_between (&a, &b);
}

char *
followup_engine_format_day (GDateTime *dt)
{
  return g_date_time_format (dt, "%a %-d %b");
}

/* R15: who is called, who is written to */
const FollowupContact *
followup_engine_pick_contact (const FollowupRecord *r, const char *prefers)
{
  for (guint i = 0; i < r->contacts->len; i++) {
    const FollowupContact *c = g_ptr_array_index (r->contacts, i);

    if (g_strcmp0 (c->prefers, prefers) == 0)
      return c;
  }
  return r->contacts->len > 0 ? g_ptr_array_index (r->contacts, 0) : NULL;
}

gboolean
followup_engine_in_round (const FollowupEngineCtx *ctx, const FollowupEvent *e)
{
  return ctx->round_no == 0 || g_date_time_compare (e->at, ctx->round->at) >= 0;
}

/* a time or a count from the daemon's memory */
gint64 *
followup_engine_lookup_time (GHashTable *table, const char *key)
{
  gint64 *t = table ? g_hash_table_lookup (table, key) : NULL;

  /* a state file edited by hand may hold any number: ignore what is no time */
  return t != NULL && *t > 0 && *t < LAST_SANE_TIME ? t : NULL;
}

/* placing a step */

static void
slot_move (FollowupSlot *slot, FollowupSlot *to)
{
  followup_slot_clear (slot);
  *slot = *to;
  *to = (FollowupSlot){ 0 };
}

static void
set_time (GDateTime **where, GDateTime *value)
{
  g_clear_pointer (where, g_date_time_unref);
  *where = value;
}

/* R10: a snooze moves a step later, never earlier; a snoozed call goes to
 * the window open at the snooze's end, or the next one */
static void
apply_snooze (FollowupEngineCtx *ctx, const char *key, const FollowupCalendar *cal,
              GTimeZone *call_tz, FollowupSlot *slot)
{
  gint64 *snooze = followup_engine_lookup_time (ctx->in->snoozes, key);
  g_autoptr (GDateTime) t = NULL;
  g_auto (FollowupSlot) moved = { 0 };
  GDate from;

  if (snooze == NULL || *snooze <= g_date_time_to_unix (slot->due))
    return;
  t = g_date_time_new_from_unix_utc (*snooze);
  if (call_tz == NULL) {
    set_time (&slot->due, followup_calendar_leave_quiet (cal, t));
    /* never past the note's deadline: then at the snooze's end as asked */
    if (slot->until != NULL && g_date_time_compare (slot->due, slot->until) >= 0)
      set_time (&slot->due, g_date_time_ref (t));
    set_time (&slot->show_at, g_date_time_ref (slot->due));
    return;
  }
  followup_engine_date_in_zone (t, call_tz, &from);
  if (!followup_calendar_find_window (cal, call_tz, &from, FOLLOWUP_WINDOW_ENDS_AFTER, t, &moved))
    return;
  slot_move (slot, &moved);
  if (g_date_time_compare (slot->due, t) < 0)
    set_time (&slot->due, g_date_time_ref (t));
  /* an off-hours call is shown early, but never before the snooze ends */
  if (g_date_time_compare (slot->show_at, t) < 0)
    set_time (&slot->show_at, g_date_time_ref (t));
}

/* R11: a call whose window has closed moves to the next one; inside a
 * window it stays due at that window's start */
static void
apply_passed_window (FollowupEngineCtx *ctx, const FollowupCalendar *cal, GTimeZone *call_tz,
                     FollowupSlot *slot)
{
  g_auto (FollowupSlot) moved = { 0 };
  GDate from;

  if (call_tz == NULL || slot->until == NULL || g_date_time_compare (ctx->in->now, slot->until) < 0)
    return;
  followup_engine_date_in_zone (ctx->in->now, call_tz, &from);
  if (followup_calendar_find_window (cal, call_tz, &from, FOLLOWUP_WINDOW_ENDS_AFTER, ctx->in->now,
                                     &moved))
    slot_move (slot, &moved);
}

/* R12: catch-up after the machine was off never pops up at night: a step
 * that came due while nobody looked waits for the end of the quiet hours;
 * an off-hours call, whose window is in the night, for its window */
static GDateTime *
catch_up_show_at (FollowupEngineCtx *ctx, const FollowupCalendar *cal, const FollowupSlot *slot)
{
  GDateTime *quiet_end = NULL;

  if (g_date_time_compare (slot->show_at, ctx->in->now) > 0 ||
      !followup_calendar_is_quiet (cal, ctx->in->now, &quiet_end))
    return g_date_time_ref (slot->show_at);
  if (slot->off_hours) {
    g_date_time_unref (quiet_end);
    return g_date_time_ref (g_date_time_compare (ctx->in->now, slot->due) < 0 ? slot->due
                                                                              : slot->show_at);
  }
  return quiet_end;
}

/* the key names the step by the record's own facts, never by when it is
 * due: a snooze, a passed window, quiet hours or a new time zone move the
 * step, they do not make it a new reminder */
char *
followup_engine_step_key (const FollowupEngineCtx *ctx, const FollowupEngineStep *step,
                          FollowupAction action, const char *contact)
{
  return g_strdup_printf ("%s/%s/%s/%" G_GINT64_FORMAT "/%u", ctx->record->id,
                          followup_action_to_string (action), contact ? contact : "",
                          g_date_time_to_unix (step->anchor), step->nth);
}

FollowupReminder *
followup_engine_emit (FollowupEngineCtx *ctx, const FollowupEngineStep *step, FollowupAction action,
                      const char *contact, FollowupSlot *slot, const FollowupCalendar *cal,
                      GTimeZone *call_tz)
{
  FollowupRecord *record = ctx->record;
  FollowupReminder *reminder;
  g_autofree char *key = followup_engine_step_key (ctx, step, action, contact);

  if (slot->show_at == NULL)
    slot->show_at = g_date_time_ref (slot->due);
  apply_snooze (ctx, key, cal, call_tz, slot);
  apply_passed_window (ctx, cal, call_tz, slot);
  /* every step has an end: past it, a note is too late to send */
  if (call_tz == NULL && slot->until != NULL &&
      g_date_time_compare (ctx->in->now, slot->until) >= 0)
    return NULL;
  reminder = g_new0 (FollowupReminder, 1);
  reminder->record = followup_record_ref (record);
  reminder->action = action;
  reminder->contact = g_strdup (contact);
  reminder->key = g_steal_pointer (&key);
  reminder->due = g_date_time_to_timezone (slot->due, record->tz);
  reminder->until = slot->until ? g_date_time_to_timezone (slot->until, record->tz) : NULL;
  reminder->show_at = catch_up_show_at (ctx, cal, slot);
  /* it stops applying at its end: the plan wakes then to move or drop it */
  reminder->expires = reminder->until ? g_date_time_ref (reminder->until) : NULL;
  reminder->tz = g_time_zone_ref (call_tz ? call_tz : record->tz);
  reminder->off_hours = slot->off_hours;
  g_ptr_array_add (ctx->out, reminder);
  return reminder;
}

/* the note rules */

static gboolean
thanked (const FollowupRecord *r, const char *name, GDateTime *since)
{
  for (guint i = 0; i < r->events->len; i++) {
    const FollowupEvent *e = g_ptr_array_index (r->events, i);

    if (e->type == FOLLOWUP_EVENT_THANK_YOU &&
        (e->contact == NULL || name == NULL || g_strcmp0 (e->contact, name) == 0) &&
        (since == NULL || g_date_time_compare (e->at, since) >= 0))
      return TRUE;
  }
  return FALSE;
}

/* R1: an hour after the interview, out of quiet hours, and always before
 * its deadline: when the quiet hours would push it past that, just before
 * they start. An interview late at night with its whole deadline inside
 * the quiet hours gets its note the next morning, with as many hours */
static void
thank_you_slot (const FollowupEngineCtx *ctx, FollowupSlot *slot)
{
  GDateTime *at = ctx->round->at;
  int hours = ctx->in->policy->thank_you_within_hours;
  g_autoptr (GDateTime) soon = g_date_time_add_minutes (at, hours > 1 ? 60 : 30);
  g_autoptr (GDateTime) night = NULL;
  g_autoptr (GDateTime) before = NULL;

  slot->until = g_date_time_add_hours (at, hours);
  slot->due = followup_calendar_leave_quiet (&ctx->cal, soon);
  if (g_date_time_compare (slot->due, slot->until) < 0)
    return;
  night = followup_calendar_quiet_start_before (&ctx->cal, soon);
  before = g_date_time_add_minutes (night, -15);
  if (g_date_time_compare (before, at) > 0) {
    set_time (&slot->due, g_steal_pointer (&before));
    return;
  }
  set_time (&slot->until, g_date_time_add_hours (slot->due, hours));
}

/* R16 with R1: what the note cannot do without; asked for once the
 * interview is over, while the user still remembers */
static const char *
debrief_sentence (const FollowupEngineCtx *ctx)
{
  gboolean no_contact = ctx->record->contacts->len == 0;
  gboolean no_date = ctx->round->decision_in_days == 0;

  if (g_date_time_compare (ctx->in->now, ctx->round->at) < 0 || (!no_contact && !no_date))
    return NULL;
  if (no_contact && no_date)
    return _ ("Write down who interviewed you and when they expect to decide: the follow-up is "
              "timed by it.");
  if (no_contact)
    return _ ("Write down who interviewed you, so the notes and the call go to a person.");
  return _ ("Write down when they expect to decide, if they said: the call is timed by it.");
}

/* R1, R17: a note to each interviewer of the round in force, once per
 * round (someone met again in a later round is thanked again) */
static void
rule_thank_you (FollowupEngineCtx *ctx)
{
  const FollowupRecord *r = ctx->record;
  const FollowupRound *round = ctx->round;
  int hours = ctx->in->policy->thank_you_within_hours;
  g_autofree char *day = followup_engine_format_day (round->at);
  guint n = round->with ? g_strv_length (round->with) : MAX (r->contacts->len, 1);
  const char *debrief = debrief_sentence (ctx);

  for (guint i = 0; i < n; i++) {
    const FollowupContact *c = round->with        ? followup_record_find_contact (r, round->with[i])
                               : r->contacts->len ? g_ptr_array_index (r->contacts, i)
                                                  : NULL;
    const char *name = c ? c->name : NULL;
    g_auto (FollowupSlot) slot = { 0 };
    g_autofree char *reason = NULL;
    FollowupReminder *out;

    if (thanked (r, name, ctx->round_no ? round->at : NULL))
      continue;
    thank_you_slot (ctx, &slot);
    out = followup_engine_emit (ctx, &(FollowupEngineStep){ round->at, 0 },
                                FOLLOWUP_ACTION_THANK_YOU, name, &slot, &ctx->cal, NULL);
    if (out == NULL)
      continue;
    reason = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE,
                   "You met %s on %s; a short thank-you the same day, within %d hour, shows "
                   "care and keeps you in mind.",
                   "You met %s on %s; a short thank-you the same day, within %d hours, shows "
                   "care and keeps you in mind.",
                   hours),
      name ? name : _ ("them"), day, hours);
    out->reason = debrief ? g_strdup_printf ("%s %s", reason, debrief) : g_steal_pointer (&reason);
  }
}

static gboolean
prepared (const FollowupEngineCtx *ctx)
{
  const FollowupRecord *r = ctx->record;

  for (guint i = 0; i < r->events->len; i++) {
    const FollowupEvent *e = g_ptr_array_index (r->events, i);

    if (e->type == FOLLOWUP_EVENT_PREPARE &&
        (ctx->round_before == NULL || g_date_time_compare (e->at, ctx->round_before) > 0))
      return TRUE;
  }
  return FALSE;
}

/* R16: prepare_before_minutes before the interview, until it starts; one
 * that would fall in the quiet hours comes before they begin instead */
static void
rule_prepare (FollowupEngineCtx *ctx)
{
  GDateTime *at = ctx->round->at;
  g_autoptr (GDateTime) before =
    g_date_time_add_minutes (at, -ctx->in->policy->prepare_before_minutes);
  g_autoptr (GDateTime) local = g_date_time_to_timezone (at, ctx->in->user_tz);
  g_autofree char *when = g_date_time_format (local, "%a %-d %b %H:%M");
  g_auto (FollowupSlot) slot = { 0 };
  FollowupReminder *out;

  if (g_date_time_compare (ctx->in->now, at) >= 0 || prepared (ctx))
    return;
  slot.until = g_date_time_ref (at);
  if (followup_calendar_is_quiet (&ctx->cal, before, NULL)) {
    g_autoptr (GDateTime) night = followup_calendar_quiet_start_before (&ctx->cal, before);

    slot.due = g_date_time_add_minutes (night, -15);
  } else {
    slot.due = g_date_time_ref (before);
  }
  out = followup_engine_emit (ctx, &(FollowupEngineStep){ at, 0 }, FOLLOWUP_ACTION_PREPARE, NULL,
                              &slot, &ctx->cal, NULL);
  if (out != NULL)
    out->reason = g_strdup_printf (_ ("Your interview is on %s. Before it ends, ask when they "
                                      "expect to decide, who to follow up with, whether they "
                                      "prefer a call or an email, and whether you may call; "
                                      "write down the name of each person you meet."),
                                   when);
}

/* when the status in force began: its own time, else their last answer,
 * else when the daemon first saw it, else now (a status set by hand) */
static GDateTime *
status_since (const FollowupEngineCtx *ctx)
{
  const FollowupRecord *r = ctx->record;
  g_autofree char *key = NULL;
  gint64 *seen;

  if (r->status_at != NULL)
    return g_date_time_ref (r->status_at);
  for (guint i = r->events->len; i > 0; i--) {
    const FollowupEvent *e = g_ptr_array_index (r->events, i - 1);

    if (e->type == FOLLOWUP_EVENT_RESPONSE)
      return g_date_time_ref (e->at);
  }
  key = followup_engine_status_key (r);
  seen = followup_engine_lookup_time (ctx->in->status_seen, key);
  if (seen != NULL)
    return g_date_time_new_from_unix_utc (*seen);
  return g_date_time_ref (ctx->in->now);
}

char *
followup_engine_status_key (const FollowupRecord *record)
{
  return g_strdup_printf ("%s/%s", record->id, followup_status_to_string (record->status));
}

/* R7: thanks after a rejection, unless a thank-you came after it */
static void
rule_thanks_after_rejection (FollowupEngineCtx *ctx)
{
  const FollowupRecord *r = ctx->record;
  const FollowupContact *to = followup_engine_pick_contact (r, "email");
  g_autoptr (GDateTime) anchor = status_since (ctx);
  g_autoptr (GDateTime) one_hour = g_date_time_add_hours (anchor, 1);
  g_auto (FollowupSlot) slot = { 0 };
  FollowupReminder *out;

  if (thanked (r, NULL, anchor))
    return;
  slot.due = followup_calendar_leave_quiet (&ctx->cal, one_hour);
  slot.until = g_date_time_add_hours (slot.due, ctx->in->policy->thank_you_within_hours);
  out = followup_engine_emit (ctx, &(FollowupEngineStep){ anchor, 0 },
                              FOLLOWUP_ACTION_THANKS_AFTER_REJECTION, to ? to->name : NULL, &slot,
                              &ctx->cal, NULL);
  if (out != NULL)
    out->reason = g_strdup (_ ("They chose someone else; a gracious thank-you now is remembered "
                               "when the next opening comes up."));
}

/* R8: keep in touch, about once a month after the no or the last note */
static void
rule_keep_in_touch (FollowupEngineCtx *ctx)
{
  const FollowupRecord *r = ctx->record;
  const FollowupContact *to = followup_engine_pick_contact (r, "email");
  g_autoptr (GDateTime) anchor = status_since (ctx);
  g_autoptr (GDateTime) month = NULL;
  g_autoptr (GDateTime) local = NULL;
  g_auto (FollowupSlot) slot = { 0 };
  FollowupReminder *out;
  guint sent = 0;
  GDate day;

  for (guint i = 0; i < r->events->len; i++) {
    const FollowupEvent *e = g_ptr_array_index (r->events, i);

    if (e->type != FOLLOWUP_EVENT_KEEP_IN_TOUCH)
      continue;
    sent++;
    if (g_date_time_compare (e->at, anchor) > 0)
      set_time (&anchor, g_date_time_ref (e->at));
  }
  /* six notes is a half-year */
  if (sent >= KEEP_IN_TOUCH_MAX)
    return;
  local = g_date_time_to_timezone (anchor, r->tz);
  month = g_date_time_add_months (local, 1);
  g_date_time_unref (local);
  local = g_date_time_ref (month);
  followup_datetime_get_date (local, &day);
  slot.due =
    followup_calendar_day_step (&ctx->cal, r->tz, &day, followup_datetime_minute_of_day (local));
  out = followup_engine_emit (ctx, &(FollowupEngineStep){ anchor, sent },
                              FOLLOWUP_ACTION_KEEP_IN_TOUCH, to ? to->name : NULL, &slot, &ctx->cal,
                              NULL);
  if (out != NULL)
    out->reason = g_strdup_printf (_ ("They had no opening for you; a short, useful note about "
                                      "once a month (%u of %d) keeps you in view without "
                                      "pressing."),
                                   sent + 1, KEEP_IN_TOUCH_MAX);
}

gint
followup_reminder_compare (gconstpointer a, gconstpointer b)
{
  const FollowupReminder *x = *(FollowupReminder *const *) a;
  const FollowupReminder *y = *(FollowupReminder *const *) b;
  int c = g_date_time_compare (x->due, y->due);

  if (c == 0)
    c = strcmp (x->record->id, y->record->id);
  if (c == 0)
    c = (int) x->action - (int) y->action;
  if (c == 0)
    c = g_strcmp0 (x->contact, y->contact);
  return c;
}

/* R17: the latest round is in force; the first interview is round 0 */
void
followup_engine_ctx_init (FollowupEngineCtx *ctx, const FollowupEngineInput *input,
                          FollowupRecord *record, GPtrArray *out)
{
  guint n = record->rounds->len;

  *ctx = (FollowupEngineCtx){
    input,
    record,
    { input->policy, input->user_tz, record->holidays, NULL },
    out,
  };
  ctx->first = (FollowupRound){ record->interviewed_at, NULL, record->decision_in_days };
  ctx->round_no = n;
  ctx->round = n ? g_ptr_array_index (record->rounds, n - 1) : &ctx->first;
  if (n > 0)
    ctx->round_before = n > 1 ? ((FollowupRound *) g_ptr_array_index (record->rounds, n - 2))->at
                              : record->interviewed_at;
}

static void
schedule_into (const FollowupEngineInput *input, FollowupRecord *record, GPtrArray *out)
{
  FollowupEngineCtx ctx;

  followup_engine_ctx_init (&ctx, input, record, out);
  switch (record->status) {
    case FOLLOWUP_STATUS_WAITING:
      rule_prepare (&ctx);
      rule_thank_you (&ctx);
      followup_engine_rules_waiting (&ctx);
      break;
    case FOLLOWUP_STATUS_REJECTED:
      rule_thanks_after_rejection (&ctx);
      break;
    case FOLLOWUP_STATUS_NO_OPENING:
      rule_keep_in_touch (&ctx);
      break;
    case FOLLOWUP_STATUS_OFFER:
    case FOLLOWUP_STATUS_WITHDRAWN:
    case FOLLOWUP_STATUS_CLOSED:
    default:
      break;
  }
}

GPtrArray *
followup_engine_schedule_record (const FollowupEngineInput *input, FollowupRecord *record)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) followup_reminder_free);

  schedule_into (input, record, out);
  g_ptr_array_sort (out, followup_reminder_compare);
  return out;
}

/* every upcoming step of every record, sorted by due */
GPtrArray *
followup_engine_schedule (const FollowupEngineInput *input, GPtrArray *records)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) followup_reminder_free);

  for (guint i = 0; i < records->len; i++)
    schedule_into (input, g_ptr_array_index (records, i), out);
  g_ptr_array_sort (out, followup_reminder_compare);
  return out;
}

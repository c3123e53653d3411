/* followup-engine.c: the follow-up rules of DESIGN.md, as a pure function
 *
 * "day N" is a calendar date in the record's zone and a calling window is a
 * wall-clock span in the callee's zone, so every step is built from dates
 * and minutes-of-day with GDateTime, never by adding N × 24 h */
#include "config.h"

#define G_LOG_DOMAIN "followup-engine"

#include <string.h>

#include "followup-i18n.h"
#include "followup-engine.h"
#include "followup-time.h"

#define SEARCH_DAYS 400
#define KEEP_IN_TOUCH_MAX 6

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

typedef struct {
  const FollowupEngineInput *in;
  FollowupRecord *record;
  GPtrArray *out;
} Ctx;

/* what a step hangs from: the interview, an answer or a call, and which
 * of several (the second call of a round, the third keep-in-touch) */
typedef struct {
  GDateTime *anchor;
  guint nth;
} Step;

/* quiet hours */

static gboolean
minute_in_span (const FollowupWindow *w, int minute)
{
  if (w->start <= w->end)
    return minute >= w->start && minute < w->end;
  return minute >= w->start || minute < w->end;
}

/* a non-call step due inside quiet hours (user's zone) moves to their end (R12) */
static GDateTime *
leave_quiet_hours (const Ctx *ctx, GDateTime *due)
{
  const FollowupPolicy *policy = ctx->in->policy;
  g_autoptr (GDateTime) local = g_date_time_to_timezone (due, ctx->in->user_tz);
  g_autoptr (GDateTime) end = NULL;
  int minute = followup_datetime_minute_of_day (local);
  GDate date;

  if (!policy->has_quiet_hours || !minute_in_span (&policy->quiet_hours, minute))
    return g_date_time_ref (due);
  followup_datetime_get_date (local, &date);
  if (policy->quiet_hours.start > policy->quiet_hours.end && minute >= policy->quiet_hours.start)
    g_date_add_days (&date, 1);
  end = followup_datetime_at (ctx->in->user_tz, &date, policy->quiet_hours.end);
  return g_date_time_to_timezone (end, ctx->record->tz);
}

/* calendar helpers */

static void
date_in_zone (GDateTime *dt, GTimeZone *tz, GDate *out)
{
  g_autoptr (GDateTime) local = g_date_time_to_timezone (dt, tz);

  followup_datetime_get_date (local, out);
}

static void
next_workday (const FollowupPolicy *policy, GDate *date)
{
  for (int i = 0; i < SEARCH_DAYS && !followup_policy_is_workday (policy, date); i++)
    g_date_add_days (date, 1);
}

static void
add_workdays (const FollowupPolicy *policy, GDate *date, int n)
{
  for (int i = 0; i < SEARCH_DAYS && n > 0; i++) {
    g_date_add_days (date, 1);
    if (followup_policy_is_workday (policy, date))
      n--;
  }
}

typedef enum {
  WINDOW_FIRST,      /* the first window on or after the date */
  WINDOW_ENDS_AFTER, /* the first one still open at `after` */
  WINDOW_STARTS_AFTER,
} WindowMode;

/* scans calling windows on workdays from `from` on, in the callee's zone (R4, R13) */
static GDateTime *
find_window (const FollowupPolicy *policy, GTimeZone *tz, const GDate *from, WindowMode mode,
             GDateTime *after, GDateTime **until)
{
  GDate date = *from;

  for (int day = 0; day < SEARCH_DAYS; day++, g_date_add_days (&date, 1)) {
    if (!followup_policy_is_workday (policy, &date))
      continue;
    for (guint i = 0; i < policy->call_windows->len; i++) {
      const FollowupWindow *w = &g_array_index (policy->call_windows, FollowupWindow, i);
      g_autoptr (GDateTime) start = followup_datetime_at (tz, &date, w->start);
      g_autoptr (GDateTime) end = followup_datetime_at (tz, &date, w->end);

      if (mode == WINDOW_ENDS_AFTER && g_date_time_compare (end, after) <= 0)
        continue;
      if (mode == WINDOW_STARTS_AFTER && g_date_time_compare (start, after) <= 0)
        continue;
      *until = g_steal_pointer (&end);
      return g_steal_pointer (&start);
    }
  }
  *until = NULL;
  return NULL;
}

GDateTime *
followup_engine_next_window (const FollowupPolicy *policy, GTimeZone *tz, GDateTime *after,
                             GDateTime **until)
{
  GDate from;

  date_in_zone (after, tz, &from);
  return find_window (policy, tz, &from, WINDOW_STARTS_AFTER, after, until);
}

static char *
format_day (GDateTime *dt)
{
  return g_date_time_format (dt, "%a %-d %b");
}

static GDateTime *
window_containing_or_after (const FollowupPolicy *policy, GTimeZone *tz, GDateTime *t,
                            GDateTime **until)
{
  g_autoptr (GDateTime) start = NULL;
  GDate from;

  date_in_zone (t, tz, &from);
  start = find_window (policy, tz, &from, WINDOW_ENDS_AFTER, t, until);
  if (start == NULL)
    return NULL;
  return g_date_time_compare (start, t) < 0 ? g_date_time_ref (t) : g_steal_pointer (&start);
}

static void
replace (GDateTime **slot, GDateTime *value)
{
  g_clear_pointer (slot, g_date_time_unref);
  *slot = value;
}

/* R10, R11: a snooze moves the step later; a call whose window has passed
 * moves to the next window; other overdue steps keep their past due */
static void
apply_snooze_and_now (const Ctx *ctx, const char *key, GTimeZone *call_tz, GDateTime **due,
                      GDateTime **until)
{
  const FollowupPolicy *policy = ctx->in->policy;
  gint64 *snooze = ctx->in->snoozes ? g_hash_table_lookup (ctx->in->snoozes, key) : NULL;

  /* a state file edited by hand may hold any number: ignore what is no time */
  if (snooze != NULL && *snooze > g_date_time_to_unix (*due) &&
      *snooze < G_GINT64_CONSTANT (253402300799)) {
    g_autoptr (GDateTime) t = g_date_time_new_from_unix_utc (*snooze);
    GDateTime *w_until = NULL;
    GDateTime *moved = NULL;

    if (call_tz == NULL) {
      replace (due, g_date_time_ref (t));
    } else if ((moved = window_containing_or_after (policy, call_tz, t, &w_until)) != NULL) {
      replace (due, moved);
      replace (until, w_until);
    }
  }
  if (call_tz != NULL && *until != NULL && g_date_time_compare (ctx->in->now, *until) >= 0) {
    GDateTime *w_until = NULL;
    GDateTime *moved;
    GDate from;

    /* inside a window the step stays due at that window's start */
    date_in_zone (ctx->in->now, call_tz, &from);
    moved = find_window (policy, call_tz, &from, WINDOW_ENDS_AFTER, ctx->in->now, &w_until);
    if (moved != NULL) {
      replace (due, moved);
      replace (until, w_until);
    }
  }
}

static void
emit (Ctx *ctx, const Step *step, FollowupAction action, const char *contact, GDateTime *base_due,
      GDateTime *until, GTimeZone *call_tz, char *reason)
{
  FollowupReminder *reminder = g_new0 (FollowupReminder, 1);
  GDateTime *due = g_date_time_ref (base_due);
  GDateTime *end = until ? g_date_time_ref (until) : NULL;

  reminder->record = followup_record_ref (ctx->record);
  reminder->action = action;
  reminder->contact = g_strdup (contact);
  reminder->reason = reason;
  /* the key names the step by the record's own facts, never by when it is
   * due: a snooze, a passed window, quiet hours or a new time zone move the
   * step, they do not make it a new reminder */
  reminder->key = g_strdup_printf ("%s/%s/%s/%" G_GINT64_FORMAT "/%u", ctx->record->id,
                                   followup_action_to_string (action), contact ? contact : "",
                                   g_date_time_to_unix (step->anchor), step->nth);
  apply_snooze_and_now (ctx, reminder->key, call_tz, &due, &end);
  reminder->due = g_date_time_to_timezone (due, ctx->record->tz);
  reminder->until = end ? g_date_time_to_timezone (end, ctx->record->tz) : NULL;
  reminder->show_at = g_date_time_ref (reminder->due);
  /* a call is good only inside its window; the plan moves it at the close */
  reminder->expires = call_tz && reminder->until ? g_date_time_ref (reminder->until) : NULL;
  reminder->tz = g_time_zone_ref (call_tz ? call_tz : ctx->record->tz);
  g_date_time_unref (due);
  g_clear_pointer (&end, g_date_time_unref);
  g_ptr_array_add (ctx->out, reminder);
}

/* the rules */

/* R15: who is called, who is written to */
static const FollowupContact *
pick_contact (const FollowupRecord *r, const char *prefers)
{
  for (guint i = 0; i < r->contacts->len; i++) {
    const FollowupContact *c = g_ptr_array_index (r->contacts, i);

    if (g_strcmp0 (c->prefers, prefers) == 0)
      return c;
  }
  return r->contacts->len > 0 ? g_ptr_array_index (r->contacts, 0) : NULL;
}

static GDateTime *
at_time_of_day (GTimeZone *tz, const GDate *date, GDateTime *model)
{
  g_autoptr (GDateTime) local = g_date_time_to_timezone (model, tz);

  return followup_datetime_at (tz, date, followup_datetime_minute_of_day (local));
}

/* a day-N step: a workday at the given time of day, outside quiet hours */
static GDateTime *
workday_step (const Ctx *ctx, const GDate *day, GDateTime *time_of_day)
{
  GTimeZone *tz = ctx->record->tz;
  GDateTime *due = NULL;
  GDate date = *day;

  for (int i = 0; i < 7; i++) {
    g_autoptr (GDateTime) candidate = NULL;

    next_workday (ctx->in->policy, &date);
    candidate = at_time_of_day (tz, &date, time_of_day);
    g_clear_pointer (&due, g_date_time_unref);
    due = leave_quiet_hours (ctx, candidate);
    date_in_zone (due, tz, &date);
    /* leaving quiet hours can roll over onto a weekend */
    if (followup_policy_is_workday (ctx->in->policy, &date))
      break;
  }
  return due;
}

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

/* R1: the thank-you note */
static void
rule_thank_you (Ctx *ctx)
{
  const FollowupRecord *r = ctx->record;
  g_autoptr (GDateTime) one_hour = g_date_time_add_hours (r->interviewed_at, 1);
  g_autoptr (GDateTime) due = leave_quiet_hours (ctx, one_hour);
  g_autoptr (GDateTime) until =
    g_date_time_add_hours (r->interviewed_at, ctx->in->policy->thank_you_within_hours);
  g_autofree char *day = format_day (r->interviewed_at);
  guint n = MAX (r->contacts->len, 1);

  for (guint i = 0; i < n; i++) {
    const FollowupContact *c = r->contacts->len ? g_ptr_array_index (r->contacts, i) : NULL;
    const char *name = c ? c->name : NULL;

    if (thanked (r, name, NULL))
      continue;
    emit (ctx, &(Step){ r->interviewed_at, 0 }, FOLLOWUP_ACTION_THANK_YOU, name, due, until, NULL,
          g_strdup_printf (_ ("You met %s on %s; a short thank-you the same day, within %d hours, "
                              "shows care and keeps you in mind."),
                           name ? name : "them", day, ctx->in->policy->thank_you_within_hours));
  }
}

/* a response starts a new round: the call timeline restarts from it and only
 * the calls made after it count */
typedef struct {
  const FollowupEvent *response;
  GPtrArray *calls;
  gboolean emailed;
} Round;

/* R9: an answer from them starts a new round */
static void
round_init (Round *round, const FollowupRecord *r)
{
  round->response = NULL;
  round->emailed = FALSE;
  round->calls = g_ptr_array_new ();
  for (guint i = 0; i < r->events->len; i++) {
    const FollowupEvent *e = g_ptr_array_index (r->events, i);

    if (e->type == FOLLOWUP_EVENT_RESPONSE) {
      round->response = e;
      g_ptr_array_set_size (round->calls, 0);
    } else if (e->type == FOLLOWUP_EVENT_CALL) {
      g_ptr_array_add (round->calls, (gpointer) e);
    } else if (e->type == FOLLOWUP_EVENT_EMAIL) {
      round->emailed = TRUE;
    }
  }
}

static GDateTime *
round_start (const Ctx *ctx, const Round *round)
{
  return round->response ? round->response->at : ctx->record->interviewed_at;
}

static int
call_day (const Ctx *ctx, int told_days)
{
  /* R3: told a week, call on day ten; ceil (N × 10 / 7) */
  return told_days ? (told_days * 10 + 6) / 7 : ctx->in->policy->call_without_timeline_after_days;
}

static GDateTime *
first_call (const Ctx *ctx, const Round *round, GTimeZone *tz, GDateTime **until)
{
  const FollowupRecord *r = ctx->record;
  GDateTime *start = round_start (ctx, round);
  int told = round->response ? round->response->decision_in_days : r->decision_in_days;
  GDate date;

  date_in_zone (start, r->tz, &date);
  g_date_add_days (&date, call_day (ctx, told));
  return find_window (ctx->in->policy, tz, &date, WINDOW_FIRST, NULL, until);
}

static char *
first_call_reason (const Ctx *ctx, const Round *round, GDateTime *due, GDateTime *until)
{
  int told = round->response ? round->response->decision_in_days : ctx->record->decision_in_days;
  g_autofree char *from = g_date_time_format (due, "%H:%M");
  g_autofree char *to = g_date_time_format (until, "%H:%M");

  if (told == 0)
    return g_strdup_printf (_ (
                              "No decision date was given; after %d days a brief call to ask where "
                              "things stand is welcome. %s-%s is when people are at their desks."),
                            call_day (ctx, 0), from, to);
  return g_strdup_printf (_ ("They expected to decide within %d days; calling on day %d gives them "
                             "that and a little more. %s-%s is when people are at their desks."),
                          told, call_day (ctx, told), from, to);
}

/* R2: the follow-up email */
static void
rule_follow_up_email (Ctx *ctx, const Round *round, GTimeZone *call_tz)
{
  const FollowupRecord *r = ctx->record;
  const FollowupContact *to = pick_contact (r, "email");
  g_autoptr (GDateTime) due = NULL;
  g_autoptr (GDateTime) call = NULL;
  g_autoptr (GDateTime) call_until = NULL;
  GDate day, email_date, call_date;

  if (round->response != NULL || round->emailed)
    return;
  date_in_zone (r->interviewed_at, r->tz, &day);
  g_date_add_days (&day, ctx->in->policy->follow_up_email_after_days);
  due = workday_step (ctx, &day, r->interviewed_at);
  call = round->calls->len ? g_date_time_ref (((FollowupEvent *) round->calls->pdata[0])->at)
                           : first_call (ctx, round, call_tz, &call_until);
  date_in_zone (due, r->tz, &email_date);
  if (call != NULL)
    date_in_zone (call, r->tz, &call_date);
  /* a call before it or right after it makes the email redundant */
  if (call != NULL && g_date_days_between (&email_date, &call_date) <= 2)
    return;
  emit (ctx, &(Step){ r->interviewed_at, 0 }, FOLLOWUP_ACTION_FOLLOW_UP_EMAIL, to ? to->name : NULL,
        due, NULL, NULL,
        g_strdup_printf (_ ("%d days have passed since the interview; a brief note restates your "
                            "interest and offers anything else they need to decide."),
                         ctx->in->policy->follow_up_email_after_days));
}

/* R6: move on */
static void
rule_move_on (Ctx *ctx, const FollowupEvent *last, guint calls)
{
  const FollowupRecord *r = ctx->record;
  g_autoptr (GDateTime) at = NULL;
  g_autoptr (GDateTime) due = NULL;
  g_autofree char *day = format_day (last->at);
  GDate date;

  date_in_zone (last->at, r->tz, &date);
  g_date_add_days (&date, ctx->in->policy->move_on_after_days);
  at = at_time_of_day (r->tz, &date, last->at);
  due = leave_quiet_hours (ctx, at);
  emit (ctx, &(Step){ last->at, 0 }, FOLLOWUP_ACTION_MOVE_ON, NULL, due, NULL, NULL,
        last->outcome == FOLLOWUP_OUTCOME_REACHED
          ? g_strdup_printf (_ ("You spoke with them on %s and have heard nothing since; let this "
                                "one go and put your energy into other openings."),
                             day)
          : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "You have called %u time without an answer; more "
                                          "would read as pressure. Let this one go and focus "
                                          "on other openings.",
                                          "You have called %u times without an answer; more "
                                          "would read as pressure. Let this one go and focus "
                                          "on other openings.",
                                          calls),
                             calls));
}

/* R3, R5: when to call, and one more call after voicemail or no answer */
static void
rule_call (Ctx *ctx, const Round *round, const FollowupContact *callee, GTimeZone *tz)
{
  const char *name = callee ? callee->name : NULL;
  g_autoptr (GDateTime) due = NULL;
  g_autoptr (GDateTime) until = NULL;
  const FollowupEvent *last;
  g_autofree char *day = NULL;
  GDate date;

  if (round->calls->len == 0) {
    due = first_call (ctx, round, tz, &until);
    if (due != NULL)
      emit (ctx, &(Step){ round_start (ctx, round), 0 }, FOLLOWUP_ACTION_CALL, name, due, until, tz,
            first_call_reason (ctx, round, due, until));
    return;
  }
  last = g_ptr_array_index (round->calls, round->calls->len - 1);
  if (last->outcome == FOLLOWUP_OUTCOME_REACHED ||
      round->calls->len >= (guint) ctx->in->policy->max_calls) {
    rule_move_on (ctx, last, round->calls->len);
    return;
  }
  date_in_zone (last->at, tz, &date);
  add_workdays (ctx->in->policy, &date, ctx->in->policy->call_retry_after_workdays);
  due = find_window (ctx->in->policy, tz, &date, WINDOW_FIRST, NULL, &until);
  day = format_day (last->at);
  if (due != NULL)
    emit (ctx, &(Step){ round_start (ctx, round), round->calls->len }, FOLLOWUP_ACTION_CALL, name,
          due, until, tz,
          g_strdup_printf (_ ("Your call on %s got %s; trying again after %d workdays is fine "
                              "(call %u of at most %d), and no more than that."),
                           day,
                           last->outcome == FOLLOWUP_OUTCOME_VOICEMAIL ? "voicemail" : "no answer",
                           ctx->in->policy->call_retry_after_workdays, round->calls->len + 1,
                           ctx->in->policy->max_calls));
}

/* when the last word came in: the latest event of the given types, or the
 * status change, or else the interview itself */
static GDateTime *
last_word (const FollowupRecord *r, guint type_mask)
{
  GDateTime *anchor = r->status_at;

  for (guint i = 0; i < r->events->len; i++) {
    const FollowupEvent *e = g_ptr_array_index (r->events, i);

    if ((type_mask & (1u << e->type)) &&
        (anchor == NULL || g_date_time_compare (e->at, anchor) > 0))
      anchor = e->at;
  }
  return anchor ? anchor : r->interviewed_at;
}

/* R7: thanks after a rejection */
static void
rule_thanks_after_rejection (Ctx *ctx)
{
  const FollowupRecord *r = ctx->record;
  const FollowupContact *to = pick_contact (r, "email");
  GDateTime *anchor = last_word (r, 1u << FOLLOWUP_EVENT_RESPONSE);
  g_autoptr (GDateTime) one_hour = g_date_time_add_hours (anchor, 1);
  g_autoptr (GDateTime) due = leave_quiet_hours (ctx, one_hour);
  g_autoptr (GDateTime) until =
    g_date_time_add_hours (one_hour, ctx->in->policy->thank_you_within_hours);

  if (thanked (r, NULL, anchor))
    return;
  emit (ctx, &(Step){ anchor, 0 }, FOLLOWUP_ACTION_THANKS_AFTER_REJECTION, to ? to->name : NULL,
        due, until, NULL,
        g_strdup (_ ("They chose someone else; a gracious thank-you now is remembered when the "
                     "next opening comes up.")));
}

/* R8: keep in touch */
static void
rule_keep_in_touch (Ctx *ctx)
{
  const FollowupRecord *r = ctx->record;
  const FollowupContact *to = pick_contact (r, "email");
  GDateTime *anchor =
    last_word (r, (1u << FOLLOWUP_EVENT_RESPONSE) | (1u << FOLLOWUP_EVENT_KEEP_IN_TOUCH));
  g_autoptr (GDateTime) month = NULL;
  g_autoptr (GDateTime) due = NULL;
  guint sent = 0;
  GDate day;

  for (guint i = 0; i < r->events->len; i++)
    sent += ((FollowupEvent *) r->events->pdata[i])->type == FOLLOWUP_EVENT_KEEP_IN_TOUCH;
  /* R8: about once a month; six notes is a half-year */
  if (sent >= KEEP_IN_TOUCH_MAX)
    return;
  month = g_date_time_add_months (anchor, 1);
  date_in_zone (month, r->tz, &day);
  due = workday_step (ctx, &day, month);
  emit (ctx, &(Step){ anchor, sent }, FOLLOWUP_ACTION_KEEP_IN_TOUCH, to ? to->name : NULL, due,
        NULL, NULL,
        g_strdup_printf (_ ("They had no opening for you; a short, useful note about once a month "
                            "(%u of %d) keeps you in view without pressing."),
                         sent + 1, KEEP_IN_TOUCH_MAX));
}

static void
schedule_waiting (Ctx *ctx)
{
  const FollowupContact *callee = pick_contact (ctx->record, "phone");
  GTimeZone *call_tz = callee ? callee->tz : ctx->record->tz;
  Round round;

  round_init (&round, ctx->record);
  rule_thank_you (ctx);
  rule_follow_up_email (ctx, &round, call_tz);
  rule_call (ctx, &round, callee, call_tz);
  g_ptr_array_unref (round.calls);
}

static gint
reminder_compare (gconstpointer a, gconstpointer b)
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

static void
schedule_into (const FollowupEngineInput *input, FollowupRecord *record, GPtrArray *out)
{
  Ctx ctx = { input, record, out };

  switch (record->status) {
    case FOLLOWUP_STATUS_WAITING:
      schedule_waiting (&ctx);
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
  g_ptr_array_sort (out, reminder_compare);
  return out;
}

/* every upcoming step of every record, sorted by due */
GPtrArray *
followup_engine_schedule (const FollowupEngineInput *input, GPtrArray *records)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) followup_reminder_free);

  for (guint i = 0; i < records->len; i++)
    schedule_into (input, g_ptr_array_index (records, i), out);
  g_ptr_array_sort (out, reminder_compare);
  return out;
}

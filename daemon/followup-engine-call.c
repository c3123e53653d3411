/* followup-engine-call.c: the timeline while waiting for their decision
 *
 * the follow-up email (R2), the call on the decision date (R3, R4) or an
 * email check-in for someone who prefers email, one retry (R5), and the
 * nudge to move on (R6); an answer from them starts a new round (R9) */
#include "config.h"

#define G_LOG_DOMAIN "followup-engine"

#include "followup-i18n.h"
#include "followup-engine-private.h"
#include "followup-time.h"

/* a call shown in this many windows without being recorded is let go */
#define GIVE_UP_AFTER_WINDOWS 3

/* R18: this many unanswered rings in a row count as one call */
#define NO_ANSWERS_COUNTED 3

/* R9: the last answer from them, and the calls and check-ins since */
typedef struct {
  const FollowupEvent *response;
  GPtrArray *calls;
  guint counted; /* of them, those that count towards max_calls (R18) */
  guint missed;  /* no-answers in a row at the end, not counted yet */
  gboolean emailed;
} Round;
/* R15: who the decision-date step goes to, and how */
typedef struct {
  const FollowupContact *callee; /* who is called, or NULL */
  const FollowupContact *writee; /* who a check-in is written to, or NULL */
  gboolean by_email;             /* a check-in by email instead of a call */
  GTimeZone *tz;                 /* the zone it is timed in: the callee's */
  FollowupCalendar cal;          /* holidays there: policy, record, contact */
} Channel;

/* the first call of a round and what its date counts from */
typedef struct {
  GDateTime *anchor; /* the interview or the answer */
  int told;          /* the timeline counted with, 0 = none */
  gboolean kept;     /* an answer without a date kept the earlier date */
  FollowupSlot slot; /* due NULL: no window found */
} FirstCall;

/* R18: nobody picking up is no contact made, so it does not count towards
 * max_calls; but ringing on and on is pestering too, so the third in a
 * row counts like a message left */
static void
round_count (Round *round, const FollowupEvent *e)
{
  g_ptr_array_add (round->calls, (gpointer) e);
  if (e->outcome != FOLLOWUP_OUTCOME_NO_ANSWER) {
    round->counted++;
    round->missed = 0;
  } else if (++round->missed == NO_ANSWERS_COUNTED) {
    round->counted++;
    round->missed = 0;
  }
}

static void
round_init (Round *round, const FollowupEngineCtx *ctx)
{
  const FollowupRecord *r = ctx->record;

  *round = (Round){ .calls = g_ptr_array_new () };
  for (guint i = 0; i < r->events->len; i++) {
    const FollowupEvent *e = g_ptr_array_index (r->events, i);

    if (!followup_engine_in_round (ctx, e))
      continue;
    if (e->type == FOLLOWUP_EVENT_RESPONSE) {
      round->response = e;
      g_ptr_array_set_size (round->calls, 0);
      round->counted = round->missed = 0;
    } else if (e->type == FOLLOWUP_EVENT_CALL || e->type == FOLLOWUP_EVENT_CHECK_IN) {
      round_count (round, e);
    } else if (e->type == FOLLOWUP_EVENT_EMAIL) {
      round->emailed = TRUE;
    }
  }
}

/* the one who prefers the phone, else the first with a number; someone who
 * prefers email, or who can only be emailed, gets an email check-in */
static void
channel_init (const FollowupEngineCtx *ctx, Channel *ch)
{
  const FollowupRecord *r = ctx->record;

  ch->callee = NULL;
  for (guint i = 0; i < r->contacts->len && ch->callee == NULL; i++) {
    const FollowupContact *c = g_ptr_array_index (r->contacts, i);

    if (g_strcmp0 (c->prefers, "phone") == 0)
      ch->callee = c;
  }
  for (guint i = 0; i < r->contacts->len && ch->callee == NULL; i++) {
    const FollowupContact *c = g_ptr_array_index (r->contacts, i);

    if (c->phone != NULL && g_strcmp0 (c->prefers, "email") != 0)
      ch->callee = c;
  }
  if (ch->callee == NULL && r->contacts->len > 0)
    ch->callee = g_ptr_array_index (r->contacts, 0);
  ch->by_email = ch->callee != NULL && (g_strcmp0 (ch->callee->prefers, "email") == 0 ||
                                        (ch->callee->phone == NULL && ch->callee->email != NULL));
  ch->writee = ch->by_email ? followup_engine_pick_contact (r, "email") : NULL;
  ch->tz = ch->callee ? ch->callee->tz : r->tz;
  ch->cal = ctx->cal;
  ch->cal.extra2 = ch->callee ? ch->callee->holidays : NULL;
}

static const char *
channel_contact (const Channel *ch)
{
  const FollowupContact *c = ch->by_email ? ch->writee : ch->callee;

  return c ? c->name : NULL;
}

static int
call_day (const FollowupEngineCtx *ctx, int told_days)
{
  /* R3, R23: told a week, call on day ten; ⌈N × call_after_decision_factor⌉ */
  return told_days ? followup_policy_call_day (ctx->in->policy, told_days)
                   : ctx->in->policy->call_without_timeline_after_days;
}

/* a call: the first calling window from the date on; a check-in: that
 * workday when the first window opens, out of quiet hours */
static gboolean
place_on_day (const FollowupEngineCtx *ctx, const Channel *ch, const GDate *date,
              FollowupSlot *slot)
{
  const FollowupWindow *first = &g_array_index (ctx->in->policy->call_windows, FollowupWindow, 0);

  if (!ch->by_email)
    return followup_calendar_find_window (&ch->cal, ch->tz, date, FOLLOWUP_WINDOW_FIRST, NULL,
                                          slot);
  slot->due = followup_calendar_day_step (&ch->cal, ch->tz, date, first->start);
  return TRUE;
}

static void
first_call_from (const FollowupEngineCtx *ctx, const Channel *ch, GDateTime *anchor, int told,
                 FirstCall *fc)
{
  GDate date;

  followup_slot_clear (&fc->slot);
  fc->anchor = anchor;
  fc->told = told;
  followup_engine_date_in_zone (anchor, ctx->record->tz, &date);
  g_date_add_days (&date, call_day (ctx, told));
  place_on_day (ctx, ch, &date, &fc->slot);
}

/* the timeline stated before the last answer: the latest earlier answer
 * with one, else the interview's */
static gboolean
stated_timeline (const FollowupEngineCtx *ctx, const FollowupEvent *answer, GDateTime **anchor,
                 int *told)
{
  const FollowupRecord *r = ctx->record;

  *anchor = ctx->round->at;
  *told = ctx->round->decision_in_days;
  for (guint i = 0; i < r->events->len; i++) {
    const FollowupEvent *e = g_ptr_array_index (r->events, i);

    if (e != answer && e->type == FOLLOWUP_EVENT_RESPONSE && e->decision_in_days > 0 &&
        followup_engine_in_round (ctx, e) && g_date_time_compare (e->at, answer->at) <= 0) {
      *anchor = e->at;
      *told = e->decision_in_days;
    }
  }
  return *told > 0;
}

/* R3, R9: an answer with a new timeline restarts the call from it; one
 * without keeps the date the stated timeline gave while that is ahead */
static void
plan_first_call (const FollowupEngineCtx *ctx, const Round *round, const Channel *ch, FirstCall *fc)
{
  const FollowupEvent *answer = round->response;
  GDateTime *anchor;
  int told;

  fc->kept = FALSE;
  if (answer == NULL) {
    first_call_from (ctx, ch, ctx->round->at, ctx->round->decision_in_days, fc);
    return;
  }
  if (answer->decision_in_days == 0 && stated_timeline (ctx, answer, &anchor, &told)) {
    first_call_from (ctx, ch, anchor, told, fc);
    if (fc->slot.due != NULL &&
        followup_engine_days_between (ctx->in->now, fc->slot.due, ch->tz) >= 0) {
      fc->kept = TRUE;
      return;
    }
  }
  first_call_from (ctx, ch, answer->at, answer->decision_in_days, fc);
}

/* "15:00-16:00", or "15:00-16:00 Asia/Tokyo time (07:00-08:00 for you)" */
static char *
window_phrase (const FollowupEngineCtx *ctx, const FollowupReminder *r)
{
  const char *zone = g_time_zone_get_identifier (r->tz);
  g_autoptr (GDateTime) from = g_date_time_to_timezone (r->due, r->tz);
  g_autoptr (GDateTime) to = g_date_time_to_timezone (r->until, r->tz);
  g_autoptr (GDateTime) my_from = g_date_time_to_timezone (r->due, ctx->in->user_tz);
  g_autoptr (GDateTime) my_to = g_date_time_to_timezone (r->until, ctx->in->user_tz);
  g_autofree char *a = g_date_time_format (from, "%H:%M");
  g_autofree char *b = g_date_time_format (to, "%H:%M");
  /* 15:00 on Thursday there is 08:00 on Friday here: then the day is said */
  gboolean other_day = g_date_time_get_day_of_month (my_from) !=
                       g_date_time_get_day_of_month (from);
  g_autofree char *c = g_date_time_format (my_from, other_day ? "%a %H:%M" : "%H:%M");
  g_autofree char *d = g_date_time_format (my_to, "%H:%M");

  if (g_strcmp0 (zone, g_time_zone_get_identifier (ctx->in->user_tz)) == 0 ||
      (g_strcmp0 (a, c) == 0 && g_strcmp0 (b, d) == 0))
    return g_strdup_printf ("%s-%s", a, b);
  /* TRANSLATORS: a calling window in the contact's zone, then in the user's */
  return g_strdup_printf (_ ("%s-%s %s time (%s-%s for you)"), a, b, zone, c, d);
}

/* the sentence about the window the call sits in now */
static char *
window_sentence (const FollowupEngineCtx *ctx, const FollowupReminder *r)
{
  g_autofree char *window = window_phrase (ctx, r);
  FollowupCalendar cal = { ctx->in->policy, ctx->in->user_tz, NULL, NULL };
  g_autoptr (GDateTime) night = NULL;
  g_autoptr (GDateTime) morning = NULL;

  if (!r->off_hours)
    return g_strdup_printf (_ ("%s is when people are at their desks."), window);
  night = followup_calendar_quiet_start_before (&cal, r->due);
  followup_calendar_is_quiet (&cal, r->due, &morning);
  if (morning != NULL &&
      g_date_time_difference (morning, r->due) < g_date_time_difference (r->due, night))
    return g_strdup_printf (_ ("Every calling window that day falls in your quiet hours; %s is "
                               "the nearest to your morning, early for you, so this reminder "
                               "comes the evening before."),
                            window);
  return g_strdup_printf (_ ("Every calling window that day falls in your quiet hours; %s is the "
                             "nearest to their end, late for you, so this reminder comes before "
                             "they begin."),
                          window);
}

static char *
check_in_sentence (const Channel *ch)
{
  if (g_strcmp0 (ch->callee->prefers, "email") == 0)
    return g_strdup_printf (_ ("%s prefers email, so a short note asking where things stand "
                               "takes the place of the call."),
                            ch->callee->name);
  return g_strdup (_ ("There is no phone number on file, so a short email asking where things "
                      "stand takes the place of the call."));
}

static char *
first_call_lead (const FollowupEngineCtx *ctx, const FirstCall *fc, const FollowupReminder *r)
{
  int day = followup_engine_days_between (fc->anchor, r->due, ctx->record->tz);

  if (fc->told == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "No decision date was given; %d day on, asking where "
                                         "things stand is welcome.",
                                         "No decision date was given; %d days on, asking where "
                                         "things stand is welcome.",
                                         day),
                            day);
  if (fc->kept)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Their answer gave no new date, so this stays on day %d "
                                         "of the %d day they first gave, and a little more.",
                                         "Their answer gave no new date, so this stays on day %d "
                                         "of the %d days they first gave, and a little more.",
                                         fc->told),
                            day, fc->told);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "They expected to decide within %d day; hiring often "
                                       "takes longer than planned, so on day %d they have had "
                                       "that and some more.",
                                       "They expected to decide within %d days; hiring often "
                                       "takes longer than planned, so on day %d they have had "
                                       "that and some more.",
                                       fc->told),
                          fc->told, day);
}

/* R6: move_on_after_days calendar days after t, at its time of day, out of
 * quiet hours */
static GDateTime *
move_on_day (const FollowupEngineCtx *ctx, GDateTime *t)
{
  const FollowupRecord *r = ctx->record;
  g_autoptr (GDateTime) at = NULL;
  GDate date;

  followup_engine_date_in_zone (t, r->tz, &date);
  g_date_add_days (&date, ctx->in->policy->move_on_after_days);
  at = followup_engine_at_time_of_day (r->tz, &date, t);
  return followup_calendar_leave_quiet (&ctx->cal, at);
}

/* R6: move on, after the last call reached them or the calls ran out */
static void
rule_move_on (FollowupEngineCtx *ctx, const FollowupEvent *last, guint calls)
{
  g_auto (FollowupSlot) slot = { .due = move_on_day (ctx, last->at) };
  g_autofree char *day = followup_engine_format_day (last->at);
  FollowupReminder *out;

  out = followup_engine_emit (ctx, &(FollowupEngineStep){ last->at, 0 }, FOLLOWUP_ACTION_MOVE_ON,
                              NULL, &slot, &ctx->cal, NULL);
  if (out == NULL)
    return;
  if (last->outcome == FOLLOWUP_OUTCOME_REACHED)
    out->reason = g_strdup_printf (_ ("You spoke with them on %s and have heard nothing since; let "
                                      "this one go and put your energy into other openings."),
                                   day);
  else
    out->reason = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE,
                   "You have followed up %u time without an answer; more would read as "
                   "pressure. Let this one go and focus on other openings.",
                   "You have followed up %u times without an answer; more would read as "
                   "pressure. Let this one go and focus on other openings.",
                   calls),
      calls);
}

/* a call shown and never recorded stops after three windows, or once
 * move_on_after_days have passed since its first one: then `stop` is when */
static gboolean
gave_up (FollowupEngineCtx *ctx, const Channel *ch, const char *key, const FollowupSlot *slot,
         GDateTime **stop, guint *windows)
{
  gint64 *count = followup_engine_lookup_time (ctx->in->windows_shown, key);
  gint64 *last = followup_engine_lookup_time (ctx->in->shown, key);
  g_auto (FollowupSlot) third = { 0 };
  GDate date;

  *stop = move_on_day (ctx, slot->due);
  *windows = 0;
  if (!ch->by_email && count != NULL && last != NULL && *count >= GIVE_UP_AFTER_WINDOWS) {
    g_autoptr (GDateTime) t = g_date_time_new_from_unix_utc (*last);

    followup_engine_date_in_zone (t, ch->tz, &date);
    if (followup_calendar_find_window (&ch->cal, ch->tz, &date, FOLLOWUP_WINDOW_ENDS_AFTER, t,
                                       &third) &&
        g_date_time_compare (third.until, *stop) < 0) {
      g_date_time_unref (*stop);
      *stop = g_date_time_ref (third.until);
      *windows = (guint) *count;
    }
  }
  if (g_date_time_compare (ctx->in->now, *stop) >= 0)
    return TRUE;
  g_clear_pointer (stop, g_date_time_unref);
  return FALSE;
}

static void
emit_gave_up (FollowupEngineCtx *ctx, const FollowupEngineStep *step, GDateTime *stop,
              guint windows)
{
  g_auto (FollowupSlot) slot = { .due = g_date_time_ref (stop) };
  FollowupReminder *out =
    followup_engine_emit (ctx, step, FOLLOWUP_ACTION_MOVE_ON, NULL, &slot, &ctx->cal, NULL);
  int days = ctx->in->policy->move_on_after_days;

  if (out == NULL)
    return;
  if (windows > 0)
    out->reason = g_strdup_printf (_ ("The call was shown in %u calling windows and none was "
                                      "recorded; if you called, record how it went, else let "
                                      "this one go and focus on other openings."),
                                   windows);
  else
    out->reason = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE,
                   "%d day has passed since this follow-up was due and none was recorded; if "
                   "you made it, record how it went, else let this one go.",
                   "%d days have passed since this follow-up was due and none was recorded; if "
                   "you made it, record how it went, else let this one go.",
                   days),
      days);
}

/* the call or check-in, or the move-on that replaces it once it was let go */
static FollowupReminder *
emit_call (FollowupEngineCtx *ctx, const Channel *ch, const FollowupEngineStep *step,
           FollowupSlot *slot)
{
  FollowupAction action = ch->by_email ? FOLLOWUP_ACTION_CHECK_IN : FOLLOWUP_ACTION_CALL;
  g_autofree char *key = followup_engine_step_key (ctx, step, action, channel_contact (ch));
  g_autoptr (GDateTime) stop = NULL;
  guint windows;

  if (gave_up (ctx, ch, key, slot, &stop, &windows)) {
    emit_gave_up (ctx, step, stop, windows);
    return NULL;
  }
  return followup_engine_emit (ctx, step, action, channel_contact (ch), slot, &ch->cal,
                               ch->by_email ? NULL : ch->tz);
}

static void
rule_first_call (FollowupEngineCtx *ctx, const Channel *ch, FirstCall *fc)
{
  g_auto (FollowupSlot) slot = { 0 };
  g_autofree char *lead = NULL;
  g_autofree char *tail = NULL;
  FollowupReminder *out;

  if (fc->slot.due == NULL)
    return;
  slot.due = g_date_time_ref (fc->slot.due);
  slot.until = fc->slot.until ? g_date_time_ref (fc->slot.until) : NULL;
  slot.show_at = fc->slot.show_at ? g_date_time_ref (fc->slot.show_at) : NULL;
  slot.off_hours = fc->slot.off_hours;
  out = emit_call (ctx, ch, &(FollowupEngineStep){ fc->anchor, 0 }, &slot);
  if (out == NULL)
    return;
  lead = first_call_lead (ctx, fc, out);
  tail = ch->by_email ? check_in_sentence (ch) : window_sentence (ctx, out);
  out->reason = g_strdup_printf ("%s %s", lead, tail);
}

static char *
retry_lead (const FollowupEngineCtx *ctx, const Channel *ch, const Round *round,
            const FollowupEvent *last)
{
  const FollowupPolicy *policy = ctx->in->policy;
  g_autofree char *day = followup_engine_format_day (last->at);
  int wait = policy->call_retry_after_workdays;
  guint n = round->counted + 1;

  if (ch->by_email || last->type == FOLLOWUP_EVENT_CHECK_IN)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Your note on %s has had no answer; one more after %d "
                                         "workday is fine (%u of at most %d), and no more.",
                                         "Your note on %s has had no answer; one more after %d "
                                         "workdays is fine (%u of at most %d), and no more.",
                                         wait),
                            day, wait, n, policy->max_calls);
  if (last->skipped)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "You chose not to call on %s; that counts as a call. "
                                         "After %d workday one more is fine (call %u of at most "
                                         "%d), and no more than that.",
                                         "You chose not to call on %s; that counts as a call. "
                                         "After %d workdays one more is fine (call %u of at most "
                                         "%d), and no more than that.",
                                         wait),
                            day, wait, n, policy->max_calls);
  if (round->missed > 0)
    return g_strdup_printf (_ ("Nobody picked up on %s. Calling back beats leaving a message, so "
                               "try again the next workday; an unanswered ring does not count "
                               "as one of your %d calls."),
                            day, policy->max_calls);
  if (last->outcome == FOLLOWUP_OUTCOME_NO_ANSWER)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Nobody has picked up %d times in a row, which counts "
                                         "as one call; after %d workday one more is fine (call "
                                         "%u of at most %d), and no more than that.",
                                         "Nobody has picked up %d times in a row, which counts "
                                         "as one call; after %d workdays one more is fine (call "
                                         "%u of at most %d), and no more than that.",
                                         wait),
                            NO_ANSWERS_COUNTED, wait, n, policy->max_calls);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "You left a message on %s; trying again after %d workday "
                                       "is fine (call %u of at most %d), and no more than that.",
                                       "You left a message on %s; trying again after %d workdays "
                                       "is fine (call %u of at most %d), and no more than that.",
                                       wait),
                          day, wait, n, policy->max_calls);
}

/* R5: one more try after a message left or an unanswered note; R18: after
 * nobody picked up, the next workday */
static void
rule_retry (FollowupEngineCtx *ctx, const Round *round, const Channel *ch)
{
  const FollowupEvent *last = g_ptr_array_index (round->calls, round->calls->len - 1);
  GDateTime *start = round->response ? round->response->at : ctx->round->at;
  g_auto (FollowupSlot) slot = { 0 };
  g_autofree char *lead = NULL;
  g_autofree char *tail = NULL;
  FollowupReminder *out;
  GDate date;

  if (last->outcome == FOLLOWUP_OUTCOME_REACHED ||
      round->counted >= (guint) ctx->in->policy->max_calls) {
    rule_move_on (ctx, last, round->calls->len);
    return;
  }
  followup_engine_date_in_zone (last->at, ch->tz, &date);
  followup_calendar_add_workdays (&ch->cal, &date,
                                  round->missed > 0 ? 1
                                                    : ctx->in->policy->call_retry_after_workdays);
  if (!place_on_day (ctx, ch, &date, &slot))
    return;
  out = emit_call (ctx, ch, &(FollowupEngineStep){ start, round->calls->len }, &slot);
  if (out == NULL)
    return;
  lead = retry_lead (ctx, ch, round, last);
  tail = ch->by_email ? g_strdup ("") : window_sentence (ctx, out);
  out->reason = g_strdup_printf ("%s%s%s", lead, *tail ? " " : "", tail);
}

/* R2: the follow-up email, until the decision-date step */
static void
rule_follow_up_email (FollowupEngineCtx *ctx, const Round *round, const FirstCall *fc)
{
  const FollowupRecord *r = ctx->record;
  const FollowupContact *to = followup_engine_pick_contact (r, "email");
  GDateTime *at = ctx->round->at;
  g_autoptr (GDateTime) local = g_date_time_to_timezone (at, r->tz);
  g_auto (FollowupSlot) slot = { 0 };
  FollowupReminder *out;
  GDate day;
  int days;

  if (round->response != NULL || round->emailed || round->calls->len > 0)
    return;
  followup_datetime_get_date (local, &day);
  g_date_add_days (&day, ctx->in->policy->follow_up_email_after_days);
  slot.due =
    followup_calendar_day_step (&ctx->cal, r->tz, &day, followup_datetime_minute_of_day (local));
  /* a call before it or right after it makes the email redundant */
  if (fc->slot.due != NULL && followup_engine_days_between (slot.due, fc->slot.due, r->tz) <= 2)
    return;
  slot.until = fc->slot.due ? g_date_time_ref (fc->slot.due) : NULL;
  out = followup_engine_emit (ctx, &(FollowupEngineStep){ at, 0 }, FOLLOWUP_ACTION_FOLLOW_UP_EMAIL,
                              to ? to->name : NULL, &slot, &ctx->cal, NULL);
  if (out == NULL)
    return;
  days = followup_engine_days_between (at, out->due, r->tz);
  out->reason = g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE,
                 "%d day has passed since the interview; a brief note restates your interest "
                 "and offers anything else they need to decide.",
                 "%d days have passed since the interview; a brief note restates your interest "
                 "and offers anything else they need to decide.",
                 days),
    days);
}

void
followup_engine_rules_waiting (FollowupEngineCtx *ctx)
{
  Channel ch;
  Round round;
  FirstCall fc = { 0 };

  channel_init (ctx, &ch);
  round_init (&round, ctx);
  plan_first_call (ctx, &round, &ch, &fc);
  rule_follow_up_email (ctx, &round, &fc);
  if (round.calls->len == 0)
    rule_first_call (ctx, &ch, &fc);
  else
    rule_retry (ctx, &round, &ch);
  followup_slot_clear (&fc.slot);
  g_ptr_array_unref (round.calls);
}

/* R18: the calls of the round in force that count towards max_calls, as
 * the plan counts them; an edit asks before it stores one past the limit */
guint
followup_engine_calls_counted (const FollowupEngineInput *input, FollowupRecord *record)
{
  FollowupEngineCtx ctx;
  Round round;
  guint counted;

  followup_engine_ctx_init (&ctx, input, record, NULL);
  round_init (&round, &ctx);
  counted = round.counted;
  g_ptr_array_unref (round.calls);
  return counted;
}

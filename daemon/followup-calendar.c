/* followup-calendar.c: workdays, quiet hours and calling windows together
 *
 * quiet hours are the user's (R12), workdays and calling windows belong to
 * the zone a step is timed in (R4, R13): a step is placed by walking dates
 * in that zone and checking each candidate instant against the user's clock */
#include "config.h"

#define G_LOG_DOMAIN "followup-calendar"

#include "followup-calendar.h"
#include "followup-time.h"

#define SEARCH_DAYS 400

static gboolean
in_list (const GArray *list, guint32 julian)
{
  for (guint i = 0; list != NULL && i < list->len; i++) {
    if (g_array_index (list, guint32, i) == julian)
      return TRUE;
  }
  return FALSE;
}

/* R13: the policy's holidays, plus the record's and the contact's own */
gboolean
followup_calendar_is_workday (const FollowupCalendar *cal, const GDate *date)
{
  guint32 julian = g_date_get_julian (date);

  return followup_policy_is_workday (cal->policy, date) && !in_list (cal->extra, julian) &&
         !in_list (cal->extra2, julian);
}

void
followup_calendar_next_workday (const FollowupCalendar *cal, GDate *date)
{
  for (int i = 0; i < SEARCH_DAYS && !followup_calendar_is_workday (cal, date); i++)
    g_date_add_days (date, 1);
}

void
followup_calendar_add_workdays (const FollowupCalendar *cal, GDate *date, int n)
{
  for (int i = 0; i < SEARCH_DAYS && n > 0; i++) {
    g_date_add_days (date, 1);
    if (followup_calendar_is_workday (cal, date))
      n--;
  }
}

static gboolean
minute_in_span (const FollowupWindow *w, int minute)
{
  if (w->start <= w->end)
    return minute >= w->start && minute < w->end;
  return minute >= w->start || minute < w->end;
}

static void
user_date (const FollowupCalendar *cal, GDateTime *t, GDate *date, int *minute)
{
  g_autoptr (GDateTime) local = g_date_time_to_timezone (t, cal->user_tz);

  followup_datetime_get_date (local, date);
  *minute = followup_datetime_minute_of_day (local);
}

/* whether t lies in the user's quiet hours, and if so when they end */
gboolean
followup_calendar_is_quiet (const FollowupCalendar *cal, GDateTime *t, GDateTime **end)
{
  const FollowupWindow *q = &cal->policy->quiet_hours;
  GDate date;
  int minute;

  if (!cal->policy->has_quiet_hours)
    return FALSE;
  user_date (cal, t, &date, &minute);
  if (!minute_in_span (q, minute))
    return FALSE;
  if (end != NULL) {
    if (q->start > q->end && minute >= q->start)
      g_date_add_days (&date, 1);
    *end = followup_datetime_at (cal->user_tz, &date, q->end);
  }
  return TRUE;
}

/* R12: t, or the end of the quiet hours it falls in */
GDateTime *
followup_calendar_leave_quiet (const FollowupCalendar *cal, GDateTime *t)
{
  GDateTime *end = NULL;

  if (followup_calendar_is_quiet (cal, t, &end))
    return end;
  return g_date_time_ref (t);
}

/* the start of quiet hours on t's day (user's zone), or the day before or after */
static GDateTime *
quiet_start_on (const FollowupCalendar *cal, GDateTime *t, int day_offset)
{
  GDate date;
  int minute;

  user_date (cal, t, &date, &minute);
  if (day_offset < 0)
    g_date_subtract_days (&date, -day_offset);
  else if (day_offset > 0)
    g_date_add_days (&date, day_offset);
  return followup_datetime_at (cal->user_tz, &date, cal->policy->quiet_hours.start);
}

/* the latest start of quiet hours at or before t */
GDateTime *
followup_calendar_quiet_start_before (const FollowupCalendar *cal, GDateTime *t)
{
  g_autoptr (GDateTime) start = quiet_start_on (cal, t, 0);

  if (g_date_time_compare (start, t) <= 0)
    return g_steal_pointer (&start);
  return quiet_start_on (cal, t, -1);
}

/* the first start of quiet hours after t */
GDateTime *
followup_calendar_quiet_start_after (const FollowupCalendar *cal, GDateTime *t)
{
  g_autoptr (GDateTime) start = quiet_start_on (cal, t, 0);

  if (g_date_time_compare (start, t) > 0)
    return g_steal_pointer (&start);
  return quiet_start_on (cal, t, 1);
}

/* a day-N step at a time of day in tz, on a workday, outside quiet hours:
 * moved off a non-workday it keeps its time of day; out of quiet hours it
 * goes to their end; if that end is on no workday, to the next workday's
 * first moment outside quiet hours (R2, R12, R13) */
GDateTime *
followup_calendar_day_step (const FollowupCalendar *cal, GTimeZone *tz, const GDate *day,
                            int minute)
{
  g_autoptr (GDateTime) due = NULL;
  GDate date = *day;

  followup_calendar_next_workday (cal, &date);
  due = followup_datetime_at (tz, &date, minute);
  for (int i = 0; i < 7; i++) {
    g_autoptr (GDateTime) out = followup_calendar_leave_quiet (cal, due);
    g_autoptr (GDateTime) local = g_date_time_to_timezone (out, tz);
    GDate landed;

    followup_datetime_get_date (local, &landed);
    if (followup_calendar_is_workday (cal, &landed))
      return g_steal_pointer (&out);
    followup_calendar_next_workday (cal, &landed);
    g_clear_pointer (&due, g_date_time_unref);
    due = followup_datetime_at (tz, &landed, 0);
  }
  return g_steal_pointer (&due);
}

void
followup_slot_clear (FollowupSlot *slot)
{
  g_clear_pointer (&slot->due, g_date_time_unref);
  g_clear_pointer (&slot->until, g_date_time_unref);
  g_clear_pointer (&slot->show_at, g_date_time_unref);
  slot->off_hours = FALSE;
}

/* the part of [start, end) outside the user's quiet hours, if any */
static gboolean
usable_part (const FollowupCalendar *cal, GDateTime *start, GDateTime *end, GDateTime **from,
             GDateTime **to)
{
  g_autoptr (GDateTime) s = followup_calendar_leave_quiet (cal, start);
  g_autoptr (GDateTime) e = g_date_time_ref (end);

  if (g_date_time_compare (s, e) >= 0)
    return FALSE;
  if (cal->policy->has_quiet_hours) {
    g_autoptr (GDateTime) q = followup_calendar_quiet_start_after (cal, s);

    if (g_date_time_compare (q, e) < 0) {
      g_clear_pointer (&e, g_date_time_unref);
      e = g_steal_pointer (&q);
    }
  }
  *from = g_steal_pointer (&s);
  *to = g_steal_pointer (&e);
  return TRUE;
}

static gboolean
wanted (FollowupWindowMode mode, GDateTime *after, GDateTime *start, GDateTime *end)
{
  if (mode == FOLLOWUP_WINDOW_ENDS_AFTER)
    return g_date_time_compare (end, after) > 0;
  if (mode == FOLLOWUP_WINDOW_STARTS_AFTER)
    return g_date_time_compare (start, after) > 0;
  return TRUE;
}

/* how far a window lying in quiet hours is from their end: the smaller, the
 * easier it is for the user to be up for it */
static GTimeSpan
distance_to_quiet_end (const FollowupCalendar *cal, GDateTime *start)
{
  g_autoptr (GDateTime) end = NULL;

  if (!followup_calendar_is_quiet (cal, start, &end))
    return 0;
  return g_date_time_difference (end, start);
}

/* when every window of the day lies in the user's night: the one nearest its
 * end, due at the window's start, shown before the night begins */
static void
off_hours_slot (const FollowupCalendar *cal, GDateTime *start, GDateTime *end, FollowupSlot *out)
{
  g_autoptr (GDateTime) night = followup_calendar_quiet_start_before (cal, start);

  out->due = g_date_time_ref (start);
  out->until = g_date_time_ref (end);
  out->show_at = g_date_time_add_minutes (night, -30);
  out->off_hours = TRUE;
}

static gboolean
window_on_day (const FollowupCalendar *cal, GTimeZone *tz, const GDate *date,
               FollowupWindowMode mode, GDateTime *after, FollowupSlot *out)
{
  const GArray *windows = cal->policy->call_windows;
  g_autoptr (GDateTime) best_start = NULL;
  g_autoptr (GDateTime) best_end = NULL;
  GTimeSpan best = G_MAXINT64;
  gboolean any_usable = FALSE;

  for (guint i = 0; i < windows->len; i++) {
    const FollowupWindow *w = &g_array_index (windows, FollowupWindow, i);
    g_autoptr (GDateTime) start = followup_datetime_at (tz, date, w->start);
    g_autoptr (GDateTime) end = followup_datetime_at (tz, date, w->end);
    GDateTime *from = NULL, *to = NULL;
    GTimeSpan d;

    if (usable_part (cal, start, end, &from, &to)) {
      any_usable = TRUE;
      if (wanted (mode, after, from, to)) {
        out->due = from;
        out->until = to;
        out->show_at = g_date_time_ref (from);
        return TRUE;
      }
      g_date_time_unref (from);
      g_date_time_unref (to);
      continue;
    }
    d = distance_to_quiet_end (cal, start);
    if (wanted (mode, after, start, end) && d < best) {
      best = d;
      g_clear_pointer (&best_start, g_date_time_unref);
      g_clear_pointer (&best_end, g_date_time_unref);
      best_start = g_steal_pointer (&start);
      best_end = g_steal_pointer (&end);
    }
  }
  if (any_usable || best_start == NULL)
    return FALSE;
  off_hours_slot (cal, best_start, best_end, out);
  return TRUE;
}

/* R4, R12, R13: the calling windows of workdays in the callee's zone, from
 * `from` on, the part outside the user's quiet hours. A day where a window
 * is left that way never gives an off-hours one */
gboolean
followup_calendar_find_window (const FollowupCalendar *cal, GTimeZone *tz, const GDate *from,
                               FollowupWindowMode mode, GDateTime *after, FollowupSlot *out)
{
  GDate date = *from;

  for (int day = 0; day < SEARCH_DAYS; day++, g_date_add_days (&date, 1)) {
    if (followup_calendar_is_workday (cal, &date) &&
        window_on_day (cal, tz, &date, mode, after, out))
      return TRUE;
  }
  return FALSE;
}

/* followup-calendar.h: workdays, quiet hours and calling windows together
 *
 * pure helpers of the engine: where a step may land on the calendar of the
 * zone it is timed in, without landing in the user's quiet hours */
#pragma once

#include "followup-policy.h"

G_BEGIN_DECLS

typedef struct {
  const FollowupPolicy *policy;
  GTimeZone *user_tz;   /* quiet hours are the user's */
  const GArray *extra;  /* more holidays (guint32 julian, any order): the record's */
  const GArray *extra2; /* … and the contact's, or NULL */
} FollowupCalendar;

/* where a step lands: when to act, until when, when to show it */
typedef struct {
  GDateTime *due;
  GDateTime *until;   /* end of its window, or NULL */
  GDateTime *show_at; /* = due, or the evening before an early call */
  gboolean off_hours; /* every window that day lay in the user's quiet hours */
} FollowupSlot;

typedef enum {
  FOLLOWUP_WINDOW_FIRST,       /* the first window on or after the date */
  FOLLOWUP_WINDOW_ENDS_AFTER,  /* the first one still open at `after` */
  FOLLOWUP_WINDOW_STARTS_AFTER /* the first one starting after `after` */
} FollowupWindowMode;

gboolean followup_calendar_is_workday (const FollowupCalendar *cal, const GDate *date);
void followup_calendar_next_workday (const FollowupCalendar *cal, GDate *date);
void followup_calendar_add_workdays (const FollowupCalendar *cal, GDate *date, int n);
gboolean followup_calendar_is_quiet (const FollowupCalendar *cal, GDateTime *t, GDateTime **end);
GDateTime *followup_calendar_leave_quiet (const FollowupCalendar *cal, GDateTime *t);
GDateTime *followup_calendar_quiet_start_before (const FollowupCalendar *cal, GDateTime *t);
GDateTime *followup_calendar_quiet_start_after (const FollowupCalendar *cal, GDateTime *t);
GDateTime *followup_calendar_day_step (const FollowupCalendar *cal, GTimeZone *tz, const GDate *day,
                                       int minute);
gboolean followup_calendar_find_window (const FollowupCalendar *cal, GTimeZone *tz,
                                        const GDate *from, FollowupWindowMode mode,
                                        GDateTime *after, FollowupSlot *out);
void followup_slot_clear (FollowupSlot *slot);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FollowupSlot, followup_slot_clear)

G_END_DECLS

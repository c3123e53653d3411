/* followup-timer.h: one wall-clock alarm, a timerfd in the main loop */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _FollowupTimer FollowupTimer;

/* clock_set is TRUE when the wall clock was set rather than the alarm due */
typedef void (*FollowupTimerFunc) (gboolean clock_set, gpointer user_data);

FollowupTimer *followup_timer_new (FollowupTimerFunc func, gpointer user_data, GError **error);
void followup_timer_arm (FollowupTimer *timer, gint64 unix_seconds);
void followup_timer_disarm (FollowupTimer *timer);
gint64 followup_timer_get_deadline (FollowupTimer *timer);
void followup_timer_free (FollowupTimer *timer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FollowupTimer, followup_timer_free)

G_END_DECLS

/* followup-plan.h: what to show now and when to wake, as a pure function
 *
 * schedule (from the engine) + what was shown + what is being shown + now
 * -> the steps to show, the next one to come and the next wake-up. No I/O,
 * no clock: the reminders object runs it on every re-plan, the tests run it
 * on tables */
#pragma once

#include "followup-engine.h"
#include "followup-state.h"

G_BEGIN_DECLS

typedef struct {
  GPtrArray *due;               /* FollowupReminder (borrowed): to show now */
  const FollowupReminder *next; /* the next step to show, or NULL */
  gint64 wake;                  /* when to plan again (Unix seconds), 0 for never */
  GHashTable *live;             /* the keys of the schedule (borrowed), for pruning */
  GHashTable *applies;          /* the keys of the steps that apply now: shown, not snoozed
                                 * to later, window or deadline not passed (borrowed) */
} FollowupPlan;

/* in_flight: keys whose notification is being sent, or NULL */
FollowupPlan *followup_plan_compute (GPtrArray *schedule, FollowupState *state,
                                     GHashTable *in_flight, gint64 now);
/* the "due" a step is shown for in the state: a call once per window, any
 * other step once, however its due moves */
gint64 followup_plan_shown_due (const FollowupReminder *reminder);
void followup_plan_free (FollowupPlan *plan);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FollowupPlan, followup_plan_free)

G_END_DECLS

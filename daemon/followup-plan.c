/* followup-plan.c: from the schedule to what is due (rule R10) */
#include "config.h"

#define G_LOG_DOMAIN "followup-plan"

#include "followup-plan.h"

gint64
followup_plan_shown_due (const FollowupReminder *r)
{
  return r->action == FOLLOWUP_ACTION_CALL ? g_date_time_to_unix (r->due) : 0;
}

static gboolean
is_due (const FollowupReminder *r, FollowupState *state, GHashTable *in_flight)
{
  return !followup_state_was_shown (state, r->key, followup_plan_shown_due (r)) &&
         (in_flight == NULL || !g_hash_table_contains (in_flight, r->key));
}

FollowupPlan *
followup_plan_compute (GPtrArray *schedule, FollowupState *state, GHashTable *in_flight, gint64 now)
{
  FollowupPlan *plan = g_new0 (FollowupPlan, 1);
  gint64 wake = G_MAXINT64;

  plan->due = g_ptr_array_new ();
  plan->live = g_hash_table_new (g_str_hash, g_str_equal);
  plan->applies = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < schedule->len; i++) {
    const FollowupReminder *r = g_ptr_array_index (schedule, i);
    gint64 show = g_date_time_to_unix (r->show_at);

    g_hash_table_add (plan->live, r->key);
    if (show > now) {
      /* the schedule is sorted by due, and a step shows at or before it */
      if (plan->next == NULL || show < g_date_time_to_unix (plan->next->show_at))
        plan->next = r;
      wake = MIN (wake, show);
      continue;
    }
    if (is_due (r, state, in_flight))
      g_ptr_array_add (plan->due, (gpointer) r);
    if (r->expires == NULL || g_date_time_to_unix (r->expires) > now)
      g_hash_table_add (plan->applies, r->key);
    /* a step that stops applying (a call whose window closes) moves on then */
    if (r->expires != NULL && g_date_time_to_unix (r->expires) > now)
      wake = MIN (wake, g_date_time_to_unix (r->expires));
  }
  plan->wake = wake == G_MAXINT64 ? 0 : wake;
  return plan;
}

void
followup_plan_free (FollowupPlan *plan)
{
  if (plan == NULL)
    return;
  g_ptr_array_unref (plan->due);
  g_hash_table_unref (plan->live);
  g_hash_table_unref (plan->applies);
  g_free (plan);
}

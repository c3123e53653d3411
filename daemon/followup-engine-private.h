/* followup-engine-private.h: what the rule files of the engine share
 *
 * followup-engine.c places steps (snoozes, catch-up, ends) and holds the
 * rules of the thank-you notes and after an answer; followup-engine-call.c
 * the timeline while waiting: the email, the calls, moving on */
#pragma once

#include "followup-calendar.h"
#include "followup-engine.h"

G_BEGIN_DECLS

typedef struct {
  const FollowupEngineInput *in;
  FollowupRecord *record;
  FollowupCalendar cal; /* the record's: the policy's holidays and its own */
  GPtrArray *out;
  /* R17: the round in force, the latest; the first interview is round 0.
   * Its steps hang from its date, and only its events count */
  const FollowupRound *round;
  FollowupRound first;
  guint round_no;
  GDateTime *round_before; /* when the round before it was, or NULL */
} FollowupEngineCtx;

/* what a step hangs from: the interview, an answer or a call, and which
 * of several (the second call of a round, the third keep-in-touch) */
typedef struct {
  GDateTime *anchor;
  guint nth;
} FollowupEngineStep;

/* the step as placed; call_tz for a step bound to calling windows there,
 * else NULL. Returns the reminder (owned by ctx->out, reason still to be
 * written from its final times), or NULL when the step no longer applies */
FollowupReminder *followup_engine_emit (FollowupEngineCtx *ctx, const FollowupEngineStep *step,
                                        FollowupAction action, const char *contact,
                                        FollowupSlot *slot, const FollowupCalendar *cal,
                                        GTimeZone *call_tz);

void followup_engine_ctx_init (FollowupEngineCtx *ctx, const FollowupEngineInput *input,
                               FollowupRecord *record, GPtrArray *out);
char *followup_engine_step_key (const FollowupEngineCtx *ctx, const FollowupEngineStep *step,
                                FollowupAction action, const char *contact);
gint64 *followup_engine_lookup_time (GHashTable *table, const char *key);
void followup_engine_date_in_zone (GDateTime *dt, GTimeZone *tz, GDate *out);
GDateTime *followup_engine_at_time_of_day (GTimeZone *tz, const GDate *date, GDateTime *model);
int followup_engine_days_between (GDateTime *from, GDateTime *to, GTimeZone *tz);
const FollowupContact *followup_engine_pick_contact (const FollowupRecord *r, const char *prefers);
char *followup_engine_format_day (GDateTime *dt);
/* an event of the round in force, not of an earlier one */
gboolean followup_engine_in_round (const FollowupEngineCtx *ctx, const FollowupEvent *e);

/* while waiting for their answer, after the thank-you: R2, R3, R5, R6, R9,
 * R15 and the check-in by email */
void followup_engine_rules_waiting (FollowupEngineCtx *ctx);

G_END_DECLS

/* followup-output.h: the engine's steps for the bus and the terminal */
#pragma once

#include "followup-engine.h"
#include "followup-step.h"

G_BEGIN_DECLS

FollowupStep *followup_reminder_to_step (const FollowupReminder *reminder);
char *followup_reminder_to_json (const FollowupReminder *reminder);
char *followup_schedule_to_table (GPtrArray *reminders, GTimeZone *user_tz, GDateTime *now);

G_END_DECLS

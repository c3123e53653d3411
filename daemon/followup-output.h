/* followup-output.h: the schedule as JSON lines or as a table */
#pragma once

#include "followup-engine.h"

G_BEGIN_DECLS

char *followup_reminder_to_json (const FollowupReminder *reminder);
char *followup_schedule_to_table (GPtrArray *reminders, GTimeZone *user_tz, GDateTime *now);

G_END_DECLS

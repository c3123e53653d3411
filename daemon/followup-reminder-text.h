/* followup-reminder-text.h: what a reminder's notification says and offers */
#pragma once

#include "followup-engine.h"

G_BEGIN_DECLS

/* "Call Jane Doe at Acme Corp" */
char *followup_reminder_summary (const FollowupReminder *r);
/* the reason, the deadline in the user's zone, how to reach them, and for
 * a call what to say */
char *followup_reminder_body (const FollowupReminder *r, GTimeZone *user_tz);
/* key, label, ...: a call's outcomes, or done and snooze */
GStrv followup_reminder_buttons (const FollowupReminder *r);

G_END_DECLS

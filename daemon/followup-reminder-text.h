/* followup-reminder-text.h: what a reminder's notification says and offers */
#pragma once

#include "followup-engine.h"

G_BEGIN_DECLS

/* "Call Jane Doe at Acme Corp" */
char *followup_reminder_summary (const FollowupReminder *r);
/* the reason, the deadline in the user's zone, how to reach them, and for
 * a call what to say */
char *followup_reminder_body (const FollowupReminder *r, GTimeZone *user_tz);
/* the button that opens the callee's number on the phone */
#define FOLLOWUP_REMINDER_CALL_BUTTON "call-now"
/* the button that opens the step's draft as a mailto: link */
#define FOLLOWUP_REMINDER_WRITE_BUTTON "write"

/* the step has a written draft (a thank-you, a follow-up email...) */
gboolean followup_reminder_can_write (const FollowupReminder *r);

/* key, label, ...: Call (when tel_ok) and a call's outcomes, or Write (a
 * message to send), done and snooze */
GStrv followup_reminder_buttons (const FollowupReminder *r, gboolean tel_ok);
char *followup_reminder_tel_uri (const FollowupReminder *r);

G_END_DECLS

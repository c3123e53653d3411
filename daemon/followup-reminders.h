/* followup-reminders.h: from the records to the screen
 *
 * every re-plan runs the engine, shows what is due and not yet shown, and
 * arms the one wall-clock timer for the next step. It owns the notifier,
 * the timer and the state file (shown marks, snoozes), is told the records
 * by its owner, and reports by signal: "shown" (id, action), "clicked" (id,
 * action, contact or NULL, button) and "planned" (the next due, 0 for none) */
#pragma once

#include <gio/gio.h>

#include "followup-engine.h"
#include "followup-ledger.h"
#include "followup-record-set.h"

G_BEGIN_DECLS

#define FOLLOWUP_TYPE_REMINDERS (followup_reminders_get_type ())
G_DECLARE_FINAL_TYPE (FollowupReminders, followup_reminders, FOLLOWUP, REMINDERS, GObject)

FollowupReminders *followup_reminders_new (const char *state_path, GTimeZone *user_tz,
                                           GError **error);
/* notifications go out once a bus is given */
void followup_reminders_set_bus (FollowupReminders *rem, GDBusConnection *bus);
/* the records to plan from; problem (with the checksum of the refused
 * content) when the file on disk does not parse, else NULL. Re-plans: only
 * the records named in ids (the ones a commit changed), or all when ids is
 * NULL (a reload: any may have changed) */
void followup_reminders_set_records (FollowupReminders *rem, FollowupRecordSet *set,
                                     const char *const *ids, const char *problem,
                                     const char *problem_checksum);
void followup_reminders_set_user_tz (FollowupReminders *rem, GTimeZone *user_tz);
void followup_reminders_replan (FollowupReminders *rem);
/* at exit: waits (at most timeout_ms) for the notifications already sent */
void followup_reminders_settle (FollowupReminders *rem, guint timeout_ms);

/* the steps of the last re-plan, sorted by due */
GPtrArray *followup_reminders_get_schedule (FollowupReminders *rem);
/* the sequence of each step and the steps that left the plan, as of the
 * last re-plan */
FollowupLedger *followup_reminders_get_ledger (FollowupReminders *rem);
/* until 0: the next calling window (calls only) */
gboolean followup_reminders_snooze (FollowupReminders *rem, const char *id, const char *action,
                                    gint64 until, GError **error);
gboolean followup_reminders_save_state (FollowupReminders *rem, GError **error);
/* a button of the step `action` of `id` did `what`, which could not be
 * saved (`why`): the user is told, and the step stays pending */
void followup_reminders_not_recorded (FollowupReminders *rem, const char *id, const char *action,
                                      const char *what, const char *why);

G_END_DECLS

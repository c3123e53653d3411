/* followup-engine.h: the pure rule engine, records + policy + now -> reminders
 *
 * no I/O, no globals, no clock reads: everything comes in as arguments */
#pragma once

#include "followup-record.h"

G_BEGIN_DECLS

typedef enum {
  FOLLOWUP_ACTION_THANK_YOU,
  FOLLOWUP_ACTION_FOLLOW_UP_EMAIL,
  FOLLOWUP_ACTION_CALL,
  FOLLOWUP_ACTION_MOVE_ON,
  FOLLOWUP_ACTION_THANKS_AFTER_REJECTION,
  FOLLOWUP_ACTION_KEEP_IN_TOUCH,
} FollowupAction;

typedef struct {
  FollowupRecord *record; /* a reference */
  FollowupAction action;
  char *contact;    /* NULL when the step is not for one person */
  GDateTime *due;   /* in the record's zone */
  GDateTime *until; /* end of the window or deadline, or NULL */
  char *reason;     /* one sentence a person reads */
  char *key;        /* stable identity of this step, for snoozes and shown state */
} FollowupReminder;

typedef struct {
  const FollowupPolicy *policy;
  GTimeZone *user_tz;
  GDateTime *now;
  GHashTable *snoozes; /* reminder key -> gint64* unix time, or NULL */
} FollowupEngineInput;

const char *followup_action_to_string (FollowupAction action);
gboolean followup_action_from_string (const char *text, FollowupAction *out);

GPtrArray *followup_engine_schedule (const FollowupEngineInput *input, GPtrArray *records);
GPtrArray *followup_engine_schedule_record (const FollowupEngineInput *input,
                                            FollowupRecord *record);
GDateTime *followup_engine_next_window (const FollowupPolicy *policy, GTimeZone *tz,
                                        GDateTime *after, GDateTime **until);
void followup_reminder_free (FollowupReminder *reminder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FollowupReminder, followup_reminder_free)

G_END_DECLS

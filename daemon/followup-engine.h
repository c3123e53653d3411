/* followup-engine.h: the pure rule engine, records + policy + now -> reminders
 *
 * no I/O, no globals, no clock reads: everything comes in as arguments,
 * the memory of what was shown and snoozed included */
#pragma once

#include "followup-record.h"

G_BEGIN_DECLS

typedef struct {
  FollowupRecord *record; /* a reference */
  FollowupAction action;
  char *contact;      /* NULL when the step is not for one person */
  GDateTime *due;     /* in the record's zone */
  GDateTime *until;   /* end of the window or deadline, or NULL */
  GDateTime *show_at; /* when its notification goes up */
  GDateTime *expires; /* when it stops applying (window closed, deadline passed), or NULL */
  GTimeZone *tz;      /* the zone it is timed in: the callee's for a call */
  gboolean off_hours; /* a call whose every window that day lies in the user's night */
  char *reason;       /* one sentence a person reads */
  char *key;          /* stable identity of this step, for snoozes and shown state */
} FollowupReminder;

typedef struct {
  const FollowupPolicy *policy;
  GTimeZone *user_tz;
  GDateTime *now;
  GHashTable *snoozes;       /* reminder key -> gint64* unix time, or NULL */
  GHashTable *shown;         /* reminder key -> gint64* the due it was last shown for, or NULL */
  GHashTable *windows_shown; /* reminder key -> gint64* calling windows it was shown in, or NULL */
  GHashTable *status_seen;   /* "ID/STATUS" -> gint64* when it was first seen, or NULL */
} FollowupEngineInput;

GPtrArray *followup_engine_schedule (const FollowupEngineInput *input, GPtrArray *records);
GPtrArray *followup_engine_schedule_record (const FollowupEngineInput *input,
                                            FollowupRecord *record);
/* R18: calls of the round in force counted towards max_calls */
guint followup_engine_calls_counted (const FollowupEngineInput *input, FollowupRecord *record);
/* "ID/STATUS", the key of status_seen */
char *followup_engine_status_key (const FollowupRecord *record);
void followup_reminder_free (FollowupReminder *reminder);
/* the schedule's order (a GCompareFunc on FollowupReminder**): by due, then record, action,
 * contact */
gint followup_reminder_compare (gconstpointer a, gconstpointer b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FollowupReminder, followup_reminder_free)

G_END_DECLS

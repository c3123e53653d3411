/* followup-record.h: interview records and the policy, validated from a{sv}
 *
 * a record's source of truth is its a{sv} dictionary, holding the record
 * file's keys and value forms; the parsed fields beside it are derived by the
 * one validator that serves the file loader and the D-Bus methods alike */
#pragma once

#include <glib.h>

#include "followup-names.h"

G_BEGIN_DECLS

typedef struct {
  int start; /* minutes after midnight */
  int end;
} FollowupWindow;

typedef struct {
  GArray *call_windows; /* FollowupWindow, sorted by start */
  guint8 workdays;      /* bit (1 << GDateWeekday) */
  GArray *holidays;     /* guint32 julian days, sorted */
  gboolean has_quiet_hours;
  FollowupWindow quiet_hours; /* may wrap midnight: start > end */
  int thank_you_within_hours;
  int follow_up_email_after_days;
  int call_without_timeline_after_days;
  int max_calls;
  int call_retry_after_workdays;
  int move_on_after_days;
  GVariant *dict; /* a{sv} as given, written back unchanged */
} FollowupPolicy;

typedef struct {
  char *name;
  char *email;
  char *phone;
  char *prefers; /* "phone", "email" or NULL */
  GTimeZone *tz; /* the contact's own zone, or the record's */
} FollowupContact;

typedef struct {
  FollowupEventType type;
  GDateTime *at;
  char *contact; /* thank-you: whom it went to; NULL = everyone */
  FollowupOutcome outcome;
  int decision_in_days; /* response: a new timeline, 0 = none */
} FollowupEvent;

typedef struct {
  gatomicrefcount ref;
  char *id;
  char *company;
  char *role;
  GTimeZone *tz;
  GDateTime *interviewed_at;
  GPtrArray *contacts;  /* FollowupContact */
  GPtrArray *events;    /* FollowupEvent, in time order */
  int decision_in_days; /* from decision_in_days or decision_by; 0 = no timeline */
  FollowupStatus status;
  GDateTime *status_at; /* when the status last changed, or NULL */
  GVariant *dict;       /* a{sv}, canonical */
} FollowupRecord;

FollowupPolicy *followup_policy_new_default (void);
FollowupPolicy *followup_policy_new_from_variant (GVariant *dict, char **bad_key, GError **error);
void followup_policy_free (FollowupPolicy *policy);
gboolean followup_policy_is_workday (const FollowupPolicy *policy, const GDate *date);

FollowupRecord *followup_record_new_from_variant (GVariant *dict, GTimeZone *user_tz,
                                                  char **bad_key, GError **error);
FollowupRecord *followup_record_ref (FollowupRecord *record);
void followup_record_unref (FollowupRecord *record);
const FollowupContact *followup_record_find_contact (const FollowupRecord *record,
                                                     const char *name);

char *followup_make_id (const char *company, const char *role);
GVariant *followup_variant_merge (GVariant *base, GVariant *changes);
GVariant *followup_variant_set (GVariant *dict, const char *key, GVariant *value);
GVariant *followup_variant_append_event (GVariant *dict, GVariant *event);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FollowupPolicy, followup_policy_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FollowupRecord, followup_record_unref)

G_END_DECLS

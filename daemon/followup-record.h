/* followup-record.h: interview records, validated from a{sv}
 *
 * a record's source of truth is its a{sv} dictionary, holding the record
 * file's keys and value forms; the parsed fields beside it are derived by the
 * one validator that serves the file loader and the D-Bus methods alike */
#pragma once

#include <glib.h>

#include "followup-names.h"
#include "followup-policy.h"

G_BEGIN_DECLS

typedef struct {
  char *name;
  char *email;
  char *phone;
  char *prefers;    /* "phone", "email" or NULL */
  GTimeZone *tz;    /* the contact's own zone, or the record's */
  GArray *holidays; /* their own days off (guint32 julian), or NULL */
} FollowupContact;

typedef struct {
  FollowupEventType type;
  GDateTime *at;
  char *contact; /* thank-you: whom it went to; NULL = everyone */
  FollowupOutcome outcome;
  int decision_in_days; /* response: a new timeline, 0 = none */
  gboolean skipped;     /* you chose not to take the step: it ends it all the same */
} FollowupEvent;

/* R17: a later round of the same application */
typedef struct {
  GDateTime *at;
  GStrv with;           /* who interviews, contacts on the record; NULL = all */
  int decision_in_days; /* the timeline they gave then, 0 = none */
} FollowupRound;

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
  GArray *holidays;     /* the employer's own days off (guint32 julian), or NULL */
  GPtrArray *rounds;    /* FollowupRound after the first interview, in time order */
  GVariant *dict;       /* a{sv}, canonical */
} FollowupRecord;

FollowupRecord *followup_record_new_from_variant (GVariant *dict, GTimeZone *user_tz,
                                                  char **bad_key, GError **error);
FollowupRecord *followup_record_ref (FollowupRecord *record);
void followup_record_unref (FollowupRecord *record);
const char *const *followup_record_key_order (const char *list);
const FollowupContact *followup_record_find_contact (const FollowupRecord *record,
                                                     const char *name);
GDateTime *followup_record_round_at (const FollowupRecord *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FollowupRecord, followup_record_unref)

G_END_DECLS

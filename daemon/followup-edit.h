/* followup-edit.h: the edits a user can make, applied to a record set
 *
 * pure: the set, the change, the user's zone and the time in; the set is
 * changed in place (a batch's private copy) and the changed record's id
 * comes out. Every error names the key at fault as "contacts.1.email: …" */
#pragma once

#include "followup-record-set.h"

G_BEGIN_DECLS

typedef struct {
  GTimeZone *user_tz;
  GDateTime *now;
} FollowupEditEnv;

FollowupRecord *followup_edit_lookup (FollowupRecordSet *set, const char *id, GError **error);
char *followup_edit_add (FollowupRecordSet *set, const FollowupEditEnv *env, GVariant *dict,
                         GError **error);
gboolean followup_edit_update (FollowupRecordSet *set, const FollowupEditEnv *env, const char *id,
                               GVariant *changes, GError **error);
gboolean followup_edit_remove (FollowupRecordSet *set, const char *id, GError **error);
gboolean followup_edit_record_event (FollowupRecordSet *set, const FollowupEditEnv *env,
                                     const char *id, const char *type, GVariant *details,
                                     GError **error);
gboolean followup_edit_add_round (FollowupRecordSet *set, const FollowupEditEnv *env,
                                  const char *id, GVariant *round, GError **error);

G_END_DECLS

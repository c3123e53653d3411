/* followup-record-set.h: a policy and the records of one file */
#pragma once

#include "followup-record.h"

G_BEGIN_DECLS

typedef struct {
  gatomicrefcount ref;
  FollowupPolicy *policy;
  GPtrArray *records; /* FollowupRecord, in file order */
  GHashTable *by_id;  /* id -> FollowupRecord (borrowed) */
  GVariant *me;       /* the user: a{sv} of name, phone, email (all optional) */
} FollowupRecordSet;

FollowupRecordSet *followup_record_set_new (FollowupPolicy *policy);
FollowupRecordSet *followup_record_set_ref (FollowupRecordSet *set);
void followup_record_set_unref (FollowupRecordSet *set);
FollowupRecord *followup_record_set_lookup (FollowupRecordSet *set, const char *id);
char *followup_make_id (const char *company, const char *role);
char *followup_unique_id (GHashTable *taken, const char *company, const char *role);
char *followup_record_set_unique_id (FollowupRecordSet *set, const char *company, const char *role);
FollowupRecordSet *followup_record_set_copy (FollowupRecordSet *set);
void followup_record_set_apply (FollowupRecordSet *set, const char *id, FollowupRecord *record);
/* the file's `me` group, checked; bad_key names the key at fault */
gboolean followup_record_set_set_me (FollowupRecordSet *set, GVariant *dict, char **bad_key,
                                     GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FollowupRecordSet, followup_record_set_unref)

G_END_DECLS

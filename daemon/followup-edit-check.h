/* followup-edit-check.h: the rules for values given now, through an edit
 *
 * a file may hold what these refuse (ids from before, an address typed by
 * hand, a call recorded past the limit with --anyway): the file keeps
 * loading; only a new value is held to them */
#pragma once

#include "followup-engine.h"
#include "followup-record-set.h"

G_BEGIN_DECLS

gboolean followup_edit_check_new_id (GVariant *dict, GError **error);
gboolean followup_edit_check_company (GVariant *dict, GError **error);
gboolean followup_edit_check_not_recorded (FollowupRecordSet *set, const FollowupRecord *record,
                                           GError **error);
gboolean followup_edit_check_contacts (const FollowupRecord *old, const FollowupRecord *record,
                                       GError **error);
gboolean followup_edit_check_event (const FollowupEngineInput *input, FollowupRecord *old,
                                    FollowupRecord *record, gboolean anyway, GError **error);

G_END_DECLS

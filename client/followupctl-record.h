/* followupctl-record.h: reading the daemon's answers (records as a{sv},
 * the schedule as steps) on the client side */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "followup-step.h"

G_BEGIN_DECLS

const char *followupctl_lookup_string (GVariant *dict, const char *key);
gboolean followupctl_lookup_int (GVariant *dict, const char *key, gint64 *out);

GTimeZone *followupctl_record_zone (GVariant *record, GTimeZone *fallback);
const char *followupctl_zone_name (GTimeZone *tz);
GDateTime *followupctl_record_time (GVariant *record, GVariant *dict, const char *key,
                                    GTimeZone *fallback);
GVariant *followupctl_record_find_contact (GVariant *record, const char *name);
GVariant *followupctl_records_find (GVariant *records, const char *id);
JsonNode *followupctl_record_to_json (GVariant *record, GTimeZone *local_tz);
JsonNode *followupctl_records_to_json (GVariant *records, GTimeZone *local_tz);

GPtrArray *followupctl_steps_for (GPtrArray *steps, const char *id);
char *followupctl_step_summary (const FollowupStep *step);
char *followupctl_step_done_hint (const FollowupStep *step);

G_END_DECLS

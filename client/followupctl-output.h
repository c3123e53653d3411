/* followupctl-output.h: aligned tables, local times with relative hints, and
 * JSON for scripts */
#pragma once

#include <json-glib/json-glib.h>

#include "followup-table.h"
#include "followupctl-record.h"

G_BEGIN_DECLS

char *followupctl_format_when (GDateTime *when, GDateTime *now);
char *followupctl_format_hint (const FollowupStep *reminder, GDateTime *now);
const char *followupctl_reminder_style (const FollowupStep *reminder, GDateTime *now);

void followupctl_json_add_string (JsonBuilder *builder, const char *name, const char *value);
char *followupctl_json_to_string (JsonNode *node);
void followupctl_print_field (const char *label, const char *value);
gboolean followupctl_write_stdout (const char *text, gsize len, GError **error);

G_END_DECLS

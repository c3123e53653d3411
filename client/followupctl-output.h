/* followupctl-output.h: aligned tables, local times with relative hints, and
 * JSON for scripts */
#pragma once

#include <json-glib/json-glib.h>

#include "followupctl-record.h"

G_BEGIN_DECLS

#define FOLLOWUPCTL_STYLE_BOLD "\033[1m"
#define FOLLOWUPCTL_STYLE_RED "\033[31m"
#define FOLLOWUPCTL_STYLE_YELLOW "\033[33m"
#define FOLLOWUPCTL_STYLE_DIM "\033[2m"

typedef struct _FollowupctlTable FollowupctlTable;

FollowupctlTable *followupctl_table_new (const char *first_header, ...) G_GNUC_NULL_TERMINATED;
void followupctl_table_add_row (FollowupctlTable *table, const char *style, const char *first_cell,
                                ...) G_GNUC_NULL_TERMINATED;
guint followupctl_table_get_n_rows (FollowupctlTable *table);
char *followupctl_table_render (FollowupctlTable *table, gboolean color);
void followupctl_table_free (FollowupctlTable *table);

char *followupctl_clean_text (const char *text, gboolean keep_newlines);
int followupctl_text_width (const char *text);

char *followupctl_format_when (GDateTime *when, GDateTime *now);
char *followupctl_format_hint (const FollowupctlReminder *reminder, GDateTime *now);
const char *followupctl_reminder_style (const FollowupctlReminder *reminder, GDateTime *now);

JsonNode *followupctl_reminder_to_json (const FollowupctlReminder *reminder, const char *company,
                                        GTimeZone *tz);
void followupctl_json_add_string (JsonBuilder *builder, const char *name, const char *value);
char *followupctl_json_to_string (JsonNode *node);
gboolean followupctl_write_stdout (const char *text, gsize len, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FollowupctlTable, followupctl_table_free)

G_END_DECLS

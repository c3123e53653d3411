/* followup-table.h: text tables for the terminal, and text made safe for it */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FOLLOWUP_STYLE_BOLD "\033[1m"
#define FOLLOWUP_STYLE_RED "\033[31m"
#define FOLLOWUP_STYLE_YELLOW "\033[33m"
#define FOLLOWUP_STYLE_DIM "\033[2m"

typedef struct _FollowupTable FollowupTable;

FollowupTable *followup_table_new (const char *first_header, ...) G_GNUC_NULL_TERMINATED;
void followup_table_add_row (FollowupTable *table, const char *style, const char *first_cell,
                             ...) G_GNUC_NULL_TERMINATED;
guint followup_table_get_n_rows (FollowupTable *table);
char *followup_table_render (FollowupTable *table, gboolean color);
void followup_table_free (FollowupTable *table);

char *followup_clean_text (const char *text, gboolean keep_newlines);
int followup_text_width (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FollowupTable, followup_table_free)

G_END_DECLS

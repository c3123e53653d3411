/* followup-store.h: the record file (libconfig), loaded whole or not at all */
#pragma once

#include "followup-doc.h"
#include "followup-record-set.h"

G_BEGIN_DECLS

/* `text` as the file `path`: the records, and (when `doc` is given) the
 * text in pieces for edits; NULL and every problem as FILE:LINE: message */
FollowupRecordSet *followup_store_parse (const char *path, const char *text, gsize length,
                                         GTimeZone *user_tz, FollowupDoc **doc,
                                         GPtrArray **problems, GError **error);
FollowupRecordSet *followup_store_load (const char *path, GTimeZone *user_tz, GPtrArray **problems,
                                        GError **error);
/* `set` written into the file on disk: its records patched in, the rest of
 * the text kept; refused when the file is not one followupd can read */
gboolean followup_store_save (const char *path, FollowupRecordSet *set, GError **error);
char *followup_store_default_path (void);

G_END_DECLS

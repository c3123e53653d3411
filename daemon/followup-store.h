/* followup-store.h: the record file (libconfig), loaded whole or not at all,
 * and written atomically */
#pragma once

#include "followup-record-set.h"

G_BEGIN_DECLS

FollowupRecordSet *followup_store_load (const char *path, GTimeZone *user_tz, GPtrArray **problems,
                                        GError **error);
gboolean followup_store_save (const char *path, FollowupRecordSet *set, char **checksum,
                              GError **error);
char *followup_store_checksum (const char *path);
char *followup_store_default_path (void);
extern const char followup_store_header[];

G_END_DECLS

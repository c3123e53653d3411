/* followup-dict.h: reading a record's a{sv} as the daemon keeps it and sends
 * it over the bus; shared by followupd and followupctl */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *followup_dict_lookup_string (GVariant *dict, const char *key);
GTimeZone *followup_dict_record_zone (GVariant *record, GTimeZone *fallback);
GDateTime *followup_dict_record_time (GVariant *record, GVariant *dict, const char *key,
                                      GTimeZone *fallback);
GVariant *followup_dict_find_contact (GVariant *record, const char *name);

G_END_DECLS

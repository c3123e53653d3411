/* followup-variant.h: the few a{sv} edits the daemon makes to a record */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GVariant *followup_variant_merge (GVariant *base, GVariant *changes);
GVariant *followup_variant_set (GVariant *dict, const char *key, GVariant *value);
GVariant *followup_variant_append (GVariant *dict, const char *list, GVariant *item);

G_END_DECLS

/* followup-variant.c: the few a{sv} edits the daemon makes to a record
 *
 * records stay a{sv} as the file holds them, so an edit is a new
 * dictionary built from the old one, validated as a whole afterwards */
#include "config.h"

#define G_LOG_DOMAIN "followup-variant"

#include "followup-variant.h"

/* changes override base key by key; an empty string removes the key */
GVariant *
followup_variant_merge (GVariant *base, GVariant *changes)
{
  g_autoptr (GVariant) owned = g_variant_ref_sink (changes);
  GVariantDict dict;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_variant_dict_init (&dict, base);
  g_variant_iter_init (&iter, owned);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value)) {
    if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING) &&
        *g_variant_get_string (value, NULL) == '\0')
      g_variant_dict_remove (&dict, key);
    else
      g_variant_dict_insert_value (&dict, key, value);
    g_variant_unref (value);
  }
  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

GVariant *
followup_variant_set (GVariant *dict, const char *key, GVariant *value)
{
  GVariantDict d;

  g_variant_dict_init (&d, dict);
  g_variant_dict_insert_value (&d, key, value);
  return g_variant_ref_sink (g_variant_dict_end (&d));
}

GVariant *
followup_variant_append (GVariant *dict, const char *list, GVariant *item)
{
  g_autoptr (GVariant) owned = g_variant_ref_sink (item);
  g_autoptr (GVariant) events = g_variant_lookup_value (dict, list, G_VARIANT_TYPE ("aa{sv}"));
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (gsize i = 0; events != NULL && i < g_variant_n_children (events); i++) {
    g_autoptr (GVariant) child = g_variant_get_child_value (events, i);

    g_variant_builder_add_value (&builder, child);
  }
  g_variant_builder_add_value (&builder, owned);
  return followup_variant_set (dict, list, g_variant_builder_end (&builder));
}

/* followup-dict.c: reading a record's a{sv}
 *
 * a reader never trusts a record's shape: a key of the wrong type reads as
 * absent, so an odd record prints partly instead of crashing the reader */
#include "config.h"

#include "followup-dict.h"
#include "followup-time.h"

/* NULL for an absent, empty or non-string value */
const char *
followup_dict_lookup_string (GVariant *dict, const char *key)
{
  const char *text = NULL;

  if (dict == NULL || !g_variant_lookup (dict, key, "&s", &text) || *text == '\0')
    return NULL;
  return text;
}

static GTimeZone *
zone_or_fallback (const char *name, GTimeZone *fallback)
{
  GTimeZone *tz = name ? followup_time_zone_new (name, NULL) : NULL;

  return tz ? tz : g_time_zone_ref (fallback);
}

GTimeZone *
followup_dict_record_zone (GVariant *record, GTimeZone *fallback)
{
  return zone_or_fallback (followup_dict_lookup_string (record, "timezone"), fallback);
}

/* a time of the record, in the record's zone even when written with an offset */
GDateTime *
followup_dict_record_time (GVariant *record, GVariant *dict, const char *key, GTimeZone *fallback)
{
  g_autoptr (GTimeZone) tz = followup_dict_record_zone (record, fallback);
  const char *text = followup_dict_lookup_string (dict, key);
  g_autoptr (GDateTime) parsed = text ? followup_parse_datetime (text, tz, NULL) : NULL;

  return parsed ? g_date_time_to_timezone (parsed, tz) : NULL;
}

/* a contact by name, or the first one when name is NULL */
GVariant *
followup_dict_find_contact (GVariant *record, const char *name)
{
  g_autoptr (GVariant) contacts = NULL;
  gsize n;

  if (record == NULL)
    return NULL;
  contacts = g_variant_lookup_value (record, "contacts", G_VARIANT_TYPE ("aa{sv}"));
  n = contacts ? g_variant_n_children (contacts) : 0;
  for (gsize i = 0; i < n; i++) {
    g_autoptr (GVariant) contact = g_variant_get_child_value (contacts, i);

    if (name == NULL || g_strcmp0 (followup_dict_lookup_string (contact, "name"), name) == 0)
      return g_steal_pointer (&contact);
  }
  return NULL;
}

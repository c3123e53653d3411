/* followupctl-record.c: reading the daemon's answers on the client side
 *
 * the client never trusts a record's shape: a key of the wrong type reads
 * as absent, so an odd record prints partly instead of crashing the client */
#include "config.h"

#include <string.h>

#include "followup-dict.h"
#include "followup-i18n.h"
#include "followup-time.h"
#include "followupctl-record.h"

/* the readers of a record's a{sv} live in common (the daemon fills drafts
 * too); these names stay for the client's many callers */
const char *
followupctl_lookup_string (GVariant *dict, const char *key)
{
  return followup_dict_lookup_string (dict, key);
}

gboolean
followupctl_lookup_int (GVariant *dict, const char *key, gint64 *out)
{
  g_autoptr (GVariant) value = dict ? g_variant_lookup_value (dict, key, NULL) : NULL;

  if (value == NULL)
    return FALSE;
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
    *out = g_variant_get_int32 (value);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    *out = g_variant_get_int64 (value);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
    *out = g_variant_get_uint32 (value);
  else
    return FALSE;
  return TRUE;
}

GTimeZone *
followupctl_record_zone (GVariant *record, GTimeZone *fallback)
{
  return followup_dict_record_zone (record, fallback);
}

GDateTime *
followupctl_record_time (GVariant *record, GVariant *dict, const char *key, GTimeZone *fallback)
{
  return followup_dict_record_time (record, dict, key, fallback);
}

GVariant *
followupctl_record_find_contact (GVariant *record, const char *name)
{
  return followup_dict_find_contact (record, name);
}

GVariant *
followupctl_records_find (GVariant *records, const char *id)
{
  gsize n = records ? g_variant_n_children (records) : 0;

  for (gsize i = 0; i < n; i++) {
    g_autoptr (GVariant) record = g_variant_get_child_value (records, i);

    if (g_strcmp0 (followupctl_lookup_string (record, "id"), id) == 0)
      return g_steal_pointer (&record);
  }
  return NULL;
}

/* a view of the steps of one record; the array does not own them */
GPtrArray *
followupctl_steps_for (GPtrArray *steps, const char *id)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < steps->len; i++) {
    FollowupStep *step = g_ptr_array_index (steps, i);

    if (g_strcmp0 (step->id, id) == 0)
      g_ptr_array_add (out, step);
  }
  return out;
}

char *
followupctl_step_summary (const FollowupStep *step)
{
  return followup_step_summary (step->action, step->contact, step->company);
}

/* the command that tells the daemon a step is done, from what finishes it */
char *
followupctl_step_done_hint (const FollowupStep *step)
{
  const FollowupFinish *finish = followup_action_finish (step->action);
  g_autofree char *outcomes = NULL;
  g_autofree char *quoted = NULL;

  switch (finish->kind) {
    case FOLLOWUP_FINISH_CALL:
      outcomes = g_strjoinv ("|", (GStrv) followup_names (FOLLOWUP_NAMES_OUTCOME));
      return g_strdup_printf (_ ("followupctl called %s %s"), step->id, outcomes);
    case FOLLOWUP_FINISH_STATUS:
      return g_strdup_printf (_ ("followupctl status %s %s"), step->id,
                              followup_status_to_string (finish->status));
    case FOLLOWUP_FINISH_EVENT:
    default:
      if (!finish->per_contact || step->contact == NULL)
        return g_strdup_printf (_ ("followupctl done %s %s"), step->id,
                                followup_event_type_to_string (finish->event));
      quoted = g_shell_quote (step->contact);
      return g_strdup_printf (_ ("followupctl done %s %s --contact %s"), step->id,
                              followup_event_type_to_string (finish->event), quoted);
  }
}

/* the IANA name of a zone, or NULL: a record keeps the zone it was entered
 * in, and only a plain name is worth keeping (not a TZ rule string) */
const char *
followupctl_zone_name (GTimeZone *local_tz)
{
  const char *name = g_time_zone_get_identifier (local_tz);
  g_autoptr (GTimeZone) check = NULL;

  if (name == NULL || (strchr (name, '/') == NULL && strcmp (name, "UTC") != 0) || name[0] == ':' ||
      name[0] == '/')
    return NULL;
  check = followup_time_zone_new (name, NULL);
  return check ? name : NULL;
}

/* the file's "YYYY-MM-DD HH:MM" read in the record's zone and written with
 * its offset, as every time of the JSON is; kept as it is when it does not
 * read (the client prints what it is sent) */
static void
json_set_time (JsonObject *obj, GVariant *record, GVariant *dict, const char *key,
               GTimeZone *local_tz)
{
  g_autoptr (GDateTime) t = followupctl_record_time (record, dict, key, local_tz);
  g_autofree char *text = t ? followup_format_iso (t) : NULL;

  if (text != NULL && json_object_has_member (obj, key))
    json_object_set_string_member (obj, key, text);
}

/* the "at" of each event or round */
static void
json_set_list_times (JsonObject *obj, GVariant *record, const char *key, GTimeZone *local_tz)
{
  g_autoptr (GVariant) items = g_variant_lookup_value (record, key, G_VARIANT_TYPE ("aa{sv}"));
  JsonNode *member = json_object_get_member (obj, key);
  JsonArray *array = member && JSON_NODE_HOLDS_ARRAY (member) ? json_node_get_array (member) : NULL;
  gsize n = items && array ? MIN (g_variant_n_children (items), json_array_get_length (array)) : 0;

  for (gsize i = 0; i < n; i++) {
    g_autoptr (GVariant) item = g_variant_get_child_value (items, i);
    JsonNode *node = json_array_get_element (array, i);

    if (JSON_NODE_HOLDS_OBJECT (node))
      json_set_time (json_node_get_object (node), record, item, "at", local_tz);
  }
}

/* a record as the file has it, every time with its offset, as every time
 * of followupctl's JSON is (list, show and export alike) */
JsonNode *
followupctl_record_to_json (GVariant *record, GTimeZone *local_tz)
{
  JsonNode *root = json_gvariant_serialize (record);
  JsonObject *obj = json_node_get_object (root);

  json_set_time (obj, record, record, "interviewed_at", local_tz);
  json_set_time (obj, record, record, "status_at", local_tz);
  json_set_list_times (obj, record, "events", local_tz);
  json_set_list_times (obj, record, "rounds", local_tz);
  return root;
}

JsonNode *
followupctl_records_to_json (GVariant *records, GTimeZone *local_tz)
{
  JsonArray *array = json_array_new ();
  JsonNode *root = json_node_new (JSON_NODE_ARRAY);
  gsize n = g_variant_n_children (records);

  for (gsize i = 0; i < n; i++) {
    g_autoptr (GVariant) record = g_variant_get_child_value (records, i);

    json_array_add_element (array, followupctl_record_to_json (record, local_tz));
  }
  json_node_take_array (root, array);
  return root;
}

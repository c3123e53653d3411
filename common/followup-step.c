/* followup-step.c: a step to and from a{sv}, and as a JSON object
 *
 * the keys are those of `followupd --schedule --json`; on the bus times are
 * Unix seconds and an absent key means none */
#include "config.h"

#include "followup-step.h"
#include "followup-time.h"

static void
put_string (GVariantBuilder *b, const char *key, const char *value)
{
  if (value != NULL)
    g_variant_builder_add (b, "{sv}", key, g_variant_new_string (value));
}

static void
put_time (GVariantBuilder *b, const char *key, gint64 value)
{
  if (value != 0)
    g_variant_builder_add (b, "{sv}", key, g_variant_new_int64 (value));
}

GVariant *
followup_step_to_variant (const FollowupStep *step)
{
  GVariantBuilder b;

  g_variant_builder_init (&b, G_VARIANT_TYPE_VARDICT);
  put_string (&b, "id", step->id);
  put_string (&b, "company", step->company);
  put_string (&b, "action", followup_action_to_string (step->action));
  put_string (&b, "contact", step->contact);
  put_time (&b, "due", step->due);
  put_time (&b, "until", step->until);
  put_time (&b, "show_at", step->show_at);
  put_time (&b, "expires", step->expires);
  put_string (&b, "reason", step->reason);
  put_string (&b, "key", step->key);
  put_string (&b, "zone", step->zone);
  g_variant_builder_add (&b, "{sv}", "sequence", g_variant_new_uint32 (step->sequence));
  put_time (&b, "left", step->left);
  return g_variant_builder_end (&b);
}

static char *
get_string (GVariant *dict, const char *key)
{
  const char *value = NULL;

  g_variant_lookup (dict, key, "&s", &value);
  return value && *value ? g_strdup (value) : NULL;
}

static gint64
get_time (GVariant *dict, const char *key)
{
  gint64 value = 0;

  g_variant_lookup (dict, key, "x", &value);
  return value;
}

/* NULL for a step without id, action or due: a client never trusts the
 * shape of what it is sent */
FollowupStep *
followup_step_new_from_variant (GVariant *dict)
{
  g_autoptr (FollowupStep) step = g_new0 (FollowupStep, 1);
  g_autofree char *action = get_string (dict, "action");

  if (!g_variant_is_of_type (dict, G_VARIANT_TYPE_VARDICT) ||
      !followup_action_from_string (action, &step->action))
    return NULL;
  step->id = get_string (dict, "id");
  step->company = get_string (dict, "company");
  step->contact = get_string (dict, "contact");
  step->due = get_time (dict, "due");
  step->until = get_time (dict, "until");
  step->show_at = get_time (dict, "show_at");
  step->expires = get_time (dict, "expires");
  step->reason = get_string (dict, "reason");
  step->key = get_string (dict, "key");
  step->zone = get_string (dict, "zone");
  g_variant_lookup (dict, "sequence", "u", &step->sequence);
  step->left = get_time (dict, "left");
  if (step->id == NULL || step->due == 0)
    return NULL;
  if (step->company == NULL)
    step->company = g_strdup (step->id);
  return g_steal_pointer (&step);
}

GPtrArray *
followup_steps_new_from_variant (GVariant *list)
{
  GPtrArray *steps = g_ptr_array_new_with_free_func ((GDestroyNotify) followup_step_free);
  gsize n = list ? g_variant_n_children (list) : 0;

  for (gsize i = 0; i < n; i++) {
    g_autoptr (GVariant) dict = g_variant_get_child_value (list, i);
    FollowupStep *step = followup_step_new_from_variant (dict);

    if (step != NULL)
      g_ptr_array_add (steps, step);
  }
  return steps;
}

static void
add_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_time (JsonBuilder *b, const char *name, gint64 unix_time, GTimeZone *tz)
{
  g_autoptr (GDateTime) utc = unix_time ? g_date_time_new_from_unix_utc (unix_time) : NULL;
  g_autoptr (GDateTime) local = utc ? g_date_time_to_timezone (utc, tz) : NULL;
  g_autofree char *text = local ? followup_format_iso (local) : NULL;

  add_string (b, name, text);
}

/* times in `tz`: the record's zone for followupd, the user's for followupctl */
JsonNode *
followup_step_to_json (const FollowupStep *step, GTimeZone *tz)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_string (b, "id", step->id);
  add_string (b, "company", step->company);
  add_string (b, "action", followup_action_to_string (step->action));
  add_string (b, "contact", step->contact);
  add_time (b, "due", step->due, tz);
  add_time (b, "until", step->until, tz);
  add_string (b, "reason", step->reason);
  add_string (b, "key", step->key);
  add_string (b, "zone", step->zone);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

char *
followup_json_to_line (JsonNode *node)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

void
followup_step_free (FollowupStep *step)
{
  if (step == NULL)
    return;
  g_free (step->id);
  g_free (step->company);
  g_free (step->contact);
  g_free (step->reason);
  g_free (step->key);
  g_free (step->zone);
  g_free (step);
}

/* followup-edit.c: Add, Update, Remove and RecordEvent on a record set,
 * whether they come from the bus or from a notification button */
#include "config.h"

#define G_LOG_DOMAIN "followup-edit"

#include "followup-edit-check.h"
#include "followup-edit.h"
#include "followup-error.h"
#include "followup-i18n.h"
#include "followup-time.h"
#include "followup-variant.h"

FollowupRecord *
followup_edit_lookup (FollowupRecordSet *set, const char *id, GError **error)
{
  FollowupRecord *record = followup_record_set_lookup (set, id);

  if (record == NULL)
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_NOT_FOUND,
                 _ ("there is no interview with the id “%s”"), id);
  return record;
}

static gboolean
has_key (GVariant *dict, const char *key)
{
  g_autoptr (GVariant) value = g_variant_lookup_value (dict, key, NULL);

  return value != NULL;
}

static GVariant *
with_value (GVariant *dict, const char *key, const char *value)
{
  g_autoptr (GVariant) owned = dict;

  return followup_variant_set (owned, key, g_variant_new_string (value));
}

/* a new record gets an id from its company and role, and the user's zone
 * pinned, so it keeps its meaning if the user moves */
static GVariant *
with_defaults (FollowupRecordSet *set, const FollowupEditEnv *env, GVariant *dict, GError **error)
{
  const char *id = NULL, *company = NULL, *role = NULL;
  const char *zone = g_time_zone_get_identifier (env->user_tz);
  g_autoptr (GVariant) result = g_variant_ref (dict);

  /* an id of the wrong type is the validator's to refuse, not ours to replace */
  if (has_key (dict, "id") && !g_variant_lookup (dict, "id", "&s", &id))
    return g_steal_pointer (&result);
  if (id != NULL && followup_record_set_lookup (set, id) != NULL) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_EXISTS,
                 _ ("id: an interview with the id “%s” exists already"), id);
    return NULL;
  }
  if (id == NULL) {
    g_autofree char *new_id = NULL;

    g_variant_lookup (dict, "company", "&s", &company);
    g_variant_lookup (dict, "role", "&s", &role);
    new_id = followup_record_set_unique_id (set, company, role);
    result = with_value (g_steal_pointer (&result), "id", new_id);
  }
  if (!has_key (result, "timezone") && zone != NULL)
    result = with_value (g_steal_pointer (&result), "timezone", zone);
  return g_steal_pointer (&result);
}

char *
followup_edit_add (FollowupRecordSet *set, const FollowupEditEnv *env, GVariant *dict,
                   GError **error)
{
  g_autoptr (GVariant) owned = g_variant_ref_sink (dict);
  g_autoptr (GVariant) full = NULL;
  g_autoptr (FollowupRecord) record = NULL;

  if (!followup_edit_check_new_id (owned, error) || !followup_edit_check_company (owned, error) ||
      (full = with_defaults (set, env, owned, error)) == NULL)
    return NULL;
  record = followup_record_new_from_variant (full, env->user_tz, NULL, error);
  if (record == NULL || !followup_edit_check_not_recorded (set, record, error) ||
      !followup_edit_check_contacts (NULL, record, error))
    return NULL;
  followup_record_set_apply (set, NULL, record);
  return g_strdup (record->id);
}

static char *
now_in (const FollowupEditEnv *env, GTimeZone *tz)
{
  g_autoptr (GDateTime) local = g_date_time_to_timezone (env->now, tz);

  return followup_format_record_time (local);
}

/* a status change also records when it happened: the rejection thank-you
 * and keep-in-touch count from it (rules R7, R8) */
static FollowupRecord *
validate_update (const FollowupEditEnv *env, FollowupRecord *old, GVariant *merged, GError **error)
{
  g_autoptr (FollowupRecord) record = NULL;
  g_autoptr (GVariant) stamped = NULL;
  g_autofree char *at = NULL;

  record = followup_record_new_from_variant (merged, env->user_tz, NULL, error);
  if (record == NULL || record->status == old->status)
    return g_steal_pointer (&record);
  at = now_in (env, record->tz);
  stamped = followup_variant_set (merged, "status_at", g_variant_new_string (at));
  return followup_record_new_from_variant (stamped, env->user_tz, NULL, error);
}

gboolean
followup_edit_update (FollowupRecordSet *set, const FollowupEditEnv *env, const char *id,
                      GVariant *changes, GError **error)
{
  g_autoptr (GVariant) owned = g_variant_ref_sink (changes);
  g_autoptr (GVariant) merged = NULL;
  g_autoptr (FollowupRecord) record = NULL;
  FollowupRecord *old = followup_edit_lookup (set, id, error);
  const char *new_id;

  if (old == NULL)
    return FALSE;
  if (g_variant_lookup (owned, "id", "&s", &new_id) && g_strcmp0 (new_id, id) != 0) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID,
                 _ ("id: an interview keeps its id; it cannot be changed"));
    return FALSE;
  }
  if (!followup_edit_check_company (owned, error))
    return FALSE;
  merged = followup_variant_merge (old->dict, owned);
  record = validate_update (env, old, merged, error);
  if (record == NULL || !followup_edit_check_contacts (old, record, error))
    return FALSE;
  followup_record_set_apply (set, id, record);
  return TRUE;
}

gboolean
followup_edit_remove (FollowupRecordSet *set, const char *id, GError **error)
{
  if (followup_edit_lookup (set, id, error) == NULL)
    return FALSE;
  followup_record_set_apply (set, id, NULL);
  return TRUE;
}

/* R18: "reached, and they now say a week more" is a call and an answer at
 * once; the answer carries the timeline, as an answer always does */
static GVariant *
append_events (const FollowupEditEnv *env, FollowupRecord *old, const char *type, GVariant *details)
{
  g_autoptr (GVariant) merged = NULL;
  GVariantDict event, answer;
  const char *timeline[] = { "decision_in_days", "decision_by" };
  gboolean split = FALSE;
  g_autofree char *at = NULL;

  g_variant_dict_init (&event, details);
  g_variant_dict_init (&answer, NULL);
  g_variant_dict_insert (&event, "type", "s", type);
  g_variant_dict_remove (&event, "anyway"); /* a word to the check, not a fact to keep */
  /* an "at" of the wrong type is the validator's to refuse */
  if (!g_variant_dict_contains (&event, "at")) {
    at = now_in (env, old->tz);
    g_variant_dict_insert (&event, "at", "s", at);
  } else {
    g_variant_dict_lookup (&event, "at", "s", &at);
  }
  for (guint i = 0; g_str_equal (type, "call") && i < G_N_ELEMENTS (timeline); i++) {
    g_autoptr (GVariant) v = g_variant_dict_lookup_value (&event, timeline[i], NULL);

    if (v == NULL)
      continue;
    g_variant_dict_insert_value (&answer, timeline[i], v);
    g_variant_dict_remove (&event, timeline[i]);
    split = TRUE;
  }
  merged = followup_variant_append (old->dict, "events", g_variant_dict_end (&event));
  if (!split) {
    g_variant_dict_clear (&answer);
    return g_steal_pointer (&merged);
  }
  g_variant_dict_insert (&answer, "type", "s", "response");
  if (at != NULL)
    g_variant_dict_insert (&answer, "at", "s", at);
  return followup_variant_append (merged, "events", g_variant_dict_end (&answer));
}

gboolean
followup_edit_record_event (FollowupRecordSet *set, const FollowupEditEnv *env, const char *id,
                            const char *type, GVariant *details, GError **error)
{
  g_autoptr (GVariant) owned = g_variant_ref_sink (details);
  g_autoptr (GVariant) merged = NULL;
  g_autoptr (FollowupRecord) record = NULL;
  FollowupRecord *old = followup_edit_lookup (set, id, error);
  FollowupEngineInput input = { .policy = set->policy, .user_tz = env->user_tz, .now = env->now };
  gboolean anyway = FALSE;
  FollowupEventType t;

  if (old == NULL)
    return FALSE;
  if (!followup_event_type_from_string (type, &t)) {
    g_autofree char *choices = followup_names_choices (FOLLOWUP_NAMES_EVENT);

    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID,
                 _ ("type: unknown event “%s” (use %s)"), type, choices);
    return FALSE;
  }
  g_variant_lookup (owned, "anyway", "b", &anyway);
  merged = append_events (env, old, type, owned);
  record = followup_record_new_from_variant (merged, env->user_tz, NULL, error);
  if (record == NULL || !followup_edit_check_event (&input, old, record, anyway, error))
    return FALSE;
  followup_record_set_apply (set, id, record);
  return TRUE;
}

/* R17: the interviewers of a new round join the contacts, by name, when
 * they are not on the record yet */
static GVariant *
with_contacts (FollowupRecord *old, GVariant *round)
{
  g_autofree const char **with = NULL;
  g_autoptr (GVariant) result = g_variant_ref (old->dict);

  if (!g_variant_lookup (round, "with", "^a&s", &with))
    return g_steal_pointer (&result);
  for (guint i = 0; with[i] != NULL; i++) {
    GVariantDict contact;
    GVariant *merged;

    if (followup_record_find_contact (old, with[i]) != NULL)
      continue;
    g_variant_dict_init (&contact, NULL);
    g_variant_dict_insert (&contact, "name", "s", with[i]);
    merged = followup_variant_append (result, "contacts", g_variant_dict_end (&contact));
    g_variant_unref (result);
    result = merged;
  }
  return g_steal_pointer (&result);
}

gboolean
followup_edit_add_round (FollowupRecordSet *set, const FollowupEditEnv *env, const char *id,
                         GVariant *round, GError **error)
{
  g_autoptr (GVariant) owned = g_variant_ref_sink (round);
  g_autoptr (GVariant) contacts = NULL;
  g_autoptr (GVariant) merged = NULL;
  g_autoptr (FollowupRecord) record = NULL;
  FollowupRecord *old = followup_edit_lookup (set, id, error);

  if (old == NULL)
    return FALSE;
  contacts = with_contacts (old, owned);
  merged = followup_variant_append (contacts, "rounds", owned);
  record = followup_record_new_from_variant (merged, env->user_tz, NULL, error);
  if (record == NULL)
    return FALSE;
  followup_record_set_apply (set, id, record);
  return TRUE;
}

/* followup-check.c: typed reads from an a{sv} group, one fault per run
 *
 * The record and the policy validators read every key through these, so
 * each rejection names its key path the same way whether the value came
 * from the record file or from a D-Bus call. */
#include "config.h"

#define G_LOG_DOMAIN "followup-check"

#include <string.h>

#include "followup-check.h"
#include "followup-error.h"
#include "followup-i18n.h"
#include "followup-time.h"

#define MAX_LINE_TEXT 200
#define MAX_NOTES_TEXT 4000

void
followup_check_clear (FollowupCheck *check)
{
  g_clear_pointer (&check->bad_key, g_free);
  g_clear_error (&check->error);
}

/* hands the fault (if any) to the caller; TRUE when there was none */
gboolean
followup_check_finish (FollowupCheck *check, char **bad_key, GError **error)
{
  if (check->error == NULL)
    return TRUE;
  if (bad_key != NULL) {
    g_free (*bad_key);
    *bad_key = g_steal_pointer (&check->bad_key);
  }
  g_propagate_error (error, g_steal_pointer (&check->error));
  return FALSE;
}

static gboolean
check_failv (FollowupCheck *check, const char *prefix, const char *key, const char *format,
             va_list args)
{
  g_autofree char *message = NULL;
  g_autofree char *path = NULL;

  /* the first fault is the one the user fixes first */
  if (check->error != NULL)
    return FALSE;
  path = prefix && *prefix ? g_strdup_printf ("%s.%s", prefix, key) : g_strdup (key);
  message = g_strdup_vprintf (format, args);
  g_set_error (&check->error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID, "%s: %s", path, message);
  check->bad_key = g_steal_pointer (&path);
  return FALSE;
}

gboolean
followup_check_fail (FollowupCheck *check, const char *prefix, const char *key, const char *format,
                     ...)
{
  va_list args;

  va_start (args, format);
  check_failv (check, prefix, key, format, args);
  va_end (args);
  return FALSE;
}

gboolean
followup_group_fail (FollowupGroup *group, const char *key, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  check_failv (group->check, group->prefix, key, format, args);
  va_end (args);
  return FALSE;
}

/* `list` and `index` name the group inside a list ("events", 0 -> "events.1");
 * NULL for the top level */
void
followup_group_init (FollowupGroup *group, FollowupCheck *check, GVariant *dict, const char *list,
                     guint index)
{
  gsize n = g_variant_n_children (dict);

  group->check = check;
  group->index =
    g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_variant_unref);
  if (list != NULL)
    g_snprintf (group->prefix, sizeof group->prefix, "%s.%u", list, index + 1);
  else
    group->prefix[0] = '\0';
  for (gsize i = 0; i < n; i++) {
    g_autoptr (GVariant) entry = g_variant_get_child_value (dict, i);
    g_autoptr (GVariant) key = g_variant_get_child_value (entry, 0);
    g_autoptr (GVariant) boxed = g_variant_get_child_value (entry, 1);

    /* the key string lives as long as `dict`, which outlives the group */
    g_hash_table_insert (group->index, (gpointer) g_variant_get_string (key, NULL),
                         g_variant_get_variant (boxed));
  }
}

void
followup_group_clear (FollowupGroup *group)
{
  g_clear_pointer (&group->index, g_hash_table_unref);
}

gboolean
followup_name_lookup (const char *const *names, const char *text, int *out)
{
  for (int i = 0; text != NULL && names[i] != NULL; i++) {
    if (*names[i] != '\0' && strcmp (names[i], text) == 0) {
      *out = i;
      return TRUE;
    }
  }
  return FALSE;
}

gboolean
followup_group_keys (FollowupGroup *group, const char *const *known, const char *what)
{
  GHashTableIter iter;
  const char *key;

  g_hash_table_iter_init (&iter, group->index);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL)) {
    g_autofree char *list = NULL;
    int dummy;

    if (followup_name_lookup (known, key, &dummy))
      continue;
    list = g_strjoinv (", ", (char **) known);
    /* TRANSLATORS: the second %s is "an interview", "a contact", … */
    return followup_group_fail (group, key, _ ("unknown key in %s (known keys: %s)"), what, list);
  }
  return TRUE;
}

static gboolean
text_is_clean (const char *text, gboolean multiline)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p)) {
    gunichar c = g_utf8_get_char (p);

    if (c < 0x20 && !(multiline && (c == '\n' || c == '\t')))
      return FALSE;
  }
  return TRUE;
}

/* absent is fine unless required; present must be clean text of a sane length */
gboolean
followup_group_text (FollowupGroup *group, const char *key, FollowupTextFlags flags,
                     const char **out)
{
  GVariant *value = g_hash_table_lookup (group->index, key);
  gboolean multiline = (flags & FOLLOWUP_TEXT_MULTILINE) != 0;
  gboolean required = (flags & FOLLOWUP_TEXT_REQUIRED) != 0;
  gsize max = multiline ? MAX_NOTES_TEXT : MAX_LINE_TEXT;
  const char *text;

  *out = NULL;
  if (value == NULL)
    return required ? followup_group_fail (group, key, _ ("is required")) : TRUE;
  if (!g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return followup_group_fail (group, key, _ ("must be a string"));
  text = g_variant_get_string (value, NULL);
  if (!g_utf8_validate (text, -1, NULL))
    return followup_group_fail (group, key, _ ("is not valid UTF-8 text"));
  if (required && *text == '\0')
    return followup_group_fail (group, key, _ ("must not be empty"));
  if (strlen (text) > max)
    return followup_group_fail (group, key, _ ("is too long (%zu bytes; at most %zu)"),
                                strlen (text), max);
  if (!text_is_clean (text, multiline))
    return followup_group_fail (group, key, _ ("contains control characters"));
  *out = text;
  return TRUE;
}

/* absent leaves *out as it was: the caller's default */
gboolean
followup_group_int (FollowupGroup *group, const char *key, int min, int max, int *out)
{
  GVariant *value = g_hash_table_lookup (group->index, key);
  gint64 v;

  if (value == NULL)
    return TRUE;
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
    v = g_variant_get_int32 (value);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    v = g_variant_get_int64 (value);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
    v = g_variant_get_uint32 (value);
  else
    return followup_group_fail (group, key, _ ("must be a whole number"));
  if (v < min || v > max) {
    /* the number as text: xgettext cannot read G_GINT64_FORMAT in a msgid */
    g_autofree char *given = g_strdup_printf ("%" G_GINT64_FORMAT, v);

    return followup_group_fail (group, key, _ ("must be between %d and %d, not %s"), min, max,
                                given);
  }
  *out = (int) v;
  return TRUE;
}

/* absent leaves *out as it was: the caller's default */
gboolean
followup_group_bool (FollowupGroup *group, const char *key, gboolean *out)
{
  GVariant *value = g_hash_table_lookup (group->index, key);

  if (value == NULL)
    return TRUE;
  if (!g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return followup_group_fail (group, key, _ ("must be true or false"));
  *out = g_variant_get_boolean (value);
  return TRUE;
}

gboolean
followup_group_strv (FollowupGroup *group, const char *key, GVariant **out)
{
  GVariant *value = g_hash_table_lookup (group->index, key);

  *out = NULL;
  if (value == NULL)
    return TRUE;
  if (!g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    return followup_group_fail (group, key, _ ("must be a list of strings, like [\"a\", \"b\"]"));
  *out = g_variant_ref (value);
  return TRUE;
}

gboolean
followup_group_list (FollowupGroup *group, const char *key, guint max, GVariant **out)
{
  GVariant *value = g_hash_table_lookup (group->index, key);

  *out = NULL;
  if (value == NULL)
    return TRUE;
  if (!g_variant_is_of_type (value, G_VARIANT_TYPE ("aa{sv}")))
    return followup_group_fail (group, key, _ ("must be a list of groups, like ( { … }, { … } )"));
  if (g_variant_n_children (value) > max)
    return followup_group_fail (group, key, _ ("has more than %u entries"), max);
  *out = g_variant_ref (value);
  return TRUE;
}

/* the group's "timezone", or `fallback` when it has none */
GTimeZone *
followup_group_zone (FollowupGroup *group, GTimeZone *fallback)
{
  g_autoptr (GError) local_error = NULL;
  const char *name;
  GTimeZone *tz;

  if (!followup_group_text (group, "timezone", FOLLOWUP_TEXT_OPTIONAL, &name))
    return NULL;
  if (name == NULL)
    return g_time_zone_ref (fallback);
  tz = followup_time_zone_new (name, &local_error);
  if (tz == NULL)
    followup_group_fail (group, "timezone", "%s", local_error->message);
  return tz;
}

gboolean
followup_group_time (FollowupGroup *group, const char *key, gboolean required, GTimeZone *tz,
                     GDateTime **out)
{
  g_autoptr (GError) local_error = NULL;
  const char *text;

  *out = NULL;
  if (!followup_group_text (group, key, required ? FOLLOWUP_TEXT_REQUIRED : FOLLOWUP_TEXT_OPTIONAL,
                            &text))
    return FALSE;
  if (text == NULL)
    return TRUE;
  *out = followup_parse_datetime (text, tz, &local_error);
  if (*out == NULL)
    return followup_group_fail (group, key, "%s", local_error->message);
  return TRUE;
}

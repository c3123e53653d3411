/* followup-record.c: the one validator for records and policy, whether they
 * come from the record file or from a D-Bus call */
#include "config.h"

#define G_LOG_DOMAIN "followup-record"

#include <string.h>

#include "followup-error.h"
#include "followup-record.h"
#include "followup-time.h"

#define MAX_LINE_TEXT 200
#define MAX_NOTES_TEXT 4000
#define MAX_EVENTS 500
#define MAX_CONTACTS 20

static const char *const weekday_names[] = {
  "", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", NULL,
};

static const char *const record_keys[] = {
  "id",
  "company",
  "role",
  "interviewed_at",
  "timezone",
  "contacts",
  "decision_in_days",
  "decision_by",
  "status",
  "status_at",
  "events",
  "notes",
  NULL,
};
static const char *const contact_keys[] = {
  "name", "email", "phone", "prefers", "timezone", NULL,
};
static const char *const event_keys[] = {
  "type", "at", "contact", "outcome", "decision_in_days", "decision_by", "notes", NULL,
};
static const char *const policy_keys[] = {
  "call_windows",
  "workdays",
  "holidays",
  "quiet_hours",
  "thank_you_within_hours",
  "follow_up_email_after_days",
  "call_without_timeline_after_days",
  "max_calls",
  "call_retry_after_workdays",
  "move_on_after_days",
  NULL,
};

static gboolean
lookup_name (const char *const *names, const char *text, int *out)
{
  for (int i = 0; text != NULL && names[i] != NULL; i++) {
    if (*names[i] != '\0' && strcmp (names[i], text) == 0) {
      *out = i;
      return TRUE;
    }
  }
  return FALSE;
}

/* every failure names the key it is about; the file loader turns that key
 * into a line number, the bus returns it in the message */
static gboolean G_GNUC_PRINTF (5, 6)
fail (char **bad_key, const char *prefix, const char *key, GError **error, const char *format, ...)
{
  g_autofree char *message = NULL;
  g_autofree char *path = prefix ? g_strdup_printf ("%s.%s", prefix, key) : g_strdup (key);
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (bad_key != NULL) {
    g_free (*bad_key);
    *bad_key = g_strdup (path);
  }
  g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID, "%s: %s", path, message);
  return FALSE;
}

/* a{sv} -> key -> value, built once per group without format strings:
 * a lookup in an a{sv} is a scan, and format parsing costs more than the
 * lookup itself, which shows with 10,000 records */
static GHashTable *
index_group (GVariant *dict)
{
  GHashTable *index =
    g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_variant_unref);
  gsize n = g_variant_n_children (dict);

  for (gsize i = 0; i < n; i++) {
    g_autoptr (GVariant) entry = g_variant_get_child_value (dict, i);
    g_autoptr (GVariant) key = g_variant_get_child_value (entry, 0);
    g_autoptr (GVariant) boxed = g_variant_get_child_value (entry, 1);

    /* the key string lives as long as `dict`, which outlives the index */
    g_hash_table_insert (index, (gpointer) g_variant_get_string (key, NULL),
                         g_variant_get_variant (boxed));
  }
  return index;
}

static GVariant *
lookup (GHashTable *index, const char *key)
{
  GVariant *value = g_hash_table_lookup (index, key);

  return value ? g_variant_ref (value) : NULL;
}

static gboolean
check_keys (GHashTable *index, const char *const *known, const char *prefix, const char *what,
            char **bad_key, GError **error)
{
  GHashTableIter iter;
  const char *key;

  g_hash_table_iter_init (&iter, index);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL)) {
    g_autofree char *list = NULL;
    int dummy;

    if (lookup_name (known, key, &dummy))
      continue;
    list = g_strjoinv (", ", (char **) known);
    return fail (bad_key, prefix, key, error, "unknown key in %s (known keys: %s)", what, list);
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

/* a string value: absent is fine unless required; present must be text */
static gboolean
get_text (GHashTable *dict, const char *prefix, const char *key, gboolean required,
          gboolean multiline, const char **out, char **bad_key, GError **error)
{
  g_autoptr (GVariant) value = lookup (dict, key);
  gsize max = multiline ? MAX_NOTES_TEXT : MAX_LINE_TEXT;
  const char *text;

  *out = NULL;
  if (value == NULL)
    return required ? fail (bad_key, prefix, key, error, "is required") : TRUE;
  if (!g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return fail (bad_key, prefix, key, error, "must be a string");
  text = g_variant_get_string (value, NULL);
  if (!g_utf8_validate (text, -1, NULL))
    return fail (bad_key, prefix, key, error, "is not valid UTF-8 text");
  if (required && *text == '\0')
    return fail (bad_key, prefix, key, error, "must not be empty");
  if (strlen (text) > max)
    return fail (bad_key, prefix, key, error, "is too long (%zu bytes; at most %zu)", strlen (text),
                 max);
  if (!text_is_clean (text, multiline))
    return fail (bad_key, prefix, key, error, "contains control characters");
  *out = text;
  return TRUE;
}

static gboolean
get_int (GHashTable *dict, const char *prefix, const char *key, int min, int max, int *out,
         char **bad_key, GError **error)
{
  g_autoptr (GVariant) value = lookup (dict, key);
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
    return fail (bad_key, prefix, key, error, "must be a whole number");
  if (v < min || v > max)
    return fail (bad_key, prefix, key, error, "must be between %d and %d, not %" G_GINT64_FORMAT,
                 min, max, v);
  *out = (int) v;
  return TRUE;
}

static gboolean
get_string_list (GHashTable *dict, const char *key, GVariant **out, char **bad_key, GError **error)
{
  g_autoptr (GVariant) value = lookup (dict, key);

  *out = NULL;
  if (value == NULL)
    return TRUE;
  if (!g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    return fail (bad_key, NULL, key, error, "must be a list of strings, like [\"a\", \"b\"]");
  *out = g_steal_pointer (&value);
  return TRUE;
}

static gboolean
get_dict_list (GHashTable *dict, const char *key, GVariant **out, char **bad_key, GError **error)
{
  g_autoptr (GVariant) value = lookup (dict, key);

  *out = NULL;
  if (value == NULL)
    return TRUE;
  if (!g_variant_is_of_type (value, G_VARIANT_TYPE ("aa{sv}")))
    return fail (bad_key, NULL, key, error, "must be a list of groups, like ( { … }, { … } )");
  *out = g_steal_pointer (&value);
  return TRUE;
}

static GTimeZone *
get_zone (GHashTable *dict, const char *prefix, GTimeZone *fallback, char **bad_key, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  const char *name;
  GTimeZone *tz;

  if (!get_text (dict, prefix, "timezone", FALSE, FALSE, &name, bad_key, error))
    return NULL;
  if (name == NULL)
    return g_time_zone_ref (fallback);
  tz = followup_time_zone_new (name, &local_error);
  if (tz == NULL)
    fail (bad_key, prefix, "timezone", error, "%s", local_error->message);
  return tz;
}

static gboolean
get_time (GHashTable *dict, const char *prefix, const char *key, gboolean required, GTimeZone *tz,
          GDateTime **out, char **bad_key, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  const char *text;

  *out = NULL;
  if (!get_text (dict, prefix, key, required, FALSE, &text, bad_key, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  *out = followup_parse_datetime (text, tz, &local_error);
  if (*out == NULL)
    return fail (bad_key, prefix, key, error, "%s", local_error->message);
  return TRUE;
}

/* policy */

FollowupPolicy *
followup_policy_new_default (void)
{
  FollowupPolicy *policy = g_new0 (FollowupPolicy, 1);
  FollowupWindow windows[] = { { 10 * 60, 11 * 60 }, { 15 * 60, 16 * 60 } };

  policy->call_windows = g_array_new (FALSE, FALSE, sizeof (FollowupWindow));
  g_array_append_vals (policy->call_windows, windows, G_N_ELEMENTS (windows));
  for (int d = G_DATE_MONDAY; d <= G_DATE_FRIDAY; d++)
    policy->workdays |= 1 << d;
  policy->holidays = g_array_new (FALSE, FALSE, sizeof (guint32));
  policy->has_quiet_hours = TRUE;
  policy->quiet_hours = (FollowupWindow){ 21 * 60, 8 * 60 };
  policy->thank_you_within_hours = 24;
  policy->follow_up_email_after_days = 7;
  policy->call_without_timeline_after_days = 14;
  policy->max_calls = 2;
  policy->call_retry_after_workdays = 3;
  policy->move_on_after_days = 7;
  policy->dict = g_variant_ref_sink (g_variant_new ("a{sv}", NULL));
  return policy;
}

void
followup_policy_free (FollowupPolicy *policy)
{
  if (policy == NULL)
    return;
  g_array_unref (policy->call_windows);
  g_array_unref (policy->holidays);
  g_variant_unref (policy->dict);
  g_free (policy);
}

static gint
window_compare (gconstpointer a, gconstpointer b)
{
  return ((const FollowupWindow *) a)->start - ((const FollowupWindow *) b)->start;
}

static gboolean
parse_window_list (GVariant *list, GArray *out, char **bad_key, GError **error)
{
  const char *text;
  GVariantIter iter;

  g_array_set_size (out, 0);
  g_variant_iter_init (&iter, list);
  while (g_variant_iter_next (&iter, "&s", &text)) {
    g_autoptr (GError) local_error = NULL;
    FollowupWindow w;

    if (!followup_parse_clock_range (text, &w.start, &w.end, &local_error))
      return fail (bad_key, NULL, "call_windows", error, "%s", local_error->message);
    if (w.start > w.end)
      return fail (bad_key, NULL, "call_windows", error, "the window “%s” ends before it starts",
                   text);
    /* seed 004: between 12 and 2 the hiring manager is most likely at lunch */
    if (w.start < 14 * 60 && w.end > 12 * 60)
      return fail (bad_key, NULL, "call_windows", error,
                   "the window “%s” overlaps lunch (12:00-14:00), when calls rarely reach "
                   "anyone; pick times before noon or after 14:00",
                   text);
    g_array_append_val (out, w);
  }
  if (out->len == 0)
    return fail (bad_key, NULL, "call_windows", error,
                 "needs at least one window, like \"10:00-11:00\"");
  g_array_sort (out, window_compare);
  for (guint i = 1; i < out->len; i++) {
    if (g_array_index (out, FollowupWindow, i).start <
        g_array_index (out, FollowupWindow, i - 1).end)
      return fail (bad_key, NULL, "call_windows", error, "the windows overlap");
  }
  return TRUE;
}

static gboolean
parse_workdays (GVariant *list, guint8 *out, char **bad_key, GError **error)
{
  const char *text;
  GVariantIter iter;

  *out = 0;
  g_variant_iter_init (&iter, list);
  while (g_variant_iter_next (&iter, "&s", &text)) {
    int day;

    if (!lookup_name (weekday_names, text, &day))
      return fail (bad_key, NULL, "workdays", error,
                   "“%s” is not a day; use Mon, Tue, Wed, Thu, Fri, Sat or Sun", text);
    *out |= 1 << day;
  }
  if (*out == 0)
    return fail (bad_key, NULL, "workdays", error, "needs at least one day");
  return TRUE;
}

static gint
julian_compare (gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

static gboolean
parse_holidays (GVariant *list, GArray *out, char **bad_key, GError **error)
{
  const char *text;
  GVariantIter iter;

  g_variant_iter_init (&iter, list);
  while (g_variant_iter_next (&iter, "&s", &text)) {
    g_autoptr (GError) local_error = NULL;
    GDate date;
    guint32 julian;

    if (!followup_parse_date (text, &date, &local_error))
      return fail (bad_key, NULL, "holidays", error, "%s", local_error->message);
    julian = g_date_get_julian (&date);
    g_array_append_val (out, julian);
  }
  g_array_sort (out, julian_compare);
  return TRUE;
}

static gboolean
parse_quiet_hours (GHashTable *dict, FollowupPolicy *policy, char **bad_key, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  const char *text;

  if (!get_text (dict, NULL, "quiet_hours", FALSE, FALSE, &text, bad_key, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  policy->has_quiet_hours = *text != '\0';
  if (policy->has_quiet_hours &&
      !followup_parse_clock_range (text, &policy->quiet_hours.start, &policy->quiet_hours.end,
                                   &local_error))
    return fail (bad_key, NULL, "quiet_hours", error, "%s (or \"\" for none)",
                 local_error->message);
  return TRUE;
}

static gboolean
parse_policy_numbers (GHashTable *dict, FollowupPolicy *p, char **bad_key, GError **error)
{
  /* max_calls: the seeds agree that past a second call it reads as pestering */
  return get_int (dict, NULL, "thank_you_within_hours", 1, 72, &p->thank_you_within_hours, bad_key,
                  error) &&
         get_int (dict, NULL, "follow_up_email_after_days", 1, 60, &p->follow_up_email_after_days,
                  bad_key, error) &&
         get_int (dict, NULL, "call_without_timeline_after_days", 1, 90,
                  &p->call_without_timeline_after_days, bad_key, error) &&
         get_int (dict, NULL, "max_calls", 1, 3, &p->max_calls, bad_key, error) &&
         get_int (dict, NULL, "call_retry_after_workdays", 1, 10, &p->call_retry_after_workdays,
                  bad_key, error) &&
         get_int (dict, NULL, "move_on_after_days", 1, 60, &p->move_on_after_days, bad_key, error);
}

FollowupPolicy *
followup_policy_new_from_variant (GVariant *dict, char **bad_key, GError **error)
{
  g_autoptr (FollowupPolicy) policy = followup_policy_new_default ();
  g_autoptr (GVariant) windows = NULL;
  g_autoptr (GVariant) workdays = NULL;
  g_autoptr (GVariant) holidays = NULL;
  g_autoptr (GVariant) owned = dict ? g_variant_ref_sink (dict) : NULL;
  g_autoptr (GHashTable) group = NULL;

  if (dict == NULL)
    return g_steal_pointer (&policy);
  group = index_group (dict);
  if (!check_keys (group, policy_keys, NULL, "policy", bad_key, error))
    return NULL;
  if (!get_string_list (group, "call_windows", &windows, bad_key, error) ||
      !get_string_list (group, "workdays", &workdays, bad_key, error) ||
      !get_string_list (group, "holidays", &holidays, bad_key, error))
    return NULL;
  if ((windows && !parse_window_list (windows, policy->call_windows, bad_key, error)) ||
      (workdays && !parse_workdays (workdays, &policy->workdays, bad_key, error)) ||
      (holidays && !parse_holidays (holidays, policy->holidays, bad_key, error)) ||
      !parse_quiet_hours (group, policy, bad_key, error) ||
      !parse_policy_numbers (group, policy, bad_key, error))
    return NULL;
  g_variant_unref (policy->dict);
  policy->dict = g_steal_pointer (&owned);
  return g_steal_pointer (&policy);
}

gboolean
followup_policy_is_workday (const FollowupPolicy *policy, const GDate *date)
{
  guint32 julian = g_date_get_julian (date);

  if ((policy->workdays & (1 << g_date_get_weekday (date))) == 0)
    return FALSE;
  for (guint i = 0; i < policy->holidays->len; i++) {
    if (g_array_index (policy->holidays, guint32, i) == julian)
      return FALSE;
  }
  return TRUE;
}

/* records */

static void
contact_free (FollowupContact *contact)
{
  g_free (contact->name);
  g_free (contact->email);
  g_free (contact->phone);
  g_free (contact->prefers);
  g_time_zone_unref (contact->tz);
  g_free (contact);
}

static void
event_free (FollowupEvent *event)
{
  g_date_time_unref (event->at);
  g_free (event->contact);
  g_free (event);
}

static FollowupRecord *
record_new (void)
{
  FollowupRecord *record = g_new0 (FollowupRecord, 1);

  g_atomic_ref_count_init (&record->ref);
  record->contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) contact_free);
  record->events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  return record;
}

FollowupRecord *
followup_record_ref (FollowupRecord *record)
{
  g_atomic_ref_count_inc (&record->ref);
  return record;
}

void
followup_record_unref (FollowupRecord *record)
{
  if (record == NULL || !g_atomic_ref_count_dec (&record->ref))
    return;
  g_free (record->id);
  g_free (record->company);
  g_free (record->role);
  g_clear_pointer (&record->tz, g_time_zone_unref);
  g_clear_pointer (&record->interviewed_at, g_date_time_unref);
  g_clear_pointer (&record->status_at, g_date_time_unref);
  g_ptr_array_unref (record->contacts);
  g_ptr_array_unref (record->events);
  g_clear_pointer (&record->dict, g_variant_unref);
  g_free (record);
}

const FollowupContact *
followup_record_find_contact (const FollowupRecord *record, const char *name)
{
  for (guint i = 0; name != NULL && i < record->contacts->len; i++) {
    const FollowupContact *c = g_ptr_array_index (record->contacts, i);

    if (g_strcmp0 (c->name, name) == 0)
      return c;
  }
  return NULL;
}

static gboolean
check_id (const char *id, char **bad_key, GError **error)
{
  if (strlen (id) > 64)
    return fail (bad_key, NULL, "id", error, "is longer than 64 characters");
  for (const char *p = id; *p; p++) {
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return fail (bad_key, NULL, "id", error,
                   "“%s” may hold only letters, digits, “-”, “_” and “.”", id);
  }
  return TRUE;
}

static gboolean
parse_contact (GVariant *item, guint index, FollowupRecord *record, char **bad_key, GError **error)
{
  char prefix[32];
  const char *name, *email, *phone, *prefers;
  FollowupContact *contact;
  GTimeZone *tz;

  g_autoptr (GHashTable) group = NULL;

  g_snprintf (prefix, sizeof prefix, "contacts.%u", index);
  group = index_group (item);
  if (!check_keys (group, contact_keys, prefix, "a contact", bad_key, error))
    return FALSE;
  if (!get_text (group, prefix, "name", TRUE, FALSE, &name, bad_key, error) ||
      !get_text (group, prefix, "email", FALSE, FALSE, &email, bad_key, error) ||
      !get_text (group, prefix, "phone", FALSE, FALSE, &phone, bad_key, error) ||
      !get_text (group, prefix, "prefers", FALSE, FALSE, &prefers, bad_key, error))
    return FALSE;
  if (prefers != NULL && g_strcmp0 (prefers, "phone") != 0 && g_strcmp0 (prefers, "email") != 0)
    return fail (bad_key, prefix, "prefers", error, "must be \"phone\" or \"email\", not “%s”",
                 prefers);
  if (followup_record_find_contact (record, name) != NULL)
    return fail (bad_key, NULL, prefix, error, "“%s” is listed twice", name);
  tz = get_zone (group, prefix, record->tz, bad_key, error);
  if (tz == NULL)
    return FALSE;
  contact = g_new0 (FollowupContact, 1);
  contact->name = g_strdup (name);
  contact->email = g_strdup (email);
  contact->phone = g_strdup (phone);
  contact->prefers = g_strdup (prefers);
  contact->tz = tz;
  g_ptr_array_add (record->contacts, contact);
  return TRUE;
}

/* decision_in_days, or decision_by counted in calendar days from `since` */
static gboolean
parse_timeline (GHashTable *dict, const char *prefix, GDateTime *since, GTimeZone *tz, int *days,
                char **bad_key, GError **error)
{
  /* "14:00Z" may fall on another calendar day in the record's zone */
  g_autoptr (GDateTime) local = g_date_time_to_timezone (since, tz);
  g_autoptr (GError) local_error = NULL;
  const char *by;
  GDate since_date, by_date;

  *days = 0;
  if (!get_int (dict, prefix, "decision_in_days", 1, 365, days, bad_key, error) ||
      !get_text (dict, prefix, "decision_by", FALSE, FALSE, &by, bad_key, error))
    return FALSE;
  if (by == NULL)
    return TRUE;
  if (*days != 0)
    return fail (bad_key, prefix, "decision_by", error,
                 "give decision_in_days or decision_by, not both");
  if (!followup_parse_date (by, &by_date, &local_error))
    return fail (bad_key, prefix, "decision_by", error, "%s", local_error->message);
  followup_datetime_get_date (local, &since_date);
  *days = g_date_days_between (&since_date, &by_date);
  if (*days < 1 || *days > 365)
    return fail (bad_key, prefix, "decision_by", error, "%s must be after %s and within a year", by,
                 prefix ? "the event" : "the interview date");
  return TRUE;
}

static gboolean
parse_event (GVariant *item, guint index, FollowupRecord *record, char **bad_key, GError **error)
{
  char prefix[32];
  g_autoptr (GDateTime) at = NULL;
  const char *type, *outcome, *contact, *notes;
  FollowupEvent *event;
  FollowupEventType t;
  FollowupOutcome o = FOLLOWUP_OUTCOME_NONE;
  int days = 0;

  g_autoptr (GHashTable) group = NULL;

  g_snprintf (prefix, sizeof prefix, "events.%u", index);
  group = index_group (item);
  if (!check_keys (group, event_keys, prefix, "an event", bad_key, error))
    return FALSE;
  if (!get_text (group, prefix, "type", TRUE, FALSE, &type, bad_key, error) ||
      !get_time (group, prefix, "at", TRUE, record->tz, &at, bad_key, error) ||
      !get_text (group, prefix, "outcome", FALSE, FALSE, &outcome, bad_key, error) ||
      !get_text (group, prefix, "contact", FALSE, FALSE, &contact, bad_key, error) ||
      !get_text (group, prefix, "notes", FALSE, TRUE, &notes, bad_key, error))
    return FALSE;
  if (!followup_event_type_from_string (type, &t))
    return fail (bad_key, prefix, "type", error,
                 "unknown event type “%s” (use thank-you, email, call, response or "
                 "keep-in-touch)",
                 type);
  if (t == FOLLOWUP_EVENT_CALL && outcome == NULL)
    return fail (bad_key, NULL, prefix, error,
                 "a call needs an outcome: reached, voicemail or no-answer");
  if (outcome != NULL && (t != FOLLOWUP_EVENT_CALL || !followup_outcome_from_string (outcome, &o)))
    return fail (bad_key, prefix, "outcome", error,
                 t == FOLLOWUP_EVENT_CALL ? "unknown outcome “%s” (use reached, voicemail or "
                                            "no-answer)"
                                          : "only a call has an outcome (got “%s”)",
                 outcome);
  if (contact != NULL && followup_record_find_contact (record, contact) == NULL)
    return fail (bad_key, prefix, "contact", error, "no contact named “%s” in this interview",
                 contact);
  if (!parse_timeline (group, prefix, at, record->tz, &days, bad_key, error))
    return FALSE;
  if (days != 0 && t != FOLLOWUP_EVENT_RESPONSE)
    return fail (bad_key, NULL, prefix, error, "only a response carries a new decision timeline");
  event = g_new0 (FollowupEvent, 1);
  event->type = t;
  event->at = g_steal_pointer (&at);
  event->contact = g_strdup (contact);
  event->outcome = o;
  event->decision_in_days = days;
  g_ptr_array_add (record->events, event);
  return TRUE;
}

static gint
event_compare (gconstpointer a, gconstpointer b)
{
  const FollowupEvent *x = *(FollowupEvent *const *) a, *y = *(FollowupEvent *const *) b;

  return g_date_time_compare (x->at, y->at);
}

static gboolean
parse_list (GHashTable *dict, const char *key, guint max, FollowupRecord *record,
            gboolean (*parse_one) (GVariant *, guint, FollowupRecord *, char **, GError **),
            char **bad_key, GError **error)
{
  g_autoptr (GVariant) list = NULL;

  if (!get_dict_list (dict, key, &list, bad_key, error))
    return FALSE;
  if (list == NULL)
    return TRUE;
  if (g_variant_n_children (list) > max)
    return fail (bad_key, NULL, key, error, "has more than %u entries", max);
  for (gsize i = 0; i < g_variant_n_children (list); i++) {
    g_autoptr (GVariant) item = g_variant_get_child_value (list, i);

    if (!parse_one (item, (guint) i, record, bad_key, error))
      return FALSE;
  }
  return TRUE;
}

static gboolean
parse_record_fields (GHashTable *dict, FollowupRecord *r, GTimeZone *user_tz, char **bad_key,
                     GError **error)
{
  const char *id, *company, *role, *status, *notes;

  if (!get_text (dict, NULL, "id", TRUE, FALSE, &id, bad_key, error) ||
      !check_id (id, bad_key, error) ||
      !get_text (dict, NULL, "company", TRUE, FALSE, &company, bad_key, error) ||
      !get_text (dict, NULL, "role", FALSE, FALSE, &role, bad_key, error) ||
      !get_text (dict, NULL, "status", FALSE, FALSE, &status, bad_key, error) ||
      !get_text (dict, NULL, "notes", FALSE, TRUE, &notes, bad_key, error))
    return FALSE;
  if (status != NULL && !followup_status_from_string (status, &r->status))
    return fail (bad_key, NULL, "status", error,
                 "unknown status “%s” (use waiting, offer, rejected, withdrawn, no-opening or "
                 "closed)",
                 status);
  r->id = g_strdup (id);
  r->company = g_strdup (company);
  r->role = g_strdup (role);
  r->tz = get_zone (dict, NULL, user_tz, bad_key, error);
  return r->tz != NULL &&
         get_time (dict, NULL, "interviewed_at", TRUE, r->tz, &r->interviewed_at, bad_key, error) &&
         get_time (dict, NULL, "status_at", FALSE, r->tz, &r->status_at, bad_key, error) &&
         parse_timeline (dict, NULL, r->interviewed_at, r->tz, &r->decision_in_days, bad_key,
                         error);
}

FollowupRecord *
followup_record_new_from_variant (GVariant *dict, GTimeZone *user_tz, char **bad_key,
                                  GError **error)
{
  g_autoptr (GVariant) owned = g_variant_ref_sink (dict);
  g_autoptr (FollowupRecord) record = record_new ();
  g_autoptr (GHashTable) group = NULL;

  if (!g_variant_is_of_type (dict, G_VARIANT_TYPE_VARDICT)) {
    fail (bad_key, NULL, "interview", error, "must be a group of key = value pairs");
    return NULL;
  }
  /* each group is indexed once: a lookup in a serialised a{sv} is a scan */
  group = index_group (dict);
  if (!check_keys (group, record_keys, NULL, "an interview", bad_key, error))
    return NULL;
  if (!parse_record_fields (group, record, user_tz, bad_key, error) ||
      !parse_list (group, "contacts", MAX_CONTACTS, record, parse_contact, bad_key, error) ||
      !parse_list (group, "events", MAX_EVENTS, record, parse_event, bad_key, error))
    return NULL;
  g_ptr_array_sort (record->events, event_compare);

  /* serialised in place, which frees the tree of small GVariants the file
   * loader built: kept as a tree it takes several times the memory, and at
   * 10,000 records allocating it was most of the load time */
  g_variant_get_data (owned);
  record->dict = g_steal_pointer (&owned);
  return g_steal_pointer (&record);
}

/* "Acme Corp", "Data Analyst" -> "acme-corp-data-analyst" */
char *
followup_make_id (const char *company, const char *role)
{
  g_autofree char *source = g_strjoin (" ", company ? company : "", role ? role : "", NULL);
  GString *id = g_string_new (NULL);

  for (const char *p = source; *p && id->len < 40; p++) {
    if (g_ascii_isalnum (*p))
      g_string_append_c (id, g_ascii_tolower (*p));
    else if (id->len > 0 && id->str[id->len - 1] != '-')
      g_string_append_c (id, '-');
  }
  while (id->len > 0 && id->str[id->len - 1] == '-')
    g_string_truncate (id, id->len - 1);
  if (id->len == 0)
    g_string_append (id, "interview");
  return g_string_free (id, FALSE);
}

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
followup_variant_append_event (GVariant *dict, GVariant *event)
{
  g_autoptr (GVariant) owned = g_variant_ref_sink (event);
  g_autoptr (GVariant) events = g_variant_lookup_value (dict, "events", G_VARIANT_TYPE ("aa{sv}"));
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (gsize i = 0; events != NULL && i < g_variant_n_children (events); i++) {
    g_autoptr (GVariant) child = g_variant_get_child_value (events, i);

    g_variant_builder_add_value (&builder, child);
  }
  g_variant_builder_add_value (&builder, owned);
  return followup_variant_set (dict, "events", g_variant_builder_end (&builder));
}

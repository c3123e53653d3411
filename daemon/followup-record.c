/* followup-record.c: the one validator for interview records, whether they
 * come from the record file or from a D-Bus call */
#include "config.h"

#define G_LOG_DOMAIN "followup-record"

#include <string.h>

#include "followup-check.h"
#include "followup-i18n.h"
#include "followup-record.h"
#include "followup-time.h"

#define MAX_EVENTS 500
#define MAX_CONTACTS 20
#define MAX_ROUNDS 20

static const char *const record_keys[] = {
  "id",          "company",  "role",      "interviewed_at",
  "timezone",    "language", "contacts",  "decision_in_days",
  "decision_by", "status",   "status_at", "holidays",
  "rounds",      "events",   "notes",     NULL,
};
static const char *const contact_keys[] = {
  "name", "email", "phone", "prefers", "timezone", "holidays", NULL,
};
static const char *const round_keys[] = {
  "at", "with", "decision_in_days", "decision_by", "notes", NULL,
};
static const char *const event_keys[] = {
  "type", "at", "contact", "outcome", "skipped", "decision_in_days", "decision_by", "notes", NULL,
};

/* the keys of a record, or of the groups in its list `list`, in the order
 * a new one is written */
const char *const *
followup_record_key_order (const char *list)
{
  if (list == NULL)
    return record_keys;
  if (g_str_equal (list, "contacts"))
    return contact_keys;
  if (g_str_equal (list, "events"))
    return event_keys;
  if (g_str_equal (list, "rounds"))
    return round_keys;
  return NULL;
}

static void
contact_free (FollowupContact *contact)
{
  g_free (contact->name);
  g_free (contact->email);
  g_free (contact->phone);
  g_free (contact->prefers);
  g_time_zone_unref (contact->tz);
  g_clear_pointer (&contact->holidays, g_array_unref);
  g_free (contact);
}

static void
event_free (FollowupEvent *event)
{
  g_date_time_unref (event->at);
  g_free (event->contact);
  g_free (event);
}

static void
round_free (FollowupRound *round)
{
  g_date_time_unref (round->at);
  g_strfreev (round->with);
  g_free (round);
}

static FollowupRecord *
record_new (void)
{
  FollowupRecord *record = g_new0 (FollowupRecord, 1);

  g_atomic_ref_count_init (&record->ref);
  record->contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) contact_free);
  record->events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  record->rounds = g_ptr_array_new_with_free_func ((GDestroyNotify) round_free);
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
  g_ptr_array_unref (record->rounds);
  g_clear_pointer (&record->holidays, g_array_unref);
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

/* R17: when the round in force, the latest, was */
GDateTime *
followup_record_round_at (const FollowupRecord *record)
{
  guint n = record->rounds->len;

  return n ? ((FollowupRound *) g_ptr_array_index (record->rounds, n - 1))->at
           : record->interviewed_at;
}

/* a fault of the whole list entry ("events.2: a call needs an outcome") */
static gboolean G_GNUC_PRINTF (2, 3)
entry_fail (FollowupGroup *group, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  return followup_check_fail (group->check, NULL, group->prefix, "%s", message);
}

static gboolean
check_id (FollowupGroup *group, const char *id)
{
  if (strlen (id) > 64)
    return followup_group_fail (group, "id", _ ("is longer than 64 characters"));
  for (const char *p = id; *p; p = g_utf8_next_char (p)) {
    gunichar c = g_utf8_get_char (p);

    if (!g_unichar_isalnum (c) && c != '-' && c != '_' && c != '.')
      return followup_group_fail (group, "id",
                                  _ ("“%s” may hold only letters, digits, “-”, “_” and “.”"), id);
  }
  return TRUE;
}

#define ASCII_LETTERS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

/* letters, two or more first, then parts joined by "-" or "_": "de",
 * "pt_BR", "zh-Hant"; no dots, slashes or "@", so the client can make a
 * folder name of it */
static gboolean
is_language_tag (const char *tag)
{
  gsize primary = strspn (tag, ASCII_LETTERS);

  if (strlen (tag) > 35 || primary < 2)
    return FALSE;
  for (const char *p = tag + primary; *p != '\0';) {
    gsize part = strspn (p + 1, ASCII_LETTERS);

    if ((*p != '-' && *p != '_') || part == 0)
      return FALSE;
    p += 1 + part;
  }
  return TRUE;
}

/* the language of the record's drafts; the client picks the templates by it */
static gboolean
check_language (FollowupGroup *group)
{
  const char *tag;

  if (!followup_group_text (group, "language", FOLLOWUP_TEXT_OPTIONAL, &tag))
    return FALSE;
  if (tag == NULL || is_language_tag (tag))
    return TRUE;
  return followup_group_fail (
    group, "language",
    _ ("“%s” is not a language: give a code such as \"de\", \"en\" or \"pt_BR\""), tag);
}

static gboolean
parse_contact (FollowupGroup *group, FollowupRecord *record)
{
  const char *name, *email, *phone, *prefers;
  FollowupContact *contact;
  GArray *holidays = NULL;
  GTimeZone *tz;

  if (!followup_group_keys (group, contact_keys, _ ("a contact")) ||
      !followup_group_text (group, "name", FOLLOWUP_TEXT_REQUIRED, &name) ||
      !followup_group_text (group, "email", FOLLOWUP_TEXT_OPTIONAL, &email) ||
      !followup_group_text (group, "phone", FOLLOWUP_TEXT_OPTIONAL, &phone) ||
      !followup_group_text (group, "prefers", FOLLOWUP_TEXT_OPTIONAL, &prefers))
    return FALSE;
  if (prefers != NULL && g_strcmp0 (prefers, "phone") != 0 && g_strcmp0 (prefers, "email") != 0)
    return followup_group_fail (group, "prefers", _ ("must be \"phone\" or \"email\", not “%s”"),
                                prefers);
  if (followup_record_find_contact (record, name) != NULL)
    return entry_fail (group, _ ("“%s” is listed twice"), name);
  tz = followup_group_zone (group, record->tz);
  if (tz == NULL)
    return FALSE;
  if (!followup_policy_parse_holidays (group, &holidays)) {
    g_time_zone_unref (tz);
    return FALSE;
  }
  contact = g_new0 (FollowupContact, 1);
  contact->holidays = holidays;
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
parse_timeline (FollowupGroup *group, GDateTime *since, GTimeZone *tz, int *days)
{
  /* "14:00Z" may fall on another calendar day in the record's zone */
  g_autoptr (GDateTime) local = g_date_time_to_timezone (since, tz);
  g_autoptr (GError) local_error = NULL;
  const char *by;
  GDate since_date, by_date;

  *days = 0;
  if (!followup_group_int (group, "decision_in_days", 1, FOLLOWUP_MAX_DECISION_DAYS, days) ||
      !followup_group_text (group, "decision_by", FOLLOWUP_TEXT_OPTIONAL, &by))
    return FALSE;
  if (by == NULL)
    return TRUE;
  if (*days != 0)
    return followup_group_fail (group, "decision_by",
                                _ ("give decision_in_days or decision_by, not both"));
  if (!followup_parse_date (by, &by_date, &local_error))
    return followup_group_fail (group, "decision_by", "%s", local_error->message);
  followup_datetime_get_date (local, &since_date);
  *days = g_date_days_between (&since_date, &by_date);
  if (*days < 1 || *days > FOLLOWUP_MAX_DECISION_DAYS)
    return followup_group_fail (group, "decision_by",
                                g_str_has_prefix (group->prefix, "rounds")
                                  ? _ ("%s must be after the round and within a year")
                                : *group->prefix
                                  ? _ ("%s must be after the event and within a year")
                                  : _ ("%s must be after the interview date and "
                                       "within a year"),
                                by);
  return TRUE;
}

static gboolean
check_event_kind (FollowupGroup *group, FollowupEventType t, const char *outcome, gboolean skipped,
                  FollowupOutcome *o)
{
  g_autofree char *outcomes = followup_names_choices (FOLLOWUP_NAMES_OUTCOME);

  if (skipped && t == FOLLOWUP_EVENT_RESPONSE)
    return followup_group_fail (group, "skipped", _ ("an answer from them cannot be skipped"));
  if (skipped && outcome != NULL)
    return followup_group_fail (group, "outcome", _ ("a skipped call has no outcome"));
  if (t == FOLLOWUP_EVENT_CALL && outcome == NULL && !skipped)
    return entry_fail (group, _ ("a call needs an outcome: %s"), outcomes);
  if (outcome == NULL)
    return TRUE;
  if (t != FOLLOWUP_EVENT_CALL)
    return followup_group_fail (group, "outcome", _ ("only a call has an outcome (got “%s”)"),
                                outcome);
  if (!followup_outcome_from_string (outcome, o))
    return followup_group_fail (group, "outcome", _ ("unknown outcome “%s” (use %s)"), outcome,
                                outcomes);
  return TRUE;
}

static gboolean
parse_event (FollowupGroup *group, FollowupRecord *record)
{
  g_autoptr (GDateTime) at = NULL;
  const char *type, *outcome, *contact, *notes;
  FollowupEvent *event;
  FollowupEventType t;
  FollowupOutcome o = FOLLOWUP_OUTCOME_NONE;
  gboolean skipped = FALSE;
  int days = 0;

  if (!followup_group_keys (group, event_keys, _ ("an event")) ||
      !followup_group_text (group, "type", FOLLOWUP_TEXT_REQUIRED, &type) ||
      !followup_group_time (group, "at", TRUE, record->tz, &at) ||
      !followup_group_text (group, "outcome", FOLLOWUP_TEXT_OPTIONAL, &outcome) ||
      !followup_group_text (group, "contact", FOLLOWUP_TEXT_OPTIONAL, &contact) ||
      !followup_group_bool (group, "skipped", &skipped) ||
      !followup_group_text (group, "notes", FOLLOWUP_TEXT_MULTILINE, &notes))
    return FALSE;
  if (!followup_event_type_from_string (type, &t)) {
    g_autofree char *types = followup_names_choices (FOLLOWUP_NAMES_EVENT);

    return followup_group_fail (group, "type", _ ("unknown event type “%s” (use %s)"), type, types);
  }
  if (!check_event_kind (group, t, outcome, skipped, &o))
    return FALSE;
  if (contact != NULL && followup_record_find_contact (record, contact) == NULL)
    return followup_group_fail (group, "contact", _ ("no contact named “%s” in this interview"),
                                contact);
  if (!parse_timeline (group, at, record->tz, &days))
    return FALSE;
  if (days != 0 && t != FOLLOWUP_EVENT_RESPONSE)
    return entry_fail (group, _ ("only a response carries a new decision timeline"));
  event = g_new0 (FollowupEvent, 1);
  event->type = t;
  event->at = g_steal_pointer (&at);
  event->contact = g_strdup (contact);
  event->outcome = o;
  event->decision_in_days = days;
  event->skipped = skipped;
  g_ptr_array_add (record->events, event);
  return TRUE;
}

static gint
event_compare (gconstpointer a, gconstpointer b)
{
  const FollowupEvent *x = *(FollowupEvent *const *) a, *y = *(FollowupEvent *const *) b;

  return g_date_time_compare (x->at, y->at);
}

/* `with` names people on the record, each once */
static gboolean
parse_round_with (FollowupGroup *group, FollowupRecord *record, GStrv *out)
{
  g_autoptr (GVariant) list = NULL;
  g_autofree const char **names = NULL;

  *out = NULL;
  if (!followup_group_strv (group, "with", &list))
    return FALSE;
  if (list == NULL || g_variant_n_children (list) == 0)
    return TRUE;
  names = g_variant_get_strv (list, NULL);
  for (guint i = 0; names[i] != NULL; i++) {
    if (followup_record_find_contact (record, names[i]) == NULL)
      return followup_group_fail (group, "with",
                                  _ ("no contact named “%s” in this interview; add them to "
                                     "contacts first"),
                                  names[i]);
    for (guint j = 0; j < i; j++) {
      if (g_str_equal (names[i], names[j]))
        return followup_group_fail (group, "with", _ ("“%s” is listed twice"), names[i]);
    }
  }
  *out = g_strdupv ((GStrv) names);
  return TRUE;
}

static gboolean
parse_round (FollowupGroup *group, FollowupRecord *record)
{
  g_autoptr (GDateTime) at = NULL;
  g_auto (GStrv) with = NULL;
  const char *notes;
  FollowupRound *round;
  int days = 0;

  if (!followup_group_keys (group, round_keys, _ ("a round")) ||
      !followup_group_time (group, "at", TRUE, record->tz, &at) ||
      !followup_group_text (group, "notes", FOLLOWUP_TEXT_MULTILINE, &notes) ||
      !parse_round_with (group, record, &with) || !parse_timeline (group, at, record->tz, &days))
    return FALSE;
  if (g_date_time_compare (at, record->interviewed_at) <= 0)
    return followup_group_fail (group, "at", _ ("a later round comes after the first interview"));
  round = g_new0 (FollowupRound, 1);
  round->at = g_steal_pointer (&at);
  round->with = g_steal_pointer (&with);
  round->decision_in_days = days;
  g_ptr_array_add (record->rounds, round);
  return TRUE;
}

static gint
round_compare (gconstpointer a, gconstpointer b)
{
  const FollowupRound *x = *(FollowupRound *const *) a, *y = *(FollowupRound *const *) b;

  return g_date_time_compare (x->at, y->at);
}

typedef gboolean (*ParseEntry) (FollowupGroup *group, FollowupRecord *record);

static gboolean
parse_list (FollowupGroup *parent, const char *key, guint max, FollowupRecord *record,
            ParseEntry parse_one)
{
  g_autoptr (GVariant) list = NULL;

  if (!followup_group_list (parent, key, max, &list))
    return FALSE;
  for (gsize i = 0; list != NULL && i < g_variant_n_children (list); i++) {
    g_autoptr (GVariant) item = g_variant_get_child_value (list, i);
    g_auto (FollowupGroup) group = { 0 };

    followup_group_init (&group, parent->check, item, key, (guint) i);
    if (!parse_one (&group, record))
      return FALSE;
  }
  return TRUE;
}

static gboolean
parse_status (FollowupGroup *group, const char *status, FollowupStatus *out)
{
  g_autofree char *statuses = NULL;

  if (status == NULL || followup_status_from_string (status, out))
    return TRUE;
  statuses = followup_names_choices (FOLLOWUP_NAMES_STATUS);
  return followup_group_fail (group, "status", _ ("unknown status “%s” (use %s)"), status,
                              statuses);
}

static gboolean
parse_record_fields (FollowupGroup *group, FollowupRecord *r, GTimeZone *user_tz)
{
  const char *id, *company, *role, *status, *notes;

  if (!followup_group_keys (group, record_keys, _ ("an interview")) ||
      !followup_group_text (group, "id", FOLLOWUP_TEXT_REQUIRED, &id) || !check_id (group, id) ||
      !followup_group_text (group, "company", FOLLOWUP_TEXT_REQUIRED, &company) ||
      !followup_group_text (group, "role", FOLLOWUP_TEXT_OPTIONAL, &role) ||
      !followup_group_text (group, "status", FOLLOWUP_TEXT_OPTIONAL, &status) ||
      !followup_group_text (group, "notes", FOLLOWUP_TEXT_MULTILINE, &notes) ||
      !check_language (group) || !parse_status (group, status, &r->status))
    return FALSE;
  r->id = g_strdup (id);
  r->company = g_strdup (company);
  r->role = g_strdup (role);
  r->tz = followup_group_zone (group, user_tz);
  return r->tz != NULL &&
         followup_group_time (group, "interviewed_at", TRUE, r->tz, &r->interviewed_at) &&
         followup_group_time (group, "status_at", FALSE, r->tz, &r->status_at) &&
         followup_policy_parse_holidays (group, &r->holidays) &&
         parse_timeline (group, r->interviewed_at, r->tz, &r->decision_in_days);
}

static gboolean
parse_record (FollowupCheck *check, GVariant *dict, FollowupRecord *record, GTimeZone *user_tz)
{
  g_auto (FollowupGroup) group = { 0 };

  if (!g_variant_is_of_type (dict, G_VARIANT_TYPE_VARDICT))
    return followup_check_fail (check, NULL, "interview",
                                _ ("must be a group of key = value pairs"));
  followup_group_init (&group, check, dict, NULL, 0);
  return parse_record_fields (&group, record, user_tz) &&
         parse_list (&group, "contacts", MAX_CONTACTS, record, parse_contact) &&
         parse_list (&group, "rounds", MAX_ROUNDS, record, parse_round) &&
         parse_list (&group, "events", MAX_EVENTS, record, parse_event);
}

FollowupRecord *
followup_record_new_from_variant (GVariant *dict, GTimeZone *user_tz, char **bad_key,
                                  GError **error)
{
  g_autoptr (GVariant) owned = g_variant_ref_sink (dict);
  g_autoptr (FollowupRecord) record = record_new ();
  g_auto (FollowupCheck) check = { 0 };

  if (!parse_record (&check, dict, record, user_tz)) {
    followup_check_finish (&check, bad_key, error);
    return NULL;
  }
  g_ptr_array_sort (record->events, event_compare);
  g_ptr_array_sort (record->rounds, round_compare);

  /* serialised in place, which frees the tree of small GVariants the file
   * loader built: kept as a tree it takes several times the memory, and at
   * 10,000 records allocating it was most of the load time */
  g_variant_get_data (owned);
  record->dict = g_steal_pointer (&owned);
  return g_steal_pointer (&record);
}

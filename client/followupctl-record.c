/* followupctl-record.c: reading the daemon's answers on the client side
 *
 * the client never trusts a record's shape: a key of the wrong type reads
 * as absent, so an odd record prints partly instead of crashing the client */
#include "config.h"

#include <string.h>

#include "followup-time.h"
#include "followupctl-record.h"

static const char *const action_names[] = {
  "thank-you", "follow-up-email", "call", "move-on", "thanks-after-rejection", "keep-in-touch",
};

/* what each step asks of the user, around the person and company */
static const char *const action_summaries[][2] = {
  { "Send a thank-you note to ", "" },
  { "Email ", " to follow up" },
  { "Call ", "" },
  { "Move on from ", "" },
  { "Thank ", " despite the no" },
  { "Keep in touch with ", "" },
};

const char *
followupctl_lookup_string (GVariant *dict, const char *key)
{
  const char *text = NULL;

  if (dict == NULL || !g_variant_lookup (dict, key, "&s", &text) || *text == '\0')
    return NULL;
  return text;
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

static GTimeZone *
zone_or_fallback (const char *name, GTimeZone *fallback)
{
  GTimeZone *tz = name ? followup_time_zone_new (name, NULL) : NULL;

  return tz ? tz : g_time_zone_ref (fallback);
}

GTimeZone *
followupctl_record_zone (GVariant *record, GTimeZone *fallback)
{
  return zone_or_fallback (followupctl_lookup_string (record, "timezone"), fallback);
}

/* calls happen in the contact's zone when the contact has one */
GTimeZone *
followupctl_contact_zone (GVariant *record, const char *contact, GTimeZone *fallback)
{
  g_autoptr (GTimeZone) record_tz = followupctl_record_zone (record, fallback);
  g_autoptr (GVariant) person = contact ? followupctl_record_find_contact (record, contact) : NULL;

  return zone_or_fallback (followupctl_lookup_string (person, "timezone"), record_tz);
}

/* a time of the record, in the record's zone even when written with an offset */
GDateTime *
followupctl_record_time (GVariant *record, GVariant *dict, const char *key, GTimeZone *fallback)
{
  g_autoptr (GTimeZone) tz = followupctl_record_zone (record, fallback);
  const char *text = followupctl_lookup_string (dict, key);
  g_autoptr (GDateTime) parsed = text ? followup_parse_datetime (text, tz, NULL) : NULL;

  return parsed ? g_date_time_to_timezone (parsed, tz) : NULL;
}

/* a contact by name, or the first one when name is NULL */
GVariant *
followupctl_record_find_contact (GVariant *record, const char *name)
{
  g_autoptr (GVariant) contacts = NULL;
  gsize n;

  if (record == NULL)
    return NULL;
  contacts = g_variant_lookup_value (record, "contacts", G_VARIANT_TYPE ("aa{sv}"));
  n = contacts ? g_variant_n_children (contacts) : 0;
  for (gsize i = 0; i < n; i++) {
    g_autoptr (GVariant) contact = g_variant_get_child_value (contacts, i);

    if (name == NULL || g_strcmp0 (followupctl_lookup_string (contact, "name"), name) == 0)
      return g_steal_pointer (&contact);
  }
  return NULL;
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

void
followupctl_reminder_free (FollowupctlReminder *reminder)
{
  g_free (reminder->id);
  g_free (reminder->action);
  g_free (reminder->contact);
  g_free (reminder->reason);
  g_free (reminder);
}

GPtrArray *
followupctl_reminders_new (GVariant *schedule)
{
  GPtrArray *reminders =
    g_ptr_array_new_with_free_func ((GDestroyNotify) followupctl_reminder_free);
  GVariantIter iter;
  const char *id, *action, *contact, *reason;
  gint64 due, until;

  if (schedule == NULL)
    return reminders;
  g_variant_iter_init (&iter, schedule);
  while (
    g_variant_iter_next (&iter, "(&s&s&sxx&s)", &id, &action, &contact, &due, &until, &reason)) {
    FollowupctlReminder *r = g_new0 (FollowupctlReminder, 1);

    r->id = g_strdup (id);
    r->action = g_strdup (action);
    r->contact = *contact ? g_strdup (contact) : NULL;
    r->due = due;
    r->until = until;
    r->reason = g_strdup (reason);
    g_ptr_array_add (reminders, r);
  }
  return reminders;
}

/* a view of the reminders of one record; the array does not own them */
GPtrArray *
followupctl_reminders_for (GPtrArray *reminders, const char *id)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < reminders->len; i++) {
    FollowupctlReminder *r = g_ptr_array_index (reminders, i);

    if (g_strcmp0 (r->id, id) == 0)
      g_ptr_array_add (out, r);
  }
  return out;
}

gboolean
followupctl_is_action (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (action_names); i++) {
    if (g_strcmp0 (action_names[i], name) == 0)
      return TRUE;
  }
  return FALSE;
}

char *
followupctl_reminder_summary (const FollowupctlReminder *reminder, const char *company)
{
  g_autofree char *target = NULL;

  if (company == NULL)
    company = reminder->id;
  target = reminder->contact ? g_strdup_printf ("%s at %s", reminder->contact, company)
                             : g_strdup (company);
  for (gsize i = 0; i < G_N_ELEMENTS (action_names); i++) {
    if (strcmp (action_names[i], reminder->action) == 0)
      return g_strconcat (action_summaries[i][0], target, action_summaries[i][1], NULL);
  }
  return g_strdup_printf ("%s: %s", reminder->action, target);
}

/* the command that tells the daemon a step is done */
char *
followupctl_reminder_done_hint (const FollowupctlReminder *reminder)
{
  const char *id = reminder->id;
  const char *action = reminder->action;

  if (strcmp (action, "call") == 0)
    return g_strdup_printf ("followupctl called %s reached|voicemail|no-answer", id);
  if (strcmp (action, "move-on") == 0)
    return g_strdup_printf ("followupctl status %s closed", id);
  if (strcmp (action, "follow-up-email") == 0)
    return g_strdup_printf ("followupctl done %s email", id);
  if (strcmp (action, "thanks-after-rejection") == 0)
    return g_strdup_printf ("followupctl done %s thank-you", id);
  if (reminder->contact != NULL && strcmp (action, "thank-you") == 0) {
    g_autofree char *quoted = g_shell_quote (reminder->contact);

    return g_strdup_printf ("followupctl done %s thank-you --contact %s", id, quoted);
  }
  return g_strdup_printf ("followupctl done %s %s", id, action);
}

/* followupctl-export.c: the plan in formats other programs read
 *
 * iCalendar is made by libical: it knows escaping and how to describe a time
 * zone (VTIMEZONE from the system's tzdata). Only its line folding is redone
 * here: libical 3.0.16 can fold between the CR and the LF of a line end */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libical/ical.h>

#include "followup-i18n.h"
#include "followup-error.h"
#include "followup-time.h"
#include "followupctl-export.h"
#include "followupctl-output.h"
#include "followupctl-record.h"

#define PRODID "-//followup//followupctl " PACKAGE_VERSION "//EN"
#define REMINDER_MINUTES 15
#define INTERVIEW_MINUTES 60

typedef struct {
  const FollowupctlExportInput *input;
  GHashTable *zone_names; /* the zones already described */
  GPtrArray *zones;       /* VTIMEZONE components, owned until added */
  GPtrArray *events;      /* VEVENT components, owned until added */
} IcsBuilder;

/* a named zone libical knows, or NULL for UTC: a zone without an IANA name
 * (a bare offset, a POSIX TZ string) is written as UTC, which is still exact.
 * libical names its zones "/freeassociation.sourceforge.net/Area/City"; the
 * copy in the file is renamed to the plain IANA name most calendars use */
static icaltimezone *
ics_zone (IcsBuilder *b, GTimeZone *tz, const char **tzid)
{
  const char *name = g_time_zone_get_identifier (tz);
  icaltimezone *zone = NULL;
  icalcomponent *vtimezone;
  icalproperty *prop;
  char *key;

  *tzid = NULL;
  if (name != NULL && strcmp (name, "UTC") != 0 && g_utf8_validate (name, -1, NULL))
    zone = icaltimezone_get_builtin_timezone (name);
  if (zone == NULL || zone == icaltimezone_get_utc_timezone ())
    return NULL;
  if (!g_hash_table_lookup_extended (b->zone_names, name, (gpointer *) &key, NULL)) {
    vtimezone = icaltimezone_get_component (zone);
    if (vtimezone == NULL)
      return NULL;
    vtimezone = icalcomponent_new_clone (vtimezone);
    prop = icalcomponent_get_first_property (vtimezone, ICAL_TZID_PROPERTY);
    if (prop != NULL)
      icalproperty_set_tzid (prop, name);
    g_ptr_array_add (b->zones, vtimezone);
    key = g_strdup (name);
    g_hash_table_add (b->zone_names, key);
  }
  *tzid = key;
  return zone;
}

static icalproperty *
with_tzid (icalproperty *prop, const char *tzid)
{
  if (tzid != NULL)
    icalproperty_add_parameter (prop, icalparameter_new_tzid (tzid));
  return prop;
}

static struct icaltimetype
ics_time (gint64 unix_time, icaltimezone *zone)
{
  icaltimezone *utc = icaltimezone_get_utc_timezone ();
  struct icaltimetype t = icaltime_from_timet_with_zone ((time_t) unix_time, 0, zone ? zone : utc);

  /* libical 3.0 converts the fields to the zone but leaves the time marked
   * as UTC, which would print a "Z" after a TZID */
  t.zone = zone ? zone : utc;
  return t;
}

static icalcomponent *
ics_event (IcsBuilder *b, const char *uid, gint64 start, gint64 end, GTimeZone *tz)
{
  icalcomponent *event = icalcomponent_new_vevent ();
  gint64 stamp = g_date_time_to_unix (b->input->now);
  const char *tzid;
  icaltimezone *zone = ics_zone (b, tz, &tzid);

  icalcomponent_add_property (event, icalproperty_new_uid (uid));
  icalcomponent_add_property (event, icalproperty_new_dtstamp (ics_time (stamp, NULL)));
  icalcomponent_add_property (event,
                              with_tzid (icalproperty_new_dtstart (ics_time (start, zone)), tzid));
  icalcomponent_add_property (event,
                              with_tzid (icalproperty_new_dtend (ics_time (end, zone)), tzid));
  return event;
}

static void
ics_add_alarm (icalcomponent *event, const char *summary)
{
  icalcomponent *alarm = icalcomponent_new_valarm ();
  struct icaltriggertype trigger;

  memset (&trigger, 0, sizeof trigger);
  trigger.time = icaltime_null_time ();
  trigger.duration = icaldurationtype_null_duration ();
  icalcomponent_add_property (alarm, icalproperty_new_action (ICAL_ACTION_DISPLAY));
  icalcomponent_add_property (alarm, icalproperty_new_trigger (trigger));
  icalcomponent_add_property (alarm, icalproperty_new_description (summary));
  icalcomponent_add_component (event, alarm);
}

/* the step's key, which the daemon keeps across re-plans and which its
 * SEQUENCE is counted for, so importing again updates an event instead of
 * adding a second one. The "@followup" marks it as ours beside other
 * producers' events in one calendar, as the interviews' UIDs are marked */
static char *
reminder_uid (const FollowupStep *r)
{
  return g_strdup_printf ("%s@followup", r->key ? r->key : r->id);
}

static char *
reminder_description (const FollowupStep *r, GVariant *record, GTimeZone *tz)
{
  g_autoptr (GVariant) contact = r->contact ? followupctl_record_find_contact (record, r->contact)
                                            : NULL;
  const char *phone = followupctl_lookup_string (contact, "phone");
  const char *email = followupctl_lookup_string (contact, "email");
  g_autofree char *hint = followupctl_step_done_hint (r);
  GString *out = g_string_new (r->reason);

  if (r->until != 0 && r->action != FOLLOWUP_ACTION_CALL) {
    g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (r->until);
    g_autoptr (GDateTime) until = g_date_time_to_timezone (utc, tz);
    g_autofree char *text = g_date_time_format (until, "%a %d %b %Y %H:%M %Z");

    g_string_append_printf (out, _ ("\nBest done by %s."), text);
  }
  if (phone != NULL)
    g_string_append_printf (out, _ ("\nPhone: %s"), phone);
  if (email != NULL)
    g_string_append_printf (out, _ ("\nEmail: %s"), email);
  g_string_append_printf (out, _ ("\nWhen done: %s"), hint);
  return g_string_free (out, FALSE);
}

/* a departed step (cancelled) is the same event once more, with a higher
 * SEQUENCE, no alarm and STATUS:CANCELLED, so a calendar that has it
 * updates it; its record may be gone */
static void
ics_add_reminder (IcsBuilder *b, const FollowupStep *r, gboolean cancelled)
{
  g_autoptr (GVariant) record = followupctl_records_find (b->input->records, r->id);
  gboolean is_call = r->action == FOLLOWUP_ACTION_CALL;
  /* the zone the daemon timed it in: the callee's for a call */
  GTimeZone *zone = r->zone ? followup_time_zone_new (r->zone, NULL) : NULL;
  g_autoptr (GTimeZone) tz = zone ? zone : followupctl_record_zone (record, b->input->local_tz);
  g_autofree char *uid = reminder_uid (r);
  g_autofree char *summary = followupctl_step_summary (r);
  g_autofree char *description = reminder_description (r, record, tz);
  gboolean window = is_call && r->until > r->due;
  gint64 end = window ? r->until : r->due + REMINDER_MINUTES * 60;
  icalcomponent *event = ics_event (b, uid, r->due, end, tz);

  icalcomponent_add_property (event, icalproperty_new_sequence ((int) MIN (r->sequence, G_MAXINT)));
  icalcomponent_add_property (event, icalproperty_new_status (cancelled ? ICAL_STATUS_CANCELLED
                                                                        : ICAL_STATUS_CONFIRMED));
  icalcomponent_add_property (event, icalproperty_new_summary (summary));
  icalcomponent_add_property (event, icalproperty_new_description (description));
  icalcomponent_add_property (event, icalproperty_new_categories ("Job search"));
  /* a calling window is time to keep free; a reminder to write is not */
  icalcomponent_add_property (event, icalproperty_new_transp (window && !cancelled
                                                                ? ICAL_TRANSP_OPAQUE
                                                                : ICAL_TRANSP_TRANSPARENT));
  if (!cancelled)
    ics_add_alarm (event, summary);
  g_ptr_array_add (b->events, event);
}

static void
ics_add_interview (IcsBuilder *b, GVariant *record)
{
  const char *id = followupctl_lookup_string (record, "id");
  const char *company = followupctl_lookup_string (record, "company");
  const char *role = followupctl_lookup_string (record, "role");
  g_autoptr (GTimeZone) tz = followupctl_record_zone (record, b->input->local_tz);
  g_autoptr (GDateTime) at = followupctl_record_time (record, record, "interviewed_at", tz);
  g_autofree char *uid = NULL;
  g_autofree char *summary = NULL;
  icalcomponent *event;
  gint64 start;

  if (id == NULL || at == NULL)
    return;
  start = g_date_time_to_unix (at);
  uid = g_strdup_printf ("%s.interview@followup", id);
  summary = role ? g_strdup_printf (_ ("Interview: %s at %s"), role, company ? company : id)
                 : g_strdup_printf (_ ("Interview at %s"), company ? company : id);
  event = ics_event (b, uid, start, start + INTERVIEW_MINUTES * 60, tz);
  icalcomponent_add_property (event, icalproperty_new_summary (summary));
  icalcomponent_add_property (event, icalproperty_new_categories ("Job search"));
  icalcomponent_add_property (event, icalproperty_new_transp (ICAL_TRANSP_TRANSPARENT));
  g_ptr_array_add (b->events, event);
}

/* hands the components over to the calendar, which frees them with itself */
static void
add_all (icalcomponent *cal, GPtrArray *components)
{
  gsize n = 0;
  g_autofree gpointer *list = g_ptr_array_steal (components, &n);

  for (gsize i = 0; i < n; i++)
    icalcomponent_add_component (cal, list[i]);
}

#define ICS_LINE_OCTETS 75

/* the longest start of text (at most max octets) that ends on a character
 * boundary: a fold never splits a UTF-8 sequence */
static gsize
fold_point (const char *text, gsize len, gsize max)
{
  gsize n = MIN (len, max);

  while (n > 0 && n < len && (text[n] & 0xC0) == 0x80)
    n--;
  return n;
}

/* one unfolded content line, folded: at most 75 octets a line, CRLF, a
 * space in front of each continuation */
static void
append_folded (GString *out, GString *line)
{
  for (gsize at = 0, max = ICS_LINE_OCTETS; at < line->len; max = ICS_LINE_OCTETS - 1) {
    gsize n = fold_point (line->str + at, line->len - at, max);

    g_string_append_printf (out, "%s%.*s\r\n", at ? " " : "", (int) n, line->str + at);
    at += n;
  }
  g_string_truncate (line, 0);
}

/* RFC 5545 3.1: CRLF after every line, none longer than 75 octets, a fold
 * being CRLF and one space. libical's lines are unfolded first (a content
 * line never holds a bare CR or LF: text values escape them), then folded
 * again */
static char *
ics_refold (const char *text)
{
  g_auto (GStrv) raw = g_strsplit (text, "\n", -1);
  GString *line = g_string_new (NULL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; raw[i] != NULL; i++) {
    const char *r = raw[i];
    gboolean continued = r[0] == ' ' || r[0] == '\t';

    if (!continued)
      append_folded (out, line);
    for (const char *c = continued ? r + 1 : r; *c != '\0'; c++) {
      if (*c != '\r')
        g_string_append_c (line, *c);
    }
  }
  append_folded (out, line);
  g_string_free (line, TRUE);
  return g_string_free (out, FALSE);
}

static char *
ics_finish (IcsBuilder *b)
{
  icalcomponent *cal = icalcomponent_new_vcalendar ();
  char *text, *copy;

  icalcomponent_add_property (cal, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (cal, icalproperty_new_prodid (PRODID));
  icalcomponent_add_property (cal, icalproperty_new_calscale ("GREGORIAN"));
  /* zones first: a reader may resolve a TZID as soon as it meets it */
  add_all (cal, b->zones);
  add_all (cal, b->events);
  text = icalcomponent_as_ical_string_r (cal);
  copy = ics_refold (text);
  icalmemory_free_buffer (text);
  icalcomponent_free (cal);
  return copy;
}

char *
followupctl_export_ics (const FollowupctlExportInput *input, GError **error)
{
  IcsBuilder b = { input, NULL, NULL, NULL };
  gsize n = g_variant_n_children (input->records);
  char *text;

  b.zone_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  b.zones = g_ptr_array_new_with_free_func ((GDestroyNotify) icalcomponent_free);
  b.events = g_ptr_array_new_with_free_func ((GDestroyNotify) icalcomponent_free);
  for (gsize i = 0; i < n; i++) {
    g_autoptr (GVariant) record = g_variant_get_child_value (input->records, i);

    ics_add_interview (&b, record);
  }
  for (guint i = 0; i < input->reminders->len; i++)
    ics_add_reminder (&b, input->reminders->pdata[i], FALSE);
  for (guint i = 0; input->departed != NULL && i < input->departed->len; i++)
    ics_add_reminder (&b, input->departed->pdata[i], TRUE);
  text = ics_finish (&b);
  g_hash_table_unref (b.zone_names);
  g_ptr_array_unref (b.zones);
  g_ptr_array_unref (b.events);
  icaltimezone_free_builtin_timezones ();
  if (text == NULL || *text == '\0') {
    g_free (text);
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_FAILED,
                 _ ("libical could not write the calendar: %s"), icalerror_strerror (icalerrno));
    return NULL;
  }
  return text;
}

/* RFC 4180: a field with a comma, quote or line break is quoted, and its
 * quotes doubled */
static void
csv_field (GString *out, const char *text, gboolean last)
{
  if (text == NULL)
    text = "";
  if (strpbrk (text, ",\"\r\n") != NULL || g_ascii_isspace (text[0])) {
    g_string_append_c (out, '"');
    for (const char *p = text; *p; p++) {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
    g_string_append_c (out, '"');
  } else {
    g_string_append (out, text);
  }
  g_string_append (out, last ? "\r\n" : ",");
}

static char *
csv_contacts (GVariant *record)
{
  g_autoptr (GVariant) contacts =
    g_variant_lookup_value (record, "contacts", G_VARIANT_TYPE ("aa{sv}"));
  GString *out = g_string_new (NULL);
  gsize n = contacts ? g_variant_n_children (contacts) : 0;

  for (gsize i = 0; i < n; i++) {
    g_autoptr (GVariant) c = g_variant_get_child_value (contacts, i);
    const char *name = followupctl_lookup_string (c, "name");
    const char *email = followupctl_lookup_string (c, "email");
    const char *phone = followupctl_lookup_string (c, "phone");

    if (out->len > 0)
      g_string_append (out, "; ");
    g_string_append (out, name ? name : "?");
    if (email != NULL)
      g_string_append_printf (out, " <%s>", email);
    if (phone != NULL)
      g_string_append_printf (out, " %s", phone);
  }
  return g_string_free (out, FALSE);
}

/* "Ann Lee, Bo Kim": a list of names from the record's "with" */
static void
append_names (GString *out, GVariant *dict, const char *key)
{
  g_autoptr (GVariant) names = g_variant_lookup_value (dict, key, G_VARIANT_TYPE_STRING_ARRAY);
  g_autofree const char **list = names ? g_variant_get_strv (names, NULL) : NULL;

  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    g_string_append_printf (out, "%s%s", i ? ", " : "", list[i]);
}

/* the details of an event or a round, in brackets after it: who, how it
 * went, a new timeline; nothing when there are none */
static void
append_details (GString *out, GVariant *dict)
{
  const char *contact = followupctl_lookup_string (dict, "contact");
  const char *outcome = followupctl_lookup_string (dict, "outcome");
  const char *by = followupctl_lookup_string (dict, "decision_by");
  g_autoptr (GString) details = g_string_new (contact);
  gint64 days;

  append_names (details, dict, "with");
  if (outcome != NULL)
    g_string_append_printf (details, "%s%s", details->len ? ", " : "", outcome);
  if (followupctl_lookup_int (dict, "decision_in_days", &days))
    g_string_append_printf (details, "%sdecision_in_days=%" G_GINT64_FORMAT,
                            details->len ? "; " : "", days);
  if (by != NULL)
    g_string_append_printf (details, "%sdecision_by=%s", details->len ? "; " : "", by);
  if (details->len > 0)
    g_string_append_printf (out, " (%s)", details->str);
}

/* one cell for a list of the record's: "AT [TYPE] (DETAILS)", joined by "; " */
static char *
csv_list (GVariant *record, const char *key)
{
  g_autoptr (GVariant) items = g_variant_lookup_value (record, key, G_VARIANT_TYPE ("aa{sv}"));
  GString *out = g_string_new (NULL);
  gsize n = items ? g_variant_n_children (items) : 0;

  for (gsize i = 0; i < n; i++) {
    g_autoptr (GVariant) item = g_variant_get_child_value (items, i);
    const char *at = followupctl_lookup_string (item, "at");
    const char *type = followupctl_lookup_string (item, "type");

    if (out->len > 0)
      g_string_append (out, "; ");
    g_string_append (out, at ? at : "?");
    if (type != NULL)
      g_string_append_printf (out, " %s", type);
    append_details (out, item);
  }
  return g_string_free (out, FALSE);
}

static char *
format_unix (gint64 unix_time, GTimeZone *tz)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, tz);

  return followup_format_iso (local);
}

static void
csv_record (GString *out, GVariant *record, const FollowupctlExportInput *input)
{
  const char *id = followupctl_lookup_string (record, "id");
  g_autoptr (GPtrArray) mine = followupctl_steps_for (input->reminders, id);
  FollowupStep *next = mine->len > 0 ? mine->pdata[0] : NULL;
  g_autofree char *contacts = csv_contacts (record);
  g_autofree char *events = csv_list (record, "events");
  g_autofree char *rounds = csv_list (record, "rounds");
  const char *zone = followupctl_lookup_string (record, "timezone");
  const char *status = followupctl_lookup_string (record, "status");
  g_autofree char *next_due = next ? format_unix (next->due, input->local_tz) : NULL;
  g_autofree char *days = NULL;
  gint64 n;

  if (followupctl_lookup_int (record, "decision_in_days", &n))
    days = g_strdup_printf ("%" G_GINT64_FORMAT, n);
  csv_field (out, id, FALSE);
  csv_field (out, followupctl_lookup_string (record, "company"), FALSE);
  csv_field (out, followupctl_lookup_string (record, "role"), FALSE);
  csv_field (out, followupctl_lookup_string (record, "interviewed_at"), FALSE);
  /* the values in force where the file leaves the defaults: a spreadsheet
   * has no way to know them */
  csv_field (out, zone ? zone : g_time_zone_get_identifier (input->local_tz), FALSE);
  csv_field (out, status ? status : followup_status_to_string (FOLLOWUP_STATUS_WAITING), FALSE);
  csv_field (out, days, FALSE);
  csv_field (out, followupctl_lookup_string (record, "decision_by"), FALSE);
  csv_field (out, contacts, FALSE);
  csv_field (out, events, FALSE);
  csv_field (out, followupctl_lookup_string (record, "notes"), FALSE);
  csv_field (out, next ? followup_action_to_string (next->action) : NULL, FALSE);
  csv_field (out, next_due, FALSE);
  csv_field (out, rounds, TRUE);
}

char *
followupctl_export_csv (const FollowupctlExportInput *input)
{
  GString *out = g_string_new ("id,company,role,interviewed_at,timezone,status,decision_in_days,"
                               "decision_by,contacts,events,notes,next_action,next_due,"
                               /* last: a reader that counts columns keeps working */
                               "rounds\r\n");
  gsize n = g_variant_n_children (input->records);

  for (gsize i = 0; i < n; i++) {
    g_autoptr (GVariant) record = g_variant_get_child_value (input->records, i);

    csv_record (out, record, input);
  }
  return g_string_free (out, FALSE);
}

char *
followupctl_export_json (const FollowupctlExportInput *input)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "records");
  json_builder_add_value (b, followupctl_records_to_json (input->records, input->local_tz));
  json_builder_set_member_name (b, "reminders");
  json_builder_begin_array (b);
  for (guint i = 0; i < input->reminders->len; i++) {
    json_builder_add_value (b, followup_step_to_json (input->reminders->pdata[i], input->local_tz));
  }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return followupctl_json_to_string (root);
}

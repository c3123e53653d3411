/* test-client-export.c: the client's pure parts, without a bus: drafts from
 * templates, iCalendar/CSV/JSON export, tables and relative times */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libical/ical.h>

#include "followup-draft.h"
#include "followup-error.h"
#include "followupctl-export.h"
#include "followupctl-output.h"
#include "followupctl-record.h"

/* Fri 20 Nov 2026 14:00 in New York is 19:00 UTC */
#define INTERVIEW_UTC G_GINT64_CONSTANT (1795201200)
#define HOUR 3600
#define DAY 86400

typedef struct {
  GVariant *records;
  GPtrArray *reminders;
  GTimeZone *local_tz;
  GDateTime *now;
} Fixture;

static const char records_text[] =
  "[{'id': <'acme-analyst'>, 'company': <'Acme, \"Corp\"'>, 'role': <'Data Analyst'>,"
  "  'interviewed_at': <'2026-11-20 14:00'>, 'timezone': <'America/New_York'>,"
  "  'contacts': <[{'name': <'Jane Doe'>, 'email': <'jane@acme.example'>,"
  "                 'phone': <'+1 555 0100'>},"
  "                {'name': <'Raj Patel'>, 'timezone': <'Asia/Kolkata'>}]>,"
  "  'decision_in_days': <int32 7>, 'status': <'waiting'>,"
  "  'events': <[{'type': <'thank-you'>, 'at': <'2026-11-20 18:30'>, 'contact': <'Jane Doe'>}]>,"
  "  'notes': <'Asked about\\nthe reporting stack.'>},"
  " {'id': <'globex'>, 'company': <'Globex'>, 'interviewed_at': <'2026-11-19 09:30'>,"
  "  'rounds': <[{'at': <'2026-11-27 10:00'>, 'with': <['Ann Lee', 'Bo Kim']>,"
  "               'decision_in_days': <int32 5>}]>}]";

/* as the daemon sends them: with the company, the zone the step is timed
 * in and the key it keeps across re-plans */
static FollowupStep *
add_reminder (GPtrArray *reminders, const char *id, const char *company, const char *zone,
              const char *action, const char *contact, gint64 due, gint64 until)
{
  FollowupStep *r = g_new0 (FollowupStep, 1);

  r->id = g_strdup (id);
  r->company = g_strdup (company);
  r->zone = g_strdup (zone);
  g_assert_true (followup_action_from_string (action, &r->action));
  r->contact = g_strdup (contact);
  r->due = due;
  r->until = until;
  r->reason = g_strdup_printf ("Because %s is due.", action);
  r->key = g_strdup_printf ("%s/%s/%s/%" G_GINT64_FORMAT "/0", id, action, contact ? contact : "",
                            INTERVIEW_UTC);
  g_ptr_array_add (reminders, r);
  return r;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->records = g_variant_parse (G_VARIANT_TYPE ("aa{sv}"), records_text, NULL, NULL, &error);
  /* g_variant_parse () already returns a full, non-floating reference */
  g_assert_no_error (error);
  f->reminders = g_ptr_array_new_with_free_func ((GDestroyNotify) followup_step_free);
  add_reminder (f->reminders, "acme-analyst", "Acme, \"Corp\"", "America/New_York", "thank-you",
                "Jane Doe", INTERVIEW_UTC + HOUR, INTERVIEW_UTC + 24 * HOUR);
  add_reminder (f->reminders, "globex", "Globex", NULL, "follow-up-email", NULL,
                INTERVIEW_UTC + 6 * DAY, 0);
  /* a call in Raj's own zone, Kolkata: 10:00-11:00 IST is 04:30-05:30 UTC */
  add_reminder (f->reminders, "acme-analyst", "Acme, \"Corp\"", "Asia/Kolkata", "call", "Raj Patel",
                G_GINT64_CONSTANT (1796099400), G_GINT64_CONSTANT (1796103000));
  f->local_tz = g_time_zone_new_identifier ("Europe/Berlin");
  f->now = g_date_time_new (f->local_tz, 2026, 11, 20, 22, 0, 0);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_variant_unref (f->records);
  g_ptr_array_unref (f->reminders);
  g_time_zone_unref (f->local_tz);
  g_date_time_unref (f->now);
}

static FollowupctlExportInput
input_of (Fixture *f)
{
  FollowupctlExportInput input = { f->records, f->reminders, f->local_tz, f->now };

  return input;
}

static gint64
utc_of (icalproperty *prop, icalcomponent *event)
{
  struct icaltimetype t = icalproperty_get_datetime_with_component (prop, event);

  return (gint64) icaltime_as_timet_with_zone (t, t.zone ? t.zone : NULL);
}

static icalcomponent *
find_event (icalcomponent *cal, const char *uid_prefix)
{
  for (icalcomponent *e = icalcomponent_get_first_component (cal, ICAL_VEVENT_COMPONENT); e != NULL;
       e = icalcomponent_get_next_component (cal, ICAL_VEVENT_COMPONENT)) {
    if (g_str_has_prefix (icalcomponent_get_uid (e), uid_prefix))
      return e;
  }
  return NULL;
}

static void
assert_event_times (icalcomponent *cal, const char *uid_prefix, gint64 start, gint64 end,
                    const char *tzid)
{
  icalcomponent *event = find_event (cal, uid_prefix);
  icalproperty *dtstart, *dtend;
  icalparameter *param;

  g_assert_nonnull (event);
  dtstart = icalcomponent_get_first_property (event, ICAL_DTSTART_PROPERTY);
  dtend = icalcomponent_get_first_property (event, ICAL_DTEND_PROPERTY);
  g_assert_cmpint (utc_of (dtstart, event), ==, start);
  g_assert_cmpint (utc_of (dtend, event), ==, end);
  param = icalproperty_get_first_parameter (dtstart, ICAL_TZID_PARAMETER);
  if (tzid == NULL)
    g_assert_null (param);
  else
    g_assert_cmpstr (icalparameter_get_tzid (param), ==, tzid);
}

static void
test_ics_times (Fixture *f, gconstpointer data)
{
  FollowupctlExportInput input = input_of (f);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = followupctl_export_ics (&input, &error);
  icalcomponent *cal;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCALENDAR\r\n"));
  g_assert_nonnull (strstr (text, "TZID=America/New_York:20261120T150000\r\n"));
  cal = icalparser_parse_string (text);
  g_assert_nonnull (cal);
  g_assert_cmpint (icalcomponent_count_components (cal, ICAL_VTIMEZONE_COMPONENT), ==, 3);
  g_assert_cmpint (icalcomponent_count_components (cal, ICAL_VEVENT_COMPONENT), ==, 5);
  assert_event_times (cal, "acme-analyst.interview@", INTERVIEW_UTC, INTERVIEW_UTC + HOUR,
                      "America/New_York");
  assert_event_times (cal, "acme-analyst/thank-you/", INTERVIEW_UTC + HOUR,
                      INTERVIEW_UTC + HOUR + 15 * 60, "America/New_York");
  /* the call spans its window, in the contact's own zone */
  assert_event_times (cal, "acme-analyst/call/", 1796099400, 1796103000, "Asia/Kolkata");
  /* globex has no zone of its own: the user's */
  assert_event_times (cal, "globex/follow-up-email/", INTERVIEW_UTC + 6 * DAY,
                      INTERVIEW_UTC + 6 * DAY + 15 * 60, "Europe/Berlin");
  icalcomponent_free (cal);
  icaltimezone_free_builtin_timezones ();
}

/* RFC 5545 3.1 read directly: CRLF ends every line (no CR or LF alone),
 * no line is over 75 octets, a continuation starts with one space, and no
 * fold splits a UTF-8 character */
static void
assert_rfc5545_lines (const char *text)
{
  const char *start = text;

  for (const char *p = text; *p != '\0'; p++) {
    if (*p == '\r')
      g_assert_cmpint (p[1], ==, '\n');
    if (*p != '\n')
      continue;
    g_assert_true (p > text && p[-1] == '\r');
    g_assert_cmpint (p - 1 - start, <=, 75);
    g_assert_true (g_utf8_validate (start, p - 1 - start, NULL));
    start = p + 1;
  }
  g_assert_true (start == text + strlen (text));
}

/* a company name whose summary and UID pass 75 octets at every length, in
 * ASCII and with two-byte letters: libical 3.0.16 alone folded one of them
 * between the CR and the LF */
static void
test_ics_folding (Fixture *f, gconstpointer data)
{
  for (int n = 40; n < 90; n++) {
    g_autoptr (GPtrArray) reminders =
      g_ptr_array_new_with_free_func ((GDestroyNotify) followup_step_free);
    g_autoptr (GString) company = g_string_new (NULL);
    FollowupctlExportInput input = input_of (f);
    g_autofree char *text = NULL;
    icalcomponent *cal, *ev;

    for (int i = 0; i < n; i++)
      g_string_append (company, i % 7 == 3 ? "\xc3\xbc" : "a");
    add_reminder (reminders, "acme-analyst", company->str, "America/New_York", "thank-you",
                  "Jane Doe", INTERVIEW_UTC + HOUR, INTERVIEW_UTC + 24 * HOUR);
    input.reminders = reminders;
    text = followupctl_export_ics (&input, NULL);
    assert_rfc5545_lines (text);
    cal = icalparser_parse_string (text);
    g_assert_nonnull (cal);
    for (ev = icalcomponent_get_first_component (cal, ICAL_VEVENT_COMPONENT); ev != NULL;
         ev = icalcomponent_get_next_component (cal, ICAL_VEVENT_COMPONENT)) {
      if (g_str_has_prefix (icalcomponent_get_uid (ev), "acme-analyst/thank-you/"))
        break;
    }
    g_assert_nonnull (ev);
    g_assert_nonnull (strstr (icalcomponent_get_summary (ev), company->str));
    icalcomponent_free (cal);
  }
  icaltimezone_free_builtin_timezones ();
}

static int
sequence_of (icalcomponent *event)
{
  icalproperty *prop = icalcomponent_get_first_property (event, ICAL_SEQUENCE_PROPERTY);

  g_assert_nonnull (prop);
  return icalproperty_get_sequence (prop);
}

/* the UID is the step's key, the same the daemon counts its SEQUENCE for */
static void
test_ics_uid_is_the_key (Fixture *f, gconstpointer data)
{
  FollowupctlExportInput input = input_of (f);
  g_autofree char *text = NULL;
  icalcomponent *cal;

  ((FollowupStep *) f->reminders->pdata[2])->sequence = 4;
  text = followupctl_export_ics (&input, NULL);
  cal = icalparser_parse_string (text);
  for (guint i = 0; i < f->reminders->len; i++) {
    const FollowupStep *r = f->reminders->pdata[i];
    g_autofree char *uid = g_strdup_printf ("%s@followup", r->key);
    icalcomponent *event = find_event (cal, uid);

    g_assert_nonnull (event);
    g_assert_cmpstr (icalcomponent_get_uid (event), ==, uid);
    g_assert_cmpint (sequence_of (event), ==, r->sequence);
    g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_CONFIRMED);
  }
  g_assert_nonnull (strstr (text, "\r\nUID:acme-analyst/call/Raj Patel/1795201200/0@followup\r\n"));
  g_assert_nonnull (strstr (text, "\r\nSEQUENCE:4\r\n"));
  icalcomponent_free (cal);
  icaltimezone_free_builtin_timezones ();
}

/* a step that left the plan is in the calendar once more, cancelled, with
 * the sequence the daemon raised for it, and without an alarm; its record
 * may be gone */
static void
test_ics_departed_is_cancelled (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) departed =
    g_ptr_array_new_with_free_func ((GDestroyNotify) followup_step_free);
  FollowupctlExportInput input = input_of (f);
  FollowupStep *done = add_reminder (departed, "acme-analyst", "Acme, \"Corp\"", "America/New_York",
                                     "thank-you", "Raj Patel", INTERVIEW_UTC + HOUR,
                                     INTERVIEW_UTC + 24 * HOUR);
  FollowupStep *removed = add_reminder (departed, "initech", "Initech", NULL, "follow-up-email",
                                        NULL, INTERVIEW_UTC + 5 * DAY, 0);
  g_autofree char *text = NULL;
  icalcomponent *cal, *event;

  done->sequence = 2;
  done->left = INTERVIEW_UTC + 2 * HOUR;
  removed->sequence = 1;
  input.departed = departed;
  text = followupctl_export_ics (&input, NULL);
  assert_rfc5545_lines (text);
  cal = icalparser_parse_string (text);
  g_assert_cmpint (icalcomponent_count_components (cal, ICAL_VEVENT_COMPONENT), ==, 7);
  event = find_event (cal, "acme-analyst/thank-you/Raj Patel/");
  g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_CANCELLED);
  g_assert_cmpint (sequence_of (event), ==, 2);
  g_assert_null (icalcomponent_get_first_component (event, ICAL_VALARM_COMPONENT));
  g_assert_cmpstr (icalcomponent_get_summary (event), ==,
                   "Send a thank-you note to Raj Patel at Acme, \"Corp\"");
  assert_event_times (cal, "acme-analyst/thank-you/Raj Patel/", INTERVIEW_UTC + HOUR,
                      INTERVIEW_UTC + HOUR + 15 * 60, "America/New_York");
  /* the record is gone: the user's zone */
  event = find_event (cal, "initech/follow-up-email/");
  g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_CANCELLED);
  g_assert_cmpint (sequence_of (event), ==, 1);
  assert_event_times (cal, "initech/follow-up-email/", INTERVIEW_UTC + 5 * DAY,
                      INTERVIEW_UTC + 5 * DAY + 15 * 60, "Europe/Berlin");
  icalcomponent_free (cal);
  icaltimezone_free_builtin_timezones ();
}

static void
test_ics_alarms (Fixture *f, gconstpointer data)
{
  FollowupctlExportInput input = input_of (f);
  g_autofree char *text = followupctl_export_ics (&input, NULL);
  icalcomponent *cal = icalparser_parse_string (text);
  icalcomponent *call = find_event (cal, "acme-analyst/call/");
  icalcomponent *interview = find_event (cal, "acme-analyst.interview@");
  icalcomponent *alarm = icalcomponent_get_first_component (call, ICAL_VALARM_COMPONENT);

  g_assert_nonnull (alarm);
  g_assert_cmpint (icalproperty_get_action (
                     icalcomponent_get_first_property (alarm, ICAL_ACTION_PROPERTY)),
                   ==, ICAL_ACTION_DISPLAY);
  g_assert_cmpstr (icalcomponent_get_summary (call), ==, "Call Raj Patel at Acme, \"Corp\"");
  g_assert_nonnull (strstr (icalcomponent_get_description (call), "followupctl called"));
  /* the interview itself is in the calendar, without an alarm */
  g_assert_null (icalcomponent_get_first_component (interview, ICAL_VALARM_COMPONENT));
  icalcomponent_free (cal);
  icaltimezone_free_builtin_timezones ();
}

/* a zone without an IANA name cannot get a VTIMEZONE: exact UTC times */
static void
test_ics_utc_fallback (Fixture *f, gconstpointer data)
{
  g_autoptr (GTimeZone) offset = g_time_zone_new_offset (2 * HOUR);
  FollowupctlExportInput input = { f->records, f->reminders, offset, f->now };
  g_autofree char *text = followupctl_export_ics (&input, NULL);
  icalcomponent *cal = icalparser_parse_string (text);

  assert_event_times (cal, "globex/follow-up-email/", INTERVIEW_UTC + 6 * DAY,
                      INTERVIEW_UTC + 6 * DAY + 15 * 60, NULL);
  g_assert_cmpint (icalcomponent_count_components (cal, ICAL_VTIMEZONE_COMPONENT), ==, 2);
  icalcomponent_free (cal);
  icaltimezone_free_builtin_timezones ();
}

static void
test_csv_quoting (Fixture *f, gconstpointer data)
{
  FollowupctlExportInput input = input_of (f);
  g_autofree char *text = followupctl_export_csv (&input);
  g_auto (GStrv) lines = g_strsplit (text, "\r\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 4); /* header, 2 records, "" after the last */
  g_assert_true (g_str_has_prefix (lines[0], "id,company,role,interviewed_at,"));
  g_assert_true (g_str_has_suffix (lines[0], ",next_action,next_due,rounds"));
  g_assert_cmpstr (lines[1], ==,
                   "acme-analyst,\"Acme, \"\"Corp\"\"\",Data Analyst,2026-11-20 14:00,"
                   "America/New_York,waiting,7,,Jane Doe <jane@acme.example> +1 555 0100; "
                   "Raj Patel,2026-11-20 18:30 thank-you (Jane Doe),"
                   "\"Asked about\nthe reporting stack.\",thank-you,2026-11-20T21:00:00+01:00,");
  /* a record that leaves status and zone to their defaults shows the
   * values in force: waiting, and the user's zone */
  g_assert_cmpstr (lines[2], ==,
                   "globex,Globex,,2026-11-19 09:30,Europe/Berlin,waiting,,,,,,follow-up-email,"
                   "2026-11-26T20:00:00+01:00,"
                   "\"2026-11-27 10:00 (Ann Lee, Bo Kim; decision_in_days=5)\"");
  g_assert_cmpstr (lines[3], ==, "");
}

/* the "at" of a record's first event or round */
static const char *
first_at (JsonObject *record, const char *list)
{
  JsonArray *items = json_object_get_array_member (record, list);

  return json_object_get_string_member (json_array_get_object_element (items, 0), "at");
}

static void
test_json (Fixture *f, gconstpointer data)
{
  FollowupctlExportInput input = input_of (f);
  g_autofree char *text = followupctl_export_json (&input);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *root, *reminder, *acme, *globex;
  JsonArray *records;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  records = json_object_get_array_member (root, "records");
  g_assert_cmpuint (json_array_get_length (records), ==, 2);
  acme = json_array_get_object_element (records, 0);
  globex = json_array_get_object_element (records, 1);
  g_assert_cmpint (json_object_get_int_member (acme, "decision_in_days"), ==, 7);
  /* every time with its offset, as the reminders' are: the record's own
   * zone, the user's for a record without one */
  g_assert_cmpstr (json_object_get_string_member (acme, "interviewed_at"), ==,
                   "2026-11-20T14:00:00-05:00");
  g_assert_cmpstr (first_at (acme, "events"), ==, "2026-11-20T18:30:00-05:00");
  g_assert_cmpstr (json_object_get_string_member (globex, "interviewed_at"), ==,
                   "2026-11-19T09:30:00+01:00");
  g_assert_cmpstr (first_at (globex, "rounds"), ==, "2026-11-27T10:00:00+01:00");
  reminder = json_array_get_object_element (json_object_get_array_member (root, "reminders"), 1);
  g_assert_cmpstr (json_object_get_string_member (reminder, "company"), ==, "Globex");
  g_assert_true (json_object_get_null_member (reminder, "contact"));
  g_assert_true (json_object_get_null_member (reminder, "until"));
  g_assert_cmpstr (json_object_get_string_member (reminder, "due"), ==,
                   "2026-11-26T20:00:00+01:00");
}

static GVariant *
first_record (Fixture *f)
{
  return g_variant_get_child_value (f->records, 0);
}

static FollowupDraft *
fill (Fixture *f, const char *template_text, const char *contact, GError **error)
{
  g_autoptr (GVariant) record = first_record (f);
  FollowupDraftInput input = { contact, "Sam Lee", f->local_tz, f->now };

  return followup_draft_fill (template_text, record, &input, error);
}

static void
test_draft_builtin (Fixture *f, gconstpointer data)
{
  for (int i = 0; followup_draft_kinds[i] != NULL; i++) {
    g_autoptr (GError) error = NULL;
    g_autofree char *text =
      followup_draft_load_template (followup_draft_kinds[i], NULL, NULL, &error);
    g_autoptr (FollowupDraft) draft = NULL;

    g_assert_no_error (error);
    draft = fill (f, text, NULL, &error);
    g_assert_no_error (error);
    g_assert_null (strchr (draft->subject, '{'));
    g_assert_null (strchr (draft->body, '{'));
    if (followup_draft_kind_is_spoken (followup_draft_kinds[i])) {
      /* a script: said to the person, no subject, no signature */
      g_assert_cmpstr (draft->subject, ==, "");
      g_assert_nonnull (strstr (draft->body, "Hello Jane, this is Sam Lee"));
      continue;
    }
    g_assert_cmpstr (draft->subject, !=, "");
    g_assert_nonnull (strstr (draft->body, "Dear Jane,"));
    g_assert_true (g_str_has_suffix (draft->body, "\nSam Lee\n"));
    g_assert_cmpstr (draft->to_email, ==, "jane@acme.example");
  }
}

/* the call script, to the contact given (the first without one), with
 * the user's own number and address from the file's me group */
static void
test_draft_call_scripts (Fixture *f, gconstpointer data)
{
  g_autoptr (GVariant) record = g_variant_get_child_value (f->records, 0);
  g_autoptr (GVariant) me = g_variant_ref_sink (
    g_variant_new_parsed ("{'name': <'Sam Lee'>, 'phone': <'+49 30 5550 1234'>, "
                          "'email': <'sam@example.org'>}"));
  g_autofree char *call = followup_draft_load_template ("call", NULL, NULL, NULL);
  g_autofree char *voicemail = followup_draft_load_template ("voicemail", NULL, NULL, NULL);
  FollowupDraftInput input = { NULL, "Sam Lee", f->local_tz, f->now, me, TRUE };
  g_autoptr (FollowupDraft) script = followup_draft_fill (call, record, &input, NULL);
  g_autoptr (FollowupDraft) message = followup_draft_fill (voicemail, record, &input, NULL);
  g_autofree char *text = followup_draft_to_text (script);

  g_assert_true (g_str_has_prefix (text, "Call: Jane Doe, +1 555 0100\n\nAsk for Jane Doe."));
  g_assert_nonnull (strstr (script->body, "the Data Analyst role at Acme, \"Corp\""));
  g_assert_nonnull (strstr (script->body, "when you expect to know"));
  g_assert_nonnull (strstr (script->body, "followupctl called acme-analyst reached"));
  g_assert_nonnull (strstr (message->body, "reach me at +49 30 5550 1234, or by email at "
                                           "sam@example.org"));
  g_assert_nonnull (strstr (message->body, "remain very interested"));
  /* without a me group, a bracketed reminder to fill in */
  input.me = NULL;
  g_clear_pointer (&message, followup_draft_free);
  message = followup_draft_fill (voicemail, record, &input, NULL);
  g_assert_nonnull (strstr (message->body, "reach me at [your number]"));
  /* and with no name to sign with, a slot for it: a script is said aloud */
  input.my_name = "";
  g_clear_pointer (&message, followup_draft_free);
  message = followup_draft_fill (voicemail, record, &input, NULL);
  g_assert_nonnull (strstr (message->body, "this is [your name], calling"));
}

/* the thank-you keeps a slot for something real, never a made-up detail;
 * the card is short enough to write by hand */
static void
test_draft_slots_and_card (Fixture *f, gconstpointer data)
{
  g_autofree char *thanks = followup_draft_load_template ("thank-you", NULL, NULL, NULL);
  g_autofree char *email = followup_draft_load_template ("follow-up-email", NULL, NULL, NULL);
  g_autofree char *card = followup_draft_load_template ("thank-you-card", NULL, NULL, NULL);
  g_autoptr (FollowupDraft) t = fill (f, thanks, NULL, NULL);
  g_autoptr (FollowupDraft) e = fill (f, email, NULL, NULL);
  g_autoptr (FollowupDraft) c = fill (f, card, NULL, NULL);

  g_assert_nonnull (strstr (t->body, "[one concrete thing from the conversation"));
  g_assert_nonnull (strstr (e->body, "[If Acme, \"Corp\" has been in the news since"));
  g_assert_nonnull (strstr (c->body, "Dear Jane,"));
  g_assert_nonnull (strstr (c->body, "[one thing you talked about]"));
  g_assert_cmpuint (strlen (c->body), <, 300);
}

static void
test_draft_thank_you (Fixture *f, gconstpointer data)
{
  g_autofree char *text = followup_draft_load_template ("thank-you", NULL, NULL, NULL);
  g_autoptr (FollowupDraft) draft = fill (f, text, "Raj Patel", NULL);

  g_assert_cmpstr (draft->subject, ==,
                   "Thank you for our conversation about the Data Analyst role");
  /* 22:00 in Berlin is still the interview's day in New York */
  g_assert_nonnull (strstr (draft->body, "meeting with me today to talk about the Data Analyst "
                                         "role at Acme, \"Corp\"."));
  g_assert_cmpstr (draft->to_name, ==, "Raj Patel");
  g_assert_null (draft->to_email);
}

static void
test_draft_override (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("followupctl-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "keep-in-touch.txt", NULL);
  g_autofree char *text = NULL;
  g_autoptr (FollowupDraft) draft = NULL;

  g_assert_no_error (error);
  g_file_set_contents (path,
                       "# mine\nSubject: Hello {company}\n\n\nHi {interviewer}, {unknown} "
                       "{date}.\n\n\n",
                       -1, &error);
  g_assert_no_error (error);
  text = followup_draft_load_template ("keep-in-touch", NULL, dir, &error);
  g_assert_no_error (error);
  draft = fill (f, text, NULL, &error);
  g_assert_cmpstr (draft->subject, ==, "Hello Acme, \"Corp\"");
  g_assert_cmpstr (draft->body, ==, "Hi Jane Doe, {unknown} Friday, 20 November.\n");
  /* a file that is not UTF-8 is an error, not a silent fall back */
  g_file_set_contents (path, "Subject: \xff\n", -1, &error);
  g_clear_pointer (&text, g_free);
  text = followup_draft_load_template ("keep-in-touch", NULL, dir, &error);
  g_assert_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID);
  g_assert_null (text);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_draft_contact (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FollowupDraft) draft = fill (f, "Dear {interviewer}", "Nobody", &error);
  g_autoptr (GVariant) globex = g_variant_get_child_value (f->records, 1);
  FollowupDraftInput input = { NULL, "", f->local_tz, f->now };
  g_autoptr (FollowupDraft) team = NULL;

  g_assert_null (draft);
  g_assert_nonnull (strstr (error->message, "Nobody"));
  team = followup_draft_fill ("Subject: x\n\nDear {interviewer}, about {position}.\n\n"
                              "{my_name}\n",
                              globex, &input, NULL);
  g_assert_cmpstr (team->body, ==, "Dear Hiring Team, about the role.\n");
  /* no name known: a slot to fill in rather than no signature */
  input.my_name = NULL;
  g_clear_pointer (&team, followup_draft_free);
  team =
    followup_draft_fill ("Subject: x\n\nDear {interviewer}.\n\n{my_name}\n", globex, &input, NULL);
  g_assert_cmpstr (team->body, ==, "Dear Hiring Team.\n\n[your name]\n");
}

/* a greeting uses the name a person would: the given name, or with a
 * title, the title and the family name */
static void
test_draft_greeting_name (void)
{
  static const struct {
    const char *full, *greeting;
  } names[] = {
    { "Jane Doe", "Jane" },
    { "  Jane   Doe ", "Jane" },
    { "Hans-Jürgen Müller", "Hans-Jürgen" },
    { "Dr. Hans-Jürgen Müller", "Dr. Müller" },
    { "Prof. Dr. Anna Schmidt", "Prof. Dr. Schmidt" },
    { "Ms Jane Doe", "Ms Doe" },
    { "Mx. Sam Park", "Mx. Park" },
    { "mrs. Ann Lee", "mrs. Lee" },
    { "Dr. Ludwig van Beethoven", "Dr. van Beethoven" },
    { "Mr. John Smith Jr.", "Mr. Smith" },
    { "Jane Doe, PhD", "Jane" },
    { "Drew Barrymore", "Drew" },
    { "Madonna", "Madonna" },
    { "Dr. Who", "Dr. Who" },
    { "Dr.", "Dr." },
    { "J. Doe", "J. Doe" },
    { "", "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++) {
    g_autofree char *greeting = followup_draft_greeting_name (names[i].full);

    g_assert_cmpstr (greeting, ==, names[i].greeting);
  }
}

/* the signature is a name the user goes by, or nothing known (a slot) */
static void
test_draft_signature (void)
{
  g_autoptr (GVariant) me = g_variant_ref_sink (g_variant_new_parsed ("{'name': <'Sam Lee'>}"));
  static const struct {
    const char *from, *real, *login, *signature;
  } accounts[] = {
    { NULL, "Sam Lee", "sam", "Sam Lee" },
    { "S.", "Sam Lee", "sam", "S." },
    { NULL, "root", "root", NULL },
    /* glib reads "&" in the GECOS field as the capitalised login */
    { NULL, "Root", "root", NULL },
    { NULL, "Unknown", "sam", NULL },
    { NULL, "", "sam", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (accounts); i++)
    g_assert_cmpstr (followup_draft_signature (accounts[i].from, NULL, accounts[i].real,
                                               accounts[i].login),
                     ==, accounts[i].signature);
  /* the file's me group comes before the account */
  g_assert_cmpstr (followup_draft_signature (NULL, me, "root", "root"), ==, "Sam Lee");
  g_assert_cmpstr (followup_draft_signature ("S.", me, "root", "root"), ==, "S.");
}

static void
test_table (void)
{
  g_autoptr (FollowupTable) table = followup_table_new ("A", "B", "C", NULL);
  g_autofree char *text = NULL;
  g_autofree char *clean = followup_clean_text ("bad\033[31m\ttext", FALSE);

  followup_table_add_row (table, NULL, "日本", "x", "last", NULL);
  followup_table_add_row (table, FOLLOWUP_STYLE_RED, "abcdef",
                          "0123456789012345678901234567890123456789XYZ", "", NULL);
  text = followup_table_render (table, FALSE);
  g_assert_cmpstr (text, ==,
                   "A       B                                         C\n"
                   "日本    x                                         last\n"
                   "abcdef  012345678901234567890123456789012345678…\n");
  g_assert_cmpstr (clean, ==, "bad?[31m text");
  g_assert_cmpint (followup_text_width ("日本x"), ==, 5);
}

static void
test_hint (Fixture *f, gconstpointer data)
{
  gint64 now = g_date_time_to_unix (f->now);
  FollowupStep ahead = { .id = "a", .action = FOLLOWUP_ACTION_CALL, .due = now + 3 * DAY };
  FollowupStep inside = {
    .id = "a", .action = FOLLOWUP_ACTION_CALL, .due = now - HOUR, .until = now + HOUR
  };
  FollowupStep tomorrow = {
    .id = "a", .action = FOLLOWUP_ACTION_CALL, .due = now - HOUR, .until = now + 2 * HOUR
  };
  FollowupStep late = {
    .id = "a", .action = FOLLOWUP_ACTION_THANK_YOU, .due = now - 5 * HOUR, .until = now - 2 * HOUR
  };
  FollowupStep open = { .id = "a", .action = FOLLOWUP_ACTION_MOVE_ON, .due = now - 30 * 60 };
  g_autofree char *a = followupctl_format_hint (&ahead, f->now);
  g_autofree char *b = followupctl_format_hint (&inside, f->now);
  g_autofree char *c = followupctl_format_hint (&late, f->now);
  g_autofree char *d = followupctl_format_hint (&open, f->now);
  g_autofree char *e = followupctl_format_hint (&tomorrow, f->now);

  g_assert_cmpstr (a, ==, "in 3 days");
  g_assert_cmpstr (b, ==, "now, until 23:00");
  g_assert_cmpstr (e, ==, "now, until Sat 21 Nov 00:00");
  g_assert_cmpstr (c, ==, "overdue 2 h");
  g_assert_cmpstr (d, ==, "overdue 30 min");
  g_assert_null (followupctl_reminder_style (&ahead, f->now));
  g_assert_cmpstr (followupctl_reminder_style (&late, f->now), ==, FOLLOWUP_STYLE_RED);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/client/export/ics/times", test_ics_times);
  ADD ("/client/export/ics/alarms", test_ics_alarms);
  ADD ("/client/export/ics/folding", test_ics_folding);
  ADD ("/client/export/ics/utc-fallback", test_ics_utc_fallback);
  ADD ("/client/export/ics/uid-is-the-key", test_ics_uid_is_the_key);
  ADD ("/client/export/ics/departed-is-cancelled", test_ics_departed_is_cancelled);
  ADD ("/client/export/csv/quoting", test_csv_quoting);
  ADD ("/client/export/json", test_json);
  ADD ("/client/draft/builtin", test_draft_builtin);
  ADD ("/client/draft/call-scripts", test_draft_call_scripts);
  ADD ("/client/draft/slots-and-card", test_draft_slots_and_card);
  ADD ("/client/draft/thank-you", test_draft_thank_you);
  ADD ("/client/draft/override", test_draft_override);
  ADD ("/client/draft/contact", test_draft_contact);
  ADD ("/client/output/hint", test_hint);
#undef ADD
  g_test_add_func ("/client/output/table", test_table);
  g_test_add_func ("/client/draft/greeting-name", test_draft_greeting_name);
  g_test_add_func ("/client/draft/signature", test_draft_signature);
  return g_test_run ();
}

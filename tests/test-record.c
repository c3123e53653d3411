/* test-record.c: the one validator for records and policy, beyond the
 * missing/garbled values tests/test-engine.c already covers: unknown keys,
 * wrong types, oversized and control text, cross-field rules; and the id and
 * a{sv} helpers the store and the bus build records with */
#include "config.h"

#include <string.h>
#include <time.h>

#include "followup-error.h"
#include "followup-record-set.h"
#include "followup-variant.h"
#include "followup-time.h"

typedef struct {
  const char *path;
  gboolean is_policy;  /* the text is a policy, not a record */
  const char *text;    /* GVariant text of the a{sv} */
  const char *bad_key; /* what the validator must name */
  const char *words;   /* a piece of the message that tells the person why */
} RejectCase;

typedef struct {
  const char *path;
  const char *key;     /* a record key, or "contact:KEY" / "event:KEY" */
  gsize length;        /* bytes of 'x' */
  const char *bad_key; /* NULL when it must be accepted */
} LengthCase;

typedef struct {
  const char *path;
  const char *key; /* as in LengthCase */
  const char *text;
  const char *bad_key; /* NULL when it must be accepted */
} TextCase;

typedef struct {
  const char *path;
  const char *company;
  const char *role;
  const char *expected;
} IdCase;

/* assertions are not fatal (see main), so stop before using what is missing */
#define REQUIRE(x)        \
  G_STMT_START            \
  {                       \
    g_assert_nonnull (x); \
    if ((x) == NULL)      \
      return;             \
  }                       \
  G_STMT_END

#define BASE                                                                           \
  "'id': <'acme'>, 'company': <'Acme Corp'>, 'interviewed_at': <'2026-11-20 14:00'>, " \
  "'timezone': <'America/New_York'>"
#define JANE "{'name': <'Jane Doe'>, 'phone': <'+1 555 0100'>}"
#define BOB "{'name': <'Bob Roe'>, 'email': <'bob@acme.example'>}"

static const RejectCase reject_cases[] = {
  /* unknown keys, at every level, named with their path */
  { "/record/unknown-key/record", FALSE, "{" BASE ", 'salary': <100000>}", "salary",
    "unknown key" },
  { "/record/unknown-key/record-typo", FALSE,
    "{'id': <'acme'>, 'company': <'Acme Corp'>, 'interviewed-at': <'2026-11-20 14:00'>}",
    "interviewed-at", "interviewed_at" },
  { "/record/unknown-key/contact", FALSE,
    "{" BASE ", 'contacts': <[{'name': <'Jane Doe'>, 'linkedin': <'jdoe'>}]>}",
    "contacts.1.linkedin", "unknown key" },
  { "/record/unknown-key/second-contact", FALSE,
    "{" BASE ", 'contacts': <[" JANE ", {'name': <'Bob Roe'>, 'mobile': <'+1 555 0199'>}]>}",
    "contacts.2.mobile", "unknown key" },
  { "/record/unknown-key/event", FALSE,
    "{" BASE ", 'events': <[{'type': <'thank-you'>, 'at': <'2026-11-20 18:00'>, "
    "'mood': <'hopeful'>}]>}",
    "events.1.mood", "unknown key" },
  { "/record/unknown-key/policy", TRUE, "{'max_calls': <2>, 'lunch_break': <'12:00-13:00'>}",
    "lunch_break", "unknown key" },

  /* wrong types */
  { "/record/type/role-int", FALSE, "{" BASE ", 'role': <7>}", "role", "string" },
  { "/record/type/company-list", FALSE,
    "{'id': <'acme'>, 'company': <['Acme', 'Corp']>, 'interviewed_at': <'2026-11-20 14:00'>}",
    "company", "string" },
  { "/record/type/decision-in-days-string", FALSE, "{" BASE ", 'decision_in_days': <'7'>}",
    "decision_in_days", "whole number" },
  { "/record/type/decision-in-days-float", FALSE, "{" BASE ", 'decision_in_days': <7.5>}",
    "decision_in_days", "whole number" },
  { "/record/type/status-bool", FALSE, "{" BASE ", 'status': <true>}", "status", "string" },
  { "/record/type/contacts-string", FALSE, "{" BASE ", 'contacts': <'Jane Doe'>}", "contacts",
    "list" },
  { "/record/type/contacts-string-list", FALSE, "{" BASE ", 'contacts': <['Jane Doe']>}",
    "contacts", "list" },
  { "/record/type/contacts-one-group", FALSE, "{" BASE ", 'contacts': <{'name': <'Jane Doe'>}>}",
    "contacts", "list" },
  { "/record/type/events-group", FALSE,
    "{" BASE ", 'events': <{'type': <'email'>, 'at': <'2026-11-27 10:00'>}>}", "events", "list" },
  { "/record/type/contact-name-int", FALSE, "{" BASE ", 'contacts': <[{'name': <42>}]>}",
    "contacts.1.name", "string" },
  { "/record/type/event-at-unix-time", FALSE,
    "{" BASE ", 'events': <[{'type': <'email'>, 'at': <int64 1795000000>}]>}", "events.1.at",
    "string" },
  { "/record/type/policy-max-calls-string", TRUE, "{'max_calls': <'2'>}", "max_calls",
    "whole number" },
  { "/record/type/policy-windows-string", TRUE, "{'call_windows': <'10:00-11:00'>}", "call_windows",
    "list" },
  { "/record/type/policy-quiet-hours-list", TRUE, "{'quiet_hours': <['21:00-08:00']>}",
    "quiet_hours", "string" },

  /* cross-field rules */
  { "/record/contacts/duplicate-name", FALSE,
    "{" BASE ", 'contacts': <[" JANE ", " BOB ", {'name': <'Jane Doe'>}]>}", "contacts.3",
    "“Jane Doe” is listed twice" },
  { "/record/contacts/bad-prefers", FALSE,
    "{" BASE ", 'contacts': <[{'name': <'Jane Doe'>, 'prefers': <'fax'>}]>}", "contacts.1.prefers",
    "fax" },
  /* a language the client makes a folder name of */
  { "/record/language/one-letter", FALSE, "{" BASE ", 'language': <'d'>}", "language",
    "not a language" },
  { "/record/language/path", FALSE, "{" BASE ", 'language': <'../de'>}", "language",
    "not a language" },
  { "/record/language/charset", FALSE, "{" BASE ", 'language': <'de_DE.UTF-8'>}", "language",
    "not a language" },
  { "/record/language/trailing-dash", FALSE, "{" BASE ", 'language': <'de-'>}", "language",
    "not a language" },
  { "/record/language/int", FALSE, "{" BASE ", 'language': <49>}", "language", "string" },
  { "/record/contacts/empty-name", FALSE, "{" BASE ", 'contacts': <[{'name': <''>}]>}",
    "contacts.1.name", "empty" },
  { "/record/contacts/no-name", FALSE,
    "{" BASE ", 'contacts': <[{'email': <'jane@acme.example'>}]>}", "contacts.1.name", "required" },
  { "/record/events/thank-you-unknown-contact", FALSE,
    "{" BASE ", 'contacts': <[" JANE "]>, 'events': <[{'type': <'thank-you'>, "
    "'at': <'2026-11-20 18:00'>, 'contact': <'John Smith'>}]>}",
    "events.1.contact", "John Smith" },
  { "/record/events/thank-you-contact-without-contacts", FALSE,
    "{" BASE ", 'events': <[{'type': <'thank-you'>, 'at': <'2026-11-20 18:00'>, "
    "'contact': <'Jane Doe'>}]>}",
    "events.1.contact", "Jane Doe" },
  { "/record/events/call-without-outcome", FALSE,
    "{" BASE ", 'events': <[{'type': <'email'>, 'at': <'2026-11-27 10:00'>}, "
    "{'type': <'call'>, 'at': <'2026-11-30 10:05'>}]>}",
    "events.2", "outcome" },
  { "/record/events/outcome-on-email", FALSE,
    "{" BASE ", 'events': <[{'type': <'email'>, 'at': <'2026-11-27 10:00'>, "
    "'outcome': <'reached'>}]>}",
    "events.1.outcome", "only a call" },
  { "/record/events/outcome-on-thank-you", FALSE,
    "{" BASE ", 'events': <[{'type': <'thank-you'>, 'at': <'2026-11-20 18:00'>, "
    "'outcome': <'voicemail'>}]>}",
    "events.1.outcome", "only a call" },
  { "/record/events/empty-outcome", FALSE,
    "{" BASE ", 'events': <[{'type': <'call'>, 'at': <'2026-11-30 10:05'>, "
    "'outcome': <''>}]>}",
    "events.1.outcome", "reached" },
  { "/record/events/timeline-on-email", FALSE,
    "{" BASE ", 'events': <[{'type': <'email'>, 'at': <'2026-11-27 10:00'>, "
    "'decision_in_days': <5>}]>}",
    "events.1", "response" },
  { "/record/events/response-decision-by-before-it", FALSE,
    "{" BASE ", 'events': <[{'type': <'response'>, 'at': <'2026-12-01 10:00'>, "
    "'decision_by': <'2026-11-30'>}]>}",
    "events.1.decision_by", "after the event" },
  { "/record/events/missing-at", FALSE, "{" BASE ", 'events': <[{'type': <'email'>}]>}",
    "events.1.at", "required" },
  { "/record/timeline/both", FALSE,
    "{" BASE ", 'decision_in_days': <7>, 'decision_by': <'2026-11-27'>}", "decision_by",
    "not both" },
  { "/record/timeline/by-before-interview", FALSE, "{" BASE ", 'decision_by': <'2026-11-13'>}",
    "decision_by", "after the interview" },
  { "/record/timeline/by-interview-day", FALSE, "{" BASE ", 'decision_by': <'2026-11-20'>}",
    "decision_by", "after the interview" },
  { "/record/timeline/by-over-a-year", FALSE, "{" BASE ", 'decision_by': <'2027-11-21'>}",
    "decision_by", "within a year" },
  { "/record/timeline/zero-days", FALSE, "{" BASE ", 'decision_in_days': <0>}", "decision_in_days",
    "between 1 and 365" },
  { "/record/timeline/negative-days", FALSE, "{" BASE ", 'decision_in_days': <-3>}",
    "decision_in_days", "between 1 and 365" },
  { "/record/timeline/days-over-a-year", FALSE, "{" BASE ", 'decision_in_days': <366>}",
    "decision_in_days", "between 1 and 365" },
  { "/record/timeline/days-huge-int64", FALSE, "{" BASE ", 'decision_in_days': <int64 4294967303>}",
    "decision_in_days", "between 1 and 365" },
  { "/record/id/too-long", FALSE,
    "{'id': <'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'>, "
    "'company': <'Acme'>, 'interviewed_at': <'2026-11-20 14:00'>}",
    "id", "64" },
  { "/record/id/slash", FALSE,
    "{'id': <'../acme'>, 'company': <'Acme'>, 'interviewed_at': <'2026-11-20 14:00'>}", "id",
    "letters" },
  { "/record/status-at/bad", FALSE, "{" BASE ", 'status_at': <'yesterday'>}", "status_at",
    "yesterday" },

  /* policy rules a person could get wrong */
  { "/record/policy/window-backwards", TRUE, "{'call_windows': <['16:00-15:00']>}", "call_windows",
    "ends before it starts" },
  { "/record/policy/window-over-lunch", TRUE, "{'call_windows': <['11:00-12:30']>}", "call_windows",
    "lunch" },
  { "/record/policy/windows-overlap", TRUE, "{'call_windows': <['09:00-10:30', '10:00-11:00']>}",
    "call_windows", "overlap" },
  { "/record/policy/no-windows", TRUE, "{'call_windows': <@as []>}", "call_windows",
    "at least one" },
  { "/record/policy/no-workdays", TRUE, "{'workdays': <@as []>}", "workdays", "at least one" },
  { "/record/policy/workday-lowercase", TRUE, "{'workdays': <['mon', 'Tue']>}", "workdays", "mon" },
  { "/record/policy/max-calls-four", TRUE, "{'max_calls': <4>}", "max_calls", "between 1 and 3" },
  { "/record/policy/thank-you-zero-hours", TRUE, "{'thank_you_within_hours': <0>}",
    "thank_you_within_hours", "between 1 and 72" },
  { "/record/policy/retry-workdays-11", TRUE, "{'call_retry_after_workdays': <11>}",
    "call_retry_after_workdays", "between 1 and 10" },
  { "/record/policy/move-on-zero", TRUE, "{'move_on_after_days': <0>}", "move_on_after_days",
    "between 1 and 60" },
  { "/record/policy/email-after-61-days", TRUE, "{'follow_up_email_after_days': <61>}",
    "follow_up_email_after_days", "between 1 and 60" },
  { "/record/policy/no-timeline-91-days", TRUE, "{'call_without_timeline_after_days': <91>}",
    "call_without_timeline_after_days", "between 1 and 90" },
};

/* limits on single-line text (200 bytes) and notes (4,000 bytes) */
static const LengthCase length_cases[] = {
  { "/record/length/company-200", "company", 200, NULL },
  { "/record/length/company-201", "company", 201, "company" },
  { "/record/length/company-1mb", "company", 1024 * 1024, "company" },
  { "/record/length/role-1mb", "role", 1024 * 1024, "role" },
  { "/record/length/notes-4000", "notes", 4000, NULL },
  { "/record/length/notes-4001", "notes", 4001, "notes" },
  { "/record/length/notes-1mb", "notes", 1024 * 1024, "notes" },
  { "/record/length/contact-name-1mb", "contact:name", 1024 * 1024, "contacts.1.name" },
  { "/record/length/contact-email-201", "contact:email", 201, "contacts.1.email" },
  { "/record/length/event-notes-1mb", "event:notes", 1024 * 1024, "events.1.notes" },
  { "/record/length/timezone-1mb", "timezone", 1024 * 1024, "timezone" },
};

/* control characters would garble a terminal or a notification; notes may
 * hold line breaks and tabs, a single-line field may not */
static const TextCase text_cases[] = {
  { "/record/control/company-soh", "company", "Acme\001Corp", "company" },
  { "/record/control/company-newline", "company", "Acme\nCorp", "company" },
  { "/record/control/company-escape", "company", "\033[31mAcme", "company" },
  { "/record/control/role-tab", "role", "Data\tAnalyst", "role" },
  { "/record/control/contact-cr", "contact:name", "Jane\rDoe", "contacts.1.name" },
  { "/record/control/notes-escape", "notes", "call back\033[2J", "notes" },
  { "/record/control/event-notes-bell", "event:notes", "left a message\a", "events.1.notes" },
  { "/record/control/notes-lines-and-tabs", "notes", "Asked about:\n\t- the stack\n\t- the team",
    NULL },
  { "/record/control/event-notes-lines", "event:notes", "Jane said:\nnext week", NULL },
  { "/record/control/company-unicode", "company", "Zürich Versicherung – Ωmega 株式会社", NULL },
};

static const IdCase id_cases[] = {
  { "/record/make-id/company-role", "Acme Corp", "Data Analyst", "acme-corp-data-analyst" },
  { "/record/make-id/company-only", "Acme Corp", NULL, "acme-corp" },
  { "/record/make-id/empty-role", "Acme Corp", "", "acme-corp" },
  { "/record/make-id/punctuation", "  Acme, Inc. ", "Sr. Engineer (Backend)",
    "acme-inc-sr-engineer-backend" },
  { "/record/make-id/upper-digits", "ACME 2000", "QA", "acme-2000-qa" },
  { "/record/make-id/nothing", NULL, NULL, "interview" },
  { "/record/make-id/empty", "", "", "interview" },
  { "/record/make-id/only-symbols", "!!!", "???", "interview" },
  /* issue 16: a name with no Latin letters reads as itself; Latin letters with
   * marks become plain ASCII */
  { "/record/make-id/only-non-ascii", "株式会社", NULL, "株式会社" },
  { "/record/make-id/cyrillic-upper", "Яндекс", "Аналитик", "яндекс-аналитик" },
  { "/record/make-id/latin-marks", "Zürich Société", NULL, "zurich-societe" },
  { "/record/make-id/script-and-latin", "株式会社", "Engineer", "株式会社-engineer" },
  { "/record/make-id/one-letter", "B", NULL, "b" },
  { "/record/make-id/one-letter-each", "B", "Q", "b-q" },
};

static GVariant *
parse_dict (const char *text)
{
  g_autoptr (GError) error = NULL;
  GVariant *dict = g_variant_parse (G_VARIANT_TYPE_VARDICT, text, NULL, NULL, &error);

  if (dict == NULL)
    g_error ("bad GVariant text in the test itself: %s", error->message);
  /* g_variant_parse () already returns a full, non-floating reference */
  return dict;
}

static GTimeZone *
zone (const char *identifier)
{
  GTimeZone *tz = g_time_zone_new_identifier (identifier);

  if (tz == NULL)
    g_error ("the time zone %s is not installed (tzdata)", identifier);
  return tz;
}

static FollowupRecord *
validate_record (GVariant *dict, char **bad_key, GError **error)
{
  g_autoptr (GTimeZone) user_tz = zone ("Europe/Berlin");

  return followup_record_new_from_variant (dict, user_tz, bad_key, error);
}

static void
assert_rejected (GVariant *dict, gboolean is_policy, const char *bad_key, const char *words)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *got_key = NULL;

  if (is_policy) {
    g_autoptr (FollowupPolicy) policy = followup_policy_new_from_variant (dict, &got_key, &error);

    g_assert_null (policy);
  } else {
    g_autoptr (FollowupRecord) record = validate_record (dict, &got_key, &error);

    g_assert_null (record);
  }
  g_assert_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID);
  if (error == NULL)
    return;
  g_test_message ("validator: %s", error->message);
  g_assert_cmpstr (got_key, ==, bad_key);
  /* the message names the key and says what is wrong, in readable text */
  g_assert_true (g_str_has_prefix (error->message, bad_key));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpuint (strlen (error->message), <, 1000);
  if (words != NULL)
    g_assert_nonnull (strstr (error->message, words));
}

static void
test_reject_case (gconstpointer data)
{
  const RejectCase *c = data;
  g_autoptr (GVariant) dict = parse_dict (c->text);

  assert_rejected (dict, c->is_policy, c->bad_key, c->words);
}

/* BASE with one field set: "key", "contact:key" (in the one contact) or
 * "event:key" (in one email event) */
static GVariant *
record_with (const char *key, GVariant *value)
{
  g_autoptr (GVariant) base = parse_dict ("{" BASE "}");
  GVariant *inner = g_variant_ref_sink (value);
  GVariant *result;

  if (g_str_has_prefix (key, "contact:")) {
    g_autoptr (GVariant) contact = parse_dict ("{'name': <'Jane Doe'>}");
    g_autoptr (GVariant) filled = followup_variant_set (contact, key + 8, inner);
    GVariant *list = g_variant_new_array (G_VARIANT_TYPE_VARDICT, &filled, 1);

    result = followup_variant_set (base, "contacts", list);
  } else if (g_str_has_prefix (key, "event:")) {
    g_autoptr (GVariant) event = parse_dict ("{'type': <'email'>, 'at': <'2026-11-27 10:00'>}");
    g_autoptr (GVariant) filled = followup_variant_set (event, key + 6, inner);
    GVariant *list = g_variant_new_array (G_VARIANT_TYPE_VARDICT, &filled, 1);

    result = followup_variant_set (base, "events", list);
  } else {
    result = followup_variant_set (base, key, inner);
  }
  g_variant_unref (inner);
  return result;
}

static void
assert_text_verdict (const char *key, const char *text, const char *bad_key)
{
  g_autoptr (GVariant) dict = record_with (key, g_variant_new_string (text));

  if (bad_key != NULL) {
    assert_rejected (dict, FALSE, bad_key, NULL);
  } else {
    g_autoptr (GError) error = NULL;
    g_autofree char *got_key = NULL;
    g_autoptr (FollowupRecord) record = validate_record (dict, &got_key, &error);

    g_assert_no_error (error);
    g_assert_null (got_key);
    g_assert_nonnull (record);
  }
}

static void
test_length_case (gconstpointer data)
{
  const LengthCase *c = data;
  g_autofree char *text = g_malloc (c->length + 1);

  memset (text, 'x', c->length);
  text[c->length] = '\0';
  assert_text_verdict (c->key, text, c->bad_key);
}

static void
test_text_case (gconstpointer data)
{
  const TextCase *c = data;

  assert_text_verdict (c->key, c->text, c->bad_key);
}

static void
test_too_many (void)
{
  g_autoptr (GVariant) base = parse_dict ("{" BASE "}");
  GVariantBuilder contacts, events;
  g_autoptr (GVariant) with_contacts = NULL;
  g_autoptr (GVariant) with_events = NULL;

  g_variant_builder_init (&contacts, G_VARIANT_TYPE ("aa{sv}"));
  for (int i = 0; i < 21; i++) {
    g_autofree char *name = g_strdup_printf ("Person %d", i);

    g_variant_builder_add_parsed (&contacts, "{'name': <%s>}", name);
  }
  with_contacts = followup_variant_set (base, "contacts", g_variant_builder_end (&contacts));
  assert_rejected (with_contacts, FALSE, "contacts", "more than 20");

  g_variant_builder_init (&events, G_VARIANT_TYPE ("aa{sv}"));
  for (int i = 0; i < 501; i++)
    g_variant_builder_add_parsed (&events, "{'type': <'email'>, 'at': <'2026-11-27 10:00'>}");
  with_events = followup_variant_set (base, "events", g_variant_builder_end (&events));
  assert_rejected (with_events, FALSE, "events", "more than 500");
}

static void
test_not_a_group (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *bad_key = NULL;
  g_autoptr (FollowupRecord) record =
    validate_record (g_variant_new_string ("Acme Corp"), &bad_key, &error);

  g_assert_null (record);
  g_assert_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID);
  g_assert_cmpstr (bad_key, ==, "interview");
}

/* the bus validates without asking for the key: the error alone must do */
static void
test_no_bad_key_pointer (void)
{
  g_autoptr (GVariant) dict = parse_dict ("{" BASE ", 'status': <'ghosted'>}");
  g_autoptr (GVariant) policy_dict = parse_dict ("{'max_calls': <9>}");
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) policy_error = NULL;
  g_autoptr (FollowupRecord) record = validate_record (dict, NULL, &error);
  g_autoptr (FollowupPolicy) policy =
    followup_policy_new_from_variant (policy_dict, NULL, &policy_error);

  g_assert_null (record);
  g_assert_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID);
  g_assert_null (policy);
  g_assert_error (policy_error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID);
  if (error == NULL || policy_error == NULL)
    return;
  g_assert_nonnull (strstr (error->message, "ghosted"));
  g_assert_nonnull (strstr (policy_error->message, "max_calls"));
}

/* everything the file may hold, read into the fields the engine uses */
static void
test_full_record (void)
{
  g_autoptr (GVariant) dict = parse_dict (
    "{'id': <'acme-analyst'>, 'company': <'Acme Corp'>, 'role': <'Data Analyst'>, "
    "'interviewed_at': <'2026-11-20 14:00'>, 'timezone': <'America/New_York'>, "
    "'language': <'pt-BR'>, 'contacts': <[{'name': <'Jane Doe'>, 'email': <'jane@acme.example'>, "
    "'phone': <'+1 555 0100'>, 'prefers': <'phone'>}, "
    "{'name': <'Kenji Sato'>, 'timezone': <'Asia/Tokyo'>, 'prefers': <'email'>}]>, "
    "'decision_by': <'2026-11-30'>, 'status': <'rejected'>, 'status_at': <'2026-12-04 09:00'>, "
    "'events': <[{'type': <'response'>, 'at': <'2026-12-04 09:00'>}, "
    "{'type': <'thank-you'>, 'at': <'2026-11-20 18:30'>, 'contact': <'Kenji Sato'>}, "
    "{'type': <'call'>, 'at': <'2026-11-30 10:05'>, 'outcome': <'no-answer'>}]>, "
    "'notes': <'Asked about the reporting stack.'>}");
  g_autoptr (GError) error = NULL;
  g_autofree char *bad_key = NULL;
  g_autoptr (FollowupRecord) r = validate_record (dict, &bad_key, &error);
  const FollowupContact *jane, *kenji;
  const FollowupEvent *first, *last;
  g_autofree char *interviewed = NULL;
  g_autofree char *status_at = NULL;

  g_assert_no_error (error);
  REQUIRE (r);
  g_assert_cmpstr (r->id, ==, "acme-analyst");
  g_assert_cmpstr (r->company, ==, "Acme Corp");
  g_assert_cmpstr (r->role, ==, "Data Analyst");
  g_assert_cmpstr (g_time_zone_get_identifier (r->tz), ==, "America/New_York");
  interviewed = followup_format_iso (r->interviewed_at);
  g_assert_cmpstr (interviewed, ==, "2026-11-20T14:00:00-05:00");
  g_assert_cmpint (r->decision_in_days, ==, 10);
  g_assert_cmpint (r->status, ==, FOLLOWUP_STATUS_REJECTED);
  status_at = followup_format_iso (r->status_at);
  g_assert_cmpstr (status_at, ==, "2026-12-04T09:00:00-05:00");

  g_assert_cmpuint (r->contacts->len, ==, 2);
  jane = followup_record_find_contact (r, "Jane Doe");
  kenji = followup_record_find_contact (r, "Kenji Sato");
  REQUIRE (jane);
  REQUIRE (kenji);
  g_assert_null (followup_record_find_contact (r, "jane doe"));
  g_assert_cmpstr (jane->phone, ==, "+1 555 0100");
  g_assert_cmpstr (jane->prefers, ==, "phone");
  g_assert_cmpstr (g_time_zone_get_identifier (jane->tz), ==, "America/New_York");
  g_assert_cmpstr (g_time_zone_get_identifier (kenji->tz), ==, "Asia/Tokyo");

  /* the file's order does not matter: events are in time order */
  g_assert_cmpuint (r->events->len, ==, 3);
  if (r->events->len != 3)
    return;
  first = g_ptr_array_index (r->events, 0);
  last = g_ptr_array_index (r->events, 2);
  g_assert_cmpint (first->type, ==, FOLLOWUP_EVENT_THANK_YOU);
  g_assert_cmpstr (first->contact, ==, "Kenji Sato");
  g_assert_cmpint (((const FollowupEvent *) g_ptr_array_index (r->events, 1))->outcome, ==,
                   FOLLOWUP_OUTCOME_NO_ANSWER);
  g_assert_cmpint (last->type, ==, FOLLOWUP_EVENT_RESPONSE);
}

/* no timezone: the user's own zone */
static void
test_default_zone (void)
{
  g_autoptr (GVariant) dict = parse_dict (
    "{'id': <'blau'>, 'company': <'Blau GmbH'>, 'interviewed_at': <'2026-11-20 14:00'>}");
  g_autoptr (FollowupRecord) r = validate_record (dict, NULL, NULL);
  g_autofree char *at = NULL;

  REQUIRE (r);
  at = followup_format_iso (r->interviewed_at);
  g_assert_cmpstr (at, ==, "2026-11-20T14:00:00+01:00");
  g_assert_cmpint (r->status, ==, FOLLOWUP_STATUS_WAITING);
  g_assert_cmpint (r->decision_in_days, ==, 0);
}

/* decision_by counts calendar days, so a DST change in between changes
 * nothing: 10-31 to 11-07 is 7 days though it is 169 hours */
static void
test_decision_by_across_dst (void)
{
  g_autoptr (GVariant) dict =
    parse_dict ("{'id': <'acme'>, 'company': <'Acme'>, 'interviewed_at': <'2026-10-31 14:00'>, "
                "'timezone': <'America/New_York'>, 'decision_by': <'2026-11-07'>}");
  g_autoptr (GError) error = NULL;
  g_autoptr (FollowupRecord) r = validate_record (dict, NULL, &error);

  g_assert_no_error (error);
  REQUIRE (r);
  g_assert_cmpint (r->decision_in_days, ==, 7);
}

/* "day N" is counted from the interview's date in the record's zone: 21:00 on
 * the 20th in New York, written in UTC (02:00 on the 21st), is still the 20th,
 * so a decision by the 27th is 7 days away */
static void
test_decision_by_offset_time (void)
{
  g_autoptr (GVariant) dict =
    parse_dict ("{'id': <'acme'>, 'company': <'Acme'>, 'interviewed_at': <'2026-11-21T02:00Z'>, "
                "'timezone': <'America/New_York'>, 'decision_by': <'2026-11-27'>}");
  g_autoptr (GVariant) same =
    parse_dict ("{'id': <'acme'>, 'company': <'Acme'>, 'interviewed_at': <'2026-11-20 21:00'>, "
                "'timezone': <'America/New_York'>, 'decision_by': <'2026-11-27'>}");
  g_autoptr (GError) error = NULL;
  g_autoptr (FollowupRecord) r = validate_record (dict, NULL, &error);
  g_autoptr (FollowupRecord) r_local = validate_record (same, NULL, NULL);

  g_assert_no_error (error);
  REQUIRE (r);
  REQUIRE (r_local);
  g_assert_cmpint (r_local->decision_in_days, ==, 7);
  g_assert_cmpint (r->decision_in_days, ==, r_local->decision_in_days);
}

static void
test_response_timeline (void)
{
  g_autoptr (GVariant) dict = parse_dict (
    "{" BASE ", 'events': <[{'type': <'response'>, 'at': <'2026-12-01 10:00'>, "
    "'decision_by': <'2026-12-08'>}, {'type': <'response'>, 'at': <'2026-12-10 10:00'>, "
    "'decision_in_days': <3>}]>}");
  g_autoptr (GError) error = NULL;
  g_autoptr (FollowupRecord) r = validate_record (dict, NULL, &error);

  g_assert_no_error (error);
  REQUIRE (r);
  g_assert_cmpuint (r->events->len, ==, 2);
  if (r->events->len != 2)
    return;
  g_assert_cmpint (((const FollowupEvent *) g_ptr_array_index (r->events, 0))->decision_in_days, ==,
                   7);
  g_assert_cmpint (((const FollowupEvent *) g_ptr_array_index (r->events, 1))->decision_in_days, ==,
                   3);
}

/* the file loader hands over 64-bit numbers as int64 (libconfig's 7L) */
static void
test_int64_numbers (void)
{
  g_autoptr (GVariant) dict = parse_dict ("{" BASE ", 'decision_in_days': <int64 7>}");
  g_autoptr (GVariant) policy_dict = parse_dict ("{'max_calls': <int64 3>}");
  g_autoptr (FollowupRecord) r = validate_record (dict, NULL, NULL);
  g_autoptr (FollowupPolicy) policy = followup_policy_new_from_variant (policy_dict, NULL, NULL);

  REQUIRE (r);
  g_assert_cmpint (r->decision_in_days, ==, 7);
  REQUIRE (policy);
  g_assert_cmpint (policy->max_calls, ==, 3);
}

static void
test_policy_values (void)
{
  g_autoptr (GVariant) dict = parse_dict (
    "{'call_windows': <['15:00-16:00', '09:30-10:15']>, 'workdays': <['Mon', 'Sat']>, "
    "'holidays': <['2026-12-25', '2026-12-24']>, 'quiet_hours': <''>, 'max_calls': <3>}");
  g_autoptr (GError) error = NULL;
  g_autoptr (FollowupPolicy) p = followup_policy_new_from_variant (dict, NULL, &error);
  GDate date;

  g_assert_no_error (error);
  REQUIRE (p);
  /* windows come sorted, whatever order the person wrote them in */
  g_assert_cmpuint (p->call_windows->len, ==, 2);
  g_assert_cmpint (g_array_index (p->call_windows, FollowupWindow, 0).start, ==, 9 * 60 + 30);
  g_assert_cmpint (g_array_index (p->call_windows, FollowupWindow, 1).end, ==, 16 * 60);
  g_assert_false (p->has_quiet_hours);
  g_assert_cmpint (p->max_calls, ==, 3);
  /* unset keys keep their defaults */
  g_assert_cmpint (p->follow_up_email_after_days, ==, 7);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 21, G_DATE_DECEMBER, 2026); /* a Monday */
  g_assert_true (followup_policy_is_workday (p, &date));
  g_date_set_dmy (&date, 22, G_DATE_DECEMBER, 2026); /* a Tuesday */
  g_assert_false (followup_policy_is_workday (p, &date));
  g_date_set_dmy (&date, 26, G_DATE_DECEMBER, 2026); /* a Saturday */
  g_assert_true (followup_policy_is_workday (p, &date));
  g_date_set_dmy (&date, 28, G_DATE_DECEMBER, 2026); /* a Monday */
  g_assert_true (followup_policy_is_workday (p, &date));
  g_date_set_dmy (&date, 24, G_DATE_DECEMBER, 2026); /* a Thursday, and a holiday */
  g_assert_false (followup_policy_is_workday (p, &date));
}

static void
test_names_roundtrip (void)
{
  for (int s = FOLLOWUP_STATUS_WAITING; s <= FOLLOWUP_STATUS_CLOSED; s++) {
    FollowupStatus back;

    g_assert_true (followup_status_from_string (followup_status_to_string (s), &back));
    g_assert_cmpint (back, ==, s);
  }
  for (int t = FOLLOWUP_EVENT_THANK_YOU; t <= FOLLOWUP_EVENT_KEEP_IN_TOUCH; t++) {
    FollowupEventType back;

    g_assert_true (followup_event_type_from_string (followup_event_type_to_string (t), &back));
    g_assert_cmpint (back, ==, t);
  }
  for (int o = FOLLOWUP_OUTCOME_REACHED; o <= FOLLOWUP_OUTCOME_NO_ANSWER; o++) {
    FollowupOutcome back;

    g_assert_true (followup_outcome_from_string (followup_outcome_to_string (o), &back));
    g_assert_cmpint (back, ==, o);
  }
  g_assert_null (followup_outcome_to_string (FOLLOWUP_OUTCOME_NONE));
}

static gboolean
id_is_valid (const char *id)
{
  g_autoptr (GVariant) dict =
    parse_dict ("{'company': <'Acme'>, 'interviewed_at': <'2026-11-20 14:00'>}");
  g_autoptr (GVariant) with_id = followup_variant_set (dict, "id", g_variant_new_string (id));
  g_autoptr (FollowupRecord) r = validate_record (with_id, NULL, NULL);

  return r != NULL;
}

static void
test_make_id_case (gconstpointer data)
{
  const IdCase *c = data;
  g_autofree char *id = followup_make_id (c->company, c->role);

  g_assert_cmpstr (id, ==, c->expected);
  g_assert_true (id_is_valid (id));
}

/* whatever a person calls the company, the id made from it is one the
 * validator accepts: short, lower-case, no doubled or dangling dashes */
static void
test_make_id_always_valid (void)
{
  const char *companies[] = {
    "Zürich Versicherung",
    "A—B",
    "-- Acme --",
    "Ω",
    "O'Reilly & Sons",
    "a very long company name that goes on and on and on and on and on and on",
    "x\ty\nz",
    "Acme Corp",
    "北京字节跳动科技有限公司北京字节跳动科技有限公司北京字节跳动",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (companies); i++) {
    g_autofree char *id = followup_make_id (companies[i], i == 8 ? NULL : "Senior Data Analyst");

    g_test_message ("“%s” -> %s", companies[i], id);
    g_assert_cmpuint (strlen (id), >, 0);
    g_assert_cmpuint (strlen (id), <=, 64);
    g_assert_false (g_str_has_prefix (id, "-"));
    g_assert_false (g_str_has_suffix (id, "-"));
    g_assert_null (strstr (id, "--"));
    for (const char *p = id; *p; p = g_utf8_next_char (p)) {
      gunichar c = g_utf8_get_char (p);

      g_assert_true ((g_unichar_isalnum (c) && !g_unichar_isupper (c)) || c == '-');
    }
    g_assert_true (id_is_valid (id));
  }
}

/* a{sv} built through GVariantDict come out in hash order: compare by key */
static gboolean
dict_equal (GVariant *a, GVariant *b)
{
  GVariantIter iter;
  const char *key;
  GVariant *value;

  if (g_variant_n_children (a) != g_variant_n_children (b))
    return FALSE;
  g_variant_iter_init (&iter, a);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value)) {
    g_autoptr (GVariant) mine = value;
    g_autoptr (GVariant) theirs = g_variant_lookup_value (b, key, NULL);

    if (theirs == NULL || !g_variant_equal (mine, theirs))
      return FALSE;
  }
  return TRUE;
}

static void
test_merge_changes (void)
{
  g_autoptr (GVariant) base =
    parse_dict ("{'company': <'Acme'>, 'role': <'Analyst'>, 'notes': <'first call'>, "
                "'decision_in_days': <7>}");
  g_autoptr (GVariant) expected =
    parse_dict ("{'company': <'Acme'>, 'notes': <'second call'>, 'decision_in_days': <7>, "
                "'status': <'offer'>}");
  g_autoptr (GVariant) merged =
    followup_variant_merge (base, g_variant_new_parsed ("{'role': <''>, 'notes': <'second call'>, "
                                                        "'status': <'offer'>}"));
  g_autoptr (GVariant) role = g_variant_lookup_value (base, "role", NULL);

  g_assert_false (g_variant_is_floating (merged));
  g_assert_true (dict_equal (merged, expected));
  /* the base is left as it was: readers of the old record see no change */
  REQUIRE (role);
  g_assert_cmpstr (g_variant_get_string (role, NULL), ==, "Analyst");
}

static void
test_merge_edge_cases (void)
{
  g_autoptr (GVariant) base = parse_dict ("{'company': <'Acme'>, 'decision_in_days': <7>}");
  g_autoptr (GVariant) unchanged =
    followup_variant_merge (base, g_variant_new_parsed ("@a{sv} {}"));
  /* removing what is not there is fine */
  g_autoptr (GVariant) removed_absent =
    followup_variant_merge (base, g_variant_new_parsed ("{'role': <''>}"));
  /* only an empty string removes: an empty list or a zero is a value */
  g_autoptr (GVariant) kept =
    followup_variant_merge (base, g_variant_new_parsed (
                                    "{'events': <@aa{sv} []>, 'decision_in_days': <0>}"));
  g_autoptr (GVariant) kept_expected =
    parse_dict ("{'company': <'Acme'>, 'decision_in_days': <0>, 'events': <@aa{sv} []>}");
  /* a value of another type replaces the old one outright */
  g_autoptr (GVariant) retyped =
    followup_variant_merge (base, g_variant_new_parsed ("{'decision_in_days': <'7'>}"));
  g_autoptr (GVariant) days = g_variant_lookup_value (retyped, "decision_in_days", NULL);

  g_assert_true (dict_equal (unchanged, base));
  g_assert_true (dict_equal (removed_absent, base));
  g_assert_true (dict_equal (kept, kept_expected));
  REQUIRE (days);
  g_assert_true (g_variant_is_of_type (days, G_VARIANT_TYPE_STRING));
}

/* a merge that empties a required field is caught by the validator */
static void
test_merge_then_validate (void)
{
  g_autoptr (GVariant) base = parse_dict ("{" BASE "}");
  g_autoptr (GVariant) merged =
    followup_variant_merge (base, g_variant_new_parsed ("{'company': <''>}"));

  assert_rejected (merged, FALSE, "company", "required");
}

static void
test_append_event (void)
{
  g_autoptr (GVariant) base = parse_dict ("{" BASE "}");
  g_autoptr (GVariant) one = followup_variant_append (
    base, "events", g_variant_new_parsed ("{'type': <'thank-you'>, 'at': <'2026-11-20 18:00'>}"));
  g_autoptr (GVariant) two = followup_variant_append (
    one, "events", g_variant_new_parsed ("{'type': <'email'>, 'at': <'2026-11-27 10:00'>}"));
  g_autoptr (GVariant) events = g_variant_lookup_value (two, "events", G_VARIANT_TYPE ("aa{sv}"));
  g_autoptr (GVariant) none = g_variant_lookup_value (base, "events", NULL);
  g_autoptr (GVariant) second = NULL;
  g_autoptr (FollowupRecord) r = NULL;
  const char *type;

  g_assert_null (none);
  REQUIRE (events);
  g_assert_cmpuint (g_variant_n_children (events), ==, 2);
  if (g_variant_n_children (events) != 2)
    return;
  second = g_variant_get_child_value (events, 1);
  g_assert_true (g_variant_lookup (second, "type", "&s", &type));
  g_assert_cmpstr (type, ==, "email");
  r = validate_record (two, NULL, NULL);
  REQUIRE (r);
  g_assert_cmpuint (r->events->len, ==, 2);
}

int
main (int argc, char **argv)
{
  g_setenv ("TZ", "Pacific/Kiritimati", TRUE);
  tzset ();

  g_test_init (&argc, &argv, NULL);
  /* one wrong answer must not hide the others */
  g_test_set_nonfatal_assertions ();

  for (gsize i = 0; i < G_N_ELEMENTS (reject_cases); i++)
    g_test_add_data_func (reject_cases[i].path, &reject_cases[i], test_reject_case);
  for (gsize i = 0; i < G_N_ELEMENTS (length_cases); i++)
    g_test_add_data_func (length_cases[i].path, &length_cases[i], test_length_case);
  for (gsize i = 0; i < G_N_ELEMENTS (text_cases); i++)
    g_test_add_data_func (text_cases[i].path, &text_cases[i], test_text_case);
  g_test_add_func ("/record/limits/too-many", test_too_many);
  g_test_add_func ("/record/type/not-a-group", test_not_a_group);
  g_test_add_func ("/record/errors/without-bad-key", test_no_bad_key_pointer);
  g_test_add_func ("/record/valid/full", test_full_record);
  g_test_add_func ("/record/valid/default-zone", test_default_zone);
  g_test_add_func ("/record/timeline/by-across-dst", test_decision_by_across_dst);
  g_test_add_func ("/record/timeline/by-with-offset-time", test_decision_by_offset_time);
  g_test_add_func ("/record/timeline/response", test_response_timeline);
  g_test_add_func ("/record/valid/int64-numbers", test_int64_numbers);
  g_test_add_func ("/record/policy/values", test_policy_values);
  g_test_add_func ("/record/names/roundtrip", test_names_roundtrip);
  for (gsize i = 0; i < G_N_ELEMENTS (id_cases); i++)
    g_test_add_data_func (id_cases[i].path, &id_cases[i], test_make_id_case);
  g_test_add_func ("/record/make-id/always-valid", test_make_id_always_valid);
  g_test_add_func ("/record/merge/changes", test_merge_changes);
  g_test_add_func ("/record/merge/edge-cases", test_merge_edge_cases);
  g_test_add_func ("/record/merge/then-validate", test_merge_then_validate);
  g_test_add_func ("/record/append-event", test_append_event);

  return g_test_run ();
}

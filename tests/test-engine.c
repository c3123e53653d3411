/* test-engine.c: table-driven tests of the rule engine and the record validator
 *
 * every expected schedule below was worked out by hand from the rules in the
 * design (calendar, weekdays and DST dates checked against a calendar), never
 * copied from the engine's output: when the two disagree, the rule decides */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "followup-engine.h"
#include "followup-error.h"
#include "followup-record.h"
#include "followup-variant.h"
#include "followup-time.h"

typedef struct {
  const char *path;
  const char *user_tz;  /* the user's own zone (quiet hours, default record zone) */
  const char *now;      /* ISO-8601 with offset */
  const char *policy;   /* GVariant text of the policy a{sv}, or NULL for the defaults */
  const char *record;   /* GVariant text of the record a{sv} */
  const char *expected; /* "ACTION CONTACT|- DUE UNTIL|-" per line, "" for none */
  /* what the daemon remembers, per line: "snooze ACTION ISO", "windows ACTION
   * N ISO" (shown in N windows, the last at ISO), "seen ISO" (the status) */
  const char *state;
  /* more to hold, per line: "show ACTION ISO" (when it pops up), "reason
   * ACTION text" (its reason holds text), "no-reason ACTION text" */
  const char *checks;
} EngineCase;

typedef struct {
  const char *path;
  gboolean is_policy; /* the text is a policy, not a record */
  const char *text;
  const char *bad_key; /* what the validator must name */
} InvalidCase;

/* people who appear in the cases */
#define JANE "{'name': <'Jane Doe'>, 'phone': <'+1 555 0100'>, 'prefers': <'phone'>}"
#define JANE_LONDON                                                              \
  "{'name': <'Jane Doe'>, 'phone': <'+44 20 7946 0000'>, 'prefers': <'phone'>, " \
  "'timezone': <'Europe/London'>}"
#define BOB "{'name': <'Bob Roe'>, 'email': <'bob@acme.example'>}"
#define BOB_EMAIL "{'name': <'Bob Roe'>, 'email': <'bob@acme.example'>, 'prefers': <'email'>}"
#define LENA "{'name': <'Lena Vogel'>, 'phone': <'+49 30 1234567'>}"
#define KENJI "{'name': <'Kenji Sato'>, 'phone': <'+81 3 1234 5678'>, 'timezone': <'Asia/Tokyo'>}"

#define NY "America/New_York"
#define BERLIN "Europe/Berlin"
#define LA "America/Los_Angeles"

/* the design's example: Friday 2026-11-20 14:00 in New York, told a week */
#define ACME_FRIDAY                                                            \
  "'company': <'Acme Corp'>, 'role': <'Data Analyst'>, "                       \
  "'interviewed_at': <'2026-11-20 14:00'>, 'timezone': <'America/New_York'>, " \
  "'contacts': <[" JANE "]>, 'decision_in_days': <7>"
#define ACME_FRIDAY_BOB                                                        \
  "'company': <'Acme Corp'>, 'role': <'Data Analyst'>, "                       \
  "'interviewed_at': <'2026-11-20 14:00'>, 'timezone': <'America/New_York'>, " \
  "'contacts': <[" JANE ", " BOB "]>, 'decision_in_days': <7>"
#define EV_THANKED "{'type': <'thank-you'>, 'at': <'2026-11-20 18:30'>}"
#define EV_EMAILED "{'type': <'email'>, 'at': <'2026-11-27 14:10'>}"
#define EV_CALL_VOICEMAIL "{'type': <'call'>, 'at': <'2026-11-30 10:05'>, 'outcome': <'voicemail'>}"

static const EngineCase engine_cases[] = {
  /* 2026-11-20 is a Friday: thank-you 15:00 until Saturday 14:00; day 7 is
   * Friday 11-27 (a workday); told 7 days -> day ceil(70/7) = 10 = Monday 11-30,
   * which is more than 2 days after the email, so both are listed */
  { "/engine/basic/friday-interview", NY, "2026-11-20T15:30:00-05:00", NULL, "{" ACME_FRIDAY "}",
    "thank-you Jane Doe 2026-11-20T15:00:00-05:00 2026-11-21T14:00:00-05:00\n"
    "follow-up-email Jane Doe 2026-11-27T14:00:00-05:00 2026-11-30T10:00:00-05:00\n"
    "call Jane Doe 2026-11-30T10:00:00-05:00 2026-11-30T11:00:00-05:00\n" },

  /* the same instant written in UTC: every step is still on New York's calendar
   * and rendered in the record's zone */
  { "/engine/basic/offset-in-interview-time", NY, "2026-11-20T15:30:00-05:00", NULL,
    "{'company': <'Acme Corp'>, 'interviewed_at': <'2026-11-20T19:00Z'>, "
    "'timezone': <'America/New_York'>, 'contacts': <[" JANE "]>, 'decision_in_days': <7>}",
    "thank-you Jane Doe 2026-11-20T15:00:00-05:00 2026-11-21T14:00:00-05:00\n"
    "follow-up-email Jane Doe 2026-11-27T14:00:00-05:00 2026-11-30T10:00:00-05:00\n"
    "call Jane Doe 2026-11-30T10:00:00-05:00 2026-11-30T11:00:00-05:00\n" },

  /* no timezone: the record lives in the user's zone (Berlin, +01:00 in November) */
  { "/engine/basic/default-zone-is-users", BERLIN, "2026-11-20T14:30:00+01:00", NULL,
    "{'company': <'Blau GmbH'>, 'interviewed_at': <'2026-11-20 14:00'>, "
    "'contacts': <[" LENA "]>, 'decision_in_days': <7>}",
    "thank-you Lena Vogel 2026-11-20T15:00:00+01:00 2026-11-21T14:00:00+01:00\n"
    "follow-up-email Lena Vogel 2026-11-27T14:00:00+01:00 2026-11-30T10:00:00+01:00\n"
    "call Lena Vogel 2026-11-30T10:00:00+01:00 2026-11-30T11:00:00+01:00\n" },

  /* Wednesday 11-04: email Wednesday 11-11; call day 10 = Saturday 11-14 ->
   * Monday 11-16 */
  { "/engine/call/weekend-to-monday", NY, "2026-11-05T09:00:00-05:00", NULL,
    "{'company': <'Acme Corp'>, 'interviewed_at': <'2026-11-04 11:00'>, "
    "'timezone': <'America/New_York'>, 'contacts': <[" JANE "]>, 'decision_in_days': <7>, "
    "'events': <[{'type': <'thank-you'>, 'at': <'2026-11-04 15:00'>}]>}",
    "follow-up-email Jane Doe 2026-11-11T11:00:00-05:00 2026-11-16T10:00:00-05:00\n"
    "call Jane Doe 2026-11-16T10:00:00-05:00 2026-11-16T11:00:00-05:00\n" },

  /* call day Monday 11-30 is a holiday -> Tuesday 12-01 */
  { "/engine/call/holiday", NY, "2026-11-21T10:00:00-05:00", "{'holidays': <['2026-11-30']>}",
    "{" ACME_FRIDAY ", 'events': <[" EV_THANKED "]>}",
    "follow-up-email Jane Doe 2026-11-27T14:00:00-05:00 2026-12-01T10:00:00-05:00\n"
    "call Jane Doe 2026-12-01T10:00:00-05:00 2026-12-01T11:00:00-05:00\n" },

  /* decision_by 11-30 is 10 days out -> day ceil(100/7) = 15 = Saturday 12-05
   * -> Monday 12-07 */
  { "/engine/call/decision-by", NY, "2026-11-21T10:00:00-05:00", NULL,
    "{'company': <'Acme Corp'>, 'interviewed_at': <'2026-11-20 14:00'>, "
    "'timezone': <'America/New_York'>, 'contacts': <[" JANE "]>, "
    "'decision_by': <'2026-11-30'>, 'events': <[" EV_THANKED "]>}",
    "follow-up-email Jane Doe 2026-11-27T14:00:00-05:00 2026-12-07T10:00:00-05:00\n"
    "call Jane Doe 2026-12-07T10:00:00-05:00 2026-12-07T11:00:00-05:00\n" },

  /* Jane is in London: 10:00 GMT on Monday 11-30 is 05:00 in New York, in the
   * user's quiet hours; 15:00 GMT is 10:00 there (R12 with R4) */
  { "/engine/call/contact-zone", NY, "2026-11-21T10:00:00-05:00", NULL,
    "{'company': <'Acme Corp'>, 'interviewed_at': <'2026-11-20 14:00'>, "
    "'timezone': <'America/New_York'>, 'contacts': <[" JANE_LONDON "]>, "
    "'decision_in_days': <7>, 'events': <[" EV_THANKED "]>}",
    "follow-up-email Jane Doe 2026-11-27T14:00:00-05:00 2026-11-30T10:00:00-05:00\n"
    "call Jane Doe 2026-11-30T10:00:00-05:00 2026-11-30T11:00:00-05:00\n" },

  /* Kenji is in Tokyo, the record in Los Angeles: told 14 days -> day 20 =
   * Thursday 12-10; 10:00 JST that day is 01:00 UTC = Wednesday 12-09 17:00 PST */
  { "/engine/call/contact-zone-ahead", LA, "2026-11-21T10:00:00-08:00", NULL,
    "{'company': <'Pacific Co'>, 'interviewed_at': <'2026-11-20 14:00'>, "
    "'timezone': <'America/Los_Angeles'>, 'contacts': <[" KENJI "]>, "
    "'decision_in_days': <14>, "
    "'events': <[{'type': <'thank-you'>, 'at': <'2026-11-20 18:00'>}]>}",
    "follow-up-email Kenji Sato 2026-11-27T14:00:00-08:00 2026-12-09T17:00:00-08:00\n"
    "call Kenji Sato 2026-12-09T17:00:00-08:00 2026-12-09T18:00:00-08:00\n" },

  /* calling day 11-30, the 10-11 window ended at 11:00, now is 11:30 -> the
   * 15-16 window the same day */
  { "/engine/call/window-passed", NY, "2026-11-30T11:30:00-05:00", NULL,
    "{" ACME_FRIDAY ", 'events': <[" EV_THANKED ", " EV_EMAILED "]>}",
    "call Jane Doe 2026-11-30T15:00:00-05:00 2026-11-30T16:00:00-05:00\n" },

  /* now is inside the window: it stays at the window's start */
  { "/engine/call/inside-window", NY, "2026-11-30T10:45:00-05:00", NULL,
    "{" ACME_FRIDAY ", 'events': <[" EV_THANKED ", " EV_EMAILED "]>}",
    "call Jane Doe 2026-11-30T10:00:00-05:00 2026-11-30T11:00:00-05:00\n" },

  /* no contacts, interview Wednesday 11-18 20:30: thank-you 21:30 is quiet ->
   * 08:00 on 11-19; email Wednesday 11-25 20:30 is before 21:00; no timeline ->
   * day 14 = Wednesday 12-02 */
  { "/engine/quiet-hours/thank-you-at-night", NY, "2026-11-18T20:45:00-05:00", NULL,
    "{'company': <'Night Owl Inc'>, 'interviewed_at': <'2026-11-18 20:30'>, "
    "'timezone': <'America/New_York'>}",
    "thank-you - 2026-11-19T08:00:00-05:00 2026-11-19T20:30:00-05:00\n"
    "follow-up-email - 2026-11-25T20:30:00-05:00 2026-12-02T10:00:00-05:00\n"
    "call - 2026-12-02T10:00:00-05:00 2026-12-02T11:00:00-05:00\n" },

  /* Monday 11-16 21:30: thank-yous 22:30 -> 08:00 Tuesday; email Monday 11-23
   * 21:30 -> 08:00 Tuesday 11-24; call day 14 = Monday 11-30; Bob prefers
   * email, Jane the phone */
  { "/engine/quiet-hours/email-at-night", NY, "2026-11-17T09:00:00-05:00", NULL,
    "{'company': <'Acme Corp'>, 'interviewed_at': <'2026-11-16 21:30'>, "
    "'timezone': <'America/New_York'>, 'contacts': <[" BOB_EMAIL ", " JANE "]>}",
    "thank-you Bob Roe 2026-11-17T08:00:00-05:00 2026-11-17T21:30:00-05:00\n"
    "thank-you Jane Doe 2026-11-17T08:00:00-05:00 2026-11-17T21:30:00-05:00\n"
    "follow-up-email Bob Roe 2026-11-24T08:00:00-05:00 2026-11-30T10:00:00-05:00\n"
    "call Jane Doe 2026-11-30T10:00:00-05:00 2026-11-30T11:00:00-05:00\n" },

  /* the user is in Berlin (6 h ahead): thank-you 16:30 NY = 22:30 Berlin ->
   * 08:00 Berlin Tuesday = 02:00 NY; email Monday 11-23 15:30 NY = 21:30 Berlin
   * -> 02:00 NY Tuesday 11-24; the call ignores quiet hours */
  { "/engine/quiet-hours/user-zone", BERLIN, "2026-11-16T16:00:00-05:00", NULL,
    "{'company': <'Acme Corp'>, 'interviewed_at': <'2026-11-16 15:30'>, "
    "'timezone': <'America/New_York'>, 'contacts': <[" JANE "]>}",
    "thank-you Jane Doe 2026-11-17T02:00:00-05:00 2026-11-17T15:30:00-05:00\n"
    "follow-up-email Jane Doe 2026-11-24T02:00:00-05:00 2026-11-30T10:00:00-05:00\n"
    "call Jane Doe 2026-11-30T10:00:00-05:00 2026-11-30T11:00:00-05:00\n" },

  /* night in Berlin is lunchtime for a user in Los Angeles: the notes do not
   * move; both calling windows (01:00 and 06:00 in Los Angeles) are in the
   * user's night, so the call takes the one nearer its end, 15:00 Berlin */
  { "/engine/quiet-hours/not-in-user-zone", LA, "2026-11-16T21:30:00+01:00", NULL,
    "{'company': <'Blau GmbH'>, 'interviewed_at': <'2026-11-16 21:00'>, "
    "'timezone': <'Europe/Berlin'>, 'contacts': <[" LENA "]>}",
    "thank-you Lena Vogel 2026-11-16T22:00:00+01:00 2026-11-17T21:00:00+01:00\n"
    "follow-up-email Lena Vogel 2026-11-23T21:00:00+01:00 2026-11-30T15:00:00+01:00\n"
    "call Lena Vogel 2026-11-30T15:00:00+01:00 2026-11-30T16:00:00+01:00\n" },

  /* US DST ends Sunday 11-01: interview Wednesday 10-21 (EDT), told 10 days ->
   * day 15 = Thursday 11-05, 10:00 EST */
  { "/engine/dst/us-fall", NY, "2026-10-21T12:00:00-04:00", NULL,
    "{'company': <'Acme Corp'>, 'interviewed_at': <'2026-10-21 10:30'>, "
    "'timezone': <'America/New_York'>, 'contacts': <[" JANE "]>, 'decision_in_days': <10>}",
    "thank-you Jane Doe 2026-10-21T11:30:00-04:00 2026-10-22T10:30:00-04:00\n"
    "follow-up-email Jane Doe 2026-10-28T10:30:00-04:00 2026-11-05T10:00:00-05:00\n"
    "call Jane Doe 2026-11-05T10:00:00-05:00 2026-11-05T11:00:00-05:00\n" },

  /* Saturday 10-31 14:00 EDT: the 24 h deadline crosses the change (13:00 EST);
   * day 7 = Saturday 11-07 -> Monday 11-09 14:00 EST; told 14 -> day 20 =
   * Friday 11-20 */
  { "/engine/dst/us-fall-thank-you-deadline", NY, "2026-10-31T14:30:00-04:00", NULL,
    "{'company': <'Acme Corp'>, 'interviewed_at': <'2026-10-31 14:00'>, "
    "'timezone': <'America/New_York'>, 'contacts': <[" JANE "]>, 'decision_in_days': <14>}",
    "thank-you Jane Doe 2026-10-31T15:00:00-04:00 2026-11-01T13:00:00-05:00\n"
    "follow-up-email Jane Doe 2026-11-09T14:00:00-05:00 2026-11-20T10:00:00-05:00\n"
    "call Jane Doe 2026-11-20T10:00:00-05:00 2026-11-20T11:00:00-05:00\n" },

  /* US DST starts Sunday 03-08: Tuesday 03-03 16:00 EST, decision by 03-10 (7
   * days) -> day 10 = Friday 03-13; email Tuesday 03-10 16:00 EDT */
  { "/engine/dst/us-spring", NY, "2026-03-03T16:30:00-05:00", NULL,
    "{'company': <'Acme Corp'>, 'interviewed_at': <'2026-03-03 16:00'>, "
    "'timezone': <'America/New_York'>, 'contacts': <[" JANE "]>, "
    "'decision_by': <'2026-03-10'>}",
    "thank-you Jane Doe 2026-03-03T17:00:00-05:00 2026-03-04T16:00:00-05:00\n"
    "follow-up-email Jane Doe 2026-03-10T16:00:00-04:00 2026-03-13T10:00:00-04:00\n"
    "call Jane Doe 2026-03-13T10:00:00-04:00 2026-03-13T11:00:00-04:00\n" },

  /* EU DST ends Sunday 10-25: Thursday 10-22 15:00 CEST, told 7 -> day 10 =
   * Sunday 11-01 -> Monday 11-02 10:00 CET; email Thursday 10-29 15:00 CET */
  { "/engine/dst/eu-fall", BERLIN, "2026-10-22T16:30:00+02:00", NULL,
    "{'company': <'Blau GmbH'>, 'interviewed_at': <'2026-10-22 15:00'>, "
    "'timezone': <'Europe/Berlin'>, 'contacts': <[" LENA "]>, 'decision_in_days': <7>}",
    "thank-you Lena Vogel 2026-10-22T16:00:00+02:00 2026-10-23T15:00:00+02:00\n"
    "follow-up-email Lena Vogel 2026-10-29T15:00:00+01:00 2026-11-02T10:00:00+01:00\n"
    "call Lena Vogel 2026-11-02T10:00:00+01:00 2026-11-02T11:00:00+01:00\n" },

  /* EU DST starts Sunday 03-29: Monday 03-23 10:00 CET; email Monday 03-30
   * 10:00 CEST; no timeline -> day 14 = Monday 04-06 */
  { "/engine/dst/eu-spring", BERLIN, "2026-03-23T12:00:00+01:00", NULL,
    "{'company': <'Blau GmbH'>, 'interviewed_at': <'2026-03-23 10:00'>, "
    "'timezone': <'Europe/Berlin'>, 'contacts': <[" LENA "]>}",
    "thank-you Lena Vogel 2026-03-23T11:00:00+01:00 2026-03-24T10:00:00+01:00\n"
    "follow-up-email Lena Vogel 2026-03-30T10:00:00+02:00 2026-04-06T10:00:00+02:00\n"
    "call Lena Vogel 2026-04-06T10:00:00+02:00 2026-04-06T11:00:00+02:00\n" },

  /* between the two changes London is on GMT, New York still on EDT (4 h):
   * Wednesday 10-14, told 10 -> day 15 = Thursday 10-29, 10:00 GMT = 06:00 EDT
   * is quiet for the user; 15:00 GMT = 11:00 EDT */
  { "/engine/dst/contact-zone-between-changes", NY, "2026-10-15T09:00:00-04:00", NULL,
    "{'company': <'Acme Corp'>, 'interviewed_at': <'2026-10-14 14:00'>, "
    "'timezone': <'America/New_York'>, 'contacts': <[" JANE_LONDON "]>, "
    "'decision_in_days': <10>, "
    "'events': <[{'type': <'thank-you'>, 'at': <'2026-10-14 17:00'>}]>}",
    "follow-up-email Jane Doe 2026-10-21T14:00:00-04:00 2026-10-29T11:00:00-04:00\n"
    "call Jane Doe 2026-10-29T11:00:00-04:00 2026-10-29T12:00:00-04:00\n" },

  /* two interviewers: one thank-you each; email to the first (nobody prefers
   * email), call to Jane (prefers the phone) */
  { "/engine/thank-you/two-contacts", NY, "2026-11-20T14:30:00-05:00", NULL,
    "{'company': <'Acme Corp'>, 'interviewed_at': <'2026-11-20 14:00'>, "
    "'timezone': <'America/New_York'>, 'contacts': <[" BOB ", " JANE "]>, "
    "'decision_in_days': <7>}",
    "thank-you Bob Roe 2026-11-20T15:00:00-05:00 2026-11-21T14:00:00-05:00\n"
    "thank-you Jane Doe 2026-11-20T15:00:00-05:00 2026-11-21T14:00:00-05:00\n"
    "follow-up-email Bob Roe 2026-11-27T14:00:00-05:00 2026-11-30T10:00:00-05:00\n"
    "call Jane Doe 2026-11-30T10:00:00-05:00 2026-11-30T11:00:00-05:00\n" },

  /* Jane got her note: only Bob's is left */
  { "/engine/thank-you/one-of-two-done", NY, "2026-11-20T18:00:00-05:00", NULL,
    "{'company': <'Acme Corp'>, 'interviewed_at': <'2026-11-20 14:00'>, "
    "'timezone': <'America/New_York'>, 'contacts': <[" BOB ", " JANE "]>, "
    "'decision_in_days': <7>, 'events': <[{'type': <'thank-you'>, "
    "'at': <'2026-11-20 17:00'>, 'contact': <'Jane Doe'>}]>}",
    "thank-you Bob Roe 2026-11-20T15:00:00-05:00 2026-11-21T14:00:00-05:00\n"
    "follow-up-email Bob Roe 2026-11-27T14:00:00-05:00 2026-11-30T10:00:00-05:00\n"
    "call Jane Doe 2026-11-30T10:00:00-05:00 2026-11-30T11:00:00-05:00\n" },

  /* a thank-you without a contact counts for everyone */
  { "/engine/thank-you/event-covers-everyone", NY, "2026-11-20T18:00:00-05:00", NULL,
    "{'company': <'Acme Corp'>, 'interviewed_at': <'2026-11-20 14:00'>, "
    "'timezone': <'America/New_York'>, 'contacts': <[" BOB ", " JANE "]>, "
    "'decision_in_days': <7>, "
    "'events': <[{'type': <'thank-you'>, 'at': <'2026-11-20 17:00'>}]>}",
    "follow-up-email Bob Roe 2026-11-27T14:00:00-05:00 2026-11-30T10:00:00-05:00\n"
    "call Jane Doe 2026-11-30T10:00:00-05:00 2026-11-30T11:00:00-05:00\n" },

  /* Monday 11-16, email Monday 11-23; told 6 -> day ceil(60/7) = 9 = Wednesday
   * 11-25, exactly 2 days after the email: no email */
  { "/engine/email/skipped-call-within-two-days", NY, "2026-11-16T12:00:00-05:00", NULL,
    "{'company': <'Acme Corp'>, 'interviewed_at': <'2026-11-16 10:30'>, "
    "'timezone': <'America/New_York'>, 'contacts': <[" JANE "]>, 'decision_in_days': <6>, "
    "'events': <[{'type': <'thank-you'>, 'at': <'2026-11-16 13:00'>}]>}",
    "call Jane Doe 2026-11-25T10:00:00-05:00 2026-11-25T11:00:00-05:00\n" },

  /* told 7 -> day 10 = Thursday 11-26, 3 days after the email: both */
  { "/engine/email/kept-call-three-days-later", NY, "2026-11-16T12:00:00-05:00", NULL,
    "{'company': <'Acme Corp'>, 'interviewed_at': <'2026-11-16 10:30'>, "
    "'timezone': <'America/New_York'>, 'contacts': <[" JANE "]>, 'decision_in_days': <7>, "
    "'events': <[{'type': <'thank-you'>, 'at': <'2026-11-16 13:00'>}]>}",
    "follow-up-email Jane Doe 2026-11-23T10:30:00-05:00 2026-11-26T10:00:00-05:00\n"
    "call Jane Doe 2026-11-26T10:00:00-05:00 2026-11-26T11:00:00-05:00\n" },

  /* day 7 = Friday 11-27 is a holiday -> Monday 11-30; told 14 -> day 20 =
   * Thursday 12-10 */
  { "/engine/email/holiday-and-weekend", NY, "2026-11-21T10:00:00-05:00",
    "{'holidays': <['2026-11-26', '2026-11-27']>}",
    "{'company': <'Acme Corp'>, 'interviewed_at': <'2026-11-20 14:00'>, "
    "'timezone': <'America/New_York'>, 'contacts': <[" JANE "]>, "
    "'decision_in_days': <14>, 'events': <[" EV_THANKED "]>}",
    "follow-up-email Jane Doe 2026-11-30T14:00:00-05:00 2026-12-10T10:00:00-05:00\n"
    "call Jane Doe 2026-12-10T10:00:00-05:00 2026-12-10T11:00:00-05:00\n",
    NULL, "reason follow-up-email 10 days have passed\n" },

  /* nothing done yet, now 11-25: the thank-you's deadline (11-17) has passed,
   * so it leaves; the email stays listed, overdue, until the call's day */
  { "/engine/email/overdue-stays-listed", NY, "2026-11-25T09:00:00-05:00", NULL,
    "{'company': <'Acme Corp'>, 'interviewed_at': <'2026-11-16 10:30'>, "
    "'timezone': <'America/New_York'>, 'contacts': <[" JANE "]>}",
    "follow-up-email Jane Doe 2026-11-23T10:30:00-05:00 2026-11-30T10:00:00-05:00\n"
    "call Jane Doe 2026-11-30T10:00:00-05:00 2026-11-30T11:00:00-05:00\n" },

  /* the design's example: voicemail on Monday 11-30 -> 3rd workday after it is
   * Thursday 12-03 */
  { "/engine/retry/voicemail", NY, "2026-11-30T10:10:00-05:00", NULL,
    "{" ACME_FRIDAY ", 'events': <[" EV_THANKED ", " EV_EMAILED ", " EV_CALL_VOICEMAIL "]>}",
    "call Jane Doe 2026-12-03T10:00:00-05:00 2026-12-03T11:00:00-05:00\n" },

  /* R18: nobody picked up on Thursday 12-03 (events given out of order): an
   * unanswered ring is no contact made, so the next try is the first window
   * of the next workday, Friday 12-04. Before 0.3 it waited three workdays
   * like a message left (Tuesday 12-08) */
  { "/engine/retry/no-answer-next-workday", NY, "2026-12-03T15:20:00-05:00", "{'max_calls': <3>}",
    "{" ACME_FRIDAY ", 'events': <["
    "{'type': <'call'>, 'at': <'2026-12-03 15:10'>, 'outcome': <'no-answer'>}, " EV_CALL_VOICEMAIL
    ", " EV_THANKED ", " EV_EMAILED "]>}",
    "call Jane Doe 2026-12-04T10:00:00-05:00 2026-12-04T11:00:00-05:00\n", NULL,
    "reason call Nobody picked up on\nreason call does not count\n" },

  /* no answer on Friday 12-04: the next workday is Monday 12-07 */
  { "/engine/retry/no-answer-over-weekend", NY, "2026-12-04T15:20:00-05:00", NULL,
    "{" ACME_FRIDAY ", 'events': <[" EV_THANKED ", " EV_EMAILED ", " EV_CALL_VOICEMAIL ", "
    "{'type': <'call'>, 'at': <'2026-12-04 15:10'>, 'outcome': <'no-answer'>}]>}",
    "call Jane Doe 2026-12-07T10:00:00-05:00 2026-12-07T11:00:00-05:00\n" },

  /* R18: a voicemail and a no-answer with max_calls 2: only the voicemail
   * counts, so one more try (Friday 12-04), not the move-on */
  { "/engine/retry/no-answer-not-counted", NY, "2026-12-03T15:20:00-05:00", NULL,
    "{" ACME_FRIDAY ", 'events': <[" EV_THANKED ", " EV_EMAILED ", " EV_CALL_VOICEMAIL ", "
    "{'type': <'call'>, 'at': <'2026-12-03 15:10'>, 'outcome': <'no-answer'>}]>}",
    "call Jane Doe 2026-12-04T10:00:00-05:00 2026-12-04T11:00:00-05:00\n" },

  /* R18: three no-answers in a row (Mon, Tue, Wed) count as one call; the
   * next is three workdays after the third: Thu (1), Fri (2), Mon 12-07 (3) */
  { "/engine/retry/third-no-answer-counts", NY, "2026-12-02T10:10:00-05:00", NULL,
    "{" ACME_FRIDAY ", 'events': <[" EV_THANKED ", " EV_EMAILED ", "
    "{'type': <'call'>, 'at': <'2026-11-30 10:05'>, 'outcome': <'no-answer'>}, "
    "{'type': <'call'>, 'at': <'2026-12-01 10:05'>, 'outcome': <'no-answer'>}, "
    "{'type': <'call'>, 'at': <'2026-12-02 10:05'>, 'outcome': <'no-answer'>}]>}",
    "call Jane Doe 2026-12-07T10:00:00-05:00 2026-12-07T11:00:00-05:00\n", NULL,
    "reason call 3 times in a row, which counts as one call\nreason call call 2 of at most 2\n" },

  /* max_calls 1 and three no-answers: the one counted call is made, move on
   * a week after the last */
  { "/engine/move-on/three-no-answers-max-calls-one", NY, "2026-12-02T10:10:00-05:00",
    "{'max_calls': <1>}",
    "{" ACME_FRIDAY ", 'events': <[" EV_THANKED ", " EV_EMAILED ", "
    "{'type': <'call'>, 'at': <'2026-11-30 10:05'>, 'outcome': <'no-answer'>}, "
    "{'type': <'call'>, 'at': <'2026-12-01 10:05'>, 'outcome': <'no-answer'>}, "
    "{'type': <'call'>, 'at': <'2026-12-02 10:05'>, 'outcome': <'no-answer'>}]>}",
    "move-on - 2026-12-09T10:05:00-05:00 -\n" },

  /* max_calls 1 and one no-answer on Monday: not counted, so Tuesday 12-01 */
  { "/engine/retry/no-answer-max-calls-one", NY, "2026-11-30T10:10:00-05:00", "{'max_calls': <1>}",
    "{" ACME_FRIDAY ", 'events': <[" EV_THANKED ", " EV_EMAILED ", "
    "{'type': <'call'>, 'at': <'2026-11-30 10:05'>, 'outcome': <'no-answer'>}]>}",
    "call Jane Doe 2026-12-01T10:00:00-05:00 2026-12-01T11:00:00-05:00\n" },

  /* Tuesday 12-01 (1), Wednesday 12-02 holiday, Thursday 12-03 (2), Friday 12-04 (3) */
  { "/engine/retry/skips-holiday", NY, "2026-11-30T10:10:00-05:00",
    "{'holidays': <['2026-12-02']>}",
    "{" ACME_FRIDAY ", 'events': <[" EV_THANKED ", " EV_EMAILED ", " EV_CALL_VOICEMAIL "]>}",
    "call Jane Doe 2026-12-04T10:00:00-05:00 2026-12-04T11:00:00-05:00\n" },

  /* the retry on Thursday 12-03 was missed and it is Friday 16:30: the next
   * window is Monday 12-07 10:00 */
  { "/engine/retry/window-missed-while-off", NY, "2026-12-04T16:30:00-05:00", NULL,
    "{" ACME_FRIDAY ", 'events': <[" EV_THANKED ", " EV_EMAILED ", " EV_CALL_VOICEMAIL "]>}",
    "call Jane Doe 2026-12-07T10:00:00-05:00 2026-12-07T11:00:00-05:00\n" },

  /* two voicemails = max_calls: move on 7 days after the last, at its time */
  { "/engine/move-on/max-calls", NY, "2026-12-03T15:30:00-05:00", NULL,
    "{" ACME_FRIDAY ", 'events': <[" EV_THANKED ", " EV_EMAILED ", " EV_CALL_VOICEMAIL ", "
    "{'type': <'call'>, 'at': <'2026-12-03 15:20'>, 'outcome': <'voicemail'>}]>}",
    "move-on - 2026-12-10T15:20:00-05:00 -\n" },

  /* max_calls 1: the first message left is the last (a no-answer no longer
   * counts, so this case left one from 0.3 on) */
  { "/engine/move-on/max-calls-one", NY, "2026-11-30T10:10:00-05:00", "{'max_calls': <1>}",
    "{" ACME_FRIDAY ", 'events': <[" EV_THANKED ", " EV_EMAILED ", " EV_CALL_VOICEMAIL "]>}",
    "move-on - 2026-12-07T10:05:00-05:00 -\n" },

  /* reached them on Thursday 10-29 (EDT): move on Thursday 11-05 10:30 EST */
  { "/engine/move-on/reached-across-dst", NY, "2026-10-29T11:00:00-04:00", NULL,
    "{'company': <'Acme Corp'>, 'interviewed_at': <'2026-10-07 14:00'>, "
    "'timezone': <'America/New_York'>, 'contacts': <[" JANE "]>, 'decision_in_days': <7>, "
    "'events': <[{'type': <'thank-you'>, 'at': <'2026-10-07 17:00'>}, "
    "{'type': <'email'>, 'at': <'2026-10-14 14:05'>}, "
    "{'type': <'call'>, 'at': <'2026-10-29 10:30'>, 'outcome': <'reached'>}]>}",
    "move-on - 2026-11-05T10:30:00-05:00 -\n" },

  /* the last call was at 21:15: a week later is quiet -> 08:00 the day after */
  { "/engine/move-on/quiet-hours", NY, "2026-12-03T21:30:00-05:00", NULL,
    "{" ACME_FRIDAY ", 'events': <[" EV_THANKED ", " EV_EMAILED ", " EV_CALL_VOICEMAIL ", "
    "{'type': <'call'>, 'at': <'2026-12-03 21:15'>, 'outcome': <'voicemail'>}]>}",
    "move-on - 2026-12-11T08:00:00-05:00 -\n" },

  /* they answered on Tuesday 12-01 with 5 more days -> ceil(50/7) = 8 ->
   * Wednesday 12-09; the earlier voicemail no longer counts; no email */
  { "/engine/response/new-timeline", NY, "2026-12-01T10:00:00-05:00", NULL,
    "{" ACME_FRIDAY ", 'events': <[" EV_THANKED ", " EV_CALL_VOICEMAIL ", "
    "{'type': <'response'>, 'at': <'2026-12-01 09:30'>, 'decision_in_days': <5>}]>}",
    "call Jane Doe 2026-12-09T10:00:00-05:00 2026-12-09T11:00:00-05:00\n" },

  /* an answer without a timeline on Friday 12-04, after the call day the
   * stated week gave (11-30) -> 14 days from it = Friday 12-18 (R9) */
  { "/engine/response/no-timeline", NY, "2026-12-04T12:00:00-05:00", NULL,
    "{" ACME_FRIDAY ", 'events': <[" EV_THANKED ", "
    "{'type': <'response'>, 'at': <'2026-12-04 11:00'>}]>}",
    "call Jane Doe 2026-12-18T10:00:00-05:00 2026-12-18T11:00:00-05:00\n" },

  /* two voicemails, then an answer, then one more voicemail on Friday 12-18:
   * only that one counts -> retry on Monday 12-21 (1), Tuesday (2), Wednesday
   * 12-23 (3) */
  { "/engine/response/calls-counted-after", NY, "2026-12-18T10:20:00-05:00", NULL,
    "{" ACME_FRIDAY ", 'events': <[" EV_THANKED ", " EV_CALL_VOICEMAIL ", "
    "{'type': <'call'>, 'at': <'2026-12-03 10:10'>, 'outcome': <'voicemail'>}, "
    "{'type': <'response'>, 'at': <'2026-12-04 11:00'>}, "
    "{'type': <'call'>, 'at': <'2026-12-18 10:10'>, 'outcome': <'voicemail'>}]>}",
    "call Jane Doe 2026-12-23T10:00:00-05:00 2026-12-23T11:00:00-05:00\n" },

  /* rejected in their answer of Wednesday 12-02 16:30 -> a note at 17:30, until
   * a day later; the thank-you of 11-20 was before it */
  { "/engine/rejected/after-response", NY, "2026-12-02T17:00:00-05:00", NULL,
    "{" ACME_FRIDAY ", 'status': <'rejected'>, 'events': <[" EV_THANKED ", " EV_CALL_VOICEMAIL ", "
    "{'type': <'response'>, 'at': <'2026-12-02 16:30'>}]>}",
    "thanks-after-rejection Jane Doe 2026-12-02T17:30:00-05:00 2026-12-03T17:30:00-05:00\n" },

  /* the status changed after the last answer: it is the anchor */
  { "/engine/rejected/status-at-later", NY, "2026-12-03T10:30:00-05:00", NULL,
    "{" ACME_FRIDAY ", 'status': <'rejected'>, 'status_at': <'2026-12-03 10:00'>, "
    "'events': <[" EV_THANKED ", {'type': <'response'>, 'at': <'2026-12-02 16:30'>}]>}",
    "thanks-after-rejection Jane Doe 2026-12-03T11:00:00-05:00 2026-12-04T11:00:00-05:00\n" },

  /* a thank-you after the rejection: nothing left */
  { "/engine/rejected/already-thanked", NY, "2026-12-03T10:00:00-05:00", NULL,
    "{" ACME_FRIDAY ", 'status': <'rejected'>, 'events': <[" EV_THANKED ", "
    "{'type': <'response'>, 'at': <'2026-12-02 16:30'>}, "
    "{'type': <'thank-you'>, 'at': <'2026-12-03 09:00'>}]>}",
    "" },

  /* no opening now: a month after the answer of Tuesday 12-08 is Friday 2027-01-08 */
  { "/engine/no-opening/first", NY, "2026-12-08T12:00:00-05:00", NULL,
    "{" ACME_FRIDAY ", 'status': <'no-opening'>, 'events': <[" EV_THANKED ", "
    "{'type': <'response'>, 'at': <'2026-12-08 11:00'>}]>}",
    "keep-in-touch Jane Doe 2027-01-08T11:00:00-05:00 -\n" },

  /* a month after the keep-in-touch of Tuesday 10-13 (EDT) is Friday 11-13 (EST) */
  { "/engine/no-opening/after-keep-in-touch", NY, "2026-10-13T11:00:00-04:00", NULL,
    "{'company': <'Acme Corp'>, 'interviewed_at': <'2026-09-02 14:00'>, "
    "'timezone': <'America/New_York'>, 'contacts': <[" JANE "]>, 'status': <'no-opening'>, "
    "'events': <[{'type': <'thank-you'>, 'at': <'2026-09-02 18:00'>}, "
    "{'type': <'response'>, 'at': <'2026-09-15 11:00'>}, "
    "{'type': <'keep-in-touch'>, 'at': <'2026-10-13 10:00'>}]>}",
    "keep-in-touch Jane Doe 2026-11-13T10:00:00-05:00 -\n" },

  /* five sent: a sixth on Wednesday 12-09, a month after the fifth */
  { "/engine/no-opening/fifth-sent", NY, "2026-11-09T11:00:00-05:00", NULL,
    "{'company': <'Acme Corp'>, 'interviewed_at': <'2026-05-20 14:00'>, "
    "'timezone': <'America/New_York'>, 'status': <'no-opening'>, "
    "'events': <[{'type': <'thank-you'>, 'at': <'2026-05-20 18:00'>}, "
    "{'type': <'response'>, 'at': <'2026-06-09 11:00'>}, "
    "{'type': <'keep-in-touch'>, 'at': <'2026-07-09 10:00'>}, "
    "{'type': <'keep-in-touch'>, 'at': <'2026-08-10 10:00'>}, "
    "{'type': <'keep-in-touch'>, 'at': <'2026-09-09 10:00'>}, "
    "{'type': <'keep-in-touch'>, 'at': <'2026-10-09 10:00'>}, "
    "{'type': <'keep-in-touch'>, 'at': <'2026-11-09 10:00'>}]>}",
    "keep-in-touch - 2026-12-09T10:00:00-05:00 -\n" },

  /* six sent: that is the limit */
  { "/engine/no-opening/limit", NY, "2026-12-09T11:00:00-05:00", NULL,
    "{'company': <'Acme Corp'>, 'interviewed_at': <'2026-05-20 14:00'>, "
    "'timezone': <'America/New_York'>, 'status': <'no-opening'>, "
    "'events': <[{'type': <'thank-you'>, 'at': <'2026-05-20 18:00'>}, "
    "{'type': <'response'>, 'at': <'2026-06-09 11:00'>}, "
    "{'type': <'keep-in-touch'>, 'at': <'2026-07-09 10:00'>}, "
    "{'type': <'keep-in-touch'>, 'at': <'2026-08-10 10:00'>}, "
    "{'type': <'keep-in-touch'>, 'at': <'2026-09-09 10:00'>}, "
    "{'type': <'keep-in-touch'>, 'at': <'2026-10-09 10:00'>}, "
    "{'type': <'keep-in-touch'>, 'at': <'2026-11-09 10:00'>}, "
    "{'type': <'keep-in-touch'>, 'at': <'2026-12-09 10:00'>}]>}",
    "" },

  /* final states: nothing at all, even with every step still open */
  { "/engine/status/offer", NY, "2026-11-20T15:30:00-05:00", NULL,
    "{" ACME_FRIDAY ", 'status': <'offer'>}", "" },
  { "/engine/status/withdrawn", NY, "2026-11-20T15:30:00-05:00", NULL,
    "{" ACME_FRIDAY ", 'status': <'withdrawn'>}", "" },
  { "/engine/status/closed", NY, "2026-11-20T15:30:00-05:00", NULL,
    "{" ACME_FRIDAY ", 'status': <'closed'>}", "" },

  /* one afternoon window, Mon/Wed/Fri only, email on day 5, 12 h for the note,
   * no quiet hours: Friday 11-20 20:30, told 9 -> day ceil(90/7) = 13 =
   * Thursday 12-03 -> Friday 12-04; email Wednesday 11-25 20:30 */
  { "/engine/policy/custom", NY, "2026-11-20T21:00:00-05:00",
    "{'call_windows': <['14:00-15:30']>, 'workdays': <['Mon', 'Wed', 'Fri']>, "
    "'follow_up_email_after_days': <5>, 'thank_you_within_hours': <12>, "
    "'quiet_hours': <''>}",
    "{'company': <'Acme Corp'>, 'interviewed_at': <'2026-11-20 20:30'>, "
    "'timezone': <'America/New_York'>, 'contacts': <[" JANE "]>, 'decision_in_days': <9>}",
    "thank-you Jane Doe 2026-11-20T21:30:00-05:00 2026-11-21T08:30:00-05:00\n"
    "follow-up-email Jane Doe 2026-11-25T20:30:00-05:00 2026-12-04T14:00:00-05:00\n"
    "call Jane Doe 2026-12-04T14:00:00-05:00 2026-12-04T15:30:00-05:00\n" },

  /* issue 11 ------------------------------------------------------------- */

  /* Tokyo employer, user in Berlin (8 h behind): Tuesday 11-17 10:00 JST, told
   * 7 -> day 10 = Friday 11-27. 10:00 JST is 02:00 and 15:00 JST 07:00 in
   * Berlin, both quiet: 15:00 JST is the nearer to 08:00, shown at 20:30 the
   * evening before. Thank-you 11:00 JST = 03:00 Berlin -> 08:00 = 16:00 JST;
   * email Tuesday 11-24 10:00 JST, quiet -> 16:00 JST */
  { "/engine/call/tokyo-for-berlin", BERLIN, "2026-11-17T12:00:00+09:00", NULL,
    "{'company': <'Nippon KK'>, 'interviewed_at': <'2026-11-17 10:00'>, "
    "'timezone': <'Asia/Tokyo'>, 'contacts': <[" KENJI "]>, 'decision_in_days': <7>}",
    "thank-you Kenji Sato 2026-11-17T16:00:00+09:00 2026-11-18T10:00:00+09:00\n"
    "follow-up-email Kenji Sato 2026-11-24T16:00:00+09:00 2026-11-27T15:00:00+09:00\n"
    "call Kenji Sato 2026-11-27T15:00:00+09:00 2026-11-27T16:00:00+09:00\n",
    NULL,
    "show call 2026-11-26T20:30:00+01:00\n"
    "reason call early for you\n"
    "reason call 15:00-16:00 Asia/Tokyo time (07:00-08:00 for you)\n"
    "reason call on day 10\n" },

  /* Los Angeles employer, user in Tokyo (17 h ahead): 10:00 PST is 03:00
   * and 15:00 PST 08:00 the next morning in Tokyo; the window told in the
   * user's zone names that other day */
  { "/engine/call/los-angeles-for-tokyo", "Asia/Tokyo", "2026-11-16T12:00:00-08:00", NULL,
    "{'company': <'West Co'>, 'interviewed_at': <'2026-11-16 10:00'>, "
    "'timezone': <'America/Los_Angeles'>, 'contacts': <[" JANE "]>, 'decision_in_days': <7>}",
    "thank-you Jane Doe 2026-11-16T15:00:00-08:00 2026-11-17T10:00:00-08:00\n"
    "follow-up-email Jane Doe 2026-11-23T15:00:00-08:00 2026-11-26T15:00:00-08:00\n"
    "call Jane Doe 2026-11-26T15:00:00-08:00 2026-11-26T16:00:00-08:00\n",
    NULL, "reason call 15:00-16:00 America/Los_Angeles time (Fri 08:00-09:00 for you)\n" },

  /* Kolkata, user in Berlin (4:30 behind): 10:00 IST is 05:30 in Berlin,
   * quiet; 15:00 IST is 10:30 there, a good window. Thank-you 12:00 IST =
   * 07:30 Berlin -> 08:00 = 12:30 IST; email 11-24 11:00 IST = 06:30 -> 12:30 */
  { "/engine/call/kolkata-for-berlin", BERLIN, "2026-11-17T11:45:00+05:30", NULL,
    "{'company': <'Bharat Ltd'>, 'interviewed_at': <'2026-11-17 11:00'>, "
    "'timezone': <'Asia/Kolkata'>, 'decision_in_days': <7>}",
    "thank-you - 2026-11-17T12:30:00+05:30 2026-11-18T11:00:00+05:30\n"
    "follow-up-email - 2026-11-24T12:30:00+05:30 2026-11-27T15:00:00+05:30\n"
    "call - 2026-11-27T15:00:00+05:30 2026-11-27T16:00:00+05:30\n",
    NULL, "show call 2026-11-27T15:00:00+05:30\nno-reason call early\n" },

  /* a window half in the user's night keeps its other half: Berlin 10-11 is
   * 09:00-10:00 in London, for a user whose quiet hours end at 09:30 */
  { "/engine/call/window-clipped", "Europe/London", "2026-11-20T16:00:00+01:00",
    "{'quiet_hours': <'21:00-09:30'>}",
    "{'company': <'Blau GmbH'>, 'interviewed_at': <'2026-11-20 15:00'>, "
    "'timezone': <'Europe/Berlin'>, 'decision_in_days': <7>, "
    "'events': <[{'type': <'thank-you'>, 'at': <'2026-11-20 17:00'>}]>}",
    "follow-up-email - 2026-11-27T15:00:00+01:00 2026-11-30T10:30:00+01:00\n"
    "call - 2026-11-30T10:30:00+01:00 2026-11-30T11:00:00+01:00\n" },

  /* Friday 11-20 21:30: day 7 is Friday 11-27 21:30, quiet -> Saturday 08:00,
   * no workday -> Monday 11-30, its first moment outside quiet hours, 08:00;
   * no timeline -> call day 14 = Friday 12-04 */
  { "/engine/quiet-hours/friday-night-email-on-monday", NY, "2026-11-20T21:45:00-05:00", NULL,
    "{'company': <'Night Owl Inc'>, 'interviewed_at': <'2026-11-20 21:30'>, "
    "'timezone': <'America/New_York'>}",
    "thank-you - 2026-11-21T08:00:00-05:00 2026-11-21T21:30:00-05:00\n"
    "follow-up-email - 2026-11-30T08:00:00-05:00 2026-12-04T10:00:00-05:00\n"
    "call - 2026-12-04T10:00:00-05:00 2026-12-04T11:00:00-05:00\n",
    NULL, "reason follow-up-email 10 days have passed\n" },

  /* two hours for the note, interview Wednesday 11-18 20:30: an hour later is
   * quiet, and their end (08:00) is past the deadline (22:30): just before
   * the quiet hours start, 20:45 */
  { "/engine/thank-you/before-its-deadline", NY, "2026-11-18T20:40:00-05:00",
    "{'thank_you_within_hours': <2>}",
    "{'company': <'Night Owl Inc'>, 'interviewed_at': <'2026-11-18 20:30'>, "
    "'timezone': <'America/New_York'>}",
    "thank-you - 2026-11-18T20:45:00-05:00 2026-11-18T22:30:00-05:00\n"
    "follow-up-email - 2026-11-25T20:30:00-05:00 2026-12-02T10:00:00-05:00\n"
    "call - 2026-12-02T10:00:00-05:00 2026-12-02T11:00:00-05:00\n",
    NULL, "reason thank-you within 2 hours\n" },

  /* one hour for the note: "within 1 hour", due half an hour after */
  { "/engine/thank-you/one-hour", NY, "2026-11-18T14:10:00-05:00",
    "{'thank_you_within_hours': <1>}",
    "{'company': <'Acme Corp'>, 'interviewed_at': <'2026-11-18 14:00'>, "
    "'timezone': <'America/New_York'>, 'decision_in_days': <7>}",
    "thank-you - 2026-11-18T14:30:00-05:00 2026-11-18T15:00:00-05:00\n"
    "follow-up-email - 2026-11-25T14:00:00-05:00 2026-11-30T10:00:00-05:00\n"
    "call - 2026-11-30T10:00:00-05:00 2026-11-30T11:00:00-05:00\n",
    NULL, "reason thank-you within 1 hour,\nreason follow-up-email 7 days have passed\n" },

  /* back after days off, at 01:59 on Tuesday 11-24: the thank-you's deadline
   * (11-17) is long past, it is gone; the overdue email pops up when the
   * quiet hours end, 08:00 */
  { "/engine/catch-up/not-at-night", NY, "2026-11-24T01:59:00-05:00", NULL,
    "{'company': <'Acme Corp'>, 'interviewed_at': <'2026-11-16 10:30'>, "
    "'timezone': <'America/New_York'>, 'contacts': <[" JANE "]>}",
    "follow-up-email Jane Doe 2026-11-23T10:30:00-05:00 2026-11-30T10:00:00-05:00\n"
    "call Jane Doe 2026-11-30T10:00:00-05:00 2026-11-30T11:00:00-05:00\n",
    NULL, "show follow-up-email 2026-11-24T08:00:00-05:00\n" },

  /* the email's end is the call's day: past it, only the call is left */
  { "/engine/email/ends-at-the-call", NY, "2026-11-30T10:30:00-05:00", NULL,
    "{" ACME_FRIDAY ", 'events': <[" EV_THANKED "]>}",
    "call Jane Doe 2026-11-30T10:00:00-05:00 2026-11-30T11:00:00-05:00\n" },

  /* told a week (call day 10 = Monday 11-30); a polite answer without a date
   * on Monday 11-23 keeps the call on 11-30 */
  { "/engine/response/keeps-stated-date", NY, "2026-11-23T13:00:00-05:00", NULL,
    "{" ACME_FRIDAY ", 'events': <[" EV_THANKED ", "
    "{'type': <'response'>, 'at': <'2026-11-23 12:00'>}]>}",
    "call Jane Doe 2026-11-30T10:00:00-05:00 2026-11-30T11:00:00-05:00\n", NULL,
    "reason call no new date\n" },

  /* rejected by hand in the file, the interview thank-you recorded: dated
   * from when the daemon first saw it, Wednesday 12-02 09:00 */
  { "/engine/rejected/set-by-hand", NY, "2026-12-02T09:30:00-05:00", NULL,
    "{" ACME_FRIDAY ", 'status': <'rejected'>, 'events': <[" EV_THANKED "]>}",
    "thanks-after-rejection Jane Doe 2026-12-02T10:00:00-05:00 2026-12-03T10:00:00-05:00\n",
    "seen 2026-12-02T09:00:00-05:00\n" },

  /* --schedule knows no such time: it goes by now */
  { "/engine/rejected/set-by-hand-no-state", NY, "2026-12-02T09:30:00-05:00", NULL,
    "{" ACME_FRIDAY ", 'status': <'rejected'>, 'events': <[" EV_THANKED "]>}",
    "thanks-after-rejection Jane Doe 2026-12-02T10:30:00-05:00 2026-12-03T10:30:00-05:00\n" },

  /* the call was shown on 11-30 10:00, 15:00 and 12-01 10:00 and never
   * recorded: after that third window closes (11:00) it is let go */
  { "/engine/call/let-go-after-three-windows", NY, "2026-12-01T11:30:00-05:00", NULL,
    "{" ACME_FRIDAY ", 'events': <[" EV_THANKED ", " EV_EMAILED "]>}",
    "move-on - 2026-12-01T11:00:00-05:00 -\n", "windows call 3 2026-12-01T10:00:00-05:00\n",
    "reason move-on 3 calling windows\n" },

  /* the machine was off through the windows: once move_on_after_days (7)
   * have passed since the first one, 12-07 10:00, it is let go all the same */
  { "/engine/call/let-go-after-days", NY, "2026-12-08T10:30:00-05:00", NULL,
    "{" ACME_FRIDAY ", 'events': <[" EV_THANKED ", " EV_EMAILED "]>}",
    "move-on - 2026-12-07T10:00:00-05:00 -\n", NULL, "reason move-on 7 days have passed\n" },

  /* before that, the call stays */
  { "/engine/call/shown-twice-stays", NY, "2026-12-01T09:00:00-05:00", NULL,
    "{" ACME_FRIDAY ", 'events': <[" EV_THANKED ", " EV_EMAILED "]>}",
    "call Jane Doe 2026-12-01T10:00:00-05:00 2026-12-01T11:00:00-05:00\n",
    "windows call 2 2026-11-30T15:00:00-05:00\n" },

  /* Bob prefers email and has no phone: an email check-in on the call's day,
   * when the first window opens */
  { "/engine/check-in/prefers-email", NY, "2026-11-21T10:00:00-05:00", NULL,
    "{'company': <'Acme Corp'>, 'interviewed_at': <'2026-11-20 14:00'>, "
    "'timezone': <'America/New_York'>, 'contacts': <[" BOB_EMAIL "]>, "
    "'decision_in_days': <7>, 'events': <[" EV_THANKED "]>}",
    "follow-up-email Bob Roe 2026-11-27T14:00:00-05:00 2026-11-30T10:00:00-05:00\n"
    "check-in Bob Roe 2026-11-30T10:00:00-05:00 -\n",
    NULL, "reason check-in prefers email\n" },

  /* only an address on file: the same, and an unanswered check-in is tried
   * once more after three workdays, Thursday 12-03 */
  { "/engine/check-in/retry", NY, "2026-11-30T11:00:00-05:00", NULL,
    "{'company': <'Acme Corp'>, 'interviewed_at': <'2026-11-20 14:00'>, "
    "'timezone': <'America/New_York'>, 'contacts': <[" BOB "]>, "
    "'decision_in_days': <7>, 'events': <[" EV_THANKED ", " EV_EMAILED ", "
    "{'type': <'check-in'>, 'at': <'2026-11-30 10:20'>}]>}",
    "check-in Bob Roe 2026-12-03T10:00:00-05:00 -\n" },

  /* two check-ins are max_calls: move on a week after the second */
  { "/engine/check-in/counts-like-a-call", NY, "2026-12-03T11:00:00-05:00", NULL,
    "{'company': <'Acme Corp'>, 'interviewed_at': <'2026-11-20 14:00'>, "
    "'timezone': <'America/New_York'>, 'contacts': <[" BOB "]>, "
    "'decision_in_days': <7>, 'events': <[" EV_THANKED ", " EV_EMAILED ", "
    "{'type': <'check-in'>, 'at': <'2026-11-30 10:20'>}, "
    "{'type': <'check-in'>, 'at': <'2026-12-03 10:20'>}]>}",
    "move-on - 2026-12-10T10:20:00-05:00 -\n" },

  /* at 11:30 the call moved on to 15:00: the reason names that window */
  { "/engine/reason/window-it-is-in", NY, "2026-11-30T11:30:00-05:00", NULL,
    "{" ACME_FRIDAY ", 'events': <[" EV_THANKED ", " EV_EMAILED "]>}",
    "call Jane Doe 2026-11-30T15:00:00-05:00 2026-11-30T16:00:00-05:00\n", NULL,
    "reason call 15:00-16:00 is when\nno-reason call 10:00-11:00\nno-reason call for you\n" },

  /* a snooze into the evening: the call goes to the next window, Tuesday
   * 12-01 10:00 */
  { "/engine/snooze/call-to-next-open-window", NY, "2026-11-30T10:10:00-05:00", NULL,
    "{" ACME_FRIDAY ", 'events': <[" EV_THANKED ", " EV_EMAILED "]>}",
    "call Jane Doe 2026-12-01T10:00:00-05:00 2026-12-01T11:00:00-05:00\n",
    "snooze call 2026-11-30T17:00:00-05:00\n" },

  /* a snooze of a note into the night waits for the morning */
  { "/engine/snooze/note-not-at-night", NY, "2026-11-20T15:30:00-05:00", NULL, "{" ACME_FRIDAY "}",
    "thank-you Jane Doe 2026-11-21T08:00:00-05:00 2026-11-21T14:00:00-05:00\n"
    "follow-up-email Jane Doe 2026-11-27T14:00:00-05:00 2026-11-30T10:00:00-05:00\n"
    "call Jane Doe 2026-11-30T10:00:00-05:00 2026-11-30T11:00:00-05:00\n",
    "snooze thank-you 2026-11-20T23:00:00-05:00\n" },

  /* a note snoozed into the quiet hours whose end is past its deadline
   * (22:30) stays at the snooze's end, 21:30, not lost at 08:00 */
  { "/engine/snooze/note-never-past-its-deadline", NY, "2026-11-18T20:50:00-05:00",
    "{'thank_you_within_hours': <2>}",
    "{'company': <'Night Owl Inc'>, 'interviewed_at': <'2026-11-18 20:30'>, "
    "'timezone': <'America/New_York'>}",
    "thank-you - 2026-11-18T21:30:00-05:00 2026-11-18T22:30:00-05:00\n"
    "follow-up-email - 2026-11-25T20:30:00-05:00 2026-12-02T10:00:00-05:00\n"
    "call - 2026-12-02T10:00:00-05:00 2026-12-02T11:00:00-05:00\n",
    "snooze thank-you 2026-11-18T21:30:00-05:00\n" },

  /* Thursday 11-26 is the employer's own holiday (Thanksgiving), Monday
   * 11-30 Jane's: interview Thursday 11-19, day 7 -> Friday 11-27; told 7 ->
   * day 10 = Sunday 11-29 -> Tuesday 12-01 */
  { "/engine/holidays/record-and-contact", NY, "2026-11-20T10:00:00-05:00", NULL,
    "{'company': <'Acme Corp'>, 'interviewed_at': <'2026-11-19 14:00'>, "
    "'timezone': <'America/New_York'>, 'holidays': <['2026-11-26']>, "
    "'contacts': <[{'name': <'Jane Doe'>, 'phone': <'+1 555 0100'>, "
    "'holidays': <['2026-11-30']>}]>, 'decision_in_days': <7>, "
    "'events': <[{'type': <'thank-you'>, 'at': <'2026-11-19 17:00'>}]>}",
    "follow-up-email Jane Doe 2026-11-27T14:00:00-05:00 2026-12-01T10:00:00-05:00\n"
    "call Jane Doe 2026-12-01T10:00:00-05:00 2026-12-01T11:00:00-05:00\n" },

  /* skip: a call you chose not to make counts as made; the retry follows
   * on the third workday, Thursday 12-03 */
  { "/engine/skip/call-counts-as-made", NY, "2026-11-30T10:10:00-05:00", NULL,
    "{" ACME_FRIDAY ", 'events': <[" EV_THANKED ", " EV_EMAILED ", "
    "{'type': <'call'>, 'at': <'2026-11-30 10:05'>, 'skipped': <true>}]>}",
    "call Jane Doe 2026-12-03T10:00:00-05:00 2026-12-03T11:00:00-05:00\n", NULL,
    "reason call You chose not to call on\n" },

  /* with max_calls 1 a skipped call is the last: move on a week later */
  { "/engine/skip/call-with-max-calls-one", NY, "2026-11-30T10:10:00-05:00", "{'max_calls': <1>}",
    "{" ACME_FRIDAY ", 'events': <[" EV_THANKED ", " EV_EMAILED ", "
    "{'type': <'call'>, 'at': <'2026-11-30 10:05'>, 'skipped': <true>}]>}",
    "move-on - 2026-12-07T10:05:00-05:00 -\n" },

  /* a skipped thank-you and email end their steps like sent ones */
  { "/engine/skip/notes", NY, "2026-11-20T15:30:00-05:00", NULL,
    "{" ACME_FRIDAY ", 'events': <["
    "{'type': <'thank-you'>, 'at': <'2026-11-20 15:10'>, 'skipped': <true>}, "
    "{'type': <'email'>, 'at': <'2026-11-20 15:20'>, 'skipped': <true>}]>}",
    "call Jane Doe 2026-11-30T10:00:00-05:00 2026-11-30T11:00:00-05:00\n" },

  /* R23: call_after_decision_factor 2.0 (as one article advises): told 7
   * days -> day 14 = Friday 12-04; the email on day 7 stays until the call */
  { "/engine/factor/double", NY, "2026-11-20T15:30:00-05:00",
    "{'call_after_decision_factor': <2.0>}", "{" ACME_FRIDAY "}",
    "thank-you Jane Doe 2026-11-20T15:00:00-05:00 2026-11-21T14:00:00-05:00\n"
    "follow-up-email Jane Doe 2026-11-27T14:00:00-05:00 2026-12-04T10:00:00-05:00\n"
    "call Jane Doe 2026-12-04T10:00:00-05:00 2026-12-04T11:00:00-05:00\n" },

  /* "3/2": told 7 -> ceil(10.5) = day 11 = Tuesday 12-01 */
  { "/engine/factor/fraction", NY, "2026-11-20T15:30:00-05:00",
    "{'call_after_decision_factor': <'3/2'>}", "{" ACME_FRIDAY "}",
    "thank-you Jane Doe 2026-11-20T15:00:00-05:00 2026-11-21T14:00:00-05:00\n"
    "follow-up-email Jane Doe 2026-11-27T14:00:00-05:00 2026-12-01T10:00:00-05:00\n"
    "call Jane Doe 2026-12-01T10:00:00-05:00 2026-12-01T11:00:00-05:00\n",
    NULL, "reason call hiring often takes longer than planned\n" },

  /* R16: an upcoming interview, Thursday 12-10 14:00: prepare an hour
   * before, until it starts; then the thank-you; email on day 7 (Thursday
   * 12-17), call on day 10 = Sunday 12-20 -> Monday 12-21 */
  { "/engine/prepare/an-hour-before", NY, "2026-12-09T12:00:00-05:00", NULL,
    "{'company': <'Acme Corp'>, 'interviewed_at': <'2026-12-10 14:00'>, "
    "'timezone': <'America/New_York'>, 'contacts': <[" JANE "]>, 'decision_in_days': <7>}",
    "prepare - 2026-12-10T13:00:00-05:00 2026-12-10T14:00:00-05:00\n"
    "thank-you Jane Doe 2026-12-10T15:00:00-05:00 2026-12-11T14:00:00-05:00\n"
    "follow-up-email Jane Doe 2026-12-17T14:00:00-05:00 2026-12-21T10:00:00-05:00\n"
    "call Jane Doe 2026-12-21T10:00:00-05:00 2026-12-21T11:00:00-05:00\n",
    NULL,
    "reason prepare when they expect to decide\nreason prepare call or an email\n"
    "no-reason thank-you Write down\n" },

  /* an 08:30 interview: an hour before is in the quiet hours (21-08), so the
   * evening before, 15 minutes before they start */
  { "/engine/prepare/evening-before", NY, "2026-12-09T12:00:00-05:00",
    "{'prepare_before_minutes': <60>}",
    "{'company': <'Acme Corp'>, 'interviewed_at': <'2026-12-10 08:30'>, "
    "'timezone': <'America/New_York'>, 'contacts': <[" JANE "]>, 'decision_in_days': <7>}",
    "prepare - 2026-12-09T20:45:00-05:00 2026-12-10T08:30:00-05:00\n"
    "thank-you Jane Doe 2026-12-10T09:30:00-05:00 2026-12-11T08:30:00-05:00\n"
    "follow-up-email Jane Doe 2026-12-17T08:30:00-05:00 2026-12-21T10:00:00-05:00\n"
    "call Jane Doe 2026-12-21T10:00:00-05:00 2026-12-21T11:00:00-05:00\n" },

  /* prepared: recorded the evening before, so no prepare step */
  { "/engine/prepare/done", NY, "2026-12-09T21:00:00-05:00", "{'prepare_before_minutes': <120>}",
    "{'company': <'Acme Corp'>, 'interviewed_at': <'2026-12-10 14:00'>, "
    "'timezone': <'America/New_York'>, 'contacts': <[" JANE "]>, 'decision_in_days': <7>, "
    "'events': <[{'type': <'prepare'>, 'at': <'2026-12-09 20:50'>}]>}",
    "thank-you Jane Doe 2026-12-10T15:00:00-05:00 2026-12-11T14:00:00-05:00\n"
    "follow-up-email Jane Doe 2026-12-17T14:00:00-05:00 2026-12-21T10:00:00-05:00\n"
    "call Jane Doe 2026-12-21T10:00:00-05:00 2026-12-21T11:00:00-05:00\n" },

  /* R16 with R1: the interview is over and nobody's name or timeline was
   * noted: the thank-you asks for both */
  { "/engine/debrief/no-contact-no-timeline", NY, "2026-11-20T15:30:00-05:00", NULL,
    "{'company': <'Acme Corp'>, 'interviewed_at': <'2026-11-20 14:00'>, "
    "'timezone': <'America/New_York'>}",
    "thank-you - 2026-11-20T15:00:00-05:00 2026-11-21T14:00:00-05:00\n"
    "follow-up-email - 2026-11-27T14:00:00-05:00 2026-12-04T10:00:00-05:00\n"
    "call - 2026-12-04T10:00:00-05:00 2026-12-04T11:00:00-05:00\n",
    NULL, "reason thank-you who interviewed you and when they expect to decide\n" },

  /* R17: a second round on Tuesday 12-01 11:00 with Jane and Bob, told 5
   * days: both are thanked (Jane again, though thanked after round one);
   * the first round's voicemail retry retires; the call is on day
   * ceil(50/7) = 8 from the round, Wednesday 12-09, and the email (day 7,
   * 12-08) is within two days of it, so it goes */
  { "/engine/rounds/second-round", NY, "2026-12-01T12:30:00-05:00", NULL,
    "{" ACME_FRIDAY_BOB ", 'rounds': <[{'at': <'2026-12-01 11:00'>, "
    "'with': <['Jane Doe', 'Bob Roe']>, 'decision_in_days': <5>}]>, 'events': <["
    "{'type': <'thank-you'>, 'at': <'2026-11-20 18:30'>, 'contact': <'Jane Doe'>}, " EV_EMAILED
    ", " EV_CALL_VOICEMAIL "]>}",
    "thank-you Bob Roe 2026-12-01T12:00:00-05:00 2026-12-02T11:00:00-05:00\n"
    "thank-you Jane Doe 2026-12-01T12:00:00-05:00 2026-12-02T11:00:00-05:00\n"
    "call Jane Doe 2026-12-09T10:00:00-05:00 2026-12-09T11:00:00-05:00\n" },

  /* an upcoming round, Thursday 12-03 10:00, with Bob only: its own prepare
   * and Bob's thank-you; nothing of round one is listed any more (its retry
   * retires); the email goes, as in round one, to the record's contact for
   * email (no one prefers it: the first), the call to the one who prefers
   * calls */
  { "/engine/rounds/upcoming-round", NY, "2026-12-02T12:00:00-05:00", NULL,
    "{" ACME_FRIDAY_BOB ", 'rounds': <[{'at': <'2026-12-03 10:00'>, "
    "'with': <['Bob Roe']>, 'decision_in_days': <7>}]>, 'events': <[" EV_THANKED ", " EV_EMAILED
    ", " EV_CALL_VOICEMAIL "]>}",
    "prepare - 2026-12-03T09:00:00-05:00 2026-12-03T10:00:00-05:00\n"
    "thank-you Bob Roe 2026-12-03T11:00:00-05:00 2026-12-04T10:00:00-05:00\n"
    "follow-up-email Jane Doe 2026-12-10T10:00:00-05:00 2026-12-14T10:00:00-05:00\n"
    "call Jane Doe 2026-12-14T10:00:00-05:00 2026-12-14T11:00:00-05:00\n" },

  /* a round's own events count: a voicemail after round two is its retry */
  { "/engine/rounds/retry-in-round", NY, "2026-12-14T10:10:00-05:00", NULL,
    "{" ACME_FRIDAY_BOB ", 'rounds': <[{'at': <'2026-12-03 10:00'>, "
    "'with': <['Bob Roe']>, 'decision_in_days': <7>}]>, 'events': <[" EV_THANKED ", " EV_EMAILED
    ", " EV_CALL_VOICEMAIL ", {'type': <'thank-you'>, 'at': <'2026-12-03 12:00'>}, "
    "{'type': <'email'>, 'at': <'2026-12-10 10:00'>}, "
    "{'type': <'call'>, 'at': <'2026-12-14 10:05'>, 'outcome': <'voicemail'>}]>}",
    "call Jane Doe 2026-12-17T10:00:00-05:00 2026-12-17T11:00:00-05:00\n", NULL,
    "reason call call 2 of at most 2\n" },

};

#define GOOD_RECORD_START "'company': <'Acme Corp'>, 'interviewed_at': <'2026-11-20 14:00'>, "

static const InvalidCase invalid_cases[] = {
  { "/validate/record/missing-company", FALSE,
    "{'interviewed_at': <'2026-11-20 14:00'>, 'timezone': <'America/New_York'>}", "company" },
  { "/validate/record/bad-id", FALSE,
    "{'id': <'acme corp!'>, 'company': <'Acme Corp'>, 'interviewed_at': <'2026-11-20 14:00'>}",
    "id" },
  { "/validate/record/company-not-text", FALSE,
    "{'company': <42>, 'interviewed_at': <'2026-11-20 14:00'>}", "company" },
  { "/validate/record/missing-time", FALSE, "{'company': <'Acme Corp'>}", "interviewed_at" },
  { "/validate/record/bad-time", FALSE,
    "{'company': <'Acme Corp'>, 'interviewed_at': <'2026-11-20 25:00'>}", "interviewed_at" },
  { "/validate/record/bad-date", FALSE,
    "{'company': <'Acme Corp'>, 'interviewed_at': <'2026-02-30 14:00'>}", "interviewed_at" },
  { "/validate/record/unknown-zone", FALSE,
    "{" GOOD_RECORD_START "'timezone': <'Mars/Olympus_Mons'>}", "timezone" },
  { "/validate/record/unknown-status", FALSE, "{" GOOD_RECORD_START "'status': <'ghosted'>}",
    "status" },
  { "/validate/record/bad-decision-by", FALSE,
    "{" GOOD_RECORD_START "'decision_by': <'2026-13-01'>}", "decision_by" },
  { "/validate/record/unknown-event-type", FALSE,
    "{" GOOD_RECORD_START "'events': <[" EV_THANKED ", "
    "{'type': <'lunch'>, 'at': <'2026-11-21 12:00'>}]>}",
    "events.2.type" },
  { "/validate/record/unknown-call-outcome", FALSE,
    "{" GOOD_RECORD_START
    "'events': <[{'type': <'call'>, 'at': <'2026-11-30 10:05'>, 'outcome': <'busy'>}]>}",
    "events.1.outcome" },
  { "/validate/record/bad-event-time", FALSE,
    "{" GOOD_RECORD_START "'events': <[{'type': <'email'>, 'at': <'last week'>}]>}",
    "events.1.at" },
  { "/validate/record/unknown-contact-zone", FALSE,
    "{" GOOD_RECORD_START "'contacts': <[{'name': <'Jane Doe'>, "
    "'timezone': <'Nowhere/Town'>}]>}",
    "contacts.1.timezone" },
  { "/validate/policy/bad-window", TRUE, "{'call_windows': <['10-11']>}", "call_windows" },
  { "/validate/policy/bad-workday", TRUE, "{'workdays': <['Mon', 'Funday']>}", "workdays" },
  { "/validate/policy/bad-holiday", TRUE, "{'holidays': <['2026-02-30']>}", "holidays" },
  { "/validate/policy/bad-quiet-hours", TRUE, "{'quiet_hours': <'late'>}", "quiet_hours" },
  { "/validate/policy/zero-calls", TRUE, "{'max_calls': <0>}", "max_calls" },
  { "/validate/record/skipped-answer", FALSE,
    "{" GOOD_RECORD_START
    "'events': <[{'type': <'response'>, 'at': <'2026-11-25 10:00'>, 'skipped': <true>}]>}",
    "events.1.skipped" },
  { "/validate/record/skipped-call-with-outcome", FALSE,
    "{" GOOD_RECORD_START "'events': <[{'type': <'call'>, 'at': <'2026-11-25 10:00'>, "
    "'outcome': <'reached'>, 'skipped': <true>}]>}",
    "events.1.outcome" },
  { "/validate/record/skipped-not-a-boolean", FALSE,
    "{" GOOD_RECORD_START
    "'events': <[{'type': <'email'>, 'at': <'2026-11-25 10:00'>, 'skipped': <'yes'>}]>}",
    "events.1.skipped" },
  { "/validate/policy/factor-below-one", TRUE, "{'call_after_decision_factor': <'1/2'>}",
    "call_after_decision_factor" },
  { "/validate/policy/factor-too-large", TRUE, "{'call_after_decision_factor': <5.0>}",
    "call_after_decision_factor" },
  { "/validate/policy/factor-not-a-fraction", TRUE, "{'call_after_decision_factor': <'ten'>}",
    "call_after_decision_factor" },
  { "/validate/policy/prepare-too-late", TRUE, "{'prepare_before_minutes': <1>}",
    "prepare_before_minutes" },
  { "/validate/record/round-before-interview", FALSE,
    "{" GOOD_RECORD_START "'rounds': <[{'at': <'2026-11-19 10:00'>}]>}", "rounds.1.at" },
  { "/validate/record/round-with-unknown-person", FALSE,
    "{" GOOD_RECORD_START "'contacts': <[" JANE "]>, "
    "'rounds': <[{'at': <'2026-11-25 10:00'>, 'with': <['Jane Doe', 'Max Mustermann']>}]>}",
    "rounds.1.with" },
  { "/validate/record/round-with-twice", FALSE,
    "{" GOOD_RECORD_START "'contacts': <[" JANE "]>, "
    "'rounds': <[{'at': <'2026-11-25 10:00'>, 'with': <['Jane Doe', 'Jane Doe']>}]>}",
    "rounds.1.with" },
  { "/validate/record/round-unknown-key", FALSE,
    "{" GOOD_RECORD_START "'rounds': <[{'at': <'2026-11-25 10:00'>, 'where': <'Berlin'>}]>}",
    "rounds.1.where" },
  { "/validate/record/round-bad-decision", FALSE,
    "{" GOOD_RECORD_START "'rounds': <[{'at': <'2026-11-25 10:00'>, 'decision_in_days': <0>}]>}",
    "rounds.1.decision_in_days" },
};

static GVariant *
parse_dict (const char *text)
{
  g_autoptr (GError) error = NULL;
  GVariant *dict = g_variant_parse (G_VARIANT_TYPE_VARDICT, text, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dict);
  return dict;
}

/* the store gives a record without one its generated id before validating it,
 * so the validator insists on an id: give the cases one the same way */
static GVariant *
parse_record_dict (const char *text)
{
  g_autoptr (GVariant) dict = parse_dict (text);
  g_autoptr (GVariant) id = g_variant_lookup_value (dict, "id", NULL);

  if (id != NULL)
    return g_steal_pointer (&dict);
  return followup_variant_set (dict, "id", g_variant_new_string ("test-record"));
}

static FollowupPolicy *
load_policy (const char *text)
{
  g_autoptr (GVariant) dict = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *bad_key = NULL;
  FollowupPolicy *policy;

  if (text == NULL)
    return followup_policy_new_default ();
  dict = parse_dict (text);
  policy = followup_policy_new_from_variant (dict, &bad_key, &error);
  g_assert_no_error (error);
  g_assert_null (bad_key);
  g_assert_nonnull (policy);
  return policy;
}

static FollowupRecord *
load_record (const char *text, GTimeZone *user_tz)
{
  g_autoptr (GVariant) dict = parse_record_dict (text);
  g_autoptr (GError) error = NULL;
  g_autofree char *bad_key = NULL;
  FollowupRecord *record = followup_record_new_from_variant (dict, user_tz, &bad_key, &error);

  g_assert_no_error (error);
  g_assert_null (bad_key);
  g_assert_nonnull (record);
  return record;
}

/* "ACTION CONTACT|- DUE UNTIL|-" */
static char *
render_reminder (const FollowupReminder *reminder)
{
  g_autofree char *due = followup_format_iso (reminder->due);
  g_autofree char *until = reminder->until ? followup_format_iso (reminder->until) : NULL;

  return g_strdup_printf ("%s %s %s %s", followup_action_to_string (reminder->action),
                          reminder->contact ? reminder->contact : "-", due, until ? until : "-");
}

/* the due field is the one before last (a contact's name may hold spaces) */
static gint64
line_due (const char *line)
{
  g_auto (GStrv) fields = g_strsplit (line, " ", -1);
  guint n = g_strv_length (fields);
  g_autoptr (GDateTime) due = NULL;

  g_assert_cmpuint (n, >=, 4);
  due = g_date_time_new_from_iso8601 (fields[n - 2], NULL);
  g_assert_nonnull (due);
  return g_date_time_to_unix (due);
}

/* steps due at the same instant (two thank-yous) may come in either order */
static gint
compare_lines (gconstpointer a, gconstpointer b)
{
  const char *la = *(const char *const *) a;
  const char *lb = *(const char *const *) b;
  gint64 da = line_due (la), db = line_due (lb);

  if (da != db)
    return da < db ? -1 : 1;
  return strcmp (la, lb);
}

static char *
normalize_schedule (GPtrArray *lines)
{
  GString *out = g_string_new (NULL);

  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s\n", (const char *) g_ptr_array_index (lines, i));
  return g_string_free (out, FALSE);
}

static char *
expected_schedule (const char *text)
{
  g_auto (GStrv) split = g_strsplit (text, "\n", -1);
  g_autoptr (GPtrArray) lines = g_ptr_array_new ();

  for (guint i = 0; split[i] != NULL; i++) {
    if (*split[i] != '\0')
      g_ptr_array_add (lines, split[i]);
  }
  return normalize_schedule (lines);
}

static char *
actual_schedule (GPtrArray *reminders, FollowupRecord *record)
{
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < reminders->len; i++) {
    const FollowupReminder *reminder = g_ptr_array_index (reminders, i);
    g_autofree char *line = NULL;

    g_assert_nonnull (reminder->due);
    line = render_reminder (reminder);
    g_test_message ("engine: %s (%s)", line, reminder->reason ? reminder->reason : "no reason");
    g_assert_true (reminder->record == record);
    g_assert_nonnull (reminder->reason);
    g_assert_cmpstr (reminder->reason, !=, "");
    g_assert_nonnull (reminder->key);
    if (reminder->until != NULL)
      g_assert_cmpint (g_date_time_compare (reminder->due, reminder->until), <, 0);
    /* the engine promises its list sorted by due */
    if (i > 0) {
      const FollowupReminder *prev = g_ptr_array_index (reminders, i - 1);

      g_assert_cmpint (g_date_time_compare (prev->due, reminder->due), <=, 0);
    }
    g_ptr_array_add (lines, g_steal_pointer (&line));
  }
  return normalize_schedule (lines);
}

static const FollowupReminder *
find_action (GPtrArray *reminders, const char *action)
{
  for (guint i = 0; i < reminders->len; i++) {
    const FollowupReminder *r = g_ptr_array_index (reminders, i);

    if (g_strcmp0 (followup_action_to_string (r->action), action) == 0)
      return r;
  }
  g_error ("the case names a %s step the schedule does not have", action);
  return NULL;
}

static void
table_put (GHashTable *table, const char *key, gint64 value)
{
  g_hash_table_insert (table, g_strdup (key), g_memdup2 (&value, sizeof value));
}

static gint64
parse_unix (const char *iso)
{
  g_autoptr (GDateTime) t = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (t);
  return g_date_time_to_unix (t);
}

/* the state lines name steps by action: their keys come from a first run */
static void
load_state (const EngineCase *c, GPtrArray *first, FollowupRecord *record,
            FollowupEngineInput *input)
{
  g_auto (GStrv) lines = g_strsplit (c->state, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++) {
    g_auto (GStrv) f = g_strsplit (lines[i], " ", -1);
    guint n = g_strv_length (f);

    if (n == 0 || *f[0] == '\0')
      continue;
    if (g_str_equal (f[0], "seen")) {
      g_autofree char *key = followup_engine_status_key (record);

      table_put (input->status_seen, key, parse_unix (f[1]));
    } else if (g_str_equal (f[0], "snooze")) {
      table_put (input->snoozes, find_action (first, f[1])->key, parse_unix (f[2]));
    } else if (g_str_equal (f[0], "windows")) {
      const char *key = find_action (first, f[1])->key;

      table_put (input->windows_shown, key, g_ascii_strtoll (f[2], NULL, 10));
      table_put (input->shown, key, parse_unix (f[3]));
    } else {
      g_error ("unknown state line “%s”", lines[i]);
    }
  }
}

static void
check_extra (const EngineCase *c, GPtrArray *reminders)
{
  g_auto (GStrv) lines = g_strsplit (c->checks, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++) {
    g_auto (GStrv) f = g_strsplit (lines[i], " ", 3);
    const FollowupReminder *r;

    if (*lines[i] == '\0')
      continue;
    g_assert_cmpuint (g_strv_length (f), ==, 3);
    r = find_action (reminders, f[1]);
    if (g_str_equal (f[0], "show")) {
      g_autofree char *show = followup_format_iso (r->show_at);
      g_autoptr (GDateTime) want = g_date_time_new_from_iso8601 (f[2], NULL);

      g_assert_nonnull (want);
      if (!g_date_time_equal (r->show_at, want))
        g_error ("%s shows at %s, not %s", f[1], show, f[2]);
    } else if (g_str_equal (f[0], "reason")) {
      if (strstr (r->reason, f[2]) == NULL)
        g_error ("the reason of %s, “%s”, does not say “%s”", f[1], r->reason, f[2]);
    } else if (g_str_equal (f[0], "no-reason")) {
      if (strstr (r->reason, f[2]) != NULL)
        g_error ("the reason of %s, “%s”, says “%s”", f[1], r->reason, f[2]);
    } else {
      g_error ("unknown check “%s”", lines[i]);
    }
  }
}

static void
test_engine_case (gconstpointer data)
{
  const EngineCase *c = data;
  g_autoptr (GTimeZone) user_tz = g_time_zone_new_identifier (c->user_tz);
  g_autoptr (GDateTime) now = g_date_time_new_from_iso8601 (c->now, NULL);
  g_autoptr (FollowupPolicy) policy = NULL;
  g_autoptr (FollowupRecord) record = NULL;
  g_autoptr (GPtrArray) reminders = NULL;
  g_autoptr (GHashTable) snoozes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) windows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;
  FollowupEngineInput input = { 0 };

  g_assert_nonnull (user_tz);
  g_assert_nonnull (now);
  policy = load_policy (c->policy);
  record = load_record (c->record, user_tz);

  input.policy = policy;
  input.user_tz = user_tz;
  input.now = now;
  reminders = followup_engine_schedule_record (&input, record);
  g_assert_nonnull (reminders);
  if (c->state != NULL) {
    input.snoozes = snoozes;
    input.shown = shown;
    input.windows_shown = windows;
    input.status_seen = seen;
    load_state (c, reminders, record, &input);
    g_ptr_array_unref (reminders);
    reminders = followup_engine_schedule_record (&input, record);
  }

  expected = expected_schedule (c->expected);
  actual = actual_schedule (reminders, record);
  g_assert_cmpstr (actual, ==, expected);
  if (c->checks != NULL)
    check_extra (c, reminders);
}

static void
test_invalid_case (gconstpointer data)
{
  const InvalidCase *c = data;
  g_autoptr (GTimeZone) user_tz = g_time_zone_new_identifier (NY);
  g_autoptr (GVariant) dict = c->is_policy ? parse_dict (c->text) : parse_record_dict (c->text);
  g_autoptr (GError) error = NULL;
  g_autofree char *bad_key = NULL;

  if (c->is_policy) {
    g_autoptr (FollowupPolicy) policy = followup_policy_new_from_variant (dict, &bad_key, &error);

    g_assert_null (policy);
  } else {
    g_autoptr (FollowupRecord) record =
      followup_record_new_from_variant (dict, user_tz, &bad_key, &error);

    g_assert_null (record);
  }
  g_assert_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID);
  g_test_message ("validator: %s", error->message);
  g_assert_cmpstr (bad_key, ==, c->bad_key);
  /* a person reads the message: it must name what is wrong */
  g_assert_nonnull (strstr (error->message, c->bad_key));
}

int
main (int argc, char **argv)
{
  /* the engine must take every zone from its input, never from the process:
   * run under a zone none of the cases uses */
  g_setenv ("TZ", "Pacific/Kiritimati", TRUE);
  tzset ();

  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (engine_cases); i++)
    g_test_add_data_func (engine_cases[i].path, &engine_cases[i], test_engine_case);
  for (gsize i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    g_test_add_data_func (invalid_cases[i].path, &invalid_cases[i], test_invalid_case);

  return g_test_run ();
}

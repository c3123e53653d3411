/* test-time.c: the parsers and formatters behind every time a person types
 * into the record file, the client or the bus
 *
 * expected values were worked out by hand from a calendar (2026-03-08 and
 * 2026-11-01 are the US DST changes, 2026-03-29 and 2026-10-25 the EU ones),
 * never copied from the functions' output */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "followup-error.h"
#include "followup-time.h"
#include "followup-zones.h"

/* assertions are not fatal (see main), so stop before using what is missing */
#define REQUIRE(x)        \
  G_STMT_START            \
  {                       \
    g_assert_nonnull (x); \
    if ((x) == NULL)      \
      return;             \
  }                       \
  G_STMT_END

#define NY "America/New_York"
#define BERLIN "Europe/Berlin"

typedef struct {
  const char *path;
  const char *text;
  const char *zone;     /* the zone used for times without an offset */
  const char *expected; /* ISO-8601 with offset, as followup_format_iso writes it */
} DatetimeCase;

typedef struct {
  const char *path;
  const char *text;
} RejectCase;

typedef struct {
  const char *path;
  const char *text;
  const char *now; /* ISO-8601 with offset */
  const char *zone;
  const char *expected; /* ISO-8601 with offset, or NULL when it must be rejected */
} UserDatetimeCase;

typedef struct {
  const char *path;
  const char *text;
  gint64 expected; /* days or seconds; 0 when it must be rejected */
} AmountCase;

typedef struct {
  const char *path;
  const char *text;
  int start; /* minutes after midnight; -1 when it must be rejected */
  int end;
} RangeCase;

typedef struct {
  const char *path;
  gint64 offset; /* when - now, in seconds */
  const char *expected;
} RelativeCase;

static const DatetimeCase datetime_cases[] = {
  { "/time/datetime/space", "2026-11-20 14:00", NY, "2026-11-20T14:00:00-05:00" },
  { "/time/datetime/t-separator", "2026-11-20T14:00", NY, "2026-11-20T14:00:00-05:00" },
  { "/time/datetime/seconds", "2026-11-20T14:00:30", NY, "2026-11-20T14:00:30-05:00" },
  { "/time/datetime/seconds-with-space", "2026-11-20 09:05:59", NY, "2026-11-20T09:05:59-05:00" },
  /* the record's zone decides the offset, summer or winter */
  { "/time/datetime/zone-summer", "2026-07-01 10:00", NY, "2026-07-01T10:00:00-04:00" },
  { "/time/datetime/zone-berlin", "2026-11-20 14:00", BERLIN, "2026-11-20T14:00:00+01:00" },
  /* an explicit offset wins over the zone */
  { "/time/datetime/offset-colon", "2026-11-20 14:00-05:00", BERLIN, "2026-11-20T14:00:00-05:00" },
  { "/time/datetime/offset-no-colon", "2026-11-20T14:00+0530", NY, "2026-11-20T14:00:00+05:30" },
  { "/time/datetime/offset-with-seconds", "2026-11-20T14:00:15+01:00", NY,
    "2026-11-20T14:00:15+01:00" },
  { "/time/datetime/offset-hours-only", "2026-11-20T14:00+02", NY, "2026-11-20T14:00:00+02:00" },
  { "/time/datetime/utc", "2026-11-20T19:00Z", NY, "2026-11-20T19:00:00+00:00" },
  { "/time/datetime/utc-seconds", "2026-11-20T19:00:00Z", BERLIN, "2026-11-20T19:00:00+00:00" },
  { "/time/datetime/leap-day", "2028-02-29 12:00", NY, "2028-02-29T12:00:00-05:00" },
  { "/time/datetime/midnight", "2026-12-31 00:00", BERLIN, "2026-12-31T00:00:00+01:00" },
  { "/time/datetime/last-minute", "2026-12-31 23:59:59", BERLIN, "2026-12-31T23:59:59+01:00" },
};

static const RejectCase datetime_rejects[] = {
  { "/time/datetime/reject/month-13", "2026-13-01 10:00" },
  { "/time/datetime/reject/month-0", "2026-00-10 10:00" },
  { "/time/datetime/reject/feb-30", "2026-02-30 10:00" },
  { "/time/datetime/reject/feb-29-no-leap", "2026-02-29 10:00" },
  { "/time/datetime/reject/day-0", "2026-11-00 10:00" },
  { "/time/datetime/reject/hour-24", "2026-11-20 24:00" },
  { "/time/datetime/reject/minute-60", "2026-11-20 10:60" },
  { "/time/datetime/reject/second-60", "2026-11-20 10:00:60" },
  { "/time/datetime/reject/trailing-text", "2026-11-20 14:00 sharp" },
  { "/time/datetime/reject/trailing-space", "2026-11-20 14:00 " },
  { "/time/datetime/reject/leading-space", " 2026-11-20 14:00" },
  { "/time/datetime/reject/date-only", "2026-11-20" },
  { "/time/datetime/reject/short-fields", "2026-1-2 4:00" },
  { "/time/datetime/reject/slashes", "2026/11/20 14:00" },
  { "/time/datetime/reject/no-separator", "2026-11-2014:00" },
  { "/time/datetime/reject/empty", "" },
  { "/time/datetime/reject/words", "next tuesday" },
  { "/time/datetime/reject/dangling-colon", "2026-11-20 14:00:" },
  { "/time/datetime/reject/offset-too-big", "2026-11-20 14:00+15:00" },
  { "/time/datetime/reject/offset-minutes-60", "2026-11-20 14:00+05:60" },
  { "/time/datetime/reject/offset-short", "2026-11-20 14:00-5" },
  { "/time/datetime/reject/offset-junk", "2026-11-20 14:00-05:00x" },
  { "/time/datetime/reject/offset-dangling-colon", "2026-11-20 14:00+05:" },
  { "/time/datetime/reject/zone-name", "2026-11-20 14:00 EST" },
  { "/time/datetime/reject/year-1899", "1899-12-31 10:00" },
  { "/time/datetime/reject/signed-field", "2026-+1-20 14:00" },
};

/* the instant is the same wherever now is written: what counts is the date
 * in the zone the user means */
static const UserDatetimeCase user_cases[] = {
  { "/time/user/today", "today 14:00", "2026-11-20T09:00:00-05:00", NY,
    "2026-11-20T14:00:00-05:00" },
  { "/time/user/today-uppercase", "Today 14:00", "2026-11-20T09:00:00-05:00", NY,
    "2026-11-20T14:00:00-05:00" },
  { "/time/user/yesterday", "yesterday 10:30", "2026-11-20T09:00:00-05:00", NY,
    "2026-11-19T10:30:00-05:00" },
  { "/time/user/yesterday-month-boundary", "yesterday 10:30", "2026-03-01T09:00:00+01:00", BERLIN,
    "2026-02-28T10:30:00+01:00" },
  { "/time/user/yesterday-year-boundary", "yesterday 23:00", "2027-01-01T08:00:00+01:00", BERLIN,
    "2026-12-31T23:00:00+01:00" },
  { "/time/user/bare-clock", "14:00", "2026-11-20T09:00:00-05:00", NY,
    "2026-11-20T14:00:00-05:00" },
  /* 02:00 in Berlin is still the 19th in New York */
  { "/time/user/today-in-zone-not-now", "today 14:00", "2026-11-20T02:00:00+01:00", NY,
    "2026-11-19T14:00:00-05:00" },
  /* yesterday of Monday 03-09 (EDT) is Sunday 03-08 (the change): 10:30 EDT */
  { "/time/user/yesterday-across-dst", "yesterday 10:30", "2026-03-09T12:00:00-04:00", NY,
    "2026-03-08T10:30:00-04:00" },
  { "/time/user/full-date", "2026-11-18 16:45", "2026-11-20T09:00:00-05:00", NY,
    "2026-11-18T16:45:00-05:00" },
  { "/time/user/full-date-offset", "2026-11-18T16:45Z", "2026-11-20T09:00:00-05:00", NY,
    "2026-11-18T16:45:00+00:00" },
  { "/time/user/reject/hour-25", "today 25:00", "2026-11-20T09:00:00-05:00", NY, NULL },
  /* an interview to come (issue 12): tomorrow, or the coming weekday; Friday
   * 11-20 names itself, Monday is 11-23, and "thu" the 26th */
  { "/time/user/tomorrow", "tomorrow 10:00", "2026-11-20T09:00:00-05:00", NY,
    "2026-11-21T10:00:00-05:00" },
  { "/time/user/tomorrow-year-boundary", "tomorrow 09:15", "2026-12-31T20:00:00+01:00", BERLIN,
    "2027-01-01T09:15:00+01:00" },
  { "/time/user/weekday-coming", "Monday 14:00", "2026-11-20T09:00:00-05:00", NY,
    "2026-11-23T14:00:00-05:00" },
  { "/time/user/weekday-short", "thu 11:30", "2026-11-20T09:00:00-05:00", NY,
    "2026-11-26T11:30:00-05:00" },
  { "/time/user/weekday-today", "friday 16:00", "2026-11-20T09:00:00-05:00", NY,
    "2026-11-20T16:00:00-05:00" },
  { "/time/user/reject/weekday-junk", "fri-day 10:00", "2026-11-20T09:00:00-05:00", NY, NULL },
  { "/time/user/reject/today-alone", "today", "2026-11-20T09:00:00-05:00", NY, NULL },
  /* a one-digit hour is what people type (issue 16): read, not refused */
  { "/time/user/one-digit-hour", "today 9:00", "2026-11-20T08:00:00-05:00", NY,
    "2026-11-20T09:00:00-05:00" },
  { "/time/user/one-digit-hour-bare", "9:05", "2026-11-20T08:00:00-05:00", NY,
    "2026-11-20T09:05:00-05:00" },
  { "/time/user/one-digit-hour-date", "2026-12-02 9:00", "2026-11-20T08:00:00-05:00", NY,
    "2026-12-02T09:00:00-05:00" },
  { "/time/user/reject/one-digit-minute", "today 9:0", "2026-11-20T09:00:00-05:00", NY, NULL },
  { "/time/user/reject/three-digit-hour", "today 009:00", "2026-11-20T09:00:00-05:00", NY, NULL },
  { "/time/user/reject/clock-junk", "today 14:00 or so", "2026-11-20T09:00:00-05:00", NY, NULL },
  { "/time/user/reject/bare-junk", "14h00", "2026-11-20T09:00:00-05:00", NY, NULL },
  { "/time/user/reject/empty", "", "2026-11-20T09:00:00-05:00", NY, NULL },
};

static const AmountCase days_cases[] = {
  { "/time/days/bare", "7", 7 },
  { "/time/days/d", "7d", 7 },
  { "/time/days/days-spaced", "10 days", 10 },
  { "/time/days/day-singular", "1 day", 1 },
  { "/time/days/upper", "3D", 3 },
  { "/time/days/w", "1w", 7 },
  { "/time/days/weeks", "2 weeks", 14 },
  { "/time/days/week-singular", "1 week", 7 },
  { "/time/days/ten-years", "3650", 3650 },
  { "/time/days/reject/zero", "0", 0 },
  { "/time/days/reject/zero-weeks", "0w", 0 },
  { "/time/days/reject/negative", "-1", 0 },
  { "/time/days/reject/hours", "3h", 0 },
  { "/time/days/reject/minutes", "90m", 0 },
  { "/time/days/reject/words", "lots", 0 },
  { "/time/days/reject/empty", "", 0 },
  { "/time/days/reject/fraction", "1.5", 0 },
  { "/time/days/reject/unknown-unit", "2 fortnights", 0 },
  { "/time/days/reject/unit-only", "d", 0 },
  { "/time/days/reject/double-unit", "7dd", 0 },
  { "/time/days/reject/over-ten-years", "3651", 0 },
  { "/time/days/reject/weeks-over-ten-years", "522w", 0 },
  { "/time/days/reject/huge", "99999999999999999999999", 0 },
  { "/time/days/reject/overflow-to-small", "18446744073709551623", 0 },
};

static const AmountCase duration_cases[] = {
  { "/time/duration/minutes", "30m", 30 * 60 },
  { "/time/duration/min", "45 min", 45 * 60 },
  { "/time/duration/hour", "1h", 3600 },
  { "/time/duration/hours-spaced", "2 hours", 2 * 3600 },
  { "/time/duration/days", "3d", 3 * 86400 },
  { "/time/duration/week", "1w", 7 * 86400 },
  { "/time/duration/a-year", "366d", 366 * 86400 },
  { "/time/duration/reject/no-unit", "5", 0 },
  { "/time/duration/reject/zero", "0h", 0 },
  { "/time/duration/reject/negative", "-1h", 0 },
  { "/time/duration/reject/over-a-year", "367d", 0 },
  { "/time/duration/reject/weeks-over-a-year", "53w", 0 },
  { "/time/duration/reject/words", "a while", 0 },
  { "/time/duration/reject/empty", "", 0 },
  { "/time/duration/reject/seconds", "30s", 0 },
  { "/time/duration/reject/huge", "99999999999999999999h", 0 },
};

static const RangeCase range_cases[] = {
  { "/time/clock-range/morning", "10:00-11:00", 600, 660 },
  { "/time/clock-range/afternoon", "15:00-16:30", 900, 990 },
  /* quiet hours wrap midnight: start after end */
  { "/time/clock-range/wraps-midnight", "21:00-08:00", 1260, 480 },
  { "/time/clock-range/until-midnight", "22:00-24:00", 1320, 1440 },
  { "/time/clock-range/from-midnight", "00:00-06:00", 0, 360 },
  { "/time/clock-range/reject/empty-range", "10:00-10:00", -1, -1 },
  { "/time/clock-range/reject/hours-only", "10-11", -1, -1 },
  { "/time/clock-range/reject/hour-25", "25:00-26:00", -1, -1 },
  { "/time/clock-range/reject/after-24", "23:00-24:01", -1, -1 },
  { "/time/clock-range/reject/minute-60", "10:60-11:00", -1, -1 },
  { "/time/clock-range/reject/spaces", "10:00 - 11:00", -1, -1 },
  { "/time/clock-range/reject/trailing", "10:00-11:00x", -1, -1 },
  { "/time/clock-range/reject/en-dash", "10:00–11:00", -1, -1 },
  { "/time/clock-range/reject/empty", "", -1, -1 },
  { "/time/clock-range/reject/one-time", "10:00", -1, -1 },
};

static const RelativeCase relative_cases[] = {
  { "/time/relative/now", 0, "now" },
  { "/time/relative/seconds-ahead-is-now", 59, "now" },
  { "/time/relative/seconds-behind-is-now", -59, "now" },
  { "/time/relative/in-minutes", 5 * 60, "in 5 min" },
  { "/time/relative/overdue-minutes", -45 * 60, "overdue 45 min" },
  { "/time/relative/in-hour", 3600, "in 1 h" },
  { "/time/relative/overdue-2h", -2 * 3600, "overdue 2 h" },
  { "/time/relative/in-a-day-is-hours", 24 * 3600, "in 24 h" },
  /* rounded to the nearest, never down: 47 h 59 min is two days */
  { "/time/relative/in-47h", 47 * 3600 + 59 * 60, "in 2 days" },
  { "/time/relative/in-hours-and-minutes", 90 * 60, "in 1 h 30 min" },
  { "/time/relative/overdue-hours-and-minutes", -(5 * 3600 + 10 * 60), "overdue 5 h 10 min" },
  { "/time/relative/in-10h-rounded", 10 * 3600 + 40 * 60, "in 11 h" },
  { "/time/relative/in-6-days-22h", 6 * 86400 + 22 * 3600, "in 6 days 22 h" },
  { "/time/relative/in-2-days-1h", 2 * 86400 + 3600 + 10 * 60, "in 2 days 1 h" },
  { "/time/relative/in-6-days-23h-59", 6 * 86400 + 23 * 3600 + 59 * 60, "in 7 days" },
  { "/time/relative/in-13-days-20h", 13 * 86400 + 20 * 3600, "in 14 days" },
  { "/time/relative/overdue-3-days-2h", -(3 * 86400 + 2 * 3600), "overdue 3 days 2 h" },
  { "/time/relative/in-2-days", 48 * 3600, "in 2 days" },
  { "/time/relative/in-3-days", 3 * 86400, "in 3 days" },
  { "/time/relative/overdue-10-days", -10 * 86400, "overdue 10 days" },
};

static GTimeZone *
zone (const char *identifier)
{
  GTimeZone *tz = g_time_zone_new_identifier (identifier);

  if (tz == NULL)
    g_error ("the time zone %s is not installed (tzdata)", identifier);
  return tz;
}

static GDateTime *
iso (const char *text)
{
  GDateTime *dt = g_date_time_new_from_iso8601 (text, NULL);

  if (dt == NULL)
    g_error ("bad time in the test itself: %s", text);
  return dt;
}

static void
assert_datetime (GDateTime *dt, const char *expected)
{
  g_autofree char *text = NULL;

  REQUIRE (dt);
  text = followup_format_iso (dt);
  g_assert_cmpstr (text, ==, expected);
}

/* a person reads the message: it must be UTF-8 and quote what they typed */
static void
assert_invalid_quoting (const GError *error, const char *text)
{
  g_assert_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID);
  if (error == NULL)
    return;
  g_test_message ("message: %s", error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (g_utf8_validate (text, -1, NULL)) {
    g_autofree char *quoted = g_strdup_printf ("“%s”", text);

    g_assert_nonnull (strstr (error->message, quoted));
  }
}

static void
test_datetime_case (gconstpointer data)
{
  const DatetimeCase *c = data;
  g_autoptr (GTimeZone) tz = zone (c->zone);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) dt = followup_parse_datetime (c->text, tz, &error);

  g_assert_no_error (error);
  assert_datetime (dt, c->expected);
}

static void
test_datetime_reject (gconstpointer data)
{
  const RejectCase *c = data;
  g_autoptr (GTimeZone) tz = zone (NY);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) dt = followup_parse_datetime (c->text, tz, &error);

  if (dt != NULL) {
    g_autofree char *got = followup_format_iso (dt);

    g_test_message ("“%s” was read as %s", c->text, got);
  }
  g_assert_null (dt);
  assert_invalid_quoting (error, c->text);
}

static void
test_datetime_null (void)
{
  g_autoptr (GTimeZone) tz = zone (NY);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) dt = followup_parse_datetime (NULL, tz, &error);

  g_assert_null (dt);
  g_assert_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID);
}

/* the bytes reach D-Bus and the journal inside the message: they must not
 * make the message itself invalid UTF-8 */
static void
test_datetime_not_utf8 (void)
{
  const char *text = "2026-11-20 14:00\xff";
  const char *latin1 = "2026-11-20 14:00 M\xe4rz";
  g_autoptr (GTimeZone) tz = zone (NY);
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) error2 = NULL;
  g_autoptr (GDateTime) dt = followup_parse_datetime (text, tz, &error);
  g_autoptr (GDateTime) dt2 = followup_parse_datetime (latin1, tz, &error2);

  g_assert_null (dt);
  g_assert_null (dt2);
  assert_invalid_quoting (error, text);
  assert_invalid_quoting (error2, latin1);
}

/* the day the clocks spring forward has no 02:30 in New York: the parser must
 * still give a real instant on that day, after the gap, never NULL */
static void
test_datetime_dst_gap (void)
{
  g_autoptr (GTimeZone) tz = zone (NY);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) dt = followup_parse_datetime ("2026-03-08 02:30", tz, &error);
  g_autoptr (GDateTime) before = iso ("2026-03-08T01:59:00-05:00");
  g_autoptr (GDateTime) latest = iso ("2026-03-08T03:30:00-04:00");
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  REQUIRE (dt);
  text = followup_format_iso (dt);
  g_test_message ("2026-03-08 02:30 in New York is read as %s", text);
  g_assert_true (g_str_has_prefix (text, "2026-03-08T03:"));
  g_assert_true (g_str_has_suffix (text, "-04:00"));
  g_assert_cmpint (g_date_time_compare (dt, before), >, 0);
  g_assert_cmpint (g_date_time_compare (dt, latest), <=, 0);
}

/* the same wall-clock text means different instants in different zones */
static void
test_datetime_zone_matters (void)
{
  g_autoptr (GTimeZone) ny = zone (NY);
  g_autoptr (GTimeZone) berlin = zone (BERLIN);
  g_autoptr (GDateTime) a = followup_parse_datetime ("2026-11-20 14:00", ny, NULL);
  g_autoptr (GDateTime) b = followup_parse_datetime ("2026-11-20 14:00", berlin, NULL);

  REQUIRE (a);
  REQUIRE (b);
  g_assert_cmpint (g_date_time_difference (a, b), ==, 6 * G_TIME_SPAN_HOUR);
}

static void
test_time_zone_new (void)
{
  const char *bad[] = { "Mars/Olympus_Mons", "", "Europe/Berlin ", "Europe/Berlin/" };
  g_autoptr (GError) error = NULL;
  g_autoptr (GTimeZone) tz = followup_time_zone_new ("America/New_York", &error);

  g_assert_no_error (error);
  REQUIRE (tz);
  g_assert_cmpstr (g_time_zone_get_identifier (tz), ==, "America/New_York");

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++) {
    g_autoptr (GError) e = NULL;
    g_autoptr (GTimeZone) t = followup_time_zone_new (bad[i], &e);

    g_assert_null (t);
    assert_invalid_quoting (e, bad[i]);
    /* the message tells the person what a good value looks like */
    if (e != NULL)
      g_assert_nonnull (strstr (e->message, "Europe/Berlin"));
  }
}

/* a zone is a name, never a file: GLib would open any path it is given (and
 * complain about files that are not zone data), so a record or a D-Bus call
 * naming one must get the ordinary "unknown time zone" error */
static void
test_time_zone_not_a_file (void)
{
  const char *paths[] = { "/etc/passwd", "../../../etc/passwd", "zone.tab" };

  if (g_test_subprocess ()) {
    for (gsize i = 0; i < G_N_ELEMENTS (paths); i++) {
      g_autoptr (GError) e = NULL;
      g_autoptr (GTimeZone) t = followup_time_zone_new (paths[i], &e);

      g_assert_null (t);
      assert_invalid_quoting (e, paths[i]);
    }
    return;
  }
  g_test_trap_subprocess (NULL, 10 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* a FIFO as the zone: opening it would wait for a writer forever, and the
 * daemon with it */
static void
test_time_zone_fifo (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *fifo = NULL;

  if (g_test_subprocess ()) {
    g_autoptr (GTimeZone) t = followup_time_zone_new (g_getenv ("FOLLOWUP_TEST_FIFO"), &error);

    g_assert_null (t);
    g_assert_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID);
    return;
  }
  dir = g_dir_make_tmp ("followup-time-XXXXXX", &error);
  g_assert_no_error (error);
  REQUIRE (dir);
  fifo = g_build_filename (dir, "zone", NULL);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_setenv ("FOLLOWUP_TEST_FIFO", fifo, TRUE);
  g_test_trap_subprocess (NULL, 2 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("FOLLOWUP_TEST_FIFO");
  g_unlink (fifo);
  g_rmdir (dir);
  if (g_test_trap_reached_timeout ())
    g_test_message ("followup_time_zone_new (\"%s\") still waited after 2 s", fifo);
  g_assert_false (g_test_trap_reached_timeout ());
  g_test_trap_assert_passed ();
}

static void
test_time_zone_not_utf8 (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GTimeZone) tz = followup_time_zone_new ("Europe/Z\xfcrich", &error);

  g_assert_null (tz);
  assert_invalid_quoting (error, "Europe/Z\xfcrich");
}

static void
test_user_datetime_case (gconstpointer data)
{
  const UserDatetimeCase *c = data;
  g_autoptr (GTimeZone) tz = zone (c->zone);
  g_autoptr (GDateTime) now = iso (c->now);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) dt = followup_parse_user_datetime (c->text, tz, now, &error);

  if (c->expected == NULL) {
    g_assert_null (dt);
    assert_invalid_quoting (error, c->text);
    return;
  }
  g_assert_no_error (error);
  assert_datetime (dt, c->expected);
}

static void
test_user_datetime_not_utf8 (void)
{
  g_autoptr (GTimeZone) tz = zone (NY);
  g_autoptr (GDateTime) now = iso ("2026-11-20T09:00:00-05:00");
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) dt = followup_parse_user_datetime ("today \xff\xfe", tz, now, &error);

  g_assert_null (dt);
  assert_invalid_quoting (error, "today \xff\xfe");
}

static void
test_days_case (gconstpointer data)
{
  const AmountCase *c = data;
  g_autoptr (GError) error = NULL;
  int days = -12345;
  gboolean ok = followup_parse_days (c->text, &days, &error);

  if (c->expected == 0) {
    g_assert_false (ok);
    assert_invalid_quoting (error, c->text);
    return;
  }
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (days, ==, c->expected);
}

/* issue 16: a number out of range says the range; words say the forms */
static void
test_days_messages (void)
{
  struct {
    const char *text;
    const char *says;
  } cases[] = {
    { "0", "out of range: give 1 to 365 days" },
    { "99999", "out of range: give 1 to 365 days" },
    { "53w", "out of range: give 1 to 365 days" },
    { "99999999999999999999999", "out of range" },
    { "ten", "cannot read “ten” as a number of days (try 7, 7d, 10 days, 1w or 2 weeks)" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    int days = -1;

    g_assert_false (followup_parse_days_within (cases[i].text, 365, &days, &error));
    g_assert_nonnull (error);
    if (strstr (error->message, cases[i].says) == NULL)
      g_error ("“%s”: “%s” does not say “%s”", cases[i].text, error->message, cases[i].says);
    g_assert_cmpint (days, ==, -1);
  }
}

/* the hint lists every form the client reads, not only the file's */
static void
test_user_time_hint (void)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr (GDateTime) now = g_date_time_new (tz, 2026, 11, 20, 9, 0, 0);
  g_autoptr (GError) error = NULL;

  g_assert_null (followup_parse_user_datetime ("at noon", tz, now, &error));
  g_assert_nonnull (error);
  for (const char *const *form =
         (const char *const[]){ "YYYY-MM-DD HH:MM", "today HH:MM", "yesterday HH:MM",
                                "tomorrow HH:MM", "friday 14:00", "HH:MM alone", NULL };
       *form != NULL; form++)
    g_assert_nonnull (strstr (error->message, *form));
}

static void
test_duration_case (gconstpointer data)
{
  const AmountCase *c = data;
  g_autoptr (GError) error = NULL;
  gint64 seconds = -12345;
  gboolean ok = followup_parse_duration (c->text, &seconds, &error);

  if (c->expected == 0) {
    g_assert_false (ok);
    assert_invalid_quoting (error, c->text);
    return;
  }
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (seconds, ==, c->expected);
}

static void
test_amount_null (void)
{
  g_autoptr (GError) e1 = NULL;
  g_autoptr (GError) e2 = NULL;
  int days;
  gint64 seconds;

  g_assert_false (followup_parse_days (NULL, &days, &e1));
  g_assert_error (e1, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID);
  g_assert_false (followup_parse_duration (NULL, &seconds, &e2));
  g_assert_error (e2, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID);
}

static void
test_range_case (gconstpointer data)
{
  const RangeCase *c = data;
  g_autoptr (GError) error = NULL;
  int start = -12345, end = -12345;
  gboolean ok = followup_parse_clock_range (c->text, &start, &end, &error);

  if (c->start < 0) {
    g_assert_false (ok);
    assert_invalid_quoting (error, c->text);
    return;
  }
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (start, ==, c->start);
  g_assert_cmpint (end, ==, c->end);
}

static void
test_parse_date (void)
{
  const char *bad[] = { "2026-02-29", "2026-13-01", "2026-11-20 10:00", "20-11-2026",
                        "",           "1899-12-31", "2026-1-01" };
  g_autoptr (GError) error = NULL;
  g_autofree char *back = NULL;
  GDate date;

  g_assert_true (followup_parse_date ("2028-02-29", &date, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_date_get_year (&date), ==, 2028);
  g_assert_cmpint (g_date_get_month (&date), ==, 2);
  g_assert_cmpint (g_date_get_day (&date), ==, 29);
  back = followup_format_date (&date);
  g_assert_cmpstr (back, ==, "2028-02-29");

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++) {
    g_autoptr (GError) e = NULL;

    g_assert_false (followup_parse_date (bad[i], &date, &e));
    assert_invalid_quoting (e, bad[i]);
  }
}

static void
test_relative_case (gconstpointer data)
{
  const RelativeCase *c = data;
  g_autoptr (GDateTime) now = iso ("2026-11-20T12:00:00-05:00");
  g_autoptr (GDateTime) when = g_date_time_add_seconds (now, (gdouble) c->offset);
  g_autofree char *text = followup_format_relative (when, now);

  g_assert_cmpstr (text, ==, c->expected);
}

/* the two instants may be written in different zones: only the span counts */
static void
test_relative_zones (void)
{
  g_autoptr (GDateTime) now = iso ("2026-11-20T12:00:00-05:00");
  g_autoptr (GDateTime) when = iso ("2026-11-20T20:00:00+01:00");
  g_autofree char *text = followup_format_relative (when, now);

  g_assert_cmpstr (text, ==, "in 2 h");
}

/* 10:00 on the day before and the day of the US fall change: the wall clock
 * stays 10:00 while the offset moves from -04:00 to -05:00 */
static void
test_datetime_at_dst (void)
{
  g_autoptr (GTimeZone) tz = zone (NY);
  g_autoptr (GDateTime) before = NULL;
  g_autoptr (GDateTime) after = NULL;
  g_autoptr (GDateTime) rolled = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 31, G_DATE_OCTOBER, 2026);
  before = followup_datetime_at (tz, &date, 10 * 60);
  assert_datetime (before, "2026-10-31T10:00:00-04:00");

  g_date_set_dmy (&date, 1, G_DATE_NOVEMBER, 2026);
  after = followup_datetime_at (tz, &date, 10 * 60);
  assert_datetime (after, "2026-11-01T10:00:00-05:00");
  REQUIRE (before);
  REQUIRE (after);
  /* a calendar day apart is 25 hours on this day */
  g_assert_cmpint (g_date_time_difference (after, before), ==, 25 * G_TIME_SPAN_HOUR);

  /* minutes past midnight roll over onto the next date, in local time */
  g_date_set_dmy (&date, 31, G_DATE_OCTOBER, 2026);
  rolled = followup_datetime_at (tz, &date, FOLLOWUP_MINUTES_PER_DAY + 10 * 60);
  assert_datetime (rolled, "2026-11-01T10:00:00-05:00");
}

static void
test_datetime_at_spring (void)
{
  g_autoptr (GTimeZone) tz = zone (NY);
  g_autoptr (GDateTime) saturday = NULL;
  g_autoptr (GDateTime) sunday = NULL;
  g_autoptr (GDateTime) gap = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 7, G_DATE_MARCH, 2026);
  saturday = followup_datetime_at (tz, &date, 10 * 60);
  g_date_set_dmy (&date, 8, G_DATE_MARCH, 2026);
  sunday = followup_datetime_at (tz, &date, 10 * 60);
  assert_datetime (saturday, "2026-03-07T10:00:00-05:00");
  assert_datetime (sunday, "2026-03-08T10:00:00-04:00");
  REQUIRE (saturday);
  REQUIRE (sunday);
  g_assert_cmpint (g_date_time_difference (sunday, saturday), ==, 23 * G_TIME_SPAN_HOUR);

  /* 02:30 does not exist that night: still a time, on that day, after the gap */
  gap = followup_datetime_at (tz, &date, 2 * 60 + 30);
  REQUIRE (gap);
  g_assert_cmpint (g_date_time_get_day_of_month (gap), ==, 8);
  g_assert_cmpint (g_date_time_get_hour (gap), ==, 3);
  g_assert_cmpint (g_date_time_get_utc_offset (gap), ==, -4 * G_TIME_SPAN_HOUR);
}

static void
test_date_helpers (void)
{
  g_autoptr (GTimeZone) tz = zone (NY);
  g_autoptr (GDateTime) late = iso ("2026-11-21T03:30:00+01:00"); /* 21:30 on the 20th in NY */
  g_autoptr (GDateTime) local = g_date_time_to_timezone (late, tz);
  g_autofree char *record_text = followup_format_record_time (local);
  g_autofree char *date_text = NULL;
  GDate date, later;

  followup_datetime_get_date (local, &date);
  date_text = followup_format_date (&date);
  g_assert_cmpstr (date_text, ==, "2026-11-20");
  g_assert_cmpint (followup_datetime_minute_of_day (local), ==, 21 * 60 + 30);
  g_assert_cmpstr (record_text, ==, "2026-11-20 21:30");

  g_date_clear (&later, 1);
  g_date_set_dmy (&later, 1, G_DATE_DECEMBER, 2026);
  g_assert_cmpint (followup_date_days_between (&date, &later), ==, 11);
  g_assert_cmpint (followup_date_days_between (&later, &date), ==, -11);
}

/* what the record file holds is read back as the same instant */
static void
test_record_time_roundtrip (void)
{
  g_autoptr (GTimeZone) tz = zone (BERLIN);
  g_autoptr (GDateTime) dt = iso ("2026-10-25T02:30:00+01:00"); /* the repeated hour */
  g_autoptr (GDateTime) local = g_date_time_to_timezone (dt, tz);
  g_autofree char *iso_text = followup_format_iso (local);
  g_autoptr (GDateTime) back = followup_parse_datetime (iso_text, tz, NULL);

  g_assert_cmpstr (iso_text, ==, "2026-10-25T02:30:00+01:00");
  REQUIRE (back);
  g_assert_true (g_date_time_equal (back, dt));
}

/* a zone name nearly right is answered with the name meant; a guess too
 * far off is none */
static void
test_zone_suggest (void)
{
  static const char *const cases[][2] = {
    { "europe/berlin", "Europe/Berlin" },
    { "America/New_Yrok", "America/New_York" },
    { "Tokio", "Asia/Tokyo" },
    { "New York", "America/New_York" },
    { "Kolkatta", "Asia/Kolkata" },
    { "Mars/Base", NULL },
    { "Atlantis/City", NULL },
    { "", NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (GTimeZone) tz = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *meant = followup_zone_suggest (cases[i][0]);

    g_assert_cmpstr (meant, ==, cases[i][1]);
  }
  tz = followup_time_zone_new ("europe/berlin", &error);
  g_assert_null (tz);
  g_assert_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "did you mean Europe/Berlin?"));
}

int
main (int argc, char **argv)
{
  /* nothing here may depend on the process zone: run under one no case uses */
  g_setenv ("TZ", "Pacific/Kiritimati", TRUE);
  tzset ();

  g_test_init (&argc, &argv, NULL);
  /* one wrong answer must not hide the others */
  g_test_set_nonfatal_assertions ();

  for (gsize i = 0; i < G_N_ELEMENTS (datetime_cases); i++)
    g_test_add_data_func (datetime_cases[i].path, &datetime_cases[i], test_datetime_case);
  for (gsize i = 0; i < G_N_ELEMENTS (datetime_rejects); i++)
    g_test_add_data_func (datetime_rejects[i].path, &datetime_rejects[i], test_datetime_reject);
  g_test_add_func ("/time/days/messages", test_days_messages);
  g_test_add_func ("/time/user/hint", test_user_time_hint);
  g_test_add_func ("/time/datetime/reject/null", test_datetime_null);
  g_test_add_func ("/time/datetime/reject/not-utf8", test_datetime_not_utf8);
  g_test_add_func ("/time/datetime/dst-gap", test_datetime_dst_gap);
  g_test_add_func ("/time/datetime/zone-matters", test_datetime_zone_matters);
  g_test_add_func ("/time/zone/names", test_time_zone_new);
  g_test_add_func ("/time/zone/not-utf8", test_time_zone_not_utf8);
  g_test_add_func ("/time/zone/not-a-file", test_time_zone_not_a_file);
  g_test_add_func ("/time/zone/not-a-fifo", test_time_zone_fifo);
  for (gsize i = 0; i < G_N_ELEMENTS (user_cases); i++)
    g_test_add_data_func (user_cases[i].path, &user_cases[i], test_user_datetime_case);
  g_test_add_func ("/time/user/reject/not-utf8", test_user_datetime_not_utf8);
  for (gsize i = 0; i < G_N_ELEMENTS (days_cases); i++)
    g_test_add_data_func (days_cases[i].path, &days_cases[i], test_days_case);
  for (gsize i = 0; i < G_N_ELEMENTS (duration_cases); i++)
    g_test_add_data_func (duration_cases[i].path, &duration_cases[i], test_duration_case);
  g_test_add_func ("/time/amount/null", test_amount_null);
  for (gsize i = 0; i < G_N_ELEMENTS (range_cases); i++)
    g_test_add_data_func (range_cases[i].path, &range_cases[i], test_range_case);
  g_test_add_func ("/time/date/parse", test_parse_date);
  for (gsize i = 0; i < G_N_ELEMENTS (relative_cases); i++)
    g_test_add_data_func (relative_cases[i].path, &relative_cases[i], test_relative_case);
  g_test_add_func ("/time/relative/zones", test_relative_zones);
  g_test_add_func ("/time/datetime-at/us-fall", test_datetime_at_dst);
  g_test_add_func ("/time/datetime-at/us-spring", test_datetime_at_spring);
  g_test_add_func ("/time/date/helpers", test_date_helpers);
  g_test_add_func ("/time/datetime/repeated-hour-roundtrip", test_record_time_roundtrip);
  g_test_add_func ("/time/zone/suggest", test_zone_suggest);

  return g_test_run ();
}

/* fuzz-time.c: libFuzzer harness for the time, date and duration parsers
 *
 * every parser gets the same text; the first byte picks the time zone and
 * "now". each must return a value or an error, never both, never neither,
 * and an accepted value must read back the same */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "followup-time.h"

static const char *const zones[] = {
  "UTC",          "Europe/Berlin",  "America/New_York", "Australia/Lord_Howe", "Pacific/Kiritimati",
  "Pacific/Apia", "Asia/Kathmandu", "America/St_Johns",
};
static GTimeZone *tzs[G_N_ELEMENTS (zones)];

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  for (guint i = 0; i < G_N_ELEMENTS (zones); i++) {
    tzs[i] = g_time_zone_new_identifier (zones[i]);
    g_assert (tzs[i] != NULL);
  }
  return 0;
}

static void
check_datetime (GDateTime *dt, GError *error, const char *text)
{
  /* exactly one of a value and an error */
  g_assert ((dt == NULL) != (error == NULL));
  if (error != NULL)
    g_assert (g_utf8_validate (error->message, -1, NULL));
  /* what we accept we can also write and read back as the same instant;
   * an offset with seconds (local mean time before 1900-ish, e.g. Apia's
   * -11:26:56) has no ISO 8601 form, so those are only written, not compared */
  if (dt != NULL) {
    g_autofree char *iso = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S%:z");
    g_autoptr (GError) again_error = NULL;
    g_autoptr (GDateTime) again = followup_parse_datetime (iso, tzs[0], &again_error);

    if (g_date_time_get_utc_offset (dt) % G_TIME_SPAN_MINUTE != 0)
      return;
    if (again == NULL || !g_date_time_equal (again, dt)) {
      fprintf (stderr, "“%s” parsed as %s, which does not read back (%s)\n", text, iso,
               again_error ? again_error->message : "another instant");
      abort ();
    }
  }
}

static void
fuzz_datetime (const char *text, GTimeZone *tz, GDateTime *now)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) user_error = NULL;
  g_autoptr (GDateTime) dt = followup_parse_datetime (text, tz, &error);
  g_autoptr (GDateTime) user = followup_parse_user_datetime (text, tz, now, &user_error);

  check_datetime (dt, error, text);
  check_datetime (user, user_error, text);
  /* the user form accepts everything the file form does, with the same meaning */
  if (dt != NULL)
    g_assert (user != NULL && g_date_time_equal (dt, user));
}

static void
fuzz_date (const char *text)
{
  g_autoptr (GError) error = NULL;
  GDate date;
  gboolean ok = followup_parse_date (text, &date, &error);

  g_assert (ok == (error == NULL));
  if (ok) {
    g_autofree char *back = followup_format_date (&date);

    g_assert (g_date_valid (&date));
    g_assert_cmpstr (back, ==, text);
  }
}

static void
fuzz_numbers (const char *text)
{
  g_autoptr (GError) days_error = NULL;
  g_autoptr (GError) duration_error = NULL;
  g_autoptr (GError) range_error = NULL;
  int days = 0, start = -1, end = -1;
  gint64 seconds = 0;

  if (followup_parse_days (text, &days, &days_error))
    g_assert (days_error == NULL && days >= 1 && days <= 3650);
  else
    g_assert (days_error != NULL);
  if (followup_parse_duration (text, &seconds, &duration_error))
    g_assert (duration_error == NULL && seconds >= 60 &&
              seconds <= G_GINT64_CONSTANT (366) * 86400);
  else
    g_assert (duration_error != NULL);
  if (followup_parse_clock_range (text, &start, &end, &range_error))
    g_assert (range_error == NULL && start >= 0 && end <= FOLLOWUP_MINUTES_PER_DAY && start != end);
  else
    g_assert (range_error != NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = NULL;
  g_autoptr (GDateTime) now = NULL;
  GTimeZone *tz;
  guint8 pick;

  if (size < 1 || size > 4096)
    return 0;
  pick = data[0];
  tz = tzs[pick % G_N_ELEMENTS (tzs)];
  /* "now" on an ordinary day, around both DST changes, or on a leap day */
  switch ((pick >> 4) % 4) {
    case 0:
      now = g_date_time_new (tz, 2026, 11, 23, 9, 30, 0);
      break;
    case 1:
      now = g_date_time_new (tz, 2026, 3, 29, 0, 30, 0);
      break;
    case 2:
      now = g_date_time_new (tz, 2026, 11, 1, 1, 30, 0);
      break;
    default:
      now = g_date_time_new (tz, 2028, 2, 29, 0, 5, 0);
      break;
  }
  g_assert (now != NULL);
  /* the parsers take C strings: a NUL ends the text, as on the bus */
  text = g_strndup ((const char *) data + 1, size - 1);
  fuzz_datetime (text, tz, now);
  fuzz_date (text);
  fuzz_numbers (text);
  return 0;
}

/* followup-time.c: strict parsers for the forms the design names, and the
 * calendar helpers the engine builds "day N" and calling windows from */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "followup-i18n.h"
#include "followup-error.h"
#include "followup-time.h"
#include "followup-zones.h"

/* an IANA name, never a path: GLib would open any file it is given, and a
 * record must not make the daemon read /etc/passwd or block on a FIFO */
static gboolean
looks_like_zone_name (const char *name)
{
  if (name == NULL || *name == '\0' || *name == '/' || strlen (name) > 64)
    return FALSE;
  for (const char *p = name; *p; p++) {
    if (!g_ascii_isalnum (*p) && *p != '/' && *p != '_' && *p != '-' && *p != '+')
      return FALSE;
  }
  return strstr (name, "//") == NULL;
}

GTimeZone *
followup_time_zone_new (const char *identifier, GError **error)
{
  GTimeZone *tz = looks_like_zone_name (identifier) ? g_time_zone_new_identifier (identifier)
                                                    : NULL;
  g_autofree char *shown = NULL;
  g_autofree char *meant = NULL;

  if (tz != NULL)
    return tz;
  shown = g_utf8_make_valid (identifier ? identifier : "", -1);
  meant = followup_zone_suggest (identifier);
  if (meant != NULL)
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID,
                 _ ("unknown time zone “%s” (did you mean %s?)"), shown, meant);
  else
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID,
                 _ ("unknown time zone “%s” (use an IANA name such as Europe/Berlin)"), shown);
  return NULL;
}

static gboolean
parse_fixed_int (const char *p, int len, int *out)
{
  int v = 0;

  for (int i = 0; i < len; i++) {
    if (!g_ascii_isdigit (p[i]))
      return FALSE;
    v = v * 10 + (p[i] - '0');
  }
  *out = v;
  return TRUE;
}

static GTimeZone *
parse_offset (const char *p)
{
  int sign, h, m = 0;

  if (strcmp (p, "Z") == 0)
    return g_time_zone_new_utc ();
  if (p[0] != '+' && p[0] != '-')
    return NULL;
  sign = p[0] == '-' ? -1 : 1;
  if (!parse_fixed_int (p + 1, 2, &h))
    return NULL;
  p += 3;
  /* "+05", "+0530" or "+05:30", never a dangling "+05:" */
  if (*p == ':' && p[1] == '\0')
    return NULL;
  if (*p == ':')
    p++;
  if (*p != '\0' && (!parse_fixed_int (p, 2, &m) || p[2] != '\0'))
    return NULL;
  if (h > 14 || m > 59)
    return NULL;
  return g_time_zone_new_offset (sign * (h * 3600 + m * 60));
}

static GDateTime *
parse_datetime_fields (const char *s, GTimeZone *tz)
{
  int y, mo, d, h, mi, sec = 0;
  g_autoptr (GTimeZone) offset_tz = NULL;
  const char *rest;

  if (strlen (s) < 16 || !parse_fixed_int (s, 4, &y) || s[4] != '-' ||
      !parse_fixed_int (s + 5, 2, &mo) || s[7] != '-' || !parse_fixed_int (s + 8, 2, &d) ||
      (s[10] != ' ' && s[10] != 'T') || !parse_fixed_int (s + 11, 2, &h) || s[13] != ':' ||
      !parse_fixed_int (s + 14, 2, &mi))
    return NULL;
  rest = s + 16;
  if (rest[0] == ':') {
    if (!parse_fixed_int (rest + 1, 2, &sec))
      return NULL;
    rest += 3;
  }
  if (*rest != '\0') {
    offset_tz = parse_offset (rest);
    if (offset_tz == NULL)
      return NULL;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59 || y < 1900)
    return NULL;
  if (!g_date_valid_dmy (d, mo, y))
    return NULL;
  return g_date_time_new (offset_tz ? offset_tz : tz, y, mo, d, h, mi, sec);
}

GDateTime *
followup_parse_datetime (const char *text, GTimeZone *tz, GError **error)
{
  GDateTime *dt = NULL;

  if (text != NULL && g_utf8_validate (text, -1, NULL))
    dt = parse_datetime_fields (text, tz);
  if (dt == NULL) {
    /* the message goes on the bus and to the journal: UTF-8 only */
    g_autofree char *shown = g_utf8_make_valid (text ? text : "", -1);

    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID,
                 _ ("cannot read the time “%s” (expected YYYY-MM-DD HH:MM, optionally "
                    "with :SS and an offset such as -05:00 or Z)"),
                 shown);
  }
  return dt;
}

/* "monday" or "mon" -> 1 … 7, else 0 */
static int
weekday_of (const char *word)
{
  static const char *const names[] = { "monday", "tuesday",  "wednesday", "thursday",
                                       "friday", "saturday", "sunday" };

  for (int i = 0; i < 7; i++) {
    if (g_ascii_strcasecmp (word, names[i]) == 0 ||
        (strlen (word) == 3 && g_ascii_strncasecmp (word, names[i], 3) == 0))
      return i + 1;
  }
  return 0;
}

/* the days from today a day word means: 0 today, -1 yesterday, 1
 * tomorrow, a weekday name the coming one (today if it is that day: an
 * interview to come is what one names by its weekday); FALSE if none */
static gboolean
day_offset (const char *word, GDateTime *local_now, int *offset)
{
  int weekday = weekday_of (word);

  if (g_ascii_strcasecmp (word, "today") == 0)
    *offset = 0;
  else if (g_ascii_strcasecmp (word, "yesterday") == 0)
    *offset = -1;
  else if (g_ascii_strcasecmp (word, "tomorrow") == 0)
    *offset = 1;
  else if (weekday > 0)
    *offset = (weekday - g_date_time_get_day_of_week (local_now) + 7) % 7;
  else
    return FALSE;
  return TRUE;
}

/* what a person types after an interview or to note one coming: "today
 * 14:00", "yesterday 10:30", "tomorrow 9:30", "friday 14:00", "2026-11-20
 * 14:00" or a bare "14:00" meaning today */
/* "9:30" or "09:30" -> minutes of the day; -1 if it is not a clock time */
static int
parse_user_clock (const char *clock)
{
  gsize len = strlen (clock);
  int h, m;

  if ((len != 4 && len != 5) || clock[len - 3] != ':' || !parse_fixed_int (clock, len - 3, &h) ||
      !parse_fixed_int (clock + len - 2, 2, &m) || h > 23 || m > 59)
    return -1;
  return h * 60 + m;
}

static GDateTime *
user_time_fail (const char *text, GError **error)
{
  g_autofree char *shown = g_utf8_make_valid (text ? text : "", -1);

  g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID,
               _ ("cannot read the time “%s” (use YYYY-MM-DD HH:MM, today HH:MM, yesterday "
                  "HH:MM, tomorrow HH:MM, a weekday and HH:MM such as friday 14:00, or HH:MM "
                  "alone for today; an hour may have one digit)"),
               shown);
  return NULL;
}

GDateTime *
followup_parse_user_datetime (const char *text, GTimeZone *tz, GDateTime *now, GError **error)
{
  g_autoptr (GDateTime) local_now = g_date_time_to_timezone (now, tz);
  g_auto (GStrv) words = NULL;
  const char *clock = NULL;
  int offset = 0, minute;
  GDate date;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return user_time_fail (text, error);
  words = g_strsplit (text, " ", 2);
  if (g_strv_length (words) == 2 && day_offset (words[0], local_now, &offset))
    clock = words[1];
  else if (g_strv_length (words) == 1 && strchr (words[0], '-') == NULL)
    clock = words[0];
  if (clock == NULL) {
    /* a date: the file's form, with a one-digit hour made two */
    g_autofree char *padded = NULL;
    GDateTime *dt;

    if (g_strv_length (words) == 2 && strlen (words[1]) >= 4 && words[1][1] == ':')
      padded = g_strdup_printf ("%s 0%s", words[0], words[1]);
    dt = parse_datetime_fields (padded ? padded : text, tz);
    return dt ? dt : user_time_fail (text, error);
  }
  minute = parse_user_clock (clock);
  if (minute < 0)
    return user_time_fail (text, error);
  followup_datetime_get_date (local_now, &date);
  if (offset < 0)
    g_date_subtract_days (&date, (guint) -offset);
  else
    g_date_add_days (&date, (guint) offset);
  return followup_datetime_at (tz, &date, minute);
}

gboolean
followup_parse_date (const char *text, GDate *out, GError **error)
{
  int y, m, d;

  if (text != NULL && strlen (text) == 10 && parse_fixed_int (text, 4, &y) && text[4] == '-' &&
      parse_fixed_int (text + 5, 2, &m) && text[7] == '-' && parse_fixed_int (text + 8, 2, &d) &&
      y >= 1900 && g_date_valid_dmy (d, m, y)) {
    g_date_clear (out, 1);
    g_date_set_dmy (out, d, m, y);
    return TRUE;
  }
  {
    g_autofree char *shown = g_utf8_make_valid (text ? text : "", -1);

    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID,
                 _ ("cannot read the date “%s” (expected YYYY-MM-DD)"), shown);
  }
  return FALSE;
}

static gboolean
parse_clock (const char *p, int *minutes)
{
  int h, m;

  if (!parse_fixed_int (p, 2, &h) || p[2] != ':' || !parse_fixed_int (p + 3, 2, &m))
    return FALSE;
  if (h > 24 || m > 59 || (h == 24 && m != 0))
    return FALSE;
  *minutes = h * 60 + m;
  return TRUE;
}

gboolean
followup_parse_clock_range (const char *text, int *start_min, int *end_min, GError **error)
{
  if (text != NULL && strlen (text) == 11 && text[5] == '-' && parse_clock (text, start_min) &&
      parse_clock (text + 6, end_min) && *start_min != *end_min)
    return TRUE;
  {
    g_autofree char *shown = g_utf8_make_valid (text ? text : "", -1);

    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID,
                 _ ("cannot read the time range “%s” (expected HH:MM-HH:MM, e.g. 10:00-11:00)"),
                 shown);
  }
  return FALSE;
}

typedef struct {
  const char *name;
  gint64 seconds;
} Unit;

static const Unit units[] = {
  { "m", 60 },           { "min", 60 },          { "mins", 60 },    { "minute", 60 },
  { "minutes", 60 },     { "h", 3600 },          { "hour", 3600 },  { "hours", 3600 },
  { "d", 86400 },        { "day", 86400 },       { "days", 86400 }, { "w", 7 * 86400 },
  { "week", 7 * 86400 }, { "weeks", 7 * 86400 },
};

static gboolean
parse_amount_unit (const char *text, gint64 *amount, gint64 *unit_seconds)
{
  g_autofree char *copy = NULL;
  char *end = NULL;
  guint64 n;

  if (text == NULL || !g_ascii_isdigit (text[0]))
    return FALSE;
  n = g_ascii_strtoull (text, &end, 10);
  if (n > 100000 || end == text)
    return FALSE;
  copy = g_strstrip (g_strdup (end));
  *amount = (gint64) n;
  if (*copy == '\0') {
    *unit_seconds = 0;
    return TRUE;
  }
  for (gsize i = 0; i < G_N_ELEMENTS (units); i++) {
    if (g_ascii_strcasecmp (copy, units[i].name) == 0) {
      *unit_seconds = units[i].seconds;
      return TRUE;
    }
  }
  return FALSE;
}

/* "7", "7d", "10 days", "1w", "2 weeks": a whole number of days */
static gboolean
all_digits (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p; p++) {
    if (!g_ascii_isdigit (*p))
      return FALSE;
  }
  return TRUE;
}

/* "7", "7d", "10 days", "1w", "2 weeks", from 1 to max days; a number out of
 * range is told as such, with the range */
gboolean
followup_parse_days_within (const char *text, int max, int *days, GError **error)
{
  g_autofree char *shown = g_utf8_make_valid (text ? text : "", -1);
  gint64 amount = 0, unit = 0;
  gboolean readable = parse_amount_unit (text, &amount, &unit) && (unit == 0 || unit % 86400 == 0);
  gint64 n = readable ? (unit == 0 ? amount : amount * (unit / 86400)) : 0;

  if (readable && n >= 1 && n <= max) {
    *days = (int) n;
    return TRUE;
  }
  if (readable || all_digits (text))
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID,
                 _ ("“%s” is out of range: give 1 to %d days (7d, 10 days, 1w or 2 weeks)"), shown,
                 max);
  else
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID,
                 _ ("cannot read “%s” as a number of days (try 7, 7d, 10 days, 1w or 2 weeks)"),
                 shown);
  return FALSE;
}

gboolean
followup_parse_days (const char *text, int *days, GError **error)
{
  return followup_parse_days_within (text, 3650, days, error);
}

/* "30m", "1h", "2 hours", "3d", "1w" */
gboolean
followup_parse_duration (const char *text, gint64 *seconds, GError **error)
{
  gint64 amount = 0, unit = 0;

  if (parse_amount_unit (text, &amount, &unit) && unit != 0 && amount > 0 &&
      amount * unit <= G_GINT64_CONSTANT (366) * 86400) {
    *seconds = amount * unit;
    return TRUE;
  }
  {
    g_autofree char *shown = g_utf8_make_valid (text ? text : "", -1);

    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID,
                 _ ("cannot read “%s” as a duration (try 30m, 2h, 1d or 1w, up to a year)"), shown);
  }
  return FALSE;
}

/* a wall-clock time on a calendar date; in a DST gap GLib moves it forward */
GDateTime *
followup_datetime_at (GTimeZone *tz, const GDate *date, int minute_of_day)
{
  if (minute_of_day >= FOLLOWUP_MINUTES_PER_DAY) {
    GDate next = *date;

    g_date_add_days (&next, 1);
    return followup_datetime_at (tz, &next, minute_of_day - FOLLOWUP_MINUTES_PER_DAY);
  }
  return g_date_time_new (tz, g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date), minute_of_day / 60, minute_of_day % 60, 0);
}

void
followup_datetime_get_date (GDateTime *dt, GDate *out)
{
  int y, m, d;

  g_date_time_get_ymd (dt, &y, &m, &d);
  g_date_clear (out, 1);
  g_date_set_dmy (out, d, m, y);
}

int
followup_datetime_minute_of_day (GDateTime *dt)
{
  return g_date_time_get_hour (dt) * 60 + g_date_time_get_minute (dt);
}

int
followup_date_days_between (const GDate *from, const GDate *to)
{
  return g_date_days_between (from, to);
}

char *
followup_format_iso (GDateTime *dt)
{
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S%:z");
}

char *
followup_format_record_time (GDateTime *dt)
{
  return g_date_time_format (dt, "%Y-%m-%d %H:%M");
}

char *
followup_format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* "in 3 days", "in 2 h", "overdue 2 h", "now" */
/* "2 h 10 min", "6 days 22 h", "14 days": as exact as a person needs it,
 * rounded to the nearest, never cut down ("in 6 days" for 6 days 22 h
 * would be a day off) */
static char *
format_span (gint64 minutes)
{
  gint64 hours = (minutes + 30) / 60;
  gint64 days = (minutes + 12 * 60) / (24 * 60);

  /* plain %d, not G_GINT64_FORMAT, which xgettext cannot read inside a
   * msgid; a span of more than two thousand million days never comes */
  if (minutes < 60)
    return g_strdup_printf (_ ("%d min"), (int) minutes);
  if (minutes < 10 * 60 && minutes % 60 != 0)
    return g_strdup_printf (_ ("%d h %d min"), (int) (minutes / 60), (int) (minutes % 60));
  if (hours < 48)
    return g_strdup_printf (_ ("%d h"), (int) hours);
  if (minutes < 7 * 24 * 60 && hours % 24 != 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day %d h", "%d days %d h",
                                         (gulong) (hours / 24)),
                            (int) (hours / 24), (int) (hours % 24));
  if (minutes < 7 * 24 * 60)
    days = hours / 24;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", (gulong) days),
                          (int) days);
}

char *
followup_format_relative (GDateTime *when, GDateTime *now)
{
  GTimeSpan span = g_date_time_difference (when, now);
  /* a snooze of 2 h read back a second later is still 2 h, not 1 h 59 min */
  gint64 minutes = (ABS (span) + 30 * G_TIME_SPAN_SECOND) / G_TIME_SPAN_MINUTE;
  g_autofree char *amount = NULL;

  if (ABS (span) < G_TIME_SPAN_MINUTE)
    return g_strdup (_ ("now"));
  amount = format_span (minutes);
  return span > 0 ? g_strdup_printf (_ ("in %s"), amount)
                  : g_strdup_printf (_ ("overdue %s"), amount);
}

/* followup-time.h: parsing and formatting of the times, dates and durations
 * that appear in the record file, on the bus and on the command line */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FOLLOWUP_MINUTES_PER_DAY (24 * 60)

GTimeZone *followup_time_zone_new (const char *identifier, GError **error);

GDateTime *followup_parse_datetime (const char *text, GTimeZone *tz, GError **error);
GDateTime *followup_parse_user_datetime (const char *text, GTimeZone *tz, GDateTime *now,
                                         GError **error);
gboolean followup_parse_date (const char *text, GDate *out, GError **error);
gboolean followup_parse_clock_range (const char *text, int *start_min, int *end_min,
                                     GError **error);
/* the most days a stated decision timeline may have (record key decision_in_days) */
#define FOLLOWUP_MAX_DECISION_DAYS 365
/* how far from today an interview date is taken without --force */
#define FOLLOWUP_INTERVIEW_RANGE_DAYS 365

gboolean followup_parse_days (const char *text, int *days, GError **error);
gboolean followup_parse_days_within (const char *text, int max, int *days, GError **error);
gboolean followup_parse_duration (const char *text, gint64 *seconds, GError **error);

GDateTime *followup_datetime_at (GTimeZone *tz, const GDate *date, int minute_of_day);
void followup_datetime_get_date (GDateTime *dt, GDate *out);
int followup_datetime_minute_of_day (GDateTime *dt);
int followup_date_days_between (const GDate *from, const GDate *to);

char *followup_format_iso (GDateTime *dt);
char *followup_format_record_time (GDateTime *dt);
char *followup_format_date (const GDate *date);
char *followup_format_relative (GDateTime *when, GDateTime *now);

G_END_DECLS

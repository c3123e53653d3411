/* followupctl-output.c: what a person reads, and what a script parses */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <gio/gio.h>

#include "followup-i18n.h"
#include "followup-time.h"
#include "followupctl-output.h"

#define LABEL_WIDTH 16

/* local time, with the year only when it is not this year's */
char *
followupctl_format_when (GDateTime *when, GDateTime *now)
{
  g_autoptr (GDateTime) local = g_date_time_to_timezone (when, g_date_time_get_timezone (now));

  if (g_date_time_get_year (local) != g_date_time_get_year (now))
    return g_date_time_format (local, "%a %d %b %Y %H:%M");
  return g_date_time_format (local, "%a %d %b %H:%M");
}

/* "in 3 days"; "now, until 16:00" inside a window or before a deadline;
 * "overdue 2 h" once the deadline (or, without one, the due time) is past */
char *
followupctl_format_hint (const FollowupStep *reminder, GDateTime *now)
{
  gint64 now_unix = g_date_time_to_unix (now);
  GTimeZone *tz = g_date_time_get_timezone (now);
  g_autoptr (GDateTime) due = g_date_time_new_from_unix_utc (reminder->due);
  g_autoptr (GDateTime) until = NULL;
  g_autoptr (GDateTime) until_local = NULL;
  g_autofree char *end = NULL;

  if (reminder->due > now_unix)
    return followup_format_relative (due, now);
  if (reminder->until <= now_unix) {
    until = reminder->until ? g_date_time_new_from_unix_utc (reminder->until) : NULL;
    return followup_format_relative (until ? until : due, now);
  }
  until = g_date_time_new_from_unix_utc (reminder->until);
  until_local = g_date_time_to_timezone (until, tz);
  end = g_date_time_get_day_of_year (until_local) == g_date_time_get_day_of_year (now) &&
            g_date_time_get_year (until_local) == g_date_time_get_year (now)
          ? g_date_time_format (until_local, "%H:%M")
          : followupctl_format_when (until_local, now);
  return g_strdup_printf (_ ("now, until %s"), end);
}

const char *
followupctl_reminder_style (const FollowupStep *reminder, GDateTime *now)
{
  gint64 now_unix = g_date_time_to_unix (now);

  if (reminder->due > now_unix)
    return NULL;
  return reminder->until > now_unix ? FOLLOWUP_STYLE_YELLOW : FOLLOWUP_STYLE_RED;
}

void
followupctl_json_add_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

char *
followupctl_json_to_string (JsonNode *node)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  GString *out;

  json_generator_set_root (gen, node);
  json_generator_set_pretty (gen, TRUE);
  out = json_generator_to_gstring (gen, g_string_new (NULL));
  return g_string_free (g_string_append_c (out, '\n'), FALSE);
}

/* JSON, CSV and iCalendar are UTF-8 whatever the locale: written as bytes,
 * not through g_print, which would convert them to the locale's charset */
gboolean
followupctl_write_stdout (const char *text, gsize len, GError **error)
{
  if (fwrite (text, 1, len, stdout) != len || fflush (stdout) != 0) {
    int saved = errno;

    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                 _ ("cannot write to standard output: %s"), g_strerror (saved));
    return FALSE;
  }
  return TRUE;
}

/* "  Label:          value", continuation lines under the value */
void
followupctl_print_field (const char *label, const char *value)
{
  g_autofree char *clean = followup_clean_text (value, TRUE);
  g_auto (GStrv) lines = g_strsplit (clean, "\n", -1);

  /* continuation lines line up under the first one */
  for (guint i = 0; lines[i] != NULL; i++)
    g_print ("  %-*s%s\n", LABEL_WIDTH, i == 0 ? label : "", lines[i]);
}

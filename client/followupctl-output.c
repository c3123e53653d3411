/* followupctl-output.c: what a person reads, and what a script parses */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <gio/gio.h>

#include "followup-time.h"
#include "followupctl-output.h"

/* a table cell longer than this is cut, so one long name cannot push every
 * other column off the screen; the last column is never cut */
#define MAX_CELL_WIDTH 40

struct _FollowupctlTable {
  guint n_columns;
  GPtrArray *rows;   /* GStrv, the header first */
  GPtrArray *styles; /* const char *, or NULL */
};

static GStrv
collect_cells (const char *first, va_list args)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (const char *cell = first; cell != NULL; cell = va_arg (args, const char *))
    g_strv_builder_add (builder, cell);
  return g_strv_builder_end (builder);
}

FollowupctlTable *
followupctl_table_new (const char *first_header, ...)
{
  FollowupctlTable *table = g_new0 (FollowupctlTable, 1);
  va_list args;

  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  table->styles = g_ptr_array_new ();
  va_start (args, first_header);
  g_ptr_array_add (table->rows, collect_cells (first_header, args));
  va_end (args);
  g_ptr_array_add (table->styles, FOLLOWUPCTL_STYLE_BOLD);
  table->n_columns = g_strv_length (table->rows->pdata[0]);
  return table;
}

void
followupctl_table_add_row (FollowupctlTable *table, const char *style, const char *first_cell, ...)
{
  va_list args;
  GStrv cells;

  va_start (args, first_cell);
  cells = collect_cells (first_cell, args);
  va_end (args);
  g_return_if_fail (g_strv_length (cells) == table->n_columns);
  g_ptr_array_add (table->rows, cells);
  g_ptr_array_add (table->styles, (gpointer) style);
}

guint
followupctl_table_get_n_rows (FollowupctlTable *table)
{
  return table->rows->len - 1;
}

void
followupctl_table_free (FollowupctlTable *table)
{
  g_ptr_array_unref (table->rows);
  g_ptr_array_unref (table->styles);
  g_free (table);
}

static int
char_width (gunichar c)
{
  if (g_unichar_iszerowidth (c))
    return 0;
  return g_unichar_iswide (c) ? 2 : 1;
}

int
followupctl_text_width (const char *text)
{
  int width = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    width += char_width (g_utf8_get_char (p));
  return width;
}

/* record text comes from a file anyone can edit: never let it carry escape
 * sequences to the terminal */
char *
followupctl_clean_text (const char *text, gboolean keep_newlines)
{
  GString *out = g_string_new (NULL);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_string_free (g_string_append (out, text ? "?" : ""), FALSE);
  for (const char *p = text; *p; p = g_utf8_next_char (p)) {
    gunichar c = g_utf8_get_char (p);

    if (c == '\n' && keep_newlines)
      g_string_append_c (out, '\n');
    else if (c == '\t' || c == '\n' || c == '\r')
      g_string_append_c (out, ' ');
    else if (g_unichar_iscntrl (c))
      g_string_append_c (out, '?');
    else
      g_string_append_unichar (out, c);
  }
  return g_string_free (out, FALSE);
}

static char *
fit_cell (const char *text, int max)
{
  g_autofree char *clean = followupctl_clean_text (text, FALSE);
  GString *out;
  int width = 0;

  if (max <= 0 || followupctl_text_width (clean) <= max)
    return g_steal_pointer (&clean);
  out = g_string_new (NULL);
  for (const char *p = clean; *p; p = g_utf8_next_char (p)) {
    gunichar c = g_utf8_get_char (p);

    if (width + char_width (c) > max - 1)
      break;
    width += char_width (c);
    g_string_append_unichar (out, c);
  }
  return g_string_free (g_string_append (out, "…"), FALSE);
}

static void
render_row (GString *out, GStrv cells, const int *widths, guint n, const char *style)
{
  GString *line = g_string_new (NULL);

  for (guint c = 0; c < n; c++) {
    g_autofree char *cell = fit_cell (cells[c], c + 1 < n ? MAX_CELL_WIDTH : 0);

    g_string_append (line, cell);
    if (c + 1 == n)
      break;
    for (int pad = followupctl_text_width (cell); pad < widths[c] + 2; pad++)
      g_string_append_c (line, ' ');
  }
  /* trailing blanks from an empty last column help nobody */
  while (line->len > 0 && line->str[line->len - 1] == ' ')
    g_string_truncate (line, line->len - 1);
  if (style != NULL)
    g_string_append_printf (out, "%s%s\033[0m\n", style, line->str);
  else
    g_string_append_printf (out, "%s\n", line->str);
  g_string_free (line, TRUE);
}

char *
followupctl_table_render (FollowupctlTable *table, gboolean color)
{
  g_autofree int *widths = g_new0 (int, table->n_columns);
  GString *out = g_string_new (NULL);

  for (guint r = 0; r < table->rows->len; r++) {
    GStrv cells = table->rows->pdata[r];

    for (guint c = 0; c < table->n_columns; c++) {
      g_autofree char *cell = fit_cell (cells[c], MAX_CELL_WIDTH);

      widths[c] = MAX (widths[c], followupctl_text_width (cell));
    }
  }
  for (guint r = 0; r < table->rows->len; r++)
    render_row (out, table->rows->pdata[r], widths, table->n_columns,
                color ? table->styles->pdata[r] : NULL);
  return g_string_free (out, FALSE);
}

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
followupctl_format_hint (const FollowupctlReminder *reminder, GDateTime *now)
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
  return g_strdup_printf ("now, until %s", end);
}

const char *
followupctl_reminder_style (const FollowupctlReminder *reminder, GDateTime *now)
{
  gint64 now_unix = g_date_time_to_unix (now);

  if (reminder->due > now_unix)
    return NULL;
  return reminder->until > now_unix ? FOLLOWUPCTL_STYLE_YELLOW : FOLLOWUPCTL_STYLE_RED;
}

static void
add_time_member (JsonBuilder *b, const char *name, gint64 unix_time, GTimeZone *tz)
{
  g_autoptr (GDateTime) utc = unix_time ? g_date_time_new_from_unix_utc (unix_time) : NULL;
  g_autoptr (GDateTime) local = utc ? g_date_time_to_timezone (utc, tz) : NULL;
  g_autofree char *text = local ? followup_format_iso (local) : NULL;

  json_builder_set_member_name (b, name);
  if (text != NULL)
    json_builder_add_string_value (b, text);
  else
    json_builder_add_null_value (b);
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

/* the fields of `followupd --schedule --json`, times in the user's zone */
JsonNode *
followupctl_reminder_to_json (const FollowupctlReminder *reminder, const char *company,
                              GTimeZone *tz)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  followupctl_json_add_string (b, "id", reminder->id);
  followupctl_json_add_string (b, "company", company);
  followupctl_json_add_string (b, "action", reminder->action);
  followupctl_json_add_string (b, "contact", reminder->contact);
  add_time_member (b, "due", reminder->due, tz);
  add_time_member (b, "until", reminder->until, tz);
  followupctl_json_add_string (b, "reason", reminder->reason);
  json_builder_end_object (b);
  return json_builder_get_root (b);
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
                 "cannot write to standard output: %s", g_strerror (saved));
    return FALSE;
  }
  return TRUE;
}

/* followup-table.c: aligned columns for a terminal, by display width, so
 * names with accents or wide characters still line up; each program picks
 * its own columns */
#include "config.h"

#include "followup-table.h"

/* a table cell longer than this is cut, so one long name cannot push every
 * other column off the screen; the last column is never cut */
#define MAX_CELL_WIDTH 40

struct _FollowupTable {
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

FollowupTable *
followup_table_new (const char *first_header, ...)
{
  FollowupTable *table = g_new0 (FollowupTable, 1);
  va_list args;

  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  table->styles = g_ptr_array_new ();
  va_start (args, first_header);
  g_ptr_array_add (table->rows, collect_cells (first_header, args));
  va_end (args);
  g_ptr_array_add (table->styles, FOLLOWUP_STYLE_BOLD);
  table->n_columns = g_strv_length (table->rows->pdata[0]);
  return table;
}

void
followup_table_add_row (FollowupTable *table, const char *style, const char *first_cell, ...)
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
followup_table_get_n_rows (FollowupTable *table)
{
  return table->rows->len - 1;
}

void
followup_table_free (FollowupTable *table)
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
followup_text_width (const char *text)
{
  int width = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    width += char_width (g_utf8_get_char (p));
  return width;
}

/* record text comes from a file anyone can edit: never let it carry escape
 * sequences to the terminal */
char *
followup_clean_text (const char *text, gboolean keep_newlines)
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
  g_autofree char *clean = followup_clean_text (text, FALSE);
  GString *out;
  int width = 0;

  if (max <= 0 || followup_text_width (clean) <= max)
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
    for (int pad = followup_text_width (cell); pad < widths[c] + 2; pad++)
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
followup_table_render (FollowupTable *table, gboolean color)
{
  g_autofree int *widths = g_new0 (int, table->n_columns);
  GString *out = g_string_new (NULL);

  for (guint r = 0; r < table->rows->len; r++) {
    GStrv cells = table->rows->pdata[r];

    for (guint c = 0; c < table->n_columns; c++) {
      g_autofree char *cell = fit_cell (cells[c], MAX_CELL_WIDTH);

      widths[c] = MAX (widths[c], followup_text_width (cell));
    }
  }
  for (guint r = 0; r < table->rows->len; r++)
    render_row (out, table->rows->pdata[r], widths, table->n_columns,
                color ? table->styles->pdata[r] : NULL);
  return g_string_free (out, FALSE);
}

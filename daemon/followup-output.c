/* followup-output.c: how `followupd --schedule` prints the engine's answer */
#include "config.h"

#include <json-glib/json-glib.h>

#include "followup-output.h"
#include "followup-time.h"

static void
add_time_or_null (JsonBuilder *b, const char *name, GDateTime *dt)
{
  g_autofree char *text = dt ? followup_format_iso (dt) : NULL;

  json_builder_set_member_name (b, name);
  if (text != NULL)
    json_builder_add_string_value (b, text);
  else
    json_builder_add_null_value (b);
}

char *
followup_reminder_to_json (const FollowupReminder *r)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, r->record->id);
  json_builder_set_member_name (b, "company");
  json_builder_add_string_value (b, r->record->company);
  json_builder_set_member_name (b, "action");
  json_builder_add_string_value (b, followup_action_to_string (r->action));
  json_builder_set_member_name (b, "contact");
  if (r->contact != NULL)
    json_builder_add_string_value (b, r->contact);
  else
    json_builder_add_null_value (b);
  add_time_or_null (b, "due", r->due);
  add_time_or_null (b, "until", r->until);
  json_builder_set_member_name (b, "reason");
  json_builder_add_string_value (b, r->reason);
  json_builder_set_member_name (b, "key");
  json_builder_add_string_value (b, r->key);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/* pads by characters, not bytes, so names with accents still line up */
static void
append_cell (GString *out, const char *text, int width)
{
  long n = g_utf8_strlen (text, -1);

  g_string_append (out, text);
  for (long i = n; i < width; i++)
    g_string_append_c (out, ' ');
  g_string_append (out, "  ");
}

#define COLUMNS 6

static void
format_row (const FollowupReminder *r, GTimeZone *user_tz, GDateTime *now, char **row)
{
  g_autoptr (GDateTime) due = g_date_time_to_timezone (r->due, user_tz);
  g_autoptr (GDateTime) until = r->until ? g_date_time_to_timezone (r->until, user_tz) : NULL;

  row[0] = g_date_time_format (due, "%a %d %b %H:%M");
  row[1] = followup_format_relative (r->due, now);
  row[2] = g_strdup (followup_action_to_string (r->action));
  row[3] = g_strdup (r->record->company);
  row[4] = g_strdup (r->contact ? r->contact : "-");
  row[5] = until ? g_date_time_format (until, "%a %d %b %H:%M") : g_strdup ("");
}

/* the user's local times, columns as wide as their widest cell */
char *
followup_schedule_to_table (GPtrArray *reminders, GTimeZone *user_tz, GDateTime *now)
{
  static const char *const header[COLUMNS] = { "WHEN", "", "ACTION", "COMPANY", "CONTACT", "UNTIL" };
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GString *out = g_string_new (NULL);
  int widths[COLUMNS] = { 0 };

  if (reminders->len == 0)
    return g_string_free (g_string_append (out, "Nothing to follow up.\n"), FALSE);
  g_ptr_array_add (rows, g_strdupv ((char **) header));
  for (guint i = 0; i < reminders->len; i++) {
    char **row = g_new0 (char *, COLUMNS + 1);

    format_row (reminders->pdata[i], user_tz, now, row);
    g_ptr_array_add (rows, row);
  }
  for (guint i = 0; i < rows->len; i++) {
    for (int c = 0; c < COLUMNS; c++)
      widths[c] = MAX (widths[c], (int) g_utf8_strlen (((char **) rows->pdata[i])[c], -1));
  }
  for (guint i = 0; i < rows->len; i++) {
    char **row = rows->pdata[i];

    for (int c = 0; c < COLUMNS - 1; c++)
      append_cell (out, row[c], widths[c]);
    g_string_append_printf (out, "%s\n", row[COLUMNS - 1]);
  }
  return g_string_free (out, FALSE);
}

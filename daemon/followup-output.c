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

char *
followup_schedule_to_table (GPtrArray *reminders, GTimeZone *user_tz, GDateTime *now)
{
  GString *out = g_string_new (NULL);
  int widths[] = { 16, 10, 22, 8, 8 };

  if (reminders->len == 0)
    return g_string_free (g_string_append (out, "Nothing to follow up.\n"), FALSE);
  for (guint i = 0; i < reminders->len; i++) {
    const FollowupReminder *r = g_ptr_array_index (reminders, i);

    widths[3] = MAX (widths[3], (int) g_utf8_strlen (r->record->company, -1));
    widths[4] = MAX (widths[4], r->contact ? (int) g_utf8_strlen (r->contact, -1) : 1);
  }
  append_cell (out, "WHEN", widths[0]);
  append_cell (out, "", widths[1]);
  append_cell (out, "ACTION", widths[2]);
  append_cell (out, "COMPANY", widths[3]);
  append_cell (out, "CONTACT", widths[4]);
  g_string_append (out, "UNTIL\n");
  for (guint i = 0; i < reminders->len; i++) {
    const FollowupReminder *r = g_ptr_array_index (reminders, i);
    g_autoptr (GDateTime) due = g_date_time_to_timezone (r->due, user_tz);
    g_autoptr (GDateTime) until = r->until ? g_date_time_to_timezone (r->until, user_tz) : NULL;
    g_autofree char *when = g_date_time_format (due, "%a %d %b %H:%M");
    g_autofree char *rel = followup_format_relative (r->due, now);
    g_autofree char *end = until ? g_date_time_format (until, "%a %d %b %H:%M") : g_strdup ("");

    append_cell (out, when, widths[0]);
    append_cell (out, rel, widths[1]);
    append_cell (out, followup_action_to_string (r->action), widths[2]);
    append_cell (out, r->record->company, widths[3]);
    append_cell (out, r->contact ? r->contact : "-", widths[4]);
    g_string_append_printf (out, "%s\n", end);
  }
  return g_string_free (out, FALSE);
}

/* followup-output.c: the engine's steps as bus steps, JSON lines and the
 * table of `followupd --schedule` */
#include "config.h"

#define G_LOG_DOMAIN "followup-output"

#include "followup-i18n.h"
#include "followup-output.h"
#include "followup-table.h"
#include "followup-time.h"

static gint64
unix_or_zero (GDateTime *dt)
{
  return dt ? g_date_time_to_unix (dt) : 0;
}

FollowupStep *
followup_reminder_to_step (const FollowupReminder *r)
{
  FollowupStep *step = g_new0 (FollowupStep, 1);

  step->id = g_strdup (r->record->id);
  step->company = g_strdup (r->record->company);
  step->action = r->action;
  step->contact = g_strdup (r->contact);
  step->due = g_date_time_to_unix (r->due);
  step->until = unix_or_zero (r->until);
  step->show_at = g_date_time_to_unix (r->show_at);
  step->expires = unix_or_zero (r->expires);
  step->reason = g_strdup (r->reason);
  step->key = g_strdup (r->key);
  step->zone = g_strdup (g_time_zone_get_identifier (r->tz));
  return step;
}

/* one line of `--schedule --json`, times in the record's zone */
char *
followup_reminder_to_json (const FollowupReminder *r)
{
  g_autoptr (FollowupStep) step = followup_reminder_to_step (r);
  g_autoptr (JsonNode) node = followup_step_to_json (step, r->record->tz);

  return followup_json_to_line (node);
}

static char *
format_local (GDateTime *dt, GTimeZone *user_tz)
{
  g_autoptr (GDateTime) local = g_date_time_to_timezone (dt, user_tz);

  return g_date_time_format (local, "%a %d %b %H:%M");
}

/* the user's local times */
char *
followup_schedule_to_table (GPtrArray *reminders, GTimeZone *user_tz, GDateTime *now)
{
  g_autoptr (FollowupTable) table = NULL;

  if (reminders->len == 0)
    return g_strdup (_ ("Nothing to follow up.\n"));
  /* TRANSLATORS: column headings of followupd --schedule */
  table = followup_table_new (_ ("WHEN"), "", _ ("ACTION"), _ ("COMPANY"), _ ("CONTACT"),
                              _ ("UNTIL"), NULL);
  for (guint i = 0; i < reminders->len; i++) {
    const FollowupReminder *r = reminders->pdata[i];
    g_autofree char *due = format_local (r->due, user_tz);
    g_autofree char *relative = followup_format_relative (r->due, now);
    g_autofree char *until = r->until ? format_local (r->until, user_tz) : g_strdup ("");

    followup_table_add_row (table, NULL, due, relative, followup_action_to_string (r->action),
                            r->record->company, r->contact ? r->contact : "-", until, NULL);
  }
  return followup_table_render (table, FALSE);
}

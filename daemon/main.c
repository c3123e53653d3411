/* main.c: followupd's command line; the work is in the core library */
#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "followup-engine.h"
#include "followup-output.h"
#include "followup-store.h"
#include "followup-time.h"

typedef struct {
  gboolean check;
  gboolean schedule;
  gboolean json;
  gboolean version;
  char *config;
  char *now;
} Options;

static int
run_check (const char *path, GTimeZone *user_tz)
{
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (FollowupRecordSet) set = followup_store_load (path, user_tz, &problems, &error);

  if (set == NULL && problems == NULL) {
    g_printerr ("%s: %s\n", path, error->message);
    return 1;
  }
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_printerr ("%s\n", (char *) problems->pdata[i]);
  if (set == NULL)
    return 1;
  g_print ("%s: ok, %u interview%s\n", path, set->records->len, set->records->len == 1 ? "" : "s");
  return 0;
}

static int
run_schedule (const char *path, GTimeZone *user_tz, const Options *opts)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (FollowupRecordSet) set = NULL;
  g_autoptr (GPtrArray) reminders = NULL;
  FollowupEngineInput input = { NULL, user_tz, NULL, NULL };

  now = opts->now ? followup_parse_datetime (opts->now, user_tz, &error)
                  : g_date_time_new_now (user_tz);
  if (now == NULL) {
    g_printerr ("followupd: --now: %s\n", error->message);
    return 2;
  }
  set = followup_store_load (path, user_tz, NULL, &error);
  if (set == NULL) {
    g_printerr ("%s\n", error->message);
    g_printerr ("followupd: run followupd --check for every problem in the file\n");
    return 1;
  }
  input.policy = set->policy;
  input.now = now;
  reminders = followup_engine_schedule (&input, set->records);
  for (guint i = 0; opts->json && i < reminders->len; i++) {
    g_autofree char *line = followup_reminder_to_json (reminders->pdata[i]);
    g_print ("%s\n", line);
  }
  if (!opts->json) {
    g_autofree char *table = followup_schedule_to_table (reminders, user_tz, now);
    g_print ("%s", table);
  }
  return 0;
}

int
main (int argc, char **argv)
{
  Options opts = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) context = g_option_context_new ("- follow up after job interviews");
  g_autoptr (GTimeZone) user_tz = g_time_zone_new_local ();
  g_autofree char *path = NULL;
  const GOptionEntry entries[] = {
    { "check", 0, 0, G_OPTION_ARG_NONE, &opts.check, "Check the record file and exit", NULL },
    { "schedule", 0, 0, G_OPTION_ARG_NONE, &opts.schedule, "Print the schedule and exit", NULL },
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &opts.config, "Record file", "FILE" },
    { "now", 0, 0, G_OPTION_ARG_STRING, &opts.now, "Compute the schedule at this time",
      "ISO-8601" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opts.json, "With --schedule: JSON lines", NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &opts.version, "Print the version and exit", NULL },
    { NULL },
  };

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error)) {
    g_printerr ("followupd: %s\n", error->message);
    return 2;
  }
  if (opts.version) {
    g_print ("followupd %s\n", PACKAGE_VERSION);
    return 0;
  }
  path = opts.config ? g_strdup (opts.config) : followup_store_default_path ();
  if (opts.check)
    return run_check (path, user_tz);
  if (opts.schedule)
    return run_schedule (path, user_tz, &opts);
  g_printerr ("followupd: the daemon mode is not built yet; use --check or --schedule\n");
  return 2;
}

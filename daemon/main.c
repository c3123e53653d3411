/* main.c: followupd's command line; the work is in the core library */
#include "config.h"

#define G_LOG_DOMAIN "followupd"

#include <stdio.h>

#include "followup-i18n.h"
#include "followup-daemon.h"
#include "followup-engine.h"
#include "followup-output.h"
#include "followup-state.h"
#include "followup-store.h"
#include "followup-time.h"

typedef struct {
  gboolean check;
  gboolean schedule;
  gboolean json;
  gboolean version;
  gboolean verbose;
  gboolean replace;
  char *config;
  char *state;
  char *now;
} Options;

/* to the journal with its structured fields when systemd runs us, else to
 * stderr; stdout stays free for --schedule */
static GLogWriterOutput
log_writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
  gboolean journal = GPOINTER_TO_INT (user_data);

  if (g_log_writer_default_would_drop (level, G_LOG_DOMAIN))
    return G_LOG_WRITER_HANDLED;
  if (journal && g_log_writer_journald (level, fields, n_fields, NULL) == G_LOG_WRITER_HANDLED)
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_standard_streams (level, fields, n_fields, NULL);
}

static int
run_daemon (const char *path, const Options *opts)
{
  g_autofree char *state = opts->state ? g_strdup (opts->state) : followup_state_default_path ();
  g_autoptr (GError) error = NULL;
  g_autoptr (FollowupDaemon) d = NULL;

  g_log_writer_default_set_use_stderr (TRUE);
  g_log_set_writer_func (log_writer, GINT_TO_POINTER (g_log_writer_is_journald (2)), NULL);
  d = followup_daemon_new (path, state, &error);
  if (d == NULL) {
    g_printerr ("followupd: %s\n", error->message);
    return 1;
  }
  return followup_daemon_run (d, opts->replace);
}

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
  g_print (g_dngettext (GETTEXT_PACKAGE, "%s: ok, %u interview\n", "%s: ok, %u interviews\n",
                        set->records->len),
           path, set->records->len);
  return 0;
}

static int
run_schedule (const char *path, GTimeZone *user_tz, const Options *opts)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (FollowupRecordSet) set = NULL;
  g_autoptr (GPtrArray) reminders = NULL;
  FollowupEngineInput input = { NULL, user_tz, NULL, NULL, NULL, NULL, NULL };

  now = opts->now ? followup_parse_datetime (opts->now, user_tz, &error)
                  : g_date_time_new_now (user_tz);
  if (now == NULL) {
    g_printerr (_ ("followupd: --now: %s\n"), error->message);
    return 2;
  }
  set = followup_store_load (path, user_tz, NULL, &error);
  if (set == NULL) {
    g_printerr ("%s\n", error->message);
    g_printerr (_ ("followupd: run followupd --check for every problem in the file\n"));
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

static void
options_clear (Options *opts)
{
  g_clear_pointer (&opts->config, g_free);
  g_clear_pointer (&opts->state, g_free);
  g_clear_pointer (&opts->now, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

int
main (int argc, char **argv)
{
  g_auto (Options) opts = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GTimeZone) user_tz = g_time_zone_new_local ();
  g_autofree char *path = NULL;
  const GOptionEntry entries[] = {
    { "check", 0, 0, G_OPTION_ARG_NONE, &opts.check, N_ ("Check the record file and exit"), NULL },
    { "schedule", 0, 0, G_OPTION_ARG_NONE, &opts.schedule, N_ ("Print the schedule and exit"),
      NULL },
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &opts.config, N_ ("Record file"), "FILE" },
    { "now", 0, 0, G_OPTION_ARG_STRING, &opts.now, N_ ("Compute the schedule at this time"),
      "ISO-8601" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opts.json, N_ ("With --schedule: JSON lines"), NULL },
    { "state", 0, 0, G_OPTION_ARG_FILENAME, &opts.state, N_ ("Reminder state file"), "FILE" },
    { "replace", 'r', 0, G_OPTION_ARG_NONE, &opts.replace, N_ ("Replace a running followupd"),
      NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &opts.verbose, N_ ("Log debugging messages"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &opts.version, N_ ("Print the version and exit"), NULL },
    { NULL },
  };

  /* before the first _(): the context's summary is translated when made */
  followup_i18n_init ();
  context = g_option_context_new (_ ("- follow up after job interviews"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
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
  if (opts.verbose)
    g_log_set_debug_enabled (TRUE);
  /* Daemon mode: own the bus name, watch the file, remind */
  return run_daemon (path, &opts);
}

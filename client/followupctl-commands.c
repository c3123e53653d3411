/* followupctl-commands.c: the command table, argument parsing, the link to
 * the daemon and what an error turns into (message and exit code) */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "followup-error.h"
#include "followup-i18n.h"
#include "followup-names.h"
#include "followup-time.h"
#include "followupctl-commands.h"
#include "followupctl-contact.h"
#include "followupctl-read.h"
#include "followupctl-send.h"
#include "followupctl-stats.h"
#include "followupctl-events.h"
#include "followupctl-write.h"
#include "followupctl-output.h"

#define NOT_RUNNING                                                                          \
  _ ("the followup daemon is not running (start it with: systemctl --user start followupd, " \
     "or run followupd)")

static gboolean cmd_help (FollowupctlCtx *ctx, char **argv, GError **error);

static const FollowupctlCommand commands[] = {
  { "add", "", N_ ("Add an interview, e.g. right after walking out of it"),
    N_ ("--company and --at are required. TIME is \"YYYY-MM-DD HH:MM\", \"today 14:00\",\n"
        "\"yesterday 10:30\", \"tomorrow 10:00\", \"friday 14:00\" or \"14:00\", read in --tz\n"
        "(an IANA zone such as America/New_York, the employer's) or else in your own\n"
        "zone. An interview still to come gets a reminder to prepare. Each --contact\n"
        "starts a new person; the --phone, --email and --prefers after it are theirs.\n"
        "DAYS is 7, 7d, 10 days, 1w or 2 weeks."),
    followupctl_cmd_add },
  { "list", "", N_ ("List the interviews with their next step"), NULL, followupctl_cmd_list },
  { "show", "ID", N_ ("Show one interview: contacts, what happened, what comes next"), NULL,
    followupctl_cmd_show },
  { "edit", "ID", N_ ("Change fields of an interview"),
    N_ ("An empty value removes a field, e.g. --role \"\". --at is read in --tz or the\n"
        "interview's zone; --tz alone keeps the time as written and changes its zone.\n"
        "--contact adds a person (with the --phone, --email, --prefers after it), e.g.\n"
        "the names you noted in the interview."),
    followupctl_cmd_edit },
  { "rm", "ID", N_ ("Remove an interview and its reminders"), NULL, followupctl_cmd_rm },
  { "next", "", N_ ("What is due now, and the next steps"), NULL, followupctl_cmd_next },
  { "agenda", "", N_ ("Every step due in the coming days"), NULL, followupctl_cmd_agenda },
  { "done", "ID thank-you|email|check-in|keep-in-touch|prepare",
    N_ ("Record a note or email you sent, or that you prepared"),
    N_ ("KIND may also be the name of the reminder: follow-up-email or\n"
        "thanks-after-rejection. TIME is in your own zone and defaults to now."),
    followupctl_cmd_done },
  { "called", "ID reached|voicemail|no-answer", N_ ("Record a call and how it went"),
    N_ ("reached: you spoke to them; give --decision-in or --decision-by if they named a\n"
        "new date. voicemail: you left a message (it counts towards max_calls). no-answer:\n"
        "nobody picked up and you left no message; the next try is the next workday,\n"
        "and only a third in a row counts. TIME is in your own zone and defaults to now."),
    followupctl_cmd_called },
  { "heard", "ID", N_ ("Record that they answered, with their new timeline if any"),
    N_ ("With --decision-in or --decision-by the call is planned anew from that\n"
        "timeline. To record a final answer use: followupctl status ID STATUS."),
    followupctl_cmd_heard },
  { "contact", "ID add|edit|rm NAME", N_ ("Add, change or remove a person of an interview"),
    N_ ("add and edit take --email, --phone, --prefers phone|email and --tz (their own\n"
        "zone); with edit an empty value removes a field. Someone named in the\n"
        "interview's events or rounds is not removed."),
    followupctl_cmd_contact },
  { "skip", "ID STEP", N_ ("Record that you chose not to take a step"),
    N_ ("STEP is a reminder's name: prepare, thank-you, follow-up-email, call,\n"
        "check-in, thanks-after-rejection or keep-in-touch. It leaves the plan as if\n"
        "done; a skipped call counts as one made, so the retry or the move-on follows."),
    followupctl_cmd_skip },
  { "round", "ID", N_ ("Add a later interview round to an application"),
    N_ ("--at is read in the interview's zone. Each --contact names someone you meet\n"
        "in it (new names become contacts). The round gets its own reminders; those of\n"
        "the round before it end."),
    followupctl_cmd_round },
  { "status", "[ID waiting|offer|rejected|withdrawn|no-opening|closed]",
    N_ ("Show the daemon's state, or set where an interview stands"),
    N_ ("rejected leads to one reminder to thank them anyway, no-opening to a note\n"
        "about once a month; offer, withdrawn and closed end the reminders."),
    followupctl_cmd_status },
  { "snooze", "ID ACTION DURATION|next-window|off", N_ ("Put a reminder off"),
    N_ ("ACTION is thank-you, follow-up-email, call, check-in, move-on,\n"
        "thanks-after-rejection or keep-in-touch. DURATION is 30m, 2h, 1d or 1w; a\n"
        "snooze only moves a step later. next-window (calls only) moves the call past\n"
        "its planned window; off undoes a snooze."),
    followupctl_cmd_snooze },
  { "draft", "ID thank-you|follow-up-email|thanks-after-rejection|keep-in-touch",
    N_ ("Write a short message filled from the interview"),
    N_ ("Your own templates in $XDG_CONFIG_HOME/followup/templates/KIND.txt take the\n"
        "place of the built-in ones; see followupctl(1) for their placeholders."),
    followupctl_cmd_draft },
  { "stats", "", N_ ("How your search is going: answers, silence, calls"),
    N_ ("Counts applications by status; how many answered and how fast (days from the\n"
        "interview to their first answer, beside the time they had given); how many\n"
        "went silent (the move-on step came, or closed, with no answer); calls made."),
    followupctl_cmd_stats },
  { "export", "", N_ ("Write the interviews and reminders as iCalendar, CSV or JSON"),
    N_ ("Exactly one of --ics, --csv and --json; standard output unless -o FILE."),
    followupctl_cmd_export },
  { "check", "", N_ ("Check the record file on disk, line by line"), NULL, followupctl_cmd_check },
  { "reload", "", N_ ("Make the daemon read the record file again"), NULL, followupctl_cmd_reload },
  { "help", "[COMMAND]", N_ ("List the commands, or explain one"), NULL, cmd_help },
};

G_DEFINE_QUARK (followupctl_error, followupctl_error)

static const FollowupctlCommand *
find_command (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++) {
    if (strcmp (commands[i].name, name) == 0)
      return &commands[i];
  }
  return NULL;
}

static char *
overview (void)
{
  GString *out = g_string_new (_ ("Usage: followupctl COMMAND [ARGUMENT…] [OPTION…]\n\n"
                                  "Follow up after job interviews: the client of followupd.\n\n"
                                  "Commands:\n"));

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (out, "  %-8s %s\n", commands[i].name, _ (commands[i].summary));
  g_string_append (out, _ ("\nRun “followupctl COMMAND --help” for a command's arguments and "
                           "options.\nSee followupctl(1) for more.\n"));
  return g_string_free (out, FALSE);
}

static gboolean
cmd_help (FollowupctlCtx *ctx, char **argv, GError **error)
{
  g_autofree char *text = NULL;

  if (!followupctl_parse (ctx, argv, NULL, NULL, 0, 1, error))
    return FALSE;
  if (argv[1] != NULL)
    return followupctl_usage_error (error, _ ("unknown command “%s”"), argv[1]);
  text = overview ();
  g_print ("%s", text);
  return TRUE;
}

gboolean
followupctl_usage_error (GError **error, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error,
                     g_error_new_valist (FOLLOWUPCTL_ERROR, FOLLOWUPCTL_ERROR_USAGE, format, args));
  va_end (args);
  return FALSE;
}

/* text options are taken as bytes (G_OPTION_ARG_FILENAME), not converted
 * from the locale's charset: in the C locale GOption would refuse "Müller" */
gboolean
followupctl_check_text (const char *option, const char *value, GError **error)
{
  if (value == NULL || g_utf8_validate (value, -1, NULL))
    return TRUE;
  return followupctl_usage_error (error, _ ("%s is not valid UTF-8 text"), option);
}

static gboolean
show_help (FollowupctlCtx *ctx, GOptionContext *context, GError **error)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  g_print ("%s", help);
  g_set_error_literal (error, FOLLOWUPCTL_ERROR, FOLLOWUPCTL_ERROR_HELP_SHOWN, "");
  return FALSE;
}

/* parses argv in place (argv[0] is the command): afterwards argv holds the
 * command and its positional arguments only */
gboolean
followupctl_parse (FollowupctlCtx *ctx, char **argv, const GOptionEntry *entries,
                   gpointer user_data, guint min_args, guint max_args, GError **error)
{
  const FollowupctlCommand *cmd = ctx->command;
  gboolean help = FALSE;
  const GOptionEntry help_entries[] = {
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, N_ ("Show this command's options"), NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (cmd->args);
  GOptionGroup *group =
    g_option_group_new (cmd->name, _ (cmd->summary), _ ("Options"), user_data, NULL);
  guint n;

  /* the entries' descriptions are N_() marked; GOption translates them */
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_summary (context, _ (cmd->summary));
  g_option_context_set_description (context, cmd->details ? _ (cmd->details) : NULL);
  if (entries != NULL)
    g_option_group_add_entries (group, entries);
  g_option_group_add_entries (group, help_entries);
  g_option_context_set_main_group (context, group);
  if (!g_option_context_parse_strv (context, &argv, error))
    return FALSE;
  if (help)
    return show_help (ctx, context, error);
  n = g_strv_length (argv) - 1;
  for (guint i = 1; i <= n; i++) {
    if (!g_utf8_validate (argv[i], -1, NULL))
      return followupctl_usage_error (error, _ ("argument %u is not valid UTF-8 text"), i);
  }
  if (n < min_args)
    return followupctl_usage_error (error, _ ("expects %s"), cmd->args);
  if (n > max_args)
    return followupctl_usage_error (error, _ ("too many arguments, from “%s” on"),
                                    argv[max_args + 1]);
  return TRUE;
}

static gboolean
no_daemon (GError **error)
{
  g_set_error_literal (error, FOLLOWUPCTL_ERROR, FOLLOWUPCTL_ERROR_NO_DAEMON, NOT_RUNNING);
  return FALSE;
}

static gboolean
timed_out (GError **error)
{
  g_set_error (error, FOLLOWUPCTL_ERROR, FOLLOWUPCTL_ERROR_FAILED,
               _ ("the followup daemon did not answer within %d seconds (see journalctl --user "
                  "-u followupd)"),
               FOLLOWUPCTL_DBUS_TIMEOUT_MS / 1000);
  return FALSE;
}

static gboolean
dbus_failure (GError **error, const GError *e)
{
  switch (e->code) {
    case G_DBUS_ERROR_SERVICE_UNKNOWN:
    case G_DBUS_ERROR_NAME_HAS_NO_OWNER:
    case G_DBUS_ERROR_NO_SERVER:
    case G_DBUS_ERROR_SPAWN_EXEC_FAILED:
    case G_DBUS_ERROR_SPAWN_CHILD_EXITED:
    case G_DBUS_ERROR_SPAWN_CHILD_SIGNALED:
    case G_DBUS_ERROR_SPAWN_FAILED:
    case G_DBUS_ERROR_SPAWN_SERVICE_INVALID:
    case G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND:
      return no_daemon (error);
    case G_DBUS_ERROR_NO_REPLY:
    case G_DBUS_ERROR_TIMEOUT:
    case G_DBUS_ERROR_TIMED_OUT:
      return timed_out (error);
    case G_DBUS_ERROR_UNKNOWN_METHOD:
    case G_DBUS_ERROR_UNKNOWN_INTERFACE:
    case G_DBUS_ERROR_UNKNOWN_OBJECT:
      g_set_error (error, FOLLOWUPCTL_ERROR, FOLLOWUPCTL_ERROR_FAILED,
                   _ ("the running followup daemon does not match this followupctl (%s); restart "
                      "it with: systemctl --user restart followupd"),
                   e->message);
      return FALSE;
    default:
      g_set_error (error, FOLLOWUPCTL_ERROR, FOLLOWUPCTL_ERROR_FAILED, "%s", e->message);
      return FALSE;
  }
}

/* the daemon names the fault and nothing to type; what to run next is the
 * client's to say, chosen by the error's D-Bus name (mapped to its code) */
static const char *
followup_error_hint (const GError *e)
{
  switch (e->code) {
    case FOLLOWUP_ERROR_NOT_FOUND:
      return _ (" (followupctl list shows the ids)");
    case FOLLOWUP_ERROR_CONFIG_BROKEN:
      return _ (" (fix the record file first; followupctl check shows where)");
    case FOLLOWUP_ERROR_PAST_LIMIT:
      return _ (" (add --anyway to record it all the same)");
    default:
      return "";
  }
}

/* the record key a daemon message starts with, as the option that sets it */
static const struct {
  const char *key;
  const char *option;
} key_options[] = {
  { "interviewed_at", "--at" },
  { "at", "--at" },
  { "timezone", "--tz" },
  { "language", "--language" },
  { "decision_in_days", "--decision-in" },
  { "decision_by", "--decision-by" },
  { "name", "--contact" },
  { "company", "--company" },
  { "role", "--role" },
  { "notes", "--notes" },
  { "status", "--status" },
  { "email", "--email" },
  { "phone", "--phone" },
  { "prefers", "--prefers" },
  { "id", "--id" },
  { "outcome", "--outcome" },
  /* snooze's argument, not an option */
  { "until", "DURATION" },
};

static const char *
option_of (const char *key)
{
  for (gsize i = 0; i < G_N_ELEMENTS (key_options); i++) {
    if (strcmp (key_options[i].key, key) == 0)
      return key_options[i].option;
  }
  return NULL;
}

/* "contacts.2.email: is too long" -> "--email (contact 2): is too long":
 * the user typed the option; of several --contact, the count says which.
 * An event or a round is the one just typed: its place in the file
 * ("events.4") says nothing to the user, so the option alone */
static char *
name_option (const char *message)
{
  const char *colon = strstr (message, ": ");
  g_autofree char *path = colon ? g_strndup (message, colon - message) : NULL;
  g_auto (GStrv) parts = NULL;
  const char *option;
  guint n;

  if (path == NULL || strchr (path, ' ') != NULL)
    return g_strdup (message);
  parts = g_strsplit (path, ".", 3);
  if (parts[1] == NULL) {
    option = option_of (parts[0]);
    return option ? g_strdup_printf ("%s%s", option, colon) : g_strdup (message);
  }
  n = (guint) g_ascii_strtoull (parts[1], NULL, 10);
  option = option_of (parts[2] ? parts[2] : "name");
  if (option == NULL)
    return g_strdup (message);
  if (strcmp (parts[0], "contacts") == 0)
    /* TRANSLATORS: "--email (contact 2): is too long", the second --contact given */
    return g_strdup_printf (_ ("%s (contact %u)%s"), option, n, colon);
  return parts[2] ? g_strdup_printf ("%s%s", option, colon) : g_strdup (message);
}

gboolean
followupctl_daemon_error (GError **error, GError *call_error)
{
  g_autoptr (GError) e = g_error_copy (call_error);

  g_dbus_error_strip_remote_error (e);
  if (e->domain == G_DBUS_ERROR)
    return dbus_failure (error, e);
  if (g_error_matches (e, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return timed_out (error);
  if (g_error_matches (e, G_IO_ERROR, G_IO_ERROR_CLOSED))
    return no_daemon (error);
  if (e->domain == FOLLOWUP_ERROR) {
    g_autofree char *message = name_option (e->message);

    g_set_error (error, FOLLOWUP_ERROR, e->code, "%s%s", message, followup_error_hint (e));
    return FALSE;
  }
  g_propagate_error (error, g_steal_pointer (&e));
  return FALSE;
}

/* the proxy's construction asks the bus to activate the daemon when nobody
 * owns the name; without an owner afterwards, nobody can answer */
FollowupDBusFollowup1 *
followupctl_proxy (FollowupctlCtx *ctx, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (FollowupDBusFollowup1) proxy = NULL;
  g_autofree char *owner = NULL;

  if (ctx->proxy != NULL)
    return ctx->proxy;
  /* registers the error domain, so replies carry FOLLOWUP_ERROR codes */
  (void) FOLLOWUP_ERROR;
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &local_error);
  if (bus == NULL) {
    no_daemon (error);
    return NULL;
  }
  proxy = followup_dbus_followup1_proxy_new_sync (bus,
                                                  G_DBUS_PROXY_FLAGS_DO_NOT_LOAD_PROPERTIES |
                                                    G_DBUS_PROXY_FLAGS_DO_NOT_CONNECT_SIGNALS,
                                                  FOLLOWUP_BUS_NAME, FOLLOWUP_OBJECT_PATH, NULL,
                                                  &local_error);
  if (proxy == NULL) {
    followupctl_daemon_error (error, local_error);
    return NULL;
  }
  owner = g_dbus_proxy_get_name_owner (G_DBUS_PROXY (proxy));
  if (owner == NULL) {
    no_daemon (error);
    return NULL;
  }
  g_dbus_proxy_set_default_timeout (G_DBUS_PROXY (proxy), FOLLOWUPCTL_DBUS_TIMEOUT_MS);
  ctx->proxy = g_steal_pointer (&proxy);
  return ctx->proxy;
}

gboolean
followupctl_print_json (JsonNode *node, GError **error)
{
  g_autofree char *text = followupctl_json_to_string (node);

  return followupctl_write_stdout (text, strlen (text), error);
}

GVariant *
followupctl_get_record (FollowupctlCtx *ctx, const char *id, GError **error)
{
  FollowupDBusFollowup1 *proxy = followupctl_proxy (ctx, error);
  g_autoptr (GError) local_error = NULL;
  GVariant *record = NULL;

  if (proxy == NULL)
    return NULL;
  if (!followup_dbus_followup1_call_get_sync (proxy, id, &record, NULL, &local_error)) {
    followupctl_daemon_error (error, local_error);
    return NULL;
  }
  return record;
}

GVariant *
followupctl_list_records (FollowupctlCtx *ctx, GError **error)
{
  FollowupDBusFollowup1 *proxy = followupctl_proxy (ctx, error);
  g_autoptr (GError) local_error = NULL;
  GVariant *records = NULL;

  if (proxy == NULL)
    return NULL;
  if (!followup_dbus_followup1_call_list_sync (proxy, &records, NULL, &local_error)) {
    followupctl_daemon_error (error, local_error);
    return NULL;
  }
  return records;
}

GPtrArray *
followupctl_schedule (FollowupctlCtx *ctx, gint64 from, gint64 to, GError **error)
{
  FollowupDBusFollowup1 *proxy = followupctl_proxy (ctx, error);
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GVariant) reminders = NULL;

  if (proxy == NULL)
    return NULL;
  if (!followup_dbus_followup1_call_schedule_sync (proxy, from, to, &reminders, NULL,
                                                   &local_error)) {
    followupctl_daemon_error (error, local_error);
    return NULL;
  }
  return followup_steps_new_from_variant (reminders);
}

GPtrArray *
followupctl_departed (FollowupctlCtx *ctx, GError **error)
{
  FollowupDBusFollowup1 *proxy = followupctl_proxy (ctx, error);
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GVariant) steps = NULL;

  if (proxy == NULL)
    return NULL;
  if (!followup_dbus_followup1_call_departed_sync (proxy, &steps, NULL, &local_error)) {
    followupctl_daemon_error (error, local_error);
    return NULL;
  }
  return followup_steps_new_from_variant (steps);
}

GDateTime *
followupctl_parse_time (FollowupctlCtx *ctx, const char *option, const char *text, GTimeZone *tz,
                        GError **error)
{
  g_autoptr (GError) local_error = NULL;
  GDateTime *dt = NULL;

  if (followupctl_check_text (option, text, error))
    dt = followup_parse_user_datetime (text, tz, ctx->now, &local_error);
  if (dt == NULL && local_error != NULL)
    followupctl_usage_error (error, "%s: %s", option, local_error->message);
  return dt;
}

/* a time the user typed in their own zone, written as the record file
 * wants it: in the record's zone, without an offset */
char *
followupctl_event_time (FollowupctlCtx *ctx, GVariant *record, const char *text, GError **error)
{
  g_autoptr (GDateTime) at = followupctl_parse_time (ctx, "--at", text, ctx->local_tz, error);
  g_autoptr (GTimeZone) tz = NULL;
  g_autoptr (GDateTime) there = NULL;

  if (at == NULL)
    return NULL;
  tz = followupctl_record_zone (record, ctx->local_tz);
  there = g_date_time_to_timezone (at, tz);
  return followup_format_record_time (there);
}

static gboolean
wants_color (void)
{
  const char *term = g_getenv ("TERM");

  return isatty (STDOUT_FILENO) && g_getenv ("NO_COLOR") == NULL && term != NULL &&
         strcmp (term, "dumb") != 0;
}

/* messages may quote what was typed: never pass escape sequences or broken
 * UTF-8 on to the terminal */
static int
report (const FollowupctlCommand *cmd, const GError *error)
{
  g_autofree char *valid = NULL;
  g_autofree char *message = NULL;

  if (g_error_matches (error, FOLLOWUPCTL_ERROR, FOLLOWUPCTL_ERROR_HELP_SHOWN))
    return 0;
  valid = g_utf8_make_valid (error->message, -1);
  /* GOption's own messages start with a capital ("Unknown option …"); ours do not */
  if (error->domain == G_OPTION_ERROR && g_ascii_isupper (valid[0]) && g_ascii_islower (valid[1]))
    valid[0] = g_ascii_tolower (valid[0]);
  message = followup_clean_text (valid, FALSE);
  if (g_error_matches (error, FOLLOWUPCTL_ERROR, FOLLOWUPCTL_ERROR_USAGE) ||
      error->domain == G_OPTION_ERROR) {
    g_printerr ("followupctl %s: %s\n", cmd->name, message);
    g_printerr (_ ("Usage: followupctl %s%s%s [OPTION…]\n"), cmd->name, *cmd->args ? " " : "",
                cmd->args);
    g_printerr (_ ("Run “followupctl %s --help” for more.\n"), cmd->name);
    return 2;
  }
  g_printerr ("followupctl: %s\n", message);
  /* EX_TEMPFAIL: not a failure, an outcome not known */
  return g_error_matches (error, FOLLOWUPCTL_ERROR, FOLLOWUPCTL_ERROR_UNKNOWN_OUTCOME) ? 75 : 1;
}

static int
run (const FollowupctlCommand *cmd, char **argv)
{
  FollowupctlCtx ctx = { cmd, NULL, g_time_zone_new_local (), NULL, wants_color (), FALSE, NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *prgname = g_strconcat ("followupctl ", cmd->name, NULL);
  int rc;

  /* GOption prints the program name on its usage line */
  g_set_prgname (prgname);
  ctx.now = g_date_time_new_now (ctx.local_tz);
  /* option parsing takes argv apart; the request token wants it whole */
  ctx.argv = g_strdupv (argv);
  rc = cmd->func (&ctx, argv, &error) ? 0 : report (cmd, error);
  g_strfreev (ctx.argv);
  g_clear_object (&ctx.proxy);
  g_date_time_unref (ctx.now);
  g_time_zone_unref (ctx.local_tz);
  return rc;
}

static int
unknown_command (const char *name)
{
  g_autofree char *valid = g_utf8_make_valid (name, -1);
  g_autofree char *clean = followup_clean_text (valid, FALSE);

  g_printerr (_ ("followupctl: unknown command “%s”; run “followupctl help” for the list\n"),
              clean);
  return 2;
}

int
followupctl_main (int argc, char **argv)
{
  g_auto (GStrv) args = NULL;
  const FollowupctlCommand *cmd;
  g_autofree char *text = overview ();

  if (argc < 2) {
    g_printerr ("%s", text);
    return 2;
  }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
      (strcmp (argv[1], "help") == 0 && argc == 2)) {
    g_print ("%s", text);
    return 0;
  }
  if (strcmp (argv[1], "--version") == 0) {
    g_print ("followupctl %s\n", PACKAGE_VERSION);
    return 0;
  }
  /* "help CMD" is "CMD --help" */
  if (strcmp (argv[1], "help") == 0 && argc == 3 && find_command (argv[2]) != NULL) {
    const char *help_args[] = { argv[2], "--help", NULL };

    args = g_strdupv ((char **) help_args);
  } else {
    args = g_strdupv (argv + 1);
  }
  cmd = find_command (args[0]);
  if (cmd == NULL)
    return unknown_command (args[0]);
  return run (cmd, args);
}

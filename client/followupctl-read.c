/* followupctl-read.c: the commands that only ask: list, next, agenda, check
 * and status (show is in followupctl-show.c); each has --json for scripts */
#include "config.h"

#include <string.h>

#include "followup-error.h"
#include "followup-i18n.h"
#include "followup-time.h"
#include "followupctl-read.h"
#include "followupctl-record.h"
#include "followupctl-output.h"

#define NEXT_UPCOMING 3
#define MAX_AGENDA_DAYS 366

static gboolean
print_human (FollowupctlCtx *ctx, FollowupTable *table)
{
  g_autofree char *text = followup_table_render (table, ctx->color);

  g_print ("%s", text);
  return TRUE;
}

static gboolean
print_reminders_json (FollowupctlCtx *ctx, GPtrArray *steps, GError **error)
{
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < steps->len; i++)
    json_array_add_element (array, followup_step_to_json (steps->pdata[i], ctx->local_tz));
  json_node_take_array (root, array);
  return followupctl_print_json (root, error);
}

static void
add_reminder_row (FollowupctlCtx *ctx, FollowupTable *table, FollowupStep *r, gboolean with_id)
{
  g_autoptr (GDateTime) due = g_date_time_new_from_unix_utc (r->due);
  g_autofree char *when = followupctl_format_when (due, ctx->now);
  g_autofree char *hint = followupctl_format_hint (r, ctx->now);
  g_autofree char *what = followupctl_step_summary (r);
  const char *style = followupctl_reminder_style (r, ctx->now);
  const char *action = followup_action_to_string (r->action);

  if (with_id)
    followup_table_add_row (table, style, when, hint, r->id, action, what, NULL);
  else
    followup_table_add_row (table, style, when, hint, action, what, NULL);
}

static gboolean
print_reminders (FollowupctlCtx *ctx, GPtrArray *steps)
{
  g_autoptr (FollowupTable) table =
    followup_table_new (_ ("WHEN"), "", _ ("ID"), _ ("ACTION"), _ ("WHAT"), NULL);

  for (guint i = 0; i < steps->len; i++)
    add_reminder_row (ctx, table, steps->pdata[i], TRUE);
  return print_human (ctx, table);
}

/* one record's coming steps, after a change or in `show` */
gboolean
followupctl_print_steps (FollowupctlCtx *ctx, GPtrArray *mine, const char *id, const char *title)
{
  g_autoptr (FollowupTable) table = NULL;

  if (mine->len == 0) {
    g_print (_ ("Nothing more is planned for %s.\n"), id);
    return TRUE;
  }
  table = followup_table_new (_ ("WHEN"), "", _ ("ACTION"), _ ("WHAT"), NULL);
  for (guint i = 0; i < mine->len; i++)
    add_reminder_row (ctx, table, mine->pdata[i], FALSE);
  g_print ("%s\n", title);
  return print_human (ctx, table);
}

gboolean
followupctl_print_upcoming (FollowupctlCtx *ctx, const char *id, const char *title, GError **error)
{
  g_autoptr (GPtrArray) all = followupctl_schedule (ctx, 0, 0, error);
  g_autoptr (GPtrArray) mine = NULL;

  if (all == NULL)
    return FALSE;
  mine = followupctl_steps_for (all, id);
  return followupctl_print_steps (ctx, mine, id, title);
}

/* id -> its earliest step; the schedule comes sorted by due, so the first
 * one seen wins. Built once: filtering the whole schedule for each record
 * made `list` quadratic, seconds at 10,000 records */
static GHashTable *
first_step_by_id (GPtrArray *reminders)
{
  GHashTable *first = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < reminders->len; i++) {
    FollowupStep *r = reminders->pdata[i];

    if (!g_hash_table_contains (first, r->id))
      g_hash_table_insert (first, r->id, r);
  }
  return first;
}

static char *
next_step (FollowupctlCtx *ctx, GHashTable *first, const char *id)
{
  FollowupStep *r = id ? g_hash_table_lookup (first, id) : NULL;
  g_autofree char *hint = NULL;

  if (r == NULL)
    return g_strdup ("-");
  hint = followupctl_format_hint (r, ctx->now);
  return g_strdup_printf ("%s: %s", followup_action_to_string (r->action), hint);
}

static void
add_record_row (FollowupctlCtx *ctx, FollowupTable *table, GVariant *record, GHashTable *first)
{
  const char *id = followupctl_lookup_string (record, "id");
  const char *role = followupctl_lookup_string (record, "role");
  const char *status = followupctl_lookup_string (record, "status");
  g_autoptr (GDateTime) at =
    followupctl_record_time (record, record, "interviewed_at", ctx->local_tz);
  g_autofree char *when = at ? followupctl_format_when (at, ctx->now) : g_strdup ("?");
  g_autofree char *next = next_step (ctx, first, id);

  followup_table_add_row (table, NULL, id ? id : "?", followupctl_lookup_string (record, "company"),
                          role ? role : "-", when, status ? status : "waiting", next, NULL);
}

static gboolean
print_ids (GVariant *records)
{
  gsize n = g_variant_n_children (records);

  for (gsize i = 0; i < n; i++) {
    g_autoptr (GVariant) record = g_variant_get_child_value (records, i);
    const char *id = followupctl_lookup_string (record, "id");

    if (id != NULL)
      g_print ("%s\n", id);
  }
  return TRUE;
}

gboolean
followupctl_cmd_list (FollowupctlCtx *ctx, char **argv, GError **error)
{
  gboolean ids = FALSE;
  const GOptionEntry entries[] = {
    { "ids", 0, 0, G_OPTION_ARG_NONE, &ids, N_ ("Print only the ids, one a line"), NULL },
    FOLLOWUPCTL_JSON_ENTRY (ctx),
    { NULL },
  };
  g_autoptr (GVariant) records = NULL;
  g_autoptr (GPtrArray) reminders = NULL;
  g_autoptr (GHashTable) first = NULL;
  g_autoptr (FollowupTable) table = NULL;
  g_autoptr (JsonNode) root = NULL;

  if (!followupctl_parse (ctx, argv, entries, NULL, 0, 0, error) ||
      (records = followupctl_list_records (ctx, error)) == NULL)
    return FALSE;
  if (ids)
    return print_ids (records);
  if (ctx->json) {
    root = followupctl_records_to_json (records, ctx->local_tz);
    return followupctl_print_json (root, error);
  }
  if (g_variant_n_children (records) == 0) {
    g_print (_ ("No interviews yet. Add one with: followupctl add --company NAME --at \"today "
                "14:00\"\n"));
    return TRUE;
  }
  if ((reminders = followupctl_schedule (ctx, 0, 0, error)) == NULL)
    return FALSE;
  first = first_step_by_id (reminders);
  /* TRANSLATORS: column headings of followupctl list */
  table = followup_table_new (_ ("ID"), _ ("COMPANY"), _ ("ROLE"), _ ("INTERVIEWED"), _ ("STATUS"),
                              _ ("NEXT"), NULL);
  for (gsize i = 0; i < g_variant_n_children (records); i++) {
    g_autoptr (GVariant) record = g_variant_get_child_value (records, i);

    add_record_row (ctx, table, record, first);
  }
  return print_human (ctx, table);
}

/* due now or overdue, then the next few */
static GPtrArray *
select_next (FollowupctlCtx *ctx, GPtrArray *reminders, guint upcoming)
{
  GPtrArray *out = g_ptr_array_new ();
  gint64 now = g_date_time_to_unix (ctx->now);

  for (guint i = 0; i < reminders->len; i++) {
    FollowupStep *r = reminders->pdata[i];

    if (r->due <= now)
      g_ptr_array_add (out, r);
    else if (upcoming > 0 && upcoming--)
      g_ptr_array_add (out, r);
  }
  return out;
}

gboolean
followupctl_cmd_next (FollowupctlCtx *ctx, char **argv, GError **error)
{
  int count = NEXT_UPCOMING;
  const GOptionEntry entries[] = {
    { "count", 'n', 0, G_OPTION_ARG_INT, &count, N_ ("How many coming steps to show (default 3)"),
      "N" },
    FOLLOWUPCTL_JSON_ENTRY (ctx),
    { NULL },
  };
  g_autoptr (GPtrArray) reminders = NULL;
  g_autoptr (GPtrArray) chosen = NULL;

  if (!followupctl_parse (ctx, argv, entries, NULL, 0, 0, error))
    return FALSE;
  if (count < 0 || count > 1000)
    return followupctl_usage_error (error, _ ("--count is a number from 0 to 1000"));
  if ((reminders = followupctl_schedule (ctx, 0, 0, error)) == NULL)
    return FALSE;
  chosen = select_next (ctx, reminders, count);
  if (ctx->json)
    return print_reminders_json (ctx, chosen, error);
  if (chosen->len == 0) {
    g_print (_ ("Nothing to follow up: no reminders are planned.\n"));
    return TRUE;
  }
  return print_reminders (ctx, chosen);
}

gboolean
followupctl_cmd_agenda (FollowupctlCtx *ctx, char **argv, GError **error)
{
  int days = 7;
  const GOptionEntry entries[] = {
    { "days", 'd', 0, G_OPTION_ARG_INT, &days, N_ ("How many days ahead (default 7)"), "N" },
    FOLLOWUPCTL_JSON_ENTRY (ctx),
    { NULL },
  };
  g_autoptr (GPtrArray) reminders = NULL;
  gint64 to;

  if (!followupctl_parse (ctx, argv, entries, NULL, 0, 0, error))
    return FALSE;
  if (days < 1 || days > MAX_AGENDA_DAYS)
    return followupctl_usage_error (error, _ ("--days is a number from 1 to %d"), MAX_AGENDA_DAYS);
  to = g_date_time_to_unix (ctx->now) + (gint64) days * 86400;
  if ((reminders = followupctl_schedule (ctx, 0, to, error)) == NULL)
    return FALSE;
  if (ctx->json)
    return print_reminders_json (ctx, reminders, error);
  if (reminders->len == 0) {
    g_print (g_dngettext (GETTEXT_PACKAGE, "Nothing is due in the next %d day.\n",
                          "Nothing is due in the next %d days.\n", days),
             days);
    return TRUE;
  }
  return print_reminders (ctx, reminders);
}

/* "FILE:LINE: message" as {"file", "line", "message"}: the first
 * ":DIGITS: " ends the file name (a name may hold a colon, rarely that) */
static JsonNode *
problems_json (char **problems)
{
  g_autoptr (GRegex) re = g_regex_new ("^(.*?):([0-9]+): (.*)$", G_REGEX_DOTALL, 0, NULL);
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; problems[i] != NULL; i++) {
    g_autoptr (GMatchInfo) m = NULL;
    gboolean split = g_regex_match (re, problems[i], 0, &m);
    g_autofree char *file = split ? g_match_info_fetch (m, 1) : NULL;
    g_autofree char *line = split ? g_match_info_fetch (m, 2) : NULL;
    g_autofree char *message = split ? g_match_info_fetch (m, 3) : g_strdup (problems[i]);

    json_builder_begin_object (b);
    followupctl_json_add_string (b, "file", file);
    json_builder_set_member_name (b, "line");
    if (line != NULL)
      json_builder_add_int_value (b, g_ascii_strtoll (line, NULL, 10));
    else
      json_builder_add_null_value (b);
    followupctl_json_add_string (b, "message", message);
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

gboolean
followupctl_cmd_check (FollowupctlCtx *ctx, char **argv, GError **error)
{
  const GOptionEntry entries[] = {
    FOLLOWUPCTL_JSON_ENTRY (ctx),
    { NULL },
  };
  FollowupDBusFollowup1 *proxy;
  g_autoptr (GError) local_error = NULL;
  g_auto (GStrv) problems = NULL;
  guint n;

  if (!followupctl_parse (ctx, argv, entries, NULL, 0, 0, error) ||
      (proxy = followupctl_proxy (ctx, error)) == NULL)
    return FALSE;
  if (!followup_dbus_followup1_call_check_sync (proxy, &problems, NULL, &local_error))
    return followupctl_daemon_error (error, local_error);
  n = g_strv_length (problems);
  if (ctx->json) {
    g_autoptr (JsonNode) root = problems_json (problems);

    if (!followupctl_print_json (root, error))
      return FALSE;
  } else if (n == 0) {
    g_print (_ ("The record file is fine.\n"));
  }
  for (guint i = 0; !ctx->json && i < n; i++) {
    g_autofree char *clean = followup_clean_text (problems[i], FALSE);

    g_print ("%s\n", clean);
  }
  if (n == 0)
    return TRUE;
  g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_CONFIG_BROKEN,
               g_dngettext (GETTEXT_PACKAGE,
                            "the record file has %u problem; fix it and the daemon picks it up",
                            "the record file has %u problems; fix them and the daemon picks "
                            "them up",
                            n),
               n);
  return FALSE;
}

static GVariant *
get_properties (FollowupctlCtx *ctx, GError **error)
{
  FollowupDBusFollowup1 *proxy = followupctl_proxy (ctx, error);
  GDBusProxy *p = G_DBUS_PROXY (proxy);
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GVariant) reply = NULL;
  GVariant *props = NULL;

  if (proxy == NULL)
    return NULL;
  reply = g_dbus_connection_call_sync (g_dbus_proxy_get_connection (p), g_dbus_proxy_get_name (p),
                                       g_dbus_proxy_get_object_path (p),
                                       "org.freedesktop.DBus.Properties", "GetAll",
                                       g_variant_new ("(s)", g_dbus_proxy_get_interface_name (p)),
                                       G_VARIANT_TYPE ("(a{sv})"), G_DBUS_CALL_FLAGS_NONE,
                                       FOLLOWUPCTL_DBUS_TIMEOUT_MS, NULL, &local_error);
  if (reply == NULL) {
    followupctl_daemon_error (error, local_error);
    return NULL;
  }
  g_variant_get (reply, "(@a{sv})", &props);
  return props;
}

static gboolean
print_status_json (FollowupctlCtx *ctx, GVariant *props, GDateTime *next)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *due = next ? followup_format_iso (next) : NULL;
  const char *problem = followupctl_lookup_string (props, "ConfigProblem");
  gint64 records = 0;

  followupctl_lookup_int (props, "Records", &records);
  json_builder_begin_object (b);
  followupctl_json_add_string (b, "version", followupctl_lookup_string (props, "Version"));
  json_builder_set_member_name (b, "records");
  json_builder_add_int_value (b, records);
  followupctl_json_add_string (b, "next_due", due);
  followupctl_json_add_string (b, "config_problem", problem);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return followupctl_print_json (root, NULL);
}

gboolean
followupctl_show_daemon_status (FollowupctlCtx *ctx, GError **error)
{
  g_autoptr (GVariant) props = get_properties (ctx, error);
  g_autoptr (GDateTime) utc = NULL;
  g_autoptr (GDateTime) next = NULL;
  g_autofree char *when = NULL;
  g_autofree char *count = NULL;
  const char *problem, *version;
  gint64 due = 0, records = 0;

  if (props == NULL)
    return FALSE;
  followupctl_lookup_int (props, "Records", &records);
  if (g_variant_lookup (props, "NextDue", "x", &due) && due > 0) {
    utc = g_date_time_new_from_unix_utc (due);
    next = g_date_time_to_timezone (utc, ctx->local_tz);
  }
  if (ctx->json)
    return print_status_json (ctx, props, next);
  problem = followupctl_lookup_string (props, "ConfigProblem");
  version = followupctl_lookup_string (props, "Version");
  g_print (_ ("followupd %s is running.\n"), version ? version : _ ("(unknown version)"));
  count = g_strdup_printf ("%" G_GINT64_FORMAT, records);
  followupctl_print_field (_ ("Interviews:"), count);
  if (next != NULL) {
    g_autofree char *date = followupctl_format_when (next, ctx->now);
    g_autofree char *rel = followup_format_relative (next, ctx->now);

    when = g_strdup_printf ("%s (%s)", date, rel);
  }
  followupctl_print_field (_ ("Next reminder:"), when ? when : _ ("none"));
  followupctl_print_field (_ ("Record file:"), problem ? problem : _ ("fine"));
  return TRUE;
}

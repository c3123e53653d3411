/* followupctl-read.c: the commands that only ask: list, show, next, agenda,
 * check and status; each has --json for scripts */
#include "config.h"

#include <string.h>

#include "followup-error.h"
#include "followup-i18n.h"
#include "followup-time.h"
#include "followupctl-read.h"
#include "followupctl-output.h"

#define LABEL_WIDTH 16
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
static gboolean
print_steps (FollowupctlCtx *ctx, GPtrArray *mine, const char *id, const char *title)
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
  return print_steps (ctx, mine, id, title);
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
    root = json_gvariant_serialize (records);
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
  table = followup_table_new ("ID", "COMPANY", "ROLE", "INTERVIEWED", "STATUS", "NEXT", NULL);
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
    g_autoptr (GVariant) list =
      g_variant_ref_sink (g_variant_new_strv ((const char *const *) problems, -1));
    g_autoptr (JsonNode) root = json_gvariant_serialize (list);

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

static void
print_field (const char *label, const char *value)
{
  g_autofree char *clean = followup_clean_text (value, TRUE);
  g_auto (GStrv) lines = g_strsplit (clean, "\n", -1);

  /* continuation lines line up under the first one */
  for (guint i = 0; lines[i] != NULL; i++)
    g_print ("  %-*s%s\n", LABEL_WIDTH, i == 0 ? label : "", lines[i]);
}

static char *
describe_interview (FollowupctlCtx *ctx, GVariant *record)
{
  g_autoptr (GTimeZone) tz = followupctl_record_zone (record, ctx->local_tz);
  g_autoptr (GDateTime) at = followupctl_record_time (record, record, "interviewed_at", tz);
  g_autoptr (GDateTime) here = NULL;
  g_autofree char *there = NULL;
  g_autofree char *local = NULL;
  const char *zone = followupctl_lookup_string (record, "timezone");

  if (at == NULL)
    return g_strdup (followupctl_lookup_string (record, "interviewed_at"));
  there = g_date_time_format (at, "%a %d %b %Y %H:%M");
  here = g_date_time_to_timezone (at, ctx->local_tz);
  if (zone == NULL || g_date_time_get_utc_offset (here) == g_date_time_get_utc_offset (at))
    return g_strdup_printf ("%s%s%s", there, zone ? " " : "", zone ? zone : "");
  local = followupctl_format_when (here, ctx->now);
  return g_strdup_printf ("%s %s (%s your time)", there, zone, local);
}

/* "by 2026-12-10" or "within 7 days of …": what one dict (the record, a
 * round, an answer) says, or NULL */
static char *
timeline_of (GVariant *dict, const char *of)
{
  const char *by = followupctl_lookup_string (dict, "decision_by");
  gint64 days;

  if (by != NULL)
    return g_strdup_printf (_ ("by %s"), by);
  if (followupctl_lookup_int (dict, "decision_in_days", &days))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "within %" G_GINT64_FORMAT " day of %s",
                                         "within %" G_GINT64_FORMAT " days of %s", (gulong) days),
                            days, of);
  return NULL;
}

/* the latest of a list's entries that gives a timeline, or NULL */
static GVariant *
latest_with_timeline (GVariant *record, const char *key, const char *type)
{
  g_autoptr (GVariant) list = g_variant_lookup_value (record, key, G_VARIANT_TYPE ("aa{sv}"));
  gsize n = list ? g_variant_n_children (list) : 0;

  for (gsize i = n; i > 0; i--) {
    g_autoptr (GVariant) e = g_variant_get_child_value (list, i - 1);
    g_autofree char *t = timeline_of (e, "");

    if (t != NULL && (type == NULL || g_strcmp0 (followupctl_lookup_string (e, "type"), type) == 0))
      return g_steal_pointer (&e);
  }
  return NULL;
}

/* the timeline in force: the latest answer's or round's, else the
 * interview's (R9, R17) */
static char *
describe_decision (FollowupctlCtx *ctx, GVariant *record)
{
  g_autoptr (GVariant) answer = latest_with_timeline (record, "events", "response");
  g_autoptr (GVariant) round = latest_with_timeline (record, "rounds", NULL);
  GVariant *latest = answer;
  g_autofree char *of = NULL;
  char *text;

  if (round != NULL && (answer == NULL || g_strcmp0 (followupctl_lookup_string (round, "at"),
                                                     followupctl_lookup_string (answer, "at")) > 0))
    latest = round;
  if (latest != NULL) {
    of = g_strdup_printf (latest == answer ? _ ("their answer on %s") : _ ("the round on %s"),
                          followupctl_lookup_string (latest, "at"));
    return timeline_of (latest, of);
  }
  text = timeline_of (record, _ ("the interview"));
  return text ? text : g_strdup (_ ("no date given"));
}

static char *
describe_contact (GVariant *contact)
{
  static const char *const keys[] = { "email", "phone", "prefers", "timezone" };
  static const char *const labels[] = { "", "", "prefers ", "" };
  GString *out = g_string_new (followupctl_lookup_string (contact, "name"));

  for (gsize k = 0; k < G_N_ELEMENTS (keys); k++) {
    const char *value = followupctl_lookup_string (contact, keys[k]);

    if (value != NULL)
      g_string_append_printf (out, ", %s%s", labels[k], value);
  }
  return g_string_free (out, FALSE);
}

static char *
describe_event (GVariant *event)
{
  GString *out = g_string_new (followupctl_lookup_string (event, "at"));
  const char *type = followupctl_lookup_string (event, "type");
  const char *contact = followupctl_lookup_string (event, "contact");
  const char *outcome = followupctl_lookup_string (event, "outcome");
  const char *notes = followupctl_lookup_string (event, "notes");
  gint64 days;

  g_string_append_printf (out, "  %s", type ? type : "?");
  if (contact != NULL)
    g_string_append_printf (out, " (%s)", contact);
  if (outcome != NULL)
    g_string_append_printf (out, ": %s", outcome);
  if (followupctl_lookup_int (event, "decision_in_days", &days))
    g_string_append_printf (out, _ (", decision within %" G_GINT64_FORMAT " days"), days);
  if (followupctl_lookup_string (event, "decision_by") != NULL)
    g_string_append_printf (out, _ (", decision by %s"),
                            followupctl_lookup_string (event, "decision_by"));
  if (notes != NULL)
    g_string_append_printf (out, " — %s", notes);
  return g_string_free (out, FALSE);
}

static char *
describe_round (GVariant *round)
{
  GString *out = g_string_new (followupctl_lookup_string (round, "at"));
  g_autofree const char **with = NULL;
  const char *by = followupctl_lookup_string (round, "decision_by");
  const char *notes = followupctl_lookup_string (round, "notes");
  gint64 days;

  if (g_variant_lookup (round, "with", "^a&s", &with) && with[0] != NULL) {
    g_autofree char *names = g_strjoinv (", ", (char **) with);

    g_string_append_printf (out, _ (" with %s"), names);
  }
  if (followupctl_lookup_int (round, "decision_in_days", &days))
    g_string_append_printf (out, _ (", decision within %" G_GINT64_FORMAT " days"), days);
  if (by != NULL)
    g_string_append_printf (out, _ (", decision by %s"), by);
  if (notes != NULL)
    g_string_append_printf (out, " — %s", notes);
  return g_string_free (out, FALSE);
}

/* once the interview is over, what the follow-up needs and nobody wrote
 * down yet, with the command that records it */
static void
print_debrief (FollowupctlCtx *ctx, GVariant *record, const char *id)
{
  g_autoptr (GTimeZone) tz = followupctl_record_zone (record, ctx->local_tz);
  g_autoptr (GDateTime) at = followupctl_record_time (record, record, "interviewed_at", tz);
  g_autoptr (GVariant) contacts =
    g_variant_lookup_value (record, "contacts", G_VARIANT_TYPE ("aa{sv}"));
  gint64 days;
  gboolean no_contact = contacts == NULL || g_variant_n_children (contacts) == 0;
  gboolean no_date = !followupctl_lookup_int (record, "decision_in_days", &days) &&
                     followupctl_lookup_string (record, "decision_by") == NULL;
  g_autofree char *text = NULL;

  if (at == NULL || g_date_time_compare (at, ctx->now) > 0 || (!no_contact && !no_date))
    return;
  text = g_strdup_printf ("%s: followupctl edit %s%s%s",
                          no_contact && no_date ? _ ("who interviewed you and when they decide")
                          : no_contact          ? _ ("who interviewed you")
                                                : _ ("when they expect to decide"),
                          id, no_contact ? " --contact NAME" : "",
                          no_date ? " --decision-in DAYS" : "");
  print_field (_ ("To note:"), text);
}

static void
print_list_field (GVariant *record, const char *key, const char *label,
                  char *(*describe) (GVariant *) )
{
  g_autoptr (GVariant) list = g_variant_lookup_value (record, key, G_VARIANT_TYPE ("aa{sv}"));
  gsize n = list ? g_variant_n_children (list) : 0;

  for (gsize i = 0; i < n; i++) {
    g_autoptr (GVariant) item = g_variant_get_child_value (list, i);
    g_autofree char *text = describe (item);

    print_field (i == 0 ? label : "", text);
  }
  if (n == 0)
    print_field (label, _ ("none"));
}

static gboolean
thanked (GVariant *events, const char *name)
{
  gsize n = events ? g_variant_n_children (events) : 0;

  for (gsize i = 0; i < n; i++) {
    g_autoptr (GVariant) e = g_variant_get_child_value (events, i);
    const char *contact = followupctl_lookup_string (e, "contact");

    if (g_strcmp0 (followupctl_lookup_string (e, "type"), "thank-you") == 0 &&
        (contact == NULL || name == NULL || g_strcmp0 (contact, name) == 0))
      return TRUE;
  }
  return FALSE;
}

static gboolean
thanks_pending (GPtrArray *mine, const char *name)
{
  for (guint i = 0; i < mine->len; i++) {
    const FollowupStep *r = mine->pdata[i];

    if (r->action == FOLLOWUP_ACTION_THANK_YOU && g_strcmp0 (r->contact, name) == 0)
      return TRUE;
  }
  return FALSE;
}

/* R21: a thank-you neither sent nor planned any more passed its deadline */
static void
print_missed_thanks (GVariant *record, GPtrArray *mine)
{
  g_autoptr (GVariant) contacts =
    g_variant_lookup_value (record, "contacts", G_VARIANT_TYPE ("aa{sv}"));
  g_autoptr (GVariant) events =
    g_variant_lookup_value (record, "events", G_VARIANT_TYPE ("aa{sv}"));
  gsize n = contacts ? g_variant_n_children (contacts) : 0;
  gboolean first = TRUE;

  for (gsize i = 0; i < MAX (n, 1); i++) {
    g_autoptr (GVariant) c = n ? g_variant_get_child_value (contacts, i) : NULL;
    const char *name = c ? followupctl_lookup_string (c, "name") : NULL;
    g_autofree char *text = NULL;

    if (thanked (events, name) || thanks_pending (mine, name))
      continue;
    text = g_strdup_printf (_ ("the thank-you note to %s (its deadline has passed; the "
                               "follow-up email carries on)"),
                            name ? name : _ ("the interviewer"));
    print_field (first ? _ ("Missed:") : "", text);
    first = FALSE;
  }
}

gboolean
followupctl_cmd_show (FollowupctlCtx *ctx, char **argv, GError **error)
{
  const GOptionEntry entries[] = {
    FOLLOWUPCTL_JSON_ENTRY (ctx),
    { NULL },
  };
  g_autoptr (GVariant) record = NULL;
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) mine = NULL;
  g_autofree char *interviewed = NULL;
  g_autofree char *decision = NULL;
  g_autoptr (GVariant) rounds = NULL;
  const char *status;

  if (!followupctl_parse (ctx, argv, entries, NULL, 1, 1, error) ||
      (record = followupctl_get_record (ctx, argv[1], error)) == NULL)
    return FALSE;
  if (ctx->json) {
    g_autoptr (JsonNode) root = json_gvariant_serialize (record);

    return followupctl_print_json (root, error);
  }
  if ((all = followupctl_schedule (ctx, 0, 0, error)) == NULL)
    return FALSE;
  mine = followupctl_steps_for (all, argv[1]);
  rounds = g_variant_lookup_value (record, "rounds", NULL);
  interviewed = describe_interview (ctx, record);
  decision = describe_decision (ctx, record);
  status = followupctl_lookup_string (record, "status");
  g_print ("%s\n", argv[1]);
  print_field (_ ("Company:"), followupctl_lookup_string (record, "company"));
  print_field (_ ("Role:"), followupctl_lookup_string (record, "role"));
  print_field (_ ("Interviewed:"), interviewed);
  print_field (_ ("Decision:"), decision);
  print_field (_ ("Status:"), status ? status : "waiting");
  print_list_field (record, "contacts", "Contacts:", describe_contact);
  if (rounds != NULL)
    print_list_field (record, "rounds", "Rounds:", describe_round);
  print_list_field (record, "events", "Events:", describe_event);
  print_field (_ ("Notes:"), followupctl_lookup_string (record, "notes"));
  if (status == NULL || g_str_equal (status, "waiting")) {
    print_missed_thanks (record, mine);
    print_debrief (ctx, record, argv[1]);
  }
  g_print ("\n");
  return print_steps (ctx, mine, argv[1], _ ("Next steps:"));
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
  g_print (_ ("followupd %s is running.\n"), version ? version : "(unknown version)");
  count = g_strdup_printf ("%" G_GINT64_FORMAT, records);
  print_field (_ ("Interviews:"), count);
  if (next != NULL) {
    g_autofree char *date = followupctl_format_when (next, ctx->now);
    g_autofree char *rel = followup_format_relative (next, ctx->now);

    when = g_strdup_printf ("%s (%s)", date, rel);
  }
  print_field (_ ("Next reminder:"), when ? when : "none");
  print_field (_ ("Record file:"), problem ? problem : "fine");
  return TRUE;
}

/* followupctl-show.c: one interview, all of it: what happened, in your
 * zone and in order, what is missing and what comes next */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "followup-i18n.h"
#include "followup-time.h"
#include "followupctl-output.h"
#include "followupctl-read.h"
#include "followupctl-record.h"

/* an event's or a round's time, in the user's zone: the file has it in
 * the employer's */
static char *
local_time (FollowupctlCtx *ctx, GVariant *record, GVariant *dict)
{
  g_autoptr (GTimeZone) tz = followupctl_record_zone (record, ctx->local_tz);
  g_autoptr (GDateTime) at = followupctl_record_time (record, dict, "at", tz);
  const char *raw = followupctl_lookup_string (dict, "at");

  if (at == NULL)
    return g_strdup (raw ? raw : "?");
  return followupctl_format_when (at, ctx->now);
}

/* "Europe/Berlin", or the offset when the zone has no name */
static char *
your_zone (FollowupctlCtx *ctx)
{
  const char *name = followupctl_zone_name (ctx->local_tz);

  return name ? g_strdup (name) : g_date_time_format (ctx->now, "UTC%:z");
}

/* the record, its times with their offsets, and its coming steps, as
 * next --json has them */
static gboolean
print_json (FollowupctlCtx *ctx, GVariant *record, GPtrArray *mine, GError **error)
{
  g_autoptr (JsonNode) root = followupctl_record_to_json (record, ctx->local_tz);
  JsonArray *steps = json_array_new ();

  for (guint i = 0; i < mine->len; i++)
    json_array_add_element (steps, followup_step_to_json (mine->pdata[i], ctx->local_tz));
  json_object_set_array_member (json_node_get_object (root), "next_steps", steps);
  return followupctl_print_json (root, error);
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
  return g_strdup_printf (_ ("%s %s (%s your time)"), there, zone, local);
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
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "within %d day of %s",
                                         "within %d days of %s", (gulong) days),
                            (int) days, of);
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
    g_autofree char *when = local_time (ctx, record, latest);

    of =
      g_strdup_printf (latest == answer ? _ ("their answer on %s") : _ ("the round on %s"), when);
    return timeline_of (latest, of);
  }
  text = timeline_of (record, _ ("the interview"));
  return text ? text : g_strdup (_ ("no date given"));
}

static char *
describe_contact (FollowupctlCtx *ctx, GVariant *record, GVariant *contact)
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

/* ", decision within 7 days" or ", decision by 2026-12-10": what an
 * answer or a round said */
static void
append_timeline (GString *out, GVariant *dict)
{
  const char *by = followupctl_lookup_string (dict, "decision_by");
  gint64 days;

  if (followupctl_lookup_int (dict, "decision_in_days", &days))
    g_string_append_printf (out,
                            g_dngettext (GETTEXT_PACKAGE, ", decision within %d day",
                                         ", decision within %d days", (gulong) days),
                            (int) days);
  if (by != NULL)
    g_string_append_printf (out, _ (", decision by %s"), by);
}

static char *
describe_event (FollowupctlCtx *ctx, GVariant *record, GVariant *event)
{
  g_autofree char *when = local_time (ctx, record, event);
  GString *out = g_string_new (when);
  const char *type = followupctl_lookup_string (event, "type");
  const char *contact = followupctl_lookup_string (event, "contact");
  const char *outcome = followupctl_lookup_string (event, "outcome");
  const char *notes = followupctl_lookup_string (event, "notes");

  g_string_append_printf (out, "  %s", type ? type : "?");
  if (contact != NULL)
    g_string_append_printf (out, " (%s)", contact);
  if (outcome != NULL)
    g_string_append_printf (out, ": %s", outcome);
  append_timeline (out, event);
  if (notes != NULL)
    g_string_append_printf (out, " — %s", notes);
  return g_string_free (out, FALSE);
}

static char *
describe_round (FollowupctlCtx *ctx, GVariant *record, GVariant *round)
{
  g_autofree char *when = local_time (ctx, record, round);
  GString *out = g_string_new (when);
  g_autofree const char **with = NULL;
  const char *notes = followupctl_lookup_string (round, "notes");

  if (g_variant_lookup (round, "with", "^a&s", &with) && with[0] != NULL) {
    g_autofree char *names = g_strjoinv (", ", (char **) with);

    g_string_append_printf (out, _ (" with %s"), names);
  }
  append_timeline (out, round);
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
  followupctl_print_field (_ ("To note:"), text);
}

typedef char *(*DescribeFunc) (FollowupctlCtx *ctx, GVariant *record, GVariant *item);

typedef struct {
  GVariant *item;
  gint64 at; /* G_MAXINT64 when it has no time: listed last, in file order */
  guint index;
} Entry;

static gint
entry_compare (gconstpointer a, gconstpointer b)
{
  const Entry *x = a, *y = b;

  if (x->at != y->at)
    return x->at < y->at ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* a list of the record, in the order things happened (a hand-edited file
 * may hold them in any order) */
static void
print_list_field (FollowupctlCtx *ctx, GVariant *record, const char *key, const char *label,
                  DescribeFunc describe, gboolean by_time)
{
  g_autoptr (GVariant) list = g_variant_lookup_value (record, key, G_VARIANT_TYPE ("aa{sv}"));
  gsize n = list ? g_variant_n_children (list) : 0;
  g_autofree Entry *entries = g_new0 (Entry, MAX (n, 1));
  g_autoptr (GTimeZone) tz = followupctl_record_zone (record, ctx->local_tz);

  for (gsize i = 0; i < n; i++) {
    g_autoptr (GDateTime) at = NULL;

    entries[i].item = g_variant_get_child_value (list, i);
    entries[i].index = i;
    at = by_time ? followupctl_record_time (record, entries[i].item, "at", tz) : NULL;
    entries[i].at = at ? g_date_time_to_unix (at) : G_MAXINT64;
  }
  qsort (entries, n, sizeof (Entry), entry_compare);
  for (gsize i = 0; i < n; i++) {
    g_autofree char *text = describe (ctx, record, entries[i].item);

    followupctl_print_field (i == 0 ? label : "", text);
    g_variant_unref (entries[i].item);
  }
  if (n == 0)
    followupctl_print_field (label, _ ("none"));
}

/* a thank-you to `name` (or to everyone) since the round began */
static gboolean
thanked (GVariant *record, GVariant *events, const char *name, GDateTime *since, GTimeZone *tz)
{
  gsize n = events ? g_variant_n_children (events) : 0;

  for (gsize i = 0; i < n; i++) {
    g_autoptr (GVariant) e = g_variant_get_child_value (events, i);
    g_autoptr (GDateTime) at = since ? followupctl_record_time (record, e, "at", tz) : NULL;
    const char *contact = followupctl_lookup_string (e, "contact");

    if (g_strcmp0 (followupctl_lookup_string (e, "type"), "thank-you") == 0 &&
        (contact == NULL || name == NULL || g_strcmp0 (contact, name) == 0) &&
        (since == NULL || (at != NULL && g_date_time_compare (at, since) >= 0)))
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

/* R17: who the round in force met: its "with", else every contact */
static GStrv
met_in_round (GVariant *record, GVariant *round)
{
  g_autoptr (GVariant) contacts =
    g_variant_lookup_value (record, "contacts", G_VARIANT_TYPE ("aa{sv}"));
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  gsize n = contacts ? g_variant_n_children (contacts) : 0;
  char **with = NULL;

  if (round != NULL && g_variant_lookup (round, "with", "^as", &with) && with[0] != NULL)
    return with;
  g_strfreev (with);
  for (gsize i = 0; i < n; i++) {
    g_autoptr (GVariant) c = g_variant_get_child_value (contacts, i);

    g_strv_builder_add (names, followupctl_lookup_string (c, "name"));
  }
  return g_strv_builder_end (names);
}

/* R21: a thank-you of the round in force neither sent nor planned any
 * more passed its deadline */
static void
print_missed_thanks (GVariant *record, GPtrArray *mine, GTimeZone *local_tz)
{
  g_autoptr (GVariant) events =
    g_variant_lookup_value (record, "events", G_VARIANT_TYPE ("aa{sv}"));
  g_autoptr (GVariant) rounds =
    g_variant_lookup_value (record, "rounds", G_VARIANT_TYPE ("aa{sv}"));
  gsize n_rounds = rounds ? g_variant_n_children (rounds) : 0;
  g_autoptr (GVariant) round = n_rounds ? g_variant_get_child_value (rounds, n_rounds - 1) : NULL;
  g_autoptr (GTimeZone) tz = followupctl_record_zone (record, local_tz);
  g_autoptr (GDateTime) since = round ? followupctl_record_time (record, round, "at", tz) : NULL;
  g_auto (GStrv) names = met_in_round (record, round);
  gboolean first = TRUE;

  for (guint i = 0; i < MAX (g_strv_length (names), 1); i++) {
    const char *name = names[0] ? names[i] : NULL;
    g_autofree char *text = NULL;

    if (thanked (record, events, name, since, tz) || thanks_pending (mine, name))
      continue;
    text = g_strdup_printf (_ ("the thank-you note to %s (its deadline has passed; the "
                               "follow-up email carries on)"),
                            name ? name : _ ("the interviewer"));
    followupctl_print_field (first ? _ ("Missed:") : "", text);
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
  g_autofree char *heading = NULL;
  const char *status;

  if (!followupctl_parse (ctx, argv, entries, NULL, 1, 1, error) ||
      (record = followupctl_get_record (ctx, argv[1], error)) == NULL)
    return FALSE;
  if ((all = followupctl_schedule (ctx, 0, 0, error)) == NULL)
    return FALSE;
  mine = followupctl_steps_for (all, argv[1]);
  if (ctx->json)
    return print_json (ctx, record, mine, error);
  rounds = g_variant_lookup_value (record, "rounds", NULL);
  interviewed = describe_interview (ctx, record);
  decision = describe_decision (ctx, record);
  status = followupctl_lookup_string (record, "status");
  heading = your_zone (ctx);
  /* TRANSLATORS: "acme (times in your zone, Europe/Berlin)" */
  g_print (_ ("%s (times in your zone, %s)\n"), argv[1], heading);
  followupctl_print_field (_ ("Company:"), followupctl_lookup_string (record, "company"));
  followupctl_print_field (_ ("Role:"), followupctl_lookup_string (record, "role"));
  followupctl_print_field (_ ("Interviewed:"), interviewed);
  followupctl_print_field (_ ("Decision:"), decision);
  followupctl_print_field (_ ("Status:"), status ? status : "waiting");
  print_list_field (ctx, record, "contacts", _ ("Contacts:"), describe_contact, FALSE);
  if (rounds != NULL)
    print_list_field (ctx, record, "rounds", _ ("Rounds:"), describe_round, TRUE);
  print_list_field (ctx, record, "events", _ ("Events:"), describe_event, TRUE);
  followupctl_print_field (_ ("Notes:"), followupctl_lookup_string (record, "notes"));
  if (status == NULL || g_str_equal (status, "waiting")) {
    print_missed_thanks (record, mine, ctx->local_tz);
    print_debrief (ctx, record, argv[1]);
  }
  g_print ("\n");
  return followupctl_print_steps (ctx, mine, argv[1], _ ("Next steps:"));
}

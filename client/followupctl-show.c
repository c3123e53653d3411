/* followupctl-show.c: one interview, all of it: what happened, in your
 * zone and in order, what is missing and what comes next */
#include "config.h"

#include <string.h>

#include "followup-i18n.h"
#include "followup-time.h"
#include "followupctl-output.h"
#include "followupctl-read.h"

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
  followupctl_print_field (_ ("To note:"), text);
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

    followupctl_print_field (i == 0 ? label : "", text);
  }
  if (n == 0)
    followupctl_print_field (label, _ ("none"));
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
  followupctl_print_field (_ ("Company:"), followupctl_lookup_string (record, "company"));
  followupctl_print_field (_ ("Role:"), followupctl_lookup_string (record, "role"));
  followupctl_print_field (_ ("Interviewed:"), interviewed);
  followupctl_print_field (_ ("Decision:"), decision);
  followupctl_print_field (_ ("Status:"), status ? status : "waiting");
  print_list_field (record, "contacts", "Contacts:", describe_contact);
  if (rounds != NULL)
    print_list_field (record, "rounds", "Rounds:", describe_round);
  print_list_field (record, "events", "Events:", describe_event);
  followupctl_print_field (_ ("Notes:"), followupctl_lookup_string (record, "notes"));
  if (status == NULL || g_str_equal (status, "waiting")) {
    print_missed_thanks (record, mine);
    print_debrief (ctx, record, argv[1]);
  }
  g_print ("\n");
  return followupctl_print_steps (ctx, mine, argv[1], _ ("Next steps:"));
}

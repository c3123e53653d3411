/* followupctl-stats.c: followupctl stats — what the search so far shows:
 * applications by status, who answered and how fast, who went silent,
 * calls made. Counted from the records (List) and the plan (Schedule) */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "followup-i18n.h"
#include "followup-names.h"
#include "followup-time.h"
#include "followupctl-commands.h"
#include "followupctl-stats.h"

typedef struct {
  guint total;
  guint by_status[FOLLOWUP_STATUS_CLOSED + 1];
  GArray *answer_days; /* double: days from the interview to their first answer */
  GArray *given_days;  /* double: the days they had said, where they said */
  guint within_given;  /* answered by the day they had given */
  guint silent;        /* reached the move-on step, or closed, with no answer */
  guint calls[FOLLOWUP_OUTCOME_NO_ANSWER + 1];
  guint calls_skipped;
} Stats;

static void
stats_clear (Stats *s)
{
  g_clear_pointer (&s->answer_days, g_array_unref);
  g_clear_pointer (&s->given_days, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Stats, stats_clear)

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  guint n = values->len;
  double *v = (double *) values->data;

  if (n == 0)
    return 0;
  qsort (v, n, sizeof (double), compare_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* the days they said they would take, from the interview; -1 if they did not */
static double
given_days (GVariant *record, GDateTime *interviewed)
{
  const char *by = followupctl_lookup_string (record, "decision_by");
  gint64 days;
  GDate date, from;

  if (followupctl_lookup_int (record, "decision_in_days", &days))
    return (double) days;
  if (by == NULL || !followup_parse_date (by, &date, NULL))
    return -1;
  followup_datetime_get_date (interviewed, &from);
  return g_date_days_between (&from, &date);
}

/* when they first answered: their first response, else the time of a final
 * status that only they can give */
static GDateTime *
first_answer (GVariant *record, GTimeZone *tz)
{
  g_autoptr (GVariant) events =
    g_variant_lookup_value (record, "events", G_VARIANT_TYPE ("aa{sv}"));
  const char *status = followupctl_lookup_string (record, "status");

  for (gsize i = 0; events != NULL && i < g_variant_n_children (events); i++) {
    g_autoptr (GVariant) e = g_variant_get_child_value (events, i);

    if (g_strcmp0 (followupctl_lookup_string (e, "type"), "response") == 0)
      return followupctl_record_time (record, e, "at", tz);
  }
  if (g_strcmp0 (status, "offer") == 0 || g_strcmp0 (status, "rejected") == 0 ||
      g_strcmp0 (status, "no-opening") == 0)
    return followupctl_record_time (record, record, "status_at", tz);
  return NULL;
}

static void
count_calls (Stats *s, GVariant *record)
{
  g_autoptr (GVariant) events =
    g_variant_lookup_value (record, "events", G_VARIANT_TYPE ("aa{sv}"));

  for (gsize i = 0; events != NULL && i < g_variant_n_children (events); i++) {
    g_autoptr (GVariant) e = g_variant_get_child_value (events, i);
    const char *outcome = followupctl_lookup_string (e, "outcome");
    gboolean skipped = FALSE;
    FollowupOutcome o;

    if (g_strcmp0 (followupctl_lookup_string (e, "type"), "call") != 0)
      continue;
    if (g_variant_lookup (e, "skipped", "b", &skipped) && skipped)
      s->calls_skipped++;
    else if (outcome != NULL && followup_outcome_from_string (outcome, &o))
      s->calls[o]++;
  }
}

static gboolean
moved_on (GPtrArray *steps, const char *id, gint64 now)
{
  for (guint i = 0; i < steps->len; i++) {
    const FollowupStep *step = steps->pdata[i];

    if (step->action == FOLLOWUP_ACTION_MOVE_ON && g_strcmp0 (step->id, id) == 0 &&
        step->due <= now)
      return TRUE;
  }
  return FALSE;
}

static void
count_record (Stats *s, GVariant *record, GPtrArray *steps, FollowupctlCtx *ctx)
{
  g_autoptr (GTimeZone) tz = followupctl_record_zone (record, ctx->local_tz);
  g_autoptr (GDateTime) at = followupctl_record_time (record, record, "interviewed_at", tz);
  g_autoptr (GDateTime) answer = NULL;
  const char *status = followupctl_lookup_string (record, "status");
  FollowupStatus st = FOLLOWUP_STATUS_WAITING;

  s->total++;
  if (status != NULL)
    followup_status_from_string (status, &st);
  s->by_status[st]++;
  count_calls (s, record);
  if (at == NULL)
    return;
  answer = first_answer (record, tz);
  if (answer != NULL) {
    double days = g_date_time_difference (answer, at) / (double) G_TIME_SPAN_DAY;
    double given = given_days (record, at);

    g_array_append_val (s->answer_days, days);
    if (given >= 0) {
      g_array_append_val (s->given_days, given);
      s->within_given += days <= given + 1; /* by the end of the day they gave */
    }
  } else if (st == FOLLOWUP_STATUS_CLOSED || st == FOLLOWUP_STATUS_WITHDRAWN ||
             moved_on (steps, followupctl_lookup_string (record, "id"),
                       g_date_time_to_unix (ctx->now))) {
    s->silent++;
  }
}

static JsonNode *
stats_json (Stats *s)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  const char *const *statuses = followup_names (FOLLOWUP_NAMES_STATUS);
  const char *const *outcomes = followup_names (FOLLOWUP_NAMES_OUTCOME);
  guint answered = s->answer_days->len, given = s->given_days->len;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "applications");
  json_builder_add_int_value (b, s->total);
  json_builder_set_member_name (b, "by_status");
  json_builder_begin_object (b);
  for (guint i = 0; statuses[i] != NULL; i++) {
    json_builder_set_member_name (b, statuses[i]);
    json_builder_add_int_value (b, s->by_status[i]);
  }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "answered");
  json_builder_add_int_value (b, answered);
  json_builder_set_member_name (b, "median_days_to_answer");
  answered ? json_builder_add_double_value (b, median (s->answer_days))
           : json_builder_add_null_value (b);
  json_builder_set_member_name (b, "median_days_they_gave");
  given ? json_builder_add_double_value (b, median (s->given_days))
        : json_builder_add_null_value (b);
  json_builder_set_member_name (b, "answered_within_their_time");
  json_builder_add_int_value (b, s->within_given);
  json_builder_set_member_name (b, "went_silent");
  json_builder_add_int_value (b, s->silent);
  json_builder_set_member_name (b, "calls");
  json_builder_begin_object (b);
  for (guint i = 0; outcomes[i] != NULL; i++) {
    json_builder_set_member_name (b, outcomes[i]);
    json_builder_add_int_value (b, s->calls[i + 1]);
  }
  json_builder_set_member_name (b, "skipped");
  json_builder_add_int_value (b, s->calls_skipped);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
print_stats (Stats *s)
{
  const char *const *statuses = followup_names (FOLLOWUP_NAMES_STATUS);
  g_autoptr (GString) parts = g_string_new (NULL);
  guint answered = s->answer_days->len;
  guint made = s->calls[FOLLOWUP_OUTCOME_REACHED] + s->calls[FOLLOWUP_OUTCOME_VOICEMAIL] +
               s->calls[FOLLOWUP_OUTCOME_NO_ANSWER];

  for (guint i = 0; statuses[i] != NULL; i++) {
    if (s->by_status[i] > 0)
      g_string_append_printf (parts, "%s%s %u", parts->len ? ", " : "", statuses[i],
                              s->by_status[i]);
  }
  g_print (_ ("Applications:  %u%s%s%s\n"), s->total, parts->len ? " (" : "", parts->str,
           parts->len ? ")" : "");
  if (answered > 0)
    g_print (_ ("Answered:      %u, a median %.1f days after the interview\n"), answered,
             median (s->answer_days));
  else
    g_print (_ ("Answered:      none yet\n"));
  if (s->given_days->len > 0)
    g_print (_ ("               they had said %.1f days (median); %u of %u answered by then\n"),
             median (s->given_days), s->within_given, s->given_days->len);
  g_print (_ ("Went silent:   %u (reached the move-on step, or closed, with no answer)\n"),
           s->silent);
  g_print (_ ("Calls made:    %u (reached %u, voicemail %u, no answer %u); skipped %u\n"), made,
           s->calls[FOLLOWUP_OUTCOME_REACHED], s->calls[FOLLOWUP_OUTCOME_VOICEMAIL],
           s->calls[FOLLOWUP_OUTCOME_NO_ANSWER], s->calls_skipped);
}

gboolean
followupctl_cmd_stats (FollowupctlCtx *ctx, char **argv, GError **error)
{
  const GOptionEntry entries[] = {
    FOLLOWUPCTL_JSON_ENTRY (ctx),
    { NULL },
  };
  g_auto (Stats) s = { .answer_days = g_array_new (FALSE, FALSE, sizeof (double)),
                       .given_days = g_array_new (FALSE, FALSE, sizeof (double)) };
  g_autoptr (GVariant) records = NULL;
  g_autoptr (GPtrArray) steps = NULL;

  if (!followupctl_parse (ctx, argv, entries, NULL, 0, 0, error) ||
      (records = followupctl_list_records (ctx, error)) == NULL ||
      (steps = followupctl_schedule (ctx, 0, 0, error)) == NULL)
    return FALSE;
  for (gsize i = 0; i < g_variant_n_children (records); i++) {
    g_autoptr (GVariant) record = g_variant_get_child_value (records, i);

    count_record (&s, record, steps, ctx);
  }
  if (ctx->json) {
    g_autoptr (JsonNode) root = stats_json (&s);

    return followupctl_print_json (root, error);
  }
  print_stats (&s);
  return TRUE;
}

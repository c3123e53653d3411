/* test-plan.c: what is due and when to wake, table-tested without a bus,
 * a timer or files (rule R10) */
#include "config.h"

#include <glib/gstdio.h>

#include "followup-plan.h"

#define NOW G_GINT64_CONSTANT (1795000000)
#define NONE G_MININT64
#define H 3600

/* one step of a hand-made schedule */
typedef struct {
  FollowupAction action;
  gint64 due;         /* relative to NOW */
  gint64 expires;     /* relative to NOW, or NONE */
  gint64 shown_for;   /* the due it was shown for, relative; NONE: never shown */
  gboolean in_flight; /* its notification is being sent */
} Row;

typedef struct {
  const char *path;
  Row rows[4];
  guint n_rows;
  const char *due; /* indexes of the steps to show now, as "0 2" */
  int next;        /* index of the next step, -1 for none */
  gint64 wake;     /* relative to NOW, or NONE for never */
} PlanCase;

#define THANKS FOLLOWUP_ACTION_THANK_YOU
#define CALL FOLLOWUP_ACTION_CALL
#define EMAIL FOLLOWUP_ACTION_FOLLOW_UP_EMAIL

static const PlanCase cases[] = {
  { "/plan/empty", { { 0 } }, 0, "", -1, NONE },
  { "/plan/ahead", { { THANKS, 2 * H, NONE, NONE, FALSE } }, 1, "", 0, 2 * H },
  { "/plan/due-now", { { THANKS, 0, NONE, NONE, FALSE } }, 1, "0", -1, NONE },
  { "/plan/overdue-not-shown", { { EMAIL, -48 * H, NONE, NONE, FALSE } }, 1, "0", -1, NONE },
  /* shown once, with whatever due: a moved thank-you is not shown again */
  { "/plan/shown-once", { { THANKS, -H, NONE, -5 * H, FALSE } }, 1, "", -1, NONE },
  { "/plan/in-flight", { { THANKS, -H, NONE, NONE, TRUE } }, 1, "", -1, NONE },
  /* a call inside its window: due, and the plan wakes when the window closes */
  { "/plan/call-in-window", { { CALL, -10 * 60, 50 * 60, NONE, FALSE } }, 1, "0", -1, 50 * 60 },
  /* shown in this window: not again, but the close still wakes the plan */
  { "/plan/call-shown-this-window",
    { { CALL, -10 * 60, 50 * 60, -10 * 60, FALSE } },
    1,
    "",
    -1,
    50 * 60 },
  /* shown in an earlier window: the new window shows it again */
  { "/plan/call-new-window", { { CALL, -10 * 60, 50 * 60, -24 * H, FALSE } }, 1, "0", -1, 50 * 60 },
  /* a window that closes before the next step wakes the plan first */
  { "/plan/window-before-next",
    { { CALL, -10 * 60, 50 * 60, NONE, FALSE }, { THANKS, 3 * H, NONE, NONE, FALSE } },
    2,
    "0",
    1,
    50 * 60 },
  { "/plan/next-before-window",
    { { CALL, -10 * 60, 50 * 60, NONE, FALSE }, { THANKS, 20 * 60, NONE, NONE, FALSE } },
    2,
    "0",
    1,
    20 * 60 },
  /* after a long sleep: everything missed at once, the next still ahead */
  { "/plan/after-sleep",
    { { THANKS, -72 * H, NONE, NONE, FALSE },
      { EMAIL, -24 * H, NONE, NONE, FALSE },
      { THANKS, -2 * H, NONE, -2 * H, FALSE },
      { CALL, 30 * H, 31 * H, NONE, FALSE } },
    4,
    "0 1",
    3,
    30 * H },
  /* a window already closed (none found after it) never arms a past wake */
  { "/plan/expired-no-past-wake", { { CALL, -3 * H, -2 * H, NONE, FALSE } }, 1, "0", -1, NONE },
};

static FollowupRecord *
test_record (void)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GError) error = NULL;
  GVariant *dict = g_variant_new_parsed ("{'id': <'a'>, 'company': <'Acme'>, "
                                         "'interviewed_at': <'2026-11-20 14:00'>}");
  FollowupRecord *record = followup_record_new_from_variant (dict, utc, NULL, &error);

  g_assert_no_error (error);
  return record;
}

static GDateTime *
at (gint64 offset)
{
  return g_date_time_new_from_unix_utc (NOW + offset);
}

static FollowupReminder *
reminder_of (FollowupRecord *record, const Row *row, guint index)
{
  FollowupReminder *r = g_new0 (FollowupReminder, 1);

  r->record = followup_record_ref (record);
  r->action = row->action;
  r->due = at (row->due);
  r->show_at = at (row->due);
  r->expires = row->expires == NONE ? NULL : at (row->expires);
  r->tz = g_time_zone_new_utc ();
  r->reason = g_strdup ("");
  r->key = g_strdup_printf ("a/step/%u", index);
  return r;
}

static char *
indexes_of (GPtrArray *due, GPtrArray *schedule)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < due->len; i++) {
    guint index;

    g_assert_true (g_ptr_array_find (schedule, due->pdata[i], &index));
    g_string_append_printf (out, "%s%u", i ? " " : "", index);
  }
  return g_string_free (out, FALSE);
}

static void
test_case (gconstpointer data)
{
  const PlanCase *c = data;
  g_autoptr (FollowupRecord) record = test_record ();
  g_autoptr (GPtrArray) schedule =
    g_ptr_array_new_with_free_func ((GDestroyNotify) followup_reminder_free);
  g_autoptr (GHashTable) in_flight = g_hash_table_new (g_str_hash, g_str_equal);
  /* never written: the state file path is never saved to */
  g_autoptr (FollowupState) state = followup_state_load ("/nonexistent/followup/state");
  g_autoptr (FollowupPlan) plan = NULL;
  g_autofree char *due = NULL;

  for (guint i = 0; i < c->n_rows; i++) {
    FollowupReminder *r = reminder_of (record, &c->rows[i], i);

    if (c->rows[i].shown_for != NONE)
      followup_state_mark_shown (state, r->key, r->action == CALL ? NOW + c->rows[i].shown_for : 0);
    if (c->rows[i].in_flight)
      g_hash_table_add (in_flight, r->key);
    g_ptr_array_add (schedule, r);
  }
  plan = followup_plan_compute (schedule, state, in_flight, NOW);
  due = indexes_of (plan->due, schedule);
  g_assert_cmpstr (due, ==, c->due);
  if (c->next < 0)
    g_assert_null (plan->next);
  else
    g_assert_true (plan->next == schedule->pdata[c->next]);
  g_assert_cmpint (plan->wake, ==, c->wake == NONE ? 0 : NOW + c->wake);
  g_assert_cmpuint (g_hash_table_size (plan->live), ==, c->n_rows);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    g_test_add_data_func (cases[i].path, &cases[i], test_case);
  return g_test_run ();
}

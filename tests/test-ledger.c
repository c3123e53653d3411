/* test-ledger.c: a step's sequence only grows, goes up when what a calendar
 * shows of it changes, and a step that left the plan is kept for a while,
 * across a restart */
#include "config.h"

#include <glib/gstdio.h>

#include "followup-ledger.h"

#define NOW G_GINT64_CONSTANT (1795000000)
#define DAY (G_GINT64_CONSTANT (86400))

typedef struct {
  char *dir;
  char *path;
  FollowupRecord *record;
  GPtrArray *schedule;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GError) error = NULL;
  GVariant *dict = g_variant_new_parsed ("{'id': <'a'>, 'company': <'Acme'>, "
                                         "'interviewed_at': <'2026-11-20 14:00'>}");

  f->dir = g_dir_make_tmp ("followup-ledger-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "sub", "state.ledger", NULL);
  f->record = followup_record_new_from_variant (dict, utc, NULL, &error);
  g_assert_no_error (error);
  f->schedule = g_ptr_array_new_with_free_func ((GDestroyNotify) followup_reminder_free);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autofree char *sub = g_path_get_dirname (f->path);
  g_autofree char *journal = g_strconcat (f->path, ".journal", NULL);

  g_remove (f->path);
  g_remove (journal);
  g_rmdir (sub);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  followup_record_unref (f->record);
  g_ptr_array_unref (f->schedule);
}

static FollowupReminder *
add_step (Fixture *f, const char *key, FollowupAction action, gint64 due)
{
  FollowupReminder *r = g_new0 (FollowupReminder, 1);

  r->record = followup_record_ref (f->record);
  r->action = action;
  r->contact = g_strdup ("Jane Doe");
  r->due = g_date_time_new_from_unix_utc (due);
  r->show_at = g_date_time_ref (r->due);
  r->tz = g_time_zone_new_utc ();
  r->reason = g_strdup ("Because.");
  r->key = g_strdup (key);
  g_ptr_array_add (f->schedule, r);
  return r;
}

static void
move (FollowupReminder *r, gint64 due)
{
  g_date_time_unref (r->due);
  r->due = g_date_time_new_from_unix_utc (due);
}

static void
test_sequence_grows_on_change (Fixture *f, gconstpointer data)
{
  g_autoptr (FollowupLedger) ledger = followup_ledger_load (f->path);
  FollowupReminder *call = add_step (f, "a/call/Jane Doe/1/0", FOLLOWUP_ACTION_CALL, NOW + DAY);

  add_step (f, "a/thank-you/Jane Doe/1/0", FOLLOWUP_ACTION_THANK_YOU, NOW + 3600);
  g_assert_true (followup_ledger_note_plan (ledger, f->schedule, NULL, NOW));
  g_assert_cmpuint (followup_ledger_sequence (ledger, "a/call/Jane Doe/1/0"), ==, 0);
  /* the same plan again (a timer re-plan): nothing to tell a calendar */
  g_assert_false (followup_ledger_note_plan (ledger, f->schedule, NULL, NOW + 60));
  g_assert_cmpuint (followup_ledger_sequence (ledger, "a/call/Jane Doe/1/0"), ==, 0);
  /* moved (a snooze, a new decision date): one up, and one more per change */
  move (call, NOW + 2 * DAY);
  g_assert_true (followup_ledger_note_plan (ledger, f->schedule, NULL, NOW + 120));
  g_assert_cmpuint (followup_ledger_sequence (ledger, "a/call/Jane Doe/1/0"), ==, 1);
  g_free (call->reason);
  call->reason = g_strdup ("Because, again.");
  followup_ledger_note_plan (ledger, f->schedule, NULL, NOW + 180);
  g_assert_cmpuint (followup_ledger_sequence (ledger, "a/call/Jane Doe/1/0"), ==, 2);
  /* the other step did not change */
  g_assert_cmpuint (followup_ledger_sequence (ledger, "a/thank-you/Jane Doe/1/0"), ==, 0);
  g_assert_cmpuint (followup_ledger_sequence (ledger, "never/seen"), ==, 0);
}

static void
test_departed_then_forgotten (Fixture *f, gconstpointer data)
{
  g_autoptr (FollowupLedger) ledger = followup_ledger_load (f->path);
  g_autoptr (GPtrArray) departed = NULL;
  FollowupStep *gone;

  add_step (f, "a/thank-you/Jane Doe/1/0", FOLLOWUP_ACTION_THANK_YOU, NOW + 3600);
  followup_ledger_note_plan (ledger, f->schedule, NULL, NOW);
  move (f->schedule->pdata[0], NOW + 7200);
  followup_ledger_note_plan (ledger, f->schedule, NULL, NOW);
  /* done: out of the plan, kept with its last fields and one more sequence */
  g_ptr_array_set_size (f->schedule, 0);
  g_assert_true (followup_ledger_note_plan (ledger, f->schedule, NULL, NOW + 100));
  departed = followup_ledger_get_departed (ledger);
  g_assert_cmpuint (departed->len, ==, 1);
  gone = departed->pdata[0];
  g_assert_cmpstr (gone->key, ==, "a/thank-you/Jane Doe/1/0");
  g_assert_cmpstr (gone->company, ==, "Acme");
  g_assert_cmpstr (gone->contact, ==, "Jane Doe");
  g_assert_cmpint (gone->due, ==, NOW + 7200);
  g_assert_cmpint (gone->left, ==, NOW + 100);
  g_assert_cmpuint (gone->sequence, ==, 2);
  g_clear_pointer (&departed, g_ptr_array_unref);
  /* leaving is told once: the next plans change nothing */
  g_assert_false (followup_ledger_note_plan (ledger, f->schedule, NULL, NOW + 200));
  g_assert_false (followup_ledger_note_plan (ledger, f->schedule, NULL,
                                             NOW + 100 + FOLLOWUP_LEDGER_KEEP_DAYS * DAY));
  /* past the keeping time it is forgotten */
  g_assert_true (followup_ledger_note_plan (ledger, f->schedule, NULL,
                                            NOW + 101 + FOLLOWUP_LEDGER_KEEP_DAYS * DAY));
  departed = followup_ledger_get_departed (ledger);
  g_assert_cmpuint (departed->len, ==, 0);
}

/* a step back in the plan (an event recorded by mistake, then removed) is
 * live again, above the sequence its cancellation had */
static void
test_back_in_the_plan (Fixture *f, gconstpointer data)
{
  g_autoptr (FollowupLedger) ledger = followup_ledger_load (f->path);
  g_autoptr (GPtrArray) steps = g_ptr_array_new ();
  g_autoptr (GPtrArray) departed = NULL;

  add_step (f, "a/follow-up-email//1/0", FOLLOWUP_ACTION_FOLLOW_UP_EMAIL, NOW + DAY);
  followup_ledger_note_plan (ledger, f->schedule, NULL, NOW);
  followup_ledger_note_plan (ledger, steps, NULL, NOW + 10);
  g_assert_true (followup_ledger_note_plan (ledger, f->schedule, NULL, NOW + 20));
  g_assert_cmpuint (followup_ledger_sequence (ledger, "a/follow-up-email//1/0"), ==, 2);
  departed = followup_ledger_get_departed (ledger);
  g_assert_cmpuint (departed->len, ==, 0);
}

static void
test_survives_a_restart (Fixture *f, gconstpointer data)
{
  g_autoptr (FollowupLedger) ledger = followup_ledger_load (f->path);
  g_autoptr (FollowupLedger) again = NULL;
  g_autoptr (GPtrArray) departed = NULL;
  g_autoptr (GError) error = NULL;
  FollowupReminder *call = add_step (f, "a/call/Jane Doe/1/0", FOLLOWUP_ACTION_CALL, NOW + DAY);
  g_autofree char *journal = NULL;
  GStatBuf st;

  add_step (f, "a/thank-you/Jane Doe/1/0", FOLLOWUP_ACTION_THANK_YOU, NOW + 3600);
  followup_ledger_note_plan (ledger, f->schedule, NULL, NOW);
  move (call, NOW + 2 * DAY);
  followup_ledger_note_plan (ledger, f->schedule, NULL, NOW);
  g_ptr_array_remove_index (f->schedule, 1);
  followup_ledger_note_plan (ledger, f->schedule, NULL, NOW + 5);
  g_assert_true (followup_ledger_save (ledger, &error));
  g_assert_no_error (error);
  /* a few changes: lines in the journal, not the ledger written whole */
  journal = g_strconcat (f->path, ".journal", NULL);
  g_assert_cmpint (g_stat (journal, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (f->path, &st), <, 0);

  again = followup_ledger_load (f->path);
  /* the same plan after the restart: the same sequences, nothing new */
  g_assert_false (followup_ledger_note_plan (again, f->schedule, NULL, NOW + 10));
  g_assert_cmpuint (followup_ledger_sequence (again, "a/call/Jane Doe/1/0"), ==, 1);
  departed = followup_ledger_get_departed (again);
  g_assert_cmpuint (departed->len, ==, 1);
  g_assert_cmpuint (((FollowupStep *) departed->pdata[0])->sequence, ==, 1);
  g_assert_cmpint (((FollowupStep *) departed->pdata[0])->left, ==, NOW + 5);
  g_assert_cmpint (((FollowupStep *) departed->pdata[0])->due, ==, NOW + 3600);
}

/* a damaged ledger costs the sequences, never a crash */
static void
test_broken_file (Fixture *f, gconstpointer data)
{
  g_autofree char *sub = g_path_get_dirname (f->path);
  const char *texts[] = { "", "[]", "{\"steps\": 3}", "{\"steps\": [1, {\"key\": 2}, {}]}",
                          "{\"steps\": [{\"key\": \"k\", \"id\": \"a\", \"action\": \"call\", "
                          "\"due\": 5, \"sequence\": -1, \"digest\": \"x\"}]}" };

  g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++) {
    g_autoptr (FollowupLedger) ledger = NULL;
    g_autoptr (GPtrArray) departed = NULL;

    g_assert_true (g_file_set_contents (f->path, texts[i], -1, NULL));
    /* not even an object: said once in the journal */
    if (i < 2)
      g_test_expect_message ("followup-ledger", G_LOG_LEVEL_WARNING, "*not a JSON object*");
    ledger = followup_ledger_load (f->path);
    g_test_assert_expected_messages ();
    departed = followup_ledger_get_departed (ledger);
    g_assert_cmpuint (departed->len, ==, 0);
    g_assert_cmpuint (followup_ledger_sequence (ledger, "k"), ==, 0);
  }
}

/* an edit writes a line, not the ledger; once the journal is as long as
 * the ledger is wide it is written whole, and a line left over from
 * before never takes a sequence back; a line cut short is skipped */
static void
test_journal (Fixture *f, gconstpointer data)
{
  g_autoptr (FollowupLedger) ledger = followup_ledger_load (f->path);
  g_autoptr (FollowupLedger) again = NULL;
  g_autoptr (FollowupLedger) other = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *journal = g_strconcat (f->path, ".journal", NULL);
  g_autofree char *other_path = g_strconcat (f->path, ".other", NULL);
  g_autofree char *other_journal = g_strconcat (other_path, ".journal", NULL);
  g_autofree char *stale = NULL;
  g_autofree char *text = NULL;
  g_autofree char *whole = NULL;
  FollowupReminder *call = add_step (f, "a/call/Jane Doe/1/0", FOLLOWUP_ACTION_CALL, NOW + DAY);
  guint n = 1200;

  for (guint i = 0; i < n; i++) {
    move (call, NOW + DAY + i);
    followup_ledger_note_plan (ledger, f->schedule, NULL, NOW);
    g_assert_true (followup_ledger_save (ledger, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (followup_ledger_sequence (ledger, "a/call/Jane Doe/1/0"), ==, n - 1);
  g_assert_true (g_file_test (f->path, G_FILE_TEST_EXISTS));

  /* the same step at sequence 0, as a journal line from an older run */
  other = followup_ledger_load (other_path);
  followup_ledger_note_plan (other, f->schedule, NULL, NOW);
  g_assert_true (followup_ledger_save (other, &error));
  g_assert_true (g_file_get_contents (other_journal, &stale, NULL, NULL));
  if (!g_file_get_contents (journal, &text, NULL, NULL))
    text = g_strdup ("");
  /* appended after the lines of this run, and a last line cut short */
  whole = g_strconcat (text, stale, "{\"key\": \"a/call", NULL);
  g_assert_true (g_file_set_contents (journal, whole, -1, NULL));
  g_remove (other_journal);

  again = followup_ledger_load (f->path);
  g_assert_cmpuint (followup_ledger_sequence (again, "a/call/Jane Doe/1/0"), ==, n - 1);
  g_assert_false (followup_ledger_note_plan (again, f->schedule, NULL, NOW + 10));
}

/* an edit plans only the records it changed: the others' steps stay as
 * they were, not taken for departed */
static void
test_only_changed_records (Fixture *f, gconstpointer data)
{
  g_autoptr (FollowupLedger) ledger = followup_ledger_load (f->path);
  g_autoptr (GHashTable) changed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) departed = NULL;

  add_step (f, "a/call/Jane Doe/1/0", FOLLOWUP_ACTION_CALL, NOW + DAY);
  followup_ledger_note_plan (ledger, f->schedule, NULL, NOW);
  g_ptr_array_set_size (f->schedule, 0);
  g_hash_table_add (changed, (gpointer) "b");
  g_assert_false (followup_ledger_note_plan (ledger, f->schedule, changed, NOW + 1));
  g_hash_table_add (changed, (gpointer) "a");
  g_assert_true (followup_ledger_note_plan (ledger, f->schedule, changed, NOW + 2));
  departed = followup_ledger_get_departed (ledger);
  g_assert_cmpuint (departed->len, ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ledger/sequence-grows-on-change", test_sequence_grows_on_change);
  ADD ("/ledger/departed-then-forgotten", test_departed_then_forgotten);
  ADD ("/ledger/back-in-the-plan", test_back_in_the_plan);
  ADD ("/ledger/survives-a-restart", test_survives_a_restart);
  ADD ("/ledger/broken-file", test_broken_file);
  ADD ("/ledger/journal", test_journal);
  ADD ("/ledger/only-changed-records", test_only_changed_records);
#undef ADD
  return g_test_run ();
}

/* test-state.c: what was shown survives a restart; a lost or broken state
 * file costs at most a repeat, never a crash */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "followup-state.h"

static char *
temp_state_path (void)
{
  g_autofree char *dir = g_dir_make_tmp ("followup-state-XXXXXX", NULL);

  return g_build_filename (dir, "sub", "state", NULL);
}

/* temp_state_path () made dir/sub/state: leave nothing behind */
static void
remove_state (const char *path)
{
  g_autofree char *sub = g_path_get_dirname (path);
  g_autofree char *dir = g_path_get_dirname (sub);

  g_remove (path);
  g_rmdir (sub);
  g_rmdir (dir);
}

static void
test_roundtrip (void)
{
  g_autofree char *path = temp_state_path ();
  g_autoptr (FollowupState) state = followup_state_load (path);
  g_autoptr (FollowupState) again = NULL;
  g_autoptr (GError) error = NULL;
  GStatBuf st;

  g_assert_false (followup_state_was_shown (state, "a/call/Jane/1", 100));
  followup_state_mark_shown (state, "a/call/Jane/1", 100);
  followup_state_set_snooze (state, "a/thank-you//2", 5000);
  g_assert_true (followup_state_save (state, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  again = followup_state_load (path);
  g_assert_true (followup_state_was_shown (again, "a/call/Jane/1", 100));
  /* the same step in a later window is a new showing */
  g_assert_false (followup_state_was_shown (again, "a/call/Jane/1", 200));
  g_assert_cmpint (*(gint64 *) g_hash_table_lookup (followup_state_get_snoozes (again),
                                                    "a/thank-you//2"),
                   ==, 5000);
  remove_state (path);
}

static void
test_prune_forgets_finished_steps (void)
{
  g_autofree char *path = temp_state_path ();
  g_autoptr (FollowupState) state = followup_state_load (path);
  g_autoptr (FollowupState) again = NULL;
  g_autoptr (GHashTable) live = g_hash_table_new (g_str_hash, g_str_equal);

  followup_state_mark_shown (state, "keep", 1);
  followup_state_mark_shown (state, "done", 1);
  followup_state_set_snooze (state, "gone", 9);
  g_hash_table_add (live, "keep");
  followup_state_prune (state, live);
  g_assert_true (followup_state_save (state, NULL));
  again = followup_state_load (path);
  g_assert_true (followup_state_was_shown (again, "keep", 1));
  g_assert_false (followup_state_was_shown (again, "done", 1));
  g_assert_null (g_hash_table_lookup (followup_state_get_snoozes (again), "gone"));
  remove_state (path);
}

/* forgetting a finished step writes nothing by itself (a Remove saves one
 * file, not two); the next save or the flush at exit takes it along */
static void
test_prune_alone_waits_for_the_next_save (void)
{
  g_autofree char *path = temp_state_path ();
  g_autoptr (FollowupState) state = followup_state_load (path);
  g_autoptr (FollowupState) again = NULL;
  g_autoptr (GHashTable) live = g_hash_table_new (g_str_hash, g_str_equal);

  followup_state_mark_shown (state, "keep", 1);
  followup_state_mark_shown (state, "done", 1);
  g_assert_true (followup_state_save (state, NULL));
  g_hash_table_add (live, "keep");
  followup_state_prune (state, live);
  g_assert_false (followup_state_was_shown (state, "done", 1));
  g_assert_true (followup_state_save (state, NULL));
  again = followup_state_load (path);
  g_assert_true (followup_state_was_shown (again, "done", 1));
  g_clear_pointer (&again, followup_state_free);
  g_assert_true (followup_state_flush (state, NULL));
  again = followup_state_load (path);
  g_assert_true (followup_state_was_shown (again, "keep", 1));
  g_assert_false (followup_state_was_shown (again, "done", 1));
  g_assert_null (g_hash_table_lookup (followup_state_get_snoozes (again), "gone"));
  remove_state (path);
}

static gint64
lookup (GHashTable *table, const char *key)
{
  gint64 *v = g_hash_table_lookup (table, key);

  return v ? *v : -1;
}

/* R19 counts the windows a call was shown in; R7 dates a status typed into
 * the file from when it was first seen, and no prune of the steps forgets it */
static void
test_windows_and_statuses_survive (void)
{
  g_autofree char *path = temp_state_path ();
  g_autoptr (FollowupState) state = followup_state_load (path);
  g_autoptr (FollowupState) again = NULL;
  g_autoptr (GHashTable) live = g_hash_table_new (g_str_hash, g_str_equal);

  followup_state_count_window (state, "a/call/Jane/1/0", 100);
  followup_state_count_window (state, "a/call/Jane/1/0", 200);
  followup_state_note_status (state, "a", "a/rejected", 5000);
  followup_state_note_status (state, "a", "a/rejected", 6000); /* seen again: kept */
  followup_state_note_status (state, "ab", "ab/no-opening", 7000);
  followup_state_prune (state, live);
  g_assert_true (followup_state_save (state, NULL));
  again = followup_state_load (path);
  g_assert_cmpint (lookup (followup_state_get_windows (again), "a/call/Jane/1/0"), ==, -1);
  g_assert_cmpint (lookup (followup_state_get_statuses (again), "a/rejected"), ==, 5000);
  /* a new status replaces the record's old one, and only that record's */
  followup_state_note_status (again, "a", "a/closed", 8000);
  g_assert_cmpint (lookup (followup_state_get_statuses (again), "a/rejected"), ==, -1);
  g_assert_cmpint (lookup (followup_state_get_statuses (again), "a/closed"), ==, 8000);
  g_assert_cmpint (lookup (followup_state_get_statuses (again), "ab/no-opening"), ==, 7000);
  /* back to waiting, then rejected again: dated anew */
  followup_state_forget_status (again, "a");
  followup_state_note_status (again, "a", "a/rejected", 9000);
  g_assert_cmpint (lookup (followup_state_get_statuses (again), "a/rejected"), ==, 9000);
  g_assert_cmpint (lookup (followup_state_get_statuses (again), "a/closed"), ==, -1);
  remove_state (path);
}

static void
test_windows_counted (void)
{
  g_autoptr (FollowupState) state = followup_state_load ("/nonexistent/followup-state");

  /* shown in the window ending at 100, snoozed and shown again in it, then
   * in the windows ending at 200 and 300 */
  followup_state_count_window (state, "k", 100);
  followup_state_count_window (state, "k", 100);
  followup_state_count_window (state, "k", 200);
  followup_state_count_window (state, "k", 300);
  g_assert_cmpint (lookup (followup_state_get_windows (state), "k"), ==, 3);
}

static void
test_corrupt_file_starts_afresh (void)
{
  const char *junk[] = { "{ not json", "[1, 2]", "{\"shown\": {\"k\": \"x\"}}", "\xff\xfe" };

  for (gsize i = 0; i < G_N_ELEMENTS (junk); i++) {
    g_autofree char *dir = g_dir_make_tmp ("followup-state-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "state", NULL);
    g_autoptr (FollowupState) state = NULL;

    g_assert_true (g_file_set_contents (path, junk[i], -1, NULL));
    if (i != 2)
      g_test_expect_message ("followup-state", G_LOG_LEVEL_WARNING, "*state*");
    state = followup_state_load (path);
    g_test_assert_expected_messages ();
    g_assert_false (followup_state_was_shown (state, "k", 0));
    /* and it can be written again */
    followup_state_mark_shown (state, "k", 1);
    g_assert_true (followup_state_save (state, NULL));
    g_remove (path);
    g_rmdir (dir);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/state/roundtrip", test_roundtrip);
  g_test_add_func ("/state/prune-forgets-finished-steps", test_prune_forgets_finished_steps);
  g_test_add_func ("/state/prune-alone-waits-for-the-next-save",
                   test_prune_alone_waits_for_the_next_save);
  g_test_add_func ("/state/corrupt-file-starts-afresh", test_corrupt_file_starts_afresh);
  g_test_add_func ("/state/windows-counted", test_windows_counted);
  g_test_add_func ("/state/windows-and-statuses-survive", test_windows_and_statuses_survive);
  return g_test_run ();
}

/* fuzz-config.c: libFuzzer harness for the record file loader
 *
 * the input is a record file. it is loaded through the same path as
 * followupd (followup_store_load on a real file: a memfd, so no disk is
 * touched), and a file that loads is then scheduled by the engine, saved
 * and loaded again: a rewrite must never turn a good file into a bad one
 * or change what it holds */
#define _GNU_SOURCE /* memfd_create */
#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "followup-doc-private.h"
#include "followup-engine.h"
#include "followup-store.h"

static int memfd = -1;
static char *memfd_path;
static char *save_dir;
static char *save_path;
static GTimeZone *user_tz;
static GDateTime *nows[3];

static void
remove_save_dir_files (void)
{
  g_autofree char *backup = g_strconcat (save_path, "~", NULL);

  g_unlink (save_path);
  g_unlink (backup);
}

static void
remove_save_dir (void)
{
  remove_save_dir_files ();
  g_rmdir (save_dir);
}

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  const char *tmp = g_getenv ("FUZZ_TMPDIR");

  /* a critical is a bug: the loader must refuse bad input with an error */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  memfd = memfd_create ("followup.conf", MFD_CLOEXEC);
  if (memfd < 0) {
    perror ("memfd_create");
    abort ();
  }
  memfd_path = g_strdup_printf ("/proc/self/fd/%d", memfd);
  /* saves go to tmpfs when there is one: they fsync */
  if (tmp == NULL)
    tmp = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : g_get_tmp_dir ();
  save_dir = g_build_filename (tmp, "fuzz-config-XXXXXX", NULL);
  if (g_mkdtemp (save_dir) == NULL) {
    perror (save_dir);
    abort ();
  }
  save_path = g_build_filename (save_dir, "followup.conf", NULL);
  atexit (remove_save_dir);
  user_tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_assert (user_tz != NULL);
  /* a plain day, a DST change in the user's zone, and far in the future */
  nows[0] = g_date_time_new (user_tz, 2026, 11, 23, 9, 30, 0);
  nows[1] = g_date_time_new (user_tz, 2026, 3, 29, 1, 59, 59);
  nows[2] = g_date_time_new (user_tz, 2099, 12, 31, 23, 0, 0);
  return 0;
}

static gboolean
write_input (const uint8_t *data, size_t size)
{
  size_t done = 0;

  if (ftruncate (memfd, 0) < 0 || lseek (memfd, 0, SEEK_SET) < 0)
    return FALSE;
  while (done < size) {
    ssize_t n = write (memfd, data + done, size - done);

    if (n <= 0)
      return FALSE;
    done += (size_t) n;
  }
  return TRUE;
}

static void
schedule (FollowupRecordSet *set, GDateTime *now)
{
  FollowupEngineInput input = { set->policy, user_tz, now, NULL };
  g_autoptr (GPtrArray) reminders = followup_engine_schedule (&input, set->records);

  for (guint i = 0; i < reminders->len; i++) {
    const FollowupReminder *r = reminders->pdata[i];

    g_assert (r->due != NULL && r->reason != NULL && r->key != NULL);
  }
}

/* `set` saved to save_path and read back: the same records (a new record is
 * written in the one readable key order) and, when `policy` is given, that
 * policy */
static void
save_and_compare (FollowupRecordSet *set, FollowupPolicy *policy)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (FollowupRecordSet) again = NULL;

  if (!followup_store_save (save_path, set, &error)) {
    fprintf (stderr, "save failed: %s\n", error->message);
    abort ();
  }
  again = followup_store_load (save_path, user_tz, &problems, &error);
  if (again == NULL) {
    g_autofree char *text = NULL;

    g_file_get_contents (save_path, &text, NULL, NULL);
    fprintf (stderr, "a saved file does not load again: %s\n--- saved file:\n%s\n", error->message,
             text ? text : "(unreadable)");
    abort ();
  }
  g_assert_cmpuint (again->records->len, ==, set->records->len);
  for (guint i = 0; i < set->records->len; i++) {
    FollowupRecord *a = set->records->pdata[i], *b = again->records->pdata[i];

    if (!followup_doc_same_record (a->dict, b->dict)) {
      g_autofree char *before = g_variant_print (a->dict, TRUE);
      g_autofree char *after = g_variant_print (b->dict, TRUE);

      fprintf (stderr, "record %u changed on a rewrite:\n  read:  %s\n  saved: %s\n", i, before,
               after);
      abort ();
    }
  }
  if (policy != NULL)
    g_assert_true (g_variant_equal (policy->dict, again->policy->dict));
}

/* saved over the file it came from, nothing changes, not one byte; saved to
 * a new file, the records read back the same */
static void
round_trip (FollowupRecordSet *set, const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length;

  remove_save_dir_files ();
  if (!g_file_set_contents (save_path, (const char *) data, (gssize) size, &error)) {
    fprintf (stderr, "%s\n", error->message);
    abort ();
  }
  save_and_compare (set, set->policy);
  g_assert_true (g_file_get_contents (save_path, &text, &length, NULL));
  if (length != size || memcmp (text, data, size) != 0) {
    fprintf (stderr, "an unchanged save changed the file:\n%.*s\n", (int) length, text);
    abort ();
  }
  remove_save_dir_files ();
  save_and_compare (set, NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (FollowupRecordSet) set = NULL;

  /* libconfig reads a file whole; past a few hundred kB nothing new is found */
  if (size > 256 * 1024 || !write_input (data, size))
    return 0;
  set = followup_store_load (memfd_path, user_tz, &problems, &error);
  if (set == NULL) {
    /* every refusal says where and why */
    g_assert (error != NULL && error->message != NULL);
    g_assert (problems == NULL || problems->len > 0);
    return 0;
  }
  for (guint i = 0; i < G_N_ELEMENTS (nows); i++)
    schedule (set, nows[i]);
  round_trip (set, data, size);
  return 0;
}

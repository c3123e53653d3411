/* followup-book.c: the record file, read whole or not at all, edited by
 * transactions, watched for hand edits */
#include "config.h"

#define G_LOG_DOMAIN "followup-book"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <systemd/sd-daemon.h>

#include "followup-book.h"
#include "followup-error.h"
#include "followup-i18n.h"
#include "followup-store.h"

struct _FollowupBook {
  GObject parent;
  char *path;
  GTimeZone *user_tz;
  FollowupRecordSet *set; /* the last good records */
  char *checksum;         /* of the file content `set` (or `problem`) came from */
  char *problem;          /* why the file on disk is refused, or NULL */
  GFileMonitor *monitor;
  GFileMonitor *target_monitor; /* where the record file points, when a symlink */
  char *target_path;
};

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

G_DEFINE_TYPE (FollowupBook, followup_book, G_TYPE_OBJECT)

/* what a first start writes: the policy spelled out, no interviews, so the
 * user sees the knobs without getting reminders for a made-up company */
static const char starter_file[] =
  "version = 1;\n\n"
  "# Every policy key is optional; these are the defaults. See followup.conf(5).\n"
  "policy = {\n"
  "  # call_windows = [ \"10:00-11:00\", \"15:00-16:00\" ];  # the contact's zone\n"
  "  # workdays = [ \"Mon\", \"Tue\", \"Wed\", \"Thu\", \"Fri\" ];\n"
  "  # holidays = [ \"2026-12-25\" ];\n"
  "  # quiet_hours = \"21:00-08:00\";    # your zone; \"\" for none\n"
  "  # thank_you_within_hours = 24;\n"
  "  # follow_up_email_after_days = 7;\n"
  "  # call_without_timeline_after_days = 14;\n"
  "  # max_calls = 2;\n"
  "  # call_retry_after_workdays = 3;\n"
  "  # move_on_after_days = 7;\n"
  "};\n\n"
  "# Add interviews with: followupctl add --company \"Acme\" --at \"today 14:00\"\n"
  "interviews = ( );\n";

static void
emit_changed (FollowupBook *book, GPtrArray *ids)
{
  g_autoptr (GPtrArray) strv = g_ptr_array_new ();

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    g_ptr_array_add (strv, ids->pdata[i]);
  g_ptr_array_add (strv, NULL);
  g_signal_emit (book, signals[SIGNAL_CHANGED], 0, ids ? (GStrv) strv->pdata : NULL);
}

static void
log_problems (FollowupBook *book, GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "MESSAGE_ID",
                      "5b3bd8a4c4d44ab2a9c3a0b1e4d6f001", "FOLLOWUP_CONFIG", book->path, "MESSAGE",
                      "%s", (char *) problems->pdata[i]);
}

/* build a new record set and swap it in only if the whole file is good */
static gboolean
load (FollowupBook *book, GError **error)
{
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *checksum = followup_store_checksum (book->path);
  FollowupRecordSet *set;

  if (checksum == NULL) {
    /* deleted or unreadable: keep what is known, the next edit writes it back */
    g_warning ("%s is gone or unreadable; keeping the %u records in memory, the next change "
               "writes them back",
               book->path, book->set->records->len);
    g_clear_pointer (&book->checksum, g_free);
    return TRUE;
  }
  set = followup_store_load (book->path, book->user_tz, &problems, &local_error);
  g_free (book->checksum);
  book->checksum = g_steal_pointer (&checksum);
  if (set == NULL) {
    g_free (book->problem);
    book->problem = g_strdup (local_error->message);
    if (problems != NULL)
      log_problems (book, problems);
    else
      g_warning ("%s", local_error->message);
    g_propagate_error (error, g_steal_pointer (&local_error));
    return FALSE;
  }
  g_clear_pointer (&book->problem, g_free);
  followup_record_set_unref (book->set);
  book->set = set;
  g_message ("loaded %u interview%s from %s", set->records->len, set->records->len == 1 ? "" : "s",
             book->path);
  return TRUE;
}

gboolean
followup_book_reload (FollowupBook *book, GError **error)
{
  gboolean ok;

  sd_notifyf (FALSE, "RELOADING=1\nMONOTONIC_USEC=%" G_GINT64_FORMAT, g_get_monotonic_time ());
  ok = load (book, error);
  emit_changed (book, NULL);
  sd_notify (FALSE, "READY=1");
  return ok;
}

/* a hand edit since our last read is loaded before any change is applied,
 * so the change never writes over it */
static void
refresh (FollowupBook *book)
{
  g_autofree char *checksum = followup_store_checksum (book->path);

  if (checksum != NULL && g_strcmp0 (checksum, book->checksum) != 0)
    followup_book_reload (book, NULL);
}

FollowupRecordSet *
followup_book_begin (FollowupBook *book, GError **error)
{
  refresh (book);
  if (book->problem != NULL) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_CONFIG_BROKEN,
                 _ ("the record file does not parse, so changes are refused until it is fixed "
                    "(nothing was changed): %s"),
                 book->problem);
    return NULL;
  }
  return followup_record_set_copy (book->set);
}

gboolean
followup_book_commit (FollowupBook *book, FollowupRecordSet *edited, GPtrArray *ids, GError **error)
{
  char *checksum = NULL;

  if (ids->len == 0)
    return TRUE;
  if (!followup_store_save (book->path, edited, &checksum, error))
    return FALSE;
  g_free (book->checksum);
  book->checksum = checksum;
  followup_record_set_unref (book->set);
  book->set = followup_record_set_ref (edited);
  if (ids->len == 1)
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO, "FOLLOWUP_RECORD", ids->pdata[0], "MESSAGE",
                      "saved %s after a change to %s", book->path, (char *) ids->pdata[0]);
  else
    g_info ("saved %s after %u changes", book->path, ids->len);
  emit_changed (book, ids);
  return TRUE;
}

GPtrArray *
followup_book_check (FollowupBook *book)
{
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (FollowupRecordSet) set =
    followup_store_load (book->path, book->user_tz, &problems, &error);

  if (set != NULL)
    return g_ptr_array_new_with_free_func (g_free);
  if (problems == NULL) {
    problems = g_ptr_array_new_with_free_func (g_free);
    g_ptr_array_add (problems, g_strdup_printf ("%s: %s", book->path, error->message));
  }
  return g_steal_pointer (&problems);
}

static GFileMonitor *watch (FollowupBook *book, const char *path);

/* a record file that is a symlink (into a dotfiles repository, say) is
 * edited where it points: that file is watched too, and again whenever the
 * link is pointed elsewhere */
static void
watch_link_target (FollowupBook *book)
{
  g_autofree char *target = realpath (book->path, NULL);

  if (target != NULL && g_strcmp0 (target, book->path) == 0)
    g_clear_pointer (&target, g_free);
  if (g_strcmp0 (target, book->target_path) == 0)
    return;
  g_clear_object (&book->target_monitor);
  g_free (book->target_path);
  book->target_path = g_steal_pointer (&target);
  if (book->target_path != NULL)
    book->target_monitor = watch (book, book->target_path);
}

static void
file_changed_cb (GFileMonitor *monitor, GFile *file, GFile *other, GFileMonitorEvent event,
                 gpointer user_data)
{
  FollowupBook *book = user_data;
  g_autofree char *checksum = NULL;

  if (event != G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT && event != G_FILE_MONITOR_EVENT_CREATED &&
      event != G_FILE_MONITOR_EVENT_DELETED && event != G_FILE_MONITOR_EVENT_MOVED_IN &&
      event != G_FILE_MONITOR_EVENT_RENAMED)
    return;
  watch_link_target (book);
  /* our own saves land here too; only a different content is news */
  checksum = followup_store_checksum (book->path);
  if (g_strcmp0 (checksum, book->checksum) == 0)
    return;
  g_message ("%s changed on disk; reloading", book->path);
  followup_book_reload (book, NULL);
}

static GFileMonitor *
watch (FollowupBook *book, const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  GFileMonitor *monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);

  if (monitor == NULL) {
    g_warning ("cannot watch %s: %s", path, error->message);
    return NULL;
  }
  g_signal_connect (monitor, "changed", G_CALLBACK (file_changed_cb), book);
  return monitor;
}

static gboolean
write_starter_file (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr (GError) local_error = NULL;
  g_autofree char *text = g_strconcat (followup_store_header, starter_file, NULL);

  if (g_mkdir_with_parents (dir, 0700) < 0 ||
      !g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &local_error)) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_IO, _ ("cannot create %s: %s"), path,
                 local_error ? local_error->message : g_strerror (errno));
    return FALSE;
  }
  g_message ("created %s; add interviews with followupctl add", path);
  return TRUE;
}

/* a save killed half-way leaves its temporary file (FILE.XXXXXX, also for
 * FILE~) beside the records: at start no save is running, so they go */
static void
remove_stale_temp_files (const char *config_path)
{
  g_autofree char *dir_name = g_path_get_dirname (config_path);
  g_autofree char *base = g_path_get_basename (config_path);
  g_autofree char *backup = g_strconcat (base, "~", NULL);
  g_autoptr (GDir) dir = g_dir_open (dir_name, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL) {
    const char *stem = g_str_has_prefix (name, backup) ? backup : base;
    g_autofree char *path = NULL;

    if (!g_str_has_prefix (name, stem) || strlen (name) != strlen (stem) + 7 ||
        name[strlen (stem)] != '.')
      continue;
    path = g_build_filename (dir_name, name, NULL);
    if (g_file_test (path, G_FILE_TEST_IS_REGULAR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK) &&
        g_remove (path) == 0)
      g_message ("removed %s, left by a save that was interrupted", path);
  }
}

FollowupBook *
followup_book_new (const char *path, GTimeZone *user_tz, GError **error)
{
  g_autoptr (FollowupBook) book = g_object_new (FOLLOWUP_TYPE_BOOK, NULL);

  book->path = g_strdup (path);
  book->user_tz = g_time_zone_ref (user_tz);
  if (!g_file_test (path, G_FILE_TEST_EXISTS) && !write_starter_file (path, error))
    return NULL;
  remove_stale_temp_files (path);
  /* a file that does not parse at start leaves no records, but the daemon
   * runs: it says what is wrong and picks up the fix */
  load (book, NULL);
  book->monitor = watch (book, path);
  watch_link_target (book);
  return g_steal_pointer (&book);
}

const char *
followup_book_get_path (FollowupBook *book)
{
  return book->path;
}

FollowupRecordSet *
followup_book_get_records (FollowupBook *book)
{
  return book->set;
}

const char *
followup_book_get_problem (FollowupBook *book)
{
  return book->problem;
}

const char *
followup_book_get_checksum (FollowupBook *book)
{
  return book->checksum;
}

GTimeZone *
followup_book_get_user_tz (FollowupBook *book)
{
  return book->user_tz;
}

void
followup_book_set_user_tz (FollowupBook *book, GTimeZone *user_tz)
{
  g_time_zone_unref (book->user_tz);
  book->user_tz = g_time_zone_ref (user_tz);
}

static void
followup_book_finalize (GObject *object)
{
  FollowupBook *book = FOLLOWUP_BOOK (object);

  g_clear_object (&book->monitor);
  g_clear_object (&book->target_monitor);
  g_free (book->target_path);
  g_clear_pointer (&book->set, followup_record_set_unref);
  g_clear_pointer (&book->user_tz, g_time_zone_unref);
  g_free (book->path);
  g_free (book->checksum);
  g_free (book->problem);
  G_OBJECT_CLASS (followup_book_parent_class)->finalize (object);
}

static void
followup_book_class_init (FollowupBookClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = followup_book_finalize;
  /* ids: the records a commit changed; NULL after a reload (any may have) */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);
}

static void
followup_book_init (FollowupBook *book)
{
  book->set = followup_record_set_new (NULL);
}

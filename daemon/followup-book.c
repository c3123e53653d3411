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
#include "followup-file.h"
#include "followup-i18n.h"
#include "followup-store.h"

/* a hand edit is read this long after the writer's last change: editors
 * save in steps (truncate, write, write; or rename, create, write) */
#define QUIET_MS 150
/* a change without the monitor's "done" (a writer that keeps the file
 * open) is read after this long */
#define UNFINISHED_MS 1000
/* a read that finds records gone is confirmed this much later: a save
 * caught half-way must not make the daemon forget what it showed */
#define LOSS_MS 1000

struct _FollowupBook {
  GObject parent;
  char *path;
  GTimeZone *user_tz;
  FollowupRecordSet *set;  /* the last good records */
  FollowupDoc *doc;        /* the text they came from, in pieces */
  FollowupFileStamp stamp; /* of the file on disk as last read or written */
  char *problem;           /* why the file on disk is refused, or NULL */
  char *checksum;          /* of what was refused */
  guint read_id;           /* a hand edit waits to settle */
  FollowupFileStamp done;  /* the file when the writer last said it was done */
  gboolean confirm_losses; /* the next read takes records that went away */
  gboolean unreadable;     /* the problem is that the file cannot be read */
  gboolean deferred;       /* the last read was put off; nothing changed */
  GFileMonitor *monitor;
  GFileMonitor *target_monitor; /* where the record file points, when a symlink */
  char *target_path;
};

enum {
  SIGNAL_CHANGED,
  SIGNAL_SETTLED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

G_DEFINE_TYPE (FollowupBook, followup_book, G_TYPE_OBJECT)

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

static void
set_problem (FollowupBook *book, const char *problem, const char *content, gsize length)
{
  book->unreadable = FALSE;
  g_free (book->problem);
  book->problem = g_strdup (problem);
  g_free (book->checksum);
  book->checksum =
    content ? g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) content, length)
            : g_compute_checksum_for_string (G_CHECKSUM_SHA256, problem, -1);
}

static void
clear_problem (FollowupBook *book)
{
  book->unreadable = FALSE;
  g_clear_pointer (&book->problem, g_free);
  g_clear_pointer (&book->checksum, g_free);
}

/* whether `set` lacks a record the book has */
static gboolean
loses_records (FollowupBook *book, FollowupRecordSet *set)
{
  for (guint i = 0; i < book->set->records->len; i++) {
    FollowupRecord *r = book->set->records->pdata[i];

    if (followup_record_set_lookup (set, r->id) == NULL)
      return TRUE;
  }
  return FALSE;
}

static void schedule_read (FollowupBook *book, guint delay_ms);

/* absent: nothing at a plain path. The records stay, and the next change
 * writes them back */
static void
take_absence (FollowupBook *book)
{
  if (book->stamp.exists || book->problem != NULL)
    g_warning ("%s is gone; keeping the %u records in memory, the next change writes them back",
               book->path, book->set->records->len);
  memset (&book->stamp, 0, sizeof book->stamp);
  clear_problem (book);
  if (book->doc == NULL)
    book->doc = followup_doc_new_starter ();
}

/* build a new record set and swap it in only if the whole file is good */
static gboolean
load (FollowupBook *book, GError **error)
{
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (FollowupDoc) doc = NULL;
  g_autofree char *text = NULL;
  FollowupFileStamp stamp;
  FollowupRecordSet *set;
  gsize length;

  if (!followup_file_read (book->path, &text, &length, &stamp, &local_error)) {
    if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)) {
      take_absence (book);
      return TRUE;
    }
    /* unreadable is not absent: nothing is written over or through it */
    g_warning ("%s; keeping the %u records in memory, changes are refused until it is fixed",
               local_error->message, book->set->records->len);
    /* the stamp of what cannot be read, so only a change to it is news */
    followup_file_stamp (book->path, &book->stamp, NULL);
    book->confirm_losses = FALSE;
    set_problem (book, local_error->message, NULL, 0);
    book->unreadable = TRUE;
    g_propagate_error (error, g_steal_pointer (&local_error));
    return FALSE;
  }
  set =
    followup_store_parse (book->path, text, length, book->user_tz, &doc, &problems, &local_error);
  book->stamp = stamp;
  if (set == NULL) {
    book->confirm_losses = FALSE;
    set_problem (book, local_error->message, text, length);
    if (problems != NULL)
      log_problems (book, problems);
    g_propagate_error (error, g_steal_pointer (&local_error));
    return FALSE;
  }
  if (!book->confirm_losses && loses_records (book, set)) {
    /* read again once the file has been left alone a while */
    g_message ("%s holds fewer records than before; reading it again in a moment", book->path);
    memset (&book->stamp, 0, sizeof book->stamp);
    book->confirm_losses = TRUE;
    book->deferred = TRUE;
    followup_record_set_unref (set);
    schedule_read (book, LOSS_MS);
    return TRUE;
  }
  book->confirm_losses = FALSE;
  clear_problem (book);
  followup_record_set_unref (book->set);
  book->set = set;
  followup_doc_free (book->doc);
  book->doc = g_steal_pointer (&doc);
  g_message ("loaded %u interview%s from %s", set->records->len, set->records->len == 1 ? "" : "s",
             book->path);
  return TRUE;
}

static gboolean
reload (FollowupBook *book, GError **error)
{
  gboolean ok;

  sd_notifyf (FALSE, "RELOADING=1\nMONOTONIC_USEC=%" G_GINT64_FORMAT, g_get_monotonic_time ());
  book->deferred = FALSE;
  ok = load (book, error);
  if (!book->deferred) {
    book->confirm_losses = FALSE;
    emit_changed (book, NULL);
  }
  sd_notify (FALSE, "READY=1");
  return ok;
}

/* asked for (Reload, SIGHUP): what the file holds now is what counts */
gboolean
followup_book_reload (FollowupBook *book, GError **error)
{
  book->confirm_losses = TRUE;
  return reload (book, error);
}

/* the file is not the one last read or written */
static gboolean
changed_on_disk (FollowupBook *book)
{
  FollowupFileStamp now;

  if (!followup_file_stamp (book->path, &now, NULL))
    return book->problem == NULL;
  return !followup_file_stamp_equal (&now, &book->stamp);
}

static gboolean
read_cb (gpointer user_data)
{
  FollowupBook *book = user_data;

  book->read_id = 0;
  if (changed_on_disk (book) || book->confirm_losses) {
    g_message ("%s changed on disk; reloading", book->path);
    reload (book, NULL);
  }
  if (book->read_id == 0)
    g_signal_emit (book, signals[SIGNAL_SETTLED], 0);
  return G_SOURCE_REMOVE;
}

static void
schedule_read (FollowupBook *book, guint delay_ms)
{
  g_clear_handle_id (&book->read_id, g_source_remove);
  book->read_id = g_timeout_add (delay_ms, read_cb, book);
}

gboolean
followup_book_is_settling (FollowupBook *book)
{
  /* a change the monitor has not told of yet is waited for all the same */
  if (book->read_id == 0 && changed_on_disk (book))
    schedule_read (book, QUIET_MS);
  return book->read_id != 0;
}

FollowupRecordSet *
followup_book_begin (FollowupBook *book, GError **error)
{
  if (book->problem != NULL) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_CONFIG_BROKEN,
                 book->unreadable ? _ ("the record file cannot be read, so changes are refused "
                                       "until it can (nothing was changed): %s")
                                  : _ ("the record file does not parse, so changes are refused "
                                       "until it is fixed (nothing was changed): %s"),
                 book->problem);
    return NULL;
  }
  return followup_record_set_copy (book->set);
}

static gboolean
same_as_doc (const char *text, gsize length, gpointer user_data)
{
  return followup_doc_equal (user_data, text, length);
}

gboolean
followup_book_commit (FollowupBook *book, FollowupRecordSet *edited, GPtrArray *ids, GError **error)
{
  g_autoptr (FollowupDocPatch) patch = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local_error = NULL;
  FollowupFileStamp written;

  if (ids->len == 0)
    return TRUE;
  patch = followup_doc_patch_new (book->doc);
  for (guint i = 0; i < ids->len; i++) {
    FollowupRecord *r = followup_record_set_lookup (edited, ids->pdata[i]);

    followup_doc_patch_put (patch, ids->pdata[i], r ? r->dict : NULL);
  }
  bytes = followup_doc_patch_to_bytes (patch);
  if (!followup_file_replace (book->path, bytes, &book->stamp, same_as_doc, book->doc, &written,
                              &local_error)) {
    /* a hand edit came in between: it is read, then the edits are tried
     * again; a file that cannot be read is read to say why */
    if (g_error_matches (local_error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_CHANGED))
      schedule_read (book, QUIET_MS);
    else if (g_error_matches (local_error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_CONFIG_BROKEN))
      reload (book, NULL);
    g_propagate_error (error, g_steal_pointer (&local_error));
    return FALSE;
  }
  followup_doc_patch_commit (patch);
  book->stamp = written;
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

  if (set != NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
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

/* GLib may follow a "done" with one more "changed" for the same write (a
 * truncating open, say): a change that leaves the file as it was at the
 * "done" is not a writer still at work */
static gboolean
writer_is_done (FollowupBook *book, GFileMonitorEvent event)
{
  FollowupFileStamp now = { 0 };

  followup_file_stamp (book->path, &now, NULL);
  if (event == G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT) {
    book->done = now;
    return TRUE;
  }
  if (event != G_FILE_MONITOR_EVENT_CHANGED)
    return TRUE;
  return now.exists && followup_file_stamp_equal (&now, &book->done);
}

static void
file_changed_cb (GFileMonitor *monitor, GFile *file, GFile *other, GFileMonitorEvent event,
                 gpointer user_data)
{
  FollowupBook *book = user_data;
  g_autofree char *name = g_file_get_path (file);

  g_debug ("%s: file monitor event %d", name, event);
  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED || event == G_FILE_MONITOR_EVENT_PRE_UNMOUNT)
    return;
  watch_link_target (book);
  /* our own save, or nothing new: edits need not wait */
  if (book->read_id == 0 && !changed_on_disk (book))
    return;
  /* read once the writer is done: its "done", then a quiet spell */
  schedule_read (book, writer_is_done (book, event) ? QUIET_MS : UNFINISHED_MS);
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

FollowupBook *
followup_book_new (const char *path, GTimeZone *user_tz, GError **error)
{
  g_autoptr (FollowupBook) book = g_object_new (FOLLOWUP_TYPE_BOOK, NULL);

  book->path = g_strdup (path);
  book->user_tz = g_time_zone_ref (user_tz);
  /* a file that cannot be read at start leaves no records, but the daemon
   * runs: it says what is wrong and picks up the fix */
  load (book, NULL);
  book->monitor = watch (book, path);
  watch_link_target (book);
  return g_steal_pointer (&book);
}

void
followup_book_start (FollowupBook *book)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  FollowupFileStamp written;

  followup_file_remove_stale (book->path);
  if (book->problem != NULL || book->stamp.exists || book->set->records->len > 0)
    return;
  /* nothing at a plain path: a starter file, written only if still nothing is there */
  bytes = followup_doc_to_bytes (book->doc);
  if (!followup_file_replace (book->path, bytes, &book->stamp, same_as_doc, book->doc, &written,
                              &error)) {
    g_warning ("cannot create %s: %s", book->path, error->message);
    return;
  }
  book->stamp = written;
  g_message ("created %s; add interviews with followupctl add", book->path);
  /* its directory may be new too: a watch set up before it existed would
   * wait for GLib's poll (every few seconds) to see the first hand edit */
  g_clear_object (&book->monitor);
  book->monitor = watch (book, book->path);
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

  g_clear_handle_id (&book->read_id, g_source_remove);
  g_clear_object (&book->monitor);
  g_clear_object (&book->target_monitor);
  g_free (book->target_path);
  g_clear_pointer (&book->set, followup_record_set_unref);
  g_clear_pointer (&book->doc, followup_doc_free);
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
  /* a hand edit that was being written has been read: edits may go on */
  signals[SIGNAL_SETTLED] = g_signal_new ("settled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
followup_book_init (FollowupBook *book)
{
  book->set = followup_record_set_new (NULL);
}

/* followup-file.c: the record file read with its stamp, replaced only when
 * unchanged, links kept */
/* renameat2 () */
#define _GNU_SOURCE
#include "config.h"

#define G_LOG_DOMAIN "followup-file"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "followup-error.h"
#include "followup-file.h"
#include "followup-i18n.h"

#define TEMP_MARK ".followupd-"

static void
stamp_from_stat (FollowupFileStamp *stamp, const struct stat *st)
{
  stamp->exists = TRUE;
  stamp->dev = st->st_dev;
  stamp->ino = st->st_ino;
  stamp->size = (guint64) st->st_size;
  stamp->mtime_ns =
    (gint64) st->st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st->st_mtim.tv_nsec;
  stamp->ctime_ns =
    (gint64) st->st_ctim.tv_sec * G_GINT64_CONSTANT (1000000000) + st->st_ctim.tv_nsec;
  stamp->nlink = st->st_nlink;
}

gboolean
followup_file_stamp_equal (const FollowupFileStamp *a, const FollowupFileStamp *b)
{
  return a->exists == b->exists &&
         (!a->exists || (a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
                         a->mtime_ns == b->mtime_ns && a->ctime_ns == b->ctime_ns));
}

/* why `path` cannot be opened, `err` being what open () said */
static gboolean
cannot_open (const char *path, int err, GError **error)
{
  struct stat st;

  if (err == ENOENT && lstat (path, &st) == 0 && S_ISLNK (st.st_mode)) {
    g_autofree char *target = g_file_read_link (path, NULL);

    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_IO,
                 _ ("%s is a link to %s, which does not exist"), path, target ? target : "?");
  } else if (err == ENOENT) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _ ("%s does not exist"), path);
  } else if (err == ELOOP) {
    g_autofree char *target = g_file_read_link (path, NULL);

    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_IO,
                 _ ("%s is a link to %s, in a loop of links that never reaches a file"), path,
                 target ? target : "?");
  } else {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_IO, _ ("cannot read %s: %s"), path,
                 g_strerror (err));
  }
  return FALSE;
}

static gboolean
is_regular (const char *path, const struct stat *st, GError **error)
{
  if (S_ISREG (st->st_mode))
    return TRUE;
  g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_IO,
               S_ISDIR (st->st_mode) ? _ ("%s is a directory, not a file")
                                     : _ ("%s is not a regular file"),
               path);
  return FALSE;
}

gboolean
followup_file_stamp (const char *path, FollowupFileStamp *stamp, GError **error)
{
  struct stat st;

  memset (stamp, 0, sizeof *stamp);
  if (stat (path, &st) < 0) {
    g_autoptr (GError) local_error = NULL;

    if (!cannot_open (path, errno, &local_error) &&
        g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
      return TRUE;
    g_propagate_error (error, g_steal_pointer (&local_error));
    return FALSE;
  }
  if (!is_regular (path, &st, error))
    return FALSE;
  stamp_from_stat (stamp, &st);
  return TRUE;
}

static gboolean
read_all (int fd, gsize hint, char **contents, gsize *length)
{
  GString *text = g_string_sized_new (hint + 1);
  char buf[65536];
  ssize_t n;

  while ((n = read (fd, buf, sizeof buf)) != 0) {
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      g_string_free (text, TRUE);
      return FALSE;
    }
    g_string_append_len (text, buf, n);
  }
  *length = text->len;
  *contents = g_string_free (text, FALSE);
  return TRUE;
}

gboolean
followup_file_read (const char *path, char **contents, gsize *length, FollowupFileStamp *stamp,
                    GError **error)
{
  /* O_NONBLOCK: a FIFO put in the file's place must not hang the daemon */
  int fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  struct stat st;
  int saved;

  memset (stamp, 0, sizeof *stamp);
  if (fd < 0)
    return cannot_open (path, errno, error);
  if (fstat (fd, &st) < 0 || !is_regular (path, &st, error) ||
      !read_all (fd, (gsize) st.st_size, contents, length)) {
    saved = errno;
    close (fd);
    if (error != NULL && *error == NULL)
      cannot_open (path, saved, error);
    return FALSE;
  }
  close (fd);
  stamp_from_stat (stamp, &st);
  return TRUE;
}

/* saving */

static gboolean
write_all (int fd, const char *data, gsize length)
{
  while (length > 0) {
    ssize_t n = write (fd, data, length);

    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return FALSE;
    data += n;
    length -= (gsize) n;
  }
  return TRUE;
}

static void
sync_directory (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  /* the rename has happened: the edit is in the file either way, and only
   * a crash in the next moments could undo it */
  if (fd < 0 || fsync (fd) < 0)
    g_warning ("saved %s, but syncing %s failed: %s", path, dir, g_strerror (errno));
  if (fd >= 0)
    close (fd);
}

static char *
temp_template (const char *target)
{
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *base = g_path_get_basename (target);
  g_autofree char *name = g_strconcat (".", base, TEMP_MARK, "XXXXXX", NULL);

  return g_build_filename (dir, name, NULL);
}

/* a new file beside `target` holding `data`, synced; its path, or NULL */
static char *
write_temp (const char *target, const char *data, gsize length, struct stat *st, GError **error)
{
  char *tmp = temp_template (target);
  int fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  int saved;

  if (fd >= 0 && write_all (fd, data, length) && fsync (fd) == 0 && fstat (fd, st) == 0) {
    close (fd);
    return tmp;
  }
  saved = errno;
  if (fd >= 0) {
    close (fd);
    g_unlink (tmp);
  }
  g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_IO, _ ("cannot save %s: %s"), target,
               g_strerror (saved));
  g_free (tmp);
  return NULL;
}

gboolean
followup_file_write_atomically (const char *path, const char *data, gsize length, GError **error)
{
  struct stat st;
  g_autofree char *tmp = write_temp (path, data, length, &st, error);

  if (tmp == NULL)
    return FALSE;
  if (rename (tmp, path) < 0) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_IO, _ ("cannot save %s: %s"), path,
                 g_strerror (errno));
    g_unlink (tmp);
    return FALSE;
  }
  sync_directory (path);
  return TRUE;
}

gboolean
followup_file_save_private (const char *path, const char *text, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr (GError) local_error = NULL;

  if (g_mkdir_with_parents (dir, 0700) < 0 ||
      !g_file_set_contents_full (path, text, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0600,
                                 &local_error)) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_IO, _ ("cannot save %s: %s"), path,
                 local_error ? local_error->message : g_strerror (errno));
    return FALSE;
  }
  return TRUE;
}

static gboolean
changed (const char *path, GError **error)
{
  g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_CHANGED,
               _ ("%s changed on disk while saving; nothing was written over it"), path);
  return FALSE;
}

/* where a save goes: the file, or where its link points */
static char *
save_target (const char *path, GError **error)
{
  struct stat st;
  char *target;

  if (lstat (path, &st) < 0 || !S_ISLNK (st.st_mode))
    return g_strdup (path);
  target = realpath (path, NULL);
  if (target == NULL) {
    cannot_open (path, errno, error);
    return NULL;
  }
  return target;
}

/* the file's bytes are still the ones the saver knows; `old` gets them */
static gboolean
still_same (const char *target, FollowupFileSameFunc same, gpointer user_data, char **old,
            gsize *old_length, GError **error)
{
  FollowupFileStamp ignored;
  g_autoptr (GError) local_error = NULL;

  if (!followup_file_read (target, old, old_length, &ignored, &local_error)) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_CONFIG_BROKEN,
                 _ ("%s; nothing was written over it"), local_error->message);
    return FALSE;
  }
  return same (*old, *old_length, user_data) || changed (target, error);
}

/* the same inode, not written to since it was checked */
static gboolean
is_checked_file (const char *path, const FollowupFileStamp *checked)
{
  FollowupFileStamp now;

  return followup_file_stamp (path, &now, NULL) && now.exists && now.dev == checked->dev &&
         now.ino == checked->ino && now.size == checked->size && now.mtime_ns == checked->mtime_ns;
}

/* a hard-linked file is written in place, so every name of it sees the
 * edit; the price is a moment in which the file is half written, so the
 * backup is a full copy made first */
static gboolean
write_in_place (const char *target, GBytes *bytes, const char *old, gsize old_length,
                GError **error)
{
  g_autofree char *backup = g_strconcat (target, "~", NULL);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  int fd;

  if (!followup_file_write_atomically (backup, old, old_length, error))
    return FALSE;
  fd = open (target, O_WRONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0 || !write_all (fd, data, length) || ftruncate (fd, (off_t) length) < 0 ||
      fsync (fd) < 0) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_IO,
                 _ ("cannot save %s: %s (the version before is in %s)"), target, g_strerror (errno),
                 backup);
    if (fd >= 0)
      close (fd);
    return FALSE;
  }
  close (fd);
  return TRUE;
}

/* the new file at `tmp` swaps places with `target`; the old one becomes the
 * backup. Swapping rather than renaming over lets the saver see what it
 * replaced, and put it back if that was not the file it checked */
static gboolean
swap_in (const char *tmp, const char *target, const FollowupFileStamp *checked, GError **error)
{
  g_autofree char *backup = g_strconcat (target, "~", NULL);

  if (renameat2 (AT_FDCWD, tmp, AT_FDCWD, target, RENAME_EXCHANGE) == 0) {
    if (!is_checked_file (tmp, checked)) {
      renameat2 (AT_FDCWD, tmp, AT_FDCWD, target, RENAME_EXCHANGE);
      g_unlink (tmp);
      return changed (target, error);
    }
    /* the backup holds the same private data as the file */
    chmod (tmp, 0600);
    if (rename (tmp, backup) < 0)
      g_unlink (tmp);
    return TRUE;
  }
  if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
    goto failed;
  /* a file system without the swap: the backup is a second name of the old
   * file, then the new one takes its place */
  g_unlink (backup);
  if (link (target, backup) < 0 && errno != EEXIST)
    g_warning ("cannot keep %s: %s", backup, g_strerror (errno));
  if (rename (tmp, target) == 0)
    return TRUE;
failed:
  g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_IO, _ ("cannot save %s: %s"), target,
               g_strerror (errno));
  g_unlink (tmp);
  return FALSE;
}

/* nothing was there when the save began: nor may anything be now */
static gboolean
put_new (const char *tmp, const char *target, GError **error)
{
  if (renameat2 (AT_FDCWD, tmp, AT_FDCWD, target, RENAME_NOREPLACE) == 0)
    return TRUE;
  if (errno == EEXIST) {
    g_unlink (tmp);
    return changed (target, error);
  }
  if ((errno == EINVAL || errno == ENOSYS) && rename (tmp, target) == 0)
    return TRUE;
  g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_IO, _ ("cannot save %s: %s"), target,
               g_strerror (errno));
  g_unlink (tmp);
  return FALSE;
}

gboolean
followup_file_replace (const char *path, GBytes *bytes, const FollowupFileStamp *expected,
                       FollowupFileSameFunc same, gpointer user_data, FollowupFileStamp *written,
                       GError **error)
{
  g_autofree char *target = save_target (path, error);
  g_autofree char *dir = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *old = NULL;
  gsize length, old_length = 0;
  const char *data = g_bytes_get_data (bytes, &length);
  FollowupFileStamp now;
  struct stat st;

  if (target == NULL || !followup_file_stamp (target, &now, error))
    return FALSE;
  /* a file deleted since the read is written back; any other change is
   * news the caller has to read first */
  if (now.exists && (!expected->exists || !followup_file_stamp_equal (&now, expected)))
    return changed (target, error);
  if (now.exists && !still_same (target, same, user_data, &old, &old_length, error))
    return FALSE;
  dir = g_path_get_dirname (target);
  if (g_mkdir_with_parents (dir, 0700) < 0) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_IO, _ ("cannot create %s: %s"), dir,
                 g_strerror (errno));
    return FALSE;
  }
  if (now.exists && now.nlink > 1) {
    if (!write_in_place (target, bytes, old, old_length, error))
      return FALSE;
    return followup_file_stamp (target, written, error);
  }
  tmp = write_temp (target, data, length, &st, error);
  if (tmp == NULL ||
      !(now.exists ? swap_in (tmp, target, &now, error) : put_new (tmp, target, error)))
    return FALSE;
  sync_directory (target);
  /* the stamp of the file written, even if a hand edit already replaced it */
  if (!followup_file_stamp (target, written, NULL) || written->ino != st.st_ino)
    stamp_from_stat (written, &st);
  return TRUE;
}

static gboolean
is_own_temp (const char *name, const char *base)
{
  gsize n = strlen (base);

  return name[0] == '.' && strncmp (name + 1, base, n) == 0 &&
         g_str_has_prefix (name + 1 + n, TEMP_MARK) &&
         strlen (name + 1 + n + strlen (TEMP_MARK)) == 6;
}

static void
remove_stale_in (const char *file)
{
  g_autofree char *dir_name = g_path_get_dirname (file);
  g_autofree char *base = g_path_get_basename (file);
  g_autofree char *backup = g_strconcat (base, "~", NULL);
  g_autoptr (GDir) dir = g_dir_open (dir_name, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL) {
    g_autofree char *path = NULL;
    struct stat st;

    if (!is_own_temp (name, base) && !is_own_temp (name, backup))
      continue;
    path = g_build_filename (dir_name, name, NULL);
    if (lstat (path, &st) == 0 && S_ISREG (st.st_mode) && g_unlink (path) == 0)
      g_message ("removed %s, left by a save that was interrupted", path);
  }
}

void
followup_file_remove_stale (const char *path)
{
  g_autofree char *target = realpath (path, NULL);

  remove_stale_in (path);
  if (target != NULL && g_strcmp0 (target, path) != 0)
    remove_stale_in (target);
}

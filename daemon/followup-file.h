/* followup-file.h: reading the record file, and replacing it only when it
 * is still the file that was read
 *
 * A save must never write over text it has not seen: a hand edit can land
 * between the daemon's read and its rename. So a save compares the file
 * with its stamp (inode, size, times) and its bytes with what was read,
 * then swaps the new file in with renameat2 (RENAME_EXCHANGE) and checks
 * once more that what it swapped out is what it checked; if not, it swaps
 * back and says so (FOLLOWUP_ERROR_CHANGED). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  gboolean exists;
  guint64 dev, ino, size;
  gint64 mtime_ns, ctime_ns;
  guint64 nlink;
} FollowupFileStamp;

/* the file's bytes (NUL-terminated) and stamp. G_IO_ERROR_NOT_FOUND only
 * when nothing is at a plain path; every other reason it cannot be read (a
 * dangling or looping link, a directory, EACCES, EIO) is FOLLOWUP_ERROR_IO,
 * named */
gboolean followup_file_read (const char *path, char **contents, gsize *length,
                             FollowupFileStamp *stamp, GError **error);
/* `exists` FALSE when nothing is at a plain path; FALSE and an error as
 * followup_file_read () for the rest */
gboolean followup_file_stamp (const char *path, FollowupFileStamp *stamp, GError **error);
gboolean followup_file_stamp_equal (const FollowupFileStamp *a, const FollowupFileStamp *b);

/* whether `text` is what the saver last read or wrote */
typedef gboolean (*FollowupFileSameFunc) (const char *text, gsize length, gpointer user_data);

/* `bytes` become the file at `path` (where it points, when a link): only
 * when the file is still `expected` and `same` says its bytes are; the
 * file replaced is kept as PATH~ (without a copy: it is renamed there). A
 * file with other hard links is written in place, so they all see it.
 * `written` gets the new stamp. Once the new file is in place, TRUE: a
 * failing sync of the directory after it is only logged */
gboolean followup_file_replace (const char *path, GBytes *bytes, const FollowupFileStamp *expected,
                                FollowupFileSameFunc same, gpointer user_data,
                                FollowupFileStamp *written, GError **error);
/* a small file written whole (temp, fsync, rename, fsync of the directory) */
gboolean followup_file_write_atomically (const char *path, const char *data, gsize length,
                                         GError **error);

/* a small file of the daemon's own (the state, the ledger): its folder
 * made (0700), the text written whole, 0600, durably */
gboolean followup_file_save_private (const char *path, const char *text, GError **error);

/* removes what an interrupted save of `path` left: only files named as
 * followupd names its own temporary files */
void followup_file_remove_stale (const char *path);

G_END_DECLS

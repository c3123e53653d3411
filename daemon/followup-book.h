/* followup-book.h: the record book, the one owner of the record file
 *
 * it holds the last good records, watches the file (and where a symlink
 * points), knows whether the file on disk is refused, and applies edits as
 * transactions: begin gives a private copy, commit saves it atomically and
 * swaps it in. It tells what happened by its "changed" and "settled"
 * signals and never calls anyone */
#pragma once

#include <gio/gio.h>

#include "followup-record-set.h"

G_BEGIN_DECLS

#define FOLLOWUP_TYPE_BOOK (followup_book_get_type ())
G_DECLARE_FINAL_TYPE (FollowupBook, followup_book, FOLLOWUP, BOOK, GObject)

/* a file that cannot be read still gives a book, with no records and the
 * problem set */
FollowupBook *followup_book_new (const char *path, GTimeZone *user_tz, GError **error);
/* once the daemon is the one instance: removes what an interrupted save
 * left, and writes a starter file when nothing is at the path */
void followup_book_start (FollowupBook *book);

const char *followup_book_get_path (FollowupBook *book);
FollowupRecordSet *followup_book_get_records (FollowupBook *book);
/* why the file on disk is refused, or NULL when it is fine */
const char *followup_book_get_problem (FollowupBook *book);
/* of the content the records (or the problem) came from; NULL when unread */
const char *followup_book_get_checksum (FollowupBook *book);
GTimeZone *followup_book_get_user_tz (FollowupBook *book);
void followup_book_set_user_tz (FollowupBook *book, GTimeZone *user_tz);

/* re-reads the file; "changed" with no ids follows, also when it fails */
gboolean followup_book_reload (FollowupBook *book, GError **error);
/* every problem of the file on disk, as FILE:LINE: message */
GPtrArray *followup_book_check (FollowupBook *book);

/* whether a hand edit is being written: edits wait for "settled" */
gboolean followup_book_is_settling (FollowupBook *book);
/* a copy of the records to change; NULL with FOLLOWUP_ERROR_CONFIG_BROKEN
 * while the file is refused */
FollowupRecordSet *followup_book_begin (FollowupBook *book, GError **error);
/* saves `edited` and makes it the book's records; `ids` are the records it
 * changed ("changed" is emitted with them); with no ids nothing is saved.
 * FOLLOWUP_ERROR_CHANGED when a hand edit came in since the last read:
 * nothing is written, the file is read again ("settled" follows) and the
 * edits can be made again on top of it */
gboolean followup_book_commit (FollowupBook *book, FollowupRecordSet *edited, GPtrArray *ids,
                               GError **error);

G_END_DECLS

/* followup-doc.h: the record file as the user wrote it
 *
 * A doc holds the file's text in pieces: what stands before the records,
 * one block per record (its own lines: the comments above it, the group, the
 * comma after it) and what stands after. An edit replaces, adds or removes
 * blocks, and inside a changed block rewrites only the keys, contacts and
 * events that changed, in the block's own style; every other byte stays as
 * it was. So an edit costs what it changes, not what the file holds. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _FollowupDoc FollowupDoc;
typedef struct _FollowupDocPatch FollowupDocPatch;

extern const char followup_doc_header[];

/* `text` is a file libconfig has read; NULL when no interviews list is
 * found in it */
FollowupDoc *followup_doc_new (const char *text, gsize length, GError **error);
/* what a first start writes: every policy key at its default, commented */
FollowupDoc *followup_doc_new_starter (void);
void followup_doc_free (FollowupDoc *doc);

guint followup_doc_get_n_records (FollowupDoc *doc);
/* after a load: block `index` holds the record `id`, whose dictionary as the
 * file says it is `dict` (with a generated id where the file has none) */
void followup_doc_bind (FollowupDoc *doc, guint index, const char *id, GVariant *dict);
gsize followup_doc_get_length (FollowupDoc *doc);
/* whether `text` is exactly the doc's text */
gboolean followup_doc_equal (FollowupDoc *doc, const char *text, gsize length);
GBytes *followup_doc_to_bytes (FollowupDoc *doc);

/* a change to the doc, which stays as it is until the patch is committed */
FollowupDocPatch *followup_doc_patch_new (FollowupDoc *doc);
/* the record `id` becomes `dict` (appended when the doc has no such record),
 * or goes when `dict` is NULL */
void followup_doc_patch_put (FollowupDocPatch *patch, const char *id, GVariant *dict);
GBytes *followup_doc_patch_to_bytes (FollowupDocPatch *patch);
void followup_doc_patch_commit (FollowupDocPatch *patch);
void followup_doc_patch_free (FollowupDocPatch *patch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FollowupDoc, followup_doc_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FollowupDocPatch, followup_doc_patch_free)

G_END_DECLS

/* followup-doc-private.h: the blocks of a doc, shared by the file's split
 * (followup-doc.c) and the edits inside a block (followup-doc-edit.c) */
#pragma once

#include "followup-doc.h"

G_BEGIN_DECLS

/* one record's text, shared by reference between a doc and its patches */
typedef struct {
  gint ref;
  char *text;
  gsize length;
  gsize elem_start, elem_end; /* the record's group within `text` */
  gsize comma;                /* the ',' after it, or G_MAXSIZE */
  char *id;
  GVariant *dict; /* the record as `text` says it */
} FollowupDocBlock;

FollowupDocBlock *followup_doc_block_new (char *text, gsize length, gsize elem_start,
                                          gsize elem_end, gsize comma);
FollowupDocBlock *followup_doc_block_ref (FollowupDocBlock *b);
void followup_doc_block_unref (FollowupDocBlock *b);
void followup_doc_block_set_record (FollowupDocBlock *b, const char *id, GVariant *dict);

/* the blanks before `pos` when only blanks precede it on its line, else NULL */
char *followup_doc_indent_of (const char *text, gsize pos);
/* a new record, its group indented by `indent`, in the one readable order */
FollowupDocBlock *followup_doc_render_block (GVariant *dict, const char *indent,
                                             gboolean newline_first);
/* `old` with only what differs from `dict` rewritten */
FollowupDocBlock *followup_doc_edit_block (FollowupDocBlock *old, GVariant *dict);
gboolean followup_doc_same_record (GVariant *a, GVariant *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FollowupDocBlock, followup_doc_block_unref)

G_END_DECLS

/* followup-doc.c: the record file in pieces, edited in place */
#include "config.h"

#define G_LOG_DOMAIN "followup-doc"

#include <string.h>

#include "followup-doc.h"
#include "followup-doc-private.h"
#include "followup-error.h"
#include "followup-i18n.h"
#include "followup-scan.h"

const char followup_doc_header[] =
  "# followup records: one group per interview; see followup.conf(5).\n"
  "#\n"
  "# Edit it as you like. followupctl changes only the lines of the interview\n"
  "# it edits and keeps everything else as you wrote it; the file as it was\n"
  "# before each change is kept as followup.conf~.\n\n";

/* every policy key at its default, commented out: a default that changes
 * in a later followupd still reaches this file */
static const char starter_body[] =
  "version = 1;\n\n"
  "policy = {\n"
  "  # when to call, in the contact's zone\n"
  "  # call_windows = [ \"10:00-11:00\", \"15:00-16:00\" ];\n"
  "  # the days calls and emails are due on\n"
  "  # workdays = [ \"Mon\", \"Tue\", \"Wed\", \"Thu\", \"Fri\" ];\n"
  "  # days off for everyone, as \"YYYY-MM-DD\"\n"
  "  # holidays = [ ];\n"
  "  # no reminders then, in your zone; \"\" for none\n"
  "  # quiet_hours = \"21:00-08:00\";\n"
  "  # the thank-you note is due within this many hours\n"
  "  # thank_you_within_hours = 24;\n"
  "  # the follow-up email comes this many days after the interview\n"
  "  # follow_up_email_after_days = 7;\n"
  "  # with no decision date given, call after this many days\n"
  "  # call_without_timeline_after_days = 14;\n"
  "  # calls at most, the first one included\n"
  "  # max_calls = 2;\n"
  "  # workdays between one call and the next\n"
  "  # call_retry_after_workdays = 3;\n"
  "  # days after the last call before the nudge to move on\n"
  "  # move_on_after_days = 7;\n"
  "  # the reminder to prepare comes this many minutes before an interview\n"
  "  # prepare_before_minutes = 60;\n"
  "  # told N days, call on day N times this (a fraction, or a number such as 2.0)\n"
  "  # call_after_decision_factor = \"10/7\";\n"
  "};\n\n"
  "# you, for the call scripts and signatures of followupctl draft\n"
  "# me = { name = \"Your Name\"; phone = \"+49 30 1234567\"; email = \"you@example.org\"; };\n\n"
  "# add interviews with: followupctl add --company \"Acme\" --at \"today 14:00\"\n"
  "interviews = (\n"
  ");\n";

struct _FollowupDoc {
  GString *head;
  GString *tail;
  GPtrArray *blocks; /* FollowupDocBlock, in file order */
  GHashTable *by_id; /* id -> FollowupDocBlock (borrowed) */
  /* `interviews = [ ];` holds no record, but a record in [ ] does not
   * parse: where its brackets are in head and tail, G_MAXSIZE otherwise */
  gsize open_bracket, close_bracket;
};

struct _FollowupDocPatch {
  FollowupDoc *doc;
  GPtrArray *blocks; /* the doc's blocks with the patch applied */
  GHashTable *by_id; /* id -> FollowupDocBlock, or NULL for removed ones: what changed */
};

/* splitting a file */

static FollowupDoc *
doc_alloc (void)
{
  FollowupDoc *doc = g_new0 (FollowupDoc, 1);

  doc->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) followup_doc_block_unref);
  doc->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  doc->open_bracket = doc->close_bracket = G_MAXSIZE;
  return doc;
}

/* a block starts after the line of the previous comma (or of the opening
 * parenthesis), when nothing else stands on it: the comment lines above a
 * record are its own */
static gsize
after_line (const char *text, gsize length, gsize pos)
{
  gsize end = followup_scan_line_end (text, length, pos);

  if (end == G_MAXSIZE)
    return pos;
  /* blank lines separate records and stay when one goes: they are the
   * earlier one's */
  for (;;) {
    gsize p = end;

    while (p < length && (text[p] == ' ' || text[p] == '\t' || text[p] == '\r'))
      p++;
    if (p >= length || text[p] != '\n')
      return end;
    end = p + 1;
  }
}

static void
split (FollowupDoc *doc, const char *text, gsize length, FollowupScanNode *list)
{
  gsize from = after_line (text, length, list->start + 1);

  g_string_append_len (doc->head, text, (gssize) from);
  for (guint i = 0; i < list->elements->len; i++) {
    FollowupScanNode *e = list->elements->pdata[i];
    gsize comma = g_array_index (list->commas, gsize, i);
    gsize to = after_line (text, length, comma != G_MAXSIZE ? comma + 1 : e->end);

    g_ptr_array_add (doc->blocks,
                     followup_doc_block_new (g_strndup (text + from, to - from), to - from,
                                             e->start - from, e->end - from,
                                             comma != G_MAXSIZE ? comma - from : G_MAXSIZE));
    from = to;
  }
  g_string_append_len (doc->tail, text + from, (gssize) (length - from));
}

FollowupDoc *
followup_doc_new (const char *text, gsize length, GError **error)
{
  g_autoptr (FollowupScanNode) root = followup_scan_file (text, length);
  FollowupScanSetting *interviews = root ? followup_scan_find (root, "interviews") : NULL;
  FollowupDoc *doc;

  if (interviews == NULL || interviews->value->kind == FOLLOWUP_SCAN_SCALAR ||
      interviews->value->kind == FOLLOWUP_SCAN_GROUP) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_CONFIG_BROKEN,
                 _ ("interviews: expected a list, interviews = ( { … }, { … } );"));
    return NULL;
  }
  doc = doc_alloc ();
  doc->head = g_string_new (NULL);
  doc->tail = g_string_new (NULL);
  split (doc, text, length, interviews->value);
  if (interviews->value->kind == FOLLOWUP_SCAN_ARRAY) {
    doc->open_bracket = interviews->value->start;
    doc->close_bracket = interviews->value->end - 1 - (length - doc->tail->len);
  }
  return doc;
}

FollowupDoc *
followup_doc_new_starter (void)
{
  g_autofree char *text = g_strconcat (followup_doc_header, starter_body, NULL);

  return followup_doc_new (text, strlen (text), NULL);
}

void
followup_doc_free (FollowupDoc *doc)
{
  if (doc == NULL)
    return;
  g_string_free (doc->head, TRUE);
  g_string_free (doc->tail, TRUE);
  g_hash_table_unref (doc->by_id);
  g_ptr_array_unref (doc->blocks);
  g_free (doc);
}

guint
followup_doc_get_n_records (FollowupDoc *doc)
{
  return doc->blocks->len;
}

void
followup_doc_bind (FollowupDoc *doc, guint index, const char *id, GVariant *dict)
{
  FollowupDocBlock *b = g_ptr_array_index (doc->blocks, index);

  if (b->id != NULL)
    g_hash_table_remove (doc->by_id, b->id);
  followup_doc_block_set_record (b, id, dict);
  g_hash_table_insert (doc->by_id, b->id, b);
}

static gsize
length_of (GString *head, GPtrArray *blocks, GString *tail)
{
  gsize length = head->len + tail->len;

  for (guint i = 0; i < blocks->len; i++)
    length += ((FollowupDocBlock *) blocks->pdata[i])->length;
  return length;
}

gsize
followup_doc_get_length (FollowupDoc *doc)
{
  return length_of (doc->head, doc->blocks, doc->tail);
}

gboolean
followup_doc_equal (FollowupDoc *doc, const char *text, gsize length)
{
  gsize at = doc->head->len;

  if (length != followup_doc_get_length (doc) || memcmp (text, doc->head->str, at) != 0)
    return FALSE;
  for (guint i = 0; i < doc->blocks->len; i++) {
    FollowupDocBlock *b = doc->blocks->pdata[i];

    if (memcmp (text + at, b->text, b->length) != 0)
      return FALSE;
    at += b->length;
  }
  return memcmp (text + at, doc->tail->str, doc->tail->len) == 0;
}

static GBytes *
join (FollowupDoc *doc, GPtrArray *blocks)
{
  GString *head = doc->head, *tail = doc->tail;
  gsize length = length_of (head, blocks, tail);
  char *out = g_malloc (length + 1);
  char *p = out;

  memcpy (p, head->str, head->len);
  p += head->len;
  for (guint i = 0; i < blocks->len; i++) {
    const FollowupDocBlock *b = blocks->pdata[i];

    memcpy (p, b->text, b->length);
    p += b->length;
  }
  memcpy (p, tail->str, tail->len);
  p += tail->len;
  *p = '\0';
  if (blocks->len > 0 && doc->open_bracket != G_MAXSIZE) {
    out[doc->open_bracket] = '(';
    out[length - tail->len + doc->close_bracket] = ')';
  }
  return g_bytes_new_take (out, length);
}

GBytes *
followup_doc_to_bytes (FollowupDoc *doc)
{
  return join (doc, doc->blocks);
}

/* patches */

FollowupDocPatch *
followup_doc_patch_new (FollowupDoc *doc)
{
  FollowupDocPatch *patch = g_new0 (FollowupDocPatch, 1);

  patch->doc = doc;
  /* a copy of pointers only: the blocks are shared until one changes */
  patch->blocks =
    g_ptr_array_copy (doc->blocks, (GCopyFunc) (void (*) (void)) followup_doc_block_ref, NULL);
  g_ptr_array_set_free_func (patch->blocks, (GDestroyNotify) followup_doc_block_unref);
  patch->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return patch;
}

void
followup_doc_patch_free (FollowupDocPatch *patch)
{
  if (patch == NULL)
    return;
  g_ptr_array_unref (patch->blocks);
  g_hash_table_unref (patch->by_id);
  g_free (patch);
}

static FollowupDocBlock *
patch_lookup (FollowupDocPatch *patch, const char *id)
{
  gpointer found;

  if (g_hash_table_lookup_extended (patch->by_id, id, NULL, &found))
    return found;
  return g_hash_table_lookup (patch->doc->by_id, id);
}

/* the block with one more (",") or one less comma after its record */
static FollowupDocBlock *
with_comma (FollowupDocBlock *b, gboolean comma)
{
  GString *text = g_string_new_len (b->text, (gssize) b->length);
  FollowupDocBlock *copy;

  if (comma)
    g_string_insert_c (text, (gssize) b->elem_end, ',');
  else
    g_string_erase (text, (gssize) b->comma, 1);
  copy = followup_doc_block_new (NULL, text->len, b->elem_start, b->elem_end,
                                 comma ? b->elem_end : G_MAXSIZE);
  copy->text = g_string_free (text, FALSE);
  followup_doc_block_set_record (copy, b->id, b->dict);
  return copy;
}

static void
replace_at (FollowupDocPatch *patch, guint index, FollowupDocBlock *b)
{
  followup_doc_block_unref (patch->blocks->pdata[index]);
  patch->blocks->pdata[index] = b;
  if (b->id != NULL)
    g_hash_table_replace (patch->by_id, g_strdup (b->id), b);
}

static void
append (FollowupDocPatch *patch, const char *id, GVariant *dict)
{
  guint n = patch->blocks->len;
  FollowupDocBlock *last = n > 0 ? patch->blocks->pdata[n - 1] : NULL;
  const char *before = last ? last->text : patch->doc->head->str;
  gsize before_len = last ? last->length : patch->doc->head->len;
  g_autofree char *indent = last ? followup_doc_indent_of (last->text, last->elem_start) : NULL;
  FollowupDocBlock *b =
    followup_doc_render_block (dict, indent ? indent : "  ",
                               before_len > 0 && before[before_len - 1] != '\n');

  if (last != NULL)
    replace_at (patch, n - 1, with_comma (last, TRUE));
  followup_doc_block_set_record (b, id, dict);
  g_ptr_array_add (patch->blocks, b);
  g_hash_table_replace (patch->by_id, g_strdup (id), b);
}

/* how many bytes of blank lines end the block */
static gsize
trailing_blank (FollowupDocBlock *b)
{
  gsize end = b->length;

  while (end > b->elem_end && b->text[end - 1] == '\n') {
    gsize start = end - 1;

    while (start > b->elem_end && b->text[start - 1] != '\n')
      start--;
    for (gsize i = start; i < end - 1; i++) {
      if (b->text[i] != ' ' && b->text[i] != '\t' && b->text[i] != '\r')
        return b->length - end;
    }
    if (start == b->elem_end || b->text[start - 1] != '\n')
      return b->length - end;
    end = start;
  }
  return b->length - end;
}

/* `b` with `before` put in front of it and `after` behind it */
static FollowupDocBlock *
with_around (FollowupDocBlock *b, const char *before, gsize before_len, const char *after,
             gsize after_len)
{
  GString *text = g_string_new_len (before, (gssize) before_len);
  FollowupDocBlock *copy;

  g_string_append_len (text, b->text, (gssize) b->length);
  g_string_append_len (text, after, (gssize) after_len);
  copy = followup_doc_block_new (NULL, text->len, b->elem_start + before_len,
                                 b->elem_end + before_len,
                                 b->comma == G_MAXSIZE ? G_MAXSIZE : b->comma + before_len);
  copy->text = g_string_free (text, FALSE);
  followup_doc_block_set_record (copy, b->id, b->dict);
  return copy;
}

/* a record goes with its own lines: the blank lines after it stay, as
 * they separated it from what follows */
static void
remove_block (FollowupDocPatch *patch, guint index, const char *id)
{
  g_autoptr (FollowupDocBlock) gone = followup_doc_block_ref (patch->blocks->pdata[index]);
  gsize blank = trailing_blank (gone);
  const char *rest = gone->text + gone->length - blank;
  guint n = patch->blocks->len;

  g_ptr_array_remove_index (patch->blocks, index);
  g_hash_table_replace (patch->by_id, g_strdup (id), NULL);
  /* the record before the last one has lost the one after its comma */
  if (index == n - 1 && index > 0)
    replace_at (patch, index - 1, with_comma (patch->blocks->pdata[index - 1], FALSE));
  if (blank == 0)
    return;
  if (index < patch->blocks->len)
    replace_at (patch, index, with_around (patch->blocks->pdata[index], rest, blank, NULL, 0));
  else if (index > 0)
    replace_at (patch, index - 1,
                with_around (patch->blocks->pdata[index - 1], NULL, 0, rest, blank));
}

void
followup_doc_patch_put (FollowupDocPatch *patch, const char *id, GVariant *dict)
{
  g_autoptr (GVariant) owned = dict ? g_variant_ref_sink (dict) : NULL;
  FollowupDocBlock *old = patch_lookup (patch, id);
  guint index;

  if (old == NULL) {
    if (owned != NULL)
      append (patch, id, owned);
    return;
  }
  if (!g_ptr_array_find (patch->blocks, old, &index))
    g_return_if_reached ();
  if (owned == NULL) {
    remove_block (patch, index, id);
    return;
  }
  if (!followup_doc_same_record (old->dict, owned))
    replace_at (patch, index, followup_doc_edit_block (old, owned));
}

GBytes *
followup_doc_patch_to_bytes (FollowupDocPatch *patch)
{
  return join (patch->doc, patch->blocks);
}

void
followup_doc_patch_commit (FollowupDocPatch *patch)
{
  FollowupDoc *doc = patch->doc;
  GHashTableIter iter;
  const char *id;
  FollowupDocBlock *b;

  g_hash_table_iter_init (&iter, patch->by_id);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, (gpointer *) &b)) {
    if (b != NULL)
      g_hash_table_replace (doc->by_id, b->id, b);
    else
      g_hash_table_remove (doc->by_id, id);
  }
  g_ptr_array_unref (doc->blocks);
  doc->blocks = g_steal_pointer (&patch->blocks);
  if (doc->blocks->len > 0 && doc->open_bracket != G_MAXSIZE) {
    doc->head->str[doc->open_bracket] = '(';
    doc->tail->str[doc->close_bracket] = ')';
    doc->open_bracket = doc->close_bracket = G_MAXSIZE;
  }
  patch->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) followup_doc_block_unref);
  g_hash_table_remove_all (patch->by_id);
}

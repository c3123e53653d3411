/* followup-doc-edit.c: a record's block rewritten where it changed, and
 * new text written in the style of the text around it */
#include "config.h"

#define G_LOG_DOMAIN "followup-doc"

#include <string.h>

#include "followup-doc-private.h"
#include "followup-record.h"
#include "followup-scan.h"

FollowupDocBlock *
followup_doc_block_new (char *text, gsize length, gsize elem_start, gsize elem_end, gsize comma)
{
  FollowupDocBlock *b = g_new0 (FollowupDocBlock, 1);

  b->ref = 1;
  b->text = text;
  b->length = length;
  b->elem_start = elem_start;
  b->elem_end = elem_end;
  b->comma = comma;
  return b;
}

FollowupDocBlock *
followup_doc_block_ref (FollowupDocBlock *b)
{
  g_atomic_int_inc (&b->ref);
  return b;
}

void
followup_doc_block_unref (FollowupDocBlock *b)
{
  if (b == NULL || !g_atomic_int_dec_and_test (&b->ref))
    return;
  g_free (b->text);
  g_free (b->id);
  g_clear_pointer (&b->dict, g_variant_unref);
  g_free (b);
}

void
followup_doc_block_set_record (FollowupDocBlock *b, const char *id, GVariant *dict)
{
  char *old_id = b->id;
  GVariant *old_dict = b->dict;

  b->id = g_strdup (id);
  b->dict = dict ? g_variant_ref_sink (dict) : NULL;
  g_free (old_id);
  g_clear_pointer (&old_dict, g_variant_unref);
}

char *
followup_doc_indent_of (const char *text, gsize pos)
{
  gsize start = followup_scan_line_start (text, pos);

  return start == G_MAXSIZE ? NULL : g_strndup (text + start, pos - start);
}

/* rendering values */

static void
quote (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s; *p; p++) {
    switch (*p) {
      case '"':
        g_string_append (out, "\\\"");
        break;
      case '\\':
        g_string_append (out, "\\\\");
        break;
      case '\n':
        g_string_append (out, "\\n");
        break;
      case '\t':
        g_string_append (out, "\\t");
        break;
      case '\r':
        g_string_append (out, "\\r");
        break;
      case '\f':
        g_string_append (out, "\\f");
        break;
      default:
        if ((guchar) *p < 0x20 || *p == 0x7f)
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
        else
          g_string_append_c (out, *p);
    }
  }
  g_string_append_c (out, '"');
}

/* the position of `key` in the one readable order of `list`'s groups */
static guint
rank (const char *list, const char *key)
{
  const char *const *order = followup_record_key_order (list);

  for (guint i = 0; order != NULL && order[i] != NULL; i++) {
    if (strcmp (order[i], key) == 0)
      return i;
  }
  return G_MAXUINT;
}

typedef struct {
  const char *list;
  const char *key;
  GVariant *value;
} Entry;

static gint
entry_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const Entry *x = a, *y = b;
  guint rx = rank (x->list, x->key), ry = rank (y->list, y->key);

  return rx != ry ? (rx < ry ? -1 : 1) : strcmp (x->key, y->key);
}

/* the entries of an a{sv}, in the order they are written; borrowed from it */
static GArray *
sorted_entries (GVariant *dict, const char *list)
{
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  gsize n = g_variant_n_children (dict);

  for (gsize i = 0; i < n; i++) {
    Entry e = { list, NULL, NULL };

    g_variant_get_child (dict, i, "{&sv}", &e.key, &e.value);
    g_array_append_val (entries, e);
  }
  g_array_sort_with_data (entries, entry_compare, NULL);
  return entries;
}

static void
entries_free (GArray *entries)
{
  for (guint i = 0; i < entries->len; i++)
    g_variant_unref (g_array_index (entries, Entry, i).value);
  g_array_unref (entries);
}

static void render_value (GString *out, GVariant *v, const char *indent, const char *name);

static gboolean
is_group_list (GVariant *v)
{
  return g_variant_is_of_type (v, G_VARIANT_TYPE ("aa{sv}"));
}

/* { key = value; … } on one line, or one key a line under `indent` */
/* `inner`: how its keys are indented, when not two more than `indent` */
static void
render_group_in (GString *out, GVariant *dict, const char *list, const char *indent,
                 const char *inner_indent, gboolean inline_)
{
  GArray *entries = sorted_entries (dict, list);
  g_autofree char *inner = inner_indent ? g_strdup (inner_indent)
                                        : g_strconcat (indent, "  ", NULL);

  g_string_append (out, inline_ ? "{ " : "{\n");
  for (guint i = 0; i < entries->len; i++) {
    Entry *e = &g_array_index (entries, Entry, i);

    if (!inline_)
      g_string_append (out, inner);
    g_string_append_printf (out, "%s = ", e->key);
    render_value (out, e->value, inner, e->key);
    g_string_append (out, inline_ ? "; " : ";\n");
  }
  g_string_append (out, inline_ ? "}" : indent);
  if (!inline_)
    g_string_append_c (out, '}');
  entries_free (entries);
}

static void
render_group (GString *out, GVariant *dict, const char *list, const char *indent, gboolean inline_)
{
  render_group_in (out, dict, list, indent, NULL, inline_);
}

static void
render_list (GString *out, GVariant *v, const char *indent, const char *name)
{
  gsize n = g_variant_n_children (v);
  g_autofree char *inner = g_strconcat (indent, "  ", NULL);

  if (n == 0) {
    g_string_append (out, "( )");
    return;
  }
  g_string_append (out, "(\n");
  for (gsize i = 0; i < n; i++) {
    g_autoptr (GVariant) child = g_variant_get_child_value (v, i);

    g_string_append (out, inner);
    render_group (out, child, name, inner, TRUE);
    g_string_append (out, i + 1 < n ? ",\n" : "\n");
  }
  g_string_append_printf (out, "%s)", indent);
}

static void
render_sequence (GString *out, GVariant *v, const char *indent, const char *open, const char *close)
{
  gsize n = g_variant_n_children (v);

  g_string_append (out, open);
  for (gsize i = 0; i < n; i++) {
    g_autoptr (GVariant) child = g_variant_get_child_value (v, i);

    g_string_append (out, i == 0 ? " " : ", ");
    render_value (out, child, indent, NULL);
  }
  g_string_append_printf (out, " %s", close);
}

static void
render_value (GString *out, GVariant *v, const char *indent, const char *name)
{
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_VARIANT)) {
    g_autoptr (GVariant) inner = g_variant_get_variant (v);

    render_value (out, inner, indent, name);
  } else if (g_variant_is_of_type (v, G_VARIANT_TYPE_STRING)) {
    quote (out, g_variant_get_string (v, NULL));
  } else if (g_variant_is_of_type (v, G_VARIANT_TYPE_BOOLEAN)) {
    g_string_append (out, g_variant_get_boolean (v) ? "true" : "false");
  } else if (g_variant_is_of_type (v, G_VARIANT_TYPE_INT32)) {
    g_string_append_printf (out, "%d", g_variant_get_int32 (v));
  } else if (g_variant_is_of_type (v, G_VARIANT_TYPE_UINT32)) {
    g_string_append_printf (out, "%u", g_variant_get_uint32 (v));
  } else if (g_variant_is_of_type (v, G_VARIANT_TYPE_INT64)) {
    g_string_append_printf (out, "%" G_GINT64_FORMAT "L", g_variant_get_int64 (v));
  } else if (g_variant_is_of_type (v, G_VARIANT_TYPE_DOUBLE)) {
    char buf[G_ASCII_DTOSTR_BUF_SIZE];

    g_ascii_dtostr (buf, sizeof buf, g_variant_get_double (v));
    g_string_append (out, buf);
    if (strpbrk (buf, ".eEn") == NULL)
      g_string_append (out, ".0");
  } else if (g_variant_is_of_type (v, G_VARIANT_TYPE_VARDICT)) {
    render_group (out, v, name, indent, TRUE);
  } else if (is_group_list (v)) {
    render_list (out, v, indent, name);
  } else if (g_variant_is_of_type (v, G_VARIANT_TYPE ("as"))) {
    render_sequence (out, v, indent, "[", "]");
  } else if (g_variant_is_container (v)) {
    render_sequence (out, v, indent, "(", ")");
  } else {
    g_string_append (out, "0");
  }
}

FollowupDocBlock *
followup_doc_render_block (GVariant *dict, const char *indent, gboolean newline_first)
{
  GString *text = g_string_new (newline_first ? "\n" : NULL);
  FollowupDocBlock *b;
  gsize start, end;

  g_string_append (text, indent);
  start = text->len;
  render_group (text, dict, NULL, indent, FALSE);
  end = text->len;
  g_string_append_c (text, '\n');
  b = followup_doc_block_new (NULL, text->len, start, end, G_MAXSIZE);
  b->text = g_string_free (text, FALSE);
  return b;
}

/* editing a block: splices of its text, applied at the end */

typedef struct {
  gsize start, end;
  char *text;
  guint seq; /* equal starts keep the order they were made in */
} Splice;

typedef struct {
  const char *text;
  gsize length;
  GArray *splices; /* Splice, in the order made */
} Edit;

static void
splice (Edit *e, gsize start, gsize end, char *text)
{
  Splice s = { start, end, text, e->splices->len };

  g_array_append_val (e->splices, s);
}

static gint
splice_compare (gconstpointer a, gconstpointer b)
{
  const Splice *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* the blanks that start the line `pos` is on */
static char *
line_indent (const char *text, gsize pos)
{
  gsize start = pos, end;

  while (start > 0 && text[start - 1] != '\n')
    start--;
  for (end = start; text[end] == ' ' || text[end] == '\t'; end++)
    ;
  return g_strndup (text + start, end - start);
}

static GVariant *
unboxed (GVariant *v)
{
  return g_variant_is_of_type (v, G_VARIANT_TYPE_VARIANT) ? g_variant_get_variant (v)
                                                          : g_variant_ref (v);
}

static gboolean
same (GVariant *a, GVariant *b)
{
  g_autoptr (GVariant) x = unboxed (a);
  g_autoptr (GVariant) y = unboxed (b);

  return g_variant_equal (x, y);
}

/* whether two records hold the same, in whatever order their keys come:
 * an edit that only reorders them changes nothing (and writes no id) */
gboolean
followup_doc_same_record (GVariant *a, GVariant *b)
{
  GVariantIter iter;
  const char *key;
  GVariant *value;

  if (g_variant_n_children (a) != g_variant_n_children (b))
    return FALSE;
  g_variant_iter_init (&iter, a);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value)) {
    g_autoptr (GVariant) other = g_variant_lookup_value (b, key, NULL);

    if (other == NULL || !same (value, other)) {
      g_variant_unref (value); /* g_variant_iter_loop frees it only on its own end */
      return FALSE;
    }
  }
  return TRUE;
}

static char *
rendered (GVariant *v, const char *indent, const char *name)
{
  GString *out = g_string_new (NULL);

  render_value (out, v, indent, name);
  return g_string_free (out, FALSE);
}

/* how a group writes its settings: `key = value;` or `key: value,` */
typedef struct {
  char *op;
  char *terminator;
  char *indent; /* of a setting on a line of its own, or NULL */
} Style;

static void
style_clear (Style *style)
{
  g_free (style->op);
  g_free (style->terminator);
  g_free (style->indent);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Style, style_clear)

static void
style_of (Edit *e, FollowupScanNode *group, Style *style)
{
  for (guint i = 0; i < group->settings->len; i++) {
    FollowupScanSetting *s = group->settings->pdata[i];
    g_autofree char *op = g_strndup (e->text + s->op_start, s->value->start - s->op_start);

    if (style->op == NULL && strpbrk (op, "\n#/") == NULL) {
      style->op = g_steal_pointer (&op);
      style->terminator = g_strndup (&s->terminator, s->terminator ? 1 : 0);
    }
    if (style->indent == NULL)
      style->indent = followup_doc_indent_of (e->text, s->start);
  }
  if (style->op == NULL) {
    style->op = g_strdup (" = ");
    style->terminator = g_strdup (";");
  }
}

static void
insert_key (Edit *e, FollowupScanNode *group, const char *list, const Style *style, const char *key,
            GVariant *value)
{
  g_autofree char *base = line_indent (e->text, group->start);
  g_autofree char *fallback = g_strconcat (base, "  ", NULL);
  const char *indent = style->indent ? style->indent : fallback;
  g_autofree char *v = rendered (value, indent, key);
  g_autofree char *text = g_strconcat (key, style->op, v, style->terminator, NULL);
  guint r = rank (list, key), n = group->settings->len;

  for (guint i = 0; i < n; i++) {
    FollowupScanSetting *t = group->settings->pdata[i];
    gsize start;

    if (rank (list, t->name) <= r)
      continue;
    start = followup_scan_line_start (e->text, t->start);
    if (start != G_MAXSIZE)
      splice (e, start, start, g_strconcat (indent, text, "\n", NULL));
    else
      splice (e, t->start, t->start, g_strconcat (text, " ", NULL));
    return;
  }
  if (n == 0) {
    splice (e, group->end - 1, group->end - 1, g_strconcat (" ", text, " ", NULL));
  } else {
    FollowupScanSetting *last = group->settings->pdata[n - 1];
    gsize end = followup_scan_line_end (e->text, e->length, last->end);

    if (end == G_MAXSIZE)
      splice (e, last->end, last->end, g_strconcat (" ", text, NULL));
    else
      splice (e, end - 1, end - 1, g_strconcat ("\n", indent, text, NULL));
  }
}

/* with its own lines when it has them to itself */
static void
remove_setting (Edit *e, FollowupScanSetting *s)
{
  gsize start = followup_scan_line_start (e->text, s->start);
  gsize end = followup_scan_line_end (e->text, e->length, s->end);

  if (start != G_MAXSIZE && end != G_MAXSIZE) {
    splice (e, start, end, g_strdup (""));
    return;
  }
  for (end = s->end; end < e->length && (e->text[end] == ' ' || e->text[end] == '\t'); end++)
    ;
  splice (e, s->start, end, g_strdup (""));
}

static void edit_group (Edit *e, FollowupScanNode *group, GVariant *old, GVariant *new,
                        const char *list);

static gboolean
spans_lines (Edit *e, FollowupScanNode *node)
{
  return memchr (e->text + node->start, '\n', node->end - node->start) != NULL;
}

static void
append_elements (Edit *e, FollowupScanNode *list, GVariant *new, const char *name)
{
  FollowupScanNode *last = list->elements->pdata[list->elements->len - 1];
  g_autofree char *own = followup_doc_indent_of (e->text, last->start);
  g_autofree char *indent = own ? g_strdup (own) : line_indent (e->text, last->start);
  g_autofree char *inner = NULL;
  GString *text = g_string_new (NULL);

  /* a group written one key a line: its keys' indentation, as the last has it */
  if (last->kind == FOLLOWUP_SCAN_GROUP && last->settings->len > 0)
    inner =
      followup_doc_indent_of (e->text, ((FollowupScanSetting *) last->settings->pdata[0])->start);

  for (gsize i = list->elements->len; i < g_variant_n_children (new); i++) {
    g_autoptr (GVariant) child = g_variant_get_child_value (new, i);

    g_string_append_c (text, ',');
    if (own != NULL)
      g_string_append_printf (text, "\n%s", own);
    else
      g_string_append_c (text, ' ');
    render_group_in (text, child, name, indent, inner, !spans_lines (e, last));
  }
  splice (e, last->end, last->end, g_string_free (text, FALSE));
}

/* a list of groups: element by element, so a changed contact keeps the
 * lines of the others and an event is added in the list's own style */
static void
edit_list (Edit *e, FollowupScanNode *list, GVariant *old, GVariant *new, const char *indent,
           const char *name)
{
  gsize n_old = g_variant_n_children (old), n_new = g_variant_n_children (new);

  if (n_old == 0 || n_new == 0) {
    splice (e, list->start, list->end, rendered (new, indent, name));
    return;
  }
  for (gsize i = 0; i < MIN (n_old, n_new); i++) {
    g_autoptr (GVariant) o = g_variant_get_child_value (old, i);
    g_autoptr (GVariant) n = g_variant_get_child_value (new, i);
    FollowupScanNode *element = list->elements->pdata[i];

    if (same (o, n))
      continue;
    if (element->kind == FOLLOWUP_SCAN_GROUP)
      edit_group (e, element, o, n, name);
    else
      splice (e, element->start, element->end, rendered (n, indent, name));
  }
  if (n_new > n_old)
    append_elements (e, list, new, name);
  else if (n_new < n_old)
    splice (e, ((FollowupScanNode *) list->elements->pdata[n_new - 1])->end,
            ((FollowupScanNode *) list->elements->pdata[n_old - 1])->end, g_strdup (""));
}

static void
edit_value (Edit *e, FollowupScanSetting *s, GVariant *old, GVariant *new)
{
  g_autofree char *own = followup_doc_indent_of (e->text, s->start);
  g_autofree char *indent = own ? g_steal_pointer (&own) : line_indent (e->text, s->start);
  FollowupScanNode *node = s->value;

  if (old != NULL && is_group_list (old) && is_group_list (new) &&
      node->kind == FOLLOWUP_SCAN_LIST && node->elements->len == g_variant_n_children (old))
    edit_list (e, node, old, new, indent, s->name);
  else
    splice (e, node->start, node->end, rendered (new, indent, s->name));
}

static void
edit_group (Edit *e, FollowupScanNode *group, GVariant *old, GVariant *new, const char *list)
{
  g_auto (Style) style = { NULL, NULL, NULL };
  GArray *entries;

  style_of (e, group, &style);
  for (guint i = 0; i < group->settings->len; i++) {
    FollowupScanSetting *s = group->settings->pdata[i];
    g_autoptr (GVariant) o = g_variant_lookup_value (old, s->name, NULL);
    g_autoptr (GVariant) n = g_variant_lookup_value (new, s->name, NULL);

    if (n == NULL)
      remove_setting (e, s);
    else if (o == NULL || !same (o, n))
      edit_value (e, s, o, n);
  }
  entries = sorted_entries (new, list);
  for (guint i = 0; i < entries->len; i++) {
    Entry *entry = &g_array_index (entries, Entry, i);

    if (followup_scan_find (group, entry->key) == NULL)
      insert_key (e, group, list, &style, entry->key, entry->value);
  }
  entries_free (entries);
}

FollowupDocBlock *
followup_doc_edit_block (FollowupDocBlock *old, GVariant *dict)
{
  g_autoptr (FollowupScanNode) group =
    followup_scan_value (old->text, old->length, old->elem_start);
  Edit e = { old->text, old->length, g_array_new (FALSE, FALSE, sizeof (Splice)) };
  GString *text = g_string_sized_new (old->length + 64);
  gsize cursor = 0;
  gssize delta = 0;
  FollowupDocBlock *b;

  /* the block came from a scanned file, so it scans; if not, it is written anew */
  if (group != NULL && group->kind == FOLLOWUP_SCAN_GROUP && group->end == old->elem_end)
    edit_group (&e, group, old->dict, dict, NULL);
  else
    splice (&e, old->elem_start, old->elem_end, rendered (dict, "  ", NULL));
  g_array_sort (e.splices, splice_compare);
  for (guint i = 0; i < e.splices->len; i++) {
    Splice *s = &g_array_index (e.splices, Splice, i);

    if (s->start > cursor)
      g_string_append_len (text, old->text + cursor, (gssize) (s->start - cursor));
    g_string_append (text, s->text);
    delta += (gssize) strlen (s->text) - (gssize) (s->end - s->start);
    cursor = MAX (cursor, s->end);
    g_free (s->text);
  }
  g_string_append_len (text, old->text + cursor, (gssize) (old->length - cursor));
  g_array_unref (e.splices);
  b = followup_doc_block_new (NULL, text->len, old->elem_start,
                              (gsize) ((gssize) old->elem_end + delta),
                              old->comma == G_MAXSIZE ? G_MAXSIZE
                                                      : (gsize) ((gssize) old->comma + delta));
  b->text = g_string_free (text, FALSE);
  followup_doc_block_set_record (b, old->id, dict);
  return b;
}

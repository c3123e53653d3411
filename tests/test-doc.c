/* test-doc.c: the record file as the user wrote it, edited in place
 *
 * random files in every style libconfig accepts (the three comment styles
 * everywhere, `=` and `:`, any terminator or none, escapes and adjacent
 * strings, inline and multi-line records, tabs or spaces) are edited at
 * random. After each edit the text must parse to exactly the intended
 * records, differ from the text before only inside the edited record (an
 * append: only an insertion before the closing `)` and one comma; a
 * removal: only a deletion and one comma), and still be scanned as
 * libconfig reads it. The named cases below spell out the style rules one
 * at a time, with the expected texts written out by hand.
 *
 * FOLLOWUP_DOC_SEED=N replays the random files from seed N (each file i
 * uses seed N + i, printed when it fails); FOLLOWUP_DOC_FILES=M sets how
 * many; -m thorough runs 5000 from a seed taken from --seed. */
#include "config.h"

#include <libconfig.h>
#include <stdlib.h>
#include <string.h>

#include "followup-doc.h"
#include "followup-policy.h"
#include "followup-scan.h"

/* assertions are not fatal (see main), so stop before using what is missing */
#define REQUIRE(x)        \
  G_STMT_START            \
  {                       \
    g_assert_nonnull (x); \
    if ((x) == NULL)      \
      return;             \
  }                       \
  G_STMT_END

#define DEFAULT_SEED 20261201u
#define DEFAULT_FILES 500u

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (config_t, config_destroy)

/* the keys a record, a contact and an event may have, in canonical order */
static const char *const record_keys[] = {
  "id",
  "company",
  "role",
  "interviewed_at",
  "timezone",
  "contacts",
  "decision_in_days",
  "decision_by",
  "status",
  "status_at",
  "holidays",
  "events",
  "notes",
  NULL,
};
static const char *const contact_keys[] = {
  "name", "email", "phone", "prefers", "timezone", "holidays", NULL,
};
static const char *const event_keys[] = {
  "type", "at", "contact", "outcome", "decision_in_days", "decision_by", "notes", NULL,
};
static const char *const policy_keys[] = {
  "call_windows",
  "workdays",
  "holidays",
  "quiet_hours",
  "thank_you_within_hours",
  "follow_up_email_after_days",
  "call_without_timeline_after_days",
  "max_calls",
  "call_retry_after_workdays",
  "move_on_after_days",
  NULL,
};

/* reading a text with libconfig */

static gboolean
all_of_type (config_setting_t *s, int type)
{
  for (int i = 0; i < config_setting_length (s); i++) {
    if (config_setting_type (config_setting_get_elem (s, (unsigned) i)) != type)
      return FALSE;
  }
  return TRUE;
}

/* libconfig's tree as the daemon's loader converts it: ints i, strings s,
 * arrays of strings as, lists of groups aa{sv}; anything else av */
static GVariant *
setting_to_variant (config_setting_t *s)
{
  GVariantBuilder builder;
  int n = config_setting_length (s);
  int type = config_setting_type (s);
  const GVariantType *container = G_VARIANT_TYPE ("av");

  switch (type) {
    case CONFIG_TYPE_INT:
      return g_variant_new_int32 (config_setting_get_int (s));
    case CONFIG_TYPE_INT64:
      return g_variant_new_int64 (config_setting_get_int64 (s));
    case CONFIG_TYPE_FLOAT:
      return g_variant_new_double (config_setting_get_float (s));
    case CONFIG_TYPE_BOOL:
      return g_variant_new_boolean (config_setting_get_bool (s));
    case CONFIG_TYPE_STRING:
      return g_variant_new_string (config_setting_get_string (s));
    case CONFIG_TYPE_GROUP:
      container = G_VARIANT_TYPE_VARDICT;
      break;
    case CONFIG_TYPE_ARRAY:
      if (all_of_type (s, CONFIG_TYPE_STRING))
        container = G_VARIANT_TYPE_STRING_ARRAY;
      break;
    default:
      if (all_of_type (s, CONFIG_TYPE_GROUP))
        container = G_VARIANT_TYPE ("aa{sv}");
      break;
  }
  g_variant_builder_init (&builder, container);
  for (int i = 0; i < n; i++) {
    config_setting_t *child = config_setting_get_elem (s, (unsigned) i);
    GVariant *value = setting_to_variant (child);

    if (type == CONFIG_TYPE_GROUP)
      g_variant_builder_add (&builder, "{sv}", config_setting_name (child), value);
    else if (g_variant_type_equal (container, G_VARIANT_TYPE ("av")))
      g_variant_builder_add (&builder, "v", value);
    else
      g_variant_builder_add_value (&builder, value);
  }
  return g_variant_builder_end (&builder);
}

/* `cfg` must be zeroed or destroyed; FALSE with `problem` set when
 * libconfig refuses the text */
static gboolean
parse (config_t *cfg, const char *text, gsize length, char **problem)
{
  g_autofree char *copy = g_strndup (text, length);

  config_init (cfg);
  if (config_read_string (cfg, copy))
    return TRUE;
  *problem = g_strdup_printf ("line %d: %s", config_error_line (cfg), config_error_text (cfg));
  return FALSE;
}

static config_setting_t *
interviews_setting (config_t *cfg)
{
  config_setting_t *list = config_lookup (cfg, "interviews");

  return list != NULL && config_setting_is_list (list) ? list : NULL;
}

/* every element of interviews, as a{sv}; NULL without such a list */
static GPtrArray *
parsed_records (config_t *cfg)
{
  config_setting_t *list = interviews_setting (cfg);
  GPtrArray *records;

  if (list == NULL)
    return NULL;
  records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  for (int i = 0; i < config_setting_length (list); i++)
    g_ptr_array_add (records,
                     g_variant_ref_sink (setting_to_variant (config_setting_get_elem (list, i))));
  return records;
}

/* comparing records: the order of a group's keys is no part of what it holds */

static int
compare_entries (gconstpointer a, gconstpointer b)
{
  g_autoptr (GVariant) x = g_variant_get_child_value (*(GVariant *const *) a, 0);
  g_autoptr (GVariant) y = g_variant_get_child_value (*(GVariant *const *) b, 0);

  return strcmp (g_variant_get_string (x, NULL), g_variant_get_string (y, NULL));
}

/* `value` with every dictionary's entries sorted by key */
static GVariant *
sorted (GVariant *value)
{
  const GVariantType *type = g_variant_get_type (value);
  g_autoptr (GPtrArray) children = NULL;
  GVariantBuilder builder;

  if (!g_variant_is_container (value))
    return g_variant_ref (value);
  children = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  for (gsize i = 0; i < g_variant_n_children (value); i++)
    g_ptr_array_add (children, g_variant_get_child_value (value, i));
  if (g_variant_type_is_array (type) &&
      g_variant_type_is_dict_entry (g_variant_type_element (type)))
    g_ptr_array_sort (children, compare_entries);
  g_variant_builder_init (&builder, type);
  for (guint i = 0; i < children->len; i++) {
    g_autoptr (GVariant) child = sorted (children->pdata[i]);

    g_variant_builder_add_value (&builder, child);
  }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

static gboolean
same_value (GVariant *a, GVariant *b)
{
  g_autoptr (GVariant) x = sorted (a);
  g_autoptr (GVariant) y = sorted (b);

  return g_variant_equal (x, y);
}

/* editing a{sv} and aa{sv} */

/* `dict` with `key` set to `value` (floating or owned by the caller, who
 * gives it up), or without `key` when `value` is NULL: in place, or in the
 * order a GVariantDict gives, as the daemon's own edits do */
static GVariant *
dict_with (GVariant *dict, const char *key, GVariant *value, gboolean keep_order)
{
  g_autoptr (GVariant) owned = value ? g_variant_take_ref (value) : NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  gboolean done = FALSE;
  const char *name;
  GVariant *old;

  if (!keep_order) {
    GVariantDict d;

    g_variant_dict_init (&d, dict);
    if (owned != NULL)
      g_variant_dict_insert_value (&d, key, owned);
    else
      g_variant_dict_remove (&d, key);
    return g_variant_ref_sink (g_variant_dict_end (&d));
  }
  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_iter_init (&iter, dict);
  while (g_variant_iter_next (&iter, "{&sv}", &name, &old)) {
    if (strcmp (name, key) != 0)
      g_variant_builder_add (&builder, "{sv}", name, old);
    else if (owned != NULL)
      g_variant_builder_add (&builder, "{sv}", name, owned);
    done = done || strcmp (name, key) == 0;
    g_variant_unref (old);
  }
  if (!done && owned != NULL)
    g_variant_builder_add (&builder, "{sv}", key, owned);
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/* `list` (NULL: empty) with element `index` replaced by `element`, or
 * removed when `element` is NULL; index -1 appends */
static GVariant *
list_with (GVariant *list, gssize index, GVariant *element)
{
  g_autoptr (GVariant) owned = element ? g_variant_take_ref (element) : NULL;
  gsize n = list ? g_variant_n_children (list) : 0;
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (gsize i = 0; i < n; i++) {
    g_autoptr (GVariant) child = g_variant_get_child_value (list, i);

    if ((gssize) i != index)
      g_variant_builder_add_value (&builder, child);
    else if (owned != NULL)
      g_variant_builder_add_value (&builder, owned);
  }
  if (index < 0)
    g_variant_builder_add_value (&builder, owned);
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/* reporting */

/* `text` with every byte that is not UTF-8 as \xNN */
static char *
printable (const char *text, gsize length)
{
  GString *s = g_string_sized_new (length + 16);
  const char *p = text, *end = text + length;

  while (p < end) {
    const char *bad;

    if (g_utf8_validate_len (p, (gsize) (end - p), &bad)) {
      g_string_append_len (s, p, end - p);
      break;
    }
    g_string_append_len (s, p, bad - p);
    g_string_append_printf (s, "\\x%02x", (guchar) *bad);
    p = bad + 1;
  }
  return g_string_free (s, FALSE);
}

static int
line_of (const char *text, gsize pos)
{
  int line = 1;

  for (gsize i = 0; i < pos; i++)
    line += text[i] == '\n';
  return line;
}

static gsize
first_difference (const char *a, gsize a_len, const char *b, gsize b_len)
{
  gsize i = 0;

  while (i < a_len && i < b_len && a[i] == b[i])
    i++;
  return i;
}

/* comparing texts */

/* whether `out` keeps `in` before `lo` and from `hi` on: only bytes in
 * [lo, hi) of `in` may have changed */
static gboolean
outside_same (const char *in, gsize in_len, const char *out, gsize out_len, gsize lo, gsize hi)
{
  gsize tail = in_len - hi;

  return out_len >= lo + tail && memcmp (in, out, lo) == 0 &&
         memcmp (in + hi, out + out_len - tail, tail) == 0;
}

/* whether `big` is `small` with one run of bytes inserted */
static gboolean
one_insertion (const char *small, gsize small_len, const char *big, gsize big_len)
{
  gsize prefix = 0, suffix = 0;

  if (big_len < small_len)
    return FALSE;
  while (prefix < small_len && small[prefix] == big[prefix])
    prefix++;
  while (suffix < small_len && small[small_len - 1 - suffix] == big[big_len - 1 - suffix])
    suffix++;
  return prefix + suffix >= small_len;
}

/* ... and at most one comma inserted somewhere else */
static gboolean
one_insertion_and_comma (const char *small, gsize small_len, const char *big, gsize big_len)
{
  if (one_insertion (small, small_len, big, big_len))
    return TRUE;
  for (gsize i = 0; i < big_len; i++) {
    g_autofree char *less = NULL;

    if (big[i] != ',')
      continue;
    less = g_malloc (big_len);
    memcpy (less, big, i);
    memcpy (less + i, big + i + 1, big_len - i - 1);
    if (one_insertion (small, small_len, less, big_len - 1))
      return TRUE;
  }
  return FALSE;
}

/* whether `small` is `big` with some bytes deleted */
static gboolean
is_subsequence (const char *small, gsize small_len, const char *big, gsize big_len)
{
  gsize j = 0;

  for (gsize i = 0; i < big_len && j < small_len; i++) {
    if (big[i] == small[j])
      j++;
  }
  return j == small_len;
}

/* the interviews list of a scanned file */
static FollowupScanNode *
scanned_list (FollowupScanNode *root)
{
  FollowupScanSetting *s = root ? followup_scan_find (root, "interviews") : NULL;

  return s != NULL && s->value->kind == FOLLOWUP_SCAN_LIST ? s->value : NULL;
}

static FollowupScanNode *
element (FollowupScanNode *list, guint i)
{
  return list->elements->pdata[i];
}

/* the random files */

typedef struct {
  GRand *rand;
  GString *out;
  const char *unit; /* one step of indentation */
  char op;          /* what most settings use */
  const char *term; /* ";", "," or "" */
  int chaos;        /* percent of settings in another style than the file's */
  guint next_id;
} Gen;

static int
pick (Gen *g, int n)
{
  return g_rand_int_range (g->rand, 0, n);
}

static gboolean
chance (Gen *g, int percent)
{
  return pick (g, 100) < percent;
}

static void
emit (Gen *g, const char *s)
{
  g_string_append (g->out, s);
}

static void
emit_indent (Gen *g, guint depth)
{
  for (guint i = 0; i < depth; i++)
    emit (g, g->unit);
}

/* what comments hold: anything but the end of a comment, non-UTF-8 too */
static const char comment_bytes[] = "abcdefxyz ABC 019 \"';{}()[]=:,.*/\\#-!?";

/* style 0: `#`, 1: `//`, 2: a block; a line comment runs to the end of the
 * line, so the caller writes the newline after it */
static void
emit_comment (Gen *g, int style, gboolean may_span_lines)
{
  int n = pick (g, 28);

  emit (g, style == 0 ? "#" : style == 1 ? "//" : "/*");
  for (int i = 0; i < n; i++) {
    int r = pick (g, 12);
    char c = comment_bytes[pick (g, sizeof comment_bytes - 1)];

    if (r == 0)
      c = (char) (0x80 + pick (g, 0x80));
    else if (r == 1 && style == 2 && may_span_lines)
      c = '\n';
    /* a block ends at the first star-slash */
    if (style == 2 && c == '/' && g->out->str[g->out->len - 1] == '*')
      c = '-';
    g_string_append_c (g->out, c);
  }
  if (style == 2)
    emit (g, "*/");
}

/* blank lines and comment lines between two items of a multi-line group
 * or list, each ended by its newline */
static void
emit_gap (Gen *g, guint depth)
{
  while (chance (g, 22)) {
    int r = pick (g, 5);

    if (r == 0) {
      emit (g, chance (g, 20) ? " \t\n" : "\n");
      continue;
    }
    if (chance (g, 15))
      emit (g, chance (g, 50) ? "\t " : " ");
    else
      emit_indent (g, depth);
    emit_comment (g, r >= 3 ? 2 : r - 1, TRUE);
    if (r >= 3 && chance (g, 20)) {
      emit (g, " ");
      emit_comment (g, pick (g, 3), FALSE);
    }
    emit (g, "\n");
  }
}

/* a comment after what stands on the line; the caller ends the line when
 * `line_comment_ok` */
static void
emit_trailing (Gen *g, gboolean line_comment_ok)
{
  if (!chance (g, 18))
    return;
  emit (g, chance (g, 75) ? " " : chance (g, 50) ? "\t" : "   ");
  emit_comment (g, line_comment_ok ? pick (g, 3) : 2, FALSE);
}

static const char *const words[] = {
  "Acme",
  "Blau GmbH",
  "Data Analyst",
  "2026-12-01T10:00",
  "2026-11-20 14:00",
  "a@x.org",
  "jane.doe@acme.example",
  "+1 555 0100",
  "Europe/Berlin",
  "waiting",
  "reached",
  "ünïcødé ✓",
  "株式会社",
  "say \"hi\"",
  "back\\slash",
  "two\nlines",
  "tab\there",
  "a # not a comment",
  "x // nor this",
  "/* nor this */",
  "semi; colon,",
  "{ brace }",
  "( paren ) [ bracket ]",
  "key = value;",
  "key: value",
  "",
  "\\n is not a newline",
  "\"",
  "\\",
  "\"\\\"",
  "cr\rhere",
  "ff\f",
  "ctl\x01\x7f",
  "🙂",
};

static char *
random_text (Gen *g)
{
  GString *s = g_string_new (NULL);
  int n = 1 + pick (g, 3);

  for (int i = 0; i < n; i++) {
    if (i > 0 && chance (g, 70))
      g_string_append_c (s, ' ');
    g_string_append (s, words[pick (g, G_N_ELEMENTS (words))]);
  }
  return g_string_free (s, FALSE);
}

static void
emit_quoted (Gen *g, const char *text, gsize length)
{
  emit (g, "\"");
  for (gsize i = 0; i < length; i++) {
    switch (text[i]) {
      case '"':
        emit (g, "\\\"");
        break;
      case '\\':
        emit (g, "\\\\");
        break;
      case '\n':
        emit (g, "\\n");
        break;
      case '\t':
        emit (g, chance (g, 20) ? "\t" : "\\t");
        break;
      case '\r':
        emit (g, "\\r");
        break;
      case '\f':
        emit (g, "\\f");
        break;
      default:
        if ((guchar) text[i] < 0x20 || text[i] == 0x7f)
          g_string_append_printf (g->out, "\\x%02x", (guchar) text[i]);
        else
          g_string_append_c (g->out, text[i]);
        break;
    }
  }
  emit (g, "\"");
}

/* sometimes as "adjacent" "strings", split between two characters */
static void
emit_string (Gen *g, const char *text, gsize length, guint depth, gboolean may_span_lines)
{
  gsize split = 0;

  if (length > 1 && chance (g, 20)) {
    split = 1 + (gsize) pick (g, (int) length - 1);
    while (split > 0 && ((guchar) text[split] & 0xc0) == 0x80)
      split--;
  }
  if (split == 0) {
    emit_quoted (g, text, length);
    return;
  }
  emit_quoted (g, text, split);
  switch (pick (g, may_span_lines ? 6 : 4)) {
    case 0:
      break;
    case 1:
      emit (g, " ");
      break;
    case 2:
      emit (g, "  ");
      break;
    case 3:
      emit (g, " ");
      emit_comment (g, 2, FALSE);
      emit (g, " ");
      break;
    case 4:
      emit (g, "\n");
      emit_indent (g, depth + 1);
      break;
    default:
      emit (g, " ");
      emit_comment (g, pick (g, 2), FALSE);
      emit (g, "\n");
      emit_indent (g, depth + 1);
      break;
  }
  emit_string (g, text + split, length - split, depth, may_span_lines);
}

static void emit_group (Gen *g, GVariant *dict, guint depth, gboolean one_line, gsize *start,
                        gsize *end);

static void
emit_strv (Gen *g, GVariant *value, guint depth, gboolean one_line)
{
  gsize n = g_variant_n_children (value);
  const char *space = chance (g, 80) ? " " : "";
  gboolean lines = !one_line && n > 1 && chance (g, 15);

  emit (g, "[");
  emit (g, space);
  for (gsize i = 0; i < n; i++) {
    const char *s;

    if (i > 0) {
      emit (g, ",");
      if (lines) {
        emit (g, "\n");
        emit_indent (g, depth + 1);
      } else {
        emit (g, chance (g, 85) ? " " : "");
      }
    }
    g_variant_get_child (value, i, "&s", &s);
    emit_string (g, s, strlen (s), depth, !one_line);
  }
  if (n > 0)
    emit (g, space);
  emit (g, "]");
}

static gsize
column (Gen *g)
{
  gsize i = g->out->len;

  while (i > 0 && g->out->str[i - 1] != '\n')
    i--;
  return g->out->len - i;
}

/* the comma between two elements: after a space or a comment, or on a
 * line of its own */
static void
emit_comma (Gen *g, guint depth, gboolean may_span_lines)
{
  switch (pick (g, may_span_lines ? 10 : 8)) {
    case 0:
      emit (g, " ,");
      break;
    case 1:
      emit (g, " ");
      emit_comment (g, 2, FALSE);
      emit (g, chance (g, 50) ? "," : " ,");
      break;
    case 8:
      emit (g, "\n");
      emit_indent (g, depth);
      emit (g, ",");
      break;
    case 9:
      emit (g, " ");
      emit_comment (g, pick (g, 2), FALSE);
      emit (g, "\n");
      emit_indent (g, depth);
      emit (g, ",");
      break;
    default:
      emit (g, ",");
      break;
  }
}

static void
emit_list (Gen *g, GVariant *list, guint depth, gboolean one_line)
{
  gsize n = g_variant_n_children (list);
  int style = one_line ? 0 : pick (g, 5); /* 0, 1: one line; 2: aligned; 3, 4: a line each */
  const char *space = chance (g, 85) ? " " : "";

  if (n == 0) {
    if (style == 4) {
      emit (g, "(\n");
      emit_indent (g, depth);
      emit (g, ")");
    } else {
      emit (g, chance (g, 70) ? "( )" : "()");
    }
    return;
  }
  if (style <= 1 || (style == 2 && n == 1)) {
    emit (g, "(");
    emit (g, space);
    for (gsize i = 0; i < n; i++) {
      g_autoptr (GVariant) child = g_variant_get_child_value (list, i);

      if (i > 0)
        emit (g, chance (g, 85) ? ", " : ",");
      emit_group (g, child, depth, TRUE, NULL, NULL);
    }
    emit (g, space);
    emit (g, ")");
  } else if (style == 2) {
    gsize col = column (g) + 2;

    emit (g, "( ");
    for (gsize i = 0; i < n; i++) {
      g_autoptr (GVariant) child = g_variant_get_child_value (list, i);

      if (i > 0) {
        emit (g, ",\n");
        for (gsize c = 0; c < col; c++)
          emit (g, " ");
      }
      emit_group (g, child, depth, TRUE, NULL, NULL);
    }
    emit (g, " )");
  } else {
    emit (g, "(");
    emit_trailing (g, TRUE);
    emit (g, "\n");
    for (gsize i = 0; i < n; i++) {
      g_autoptr (GVariant) child = g_variant_get_child_value (list, i);

      emit_gap (g, depth + 1);
      emit_indent (g, depth + 1);
      emit_group (g, child, depth + 1, chance (g, 50), NULL, NULL);
      if (i + 1 < n)
        emit_comma (g, depth + 1, TRUE);
      emit_trailing (g, TRUE);
      emit (g, "\n");
    }
    emit_gap (g, depth + 1);
    emit_indent (g, depth);
    emit (g, ")");
  }
}

static void
emit_value (Gen *g, GVariant *value, guint depth, gboolean one_line)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32)) {
    int v = g_variant_get_int32 (value);

    g_string_append_printf (g->out, v >= 0 && chance (g, 10) ? "0x%X" : "%d", v);
  } else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64)) {
    gint64 v = g_variant_get_int64 (value);

    if (v >= 0 && chance (g, 20))
      g_string_append_printf (g->out, "0x%" G_GINT64_MODIFIER "XL", v);
    else
      g_string_append_printf (g->out, "%" G_GINT64_FORMAT "L", v);
  } else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING)) {
    gsize length;
    const char *s = g_variant_get_string (value, &length);

    emit_string (g, s, length, depth, !one_line);
  } else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY)) {
    emit_strv (g, value, depth, one_line);
  } else if (g_variant_is_of_type (value, G_VARIANT_TYPE_VARDICT)) {
    emit_group (g, value, depth, one_line || chance (g, 40), NULL, NULL);
  } else {
    emit_list (g, value, depth, one_line);
  }
}

static void
emit_setting (Gen *g, const char *key, GVariant *value, guint depth, gboolean one_line)
{
  static const char *const spaces[] = { "", " ", " ", " ", "  ", "\t" };
  static const char *const terms[] = { ";", ",", "" };
  gboolean odd = chance (g, g->chaos);

  emit (g, key);
  if (chance (g, 3)) {
    emit (g, " ");
    emit_comment (g, 2, FALSE);
  }
  emit (g, spaces[pick (g, G_N_ELEMENTS (spaces))]);
  g_string_append_c (g->out, odd ? (chance (g, 50) ? '=' : ':') : g->op);
  if (!one_line && chance (g, 3)) {
    emit (g, "\n");
    emit_indent (g, depth + 1);
  } else {
    emit (g, spaces[pick (g, G_N_ELEMENTS (spaces))]);
  }
  emit_value (g, value, depth, one_line);
  if (chance (g, 3)) {
    emit (g, " ");
    emit_comment (g, 2, FALSE);
  }
  emit (g, odd ? terms[pick (g, G_N_ELEMENTS (terms))] : g->term);
}

static gboolean
ends_terminated (Gen *g)
{
  char last = g->out->str[g->out->len - 1];

  return last == ';' || last == ',';
}

/* `start` and `end`: where the `{` and just after the `}` went */
static void
emit_group (Gen *g, GVariant *dict, guint depth, gboolean one_line, gsize *start, gsize *end)
{
  gsize n = g_variant_n_children (dict);

  if (start != NULL)
    *start = g->out->len;
  emit (g, "{");
  if (one_line) {
    const char *space = chance (g, 85) ? " " : "";

    emit (g, space);
    for (gsize i = 0; i < n; i++) {
      const char *key;
      g_autoptr (GVariant) value = NULL;

      g_variant_get_child (dict, i, "{&sv}", &key, &value);
      if (i > 0) {
        /* with no terminator, a space keeps `1 b` from reading as `1b` */
        emit (g, chance (g, 85) || !ends_terminated (g) ? " " : "");
        if (chance (g, 5)) {
          emit_comment (g, 2, FALSE);
          emit (g, " ");
        }
      }
      emit_setting (g, key, value, depth, TRUE);
    }
    emit (g, n > 0 ? space : "");
    emit (g, "}");
  } else {
    gboolean close_on_last_line = n > 0 && chance (g, 10);
    /* whether the next setting goes on the line that is open */
    gboolean on_line = n > 0 && chance (g, 10);

    if (on_line) {
      emit (g, " ");
    } else {
      emit_trailing (g, TRUE);
      emit (g, "\n");
    }
    for (gsize i = 0; i < n; i++) {
      const char *key;
      g_autoptr (GVariant) value = NULL;
      gboolean last = i + 1 == n;

      g_variant_get_child (dict, i, "{&sv}", &key, &value);
      if (!on_line) {
        emit_gap (g, depth + 1);
        emit_indent (g, depth + 1);
      }
      emit_setting (g, key, value, depth + 1, FALSE);
      on_line = !last && chance (g, 10);
      if (on_line) {
        emit (g, " ");
        continue;
      }
      emit_trailing (g, !(last && close_on_last_line));
      if (!(last && close_on_last_line))
        emit (g, "\n");
    }
    if (close_on_last_line) {
      emit (g, " }");
    } else {
      emit_gap (g, depth + 1);
      emit_indent (g, depth);
      emit (g, "}");
    }
  }
  if (end != NULL)
    *end = g->out->len;
}

/* random values */

static GVariant *random_value (Gen *g, const char *key);

/* a group with the first `n_required` of `keys` and some of the others, in
 * their order or shuffled; floating */
static GVariant *
random_dict (Gen *g, const char *const *keys, guint n_required, int percent)
{
  g_autoptr (GPtrArray) chosen = g_ptr_array_new ();
  GVariantBuilder builder;

  for (guint i = 0; keys[i] != NULL; i++) {
    if (i < n_required || chance (g, percent))
      g_ptr_array_add (chosen, (gpointer) keys[i]);
  }
  if (chance (g, 35)) {
    for (guint i = chosen->len; i > 1; i--) {
      guint j = (guint) pick (g, (int) i);
      gpointer t = chosen->pdata[i - 1];

      chosen->pdata[i - 1] = chosen->pdata[j];
      chosen->pdata[j] = t;
    }
  }
  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; i < chosen->len; i++)
    g_variant_builder_add (&builder, "{sv}", chosen->pdata[i], random_value (g, chosen->pdata[i]));
  return g_variant_builder_end (&builder);
}

static GVariant *
random_contact (Gen *g)
{
  return random_dict (g, contact_keys, 1, 35);
}

static GVariant *
random_event (Gen *g)
{
  return random_dict (g, event_keys, 2, 30);
}

static GVariant *
random_email (Gen *g)
{
  g_autofree char *text = NULL;

  if (chance (g, 30))
    return g_variant_new_take_string (random_text (g));
  text = g_strdup_printf ("person%d@example.org", pick (g, 1000));
  return g_variant_new_string (text);
}

/* floating */
static GVariant *
random_value (Gen *g, const char *key)
{
  static const char *const days[] = { "2026-12-24", "2026-12-25", "2027-01-01", "2026-12-31" };
  GVariantBuilder builder;
  int n;

  if (strcmp (key, "contacts") == 0 || strcmp (key, "events") == 0) {
    gboolean contacts = strcmp (key, "contacts") == 0;

    n = pick (g, contacts ? 4 : 5);
    g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
    for (int i = 0; i < n; i++)
      g_variant_builder_add_value (&builder, contacts ? random_contact (g) : random_event (g));
    return g_variant_builder_end (&builder);
  }
  if (strcmp (key, "holidays") == 0) {
    n = pick (g, 4);
    g_variant_builder_init (&builder, G_VARIANT_TYPE_STRING_ARRAY);
    for (int i = 0; i < n; i++)
      g_variant_builder_add (&builder, "s", days[pick (g, G_N_ELEMENTS (days))]);
    return g_variant_builder_end (&builder);
  }
  if (strcmp (key, "decision_in_days") == 0) {
    n = pick (g, 70) - 5;
    return chance (g, 8) ? g_variant_new_int64 (n) : g_variant_new_int32 (n);
  }
  if (strcmp (key, "email") == 0)
    return random_email (g);
  return g_variant_new_take_string (random_text (g));
}

static char *
new_id (Gen *g)
{
  static const char *const tails[] = { "", "-acme", "-blau.gmbh", "_2", "-x-y", " \"q\" ü\\" };

  return g_strdup_printf ("r%u%s", g->next_id++, tails[pick (g, G_N_ELEMENTS (tails))]);
}

/* the model */

typedef struct {
  char *id;
  GVariant *dict;      /* what the record holds, id included */
  gboolean written_id; /* whether the file says `id = ...` */
} Rec;

static void
rec_free (gpointer data)
{
  Rec *r = data;

  g_free (r->id);
  g_variant_unref (r->dict);
  g_free (r);
}

/* a record with an id; in `text_dict` as the file is to say it (without
 * the id when `written_id` is FALSE) */
static Rec *
random_record (Gen *g, gboolean written_id, GVariant **text_dict)
{
  Rec *r = g_new0 (Rec, 1);
  g_autoptr (GVariant) dict = g_variant_ref_sink (random_dict (g, record_keys + 1, 1, 30));
  GVariantBuilder builder;
  gsize n = g_variant_n_children (dict);
  gsize at = chance (g, 75) ? 0 : (gsize) pick (g, (int) n + 1);

  r->id = new_id (g);
  r->written_id = written_id;
  if (!written_id) {
    r->dict = dict_with (dict, "id", g_variant_new_string (r->id), TRUE);
    if (text_dict != NULL)
      *text_dict = g_variant_ref (dict);
    return r;
  }
  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (gsize i = 0; i <= n; i++) {
    if (i == at)
      g_variant_builder_add (&builder, "{sv}", "id", g_variant_new_string (r->id));
    if (i < n) {
      g_autoptr (GVariant) entry = g_variant_get_child_value (dict, i);

      g_variant_builder_add_value (&builder, entry);
    }
  }
  r->dict = g_variant_ref_sink (g_variant_builder_end (&builder));
  if (text_dict != NULL)
    *text_dict = g_variant_ref (r->dict);
  return r;
}

static GVariant *
random_policy (Gen *g)
{
  const char *workdays[] = { "Mon", "Tue", "Wed" };
  GVariantBuilder builder;
  gboolean any = FALSE;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  if (chance (g, 50)) {
    g_variant_builder_add (&builder, "{sv}", "workdays", g_variant_new_strv (workdays, 3));
    any = TRUE;
  }
  if (chance (g, 50)) {
    g_variant_builder_add (&builder, "{sv}", "quiet_hours", g_variant_new_string ("22:00-07:30"));
    any = TRUE;
  }
  if (chance (g, 40)) {
    g_variant_builder_add (&builder, "{sv}", "thank_you_within_hours", g_variant_new_int32 (12));
    any = TRUE;
  }
  if (!any || chance (g, 50))
    g_variant_builder_add (&builder, "{sv}", "max_calls", g_variant_new_int32 (2));
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

typedef struct {
  gsize start, end;
} Span;

static void
emit_interviews (Gen *g, GPtrArray *texts, GArray *spans)
{
  static const char *const odd_indents[] = { "", " ", "\t", "   ", "\t\t", "      " };
  gboolean one_line = chance (g, 10);
  gboolean same_line = FALSE;

  emit (g, "interviews");
  emit (g, chance (g, 80) ? " " : "");
  g_string_append_c (g->out, chance (g, g->chaos) ? ':' : g->op);
  emit (g, chance (g, 85) ? " " : "");
  emit (g, "(");
  if (one_line) {
    emit (g, texts->len > 0 ? " " : "");
    for (guint i = 0; i < texts->len; i++) {
      Span span;

      if (i > 0)
        emit (g, ", ");
      emit_group (g, texts->pdata[i], 1, TRUE, &span.start, &span.end);
      g_array_append_val (spans, span);
    }
    emit (g, " )");
  } else {
    emit_trailing (g, TRUE);
    emit (g, "\n");
    for (guint i = 0; i < texts->len; i++) {
      Span span;

      if (!same_line) {
        emit_gap (g, 1);
        if (chance (g, 10))
          emit (g, odd_indents[pick (g, G_N_ELEMENTS (odd_indents))]);
        else
          emit_indent (g, 1);
      }
      emit_group (g, texts->pdata[i], 1, chance (g, 35), &span.start, &span.end);
      g_array_append_val (spans, span);
      if (i + 1 < texts->len)
        emit_comma (g, 1, TRUE);
      same_line = i + 1 < texts->len && chance (g, 8);
      if (same_line) {
        emit (g, " ");
        continue;
      }
      emit_trailing (g, TRUE);
      emit (g, "\n");
    }
    emit_gap (g, 1);
    emit (g, ")");
  }
  emit (g, chance (g, g->chaos) ? (chance (g, 50) ? "," : "") : g->term);
}

/* a random file of 0 to 5 records; `recs` gets the model, `spans` where
 * each record's group stands */
static char *
gen_file (Gen *g, GPtrArray *recs, GArray *spans, gsize *length)
{
  static const char *const units[] = { "  ", "  ", "    ", "\t", " ", "   ", "\t " };
  static const char *const file_terms[] = { ";", ";", ";", ",", "" };
  gboolean policy = chance (g, 50), policy_last = chance (g, 30);
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr (GVariant) version = g_variant_ref_sink (g_variant_new_int32 (1));
  g_autoptr (GVariant) pol = random_policy (g);
  int n = pick (g, 10) == 0 ? 0 : 1 + pick (g, 5);

  g->out = g_string_new (NULL);
  g->unit = units[pick (g, G_N_ELEMENTS (units))];
  g->op = chance (g, 70) ? '=' : ':';
  g->term = file_terms[pick (g, G_N_ELEMENTS (file_terms))];
  g->chaos = chance (g, 50) ? 0 : pick (g, 40);
  for (int i = 0; i < n; i++) {
    GVariant *text = NULL;

    g_ptr_array_add (recs, random_record (g, chance (g, 70), &text));
    g_ptr_array_add (texts, text);
  }

  emit_gap (g, 0);
  emit_setting (g, "version", version, 0, FALSE);
  emit_trailing (g, TRUE);
  emit (g, "\n");
  emit_gap (g, 0);
  if (policy && !policy_last) {
    emit_setting (g, "policy", pol, 0, FALSE);
    emit_trailing (g, TRUE);
    emit (g, "\n");
    emit_gap (g, 0);
  }
  emit_interviews (g, texts, spans);
  emit_trailing (g, TRUE);
  emit (g, "\n");
  emit_gap (g, 0);
  if (policy && policy_last) {
    emit_setting (g, "policy", pol, 0, FALSE);
    emit_trailing (g, TRUE);
    emit (g, "\n");
  }
  /* the last line without its newline: libconfig 1.5 refuses a `#` or
   * `//` comment there, a block it takes */
  if (chance (g, 10))
    emit_comment (g, 2, FALSE);
  *length = g->out->len;
  return g_string_free (g_steal_pointer (&g->out), FALSE);
}

/* the random edits */

typedef enum {
  EDIT_CHANGE_STRING,
  EDIT_ADD_KEY,
  EDIT_REMOVE_KEY,
  EDIT_APPEND_EVENT,
  EDIT_CONTACT_EMAIL,
  EDIT_REMOVE_CONTACT,
  EDIT_EVENT_FIELD,
  EDIT_ADD_RECORD,
  EDIT_REMOVE_RECORD,
  EDIT_REMOVE_LAST,
  EDIT_REMOVE_ALL,
  EDIT_MULTI, /* two or three of the above in one patch */
  N_EDITS
} EditKind;

static const char *const edit_names[] = {
  "change-string", "add-key",    "remove-key",    "append-event", "contact-email", "remove-contact",
  "event-field",   "add-record", "remove-record", "remove-last",  "remove-all",    "multi",
};
static const int edit_weights[] = { 16, 13, 11, 11, 9, 6, 8, 9, 8, 6, 2, 6 };

static EditKind
random_edit (Gen *g, guint n_records)
{
  int total = 0, r;

  if (n_records == 0)
    return EDIT_ADD_RECORD;
  for (int i = 0; i < N_EDITS; i++)
    total += edit_weights[i];
  r = pick (g, total);
  for (int i = 0; i < N_EDITS; i++) {
    if (r < edit_weights[i])
      return (EditKind) i;
    r -= edit_weights[i];
  }
  return EDIT_CHANGE_STRING;
}

/* the keys other than id, those of `type` when it is not NULL */
static GPtrArray *
keys_of (GVariant *dict, const GVariantType *type)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  for (gsize i = 0; i < g_variant_n_children (dict); i++) {
    const char *key;
    g_autoptr (GVariant) value = NULL;

    g_variant_get_child (dict, i, "{&sv}", &key, &value);
    if (strcmp (key, "id") != 0 && (type == NULL || g_variant_is_of_type (value, type)))
      g_ptr_array_add (keys, g_strdup (key));
  }
  return keys;
}

/* `dict` after one change of `*kind` (which may become another kind when
 * the record has nothing to change that way) */
static GVariant *
modified (Gen *g, GVariant *dict, EditKind *kind, GString *what)
{
  gboolean keep_order = chance (g, 50);
  g_autoptr (GPtrArray) keys = NULL;
  g_autoptr (GVariant) list = NULL;
  const char *key;

  switch (*kind) {
    case EDIT_ADD_KEY:
      keys = g_ptr_array_new ();
      for (guint i = 1; record_keys[i] != NULL; i++) {
        if (!g_variant_lookup (dict, record_keys[i], "*", NULL))
          g_ptr_array_add (keys, (gpointer) record_keys[i]);
      }
      if (keys->len == 0)
        break;
      key = keys->pdata[pick (g, (int) keys->len)];
      g_string_append (what, key);
      return dict_with (dict, key, random_value (g, key), keep_order);
    case EDIT_REMOVE_KEY:
      keys = keys_of (dict, NULL);
      if (keys->len == 0) {
        *kind = EDIT_ADD_KEY;
        return modified (g, dict, kind, what);
      }
      key = keys->pdata[pick (g, (int) keys->len)];
      g_string_append (what, key);
      return dict_with (dict, key, NULL, keep_order);
    case EDIT_APPEND_EVENT:
      list = g_variant_lookup_value (dict, "events", G_VARIANT_TYPE ("aa{sv}"));
      return dict_with (dict, "events", list_with (list, -1, random_event (g)), keep_order);
    case EDIT_CONTACT_EMAIL:
      list = g_variant_lookup_value (dict, "contacts", G_VARIANT_TYPE ("aa{sv}"));
      if (list == NULL || g_variant_n_children (list) == 0) {
        g_autoptr (GVariant) contact = g_variant_ref_sink (random_contact (g));

        g_string_append (what, "first contact");
        return dict_with (dict, "contacts",
                          list_with (list, -1,
                                     dict_with (contact, "email", random_email (g), keep_order)),
                          keep_order);
      } else {
        gsize j = (gsize) pick (g, (int) g_variant_n_children (list));
        g_autoptr (GVariant) contact = g_variant_get_child_value (list, j);

        g_string_append_printf (what, "contact %zu", j);
        return dict_with (dict, "contacts",
                          list_with (list, (gssize) j,
                                     dict_with (contact, "email", random_email (g), keep_order)),
                          keep_order);
      }
    case EDIT_REMOVE_CONTACT:
      list = g_variant_lookup_value (dict, "contacts", G_VARIANT_TYPE ("aa{sv}"));
      if (list != NULL && g_variant_n_children (list) > 0) {
        gsize j = (gsize) pick (g, (int) g_variant_n_children (list));

        g_string_append_printf (what, "contact %zu", j);
        return dict_with (dict, "contacts", list_with (list, (gssize) j, NULL), keep_order);
      }
      break;
    case EDIT_EVENT_FIELD:
      list = g_variant_lookup_value (dict, "events", G_VARIANT_TYPE ("aa{sv}"));
      if (list != NULL && g_variant_n_children (list) > 0) {
        gsize j = (gsize) pick (g, (int) g_variant_n_children (list));
        g_autoptr (GVariant) ev = g_variant_get_child_value (list, j);
        gboolean drop;

        key = event_keys[pick (g, (int) G_N_ELEMENTS (event_keys) - 1)];
        drop = chance (g, 30) && g_variant_lookup (ev, key, "*", NULL);
        g_string_append_printf (what, "event %zu %s%s", j, drop ? "-" : "", key);
        return dict_with (dict, "events",
                          list_with (list, (gssize) j,
                                     dict_with (ev, key, drop ? NULL : random_value (g, key),
                                                keep_order)),
                          keep_order);
      }
      *kind = EDIT_APPEND_EVENT;
      return modified (g, dict, kind, what);
    default:
      break;
  }
  *kind = EDIT_CHANGE_STRING;
  keys = keys_of (dict, G_VARIANT_TYPE_STRING);
  key = keys->len > 0 ? keys->pdata[pick (g, (int) keys->len)] : "company";
  g_string_append (what, key);
  return dict_with (dict, key, g_variant_new_take_string (random_text (g)), keep_order);
}

/* running one file */

typedef enum {
  SHAPE_MODIFY,
  SHAPE_APPEND,
  SHAPE_REMOVE,
  SHAPE_REMOVE_ALL,
  SHAPE_MULTI,
} Shape;

typedef struct {
  guint32 seed; /* this file's */
  GString *edits;
  guint counts[N_EDITS];
  guint n_files, n_edits;
} Run;

static gboolean G_GNUC_PRINTF (6, 7)
report (Run *run, const char *in, gsize in_len, const char *out, gsize out_len, const char *format,
        ...)
{
  g_autofree char *message = NULL;
  g_autofree char *in_text = printable (in, in_len);
  g_autofree char *out_text = out ? printable (out, out_len) : g_strdup ("(none)");
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_test_message ("FAILED: %s\n"
                  "seed %u (replay: FOLLOWUP_DOC_SEED=%u FOLLOWUP_DOC_FILES=1)\n"
                  "edits: %s\n"
                  "--- input (%zu bytes):\n%s\n"
                  "--- output (%zu bytes):\n%s\n"
                  "---",
                  message, run->seed, run->seed, run->edits->str, in_len, in_text, out_len,
                  out_text);
  g_test_fail ();
  return FALSE;
}

static GVariant *
as_written (Rec *r)
{
  return r->written_id ? g_variant_ref (r->dict) : dict_with (r->dict, "id", NULL, TRUE);
}

/* (a) it parses, (b) to exactly the model */
static gboolean
check_records (Run *run, GPtrArray *recs, const char *in, gsize in_len, const char *out,
               gsize out_len, config_t *cfg)
{
  g_autofree char *problem = NULL;
  g_autoptr (GPtrArray) parsed = NULL;

  if (!parse (cfg, out, out_len, &problem))
    return report (run, in, in_len, out, out_len, "libconfig refuses the text: %s", problem);
  parsed = parsed_records (cfg);
  if (parsed == NULL)
    return report (run, in, in_len, out, out_len, "no interviews list");
  if (parsed->len != recs->len)
    return report (run, in, in_len, out, out_len, "%u records, not %u", parsed->len, recs->len);
  for (guint i = 0; i < recs->len; i++) {
    g_autoptr (GVariant) want = as_written (recs->pdata[i]);

    if (!same_value (want, parsed->pdata[i])) {
      g_autofree char *w = g_variant_print (want, FALSE);
      g_autofree char *p = g_variant_print (parsed->pdata[i], FALSE);

      return report (run, in, in_len, out, out_len, "record %u is\n  %s\nnot\n  %s", i, p, w);
    }
  }
  return TRUE;
}

/* the bytes of the text before that an edit of `shape` to the record at
 * `index` of `list` may change: a record's group; for an append, from the
 * last record to the `)`; for a removal, from the record before to the one
 * after */
static void
bound_of (FollowupScanNode *list, Shape shape, guint index, gsize *lo, gsize *hi)
{
  guint n = list->elements->len;

  switch (shape) {
    case SHAPE_MODIFY:
      *lo = element (list, index)->start;
      *hi = element (list, index)->end;
      break;
    case SHAPE_APPEND:
      *lo = n > 0 ? element (list, n - 1)->end : list->start + 1;
      *hi = list->end - 1;
      break;
    case SHAPE_REMOVE:
      *lo = index > 0 ? element (list, index - 1)->end : list->start + 1;
      *hi = index + 1 < n ? element (list, index + 1)->start : list->end - 1;
      break;
    default:
      *lo = list->start + 1;
      *hi = list->end - 1;
      break;
  }
}

/* (c) only bytes in [lo, hi) differ; an append inserts, a removal deletes,
 * each with at most one comma more or less */
static gboolean
check_region (Run *run, Shape shape, gsize lo, gsize hi, const char *in, gsize in_len,
              const char *out, gsize out_len)
{
  gsize tail = in_len - hi;
  const char *in_mid = in + lo, *out_mid = out + lo;
  gsize in_mid_len = hi - lo, out_mid_len;
  gboolean ok;

  if (!outside_same (in, in_len, out, out_len, lo, hi)) {
    gsize at = first_difference (in, in_len, out, out_len);

    return report (run, in, in_len, out, out_len,
                   "bytes outside [%zu, %zu) (lines %d-%d) changed: the texts first differ at "
                   "byte %zu (line %d)",
                   lo, hi, line_of (in, lo), line_of (in, hi), at, line_of (in, at));
  }
  out_mid_len = out_len - tail - lo;
  switch (shape) {
    case SHAPE_APPEND:
      ok = one_insertion_and_comma (in_mid, in_mid_len, out_mid, out_mid_len);
      break;
    case SHAPE_REMOVE:
      ok = one_insertion_and_comma (out_mid, out_mid_len, in_mid, in_mid_len);
      break;
    case SHAPE_REMOVE_ALL:
      ok = is_subsequence (out_mid, out_mid_len, in_mid, in_mid_len);
      break;
    default:
      ok = TRUE;
      break;
  }
  if (!ok)
    return report (run, in, in_len, out, out_len,
                   "between bytes %zu and %zu (lines %d-%d) the change is not %s", lo, hi,
                   line_of (in, lo), line_of (in, hi),
                   shape == SHAPE_APPEND   ? "one insertion and at most one comma"
                   : shape == SHAPE_REMOVE ? "one deletion and at most one comma"
                                           : "deletions only");
  return TRUE;
}

/* the generator's own file: libconfig reads the model, the scanner agrees */
static gboolean
check_generated (Run *run, GPtrArray *recs, GArray *spans, const char *text, gsize length)
{
  g_auto (config_t) cfg = { 0 };
  g_autofree char *problem = NULL;
  g_autoptr (FollowupScanNode) root = NULL;
  FollowupScanNode *list;

  /* a failure here is the generator's: its file is not what it meant */
  if (!check_records (run, recs, text, length, text, length, &cfg))
    return FALSE;
  problem = followup_scan_verify (text, length);
  if (problem != NULL)
    return report (run, text, length, NULL, 0, "followup_scan_verify: %s", problem);
  root = followup_scan_file (text, length);
  list = scanned_list (root);
  if (list == NULL || list->elements->len != recs->len)
    return report (run, text, length, NULL, 0, "the scanner finds no list of %u records",
                   recs->len);
  for (guint i = 0; i < spans->len; i++) {
    Span *span = &g_array_index (spans, Span, i);

    if (element (list, i)->start != span->start || element (list, i)->end != span->end)
      return report (run, text, length, NULL, 0,
                     "the scanner puts record %u at [%zu, %zu), it stands at [%zu, %zu)", i,
                     element (list, i)->start, element (list, i)->end, span->start, span->end);
  }
  return TRUE;
}

static gboolean
check_doc_text (Run *run, FollowupDoc *doc, const char *text, gsize length, const char *before,
                gsize before_len, const char *when)
{
  g_autoptr (GBytes) bytes = followup_doc_to_bytes (doc);
  gsize n;
  const char *data = g_bytes_get_data (bytes, &n);

  if (n != length || memcmp (data, text, length) != 0)
    return report (run, before, before_len, data, n, "%s: followup_doc_to_bytes is not the text",
                   when);
  if (!followup_doc_equal (doc, text, length))
    return report (run, before, before_len, text, length, "%s: followup_doc_equal is FALSE", when);
  /* and FALSE for any other text: one byte off, or one byte short */
  for (int i = 0; i < 3 && length > 0; i++) {
    g_autofree char *other = g_memdup2 (text, length);
    gsize at = i == 0 ? 0 : i == 1 ? length / 2 : length - 1;

    other[at] ^= 0x20;
    if (followup_doc_equal (doc, other, length))
      return report (run, before, before_len, text, length,
                     "%s: followup_doc_equal is TRUE with byte %zu changed", when, at);
  }
  if (length > 0 && followup_doc_equal (doc, text, length - 1))
    return report (run, before, before_len, text, length,
                   "%s: followup_doc_equal is TRUE for a text one byte short", when);
  if (followup_doc_get_length (doc) != length)
    return report (run, before, before_len, text, length,
                   "%s: followup_doc_get_length is %zu, not %zu", when,
                   followup_doc_get_length (doc), length);
  return TRUE;
}

/* one put (or, for remove-all, one per record) added to `patch` and made
 * to the model; `lo` and `hi` get what it may change of the text before,
 * whose list is `list` and whose records' indices are in `original` (+1) */
static EditKind
apply_op (Gen *g, FollowupDocPatch *patch, GPtrArray *recs, EditKind kind, GHashTable *original,
          FollowupScanNode *list, Shape *shape, gsize *lo, gsize *hi, GString *what)
{
  guint n = list->elements->len;
  g_autoptr (GString) args = g_string_new (NULL);
  GVariant *dict = NULL;
  guint index, at;
  Rec *r;

  switch (kind) {
    case EDIT_ADD_RECORD:
      r = random_record (g, TRUE, NULL);
      g_string_append (args, r->id);
      g_ptr_array_add (recs, r);
      followup_doc_patch_put (patch, r->id, r->dict);
      *shape = SHAPE_APPEND;
      bound_of (list, SHAPE_APPEND, n, lo, hi);
      break;
    case EDIT_REMOVE_RECORD:
    case EDIT_REMOVE_LAST:
      index = kind == EDIT_REMOVE_LAST ? recs->len - 1 : (guint) pick (g, (int) recs->len);
      r = recs->pdata[index];
      g_string_append (args, r->id);
      followup_doc_patch_put (patch, r->id, NULL);
      at = GPOINTER_TO_UINT (g_hash_table_lookup (original, r->id));
      *shape = SHAPE_REMOVE;
      /* one added in the same patch stood where appends go */
      bound_of (list, at ? SHAPE_REMOVE : SHAPE_APPEND, at ? at - 1 : n, lo, hi);
      g_ptr_array_remove_index (recs, index);
      break;
    case EDIT_REMOVE_ALL:
      for (guint i = 0; i < recs->len; i++)
        followup_doc_patch_put (patch, ((Rec *) recs->pdata[i])->id, NULL);
      g_ptr_array_set_size (recs, 0);
      *shape = SHAPE_REMOVE_ALL;
      bound_of (list, SHAPE_REMOVE_ALL, 0, lo, hi);
      break;
    default:
      index = (guint) pick (g, (int) recs->len);
      r = recs->pdata[index];
      /* a change that changes nothing is no edit */
      for (int tries = 0; tries < 20; tries++) {
        EditKind k = kind;

        g_clear_pointer (&dict, g_variant_unref);
        g_string_truncate (args, 0);
        g_string_append_printf (args, "%s ", r->id);
        dict = modified (g, r->dict, &k, args);
        if (!g_variant_equal (dict, r->dict)) {
          kind = k;
          break;
        }
      }
      g_variant_unref (r->dict);
      r->dict = dict;
      r->written_id = TRUE;
      followup_doc_patch_put (patch, r->id, r->dict);
      at = GPOINTER_TO_UINT (g_hash_table_lookup (original, r->id));
      *shape = SHAPE_MODIFY;
      bound_of (list, at ? SHAPE_MODIFY : SHAPE_APPEND, at ? at - 1 : n, lo, hi);
      break;
  }
  g_string_append_printf (what, "%s(%s)", edit_names[kind], args->str);
  return kind;
}

/* one random edit, checked and committed; `text` becomes the new text */
static gboolean
edit_once (Run *run, Gen *g, FollowupDoc *doc, GPtrArray *recs, char **text, gsize *length)
{
  EditKind kind = random_edit (g, recs->len);
  g_autoptr (FollowupScanNode) root = followup_scan_file (*text, *length);
  FollowupScanNode *list = scanned_list (root);
  g_autoptr (FollowupDocPatch) patch = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GString) what = g_string_new (NULL);
  g_autoptr (GHashTable) original = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) without_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto (config_t) cfg = { 0 };
  g_autofree char *problem = NULL;
  const char *in = *text, *out;
  gsize in_len = *length, out_len, lo, hi;
  guint n_before = recs->len;
  Shape shape;

  if (list == NULL || list->elements->len != recs->len)
    return report (run, in, in_len, NULL, 0, "the scanner finds no list of %u records", recs->len);
  for (guint i = 0; i < recs->len; i++) {
    Rec *r = recs->pdata[i];

    g_hash_table_insert (original, g_strdup (r->id), GUINT_TO_POINTER (i + 1));
    if (!r->written_id)
      g_hash_table_add (without_id, g_strdup (r->id));
  }
  patch = followup_doc_patch_new (doc);
  if (kind == EDIT_MULTI) {
    int n_ops = 2 + pick (g, 2);

    shape = SHAPE_MULTI;
    lo = G_MAXSIZE;
    hi = 0;
    g_string_append (what, "multi[");
    for (int i = 0; i < n_ops; i++) {
      EditKind sub = random_edit (g, recs->len);
      Shape s;
      gsize l, h;

      while (sub == EDIT_MULTI || sub == EDIT_REMOVE_ALL)
        sub = random_edit (g, recs->len);
      if (i > 0)
        g_string_append (what, "; ");
      run->counts[apply_op (g, patch, recs, sub, original, list, &s, &l, &h, what)]++;
      lo = MIN (lo, l);
      hi = MAX (hi, h);
    }
    g_string_append (what, "]");
  } else {
    kind = apply_op (g, patch, recs, kind, original, list, &shape, &lo, &hi, what);
  }
  run->counts[kind]++;
  run->n_edits++;
  g_string_append_printf (run->edits, "%s%s", run->edits->len ? ", " : "", what->str);

  bytes = followup_doc_patch_to_bytes (patch);
  out = g_bytes_get_data (bytes, &out_len);
  /* the doc stays as it was until the patch is committed */
  if (!check_doc_text (run, doc, in, in_len, in, in_len, "before the commit"))
    return FALSE;
  if (!check_records (run, recs, in, in_len, out, out_len, &cfg))
    return FALSE;
  for (guint i = 0; i < recs->len; i++) {
    Rec *r = recs->pdata[i];
    config_setting_t *first;

    if (!g_hash_table_contains (without_id, r->id) || !r->written_id)
      continue;
    first = config_setting_get_elem (config_setting_get_elem (interviews_setting (&cfg), i), 0);
    if (first == NULL || g_strcmp0 (config_setting_name (first), "id") != 0)
      return report (run, in, in_len, out, out_len,
                     "record %u had no id: its first edit must write `id = ...` as its first key",
                     i);
  }
  if (!check_region (run, shape, lo, hi, in, in_len, out, out_len))
    return FALSE;
  problem = followup_scan_verify (out, out_len);
  if (problem != NULL)
    return report (run, in, in_len, out, out_len, "followup_scan_verify: %s", problem);
  if (followup_doc_get_n_records (doc) != n_before)
    return report (run, in, in_len, out, out_len,
                   "followup_doc_get_n_records changed before the commit");

  followup_doc_patch_commit (patch);
  if (!check_doc_text (run, doc, out, out_len, in, in_len, "after the commit"))
    return FALSE;
  if (followup_doc_get_n_records (doc) != recs->len)
    return report (run, in, in_len, out, out_len, "followup_doc_get_n_records is %u, not %u",
                   followup_doc_get_n_records (doc), recs->len);
  g_free (*text);
  *text = g_strndup (out, out_len);
  *length = out_len;
  return TRUE;
}

/* the text with CRLF line ends; the spans move with it */
static char *
with_crlf (const char *text, gsize length, GArray *spans, gsize *new_length)
{
  GString *out = g_string_sized_new (length + length / 8);
  g_autoptr (GArray) before = g_array_sized_new (FALSE, FALSE, sizeof (gsize), length + 1);
  gsize lines = 0;

  for (gsize i = 0; i <= length; i++) {
    g_array_append_val (before, lines);
    if (i < length && text[i] == '\n') {
      g_string_append (out, "\r\n");
      lines++;
    } else if (i < length) {
      g_string_append_c (out, text[i]);
    }
  }
  for (guint i = 0; i < spans->len; i++) {
    Span *span = &g_array_index (spans, Span, i);

    span->start += g_array_index (before, gsize, span->start);
    span->end += g_array_index (before, gsize, span->end);
  }
  *new_length = out->len;
  return g_string_free (out, FALSE);
}

static gboolean
run_file (Run *run)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (run->seed);
  Gen gen = { rand, NULL, NULL, '=', ";", 0, 0 };
  g_autoptr (GPtrArray) recs = g_ptr_array_new_with_free_func (rec_free);
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr (FollowupDoc) doc = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length;
  int n_edits;

  g_string_truncate (run->edits, 0);
  text = gen_file (&gen, recs, spans, &length);
  if (pick (&gen, 100) < 5) {
    char *crlf = with_crlf (text, length, spans, &length);

    g_free (text);
    text = crlf;
  }
  run->n_files++;
  if (!check_generated (run, recs, spans, text, length))
    return FALSE;
  doc = followup_doc_new (text, length, &error);
  if (doc == NULL)
    return report (run, text, length, NULL, 0, "followup_doc_new: %s",
                   error ? error->message : "NULL without an error");
  if (followup_doc_get_n_records (doc) != recs->len)
    return report (run, text, length, NULL, 0, "the doc has %u records, the file %u",
                   followup_doc_get_n_records (doc), recs->len);
  if (!check_doc_text (run, doc, text, length, text, length, "as loaded"))
    return FALSE;
  for (guint i = 0; i < recs->len; i++) {
    Rec *r = recs->pdata[i];

    followup_doc_bind (doc, i, r->id, r->dict);
  }
  n_edits = 1 + pick (&gen, 8);
  for (int i = 0; i < n_edits; i++) {
    if (!edit_once (run, &gen, doc, recs, &text, &length))
      return FALSE;
  }
  return TRUE;
}

static guint32
env_number (const char *name, guint32 fallback)
{
  const char *value = g_getenv (name);

  return value != NULL && *value != '\0' ? (guint32) g_ascii_strtoull (value, NULL, 10) : fallback;
}

static void
test_random_edits (void)
{
  guint32 seed = env_number ("FOLLOWUP_DOC_SEED",
                             g_test_thorough () ? (guint32) g_test_rand_int () : DEFAULT_SEED);
  guint32 files = env_number ("FOLLOWUP_DOC_FILES", g_test_thorough () ? 5000 : DEFAULT_FILES);
  g_autoptr (GString) counts = g_string_new (NULL);
  Run run = { 0 };
  guint failures = 0;
  gint64 t0 = g_get_monotonic_time ();

  run.edits = g_string_new (NULL);
  g_test_message ("seed %u, %u files (FOLLOWUP_DOC_SEED, FOLLOWUP_DOC_FILES)", seed, files);
  /* a few failing files say more than one; hundreds say nothing more */
  for (guint32 i = 0; i < files && failures < 3; i++) {
    run.seed = seed + i;
    if (!run_file (&run))
      failures++;
  }
  for (int i = 0; i < N_EDITS; i++)
    g_string_append_printf (counts, " %s %u", edit_names[i], run.counts[i]);
  g_test_message ("%u files, %u edits in %.2f s:%s", run.n_files, run.n_edits,
                  (g_get_monotonic_time () - t0) / 1e6, counts->str);
  g_string_free (run.edits, TRUE);
}

/* named cases */

typedef struct {
  FollowupDoc *doc;
  GHashTable *dicts; /* id → the record as the doc holds it */
  char *text;        /* the doc's text now */
} Book;

static void
book_free (Book *b)
{
  g_clear_pointer (&b->doc, followup_doc_free);
  g_clear_pointer (&b->dicts, g_hash_table_unref);
  g_free (b->text);
  g_free (b);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Book, book_free)

/* the doc of `text`, record i bound to ids[i] and to what libconfig reads
 * there, with that id added where the file has none */
static Book *
book_new (const char *text, const char *const *ids)
{
  g_autoptr (Book) b = g_new0 (Book, 1);
  g_auto (config_t) cfg = { 0 };
  g_autofree char *problem = NULL;
  g_autofree char *scan_problem = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GError) error = NULL;

  b->dicts =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_variant_unref);
  b->text = g_strdup (text);
  if (!parse (&cfg, text, strlen (text), &problem)) {
    g_test_message ("libconfig refuses the test's own text: %s", problem);
    g_test_fail ();
    return NULL;
  }
  scan_problem = followup_scan_verify (text, strlen (text));
  g_assert_null (scan_problem);
  records = parsed_records (&cfg);
  b->doc = followup_doc_new (text, strlen (text), &error);
  g_assert_no_error (error);
  if (b->doc == NULL || records == NULL)
    return NULL;
  g_assert_cmpuint (followup_doc_get_n_records (b->doc), ==, records->len);
  for (guint i = 0; i < records->len; i++) {
    GVariant *dict = dict_with (records->pdata[i], "id", g_variant_new_string (ids[i]), TRUE);

    followup_doc_bind (b->doc, i, ids[i], dict);
    g_hash_table_insert (b->dicts, g_strdup (ids[i]), dict);
  }
  return g_steal_pointer (&b);
}

/* `id` becomes `dict` (floating, or a reference the caller gives up; NULL
 * removes it); checked, committed, and the new text returned */
static const char *
book_put (Book *b, const char *id, GVariant *dict)
{
  g_autoptr (GVariant) owned = dict ? g_variant_take_ref (dict) : NULL;
  g_autoptr (FollowupDocPatch) patch = followup_doc_patch_new (b->doc);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GBytes) after = NULL;
  g_auto (config_t) cfg = { 0 };
  g_autofree char *problem = NULL;
  g_autofree char *scan_problem = NULL;
  const char *data;
  gsize length;

  followup_doc_patch_put (patch, id, owned);
  bytes = followup_doc_patch_to_bytes (patch);
  data = g_bytes_get_data (bytes, &length);
  g_free (b->text);
  b->text = g_strndup (data, length);
  if (!parse (&cfg, data, length, &problem)) {
    g_test_message ("libconfig refuses the edited text (%s):\n%s", problem, b->text);
    g_test_fail ();
  }
  scan_problem = followup_scan_verify (data, length);
  g_assert_null (scan_problem);
  followup_doc_patch_commit (patch);
  after = followup_doc_to_bytes (b->doc);
  g_assert_true (g_bytes_equal (after, bytes));
  if (owned != NULL)
    g_hash_table_insert (b->dicts, g_strdup (id), g_variant_ref (owned));
  else
    g_hash_table_remove (b->dicts, id);
  return b->text;
}

/* the record `id` with `key` set to `value` (floating; NULL removes it) */
static const char *
book_set (Book *b, const char *id, const char *key, GVariant *value)
{
  GVariant *dict = g_hash_table_lookup (b->dicts, id);

  g_assert_nonnull (dict);
  return book_put (b, id, dict_with (dict, key, value, TRUE));
}

/* the record `id` with `event` (floating) appended to its events */
static const char *
book_append_event (Book *b, const char *id, GVariant *event)
{
  GVariant *dict = g_hash_table_lookup (b->dicts, id);
  g_autoptr (GVariant) events = NULL;

  g_assert_nonnull (dict);
  events = g_variant_lookup_value (dict, "events", G_VARIANT_TYPE ("aa{sv}"));
  return book_set (b, id, "events", list_with (events, -1, event));
}

static void
test_comment_after_value (void)
{
  static const char text[] =
    "version = 1;\n"
    "interviews = (\n"
    "  {\n"
    "    id = \"acme\";\n"
    "    company = \"Acme\"; # the client, not the agency\n"
    "    role = \"Analyst\";  // since May\n"
    "    status = \"waiting\"; /* asked twice */\n"
    "  },\n"
    "  { id = \"blau\"; company = \"Blau\"; /* Berlin */ role = \"Dev\"; }\n"
    ");\n";
  static const char expected[] = "version = 1;\n"
                                 "interviews = (\n"
                                 "  {\n"
                                 "    id = \"acme\";\n"
                                 "    company = \"Acme Corp\"; # the client, not the agency\n"
                                 "    role = \"Data Analyst\";  // since May\n"
                                 "    status = \"no-opening\"; /* asked twice */\n"
                                 "  },\n"
                                 "  { id = \"blau\"; company = \"Blau GmbH\"; /* Berlin */ role = "
                                 "\"Dev\"; }\n"
                                 ");\n";
  const char *const ids[] = { "acme", "blau" };
  g_autoptr (Book) b = book_new (text, ids);

  REQUIRE (b);
  book_set (b, "acme", "company", g_variant_new_string ("Acme Corp"));
  book_set (b, "acme", "role", g_variant_new_string ("Data Analyst"));
  book_set (b, "acme", "status", g_variant_new_string ("no-opening"));
  book_set (b, "blau", "company", g_variant_new_string ("Blau GmbH"));
  g_assert_cmpstr (b->text, ==, expected);
}

static void
test_policy_and_colons (void)
{
  static const char policy[] = "policy = {\n"
                               "  max_calls : 2;\n"
                               "  workdays = [ \"Mon\", \"Tue\",\n"
                               "               \"Wed\" ];  # no Fridays\n"
                               "};\n";
  g_autofree char *text = g_strconcat ("version: 1;\n", policy,
                                       "interviews : (\n"
                                       "  {\n"
                                       "    id : \"acme\";\n"
                                       "    company : \"Acme\";\n"
                                       "  }\n"
                                       ");\n",
                                       NULL);
  g_autofree char *expected = g_strconcat ("version: 1;\n", policy,
                                           "interviews : (\n"
                                           "  {\n"
                                           "    id : \"acme\";\n"
                                           "    company : \"Acme Corp\";\n"
                                           "    role : \"Analyst\";\n"
                                           "  }\n"
                                           ");\n",
                                           NULL);
  const char *const ids[] = { "acme" };
  g_autoptr (Book) b = book_new (text, ids);

  REQUIRE (b);
  book_set (b, "acme", "role", g_variant_new_string ("Analyst"));
  g_assert_true (g_str_has_prefix (b->text, "version: 1;\npolicy = {\n  max_calls : 2;\n"));
  book_set (b, "acme", "company", g_variant_new_string ("Acme Corp"));
  g_assert_cmpstr (b->text, ==, expected);
}

static const char three_records[] = "version = 1;\n"
                                    "interviews = (\n"
                                    "  # Acme: met at the fair\n"
                                    "  { id = \"acme\"; company = \"Acme\"; },\n"
                                    "\n"
                                    "  # Blau: two lines\n"
                                    "  // of notes about Blau\n"
                                    "  /* and a block */\n"
                                    "  { id = \"blau\"; company = \"Blau\"; },  # Blau's own\n"
                                    "  # Corp\n"
                                    "  { id = \"corp\"; company = \"Corp\"; }\n"
                                    ");\n"
                                    "# the end\n";

/* the comment lines directly above a record go with it, the blank line
 * above those stays */
static void
test_remove_middle (void)
{
  const char *const ids[] = { "acme", "blau", "corp" };
  g_autoptr (Book) b = book_new (three_records, ids);

  REQUIRE (b);
  g_assert_cmpstr (book_put (b, "blau", NULL), ==,
                   "version = 1;\n"
                   "interviews = (\n"
                   "  # Acme: met at the fair\n"
                   "  { id = \"acme\"; company = \"Acme\"; },\n"
                   "\n"
                   "  # Corp\n"
                   "  { id = \"corp\"; company = \"Corp\"; }\n"
                   ");\n"
                   "# the end\n");
}

static void
test_remove_first (void)
{
  const char *const ids[] = { "acme", "blau", "corp" };
  g_autoptr (Book) b = book_new (three_records, ids);

  REQUIRE (b);
  g_assert_cmpstr (book_put (b, "acme", NULL), ==,
                   "version = 1;\n"
                   "interviews = (\n"
                   "\n"
                   "  # Blau: two lines\n"
                   "  // of notes about Blau\n"
                   "  /* and a block */\n"
                   "  { id = \"blau\"; company = \"Blau\"; },  # Blau's own\n"
                   "  # Corp\n"
                   "  { id = \"corp\"; company = \"Corp\"; }\n"
                   ");\n"
                   "# the end\n");
}

/* the last one goes with the comma before it */
static void
test_remove_last (void)
{
  const char *const ids[] = { "acme", "blau", "corp" };
  g_autoptr (Book) b = book_new (three_records, ids);

  REQUIRE (b);
  g_assert_cmpstr (book_put (b, "corp", NULL), ==,
                   "version = 1;\n"
                   "interviews = (\n"
                   "  # Acme: met at the fair\n"
                   "  { id = \"acme\"; company = \"Acme\"; },\n"
                   "\n"
                   "  # Blau: two lines\n"
                   "  // of notes about Blau\n"
                   "  /* and a block */\n"
                   "  { id = \"blau\"; company = \"Blau\"; }  # Blau's own\n"
                   ");\n"
                   "# the end\n");
}

/* a key with a line to itself goes with its line; one among others on a
 * line goes with the blank after it */
static void
test_remove_key (void)
{
  static const char text[] =
    "version = 1;\n"
    "interviews = (\n"
    "  {\n"
    "    id = \"acme\";\n"
    "    company = \"Acme\";\n"
    "    role = \"Analyst\"; # senior\n"
    "    status = \"waiting\";\n"
    "  },\n"
    "  { id = \"blau\"; company = \"Blau\"; role = \"Dev\"; status = \"waiting\"; }\n"
    ");\n";
  const char *const ids[] = { "acme", "blau" };
  g_autoptr (Book) b = book_new (text, ids);

  REQUIRE (b);
  book_set (b, "acme", "role", NULL);
  book_set (b, "blau", "role", NULL);
  book_set (b, "blau", "status", NULL);
  g_assert_cmpstr (b->text, ==,
                   "version = 1;\n"
                   "interviews = (\n"
                   "  {\n"
                   "    id = \"acme\";\n"
                   "    company = \"Acme\";\n"
                   "    status = \"waiting\";\n"
                   "  },\n"
                   "  { id = \"blau\"; company = \"Blau\"; }\n"
                   ");\n");
}

static void
test_record_without_id (void)
{
  static const char text[] = "version = 1;\n"
                             "interviews = (\n"
                             "  {\n"
                             "    company = \"Acme\";\n"
                             "    role = \"Analyst\";\n"
                             "  },\n"
                             "  { company = \"Blau\"; }\n"
                             ");\n";
  const char *const ids[] = { "acme-analyst", "blau" };
  g_autoptr (Book) b = book_new (text, ids);

  REQUIRE (b);
  book_set (b, "acme-analyst", "status", g_variant_new_string ("waiting"));
  book_set (b, "blau", "company", g_variant_new_string ("Blau GmbH"));
  /* the second edit finds the id in place */
  book_set (b, "acme-analyst", "role", g_variant_new_string ("Data Analyst"));
  g_assert_cmpstr (b->text, ==,
                   "version = 1;\n"
                   "interviews = (\n"
                   "  {\n"
                   "    id = \"acme-analyst\";\n"
                   "    company = \"Acme\";\n"
                   "    role = \"Data Analyst\";\n"
                   "    status = \"waiting\";\n"
                   "  },\n"
                   "  { id = \"blau\"; company = \"Blau GmbH\"; }\n"
                   ");\n");
}

static GVariant *
event (const char *type, const char *at, const char *outcome)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "type", g_variant_new_string (type));
  g_variant_builder_add (&builder, "{sv}", "at", g_variant_new_string (at));
  if (outcome != NULL)
    g_variant_builder_add (&builder, "{sv}", "outcome", g_variant_new_string (outcome));
  return g_variant_builder_end (&builder);
}

/* the leading blanks of the line `pos` is on */
static char *
indentation_at (const char *text, gsize pos)
{
  gsize start = pos, end;

  while (start > 0 && text[start - 1] != '\n')
    start--;
  end = start;
  while (text[end] == ' ' || text[end] == '\t')
    end++;
  return g_strndup (text + start, end - start);
}

static void
test_event_into_empty_list (void)
{
  static const char text[] = "version = 1;\n"
                             "interviews = (\n"
                             "  {\n"
                             "    id = \"acme\";\n"
                             "    events = ( );\n"
                             "    notes = \"x\";\n"
                             "  }\n"
                             ");\n";
  static const char before[] = "version = 1;\n"
                               "interviews = (\n"
                               "  {\n"
                               "    id = \"acme\";\n"
                               "    events = ";
  static const char after[] = ";\n"
                              "    notes = \"x\";\n"
                              "  }\n"
                              ");\n";
  const char *const ids[] = { "acme" };
  g_autoptr (Book) b = book_new (text, ids);
  g_auto (GStrv) lines = NULL;
  g_autofree char *mid = NULL;
  const char *out;

  REQUIRE (b);
  out = book_append_event (b, "acme", event ("email", "2026-12-01T10:00", NULL));
  g_assert_true (g_str_has_prefix (out, before));
  g_assert_true (g_str_has_suffix (out, after));
  if (!g_str_has_prefix (out, before) || !g_str_has_suffix (out, after))
    return;
  /* the list as written: on one line, or one event a line inside the
   * record's indentation and `)` under `events` */
  mid = g_strndup (out + strlen (before), strlen (out) - strlen (before) - strlen (after));
  lines = g_strsplit (mid, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++) {
    if (lines[i + 1] == NULL)
      g_assert_cmpstr (lines[i], ==, "    )");
    else
      g_assert_true (g_str_has_prefix (lines[i], "     "));
  }
}

/* a list of one-line events, one a line, indented more than the
 * two-space default: the new event comes out the same */
static void
test_event_inline_elements (void)
{
  static const char text[] = "version = 1;\n"
                             "interviews = (\n"
                             "  {\n"
                             "    id = \"acme\";\n"
                             "    events = (\n"
                             "        { type = \"email\"; at = \"2026-12-01T10:00\"; },\n"
                             "        { type = \"call\"; at = \"2026-12-01T11:00\"; outcome = "
                             "\"voicemail\"; }\n"
                             "    );\n"
                             "  }\n"
                             ");\n";
  const char *const ids[] = { "acme" };
  g_autoptr (Book) b = book_new (text, ids);

  REQUIRE (b);
  book_append_event (b, "acme", event ("thank-you", "2026-12-02T09:00", NULL));
  g_assert_cmpstr (b->text, ==,
                   "version = 1;\n"
                   "interviews = (\n"
                   "  {\n"
                   "    id = \"acme\";\n"
                   "    events = (\n"
                   "        { type = \"email\"; at = \"2026-12-01T10:00\"; },\n"
                   "        { type = \"call\"; at = \"2026-12-01T11:00\"; outcome = \"voicemail\"; "
                   "},\n"
                   "        { type = \"thank-you\"; at = \"2026-12-02T09:00\"; }\n"
                   "    );\n"
                   "  }\n"
                   ");\n");
}

/* a list of multi-line events indented with tabs: the new event too, its
 * keys one tab deeper */
static void
test_event_multi_line_elements (void)
{
  static const char text[] = "version = 1;\n"
                             "interviews = (\n"
                             "\t{\n"
                             "\t\tid = \"blau\";\n"
                             "\t\tevents = (\n"
                             "\t\t\t{\n"
                             "\t\t\t\ttype = \"email\";\n"
                             "\t\t\t\tat = \"2026-12-01T10:00\";\n"
                             "\t\t\t}\n"
                             "\t\t);\n"
                             "\t}\n"
                             ");\n";
  const char *const ids[] = { "blau" };
  g_autoptr (Book) b = book_new (text, ids);

  REQUIRE (b);
  book_append_event (b, "blau", event ("call", "2026-12-02T10:00", "reached"));
  g_assert_cmpstr (b->text, ==,
                   "version = 1;\n"
                   "interviews = (\n"
                   "\t{\n"
                   "\t\tid = \"blau\";\n"
                   "\t\tevents = (\n"
                   "\t\t\t{\n"
                   "\t\t\t\ttype = \"email\";\n"
                   "\t\t\t\tat = \"2026-12-01T10:00\";\n"
                   "\t\t\t},\n"
                   "\t\t\t{\n"
                   "\t\t\t\ttype = \"call\";\n"
                   "\t\t\t\tat = \"2026-12-02T10:00\";\n"
                   "\t\t\t\toutcome = \"reached\";\n"
                   "\t\t\t}\n"
                   "\t\t);\n"
                   "\t}\n"
                   ");\n");
}

static void
test_inline_record (void)
{
  static const char text[] = "version = 1;\n"
                             "interviews = (\n"
                             "  { company = \"A\"; role = \"B\"; },\n"
                             "  { id = \"c\"; company = \"C\"; notes = \"n\"; }\n"
                             ");\n";
  const char *const ids[] = { "a-b", "c" };
  g_autoptr (Book) b = book_new (text, ids);

  REQUIRE (b);
  book_set (b, "a-b", "interviewed_at", g_variant_new_string ("2026-11-20 14:00"));
  /* a new key goes where the canonical order puts it among the others */
  book_set (b, "c", "role", g_variant_new_string ("R"));
  g_assert_cmpstr (b->text, ==,
                   "version = 1;\n"
                   "interviews = (\n"
                   "  { id = \"a-b\"; company = \"A\"; role = \"B\"; interviewed_at = \"2026-11-20 "
                   "14:00\"; },\n"
                   "  { id = \"c\"; company = \"C\"; role = \"R\"; notes = \"n\"; }\n"
                   ");\n");
}

/* the text after `#` or `//` on a comment line, or NULL */
static const char *
commented (const char *line)
{
  line += strspn (line, " \t");
  if (line[0] == '#')
    return line + 1;
  if (line[0] == '/' && line[1] == '/')
    return line + 2;
  return NULL;
}

/* whether a comment's text is a setting `name = ...` or `name: ...` */
static gboolean
is_setting (const char *comment, const char *name)
{
  const char *p = comment + strspn (comment, " \t");
  gsize n = name ? strlen (name) : strspn (p, "abcdefghijklmnopqrstuvwxyz_");

  if (n == 0 || strncmp (p, name ? name : p, n) != 0)
    return FALSE;
  p += n;
  p += strspn (p, " \t");
  return *p == '=' || *p == ':';
}

static void
check_settings_use_equals (const char *text, FollowupScanNode *node)
{
  for (guint i = 0; node->settings != NULL && i < node->settings->len; i++) {
    FollowupScanSetting *s = node->settings->pdata[i];
    const char *op = text + s->op_start + strspn (text + s->op_start, " \t");

    if (*op != '=') {
      g_test_message ("`%s` is not followed by `=`", s->name);
      g_test_fail ();
    }
    check_settings_use_equals (text, s->value);
  }
  for (guint i = 0; node->elements != NULL && i < node->elements->len; i++)
    check_settings_use_equals (text, node->elements->pdata[i]);
}

static void
check_two_space_indentation (const char *text, gsize from, gsize to)
{
  g_autofree char *part = g_strndup (text + from, to - from);
  g_auto (GStrv) lines = g_strsplit (part, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++) {
    gsize spaces = strspn (lines[i], " ");

    if (lines[i][spaces] == '\t' || spaces % 2 != 0) {
      g_test_message ("not indented by two spaces a step: “%s”", lines[i]);
      g_test_fail ();
    }
  }
}

static void
test_starter_policy (void)
{
  g_autoptr (FollowupDoc) doc = followup_doc_new_starter ();
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (FollowupScanNode) root = NULL;
  g_autoptr (GString) uncommented = g_string_new (NULL);
  g_autoptr (FollowupPolicy) policy = NULL;
  g_autoptr (FollowupPolicy) defaults = followup_policy_new_default ();
  g_autoptr (GVariant) dict = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (config_t) cfg = { 0 };
  g_auto (config_t) cfg2 = { 0 };
  g_auto (GStrv) lines = NULL;
  g_autofree char *text = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *scan_problem = NULL;
  g_autofree char *bad_key = NULL;
  config_setting_t *list, *group;
  gboolean policy_group_written;
  gsize length;

  REQUIRE (doc);
  bytes = followup_doc_to_bytes (doc);
  text = g_strndup (g_bytes_get_data (bytes, &length), g_bytes_get_size (bytes));
  g_test_message ("the starter:\n%s", text);
  g_assert_true (parse (&cfg, text, length, &problem));
  g_assert_null (problem);
  list = interviews_setting (&cfg);
  REQUIRE (list);
  g_assert_cmpint (config_setting_length (list), ==, 0);
  g_assert_cmpuint (followup_doc_get_n_records (doc), ==, 0);
  scan_problem = followup_scan_verify (text, length);
  g_assert_null (scan_problem);
  root = followup_scan_file (text, length);
  REQUIRE (root);
  check_settings_use_equals (text, root);
  check_two_space_indentation (text, 0, length);

  /* each key once, commented out, with `=` and a one-line comment of its own */
  policy_group_written = config_lookup (&cfg, "policy") != NULL;
  lines = g_strsplit (text, "\n", -1);
  for (guint k = 0; policy_keys[k] != NULL; k++) {
    guint found = 0;

    if (policy_group_written)
      g_assert_null (config_setting_get_member (config_lookup (&cfg, "policy"), policy_keys[k]));
    for (guint i = 0; lines[i] != NULL; i++) {
      const char *c = commented (lines[i]);
      const char *above = i > 0 ? commented (lines[i - 1]) : NULL;
      const char *after;

      if (c == NULL || !is_setting (c, policy_keys[k]))
        continue;
      found++;
      after = c + strspn (c, " \t") + strlen (policy_keys[k]);
      after += strspn (after, " \t");
      if (*after != '=') {
        g_test_message ("“%s”: not with `=`", lines[i]);
        g_test_fail ();
      }
      /* explained on the line above, or after the value on its own line */
      if ((above == NULL || is_setting (above, NULL)) && strchr (c, '#') == NULL &&
          strstr (c, "//") == NULL) {
        g_test_message ("“%s” has no one-line comment of its own", lines[i]);
        g_test_fail ();
      }
    }
    if (found != 1) {
      g_test_message ("the policy key %s is spelled out %u times", policy_keys[k], found);
      g_test_fail ();
    }
  }

  /* uncommented, those lines are the defaults */
  for (guint i = 0; lines[i] != NULL; i++) {
    const char *c = commented (lines[i]);
    gboolean key = FALSE;

    for (guint k = 0; c != NULL && policy_keys[k] != NULL; k++)
      key = key || is_setting (c, policy_keys[k]);
    if (c != NULL && !policy_group_written && !key) {
      const char *p = c + strspn (c, " \t");

      key = is_setting (c, "policy") || g_str_has_prefix (p, "};") || strcmp (p, "}") == 0;
    }
    if (key) {
      g_string_append_len (uncommented, lines[i], strspn (lines[i], " \t"));
      g_string_append (uncommented, c + strspn (c, " \t"));
    } else {
      g_string_append (uncommented, lines[i]);
    }
    g_string_append_c (uncommented, '\n');
  }
  g_clear_pointer (&problem, g_free);
  if (!parse (&cfg2, uncommented->str, uncommented->len, &problem)) {
    g_test_message ("uncommented, the starter does not parse (%s):\n%s", problem, uncommented->str);
    g_test_fail ();
    return;
  }
  group = config_lookup (&cfg2, "policy");
  REQUIRE (group);
  dict = g_variant_ref_sink (setting_to_variant (group));
  for (guint k = 0; policy_keys[k] != NULL; k++)
    g_assert_true (g_variant_lookup (dict, policy_keys[k], "*", NULL));
  policy = followup_policy_new_from_variant (dict, &bad_key, &error);
  g_assert_no_error (error);
  REQUIRE (policy);
  g_assert_cmpuint (policy->call_windows->len, ==, defaults->call_windows->len);
  for (guint i = 0; i < policy->call_windows->len && i < defaults->call_windows->len; i++) {
    g_assert_cmpint (g_array_index (policy->call_windows, FollowupWindow, i).start, ==,
                     g_array_index (defaults->call_windows, FollowupWindow, i).start);
    g_assert_cmpint (g_array_index (policy->call_windows, FollowupWindow, i).end, ==,
                     g_array_index (defaults->call_windows, FollowupWindow, i).end);
  }
  g_assert_cmpuint (policy->workdays, ==, defaults->workdays);
  g_assert_cmpuint (policy->holidays->len, ==, defaults->holidays->len);
  g_assert_cmpint (policy->has_quiet_hours, ==, defaults->has_quiet_hours);
  g_assert_cmpint (policy->quiet_hours.start, ==, defaults->quiet_hours.start);
  g_assert_cmpint (policy->quiet_hours.end, ==, defaults->quiet_hours.end);
  g_assert_cmpint (policy->thank_you_within_hours, ==, defaults->thank_you_within_hours);
  g_assert_cmpint (policy->follow_up_email_after_days, ==, defaults->follow_up_email_after_days);
  g_assert_cmpint (policy->call_without_timeline_after_days, ==,
                   defaults->call_without_timeline_after_days);
  g_assert_cmpint (policy->max_calls, ==, defaults->max_calls);
  g_assert_cmpint (policy->call_retry_after_workdays, ==, defaults->call_retry_after_workdays);
  g_assert_cmpint (policy->move_on_after_days, ==, defaults->move_on_after_days);
}

/* the keys of a group as libconfig reads them, in their order, are in the
 * canonical order */
static void
check_canonical (config_setting_t *group, const char *const *canonical)
{
  guint next = 0;

  for (int i = 0; i < config_setting_length (group); i++) {
    const char *name = config_setting_name (config_setting_get_elem (group, (unsigned) i));

    while (canonical[next] != NULL && strcmp (canonical[next], name) != 0)
      next++;
    if (canonical[next] == NULL) {
      g_test_message ("“%s” is out of the canonical order", name);
      g_test_fail ();
      return;
    }
  }
}

static void
test_starter_append (void)
{
  g_autoptr (FollowupDoc) doc = followup_doc_new_starter ();
  g_autoptr (FollowupDocPatch) patch = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GBytes) after = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (FollowupScanNode) root = NULL;
  g_autoptr (GVariant) dict = NULL;
  g_auto (config_t) cfg = { 0 };
  g_autofree char *problem = NULL;
  g_autofree char *scan_problem = NULL;
  g_autofree char *text = NULL;
  g_autofree char *brace_indent = NULL;
  config_setting_t *record, *list;
  FollowupScanNode *node, *rec;
  const char *in;
  gsize in_len, length, prefix, suffix;

  REQUIRE (doc);
  /* every key, in the reverse of the canonical order */
  dict = g_variant_ref_sink (g_variant_new_parsed (
    "{'notes': <'n'>,"
    " 'events': <[{'notes': <'e'>, 'outcome': <'reached'>, 'at': <'2026-12-02 10:00'>,"
    "              'type': <'call'>},"
    "             {'decision_by': <'2026-12-20'>, 'at': <'2026-12-03 10:00'>,"
    "              'type': <'response'>}]>,"
    " 'holidays': <['2026-12-24']>, 'status_at': <'2026-12-03 10:00'>, 'status': <'waiting'>,"
    " 'decision_by': <'2026-12-20'>, 'decision_in_days': <7>,"
    " 'contacts': <[{'holidays': <['2026-12-25']>, 'timezone': <'Asia/Tokyo'>,"
    "                'prefers': <'email'>, 'phone': <'+81 3'>, 'email': <'a@x.org'>,"
    "                'name': <'Ann'>},"
    "               {'phone': <'+1 555'>, 'name': <'Bo'>}]>,"
    " 'timezone': <'America/New_York'>, 'interviewed_at': <'2026-11-20 14:00'>,"
    " 'role': <'Analyst'>, 'company': <'Acme'>, 'id': <'acme'>}"));
  before = followup_doc_to_bytes (doc);
  in = g_bytes_get_data (before, &in_len);
  patch = followup_doc_patch_new (doc);
  followup_doc_patch_put (patch, "acme", dict);
  bytes = followup_doc_patch_to_bytes (patch);
  text = g_strndup (g_bytes_get_data (bytes, &length), g_bytes_get_size (bytes));
  g_test_message ("with a record:\n%s", text);
  if (!parse (&cfg, text, length, &problem)) {
    g_test_message ("libconfig refuses it: %s", problem);
    g_test_fail ();
    return;
  }
  scan_problem = followup_scan_verify (text, length);
  g_assert_null (scan_problem);
  records = parsed_records (&cfg);
  REQUIRE (records);
  g_assert_cmpuint (records->len, ==, 1);
  if (records->len != 1)
    return;
  g_assert_true (same_value (records->pdata[0], dict));

  list = interviews_setting (&cfg);
  record = config_setting_get_elem (list, 0);
  check_canonical (record, record_keys);
  for (int i = 0; i < 2; i++) {
    check_canonical (config_setting_get_elem (config_setting_get_member (record, "contacts"), i),
                     contact_keys);
    check_canonical (config_setting_get_elem (config_setting_get_member (record, "events"), i),
                     event_keys);
  }

  /* `=` everywhere, two spaces a step where the text changed */
  root = followup_scan_file (text, length);
  REQUIRE (root);
  check_settings_use_equals (text, root);
  prefix = first_difference (in, in_len, text, length);
  suffix = 0;
  while (suffix < in_len - prefix && suffix < length - prefix &&
         in[in_len - 1 - suffix] == text[length - 1 - suffix])
    suffix++;
  check_two_space_indentation (text, prefix, length - suffix);
  node = scanned_list (root);
  REQUIRE (node);
  rec = element (node, 0);
  brace_indent = indentation_at (text, rec->start);
  if (followup_scan_line_start (text, rec->start) != G_MAXSIZE)
    g_assert_cmpstr (brace_indent, ==, "  ");
  for (guint i = 0; i < rec->settings->len; i++) {
    FollowupScanSetting *s = rec->settings->pdata[i];
    g_autofree char *key_indent = indentation_at (text, s->start);
    g_autofree char *want = g_strconcat (brace_indent, "  ", NULL);

    if (followup_scan_line_start (text, s->start) != G_MAXSIZE)
      g_assert_cmpstr (key_indent, ==, want);
  }

  followup_doc_patch_commit (patch);
  after = followup_doc_to_bytes (doc);
  g_assert_true (g_bytes_equal (after, bytes));
  g_assert_cmpuint (followup_doc_get_n_records (doc), ==, 1);
}

static void
test_patch_uncommitted (void)
{
  const char *const ids[] = { "acme", "blau", "corp" };
  g_autoptr (Book) b = book_new (three_records, ids);
  g_autoptr (FollowupDocPatch) patch = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GBytes) now = NULL;

  REQUIRE (b);
  patch = followup_doc_patch_new (b->doc);
  followup_doc_patch_put (patch, "blau", NULL);
  bytes = followup_doc_patch_to_bytes (patch);
  g_assert_cmpuint (g_bytes_get_size (bytes), <, strlen (three_records));
  g_assert_true (followup_doc_equal (b->doc, three_records, strlen (three_records)));
  g_clear_pointer (&patch, followup_doc_patch_free);
  now = followup_doc_to_bytes (b->doc);
  g_assert_cmpmem (g_bytes_get_data (now, NULL), g_bytes_get_size (now), three_records,
                   strlen (three_records));
  g_assert_cmpuint (followup_doc_get_n_records (b->doc), ==, 3);
  /* a patch that changes nothing gives the text back */
  patch = followup_doc_patch_new (b->doc);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = followup_doc_patch_to_bytes (patch);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), three_records,
                   strlen (three_records));
}

/* the loader takes `interviews = [ ];` as no interviews; the first one
 * added must still make a list libconfig reads */
static void
test_append_to_empty_array (void)
{
  static const char text[] = "version = 1;\ninterviews = [ ];\n";
  g_autoptr (FollowupDoc) doc = followup_doc_new (text, strlen (text), NULL);
  g_autoptr (FollowupDocPatch) patch = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GVariant) dict =
    g_variant_ref_sink (g_variant_new_parsed ("{'id': <'acme'>, 'company': <'Acme'>}"));
  g_auto (config_t) cfg = { 0 };
  g_autofree char *problem = NULL;

  REQUIRE (doc);
  g_assert_cmpuint (followup_doc_get_n_records (doc), ==, 0);
  patch = followup_doc_patch_new (doc);
  followup_doc_patch_put (patch, "acme", dict);
  bytes = followup_doc_patch_to_bytes (patch);
  if (!parse (&cfg, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &problem)) {
    g_test_message ("libconfig refuses (%s):\n%.*s", problem, (int) g_bytes_get_size (bytes),
                    (const char *) g_bytes_get_data (bytes, NULL));
    g_test_fail ();
    return;
  }
  records = parsed_records (&cfg);
  REQUIRE (records);
  g_assert_cmpuint (records->len, ==, 1);
  if (records->len == 1)
    g_assert_true (same_value (records->pdata[0], dict));
}

static void
test_no_interviews (void)
{
  static const char text[] = "version = 1;\n# nothing else\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (FollowupDoc) doc = followup_doc_new (text, strlen (text), &error);

  g_assert_null (doc);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* one wrong answer must not hide the others */
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/doc/random/edits", test_random_edits);
  g_test_add_func ("/doc/edit/comment-after-value-stays", test_comment_after_value);
  g_test_add_func ("/doc/edit/policy-and-colons-stay", test_policy_and_colons);
  g_test_add_func ("/doc/edit/record-without-id", test_record_without_id);
  g_test_add_func ("/doc/edit/event-into-empty-list", test_event_into_empty_list);
  g_test_add_func ("/doc/edit/event-inline-elements", test_event_inline_elements);
  g_test_add_func ("/doc/edit/event-multi-line-elements", test_event_multi_line_elements);
  g_test_add_func ("/doc/edit/remove-key", test_remove_key);
  g_test_add_func ("/doc/edit/inline-record", test_inline_record);
  g_test_add_func ("/doc/remove/middle-with-comment-lines", test_remove_middle);
  g_test_add_func ("/doc/remove/first-with-comment-lines", test_remove_first);
  g_test_add_func ("/doc/remove/last-and-its-comma", test_remove_last);
  g_test_add_func ("/doc/patch/uncommitted", test_patch_uncommitted);
  g_test_add_func ("/doc/new/no-interviews", test_no_interviews);
  g_test_add_func ("/doc/append/to-empty-array", test_append_to_empty_array);
  g_test_add_func ("/doc/starter/policy", test_starter_policy);
  g_test_add_func ("/doc/starter/append", test_starter_append);

  return g_test_run ();
}

/* followup-scan.c: byte spans of a libconfig text */
#include "config.h"

#define G_LOG_DOMAIN "followup-scan"

#include <libconfig.h>
#include <string.h>

#include "followup-i18n.h"
#include "followup-scan.h"

typedef struct {
  const char *text;
  gsize length;
  gsize pos;
} Lexer;

static gboolean
at (Lexer *l, gsize offset, char c)
{
  return l->pos + offset < l->length && l->text[l->pos + offset] == c;
}

/* past one comment at `pos`, if one starts there */
static gboolean
skip_comment (Lexer *l)
{
  if (at (l, 0, '#') || (at (l, 0, '/') && at (l, 1, '/'))) {
    while (l->pos < l->length && l->text[l->pos] != '\n')
      l->pos++;
    return TRUE;
  }
  if (at (l, 0, '/') && at (l, 1, '*')) {
    const char *close =
      g_strstr_len (l->text + l->pos + 2, (gssize) (l->length - l->pos - 2), "*/");

    l->pos = close ? (gsize) (close - l->text) + 2 : l->length;
    return TRUE;
  }
  return FALSE;
}

static void
skip_space (Lexer *l)
{
  while (l->pos < l->length) {
    if (g_ascii_isspace (l->text[l->pos]))
      l->pos++;
    else if (!skip_comment (l))
      return;
  }
}

static void
skip_string (Lexer *l)
{
  for (l->pos++; l->pos < l->length && l->text[l->pos] != '"'; l->pos++) {
    if (l->text[l->pos] == '\\')
      l->pos++;
  }
  l->pos++;
}

static gboolean
is_scalar_byte (Lexer *l)
{
  char c = l->text[l->pos];

  if (g_ascii_isspace (c) || strchr (",;)]}#", c) != NULL)
    return FALSE;
  return !(c == '/' && (at (l, 1, '/') || at (l, 1, '*')));
}

static gsize
digits (Lexer *l, gsize from, gboolean hex)
{
  gsize n = 0;

  while (from + n < l->length &&
         (hex ? g_ascii_isxdigit (l->text[from + n]) : g_ascii_isdigit (l->text[from + n])))
    n++;
  return n;
}

/* the longest number token of libconfig's lexer at l->pos, 0 if none: it
 * ends where libconfig's ends, so `x = 91y = 2` is two settings to both */
static gsize
number_length (Lexer *l)
{
  gsize p = l->pos, int_digits, frac = 0, end;
  gboolean dot = FALSE;

  if (at (l, 0, '0') && (at (l, 1, 'x') || at (l, 1, 'X')) && digits (l, p + 2, TRUE) > 0) {
    end = p + 2 + digits (l, p + 2, TRUE);
  } else {
    if (at (l, 0, '+') || at (l, 0, '-'))
      p++;
    int_digits = digits (l, p, FALSE);
    end = p + int_digits;
    if (end < l->length && l->text[end] == '.') {
      dot = TRUE;
      frac = digits (l, end + 1, FALSE);
      end += 1 + frac;
    }
    if (int_digits == 0 && !dot)
      return 0;
    if (end < l->length && (l->text[end] == 'e' || l->text[end] == 'E') &&
        (int_digits > 0 || dot)) {
      gsize e = end + 1;

      if (e < l->length && (l->text[e] == '+' || l->text[e] == '-'))
        e++;
      if (digits (l, e, FALSE) > 0)
        return e + digits (l, e, FALSE) - l->pos;
    }
    if (dot)
      return end - l->pos;
  }
  /* an integer: an L or LL suffix makes it 64-bit */
  for (int i = 0; i < 2 && end < l->length && l->text[end] == 'L'; i++)
    end++;
  return end - l->pos;
}

static FollowupScanNode *
node_new (FollowupScanKind kind, gsize start)
{
  FollowupScanNode *node = g_new0 (FollowupScanNode, 1);

  node->kind = kind;
  node->start = start;
  if (kind == FOLLOWUP_SCAN_GROUP) {
    node->settings = g_ptr_array_new ();
  } else if (kind != FOLLOWUP_SCAN_SCALAR) {
    node->elements = g_ptr_array_new ();
    node->commas = g_array_new (FALSE, FALSE, sizeof (gsize));
  }
  return node;
}

static void
setting_free (FollowupScanSetting *s)
{
  g_free (s->name);
  followup_scan_node_free (s->value);
  g_free (s);
}

void
followup_scan_node_free (FollowupScanNode *node)
{
  if (node == NULL)
    return;
  for (guint i = 0; node->settings && i < node->settings->len; i++)
    setting_free (node->settings->pdata[i]);
  for (guint i = 0; node->elements && i < node->elements->len; i++)
    followup_scan_node_free (node->elements->pdata[i]);
  g_clear_pointer (&node->settings, g_ptr_array_unref);
  g_clear_pointer (&node->elements, g_ptr_array_unref);
  g_clear_pointer (&node->commas, g_array_unref);
  g_free (node);
}

static FollowupScanNode *scan_value (Lexer *l);

static gboolean
is_name_byte (char c, gboolean first)
{
  return g_ascii_isalpha (c) || c == '*' ||
         (!first && (g_ascii_isdigit (c) || c == '-' || c == '_'));
}

static FollowupScanSetting *
scan_setting (Lexer *l)
{
  g_autofree FollowupScanSetting *s = g_new0 (FollowupScanSetting, 1);
  gsize after;

  s->start = l->pos;
  while (l->pos < l->length && is_name_byte (l->text[l->pos], l->pos == s->start))
    l->pos++;
  if (l->pos == s->start)
    return NULL;
  s->op_start = l->pos;
  skip_space (l);
  if (!at (l, 0, '=') && !at (l, 0, ':'))
    return NULL;
  l->pos++;
  s->value = scan_value (l);
  if (s->value == NULL)
    return NULL;
  s->name = g_strndup (l->text + s->start, s->op_start - s->start);
  s->end = after = l->pos;
  skip_space (l);
  if (at (l, 0, ';') || at (l, 0, ',')) {
    s->terminator = l->text[l->pos++];
    s->end = l->pos;
  } else {
    l->pos = after;
  }
  return g_steal_pointer (&s);
}

/* settings up to `close` (or the end of the text when it is 0) */
static gboolean
scan_settings (Lexer *l, FollowupScanNode *group, char close)
{
  for (;;) {
    FollowupScanSetting *s;

    skip_space (l);
    if (close != 0 && at (l, 0, close)) {
      l->pos++;
      return TRUE;
    }
    if (l->pos >= l->length)
      return close == 0;
    if ((s = scan_setting (l)) == NULL)
      return FALSE;
    g_ptr_array_add (group->settings, s);
  }
}

static gboolean
scan_elements (Lexer *l, FollowupScanNode *list, char close)
{
  gsize none = G_MAXSIZE;

  skip_space (l);
  if (at (l, 0, close)) {
    l->pos++;
    return TRUE;
  }
  for (;;) {
    FollowupScanNode *element = scan_value (l);

    if (element == NULL)
      return FALSE;
    g_ptr_array_add (list->elements, element);
    skip_space (l);
    if (at (l, 0, ',')) {
      g_array_append_val (list->commas, l->pos);
      l->pos++;
      continue;
    }
    g_array_append_val (list->commas, none);
    if (!at (l, 0, close))
      return FALSE;
    l->pos++;
    return TRUE;
  }
}

static FollowupScanNode *
scan_scalar (Lexer *l)
{
  FollowupScanNode *node = node_new (FOLLOWUP_SCAN_SCALAR, l->pos);

  if (at (l, 0, '"')) {
    /* "adjacent" "strings" are one value */
    for (;;) {
      gsize after;

      skip_string (l);
      node->end = after = l->pos;
      skip_space (l);
      if (!at (l, 0, '"')) {
        l->pos = after;
        break;
      }
    }
    return node;
  }
  if (g_ascii_isdigit (l->text[l->pos]) || strchr ("+-.", l->text[l->pos]) != NULL)
    l->pos += number_length (l);
  else
    while (l->pos < l->length && is_scalar_byte (l))
      l->pos++;
  node->end = l->pos;
  if (node->end == node->start)
    g_clear_pointer (&node, followup_scan_node_free);
  return node;
}

static FollowupScanNode *
scan_value (Lexer *l)
{
  g_autoptr (FollowupScanNode) node = NULL;
  gboolean ok;

  skip_space (l);
  if (l->pos >= l->length)
    return NULL;
  switch (l->text[l->pos]) {
    case '{':
      node = node_new (FOLLOWUP_SCAN_GROUP, l->pos++);
      ok = scan_settings (l, node, '}');
      break;
    case '(':
      node = node_new (FOLLOWUP_SCAN_LIST, l->pos++);
      ok = scan_elements (l, node, ')');
      break;
    case '[':
      node = node_new (FOLLOWUP_SCAN_ARRAY, l->pos++);
      ok = scan_elements (l, node, ']');
      break;
    default:
      return scan_scalar (l);
  }
  node->end = l->pos;
  return ok ? g_steal_pointer (&node) : NULL;
}

FollowupScanNode *
followup_scan_value (const char *text, gsize length, gsize pos)
{
  Lexer l = { text, length, pos };

  return scan_value (&l);
}

FollowupScanNode *
followup_scan_file (const char *text, gsize length)
{
  Lexer l = { text, length, 0 };
  g_autoptr (FollowupScanNode) root = node_new (FOLLOWUP_SCAN_GROUP, 0);

  if (!scan_settings (&l, root, 0))
    return NULL;
  root->end = length;
  return g_steal_pointer (&root);
}

FollowupScanSetting *
followup_scan_find (FollowupScanNode *group, const char *name)
{
  for (guint i = 0; group->settings != NULL && i < group->settings->len; i++) {
    FollowupScanSetting *s = group->settings->pdata[i];

    if (strcmp (s->name, name) == 0)
      return s;
  }
  return NULL;
}

gsize
followup_scan_line_end (const char *text, gsize length, gsize pos)
{
  Lexer l = { text, length, pos };

  for (;;) {
    while (l.pos < length && (text[l.pos] == ' ' || text[l.pos] == '\t' || text[l.pos] == '\r'))
      l.pos++;
    if (l.pos >= length)
      return length;
    if (text[l.pos] == '\n')
      return l.pos + 1;
    /* a comment that ends on this line is part of it */
    if (at (&l, 0, '/') && at (&l, 1, '*')) {
      gsize start = l.pos;

      skip_comment (&l);
      if (memchr (text + start, '\n', l.pos - start) != NULL)
        return G_MAXSIZE;
      continue;
    }
    if (!skip_comment (&l))
      return G_MAXSIZE;
  }
}

gsize
followup_scan_line_start (const char *text, gsize pos)
{
  gsize p = pos;

  while (p > 0 && (text[p - 1] == ' ' || text[p - 1] == '\t'))
    p--;
  return p == 0 || text[p - 1] == '\n' ? p : G_MAXSIZE;
}

static int
line_at (const char *text, gsize pos)
{
  int line = 1;

  for (gsize i = 0; i < pos; i++)
    line += text[i] == '\n';
  return line;
}

/* refusing */

static gboolean
starts_comment (Lexer *l)
{
  return at (l, 0, '#') || (at (l, 0, '/') && (at (l, 1, '/') || at (l, 1, '*')));
}

/* from `pos` to the next string, comment or directive */
static void
skip_plain (Lexer *l)
{
  while (l->pos < l->length && l->text[l->pos] != '"' && l->text[l->pos] != '@' &&
         !starts_comment (l))
    l->pos++;
}

char *
followup_scan_refuse (const char *text, gsize length, int *line)
{
  Lexer l = { text, length, 0 };
  const char *nul = memchr (text, '\0', length);
  gboolean any = FALSE;

  if (nul != NULL) {
    *line = line_at (text, (gsize) (nul - text));
    return g_strdup (_ ("the file contains a NUL byte; is it really text?"));
  }
  while (l.pos < length) {
    gsize start = l.pos;
    const char *bad;
    gboolean string;

    /* libconfig takes an unclosed string or comment at the end as the end
     * of the file: the rest, maybe every record, would be silently lost */
    if (at (&l, 0, '/') && at (&l, 1, '*') &&
        g_strstr_len (text + l.pos + 2, (gssize) (length - l.pos - 2), "*/") == NULL) {
      *line = line_at (text, l.pos);
      return g_strdup (_ ("this /* comment is never closed with */"));
    }
    if (skip_comment (&l))
      continue;
    if (text[l.pos] == '@') {
      *line = line_at (text, l.pos);
      return g_strdup (
        _ ("@include is not allowed: the records are one file, read from one place"));
    }
    /* strings are checked with their key named, once parsed */
    string = text[l.pos] == '"';
    if (string) {
      skip_string (&l);
      if (l.pos > length) {
        *line = line_at (text, start);
        return g_strdup (_ ("this string has no closing quote"));
      }
    } else
      skip_plain (&l);
    l.pos = MIN (l.pos, length);
    for (gsize i = start; i < l.pos && !any; i++)
      any = !g_ascii_isspace (text[i]);
    if (!string && !g_utf8_validate_len (text + start, l.pos - start, &bad)) {
      *line = line_at (text, (gsize) (bad - text));
      return g_strdup (_ ("the text is not valid UTF-8 here (comments may hold any bytes)"));
    }
  }
  if (!any) {
    *line = line_at (text, length);
    return g_strdup (_ ("the file is empty: it needs at least version = 1; and interviews = ( );"));
  }
  return NULL;
}

/* checking against libconfig */

/* line numbers of offsets, by binary search over where each line starts */
typedef struct {
  GArray *starts; /* gsize */
} Lines;

static void
lines_init (Lines *lines, const char *text, gsize length)
{
  gsize zero = 0;

  lines->starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_array_append_val (lines->starts, zero);
  for (gsize i = 0; i < length; i++) {
    if (text[i] == '\n') {
      gsize next = i + 1;

      g_array_append_val (lines->starts, next);
    }
  }
}

static int
line_of (const Lines *lines, gsize pos)
{
  guint lo = 0, hi = lines->starts->len;

  while (hi - lo > 1) {
    guint mid = (lo + hi) / 2;

    if (g_array_index (lines->starts, gsize, mid) <= pos)
      lo = mid;
    else
      hi = mid;
  }
  return (int) lo + 1;
}

static char *verify_node (const Lines *text, FollowupScanNode *node, config_setting_t *s);

static char *
verify_group (const Lines *text, FollowupScanNode *node, config_setting_t *s)
{
  int n = config_setting_length (s);

  if (node->settings->len != (guint) n)
    return g_strdup_printf ("line %d: %u settings found, libconfig has %d",
                            line_of (text, node->start), node->settings->len, n);
  for (int i = 0; i < n; i++) {
    FollowupScanSetting *mine = node->settings->pdata[i];
    config_setting_t *theirs = config_setting_get_elem (s, (unsigned) i);
    int line = line_of (text, mine->start);
    char *problem;

    if (g_strcmp0 (mine->name, config_setting_name (theirs)) != 0 ||
        line != (int) config_setting_source_line (theirs))
      return g_strdup_printf ("line %d: setting “%s” found, libconfig has “%s” on line %d", line,
                              mine->name, config_setting_name (theirs),
                              config_setting_source_line (theirs));
    if ((problem = verify_node (text, mine->value, theirs)) != NULL)
      return problem;
  }
  return NULL;
}

static char *
verify_node (const Lines *text, FollowupScanNode *node, config_setting_t *s)
{
  static const int kinds[] = { 0, CONFIG_TYPE_GROUP, CONFIG_TYPE_LIST, CONFIG_TYPE_ARRAY };
  int type = config_setting_type (s);
  int n;

  if (node->kind == FOLLOWUP_SCAN_SCALAR)
    return config_setting_is_scalar (s) ? NULL
                                        : g_strdup_printf ("line %d: a scalar found, libconfig has "
                                                           "an aggregate",
                                                           line_of (text, node->start));
  if (type != kinds[node->kind])
    return g_strdup_printf ("line %d: kind %d found, libconfig has type %d",
                            line_of (text, node->start), node->kind, type);
  if (node->kind == FOLLOWUP_SCAN_GROUP)
    return verify_group (text, node, s);
  n = config_setting_length (s);
  if (node->elements->len != (guint) n)
    return g_strdup_printf ("line %d: %u elements found, libconfig has %d",
                            line_of (text, node->start), node->elements->len, n);
  for (int i = 0; i < n; i++) {
    char *problem =
      verify_node (text, node->elements->pdata[i], config_setting_get_elem (s, (unsigned) i));

    if (problem != NULL)
      return problem;
  }
  return NULL;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (config_t, config_destroy)

char *
followup_scan_verify (const char *text, gsize length)
{
  g_auto (config_t) cfg;
  g_autofree char *copy = g_strndup (text, length);
  g_autoptr (FollowupScanNode) root = NULL;
  Lines lines;
  char *problem;

  config_init (&cfg);
  if (!config_read_string (&cfg, copy))
    return g_strdup_printf ("libconfig refuses the text: %s", config_error_text (&cfg));
  root = followup_scan_file (text, length);
  if (root == NULL)
    return g_strdup ("the scanner cannot read a text libconfig accepts");
  lines_init (&lines, text, length);
  problem = verify_group (&lines, root, config_root_setting (&cfg));
  g_array_unref (lines.starts);
  return problem;
}

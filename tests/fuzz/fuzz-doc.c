/* fuzz-doc.c: libFuzzer harness for the record file writer
 *
 * the input is a record file. One the daemon would read (libconfig takes
 * it, followup_scan_refuse does not refuse it, interviews is a list of
 * groups with unique string ids) must be scanned as libconfig reads it,
 * and a doc made of it, its records bound to libconfig's own tree, must
 * after each of a few edits derived from the input render a text that
 * libconfig reads as exactly the intended records, and that scans alike */
#include "config.h"

#include <libconfig.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "followup-doc.h"
#include "followup-scan.h"

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (config_t, config_destroy)

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  /* a critical is a bug: the writer is only given text the loader took */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

/* libconfig's tree */

static gboolean
all_of_type (config_setting_t *s, int type)
{
  for (int i = 0; i < config_setting_length (s); i++) {
    if (config_setting_type (config_setting_get_elem (s, (unsigned) i)) != type)
      return FALSE;
  }
  return TRUE;
}

/* as the loader converts it (ints i, int64s x, strings s, arrays of strings
 * as, lists of groups aa{sv}, anything else mixed av); NULL when a string is
 * not UTF-8, which the loader refuses */
static GVariant *
to_variant (config_setting_t *s)
{
  GVariantBuilder builder;
  int type = config_setting_type (s);
  const GVariantType *container = G_VARIANT_TYPE ("av");
  const char *text;

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
      text = config_setting_get_string (s);
      return g_utf8_validate (text, -1, NULL) ? g_variant_new_string (text) : NULL;
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
  for (int i = 0; i < config_setting_length (s); i++) {
    config_setting_t *child = config_setting_get_elem (s, (unsigned) i);
    GVariant *value = to_variant (child);

    if (value == NULL) {
      g_variant_builder_clear (&builder);
      return NULL;
    }
    if (type == CONFIG_TYPE_GROUP)
      g_variant_builder_add (&builder, "{sv}", config_setting_name (child), value);
    else if (g_variant_type_equal (container, G_VARIANT_TYPE ("av")))
      g_variant_builder_add (&builder, "v", value);
    else
      g_variant_builder_add_value (&builder, value);
  }
  return g_variant_builder_end (&builder);
}

static gboolean
parse (config_t *cfg, const char *text, gsize length)
{
  g_autofree char *copy = g_strndup (text, length);

  config_init (cfg);
  return config_read_string (cfg, copy) == CONFIG_TRUE;
}

/* the order of a group's keys is no part of what it holds */

static int
compare_entries (gconstpointer a, gconstpointer b)
{
  g_autoptr (GVariant) x = g_variant_get_child_value (*(GVariant *const *) a, 0);
  g_autoptr (GVariant) y = g_variant_get_child_value (*(GVariant *const *) b, 0);

  return strcmp (g_variant_get_string (x, NULL), g_variant_get_string (y, NULL));
}

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

/* `dict` with `key` set to `value` (a full reference; NULL removes it) */
static GVariant *
dict_with (GVariant *dict, const char *key, GVariant *value)
{
  GVariantDict d;

  g_variant_dict_init (&d, dict);
  if (value != NULL)
    g_variant_dict_insert_value (&d, key, value);
  else
    g_variant_dict_remove (&d, key);
  return g_variant_ref_sink (g_variant_dict_end (&d));
}

/* the edits: drawn from a hash of the input */

typedef struct {
  guint64 state;
  const uint8_t *data;
  size_t size;
} Draw;

static guint64
next (Draw *d)
{
  /* xorshift64* */
  d->state ^= d->state >> 12;
  d->state ^= d->state << 25;
  d->state ^= d->state >> 27;
  return d->state * 2685821657736338717ull;
}

static guint
below (Draw *d, guint n)
{
  return n == 0 ? 0 : (guint) (next (d) % n);
}

/* a few bytes of the input as a string: quotes, backslashes, newlines and
 * all, made valid UTF-8 */
static GVariant *
slice (Draw *d)
{
  size_t at = d->size > 0 ? below (d, (guint) d->size) : 0;
  size_t want = below (d, 24); /* not inside MIN: it evaluates twice */
  size_t n = MIN (want, d->size - at);
  g_autofree char *raw = g_malloc (n + 1);
  g_autofree char *text = NULL;

  /* a NUL-terminated copy without inner NULs: g_utf8_make_valid with an
   * explicit length may read past a NUL, and the input has no terminator */
  for (size_t i = 0; i < n; i++)
    raw[i] = d->data[at + i] != '\0' ? (char) d->data[at + i] : '?';
  raw[n] = '\0';
  text = g_utf8_make_valid (raw, -1);
  return g_variant_new_string (text);
}

typedef struct {
  char *id;
  GVariant *dict;      /* with the id */
  gboolean written_id; /* whether the text says `id = ...` */
} Rec;

static void
rec_free (gpointer data)
{
  Rec *r = data;

  g_free (r->id);
  g_variant_unref (r->dict);
  g_free (r);
}

static void G_GNUC_NORETURN G_GNUC_PRINTF (3, 4)
fail (const char *before, const char *after, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  fprintf (stderr, "fuzz-doc: ");
  vfprintf (stderr, format, args);
  va_end (args);
  fprintf (stderr, "\n--- text before the edit:\n%s\n--- after:\n%s\n---\n", before,
           after ? after : "(none)");
  abort ();
}

/* the text parses to exactly `recs`, and scans as libconfig reads it */
static void
check (GPtrArray *recs, const char *before, const char *text, gsize length, const char *what)
{
  g_auto (config_t) cfg = { 0 };
  g_autofree char *problem = NULL;
  config_setting_t *list;

  if (!parse (&cfg, text, length))
    fail (before, text, "%s: libconfig refuses the result: line %d: %s", what,
          config_error_line (&cfg), config_error_text (&cfg));
  list = config_lookup (&cfg, "interviews");
  if (list == NULL || !config_setting_is_list (list) ||
      (guint) config_setting_length (list) != recs->len)
    fail (before, text, "%s: not a list of %u interviews", what, recs->len);
  for (guint i = 0; i < recs->len; i++) {
    Rec *r = recs->pdata[i];
    g_autoptr (GVariant) got = to_variant (config_setting_get_elem (list, i));
    g_autoptr (GVariant) want = r->written_id ? g_variant_ref (r->dict)
                                              : dict_with (r->dict, "id", NULL);

    if (got == NULL)
      fail (before, text, "%s: interview %u holds a string that is not UTF-8", what, i);
    g_variant_ref_sink (got);
    if (!same_value (got, want)) {
      g_autofree char *g = g_variant_print (got, FALSE);
      g_autofree char *w = g_variant_print (want, FALSE);

      fail (before, text, "%s: interview %u is\n  %s\nnot\n  %s", what, i, g, w);
    }
  }
  problem = followup_scan_verify (text, length);
  if (problem != NULL)
    fail (before, text, "%s: followup_scan_verify: %s", what, problem);
}

static const char *const string_keys[] = { "company", "role", "notes", "status", "timezone" };

/* one edit of `recs`, put into `patch`; its description into `what` */
static void
edit (Draw *d, FollowupDocPatch *patch, GPtrArray *recs, guint *serial, GString *what)
{
  guint op = below (d, 5);
  guint k = below (d, recs->len);
  Rec *r = recs->len > 0 ? recs->pdata[k] : NULL;
  GVariant *dict;

  if (r == NULL || op == 4) {
    GVariantBuilder builder;

    r = g_new0 (Rec, 1);
    r->id = g_strdup_printf ("fuzz-new-%u", (*serial)++);
    r->written_id = TRUE;
    g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
    g_variant_builder_add (&builder, "{sv}", "company", slice (d));
    g_variant_builder_add (&builder, "{sv}", "id", g_variant_new_string (r->id));
    r->dict = g_variant_ref_sink (g_variant_builder_end (&builder));
    g_ptr_array_add (recs, r);
    g_string_append_printf (what, "add %s", r->id);
    followup_doc_patch_put (patch, r->id, r->dict);
    return;
  }
  if (op == 0) {
    g_string_append_printf (what, "remove %s", r->id);
    followup_doc_patch_put (patch, r->id, NULL);
    g_ptr_array_remove_index (recs, k);
    return;
  }
  if (op == 1 || op == 2) {
    /* one of the record's own keys, or one it may not have */
    gsize n = g_variant_n_children (r->dict);
    guint j = below (d, (guint) n + G_N_ELEMENTS (string_keys));
    const char *key = NULL;
    g_autoptr (GVariant) entry = NULL;

    if (j < n) {
      entry = g_variant_get_child_value (r->dict, j);
      g_variant_get_child (entry, 0, "&s", &key);
    }
    if (key == NULL || strcmp (key, "id") == 0)
      key = string_keys[below (d, G_N_ELEMENTS (string_keys))];
    g_string_append_printf (what, "%s %s.%s", op == 1 ? "change" : "remove", r->id, key);
    dict = dict_with (r->dict, key, op == 1 ? slice (d) : NULL);
  } else {
    g_autoptr (GVariant) events = NULL;
    GVariantBuilder builder;

    if (g_variant_lookup (r->dict, "events", "*", NULL)) {
      events = g_variant_lookup_value (r->dict, "events", G_VARIANT_TYPE ("aa{sv}"));
      /* an events that is no list of groups has no event to add to */
      if (events == NULL)
        return;
    }
    g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
    for (gsize i = 0; events != NULL && i < g_variant_n_children (events); i++) {
      g_autoptr (GVariant) child = g_variant_get_child_value (events, i);

      g_variant_builder_add_value (&builder, child);
    }
    g_variant_builder_add_value (&builder,
                                 g_variant_new_parsed ("{'type': <'email'>, 'at': %v}", slice (d)));
    g_string_append_printf (what, "append an event to %s", r->id);
    dict = dict_with (r->dict, "events", g_variant_builder_end (&builder));
  }
  /* an edit that changes nothing is no edit: a missing id stays unwritten */
  if (!same_value (r->dict, dict))
    r->written_id = TRUE;
  g_variant_unref (r->dict);
  r->dict = dict;
  followup_doc_patch_put (patch, r->id, r->dict);
}

/* whether every element is a group with at most a string id, none twice */
static gboolean
records_of (config_setting_t *list, GPtrArray *recs)
{
  g_autoptr (GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint serial = 0;

  for (int i = 0; i < config_setting_length (list); i++) {
    config_setting_t *elem = config_setting_get_elem (list, (unsigned) i);
    config_setting_t *id = config_setting_get_member (elem, "id");

    if (!config_setting_is_group (elem))
      return FALSE;
    if (id != NULL) {
      const char *s = config_setting_get_string (id);

      if (config_setting_type (id) != CONFIG_TYPE_STRING || *s == '\0' ||
          !g_utf8_validate (s, -1, NULL) || !g_hash_table_add (taken, g_strdup (s)))
        return FALSE;
    }
  }
  for (int i = 0; i < config_setting_length (list); i++) {
    config_setting_t *elem = config_setting_get_elem (list, (unsigned) i);
    config_setting_t *id = config_setting_get_member (elem, "id");
    GVariant *dict = to_variant (elem);
    Rec *r;

    if (dict == NULL)
      return FALSE;
    r = g_new0 (Rec, 1);
    r->dict = g_variant_ref_sink (dict);
    r->written_id = id != NULL;
    if (id != NULL) {
      r->id = g_strdup (config_setting_get_string (id));
    } else {
      do {
        g_free (r->id);
        r->id = g_strdup_printf ("fuzz-%u", serial++);
      } while (g_hash_table_contains (taken, r->id));
      g_hash_table_add (taken, g_strdup (r->id));
      dict = dict_with (r->dict, "id", g_variant_new_string (r->id));
      g_variant_unref (r->dict);
      r->dict = dict;
    }
    g_ptr_array_add (recs, r);
  }
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *text = (const char *) data;
  g_auto (config_t) cfg = { 0 };
  g_autoptr (GPtrArray) recs = g_ptr_array_new_with_free_func (rec_free);
  g_autoptr (FollowupDoc) doc = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *current = NULL;
  config_setting_t *list;
  Draw d = { 14695981039346656037ull, data, size };
  guint serial = 0, n_edits;
  int line;

  /* the scanner's check counts lines from the start for every setting;
   * past a few tens of kB nothing new is found, only slower */
  if (size == 0 || size > 32 * 1024)
    return 0;
  /* the loader refuses these before libconfig sees them (and @include
   * would read other files) */
  refused = followup_scan_refuse (text, size, &line);
  if (refused != NULL || !parse (&cfg, text, size))
    return 0;
  problem = followup_scan_verify (text, size);
  if (problem != NULL) {
    g_autofree char *copy = g_strndup (text, size);

    fail (copy, NULL, "followup_scan_verify on a text libconfig reads: %s", problem);
  }

  list = config_lookup (&cfg, "interviews");
  doc = followup_doc_new (text, size, NULL);
  if (list == NULL || config_setting_is_scalar (list) || config_setting_is_group (list)) {
    if (doc != NULL)
      fail (g_strndup (text, size), NULL, "a doc of a file without an interviews list");
    return 0;
  }
  if (!config_setting_is_list (list) || !records_of (list, recs))
    return 0;
  if (doc == NULL || followup_doc_get_n_records (doc) != recs->len ||
      !followup_doc_equal (doc, text, size))
    fail (g_strndup (text, size), NULL, "the doc does not hold the %u interviews of the text",
          recs->len);
  for (guint i = 0; i < recs->len; i++) {
    Rec *r = recs->pdata[i];

    followup_doc_bind (doc, i, r->id, r->dict);
  }

  for (size_t i = 0; i < size; i++)
    d.state = (d.state ^ data[i]) * 1099511628211ull;
  d.state |= 1;
  current = g_strndup (text, size);
  n_edits = 1 + below (&d, 4);
  for (guint e = 0; e < n_edits; e++) {
    g_autoptr (FollowupDocPatch) patch = followup_doc_patch_new (doc);
    g_autoptr (GString) what = g_string_new (NULL);
    g_autoptr (GBytes) bytes = NULL;
    g_autoptr (GBytes) committed = NULL;
    gsize length;
    const char *out;

    edit (&d, patch, recs, &serial, what);
    bytes = followup_doc_patch_to_bytes (patch);
    out = g_bytes_get_data (bytes, &length);
    {
      g_autofree char *text_out = g_strndup (out, length);

      check (recs, current, text_out, length, what->str);
      followup_doc_patch_commit (patch);
      committed = followup_doc_to_bytes (doc);
      if (!g_bytes_equal (committed, bytes) || !followup_doc_equal (doc, text_out, length))
        fail (current, text_out, "%s: the committed doc is not the patch's text", what->str);
      g_free (current);
      current = g_steal_pointer (&text_out);
    }
  }
  return 0;
}

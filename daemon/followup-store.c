/* followup-store.c: libconfig -> a{sv}, so the one validator in
 * followup-record.c checks the file exactly as it checks a D-Bus call; the
 * text itself is kept, in pieces, for edits (followup-doc.c) */
#include "config.h"

#define G_LOG_DOMAIN "followup-store"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "followup-i18n.h"
#include "followup-error.h"
#include "followup-store.h"
#include "followup-file.h"
#include "followup-scan.h"
#include "followup-variant.h"

#define FILE_VERSION 1

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (config_t, config_destroy)

/* libconfig -> GVariant */

static GVariant *setting_to_variant (config_setting_t *s, config_setting_t **bad);

static GVariant *
children_to_variant (config_setting_t *s, const GVariantType *type, config_setting_t **bad)
{
  GVariantBuilder builder;
  int n = config_setting_length (s);

  g_variant_builder_init (&builder, type);
  for (int i = 0; i < n; i++) {
    config_setting_t *child = config_setting_get_elem (s, i);
    GVariant *value = setting_to_variant (child, bad);

    if (value == NULL) {
      g_variant_builder_clear (&builder);
      return NULL;
    }
    /* no format strings here: parsing them dominates large files */
    if (g_variant_type_equal (type, G_VARIANT_TYPE_VARDICT))
      value = g_variant_new_dict_entry (g_variant_new_string (config_setting_name (child)),
                                        g_variant_new_variant (value));
    else if (g_variant_type_equal (type, G_VARIANT_TYPE ("av")))
      value = g_variant_new_variant (value);
    g_variant_builder_add_value (&builder, value);
  }
  return g_variant_builder_end (&builder);
}

static gboolean
all_children_of_type (config_setting_t *s, int type)
{
  for (int i = 0; i < config_setting_length (s); i++) {
    if (config_setting_type (config_setting_get_elem (s, i)) != type)
      return FALSE;
  }
  return TRUE;
}

/* lists of groups become aa{sv} and arrays of strings as, so empty ones
 * still have the type the validator expects; anything mixed becomes av */
static GVariant *
setting_to_variant (config_setting_t *s, config_setting_t **bad)
{
  const char *text;

  switch (config_setting_type (s)) {
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
      if (!g_utf8_validate (text, -1, NULL)) {
        *bad = s;
        return NULL;
      }
      return g_variant_new_string (text);
    case CONFIG_TYPE_GROUP:
      return children_to_variant (s, G_VARIANT_TYPE_VARDICT, bad);
    case CONFIG_TYPE_ARRAY:
      if (all_children_of_type (s, CONFIG_TYPE_STRING))
        return children_to_variant (s, G_VARIANT_TYPE_STRING_ARRAY, bad);
      return children_to_variant (s, G_VARIANT_TYPE ("av"), bad);
    case CONFIG_TYPE_LIST:
    default:
      if (all_children_of_type (s, CONFIG_TYPE_GROUP))
        return children_to_variant (s, G_VARIANT_TYPE ("aa{sv}"), bad);
      return children_to_variant (s, G_VARIANT_TYPE ("av"), bad);
  }
}

/* a list element has no name of its own: "holidays" for its items */
static const char *
setting_label (config_setting_t *s)
{
  while (s != NULL && config_setting_name (s) == NULL)
    s = config_setting_parent (s);
  return s ? config_setting_name (s) : "a value";
}

/* "contacts.1.name" -> the line of the deepest setting that exists; list
 * entries in a key path are counted from 1, libconfig counts from 0 */
static int
line_of (config_setting_t *s, const char *path)
{
  g_auto (GStrv) parts = g_strsplit (path ? path : "", ".", -1);

  for (int i = 0; parts[i] != NULL && *parts[i] != '\0'; i++) {
    config_setting_t *child = g_ascii_isdigit (parts[i][0])
                                ? config_setting_get_elem (s, (unsigned) atoi (parts[i]) - 1)
                                : config_setting_get_member (s, parts[i]);
    if (child == NULL)
      break;
    s = child;
  }
  return (int) config_setting_source_line (s);
}

static void G_GNUC_PRINTF (4, 5)
problem (GPtrArray *problems, const char *path, int line, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (problems, g_strdup_printf ("%s:%d: %s", path, line, message));
}

/* loading */

/* g_variant_lookup () would serialise the whole record first; walking the
 * children of the tree the loader just built does not */
static GVariant *
find_value (GVariant *dict, const char *key)
{
  gsize n = g_variant_n_children (dict);

  for (gsize i = 0; i < n; i++) {
    g_autoptr (GVariant) entry = g_variant_get_child_value (dict, i);
    g_autoptr (GVariant) name = g_variant_get_child_value (entry, 0);
    g_autoptr (GVariant) boxed = NULL;

    if (strcmp (g_variant_get_string (name, NULL), key) != 0)
      continue;
    boxed = g_variant_get_child_value (entry, 1);
    return g_variant_get_variant (boxed);
  }
  return NULL;
}

/* the string under `key`, or NULL; valid while `dict` lives */
static const char *
find_string (GVariant *dict, const char *key)
{
  g_autoptr (GVariant) value = find_value (dict, key);

  /* the value is a child of `dict`, which keeps it alive */
  if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return NULL;
  return g_variant_get_string (value, NULL);
}

typedef struct {
  const char *path;
  const char *text;
  GTimeZone *user_tz;
  FollowupRecordSet *set;
  GPtrArray *problems;
} Loader;

static char *
record_label (GVariant *dict, guint index)
{
  const char *id = find_string (dict, "id");
  const char *company = find_string (dict, "company");

  if (id != NULL)
    return g_strdup_printf (_ ("interview “%s”"), id);
  if (company != NULL)
    return g_strdup_printf (_ ("interview %u (%s)"), index + 1, company);
  return g_strdup_printf (_ ("interview %u"), index + 1);
}

static GVariant *
record_dict (Loader *l, config_setting_t *elem, guint index)
{
  config_setting_t *bad = NULL;
  GVariant *dict;

  if (config_setting_type (elem) != CONFIG_TYPE_GROUP) {
    problem (l->problems, l->path, config_setting_source_line (elem),
             _ ("interview %u: expected a group { company = …; … }"), index + 1);
    return NULL;
  }
  dict = setting_to_variant (elem, &bad);
  if (dict == NULL)
    problem (l->problems, l->path, config_setting_source_line (bad),
             _ ("interview %u: %s is not valid UTF-8 text"), index + 1, setting_label (bad));
  return dict ? g_variant_ref_sink (dict) : NULL;
}

/* `label` names the record as the user wrote it, before an id was generated */
static void
load_one (Loader *l, config_setting_t *elem, GVariant *dict, const char *label)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *bad_key = NULL;
  g_autoptr (FollowupRecord) record = NULL;

  record = followup_record_new_from_variant (dict, l->user_tz, &bad_key, &error);
  if (record == NULL) {
    problem (l->problems, l->path, line_of (elem, bad_key), "%s: %s", label, error->message);
    return;
  }
  if (g_hash_table_contains (l->set->by_id, record->id)) {
    problem (l->problems, l->path, line_of (elem, "id"),
             _ ("%s: this id is already used by an earlier interview; ids must be unique"), label);
    return;
  }
  g_ptr_array_add (l->set->records, followup_record_ref (record));
  g_hash_table_insert (l->set->by_id, record->id, record);
}

static GVariant *
with_generated_id (GVariant *dict, GHashTable *taken)
{
  char *id = followup_unique_id (taken, find_string (dict, "company"), find_string (dict, "role"));

  g_hash_table_add (taken, id);
  return followup_variant_set (dict, "id", g_variant_new_string (id));
}

/* the id written in the file, read without building the record */
static const char *
written_id (config_setting_t *elem)
{
  config_setting_t *id = config_setting_is_group (elem) ? config_setting_get_member (elem, "id")
                                                        : NULL;

  return id && config_setting_type (id) == CONFIG_TYPE_STRING ? config_setting_get_string (id)
                                                              : NULL;
}

static void
load_records (Loader *l, config_setting_t *list)
{
  int n = config_setting_length (list);
  g_autoptr (GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* ids written in the file win over generated ones, wherever they stand */
  for (int i = 0; i < n; i++) {
    const char *id = written_id (config_setting_get_elem (list, i));

    if (id != NULL)
      g_hash_table_add (taken, g_strdup (id));
  }
  /* one record at a time, so only one tree of GVariants exists at once */
  for (int i = 0; i < n; i++) {
    config_setting_t *elem = config_setting_get_elem (list, i);
    g_autoptr (GVariant) dict = record_dict (l, elem, (guint) i);
    g_autoptr (GVariant) full = NULL;
    g_autoptr (GVariant) has_id = NULL;
    g_autofree char *label = NULL;

    if (dict == NULL)
      continue;
    label = record_label (dict, (guint) i);
    has_id = find_value (dict, "id");
    full = has_id ? g_variant_ref (dict) : with_generated_id (dict, taken);
    load_one (l, elem, full, label);
  }
}

static const char *const top_keys[] = { "version", "policy", "me", "interviews", NULL };

static void
check_top_keys (Loader *l, config_setting_t *root)
{
  for (int i = 0; i < config_setting_length (root); i++) {
    config_setting_t *s = config_setting_get_elem (root, i);

    if (!g_strv_contains (top_keys, config_setting_name (s))) {
      problem (l->problems, l->path, config_setting_source_line (s),
               _ ("unknown key “%s” at the top level (known: version, policy, me, interviews)"),
               config_setting_name (s));
    }
  }
}

/* a prefix of a good file (an editor's save caught half-way) still parses:
 * one without version or interviews is refused, not read as no records */
static config_setting_t *
required (Loader *l, config_setting_t *root, const char *key, const char *example)
{
  config_setting_t *s = config_setting_get_member (root, key);
  int lines = 1;

  if (s != NULL)
    return s;
  for (const char *p = l->text; *p; p++)
    lines += *p == '\n';
  problem (l->problems, l->path, lines, _ ("%s is missing: a record file has %s"), key, example);
  return NULL;
}

static void
load_version (Loader *l, config_setting_t *root)
{
  config_setting_t *s = required (l, root, "version", "version = 1;");

  if (s != NULL &&
      (config_setting_type (s) != CONFIG_TYPE_INT || config_setting_get_int (s) != FILE_VERSION))
    problem (l->problems, l->path, config_setting_source_line (s),
             _ ("version: this followupd reads version = %d files only"), FILE_VERSION);
}

/* a top-level group (policy, me) as a{sv}; NULL when it is absent or
 * refused, the reason told */
static GVariant *
top_group (Loader *l, config_setting_t *root, const char *key, const char *example,
           config_setting_t **setting)
{
  config_setting_t *s = config_setting_get_member (root, key);
  config_setting_t *bad = NULL;
  GVariant *dict;

  *setting = s;
  if (s == NULL)
    return NULL;
  if (config_setting_type (s) != CONFIG_TYPE_GROUP) {
    problem (l->problems, l->path, config_setting_source_line (s), _ ("%s: expected a group, %s"),
             key, example);
    return NULL;
  }
  dict = setting_to_variant (s, &bad);
  if (dict == NULL)
    problem (l->problems, l->path, config_setting_source_line (bad),
             _ ("%s: %s is not valid UTF-8 text"), key, setting_label (bad));
  return dict;
}

static void
load_policy (Loader *l, config_setting_t *root)
{
  config_setting_t *s;
  GVariant *dict = top_group (l, root, "policy", "policy = { … };", &s);
  g_autoptr (GError) error = NULL;
  g_autofree char *bad_key = NULL;
  FollowupPolicy *policy;

  if (dict == NULL)
    return;
  policy = followup_policy_new_from_variant (dict, &bad_key, &error);
  if (policy == NULL) {
    problem (l->problems, l->path, line_of (s, bad_key), "policy: %s", error->message);
    return;
  }
  followup_policy_free (l->set->policy);
  l->set->policy = policy;
}

/* me = { name = …; phone = …; email = …; }: the user, for scripts and signatures */
static void
load_me (Loader *l, config_setting_t *root)
{
  config_setting_t *s;
  GVariant *dict =
    top_group (l, root, "me", "me = { name = \"…\"; phone = \"…\"; email = \"…\"; };", &s);
  g_autoptr (GError) error = NULL;
  g_autofree char *bad_key = NULL;

  if (dict != NULL && !followup_record_set_set_me (l->set, dict, &bad_key, &error))
    problem (l->problems, l->path, line_of (s, bad_key), "me: %s", error->message);
}

static gboolean
parse_text (Loader *l, config_t *cfg, const char *contents, gsize length)
{
  int line = 1;
  g_autofree char *refused = followup_scan_refuse (contents, length, &line);

  if (refused != NULL) {
    problem (l->problems, l->path, line, "%s", refused);
    return FALSE;
  }
  if (!config_read_string (cfg, contents)) {
    problem (l->problems, l->path, config_error_line (cfg), "%s", config_error_text (cfg));
    return FALSE;
  }
  return TRUE;
}

static void
load_interviews (Loader *l, config_setting_t *root)
{
  config_setting_t *interviews = required (l, root, "interviews", "interviews = ( … );");

  if (interviews == NULL)
    return;
  if (config_setting_is_list (interviews) ||
      (config_setting_is_array (interviews) && config_setting_length (interviews) == 0))
    load_records (l, interviews);
  else
    problem (l->problems, l->path, config_setting_source_line (interviews),
             _ ("interviews: expected a list, interviews = ( { … }, { … } );"));
}

/* the text's pieces, each record's block bound to its record */
static FollowupDoc *
split_doc (Loader *l, gsize length)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FollowupDoc) doc = followup_doc_new (l->text, length, &error);

  if (doc == NULL || followup_doc_get_n_records (doc) != l->set->records->len) {
    problem (l->problems, l->path, 1,
             _ ("followupd cannot tell where each interview starts and ends in this file, so it "
                "will not change it; please report this"));
    return NULL;
  }
  for (guint i = 0; i < l->set->records->len; i++) {
    FollowupRecord *r = l->set->records->pdata[i];

    followup_doc_bind (doc, i, r->id, r->dict);
  }
  return g_steal_pointer (&doc);
}

/* the tests set FOLLOWUP_VERIFY_SPANS: every file read is also checked
 * against the scanner the writer relies on */
static void
verify_spans (Loader *l, gsize length)
{
  g_autofree char *mismatch = NULL;

  if (g_getenv ("FOLLOWUP_VERIFY_SPANS") == NULL)
    return;
  mismatch = followup_scan_verify (l->text, length);
  if (mismatch != NULL)
    problem (l->problems, l->path, 1, "the span scanner differs from libconfig: %s", mismatch);
}

/* all or nothing: a file with any problem yields no records at all, so the
 * caller keeps its last good set and never writes over the user's file */
FollowupRecordSet *
followup_store_parse (const char *path, const char *text, gsize length, GTimeZone *user_tz,
                      FollowupDoc **doc, GPtrArray **problems, GError **error)
{
  g_autoptr (FollowupRecordSet) set = followup_record_set_new (NULL);
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (FollowupDoc) pieces = NULL;
  g_auto (config_t) cfg;
  Loader l = { path, text, user_tz, set, found };
  config_setting_t *root;

  config_init (&cfg);
  /* past a syntax error nothing is known; otherwise report every problem */
  if (parse_text (&l, &cfg, text, length)) {
    root = config_root_setting (&cfg);
    check_top_keys (&l, root);
    load_version (&l, root);
    load_policy (&l, root);
    load_me (&l, root);
    load_interviews (&l, root);
    verify_spans (&l, length);
    if (found->len == 0 && doc != NULL)
      pieces = split_doc (&l, length);
  }
  if (found->len > 0) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_CONFIG_BROKEN, "%s",
                 (char *) found->pdata[0]);
    if (problems != NULL)
      *problems = g_steal_pointer (&found);
    return NULL;
  }
  if (doc != NULL)
    *doc = g_steal_pointer (&pieces);
  return g_steal_pointer (&set);
}

FollowupRecordSet *
followup_store_load (const char *path, GTimeZone *user_tz, GPtrArray **problems, GError **error)
{
  g_autofree char *text = NULL;
  FollowupFileStamp stamp;
  gsize length;

  if (!followup_file_read (path, &text, &length, &stamp, error))
    return NULL;
  return followup_store_parse (path, text, length, user_tz, NULL, problems, error);
}

/* saving a whole set, for tools and tests: the file on disk (or a starter
 * file, when there is none) patched record by record */

static gboolean
same_as_doc (const char *text, gsize length, gpointer user_data)
{
  return followup_doc_equal (user_data, text, length);
}

gboolean
followup_store_save (const char *path, FollowupRecordSet *set, GError **error)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GError) local_error = NULL;
  g_autoptr (FollowupDoc) doc = NULL;
  g_autoptr (FollowupRecordSet) old = NULL;
  g_autoptr (FollowupDocPatch) patch = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  FollowupFileStamp stamp, written;
  gsize length;

  if (followup_file_read (path, &text, &length, &stamp, &local_error))
    old = followup_store_parse (path, text, length, utc, &doc, NULL, error);
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    doc = followup_doc_new_starter ();
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  if (doc == NULL)
    return FALSE;
  patch = followup_doc_patch_new (doc);
  for (guint i = 0; old != NULL && i < old->records->len; i++) {
    FollowupRecord *r = old->records->pdata[i];

    if (followup_record_set_lookup (set, r->id) == NULL)
      followup_doc_patch_put (patch, r->id, NULL);
  }
  for (guint i = 0; i < set->records->len; i++) {
    FollowupRecord *r = set->records->pdata[i];

    followup_doc_patch_put (patch, r->id, r->dict);
  }
  bytes = followup_doc_patch_to_bytes (patch);
  return followup_file_replace (path, bytes, &stamp, same_as_doc, doc, &written, error);
}

char *
followup_store_default_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "followup", "followup.conf", NULL);
}

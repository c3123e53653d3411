/* followup-store.c: libconfig <-> a{sv}, so the one validator in
 * followup-record.c checks the file exactly as it checks a D-Bus call */
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
#include "followup-variant.h"

#define FILE_VERSION 1

const char followup_store_header[] =
  "# followup records: one group per interview; see followup.conf(5).\n"
  "#\n"
  "# followupd rewrites this file when you change a record with followupctl,\n"
  "# and a rewrite cannot keep comments: put long remarks in a record's\n"
  "# notes = \"...\". The version before each rewrite is kept as followup.conf~.\n\n";

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
             "interview %u: expected a group { company = …; … }", index + 1);
    return NULL;
  }
  dict = setting_to_variant (elem, &bad);
  if (dict == NULL)
    problem (l->problems, l->path, config_setting_source_line (bad),
             "interview %u: %s is not valid UTF-8 text", index + 1, setting_label (bad));
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
             "%s: this id is already used by an earlier interview; ids must be unique", label);
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

static const char *const top_keys[] = { "version", "policy", "interviews", NULL };

static void
check_top_keys (Loader *l, config_setting_t *root)
{
  for (int i = 0; i < config_setting_length (root); i++) {
    config_setting_t *s = config_setting_get_elem (root, i);

    if (!g_strv_contains (top_keys, config_setting_name (s))) {
      problem (l->problems, l->path, config_setting_source_line (s),
               "unknown key “%s” at the top level (known: version, policy, interviews)",
               config_setting_name (s));
    }
  }
}

static void
load_version (Loader *l, config_setting_t *root)
{
  config_setting_t *s = config_setting_get_member (root, "version");

  if (s != NULL &&
      (config_setting_type (s) != CONFIG_TYPE_INT || config_setting_get_int (s) != FILE_VERSION))
    problem (l->problems, l->path, config_setting_source_line (s),
             "version: this followupd reads version = %d files only", FILE_VERSION);
}

static void
load_policy (Loader *l, config_setting_t *root)
{
  config_setting_t *s = config_setting_get_member (root, "policy");
  config_setting_t *bad = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *bad_key = NULL;
  GVariant *dict;
  FollowupPolicy *policy;

  if (s == NULL)
    return;
  if (config_setting_type (s) != CONFIG_TYPE_GROUP) {
    problem (l->problems, l->path, config_setting_source_line (s),
             "policy: expected a group, policy = { … };");
    return;
  }
  dict = setting_to_variant (s, &bad);
  if (dict == NULL) {
    problem (l->problems, l->path, config_setting_source_line (bad),
             "policy: %s is not valid UTF-8 text", setting_label (bad));
    return;
  }
  policy = followup_policy_new_from_variant (dict, &bad_key, &error);
  if (policy == NULL) {
    problem (l->problems, l->path, line_of (s, bad_key), "policy: %s", error->message);
    return;
  }
  followup_policy_free (l->set->policy);
  l->set->policy = policy;
}

static gboolean
parse_text (Loader *l, config_t *cfg, const char *contents, gsize length)
{
  const char *nul = memchr (contents, '\0', length);

  if (nul != NULL) {
    int line = 1;

    for (const char *p = contents; p < nul; p++)
      line += *p == '\n';
    problem (l->problems, l->path, line, _ ("the file contains a NUL byte; is it really text?"));
    return FALSE;
  }
  if (!config_read_string (cfg, contents)) {
    problem (l->problems, l->path, config_error_line (cfg), "%s", config_error_text (cfg));
    return FALSE;
  }
  return TRUE;
}

/* all or nothing: a file with any problem yields no records at all, so the
 * caller keeps its last good set and never writes over the user's file */
FollowupRecordSet *
followup_store_load (const char *path, GTimeZone *user_tz, GPtrArray **problems, GError **error)
{
  g_autoptr (FollowupRecordSet) set = followup_record_set_new (NULL);
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_auto (config_t) cfg;
  Loader l = { path, user_tz, set, found };
  config_setting_t *interviews;
  gsize length;

  config_init (&cfg);
  if (!g_file_get_contents (path, &contents, &length, &local_error)) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_IO, "%s", local_error->message);
    return NULL;
  }
  /* past a syntax error nothing is known; otherwise report every problem */
  if (parse_text (&l, &cfg, contents, length)) {
    check_top_keys (&l, config_root_setting (&cfg));
    load_version (&l, config_root_setting (&cfg));
    load_policy (&l, config_root_setting (&cfg));
    interviews = config_setting_get_member (config_root_setting (&cfg), "interviews");
    if (interviews != NULL && config_setting_is_aggregate (interviews))
      load_records (&l, interviews);
    else if (interviews != NULL)
      problem (found, path, config_setting_source_line (interviews),
               "interviews: expected a list, interviews = ( { … }, { … } );");
  }
  if (found->len > 0) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_CONFIG_BROKEN, "%s",
                 (char *) found->pdata[0]);
    if (problems != NULL)
      *problems = g_steal_pointer (&found);
    return NULL;
  }
  return g_steal_pointer (&set);
}

/* saving */

static void variant_to_setting (config_setting_t *parent, const char *name, GVariant *value);

static void
container_to_setting (config_setting_t *s, GVariant *value)
{
  for (gsize i = 0; i < g_variant_n_children (value); i++) {
    g_autoptr (GVariant) child = g_variant_get_child_value (value, i);

    if (g_variant_is_of_type (child, G_VARIANT_TYPE ("{sv}"))) {
      g_autoptr (GVariant) inner = g_variant_get_child_value (child, 1);
      g_autoptr (GVariant) item = g_variant_get_variant (inner);
      const char *key;

      g_variant_get_child (child, 0, "&s", &key);
      variant_to_setting (s, key, item);
    } else if (g_variant_is_of_type (child, G_VARIANT_TYPE_VARIANT)) {
      g_autoptr (GVariant) item = g_variant_get_variant (child);

      variant_to_setting (s, NULL, item);
    } else {
      variant_to_setting (s, NULL, child);
    }
  }
}

static int
setting_type_for (GVariant *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return CONFIG_TYPE_STRING;
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    return CONFIG_TYPE_INT64;
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    return CONFIG_TYPE_FLOAT;
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return CONFIG_TYPE_BOOL;
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_VARDICT))
    return CONFIG_TYPE_GROUP;
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    return CONFIG_TYPE_ARRAY;
  if (g_variant_is_container (value))
    return CONFIG_TYPE_LIST;
  return CONFIG_TYPE_INT;
}

static void
variant_to_setting (config_setting_t *parent, const char *name, GVariant *value)
{
  int type = setting_type_for (value);
  config_setting_t *s = config_setting_add (parent, name, type);

  /* only validated records get here, so every name is a known key */
  g_return_if_fail (s != NULL);
  switch (type) {
    case CONFIG_TYPE_STRING:
      config_setting_set_string (s, g_variant_get_string (value, NULL));
      break;
    case CONFIG_TYPE_INT64:
      config_setting_set_int64 (s, g_variant_get_int64 (value));
      break;
    case CONFIG_TYPE_FLOAT:
      config_setting_set_float (s, g_variant_get_double (value));
      break;
    case CONFIG_TYPE_BOOL:
      config_setting_set_bool (s, g_variant_get_boolean (value));
      break;
    case CONFIG_TYPE_INT:
      config_setting_set_int (s, g_variant_is_of_type (value, G_VARIANT_TYPE_INT32)
                                   ? g_variant_get_int32 (value)
                                   : (int) g_variant_get_uint32 (value));
      break;
    default:
      container_to_setting (s, value);
  }
}

static char *
render (FollowupRecordSet *set)
{
  g_auto (config_t) cfg;
  config_setting_t *root, *list;
  char *text = NULL;
  size_t size = 0;
  FILE *stream;
  GString *out;

  config_init (&cfg);
  root = config_root_setting (&cfg);
  config_setting_set_int (config_setting_add (root, "version", CONFIG_TYPE_INT), FILE_VERSION);
  variant_to_setting (root, "policy", set->policy->dict);
  list = config_setting_add (root, "interviews", CONFIG_TYPE_LIST);
  for (guint i = 0; i < set->records->len; i++)
    variant_to_setting (list, NULL, ((FollowupRecord *) set->records->pdata[i])->dict);
  stream = open_memstream (&text, &size);
  config_write (&cfg, stream);
  fclose (stream);
  out = g_string_new (followup_store_header);
  g_string_append_len (out, text, (gssize) size);
  free (text);
  return g_string_free (out, FALSE);
}

static gboolean
fsync_directory (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int saved;

  if (fd < 0 || fsync (fd) < 0) {
    saved = errno;
    if (fd >= 0)
      close (fd);
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_IO, _ ("cannot sync the directory %s: %s"),
                 dir, g_strerror (saved));
    return FALSE;
  }
  close (fd);
  return TRUE;
}

static gboolean
write_atomically (const char *path, const char *data, gsize length, GError **error)
{
  g_autoptr (GError) local_error = NULL;

  /* temp file in the same directory, fsync, rename; then sync the directory
   * so the rename itself survives a crash */
  if (!g_file_set_contents_full (path, data, (gssize) length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0600,
                                 &local_error)) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_IO, _ ("cannot save %s: %s"), path,
                 local_error->message);
    return FALSE;
  }
  return fsync_directory (path, error);
}

static char *
checksum_of (const char *data, gsize length)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
}

char *
followup_store_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;
  return checksum_of (contents, length);
}

/* `checksum`, when given, gets followup_store_checksum () of what was
 * written, without reading it back */
gboolean
followup_store_save (const char *link, FollowupRecordSet *set, char **checksum, GError **error)
{
  /* a record file kept elsewhere (dotfiles) and linked in stays a link: the
   * atomic rename happens where it points */
  g_autofree char *resolved = realpath (link, NULL);
  const char *path = resolved ? resolved : link;
  g_autofree char *text = render (set);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autofree char *old = NULL;
  gsize old_length = 0;

  if (g_mkdir_with_parents (dir, 0700) < 0) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_IO, _ ("cannot create %s: %s"), dir,
                 g_strerror (errno));
    return FALSE;
  }
  /* the version being replaced is kept, since the rewrite drops comments */
  if (g_file_get_contents (path, &old, &old_length, NULL) &&
      !write_atomically (backup, old, old_length, error))
    return FALSE;
  if (!write_atomically (path, text, strlen (text), error))
    return FALSE;
  if (checksum != NULL)
    *checksum = checksum_of (text, strlen (text));
  return TRUE;
}

char *
followup_store_default_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "followup", "followup.conf", NULL);
}

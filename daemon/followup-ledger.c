/* followup-ledger.c: per step key a sequence and the last fields, in a
 * JSON file beside the state file and a journal of the changes since
 *
 * a change is one line appended to the journal (LEDGER.journal), not the
 * whole ledger written again: at 10,000 records the ledger is megabytes
 * and an Add changes three steps of it. Once the journal holds as many
 * lines as the ledger has entries, the ledger is written whole and the
 * journal starts again. Replayed, a line wins only with a sequence at
 * least as high as what the ledger has, so a journal left over from a
 * crash between the two never takes a step back.
 *
 * a file of its own, not a table in the state file: the state is saved
 * each time a reminder is shown and forgets a step the moment it leaves
 * the plan, while the ledger changes only with the plan and must remember a
 * departed step for weeks; and a calendar mirror can keep it without the
 * reminders' memory */
#include "config.h"

#define G_LOG_DOMAIN "followup-ledger"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "followup-error.h"
#include "followup-file.h"
#include "followup-i18n.h"
#include "followup-ledger.h"
#include "followup-output.h"

#define KEEP_SECONDS (G_GINT64_CONSTANT (86400) * FOLLOWUP_LEDGER_KEEP_DAYS)

#define COMPACT_MIN_LINES 1000

typedef struct {
  FollowupStep *step; /* the last fields, with its sequence and when it left */
  char *digest;       /* of what an export shows of it */
  guint64 seen;       /* the plan it was last in (a generation, not saved) */
} Entry;

struct _FollowupLedger {
  char *path;
  char *journal_path;
  GHashTable *entries; /* step key -> Entry */
  guint64 generation;  /* of the plan being noted: one lookup a step, no set of keys */
  GString *pending;    /* journal lines not written yet */
  guint journal_lines; /* lines in the journal file */
};

static void
entry_free (Entry *e)
{
  followup_step_free (e->step);
  g_free (e->digest);
  g_free (e);
}

/* FNV-1a, 64 bits: stable from run to run (the digest is saved), and with
 * no allocation, since every plan digests every step (12,000 at 10,000
 * records); a collision costs one missed SEQUENCE step, not data */
#define FNV_OFFSET G_GUINT64_CONSTANT (14695981039346656037)
#define FNV_PRIME G_GUINT64_CONSTANT (1099511628211)

static guint64
digest_add (guint64 h, const void *data, gsize length)
{
  for (gsize i = 0; i < length; i++)
    h = (h ^ ((const guchar *) data)[i]) * FNV_PRIME;
  return h;
}

/* the NUL too, so that ("ab", "c") and ("a", "bc") differ */
static guint64
digest_add_text (guint64 h, const char *text)
{
  return text ? digest_add (h, text, strlen (text) + 1) : digest_add (h, "\xff", 1);
}

static guint64
digest_add_time (guint64 h, GDateTime *t)
{
  gint64 unix_time = t ? g_date_time_to_unix (t) : 0;

  return digest_add (h, &unix_time, sizeof unix_time);
}

/* what a calendar shows of the step: when, until when, what, for whom,
 * why, where and in which zone; not when its notification goes up */
static char *
digest_of (const FollowupReminder *r)
{
  guint64 h = FNV_OFFSET;

  h = digest_add_time (h, r->due);
  h = digest_add_time (h, r->until);
  h = digest_add_text (h, followup_action_to_string (r->action));
  h = digest_add_text (h, r->contact);
  h = digest_add_text (h, r->reason);
  h = digest_add_text (h, r->record->company);
  h = digest_add_text (h, g_time_zone_get_identifier (r->tz));
  return g_strdup_printf ("%016" G_GINT64_MODIFIER "x", h);
}

static JsonNode *entry_to_json (const Entry *e);

static void
journal_entry (FollowupLedger *ledger, const Entry *e)
{
  g_autoptr (JsonNode) node = entry_to_json (e);
  g_autofree char *line = followup_json_to_line (node);

  g_string_append (ledger->pending, line);
  g_string_append_c (ledger->pending, '\n');
}

static void
journal_forget (FollowupLedger *ledger, const char *key)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *line = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "key");
  json_builder_add_string_value (b, key);
  json_builder_set_member_name (b, "forget");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  line = followup_json_to_line (node);
  g_string_append (ledger->pending, line);
  g_string_append_c (ledger->pending, '\n');
}

static Entry *
entry_from_json (JsonNode *node)
{
  g_autoptr (GVariant) dict = json_gvariant_deserialize (node, "a{sv}", NULL);
  JsonObject *obj = json_node_get_object (node);
  g_autoptr (FollowupStep) step = dict ? followup_step_new_from_variant (dict) : NULL;
  const char *digest = json_object_get_string_member_with_default (obj, "digest", NULL);
  gint64 sequence = json_object_get_int_member_with_default (obj, "sequence", -1);
  Entry *e;

  if (step == NULL || step->key == NULL || digest == NULL || sequence < 0 || sequence > G_MAXUINT)
    return NULL;
  step->sequence = (guint) sequence;
  e = g_new0 (Entry, 1);
  e->step = g_steal_pointer (&step);
  e->digest = g_strdup (digest);
  return e;
}

static void
read_entries (FollowupLedger *ledger, JsonNode *root)
{
  JsonNode *member = json_object_get_member (json_node_get_object (root), "steps");
  JsonArray *steps = member && JSON_NODE_HOLDS_ARRAY (member) ? json_node_get_array (member) : NULL;
  guint n = steps ? json_array_get_length (steps) : 0;

  for (guint i = 0; i < n; i++) {
    JsonNode *node = json_array_get_element (steps, i);
    /* a hand-edited or damaged entry is skipped: its step starts again at 0 */
    Entry *e = JSON_NODE_HOLDS_OBJECT (node) ? entry_from_json (node) : NULL;

    if (e != NULL)
      g_hash_table_replace (ledger->entries, e->step->key, e);
  }
}

/* a journal line over what the ledger has: only forward */
static void
replay_line (FollowupLedger *ledger, const char *line)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *obj;
  Entry *e, *old;

  /* the last line of a journal cut short by a crash does not parse */
  if (!json_parser_load_from_data (parser, line, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;
  obj = json_node_get_object (root);
  if (json_object_get_boolean_member_with_default (obj, "forget", FALSE)) {
    const char *key = json_object_get_string_member_with_default (obj, "key", NULL);

    if (key != NULL)
      g_hash_table_remove (ledger->entries, key);
    return;
  }
  if ((e = entry_from_json (root)) == NULL)
    return;
  old = g_hash_table_lookup (ledger->entries, e->step->key);
  if (old != NULL && old->step->sequence > e->step->sequence) {
    entry_free (e);
    return;
  }
  g_hash_table_replace (ledger->entries, e->step->key, e);
}

static void
replay_journal (FollowupLedger *ledger)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;

  if (!g_file_get_contents (ledger->journal_path, &text, NULL, NULL))
    return;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++) {
    if (*lines[i] == '\0')
      continue;
    replay_line (ledger, lines[i]);
    ledger->journal_lines++;
  }
}

FollowupLedger *
followup_ledger_load (const char *path)
{
  FollowupLedger *ledger = g_new0 (FollowupLedger, 1);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  ledger->path = g_strdup (path);
  ledger->journal_path = g_strconcat (path, ".journal", NULL);
  ledger->pending = g_string_new (NULL);
  /* the key is the entry's own step->key */
  ledger->entries =
    g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) entry_free);
  if (!json_parser_load_from_mapped_file (parser, path, &error)) {
    if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
      g_warning ("%s: cannot read the ledger (%s); calendar sequences start again", path,
                 error->message);
  } else if (json_parser_get_root (parser) == NULL ||
             !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))) {
    g_warning ("%s: the ledger is not a JSON object; calendar sequences start again", path);
  } else {
    read_entries (ledger, json_parser_get_root (parser));
  }
  replay_journal (ledger);
  return ledger;
}

/* a new step, a changed one, or one back in the plan: a calendar that has
 * it (cancelled, for one that left) must take the new version */
static void
note_step (FollowupLedger *ledger, const FollowupReminder *r)
{
  Entry *e = g_hash_table_lookup (ledger->entries, r->key);
  g_autofree char *digest = digest_of (r);
  guint sequence = 0;

  /* one key, one step: a second would make the two flip the sequence */
  if (e != NULL && e->seen == ledger->generation)
    return;
  if (e != NULL && e->step->left == 0 && g_str_equal (e->digest, digest)) {
    e->seen = ledger->generation;
    return;
  }
  if (e != NULL)
    sequence = e->step->sequence + 1;
  e = g_new0 (Entry, 1);
  e->step = followup_reminder_to_step (r);
  e->step->sequence = sequence;
  e->digest = g_steal_pointer (&digest);
  e->seen = ledger->generation;
  g_hash_table_replace (ledger->entries, e->step->key, e);
  journal_entry (ledger, e);
}

/* a step not in the plan any more is cancelled once, with a new sequence,
 * then forgotten after a while (a clock set back forgets nothing). With
 * `changed`, only the steps of those records are looked at: the others
 * were not planned again */
static void
note_departures (FollowupLedger *ledger, GHashTable *changed, gint64 now)
{
  GHashTableIter iter;
  Entry *e;

  g_hash_table_iter_init (&iter, ledger->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &e)) {
    if (e->seen == ledger->generation ||
        (changed != NULL && !g_hash_table_contains (changed, e->step->id)))
      continue;
    if (e->step->left == 0) {
      e->step->left = now;
      e->step->sequence++;
      journal_entry (ledger, e);
    } else if (changed == NULL && now - e->step->left > KEEP_SECONDS) {
      journal_forget (ledger, e->step->key);
      g_hash_table_iter_remove (&iter);
    }
  }
}

gboolean
followup_ledger_note_plan (FollowupLedger *ledger, GPtrArray *schedule, GHashTable *changed,
                           gint64 now)
{
  gsize before = ledger->pending->len;

  ledger->generation++;
  for (guint i = 0; i < schedule->len; i++) {
    const FollowupReminder *r = g_ptr_array_index (schedule, i);

    if (changed == NULL || g_hash_table_contains (changed, r->record->id))
      note_step (ledger, r);
  }
  note_departures (ledger, changed, now);
  return ledger->pending->len != before;
}

guint
followup_ledger_sequence (FollowupLedger *ledger, const char *key)
{
  Entry *e = g_hash_table_lookup (ledger->entries, key);

  return e != NULL ? e->step->sequence : 0;
}

static gint
compare_left (gconstpointer a, gconstpointer b)
{
  const FollowupStep *x = *(FollowupStep *const *) a;
  const FollowupStep *y = *(FollowupStep *const *) b;

  if (x->left != y->left)
    return x->left < y->left ? -1 : 1;
  return g_strcmp0 (x->key, y->key);
}

GPtrArray *
followup_ledger_get_departed (FollowupLedger *ledger)
{
  GPtrArray *out = g_ptr_array_new ();
  GHashTableIter iter;
  Entry *e;

  g_hash_table_iter_init (&iter, ledger->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &e)) {
    if (e->step->left != 0)
      g_ptr_array_add (out, e->step);
  }
  g_ptr_array_sort (out, compare_left);
  return out;
}

static JsonNode *
entry_to_json (const Entry *e)
{
  g_autoptr (GVariant) dict = g_variant_ref_sink (followup_step_to_variant (e->step));
  JsonNode *node = json_gvariant_serialize (dict);

  json_object_set_string_member (json_node_get_object (node), "digest", e->digest);
  return node;
}

static char *
ledger_to_text (FollowupLedger *ledger)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GList) keys =
    g_list_sort (g_hash_table_get_keys (ledger->entries), (GCompareFunc) g_strcmp0);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "steps");
  json_builder_begin_array (b);
  for (GList *l = keys; l != NULL; l = l->next)
    json_builder_add_value (b, entry_to_json (g_hash_table_lookup (ledger->entries, l->data)));
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  /* not pretty: at 10,000 records it is written on every edit */
  return followup_json_to_line (root);
}

/* the journal lines, appended and synced: a sequence a calendar has seen
 * must never be handed out lower */
static gboolean
append_journal (FollowupLedger *ledger, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (ledger->journal_path);
  int fd, saved;
  gboolean ok;

  if (g_mkdir_with_parents (dir, 0700) < 0 ||
      (fd = g_open (ledger->journal_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600)) < 0) {
    saved = errno;
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_IO, _ ("cannot save %s: %s"),
                 ledger->journal_path, g_strerror (saved));
    return FALSE;
  }
  ok = write (fd, ledger->pending->str, ledger->pending->len) == (gssize) ledger->pending->len &&
       fsync (fd) == 0;
  saved = errno;
  close (fd);
  if (!ok) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_IO, _ ("cannot save %s: %s"),
                 ledger->journal_path, g_strerror (saved));
    return FALSE;
  }
  return TRUE;
}

/* the whole ledger, then an empty journal: a crash between the two leaves
 * a journal whose lines the ledger already has, which replay skips */
static gboolean
compact (FollowupLedger *ledger, GError **error)
{
  g_autofree char *text = ledger_to_text (ledger);

  if (!followup_file_save_private (ledger->path, text, error))
    return FALSE;
  if (g_unlink (ledger->journal_path) < 0 && errno != ENOENT)
    g_warning ("cannot remove %s: %s", ledger->journal_path, g_strerror (errno));
  ledger->journal_lines = 0;
  return TRUE;
}

gboolean
followup_ledger_save (FollowupLedger *ledger, GError **error)
{
  guint lines = 0;

  if (ledger->pending->len == 0)
    return TRUE;
  for (gsize i = 0; i < ledger->pending->len; i++)
    lines += ledger->pending->str[i] == '\n';
  if (ledger->journal_lines + lines >
      MAX (COMPACT_MIN_LINES, g_hash_table_size (ledger->entries))) {
    if (!compact (ledger, error))
      return FALSE;
  } else {
    if (!append_journal (ledger, error))
      return FALSE;
    ledger->journal_lines += lines;
  }
  g_string_truncate (ledger->pending, 0);
  return TRUE;
}

void
followup_ledger_free (FollowupLedger *ledger)
{
  if (ledger == NULL)
    return;
  g_free (ledger->path);
  g_free (ledger->journal_path);
  g_string_free (ledger->pending, TRUE);
  g_hash_table_unref (ledger->entries);
  g_free (ledger);
}

char *
followup_ledger_path_for_state (const char *state_path)
{
  return g_strconcat (state_path, ".ledger", NULL);
}

/* followup-ledger.c: per step key a sequence and the last fields, in a
 * small JSON file beside the state file
 *
 * a file of its own, not a table in the state file: the state is saved
 * each time a reminder is shown and forgets a step the moment it leaves
 * the plan, while the ledger changes only with the plan and must remember a
 * departed step for weeks; and a calendar mirror can keep it without the
 * reminders' memory */
#include "config.h"

#define G_LOG_DOMAIN "followup-ledger"

#include <string.h>

#include "followup-file.h"
#include "followup-ledger.h"
#include "followup-output.h"

#define KEEP_SECONDS (G_GINT64_CONSTANT (86400) * FOLLOWUP_LEDGER_KEEP_DAYS)

typedef struct {
  FollowupStep *step; /* the last fields, with its sequence and when it left */
  char *digest;       /* of what an export shows of it */
  guint64 seen;       /* the plan it was last in (a generation, not saved) */
} Entry;

struct _FollowupLedger {
  char *path;
  GHashTable *entries; /* step key -> Entry */
  guint64 generation;  /* of the plan being noted: one lookup a step, no set of keys */
  gboolean dirty;
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

FollowupLedger *
followup_ledger_load (const char *path)
{
  FollowupLedger *ledger = g_new0 (FollowupLedger, 1);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  ledger->path = g_strdup (path);
  /* the key is the entry's own step->key */
  ledger->entries =
    g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) entry_free);
  if (!json_parser_load_from_mapped_file (parser, path, &error)) {
    if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
      g_warning ("%s: cannot read the ledger (%s); calendar sequences start again", path,
                 error->message);
    return ledger;
  }
  if (json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))) {
    g_warning ("%s: the ledger is not a JSON object; calendar sequences start again", path);
    return ledger;
  }
  read_entries (ledger, json_parser_get_root (parser));
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
  ledger->dirty = TRUE;
}

/* a step not in the plan any more is cancelled once, with a new sequence,
 * then forgotten after a while (a clock set back forgets nothing) */
static void
note_departures (FollowupLedger *ledger, gint64 now)
{
  GHashTableIter iter;
  Entry *e;

  g_hash_table_iter_init (&iter, ledger->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &e)) {
    if (e->seen == ledger->generation)
      continue;
    if (e->step->left == 0) {
      e->step->left = now;
      e->step->sequence++;
      ledger->dirty = TRUE;
    } else if (now - e->step->left > KEEP_SECONDS) {
      g_hash_table_iter_remove (&iter);
      ledger->dirty = TRUE;
    }
  }
}

gboolean
followup_ledger_note_plan (FollowupLedger *ledger, GPtrArray *schedule, gint64 now)
{
  gboolean was_dirty = ledger->dirty;

  ledger->dirty = FALSE;
  ledger->generation++;
  for (guint i = 0; i < schedule->len; i++)
    note_step (ledger, g_ptr_array_index (schedule, i));
  note_departures (ledger, now);
  if (!ledger->dirty) {
    ledger->dirty = was_dirty;
    return FALSE;
  }
  return TRUE;
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

/* durable: a sequence a calendar has seen must never be handed out lower */
gboolean
followup_ledger_save (FollowupLedger *ledger, GError **error)
{
  g_autofree char *text = NULL;

  if (!ledger->dirty)
    return TRUE;
  text = ledger_to_text (ledger);
  if (!followup_file_save_private (ledger->path, text, error))
    return FALSE;
  ledger->dirty = FALSE;
  return TRUE;
}

void
followup_ledger_free (FollowupLedger *ledger)
{
  if (ledger == NULL)
    return;
  g_free (ledger->path);
  g_hash_table_unref (ledger->entries);
  g_free (ledger);
}

char *
followup_ledger_path_for_state (const char *state_path)
{
  return g_strconcat (state_path, ".ledger", NULL);
}

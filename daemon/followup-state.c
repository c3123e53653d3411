/* followup-state.c: a small JSON file in $XDG_STATE_HOME/followup/ */
#include "config.h"

#define G_LOG_DOMAIN "followup-state"

#include <string.h>
#include <json-glib/json-glib.h>

#include "followup-file.h"
#include "followup-state.h"

struct _FollowupState {
  char *path;
  GHashTable *shown;       /* key -> gint64* due it was shown for */
  GHashTable *snoozes;     /* key -> gint64* until */
  GHashTable *windows;     /* key -> gint64* how many calling windows it was shown in */
  GHashTable *window_ends; /* key -> gint64* the end of the last window counted */
  GHashTable *statuses;    /* "ID/STATUS" -> gint64* when first seen; never pruned with
                            * the steps, since a status outlives every step */
  GHashTable *status_of;   /* ID -> its key in statuses (an index, not saved) */
  GVariant *desk;          /* the notifications on screen, as the notifier saves them */
  gboolean dirty;          /* holds what must last: saved at once */
  gboolean pruned;         /* only forgot steps that left the plan: saved with the next */
};

static GHashTable *
table_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
table_set (GHashTable *table, const char *key, gint64 value)
{
  g_hash_table_insert (table, g_strdup (key), g_memdup2 (&value, sizeof value));
}

static void
read_table (JsonObject *root, const char *name, GHashTable *into)
{
  JsonNode *member = json_object_get_member (root, name);
  /* a hand-edited or damaged state may hold anything under the name */
  JsonObject *obj =
    member != NULL && JSON_NODE_HOLDS_OBJECT (member) ? json_node_get_object (member) : NULL;
  g_autoptr (GList) members = obj ? json_object_get_members (obj) : NULL;

  for (GList *l = members; l != NULL; l = l->next) {
    JsonNode *node = json_object_get_member (obj, l->data);

    if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
      table_set (into, l->data, json_node_get_int (node));
  }
}

static void
index_statuses (FollowupState *state)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, state->statuses);
  while (g_hash_table_iter_next (&iter, &key, NULL)) {
    const char *slash = strrchr (key, '/');

    if (slash != NULL)
      g_hash_table_insert (state->status_of, g_strndup (key, slash - (const char *) key),
                           g_strdup (key));
  }
}

/* a hand-edited desk that does not read is dropped: at worst a notification
 * of before stays up until it is dismissed */
static void
read_desk (FollowupState *state, JsonObject *root)
{
  const char *text = json_object_get_string_member_with_default (root, "notifications", NULL);

  /* GVariant text, not JSON: JSON would lose the types of the ids */
  if (text != NULL)
    state->desk = g_variant_parse (G_VARIANT_TYPE_VARDICT, text, NULL, NULL, NULL);
}

/* never fails: a missing or broken state only means reminders may repeat once */
FollowupState *
followup_state_load (const char *path)
{
  FollowupState *state = g_new0 (FollowupState, 1);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonNode *root;

  state->path = g_strdup (path);
  state->shown = table_new ();
  state->snoozes = table_new ();
  state->windows = table_new ();
  state->window_ends = table_new ();
  state->statuses = table_new ();
  state->status_of = table_new ();
  if (!json_parser_load_from_mapped_file (parser, path, &error)) {
    if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
      g_warning ("%s: cannot read the state (%s); reminders already shown may show once more", path,
                 error->message);
    return state;
  }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)) {
    g_warning ("%s: the state is not a JSON object; starting afresh", path);
    return state;
  }
  read_table (json_node_get_object (root), "shown", state->shown);
  read_table (json_node_get_object (root), "snoozes", state->snoozes);
  read_table (json_node_get_object (root), "windows", state->windows);
  read_table (json_node_get_object (root), "window_ends", state->window_ends);
  read_table (json_node_get_object (root), "statuses", state->statuses);
  index_statuses (state);
  read_desk (state, json_node_get_object (root));
  return state;
}

/* shown for this due or a later one: a call that moves on to the next
 * window is shown again, but a clock set back to an earlier window
 * repeats nothing; pass 0 to ask whether it was shown at all */
gboolean
followup_state_was_shown (FollowupState *state, const char *key, gint64 due)
{
  gint64 *shown = g_hash_table_lookup (state->shown, key);

  return shown != NULL && *shown >= due;
}

void
followup_state_mark_shown (FollowupState *state, const char *key, gint64 due)
{
  gint64 *shown = g_hash_table_lookup (state->shown, key);

  if (shown != NULL && *shown >= due)
    return;
  table_set (state->shown, key, due);
  state->dirty = TRUE;
}

/* a call moved on to a later window is shown once more: count the windows,
 * not the showings (a snooze inside one window shows it again there) */
void
followup_state_count_window (FollowupState *state, const char *key, gint64 window_end)
{
  gint64 *counted = g_hash_table_lookup (state->window_ends, key);
  gint64 *windows = g_hash_table_lookup (state->windows, key);

  if (counted != NULL && *counted == window_end)
    return;
  table_set (state->window_ends, key, window_end);
  table_set (state->windows, key, (windows ? *windows : 0) + 1);
  state->dirty = TRUE;
}

GHashTable *
followup_state_get_shown (FollowupState *state)
{
  return state->shown;
}

GHashTable *
followup_state_get_windows (FollowupState *state)
{
  return state->windows;
}

GHashTable *
followup_state_get_statuses (FollowupState *state)
{
  return state->statuses;
}

/* the first time a status is seen for a record; a new status replaces the
 * record's earlier one */
void
followup_state_note_status (FollowupState *state, const char *id, const char *key, gint64 now)
{
  const char *old = g_hash_table_lookup (state->status_of, id);

  if (g_strcmp0 (old, key) == 0)
    return;
  followup_state_forget_status (state, id);
  table_set (state->statuses, key, now);
  g_hash_table_insert (state->status_of, g_strdup (id), g_strdup (key));
  state->dirty = TRUE;
}

/* back to waiting: the next status is dated anew */
void
followup_state_forget_status (FollowupState *state, const char *id)
{
  const char *old = g_hash_table_lookup (state->status_of, id);

  if (old == NULL)
    return;
  g_hash_table_remove (state->statuses, old);
  g_hash_table_remove (state->status_of, id);
  state->dirty = TRUE;
}

void
followup_state_clear_snooze (FollowupState *state, const char *key)
{
  if (g_hash_table_remove (state->snoozes, key))
    state->dirty = TRUE;
}

void
followup_state_forget_shown (FollowupState *state, const char *key)
{
  if (g_hash_table_remove (state->shown, key))
    state->dirty = TRUE;
}

GHashTable *
followup_state_get_snoozes (FollowupState *state)
{
  return state->snoozes;
}

void
followup_state_set_snooze (FollowupState *state, const char *key, gint64 until)
{
  table_set (state->snoozes, key, until);
  state->dirty = TRUE;
}

static guint
prune_table (GHashTable *table, GHashTable *live_keys)
{
  GHashTableIter iter;
  gpointer key;
  guint removed = 0;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL)) {
    if (!g_hash_table_contains (live_keys, key)) {
      g_hash_table_iter_remove (&iter);
      removed++;
    }
  }
  return removed;
}

/* steps that left the plan (done, record removed) need no memory */
void
followup_state_prune (FollowupState *state, GHashTable *live_keys)
{
  if (prune_table (state->shown, live_keys) + prune_table (state->snoozes, live_keys) +
        prune_table (state->windows, live_keys) + prune_table (state->window_ends, live_keys) >
      0)
    state->pruned = TRUE;
}

static void
write_table (JsonBuilder *b, const char *name, GHashTable *table)
{
  g_autoptr (GList) keys = g_list_sort (g_hash_table_get_keys (table), (GCompareFunc) g_strcmp0);

  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  for (GList *l = keys; l != NULL; l = l->next) {
    json_builder_set_member_name (b, l->data);
    json_builder_add_int_value (b, *(gint64 *) g_hash_table_lookup (table, l->data));
  }
  json_builder_end_object (b);
}

gboolean
followup_state_save (FollowupState *state, GError **error)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;

  if (!state->dirty)
    return TRUE;
  state->pruned = FALSE;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);
  write_table (b, "shown", state->shown);
  write_table (b, "snoozes", state->snoozes);
  write_table (b, "windows", state->windows);
  write_table (b, "window_ends", state->window_ends);
  write_table (b, "statuses", state->statuses);
  if (state->desk != NULL) {
    g_autofree char *desk = g_variant_print (state->desk, TRUE);

    json_builder_set_member_name (b, "notifications");
    json_builder_add_string_value (b, desk);
  }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  if (!followup_file_save_private (state->path, text, error))
    return FALSE;
  state->dirty = FALSE;
  return TRUE;
}

/* A forgotten step costs no save of its own: a mark left on disk for a
 * step that is gone is harmless (the first plan after a start forgets it
 * again), and saving it made every Remove or done write two files */
gboolean
followup_state_flush (FollowupState *state, GError **error)
{
  if (state->pruned)
    state->dirty = TRUE;
  return followup_state_save (state, error);
}

void
followup_state_free (FollowupState *state)
{
  if (state == NULL)
    return;
  g_free (state->path);
  g_hash_table_unref (state->shown);
  g_hash_table_unref (state->snoozes);
  g_hash_table_unref (state->windows);
  g_hash_table_unref (state->window_ends);
  g_hash_table_unref (state->statuses);
  g_hash_table_unref (state->status_of);
  g_clear_pointer (&state->desk, g_variant_unref);
  g_free (state);
}

char *
followup_state_default_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "followup", "state", NULL);
}

/* the notifications on screen (an a{sv} of the notifier's), so a restart
 * can close them when they stop applying */
void
followup_state_set_desk (FollowupState *state, GVariant *desk)
{
  g_autoptr (GVariant) owned = desk ? g_variant_ref_sink (desk) : NULL;

  if ((owned == NULL && state->desk == NULL) ||
      (owned != NULL && state->desk != NULL && g_variant_equal (owned, state->desk)))
    return;
  g_clear_pointer (&state->desk, g_variant_unref);
  state->desk = g_steal_pointer (&owned);
  state->dirty = TRUE;
}

GVariant *
followup_state_get_desk (FollowupState *state)
{
  return state->desk;
}

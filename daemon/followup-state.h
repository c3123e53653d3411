/* followup-state.h: which reminders were shown (in how many windows),
 * snoozes, and when each record's status was first seen
 *
 * kept apart from the records: losing it never loses a record, and at worst
 * shows a reminder once more */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _FollowupState FollowupState;

FollowupState *followup_state_load (const char *path);
gboolean followup_state_was_shown (FollowupState *state, const char *key, gint64 due);
void followup_state_mark_shown (FollowupState *state, const char *key, gint64 due);
void followup_state_forget_shown (FollowupState *state, const char *key);
void followup_state_count_window (FollowupState *state, const char *key, gint64 window_end);
GHashTable *followup_state_get_shown (FollowupState *state);
GHashTable *followup_state_get_windows (FollowupState *state);
GHashTable *followup_state_get_snoozes (FollowupState *state);
void followup_state_set_snooze (FollowupState *state, const char *key, gint64 until);
void followup_state_clear_snooze (FollowupState *state, const char *key);
/* "ID/STATUS" -> when the daemon first saw that status */
GHashTable *followup_state_get_statuses (FollowupState *state);
void followup_state_note_status (FollowupState *state, const char *id, const char *key, gint64 now);
void followup_state_forget_status (FollowupState *state, const char *id);
/* forgets the steps not in live_keys; on disk with the next save or flush */
void followup_state_prune (FollowupState *state, GHashTable *live_keys);
/* saves what changed since the last save, if it must last; flush: also a prune */
gboolean followup_state_save (FollowupState *state, GError **error);
gboolean followup_state_flush (FollowupState *state, GError **error);
void followup_state_free (FollowupState *state);
char *followup_state_default_path (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FollowupState, followup_state_free)

void followup_state_set_desk (FollowupState *state, GVariant *desk);
GVariant *followup_state_get_desk (FollowupState *state);

G_END_DECLS

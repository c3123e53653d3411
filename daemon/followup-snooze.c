/* followup-snooze.c: R10, checked before anything is changed
 *
 * every target is checked first and set only when all pass; the values
 * each had are kept until the state file is saved, so a failed save can
 * put them back and the answer "nothing was snoozed" is true */
#include "config.h"

#define G_LOG_DOMAIN "followup-snooze"

#include "followup-error.h"
#include "followup-i18n.h"
#include "followup-names.h"
#include "followup-snooze.h"

#define MAX_SNOOZE (G_GINT64_CONSTANT (366) * 24 * 3600)

static gboolean
check_until (FollowupAction action, gint64 until, gint64 now_unix, GError **error)
{
  if (until == FOLLOWUP_SNOOZE_OFF)
    return TRUE;
  if (until == FOLLOWUP_SNOOZE_NEXT_WINDOW && action != FOLLOWUP_ACTION_CALL) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID,
                 _ ("until: only a call can wait for the next calling window; give a time"));
    return FALSE;
  }
  if (until != FOLLOWUP_SNOOZE_NEXT_WINDOW && until <= now_unix) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID,
                 _ ("until: a snooze must end in the future"));
    return FALSE;
  }
  if (until > now_unix + MAX_SNOOZE) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID,
                 _ ("until: a snooze may last a year at most; to stop following up, set the "
                    "status to closed"));
    return FALSE;
  }
  return TRUE;
}

static char *
format_user_time (GDateTime *t, GTimeZone *user_tz)
{
  g_autoptr (GDateTime) local = g_date_time_to_timezone (t, user_tz);

  return g_date_time_format (local, "%a %-d %b %H:%M");
}

/* a snooze moves a step later only, and a step with a deadline no later
 * than that; the next window is the one after the planned one */
static gboolean
snooze_end (const FollowupReminder *r, gint64 until, GTimeZone *user_tz, gint64 *end,
            GError **error)
{
  if (until == FOLLOWUP_SNOOZE_NEXT_WINDOW) {
    /* the engine moves a snooze ending as a window closes to the next one */
    *end = g_date_time_to_unix (r->until);
    return TRUE;
  }
  if (until <= g_date_time_to_unix (r->due)) {
    g_autofree char *due = format_user_time (r->due, user_tz);

    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID,
                 _ ("until: %s is due %s; a snooze must end after that"),
                 followup_action_to_string (r->action), due);
    return FALSE;
  }
  if (r->action != FOLLOWUP_ACTION_CALL && r->until != NULL &&
      until >= g_date_time_to_unix (r->until)) {
    g_autofree char *deadline = format_user_time (r->until, user_tz);

    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID,
                 _ ("until: %s applies until %s; a snooze must end before that"),
                 followup_action_to_string (r->action), deadline);
    return FALSE;
  }
  *end = until;
  return TRUE;
}

GArray *
followup_snooze_targets (GPtrArray *schedule, const char *id, FollowupAction a, gint64 until,
                         gint64 now_unix, GTimeZone *user_tz, GError **error)
{
  g_autoptr (GArray) targets = g_array_new (FALSE, FALSE, sizeof (FollowupSnoozeTarget));

  if (!check_until (a, until, now_unix, error))
    return NULL;
  for (guint i = 0; i < schedule->len; i++) {
    const FollowupReminder *r = g_ptr_array_index (schedule, i);
    FollowupSnoozeTarget target = { r->key, 0 };

    if (r->action != a || g_strcmp0 (r->record->id, id) != 0)
      continue;
    if (until != FOLLOWUP_SNOOZE_OFF && !snooze_end (r, until, user_tz, &target.end, error))
      return NULL;
    g_array_append_val (targets, target);
  }
  if (targets->len == 0) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_NOT_FOUND,
                 _ ("action: “%s” has no %s step pending"), id, followup_action_to_string (a));
    return NULL;
  }
  return g_steal_pointer (&targets);
}

/* what a snooze changed, to take back when it cannot be saved */
typedef struct {
  char *key;
  gint64 *snooze, *shown; /* the values before, or NULL */
} Undo;

static void
undo_clear (gpointer data)
{
  Undo *u = data;

  g_free (u->key);
  g_free (u->snooze);
  g_free (u->shown);
}

static void
remember (FollowupState *state, GArray *undo, const char *key)
{
  gint64 *snooze = g_hash_table_lookup (followup_state_get_snoozes (state), key);
  gint64 *shown = g_hash_table_lookup (followup_state_get_shown (state), key);
  Undo u = { g_strdup (key), snooze ? g_memdup2 (snooze, sizeof *snooze) : NULL,
             shown ? g_memdup2 (shown, sizeof *shown) : NULL };

  g_array_append_val (undo, u);
}

static void
take_back (FollowupState *state, GArray *undo)
{
  for (guint i = 0; i < undo->len; i++) {
    Undo *u = &g_array_index (undo, Undo, i);

    if (u->snooze != NULL)
      followup_state_set_snooze (state, u->key, *u->snooze);
    else
      followup_state_clear_snooze (state, u->key);
    if (u->shown != NULL)
      followup_state_mark_shown (state, u->key, *u->shown);
  }
}

gboolean
followup_snooze_apply (FollowupState *state, GArray *targets, gint64 until, GError **error)
{
  g_autoptr (GArray) undo = g_array_new (FALSE, FALSE, sizeof (Undo));
  g_autoptr (GError) save_error = NULL;

  g_array_set_clear_func (undo, undo_clear);
  for (guint i = 0; i < targets->len; i++) {
    const FollowupSnoozeTarget *t = &g_array_index (targets, FollowupSnoozeTarget, i);

    remember (state, undo, t->key);
    if (until == FOLLOWUP_SNOOZE_OFF)
      followup_state_clear_snooze (state, t->key);
    else
      followup_state_set_snooze (state, t->key, t->end);
    /* a snoozed step is shown again when the snooze ends */
    followup_state_forget_shown (state, t->key);
  }
  if (!followup_state_save (state, &save_error)) {
    take_back (state, undo);
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_IO, _ ("%s; nothing was snoozed"),
                 save_error->message);
    return FALSE;
  }
  return TRUE;
}

/* followup-snooze.h: R10, which pending steps a snooze moves, and to when
 *
 * a snooze is kept in the state file, by reminder key; it moves a step later
 * only, and never past that step's deadline. Setting them is all or nothing:
 * one step that refuses, or a state file that cannot be saved, leaves every
 * snooze as it was */
#pragma once

#include <glib.h>

#include "followup-engine.h"
#include "followup-state.h"

G_BEGIN_DECLS

typedef struct {
  const char *key; /* the step's reminder key, owned by the schedule */
  gint64 end;      /* when its snooze ends (unused for FOLLOWUP_SNOOZE_OFF) */
} FollowupSnoozeTarget;

/* the steps of record id and action a in schedule (the engine's
 * FollowupReminder*) with the end of each one's snooze: until is a Unix
 * time, FOLLOWUP_SNOOZE_NEXT_WINDOW or FOLLOWUP_SNOOZE_OFF. Checked against
 * now_unix; times in messages are in user_tz. NULL with FOLLOWUP_ERROR_INVALID
 * or FOLLOWUP_ERROR_NOT_FOUND (no such step pending) */
GArray *followup_snooze_targets (GPtrArray *schedule, const char *id, FollowupAction a,
                                 gint64 until, gint64 now_unix, GTimeZone *user_tz, GError **error);
/* sets the targets' snoozes (or clears them, for FOLLOWUP_SNOOZE_OFF) and
 * saves the state file; when the save fails, puts every one back */
gboolean followup_snooze_apply (FollowupState *state, GArray *targets, gint64 until,
                                GError **error);

G_END_DECLS

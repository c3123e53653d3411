/* followup-ledger.h: what each step was last planned as, for calendars
 *
 * a calendar that imported a step keeps it until told otherwise: per step
 * key the ledger holds a sequence that only grows (up by one whenever the
 * step's content changes) and, for a step that left the plan (done, skipped,
 * retired by a re-plan, its record removed or ended), its last fields, kept
 * FOLLOWUP_LEDGER_KEEP_DAYS after it left so an export can cancel it. It
 * knows nothing of notifications or the bus: the reminders object notes
 * every plan in it, the service and a calendar mirror read it */
#pragma once

#include "followup-engine.h"
#include "followup-step.h"

G_BEGIN_DECLS

#define FOLLOWUP_LEDGER_KEEP_DAYS 30

typedef struct _FollowupLedger FollowupLedger;

/* never fails: a missing or broken ledger starts every sequence again at 0 */
FollowupLedger *followup_ledger_load (const char *path);
/* the plan as it now stands (FollowupReminder, sorted or not), of every
 * record or, with `changed` (record id set), of those planned again; TRUE
 * when a sequence changed, a step arrived, left or was forgotten */
gboolean followup_ledger_note_plan (FollowupLedger *ledger, GPtrArray *schedule,
                                    GHashTable *changed, gint64 now);
/* of a step in the plan; 0 for one never noted */
guint followup_ledger_sequence (FollowupLedger *ledger, const char *key);
/* the steps that left the plan and are not forgotten yet, in the order they
 * left: a new array (free it) of FollowupStep (borrowed, "left" set) */
GPtrArray *followup_ledger_get_departed (FollowupLedger *ledger);
/* saves what changed since the last save (a journal line each) */
gboolean followup_ledger_save (FollowupLedger *ledger, GError **error);
void followup_ledger_free (FollowupLedger *ledger);
/* beside the state file: STATE.ledger */
char *followup_ledger_path_for_state (const char *state_path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FollowupLedger, followup_ledger_free)

G_END_DECLS

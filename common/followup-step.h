/* followup-step.h: one planned step as it travels on the bus (a{sv}) and is
 * printed as JSON, shared by followupd and followupctl */
#pragma once

#include <json-glib/json-glib.h>

#include "followup-names.h"

G_BEGIN_DECLS

typedef struct {
  char *id;
  char *company;
  FollowupAction action;
  char *contact;  /* NULL when the step is not for one person */
  gint64 due;     /* Unix seconds */
  gint64 until;   /* end of the window or deadline, 0 for none */
  gint64 show_at; /* when a notification for it goes up */
  gint64 expires; /* when it stops applying (a window closes), 0 for never */
  char *reason;   /* one sentence a person reads */
  char *key;      /* the step's identity, stable across re-plans */
  char *zone;     /* the zone the step is timed in: the callee's for a call */
  guint sequence; /* how often its content changed (iCalendar SEQUENCE), from the ledger */
  gint64 left;    /* when it left the plan, 0 while it is in it */
} FollowupStep;

GVariant *followup_step_to_variant (const FollowupStep *step);
FollowupStep *followup_step_new_from_variant (GVariant *dict);
GPtrArray *followup_steps_new_from_variant (GVariant *list);
JsonNode *followup_step_to_json (const FollowupStep *step, GTimeZone *tz);
char *followup_json_to_line (JsonNode *node);
void followup_step_free (FollowupStep *step);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FollowupStep, followup_step_free)

G_END_DECLS

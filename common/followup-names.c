/* followup-names.c: the names tables and the one wording of each step */
#include "config.h"

#include <string.h>

#include "followup-i18n.h"
#include "followup-names.h"

/* the spellings of the record file and the bus: never translated */
static const char *const status_names[] = {
  "waiting", "offer", "rejected", "withdrawn", "no-opening", "closed", NULL,
};
static const char *const event_names[] = {
  "thank-you", "email", "call", "response", "keep-in-touch", "check-in", "prepare", NULL,
};
/* FOLLOWUP_OUTCOME_NONE has no name: the table starts at REACHED */
static const char *const outcome_names[] = {
  "reached",
  "voicemail",
  "no-answer",
  NULL,
};
static const char *const action_names[] = {
  "thank-you",     "follow-up-email", "call",    "move-on", "thanks-after-rejection",
  "keep-in-touch", "check-in",        "prepare", NULL,
};

static const FollowupFinish finishes[] = {
  [FOLLOWUP_ACTION_THANK_YOU] = { FOLLOWUP_FINISH_EVENT, FOLLOWUP_EVENT_THANK_YOU, TRUE, 0 },
  [FOLLOWUP_ACTION_FOLLOW_UP_EMAIL] = { FOLLOWUP_FINISH_EVENT, FOLLOWUP_EVENT_EMAIL, FALSE, 0 },
  [FOLLOWUP_ACTION_CALL] = { FOLLOWUP_FINISH_CALL, FOLLOWUP_EVENT_CALL, FALSE, 0 },
  [FOLLOWUP_ACTION_MOVE_ON] = { FOLLOWUP_FINISH_STATUS, 0, FALSE, FOLLOWUP_STATUS_CLOSED },
  /* after a no, one note to whoever is written to: not per interviewer */
  [FOLLOWUP_ACTION_THANKS_AFTER_REJECTION] = { FOLLOWUP_FINISH_EVENT, FOLLOWUP_EVENT_THANK_YOU,
                                               FALSE, 0 },
  [FOLLOWUP_ACTION_KEEP_IN_TOUCH] = { FOLLOWUP_FINISH_EVENT, FOLLOWUP_EVENT_KEEP_IN_TOUCH, FALSE,
                                      0 },
  [FOLLOWUP_ACTION_CHECK_IN] = { FOLLOWUP_FINISH_EVENT, FOLLOWUP_EVENT_CHECK_IN, FALSE, 0 },
  [FOLLOWUP_ACTION_PREPARE] = { FOLLOWUP_FINISH_EVENT, FOLLOWUP_EVENT_PREPARE, FALSE, 0 },
};

static const char *const event_descriptions[] = {
  N_ ("the thank-you note"), N_ ("the follow-up email"),    N_ ("the call"),
  N_ ("their answer"),       N_ ("the keep-in-touch note"), N_ ("the check-in email"),
  N_ ("your preparation"),
};

const char *const *
followup_names (FollowupNames table)
{
  switch (table) {
    case FOLLOWUP_NAMES_STATUS:
      return status_names;
    case FOLLOWUP_NAMES_EVENT:
      return event_names;
    case FOLLOWUP_NAMES_OUTCOME:
      return outcome_names;
    case FOLLOWUP_NAMES_ACTION:
    default:
      return action_names;
  }
}

char *
followup_names_choices (FollowupNames table)
{
  const char *const *names = followup_names (table);
  guint n = g_strv_length ((GStrv) names);
  g_autofree char *head = NULL;

  if (n == 1)
    return g_strdup (names[0]);
  head = g_strjoinv (", ", (GStrv) names);
  /* cut off the last ", name" to join it with "or" */
  head[strlen (head) - strlen (names[n - 1]) - 2] = '\0';
  /* TRANSLATORS: the end of a list of choices: "a, b or c" */
  return g_strdup_printf (_ ("%s or %s"), head, names[n - 1]);
}

static gboolean
lookup (const char *const *names, const char *text, int *out)
{
  for (int i = 0; text != NULL && names[i] != NULL; i++) {
    if (strcmp (names[i], text) == 0) {
      *out = i;
      return TRUE;
    }
  }
  return FALSE;
}

const char *
followup_status_to_string (FollowupStatus status)
{
  return status_names[status];
}

const char *
followup_event_type_to_string (FollowupEventType type)
{
  return event_names[type];
}

const char *
followup_outcome_to_string (FollowupOutcome outcome)
{
  return outcome == FOLLOWUP_OUTCOME_NONE ? NULL : outcome_names[outcome - 1];
}

const char *
followup_action_to_string (FollowupAction action)
{
  return action_names[action];
}

gboolean
followup_status_from_string (const char *text, FollowupStatus *out)
{
  return lookup (status_names, text, (int *) out);
}

gboolean
followup_event_type_from_string (const char *text, FollowupEventType *out)
{
  return lookup (event_names, text, (int *) out);
}

gboolean
followup_outcome_from_string (const char *text, FollowupOutcome *out)
{
  int i;

  if (!lookup (outcome_names, text, &i))
    return FALSE;
  *out = (FollowupOutcome) (i + 1);
  return TRUE;
}

gboolean
followup_action_from_string (const char *text, FollowupAction *out)
{
  return lookup (action_names, text, (int *) out);
}

const FollowupFinish *
followup_action_finish (FollowupAction action)
{
  return &finishes[action];
}

const char *
followup_event_type_describe (FollowupEventType type)
{
  return _ (event_descriptions[type]);
}

char *
followup_step_summary (FollowupAction action, const char *contact, const char *company)
{
  const char *who = contact ? contact : _ ("the interviewer");

  switch (action) {
    case FOLLOWUP_ACTION_THANK_YOU:
      return g_strdup_printf (_ ("Send a thank-you note to %s at %s"), who, company);
    case FOLLOWUP_ACTION_FOLLOW_UP_EMAIL:
      return g_strdup_printf (_ ("Email %s at %s to follow up"), who, company);
    case FOLLOWUP_ACTION_CALL:
      return g_strdup_printf (_ ("Call %s at %s"), who, company);
    case FOLLOWUP_ACTION_MOVE_ON:
      return g_strdup_printf (_ ("Time to move on from %s"), company);
    case FOLLOWUP_ACTION_THANKS_AFTER_REJECTION:
      return g_strdup_printf (_ ("Thank %s at %s, even after the no"), who, company);
    case FOLLOWUP_ACTION_CHECK_IN:
      return g_strdup_printf (_ ("Email %s at %s to ask where things stand"), who, company);
    case FOLLOWUP_ACTION_PREPARE:
      return g_strdup_printf (_ ("Get ready for your interview at %s"), company);
    case FOLLOWUP_ACTION_KEEP_IN_TOUCH:
    default:
      return g_strdup_printf (_ ("Keep in touch with %s at %s"), who, company);
  }
}

/* followup-names.h: the one source of the names daemon and client share
 *
 * the bus name and path, the statuses, event types, outcomes and actions as
 * the record file and the bus spell them, the "use a, b or c" lists, what
 * finishes each step, and the one sentence that says what a step asks */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FOLLOWUP_BUS_NAME "org.followup.Followup1"
#define FOLLOWUP_OBJECT_PATH "/org/followup/Followup1"
#define FOLLOWUP_INTERFACE "org.followup.Followup1"

/* the two special ends of Snooze (): the next calling window, and undo */
#define FOLLOWUP_SNOOZE_NEXT_WINDOW 0
#define FOLLOWUP_SNOOZE_OFF (-1)

typedef enum {
  FOLLOWUP_STATUS_WAITING,
  FOLLOWUP_STATUS_OFFER,
  FOLLOWUP_STATUS_REJECTED,
  FOLLOWUP_STATUS_WITHDRAWN,
  FOLLOWUP_STATUS_NO_OPENING,
  FOLLOWUP_STATUS_CLOSED,
} FollowupStatus;

typedef enum {
  FOLLOWUP_EVENT_THANK_YOU,
  FOLLOWUP_EVENT_EMAIL,
  FOLLOWUP_EVENT_CALL,
  FOLLOWUP_EVENT_RESPONSE,
  FOLLOWUP_EVENT_KEEP_IN_TOUCH,
  FOLLOWUP_EVENT_CHECK_IN, /* an email asking where things stand, in place of a call */
  FOLLOWUP_EVENT_PREPARE,  /* ready for an upcoming interview (R16) */
} FollowupEventType;

typedef enum {
  FOLLOWUP_OUTCOME_NONE,
  FOLLOWUP_OUTCOME_REACHED,
  FOLLOWUP_OUTCOME_VOICEMAIL,
  FOLLOWUP_OUTCOME_NO_ANSWER,
} FollowupOutcome;

typedef enum {
  FOLLOWUP_ACTION_THANK_YOU,
  FOLLOWUP_ACTION_FOLLOW_UP_EMAIL,
  FOLLOWUP_ACTION_CALL,
  FOLLOWUP_ACTION_MOVE_ON,
  FOLLOWUP_ACTION_THANKS_AFTER_REJECTION,
  FOLLOWUP_ACTION_KEEP_IN_TOUCH,
  FOLLOWUP_ACTION_CHECK_IN,
  FOLLOWUP_ACTION_PREPARE,
} FollowupAction;

/* a table of names, NULL-terminated, in enum order */
typedef enum {
  FOLLOWUP_NAMES_STATUS,
  FOLLOWUP_NAMES_EVENT,
  FOLLOWUP_NAMES_OUTCOME, /* without NONE */
  FOLLOWUP_NAMES_ACTION,
} FollowupNames;

const char *const *followup_names (FollowupNames table);
/* "waiting, offer, rejected, withdrawn, no-opening or closed" */
char *followup_names_choices (FollowupNames table);

const char *followup_status_to_string (FollowupStatus status);
const char *followup_event_type_to_string (FollowupEventType type);
const char *followup_outcome_to_string (FollowupOutcome outcome); /* NULL for NONE */
const char *followup_action_to_string (FollowupAction action);
gboolean followup_status_from_string (const char *text, FollowupStatus *out);
gboolean followup_event_type_from_string (const char *text, FollowupEventType *out);
gboolean followup_outcome_from_string (const char *text, FollowupOutcome *out);
gboolean followup_action_from_string (const char *text, FollowupAction *out);

/* what the user does to finish a step, and so what the daemon records */
typedef enum {
  FOLLOWUP_FINISH_EVENT,  /* an event of `event`, naming the step's contact if `per_contact` */
  FOLLOWUP_FINISH_CALL,   /* a call event with an outcome */
  FOLLOWUP_FINISH_STATUS, /* the status `status` */
} FollowupFinishKind;

typedef struct {
  FollowupFinishKind kind;
  FollowupEventType event;
  gboolean per_contact;
  FollowupStatus status;
} FollowupFinish;

const FollowupFinish *followup_action_finish (FollowupAction action);

/* "the thank-you note", for "Recorded the thank-you note for …" */
const char *followup_event_type_describe (FollowupEventType type);

/* "Call Jane Doe at Acme Corp": what a step asks, in one line; contact may
 * be NULL; record text fills the (literal) formats only as arguments */
char *followup_step_summary (FollowupAction action, const char *contact, const char *company);

G_END_DECLS

/* followup-draft.h: short messages filled from a record, from templates
 * the user may override in $XDG_CONFIG_HOME/followup/templates/KIND.txt;
 * shared so followupctl draft and the daemon's "Write" button build the same
 * draft from the same record a{sv} and me group */
#pragma once

#include <glib.h>

#include "followup-names.h"

G_BEGIN_DECLS

typedef struct {
  char *to_name;  /* the contact, or NULL */
  char *to_email; /* the contact's address, or NULL */
  char *subject;
  char *body;
  char *to_phone;  /* the contact's number, or NULL */
  gboolean spoken; /* a call or voicemail script: no subject, no mail */
} FollowupDraft;

typedef struct {
  const char *contact; /* whom to write to; NULL: the first contact */
  const char *my_name; /* the signature; NULL: a slot; "": none (notes only) */
  GTimeZone *local_tz; /* for "today" and "yesterday" */
  GDateTime *now;
  GVariant *me;    /* the file's me group (name, phone, email), or NULL */
  gboolean spoken; /* a script for a call: no subject, a slot for an unknown name */
  /* the draft's language, for the words it fills in itself ("Hiring Team",
   * "yesterday", day and month names): NULL for the user's */
  const char *language;
} FollowupDraftInput;

extern const char *const followup_draft_kinds[];

const char *followup_draft_canonical_kind (const char *kind);
/* call and voicemail are said, not sent */
gboolean followup_draft_kind_is_spoken (const char *kind);
/* the step of the plan a kind of message is for; FALSE for an unknown kind */
gboolean followup_draft_kind_to_action (const char *kind, FollowupAction *action);
/* the template for a step of the plan; NULL when the step has no message */
const char *followup_draft_kind_for_action (FollowupAction action);
char *followup_draft_template_dir (void);
const char *followup_draft_signature (const char *from, GVariant *me, const char *real_name,
                                      const char *login);
char *followup_draft_greeting_name (const char *full);
/* own LANG/KIND.txt, own KIND.txt, built-in LANG/KIND.txt, built-in English;
 * language is the record's ("de", "pt-BR"), NULL for the user's */
char *followup_draft_load_template (const char *kind, const char *language,
                                    const char *override_dir, GError **error);
FollowupDraft *followup_draft_fill (const char *template_text, GVariant *record,
                                    const FollowupDraftInput *input, GError **error);

/* the draft as followupctl draft makes it: the user's template for kind,
 * else the built-in one; signed with from, else me's name, else the account's
 * full name; record and me are the a{sv} of Get () and the Me property */
FollowupDraft *followup_draft_new (const char *kind, GVariant *record, GVariant *me,
                                   const char *contact, const char *from, GTimeZone *local_tz,
                                   GDateTime *now, GError **error);
/* the same for a planned step: its action picks the template */
FollowupDraft *followup_draft_new_for_action (FollowupAction action, GVariant *record, GVariant *me,
                                              const char *contact, GTimeZone *local_tz,
                                              GDateTime *now, GError **error);

char *followup_draft_to_text (const FollowupDraft *draft);
/* RFC 6068 mailto: URI; to may be NULL (the mail client asks) */
char *followup_draft_mailto (const char *to, const char *subject, const char *body);
void followup_draft_free (FollowupDraft *draft);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FollowupDraft, followup_draft_free)

G_END_DECLS

/* followupctl-draft.h: short messages filled from a record, from templates
 * the user may override in $XDG_CONFIG_HOME/followup/templates/KIND.txt */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *to_name;  /* the contact, or NULL */
  char *to_email; /* the contact's address, or NULL */
  char *subject;
  char *body;
  char *to_phone;  /* the contact's number, or NULL */
  gboolean spoken; /* a call or voicemail script: no subject, no mail */
} FollowupctlDraft;

typedef struct {
  const char *contact; /* whom to write to; NULL: the first contact */
  const char *my_name; /* the signature; NULL: a slot; "": none (notes only) */
  GTimeZone *local_tz; /* for "today" and "yesterday" */
  GDateTime *now;
  GVariant *me;    /* the file's me group (name, phone, email), or NULL */
  gboolean spoken; /* a script for a call: no subject, a slot for an unknown name */
} FollowupctlDraftInput;

extern const char *const followupctl_draft_kinds[];

const char *followupctl_draft_canonical_kind (const char *kind);
/* call and voicemail are said, not sent */
gboolean followupctl_draft_kind_is_spoken (const char *kind);
char *followupctl_draft_template_dir (void);
const char *followupctl_draft_signature (const char *from, GVariant *me, const char *real_name,
                                         const char *login);
char *followupctl_draft_greeting_name (const char *full);
const char *followupctl_draft_planned_contact (GPtrArray *steps, const char *id, const char *kind);
char *followupctl_draft_load_template (const char *kind, const char *language,
                                       const char *override_dir, GError **error);
FollowupctlDraft *followupctl_draft_fill (const char *template_text, GVariant *record,
                                          const FollowupctlDraftInput *input, GError **error);
char *followupctl_draft_to_text (const FollowupctlDraft *draft);
char *followupctl_draft_to_mailto (const FollowupctlDraft *draft);
void followupctl_draft_free (FollowupctlDraft *draft);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FollowupctlDraft, followupctl_draft_free)

G_END_DECLS

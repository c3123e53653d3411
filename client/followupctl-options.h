/* followupctl-options.h: the options the writing commands share, read the
 * same way for add, edit and the events */
#pragma once

#include "followupctl-commands.h"

G_BEGIN_DECLS

typedef struct {
  char *company;
  char *role;
  char *at;
  char *tz;
  char *language;
  char *decision_in;
  char *decision_by;
  char *notes;
  char *id;
  char *status;
  char *contact;
  GPtrArray *contacts; /* GVariantDict, one per --contact */
  char **with;         /* round: --contact NAME, repeated */
  gboolean force;      /* an interview date more than a year away is meant */
  gboolean anyway;     /* a call past max_calls is to be recorded all the same */
} FollowupctlOptions;

void followupctl_options_clear (FollowupctlOptions *o);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FollowupctlOptions, followupctl_options_clear)

#define TEXT_ENTRY(name, field, help, arg)                 \
  {                                                        \
    name, 0, 0, G_OPTION_ARG_FILENAME, &(field), help, arg \
  }

#define FORCE_ENTRY(o)                                                          \
  {                                                                             \
    "force", 0, 0, G_OPTION_ARG_NONE, &(o).force,                               \
      N_ ("Take an interview date more than a year away (it is no typo)"), NULL \
  }

gboolean followupctl_check_interview_time (const FollowupctlOptions *o, GDateTime *at,
                                           GDateTime *now, GError **error);
gboolean followupctl_put_interview_time (FollowupctlCtx *ctx, GVariantDict *dict, const char *key,
                                         const FollowupctlOptions *o, GTimeZone *tz,
                                         GError **error);
gboolean followupctl_check_texts (const FollowupctlOptions *o, GError **error);
gboolean followupctl_is_one_of (const char *const *names, const char *text);
gboolean followupctl_unknown_name (GError **error, const char *prefix, FollowupNames table,
                                   const char *value);
GTimeZone *followupctl_parse_zone (const char *name, GError **error);
gboolean followupctl_put_decision (GVariantDict *dict, const FollowupctlOptions *o,
                                   gboolean replace, GError **error);
void followupctl_put_text (GVariantDict *dict, const char *key, const char *value);
gboolean followupctl_contact_cb (const char *option, const char *value, gpointer data,
                                 GError **error);
GVariant *followupctl_contacts_variant (GPtrArray *contacts);

#define CONTACT_ENTRIES                                                                  \
  { "contact",                                                                           \
    0,                                                                                   \
    G_OPTION_FLAG_FILENAME,                                                              \
    G_OPTION_ARG_CALLBACK,                                                               \
    followupctl_contact_cb,                                                              \
    N_ ("Someone who interviewed you (repeatable)"),                                     \
    "NAME" },                                                                            \
    { "phone",                                                                           \
      0,                                                                                 \
      G_OPTION_FLAG_FILENAME,                                                            \
      G_OPTION_ARG_CALLBACK,                                                             \
      followupctl_contact_cb,                                                            \
      N_ ("That contact's phone number"),                                                \
      "NUMBER" },                                                                        \
    { "email",                                                                           \
      0,                                                                                 \
      G_OPTION_FLAG_FILENAME,                                                            \
      G_OPTION_ARG_CALLBACK,                                                             \
      followupctl_contact_cb,                                                            \
      N_ ("That contact's email address"),                                               \
      "ADDRESS" },                                                                       \
  {                                                                                      \
    "prefers", 0, G_OPTION_FLAG_FILENAME, G_OPTION_ARG_CALLBACK, followupctl_contact_cb, \
      N_ ("How that contact likes to be reached: phone or email"), "HOW"                 \
  }

G_END_DECLS

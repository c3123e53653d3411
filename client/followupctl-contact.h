/* followupctl-contact.h: followupctl contact ID add|edit|rm NAME */
#pragma once

#include "followupctl-commands.h"

G_BEGIN_DECLS

gboolean followupctl_cmd_contact (FollowupctlCtx *ctx, char **argv, GError **error);
/* the record's contacts with those of added (aa{sv}, floating ok) after them */
GVariant *followupctl_contacts_adding (GVariant *record, GVariant *added, GError **error);

G_END_DECLS

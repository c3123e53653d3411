/* followupctl-send.h: the commands that write messages and files: draft, export */
#pragma once

#include "followupctl-commands.h"

G_BEGIN_DECLS

gboolean followupctl_cmd_draft (FollowupctlCtx *ctx, char **argv, GError **error);
gboolean followupctl_cmd_export (FollowupctlCtx *ctx, char **argv, GError **error);

G_END_DECLS

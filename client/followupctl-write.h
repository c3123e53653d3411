/* followupctl-write.h: the commands that change a record as a whole: add, edit, rm, status,
 * reload */
#pragma once

#include "followupctl-commands.h"

G_BEGIN_DECLS

gboolean followupctl_cmd_add (FollowupctlCtx *ctx, char **argv, GError **error);
gboolean followupctl_cmd_edit (FollowupctlCtx *ctx, char **argv, GError **error);
gboolean followupctl_cmd_rm (FollowupctlCtx *ctx, char **argv, GError **error);
gboolean followupctl_cmd_status (FollowupctlCtx *ctx, char **argv, GError **error);
gboolean followupctl_cmd_reload (FollowupctlCtx *ctx, char **argv, GError **error);

G_END_DECLS

/* followupctl-write.h: the commands that change records: add, edit, rm, done, called, heard,
 * status, snooze, reload */
#pragma once

#include "followupctl-commands.h"

G_BEGIN_DECLS

gboolean followupctl_cmd_add (FollowupctlCtx *ctx, char **argv, GError **error);
gboolean followupctl_cmd_edit (FollowupctlCtx *ctx, char **argv, GError **error);
gboolean followupctl_cmd_rm (FollowupctlCtx *ctx, char **argv, GError **error);
gboolean followupctl_cmd_done (FollowupctlCtx *ctx, char **argv, GError **error);
gboolean followupctl_cmd_called (FollowupctlCtx *ctx, char **argv, GError **error);
gboolean followupctl_cmd_heard (FollowupctlCtx *ctx, char **argv, GError **error);
gboolean followupctl_cmd_round (FollowupctlCtx *ctx, char **argv, GError **error);
gboolean followupctl_cmd_skip (FollowupctlCtx *ctx, char **argv, GError **error);
gboolean followupctl_cmd_status (FollowupctlCtx *ctx, char **argv, GError **error);
gboolean followupctl_cmd_snooze (FollowupctlCtx *ctx, char **argv, GError **error);
gboolean followupctl_cmd_reload (FollowupctlCtx *ctx, char **argv, GError **error);

G_END_DECLS

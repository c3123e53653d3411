/* followupctl-events.h: the commands that record what happened: done, skip, called, heard,
 * round, snooze */
#pragma once

#include "followupctl-commands.h"

G_BEGIN_DECLS

gboolean followupctl_cmd_done (FollowupctlCtx *ctx, char **argv, GError **error);
gboolean followupctl_cmd_called (FollowupctlCtx *ctx, char **argv, GError **error);
gboolean followupctl_cmd_heard (FollowupctlCtx *ctx, char **argv, GError **error);
gboolean followupctl_cmd_round (FollowupctlCtx *ctx, char **argv, GError **error);
gboolean followupctl_cmd_skip (FollowupctlCtx *ctx, char **argv, GError **error);
gboolean followupctl_cmd_snooze (FollowupctlCtx *ctx, char **argv, GError **error);

G_END_DECLS

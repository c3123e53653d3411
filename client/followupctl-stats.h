/* followupctl-stats.h: followupctl stats [--json] */
#pragma once

#include "followupctl-commands.h"

G_BEGIN_DECLS

gboolean followupctl_cmd_stats (FollowupctlCtx *ctx, char **argv, GError **error);

G_END_DECLS

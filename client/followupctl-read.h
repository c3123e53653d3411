/* followupctl-read.h: the commands that only read: list, show, next, agenda, check */
#pragma once

#include "followupctl-commands.h"

G_BEGIN_DECLS

gboolean followupctl_cmd_list (FollowupctlCtx *ctx, char **argv, GError **error);
gboolean followupctl_cmd_show (FollowupctlCtx *ctx, char **argv, GError **error);
gboolean followupctl_cmd_next (FollowupctlCtx *ctx, char **argv, GError **error);
gboolean followupctl_cmd_agenda (FollowupctlCtx *ctx, char **argv, GError **error);
gboolean followupctl_cmd_check (FollowupctlCtx *ctx, char **argv, GError **error);
gboolean followupctl_print_steps (FollowupctlCtx *ctx, GPtrArray *mine, const char *id,
                                  const char *title);

G_END_DECLS

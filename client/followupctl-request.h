/* followupctl-request.h: edits that are safe to send again
 *
 * Every Add and RecordEvent carries a request token; the daemon answers a
 * token it has applied with its first answer. When the daemon does not
 * answer in time, the outcome is unknown: the token is kept for an hour
 * under $XDG_RUNTIME_DIR/followupctl/, and the same command run again sends
 * the same token, so a retry never adds a record or a call twice. */
#pragma once

#include "followupctl-commands.h"

G_BEGIN_DECLS

typedef struct _FollowupctlRequest FollowupctlRequest;

/* the request of this command line, with its token */
FollowupctlRequest *followupctl_request_new (FollowupctlCtx *ctx);
/* `dict` (an a{sv}) with the token in it */
GVariant *followupctl_request_stamp (FollowupctlRequest *request, GVariant *dict);
/* after the call: a time-out keeps the token and becomes the error that
 * says the outcome is unknown; any other answer lets it go */
gboolean followupctl_request_finish (FollowupctlRequest *request, GError *call_error,
                                     GError **error);
void followupctl_request_free (FollowupctlRequest *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FollowupctlRequest, followupctl_request_free)

G_END_DECLS

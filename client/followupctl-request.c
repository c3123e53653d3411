/* followupctl-request.c: request tokens, kept across a time-out */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "followup-i18n.h"
#include "followupctl-request.h"

/* a retry later than this is a new request */
#define KEEP_SECONDS 3600

struct _FollowupctlRequest {
  char *path; /* where the token waits after a time-out */
  char *token;
};

/* one file per command line: the same words give the same file */
static char *
pending_path (FollowupctlCtx *ctx)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *name = NULL;

  g_checksum_update (sum, (const guchar *) ctx->command->name, -1);
  for (char **a = ctx->argv; a != NULL && *a != NULL; a++) {
    g_checksum_update (sum, (const guchar *) "", 1);
    g_checksum_update (sum, (const guchar *) *a, -1);
  }
  name = g_strconcat ("pending-", g_checksum_get_string (sum), NULL);
  return g_build_filename (g_get_user_runtime_dir (), "followupctl", name, NULL);
}

static char *
kept_token (const char *path)
{
  g_autofree char *text = NULL;
  GStatBuf st;

  if (g_stat (path, &st) != 0 || st.st_mtime + KEEP_SECONDS < g_get_real_time () / G_USEC_PER_SEC ||
      !g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  g_strstrip (text);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

FollowupctlRequest *
followupctl_request_new (FollowupctlCtx *ctx)
{
  FollowupctlRequest *request = g_new0 (FollowupctlRequest, 1);

  request->path = pending_path (ctx);
  request->token = kept_token (request->path);
  if (request->token == NULL)
    request->token = g_uuid_string_random ();
  return request;
}

GVariant *
followupctl_request_stamp (FollowupctlRequest *request, GVariant *dict)
{
  GVariantDict d;

  g_variant_dict_init (&d, dict);
  g_variant_dict_insert (&d, "request-token", "s", request->token);
  return g_variant_dict_end (&d);
}

static gboolean
is_time_out (GError *e)
{
  return g_error_matches (e, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
         g_error_matches (e, G_DBUS_ERROR, G_DBUS_ERROR_TIMEOUT) ||
         g_error_matches (e, G_DBUS_ERROR, G_DBUS_ERROR_TIMED_OUT) ||
         g_error_matches (e, G_DBUS_ERROR, G_DBUS_ERROR_NO_REPLY);
}

static void
keep (FollowupctlRequest *request)
{
  g_autofree char *dir = g_path_get_dirname (request->path);

  if (g_mkdir_with_parents (dir, 0700) == 0)
    g_file_set_contents_full (request->path, request->token, -1, G_FILE_SET_CONTENTS_CONSISTENT,
                              0600, NULL);
}

gboolean
followupctl_request_finish (FollowupctlRequest *request, GError *call_error, GError **error)
{
  if (call_error == NULL || !is_time_out (call_error)) {
    g_unlink (request->path);
    return call_error == NULL ? TRUE : followupctl_daemon_error (error, call_error);
  }
  keep (request);
  g_set_error (error, FOLLOWUPCTL_ERROR, FOLLOWUPCTL_ERROR_UNKNOWN_OUTCOME,
               _ ("the followup daemon did not answer within %d seconds, so the change may have "
                  "been made or not. Check with “followupctl list” or “followupctl show ID”; "
                  "running the same command again within an hour is safe, it is never made "
                  "twice"),
               FOLLOWUPCTL_DBUS_TIMEOUT_MS / 1000);
  return FALSE;
}

void
followupctl_request_free (FollowupctlRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->path);
  g_free (request->token);
  g_free (request);
}

/* followupctl-commands.h: the command table, and what the commands share */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "followup-dbus-generated.h"
#include "followupctl-record.h"

G_BEGIN_DECLS

#define FOLLOWUPCTL_ERROR (followupctl_error_quark ())
#define FOLLOWUPCTL_DBUS_TIMEOUT_MS 10000

typedef enum {
  FOLLOWUPCTL_ERROR_USAGE,           /* exit 2, with the command's usage */
  FOLLOWUPCTL_ERROR_HELP_SHOWN,      /* not an error: --help was answered, exit 0 */
  FOLLOWUPCTL_ERROR_NO_DAEMON,       /* nobody owns the name and it cannot be activated */
  FOLLOWUPCTL_ERROR_FAILED,          /* exit 1 */
  FOLLOWUPCTL_ERROR_UNKNOWN_OUTCOME, /* exit 75: an edit timed out, it may have been made */
} FollowupctlError;

typedef struct _FollowupctlCommand FollowupctlCommand;

typedef struct {
  const FollowupctlCommand *command;
  FollowupDBusFollowup1 *proxy; /* connected on first use */
  GTimeZone *local_tz;
  GDateTime *now;
  gboolean color; /* standard output is a terminal that wants colour */
  gboolean json;  /* set by a command's --json */
  char **argv;    /* the command line after the command's name, as typed */
} FollowupctlCtx;

typedef gboolean (*FollowupctlCommandFunc) (FollowupctlCtx *ctx, char **argv, GError **error);

struct _FollowupctlCommand {
  const char *name;
  const char *args;    /* the positional arguments, for the usage line */
  const char *summary; /* one line for `followupctl help` */
  const char *details; /* more for `followupctl COMMAND --help`, or NULL */
  FollowupctlCommandFunc func;
};

#define FOLLOWUPCTL_JSON_ENTRY(ctx)                                                    \
  {                                                                                    \
    "json", 0, 0, G_OPTION_ARG_NONE, &(ctx)->json, N_ ("Print JSON for scripts"), NULL \
  }

GQuark followupctl_error_quark (void);
int followupctl_main (int argc, char **argv);

/* shared by the command modules */
gboolean followupctl_parse (FollowupctlCtx *ctx, char **argv, const GOptionEntry *entries,
                            gpointer user_data, guint min_args, guint max_args, GError **error);
gboolean followupctl_usage_error (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);
gboolean followupctl_check_text (const char *option, const char *value, GError **error);
FollowupDBusFollowup1 *followupctl_proxy (FollowupctlCtx *ctx, GError **error);
gboolean followupctl_daemon_error (GError **error, GError *call_error);
gboolean followupctl_print_json (JsonNode *node, GError **error);
GVariant *followupctl_get_record (FollowupctlCtx *ctx, const char *id, GError **error);
GVariant *followupctl_list_records (FollowupctlCtx *ctx, GError **error);
GPtrArray *followupctl_schedule (FollowupctlCtx *ctx, gint64 from, gint64 to, GError **error);
/* the steps that left the plan lately (Departed()) */
GPtrArray *followupctl_departed (FollowupctlCtx *ctx, GError **error);
GDateTime *followupctl_parse_time (FollowupctlCtx *ctx, const char *option, const char *text,
                                   GTimeZone *tz, GError **error);
char *followupctl_event_time (FollowupctlCtx *ctx, GVariant *record, const char *text,
                              GError **error);

/* the commands, in followupctl-write.c and followupctl-read.c */
gboolean followupctl_show_daemon_status (FollowupctlCtx *ctx, GError **error);
gboolean followupctl_print_upcoming (FollowupctlCtx *ctx, const char *id, const char *title,
                                     GError **error);

G_END_DECLS

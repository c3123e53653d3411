/* followupctl-send.c: what leaves followup for other programs: a draft for
 * the mail client (draft), the plan for a calendar or spreadsheet (export) */
#include "config.h"

#include <string.h>

#include "followup-i18n.h"
#include "followup-draft.h"
#include "followup-error.h"
#include "followupctl-send.h"
#include "followupctl-export.h"
#include "followupctl-output.h"
#include "followupctl-record.h"

/* the file's me group; NULL (scripts then leave a slot) if the daemon has none */
static GVariant *
get_me (FollowupctlCtx *ctx)
{
  FollowupDBusFollowup1 *proxy = followupctl_proxy (ctx, NULL);
  GDBusProxy *p = G_DBUS_PROXY (proxy);
  g_autoptr (GVariant) reply = NULL;
  GVariant *me = NULL;

  if (proxy == NULL)
    return NULL;
  reply =
    g_dbus_connection_call_sync (g_dbus_proxy_get_connection (p), g_dbus_proxy_get_name (p),
                                 g_dbus_proxy_get_object_path (p),
                                 "org.freedesktop.DBus.Properties", "Get",
                                 g_variant_new ("(ss)", g_dbus_proxy_get_interface_name (p), "Me"),
                                 G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE,
                                 FOLLOWUPCTL_DBUS_TIMEOUT_MS, NULL, NULL);
  if (reply == NULL)
    return NULL;
  g_variant_get (reply, "(v)", &me);
  if (!g_variant_is_of_type (me, G_VARIANT_TYPE_VARDICT))
    g_clear_pointer (&me, g_variant_unref);
  return me;
}

/* GIO hands the URI to the user's mail client: no shell ever sees it */
static gboolean
open_mailto (const FollowupDraft *draft, GError **error)
{
  g_autofree char *uri = followup_draft_mailto (draft->to_email, draft->subject, draft->body);
  g_autoptr (GError) local_error = NULL;

  if (!g_app_info_launch_default_for_uri (uri, NULL, &local_error)) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_FAILED,
                 _ ("no mail client opened the draft (%s); print it without --mailto and paste it"),
                 local_error->message);
    return FALSE;
  }
  if (draft->to_email != NULL)
    g_print (_ ("Opened a draft to %s in your mail client.\n"), draft->to_email);
  else
    g_print (_ ("Opened a draft in your mail client; the record has no address to fill in.\n"));
  return TRUE;
}

static gboolean
print_draft_json (const FollowupDraft *draft, const char *kind, GError **error)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  followupctl_json_add_string (b, "kind", kind);
  followupctl_json_add_string (b, "to_name", draft->to_name);
  followupctl_json_add_string (b, "to_email", draft->to_email);
  followupctl_json_add_string (b, "subject", draft->subject);
  followupctl_json_add_string (b, "body", draft->body);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return followupctl_print_json (root, error);
}

/* whom the daemon's plan sends this kind of message to: the first due step
 * of the record for it. the engine alone decides who that is (R15), so the
 * client never keeps a copy of the rule; NULL when no planned step names one */
static const char *
planned_contact (GPtrArray *steps, const char *id, const char *kind)
{
  FollowupAction action;

  if (!followup_draft_kind_to_action (kind, &action))
    return NULL;
  for (guint i = 0; i < steps->len; i++) {
    const FollowupStep *step = g_ptr_array_index (steps, i);

    if (step->action == action && step->contact != NULL && g_strcmp0 (step->id, id) == 0)
      return step->contact;
  }
  return NULL;
}

/* --contact, else the one the plan names for this kind of message */
static char *
draft_contact (FollowupctlCtx *ctx, const char *id, const char *kind, const char *contact,
               GError **error)
{
  g_autoptr (GPtrArray) steps = NULL;

  if (contact != NULL)
    return g_strdup (contact);
  steps = followupctl_schedule (ctx, 0, 0, error);
  return steps ? g_strdup (planned_contact (steps, id, kind)) : NULL;
}

static FollowupDraft *
make_draft (FollowupctlCtx *ctx, const char *id, const char *kind, const char *contact,
            const char *from, GError **error)
{
  g_autoptr (GVariant) record = followupctl_get_record (ctx, id, error);
  g_autoptr (GVariant) me = record ? get_me (ctx) : NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *to = record ? draft_contact (ctx, id, kind, contact, &local_error) : NULL;

  if (local_error != NULL) {
    g_propagate_error (error, g_steal_pointer (&local_error));
    return NULL;
  }
  if (record == NULL)
    return NULL;
  return followup_draft_new (kind, record, me, to, from, ctx->local_tz, ctx->now, error);
}

gboolean
followupctl_cmd_draft (FollowupctlCtx *ctx, char **argv, GError **error)
{
  g_autofree char *contact = NULL;
  g_autofree char *from = NULL;
  gboolean mailto = FALSE;
  gboolean handwritten = FALSE;
  const GOptionEntry entries[] = {
    { "contact", 0, 0, G_OPTION_ARG_FILENAME, &contact,
      N_ ("Whom to write to (default: the one the reminder names)"), "NAME" },
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from, N_ ("Your name for the signature"), "NAME" },
    { "mailto", 0, 0, G_OPTION_ARG_NONE, &mailto, N_ ("Open it in your mail client"), NULL },
    { "handwritten", 0, 0, G_OPTION_ARG_NONE, &handwritten,
      N_ ("thank-you: a card's worth, to write by hand"), NULL },
    FOLLOWUPCTL_JSON_ENTRY (ctx),
    { NULL },
  };
  g_autoptr (FollowupDraft) draft = NULL;
  g_autofree char *text = NULL;
  const char *kind;

  if (!followupctl_parse (ctx, argv, entries, NULL, 2, 2, error) ||
      !followupctl_check_text ("--contact", contact, error) ||
      !followupctl_check_text ("--from", from, error))
    return FALSE;
  kind = followup_draft_canonical_kind (argv[2]);
  if (kind == NULL)
    return followupctl_usage_error (error,
                                    _ ("unknown KIND “%s” (use thank-you, follow-up-email, "
                                       "thanks-after-rejection, keep-in-touch, call or voicemail)"),
                                    argv[2]);
  if (handwritten && g_strcmp0 (kind, "thank-you") != 0)
    return followupctl_usage_error (error, _ ("--handwritten goes with thank-you only"));
  if (mailto && followup_draft_kind_is_spoken (kind))
    return followupctl_usage_error (error,
                                    _ ("a %s script is said, not mailed: leave out --mailto"),
                                    kind);
  if (handwritten) {
    if (mailto)
      return followupctl_usage_error (error, _ ("a handwritten card is not mailed"));
    kind = "thank-you-card";
  }
  draft = make_draft (ctx, argv[1], kind, contact, from, error);
  if (draft == NULL)
    return FALSE;
  if (mailto)
    return open_mailto (draft, error);
  if (ctx->json)
    return print_draft_json (draft, kind, error);
  text = followup_draft_to_text (draft);
  g_print ("%s", text);
  return TRUE;
}

static char *
export_text (FollowupctlCtx *ctx, const char *format, GError **error)
{
  g_autoptr (GVariant) records = followupctl_list_records (ctx, error);
  g_autoptr (GPtrArray) reminders = NULL;
  g_autoptr (GPtrArray) departed = NULL;
  FollowupctlExportInput input = { NULL, NULL, ctx->local_tz, ctx->now, NULL };

  if (records == NULL || (reminders = followupctl_schedule (ctx, 0, 0, error)) == NULL)
    return NULL;
  input.records = records;
  input.reminders = reminders;
  if (strcmp (format, "ics") == 0) {
    /* only a calendar needs them: it is told they are cancelled */
    input.departed = departed = followupctl_departed (ctx, error);
    return departed ? followupctl_export_ics (&input, error) : NULL;
  }
  if (strcmp (format, "csv") == 0)
    return followupctl_export_csv (&input);
  return followupctl_export_json (&input);
}

/* as many links as the kernel follows before it says ELOOP */
#define MAX_LINKS 40

/* where a write to `path` lands: the file at the end of its links, which
 * need not exist yet (a link made ready for the first export) */
static char *
link_target (const char *path, GError **error)
{
  g_autofree char *at = g_strdup (path);
  g_autofree char *display = NULL;

  for (int i = 0; i < MAX_LINKS; i++) {
    g_autofree char *next = g_file_read_link (at, NULL);
    g_autofree char *dir = NULL;

    if (next == NULL)
      return g_steal_pointer (&at);
    dir = g_path_get_dirname (at);
    g_free (at);
    at = g_path_is_absolute (next) ? g_steal_pointer (&next) : g_build_filename (dir, next, NULL);
  }
  display = g_filename_display_name (path);
  g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_IO,
               _ ("cannot write %s: it is a loop of links that never reaches a file"), display);
  return NULL;
}

/* the file holds personal data: it is private to the user, and replaced
 * atomically so a reader never sees half of it. A link is written through,
 * the new file renamed over its target: replacing the link itself would cut
 * it from the file it points to (a synced folder, say) */
static gboolean
write_output (const char *path, const char *text, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *target = link_target (path, error);

  if (target == NULL)
    return FALSE;
  if (!g_file_set_contents_full (target, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &local_error)) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_IO, _ ("cannot write %s: %s"), display,
                 local_error->message);
    return FALSE;
  }
  g_print (_ ("Wrote %s.\n"), display);
  return TRUE;
}

gboolean
followupctl_cmd_export (FollowupctlCtx *ctx, char **argv, GError **error)
{
  gboolean ics = FALSE, csv = FALSE, json = FALSE;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "ics", 0, 0, G_OPTION_ARG_NONE, &ics, N_ ("iCalendar: reminders as events with alarms"),
      NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_ ("CSV: one line per interview"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("JSON: the records and the reminders"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_ ("Write to FILE (- for standard output)"), "FILE" },
    { NULL },
  };
  g_autofree char *text = NULL;

  if (!followupctl_parse (ctx, argv, entries, NULL, 0, 0, error))
    return FALSE;
  if (ics + csv + json != 1)
    return followupctl_usage_error (error, _ ("give exactly one of --ics, --csv and --json"));
  if (output != NULL && *output == '\0')
    return followupctl_usage_error (error, _ ("--output needs a file name"));
  text = export_text (ctx, ics ? "ics" : csv ? "csv" : "json", error);
  if (text == NULL)
    return FALSE;
  if (output != NULL && strcmp (output, "-") != 0)
    return write_output (output, text, error);
  return followupctl_write_stdout (text, strlen (text), error);
}

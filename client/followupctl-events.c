/* followupctl-events.c: the commands that record what happened: done,
 * skip, called, heard, round, snooze */
#include "config.h"

#include <string.h>

#include "followup-error.h"
#include "followup-i18n.h"
#include "followup-names.h"
#include "followup-time.h"
#include "followupctl-events.h"
#include "followupctl-options.h"
#include "followupctl-request.h"
#include "followupctl-output.h"

static void
send_event (FollowupDBusFollowup1 *proxy, FollowupctlRequest *request, const char *id,
            const char *type, GVariant *details, gboolean anyway, GError **error)
{
  GVariantDict d;

  g_variant_dict_init (&d, details);
  if (anyway)
    g_variant_dict_insert (&d, "anyway", "b", TRUE);
  followup_dbus_followup1_call_record_event_sync (
    proxy, id, type, followupctl_request_stamp (request, g_variant_dict_end (&d)), NULL, error);
}

/* with --anyway, the call is first sent without it: only the daemon's
 * refusal says it is past max_calls, which the user is then told */
static gboolean
record_event (FollowupctlCtx *ctx, const char *id, const char *type, GVariantDict *details,
              const FollowupctlOptions *o, gboolean *past, GError **error)
{
  FollowupDBusFollowup1 *proxy = followupctl_proxy (ctx, error);
  g_autoptr (GVariant) dict = g_variant_ref_sink (g_variant_dict_end (details));
  g_autoptr (GError) local_error = NULL;
  g_autoptr (FollowupctlRequest) request = NULL;

  if (proxy == NULL)
    return FALSE;
  request = followupctl_request_new (ctx);
  send_event (proxy, request, id, type, dict, FALSE, &local_error);
  *past = o->anyway && g_error_matches (local_error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_PAST_LIMIT);
  if (*past) {
    g_clear_error (&local_error);
    send_event (proxy, request, id, type, dict, TRUE, &local_error);
  }
  return followupctl_request_finish (request, local_error, error);
}

/* what every event may carry; --at is checked before the daemon is asked
 * for the record's zone, so a bad time is a usage error even for a bad id */
static gboolean
put_event_details (FollowupctlCtx *ctx, GVariantDict *dict, const char *id,
                   const FollowupctlOptions *o, GError **error)
{
  g_autoptr (GDateTime) probe = NULL;
  g_autoptr (GVariant) record = NULL;
  g_autofree char *at = NULL;

  if (!followupctl_check_texts (o, error))
    return FALSE;
  if (o->at != NULL) {
    probe = followupctl_parse_time (ctx, "--at", o->at, ctx->local_tz, error);
    if (probe == NULL || (record = followupctl_get_record (ctx, id, error)) == NULL ||
        (at = followupctl_event_time (ctx, record, o->at, error)) == NULL)
      return FALSE;
    g_variant_dict_insert (dict, "at", "s", at);
  }
  followupctl_put_text (dict, "contact", o->contact);
  followupctl_put_text (dict, "notes", o->notes);
  return TRUE;
}

static gboolean
after_event (FollowupctlCtx *ctx, const char *id, const char *what, gboolean past)
{
  g_autoptr (GError) error = NULL;

  if (past)
    g_print (_ ("Recorded %s for %s, past the limit of max_calls: followup plans no more calls "
                "for this round.\n"),
             what, id);
  else
    g_print (_ ("Recorded %s for %s.\n"), what, id);
  if (!followupctl_print_upcoming (ctx, id, _ ("Next:"), &error))
    g_printerr ("followupctl: %s\n", error->message);
  return TRUE;
}

#define EVENT_ENTRIES(o)                                                           \
  TEXT_ENTRY ("at", (o).at, N_ ("When, in your own time (default: now)"), "TIME"), \
    TEXT_ENTRY ("notes", (o).notes, N_ ("A remark to keep with it"), "TEXT")

#define ANYWAY_ENTRY(o)                                                  \
  {                                                                      \
    "anyway", 0, 0, G_OPTION_ARG_NONE, &(o).anyway,                      \
      N_ ("Record a call or check-in past max_calls all the same"), NULL \
  }

/* KIND is an event a person sends (thank-you, email, check-in, keep-in-touch) or the
 * name of a step that such an event finishes (follow-up-email, …) */
static gboolean
done_kind (const char *kind, FollowupEventType *event)
{
  FollowupAction action;
  const FollowupFinish *finish;

  if (followup_event_type_from_string (kind, event))
    return *event != FOLLOWUP_EVENT_CALL && *event != FOLLOWUP_EVENT_RESPONSE;
  if (!followup_action_from_string (kind, &action))
    return FALSE;
  finish = followup_action_finish (action);
  *event = finish->event;
  return finish->kind == FOLLOWUP_FINISH_EVENT;
}

gboolean
followupctl_cmd_done (FollowupctlCtx *ctx, char **argv, GError **error)
{
  g_auto (FollowupctlOptions) o = { 0 };
  const GOptionEntry entries[] = {
    TEXT_ENTRY ("contact", o.contact, N_ ("Whom it went to (default: everyone)"), N_ ("NAME")),
    EVENT_ENTRIES (o),
    ANYWAY_ENTRY (o),
    { NULL },
  };
  g_autoptr (GVariantDict) details = g_variant_dict_new (NULL);
  FollowupEventType event;
  gboolean past = FALSE;

  if (!followupctl_parse (ctx, argv, entries, NULL, 2, 2, error))
    return FALSE;
  if (!done_kind (argv[2], &event))
    return followupctl_usage_error (error,
                                    _ ("unknown KIND “%s” (use thank-you, email, check-in, "
                                       "keep-in-touch or prepare)"),
                                    argv[2]);
  if (o.anyway && event != FOLLOWUP_EVENT_CHECK_IN)
    return followupctl_usage_error (error, _ ("--anyway goes with check-in and with called: only "
                                              "calls and check-ins have a limit"));
  if (!put_event_details (ctx, details, argv[1], &o, error) ||
      !record_event (ctx, argv[1], followup_event_type_to_string (event), details, &o, &past,
                     error))
    return FALSE;
  return after_event (ctx, argv[1], followup_event_type_describe (event), past);
}

/* a step you chose not to take ends like one taken: an event of its kind
 * marked skipped (a skipped call counts as made) */
gboolean
followupctl_cmd_skip (FollowupctlCtx *ctx, char **argv, GError **error)
{
  g_auto (FollowupctlOptions) o = { 0 };
  const GOptionEntry entries[] = {
    TEXT_ENTRY ("contact", o.contact, N_ ("Whom it was for (default: everyone)"), N_ ("NAME")),
    EVENT_ENTRIES (o),
    { NULL },
  };
  g_autoptr (GVariantDict) details = g_variant_dict_new (NULL);
  g_autofree char *what = NULL;
  const FollowupFinish *finish;
  FollowupAction action;
  gboolean past = FALSE;

  if (!followupctl_parse (ctx, argv, entries, NULL, 2, 2, error))
    return FALSE;
  if (!followup_action_from_string (argv[2], &action))
    return followupctl_unknown_name (error, "", FOLLOWUP_NAMES_ACTION, argv[2]);
  finish = followup_action_finish (action);
  if (finish->kind == FOLLOWUP_FINISH_STATUS)
    return followupctl_usage_error (error,
                                    _ ("%s ends with a status, not a skip: followupctl status %s "
                                       "closed (or waiting, to keep on)"),
                                    argv[2], argv[1]);
  g_variant_dict_insert (details, "skipped", "b", TRUE);
  if (!put_event_details (ctx, details, argv[1], &o, error) ||
      !record_event (ctx, argv[1], followup_event_type_to_string (finish->event), details, &o,
                     &past, error))
    return FALSE;
  what = g_strdup_printf (_ ("%s as skipped"), followup_event_type_describe (finish->event));
  return after_event (ctx, argv[1], what, past);
}

gboolean
followupctl_cmd_called (FollowupctlCtx *ctx, char **argv, GError **error)
{
  g_auto (FollowupctlOptions) o = { 0 };
  const GOptionEntry entries[] = {
    TEXT_ENTRY ("contact", o.contact, N_ ("Whom you called"), "NAME"),
    TEXT_ENTRY ("decision-in", o.decision_in,
                N_ ("reached: when they now expect to decide, e.g. 7d"), "DAYS"),
    TEXT_ENTRY ("decision-by", o.decision_by, N_ ("reached: the date they now expect to decide by"),
                "YYYY-MM-DD"),
    EVENT_ENTRIES (o),
    ANYWAY_ENTRY (o),
    { NULL },
  };
  g_autoptr (GVariantDict) details = g_variant_dict_new (NULL);
  g_autofree char *what = NULL;
  gboolean past = FALSE;

  if (!followupctl_parse (ctx, argv, entries, NULL, 2, 2, error))
    return FALSE;
  if (!followupctl_is_one_of (followup_names (FOLLOWUP_NAMES_OUTCOME), argv[2]))
    return followupctl_unknown_name (error, "", FOLLOWUP_NAMES_OUTCOME, argv[2]);
  if ((o.decision_in || o.decision_by) && strcmp (argv[2], "reached") != 0)
    return followupctl_usage_error (error,
                                    _ ("--decision-in and --decision-by go with reached: only "
                                       "someone you spoke to can give a new date"));
  g_variant_dict_insert (details, "outcome", "s", argv[2]);
  if (!followupctl_put_decision (details, &o, FALSE, error) ||
      !put_event_details (ctx, details, argv[1], &o, error) ||
      !record_event (ctx, argv[1], "call", details, &o, &past, error))
    return FALSE;
  what = g_strdup_printf (_ ("the call (%s)"), argv[2]);
  return after_event (ctx, argv[1], what, past);
}

gboolean
followupctl_cmd_heard (FollowupctlCtx *ctx, char **argv, GError **error)
{
  g_auto (FollowupctlOptions) o = { 0 };
  const GOptionEntry entries[] = {
    TEXT_ENTRY ("decision-in", o.decision_in, N_ ("Their new timeline, e.g. 7d or 2 weeks"),
                "DAYS"),
    TEXT_ENTRY ("decision-by", o.decision_by, N_ ("The new date they expect to decide by"),
                "YYYY-MM-DD"),
    EVENT_ENTRIES (o),
    { NULL },
  };
  g_autoptr (GVariantDict) details = g_variant_dict_new (NULL);
  gboolean past = FALSE;

  if (!followupctl_parse (ctx, argv, entries, NULL, 1, 1, error) ||
      !followupctl_put_decision (details, &o, FALSE, error) ||
      !put_event_details (ctx, details, argv[1], &o, error) ||
      !record_event (ctx, argv[1], "response", details, &o, &past, error))
    return FALSE;
  return after_event (ctx, argv[1], _ ("their answer"), past);
}

static gboolean
snooze_until (FollowupctlCtx *ctx, const char *action, const char *when, gint64 *until,
              GError **error)
{
  g_autoptr (GError) local_error = NULL;
  gint64 seconds;

  if (strcmp (when, "next-window") == 0) {
    if (strcmp (action, "call") != 0)
      return followupctl_usage_error (error, _ ("next-window is for calls; give a duration such "
                                                "as 2h or 1d"));
    *until = FOLLOWUP_SNOOZE_NEXT_WINDOW;
    return TRUE;
  }
  if (strcmp (when, "off") == 0) {
    *until = FOLLOWUP_SNOOZE_OFF;
    return TRUE;
  }
  if (!followup_parse_duration (when, &seconds, &local_error))
    return followupctl_usage_error (error, "%s", local_error->message);
  *until = g_date_time_to_unix (ctx->now) + seconds;
  return TRUE;
}

gboolean
followupctl_cmd_snooze (FollowupctlCtx *ctx, char **argv, GError **error)
{
  FollowupDBusFollowup1 *proxy;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GDateTime) utc = NULL;
  g_autofree char *when = NULL;
  g_autofree char *relative = NULL;
  gint64 until = 0;

  if (!followupctl_parse (ctx, argv, NULL, NULL, 3, 3, error))
    return FALSE;
  if (!followupctl_is_one_of (followup_names (FOLLOWUP_NAMES_ACTION), argv[2]))
    return followupctl_unknown_name (error, "", FOLLOWUP_NAMES_ACTION, argv[2]);
  if (!snooze_until (ctx, argv[2], argv[3], &until, error) ||
      (proxy = followupctl_proxy (ctx, error)) == NULL)
    return FALSE;
  if (!followup_dbus_followup1_call_snooze_sync (proxy, argv[1], argv[2], until, NULL,
                                                 &local_error))
    return followupctl_daemon_error (error, local_error);
  if (until == FOLLOWUP_SNOOZE_NEXT_WINDOW) {
    g_print (_ ("Snoozed the call for %s to the next calling window.\n"), argv[1]);
    return TRUE;
  }
  if (until == FOLLOWUP_SNOOZE_OFF) {
    g_print (_ ("%s for %s is no longer snoozed.\n"), argv[2], argv[1]);
    return TRUE;
  }
  utc = g_date_time_new_from_unix_utc (until);
  when = followupctl_format_when (utc, ctx->now);
  relative = followup_format_relative (utc, ctx->now);
  g_print (_ ("Snoozed %s for %s until %s (%s).\n"), argv[2], argv[1], when, relative);
  return TRUE;
}

/* --at of a round is read in the interview's zone, like edit --at */
static gboolean
put_round_time (FollowupctlCtx *ctx, GVariantDict *dict, const char *id,
                const FollowupctlOptions *o, GError **error)
{
  g_autoptr (GVariant) record = followupctl_get_record (ctx, id, error);
  g_autoptr (GTimeZone) tz = record ? followupctl_record_zone (record, ctx->local_tz) : NULL;

  return tz != NULL && followupctl_put_interview_time (ctx, dict, "at", o, tz, error);
}

gboolean
followupctl_cmd_round (FollowupctlCtx *ctx, char **argv, GError **error)
{
  g_auto (FollowupctlOptions) o = { 0 };
  const GOptionEntry entries[] = {
    TEXT_ENTRY ("at", o.at, N_ ("When the round is or was (required)"), "TIME"),
    { "contact", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME_ARRAY, &o.with,
      N_ ("Someone who interviews you in it (repeatable)"), "NAME" },
    TEXT_ENTRY ("decision-in", o.decision_in, N_ ("When they expect to decide after it"), "DAYS"),
    TEXT_ENTRY ("decision-by", o.decision_by, N_ ("The date they expect to decide by"),
                "YYYY-MM-DD"),
    TEXT_ENTRY ("notes", o.notes, N_ ("Anything worth remembering"), "TEXT"),
    FORCE_ENTRY (o),
    { NULL },
  };
  g_autoptr (GVariantDict) round = g_variant_dict_new (NULL);
  g_autoptr (GError) local_error = NULL;
  g_autoptr (FollowupctlRequest) request = NULL;
  FollowupDBusFollowup1 *proxy;

  if (!followupctl_parse (ctx, argv, entries, NULL, 1, 1, error))
    return FALSE;
  if (o.at == NULL)
    return followupctl_usage_error (error, _ ("--at is required"));
  for (guint i = 0; o.with != NULL && o.with[i] != NULL; i++) {
    if (!followupctl_check_text ("--contact", o.with[i], error))
      return FALSE;
  }
  if (!followupctl_check_texts (&o, error) || !followupctl_put_decision (round, &o, FALSE, error) ||
      !put_round_time (ctx, round, argv[1], &o, error) ||
      (proxy = followupctl_proxy (ctx, error)) == NULL)
    return FALSE;
  if (o.with != NULL)
    g_variant_dict_insert (round, "with", "^as", o.with);
  followupctl_put_text (round, "notes", o.notes);
  request = followupctl_request_new (ctx);
  followup_dbus_followup1_call_add_round_sync (
    proxy, argv[1], followupctl_request_stamp (request, g_variant_dict_end (round)), NULL,
    &local_error);
  if (!followupctl_request_finish (request, local_error, error))
    return FALSE;
  return after_event (ctx, argv[1], _ ("a new round"), FALSE);
}

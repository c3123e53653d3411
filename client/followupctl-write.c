/* followupctl-write.c: the commands that change a record as a whole: add,
 * edit, rm, status ID, reload (the events are in followupctl-events.c) */
#include "config.h"

#include <string.h>

#include "followup-i18n.h"
#include "followup-names.h"
#include "followup-time.h"
#include "followupctl-contact.h"
#include "followupctl-options.h"
#include "followupctl-record.h"
#include "followupctl-request.h"
#include "followupctl-write.h"
#include "followupctl-output.h"

static GVariant *
build_new_record (FollowupctlCtx *ctx, FollowupctlOptions *o, GError **error)
{
  g_autoptr (GVariantDict) dict = g_variant_dict_new (NULL);
  g_autoptr (GTimeZone) tz = NULL;
  g_autoptr (GDateTime) at = NULL;
  g_autoptr (GDateTime) there = NULL;
  g_autofree char *interviewed_at = NULL;
  const char *zone;

  if (o->company == NULL || o->at == NULL) {
    followupctl_usage_error (error, _ ("%s is required"),
                             o->company == NULL ? "--company" : "--at");
    return NULL;
  }
  if (!followupctl_check_texts (o, error))
    return NULL;
  tz = o->tz ? followupctl_parse_zone (o->tz, error) : g_time_zone_ref (ctx->local_tz);
  if (tz == NULL || (at = followupctl_parse_time (ctx, "--at", o->at, tz, error)) == NULL ||
      !followupctl_check_interview_time (o, at, ctx->now, error))
    return NULL;
  there = g_date_time_to_timezone (at, tz);
  zone = o->tz ? o->tz : followupctl_zone_name (tz);
  /* without a zone name to store, an offset keeps the instant exact */
  interviewed_at = zone ? followup_format_record_time (there)
                        : g_date_time_format (there, "%Y-%m-%d %H:%M%:z");
  followupctl_put_text (dict, "id", o->id);
  followupctl_put_text (dict, "company", o->company);
  followupctl_put_text (dict, "role", o->role);
  followupctl_put_text (dict, "interviewed_at", interviewed_at);
  followupctl_put_text (dict, "timezone", zone);
  followupctl_put_text (dict, "language", o->language);
  if (o->contacts->len > 0)
    g_variant_dict_insert_value (dict, "contacts", followupctl_contacts_variant (o->contacts));
  if (!followupctl_put_decision (dict, o, FALSE, error))
    return NULL;
  followupctl_put_text (dict, "notes", o->notes);
  return g_variant_ref_sink (g_variant_dict_end (dict));
}

static gboolean
report_added (FollowupctlCtx *ctx, const char *id)
{
  g_autoptr (GError) error = NULL;

  if (ctx->json) {
    g_autoptr (JsonBuilder) b = json_builder_new ();
    g_autoptr (JsonNode) root = NULL;

    json_builder_begin_object (b);
    json_builder_set_member_name (b, "id");
    json_builder_add_string_value (b, id);
    json_builder_end_object (b);
    root = json_builder_get_root (b);
    return followupctl_print_json (root, &error);
  }
  g_print (_ ("Added %s.\n"), id);
  /* the record exists now: a failure to list its reminders must not make
   * a script add it a second time */
  if (!followupctl_print_upcoming (ctx, id, _ ("First reminders:"), &error))
    g_printerr (_ ("followupctl: added %s, but %s\n"), id, error->message);
  return TRUE;
}

gboolean
followupctl_cmd_add (FollowupctlCtx *ctx, char **argv, GError **error)
{
  g_auto (FollowupctlOptions)
    o = { .contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_dict_unref) };
  const GOptionEntry entries[] = {
    TEXT_ENTRY ("company", o.company, N_ ("The employer (required)"), "NAME"),
    TEXT_ENTRY ("role", o.role, N_ ("The position"), "ROLE"),
    TEXT_ENTRY ("at", o.at, N_ ("When the interview was (required)"), "TIME"),
    TEXT_ENTRY ("tz", o.tz, N_ ("The employer's time zone, e.g. America/New_York"), "ZONE"),
    TEXT_ENTRY ("language", o.language, N_ ("The language of its drafts, e.g. de or en"), "LANG"),
    CONTACT_ENTRIES,
    TEXT_ENTRY ("decision-in", o.decision_in, N_ ("When they expect to decide, e.g. 7d or 2 weeks"),
                "DAYS"),
    TEXT_ENTRY ("decision-by", o.decision_by, N_ ("The date they expect to decide by"),
                "YYYY-MM-DD"),
    TEXT_ENTRY ("notes", o.notes, N_ ("Anything worth remembering"), "TEXT"),
    TEXT_ENTRY ("id", o.id, N_ ("Choose the id (default: made from company and role)"), "ID"),
    FORCE_ENTRY (o),
    FOLLOWUPCTL_JSON_ENTRY (ctx),
    { NULL },
  };
  FollowupDBusFollowup1 *proxy;
  g_autoptr (GVariant) record = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (FollowupctlRequest) request = NULL;
  g_autofree char *id = NULL;

  if (!followupctl_parse (ctx, argv, entries, &o, 0, 0, error))
    return FALSE;
  record = build_new_record (ctx, &o, error);
  if (record == NULL || (proxy = followupctl_proxy (ctx, error)) == NULL)
    return FALSE;
  request = followupctl_request_new (ctx);
  followup_dbus_followup1_call_add_sync (proxy, followupctl_request_stamp (request, record), &id,
                                         NULL, &local_error);
  if (!followupctl_request_finish (request, local_error, error))
    return FALSE;
  return report_added (ctx, id);
}

static gboolean
update (FollowupctlCtx *ctx, const char *id, GVariantDict *changes, GError **error)
{
  FollowupDBusFollowup1 *proxy = followupctl_proxy (ctx, error);
  g_autoptr (GError) local_error = NULL;

  if (proxy == NULL)
    return FALSE;
  if (!followup_dbus_followup1_call_update_sync (proxy, id, g_variant_dict_end (changes), NULL,
                                                 &local_error))
    return followupctl_daemon_error (error, local_error);
  return TRUE;
}

/* --at is read in the new zone if one is given, else in the record's own */
static gboolean
put_edited_time (FollowupctlCtx *ctx, GVariantDict *dict, const char *id,
                 const FollowupctlOptions *o, GError **error)
{
  g_autoptr (GVariant) record = NULL;
  g_autoptr (GTimeZone) tz = NULL;

  if (o->tz != NULL && *o->tz != '\0') {
    tz = followupctl_parse_zone (o->tz, error);
  } else {
    record = followupctl_get_record (ctx, id, error);
    tz = record ? followupctl_record_zone (record, ctx->local_tz) : NULL;
  }
  return tz != NULL && followupctl_put_interview_time (ctx, dict, "interviewed_at", o, tz, error);
}

/* edit --contact: the people noted after the interview (the debrief) join
 * the record's own; one already there is refused, not doubled */
static gboolean
put_added_contacts (FollowupctlCtx *ctx, GVariantDict *dict, const char *id,
                    const FollowupctlOptions *o, GError **error)
{
  g_autoptr (GVariant) record = followupctl_get_record (ctx, id, error);
  g_autoptr (GVariant) all = NULL;

  if (record == NULL ||
      (all = followupctl_contacts_adding (record, followupctl_contacts_variant (o->contacts),
                                          error)) == NULL)
    return FALSE;
  g_variant_dict_insert_value (dict, "contacts", all);
  return TRUE;
}

static gboolean
build_changes (FollowupctlCtx *ctx, GVariantDict *dict, const char *id, const FollowupctlOptions *o,
               GError **error)
{
  g_autoptr (GTimeZone) tz = NULL;

  if (!followupctl_check_texts (o, error))
    return FALSE;
  if (o->tz != NULL && *o->tz != '\0' && (tz = followupctl_parse_zone (o->tz, error)) == NULL)
    return FALSE;
  if (o->status != NULL && *o->status != '\0' &&
      !followupctl_is_one_of (followup_names (FOLLOWUP_NAMES_STATUS), o->status))
    return followupctl_unknown_name (error, "--status: ", FOLLOWUP_NAMES_STATUS, o->status);
  followupctl_put_text (dict, "company", o->company);
  followupctl_put_text (dict, "role", o->role);
  followupctl_put_text (dict, "timezone", o->tz);
  followupctl_put_text (dict, "language", o->language);
  followupctl_put_text (dict, "notes", o->notes);
  followupctl_put_text (dict, "status", o->status);
  if (!followupctl_put_decision (dict, o, TRUE, error))
    return FALSE;
  if (o->contacts->len > 0 && !put_added_contacts (ctx, dict, id, o, error))
    return FALSE;
  return o->at == NULL || put_edited_time (ctx, dict, id, o, error);
}

gboolean
followupctl_cmd_edit (FollowupctlCtx *ctx, char **argv, GError **error)
{
  g_auto (FollowupctlOptions)
    o = { .contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_dict_unref) };
  const GOptionEntry entries[] = {
    TEXT_ENTRY ("company", o.company, N_ ("The employer"), "NAME"),
    TEXT_ENTRY ("role", o.role, N_ ("The position"), "ROLE"),
    TEXT_ENTRY ("at", o.at, N_ ("When the interview was"), "TIME"),
    TEXT_ENTRY ("tz", o.tz, N_ ("The employer's time zone"), "ZONE"),
    TEXT_ENTRY ("language", o.language, N_ ("The language of its drafts, e.g. de or en"), "LANG"),
    TEXT_ENTRY ("notes", o.notes, N_ ("Your notes (replaces them)"), "TEXT"),
    TEXT_ENTRY ("decision-in", o.decision_in, N_ ("When they expect to decide"), "DAYS"),
    TEXT_ENTRY ("decision-by", o.decision_by, N_ ("The date they expect to decide by"),
                "YYYY-MM-DD"),
    TEXT_ENTRY ("status", o.status,
                N_ ("waiting, offer, rejected, withdrawn, no-opening or closed"), "STATUS"),
    CONTACT_ENTRIES,
    FORCE_ENTRY (o),
    { NULL },
  };
  g_autoptr (GVariantDict) changes = g_variant_dict_new (NULL);

  if (!followupctl_parse (ctx, argv, entries, &o, 1, 1, error))
    return FALSE;
  if (!o.company && !o.role && !o.at && !o.tz && !o.language && !o.notes && !o.decision_in &&
      !o.decision_by && !o.status && o.contacts->len == 0)
    return followupctl_usage_error (error, _ ("nothing to change: give at least one option"));
  if (!build_changes (ctx, changes, argv[1], &o, error) || !update (ctx, argv[1], changes, error))
    return FALSE;
  g_print (_ ("Updated %s.\n"), argv[1]);
  return TRUE;
}

gboolean
followupctl_cmd_rm (FollowupctlCtx *ctx, char **argv, GError **error)
{
  FollowupDBusFollowup1 *proxy;
  g_autoptr (GError) local_error = NULL;

  if (!followupctl_parse (ctx, argv, NULL, NULL, 1, 1, error) ||
      (proxy = followupctl_proxy (ctx, error)) == NULL)
    return FALSE;
  if (!followup_dbus_followup1_call_remove_sync (proxy, argv[1], NULL, &local_error))
    return followupctl_daemon_error (error, local_error);
  g_print (_ ("Removed %s.\n"), argv[1]);
  return TRUE;
}

/* what a new status means for the reminders, in a sentence */
static char *
status_sentence (const char *id, const char *status)
{
  FollowupStatus s = FOLLOWUP_STATUS_WAITING;

  followup_status_from_string (status, &s);
  switch (s) {
    case FOLLOWUP_STATUS_OFFER:
      return g_strdup_printf (_ ("%s: an offer. Congratulations; its reminders end."), id);
    case FOLLOWUP_STATUS_REJECTED:
      return g_strdup_printf (
        _ ("%s: rejected. One more reminder follows: a short note to thank them."), id);
    case FOLLOWUP_STATUS_NO_OPENING:
      return g_strdup_printf (
        _ ("%s: no opening for now. A keep-in-touch note comes about once a month."), id);
    case FOLLOWUP_STATUS_WITHDRAWN:
      return g_strdup_printf (_ ("%s: withdrawn. Its reminders end."), id);
    case FOLLOWUP_STATUS_CLOSED:
      return g_strdup_printf (_ ("%s: closed. Its reminders end."), id);
    case FOLLOWUP_STATUS_WAITING:
    default:
      return g_strdup_printf (_ ("%s: waiting for their answer again."), id);
  }
}

gboolean
followupctl_cmd_status (FollowupctlCtx *ctx, char **argv, GError **error)
{
  const GOptionEntry entries[] = {
    FOLLOWUPCTL_JSON_ENTRY (ctx),
    { NULL },
  };
  g_autoptr (GVariantDict) changes = g_variant_dict_new (NULL);
  g_autoptr (GError) local_error = NULL;
  g_autofree char *sentence = NULL;

  if (!followupctl_parse (ctx, argv, entries, NULL, 0, 2, error))
    return FALSE;
  if (argv[1] == NULL)
    return followupctl_show_daemon_status (ctx, error);
  if (argv[2] == NULL)
    return followupctl_usage_error (error, _ ("expects an ID and its new status, or nothing"));
  if (!followupctl_is_one_of (followup_names (FOLLOWUP_NAMES_STATUS), argv[2]))
    return followupctl_unknown_name (error, "", FOLLOWUP_NAMES_STATUS, argv[2]);
  g_variant_dict_insert (changes, "status", "s", argv[2]);
  if (!update (ctx, argv[1], changes, error))
    return FALSE;
  sentence = status_sentence (argv[1], argv[2]);
  g_print ("%s\n", sentence);
  if (!followupctl_print_upcoming (ctx, argv[1], _ ("Next:"), &local_error))
    g_printerr ("followupctl: %s\n", local_error->message);
  return TRUE;
}

gboolean
followupctl_cmd_reload (FollowupctlCtx *ctx, char **argv, GError **error)
{
  FollowupDBusFollowup1 *proxy;
  g_autoptr (GError) local_error = NULL;

  if (!followupctl_parse (ctx, argv, NULL, NULL, 0, 0, error) ||
      (proxy = followupctl_proxy (ctx, error)) == NULL)
    return FALSE;
  if (!followup_dbus_followup1_call_reload_sync (proxy, NULL, &local_error))
    return followupctl_daemon_error (error, local_error);
  g_print (_ ("The daemon read the record file again.\n"));
  return TRUE;
}

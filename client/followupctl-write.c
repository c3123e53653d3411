/* followupctl-write.c: the commands that change records: add, edit, rm,
 * done, called, heard, status ID, snooze, reload
 *
 * what can be checked here (times, zones, durations, names) is checked here,
 * as a usage error naming the argument; the rest is the daemon's to refuse */
#include "config.h"

#include <string.h>

#include "followup-i18n.h"
#include "followup-names.h"
#include "followup-time.h"
#include "followupctl-contact.h"
#include "followupctl-request.h"
#include "followupctl-write.h"
#include "followupctl-output.h"

typedef struct {
  char *company;
  char *role;
  char *at;
  char *tz;
  char *decision_in;
  char *decision_by;
  char *notes;
  char *id;
  char *status;
  char *contact;
  GPtrArray *contacts; /* GVariantDict, one per --contact */
  char **with;         /* round: --contact NAME, repeated */
} Options;

static void
options_clear (Options *o)
{
  g_free (o->company);
  g_free (o->role);
  g_free (o->at);
  g_free (o->tz);
  g_free (o->decision_in);
  g_free (o->decision_by);
  g_free (o->notes);
  g_free (o->id);
  g_free (o->status);
  g_free (o->contact);
  g_clear_pointer (&o->contacts, g_ptr_array_unref);
  g_strfreev (o->with);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

#define TEXT_ENTRY(name, field, help, arg)                 \
  {                                                        \
    name, 0, 0, G_OPTION_ARG_FILENAME, &(field), help, arg \
  }

static gboolean
check_texts (const Options *o, GError **error)
{
  return followupctl_check_text ("--company", o->company, error) &&
         followupctl_check_text ("--role", o->role, error) &&
         followupctl_check_text ("--notes", o->notes, error) &&
         followupctl_check_text ("--id", o->id, error) &&
         followupctl_check_text ("--contact", o->contact, error) &&
         followupctl_check_text ("--tz", o->tz, error);
}

static gboolean
is_one_of (const char *const *names, const char *text)
{
  return text != NULL && g_strv_contains (names, text);
}

/* "unknown status “hired” (use waiting, offer, …)" */
static gboolean
unknown_name (GError **error, const char *prefix, FollowupNames table, const char *value)
{
  static const char *const what[] = { N_ ("status"), N_ ("event"), N_ ("outcome"), N_ ("action") };
  g_autofree char *choices = followup_names_choices (table);

  /* TRANSLATORS: "unknown status “hired” (use waiting, offer or closed)" */
  return followupctl_usage_error (error, _ ("%sunknown %s “%s” (use %s)"), prefix, _ (what[table]),
                                  value, choices);
}

static GTimeZone *
parse_zone (const char *name, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  GTimeZone *tz = followup_time_zone_new (name, &local_error);

  if (tz == NULL)
    followupctl_usage_error (error, _ ("--tz: %s"), local_error->message);
  return tz;
}

/* --decision-in and --decision-by say the same thing two ways: one at most,
 * and with replace, setting one removes the other */
static gboolean
put_decision (GVariantDict *dict, const Options *o, gboolean replace, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  int days;
  GDate date;

  if (o->decision_in != NULL && o->decision_by != NULL)
    return followupctl_usage_error (error, _ ("give --decision-in or --decision-by, not both"));
  if (replace && (g_strcmp0 (o->decision_in, "") == 0 || g_strcmp0 (o->decision_by, "") == 0)) {
    g_variant_dict_insert (dict, o->decision_in ? "decision_in_days" : "decision_by", "s", "");
    return TRUE;
  }
  if (o->decision_in != NULL) {
    if (!followup_parse_days_within (o->decision_in, FOLLOWUP_MAX_DECISION_DAYS, &days,
                                     &local_error))
      return followupctl_usage_error (error, _ ("--decision-in: %s"), local_error->message);
    g_variant_dict_insert (dict, "decision_in_days", "i", days);
    if (replace)
      g_variant_dict_insert (dict, "decision_by", "s", "");
  } else if (o->decision_by != NULL) {
    g_autofree char *text = NULL;

    if (!followup_parse_date (o->decision_by, &date, &local_error))
      return followupctl_usage_error (error, _ ("--decision-by: %s"), local_error->message);
    text = followup_format_date (&date);
    g_variant_dict_insert (dict, "decision_by", "s", text);
    if (replace)
      g_variant_dict_insert (dict, "decision_in_days", "s", "");
  }
  return TRUE;
}

static void
put_text (GVariantDict *dict, const char *key, const char *value)
{
  if (value != NULL)
    g_variant_dict_insert (dict, key, "s", value);
}

/* --phone, --email and --prefers belong to the --contact before them;
 * GOption calls this in command-line order, which is what makes that work */
static gboolean
contact_cb (const char *option, const char *value, gpointer data, GError **error)
{
  GPtrArray *contacts = ((Options *) data)->contacts;
  const char *key = option + 2;
  GVariantDict *current;

  if (!g_utf8_validate (value, -1, NULL)) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "%s is not valid UTF-8 text",
                 option);
    return FALSE;
  }
  if (strcmp (key, "contact") == 0) {
    g_ptr_array_add (contacts, g_variant_dict_new (NULL));
    key = "name";
  } else if (contacts->len == 0) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 "%s belongs to a person: put --contact NAME before it", option);
    return FALSE;
  } else if (strcmp (key, "prefers") == 0 && strcmp (value, "phone") != 0 &&
             strcmp (value, "email") != 0) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _ ("--prefers is phone or email, not “%s”"), value);
    return FALSE;
  }
  current = g_ptr_array_index (contacts, contacts->len - 1);
  if (g_variant_dict_contains (current, key)) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 "%s is given twice for the same contact", option);
    return FALSE;
  }
  g_variant_dict_insert (current, key, "s", value);
  return TRUE;
}

#define CONTACT_ENTRIES                                                      \
  { "contact",                                                               \
    0,                                                                       \
    G_OPTION_FLAG_FILENAME,                                                  \
    G_OPTION_ARG_CALLBACK,                                                   \
    contact_cb,                                                              \
    N_ ("Someone who interviewed you (repeatable)"),                         \
    "NAME" },                                                                \
    { "phone",                                                               \
      0,                                                                     \
      G_OPTION_FLAG_FILENAME,                                                \
      G_OPTION_ARG_CALLBACK,                                                 \
      contact_cb,                                                            \
      N_ ("That contact's phone number"),                                    \
      "NUMBER" },                                                            \
    { "email",                                                               \
      0,                                                                     \
      G_OPTION_FLAG_FILENAME,                                                \
      G_OPTION_ARG_CALLBACK,                                                 \
      contact_cb,                                                            \
      N_ ("That contact's email address"),                                   \
      "ADDRESS" },                                                           \
  {                                                                          \
    "prefers", 0, G_OPTION_FLAG_FILENAME, G_OPTION_ARG_CALLBACK, contact_cb, \
      N_ ("How that contact likes to be reached: phone or email"), "HOW"     \
  }

static GVariant *
contacts_variant (GPtrArray *contacts)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < contacts->len; i++)
    g_variant_builder_add_value (&builder, g_variant_dict_end (contacts->pdata[i]));
  return g_variant_builder_end (&builder);
}

/* the record keeps the zone it was entered in, even if the daemon runs in
 * another; only a plain IANA name is worth keeping (not a TZ rule string) */
static const char *
local_zone_name (GTimeZone *local_tz)
{
  const char *name = g_time_zone_get_identifier (local_tz);
  g_autoptr (GTimeZone) check = NULL;

  if (name == NULL || (strchr (name, '/') == NULL && strcmp (name, "UTC") != 0) || name[0] == ':' ||
      name[0] == '/')
    return NULL;
  check = followup_time_zone_new (name, NULL);
  return check ? name : NULL;
}

static GVariant *
build_new_record (FollowupctlCtx *ctx, Options *o, GError **error)
{
  g_autoptr (GVariantDict) dict = g_variant_dict_new (NULL);
  g_autoptr (GTimeZone) tz = NULL;
  g_autoptr (GDateTime) at = NULL;
  g_autoptr (GDateTime) there = NULL;
  g_autofree char *interviewed_at = NULL;
  const char *zone;

  if (o->company == NULL || o->at == NULL) {
    followupctl_usage_error (error, "%s is required", o->company == NULL ? "--company" : "--at");
    return NULL;
  }
  if (!check_texts (o, error))
    return NULL;
  tz = o->tz ? parse_zone (o->tz, error) : g_time_zone_ref (ctx->local_tz);
  if (tz == NULL || (at = followupctl_parse_time (ctx, "--at", o->at, tz, error)) == NULL)
    return NULL;
  there = g_date_time_to_timezone (at, tz);
  zone = o->tz ? o->tz : local_zone_name (tz);
  /* without a zone name to store, an offset keeps the instant exact */
  interviewed_at = zone ? followup_format_record_time (there)
                        : g_date_time_format (there, "%Y-%m-%d %H:%M%:z");
  put_text (dict, "id", o->id);
  put_text (dict, "company", o->company);
  put_text (dict, "role", o->role);
  put_text (dict, "interviewed_at", interviewed_at);
  put_text (dict, "timezone", zone);
  if (o->contacts->len > 0)
    g_variant_dict_insert_value (dict, "contacts", contacts_variant (o->contacts));
  if (!put_decision (dict, o, FALSE, error))
    return NULL;
  put_text (dict, "notes", o->notes);
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
  g_auto (Options)
    o = { .contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_dict_unref) };
  const GOptionEntry entries[] = {
    TEXT_ENTRY ("company", o.company, N_ ("The employer (required)"), "NAME"),
    TEXT_ENTRY ("role", o.role, N_ ("The position"), "ROLE"),
    TEXT_ENTRY ("at", o.at, N_ ("When the interview was (required)"), "TIME"),
    TEXT_ENTRY ("tz", o.tz, N_ ("The employer's time zone, e.g. America/New_York"), "ZONE"),
    CONTACT_ENTRIES,
    TEXT_ENTRY ("decision-in", o.decision_in, N_ ("When they expect to decide, e.g. 7d or 2 weeks"),
                "DAYS"),
    TEXT_ENTRY ("decision-by", o.decision_by, N_ ("The date they expect to decide by"),
                "YYYY-MM-DD"),
    TEXT_ENTRY ("notes", o.notes, N_ ("Anything worth remembering"), "TEXT"),
    TEXT_ENTRY ("id", o.id, N_ ("Choose the id (default: made from company and role)"), "ID"),
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
put_edited_time (FollowupctlCtx *ctx, GVariantDict *dict, const char *id, const Options *o,
                 GError **error)
{
  g_autoptr (GVariant) record = NULL;
  g_autoptr (GTimeZone) tz = NULL;
  g_autoptr (GDateTime) at = NULL;
  g_autoptr (GDateTime) there = NULL;
  g_autofree char *text = NULL;

  if (o->tz != NULL && *o->tz != '\0') {
    tz = parse_zone (o->tz, error);
  } else {
    record = followupctl_get_record (ctx, id, error);
    tz = record ? followupctl_record_zone (record, ctx->local_tz) : NULL;
  }
  if (tz == NULL || (at = followupctl_parse_time (ctx, "--at", o->at, tz, error)) == NULL)
    return FALSE;
  there = g_date_time_to_timezone (at, tz);
  text = followup_format_record_time (there);
  g_variant_dict_insert (dict, "interviewed_at", "s", text);
  return TRUE;
}

/* edit --contact: the people noted after the interview (the debrief) join
 * the record's own; one already there is refused, not doubled */
static gboolean
put_added_contacts (FollowupctlCtx *ctx, GVariantDict *dict, const char *id, const Options *o,
                    GError **error)
{
  g_autoptr (GVariant) record = followupctl_get_record (ctx, id, error);
  g_autoptr (GVariant) all = NULL;

  if (record == NULL ||
      (all = followupctl_contacts_adding (record, contacts_variant (o->contacts), error)) == NULL)
    return FALSE;
  g_variant_dict_insert_value (dict, "contacts", all);
  return TRUE;
}

static gboolean
build_changes (FollowupctlCtx *ctx, GVariantDict *dict, const char *id, const Options *o,
               GError **error)
{
  g_autoptr (GTimeZone) tz = NULL;

  if (!check_texts (o, error))
    return FALSE;
  if (o->tz != NULL && *o->tz != '\0' && (tz = parse_zone (o->tz, error)) == NULL)
    return FALSE;
  if (o->status != NULL && *o->status != '\0' &&
      !is_one_of (followup_names (FOLLOWUP_NAMES_STATUS), o->status))
    return unknown_name (error, "--status: ", FOLLOWUP_NAMES_STATUS, o->status);
  put_text (dict, "company", o->company);
  put_text (dict, "role", o->role);
  put_text (dict, "timezone", o->tz);
  put_text (dict, "notes", o->notes);
  put_text (dict, "status", o->status);
  if (!put_decision (dict, o, TRUE, error))
    return FALSE;
  if (o->contacts->len > 0 && !put_added_contacts (ctx, dict, id, o, error))
    return FALSE;
  return o->at == NULL || put_edited_time (ctx, dict, id, o, error);
}

gboolean
followupctl_cmd_edit (FollowupctlCtx *ctx, char **argv, GError **error)
{
  g_auto (Options)
    o = { .contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_dict_unref) };
  const GOptionEntry entries[] = {
    TEXT_ENTRY ("company", o.company, N_ ("The employer"), "NAME"),
    TEXT_ENTRY ("role", o.role, N_ ("The position"), "ROLE"),
    TEXT_ENTRY ("at", o.at, N_ ("When the interview was"), "TIME"),
    TEXT_ENTRY ("tz", o.tz, N_ ("The employer's time zone"), "ZONE"),
    TEXT_ENTRY ("notes", o.notes, N_ ("Your notes (replaces them)"), "TEXT"),
    TEXT_ENTRY ("decision-in", o.decision_in, N_ ("When they expect to decide"), "DAYS"),
    TEXT_ENTRY ("decision-by", o.decision_by, N_ ("The date they expect to decide by"),
                "YYYY-MM-DD"),
    TEXT_ENTRY ("status", o.status,
                N_ ("waiting, offer, rejected, withdrawn, no-opening or closed"), "STATUS"),
    CONTACT_ENTRIES,
    { NULL },
  };
  g_autoptr (GVariantDict) changes = g_variant_dict_new (NULL);

  if (!followupctl_parse (ctx, argv, entries, &o, 1, 1, error))
    return FALSE;
  if (!o.company && !o.role && !o.at && !o.tz && !o.notes && !o.decision_in && !o.decision_by &&
      !o.status && o.contacts->len == 0)
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

static gboolean
record_event (FollowupctlCtx *ctx, const char *id, const char *type, GVariantDict *details,
              GError **error)
{
  FollowupDBusFollowup1 *proxy = followupctl_proxy (ctx, error);
  g_autoptr (GError) local_error = NULL;
  g_autoptr (FollowupctlRequest) request = NULL;

  if (proxy == NULL)
    return FALSE;
  request = followupctl_request_new (ctx);
  followup_dbus_followup1_call_record_event_sync (
    proxy, id, type, followupctl_request_stamp (request, g_variant_dict_end (details)), NULL,
    &local_error);
  return followupctl_request_finish (request, local_error, error);
}

/* what every event may carry; --at is checked before the daemon is asked
 * for the record's zone, so a bad time is a usage error even for a bad id */
static gboolean
put_event_details (FollowupctlCtx *ctx, GVariantDict *dict, const char *id, const Options *o,
                   GError **error)
{
  g_autoptr (GDateTime) probe = NULL;
  g_autoptr (GVariant) record = NULL;
  g_autofree char *at = NULL;

  if (!check_texts (o, error))
    return FALSE;
  if (o->at != NULL) {
    probe = followupctl_parse_time (ctx, "--at", o->at, ctx->local_tz, error);
    if (probe == NULL || (record = followupctl_get_record (ctx, id, error)) == NULL ||
        (at = followupctl_event_time (ctx, record, o->at, error)) == NULL)
      return FALSE;
    g_variant_dict_insert (dict, "at", "s", at);
  }
  put_text (dict, "contact", o->contact);
  put_text (dict, "notes", o->notes);
  return TRUE;
}

static gboolean
after_event (FollowupctlCtx *ctx, const char *id, const char *what)
{
  g_autoptr (GError) error = NULL;

  g_print (_ ("Recorded %s for %s.\n"), what, id);
  if (!followupctl_print_upcoming (ctx, id, _ ("Next:"), &error))
    g_printerr ("followupctl: %s\n", error->message);
  return TRUE;
}

#define EVENT_ENTRIES(o)                                                           \
  TEXT_ENTRY ("at", (o).at, N_ ("When, in your own time (default: now)"), "TIME"), \
    TEXT_ENTRY ("notes", (o).notes, N_ ("A remark to keep with it"), "TEXT")

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
  g_auto (Options) o = { 0 };
  const GOptionEntry entries[] = {
    TEXT_ENTRY ("contact", o.contact, N_ ("Whom it went to (default: everyone)"), N_ ("NAME")),
    EVENT_ENTRIES (o),
    { NULL },
  };
  g_autoptr (GVariantDict) details = g_variant_dict_new (NULL);
  FollowupEventType event;

  if (!followupctl_parse (ctx, argv, entries, NULL, 2, 2, error))
    return FALSE;
  if (!done_kind (argv[2], &event))
    return followupctl_usage_error (error,
                                    _ ("unknown KIND “%s” (use thank-you, email, check-in, "
                                       "keep-in-touch or prepare)"),
                                    argv[2]);
  if (!put_event_details (ctx, details, argv[1], &o, error) ||
      !record_event (ctx, argv[1], followup_event_type_to_string (event), details, error))
    return FALSE;
  return after_event (ctx, argv[1], followup_event_type_describe (event));
}

/* a step you chose not to take ends like one taken: an event of its kind
 * marked skipped (a skipped call counts as made) */
gboolean
followupctl_cmd_skip (FollowupctlCtx *ctx, char **argv, GError **error)
{
  g_auto (Options) o = { 0 };
  const GOptionEntry entries[] = {
    TEXT_ENTRY ("contact", o.contact, N_ ("Whom it was for (default: everyone)"), N_ ("NAME")),
    EVENT_ENTRIES (o),
    { NULL },
  };
  g_autoptr (GVariantDict) details = g_variant_dict_new (NULL);
  g_autofree char *what = NULL;
  const FollowupFinish *finish;
  FollowupAction action;

  if (!followupctl_parse (ctx, argv, entries, NULL, 2, 2, error))
    return FALSE;
  if (!followup_action_from_string (argv[2], &action))
    return unknown_name (error, "", FOLLOWUP_NAMES_ACTION, argv[2]);
  finish = followup_action_finish (action);
  if (finish->kind == FOLLOWUP_FINISH_STATUS)
    return followupctl_usage_error (error,
                                    _ ("%s ends with a status, not a skip: followupctl status %s "
                                       "closed (or waiting, to keep on)"),
                                    argv[2], argv[1]);
  g_variant_dict_insert (details, "skipped", "b", TRUE);
  if (!put_event_details (ctx, details, argv[1], &o, error) ||
      !record_event (ctx, argv[1], followup_event_type_to_string (finish->event), details, error))
    return FALSE;
  what = g_strdup_printf (_ ("%s as skipped"), followup_event_type_describe (finish->event));
  return after_event (ctx, argv[1], what);
}

gboolean
followupctl_cmd_called (FollowupctlCtx *ctx, char **argv, GError **error)
{
  g_auto (Options) o = { 0 };
  const GOptionEntry entries[] = {
    TEXT_ENTRY ("contact", o.contact, N_ ("Whom you called"), "NAME"),
    TEXT_ENTRY ("decision-in", o.decision_in,
                N_ ("reached: when they now expect to decide, e.g. 7d"), "DAYS"),
    TEXT_ENTRY ("decision-by", o.decision_by, N_ ("reached: the date they now expect to decide by"),
                "YYYY-MM-DD"),
    EVENT_ENTRIES (o),
    { NULL },
  };
  g_autoptr (GVariantDict) details = g_variant_dict_new (NULL);
  g_autofree char *what = NULL;

  if (!followupctl_parse (ctx, argv, entries, NULL, 2, 2, error))
    return FALSE;
  if (!is_one_of (followup_names (FOLLOWUP_NAMES_OUTCOME), argv[2]))
    return unknown_name (error, "", FOLLOWUP_NAMES_OUTCOME, argv[2]);
  if ((o.decision_in || o.decision_by) && strcmp (argv[2], "reached") != 0)
    return followupctl_usage_error (error,
                                    _ ("--decision-in and --decision-by go with reached: only "
                                       "someone you spoke to can give a new date"));
  g_variant_dict_insert (details, "outcome", "s", argv[2]);
  if (!put_decision (details, &o, FALSE, error) ||
      !put_event_details (ctx, details, argv[1], &o, error) ||
      !record_event (ctx, argv[1], "call", details, error))
    return FALSE;
  what = g_strdup_printf (_ ("the call (%s)"), argv[2]);
  return after_event (ctx, argv[1], what);
}

gboolean
followupctl_cmd_heard (FollowupctlCtx *ctx, char **argv, GError **error)
{
  g_auto (Options) o = { 0 };
  const GOptionEntry entries[] = {
    TEXT_ENTRY ("decision-in", o.decision_in, N_ ("Their new timeline, e.g. 7d or 2 weeks"),
                "DAYS"),
    TEXT_ENTRY ("decision-by", o.decision_by, N_ ("The new date they expect to decide by"),
                "YYYY-MM-DD"),
    EVENT_ENTRIES (o),
    { NULL },
  };
  g_autoptr (GVariantDict) details = g_variant_dict_new (NULL);

  if (!followupctl_parse (ctx, argv, entries, NULL, 1, 1, error) ||
      !put_decision (details, &o, FALSE, error) ||
      !put_event_details (ctx, details, argv[1], &o, error) ||
      !record_event (ctx, argv[1], "response", details, error))
    return FALSE;
  return after_event (ctx, argv[1], _ ("their answer"));
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
  if (!is_one_of (followup_names (FOLLOWUP_NAMES_STATUS), argv[2]))
    return unknown_name (error, "", FOLLOWUP_NAMES_STATUS, argv[2]);
  g_variant_dict_insert (changes, "status", "s", argv[2]);
  if (!update (ctx, argv[1], changes, error))
    return FALSE;
  sentence = status_sentence (argv[1], argv[2]);
  g_print ("%s\n", sentence);
  if (!followupctl_print_upcoming (ctx, argv[1], _ ("Next:"), &local_error))
    g_printerr ("followupctl: %s\n", local_error->message);
  return TRUE;
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
  if (!is_one_of (followup_names (FOLLOWUP_NAMES_ACTION), argv[2]))
    return unknown_name (error, "", FOLLOWUP_NAMES_ACTION, argv[2]);
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

/* --at of a round is read in the interview's zone, like edit --at */
static gboolean
put_round_time (FollowupctlCtx *ctx, GVariantDict *dict, const char *id, const Options *o,
                GError **error)
{
  g_autoptr (GVariant) record = followupctl_get_record (ctx, id, error);
  g_autoptr (GTimeZone) tz = record ? followupctl_record_zone (record, ctx->local_tz) : NULL;
  g_autoptr (GDateTime) at = NULL;
  g_autoptr (GDateTime) there = NULL;
  g_autofree char *text = NULL;

  if (tz == NULL || (at = followupctl_parse_time (ctx, "--at", o->at, tz, error)) == NULL)
    return FALSE;
  there = g_date_time_to_timezone (at, tz);
  text = followup_format_record_time (there);
  g_variant_dict_insert (dict, "at", "s", text);
  return TRUE;
}

gboolean
followupctl_cmd_round (FollowupctlCtx *ctx, char **argv, GError **error)
{
  g_auto (Options) o = { 0 };
  const GOptionEntry entries[] = {
    TEXT_ENTRY ("at", o.at, N_ ("When the round is or was (required)"), "TIME"),
    { "contact", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME_ARRAY, &o.with,
      N_ ("Someone who interviews you in it (repeatable)"), "NAME" },
    TEXT_ENTRY ("decision-in", o.decision_in, N_ ("When they expect to decide after it"), "DAYS"),
    TEXT_ENTRY ("decision-by", o.decision_by, N_ ("The date they expect to decide by"),
                "YYYY-MM-DD"),
    TEXT_ENTRY ("notes", o.notes, N_ ("Anything worth remembering"), "TEXT"),
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
  if (!check_texts (&o, error) || !put_decision (round, &o, FALSE, error) ||
      !put_round_time (ctx, round, argv[1], &o, error) ||
      (proxy = followupctl_proxy (ctx, error)) == NULL)
    return FALSE;
  if (o.with != NULL)
    g_variant_dict_insert (round, "with", "^as", o.with);
  put_text (round, "notes", o.notes);
  request = followupctl_request_new (ctx);
  followup_dbus_followup1_call_add_round_sync (
    proxy, argv[1], followupctl_request_stamp (request, g_variant_dict_end (round)), NULL,
    &local_error);
  if (!followupctl_request_finish (request, local_error, error))
    return FALSE;
  return after_event (ctx, argv[1], _ ("a new round"));
}

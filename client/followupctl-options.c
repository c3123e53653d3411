/* followupctl-options.c: reading the options the writing commands share
 *
 * what can be checked here (times, zones, durations, names) is checked here,
 * as a usage error naming the argument; the rest is the daemon's to refuse */
#include "config.h"

#include <string.h>

#include "followup-i18n.h"
#include "followup-names.h"
#include "followup-time.h"
#include "followupctl-options.h"

void
followupctl_options_clear (FollowupctlOptions *o)
{
  g_free (o->company);
  g_free (o->role);
  g_free (o->at);
  g_free (o->tz);
  g_free (o->language);
  g_free (o->decision_in);
  g_free (o->decision_by);
  g_free (o->notes);
  g_free (o->id);
  g_free (o->status);
  g_free (o->contact);
  g_clear_pointer (&o->contacts, g_ptr_array_unref);
  g_strfreev (o->with);
}

gboolean
followupctl_check_texts (const FollowupctlOptions *o, GError **error)
{
  return followupctl_check_text ("--company", o->company, error) &&
         followupctl_check_text ("--role", o->role, error) &&
         followupctl_check_text ("--notes", o->notes, error) &&
         followupctl_check_text ("--id", o->id, error) &&
         followupctl_check_text ("--contact", o->contact, error) &&
         followupctl_check_text ("--tz", o->tz, error) &&
         followupctl_check_text ("--language", o->language, error);
}

/* 1999 for 2026, or next year's date for this year's: a typo more often
 * than not, and the plan it gives ("overdue 10197 days") is no use */
gboolean
followupctl_check_interview_time (const FollowupctlOptions *o, GDateTime *at, GDateTime *now,
                                  GError **error)
{
  GTimeSpan apart = g_date_time_difference (at, now);

  if (o->force || ABS (apart) <= FOLLOWUP_INTERVIEW_RANGE_DAYS * G_TIME_SPAN_DAY)
    return TRUE;
  return followupctl_usage_error (error,
                                  apart < 0
                                    ? _ ("--at: %s is more than a year ago; give --force if "
                                         "that is right")
                                    : _ ("--at: %s is more than a year ahead; give --force if "
                                         "that is right"),
                                  o->at);
}

/* an interview's --at, read in `tz` (the record's or the one given) and
 * stored there as the file writes times */
gboolean
followupctl_put_interview_time (FollowupctlCtx *ctx, GVariantDict *dict, const char *key,
                                const FollowupctlOptions *o, GTimeZone *tz, GError **error)
{
  g_autoptr (GDateTime) at = followupctl_parse_time (ctx, "--at", o->at, tz, error);
  g_autoptr (GDateTime) there = NULL;
  g_autofree char *text = NULL;

  if (at == NULL || !followupctl_check_interview_time (o, at, ctx->now, error))
    return FALSE;
  there = g_date_time_to_timezone (at, tz);
  text = followup_format_record_time (there);
  g_variant_dict_insert (dict, key, "s", text);
  return TRUE;
}

gboolean
followupctl_is_one_of (const char *const *names, const char *text)
{
  return text != NULL && g_strv_contains (names, text);
}

/* "unknown status “hired” (use waiting, offer, …)" */
gboolean
followupctl_unknown_name (GError **error, const char *prefix, FollowupNames table,
                          const char *value)
{
  static const char *const what[] = { N_ ("status"), N_ ("event"), N_ ("outcome"), N_ ("action") };
  g_autofree char *choices = followup_names_choices (table);

  /* TRANSLATORS: "unknown status “hired” (use waiting, offer or closed)" */
  return followupctl_usage_error (error, _ ("%sunknown %s “%s” (use %s)"), prefix, _ (what[table]),
                                  value, choices);
}

GTimeZone *
followupctl_parse_zone (const char *name, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  GTimeZone *tz = followup_time_zone_new (name, &local_error);

  if (tz == NULL)
    followupctl_usage_error (error, _ ("--tz: %s"), local_error->message);
  return tz;
}

/* --decision-in and --decision-by say the same thing two ways: one at most,
 * and with replace, setting one removes the other */
gboolean
followupctl_put_decision (GVariantDict *dict, const FollowupctlOptions *o, gboolean replace,
                          GError **error)
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

void
followupctl_put_text (GVariantDict *dict, const char *key, const char *value)
{
  if (value != NULL)
    g_variant_dict_insert (dict, key, "s", value);
}

/* --phone, --email and --prefers belong to the --contact before them;
 * GOption calls this in command-line order, which is what makes that work */
gboolean
followupctl_contact_cb (const char *option, const char *value, gpointer data, GError **error)
{
  GPtrArray *contacts = ((FollowupctlOptions *) data)->contacts;
  const char *key = option + 2;
  GVariantDict *current;

  if (!g_utf8_validate (value, -1, NULL)) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _ ("%s is not valid UTF-8 text"),
                 option);
    return FALSE;
  }
  if (strcmp (key, "contact") == 0) {
    g_ptr_array_add (contacts, g_variant_dict_new (NULL));
    key = "name";
  } else if (contacts->len == 0) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _ ("%s belongs to a person: put --contact NAME before it"), option);
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
                 _ ("%s is given twice for the same contact"), option);
    return FALSE;
  }
  g_variant_dict_insert (current, key, "s", value);
  return TRUE;
}

GVariant *
followupctl_contacts_variant (GPtrArray *contacts)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < contacts->len; i++)
    g_variant_builder_add_value (&builder, g_variant_dict_end (contacts->pdata[i]));
  return g_variant_builder_end (&builder);
}

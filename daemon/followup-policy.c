/* followup-policy.c: the policy group, validated with its defaults */
#include "config.h"

#define G_LOG_DOMAIN "followup-policy"

#include "followup-check.h"
#include "followup-i18n.h"
#include "followup-policy.h"
#include "followup-time.h"

static const char *const weekday_names[] = {
  "", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", NULL,
};

static const char *const policy_keys[] = {
  "call_windows",
  "workdays",
  "holidays",
  "quiet_hours",
  "thank_you_within_hours",
  "follow_up_email_after_days",
  "call_without_timeline_after_days",
  "max_calls",
  "call_retry_after_workdays",
  "move_on_after_days",
  "prepare_before_minutes",
  "call_after_decision_factor",
  NULL,
};

/* the defaults are the rules of docs/rules.md: R1 (thank-you within a day),
 * R2 (email after a week), R3 (call after two weeks without a timeline),
 * R4 (10-11 and 15-16), R5 (two calls, three workdays apart), R6 (a week to
 * move on), R12 (quiet hours), R16 (an hour to prepare), R23 (told a week,
 * call on day ten) */
FollowupPolicy *
followup_policy_new_default (void)
{
  FollowupPolicy *policy = g_new0 (FollowupPolicy, 1);
  FollowupWindow windows[] = { { 10 * 60, 11 * 60 }, { 15 * 60, 16 * 60 } };

  policy->call_windows = g_array_new (FALSE, FALSE, sizeof (FollowupWindow));
  g_array_append_vals (policy->call_windows, windows, G_N_ELEMENTS (windows));
  for (int d = G_DATE_MONDAY; d <= G_DATE_FRIDAY; d++)
    policy->workdays |= 1 << d;
  policy->holidays = g_array_new (FALSE, FALSE, sizeof (guint32));
  policy->has_quiet_hours = TRUE;
  policy->quiet_hours = (FollowupWindow){ 21 * 60, 8 * 60 };
  policy->thank_you_within_hours = 24;
  policy->follow_up_email_after_days = 7;
  policy->call_without_timeline_after_days = 14;
  policy->max_calls = 2;
  policy->call_retry_after_workdays = 3;
  policy->move_on_after_days = 7;
  policy->prepare_before_minutes = 60;
  policy->call_after_decision_factor = (FollowupFactor){ 10, 7 };
  policy->dict = g_variant_ref_sink (g_variant_new ("a{sv}", NULL));
  return policy;
}

void
followup_policy_free (FollowupPolicy *policy)
{
  if (policy == NULL)
    return;
  g_array_unref (policy->call_windows);
  g_array_unref (policy->holidays);
  g_variant_unref (policy->dict);
  g_free (policy);
}

static gint
window_compare (gconstpointer a, gconstpointer b)
{
  return ((const FollowupWindow *) a)->start - ((const FollowupWindow *) b)->start;
}

static gboolean
check_windows_apart (FollowupGroup *group, GArray *windows)
{
  if (windows->len == 0)
    return followup_group_fail (group, "call_windows",
                                _ ("needs at least one window, like \"10:00-11:00\""));
  g_array_sort (windows, window_compare);
  for (guint i = 1; i < windows->len; i++) {
    if (g_array_index (windows, FollowupWindow, i).start <
        g_array_index (windows, FollowupWindow, i - 1).end)
      return followup_group_fail (group, "call_windows", _ ("the windows overlap"));
  }
  return TRUE;
}

static gboolean
parse_windows (FollowupGroup *group, GVariant *list, GArray *out)
{
  const char *text;
  GVariantIter iter;

  g_array_set_size (out, 0);
  g_variant_iter_init (&iter, list);
  while (g_variant_iter_next (&iter, "&s", &text)) {
    g_autoptr (GError) local_error = NULL;
    FollowupWindow w;

    if (!followup_parse_clock_range (text, &w.start, &w.end, &local_error))
      return followup_group_fail (group, "call_windows", "%s", local_error->message);
    if (w.start > w.end)
      return followup_group_fail (group, "call_windows",
                                  _ ("the window “%s” ends before it starts"), text);
    /* R14 (from R4): between 12 and 2 the hiring manager is most likely at lunch */
    if (w.start < 14 * 60 && w.end > 12 * 60)
      return followup_group_fail (group, "call_windows",
                                  _ ("the window “%s” overlaps lunch (12:00-14:00), when calls "
                                     "rarely reach anyone; pick times before noon or after 14:00"),
                                  text);
    g_array_append_val (out, w);
  }
  return check_windows_apart (group, out);
}

static gboolean
parse_workdays (FollowupGroup *group, GVariant *list, guint8 *out)
{
  const char *text;
  GVariantIter iter;

  *out = 0;
  g_variant_iter_init (&iter, list);
  while (g_variant_iter_next (&iter, "&s", &text)) {
    int day;

    if (!followup_name_lookup (weekday_names, text, &day))
      return followup_group_fail (group, "workdays",
                                  _ ("“%s” is not a day; use Mon, Tue, Wed, Thu, Fri, Sat or Sun"),
                                  text);
    *out |= 1 << day;
  }
  if (*out == 0)
    return followup_group_fail (group, "workdays", _ ("needs at least one day"));
  return TRUE;
}

static gint
julian_compare (gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

static gboolean
parse_holidays (FollowupGroup *group, GVariant *list, GArray *out)
{
  const char *text;
  GVariantIter iter;

  g_variant_iter_init (&iter, list);
  while (g_variant_iter_next (&iter, "&s", &text)) {
    g_autoptr (GError) local_error = NULL;
    GDate date;
    guint32 julian;

    if (!followup_parse_date (text, &date, &local_error))
      return followup_group_fail (group, "holidays", "%s", local_error->message);
    julian = g_date_get_julian (&date);
    g_array_append_val (out, julian);
  }
  g_array_sort (out, julian_compare);
  return TRUE;
}

/* R13: a record or a contact may list its own days off beside the policy's */
gboolean
followup_policy_parse_holidays (FollowupGroup *group, GArray **out)
{
  g_autoptr (GVariant) list = NULL;
  g_autoptr (GArray) days = NULL;

  *out = NULL;
  if (!followup_group_strv (group, "holidays", &list))
    return FALSE;
  if (list == NULL)
    return TRUE;
  days = g_array_new (FALSE, FALSE, sizeof (guint32));
  if (!parse_holidays (group, list, days))
    return FALSE;
  *out = g_steal_pointer (&days);
  return TRUE;
}

static gboolean
parse_quiet_hours (FollowupGroup *group, FollowupPolicy *policy)
{
  g_autoptr (GError) local_error = NULL;
  const char *text;

  if (!followup_group_text (group, "quiet_hours", FOLLOWUP_TEXT_OPTIONAL, &text))
    return FALSE;
  if (text == NULL)
    return TRUE;
  policy->has_quiet_hours = *text != '\0';
  if (policy->has_quiet_hours &&
      !followup_parse_clock_range (text, &policy->quiet_hours.start, &policy->quiet_hours.end,
                                   &local_error))
    return followup_group_fail (group, "quiet_hours", _ ("%s (or \"\" for none)"),
                                local_error->message);
  return TRUE;
}

static gboolean
parse_numbers (FollowupGroup *g, FollowupPolicy *p)
{
  /* R5: past a second call it reads as pestering, so three is the most */
  return followup_group_int (g, "thank_you_within_hours", 1, 72, &p->thank_you_within_hours) &&
         followup_group_int (g, "follow_up_email_after_days", 1, 60,
                             &p->follow_up_email_after_days) &&
         followup_group_int (g, "call_without_timeline_after_days", 1, 90,
                             &p->call_without_timeline_after_days) &&
         followup_group_int (g, "max_calls", 1, 3, &p->max_calls) &&
         followup_group_int (g, "call_retry_after_workdays", 1, 10,
                             &p->call_retry_after_workdays) &&
         followup_group_int (g, "move_on_after_days", 1, 60, &p->move_on_after_days) &&
         followup_group_int (g, "prepare_before_minutes", 10, 720, &p->prepare_before_minutes);
}

/* "10/7", or a number: 2 or 2.0 doubles the time they gave */
static gboolean
factor_from_text (const char *text, FollowupFactor *out)
{
  g_auto (GStrv) parts = g_strsplit (text, "/", -1);
  guint64 num, den;

  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (g_strstrip (parts[0]), 10, 1, 1000, &num, NULL) ||
      !g_ascii_string_to_unsigned (g_strstrip (parts[1]), 10, 1, 1000, &den, NULL))
    return FALSE;
  *out = (FollowupFactor){ (int) num, (int) den };
  return TRUE;
}

static gboolean
parse_factor (FollowupGroup *group, FollowupFactor *out)
{
  const char *key = "call_after_decision_factor";
  GVariant *value = g_hash_table_lookup (group->index, key);
  FollowupFactor f;

  if (value == NULL)
    return TRUE;
  /* a fraction stays exact: 7 × 10/7 is 10, where 7 × 1.428… rounds up to 11 */
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING)) {
    if (!factor_from_text (g_variant_get_string (value, NULL), &f))
      return followup_group_fail (group, key,
                                  _ ("“%s” is not a fraction like \"10/7\" or a number like 1.5"),
                                  g_variant_get_string (value, NULL));
  } else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE)) {
    double d = g_variant_get_double (value);

    /* NaN and the infinities fail here too */
    if (!(d >= 0 && d <= 1000))
      d = 0;
    f = (FollowupFactor){ (int) (d * 1000 + 0.5), 1000 };
  } else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32)) {
    f = (FollowupFactor){ CLAMP (g_variant_get_int32 (value), 0, 1000), 1 };
  } else {
    return followup_group_fail (group, key, _ ("must be a fraction like \"10/7\" or a number"));
  }
  /* calling before their date, or at more than three times it, helps nobody */
  if (f.num < f.den || f.num > 3 * f.den)
    return followup_group_fail (group, key,
                                _ ("must be between 1 and 3, like \"10/7\" or 1.5: the call "
                                   "comes after the date they gave, not before"));
  *out = f;
  return TRUE;
}

int
followup_policy_call_day (const FollowupPolicy *policy, int days)
{
  const FollowupFactor *f = &policy->call_after_decision_factor;

  return (days * f->num + f->den - 1) / f->den;
}

static gboolean
parse_policy (FollowupGroup *group, FollowupPolicy *policy)
{
  g_autoptr (GVariant) windows = NULL;
  g_autoptr (GVariant) workdays = NULL;
  g_autoptr (GVariant) holidays = NULL;

  return followup_group_keys (group, policy_keys, _ ("policy")) &&
         followup_group_strv (group, "call_windows", &windows) &&
         followup_group_strv (group, "workdays", &workdays) &&
         followup_group_strv (group, "holidays", &holidays) &&
         (windows == NULL || parse_windows (group, windows, policy->call_windows)) &&
         (workdays == NULL || parse_workdays (group, workdays, &policy->workdays)) &&
         (holidays == NULL || parse_holidays (group, holidays, policy->holidays)) &&
         parse_quiet_hours (group, policy) && parse_numbers (group, policy) &&
         parse_factor (group, &policy->call_after_decision_factor);
}

FollowupPolicy *
followup_policy_new_from_variant (GVariant *dict, char **bad_key, GError **error)
{
  g_autoptr (FollowupPolicy) policy = followup_policy_new_default ();
  g_autoptr (GVariant) owned = dict ? g_variant_ref_sink (dict) : NULL;
  g_auto (FollowupCheck) check = { 0 };
  g_auto (FollowupGroup) group = { 0 };

  if (dict == NULL)
    return g_steal_pointer (&policy);
  followup_group_init (&group, &check, dict, NULL, 0);
  if (!parse_policy (&group, policy)) {
    followup_check_finish (&check, bad_key, error);
    return NULL;
  }
  g_variant_unref (policy->dict);
  policy->dict = g_steal_pointer (&owned);
  return g_steal_pointer (&policy);
}

gboolean
followup_policy_is_workday (const FollowupPolicy *policy, const GDate *date)
{
  guint32 julian = g_date_get_julian (date);

  if ((policy->workdays & (1 << g_date_get_weekday (date))) == 0)
    return FALSE;
  for (guint i = 0; i < policy->holidays->len; i++) {
    if (g_array_index (policy->holidays, guint32, i) == julian)
      return FALSE;
  }
  return TRUE;
}

/* followup-policy.h: when calls may be placed and how long each step waits
 *
 * read from the record file's `policy` group (followup.conf(5)); every key
 * is optional and falls back to the defaults of docs/rules.md */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  int start; /* minutes after midnight */
  int end;
} FollowupWindow;

/* R23: the call comes this much later than the date they gave */
typedef struct {
  int num;
  int den;
} FollowupFactor;

typedef struct {
  GArray *call_windows; /* FollowupWindow, sorted by start */
  guint8 workdays;      /* bit (1 << GDateWeekday) */
  GArray *holidays;     /* guint32 julian days, sorted */
  gboolean has_quiet_hours;
  FollowupWindow quiet_hours; /* may wrap midnight: start > end */
  int thank_you_within_hours;
  int follow_up_email_after_days;
  int call_without_timeline_after_days;
  int max_calls;
  int call_retry_after_workdays;
  int move_on_after_days;
  int prepare_before_minutes;
  FollowupFactor call_after_decision_factor;
  GVariant *dict; /* a{sv} as given, written back unchanged */
} FollowupPolicy;

FollowupPolicy *followup_policy_new_default (void);
FollowupPolicy *followup_policy_new_from_variant (GVariant *dict, char **bad_key, GError **error);
void followup_policy_free (FollowupPolicy *policy);
/* the day to call when told `days`: ⌈days × factor⌉ */
int followup_policy_call_day (const FollowupPolicy *policy, int days);
gboolean followup_policy_is_workday (const FollowupPolicy *policy, const GDate *date);

typedef struct _FollowupGroup FollowupGroup;
gboolean followup_policy_parse_holidays (FollowupGroup *group, GArray **out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FollowupPolicy, followup_policy_free)

G_END_DECLS

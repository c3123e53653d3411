/* followupctl-record.h: reading the daemon's answers (records as a{sv},
 * the schedule as a(sssxxs)) on the client side */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *id;
  char *action;
  char *contact; /* NULL when the step is not for one person */
  gint64 due;
  gint64 until; /* 0 when there is no end */
  char *reason;
} FollowupctlReminder;

const char *followupctl_lookup_string (GVariant *dict, const char *key);
gboolean followupctl_lookup_int (GVariant *dict, const char *key, gint64 *out);

GTimeZone *followupctl_record_zone (GVariant *record, GTimeZone *fallback);
GTimeZone *followupctl_contact_zone (GVariant *record, const char *contact, GTimeZone *fallback);
GDateTime *followupctl_record_time (GVariant *record, GVariant *dict, const char *key,
                                    GTimeZone *fallback);
GVariant *followupctl_record_find_contact (GVariant *record, const char *name);
GVariant *followupctl_records_find (GVariant *records, const char *id);

GPtrArray *followupctl_reminders_new (GVariant *schedule);
GPtrArray *followupctl_reminders_for (GPtrArray *reminders, const char *id);
void followupctl_reminder_free (FollowupctlReminder *reminder);

gboolean followupctl_is_action (const char *name);
char *followupctl_reminder_summary (const FollowupctlReminder *reminder, const char *company);
char *followupctl_reminder_done_hint (const FollowupctlReminder *reminder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FollowupctlReminder, followupctl_reminder_free)

G_END_DECLS

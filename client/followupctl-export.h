/* followupctl-export.h: the records and the coming reminders as iCalendar
 * (RFC 5545, with libical), CSV (RFC 4180) and JSON (json-glib) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  GVariant *records;    /* aa{sv}, as List() returns them */
  GPtrArray *reminders; /* FollowupStep, sorted by due */
  GTimeZone *local_tz;  /* the zone of records without their own */
  GDateTime *now;       /* for DTSTAMP */
  GPtrArray *departed;  /* FollowupStep that left the plan (Departed()), or NULL */
} FollowupctlExportInput;

char *followupctl_export_ics (const FollowupctlExportInput *input, GError **error);
char *followupctl_export_csv (const FollowupctlExportInput *input);
char *followupctl_export_json (const FollowupctlExportInput *input);

G_END_DECLS

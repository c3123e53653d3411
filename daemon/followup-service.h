/* followup-service.h: org.followup.Followup1 on the session bus
 *
 * the skeleton, one dispatcher for every method, and the edit queue: edits
 * that arrive together are applied to one copy of the records, saved once
 * (a book transaction) and only then answered; every other method runs the
 * queue first, so a client always sees its own edits. It calls the book and
 * the reminders; neither knows it */
#pragma once

#include <gio/gio.h>

#include "followup-book.h"
#include "followup-reminders.h"

G_BEGIN_DECLS

#define FOLLOWUP_TYPE_SERVICE (followup_service_get_type ())
G_DECLARE_FINAL_TYPE (FollowupService, followup_service, FOLLOWUP, SERVICE, GObject)

FollowupService *followup_service_new (FollowupBook *book, FollowupReminders *reminders);
gboolean followup_service_export (FollowupService *service, GDBusConnection *bus, GError **error);

/* what the owner tells it: records changed (ids, or NULL for all), a
 * reminder shown, the next due step */
void followup_service_records_changed (FollowupService *service, const char *const *ids);
void followup_service_reminded (FollowupService *service, const char *id, const char *action);
void followup_service_set_next_due (FollowupService *service, gint64 due);

/* a notification button: recorded through the same edits as the bus */
void followup_service_click (FollowupService *service, const char *id, const char *action,
                             const char *contact, const char *button);
/* runs the queued edits now, unless a hand edit is being written */
void followup_service_flush (FollowupService *service);
/* on the way out: runs them whatever the file is doing */
void followup_service_finish (FollowupService *service);

G_END_DECLS

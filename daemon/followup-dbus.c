/* followup-dbus.c: the org.followup.Followup1 methods, thin wrappers around
 * followup-daemon.c; each returns early with a named error */
#include "config.h"

#include "followup-daemon.h"
#include "followup-error.h"

static gboolean
handle_add (FollowupDBusFollowup1 *object, GDBusMethodInvocation *inv, GVariant *record,
            FollowupDaemon *d)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *id = followup_daemon_add (d, record, &error);

  if (id == NULL) {
    g_dbus_method_invocation_return_gerror (inv, error);
    return TRUE;
  }
  followup_dbus_followup1_complete_add (object, inv, id);
  return TRUE;
}

static gboolean
handle_update (FollowupDBusFollowup1 *object, GDBusMethodInvocation *inv, const char *id,
               GVariant *changes, FollowupDaemon *d)
{
  g_autoptr (GError) error = NULL;

  if (!followup_daemon_update (d, id, changes, &error)) {
    g_dbus_method_invocation_return_gerror (inv, error);
    return TRUE;
  }
  followup_dbus_followup1_complete_update (object, inv);
  return TRUE;
}

static gboolean
handle_remove (FollowupDBusFollowup1 *object, GDBusMethodInvocation *inv, const char *id,
               FollowupDaemon *d)
{
  g_autoptr (GError) error = NULL;

  if (!followup_daemon_remove (d, id, &error)) {
    g_dbus_method_invocation_return_gerror (inv, error);
    return TRUE;
  }
  followup_dbus_followup1_complete_remove (object, inv);
  return TRUE;
}

static gboolean
handle_get (FollowupDBusFollowup1 *object, GDBusMethodInvocation *inv, const char *id,
            FollowupDaemon *d)
{
  g_autoptr (GError) error = NULL;
  FollowupRecord *record = followup_daemon_lookup (d, id, &error);

  if (record == NULL) {
    g_dbus_method_invocation_return_gerror (inv, error);
    return TRUE;
  }
  followup_dbus_followup1_complete_get (object, inv, record->dict);
  return TRUE;
}

static gboolean
handle_list (FollowupDBusFollowup1 *object, GDBusMethodInvocation *inv, FollowupDaemon *d)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < d->set->records->len; i++)
    g_variant_builder_add_value (&builder, ((FollowupRecord *) d->set->records->pdata[i])->dict);
  followup_dbus_followup1_complete_list (object, inv, g_variant_builder_end (&builder));
  return TRUE;
}

static gboolean
handle_record_event (FollowupDBusFollowup1 *object, GDBusMethodInvocation *inv, const char *id,
                     const char *type, GVariant *details, FollowupDaemon *d)
{
  g_autoptr (GError) error = NULL;

  if (!followup_daemon_record_event (d, id, type, details, &error)) {
    g_dbus_method_invocation_return_gerror (inv, error);
    return TRUE;
  }
  followup_dbus_followup1_complete_record_event (object, inv);
  return TRUE;
}

static gboolean
handle_snooze (FollowupDBusFollowup1 *object, GDBusMethodInvocation *inv, const char *id,
               const char *action, gint64 until, FollowupDaemon *d)
{
  g_autoptr (GError) error = NULL;

  if (!followup_daemon_snooze (d, id, action, until, &error)) {
    g_dbus_method_invocation_return_gerror (inv, error);
    return TRUE;
  }
  followup_dbus_followup1_complete_snooze (object, inv);
  return TRUE;
}

static gboolean
handle_schedule (FollowupDBusFollowup1 *object, GDBusMethodInvocation *inv, gint64 from, gint64 to,
                 FollowupDaemon *d)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sssxxs)"));
  for (guint i = 0; i < d->reminders->len; i++) {
    const FollowupReminder *r = g_ptr_array_index (d->reminders, i);
    gint64 due = g_date_time_to_unix (r->due);

    if ((from != 0 && due < from) || (to != 0 && due > to))
      continue;
    g_variant_builder_add (&builder, "(sssxxs)", r->record->id,
                           followup_action_to_string (r->action), r->contact ? r->contact : "", due,
                           r->until ? g_date_time_to_unix (r->until) : (gint64) 0, r->reason);
  }
  followup_dbus_followup1_complete_schedule (object, inv, g_variant_builder_end (&builder));
  return TRUE;
}

static gboolean
handle_reload (FollowupDBusFollowup1 *object, GDBusMethodInvocation *inv, FollowupDaemon *d)
{
  g_autoptr (GError) error = NULL;

  if (!followup_daemon_reload (d, &error)) {
    g_dbus_method_invocation_return_gerror (inv, error);
    return TRUE;
  }
  followup_dbus_followup1_complete_reload (object, inv);
  return TRUE;
}

static gboolean
handle_check (FollowupDBusFollowup1 *object, GDBusMethodInvocation *inv, FollowupDaemon *d)
{
  g_autoptr (GPtrArray) problems = followup_daemon_check (d);

  g_ptr_array_add (problems, NULL);
  followup_dbus_followup1_complete_check (object, inv, (const char *const *) problems->pdata);
  return TRUE;
}

void
followup_daemon_export (FollowupDaemon *d, GDBusConnection *bus)
{
  g_autoptr (GError) error = NULL;

  d->skeleton = followup_dbus_followup1_skeleton_new ();
  g_signal_connect (d->skeleton, "handle-add", G_CALLBACK (handle_add), d);
  g_signal_connect (d->skeleton, "handle-update", G_CALLBACK (handle_update), d);
  g_signal_connect (d->skeleton, "handle-remove", G_CALLBACK (handle_remove), d);
  g_signal_connect (d->skeleton, "handle-get", G_CALLBACK (handle_get), d);
  g_signal_connect (d->skeleton, "handle-list", G_CALLBACK (handle_list), d);
  g_signal_connect (d->skeleton, "handle-record-event", G_CALLBACK (handle_record_event), d);
  g_signal_connect (d->skeleton, "handle-snooze", G_CALLBACK (handle_snooze), d);
  g_signal_connect (d->skeleton, "handle-schedule", G_CALLBACK (handle_schedule), d);
  g_signal_connect (d->skeleton, "handle-reload", G_CALLBACK (handle_reload), d);
  g_signal_connect (d->skeleton, "handle-check", G_CALLBACK (handle_check), d);
  followup_dbus_followup1_set_version (d->skeleton, PACKAGE_VERSION);
  if (!g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (d->skeleton), bus,
                                         "/org/followup/Followup1", &error))
    g_warning ("cannot export the D-Bus object: %s", error->message);
}

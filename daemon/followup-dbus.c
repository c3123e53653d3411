/* followup-dbus.c: the org.followup.Followup1 methods, thin wrappers around
 * followup-daemon.c; each returns early with a named error */
#include "config.h"

#include "followup-daemon.h"
#include "followup-error.h"

/* the edits: run at the next group commit (followup-batch.c) */

static GVariant *
edit_add (FollowupDaemon *d, GVariant *parameters, GError **error)
{
  g_autoptr (GVariant) record = g_variant_get_child_value (parameters, 0);
  g_autofree char *id = followup_daemon_add (d, record, error);

  return id ? g_variant_new ("(s)", id) : NULL;
}

static GVariant *
edit_update (FollowupDaemon *d, GVariant *parameters, GError **error)
{
  g_autoptr (GVariant) changes = NULL;
  const char *id;

  g_variant_get (parameters, "(&s@a{sv})", &id, &changes);
  return followup_daemon_update (d, id, changes, error) ? g_variant_new ("()") : NULL;
}

static GVariant *
edit_remove (FollowupDaemon *d, GVariant *parameters, GError **error)
{
  const char *id;

  g_variant_get (parameters, "(&s)", &id);
  return followup_daemon_remove (d, id, error) ? g_variant_new ("()") : NULL;
}

static GVariant *
edit_record_event (FollowupDaemon *d, GVariant *parameters, GError **error)
{
  g_autoptr (GVariant) details = NULL;
  const char *id, *type;

  g_variant_get (parameters, "(&s&s@a{sv})", &id, &type, &details);
  return followup_daemon_record_event (d, id, type, details, error) ? g_variant_new ("()") : NULL;
}

static gboolean
handle_add (FollowupDBusFollowup1 *object, GDBusMethodInvocation *inv, GVariant *record,
            FollowupDaemon *d)
{
  followup_daemon_queue_edit (d, inv, edit_add);
  return TRUE;
}

static gboolean
handle_update (FollowupDBusFollowup1 *object, GDBusMethodInvocation *inv, const char *id,
               GVariant *changes, FollowupDaemon *d)
{
  followup_daemon_queue_edit (d, inv, edit_update);
  return TRUE;
}

static gboolean
handle_remove (FollowupDBusFollowup1 *object, GDBusMethodInvocation *inv, const char *id,
               FollowupDaemon *d)
{
  followup_daemon_queue_edit (d, inv, edit_remove);
  return TRUE;
}

static gboolean
handle_record_event (FollowupDBusFollowup1 *object, GDBusMethodInvocation *inv, const char *id,
                     const char *type, GVariant *details, FollowupDaemon *d)
{
  followup_daemon_queue_edit (d, inv, edit_record_event);
  return TRUE;
}

/* the rest answer at once, after the edits sent before them */

static gboolean
handle_get (FollowupDBusFollowup1 *object, GDBusMethodInvocation *inv, const char *id,
            FollowupDaemon *d)
{
  g_autoptr (GError) error = NULL;
  FollowupRecord *record;

  followup_daemon_flush (d);
  record = followup_daemon_lookup (d, id, &error);
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

  followup_daemon_flush (d);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < d->set->records->len; i++)
    g_variant_builder_add_value (&builder, ((FollowupRecord *) d->set->records->pdata[i])->dict);
  followup_dbus_followup1_complete_list (object, inv, g_variant_builder_end (&builder));
  return TRUE;
}

static gboolean
handle_snooze (FollowupDBusFollowup1 *object, GDBusMethodInvocation *inv, const char *id,
               const char *action, gint64 until, FollowupDaemon *d)
{
  g_autoptr (GError) error = NULL;

  followup_daemon_flush (d);
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

  followup_daemon_flush (d);
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

  followup_daemon_flush (d);
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
  g_autoptr (GPtrArray) problems = NULL;

  followup_daemon_flush (d);
  problems = followup_daemon_check (d);
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

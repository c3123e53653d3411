/* followup-daemon.c: the wiring. Calls go one way: the service calls the
 * book and the reminders; the book and the reminders call nobody and say
 * what happened by signal, which is connected here and only here */
#include "config.h"

#define G_LOG_DOMAIN "followupd"

#include <string.h>
#include <glib-unix.h>
#include <systemd/sd-daemon.h>

#include "followup-i18n.h"
#include "followup-book.h"
#include "followup-daemon.h"
#include "followup-names.h"
#include "followup-reminders.h"
#include "followup-service.h"

/* how long a stop waits for notifications already sent to be answered */
#define SETTLE_MS 3000

struct _FollowupDaemon {
  GTimeZone *user_tz;
  FollowupBook *book;
  FollowupReminders *reminders;
  FollowupService *service;
  GFileMonitor *zone_monitor;
  GDBusConnection *bus;
  GMainLoop *loop;
  guint owner_id;
  gboolean name_acquired;
  int exit_code;
};

static GTimeZone *
user_zone (void)
{
  const char *tz = g_getenv ("TZ");
  g_autofree char *link = NULL;
  const char *name;
  GTimeZone *zone;

  /* by name, not g_time_zone_new_local (), which GLib caches for good: a
   * zone change while running must be seen on the next re-plan */
  if (tz != NULL && *tz != '\0')
    return g_time_zone_new_identifier (tz[0] == ':' ? tz + 1 : tz) ?: g_time_zone_new_utc ();
  link = g_file_read_link ("/etc/localtime", NULL);
  name = link ? strstr (link, "zoneinfo/") : NULL;
  zone = name ? g_time_zone_new_identifier (name + strlen ("zoneinfo/")) : NULL;
  return zone ? zone : g_time_zone_new_local ();
}

/* the book -> the reminders (plan again) and the service (tell clients) */
static void
book_changed_cb (FollowupBook *book, const char *const *ids, gpointer user_data)
{
  FollowupDaemon *d = user_data;

  followup_reminders_set_records (d->reminders, followup_book_get_records (book), ids,
                                  followup_book_get_problem (book),
                                  followup_book_get_checksum (book));
  followup_service_records_changed (d->service, ids);
}

/* the reminders -> the service */
static void
shown_cb (FollowupReminders *rem, const char *id, const char *action, gpointer user_data)
{
  followup_service_reminded (((FollowupDaemon *) user_data)->service, id, action);
}

static void
planned_cb (FollowupReminders *rem, gint64 next_due, gpointer user_data)
{
  followup_service_set_next_due (((FollowupDaemon *) user_data)->service, next_due);
}

static void
clicked_cb (FollowupReminders *rem, const char *id, const char *action, const char *contact,
            const char *button, gpointer user_data)
{
  followup_service_click (((FollowupDaemon *) user_data)->service, id, action, contact, button);
}

static void
zone_changed_cb (GFileMonitor *monitor, GFile *file, GFile *other, GFileMonitorEvent event,
                 gpointer user_data)
{
  FollowupDaemon *d = user_data;

  g_time_zone_unref (d->user_tz);
  d->user_tz = user_zone ();
  g_message ("the time zone is now %s", g_time_zone_get_identifier (d->user_tz));
  followup_book_set_user_tz (d->book, d->user_tz);
  followup_reminders_set_user_tz (d->reminders, d->user_tz);
}

static GFileMonitor *
watch_zone (FollowupDaemon *d)
{
  g_autoptr (GFile) file = g_file_new_for_path ("/etc/localtime");
  g_autoptr (GError) error = NULL;
  GFileMonitor *monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);

  if (monitor == NULL) {
    g_warning ("cannot watch /etc/localtime: %s", error->message);
    return NULL;
  }
  g_signal_connect (monitor, "changed", G_CALLBACK (zone_changed_cb), d);
  return monitor;
}

FollowupDaemon *
followup_daemon_new (const char *config_path, const char *state_path, GError **error)
{
  g_autoptr (FollowupDaemon) d = g_new0 (FollowupDaemon, 1);

  d->user_tz = user_zone ();
  d->loop = g_main_loop_new (NULL, FALSE);
  d->book = followup_book_new (config_path, d->user_tz, error);
  if (d->book == NULL)
    return NULL;
  d->reminders = followup_reminders_new (state_path, d->user_tz, error);
  if (d->reminders == NULL)
    return NULL;
  d->service = followup_service_new (d->book, d->reminders);
  g_signal_connect (d->book, "changed", G_CALLBACK (book_changed_cb), d);
  g_signal_connect (d->reminders, "shown", G_CALLBACK (shown_cb), d);
  g_signal_connect (d->reminders, "planned", G_CALLBACK (planned_cb), d);
  g_signal_connect (d->reminders, "clicked", G_CALLBACK (clicked_cb), d);
  followup_reminders_set_records (d->reminders, followup_book_get_records (d->book), NULL,
                                  followup_book_get_problem (d->book),
                                  followup_book_get_checksum (d->book));
  d->zone_monitor = watch_zone (d);
  return g_steal_pointer (&d);
}

static void
bus_acquired_cb (GDBusConnection *bus, const char *name, gpointer user_data)
{
  FollowupDaemon *d = user_data;
  g_autoptr (GError) error = NULL;

  d->bus = g_object_ref (bus);
  /* the bus going away is the end: exit non-zero and let systemd restart us */
  g_dbus_connection_set_exit_on_close (bus, FALSE);
  if (!followup_service_export (d->service, bus, &error))
    g_warning ("cannot export the D-Bus object: %s", error->message);
  followup_reminders_set_bus (d->reminders, bus);
}

static void
name_acquired_cb (GDBusConnection *bus, const char *name, gpointer user_data)
{
  FollowupDaemon *d = user_data;

  d->name_acquired = TRUE;
  g_message ("ready on the session bus as %s", name);
  followup_book_start (d->book);
  followup_reminders_replan (d->reminders);
  sd_notify (FALSE, "READY=1");
}

static void
name_lost_cb (GDBusConnection *bus, const char *name, gpointer user_data)
{
  FollowupDaemon *d = user_data;
  gboolean connected = bus != NULL && !g_dbus_connection_is_closed (bus);

  if (!connected && d->name_acquired)
    g_warning ("the session bus went away (the session ended or dbus-daemon stopped); "
               "exiting with an error so that systemd restarts followupd");
  else if (!connected)
    g_printerr (_ ("followupd: cannot reach the session bus; is DBUS_SESSION_BUS_ADDRESS set?\n"));
  else if (!d->name_acquired)
    g_printerr (_ ("followupd: another followupd already runs on this session bus (it owns %s); "
                   "stop it, or start this one with --replace\n"),
                name);
  else
    g_message ("replaced by another followupd; exiting");
  followup_daemon_quit (d, d->name_acquired && connected ? 0 : 1);
}

static gboolean
quit_signal_cb (gpointer user_data)
{
  followup_daemon_quit (user_data, 0);
  return G_SOURCE_CONTINUE;
}

static gboolean
reload_signal_cb (gpointer user_data)
{
  FollowupDaemon *d = user_data;

  followup_book_reload (d->book, NULL);
  return G_SOURCE_CONTINUE;
}

int
followup_daemon_run (FollowupDaemon *d, gboolean replace)
{
  GBusNameOwnerFlags flags = G_BUS_NAME_OWNER_FLAGS_ALLOW_REPLACEMENT;
  guint sources[3];

  if (replace)
    flags |= G_BUS_NAME_OWNER_FLAGS_REPLACE;
  sources[0] = g_unix_signal_add (SIGTERM, quit_signal_cb, d);
  sources[1] = g_unix_signal_add (SIGINT, quit_signal_cb, d);
  sources[2] = g_unix_signal_add (SIGHUP, reload_signal_cb, d);
  d->owner_id = g_bus_own_name (G_BUS_TYPE_SESSION, FOLLOWUP_BUS_NAME, flags, bus_acquired_cb,
                                name_acquired_cb, name_lost_cb, d, NULL);
  g_main_loop_run (d->loop);
  sd_notify (FALSE, "STOPPING=1");
  /* edits that arrived with the stop signal are saved and answered */
  followup_service_finish (d->service);
  followup_reminders_settle (d->reminders, SETTLE_MS);
  if (d->bus != NULL && !g_dbus_connection_is_closed (d->bus))
    g_dbus_connection_flush_sync (d->bus, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    g_source_remove (sources[i]);
  return d->exit_code;
}

void
followup_daemon_quit (FollowupDaemon *d, int exit_code)
{
  d->exit_code = exit_code;
  g_main_loop_quit (d->loop);
}

void
followup_daemon_free (FollowupDaemon *d)
{
  if (d == NULL)
    return;
  g_clear_handle_id (&d->owner_id, g_bus_unown_name);
  g_clear_object (&d->zone_monitor);
  if (d->book != NULL)
    g_signal_handlers_disconnect_by_data (d->book, d);
  if (d->reminders != NULL)
    g_signal_handlers_disconnect_by_data (d->reminders, d);
  g_clear_object (&d->service);
  /* the reminders go before the bus: their notifier answers its calls */
  if (d->reminders != NULL)
    g_object_run_dispose (G_OBJECT (d->reminders));
  g_clear_object (&d->reminders);
  g_clear_object (&d->book);
  g_clear_object (&d->bus);
  g_clear_pointer (&d->user_tz, g_time_zone_unref);
  g_clear_pointer (&d->loop, g_main_loop_unref);
  g_free (d);
}

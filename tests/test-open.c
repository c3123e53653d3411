/* test-open.c: tel: URIs from numbers, and opening them: through a mocked
 * desktop portal on a private bus (tests/mock-portal.py records each
 * OpenURI), through GIO's handler when no portal is there (a fake phone
 * application in a temp XDG_DATA_HOME writes down what it was given), and
 * the error when there is neither */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "followup-open.h"

#define TIMEOUT_S 10
#define PORTAL_NAME "org.freedesktop.portal.Desktop"
#define TEL "tel:+1-555-010-0100"

static char *tmp_home;  /* XDG dirs and the fake phone's output */
static char *phone_out; /* what the fake phone was asked to open */

typedef struct {
  GTestDBus *dbus;
  GDBusConnection *bus;
  GSubprocess *portal;
  char *log; /* the mock portal's calls, one JSON object a line */
} Fixture;

typedef struct {
  gboolean done;
  gboolean ok;
  GError *error;
} Result;

static void
test_tel_uri (void)
{
  static const struct {
    const char *number, *uri;
  } table[] = {
    { "+1 (555) 010-0100", "tel:+1-555-010-0100" },
    { "+1 555 0100", "tel:+1-555-0100" },
    { "  +44 20 7946 0958 ", "tel:+44-20-7946-0958" },
    /* the trunk zero is dialled at home only */
    { "+49 (0)30 5550 1234", "tel:+49-30-5550-1234" },
    { "030/5550-1234", "tel:030-5550-1234" },
    { "+33.1.23.45.67.89", "tel:+33-1-23-45-67-89" },
    /* a no-break space and an en dash, as pasted from a web page */
    { "+1\u00a0555\u2013010\u20130100", "tel:+1-555-010-0100" },
    { "+1 555 0100 x12", "tel:+1-555-0100;ext=12" },
    { "+1 555 0100, ext. 12", "tel:+1-555-0100;ext=12" },
    { "+15550100", "tel:+15550100" },
    /* not a number to dial: no Call button, the body shows it */
    { "1-800-FLOWERS", NULL },
    { "+1 555 0100 & 0101", NULL },
    { "call reception", NULL },
    { "", NULL },
    { "+", NULL },
    { "555#1", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (table); i++) {
    g_autofree char *uri = followup_open_tel_uri (table[i].number);

    g_assert_cmpstr (uri, ==, table[i].uri);
  }
}

/* iterate until *flag, failing after TIMEOUT_S: no sleeps */
static gboolean
timed_out_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_for (gboolean (*ready) (gpointer), gpointer data, const char *what)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (TIMEOUT_S, timed_out_cb, &timed_out);

  while (!ready (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("timed out waiting for %s", what);
  g_source_remove (timeout);
}

static gboolean
result_done (gpointer data)
{
  return ((Result *) data)->done;
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static void
opened_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  Result *result = user_data;

  result->ok = followup_open_uri_finish (res, &result->error);
  result->done = TRUE;
}

static void
open_and_wait (GDBusConnection *bus, const char *uri, GCancellable *cancellable, Result *result)
{
  followup_open_uri_async (bus, uri, cancellable, opened_cb, result);
  wait_for (result_done, result, "the open to finish");
}

/* the files waited on are written into tmp_home by other processes: a
 * monitor on it wakes the loop to look again */
static void
wait_in_home (gboolean (*ready) (gpointer), gpointer data, const char *what)
{
  g_autoptr (GFile) dir = g_file_new_for_path (tmp_home);
  g_autoptr (GFileMonitor) monitor =
    g_file_monitor_directory (dir, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);

  wait_for (ready, data, what);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dbus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (f->dbus);
  f->bus = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (f->dbus),
                                                   G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                     G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                   NULL, NULL, &error);
  g_assert_no_error (error);
  f->log = g_build_filename (tmp_home, "portal.log", NULL);
  g_unlink (f->log);
  g_unlink (phone_out);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  if (f->portal != NULL) {
    g_subprocess_force_exit (f->portal);
    g_subprocess_wait (f->portal, NULL, NULL);
    g_object_unref (f->portal);
  }
  g_dbus_connection_close_sync (f->bus, NULL, NULL);
  g_object_unref (f->bus);
  g_test_dbus_down (f->dbus);
  g_object_unref (f->dbus);
  g_free (f->log);
}

static void
name_appeared_cb (GDBusConnection *bus, const char *name, const char *owner, gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static void
start_portal (Fixture *f, const char *response)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *script =
    g_build_filename (g_getenv ("FOLLOWUP_SRCDIR"), "tests", "mock-portal.py", NULL);
  gboolean up = FALSE;
  guint watch;

  f->portal = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "/usr/bin/python3", script, f->log,
                                response, NULL);
  g_assert_no_error (error);
  watch = g_bus_watch_name_on_connection (f->bus, PORTAL_NAME, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                          name_appeared_cb, NULL, &up, NULL);
  wait_for (flag_set, &up, "the mock portal");
  g_bus_unwatch_name (watch);
}

/* the mock portal's log, one object per call */
static JsonArray *
portal_calls (Fixture *f)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  JsonArray *calls = json_array_new ();

  if (!g_file_get_contents (f->log, &text, NULL, NULL))
    return calls;
  lines = g_strsplit (text, "\n", -1);
  for (int i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    json_array_add_element (calls, json_from_string (lines[i], NULL));
  return calls;
}

static const char *
call_member (JsonArray *calls, guint i, const char *member)
{
  return json_object_get_string_member (json_array_get_object_element (calls, i), member);
}

static gboolean
two_calls (gpointer data)
{
  g_autoptr (JsonArray) calls = portal_calls (data);

  return json_array_get_length (calls) >= 2;
}

/* the tel: URI reaches the portal, as the argument of OpenURI; no
 * application is started by the daemon itself */
static void
test_portal (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonArray) calls = NULL;
  Result result = { 0 };

  start_portal (f, "0");
  open_and_wait (f->bus, TEL, NULL, &result);
  g_assert_no_error (result.error);
  g_assert_true (result.ok);
  calls = portal_calls (f);
  g_assert_cmpuint (json_array_get_length (calls), ==, 1);
  g_assert_cmpstr (call_member (calls, 0, "method"), ==, "OpenURI");
  g_assert_cmpstr (call_member (calls, 0, "uri"), ==, TEL);
  g_assert_cmpstr (call_member (calls, 0, "parent_window"), ==, "");
  g_assert_false (g_file_test (phone_out, G_FILE_TEST_EXISTS));
}

/* the portal's own failure is reported, not hidden by a second try */
static void
test_portal_fails (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonArray) calls = NULL;
  Result result = { 0 };

  start_portal (f, "2");
  open_and_wait (f->bus, TEL, NULL, &result);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (result.error->message, "tel:"));
  g_clear_error (&result.error);
  calls = portal_calls (f);
  g_assert_cmpuint (json_array_get_length (calls), ==, 1);
  g_assert_false (g_file_test (phone_out, G_FILE_TEST_EXISTS));
}

/* cancelled while the portal waits on the user: the chooser is closed */
static void
test_portal_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (JsonArray) calls = NULL;
  Result result = { 0 };

  start_portal (f, "never");
  followup_open_uri_async (f->bus, TEL, cancellable, opened_cb, &result);
  wait_in_home (file_exists, f->log, "OpenURI in the portal's log");
  g_assert_false (result.done);
  g_cancellable_cancel (cancellable);
  wait_for (result_done, &result, "the cancelled open");
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&result.error);
  /* Close is sent without waiting for an answer */
  wait_in_home (two_calls, f, "Close in the portal's log");
  calls = portal_calls (f);
  g_assert_cmpstr (call_member (calls, 1, "method"), ==, "Close");
  g_assert_cmpstr (call_member (calls, 1, "path"), ==, call_member (calls, 0, "handle"));
}

/* no portal on the bus: GIO's handler for tel: gets the URI */
static void
test_gio (Fixture *f, gconstpointer data)
{
  g_autofree char *got = NULL;
  Result result = { 0 };

  open_and_wait (f->bus, TEL, NULL, &result);
  g_assert_no_error (result.error);
  g_assert_true (result.ok);
  wait_in_home (file_exists, phone_out, "the fake phone");
  g_assert_true (g_file_get_contents (phone_out, &got, NULL, NULL));
  g_assert_cmpstr (got, ==, TEL);
}

/* neither a portal nor an application: a clear error */
static void
test_neither (Fixture *f, gconstpointer data)
{
  Result result = { 0 };

  open_and_wait (f->bus, "x-followup-nothing:123", NULL, &result);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (result.error->message, "x-followup-nothing: links"));
  g_assert_nonnull (strstr (result.error->message, "no desktop portal"));
  g_clear_error (&result.error);
  /* not a URI at all */
  result = (Result){ 0 };
  open_and_wait (NULL, "+1 555 0100", NULL, &result);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&result.error);
}

static void
write_file (const char *path, const char *text, int mode)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
}

/* a phone application for tel: only, in the test's own XDG dirs, set before
 * GIO first reads them */
static void
install_fake_phone (void)
{
  g_autofree char *script = g_build_filename (tmp_home, "fake-phone", NULL);
  g_autofree char *desktop =
    g_build_filename (tmp_home, "data", "applications", "fake-phone.desktop", NULL);
  g_autofree char *mimeapps = g_build_filename (tmp_home, "config", "mimeapps.list", NULL);
  g_autofree char *data_home = g_build_filename (tmp_home, "data", NULL);
  g_autofree char *config_home = g_build_filename (tmp_home, "config", NULL);
  g_autofree char *sh =
    g_strdup_printf ("#!/bin/sh\nprintf %%s \"$1\" > '%s.part' && mv '%s.part' '%s'\n", phone_out,
                     phone_out, phone_out);
  g_autofree char *entry = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Fake Phone\n"
                                            "Exec=%s %%u\nMimeType=x-scheme-handler/tel;\n",
                                            script);

  write_file (script, sh, 0755);
  write_file (desktop, entry, 0644);
  write_file (mimeapps, "[Default Applications]\nx-scheme-handler/tel=fake-phone.desktop\n", 0644);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);
  /* no system-wide handlers: a real phone app must not answer */
  g_setenv ("XDG_DATA_DIRS", tmp_home, TRUE);
  g_setenv ("XDG_CONFIG_DIRS", tmp_home, TRUE);
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL) {
    g_autofree char *child = g_build_filename (path, name, NULL);

    if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
      remove_tree (child);
    else
      g_unlink (child);
  }
  g_rmdir (path);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int status;

  tmp_home = g_dir_make_tmp ("followup-open-XXXXXX", &error);
  g_assert_no_error (error);
  phone_out = g_build_filename (tmp_home, "phone.txt", NULL);
  install_fake_phone ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/open/tel-uri", test_tel_uri);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/open/portal", test_portal);
  ADD ("/open/portal/fails", test_portal_fails);
  ADD ("/open/portal/cancel", test_portal_cancel);
  ADD ("/open/gio", test_gio);
  ADD ("/open/neither", test_neither);
  status = g_test_run ();
  remove_tree (tmp_home);
  return status;
}

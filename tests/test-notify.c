/* test-notify.c: the notifier against a fake notification server on a
 * private bus (GTestDBus)
 *
 * the fake lives in this process on a second connection and answers from the
 * same main loop the notifier uses, so every wait below iterates that loop
 * until a condition holds, failing after WAIT_SECONDS; nothing sleeps */
#include "config.h"

#include <string.h>

#include "followup-notify.h"

#define NOTIFY_NAME "org.freedesktop.Notifications"
#define NOTIFY_PATH "/org/freedesktop/Notifications"
#define NOTIFY_IFACE "org.freedesktop.Notifications"
#define WAIT_SECONDS 20
#define SHORT_TIMEOUT_MS 300

static const char fake_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "    <method name='Notify'>"
  "      <arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "      <arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "    </method>"
  "    <signal name='NotificationClosed'><arg type='u'/><arg type='u'/></signal>"
  "    <signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
  "  </interface>"
  "</node>";

static const char *const caps_full[] = { "actions", "body", "body-markup", NULL };
static const char *const caps_plain[] = { "actions", "body", NULL };
static const char *const caps_bare[] = { "body", NULL };

static const char *const call_actions[] = {
  "reached",     "Called: reached",       "voicemail", "Left voicemail",
  "next-window", "Snooze to next window", NULL,
};

typedef struct {
  GDBusConnection *conn;
  guint registration;
  const char *const *caps;
  gboolean hang;     /* keep invocations without replying */
  GPtrArray *notify; /* GVariant, the parameters of each Notify */
  GArray *closed;    /* guint32, each CloseNotification */
  GPtrArray *held;   /* GDBusMethodInvocation never answered */
  guint32 next_id;
} FakeServer;

typedef struct {
  char *tag;
  gboolean shown;
  char *error;
} Result;

typedef struct {
  GTestDBus *dbus;
  GDBusConnection *client;
  FollowupNotifier *notifier;
  FakeServer *fake;
  GPtrArray *actions; /* "tag key" */
  GPtrArray *results; /* Result */
  guint present;      /* on_server (TRUE) calls */
  guint absent;       /* on_server (FALSE) calls */
  guint ticks;
} Fixture;

static void
result_free (gpointer data)
{
  Result *r = data;

  g_free (r->tag);
  g_free (r->error);
  g_free (r);
}

static gboolean
wait_timed_out_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* iterate the main loop until cond holds; a test that never gets there fails */
#define wait_for(cond)                                                                    \
  G_STMT_START                                                                            \
  {                                                                                       \
    gboolean timed_out_ = FALSE;                                                          \
    guint source_ = g_timeout_add_seconds (WAIT_SECONDS, wait_timed_out_cb, &timed_out_); \
    while (!(cond) && !timed_out_)                                                        \
      g_main_context_iteration (NULL, TRUE);                                              \
    if (!timed_out_)                                                                      \
      g_source_remove (source_);                                                          \
    if (!(cond))                                                                          \
      g_error ("%s:%d: timed out waiting for %s", __FILE__, __LINE__, #cond);             \
  }                                                                                       \
  G_STMT_END

/* run what is ready now (idles, cancellations) without waiting for more */
static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GDBusConnection *
connect_bus (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  GDBusConnection *conn;

  conn = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (f->dbus),
                                                 G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                   G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                 NULL, NULL, &error);
  g_assert_no_error (error);
  return conn;
}

/* the last reference may go in the GDBus worker thread: wake the loop */
static void
bus_finalized_cb (gpointer data, GObject *where_the_object_was)
{
  g_atomic_int_set ((gint *) data, TRUE);
  g_main_context_wakeup (NULL);
}

/* calls still in flight hold the connection; a closed one fails them from
 * the main loop, so iterate until the last reference is gone */
static void
release_bus (GDBusConnection **conn)
{
  gint gone = FALSE;

  g_object_weak_ref (G_OBJECT (*conn), bus_finalized_cb, &gone);
  g_clear_object (conn);
  wait_for (g_atomic_int_get (&gone));
}

static void
fake_hold_or_return (FakeServer *fake, GDBusMethodInvocation *inv, GVariant *reply)
{
  if (fake->hang) {
    g_variant_unref (g_variant_ref_sink (reply));
    g_ptr_array_add (fake->held, inv);
    return;
  }
  g_dbus_method_invocation_return_value (inv, reply);
}

static void
fake_notify (FakeServer *fake, GVariant *params, GDBusMethodInvocation *inv)
{
  guint32 replaces_id, id;

  g_ptr_array_add (fake->notify, g_variant_ref (params));
  g_variant_get_child (params, 1, "u", &replaces_id);
  id = replaces_id != 0 ? replaces_id : fake->next_id++;
  fake_hold_or_return (fake, inv, g_variant_new ("(u)", id));
}

static void
fake_close (FakeServer *fake, GVariant *params, GDBusMethodInvocation *inv)
{
  guint32 id;

  g_variant_get (params, "(u)", &id);
  g_array_append_val (fake->closed, id);
  /* as real servers do: reason 3, closed by a call to CloseNotification */
  g_dbus_connection_emit_signal (fake->conn, NULL, NOTIFY_PATH, NOTIFY_IFACE, "NotificationClosed",
                                 g_variant_new ("(uu)", id, 3), NULL);
  g_dbus_method_invocation_return_value (inv, NULL);
}

static void
fake_method_call (GDBusConnection *conn, const char *sender, const char *path, const char *iface,
                  const char *method, GVariant *params, GDBusMethodInvocation *inv,
                  gpointer user_data)
{
  FakeServer *fake = user_data;

  if (g_str_equal (method, "GetCapabilities"))
    fake_hold_or_return (fake, inv, g_variant_new ("(^as)", fake->caps));
  else if (g_str_equal (method, "Notify"))
    fake_notify (fake, params, inv);
  else if (g_str_equal (method, "CloseNotification"))
    fake_close (fake, params, inv);
  else
    g_dbus_method_invocation_return_value (inv, g_variant_new ("(ssss)", "fake", "followup-tests",
                                                               "1.0", "1.2"));
}

static const GDBusInterfaceVTable fake_vtable = { fake_method_call, NULL, NULL, { 0 } };

static void
fake_own_name (FakeServer *fake)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  guint32 result;

  reply = g_dbus_connection_call_sync (fake->conn, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", NOTIFY_NAME, 4 /* DO_NOT_QUEUE */),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &result);
  g_assert_cmpuint (result, ==, 1 /* PRIMARY_OWNER */);
}

/* the object is exported before the name is taken, so no call finds it half-made */
static void
fake_start (Fixture *f, const char *const *caps, gboolean hang)
{
  g_autoptr (GDBusNodeInfo) node = NULL;
  g_autoptr (GError) error = NULL;
  FakeServer *fake = g_new0 (FakeServer, 1);

  node = g_dbus_node_info_new_for_xml (fake_xml, &error);
  g_assert_no_error (error);
  fake->conn = connect_bus (f);
  fake->caps = caps;
  fake->hang = hang;
  fake->notify = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  fake->closed = g_array_new (FALSE, FALSE, sizeof (guint32));
  fake->held = g_ptr_array_new ();
  fake->next_id = 1;
  fake->registration = g_dbus_connection_register_object (fake->conn, NOTIFY_PATH,
                                                          node->interfaces[0], &fake_vtable, fake,
                                                          NULL, &error);
  g_assert_no_error (error);
  fake_own_name (fake);
  f->fake = fake;
}

static void
fake_stop (Fixture *f)
{
  FakeServer *fake = g_steal_pointer (&f->fake);
  g_autoptr (GError) error = NULL;

  if (fake == NULL)
    return;
  for (guint i = 0; i < fake->held->len; i++)
    g_dbus_method_invocation_return_dbus_error (g_ptr_array_index (fake->held, i),
                                                "org.freedesktop.DBus.Error.Failed", "stopped");
  g_dbus_connection_unregister_object (fake->conn, fake->registration);
  /* leaving the bus drops the name, as a crashed server would */
  g_dbus_connection_close_sync (fake->conn, NULL, &error);
  g_assert_no_error (error);
  release_bus (&fake->conn);
  g_ptr_array_unref (fake->notify);
  g_array_unref (fake->closed);
  g_ptr_array_unref (fake->held);
  g_free (fake);
}

static void
on_action (const char *tag, const char *key, gpointer user_data)
{
  Fixture *f = user_data;

  g_ptr_array_add (f->actions, g_strdup_printf ("%s %s", tag, key));
}

static void
on_server (gboolean present, gpointer user_data)
{
  Fixture *f = user_data;

  if (present)
    f->present++;
  else
    f->absent++;
}

static void
on_done (const char *tag, gboolean shown, const char *error_message, gpointer user_data)
{
  Fixture *f = user_data;
  Result *r = g_new0 (Result, 1);

  r->tag = g_strdup (tag);
  r->shown = shown;
  r->error = g_strdup (error_message);
  g_ptr_array_add (f->results, r);
}

static gboolean
tick_cb (gpointer user_data)
{
  Fixture *f = user_data;

  f->ticks++;
  return G_SOURCE_CONTINUE;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->dbus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (f->dbus);
  f->client = connect_bus (f);
  f->actions = g_ptr_array_new_with_free_func (g_free);
  f->results = g_ptr_array_new_with_free_func (result_free);
  f->notifier = followup_notifier_new (f->client, on_action, on_server, f);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&f->notifier, followup_notifier_free);
  /* let cancelled calls and the unwatch finish, so nothing is left to leak */
  drain ();
  fake_stop (f);
  drain ();
  g_dbus_connection_close_sync (f->client, NULL, &error);
  g_assert_no_error (error);
  release_bus (&f->client);
  g_test_dbus_down (f->dbus);
  g_object_unref (f->dbus);
  g_ptr_array_unref (f->actions);
  g_ptr_array_unref (f->results);
}

static void
start_server (Fixture *f, const char *const *caps)
{
  fake_start (f, caps, FALSE);
  wait_for (followup_notifier_has_server (f->notifier));
}

static Result *
show_and_wait (Fixture *f, const char *tag, const char *body, const char *const *actions)
{
  guint before = f->results->len;

  followup_notifier_show (f->notifier, tag, "Call Jane Doe at Acme Corp", body, actions,
                          FOLLOWUP_NOTIFY_NONE, on_done, f);
  /* never from inside show: done comes from the main loop */
  g_assert_cmpuint (f->results->len, ==, before);
  wait_for (f->results->len > before);
  g_assert_cmpuint (f->results->len, ==, before + 1);
  return g_ptr_array_index (f->results, before);
}

static void
assert_shown (Result *r, const char *tag)
{
  g_assert_cmpstr (r->tag, ==, tag);
  g_assert_cmpstr (r->error, ==, NULL);
  g_assert_true (r->shown);
}

static GVariant *
last_notify (Fixture *f)
{
  g_assert_cmpuint (f->fake->notify->len, >, 0);
  return g_ptr_array_index (f->fake->notify, f->fake->notify->len - 1);
}

static guint32
last_replaces_id (Fixture *f)
{
  guint32 replaces_id;

  g_variant_get_child (last_notify (f), 1, "u", &replaces_id);
  return replaces_id;
}

static char *
last_body (Fixture *f)
{
  char *body;

  g_variant_get_child (last_notify (f), 4, "s", &body);
  return body;
}

static void
assert_hints (GVariant *hints)
{
  g_autoptr (GVariantDict) dict = g_variant_dict_new (hints);
  const char *s;
  guint8 urgency;

  g_assert_true (g_variant_dict_lookup (dict, "desktop-entry", "&s", &s));
  g_assert_cmpstr (s, ==, "org.followup.Followup");
  g_assert_true (g_variant_dict_lookup (dict, "category", "&s", &s));
  g_assert_cmpstr (s, ==, "x-followup.reminder");
  g_assert_true (g_variant_dict_lookup (dict, "urgency", "y", &urgency));
  g_assert_cmpuint (urgency, ==, 1);
}

static void
test_show_arguments (Fixture *f, gconstpointer data)
{
  g_autofree const char **actions = NULL;
  g_autoptr (GVariant) hints = NULL;
  const char *app_name, *icon, *summary, *body;
  guint32 replaces_id;
  gint32 expire;

  start_server (f, caps_full);
  assert_shown (show_and_wait (f, "acme-call", "Until 11:00. +1 555 0100", call_actions),
                "acme-call");

  g_assert_cmpuint (f->fake->notify->len, ==, 1);
  g_variant_get (last_notify (f), "(&su&s&s&s^a&s@a{sv}i)", &app_name, &replaces_id, &icon,
                 &summary, &body, &actions, &hints, &expire);
  g_assert_cmpstr (app_name, ==, "followup");
  g_assert_cmpuint (replaces_id, ==, 0);
  g_assert_cmpstr (icon, ==, "org.followup.Followup");
  g_assert_cmpstr (summary, ==, "Call Jane Doe at Acme Corp");
  g_assert_cmpstr (body, ==, "Until 11:00. +1 555 0100");
  g_assert_cmpstrv (actions, call_actions);
  assert_hints (hints);
  g_assert_cmpint (expire, ==, -1);
}

static void
test_markup_escaped (Fixture *f, gconstpointer data)
{
  g_autofree char *body = NULL;

  start_server (f, caps_full);
  assert_shown (show_and_wait (f, "acme", "<b>Jane</b> & Co %s%n", NULL), "acme");
  body = last_body (f);
  g_assert_cmpstr (body, ==, "&lt;b&gt;Jane&lt;/b&gt; &amp; Co %s%n");
}

static void
test_markup_plain (Fixture *f, gconstpointer data)
{
  g_autofree char *body = NULL;

  start_server (f, caps_plain);
  assert_shown (show_and_wait (f, "acme", "<b>Jane</b> & Co %s%n", NULL), "acme");
  body = last_body (f);
  g_assert_cmpstr (body, ==, "<b>Jane</b> & Co %s%n");
}

static void
test_no_actions_capability (Fixture *f, gconstpointer data)
{
  g_autoptr (GVariant) actions = NULL;

  start_server (f, caps_bare);
  assert_shown (show_and_wait (f, "acme", "body", call_actions), "acme");
  actions = g_variant_get_child_value (last_notify (f), 5);
  g_assert_cmpuint (g_variant_n_children (actions), ==, 0);
}

static void
server_emit (Fixture *f, const char *signal, GVariant *params)
{
  g_autoptr (GError) error = NULL;

  g_dbus_connection_emit_signal (f->fake->conn, NULL, NOTIFY_PATH, NOTIFY_IFACE, signal, params,
                                 &error);
  g_assert_no_error (error);
}

static guint32
show_and_get_id (Fixture *f, const char *tag, const char *const *actions)
{
  guint32 id = f->fake->next_id;

  assert_shown (show_and_wait (f, tag, "body", actions), tag);
  g_assert_cmpuint (f->fake->next_id, ==, id + 1);
  return id;
}

static void
test_action_invoked (Fixture *f, gconstpointer data)
{
  guint32 id;

  start_server (f, caps_full);
  id = show_and_get_id (f, "acme-call", call_actions);

  /* signals from one sender arrive in order: once the last is seen, the
   * ones before it were seen and dropped */
  server_emit (f, "ActionInvoked", g_variant_new ("(us)", id, "default"));
  server_emit (f, "ActionInvoked", g_variant_new ("(us)", id, "done"));
  server_emit (f, "ActionInvoked", g_variant_new ("(us)", id + 100, "reached"));
  server_emit (f, "ActionInvoked", g_variant_new ("(us)", id, "voicemail"));
  wait_for (f->actions->len > 0);
  drain ();
  g_assert_cmpuint (f->actions->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->actions, 0), ==, "acme-call voicemail");
}

static void
test_action_default_offered (Fixture *f, gconstpointer data)
{
  const char *const actions[] = { "default", "Open", "done", "Done", NULL };
  guint32 id;

  start_server (f, caps_full);
  id = show_and_get_id (f, "acme-email", actions);
  server_emit (f, "ActionInvoked", g_variant_new ("(us)", id, "default"));
  wait_for (f->actions->len > 0);
  g_assert_cmpstr (g_ptr_array_index (f->actions, 0), ==, "acme-email default");
}

/* a unicast signal skips the bus's sender match rule; only the owner counts */
static void
test_action_spoofed (Fixture *f, gconstpointer data)
{
  g_autoptr (GDBusConnection) spoofer = NULL;
  g_autoptr (GVariant) pong = NULL;
  g_autoptr (GError) error = NULL;
  const char *client = g_dbus_connection_get_unique_name (f->client);
  guint32 id;

  start_server (f, caps_full);
  id = show_and_get_id (f, "acme-call", call_actions);
  spoofer = connect_bus (f);
  g_dbus_connection_emit_signal (spoofer, client, NOTIFY_PATH, NOTIFY_IFACE, "ActionInvoked",
                                 g_variant_new ("(us)", id, "reached"), &error);
  g_assert_no_error (error);
  /* the reply comes after the client read the signal: it is queued by now */
  pong = g_dbus_connection_call_sync (spoofer, client, "/", "org.freedesktop.DBus.Peer", "Ping",
                                      NULL, NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  drain ();
  g_assert_cmpuint (f->actions->len, ==, 0);

  server_emit (f, "ActionInvoked", g_variant_new ("(us)", id, "reached"));
  wait_for (f->actions->len > 0);
  g_assert_cmpstr (g_ptr_array_index (f->actions, 0), ==, "acme-call reached");
  g_dbus_connection_close_sync (spoofer, NULL, NULL);
}

static void
test_replaces (Fixture *f, gconstpointer data)
{
  guint32 first;

  start_server (f, caps_full);
  first = show_and_get_id (f, "acme-call", call_actions);
  g_assert_cmpuint (last_replaces_id (f), ==, 0);

  assert_shown (show_and_wait (f, "acme-call", "later", call_actions), "acme-call");
  g_assert_cmpuint (last_replaces_id (f), ==, first);

  show_and_get_id (f, "other", NULL);
  g_assert_cmpuint (last_replaces_id (f), ==, 0);

  /* once the server closed it, the tag starts afresh */
  server_emit (f, "NotificationClosed", g_variant_new ("(uu)", first, 2));
  assert_shown (show_and_wait (f, "other", "body", NULL), "other");
  g_assert_cmpuint (last_replaces_id (f), !=, 0);
  assert_shown (show_and_wait (f, "acme-call", "again", call_actions), "acme-call");
  g_assert_cmpuint (last_replaces_id (f), ==, 0);
}

static void
test_close (Fixture *f, gconstpointer data)
{
  guint32 id;

  start_server (f, caps_full);
  id = show_and_get_id (f, "acme-call", call_actions);
  followup_notifier_close (f->notifier, "acme-call");
  wait_for (f->fake->closed->len > 0);
  g_assert_cmpuint (g_array_index (f->fake->closed, guint32, 0), ==, id);

  /* a closed tag is forgotten: no click maps to it, the next show is new */
  server_emit (f, "ActionInvoked", g_variant_new ("(us)", id, "reached"));
  show_and_get_id (f, "acme-call", call_actions);
  g_assert_cmpuint (last_replaces_id (f), ==, 0);
  g_assert_cmpuint (f->actions->len, ==, 0);
}

static void
test_close_in_flight (Fixture *f, gconstpointer data)
{
  start_server (f, caps_full);
  followup_notifier_show (f->notifier, "acme-call", "Call", "body", NULL, FOLLOWUP_NOTIFY_NONE,
                          on_done, f);
  followup_notifier_close (f->notifier, "acme-call");
  wait_for (f->fake->closed->len > 0 && f->results->len > 0);
  assert_shown (g_ptr_array_index (f->results, 0), "acme-call");
  g_assert_cmpuint (g_array_index (f->fake->closed, guint32, 0), ==, 1);
}

static void
test_no_server (Fixture *f, gconstpointer data)
{
  Result *r;
  gint64 start;

  /* a long timeout: failing fast must not depend on it */
  followup_notifier_set_timeout (f->notifier, 60000);
  wait_for (f->absent == 1);
  g_assert_false (followup_notifier_has_server (f->notifier));
  g_assert_cmpuint (f->present, ==, 0);

  start = g_get_monotonic_time ();
  r = show_and_wait (f, "acme-call", "body", call_actions);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_assert_cmpstr (r->tag, ==, "acme-call");
  g_assert_false (r->shown);
  g_assert_cmpstr (r->error, ==, "no notification server");
}

static void
test_server_appears_later (Fixture *f, gconstpointer data)
{
  wait_for (f->absent == 1);
  g_assert_cmpuint (f->present, ==, 0);

  start_server (f, caps_full);
  g_assert_cmpuint (f->present, ==, 1);
  assert_shown (show_and_wait (f, "acme-call", "body", NULL), "acme-call");

  fake_stop (f);
  wait_for (f->absent == 2);
  g_assert_false (followup_notifier_has_server (f->notifier));

  start_server (f, caps_full);
  g_assert_cmpuint (f->present, ==, 2);
  /* a new server knows none of the old ids: nothing to replace */
  show_and_get_id (f, "acme-call", NULL);
  g_assert_cmpuint (last_replaces_id (f), ==, 0);
}

/* the server took the call and went quiet: done (FALSE) after the timeout,
 * and the loop kept running all along */
static void
assert_times_out (Fixture *f, guint held)
{
  guint source = g_timeout_add (10, tick_cb, f);
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed_ms;
  Result *r;

  followup_notifier_show (f->notifier, "acme-call", "Call", "body", call_actions,
                          FOLLOWUP_NOTIFY_NONE, on_done, f);
  wait_for (f->results->len > 0);
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  g_source_remove (source);

  r = g_ptr_array_index (f->results, 0);
  g_assert_false (r->shown);
  g_assert_nonnull (strstr (r->error, "timed out"));
  g_assert_cmpint (elapsed_ms, >=, SHORT_TIMEOUT_MS - 50);
  /* ~30 ticks when idle; a third of that even under valgrind */
  g_assert_cmpuint (f->ticks, >=, 10);
  g_assert_cmpuint (f->fake->held->len, ==, held);
}

static void
test_hung_notify (Fixture *f, gconstpointer data)
{
  start_server (f, caps_full);
  f->fake->hang = TRUE;
  followup_notifier_set_timeout (f->notifier, SHORT_TIMEOUT_MS);
  assert_times_out (f, 1);
}

static void
test_hung_capabilities (Fixture *f, gconstpointer data)
{
  followup_notifier_set_timeout (f->notifier, SHORT_TIMEOUT_MS);
  fake_start (f, caps_full, TRUE);
  /* a server that never answers GetCapabilities still counts as there */
  wait_for (f->present == 1);
  g_assert_cmpuint (f->fake->held->len, ==, 1);
  /* so the show asks again, and that hangs too */
  assert_times_out (f, 2);
}

static void
test_free_in_flight (Fixture *f, gconstpointer data)
{
  Result *r;

  start_server (f, caps_full);
  f->fake->hang = TRUE;
  followup_notifier_show (f->notifier, "acme-call", "Call", "body", NULL, FOLLOWUP_NOTIFY_NONE,
                          on_done, f);
  wait_for (f->fake->held->len == 1);
  g_assert_cmpuint (f->results->len, ==, 0);

  g_clear_pointer (&f->notifier, followup_notifier_free);
  g_assert_cmpuint (f->results->len, ==, 1);
  r = g_ptr_array_index (f->results, 0);
  g_assert_false (r->shown);
  g_assert_cmpstr (r->error, ==, "notifier freed");

  /* the late reply and the cancellation reach nobody */
  fake_stop (f);
  drain ();
  g_assert_cmpuint (f->results->len, ==, 1);
}

/* freed before the first GetCapabilities came back, and before the watch
 * reported anything */
static void
test_free_at_once (Fixture *f, gconstpointer data)
{
  g_autoptr (FollowupNotifier) n = NULL;

  start_server (f, caps_full);
  n = followup_notifier_new (f->client, on_action, on_server, f);
  followup_notifier_show (n, "acme-call", "Call", "body", call_actions, FOLLOWUP_NOTIFY_NONE,
                          on_done, f);
  g_clear_pointer (&n, followup_notifier_free);
  g_assert_cmpuint (f->results->len, ==, 1);
  drain ();
  g_assert_cmpuint (f->results->len, ==, 1);
  g_assert_cmpuint (f->present, ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/notify/show/arguments", test_show_arguments);
  ADD ("/notify/show/markup-escaped", test_markup_escaped);
  ADD ("/notify/show/markup-plain", test_markup_plain);
  ADD ("/notify/show/no-actions-capability", test_no_actions_capability);
  ADD ("/notify/show/replaces", test_replaces);
  ADD ("/notify/close/shown", test_close);
  ADD ("/notify/close/in-flight", test_close_in_flight);
  ADD ("/notify/action/invoked", test_action_invoked);
  ADD ("/notify/action/default-offered", test_action_default_offered);
  ADD ("/notify/action/spoofed-sender", test_action_spoofed);
  ADD ("/notify/server/none", test_no_server);
  ADD ("/notify/server/appears-later", test_server_appears_later);
  ADD ("/notify/hung/notify", test_hung_notify);
  ADD ("/notify/hung/capabilities", test_hung_capabilities);
  ADD ("/notify/free/in-flight", test_free_in_flight);
  ADD ("/notify/free/at-once", test_free_at_once);
#undef ADD

  return g_test_run ();
}

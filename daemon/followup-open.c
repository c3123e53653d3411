/* followup-open.c: tel: and mailto: to the desktop, portal first
 *
 * the portal's OpenURI answers with a request object at once and says how
 * it went later, in that object's Response signal; the subscription is made
 * before the call, on the path the portal will use for our handle_token, so
 * a Response sent right after the reply is never missed */
#include "config.h"

#define G_LOG_DOMAIN "followup-open"

#include <string.h>

#include "followup-i18n.h"
#include "followup-open.h"

#define PORTAL_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_PATH "/org/freedesktop/portal/desktop"
#define OPENURI_IFACE "org.freedesktop.portal.OpenURI"
#define REQUEST_IFACE "org.freedesktop.portal.Request"
#define TIMEOUT_MS 5000

typedef struct {
  GDBusConnection *bus;
  char *uri;
  char *scheme;
  char *handle;     /* the portal's request object, NULL until known */
  guint response;   /* the Response subscription, 0 when none */
  GSource *on_stop; /* fires when the cancellable is cancelled */
  gboolean done;
} OpenCall;

static void
open_call_free (gpointer data)
{
  OpenCall *call = data;

  g_assert (call->response == 0 && call->on_stop == NULL);
  g_clear_object (&call->bus);
  g_free (call->uri);
  g_free (call->scheme);
  g_free (call->handle);
  g_free (call);
}

/* every way out goes through here, once: the task may be finished by the
 * Response, the reply, GIO or the cancellable, whichever is first */
static void
open_call_end (GTask *task, GError *error)
{
  g_autoptr (GTask) keep = g_object_ref (task); /* the subscription may hold the last ref */
  OpenCall *call = g_task_get_task_data (task);

  if (call->done) {
    g_clear_error (&error);
    return;
  }
  call->done = TRUE;
  if (call->response != 0)
    g_dbus_connection_signal_unsubscribe (call->bus, call->response);
  call->response = 0;
  if (call->on_stop != NULL)
    g_source_destroy (call->on_stop);
  g_clear_pointer (&call->on_stop, g_source_unref);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
gio_launched_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  OpenCall *call = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  if (!g_app_info_launch_uris_finish (G_APP_INFO (source), res, &error)) {
    open_call_end (task, g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                                      _ ("%s could not open the %s: link: %s"),
                                      g_app_info_get_display_name (G_APP_INFO (source)),
                                      call->scheme, error->message));
    return;
  }
  g_debug ("%s: link opened with %s", call->scheme,
           g_app_info_get_display_name (G_APP_INFO (source)));
  open_call_end (task, NULL);
}

/* no portal: the handler is GIO's default for the scheme, started as our
 * child (inside the daemon's sandbox, which is why the portal comes first) */
static void
open_with_gio (GTask *task)
{
  OpenCall *call = g_task_get_task_data (task);
  g_autoptr (GAppInfo) app = g_app_info_get_default_for_uri_scheme (call->scheme);
  GList uris = { call->uri, NULL, NULL };

  if (app == NULL) {
    open_call_end (task, g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                      _ ("nothing opens %s: links: there is no desktop portal, "
                                         "and no application is set to handle them"),
                                      call->scheme));
    return;
  }
  g_app_info_launch_uris_async (app, &uris, NULL, g_task_get_cancellable (task), gio_launched_cb,
                                g_object_ref (task));
}

/* the portal is not on the bus (or is too old to have OpenURI) */
static gboolean
portal_absent (const GError *error)
{
  return g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_INTERFACE) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT);
}

static void
response_cb (GDBusConnection *bus, const char *sender, const char *path, const char *iface,
             const char *signal, GVariant *params, gpointer user_data)
{
  GTask *task = user_data;
  OpenCall *call = g_task_get_task_data (task);
  guint32 response;

  if (!g_variant_is_of_type (params, G_VARIANT_TYPE ("(ua{sv})")))
    return;
  g_variant_get (params, "(u@a{sv})", &response, NULL);
  g_debug ("the portal answered %u for the %s: link", response, call->scheme);
  /* 0 done, 1 the user closed the chooser, 2 anything else */
  if (response == 0)
    open_call_end (task, NULL);
  else if (response == 1)
    open_call_end (task, g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                      _ ("the %s: link was not opened: the chooser was closed"),
                                      call->scheme));
  else
    open_call_end (task, g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                                      _ ("the desktop portal could not open the %s: link (is an "
                                         "application set to handle it?)"),
                                      call->scheme));
}

static void
subscribe_response (GTask *task, const char *handle)
{
  OpenCall *call = g_task_get_task_data (task);

  if (call->response != 0)
    g_dbus_connection_signal_unsubscribe (call->bus, call->response);
  g_free (call->handle);
  call->handle = g_strdup (handle);
  call->response = g_dbus_connection_signal_subscribe (call->bus, PORTAL_NAME, REQUEST_IFACE,
                                                       "Response", handle, NULL,
                                                       G_DBUS_SIGNAL_FLAGS_NONE, response_cb,
                                                       g_object_ref (task), g_object_unref);
}

static void
open_uri_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  OpenCall *call = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  const char *handle;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), res, &error);
  if (call->done)
    return;
  if (reply == NULL && portal_absent (error)) {
    g_debug ("no desktop portal (%s); opening the %s: link with GIO", error->message, call->scheme);
    if (call->response != 0)
      g_dbus_connection_signal_unsubscribe (call->bus, call->response);
    call->response = 0;
    open_with_gio (task);
    return;
  }
  if (reply == NULL) {
    g_dbus_error_strip_remote_error (error);
    g_prefix_error (&error, _ ("the desktop portal could not open the %s: link: "), call->scheme);
    open_call_end (task, g_steal_pointer (&error));
    return;
  }
  /* portals before 0.9 made up their own path: listen there instead */
  g_variant_get (reply, "(&o)", &handle);
  if (g_strcmp0 (handle, call->handle) != 0)
    subscribe_response (task, handle);
}

/* the path the portal makes for our token: our unique name without the
 * colon, dots as underscores */
static char *
request_path (GDBusConnection *bus, const char *token)
{
  const char *unique = g_dbus_connection_get_unique_name (bus);
  g_autofree char *sender = NULL;

  if (unique == NULL)
    return NULL;
  sender = g_strdup (unique + (unique[0] == ':'));
  g_strdelimit (sender, ".", '_');
  return g_strdup_printf (PORTAL_PATH "/request/%s/%s", sender, token);
}

static void
open_with_portal (GTask *task)
{
  static guint counter; /* a token per request: the portal's path must be new */
  OpenCall *call = g_task_get_task_data (task);
  g_autofree char *token = g_strdup_printf ("followup%u", ++counter);
  g_autofree char *path = request_path (call->bus, token);
  GVariantBuilder options;

  if (path != NULL)
    subscribe_response (task, path);
  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  /* the portal is D-Bus activated: auto-start allowed */
  g_dbus_connection_call (call->bus, PORTAL_NAME, PORTAL_PATH, OPENURI_IFACE, "OpenURI",
                          g_variant_new ("(ss@a{sv})", "", call->uri,
                                         g_variant_builder_end (&options)),
                          G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, TIMEOUT_MS,
                          g_task_get_cancellable (task), open_uri_cb, g_object_ref (task));
}

/* cancelled while the portal's chooser is up: take the chooser down too */
static gboolean
stopped_cb (GCancellable *cancellable, gpointer user_data)
{
  GTask *task = user_data;
  OpenCall *call = g_task_get_task_data (task);

  if (call->handle != NULL && call->response != 0)
    g_dbus_connection_call (call->bus, PORTAL_NAME, call->handle, REQUEST_IFACE, "Close", NULL,
                            NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START, TIMEOUT_MS, NULL, NULL, NULL);
  open_call_end (task, g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                    _ ("opening the %s: link was cancelled"), call->scheme));
  return G_SOURCE_REMOVE;
}

void
followup_open_uri_async (GDBusConnection *bus, const char *uri, GCancellable *cancellable,
                         GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  OpenCall *call;

  g_return_if_fail (bus == NULL || G_IS_DBUS_CONNECTION (bus));
  g_return_if_fail (uri != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, followup_open_uri_async);
  call = g_new0 (OpenCall, 1);
  call->bus = bus ? g_object_ref (bus) : NULL;
  call->uri = g_strdup (uri);
  call->scheme = g_uri_parse_scheme (uri);
  g_task_set_task_data (task, call, open_call_free);
  if (call->scheme == NULL) {
    open_call_end (task,
                   g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "“%s” is not a URI", uri));
    return;
  }
  if (cancellable != NULL) {
    call->on_stop = g_cancellable_source_new (cancellable);
    /* the source holds no ref: open_call_end destroys it before the task goes */
    g_source_set_callback (call->on_stop, G_SOURCE_FUNC (stopped_cb), task, NULL);
    g_source_attach (call->on_stop, g_main_context_get_thread_default ());
  }
  if (bus == NULL)
    open_with_gio (task);
  else
    open_with_portal (task);
}

gboolean
followup_open_uri_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == followup_open_uri_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* what people put between digit groups: spaces of any kind, dashes of any
 * kind, dots, slashes ("030/1234"), brackets */
static gboolean
is_separator (gunichar c)
{
  return g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_DASH_PUNCTUATION ||
         strchr (".()/", c) != NULL;
}

/* "+49 (0)30 …": the bracketed trunk prefix is dialled at home only, never
 * after a country code */
static const char *
skip_trunk_zero (const char *p)
{
  return g_str_has_prefix (p, "(0)") ? p + 3 : p;
}

/* the number's digits, runs of separators as one "-" between them (RFC
 * 3966's visual separator: spaces are not allowed in a tel: URI); NULL
 * for anything else in it */
static char *
tel_digits (const char *text, gboolean global)
{
  g_autoptr (GString) out = g_string_new (NULL);
  gboolean gap = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p)) {
    gunichar c = g_utf8_get_char (p);
    int digit = g_unichar_digit_value (c);

    if (global && *p == '(' && skip_trunk_zero (p) != p) {
      p = skip_trunk_zero (p) - 1;
      gap = TRUE;
    } else if (digit >= 0) {
      if (gap && out->len > 0)
        g_string_append_c (out, '-');
      g_string_append_c (out, '0' + digit);
      gap = FALSE;
    } else if (is_separator (c)) {
      gap = TRUE;
    } else {
      return NULL;
    }
  }
  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

/* a local number ("030 5550 1234") gets no ;phone-context=: we cannot know
 * the user's, and the phone that dials it (GNOME Calls, KDE Connect,
 * GSConnect) reads it as the user would. An extension ("x12", "ext. 12")
 * becomes ;ext=12 */
char *
followup_open_tel_uri (const char *number)
{
  g_autoptr (GRegex) ext_re =
    g_regex_new ("^(.*?)[\\s,;]*(?:ext(?:ension)?\\.?|x|;ext=)\\s*(\\d+)\\s*$", G_REGEX_CASELESS, 0,
                 NULL);
  g_autoptr (GMatchInfo) match = NULL;
  g_autofree char *main_part = NULL;
  g_autofree char *ext = NULL;
  g_autofree char *digits = NULL;
  const char *p;
  gboolean global;

  g_return_val_if_fail (number != NULL, NULL);

  if (!g_utf8_validate (number, -1, NULL))
    return NULL;
  if (g_regex_match (ext_re, number, 0, &match)) {
    main_part = g_match_info_fetch (match, 1);
    ext = g_match_info_fetch (match, 2);
  } else {
    main_part = g_strdup (number);
  }
  p = g_strstrip (main_part);
  global = *p == '+';
  digits = tel_digits (p + global, global);
  if (digits == NULL)
    return NULL;
  return g_strconcat ("tel:", global ? "+" : "", digits, ext ? ";ext=" : "", ext, NULL);
}

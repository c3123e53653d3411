/* followup-notify.c: the desktop notifications spec spoken directly, async
 *
 * every call to the server is a g_dbus_connection_call with a short timeout,
 * so a hung server costs a failed show, never a frozen main loop. the server's
 * ids are kept only to map clicks back to tags and to replace by tag; they are
 * forgotten when the server closes a notification or leaves the bus */
#include "config.h"

#define G_LOG_DOMAIN "followup-notify"

#include <string.h>

#include "followup-i18n.h"
#include "followup-notify.h"

#define NOTIFY_NAME "org.freedesktop.Notifications"
#define NOTIFY_PATH "/org/freedesktop/Notifications"
#define NOTIFY_IFACE "org.freedesktop.Notifications"
#define APP_NAME "followup"
#define CATEGORY "x-followup.reminder"
#define DEFAULT_TIMEOUT_MS 5000
#define URGENCY_NORMAL 1

typedef enum {
  SERVER_UNKNOWN,
  SERVER_ABSENT,
  SERVER_PRESENT,
} ServerState;

typedef struct {
  gboolean known;
  gboolean body_markup;
  gboolean actions;
} Caps;

struct _FollowupNotifier {
  GDBusConnection *bus;
  FollowupNotifyActionFunc on_action;
  FollowupNotifyServerFunc on_server;
  gpointer user_data;
  int timeout_ms;
  guint watch_id;
  guint action_sub;
  guint closed_sub;
  char *owner; /* unique name of the server, NULL when none */
  ServerState reported;
  Caps caps;                      /* of the current owner */
  GCancellable *cancellable;      /* every show; cancelled by free */
  GCancellable *caps_cancellable; /* GetCapabilities of the current owner */
  GPtrArray *pending;             /* ShowCall in flight (borrowed) */
  GHashTable *shown;              /* server id -> Shown */
  GHashTable *tag_ids;            /* tag -> server id */
  GVariant *adopt;                /* saved by a run before: taken on if its server is this one */
  gboolean dying;
};

typedef struct {
  char *tag;
  GStrv actions; /* what was offered: key, label, ... */
} Shown;

/* owned by the D-Bus call in flight, so it outlives a freed notifier */
typedef struct {
  FollowupNotifier *n; /* NULL once the notifier is freed */
  char *tag;
  char *summary;
  char *body;
  GStrv actions;
  FollowupNotifyFlags flags;
  int timeout_ms;
  gboolean close_on_reply;
  FollowupNotifyShownFunc done;
  gpointer user_data;
} ShowCall;

static void
shown_free (gpointer data)
{
  Shown *shown = data;

  g_free (shown->tag);
  g_strfreev (shown->actions);
  g_free (shown);
}

static void
show_call_free (ShowCall *call)
{
  g_free (call->tag);
  g_free (call->summary);
  g_free (call->body);
  g_strfreev (call->actions);
  g_free (call);
}

static void
report_server (FollowupNotifier *n, ServerState state)
{
  if (n->reported == state)
    return;
  n->reported = state;
  if (n->on_server != NULL)
    n->on_server (state == SERVER_PRESENT, n->user_data);
}

static void
caps_parse (GVariant *reply, Caps *caps)
{
  g_autofree const char **list = NULL;

  g_variant_get (reply, "(^a&s)", &list);
  caps->known = TRUE;
  caps->body_markup = g_strv_contains (list, "body-markup");
  caps->actions = g_strv_contains (list, "actions");
}

static void
forget_id (FollowupNotifier *n, guint32 id)
{
  Shown *shown = g_hash_table_lookup (n->shown, GUINT_TO_POINTER (id));

  if (shown == NULL)
    return;
  if (GPOINTER_TO_UINT (g_hash_table_lookup (n->tag_ids, shown->tag)) == id)
    g_hash_table_remove (n->tag_ids, shown->tag);
  g_hash_table_remove (n->shown, GUINT_TO_POINTER (id));
}

static void
close_id (FollowupNotifier *n, guint32 id)
{
  /* no callback: sent with NO_REPLY_EXPECTED, nothing to wait for or leak */
  g_dbus_connection_call (n->bus, NOTIFY_NAME, NOTIFY_PATH, NOTIFY_IFACE, "CloseNotification",
                          g_variant_new ("(u)", id), NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START,
                          n->timeout_ms, NULL, NULL, NULL);
}

static void
remember (FollowupNotifier *n, const char *tag, GStrv actions, guint32 id)
{
  guint32 old = GPOINTER_TO_UINT (g_hash_table_lookup (n->tag_ids, tag));
  Shown *shown;

  if (id == 0)
    return;
  /* two shows of one tag were in flight together: the later one wins */
  if (old != 0 && old != id) {
    forget_id (n, old);
    close_id (n, old);
  }
  forget_id (n, id);
  shown = g_new0 (Shown, 1);
  shown->tag = g_strdup (tag);
  shown->actions = g_strdupv (actions);
  g_hash_table_insert (n->shown, GUINT_TO_POINTER (id), shown);
  g_hash_table_insert (n->tag_ids, g_strdup (tag), GUINT_TO_POINTER (id));
}

/* what the daemon can put in a log line or a status, in its words */
static char *
describe_error (const GError *error, int timeout_ms)
{
  g_autoptr (GError) copy = NULL;

  if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER))
    return g_strdup (_ ("no notification server"));
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_TIMEOUT) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_TIMED_OUT))
    return g_strdup_printf (_ ("notification server timed out after %d ms"), timeout_ms);
  copy = g_error_copy (error);
  g_dbus_error_strip_remote_error (copy);
  return g_strdup_printf (_ ("notification server failed: %s"), copy->message);
}

static void
show_call_finish (ShowCall *call, gboolean shown, const char *error_message)
{
  /* out of the list first: done may free the notifier */
  g_ptr_array_remove (call->n->pending, call);
  if (call->done != NULL)
    call->done (call->tag, shown, error_message, call->user_data);
  show_call_free (call);
}

static void
show_call_fail (ShowCall *call, const GError *error)
{
  g_autofree char *message = describe_error (error, call->timeout_ms);

  g_debug ("notification %s not shown: %s", call->tag, error->message);
  show_call_finish (call, FALSE, message);
}

/* always normal urgency: critical would stay on screen through the night
 * (R12); a resident one stays until followupd takes it down */
static GVariant *
build_hints (FollowupNotifyFlags flags)
{
  GVariantBuilder hints;

  g_variant_builder_init (&hints, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&hints, "{sv}", "desktop-entry", g_variant_new_string (APP_ID));
  g_variant_builder_add (&hints, "{sv}", "category", g_variant_new_string (CATEGORY));
  g_variant_builder_add (&hints, "{sv}", "urgency", g_variant_new_byte (URGENCY_NORMAL));
  if (flags & FOLLOWUP_NOTIFY_RESIDENT)
    g_variant_builder_add (&hints, "{sv}", "resident", g_variant_new_boolean (TRUE));
  return g_variant_builder_end (&hints);
}

static void
notify_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  ShowCall *call = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  guint32 id;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), res, &error);
  if (call->n == NULL) {
    show_call_free (call);
    return;
  }
  if (reply == NULL) {
    show_call_fail (call, error);
    return;
  }
  g_variant_get (reply, "(u)", &id);
  g_debug ("notification %s shown as %u", call->tag, id);
  /* closed while in flight: take it down at once, never map it */
  if (call->close_on_reply)
    close_id (call->n, id);
  else
    remember (call->n, call->tag, call->actions, id);
  show_call_finish (call, TRUE, NULL);
}

static void
send_notify (ShowCall *call, const Caps *caps)
{
  static const char *const no_actions[] = { NULL };
  FollowupNotifier *n = call->n;
  guint32 replaces_id = GPOINTER_TO_UINT (g_hash_table_lookup (n->tag_ids, call->tag));
  g_autofree char *body = NULL;

  /* record text is plain: escape it only where the server would parse it */
  body = caps->body_markup ? g_markup_escape_text (call->body, -1) : g_strdup (call->body);
  /* nothing offered means no click is expected back */
  if (!caps->actions)
    g_clear_pointer (&call->actions, g_strfreev);
  g_dbus_connection_call (
    n->bus, NOTIFY_NAME, NOTIFY_PATH, NOTIFY_IFACE, "Notify",
    g_variant_new ("(susss^as@a{sv}i)", APP_NAME, replaces_id, APP_ID, call->summary, body,
                   call->actions != NULL ? (const char *const *) call->actions : no_actions,
                   build_hints (call->flags), (call->flags & FOLLOWUP_NOTIFY_RESIDENT) ? 0 : -1),
    G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, call->timeout_ms, n->cancellable, notify_cb,
    call);
}

static void
show_caps_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  ShowCall *call = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  Caps caps = { 0 };

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), res, &error);
  if (call->n == NULL) {
    show_call_free (call);
    return;
  }
  if (reply == NULL) {
    show_call_fail (call, error);
    return;
  }
  caps_parse (reply, &caps);
  send_notify (call, &caps);
}

static void
show_call_detach (gpointer data, gpointer user_data)
{
  ShowCall *call = data;

  call->n = NULL;
  if (call->done != NULL)
    call->done (call->tag, FALSE, "notifier freed", call->user_data);
  call->done = NULL;
}

static void
server_reset (FollowupNotifier *n)
{
  if (n->caps_cancellable != NULL)
    g_cancellable_cancel (n->caps_cancellable);
  g_clear_object (&n->caps_cancellable);
  g_clear_pointer (&n->owner, g_free);
  n->caps = (Caps){ 0 };
  g_hash_table_remove_all (n->shown);
  g_hash_table_remove_all (n->tag_ids);
}

static void
server_caps_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  FollowupNotifier *n;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), res, &error);
  /* the server left or the notifier was freed: user_data may be gone */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  n = user_data;
  if (reply != NULL)
    caps_parse (reply, &n->caps);
  else
    g_debug ("GetCapabilities failed: %s", error->message);
  g_debug ("notification server: body-markup %d, actions %d", n->caps.body_markup, n->caps.actions);
  /* a server that cannot answer this is still there; shows will ask again */
  report_server (n, SERVER_PRESENT);
}

/* what a run before showed, if this is the server it showed it on: a
 * restarted server numbers its notifications anew, and closing its id 3
 * would close someone else's */
static void
adopt_saved (FollowupNotifier *n)
{
  g_autoptr (GVariant) saved = g_steal_pointer (&n->adopt);
  g_autoptr (GVariantIter) iter = NULL;
  const char *server = NULL;
  const char *tag;
  guint32 id;
  char **actions;

  if (saved == NULL || !g_variant_lookup (saved, "server", "&s", &server) ||
      g_strcmp0 (server, n->owner) != 0 || !g_variant_lookup (saved, "shown", "a(suas)", &iter))
    return;
  while (g_variant_iter_next (iter, "(&su^as)", &tag, &id, &actions)) {
    remember (n, tag, actions, id);
    g_strfreev (actions);
  }
}

static void
name_appeared_cb (GDBusConnection *bus, const char *name, const char *owner, gpointer user_data)
{
  FollowupNotifier *n = user_data;

  g_debug ("notification server %s appeared", owner);
  server_reset (n);
  n->owner = g_strdup (owner);
  adopt_saved (n);
  n->caps_cancellable = g_cancellable_new ();
  /* to the unique name: these caps belong to this owner, not a successor */
  g_dbus_connection_call (bus, owner, NOTIFY_PATH, NOTIFY_IFACE, "GetCapabilities", NULL,
                          G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NO_AUTO_START, n->timeout_ms,
                          n->caps_cancellable, server_caps_cb, n);
}

static void
name_vanished_cb (GDBusConnection *bus, const char *name, gpointer user_data)
{
  FollowupNotifier *n = user_data;

  g_debug ("no notification server on the bus");
  server_reset (n);
  report_server (n, SERVER_ABSENT);
}

/* a peer can send a signal straight to us, past the bus's match rule */
static gboolean
from_server (FollowupNotifier *n, const char *sender)
{
  return n->owner != NULL && g_strcmp0 (sender, n->owner) == 0;
}

static gboolean
offered (Shown *shown, const char *key)
{
  for (guint i = 0; shown->actions != NULL && shown->actions[i] != NULL; i += 2)
    if (g_str_equal (shown->actions[i], key))
      return TRUE;
  return FALSE;
}

static void
action_invoked_cb (GDBusConnection *bus, const char *sender, const char *path, const char *iface,
                   const char *signal, GVariant *params, gpointer user_data)
{
  FollowupNotifier *n = user_data;
  g_autofree char *tag = NULL;
  const char *key;
  Shown *shown;
  guint32 id;

  if (!from_server (n, sender) || !g_variant_is_of_type (params, G_VARIANT_TYPE ("(us)")))
    return;
  g_variant_get (params, "(u&s)", &id, &key);
  shown = g_hash_table_lookup (n->shown, GUINT_TO_POINTER (id));
  /* servers send "default" for a click on the body even when not offered */
  if (shown == NULL || !offered (shown, key)) {
    g_debug ("ignoring action %s on notification %u", key, id);
    return;
  }
  /* a copy: on_action may close or replace the notification */
  tag = g_strdup (shown->tag);
  if (n->on_action != NULL)
    n->on_action (tag, key, n->user_data);
}

static void
notification_closed_cb (GDBusConnection *bus, const char *sender, const char *path,
                        const char *iface, const char *signal, GVariant *params, gpointer user_data)
{
  FollowupNotifier *n = user_data;
  guint32 id, reason;

  if (!from_server (n, sender) || !g_variant_is_of_type (params, G_VARIANT_TYPE ("(uu)")))
    return;
  g_variant_get (params, "(uu)", &id, &reason);
  g_debug ("notification %u closed, reason %u", id, reason);
  forget_id (n, id);
}

static guint
subscribe (FollowupNotifier *n, const char *member, GDBusSignalCallback callback)
{
  return g_dbus_connection_signal_subscribe (n->bus, NOTIFY_NAME, NOTIFY_IFACE, member, NOTIFY_PATH,
                                             NULL, G_DBUS_SIGNAL_FLAGS_NONE, callback, n, NULL);
}

FollowupNotifier *
followup_notifier_new (GDBusConnection *bus, FollowupNotifyActionFunc on_action,
                       FollowupNotifyServerFunc on_server, gpointer user_data)
{
  FollowupNotifier *n;

  g_return_val_if_fail (G_IS_DBUS_CONNECTION (bus), NULL);

  n = g_new0 (FollowupNotifier, 1);
  n->bus = g_object_ref (bus);
  n->on_action = on_action;
  n->on_server = on_server;
  n->user_data = user_data;
  n->timeout_ms = DEFAULT_TIMEOUT_MS;
  n->reported = SERVER_UNKNOWN;
  n->cancellable = g_cancellable_new ();
  n->pending = g_ptr_array_new ();
  n->shown = g_hash_table_new_full (NULL, NULL, NULL, shown_free);
  n->tag_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* subscribed before watching, so no click of a new server is missed */
  n->action_sub = subscribe (n, "ActionInvoked", action_invoked_cb);
  n->closed_sub = subscribe (n, "NotificationClosed", notification_closed_cb);
  n->watch_id = g_bus_watch_name_on_connection (bus, NOTIFY_NAME, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                name_appeared_cb, name_vanished_cb, n, NULL);
  return n;
}

void
followup_notifier_free (FollowupNotifier *n)
{
  g_autoptr (GPtrArray) pending = NULL;

  if (n == NULL)
    return;
  n->dying = TRUE;
  g_bus_unwatch_name (n->watch_id);
  g_dbus_connection_signal_unsubscribe (n->bus, n->action_sub);
  g_dbus_connection_signal_unsubscribe (n->bus, n->closed_sub);
  /* calls in flight finish in the main loop later and free only themselves */
  g_cancellable_cancel (n->cancellable);
  server_reset (n);
  pending = g_steal_pointer (&n->pending);
  g_ptr_array_foreach (pending, show_call_detach, NULL);
  g_object_unref (n->cancellable);
  g_hash_table_unref (n->shown);
  g_hash_table_unref (n->tag_ids);
  g_clear_pointer (&n->adopt, g_variant_unref);
  g_object_unref (n->bus);
  g_free (n);
}

gboolean
followup_notifier_has_server (FollowupNotifier *n)
{
  g_return_val_if_fail (n != NULL, FALSE);

  return n->reported == SERVER_PRESENT;
}

void
followup_notifier_show (FollowupNotifier *n, const char *tag, const char *summary, const char *body,
                        const char *const *actions, FollowupNotifyFlags flags,
                        FollowupNotifyShownFunc done, gpointer user_data)
{
  ShowCall *call;

  g_return_if_fail (n != NULL && !n->dying);
  g_return_if_fail (tag != NULL && summary != NULL);
  g_return_if_fail (actions == NULL || g_strv_length ((GStrv) actions) % 2 == 0);

  call = g_new0 (ShowCall, 1);
  call->n = n;
  call->tag = g_strdup (tag);
  call->summary = g_strdup (summary);
  call->body = g_strdup (body != NULL ? body : "");
  call->actions = g_strdupv ((GStrv) actions);
  call->flags = flags;
  call->timeout_ms = n->timeout_ms;
  call->done = done;
  call->user_data = user_data;
  g_ptr_array_add (n->pending, call);
  if (n->caps.known) {
    send_notify (call, &n->caps);
    return;
  }
  /* caps unknown (no server seen yet, or it never answered): ask first, which
   * also starts an activatable server; a missing one fails fast (ServiceUnknown) */
  g_dbus_connection_call (n->bus, NOTIFY_NAME, NOTIFY_PATH, NOTIFY_IFACE, "GetCapabilities", NULL,
                          G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, call->timeout_ms,
                          n->cancellable, show_caps_cb, call);
}

void
followup_notifier_close (FollowupNotifier *n, const char *tag)
{
  guint32 id;

  g_return_if_fail (n != NULL && !n->dying);
  g_return_if_fail (tag != NULL);

  for (guint i = 0; i < n->pending->len; i++) {
    ShowCall *call = g_ptr_array_index (n->pending, i);

    if (g_str_equal (call->tag, tag))
      call->close_on_reply = TRUE;
  }
  id = GPOINTER_TO_UINT (g_hash_table_lookup (n->tag_ids, tag));
  if (id == 0)
    return;
  forget_id (n, id);
  close_id (n, id);
}

void
followup_notifier_set_timeout (FollowupNotifier *n, int timeout_ms)
{
  g_return_if_fail (n != NULL);
  g_return_if_fail (timeout_ms > 0);

  n->timeout_ms = timeout_ms;
}

/* the tags on screen and on their way there */
GPtrArray *
followup_notifier_dup_tags (FollowupNotifier *n)
{
  GPtrArray *tags = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer tag;

  g_hash_table_iter_init (&iter, n->tag_ids);
  while (g_hash_table_iter_next (&iter, &tag, NULL))
    g_ptr_array_add (tags, g_strdup (tag));
  for (guint i = 0; i < n->pending->len; i++) {
    ShowCall *call = g_ptr_array_index (n->pending, i);

    if (!call->close_on_reply && !g_hash_table_contains (n->tag_ids, call->tag))
      g_ptr_array_add (tags, g_strdup (call->tag));
  }
  return tags;
}

/* {"server": unique name, "shown": [(tag, id, actions)]}, in tag order so
 * an unchanged screen saves the same bytes */
GVariant *
followup_notifier_save (FollowupNotifier *n)
{
  g_autoptr (GList) tags = g_list_sort (g_hash_table_get_keys (n->tag_ids), (GCompareFunc) strcmp);
  GVariantBuilder shown;
  GVariantDict d;

  /* not taken on yet: the server has not been seen; keep what was saved */
  if (n->owner == NULL && n->adopt != NULL)
    return g_variant_ref (n->adopt);
  if (n->owner == NULL || tags == NULL)
    return NULL;
  g_variant_builder_init (&shown, G_VARIANT_TYPE ("a(suas)"));
  for (GList *l = tags; l != NULL; l = l->next) {
    guint32 id = GPOINTER_TO_UINT (g_hash_table_lookup (n->tag_ids, l->data));
    Shown *s = g_hash_table_lookup (n->shown, GUINT_TO_POINTER (id));
    static const char *const none[] = { NULL };

    g_variant_builder_add (&shown, "(su^as)", l->data, id,
                           s && s->actions ? (const char *const *) s->actions : none);
  }
  g_variant_dict_init (&d, NULL);
  g_variant_dict_insert (&d, "server", "s", n->owner);
  g_variant_dict_insert_value (&d, "shown", g_variant_builder_end (&shown));
  return g_variant_dict_end (&d);
}

void
followup_notifier_restore (FollowupNotifier *n, GVariant *saved)
{
  g_clear_pointer (&n->adopt, g_variant_unref);
  if (saved == NULL)
    return;
  n->adopt = g_variant_ref (saved);
  if (n->owner != NULL)
    adopt_saved (n);
}

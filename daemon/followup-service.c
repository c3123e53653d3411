/* followup-service.c: the D-Bus methods, one dispatcher, and group commit
 *
 * every method is an entry of one table: an edit (queued, saved with the
 * others that arrived with it, answered after the save) or a read (runs the
 * queue first, then answers at once). A burst of N edits costs a few saves
 * instead of N full rewrites, and an acknowledged edit is always on disk */
#include "config.h"

#define G_LOG_DOMAIN "followup-service"

#include "followup-dbus-generated.h"
#include "followup-edit.h"
#include "followup-error.h"
#include "followup-i18n.h"
#include "followup-names.h"
#include "followup-output.h"
#include "followup-service.h"

/* however busy the bus, edits wait for at most this many others */
#define MAX_BATCH 256
/* saves beaten by a hand edit, each followed by a re-read, before giving up */
#define MAX_ATTEMPTS 5
/* a file that never settles (a writer that keeps at it) holds edits this
 * long at most; then they are tried, and refused if the file still moves */
#define MAX_WAIT_USEC (5 * G_USEC_PER_SEC)
/* answers kept for retried requests */
#define MAX_TOKENS 256
#define SNOOZE_BUTTON_SECONDS 3600
#define SNOOZE_BEFORE_DEADLINE 300

/* an edit: applies to `set`, adds the id it changed to `ids`, returns the
 * reply tuple or NULL and an error */
typedef GVariant *(*EditFunc) (const FollowupEditEnv *env, FollowupRecordSet *set, GVariant *params,
                               GPtrArray *ids, GError **error);
typedef GVariant *(*ReadFunc) (FollowupService *service, GVariant *params, GError **error);

typedef struct {
  const char *signal;
  EditFunc edit;
  ReadFunc read;
} Method;

typedef struct {
  GDBusMethodInvocation *invocation; /* NULL for a notification button */
  GVariant *params;
  EditFunc func;
  char *token;       /* the client's request token, or NULL */
  char *what;        /* a button's edit, for the log */
  char *id, *action; /* a button's step */
  GVariant *reply;
  GError *error;
} PendingEdit;

struct _FollowupService {
  GObject parent;
  FollowupBook *book;
  FollowupReminders *reminders;
  FollowupDBusFollowup1 *skeleton;
  GPtrArray *queue; /* PendingEdit */
  guint flush_id;
  guint attempts;       /* of the queue's batch, beaten by hand edits */
  gint64 waiting_since; /* the queue waits for a hand edit, since then */
  GHashTable *tokens;   /* request token -> the first answer (GVariant) */
  GQueue token_order;   /* the oldest goes first */
};

G_DEFINE_TYPE (FollowupService, followup_service, G_TYPE_OBJECT)

static void
pending_edit_free (PendingEdit *p)
{
  g_clear_object (&p->invocation);
  g_variant_unref (p->params);
  g_free (p->token);
  g_free (p->what);
  g_free (p->id);
  g_free (p->action);
  g_clear_pointer (&p->reply, g_variant_unref);
  g_clear_error (&p->error);
  g_free (p);
}

/* the edits */

static GVariant *
edit_add (const FollowupEditEnv *env, FollowupRecordSet *set, GVariant *params, GPtrArray *ids,
          GError **error)
{
  g_autoptr (GVariant) record = g_variant_get_child_value (params, 0);
  char *id = followup_edit_add (set, env, record, error);

  if (id == NULL)
    return NULL;
  g_ptr_array_add (ids, id);
  return g_variant_new ("(s)", id);
}

static GVariant *
edit_update (const FollowupEditEnv *env, FollowupRecordSet *set, GVariant *params, GPtrArray *ids,
             GError **error)
{
  g_autoptr (GVariant) changes = NULL;
  const char *id;

  g_variant_get (params, "(&s@a{sv})", &id, &changes);
  if (!followup_edit_update (set, env, id, changes, error))
    return NULL;
  g_ptr_array_add (ids, g_strdup (id));
  return g_variant_new ("()");
}

static GVariant *
edit_remove (const FollowupEditEnv *env, FollowupRecordSet *set, GVariant *params, GPtrArray *ids,
             GError **error)
{
  const char *id;

  g_variant_get (params, "(&s)", &id);
  if (!followup_edit_remove (set, id, error))
    return NULL;
  g_ptr_array_add (ids, g_strdup (id));
  return g_variant_new ("()");
}

static GVariant *
edit_record_event (const FollowupEditEnv *env, FollowupRecordSet *set, GVariant *params,
                   GPtrArray *ids, GError **error)
{
  g_autoptr (GVariant) details = NULL;
  const char *id, *type;

  g_variant_get (params, "(&s&s@a{sv})", &id, &type, &details);
  if (!followup_edit_record_event (set, env, id, type, details, error))
    return NULL;
  g_ptr_array_add (ids, g_strdup (id));
  return g_variant_new ("()");
}

static GVariant *
edit_add_round (const FollowupEditEnv *env, FollowupRecordSet *set, GVariant *params,
                GPtrArray *ids, GError **error)
{
  g_autoptr (GVariant) round = NULL;
  const char *id;

  g_variant_get (params, "(&s@a{sv})", &id, &round);
  if (!followup_edit_add_round (set, env, id, round, error))
    return NULL;
  g_ptr_array_add (ids, g_strdup (id));
  return g_variant_new ("()");
}

/* the reads */

static GVariant *
read_get (FollowupService *s, GVariant *params, GError **error)
{
  FollowupRecordSet *set = followup_book_get_records (s->book);
  FollowupRecord *record;
  const char *id;

  g_variant_get (params, "(&s)", &id);
  record = followup_edit_lookup (set, id, error);
  return record ? g_variant_new ("(@a{sv})", record->dict) : NULL;
}

static GVariant *
read_list (FollowupService *s, GVariant *params, GError **error)
{
  FollowupRecordSet *set = followup_book_get_records (s->book);
  GVariantBuilder b;

  g_variant_builder_init (&b, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < set->records->len; i++)
    g_variant_builder_add_value (&b, ((FollowupRecord *) set->records->pdata[i])->dict);
  return g_variant_new ("(aa{sv})", &b);
}

static GVariant *
read_schedule (FollowupService *s, GVariant *params, GError **error)
{
  GPtrArray *schedule = followup_reminders_get_schedule (s->reminders);
  FollowupLedger *ledger = followup_reminders_get_ledger (s->reminders);
  GVariantBuilder b;
  gint64 from, to;

  g_variant_get (params, "(xx)", &from, &to);
  g_variant_builder_init (&b, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < schedule->len; i++) {
    const FollowupReminder *r = g_ptr_array_index (schedule, i);
    gint64 due = g_date_time_to_unix (r->due);
    g_autoptr (FollowupStep) step = NULL;

    if ((from != 0 && due < from) || (to != 0 && due > to))
      continue;
    step = followup_reminder_to_step (r);
    step->sequence = followup_ledger_sequence (ledger, r->key);
    g_variant_builder_add_value (&b, followup_step_to_variant (step));
  }
  return g_variant_new ("(aa{sv})", &b);
}

static GVariant *
read_departed (FollowupService *s, GVariant *params, GError **error)
{
  FollowupLedger *ledger = followup_reminders_get_ledger (s->reminders);
  g_autoptr (GPtrArray) departed = followup_ledger_get_departed (ledger);
  GVariantBuilder b;

  g_variant_builder_init (&b, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < departed->len; i++)
    g_variant_builder_add_value (&b, followup_step_to_variant (departed->pdata[i]));
  return g_variant_new ("(aa{sv})", &b);
}

static GVariant *
read_snooze (FollowupService *s, GVariant *params, GError **error)
{
  const char *id, *action;
  gint64 until;

  g_variant_get (params, "(&s&sx)", &id, &action, &until);
  if (!followup_reminders_snooze (s->reminders, id, action, until, error))
    return NULL;
  return g_variant_new ("()");
}

static GVariant *
read_reload (FollowupService *s, GVariant *params, GError **error)
{
  return followup_book_reload (s->book, error) ? g_variant_new ("()") : NULL;
}

static GVariant *
read_check (FollowupService *s, GVariant *params, GError **error)
{
  g_autoptr (GPtrArray) problems = followup_book_check (s->book);

  g_ptr_array_add (problems, NULL);
  return g_variant_new ("(^as)", (char **) problems->pdata);
}

static const Method methods[] = {
  { "handle-add", edit_add, NULL },
  { "handle-update", edit_update, NULL },
  { "handle-remove", edit_remove, NULL },
  { "handle-record-event", edit_record_event, NULL },
  { "handle-add-round", edit_add_round, NULL },
  { "handle-get", NULL, read_get },
  { "handle-list", NULL, read_list },
  { "handle-schedule", NULL, read_schedule },
  { "handle-departed", NULL, read_departed },
  { "handle-snooze", NULL, read_snooze },
  { "handle-reload", NULL, read_reload },
  { "handle-check", NULL, read_check },
};

/* the queue */

static void
answer (FollowupService *s, PendingEdit *p)
{
  GDBusMethodInvocation *invocation = g_steal_pointer (&p->invocation);

  if (invocation == NULL && p->reply != NULL) {
    g_message ("recorded %s from a notification", p->what);
  } else if (invocation == NULL) {
    /* the reminder comes back, and the user learns the click did not count */
    g_warning ("could not record %s: %s", p->what, p->error->message);
    followup_reminders_not_recorded (s->reminders, p->id, p->action, p->what, p->error->message);
  } else if (p->reply != NULL) {
    /* both calls take the invocation */
    g_dbus_method_invocation_return_value (invocation, p->reply);
  } else {
    g_dbus_method_invocation_return_gerror (invocation, p->error);
  }
}

static void
remember_token (FollowupService *s, const char *token, GVariant *reply)
{
  if (g_hash_table_contains (s->tokens, token))
    return;
  g_hash_table_insert (s->tokens, g_strdup (token), g_variant_ref (reply));
  g_queue_push_tail (&s->token_order, g_strdup (token));
  if (g_queue_get_length (&s->token_order) > MAX_TOKENS) {
    g_autofree char *oldest = g_queue_pop_head (&s->token_order);

    g_hash_table_remove (s->tokens, oldest);
  }
}

/* a request already applied (its client timed out and asked again) gets
 * its first answer; so does a second copy within one batch */
static gboolean
replay (FollowupService *s, GHashTable *batch_tokens, PendingEdit *p)
{
  GVariant *first;

  if (p->token == NULL)
    return FALSE;
  first = g_hash_table_lookup (s->tokens, p->token);
  if (first == NULL)
    first = g_hash_table_lookup (batch_tokens, p->token);
  if (first == NULL)
    return FALSE;
  p->reply = g_variant_ref (first);
  return TRUE;
}

static void
reset (GPtrArray *batch)
{
  for (guint i = 0; i < batch->len; i++) {
    PendingEdit *p = batch->pdata[i];

    g_clear_pointer (&p->reply, g_variant_unref);
    g_clear_error (&p->error);
  }
}

/* FALSE when a hand edit beat the save: nothing is on disk, the book reads
 * the file again, and the batch is to be made again on top of it */
static gboolean
apply (FollowupService *s, GPtrArray *batch)
{
  g_autoptr (GError) begin_error = NULL;
  g_autoptr (GError) save_error = NULL;
  g_autoptr (FollowupRecordSet) set = followup_book_begin (s->book, &begin_error);
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDateTime) now = g_date_time_new_now (followup_book_get_user_tz (s->book));
  g_autoptr (GHashTable) batch_tokens =
    g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_variant_unref);
  FollowupEditEnv env = { followup_book_get_user_tz (s->book), now };

  reset (batch);
  for (guint i = 0; i < batch->len; i++) {
    PendingEdit *p = batch->pdata[i];

    if (set == NULL)
      p->error = g_error_copy (begin_error);
    else if (replay (s, batch_tokens, p))
      continue;
    else if ((p->reply = p->func (&env, set, p->params, ids, &p->error)) != NULL) {
      g_variant_ref_sink (p->reply);
      if (p->token != NULL)
        g_hash_table_insert (batch_tokens, p->token, g_variant_ref (p->reply));
    }
  }
  if (set != NULL && !followup_book_commit (s->book, set, ids, &save_error)) {
    if (g_error_matches (save_error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_CHANGED) &&
        ++s->attempts < MAX_ATTEMPTS)
      return FALSE;
    /* nothing of the batch is on disk, so nothing of it is acknowledged */
    for (guint i = 0; i < batch->len; i++) {
      PendingEdit *p = batch->pdata[i];

      if (p->reply != NULL) {
        g_clear_pointer (&p->reply, g_variant_unref);
        p->error = g_error_copy (save_error);
      }
    }
  }
  for (guint i = 0; i < batch->len; i++) {
    PendingEdit *p = batch->pdata[i];

    if (p->token != NULL && p->reply != NULL)
      remember_token (s, p->token, p->reply);
  }
  s->attempts = 0;
  return TRUE;
}

static void
run_queue (FollowupService *s, gboolean wait_for_hand_edits)
{
  g_autoptr (GPtrArray) batch = NULL;

  g_clear_handle_id (&s->flush_id, g_source_remove);
  if (s->queue == NULL || s->queue->len == 0)
    return;
  /* a hand edit being written is read first; "settled" runs the queue */
  if (wait_for_hand_edits && followup_book_is_settling (s->book)) {
    if (s->waiting_since == 0)
      s->waiting_since = g_get_monotonic_time ();
    if (g_get_monotonic_time () - s->waiting_since < MAX_WAIT_USEC)
      return;
  }
  s->waiting_since = 0;
  batch = g_steal_pointer (&s->queue);
  if (!apply (s, batch) && wait_for_hand_edits) {
    s->queue = g_steal_pointer (&batch);
    return;
  }
  for (guint i = 0; i < batch->len; i++)
    answer (s, batch->pdata[i]);
}

void
followup_service_flush (FollowupService *s)
{
  run_queue (s, TRUE);
}

void
followup_service_finish (FollowupService *s)
{
  run_queue (s, FALSE);
}

static gboolean
flush_cb (gpointer user_data)
{
  FollowupService *s = user_data;

  s->flush_id = 0;
  followup_service_flush (s);
  return G_SOURCE_REMOVE;
}

static void
settled_cb (FollowupBook *book, gpointer user_data)
{
  followup_service_flush (user_data);
}

/* `params` (a button's are floating) without the "request-token" of its
 * a{sv} argument, which `token` gets */
static GVariant *
take_token (GVariant *params, char **token)
{
  g_autoptr (GVariant) owned = g_variant_ref_sink (params);
  GVariantBuilder b;
  gsize n = g_variant_n_children (params);

  g_variant_builder_init (&b, g_variant_get_type (params));
  for (gsize i = 0; i < n; i++) {
    g_autoptr (GVariant) arg = g_variant_get_child_value (params, i);
    GVariantDict dict;

    if (!g_variant_is_of_type (arg, G_VARIANT_TYPE_VARDICT)) {
      g_variant_builder_add_value (&b, arg);
      continue;
    }
    g_variant_dict_init (&dict, arg);
    if (*token == NULL)
      g_variant_dict_lookup (&dict, "request-token", "s", token);
    g_variant_dict_remove (&dict, "request-token");
    g_variant_builder_add_value (&b, g_variant_dict_end (&dict));
  }
  return g_variant_builder_end (&b);
}

static PendingEdit *
queue (FollowupService *s, GDBusMethodInvocation *invocation, GVariant *params, EditFunc func,
       const char *what)
{
  PendingEdit *p = g_new0 (PendingEdit, 1);

  /* a method handler owns its invocation until it answers: so do we */
  p->invocation = invocation;
  p->params = g_variant_ref_sink (take_token (params, &p->token));
  p->func = func;
  p->what = g_strdup (what);
  if (s->queue == NULL)
    s->queue = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_edit_free);
  g_ptr_array_add (s->queue, p);
  return p;
}

/* the queue runs when the bus has nothing more for it, or when full: the
 * idle source runs once every method call already read from the bus
 * (dispatched at default priority) has been queued */
static void
kick (FollowupService *s)
{
  if (s->queue->len >= MAX_BATCH && !followup_book_is_settling (s->book))
    followup_service_flush (s);
  else if (s->flush_id == 0)
    s->flush_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, flush_cb, s, NULL);
}

/* the one dispatcher */

static void
dispatch (FollowupService *s, const Method *m, GDBusMethodInvocation *invocation)
{
  GVariant *params = g_dbus_method_invocation_get_parameters (invocation);
  g_autoptr (GError) error = NULL;
  GVariant *reply;

  if (m->edit != NULL) {
    queue (s, invocation, params, m->edit, NULL);
    kick (s);
    return;
  }
  followup_service_flush (s);
  reply = m->read (s, params, &error);
  if (reply == NULL)
    g_dbus_method_invocation_return_gerror (invocation, error);
  else
    g_dbus_method_invocation_return_value (invocation, reply);
}

typedef struct {
  GClosure closure;
  FollowupService *service;
  const Method *method;
} MethodClosure;

/* every handle-* signal has the invocation first, then the method's own
 * arguments, which the dispatcher reads from the invocation instead */
static void
method_marshal (GClosure *closure, GValue *return_value, guint n_param_values,
                const GValue *param_values, gpointer hint, gpointer marshal_data)
{
  MethodClosure *mc = (MethodClosure *) closure;

  dispatch (mc->service, mc->method, g_value_get_object (&param_values[1]));
  g_value_set_boolean (return_value, TRUE);
}

static void
connect_methods (FollowupService *s)
{
  for (gsize i = 0; i < G_N_ELEMENTS (methods); i++) {
    GClosure *closure = g_closure_new_simple (sizeof (MethodClosure), NULL);

    ((MethodClosure *) closure)->service = s;
    ((MethodClosure *) closure)->method = &methods[i];
    g_closure_set_marshal (closure, method_marshal);
    g_signal_connect_closure (s->skeleton, methods[i].signal, closure, FALSE);
  }
}

/* notification buttons */

/* a button's edit: if it cannot be recorded, its step is shown again */
static void
queue_click (FollowupService *s, GVariant *params, EditFunc func, const char *id,
             FollowupAction action, const char *what)
{
  PendingEdit *p = queue (s, NULL, params, func, what);

  p->id = g_strdup (id);
  p->action = g_strdup (followup_action_to_string (action));
  kick (s);
}

static void
queue_event (FollowupService *s, const char *id, FollowupAction action, const char *type,
             GVariant *details, const char *what)
{
  queue_click (s, g_variant_new ("(ss@a{sv})", id, type, details), edit_record_event, id, action,
               what);
}

static void
click_done (FollowupService *s, const char *id, FollowupAction action, const char *contact,
            const char *what)
{
  const FollowupFinish *finish = followup_action_finish (action);
  GVariantDict details;

  g_variant_dict_init (&details, NULL);
  if (finish->kind == FOLLOWUP_FINISH_STATUS) {
    g_variant_dict_insert (&details, "status", "s", followup_status_to_string (finish->status));
    queue_click (s, g_variant_new ("(s@a{sv})", id, g_variant_dict_end (&details)), edit_update, id,
                 action, what);
    return;
  }
  if (finish->kind == FOLLOWUP_FINISH_CALL) {
    /* a call is finished by its outcome, which "done" does not say */
    g_variant_dict_clear (&details);
    g_message ("ignoring “done” on a call for %s", id);
    return;
  }
  if (finish->per_contact && contact != NULL)
    g_variant_dict_insert (&details, "contact", "s", contact);
  queue_event (s, id, action, followup_event_type_to_string (finish->event),
               g_variant_dict_end (&details), what);
}

static void
click_snooze (FollowupService *s, const char *id, const char *action, gint64 until)
{
  g_autoptr (GError) error = NULL;

  followup_service_flush (s);
  if (!followup_reminders_snooze (s->reminders, id, action, until, &error))
    g_warning ("could not snooze %s for %s: %s", action, id, error->message);
  else
    g_message ("snoozed %s for %s from a notification", action, id);
}

/* "Snooze 1 h", or to a few minutes before a note's deadline when that
 * comes sooner: a snooze past the deadline would be refused (R11) */
static gint64
button_snooze_end (FollowupService *s, const char *id, FollowupAction action, gint64 now)
{
  GPtrArray *schedule = followup_reminders_get_schedule (s->reminders);
  gint64 end = now + SNOOZE_BUTTON_SECONDS;

  for (guint i = 0; i < schedule->len; i++) {
    const FollowupReminder *r = g_ptr_array_index (schedule, i);

    if (r->action == action && action != FOLLOWUP_ACTION_CALL && r->until != NULL &&
        g_strcmp0 (r->record->id, id) == 0)
      end = MIN (end, g_date_time_to_unix (r->until) - SNOOZE_BEFORE_DEADLINE);
  }
  return end;
}

void
followup_service_click (FollowupService *s, const char *id, const char *action, const char *contact,
                        const char *button)
{
  g_autofree char *what = g_strdup_printf (_ ("“%s” for %s %s"), button, action, id);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  FollowupAction a;

  if (!followup_action_from_string (action, &a))
    return;
  if (g_str_equal (button, "reached") || g_str_equal (button, "voicemail") ||
      g_str_equal (button, "no-answer"))
    queue_event (s, id, a, "call", g_variant_new_parsed ("{'outcome': <%s>}", button), what);
  else if (g_str_equal (button, "next-window"))
    click_snooze (s, id, action, 0);
  else if (g_str_equal (button, "snooze"))
    click_snooze (s, id, action, button_snooze_end (s, id, a, g_date_time_to_unix (now)));
  else
    click_done (s, id, a, contact, what);
  /* a click is a batch of its own, saved at once */
  followup_service_flush (s);
}

/* what the owner tells */

static void
sync_properties (FollowupService *s)
{
  const char *problem = followup_book_get_problem (s->book);

  if (s->skeleton == NULL)
    return;
  followup_dbus_followup1_set_records (s->skeleton,
                                       followup_book_get_records (s->book)->records->len);
  followup_dbus_followup1_set_config_problem (s->skeleton, problem ? problem : "");
  followup_dbus_followup1_set_me (s->skeleton, followup_book_get_records (s->book)->me);
}

void
followup_service_records_changed (FollowupService *s, const char *const *ids)
{
  sync_properties (s);
  if (s->skeleton == NULL)
    return;
  if (ids == NULL)
    followup_dbus_followup1_emit_changed (s->skeleton, "");
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    followup_dbus_followup1_emit_changed (s->skeleton, ids[i]);
}

void
followup_service_reminded (FollowupService *s, const char *id, const char *action)
{
  if (s->skeleton != NULL)
    followup_dbus_followup1_emit_reminded (s->skeleton, id, action);
}

void
followup_service_set_next_due (FollowupService *s, gint64 due)
{
  if (s->skeleton != NULL)
    followup_dbus_followup1_set_next_due (s->skeleton, due);
}

gboolean
followup_service_export (FollowupService *s, GDBusConnection *bus, GError **error)
{
  s->skeleton = followup_dbus_followup1_skeleton_new ();
  connect_methods (s);
  followup_dbus_followup1_set_version (s->skeleton, PACKAGE_VERSION);
  sync_properties (s);
  return g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (s->skeleton), bus,
                                           FOLLOWUP_OBJECT_PATH, error);
}

FollowupService *
followup_service_new (FollowupBook *book, FollowupReminders *reminders)
{
  FollowupService *s = g_object_new (FOLLOWUP_TYPE_SERVICE, NULL);

  s->book = g_object_ref (book);
  s->reminders = g_object_ref (reminders);
  g_signal_connect (book, "settled", G_CALLBACK (settled_cb), s);
  return s;
}

static void
followup_service_finalize (GObject *object)
{
  FollowupService *s = FOLLOWUP_SERVICE (object);

  g_clear_handle_id (&s->flush_id, g_source_remove);
  g_clear_pointer (&s->queue, g_ptr_array_unref);
  g_signal_handlers_disconnect_by_data (s->book, s);
  g_hash_table_unref (s->tokens);
  g_queue_clear_full (&s->token_order, g_free);
  if (s->skeleton != NULL)
    g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (s->skeleton));
  g_clear_object (&s->skeleton);
  g_clear_object (&s->book);
  g_clear_object (&s->reminders);
  G_OBJECT_CLASS (followup_service_parent_class)->finalize (object);
}

static void
followup_service_class_init (FollowupServiceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = followup_service_finalize;
}

static void
followup_service_init (FollowupService *s)
{
  s->tokens =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_variant_unref);
  g_queue_init (&s->token_order);
}

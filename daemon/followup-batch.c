/* followup-batch.c: group commit. Edits that arrive over D-Bus together
 * are applied in order to one copy of the records, saved with one write and
 * re-planned once; each caller is answered only after that write, so an
 * acknowledged edit is always on disk. A burst of N edits costs a few saves
 * instead of N full rewrites. */
#include "config.h"

#include "followup-daemon.h"
#include "followup-error.h"

/* however busy the bus, edits wait for at most this many others */
#define MAX_BATCH 256

typedef struct {
  GDBusMethodInvocation *invocation; /* NULL once answered */
  FollowupEditFunc func;
  GVariant *reply;
  GError *error;
} PendingEdit;

static void
pending_edit_free (PendingEdit *p)
{
  g_clear_object (&p->invocation);
  g_clear_pointer (&p->reply, g_variant_unref);
  g_clear_error (&p->error);
  g_free (p);
}

static gboolean
flush_cb (gpointer user_data)
{
  FollowupDaemon *d = user_data;

  d->flush_id = 0;
  followup_daemon_flush (d);
  return G_SOURCE_REMOVE;
}

/* the idle source runs once every method call already read from the bus
 * (dispatched at default priority) has been queued */
void
followup_daemon_queue_edit (FollowupDaemon *d, GDBusMethodInvocation *invocation,
                            FollowupEditFunc func)
{
  PendingEdit *p = g_new0 (PendingEdit, 1);

  /* a method handler owns its invocation until it answers: so do we */
  p->invocation = invocation;
  p->func = func;
  if (d->queue == NULL)
    d->queue = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_edit_free);
  g_ptr_array_add (d->queue, p);
  if (d->queue->len >= MAX_BATCH)
    followup_daemon_flush (d);
  else if (d->flush_id == 0)
    d->flush_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, flush_cb, d, NULL);
}

/* a batch works on a private copy, so the set on disk (and the schedule
 * built from it) stays whole if the save fails */
void
followup_daemon_begin_batch (FollowupDaemon *d)
{
  d->batch_base = d->set;
  d->set = followup_record_set_copy (d->batch_base);
  d->batch_ids = g_ptr_array_new_with_free_func (g_free);
}

gboolean
followup_daemon_end_batch (FollowupDaemon *d, GError **error)
{
  g_autoptr (FollowupRecordSet) base = g_steal_pointer (&d->batch_base);
  g_autoptr (GPtrArray) ids = g_steal_pointer (&d->batch_ids);
  char *checksum = NULL;

  if (ids->len == 0) {
    /* nothing changed: keep the set the schedule was built from */
    followup_record_set_unref (d->set);
    d->set = g_steal_pointer (&base);
    return TRUE;
  }
  if (!followup_store_save (d->config_path, d->set, &checksum, error)) {
    followup_record_set_unref (d->set);
    d->set = g_steal_pointer (&base);
    return FALSE;
  }
  followup_daemon_saved (d, ids, checksum);
  return TRUE;
}

static void
answer (PendingEdit *p)
{
  GDBusMethodInvocation *invocation = g_steal_pointer (&p->invocation);

  /* both calls take the invocation */
  if (p->reply != NULL)
    g_dbus_method_invocation_return_value (invocation, p->reply);
  else
    g_dbus_method_invocation_return_gerror (invocation, p->error);
}

/* runs the queued edits now; every method that reads the records calls
 * this first, so it sees each edit sent before it */
void
followup_daemon_flush (FollowupDaemon *d)
{
  g_autoptr (GPtrArray) batch = NULL;
  g_autoptr (GError) save_error = NULL;

  /* not from inside a batch: its edits would be saved half-applied */
  g_return_if_fail (d->batch_base == NULL);
  batch = g_steal_pointer (&d->queue);
  g_clear_handle_id (&d->flush_id, g_source_remove);
  if (batch == NULL || batch->len == 0)
    return;
  /* a hand edit made before the batch is read first */
  followup_daemon_refresh (d);
  followup_daemon_begin_batch (d);
  for (guint i = 0; i < batch->len; i++) {
    PendingEdit *p = batch->pdata[i];
    GVariant *parameters = g_dbus_method_invocation_get_parameters (p->invocation);

    p->reply = p->func (d, parameters, &p->error);
    if (p->reply != NULL)
      g_variant_ref_sink (p->reply);
  }
  if (!followup_daemon_end_batch (d, &save_error)) {
    /* nothing of the batch is on disk, so nothing of it is acknowledged */
    for (guint i = 0; i < batch->len; i++) {
      PendingEdit *p = batch->pdata[i];

      if (p->reply != NULL) {
        g_clear_pointer (&p->reply, g_variant_unref);
        p->error = g_error_copy (save_error);
      }
    }
  }
  for (guint i = 0; i < batch->len; i++)
    answer (batch->pdata[i]);
}

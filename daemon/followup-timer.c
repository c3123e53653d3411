/* followup-timer.c: CLOCK_REALTIME, absolute, cancel-on-set
 *
 * an absolute realtime timer fires at the wall-clock instant even when the
 * machine slept through it, and TFD_TIMER_CANCEL_ON_SET makes read() fail
 * with ECANCELED when someone sets the clock, so the daemon can re-plan;
 * between two reminders nothing in here wakes the process */
#include "config.h"

#define G_LOG_DOMAIN "followup-timer"

#include <errno.h>
#include <glib-unix.h>
#include <string.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "followup-i18n.h"
#include "followup-error.h"
#include "followup-timer.h"

struct _FollowupTimer {
  int fd;
  guint source;
  guint clock_set_idle; /* a clock change found while re-arming, to report */
  gint64 deadline;      /* 0 when disarmed */
  FollowupTimerFunc func;
  gpointer user_data;
};

static gboolean
set_fd (FollowupTimer *timer, gint64 unix_seconds)
{
  struct itimerspec spec = { 0 };

  /* a disarmed timer still needs cancel-on-set to hear of clock changes, so
   * it is armed far in the future instead of being switched off */
  spec.it_value.tv_sec = unix_seconds > 0 ? unix_seconds : G_MAXINT32;
  return timerfd_settime (timer->fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &spec, NULL) == 0;
}

static gboolean
clock_set_idle_cb (gpointer user_data)
{
  FollowupTimer *timer = user_data;

  timer->clock_set_idle = 0;
  timer->func (TRUE, timer->user_data);
  return G_SOURCE_REMOVE;
}

/* a clock change not yet read makes timerfd_settime() fail with ECANCELED,
 * though it arms the timer all the same (timerfd_create(2), NOTES), and the
 * change is then never reported by read(): report it from here instead,
 * from an idle so that the callback's re-plan does not run inside one */
static void
rearm (FollowupTimer *timer, gint64 unix_seconds)
{
  if (set_fd (timer, unix_seconds))
    return;
  if (errno == ECANCELED) {
    if (timer->clock_set_idle == 0)
      timer->clock_set_idle = g_idle_add (clock_set_idle_cb, timer);
    return;
  }
  g_warning ("cannot arm the timer for %" G_GINT64_FORMAT ": %s", unix_seconds, g_strerror (errno));
}

static gboolean
timer_ready_cb (int fd, GIOCondition condition, gpointer user_data)
{
  FollowupTimer *timer = user_data;
  guint64 expirations;
  gboolean clock_set = FALSE;
  ssize_t n = read (fd, &expirations, sizeof expirations);

  if (n < 0 && errno == ECANCELED)
    clock_set = TRUE;
  else if (n < 0)
    return G_SOURCE_CONTINUE; /* EAGAIN: spurious */
  if (!clock_set)
    timer->deadline = 0;
  /* re-arming also clears the cancelled state */
  rearm (timer, timer->deadline);
  timer->func (clock_set, timer->user_data);
  return G_SOURCE_CONTINUE;
}

FollowupTimer *
followup_timer_new (FollowupTimerFunc func, gpointer user_data, GError **error)
{
  g_autoptr (FollowupTimer) timer = g_new0 (FollowupTimer, 1);

  timer->func = func;
  timer->user_data = user_data;
  timer->fd = timerfd_create (CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
  if (timer->fd < 0 || !set_fd (timer, 0)) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_FAILED, _ ("cannot create a timer: %s"),
                 g_strerror (errno));
    return NULL;
  }
  timer->source = g_unix_fd_add (timer->fd, G_IO_IN, timer_ready_cb, timer);
  return g_steal_pointer (&timer);
}

void
followup_timer_arm (FollowupTimer *timer, gint64 unix_seconds)
{
  timer->deadline = unix_seconds;
  rearm (timer, unix_seconds);
}

void
followup_timer_disarm (FollowupTimer *timer)
{
  followup_timer_arm (timer, 0);
}

gint64
followup_timer_get_deadline (FollowupTimer *timer)
{
  return timer->deadline;
}

void
followup_timer_free (FollowupTimer *timer)
{
  if (timer == NULL)
    return;
  g_clear_handle_id (&timer->source, g_source_remove);
  g_clear_handle_id (&timer->clock_set_idle, g_source_remove);
  if (timer->fd >= 0)
    close (timer->fd);
  g_free (timer);
}

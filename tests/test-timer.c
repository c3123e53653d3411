/* test-timer.c: the timerfd alarm fires at its wall-clock deadline, once */
#define _GNU_SOURCE /* clock_adjtime () */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/timex.h>
#include <time.h>

#include "followup-timer.h"

typedef struct {
  guint fired;
  gboolean clock_set;
  gint64 at; /* real time of the last firing, µs */
} Fired;

static void
fired_cb (gboolean clock_set, gpointer user_data)
{
  Fired *f = user_data;

  f->fired++;
  f->clock_set = clock_set;
  f->at = g_get_real_time ();
}

static gboolean
give_up_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* run the loop until the timer fired `count` times; fail after 5 s */
static void
wait_fired (Fired *f, guint count)
{
  gboolean timed_out = FALSE;
  guint guard = g_timeout_add_seconds (5, give_up_cb, &timed_out);

  while (f->fired < count && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (guard);
}

static void
test_fires_at_deadline (void)
{
  Fired f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (FollowupTimer) timer = followup_timer_new (fired_cb, &f, &error);
  gint64 deadline = g_get_real_time () / G_USEC_PER_SEC + 2;

  g_assert_no_error (error);
  followup_timer_arm (timer, deadline);
  g_assert_cmpint (followup_timer_get_deadline (timer), ==, deadline);
  wait_fired (&f, 1);
  g_assert_false (f.clock_set);
  /* never early: the reminder must not show before its time */
  g_assert_cmpint (f.at, >=, deadline * G_USEC_PER_SEC);
  g_assert_cmpint (followup_timer_get_deadline (timer), ==, 0);
}

static void
test_past_deadline_fires_at_once (void)
{
  Fired f = { 0 };
  g_autoptr (FollowupTimer) timer = followup_timer_new (fired_cb, &f, NULL);
  gint64 start = g_get_real_time ();

  /* a reminder that fell due while the machine slept */
  followup_timer_arm (timer, start / G_USEC_PER_SEC - 3600);
  wait_fired (&f, 1);
  g_assert_cmpint (f.at - start, <, G_USEC_PER_SEC);
}

static void
test_rearm_replaces (void)
{
  Fired f = { 0 };
  g_autoptr (FollowupTimer) timer = followup_timer_new (fired_cb, &f, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  followup_timer_arm (timer, now + 1);
  followup_timer_arm (timer, now + 2);
  wait_fired (&f, 1);
  g_assert_cmpint (f.at, >=, (now + 2) * G_USEC_PER_SEC);
  g_assert_cmpuint (f.fired, ==, 1);
}

/* step the real clock by +1 ns or -1 ns: every cancel-on-set timer on the
 * machine hears "the clock was set" (needs CAP_SYS_TIME) */
static gboolean
step_clock (int sign)
{
  struct timex tx = { .modes = ADJ_SETOFFSET | ADJ_NANO };

  /* a negative offset is written as -1 s + (1e9 - 1) ns */
  tx.time.tv_sec = sign > 0 ? 0 : -1;
  tx.time.tv_usec = sign > 0 ? 1 : 999999999;
  return clock_adjtime (CLOCK_REALTIME, &tx) >= 0;
}

static void
test_clock_set_before_rearm (void)
{
  Fired f = { 0 };
  g_autoptr (FollowupTimer) timer = followup_timer_new (fired_cb, &f, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  followup_timer_arm (timer, now + 3600);
  if (!step_clock (1)) {
    g_test_skip_printf ("cannot set the clock: %s (needs CAP_SYS_TIME)", g_strerror (errno));
    return;
  }
  g_assert_true (step_clock (-1));
  /* the daemon re-arms (a re-plan) before its main loop reads the change:
   * the change must still be reported, once */
  followup_timer_arm (timer, now + 1800);
  wait_fired (&f, 1);
  g_assert_true (f.clock_set);
  g_assert_cmpint (followup_timer_get_deadline (timer), ==, now + 1800);
  /* and the next arm, with no clock change between, reports nothing */
  followup_timer_arm (timer, now + 1800);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (f.fired, ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/timer/fires-at-deadline", test_fires_at_deadline);
  g_test_add_func ("/timer/past-deadline-fires-at-once", test_past_deadline_fires_at_once);
  g_test_add_func ("/timer/rearm-replaces", test_rearm_replaces);
  g_test_add_func ("/timer/clock-set-before-rearm", test_clock_set_before_rearm);
  return g_test_run ();
}

#!/usr/bin/python3
"""followupd when the wall clock misbehaves: set forward, set back, a suspend
over a calling window, DST changes, a new time zone while running, and steps
due exactly at a window's edges.

The daemon runs on a faked clock (libfaketime, see timelib.py). A clock
change reaches it as it does on a real machine: the kernel cancels its
cancel-on-set timerfd (a 1 ns step of the real clock, which needs
CAP_SYS_TIME; without it those tests are skipped, not passed), and the
daemon reads the faked time when it re-plans. Where the daemon must fire on
its own, its timer runs against the faked clock, sped up when hours must pass.
"""

import os
import re
import signal
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from followup_testlib import DAEMON_WRAPPER, TIMEOUT, main  # noqa: E402
from timelib import (BERLIN, FOLLOWUPCTL, NAME, NEW_YORK, UTC, PrivateEtc,  # noqa: E402
                     TimeTestCase, at, interview, unix, unshare_works)

THANKED = 'events = ( { type = "thank-you"; at = "2026-11-30 16:00"; } );'
ACME_THANKS = 'Send a thank-you note to Jane Doe at Acme Corp'
ACME_CALL = 'Call Jane Doe at Acme Corp'
# the daemon's log line, stamped with its faked local time
SHOWN_CALL = re.compile(r'(\d\d:\d\d:\d\d)\.\d+: reminder shown: call acme')

# Mon 30 Nov 2026 14:00 in Berlin: the thank-you is due at 15:00; told two
# days, the call is on day 3, Thu 3 Dec, in the 10:00-11:00 window (then
# 15:00-16:00); the call comes before day 7, so no follow-up email
MONDAY = '2026-11-30 14:00'
THANKS_DUE = at(BERLIN, 2026, 11, 30, 15, 0)
CALL_W1 = at(BERLIN, 2026, 12, 3, 10, 0)
CALL_W1_END = at(BERLIN, 2026, 12, 3, 11, 0)
CALL_W2 = at(BERLIN, 2026, 12, 3, 15, 0)
CALL_W2_END = at(BERLIN, 2026, 12, 3, 16, 0)


def acme(decision_days=2, extra='', contacts=('Jane Doe',)):
    return interview('acme', 'Acme Corp', MONDAY, contacts=contacts,
                     extra=f'decision_in_days = {decision_days}; {extra}')


class ClockSet(TimeTestCase):
    def setUp(self):
        super().setUp()
        self.require_clock_set()

    def test_forward_past_a_due_reminder_shows_it_once(self):
        self.write_config(acme())
        self.start_notification_server()
        self.start_faked_daemon(at(BERLIN, 2026, 11, 30, 14, 30))
        self.assertEqual(self.step('thank-you')['due'], unix(THANKS_DUE))
        self.assertEqual(self.prop('NextDue'), unix(THANKS_DUE))
        self.assertEqual(self.shown(), [])
        # its timer is 30 minutes of real time away: only the clock change
        # can make the daemon look before then
        self.set_clock(at(BERLIN, 2026, 11, 30, 18, 0))
        shown = self.wait_shown(1)
        self.assertEqual([n['summary'] for n in shown], [ACME_THANKS])
        # more re-plans, another clock change and a reload: nothing new
        self.set_clock(at(BERLIN, 2026, 11, 30, 18, 10))
        changed = self.subscribe(NAME, 'org.followup.Followup1', 'Changed')
        self.daemon.send_signal(signal.SIGHUP)
        self.wait_until(lambda: changed, what='the reload')
        self.assertEqual(len(self.shown()), 1)
        self.assertEqual(self.reminded, [('acme', 'thank-you')])
        # still listed until it is done (overdue, with its own due)
        self.assertEqual(self.step('thank-you')['due'], unix(THANKS_DUE))
        self.assertEqual(self.step('call')['due'], unix(CALL_W1))

    def test_backward_shows_nothing_again_and_loses_nothing(self):
        self.write_config(acme(decision_days=7))
        self.start_notification_server()
        self.start_faked_daemon(at(BERLIN, 2026, 11, 30, 15, 0, 5))
        self.assertEqual([n['summary'] for n in self.wait_shown(1)], [ACME_THANKS])
        before = self.schedule()
        # told a week: email on Mon 7 Dec, call on day 10, Thu 10 Dec 10:00
        self.assertEqual([(r['action'], r['due']) for r in before],
                         [('thank-you', unix(THANKS_DUE)),
                          ('follow-up-email', unix(at(BERLIN, 2026, 12, 7, 14, 0))),
                          ('call', unix(at(BERLIN, 2026, 12, 10, 10, 0)))])
        email_due = before[1]['due']
        next_due = self.watch_next_due()
        # back before the thank-you was due: it is pending again in the plan...
        self.set_clock(at(BERLIN, 2026, 11, 30, 14, 59, 58))
        self.assertEqual(self.schedule(), before)
        self.assertEqual(self.prop('NextDue'), unix(THANKS_DUE))
        # ...and when 15:00 comes round again, the timer fires and the daemon
        # moves on to the email without showing the thank-you a second time
        self.wait_until(lambda: next_due and next_due[-1] == email_due,
                        what='the timer to pass 15:00 again')
        self.assertEqual(len(self.shown()), 1)
        # a whole day back: still every step, nothing shown; the interview
        # is a day ahead at that clock, so preparing for it is listed too
        self.set_clock(at(BERLIN, 2026, 11, 29, 12, 0))
        self.assertEqual([r for r in self.schedule() if r['action'] != 'prepare'], before)
        self.assertEqual([r['action'] for r in self.schedule()][:1], ['prepare'])
        self.assertEqual(len(self.shown()), 1)
        self.assertEqual(self.reminded, [('acme', 'thank-you')])

    def test_backward_into_an_earlier_window_does_not_repeat_the_call(self):
        # the call was shown in the 15:00 window (the morning one had passed);
        # the clock is then set back into the morning window of the same day
        self.write_config(acme(extra=THANKED))
        self.start_notification_server()
        self.start_faked_daemon(at(BERLIN, 2026, 12, 3, 15, 0, 5))
        self.assertEqual([n['summary'] for n in self.wait_shown(1)], [ACME_CALL])
        self.set_clock(at(BERLIN, 2026, 12, 3, 10, 30))
        call = self.step('call')
        self.assertIn(call['due'], (unix(CALL_W1), unix(CALL_W2)))
        self.assertEqual([n['summary'] for n in self.shown()], [ACME_CALL],
                         'the same call was shown again after the clock was set back')


class Suspend(TimeTestCase):
    def setUp(self):
        super().setUp()
        self.require_clock_set()

    def test_sleeping_over_the_call_window(self):
        self.write_config(acme())
        self.start_notification_server()
        self.start_faked_daemon(at(BERLIN, 2026, 11, 30, 14, 30))
        self.assertEqual(self.step('call')['due'], unix(CALL_W1))
        # the lid closes at 14:30 on Monday and opens on Thursday at 11:30,
        # after the morning calling window and past the thank-you's deadline
        # (Tuesday 14:00): too late for it, so it leaves unshown (R1)
        self.suspend(at(BERLIN, 2026, 12, 3, 11, 30))
        self.wait_until(lambda: self.prop('NextDue') == unix(CALL_W2),
                        what='the re-plan after the wake')
        call = self.step('call')
        self.assertEqual((call['due'], call['until']), (unix(CALL_W2), unix(CALL_W2_END)))
        self.assertNotIn('thank-you', [r['action'] for r in self.schedule()])
        self.assertEqual(self.shown(), [], 'nothing out of date, no call outside its window')
        # the afternoon window opens: the call is shown then, once
        self.set_clock(at(BERLIN, 2026, 12, 3, 14, 59, 58))
        shown = self.wait_shown(1)
        self.assertEqual([n['summary'] for n in shown], [ACME_CALL])
        self.assertIn('Until Thu 03 Dec 16:00 (your time)', shown[0]['body'])
        self.assertEqual(len(self.shown()), 1)

    def test_several_missed_steps_come_singly(self):
        self.write_config(acme(contacts=('Jane Doe', 'John Roe')))
        self.start_notification_server()
        self.start_faked_daemon(at(BERLIN, 2026, 11, 30, 14, 30))
        # awake again on Tuesday 11:30, both thank-yous still before their
        # deadline (14:00): each with its own notification and buttons
        # (issue 14; more than three at once: test_desktop.py)
        self.suspend(at(BERLIN, 2026, 12, 1, 11, 30))
        shown = self.wait_shown(2, steps=2)
        self.assertEqual(sorted(n['summary'] for n in shown),
                         sorted([ACME_THANKS, 'Send a thank-you note to John Roe at Acme Corp']))
        changed = self.subscribe(NAME, 'org.followup.Followup1', 'Changed')
        self.daemon.send_signal(signal.SIGHUP)
        self.wait_until(lambda: changed, what='the reload')
        self.assertEqual(len(self.shown()), 2)  # nothing shown again by the reload
        self.assertEqual(self.step('call')['due'], unix(CALL_W1))


# every day a workday, so the call can fall on the Sunday of the change
DST_POLICY = ('policy = { quiet_hours = ""; call_without_timeline_after_days = 1; '
              'workdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]; };\n')
# an hour of the daemon's time per second; slower under valgrind, whose
# start-up must still end well before the change two hours in
DST_RATE = 360 if DAEMON_WRAPPER else 3600


class DaylightSaving(TimeTestCase):
    """The daemon plans two hours before the change; its timer, armed then,
    fires after it."""

    def check_fires_at(self, start, due, until, local_shown, your_until):
        self.start_notification_server()
        started = time.monotonic()
        self.start_faked_daemon(start, rate=DST_RATE)
        # up and planned (at name-acquired) well before the faked clock
        # reaches the change, 7200 s after the start
        self.assertLess(time.monotonic() - started, 5400 / DST_RATE,
                        'the daemon took too long to start to plan before the change')
        call = self.step('call')
        self.assertEqual((call['due'], call['until']), (unix(due), unix(until)))
        shown = self.wait_notifications(1, timeout=(unix(due) - unix(start)) / DST_RATE + TIMEOUT)
        self.assertEqual(shown[0]['summary'], 'Call Jane Doe at Acme Corp')
        self.assertIn(f'Until {your_until} (your time)', shown[0]['body'])
        # the daemon logs (in its local time, Berlin) once the server has
        # answered the Notify; a wrong offset would be an hour off either way;
        # the server's answer takes a few ms, i.e. a few faked minutes
        self.wait_until(lambda: SHOWN_CALL.search(self.log()), what='the log line')
        stamps = SHOWN_CALL.findall(self.log())
        self.assertEqual(len(stamps), 1, self.log())
        latest = local_shown[:3] + '15:00'
        self.assertTrue(local_shown <= stamps[0] < latest,
                        f'shown at {stamps[0]} Berlin time, expected {local_shown}-{latest}')

    def test_berlin_autumn_change_the_night_before_a_10_00_call(self):
        # Sun 25 Oct 2026: 03:00 CEST becomes 02:00 CET
        self.write_config(interview('acme', 'Acme Corp', '2026-10-24 14:00',
                                    extra='events = ( { type = "thank-you"; '
                                          'at = "2026-10-24 16:00"; } );'),
                          policy=DST_POLICY)
        self.check_fires_at(start=at(BERLIN, 2026, 10, 25, 1, 0),  # 2 h before
                            due=at(BERLIN, 2026, 10, 25, 10, 0),
                            until=at(BERLIN, 2026, 10, 25, 11, 0),
                            local_shown='10:00:00', your_until='Sun 25 Oct 11:00')
        self.assertEqual(self.step('call')['due'] - unix(at(UTC, 2026, 10, 25, 9, 0)), 0)

    def test_new_york_autumn_change_for_a_caller_in_berlin(self):
        # Sun 1 Nov 2026: 02:00 EDT becomes 01:00 EST; the user is in Berlin
        self.write_config(interview('acme', 'Acme Corp', '2026-10-31 14:00',
                                    tz='America/New_York',
                                    extra='events = ( { type = "thank-you"; '
                                          'at = "2026-10-31 16:00"; } );'),
                          policy=DST_POLICY)
        self.check_fires_at(start=at(NEW_YORK, 2026, 11, 1, 0, 0),  # 2 h before
                            due=at(NEW_YORK, 2026, 11, 1, 10, 0),
                            until=at(NEW_YORK, 2026, 11, 1, 11, 0),
                            local_shown='16:00:00', your_until='Sun 01 Nov 17:00')


ZONE_POLICY = 'policy = { quiet_hours = "21:00-08:00"; };\n'


class ZoneChange(TimeTestCase):
    """/etc/localtime changes under a running daemon (TZ unset, as in a
    desktop session). The daemon gets its own mount namespace with a copy of
    /etc, so the host's zone is never touched."""

    def setUp(self):
        super().setUp()
        reason = unshare_works()
        if reason:
            self.skipTest(reason)
        self.etc = PrivateEtc(self.tmp, 'Europe/Berlin')

    def zone(self, name):
        before = self.log().count(f'the time zone is now {name}')
        self.etc.set_zone(name)
        self.wait_until(lambda: self.log().count(f'the time zone is now {name}') > before,
                        what=f'the daemon to move to {name}')

    def thanks(self, rid):
        return self.step('thank-you', rid)['due']

    def test_quiet_hours_and_output_follow_the_new_zone(self):
        # records in UTC, so only the user's zone moves things: quiet hours
        # (21:00-08:00) are the user's
        self.write_config(
            interview('early', 'Early Co', '2026-12-01 05:00', tz='UTC') + ',\n' +
            interview('late', 'Late Co', '2026-12-01 11:00', tz='UTC',
                      extra='events = ( { type = "prepare"; at = "2026-11-30 20:00"; } );'),
            policy=ZONE_POLICY)
        self.start_notification_server()
        self.start_faked_daemon(at(UTC, 2026, 12, 1, 7, 30), prefix=self.etc.prefix(),
                                drop=('TZ',))
        # Berlin: 06:00 UTC is 07:00, quiet, so Early's thank-you waited for
        # 08:00 Berlin (07:00 UTC) and is shown now; Late's is at 12:00 UTC
        shown = self.wait_shown(1)
        self.assertEqual([n['summary'] for n in shown],
                         ['Send a thank-you note to Jane Doe at Early Co'])
        self.assertIn('Until Wed 02 Dec 06:00 (your time)', shown[0]['body'])
        self.assertEqual(self.thanks('early'), unix(at(UTC, 2026, 12, 1, 7, 0)))
        self.assertEqual(self.thanks('late'), unix(at(UTC, 2026, 12, 1, 12, 0)))

        # Tokyo: 12:00 UTC is 21:00, quiet until 08:00 (23:00 UTC); Early's
        # 06:00 UTC is 15:00 there, no longer quiet, but it was shown already
        self.zone('Asia/Tokyo')
        self.assertEqual(self.thanks('late'), unix(at(UTC, 2026, 12, 1, 23, 0)))
        self.assertEqual(len(self.shown()), 1, 'a reminder already shown was shown again')

        # New York: 12:00 UTC is 07:00, quiet until 08:00 (13:00 UTC)
        self.zone('America/New_York')
        self.assertEqual(self.thanks('late'), unix(at(UTC, 2026, 12, 1, 13, 0)))
        self.assertEqual(self.prop('NextDue'), unix(at(UTC, 2026, 12, 1, 13, 0)))
        self.assertEqual(len(self.shown()), 1)
        # what the user reads is in New York time now (client in the same
        # namespace, same clock, no TZ)
        env = dict(self.env, **self.clock.env())
        env.pop('TZ', None)
        out = self.etc.run_inside(self.daemon.pid, [FOLLOWUPCTL, 'next', '--json'], env)
        self.assertEqual(out.returncode, 0, out.stderr)
        dues = re.findall(r'"due" : "([^"]+)"', out.stdout)
        self.assertTrue(dues and all(d.endswith('-05:00') for d in dues), out.stdout)

        # 13:00 UTC comes (the clock moves to 12:59:58 and a reload re-arms
        # the timer on it, so no clock-set event is needed): Late's thank-you,
        # once, with New York times in it; Early's, shown at 07:00 UTC, stays
        # shown although its due in New York is 13:00 UTC too
        before = len(self.shown())
        self.clock.set(at(UTC, 2026, 12, 1, 12, 59, 58))
        changed = self.subscribe(NAME, 'org.followup.Followup1', 'Changed')
        self.daemon.send_signal(signal.SIGHUP)
        self.wait_until(lambda: changed, what='the reload')
        self.wait_notifications(before + 1)
        new = self.shown()[before:]
        self.assertEqual([n['summary'] for n in new],
                         ['Send a thank-you note to Jane Doe at Late Co'])
        self.assertIn('Until Wed 02 Dec 06:00 (your time)', new[0]['body'])


class QuietHours(TimeTestCase):
    """R12 also holds for the daemon's own news: a record file broken inside
    the quiet hours is announced at their end, not at once."""

    BROKEN = 'followup cannot read your records'

    def broken_notices(self):
        self.call('Schedule', (0, 0), '(xx)')  # what it sent before answering has arrived
        return [n for n in self.notifications() if n['summary'] == self.BROKEN]

    def held(self):
        return self.log().count('saying so at the end of the quiet hours')

    def test_a_broken_file_is_announced_when_the_quiet_hours_end(self):
        self.write_config(acme(extra=THANKED),
                          policy='policy = { quiet_hours = "22:00-08:00"; };\n')
        self.start_notification_server()
        # stopped at 07:00, so however slow the start, it is still quiet
        self.start_faked_daemon(at(BERLIN, 2026, 12, 1, 7, 0), frozen=True)
        good = self.read_config()
        with open(self.config, 'w') as f:
            f.write(good.replace('interviewed_at = "', 'interviewed_at = "x', 1))
        self.wait_until(lambda: self.prop('ConfigProblem') != '', what='the broken file')
        self.wait_until(lambda: self.held() >= 1, what='the notice to be held')
        self.assertEqual(self.broken_notices(), [])
        # two seconds before 08:00, running: a reload re-plans on the new
        # clock and arms the timer for the end of the quiet hours
        self.clock.set(at(BERLIN, 2026, 12, 1, 7, 59, 58))
        before = self.held()
        self.daemon.send_signal(signal.SIGHUP)
        self.wait_until(lambda: self.held() > before, what='the reload, still quiet')
        self.assertEqual(self.broken_notices(), [])
        self.wait_until(lambda: self.broken_notices(), what='the notice at 08:00')
        self.assertIn('woke for the next step', self.log())
        self.assertEqual(len(self.broken_notices()), 1)


class WindowEdges(TimeTestCase):
    """A call in the 10:00-11:00 window (then 15:00-16:00), on Thu 3 Dec."""

    def setUp(self):
        super().setUp()
        self.write_config(acme(extra=THANKED))
        self.start_notification_server()

    def restart_at(self, when, frozen=True):
        self.stop_daemon()
        if os.path.exists(self.state):
            os.unlink(self.state)  # each case starts with nothing shown
        count = len(self.notifications())
        self.start_faked_daemon(when, frozen=frozen)
        return count

    def test_window_edges(self):
        # the clock stands still, so "now" is exactly the edge (a standing
        # clock never reaches the next due: a case must not outlive it)
        cases = [
            # now, (due, until) in the plan, shown at start
            (at(BERLIN, 2026, 12, 3, 9, 59, 59), (CALL_W1, CALL_W1_END), False),
            (at(BERLIN, 2026, 12, 3, 10, 0, 0), (CALL_W1, CALL_W1_END), True),
            (at(BERLIN, 2026, 12, 3, 10, 59, 59), (CALL_W1, CALL_W1_END), True),
            (at(BERLIN, 2026, 12, 3, 11, 0, 0), (CALL_W2, CALL_W2_END), False),
            (at(BERLIN, 2026, 12, 3, 15, 0, 0), (CALL_W2, CALL_W2_END), True),
            (at(BERLIN, 2026, 12, 3, 16, 0, 0),
             (at(BERLIN, 2026, 12, 4, 10, 0), at(BERLIN, 2026, 12, 4, 11, 0)), False),
        ]
        for now, (due, until), shows in cases:
            case = f'with the clock standing at {now.isoformat()}'
            count = self.restart_at(now)
            call = self.step('call')
            self.assertEqual((call['due'], call['until']), (unix(due), unix(until)), case)
            if shows:
                shown = self.wait_notifications(count + 1)
                self.assertEqual(shown[-1]['summary'], ACME_CALL, case)
            else:
                self.assertEqual(self.prop('NextDue'), unix(due), case)
            self.assertEqual(len(self.shown()), count + shows, case)

    def test_due_at_10_00_00_fires_then(self):
        self.restart_at(at(BERLIN, 2026, 12, 3, 9, 59, 58), frozen=False)
        self.assertEqual(self.shown(), [])
        self.assertEqual(self.prop('NextDue'), unix(CALL_W1))
        self.assertEqual(self.wait_notifications(1)[0]['summary'], ACME_CALL)
        # logged (in Berlin time) once the server has taken it: not before
        # 10:00:00, and not much after
        self.wait_until(lambda: SHOWN_CALL.search(self.log()), what='the log line')
        stamps = SHOWN_CALL.findall(self.log())
        self.assertEqual(len(stamps), 1, self.log())
        self.assertRegex(stamps[0], r'^10:00:0[0-4]$')

    def test_window_closing_while_running_moves_the_call(self):
        # shown inside the morning window; at 11:00:00 the window closes with
        # the daemon running and nothing else to wake it: R10 moves the
        # call to the 15:00 window
        next_due = self.watch_next_due()
        self.restart_at(at(BERLIN, 2026, 12, 3, 10, 59, 58), frozen=False)
        self.assertEqual(self.wait_shown(1)[0]['summary'], ACME_CALL)
        self.assertEqual(self.step('call')['due'], unix(CALL_W1))
        try:
            self.wait_until(lambda: unix(CALL_W2) in next_due, timeout=6,
                            what='NextDue to move to the 15:00 window after 11:00')
        except AssertionError as e:
            call = self.step('call')
            self.fail(f'{e}: 4 s after 11:00 (daemon time) the plan still has the call due '
                      f'{call["due"]} until {call["until"]} (10:00-11:00), NextDue '
                      f'{self.prop("NextDue")}')
        call = self.step('call')
        self.assertEqual((call['due'], call['until']), (unix(CALL_W2), unix(CALL_W2_END)))


if __name__ == '__main__':
    main()

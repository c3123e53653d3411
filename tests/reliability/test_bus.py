#!/usr/bin/python3
"""followupd and the bus around it: a notification server that is absent,
hung or restarted must never slow the daemon's own D-Bus calls, and what was
due is shown once a server is back; a taken bus name and a vanished session
bus end the daemon with a message and a non-zero exit.

The round trip of every call to the daemon is measured while the faults
last. That is a latency assertion, which is what is being tested here: the
limits are generous (FOLLOWUP_LATENCY_MS, default 100 ms; 1 s while the
server hangs, against the 25-30 s freeze of a synchronous Notify).

    test_bus.py --fake-notification-server MODE SECONDS
runs the hung server: it owns org.freedesktop.Notifications and holds the
calls (MODE notify: Notify only; all: every method) for SECONDS before
answering.
"""

import datetime
import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..'))
from followup_testlib import (PYTHON, FollowupTestCase, Gio, GLib, IFACE, NAME,  # noqa: E402
                              NOTIFY_NAME, NOTIFY_PATH, TIMEOUT, iso, main, now_local)

FOLLOWUPD = os.environ.get('FOLLOWUPD', 'followupd')
LIMIT = float(os.environ.get('FOLLOWUP_LATENCY_MS', '100')) / 1000
HUNG_LIMIT = float(os.environ.get('FOLLOWUP_HUNG_LATENCY_MS', '1000')) / 1000
HANG_SECONDS = int(os.environ.get('FOLLOWUP_HANG_SECONDS', '30'))
FAKE_IFACE = 'org.followup.Test.FakeServer'

FAKE_XML = '''<node>
  <interface name="org.freedesktop.Notifications">
    <method name="GetCapabilities"><arg type="as" direction="out"/></method>
    <method name="GetServerInformation">
      <arg type="s" direction="out"/><arg type="s" direction="out"/>
      <arg type="s" direction="out"/><arg type="s" direction="out"/>
    </method>
    <method name="Notify">
      <arg type="s" direction="in"/><arg type="u" direction="in"/>
      <arg type="s" direction="in"/><arg type="s" direction="in"/>
      <arg type="s" direction="in"/><arg type="as" direction="in"/>
      <arg type="a{sv}" direction="in"/><arg type="i" direction="in"/>
      <arg type="u" direction="out"/>
    </method>
    <method name="CloseNotification"><arg type="u" direction="in"/></method>
    <signal name="NotificationClosed"><arg type="u"/><arg type="u"/></signal>
    <signal name="ActionInvoked"><arg type="u"/><arg type="s"/></signal>
  </interface>
  <interface name="org.followup.Test.FakeServer">
    <method name="Calls"><arg type="as" direction="out"/></method>
  </interface>
</node>'''


def fake_notification_server(mode, seconds):
    """A server that takes calls and answers them only `seconds` later."""
    node = Gio.DBusNodeInfo.new_for_xml(FAKE_XML)
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    calls = []
    held = []
    answers = {
        'GetCapabilities': GLib.Variant('(as)', (['body', 'body-markup', 'actions'],)),
        'GetServerInformation': GLib.Variant('(ssss)', ('fake', 'followup', '1', '1.2')),
        'Notify': None,
        'CloseNotification': None,
    }

    def answer(invocation, method):
        if method == 'Notify':
            invocation.return_value(GLib.Variant('(u)', (len(calls),)))
        else:
            invocation.return_value(answers[method])
        return GLib.SOURCE_REMOVE

    def on_call(conn, sender, path, iface, method, params, invocation):
        if iface == FAKE_IFACE:
            invocation.return_value(GLib.Variant('(as)', (list(calls),)))
            return
        calls.append(method)
        if mode == 'all' or method == 'Notify':
            held.append(invocation)  # the reference keeps it unanswered
            GLib.timeout_add_seconds(seconds, answer, invocation, method)
        else:
            answer(invocation, method)

    for iface in node.interfaces:
        bus.register_object(NOTIFY_PATH, iface, on_call, None, None)
    Gio.bus_own_name_on_connection(bus, NOTIFY_NAME, Gio.BusNameOwnerFlags.NONE, None, None)
    GLib.MainLoop().run()


def record(**kw):
    return {k: v if isinstance(v, GLib.Variant) else
            GLib.Variant('i' if isinstance(v, int) else 's', v) for k, v in kw.items()}


def due_now(rid='acme', company='Acme Corp', contact='Jane Doe'):
    """A record whose thank-you is due now (an interview an hour ago)."""
    at = now_local() - datetime.timedelta(hours=1)
    return (f'{{ id = "{rid}"; company = "{company}"; interviewed_at = "{iso(at)}"; '
            f'contacts = ( {{ name = "{contact}"; }} ); }}')


# a record with nothing due for years: the probe edits it
PROBE = '{ id = "probe"; company = "Probe"; interviewed_at = "2030-01-10 14:00"; }'


class BusTestCase(FollowupTestCase):
    def setUp(self):
        super().setUp()
        self.fake = None
        self.samples = []  # (seconds, method, phase)
        self.phase = 'start'
        self.probe_source = None
        self.probe_n = 0

    def tearDown(self):
        self.stop_probing()
        self.stop_fake()
        super().tearDown()

    # the fake that hangs

    def start_fake(self, mode):
        self.fake_log = open(os.path.join(self.tmp, 'fake.log'), 'w')
        self.fake = subprocess.Popen(
            [PYTHON, os.path.abspath(__file__), '--fake-notification-server', mode,
             str(HANG_SECONDS)],
            env=self.env, stdout=self.fake_log, stderr=subprocess.STDOUT)
        self.wait_for_name(NOTIFY_NAME)

    def fake_calls(self):
        reply = self.conn.call_sync(NOTIFY_NAME, NOTIFY_PATH, FAKE_IFACE, 'Calls', None, None,
                                    Gio.DBusCallFlags.NO_AUTO_START, int(TIMEOUT * 1000), None)
        return reply.unpack()[0]

    def stop_fake(self):
        if self.fake is None:
            return
        self.fake.terminate()
        self.fake.wait(timeout=TIMEOUT)
        self.fake_log.close()
        self.fake = None
        self.wait_for_name(NOTIFY_NAME, present=False)

    # measuring the daemon while the fault lasts

    def start_probing(self, period_ms=20):
        """From now on, one call to the daemon every period_ms while the test
        waits, each round trip timed."""
        self.probe_source = GLib.timeout_add(period_ms, self.probe)

    def stop_probing(self):
        if self.probe_source is not None:
            GLib.source_remove(self.probe_source)
            self.probe_source = None

    def probe(self):
        if self.daemon is None or self.daemon.poll() is not None:
            self.probe_source = None
            return GLib.SOURCE_REMOVE
        self.probe_n += 1
        n = self.probe_n
        calls = [
            ('List', lambda: self.call('List')),
            ('Get', lambda: self.call('Get', ('probe',), '(s)')),
            ('Schedule', lambda: self.call('Schedule', (0, 0), '(xx)')),
            ('NextDue', lambda: self.prop('NextDue')),
            ('Update', lambda: self.call('Update', ('probe', record(notes=f'probe {n}')),
                                         '(sa{sv})')),
        ]
        method, fn = calls[n % len(calls)]
        started = time.monotonic()
        fn()
        self.samples.append((time.monotonic() - started, method, self.phase))
        return GLib.SOURCE_CONTINUE

    def wait_for_probes(self, count):
        """Let `count` more calls be measured in the current phase."""
        target = len(self.samples) + count
        self.wait_until(lambda: len(self.samples) >= target, TIMEOUT + count * 0.1,
                        f'{count} calls to the daemon')

    def assert_responsive(self, limit, phases=None):
        samples = [s for s in self.samples if phases is None or s[2] in phases]
        self.assertGreater(len(samples), 10, 'too few calls measured')
        worst = max(samples)
        sys.stderr.write(f'# {len(samples)} calls to the daemon in {phases or "all phases"}: '
                         f'worst {worst[0] * 1000:.1f} ms ({worst[1]} while {worst[2]}), '
                         f'median {sorted(samples)[len(samples) // 2][0] * 1000:.1f} ms\n')
        slow = [f'{m} {t * 1000:.0f} ms while {p}' for t, m, p in samples if t >= limit]
        self.assertEqual(slow, [], f'calls slower than {limit * 1000:.0f} ms')

    def wait_for_log(self, text, timeout=TIMEOUT, since=0):
        self.wait_until(lambda: text in self.log()[since:], timeout,
                        f'“{text}” in the daemon log')

    def wait_shown(self, count, timeout=TIMEOUT):
        """Like wait_notifications(), but asking the server: a Notify sent in
        the instant a new server appears comes before any signal subscription
        the harness makes after the name appeared."""
        got = []

        def enough():
            try:
                got[:] = self.notifications()
            except GLib.Error:
                return False  # the mock is still setting up
            return len(got) >= count

        self.wait_until(enough, timeout, f'{count} notification(s)')
        return got

    def summaries(self):
        return [n['summary'] for n in self.notifications()]


THANK_ACME = 'Send a thank-you note to Jane Doe at Acme Corp'
THANK_BETA = 'Send a thank-you note to Bo Li at Beta'


class NotificationServer(BusTestCase):
    def test_absent_server(self):
        self.write_config(due_now() + ',\n' + PROBE)
        self.start_daemon()
        self.start_probing()
        self.phase = 'no server'
        self.wait_for_log('reminder not shown yet (no notification server)')
        self.wait_for_probes(50)
        # edits still work and their reminders wait too
        self.call('Add', (record(id='beta', company='Beta', interviewed_at=iso(
            now_local() - datetime.timedelta(hours=1))),), '(a{sv})')
        self.phase = 'a server starts'
        self.start_notification_server()
        shown = self.wait_shown(2)
        self.phase = 'a server is there'
        self.call('Reload')
        self.stop_probing()
        # both pending steps, each once
        self.assertEqual(len(self.notifications()), 2, self.summaries())
        self.assertEqual(sorted(n['summary'] for n in shown),
                         ['Send a thank-you note to Jane Doe at Acme Corp',
                          'Send a thank-you note to the interviewer at Beta'])
        self.assert_responsive(LIMIT)

    def hung(self, mode):
        self.write_config(due_now() + ',\n' + PROBE)
        self.start_fake(mode)
        self.start_daemon()
        self.start_probing()
        self.phase = 'the server hangs'
        want = 'Notify' if mode == 'notify' else 'GetCapabilities'
        self.wait_until(lambda: want in self.fake_calls(), what=f'{want} at the hung server')
        # the daemon gives up on the call (its timeout is 5 s) and stays well
        self.wait_for_log('notification server timed out', timeout=TIMEOUT + 5)
        self.assertIsNone(self.daemon.poll())
        self.phase = 'the server is replaced'
        self.stop_fake()
        self.start_notification_server()
        shown = self.wait_shown(1)
        self.stop_probing()
        self.assertEqual([n['summary'] for n in shown], [THANK_ACME])
        self.assert_responsive(HUNG_LIMIT)

    def test_hung_server_never_answers_notify(self):
        self.hung('notify')

    def test_hung_server_never_answers_anything(self):
        self.hung('all')

    def test_server_restarted_midway(self):
        self.write_config(due_now() + ',\n' + PROBE)
        self.start_notification_server()
        self.start_daemon()
        self.start_probing()
        self.phase = 'a server is there'
        self.assertEqual([n['summary'] for n in self.wait_shown(1)], [THANK_ACME])
        self.phase = 'the server stops'
        self.stop_notification_server()
        mark = len(self.log())
        self.phase = 'no server'
        # a step falls due while there is none
        self.call('Add', (record(id='beta', company='Beta', interviewed_at=iso(
            now_local() - datetime.timedelta(hours=1)),
            contacts=GLib.Variant('aa{sv}', [{'name': GLib.Variant('s', 'Bo Li')}])),),
            '(a{sv})')
        self.wait_for_log('reminder not shown yet (no notification server)', since=mark)
        self.wait_for_probes(50)
        self.phase = 'the server is back'
        self.start_notification_server()
        shown = self.wait_shown(1)
        self.call('Reload')
        self.stop_probing()
        # the new server gets the pending step, and only that: acme was shown before
        self.assertEqual(self.summaries(), [THANK_BETA])
        self.assertEqual(len(shown), 1)
        self.assert_responsive(LIMIT)


class TheBus(BusTestCase):
    def test_name_already_owned(self):
        self.write_config()
        # someone else holds the name and does not let go
        reply = self.conn.call_sync('org.freedesktop.DBus', '/org/freedesktop/DBus',
                                    'org.freedesktop.DBus', 'RequestName',
                                    GLib.Variant('(su)', (NAME, 4)), None,
                                    Gio.DBusCallFlags.NONE, -1, None)
        self.assertEqual(reply.unpack(), (1,))  # primary owner
        for args in [(), ('--replace',)]:
            started = time.monotonic()
            second = subprocess.run([FOLLOWUPD, '--config', self.config, '--state', self.state,
                                     *args], env=self.env, capture_output=True, text=True,
                                    timeout=TIMEOUT)
            self.assertEqual(second.returncode, 1, f'{args}: {second.stderr}')
            self.assertIn(NAME, second.stderr)
            self.assertIn('already', second.stderr)
            self.assertLess(time.monotonic() - started, 5)
            said = [line for line in second.stderr.splitlines() if NAME in line]
            sys.stderr.write(f'# {args or "plain"}: exit 1: {said[-1]}\n')
        self.assertEqual(self.read_config().count('interviews'), 1)

    def test_session_bus_goes_away(self):
        self.write_config(due_now())
        self.start_notification_server()
        reminded = self.subscribe(NAME, IFACE, 'Reminded')
        self.start_daemon()
        self.wait_until(lambda: reminded, what='the reminder to be shown')
        # the bus dies under everyone
        self.bus.proc.send_signal(signal.SIGKILL)
        code = self.daemon.wait(timeout=TIMEOUT)
        self.daemon_log.close()
        self.daemon = None
        self.mock.terminate()
        self.mock.wait(timeout=TIMEOUT)
        self.mock_log.close()
        self.mock = None
        self.conn = ClosedConnection()
        self.assertNotEqual(code, 0, 'followupd exited 0: systemd would not restart it')
        self.assertGreater(code, 0, f'followupd died of signal {-code} instead of exiting')
        said = [line for line in self.log().splitlines() if 'session bus' in line]
        self.assertNotEqual(said, [], 'followupd did not say why it exited')
        sys.stderr.write(f'# the bus died: followupd exited {code}: {said[-1]}\n')
        # the state was kept: a restart on a new bus does not repeat the reminder
        self.assertIn('acme', open(self.state).read())


class ClosedConnection:
    """Stands in for the test's connection once its bus is gone."""

    def close_sync(self, *args):
        return True


if __name__ == '__main__':
    if len(sys.argv) == 4 and sys.argv[1] == '--fake-notification-server':
        fake_notification_server(sys.argv[2], int(sys.argv[3]))
    else:
        main()

"""Test harness: the real followupd on a private D-Bus with a notification
server that records what it received (python-dbusmock), in a temp HOME.

Everything waits on events (bus names, signals) with a timeout; nothing
sleeps to synchronise. Results are printed as TAP so meson counts each test.
"""

import datetime
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

import gi

gi.require_version('Gio', '2.0')
from gi.repository import Gio, GLib  # noqa: E402

PYTHON = '/usr/bin/python3'  # Debian's, which has dbusmock
FOLLOWUPD = os.environ.get('FOLLOWUPD', 'followupd')
# e.g. "valgrind --error-exitcode=99 ...": the daemon runs under it (HACKING.md)
DAEMON_WRAPPER = os.environ.get('FOLLOWUP_DAEMON_WRAPPER', '').split()
SRCDIR = os.environ.get('FOLLOWUP_SRCDIR', os.path.dirname(os.path.dirname(__file__)))
NAME = 'org.followup.Followup1'
PATH = '/org/followup/Followup1'
IFACE = 'org.followup.Followup1'
NOTIFY_NAME = 'org.freedesktop.Notifications'
NOTIFY_PATH = '/org/freedesktop/Notifications'
MOCK_IFACE = 'org.freedesktop.DBus.Mock'
TIMEOUT = float(os.environ.get('FOLLOWUP_TEST_TIMEOUT', '10'))

BUS_CONFIG = '''<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={tmp}</listen>
  {servicedir}
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
'''

# no quiet hours, so a test run at night still sees reminders on time
TEST_POLICY = 'policy = { quiet_hours = ""; };\n'


def iso(dt):
    return dt.strftime('%Y-%m-%d %H:%M:%S%z')


def now_local():
    return datetime.datetime.now().astimezone()


class PrivateBus:
    """A dbus-daemon of our own: no service files unless we give a dir, so
    nothing (dunst, say) is auto-started behind the test's back."""

    def __init__(self, tmp, servicedir=None):
        conf = os.path.join(tmp, 'bus.conf')
        with open(conf, 'w') as f:
            f.write(BUS_CONFIG.format(
                tmp=tmp,
                servicedir=f'<servicedir>{servicedir}</servicedir>' if servicedir else ''))
        self.proc = subprocess.Popen(
            ['dbus-daemon', f'--config-file={conf}', '--print-address=1', '--nofork'],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.address = self.proc.stdout.readline().strip()
        if not self.address:
            raise RuntimeError('dbus-daemon did not start')

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=TIMEOUT)
        self.proc.stdout.close()


class FollowupTestCase(unittest.TestCase):
    """Each test gets its own bus, HOME and daemon."""

    servicedir = None

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='followup-test-')
        os.chmod(self.tmp, 0o700)
        self.home = os.path.join(self.tmp, 'home')
        self.config_dir = os.path.join(self.home, '.config', 'followup')
        self.config = os.path.join(self.config_dir, 'followup.conf')
        self.state = os.path.join(self.home, '.local', 'state', 'followup', 'state')
        self.runtime = os.path.join(self.tmp, 'run')
        os.makedirs(self.config_dir)
        os.makedirs(self.runtime, mode=0o700)
        self.bus = PrivateBus(self.tmp, self.servicedir)
        self.conn = Gio.DBusConnection.new_for_address_sync(
            self.bus.address,
            Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT |
            Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)
        self.daemon = None
        self.mock = None
        self.log_path = os.path.join(self.tmp, 'followupd.log')
        self.env = dict(os.environ,
                        HOME=self.home,
                        XDG_CONFIG_HOME=os.path.join(self.home, '.config'),
                        XDG_STATE_HOME=os.path.join(self.home, '.local', 'state'),
                        XDG_DATA_HOME=os.path.join(self.home, '.local', 'share'),
                        XDG_RUNTIME_DIR=self.runtime,
                        DBUS_SESSION_BUS_ADDRESS=self.bus.address,
                        TZ=os.environ.get('TZ', 'Europe/Berlin'),
                        LC_ALL='C.UTF-8')
        self.env.pop('NOTIFY_SOCKET', None)
        self.env.pop('DISPLAY', None)

    def failed(self):
        """Whether this test has failed so far (Python 3.11 reports a
        failure to the result at once; _outcome.success stays True)."""
        outcome = getattr(self, '_outcome', None)
        if outcome is None:
            return False
        if not getattr(outcome, 'success', True):
            return True
        result = getattr(outcome, 'result', None)
        return result is not None and any(t is self for t, _ in result.failures + result.errors)

    def tearDown(self):
        failed = self.failed()
        try:
            self.stop_daemon()
        except BaseException:
            failed = True
            raise
        finally:
            if self.mock is not None:
                self.stop_notification_server()
            self.conn.close_sync(None)
            self.bus.stop()
            if failed:
                self.dump_log()
            shutil.rmtree(self.tmp, ignore_errors=True)

    def dump_log(self, lines=150, width=2000):
        """The end of the daemon's log on stderr, for a failed test."""
        if not os.path.exists(self.log_path):
            return
        with open(self.log_path, errors='replace') as f:
            tail = f.readlines()[-lines:]
        sys.stderr.write(f'--- followupd log (last {lines} lines) ---\n' +
                         ''.join(line if len(line) <= width else line[:width] + ' …\n'
                                 for line in tail))

    # the main loop, for waiting on events

    def wait_until(self, condition, timeout=TIMEOUT, what='condition'):
        """Iterate the main context until condition() holds; fail at timeout."""
        ctx = GLib.MainContext.default()
        deadline = time.monotonic() + timeout
        fired = []
        tick = GLib.timeout_add(50, lambda: fired.append(1) or True)
        try:
            while not condition():
                if time.monotonic() > deadline:
                    self.fail(f'timed out after {timeout} s waiting for {what}')
                ctx.iteration(True)
        finally:
            GLib.source_remove(tick)

    def wait_for_name(self, name, present=True, timeout=TIMEOUT):
        seen = []

        def appeared(*args):
            seen.append(True)

        def vanished(*args):
            seen.append(False)

        watch = Gio.bus_watch_name_on_connection(self.conn, name, Gio.BusNameWatcherFlags.NONE,
                                                 appeared, vanished)
        try:
            self.wait_until(lambda: seen and seen[-1] == present, timeout,
                            f'{name} to {"appear" if present else "vanish"}')
        finally:
            Gio.bus_unwatch_name(watch)

    def subscribe(self, sender, iface, member, path=None):
        """Collect signals into a list from now on."""
        got = []
        sid = self.conn.signal_subscribe(sender, iface, member, path, None,
                                         Gio.DBusSignalFlags.NONE,
                                         lambda c, s, p, i, m, params: got.append(params.unpack()))
        self.addCleanup(self.conn.signal_unsubscribe, sid)
        # GLib (with the CVE-2024-34397 fix) drops signals from a well-known
        # sender until it has looked up the owner; that lookup is answered
        # before this round trip is, so nothing sent after this is lost
        self.conn.call_sync('org.freedesktop.DBus', '/org/freedesktop/DBus',
                            'org.freedesktop.DBus', 'GetId', None, None,
                            Gio.DBusCallFlags.NONE, int(TIMEOUT * 1000), None)
        return got

    # the notification server

    def start_notification_server(self, caps='body body-markup actions'):
        params = json.dumps({'capabilities': caps})
        # subscribed before the server exists, so no Notify can slip past
        self.notify_calls = self.subscribe(NOTIFY_NAME, MOCK_IFACE, 'MethodCalled', NOTIFY_PATH)
        self.mock_log = open(os.path.join(self.tmp, 'mock.log'), 'w')
        self.mock = subprocess.Popen(
            [PYTHON, '-m', 'dbusmock', '--session', '-t', 'notification_daemon', '-p', params],
            env=self.env, stdout=self.mock_log, stderr=subprocess.STDOUT)
        self.wait_for_name(NOTIFY_NAME)

    def stop_notification_server(self):
        self.mock.terminate()
        self.mock.wait(timeout=TIMEOUT)
        self.mock_log.close()
        self.mock = None
        self.wait_for_name(NOTIFY_NAME, present=False)

    def notifications(self):
        """Every Notify call: dicts with summary, body, actions, hints, ..."""
        reply = self.conn.call_sync(NOTIFY_NAME, NOTIFY_PATH, MOCK_IFACE, 'GetMethodCalls',
                                    GLib.Variant('(s)', ('Notify',)), None,
                                    Gio.DBusCallFlags.NONE, int(TIMEOUT * 1000), None)
        out = []
        for stamp, args in reply.unpack()[0]:
            app, replaces, icon, summary, body, actions, hints, expire = args
            out.append(dict(time=stamp, app=app, replaces=replaces, icon=icon, summary=summary,
                            body=body,
                            actions=dict(zip(actions[::2], actions[1::2])), hints=hints))
        return out

    def wait_notifications(self, count, timeout=TIMEOUT):
        self.wait_until(lambda: len([c for c in self.notify_calls if c[0] == 'Notify']) >= count,
                        timeout, f'{count} notification(s)')
        return self.notifications()

    def click(self, notification_id, action):
        self.conn.call_sync(NOTIFY_NAME, NOTIFY_PATH, MOCK_IFACE, 'EmitSignal',
                            GLib.Variant('(sssav)', (
                                'org.freedesktop.Notifications', 'ActionInvoked', 'us',
                                [GLib.Variant('u', notification_id),
                                 GLib.Variant('s', action)])),
                            None, Gio.DBusCallFlags.NONE, int(TIMEOUT * 1000), None)

    # the daemon

    def write_config(self, interviews='', policy=TEST_POLICY):
        with open(self.config, 'w') as f:
            f.write('version = 1;\n' + policy + 'interviews = (\n' + interviews + '\n);\n')
        os.chmod(self.config, 0o600)

    def start_daemon(self, args=(), env=None, wait=True):
        self.daemon_log = open(self.log_path, 'a')
        self.daemon = subprocess.Popen(
            [*DAEMON_WRAPPER, FOLLOWUPD, '--verbose', '--config', self.config,
             '--state', self.state, *args],
            env=dict(self.env, **(env or {})), stdout=self.daemon_log,
            stderr=subprocess.STDOUT)
        if wait:
            self.wait_for_name(NAME)
        return self.daemon

    def stop_daemon(self, sig=signal.SIGTERM):
        if self.daemon is None:
            return None
        if self.daemon.poll() is None:
            self.daemon.send_signal(sig)
        code = self.daemon.wait(timeout=TIMEOUT * (6 if DAEMON_WRAPPER else 1))
        if DAEMON_WRAPPER and code == 99:
            self.fail('the daemon wrapper (valgrind?) reported errors; see the daemon log')
        self.daemon_log.close()
        self.daemon = None
        if sig == signal.SIGTERM:
            self.wait_for_name(NAME, present=False)
        return code

    def log(self):
        with open(self.log_path) as f:
            return f.read()

    def call(self, method, args=None, signature=None, timeout=TIMEOUT):
        params = GLib.Variant(signature, args) if signature else None
        reply = self.conn.call_sync(NAME, PATH, IFACE, method, params, None,
                                    Gio.DBusCallFlags.NO_AUTO_START, int(timeout * 1000), None)
        return reply.unpack() if reply is not None else None

    def call_error(self, method, args=None, signature=None):
        """Call expecting a D-Bus error; return (error name, message)."""
        try:
            self.call(method, args, signature)
        except GLib.Error as e:
            name = Gio.DBusError.get_remote_error(e)
            Gio.DBusError.strip_remote_error(e)
            return name, e.message
        self.fail(f'{method} succeeded but an error was expected')

    def call_many(self, calls, timeout=TIMEOUT):
        """Send every (method, args, signature) at once, without waiting for
        a reply in between, as a busy client would; return each call's
        ('ok', value) or (error name, message), in the order sent."""
        results = [None] * len(calls)

        def done(conn, res, i):
            try:
                reply = conn.call_finish(res)
                results[i] = ('ok', reply.unpack() if reply is not None else None)
            except GLib.Error as e:
                name = Gio.DBusError.get_remote_error(e)
                Gio.DBusError.strip_remote_error(e)
                results[i] = (name, e.message)

        for i, (method, args, signature) in enumerate(calls):
            params = GLib.Variant(signature, args) if signature else None
            self.conn.call(NAME, PATH, IFACE, method, params, None,
                           Gio.DBusCallFlags.NO_AUTO_START, int(timeout * 1000), None, done, i)
        self.wait_until(lambda: None not in results, timeout=timeout,
                        what=f'answers to {len(calls)} calls sent at once')
        return results

    def prop(self, name):
        reply = self.conn.call_sync(NAME, PATH, 'org.freedesktop.DBus.Properties', 'Get',
                                    GLib.Variant('(ss)', (IFACE, name)), None,
                                    Gio.DBusCallFlags.NONE, int(TIMEOUT * 1000), None)
        return reply.unpack()[0]

    def read_config(self):
        with open(self.config) as f:
            return f.read()


class TapResult(unittest.TestResult):
    def __init__(self, stream):
        super().__init__()
        self.stream = stream
        self.n = 0

    def _line(self, ok, test, extra=''):
        self.n += 1
        self.stream.write(f'{"ok" if ok else "not ok"} {self.n} - {test.id()}{extra}\n')
        self.stream.flush()

    def addSuccess(self, test):
        super().addSuccess(test)
        self._line(True, test)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._line(False, test)
        sys.stderr.write(self._exc_info_to_string(err, test))

    def addError(self, test, err):
        super().addError(test, err)
        self._line(False, test)
        sys.stderr.write(self._exc_info_to_string(err, test))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._line(True, test, f' # SKIP {reason}')


def main():
    """Run the calling module's tests as TAP; a test name as argv[1] runs one."""
    loader = unittest.TestLoader()
    module = sys.modules['__main__']
    suite = loader.loadTestsFromNames(sys.argv[1:], module) if len(sys.argv) > 1 \
        else loader.loadTestsFromModule(module)
    print(f'1..{suite.countTestCases()}', flush=True)
    result = TapResult(sys.stdout)
    suite.run(result)
    sys.exit(0 if result.wasSuccessful() else 1)

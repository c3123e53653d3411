"""Time faults for the real followupd: a wall clock of the test's choosing
(libfaketime preloaded on the daemon), real clock-set events from the kernel,
and a private /etc/localtime.

How the pieces fit, checked on Debian 12 (libfaketime 0.9.10):

- The daemon reads its clock from a file (FAKETIME_TIMESTAMP_FILE with
  FAKETIME_NO_CACHE=1), so the test can move it while the daemon runs.
  "@T" starts the clock at T when the daemon next looks at it and lets it run
  at real speed; "@T x3600" runs it an hour per second; "T" freezes it.
  Times are written as Unix seconds (FAKETIME_FMT=%s): no ambiguity in the
  repeated hour of a DST change.
- libfaketime converts an absolute CLOCK_REALTIME timerfd deadline to real
  time when it is armed, so a timer armed under a faked clock fires at the
  faked instant (speed-up included).
- Rewriting the file does NOT reach the kernel: a timer armed before the jump
  keeps its old real deadline, and TFD_TIMER_CANCEL_ON_SET stays silent.
  A real clock change does both: it is what makes the daemon re-plan. So
  clock_was_set() steps the real CLOCK_REALTIME by one nanosecond
  (clock_adjtime ADJ_SETOFFSET, alternately forwards and back, so the machine's
  clock ends where it was): the kernel then cancels every cancel-on-set timer,
  exactly as after `date -s`, an NTP step or a resume from suspend, and the
  daemon reads the new faked time when it re-plans. It needs CAP_SYS_TIME.
- CLOCK_MONOTONIC stays real (FAKETIME_DONT_FAKE_MONOTONIC=1): GLib and GDBus
  time their own timeouts with it, and a monotonic clock that jumps by days
  would expire every pending D-Bus call at once.
"""

import ctypes
import datetime
import glob
import os
import shutil
import signal
import subprocess
import zoneinfo

from followup_testlib import DAEMON_WRAPPER, FOLLOWUPD, NAME, TIMEOUT, FollowupTestCase, Gio

# Debian's libfaketime, wherever the multiarch triplet puts it
FAKETIME_LIB = next(iter(sorted(glob.glob('/usr/lib/*/faketime/libfaketime.so.1'))),
                    '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1')
FOLLOWUPCTL = os.environ.get('FOLLOWUPCTL', 'followupctl')
IFACE = 'org.followup.Followup1'

BERLIN = zoneinfo.ZoneInfo('Europe/Berlin')
NEW_YORK = zoneinfo.ZoneInfo('America/New_York')
UTC = datetime.timezone.utc


def at(zone, *fields, fold=0):
    """An aware datetime; fold=1 picks the second of a repeated hour."""
    return datetime.datetime(*fields, tzinfo=zone, fold=fold)


def unix(when):
    return int(when.timestamp()) if isinstance(when, datetime.datetime) else int(when)


# the kernel's clock-set event

ADJ_SETOFFSET = 0x0100
ADJ_NANO = 0x2000
CLOCK_REALTIME = 0


class _Timex(ctypes.Structure):
    # struct timex of x86_64/aarch64 glibc (see adjtimex(2))
    _fields_ = [('modes', ctypes.c_uint), ('offset', ctypes.c_long), ('freq', ctypes.c_long),
                ('maxerror', ctypes.c_long), ('esterror', ctypes.c_long),
                ('status', ctypes.c_int), ('constant', ctypes.c_long),
                ('precision', ctypes.c_long), ('tolerance', ctypes.c_long),
                ('time_sec', ctypes.c_long), ('time_frac', ctypes.c_long),
                ('tick', ctypes.c_long), ('ppsfreq', ctypes.c_long), ('jitter', ctypes.c_long),
                ('shift', ctypes.c_int), ('stabil', ctypes.c_long), ('jitcnt', ctypes.c_long),
                ('calcnt', ctypes.c_long), ('errcnt', ctypes.c_long), ('stbcnt', ctypes.c_long),
                ('tai', ctypes.c_int), ('_reserved', ctypes.c_int * 11)]


_libc = ctypes.CDLL(None, use_errno=True)
_step_sign = [1]


def clock_was_set():
    """Step the real clock by one nanosecond: every TFD_TIMER_CANCEL_ON_SET timer
    on the machine is cancelled, as after any clock change. Raises OSError
    (EPERM without CAP_SYS_TIME)."""
    sign = _step_sign[0]
    _step_sign[0] = -sign
    tx = _Timex(modes=ADJ_SETOFFSET | ADJ_NANO)
    # a negative offset is written as -1 s + (1e9 - 1) ns
    tx.time_sec, tx.time_frac = (0, 1) if sign > 0 else (-1, 999_999_999)
    if _libc.clock_adjtime(CLOCK_REALTIME, ctypes.byref(tx)) < 0:
        err = ctypes.get_errno()
        raise OSError(err, f'clock_adjtime(ADJ_SETOFFSET): {os.strerror(err)}')


_can_set_clock = []


def can_set_clock():
    """None when clock_was_set() works here, else why not (asked once)."""
    if not _can_set_clock:
        try:
            clock_was_set()
            clock_was_set()
            _can_set_clock.append(None)
        except OSError as e:
            _can_set_clock.append(
                f'cannot deliver a clock-set event ({e}); needs root with CAP_SYS_TIME')
    return _can_set_clock[0]


class FakeClock:
    """The daemon's wall clock, kept in a file libfaketime re-reads on every call."""

    def __init__(self, tmp):
        self.path = os.path.join(tmp, 'faketime.rc')

    def env(self):
        env = {
            'LD_PRELOAD': FAKETIME_LIB,
            'FAKETIME_TIMESTAMP_FILE': self.path,
            'FAKETIME_NO_CACHE': '1',
            'FAKETIME_FMT': '%s',
            'FAKETIME_DONT_FAKE_MONOTONIC': '1',
        }
        asan = os.environ.get('ASAN_OPTIONS')
        env['ASAN_OPTIONS'] = (asan + ':' if asan else '') + 'verify_asan_link_order=0'
        return env

    def set(self, when, rate=None, frozen=False):
        """Start the clock at `when` (aware datetime or Unix seconds); it runs
        from there, `rate` times faster, or stands still when frozen."""
        text = ('' if frozen else '@') + str(unix(when))
        if rate:
            text += f' x{rate}'
        tmp = self.path + '.new'
        with open(tmp, 'w') as f:
            f.write(text + '\n')
        os.rename(tmp, self.path)  # libfaketime never reads half a line


def interview(rid, company, when, tz='Europe/Berlin', contacts=('Jane Doe',), extra=''):
    people = ', '.join(
        f'{{ name = "{name}"; email = "{name.split()[0].lower()}@example.com"; '
        f'phone = "+49 30 555 0100"; }}' for name in contacts)
    return (f'{{ id = "{rid}"; company = "{company}"; interviewed_at = "{when}"; '
            f'timezone = "{tz}"; contacts = ( {people} ); {extra} }}')


class TimeTestCase(FollowupTestCase):
    """FollowupTestCase with the daemon on a faked clock."""

    def setUp(self):
        super().setUp()
        if not os.path.exists(FAKETIME_LIB):
            self.skipTest(f'{FAKETIME_LIB} is missing (apt install faketime)')
        # a FAKETIME in the environment would win over the file
        for key in [k for k in self.env if k.startswith('FAKETIME')]:
            del self.env[key]
        self.clock = FakeClock(self.tmp)
        # one Reminded per step shown, sent once the server took the Notify
        self.reminded = self.subscribe(NAME, IFACE, 'Reminded')

    def require_clock_set(self):
        reason = can_set_clock()
        if reason:
            self.skipTest(reason)

    def start_faked_daemon(self, when, rate=None, frozen=False, env=None, prefix=(),
                           drop=()):
        """start_daemon() on the faked clock; `prefix` goes in front of the
        command (it must exec the daemon, so the pid stays the daemon's) and
        the variables in `drop` are taken out of its environment."""
        self.clock.set(when, rate=rate, frozen=frozen)
        full = dict(self.env, **self.clock.env(), **(env or {}))
        for key in drop:
            full.pop(key, None)
        if prefix:
            # preloaded into the daemon alone: a preloaded program that execs
            # another leaves libfaketime's /dev/shm/faketime_* files behind
            del full['LD_PRELOAD']
            prefix = [*prefix, 'env', f'LD_PRELOAD={FAKETIME_LIB}']
        self.daemon_log = open(self.log_path, 'a')
        self.daemon = subprocess.Popen(
            [*prefix, *DAEMON_WRAPPER, FOLLOWUPD, '--verbose', '--config', self.config,
             '--state', self.state],
            env=full, stdout=self.daemon_log, stderr=subprocess.STDOUT)
        self.wait_for_name(NAME, timeout=TIMEOUT * (6 if DAEMON_WRAPPER else 1))
        return self.daemon

    # the clock as the daemon sees it

    def clock_sets_seen(self):
        return self.log().count('the clock was set; re-planning')

    def timer_wakes_seen(self):
        return self.log().count('woke for the next step; re-planning')

    def set_clock(self, when, rate=None):
        """Move the daemon's clock and tell the kernel the clock was set; returns
        once the daemon has re-planned (and answered a call after that)."""
        before = self.clock_sets_seen()
        self.clock.set(when, rate=rate)
        clock_was_set()
        self.wait_until(lambda: self.clock_sets_seen() > before,
                        what='the daemon to hear that the clock was set')
        self.call('Schedule', (0, 0), '(xx)')

    def suspend(self, until):
        """The machine sleeps: the daemon is frozen while the wall clock moves on,
        then it wakes to the kernel's clock-set notice (timerfd_resume()) and
        to its timer, which expired meanwhile."""
        # counted before the stop: once continued, the daemon may log its
        # re-plan before this process looks again
        before, woke = self.clock_sets_seen(), self.timer_wakes_seen()
        self.daemon.send_signal(signal.SIGSTOP)
        try:
            self.clock.set(until)
            clock_was_set()
        finally:
            self.daemon.send_signal(signal.SIGCONT)
        # on resume the daemon hears of the clock change, or, when its
        # timer's deadline passed while it was stopped (likelier when slow,
        # under ASan), the timer itself wakes it: a re-plan either way
        self.wait_until(lambda: self.clock_sets_seen() > before or self.timer_wakes_seen() > woke,
                        what='the daemon to re-plan after the resume')
        self.call('Schedule', (0, 0), '(xx)')

    # what the daemon says

    def wait_shown(self, notifications, steps=None):
        """Wait for `notifications` Notify calls in all and for the daemon to
        have recorded the `steps` (default: as many) steps in them as shown:
        until then a re-plan leaves them alone as in flight, whatever the clock
        says, which would hide a repeat."""
        shown = self.wait_notifications(notifications)
        steps = notifications if steps is None else steps
        self.wait_until(lambda: len(self.reminded) >= steps,
                        what=f'{steps} Reminded signal(s)')
        return shown

    def schedule(self):
        (rows,) = self.call('Schedule', (0, 0), '(xx)')
        return [dict(id=r['id'], action=r['action'], contact=r.get('contact', ''), due=r['due'],
                     until=r.get('until', 0), reason=r['reason']) for r in rows]

    def step(self, action, rid=None):
        rows = [r for r in self.schedule()
                if r['action'] == action and (rid is None or r['id'] == rid)]
        self.assertEqual(len(rows), 1, f'one {action} step expected in {self.schedule()}')
        return rows[0]

    def shown(self):
        """Notify calls so far, counted after a round trip to the daemon, so
        anything it sent before answering has reached the server."""
        self.call('Schedule', (0, 0), '(xx)')
        return [n for n in self.notifications() if not n['summary'].startswith('followup ')]

    def watch_next_due(self):
        """NextDue values from PropertiesChanged, in order."""
        seen = []

        def changed(conn, sender, path, iface, member, params):
            ifname, props, _ = params.unpack()
            if ifname == IFACE and 'NextDue' in props:
                seen.append(props['NextDue'])

        sid = self.conn.signal_subscribe(NAME, 'org.freedesktop.DBus.Properties',
                                         'PropertiesChanged', '/org/followup/Followup1', None,
                                         Gio.DBusSignalFlags.NONE, changed)
        self.addCleanup(self.conn.signal_unsubscribe, sid)
        # as in subscribe(): the owner lookup is answered before this is
        self.conn.call_sync('org.freedesktop.DBus', '/org/freedesktop/DBus',
                            'org.freedesktop.DBus', 'GetId', None, None,
                            Gio.DBusCallFlags.NONE, int(TIMEOUT * 1000), None)
        return seen


class PrivateEtc:
    """A copy of /etc that only the daemon sees as /etc (its own mount
    namespace), so its /etc/localtime can change without touching the host's."""

    def __init__(self, tmp, zone):
        self.dir = os.path.join(tmp, 'etc')
        subprocess.run(['cp', '-a', '/etc', self.dir], check=True)
        self.set_zone(zone)

    def set_zone(self, zone):
        """Like timedatectl set-timezone: a new symlink renamed over the old one."""
        link = os.path.join(self.dir, 'localtime')
        tmp = link + '.new'
        os.symlink(f'/usr/share/zoneinfo/{zone}', tmp)
        os.rename(tmp, link)

    def prefix(self):
        """unshare -m; bind the copy over /etc; exec the rest of the command."""
        return ['unshare', '--mount', '--propagation', 'private', '--', 'sh', '-c',
                'mount --bind "$0" /etc && exec "$@"', self.dir]

    def run_inside(self, pid, argv, env):
        """Run argv in the daemon's mount namespace, with LD_PRELOAD (only)
        for argv itself."""
        env = dict(env)
        preload = env.pop('LD_PRELOAD', None)
        pre = ['env', f'LD_PRELOAD={preload}'] if preload else []
        return subprocess.run(['nsenter', '-t', str(pid), '-m', '--', *pre, *argv], env=env,
                              capture_output=True, text=True, timeout=10)


def unshare_works():
    if os.geteuid() != 0:
        return 'needs root for a private mount namespace (unshare -m)'
    if shutil.which('unshare') is None or shutil.which('nsenter') is None:
        return 'unshare/nsenter (util-linux) missing'
    return None

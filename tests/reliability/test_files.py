#!/usr/bin/python3
"""followupd's files under faults: SIGKILL in the middle of edits, a full
disk and a read-only directory during a save, the record file swapped for a
symlink, opened up or deleted under the running daemon, and a lost or
corrupt state file.

The disk faults need mounts: as root, this program moves itself into a
private mount namespace first (unshare(CLONE_NEWNS)), so its tmpfs and
read-only bind mounts are seen by it and its children only, and vanish with
it. Not root, or no namespaces: those tests are skipped and say why.
"""

import ctypes
import datetime
import errno
import os
import random
import re
import resource
import signal
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..'))
from followup_testlib import (FollowupTestCase, Gio, GLib, IFACE, NAME,  # noqa: E402
                              TIMEOUT, iso, main, now_local)

ERR = 'org.followup.Followup1.Error.'
FOLLOWUPD = os.environ.get('FOLLOWUPD', 'followupd')
CLONE_NEWNS = 0x00020000


def private_mount_namespace():
    """Enter a mount namespace of our own; return None, or why not."""
    if os.geteuid() != 0:
        return 'needs root (mounts a tmpfs and a read-only bind mount)'
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(CLONE_NEWNS) != 0:
        return f'unshare(CLONE_NEWNS) failed: {os.strerror(ctypes.get_errno())}'
    # nothing mounted here may propagate back to the host
    done = subprocess.run(['mount', '--make-rprivate', '/'], capture_output=True, text=True)
    if done.returncode != 0:
        return f'mount --make-rprivate / failed: {done.stderr.strip()}'
    return None


NO_MOUNTS = private_mount_namespace()


def record(**kw):
    return {k: GLib.Variant('i' if isinstance(v, int) else 's', v) for k, v in kw.items()}


def error_name(e):
    return Gio.DBusError.get_remote_error(e) or ''


class FilesTestCase(FollowupTestCase):
    def setUp(self):
        super().setUp()
        self.mounts = []

    def tearDown(self):
        # the daemon first: it must not hold files on a mount being taken away
        self.stop_daemon()
        for point in reversed(self.mounts):
            subprocess.run(['umount', '-l', point], capture_output=True)
        super().tearDown()

    def start_daemon(self, args=(), env=None, wait=True, preexec_fn=None):
        """The harness's start_daemon(), failing at once if followupd exits
        instead of taking its name."""
        if preexec_fn is None:
            super().start_daemon(args, env, wait=False)
        else:
            self.daemon_log = open(self.log_path, 'a')
            self.daemon = subprocess.Popen(
                [FOLLOWUPD, '--verbose', '--config', self.config, '--state', self.state, *args],
                env=dict(self.env, **(env or {})), stdout=self.daemon_log,
                stderr=subprocess.STDOUT, preexec_fn=preexec_fn)
        if wait:
            owned = []
            watch = Gio.bus_watch_name_on_connection(
                self.conn, NAME, Gio.BusNameWatcherFlags.NONE,
                lambda *a: owned.append(True), lambda *a: owned.append(False))
            try:
                self.wait_until(lambda: (owned and owned[-1]) or self.daemon.poll() is not None,
                                what=f'{NAME} to appear')
            finally:
                Gio.bus_unwatch_name(watch)
            code = self.daemon.poll()
            if code is not None:
                self.fail(f'followupd exited with status {code} instead of starting')
        return self.daemon

    def need_mounts(self):
        if NO_MOUNTS:
            self.skipTest(NO_MOUNTS)

    def mount(self, *args):
        done = subprocess.run(['mount', *args], capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, f'mount {" ".join(args)}: {done.stderr}')
        if not any('remount' in a for a in args):
            self.mounts.append(args[-1])

    def check(self, path=None):
        """followupd --check on the record file: (exit code, output)."""
        done = subprocess.run([FOLLOWUPD, '--check', '--config', path or self.config],
                              env=self.env, capture_output=True, text=True, timeout=60)
        return done.returncode, done.stdout + done.stderr

    def read_bytes(self, path=None):
        with open(path or self.config, 'rb') as f:
            return f.read()

    def ids(self):
        (records,) = self.call('List')
        return [r['id'] for r in records]

    def call_alive(self, method, *args, **kw):
        """call(), failing with the daemon's exit status if it died on the way."""
        try:
            return self.call(method, *args, **kw)
        except GLib.Error as e:
            try:
                code = self.daemon.wait(timeout=2)
            except subprocess.TimeoutExpired:
                raise e from None
            self.fail(f'followupd died (status {code}) answering {method}: {e.message}')

    def wait_for_log(self, text, timeout=TIMEOUT):
        self.wait_until(lambda: text in self.log(), timeout, f'“{text}” in the daemon log')

    def assert_alive(self):
        self.assertIsNone(self.daemon.poll(), 'followupd died')
        self.call('List')


THREE = ('{ id = "a"; company = "A"; interviewed_at = "2030-01-10 14:00"; },\n'
         '{ id = "b"; company = "B"; interviewed_at = "2030-01-11 14:00"; notes = "keep me"; },\n'
         '{ id = "c"; company = "C"; interviewed_at = "2030-01-12 14:00"; }')


class KillNine(FilesTestCase):
    """kill -9 at random moments of a stream of edits: the file always
    parses, and every edit whose call returned is in it."""

    EDITS = int(os.environ.get('FOLLOWUP_KILL_EDITS', '1000'))
    KILLS = int(os.environ.get('FOLLOWUP_KILLS', '8'))

    def test_sigkill_during_edits_keeps_every_acknowledged_edit(self):
        seed = int(os.environ.get('FOLLOWUP_SEED', str(time.time_ns() % 1000000)))
        rng = random.Random(seed)
        self.where = f'(FOLLOWUP_SEED={seed})'
        self.write_config()
        self.start_daemon()
        started = time.monotonic()
        # id -> {'notes': last acknowledged notes or None, 'events': acknowledged tags}
        model = {}
        kill_at = set(rng.sample(range(5, self.EDITS), self.KILLS))
        interrupted = kills = 0
        timer = None
        for n in range(self.EDITS):
            if n in kill_at and timer is None:
                timer = threading.Timer(rng.uniform(0.0, 0.04), os.kill,
                                        (self.daemon.pid, signal.SIGKILL))
                timer.start()
            edit = self.pick_edit(rng, model, n)
            try:
                self.call(*edit[1:4])
            except GLib.Error as e:
                name = error_name(e)
                if name.startswith(ERR) or timer is None:
                    self.fail(f'edit {n} {edit[0]} refused: {name}: {e.message} {self.where}')
                interrupted += self.recover(model, edit, timer, kills)
                kills += 1
                timer = None
                continue
            # a kill between two calls is found by the next call
            self.apply(model, edit)
        if timer is not None:
            interrupted += self.recover(model, None, timer, kills)
            kills += 1
        self.stop_daemon()
        self.verify(model, None, 'the end')
        elapsed = time.monotonic() - started
        leftovers = [f for f in os.listdir(self.config_dir)
                     if f not in ('followup.conf', 'followup.conf~')]
        sys.stderr.write(f'# {self.EDITS} edits, {kills} kills ({interrupted} during a call), '
                         f'{len(model)} records, {elapsed:.1f} s, {self.where}; '
                         f'temp files left by kills: {len(leftovers)}\n')
        self.assertGreaterEqual(kills, 1)
        # every kill was followed by a restart, which clears a killed save's temp file
        self.assertEqual(leftovers, [], 'temporary files of interrupted saves were left behind')

    def pick_edit(self, rng, model, n):
        """(kind, method, args, signature, id, value) of edit n."""
        if not model or rng.random() < 0.2:
            rid = f'k{n}'
            return ('Add', 'Add', (record(id=rid, company=f'Company {n}',
                                          interviewed_at='2030-01-10 14:00'),), '(a{sv})',
                    rid, None)
        rid = rng.choice(sorted(model))
        if rng.random() < 0.5 or len(model[rid]['events']) >= 400:
            value = f'u{n}'
            return ('Update', 'Update', (rid, record(notes=value)), '(sa{sv})', rid, value)
        value = f'e{n}'
        # an answer from them: an event a record may hold any number of
        # (a second follow-up email is refused as a repeat)
        return ('RecordEvent', 'RecordEvent',
                (rid, 'response', record(at='2030-01-11 09:00', notes=value)), '(ssa{sv})',
                rid, value)

    @staticmethod
    def apply(model, edit):
        kind, rid, value = edit[0], edit[4], edit[5]
        if kind == 'Add':
            model[rid] = {'notes': None, 'events': set()}
        elif kind == 'Update':
            model[rid]['notes'] = value
        else:
            model[rid]['events'].add(value)

    def recover(self, model, edit, timer, kills):
        """The daemon was killed: check the file, restart, compare; 1 if an
        edit was in flight."""
        timer.join()
        self.daemon.wait(timeout=TIMEOUT)
        self.stop_daemon(signal.SIGKILL)
        self.wait_for_name(NAME, present=False)
        self.verify(model, edit, f'kill {kills + 1}')
        return 1 if edit is not None else 0

    def verify(self, model, edit, when):
        code, output = self.check()
        self.assertEqual(code, 0, f'after {when} the record file does not parse: {output} '
                                  f'{self.where}')
        self.start_daemon()
        (records,) = self.call('List')
        got = {r['id']: r for r in records}
        kind, rid, value = (edit[0], edit[4], edit[5]) if edit else (None, None, None)
        for want_id, want in model.items():
            self.assertIn(want_id, got, f'after {when}: acknowledged Add of {want_id} lost '
                                        f'{self.where}')
            have = got[want_id]
            allowed = {want['notes']} | ({value} if kind == 'Update' and rid == want_id else set())
            self.assertIn(have.get('notes'), allowed,
                          f'after {when}: {want_id} has notes {have.get("notes")!r}, '
                          f'acknowledged {want["notes"]!r} {self.where}')
            tags = {e.get('notes') for e in have.get('events', [])}
            self.assertEqual(want['events'] - tags, set(),
                             f'after {when}: acknowledged events of {want_id} lost {self.where}')
            maybe = {value} if kind == 'RecordEvent' and rid == want_id else set()
            self.assertEqual(tags - want['events'] - maybe, set(),
                             f'after {when}: {want_id} has events nobody sent {self.where}')
        maybe = {rid} if kind == 'Add' else set()
        self.assertEqual(set(got) - set(model) - maybe, set(),
                         f'after {when}: records nobody added {self.where}')
        # an edit that made it to disk unacknowledged is part of the file now
        model.clear()
        for have_id, have in got.items():
            model[have_id] = {'notes': have.get('notes'),
                              'events': {e.get('notes') for e in have.get('events', [])}}


class DiskFaults(FilesTestCase):
    """A save that cannot be written is refused with a named error, and the
    file on disk stays exactly as it was."""

    def assert_refused(self, before, words, growing_only=False):
        edits = [
            ('Add', (record(id='new', company='New', interviewed_at='2030-01-10 14:00',
                            notes='x' * 3000),), '(a{sv})'),
            ('Update', ('b', record(notes='y' * 3000)), '(sa{sv})'),
            ('RecordEvent', ('a', 'email', record(at='2030-01-11 09:00', notes='z' * 3000)),
             '(ssa{sv})'),
            ('Remove', ('c',), '(s)'),
        ]
        if growing_only:
            edits = edits[:3]  # a smaller file would fit
        for method, args, signature in edits:
            name, message = self.call_error(method, args, signature)
            self.assertEqual(name, ERR + 'IO', f'{method}: {name}: {message}')
            for word in words:
                self.assertIn(word, message, f'{method}: the message should say {word!r}')
            self.assertEqual(self.read_bytes(), before, f'{method} changed the record file')
        # the same edits sent at once are saved together, and refused together
        for (method, _, _), (name, message) in zip(edits, self.call_many(edits)):
            self.assertEqual(name, ERR + 'IO', f'{method} sent with the others: {message}')
        self.assertEqual(self.read_bytes(), before, 'the edits sent at once changed the file')
        # refused means not applied, in memory either
        self.assertEqual(self.ids(), ['a', 'b', 'c'])
        (b,) = self.call('Get', ('b',), '(s)')
        self.assertEqual(b['notes'], 'keep me')
        # and no half-written temp file is left behind
        strays = [f for f in os.listdir(self.config_dir)
                  if f not in ('followup.conf', 'followup.conf~', 'filler')]
        self.assertEqual(strays, [])

    def assert_recovers(self):
        self.call('Add', (record(id='after', company='After',
                                 interviewed_at='2030-01-10 14:00'),), '(a{sv})')
        self.assertEqual(self.ids(), ['a', 'b', 'c', 'after'])
        code, output = self.check()
        self.assertEqual(code, 0, output)
        self.assertIn('ok, 4 interviews', output)

    def test_disk_full_during_a_save(self):
        self.need_mounts()
        self.mount('-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs', self.config_dir)
        self.write_config(THREE)
        self.start_daemon()
        before = self.read_bytes()
        filler = os.path.join(self.config_dir, 'filler')
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            while True:
                os.write(fd, b'\0' * 4096)
        except OSError as e:
            self.assertEqual(e.errno, errno.ENOSPC)
        finally:
            os.close(fd)
        self.assert_refused(before, [self.config, 'No space left on device'])
        self.assert_alive()
        os.unlink(filler)
        self.assert_recovers()

    def test_file_size_limit_during_a_save(self):
        # RLIMIT_FSIZE: the backup (old size) fits, the new file does not,
        # so the failure comes after the backup was written
        self.write_config(THREE)
        limit = os.path.getsize(self.config) + 1024

        def limit_file_size():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of a core dump
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        self.start_daemon(preexec_fn=limit_file_size)
        before = self.read_bytes()
        self.assert_refused(before, [self.config, 'File too large'], growing_only=True)
        self.assert_alive()

    def test_read_only_config_directory(self):
        self.need_mounts()
        self.write_config(THREE)
        self.start_daemon()
        before = self.read_bytes()
        self.mount('--bind', self.config_dir, self.config_dir)
        self.mount('-o', 'remount,bind,ro', self.config_dir)
        self.assert_refused(before, [self.config, 'Read-only file system'])
        self.assert_alive()
        subprocess.run(['umount', self.config_dir], check=True)
        self.mounts.pop()
        self.assert_recovers()


class SwappedUnderIt(FilesTestCase):
    """The record file changed by someone else while the daemon runs."""

    def setUp(self):
        super().setUp()
        self.write_config(THREE)
        self.start_daemon()

    def test_deleted_while_running(self):
        changed = self.subscribe(NAME, IFACE, 'Changed')
        os.unlink(self.config)
        self.wait_until(lambda: changed, what='the daemon to notice the deletion')
        self.wait_for_log(f'{self.config} is gone;')
        # kept in memory ...
        self.assertEqual(self.ids(), ['a', 'b', 'c'])
        self.assertFalse(os.path.exists(self.config))
        # ... and written back by the next change
        self.call('Add', (record(id='d', company='D', interviewed_at='2030-01-10 14:00'),),
                  '(a{sv})')
        code, output = self.check()
        self.assertEqual(code, 0, output)
        self.assertIn('ok, 4 interviews', output)
        self.assertEqual(os.stat(self.config).st_mode & 0o777, 0o600)
        self.assertIn('keep me', self.read_config())
        self.assert_alive()

    def test_made_world_readable(self):
        os.chmod(self.config, 0o644)
        self.call('Update', ('a', record(role='Analyst')), '(sa{sv})')
        self.assertEqual(os.stat(self.config).st_mode & 0o777, 0o600,
                         'the save left the record file readable by others')
        # the backup holds the same private data
        self.assertEqual(os.stat(self.config + '~').st_mode & 0o777, 0o600)
        self.wait_for_log(f'saved {self.config}')
        self.assert_alive()

    def test_replaced_by_a_symlink(self):
        elsewhere = os.path.join(self.tmp, 'dotfiles', 'followup.conf')
        os.makedirs(os.path.dirname(elsewhere))
        with open(elsewhere, 'w') as f:
            f.write('version = 1;\ninterviews = ( { id = "linked"; company = "L"; '
                    'interviewed_at = "2030-01-10 14:00"; } );\n')
        os.chmod(elsewhere, 0o600)
        changed = self.subscribe(NAME, IFACE, 'Changed')
        os.symlink(elsewhere, self.config + '.new')
        os.rename(self.config + '.new', self.config)
        self.wait_until(lambda: changed, what='the daemon to notice the swap')
        self.wait_for_log(f'{self.config} changed on disk')
        # read through the link
        self.assertEqual(self.ids(), ['linked'])
        self.call('Add', (record(id='d', company='D', interviewed_at='2030-01-10 14:00'),),
                  '(a{sv})')
        # the edit went where the link points, and the link stays
        self.assertTrue(os.path.islink(self.config),
                        f'the save replaced the symlink {self.config} with a regular file: '
                        f'{elsewhere}, where it pointed, silently keeps the old records')
        with open(elsewhere) as f:
            text = f.read()
        self.assertIn('"d"', text)
        # a hand edit where the link points (an editor's save: write, rename)
        # is picked up as one of the file itself would be
        while GLib.MainContext.default().iteration(False):
            pass  # signals of the changes so far
        before = len(changed)
        with open(elsewhere + '.tmp', 'w') as f:
            f.write(text.replace('company = "D"', 'company = "Dotfiles"'))
        os.rename(elsewhere + '.tmp', elsewhere)
        # a reload says Changed("")
        self.wait_until(lambda: ('',) in changed[before:],
                        what='the daemon to notice the edit where the link points')
        (d,) = self.call('Get', ('d',), '(s)')
        self.assertEqual(d['company'], 'Dotfiles')
        self.assert_alive()


def due_now(company='Acme Corp', rid='acme'):
    """A record whose thank-you is due now (an interview an hour ago)."""
    at = now_local() - datetime.timedelta(hours=1)
    return f'''{{ id = "{rid}"; company = "{company}"; interviewed_at = "{iso(at)}";
      contacts = ( {{ name = "Jane Doe"; }} ); }}'''


def damage_missing(path):
    os.unlink(path)


def damage_garbage(path):
    with open(path, 'wb') as f:
        f.write(bytes(range(256)) * 4)


def damage_truncated(path):
    with open(path, 'rb') as f:
        text = f.read()
    with open(path, 'wb') as f:
        f.write(text[:len(text) // 2])


def damage_wrong_json(path):
    with open(path, 'w') as f:
        f.write('[1, 2, {"shown": "yes"}]')


def damage_wrong_types(path):
    with open(path, 'w') as f:
        f.write('{"version": "one", "shown": {"acme/thank-you/Jane Doe": "today"}, '
                '"snoozes": [1, 2]}')


def damage_far_snooze(path):
    # a snooze past the year 9999, which GDateTime cannot hold
    with open(path) as f:
        text = f.read()
    keys = re.findall(r'"(acme/[^"]+)"', text)
    with open(path, 'w') as f:
        f.write('{"version": 1, "shown": {}, "snoozes": {%s}}'
                % ', '.join(f'"{k}": {2 ** 62}' for k in keys))


def damage_directory(path):
    os.unlink(path)
    os.mkdir(path)


class StateFile(FilesTestCase):
    """Losing the state costs at most one repeated reminder, never a crash."""

    def show_once(self):
        """One reminder shown and remembered in the state file."""
        self.write_config(due_now())
        self.start_notification_server()
        reminded = self.subscribe(NAME, IFACE, 'Reminded')
        self.start_daemon()
        # Reminded comes once the daemon has the server's answer and marked it shown
        self.wait_until(lambda: reminded, what='the reminder to be shown')
        self.assertEqual(self.stop_daemon(), 0)
        self.assertTrue(os.path.exists(self.state))
        self.assertEqual(len(self.notifications()), 1)

    def restart_and_count(self):
        """Restart the daemon, then bring up a fresh notification server, and
        count what that server was shown."""
        self.stop_notification_server()
        self.start_daemon()
        # a call is a barrier: whatever the daemon sent before its reply (here
        # a GetCapabilities at start) has been routed by the bus, to no one
        self.call_alive('Schedule', (0, 0), '(xx)')
        mark = len(self.log())
        self.start_notification_server()
        self.wait_until(lambda: 'a notification server is here' in self.log()[mark:],
                        what='the daemon to meet the notification server')
        # it re-planned and sent what was due right then, before answering this
        self.call_alive('Reload')
        return len(self.notifications())

    def damaged(self, damage, writable):
        self.show_once()
        damage(self.state)
        repeats = self.restart_and_count()
        self.assertLessEqual(repeats, 1, 'the reminder was repeated more than once')
        self.assertIsNone(self.daemon.poll())
        # nothing more on later re-plans ...
        self.daemon.send_signal(signal.SIGHUP)
        self.call_alive('Reload')
        self.assertEqual(len(self.notifications()), repeats, 'repeated on a re-plan')
        self.assertEqual(self.stop_daemon(), 0)
        # ... nor after a restart, once the state could be written again; a
        # state that cannot be written costs one repeat per start
        again = self.restart_and_count()
        self.assertLessEqual(again, 0 if writable else 1,
                             'the reminder was repeated again after a restart')
        self.assertEqual(self.stop_daemon(), 0)
        return repeats


def make_state_test(damage, warns, writable=True):
    def test(self):
        repeats = self.damaged(damage, writable)
        if warns:
            self.assertIn(self.state, self.log(), 'no log line names the state file')
        sys.stderr.write(f'# {damage.__name__}: the reminder came {repeats} more time(s)\n')
    test.__doc__ = f'state file: {damage.__name__[7:]}'
    return test


for _damage, _warns, _writable in [(damage_missing, False, True), (damage_garbage, True, True),
                                   (damage_truncated, True, True),
                                   (damage_wrong_json, True, True),
                                   (damage_wrong_types, False, True),
                                   (damage_far_snooze, False, True),
                                   (damage_directory, True, False)]:
    setattr(StateFile, f'test_state_{_damage.__name__[7:]}',
            make_state_test(_damage, _warns, _writable))


if __name__ == '__main__':
    main()

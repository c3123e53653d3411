#!/usr/bin/python3
"""followupd under the faults of issue 18 ("nothing lost, nothing repeated"):
an unreadable record file, start-up removing files it did not make,
dangling and looping symlinks and hard links, an editor's save racing the
reminders, a snooze or a click that cannot be saved, a timed-out edit
retried, a failed directory fsync, shutdown with a notification in flight,
and a storm of edits during a slow hand save.

Faults are made on demand by fault-shim.c (LD_PRELOAD, path in
FOLLOWUP_FAULT_SHIM) and by tmpfs mounts in the private mount namespace
that test_files.py enters when imported (as root; otherwise those tests are
skipped and say why).
"""

import datetime
import os
import re
import signal
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from followup_testlib import (NOTIFY_NAME, NOTIFY_PATH, TIMEOUT, Gio, GLib,  # noqa: E402
                              IFACE, NAME, main, now_local)
from test_files import ERR, FOLLOWUPD, THREE, FilesTestCase, due_now, record  # noqa: E402

FOLLOWUPCTL = os.environ.get('FOLLOWUPCTL', 'followupctl')
SHIM = os.environ.get('FOLLOWUP_FAULT_SHIM', '')
BROKEN_SUMMARY = 'followup cannot read your records'
HAND = '{ id = "hand%d"; company = "Hand %d"; interviewed_at = "2030-01-10 14:00"; },\n'


def add_args(company, rid=None, **extra):
    """Add's arguments for a record interviewed in 2030."""
    r = record(company=company, interviewed_at='2030-01-10 14:00', **({'id': rid} if rid else {}))
    r.update({k: GLib.Variant('s', v) for k, v in extra.items()})
    return (r,)


def past_record(rid, company, days=3):
    """A record interviewed `days` ago, with a phone contact."""
    at = (now_local() - datetime.timedelta(days=days)).strftime('%Y-%m-%d %H:%M')
    return (f'{{ id = "{rid}"; company = "{company}"; interviewed_at = "{at}";\n'
            f'  contacts = ( {{ name = "Jane Doe"; phone = "+49 30 1234"; }} ); }}')


class FaultTestCase(FilesTestCase):
    """FilesTestCase with the shim, followupctl and a few waits."""

    def shim(self, **faults):
        """Environment settings that preload the fault shim with `faults`."""
        if not SHIM or not os.path.exists(SHIM):
            self.skipTest('FOLLOWUP_FAULT_SHIM is not set to the built fault shim')
        asan = os.environ.get('ASAN_OPTIONS', '')
        env = {'LD_PRELOAD': SHIM,
               'ASAN_OPTIONS': (asan + ':' if asan else '') + 'verify_asan_link_order=0'}
        env.update({k: str(v) for k, v in faults.items()})
        return env

    def ctl(self, *args, env=None):
        done = subprocess.run([FOLLOWUPCTL, *args], env=dict(self.env, **(env or {})),
                              stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              timeout=TIMEOUT * 4)
        return done.returncode, done.stdout + done.stderr

    def check_with(self, env):
        done = subprocess.run([FOLLOWUPD, '--check', '--config', self.config],
                              env=dict(self.env, **env), capture_output=True, text=True,
                              timeout=60)
        return done.returncode, done.stdout + done.stderr

    def call_async(self, method, args, signature, timeout=TIMEOUT):
        """Send a call now; the list gets ('ok', value) or (error, message)."""
        result = []

        def done(conn, res, data):
            try:
                result.append(('ok', conn.call_finish(res).unpack()))
            except GLib.Error as e:
                name = Gio.DBusError.get_remote_error(e)
                Gio.DBusError.strip_remote_error(e)
                result.append((name, e.message))

        self.conn.call(NAME, '/org/followup/Followup1', IFACE, method,
                       GLib.Variant(signature, args), None, Gio.DBusCallFlags.NO_AUTO_START,
                       int(timeout * 1000), None, done, None)
        return result

    def assert_broken(self, reason, words, records=()):
        """Issue 18's broken-file outcome: Add refused with ConfigBroken naming
        the file and the reason, the records kept, status naming it."""
        name, message = self.refused('Add', add_args('New', 'new'), '(a{sv})',
                                     f'on a record file that cannot be read ({reason}); it '
                                     'was taken for an absent one')
        self.assertEqual(name, ERR + 'ConfigBroken',
                         f'Add on a record file that cannot be read ({reason}): {message}')
        for word in words:
            self.assertIn(word, message, f'the refusal should say {word!r}')
        self.assertEqual(self.ids(), list(records), 'the records in memory were not kept')
        _, output = self.ctl('status')
        self.assertIn(reason, output, 'followupctl status does not name the problem')

    def refused(self, method, args, signature, why):
        """(error name, message) of a call that must be refused; fail if it is not."""
        try:
            self.call(method, args, signature)
        except GLib.Error as e:
            name = Gio.DBusError.get_remote_error(e)
            Gio.DBusError.strip_remote_error(e)
            return name, e.message
        self.fail(f'{method} succeeded {why}')

    def call_ok(self, method, args, signature, what):
        """call(), failing the test (not erroring) when the daemon refuses."""
        try:
            return self.call(method, args, signature)
        except GLib.Error as e:
            message = e.message
        self.fail(f'{what} refused: {message}')

    def schedule(self, rid=None, action=None):
        (steps,) = self.call('Schedule', (0, 0), '(xx)')
        return [s for s in steps if (rid is None or s['id'] == rid) and
                (action is None or s['action'] == action)]


class Unreadable(FaultTestCase):
    """Issue 18: an unreadable file is taken as a deleted one."""

    def test_eacces_at_start(self):
        """issue 18, unreadable file: EACCES at start is a named problem, not an absence"""
        self.write_config(THREE)
        before = self.read_bytes()
        env = self.shim(FAULT_OPEN_ERRNO=f'EACCES:{self.config}')
        self.start_daemon(env=env)
        self.assert_broken('Permission denied', [self.config, 'Permission denied'])
        self.assertEqual(self.read_bytes(), before, 'the unreadable file was written over')
        code, output = self.check_with(env)
        self.assertEqual(code, 1, output)
        self.assertIn('Permission denied', output)

    def test_eio_while_running(self):
        """issue 18, unreadable file: EIO while running keeps the records, refuses edits"""
        self.write_config(THREE)
        before = self.read_bytes()
        arm = os.path.join(self.tmp, 'arm-eio')
        env = self.shim(FAULT_OPEN_ERRNO=f'EIO:{self.config}', FAULT_OPEN_ARM=arm)
        self.start_daemon(env=env)
        self.assertEqual(self.ids(), ['a', 'b', 'c'])
        open(arm, 'w').close()  # from now on every open of the file fails with EIO
        self.assert_broken('Input/output error', [self.config, 'Input/output error'],
                           ['a', 'b', 'c'])
        self.assertEqual(self.read_bytes(), before, 'the file gave EIO and was written over')
        code, output = self.check_with(env)
        self.assertEqual(code, 1, output)
        self.assertIn('Input/output error', output)

    def test_directory_at_start(self):
        """issue 18, unreadable file: a directory at the path at start (EISDIR)"""
        os.mkdir(self.config)
        self.start_daemon()
        self.assert_broken('is a directory', [self.config, 'is a directory'])
        self.assertTrue(os.path.isdir(self.config), 'the directory was replaced')
        code, output = self.check()
        self.assertEqual(code, 1, output)
        self.assertIn('is a directory', output)

    def test_directory_replaces_the_file_while_running(self):
        """issue 18, unreadable file: the file removed and a directory made at its path"""
        self.write_config(THREE)
        self.start_daemon()
        os.unlink(self.config)
        os.mkdir(self.config)
        self.assert_broken('is a directory', [self.config, 'is a directory'], ['a', 'b', 'c'])
        self.assertTrue(os.path.isdir(self.config), 'the directory was replaced')
        self.assertEqual(os.listdir(self.config), [], 'something was written into the directory')


class TempFiles(FaultTestCase):
    """Issue 18: start-up deletes the user's own files."""

    USER_FILES = ('followup.conf.backup', 'followup.conf.broken', 'followup.conf.before')

    def make(self, name, text='mine\n'):
        path = os.path.join(self.config_dir, name)
        with open(path, 'w') as f:
            f.write(text)
        return path

    def test_user_files_survive_start(self):
        """issue 18, start-up: followup.conf.backup/.broken/.before are the user's"""
        self.write_config(THREE)
        paths = [self.make(n) for n in self.USER_FILES]
        self.start_daemon()
        self.call('List')
        gone = [os.path.basename(p) for p in paths if not os.path.exists(p)]
        self.assertEqual(gone, [], 'start-up removed files the daemon did not make')

    def test_own_stale_temp_file_removed_once_named(self):
        """issue 18, start-up: a stale .followup.conf.followupd-XXXXXX goes once the name is held"""
        self.write_config(THREE)
        stale = self.make('.followup.conf.followupd-Ab3dE9', 'half a save')
        self.start_daemon()
        self.wait_until(lambda: not os.path.exists(stale),
                        what='the daemon to remove its own stale temp file')

    def test_second_instance_touches_nothing(self):
        """issue 18, start-up: a second followupd leaves the running one's save alone"""
        self.write_config(THREE)
        self.start_daemon(env=self.shim(FAULT_SLOW_FSYNC_MS=2500))
        known = set(os.listdir(self.config_dir))
        result = self.call_async('Add', add_args('Slow', 'slow'), '(a{sv})', timeout=TIMEOUT * 2)
        temps = []

        def save_under_way():
            temps[:] = [n for n in os.listdir(self.config_dir) if n not in known and
                        n not in ('followup.conf', 'followup.conf~') and
                        n.lstrip('.').startswith('followup.conf')]
            return temps or result

        self.wait_until(save_under_way, what='the save to make its temp file')
        self.assertTrue(temps, f'the save ended before a second daemon could start: {result}')
        second = subprocess.run([FOLLOWUPD, '--config', self.config, '--state', self.state],
                                env=self.env, capture_output=True, text=True, timeout=TIMEOUT)
        self.assertEqual(second.returncode, 1, second.stderr)
        gone = [t for t in temps if not os.path.exists(os.path.join(self.config_dir, t))]
        self.assertEqual(gone, [], 'the second followupd removed the running one\'s temp file')
        self.wait_until(lambda: result, timeout=TIMEOUT * 2, what='the answer to the Add')
        self.assertEqual(result[0], ('ok', ('slow',)),
                         'the second followupd removed the running daemon\'s temp file '
                         f'{temps}, so its save failed')
        self.assertIn('"slow"', self.read_config())


class Links(FaultTestCase):
    """Issue 18: a dangling dotfiles symlink is replaced; a hard link is split."""

    def dangling(self, target, link_target):
        os.symlink(link_target, self.config)
        self.start_daemon()
        self.assertTrue(os.path.islink(self.config), f'{self.config} is no longer a symlink')
        self.assertEqual(os.readlink(self.config), link_target)
        self.assertFalse(os.path.lexists(target) and not os.path.islink(target),
                         f'a file was created at the link\'s target {target}')
        name, message = self.refused('Add', add_args('New', 'new'), '(a{sv})',
                                     f'through a link to {link_target}, which cannot be read')
        self.assertEqual(name, ERR + 'ConfigBroken', message)
        self.assertIn(link_target, message, 'the refusal does not name the link\'s target')
        self.assertTrue(os.path.islink(self.config), 'the edit replaced the symlink')
        self.assertEqual(os.readlink(self.config), link_target)
        _, output = self.ctl('status')
        self.assertIn(link_target, output, 'followupctl status does not name the problem')

    def test_dangling_symlink(self):
        """issue 18, links: a dangling symlink (target not there yet) is kept and refused"""
        dotfiles = os.path.join(self.tmp, 'dotfiles')
        os.mkdir(dotfiles)
        target = os.path.join(dotfiles, 'followup.conf')
        self.dangling(target, target)
        self.assertFalse(os.path.lexists(target))

    def test_symlink_loop(self):
        """issue 18, links: a symlink loop (a -> b -> a) is kept and refused"""
        other = os.path.join(self.config_dir, 'loop-b')
        os.symlink(self.config, other)
        self.dangling(other, other)
        self.assertEqual(os.readlink(other), self.config)

    def test_hard_link_is_kept(self):
        """issue 18, links: an edit keeps a hard-linked record file one inode"""
        self.write_config(THREE)
        other = os.path.join(self.tmp, 'dotfiles-followup.conf')
        os.link(self.config, other)
        self.start_daemon()
        self.call('Add', add_args('New', 'new'), '(a{sv})')
        self.assertEqual(os.stat(self.config).st_ino, os.stat(other).st_ino,
                         'the save split the hard link: the other name keeps the old records')
        with open(other) as f:
            self.assertIn('"new"', f.read())


class EditorSaves(FaultTestCase):
    """Issue 18: shown reminders come back and snoozes vanish after an ordinary save."""

    # the new file stays empty this long before its content is written, as
    # with a slow disk or a big file; without it today's daemon loses the
    # race about one save in six (the issue saw two runs in five)
    EMPTY_MS = 50

    def emacs_save(self, text):
        os.rename(self.config, self.config + '~')
        fd = os.open(self.config, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        time.sleep(self.EMPTY_MS / 1000)  # the fault, not a wait for the daemon
        os.write(fd, text.encode())
        os.close(fd)

    def mv_cp_save(self, text):
        moved = os.path.join(self.config_dir, 'x')
        os.rename(self.config, moved)
        subprocess.run(['cp', moved, self.config], check=True,
                       env=dict(self.env, **self.shim(FAULT_SLOW_CREATE_MS=self.EMPTY_MS)))
        os.unlink(moved)

    def saves_keep_state(self, save):
        self.write_config(due_now('Acme Corp', 'acme') + ',\n' + due_now('Beta Ltd', 'beta'))
        self.start_notification_server()
        reminded = self.subscribe(NAME, IFACE, 'Reminded')
        self.start_daemon()
        self.wait_until(lambda: len(reminded) >= 2, what='both reminders to be shown')
        self.assertEqual(len(self.wait_notifications(2)), 2)
        self.assertEqual(len(self.schedule('beta', 'thank-you')), 1)
        until = int(time.time()) + 3600
        self.call('Snooze', ('beta', 'thank-you', until), '(ssx)')
        text = self.read_config()
        for _ in range(5):
            save(text)
            self.call('List')
        # the file as it now stands, read at once: whatever the saves did shows now
        self.call('Reload')
        self.call('List')
        shown = self.notifications()
        self.assertEqual(len(shown), 2, 'a reminder already shown, or a snoozed one, was '
                         f'shown again after the saves: {[n["summary"] for n in shown[2:]]}')
        (step,) = self.schedule('beta', 'thank-you')
        self.assertGreaterEqual(step['due'], until, 'the snooze was lost in the saves')

    def test_emacs_style_save(self):
        """issue 18, editor save: rename to FILE~, write FILE anew, five times"""
        self.saves_keep_state(self.emacs_save)

    def test_mv_and_cp(self):
        """issue 18, editor save: mv FILE x; cp x FILE, five times"""
        self.saves_keep_state(self.mv_cp_save)


class UnsavedState(FaultTestCase):
    """Issue 18: a snooze that cannot be saved answers OK; a click is dropped."""

    def test_snooze_on_a_read_only_state_directory(self):
        """issue 18, snooze: Snooze fails with Error.IO when the state cannot be saved"""
        self.need_mounts()
        state_dir = os.path.dirname(self.state)
        os.makedirs(state_dir)
        self.mount('-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs', state_dir)
        self.write_config(due_now())
        self.start_daemon()  # no notification server: nothing is shown
        self.assertEqual(len(self.schedule('acme', 'thank-you')), 1)
        self.mount('-o', 'remount,ro', state_dir)
        until = int(time.time()) + 1800
        name, message = self.refused('Snooze', ('acme', 'thank-you', until), '(ssx)',
                                     'though its state cannot be saved (read-only directory)')
        self.assertEqual(name, ERR + 'IO', message)

    def test_done_click_while_the_file_is_broken(self):
        """issue 18, click: "Done" while the file is broken is not lost"""
        self.write_config(due_now())
        self.start_notification_server()
        reminded = self.subscribe(NAME, IFACE, 'Reminded')
        self.start_daemon()
        self.wait_until(lambda: reminded, what='the reminder to be shown')
        with open(self.config, 'a') as f:
            f.write('interviews = ( { id = ')
        self.wait_until(lambda: self.prop('ConfigProblem'), what='the daemon to see the break')
        self.click(1, 'done')

        def not_recorded():
            return [n for n in self.notifications() if n['summary'].startswith('Not recorded')]

        self.wait_until(not_recorded, what='a "Not recorded" notification for the lost click')
        self.assertEqual(len(self.schedule('acme', 'thank-you')), 1,
                         'the reminder is no longer pending, though its click was not recorded')


class Retries(FaultTestCase):
    """Issue 18: a timed-out edit is applied anyway; a retry doubles it."""

    def stalled(self, *args):
        """followupctl ARGS while the daemon is stopped, then resumed."""
        os.kill(self.daemon.pid, signal.SIGSTOP)
        try:
            code, output = self.ctl(*args)
        finally:
            os.kill(self.daemon.pid, signal.SIGCONT)
        return code, output

    def assert_unknown_outcome(self, code, output):
        self.assertEqual(code, 75, f'a timed-out edit should exit 75 (outcome unknown): {output}')
        self.assertIn('may have been made', output)
        self.assertIn('followupctl list', output)

    def test_timed_out_add_retried(self):
        """issue 18, time-out: followupctl add retried after a time-out adds one record"""
        self.write_config()
        self.start_daemon()
        args = ('add', '--company', 'X', '--at', 'today 09:00')
        self.assert_unknown_outcome(*self.stalled(*args))
        self.wait_until(lambda: self.ids(), what='the stalled Add to be applied')
        (first,) = self.ids()
        code, output = self.ctl(*args)
        self.assertEqual(code, 0, output)
        self.assertRegex(output, rf'\b{re.escape(first)}\b(?!-)',
                         'the retry did not answer with the first id')
        (records,) = self.call('List')
        self.assertEqual([r['id'] for r in records if r['company'] == 'X'], [first])

    def test_timed_out_call_retried(self):
        """issue 18, time-out: followupctl called ... voicemail retried counts one call"""
        self.write_config(past_record('acme', 'Acme Corp'))
        self.start_daemon()

        def calls():
            (r,) = self.call('Get', ('acme',), '(s)')
            return [e for e in r.get('events', []) if e.get('type') == 'call']

        args = ('called', 'acme', 'voicemail')
        self.assert_unknown_outcome(*self.stalled(*args))
        self.wait_until(calls, what='the stalled call event to be recorded')
        code, output = self.ctl(*args)
        self.assertEqual(code, 0, output)
        self.assertEqual(len(calls()), 1, 'the retried call was counted twice')

    def test_request_tokens_on_the_bus(self):
        """issue 18, time-out: Add and RecordEvent with a request-token apply once"""
        self.write_config(past_record('acme', 'Acme Corp'))
        self.start_daemon()
        args = add_args('Token Co', **{'request-token': 'tok-add-1'})
        (first,) = self.call_ok('Add', args, '(a{sv})', 'Add with a request-token')
        (again,) = self.call_ok('Add', args, '(a{sv})', 'the same Add again')
        self.assertEqual(again, first, 'the same request token got a second record')
        (records,) = self.call('List')
        self.assertEqual(len([r for r in records if r['company'] == 'Token Co']), 1)
        details = {'outcome': GLib.Variant('s', 'voicemail'),
                   'request-token': GLib.Variant('s', 'tok-call-1')}
        for what in ('RecordEvent with a request-token', 'the same RecordEvent again'):
            self.call_ok('RecordEvent', ('acme', 'call', details), '(ssa{sv})', what)
        (acme,) = self.call('Get', ('acme',), '(s)')
        self.assertEqual(len([e for e in acme.get('events', []) if e.get('type') == 'call']), 1,
                         'the same request token recorded a second call')


class DirectoryFsync(FaultTestCase):
    """Issue 18: "refused" but on disk."""

    def test_directory_fsync_fails_after_the_rename(self):
        """issue 18, fsync: a failed directory fsync after the rename still reports done"""
        self.write_config(THREE)
        self.start_daemon(env=self.shim(FAULT_DIR_FSYNC_ERRNO='EIO'))
        result = self.call_async('Add', add_args('New', 'new'), '(a{sv})')
        self.wait_until(lambda: result, what='the answer to the Add')
        self.assertEqual(result[0], ('ok', ('new',)),
                         'the edit was renamed into place, then reported as failed')
        self.assertIn('"new"', self.read_config())


class HangingNotifications:
    """A notification server in this process that never answers Notify."""

    XML = '''<node><interface name="org.freedesktop.Notifications">
      <method name="GetCapabilities"><arg type="as" direction="out"/></method>
      <method name="GetServerInformation"><arg type="s" direction="out"/>
        <arg type="s" direction="out"/><arg type="s" direction="out"/>
        <arg type="s" direction="out"/></method>
      <method name="Notify"><arg type="s"/><arg type="u"/><arg type="s"/><arg type="s"/>
        <arg type="s"/><arg type="as"/><arg type="a{sv}"/><arg type="i"/>
        <arg type="u" direction="out"/></method>
      <method name="CloseNotification"><arg type="u"/></method>
    </interface></node>'''

    def __init__(self, address, hang_caps=False):
        self.held = []  # calls never answered
        self.hang_caps = hang_caps
        self.conn = Gio.DBusConnection.new_for_address_sync(
            address, Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT |
            Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)
        info = Gio.DBusNodeInfo.new_for_xml(self.XML).interfaces[0]
        self.reg = self.conn.register_object(NOTIFY_PATH, info, self.method_call, None, None)
        self.conn.call_sync('org.freedesktop.DBus', '/org/freedesktop/DBus',
                            'org.freedesktop.DBus', 'RequestName',
                            GLib.Variant('(su)', (NOTIFY_NAME, 4)), None,
                            Gio.DBusCallFlags.NONE, int(TIMEOUT * 1000), None)

    def method_call(self, conn, sender, path, iface, method, params, invocation):
        if method == 'GetCapabilities' and self.hang_caps:
            self.held.append(invocation)
        elif method == 'GetCapabilities':
            invocation.return_value(GLib.Variant('(as)', (['body', 'actions'],)))
        elif method == 'GetServerInformation':
            invocation.return_value(GLib.Variant('(ssss)', ('hang', 'test', '1', '1.2')))
        elif method == 'Notify':
            self.held.append(invocation)
        else:
            invocation.return_value(None)

    def close(self):
        if not self.conn.is_closed():
            self.conn.unregister_object(self.reg)
            self.conn.close_sync(None)
        self.held.clear()


class Shutdown(FaultTestCase):
    """Issue 18: a critical warning at shutdown."""

    def test_sigterm_with_a_notification_in_flight(self):
        """issue 18, shutdown: SIGTERM while Notify (or GetCapabilities) is unanswered"""
        self.write_config(due_now())
        for hang_caps in (False, True):
            server = HangingNotifications(self.bus.address, hang_caps)
            self.addCleanup(server.close)
            self.start_daemon()
            self.wait_until(lambda: server.held, what='the daemon to call the server')
            self.daemon.send_signal(signal.SIGTERM)
            self.wait_until(lambda: self.daemon.poll() is not None, what='the daemon to exit')
            code = self.stop_daemon()
            log = self.log()
            self.assertEqual(code, 0, f'followupd exited with {code}')
            self.assertNotIn('CRITICAL', log)
            self.assertNotIn('assertion', log)
            server.close()


class Storm(FaultTestCase):
    """Issue 18: a storm of messages during a slow in-place save."""

    def slow_writer(self, lock, gate, rounds, done):
        """Save the file in place, slowly, as a hand edit: each round adds a
        record to what is there, writes half, waits, writes the rest."""
        try:
            for i in range(rounds):
                gate.clear()  # the adder waits at the gate, so the writer gets the lock
                with lock:
                    text = self.read_config()
                    text = re.sub(r'interviews\s*=\s*\(', lambda m: m.group(0) + '\n' +
                                  HAND % (i, i), text, count=1).encode()
                    fd = os.open(self.config, os.O_WRONLY | os.O_TRUNC)
                    os.write(fd, text[:len(text) // 2])
                gate.set()
                time.sleep(0.3)  # the fault: a save that takes a while
                os.write(fd, text[len(text) // 2:])
                os.close(fd)
                time.sleep(0.05)
        finally:
            done.append(True)
            gate.set()

    def test_adds_during_a_slow_hand_save(self):
        """issue 18, storm: Adds during slow in-place saves wait; one broken notice at most"""
        self.write_config(THREE)
        self.start_notification_server()
        self.start_daemon()
        lock, gate, done, rounds = threading.Lock(), threading.Event(), [], 4
        gate.set()
        writer = threading.Thread(target=self.slow_writer, args=(lock, gate, rounds, done))
        writer.start()
        acked, refused, n = [], [], 0
        try:
            while not done and n < 2000:
                gate.wait()
                with lock:
                    try:
                        (rid,) = self.call('Add', add_args(f'Storm {n}', f'storm{n}'), '(a{sv})')
                        acked.append(rid)
                    except GLib.Error as e:
                        refused.append(Gio.DBusError.get_remote_error(e))
                n += 1
        finally:
            writer.join()
        self.call('List')
        broken = [x for x in self.notifications() if x['summary'] == BROKEN_SUMMARY]
        self.assertEqual(len(refused), 0, f'{len(refused)} of {n} Adds refused during the hand '
                         f'save ({", ".join(sorted(set(map(str, refused))))}); '
                         f'{len(broken)} "cannot read" notifications')
        self.assertLessEqual(len(broken), 1, 'the broken file was announced more than once')
        ids = set(self.ids())
        want = {'a', 'b', 'c'} | {f'hand{i}' for i in range(rounds)} | set(acked)
        self.assertEqual(want - ids, set(), 'hand-written records or acknowledged Adds lost')
        text = self.read_config()
        for rid in want:
            self.assertIn(f'"{rid}"', text, f'{rid} is not in the file')

    def test_status_names_a_directory_in_place(self):
        """issue 18, storm: with a directory in place of the file, status names it"""
        os.mkdir(self.config)
        self.start_daemon()
        _, output = self.ctl('status')
        self.assertIn('is a directory', output, f'status names no problem: {output}')


if __name__ == '__main__':
    main()

#!/usr/bin/python3
"""followupd fed hostile input over D-Bus: wrong signatures, wrong types
inside records, missing keys, megabyte strings, invalid UTF-8 and NULs,
10,000 records in one burst, markup and format specifiers in names. It must
answer each with a named error (or do the right thing), never crash, and
never touch the record file for a refused call. One short hostile run under
valgrind, where valgrind is installed and the build is not sanitized."""

import datetime
import html
import os
import re
import signal
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..'))
from followup_testlib import (FollowupTestCase, Gio, GLib, IFACE, NAME, PATH,  # noqa: E402
                              SRCDIR, TIMEOUT, iso, main, now_local)

ERR = 'org.followup.Followup1.Error.'
INVALID_ARGS = 'org.freedesktop.DBus.Error.InvalidArgs'
FOLLOWUPD = os.environ.get('FOLLOWUPD', 'followupd')
# Adds that arrive together are saved together (followup-batch.c), so a
# burst of 10,000 takes about a minute; under ASan it takes three times as
# long and 2,000 are enough to find memory errors there
BURST_SECONDS = float(os.environ.get('FOLLOWUP_BURST_SECONDS', '300'))
MB = 1024 * 1024


def s(text):
    return GLib.Variant('s', text)


def record(**kw):
    return {k: v if isinstance(v, GLib.Variant) else
            GLib.Variant('i' if isinstance(v, int) else 's', v) for k, v in kw.items()}


def good(**kw):
    """A valid record, with some keys replaced."""
    base = dict(company='Acme', interviewed_at='2030-01-10 14:00')
    base.update(kw)
    return record(**{k: v for k, v in base.items() if v is not None})


def error_name(e):
    return Gio.DBusError.get_remote_error(e) or ''


def stripped(e):
    Gio.DBusError.strip_remote_error(e)
    return e.message


def sanitized(path):
    """A binary built with ASan: valgrind cannot run it."""
    try:
        with open(path, 'rb') as f:
            return b'__asan_init' in f.read()
    except OSError:
        return False


class HostileTestCase(FollowupTestCase):
    initial = ('{ id = "a"; company = "A"; interviewed_at = "2030-01-10 14:00"; '
               'contacts = ( { name = "Jo"; } ); }')

    def setUp(self):
        super().setUp()
        self.write_config(self.initial)

    def raw_call(self, method, params, iface=IFACE, timeout=TIMEOUT):
        """A call with any signature at all: (reply, None) or (None, (name, message))."""
        try:
            reply = self.conn.call_sync(NAME, PATH, iface, method, params, None,
                                        Gio.DBusCallFlags.NO_AUTO_START, int(timeout * 1000),
                                        None)
            return reply, None
        except GLib.Error as e:
            return None, (error_name(e), stripped(e))

    def refused(self, method, params, error, words=(), iface=IFACE):
        reply, problem = self.raw_call(method, params, iface)
        self.assertIsNone(reply, f'{method}{params and params.get_type_string()} was accepted')
        name, message = problem
        self.assertIn(name, error if isinstance(error, tuple) else (error,),
                      f'{method}: {message[:300]}')
        for word in words:
            self.assertIn(word, message, f'{method}: {message[:300]}')
        return message

    def assert_alive(self):
        self.assertIsNone(self.daemon.poll(), 'followupd died')
        self.assertEqual(self.raw_call('List', None)[1], None)


class WrongSignatures(HostileTestCase):
    def test_every_method_with_wrong_argument_types(self):
        self.start_daemon()
        before = self.read_config()
        d = {'company': s('X')}
        wrong = {
            'Add': [None, GLib.Variant('(s)', ('x',)), GLib.Variant('(a{ss})', ({'company': 'X'},)),
                    GLib.Variant('(a{sv}a{sv})', (d, d)), GLib.Variant('(aa{sv})', ([d],)),
                    GLib.Variant('(v)', (GLib.Variant('a{sv}', d),))],
            'Update': [None, GLib.Variant('(s)', ('a',)), GLib.Variant('(a{sv}s)', (d, 'a')),
                       GLib.Variant('(si)', ('a', 1)), GLib.Variant('(oa{sv})', ('/a', d))],
            'Remove': [None, GLib.Variant('(i)', (1,)), GLib.Variant('(ss)', ('a', 'a')),
                       GLib.Variant('(ay)', (b'a',))],
            'Get': [None, GLib.Variant('(as)', (['a'],)), GLib.Variant('(g)', ('s',))],
            'List': [GLib.Variant('(s)', ('a',))],
            'RecordEvent': [GLib.Variant('(ss)', ('a', 'email')),
                            GLib.Variant('(sss)', ('a', 'email', 'now')),
                            GLib.Variant('(ssa{ss})', ('a', 'email', {'at': 'now'}))],
            'Snooze': [GLib.Variant('(ssi)', ('a', 'call', 0)),
                       GLib.Variant('(sst)', ('a', 'call', 0)),
                       GLib.Variant('(ss)', ('a', 'call'))],
            'Schedule': [GLib.Variant('(ii)', (0, 0)), GLib.Variant('(x)', (0,)),
                         GLib.Variant('(ss)', ('0', '0'))],
            'Reload': [GLib.Variant('(b)', (True,))],
            'Check': [GLib.Variant('(s)', ('/etc/shadow',))],
        }
        for method, params_list in wrong.items():
            for params in params_list:
                self.refused(method, params, INVALID_ARGS)
        self.refused('Explode', None, 'org.freedesktop.DBus.Error.UnknownMethod')
        props = 'org.freedesktop.DBus.Properties'
        self.refused('Set', GLib.Variant('(ssv)', (IFACE, 'NextDue', GLib.Variant('x', 1))),
                     (INVALID_ARGS, 'org.freedesktop.DBus.Error.PropertyReadOnly'), iface=props)
        self.refused('Set', GLib.Variant('(ssv)', (IFACE, 'Records', GLib.Variant('s', 'x'))),
                     (INVALID_ARGS, 'org.freedesktop.DBus.Error.PropertyReadOnly'), iface=props)
        self.refused('Get', GLib.Variant('(ss)', (IFACE, 'Password')), INVALID_ARGS,
                     iface=props)
        self.assertEqual(self.read_config(), before)
        self.assert_alive()


class WrongValues(HostileTestCase):
    def test_wrong_types_inside_records(self):
        self.start_daemon()
        before = self.read_config()
        not_strings = [GLib.Variant('i', 5), GLib.Variant('b', True), GLib.Variant('d', 1.5),
                       GLib.Variant('ay', b'Acme'), GLib.Variant('ay', b'Ac\x00me'),
                       GLib.Variant('ay', b'\xff\xfe'), GLib.Variant('as', ['Acme']),
                       GLib.Variant('v', s('Acme')), GLib.Variant('o', '/Acme'),
                       GLib.Variant('g', 's'), GLib.Variant('a{sv}', {'x': s('y')})]
        accepted = []
        for key in ['company', 'role', 'interviewed_at', 'timezone', 'notes', 'status',
                    'decision_by', 'id']:
            for value in not_strings:
                reply, problem = self.raw_call('Add', GLib.Variant('(a{sv})',
                                                                   (good(**{key: value}),)))
                if reply is not None:
                    # say so at the end, after every other case had its turn
                    accepted.append(f'Add with {key} = {value} made “{reply.unpack()[0]}”')
                    self.call('Remove', reply.unpack(), '(s)')
                    continue
                name, message = problem
                self.assertEqual(name, ERR + 'Invalid', message)
                self.assertIn(key, message)
                self.assertIn('must be a string', message, f'{key} = {value}')
                self.refused('Update', GLib.Variant('(sa{sv})', ('a', {key: value})),
                             ERR + 'Invalid', [key])
        for value in [s('7'), GLib.Variant('d', 7.0), GLib.Variant('y', 7), GLib.Variant('n', 7),
                      GLib.Variant('t', 7), GLib.Variant('x', 2 ** 40), GLib.Variant('i', -1),
                      GLib.Variant('u', 2 ** 32 - 1), GLib.Variant('ay', b'7')]:
            self.refused('Add', GLib.Variant('(a{sv})', (good(decision_in_days=value),)),
                         ERR + 'Invalid', ['decision_in_days'])
        for key in ['contacts', 'events']:
            for value in [s('Jo'), GLib.Variant('as', ['Jo']), GLib.Variant('a{sv}', {}),
                          GLib.Variant('aa{ss}', [{'name': 'Jo'}]),
                          GLib.Variant('av', [GLib.Variant('a{sv}', {'name': s('Jo')})])]:
                self.refused('Add', GLib.Variant('(a{sv})', (good(**{key: value}),)),
                             ERR + 'Invalid', [key])
        inner = [({'name': GLib.Variant('i', 42)}, 'contacts.1.name'),
                 ({'name': s('Jo'), 'email': GLib.Variant('ay', b'jo@x')}, 'contacts.1.email'),
                 ({'name': s('Jo'), 'timezone': GLib.Variant('i', 1)}, 'contacts.1.timezone')]
        for contact, where in inner:
            self.refused('Add', GLib.Variant('(a{sv})', (good(contacts=GLib.Variant(
                'aa{sv}', [contact])),)), ERR + 'Invalid', [where, 'must be a string'])
        for details, where in [({'at': GLib.Variant('x', 1893456000)}, 'at'),
                               ({'outcome': GLib.Variant('ay', b'reached')}, 'outcome'),
                               ({'contact': GLib.Variant('i', 0)}, 'contact'),
                               ({'notes': GLib.Variant('as', ['x'])}, 'notes')]:
            self.refused('RecordEvent', GLib.Variant('(ssa{sv})', ('a', 'call', details)),
                         ERR + 'Invalid', [where])
        self.assert_alive()
        self.assertEqual(accepted, [], 'wrongly typed values were accepted')
        self.assertEqual(self.read_config(), before)

    def test_missing_keys(self):
        self.start_daemon()
        before = self.read_config()
        cases = [
            ({}, 'company'),
            (record(company='Acme'), 'interviewed_at'),
            (record(interviewed_at='2030-01-10 14:00'), 'company'),
            (good(contacts=GLib.Variant('aa{sv}', [{}])), 'contacts.1.name'),
            (good(contacts=GLib.Variant('aa{sv}', [{'email': s('x@y')}])), 'contacts.1.name'),
            (good(events=GLib.Variant('aa{sv}', [{}])), 'events.1'),
            (good(events=GLib.Variant('aa{sv}', [{'type': s('email')}])), 'events.1.at'),
            (good(events=GLib.Variant('aa{sv}', [{'at': s('2030-01-11 10:00')}])),
             'events.1.type'),
        ]
        for rec, word in cases:
            self.refused('Add', GLib.Variant('(a{sv})', (rec,)), ERR + 'Invalid', [word])
        self.refused('RecordEvent', GLib.Variant('(ssa{sv})', ('a', 'call', {})),
                     ERR + 'Invalid', ['outcome'])
        self.refused('RecordEvent', GLib.Variant('(ssa{sv})', ('a', '', {})),
                     ERR + 'Invalid', ['type'])
        self.refused('Snooze', GLib.Variant('(ssx)', ('a', '', 0)), ERR + 'Invalid', ['action'])
        self.refused('Get', GLib.Variant('(s)', ('',)), ERR + 'NotFound')
        self.refused('Update', GLib.Variant('(sa{sv})', ('a', {'company': s('')})),
                     ERR + 'Invalid', ['company'])
        self.assertEqual(self.read_config(), before)
        self.assert_alive()

    def test_huge_strings(self):
        self.start_daemon()
        before = self.read_config()
        big = 'x' * MB
        for key in ['company', 'role', 'notes', 'interviewed_at', 'timezone', 'id', 'status']:
            started = time.monotonic()
            self.refused('Add', GLib.Variant('(a{sv})', (good(**{key: big}),)), ERR + 'Invalid',
                         [key])
            self.assertLess(time.monotonic() - started, 5, f'a 1 MB {key} took long')
        self.refused('Add', GLib.Variant('(a{sv})', (dict(good(), **{big: s('x')}),)),
                     ERR + 'Invalid', ['unknown key'])
        many = dict(good(), **{f'key{i}': s('x') for i in range(10000)})
        self.refused('Add', GLib.Variant('(a{sv})', (many,)), ERR + 'Invalid', ['unknown key'])
        self.refused('Add', GLib.Variant('(a{sv})', (good(contacts=GLib.Variant(
            'aa{sv}', [{'name': s(f'P{i}')} for i in range(5000)])),)), ERR + 'Invalid',
            ['contacts'])
        self.refused('Get', GLib.Variant('(s)', (big,)), ERR + 'NotFound')
        self.refused('Remove', GLib.Variant('(s)', (big,)), ERR + 'NotFound')
        self.refused('Update', GLib.Variant('(sa{sv})', ('a', {'notes': s(big)})),
                     ERR + 'Invalid', ['notes', 'too long'])
        self.refused('RecordEvent', GLib.Variant('(ssa{sv})', ('a', big, {})), ERR + 'Invalid')
        self.refused('RecordEvent', GLib.Variant('(ssa{sv})', ('a', 'email', {'notes': s(big)})),
                     ERR + 'Invalid', ['notes'])
        self.refused('Snooze', GLib.Variant('(ssx)', ('a', big, 0)), ERR + 'Invalid')
        # the longest accepted values do go through
        (rid,) = self.call('Add', (good(company='C' * 200, notes='N' * 4000),), '(a{sv})')
        (got,) = self.call('Get', (rid,), '(s)')
        self.assertEqual(len(got['notes']), 4000)
        self.assertNotEqual(self.read_config(), before)
        self.assert_alive()

    def test_snooze_times_out_of_range(self):
        self.start_daemon()
        now = int(time.time())
        for action in ['thank-you', 'call']:
            for until in [2 ** 63 - 1, 2 ** 62, 253402300800, 253402300799, now + 400 * 86400]:
                _, problem = self.raw_call('Snooze', GLib.Variant('(ssx)', ('a', action, until)))
                if problem is not None and not problem[0].startswith(ERR):
                    self.fail(f'Snooze(a, {action}, {until}) got no answer ({problem[0]}); '
                              f'followupd exited with status {self.daemon.wait(timeout=5)}')
                if problem is not None:
                    self.assertEqual(problem[0], ERR + 'Invalid', problem[1])
                    self.assertIn('until', problem[1])
                self.assertIsNone(self.daemon.poll(),
                                  f'followupd died after Snooze(a, {action}, {until})')
                (schedule,) = self.call('Schedule', (0, 0), '(xx)')
                for row in schedule:
                    step, due = row['action'], row['due']
                    self.assertGreater(due, now - 86400, f'{step} is due at {due} after '
                                                         f'Snooze(a, {action}, {until})')
        for until in [-2, -2 ** 63, 0, now - 60]:
            self.refused('Snooze', GLib.Variant('(ssx)', ('a', 'thank-you', until)),
                         ERR + 'Invalid', ['until'])
        # -1 undoes a snooze: accepted, and harmless without one
        self.raw_call('Snooze', GLib.Variant('(ssx)', ('a', 'thank-you', -1)))
        self.assert_alive()

    def test_control_characters(self):
        self.start_daemon()
        before = self.read_config()
        for text in ['Acme\x1b[31m', 'Acme\rCorp', 'Acme\x7f\x01', 'line\nbreak', 'tab\there']:
            self.refused('Add', GLib.Variant('(a{sv})', (good(company=text),)), ERR + 'Invalid',
                         ['company'])
        self.assertEqual(self.read_config(), before)
        # notes may hold several lines
        self.call('Update', ('a', record(notes='one\ntwo\tthree')), '(sa{sv})')
        (got,) = self.call('Get', ('a',), '(s)')
        self.assertEqual(got['notes'], 'one\ntwo\tthree')
        self.assert_alive()


def bus_socket(address):
    """A raw socket to the bus at a unix: address."""
    for entry in address.split(';'):
        if not entry.startswith('unix:'):
            continue
        fields = dict(kv.split('=', 1) for kv in entry[5:].split(','))
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        if 'path' in fields:
            sock.connect(fields['path'])
        elif 'abstract' in fields:
            sock.connect('\0' + fields['abstract'])
        else:
            continue
        return sock
    raise RuntimeError(f'no unix socket in {address}')


def read_until_closed(sock, timeout):
    """Everything the bus sends until it hangs up; None if it never does."""
    sock.settimeout(timeout)
    data = b''
    try:
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                return data
            data += chunk
    except socket.timeout:
        return None
    except ConnectionResetError:
        return data


class InvalidUtf8(HostileTestCase):
    def send_raw(self, placeholder, raw):
        """Send Add with `placeholder` in a string swapped for raw bytes
        afterwards, past every client-side check; what does the bus do?"""
        msg = Gio.DBusMessage.new_method_call(NAME, PATH, IFACE, 'Add')
        msg.set_body(GLib.Variant('(a{sv})', (good(id='raw', company=placeholder),)))
        msg.set_serial(2)
        blob = msg.to_blob(Gio.DBusCapabilityFlags.NONE)
        self.assertEqual(blob.count(placeholder.encode()), 1)
        self.assertEqual(len(placeholder.encode()), len(raw))
        blob = blob.replace(placeholder.encode(), raw)
        hello = Gio.DBusMessage.new_method_call('org.freedesktop.DBus', '/org/freedesktop/DBus',
                                                'org.freedesktop.DBus', 'Hello')
        hello.set_serial(1)
        sock = bus_socket(self.bus.address)
        try:
            sock.sendall(b'\0AUTH EXTERNAL ' + str(os.getuid()).encode().hex().encode() + b'\r\n')
            sock.settimeout(TIMEOUT)
            self.assertTrue(sock.recv(4096).startswith(b'OK '))
            sock.sendall(b'BEGIN\r\n' + hello.to_blob(Gio.DBusCapabilityFlags.NONE) + blob)
            return read_until_closed(sock, TIMEOUT)
        finally:
            sock.close()

    def test_invalid_utf8_and_nul_never_arrive(self):
        self.start_daemon()
        before = self.read_config()
        for placeholder, raw in [('ZZZZ', b'\xff\xfe\xfd\xfc'), ('ZZZZ', b'Ac\x00e'),
                                 ('ZZZZZZ', b'\xed\xa0\x80abc')]:
            answer = self.send_raw(placeholder, raw)
            # dbus-daemon validates every message and drops a client that sends
            # a malformed one: the call never reaches followupd
            self.assertIsNotNone(answer, f'{raw!r}: the bus kept the connection open')
            self.assertNotIn(b'org.followup.Followup1.Error', answer)
            self.assert_alive()
        self.refused('Get', GLib.Variant('(s)', ('raw',)), ERR + 'NotFound')
        self.assertEqual(self.read_config(), before)
        # as bytes inside a{sv} they do arrive, and the validator names them
        for raw in [b'\xff\xfe\xfd\xfc', b'Ac\x00me', b'\xed\xa0\x80']:
            self.refused('Add', GLib.Variant('(a{sv})', (good(company=GLib.Variant('ay', raw)),)),
                         ERR + 'Invalid', ['company', 'must be a string'])
        self.assertEqual(self.read_config(), before)
        self.assert_alive()


class Burst(HostileTestCase):
    initial = ''
    BURST = int(os.environ.get('FOLLOWUP_BURST_RECORDS',
                               '2000' if sanitized(FOLLOWUPD) else '10000'))

    def test_ten_thousand_records_in_one_burst(self):
        """Many concurrent Add calls (a window of 64 in flight: the bus
        allows a client 128 pending replies)."""
        self.start_daemon()
        answered, failed, sent = [], [], [0]
        slowest_get, unanswered = [0.0], []
        started = time.monotonic()
        window = 64

        def done(conn, res, rid):
            try:
                conn.call_finish(res)
                answered.append(rid)
            except GLib.Error as e:
                failed.append((rid, error_name(e), e.message))
            if sent[0] < self.BURST and time.monotonic() - started < BURST_SECONDS:
                send()

        def send():
            rid = f'r{sent[0]}'
            sent[0] += 1
            rec = good(id=rid, company=f'Company {sent[0]}', role='Role <b> & %s%n',
                       contacts=GLib.Variant('aa{sv}', [{'name': s('Jo'), 'email': s('jo@x')}]))
            self.conn.call(NAME, PATH, IFACE, 'Add', GLib.Variant('(a{sv})', (rec,)), None,
                           Gio.DBusCallFlags.NO_AUTO_START, 600 * 1000, None, done, rid)

        def ping():
            # a call queued behind the burst still gets its answer
            t = time.monotonic()
            try:
                self.call('Get', ('r0',), '(s)', timeout=30)
            except GLib.Error as e:
                unanswered.append(e.message)
            slowest_get[0] = max(slowest_get[0], time.monotonic() - t)
            return GLib.SOURCE_CONTINUE

        for _ in range(window):
            send()
        pinger = None
        self.wait_until(lambda: answered, what='the first Add')
        pinger = GLib.timeout_add(1000, ping)
        try:
            self.wait_until(lambda: len(answered) + len(failed) == sent[0] and
                            (sent[0] == self.BURST or time.monotonic() - started >= BURST_SECONDS),
                            timeout=BURST_SECONDS + 120, what='the burst to be answered')
        finally:
            GLib.source_remove(pinger)
        elapsed = time.monotonic() - started
        self.assertEqual(failed, [])
        self.assertIsNone(self.daemon.poll(), 'followupd died in the burst')
        (records,) = self.call('List', timeout=60)
        self.assertEqual(sorted(r['id'] for r in records), sorted(answered))
        done_check = subprocess.run([FOLLOWUPD, '--check', '--config', self.config],
                                    env=self.env, capture_output=True, text=True, timeout=120)
        self.assertEqual(done_check.returncode, 0, done_check.stderr[:2000])
        self.assertIn(f'ok, {len(answered)} interviews', done_check.stdout)
        sys.stderr.write(f'# {len(answered)} of {self.BURST} Adds answered in {elapsed:.1f} s '
                         f'({len(answered) / elapsed:.0f}/s); slowest Get during the burst '
                         f'{slowest_get[0]:.2f} s\n')
        self.assertEqual(unanswered, [], 'a Get during the burst got no answer in 30 s')
        self.assertEqual(len(answered), self.BURST,
                         f'in {BURST_SECONDS:.0f} s the daemon answered only {len(answered)} '
                         f'of {self.BURST} Adds ({len(answered) / elapsed:.0f}/s)')


NASTY = '<b>Acme & Co</b> %s%n%x %%'
CONTACT = 'Jo <i>"\'&amp;'
EMAIL = 'a&b<c>@x.example'


def due_record(rid, company):
    """A record full of markup whose thank-you is due now."""
    at = iso(now_local() - datetime.timedelta(hours=1))
    contact = CONTACT.replace('"', '\\"')
    return (f'{{ id = "{rid}"; company = "{company}"; role = "{NASTY}"; '
            f'interviewed_at = "{at}"; notes = "{NASTY}"; '
            f'contacts = ( {{ name = "{contact}"; email = "{EMAIL}"; }} ); }}')


class Markup(HostileTestCase):
    initial = ''

    def assert_escaped(self, body, raw_parts):
        self.assertNotIn('<', body, f'unescaped markup in {body!r}')
        self.assertIsNone(re.search(r'&(?!amp;|lt;|gt;|quot;|apos;|#\d+;|#x[0-9a-fA-F]+;)', body),
                          f'a bare & in {body!r}')
        for part in raw_parts:
            self.assertIn(part, html.unescape(body))

    def test_markup_and_format_specifiers_in_one_reminder(self):
        self.write_config(due_record('m', NASTY))
        self.start_notification_server('body body-markup actions')
        self.start_daemon()
        n = self.wait_notifications(1)[0]
        # the summary is plain text by the spec: shown as written
        self.assertEqual(n['summary'], f'Send a thank-you note to {CONTACT} at {NASTY}')
        self.assert_escaped(n['body'], [CONTACT, EMAIL])
        self.assert_alive()

    def test_markup_in_a_summary_of_several(self):
        # five due at once: three singly, the last two listed in one
        # notification (issue 14), whose body is escaped like any other
        companies = ['A', 'B', 'C', NASTY, '&lt;not&gt;']
        self.write_config(',\n'.join(due_record(f'm{i}', c) for i, c in enumerate(companies)))
        self.start_notification_server('body body-markup actions')
        self.start_daemon()
        shown = self.wait_notifications(4)
        (n,) = [x for x in shown if not x['actions']]
        self.assertEqual(n['summary'], '2 more follow-ups wait')
        self.assert_escaped(n['body'], [NASTY, '&lt;not&gt;'])
        self.assert_alive()

    def test_markup_in_a_broken_file_notification(self):
        self.write_config(due_record('m', 'Acme'))
        self.start_notification_server('body body-markup actions')
        self.start_daemon()
        self.wait_notifications(1)
        text = self.read_config().replace('"m"', '"m"; status = "<b>&%s%n</b>"')
        changed = self.subscribe(NAME, IFACE, 'Changed')
        with open(self.config, 'w') as f:
            f.write(text)
        self.wait_until(lambda: changed, what='the daemon to read the edit')
        shown = self.wait_notifications(2)
        self.assertEqual(shown[1]['summary'], 'followup cannot read your records')
        self.assert_escaped(shown[1]['body'], ['<b>&%s%n</b>'])
        self.assert_alive()

    def test_server_without_body_markup_gets_plain_text(self):
        self.write_config(due_record('m', NASTY))
        self.start_notification_server('body actions')
        self.start_daemon()
        n = self.wait_notifications(1)[0]
        self.assertIn(EMAIL, n['body'])
        self.assertIn(CONTACT, n['body'])
        self.assert_alive()


# valgrind cannot run a program built with ASan: there the sanitizers do
# this job, and the test is not defined (rather than skipped)
if not sanitized(FOLLOWUPD):
    class UnderValgrind(HostileTestCase):
        SUPPRESSIONS = ['/usr/share/glib-2.0/valgrind/glib.supp',
                        os.path.join(SRCDIR, 'tests', 'valgrind.supp')]

        def test_short_hostile_run_under_valgrind(self):
            valgrind = subprocess.run(['sh', '-c', 'command -v valgrind'], capture_output=True,
                                      text=True).stdout.strip()
            if not valgrind:
                self.skipTest('valgrind is not installed')
            self.write_config(due_record('m', NASTY))
            self.start_notification_server()
            vg_log = os.path.join(self.tmp, 'valgrind.log')
            self.daemon_log = open(self.log_path, 'a')
            self.daemon = subprocess.Popen(
                [valgrind, '--error-exitcode=1', '--leak-check=full',
                 '--errors-for-leak-kinds=definite', f'--log-file={vg_log}',
                 *[f'--suppressions={p}' for p in self.SUPPRESSIONS if os.path.exists(p)],
                 FOLLOWUPD, '--verbose', '--config', self.config, '--state', self.state],
                env=dict(self.env, G_SLICE='always-malloc', G_DEBUG='gc-friendly,fatal-criticals'),
                stdout=self.daemon_log, stderr=subprocess.STDOUT)
            self.wait_for_name(NAME, timeout=120)
            self.wait_notifications(1, timeout=60)
            slow = 60
            for params in [None, GLib.Variant('(s)', ('x',)), GLib.Variant('(a{ss})', ({},))]:
                self.raw_call('Add', params, timeout=slow)
            for value in [GLib.Variant('ay', b'\xff\x00'), GLib.Variant('i', 1), s('x' * MB),
                          s('Acme\x1b')]:
                self.raw_call('Add', GLib.Variant('(a{sv})', (good(company=value),)), timeout=slow)
            self.raw_call('Add', GLib.Variant('(a{sv})', ({},)), timeout=slow)
            self.raw_call('Get', GLib.Variant('(s)', ('x' * MB,)), timeout=slow)
            self.raw_call('RecordEvent', GLib.Variant('(ssa{sv})', ('m', 'call', {})), timeout=slow)
            (rid,) = self.call('Add', (good(company=NASTY),), '(a{sv})', timeout=slow)
            self.call('Update', (rid, record(notes='%s%n')), '(sa{sv})', timeout=slow)
            self.call('RecordEvent', (rid, 'call', record(outcome='voicemail')), '(ssa{sv})',
                      timeout=slow)
            self.call('Snooze', (rid, 'call', 0), '(ssx)', timeout=slow)
            self.call('Schedule', (0, 0), '(xx)', timeout=slow)
            self.call('Remove', (rid,), '(s)', timeout=slow)
            self.call('Reload', timeout=slow)
            self.daemon.send_signal(signal.SIGTERM)
            code = self.daemon.wait(timeout=120)
            self.daemon_log.close()
            self.daemon = None
            with open(vg_log) as f:
                report = f.read()
            summary = [line for line in report.splitlines()
                       if 'ERROR SUMMARY' in line or 'definitely lost' in line]
            sys.stderr.write('# valgrind: ' + ' / '.join(summary) + '\n')
            self.assertEqual(code, 0, f'valgrind reports errors:\n{report[-12000:]}')


if __name__ == '__main__':
    main()

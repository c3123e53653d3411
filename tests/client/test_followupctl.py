#!/usr/bin/python3
"""followupctl against the real followupd on a private bus: every command, its
output, exit code and the record file afterwards, bad input included."""

import csv
import datetime
import io
import json
import os
import pty
import pwd
import re
import select
import shlex
import subprocess
import sys
import urllib.parse
import zoneinfo

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..'))
from followup_testlib import (FOLLOWUPD, NAME, SRCDIR, TIMEOUT, FollowupTestCase, Gio,  # noqa: E402
                              GLib, main, now_local)

FOLLOWUPCTL = os.environ.get('FOLLOWUPCTL', 'followupctl')
NOT_RUNNING = ('followupctl: the followup daemon is not running (start it with: '
               'systemctl --user start followupd, or run followupd)\n')
COMMANDS = ['add', 'list', 'show', 'edit', 'rm', 'next', 'agenda', 'done', 'called', 'heard',
            'contact', 'skip', 'round', 'status', 'snooze', 'draft', 'stats', 'export', 'check',
            'reload', 'help']
NY = zoneinfo.ZoneInfo('America/New_York')


def local_zone():
    return zoneinfo.ZoneInfo(os.environ.get('TZ', 'Europe/Berlin'))


def stamp(dt):
    return dt.strftime('%Y-%m-%d %H:%M')


def days_ago(days, hour, minute=0, tz=None):
    tz = tz or local_zone()
    day = datetime.datetime.now(tz).date() - datetime.timedelta(days=days)
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)


def interview(rid, company, at, extra=''):
    return f'{{ id = "{rid}"; company = "{company}"; interviewed_at = "{at}"; {extra} }}'


TWO_CONTACTS = ('contacts = ( { name = "Jane Doe"; email = "jane@acme.example"; '
                'phone = "+1 555 0100"; }, { name = "Raj Patel"; timezone = "Asia/Kolkata"; } );')


class Result:
    def __init__(self, proc):
        self.rc = proc.returncode
        self.out = proc.stdout.decode('utf-8')
        self.err = proc.stderr.decode('utf-8')

    def __repr__(self):
        return f'rc={self.rc}\n--- stdout:\n{self.out}--- stderr:\n{self.err}'


class ClientTestCase(FollowupTestCase):
    start = True
    interviews = ''

    def setUp(self):
        super().setUp()
        self.write_config(self.interviews)
        if self.start:
            self.start_daemon()

    def ctl(self, *args, env=None):
        proc = subprocess.run([FOLLOWUPCTL, *args], env=dict(self.env, **(env or {})),
                              stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT * 3)
        return Result(proc)

    def ok(self, *args, **kw):
        r = self.ctl(*args, **kw)
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(r.err, '', r)
        return r

    def usage(self, command, *args, word=None):
        """A usage error: exit 2, the message and the command's usage on stderr,
        and the record file untouched."""
        before = self.read_config()
        r = self.ctl(command, *args)
        self.assertEqual(r.rc, 2, r)
        self.assertEqual(r.out, '', r)
        self.assertTrue(r.err.startswith(f'followupctl {command}: '), r)
        self.assertIn(f'Usage: followupctl {command}', r.err)
        if word is not None:
            self.assertIn(word, r.err.splitlines()[0])
        self.assertEqual(self.read_config(), before)
        return r

    def refused(self, *args, word=None):
        """The daemon said no: exit 1, one line naming the problem, no usage."""
        before = self.read_config()
        r = self.ctl(*args)
        self.assertEqual(r.rc, 1, r)
        self.assertEqual(len(r.err.splitlines()), 1, r)
        self.assertTrue(r.err.startswith('followupctl: '), r)
        self.assertNotIn('Usage', r.err)
        if word is not None:
            self.assertIn(word, r.err)
        self.assertEqual(self.read_config(), before)
        return r

    def schedule(self):
        (reminders,) = self.call('Schedule', (0, 0), '(xx)')
        return reminders

    def get(self, rid):
        (record,) = self.call('Get', (rid,), '(s)')
        return record

    def json_out(self, *args):
        return json.loads(self.ok(*args).out)

    def own_template(self, name, text):
        """A template of the user's own, NAME relative to their templates folder."""
        path = os.path.join(self.home, '.config', 'followup', 'templates', name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w') as f:
            f.write(text)


class Add(ClientTestCase):
    def test_prints_id_and_first_reminders(self):
        # two hours ago: the thank-yous are still within their day (R1)
        at = (datetime.datetime.now(NY) - datetime.timedelta(hours=2)).replace(second=0,
                                                                               microsecond=0)
        r = self.ok('add', '--company', 'Acme Corp', '--role', 'Data Analyst',
                    '--at', at.strftime('%Y-%m-%d %H:%M'), '--tz', 'America/New_York',
                    '--contact', 'Jane Doe', '--phone', '+1 555 0100',
                    '--email', 'jane@acme.example', '--prefers', 'phone',
                    '--contact', 'Raj Patel', '--email', 'raj@acme.example',
                    '--decision-in', '1w', '--notes', 'Asked about the reporting stack.')
        lines = r.out.splitlines()
        self.assertEqual(lines[0], 'Added acme-corp-data-analyst.')
        self.assertEqual(lines[1], 'First reminders:')
        self.assertRegex(lines[2], r'^WHEN\s+ACTION\s+WHAT$')
        body = '\n'.join(lines[3:])
        self.assertIn('Send a thank-you note to Jane Doe at Acme Corp', body)
        self.assertIn('Send a thank-you note to Raj Patel at Acme Corp', body)
        self.assertIn('Call Jane Doe at Acme Corp', body)
        self.assertEqual(len(lines) - 3, len(self.schedule()))
        text = self.read_config()
        self.assertIn(f'interviewed_at = "{at.strftime("%Y-%m-%d %H:%M")}";', text)
        self.assertIn('timezone = "America/New_York";', text)
        self.assertIn('decision_in_days = 7;', text)
        self.assertIn('notes = "Asked about the reporting stack.";', text)
        record = self.get('acme-corp-data-analyst')
        self.assertEqual(record['contacts'], [
            {'name': 'Jane Doe', 'phone': '+1 555 0100', 'email': 'jane@acme.example',
             'prefers': 'phone'},
            {'name': 'Raj Patel', 'email': 'raj@acme.example'}])

    def test_natural_times_and_timelines(self):
        local = local_zone()
        cases = [
            (['--at', 'today 14:00'], stamp(days_ago(0, 14)), {'decision-in': '2 weeks'},
             ('decision_in_days', 14)),
            (['--at', 'yesterday 10:30'], stamp(days_ago(1, 10, 30)), {'decision-in': '10d'},
             ('decision_in_days', 10)),
            (['--at', '2026-11-20 14:00'], '2026-11-20 14:00', {'decision-by': '2026-12-01'},
             ('decision_by', '2026-12-01')),
            # an explicit offset is kept as an instant, written in the record's zone
            (['--at', '2026-11-20 14:00-05:00', '--tz', 'Europe/London'], '2026-11-20 19:00',
             {}, None),
            (['--at', '09:05'], stamp(days_ago(0, 9, 5)), {'decision-in': '7'},
             ('decision_in_days', 7)),
        ]
        for n, (at, expected, decision, key) in enumerate(cases):
            extra = [f'--{k}={v}' for k, v in decision.items()]
            r = self.ok('add', '--company', f'C{n}', *at, *extra, '--json')
            rid = json.loads(r.out)['id']
            record = self.get(rid)
            self.assertEqual(record['interviewed_at'], expected, at)
            if key:
                self.assertEqual(record[key[0]], key[1])
        self.assertEqual(self.get('c0')['timezone'], local.key)

    def test_a_zone_without_a_name_keeps_the_instant(self):
        # a POSIX TZ rule cannot be stored as the record's zone: the offset goes along
        r = self.ok('add', '--company', 'A', '--at', '2026-07-01 10:00', '--json',
                    env={'TZ': 'EST5EDT'})
        record = self.get(json.loads(r.out)['id'])
        self.assertEqual(record['interviewed_at'], '2026-07-01 10:00-04:00')
        self.assertEqual(record['timezone'], local_zone().key)

    def test_ids_every_command_can_address(self):
        # issue 16: "-x" could never be shown or removed, ".." looked like a path
        for bad in ('-x', '..', '.hidden'):
            r = self.refused('add', '--company', 'X', '--at', 'today 10:00', '--id', bad,
                             word='cannot start with')
            self.assertIn(f'“{bad}”', r.err)
        self.refused('add', '--company', '   ', '--at', 'today 10:00', word='blank')
        r = self.ok('add', '--company', '株式会社サンプル', '--at', 'today 10:00')
        self.assertTrue(r.out.startswith('Added 株式会社サンプル.\n'), r)
        self.ok('show', '株式会社サンプル')
        r = self.ok('add', '--company', 'Zürich Versicherung', '--role', 'Aktuar',
                    '--at', 'today 11:00')
        self.assertTrue(r.out.startswith('Added zurich-versicherung-aktuar.\n'), r)
        # the same interview twice: refused, naming the one that has it
        r = self.refused('add', '--company', 'Zürich Versicherung', '--role', 'Aktuar',
                         '--at', 'today 11:00', word='zurich-versicherung-aktuar')
        self.assertIn('recorded already', r.err)
        self.assertEqual(len(self.call('List')[0]), 2)

    def test_a_one_digit_hour_is_read(self):
        day = (datetime.date.today() - datetime.timedelta(days=2)).isoformat()
        self.ok('add', '--company', 'Early', '--at', f'{day} 9:00', '--id', 'early')
        self.assertEqual(self.get('early')['interviewed_at'], f'{day} 09:00')

    def test_usage_errors(self):
        self.usage('add', '--at', 'today 10:00', word='--company')
        self.usage('add', '--company', 'A', word='--at')
        self.usage('add', '--company', 'A', '--at', '2026-13-40 10:00', word='2026-13-40')
        self.usage('add', '--company', 'A', '--at', 'tomorrow 10', word='tomorrow 10')
        # the hint names every form the client reads (issue 16)
        r = self.usage('add', '--company', 'A', '--at', 'today', word='today HH:MM')
        self.assertIn('tomorrow HH:MM, a weekday and HH:MM', r.err)
        self.usage('add', '--company', 'A', '--at', 'today 25:00', word='today 25:00')
        self.usage('add', '--company', 'A', '--at', '10:00', '--tz', 'Mars/Base', word='Mars/Base')
        self.usage('add', '--company', 'A', '--at', '10:00', '--tz', '', word='--tz')
        self.usage('add', '--company', 'A', '--at', '10:00', '--phone', '1', word='--contact')
        self.usage('add', '--company', 'A', '--at', '10:00', '--contact', 'J', '--prefers', 'fax',
                   word='fax')
        self.usage('add', '--company', 'A', '--at', '10:00', '--decision-in', 'soon', word='soon')
        self.usage('add', '--company', 'A', '--at', '10:00', '--decision-by', '2026-02-30',
                   word='2026-02-30')
        self.usage('add', '--company', 'A', '--at', '10:00', '--decision-in', '7d',
                   '--decision-by', '2026-12-01', word='not both')
        self.usage('add', '--company', b'\xff\xfeAcme', '--at', '10:00', word='UTF-8')
        self.usage('add', '--company', 'A', '--at', '10:00', '--notes', b'caf\xe9', word='UTF-8')
        self.usage('add', '--company', 'A', '--at', '10:00', '--contact', b'\xc3', word='UTF-8')
        self.usage('add', '--company', 'A', '--at', '10:00', '--bogus', word='--bogus')
        self.usage('add', 'stray', '--company', 'A', '--at', '10:00', word='stray')
        self.assertNotIn('company =', self.read_config())

    def test_daemon_refusals(self):
        self.refused('add', '--company', '', '--at', '10:00', word='--company: must not be empty')
        self.refused('add', '--company', 'A' * 1000, '--at', '10:00', word='too long')
        self.refused('add', '--company', 'A', '--at', '10:00', '--notes', 'n' * 5000,
                     word='notes')
        self.refused('add', '--company', 'A', '--at', '10:00', '--contact', '',
                     word='--contact (contact 1): must not be empty')

    def test_refusal_names_the_option_typed(self):
        """The daemon names the key path; the client names the option the user
        typed, and which contact it was for."""
        r = self.refused('add', '--company', '', '--at', '10:00')
        self.assertTrue(r.err.startswith('followupctl: --company: must not be empty'), r)
        r = self.refused('add', '--company', 'A', '--at', '10:00', '--contact', 'Jo',
                         '--contact', 'Kim', '--email', 'k' * 300)
        self.assertIn('--email (contact 2): is too long', r.err)
        r = self.refused('add', '--company', 'A', '--at', '10:00', '--contact', 'Jo',
                         '--contact', 'Jo')
        self.assertIn('--contact (contact 2): “Jo” is listed twice', r.err)
        self.refused('add', '--company', 'A\u0007', '--at', '10:00', word='control')
        self.ok('add', '--company', 'A', '--at', '10:00', '--id', 'mine')
        self.refused('add', '--company', 'B', '--at', '10:00', '--id', 'mine', word='mine')

    def test_email_and_phone_are_checked_for_shape(self):
        """An address is name@host and a number is digits with spaces and
        + - ( ) .; anything else would only fail later, in the mail client or
        on the phone."""
        base = ('add', '--company', 'A', '--at', '10:00', '--contact', 'Jo')
        r = self.refused(*base, '--email', 'not-an-email')
        self.assertTrue(r.err.startswith('followupctl: --email (contact 1): '), r)
        self.assertIn('“not-an-email”', r.err)
        self.assertIn('name@host', r.err)
        for bad in ('jo@', '@example.com', 'jo@exa mple.com', 'jo@@example.com', 'jo@.com'):
            self.refused(*base, '--email', bad, word='--email')
        r = self.refused(*base, '--phone', 'call me maybe')
        self.assertTrue(r.err.startswith('followupctl: --phone (contact 1): '), r)
        self.assertIn('digits', r.err)
        for bad in ('555', '+1 555 0100 ext. 4', '1+555 0100'):
            self.refused(*base, '--phone', bad, word='--phone')
        self.ok(*base, '--email', 'jo.b+jobs@mail.example.com', '--phone', '+1 (555) 010-0100',
                '--contact', 'Kim', '--phone', '030.1234.5678', '--id', 'a')
        r = self.refused('edit', 'a', '--contact', 'Lee', '--email', 'lee@')
        self.assertTrue(r.err.startswith('followupctl: --email (contact 3): '), r)
        self.refused('contact', 'a', 'edit', 'Kim', '--phone', 'none', word='--phone')
        self.refused('contact', 'a', 'add', 'Lee', '--email', 'lee at example', word='--email')

    def test_a_date_a_year_away_needs_force(self):
        """An interview in 1999 or next year is a typo more often than not."""
        old = '1999-05-01 10:00'
        ahead = stamp(now_local() + datetime.timedelta(days=400))
        for at in (old, ahead):
            r = self.usage('add', '--company', 'A', '--at', at, word='--at')
            self.assertIn('more than a year', r.err.splitlines()[0])
            self.assertIn('--force', r.err.splitlines()[0])
        self.ok('add', '--company', 'A', '--at', old, '--force', '--id', 'old')
        self.assertEqual(self.get('old')['interviewed_at'], old)
        self.ok('add', '--company', 'B', '--at', '10:00', '--id', 'b')
        self.usage('edit', 'b', '--at', ahead, word='--force')
        self.ok('edit', 'b', '--at', ahead, '--force')
        self.usage('round', 'old', '--at', ahead, word='--force')
        # within the year: no question asked
        self.ok('add', '--company', 'C', '--at', stamp(now_local() - datetime.timedelta(days=300)))

    def test_long_and_unicode_text_is_kept(self):
        notes = 'Line one.\nZweite Zeile mit Umlauten: äöü – and “quotes”.\n' + 'x' * 3000
        self.ok('add', '--company', 'Müller & Söhne', '--role', '数据分析师', '--at', '10:00',
                '--notes', notes, '--id', 'mueller')
        record = self.get('mueller')
        self.assertEqual(record['company'], 'Müller & Söhne')
        self.assertEqual(record['notes'], notes)
        r = self.ok('list')
        self.assertIn('Müller & Söhne', r.out)
        self.assertIn('数据分析师', r.out)


class Records(ClientTestCase):
    interviews = ',\n'.join([
        interview('acme', 'Acme Corp', stamp(days_ago(2, 14)),
                  'role = "Data Analyst"; timezone = "America/New_York"; decision_in_days = 7; '
                  + TWO_CONTACTS),
        interview('globex', 'Globex, \\"The\\" Company', stamp(days_ago(0, 9, 30)),
                  'notes = "Met the whole team.\\nAsked about on-call.";'),
    ])

    def test_list(self):
        r = self.ok('list')
        lines = r.out.splitlines()
        self.assertRegex(lines[0], r'^ID\s+COMPANY\s+ROLE\s+INTERVIEWED\s+STATUS\s+NEXT$')
        self.assertTrue(lines[1].startswith('acme '))
        self.assertIn('Data Analyst', lines[1])
        self.assertIn('waiting', lines[1])
        self.assertTrue(lines[2].startswith('globex '))
        # columns line up: every row starts its COMPANY where the header does
        col = lines[0].index('COMPANY')
        self.assertTrue(all(line[col - 2:col] == '  ' and line[col] != ' ' for line in lines))
        self.assertNotIn('\033[', r.out)
        self.assertEqual(self.ok('list', '--ids').out, 'acme\nglobex\n')
        records = self.json_out('list', '--json')
        self.assertEqual([x['id'] for x in records], ['acme', 'globex'])
        self.assertEqual(records[0]['contacts'][1]['timezone'], 'Asia/Kolkata')
        self.assertEqual(records[0]['decision_in_days'], 7)
        # JSON is one shape: a record's times carry their offset, as a step's do
        at = datetime.datetime.fromisoformat(records[0]['interviewed_at'])
        there = days_ago(2, 14).replace(tzinfo=NY)  # the file's 14:00 is New York's
        self.assertEqual(at, there)
        self.assertEqual(at.utcoffset(), there.utcoffset())

    def test_show(self):
        r = self.ok('show', 'acme')
        self.assertTrue(r.out.startswith('acme (times in your zone, Europe/Berlin)\n'), r)
        self.assertRegex(r.out, r'\n  Company: +Acme Corp\n')
        self.assertRegex(r.out, r'\n  Interviewed: +\w{3} \d\d \w{3} \d{4} 14:00 America/New_York')
        self.assertIn('your time)', r.out)
        self.assertRegex(r.out, r'\n  Contacts: +Jane Doe, jane@acme.example, \+1 555 0100\n'
                                r' +Raj Patel, Asia/Kolkata\n')
        self.assertIn('Next steps:', r.out)
        self.assertIn('Call Jane Doe at Acme Corp', r.out)
        r = self.ok('show', 'globex')
        self.assertRegex(r.out, r'  Notes: +Met the whole team.\n {18}Asked about on-call.\n')
        shown = self.json_out('show', 'acme', '--json')
        self.assertEqual([(s['action'], s.get('contact')) for s in shown.pop('next_steps')],
                         [(s['action'], s.get('contact')) for s in self.schedule()
                          if s['id'] == 'acme'])
        self.assertEqual(shown['company'], 'Acme Corp')
        self.assertEqual(datetime.datetime.fromisoformat(shown['interviewed_at']),
                         days_ago(2, 14).replace(tzinfo=NY))

    def test_show_is_in_your_zone_and_in_order(self):
        """The man page promises your zone: the events are told in it, in
        the order they happened, whatever order the file has them in."""
        ny_call = days_ago(1, 9, tz=NY)        # 09:00 in New York: 15:00 in Berlin
        ny_mail = days_ago(2, 16, 30, tz=NY)   # written second, happened first
        self.ok('done', 'acme', 'email', '--at', stamp(ny_mail.astimezone(local_zone())))
        self.ok('called', 'acme', 'voicemail', '--at', stamp(ny_call.astimezone(local_zone())))
        text = self.read_config()
        # the file keeps the employer's zone, as written
        self.assertIn(f'at = "{stamp(ny_call)}"', text)
        out = self.ok('show', 'acme').out
        self.assertTrue(out.startswith('acme (times in your zone, Europe/Berlin)\n'), out)
        events = re.search(r'\n  Events: +(.*?)\n(?! {18})', out, re.S).group(1)
        lines = [line.strip() for line in events.splitlines()]
        local = [ny_mail.astimezone(local_zone()), ny_call.astimezone(local_zone())]
        self.assertEqual(len(lines), 2, out)
        for line, when in zip(lines, local):
            self.assertTrue(line.startswith(when.strftime('%a %d %b %H:%M')), (line, out))
        self.assertIn('email', lines[0])
        self.assertIn('call', lines[1])

    def test_edit(self):
        self.ok('edit', 'acme', '--role', 'Senior Analyst', '--notes', 'Second round next week')
        record = self.get('acme')
        self.assertEqual(record['role'], 'Senior Analyst')
        self.assertEqual(record['notes'], 'Second round next week')
        by = str(datetime.date.today() + datetime.timedelta(days=20))
        self.ok('edit', 'acme', '--role', '', '--decision-by', by)
        text = self.read_config()
        record = self.get('acme')
        self.assertNotIn('role', record)
        self.assertNotIn('decision_in_days', record)
        self.assertIn(f'decision_by = "{by}";', text)
        self.ok('edit', 'acme', '--decision-in', '3 weeks')
        record = self.get('acme')
        self.assertEqual(record['decision_in_days'], 21)
        self.assertNotIn('decision_by', record)
        # --at is read in the record's zone, or in the new one
        self.ok('edit', 'acme', '--at', '2030-01-07 09:00', '--force')
        self.assertEqual(self.get('acme')['interviewed_at'], '2030-01-07 09:00')
        self.ok('edit', 'acme', '--at', '2030-01-07 15:00+01:00', '--tz', 'Europe/London',
                '--force')
        record = self.get('acme')
        self.assertEqual((record['interviewed_at'], record['timezone']),
                         ('2030-01-07 14:00', 'Europe/London'))
        self.ok('edit', 'globex', '--status', 'offer')
        self.assertEqual(self.get('globex')['status'], 'offer')
        self.assertIn('status_at', self.get('globex'))

    def test_edit_errors(self):
        self.usage('edit', 'acme', word='nothing to change')
        self.usage('edit', word='ID')
        r = self.usage('edit', 'acme', '--status', 'hired', word='hired')
        self.assertIn('waiting, offer, rejected, withdrawn, no-opening or closed',
                      r.err.splitlines()[0])
        # a near miss of a zone name is answered with the name meant
        r = self.usage('edit', 'acme', '--tz', 'europe/berlin')
        self.assertIn('did you mean Europe/Berlin?', r.err.splitlines()[0])
        r = self.usage('add', '--company', 'A', '--at', '10:00', '--tz', 'America/New_Yrok')
        self.assertIn('did you mean America/New_York?', r.err.splitlines()[0])
        r = self.usage('add', '--company', 'A', '--at', '10:00', '--tz', 'Tokio')
        self.assertIn('did you mean Asia/Tokyo?', r.err.splitlines()[0])
        self.usage('edit', 'acme', '--at', 'noon', word='noon')
        self.usage('edit', 'acme', '--tz', 'Atlantis/City', word='Atlantis/City')
        self.usage('edit', 'acme', '--notes', b'\xff', word='UTF-8')
        self.refused('edit', 'nope', '--role', 'x', word='“nope”')
        self.refused('edit', 'nope', '--at', '10:00', word='“nope”')
        self.refused('edit', 'acme', '--company', '', word='company')
        self.refused('edit', 'acme', '--role', 'r' * 500, word='too long')

    def test_rm(self):
        r = self.ok('rm', 'globex')
        self.assertEqual(r.out, 'Removed globex.\n')
        self.assertNotIn('Globex', self.read_config())
        self.assertEqual(self.ok('list', '--ids').out, 'acme\n')
        self.refused('rm', 'globex', word='“globex”')
        self.usage('rm', word='ID')
        self.usage('rm', 'a', 'b', word='“b”')

    def test_option_errors_read_like_ours(self):
        # GOption's "Unknown option" starts lower case like every other message
        r = self.usage('show', 'acme', '--bogus')
        self.assertTrue(r.err.startswith('followupctl show: unknown option --bogus\n'), r)

    def test_odd_arguments(self):
        self.usage('show', b'\xff', word='UTF-8')
        self.usage('done', 'acme', b'thank-you\xff', word='UTF-8')
        r = self.usage('done', 'acme', 'x\u001b[2J', word='x?[2J')
        self.assertNotIn('\u001b', r.err)
        r = self.ctl(b'\xff\x1b[2J')
        self.assertEqual(r.rc, 2)
        self.assertNotIn('\u001b', r.err)

    def test_unknown_id_everywhere(self):
        for args in (['show', 'nope'], ['done', 'nope', 'email'], ['called', 'nope', 'reached'],
                     ['heard', 'nope'], ['status', 'nope', 'offer'],
                     ['snooze', 'nope', 'call', '1h'], ['draft', 'nope', 'thank-you'],
                     ['done', 'nope', 'email', '--at', '10:00']):
            r = self.refused(*args, word='“nope”')
            self.assertIn('followupctl list', r.err)


class Events(ClientTestCase):
    # 20 hours ago, whatever the time of day: the thank-you is due for four
    # more hours, so a two-hour snooze fits before its deadline
    interviews = interview('acme', 'Acme Corp',
                           stamp(now_local() - datetime.timedelta(hours=20)),
                           'role = "Data Analyst"; decision_in_days = 7; ' + TWO_CONTACTS)

    def actions(self):
        return sorted((r['action'], r.get('contact', '')) for r in self.schedule())

    def test_done(self):
        self.assertIn(('thank-you', 'Jane Doe'), self.actions())
        r = self.ok('done', 'acme', 'thank-you', '--contact', 'Jane Doe')
        self.assertTrue(r.out.startswith('Recorded the thank-you note for acme.\nNext:\n'), r)
        self.assertNotIn(('thank-you', 'Jane Doe'), self.actions())
        self.assertIn(('thank-you', 'Raj Patel'), self.actions())
        groups = re.findall(r'\{[^{}]*type = "thank-you";[^{}]*\}', self.read_config())
        self.assertEqual(len(groups), 1)
        self.assertIn('contact = "Jane Doe";', groups[0])
        self.ok('done', 'acme', 'email', '--at', 'yesterday 17:45', '--notes', 'short and kind')
        event = self.get('acme')['events'][-1]
        self.assertEqual(event, {'type': 'email', 'at': stamp(days_ago(1, 17, 45)),
                                 'notes': 'short and kind'})
        self.ok('done', 'acme', 'keep-in-touch')
        self.assertEqual(self.get('acme')['events'][-1]['type'], 'keep-in-touch')

    def test_done_time_goes_into_the_record_zone(self):
        self.ok('edit', 'acme', '--tz', 'America/New_York')
        self.ok('done', 'acme', 'thanks-after-rejection', '--at', 'yesterday 18:00')
        event = self.get('acme')['events'][-1]
        at = days_ago(1, 18).astimezone(NY)
        self.assertEqual(event, {'type': 'thank-you', 'at': stamp(at)})

    def test_done_errors(self):
        self.usage('done', 'acme', 'party', word='party')
        self.usage('done', 'acme', word='ID')
        self.usage('done', 'acme', 'email', '--at', 'last week', word='last week')
        self.usage('done', 'acme', 'email', '--contact', b'\xff', word='UTF-8')
        r = self.refused('done', 'acme', 'email', '--notes', 'x\u001b[31m', word='control')
        # the option typed, not the event's place in the file (events.3.notes)
        self.assertTrue(r.err.startswith('followupctl: --notes: '), r)

    def test_called(self):
        r = self.ok('called', 'acme', 'voicemail', '--contact', 'Jane Doe')
        self.assertTrue(r.out.startswith('Recorded the call (voicemail) for acme.\n'))
        event = self.get('acme')['events'][-1]
        self.assertEqual((event['type'], event['outcome'], event['contact']),
                         ('call', 'voicemail', 'Jane Doe'))
        self.assertIn('outcome = "voicemail";', self.read_config())
        self.usage('called', 'acme', 'maybe', word='maybe')
        self.usage('called', 'acme', word='reached|voicemail|no-answer')

    def test_a_step_is_recorded_once(self):
        """One thank-you to each person and one follow-up email a round (R1,
        R2): the same thing done twice is a slip, told in a sentence, and the
        file keeps one."""
        # the file keeps New York's time; the sentence gives the user's
        self.ok('edit', 'acme', '--tz', 'America/New_York')
        sent = now_local().replace(second=0, microsecond=0) - datetime.timedelta(hours=2)
        self.ok('done', 'acme', 'thank-you', '--contact', 'Jane Doe', '--at', stamp(sent))
        r = self.refused('done', 'acme', 'thank-you', '--contact', 'Jane Doe')
        self.assertIn('thank-you note to Jane Doe is recorded already', r.err)
        self.assertIn(f'({sent:%a} {sent.day} {sent:%b %H:%M})', r.err)
        self.ok('done', 'acme', 'thank-you', '--contact', 'Raj Patel')
        self.refused('done', 'acme', 'thank-you', word='recorded already')
        self.ok('done', 'acme', 'follow-up-email')
        r = self.refused('done', 'acme', 'email')
        self.assertIn('follow-up email is recorded already', r.err)
        self.refused('skip', 'acme', 'follow-up-email', word='recorded already')
        config = self.read_config()
        self.assertEqual(config.count('type = "email"'), 1)
        self.assertEqual(config.count('type = "thank-you"'), 2)
        # a later round is thanked anew
        # (round --at is read in the record's zone, New York's now)
        an_hour_ago = (now_local() - datetime.timedelta(hours=1)).astimezone(NY)
        self.ok('round', 'acme', '--at', stamp(an_hour_ago), '--contact', 'Jane Doe')
        self.ok('done', 'acme', 'thank-you', '--contact', 'Jane Doe')

    def test_a_call_past_max_calls_needs_anyway(self):
        """max_calls (2) is the limit the plan keeps to; a third call is
        pestering, stored only when the user insists, and said to be past it."""
        self.ok('called', 'acme', 'voicemail')
        self.ok('called', 'acme', 'voicemail')
        # nobody picking up is no contact made: not counted
        self.ok('called', 'acme', 'no-answer')
        r = self.refused('called', 'acme', 'voicemail')
        self.assertIn('max_calls', r.err)
        self.assertIn('--anyway', r.err)
        self.assertEqual(self.read_config().count('type = "call"'), 3)
        r = self.ok('called', 'acme', 'voicemail', '--anyway')
        self.assertIn('past the limit', r.out.splitlines()[0])
        self.assertEqual(self.read_config().count('type = "call"'), 4)
        self.assertNotIn('anyway', self.read_config())
        self.usage('done', 'acme', 'email', '--anyway', word='--anyway')

    def test_heard(self):
        self.ok('heard', 'acme', '--decision-in', '10d')
        event = self.get('acme')['events'][-1]
        self.assertEqual((event['type'], event['decision_in_days']), ('response', 10))
        by = str(datetime.date.today() + datetime.timedelta(days=30))
        self.ok('heard', 'acme', '--decision-by', by)
        self.assertEqual(self.get('acme')['events'][-1]['decision_by'], by)
        self.usage('heard', 'acme', '--decision-in', 'ten', word='ten')
        self.usage('heard', 'acme', '--decision-in', '0', word='0')
        # a number out of range names the range (issue 16), before the daemon is asked
        for days in ('0', '400', '99999'):
            r = self.usage('heard', 'acme', '--decision-in', days, word='1 to 365 days')
            self.assertIn(f'--decision-in: “{days}” is out of range', r.err)

    def test_status(self):
        r = self.ok('status', 'acme', 'rejected')
        self.assertTrue(r.out.startswith('acme: rejected. One more reminder follows: a short '
                                         'note to thank them.\n'), r)
        self.assertIn('status = "rejected";', self.read_config())
        self.assertIn('status_at', self.get('acme'))
        self.assertEqual([a for a, _ in self.actions()], ['thanks-after-rejection'])
        self.assertIn('thanks-after-rejection', self.ok('next').out)
        r = self.ok('status', 'acme', 'offer')
        self.assertTrue(r.out.startswith('acme: an offer. Congratulations; its reminders end.\n'))
        self.assertIn('Nothing more is planned for acme.', r.out)
        self.usage('status', 'acme', 'hired', word='hired')
        self.usage('status', 'acme', word='status')

    def test_snooze(self):
        now = int(now_local().timestamp())
        r = self.ok('snooze', 'acme', 'thank-you', '2h')
        self.assertRegex(r.out, r'^Snoozed thank-you for acme until .+ \(in (1|2) h\)\.\n$')
        dues = [x['due'] for x in self.schedule() if x['action'] == 'thank-you']
        self.assertEqual(len(dues), 2)
        for due in dues:
            self.assertAlmostEqual(due, now + 7200, delta=30)
        before = [x['due'] for x in self.schedule() if x['action'] == 'call'][0]
        self.ok('snooze', 'acme', 'call', 'next-window')
        after = [x['due'] for x in self.schedule() if x['action'] == 'call'][0]
        self.assertGreater(after, before)
        self.usage('snooze', 'acme', 'thank-you', 'next-window', word='calls')
        self.usage('snooze', 'acme', 'thank-you', 'a while', word='a while')
        self.usage('snooze', 'acme', 'thank-you', '2 years', word='2 years')
        self.usage('snooze', 'acme', 'nap', '2h', word='nap')
        self.usage('snooze', 'acme', 'call', word='ACTION')
        self.refused('snooze', 'acme', 'move-on', '1d', word='move-on')


class WholeFollowUp(ClientTestCase):
    """Issue 12: an interview still to come, the debrief, later rounds and
    every kind of call, through followupctl against the real daemon."""
    interviews = interview('acme', 'Acme Corp',
                           stamp(now_local() - datetime.timedelta(hours=20)),
                           'decision_in_days = 7; ' + TWO_CONTACTS)

    def steps(self, rid):
        return [(r['action'], r.get('contact', '')) for r in self.schedule() if r['id'] == rid]

    def test_an_upcoming_interview_has_a_prepare_step(self):
        r = self.ok('add', '--company', 'Initech', '--at', 'tomorrow 15:00', '--contact', 'Ann Lee')
        self.assertIn('prepare', r.out)
        (prep,) = [s for s in self.schedule() if s['id'] == 'initech' and s['action'] == 'prepare']
        at = (datetime.datetime.now(local_zone()) + datetime.timedelta(days=1)).replace(
            hour=15, minute=0, second=0, microsecond=0)
        # no quiet hours in the test policy: an hour before, until it starts
        self.assertEqual(prep['due'], int(at.timestamp()) - 3600)
        self.assertIn('when they expect to decide', prep['reason'])
        r = self.ok('done', 'initech', 'prepare')
        self.assertTrue(r.out.startswith('Recorded your preparation for initech.\n'), r)
        self.assertNotIn(('prepare', ''), self.steps('initech'))
        self.assertIn(('thank-you', 'Ann Lee'), self.steps('initech'))

    def test_the_debrief_asks_and_edit_records_it(self):
        self.ok('add', '--company', 'Globex', '--at', stamp(days_ago(0, 0, 5)), '--id', 'globex')
        r = self.ok('show', 'globex')
        self.assertIn('To note:', r.out)
        self.assertIn('followupctl edit globex --contact NAME --decision-in DAYS', r.out)
        (thanks,) = [s for s in self.schedule() if s['id'] == 'globex' and
                     s['action'] == 'thank-you']
        self.assertIn('Write down who interviewed you', thanks['reason'])
        self.ok('edit', 'globex', '--contact', 'Kim Park', '--email', 'kim@globex.example',
                '--decision-in', '5d')
        record = self.get('globex')
        self.assertEqual(record['contacts'], [{'name': 'Kim Park', 'email': 'kim@globex.example'}])
        self.assertEqual(record['decision_in_days'], 5)
        self.assertNotIn('To note:', self.ok('show', 'globex').out)
        self.usage('edit', 'globex', '--contact', 'Kim Park', word='already a contact')

    def test_a_round_restarts_the_timeline(self):
        self.ok('called', 'acme', 'voicemail', '--at',
                stamp(now_local() - datetime.timedelta(hours=3)))
        self.assertIn(('call', 'Jane Doe'), self.steps('acme'))
        at = stamp(now_local() - datetime.timedelta(hours=2))
        r = self.ok('round', 'acme', '--at', at, '--contact', 'Raj Patel', '--contact', 'Mia Chen',
                    '--decision-in', '2 weeks')
        self.assertTrue(r.out.startswith('Recorded a new round for acme.\n'), r)
        text = self.read_config()
        self.assertRegex(text, r'rounds = \(\s*\{\s*at = "' + re.escape(at) +
                         r'";\s*with = \[ "Raj Patel", "Mia Chen" \];\s*decision_in_days = 14;')
        record = self.get('acme')
        self.assertEqual([c['name'] for c in record['contacts']],
                         ['Jane Doe', 'Raj Patel', 'Mia Chen'])
        steps = self.steps('acme')
        self.assertIn(('thank-you', 'Raj Patel'), steps)
        self.assertIn(('thank-you', 'Mia Chen'), steps)
        self.assertNotIn(('thank-you', 'Jane Doe'), steps)
        # the first round's retry retires: the call is timed from the round
        (call,) = [s for s in self.schedule() if s['id'] == 'acme' and s['action'] == 'call']
        self.assertGreater(call['due'], int(now_local().timestamp()) + 13 * 86400)
        self.assertIn('Rounds:', self.ok('show', 'acme').out)
        self.usage('round', 'acme', word='--at')
        self.refused('round', 'acme', '--at', '2020-01-01 10:00', '--force',
                     word='--at: a later round comes after')
        self.refused('round', 'nope', '--at', at, word='nope')

    def test_every_kind_of_call(self):
        self.ok('called', 'acme', 'no-answer')
        (call,) = [s for s in self.schedule() if s['id'] == 'acme' and s['action'] == 'call']
        self.assertIn('Nobody picked up', call['reason'])
        self.usage('called', 'acme', 'voicemail', '--decision-in', '7d', word='reached')
        self.ok('called', 'acme', 'reached', '--decision-in', '10d')
        events = self.get('acme')['events']
        self.assertEqual([(e['type'], e.get('outcome'), e.get('decision_in_days'))
                          for e in events[-2:]],
                         [('call', 'reached', None), ('response', None, 10)])
        self.assertEqual(events[-1]['at'], events[-2]['at'])
        self.assertIn('call', [a for a, _ in self.steps('acme')])

    def test_skip(self):
        self.assertIn(('thank-you', 'Raj Patel'), self.steps('acme'))
        r = self.ok('skip', 'acme', 'thank-you', '--contact', 'Raj Patel')
        self.assertTrue(r.out.startswith('Recorded the thank-you note as skipped for acme.'), r)
        self.assertNotIn(('thank-you', 'Raj Patel'), self.steps('acme'))
        self.assertRegex(self.read_config(),
                         r'type = "thank-you";[^}]*contact = "Raj Patel";\s*skipped = true;')
        # a skipped call counts as made: the retry reason says so
        self.ok('skip', 'acme', 'call')
        (call,) = [s for s in self.schedule() if s['id'] == 'acme' and s['action'] == 'call']
        self.assertIn('You chose not to call', call['reason'])
        self.usage('skip', 'acme', 'move-on', word='status')
        self.usage('skip', 'acme', 'lunch', word='lunch')

    def test_contact(self):
        r = self.ok('contact', 'acme', 'add', 'Mia Chen', '--email', 'mia@acme.example',
                    '--prefers', 'email')
        self.assertEqual(r.out, 'Added Mia Chen to acme.\n')
        self.ok('contact', 'acme', 'edit', 'Raj Patel', '--phone', '+91 80 1234 5678', '--tz', '')
        contacts = {c['name']: c for c in self.get('acme')['contacts']}
        self.assertEqual(contacts['Mia Chen'], {'name': 'Mia Chen', 'email': 'mia@acme.example',
                                                'prefers': 'email'})
        self.assertEqual(contacts['Raj Patel'], {'name': 'Raj Patel', 'phone': '+91 80 1234 5678'})
        self.ok('done', 'acme', 'thank-you', '--contact', 'Jane Doe')
        self.usage('contact', 'acme', 'rm', 'Jane Doe', word='named in the events')
        self.ok('contact', 'acme', 'rm', 'Mia Chen')
        self.assertNotIn('Mia Chen', [c['name'] for c in self.get('acme')['contacts']])
        self.usage('contact', 'acme', 'add', 'Raj Patel', word='already a contact')
        self.usage('contact', 'acme', 'edit', 'Nobody', '--phone', '1', word='Nobody')
        self.usage('contact', 'acme', 'edit', 'Raj Patel', word='nothing to change')
        self.usage('contact', 'acme', 'add', 'Kim', '--prefers', 'fax', word='fax')
        self.usage('contact', 'acme', 'swap', 'Kim', word='swap')
        self.refused('contact', 'acme', 'edit', 'Raj Patel', '--tz', 'Mars/Base', word='Mars/Base')

    def test_show_names_the_missed_thank_you_of_the_round(self):
        """R17, R21: after a later round, the thank-you missed is that
        round's, to the people met in it; round one's note does not cover it."""
        self.ok('add', '--company', 'Blau', '--at', stamp(days_ago(5, 10)), '--contact', 'Jane Doe',
                '--contact', 'Raj Patel', '--id', 'blau')
        self.ok('done', 'blau', 'thank-you', '--at', stamp(days_ago(5, 12)))
        self.assertNotIn('Missed:', self.ok('show', 'blau').out)
        self.ok('round', 'blau', '--at', stamp(days_ago(3, 10)), '--contact', 'Jane Doe')
        out = self.ok('show', 'blau').out
        self.assertRegex(out, r'Missed:\s+the thank-you note to Jane Doe')
        self.assertNotIn('to Raj Patel', out)

    def test_show_gives_the_timeline_in_force(self):
        self.assertIn('within 7 days of the interview', self.ok('show', 'acme').out)
        self.ok('heard', 'acme', '--decision-in', '10d', '--at',
                stamp(now_local() - datetime.timedelta(hours=1)))
        self.assertRegex(self.ok('show', 'acme').out, r'Decision: +within 10 days of their answer')

    def test_stats(self):
        at = stamp(days_ago(20, 10))
        for rid, extra in [
                ('quick', 'decision_in_days = 7; events = ( { type = "response"; '
                          f'at = "{stamp(days_ago(16, 10))}"; }} );'),
                ('slow', f'decision_in_days = 7; status = "rejected"; '
                         f'status_at = "{stamp(days_ago(8, 10))}";'),
                ('quiet', 'status = "closed"; events = ( { type = "call"; '
                          f'at = "{stamp(days_ago(10, 10))}"; outcome = "voicemail"; }}, '
                          '{ type = "call"; '
                          f'at = "{stamp(days_ago(9, 10))}"; outcome = "no-answer"; }} );')]:
            self.ok('reload')
            with open(self.config) as f:
                text = f.read()
            record = interview(rid, rid.title(), at, extra)
            text = text.replace('interviews = (\n', 'interviews = (\n' + record + ',\n', 1)
            with open(self.config, 'w') as f:
                f.write(text)
        self.ok('reload')
        stats = self.json_out('stats', '--json')
        self.assertEqual(stats['applications'], 4)
        self.assertEqual(stats['by_status']['waiting'], 2)
        self.assertEqual(stats['by_status']['rejected'], 1)
        self.assertEqual(stats['answered'], 2)
        self.assertEqual(stats['median_days_to_answer'], 8.0)   # 4 and 12 days
        self.assertEqual(stats['median_days_they_gave'], 7.0)
        self.assertEqual(stats['answered_within_their_time'], 1)
        self.assertEqual(stats['went_silent'], 1)
        self.assertEqual(stats['calls'], {'reached': 0, 'voicemail': 1, 'no-answer': 1,
                                          'skipped': 0})
        out = self.ok('stats').out
        self.assertIn('Applications:  4 (waiting 2, rejected 1, closed 1)', out)
        self.assertIn('Answered:      2, a median 8.0 days after the interview', out)

    def test_from_an_upcoming_interview_through_two_rounds_to_an_offer(self):
        self.ok('add', '--company', 'Hooli', '--at', 'tomorrow 10:00', '--contact', 'Gavin B',
                '--decision-in', '1w')
        self.assertEqual(self.steps('hooli')[0], ('prepare', ''))
        # the day came and went: the interview was three days ago
        self.ok('edit', 'hooli', '--at', stamp(days_ago(3, 10)))
        self.assertNotIn(('prepare', ''), self.steps('hooli'))
        self.ok('done', 'hooli', 'thank-you', '--at', stamp(days_ago(3, 18)))
        self.ok('round', 'hooli', '--at', stamp(now_local() - datetime.timedelta(hours=2)),
                '--contact', 'Gavin B', '--contact', 'Ava P', '--decision-in', '5d')
        self.assertEqual(sorted(c for a, c in self.steps('hooli') if a == 'thank-you'),
                         ['Ava P', 'Gavin B'])
        self.ok('done', 'hooli', 'thank-you', '--contact', 'Gavin B')
        self.ok('done', 'hooli', 'thank-you', '--contact', 'Ava P')
        self.ok('round', 'hooli', '--at', 'tomorrow 16:00', '--contact', 'Ava P')
        self.assertEqual(self.steps('hooli')[0], ('prepare', ''))
        show = self.ok('show', 'hooli').out
        self.assertEqual(show.count(' with '), 2, show)
        self.ok('status', 'hooli', 'offer')
        self.assertEqual(self.steps('hooli'), [])
        # and the file says it all, readable after a restart
        self.stop_daemon()
        self.start_daemon()
        record = self.get('hooli')
        self.assertEqual(len(record['rounds']), 2)
        self.assertEqual(record['status'], 'offer')


class Views(ClientTestCase):
    interviews = ',\n'.join([
        # ten days ago: its thank-you has passed its deadline and left (R1);
        # its follow-up email (day 7) is due now, until the call's day 14
        interview('old', 'Old Co', stamp(days_ago(10, 10)),
                  'contacts = ( { name = "Ann Lee"; } );'),
        interview('fresh', 'Fresh Co', stamp(days_ago(0, 0, 1)), 'decision_in_days = 3;'),
    ])

    def test_check_in_for_someone_who_prefers_email(self):
        at = (now_local() - datetime.timedelta(days=12)).strftime('%Y-%m-%d 11:00')
        self.ok('add', '--id', 'mail', '--company', 'Mail Co', '--at', at, '--decision-in', '1w',
                '--contact', 'Eve', '--email', 'eve@mail.example')
        steps = [r for r in self.schedule() if r['id'] == 'mail']
        self.assertEqual([r['action'] for r in steps], ['check-in'])
        self.assertEqual(steps[0]['contact'], 'Eve')
        self.ok('done', 'mail', 'check-in')
        self.assertIn('type = "check-in";', self.read_config())
        # counted like a call: one more, three workdays later
        steps = [r for r in self.schedule() if r['id'] == 'mail']
        self.assertEqual([r['action'] for r in steps], ['check-in'])
        self.assertIn('no answer', steps[0]['reason'])

    def test_show_names_a_missed_thank_you(self):
        out = self.ok('show', 'old').out
        self.assertRegex(out, r'Missed:\s+the thank-you note to Ann Lee')
        self.assertNotIn('Missed:', self.ok('show', 'fresh').out)

    def test_next(self):
        now = now_local().timestamp()
        r = self.ok('next')
        self.assertRegex(r.out.splitlines()[0], r'^WHEN\s+ID\s+ACTION\s+WHAT$')
        self.assertRegex(r.out, r'now, until .*\s+old\s+follow-up-email\s+Email Ann Lee '
                                r'at Old Co to follow up')
        items = self.json_out('next', '--json')
        overdue = [x for x in items if x['id'] == 'old' and x['action'] == 'follow-up-email']
        self.assertEqual(len(overdue), 1)
        self.assertLess(datetime.datetime.fromisoformat(overdue[0]['due']).timestamp(), now)
        self.assertEqual(overdue[0]['contact'], 'Ann Lee')
        self.assertEqual(overdue[0]['company'], 'Old Co')
        upcoming = [x for x in items if datetime.datetime.fromisoformat(x['due']).timestamp() > now]
        self.assertLessEqual(len(upcoming), 3)
        every = self.schedule()
        self.assertEqual(len(self.json_out('next', '--json', '-n', '100')), len(every))
        self.usage('next', '--count', '-1', word='--count')

    def test_agenda(self):
        now = int(now_local().timestamp())
        for days in (1, 7, 30):
            items = self.json_out('agenda', '--days', str(days), '--json')
            (expected,) = self.call('Schedule', (0, now + days * 86400), '(xx)')
            self.assertEqual([(x['id'], x['action']) for x in items],
                             [(x['id'], x['action']) for x in expected])
            for item, reminder in zip(items, expected):
                due = datetime.datetime.fromisoformat(item['due'])
                self.assertEqual(due.timestamp(), reminder['due'])
                local = datetime.datetime.fromtimestamp(reminder['due'], local_zone())
                self.assertEqual(due.utcoffset(), local.utcoffset())
        r = self.ok('agenda')
        self.assertIn('Old Co', r.out)
        self.usage('agenda', '--days', '0', word='--days')
        self.usage('agenda', '--days', 'week', word='week')

    def test_colour_only_on_a_terminal(self):
        self.assertNotIn('\033[', self.ok('next').out)
        out = self.on_terminal('next')
        # due and still before its end (the email, until the call) in yellow;
        # a note past its end has left the schedule, so nothing is red here
        self.assertIn('\033[33m', out)
        self.assertIn('\033[1mWHEN', out)
        self.assertNotIn('\033[', self.on_terminal('next', NO_COLOR='1'))

    def on_terminal(self, *args, **env):
        master, slave = pty.openpty()
        proc = subprocess.Popen([FOLLOWUPCTL, *args], env=dict(self.env, TERM='xterm', **env),
                                stdin=subprocess.DEVNULL, stdout=slave,
                                stderr=subprocess.DEVNULL)
        os.close(slave)
        chunks = []
        while True:
            ready, _, _ = select.select([master], [], [], TIMEOUT)
            if not ready:
                break
            try:
                data = os.read(master, 4096)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        os.close(master)
        self.assertEqual(proc.wait(timeout=TIMEOUT), 0)
        return b''.join(chunks).decode('utf-8')

    def test_status(self):
        r = self.ok('status')
        version = self.prop('Version')
        self.assertTrue(r.out.startswith(f'followupd {version} is running.\n'))
        self.assertRegex(r.out, r'  Interviews: +2\n')
        self.assertRegex(r.out, r'  Next reminder: +\w{3} \d\d \w{3} (\d{4} )?\d\d:\d\d '
                                r'\((in|overdue|now)')
        self.assertRegex(r.out, r'  Record file: +fine\n')
        info = self.json_out('status', '--json')
        self.assertEqual(info['version'], version)
        self.assertEqual(info['records'], 2)
        self.assertIsNone(info['config_problem'])
        self.assertEqual(datetime.datetime.fromisoformat(info['next_due']).timestamp(),
                         self.prop('NextDue'))

    def test_check_reload_and_a_broken_file(self):
        self.assertEqual(self.ok('check').out, 'The record file is fine.\n')
        self.assertEqual(self.json_out('check', '--json'), [])
        self.assertEqual(self.ok('reload').out, 'The daemon read the record file again.\n')
        broken = ('version = 1;\ninterviews = (\n  { id = "a"; company = "A";\n'
                  '    interviewed_at = "someday"; } );\n')
        with open(self.config, 'w') as f:
            f.write(broken)
        self.wait_until(lambda: self.prop('ConfigProblem'), what='the daemon to see the edit')
        r = self.ctl('check')
        self.assertEqual(r.rc, 1, r)
        self.assertTrue(r.out.startswith(f'{self.config}:4: '), r)
        self.assertIn('interviewed_at', r.out)
        self.assertIn('problem', r.err)
        r = self.ctl('check', '--json')
        self.assertEqual(r.rc, 1, r)
        (problem,) = json.loads(r.out)
        self.assertEqual((problem['file'], problem['line']), (self.config, 4))
        self.assertIn('interviewed_at: cannot read the time', problem['message'])
        self.assertRegex(self.ok('status').out, rf'Record file: +{re.escape(self.config)}:4:')
        r = self.refused('add', '--company', 'B', '--at', '10:00', word='does not parse')
        self.assertEqual(self.read_config(), broken)
        # the records from before stay in force until the file is fixed
        self.assertEqual(self.ok('list', '--ids').out, 'old\nfresh\n')
        self.write_config(interview('a', 'A', '2030-01-07 10:00'))
        self.ok('reload')
        self.assertEqual(self.ok('list', '--ids').out, 'a\n')
        self.assertEqual(self.ok('check').out, 'The record file is fine.\n')

    def test_empty(self):
        for rid in ('old', 'fresh'):
            self.ok('rm', rid)
        self.assertIn('No interviews yet', self.ok('list').out)
        self.assertIn('Nothing to follow up', self.ok('next').out)
        self.assertIn('Nothing is due in the next 7 days.', self.ok('agenda').out)
        self.assertEqual(self.json_out('list', '--json'), [])
        self.assertEqual(self.json_out('next', '--json'), [])


# gettext reads LANGUAGE only in a locale other than C; C.UTF-8 is one
GERMAN = {'LANGUAGE': 'de', 'LC_ALL': 'C.UTF-8'}


class Translations(ClientTestCase):
    start = False
    interviews = ',\n'.join([
        interview('acme', 'Acme Corp', stamp(days_ago(0, 0, 5)),
                  'role = "Data Analyst"; ' + TWO_CONTACTS),
        interview('blau', 'Blau GmbH', stamp(days_ago(0, 0, 5)),
                  'language = "de"; contacts = ( { name = "Lena Vogel"; '
                  'email = "lena@blau.example"; } );'),
    ])

    def test_output_and_errors_in_german(self):
        self.start_daemon(env=GERMAN)
        r = self.ok('list', env=GERMAN)
        self.assertRegex(r.out.splitlines()[0],
                         r'^ID\s+UNTERNEHMEN\s+STELLE\s+GESPRÄCH\s+STAND\s+NÄCHSTER SCHRITT$')
        r = self.ok('show', 'acme', env=GERMAN)
        self.assertIn('Unternehmen:', r.out)
        self.assertIn('Kontakte:', r.out)
        # the daemon's refusal and the client's hint after it
        r = self.ctl('show', 'nosuch', env=GERMAN)
        self.assertEqual(r.rc, 1, r)
        self.assertEqual(r.err, 'followupctl: es gibt kein Gespräch mit der ID „nosuch“ '
                                '(followupctl list zeigt die IDs)\n')
        # a usage error, said by the client alone
        r = self.ctl('add', '--company', 'Initech', env=GERMAN)
        self.assertEqual(r.rc, 2, r)
        self.assertTrue(r.err.startswith('followupctl add: --at ist Pflicht\n'), r)
        self.assertIn('Aufruf: followupctl add', r.err)
        # in the C locale gettext leaves LANGUAGE alone: English
        r = self.ctl('add', '--company', 'Initech', env={'LANGUAGE': 'de', 'LC_ALL': 'C'})
        self.assertTrue(r.err.startswith('followupctl add: --at is required\n'), r)

    def test_a_record_in_german_gets_a_german_draft(self):
        self.start_daemon()
        r = self.ok('draft', 'blau', 'thank-you', '--from', 'Sam Lee')
        lines = r.out.splitlines()
        self.assertEqual(lines[0], 'To: Lena Vogel <lena@blau.example>')
        self.assertTrue(lines[1].startswith('Subject: Vielen Dank für unser Gespräch'), r)
        self.assertEqual(lines[3], 'Guten Tag Lena Vogel,')
        self.assertIn('bei Blau GmbH', r.out)
        self.assertEqual(lines[-1], 'Sam Lee')
        self.assertNotIn('{', r.out)
        # the English record stays English
        r = self.ok('draft', 'acme', 'thank-you', '--from', 'Sam Lee')
        self.assertEqual(r.out.splitlines()[3], 'Dear Jane,')

    def test_the_users_language_unless_the_record_has_one(self):
        self.start_daemon()
        r = self.ok('draft', 'acme', 'follow-up-email', '--from', 'Sam', env=GERMAN)
        self.assertIn('\nGuten Tag Jane Doe,\n', r.out)
        self.assertIn('Subject: Nachfrage zu meiner Bewerbung um die Stelle als Data Analyst bei '
                      'Acme Corp\n', r.out)
        self.ok('edit', 'acme', '--language', 'en')
        r = self.ok('draft', 'acme', 'follow-up-email', '--from', 'Sam', env=GERMAN)
        self.assertIn('\nDear Jane,\n', r.out)
        # no German template of a user's own: theirs in English still wins
        self.own_template('call.txt', 'Hi {greeting_name}, my own script.\n')
        r = self.ok('draft', 'blau', 'call', '--from', 'Sam')
        self.assertIn('Hi Lena, my own script.', r.out)
        # and their German one before it
        self.own_template('de/call.txt', 'Hallo {interviewer}, mein eigener Text.\n')
        r = self.ok('draft', 'blau', 'call', '--from', 'Sam')
        self.assertIn('Hallo Lena Vogel, mein eigener Text.', r.out)

    def test_language_is_checked(self):
        self.start_daemon()
        self.ok('edit', 'blau', '--language', 'pt-BR')
        self.assertEqual(self.get('blau')['language'], 'pt-BR')
        # no Portuguese templates: the English ones
        r = self.ok('draft', 'blau', 'thank-you', '--from', 'Sam')
        self.assertIn('\nDear Lena,\n', r.out)
        r = self.refused('edit', 'blau', '--language', 'de; rm', word='language')
        self.assertIn('is not a language', r.err)
        r = self.ok('add', '--company', 'Initech', '--at', '10:00', '--language', 'de')
        rid = r.out.split()[1].rstrip('.')
        self.assertEqual(self.get(rid)['language'], 'de')


class Help(ClientTestCase):
    start = False

    def test_overview(self):
        r = self.ok('help')
        for command in COMMANDS:
            self.assertRegex(r.out, rf'\n  {command} +\S')
        self.assertEqual(self.ok('--help').out, r.out)
        r = self.ctl()
        self.assertEqual(r.rc, 2)
        self.assertIn('Commands:', r.err)
        r = self.ctl('dance')
        self.assertEqual((r.rc, r.out), (2, ''))
        self.assertIn('unknown command “dance”', r.err)
        self.assertRegex(self.ok('--version').out, r'^followupctl \d+\.\d+')

    def test_every_command_has_help(self):
        for command in COMMANDS[:-1]:
            r = self.ok(command, '--help')
            self.assertTrue(r.out.startswith(f'Usage:\n  followupctl {command} '), r)
            self.assertIn('-h, --help', r.out)
            self.assertEqual(self.ok('help', command).out, r.out)
        self.assertIn('--decision-in=DAYS', self.ok('add', '--help').out)
        self.assertIn('$XDG_CONFIG_HOME/followup/templates', self.ok('draft', '--help').out)


class Drafts(ClientTestCase):
    interviews = ',\n'.join([
        interview('acme', 'Acme Corp', stamp(days_ago(0, 0, 5)),
                  'role = "Data Analyst"; ' + TWO_CONTACTS),
        # eight days on: the follow-up email is due, to the one who prefers
        # email; the call later goes to the first who can be phoned and has
        # not asked for email
        interview('eight', 'Eight Co', stamp(days_ago(8, 10)),
                  'contacts = ( { name = "Cy C"; email = "cy@eight.example"; }, '
                  '{ name = "Ben B"; email = "ben@eight.example"; phone = "+1 555 0102"; '
                  'prefers = "email"; }, { name = "Ann A"; phone = "+1 555 0101"; } );'),
    ])

    def planned(self, rid, action):
        return [r['contact'] for r in self.schedule() if r['id'] == rid and r['action'] == action]

    def test_goes_to_the_person_the_reminder_names(self):
        self.assertEqual(self.planned('eight', 'follow-up-email'), ['Ben B'])
        r = self.ok('draft', 'eight', 'follow-up-email', '--from', 'Sam')
        self.assertTrue(r.out.startswith('To: Ben B <ben@eight.example>\n'), r)
        self.assertEqual(self.planned('eight', 'call'), ['Ann A'])
        r = self.ok('draft', 'eight', 'call', '--from', 'Sam')
        self.assertTrue(r.out.startswith('Call: Ann A, +1 555 0101\n'), r)
        # --contact still chooses
        r = self.ok('draft', 'eight', 'call', '--from', 'Sam', '--contact', 'Ben B')
        self.assertTrue(r.out.startswith('Call: Ben B, +1 555 0102\n'), r)
        # no step for it in the plan (the thank-you's deadline has passed):
        # the first contact
        self.assertEqual(self.planned('eight', 'thank-you'), [])
        r = self.ok('draft', 'eight', 'thank-you', '--from', 'Sam')
        self.assertTrue(r.out.startswith('To: Cy C <cy@eight.example>\n'), r)

    def test_thank_you_goes_to_the_next_one_not_yet_thanked(self):
        self.ok('done', 'acme', 'thank-you', '--contact', 'Jane Doe')
        self.assertEqual(self.planned('acme', 'thank-you'), ['Raj Patel'])
        r = self.ok('draft', 'acme', 'thank-you', '--from', 'Sam')
        self.assertTrue(r.out.startswith('To: Raj Patel\nSubject: '), r)

    def test_every_kind(self):
        for kind in ('thank-you', 'follow-up-email', 'thanks-after-rejection', 'keep-in-touch'):
            r = self.ok('draft', 'acme', kind, '--from', 'Sam Lee')
            lines = r.out.splitlines()
            self.assertEqual(lines[0], 'To: Jane Doe <jane@acme.example>')
            self.assertTrue(lines[1].startswith('Subject: '), r)
            self.assertEqual(lines[2], '')
            self.assertEqual(lines[3], 'Dear Jane,')
            self.assertEqual(lines[-1], 'Sam Lee')
            self.assertIn('Acme Corp', r.out)
            self.assertIn('Data Analyst', r.out)
            self.assertNotIn('{', r.out)
            self.assertLess(len(r.out.split()), 150, 'a draft stays short')
        r = self.ok('draft', 'acme', 'thank-you')
        self.assertIn('meeting with me today', r.out)
        r = self.ok('draft', 'acme', 'email', '--contact', 'Raj Patel')
        self.assertTrue(r.out.startswith('To: Raj Patel\nSubject: Following up on the Data Analyst '
                                         'role at Acme Corp\n'))
        draft = self.json_out('draft', 'acme', 'keep-in-touch', '--json', '--from', 'Sam')
        self.assertEqual((draft['kind'], draft['to_email']), ('keep-in-touch', 'jane@acme.example'))
        self.assertTrue(draft['body'].endswith('\nSam\n'))

    def test_greets_by_the_name_a_person_would_use(self):
        self.ok('contact', 'acme', 'add', 'Dr. Hans-Jürgen Müller', '--email', 'hj@acme.example')
        r = self.ok('draft', 'acme', 'email', '--contact', 'Dr. Hans-Jürgen Müller', '--from', 'S')
        lines = r.out.splitlines()
        # the address keeps the full name, the greeting is title and family name
        self.assertEqual(lines[0], 'To: Dr. Hans-Jürgen Müller <hj@acme.example>')
        self.assertEqual(lines[3], 'Dear Dr. Müller,')
        r = self.ok('draft', 'acme', 'call', '--contact', 'Jane Doe', '--from', 'Sam Lee')
        self.assertIn('Ask for Jane Doe.', r.out)
        self.assertIn('"Hello Jane, this is Sam Lee.', r.out)
        # an own template has both: the name to greet and the full one
        self.own_template('keep-in-touch.txt', 'Hi {greeting_name} ({interviewer})\n')
        r = self.ok('draft', 'acme', 'keep-in-touch', '--contact', 'Dr. Hans-Jürgen Müller')
        self.assertIn('\nHi Dr. Müller (Dr. Hans-Jürgen Müller)\n', r.out)

    def test_no_doubled_stop_after_the_company(self):
        self.ok('edit', 'acme', '--company', 'Acme Inc.')
        note = self.ok('draft', 'acme', 'thank-you', '--from', 'Sam').out
        card = self.ok('draft', 'acme', 'thank-you', '--handwritten', '--from', 'Sam').out
        for text in (note, card):
            self.assertNotIn('..', text)
        self.assertIn('role at Acme Inc. I especially', note)
        self.assertIn('skills to Acme Inc.\n', card)
        self.ok('edit', 'acme', '--company', 'Yahoo!')
        card = self.ok('draft', 'acme', 'thank-you', '--handwritten', '--from', 'Sam').out
        self.assertIn('skills to Yahoo!\n', card)
        # a comma after it is still right
        self.ok('edit', 'acme', '--company', 'Acme Inc.')
        self.assertIn('at Acme Inc., and', self.ok('draft', 'acme', 'keep-in-touch').out)

    def account_name(self):
        """The account's full name as GLib reads it, if it is one."""
        entry = pwd.getpwuid(os.getuid())
        real = entry.pw_gecos.split(',')[0].replace('&', entry.pw_name.capitalize())
        return None if real.lower() in ('', 'unknown', entry.pw_name.lower()) else real

    def test_signs_with_a_slot_when_no_name_is_known(self):
        # no me group, no --from: the account's full name, else a slot to
        # fill in, never the login name
        note = self.ok('draft', 'acme', 'thank-you').out
        self.assertTrue(note.endswith(f'\nKind regards,\n{self.account_name() or "[your name]"}\n'),
                        note)
        self.assertFalse(note.endswith(f'\n{pwd.getpwuid(os.getuid()).pw_name}\n'), note)
        # --from '' asks for no signature at all
        self.assertTrue(self.ok('draft', 'acme', 'thank-you', '--from', '').out
                        .endswith('\nKind regards,\n'))

    def test_call_scripts_use_the_me_group(self):
        text = self.read_config().replace(
            'interviews = (', 'me = { name = "Sam Lee"; phone = "+49 30 5550 1234"; };\n'
            'interviews = (', 1)
        with open(self.config, 'w') as f:
            f.write(text)
        self.ok('reload')
        r = self.ok('draft', 'acme', 'call')
        self.assertTrue(r.out.startswith('Call: Jane Doe, +1 555 0100\n\nAsk for Jane Doe.\n'), r)
        self.assertIn('this is Sam Lee', r.out)
        self.assertIn('followupctl called acme reached', r.out)
        r = self.ok('draft', 'acme', 'voicemail')
        self.assertIn('reach me at +49 30 5550 1234, or by email at [your email]', r.out)
        # the me group signs the notes too, unless --from says otherwise
        self.assertTrue(self.ok('draft', 'acme', 'thank-you').out.endswith('\nSam Lee\n'))
        self.assertTrue(self.ok('draft', 'acme', 'thank-you', '--from', 'S.').out.endswith('\nS.\n'))
        card = self.ok('draft', 'acme', 'thank-you', '--handwritten').out
        self.assertNotIn('Subject:', card)
        self.assertIn('[one thing you talked about]', card)
        self.assertLess(len(card.split()), 60, 'a card is short')
        self.usage('draft', 'acme', 'call', '--mailto', word='said, not mailed')
        self.usage('draft', 'acme', 'email', '--handwritten', word='thank-you only')

    def test_own_template(self):
        self.own_template('thank-you.txt', '# mine\nSubject: Thanks from {my_name}\n\n'
                          'Hi {interviewer}, thanks for {date} at {company} ({role}).\n')
        r = self.ok('draft', 'acme', 'thank-you', '--from', 'Sam')
        date = days_ago(0, 0).strftime('%A, %-d %B')
        self.assertEqual(r.out, 'To: Jane Doe <jane@acme.example>\nSubject: Thanks from Sam\n\n'
                                f'Hi Jane Doe, thanks for {date} at Acme Corp (Data Analyst).\n')
        # the other kinds keep the built-in text
        self.assertIn('Following up', self.ok('draft', 'acme', 'email').out)

    def test_errors(self):
        self.usage('draft', 'acme', 'poem', word='poem')
        self.usage('draft', 'acme', word='thank-you|follow-up-email')
        self.usage('draft', 'acme', 'thank-you', '--from', b'\xff', word='UTF-8')
        self.refused('draft', 'acme', 'thank-you', '--contact', 'Nobody', word='Nobody')

    def test_mailto_opens_the_mail_client(self):
        """--mailto goes through GIO's handler for mailto: (no shell): a fake
        mail client registered for the scheme writes down what it got."""
        apps = os.path.join(self.home, '.local', 'share', 'applications')
        os.makedirs(apps)
        got = os.path.join(self.tmp, 'mailto.txt')
        script = os.path.join(self.tmp, 'fake-mail')
        with open(script, 'w') as f:
            f.write(f'#!/bin/sh\nprintf "%s" "$1" > {got}.part && mv {got}.part {got}\n')
        os.chmod(script, 0o755)
        with open(os.path.join(apps, 'fake-mail.desktop'), 'w') as f:
            f.write('[Desktop Entry]\nType=Application\nName=Fake Mail\n'
                    f'Exec={script} %u\nMimeType=x-scheme-handler/mailto;\n')
        with open(os.path.join(self.home, '.config', 'mimeapps.list'), 'w') as f:
            f.write('[Default Applications]\nx-scheme-handler/mailto=fake-mail.desktop\n')
        env = {'XDG_DATA_DIRS': os.path.join(self.tmp, 'no-system-apps')}
        r = self.ok('draft', 'acme', 'thank-you', '--from', 'Sam Lee', '--mailto', env=env)
        self.assertEqual(r.out, 'Opened a draft to jane@acme.example in your mail client.\n')
        self.wait_until(lambda: os.path.exists(got), what='the fake mail client')
        with open(got) as f:
            uri = f.read()
        draft = self.json_out('draft', 'acme', 'thank-you', '--from', 'Sam Lee', '--json')
        self.assertTrue(uri.startswith('mailto:jane@acme.example?subject='), uri)
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(uri).query)
        self.assertEqual(query['subject'], [draft['subject']])
        self.assertEqual(query['body'], [draft['body'].replace('\n', '\r\n')])


class Export(ClientTestCase):
    # Raj takes the calls, in his own zone
    interviews = ',\n'.join([
        interview('acme', 'Acme Corp', stamp(days_ago(1, 14, tz=NY)),
                  'role = "Data Analyst"; timezone = "America/New_York"; decision_in_days = 7; '
                  + TWO_CONTACTS.replace('timezone = "Asia/Kolkata";',
                                         'timezone = "Asia/Kolkata"; prefers = "phone";')),
        interview('globex', 'Smith, \\"Jones\\" & Co', stamp(days_ago(0, 9, 30)),
                  'notes = "First line,\\nsecond line.";'),
    ])

    def test_ics_read_back_by_a_real_parser(self):
        import icalendar
        path = os.path.join(self.tmp, 'plan.ics')
        r = self.ok('export', '--ics', '-o', path)
        self.assertEqual(r.out, f'Wrote {path}.\n')
        self.assertEqual(os.stat(path).st_mode & 0o777, 0o600)
        with open(path, 'rb') as f:
            cal = icalendar.Calendar.from_ical(f.read())
        zones = sorted(str(z['TZID']) for z in cal.walk('VTIMEZONE'))
        self.assertEqual(zones, ['America/New_York', 'Asia/Kolkata', 'Europe/Berlin'])
        events = {str(e['UID']): e for e in cal.walk('VEVENT')}
        reminders = self.schedule()
        self.assertEqual(len(events), len(reminders) + 2)
        for r in reminders:
            rid, action, contact, due = r['id'], r['action'], r.get('contact'), r['due']
            until, reason = r.get('until', 0), r['reason']
            # the step's key, the same as the daemon counts SEQUENCE for
            uid = r['key']
            event = events[uid + '@followup']
            self.assertEqual((event['SEQUENCE'], str(event['STATUS'])), (0, 'CONFIRMED'))
            start, end = event.decoded('DTSTART'), event.decoded('DTEND')
            self.assertEqual(start.timestamp(), due, uid)
            if action == 'call':
                self.assertEqual(end.timestamp(), until, uid)
            else:
                self.assertEqual(end.timestamp(), due + 15 * 60, uid)
            zone = 'America/New_York' if rid == 'acme' else 'Europe/Berlin'
            if action == 'call' and contact == 'Raj Patel':
                zone = 'Asia/Kolkata'
            self.assertEqual(event['DTSTART'].params['TZID'], zone, uid)
            alarms = event.walk('VALARM')
            self.assertEqual(len(alarms), 1)
            self.assertEqual(str(alarms[0]['ACTION']), 'DISPLAY')
            self.assertIn(reason, str(event['DESCRIPTION']))
        interview_at = events['acme.interview@followup'].decoded('DTSTART')
        self.assertEqual(interview_at, days_ago(1, 14, tz=NY))
        r = self.ok('export', '--ics')
        self.assertTrue(r.out.startswith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'))
        with open(path, newline='') as f:
            written = f.read()
        # the same calendar either way, but for the time it was made
        drop_stamp = re.compile(r'^DTSTAMP:.*\r\n', re.M)
        self.assertEqual(drop_stamp.sub('', r.out), drop_stamp.sub('', written))
        self.assertEqual(drop_stamp.sub('', self.ok('export', '--ics', '-o', '-').out),
                         drop_stamp.sub('', written))

    def calendar(self):
        """The iCalendar export read back by python3-icalendar, strictly:
        CRLF only, no line over 75 octets, each event by UID."""
        import icalendar
        text = self.ok('export', '--ics').out
        lines = text.encode().split(b'\r\n')
        self.assertEqual(lines[-1], b'')
        for line in lines:
            self.assertNotIn(b'\r', line)
            self.assertNotIn(b'\n', line)
            self.assertLessEqual(len(line), 75, line)
        cal = icalendar.Calendar.from_ical(text)
        return {str(e['UID']): e for e in cal.walk('VEVENT')}

    def test_ics_sequence_grows_and_finished_steps_are_cancelled(self):
        first = self.calendar()
        (thanks,) = [u for u in first if u.startswith('globex/thank-you/')]
        # an edit that changes no step: every SEQUENCE stays
        self.ok('edit', 'globex', '--notes', 'Parking behind the building.')
        self.assertEqual({u: e.get('SEQUENCE') for u, e in self.calendar().items()},
                         {u: e.get('SEQUENCE') for u, e in first.items()})
        # a snooze moves the thank-you: that event one up, the others as they were
        self.ok('snooze', 'globex', 'thank-you', '2h')
        moved = self.calendar()
        self.assertEqual(moved[thanks]['SEQUENCE'], 1)
        self.assertGreater(moved[thanks].decoded('DTSTART'), first[thanks].decoded('DTSTART'))
        self.assertEqual({u: e.get('SEQUENCE') for u, e in moved.items() if u != thanks},
                         {u: e.get('SEQUENCE') for u, e in first.items() if u != thanks})
        # a new decision date moves acme's calls and rewords its email: each
        # event whose content changed is one up, the others stay
        self.ok('edit', 'acme', '--decision-in', '10')
        later = self.calendar()

        def content(e):
            return [e.decoded(k) for k in ('DTSTART', 'DTEND', 'SUMMARY', 'DESCRIPTION')]
        changed = [u for u in moved if u.startswith('acme/') and u in later
                   and content(later[u]) != content(moved[u])]
        self.assertTrue(changed, 'no step changed')
        for u in later:
            self.assertEqual(later[u].get('SEQUENCE'),
                             moved[u].get('SEQUENCE') + 1 if u in changed else
                             moved.get(u, later[u]).get('SEQUENCE'), u)
        # done: exported once more, cancelled, one up again, without an alarm
        self.ok('done', 'globex', 'thank-you')
        done = self.calendar()
        self.assertEqual(str(done[thanks]['STATUS']), 'CANCELLED')
        self.assertEqual(done[thanks]['SEQUENCE'], 2)
        self.assertEqual(done[thanks].walk('VALARM'), [])
        self.assertEqual(done[thanks].decoded('DTSTART'), moved[thanks].decoded('DTSTART'))
        self.assertNotIn(thanks, [r['key'] + '@followup' for r in self.schedule()])
        # the daemon keeps it all across a restart: the same calendar
        drop_stamp = re.compile(r'^DTSTAMP:.*\r\n', re.M)
        before = drop_stamp.sub('', self.ok('export', '--ics').out)
        self.stop_daemon()
        self.start_daemon()
        self.assertEqual(drop_stamp.sub('', self.ok('export', '--ics').out), before)

    def test_csv(self):
        rows = list(csv.reader(io.StringIO(self.ok('export', '--csv').out, newline='')))
        self.assertEqual(rows[0][:6], ['id', 'company', 'role', 'interviewed_at', 'timezone',
                                       'status'])
        self.assertEqual(len(rows), 3)
        globex = dict(zip(rows[0], rows[2]))
        self.assertEqual(globex['company'], 'Smith, "Jones" & Co')
        self.assertEqual(globex['notes'], 'First line,\nsecond line.')
        acme = dict(zip(rows[0], rows[1]))
        self.assertEqual(acme['contacts'],
                         'Jane Doe <jane@acme.example> +1 555 0100; Raj Patel')
        self.assertIn('Raj Patel', [r.get('contact') for r in self.schedule()
                                    if r['action'] == 'call'])
        self.assertEqual(acme['decision_in_days'], '7')
        first = [r for r in self.schedule() if r['id'] == 'acme'][0]
        self.assertEqual(acme['next_action'], first['action'])
        self.assertEqual(datetime.datetime.fromisoformat(acme['next_due']).timestamp(),
                         first['due'])
        # defaults are shown as the values in force: the user's zone, waiting
        self.assertEqual((globex['timezone'], globex['status']), ('Europe/Berlin', 'waiting'))
        self.assertEqual((acme['timezone'], acme['status']), ('America/New_York', 'waiting'))

    def test_csv_events_name_their_contact_and_rounds_are_listed(self):
        self.ok('done', 'acme', 'thank-you', '--contact', 'Raj Patel')
        at = stamp(datetime.datetime.now(NY) + datetime.timedelta(days=3))
        self.ok('round', 'acme', '--at', at, '--contact', 'Jane Doe', '--decision-in', '5')
        rows = list(csv.reader(io.StringIO(self.ok('export', '--csv').out, newline='')))
        acme = dict(zip(rows[0], rows[1]))
        self.assertRegex(acme['events'], r'^\d{4}-\d\d-\d\d \d\d:\d\d thank-you \(Raj Patel\)$')
        self.assertEqual(acme['rounds'], f'{at} (Jane Doe; decision_in_days=5)')
        self.assertEqual(dict(zip(rows[0], rows[2]))['rounds'], '')

    def test_json(self):
        self.ok('done', 'acme', 'thank-you', '--contact', 'Jane Doe')
        data = self.json_out('export', '--json')
        (records,) = self.call('List')
        # the records as stored, but every time with its UTC offset, as the
        # reminders' are: the same instant the file means, in the record's zone
        for exported, stored in zip(data['records'], records, strict=True):
            zone = zoneinfo.ZoneInfo(stored.get('timezone', 'Europe/Berlin'))
            times = [(exported, stored, 'interviewed_at')] + [
                (e, s, 'at') for e, s in zip(exported.get('events', []), stored.get('events', []),
                                             strict=True)]
            for ex, st, key in times:
                at = datetime.datetime.fromisoformat(ex[key])
                self.assertIsNotNone(at.utcoffset(), ex[key])
                self.assertEqual(at, datetime.datetime.strptime(st[key], '%Y-%m-%d %H:%M')
                                 .replace(tzinfo=zone))
                ex[key] = st[key]
        self.assertEqual(data['records'], records)
        reminders = self.schedule()
        self.assertEqual([(x['id'], x['action'], x['contact'] or '') for x in data['reminders']],
                         [(r['id'], r['action'], r.get('contact', '')) for r in reminders])

    def test_output_onto_a_symlink_writes_through_it(self):
        # a calendar file kept in a synced folder, linked from where the user looks
        synced = os.path.join(self.tmp, 'synced')
        os.mkdir(synced)
        target = os.path.join(synced, 'plan.ics')
        with open(target, 'w') as f:
            f.write('old\n')
        link = os.path.join(self.tmp, 'plan.ics')
        os.symlink(os.path.join('synced', 'plan.ics'), link)
        self.ok('export', '--ics', '-o', link)
        self.assertTrue(os.path.islink(link), 'the link was replaced by a plain file')
        with open(target, newline='') as f:
            self.assertTrue(f.read().startswith('BEGIN:VCALENDAR\r\n'))
        self.assertEqual(sorted(os.listdir(synced)), ['plan.ics'], 'a temporary file was left')
        # a link to a file not there yet: the file is made where the link points
        os.unlink(target)
        self.ok('export', '--csv', '-o', link)
        self.assertTrue(os.path.islink(link))
        with open(target, newline='') as f:
            self.assertTrue(f.read().startswith('id,company,'))
        # a loop of links is refused, and left as it was
        loop = os.path.join(self.tmp, 'loop.ics')
        os.symlink('loop.ics', loop)
        self.refused('export', '--ics', '-o', loop, word='loop')
        self.assertEqual(os.readlink(loop), 'loop.ics')

    def test_usage(self):
        self.usage('export', word='exactly one')
        self.usage('export', '--ics', '--csv', word='exactly one')
        self.usage('export', '--json', '-o', '', word='--output')
        self.refused('export', '--ics', '-o', os.path.join(self.tmp, 'no', 'such', 'dir.ics'),
                     word='cannot write')


class Completion(ClientTestCase):
    interviews = ',\n'.join([interview('acme', 'Acme Corp', '2026-11-20 14:00'),
                             interview('globex', 'Globex', '2026-11-21 10:00')])

    def complete(self, *words):
        """What bash offers for the last word, with the script as installed."""
        script = os.path.join(SRCDIR, 'client', 'followupctl.bash-completion')
        line = ' '.join(shlex.quote(w) for w in words)
        code = (f'source {shlex.quote(script)}\nCOMP_WORDS=({line})\n'
                f'COMP_CWORD={len(words) - 1}\n_followupctl\nprintf "%s\\n" "${{COMPREPLY[@]}}"\n')
        path = os.path.dirname(os.path.abspath(FOLLOWUPCTL)) + os.pathsep + os.environ['PATH']
        proc = subprocess.run(['bash', '--norc', '--noprofile', '-c', code],
                              env=dict(self.env, PATH=path), capture_output=True, text=True,
                              timeout=TIMEOUT * 3)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return proc.stdout.split()

    def test_commands_ids_and_names(self):
        self.assertEqual(self.complete('followupctl', ''), COMMANDS)
        self.assertEqual(self.complete('followupctl', 'd'), ['done', 'draft'])
        self.assertEqual(self.complete('followupctl', 'show', ''), ['acme', 'globex'])
        self.assertEqual(self.complete('followupctl', 'done', 'g'), ['globex'])
        self.assertEqual(self.complete('followupctl', 'called', 'acme', ''),
                         ['reached', 'voicemail', 'no-answer'])
        self.assertEqual(self.complete('followupctl', 'snooze', 'acme', ''),
                         ['prepare', 'thank-you', 'follow-up-email', 'call', 'move-on',
                          'thanks-after-rejection', 'keep-in-touch'])
        self.assertIn('next-window', self.complete('followupctl', 'snooze', 'acme', 'call', ''))
        self.assertEqual(self.complete('followupctl', 'status', 'acme', 'no'), ['no-opening'])
        self.assertEqual(self.complete('followupctl', 'draft', 'acme', 'thank'),
                         ['thank-you', 'thanks-after-rejection'])

    def test_options_and_values(self):
        self.assertIn('--mailto', self.complete('followupctl', 'draft', 'acme', 'thank-you', '--'))
        self.assertIn('--decision-in', self.complete('followupctl', 'add', '--company', 'A', '--'))
        self.assertIn('America/New_York',
                      self.complete('followupctl', 'add', '--tz', 'America/New_'))
        self.assertIn('America/New_York',
                      self.complete('followupctl', 'add', '--tz', '=', 'America/New_'))
        self.assertEqual(self.complete('followupctl', 'edit', 'acme', '--status', 'w'),
                         ['waiting', 'withdrawn'])
        # the value of --company is not taken for the id
        self.assertEqual(self.complete('followupctl', 'add', '--company', 'acme', ''), [])

    def test_quiet_without_the_daemon(self):
        self.stop_daemon()
        self.assertEqual(self.complete('followupctl', 'show', ''), [])


class Bus(ClientTestCase):
    start = False

    def test_no_daemon(self):
        for args in (['list'], ['status'], ['add', '--company', 'A', '--at', '10:00'],
                     ['draft', 'x', 'thank-you'], ['export', '--ics']):
            r = self.ctl(*args)
            self.assertEqual((r.rc, r.out, r.err), (1, '', NOT_RUNNING))

    def test_no_bus(self):
        r = self.ctl('next', env={'DBUS_SESSION_BUS_ADDRESS': 'unix:path=/nonexistent/bus'})
        self.assertEqual((r.rc, r.err), (1, NOT_RUNNING))

    def test_usage_is_checked_before_the_bus(self):
        self.usage('add', '--company', 'A', '--at', 'when?', word='when?')
        self.usage('snooze', 'x', 'call', 'forever', word='forever')


class Activation(ClientTestCase):
    """With a D-Bus service file the first command starts the daemon."""
    start = False

    def setUp(self):
        self.servicedir = os.path.join(os.environ.get('TMPDIR', '/tmp'),
                                       f'followup-services-{os.getpid()}')
        os.makedirs(self.servicedir, exist_ok=True)
        self.launcher = os.path.join(self.servicedir, 'launch-followupd')
        with open(os.path.join(self.servicedir, 'org.followup.Followup1.service'), 'w') as f:
            f.write(f'[D-BUS Service]\nName={NAME}\nExec={self.launcher}\n')
        super().setUp()
        self.addCleanup(self.remove_servicedir)
        # the bus starts the service with its own environment: give it ours
        exports = ''.join(f'export {k}={v!r}\n' for k, v in self.env.items()
                          if k.startswith(('XDG_', 'HOME', 'TZ', 'LC_', 'DBUS_SESSION', 'ASAN',
                                           'UBSAN', 'LSAN')))
        with open(self.launcher, 'w') as f:
            f.write(f'#!/bin/sh\n{exports}exec {FOLLOWUPD} --config {self.config} '
                    f'--state {self.state} >> {self.log_path} 2>&1\n')
        os.chmod(self.launcher, 0o755)

    def remove_servicedir(self):
        for name in os.listdir(self.servicedir):
            os.unlink(os.path.join(self.servicedir, name))
        os.rmdir(self.servicedir)

    def test_first_command_starts_the_daemon(self):
        r = self.ok('add', '--company', 'Acme Corp', '--at', '10:00')
        self.assertTrue(r.out.startswith('Added acme-corp.\n'))
        self.assertIn('company = "Acme Corp";', self.read_config())
        reply = self.conn.call_sync('org.freedesktop.DBus', '/org/freedesktop/DBus',
                                    'org.freedesktop.DBus', 'GetConnectionUnixProcessID',
                                    GLib.Variant('(s)', (NAME,)), None, Gio.DBusCallFlags.NONE,
                                    int(TIMEOUT * 1000), None)
        os.kill(reply.unpack()[0], 15)
        self.wait_for_name(NAME, present=False)


if __name__ == '__main__':
    main()

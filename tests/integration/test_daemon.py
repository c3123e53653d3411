#!/usr/bin/python3
"""followupd on a private bus: every method and error, reminders on time,
notification buttons, restarts, hand edits, and a missing server."""

import datetime
import json
import os
import signal
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..'))
from followup_testlib import (FollowupTestCase, GLib, NAME, iso, main,  # noqa: E402
                              now_local)

ERR = 'org.followup.Followup1.Error.'


def record(**kw):
    return {k: GLib.Variant('i' if isinstance(v, int) else 's', v) for k, v in kw.items()}


def due_in(seconds, company='Acme Corp', rid='acme', contact='Jane Doe'):
    """A record whose thank-you falls due `seconds` from now."""
    at = now_local() - datetime.timedelta(hours=1) + datetime.timedelta(seconds=seconds)
    return f'''{{ id = "{rid}"; company = "{company}"; interviewed_at = "{iso(at)}";
      contacts = ( {{ name = "{contact}"; email = "jane@acme.example"; }} ); }}'''


class Methods(FollowupTestCase):
    def setUp(self):
        super().setUp()
        self.write_config()
        self.start_daemon()

    def test_add_get_list_remove(self):
        changed = self.subscribe(NAME, 'org.followup.Followup1', 'Changed')
        (rid,) = self.call('Add', (record(company='Acme Corp', role='Data Analyst',
                                          interviewed_at='2026-11-20 14:00',
                                          timezone='America/New_York', decision_in_days=7),),
                           '(a{sv})')
        self.assertEqual(rid, 'acme-corp-data-analyst')
        (got,) = self.call('Get', (rid,), '(s)')
        self.assertEqual(got['company'], 'Acme Corp')
        self.assertEqual(got['decision_in_days'], 7)
        self.assertIn('company = "Acme Corp"', self.read_config())
        self.assertEqual(os.stat(self.config).st_mode & 0o777, 0o600)
        (second,) = self.call('Add', (record(company='Acme Corp', role='Data Analyst',
                                             interviewed_at='2026-11-21 09:00'),), '(a{sv})')
        self.assertEqual(second, 'acme-corp-data-analyst-2')
        (records,) = self.call('List')
        self.assertEqual([r['id'] for r in records], [rid, second])
        self.assertEqual(self.prop('Records'), 2)
        self.call('Remove', (rid,), '(s)')
        (records,) = self.call('List')
        self.assertEqual([r['id'] for r in records], [second])
        self.assertNotIn('acme-corp-data-analyst"', self.read_config())
        self.wait_until(lambda: len(changed) >= 3, what='three Changed signals')
        self.assertEqual(changed[0], (rid,))

    def test_add_refuses_bad_records_and_writes_nothing(self):
        before = self.read_config()
        cases = [
            (record(interviewed_at='2026-11-20 14:00'), 'Invalid', 'company'),
            (record(company='', interviewed_at='2026-11-20 14:00'), 'Invalid', 'company'),
            (record(company='A', interviewed_at='20 Nov'), 'Invalid', 'interviewed_at'),
            (record(company='A', interviewed_at='2026-11-20 14:00', timezone='Mars/Base'),
             'Invalid', 'timezone'),
            (record(company='A', interviewed_at='2026-11-20 14:00', status='hired'),
             'Invalid', 'status'),
            (record(company='A', interviewed_at='2026-11-20 14:00', colour='red'),
             'Invalid', 'colour'),
            (record(company='A' * 1000, interviewed_at='2026-11-20 14:00'), 'Invalid', 'long'),
            ({'company': GLib.Variant('i', 5), 'interviewed_at': GLib.Variant('s', 'x')},
             'Invalid', 'string'),
        ]
        for rec, error, word in cases:
            name, message = self.call_error('Add', (rec,), '(a{sv})')
            self.assertEqual(name, ERR + error, message)
            self.assertIn(word, message)
        self.assertEqual(self.read_config(), before)

    def test_unknown_ids_are_not_found(self):
        for method, args, sig in [('Get', ('nope',), '(s)'), ('Remove', ('nope',), '(s)'),
                                  ('Update', ('nope', {}), '(sa{sv})'),
                                  ('RecordEvent', ('nope', 'email', {}), '(ssa{sv})'),
                                  ('Snooze', ('nope', 'call', 0), '(ssx)')]:
            name, message = self.call_error(method, args, sig)
            self.assertEqual(name, ERR + 'NotFound')
            self.assertIn('nope', message)

    def test_duplicate_id_exists(self):
        self.call('Add', (record(id='x', company='A', interviewed_at='2026-11-20 14:00'),),
                  '(a{sv})')
        name, message = self.call_error(
            'Add', (record(id='x', company='B', interviewed_at='2026-11-20 14:00'),), '(a{sv})')
        self.assertEqual(name, ERR + 'Exists')

    def test_update_and_status_time(self):
        self.call('Add', (record(id='x', company='A', interviewed_at='2026-11-20 14:00'),),
                  '(a{sv})')
        self.call('Update', ('x', record(role='Analyst', status='rejected')), '(sa{sv})')
        (got,) = self.call('Get', ('x',), '(s)')
        self.assertEqual(got['role'], 'Analyst')
        self.assertIn('status_at', got)
        self.call('Update', ('x', record(role='')), '(sa{sv})')
        (got,) = self.call('Get', ('x',), '(s)')
        self.assertNotIn('role', got)
        name, _ = self.call_error('Update', ('x', record(id='y')), '(sa{sv})')
        self.assertEqual(name, ERR + 'Invalid')
        name, _ = self.call_error('Update', ('x', record(interviewed_at='soon')), '(sa{sv})')
        self.assertEqual(name, ERR + 'Invalid')
        (got,) = self.call('Get', ('x',), '(s)')
        self.assertEqual(got['interviewed_at'], '2026-11-20 14:00')

    def test_record_event_moves_the_schedule(self):
        self.call('Add', (record(id='x', company='A', interviewed_at='2026-11-20 14:00',
                                 timezone='America/New_York'),), '(a{sv})')
        self.call('RecordEvent', ('x', 'call', record(at='2030-01-07 10:05', outcome='voicemail')),
                  '(ssa{sv})')
        (sched,) = self.call('Schedule', (0, 0), '(xx)')
        calls = [r for r in sched if r['action'] == 'call']
        self.assertEqual(len(calls), 1)
        # retry on the 3rd workday after Mon 7 Jan 2030: Thu 10 Jan, 10:00 New York
        self.assertEqual(calls[0]['due'], 1894287600)
        self.assertIn('left a message', calls[0]['reason'])
        for args, word in [(('x', 'meeting', {}), 'meeting'),
                           (('x', 'call', {}), 'outcome'),
                           (('x', 'call', record(outcome='maybe')), 'maybe'),
                           (('x', 'email', record(at='yesterday')), 'at')]:
            name, message = self.call_error('RecordEvent', args, '(ssa{sv})')
            self.assertEqual(name, ERR + 'Invalid')
            self.assertIn(word, message)

    def test_schedule_window_and_next_due(self):
        now = now_local()
        soon = now + datetime.timedelta(days=2)
        self.call('Add', (record(id='x', company='A', interviewed_at=iso(soon)),), '(a{sv})')
        (sched,) = self.call('Schedule', (0, 0), '(xx)')
        dues = [r['due'] for r in sched]
        self.assertEqual(dues, sorted(dues))
        self.assertEqual(self.prop('NextDue'), dues[0])
        (window,) = self.call('Schedule', (dues[0] + 1, 0), '(xx)')
        self.assertEqual(len(window), len(sched) - 1)

    def test_snooze(self):
        at = now_local() - datetime.timedelta(hours=1)
        self.call('Add', (record(id='x', company='A', interviewed_at=iso(at)),), '(a{sv})')
        (before,) = self.call('Schedule', (0, 0), '(xx)')
        call = [r for r in before if r['action'] == 'call'][0]
        now = int(now_local().timestamp())
        # the call is two weeks away: an hour's snooze would move it earlier
        name, message = self.call_error('Snooze', ('x', 'call', now + 3600), '(ssx)')
        self.assertEqual(name, ERR + 'Invalid')
        self.assertIn('is due', message)
        self.call('Snooze', ('x', 'call', 0), '(ssx)')
        (after,) = self.call('Schedule', (0, 0), '(xx)')
        moved = [r for r in after if r['action'] == 'call'][0]
        self.assertGreaterEqual(moved['due'], call['until'])
        # a second snooze never brings it back before the first
        name, message = self.call_error('Snooze', ('x', 'call', call['until'] + 60), '(ssx)')
        self.assertEqual(name, ERR + 'Invalid')
        # off undoes it
        self.call('Snooze', ('x', 'call', -1), '(ssx)')
        (undone,) = self.call('Schedule', (0, 0), '(xx)')
        self.assertEqual([r['due'] for r in undone if r['action'] == 'call'], [call['due']])
        later = now + 7200
        self.call('Snooze', ('x', 'thank-you', later), '(ssx)')
        (after,) = self.call('Schedule', (0, 0), '(xx)')
        self.assertEqual([r['due'] for r in after if r['action'] == 'thank-you'], [later])
        for args, error in [(('x', 'dance', later), 'Invalid'),
                            (('x', 'thank-you', 0), 'Invalid'),
                            (('x', 'thank-you', 1000), 'Invalid'),
                            # past the note's deadline, a day after the interview
                            (('x', 'thank-you', now + 2 * 86400), 'Invalid'),
                            (('x', 'keep-in-touch', later), 'NotFound')]:
            self.assertEqual(self.call_error('Snooze', args, '(ssx)')[0], ERR + error)

    def steps(self, method='Schedule'):
        (steps,) = self.call(method, (0, 0), '(xx)') if method == 'Schedule' else self.call(method)
        return {r['key']: r for r in steps}

    def test_sequence_grows_with_a_change_and_departed_steps_are_kept(self):
        at = now_local() - datetime.timedelta(hours=1)
        self.call('Add', (record(id='x', company='A', interviewed_at=iso(at)),), '(a{sv})')
        before = self.steps()
        self.assertEqual({r['sequence'] for r in before.values()}, {0})
        self.assertEqual(self.steps('Departed'), {})
        # notes are not on any step: no sequence moves
        self.call('Update', ('x', record(notes='Nice office.')), '(sa{sv})')
        self.assertEqual({k: r['sequence'] for k, r in self.steps().items()},
                         {k: 0 for k in before})
        # a snooze moves the thank-you: the same key, one up
        (thanks,) = [k for k, r in before.items() if r['action'] == 'thank-you']
        self.call('Snooze', ('x', 'thank-you', int(now_local().timestamp()) + 7200), '(ssx)')
        after = self.steps()
        self.assertEqual(after[thanks]['sequence'], 1)
        self.assertEqual({k: r['sequence'] for k, r in after.items() if k != thanks},
                         {k: 0 for k in before if k != thanks})
        # done: it leaves the plan and is kept, with its last fields, one up again
        self.call('RecordEvent', ('x', 'thank-you', {}), '(ssa{sv})')
        self.assertNotIn(thanks, self.steps())
        departed = self.steps('Departed')
        self.assertEqual(list(departed), [thanks])
        gone = departed[thanks]
        self.assertEqual((gone['sequence'], gone['due'], gone['company']),
                         (2, after[thanks]['due'], 'A'))
        self.assertLessEqual(abs(gone['left'] - now_local().timestamp()), 60)
        # a restart keeps it all
        self.stop_daemon()
        self.start_daemon()
        self.assertEqual({k: r['sequence'] for k, r in self.steps().items()},
                         {k: r['sequence'] for k, r in after.items() if k != thanks})
        self.assertEqual(self.steps('Departed'), departed)
        # a removed record: every step of it leaves
        self.call('Remove', ('x',), '(s)')
        departed = self.steps('Departed')
        self.assertEqual(set(departed), set(before))
        self.assertEqual(departed[thanks]['sequence'], 2)
        self.assertTrue(all(departed[k]['sequence'] == 1 for k in before if k != thanks))

    def test_version_property(self):
        self.assertRegex(self.prop('Version'), r'^\d+\.\d+')


class GroupCommit(FollowupTestCase):
    """Edits sent together are saved together: each still gets its own
    answer, in order, and a read sent after them sees them all."""

    def setUp(self):
        super().setUp()
        self.write_config()
        self.start_daemon()

    def test_pipelined_edits_each_get_their_own_answer(self):
        at = '2026-11-20 14:00'
        results = self.call_many([
            ('Add', (record(id='x', company='X', interviewed_at=at),), '(a{sv})'),
            ('Update', ('x', record(role='Analyst')), '(sa{sv})'),
            ('Add', (record(company='', interviewed_at=at),), '(a{sv})'),
            ('RecordEvent', ('x', 'email', record(at='2026-11-27 10:00')), '(ssa{sv})'),
            ('Add', (record(id='x', company='Again', interviewed_at=at),), '(a{sv})'),
            ('Add', (record(id='y', company='Y', interviewed_at=at),), '(a{sv})'),
            ('Remove', ('y',), '(s)'),
            ('Update', ('y', record(role='Gone')), '(sa{sv})'),
            ('Get', ('x',), '(s)'),
            ('List', None, None),
        ])
        self.assertEqual(results[0], ('ok', ('x',)))
        self.assertEqual(results[1][0], 'ok')
        self.assertEqual(results[2][0], ERR + 'Invalid')
        self.assertIn('company', results[2][1])
        self.assertEqual(results[3][0], 'ok')
        self.assertEqual(results[4][0], ERR + 'Exists')
        self.assertEqual(results[5], ('ok', ('y',)))
        self.assertEqual(results[6][0], 'ok')
        self.assertEqual(results[7][0], ERR + 'NotFound')
        got = results[8][1][0]
        self.assertEqual((got['company'], got['role']), ('X', 'Analyst'))
        self.assertEqual([e['type'] for e in got['events']], ['email'])
        self.assertEqual([r['id'] for r in results[9][1][0]], ['x'])
        # and all of it is on disk, as a restart shows
        self.stop_daemon()
        self.start_daemon()
        (records,) = self.call('List')
        self.assertEqual([(r['id'], r['role']) for r in records], [('x', 'Analyst')])

    def test_plan_after_edits_is_the_plan_of_the_file(self):
        # an edit plans only the records it changed; what the daemon then
        # reminds of must be what a daemon reading the file anew plans
        now = now_local()
        for rid, days, zone in [('a', 1, 'Asia/Tokyo'), ('b', 3, 'America/New_York'),
                                ('c', 5, 'Europe/Berlin'), ('e', 2, 'Europe/London')]:
            at = iso(now - datetime.timedelta(days=days))
            self.call('Add', (record(id=rid, company=rid.upper(), interviewed_at=at,
                                     timezone=zone, decision_in_days=days + 2),), '(a{sv})')
        results = self.call_many([
            ('Update', ('b', record(interviewed_at=iso(now - datetime.timedelta(days=6)))),
             '(sa{sv})'),
            ('Remove', ('c',), '(s)'),
            ('Add', (record(id='d', company='D', interviewed_at=iso(now), timezone='Asia/Tokyo'),),
             '(a{sv})'),
            ('RecordEvent', ('a', 'email', record(at=iso(now))), '(ssa{sv})'),
            ('Update', ('b', record(role='Analyst')), '(sa{sv})'),
        ])
        self.assertEqual([r[0] for r in results], ['ok'] * 5)

        def plan():
            (sched,) = self.call('Schedule', (0, 0), '(xx)')
            return [(r['id'], r['action'], r.get('contact'), r['due'], r['reason'])
                    for r in sched]

        edited = plan()
        self.assertEqual(sorted({step[0] for step in edited}), ['a', 'b', 'd', 'e'])
        self.assertNotIn('email', [s[1] for s in edited if s[0] == 'a'])
        self.stop_daemon()
        self.start_daemon()
        self.assertEqual(edited, plan())


class HandEdits(FollowupTestCase):
    def setUp(self):
        super().setUp()
        self.write_config('{ id = "a"; company = "A"; interviewed_at = "2030-01-10 14:00"; }')
        self.start_notification_server()
        self.start_daemon()

    def edit(self, text):
        changed = self.subscribe(NAME, 'org.followup.Followup1', 'Changed')
        with open(self.config, 'w') as f:
            f.write(text)
        self.wait_until(lambda: changed, what='the daemon to notice the edit')

    def test_good_edit_is_picked_up(self):
        self.edit('version = 1;\ninterviews = ( { id = "b"; company = "B"; '
                  'interviewed_at = "2026-11-21 10:00"; } );\n')
        (records,) = self.call('List')
        self.assertEqual([r['id'] for r in records], ['b'])

    def test_broken_edit_keeps_records_and_refuses_changes(self):
        broken = ('version = 1;\ninterviews = (\n  { id = "a"; company = "A";\n'
                  '    interviewed_at = "tomorrow"; } );\n')
        self.edit(broken)
        problem = self.prop('ConfigProblem')
        self.assertIn(f'{self.config}:4:', problem)
        (records,) = self.call('List')
        self.assertEqual([r['id'] for r in records], ['a'])
        name, message = self.call_error('Add', (record(company='B',
                                                       interviewed_at='2026-11-20 14:00'),),
                                        '(a{sv})')
        self.assertEqual(name, ERR + 'ConfigBroken')
        self.assertIn('interviewed_at', message)
        self.assertEqual(self.read_config(), broken)
        (problems,) = self.call('Check')
        self.assertTrue(problems[0].startswith(f'{self.config}:4: '), problems)
        shown = self.wait_notifications(1)
        self.assertEqual([n['summary'] for n in shown], ['followup cannot read your records'])
        self.assertEqual(shown[0]['hints']['urgency'], 1)  # nothing is critical (R12)
        # SIGHUP re-reads the same broken file: no second notification (wait
        # for that read: the edit below must not race it)
        reloaded = self.subscribe(NAME, 'org.followup.Followup1', 'Changed')
        self.daemon.send_signal(signal.SIGHUP)
        self.wait_until(lambda: reloaded, what='the daemon to re-read the file on SIGHUP')
        self.assertEqual(len(self.notifications()), 1)
        self.edit('version = 1;\ninterviews = ( { id = "a"; company = "A"; '
                  'interviewed_at = "2030-01-10 14:00"; } );\n')
        self.assertEqual(self.prop('ConfigProblem'), '')
        self.call('Add', (record(company='B', interviewed_at='2026-11-20 14:00'),), '(a{sv})')

    def test_edit_between_reads_is_not_lost(self):
        # write without waiting for the monitor: the next change must re-read first
        with open(self.config, 'w') as f:
            f.write('version = 1;\ninterviews = ( { id = "hand"; company = "H"; '
                    'interviewed_at = "2026-11-20 14:00"; } );\n')
        self.call('Add', (record(company='B', interviewed_at='2026-11-20 14:00'),), '(a{sv})')
        (records,) = self.call('List')
        self.assertEqual(sorted(r['id'] for r in records), ['b', 'hand'])
        self.assertTrue(os.path.exists(self.config + '~'))


class Reminders(FollowupTestCase):
    def test_shown_on_time_with_text_and_actions(self):
        self.write_config(due_in(3))
        self.start_notification_server()
        reminded = self.subscribe(NAME, 'org.followup.Followup1', 'Reminded')
        self.start_daemon()
        (sched,) = self.call('Schedule', (0, 0), '(xx)')
        due = [r['due'] for r in sched if r['action'] == 'thank-you'][0]
        shown = self.wait_notifications(1, timeout=10)
        late = shown[0]['time'] - due
        self.assertGreaterEqual(late, 0)
        self.assertLess(late, 1.5)
        n = shown[0]
        self.assertEqual(n['summary'], 'Send a thank-you note to Jane Doe at Acme Corp')
        self.assertIn('Email: jane@acme.example', n['body'])
        self.assertEqual(n['actions'], {'write': 'Write', 'done': 'Done', 'snooze': 'Snooze 1 h'})
        self.assertEqual(n['app'], 'followup')
        # the names of the installed desktop file and icon (tests/test-desktop-files.py)
        self.assertEqual(n['hints']['desktop-entry'], 'org.followup.Followup')
        self.assertEqual(n['icon'], 'org.followup.Followup')
        self.wait_until(lambda: reminded, what='Reminded')
        self.assertEqual(reminded[0], ('acme', 'thank-you'))

    def test_in_the_users_language(self):
        # gettext reads LANGUAGE only in a locale other than C; C.UTF-8 is one
        self.write_config(due_in(-60))
        self.start_notification_server()
        self.start_daemon(env={'LANGUAGE': 'de', 'LC_ALL': 'C.UTF-8'})
        n = self.wait_notifications(1)[0]
        self.assertEqual(n['summary'], 'Schicken Sie Jane Doe bei Acme Corp eine Dankesnachricht')
        self.assertIn('E-Mail: jane@acme.example', n['body'])
        self.assertEqual(n['actions'], {'write': 'Schreiben', 'done': 'Erledigt',
                                        'snooze': '1 Std. später'})
        # the daemon's refusals, which the client shows as they come, too
        name, message = self.call_error('Get', ('nosuch',), '(s)')
        self.assertEqual(name, ERR + 'NotFound')
        self.assertIn('es gibt kein Gespräch mit der ID „nosuch“', message)

    def test_a_call_is_never_critical(self):
        # a zone where it is 10:xx now, so the call's window is open
        utc = datetime.datetime.now(datetime.timezone.utc)
        offset = (10 - utc.hour) % 24
        offset = offset - 24 if offset > 14 else offset
        zone = 'Etc/GMT' + (f'{-offset:+d}' if offset else '')
        local = utc + datetime.timedelta(hours=offset)
        yesterday = (local - datetime.timedelta(days=1)).strftime('%Y-%m-%d')
        self.write_config(f'''{{ id = "acme"; company = "Acme Corp"; timezone = "{zone}";
          interviewed_at = "{yesterday} 09:00";
          contacts = ( {{ name = "Jane Doe"; phone = "+1 555 0100"; }} );
          events = ( {{ type = "thank-you"; at = "{yesterday} 12:00"; }} ); }}''',
                          policy='policy = { quiet_hours = ""; call_windows = ["10:00-11:59"]; '
                                 'call_without_timeline_after_days = 1; workdays = ["Mon", '
                                 '"Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]; };\n')
        self.start_notification_server()
        self.start_daemon()
        n = self.wait_notifications(1)[0]
        self.assertEqual(n['summary'], 'Call Jane Doe at Acme Corp')
        self.assertEqual(n['hints']['urgency'], 1)
        # what to say comes with it (issue 12)
        self.assertIn('Phone: +1 555 0100', n['body'])
        self.assertIn('Ask for Jane Doe, mention your interview on ', n['body'])

    def test_catch_up_waits_for_the_end_of_quiet_hours(self):
        now = now_local()
        end = (now + datetime.timedelta(hours=2)).replace(second=0, microsecond=0)
        quiet = f'{(now - datetime.timedelta(hours=1)):%H:%M}-{end:%H:%M}'
        # the thank-you fell due two hours ago, before the quiet hours began;
        # the daemon starts inside them
        self.write_config(due_in(-7200), policy=f'policy = {{ quiet_hours = "{quiet}"; }};\n')
        self.start_notification_server()
        self.start_daemon()
        (sched,) = self.call('Schedule', (0, 0), '(xx)')
        thanks = [r for r in sched if r['action'] == 'thank-you'][0]
        self.assertLess(thanks['due'], now.timestamp())
        self.assertEqual(thanks['show_at'], int(end.timestamp()))
        self.assertEqual(self.notifications(), [])

    def test_a_thank_you_past_its_deadline_is_not_shown(self):
        self.write_config(due_in(-2 * 86400))
        self.start_notification_server()
        self.start_daemon()
        (sched,) = self.call('Schedule', (0, 0), '(xx)')
        self.assertNotIn('thank-you', [r['action'] for r in sched])
        self.assertEqual(self.notifications(), [])

    def test_snooze_button_stops_before_the_deadline(self):
        # an hour to write the note, 45 minutes gone: "Snooze 1 h" would end
        # past the deadline, so it ends 5 minutes before it
        self.write_config(due_in(900), policy='policy = { quiet_hours = ""; '
                                              'thank_you_within_hours = 1; };\n')
        self.start_notification_server()
        self.start_daemon()
        self.wait_notifications(1)
        (sched,) = self.call('Schedule', (0, 0), '(xx)')
        until = [r['until'] for r in sched if r['action'] == 'thank-you'][0]
        self.click(1, 'snooze')
        self.wait_until(lambda: [r['due'] for r in self.call('Schedule', (0, 0), '(xx)')[0]
                                 if r['action'] == 'thank-you'] == [until - 300],
                        what='the snooze up to the deadline')

    def test_click_done_records_the_event(self):
        self.write_config(due_in(0))
        self.start_notification_server()
        self.start_daemon()
        self.wait_notifications(1)
        changed = self.subscribe(NAME, 'org.followup.Followup1', 'Changed')
        self.click(1, 'done')
        self.wait_until(lambda: changed, what='the click to change the record')
        self.assertIn('type = "thank-you"', self.read_config())
        (sched,) = self.call('Schedule', (0, 0), '(xx)')
        self.assertNotIn('thank-you', [r['action'] for r in sched])

    def test_restart_does_not_repeat(self):
        self.write_config(due_in(0))
        self.start_notification_server()
        self.start_daemon()
        self.wait_notifications(1)
        self.stop_daemon()
        self.start_daemon()
        self.call('Schedule', (0, 0), '(xx)')
        self.assertEqual(len(self.notifications()), 1)

    def test_stop_waits_for_a_notification_in_flight(self):
        # the server is stopped while the daemon shows a reminder, so the
        # call is still out when the stop signal comes; the server resumes
        # after it. The daemon waits for the answer and marks the reminder
        # shown before it exits, so the restart does not show it again
        self.write_config()
        self.start_notification_server()
        self.start_daemon()
        self.wait_until(lambda: 'notification server: body-markup' in self.log(),
                        what='the daemon to know the server')
        os.kill(self.mock.pid, signal.SIGSTOP)
        try:
            # the Add is answered once its re-plan has sent the Notify
            at = now_local() - datetime.timedelta(hours=1)
            self.call('Add', (record(id='acme', company='Acme Corp', interviewed_at=iso(at)),),
                      '(a{sv})')
            self.daemon.send_signal(signal.SIGTERM)
        finally:
            os.kill(self.mock.pid, signal.SIGCONT)
        self.stop_daemon()
        self.assertIn('reminder shown: thank-you acme', self.log())
        with open(self.state) as f:
            shown = json.load(f)['shown']
        self.assertEqual([k.split('/')[:2] for k in shown], [['acme', 'thank-you']])
        self.start_daemon()
        self.call('Schedule', (0, 0), '(xx)')
        self.assertEqual(len(self.notifications()), 1)

    def test_three_due_at_once_come_singly_with_their_buttons(self):
        # issue 14: a summary has no buttons; up to three come one by one
        # (more than three: tests/integration/test_desktop.py)
        self.write_config(',\n'.join(due_in(-60 * i, company=f'C{i}', rid=f'c{i}')
                                     for i in range(3)))
        self.start_notification_server()
        self.start_daemon()
        shown = self.wait_notifications(3)
        self.call('Schedule', (0, 0), '(xx)')
        self.assertEqual(len(self.notifications()), 3)
        self.assertEqual(sorted(n['summary'] for n in shown),
                         [f'Send a thank-you note to Jane Doe at C{i}' for i in range(3)])
        for n in shown:
            self.assertEqual(n['actions'], {'write': 'Write', 'done': 'Done', 'snooze': 'Snooze 1 h'})

    def test_markup_in_records_is_escaped(self):
        self.write_config(due_in(0, company='<b>Acme & Co</b> %s%n', contact='Jo <i>'))
        self.start_notification_server()
        self.start_daemon()
        n = self.wait_notifications(1)[0]
        self.assertEqual(n['summary'], 'Send a thank-you note to Jo <i> at <b>Acme & Co</b> %s%n')
        self.assertNotIn('<b>', n['body'])
        self.assertNotIn('<i>', n['body'])

    def test_no_server_then_one_appears(self):
        self.write_config(due_in(0))
        self.start_daemon()
        (sched,) = self.call('Schedule', (0, 0), '(xx)')
        self.assertIn('thank-you', [r['action'] for r in sched])
        self.start_notification_server()
        shown = self.wait_notifications(1)
        self.assertEqual(shown[0]['summary'], 'Send a thank-you note to Jane Doe at Acme Corp')


class Lifecycle(FollowupTestCase):
    def test_first_start_writes_a_starter_file(self):
        self.start_daemon()
        # written once the daemon holds its name (a second instance writes nothing)
        self.wait_until(lambda: os.path.exists(self.config), what='the starter file')
        text = self.read_config()
        self.assertIn('interviews = (\n);', text)
        self.assertNotIn('comments', text.split('\n\n')[0], 'the header warns of lost comments')
        # every policy key spelled out at its default, commented, with a comment of its own
        for key in ('call_windows', 'workdays', 'holidays', 'quiet_hours', 'thank_you_within_hours',
                    'follow_up_email_after_days', 'call_without_timeline_after_days',
                    'max_calls', 'call_retry_after_workdays', 'move_on_after_days'):
            self.assertRegex(text, rf'\n  # [^\n]+\n  # {key} = [^\n]+;\n')
        self.assertEqual(os.stat(self.config).st_mode & 0o777, 0o600)
        (records,) = self.call('List')
        self.assertEqual(records, [])
        # the first add keeps all of it, byte for byte, and writes the record readably
        self.call('Add', ({'company': GLib.Variant('s', 'Acme'),
                           'interviewed_at': GLib.Variant('s', '2026-11-20 14:00')},), '(a{sv})')
        after = self.read_config()
        head = text[:text.index('interviews = (')]
        self.assertTrue(after.startswith(head + 'interviews = (\n  {\n    id = "acme";\n'
                                         '    company = "Acme";\n'
                                         '    interviewed_at = "2026-11-20 14:00";\n'), after)
        self.assertTrue(after.endswith('  }\n);\n'), after)

    def test_second_instance_says_so(self):
        self.write_config()
        self.start_daemon()
        second = subprocess.run([os.environ['FOLLOWUPD'], '--config', self.config],
                                env=self.env, capture_output=True, text=True, timeout=10)
        self.assertEqual(second.returncode, 1)
        self.assertIn('another followupd already runs', second.stderr)

    def test_replace(self):
        self.write_config()
        first = self.start_daemon()
        log = open(os.path.join(self.tmp, 'second.log'), 'w')
        second = subprocess.Popen([os.environ['FOLLOWUPD'], '--replace', '--config',
                                   self.config, '--state', self.state],
                                  env=self.env, stdout=log, stderr=subprocess.STDOUT)
        self.assertEqual(first.wait(timeout=10), 0)
        self.wait_for_name(NAME)
        self.call('List')
        second.terminate()
        self.assertEqual(second.wait(timeout=10), 0)
        log.close()


if __name__ == '__main__':
    main()

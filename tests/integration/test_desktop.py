#!/usr/bin/python3
"""Issue 14: followupd as a good desktop citizen, against a notification
server that records every call (python-dbusmock): a notification goes away
when it no longer applies, each step keeps its buttons, the call reminder
is resident and normal urgency."""

import datetime
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..'))
from followup_testlib import (PYTHON, SRCDIR, FollowupTestCase, GLib, Gio, NAME,  # noqa: E402
                              TIMEOUT, iso, main, now_local)

NOTIFY_NAME = 'org.freedesktop.Notifications'
NOTIFY_PATH = '/org/freedesktop/Notifications'
MOCK_IFACE = 'org.freedesktop.DBus.Mock'
ALL_DAYS = 'workdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];'


def record(**kw):
    return {k: GLib.Variant('b' if isinstance(v, bool) else
                            'i' if isinstance(v, int) else 's', v) for k, v in kw.items()}


def thanks_due(seconds_ago=0, rid='acme', company='Acme Corp', contacts=('Jane Doe',)):
    """A record whose thank-you notes fell due `seconds_ago` (an hour's
    interview before that)."""
    at = now_local() - datetime.timedelta(hours=1, seconds=seconds_ago)
    people = ', '.join(f'{{ name = "{c}"; email = "{c.split()[0].lower()}@x.example"; }}'
                       for c in contacts)
    return (f'{{ id = "{rid}"; company = "{company}"; interviewed_at = "{iso(at)}"; '
            f'contacts = ( {people} ); }}')


def call_window_now():
    """(zone, policy) in which a calling window is open now, for a call due
    today: a fixed-offset zone where it is 10:xx."""
    utc = datetime.datetime.now(datetime.timezone.utc)
    offset = (10 - utc.hour) % 24
    offset = offset - 24 if offset > 14 else offset
    zone = 'Etc/GMT' + (f'{-offset:+d}' if offset else '')
    local = utc + datetime.timedelta(hours=offset)
    policy = ('policy = { quiet_hours = ""; call_windows = ["10:00-11:59"]; '
              f'call_without_timeline_after_days = 1; {ALL_DAYS} }};\n')
    return zone, local, policy


def call_due(rid='acme'):
    zone, local, policy = call_window_now()
    yesterday = (local - datetime.timedelta(days=1)).strftime('%Y-%m-%d')
    text = f'''{{ id = "{rid}"; company = "Acme Corp"; timezone = "{zone}";
      interviewed_at = "{yesterday} 09:00";
      contacts = ( {{ name = "Jane Doe"; phone = "+1 555 0100"; }} );
      events = ( {{ type = "thank-you"; at = "{yesterday} 12:00"; }} ); }}'''
    return text, policy


class DesktopTestCase(FollowupTestCase):
    def start(self, interviews, policy='policy = { quiet_hours = ""; };\n'):
        self.write_config(interviews, policy=policy)
        self.start_notification_server('body body-markup actions persistence')
        self.closed = self.subscribe(NOTIFY_NAME, MOCK_IFACE, 'MethodCalled', NOTIFY_PATH)
        self.start_daemon()

    def closes(self):
        reply = self.conn.call_sync(NOTIFY_NAME, NOTIFY_PATH, MOCK_IFACE, 'GetMethodCalls',
                                    GLib.Variant('(s)', ('CloseNotification',)), None,
                                    Gio.DBusCallFlags.NONE, int(TIMEOUT * 1000), None)
        return [args[0] for _stamp, args in reply.unpack()[0]]

    def wait_closed(self, notification_id, what):
        self.wait_until(lambda: notification_id in self.closes(), what=what)

    def plan(self):
        return self.call('Schedule', (0, 0), '(xx)')[0]

    def hand_edit(self, old, new):
        changed = self.subscribe(NAME, 'org.followup.Followup1', 'Changed')
        text = self.read_config()
        self.assertIn(old, text)
        with open(self.config, 'w') as f:
            f.write(text.replace(old, new, 1))
        self.wait_until(lambda: changed, what='the daemon to read the edit')


class GoesAway(DesktopTestCase):
    """Each way a step stops applying closes its notification."""

    def test_done_by_button(self):
        self.start(thanks_due())
        (n,) = self.wait_notifications(1)
        self.click(1, 'done')
        self.wait_closed(1, 'the notification of the note done to close')

    def test_done_by_the_client_and_by_hand(self):
        self.start(',\n'.join([thanks_due(rid='a', company='A'),
                               thanks_due(rid='b', company='B')]))
        self.wait_notifications(2)
        by_id = {n['summary']: i + 1 for i, n in enumerate(self.notifications())}
        self.call('RecordEvent', ('a', 'thank-you', {}), '(ssa{sv})')
        self.wait_closed(by_id['Send a thank-you note to Jane Doe at A'], 'a: recorded over D-Bus')
        self.hand_edit('company = "B";', 'company = "B"; events = ( { type = "thank-you"; '
                       f'at = "{iso(now_local())}"; }} );')
        self.wait_closed(by_id['Send a thank-you note to Jane Doe at B'], 'b: recorded by hand')

    def test_skipped_and_snoozed(self):
        self.start(',\n'.join([thanks_due(rid='a', company='A'),
                               thanks_due(rid='b', company='B')]))
        self.wait_notifications(2)
        by_id = {n['summary']: i + 1 for i, n in enumerate(self.notifications())}
        self.call('RecordEvent', ('a', 'thank-you', record(skipped=True)), '(ssa{sv})')
        self.wait_closed(by_id['Send a thank-you note to Jane Doe at A'], 'a: skipped')
        until = int(now_local().timestamp()) + 1800
        self.call('Snooze', ('b', 'thank-you', until), '(ssx)')
        self.wait_closed(by_id['Send a thank-you note to Jane Doe at B'], 'b: snoozed')

    def test_superseded_by_a_re_plan(self):
        text, policy = call_due()
        self.start(text, policy)
        (n,) = self.wait_notifications(1)
        self.assertEqual(n['summary'], 'Call Jane Doe at Acme Corp')
        # they said on the phone: two more weeks; the call moves
        self.call('RecordEvent', ('acme', 'response', record(decision_in_days=14)), '(ssa{sv})')
        self.wait_closed(1, 'the call reminder to go when the call moved')

    def test_deadline_passed(self):
        # an hour to write the note, and it is 59 min 56 s gone
        self.start(thanks_due(seconds_ago=-4),
                   policy='policy = { quiet_hours = ""; thank_you_within_hours = 1; };\n')
        self.wait_notifications(1)
        self.wait_closed(1, 'the note reminder to go at its deadline')

    def test_broken_file_notice_goes_when_fixed(self):
        self.start(thanks_due())
        self.wait_notifications(1)
        good = self.read_config()
        changed = self.subscribe(NAME, 'org.followup.Followup1', 'Changed')
        with open(self.config, 'w') as f:
            f.write(good.replace('interviewed_at = "', 'interviewed_at = "x', 1))
        shown = self.wait_notifications(2)
        self.assertEqual(shown[1]['summary'], 'followup cannot read your records')
        with open(self.config, 'w') as f:
            f.write(good)
        self.wait_until(lambda: self.prop('ConfigProblem') == '', what='the file to be fine')
        self.wait_closed(2, 'the broken-file notice to go')
        del changed

    def test_ids_survive_a_restart(self):
        self.start(thanks_due())
        self.wait_notifications(1)
        self.stop_daemon()
        self.start_daemon()
        self.call('RecordEvent', ('acme', 'thank-you', {}), '(ssa{sv})')
        self.wait_closed(1, 'the note shown before the restart to close')

    def test_a_restarted_server_keeps_its_own_ids(self):
        self.start(thanks_due())
        self.wait_notifications(1)
        self.stop_daemon()
        self.stop_notification_server()
        self.start_notification_server('body body-markup actions persistence')
        self.start_daemon()
        self.call('RecordEvent', ('acme', 'thank-you', {}), '(ssa{sv})')
        self.plan()
        # id 1 of the new server is none of followupd's: left alone
        self.assertEqual(self.closes(), [])


class Buttons(DesktopTestCase):
    def test_one_notification_per_person_to_thank(self):
        self.start(thanks_due(contacts=('Jane Doe', 'Raj Patel')))
        shown = self.wait_notifications(2)
        self.assertEqual(sorted(n['summary'] for n in shown),
                         ['Send a thank-you note to Jane Doe at Acme Corp',
                          'Send a thank-you note to Raj Patel at Acme Corp'])
        for n in shown:
            # a note to send: Write first, then the outcome and putting it off
            self.assertEqual(list(n['actions']), ['write', 'done', 'snooze'])

    def test_more_than_three_due_after_a_resume(self):
        # five notes, the earliest deadline first: those three come singly
        self.start(',\n'.join(thanks_due(seconds_ago=600 * i, rid=f'c{i}', company=f'C{i}')
                              for i in range(5)))
        shown = self.wait_notifications(4)
        self.plan()
        self.assertEqual(len(self.notifications()), 4)
        single = [n for n in shown if n['actions']]
        self.assertEqual(sorted(n['summary'] for n in single),
                         [f'Send a thank-you note to Jane Doe at C{i}' for i in (2, 3, 4)])
        (summary,) = [n for n in shown if not n['actions']]
        self.assertEqual(summary['summary'], '2 more follow-ups wait')
        self.assertIn('C0', summary['body'])
        self.assertIn('C1', summary['body'])

    def test_a_call_has_its_buttons_and_stays_for_its_window(self):
        text, policy = call_due()
        self.start(text, policy)
        (n,) = self.wait_notifications(1)
        keys = list(n['actions'])
        self.assertEqual(keys, ['call-now', 'reached', 'no-answer', 'voicemail', 'next-window'])
        self.assertEqual(n['actions']['call-now'], 'Call')
        # with nothing to dial it, the number is there to read
        self.assertIn('Phone: +1 555 0100', n['body'])
        self.assertEqual(n['actions']['no-answer'], 'No answer')
        self.assertEqual(n['hints']['urgency'], 1)
        self.assertTrue(n['hints']['resident'])
        changed = self.subscribe(NAME, 'org.followup.Followup1', 'Changed')
        self.click(1, 'no-answer')
        self.wait_until(lambda: changed, what='the click to record the call')
        (event,) = [e for e in self.call('Get', ('acme',), '(s)')[0]['events']
                    if e['type'] == 'call']
        self.assertEqual(event['outcome'], 'no-answer')
        self.wait_closed(1, 'the call reminder to go once the call is recorded')


class Dialling(DesktopTestCase):
    def start_portal(self, response='0'):
        """A mocked desktop portal answering RESPONSE (0 opened, 2 failed);
        returns a function giving the OpenURI calls it has logged."""
        log = os.path.join(self.tmp, 'portal.log')
        portal = subprocess.Popen([PYTHON, os.path.join(SRCDIR, 'tests', 'mock-portal.py'), log,
                                   response], env=self.env)
        self.addCleanup(portal.wait, TIMEOUT)
        self.addCleanup(portal.terminate)
        self.wait_for_name('org.freedesktop.portal.Desktop')

        def opened():
            if not os.path.exists(log):
                return []
            with open(log) as f:
                return [json.loads(line) for line in f if line.strip()]
        return opened

    def test_call_hands_the_number_to_the_portal(self):
        opened = self.start_portal()
        text, policy = call_due()
        self.start(text, policy)
        self.wait_notifications(1)
        self.click(1, 'call-now')
        self.wait_until(opened, what='the portal to be asked')
        (call,) = opened()
        self.assertEqual((call['method'], call['uri'], call['parent_window']),
                         ('OpenURI', 'tel:+1-555-0100', ''))
        # dialling is not the call: it is recorded with the outcome, and the
        # reminder stays up for it
        self.plan()
        self.assertNotIn('type = "call"', self.read_config())
        self.assertNotIn(1, self.closes())

    def test_write_hands_the_draft_to_the_portal(self):
        opened = self.start_portal()
        self.start(thanks_due())
        (n,) = self.wait_notifications(1)
        self.assertEqual(n['actions']['write'], 'Write')
        self.click(1, 'write')
        self.wait_until(opened, what='the portal to be asked')
        (mail,) = opened()
        self.assertEqual((mail['method'], mail['parent_window']), ('OpenURI', ''))
        self.assertTrue(mail['uri'].startswith('mailto:jane@x.example?'), mail['uri'])
        self.assertIn('subject=', mail['uri'])
        # writing is not sending: Done records the note, so it stays up
        self.plan()
        self.assertNotIn('type = "thank-you"', self.read_config())
        self.assertNotIn(1, self.closes())

    def test_a_call_nothing_could_open_says_so_in_place(self):
        opened = self.start_portal('2')
        text, policy = call_due()
        self.start(text, policy)
        (first,) = self.wait_notifications(1)
        self.click(1, 'call-now')
        self.wait_until(opened, what='the portal to be asked')
        _, again = self.wait_notifications(2)
        # the same notification, still with its buttons and the number
        self.assertEqual(again['replaces'], 1)
        self.assertEqual(again['actions'], first['actions'])
        self.assertIn('not handed to a phone', again['body'])
        self.assertIn('+1 555 0100', again['body'])
        self.assertTrue(again['hints']['resident'])

    def test_a_draft_that_cannot_be_written_says_so_in_place(self):
        templates = os.path.join(self.home, '.config', 'followup', 'templates')
        os.makedirs(templates)
        with open(os.path.join(templates, 'thank-you.txt'), 'wb') as f:
            f.write(b'Dear \xff\xfe\n')
        opened = self.start_portal()
        self.start(thanks_due())
        (first,) = self.wait_notifications(1)
        self.click(1, 'write')
        _, again = self.wait_notifications(2)
        self.assertEqual(again['replaces'], 1)
        self.assertEqual(again['actions'], first['actions'])
        self.assertIn('No draft could be written', again['body'])
        self.assertIn('thank-you.txt is not UTF-8', again['body'])
        self.assertEqual(opened(), [])


if __name__ == '__main__':
    main()

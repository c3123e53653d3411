#!/usr/bin/python3
"""followupd's command line without a bus: --check and --schedule, as a person
or a script runs them. Prints TAP.

Run by meson with FOLLOWUPD (the built daemon), FOLLOWUP_SRCDIR, TZ and
LC_ALL set. Every expected schedule was worked out by hand from the rules in
the design; line numbers were counted in the texts below.
"""

import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import traceback

FOLLOWUPD = os.environ.get('FOLLOWUPD', '')
SRCDIR = os.environ.get('FOLLOWUP_SRCDIR',
                        os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TIMEOUT = 30

# two interviews on Friday 2026-11-20: Acme in New York at 08:30 (14:30 in
# Berlin), Blau without a zone, so in the user's own zone, at 14:00
SMALL = '''version = 1;
interviews = (
  {
    id = "acme";
    company = "Acme Corp";
    interviewed_at = "2026-11-20 08:30";
    timezone = "America/New_York";
    contacts = ( { name = "Jane Doe"; phone = "+1 555 0100"; prefers = "phone"; } );
    decision_in_days = 7;
  },
  {
    id = "blau";
    company = "Blau GmbH";
    interviewed_at = "2026-11-20 14:00";
    contacts = ( { name = "Lena Vogel"; phone = "+49 30 1234567"; } );
    decision_in_days = 7;
  }
);
'''

# for a user in Berlin at 15:10 on the day: the thank-yous are due an hour
# after each interview (Blau's ten minutes ago) until a day after it; the
# emails on day 7, Friday 11-27, at the interview's time of day; told 7 days,
# the calls on day 10, Monday 11-30, in the first window of each zone
SMALL_BERLIN = [
    ('blau', 'Blau GmbH', 'thank-you', 'Lena Vogel',
     '2026-11-20T15:00:00+01:00', '2026-11-21T14:00:00+01:00'),
    ('acme', 'Acme Corp', 'thank-you', 'Jane Doe',
     '2026-11-20T09:30:00-05:00', '2026-11-21T08:30:00-05:00'),
    # the email applies until the call's day (R2)
    ('blau', 'Blau GmbH', 'follow-up-email', 'Lena Vogel',
     '2026-11-27T14:00:00+01:00', '2026-11-30T10:00:00+01:00'),
    ('acme', 'Acme Corp', 'follow-up-email', 'Jane Doe',
     '2026-11-27T08:30:00-05:00', '2026-11-30T10:00:00-05:00'),
    ('blau', 'Blau GmbH', 'call', 'Lena Vogel',
     '2026-11-30T10:00:00+01:00', '2026-11-30T11:00:00+01:00'),
    ('acme', 'Acme Corp', 'call', 'Jane Doe',
     '2026-11-30T10:00:00-05:00', '2026-11-30T11:00:00-05:00'),
]

# the same file for a user in New York at 20:00 on the day: Blau now lives in
# New York too, every step six hours later in absolute time
SMALL_NEW_YORK = [
    ('acme', 'Acme Corp', 'thank-you', 'Jane Doe',
     '2026-11-20T09:30:00-05:00', '2026-11-21T08:30:00-05:00'),
    ('blau', 'Blau GmbH', 'thank-you', 'Lena Vogel',
     '2026-11-20T15:00:00-05:00', '2026-11-21T14:00:00-05:00'),
    ('acme', 'Acme Corp', 'follow-up-email', 'Jane Doe',
     '2026-11-27T08:30:00-05:00', '2026-11-30T10:00:00-05:00'),
    ('blau', 'Blau GmbH', 'follow-up-email', 'Lena Vogel',
     '2026-11-27T14:00:00-05:00', '2026-11-30T10:00:00-05:00'),
    ('acme', 'Acme Corp', 'call', 'Jane Doe',
     '2026-11-30T10:00:00-05:00', '2026-11-30T11:00:00-05:00'),
    ('blau', 'Blau GmbH', 'call', 'Lena Vogel',
     '2026-11-30T10:00:00-05:00', '2026-11-30T11:00:00-05:00'),
]

BROKEN = '''version = 1;
policy = {
  max_calls = 5;
};
interviews = (
  {
    company = "Acme";
    interviewed_at = "2026-11-20 14:00";
    timezone = "America/Gotham";
  },
  {
    company = "Blau";
    interviewed_at = "2026-11-20 14:00";
    status = "ghosted";
  },
  {
    id = "c";
    company = "C";
    interviewed_at = "2026-11-20 14:00";
    events = ( { type = "call"; at = "2026-11-30 10:00"; outcome = "busy"; } );
  }
);
'''
BROKEN_LINES = [
    (3, 'max_calls'),
    (9, 'unknown time zone “America/Gotham”'),
    (14, 'unknown status “ghosted”'),
    (20, 'unknown outcome “busy”'),
]

SYNTAX = '''version = 1;
interviews = (
  {
    company = "Acme";
    interviewed_at = "2026-11-20 14:00"
    notes = ;
  }
);
'''

NOT_A_GROUP = '''version = 1;
interviews = (
  { company = "Acme"; interviewed_at = "2026-11-20 14:00"; },
  "Blau GmbH",
  { company = "Cyan"; interviewed_at = "2026-11-20 14:00"; }
);
'''

NOT_UTF8 = ('version = 1;\n'
            'interviews = (\n'
            '  {\n'
            '    company = "M\xfcller GmbH";\n'
            '    interviewed_at = "2026-11-20 14:00";\n'
            '  }\n'
            ');\n').encode('latin-1')


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def equal(actual, expected, what):
    if actual != expected:
        raise Failure(f'{what}: expected {expected!r}, got {actual!r}')


class Env:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix='followup-check-')

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        mode = 'wb' if isinstance(text, bytes) else 'w'
        with open(path, mode) as f:
            f.write(text)
        return path

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def run(*args, tz=None):
    env = dict(os.environ)
    if tz is not None:
        env['TZ'] = tz
    p = subprocess.run([FOLLOWUPD, *args], capture_output=True, env=env, timeout=TIMEOUT)
    return (p.returncode, p.stdout.decode('utf-8', 'replace'),
            p.stderr.decode('utf-8', 'replace'))


def lines(text):
    return text.splitlines()


def show(stderr):
    for line in lines(stderr):
        print(f'# stderr: {line}')


def assert_problems(stderr, path, expected, shown=False):
    got = lines(stderr)
    if not shown:
        show(stderr)
    equal(len(got), len(expected), 'number of stderr lines')
    for line, (number, words) in zip(got, expected):
        prefix = f'{path}:{number}: '
        check(line.startswith(prefix), f'{line!r} does not start with {prefix!r}')
        check(words in line, f'{line!r} does not say {words!r}')


def parse_json_lines(stdout):
    records = []
    for line in lines(stdout):
        try:
            records.append(json.loads(line))
        except ValueError as e:
            raise Failure(f'not a JSON line: {line!r} ({e})')
    return records


def instant(text):
    return datetime.datetime.fromisoformat(text)


def assert_schedule(stdout, expected):
    got = parse_json_lines(stdout)
    for r in got:
        print(f'# {json.dumps(r, ensure_ascii=False)}')
    for r in got:
        for field in ('id', 'company', 'action', 'contact', 'due', 'until', 'reason'):
            check(field in r, f'{r} has no field {field!r}')
        check(isinstance(r['reason'], str) and r['reason'], f'{r} has no reason')
    # sorted by the instant each step is due, whatever the offsets
    dues = [instant(r['due']) for r in got]
    check(dues == sorted(dues), f'not sorted by due: {[r["due"] for r in got]}')
    # steps due at the same instant may come in either order
    rows = [(r['id'], r['company'], r['action'], r['contact'], r['due'], r['until']) for r in got]
    key = lambda row: (instant(row[4]), row)  # noqa: E731
    equal(sorted(rows, key=key), sorted(expected, key=key), 'schedule')


# --check


def test_check_example(env):
    path = os.path.join(SRCDIR, 'config', 'followup.conf')
    rc, out, err = run('--check', '-c', path)
    equal(err, '', 'stderr')
    equal(rc, 0, 'exit status')
    equal(out, f'{path}: ok, 1 interview\n', 'stdout')


def test_check_small(env):
    path = env.write('small.conf', SMALL)
    rc, out, err = run('--check', '--config', path)
    equal((rc, out, err), (0, f'{path}: ok, 2 interviews\n', ''), 'result')


def test_check_every_problem(env):
    path = env.write('broken.conf', BROKEN)
    rc, out, err = run('--check', '-c', path)
    equal(rc, 1, 'exit status')
    equal(out, '', 'stdout')
    assert_problems(err, path, BROKEN_LINES)


def test_check_syntax_error(env):
    path = env.write('syntax.conf', SYNTAX)
    rc, out, err = run('--check', '-c', path)
    equal(rc, 1, 'exit status')
    equal(out, '', 'stdout')
    assert_problems(err, path, [(6, 'syntax error')])


def test_check_missing_file(env):
    path = os.path.join(env.dir, 'nowhere.conf')
    rc, out, err = run('--check', '-c', path)
    equal(rc, 1, 'exit status')
    equal(out, '', 'stdout')
    equal(len(lines(err)), 1, 'stderr lines')
    check(path in err, f'{err!r} does not name the file')


def test_check_not_a_group(env):
    path = env.write('list.conf', NOT_A_GROUP)
    rc, out, err = run('--check', '-c', path)
    show(err)
    equal(rc, 1, 'exit status (a crash is not a verdict)')
    assert_problems(err, path, [(4, 'expected a group')], shown=True)


def test_check_not_utf8(env):
    path = env.write('latin1.conf', NOT_UTF8)
    rc, out, err = run('--check', '-c', path)
    show(err)
    equal(rc, 1, 'exit status (a crash is not a verdict)')
    assert_problems(err, path, [(4, 'not valid UTF-8')], shown=True)


# --schedule


def test_schedule_json(env):
    path = env.write('small.conf', SMALL)
    rc, out, err = run('--schedule', '--json', '--now', '2026-11-20 15:10', '-c', path,
                       tz='Europe/Berlin')
    equal((rc, err), (0, ''), 'exit status and stderr')
    assert_schedule(out, SMALL_BERLIN)


def test_schedule_json_user_zone(env):
    path = env.write('small.conf', SMALL)
    rc, out, err = run('--schedule', '--json', '--now', '2026-11-20 20:00', '-c', path,
                       tz='America/New_York')
    equal((rc, err), (0, ''), 'exit status and stderr')
    assert_schedule(out, SMALL_NEW_YORK)


def test_schedule_now_with_offset(env):
    # the same instant written with an offset gives the same answer
    path = env.write('small.conf', SMALL)
    rc, out, err = run('--schedule', '--json', '--now', '2026-11-20T09:10:00-05:00', '-c', path,
                       tz='Europe/Berlin')
    equal((rc, err), (0, ''), 'exit status and stderr')
    assert_schedule(out, SMALL_BERLIN)


def test_schedule_table(env):
    path = env.write('small.conf', SMALL)
    rc, out, err = run('--schedule', '--now', '2026-11-20 15:10', '-c', path, tz='Europe/Berlin')
    equal((rc, err), (0, ''), 'exit status and stderr')
    rows = lines(out)
    for row in rows:
        print(f'# {row}')
    equal(len(rows), 1 + len(SMALL_BERLIN), 'rows')
    equal(rows[0].split(), ['WHEN', 'ACTION', 'COMPANY', 'CONTACT', 'UNTIL'], 'header')
    # times in the user's zone (Berlin): Acme's call at 10:00 in New York is 16:00
    expected = [
        ('Fri 20 Nov 15:00', 'overdue 10 min', 'thank-you', 'Blau GmbH', 'Lena Vogel',
         'Sat 21 Nov 14:00'),
        ('Fri 20 Nov 15:30', 'in 20 min', 'thank-you', 'Acme Corp', 'Jane Doe',
         'Sat 21 Nov 14:30'),
        # durations rounded honestly: 6 days 22 h 50 min is not "in 6 days"
        ('Fri 27 Nov 14:00', 'in 6 days 23 h', 'follow-up-email', 'Blau GmbH', 'Lena Vogel',
         'Mon 30 Nov 10:00'),
        ('Fri 27 Nov 14:30', 'in 6 days 23 h', 'follow-up-email', 'Acme Corp', 'Jane Doe',
         'Mon 30 Nov 16:00'),
        ('Mon 30 Nov 10:00', 'in 10 days', 'call', 'Blau GmbH', 'Lena Vogel', 'Mon 30 Nov 11:00'),
        ('Mon 30 Nov 16:00', 'in 10 days', 'call', 'Acme Corp', 'Jane Doe', 'Mon 30 Nov 17:00'),
    ]
    for row, cells in zip(rows[1:], expected):
        words = ' '.join(row.split())
        equal(words, ' '.join(' '.join(c.split()) for c in cells if c), 'row')
    # the columns line up: every cell starts where its header does
    start = rows[0].index('ACTION')
    for row, cells in zip(rows[1:], expected):
        check(row[start:].startswith(cells[2] + ' '),
              f'the ACTION column (from character {start}) is misaligned in {row!r}')


def test_schedule_nothing(env):
    path = env.write('empty.conf', 'version = 1;\ninterviews = ( );\n')
    rc, out, err = run('--schedule', '--now', '2026-11-20 15:10', '-c', path)
    equal((rc, out, err), (0, 'Nothing to follow up.\n', ''), 'result')
    rc, out, err = run('--schedule', '--json', '--now', '2026-11-20 15:10', '-c', path)
    equal((rc, out, err), (0, '', ''), 'JSON result')


def test_schedule_bad_now(env):
    path = env.write('small.conf', SMALL)
    for now in ('tomorrow', '2026-02-30 10:00', '2026-11-20 25:00', ''):
        rc, out, err = run('--schedule', '--now', now, '-c', path)
        print(f'# --now {now!r}: {err.strip()}')
        equal(rc, 2, f'exit status for --now {now!r}')
        equal(out, '', 'stdout')
        equal(len(lines(err)), 1, 'stderr lines')
        check(err.startswith('followupd: --now: '), f'{err!r} does not name the option')
        check(f'“{now}”' in err, f'{err!r} does not quote the value')


def test_schedule_broken_file(env):
    path = env.write('broken.conf', BROKEN)
    rc, out, err = run('--schedule', '--now', '2026-11-20 15:10', '-c', path)
    equal(rc, 1, 'exit status')
    equal(out, '', 'stdout')
    got = lines(err)
    check(len(got) >= 1 and got[0].startswith(f'{path}:3: '), f'{err!r} lacks the first problem')
    check('--check' in err, f'{err!r} does not point to --check')


def test_usage_error(env):
    rc, out, err = run('--no-such-option')
    equal(rc, 2, 'exit status')
    check('no-such-option' in err, f'{err!r} does not name the option')


TESTS = [
    ('check: the example config is ok', test_check_example),
    ('check: a small file is ok', test_check_small),
    ('check: every problem, FILE:LINE each', test_check_every_problem),
    ('check: syntax error at its line', test_check_syntax_error),
    ('check: missing file', test_check_missing_file),
    ('check: an interview that is not a group', test_check_not_a_group),
    ('check: a string that is not UTF-8', test_check_not_utf8),
    ('schedule: JSON lines, sorted, in Berlin', test_schedule_json),
    ('schedule: TZ decides the user zone and --now', test_schedule_json_user_zone),
    ('schedule: --now with an offset', test_schedule_now_with_offset),
    ('schedule: table in local time', test_schedule_table),
    ('schedule: nothing to do', test_schedule_nothing),
    ('schedule: bad --now is a usage error', test_schedule_bad_now),
    ('schedule: broken file', test_schedule_broken_file),
    ('usage: unknown option', test_usage_error),
]


def main():
    print(f'1..{len(TESTS)}')
    if not FOLLOWUPD or not os.access(FOLLOWUPD, os.X_OK):
        for n, (name, _) in enumerate(TESTS, 1):
            print(f'not ok {n} - {name} # FOLLOWUPD={FOLLOWUPD!r} is not an executable')
        return 1
    failed = 0
    for n, (name, func) in enumerate(TESTS, 1):
        env = Env()
        try:
            func(env)
            print(f'ok {n} - {name}')
        except Failure as e:
            failed += 1
            print(f'# {e}')
            print(f'not ok {n} - {name}')
        except Exception:
            failed += 1
            for line in traceback.format_exc().splitlines():
                print(f'# {line}')
            print(f'not ok {n} - {name}')
        finally:
            env.close()
        sys.stdout.flush()
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/python3
"""The translations are complete: every string the sources mark, in every
language of po/LINGUAS, translated and not fuzzy, with format specifiers
that match; and every C file that marks a string is in po/POTFILES, so
xgettext sees it. A new untranslated string fails here. Prints TAP.

Run by meson with FOLLOWUP_SRCDIR set.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

SRCDIR = os.environ.get('FOLLOWUP_SRCDIR',
                        os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PO = os.path.join(SRCDIR, 'po')
# the keywords of meson's 'glib' preset, which builds po/followup.pot
KEYWORDS = ['_', 'N_', 'C_:1c,2', 'NC_:1c,2', 'g_dcgettext:2', 'g_dngettext:2,3',
            'g_dpgettext2:2c,3']
MARKED = re.compile(r'\b(N?_|g_dngettext) \(')


def lines_of(name):
    with open(os.path.join(PO, name), encoding='utf-8') as f:
        return [l.strip() for l in f if l.strip() and not l.startswith('#')]


def sources_with_strings():
    found = []
    for part in ('common', 'daemon', 'client'):
        for name in sorted(os.listdir(os.path.join(SRCDIR, part))):
            if not name.endswith('.c'):
                continue
            with open(os.path.join(SRCDIR, part, name), encoding='utf-8') as f:
                if MARKED.search(f.read()):
                    found.append(f'{part}/{name}')
    return found


def check_potfiles():
    listed = set(lines_of('POTFILES'))
    missing = [f for f in sources_with_strings() if f not in listed]
    if missing:
        return 'not in po/POTFILES: ' + ', '.join(missing)
    gone = [f for f in listed if not os.path.exists(os.path.join(SRCDIR, f))]
    return 'po/POTFILES lists missing files: ' + ', '.join(gone) if gone else None


def check_language(lang, tmp):
    pot = os.path.join(tmp, 'followup.pot')
    po = os.path.join(PO, f'{lang}.po')
    subprocess.run(['xgettext', '--from-code=UTF-8', '--directory', SRCDIR,
                    '--files-from', os.path.join(PO, 'POTFILES'), '--output', pot]
                   + [f'--keyword={k}' for k in KEYWORDS],
                   check=True, capture_output=True)
    # every msgid of the sources as they are now has a translation in the
    # catalogue: msgcmp counts untranslated and fuzzy entries as missing
    cmp = subprocess.run(['msgcmp', po, pot], capture_output=True, text=True)
    if cmp.returncode != 0:
        return cmp.stderr.strip()
    fmt = subprocess.run(['msgfmt', '--check', '--statistics', '-o', os.devnull, po],
                         capture_output=True, text=True)
    stats = fmt.stderr.strip()
    if fmt.returncode != 0 or 'untranslated' in stats or 'fuzzy' in stats:
        return stats
    return None


def main():
    if shutil.which('xgettext') is None or shutil.which('msgcmp') is None:
        print('1..0 # SKIP gettext (xgettext, msgcmp) is not installed')
        return 77
    langs = lines_of('LINGUAS')
    tests = [('po/POTFILES lists every file with a marked string', lambda tmp: check_potfiles())]
    tests += [(f'{lang}: every string translated, formats matching',
               lambda tmp, lang=lang: check_language(lang, tmp)) for lang in langs]
    print(f'1..{len(tests)}')
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for n, (name, func) in enumerate(tests, 1):
            problem = func(tmp)
            if problem:
                failed += 1
                for line in problem.splitlines():
                    print(f'# {line}')
                print(f'not ok {n} - {name}')
            else:
                print(f'ok {n} - {name}')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())

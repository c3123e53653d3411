#!/usr/bin/python3
"""The desktop file and icon as a desktop finds them: installed with
`meson install --destdir`, looked up the way GNOME Shell and GNOME Settings
do (GDesktopAppInfo by the notification's desktop-entry hint), validated, and
named by what the installed followupd really sends."""

import configparser
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), 'integration'))
import followup_testlib  # noqa: E402
from followup_testlib import PYTHON, FollowupTestCase, main  # noqa: E402
from test_daemon import due_in  # noqa: E402

BUILDDIR = os.environ['FOLLOWUP_BUILDDIR']
PREFIX = os.environ['FOLLOWUP_PREFIX']
DATADIR = os.environ['FOLLOWUP_DATADIR']  # absolute
MESON = os.environ.get('MESON', 'meson')
SVG = '{http://www.w3.org/2000/svg}svg'

# what GNOME Shell does with a notification's desktop-entry hint: find the
# desktop file on the data dirs, and read its name and icon
LOOKUP = '''
import sys
from gi.repository import Gio
info = Gio.DesktopAppInfo.new(sys.argv[1] + '.desktop')
if info is None:
    sys.exit('no desktop file named ' + sys.argv[1] + '.desktop on the data dirs')
print(info.get_filename())
print(info.get_icon().to_string())
print(info.get_boolean('X-GNOME-UsesNotifications'), info.get_nodisplay())
'''


class Desktop(FollowupTestCase):
    @classmethod
    def setUpClass(cls):
        cls.dest = tempfile.mkdtemp(prefix='followup-desktop-')
        out = subprocess.run([MESON, 'install', '-C', BUILDDIR, '--quiet', '--destdir', cls.dest],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if out.returncode != 0:
            shutil.rmtree(cls.dest, ignore_errors=True)
            raise RuntimeError('meson install --destdir failed:\n' + out.stdout)
        cls.data = cls.dest + DATADIR
        cls.hint, cls.icon = cls.shown_names()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dest, ignore_errors=True)

    @classmethod
    def shown_names(cls):
        """The desktop-entry hint and app_icon of a reminder the installed
        followupd shows (on a private bus with a recording server)."""
        case = cls('run')
        case.setUp()
        try:
            followup_testlib.FOLLOWUPD = cls.dest + PREFIX + '/bin/followupd'
            case.write_config(due_in(-1))
            case.start_notification_server()
            case.start_daemon()
            n = case.wait_notifications(1)[0]
        finally:
            case.tearDown()
        return n['hints']['desktop-entry'], n['icon']

    def run_lookup(self, name):
        # GLib ignores a desktop file whose Exec program does not exist, and
        # this one names where followupctl will be, not the DESTDIR: the copy
        # looked up names the DESTDIR's (test_launching_... checks the original)
        apps = os.path.join(self.tmp, 'share', 'applications')
        os.makedirs(apps)
        with open(self.desktop_file()) as f:
            text = f.read().replace('Exec=' + PREFIX, 'Exec=' + self.dest + PREFIX)
        with open(os.path.join(apps, os.path.basename(self.desktop_file())), 'w') as f:
            f.write(text)
        env = dict(os.environ, XDG_DATA_DIRS=os.path.join(self.tmp, 'share'),
                   XDG_DATA_HOME=os.path.join(self.tmp, 'none'))
        out = subprocess.run([PYTHON, '-c', LOOKUP, name], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
        self.assertEqual(out.returncode, 0, out.stderr)
        return out.stdout.splitlines()

    def desktop_file(self):
        return os.path.join(self.data, 'applications', self.hint + '.desktop')

    def test_the_hint_finds_the_installed_desktop_file(self):
        path, icon, flags = self.run_lookup(self.hint)
        self.assertEqual(os.path.basename(path), os.path.basename(self.desktop_file()))
        # listed among the apps that notify, and not in the app grid
        self.assertEqual(flags, 'True True')
        self.assertEqual(icon, self.icon, 'the desktop file and the notification name other icons')

    def test_the_desktop_file_validates(self):
        out = subprocess.run(['desktop-file-validate', self.desktop_file()],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.assertEqual((out.returncode, out.stdout), (0, ''))

    def test_launching_runs_an_installed_client(self):
        entry = configparser.ConfigParser(interpolation=None)
        entry.optionxform = str
        entry.read(self.desktop_file())
        program = entry['Desktop Entry']['Exec'].split()[0]
        self.assertEqual(program, PREFIX + '/bin/followupctl')
        self.assertTrue(os.access(self.dest + program, os.X_OK), program + ' is not installed')

    def test_the_desktop_shows_it_in_the_users_language(self):
        entry = configparser.ConfigParser(interpolation=None)
        entry.optionxform = str
        entry.read(self.desktop_file())
        keys = entry['Desktop Entry']
        # what GNOME Settings lists under Notifications, as a German user reads it
        self.assertEqual(keys['GenericName[de]'],
                         'Erinnerungen zum Nachfassen nach Bewerbungsgesprächen')
        self.assertIn('Vorstellungsgespräch', keys['Comment[de]'])
        self.assertIn('Bewerbung;', keys['Keywords[de]'])

    def test_the_icon_is_an_svg_in_hicolor(self):
        for folder, name in (('scalable', self.icon), ('symbolic', self.icon + '-symbolic')):
            path = os.path.join(self.data, 'icons', 'hicolor', folder, 'apps', name + '.svg')
            self.assertTrue(os.path.isfile(path), f'no {path}')
            root = ET.parse(path).getroot()
            self.assertEqual(root.tag, SVG)
            x, y, w, h = (float(v) for v in root.get('viewBox').split())
            self.assertEqual(w, h, f'{name}.svg is not square')


if __name__ == '__main__':
    main()

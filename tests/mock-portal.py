#!/usr/bin/python3
"""A desktop portal with OpenURI only, on the session bus, for tests.

Usage: mock-portal.py LOG RESPONSE

Every OpenURI call, and every Close of its request, is appended to LOG as
one JSON line before the reply is sent. The answer comes as the real portal
sends it: the request's object path at once (made from the caller's unique
name and its handle_token), then its Response signal with RESPONSE (0
opened, 2 failed), or none for "never", as when a chooser stays open.
"""

import json
import sys

import gi

gi.require_version('Gio', '2.0')
from gi.repository import Gio, GLib  # noqa: E402

NAME = 'org.freedesktop.portal.Desktop'
PATH = '/org/freedesktop/portal/desktop'
REQUEST_IFACE = 'org.freedesktop.portal.Request'
XML = '''<node>
  <interface name="org.freedesktop.portal.OpenURI">
    <method name="OpenURI">
      <arg type="s" name="parent_window" direction="in"/>
      <arg type="s" name="uri" direction="in"/>
      <arg type="a{sv}" name="options" direction="in"/>
      <arg type="o" name="handle" direction="out"/>
    </method>
  </interface>
  <interface name="org.freedesktop.portal.Request">
    <method name="Close"/>
  </interface>
</node>'''

log_path, response = sys.argv[1], sys.argv[2]
info = Gio.DBusNodeInfo.new_for_xml(XML)
loop = GLib.MainLoop()


def record(entry):
    with open(log_path, 'a') as f:
        f.write(json.dumps(entry) + '\n')


def request_call(conn, sender, path, iface, method, params, invocation):
    record({'method': method, 'path': path, 'sender': sender})
    invocation.return_value(None)


def open_uri(conn, sender, path, iface, method, params, invocation):
    parent, uri, options = params.unpack()
    token = options.get('handle_token', 'none')
    handle = f'{PATH}/request/{sender[1:].replace(".", "_")}/{token}'
    # the request exists before the call is logged: a test that cancels on
    # seeing the log line must find it to Close
    conn.register_object(handle, info.lookup_interface(REQUEST_IFACE), request_call)
    record({'method': method, 'parent_window': parent, 'uri': uri, 'options': options,
            'sender': sender, 'handle': handle})
    invocation.return_value(GLib.Variant('(o)', (handle,)))
    if response != 'never':
        # after the reply, as the real portal does
        GLib.idle_add(lambda: conn.emit_signal(
            None, handle, REQUEST_IFACE, 'Response',
            GLib.Variant('(ua{sv})', (int(response), {}))) and False)


def main():
    conn = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    conn.register_object(PATH, info.lookup_interface('org.freedesktop.portal.OpenURI'), open_uri)
    Gio.bus_own_name_on_connection(conn, NAME, Gio.BusNameOwnerFlags.NONE, None,
                                   lambda *args: loop.quit())
    loop.run()


if __name__ == '__main__':
    main()

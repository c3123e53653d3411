#!/bin/bash
# the configured user unit and D-Bus activation file, checked without root or
# a running user manager: systemd-analyze verify must not warn (it exits 0 on
# an unknown key, so stderr counts), and the two files must agree. TAP.
#
#   test-unit-verify.sh BUILDDIR/systemd/followupd.service BUILDDIR/systemd/org.followup.Followup1.service
# Environment (from tests/system/meson.build): FOLLOWUP_BINDIR, FOLLOWUPD (the built daemon).

set -u
FOLLOWUP_UNIT=${1:?the configured unit}
FOLLOWUP_DBUS_SERVICE=${2:?the configured activation file}
: "${FOLLOWUP_BINDIR:?}" "${FOLLOWUPD:?}"

command -v systemd-analyze > /dev/null || { echo "Bail out! systemd-analyze is missing"; exit 1; }
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
echo "1..2"
failed=0

# verify checks that ExecStart= exists: point it at the build, same file name
mkdir -m 0700 "$T/run" "$T/unit"
sed "s|^ExecStart=$FOLLOWUP_BINDIR/followupd\$|ExecStart=$FOLLOWUPD|" "$FOLLOWUP_UNIT" \
  > "$T/unit/followupd.service"
if err=$(XDG_RUNTIME_DIR=$T/run HOME=$T systemd-analyze --user verify --man=no \
  "$T/unit/followupd.service" 2>&1 > /dev/null) && [ -z "$err" ]; then
  echo "ok 1 - systemd-analyze --user verify followupd.service: no warnings"
else
  echo "not ok 1 - systemd-analyze --user verify followupd.service: no warnings"
  failed=1
  echo "$err" >&2
fi

key () {
  sed -n "s/^$1=//p" "$2"
}
problems=()
[ "$(key ExecStart "$FOLLOWUP_UNIT")" = "$FOLLOWUP_BINDIR/followupd" ] ||
  problems+=("ExecStart= is not $FOLLOWUP_BINDIR/followupd")
[ "$(key Exec "$FOLLOWUP_DBUS_SERVICE")" = "$(key ExecStart "$FOLLOWUP_UNIT")" ] ||
  problems+=("Exec= and ExecStart= differ")
[ "$(key Name "$FOLLOWUP_DBUS_SERVICE")" = org.followup.Followup1 ] || problems+=("Name= is wrong")
[ "$(key SystemdService "$FOLLOWUP_DBUS_SERVICE")" = "$(basename "$FOLLOWUP_UNIT")" ] ||
  problems+=("SystemdService= does not name $(basename "$FOLLOWUP_UNIT")")
[ "$(head -n 1 "$FOLLOWUP_DBUS_SERVICE")" = "[D-BUS Service]" ] || problems+=("no [D-BUS Service] group")
if [ ${#problems[@]} -eq 0 ]; then
  echo "ok 2 - the activation file starts the same binary through followupd.service"
else
  echo "not ok 2 - the activation file starts the same binary through followupd.service"
  failed=1
  printf '%s\n' "${problems[@]}" >&2
fi
exit "$failed"

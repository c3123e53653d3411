#!/bin/bash
# followupd as its users run it: installed with `meson install`, started by a
# real systemd user manager running as an unprivileged user (so the unit's
# sandbox is the one a desktop user gets), on that manager's dbus.socket
# session bus, showing a reminder through a real notification server (Xvfb +
# dunst's own user unit), and a call reminder at a fixed time (libfaketime on
# the daemon) whose screenshot, screenshot-call.png among the artifacts, is
# docs/screenshot-call.png (tools/screenshot-call). TAP output, one test
# point per check.
#
# Needs root for the set-up (a private mount namespace, a delegated cgroup, a
# throw-away user); leaves nothing behind: mounts die with the namespace, files
# live in one temp dir, and every process is stopped on exit, also on failure
# (a reaper cleans up even if this script is killed with SIGKILL).
#
# Environment (set by tests/system/meson.build): FOLLOWUP_BUILDDIR,
# FOLLOWUP_PREFIX, FOLLOWUP_DATADIR (absolute), FOLLOWUP_SANITIZE (b_sanitize),
# FOLLOWUP_ARTIFACTS (logs and a screenshot are copied there), MESON.
# FOLLOWUP_SYSTEM_DEBUG="shell command": run it as the test user once the user
# manager and its bus are up, instead of the checks (for work on the unit).

# shellcheck disable=SC2016,SC2088  # single quotes and ~ in messages are meant
set -u

TIMEOUT=${FOLLOWUP_TEST_TIMEOUT:-10}
MAX_EXPOSURE=2.0
PLAN=13

skip () {
  echo "1..0 # SKIP $*"
  exit 0  # TAP: a plan of 0 with SKIP; exit 77 would read as an error
}

# stage 1: check what we need, then run again inside a mount namespace
if [ -z "${FOLLOWUP_SYSTEM_IN_NS:-}" ]; then
  [ "$(id -u)" -eq 0 ] || skip "needs root for a mount namespace, a cgroup and a test user"
  err=$(unshare --mount --propagation private true 2>&1) ||
    skip "cannot create a mount namespace (unshare -m: ${err:-failed})"
  FOLLOWUP_SYSTEM_IN_NS=1 exec unshare --mount --propagation private -- "$0" "$@"
fi

# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------
N=0
FAILED=0

diag () {
  local line
  while IFS= read -r line; do
    echo "# $line"
  done <<< "$*"
}

# check DESCRIPTION FUNCTION [ARGS]: one test point; a check explains a
# failure on stderr (the test log) and returns non-zero
check () {
  local what="$1"
  shift
  N=$((N + 1))
  if "$@"; then
    echo "ok $N - $what"
  else
    FAILED=$((FAILED + 1))
    echo "not ok $N - $what"
  fi
}

bail () {
  echo "Bail out! $*"
  exit 1
}

fail () {
  echo "$*" >&2
  return 1
}

# wait_until SECONDS COMMAND...: retry a condition (a command or a function)
# every 50 ms until it holds or the time is up
wait_until () {
  local deadline=$((SECONDS + $1))
  shift
  until "$@" > /dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.05
  done
}

# what we started outside the manager's cgroups is listed in $T/pids as
# "pid comm"; a pid is killed only while it still runs that program. Disowned,
# so that bash does not report their deaths on stderr
track () {
  echo "$1 $2" >> "$T/pids"
  disown "$1" 2> /dev/null
}

# exited: no such process, or a zombie nobody reaps (disowned)
gone () {
  local state
  state=$(awk '{ print $3 }' "/proc/$1/stat" 2> /dev/null)
  [ -z "$state" ] || [ "$state" = Z ]
}

tracked_gone () {
  local pid _
  while read -r pid _; do
    gone "$pid" || return 1
  done < "$T/pids"
}

kill_tracked () {
  local pid comm
  [ -f "$T/pids" ] || return 0
  while read -r pid comm; do
    [ "$(cat "/proc/$pid/comm" 2> /dev/null)" = "$comm" ] && kill -"$1" "$pid" 2> /dev/null
  done < "$T/pids"
}

kill_cgroup () {
  local pid
  [ -e "$1/cgroup.kill" ] && echo 1 > "$1/cgroup.kill"
  while IFS= read -r pid; do
    kill -KILL "$pid"
  done < <(find "$1" -name cgroup.procs -exec cat {} +)
}

cgroup_gone () {
  find "$1" -depth -type d -exec rmdir {} + 2> /dev/null
  [ ! -d "$1" ]
}

# whatever still runs, by force: the manager's cgroups, then our own processes
force_cleanup () {
  local cg
  [ -f "$T/cgroups" ] || return 0
  while IFS= read -r cg; do
    kill_cgroup "$cg" 2> /dev/null
  done < "$T/cgroups"
  kill_tracked KILL
  while IFS= read -r cg; do
    wait_until "$TIMEOUT" cgroup_gone "$cg" || echo "# could not remove the cgroup $cg"
  done < "$T/cgroups"
}

# the reaper: started below in a session of its own, it waits for this script
# to end however it ends, and then makes sure nothing is left
if [ -n "${FOLLOWUP_SYSTEM_REAP:-}" ]; then
  T=$FOLLOWUP_SYSTEM_T
  tail --pid="$FOLLOWUP_SYSTEM_REAP" -f /dev/null
  force_cleanup > /dev/null 2>&1
  rm -rf "$T"
  exit 0
fi

: "${FOLLOWUP_BUILDDIR:?}" "${FOLLOWUP_PREFIX:?}" "${FOLLOWUP_DATADIR:?}"
SANITIZE=${FOLLOWUP_SANITIZE:-none}
MESON=${MESON:-meson}

for tool in setpriv setsid script /lib/systemd/systemd systemctl systemd-analyze dbus-daemon gdbus \
  Xvfb dunst dunstctl findmnt "$MESON"; do
  command -v "$tool" > /dev/null ||
    bail "$tool is missing (packages: systemd dbus dbus-user-session libglib2.0-bin xvfb dunst)"
done
FAKETIME_LIB=$(compgen -G '/usr/lib/*/faketime/libfaketime.so.1' | head -n 1)
[ -n "$FAKETIME_LIB" ] || bail "libfaketime is missing (package: faketime)"

# ---------------------------------------------------------------------------------------------
# the world: a user, a home, a runtime dir, cgroups, the installed files
# ---------------------------------------------------------------------------------------------
T=$(mktemp -d /tmp/followup-system.XXXXXX) || bail "mktemp failed"
chmod 0711 "$T"
: > "$T/pids"
: > "$T/cgroups"
LOGS=$T/logs
MANAGER_PID=
FOLLOWUP_SYSTEM_REAP=$$ FOLLOWUP_SYSTEM_T=$T setsid "$0" > /dev/null 2>&1 < /dev/null &
REAPER_PID=$!

# a uid and gid that nobody on this machine uses
TEST_UID=4711
while getent passwd "$TEST_UID" > /dev/null || getent group "$TEST_UID" > /dev/null; do
  TEST_UID=$((TEST_UID + 1))
done
TEST_USER=futest
HOME_DIR=/home/$TEST_USER
CONF=$HOME_DIR/.config/followup/followup.conf
STATE=$HOME_DIR/.local/state/followup/state

set_runtime_dir () {
  RUNTIME_DIR=/run/user/$TEST_UID
  BUS=unix:path=$RUNTIME_DIR/bus
}
set_runtime_dir

# USER_CMD: the prefix that runs a command as the test user, in their session
user_cmd () {
  USER_CMD=(env -i HOME="$HOME_DIR" USER="$TEST_USER" LOGNAME="$TEST_USER"
    PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 XDG_RUNTIME_DIR="$RUNTIME_DIR"
    DBUS_SESSION_BUS_ADDRESS="$BUS" SYSTEMD_PAGER= SYSTEMD_COLORS=0)
  [ -n "${DISPLAY:-}" ] && USER_CMD+=(DISPLAY="$DISPLAY")
  if [ "$TEST_UID" -ne 0 ]; then
    USER_CMD=(setpriv --reuid="$TEST_UID" --regid="$TEST_UID" --init-groups -- "${USER_CMD[@]}")
  fi
}

as_user () {
  user_cmd
  "${USER_CMD[@]}" "$@"
}

userctl () {
  as_user timeout "$TIMEOUT" systemctl --user --no-pager "$@"
}

prop () {
  userctl show -p "$1" --value followupd.service
}

cleanup () {
  local rc=$? f
  set +e
  trap - EXIT INT TERM
  # a normal end stops dunst (it dies noisily when the bus goes first), then
  # every unit the way a logout does; a killed test goes straight to force
  if [ "$rc" -lt 128 ] && [ -n "$MANAGER_PID" ] && ! gone "$MANAGER_PID"; then
    userctl stop dunst.service > /dev/null 2>&1
    userctl exit > /dev/null 2>&1
    wait_until "$TIMEOUT" gone "$MANAGER_PID"
  fi
  kill_tracked TERM
  wait_until 3 tracked_gone
  force_cleanup
  if [ -f "$LOGS/console.raw" ]; then
    tr -d '\r' < "$LOGS/console.raw" > "$LOGS/manager.log" && rm -f "$LOGS/console.raw"
  fi
  if [ -n "${FOLLOWUP_ARTIFACTS:-}" ] && [ -d "$LOGS" ]; then
    rm -rf "$FOLLOWUP_ARTIFACTS" && mkdir -p "$FOLLOWUP_ARTIFACTS" &&
      cp -r "$LOGS"/. "$FOLLOWUP_ARTIFACTS"/
  fi
  if [ "$FAILED" -ne 0 ] || [ "$rc" -ne 0 ]; then
    for f in "$LOGS"/*.log; do
      [ -s "$f" ] && { echo "--- $(basename "$f") ---"; tail -n 60 "$f"; } >&2
    done
  fi
  kill -- -"$REAPER_PID" 2> /dev/null
  rm -rf "$T"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "1..$PLAN"

# the install, as a package or a user would do it (this builds what `meson
# test --suite system` did not: it builds only what the tests depend on)
DEST=$T/dest
"$MESON" install -C "$FOLLOWUP_BUILDDIR" --quiet --destdir "$DEST" > "$T/install.log" 2>&1 ||
  { cat "$T/install.log" >&2; bail "meson install --destdir failed"; }
[ -d "$FOLLOWUP_PREFIX" ] || bail "the prefix $FOLLOWUP_PREFIX does not exist on this machine"

# in this namespace only: the installed tree over the real prefix, the marker of
# a machine booted with systemd, fresh /home, /run/user and X socket dir
mount -t overlay overlay -o "lowerdir=$DEST$FOLLOWUP_PREFIX:$FOLLOWUP_PREFIX" "$FOLLOWUP_PREFIX" ||
  bail "cannot overlay the installed files on $FOLLOWUP_PREFIX"
# /run is a mount point on a systemd machine, and units' namespaces depend on
# it: where it is a plain directory, ProtectProc= and friends hide /run/user
mountpoint -q /run || mount --bind /run /run || bail "cannot make /run a mount point"
{ mount -t tmpfs tmpfs /run/systemd && mkdir /run/systemd/system; } || bail "cannot mount /run/systemd"
{ mkdir -p /run/user && mount -t tmpfs -o mode=0755 tmpfs /run/user; } || bail "cannot mount /run/user"
mount -t tmpfs -o mode=0755 tmpfs /home || bail "cannot mount /home"
{ { [ -d /tmp/.X11-unix ] || mkdir -m 1777 /tmp/.X11-unix; } &&
  mount -t tmpfs -o mode=1777 tmpfs /tmp/.X11-unix; } ||
  bail "cannot mount /tmp/.X11-unix"

# an unprivileged user manager needs cgroups it owns (user@.service gets them
# from logind); where none can be made, the manager runs as root instead
own_cgroups () {
  local line
  while IFS= read -r line; do
    case "$line" in
      0::*)
        if [ -e /sys/fs/cgroup/cgroup.controllers ]; then
          echo "/sys/fs/cgroup${line#0::}"
        else
          echo "/sys/fs/cgroup/unified${line#0::}"
        fi
        ;;
      *:name=systemd:*) echo "/sys/fs/cgroup/systemd${line#*:name=systemd:}" ;;
    esac
  done < /proc/self/cgroup
}
delegated=1
while IFS= read -r parent; do
  cg=${parent%/}/followup-system-$$
  if [ -d "$parent" ] && mkdir "$cg" 2> /dev/null; then
    echo "$cg" >> "$T/cgroups"
  else
    delegated=0
  fi
done < <(own_cgroups)
[ -s "$T/cgroups" ] || delegated=0
mapfile -t CGROUPS < "$T/cgroups"
if [ "$delegated" -eq 1 ]; then
  { cp /etc/passwd "$T/passwd" && cp /etc/group "$T/group"; } || bail "cannot copy /etc/passwd"
  echo "$TEST_USER:x:$TEST_UID:$TEST_UID:followup system test:$HOME_DIR:/bin/sh" >> "$T/passwd"
  echo "$TEST_USER:x:$TEST_UID:" >> "$T/group"
  { mount --bind "$T/passwd" /etc/passwd && mount --bind "$T/group" /etc/group; } ||
    bail "cannot bind-mount a passwd with the test user"
  chown -R "$TEST_UID:$TEST_UID" "${CGROUPS[@]}" || bail "cannot delegate ${CGROUPS[*]}"
else
  diag "no cgroup can be delegated here: the user manager runs as root"
  TEST_UID=0
  TEST_USER=root
  set_runtime_dir
fi
{ mkdir -p "$HOME_DIR" "$LOGS" && mkdir -m 0700 "$RUNTIME_DIR" && chmod 0700 "$HOME_DIR" &&
  chown "$TEST_UID:$TEST_UID" "$HOME_DIR" "$RUNTIME_DIR" "$LOGS"; } || bail "cannot create the home"

# the one difference from the installed units: there is no journald here
for unit in followupd dunst; do
  { as_user mkdir -p "$HOME_DIR/.config/systemd/user/$unit.service.d" &&
    printf '[Service]\nStandardOutput=append:%s/%s.log\nStandardError=inherit\n' "$LOGS" "$unit" |
    as_user tee "$HOME_DIR/.config/systemd/user/$unit.service.d/test-log.conf" > /dev/null; } ||
    bail "cannot write a drop-in"
done

# the user manager logs to /dev/console when there is no journald, and so do
# units failing to set up their sandbox; here that console is a pty of ours,
# copied to manager.log (a plain file will not do: systemd wants a tty)
log_target=null
setsid script -q -f -c 'exec sleep infinity' /dev/null > "$LOGS/console.raw" 2>&1 < /dev/null &
track $! script
if wait_until "$TIMEOUT" pgrep -P "$!" &&
  console_pts=$(readlink "/proc/$(pgrep -P "$!")/fd/0") && [ -e /dev/console ] &&
  mount --bind "$console_pts" /dev/console && chown "$TEST_UID" /dev/console; then
  log_target=console
else
  diag "no console for the user manager: it will not log"
fi

# the user manager, in its cgroups, as the test user
manager_env=()
case "$FOLLOWUP_PREFIX" in
  /usr | /usr/local) ;;
  *) manager_env+=(XDG_DATA_DIRS="$FOLLOWUP_DATADIR:/usr/local/share:/usr/share") ;;
esac
procs=()
for cg in "${CGROUPS[@]}"; do
  procs+=("$cg/cgroup.procs")
done
setsid sh -c 'n=$1; shift; while [ "$n" -gt 0 ]; do echo $$ > "$1" || exit 1; n=$((n - 1)); shift; done
  exec "$@"' sh "${#procs[@]}" "${procs[@]}" \
  setpriv --reuid="$TEST_UID" --regid="$TEST_UID" --init-groups -- \
  env -i HOME="$HOME_DIR" USER="$TEST_USER" LOGNAME="$TEST_USER" PATH=/usr/local/bin:/usr/bin:/bin \
  LANG=C.UTF-8 XDG_RUNTIME_DIR="$RUNTIME_DIR" "${manager_env[@]}" \
  /lib/systemd/systemd --user --log-target="$log_target" --log-level=info \
  > /dev/null 2>&1 < /dev/null &
MANAGER_PID=$!
track "$MANAGER_PID" systemd
wait_until "$TIMEOUT" test -S "$RUNTIME_DIR/systemd/private" || bail "the user manager did not start"
state=$(userctl is-system-running --wait)
case "$state" in
  running | degraded) ;;
  *) bail "the user manager is $state" ;;
esac
if [ "$SANITIZE" != none ]; then
  # LeakSanitizer needs ptrace, which the unit's seccomp filter rightly refuses
  userctl set-environment ASAN_OPTIONS=detect_leaks=0:verify_asan_link_order=0 \
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 || bail "set-environment failed"
fi
userctl start dbus.socket || bail "cannot start dbus.socket"
diag "user manager: pid $MANAGER_PID, uid $TEST_UID, bus $BUS"
if [ -n "${FOLLOWUP_SYSTEM_DEBUG:-}" ]; then
  # for work on the unit: run a command as the user in this world, then clean up
  as_user sh -c "$FOLLOWUP_SYSTEM_DEBUG" >&2
  exit
fi

# ---------------------------------------------------------------------------------------------
# helpers for the checks
# ---------------------------------------------------------------------------------------------
# like due_in() in tests/integration/test_daemon.py: a record whose thank-you
# note falls due N seconds from now (one hour after the interview)
due_in () {
  local at
  at=$(date -d "@$(($(date +%s) - 3600 + $1))" '+%Y-%m-%d %H:%M:%S%z')
  printf '{ id = "acme"; company = "Acme Corp"; interviewed_at = "%s";\n' "$at"
  printf '  contacts = ( { name = "Jane Doe"; email = "jane@acme.example"; } ); }\n'
}

# a hand edit, by the user, in one rename
write_config () {
  printf 'version = 1;\npolicy = { quiet_hours = ""; };\ninterviews = (\n%s\n);\n' "$1" |
    as_user sh -c 'umask 077; cat > "$1.edit" && mv "$1.edit" "$1"' sh "$CONF"
}

call_list () {
  as_user timeout "$TIMEOUT" gdbus call --session --timeout "$TIMEOUT" -d org.followup.Followup1 \
    -o /org/followup/Followup1 -m org.followup.Followup1.List
}

is_active () {
  [ "$(userctl is-active followupd.service)" = active ]
}

status_is_not () {
  [ "$(prop StatusText)" != "$1" ]
}

restarted () {
  local pid
  pid=$(prop MainPID) && [ "$pid" -gt 0 ] && [ "$pid" != "$1" ] && is_active
}

displayed () {
  [ "$(as_user dunstctl count displayed)" -ge 1 ]
}

# ---------------------------------------------------------------------------------------------
# the checks
# ---------------------------------------------------------------------------------------------
UNIT_PATH=

test_installed () {
  local svc xml names
  UNIT_PATH=$(prop FragmentPath)
  svc=$(grep -l '^Name=org.followup.Followup1$' "$FOLLOWUP_DATADIR"/dbus-1/services/*.service)
  xml=$FOLLOWUP_DATADIR/dbus-1/interfaces/org.followup.Followup1.xml
  diag "unit: $UNIT_PATH"$'\n'"activation file: $svc"$'\n'"interface: $xml"
  { [ -n "$UNIT_PATH" ] && [ -f "$DEST$UNIT_PATH" ]; } ||
    fail "the user manager does not load an installed unit (FragmentPath '$UNIT_PATH')" || return 1
  { [ -n "$svc" ] && [ -f "$DEST$svc" ]; } || fail "no installed activation file" || return 1
  [ -f "$DEST$xml" ] || fail "no installed $xml" || return 1
  names=$(as_user gdbus call --session -d org.freedesktop.DBus -o /org/freedesktop/DBus \
    -m org.freedesktop.DBus.ListActivatableNames) || return 1
  [[ "$names" == *"'org.followup.Followup1'"* ]] || fail "the bus cannot activate the name: $names"
}
check "install: the user manager and the session bus find the installed unit and activation file" \
  test_installed

test_verify () {
  local err
  err=$(as_user systemd-analyze --user verify --man=no "$UNIT_PATH" 2>&1 > /dev/null) ||
    fail "$err" || return 1
  [ -z "$err" ] || fail "systemd-analyze verify warns: $err"
}
check "systemd-analyze --user verify of the installed unit: no warnings" test_verify

# (a)
test_start () {
  local status mode
  userctl start followupd.service || return 1
  is_active || fail "not active" || return 1
  status=$(prop StatusText)
  diag "StatusText: $status"
  [ "$status" = "No follow-up pending" ] || fail "StatusText is '$status'" || return 1
  # ConfigurationDirectory= made ~/.config/followup, where the daemon wrote its starter file
  mode=$(stat -c '%a %u' "$CONF") || return 1
  [ "$mode" = "600 $TEST_UID" ] || fail "starter file mode and owner: $mode"
}
check "(a) systemctl --user start: active (READY=1), STATUS shown, starter file written" test_start

test_sandbox () {
  local pid status root_opts conf_opts home_opts state_opts ns
  pid=$(prop MainPID)
  { [ -n "$pid" ] && [ "$pid" -gt 0 ]; } || fail "no MainPID" || return 1
  status=$(cat "/proc/$pid/status") || return 1
  grep -q '^NoNewPrivs:[[:space:]]*1$' <<< "$status" || fail "NoNewPrivs is not set" || return 1
  grep -q '^Seccomp:[[:space:]]*2$' <<< "$status" || fail "no seccomp filter" || return 1
  grep -q '^CapBnd:[[:space:]]*0*$' <<< "$status" || fail "capability bounding set not empty" || return 1
  for ns in mnt user uts; do
    [ "$(readlink "/proc/$pid/ns/$ns")" != "$(readlink "/proc/$MANAGER_PID/ns/$ns")" ] ||
      fail "no $ns namespace of its own" || return 1
  done
  root_opts=$(findmnt -N "$pid" -no OPTIONS /)
  home_opts=$(findmnt -N "$pid" -no OPTIONS -T "$HOME_DIR")
  conf_opts=$(findmnt -N "$pid" -no OPTIONS -T "$HOME_DIR/.config/followup")
  state_opts=$(findmnt -N "$pid" -no OPTIONS -T "$HOME_DIR/.local/state/followup")
  diag "mounts in the unit: / ${root_opts%%,*}, ~ ${home_opts%%,*}," \
    "~/.config/followup ${conf_opts%%,*}, ~/.local/state/followup ${state_opts%%,*}"
  [[ "$root_opts" == ro,* ]] || fail "/ is writable in the unit" || return 1
  [[ "$home_opts" == ro,* ]] || fail "the home is writable in the unit" || return 1
  [[ "$conf_opts" == rw,* ]] || fail "~/.config/followup is not writable in the unit" || return 1
  [[ "$state_opts" == rw,* ]] || fail "~/.local/state/followup is not writable in the unit"
}
check "the sandbox is in effect: seccomp, no capabilities, namespaces, read-only / and home" \
  test_sandbox

# (b)
test_reload () {
  local pid status
  pid=$(prop MainPID)
  write_config "$(due_in $((2 * 86400)))" || return 1
  userctl reload followupd.service || return 1
  is_active || fail "not active after reload" || return 1
  [ "$(prop MainPID)" = "$pid" ] || fail "reload restarted the process" || return 1
  wait_until "$TIMEOUT" status_is_not "No follow-up pending"
  status=$(prop StatusText)
  diag "StatusText: $status"
  # the interview is two days ahead: preparing for it comes first
  [[ "$status" == "Next: Get ready for your interview at Acme Corp, "* ]] ||
    fail "StatusText after the edit is '$status'" || return 1
  call_list | grep -q "'acme'" || fail "List does not show the edited record"
}
check "(b) systemctl --user reload: still active, same PID, the hand edit is picked up" test_reload

# (c)
test_activation () {
  local out
  userctl stop followupd.service || return 1
  [ "$(userctl is-active followupd.service)" = inactive ] || fail "still running" || return 1
  [ "$(prop Result)" = success ] || fail "stopped with result $(prop Result)" || return 1
  out=$(call_list) || return 1
  [[ "$out" == *"'acme'"* ]] || fail "List after activation: $out" || return 1
  is_active || fail "the bus did not start followupd.service"
}
check "(c) D-Bus activation: a method call starts followupd.service through SystemdService=" \
  test_activation

# (d)
test_restart () {
  local old restarts
  old=$(prop MainPID)
  restarts=$(prop NRestarts)
  { [ -n "$old" ] && [ "$old" -gt 0 ]; } || fail "no MainPID" || return 1
  kill -KILL "$old" || return 1
  wait_until $((TIMEOUT + 5)) restarted "$old" || fail "no new MainPID after kill -9" || return 1
  diag "MainPID $old killed, restarted as $(prop MainPID)"
  [ "$(prop NRestarts)" -gt "$restarts" ] || fail "NRestarts did not grow" || return 1
  call_list | grep -q "'acme'" || fail "the restarted daemon does not answer"
}
check "(d) kill -9 of the main PID: systemd restarts followupd" test_restart

# (e)
test_enable () {
  local link=$HOME_DIR/.config/systemd/user/default.target.wants/followupd.service
  userctl enable followupd.service || return 1
  [ -L "$link" ] || fail "no $link" || return 1
  [ "$(readlink "$link")" = "$UNIT_PATH" ] || fail "$link points to $(readlink "$link")" || return 1
  [ "$(userctl is-enabled followupd.service)" = enabled ] || fail "not enabled"
}
check "(e) systemctl --user enable: a default.target.wants link to the installed unit" test_enable

# (f) a real notification server: Xvfb, and dunst started by its packaged user unit
start_dunst () {
  user_cmd
  setsid "${USER_CMD[@]}" Xvfb -displayfd 3 -nolisten tcp -screen 0 1024x768x24 \
    3> "$LOGS/display" > "$LOGS/xvfb.log" 2>&1 < /dev/null &
  track $! Xvfb
  wait_until "$TIMEOUT" test -s "$LOGS/display" || fail "Xvfb did not start" || return 1
  DISPLAY=:$(head -n 1 "$LOGS/display")
  # with two actions and no "default", `dunstctl action` opens dunst's menu
  # (dmenu): this one records the menu and picks "Done", as a person would
  printf '#!/bin/sh\ntee "%s/menu.txt" | grep -m 1 -F "#Done "\n' "$LOGS" > "$T/pick"
  # and a rule's script records what dunst was given to show, and the icon
  printf '#!/bin/sh\nprintf "%%s|%%s|%%s\\n" "$1" "$2" "$3" >> "%s/shown.txt"\n' "$LOGS" > "$T/shown"
  printf 'printf "%%s\\n" "$4" >> "%s/icons.txt"\n' "$LOGS" >> "$T/shown"
  chmod 0755 "$T/pick" "$T/shown"
  # a readable size and the icon: the screenshots are the ones in docs/
  # (tools/screenshot-call). dunst 1.9 reads an icon theme from the first data
  # dir that has one (/usr/share), never the prefix's: it is given the folder
  as_user mkdir -p "$HOME_DIR/.config/dunst" || return 1
  as_user tee "$HOME_DIR/.config/dunst/dunstrc" > /dev/null << EOF || return 1
[global]
    dmenu = $T/pick
    font = DejaVu Sans 11
    width = 480
    offset = 16x16
    padding = 12
    horizontal_padding = 12
    icon_path = $FOLLOWUP_DATADIR/icons/hicolor/scalable/apps
    min_icon_size = 48
    max_icon_size = 48
[followup]
    appname = followup
    script = $T/shown
EOF
  userctl set-environment DISPLAY="$DISPLAY" || return 1
  userctl start dunst.service || fail "dunst.service did not start" || return 1
  diag "Xvfb on $DISPLAY, dunst pid $(userctl show -p MainPID --value dunst.service)"
}

test_shown () {
  local shown
  start_dunst || return 1
  write_config "$(due_in 2)" || return 1
  userctl reload followupd.service || return 1
  wait_until $((TIMEOUT + 5)) displayed || fail "dunst displays no notification" || return 1
  if command -v import > /dev/null; then
    as_user import -display "$DISPLAY" -window root "$LOGS/screenshot.png" 2> /dev/null
  fi
  shown=$(cat "$LOGS/shown.txt" 2> /dev/null)
  diag "dunst shows: $shown"
  [[ "$shown" == "followup|Send a thank-you note to Jane Doe at Acme Corp|"* ]] ||
    fail "dunst was given '$shown'"
}
check "(f) the reminder falls due and dunst displays it" test_shown

has_thank_you () {
  grep -q 'type = "thank-you"' "$CONF"
}

test_click () {
  as_user dunstctl action 0 || return 1
  wait_until "$TIMEOUT" has_thank_you || fail "no thank-you event in $CONF" || return 1
  diag "dunst's menu offered: $(tr '\n' ';' < "$LOGS/menu.txt")"
  grep -q '^#Snooze 1 h ' "$LOGS/menu.txt" || fail "the menu has no Snooze 1 h"
}
check "(f) dunstctl action 0, Done: the thank-you event is in the record file" test_click

# (g)
test_security () {
  local report exposure
  report=$(as_user systemd-analyze --user security --no-pager followupd.service 2>&1) ||
    fail "$report" || return 1
  echo "$report" > "$LOGS/security.txt"
  exposure=$(sed -n 's/.*Overall exposure level for followupd.service: \([0-9.]*\).*/\1/p' <<< "$report")
  diag "exposure $exposure"
  [ -n "$exposure" ] || fail "no exposure level in: $report" || return 1
  awk -v e="$exposure" -v max="$MAX_EXPOSURE" 'BEGIN { exit !(e <= max) }' ||
    fail "exposure $exposure is above $MAX_EXPOSURE:"$'\n'"$(grep '✗' <<< "$report")"
}
check "(g) systemd-analyze --user security: exposure at most $MAX_EXPOSURE" test_security

test_stop () {
  is_active || fail "followupd is not running" || return 1
  userctl stop followupd.service || return 1
  [ "$(prop Result)" = success ] || fail "stopped with result $(prop Result)" || return 1
  [ "$(prop ExecMainStatus)" = 0 ] || fail "exit status $(prop ExecMainStatus)" || return 1
  # StateDirectory= is writable: the shown reminder is remembered
  [ -s "$STATE" ] || fail "no state file at $STATE"
}
check "systemctl --user stop: a clean exit, the reminder state saved in ~/.local/state" test_stop

# (h) a call reminder in its calling window, at a fixed time so that the
# screenshot is the same on every run: Mon 30 Nov 2026 16:05 in Berlin is
# 10:05 in New York, day 10 of a week's timeline (README's example record)
CALL_AT=$(TZ=Europe/Berlin date -d '2026-11-30 16:05:00' +%s)

call_record () {
  printf '{ id = "acme-call"; company = "Acme Corp"; role = "Data Analyst";\n'
  printf '  interviewed_at = "2026-11-20 14:00"; timezone = "America/New_York";\n'
  printf '  decision_in_days = 7;\n'
  printf '  contacts = ( { name = "Jane Doe"; email = "jane@acme.example"; phone = "+1 555 0100"; } );\n'
  printf '  events = ( { type = "thank-you"; at = "2026-11-20 18:30"; },\n'
  printf '             { type = "email"; at = "2026-11-27 14:05"; } ); }\n'
}

shows_call () {
  grep -q '^followup|Call Jane Doe at Acme Corp|' "$LOGS/shown.txt"
}

nothing_displayed () {
  [ "$(as_user dunstctl count displayed)" -eq 0 ]
}

# the screenshot, once dunst has drawn on the black root window
screenshot_call () {
  local size
  as_user import -display "$DISPLAY" -window root "$LOGS/screenshot-call.png" 2> /dev/null || return 1
  size=$(convert "$LOGS/screenshot-call.png" -trim -format '%w' info:) && [ "$size" -gt 100 ]
}

test_call_shown () {
  local dropin=$HOME_DIR/.config/systemd/user/followupd.service.d/call-time.conf icon
  as_user dunstctl close-all && wait_until "$TIMEOUT" nothing_displayed ||
    fail "dunst still displays the earlier reminder" || return 1
  # the clock only: monotonic time stays real for GLib's own timeouts;
  # %% is how a unit file spells a %
  as_user tee "$dropin" > /dev/null << EOF || return 1
[Service]
Environment=TZ=Europe/Berlin LD_PRELOAD=$FAKETIME_LIB FAKETIME=@$CALL_AT FAKETIME_FMT=%%s
Environment=FAKETIME_DONT_FAKE_MONOTONIC=1
EOF
  as_user rm -rf "$HOME_DIR/.local/state/followup" || return 1
  write_config "$(call_record)" || return 1
  : > "$LOGS/icons.txt"
  userctl daemon-reload && userctl start followupd.service || return 1
  wait_until $((TIMEOUT + 5)) shows_call || fail "dunst was not given the call reminder" || return 1
  wait_until "$TIMEOUT" displayed || fail "dunst displays no notification" || return 1
  if command -v import > /dev/null && command -v convert > /dev/null; then
    wait_until "$TIMEOUT" screenshot_call || fail "nothing drawn on the screen" || return 1
  fi
  diag "dunst shows: $(grep -A 4 '^followup|Call ' "$LOGS/shown.txt")"
  grep -q '^Until Mon 30 Nov 17:00 (your time)\.$' "$LOGS/shown.txt" ||
    fail "the call is not shown until the window ends at 17:00" || return 1
  # the icon name dunst was given is one the installed icon theme has (dunst
  # tells its scripts the name, not the file it drew: the screenshot shows that)
  icon=$(tail -n 1 "$LOGS/icons.txt")
  diag "icon: $icon"
  [ -n "$icon" ] && [ -f "$FOLLOWUP_DATADIR/icons/hicolor/scalable/apps/$icon.svg" ] ||
    fail "no icon named '$icon' in $FOLLOWUP_DATADIR/icons/hicolor/scalable/apps" || return 1
  userctl stop followupd.service && as_user rm -f "$dropin" && userctl daemon-reload
}
check "(h) a call reminder inside its calling window: dunst shows it with followup's icon" \
  test_call_shown

[ "$N" -eq "$PLAN" ] || echo "# ran $N checks but planned $PLAN"
[ "$FAILED" -eq 0 ]

#!/usr/bin/env bash
# Continuous integration, after the tests: the frozen application, its .deb and the Windows
# installer script, used as an office would use them. A file the frozen folder lacks (a
# programme, a catalog, a font, a migration, a library loaded by name) fails here. Quiet unless
# something fails; a little over a minute on the 2-core development machine.
#
# It installs the .deb on this machine (and removes it again at the end), and installs nsis and
# desktop-file-utils with apt-get when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$SECONDS
work="$(mktemp -d)"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
installed_here=""
cleanup() {
  [ -z "$installed_here" ] || $sudo timeout 120 dpkg --purge holdmetight >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "[holdmetight] frozen: $*" >&2
  [ ! -s "$work/log" ] || cat "$work/log" >&2
  exit 1
}
# run NAME SECONDS COMMAND...: the command's output goes to a log, shown only when it fails.
run() {
  local name="$1" limit="$2"
  shift 2
  timeout "$limit" "$@" >"$work/log" 2>&1 || fail "$name failed"
}
# apt_install NAME PACKAGE...: the package lists are refreshed only when the first try fails.
apt_install() {
  local name="$1"
  shift
  {
    $sudo env DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y -qq \
      --no-install-recommends "$@" \
      || { $sudo timeout 300 apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive \
        timeout 300 apt-get install -y -qq --no-install-recommends "$@"; }
  } >"$work/log" 2>&1 || fail "$name failed"
}

# A home of its own: the default database, settings and cache of these runs go there, never
# into the real user's folders.
export HOME="$work/home" XDG_DATA_HOME="$work/home/data" XDG_CONFIG_HOME="$work/home/config"
export XDG_CACHE_HOME="$work/home/cache" QT_QPA_PLATFORM=offscreen
unset HOLDMETIGHT_DB
mkdir -p "$HOME"

# 1. The frozen folder, and what it can do on a database of its own.
run "building the frozen application" 600 bash packaging/dev.sh frozen
touch "$work/built"
app="$PWD/dist/holdmetight/holdmetight"
db="$work/office.sqlite3"
run "frozen demo" 60 "$app" --db "$db" demo
run "frozen selftest" 60 "$app" --db "$db" selftest
course="$(timeout 60 "$app" --db "$db" courses | head -n 1 | cut -f 1)" || fail "frozen courses failed"
[ -n "$course" ] || fail "the demo database lists no course"
mkdir "$work/handouts"
run "frozen print handouts" 120 "$app" --db "$db" print handouts "$course" --out "$work/handouts"
ls "$work/handouts"/*.pdf >/dev/null 2>&1 || fail "no handouts were printed"
run "frozen print fees" 60 "$app" --db "$db" print fees --course "$course" --out "$work/fees.pdf"
run "frozen export ics" 60 "$app" --db "$db" export ics "$course" --out "$work/course.ics"
run "frozen import (phone numbers, e-mail addresses)" 60 \
  "$app" --db "$db" import couples resources/import/stellen-voorbeeld.csv --dry-run
# PostgreSQL's client library: a port nobody listens on gives the application's own message.
if timeout 60 "$app" --db "postgresql+psycopg://nobody@127.0.0.1:9/none" courses >"$work/log" 2>&1 \
  || ! grep -q "127.0.0.1:9" "$work/log" || grep -q Traceback "$work/log"; then
  fail "the frozen application cannot use a PostgreSQL server"
fi
ls dist/holdmetight/_internal/qtawesome/fonts/*.ttf >/dev/null 2>&1 || fail "qtawesome's fonts are missing"
# Nothing is written next to the program (databases, caches, compiled catalogs or migrations).
written="$(find dist/holdmetight -newer "$work/built" | head -n 3)"
[ -z "$written" ] || fail "the frozen application wrote into its own folder: $written"

# 2. The .deb: install, use the default database, install again over it, remove; the data stays.
# (A holdmetight installed on this machine before would be replaced and removed: refuse.)
if dpkg-query -W -f='${Status}' holdmetight 2>/dev/null | grep -q "install ok installed"; then
  fail "holdmetight is installed on this machine already; remove it before this check"
fi
deb="$(timeout 120 bash packaging/linux/build_deb.sh)" || fail "building the .deb failed"
apt_install "installing the .deb" "$PWD/$deb"
installed_here=yes
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
[ "$(command -v holdmetight)" = /usr/bin/holdmetight ] || fail "holdmetight is not on the PATH"
apt_install "installing desktop-file-utils and nsis" desktop-file-utils nsis
run "the menu entry" 30 desktop-file-validate /usr/share/applications/holdmetight.desktop
run "installed selftest" 60 holdmetight selftest
run "installed demo" 60 holdmetight demo
data="$XDG_DATA_HOME/holdmetight/holdmetight.sqlite3"
[ -f "$data" ] || fail "the default database is not in the user's data folder"
timeout 60 holdmetight courses >"$work/courses-before" || fail "installed courses failed"
run "installing the .deb again" 300 $sudo env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --reinstall "$PWD/$deb"
timeout 60 holdmetight courses >"$work/courses-after" \
  || fail "the database does not open after reinstalling"
cmp -s "$work/courses-before" "$work/courses-after" || fail "the courses differ after reinstalling"
run "installed selftest after reinstalling" 60 holdmetight selftest
run "removing the .deb" 300 $sudo env DEBIAN_FRONTEND=noninteractive \
  apt-get remove -y -qq --purge holdmetight
installed_here=""
[ ! -e /usr/bin/holdmetight ] && [ ! -e /opt/holdmetight ] || fail "removing left the program behind"
[ -f "$data" ] || fail "removing the .deb removed the user's database"
timeout 60 "$app" --db "$data" courses | cmp -s - "$work/courses-before" \
  || fail "the data changed on removal"

# 3. The Windows installer script compiles (against this folder; it is not run here). Packing
# without compression keeps this to seconds; the real installer uses LZMA.
version="$(basename "$deb" | cut -d _ -f 2)"
run "compiling the Windows installer script" 120 makensis -V2 -WX -DUNCOMPRESSED \
  -DVERSION="$version" -DSOURCE_DIR="$PWD/dist/holdmetight" \
  -DOUT_FILE="$work/holdmetight-$version-setup.exe" packaging/windows/holdmetight.nsi

echo "[holdmetight] frozen application, .deb and installer script: ok ($((SECONDS - started)) s)" >&2

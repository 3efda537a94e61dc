#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on loopback for the tests that need one, and print the
# URL to reach it (HOLDMETIGHT_TEST_POSTGRES). Installs Debian's server when none is there.
# `postgres.sh restart` and `postgres.sh stop` restart or stop the server started before (the
# tests of a lost connection start one of their own: HOLDMETIGHT_TEST_POSTGRES_PORT and _DIR).
# The server belongs to the postgres user (initdb refuses root), trusts loopback connections
# only, and lives in a temporary folder that the next run replaces.
set -euo pipefail
PORT="${HOLDMETIGHT_TEST_POSTGRES_PORT:-55432}"
DIR="${HOLDMETIGHT_TEST_POSTGRES_DIR:-${TMPDIR:-/tmp}/holdmetight-test-postgres}"
ACTION="${1:-start}"

find_bin() {
  command -v "$1" 2>/dev/null && return
  ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -1
}

if [ -z "$(find_bin initdb)" ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "[holdmetight] installing PostgreSQL for the server tests" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
INITDB="$(find_bin initdb)"
PG_CTL="$(find_bin pg_ctl)"

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

OPTIONS="-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off"
case "$ACTION" in
  restart) as_owner "$PG_CTL" -D "$DIR/data" -l "$DIR/server.log" -w -m fast -o "$OPTIONS" restart >/dev/null; exit ;;
  stop) as_owner "$PG_CTL" -D "$DIR/data" -w -m immediate stop >/dev/null; rm -rf "$DIR"; exit ;;
  start) ;;
  *) echo "usage: $0 [start|restart|stop]" >&2; exit 2 ;;
esac

if [ -d "$DIR" ]; then
  as_owner "$PG_CTL" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
fi
mkdir -p "$DIR"
[ "$(id -u)" -eq 0 ] && chown postgres "$DIR"
as_owner "$INITDB" -D "$DIR/data" --auth=trust --username=postgres --encoding=UTF8 \
  --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1
as_owner "$PG_CTL" -D "$DIR/data" -l "$DIR/server.log" -w -o "$OPTIONS" start >/dev/null
echo "postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres"

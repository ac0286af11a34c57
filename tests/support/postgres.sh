#!/usr/bin/env bash
# A throwaway PostgreSQL server for GmgBot's tests, from Debian's `postgresql` package, on loopback.
#
#   eval "$(bash tests/support/postgres.sh start)"   # starts one (installs the package if needed) and exports
#                                                    # GMGBOT_TEST_POSTGRES, the connection string the tests read
#   bash tests/support/postgres.sh stop              # stops it and removes its data
#
# PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user. Password authentication
# (scram-sha-256) on TCP, so that tests of token sign-in (Entra) meet a server that checks passwords.
# Settings: GMGBOT_PG_PORT (55432), GMGBOT_PG_DIR (/tmp/gmgbot-postgres).
set -euo pipefail

port="${GMGBOT_PG_PORT:-55432}"
dir="${GMGBOT_PG_DIR:-/tmp/gmgbot-postgres}"
password="gmgbot-test"
connection="Host=127.0.0.1;Port=$port;Username=postgres;Password=$password;Database=gmgbot"

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    su postgres -s /bin/bash -c "$*"
  else
    bash -c "$*"
  fi
}

server_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

start() {
  local bin
  bin="$(server_bin)"
  if [ -z "$bin" ]; then
    if [ "$(id -u)" != 0 ]; then
      echo "PostgreSQL is not installed: sudo apt-get install -y postgresql" >&2
      exit 1
    fi
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    bin="$(server_bin)"
  fi
  if [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl -D $dir/data status" >/dev/null 2>&1; then
    echo "export GMGBOT_TEST_POSTGRES='$connection'"
    return
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  printf '%s\n' "$password" >"$dir/pwfile"
  [ "$(id -u)" = 0 ] && chown -R postgres "$dir"
  as_owner "$bin/initdb -D $dir/data -U postgres --pwfile=$dir/pwfile --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8" >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  # Room for several bot instances and the tests' pools at once.
  as_owner "$bin/pg_ctl -D $dir/data -o '-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300' -l $dir/log -w start" >&2 ||
    { cat "$dir/log" >&2; exit 1; }
  as_owner "$bin/createdb -h $dir -p $port -U postgres gmgbot" >&2
  echo "export GMGBOT_TEST_POSTGRES='$connection'"
}

stop() {
  local bin
  bin="$(server_bin)"
  if [ -n "$bin" ] && [ -d "$dir/data" ]; then
    as_owner "$bin/pg_ctl -D $dir/data -m fast stop" >&2 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "Usage: bash tests/support/postgres.sh start|stop" >&2; exit 2 ;;
esac

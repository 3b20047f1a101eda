#!/usr/bin/env bash
# The test suite's own PostgreSQL cluster, so that `npm test` never changes a server it did not create.
#
#   test-postgres.sh start DIR   initdb a cluster in DIR (an empty directory the caller made and will
#                                remove), start it on a free port bound to 127.0.0.1 with its socket
#                                in DIR, create the quant_test database, print its URL
#   test-postgres.sh stop DIR    stop that cluster and remove DIR
#
# Uses Debian's server binaries (/usr/lib/postgresql/<newest>/bin), installing the postgresql package
# with apt when they are missing (needs root); no Debian cluster needs to exist or run. The server runs
# as the postgres user when called as root (PostgreSQL refuses root), else as the caller. Its settings
# live in DIR only. A cluster whose owner (the shell that called start) died without stopping it is
# stopped and removed by the next start.
set -euo pipefail
command="${1:-}"
dir="${2:-}"
db="${TEST_DB_NAME:-quant_test}"
if [ -z "$dir" ] || { [ "$command" != start ] && [ "$command" != stop ]; }; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi

as_server_user() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
server_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# Stop (immediately: the data is thrown away) and remove a cluster made by `start`.
stop_cluster() {
  local d="$1" bin
  bin=$(server_bin)
  if [ -f "$d/data/postmaster.pid" ] && [ -n "$bin" ]; then
    as_server_user "$bin/pg_ctl" -D "$d/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$d" 2>/dev/null || true
}

if [ "$command" = stop ]; then
  # Only a directory `start` made (it holds the owner file) is removed.
  if [ -f "$dir/owner" ]; then stop_cluster "$dir"; else rmdir "$dir" 2>/dev/null || true; fi
  exit 0
fi

# Clusters left by a killed run: their owner process is gone.
for stale in /tmp/quant-test-postgres.*; do
  [ "$stale" != "$dir" ] && [ -f "$stale/owner" ] || continue
  [ -d "/proc/$(cat "$stale/owner")" ] || stop_cluster "$stale"
done

if [ -z "$(server_bin)" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "PostgreSQL is not installed: install Debian's postgresql package (as root: apt-get install postgresql) or set TEST_DATABASE_URL" >&2
    exit 2
  fi
  echo "installing PostgreSQL (apt-get)..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
bin=$(server_bin)

echo "$PPID" >"$dir/owner"
[ "$(id -u)" = 0 ] && chown postgres "$dir"
password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
(umask 077 && echo "$password" >"$dir/password")
[ "$(id -u)" = 0 ] && chown postgres "$dir/password"
as_server_user "$bin/initdb" -D "$dir/data" -U postgres --pwfile="$dir/password" --auth-local=trust \
  --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
  cat "$dir/initdb.log" >&2
  exit 1
}
rm "$dir/password"
# A throwaway cluster: nothing to keep after a crash, so no fsync. Bulk loads write gigabytes of WAL;
# the 1 GB default would force a checkpoint every few seconds.
cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
max_wal_size = '8GB'
fsync = off
synchronous_commit = off
full_page_writes = off
timezone = 'UTC'
EOF

free_port() { node -e 'const s = require("node:net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'; }
# Another process may take the free port before the server binds it: try a few.
for attempt in 1 2 3 4 5; do
  port=$(free_port)
  if as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "-p $port" -w -t 60 start >/dev/null 2>&1; then
    break
  fi
  if [ "$attempt" = 5 ]; then
    echo "the test PostgreSQL cluster in $dir did not start:" >&2
    tail -n 20 "$dir/server.log" >&2
    exit 1
  fi
done
"$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -qAtc "CREATE DATABASE $db" >/dev/null
echo "postgres://postgres:$password@127.0.0.1:$port/$db"

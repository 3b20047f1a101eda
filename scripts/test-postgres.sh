#!/usr/bin/env bash
# Make sure a local PostgreSQL server is running for the test suite and print a URL to its test
# database. Installs Debian's server when none is present (needs root), starts the cluster, sets the
# postgres user's password and creates the database. Idempotent.
set -euo pipefail
db="${TEST_DB_NAME:-quant_test}"
password="${TEST_DB_PASSWORD:-postgres}"
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

if ! command -v pg_lsclusters >/dev/null 2>&1; then
  echo "installing PostgreSQL (apt-get)..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
cluster=$(pg_lsclusters --no-header | head -n 1)
if [ -z "$cluster" ]; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  pg_createcluster "$version" main >&2
  cluster=$(pg_lsclusters --no-header | head -n 1)
fi
read -r version name port status _ <<<"$cluster"
if [ "$status" != "online" ]; then pg_ctlcluster "$version" "$name" start >&2; fi
for _ in $(seq 1 30); do
  as_postgres psql -p "$port" -qAtc "select 1" >/dev/null 2>&1 && break
  sleep 1
done
as_postgres psql -p "$port" -qAtc "ALTER USER postgres PASSWORD '$password'" >/dev/null
# Bulk loads write gigabytes of WAL; the 1 GB default forces a checkpoint every few seconds.
as_postgres psql -p "$port" -qAtc "ALTER SYSTEM SET max_wal_size = '8GB'" -c "SELECT pg_reload_conf()" >/dev/null
if [ "$(as_postgres psql -p "$port" -qAtc "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
  as_postgres createdb -p "$port" "$db"
fi
echo "postgres://postgres:$password@localhost:$port/$db"

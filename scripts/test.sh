#!/usr/bin/env bash
# The whole suite on both engines: embedded PGlite + TimescaleDB always, and the PostgreSQL server at
# TEST_DATABASE_URL. When that is unset, a cluster of the suite's own is started in a temporary
# directory (scripts/test-postgres.sh) and stopped and removed when this script exits, however it
# exits. Extra arguments go to vitest.
set -euo pipefail
cd "$(dirname "$0")/.."
export TZ=UTC
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  cluster=$(mktemp -d /tmp/quant-test-postgres.XXXXXX)
  trap 'bash scripts/test-postgres.sh stop "$cluster"' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  TEST_DATABASE_URL=$(bash scripts/test-postgres.sh start "$cluster")
  export TEST_DATABASE_URL
  echo "server engine under test: a cluster of the suite's own in $cluster (${TEST_DATABASE_URL##*@})" >&2
else
  echo "server engine under test: ${TEST_DATABASE_URL%%:*}://…@${TEST_DATABASE_URL#*@}" >&2
fi
npx vitest run "$@"

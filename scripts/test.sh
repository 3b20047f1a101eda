#!/usr/bin/env bash
# The whole suite on both engines: embedded PGlite + TimescaleDB always, and the PostgreSQL server at
# TEST_DATABASE_URL (a local one is started when it is unset). Extra arguments go to vitest.
set -euo pipefail
cd "$(dirname "$0")/.."
export TZ=UTC
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  TEST_DATABASE_URL=$(bash scripts/test-postgres.sh)
  export TEST_DATABASE_URL
fi
echo "server engine under test: ${TEST_DATABASE_URL%%:*}://…@${TEST_DATABASE_URL#*@}" >&2
exec npx vitest run "$@"

#!/usr/bin/env bash
# The whole test suite. SQLite always; PostgreSQL and Redis when they answer (and always under CI=true,
# where not answering is a failure); then the browser tests. pytest's exit code 5 (no tests) fails.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
status=0
# Test processes: one per core by default (pytest-xdist); KORKYT_TEST_WORKERS=0 runs in this process.
workers=${KORKYT_TEST_WORKERS:-auto}

run_pytest() {
  local label=$1; shift
  echo "== $label"
  "$PY" -m pytest "$@"
  local rc=$?
  if [ $rc -eq 5 ]; then echo "!! $label: no tests ran" >&2; rc=1; fi
  [ $rc -ne 0 ] && status=1
  return 0
}

pg_url=${KORKYT_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
redis_url=${KORKYT_TEST_REDIS_URL:-redis://127.0.0.1:6379/15}
pg_up=$("$PY" - "$pg_url" <<'PYEOF'
import sys
try:
    import psycopg
    psycopg.connect(sys.argv[1], connect_timeout=3).close()
    print("yes")
except Exception:
    print("no")
PYEOF
)
redis_up=$("$PY" - "$redis_url" <<'PYEOF'
import sys
try:
    import redis
    redis.Redis.from_url(sys.argv[1], socket_timeout=3).ping()
    print("yes")
except Exception:
    print("no")
PYEOF
)
# The SQLite run moves a site into a scratch PostgreSQL database (korkyt db copy) when the server answers.
[ "$pg_up" = yes ] && export KORKYT_TEST_POSTGRES_URL=$pg_url
if [ "${CI:-}" = "true" ]; then
  [ "$pg_up" = yes ] || { echo "!! CI: PostgreSQL does not answer at $pg_url" >&2; exit 1; }
  [ "$redis_up" = yes ] || { echo "!! CI: Redis does not answer at $redis_url" >&2; exit 1; }
fi

# 1. Everything on SQLite (Redis-backed tests join when Redis answers). When `make check` has just rendered
# every page in the 8 languages on SQLite (.ci/run sets KORKYT_PAGES_CHECKED=1 after it passes), that one
# test is not rendered a second time here; the PostgreSQL run below still renders it.
sqlite_only=()
if [ "${KORKYT_PAGES_CHECKED:-}" = 1 ]; then
  sqlite_only=(--deselect tests/web/test_no_english_left.py::test_every_page_in_every_language_has_no_english_left)
  echo "(every page in every language was rendered on SQLite by make check: not again in the SQLite run)"
fi
if [ "$redis_up" = yes ]; then
  KORKYT_TEST_REDIS_URL=$redis_url run_pytest "unit and integration tests (SQLite, Redis)" tests -n "$workers" --durations=15 \
    "${sqlite_only[@]}"
else
  echo "(Redis does not answer at $redis_url: its tests are skipped with that reason)"
  run_pytest "unit and integration tests (SQLite)" tests -n "$workers" --durations=15 "${sqlite_only[@]}"
fi

# 1b. The concurrency tests (two connections at once) on a SQLite file, as in production without PostgreSQL.
KORKYT_TEST_SQLITE_FILE=1 run_pytest "concurrency tests (SQLite file)" tests/localization/test_concurrent_edit.py \
  tests/localization/test_cue_races.py tests/events/test_races.py tests/festival/test_programme_races.py \
  tests/coproduction/test_races.py tests/core/test_once_races.py -p no:cacheprovider

# 2. The database-backed tests again on PostgreSQL.
if [ "$pg_up" = yes ]; then
  DATABASE_URL=$pg_url run_pytest "database tests (PostgreSQL)" tests -m "not pure" -p no:cacheprovider -n "$workers" --durations=15
else
  echo "(PostgreSQL does not answer at $pg_url: the PostgreSQL run is skipped)"
fi

# 3. Browser tests.
run_pytest "browser tests (chromium)" e2e

exit $status

#!/usr/bin/env bash
# Exactly once under crashes and races: a COPY killed with SIGKILL at each named step, and at
# random moments, leaves a table that the next COPY completes with every source row exactly once;
# two COPYs racing over the same files load each file once.
# Usage: crash_test.sh path/to/inlet
set -euo pipefail
INLET="$1"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

FILES=12
ROWS_PER_FILE=20000
TOTAL=$((FILES * ROWS_PER_FILE))
mkdir -p "$WORK/src"
for f in $(seq 1 "$FILES"); do
  awk -v f="$f" -v n="$ROWS_PER_FILE" 'BEGIN {
    print "id,file,amount,note";
    for (i = 1; i <= n; i++) printf "%d,%d,%d.%02d,row %d of file %d\n", f * 1000000 + i, f, i % 997, i % 100, i, f
  }' > "$WORK/src/part-$f.csv"
done

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

new_table() {
  rm -rf "$WORK/db"
  "$INLET" --db "$WORK/db" -c "CREATE TABLE t (id BIGINT NOT NULL, file INTEGER, amount DECIMAL(10,2), note VARCHAR)" >/dev/null
}

copy() {
  "$INLET" --db "$WORK/db" --threads 2 -m csv -c "COPY INTO t FROM '$WORK/src/' FILE_FORMAT = CSV" >/dev/null
}

# The table must hold every source row exactly once, every data file it references must exist,
# and its log versions must have no gaps.
check_table() {
  local label="$1"
  local counts
  counts=$("$INLET" --db "$WORK/db" -m csv -c "SELECT count(*), count(DISTINCT id) FROM t" | tail -n 1)
  [ "$counts" = "$TOTAL,$TOTAL" ] || fail "$label: expected $TOTAL,$TOTAL rows/distinct ids, got $counts"
  local expected=0
  for commit in $(ls "$WORK/db/t/_delta_log/" | grep -E '^[0-9]{20}\.json$' | sort); do
    [ "$((10#${commit%.json}))" -eq "$expected" ] || fail "$label: log version gap at $commit"
    expected=$((expected + 1))
  done
}

# 1. A crash at each named step of COPY, then a normal COPY.
points=(copy.after_listing copy.mid_data_write copy.after_data_files copy.before_commit
        fs.put_if_absent.before_link copy.after_commit)
for point in "${points[@]}"; do
  new_table
  status=0
  INLET_CRASH_AT="$point" copy || status=$?
  [ "$status" -eq 137 ] || fail "$point: expected the process to be killed (137), got $status"
  # Whatever the crash left is a readable table.
  "$INLET" --db "$WORK/db" -c "SELECT count(*) FROM t" >/dev/null || fail "$point: table unreadable after crash"
  copy || fail "$point: COPY after the crash failed"
  check_table "$point"
  # Once complete, another COPY loads nothing.
  again=$("$INLET" --db "$WORK/db" -m csv -c "COPY INTO t FROM '$WORK/src/' FILE_FORMAT = CSV" | grep rows_copied)
  [ "$again" = "rows_copied,0" ] || fail "$point: second COPY copied rows: $again"
done

# 2. Kills at random moments (seeded, so a failure can be replayed).
RANDOM=${CRASH_SEED:-20261123}
for run in $(seq 1 8); do
  new_table
  for attempt in 1 2; do
    copy &
    pid=$!
    sleep "0.$((RANDOM % 40))"
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  copy || fail "random run $run: COPY after the kills failed"
  check_table "random run $run"
done

# 3. Two loaders racing over the same files.
for run in 1 2 3; do
  new_table
  copy & first=$!
  copy & second=$!
  wait "$first" || fail "race $run: first COPY failed"
  wait "$second" || fail "race $run: second COPY failed"
  check_table "race $run"
done

if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "crash test: ${#points[@]} crash points, 8 random-kill runs, 3 races: all exactly once"

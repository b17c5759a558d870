#!/usr/bin/env bash
# Exactly once under crashes and races: a COPY killed with SIGKILL at each named step (the
# checkpoint steps included), and at random moments, leaves a table that the next COPY completes
# with every source row exactly once; two COPYs racing over the same files load each file once.
# After every crash, every version of the table is readable, no add names a missing data file and
# the log has no gap.
# Usage: crash_test.sh path/to/inlet
# CRASH_RUNS=N sets the number of random-kill runs (3 kills each); CRASH_SEED replays a failure.
set -euo pipefail
INLET="$1"
RUNS=${CRASH_RUNS:-12}
KILLS_PER_RUN=3
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

LOG="$WORK/db/t/_delta_log"

# A table that checkpoints every second version, with one file loaded (version 1), so the next
# COPY commits version 2 and writes a checkpoint.
new_table() {
  rm -rf "$WORK/db"
  "$INLET" --db "$WORK/db" -c "CREATE TABLE t (id BIGINT NOT NULL, file INTEGER, amount DECIMAL(10,2), note VARCHAR) TBLPROPERTIES ('delta.checkpointInterval' = '2')" >/dev/null
  copy_files "'part-1.csv'"
}

copy() {
  "$INLET" --db "$WORK/db" --threads 2 -m csv -c "COPY INTO t FROM '$WORK/src/' FILE_FORMAT = CSV" >/dev/null
}

copy_files() {
  "$INLET" --db "$WORK/db" --threads 2 -m csv -c "COPY INTO t FROM '$WORK/src/' FILES = ($1) FILE_FORMAT = CSV" >/dev/null
}

query() { "$INLET" --db "$WORK/db" -m csv -c "$1" | tail -n 1; }

# Whatever a crash left: the log has no gap, every add names a data file that exists, and every
# version reads with no row twice and no fewer rows than the version before.
check_versions() {
  local label="$1"
  local expected=0 commit
  for commit in $(ls "$LOG" | grep -E '^[0-9]{20}\.json$' | sort); do
    [ "$((10#${commit%.json}))" -eq "$expected" ] || fail "$label: log version gap at $commit"
    expected=$((expected + 1))
  done
  local path
  for path in $(cd "$LOG" && cat $(ls | grep -E '^[0-9]{20}\.json$') |
                grep -o '"add":{"path":"[^"]*"' | cut -d'"' -f6); do
    [ -f "$WORK/db/t/$path" ] || fail "$label: an add names $path, which does not exist"
  done
  local version previous=0 counts rows distinct
  for version in $(seq 0 $((expected - 1))); do
    counts=$(query "SELECT count(*), count(DISTINCT id) FROM t VERSION AS OF $version") ||
      { fail "$label: version $version is unreadable"; continue; }
    rows=${counts%,*}
    distinct=${counts#*,}
    [ "$rows" = "$distinct" ] || fail "$label: version $version has a row twice ($counts)"
    [ "$rows" -ge "$previous" ] || fail "$label: version $version lost rows ($previous -> $rows)"
    previous=$rows
  done
  versions_checked=$((versions_checked + expected))
}

# The table must hold every source row exactly once, besides check_versions.
check_table() {
  local label="$1"
  check_versions "$label"
  local counts
  counts=$(query "SELECT count(*), count(DISTINCT id) FROM t")
  [ "$counts" = "$TOTAL,$TOTAL" ] || fail "$label: expected $TOTAL,$TOTAL rows/distinct ids, got $counts"
}

versions_checked=0

# 1. A crash at each named step of COPY, then a normal COPY.
points=(copy.after_listing copy.mid_data_write copy.after_data_files copy.before_commit
        fs.put_if_absent.before_link copy.after_commit
        delta.checkpoint.mid_write delta.checkpoint.before_last_checkpoint)
CHECKPOINT="$LOG/00000000000000000002.checkpoint.parquet"
for point in "${points[@]}"; do
  new_table
  status=0
  INLET_CRASH_AT="$point" copy || status=$?
  [ "$status" -eq 137 ] || fail "$point: expected the process to be killed (137), got $status"
  check_versions "$point, after the crash"
  case "$point" in
    delta.checkpoint.mid_write)
      [ ! -e "$CHECKPOINT" ] || fail "$point: a torn checkpoint is in the log" ;;
    delta.checkpoint.before_last_checkpoint)
      [ -f "$CHECKPOINT" ] || fail "$point: the checkpoint is missing"
      ! grep -q '"version":2' "$LOG/_last_checkpoint" 2>/dev/null ||
        fail "$point: _last_checkpoint names a checkpoint written after the crash" ;;
  esac
  copy || fail "$point: COPY after the crash failed"
  check_table "$point"
  # Once complete, another COPY loads nothing.
  again=$("$INLET" --db "$WORK/db" -m csv -c "COPY INTO t FROM '$WORK/src/' FILE_FORMAT = CSV" | grep rows_copied)
  [ "$again" = "rows_copied,0" ] || fail "$point: second COPY copied rows: $again"
done

# 2. Kills at random moments (seeded, so a failure can be replayed), each COPY over a random set
# of files so that the runs cross checkpoints.
RANDOM=${CRASH_SEED:-20261123}
killed=0
finished=0
for run in $(seq 1 "$RUNS"); do
  new_table
  for attempt in $(seq 1 "$KILLS_PER_RUN"); do
    files=()
    for _ in 1 2 3 4; do files+=("'part-$((RANDOM % FILES + 1)).csv'"); done
    list=$(printf '%s\n' "${files[@]}" | sort -u | paste -sd, -)
    copy_files "$list" &
    pid=$!
    # A COPY of a few files takes about a tenth of a second, so most kills land inside one.
    sleep "$(printf '0.%03d' $((RANDOM % 80)))"
    kill -9 "$pid" 2>/dev/null || true
    status=0
    wait "$pid" 2>/dev/null || status=$?
    if [ "$status" -eq 137 ]; then killed=$((killed + 1)); else finished=$((finished + 1)); fi
    check_versions "random run $run, kill $attempt"
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
echo "crash test: ${#points[@]} crash points x 1 run, $RUNS random runs x $KILLS_PER_RUN kills" \
     "($killed killed mid-COPY, $finished finished first), 3 races; $versions_checked versions" \
     "checked: all exactly once"

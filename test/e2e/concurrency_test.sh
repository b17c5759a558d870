#!/usr/bin/env bash
# Four loaders at once, round after round: in each round new source files arrive, then four
# `inlet` processes COPY INTO the same table at the same moment over overlapping sets of files
# (one the whole folder, the others this round's and last round's files in different subsets).
# Afterwards every source file is in the table exactly once, the log has no gap, every COPY that
# reported rows has its own version in the log holding those rows and files, every COPY version
# is claimed by exactly one loader, and the rows the loaders reported add up to the table's.
# Usage: concurrency_test.sh path/to/inlet
# CONCURRENCY_ROUNDS=N sets the number of rounds (a soak); the default fits the test suite.
set -euo pipefail
INLET="$1"
ROUNDS=${CONCURRENCY_ROUNDS:-300}
WRITERS=4
NEW_PER_ROUND=3
ROWS_PER_FILE=40
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/src" "$WORK/out"
gate="$WORK/gate"

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

"$INLET" --db "$WORK/db" -c "CREATE TABLE t (id BIGINT NOT NULL, file INTEGER, note VARCHAR)" >/dev/null

make_file() {
  local f="$1"
  awk -v f="$f" -v n="$ROWS_PER_FILE" 'BEGIN {
    print "id,file,note";
    for (i = 1; i <= n; i++) printf "%d,%d,row %d of file %d\n", f * 100000 + i, f, i, f
  }' > "$WORK/src/f-$(printf %06d "$f").csv"
}

name() { printf "'f-%06d.csv'" "$1"; }

# The COPY statement of writer $1 in a round whose new files are $2..$3 (previous round: $4..$5).
statement() {
  local writer="$1" first="$2" last="$3" prev_first="$4" prev_last="$5"
  local files=()
  case "$writer" in
    0) echo "COPY INTO t FROM '$WORK/src/' FILE_FORMAT = CSV"; return ;;
    1) for f in $(seq "$first" "$last"); do files+=("$(name "$f")"); done ;;
    2) files+=("$(name "$first")")
       for f in $(seq "$prev_first" "$prev_last"); do files+=("$(name "$f")"); done ;;
    3) for f in $(seq "$last" -1 "$((first + 1))"); do files+=("$(name "$f")"); done
       files+=("$(name "$prev_last")") ;;
  esac
  local list
  list=$(IFS=,; echo "${files[*]}")
  echo "COPY INTO t FROM '$WORK/src/' FILES = ($list) FILE_FORMAT = CSV"
}

next_file=1
prev_first=0
prev_last=0
copies=0
for round in $(seq 1 "$ROUNDS"); do
  first=$next_file
  for _ in $(seq 1 "$NEW_PER_ROUND"); do make_file "$next_file"; next_file=$((next_file + 1)); done
  last=$((next_file - 1))
  if [ "$round" -eq 1 ]; then prev_first=$first; prev_last=$first; fi
  # The loaders wait at a gate (a lock this script holds) that opens for all of them at once, so
  # their COPYs overlap rather than follow the order they were started in.
  exec 4> "$gate"
  flock 4
  pids=()
  for w in $(seq 0 $((WRITERS - 1))); do
    out="$WORK/out/$round.$w"
    sql=$(statement "$w" "$first" "$last" "$prev_first" "$prev_last")
    ( exec 4>&-
      status=0
      flock -s "$gate" "$INLET" --db "$WORK/db" --threads 1 -m csv -c "$sql" > "$out" 2> "$out.err" ||
        status=$?
      echo "$status" > "$out.status" ) &
    pids+=($!)
  done
  flock -u 4
  exec 4>&-
  for pid in "${pids[@]}"; do wait "$pid"; done
  copies=$((copies + WRITERS))
  prev_first=$first
  prev_last=$last
done
total_files=$((next_file - 1))
total_rows=$((total_files * ROWS_PER_FILE))

# Every loader succeeded; collect what each reported.
sum_rows=0
claims="$WORK/claims"
: > "$claims"
for out in "$WORK"/out/*.*[0-9]; do
  status=$(cat "$out.status")
  if [ "$status" -ne 0 ]; then
    fail "$(basename "$out"): exit $status: $(cat "$out.err")"
    continue
  fi
  rows=$(awk -F, '$1 == "rows_copied" {print $2}' "$out")
  files=$(awk -F, '$1 == "files_processed" {print $2}' "$out")
  version=$(awk -F, '$1 == "target_version" {print $2}' "$out")
  sum_rows=$((sum_rows + rows))
  if [ "$files" -gt 0 ]; then echo "$version $rows $files $(basename "$out")" >> "$claims"; fi
done

# Every source file exactly once.
counts=$("$INLET" --db "$WORK/db" -m csv -c "SELECT count(*), count(DISTINCT id), count(DISTINCT file) FROM t" | tail -n 1)
[ "$counts" = "$total_rows,$total_rows,$total_files" ] ||
  fail "expected $total_rows rows, $total_rows ids, $total_files files; got $counts"
bad_files=$("$INLET" --db "$WORK/db" -m csv -c "SELECT file, count(*) AS n FROM t GROUP BY file" |
  awk -F, -v n="$ROWS_PER_FILE" 'NR > 1 && $2 != n' | head -5)
[ -z "$bad_files" ] || fail "files without exactly $ROWS_PER_FILE rows (file,rows): $bad_files"
[ "$sum_rows" -eq "$total_rows" ] || fail "loaders reported $sum_rows rows copied, the table holds $total_rows"

# No gap in the log, and each source file's tracking id committed once.
log="$WORK/db/t/_delta_log"
commits=$(ls "$log" | grep -E '^[0-9]{20}\.json$' | sort)
expected=0
for commit in $commits; do
  [ "$((10#${commit%.json}))" -eq "$expected" ] || { fail "log version gap at $commit"; break; }
  expected=$((expected + 1))
done
versions=$expected
ids=$(cd "$log" && cat $commits | grep -o '"txn":{"appId":"[^"]*"' | sort)
[ "$(echo "$ids" | uniq -d | wc -l)" -eq 0 ] || fail "a tracking id is committed twice"
[ "$(echo "$ids" | sort -u | wc -l)" -eq "$total_files" ] || fail "tracking ids do not match the $total_files files"

# Every COPY version is claimed by exactly one loader, and holds what that loader reported.
copy_versions=$(cd "$log" && grep -l '"operation":"COPY INTO"' $commits | wc -l)
[ "$(wc -l < "$claims")" -eq "$copy_versions" ] ||
  fail "$copy_versions COPY versions in the log, $(wc -l < "$claims") loaders reported committing one"
[ "$(cut -d' ' -f1 "$claims" | sort | uniq -d | wc -l)" -eq 0 ] || fail "two loaders claim one version"
while read -r version rows files who; do
  commit="$log/$(printf %020d "$version").json"
  if [ ! -f "$commit" ]; then fail "$who: reported version $version, which is not in the log"; continue; fi
  grep -q "\"numOutputRows\":\"$rows\"" "$commit" && grep -q "\"numSourceFiles\":\"$files\"" "$commit" ||
    fail "$who: version $version does not hold its $rows rows from $files files"
done < "$claims"

if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "concurrency test: $ROUNDS rounds x $WRITERS loaders = $copies COPYs over $total_files files," \
     "$versions versions ($copy_versions by COPY), $total_rows rows: every file exactly once"

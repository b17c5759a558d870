#!/usr/bin/env bash
# End-to-end test of the `inlet` program: options, output modes, scripts from -c, -f and stdin,
# dot commands, progress lines on stderr, and the exit status and single "Error:" line of a
# failing statement.
#
#   test/shell/shell_test.sh path/to/inlet
set -u

inlet="$1"
work="$(mktemp -d "${TMPDIR:-/tmp}/inlet-shell-test-XXXXXX")"
trap 'rm -rf "$work"' EXIT
db="$work/warehouse"
failures=0

# check NAME EXPECTED ACTUAL: compares two strings and reports a difference.
check() {
  if [[ "$2" == "$3" ]]; then
    echo "ok   $1"
  else
    echo "FAIL $1"
    echo "---- expected"
    printf '%s\n' "$2"
    echo "---- actual"
    printf '%s\n' "$3"
    failures=$((failures + 1))
  fi
}

# run ARGS...: runs inlet on the test warehouse; sets $out, $err and $status.
run() {
  out="$("$inlet" --db "$db" "$@" 2>"$work/stderr")"
  status=$?
  err="$(cat "$work/stderr")"
}

check "--version" "inlet 0.1.0" "$("$inlet" --version)"

"$inlet" --help >"$work/help"
check "--help exits 0" 0 $?
check "--help shows usage" "Usage: inlet [OPTIONS]" "$(head -n 1 "$work/help")"

run --mode tabular -c "SELECT 1"
check "bad --mode exits 2" 2 "$status"
check "bad --mode message" 'Error: unknown mode "tabular"; expected table, csv, json or line' "$err"

run --bogus
check "unknown option exits 2" 2 "$status"

# Each output mode on the same row.
sql="SELECT 1 AS n, 'a,b' AS s, NULL AS z"
run --mode csv -c "$sql"
check "--mode csv" $'n,s,z\n1,"a,b",' "$out"
run -m json -c "$sql"
check "-m json" $'[\n  {"n": 1, "s": "a,b", "z": null}\n]' "$out"
run --mode=line -c "$sql"
check "--mode=line" $'n = 1\ns = a,b\nz = NULL' "$out"
run -c "SELECT 42 AS answer, 'x' AS s"
check "table is the default mode" 0 "$status"
check "table has a box, right-aligned numbers and a footer" \
  "│      42 │ x       │" "$(sed -n 5p <<<"$out")"
check "table footer" "(1 row)" "$(tail -n 1 <<<"$out")"

# -c with several statements: the failing one stops the script with one error line.
run --mode csv -c "SELECT 1 AS a; SELEC 2; SELECT 3 AS c"
check "-c failing statement exits 1" 1 "$status"
check "-c runs statements before the failure" $'a\n1' "$out"
check "-c prints one error line" 1 "$(wc -l <<<"$err")"
check "-c error line starts with Error:" "Error: " "${err:0:7}"

# -f runs a script with statements over several lines, comments and dot commands.
cat >"$work/script.sql" <<'EOF'
-- a comment line
SELECT 1 AS a;
.mode csv
SELECT
  2 AS b;   SELECT 3 AS c;
SELECT 4 AS d
EOF
run --mode json -f "$work/script.sql"
check "-f exits 0" 0 "$status"
check "-f output" $'[\n  {"a": 1}\n]\nb\n2\nc\n3\nd\n4' "$out"

run -f "$work/missing.sql"
check "-f missing file exits 1" 1 "$status"
check "-f missing file message" "Error: cannot open script \"$work/missing.sql\"" "$err"

# Statements piped to stdin run as a script; an error stops it with status 1.
out="$(printf '.mode line\nSELECT 5 AS e;\nSELECT nope;\nSELECT 6 AS f;\n' |
       "$inlet" --db "$db" 2>"$work/stderr")"
status=$?
check "stdin script exits 1 at the failure" 1 "$status"
check "stdin script output" "e = 5" "$out"
check "stdin script error" "Error: " "$(head -c 7 "$work/stderr")"

run -c ".mode yaml"
check "bad .mode exits 1" 1 "$status"
check "bad .mode message" "Error: usage: .mode table|csv|json|line" "$err"
run -c ".frobnicate"
check "unknown dot command" \
  'Error: unknown command ".frobnicate"; enter ".help" for a list' "$err"

# The warehouse persists between runs; .tables lists what an earlier run created.
run -c "CREATE TABLE shell_t (id BIGINT, name VARCHAR)"
check "CREATE TABLE prints nothing" "" "$out"
run --mode csv -c ".tables"
check ".tables after a restart" "shell_t,$db/shell_t" "$(tail -n 1 <<<"$out")"

# Progress lines go to stderr, only when asked for off a terminal (progress = on), never to stdout.
# progress_delay_ms = 0 shows the line of a COPY however quick: the first at once, the final
# counts at the end.
printf 'id,v\n1,a\n2,b\n3,c\n' >"$work/progress.csv"
copy_progress="COPY INTO shell_p FROM '$work/progress.csv' FILE_FORMAT = (TYPE = CSV SKIP_HEADER = 1) FORCE = TRUE"
run --mode csv -c "CREATE TABLE shell_p (id BIGINT, v VARCHAR);
                   SET progress = 'on'; SET progress_delay_ms = 0; $copy_progress"
check "progress = on exits 0" 0 "$status"
check "progress = on: a first line and the final one" 2 "$(grep -c . <<<"$err")"
progress_line='^COPY shell_p: [0-9,]+(/[0-9,]+)? files, [0-9,]+ rows, [0-9.]+ [KMGT]?i?B, [0-9.]+ [KMGT]?i?B/s, [0-9.]+ s$'
check "progress = on: lines of counts" 2 "$(grep -Ec "$progress_line" <<<"$err")"
check "progress lines stay off stdout" 0 "$(grep -c '^COPY shell_p' <<<"$out")"
run --mode csv -c "SET progress = 'off'; SET progress_delay_ms = 0; $copy_progress"
check "progress = off: no line" "" "$err"
run --mode csv -c "SET progress_delay_ms = 0; $copy_progress"
check "progress = auto off a terminal: no line" "" "$err"

if ((failures > 0)); then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all checks passed"

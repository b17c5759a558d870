#!/usr/bin/env bash
# inlet vs DuckDB, side by side, in two scenarios (see bench/README.md for what is measured):
#   csv:     a lineitem-like CSV into a Delta table with inlet's COPY INTO; the same CSV to Parquet
#            with DuckDB.
#   parquet: the same rows as a Parquet file (written once by DuckDB) into a Delta table with inlet,
#            which reads and rewrites them; DuckDB rewrites the same file to Parquet.
#   gzip:    the CSV gzip-compressed (gzip -6), into a Delta table with inlet; DuckDB reads the
#            .csv.gz with read_csv into Parquet.
#
#   bench/run.sh [--rows 1m|6m|all] [--scenario csv|parquet|gzip|all] [--skip-duckdb]
#
# Environment: INLET_BENCH_BUILD_DIR (default build/bench-rel), INLET_BENCH_THREADS (default 2).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
build_dir="${INLET_BENCH_BUILD_DIR:-$root/build/bench-rel}"
threads="${INLET_BENCH_THREADS:-2}"
data_dir="$here/data"
out_dir="$here/out"

usage() {
  echo "usage: bench/run.sh [--rows 1m|6m|all] [--scenario csv|parquet|gzip|all] [--skip-duckdb]" >&2
  exit 2
}

rows="1m"
scenario="all"
skip_duckdb=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) [ $# -ge 2 ] || usage; rows="$2"; shift 2 ;;
    --rows=*) rows="${1#--rows=}"; shift ;;
    --scenario) [ $# -ge 2 ] || usage; scenario="$2"; shift 2 ;;
    --scenario=*) scenario="${1#--scenario=}"; shift ;;
    --skip-duckdb) skip_duckdb=1; shift ;;
    -h|--help) usage ;;
    *) echo "run.sh: unknown argument '$1'" >&2; usage ;;
  esac
done
case "$rows" in
  1m) sizes=(1m) ;;
  6m) sizes=(6m) ;;
  all) sizes=(1m 6m) ;;
  *) echo "run.sh: --rows must be 1m, 6m or all, got '$rows'" >&2; usage ;;
esac
case "$scenario" in
  csv) scenarios=(csv) ;;
  parquet) scenarios=(parquet) ;;
  gzip) scenarios=(gzip) ;;
  all) scenarios=(csv parquet gzip) ;;
  *) echo "run.sh: --scenario must be csv, parquet, gzip or all, got '$scenario'" >&2; usage ;;
esac

die() {
  echo "run.sh: $*" >&2
  exit 1
}

[ -x /usr/bin/time ] || die "/usr/bin/time (GNU time) is needed for wall time and peak RSS"
if [ "$skip_duckdb" = 0 ]; then
  command -v node >/dev/null || die "node is needed for DuckDB (or pass --skip-duckdb)"
  [ -d "$root/test/oracle/node_modules/@duckdb/node-api" ] ||
    die "DuckDB is not installed; run scripts/install-deps.sh (or pass --skip-duckdb)"
fi

# Always a Release build of our own: timing a Debug or ASan binary would be meaningless. Ninja makes
# this a no-op when nothing changed.
if [ ! -f "$build_dir/build.ninja" ]; then
  cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
build_type="$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build_dir/CMakeCache.txt")"
[ "$build_type" = "Release" ] || die "$build_dir is a '$build_type' build; the benchmark needs Release"
ninja -C "$build_dir" -j "$(nproc)" inlet gen_lineitem >/dev/null ||
  die "build failed; run: ninja -C $build_dir inlet gen_lineitem"
inlet="$build_dir/tools/inlet"
gen="$build_dir/bench/gen_lineitem"

row_count() {
  case "$1" in
    1m) echo 1000000 ;;
    6m) echo 6000000 ;;
  esac
}

# Generated once and kept: the generator is deterministic, so a file on disk is always the same.
mkdir -p "$data_dir" "$out_dir"
for size in "${sizes[@]}"; do
  csv="$data_dir/lineitem-$size.csv"
  if [ ! -f "$csv" ]; then
    echo "generating $csv ..." >&2
    # Written under a temporary name so an interrupted run never leaves a truncated file behind.
    "$gen" "$(row_count "$size")" "$csv.tmp"
    mv "$csv.tmp" "$csv"
  fi
  gz="$csv.gz"
  if [[ " ${scenarios[*]} " == *" gzip "* ]] && [ ! -f "$gz" ]; then
    echo "compressing $gz ..." >&2
    gzip -6 -c "$csv" >"$gz.tmp"
    mv "$gz.tmp" "$gz"
  fi
  parquet="$data_dir/lineitem-$size.parquet"
  if [[ " ${scenarios[*]} " == *" parquet "* ]] && [ ! -f "$parquet" ]; then
    # The Parquet input comes from another writer, as a user's files would.
    command -v node >/dev/null && [ -d "$root/test/oracle/node_modules/@duckdb/node-api" ] ||
      die "making $parquet needs DuckDB (scripts/install-deps.sh)"
    echo "writing $parquet with DuckDB ..." >&2
    node "$here/duckdb_copy.mjs" copy "$csv" "$parquet.tmp" 0
    mv "$parquet.tmp" "$parquet"
  fi
done

schema="l_orderkey BIGINT, l_partkey BIGINT, l_suppkey BIGINT, l_linenumber INTEGER,
  l_quantity DECIMAL(15,2), l_extendedprice DECIMAL(15,2), l_discount DECIMAL(15,2),
  l_tax DECIMAL(15,2), l_returnflag VARCHAR(1), l_linestatus VARCHAR(1), l_shipdate DATE,
  l_commitdate DATE, l_receiptdate DATE, l_shipinstruct VARCHAR(25), l_shipmode VARCHAR(10),
  l_comment VARCHAR(44)"

# timed LABEL OUTFILE CMD...: runs CMD under GNU time and leaves "wall_s peak_kib user_s sys_s" in
# OUTFILE. CPU time is kept beside wall time because on a shared machine wall time also counts the
# time other processes held our cores.
# On failure prints the command's stderr and stops the benchmark.
timed() {
  local label="$1" result="$2"
  shift 2
  if ! /usr/bin/time -f '%e %M %U %S' -o "$result" "$@" >"$result.stdout" 2>"$result.stderr"; then
    cat "$result.stderr" >&2
    die "$label failed (exit status above; stderr in $result.stderr)"
  fi
}

# Arithmetic in awk: bash has no floating point.
calc() { awk "BEGIN { printf \"$1\", $2 }"; }

# bench_case SCENARIO SIZE: runs inlet and DuckDB on one input and appends a row to rows_table.
bench_case() {
  local scenario="$1" size="$2"
  local input inlet_format duck_mode
  case "$scenario" in
    csv) input="$data_dir/lineitem-$size.csv"; inlet_format=CSV; duck_mode=copy ;;
    parquet) input="$data_dir/lineitem-$size.parquet"; inlet_format=PARQUET; duck_mode=rewrite ;;
    gzip) input="$data_dir/lineitem-$size.csv.gz"; inlet_format=CSV; duck_mode=copy ;;
  esac
  local expected bytes run_dir
  expected="$(row_count "$size")"
  bytes="$(stat -L -c %s "$input")"
  run_dir="$out_dir/$scenario-$size"
  rm -rf "$run_dir"
  mkdir -p "$run_dir"

  # Both tools read the file from the page cache, so the figures compare CPU work, not the disk.
  cat "$input" >/dev/null

  echo "inlet: COPY INTO lineitem FROM $input (--threads $threads) ..." >&2
  timed "inlet COPY INTO" "$run_dir/inlet.time" \
    "$inlet" --db "$run_dir/inlet-db" --threads "$threads" \
    -c "CREATE TABLE lineitem ($schema);
        COPY INTO lineitem FROM '$input' FILE_FORMAT = $inlet_format;"
  local inlet_s inlet_kib inlet_user inlet_sys inlet_rows
  read -r inlet_s inlet_kib inlet_user inlet_sys <"$run_dir/inlet.time"
  inlet_rows="$("$inlet" --db "$run_dir/inlet-db" --mode csv -c "SELECT count(*) FROM lineitem" |
    tail -n 1 | tr -d '\r')"
  [ "$inlet_rows" = "$expected" ] ||
    die "ROW COUNT MISMATCH: inlet loaded '$inlet_rows' rows from $input, expected $expected"

  local duck_cols=("-" "-" "-" "-" "-" "-")
  if [ "$skip_duckdb" = 0 ]; then
    echo "duckdb: $duck_mode $input to parquet (threads = $threads) ..." >&2
    timed "DuckDB $duck_mode" "$run_dir/duckdb.time" \
      node "$here/duckdb_copy.mjs" "$duck_mode" "$input" "$run_dir/duckdb.parquet" "$threads"
    local duck_s duck_kib duck_user duck_sys duck_rows
    read -r duck_s duck_kib duck_user duck_sys <"$run_dir/duckdb.time"
    duck_rows="$(node "$here/duckdb_copy.mjs" count "$run_dir/duckdb.parquet")"
    [ "$duck_rows" = "$expected" ] ||
      die "ROW COUNT MISMATCH: DuckDB wrote '$duck_rows' rows from $input, expected $expected"
    duck_cols=(
      "$(calc '%.2f' "$duck_s")"
      "$(calc '%.1f' "$bytes / 1e6 / ($duck_s > 0 ? $duck_s : 0.01)")"
      "$(calc '%.0f' "$duck_kib / 1024")"
      "$(calc '%.2f' "$inlet_s / ($duck_s > 0 ? $duck_s : 0.01)")"
      "$(calc '%.2f' "$inlet_kib / $duck_kib")"
      "$(calc '%.2f' "$duck_user + $duck_sys")"
    )
  fi

  rows_table+=("$(printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |' \
    "$(basename "$input") ($(calc '%.0f' "$bytes / 1e6") MB)" "$expected" \
    "$(calc '%.2f' "$inlet_s")" \
    "$(calc '%.1f' "$bytes / 1e6 / ($inlet_s > 0 ? $inlet_s : 0.01)")" \
    "$(calc '%.0f' "$inlet_kib / 1024")" \
    "${duck_cols[0]}" "${duck_cols[1]}" "${duck_cols[2]}" "${duck_cols[3]}" "${duck_cols[4]}" \
    "$(calc '%.2f' "$inlet_user + $inlet_sys")" "${duck_cols[5]}")")
}

# Recorded because wall times on a busy machine are not comparable with those on an idle one.
load_before="$(cut -d ' ' -f 1-3 /proc/loadavg)"
rows_table=()
for scenario in "${scenarios[@]}"; do
  for size in "${sizes[@]}"; do
    bench_case "$scenario" "$size"
  done
done

echo
echo "threads = $threads, $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC'), load average before:" \
  "$load_before; row counts checked."
echo "MB/s = input bytes / 10^6 / wall seconds. Peak = max RSS; DuckDB's includes the node process."
echo "CPU s = user + sys seconds, less sensitive than wall time to other load on the machine."
echo
echo "| input | rows | inlet s | inlet MB/s | inlet peak MiB | DuckDB s | DuckDB MB/s | DuckDB peak MiB | time inlet/DuckDB | peak inlet/DuckDB | inlet CPU s | DuckDB CPU s |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows_table[@]}"

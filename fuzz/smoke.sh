#!/usr/bin/env bash
# The fuzz smoke run that `make test` ends with: builds the libFuzzer binaries (CMake preset
# "fuzz": clang, ASan + UBSan, in build/fuzz) and fuzzes each target for a short time, starting from
# seeds copied out of ../shared/testdata into a temporary folder (never into the repository).
# A crash, a hang past -timeout, a leak or an allocation past -rss_limit_mb fails the run; the
# reproducer stays in build/fuzz/artifacts/<target>/ and its path is printed. See fuzz/README.md.
#
#   fuzz/smoke.sh                     every target
#   fuzz/smoke.sh parquet_reader_fuzzer csv_reader_fuzzer
#   FUZZ_TIME_SCALE=10 fuzz/smoke.sh  fuzz ten times longer
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
testdata="$here/../shared/testdata"
build="$here/build/fuzz"
scale="${FUZZ_TIME_SCALE:-1}"
jobs="${JOBS:-$(nproc)}"
cd "$here"

# target  seconds  max_len  seed folders (files larger than max_len are left out: truncated they
# would only exercise the "not a Parquet file" path)
targets_table=(
  "parquet_reader_fuzzer 60 262144 $testdata/parquet-testing/data $testdata/parquet-testing/bad_data $testdata/arrow-testing/data/parquet $testdata/hyparquet/test/files"
  "csv_reader_fuzzer 20 16384 $testdata/csv-spectrum/csvs $testdata/arrow-testing/data/csv $testdata/duckdb/data/csv"
  "csv_sniffer_fuzzer 20 16384 $testdata/csv-spectrum/csvs $testdata/readr $testdata/duckdb/data/csv"
  "sql_parser_fuzzer 20 16384 $here/test/sql $here/examples $testdata/duckdb/test/sql"
  "delta_log_fuzzer 15 65536 $testdata/delta-dat $testdata/delta-golden"
  "deletion_vector_fuzzer 15 65536 $testdata/delta-golden"
  "gzip_fuzzer 15 65536 $testdata/duckdb/data $testdata/readr"
)

# Only the files of `dir` that seed `target`.
seed_files() {
  local target=$1 dir=$2 max_len=$3
  case "$target" in
    parquet_reader_fuzzer) find "$dir" -type f \( -name '*.parquet' -o -path '*/fuzzing/*' \) ;;
    csv_reader_fuzzer|csv_sniffer_fuzzer) find "$dir" -type f \( -name '*.csv' -o -name '*.tsv' -o -name '*.txt' \) ;;
    sql_parser_fuzzer) find "$dir" -type f \( -name '*.sql' -o -name '*.test' \) ;;
    delta_log_fuzzer) find "$dir" -type f -path '*/_delta_log/*.json' ;;
    deletion_vector_fuzzer) find "$dir" -type f -name 'deletion_vector_*.bin' ;;
    gzip_fuzzer) find "$dir" -type f \( -name '*.gz' -o -name '*.zst' -o -name '*.bz2' -o -name '*.xz' \) ;;
  esac | while IFS= read -r file; do
    if [ "$(stat -c %s "$file")" -le "$max_len" ]; then printf '%s\n' "$file"; fi
  done
}

if [ ! -d "$testdata" ]; then
  echo "fuzz/smoke.sh: no test data at $testdata" >&2
  exit 1
fi
if ! command -v clang++ >/dev/null; then
  echo "fuzz/smoke.sh: clang++ is missing; run scripts/install-deps.sh" >&2
  exit 1
fi

selected=("$@")
names=()
for row in "${targets_table[@]}"; do
  read -r name _ <<<"$row"
  if [ ${#selected[@]} -eq 0 ] || [[ " ${selected[*]} " == *" $name "* ]]; then names+=("$name"); fi
done
if [ ${#names[@]} -eq 0 ]; then
  echo "fuzz/smoke.sh: no such target: ${selected[*]}" >&2
  exit 2
fi

echo "fuzz smoke: building ${names[*]} (preset fuzz, $build)"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$jobs" --target "${names[@]}"

work="$(mktemp -d /tmp/inlet-fuzz-XXXXXX)"
trap 'rm -rf "$work"' EXIT
failed=()
for row in "${targets_table[@]}"; do
  read -r name seconds max_len seed_dirs <<<"$row"
  [[ " ${names[*]} " == *" $name "* ]] || continue
  seconds=$((seconds * scale))
  corpus="$work/$name"
  artifacts="$build/artifacts/$name"
  log="$build/logs/$name.log"
  # Reproducers of an earlier run are gone: copy the ones to keep to fuzz/regressions/ first.
  rm -rf "$artifacts"
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  for dir in $seed_dirs; do
    seed_files "$name" "$dir" "$max_len" | while IFS= read -r file; do
      cp --backup=numbered "$file" "$corpus/"
    done
  done
  echo "fuzz smoke: $name for ${seconds}s from $(ls "$corpus" | wc -l) seeds"
  # libFuzzer adds new inputs to the first folder only; the regressions are read as they are.
  if ! "$build/fuzz/$name" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 \
      -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/" \
      "$corpus" "$here/fuzz/regressions/$name" >"$log" 2>&1; then
    failed+=("$name")
    echo "fuzz smoke: $name FAILED; the end of its log ($log):" >&2
    tail -n 40 "$log" >&2
    for reproducer in "$artifacts"/*; do
      [ -e "$reproducer" ] || continue
      echo "fuzz smoke: reproducer $reproducer" >&2
      echo "  replay: $build/fuzz/$name $reproducer" >&2
    done
  else
    grep -E '^stat::number_of_executed_units|^Done' "$log" | tr '\n' ' ' || true
    echo
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz smoke: failures in ${failed[*]} (see fuzz/README.md, 'When fuzzing finds a bug')" >&2
  exit 1
fi
echo "fuzz smoke: ${names[*]}: no crash"

# The two commands of the README, and a few for developers. Everything builds with CMake presets
# (CMakePresets.json); this file only strings the steps together.

.PHONY: demo test deps build build-debug test-asan fuzz-smoke bench clean

JOBS ?= $(shell nproc)

## make demo: install what is missing, build, load the bundled sample CSV files into the table
## `orders` in ./inlet-data and show what was loaded. Run it twice: the second COPY loads 0 files.
demo: build
	./build/release/tools/inlet --db ./inlet-data -f examples/demo.sql

## make test: install what is missing, build, run every test (unit, SQL scripts, DuckDB oracle,
## the Parquet corpus), then fuzz every parser briefly (fuzz/smoke.sh: a clang build, ~2.5 minutes).
test: build
	ctest --preset release -j $(JOBS)
	JOBS=$(JOBS) ./fuzz/smoke.sh

deps:
	./scripts/install-deps.sh

build: deps
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS)

build-debug: deps
	cmake --preset debug-asan >/dev/null
	cmake --build --preset debug-asan -j $(JOBS)

## make test-asan: every test under AddressSanitizer and UBSan.
test-asan: build-debug
	ctest --preset debug-asan -j $(JOBS)

## make fuzz-smoke: only the fuzz smoke run of make test.
fuzz-smoke: deps
	JOBS=$(JOBS) ./fuzz/smoke.sh

## make bench: inlet against DuckDB on a generated lineitem-like CSV (see bench/README.md).
bench: build
	./bench/run.sh

clean:
	rm -rf build

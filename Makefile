# The two commands of the README, and a few for developers. Everything builds with CMake presets
# (CMakePresets.json); this file only strings the steps together.

.PHONY: demo test deps build build-debug test-asan bench clean

JOBS ?= $(shell nproc)

## make demo: install what is missing, build, load the bundled sample CSV files into the table
## `orders` in ./inlet-data and show what was loaded. Run it twice: the second COPY loads 0 files.
demo: build
	./build/release/tools/inlet --db ./inlet-data -f examples/demo.sql

## make test: install what is missing, build, and run every test (unit, SQL scripts, DuckDB oracle).
test: build
	ctest --preset release -j $(JOBS)

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

## make bench: inlet against DuckDB on a generated lineitem-like CSV (see bench/README.md).
bench: build
	./bench/run.sh

clean:
	rm -rf build

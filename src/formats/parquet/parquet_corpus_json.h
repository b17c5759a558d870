#pragma once

#include <simdjson.h>

#include <string>

#include "types/value.h"

namespace inlet::parquet_corpus {

/// Who wrote the expected JSON, which decides how each type is spelled in it.
enum class JsonConvention {
  /// hyparquet's `<name>.json` files (hyparquet's toJson): every number a JS number (64-bit
  /// integers and decimals lose precision), NaN and Infinity as null, dates and timestamps as ISO
  /// strings with milliseconds ("2009-01-01T00:00:00.000Z"), TIME as a number in the file's unit,
  /// BYTE_ARRAY as text, FIXED_LEN_BYTE_ARRAY as an array of byte values, UUID as its text, JSON
  /// columns parsed, WKB geometries as GeoJSON, STRUCT and MAP as objects (a NULL field may be
  /// left out), LIST as arrays.
  kHyparquet,
  /// DuckDB's rows as test/oracle/query.mjs prints them (node-api getRowsJson): BIGINT, HUGEINT
  /// and DECIMAL as exact strings, NaN as "NaN", BLOB as text with \xHH escapes, dates and
  /// timestamps as DuckDB casts them to VARCHAR (nanoseconds kept), MAP as an array of
  /// {"key", "value"} objects, INTERVAL as {"months", "days", "micros"}.
  kDuckDb,
};

/// Why `got` does not match `expected` under `convention` (naming the path inside a nested
/// value, e.g. "[2].address.city: expected "London", got NULL"), or "" when it matches.
/// `nullable` says whether the column may hold NULL at all.
std::string JsonMismatch(const Value& got, simdjson::dom::element expected,
                         JsonConvention convention, bool nullable);

}  // namespace inlet::parquet_corpus

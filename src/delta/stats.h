#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "types/value.h"

namespace inlet {

/// How many characters of a string column's min/max Delta-Spark keeps by default
/// (delta.dataSkippingStringPrefixLength), counted as Java counts them (UTF-16 code units).
inline constexpr int kStatsStringPrefixLength = 32;

/// What a writer measured for one column of one data file, or for one field of a STRUCT column.
///
/// A STRUCT column is a tree: `fields` holds one entry per struct field (named by the field,
/// nested as deep as the type), and Delta gets no min/max/nullCount of the struct itself, only
/// of its leaves, nested as objects. A LIST or MAP column has only a null_count (NULL lists or
/// maps), as Delta-Spark writes it: stats inside repeated values are not kept.
struct ColumnStats {
  std::string name;
  /// STRUCT columns only: the fields' stats, in field order. Empty for every other type.
  std::vector<ColumnStats> fields;
  /// The smallest and largest non-NULL values (typed Values; the type picks the encoding);
  /// absent or NULL when the file has no non-NULL value in the column.
  std::optional<Value> min;
  std::optional<Value> max;
  int64_t null_count = 0;
  /// FLOAT/DOUBLE: whether a NaN was seen. NaN orders differently across engines, so no bound
  /// is written for the column then.
  bool has_nan = false;
};

/// The statistics of one data file. Partition columns are not part of it, as in Delta-Spark.
struct FileStats {
  int64_t num_records = 0;
  std::vector<ColumnStats> columns;
};

/// The `stats` JSON of an add action, as Delta-Spark writes it:
/// {"numRecords":N,"minValues":{...},"maxValues":{...},"nullCount":{...}}. Numbers are JSON
/// numbers (decimals with their scale), dates "YYYY-MM-DD", TIMESTAMPTZ
/// "2024-01-02T03:04:05.123Z" and TIMESTAMP "2024-01-02T03:04:05.123" in milliseconds (min
/// truncated down, max rounded up so the bounds stay true), strings cut to
/// kStatsStringPrefixLength (the max with a tie-breaker so it stays an upper bound). BOOLEAN
/// and BINARY get no min/max, only a nullCount; bounds that JSON cannot hold (NaN, infinities)
/// are left out. STRUCT fields nest as objects in minValues, maxValues and nullCount
/// ({"s":{"a":1}}); a struct whose fields have no bound is left out of minValues/maxValues.
/// LIST and MAP columns appear in nullCount only.
std::string BuildStatsJson(const FileStats& stats);

/// The first `prefix_length` characters of `value`: still a lower bound.
std::string TruncateMinString(std::string_view value, int prefix_length);
/// A string of about `prefix_length` characters that is >= every string `value` is >= of (in
/// UTF-8 byte order): the prefix plus U+007F or U+10FFFF as a tie-breaker, extending the prefix
/// past U+10FFFF characters. nullopt when no such bound is found within 2 * prefix_length
/// characters, as Delta-Spark does; the max is then left out.
std::optional<std::string> TruncateMaxString(std::string_view value, int prefix_length);

}  // namespace inlet

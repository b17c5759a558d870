#pragma once

#include <cstdint>
#include <vector>

#include "inlet/result.h"
#include "types/column.h"
#include "types/value.h"

namespace inlet {

/// Per-column statistics of a written file, as Delta's `stats` needs them.
struct ColumnStatistics {
  /// False when the column had no non-NULL value (or min/max are not tracked for its type, as for
  /// STRUCT, LIST and MAP columns themselves).
  bool has_min_max = false;
  Value min;
  Value max;
  /// NULL values of this column (for a STRUCT field: rows where the field is NULL, including
  /// rows where its parent struct is NULL, as Delta counts them).
  int64_t null_count = 0;
  /// A STRUCT column: one entry per struct field, in order (Delta nests these in its stats).
  /// Empty for every other type, LIST and MAP included: Delta keeps no stats inside those.
  std::vector<ColumnStatistics> children;
};

/// What a finished data file holds.
struct WrittenFileInfo {
  int64_t num_rows = 0;
  int64_t file_size = 0;
  /// One entry per schema field, in order.
  std::vector<ColumnStatistics> column_stats;
};

/// Writes batches of one schema into one data file. Not thread safe.
class FormatWriter {
 public:
  virtual ~FormatWriter() = default;
  /// REQUIRES: batch.schema() equals the writer's schema.
  virtual Status Write(const RecordBatch& batch) = 0;
  /// Bytes the file will hold if finished now (estimate, for rolling to a new file).
  virtual int64_t EstimatedFileSize() const = 0;
  /// Flushes, writes the footer and closes the output.
  virtual Result<WrittenFileInfo> Finish() = 0;
};

}  // namespace inlet

#pragma once

#include <cstdint>
#include <vector>

#include "formats/parquet/parquet_schema.h"
#include "inlet/status.h"
#include "types/column.h"

namespace inlet::parquet {

/// The level slots of one leaf column produced by shredding, ready for a column chunk writer.
struct ShreddedLeaf {
  /// One definition and one repetition level per slot.
  std::vector<int16_t> def_levels;
  std::vector<int16_t> rep_levels;
  /// The leaf's column inside the shredded column, and its rows holding the values of the slots
  /// at the maximum definition level, in slot order.
  const Column* values = nullptr;
  std::vector<int64_t> value_rows;

  void Clear() {
    def_levels.clear();
    rep_levels.clear();
    value_rows.clear();
    values = nullptr;
  }
};

/// Splits rows [begin, end) of `column` (of type node.type) into the level slots of the leaves
/// below `node`, appending to `(*leaves)[i]` for leaf i of the tree (record shredding, the Dremel
/// paper's column striping). InvalidArgument naming the column when a NOT NULL field, a NOT NULL
/// list element or a map key holds a NULL.
Status ShredColumn(const SchemaNode& node, const Column& column, int64_t begin, int64_t end,
                   std::vector<ShreddedLeaf>* leaves);

}  // namespace inlet::parquet

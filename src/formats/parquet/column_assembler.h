#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "formats/parquet/column_reader.h"
#include "formats/parquet/parquet_schema.h"
#include "inlet/status.h"
#include "types/column.h"

namespace inlet::parquet {

/// One decoded leaf column chunk, as AssembleColumn reads it.
struct AssemblyLeaf {
  /// The leaf's dotted path, for messages.
  std::string name;
  const LeafChunk* chunk = nullptr;
};

/// Rebuilds `num_rows` rows of the column of `node` (a node of a SchemaTree, or a pruned copy of
/// one) from the definition and repetition levels and the values of the leaves below it: record
/// assembly as in the Dremel paper. `leaves[i]` is leaf i of the tree, so leaves
/// [node.leaf_begin, node.leaf_end) must be set. Rows start at definition level 0 above the
/// node, so a node below OPTIONAL groups (a.b read on its own) is NULL where they are.
/// Appends the rows to `out`, whose type is node.type.
///
/// Every leaf must hold exactly `num_rows` rows, and the levels of leaves sharing a LIST or
/// STRUCT must agree on its entries and NULLs; otherwise InvalidData starting with `where`
/// ("f.parquet (row group 0)") and naming the leaf. A NULL map key is InvalidData too.
Status AssembleColumn(const SchemaNode& node, const std::vector<AssemblyLeaf>& leaves,
                      int64_t num_rows, const std::string& where, Column* out);

}  // namespace inlet::parquet

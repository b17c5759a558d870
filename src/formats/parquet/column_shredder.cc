#include "formats/parquet/column_shredder.h"

namespace inlet::parquet {

namespace {

using NodeKind = SchemaNode::Kind;

class Shredder {
 public:
  Shredder(const SchemaNode& root, std::vector<ShreddedLeaf>* leaves)
      : root_(root), leaves_(*leaves) {}

  // Emits the slots of one instance of `node` at `row` of `column`: its parent holds a value at
  // definition level `parent_def`, and the instance's first slot gets repetition level `rep`.
  Status Shred(const SchemaNode& node, const Column& column, int64_t row, int16_t parent_def,
               int16_t rep) {
    if (column.IsNull(row)) {
      if (!node.nullable) return NullInNotNull(node);
      EmitEmpty(node, parent_def, rep);
      return Status::OK();
    }
    switch (node.kind) {
      case NodeKind::kLeaf: {
        ShreddedLeaf& leaf = leaves_[node.leaf_begin];
        leaf.values = &column;
        leaf.def_levels.push_back(node.def_level);
        leaf.rep_levels.push_back(rep);
        leaf.value_rows.push_back(row);
        return Status::OK();
      }
      case NodeKind::kStruct:
        for (size_t i = 0; i < node.children.size(); ++i) {
          INLET_RETURN_NOT_OK(Shred(node.children[i], column.child(i), row, node.def_level, rep));
        }
        return Status::OK();
      case NodeKind::kList:
      case NodeKind::kMap: {
        const int64_t begin = column.list_begin(row);
        const int64_t end = column.list_end(row);
        if (begin == end) {
          EmitEmpty(node, node.def_level, rep);
          return Status::OK();
        }
        for (int64_t i = begin; i < end; ++i) {
          INLET_RETURN_NOT_OK(Shred(node.children[0], column.child(0), i, node.repeated_def_level,
                                    i == begin ? rep : node.repeated_rep_level));
        }
        return Status::OK();
      }
    }
    return Status::Internal("unknown schema node kind");
  }

 private:
  // One slot without a value in every leaf below `node`.
  void EmitEmpty(const SchemaNode& node, int16_t def, int16_t rep) {
    for (int l = node.leaf_begin; l < node.leaf_end; ++l) {
      leaves_[l].def_levels.push_back(def);
      leaves_[l].rep_levels.push_back(rep);
    }
  }

  Status NullInNotNull(const SchemaNode& node) const {
    if (&node == &root_) {
      return Status::InvalidArgument("column \"" + root_.name +
                                     "\" is NOT NULL but a NULL was written to it");
    }
    return Status::InvalidArgument("column \"" + root_.name + "\": \"" + node.name +
                                   "\" is NOT NULL but a NULL was written to it");
  }

  const SchemaNode& root_;
  std::vector<ShreddedLeaf>& leaves_;
};

}  // namespace

Status ShredColumn(const SchemaNode& node, const Column& column, int64_t begin, int64_t end,
                   std::vector<ShreddedLeaf>* leaves) {
  Shredder shredder(node, leaves);
  for (int64_t row = begin; row < end; ++row) {
    INLET_RETURN_NOT_OK(shredder.Shred(node, column, row, 0, 0));
  }
  return Status::OK();
}

}  // namespace inlet::parquet

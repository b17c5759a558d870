#include "formats/parquet/column_assembler.h"

namespace inlet::parquet {

namespace {

using NodeKind = SchemaNode::Kind;

// Walks the level slots of every leaf below one node in step, appending one node instance at a
// time. Each instance advances every leaf below it by at least one slot, so a hostile chunk
// cannot make the walk loop: it ends or runs out of slots.
class Assembler {
 public:
  Assembler(const std::vector<AssemblyLeaf>& leaves, const std::string& where)
      : leaves_(leaves), where_(where), cursors_(leaves.size()) {}

  Status Assemble(const SchemaNode& root, int64_t num_rows, Column* out) {
    for (int l = root.leaf_begin; l < root.leaf_end; ++l) {
      const LeafChunk& chunk = *leaves_[l].chunk;
      bool levels_fit = (chunk.def_levels.empty() ||
                         static_cast<int64_t>(chunk.def_levels.size()) == chunk.num_slots) &&
                        (chunk.rep_levels.empty() ||
                         static_cast<int64_t>(chunk.rep_levels.size()) == chunk.num_slots);
      if (!levels_fit || chunk.values == nullptr) {
        return Status::Internal(Where(l) + ": decoded levels do not match its slot count");
      }
    }
    out->Reserve(num_rows);
    for (int64_t row = 0; row < num_rows; ++row) {
      for (int l = root.leaf_begin; l < root.leaf_end; ++l) {
        if (AtEnd(l)) {
          return Status::InvalidData(Where(l) + " holds " + std::to_string(row) +
                                     " rows but the row group has " + std::to_string(num_rows));
        }
        if (Rep(l) != 0) return Disagree(l, "a row starts inside a list");
      }
      INLET_RETURN_NOT_OK(AppendInstance(root, 0, out));
    }
    for (int l = root.leaf_begin; l < root.leaf_end; ++l) {
      if (!AtEnd(l)) {
        return Status::InvalidData(Where(l) + " holds more rows than the row group's " +
                                   std::to_string(num_rows));
      }
      if (cursors_[l].value != leaves_[l].chunk->values->size()) {
        return Disagree(l, "it has more values than slots at the maximum definition level");
      }
    }
    return Status::OK();
  }

 private:
  struct Cursor {
    int64_t slot = 0;
    int64_t value = 0;
  };

  std::string Where(int leaf) const { return where_ + ": column \"" + leaves_[leaf].name + "\""; }

  Status Disagree(int leaf, const std::string& why) const {
    return Status::InvalidData(Where(leaf) + ": inconsistent repetition and definition levels at " +
                               "level slot " + std::to_string(cursors_[leaf].slot) + " (" + why +
                               ")");
  }

  bool AtEnd(int leaf) const { return cursors_[leaf].slot >= leaves_[leaf].chunk->num_slots; }
  int16_t Def(int leaf) const {
    const auto& levels = leaves_[leaf].chunk->def_levels;
    return levels.empty() ? 0 : levels[cursors_[leaf].slot];
  }
  int16_t Rep(int leaf) const {
    const auto& levels = leaves_[leaf].chunk->rep_levels;
    return levels.empty() ? 0 : levels[cursors_[leaf].slot];
  }

  // Appends one instance of `node`, whose parent holds a value at definition level
  // `parent_def`, reading the current slot of every leaf below it.
  Status AppendInstance(const SchemaNode& node, int16_t parent_def, Column* out) {
    const int first = node.leaf_begin;
    // Every leaf below a node has a slot for each instance: checked for all of them where a row
    // starts (Assemble) and where a list goes on (ContinuesList).
    INLET_DCHECK(!AtEnd(first));
    const int16_t def = Def(first);
    if (def < parent_def) return Disagree(first, "a field is NULL inside a value");
    if (def < node.def_level) {
      // Only a map key, which some files declare OPTIONAL, has a level of its own and still
      // may not be NULL.
      if (!node.nullable) return Status::InvalidData(Where(first) + " holds a NULL map key");
      INLET_RETURN_NOT_OK(SkipSlot(node, def));
      out->AppendNull();
      return Status::OK();
    }
    switch (node.kind) {
      case NodeKind::kLeaf: {
        Cursor& cursor = cursors_[first];
        const Column& values = *leaves_[first].chunk->values;
        if (def != node.def_level || cursor.value >= values.size()) {
          return Disagree(first, "its values and levels disagree");
        }
        out->AppendFrom(values, cursor.value++);
        ++cursor.slot;
        return Status::OK();
      }
      case NodeKind::kStruct:
        for (size_t i = 0; i < node.children.size(); ++i) {
          INLET_RETURN_NOT_OK(
              AppendInstance(node.children[i], node.def_level, out->mutable_child(i)));
        }
        out->FinishStruct();
        return Status::OK();
      case NodeKind::kList:
      case NodeKind::kMap: {
        if (def < node.repeated_def_level) {  // an empty list or map
          INLET_RETURN_NOT_OK(SkipSlot(node, def));
          out->FinishList();
          return Status::OK();
        }
        Column* entries = out->mutable_child(0);
        bool more = true;
        while (more) {
          INLET_RETURN_NOT_OK(AppendInstance(node.children[0], node.repeated_def_level, entries));
          INLET_ASSIGN_OR_RETURN(more, ContinuesList(node));
        }
        out->FinishList();
        return Status::OK();
      }
    }
    return Status::Internal("unknown schema node kind");
  }

  // Passes the one slot every leaf below `node` holds for an instance that is NULL (or an
  // empty list) at definition level `def`.
  Status SkipSlot(const SchemaNode& node, int16_t def) {
    const int16_t rep = Rep(node.leaf_begin);
    for (int l = node.leaf_begin; l < node.leaf_end; ++l) {
      INLET_DCHECK(!AtEnd(l));
      if (Def(l) != def || Rep(l) != rep) {
        return Disagree(l, "column \"" + leaves_[node.leaf_begin].name + "\" says the value is " +
                               "NULL or empty there");
      }
      ++cursors_[l].slot;
    }
    return Status::OK();
  }

  // Whether the next slots continue the entries of the list or map `node`; every leaf below it
  // must say the same.
  Result<bool> ContinuesList(const SchemaNode& node) {
    const int first = node.leaf_begin;
    const bool more = !AtEnd(first) && Rep(first) == node.repeated_rep_level;
    for (int l = first; l < node.leaf_end; ++l) {
      if (AtEnd(l)) {
        if (more) return Disagree(l, "it ends inside a list");
        continue;
      }
      if (Rep(l) > node.repeated_rep_level) return Disagree(l, "a repetition level is too deep");
      if ((Rep(l) == node.repeated_rep_level) != more) {
        return Disagree(l, "the leaves of a list disagree on its length");
      }
    }
    return more;
  }

  const std::vector<AssemblyLeaf>& leaves_;
  const std::string& where_;
  std::vector<Cursor> cursors_;
};

}  // namespace

Status AssembleColumn(const SchemaNode& node, const std::vector<AssemblyLeaf>& leaves,
                      int64_t num_rows, const std::string& where, Column* out) {
  if (node.leaf_begin < 0 || node.leaf_begin >= node.leaf_end ||
      node.leaf_end > static_cast<int>(leaves.size())) {
    return Status::Internal(where + ": a column to assemble has no leaves");
  }
  return Assembler(leaves, where).Assemble(node, num_rows, out);
}

}  // namespace inlet::parquet

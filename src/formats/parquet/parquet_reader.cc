#include "formats/parquet/parquet_reader.h"

#include <cstring>
#include <optional>

#include "common/string_util.h"
#include "formats/parquet/column_assembler.h"
#include "formats/parquet/column_reader.h"

namespace inlet {

namespace {

using parquet::SchemaNode;

constexpr int64_t kMagicSize = 4;
// Footer length (4 bytes) plus the trailing magic.
constexpr int64_t kTailSize = 8;
// A row group may hold at most this many rows, and a leaf column chunk this many level slots. Run-
// length encoded levels cost almost no bytes in the file, so this, not the file size, bounds what
// decoding one row group can allocate.
constexpr int64_t kMaxRowGroupRows = int64_t{1} << 27;

// A copy of `node` without its children.
SchemaNode CopyWithoutChildren(const SchemaNode& node) {
  SchemaNode out;
  out.kind = node.kind;
  out.name = node.name;
  out.type = node.type;
  out.optional = node.optional;
  out.nullable = node.nullable;
  out.def_level = node.def_level;
  out.repeated_def_level = node.repeated_def_level;
  out.repeated_rep_level = node.repeated_rep_level;
  return out;
}

// A copy of `node` keeping the leaves in `keep` (every leaf when `keep_all`), renumbered in the
// order they are appended to `file_leaves`; nullopt when it keeps none.
std::optional<SchemaNode> Prune(const SchemaNode& node, const std::vector<bool>& keep,
                                bool keep_all, std::vector<int>* file_leaves) {
  if (!keep_all) {
    bool any = false;
    for (int l = node.leaf_begin; l < node.leaf_end && !any; ++l) any = keep[l];
    if (!any) return std::nullopt;
    // A map is read whole: an entry needs its key, and its value is the point of the entry.
    keep_all = node.kind == SchemaNode::Kind::kMap;
  }
  SchemaNode out = CopyWithoutChildren(node);
  out.leaf_begin = static_cast<int>(file_leaves->size());
  if (node.kind == SchemaNode::Kind::kLeaf) file_leaves->push_back(node.leaf_begin);
  std::vector<StructField> fields;
  for (const SchemaNode& child : node.children) {
    std::optional<SchemaNode> kept = Prune(child, keep, keep_all, file_leaves);
    if (!kept) continue;
    fields.push_back(StructField{kept->name, kept->type, kept->nullable});
    out.children.push_back(std::move(*kept));
  }
  // Rebuilt even when every field is kept: a field deeper down may have lost some of its own
  // (a list of structs inside), and the column assembled must have exactly the kept leaves.
  if (node.kind == SchemaNode::Kind::kStruct) out.type = LogicalType::Struct(std::move(fields));
  if (node.kind == SchemaNode::Kind::kList) {
    out.type = LogicalType::List(out.children[0].type, out.children[0].nullable);
  }
  out.leaf_end = static_cast<int>(file_leaves->size());
  return out;
}

}  // namespace

Result<std::unique_ptr<ParquetFileReader>> ParquetFileReader::Open(
    std::shared_ptr<RandomAccessFile> file, std::string display_name,
    const parquet::LeafTypeOptions& options) {
  std::unique_ptr<ParquetFileReader> reader(
      new ParquetFileReader(std::move(file), std::move(display_name)));
  INLET_RETURN_NOT_OK(reader->ReadFooter(options));
  return reader;
}

Status ParquetFileReader::ReadFooter(const parquet::LeafTypeOptions& options) {
  const std::string& name = display_name_;
  INLET_ASSIGN_OR_RETURN(file_size_, file_->GetSize());
  if (file_size_ < kMagicSize + kTailSize) {
    return Status::InvalidData(name + ": not a Parquet file (only " + std::to_string(file_size_) +
                               " bytes)");
  }
  INLET_ASSIGN_OR_RETURN(std::string head, file_->ReadRange(0, kMagicSize));
  INLET_ASSIGN_OR_RETURN(std::string tail, file_->ReadRange(file_size_ - kTailSize, kTailSize));
  if (tail.substr(4) == "PARE") {
    return Status::NotImplemented(name + ": encrypted Parquet files are not supported");
  }
  if (head != "PAR1" || tail.substr(4) != "PAR1") {
    return Status::InvalidData(name + ": not a Parquet file (no PAR1 magic)");
  }
  uint32_t footer_length;
  std::memcpy(&footer_length, tail.data(), 4);
  if (footer_length > static_cast<uint64_t>(file_size_ - kMagicSize - kTailSize)) {
    return Status::InvalidData(name + ": Parquet footer length " + std::to_string(footer_length) +
                               " exceeds the file size " + std::to_string(file_size_));
  }
  data_end_ = file_size_ - kTailSize - footer_length;
  INLET_ASSIGN_OR_RETURN(std::string footer, file_->ReadRange(data_end_, footer_length));
  bytes_read_ += footer_length + kMagicSize + kTailSize;
  auto metadata = parquet::DeserializeFileMetaData(footer);
  if (!metadata.ok()) return metadata.status().WithContext(name + ": invalid Parquet footer");
  metadata_ = std::move(metadata).ValueOrDie();
  if (metadata_.encrypted) {
    return Status::NotImplemented(name + ": encrypted Parquet files are not supported");
  }
  INLET_ASSIGN_OR_RETURN(tree_, parquet::ReadSchemaTree(metadata_.schema, name, options));
  schema_ = std::make_shared<Schema>(tree_.ToSchema());

  int64_t total_rows = 0;
  for (size_t g = 0; g < metadata_.row_groups.size(); ++g) {
    const parquet::RowGroup& group = metadata_.row_groups[g];
    std::string where = name + ": row group " + std::to_string(g);
    if (group.num_rows < 0 || group.num_rows > kMaxRowGroupRows) {
      return Status::InvalidData(where + " claims " + std::to_string(group.num_rows) + " rows");
    }
    if (group.columns.size() != tree_.leaves.size()) {
      return Status::InvalidData(where + " has " + std::to_string(group.columns.size()) +
                                 " column chunks for " + std::to_string(tree_.leaves.size()) +
                                 " leaf columns");
    }
    total_rows += group.num_rows;
  }
  // The row groups are what is read. Some writers (old parquet-mr, repeated_no_annotation.parquet)
  // leave the file's total at 0; DuckDB and Spark count the row groups' rows too.
  metadata_.num_rows = total_rows;
  return Status::OK();
}

Result<ParquetFileReader::ChunkBytes> ParquetFileReader::ReadChunkBytes(
    int row_group, int leaf, const std::string& where) const {
  const parquet::ColumnDescriptor& desc = tree_.leaves[leaf];
  const parquet::ColumnChunk& chunk = metadata_.row_groups[row_group].columns[leaf];
  if (chunk.file_path) {
    return Status::NotImplemented(where + " is stored in another file");
  }
  if (!chunk.meta_data) return Status::InvalidData(where + " has no column metadata");
  const parquet::ColumnMetaData& meta = *chunk.meta_data;
  if (meta.type != desc.physical) {
    return Status::InvalidData(where + " is stored as " + parquet::TypeName(meta.type) +
                               " but the schema says " + parquet::TypeName(desc.physical));
  }
  if (meta.num_values < 0 || meta.num_values > kMaxRowGroupRows) {
    return Status::InvalidData(where + " claims " + std::to_string(meta.num_values) + " values");
  }
  int64_t start = meta.data_page_offset;
  // Some writers store 0 for "no dictionary page".
  if (meta.dictionary_page_offset && *meta.dictionary_page_offset > 0) {
    start = std::min(start, *meta.dictionary_page_offset);
  }
  if (start < kMagicSize || meta.total_compressed_size < 0 ||
      meta.total_compressed_size > data_end_ - start) {
    return Status::InvalidData(where + " lies outside the file's data (offset " +
                               std::to_string(start) + ", " +
                               std::to_string(meta.total_compressed_size) + " bytes)");
  }
  ChunkBytes out;
  INLET_ASSIGN_OR_RETURN(out.bytes, file_->ReadRange(start, meta.total_compressed_size));
  bytes_read_ += meta.total_compressed_size;
  out.codec = meta.codec;
  out.num_values = meta.num_values;
  return out;
}

std::string ParquetFileReader::ChunkWhere(int row_group, int leaf) const {
  return display_name_ + ": column \"" + tree_.leaves[leaf].name + "\" (row group " +
         std::to_string(row_group) + ")";
}

Result<ColumnPtr> ParquetFileReader::ReadFlatColumn(int row_group, int leaf) const {
  const parquet::ColumnDescriptor& desc = tree_.leaves[leaf];
  std::string where = ChunkWhere(row_group, leaf);
  INLET_ASSIGN_OR_RETURN(ChunkBytes chunk, ReadChunkBytes(row_group, leaf, where));
  auto out = std::make_shared<Column>(desc.type);
  INLET_RETURN_NOT_OK(parquet::ReadColumnChunk(
      desc, chunk.codec, chunk.bytes, metadata_.row_groups[row_group].num_rows, where, out.get()));
  return out;
}

Result<ColumnPtr> ParquetFileReader::ReadNestedColumn(int row_group,
                                                      const ResolvedSelection& selection) const {
  std::vector<parquet::LeafChunk> chunks(selection.file_leaves.size());
  std::vector<parquet::AssemblyLeaf> leaves(selection.file_leaves.size());
  for (size_t i = 0; i < selection.file_leaves.size(); ++i) {
    int leaf = selection.file_leaves[i];
    std::string where = ChunkWhere(row_group, leaf);
    INLET_ASSIGN_OR_RETURN(ChunkBytes chunk, ReadChunkBytes(row_group, leaf, where));
    INLET_RETURN_NOT_OK(parquet::ReadLeafChunk(tree_.leaves[leaf], chunk.codec, chunk.bytes,
                                               chunk.num_values, where, &chunks[i]));
    leaves[i] = parquet::AssemblyLeaf{tree_.leaves[leaf].name, &chunks[i]};
  }
  auto out = std::make_shared<Column>(selection.node.type);
  INLET_RETURN_NOT_OK(parquet::AssembleColumn(
      selection.node, leaves, metadata_.row_groups[row_group].num_rows,
      display_name_ + ": row group " + std::to_string(row_group), out.get()));
  return out;
}

Result<ParquetFileReader::ResolvedSelection> ParquetFileReader::Resolve(
    const ParquetColumnSelection& selection) const {
  const std::vector<int>& path = selection.path;
  if (path.empty() || path[0] < 0 || static_cast<size_t>(path[0]) >= tree_.fields.size()) {
    return Status::InvalidArgument(
        display_name_ + ": no column " +
        (path.empty() ? std::string("(empty path)") : std::to_string(path[0])));
  }
  const SchemaNode* node = &tree_.fields[path[0]];
  std::vector<std::string> names = {node->name};
  bool nullable = node->nullable;
  for (size_t i = 1; i < path.size(); ++i) {
    if (node->kind != SchemaNode::Kind::kStruct || path[i] < 0 ||
        static_cast<size_t>(path[i]) >= node->children.size()) {
      return Status::InvalidArgument(display_name_ + ": column \"" + JoinStrings(names, ".") +
                                     "\" has no field " + std::to_string(path[i]));
    }
    node = &node->children[path[i]];
    names.push_back(node->name);
    nullable |= node->nullable;
  }
  std::vector<bool> keep(tree_.leaves.size(), false);
  for (int leaf : selection.leaves) {
    if (leaf >= node->leaf_begin && leaf < node->leaf_end) keep[leaf] = true;
  }
  ResolvedSelection resolved;
  std::optional<SchemaNode> pruned =
      Prune(*node, keep, selection.leaves.empty(), &resolved.file_leaves);
  if (!pruned) {
    return Status::InvalidArgument(display_name_ + ": the selection of column \"" +
                                   JoinStrings(names, ".") + "\" holds none of its leaves");
  }
  resolved.node = std::move(*pruned);
  // Above the node only STRUCTs, whose NULLs make it NULL too.
  resolved.node.nullable = nullable;
  resolved.field = Field{JoinStrings(names, "."), resolved.node.type, nullable, std::nullopt};
  return resolved;
}

Result<Field> ParquetFileReader::SelectionField(const ParquetColumnSelection& selection) const {
  INLET_ASSIGN_OR_RETURN(ResolvedSelection resolved, Resolve(selection));
  return resolved.field;
}

Result<RecordBatchPtr> ParquetFileReader::ReadRowGroup(int index,
                                                       const std::vector<int>& columns) const {
  std::vector<ParquetColumnSelection> selections;
  for (int c : columns) selections.push_back(ParquetColumnSelection{{c}, {}});
  return ReadRowGroup(index, selections);
}

Result<RecordBatchPtr> ParquetFileReader::ReadRowGroup(
    int index, const std::vector<ParquetColumnSelection>& columns) const {
  if (index < 0 || index >= num_row_groups()) {
    return Status::InvalidArgument(display_name_ + ": no row group " + std::to_string(index));
  }
  const int64_t num_rows = metadata_.row_groups[index].num_rows;
  std::vector<Field> fields;
  std::vector<ColumnPtr> out;
  for (const ParquetColumnSelection& selection : columns) {
    INLET_ASSIGN_OR_RETURN(ResolvedSelection resolved, Resolve(selection));
    ColumnPtr column;
    if (num_rows == 0) {
      // Writers put anything, even offset 0, in the metadata of an empty chunk.
      column = std::make_shared<Column>(resolved.node.type);
    } else if (selection.path.size() == 1 && resolved.node.kind == SchemaNode::Kind::kLeaf) {
      // The fast path of flat columns: values and NULLs straight into the column.
      INLET_ASSIGN_OR_RETURN(column, ReadFlatColumn(index, resolved.file_leaves[0]));
    } else {
      INLET_ASSIGN_OR_RETURN(column, ReadNestedColumn(index, resolved));
    }
    fields.push_back(std::move(resolved.field));
    out.push_back(std::move(column));
  }
  return std::make_shared<RecordBatch>(std::make_shared<Schema>(std::move(fields)), std::move(out),
                                       num_rows);
}

}  // namespace inlet

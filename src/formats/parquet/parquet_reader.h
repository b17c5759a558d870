#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "formats/parquet/column_reader.h"
#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/parquet_schema.h"
#include "io/stream.h"
#include "types/column.h"
#include "types/schema.h"

namespace inlet {

/// One column of a projected read: a node of the file's schema tree, decoded from some or all of
/// the leaves below it.
struct ParquetColumnSelection {
  /// The node: a top-level field index, then STRUCT field indexes below it ({2, 0} is field 0 of
  /// the STRUCT that is top-level field 2). Paths do not enter LISTs or MAPs, whose entries are
  /// not one per row.
  std::vector<int> path;
  /// Leaf indexes (into schema_tree().leaves) to decode; those outside the node are ignored. STRUCT
  /// fields (at any depth) holding none of them are left out of the column's type, and a MAP
  /// holding any of them is read whole. Empty reads every leaf of the node.
  std::vector<int> leaves;
};

/// Reads a Parquet file: its footer at Open, then whole row groups of chosen columns, flat or
/// nested (STRUCT, LIST and MAP in their standard and legacy encodings). Errors name the file.
/// ReadRowGroup may be called from several threads at once.
class ParquetFileReader {
 public:
  /// Reads and checks the footer. InvalidData when the file is not Parquet or is malformed,
  /// NotImplemented (naming the column) for columns inlet cannot map yet.
  static Result<std::unique_ptr<ParquetFileReader>> Open(
      std::shared_ptr<RandomAccessFile> file, std::string display_name,
      const parquet::LeafTypeOptions& options = {});

  /// The file's top-level fields as inlet fields; OPTIONAL fields are nullable.
  const Schema& schema() const { return *schema_; }
  /// The same fields as Parquet nodes with their levels, and every leaf column.
  const parquet::SchemaTree& schema_tree() const { return tree_; }
  int num_row_groups() const { return static_cast<int>(metadata_.row_groups.size()); }
  int64_t num_rows() const { return metadata_.num_rows; }
  int64_t row_group_num_rows(int index) const { return metadata_.row_groups[index].num_rows; }
  const parquet::FileMetaData& metadata() const { return metadata_; }
  const std::string& display_name() const { return display_name_; }
  /// Bytes read from the file so far (footer and column chunks).
  int64_t bytes_read() const { return bytes_read_.load(); }

  /// Decodes row group `index`, only `columns` (indexes into schema(), in that order); the batch's
  /// schema holds those fields. InvalidArgument for an index out of range.
  Result<RecordBatchPtr> ReadRowGroup(int index, const std::vector<int>& columns) const;
  /// Decodes row group `index`, one column per selection, reading only the leaves the selections
  /// need. The batch's fields are named by their dotted paths ("a.b"), typed as SelectionField
  /// says. InvalidArgument for an index or a selection path out of range.
  Result<RecordBatchPtr> ReadRowGroup(int index,
                                      const std::vector<ParquetColumnSelection>& columns) const;
  /// The field a selection reads as: its dotted name, its type pruned to the chosen leaves, and
  /// nullable when the node or a STRUCT above it is. InvalidArgument for a path out of range.
  Result<Field> SelectionField(const ParquetColumnSelection& selection) const;

 private:
  /// A selection resolved against the tree: its pruned node, whose leaves are renumbered
  /// 0..n-1, and the file's leaf index of each.
  struct ResolvedSelection {
    Field field;
    parquet::SchemaNode node;
    std::vector<int> file_leaves;
  };

  ParquetFileReader(std::shared_ptr<RandomAccessFile> file, std::string display_name)
      : file_(std::move(file)), display_name_(std::move(display_name)) {}
  Status ReadFooter(const parquet::LeafTypeOptions& options);
  /// A leaf column chunk as stored: its bytes from the first page on, codec and value count.
  struct ChunkBytes {
    std::string bytes;
    parquet::Codec codec = parquet::Codec::kUncompressed;
    int64_t num_values = 0;
  };

  Result<ResolvedSelection> Resolve(const ParquetColumnSelection& selection) const;
  /// "f.parquet: column \"a.b\" (row group 0)".
  std::string ChunkWhere(int row_group, int leaf) const;
  /// The checked metadata and the bytes of leaf `leaf`'s chunk in `row_group`.
  Result<ChunkBytes> ReadChunkBytes(int row_group, int leaf, const std::string& where) const;
  Result<ColumnPtr> ReadFlatColumn(int row_group, int leaf) const;
  Result<ColumnPtr> ReadNestedColumn(int row_group, const ResolvedSelection& selection) const;

  std::shared_ptr<RandomAccessFile> file_;
  std::string display_name_;
  int64_t file_size_ = 0;
  // Column chunks must lie between the leading magic and the footer.
  int64_t data_end_ = 0;
  parquet::FileMetaData metadata_;
  parquet::SchemaTree tree_;
  SchemaPtr schema_;
  mutable std::atomic<int64_t> bytes_read_{0};
};

}  // namespace inlet

#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "formats/parquet/column_shredder.h"
#include "formats/parquet/column_writer.h"
#include "formats/parquet/page_index.h"
#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/parquet_schema.h"
#include "formats/writer.h"
#include "io/stream.h"
#include "types/schema.h"

namespace inlet {

/// Memory for the row groups that Parquet writers buffer, shared by every writer of one load
/// (each thread's, each partition's). A writer joins while it is open, and closes its row group
/// once the group's memory reaches the budget divided by the writers open, so the writers
/// together hold about the budget however many there are, as parquet-mr's MemoryManager scales
/// its writers' row groups. Thread safe.
class RowGroupMemoryBudget {
 public:
  explicit RowGroupMemoryBudget(int64_t bytes) : bytes_(bytes) {}

  void Join() { writers_.fetch_add(1); }
  void Leave() { writers_.fetch_sub(1); }
  /// The memory one writer's row group may take now.
  int64_t Share() const { return bytes_ / std::max(writers_.load(), 1); }

 private:
  const int64_t bytes_;
  std::atomic<int> writers_{0};
};

/// Settings of a Parquet file writer.
struct ParquetWriterOptions {
  /// UNCOMPRESSED, SNAPPY, ZSTD, GZIP or LZ4_RAW.
  parquet::Codec codec = parquet::Codec::kSnappy;
  /// ZSTD 1 to 22, GZIP 1 to 9; 0 for the codec's default (ZSTD 3, GZIP zlib's 6). Other codecs
  /// take no level.
  int compression_level = 0;
  /// 1: data pages v1, what every reader reads; 2: data pages v2, whose levels are stored
  /// uncompressed before the values.
  int data_page_version = 1;
  /// A row group is closed when it reaches either limit (bytes are estimated, after encoding).
  int64_t row_group_rows = 1 << 20;
  int64_t row_group_bytes = int64_t{128} << 20;
  /// Null, or the budget this writer shares with the load's other writers: its row groups also
  /// close when their memory reaches its share.
  std::shared_ptr<RowGroupMemoryBudget> memory_budget;
  /// Target size of one data page before compression.
  int64_t data_page_bytes = 1 << 20;
  /// A data page also ends after this many rows (level slots, for a nested column), as Arrow's and
  /// parquet-mr's writers do (20,000 there too): it bounds what the page being built holds, and
  /// readers can skip small pages by the page index.
  int64_t data_page_rows = 20000;
  /// Dictionary-encode columns until a column chunk's dictionary exceeds the limit, then PLAIN.
  bool dictionary = true;
  int64_t dictionary_page_bytes = 1 << 20;
  /// Empty, or one entry per schema field: the name and field id (SchemaElement.field_id) each
  /// field and nested field is written with, as Delta column mapping writes physical names.
  std::vector<parquet::FieldNaming> field_naming;
};

/// Writes batches into one Parquet file: flat and nested (STRUCT, LIST, MAP) columns, data pages
/// v1 or v2, PLAIN or RLE_DICTIONARY values, statistics per column chunk and per page (the page
/// index, written between the last row group and the footer). Row groups are buffered in memory
/// until closed. Not thread safe.
class ParquetWriter : public FormatWriter {
 public:
  /// Writes the leading magic; InvalidArgument for an unsupported codec, a compression level the
  /// codec does not take, a data page version other than 1 and 2, or bad limits.
  static Result<std::unique_ptr<ParquetWriter>> Make(std::unique_ptr<OutputStream> out,
                                                     SchemaPtr schema,
                                                     const ParquetWriterOptions& options);

  ~ParquetWriter() override;

  Status Write(const RecordBatch& batch) override;
  int64_t EstimatedFileSize() const override;
  Result<WrittenFileInfo> Finish() override;

 private:
  ParquetWriter(std::unique_ptr<OutputStream> out, SchemaPtr schema,
                const ParquetWriterOptions& options);
  /// NULL counts of the STRUCT, LIST and MAP nodes outside lists (Delta's stats keep nothing
  /// inside a list): `children` mirrors a STRUCT's fields.
  struct NestedNulls {
    int64_t null_count = 0;
    std::vector<NestedNulls> children;
  };

  /// Zero counts shaped like `node`.
  static NestedNulls NullsFor(const parquet::SchemaNode& node);
  void StartRowGroup();
  Status FlushRowGroup();
  /// Writes every chunk's ColumnIndex, then every OffsetIndex (as parquet-mr lays them out), and
  /// records where each lies in its ColumnChunk.
  Status WritePageIndexes();
  /// Writes rows [begin, end) of the top-level column `field`.
  Status WriteField(size_t field, const Column& column, int64_t begin, int64_t end);
  /// Counts the NULLs of `node`'s column, and of its fields for a STRUCT, in rows [begin, end).
  static void CountNestedNulls(const parquet::SchemaNode& node, const Column& column, int64_t begin,
                               int64_t end, NestedNulls* nulls);
  /// The statistics Delta gets for `node`, from its leaves' and its own counts.
  ColumnStatistics NodeStatistics(const parquet::SchemaNode& node, const NestedNulls& nulls) const;

  std::unique_ptr<OutputStream> out_;
  SchemaPtr schema_;
  ParquetWriterOptions options_;
  parquet::ColumnWriterSettings settings_;
  /// The schema as a Parquet tree; its leaves are the column chunks of every row group.
  parquet::SchemaTree tree_;

  std::vector<std::unique_ptr<parquet::ColumnChunkWriter>> chunk_writers_;
  /// Scratch levels of the leaves of a nested column, reused from batch to batch.
  std::vector<parquet::ShreddedLeaf> shredded_;
  int64_t row_group_rows_ = 0;
  std::vector<parquet::RowGroup> row_groups_;
  /// The page index of every chunk of row_groups_, until the footer is written.
  std::vector<std::vector<parquet::ChunkPageIndex>> page_indexes_;
  int64_t num_rows_ = 0;
  /// Per leaf, over the whole file.
  std::vector<ColumnStatistics> leaf_stats_;
  /// Per top-level field.
  std::vector<NestedNulls> nested_nulls_;
  bool finished_ = false;
};

}  // namespace inlet

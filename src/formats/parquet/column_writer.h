#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/parquet_schema.h"
#include "formats/writer.h"
#include "io/stream.h"
#include "types/column.h"

namespace inlet::parquet {

/// Page and dictionary settings of a column chunk writer.
struct ColumnWriterSettings {
  Codec codec = Codec::kSnappy;
  int zstd_level = 3;
  int64_t data_page_bytes = 1 << 20;
  bool dictionary = true;
  int64_t dictionary_page_bytes = 1 << 20;
};

/// Encodes one column of one row group: definition levels, PLAIN or RLE_DICTIONARY values (with
/// fallback to PLAIN once the dictionary outgrows its limit), compressed data pages v1 held in
/// memory until the row group is written, and min/max/null count statistics. Not thread safe.
class ColumnChunkWriter {
 public:
  ColumnChunkWriter(ColumnDescriptor desc, const ColumnWriterSettings& settings);

  /// Appends rows [begin, end) of `column`, whose type is the descriptor's.
  /// InvalidArgument when a REQUIRED column gets a NULL.
  Status Write(const Column& column, int64_t begin, int64_t end);
  /// Bytes this chunk will take if written now.
  int64_t EstimatedSize() const;
  /// Writes the dictionary page and the data pages to `out` and fills `chunk`'s metadata.
  Status WriteTo(OutputStream* out, ColumnChunk* chunk);

  /// Statistics of the rows written so far, min/max as inlet values.
  const ColumnStatistics& statistics() const { return stats_; }

 private:
  void AppendPlain(const Column& column, int64_t row, std::string* out) const;
  void AddValue(const Column& column, int64_t row);
  void UpdateStatistics(const Column& column, int64_t begin, int64_t end);
  Status FlushPage();
  Status AppendPage(PageType type, const std::string& body, int32_t num_values, Encoding encoding);
  int DictionaryBitWidth() const;

  // Heterogeneous lookup: probe the dictionary with a string_view without building a string.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };

  ColumnDescriptor desc_;
  ColumnWriterSettings settings_;

  // The page being built.
  std::vector<uint32_t> page_def_levels_;
  std::vector<uint32_t> page_indices_;
  std::string page_plain_;
  int64_t page_rows_ = 0;
  int64_t page_bools_ = 0;  // booleans bit-packed into page_plain_

  bool use_dictionary_;
  bool used_dictionary_ = false;
  bool used_plain_ = false;
  std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> dictionary_;
  std::string dictionary_plain_;
  std::string scratch_;

  // Finished pages: headers plus compressed bodies, in order.
  std::string pages_;
  int64_t pages_uncompressed_size_ = 0;
  int64_t num_rows_ = 0;

  ColumnStatistics stats_;
};

/// Folds `chunk` statistics into `total` (same column, any row groups).
void MergeStatistics(const ColumnStatistics& chunk, ColumnStatistics* total);

}  // namespace inlet::parquet

#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "formats/parquet/page_index.h"
#include "formats/parquet/page_index_builder.h"
#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/parquet_schema.h"
#include "formats/parquet/value_dictionary.h"
#include "formats/writer.h"
#include "io/stream.h"
#include "types/column.h"

namespace inlet::parquet {

/// Page and dictionary settings of a column chunk writer.
struct ColumnWriterSettings {
  Codec codec = Codec::kSnappy;
  /// ZSTD 1 to 22 or GZIP 1 to 9; 0 for the codec's default.
  int compression_level = 0;
  /// 1 for data pages v1, 2 for data pages v2.
  int data_page_version = 1;
  int64_t data_page_bytes = 1 << 20;
  /// Level slots (rows of a flat column) after which a page ends whatever its size: the page being
  /// built holds its levels and dictionary indices unencoded (4 bytes each), so a column whose
  /// values encode to a few bits would otherwise hold a whole row group that way.
  int64_t data_page_rows = 20000;
  bool dictionary = true;
  int64_t dictionary_page_bytes = 1 << 20;
};

/// Encodes one leaf column of one row group: repetition and definition levels, PLAIN or
/// RLE_DICTIONARY values (with fallback to PLAIN once the dictionary outgrows its limit),
/// compressed data pages (v1 or v2) held in memory until the row group is written, min/max/null
/// count statistics of the chunk, and the page index (each page's bounds, NULL count and place).
/// Not thread safe.
class ColumnChunkWriter {
 public:
  ColumnChunkWriter(ColumnDescriptor desc, const ColumnWriterSettings& settings);

  /// Appends rows [begin, end) of a flat column (max_repetition_level 0, max_definition_level at
  /// most 1), whose type is the descriptor's. InvalidArgument when a REQUIRED column gets a NULL.
  Status Write(const Column& column, int64_t begin, int64_t end);
  /// Appends the level slots of a leaf at any nesting: one definition and one repetition level
  /// per slot (as many of each), and for each slot at the maximum definition level, in order, the
  /// value at the next of `value_rows` in `values` (whose type is the descriptor's).
  Status WriteLevels(const std::vector<int16_t>& def_levels, const std::vector<int16_t>& rep_levels,
                     const Column* values, const std::vector<int64_t>& value_rows);
  /// Bytes this chunk will take if written now.
  int64_t EstimatedSize() const;
  /// Bytes of memory this chunk holds until it is written: finished pages, the page being built
  /// and the dictionary.
  int64_t MemoryUsage() const;
  /// Writes the dictionary page and the data pages to `out`, fills `chunk`'s metadata (all but
  /// the page index's place, which the file writer decides) and sets `*page_index` to the chunk's
  /// page index.
  Status WriteTo(OutputStream* out, ColumnChunk* chunk, ChunkPageIndex* page_index);

  /// Statistics of the pages finished so far (all of the chunk's after WriteTo), min/max as
  /// untruncated inlet values.
  const ColumnStatistics& statistics() const { return stats_; }

 private:
  void AppendPlain(const Column& column, int64_t row, std::string* out) const;
  /// The PLAIN bytes of a fixed-width value into `out` (16 bytes of room); returns their count.
  int PlainFixedBytes(const Column& column, int64_t row, char* out) const;
  void AddValue(const Column& column, int64_t row);
  /// How Write's fast path finds this column's values in the dictionary (kNone: it does not).
  enum class DictionaryKind : uint8_t {
    kNone,
    kInt32,
    kInt64,
    kDecimalInt32,
    kDecimalInt64,
    kBytes
  };
  DictionaryKind DictionaryKindOf() const;
  /// Write's loop for rows [begin, end) of a column without NULLs while a dictionary is used:
  /// adds the rows up to the next one where the loop has to decide something, and returns the
  /// first row not added; or sets `*stop_dictionary` and returns the row whose value overflowed
  /// the dictionary page (added, as AddValue would have).
  int64_t AddDictionaryValues(const Column& column, DictionaryKind kind, int64_t begin, int64_t end,
                              bool* stop_dictionary);
  template <typename FindOrAdd>
  int64_t AddDictionaryRun(int64_t begin, int64_t end, FindOrAdd find_or_add,
                           bool* stop_dictionary);
  /// After AddValue: whether the page should end and the rest of the chunk go PLAIN, because the
  /// dictionary outgrew its page (`size_before` is its size before the value) or its trial showed
  /// mostly distinct values. In the second case, while no dictionary-encoded page is out yet, the
  /// page being built turns PLAIN at once and the dictionary is dropped (false is returned), so
  /// the chunk has no dictionary at all.
  bool StopDictionary(size_t size_before) {
    // Inline because it runs for every value: most are already in the dictionary, and the trial
    // ends once, so usually there is nothing to decide.
    if (dictionary_.size() == size_before && dictionary_values_ != kDictionaryTrialValues) {
      return false;
    }
    return DecideStopDictionary(size_before);
  }
  bool DecideStopDictionary(size_t size_before);
  /// Folds the min and max of `column` at `rows` (a RowRange or RowList) into the page's.
  template <typename Rows>
  void UpdatePageMinMax(const Column& column, const Rows& rows);
  /// Bytes the page being built will take, roughly.
  int64_t PageBytes() const;
  /// Ends the page being built (if any): encodes, compresses and appends it, and adds its
  /// statistics to the chunk's and to the page index.
  Status FlushPage();
  /// Appends a page: `header` with its sizes filled in, `levels` (stored as they are: data page
  /// v2's) and `body` compressed.
  Status AppendPage(PageHeader header, std::string_view levels, const std::string& body);
  int DictionaryBitWidth() const;

  // The dictionary's trial: after this many values of a chunk, a dictionary holding more than
  // three quarters of them is dropped. Such a column (keys, prices, measurements) gains little
  // from a dictionary, and every value would still pay a hash lookup in a table of megabytes.
  static constexpr int64_t kDictionaryTrialValues = 16 * 1024;

  ColumnDescriptor desc_;
  ColumnWriterSettings settings_;

  // The page being built.
  std::vector<uint32_t> page_rep_levels_;
  std::vector<uint32_t> page_def_levels_;
  std::vector<uint32_t> page_indices_;
  std::string page_plain_;
  int64_t page_slots_ = 0;       // level slots: rows of a flat column, more for a nested one
  int64_t page_bools_ = 0;       // booleans bit-packed into page_plain_
  int64_t page_nulls_ = 0;       // slots without a value: NULLs, and empty or NULL lists above
  int64_t page_rows_ = 0;        // rows starting in the page (counted for nested columns only)
  ColumnStatistics page_stats_;  // min/max of the page's values folded in so far

  bool use_dictionary_;
  int64_t dictionary_values_ = 0;  // values looked up in the dictionary in this chunk
  bool used_dictionary_ = false;
  bool used_plain_ = false;
  ValueDictionary dictionary_;

  // Finished pages: headers plus compressed bodies, in order.
  std::string pages_;
  int64_t pages_uncompressed_size_ = 0;
  int64_t num_slots_ = 0;
  int64_t rows_in_pages_ = 0;

  ColumnStatistics stats_;
  PageIndexBuilder page_index_;
};

/// Folds `chunk` statistics into `total` (same column, any row groups).
void MergeStatistics(const ColumnStatistics& chunk, ColumnStatistics* total);

}  // namespace inlet::parquet

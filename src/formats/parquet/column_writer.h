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

/// The distinct values of a column chunk in first-seen order, as the PLAIN body of its dictionary
/// page, with a hash index from a value to its position. Values are given as their PLAIN bytes
/// (without the 4-byte length prefix of a BYTE_ARRAY). Not thread safe.
class ValueDictionary {
 public:
  /// `fixed_width` is the byte width of every value, or 0 for BYTE_ARRAY values.
  explicit ValueDictionary(int fixed_width) : fixed_width_(fixed_width) {}

  /// The index of `value`, adding it (with index size()) when it is new; `*added` says which.
  uint32_t FindOrAdd(std::string_view value, bool* added);
  /// FindOrAdd for a 4- or 8-byte value held as one little-endian integer (uint32_t or
  /// uint64_t). REQUIRES: fixed_width == sizeof(Word).
  template <typename Word>
  uint32_t FindOrAddWord(Word value, bool* added);
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  int fixed_width() const { return fixed_width_; }
  /// Appends the PLAIN encoding of entry `index` (with its length prefix for BYTE_ARRAY) to
  /// `out`. REQUIRES: index < size().
  void AppendPlainEntry(uint32_t index, std::string* out) const;
  /// The dictionary page body: every value PLAIN encoded, in index order.
  const std::string& plain() const { return plain_; }
  /// Bytes of memory held: the values and the hash table.
  int64_t MemoryUsage() const;

 private:
  /// The PLAIN bytes of entry `i`, without a length prefix.
  std::string_view Entry(uint32_t i) const;
  /// Doubles the slot table, re-placing every entry by its stored hash.
  void Grow();
  /// Doubles the word slot table, re-placing every entry by the hash of its value.
  void GrowWords();

  /// A slot of the table for 4- and 8-byte values: the value itself beside its index, so a probe
  /// reads one slot rather than a slot and then the dictionary (high-cardinality BIGINT columns
  /// make tables of a few MiB, where each extra memory access is a cache miss).
  struct WordSlot {
    uint64_t value = 0;
    uint32_t index_plus_one = 0;  // 0: empty
  };

  int fixed_width_;
  size_t size_ = 0;
  /// FindOrAddWord's last value and its index (valid while size_ > 0): keys, dates and other
  /// clustered columns repeat a value over neighbouring rows, and a repeat then costs one
  /// comparison instead of a hash and a probe into a table that may be megabytes large.
  uint64_t last_word_ = 0;
  uint32_t last_index_ = 0;
  std::string plain_;
  /// BYTE_ARRAY only: where entry i's bytes start in plain_ (after its length prefix).
  std::vector<uint64_t> offsets_;
  /// Values of other widths: entry i's hash, to skip most byte comparisons and to grow without
  /// rehashing, and open addressing with linear probing: entry index + 1, or 0 when empty. A power
  /// of two in size, at most half full.
  std::vector<uint64_t> hashes_;
  std::vector<uint32_t> slots_;
  /// 4- and 8-byte values: the same scheme with the value in the slot.
  std::vector<WordSlot> word_slots_;
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

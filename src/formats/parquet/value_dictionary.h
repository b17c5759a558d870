#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace inlet::parquet {

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

}  // namespace inlet::parquet

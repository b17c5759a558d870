#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "formats/parquet/page_index.h"
#include "formats/parquet/parquet_types.h"

namespace inlet::parquet {

/// Longest BYTE_ARRAY bound a ColumnIndex holds, parquet-mr's default
/// (parquet.columnindex.truncate.length).
constexpr size_t kColumnIndexTruncateLength = 64;

/// A lower bound of `value` at most `limit` bytes long: `value` itself when it fits, else a
/// prefix. Follows parquet-mr's BinaryTruncator: when the whole value is valid UTF-8 the cut falls
/// on a character boundary (so the bound stays a valid string); otherwise it is a plain byte
/// prefix. When no non-empty prefix fits (a first character longer than `limit`), `value` is kept
/// whole.
std::string TruncateMinBound(std::string_view value, size_t limit);

/// An upper bound of `value` at most `limit` bytes long: `value` itself when it fits, else the
/// prefix TruncateMinBound would take, made larger than `value`. Follows parquet-mr's
/// BinaryTruncator: for valid UTF-8, the last byte that can be incremented into a valid UTF-8
/// string is incremented (trying bytes from the end, one step each); for other bytes, the prefix
/// is incremented as a big-endian number (0xff carries into the byte before). When nothing can be
/// incremented (a prefix of U+10FFFF characters, or of 0xff bytes), `value` is kept whole rather
/// than left out, as parquet-mr does.
std::string TruncateMaxBound(std::string_view value, size_t limit);

/// What a column chunk writer knows about one data page when it is written.
struct PageSummary {
  /// Offset of the page header from the start of the chunk's first data page.
  int64_t offset = 0;
  /// Bytes of the page header and the compressed page.
  int32_t size = 0;
  /// The page's first row, counted from the start of the row group.
  int64_t first_row = 0;
  int64_t null_count = 0;
  /// Whether the page holds any value (a page of NULLs, or of NULL and empty lists, does not).
  bool has_values = false;
  /// Bounds of its values by the column's sort order, PLAIN encoded without a length prefix;
  /// absent when every value is NaN, which no bound may hold.
  std::optional<std::string> min;
  std::optional<std::string> max;
};

/// Collects the page index of one column chunk as its data pages are written: the OffsetIndex
/// always, the ColumnIndex unless a page holds values but no bound (only NaNs): parquet.thrift
/// asks writers of TYPE_ORDER columns to leave such a chunk's ColumnIndex out. BYTE_ARRAY bounds
/// are truncated to kColumnIndexTruncateLength bytes. The work is per page, never per value.
/// Not thread safe.
class PageIndexBuilder {
 public:
  explicit PageIndexBuilder(const ColumnDescriptor& desc);

  void AddPage(const PageSummary& page);

  /// The chunk's page index, its page offsets moved by `data_page_offset` (the file offset of the
  /// first data page); the builder starts over empty.
  ChunkPageIndex Finish(int64_t data_page_offset);

 private:
  Type physical_;
  bool decimal_;
  OffsetIndex offsets_;
  ColumnIndex bounds_;
  bool bounds_valid_ = true;
};

/// Orders two PLAIN-encoded bounds of a column of `physical` type (holding DECIMAL values when
/// `decimal`) as the type's sort order does: signed numbers, unsigned bytes for strings and
/// binary, signed big-endian for FIXED_LEN_BYTE_ARRAY decimals. Negative, zero or positive.
int CompareBounds(Type physical, bool decimal, std::string_view a, std::string_view b);

}  // namespace inlet::parquet

#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "formats/parquet/parquet_metadata.h"
#include "inlet/result.h"

/// The page index of parquet-format's PageIndex.md: per column chunk, a ColumnIndex (each data
/// page's bounds and NULL count) and an OffsetIndex (where each data page lies and its first
/// row), stored between the last row group and the footer, with compact-protocol serialization.
namespace inlet::parquet {

enum class BoundaryOrder : int32_t { kUnordered = 0, kAscending = 1, kDescending = 2 };

struct PageLocation {
  /// File offset of the page header.
  int64_t offset = 0;
  /// Bytes of the page header and the compressed page together.
  int32_t compressed_page_size = 0;
  /// Index, within the row group, of the first row of the page.
  int64_t first_row_index = 0;

  bool operator==(const PageLocation&) const = default;
};

struct OffsetIndex {
  /// One per data page, in file order (dictionary pages are not listed).
  std::vector<PageLocation> page_locations;

  bool operator==(const OffsetIndex&) const = default;
};

struct ColumnIndex {
  /// Per page: whether it holds only NULLs (its bounds are then empty).
  std::vector<bool> null_pages;
  /// Per page: lower and upper bounds of its values, PLAIN encoded without a length prefix.
  std::vector<std::string> min_values;
  std::vector<std::string> max_values;
  BoundaryOrder boundary_order = BoundaryOrder::kUnordered;
  /// Per page, when the writer gave them.
  std::optional<std::vector<int64_t>> null_counts;

  bool operator==(const ColumnIndex&) const = default;
};

/// The page index of one column chunk; either part may be absent.
struct ChunkPageIndex {
  std::optional<ColumnIndex> column_index;
  std::optional<OffsetIndex> offset_index;
};

std::string SerializeColumnIndex(const ColumnIndex& index);
std::string SerializeOffsetIndex(const OffsetIndex& index);

/// Parse one struct from the start of `bytes`. InvalidData for malformed input, missing required
/// fields, or ColumnIndex lists of different lengths.
Result<ColumnIndex> DeserializeColumnIndex(std::string_view bytes);
Result<OffsetIndex> DeserializeOffsetIndex(std::string_view bytes);

/// The page index of `chunk` as found in `file`, the whole Parquet file. InvalidData when an
/// offset or length points outside the file or the bytes there do not parse.
Result<ChunkPageIndex> ReadChunkPageIndex(std::string_view file, const ColumnChunk& chunk);

}  // namespace inlet::parquet

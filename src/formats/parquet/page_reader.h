#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/parquet_types.h"
#include "inlet/result.h"

namespace inlet::parquet {

/// Largest decompressed page inlet accepts; bounds what a hostile page header can make us
/// allocate (real writers use pages of about 1 MiB).
constexpr int64_t kMaxPageBytes = int64_t{256} << 20;

/// One page of a column chunk, decompressed, with a data page split into its three sections.
struct Page {
  /// kDictionaryPage, kDataPage or kDataPageV2 (index pages are skipped).
  PageType type = PageType::kDataPage;
  /// Level slots of a data page; entries of a dictionary page.
  int32_t num_values = 0;
  /// How the values section is encoded.
  Encoding encoding = Encoding::kPlain;
  /// RLE or BIT_PACKED (data page v1 only; v2 levels are always RLE).
  Encoding rep_level_encoding = Encoding::kRle;
  Encoding def_level_encoding = Encoding::kRle;
  /// The level sections without their v1 length prefixes; empty when the descriptor's maximum
  /// level is 0.
  std::string_view rep_levels;
  std::string_view def_levels;
  std::string_view values;
};

/// Walks the pages of one column chunk: parses each header, checks its sizes against the chunk
/// and kMaxPageBytes before allocating, decompresses, and splits levels from values. Messages
/// start with `where`. Not thread safe; the views of a Page stay valid until the next Next().
class PageReader {
 public:
  /// `desc`, `chunk` and `where` must outlive the reader.
  PageReader(const ColumnDescriptor& desc, Codec codec, std::string_view chunk,
             const std::string& where)
      : desc_(desc), codec_(codec), chunk_(chunk), where_(where) {}

  /// True once every byte of the chunk was consumed.
  bool AtEnd() const { return pos_ >= chunk_.size(); }

  /// Reads the next dictionary or data page into `page`, skipping index pages.
  /// REQUIRES: !AtEnd().
  Status Next(Page* page);

 private:
  Result<std::string_view> Decompress(std::string_view data, int64_t uncompressed_size);
  Status SplitDataPageV1(const PageHeader& h, std::string_view body, Page* page);
  Status SplitDataPageV2(const PageHeader& h, std::string_view body, Page* page);
  // Takes one v1 level section of `encoding` off the front of `*body`.
  Status TakeLevelsV1(Encoding encoding, int16_t max_level, int32_t num_values, const char* what,
                      std::string_view* body, std::string_view* levels);

  const ColumnDescriptor& desc_;
  Codec codec_;
  std::string_view chunk_;
  const std::string& where_;
  size_t pos_ = 0;
  // Owns the current page's decompressed bytes.
  std::string buffer_;
};

}  // namespace inlet::parquet

#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "formats/parquet/parquet_codec.h"
#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/rle_encoding.h"

/// Builders of hand-made Parquet pages for the decoder tests.
namespace inlet::parquet::page_test {

inline std::string Le32(uint32_t v) {
  std::string out(4, '\0');
  std::memcpy(out.data(), &v, 4);
  return out;
}

inline std::string Le64(uint64_t v) {
  std::string out(8, '\0');
  std::memcpy(out.data(), &v, 8);
  return out;
}

/// PLAIN INT32 values.
inline std::string PlainInt32(const std::vector<int32_t>& values) {
  std::string out;
  for (int32_t v : values) out += Le32(static_cast<uint32_t>(v));
  return out;
}

/// PLAIN INT64 values.
inline std::string PlainInt64(const std::vector<int64_t>& values) {
  std::string out;
  for (int64_t v : values) out += Le64(static_cast<uint64_t>(v));
  return out;
}

/// PLAIN BYTE_ARRAY values.
inline std::string PlainStrings(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) out += Le32(static_cast<uint32_t>(v.size())) + v;
  return out;
}

/// Levels in the RLE / bit-packing hybrid, without a length prefix.
inline std::string RleLevels(const std::vector<uint32_t>& levels, int max_level) {
  std::string out;
  EncodeRleBitPacked(levels, BitWidthFor(static_cast<uint64_t>(max_level)), &out);
  return out;
}

/// RLE_DICTIONARY indices: the bit-width byte, then the hybrid.
inline std::string DictionaryIndices(const std::vector<uint32_t>& indices, int bit_width) {
  std::string out(1, static_cast<char>(bit_width));
  EncodeRleBitPacked(indices, bit_width, &out);
  return out;
}

/// A data page v1: header, then (compressed with `codec`) the repetition and definition level
/// sections, each given without its length prefix (empty means absent), and the values.
inline std::string DataPageV1(int32_t num_values, Encoding encoding, const std::string& rep,
                              const std::string& def, const std::string& values,
                              Codec codec = Codec::kUncompressed) {
  std::string body;
  if (!rep.empty()) body += Le32(static_cast<uint32_t>(rep.size())) + rep;
  if (!def.empty()) body += Le32(static_cast<uint32_t>(def.size())) + def;
  body += values;
  std::string compressed = *CompressPage(codec, 1, body);
  PageHeader h;
  h.type = PageType::kDataPage;
  h.uncompressed_page_size = static_cast<int32_t>(body.size());
  h.compressed_page_size = static_cast<int32_t>(compressed.size());
  h.data_page_header = DataPageHeader{num_values, encoding, Encoding::kRle, Encoding::kRle};
  return SerializePageHeader(h) + compressed;
}

/// A data page v2 with uncompressed levels and values compressed with `codec`.
inline std::string DataPageV2(int32_t num_values, int32_t num_nulls, int32_t num_rows,
                              Encoding encoding, const std::string& rep, const std::string& def,
                              const std::string& values, Codec codec = Codec::kUncompressed) {
  std::string compressed = *CompressPage(codec, 1, values);
  PageHeader h;
  h.type = PageType::kDataPageV2;
  h.uncompressed_page_size = static_cast<int32_t>(rep.size() + def.size() + values.size());
  h.compressed_page_size = static_cast<int32_t>(rep.size() + def.size() + compressed.size());
  h.data_page_header_v2 =
      DataPageHeaderV2{num_values, num_nulls,  num_rows, encoding, static_cast<int32_t>(def.size()),
                       static_cast<int32_t>(rep.size()), codec != Codec::kUncompressed};
  return SerializePageHeader(h) + rep + def + compressed;
}

/// A PLAIN dictionary page of `num_values` entries.
inline std::string DictionaryPage(int32_t num_values, const std::string& values) {
  PageHeader h;
  h.type = PageType::kDictionaryPage;
  h.uncompressed_page_size = static_cast<int32_t>(values.size());
  h.compressed_page_size = static_cast<int32_t>(values.size());
  h.dictionary_page_header = DictionaryPageHeader{num_values, Encoding::kPlain, std::nullopt};
  return SerializePageHeader(h) + values;
}

}  // namespace inlet::parquet::page_test

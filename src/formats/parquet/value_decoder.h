#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/parquet_types.h"
#include "formats/parquet/value_converter.h"
#include "inlet/status.h"
#include "types/column.h"

namespace inlet::parquet {

/// Decodes the values section of a column chunk's pages, in every encoding of Encodings.md that
/// fits the physical type, into the descriptor's inlet type. Checks every count against the
/// bytes present before allocating. Messages start with `where`. Not thread safe (it keeps
/// scratch buffers between pages).
class ValueDecoder {
 public:
  /// `desc` and `where` must outlive the decoder.
  ValueDecoder(const ColumnDescriptor& desc, const std::string& where);

  /// Decodes exactly `count` values of `encoding` from `data` and appends them (never NULL) to
  /// `out`. Dictionary encodings read entries of `dictionary`, which is null when the chunk has
  /// no dictionary page. NotImplemented for encodings inlet does not know; InvalidData for
  /// encodings the physical type cannot have, and for corrupt data.
  Status Decode(Encoding encoding, std::string_view data, int64_t count, const Column* dictionary,
                Column* out);

  /// Decodes `count` dictionary indices (a bit-width byte, then the RLE / bit-packing hybrid),
  /// each checked to be below `dictionary_size`, into out[0..count).
  Status DecodeIndices(std::string_view data, int64_t count, int64_t dictionary_size,
                       uint32_t* out);

 private:
  /// InvalidData when the first `count` decoded indices would gather more than kMaxPageBytes of
  /// text from `dictionary`.
  Status CheckGatheredSize(const Column& dictionary, int64_t count) const;
  Status DecodePlain(std::string_view data, int64_t count, Column* out);
  Status DecodeRleBooleans(std::string_view data, int64_t count, Column* out);
  Status DecodeByteStreamSplit(std::string_view data, int64_t count, Column* out);
  Status DecodeDeltaIntegers(std::string_view data, int64_t count, Column* out);
  Status DecodeDeltaLength(std::string_view data, int64_t count, Column* out);
  Status DecodeDeltaStrings(std::string_view data, int64_t count, Column* out);
  // Appends one BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY value, checking the latter's length.
  Status AppendByteArray(std::string_view value, Column* out);
  Status WrongType(Encoding encoding) const;

  const ColumnDescriptor& desc_;
  const std::string& where_;
  ValueConverter converter_;
  // Scratch reused across pages.
  std::vector<uint32_t> indices_;
  std::vector<uint64_t> integers_;
  std::vector<std::string_view> views_;
  std::vector<uint64_t> ends_;
  std::string bytes_;
};

/// Appends rows indices[0..count) of `source` to `out`, which has the same type.
void AppendGathered(const Column& source, const uint32_t* indices, int64_t count, Column* out);

/// Appends `count` slots to `out`: NULL where def_levels[i] < max_level, otherwise the next row
/// of `source` (the row indices[k] of it when `indices` is not null).
/// REQUIRES: `source` (or `indices`) holds one row per slot at max_level.
void AppendSpread(const Column& source, const uint32_t* indices, const int16_t* def_levels,
                  int64_t count, int16_t max_level, Column* out);

}  // namespace inlet::parquet

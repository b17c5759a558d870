#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "inlet/status.h"

namespace inlet::parquet {

/// Bits needed to store values 0..max_value (at least 1, which every reader accepts).
int BitWidthFor(uint64_t max_value);

/// Appends `values` (each < 2^bit_width, bit_width <= 32) to `out` in the RLE / bit-packing
/// hybrid of Encodings.md, without any length prefix: runs of 8 or more equal values become RLE
/// runs, the rest bit-packed groups of 8 (the last group zero-padded).
void EncodeRleBitPacked(const std::vector<uint32_t>& values, int bit_width, std::string* out);

/// Reads values [first, first + count) of `bit_width` bits each (0..64), packed LSB first as in the
/// hybrid's bit-packed runs and DELTA_BINARY_PACKED miniblocks.
/// REQUIRES: `data` holds at least ((first + count) * bit_width + 7) / 8 bytes.
template <typename T>
void UnpackBitsLsbFirst(const uint8_t* data, int bit_width, int64_t first, int64_t count, T* out);

/// Decodes the RLE / bit-packing hybrid from a byte range it does not own. Malformed or short
/// input is an InvalidData error (callers add where), never a read past the range.
class RleBitPackedDecoder {
 public:
  /// A `bit_width` outside 0..32 makes every Get fail.
  RleBitPackedDecoder(const uint8_t* data, size_t size, int bit_width)
      : pos_(data), end_(data + size), bit_width_(bit_width) {}

  /// Decodes exactly `n` values into `out` (uint32_t for dictionary indices and booleans,
  /// int16_t for levels, whose bit width is at most 15).
  template <typename T>
  Status Get(T* out, int64_t n);

 private:
  Status NextRun();

  const uint8_t* pos_;
  const uint8_t* end_;
  int bit_width_;
  int64_t rle_left_ = 0;
  uint32_t rle_value_ = 0;
  // The current bit-packed run: its bytes, values left and the next value's index.
  const uint8_t* literal_data_ = nullptr;
  int64_t literal_left_ = 0;
  int64_t literal_index_ = 0;
};

/// Decodes `count` levels of the deprecated BIT_PACKED encoding (packed MSB first, no header)
/// from the first ((count * bit_width) + 7) / 8 bytes of [data, data + size). InvalidData when
/// they are not all there or `bit_width` is above 15 (levels are at most 32767).
Status DecodeLegacyBitPacked(const uint8_t* data, size_t size, int bit_width, int64_t count,
                             int16_t* out);

/// Bytes the deprecated BIT_PACKED encoding takes for `count` values of `bit_width` bits.
inline uint64_t LegacyBitPackedSize(int64_t count, int bit_width) {
  return (static_cast<uint64_t>(count) * static_cast<uint64_t>(bit_width) + 7) / 8;
}

}  // namespace inlet::parquet

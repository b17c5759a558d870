#include "formats/parquet/rle_encoding.h"

#include <algorithm>
#include <cstring>

namespace inlet::parquet {

namespace {

// A run must be at least this long to be worth an RLE header instead of bit-packing.
constexpr size_t kMinRleRun = 8;

void PutVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

// Bit-packs values[begin, end) LSB first, padding with zeros to a multiple of 8 values.
//
// PERF NOTES: this packs every dictionary index of a page. The output's size is known (a group
// of 8 values takes bit_width bytes), so it is sized once and written through a pointer, 4 bytes
// at a time while the bit buffer holds them (bit_width <= 32 keeps it under 64 bits).
void PutBitPacked(const std::vector<uint32_t>& values, size_t begin, size_t end, int bit_width,
                  std::string* out) {
  const size_t groups = (end - begin + 7) / 8;
  PutVarint((groups << 1) | 1, out);
  const size_t start = out->size();
  out->resize(start + groups * static_cast<size_t>(bit_width));
  char* dst = out->data() + start;
  uint64_t buffer = 0;
  int bits = 0;
  for (size_t i = begin; i < begin + groups * 8; ++i) {
    const uint64_t v = i < end ? values[i] : 0;
    buffer |= v << bits;
    bits += bit_width;
    if (bits >= 32) {
      const auto word = static_cast<uint32_t>(buffer);
      std::memcpy(dst, &word, 4);  // little-endian, as Parquet stores it
      dst += 4;
      buffer >>= 32;
      bits -= 32;
    }
  }
  for (; bits > 0; bits -= 8) {
    *dst++ = static_cast<char>(buffer & 0xFF);
    buffer >>= 8;
  }
}

void PutRleRun(uint32_t value, size_t count, int bit_width, std::string* out) {
  PutVarint(static_cast<uint64_t>(count) << 1, out);
  for (int b = 0; b < (bit_width + 7) / 8; ++b) {
    out->push_back(static_cast<char>((value >> (8 * b)) & 0xFF));
  }
}

}  // namespace

int BitWidthFor(uint64_t max_value) {
  int width = 1;
  while (width < 64 && (max_value >> width) != 0) ++width;
  return width;
}

void EncodeRleBitPacked(const std::vector<uint32_t>& values, int bit_width, std::string* out) {
  // Values from literal_begin up to i wait to be bit-packed; a literal run may only end on a
  // multiple of 8 values (or at the very end), so a long run first tops the group up.
  size_t literal_begin = 0;
  size_t i = 0;
  const size_t n = values.size();
  while (i < n) {
    size_t run = 1;
    while (i + run < n && values[i + run] == values[i]) ++run;
    if (run < kMinRleRun) {
      i += run;
      continue;
    }
    size_t pending = i - literal_begin;
    size_t top_up = (8 - pending % 8) % 8;
    if (run - top_up < kMinRleRun) {
      i += run;
      continue;
    }
    i += top_up;
    run -= top_up;
    if (i > literal_begin) PutBitPacked(values, literal_begin, i, bit_width, out);
    PutRleRun(values[i], run, bit_width, out);
    i += run;
    literal_begin = i;
  }
  if (n > literal_begin) PutBitPacked(values, literal_begin, n, bit_width, out);
}

template <typename T>
void UnpackBitsLsbFirst(const uint8_t* data, int bit_width, int64_t first, int64_t count, T* out) {
  if (bit_width == 0) {
    std::fill(out, out + count, T{0});
    return;
  }
  const uint64_t width = static_cast<uint64_t>(bit_width);
  const uint64_t mask = bit_width == 64 ? ~uint64_t{0} : (uint64_t{1} << bit_width) - 1;
  const uint64_t end_byte = (static_cast<uint64_t>(first + count) * width + 7) / 8;
  uint64_t bit = static_cast<uint64_t>(first) * width;
  // PERF NOTES: one unaligned 8-byte load per value away from the end of the range; a value of
  // more than 57 bits can straddle a ninth byte, which is then or-ed in.
  for (int64_t i = 0; i < count; ++i, bit += width) {
    uint64_t byte = bit / 8;
    int shift = static_cast<int>(bit % 8);
    uint64_t word = 0;
    if (byte + 8 <= end_byte) {
      std::memcpy(&word, data + byte, 8);
    } else {
      for (uint64_t b = 0; byte + b < end_byte; ++b) word |= uint64_t{data[byte + b]} << (8 * b);
    }
    uint64_t value = word >> shift;
    if (shift + bit_width > 64) value |= uint64_t{data[byte + 8]} << (64 - shift);
    out[i] = static_cast<T>(value & mask);
  }
}

template void UnpackBitsLsbFirst<uint32_t>(const uint8_t*, int, int64_t, int64_t, uint32_t*);
template void UnpackBitsLsbFirst<uint64_t>(const uint8_t*, int, int64_t, int64_t, uint64_t*);
template void UnpackBitsLsbFirst<int16_t>(const uint8_t*, int, int64_t, int64_t, int16_t*);

Status RleBitPackedDecoder::NextRun() {
  uint64_t header = 0;
  for (int shift = 0;; shift += 7) {
    if (pos_ >= end_ || shift > 35) {
      return Status::InvalidData("RLE/bit-packed data ends inside a run header");
    }
    uint8_t byte = *pos_++;
    header |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) break;
  }
  if (header & 1) {
    uint64_t values = (header >> 1) * 8;
    uint64_t bytes = (header >> 1) * static_cast<uint64_t>(bit_width_);
    size_t left = static_cast<size_t>(end_ - pos_);
    // Some writers end the last group early; only the values actually present are usable.
    if (bytes > left) {
      bytes = left;
      values = bit_width_ == 0 ? values : bytes * 8 / static_cast<uint64_t>(bit_width_);
    }
    literal_data_ = pos_;
    literal_left_ = static_cast<int64_t>(values);
    literal_index_ = 0;
    pos_ += bytes;
  } else {
    int value_bytes = (bit_width_ + 7) / 8;
    if (end_ - pos_ < value_bytes) return Status::InvalidData("RLE/bit-packed data ends in a run");
    uint64_t value = 0;
    for (int b = 0; b < value_bytes; ++b) value |= static_cast<uint64_t>(pos_[b]) << (8 * b);
    pos_ += value_bytes;
    rle_left_ = static_cast<int64_t>(header >> 1);
    // Bits above the width are not part of the value; dropping them keeps every value below
    // 2^bit_width, which the narrow output types rely on.
    rle_value_ = static_cast<uint32_t>(value & ((uint64_t{1} << bit_width_) - 1));
  }
  if (rle_left_ == 0 && literal_left_ == 0) {
    return Status::InvalidData("RLE/bit-packed data has an empty run");
  }
  return Status::OK();
}

template <typename T>
Status RleBitPackedDecoder::Get(T* out, int64_t n) {
  if (bit_width_ < 0 || bit_width_ > 32) {
    return Status::InvalidData("RLE/bit-packed bit width " + std::to_string(bit_width_) +
                               " is above 32");
  }
  while (n > 0) {
    if (rle_left_ == 0 && literal_left_ == 0) INLET_RETURN_NOT_OK(NextRun());
    if (rle_left_ > 0) {
      int64_t take = std::min(n, rle_left_);
      std::fill(out, out + take, static_cast<T>(rle_value_));
      out += take;
      n -= take;
      rle_left_ -= take;
      continue;
    }
    int64_t take = std::min(n, literal_left_);
    // The run's values are all inside the range (NextRun trims a short last group).
    UnpackBitsLsbFirst(literal_data_, bit_width_, literal_index_, take, out);
    out += take;
    n -= take;
    literal_index_ += take;
    literal_left_ -= take;
  }
  return Status::OK();
}

template Status RleBitPackedDecoder::Get<uint32_t>(uint32_t*, int64_t);
template Status RleBitPackedDecoder::Get<int16_t>(int16_t*, int64_t);

Status DecodeLegacyBitPacked(const uint8_t* data, size_t size, int bit_width, int64_t count,
                             int16_t* out) {
  if (bit_width < 0 || bit_width > 15) {
    return Status::InvalidData("BIT_PACKED bit width " + std::to_string(bit_width) +
                               " is above 15");
  }
  if (LegacyBitPackedSize(count, bit_width) > size) {
    return Status::InvalidData("BIT_PACKED data holds " + std::to_string(size) + " bytes, " +
                               std::to_string(count) + " values need " +
                               std::to_string(LegacyBitPackedSize(count, bit_width)));
  }
  uint64_t bit = 0;
  for (int64_t i = 0; i < count; ++i) {
    int value = 0;
    for (int b = 0; b < bit_width; ++b, ++bit) {
      value = (value << 1) | ((data[bit / 8] >> (7 - bit % 8)) & 1);
    }
    out[i] = static_cast<int16_t>(value);
  }
  return Status::OK();
}

}  // namespace inlet::parquet

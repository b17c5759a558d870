#include "formats/parquet/delta_encoding.h"

#include <algorithm>

#include "formats/parquet/rle_encoding.h"

namespace inlet::parquet {

namespace {

// The largest block the spec's int32 header fields can describe; bounds the per-miniblock
// arithmetic below.
constexpr uint64_t kMaxBlockSize = uint64_t{1} << 31;

// Reads ULEB128 and zigzag ULEB128 integers of up to 64 bits from a byte range.
class VarintReader {
 public:
  explicit VarintReader(std::string_view data) : data_(data) {}

  size_t position() const { return pos_; }
  size_t remaining() const { return data_.size() - pos_; }
  const uint8_t* current() const { return reinterpret_cast<const uint8_t*>(data_.data()) + pos_; }
  void Skip(size_t n) { pos_ += n; }

  Status ReadUleb(const char* what, uint64_t* out) {
    uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= data_.size()) {
        return Status::InvalidData(std::string("DELTA_BINARY_PACKED data ends inside its ") + what);
      }
      uint8_t byte = static_cast<uint8_t>(data_[pos_++]);
      value |= static_cast<uint64_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0) {
        *out = value;
        return Status::OK();
      }
    }
    return Status::InvalidData(std::string("DELTA_BINARY_PACKED ") + what + " is over 64 bits");
  }

  Status ReadZigzag(const char* what, uint64_t* out) {
    uint64_t raw;
    INLET_RETURN_NOT_OK(ReadUleb(what, &raw));
    *out = (raw >> 1) ^ (~(raw & 1) + 1);
    return Status::OK();
  }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

// Checks that every length is a valid int32 and that together they fit in `available` bytes.
Status CheckLengths(const uint64_t* lengths, int64_t count, size_t available, const char* what) {
  uint64_t total = 0;
  for (int64_t i = 0; i < count; ++i) {
    // Lengths are int32 in the format; anything larger (or negative) is corrupt.
    if (lengths[i] > static_cast<uint64_t>(INT32_MAX)) {
      return Status::InvalidData(std::string(what) + " " + std::to_string(i) + " has length " +
                                 std::to_string(static_cast<int64_t>(lengths[i])));
    }
    total += lengths[i];
    if (total > available) {
      return Status::InvalidData(std::string(what) + "s need more than the " +
                                 std::to_string(available) + " bytes left in the page");
    }
  }
  return Status::OK();
}

}  // namespace

Result<size_t> DecodeDeltaBinaryPacked(std::string_view data, int64_t count, uint64_t* out) {
  VarintReader r(data);
  uint64_t block_size = 0, miniblocks = 0, total = 0, first = 0;
  INLET_RETURN_NOT_OK(r.ReadUleb("block size", &block_size));
  INLET_RETURN_NOT_OK(r.ReadUleb("miniblock count", &miniblocks));
  INLET_RETURN_NOT_OK(r.ReadUleb("value count", &total));
  INLET_RETURN_NOT_OK(r.ReadZigzag("first value", &first));
  if (block_size == 0 || block_size % 128 != 0 || block_size > kMaxBlockSize || miniblocks == 0 ||
      block_size % miniblocks != 0 || (block_size / miniblocks) % 32 != 0) {
    return Status::InvalidData("DELTA_BINARY_PACKED header has an invalid block of " +
                               std::to_string(block_size) + " values in " +
                               std::to_string(miniblocks) + " miniblocks");
  }
  if (total != static_cast<uint64_t>(count)) {
    return Status::InvalidData("DELTA_BINARY_PACKED data holds " + std::to_string(total) +
                               " values where the page has " + std::to_string(count));
  }
  if (count == 0) return r.position();
  const uint64_t values_per_miniblock = block_size / miniblocks;
  out[0] = first;
  int64_t produced = 1;
  while (produced < count) {
    uint64_t min_delta = 0;
    INLET_RETURN_NOT_OK(r.ReadZigzag("minimum delta", &min_delta));
    if (r.remaining() < miniblocks) {
      return Status::InvalidData("DELTA_BINARY_PACKED data ends inside a block's bit widths");
    }
    const uint8_t* widths = r.current();
    r.Skip(miniblocks);
    // Bit widths of miniblocks past the last value are present but meaningless, and those
    // miniblocks take no bytes.
    for (uint64_t m = 0; m < miniblocks && produced < count; ++m) {
      int width = widths[m];
      if (width > 64) {
        return Status::InvalidData("DELTA_BINARY_PACKED miniblock bit width " +
                                   std::to_string(width) + " is above 64");
      }
      // Every miniblock that holds values is stored whole, padding included.
      uint64_t bytes = values_per_miniblock * static_cast<uint64_t>(width) / 8;
      if (bytes > r.remaining()) {
        return Status::InvalidData("DELTA_BINARY_PACKED data ends inside a miniblock");
      }
      int64_t take = static_cast<int64_t>(
          std::min<uint64_t>(values_per_miniblock, static_cast<uint64_t>(count - produced)));
      uint64_t* deltas = out + produced;
      UnpackBitsLsbFirst(r.current(), width, 0, take, deltas);
      // Unsigned arithmetic wraps around as the spec requires of signed overflow.
      uint64_t previous = out[produced - 1];
      for (int64_t i = 0; i < take; ++i) {
        previous += min_delta + deltas[i];
        deltas[i] = previous;
      }
      produced += take;
      r.Skip(static_cast<size_t>(bytes));
    }
  }
  return r.position();
}

Status DecodeDeltaLengthByteArray(std::string_view data, int64_t count,
                                  std::vector<std::string_view>* values) {
  std::vector<uint64_t> lengths(static_cast<size_t>(count));
  INLET_ASSIGN_OR_RETURN(size_t used, DecodeDeltaBinaryPacked(data, count, lengths.data()));
  data.remove_prefix(used);
  INLET_RETURN_NOT_OK(CheckLengths(lengths.data(), count, data.size(), "DELTA_LENGTH_BYTE_ARRAY value"));
  values->resize(static_cast<size_t>(count));
  size_t pos = 0;
  for (int64_t i = 0; i < count; ++i) {
    (*values)[i] = data.substr(pos, lengths[i]);
    pos += lengths[i];
  }
  return Status::OK();
}

Status DecodeDeltaByteArray(std::string_view data, int64_t count, uint64_t max_bytes,
                            std::string* arena, std::vector<uint64_t>* ends) {
  std::vector<uint64_t> prefixes(static_cast<size_t>(count));
  INLET_ASSIGN_OR_RETURN(size_t used, DecodeDeltaBinaryPacked(data, count, prefixes.data()));
  data.remove_prefix(used);
  std::vector<std::string_view> suffixes;
  INLET_RETURN_NOT_OK(DecodeDeltaLengthByteArray(data, count, &suffixes));
  arena->clear();
  ends->resize(static_cast<size_t>(count));
  uint64_t previous_begin = 0;
  uint64_t previous_length = 0;
  for (int64_t i = 0; i < count; ++i) {
    if (prefixes[i] > previous_length) {
      return Status::InvalidData("DELTA_BYTE_ARRAY value " + std::to_string(i) + " shares " +
                                 std::to_string(static_cast<int64_t>(prefixes[i])) +
                                 " bytes with a previous value of " +
                                 std::to_string(previous_length));
    }
    uint64_t length = prefixes[i] + suffixes[i].size();
    if (arena->size() + length > max_bytes) {
      return Status::InvalidData("DELTA_BYTE_ARRAY page expands to more than " +
                                 std::to_string(max_bytes) + " bytes");
    }
    uint64_t begin = arena->size();
    // std::string copies its own contents correctly even when the append reallocates.
    arena->append(*arena, previous_begin, prefixes[i]);
    arena->append(suffixes[i]);
    (*ends)[i] = arena->size();
    previous_begin = begin;
    previous_length = length;
  }
  return Status::OK();
}

}  // namespace inlet::parquet

#include "formats/parquet/value_decoder.h"

#include <algorithm>
#include <cstring>

#include "formats/parquet/delta_encoding.h"
#include "formats/parquet/page_reader.h"
#include "formats/parquet/rle_encoding.h"

namespace inlet::parquet {

namespace {

template <typename CopyRow>
void Spread(const uint32_t* indices, const int16_t* def_levels, int64_t count, int16_t max_level,
            Column* out, CopyRow copy_row) {
  int64_t next = 0;
  for (int64_t i = 0; i < count; ++i) {
    if (def_levels != nullptr && def_levels[i] < max_level) {
      out->AppendNull();
      continue;
    }
    copy_row(indices != nullptr ? int64_t{indices[next]} : next);
    ++next;
  }
}

template <typename T>
void SpreadFixed(const Column& source, const uint32_t* indices, const int16_t* def_levels,
                 int64_t count, int16_t max_level, Column* out) {
  Spread(indices, def_levels, count, max_level, out,
         [&](int64_t row) { out->AppendFixed(source.GetFixed<T>(row)); });
}

}  // namespace

void AppendSpread(const Column& source, const uint32_t* indices, const int16_t* def_levels,
                  int64_t count, int16_t max_level, Column* out) {
  // PERF NOTES: one loop per physical type, so the per-row work is a load and an append.
  switch (source.type().physical_type()) {
    case PhysicalType::kBit:
      Spread(indices, def_levels, count, max_level, out,
             [&](int64_t row) { out->AppendBool(source.GetBool(row)); });
      return;
    case PhysicalType::kInt8:
      return SpreadFixed<int8_t>(source, indices, def_levels, count, max_level, out);
    case PhysicalType::kInt16:
      return SpreadFixed<int16_t>(source, indices, def_levels, count, max_level, out);
    case PhysicalType::kInt32:
      return SpreadFixed<int32_t>(source, indices, def_levels, count, max_level, out);
    case PhysicalType::kInt64:
      return SpreadFixed<int64_t>(source, indices, def_levels, count, max_level, out);
    case PhysicalType::kFloat:
      return SpreadFixed<float>(source, indices, def_levels, count, max_level, out);
    case PhysicalType::kDouble:
      return SpreadFixed<double>(source, indices, def_levels, count, max_level, out);
    case PhysicalType::kInt128:
      return SpreadFixed<int128_t>(source, indices, def_levels, count, max_level, out);
    case PhysicalType::kString:
      Spread(indices, def_levels, count, max_level, out,
             [&](int64_t row) { out->AppendString(source.GetString(row)); });
      return;
    default:  // leaf columns are never nested
      Spread(indices, def_levels, count, max_level, out,
             [&](int64_t row) { out->AppendFrom(source, row); });
      return;
  }
}

void AppendGathered(const Column& source, const uint32_t* indices, int64_t count, Column* out) {
  AppendSpread(source, indices, nullptr, count, 0, out);
}

ValueDecoder::ValueDecoder(const ColumnDescriptor& desc, const std::string& where)
    : desc_(desc), where_(where), converter_(desc, where) {}

Status ValueDecoder::WrongType(Encoding encoding) const {
  return Status::InvalidData(where_ + ": encoding " + EncodingName(encoding) +
                             " cannot hold " + TypeName(desc_.physical) + " values");
}

Status ValueDecoder::Decode(Encoding encoding, std::string_view data, int64_t count,
                            const Column* dictionary, Column* out) {
  if (count == 0) return Status::OK();
  const Type physical = desc_.physical;
  const bool byte_array = physical == Type::kByteArray || physical == Type::kFixedLenByteArray;
  switch (encoding) {
    case Encoding::kPlain:
      return DecodePlain(data, count, out);
    case Encoding::kPlainDictionary:
    case Encoding::kRleDictionary: {
      if (dictionary == nullptr) {
        return Status::InvalidData(where_ + ": dictionary-encoded page without a dictionary");
      }
      indices_.resize(static_cast<size_t>(count));
      INLET_RETURN_NOT_OK(DecodeIndices(data, count, dictionary->size(), indices_.data()));
      INLET_RETURN_NOT_OK(CheckGatheredSize(*dictionary, count));
      AppendGathered(*dictionary, indices_.data(), count, out);
      return Status::OK();
    }
    case Encoding::kRle:
      if (physical != Type::kBoolean) return WrongType(encoding);
      return DecodeRleBooleans(data, count, out);
    case Encoding::kDeltaBinaryPacked:
      if (physical != Type::kInt32 && physical != Type::kInt64) return WrongType(encoding);
      return DecodeDeltaIntegers(data, count, out);
    case Encoding::kDeltaLengthByteArray:
      if (!byte_array) return WrongType(encoding);
      return DecodeDeltaLength(data, count, out);
    case Encoding::kDeltaByteArray:
      if (!byte_array) return WrongType(encoding);
      return DecodeDeltaStrings(data, count, out);
    case Encoding::kByteStreamSplit:
      if (physical == Type::kBoolean || physical == Type::kByteArray || physical == Type::kInt96) {
        return WrongType(encoding);
      }
      return DecodeByteStreamSplit(data, count, out);
    case Encoding::kBitPacked:
      return WrongType(encoding);  // only ever valid for levels
  }
  // EncodingName spells an encoding this version does not know as "encoding <number>".
  return Status::NotImplemented(where_ + ": " + EncodingName(encoding) + " is not supported");
}

Status ValueDecoder::CheckGatheredSize(const Column& dictionary, int64_t count) const {
  // A few long entries repeated by a page of small indices could expand without bound, so a
  // page's text is held to the limit of a decompressed page, as DELTA_BYTE_ARRAY's is.
  if (dictionary.type().physical_type() != PhysicalType::kString) return Status::OK();
  uint64_t total = 0;
  for (int64_t i = 0; i < count; ++i) {
    uint32_t index = indices_[static_cast<size_t>(i)];
    total += static_cast<uint64_t>(dictionary.offsets()[index + 1] - dictionary.offsets()[index]);
    if (total > static_cast<uint64_t>(kMaxPageBytes)) {
      return Status::InvalidData(where_ + ": a dictionary-encoded page expands past " +
                                 std::to_string(kMaxPageBytes >> 20) + " MiB of values");
    }
  }
  return Status::OK();
}

Status ValueDecoder::DecodeIndices(std::string_view data, int64_t count, int64_t dictionary_size,
                                   uint32_t* out) {
  if (count == 0) return Status::OK();
  if (data.empty()) return Status::InvalidData(where_ + ": dictionary indices are missing");
  const auto* bytes = reinterpret_cast<const uint8_t*>(data.data());
  if (bytes[0] > 32) {
    return Status::InvalidData(where_ + ": dictionary index bit width " +
                               std::to_string(bytes[0]) + " is above 32");
  }
  RleBitPackedDecoder decoder(bytes + 1, data.size() - 1, bytes[0]);
  Status st = decoder.Get(out, count);
  if (!st.ok()) return st.WithContext(where_ + ": dictionary indices");
  uint32_t largest = *std::max_element(out, out + count);
  if (largest >= dictionary_size) {
    return Status::InvalidData(where_ + ": dictionary index " + std::to_string(largest) +
                               " past the dictionary's " + std::to_string(dictionary_size) +
                               " entries");
  }
  return Status::OK();
}

Status ValueDecoder::AppendByteArray(std::string_view value, Column* out) {
  if (desc_.physical == Type::kFixedLenByteArray &&
      value.size() != static_cast<size_t>(desc_.type_length)) {
    return Status::InvalidData(where_ + ": FIXED_LEN_BYTE_ARRAY(" +
                               std::to_string(desc_.type_length) + ") value of " +
                               std::to_string(value.size()) + " bytes");
  }
  return converter_.AppendBytes(value, out);
}

Status ValueDecoder::DecodePlain(std::string_view data, int64_t count, Column* out) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(data.data());
  const uint64_t size = data.size();
  auto too_short = [&](uint64_t needed) {
    return Status::InvalidData(where_ + ": page holds " + std::to_string(size) +
                               " bytes of values but needs " + std::to_string(needed));
  };
  switch (desc_.physical) {
    case Type::kBoolean: {
      uint64_t needed = (static_cast<uint64_t>(count) + 7) / 8;
      if (needed > size) return too_short(needed);
      for (int64_t i = 0; i < count; ++i) out->AppendBool((bytes[i >> 3] >> (i & 7)) & 1);
      return Status::OK();
    }
    case Type::kByteArray: {
      const bool as_is = converter_.keeps_bytes();
      uint64_t pos = 0;
      for (int64_t i = 0; i < count; ++i) {
        uint32_t length;
        if (size - pos < 4 || (std::memcpy(&length, bytes + pos, 4), size - pos - 4 < length)) {
          return Status::InvalidData(where_ + ": page ends after " + std::to_string(i) + " of " +
                                     std::to_string(count) + " values");
        }
        std::string_view value(data.data() + pos + 4, length);
        if (as_is) {
          out->AppendString(value);
        } else {
          INLET_RETURN_NOT_OK(converter_.AppendBytes(value, out));
        }
        pos += 4 + uint64_t{length};
      }
      return Status::OK();
    }
    default: {
      const int width = converter_.physical_width();
      if (width <= 0) {
        return Status::InvalidData(where_ + ": FIXED_LEN_BYTE_ARRAY of length " +
                                   std::to_string(width));
      }
      uint64_t needed = static_cast<uint64_t>(count) * static_cast<uint64_t>(width);
      if (needed > size) return too_short(needed);
      return converter_.AppendFixedWidth(bytes, count, out);
    }
  }
}

Status ValueDecoder::DecodeRleBooleans(std::string_view data, int64_t count, Column* out) {
  // RLE booleans carry a 4-byte length prefix in both data page versions.
  uint32_t length;
  if (data.size() < 4 || (std::memcpy(&length, data.data(), 4), length > data.size() - 4)) {
    return Status::InvalidData(where_ + ": RLE booleans run past the page");
  }
  indices_.resize(static_cast<size_t>(count));
  RleBitPackedDecoder decoder(reinterpret_cast<const uint8_t*>(data.data()) + 4, length, 1);
  Status st = decoder.Get(indices_.data(), count);
  if (!st.ok()) return st.WithContext(where_ + ": RLE booleans");
  for (int64_t i = 0; i < count; ++i) out->AppendBool(indices_[i] != 0);
  return Status::OK();
}

Status ValueDecoder::DecodeByteStreamSplit(std::string_view data, int64_t count, Column* out) {
  const int width = converter_.physical_width();
  if (width <= 0) {
    return Status::InvalidData(where_ + ": FIXED_LEN_BYTE_ARRAY of length " +
                               std::to_string(width));
  }
  const size_t stride = data.size() / static_cast<size_t>(width);
  if (data.size() % static_cast<size_t>(width) != 0 || stride < static_cast<uint64_t>(count)) {
    return Status::InvalidData(where_ + ": BYTE_STREAM_SPLIT data of " +
                               std::to_string(data.size()) + " bytes cannot hold " +
                               std::to_string(count) + " values of " + std::to_string(width) +
                               " bytes");
  }
  // Stream b holds byte b of every value; put the bytes of each value back together.
  bytes_.resize(static_cast<size_t>(count) * static_cast<size_t>(width));
  for (int b = 0; b < width; ++b) {
    const char* stream = data.data() + static_cast<size_t>(b) * stride;
    char* dest = bytes_.data() + b;
    for (int64_t i = 0; i < count; ++i) dest[i * width] = stream[i];
  }
  return converter_.AppendFixedWidth(reinterpret_cast<const uint8_t*>(bytes_.data()), count, out);
}

Status ValueDecoder::DecodeDeltaIntegers(std::string_view data, int64_t count, Column* out) {
  integers_.resize(static_cast<size_t>(count));
  auto used = DecodeDeltaBinaryPacked(data, count, integers_.data());
  if (!used.ok()) return used.status().WithContext(where_);
  if (desc_.physical == Type::kInt64) {
    return converter_.AppendFixedWidth(reinterpret_cast<const uint8_t*>(integers_.data()), count,
                                       out);
  }
  // INT32: keep the low 32 bits of each value, packed in place (value i is written over bytes
  // that values before it occupied).
  auto* packed = reinterpret_cast<uint8_t*>(integers_.data());
  for (int64_t i = 0; i < count; ++i) {
    uint32_t low = static_cast<uint32_t>(integers_[i]);
    std::memcpy(packed + 4 * i, &low, 4);
  }
  return converter_.AppendFixedWidth(packed, count, out);
}

Status ValueDecoder::DecodeDeltaLength(std::string_view data, int64_t count, Column* out) {
  Status st = DecodeDeltaLengthByteArray(data, count, &views_);
  if (!st.ok()) return st.WithContext(where_);
  for (std::string_view value : views_) INLET_RETURN_NOT_OK(AppendByteArray(value, out));
  return Status::OK();
}

Status ValueDecoder::DecodeDeltaStrings(std::string_view data, int64_t count, Column* out) {
  Status st = DecodeDeltaByteArray(data, count, static_cast<uint64_t>(kMaxPageBytes), &bytes_,
                                   &ends_);
  if (!st.ok()) return st.WithContext(where_);
  uint64_t begin = 0;
  for (uint64_t end : ends_) {
    INLET_RETURN_NOT_OK(AppendByteArray(std::string_view(bytes_).substr(begin, end - begin), out));
    begin = end;
  }
  return Status::OK();
}

}  // namespace inlet::parquet

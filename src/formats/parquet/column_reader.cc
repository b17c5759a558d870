#include "formats/parquet/column_reader.h"

#include <cstring>
#include <memory>
#include <vector>

#include "formats/parquet/parquet_codec.h"
#include "formats/parquet/rle_encoding.h"

namespace inlet::parquet {

namespace {

// Days from the Julian day epoch to 1970-01-01, for INT96 timestamps.
constexpr int64_t kJulianDayOfEpoch = 2440588;
constexpr int64_t kMicrosPerDay = int64_t{86400} * 1000 * 1000;

template <typename T>
T LoadLittleEndian(const uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Converts PLAIN values of one physical type into the column's inlet type.
class PlainDecoder {
 public:
  PlainDecoder(const ColumnDescriptor& desc, const std::string& where)
      : desc_(desc), where_(where) {}

  // Appends `count` values decoded from [data, data + size) to `out`.
  Status Decode(const uint8_t* data, size_t size, int64_t count, Column* out) const {
    switch (desc_.physical) {
      case Type::kBoolean:
        INLET_RETURN_NOT_OK(CheckSize(size, (static_cast<uint64_t>(count) + 7) / 8));
        for (int64_t i = 0; i < count; ++i) out->AppendBool((data[i >> 3] >> (i & 7)) & 1);
        return Status::OK();
      case Type::kInt32:
        INLET_RETURN_NOT_OK(CheckSize(size, static_cast<uint64_t>(count) * 4));
        for (int64_t i = 0; i < count; ++i) {
          int32_t v = LoadLittleEndian<int32_t>(data + 4 * i);
          bool is_unsigned = desc_.conversion == ValueConversion::kUnsigned;
          int64_t widened = is_unsigned ? int64_t{static_cast<uint32_t>(v)} : int64_t{v};
          INLET_RETURN_NOT_OK(AppendInteger(widened, out));
        }
        return Status::OK();
      case Type::kInt64:
        INLET_RETURN_NOT_OK(CheckSize(size, static_cast<uint64_t>(count) * 8));
        for (int64_t i = 0; i < count; ++i) {
          int64_t v = LoadLittleEndian<int64_t>(data + 8 * i);
          if (desc_.conversion == ValueConversion::kUnsigned &&
              desc_.type.id() == TypeId::kDecimal) {  // UINT64 as DECIMAL(20, 0)
            out->AppendFixed<int128_t>(static_cast<uint64_t>(v));
          } else {
            INLET_RETURN_NOT_OK(AppendInteger(v, out));
          }
        }
        return Status::OK();
      case Type::kInt96:
        INLET_RETURN_NOT_OK(CheckSize(size, static_cast<uint64_t>(count) * 12));
        for (int64_t i = 0; i < count; ++i) {
          int64_t nanos = LoadLittleEndian<int64_t>(data + 12 * i);
          int64_t julian_day = LoadLittleEndian<int32_t>(data + 12 * i + 8);
          int64_t micros;
          if (__builtin_mul_overflow(julian_day - kJulianDayOfEpoch, kMicrosPerDay, &micros) ||
              __builtin_add_overflow(micros, FloorDiv(nanos, 1000), &micros)) {
            return Status::InvalidData(where_ + ": INT96 timestamp out of range");
          }
          out->AppendFixed<int64_t>(micros);
        }
        return Status::OK();
      case Type::kFloat:
        INLET_RETURN_NOT_OK(CheckSize(size, static_cast<uint64_t>(count) * 4));
        for (int64_t i = 0; i < count; ++i) out->AppendFixed(LoadLittleEndian<float>(data + 4 * i));
        return Status::OK();
      case Type::kDouble:
        INLET_RETURN_NOT_OK(CheckSize(size, static_cast<uint64_t>(count) * 8));
        for (int64_t i = 0; i < count; ++i)
          out->AppendFixed(LoadLittleEndian<double>(data + 8 * i));
        return Status::OK();
      case Type::kByteArray: {
        size_t pos = 0;
        for (int64_t i = 0; i < count; ++i) {
          if (size - pos < 4) return Short(i, count);
          uint32_t length = LoadLittleEndian<uint32_t>(data + pos);
          pos += 4;
          if (size - pos < length) return Short(i, count);
          INLET_RETURN_NOT_OK(AppendBytes(data + pos, length, out));
          pos += length;
        }
        return Status::OK();
      }
      case Type::kFixedLenByteArray: {
        size_t width = static_cast<size_t>(desc_.type_length);
        if (width == 0) {
          return Status::InvalidData(where_ + ": FIXED_LEN_BYTE_ARRAY of length 0");
        }
        INLET_RETURN_NOT_OK(CheckSize(size, static_cast<uint64_t>(count) * width));
        for (int64_t i = 0; i < count; ++i) {
          INLET_RETURN_NOT_OK(AppendBytes(data + i * width, width, out));
        }
        return Status::OK();
      }
    }
    return Status::InvalidData(where_ + ": unknown physical type");
  }

 private:
  Status CheckSize(size_t size, uint64_t needed) const {
    if (needed <= size) return Status::OK();
    return Status::InvalidData(where_ + ": page holds " + std::to_string(size) +
                               " bytes of values but needs " + std::to_string(needed));
  }

  Status Short(int64_t i, int64_t count) const {
    return Status::InvalidData(where_ + ": page ends after " + std::to_string(i) + " of " +
                               std::to_string(count) + " values");
  }

  Status OutOfRange(int64_t v) const {
    return Status::InvalidData(where_ + ": value " + std::to_string(v) + " does not fit " +
                               desc_.type.ToString());
  }

  Status AppendInteger(int64_t v, Column* out) const {
    switch (desc_.type.id()) {
      case TypeId::kTinyInt:
        if (v < INT8_MIN || v > INT8_MAX) return OutOfRange(v);
        out->AppendFixed(static_cast<int8_t>(v));
        return Status::OK();
      case TypeId::kSmallInt:
        if (v < INT16_MIN || v > INT16_MAX) return OutOfRange(v);
        out->AppendFixed(static_cast<int16_t>(v));
        return Status::OK();
      case TypeId::kInteger:
      case TypeId::kDate:
        if (v < INT32_MIN || v > INT32_MAX) return OutOfRange(v);
        out->AppendFixed(static_cast<int32_t>(v));
        return Status::OK();
      case TypeId::kDecimal:
        out->AppendFixed(static_cast<int128_t>(v));
        return Status::OK();
      default:  // BIGINT, TIMESTAMP, TIMESTAMPTZ
        if (desc_.conversion == ValueConversion::kTimeMillis) {
          if (__builtin_mul_overflow(v, int64_t{1000}, &v)) return OutOfRange(v);
        } else if (desc_.conversion == ValueConversion::kTimeNanos) {
          v = FloorDiv(v, 1000);
        }
        out->AppendFixed(v);
        return Status::OK();
    }
  }

  Status AppendBytes(const uint8_t* p, size_t length, Column* out) const {
    if (desc_.type.id() != TypeId::kDecimal) {
      out->AppendString(std::string_view(reinterpret_cast<const char*>(p), length));
      return Status::OK();
    }
    // Some writers store zero as an empty byte array.
    if (length == 0) {
      out->AppendFixed(int128_t{0});
      return Status::OK();
    }
    if (length > 16) {
      return Status::InvalidData(where_ + ": DECIMAL value of " + std::to_string(length) +
                                 " bytes");
    }
    // Big-endian two's complement: start from the sign, shift the bytes in.
    int128_t v = (p[0] & 0x80) ? -1 : 0;
    for (size_t b = 0; b < length; ++b) {
      v = static_cast<int128_t>((static_cast<unsigned __int128>(v) << 8) | p[b]);
    }
    out->AppendFixed(v);
    return Status::OK();
  }

  const ColumnDescriptor& desc_;
  const std::string& where_;
};

class ChunkReader {
 public:
  ChunkReader(const ColumnDescriptor& desc, Codec codec, const std::string& where)
      : desc_(desc), codec_(codec), where_(where), plain_(desc, where) {}

  Status Read(std::string_view chunk, int64_t num_rows, Column* out) {
    size_t pos = 0;
    int64_t rows = 0;
    while (rows < num_rows) {
      if (pos >= chunk.size()) {
        return Status::InvalidData(where_ + ": column chunk ends after " + std::to_string(rows) +
                                   " of " + std::to_string(num_rows) + " rows");
      }
      size_t header_size = 0;
      auto header = DeserializePageHeader(chunk.substr(pos), &header_size);
      if (!header.ok()) return header.status().WithContext(where_ + ": invalid page header");
      pos += header_size;
      const PageHeader& h = *header;
      if (h.compressed_page_size < 0 ||
          static_cast<size_t>(h.compressed_page_size) > chunk.size() - pos) {
        return Status::InvalidData(where_ + ": page of " + std::to_string(h.compressed_page_size) +
                                   " bytes runs past the end of the column chunk");
      }
      if (h.uncompressed_page_size < 0 || h.uncompressed_page_size > kMaxPageBytes) {
        return Status::InvalidData(where_ + ": page claims " +
                                   std::to_string(h.uncompressed_page_size) +
                                   " bytes uncompressed");
      }
      std::string_view page = chunk.substr(pos, static_cast<size_t>(h.compressed_page_size));
      pos += page.size();
      switch (h.type) {
        case PageType::kDictionaryPage:
          INLET_RETURN_NOT_OK(ReadDictionaryPage(h, page));
          break;
        case PageType::kDataPage:
        case PageType::kDataPageV2: {
          int64_t page_rows = 0;
          INLET_RETURN_NOT_OK(ReadDataPage(h, page, num_rows - rows, out, &page_rows));
          rows += page_rows;
          break;
        }
        default:
          break;  // index pages carry nothing we need
      }
    }
    return Status::OK();
  }

 private:
  Result<std::string> Decompress(std::string_view data, size_t uncompressed_size) {
    auto result = DecompressPage(codec_, data, uncompressed_size);
    if (!result.ok()) return result.status().WithContext(where_);
    return result;
  }

  Status ReadDictionaryPage(const PageHeader& h, std::string_view page) {
    if (!h.dictionary_page_header) {
      return Status::InvalidData(where_ + ": dictionary page without its header");
    }
    const DictionaryPageHeader& d = *h.dictionary_page_header;
    if (d.encoding != Encoding::kPlain && d.encoding != Encoding::kPlainDictionary) {
      return Status::NotImplemented(where_ + ": dictionary page encoding " +
                                    EncodingName(d.encoding));
    }
    INLET_ASSIGN_OR_RETURN(std::string bytes, Decompress(page, h.uncompressed_page_size));
    // Every dictionary entry takes at least one bit.
    if (d.num_values < 0 || static_cast<uint64_t>(d.num_values) > bytes.size() * 8) {
      return Status::InvalidData(where_ + ": dictionary page claims " +
                                 std::to_string(d.num_values) + " values in " +
                                 std::to_string(bytes.size()) + " bytes");
    }
    dictionary_ = std::make_unique<Column>(desc_.type);
    return plain_.Decode(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), d.num_values,
                         dictionary_.get());
  }

  Status ReadDataPage(const PageHeader& h, std::string_view page, int64_t rows_left, Column* out,
                      int64_t* page_rows) {
    bool v2 = h.type == PageType::kDataPageV2;
    if ((v2 && !h.data_page_header_v2) || (!v2 && !h.data_page_header)) {
      return Status::InvalidData(where_ + ": data page without its header");
    }
    int32_t num_values = v2 ? h.data_page_header_v2->num_values : h.data_page_header->num_values;
    Encoding encoding = v2 ? h.data_page_header_v2->encoding : h.data_page_header->encoding;
    if (num_values < 0 || num_values > rows_left) {
      return Status::InvalidData(where_ + ": data page claims " + std::to_string(num_values) +
                                 " values where " + std::to_string(rows_left) + " rows are left");
    }
    std::string buffer;  // owns decompressed bytes
    std::string_view levels;
    std::string_view values;
    if (!v2) {
      INLET_ASSIGN_OR_RETURN(buffer, Decompress(page, h.uncompressed_page_size));
      values = buffer;
      if (desc_.max_definition_level > 0) {
        if (h.data_page_header->definition_level_encoding != Encoding::kRle) {
          return Status::NotImplemented(
              where_ + ": definition level encoding " +
              EncodingName(h.data_page_header->definition_level_encoding));
        }
        if (values.size() < 4) return Status::InvalidData(where_ + ": data page too short");
        uint32_t length =
            LoadLittleEndian<uint32_t>(reinterpret_cast<const uint8_t*>(values.data()));
        if (length > values.size() - 4) {
          return Status::InvalidData(where_ + ": definition levels run past the page");
        }
        levels = values.substr(4, length);
        values.remove_prefix(4 + length);
      }
    } else {
      const DataPageHeaderV2& d = *h.data_page_header_v2;
      if (d.repetition_levels_byte_length < 0 || d.definition_levels_byte_length < 0 ||
          static_cast<int64_t>(d.repetition_levels_byte_length) + d.definition_levels_byte_length >
              static_cast<int64_t>(page.size())) {
        return Status::InvalidData(where_ + ": data page v2 level lengths exceed the page");
      }
      // Flat columns have no repetition levels; any bytes there are skipped.
      page.remove_prefix(static_cast<size_t>(d.repetition_levels_byte_length));
      levels = page.substr(0, static_cast<size_t>(d.definition_levels_byte_length));
      page.remove_prefix(levels.size());
      int64_t levels_size = d.repetition_levels_byte_length + d.definition_levels_byte_length;
      if (d.is_compressed && codec_ != Codec::kUncompressed) {
        if (h.uncompressed_page_size < levels_size) {
          return Status::InvalidData(where_ + ": data page v2 sizes are inconsistent");
        }
        INLET_ASSIGN_OR_RETURN(
            buffer, Decompress(page, static_cast<size_t>(h.uncompressed_page_size - levels_size)));
        values = buffer;
      } else {
        values = page;
      }
    }

    std::vector<uint32_t> def_levels;
    int64_t non_null = num_values;
    if (desc_.max_definition_level > 0) {
      def_levels.resize(static_cast<size_t>(num_values));
      RleBitPackedDecoder decoder(reinterpret_cast<const uint8_t*>(levels.data()), levels.size(),
                                  BitWidthFor(static_cast<uint64_t>(desc_.max_definition_level)));
      Status st = decoder.Get(def_levels.data(), num_values);
      if (!st.ok()) return st.WithContext(where_ + ": definition levels");
      non_null = 0;
      for (uint32_t level : def_levels) {
        if (level > static_cast<uint32_t>(desc_.max_definition_level)) {
          return Status::InvalidData(where_ + ": definition level " + std::to_string(level) +
                                     " above the maximum");
        }
        non_null += level == static_cast<uint32_t>(desc_.max_definition_level);
      }
    }
    *page_rows = num_values;
    return DecodeValues(encoding, values, num_values, non_null, def_levels, out);
  }

  Status DecodeValues(Encoding encoding, std::string_view values, int64_t num_values,
                      int64_t non_null, const std::vector<uint32_t>& def_levels, Column* out) {
    const auto* data = reinterpret_cast<const uint8_t*>(values.data());
    const Column* source = nullptr;
    std::vector<uint32_t> indices;
    Column plain_values(desc_.type);
    if (encoding == Encoding::kPlain) {
      if (non_null == num_values) return plain_.Decode(data, values.size(), num_values, out);
      INLET_RETURN_NOT_OK(plain_.Decode(data, values.size(), non_null, &plain_values));
      source = &plain_values;
    } else if (encoding == Encoding::kRle && desc_.physical == Type::kBoolean) {
      INLET_RETURN_NOT_OK(DecodeRleBooleans(values, non_null, &plain_values));
      source = &plain_values;
    } else if (encoding == Encoding::kRleDictionary || encoding == Encoding::kPlainDictionary) {
      if (!dictionary_) {
        return Status::InvalidData(where_ + ": dictionary-encoded page without a dictionary");
      }
      if (non_null > 0) {
        if (values.empty() || data[0] > 32) {
          return Status::InvalidData(where_ + ": invalid dictionary index bit width");
        }
        indices.resize(static_cast<size_t>(non_null));
        RleBitPackedDecoder decoder(data + 1, values.size() - 1, data[0]);
        Status st = decoder.Get(indices.data(), non_null);
        if (!st.ok()) return st.WithContext(where_ + ": dictionary indices");
        for (uint32_t index : indices) {
          if (index >= dictionary_->size()) {
            return Status::InvalidData(where_ + ": dictionary index " + std::to_string(index) +
                                       " past the dictionary's " +
                                       std::to_string(dictionary_->size()) + " entries");
          }
        }
      }
      source = dictionary_.get();
    } else {
      return Status::NotImplemented(where_ + ": encoding " + EncodingName(encoding) +
                                    " is not supported yet");
    }
    // Interleave the decoded values with the NULLs the definition levels place.
    int64_t next = 0;
    for (int64_t i = 0; i < num_values; ++i) {
      if (!def_levels.empty() &&
          def_levels[i] != static_cast<uint32_t>(desc_.max_definition_level)) {
        out->AppendNull();
        continue;
      }
      out->AppendFrom(*source, indices.empty() ? next : indices[next]);
      ++next;
    }
    return Status::OK();
  }

  // RLE-encoded booleans: a 4-byte length, then the hybrid encoding with bit width 1.
  Status DecodeRleBooleans(std::string_view values, int64_t count, Column* out) {
    if (values.size() < 4) return Status::InvalidData(where_ + ": RLE boolean page too short");
    uint32_t length = LoadLittleEndian<uint32_t>(reinterpret_cast<const uint8_t*>(values.data()));
    if (length > values.size() - 4) {
      return Status::InvalidData(where_ + ": RLE booleans run past the page");
    }
    std::vector<uint32_t> bits(static_cast<size_t>(count));
    RleBitPackedDecoder decoder(reinterpret_cast<const uint8_t*>(values.data()) + 4, length, 1);
    Status st = decoder.Get(bits.data(), count);
    if (!st.ok()) return st.WithContext(where_ + ": RLE booleans");
    for (uint32_t bit : bits) out->AppendBool(bit != 0);
    return Status::OK();
  }

  const ColumnDescriptor& desc_;
  Codec codec_;
  const std::string& where_;
  PlainDecoder plain_;
  std::unique_ptr<Column> dictionary_;
};

}  // namespace

Status ReadColumnChunk(const ColumnDescriptor& desc, Codec codec, std::string_view chunk,
                       int64_t num_rows, const std::string& where, Column* out) {
  ChunkReader reader(desc, codec, where);
  return reader.Read(chunk, num_rows, out);
}

}  // namespace inlet::parquet

#include "delta/deletion_vector.h"

#include <zlib.h>

#include <algorithm>
#include <array>

#include "delta/json_reader.h"
#include "delta/log_files.h"

namespace inlet {

namespace {

constexpr char kZ85Alphabet[] =
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";
constexpr uint32_t kRoaringBitmapArrayMagic = 1681511377;
constexpr uint32_t kSerialCookieNoRunContainer = 12346;
constexpr uint32_t kSerialCookie = 12347;
constexpr uint32_t kNoOffsetThreshold = 4;
constexpr uint32_t kMaxArrayContainerSize = 4096;
constexpr size_t kBitmapContainerBytes = 8192;
constexpr int kUuidZ85Length = 20;

// Bounds-checked little-endian reads over the serialized bitmap.
class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : bytes_(bytes) {}

  size_t position() const { return pos_; }

  template <typename T>
  Result<T> Read(const char* what) {
    if (bytes_.size() - pos_ < sizeof(T)) return Truncated(what);
    T v = 0;
    for (size_t i = 0; i < sizeof(T); ++i) {
      v |= static_cast<T>(static_cast<uint8_t>(bytes_[pos_ + i])) << (8 * i);
    }
    pos_ += sizeof(T);
    return v;
  }

  Result<std::string_view> Take(size_t n, const char* what) {
    if (bytes_.size() - pos_ < n) return Truncated(what);
    std::string_view out = bytes_.substr(pos_, n);
    pos_ += n;
    return out;
  }

 private:
  Status Truncated(const char* what) const {
    return Status::InvalidData("deletion vector bitmap ends inside its " + std::string(what) +
                               " (at byte " + std::to_string(pos_) + " of " +
                               std::to_string(bytes_.size()) + ")");
  }

  std::string_view bytes_;
  size_t pos_ = 0;
};

uint16_t LoadU16(std::string_view bytes, size_t i) {
  return static_cast<uint16_t>(static_cast<uint8_t>(bytes[2 * i]) |
                               (static_cast<uint8_t>(bytes[2 * i + 1]) << 8));
}

uint32_t LoadBigEndian32(std::string_view bytes) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(bytes[i]);
  return v;
}

Status OutOfOrder() {
  return Status::InvalidData("deletion vector bitmap holds keys or values out of order");
}

// One 32-bit portable Roaring bitmap whose values all have `high` as their upper 32 bits.
Status ParseRoaring32(ByteReader* reader, uint64_t high, RowIndexSet* out, uint64_t* last_end) {
  INLET_ASSIGN_OR_RETURN(uint32_t cookie, reader->Read<uint32_t>("header"));
  uint32_t containers = 0;
  bool has_runs = (cookie & 0xFFFF) == kSerialCookie;
  std::string_view run_flags;
  if (has_runs) {
    containers = (cookie >> 16) + 1;
    INLET_ASSIGN_OR_RETURN(run_flags, reader->Take((containers + 7) / 8, "run flags"));
  } else if (cookie == kSerialCookieNoRunContainer) {
    INLET_ASSIGN_OR_RETURN(containers, reader->Read<uint32_t>("container count"));
  } else {
    return Status::InvalidData("deletion vector bitmap has an unknown Roaring cookie " +
                               std::to_string(cookie));
  }
  // Each container takes at least 4 header bytes: a count past what is left is corrupt, and
  // checking it first keeps a bad count from reserving memory.
  INLET_ASSIGN_OR_RETURN(std::string_view headers,
                         reader->Take(static_cast<size_t>(containers) * 4, "container headers"));
  if (!has_runs || containers >= kNoOffsetThreshold) {
    INLET_RETURN_NOT_OK(
        reader->Take(static_cast<size_t>(containers) * 4, "container offsets").status());
  }
  for (uint32_t c = 0; c < containers; ++c) {
    uint64_t base = (high << 32) | (static_cast<uint64_t>(LoadU16(headers, 2 * c)) << 16);
    uint32_t cardinality = static_cast<uint32_t>(LoadU16(headers, 2 * c + 1)) + 1;
    auto add = [&](uint64_t begin, uint64_t end) -> Status {
      if (begin < *last_end) return OutOfOrder();
      out->AddRange(begin, end);
      *last_end = end;
      return Status::OK();
    };
    bool is_run = has_runs && ((static_cast<uint8_t>(run_flags[c / 8]) >> (c % 8)) & 1);
    if (is_run) {
      INLET_ASSIGN_OR_RETURN(uint16_t runs, reader->Read<uint16_t>("run count"));
      INLET_ASSIGN_OR_RETURN(std::string_view data, reader->Take(size_t{runs} * 4, "runs"));
      for (uint16_t r = 0; r < runs; ++r) {
        uint64_t start = LoadU16(data, 2 * r);
        uint64_t length = LoadU16(data, 2 * r + 1);
        if (start + length > 0xFFFF) return OutOfOrder();
        INLET_RETURN_NOT_OK(add(base + start, base + start + length + 1));
      }
    } else if (cardinality <= kMaxArrayContainerSize) {
      INLET_ASSIGN_OR_RETURN(std::string_view data,
                             reader->Take(size_t{cardinality} * 2, "array container"));
      for (uint32_t i = 0; i < cardinality; ++i) {
        uint64_t value = base + LoadU16(data, i);
        INLET_RETURN_NOT_OK(add(value, value + 1));
      }
    } else {
      INLET_ASSIGN_OR_RETURN(std::string_view data,
                             reader->Take(kBitmapContainerBytes, "bitmap container"));
      // Runs of set bits become ranges, so a dense container stays small.
      for (uint64_t bit = 0; bit < 65536;) {
        bool set = (static_cast<uint8_t>(data[bit / 8]) >> (bit % 8)) & 1;
        if (!set) {
          ++bit;
          continue;
        }
        uint64_t end = bit;
        while (end < 65536 && ((static_cast<uint8_t>(data[end / 8]) >> (end % 8)) & 1)) ++end;
        INLET_RETURN_NOT_OK(add(base + bit, base + end));
        bit = end;
      }
    }
  }
  return Status::OK();
}

std::string UuidText(std::string_view bytes) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[static_cast<uint8_t>(bytes[i]) >> 4];
    out += kHex[static_cast<uint8_t>(bytes[i]) & 15];
  }
  return out;
}

// Where a 'u' or 'p' deletion vector's file is, as DeltaTable::DataFilePath resolves a data file.
Result<std::string> DeletionVectorFilePath(const std::string& table_root,
                                           const DeletionVectorDescriptor& dv) {
  if (dv.storage_type == 'p') {
    INLET_ASSIGN_OR_RETURN(std::string path, DataPathKey(dv.path_or_inline_dv));
    return path;
  }
  const std::string& text = dv.path_or_inline_dv;
  if (text.size() < kUuidZ85Length) {
    return Status::InvalidData("deletion vector path '" + text + "' is shorter than a UUID");
  }
  std::string prefix = text.substr(0, text.size() - kUuidZ85Length);
  INLET_ASSIGN_OR_RETURN(std::string uuid, DecodeZ85(text.substr(prefix.size())));
  std::string name = "deletion_vector_" + UuidText(uuid) + ".bin";
  return JoinPath(table_root, prefix.empty() ? name : JoinPath(prefix, name));
}

}  // namespace

std::string DeletionVectorDescriptor::UniqueId() const {
  std::string id = std::string(1, storage_type) + path_or_inline_dv;
  if (offset) id += "@" + std::to_string(*offset);
  return id;
}

Result<DeletionVectorDescriptor> ParseDeletionVectorDescriptor(std::string_view json) {
  simdjson::dom::parser parser;
  INLET_ASSIGN_OR_RETURN(simdjson::dom::element element,
                         ParseJson(&parser, json, "deletionVector"));
  INLET_ASSIGN_OR_RETURN(JsonObjectReader r, JsonObjectReader::Make(element, "deletionVector"));
  DeletionVectorDescriptor dv;
  INLET_ASSIGN_OR_RETURN(std::string type, r.RequiredString("storageType"));
  if (type != "u" && type != "p" && type != "i") {
    return Status::InvalidData("deletionVector: unknown storageType '" + type +
                               "' (expected u, p or i)");
  }
  dv.storage_type = type[0];
  INLET_ASSIGN_OR_RETURN(dv.path_or_inline_dv, r.RequiredString("pathOrInlineDv"));
  INLET_ASSIGN_OR_RETURN(dv.offset, r.OptionalInt("offset"));
  INLET_ASSIGN_OR_RETURN(dv.size_in_bytes, r.RequiredInt("sizeInBytes"));
  INLET_ASSIGN_OR_RETURN(dv.cardinality, r.RequiredInt("cardinality"));
  if (dv.size_in_bytes < 0 || dv.cardinality < 0 || (dv.offset && *dv.offset < 0)) {
    return Status::InvalidData("deletionVector: negative offset, sizeInBytes or cardinality");
  }
  return dv;
}

Result<std::string> LogicalFileKey(const std::string& path_key,
                                   const std::optional<std::string>& deletion_vector_json) {
  if (!deletion_vector_json) return path_key;
  INLET_ASSIGN_OR_RETURN(DeletionVectorDescriptor dv,
                         ParseDeletionVectorDescriptor(*deletion_vector_json));
  return path_key + "#" + dv.UniqueId();
}

Result<std::string> DecodeZ85(std::string_view text) {
  static const std::array<int8_t, 256> kDigits = [] {
    std::array<int8_t, 256> digits;
    digits.fill(-1);
    for (int i = 0; i < 85; ++i)
      digits[static_cast<uint8_t>(kZ85Alphabet[i])] = static_cast<int8_t>(i);
    return digits;
  }();
  if (text.size() % 5 != 0) {
    return Status::InvalidData("Z85 text of " + std::to_string(text.size()) +
                               " characters is not a multiple of 5 long");
  }
  std::string out;
  out.reserve(text.size() / 5 * 4);
  for (size_t i = 0; i < text.size(); i += 5) {
    uint64_t value = 0;
    for (size_t j = i; j < i + 5; ++j) {
      int digit = kDigits[static_cast<uint8_t>(text[j])];
      if (digit < 0) {
        return Status::InvalidData("'" + std::string(1, text[j]) + "' at offset " +
                                   std::to_string(j) + " is not a Z85 character");
      }
      value = value * 85 + static_cast<uint64_t>(digit);
    }
    if (value > 0xFFFFFFFFu) {
      return Status::InvalidData("Z85 group at offset " + std::to_string(i) + " overflows 32 bits");
    }
    for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((value >> shift) & 0xFF);
  }
  return out;
}

bool RowIndexSet::Contains(uint64_t row) const {
  if (ranges_.empty()) return false;
  if (cursor_ >= ranges_.size() || ranges_[cursor_].first > row) {
    // Not ascending from the last question: binary search.
    auto it = std::upper_bound(ranges_.begin(), ranges_.end(), row,
                               [](uint64_t v, const auto& range) { return v < range.first; });
    if (it == ranges_.begin()) return false;
    cursor_ = static_cast<size_t>(it - ranges_.begin()) - 1;
  }
  while (cursor_ + 1 < ranges_.size() && ranges_[cursor_ + 1].first <= row) ++cursor_;
  return row >= ranges_[cursor_].first && row < ranges_[cursor_].second;
}

void RowIndexSet::AddRange(uint64_t begin, uint64_t end) {
  size_ += end - begin;
  if (!ranges_.empty() && ranges_.back().second == begin) {
    ranges_.back().second = end;
    return;
  }
  ranges_.emplace_back(begin, end);
}

Result<RowIndexSet> ParseRoaringBitmapArray(std::string_view bytes) {
  ByteReader reader(bytes);
  INLET_ASSIGN_OR_RETURN(uint32_t magic, reader.Read<uint32_t>("magic number"));
  if (magic != kRoaringBitmapArrayMagic) {
    return Status::InvalidData("deletion vector has magic number " + std::to_string(magic) +
                               ", not " + std::to_string(kRoaringBitmapArrayMagic));
  }
  INLET_ASSIGN_OR_RETURN(uint64_t buckets, reader.Read<uint64_t>("bucket count"));
  RowIndexSet set;
  uint64_t last_end = 0;
  int64_t last_key = -1;
  for (uint64_t b = 0; b < buckets; ++b) {
    INLET_ASSIGN_OR_RETURN(uint32_t key, reader.Read<uint32_t>("bucket key"));
    if (key >> 31) {
      return Status::InvalidData("deletion vector bucket key " + std::to_string(key) +
                                 " has its top bit set");
    }
    if (static_cast<int64_t>(key) <= last_key) return OutOfOrder();
    last_key = key;
    INLET_RETURN_NOT_OK(ParseRoaring32(&reader, key, &set, &last_end));
  }
  if (reader.position() != bytes.size()) {
    return Status::InvalidData("deletion vector has " +
                               std::to_string(bytes.size() - reader.position()) +
                               " bytes after its bitmap");
  }
  return set;
}

Result<RowIndexSet> LoadDeletionVector(FileSystem* fs, const std::string& table_root,
                                       const DeletionVectorDescriptor& dv) {
  std::string where = "inline deletion vector";
  Result<RowIndexSet> set = [&]() -> Result<RowIndexSet> {
    if (dv.storage_type == 'i') {
      INLET_ASSIGN_OR_RETURN(std::string bytes, DecodeZ85(dv.path_or_inline_dv));
      if (static_cast<size_t>(dv.size_in_bytes) > bytes.size()) {
        return Status::InvalidData("sizeInBytes " + std::to_string(dv.size_in_bytes) +
                                   " is past the " + std::to_string(bytes.size()) +
                                   " bytes it encodes");
      }
      return ParseRoaringBitmapArray(std::string_view(bytes).substr(0, dv.size_in_bytes));
    }
    INLET_ASSIGN_OR_RETURN(where, DeletionVectorFilePath(table_root, dv));
    INLET_ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> file, fs->OpenInputFile(where));
    INLET_ASSIGN_OR_RETURN(int64_t file_size, file->GetSize());
    int64_t offset = dv.offset.value_or(0);
    // Checked before reading, so that a corrupt size cannot ask for a huge buffer.
    if (offset < 1 || offset > file_size || file_size - offset < dv.size_in_bytes + 8) {
      return Status::InvalidData("the deletion vector at offset " + std::to_string(offset) +
                                 " with " + std::to_string(dv.size_in_bytes) +
                                 " bytes is not inside the " + std::to_string(file_size) +
                                 "-byte file");
    }
    INLET_ASSIGN_OR_RETURN(std::string version, file->ReadRange(0, 1));
    if (version[0] != 1) {
      return Status::InvalidData("unknown deletion vector file format version " +
                                 std::to_string(static_cast<uint8_t>(version[0])));
    }
    INLET_ASSIGN_OR_RETURN(std::string framed, file->ReadRange(offset, dv.size_in_bytes + 8));
    std::string_view view(framed);
    uint32_t data_size = LoadBigEndian32(view);
    if (data_size != static_cast<uint64_t>(dv.size_in_bytes)) {
      return Status::InvalidData("the deletion vector at offset " + std::to_string(offset) +
                                 " holds " + std::to_string(data_size) +
                                 " bytes, but the log says " + std::to_string(dv.size_in_bytes));
    }
    std::string_view data = view.substr(4, data_size);
    uint32_t checksum = LoadBigEndian32(view.substr(4 + data_size));
    uint32_t actual = static_cast<uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
    if (checksum != actual) {
      return Status::InvalidData("the deletion vector at offset " + std::to_string(offset) +
                                 " fails its CRC-32 check");
    }
    return ParseRoaringBitmapArray(data);
  }();
  if (!set.ok()) return set.status().WithContext(where);
  if (set->size() != static_cast<uint64_t>(dv.cardinality)) {
    return Status::InvalidData(where + ": the deletion vector holds " +
                               std::to_string(set->size()) + " rows, but its cardinality is " +
                               std::to_string(dv.cardinality));
  }
  return set;
}

}  // namespace inlet

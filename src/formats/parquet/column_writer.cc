#include "formats/parquet/column_writer.h"

#include <cmath>
#include <cstring>

#include "formats/parquet/parquet_codec.h"
#include "formats/parquet/rle_encoding.h"

namespace inlet::parquet {

namespace {

// How often (in rows) the page size is compared with the limit; checking every row costs more
// than the slightly larger pages this allows.
constexpr int64_t kPageCheckInterval = 128;

template <typename T>
void PutLittleEndian(T v, std::string* out) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &v, sizeof(T));  // inlet only builds on little-endian machines
  out->append(bytes, sizeof(T));
}

void PutBigEndianDecimal(int128_t v, int width, std::string* out) {
  for (int i = width - 1; i >= 0; --i) {
    out->push_back(static_cast<char>(static_cast<uint8_t>(v >> (8 * i))));
  }
}

// Orders two non-NULL values of the same type as Parquet's type-defined sort order does: signed
// for numbers, unsigned bytewise for strings and binary.
int CompareStatValues(const Value& a, const Value& b) {
  auto three_way = [](const auto& x, const auto& y) { return x < y ? -1 : (y < x ? 1 : 0); };
  switch (a.type().id()) {
    case TypeId::kBoolean:
      return three_way(a.GetBool(), b.GetBool());
    case TypeId::kFloat:
    case TypeId::kDouble:
      return three_way(a.GetDouble(), b.GetDouble());
    case TypeId::kDecimal:
      return three_way(a.GetDecimal(), b.GetDecimal());
    case TypeId::kVarchar:
    case TypeId::kBinary:
      return a.GetString().compare(b.GetString());
    default:
      return three_way(a.GetInt(), b.GetInt());
  }
}

// Rows of the minimum and maximum non-NULL (and non-NaN) value in [begin, end), or -1.
template <typename Get>
void FindMinMaxRows(const Column& c, int64_t begin, int64_t end, Get get, int64_t* min_row,
                    int64_t* max_row) {
  *min_row = *max_row = -1;
  for (int64_t i = begin; i < end; ++i) {
    if (c.IsNull(i)) continue;
    auto v = get(i);
    if constexpr (std::is_floating_point_v<decltype(v)>) {
      if (std::isnan(v)) continue;  // NaN has no place in min/max (parquet.thrift)
    }
    if (*min_row < 0) {
      *min_row = *max_row = i;
      continue;
    }
    if (v < get(*min_row)) *min_row = i;
    if (get(*max_row) < v) *max_row = i;
  }
}

// The PLAIN bytes Statistics.min_value / max_value hold for `v`.
std::string EncodeStatValue(const ColumnDescriptor& desc, const Value& v) {
  std::string out;
  switch (desc.physical) {
    case Type::kBoolean:
      out.push_back(v.GetBool() ? 1 : 0);
      break;
    case Type::kInt32:
      PutLittleEndian(
          static_cast<int32_t>(desc.type.id() == TypeId::kDecimal ? v.GetDecimal() : v.GetInt()),
          &out);
      break;
    case Type::kInt64:
      PutLittleEndian(
          static_cast<int64_t>(desc.type.id() == TypeId::kDecimal ? v.GetDecimal() : v.GetInt()),
          &out);
      break;
    case Type::kFloat:
      PutLittleEndian(static_cast<float>(v.GetDouble()), &out);
      break;
    case Type::kDouble:
      PutLittleEndian(v.GetDouble(), &out);
      break;
    case Type::kByteArray:
      out = v.GetString();
      break;
    case Type::kFixedLenByteArray:
      PutBigEndianDecimal(v.GetDecimal(), desc.type_length, &out);
      break;
    case Type::kInt96:
      break;
  }
  return out;
}

}  // namespace

void MergeStatistics(const ColumnStatistics& chunk, ColumnStatistics* total) {
  total->null_count += chunk.null_count;
  if (!chunk.has_min_max) return;
  if (!total->has_min_max) {
    total->has_min_max = true;
    total->min = chunk.min;
    total->max = chunk.max;
    return;
  }
  if (CompareStatValues(chunk.min, total->min) < 0) total->min = chunk.min;
  if (CompareStatValues(chunk.max, total->max) > 0) total->max = chunk.max;
}

ColumnChunkWriter::ColumnChunkWriter(ColumnDescriptor desc, const ColumnWriterSettings& settings)
    : desc_(std::move(desc)),
      settings_(settings),
      // Booleans take one bit PLAIN; a dictionary cannot beat that.
      use_dictionary_(settings.dictionary && desc_.physical != Type::kBoolean) {}

void ColumnChunkWriter::AppendPlain(const Column& c, int64_t row, std::string* out) const {
  switch (desc_.type.id()) {
    case TypeId::kTinyInt:
      PutLittleEndian<int32_t>(c.GetFixed<int8_t>(row), out);
      break;
    case TypeId::kSmallInt:
      PutLittleEndian<int32_t>(c.GetFixed<int16_t>(row), out);
      break;
    case TypeId::kInteger:
    case TypeId::kDate:
      PutLittleEndian(c.GetFixed<int32_t>(row), out);
      break;
    case TypeId::kBigInt:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      PutLittleEndian(c.GetFixed<int64_t>(row), out);
      break;
    case TypeId::kFloat:
      PutLittleEndian(c.GetFixed<float>(row), out);
      break;
    case TypeId::kDouble:
      PutLittleEndian(c.GetFixed<double>(row), out);
      break;
    case TypeId::kDecimal: {
      int128_t v = c.GetFixed<int128_t>(row);
      if (desc_.physical == Type::kInt32) {
        PutLittleEndian(static_cast<int32_t>(v), out);
      } else if (desc_.physical == Type::kInt64) {
        PutLittleEndian(static_cast<int64_t>(v), out);
      } else {
        PutBigEndianDecimal(v, desc_.type_length, out);
      }
      break;
    }
    case TypeId::kVarchar:
    case TypeId::kBinary: {
      std::string_view s = c.GetString(row);
      PutLittleEndian(static_cast<uint32_t>(s.size()), out);
      out->append(s);
      break;
    }
    case TypeId::kBoolean:
      INLET_DCHECK(false);  // booleans are bit-packed by AddValue
      break;
  }
}

void ColumnChunkWriter::AddValue(const Column& c, int64_t row) {
  if (desc_.physical == Type::kBoolean) {
    if (page_bools_ % 8 == 0) page_plain_.push_back(0);
    if (c.GetBool(row))
      page_plain_.back() = static_cast<char>(page_plain_.back() | (1 << (page_bools_ % 8)));
    ++page_bools_;
    return;
  }
  if (!use_dictionary_) {
    AppendPlain(c, row, &page_plain_);
    return;
  }
  scratch_.clear();
  AppendPlain(c, row, &scratch_);
  auto it = dictionary_.find(std::string_view(scratch_));
  if (it != dictionary_.end()) {
    page_indices_.push_back(it->second);
    return;
  }
  uint32_t index = static_cast<uint32_t>(dictionary_.size());
  dictionary_.emplace(scratch_, index);
  dictionary_plain_ += scratch_;
  page_indices_.push_back(index);
}

void ColumnChunkWriter::UpdateStatistics(const Column& c, int64_t begin, int64_t end) {
  if (c.null_count() > 0) {
    for (int64_t i = begin; i < end; ++i) stats_.null_count += c.IsNull(i) ? 1 : 0;
  }
  int64_t min_row = -1;
  int64_t max_row = -1;
  switch (desc_.type.id()) {
    case TypeId::kBoolean:
      FindMinMaxRows(
          c, begin, end, [&](int64_t i) { return c.GetBool(i); }, &min_row, &max_row);
      break;
    case TypeId::kTinyInt:
      FindMinMaxRows(
          c, begin, end, [&](int64_t i) { return c.GetFixed<int8_t>(i); }, &min_row, &max_row);
      break;
    case TypeId::kSmallInt:
      FindMinMaxRows(
          c, begin, end, [&](int64_t i) { return c.GetFixed<int16_t>(i); }, &min_row, &max_row);
      break;
    case TypeId::kInteger:
    case TypeId::kDate:
      FindMinMaxRows(
          c, begin, end, [&](int64_t i) { return c.GetFixed<int32_t>(i); }, &min_row, &max_row);
      break;
    case TypeId::kBigInt:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      FindMinMaxRows(
          c, begin, end, [&](int64_t i) { return c.GetFixed<int64_t>(i); }, &min_row, &max_row);
      break;
    case TypeId::kFloat:
      FindMinMaxRows(
          c, begin, end, [&](int64_t i) { return c.GetFixed<float>(i); }, &min_row, &max_row);
      break;
    case TypeId::kDouble:
      FindMinMaxRows(
          c, begin, end, [&](int64_t i) { return c.GetFixed<double>(i); }, &min_row, &max_row);
      break;
    case TypeId::kDecimal:
      FindMinMaxRows(
          c, begin, end, [&](int64_t i) { return c.GetFixed<int128_t>(i); }, &min_row, &max_row);
      break;
    case TypeId::kVarchar:
    case TypeId::kBinary:
      FindMinMaxRows(
          c, begin, end, [&](int64_t i) { return c.GetString(i); }, &min_row, &max_row);
      break;
  }
  if (min_row < 0) return;
  ColumnStatistics range;
  range.has_min_max = true;
  range.min = c.GetValue(min_row);
  range.max = c.GetValue(max_row);
  MergeStatistics(range, &stats_);
}

Status ColumnChunkWriter::Write(const Column& c, int64_t begin, int64_t end) {
  if (desc_.max_definition_level == 0 && c.null_count() > 0) {
    for (int64_t i = begin; i < end; ++i) {
      if (c.IsNull(i)) {
        return Status::InvalidArgument("column \"" + desc_.name +
                                       "\" is NOT NULL but a NULL was written to it");
      }
    }
  }
  UpdateStatistics(c, begin, end);
  for (int64_t i = begin; i < end; ++i) {
    bool valid = !c.IsNull(i);
    if (desc_.max_definition_level > 0) page_def_levels_.push_back(valid ? 1 : 0);
    if (valid) {
      size_t dictionary_before = dictionary_.size();
      AddValue(c, i);
      if (dictionary_.size() != dictionary_before &&
          static_cast<int64_t>(dictionary_plain_.size()) > settings_.dictionary_page_bytes) {
        // The values so far stay dictionary encoded; the rest of the chunk goes PLAIN.
        ++page_rows_;
        INLET_RETURN_NOT_OK(FlushPage());
        use_dictionary_ = false;
        continue;
      }
    }
    ++page_rows_;
    if (page_rows_ % kPageCheckInterval == 0) {
      int64_t page_bytes = static_cast<int64_t>(page_plain_.size()) +
                           static_cast<int64_t>(page_indices_.size()) * DictionaryBitWidth() / 8;
      if (page_bytes >= settings_.data_page_bytes) INLET_RETURN_NOT_OK(FlushPage());
    }
  }
  num_rows_ += end - begin;
  return Status::OK();
}

int ColumnChunkWriter::DictionaryBitWidth() const {
  return BitWidthFor(dictionary_.empty() ? 0 : dictionary_.size() - 1);
}

int64_t ColumnChunkWriter::EstimatedSize() const {
  return static_cast<int64_t>(pages_.size() + page_plain_.size() + dictionary_plain_.size()) +
         static_cast<int64_t>(page_indices_.size()) * DictionaryBitWidth() / 8 +
         static_cast<int64_t>(page_def_levels_.size()) / 8;
}

Status ColumnChunkWriter::AppendPage(PageType type, const std::string& body, int32_t num_values,
                                     Encoding encoding) {
  INLET_ASSIGN_OR_RETURN(std::string compressed,
                         CompressPage(settings_.codec, settings_.zstd_level, body));
  if (body.size() > INT32_MAX || compressed.size() > INT32_MAX) {
    return Status::InvalidArgument("column \"" + desc_.name + "\": a Parquet page exceeds 2 GiB");
  }
  PageHeader header;
  header.type = type;
  header.uncompressed_page_size = static_cast<int32_t>(body.size());
  header.compressed_page_size = static_cast<int32_t>(compressed.size());
  if (type == PageType::kDictionaryPage) {
    header.dictionary_page_header = DictionaryPageHeader{num_values, encoding, std::nullopt};
  } else {
    header.data_page_header = DataPageHeader{num_values, encoding, Encoding::kRle, Encoding::kRle};
  }
  std::string header_bytes = SerializePageHeader(header);
  pages_uncompressed_size_ += static_cast<int64_t>(header_bytes.size() + body.size());
  pages_ += header_bytes;
  pages_ += compressed;
  return Status::OK();
}

Status ColumnChunkWriter::FlushPage() {
  if (page_rows_ == 0) return Status::OK();
  std::string body;
  if (desc_.max_definition_level > 0) {
    std::string levels;
    EncodeRleBitPacked(page_def_levels_, 1, &levels);
    uint32_t length = static_cast<uint32_t>(levels.size());
    body.append(reinterpret_cast<const char*>(&length), 4);
    body += levels;
  }
  Encoding encoding = Encoding::kPlain;
  if (use_dictionary_ && !page_indices_.empty()) {
    int bit_width = DictionaryBitWidth();
    body.push_back(static_cast<char>(bit_width));
    EncodeRleBitPacked(page_indices_, bit_width, &body);
    encoding = Encoding::kRleDictionary;
    used_dictionary_ = true;
  } else {
    body += page_plain_;
    used_plain_ = true;
  }
  if (page_rows_ > INT32_MAX) return Status::Internal("Parquet page with over 2^31 rows");
  INLET_RETURN_NOT_OK(
      AppendPage(PageType::kDataPage, body, static_cast<int32_t>(page_rows_), encoding));
  page_def_levels_.clear();
  page_indices_.clear();
  page_plain_.clear();
  page_rows_ = 0;
  page_bools_ = 0;
  return Status::OK();
}

Status ColumnChunkWriter::WriteTo(OutputStream* out, ColumnChunk* chunk) {
  INLET_RETURN_NOT_OK(FlushPage());
  std::string data_pages = std::move(pages_);
  int64_t data_uncompressed = pages_uncompressed_size_;
  pages_.clear();
  pages_uncompressed_size_ = 0;

  ColumnMetaData& meta = chunk->meta_data.emplace();
  int64_t start = out->Tell();
  if (used_dictionary_) {
    INLET_RETURN_NOT_OK(AppendPage(PageType::kDictionaryPage, dictionary_plain_,
                                   static_cast<int32_t>(dictionary_.size()), Encoding::kPlain));
    meta.dictionary_page_offset = start;
    INLET_RETURN_NOT_OK(out->Write(pages_));
  }
  meta.data_page_offset = out->Tell();
  INLET_RETURN_NOT_OK(out->Write(data_pages));

  meta.type = desc_.physical;
  meta.encodings = {Encoding::kPlain, Encoding::kRle};
  if (used_dictionary_) meta.encodings.push_back(Encoding::kRleDictionary);
  meta.path_in_schema = {desc_.name};
  meta.codec = settings_.codec;
  meta.num_values = num_rows_;
  meta.total_uncompressed_size = data_uncompressed + pages_uncompressed_size_;
  meta.total_compressed_size = out->Tell() - start;
  Statistics& s = meta.statistics.emplace();
  s.null_count = stats_.null_count;
  if (stats_.has_min_max) {
    Value min = stats_.min;
    Value max = stats_.max;
    // A zero bound must cover both signed zeros (parquet.thrift, Statistics).
    if (min.type().id() == TypeId::kFloat || min.type().id() == TypeId::kDouble) {
      if (min.GetDouble() == 0)
        min = desc_.type.id() == TypeId::kFloat ? Value::Float(-0.0f) : Value::Double(-0.0);
      if (max.GetDouble() == 0)
        max = desc_.type.id() == TypeId::kFloat ? Value::Float(0.0f) : Value::Double(0.0);
    }
    s.min_value = EncodeStatValue(desc_, min);
    s.max_value = EncodeStatValue(desc_, max);
  }
  chunk->file_offset = start;
  return Status::OK();
}

}  // namespace inlet::parquet

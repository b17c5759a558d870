#include "formats/parquet/column_writer.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <type_traits>

#include "formats/parquet/parquet_codec.h"
#include "formats/parquet/rle_encoding.h"

namespace inlet::parquet {

namespace {

// How often (in rows) the page size is compared with the limit; checking every row costs more
// than the slightly larger pages this allows.
constexpr int64_t kPageCheckInterval = 128;

// Like Arrow (its max_statistics_size, after parquet-mr), a chunk's min or max whose PLAIN bytes
// exceed this is left out of ColumnMetaData.statistics rather than truncated: engines answer
// MIN() and MAX() from chunk statistics as exact values, which a truncated bound is not. The
// ColumnIndex truncates instead (page_index_builder.h), as its bounds only serve to skip pages;
// Delta's statistics come from the untruncated values (ColumnChunkWriter::statistics()).
constexpr size_t kMaxStatisticsValueBytes = 4096;

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

// The rows [begin, end) of a column.
struct RowRange {
  int64_t begin;
  int64_t end;
  template <typename F>
  void ForEach(F&& f) const {
    for (int64_t i = begin; i < end; ++i) f(i);
  }
};

// Rows of a column listed one by one (a nested leaf's values): `count` of them at `rows`.
struct RowList {
  const int64_t* rows;
  size_t count;
  template <typename F>
  void ForEach(F&& f) const {
    for (size_t k = 0; k < count; ++k) f(rows[k]);
  }
};

// Rows of the minimum and maximum non-NULL (and non-NaN) value among `rows`, or -1.
template <typename Rows, typename Get>
void FindMinMaxRows(const Column& c, const Rows& rows, Get get, int64_t* min_row,
                    int64_t* max_row) {
  *min_row = *max_row = -1;
  // The bounds so far are kept as values, not re-read through their rows for every comparison.
  decltype(get(0)) min{}, max{};
  rows.ForEach([&](int64_t i) {
    if (c.IsNull(i)) return;
    auto v = get(i);
    if constexpr (std::is_floating_point_v<decltype(v)>) {
      if (std::isnan(v)) return;  // NaN has no place in min/max (parquet.thrift)
    }
    if (*min_row < 0 || v < min) {
      *min_row = i;
      min = v;
    }
    if (*max_row < 0 || max < v) {
      *max_row = i;
      max = v;
    }
  });
}

// Bytes of every PLAIN value of `desc`'s physical type, or 0 for BYTE_ARRAY (and BOOLEAN, which
// is never dictionary encoded).
int PlainFixedWidth(const ColumnDescriptor& desc) {
  switch (desc.physical) {
    case Type::kInt32:
    case Type::kFloat:
      return 4;
    case Type::kInt64:
    case Type::kDouble:
      return 8;
    case Type::kInt96:
      return 12;
    case Type::kFixedLenByteArray:
      return desc.type_length;
    case Type::kBoolean:
    case Type::kByteArray:
      return 0;
  }
  return 0;
}

// The first sizeof(Word) bytes at `p` as a little-endian word.
template <typename Word>
Word Load(const char* p) {
  Word v;
  std::memcpy(&v, p, sizeof(Word));
  return v;
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

// The PLAIN bytes of the bounds in `stats`. REQUIRES: stats.has_min_max.
void EncodeBounds(const ColumnDescriptor& desc, const ColumnStatistics& stats, std::string* min,
                  std::string* max) {
  Value low = stats.min;
  Value high = stats.max;
  // A zero bound must cover both signed zeros (parquet.thrift, Statistics).
  if (desc.type.id() == TypeId::kFloat || desc.type.id() == TypeId::kDouble) {
    const bool is_float = desc.type.id() == TypeId::kFloat;
    if (low.GetDouble() == 0) low = is_float ? Value::Float(-0.0f) : Value::Double(-0.0);
    if (high.GetDouble() == 0) high = is_float ? Value::Float(0.0f) : Value::Double(0.0);
  }
  *min = EncodeStatValue(desc, low);
  *max = EncodeStatValue(desc, high);
}

// Appends the RLE/bit-packed runs of `levels` to `out`, after a 4-byte length when `prefixed`
// (data page v1); nothing for a column without such levels. Returns the bytes of the runs.
size_t AppendLevels(const std::vector<uint32_t>& levels, int16_t max_level, bool prefixed,
                    std::string* out) {
  if (max_level == 0) return 0;
  const size_t start = out->size();
  if (prefixed) out->append(4, '\0');
  EncodeRleBitPacked(levels, BitWidthFor(static_cast<uint64_t>(max_level)), out);
  const size_t length = out->size() - start - (prefixed ? 4 : 0);
  if (prefixed) {
    const auto length32 = static_cast<uint32_t>(length);
    std::memcpy(out->data() + start, &length32, 4);
  }
  return length;
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
      use_dictionary_(settings.dictionary && desc_.physical != Type::kBoolean),
      dictionary_(PlainFixedWidth(desc_)),
      page_index_(desc_) {}

int ColumnChunkWriter::PlainFixedBytes(const Column& c, int64_t row, char* out) const {
  auto put = [out](auto v) {
    std::memcpy(out, &v, sizeof(v));  // inlet only builds on little-endian machines
    return static_cast<int>(sizeof(v));
  };
  switch (desc_.type.id()) {
    case TypeId::kTinyInt:
      return put(static_cast<int32_t>(c.GetFixed<int8_t>(row)));
    case TypeId::kSmallInt:
      return put(static_cast<int32_t>(c.GetFixed<int16_t>(row)));
    case TypeId::kInteger:
    case TypeId::kDate:
      return put(c.GetFixed<int32_t>(row));
    case TypeId::kBigInt:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kTime:
      return put(c.GetFixed<int64_t>(row));
    case TypeId::kFloat:
      return put(c.GetFixed<float>(row));
    case TypeId::kDouble:
      return put(c.GetFixed<double>(row));
    case TypeId::kDecimal: {
      int128_t v = c.GetFixed<int128_t>(row);
      if (desc_.physical == Type::kInt32) return put(static_cast<int32_t>(v));
      if (desc_.physical == Type::kInt64) return put(static_cast<int64_t>(v));
      const int width = desc_.type_length;  // at most 16 for DECIMAL(38)
      for (int i = 0; i < width; ++i) {
        out[i] = static_cast<char>(static_cast<uint8_t>(v >> (8 * (width - 1 - i))));
      }
      return width;
    }
    case TypeId::kVarchar:
    case TypeId::kBinary:
    case TypeId::kBoolean:
    case TypeId::kStruct:
    case TypeId::kList:
    case TypeId::kMap:
      INLET_DCHECK(false);  // not fixed-width PLAIN values
      return 0;
  }
  return 0;
}

void ColumnChunkWriter::AppendPlain(const Column& c, int64_t row, std::string* out) const {
  if (desc_.physical == Type::kByteArray) {
    std::string_view s = c.GetString(row);
    PutLittleEndian(static_cast<uint32_t>(s.size()), out);
    out->append(s);
    return;
  }
  char bytes[16];
  out->append(bytes, PlainFixedBytes(c, row, bytes));
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
  bool added;
  ++dictionary_values_;
  if (desc_.physical == Type::kByteArray) {
    page_indices_.push_back(dictionary_.FindOrAdd(c.GetString(row), &added));
    return;
  }
  char bytes[16];
  const int width = PlainFixedBytes(c, row, bytes);
  uint32_t index;
  if (width == 4) {
    index = dictionary_.FindOrAddWord(Load<uint32_t>(bytes), &added);
  } else if (width == 8) {
    index = dictionary_.FindOrAddWord(Load<uint64_t>(bytes), &added);
  } else {
    index = dictionary_.FindOrAdd(std::string_view(bytes, width), &added);
  }
  page_indices_.push_back(index);
}

bool ColumnChunkWriter::DecideStopDictionary(size_t size_before) {
  if (dictionary_.size() != size_before &&
      static_cast<int64_t>(dictionary_.plain().size()) > settings_.dictionary_page_bytes) {
    return true;
  }
  if (dictionary_values_ != kDictionaryTrialValues ||
      static_cast<int64_t>(dictionary_.size()) * 4 <= kDictionaryTrialValues * 3) {
    return false;
  }
  if (used_dictionary_) return true;
  // Nothing dictionary-encoded is out yet: the page goes on PLAIN, and the chunk has no dictionary.
  for (uint32_t index : page_indices_) dictionary_.AppendPlainEntry(index, &page_plain_);
  page_indices_.clear();
  dictionary_ = ValueDictionary(dictionary_.fixed_width());
  use_dictionary_ = false;
  return false;
}

template <typename Rows>
void ColumnChunkWriter::UpdatePageMinMax(const Column& c, const Rows& rows) {
  int64_t min_row = -1;
  int64_t max_row = -1;
  switch (desc_.type.id()) {
    case TypeId::kBoolean:
      FindMinMaxRows(
          c, rows, [&](int64_t i) { return c.GetBool(i); }, &min_row, &max_row);
      break;
    case TypeId::kTinyInt:
      FindMinMaxRows(
          c, rows, [&](int64_t i) { return c.GetFixed<int8_t>(i); }, &min_row, &max_row);
      break;
    case TypeId::kSmallInt:
      FindMinMaxRows(
          c, rows, [&](int64_t i) { return c.GetFixed<int16_t>(i); }, &min_row, &max_row);
      break;
    case TypeId::kInteger:
    case TypeId::kDate:
      FindMinMaxRows(
          c, rows, [&](int64_t i) { return c.GetFixed<int32_t>(i); }, &min_row, &max_row);
      break;
    case TypeId::kBigInt:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kTime:
      FindMinMaxRows(
          c, rows, [&](int64_t i) { return c.GetFixed<int64_t>(i); }, &min_row, &max_row);
      break;
    case TypeId::kFloat:
      FindMinMaxRows(
          c, rows, [&](int64_t i) { return c.GetFixed<float>(i); }, &min_row, &max_row);
      break;
    case TypeId::kDouble:
      FindMinMaxRows(
          c, rows, [&](int64_t i) { return c.GetFixed<double>(i); }, &min_row, &max_row);
      break;
    case TypeId::kDecimal:
      FindMinMaxRows(
          c, rows, [&](int64_t i) { return c.GetFixed<int128_t>(i); }, &min_row, &max_row);
      break;
    case TypeId::kVarchar:
    case TypeId::kBinary:
      FindMinMaxRows(
          c, rows, [&](int64_t i) { return c.GetString(i); }, &min_row, &max_row);
      break;
    case TypeId::kStruct:
    case TypeId::kList:
    case TypeId::kMap:
      INLET_DCHECK(false);  // a chunk holds the values of a leaf, never of a nested type
      return;
  }
  if (min_row < 0) return;
  ColumnStatistics range;
  range.has_min_max = true;
  range.min = c.GetValue(min_row);
  range.max = c.GetValue(max_row);
  MergeStatistics(range, &page_stats_);
}

ColumnChunkWriter::DictionaryKind ColumnChunkWriter::DictionaryKindOf() const {
  switch (desc_.type.id()) {
    case TypeId::kInteger:
    case TypeId::kDate:
      return DictionaryKind::kInt32;
    case TypeId::kBigInt:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kTime:
      return DictionaryKind::kInt64;
    case TypeId::kDecimal:
      if (desc_.physical == Type::kInt32) return DictionaryKind::kDecimalInt32;
      if (desc_.physical == Type::kInt64) return DictionaryKind::kDecimalInt64;
      return DictionaryKind::kNone;
    case TypeId::kVarchar:
    case TypeId::kBinary:
      return desc_.physical == Type::kByteArray ? DictionaryKind::kBytes : DictionaryKind::kNone;
    default:
      return DictionaryKind::kNone;
  }
}

template <typename FindOrAdd>
int64_t ColumnChunkWriter::AddDictionaryRun(int64_t begin, int64_t end, FindOrAdd find_or_add,
                                            bool* stop_dictionary) {
  const bool levels = desc_.max_definition_level > 0;
  for (int64_t i = begin; i < end; ++i) {
    if (levels) page_def_levels_.push_back(1);
    ++page_slots_;
    ++dictionary_values_;
    bool added;
    page_indices_.push_back(find_or_add(i, &added));
    if (added &&
        static_cast<int64_t>(dictionary_.plain().size()) > settings_.dictionary_page_bytes) {
      *stop_dictionary = true;
      return i;
    }
  }
  return end;
}

int64_t ColumnChunkWriter::AddDictionaryValues(const Column& c, DictionaryKind kind, int64_t begin,
                                               int64_t end, bool* stop_dictionary) {
  // The run stops before the next row after which Write's loop has something to decide: the
  // page's row limit, a page size check, the end of the dictionary's trial.
  const int64_t to_next_check = kPageCheckInterval - page_slots_ % kPageCheckInterval;
  int64_t run = std::min(settings_.data_page_rows - page_slots_, to_next_check) - 1;
  if (dictionary_values_ < kDictionaryTrialValues) {
    run = std::min(run, kDictionaryTrialValues - dictionary_values_ - 1);
  }
  end = std::min(end, begin + std::max<int64_t>(run, 0));
  // The words are the values' PLAIN bytes, as AddValue makes them.
  switch (kind) {
    case DictionaryKind::kInt32:
      return AddDictionaryRun(
          begin, end,
          [&](int64_t i, bool* added) {
            return dictionary_.FindOrAddWord(static_cast<uint32_t>(c.GetFixed<int32_t>(i)), added);
          },
          stop_dictionary);
    case DictionaryKind::kInt64:
      return AddDictionaryRun(
          begin, end,
          [&](int64_t i, bool* added) {
            return dictionary_.FindOrAddWord(static_cast<uint64_t>(c.GetFixed<int64_t>(i)), added);
          },
          stop_dictionary);
    case DictionaryKind::kDecimalInt32:
      return AddDictionaryRun(
          begin, end,
          [&](int64_t i, bool* added) {
            return dictionary_.FindOrAddWord(
                static_cast<uint32_t>(static_cast<int32_t>(c.GetFixed<int128_t>(i))), added);
          },
          stop_dictionary);
    case DictionaryKind::kDecimalInt64:
      return AddDictionaryRun(
          begin, end,
          [&](int64_t i, bool* added) {
            return dictionary_.FindOrAddWord(
                static_cast<uint64_t>(static_cast<int64_t>(c.GetFixed<int128_t>(i))), added);
          },
          stop_dictionary);
    case DictionaryKind::kBytes:
      return AddDictionaryRun(
          begin, end,
          [&](int64_t i, bool* added) { return dictionary_.FindOrAdd(c.GetString(i), added); },
          stop_dictionary);
    case DictionaryKind::kNone:
      break;
  }
  return begin;
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
  // Min and max are found in one pass over the rows of each page once it ends (or the rows end),
  // not value by value in the loop below.
  int64_t pending = begin;
  auto end_page_after = [&](int64_t row) -> Status {
    UpdatePageMinMax(c, RowRange{pending, row + 1});
    pending = row + 1;
    return FlushPage();
  };
  // PERF NOTES: rows of a column without NULLs go into the dictionary by the run
  // (AddDictionaryValues) between the rows where this loop decides something, without the
  // per-value checks and type dispatch below (about 7% of the instructions of a lineitem COPY).
  const DictionaryKind kind = c.null_count() == 0 ? DictionaryKindOf() : DictionaryKind::kNone;
  for (int64_t i = begin; i < end; ++i) {
    if (kind != DictionaryKind::kNone && use_dictionary_) {
      bool stop_dictionary = false;
      i = AddDictionaryValues(c, kind, i, end, &stop_dictionary);
      if (stop_dictionary) {
        INLET_RETURN_NOT_OK(end_page_after(i));
        use_dictionary_ = false;
        continue;
      }
      if (i == end) break;
    }
    const bool valid = !c.IsNull(i);
    if (desc_.max_definition_level > 0) page_def_levels_.push_back(valid ? 1 : 0);
    page_nulls_ += valid ? 0 : 1;
    ++page_slots_;
    if (valid) {
      size_t dictionary_before = dictionary_.size();
      AddValue(c, i);
      if (use_dictionary_ && StopDictionary(dictionary_before)) {
        // The values so far stay dictionary encoded; the rest of the chunk goes PLAIN.
        INLET_RETURN_NOT_OK(end_page_after(i));
        use_dictionary_ = false;
        continue;
      }
    }
    if (page_slots_ >= settings_.data_page_rows ||
        (page_slots_ % kPageCheckInterval == 0 && PageBytes() >= settings_.data_page_bytes)) {
      INLET_RETURN_NOT_OK(end_page_after(i));
    }
  }
  UpdatePageMinMax(c, RowRange{pending, end});
  num_slots_ += end - begin;
  return Status::OK();
}

Status ColumnChunkWriter::WriteLevels(const std::vector<int16_t>& def_levels,
                                      const std::vector<int16_t>& rep_levels, const Column* values,
                                      const std::vector<int64_t>& value_rows) {
  INLET_DCHECK(def_levels.size() == rep_levels.size());
  const int64_t num_slots = static_cast<int64_t>(def_levels.size());
  const int16_t max_def = desc_.max_definition_level;
  bool dictionary_full = false;
  size_t next_value = 0;
  // value_rows[pending, next_value) are the page's values whose min and max are not folded in.
  size_t pending = 0;
  auto end_page = [&]() -> Status {
    if (next_value > pending) {
      UpdatePageMinMax(*values, RowList{value_rows.data() + pending, next_value - pending});
    }
    pending = next_value;
    return FlushPage();
  };
  for (int64_t s = 0; s < num_slots; ++s) {
    // Pages end only where a row starts, so that no row spans two pages.
    if (rep_levels[s] == 0 && page_slots_ > 0) {
      if (dictionary_full) {
        // The values so far stay dictionary encoded; the rest of the chunk goes PLAIN.
        INLET_RETURN_NOT_OK(end_page());
        use_dictionary_ = false;
        dictionary_full = false;
      } else if (page_slots_ >= settings_.data_page_rows ||
                 PageBytes() >= settings_.data_page_bytes) {
        INLET_RETURN_NOT_OK(end_page());
      }
    }
    if (desc_.max_repetition_level > 0) page_rep_levels_.push_back(rep_levels[s]);
    if (max_def > 0) page_def_levels_.push_back(def_levels[s]);
    page_rows_ += rep_levels[s] == 0 ? 1 : 0;
    if (def_levels[s] == max_def) {
      size_t dictionary_before = dictionary_.size();
      AddValue(*values, value_rows[next_value++]);
      dictionary_full |= use_dictionary_ && StopDictionary(dictionary_before);
    } else {
      ++page_nulls_;
    }
    ++page_slots_;
  }
  num_slots_ += num_slots;
  if (dictionary_full) {  // the slots given end a row
    INLET_RETURN_NOT_OK(end_page());
    use_dictionary_ = false;
  } else if (next_value > pending) {
    UpdatePageMinMax(*values, RowList{value_rows.data() + pending, next_value - pending});
  }
  return Status::OK();
}

int64_t ColumnChunkWriter::PageBytes() const {
  return static_cast<int64_t>(page_plain_.size()) +
         static_cast<int64_t>(page_indices_.size()) * DictionaryBitWidth() / 8 +
         static_cast<int64_t>(page_def_levels_.size() + page_rep_levels_.size()) / 8;
}

int ColumnChunkWriter::DictionaryBitWidth() const {
  return BitWidthFor(dictionary_.empty() ? 0 : dictionary_.size() - 1);
}

int64_t ColumnChunkWriter::EstimatedSize() const {
  return static_cast<int64_t>(pages_.size() + page_plain_.size() + dictionary_.plain().size()) +
         static_cast<int64_t>(page_indices_.size()) * DictionaryBitWidth() / 8 +
         static_cast<int64_t>(page_def_levels_.size() + page_rep_levels_.size()) / 8;
}

int64_t ColumnChunkWriter::MemoryUsage() const {
  auto bytes_of = [](const auto& v) {
    using Element = typename std::decay_t<decltype(v)>::value_type;
    return static_cast<int64_t>(v.capacity() * sizeof(Element));
  };
  return bytes_of(pages_) + bytes_of(page_plain_) + bytes_of(page_indices_) +
         bytes_of(page_def_levels_) + bytes_of(page_rep_levels_) + dictionary_.MemoryUsage();
}

Status ColumnChunkWriter::AppendPage(PageHeader header, std::string_view levels,
                                     const std::string& body) {
  INLET_ASSIGN_OR_RETURN(std::string compressed,
                         CompressPage(settings_.codec, settings_.compression_level, body));
  const size_t uncompressed_size = levels.size() + body.size();
  const size_t compressed_size = levels.size() + compressed.size();
  if (uncompressed_size > INT32_MAX || compressed_size > INT32_MAX) {
    return Status::InvalidArgument("column \"" + desc_.name + "\": a Parquet page exceeds 2 GiB");
  }
  header.uncompressed_page_size = static_cast<int32_t>(uncompressed_size);
  header.compressed_page_size = static_cast<int32_t>(compressed_size);
  std::string header_bytes = SerializePageHeader(header);
  pages_uncompressed_size_ += static_cast<int64_t>(header_bytes.size() + uncompressed_size);
  pages_ += header_bytes;
  pages_.append(levels);
  pages_ += compressed;
  return Status::OK();
}

Status ColumnChunkWriter::FlushPage() {
  if (page_slots_ == 0) return Status::OK();
  if (page_slots_ > INT32_MAX) return Status::Internal("Parquet page with over 2^31 values");
  // Data page v1: repetition then definition levels, each run with a length prefix, then the
  // values, all compressed together. v2: the level runs bare and uncompressed (their lengths are
  // in the header), then the compressed values.
  const bool v2 = settings_.data_page_version == 2;
  std::string levels;
  std::string body;
  std::string* level_out = v2 ? &levels : &body;
  const size_t rep_bytes =
      AppendLevels(page_rep_levels_, desc_.max_repetition_level, !v2, level_out);
  const size_t def_bytes =
      AppendLevels(page_def_levels_, desc_.max_definition_level, !v2, level_out);
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
  const auto num_values = static_cast<int32_t>(page_slots_);
  const int64_t rows = desc_.max_repetition_level > 0 ? page_rows_ : page_slots_;
  PageHeader header;
  if (v2) {
    header.type = PageType::kDataPageV2;
    header.data_page_header_v2 = DataPageHeaderV2{num_values,
                                                  static_cast<int32_t>(page_nulls_),
                                                  static_cast<int32_t>(rows),
                                                  encoding,
                                                  static_cast<int32_t>(def_bytes),
                                                  static_cast<int32_t>(rep_bytes),
                                                  settings_.codec != Codec::kUncompressed};
  } else {
    header.type = PageType::kDataPage;
    header.data_page_header = DataPageHeader{num_values, encoding, Encoding::kRle, Encoding::kRle};
  }
  PageSummary page;
  page.offset = static_cast<int64_t>(pages_.size());
  INLET_RETURN_NOT_OK(AppendPage(std::move(header), levels, body));
  page.size = static_cast<int32_t>(static_cast<int64_t>(pages_.size()) - page.offset);
  page.first_row = rows_in_pages_;
  page.null_count = page_nulls_;
  page.has_values = page_slots_ > page_nulls_;
  if (page_stats_.has_min_max) {
    EncodeBounds(desc_, page_stats_, &page.min.emplace(), &page.max.emplace());
  }
  page_index_.AddPage(page);
  page_stats_.null_count = page_nulls_;
  MergeStatistics(page_stats_, &stats_);

  rows_in_pages_ += rows;
  page_stats_ = ColumnStatistics{};
  page_rep_levels_.clear();
  page_def_levels_.clear();
  page_indices_.clear();
  page_plain_.clear();
  page_slots_ = 0;
  page_bools_ = 0;
  page_nulls_ = 0;
  page_rows_ = 0;
  return Status::OK();
}

Status ColumnChunkWriter::WriteTo(OutputStream* out, ColumnChunk* chunk,
                                  ChunkPageIndex* page_index) {
  INLET_RETURN_NOT_OK(FlushPage());
  std::string data_pages = std::move(pages_);
  int64_t data_uncompressed = pages_uncompressed_size_;
  pages_.clear();
  pages_uncompressed_size_ = 0;

  ColumnMetaData& meta = chunk->meta_data.emplace();
  int64_t start = out->Tell();
  if (used_dictionary_) {
    PageHeader header;
    header.type = PageType::kDictionaryPage;
    header.dictionary_page_header = DictionaryPageHeader{static_cast<int32_t>(dictionary_.size()),
                                                         Encoding::kPlain, std::nullopt};
    INLET_RETURN_NOT_OK(AppendPage(std::move(header), {}, dictionary_.plain()));
    meta.dictionary_page_offset = start;
    INLET_RETURN_NOT_OK(out->Write(pages_));
  }
  meta.data_page_offset = out->Tell();
  INLET_RETURN_NOT_OK(out->Write(data_pages));
  *page_index = page_index_.Finish(meta.data_page_offset);

  meta.type = desc_.physical;
  meta.encodings = {Encoding::kPlain, Encoding::kRle};
  if (used_dictionary_) meta.encodings.push_back(Encoding::kRleDictionary);
  meta.path_in_schema = desc_.path;
  meta.codec = settings_.codec;
  meta.num_values = num_slots_;
  meta.total_uncompressed_size = data_uncompressed + pages_uncompressed_size_;
  meta.total_compressed_size = out->Tell() - start;
  Statistics& s = meta.statistics.emplace();
  s.null_count = stats_.null_count;
  if (stats_.has_min_max) {
    std::string min;
    std::string max;
    EncodeBounds(desc_, stats_, &min, &max);
    if (min.size() <= kMaxStatisticsValueBytes) s.min_value = std::move(min);
    if (max.size() <= kMaxStatisticsValueBytes) s.max_value = std::move(max);
  }
  chunk->file_offset = start;
  return Status::OK();
}

}  // namespace inlet::parquet

#include "formats/parquet/page_index_builder.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace inlet::parquet {

namespace {

// Strict UTF-8, as Java's decoder (which parquet-mr's truncation consults) accepts it: no overlong
// forms, no surrogates, nothing past U+10FFFF.
bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto lead = static_cast<uint8_t>(s[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    size_t length;
    uint32_t code_point;
    uint32_t smallest;
    if ((lead & 0xE0) == 0xC0) {
      length = 2, code_point = lead & 0x1F, smallest = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3, code_point = lead & 0x0F, smallest = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4, code_point = lead & 0x07, smallest = 0x10000;
    } else {
      return false;
    }
    if (length > s.size() - i) return false;
    for (size_t k = 1; k < length; ++k) {
      const auto next = static_cast<uint8_t>(s[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code_point = (code_point << 6) | (next & 0x3F);
    }
    if (code_point < smallest || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

// The prefix a bound of `value` (longer than `limit`) keeps: up to a character boundary for
// valid UTF-8, else `limit` bytes. Empty when not even one character fits.
std::string_view BoundPrefix(std::string_view value, size_t limit, bool utf8) {
  size_t cut = limit;
  if (utf8) {
    while (cut > 0 && (static_cast<uint8_t>(value[cut]) & 0xC0) == 0x80) --cut;
  }
  return value.substr(0, cut);
}

template <typename T>
T LoadLittleEndian(std::string_view bytes) {
  T v{};
  std::memcpy(&v, bytes.data(), std::min(sizeof(T), bytes.size()));
  return v;
}

template <typename T>
int ThreeWay(T a, T b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

}  // namespace

std::string TruncateMinBound(std::string_view value, size_t limit) {
  if (value.size() <= limit) return std::string(value);
  std::string_view prefix = BoundPrefix(value, limit, IsValidUtf8(value));
  return std::string(prefix.empty() ? value : prefix);
}

std::string TruncateMaxBound(std::string_view value, size_t limit) {
  if (value.size() <= limit) return std::string(value);
  const bool utf8 = IsValidUtf8(value);
  std::string bound(BoundPrefix(value, limit, utf8));
  if (utf8) {
    for (size_t i = bound.size(); i-- > 0;) {
      const char before = bound[i];
      if (static_cast<uint8_t>(before) == 0xFF) continue;
      bound[i] = static_cast<char>(before + 1);
      if (IsValidUtf8(bound)) return bound;
      bound[i] = before;
    }
    return std::string(value);
  }
  for (size_t i = bound.size(); i-- > 0;) {
    bound[i] = static_cast<char>(static_cast<uint8_t>(bound[i]) + 1);
    if (bound[i] != 0) return bound;  // no carry into the byte before
  }
  return std::string(value);
}

int CompareBounds(Type physical, bool decimal, std::string_view a, std::string_view b) {
  switch (physical) {
    case Type::kBoolean:
      return ThreeWay(LoadLittleEndian<uint8_t>(a), LoadLittleEndian<uint8_t>(b));
    case Type::kInt32:
      return ThreeWay(LoadLittleEndian<int32_t>(a), LoadLittleEndian<int32_t>(b));
    case Type::kInt64:
      return ThreeWay(LoadLittleEndian<int64_t>(a), LoadLittleEndian<int64_t>(b));
    case Type::kFloat:
      return ThreeWay(LoadLittleEndian<float>(a), LoadLittleEndian<float>(b));
    case Type::kDouble:
      return ThreeWay(LoadLittleEndian<double>(a), LoadLittleEndian<double>(b));
    case Type::kFixedLenByteArray:
      // Two's complement, big-endian: the sign lives in the first byte.
      if (decimal && !a.empty() && !b.empty() && a[0] != b[0]) {
        return ThreeWay(static_cast<int8_t>(a[0]), static_cast<int8_t>(b[0]));
      }
      break;
    case Type::kByteArray:
    case Type::kInt96:
      break;
  }
  const int c = a.compare(b);  // unsigned, as char_traits<char> compares
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

PageIndexBuilder::PageIndexBuilder(const ColumnDescriptor& desc)
    : physical_(desc.physical), decimal_(desc.type.id() == TypeId::kDecimal) {}

void PageIndexBuilder::AddPage(const PageSummary& page) {
  offsets_.page_locations.push_back(PageLocation{page.offset, page.size, page.first_row});
  if (!bounds_valid_) return;
  if (page.has_values && !page.min) {
    bounds_valid_ = false;
    return;
  }
  bounds_.null_pages.push_back(!page.has_values);
  const bool truncate = physical_ == Type::kByteArray && !decimal_;
  if (!page.has_values) {
    // Entries of a page of NULLs are empty, so that every list has one per page.
    bounds_.min_values.emplace_back();
    bounds_.max_values.emplace_back();
  } else if (truncate) {
    bounds_.min_values.push_back(TruncateMinBound(*page.min, kColumnIndexTruncateLength));
    bounds_.max_values.push_back(TruncateMaxBound(*page.max, kColumnIndexTruncateLength));
  } else {
    bounds_.min_values.push_back(*page.min);
    bounds_.max_values.push_back(*page.max);
  }
  if (!bounds_.null_counts) bounds_.null_counts.emplace();
  bounds_.null_counts->push_back(page.null_count);
}

ChunkPageIndex PageIndexBuilder::Finish(int64_t data_page_offset) {
  ChunkPageIndex index;
  for (PageLocation& page : offsets_.page_locations) page.offset += data_page_offset;
  index.offset_index = std::move(offsets_);
  if (bounds_valid_) {
    // Ascending (or descending) when every page's bounds are at least (at most) the previous
    // page's; pages of NULLs have no bounds and are passed over.
    bool ascending = true;
    bool descending = true;
    const std::string* previous_min = nullptr;
    const std::string* previous_max = nullptr;
    for (size_t i = 0; i < bounds_.null_pages.size(); ++i) {
      if (bounds_.null_pages[i]) continue;
      if (previous_min) {
        const int by_min = CompareBounds(physical_, decimal_, *previous_min, bounds_.min_values[i]);
        const int by_max = CompareBounds(physical_, decimal_, *previous_max, bounds_.max_values[i]);
        ascending &= by_min <= 0 && by_max <= 0;
        descending &= by_min >= 0 && by_max >= 0;
      }
      previous_min = &bounds_.min_values[i];
      previous_max = &bounds_.max_values[i];
    }
    bounds_.boundary_order = ascending    ? BoundaryOrder::kAscending
                             : descending ? BoundaryOrder::kDescending
                                          : BoundaryOrder::kUnordered;
    index.column_index = std::move(bounds_);
  }
  offsets_ = OffsetIndex{};
  bounds_ = ColumnIndex{};
  bounds_valid_ = true;
  return index;
}

}  // namespace inlet::parquet

#include "formats/parquet/column_reader.h"

#include <algorithm>
#include <memory>
#include <vector>

#include "formats/parquet/rle_encoding.h"
#include "formats/parquet/value_decoder.h"

namespace inlet::parquet {

namespace {

// Walks the pages of one leaf column chunk: keeps the dictionary, decodes each data page's
// levels, and hands the page to a callback that decodes its values where the caller wants them.
class ChunkDecoder {
 public:
  ChunkDecoder(const ColumnDescriptor& desc, Codec codec, std::string_view chunk,
               const std::string& where)
      : desc_(desc), where_(where), pages_(desc, codec, chunk, where), values_(desc, where) {}

  ValueDecoder& values() { return values_; }
  const Column* dictionary() const { return dictionary_.get(); }
  // Levels of the current data page; empty when the descriptor's maximum is 0.
  const std::vector<int16_t>& rep_levels() const { return rep_levels_; }
  const std::vector<int16_t>& def_levels() const { return def_levels_; }

  // Calls on_page(page, defined) for each data page until `num_slots` slots were read, where
  // `defined` counts the page's slots at the maximum definition level (its values).
  template <typename OnDataPage>
  Status ForEachDataPage(int64_t num_slots, OnDataPage&& on_page) {
    if (num_slots < 0) {
      return Status::InvalidData(where_ + ": column chunk claims " + std::to_string(num_slots) +
                                 " values");
    }
    int64_t slots = 0;
    Page page;
    while (slots < num_slots) {
      if (pages_.AtEnd()) {
        return Status::InvalidData(where_ + ": column chunk ends after " + std::to_string(slots) +
                                   " of " + std::to_string(num_slots) + " values");
      }
      INLET_RETURN_NOT_OK(pages_.Next(&page));
      if (page.type == PageType::kDictionaryPage) {
        INLET_RETURN_NOT_OK(ReadDictionary(page));
        continue;
      }
      if (page.num_values < 0 || page.num_values > num_slots - slots) {
        return Status::InvalidData(where_ + ": data page claims " +
                                   std::to_string(page.num_values) + " values where " +
                                   std::to_string(num_slots - slots) + " are left");
      }
      INLET_RETURN_NOT_OK(DecodeLevels(page, slots == 0));
      int64_t defined = page.num_values;
      if (desc_.max_definition_level > 0) {
        defined = 0;
        for (int16_t level : def_levels_) defined += level == desc_.max_definition_level;
      }
      INLET_RETURN_NOT_OK(on_page(page, defined));
      slots += page.num_values;
    }
    return Status::OK();
  }

 private:
  Status ReadDictionary(const Page& page) {
    if (page.encoding != Encoding::kPlain && page.encoding != Encoding::kPlainDictionary) {
      return Status::NotImplemented(where_ + ": dictionary page encoding " +
                                    EncodingName(page.encoding));
    }
    dictionary_ = std::make_unique<Column>(desc_.type);
    // PLAIN decoding checks the count against the bytes present.
    return values_.Decode(Encoding::kPlain, page.values, page.num_values, nullptr,
                          dictionary_.get());
  }

  Status DecodeLevels(const Page& page, bool first_page) {
    INLET_RETURN_NOT_OK(DecodeLevelSection(page.rep_level_encoding, page.rep_levels,
                                           desc_.max_repetition_level, page.num_values,
                                           "repetition", &rep_levels_));
    INLET_RETURN_NOT_OK(DecodeLevelSection(page.def_level_encoding, page.def_levels,
                                           desc_.max_definition_level, page.num_values,
                                           "definition", &def_levels_));
    if (first_page && !rep_levels_.empty() && rep_levels_[0] != 0) {
      return Status::InvalidData(where_ + ": column chunk starts inside a row (repetition level " +
                                 std::to_string(rep_levels_[0]) + ")");
    }
    return Status::OK();
  }

  Status DecodeLevelSection(Encoding encoding, std::string_view data, int16_t max_level,
                            int64_t count, const char* what, std::vector<int16_t>* out) {
    if (max_level == 0) {
      out->clear();
      return Status::OK();
    }
    out->resize(static_cast<size_t>(count));
    const auto* bytes = reinterpret_cast<const uint8_t*>(data.data());
    int bit_width = BitWidthFor(static_cast<uint64_t>(max_level));
    Status st;
    if (encoding == Encoding::kBitPacked) {
      st = DecodeLegacyBitPacked(bytes, data.size(), bit_width, count, out->data());
    } else {
      // The page reader accepted only RLE and BIT_PACKED level sections.
      RleBitPackedDecoder decoder(bytes, data.size(), bit_width);
      st = decoder.Get(out->data(), count);
    }
    if (!st.ok()) return st.WithContext(where_ + ": " + what + " levels");
    for (int16_t level : *out) {
      if (level < 0 || level > max_level) {
        return Status::InvalidData(where_ + ": " + what + " level " + std::to_string(level) +
                                   " above the maximum " + std::to_string(max_level));
      }
    }
    return Status::OK();
  }

  const ColumnDescriptor& desc_;
  const std::string& where_;
  PageReader pages_;
  ValueDecoder values_;
  std::unique_ptr<Column> dictionary_;
  std::vector<int16_t> rep_levels_;
  std::vector<int16_t> def_levels_;
};

bool IsDictionaryEncoding(Encoding encoding) {
  return encoding == Encoding::kRleDictionary || encoding == Encoding::kPlainDictionary;
}

}  // namespace

Status ReadColumnChunk(const ColumnDescriptor& desc, Codec codec, std::string_view chunk,
                       int64_t num_rows, const std::string& where, Column* out) {
  INLET_DCHECK(desc.max_repetition_level == 0);
  ChunkDecoder decoder(desc, codec, chunk, where);
  Column dense(desc.type);  // a page's values, before NULLs are spread between them
  std::vector<uint32_t> indices;
  // Reserve what the chunk's bytes could plausibly hold, not what the footer claims: RLE lets a
  // few bytes stand for many rows, but a hostile footer must not make us allocate up front.
  int64_t expected_rows = std::min<int64_t>(num_rows, static_cast<int64_t>(chunk.size()));
  if (expected_rows > 0) out->Reserve(out->size() + expected_rows);
  return decoder.ForEachDataPage(num_rows, [&](const Page& page, int64_t defined) -> Status {
    if (defined == page.num_values) {
      return decoder.values().Decode(page.encoding, page.values, defined, decoder.dictionary(),
                                     out);
    }
    const int16_t* def_levels = decoder.def_levels().data();
    // Dictionary pages spread the entries straight from the dictionary, without a copy.
    if (IsDictionaryEncoding(page.encoding) && decoder.dictionary() != nullptr) {
      indices.resize(static_cast<size_t>(defined));
      INLET_RETURN_NOT_OK(decoder.values().DecodeIndices(page.values, defined,
                                                         decoder.dictionary()->size(),
                                                         indices.data()));
      AppendSpread(*decoder.dictionary(), indices.data(), def_levels, page.num_values,
                   desc.max_definition_level, out);
      return Status::OK();
    }
    dense.Clear();
    INLET_RETURN_NOT_OK(
        decoder.values().Decode(page.encoding, page.values, defined, decoder.dictionary(), &dense));
    AppendSpread(dense, nullptr, def_levels, page.num_values, desc.max_definition_level, out);
    return Status::OK();
  });
}

Status ReadLeafChunk(const ColumnDescriptor& desc, Codec codec, std::string_view chunk,
                     int64_t num_slots, const std::string& where, LeafChunk* out) {
  ChunkDecoder decoder(desc, codec, chunk, where);
  out->def_levels.clear();
  out->rep_levels.clear();
  out->values = std::make_shared<Column>(desc.type);
  out->num_slots = 0;
  INLET_RETURN_NOT_OK(
      decoder.ForEachDataPage(num_slots, [&](const Page& page, int64_t defined) -> Status {
        const auto& rep = decoder.rep_levels();
        const auto& def = decoder.def_levels();
        out->rep_levels.insert(out->rep_levels.end(), rep.begin(), rep.end());
        out->def_levels.insert(out->def_levels.end(), def.begin(), def.end());
        return decoder.values().Decode(page.encoding, page.values, defined, decoder.dictionary(),
                                       out->values.get());
      }));
  out->num_slots = num_slots;
  return Status::OK();
}

}  // namespace inlet::parquet

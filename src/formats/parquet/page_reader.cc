#include "formats/parquet/page_reader.h"

#include <cstring>

#include "formats/parquet/parquet_codec.h"
#include "formats/parquet/rle_encoding.h"

namespace inlet::parquet {

Status PageReader::Next(Page* page) {
  while (pos_ < chunk_.size()) {
    size_t header_size = 0;
    auto header = DeserializePageHeader(chunk_.substr(pos_), &header_size);
    if (!header.ok()) return header.status().WithContext(where_ + ": invalid page header");
    pos_ += header_size;
    const PageHeader& h = *header;
    if (h.compressed_page_size < 0 ||
        static_cast<size_t>(h.compressed_page_size) > chunk_.size() - pos_) {
      return Status::InvalidData(where_ + ": page of " + std::to_string(h.compressed_page_size) +
                                 " bytes runs past the end of the column chunk");
    }
    if (h.uncompressed_page_size < 0 || h.uncompressed_page_size > kMaxPageBytes) {
      return Status::InvalidData(where_ + ": page claims " +
                                 std::to_string(h.uncompressed_page_size) +
                                 " bytes uncompressed; inlet reads pages of up to " +
                                 std::to_string(kMaxPageBytes >> 20) + " MiB");
    }
    std::string_view body = chunk_.substr(pos_, static_cast<size_t>(h.compressed_page_size));
    pos_ += body.size();
    *page = Page();
    page->type = h.type;
    switch (h.type) {
      case PageType::kDictionaryPage: {
        if (!h.dictionary_page_header) {
          return Status::InvalidData(where_ + ": dictionary page without its header");
        }
        const DictionaryPageHeader& d = *h.dictionary_page_header;
        if (d.num_values < 0) {
          return Status::InvalidData(where_ + ": dictionary page claims " +
                                     std::to_string(d.num_values) + " values");
        }
        page->num_values = d.num_values;
        page->encoding = d.encoding;
        INLET_ASSIGN_OR_RETURN(page->values, Decompress(body, h.uncompressed_page_size));
        return Status::OK();
      }
      case PageType::kDataPage:
        return SplitDataPageV1(h, body, page);
      case PageType::kDataPageV2:
        return SplitDataPageV2(h, body, page);
      default:
        break;  // index pages carry nothing we need
    }
  }
  return Status::InvalidData(where_ + ": column chunk ends without another data page");
}

Result<std::string_view> PageReader::Decompress(std::string_view data, int64_t uncompressed_size) {
  if (codec_ == Codec::kUncompressed && static_cast<int64_t>(data.size()) == uncompressed_size) {
    return data;  // no copy
  }
  auto result = DecompressPage(codec_, data, static_cast<size_t>(uncompressed_size));
  if (!result.ok()) return result.status().WithContext(where_);
  buffer_ = std::move(result).ValueOrDie();
  return std::string_view(buffer_);
}

Status PageReader::TakeLevelsV1(Encoding encoding, int16_t max_level, int32_t num_values,
                                const char* what, std::string_view* body,
                                std::string_view* levels) {
  if (encoding == Encoding::kRle) {
    if (body->size() < 4) {
      return Status::InvalidData(where_ + ": data page ends before its " + what + " levels");
    }
    uint32_t length;
    std::memcpy(&length, body->data(), 4);
    if (length > body->size() - 4) {
      return Status::InvalidData(where_ + ": " + what + " levels of " + std::to_string(length) +
                                 " bytes run past the page");
    }
    *levels = body->substr(4, length);
    body->remove_prefix(4 + length);
    return Status::OK();
  }
  if (encoding == Encoding::kBitPacked) {
    // The deprecated encoding has no length prefix: its size follows from the value count.
    uint64_t length = LegacyBitPackedSize(num_values, BitWidthFor(static_cast<uint64_t>(max_level)));
    if (length > body->size()) {
      return Status::InvalidData(where_ + ": " + what + " levels of " + std::to_string(length) +
                                 " bytes run past the page");
    }
    *levels = body->substr(0, static_cast<size_t>(length));
    body->remove_prefix(static_cast<size_t>(length));
    return Status::OK();
  }
  return Status::NotImplemented(where_ + ": " + what + " level encoding " +
                                EncodingName(encoding));
}

Status PageReader::SplitDataPageV1(const PageHeader& h, std::string_view body, Page* page) {
  if (!h.data_page_header) return Status::InvalidData(where_ + ": data page without its header");
  const DataPageHeader& d = *h.data_page_header;
  page->num_values = d.num_values;
  page->encoding = d.encoding;
  page->rep_level_encoding = d.repetition_level_encoding;
  page->def_level_encoding = d.definition_level_encoding;
  INLET_ASSIGN_OR_RETURN(std::string_view rest, Decompress(body, h.uncompressed_page_size));
  if (desc_.max_repetition_level > 0) {
    INLET_RETURN_NOT_OK(TakeLevelsV1(d.repetition_level_encoding, desc_.max_repetition_level,
                                     d.num_values, "repetition", &rest, &page->rep_levels));
  }
  if (desc_.max_definition_level > 0) {
    INLET_RETURN_NOT_OK(TakeLevelsV1(d.definition_level_encoding, desc_.max_definition_level,
                                     d.num_values, "definition", &rest, &page->def_levels));
  }
  page->values = rest;
  return Status::OK();
}

Status PageReader::SplitDataPageV2(const PageHeader& h, std::string_view body, Page* page) {
  if (!h.data_page_header_v2) {
    return Status::InvalidData(where_ + ": data page without its header");
  }
  const DataPageHeaderV2& d = *h.data_page_header_v2;
  page->num_values = d.num_values;
  page->encoding = d.encoding;
  if (d.repetition_levels_byte_length < 0 || d.definition_levels_byte_length < 0 ||
      int64_t{d.repetition_levels_byte_length} + d.definition_levels_byte_length >
          static_cast<int64_t>(body.size())) {
    return Status::InvalidData(where_ + ": data page v2 level lengths exceed the page");
  }
  // Levels are never compressed in v2. A section the descriptor has no use for is skipped.
  std::string_view rep = body.substr(0, static_cast<size_t>(d.repetition_levels_byte_length));
  body.remove_prefix(rep.size());
  std::string_view def = body.substr(0, static_cast<size_t>(d.definition_levels_byte_length));
  body.remove_prefix(def.size());
  if (desc_.max_repetition_level > 0) page->rep_levels = rep;
  if (desc_.max_definition_level > 0) page->def_levels = def;
  int64_t levels_size = int64_t{d.repetition_levels_byte_length} + d.definition_levels_byte_length;
  if (d.is_compressed && codec_ != Codec::kUncompressed) {
    if (h.uncompressed_page_size < levels_size) {
      return Status::InvalidData(where_ + ": data page v2 sizes are inconsistent");
    }
    INLET_ASSIGN_OR_RETURN(page->values, Decompress(body, h.uncompressed_page_size - levels_size));
  } else {
    page->values = body;
  }
  return Status::OK();
}

}  // namespace inlet::parquet

#include "formats/parquet/page_index.h"

#include "formats/parquet/thrift_compact.h"
#include "formats/parquet/thrift_fields.h"

namespace inlet::parquet {

namespace {

using thrift::Read;
using thrift::ReadList;
using thrift::ReadStruct;
using thrift::RequiredFields;

Status ReadPageLocation(CompactReader* r, PageLocation* out) {
  const char* s = "PageLocation";
  RequiredFields required(s, {1, 2, 3});
  INLET_RETURN_NOT_OK(ReadStruct(r, [&](const FieldHeader& f) -> Status {
    required.Saw(f.id);
    switch (f.id) {
      case 1:
        return Read(r, f, s, &out->offset);
      case 2:
        return Read(r, f, s, &out->compressed_page_size);
      case 3:
        return Read(r, f, s, &out->first_row_index);
      default:
        return r->Skip(f.type);
    }
  }));
  return required.Check();
}

// The bytes [offset, offset + length) of `file`, checked to lie inside it.
Result<std::string_view> IndexBytes(std::string_view file, const char* what,
                                    std::optional<int64_t> offset, std::optional<int32_t> length) {
  if (offset.has_value() != length.has_value()) {
    return Status::InvalidData(std::string("ColumnChunk has only one of the offset and length of "
                                           "its ") +
                               what);
  }
  const auto size = static_cast<int64_t>(file.size());
  if (*offset < 0 || *length < 0 || *offset > size || *length > size - *offset) {
    return Status::InvalidData(std::string(what) + " of " + std::to_string(*length) +
                               " bytes at offset " + std::to_string(*offset) +
                               " lies outside the file of " + std::to_string(size) + " bytes");
  }
  return file.substr(static_cast<size_t>(*offset), static_cast<size_t>(*length));
}

}  // namespace

std::string SerializeColumnIndex(const ColumnIndex& index) {
  CompactWriter w;
  w.BeginStruct();
  const auto pages = static_cast<int32_t>(index.null_pages.size());
  w.WriteListFieldHeader(1, ThriftType::kBoolTrue, pages);
  for (bool null_page : index.null_pages) w.WriteBool(null_page);
  w.WriteListFieldHeader(2, ThriftType::kBinary, static_cast<int32_t>(index.min_values.size()));
  for (const std::string& v : index.min_values) w.WriteBinary(v);
  w.WriteListFieldHeader(3, ThriftType::kBinary, static_cast<int32_t>(index.max_values.size()));
  for (const std::string& v : index.max_values) w.WriteBinary(v);
  w.WriteI32Field(4, static_cast<int32_t>(index.boundary_order));
  if (index.null_counts) {
    w.WriteListFieldHeader(5, ThriftType::kI64, static_cast<int32_t>(index.null_counts->size()));
    for (int64_t n : *index.null_counts) w.WriteI64(n);
  }
  w.EndStruct();
  return w.TakeBuffer();
}

std::string SerializeOffsetIndex(const OffsetIndex& index) {
  CompactWriter w;
  w.BeginStruct();
  w.WriteListFieldHeader(1, ThriftType::kStruct, static_cast<int32_t>(index.page_locations.size()));
  for (const PageLocation& page : index.page_locations) {
    w.BeginStruct();
    w.WriteI64Field(1, page.offset);
    w.WriteI32Field(2, page.compressed_page_size);
    w.WriteI64Field(3, page.first_row_index);
    w.EndStruct();
  }
  w.EndStruct();
  return w.TakeBuffer();
}

Result<ColumnIndex> DeserializeColumnIndex(std::string_view bytes) {
  CompactReader r(bytes);
  ColumnIndex index;
  const char* s = "ColumnIndex";
  RequiredFields required(s, {1, 2, 3, 4});
  auto read_binary = [&r](std::string* v) -> Status {
    INLET_ASSIGN_OR_RETURN(*v, r.ReadBinary());
    return Status::OK();
  };
  INLET_RETURN_NOT_OK(ReadStruct(&r, [&](const FieldHeader& f) -> Status {
    required.Saw(f.id);
    switch (f.id) {
      case 1:
        return ReadList(&r, f, s, ThriftType::kBoolTrue, &index.null_pages,
                        [&r](bool* v) -> Status {
                          INLET_ASSIGN_OR_RETURN(*v, r.ReadBool(ThriftType::kByte));
                          return Status::OK();
                        });
      case 2:
        return ReadList(&r, f, s, ThriftType::kBinary, &index.min_values, read_binary);
      case 3:
        return ReadList(&r, f, s, ThriftType::kBinary, &index.max_values, read_binary);
      case 4:
        return Read(&r, f, s, &index.boundary_order);
      case 5:
        return ReadList(&r, f, s, ThriftType::kI64, &index.null_counts.emplace(),
                        [&r](int64_t* v) -> Status {
                          INLET_ASSIGN_OR_RETURN(*v, r.ReadI64());
                          return Status::OK();
                        });
      default:
        return r.Skip(f.type);
    }
  }));
  INLET_RETURN_NOT_OK(required.Check());
  const size_t pages = index.null_pages.size();
  if (index.min_values.size() != pages || index.max_values.size() != pages ||
      (index.null_counts && index.null_counts->size() != pages)) {
    return Status::InvalidData(
        "ColumnIndex lists differ in length: " + std::to_string(pages) + " null_pages, " +
        std::to_string(index.min_values.size()) + " min_values, " +
        std::to_string(index.max_values.size()) + " max_values" +
        (index.null_counts ? ", " + std::to_string(index.null_counts->size()) + " null_counts"
                           : ""));
  }
  return index;
}

Result<OffsetIndex> DeserializeOffsetIndex(std::string_view bytes) {
  CompactReader r(bytes);
  OffsetIndex index;
  const char* s = "OffsetIndex";
  RequiredFields required(s, {1});
  INLET_RETURN_NOT_OK(ReadStruct(&r, [&](const FieldHeader& f) -> Status {
    required.Saw(f.id);
    if (f.id == 1) {
      return ReadList(&r, f, s, ThriftType::kStruct, &index.page_locations,
                      [&r](PageLocation* page) { return ReadPageLocation(&r, page); });
    }
    return r.Skip(f.type);
  }));
  INLET_RETURN_NOT_OK(required.Check());
  return index;
}

Result<ChunkPageIndex> ReadChunkPageIndex(std::string_view file, const ColumnChunk& chunk) {
  ChunkPageIndex index;
  if (chunk.column_index_offset || chunk.column_index_length) {
    INLET_ASSIGN_OR_RETURN(
        std::string_view bytes,
        IndexBytes(file, "ColumnIndex", chunk.column_index_offset, chunk.column_index_length));
    INLET_ASSIGN_OR_RETURN(index.column_index, DeserializeColumnIndex(bytes));
  }
  if (chunk.offset_index_offset || chunk.offset_index_length) {
    INLET_ASSIGN_OR_RETURN(
        std::string_view bytes,
        IndexBytes(file, "OffsetIndex", chunk.offset_index_offset, chunk.offset_index_length));
    INLET_ASSIGN_OR_RETURN(index.offset_index, DeserializeOffsetIndex(bytes));
  }
  return index;
}

}  // namespace inlet::parquet

#include "formats/parquet/parquet_metadata.h"

#include "formats/parquet/thrift_compact.h"
#include "formats/parquet/thrift_fields.h"

namespace inlet::parquet {

namespace {

// ---------------------------------------------------------------- writing

void WriteStatistics(CompactWriter* w, const Statistics& s) {
  w->BeginStruct();
  if (s.max) w->WriteBinaryField(1, *s.max);
  if (s.min) w->WriteBinaryField(2, *s.min);
  if (s.null_count) w->WriteI64Field(3, *s.null_count);
  if (s.distinct_count) w->WriteI64Field(4, *s.distinct_count);
  if (s.max_value) w->WriteBinaryField(5, *s.max_value);
  if (s.min_value) w->WriteBinaryField(6, *s.min_value);
  w->EndStruct();
}

void WriteEmptyStructField(CompactWriter* w, int16_t id) {
  w->WriteStructFieldHeader(id);
  w->BeginStruct();
  w->EndStruct();
}

void WriteLogicalType(CompactWriter* w, const LogicalTypeAnnotation& t) {
  using Kind = LogicalTypeAnnotation::Kind;
  w->BeginStruct();
  int16_t member = static_cast<int16_t>(t.kind);
  switch (t.kind) {
    case Kind::kDecimal:
      w->WriteStructFieldHeader(member);
      w->BeginStruct();
      w->WriteI32Field(1, t.scale);
      w->WriteI32Field(2, t.precision);
      w->EndStruct();
      break;
    case Kind::kTime:
    case Kind::kTimestamp:
      w->WriteStructFieldHeader(member);
      w->BeginStruct();
      w->WriteBoolField(1, t.is_adjusted_to_utc);
      w->WriteStructFieldHeader(2);
      w->BeginStruct();
      WriteEmptyStructField(w, static_cast<int16_t>(t.unit));
      w->EndStruct();
      w->EndStruct();
      break;
    case Kind::kInteger:
      w->WriteStructFieldHeader(member);
      w->BeginStruct();
      w->WriteI8Field(1, t.bit_width);
      w->WriteBoolField(2, t.is_signed);
      w->EndStruct();
      break;
    default:
      WriteEmptyStructField(w, member);
      break;
  }
  w->EndStruct();
}

void WriteSchemaElement(CompactWriter* w, const SchemaElement& e) {
  w->BeginStruct();
  if (e.type) w->WriteI32Field(1, static_cast<int32_t>(*e.type));
  if (e.type_length) w->WriteI32Field(2, *e.type_length);
  if (e.repetition_type) w->WriteI32Field(3, static_cast<int32_t>(*e.repetition_type));
  w->WriteBinaryField(4, e.name);
  if (e.num_children) w->WriteI32Field(5, *e.num_children);
  if (e.converted_type) w->WriteI32Field(6, static_cast<int32_t>(*e.converted_type));
  if (e.scale) w->WriteI32Field(7, *e.scale);
  if (e.precision) w->WriteI32Field(8, *e.precision);
  if (e.field_id) w->WriteI32Field(9, *e.field_id);
  if (e.logical_type) {
    w->WriteStructFieldHeader(10);
    WriteLogicalType(w, *e.logical_type);
  }
  w->EndStruct();
}

void WriteKeyValues(CompactWriter* w, int16_t id, const std::vector<KeyValue>& kvs) {
  w->WriteListFieldHeader(id, ThriftType::kStruct, static_cast<int32_t>(kvs.size()));
  for (const KeyValue& kv : kvs) {
    w->BeginStruct();
    w->WriteBinaryField(1, kv.key);
    if (kv.value) w->WriteBinaryField(2, *kv.value);
    w->EndStruct();
  }
}

void WriteColumnMetaData(CompactWriter* w, const ColumnMetaData& m) {
  w->BeginStruct();
  w->WriteI32Field(1, static_cast<int32_t>(m.type));
  w->WriteListFieldHeader(2, ThriftType::kI32, static_cast<int32_t>(m.encodings.size()));
  for (Encoding e : m.encodings) w->WriteI32(static_cast<int32_t>(e));
  w->WriteListFieldHeader(3, ThriftType::kBinary, static_cast<int32_t>(m.path_in_schema.size()));
  for (const std::string& p : m.path_in_schema) w->WriteBinary(p);
  w->WriteI32Field(4, static_cast<int32_t>(m.codec));
  w->WriteI64Field(5, m.num_values);
  w->WriteI64Field(6, m.total_uncompressed_size);
  w->WriteI64Field(7, m.total_compressed_size);
  w->WriteI64Field(9, m.data_page_offset);
  if (m.index_page_offset) w->WriteI64Field(10, *m.index_page_offset);
  if (m.dictionary_page_offset) w->WriteI64Field(11, *m.dictionary_page_offset);
  if (m.statistics) {
    w->WriteStructFieldHeader(12);
    WriteStatistics(w, *m.statistics);
  }
  w->EndStruct();
}

void WriteRowGroup(CompactWriter* w, const RowGroup& rg) {
  w->BeginStruct();
  w->WriteListFieldHeader(1, ThriftType::kStruct, static_cast<int32_t>(rg.columns.size()));
  for (const ColumnChunk& c : rg.columns) {
    w->BeginStruct();
    if (c.file_path) w->WriteBinaryField(1, *c.file_path);
    w->WriteI64Field(2, c.file_offset);
    if (c.meta_data) {
      w->WriteStructFieldHeader(3);
      WriteColumnMetaData(w, *c.meta_data);
    }
    if (c.offset_index_offset) w->WriteI64Field(4, *c.offset_index_offset);
    if (c.offset_index_length) w->WriteI32Field(5, *c.offset_index_length);
    if (c.column_index_offset) w->WriteI64Field(6, *c.column_index_offset);
    if (c.column_index_length) w->WriteI32Field(7, *c.column_index_length);
    w->EndStruct();
  }
  w->WriteI64Field(2, rg.total_byte_size);
  w->WriteI64Field(3, rg.num_rows);
  if (rg.file_offset) w->WriteI64Field(5, *rg.file_offset);
  if (rg.total_compressed_size) w->WriteI64Field(6, *rg.total_compressed_size);
  if (rg.ordinal) {
    w->WriteFieldHeader(7, ThriftType::kI16);
    w->WriteI32(*rg.ordinal);  // i16 and i32 share the zigzag varint encoding
  }
  w->EndStruct();
}

// ---------------------------------------------------------------- reading

using thrift::Read;
using thrift::ReadList;
using thrift::ReadStruct;
using thrift::RequiredFields;

Status ReadStatistics(CompactReader* r, Statistics* out) {
  const char* s = "Statistics";
  return ReadStruct(r, [&](const FieldHeader& f) -> Status {
    switch (f.id) {
      case 1:
        return Read(r, f, s, &out->max);
      case 2:
        return Read(r, f, s, &out->min);
      case 3:
        return Read(r, f, s, &out->null_count);
      case 4:
        return Read(r, f, s, &out->distinct_count);
      case 5:
        return Read(r, f, s, &out->max_value);
      case 6:
        return Read(r, f, s, &out->min_value);
      default:
        return r->Skip(f.type);
    }
  });
}

// Reads TimeUnit (a union of empty structs): the member id is the unit.
Status ReadTimeUnit(CompactReader* r, TimeUnit* out) {
  return ReadStruct(r, [&](const FieldHeader& f) -> Status {
    *out = static_cast<TimeUnit>(f.id);
    return r->Skip(f.type);
  });
}

Status ReadLogicalType(CompactReader* r, LogicalTypeAnnotation* out) {
  using Kind = LogicalTypeAnnotation::Kind;
  const char* s = "LogicalType";
  bool any = false;
  INLET_RETURN_NOT_OK(ReadStruct(r, [&](const FieldHeader& f) -> Status {
    any = true;
    out->kind = static_cast<Kind>(f.id);
    INLET_RETURN_NOT_OK(ExpectType(f, ThriftType::kStruct, s));
    switch (out->kind) {
      case Kind::kDecimal:
        return ReadStruct(r, [&](const FieldHeader& g) -> Status {
          if (g.id == 1) return Read(r, g, "DecimalType", &out->scale);
          if (g.id == 2) return Read(r, g, "DecimalType", &out->precision);
          return r->Skip(g.type);
        });
      case Kind::kTime:
      case Kind::kTimestamp:
        return ReadStruct(r, [&](const FieldHeader& g) -> Status {
          if (g.id == 1) return Read(r, g, "TimestampType", &out->is_adjusted_to_utc);
          if (g.id == 2) {
            INLET_RETURN_NOT_OK(ExpectType(g, ThriftType::kStruct, "TimestampType"));
            return ReadTimeUnit(r, &out->unit);
          }
          return r->Skip(g.type);
        });
      case Kind::kInteger:
        return ReadStruct(r, [&](const FieldHeader& g) -> Status {
          if (g.id == 1) return Read(r, g, "IntType", &out->bit_width);
          if (g.id == 2) return Read(r, g, "IntType", &out->is_signed);
          return r->Skip(g.type);
        });
      default:
        return r->Skip(f.type);
    }
  }));
  if (!any) return Status::InvalidData("LogicalType union has no member");
  return Status::OK();
}

Status ReadSchemaElement(CompactReader* r, SchemaElement* out) {
  const char* s = "SchemaElement";
  RequiredFields required(s, {4});
  INLET_RETURN_NOT_OK(ReadStruct(r, [&](const FieldHeader& f) -> Status {
    required.Saw(f.id);
    switch (f.id) {
      case 1:
        return Read(r, f, s, &out->type);
      case 2:
        return Read(r, f, s, &out->type_length);
      case 3:
        return Read(r, f, s, &out->repetition_type);
      case 4:
        return Read(r, f, s, &out->name);
      case 5:
        return Read(r, f, s, &out->num_children);
      case 6:
        return Read(r, f, s, &out->converted_type);
      case 7:
        return Read(r, f, s, &out->scale);
      case 8:
        return Read(r, f, s, &out->precision);
      case 9:
        return Read(r, f, s, &out->field_id);
      case 10:
        INLET_RETURN_NOT_OK(ExpectType(f, ThriftType::kStruct, s));
        out->logical_type.emplace();
        return ReadLogicalType(r, &*out->logical_type);
      default:
        return r->Skip(f.type);
    }
  }));
  return required.Check();
}

Status ReadKeyValue(CompactReader* r, KeyValue* out) {
  const char* s = "KeyValue";
  RequiredFields required(s, {1});
  INLET_RETURN_NOT_OK(ReadStruct(r, [&](const FieldHeader& f) -> Status {
    required.Saw(f.id);
    if (f.id == 1) return Read(r, f, s, &out->key);
    if (f.id == 2) return Read(r, f, s, &out->value);
    return r->Skip(f.type);
  }));
  return required.Check();
}

Status ReadColumnMetaData(CompactReader* r, ColumnMetaData* out) {
  const char* s = "ColumnMetaData";
  RequiredFields required(s, {1, 2, 3, 4, 5, 6, 7, 9});
  INLET_RETURN_NOT_OK(ReadStruct(r, [&](const FieldHeader& f) -> Status {
    required.Saw(f.id);
    switch (f.id) {
      case 1:
        return Read(r, f, s, &out->type);
      case 2:
        return ReadList(r, f, s, ThriftType::kI32, &out->encodings, [&](Encoding* e) -> Status {
          INLET_ASSIGN_OR_RETURN(int32_t v, r->ReadI32());
          *e = static_cast<Encoding>(v);
          return Status::OK();
        });
      case 3:
        return ReadList(r, f, s, ThriftType::kBinary, &out->path_in_schema,
                        [&](std::string* p) -> Status {
                          INLET_ASSIGN_OR_RETURN(*p, r->ReadBinary());
                          return Status::OK();
                        });
      case 4:
        return Read(r, f, s, &out->codec);
      case 5:
        return Read(r, f, s, &out->num_values);
      case 6:
        return Read(r, f, s, &out->total_uncompressed_size);
      case 7:
        return Read(r, f, s, &out->total_compressed_size);
      case 9:
        return Read(r, f, s, &out->data_page_offset);
      case 10:
        return Read(r, f, s, &out->index_page_offset);
      case 11:
        return Read(r, f, s, &out->dictionary_page_offset);
      case 12:
        INLET_RETURN_NOT_OK(ExpectType(f, ThriftType::kStruct, s));
        out->statistics.emplace();
        return ReadStatistics(r, &*out->statistics);
      default:
        return r->Skip(f.type);
    }
  }));
  return required.Check();
}

Status ReadColumnChunk(CompactReader* r, ColumnChunk* out) {
  const char* s = "ColumnChunk";
  RequiredFields required(s, {2});
  INLET_RETURN_NOT_OK(ReadStruct(r, [&](const FieldHeader& f) -> Status {
    required.Saw(f.id);
    switch (f.id) {
      case 1:
        return Read(r, f, s, &out->file_path);
      case 2:
        return Read(r, f, s, &out->file_offset);
      case 3:
        INLET_RETURN_NOT_OK(ExpectType(f, ThriftType::kStruct, s));
        out->meta_data.emplace();
        return ReadColumnMetaData(r, &*out->meta_data);
      case 4:
        return Read(r, f, s, &out->offset_index_offset);
      case 5:
        return Read(r, f, s, &out->offset_index_length);
      case 6:
        return Read(r, f, s, &out->column_index_offset);
      case 7:
        return Read(r, f, s, &out->column_index_length);
      default:
        return r->Skip(f.type);
    }
  }));
  return required.Check();
}

Status ReadRowGroup(CompactReader* r, RowGroup* out) {
  const char* s = "RowGroup";
  RequiredFields required(s, {1, 2, 3});
  INLET_RETURN_NOT_OK(ReadStruct(r, [&](const FieldHeader& f) -> Status {
    required.Saw(f.id);
    switch (f.id) {
      case 1:
        return ReadList(r, f, s, ThriftType::kStruct, &out->columns,
                        [&](ColumnChunk* c) { return ReadColumnChunk(r, c); });
      case 2:
        return Read(r, f, s, &out->total_byte_size);
      case 3:
        return Read(r, f, s, &out->num_rows);
      case 5:
        return Read(r, f, s, &out->file_offset);
      case 6:
        return Read(r, f, s, &out->total_compressed_size);
      case 7:
        return Read(r, f, s, &out->ordinal);
      default:
        return r->Skip(f.type);
    }
  }));
  return required.Check();
}

}  // namespace

std::string SerializeFileMetaData(const FileMetaData& m) {
  CompactWriter w;
  w.BeginStruct();
  w.WriteI32Field(1, m.version);
  w.WriteListFieldHeader(2, ThriftType::kStruct, static_cast<int32_t>(m.schema.size()));
  for (const SchemaElement& e : m.schema) WriteSchemaElement(&w, e);
  w.WriteI64Field(3, m.num_rows);
  w.WriteListFieldHeader(4, ThriftType::kStruct, static_cast<int32_t>(m.row_groups.size()));
  for (const RowGroup& rg : m.row_groups) WriteRowGroup(&w, rg);
  if (!m.key_value_metadata.empty()) WriteKeyValues(&w, 5, m.key_value_metadata);
  if (m.created_by) w.WriteBinaryField(6, *m.created_by);
  if (m.num_type_defined_column_orders > 0) {
    w.WriteListFieldHeader(7, ThriftType::kStruct, m.num_type_defined_column_orders);
    for (int32_t i = 0; i < m.num_type_defined_column_orders; ++i) {
      w.BeginStruct();
      WriteEmptyStructField(&w, 1);  // TYPE_ORDER
      w.EndStruct();
    }
  }
  w.EndStruct();
  return w.TakeBuffer();
}

Result<FileMetaData> DeserializeFileMetaData(std::string_view bytes) {
  CompactReader r(bytes);
  FileMetaData m;
  const char* s = "FileMetaData";
  RequiredFields required(s, {1, 2, 3, 4});
  INLET_RETURN_NOT_OK(ReadStruct(&r, [&](const FieldHeader& f) -> Status {
    required.Saw(f.id);
    switch (f.id) {
      case 1:
        return Read(&r, f, s, &m.version);
      case 2:
        return ReadList(&r, f, s, ThriftType::kStruct, &m.schema,
                        [&](SchemaElement* e) { return ReadSchemaElement(&r, e); });
      case 3:
        return Read(&r, f, s, &m.num_rows);
      case 4:
        return ReadList(&r, f, s, ThriftType::kStruct, &m.row_groups,
                        [&](RowGroup* rg) { return ReadRowGroup(&r, rg); });
      case 5:
        return ReadList(&r, f, s, ThriftType::kStruct, &m.key_value_metadata,
                        [&](KeyValue* kv) { return ReadKeyValue(&r, kv); });
      case 6:
        return Read(&r, f, s, &m.created_by);
      case 7: {
        // Only the count matters to us; the orders themselves are skipped.
        INLET_RETURN_NOT_OK(ExpectType(f, ThriftType::kList, s));
        INLET_ASSIGN_OR_RETURN(ListHeader list, r.ReadListHeader());
        for (int32_t i = 0; i < list.size; ++i) INLET_RETURN_NOT_OK(r.Skip(list.element_type));
        m.num_type_defined_column_orders = list.size;
        return Status::OK();
      }
      case 8:
        m.encrypted = true;
        return r.Skip(f.type);
      default:
        return r.Skip(f.type);
    }
  }));
  INLET_RETURN_NOT_OK(required.Check());
  return m;
}

std::string SerializePageHeader(const PageHeader& h) {
  CompactWriter w;
  w.BeginStruct();
  w.WriteI32Field(1, static_cast<int32_t>(h.type));
  w.WriteI32Field(2, h.uncompressed_page_size);
  w.WriteI32Field(3, h.compressed_page_size);
  if (h.crc) w.WriteI32Field(4, *h.crc);
  if (h.data_page_header) {
    const DataPageHeader& d = *h.data_page_header;
    w.WriteStructFieldHeader(5);
    w.BeginStruct();
    w.WriteI32Field(1, d.num_values);
    w.WriteI32Field(2, static_cast<int32_t>(d.encoding));
    w.WriteI32Field(3, static_cast<int32_t>(d.definition_level_encoding));
    w.WriteI32Field(4, static_cast<int32_t>(d.repetition_level_encoding));
    w.EndStruct();
  }
  if (h.dictionary_page_header) {
    const DictionaryPageHeader& d = *h.dictionary_page_header;
    w.WriteStructFieldHeader(7);
    w.BeginStruct();
    w.WriteI32Field(1, d.num_values);
    w.WriteI32Field(2, static_cast<int32_t>(d.encoding));
    if (d.is_sorted) w.WriteBoolField(3, *d.is_sorted);
    w.EndStruct();
  }
  if (h.data_page_header_v2) {
    const DataPageHeaderV2& d = *h.data_page_header_v2;
    w.WriteStructFieldHeader(8);
    w.BeginStruct();
    w.WriteI32Field(1, d.num_values);
    w.WriteI32Field(2, d.num_nulls);
    w.WriteI32Field(3, d.num_rows);
    w.WriteI32Field(4, static_cast<int32_t>(d.encoding));
    w.WriteI32Field(5, d.definition_levels_byte_length);
    w.WriteI32Field(6, d.repetition_levels_byte_length);
    w.WriteBoolField(7, d.is_compressed);
    w.EndStruct();
  }
  w.EndStruct();
  return w.TakeBuffer();
}

Result<PageHeader> DeserializePageHeader(std::string_view bytes, size_t* header_size) {
  CompactReader r(bytes);
  PageHeader h;
  const char* s = "PageHeader";
  RequiredFields required(s, {1, 2, 3});
  INLET_RETURN_NOT_OK(ReadStruct(&r, [&](const FieldHeader& f) -> Status {
    required.Saw(f.id);
    switch (f.id) {
      case 1:
        return Read(&r, f, s, &h.type);
      case 2:
        return Read(&r, f, s, &h.uncompressed_page_size);
      case 3:
        return Read(&r, f, s, &h.compressed_page_size);
      case 4:
        return Read(&r, f, s, &h.crc);
      case 5: {
        INLET_RETURN_NOT_OK(ExpectType(f, ThriftType::kStruct, s));
        DataPageHeader& d = h.data_page_header.emplace();
        const char* ds = "DataPageHeader";
        RequiredFields dr(ds, {1, 2, 3, 4});
        INLET_RETURN_NOT_OK(ReadStruct(&r, [&](const FieldHeader& g) -> Status {
          dr.Saw(g.id);
          switch (g.id) {
            case 1:
              return Read(&r, g, ds, &d.num_values);
            case 2:
              return Read(&r, g, ds, &d.encoding);
            case 3:
              return Read(&r, g, ds, &d.definition_level_encoding);
            case 4:
              return Read(&r, g, ds, &d.repetition_level_encoding);
            default:
              return r.Skip(g.type);
          }
        }));
        return dr.Check();
      }
      case 7: {
        INLET_RETURN_NOT_OK(ExpectType(f, ThriftType::kStruct, s));
        DictionaryPageHeader& d = h.dictionary_page_header.emplace();
        const char* ds = "DictionaryPageHeader";
        RequiredFields dr(ds, {1, 2});
        INLET_RETURN_NOT_OK(ReadStruct(&r, [&](const FieldHeader& g) -> Status {
          dr.Saw(g.id);
          switch (g.id) {
            case 1:
              return Read(&r, g, ds, &d.num_values);
            case 2:
              return Read(&r, g, ds, &d.encoding);
            case 3:
              return Read(&r, g, ds, &d.is_sorted);
            default:
              return r.Skip(g.type);
          }
        }));
        return dr.Check();
      }
      case 8: {
        INLET_RETURN_NOT_OK(ExpectType(f, ThriftType::kStruct, s));
        DataPageHeaderV2& d = h.data_page_header_v2.emplace();
        const char* ds = "DataPageHeaderV2";
        RequiredFields dr(ds, {1, 2, 3, 4, 5, 6});
        INLET_RETURN_NOT_OK(ReadStruct(&r, [&](const FieldHeader& g) -> Status {
          dr.Saw(g.id);
          switch (g.id) {
            case 1:
              return Read(&r, g, ds, &d.num_values);
            case 2:
              return Read(&r, g, ds, &d.num_nulls);
            case 3:
              return Read(&r, g, ds, &d.num_rows);
            case 4:
              return Read(&r, g, ds, &d.encoding);
            case 5:
              return Read(&r, g, ds, &d.definition_levels_byte_length);
            case 6:
              return Read(&r, g, ds, &d.repetition_levels_byte_length);
            case 7:
              return Read(&r, g, ds, &d.is_compressed);
            default:
              return r.Skip(g.type);
          }
        }));
        return dr.Check();
      }
      default:
        return r.Skip(f.type);
    }
  }));
  INLET_RETURN_NOT_OK(required.Check());
  *header_size = r.position();
  return h;
}

std::string CodecName(Codec codec) {
  switch (codec) {
    case Codec::kUncompressed:
      return "UNCOMPRESSED";
    case Codec::kSnappy:
      return "SNAPPY";
    case Codec::kGzip:
      return "GZIP";
    case Codec::kLzo:
      return "LZO";
    case Codec::kBrotli:
      return "BROTLI";
    case Codec::kLz4:
      return "LZ4";
    case Codec::kZstd:
      return "ZSTD";
    case Codec::kLz4Raw:
      return "LZ4_RAW";
  }
  return "codec " + std::to_string(static_cast<int>(codec));
}

std::string EncodingName(Encoding encoding) {
  switch (encoding) {
    case Encoding::kPlain:
      return "PLAIN";
    case Encoding::kPlainDictionary:
      return "PLAIN_DICTIONARY";
    case Encoding::kRle:
      return "RLE";
    case Encoding::kBitPacked:
      return "BIT_PACKED";
    case Encoding::kDeltaBinaryPacked:
      return "DELTA_BINARY_PACKED";
    case Encoding::kDeltaLengthByteArray:
      return "DELTA_LENGTH_BYTE_ARRAY";
    case Encoding::kDeltaByteArray:
      return "DELTA_BYTE_ARRAY";
    case Encoding::kRleDictionary:
      return "RLE_DICTIONARY";
    case Encoding::kByteStreamSplit:
      return "BYTE_STREAM_SPLIT";
  }
  return "encoding " + std::to_string(static_cast<int>(encoding));
}

std::string TypeName(Type type) {
  switch (type) {
    case Type::kBoolean:
      return "BOOLEAN";
    case Type::kInt32:
      return "INT32";
    case Type::kInt64:
      return "INT64";
    case Type::kInt96:
      return "INT96";
    case Type::kFloat:
      return "FLOAT";
    case Type::kDouble:
      return "DOUBLE";
    case Type::kByteArray:
      return "BYTE_ARRAY";
    case Type::kFixedLenByteArray:
      return "FIXED_LEN_BYTE_ARRAY";
  }
  return "type " + std::to_string(static_cast<int>(type));
}

}  // namespace inlet::parquet

#include "formats/parquet/parquet_schema.h"

namespace inlet::parquet {

namespace {

using Kind = LogicalTypeAnnotation::Kind;

LogicalTypeAnnotation IntAnnotation(int bit_width) {
  LogicalTypeAnnotation a;
  a.kind = Kind::kInteger;
  a.bit_width = static_cast<int8_t>(bit_width);
  a.is_signed = true;
  return a;
}

LogicalTypeAnnotation SimpleAnnotation(Kind kind) {
  LogicalTypeAnnotation a;
  a.kind = kind;
  return a;
}

// Fills the physical type and annotations of a leaf element for an inlet type.
void Annotate(const ColumnDescriptor& desc, SchemaElement* e) {
  const LogicalType& t = desc.type;
  e->type = desc.physical;
  switch (t.id()) {
    case TypeId::kTinyInt:
      e->logical_type = IntAnnotation(8);
      e->converted_type = ConvertedType::kInt8;
      break;
    case TypeId::kSmallInt:
      e->logical_type = IntAnnotation(16);
      e->converted_type = ConvertedType::kInt16;
      break;
    case TypeId::kDecimal: {
      LogicalTypeAnnotation a;
      a.kind = Kind::kDecimal;
      a.precision = t.precision();
      a.scale = t.scale();
      e->logical_type = a;
      e->converted_type = ConvertedType::kDecimal;
      e->precision = t.precision();
      e->scale = t.scale();
      if (desc.physical == Type::kFixedLenByteArray) e->type_length = desc.type_length;
      break;
    }
    case TypeId::kVarchar:
      e->logical_type = SimpleAnnotation(Kind::kString);
      e->converted_type = ConvertedType::kUtf8;
      break;
    case TypeId::kDate:
      e->logical_type = SimpleAnnotation(Kind::kDate);
      e->converted_type = ConvertedType::kDate;
      break;
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz: {
      LogicalTypeAnnotation a;
      a.kind = Kind::kTimestamp;
      a.unit = TimeUnit::kMicros;
      a.is_adjusted_to_utc = t.id() == TypeId::kTimestampTz;
      e->logical_type = a;
      // TIMESTAMP_MICROS implies UTC-adjusted, so only the instant type carries it.
      if (a.is_adjusted_to_utc) e->converted_type = ConvertedType::kTimestampMicros;
      break;
    }
    default:
      // BOOLEAN, INTEGER, BIGINT, FLOAT, DOUBLE, BINARY: the physical type says it all.
      break;
  }
}

Status Unsupported(const std::string& file_name, const SchemaElement& e, const std::string& what) {
  return Status::NotImplemented(file_name + ": column \"" + e.name + "\" has Parquet type " + what +
                                ", which inlet cannot read yet");
}

// The inlet type of an INT32 or INT64 leaf, from its annotations.
Status MapInteger(const SchemaElement& e, const std::string& file_name, ColumnDescriptor* d) {
  bool is64 = d->physical == Type::kInt64;
  const auto& lt = e.logical_type;
  int bits = is64 ? 64 : 32;
  bool is_signed = true;
  if (lt && lt->kind == Kind::kInteger) {
    bits = lt->bit_width;
    is_signed = lt->is_signed;
  } else if (e.converted_type) {
    switch (*e.converted_type) {
      case ConvertedType::kInt8:
        bits = 8;
        break;
      case ConvertedType::kInt16:
        bits = 16;
        break;
      case ConvertedType::kUint8:
        bits = 8;
        is_signed = false;
        break;
      case ConvertedType::kUint16:
        bits = 16;
        is_signed = false;
        break;
      case ConvertedType::kUint32:
        bits = 32;
        is_signed = false;
        break;
      case ConvertedType::kUint64:
        bits = 64;
        is_signed = false;
        break;
      default:
        break;
    }
  }
  if (!is_signed) {
    d->conversion = ValueConversion::kUnsigned;
    bits *= 2;  // the next wider signed type holds every unsigned value
  }
  switch (bits) {
    case 8:
      d->type = LogicalType::TinyInt();
      return Status::OK();
    case 16:
      d->type = LogicalType::SmallInt();
      return Status::OK();
    case 32:
      d->type = LogicalType::Integer();
      return Status::OK();
    case 64:
      d->type = LogicalType::BigInt();
      return Status::OK();
    case 128:
      d->type = LogicalType::Decimal(20, 0);
      return Status::OK();
    default:
      return Unsupported(file_name, e, "INTEGER(" + std::to_string(bits) + ")");
  }
}

Status MapLeaf(const SchemaElement& e, const std::string& file_name, ColumnDescriptor* d) {
  const auto& lt = e.logical_type;
  Kind kind = lt ? lt->kind : Kind::kUnknown;
  bool decimal =
      (lt && kind == Kind::kDecimal) || (!lt && e.converted_type == ConvertedType::kDecimal);
  if (decimal) {
    int precision = lt ? lt->precision : e.precision.value_or(0);
    int scale = lt ? lt->scale : e.scale.value_or(0);
    if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
      return Unsupported(
          file_name, e, "DECIMAL(" + std::to_string(precision) + "," + std::to_string(scale) + ")");
    }
    if (d->physical == Type::kFixedLenByteArray && (d->type_length < 1 || d->type_length > 16)) {
      return Unsupported(file_name, e, "DECIMAL in " + std::to_string(d->type_length) + " bytes");
    }
    if (d->physical == Type::kBoolean || d->physical == Type::kFloat ||
        d->physical == Type::kDouble || d->physical == Type::kInt96) {
      return Status::InvalidData(file_name + ": column \"" + e.name + "\" is a DECIMAL stored as " +
                                 TypeName(d->physical));
    }
    d->type = LogicalType::Decimal(precision, scale);
    return Status::OK();
  }
  bool has_other_annotation = lt && kind != Kind::kInteger;
  switch (d->physical) {
    case Type::kBoolean:
      d->type = LogicalType::Boolean();
      return Status::OK();
    case Type::kFloat:
      d->type = LogicalType::Float();
      return Status::OK();
    case Type::kDouble:
      d->type = LogicalType::Double();
      return Status::OK();
    case Type::kInt96:
      d->type = LogicalType::Timestamp();
      d->conversion = ValueConversion::kInt96Timestamp;
      return Status::OK();
    case Type::kInt32:
      if (kind == Kind::kDate || (!lt && e.converted_type == ConvertedType::kDate)) {
        d->type = LogicalType::Date();
        return Status::OK();
      }
      if (has_other_annotation || (!lt && (e.converted_type == ConvertedType::kTimeMillis))) {
        return Unsupported(file_name, e, "INT32 with a TIME or other annotation");
      }
      return MapInteger(e, file_name, d);
    case Type::kInt64: {
      if (kind == Kind::kTimestamp) {
        d->type = lt->is_adjusted_to_utc ? LogicalType::TimestampTz() : LogicalType::Timestamp();
        if (lt->unit == TimeUnit::kMillis) d->conversion = ValueConversion::kTimeMillis;
        if (lt->unit == TimeUnit::kNanos) d->conversion = ValueConversion::kTimeNanos;
        return Status::OK();
      }
      // Legacy files without LogicalType: read as wall-clock timestamps, as other readers do.
      if (!lt && (e.converted_type == ConvertedType::kTimestampMicros ||
                  e.converted_type == ConvertedType::kTimestampMillis)) {
        d->type = LogicalType::Timestamp();
        if (e.converted_type == ConvertedType::kTimestampMillis) {
          d->conversion = ValueConversion::kTimeMillis;
        }
        return Status::OK();
      }
      if (has_other_annotation || (!lt && e.converted_type == ConvertedType::kTimeMicros)) {
        return Unsupported(file_name, e, "INT64 with a TIME or other annotation");
      }
      return MapInteger(e, file_name, d);
    }
    case Type::kByteArray: {
      bool text = kind == Kind::kString || kind == Kind::kEnum || kind == Kind::kJson ||
                  (!lt && (e.converted_type == ConvertedType::kUtf8 ||
                           e.converted_type == ConvertedType::kEnum ||
                           e.converted_type == ConvertedType::kJson));
      d->type = text ? LogicalType::Varchar() : LogicalType::Binary();
      return Status::OK();
    }
    case Type::kFixedLenByteArray:
      if (has_other_annotation)
        return Unsupported(file_name, e, "FIXED_LEN_BYTE_ARRAY (UUID/FLOAT16)");
      if (d->type_length < 0) {
        return Status::InvalidData(file_name + ": column \"" + e.name + "\" has a negative length");
      }
      d->type = LogicalType::Binary();
      return Status::OK();
  }
  return Status::InvalidData(file_name + ": column \"" + e.name + "\" has unknown physical type " +
                             std::to_string(static_cast<int>(d->physical)));
}

}  // namespace

int DecimalByteWidth(int precision) {
  // The smallest n with 2^(8n-1) > 10^precision - 1.
  int bytes = 1;
  // Unsigned: for 16 bytes the limit is 2^127, past the largest signed value.
  unsigned __int128 limit = 128;  // 2^(8*1-1)
  unsigned __int128 max_value = 1;
  for (int i = 0; i < precision; ++i) max_value *= 10;
  max_value -= 1;
  while (limit <= max_value) {
    ++bytes;
    limit <<= 8;
  }
  return bytes;
}

ColumnDescriptor DescribeFieldForWrite(const Field& field) {
  ColumnDescriptor d;
  d.name = field.name;
  d.type = field.type;
  d.max_definition_level = field.nullable ? 1 : 0;
  switch (field.type.id()) {
    case TypeId::kBoolean:
      d.physical = Type::kBoolean;
      break;
    case TypeId::kTinyInt:
    case TypeId::kSmallInt:
    case TypeId::kInteger:
    case TypeId::kDate:
      d.physical = Type::kInt32;
      break;
    case TypeId::kBigInt:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      d.physical = Type::kInt64;
      break;
    case TypeId::kFloat:
      d.physical = Type::kFloat;
      break;
    case TypeId::kDouble:
      d.physical = Type::kDouble;
      break;
    case TypeId::kDecimal:
      if (field.type.precision() <= 9) {
        d.physical = Type::kInt32;
      } else if (field.type.precision() <= 18) {
        d.physical = Type::kInt64;
      } else {
        d.physical = Type::kFixedLenByteArray;
        d.type_length = DecimalByteWidth(field.type.precision());
      }
      break;
    case TypeId::kVarchar:
    case TypeId::kBinary:
      d.physical = Type::kByteArray;
      break;
  }
  return d;
}

std::vector<SchemaElement> ToParquetSchema(const Schema& schema) {
  std::vector<SchemaElement> elements;
  SchemaElement root;
  root.name = "schema";
  root.num_children = static_cast<int32_t>(schema.num_fields());
  elements.push_back(root);
  for (const Field& field : schema.fields()) {
    ColumnDescriptor desc = DescribeFieldForWrite(field);
    SchemaElement e;
    e.name = field.name;
    e.repetition_type = field.nullable ? Repetition::kOptional : Repetition::kRequired;
    Annotate(desc, &e);
    elements.push_back(std::move(e));
  }
  return elements;
}

Result<std::vector<ColumnDescriptor>> ColumnsFromParquetSchema(
    const std::vector<SchemaElement>& elements, const std::string& file_name) {
  if (elements.empty()) return Status::InvalidData(file_name + ": Parquet schema is empty");
  const SchemaElement& root = elements[0];
  int32_t children = root.num_children.value_or(0);
  if (children < 0 || static_cast<size_t>(children) > elements.size() - 1) {
    return Status::InvalidData(file_name + ": Parquet schema root claims " +
                               std::to_string(children) + " children");
  }
  std::vector<ColumnDescriptor> columns;
  for (size_t i = 1; i < elements.size(); ++i) {
    const SchemaElement& e = elements[i];
    if (e.num_children.value_or(0) > 0 || !e.type) {
      return Status::NotImplemented(file_name + ": column \"" + e.name +
                                    "\" is a nested group, which inlet cannot read yet");
    }
    Repetition repetition = e.repetition_type.value_or(Repetition::kOptional);
    if (repetition == Repetition::kRepeated) {
      return Status::NotImplemented(file_name + ": column \"" + e.name +
                                    "\" is a repeated field, which inlet cannot read yet");
    }
    ColumnDescriptor d;
    d.name = e.name;
    d.physical = *e.type;
    d.type_length = e.type_length.value_or(0);
    d.max_definition_level = repetition == Repetition::kOptional ? 1 : 0;
    INLET_RETURN_NOT_OK(MapLeaf(e, file_name, &d));
    columns.push_back(std::move(d));
  }
  if (columns.size() != static_cast<size_t>(children)) {
    return Status::InvalidData(file_name + ": Parquet schema root claims " +
                               std::to_string(children) + " children but has " +
                               std::to_string(columns.size()));
  }
  return columns;
}

}  // namespace inlet::parquet

#include "formats/parquet/parquet_types.h"

#include <optional>

#include "common/macros.h"

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

// Chooses the inlet type of one primitive leaf from its physical type and annotations.
class LeafTypeMapper {
 public:
  LeafTypeMapper(const SchemaElement& e, const std::string& file_name,
                 const LeafTypeOptions& options, ColumnDescriptor* d)
      : e_(e), file_name_(file_name), options_(options), d_(d) {}

  Status Map() {
    std::optional<LogicalTypeAnnotation> annotation = EffectiveAnnotation();
    // INT96 has one meaning whatever it is annotated with.
    if (!annotation || d_->physical == Type::kInt96) return MapPhysical();
    const LogicalTypeAnnotation& a = *annotation;
    switch (a.kind) {
      case Kind::kString:
      case Kind::kEnum:
      case Kind::kJson:
        INLET_RETURN_NOT_OK(Expect(a, IsByteArray()));
        return Set(LogicalType::Varchar());
      case Kind::kBson:
        INLET_RETURN_NOT_OK(Expect(a, IsByteArray()));
        return Set(LogicalType::Binary());
      case Kind::kUuid:
        INLET_RETURN_NOT_OK(Expect(a, IsFixed(16)));
        return Set(LogicalType::Varchar(), ValueConversion::kUuid);
      case Kind::kFloat16:
        INLET_RETURN_NOT_OK(Expect(a, IsFixed(2)));
        return Set(LogicalType::Float(), ValueConversion::kFloat16);
      case Kind::kDate:
        INLET_RETURN_NOT_OK(Expect(a, d_->physical == Type::kInt32));
        return Set(LogicalType::Date());
      case Kind::kDecimal:
        return MapDecimal(a);
      case Kind::kTime:
        return MapTime(a);
      case Kind::kTimestamp:
        return MapTimestamp(a);
      case Kind::kInteger:
        return MapInteger(a);
      default:
        return MapPhysical();
    }
  }

 private:
  // The LogicalType when this reader knows it, else the equivalent of the legacy ConvertedType.
  // The spec asks readers to ignore a LogicalType they do not know (a newer writer's) and fall
  // back to the physical type; UNKNOWN (always NULL), and LIST / MAP, which belong on groups,
  // carry nothing for a leaf either.
  std::optional<LogicalTypeAnnotation> EffectiveAnnotation() {
    if (e_.logical_type) {
      switch (e_.logical_type->kind) {
        case Kind::kString:
        case Kind::kEnum:
        case Kind::kDecimal:
        case Kind::kDate:
        case Kind::kTime:
        case Kind::kTimestamp:
        case Kind::kInteger:
        case Kind::kJson:
        case Kind::kBson:
        case Kind::kUuid:
        case Kind::kFloat16:
          return e_.logical_type;
        default:
          return std::nullopt;
      }
    }
    if (!e_.converted_type) return std::nullopt;
    LogicalTypeAnnotation a;
    switch (*e_.converted_type) {
      case ConvertedType::kUtf8:
        a.kind = Kind::kString;
        return a;
      case ConvertedType::kEnum:
        a.kind = Kind::kEnum;
        return a;
      case ConvertedType::kJson:
        a.kind = Kind::kJson;
        return a;
      case ConvertedType::kBson:
        a.kind = Kind::kBson;
        return a;
      case ConvertedType::kDate:
        a.kind = Kind::kDate;
        return a;
      case ConvertedType::kDecimal:
        a.kind = Kind::kDecimal;
        a.precision = e_.precision.value_or(0);
        a.scale = e_.scale.value_or(0);
        return a;
      case ConvertedType::kTimeMillis:
      case ConvertedType::kTimeMicros:
        a.kind = Kind::kTime;
        a.is_adjusted_to_utc = true;
        a.unit = *e_.converted_type == ConvertedType::kTimeMillis ? TimeUnit::kMillis
                                                                  : TimeUnit::kMicros;
        return a;
      case ConvertedType::kTimestampMillis:
      case ConvertedType::kTimestampMicros:
        // LogicalTypes.md says these legacy types are UTC-adjusted instants, but the files that
        // carry them without a LogicalType come from writers (old Hive, Impala, Spark) that
        // stored local wall-clock readings as often as instants. DuckDB reads them as TIMESTAMP
        // (no time zone) and so do we: the digits the writer stored come back unchanged, and a
        // load into a TIMESTAMPTZ column still works by cast.
        a.kind = Kind::kTimestamp;
        a.is_adjusted_to_utc = false;
        a.unit = *e_.converted_type == ConvertedType::kTimestampMillis ? TimeUnit::kMillis
                                                                       : TimeUnit::kMicros;
        return a;
      case ConvertedType::kInt8:
      case ConvertedType::kInt16:
      case ConvertedType::kInt32:
      case ConvertedType::kInt64:
      case ConvertedType::kUint8:
      case ConvertedType::kUint16:
      case ConvertedType::kUint32:
      case ConvertedType::kUint64:
        return IntegerFromConvertedType(*e_.converted_type);
      default:
        // MAP, LIST, MAP_KEY_VALUE belong on groups; INTERVAL (FIXED_LEN_BYTE_ARRAY(12) of
        // months, days, milliseconds) has no inlet type and is read as its raw bytes.
        return std::nullopt;
    }
  }

  static LogicalTypeAnnotation IntegerFromConvertedType(ConvertedType c) {
    static constexpr struct {
      ConvertedType converted;
      int8_t bits;
      bool is_signed;
    } kIntegers[] = {
        {ConvertedType::kInt8, 8, true},     {ConvertedType::kInt16, 16, true},
        {ConvertedType::kInt32, 32, true},   {ConvertedType::kInt64, 64, true},
        {ConvertedType::kUint8, 8, false},   {ConvertedType::kUint16, 16, false},
        {ConvertedType::kUint32, 32, false}, {ConvertedType::kUint64, 64, false},
    };
    LogicalTypeAnnotation a;
    a.kind = Kind::kInteger;
    for (const auto& entry : kIntegers) {
      if (entry.converted == c) {
        a.bit_width = entry.bits;
        a.is_signed = entry.is_signed;
      }
    }
    return a;
  }

  bool IsByteArray() const {
    return d_->physical == Type::kByteArray || d_->physical == Type::kFixedLenByteArray;
  }
  bool IsFixed(int length) const {
    return d_->physical == Type::kFixedLenByteArray && d_->type_length == length;
  }

  std::string Where() const { return file_name_ + ": column \"" + e_.name + "\""; }

  // InvalidData unless `fits`: an annotation the physical type cannot carry.
  Status Expect(const LogicalTypeAnnotation& a, bool fits) const {
    if (fits) return Status::OK();
    std::string stored = TypeName(d_->physical);
    if (d_->physical == Type::kFixedLenByteArray) {
      stored += "(" + std::to_string(d_->type_length) + ")";
    }
    return Status::InvalidData(Where() + " is annotated " + AnnotationName(a) + " but stored as " +
                               stored);
  }

  static std::string UnitName(TimeUnit unit) {
    switch (unit) {
      case TimeUnit::kMillis:
        return "MILLIS";
      case TimeUnit::kMicros:
        return "MICROS";
      case TimeUnit::kNanos:
        return "NANOS";
    }
    return "unit " + std::to_string(static_cast<int>(unit));
  }

  static std::string AnnotationName(const LogicalTypeAnnotation& a) {
    switch (a.kind) {
      case Kind::kString:
        return "STRING";
      case Kind::kEnum:
        return "ENUM";
      case Kind::kJson:
        return "JSON";
      case Kind::kBson:
        return "BSON";
      case Kind::kUuid:
        return "UUID";
      case Kind::kFloat16:
        return "FLOAT16";
      case Kind::kDate:
        return "DATE";
      case Kind::kDecimal:
        return "DECIMAL(" + std::to_string(a.precision) + "," + std::to_string(a.scale) + ")";
      case Kind::kTime:
        return "TIME(" + UnitName(a.unit) + ")";
      case Kind::kTimestamp:
        return "TIMESTAMP(" + UnitName(a.unit) + ")";
      case Kind::kInteger:
        return std::string(a.is_signed ? "INT" : "UINT") + "(" + std::to_string(a.bit_width) + ")";
      default:
        return "logical type " + std::to_string(static_cast<int>(a.kind));
    }
  }

  Status Set(LogicalType type, ValueConversion conversion = ValueConversion::kNone) {
    d_->type = std::move(type);
    d_->conversion = conversion;
    return Status::OK();
  }

  Status MapPhysical() {
    switch (d_->physical) {
      case Type::kBoolean:
        return Set(LogicalType::Boolean());
      case Type::kInt32:
        return Set(LogicalType::Integer());
      case Type::kInt64:
        return Set(LogicalType::BigInt());
      case Type::kInt96:
        return Set(LogicalType::Timestamp(), ValueConversion::kInt96Timestamp);
      case Type::kFloat:
        return Set(LogicalType::Float());
      case Type::kDouble:
        return Set(LogicalType::Double());
      case Type::kByteArray:
        return Set(options_.binary_as_text ? LogicalType::Varchar() : LogicalType::Binary());
      case Type::kFixedLenByteArray:
        if (d_->type_length < 0) {
          return Status::InvalidData(Where() + " has a negative length");
        }
        return Set(LogicalType::Binary());
    }
    return Status::InvalidData(Where() + " has unknown physical type " +
                               std::to_string(static_cast<int>(d_->physical)));
  }

  Status MapDecimal(const LogicalTypeAnnotation& a) {
    if (a.precision < 1 || a.scale < 0 || a.scale > a.precision) {
      return Status::InvalidData(Where() + " has an invalid " + AnnotationName(a));
    }
    bool integer = d_->physical == Type::kInt32 || d_->physical == Type::kInt64;
    INLET_RETURN_NOT_OK(
        Expect(a, integer || d_->physical == Type::kByteArray ||
                      (d_->physical == Type::kFixedLenByteArray && d_->type_length >= 1)));
    if (a.precision > 38) {
      // Wider than any inlet DECIMAL: read approximately, as DuckDB does.
      d_->decimal_scale = a.scale;
      return Set(LogicalType::Double(), ValueConversion::kDecimalToDouble);
    }
    return Set(LogicalType::Decimal(a.precision, a.scale));
  }

  Status MapTime(const LogicalTypeAnnotation& a) {
    // A UTC-adjusted TIME holds the clock reading normalized to UTC; inlet has no TIME WITH
    // TIME ZONE, so both read as TIME (the UTC reading, as DuckDB shows it).
    d_->time_adjusted_to_utc = a.is_adjusted_to_utc;
    if (d_->physical == Type::kInt32 && a.unit == TimeUnit::kMillis) {
      return Set(LogicalType::Time(), ValueConversion::kMillisToMicros);
    }
    if (d_->physical == Type::kInt64 && a.unit == TimeUnit::kMicros) {
      return Set(LogicalType::Time());
    }
    if (d_->physical == Type::kInt64 && a.unit == TimeUnit::kNanos) {
      return Set(LogicalType::Time(), ValueConversion::kNanosToMicros);
    }
    return Expect(a, false);
  }

  Status MapTimestamp(const LogicalTypeAnnotation& a) {
    INLET_RETURN_NOT_OK(Expect(a, d_->physical == Type::kInt64));
    LogicalType type = a.is_adjusted_to_utc ? LogicalType::TimestampTz() : LogicalType::Timestamp();
    switch (a.unit) {
      case TimeUnit::kMillis:
        return Set(type, ValueConversion::kMillisToMicros);
      case TimeUnit::kMicros:
        return Set(type);
      case TimeUnit::kNanos:
        return Set(type, ValueConversion::kNanosToMicros);
    }
    return Expect(a, false);
  }

  Status MapInteger(const LogicalTypeAnnotation& a) {
    INLET_RETURN_NOT_OK(Expect(a, d_->physical == Type::kInt32 || d_->physical == Type::kInt64));
    int bits = a.bit_width;
    if (bits != 8 && bits != 16 && bits != 32 && bits != 64) {
      return Status::InvalidData(Where() + " has an invalid " + AnnotationName(a));
    }
    ValueConversion conversion = ValueConversion::kNone;
    if (!a.is_signed) {
      conversion = ValueConversion::kUnsigned;
      bits *= 2;  // the next wider signed type holds every unsigned value
    }
    switch (bits) {
      case 8:
        return Set(LogicalType::TinyInt(), conversion);
      case 16:
        return Set(LogicalType::SmallInt(), conversion);
      case 32:
        return Set(LogicalType::Integer(), conversion);
      case 64:
        return Set(LogicalType::BigInt(), conversion);
      default:
        return Set(LogicalType::Decimal(20, 0), conversion);  // UINT64
    }
  }

  const SchemaElement& e_;
  const std::string& file_name_;
  const LeafTypeOptions& options_;
  ColumnDescriptor* d_;
};

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
    case TypeId::kTime:
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
    case TypeId::kStruct:
    case TypeId::kList:
    case TypeId::kMap:
      // Nested types are groups in the schema, never leaves (see ToParquetSchema).
      INLET_DCHECK(false);
      break;
  }
  return d;
}

void AnnotateLeaf(const ColumnDescriptor& desc, SchemaElement* e) {
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
    case TypeId::kTime: {
      LogicalTypeAnnotation a;
      a.kind = Kind::kTime;
      a.unit = TimeUnit::kMicros;
      a.is_adjusted_to_utc = false;
      e->logical_type = a;
      // LogicalTypes.md asks writers to annotate local times with the legacy type too.
      e->converted_type = ConvertedType::kTimeMicros;
      break;
    }
    default:
      // BOOLEAN, INTEGER, BIGINT, FLOAT, DOUBLE, BINARY: the physical type says it all.
      break;
  }
}

Status MapLeafType(const SchemaElement& e, const std::string& file_name,
                   const LeafTypeOptions& options, ColumnDescriptor* d) {
  LeafTypeMapper mapper(e, file_name, options, d);
  return mapper.Map();
}

}  // namespace inlet::parquet

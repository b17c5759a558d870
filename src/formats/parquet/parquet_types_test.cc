#include "formats/parquet/parquet_types.h"

#include <gtest/gtest.h>

namespace inlet::parquet {
namespace {

using Kind = LogicalTypeAnnotation::Kind;

struct Mapped {
  Status status;
  ColumnDescriptor desc;
};

Mapped Map(Type physical, std::optional<LogicalTypeAnnotation> logical,
           std::optional<ConvertedType> converted = std::nullopt, int32_t type_length = 0,
           LeafTypeOptions options = {}) {
  SchemaElement e;
  e.name = "c";
  e.type = physical;
  e.logical_type = logical;
  e.converted_type = converted;
  Mapped m;
  m.desc.physical = physical;
  m.desc.type_length = type_length;
  m.status = MapLeafType(e, "t.parquet", options, &m.desc);
  return m;
}

LogicalTypeAnnotation Annotation(Kind kind) {
  LogicalTypeAnnotation a;
  a.kind = kind;
  return a;
}

LogicalTypeAnnotation Temporal(Kind kind, TimeUnit unit, bool utc) {
  LogicalTypeAnnotation a;
  a.kind = kind;
  a.unit = unit;
  a.is_adjusted_to_utc = utc;
  return a;
}

LogicalTypeAnnotation Integer(int bits, bool is_signed) {
  LogicalTypeAnnotation a;
  a.kind = Kind::kInteger;
  a.bit_width = static_cast<int8_t>(bits);
  a.is_signed = is_signed;
  return a;
}

LogicalTypeAnnotation Decimal(int precision, int scale) {
  LogicalTypeAnnotation a;
  a.kind = Kind::kDecimal;
  a.precision = precision;
  a.scale = scale;
  return a;
}

void ExpectType(const Mapped& m, const LogicalType& type,
                ValueConversion conversion = ValueConversion::kNone) {
  ASSERT_TRUE(m.status.ok()) << m.status.ToString();
  EXPECT_EQ(m.desc.type, type) << m.desc.type.ToString();
  EXPECT_EQ(m.desc.conversion, conversion);
}

TEST(MapLeafType, UnannotatedPhysicalTypes) {
  ExpectType(Map(Type::kBoolean, std::nullopt), LogicalType::Boolean());
  ExpectType(Map(Type::kInt32, std::nullopt), LogicalType::Integer());
  ExpectType(Map(Type::kInt64, std::nullopt), LogicalType::BigInt());
  ExpectType(Map(Type::kInt96, std::nullopt), LogicalType::Timestamp(),
             ValueConversion::kInt96Timestamp);
  ExpectType(Map(Type::kFloat, std::nullopt), LogicalType::Float());
  ExpectType(Map(Type::kDouble, std::nullopt), LogicalType::Double());
  ExpectType(Map(Type::kByteArray, std::nullopt), LogicalType::Binary());
  ExpectType(Map(Type::kFixedLenByteArray, std::nullopt, std::nullopt, 5), LogicalType::Binary());
  ExpectType(Map(Type::kByteArray, std::nullopt, std::nullopt, 0, {.binary_as_text = true}),
             LogicalType::Varchar());
}

TEST(MapLeafType, TextAndBinaryAnnotations) {
  for (Kind kind : {Kind::kString, Kind::kEnum, Kind::kJson}) {
    ExpectType(Map(Type::kByteArray, Annotation(kind)), LogicalType::Varchar());
  }
  for (ConvertedType c : {ConvertedType::kUtf8, ConvertedType::kEnum, ConvertedType::kJson}) {
    ExpectType(Map(Type::kByteArray, std::nullopt, c), LogicalType::Varchar());
  }
  ExpectType(Map(Type::kByteArray, Annotation(Kind::kBson)), LogicalType::Binary());
  ExpectType(Map(Type::kByteArray, std::nullopt, ConvertedType::kBson), LogicalType::Binary());
  ExpectType(Map(Type::kFixedLenByteArray, Annotation(Kind::kUuid), std::nullopt, 16),
             LogicalType::Varchar(), ValueConversion::kUuid);
  ExpectType(Map(Type::kFixedLenByteArray, Annotation(Kind::kFloat16), std::nullopt, 2),
             LogicalType::Float(), ValueConversion::kFloat16);
  // INTERVAL has no inlet type: its 12 bytes are kept as they are.
  ExpectType(Map(Type::kFixedLenByteArray, std::nullopt, ConvertedType::kInterval, 12),
             LogicalType::Binary());
}

TEST(MapLeafType, Integers) {
  ExpectType(Map(Type::kInt32, Integer(8, true)), LogicalType::TinyInt());
  ExpectType(Map(Type::kInt32, Integer(16, true)), LogicalType::SmallInt());
  ExpectType(Map(Type::kInt32, Integer(32, true)), LogicalType::Integer());
  ExpectType(Map(Type::kInt64, Integer(64, true)), LogicalType::BigInt());
  ExpectType(Map(Type::kInt32, Integer(8, false)), LogicalType::SmallInt(),
             ValueConversion::kUnsigned);
  ExpectType(Map(Type::kInt32, Integer(16, false)), LogicalType::Integer(),
             ValueConversion::kUnsigned);
  ExpectType(Map(Type::kInt32, Integer(32, false)), LogicalType::BigInt(),
             ValueConversion::kUnsigned);
  ExpectType(Map(Type::kInt64, Integer(64, false)), LogicalType::Decimal(20, 0),
             ValueConversion::kUnsigned);
  ExpectType(Map(Type::kInt32, std::nullopt, ConvertedType::kInt8), LogicalType::TinyInt());
  ExpectType(Map(Type::kInt32, std::nullopt, ConvertedType::kUint16), LogicalType::Integer(),
             ValueConversion::kUnsigned);
  ExpectType(Map(Type::kInt64, std::nullopt, ConvertedType::kUint64), LogicalType::Decimal(20, 0),
             ValueConversion::kUnsigned);
  ExpectType(Map(Type::kInt64, std::nullopt, ConvertedType::kInt64), LogicalType::BigInt());
  EXPECT_EQ(Map(Type::kInt32, Integer(12, true)).status.message(),
            "t.parquet: column \"c\" has an invalid INT(12)");
  EXPECT_EQ(Map(Type::kDouble, Integer(32, false)).status.message(),
            "t.parquet: column \"c\" is annotated UINT(32) but stored as DOUBLE");
}

TEST(MapLeafType, Decimals) {
  ExpectType(Map(Type::kInt32, Decimal(9, 2)), LogicalType::Decimal(9, 2));
  ExpectType(Map(Type::kInt64, Decimal(18, 0)), LogicalType::Decimal(18, 0));
  ExpectType(Map(Type::kByteArray, Decimal(38, 38)), LogicalType::Decimal(38, 38));
  ExpectType(Map(Type::kFixedLenByteArray, Decimal(20, 5), std::nullopt, 9),
             LogicalType::Decimal(20, 5));
  Mapped m = Map(Type::kFixedLenByteArray, std::nullopt, ConvertedType::kDecimal, 9);
  EXPECT_EQ(m.status.message(), "t.parquet: column \"c\" has an invalid DECIMAL(0,0)");
  Mapped wide = Map(Type::kFixedLenByteArray, Decimal(40, 3), std::nullopt, 17);
  ExpectType(wide, LogicalType::Double(), ValueConversion::kDecimalToDouble);
  EXPECT_EQ(wide.desc.decimal_scale, 3);
  EXPECT_EQ(Map(Type::kInt32, Decimal(5, 6)).status.message(),
            "t.parquet: column \"c\" has an invalid DECIMAL(5,6)");
  EXPECT_EQ(Map(Type::kFloat, Decimal(5, 2)).status.message(),
            "t.parquet: column \"c\" is annotated DECIMAL(5,2) but stored as FLOAT");
  EXPECT_EQ(Map(Type::kFixedLenByteArray, Decimal(5, 2)).status.message(),
            "t.parquet: column \"c\" is annotated DECIMAL(5,2) but stored as "
            "FIXED_LEN_BYTE_ARRAY(0)");
}

TEST(MapLeafType, LegacyDecimalTakesPrecisionFromTheElement) {
  SchemaElement e;
  e.name = "c";
  e.type = Type::kInt64;
  e.converted_type = ConvertedType::kDecimal;
  e.precision = 15;
  e.scale = 2;
  ColumnDescriptor d;
  d.physical = Type::kInt64;
  ASSERT_TRUE(MapLeafType(e, "t.parquet", {}, &d).ok());
  EXPECT_EQ(d.type, LogicalType::Decimal(15, 2));
}

TEST(MapLeafType, DatesTimesAndTimestamps) {
  ExpectType(Map(Type::kInt32, Annotation(Kind::kDate)), LogicalType::Date());
  ExpectType(Map(Type::kInt32, std::nullopt, ConvertedType::kDate), LogicalType::Date());
  ExpectType(Map(Type::kInt32, Temporal(Kind::kTime, TimeUnit::kMillis, false)),
             LogicalType::Time(), ValueConversion::kMillisToMicros);
  ExpectType(Map(Type::kInt64, Temporal(Kind::kTime, TimeUnit::kMicros, false)),
             LogicalType::Time());
  Mapped nanos = Map(Type::kInt64, Temporal(Kind::kTime, TimeUnit::kNanos, true));
  ExpectType(nanos, LogicalType::Time(), ValueConversion::kNanosToMicros);
  EXPECT_TRUE(nanos.desc.time_adjusted_to_utc);
  ExpectType(Map(Type::kInt32, std::nullopt, ConvertedType::kTimeMillis), LogicalType::Time(),
             ValueConversion::kMillisToMicros);
  ExpectType(Map(Type::kInt64, std::nullopt, ConvertedType::kTimeMicros), LogicalType::Time());
  ExpectType(Map(Type::kInt64, Temporal(Kind::kTimestamp, TimeUnit::kMillis, true)),
             LogicalType::TimestampTz(), ValueConversion::kMillisToMicros);
  ExpectType(Map(Type::kInt64, Temporal(Kind::kTimestamp, TimeUnit::kMicros, false)),
             LogicalType::Timestamp());
  ExpectType(Map(Type::kInt64, Temporal(Kind::kTimestamp, TimeUnit::kNanos, true)),
             LogicalType::TimestampTz(), ValueConversion::kNanosToMicros);
  // Legacy converted types read as wall-clock TIMESTAMP (see EffectiveAnnotation).
  ExpectType(Map(Type::kInt64, std::nullopt, ConvertedType::kTimestampMillis),
             LogicalType::Timestamp(), ValueConversion::kMillisToMicros);
  ExpectType(Map(Type::kInt64, std::nullopt, ConvertedType::kTimestampMicros),
             LogicalType::Timestamp());
  // The LogicalType wins over the ConvertedType written beside it.
  ExpectType(Map(Type::kInt64, Temporal(Kind::kTimestamp, TimeUnit::kMicros, true),
                 ConvertedType::kTimestampMicros),
             LogicalType::TimestampTz());
  EXPECT_EQ(Map(Type::kInt64, Annotation(Kind::kDate)).status.message(),
            "t.parquet: column \"c\" is annotated DATE but stored as INT64");
  EXPECT_EQ(Map(Type::kInt32, Temporal(Kind::kTime, TimeUnit::kMicros, false)).status.message(),
            "t.parquet: column \"c\" is annotated TIME(MICROS) but stored as INT32");
  EXPECT_EQ(
      Map(Type::kInt32, Temporal(Kind::kTimestamp, TimeUnit::kMillis, false)).status.message(),
      "t.parquet: column \"c\" is annotated TIMESTAMP(MILLIS) but stored as INT32");
}

TEST(MapLeafType, UnknownAndGroupAnnotationsFallBackToThePhysicalType) {
  ExpectType(Map(Type::kByteArray, Annotation(static_cast<Kind>(99))), LogicalType::Binary());
  ExpectType(Map(Type::kInt32, Annotation(Kind::kUnknown)), LogicalType::Integer());
  ExpectType(Map(Type::kInt64, Annotation(Kind::kList)), LogicalType::BigInt());
  // INT96 is a timestamp whatever it is annotated with.
  ExpectType(Map(Type::kInt96, Annotation(Kind::kString)), LogicalType::Timestamp(),
             ValueConversion::kInt96Timestamp);
}

TEST(MapLeafType, ContradictoryAnnotationsAreInvalidData) {
  Mapped m = Map(Type::kInt32, Annotation(Kind::kString));
  EXPECT_EQ(m.status.code(), StatusCode::kInvalidData);
  EXPECT_EQ(m.status.message(), "t.parquet: column \"c\" is annotated STRING but stored as INT32");
  EXPECT_EQ(Map(Type::kFixedLenByteArray, Annotation(Kind::kUuid), std::nullopt, 8).status.message(),
            "t.parquet: column \"c\" is annotated UUID but stored as FIXED_LEN_BYTE_ARRAY(8)");
  EXPECT_EQ(Map(Type::kByteArray, Annotation(Kind::kFloat16)).status.message(),
            "t.parquet: column \"c\" is annotated FLOAT16 but stored as BYTE_ARRAY");
  EXPECT_EQ(Map(Type::kFixedLenByteArray, std::nullopt, std::nullopt, -1).status.message(),
            "t.parquet: column \"c\" has a negative length");
  EXPECT_EQ(Map(static_cast<Type>(9), std::nullopt).status.message(),
            "t.parquet: column \"c\" has unknown physical type 9");
}

}  // namespace
}  // namespace inlet::parquet

#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "formats/parquet/parquet_writer.h"
#include "types/column.h"
#include "types/schema.h"
#include "types/value.h"

namespace inlet {

/// GoogleTest prints Values as SQL text instead of raw bytes.
inline void PrintTo(const Value& v, std::ostream* os) {
  *os << v.type().ToString() << " " << v.ToString();
}

}  // namespace inlet

namespace inlet::parquet_test {

/// A Field with no DEFAULT.
inline Field MakeField(std::string name, LogicalType type, bool nullable = true) {
  Field f;
  f.name = std::move(name);
  f.type = type;
  f.nullable = nullable;
  return f;
}

/// A batch of `schema` holding `rows` (one Value per field, NULLs allowed).
inline RecordBatchPtr MakeBatch(const SchemaPtr& schema,
                                const std::vector<std::vector<Value>>& rows) {
  std::vector<ColumnPtr> columns;
  for (const Field& field : schema->fields())
    columns.push_back(std::make_shared<Column>(field.type));
  for (const auto& row : rows) {
    for (size_t c = 0; c < columns.size(); ++c) columns[c]->AppendValue(row[c]);
  }
  return std::make_shared<RecordBatch>(schema, std::move(columns),
                                       static_cast<int64_t>(rows.size()));
}

/// A schema with one nullable column of every inlet type.
inline SchemaPtr AllTypesSchema() {
  return std::make_shared<Schema>(std::vector<Field>{
      MakeField("b", LogicalType::Boolean()),
      MakeField("ti", LogicalType::TinyInt()),
      MakeField("si", LogicalType::SmallInt()),
      MakeField("i", LogicalType::Integer()),
      MakeField("bi", LogicalType::BigInt()),
      MakeField("f", LogicalType::Float()),
      MakeField("d", LogicalType::Double()),
      MakeField("dec9", LogicalType::Decimal(9, 2)),
      MakeField("dec18", LogicalType::Decimal(18, 4)),
      MakeField("dec38", LogicalType::Decimal(38, 10)),
      MakeField("s", LogicalType::Varchar()),
      MakeField("bin", LogicalType::Binary()),
      MakeField("dt", LogicalType::Date()),
      MakeField("ts", LogicalType::Timestamp()),
      MakeField("tstz", LogicalType::TimestampTz()),
  });
}

/// Row `i` of a deterministic all-types data set; every 7th value of each column is NULL.
inline std::vector<Value> AllTypesRow(int64_t i) {
  int128_t big = static_cast<int128_t>(i) * 1000000007 * 1000000007 * 1000000007;
  std::vector<Value> row = {
      Value::Boolean(i % 3 == 0),
      Value::Int(LogicalType::TinyInt(), static_cast<int8_t>(i * 37)),
      Value::Int(LogicalType::SmallInt(), static_cast<int16_t>(i * 1237 - 20000)),
      Value::Int(LogicalType::Integer(), static_cast<int32_t>(i * 7919 - 1000000)),
      Value::BigInt(i * 1234567890123LL - (int64_t{1} << 62)),
      Value::Float(static_cast<float>(i) * 0.25f - 3.5f),
      Value::Double(static_cast<double>(i) * -1.125e10),
      Value::Decimal(i * 12345 - 999999, 9, 2),
      Value::Decimal(static_cast<int128_t>(i) * 123456789012LL - 99999999999999LL, 18, 4),
      Value::Decimal(i % 2 == 0 ? big : -big, 38, 10),
      Value::Varchar("str\xc3\xa9-" + std::to_string(i % 50)),
      Value::Binary(std::string("\x00\xff", 2) + std::to_string(i)),
      Value::Date(static_cast<int32_t>(i * 3 - 700)),
      Value::Timestamp(i * 3600000001LL - 86400000000LL),
      Value::TimestampTz(i * 60000000LL + 1700000000000000LL),
  };
  for (size_t c = 0; c < row.size(); ++c) {
    if ((i + static_cast<int64_t>(c)) % 7 == 0) row[c] = Value::Null(row[c].type());
  }
  return row;
}

}  // namespace inlet::parquet_test

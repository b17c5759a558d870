#pragma once

#include <memory>
#include <string>
#include <vector>

#include "formats/parquet/parquet_test_util.h"

/// A deterministic data set that nests every inlet type in every way inlet writes: as STRUCT
/// fields, LIST elements, MAP keys and values, and three levels deep, with NULLs and empty lists
/// at every level.
namespace inlet::parquet_test {

/// One nullable field of every scalar type: AllTypesSchema's and TIME.
inline std::vector<Field> ScalarFields() {
  std::vector<Field> fields = AllTypesSchema()->fields();
  fields.push_back(MakeField("t", LogicalType::Time()));
  return fields;
}

/// Row `i` of ScalarFields: AllTypesRow(i) and a TIME; every 7th value of a column is NULL.
inline std::vector<Value> ScalarRow(int64_t i) {
  std::vector<Value> row = AllTypesRow(i);
  constexpr int64_t kMicrosPerDay = int64_t{86400} * 1000000;
  row.push_back((i + 15) % 7 == 0 ? Value::Null(LogicalType::Time())
                                  : Value::Time((i * 3600000123LL) % kMicrosPerDay));
  return row;
}

inline LogicalType ScalarStruct() {
  std::vector<StructField> fields;
  for (const Field& f : ScalarFields()) fields.push_back({f.name, f.type, true});
  return LogicalType::Struct(std::move(fields));
}

inline const LogicalType& Int() {
  static const LogicalType type = LogicalType::Integer();
  return type;
}

inline LogicalType DeepElement() {
  LogicalType text = LogicalType::Varchar();
  return LogicalType::Struct({{"a", LogicalType::List(LogicalType::List(Int())), true},
                              {"m", LogicalType::Map(text, LogicalType::List(text)), true}});
}

/// id BIGINT NOT NULL; s STRUCT of every scalar; l STRUCT of a LIST of each scalar; m MAP of
/// text to the scalar STRUCT; keys STRUCT of a MAP from each scalar to INTEGER; deep LIST of
/// STRUCT<a LIST<LIST<INTEGER>>, m MAP<VARCHAR, LIST<VARCHAR>>>; req STRUCT of NOT NULL parts,
/// NOT NULL itself.
inline SchemaPtr NestedSchema() {
  std::vector<StructField> lists;
  std::vector<StructField> keys;
  for (const Field& f : ScalarFields()) {
    lists.push_back({"l_" + f.name, LogicalType::List(f.type), true});
    keys.push_back({"k_" + f.name, LogicalType::Map(f.type, Int()), true});
  }
  LogicalType req =
      LogicalType::Struct({{"x", Int(), false},
                           {"y", LogicalType::List(Int(), false), false},
                           {"z", LogicalType::Map(LogicalType::Varchar(), Int(), false), true}});
  return std::make_shared<Schema>(std::vector<Field>{
      MakeField("id", LogicalType::BigInt(), false),
      MakeField("s", ScalarStruct()),
      MakeField("l", LogicalType::Struct(lists)),
      MakeField("m", LogicalType::Map(LogicalType::Varchar(), ScalarStruct())),
      MakeField("keys", LogicalType::Struct(keys)),
      MakeField("deep", LogicalType::List(DeepElement())),
      MakeField("req", req, false),
  });
}

/// Row `i` of NestedSchema.
inline std::vector<Value> NestedRow(int64_t i) {
  SchemaPtr schema = NestedSchema();
  const std::vector<Field> scalars = ScalarFields();
  const LogicalType text = LogicalType::Varchar();
  auto type_of = [&](const char* name) { return schema->field(schema->FindField(name)).type; };
  auto make_int = [](int64_t v) { return Value::Int(Int(), v); };

  Value s = Value::Struct(ScalarStruct(), ScalarRow(i));
  if (i % 13 == 5) s = Value::Null(ScalarStruct());

  const LogicalType l_type = type_of("l");
  std::vector<Value> lists;
  for (size_t c = 0; c < scalars.size(); ++c) {
    const LogicalType& list_type = l_type.struct_fields()[c].type;
    if ((i + static_cast<int64_t>(c)) % 11 == 3) {
      lists.push_back(Value::Null(list_type));
      continue;
    }
    std::vector<Value> elements;
    for (int64_t k = 0; k < i % 4; ++k) elements.push_back(ScalarRow(i + k)[c]);
    lists.push_back(Value::List(list_type, std::move(elements)));
  }
  Value l = i % 17 == 4 ? Value::Null(l_type) : Value::Struct(l_type, std::move(lists));

  const LogicalType m_type = type_of("m");
  std::vector<Value> entries;
  for (int64_t k = 0; k < i % 3; ++k) {
    Value value = Value::Struct(ScalarStruct(), ScalarRow(i * 3 + k));
    if (k == 1 && i % 2 == 1) value = Value::Null(ScalarStruct());
    entries.push_back(
        Value::Struct(m_type.map_entry(), {Value::Varchar("k" + std::to_string(k)), value}));
  }
  Value m = i % 19 == 7 ? Value::Null(m_type) : Value::Map(m_type, std::move(entries));

  // Keys are distinct within a map: rows 5i + 2k, or the row after when its value is NULL.
  const LogicalType keys_type = type_of("keys");
  std::vector<Value> maps;
  for (size_t c = 0; c < scalars.size(); ++c) {
    const LogicalType& map_type = keys_type.struct_fields()[c].type;
    std::vector<Value> key_entries;
    for (int64_t k = 0; k < (i + static_cast<int64_t>(c)) % 3; ++k) {
      Value key = ScalarRow(i * 5 + 2 * k)[c];
      if (key.is_null()) key = ScalarRow(i * 5 + 2 * k + 1)[c];
      if (scalars[c].type.id() == TypeId::kBoolean) key = Value::Boolean(k == 0);
      Value value = k == 1 ? Value::Null(Int()) : make_int(i + k);
      key_entries.push_back(Value::Struct(map_type.map_entry(), {key, value}));
    }
    maps.push_back(Value::Map(map_type, std::move(key_entries)));
  }
  Value keys = Value::Struct(keys_type, std::move(maps));

  const LogicalType deep_type = type_of("deep");
  const LogicalType element = DeepElement();
  const LogicalType& a_type = element.struct_fields()[0].type;
  const LogicalType& dm_type = element.struct_fields()[1].type;
  std::vector<Value> deep_elements;
  for (int64_t k = 0; k < i % 3; ++k) {
    std::vector<Value> inner;
    for (int64_t j = 0; j < (i + k) % 3; ++j) {
      std::vector<Value> ints;
      for (int64_t n = 0; n < j; ++n) {
        ints.push_back((i + n) % 5 == 0 ? Value::Null(Int()) : make_int(i * 10 + n));
      }
      inner.push_back((i + j) % 4 == 1 ? Value::Null(a_type.list_element())
                                       : Value::List(a_type.list_element(), std::move(ints)));
    }
    std::vector<Value> dm_entries;
    if ((i + k) % 2 == 0) {
      dm_entries.push_back(Value::Struct(
          dm_type.map_entry(),
          {Value::Varchar("w"),
           Value::List(dm_type.map_value(),
                       {Value::Varchar("x" + std::to_string(i)), Value::Null(text)})}));
    }
    deep_elements.push_back(
        k == 2 ? Value::Null(element)
               : Value::Struct(element, {Value::List(a_type, std::move(inner)),
                                         Value::Map(dm_type, std::move(dm_entries))}));
  }
  Value deep = i % 23 == 2 ? Value::Null(deep_type) : Value::List(deep_type, deep_elements);

  const LogicalType req_type = type_of("req");
  const auto& req_fields = req_type.struct_fields();
  std::vector<Value> ys;
  for (int64_t k = 0; k < i % 3; ++k) ys.push_back(make_int(k));
  Value z = i % 5 == 0 ? Value::Null(req_fields[2].type)
                       : Value::Map(req_fields[2].type,
                                    {Value::Struct(req_fields[2].type.map_entry(),
                                                   {Value::Varchar("z"), make_int(i)})});
  Value req = Value::Struct(
      req_type, {make_int(i), Value::List(req_fields[1].type, std::move(ys)), std::move(z)});

  return {Value::BigInt(i), s, l, m, keys, deep, req};
}

}  // namespace inlet::parquet_test

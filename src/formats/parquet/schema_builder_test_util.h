#pragma once

#include <optional>
#include <string>
#include <utility>

#include "formats/parquet/parquet_metadata.h"

/// Short constructors of Parquet schema elements for tests that spell out a footer's schema.
namespace inlet::parquet::schema_test {

constexpr Repetition kRequired = Repetition::kRequired;
constexpr Repetition kOptional = Repetition::kOptional;
constexpr Repetition kRepeated = Repetition::kRepeated;

inline SchemaElement Root(int32_t fields) {
  SchemaElement e;
  e.name = "schema";
  e.num_children = fields;
  return e;
}

inline SchemaElement Group(std::string name, Repetition repetition, int32_t fields,
                           std::optional<ConvertedType> converted = std::nullopt) {
  SchemaElement e;
  e.name = std::move(name);
  e.repetition_type = repetition;
  e.num_children = fields;
  e.converted_type = converted;
  return e;
}

inline SchemaElement Leaf(std::string name, Repetition repetition, Type type = Type::kInt32) {
  SchemaElement e;
  e.name = std::move(name);
  e.repetition_type = repetition;
  e.type = type;
  return e;
}

/// A BYTE_ARRAY annotated as UTF-8 text.
inline SchemaElement Text(std::string name, Repetition repetition) {
  SchemaElement e = Leaf(std::move(name), repetition, Type::kByteArray);
  e.converted_type = ConvertedType::kUtf8;
  return e;
}

}  // namespace inlet::parquet::schema_test

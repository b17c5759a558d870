#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "types/logical_type.h"
#include "types/value.h"

namespace inlet {

/// One named, typed column of a table or of a batch.
struct Field {
  std::string name;
  LogicalType type;
  bool nullable = true;
  /// DEFAULT value used when a load does not provide the column; already of `type`.
  std::optional<Value> default_value;

  bool operator==(const Field& other) const = default;
};

/// An ordered list of fields. Names are unique ignoring ASCII case.
class Schema {
 public:
  Schema() = default;
  explicit Schema(std::vector<Field> fields) : fields_(std::move(fields)) {}

  const std::vector<Field>& fields() const { return fields_; }
  std::vector<Field>& mutable_fields() { return fields_; }
  size_t num_fields() const { return fields_.size(); }
  const Field& field(size_t i) const { return fields_[i]; }
  bool empty() const { return fields_.empty(); }

  /// Index of the field named `name` (ASCII case-insensitive), or -1.
  int FindField(std::string_view name) const;
  /// Index of the field whose name is exactly `name`, or -1.
  int FindFieldExact(std::string_view name) const;
  /// "(a INTEGER NOT NULL, b VARCHAR)".
  std::string ToString() const;

  bool operator==(const Schema& other) const = default;

 private:
  std::vector<Field> fields_;
};

using SchemaPtr = std::shared_ptr<const Schema>;

}  // namespace inlet

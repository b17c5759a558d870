#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "delta/actions.h"
#include "inlet/result.h"
#include "types/logical_type.h"
#include "types/schema.h"
#include "types/value.h"

// Delta column mapping (the protocol's "Column Mapping"): data files, partition values and stats
// name columns by their physical names (delta.columnMapping.physicalName), so that a column can be
// renamed or dropped without rewriting data.

namespace inlet {

enum class ColumnMappingMode { kNone, kName, kId };

/// The table's delta.columnMapping.mode; kNone when unset. InvalidData for another value.
Result<ColumnMappingMode> GetColumnMappingMode(const Metadata& metadata);

/// The physical name and id of one field of the schema, with those of the struct fields nested
/// in it: a STRUCT's fields in order; a LIST's element, a MAP's key and value as the one or two
/// children (they have no names of their own).
struct PhysicalField {
  /// The logical name when the schema gives no physical name (a table without mapping).
  std::string name;
  std::optional<int32_t> id;
  std::vector<PhysicalField> children;
};

/// The physical fields of every top-level column of a schemaString, in order. InvalidData when
/// it is malformed, or when `mode` is name or id and a struct field lacks its physical name.
Result<std::vector<PhysicalField>> ParsePhysicalFields(std::string_view schema_string,
                                                       ColumnMappingMode mode);

/// The table property that records the largest column id the table ever assigned; it only grows.
inline constexpr char kMaxColumnIdProperty[] = "delta.columnMapping.maxColumnId";

/// How AssignColumnMapping names a column that has no physical name yet.
enum class PhysicalNaming {
  /// "col-<uuid>", as Spark names the columns of a new table and the columns it adds, so that no
  /// physical name is ever used twice in the table's history.
  kFresh,
  /// The column's own name: a table that turns column mapping on keeps the data files it has,
  /// whose columns carry the display names.
  kDisplayName,
};

/// Under column mapping (name or id mode), gives every field of `metadata`'s schema, nested
/// struct fields included, that lacks them a delta.columnMapping.id (counting up from the larger
/// of delta.columnMapping.maxColumnId and every id in the schema) and a
/// delta.columnMapping.physicalName, and sets delta.columnMapping.maxColumnId. Fields that have
/// them keep theirs. Nothing changes without column mapping. InvalidData for a malformed schema.
Status AssignColumnMapping(Metadata* metadata, PhysicalNaming naming);

/// What a change of table properties from `before` to `*after` does to column mapping: turning
/// name mode on gives every column its display name as physical name (AssignColumnMapping with
/// kDisplayName); keeping the mode keeps the mapping (and delta.columnMapping.maxColumnId).
/// InvalidArgument for any other change of
/// delta.columnMapping.mode (to id mode the files would lack field ids; off, or from one mode to
/// another, the files would not match the schema).
Status ChangeColumnMapping(const Metadata& before, Metadata* after);

/// The physical fields data files of the table are written with: empty without column mapping,
/// else one per column of `schema` (the table's, parsed from the same metaData). InvalidData
/// naming the column when a struct field lacks its id, as the protocol has writers store it in
/// the Parquet field_id.
Result<std::vector<PhysicalField>> PhysicalFieldsForWrite(const Metadata& metadata,
                                                          const Schema& schema);

/// `value`, read from a data file whose nested STRUCT fields have physical names, as a value of
/// the table's `type`: each struct field found by its physical name (NULL when the file lacks
/// it) and every primitive cast to the table's type where it differs.
Result<Value> ToLogicalValue(const Value& value, const LogicalType& type,
                             const PhysicalField& physical);

}  // namespace inlet

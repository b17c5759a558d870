#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/parquet_types.h"
#include "inlet/result.h"
#include "types/logical_type.h"
#include "types/schema.h"

/// A Parquet schema as a tree of inlet-typed nodes with their definition and repetition levels,
/// read from a footer's flat SchemaElement list (with the backward-compatibility rules of
/// LogicalTypes.md, "Nested Types") and built for writing.
namespace inlet::parquet {

/// One node of a Parquet schema as inlet sees it: a primitive leaf, a STRUCT (a plain group), a
/// LIST or a MAP (in any of their encodings). Its levels say, for each level slot of a leaf below
/// it, whether the node holds a value there.
struct SchemaNode {
  enum class Kind : uint8_t { kLeaf, kStruct, kList, kMap };

  Kind kind = Kind::kLeaf;
  /// The field's name in the file ("element" for the element of a standard LIST).
  std::string name;
  /// The inlet type of the node's values.
  LogicalType type;
  /// Whether the Parquet field is OPTIONAL, i.e. spends a definition level of its own.
  bool optional = false;
  /// Whether the inlet value may be NULL: `optional`, except for map keys, which inlet never
  /// lets be NULL even when a file declares them OPTIONAL.
  bool nullable = false;
  /// The definition level from which the node holds a value (is not NULL).
  int16_t def_level = 0;
  /// LIST and MAP: the levels of their repeated field. The node holds an entry at definition
  /// levels >= repeated_def_level; a slot with repetition level repeated_rep_level continues the
  /// node's entries, a lower one starts something new above it.
  int16_t repeated_def_level = 0;
  int16_t repeated_rep_level = 0;
  /// STRUCT: its fields. LIST: its element. MAP: its entry, a required STRUCT of the key and the
  /// value (of type `type.map_entry()`).
  std::vector<SchemaNode> children;
  /// The leaves below this node (for a leaf, itself): indexes [leaf_begin, leaf_end) into the
  /// tree's leaves, which are in depth-first order.
  int leaf_begin = 0;
  int leaf_end = 0;
};

/// A file's schema: its top-level fields as trees, and every leaf column in depth-first order,
/// which is the order of a row group's column chunks.
struct SchemaTree {
  std::vector<SchemaNode> fields;
  std::vector<ColumnDescriptor> leaves;

  /// The top-level fields as inlet fields.
  Schema ToSchema() const;
};

/// Nesting deeper than this is refused as malformed: it bounds the recursion that hostile
/// footers could otherwise drive into a stack overflow.
constexpr int kMaxSchemaDepth = 64;

/// Reads the schema tree of a footer. Lists are read in the standard 3-level form and the legacy
/// ones (2-level lists, repeated groups named "array" or "<name>_tuple", unannotated repeated
/// fields as required lists of required elements); maps with MAP or a stray MAP_KEY_VALUE
/// annotation, with any names for key_value, key and value; a map without a value as a list of
/// its keys. NotImplemented naming the column for types inlet cannot map; InvalidData for
/// malformed schemas (counts past the element list, nesting past kMaxSchemaDepth, LIST or MAP
/// groups of the wrong shape). Messages start with `file_name`.
Result<SchemaTree> ReadSchemaTree(const std::vector<SchemaElement>& elements,
                                  const std::string& file_name, const LeafTypeOptions& options);

/// The name and field id one field is written with instead of its own name (Delta column
/// mapping writes physical names and ids). `children` mirror a STRUCT's fields, a LIST's element,
/// a MAP's key and value; those three keep their standard names and take only the ids.
struct FieldNaming {
  std::string name;
  std::optional<int32_t> field_id;
  std::vector<FieldNaming> children;
};

/// The tree inlet writes for `schema`: STRUCTs as groups, LISTs in the standard 3-level form
/// (`<name> (LIST) { repeated group list { <element> } }`) and MAPs as
/// `<name> (MAP) { repeated group key_value { required key; value } }`. `naming`, when not
/// empty, holds one entry per top-level field and renames the nodes and their leaves' paths.
SchemaTree SchemaTreeForWrite(const Schema& schema, const std::vector<FieldNaming>& naming = {});

/// The Parquet schema inlet writes for `schema` (the elements of SchemaTreeForWrite): a root
/// named "schema", then every node depth-first with its LogicalType annotation and the legacy
/// ConvertedType where one exists, and the names and field ids `naming` gives.
std::vector<SchemaElement> ToParquetSchema(const Schema& schema,
                                           const std::vector<FieldNaming>& naming = {});

}  // namespace inlet::parquet

#pragma once

#include <string>
#include <vector>

#include "formats/parquet/parquet_reader.h"
#include "formats/parquet/parquet_schema.h"
#include "inlet/result.h"
#include "types/logical_type.h"
#include "types/schema.h"
#include "types/value.h"

/// How a load maps a Parquet file's (possibly nested) columns onto a table's columns.
namespace inlet::parquet {

/// What a load reads from one file for its table.
struct LoadProjection {
  /// The columns to read, each once, pruned to the STRUCT fields the table has.
  std::vector<ParquetColumnSelection> selections;
  /// Per table field: the index of the selection that feeds it, or -1 when the file lacks it.
  std::vector<int> field_to_selection;
};

/// Matches `target`'s fields to the file's columns by name, ignoring ASCII case, never by
/// position. A field takes the top-level column of its name; when the table has no STRUCT column,
/// a field named "a.b" (or "a.b.c") otherwise takes field b of the file's STRUCT a (Firebolt's
/// shredded structs; with STRUCT columns in the table Firebolt matches no shredded names either).
/// A STRUCT field reads only the file's STRUCT fields it names, at any depth (also inside LISTs).
/// InvalidData naming the file when the file names a top-level column twice, or when no field
/// matches at all.
Result<LoadProjection> ProjectForLoad(const SchemaTree& tree, const Schema& target,
                                      const std::string& file_name);

/// The file's fields with every STRUCT (outside LISTs and MAPs) shredded into one column per
/// field, named by its dotted path ("a.b"), nullable when it or a STRUCT above it is: the schema
/// Firebolt's SUPPORT_STRUCTS = FALSE infers.
Schema ShreddedSchema(const SchemaTree& tree);

/// `value` as a value of `target` for a load: STRUCT fields matched by name (exactly, else
/// ignoring ASCII case), with a field the source lacks NULL and one the target lacks dropped;
/// LIST elements and MAP entries converted one by one; any other value through CastValue.
/// CastError when a NULL lands where `target` says NOT NULL.
Result<Value> ConvertForLoad(const Value& value, const LogicalType& target);

}  // namespace inlet::parquet

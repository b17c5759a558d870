#pragma once

#include <memory>
#include <string>
#include <vector>

#include "formats/format.h"

namespace inlet {

/// The PARQUET file format: schema from the footer (nested columns as STRUCT, LIST and MAP),
/// batches converted to the load's table schema. Options:
///   BINARY_AS_TEXT   read BYTE_ARRAY columns without a logical type as VARCHAR (Snowflake)
///   SUPPORT_STRUCTS  infer STRUCT columns (TRUE) or one "a.b" column per struct field (FALSE)
///                    (Firebolt; it changes inferred schemas only)
/// Thread safe.
class ParquetFormat : public FileFormat {
 public:
  std::string name() const override { return "PARQUET"; }
  std::vector<std::string> extensions() const override { return {"parquet"}; }
  std::vector<OptionSpec> options() const override;
  Status ValidateOptions(const FormatOptions& options) const override;
  Result<Schema> InferSchema(const SourceFile& file, const FormatOptions& options) override;
  /// Source columns are matched to the target's fields by name (see parquet::ProjectForLoad: STRUCT
  /// fields by name too, and "a.b" fields from STRUCTs when the table has no STRUCT column); a
  /// field the file lacks gets its DEFAULT or NULL; a column of another type is converted per
  /// value, failures going to the request's error sink (the row number in the file as the line).
  Result<std::unique_ptr<FormatReader>> OpenReader(const SourceFile& file,
                                                   const ReadRequest& request) override;
  /// Contiguous runs of row groups of about equal compressed size (a split's unit is a row
  /// group), up to twice `max_splits` of them.
  Result<std::vector<FileSplit>> PlanSplits(const SourceFile& file, const FormatOptions& options,
                                            int max_splits) override;
};

}  // namespace inlet

#pragma once

#include <memory>
#include <string>
#include <vector>

#include "formats/format.h"

namespace inlet {

/// The PARQUET file format: schema from the footer, batches converted to the load's table schema.
/// No options yet. Thread safe.
class ParquetFormat : public FileFormat {
 public:
  std::string name() const override { return "PARQUET"; }
  std::vector<std::string> extensions() const override { return {"parquet"}; }
  std::vector<OptionSpec> options() const override { return {}; }
  Status ValidateOptions(const FormatOptions& options) const override;
  Result<Schema> InferSchema(const SourceFile& file, const FormatOptions& options) override;
  /// Source columns are matched to the target's fields by name; a field the file lacks gets its
  /// DEFAULT or NULL; a column of another type is cast per value, failures going to the request's
  /// error sink (the row number in the file as the line).
  Result<std::unique_ptr<FormatReader>> OpenReader(const SourceFile& file,
                                                   const ReadRequest& request) override;
};

}  // namespace inlet

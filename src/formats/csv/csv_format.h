#pragma once

#include <memory>
#include <string>
#include <vector>

#include "formats/format.h"

namespace inlet {

/// The CSV (and TSV) format: options in csv_options.h, parsing in csv_parser.h, schema
/// inference in csv_sniffer.h, reading in csv_reader.h. Thread safe (it holds no state).
class CsvFormat : public FileFormat {
 public:
  std::string name() const override { return "CSV"; }
  /// csv, tsv (whose default delimiter is a tab) and txt.
  std::vector<std::string> extensions() const override { return {"csv", "tsv", "txt"}; }
  std::vector<OptionSpec> options() const override;
  /// Those of the statement's dialect (CsvOptionSpecs(CsvSqlDialect)); all for an unknown one.
  std::vector<OptionSpec> OptionsFor(const FormatOptions& options) const override;
  Status ValidateOptions(const FormatOptions& options) const override;
  Result<Schema> InferSchema(const SourceFile& file, const FormatOptions& options) override;
  Result<std::unique_ptr<FormatReader>> OpenReader(const SourceFile& file,
                                                   const ReadRequest& request) override;
  /// Byte ranges that start at true record starts (see csv_split.h); compressed files and
  /// files with a delimiter of several bytes are read whole.
  Result<std::vector<FileSplit>> PlanSplits(const SourceFile& file, const FormatOptions& options,
                                            int max_splits) override;
  /// "the records from byte 1048576".
  std::string DescribeSplit(const FileSplit& split) const override {
    return "the records from byte " + std::to_string(split.begin);
  }
};

}  // namespace inlet

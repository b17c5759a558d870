#include "formats/csv/csv_format.h"

#include "formats/csv/csv_options.h"
#include "formats/csv/csv_reader.h"
#include "formats/csv/csv_sniffer.h"
#include "formats/csv/csv_split.h"

namespace inlet {

std::vector<OptionSpec> CsvFormat::options() const { return CsvOptionSpecs(); }

std::vector<OptionSpec> CsvFormat::OptionsFor(const FormatOptions& options) const {
  auto it = options.find(kFormatDialectKey);
  if (it == options.end()) return CsvOptionSpecs(CsvSqlDialect::kDelta);
  for (CsvSqlDialect dialect :
       {CsvSqlDialect::kDelta, CsvSqlDialect::kSnowflake, CsvSqlDialect::kFirebolt}) {
    if (it->second == CsvSqlDialectName(dialect)) return CsvOptionSpecs(dialect);
  }
  return CsvOptionSpecs();
}

Status CsvFormat::ValidateOptions(const FormatOptions& options) const {
  return CsvOptions::Parse(options).status();
}

Result<Schema> CsvFormat::InferSchema(const SourceFile& file, const FormatOptions& options) {
  return InferCsvSchema(file, options);
}

Result<std::unique_ptr<FormatReader>> CsvFormat::OpenReader(const SourceFile& file,
                                                            const ReadRequest& request) {
  INLET_ASSIGN_OR_RETURN(std::unique_ptr<CsvReader> reader, CsvReader::Open(file, request));
  return std::unique_ptr<FormatReader>(std::move(reader));
}

Result<std::vector<FileSplit>> CsvFormat::PlanSplits(const SourceFile& file,
                                                     const FormatOptions& options,
                                                     int max_splits) {
  INLET_ASSIGN_OR_RETURN(CsvOptions csv_options, ResolveCsvOptions(file, options));
  // Record starts under a delimiter of several bytes are not found ahead of time: one thread
  // reads such a file.
  if (csv_options.dialect.has_multibyte_delimiter()) return std::vector<FileSplit>{FileSplit{}};
  return PlanCsvSplits(file, csv_options, max_splits);
}

}  // namespace inlet

#pragma once

#include <cstdint>
#include <string_view>

#include "formats/csv/csv_options.h"
#include "formats/format.h"
#include "types/logical_type.h"

namespace inlet {

/// How much of a file schema inference reads.
struct CsvSampleLimits {
  int64_t max_records = 20000;
  int64_t max_bytes = 8 << 20;  // of decompressed input
};

/// The narrowest type that holds every value seen, for one column. Candidates, narrowest
/// first: BOOLEAN (true/false only, any case), BIGINT, DECIMAL(38,0), DOUBLE, DATE (YYYY-MM-DD),
/// TIMESTAMP (YYYY-MM-DD[ |T]HH:MM[:SS[.f]]), TIMESTAMPTZ (the same with a zone), else VARCHAR.
///
/// Integers too large for BIGINT become DECIMAL(38,0) rather than DOUBLE: they are usually
/// identifiers, and DOUBLE would silently round them; past 38 digits the column is VARCHAR.
/// Numbers are only plain decimal or scientific notation (no inf/nan, no spaces), so a column
/// inferred numeric loads whatever the sample missed unless a later value is truly not a number.
class CsvTypeGuess {
 public:
  /// Takes one non-NULL value into account.
  void Add(std::string_view value);
  /// The chosen type; VARCHAR when no value was seen.
  LogicalType type() const;

 private:
  bool any_ = false;
  bool boolean_ = true;
  bool bigint_ = true;
  bool decimal_ = true;
  bool double_ = true;
  bool date_ = true;
  bool timestamp_ = true;
  bool timestamptz_ = true;
};

/// Infers column names and types from a sample of a CSV file: names from the header (made
/// unique, see MakeCsvColumnNames) or column1..N without one, N being the first record's field
/// count. Empty unquoted fields (and nullValue) are NULLs and do not vote; rows whose quote is
/// never closed are ignored. InvalidData for a file with no record at all.
Result<Schema> InferCsvSchema(const SourceFile& file, const CsvOptions& options,
                              const CsvSampleLimits& limits = {});

}  // namespace inlet

#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "formats/csv/csv_options.h"
#include "formats/format.h"
#include "types/logical_type.h"

namespace inlet {

/// How much of a file the sniffer reads.
struct CsvSampleLimits {
  /// Records and (decompressed) bytes read from the head of the file for the column types.
  int64_t max_records = 20000;
  int64_t max_bytes = 8 << 20;
  /// Head bytes the dialect and the header are decided on.
  int64_t dialect_bytes = 1 << 20;
  /// For an uncompressed file larger than the head sample: chunks of `chunk_bytes` read at
  /// evenly spread offsets up to its end, whose records vote on the types too.
  int64_t spread_chunks = 8;
  int64_t chunk_bytes = 256 << 10;
};

/// The narrowest type that holds every value seen, for one column. Candidates, narrowest
/// first: BOOLEAN (true/false only, any case), BIGINT, DECIMAL(38,0), DOUBLE, DATE, TIMESTAMP
/// (a date then [ |T]HH:MM[:SS[.f]]), TIMESTAMPTZ (the same with a zone), else VARCHAR.
///
/// Dates are YYYY-MM-DD (or YYYY/MM/DD), or day, month and year in an order the values decide:
/// MM/DD/YYYY when some value's second number is past 12, else DD/MM/YYYY (DuckDB's choice when
/// nothing tells them apart); '-' and '.' separate them too, the same one throughout.
///
/// Integers too large for BIGINT become DECIMAL(38,0) rather than DOUBLE: they are usually
/// identifiers, and DOUBLE would silently round them; past 38 digits the column is VARCHAR.
/// Numbers are only plain decimal or scientific notation (no inf/nan, no spaces), so a column
/// inferred numeric loads whatever the sample missed unless a later value is truly not a number.
class CsvTypeGuess {
 public:
  /// Takes one non-NULL value into account.
  void Add(std::string_view value);
  /// Whether `value` fits type() (and format()).
  bool Fits(std::string_view value) const;
  /// The chosen type; VARCHAR when no value was seen.
  LogicalType type() const;
  /// The date order of a DATE or TIMESTAMP column: "YYYY-MM-DD", "DD/MM/YYYY", "MM-DD-YYYY"...;
  /// empty for other types.
  std::string format() const;

 private:
  enum Order { kYmd, kDmy, kMdy, kNumOrders };
  /// Narrows the date candidates by the date at the start of `value`; false when it has none.
  bool AddDate(std::string_view value, bool* has_time, bool* has_zone);

  bool any_ = false;
  bool boolean_ = true;
  bool bigint_ = true;
  bool decimal_ = true;
  bool double_ = true;
  bool date_ = true;
  bool timestamp_ = true;
  bool timestamptz_ = true;
  bool order_ok_[kNumOrders] = {true, true, true};
  char date_separator_ = 0;
};

/// What the sniffer found for one column.
struct CsvSniffedColumn {
  std::string name;
  LogicalType type;
  /// See CsvTypeGuess::format().
  std::string format;
};

/// A file's dialect and columns as the sniffer sees them, user-given options included.
struct CsvSniffResult {
  CsvOptions options;
  /// The first record delimiter in the sample: "\n", "\r\n" or "\r"; empty without any.
  std::string newline;
  std::vector<CsvSniffedColumn> columns;
};

/// The options to read `file` with: those the user gave, as given; for those left out, what the
/// head of the file shows (delimiter, quote, escape, header, leading rows to skip), as DuckDB's
/// sniffer decides it:
/// - the dialect is the candidate (delimiters , | ; tab; quotes " ' or none; escape none or \)
///   whose records agree on one field count the most often, then with the most fields; ties go
///   to the earlier candidate. Leading records with another count are skipped (skipRows).
/// - there is a header unless every value of the first record fits the type the rest of its
///   column has and some column is not VARCHAR; a file of text columns has one.
/// Errors name the file.
Result<CsvOptions> ResolveCsvOptions(const SourceFile& file, const FormatOptions& options,
                                     const CsvSampleLimits& limits = {});

/// ResolveCsvOptions plus the column names and types: names from the header (made unique, see
/// MakeCsvColumnNames) or column1..N without one, N being the first record's field count; types
/// from the head of the file and, when it is uncompressed and larger, from chunks spread to its
/// end. Empty unquoted fields (and nullValue) are NULLs and do not vote; rows whose quote is
/// never closed or whose field count differs are ignored. InvalidData for a file without a
/// record.
Result<CsvSniffResult> SniffCsv(const SourceFile& file, const FormatOptions& options,
                                const CsvSampleLimits& limits = {});

/// The schema SniffCsv finds: its columns with their types.
Result<Schema> InferCsvSchema(const SourceFile& file, const FormatOptions& options,
                              const CsvSampleLimits& limits = {});

}  // namespace inlet

#pragma once

#include <bitset>
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
/// first: BOOLEAN (true/false only, any case), BIGINT, DECIMAL(38,0), DOUBLE, DATE, TIMESTAMP,
/// TIMESTAMPTZ, else VARCHAR.
///
/// A value is a DATE or TIMESTAMP when the built-in cast reads it (YYYY-MM-DD or YYYY/MM/DD, then
/// [ |T]HH:MM[:SS[.f]]; a zone makes it TIMESTAMPTZ), or when one of the candidate formats reads
/// it: day, month and four-digit year in the order YYYY-MM-DD, DD-MM-YYYY or MM-DD-YYYY with `-`,
/// `/` or `.` between them (not `.` after the year), then for a TIMESTAMP a space or T and
/// HH24:MI[:SS[.FF]], or after a month-first date (as DuckDB's sniffer has it) a space and
/// HH12:MI[:SS[.FF]] with AM/PM after it (a space before AM/PM or none). A column is of such a
/// type while one way reads every value; which candidates still do is Formats(). With a given
/// format (the user's DATE_FORMAT / TIMESTAMP_FORMAT), it alone decides what a value of its type
/// is, as it does when the file is read.
///
/// Integers too large for BIGINT become DECIMAL(38,0) rather than DOUBLE: they are usually
/// identifiers, and DOUBLE would silently round them; past 38 digits the column is VARCHAR.
/// Numbers are only plain decimal or scientific notation (no inf/nan, no spaces), so a column
/// inferred numeric loads whatever the sample missed unless a later value is truly not a number.
class CsvTypeGuess {
 public:
  /// `date_format` / `timestamp_format`: the formats the user gave, or null. They must outlive
  /// the guess.
  explicit CsvTypeGuess(const DateTimeFormat* date_format = nullptr,
                        const DateTimeFormat* timestamp_format = nullptr);

  /// Takes one non-NULL value into account.
  void Add(std::string_view value);
  /// Whether `value` fits type() (and format()).
  bool Fits(std::string_view value) const;
  /// The chosen type; VARCHAR when no value was seen.
  LogicalType type() const;
  /// For a DATE or TIMESTAMP column: the given format, else the first of Formats(), else empty
  /// (ISO values of several shapes, which the cast reads); empty for other types.
  std::string format() const;
  /// The candidate formats that read every value as type() (a DATE or TIMESTAMP), in order of
  /// preference: year first, then day first, then month first. Empty for other types.
  std::vector<std::string> Formats() const;
  /// Whether type() is a DATE or TIMESTAMP that only a candidate format reads: neither the
  /// given format nor, without one, the cast.
  bool NeedsFormat() const;

 private:
  static constexpr size_t kDateFormats = 8;
  static constexpr size_t kTimestampFormats = 66;

  void AddTemporal(std::string_view value);

  const DateTimeFormat* given_date_;
  const DateTimeFormat* given_timestamp_;
  bool any_ = false;
  bool boolean_ = true;
  bool bigint_ = true;
  bool decimal_ = true;
  bool double_ = true;
  /// Every value is read as a DATE / TIMESTAMP / TIMESTAMPTZ by the given format or, without
  /// one, by the cast.
  bool read_date_ = true;
  bool read_timestamp_ = true;
  bool read_timestamptz_ = true;
  /// The candidate formats that read every value.
  std::bitset<kDateFormats> date_formats_;
  std::bitset<kTimestampFormats> timestamp_formats_;
};

/// What the sniffer found for one column.
struct CsvSniffedColumn {
  std::string name;
  LogicalType type;
  /// For a DATE or TIMESTAMP column, the format its values are in: the file's date or timestamp
  /// format when the reader needs it, else CsvTypeGuess::format().
  std::string format;
};

/// A file's dialect and columns as the sniffer sees them, user-given options included.
struct CsvSniffResult {
  /// With the date and timestamp formats found (CsvOptions::date_format_sniffed).
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
/// - the date format is the candidate format (CsvTypeGuess) that the most DATE columns the cast
///   cannot read have in all their values; ties go to the preferred one. The timestamp format
///   likewise for TIMESTAMP columns, ties going to one with the date format's date part.
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

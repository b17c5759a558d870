#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "formats/csv/csv_parser.h"
#include "formats/csv/datetime_format.h"
#include "formats/format.h"
#include "io/text_decoding.h"

namespace inlet {

/// Which SQL dialect's option names and defaults a statement's CSV options follow. The binder
/// records it under kFormatDialectKey; without that key the options are the Delta form's.
enum class CsvSqlDialect { kDelta, kSnowflake, kFirebolt };

/// The kFormatDialectKey value of a dialect: "delta", "snowflake", "firebolt".
std::string_view CsvSqlDialectName(CsvSqlDialect dialect);

/// How text in a BINARY column becomes bytes (Snowflake's BINARY_FORMAT).
enum class CsvBinaryFormat { kUtf8, kHex, kBase64 };

/// The CSV options of every dialect, parsed into one canonical form: each dialect's names map to
/// these fields, and the dialect decides the defaults of what a statement leaves out (the table
/// is in docs/csv-support.md). Keys arrive lower-case.
///
/// NULLs: an unquoted field equal to one of `null_if` is NULL (a quoted one too with
/// `null_if_quoted`); an empty unquoted field is NULL when `empty_field_as_null` (else '' in
/// text columns and a cast error in the others); a quoted "" is an empty string unless
/// `null_if_quoted` and `null_if` holds ''.
struct CsvOptions {
  CsvSqlDialect sql_dialect = CsvSqlDialect::kDelta;
  /// The first record (after `skip_rows` lines) names the columns, matched to the table's by
  /// name; without it columns match by position.
  bool header = true;
  /// Physical lines skipped before the header or the data.
  int64_t skip_rows = 0;
  CsvDialect dialect;
  std::vector<std::string> null_if;
  bool empty_field_as_null = true;
  /// The Delta form's nullValue rule: with nullValue given, an empty unquoted field is '' in
  /// VARCHAR/BINARY columns and NULL in the others.
  bool empty_text_is_empty_string = false;
  /// `null_if` matches quoted fields too (the Delta form's nullValue, as Spark compares the
  /// value whether or not it was quoted).
  bool null_if_quoted = false;
  /// Leading and trailing spaces and tabs of unquoted fields are dropped, and around quotes.
  bool trim_space = false;
  /// A record whose field count differs from the columns' is a row error; when false, missing
  /// fields are NULL and extra ones ignored (with a header: by the header's count).
  bool error_on_column_count_mismatch = true;
  CsvBinaryFormat binary_format = CsvBinaryFormat::kUtf8;
  /// Formats for DATE, TIME and TIMESTAMP[TZ] columns; AUTO (the built-in cast) when unset.
  std::optional<DateTimeFormat> date_format;
  std::optional<DateTimeFormat> time_format;
  std::optional<DateTimeFormat> timestamp_format;
  /// date_format / timestamp_format were found by the sniffer rather than given: values the
  /// built-in cast reads (ISO dates and timestamps) are read too, since a file can mix both.
  bool date_format_sniffed = false;
  bool timestamp_format_sniffed = false;
  /// COMPRESSION, ENCODING and the UTF-8 options, the same in every dialect (src/io reads them).
  TextInputOptions input;

  /// Parses and checks `options`; `default_delimiter` is ',' or '\t' (for .tsv files).
  /// InvalidArgument naming the option and the bad value.
  static Result<CsvOptions> Parse(const FormatOptions& options, char default_delimiter = ',');

  /// Whether unquoted `text` is one of the NULL_IF / nullValue / NULL_STRING strings.
  bool MatchesNullIf(std::string_view text) const {
    for (const std::string& n : null_if) {
      if (text == n) return true;
    }
    return false;
  }
};

/// The options CsvFormat accepts in every dialect, for validation and docs; names compare
/// ignoring case.
std::vector<OptionSpec> CsvOptionSpecs();

/// The options of CsvOptionSpecs a statement in `dialect` accepts: its own and the input
/// layer's, named as that dialect's documentation names them (upper-case in Snowflake's and
/// Firebolt's).
std::vector<OptionSpec> CsvOptionSpecs(CsvSqlDialect dialect);

/// The option names that only `dialect` uses (lower-case): the binder tells the Delta form from
/// Snowflake's FILE_FORMAT = (...) by them.
const std::vector<std::string>& CsvDialectOnlyOptionNames(CsvSqlDialect dialect);

/// '\t' for files named *.tsv (also under a compression extension src/io knows: *.tsv.gz,
/// *.tsv.bz2, *.tsv.lz4...), ',' otherwise.
char DefaultCsvDelimiter(std::string_view path);

}  // namespace inlet

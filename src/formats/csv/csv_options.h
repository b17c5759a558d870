#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "formats/csv/csv_parser.h"
#include "formats/format.h"

namespace inlet {

/// The CSV FORMAT_OPTIONS, parsed. Option names follow Databricks; keys arrive lower-case.
///
///   header (alias has_header)  true        the first record names the columns
///   delimiter (alias sep)      ,  (tab for .tsv files)  one character; `\t` means tab
///   quote                      "           one character; '' turns quoting off
///   escape                     none        one character that escapes a quote inside quotes
///   nullValue                  none        an unquoted field equal to it is NULL
///   skipRows                   0           lines skipped before the header or the data
///
/// NULLs: an empty unquoted field is NULL, a quoted one ("") an empty string. With nullValue set,
/// an unquoted field equal to it is NULL too, and an empty unquoted field is an empty string in
/// VARCHAR/BINARY columns (it stays NULL in the others, where '' is no value at all).
struct CsvOptions {
  bool header = true;
  CsvDialect dialect;
  std::optional<std::string> null_value;
  int64_t skip_rows = 0;

  /// Parses and checks `options`; `default_delimiter` is ',' or '\t' (for .tsv files).
  /// InvalidArgument naming the option and the bad value.
  static Result<CsvOptions> Parse(const FormatOptions& options, char default_delimiter = ',');
};

/// The options CsvFormat accepts, for validation and docs; names compare ignoring case.
std::vector<OptionSpec> CsvOptionSpecs();

/// '\t' for files named *.tsv (also when compressed: *.tsv.gz), ',' otherwise.
char DefaultCsvDelimiter(std::string_view path);

}  // namespace inlet

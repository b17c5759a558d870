#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "formats/csv/csv_parser.h"

namespace inlet {

/// The record loop of a CsvParser whose field or record delimiter is several bytes long
/// (Snowflake's FIELD_DELIMITER = '||', RECORD_DELIMITER = '##\n' or '|~', or one non-ASCII
/// character). It reads the same dialect as the single-byte state machine, quotes, escapes,
/// blank lines and line numbers included, but byte by byte with look-ahead, so it is kept apart
/// from that hot loop. Such files are not split (CsvFormat::PlanSplits reads them whole).
///
/// A line ends at LF, CRLF or CR, or at the record delimiter alone when one is set (which is how
/// line numbers count then, as for a one-byte RECORD_DELIMITER). When the delimiters overlap,
/// the longer match wins. Not thread safe.
class CsvMultiByteParser {
 public:
  explicit CsvMultiByteParser(const CsvDialect& dialect);

  /// Parses the next record of `parser`'s input into its record. REQUIRES: `parser` has
  /// cleared the record and set where it starts (as CsvParser::NextRecord does).
  Result<bool> NextRecord(CsvParser* parser);
  /// CsvParser::SkipLines for this dialect.
  Status SkipLines(CsvParser* parser, int64_t lines);

 private:
  /// Bytes available at the parser's position, at least `lookahead_` unless the input ends
  /// first (0 at its end); keeps the unread tail of a chunk in front of the next one.
  Result<size_t> Available(CsvParser* parser);
  /// The length of the record end at `p` (0 when none): the record delimiter, or LF, CR, CRLF
  /// (and LFCR when lf_cr_is_newline).
  size_t RecordEndAt(const char* p, size_t available) const;
  size_t FieldDelimiterAt(const char* p, size_t available) const;

  CsvDialect dialect_;
  std::string field_delimiter_;
  /// Empty: LF, CRLF or CR end a record.
  std::string record_delimiter_;
  size_t lookahead_;
  /// Bytes that start nothing outside or inside quotes: copied in runs.
  bool plain_[256];
};

}  // namespace inlet

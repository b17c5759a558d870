#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "formats/csv/csv_options.h"
#include "formats/csv/csv_parser.h"
#include "formats/format.h"
#include "types/text_cast.h"

namespace inlet {

/// Opens `file` for parsing: decompressed when its first bytes say it is compressed, with the
/// skipRows lines already skipped. Errors name the file.
Result<std::unique_ptr<CsvParser>> OpenCsvParser(const SourceFile& file, const CsvOptions& options);

/// How messages name `file`: its display name, or its path when it has none.
std::string CsvFileName(const SourceFile& file);

/// Column names from a header record, made usable as a schema: an empty name becomes
/// `column<N>` (N its 1-based position) and a repeated one (ignoring ASCII case) gets `_2`, `_3`...
std::vector<std::string> MakeCsvColumnNames(const std::vector<std::string>& header);

/// Reads one CSV file as batches of the request's target schema.
///
/// With a header, file columns are matched to table columns by name (ASCII case-insensitive);
/// file columns the table lacks are ignored and table columns the file lacks get their DEFAULT
/// or NULL. Without one, columns match by position. Rejected rows (wrong field count, a value
/// that does not cast, NULL in a NOT NULL column, an unterminated quote) go to the request's
/// error sink and never appear in a batch, not even in part.
class CsvReader : public FormatReader {
 public:
  static Result<std::unique_ptr<CsvReader>> Open(const SourceFile& file,
                                                 const ReadRequest& request);

  CsvReader(std::string file_name, const CsvOptions& options, const ReadRequest& request,
            std::unique_ptr<CsvParser> parser);

  Result<RecordBatchPtr> Next() override;
  int64_t rows_parsed() const override { return rows_parsed_; }
  int64_t bytes_read() const override { return parser_->source_bytes_read(); }

 private:
  /// Reads the header (when there is one) and maps table columns to file columns.
  Status Init(bool header);
  Result<bool> NextRecord();
  /// Appends the current record to `columns` as row `*rows`. A bad record is sent to the sink;
  /// if it was partly appended, it is completed with NULLs and its row number added to
  /// `rejected` so the batch can drop it.
  Status AppendRecord(const std::vector<ColumnPtr>& columns, int64_t* rows,
                      std::vector<int64_t>* rejected);
  /// Appends target field `f` of the current record; false when it cannot (a cast failure
  /// leaves its reason in cast_error_). Builds no string on success.
  bool AppendField(size_t f, Column* column);
  /// AppendField for every field and option: defaults, NULLs, NULL_IF, TRIM_SPACE and formats.
  bool AppendFieldInGeneral(size_t f, Column* column);
  /// Sets `*text` to file column `source` of the current record, trimmed under TRIM_SPACE, and
  /// says whether target field `f` has a value there: false when it is NULL (a short record's
  /// missing field, a NULL_IF string, or an empty unquoted field read as NULL).
  bool FieldValue(size_t f, size_t source, std::string_view* text) const;
  /// Appends `text` to a DATE/TIME/TIMESTAMP column by the user's format (or the sniffed one,
  /// then the cast), or to a BINARY column by BINARY_FORMAT; false (with cast_error_ set) when it
  /// does not match.
  /// REQUIRES: HasUserFormat(type) for these options.
  bool AppendFormatted(std::string_view text, const LogicalType& type, Column* column);
  /// After AppendField(f) failed: what kind of error, the reason, and the offending text in
  /// `*raw` (if any).
  RowErrorKind DescribeFieldError(size_t f, std::string* reason, std::string_view* raw) const;
  Status Reject(RowErrorKind kind, int64_t column_index, std::string_view raw, std::string reason);

  std::string file_name_;
  SchemaPtr schema_;
  int64_t batch_rows_;
  RowErrorSink* error_sink_;
  CsvOptions options_;
  std::unique_ptr<CsvParser> parser_;

  /// For each target field, the file column it comes from, or -1.
  std::vector<int> source_index_;
  /// For each target field, whether an empty unquoted field is NULL (see CsvOptions).
  std::vector<bool> empty_is_null_;
  /// For each target field, how its text becomes a value, chosen once so that a value skips the
  /// dispatch on its type: the TextAppender of its type, or null when a format option applies
  /// (AppendFormatted).
  std::vector<TextAppender> appenders_;
  /// ReadRequest::truncate_text (TRUNCATECOLUMNS).
  CastOptions cast_options_;
  /// No NULL_IF string and no TRIM_SPACE: only an empty unquoted field can be NULL (see
  /// AppendField).
  bool plain_field_values_ = false;
  size_t expected_fields_ = 0;
  bool finished_ = false;
  /// The last cast failure's reason, reused so a successful field allocates nothing.
  std::string cast_error_;
  /// BINARY_FORMAT's decoded bytes, reused across values.
  std::string decoded_;
  /// TRIM_SPACE's value of a field in quotes whose doubled quotes were made single.
  mutable std::string trimmed_;
  int64_t rows_parsed_ = 0;
};

}  // namespace inlet

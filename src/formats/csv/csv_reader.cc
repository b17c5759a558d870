#include "formats/csv/csv_reader.h"

#include <algorithm>
#include <unordered_set>

#include "common/string_util.h"
#include "formats/csv/csv_escapes.h"
#include "formats/csv/csv_sniffer.h"
#include "formats/csv/csv_split.h"
#include "io/text_decoding.h"
#include "io/read_ahead_stream.h"
#include "types/cast.h"

namespace inlet {

namespace {

// Bad values are quoted in messages and kept in RowError; a huge field must not make a huge
// message.
constexpr size_t kMaxValueInMessage = 100;
constexpr size_t kMaxRawValue = 1024;
// A rejected record is kept as written for error reports (ERROR_FILE, STL_LOAD_ERRORS), up to
// this many bytes.
constexpr size_t kMaxRawLine = 64 * 1024;

/// `text` cut to at most `max` bytes on a UTF-8 character boundary, with "..." when cut.
std::string Abbreviate(std::string_view text, size_t max) {
  if (text.size() <= max) return std::string(text);
  size_t end = max;
  while (end > 0 && (static_cast<uint8_t>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end)) + "...";
}

bool DecodeHex(std::string_view text, std::string* out) {
  if (text.size() % 2 != 0) return false;
  out->clear();
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < text.size(); i += 2) {
    const int hi = nibble(text[i]), lo = nibble(text[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out->push_back(static_cast<char>(hi * 16 + lo));
  }
  return true;
}

bool DecodeBase64(std::string_view text, std::string* out) {
  out->clear();
  uint32_t bits = 0;
  int count = 0;
  size_t padding = 0;
  for (char c : text) {
    int v;
    if (c >= 'A' && c <= 'Z') {
      v = c - 'A';
    } else if (c >= 'a' && c <= 'z') {
      v = c - 'a' + 26;
    } else if (c >= '0' && c <= '9') {
      v = c - '0' + 52;
    } else if (c == '+') {
      v = 62;
    } else if (c == '/') {
      v = 63;
    } else if (c == '=') {
      ++padding;
      continue;
    } else {
      return false;
    }
    if (padding > 0) return false;  // data after padding
    bits = (bits << 6) | static_cast<uint32_t>(v);
    if (++count == 4) {
      out->push_back(static_cast<char>(bits >> 16));
      out->push_back(static_cast<char>(bits >> 8));
      out->push_back(static_cast<char>(bits));
      bits = 0;
      count = 0;
    }
  }
  if (count == 1 || padding > 2) return false;
  if (count == 2) out->push_back(static_cast<char>(bits >> 4));
  if (count == 3) {
    out->push_back(static_cast<char>(bits >> 10));
    out->push_back(static_cast<char>(bits >> 2));
  }
  return true;
}

/// Whether a DATE/TIME/TIMESTAMP format or BINARY_FORMAT of `options` decides how text becomes
/// a value of `type` (CsvReader::AppendFormatted), rather than the type's own cast.
bool HasUserFormat(const CsvOptions& options, const LogicalType& type) {
  switch (type.id()) {
    case TypeId::kDate:
      return options.date_format.has_value();
    case TypeId::kTime:
      return options.time_format.has_value();
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      return options.timestamp_format.has_value();
    case TypeId::kBinary:
      return options.binary_format != CsvBinaryFormat::kUtf8;
    default:
      return false;
  }
}

/// For a date or timestamp format the sniffer found: a value not in it may still be one the
/// cast reads (ISO), as the file's other columns may be.
bool AppendByCast(std::string_view text, const LogicalType& type, Column* column,
                  const DateTimeFormat& sniffed, std::string* error, const CastOptions& options) {
  if (TextAppenderFor(type)(text, type, column, error, options)) return true;
  *error =
      "it is neither ISO 8601 nor in the format '" + sniffed.text() + "' sniffed from the file";
  return false;
}

}  // namespace

std::string CsvFileName(const SourceFile& file) {
  return file.display_name.empty() ? file.info.path : file.display_name;
}

Result<std::unique_ptr<CsvParser>> OpenCsvParser(const SourceFile& file,
                                                 const CsvOptions& options) {
  const std::string name = CsvFileName(file);
  auto raw = file.fs->OpenInputStream(file.info.path);
  if (!raw.ok()) return raw.status().WithContext(name);
  Compression compression = Compression::kNone;
  auto input =
      OpenTextInput(std::move(raw).ValueOrDie(), file.info.path, options.input, &compression);
  if (!input.ok()) return input.status().WithContext(name);
  std::unique_ptr<InputStream> stream = std::move(input).ValueOrDie();
  // A compressed file is parsed by one thread (it cannot be split): decompress on another.
  if (compression != Compression::kNone) {
    stream = std::make_unique<ReadAheadInputStream>(std::move(stream));
  }
  auto parser = std::make_unique<CsvParser>(std::move(stream), options.dialect);
  INLET_RETURN_NOT_OK(parser->SkipLines(options.skip_rows).WithContext(name));
  return parser;
}

std::vector<std::string> MakeCsvColumnNames(const std::vector<std::string>& header) {
  std::vector<std::string> names;
  std::unordered_set<std::string> taken;
  for (size_t i = 0; i < header.size(); ++i) {
    std::string base = header[i].empty() ? "column" + std::to_string(i + 1) : header[i];
    std::string name = base;
    for (int suffix = 2; taken.count(AsciiToLower(name)) > 0; ++suffix) {
      name = base + "_" + std::to_string(suffix);
    }
    taken.insert(AsciiToLower(name));
    names.push_back(std::move(name));
  }
  return names;
}

Result<std::unique_ptr<CsvReader>> CsvReader::Open(const SourceFile& file,
                                                   const ReadRequest& request) {
  // Options the user left out are sniffed from the file's head, as schema inference did.
  INLET_ASSIGN_OR_RETURN(CsvOptions options, ResolveCsvOptions(file, request.options));
  INLET_ASSIGN_OR_RETURN(std::unique_ptr<CsvParser> parser, OpenCsvParser(file, options));
  auto reader = std::make_unique<CsvReader>(CsvFileName(file), options, request, std::move(parser));
  INLET_RETURN_NOT_OK(reader->Init(options.header));
  if (!request.split.whole_file()) {
    // A later split still needs the header (read above from the file's start) to map columns.
    if (request.split.begin > 0) {
      INLET_ASSIGN_OR_RETURN(reader->parser_, OpenCsvSplitParser(file, options, request.split));
    }
    reader->parser_->set_end(request.split.end);
  }
  return reader;
}

CsvReader::CsvReader(std::string file_name, const CsvOptions& options, const ReadRequest& request,
                     std::unique_ptr<CsvParser> parser)
    : file_name_(std::move(file_name)),
      schema_(request.target_schema),
      batch_rows_(std::max<int64_t>(request.batch_rows, 1)),
      error_sink_(request.error_sink),
      options_(options),
      parser_(std::move(parser)) {
  cast_options_.truncate_strings = request.truncate_text;
  plain_field_values_ = options.null_if.empty() && !options.trim_space;
  for (const Field& field : schema_->fields()) {
    const bool is_text = field.type.id() == TypeId::kVarchar || field.type.id() == TypeId::kBinary;
    empty_is_null_.push_back(options.empty_field_as_null &&
                             !(options.empty_text_is_empty_string && is_text));
    appenders_.push_back(HasUserFormat(options, field.type) ? nullptr
                                                            : TextAppenderFor(field.type));
  }
}

Result<bool> CsvReader::NextRecord() {
  auto more = parser_->NextRecord();
  if (!more.ok()) return more.status().WithContext(file_name_);
  return *more;
}

Status CsvReader::Init(bool header) {
  const size_t num_fields = schema_->num_fields();
  if (!header) {
    for (size_t f = 0; f < num_fields; ++f) source_index_.push_back(static_cast<int>(f));
    expected_fields_ = num_fields;
    return Status::OK();
  }
  INLET_ASSIGN_OR_RETURN(bool has_header, NextRecord());
  if (!has_header) {
    finished_ = true;  // an empty file holds no rows
    return Status::OK();
  }
  if (parser_->unterminated_quote()) {
    return Status::InvalidData(file_name_ + ":" + std::to_string(parser_->record_line()) +
                               ": unterminated quoted field in the header");
  }
  std::vector<std::string> header_names;
  for (size_t i = 0; i < parser_->num_fields(); ++i) {
    header_names.emplace_back(parser_->field(i));
  }
  INLET_ASSIGN_OR_RETURN(
      source_index_, MatchColumnsByName(MakeCsvColumnNames(header_names), *schema_, file_name_));
  expected_fields_ = header_names.size();
  return Status::OK();
}

Result<RecordBatchPtr> CsvReader::Next() {
  if (finished_) return RecordBatchPtr();
  std::vector<ColumnPtr> columns;
  for (const Field& field : schema_->fields()) {
    columns.push_back(std::make_shared<Column>(field.type));
    columns.back()->Reserve(batch_rows_);
  }
  int64_t rows = 0;
  std::vector<int64_t> rejected;
  while (rows - static_cast<int64_t>(rejected.size()) < batch_rows_) {
    INLET_ASSIGN_OR_RETURN(bool more, NextRecord());
    if (!more) {
      finished_ = true;
      break;
    }
    ++rows_parsed_;
    INLET_RETURN_NOT_OK(AppendRecord(columns, &rows, &rejected));
  }
  const int64_t good_rows = rows - static_cast<int64_t>(rejected.size());
  if (good_rows == 0) return RecordBatchPtr();
  if (!rejected.empty()) {
    // Rejected rows are rare: rebuild the batch without them rather than track each append.
    std::vector<ColumnPtr> kept;
    for (const ColumnPtr& column : columns) {
      kept.push_back(std::make_shared<Column>(column->type()));
      kept.back()->Reserve(good_rows);
    }
    size_t next_rejected = 0;
    for (int64_t row = 0; row < rows; ++row) {
      if (next_rejected < rejected.size() && rejected[next_rejected] == row) {
        ++next_rejected;
        continue;
      }
      for (size_t c = 0; c < columns.size(); ++c) kept[c]->AppendFrom(*columns[c], row);
    }
    columns = std::move(kept);
  }
  return std::make_shared<RecordBatch>(schema_, std::move(columns), good_rows);
}

Status CsvReader::AppendRecord(const std::vector<ColumnPtr>& columns, int64_t* rows,
                               std::vector<int64_t>* rejected) {
  if (parser_->unterminated_quote()) {
    return Reject(RowErrorKind::kUnterminatedQuote, -1, "", "unterminated quoted field");
  }
  if (parser_->num_fields() != expected_fields_ && options_.error_on_column_count_mismatch) {
    return Reject(parser_->num_fields() > expected_fields_ ? RowErrorKind::kTooManyFields
                                                           : RowErrorKind::kTooFewFields,
                  -1, "",
                  "expected " + std::to_string(expected_fields_) + " fields but found " +
                      std::to_string(parser_->num_fields()));
  }
  // PERF NOTES: this loop runs once per field of every row. The success path builds no
  // std::string: AppendField only says whether the field went in (a cast failure's reason lands
  // in the reused cast_error_), and the message is built by DescribeFieldError once a field is
  // rejected.
  for (size_t f = 0; f < columns.size(); ++f) {
    if (AppendField(f, columns[f].get())) [[likely]] continue;
    std::string reason;
    std::string_view raw;
    RowErrorKind kind = DescribeFieldError(f, &reason, &raw);
    // Keep the columns aligned; Next() drops the row.
    for (size_t g = f; g < columns.size(); ++g) columns[g]->AppendNull();
    rejected->push_back((*rows)++);
    return Reject(kind, static_cast<int64_t>(f), raw, std::move(reason));
  }
  ++*rows;
  return Status::OK();
}

bool CsvReader::AppendField(size_t f, Column* column) {
  const int source = source_index_[f];
  // PERF NOTES: runs once per field of every row. Without NULL_IF strings and TRIM_SPACE,
  // FieldValue's answer for a field the record has is "a value unless empty, unquoted and read
  // as NULL": checked here inline, with the type's appender called at once.
  const bool in_record = source >= 0 && static_cast<size_t>(source) < parser_->num_fields();
  if (plain_field_values_ && in_record) [[likely]] {
    const std::string_view text = parser_->field(static_cast<size_t>(source));
    const TextAppender append = appenders_[f];
    if (append != nullptr && (!text.empty() || parser_->field_quoted(static_cast<size_t>(source)) ||
                              !empty_is_null_[f])) [[likely]] {
      return append(text, schema_->field(f).type, column, &cast_error_, cast_options_);
    }
  }
  return AppendFieldInGeneral(f, column);
}

bool CsvReader::AppendFieldInGeneral(size_t f, Column* column) {
  const Field& field = schema_->field(f);
  const int source = source_index_[f];
  if (source < 0) {
    if (field.default_value.has_value()) {
      column->AppendValue(*field.default_value);
    } else if (field.nullable) {
      column->AppendNull();
    } else {
      return false;
    }
    return true;
  }
  std::string_view text;
  if (!FieldValue(f, static_cast<size_t>(source), &text)) {
    if (!field.nullable) return false;
    column->AppendNull();
    return true;
  }
  const TextAppender append = appenders_[f];
  if (append == nullptr) [[unlikely]] return AppendFormatted(text, field.type, column);
  return append(text, field.type, column, &cast_error_, cast_options_);
}

bool CsvReader::FieldValue(size_t f, size_t source, std::string_view* text) const {
  if (source >= parser_->num_fields()) [[unlikely]] {
    *text = std::string_view();  // a short record's missing field
    return false;
  }
  *text = parser_->field(source);
  if (parser_->field_quoted(source)) {
    return !(options_.null_if_quoted && options_.MatchesNullIf(*text));
  }
  if (options_.trim_space) [[unlikely]] {
    bool quoted = false;
    *text = TrimSpaceField(*text, options_.dialect, &trimmed_, &quoted);
    if (quoted) return !(options_.null_if_quoted && options_.MatchesNullIf(*text));
  }
  return !(text->empty() && empty_is_null_[f]) && !options_.MatchesNullIf(*text);
}

bool CsvReader::AppendFormatted(std::string_view text, const LogicalType& type, Column* column) {
  switch (type.id()) {
    case TypeId::kDate:
      if (options_.date_format) {
        int32_t days = 0;
        if (options_.date_format->ParseDate(text, &days)) {
          column->AppendFixed<int32_t>(days);
          return true;
        }
        if (options_.date_format_sniffed) {
          return AppendByCast(text, type, column, *options_.date_format, &cast_error_,
                              cast_options_);
        }
        cast_error_ = "it does not match DATE_FORMAT '" + options_.date_format->text() + "'";
        return false;
      }
      break;
    case TypeId::kTime:
      if (options_.time_format) {
        int64_t micros = 0;
        if (options_.time_format->ParseTime(text, &micros)) {
          column->AppendFixed<int64_t>(micros);
          return true;
        }
        cast_error_ = "it does not match TIME_FORMAT '" + options_.time_format->text() + "'";
        return false;
      }
      break;
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      if (options_.timestamp_format) {
        int64_t micros = 0;
        std::optional<int> zone;
        if (options_.timestamp_format->ParseTimestamp(text, &micros, &zone)) {
          // TIMESTAMP keeps the wall clock as written; TIMESTAMPTZ is the instant (UTC if no zone).
          if (type.id() == TypeId::kTimestampTz && zone) micros -= int64_t{*zone} * 60 * 1000000;
          column->AppendFixed<int64_t>(micros);
          return true;
        }
        if (options_.timestamp_format_sniffed) {
          return AppendByCast(text, type, column, *options_.timestamp_format, &cast_error_,
                              cast_options_);
        }
        cast_error_ =
            "it does not match TIMESTAMP_FORMAT '" + options_.timestamp_format->text() + "'";
        return false;
      }
      break;
    case TypeId::kBinary:
      if (options_.binary_format == CsvBinaryFormat::kHex) {
        if (!DecodeHex(text, &decoded_)) {
          cast_error_ = "it is not hexadecimal (BINARY_FORMAT = HEX)";
          return false;
        }
        column->AppendString(decoded_);
        return true;
      }
      if (options_.binary_format == CsvBinaryFormat::kBase64) {
        if (!DecodeBase64(text, &decoded_)) {
          cast_error_ = "it is not base64 (BINARY_FORMAT = BASE64)";
          return false;
        }
        column->AppendString(decoded_);
        return true;
      }
      break;
    default:
      break;
  }
  INLET_DCHECK(false);  // the reader chose AppendTextAsType for every other column
  return false;
}

RowErrorKind CsvReader::DescribeFieldError(size_t f, std::string* reason,
                                           std::string_view* raw) const {
  const Field& field = schema_->field(f);
  const int source = source_index_[f];
  if (source < 0) {
    *reason = "the column is NOT NULL without a DEFAULT, and the file does not have it";
    return RowErrorKind::kNotNull;
  }
  std::string_view text;
  if (!FieldValue(f, static_cast<size_t>(source), &text)) {
    *reason = "NULL in a NOT NULL column";
    return RowErrorKind::kNotNull;
  }
  *raw = text;
  if (field.type.is_nested()) {
    // No text is a nested value yet: the reason alone says so without repeating the value.
    *reason = cast_error_;
    return RowErrorKind::kCast;
  }
  *reason = "cannot cast " +
            QuoteSqlString(EscapeInvalidUtf8(Abbreviate(text, kMaxValueInMessage))) + " to " +
            field.type.ToString() + ": " + cast_error_;
  if (field.type.id() != TypeId::kVarchar) return RowErrorKind::kCast;
  // The two ways text fails to be VARCHAR(n) (text_cast.h).
  return cast_error_ == kInvalidUtf8Reason ? RowErrorKind::kInvalidUtf8 : RowErrorKind::kTooLong;
}

Status CsvReader::Reject(RowErrorKind kind, int64_t column_index, std::string_view raw,
                         std::string reason) {
  RowError error;
  error.kind = kind;
  error.file = file_name_;
  error.raw_line = parser_->RawRecord(kMaxRawLine);
  auto line = parser_->FileRecordLine();
  if (!line.ok()) return line.status().WithContext(file_name_);
  error.line = *line;
  error.byte_offset = parser_->record_offset();
  error.column_index = column_index;
  TypeId type = TypeId::kVarchar;
  if (column_index >= 0) {
    const Field& field = schema_->field(column_index);
    error.column_name = field.name;
    error.column_type = field.type.ToString();
    type = field.type.id();
  }
  error.code = RedshiftLoadErrorCode(kind, type);
  error.raw_value = Abbreviate(raw, kMaxRawValue);
  error.reason = std::move(reason);
  if (error_sink_ == nullptr) return AbortOnRowError().OnRowError(error);
  return error_sink_->OnRowError(error);
}

}  // namespace inlet

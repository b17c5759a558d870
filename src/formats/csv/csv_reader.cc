#include "formats/csv/csv_reader.h"

#include <algorithm>
#include <unordered_set>

#include "common/string_util.h"
#include "io/compression.h"
#include "types/cast.h"

namespace inlet {

namespace {

// Bad values are quoted in messages and kept in RowError; a huge field must not make a huge
// message.
constexpr size_t kMaxValueInMessage = 100;
constexpr size_t kMaxRawValue = 1024;

/// `text` cut to at most `max` bytes on a UTF-8 character boundary, with "..." when cut.
std::string Abbreviate(std::string_view text, size_t max) {
  if (text.size() <= max) return std::string(text);
  size_t end = max;
  while (end > 0 && (static_cast<uint8_t>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end)) + "...";
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
  auto input = OpenMaybeCompressed(std::move(raw).ValueOrDie(), file.info.path);
  if (!input.ok()) return input.status().WithContext(name);
  auto parser = std::make_unique<CsvParser>(std::move(input).ValueOrDie(), options.dialect);
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
  INLET_ASSIGN_OR_RETURN(CsvOptions options,
                         CsvOptions::Parse(request.options, DefaultCsvDelimiter(file.info.path)));
  INLET_ASSIGN_OR_RETURN(std::unique_ptr<CsvParser> parser, OpenCsvParser(file, options));
  auto reader = std::make_unique<CsvReader>(CsvFileName(file), options, request, std::move(parser));
  INLET_RETURN_NOT_OK(reader->Init(options.header));
  return reader;
}

CsvReader::CsvReader(std::string file_name, const CsvOptions& options, const ReadRequest& request,
                     std::unique_ptr<CsvParser> parser)
    : file_name_(std::move(file_name)),
      schema_(request.target_schema),
      batch_rows_(std::max<int64_t>(request.batch_rows, 1)),
      error_sink_(request.error_sink),
      null_value_(options.null_value),
      parser_(std::move(parser)) {
  for (const Field& field : schema_->fields()) {
    const bool is_text = field.type.id() == TypeId::kVarchar || field.type.id() == TypeId::kBinary;
    empty_is_null_.push_back(!null_value_.has_value() || !is_text);
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
  if (parser_->unterminated_quote()) return Reject(-1, "", "unterminated quoted field");
  if (parser_->num_fields() != expected_fields_) {
    return Reject(-1, "",
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
    DescribeFieldError(f, &reason, &raw);
    // Keep the columns aligned; Next() drops the row.
    for (size_t g = f; g < columns.size(); ++g) columns[g]->AppendNull();
    rejected->push_back((*rows)++);
    return Reject(static_cast<int64_t>(f), raw, std::move(reason));
  }
  ++*rows;
  return Status::OK();
}

bool CsvReader::AppendField(size_t f, Column* column) {
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
  const std::string_view text = parser_->field(static_cast<size_t>(source));
  if (IsNullField(f, static_cast<size_t>(source), text)) {
    if (!field.nullable) return false;
    column->AppendNull();
    return true;
  }
  return AppendTextAsType(text, field.type, column, &cast_error_);
}

bool CsvReader::IsNullField(size_t f, size_t source, std::string_view text) const {
  return !parser_->field_quoted(source) &&
         ((null_value_.has_value() && text == *null_value_) || (text.empty() && empty_is_null_[f]));
}

void CsvReader::DescribeFieldError(size_t f, std::string* reason, std::string_view* raw) const {
  const Field& field = schema_->field(f);
  const int source = source_index_[f];
  if (source < 0) {
    *reason = "the column is NOT NULL without a DEFAULT, and the file does not have it";
    return;
  }
  const std::string_view text = parser_->field(static_cast<size_t>(source));
  if (IsNullField(f, static_cast<size_t>(source), text)) {
    *reason = "NULL in a NOT NULL column";
    return;
  }
  *raw = text;
  if (field.type.is_nested()) {
    // No text is a nested value yet: the reason alone says so without repeating the value.
    *reason = cast_error_;
    return;
  }
  *reason = "cannot cast " + QuoteSqlString(Abbreviate(text, kMaxValueInMessage)) + " to " +
            field.type.ToString() + ": " + cast_error_;
}

Status CsvReader::Reject(int64_t column_index, std::string_view raw, std::string reason) {
  RowError error;
  error.file = file_name_;
  error.line = parser_->record_line();
  error.byte_offset = parser_->record_offset();
  error.column_index = column_index;
  if (column_index >= 0) error.column_name = schema_->field(column_index).name;
  error.raw_value = Abbreviate(raw, kMaxRawValue);
  error.reason = std::move(reason);
  if (error_sink_ == nullptr) return AbortOnRowError().OnRowError(error);
  return error_sink_->OnRowError(error);
}

}  // namespace inlet

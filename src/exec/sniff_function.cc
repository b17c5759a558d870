#include "exec/sniff_function.h"

#include "formats/csv/csv_sniffer.h"

namespace inlet {

namespace {

/// A structural character as a user would write it in an option: tab, CR and LF escaped.
std::string Visible(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

Result<ResultSet> SniffCsvFile(const SourceFile& file, const FormatOptions& options) {
  INLET_ASSIGN_OR_RETURN(CsvSniffResult sniffed, SniffCsv(file, options));
  const CsvDialect& dialect = sniffed.options.dialect;
  ResultSet result;
  result.names = {"column_index", "column_name", "column_type", "format",
                  "delimiter",    "quote",       "escape",      "newline",
                  "header",       "skip_rows",   "date_format", "timestamp_format"};
  result.types = {LogicalType::BigInt(),  LogicalType::Varchar(), LogicalType::Varchar(),
                  LogicalType::Varchar(), LogicalType::Varchar(), LogicalType::Varchar(),
                  LogicalType::Varchar(), LogicalType::Varchar(), LogicalType::Boolean(),
                  LogicalType::BigInt(),  LogicalType::Varchar(), LogicalType::Varchar()};
  const CsvOptions& resolved = sniffed.options;
  for (size_t i = 0; i < sniffed.columns.size(); ++i) {
    const CsvSniffedColumn& column = sniffed.columns[i];
    result.rows.push_back({
        Value::BigInt(static_cast<int64_t>(i + 1)),
        Value::Varchar(column.name),
        Value::Varchar(column.type.ToString()),
        Value::Varchar(column.format),
        Value::Varchar(Visible(std::string(1, dialect.delimiter))),
        Value::Varchar(dialect.has_quote ? std::string(1, dialect.quote) : ""),
        Value::Varchar(dialect.has_escape ? Visible(std::string(1, dialect.escape)) : ""),
        Value::Varchar(Visible(sniffed.newline)),
        Value::Boolean(sniffed.options.header),
        Value::BigInt(sniffed.options.skip_rows),
        Value::Varchar(resolved.date_format ? resolved.date_format->text() : ""),
        Value::Varchar(resolved.timestamp_format ? resolved.timestamp_format->text() : ""),
    });
  }
  return result;
}

Result<bool> ResultSetSource::Next(std::vector<Row>* rows) {
  rows->clear();
  if (done_) return false;
  done_ = true;
  *rows = std::move(rows_);
  return true;
}

}  // namespace inlet

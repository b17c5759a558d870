#pragma once

#include <vector>

#include "exec/result_set.h"
#include "exec/select_executor.h"
#include "formats/format.h"

namespace inlet {

/// What the CSV sniffer finds in `file` with `options` (those given win over detection), as
/// the rows of `SELECT * FROM sniff('path')`: one row per column, in file order, with the
/// file's dialect repeated on each: column_index (1-based), column_name, column_type, format
/// (the format of a DATE/TIMESTAMP column's values, else ''), delimiter, quote and escape (''
/// for none, a tab as \t), newline (\n, \r\n or \r as written here, '' without any), header,
/// skip_rows, and the date_format and timestamp_format the load reads values the cast does not
/// with ('' for none). Errors name the file.
Result<ResultSet> SniffCsvFile(const SourceFile& file, const FormatOptions& options);

/// Gives the rows of a result computed beforehand to a SELECT.
class ResultSetSource : public RowSource {
 public:
  explicit ResultSetSource(std::vector<Row> rows) : rows_(std::move(rows)) {}
  Result<bool> Next(std::vector<Row>* rows) override;

 private:
  std::vector<Row> rows_;
  bool done_ = false;
};

}  // namespace inlet

#include "test/sqllogictest/result_compare.h"

#include <algorithm>

#include "common/string_util.h"

namespace inlet::slt {
namespace {

using Rows = std::vector<std::vector<std::string>>;

std::string FormatValue(const std::optional<std::string>& value) {
  if (!value) return "NULL";
  if (value->empty()) return "(empty)";
  return *value;
}

std::string JoinRow(const std::vector<std::string>& row) { return JoinStrings(row, "\t"); }

Rows ActualRows(const QueryResult& result) {
  Rows rows;
  for (const auto& row : result.rows) {
    std::vector<std::string> values;
    for (const auto& value : row) values.push_back(FormatValue(value));
    rows.push_back(std::move(values));
  }
  return rows;
}

// Reads the expected lines as rows of `columns` values each: one row per line, or, when every
// line holds a single value, `columns` consecutive lines per row (DuckDB's value-per-line form).
Result<Rows> ExpectedRows(const std::vector<std::string>& expected, size_t columns,
                          size_t actual_rows) {
  Rows rows;
  bool row_per_line = true;
  for (const std::string& line : expected) {
    rows.push_back(SplitString(line, '\t'));
    if (rows.back().size() != columns) row_per_line = false;
  }
  if (row_per_line) return rows;

  bool value_per_line =
      expected.size() == actual_rows * columns &&
      std::all_of(rows.begin(), rows.end(), [](const auto& values) { return values.size() == 1; });
  if (!value_per_line) {
    for (size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].size() != columns) {
        return Status::InvalidArgument("expected row " + std::to_string(i + 1) + " has " +
                                       std::to_string(rows[i].size()) +
                                       " values but the query returns " + std::to_string(columns) +
                                       " columns (separate values with tabs)");
      }
    }
  }
  Rows grouped;
  for (size_t i = 0; i < expected.size(); i += columns) {
    grouped.emplace_back(expected.begin() + i, expected.begin() + i + columns);
  }
  return grouped;
}

}  // namespace

std::vector<std::string> FormatRows(const QueryResult& result) {
  std::vector<std::string> lines;
  for (const auto& row : ActualRows(result)) lines.push_back(JoinRow(row));
  return lines;
}

Status CompareQueryResult(const QueryResult& result, const std::string& column_letters,
                          SortMode sort, const std::vector<std::string>& expected) {
  const size_t columns = result.column_names.size();
  if (column_letters.size() != columns) {
    return Status::InvalidArgument("the record declares " + std::to_string(column_letters.size()) +
                                   " columns (" + column_letters + ") but the query returns " +
                                   std::to_string(columns));
  }
  Rows actual = ActualRows(result);
  INLET_ASSIGN_OR_RETURN(Rows wanted, ExpectedRows(expected, columns, actual.size()));
  if (sort == SortMode::kRowSort) {
    std::sort(actual.begin(), actual.end());
    std::sort(wanted.begin(), wanted.end());
  }
  if (actual.size() != wanted.size()) {
    return Status::InvalidArgument("expected " + std::to_string(wanted.size()) + " rows, got " +
                                   std::to_string(actual.size()));
  }
  for (size_t i = 0; i < actual.size(); ++i) {
    if (actual[i] != wanted[i]) {
      return Status::InvalidArgument("row " + std::to_string(i + 1) + " differs: expected \"" +
                                     JoinRow(wanted[i]) + "\", got \"" + JoinRow(actual[i]) + "\"");
    }
  }
  return Status::OK();
}

}  // namespace inlet::slt

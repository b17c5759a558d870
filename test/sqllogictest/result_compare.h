#pragma once

#include <string>
#include <vector>

#include "inlet/database.h"
#include "test/sqllogictest/test_file.h"

namespace inlet::slt {

/// A query's rows as a test file writes them: one line per row, values separated by tabs, NULL
/// as `NULL` and the empty string as `(empty)`.
std::vector<std::string> FormatRows(const QueryResult& result);

/// Compares `result` with the expected lines of a query record (after variable substitution).
/// Expected rows have their values separated by tabs; as in DuckDB, a file may instead list one
/// value per line, row after row. With rowsort both sides are sorted first. Returns OK or why
/// they differ (column count, row count or the first differing row).
Status CompareQueryResult(const QueryResult& result, const std::string& column_letters,
                          SortMode sort, const std::vector<std::string>& expected);

}  // namespace inlet::slt

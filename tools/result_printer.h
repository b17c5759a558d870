#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "inlet/database.h"

// Renders a QueryResult as text for people (table, line) or for programs (csv, json). The shell
// is the only caller; the printer is separate so that each mode is tested without a database.

namespace inlet::tools {

enum class OutputMode {
  kTable,  // an aligned box table with a "(N rows)" footer
  kCsv,    // RFC 4180 with a header line; NULL is an empty field, '' is ""
  kJson,   // one array of objects; numbers and booleans unquoted by column type
  kLine,   // "column = value" per line, a blank line between rows
};

/// The mode named `name` ("table", "csv", "json", "line"), or nullopt.
std::optional<OutputMode> ParseOutputMode(std::string_view name);

/// Writes `result` to `out` in `mode`. A result without columns writes nothing.
void PrintResult(const QueryResult& result, OutputMode mode, std::ostream& out);

/// The width of UTF-8 text in a terminal, counted in code points: every byte that is not a
/// UTF-8 continuation byte (10xxxxxx) counts one.
size_t DisplayWidth(std::string_view text);

/// True for SQL types whose values are numbers (integers, floats, decimals), which the table
/// aligns right and JSON writes unquoted. `type` is as QueryResult::column_types spells it.
bool IsNumericType(std::string_view type);

}  // namespace inlet::tools

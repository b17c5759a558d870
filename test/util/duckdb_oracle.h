#pragma once

#include <string>
#include <vector>

#include "inlet/result.h"

namespace inlet {

/// Runs `sql` in a fresh in-memory DuckDB (test/oracle/query.mjs under $INLET_SOURCE_DIR) and
/// returns its output lines, one JSON array per row. DuckDB's own error becomes an InvalidData
/// status holding its message; a missing INLET_SOURCE_DIR or node is an IOError.
Result<std::vector<std::string>> RunDuckDbQuery(const std::string& sql);

}  // namespace inlet

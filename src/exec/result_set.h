#pragma once

#include <string>
#include <vector>

#include "exec/expression.h"
#include "types/logical_type.h"

namespace inlet {

/// The rows a statement produces, typed, before they are rendered for a client.
struct ResultSet {
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  std::vector<Row> rows;
  /// QueryResult::warnings.
  std::vector<std::string> warnings;
};

}  // namespace inlet

#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "inlet/status.h"

namespace inlet::sql {

/// Where a token or AST node starts in the SQL text. Lines and columns are 1-based; columns count
/// characters (UTF-8 code points), so a caret printed under the line lands on the right spot.
struct SourcePosition {
  size_t offset = 0;  // byte offset from the start of the text
  int line = 1;
  int column = 1;

  /// "line 2, column 7".
  std::string ToString() const {
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
  }
  bool operator==(const SourcePosition& other) const = default;
};

/// The one shape of every syntax error: "syntax error at line L, column C: <detail>".
inline Status SyntaxError(const SourcePosition& position, std::string_view detail) {
  return Status::ParseError("syntax error at " + position.ToString() + ": " + std::string(detail));
}

}  // namespace inlet::sql

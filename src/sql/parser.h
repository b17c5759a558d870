#pragma once

#include <string_view>
#include <vector>

#include "inlet/result.h"
#include "sql/ast.h"

namespace inlet::sql {

/// Parses every statement of a script; statements are separated by ';' and empty ones are
/// skipped. Errors are ParseError statuses of one line:
/// "syntax error at line 1, column 18: expected FROM but found "FORM"".
Result<std::vector<StatementPtr>> ParseScript(std::string_view sql);

/// Parses exactly one statement; a trailing ';' is allowed.
Result<StatementPtr> ParseStatement(std::string_view sql);

/// Parses one expression and nothing else (tests, and later COPY ... WHERE and DEFAULT texts).
Result<ExpressionPtr> ParseExpression(std::string_view sql);

}  // namespace inlet::sql

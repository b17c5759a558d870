#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "inlet/result.h"
#include "sql/source_position.h"

namespace inlet::sql {

enum class TokenType {
  kKeyword,           // an unquoted reserved word (SELECT, FROM, AND, ...)
  kIdentifier,        // any other unquoted word; non-reserved keywords (TABLE options) land here
  kQuotedIdentifier,  // "Double Quoted" or `back quoted`, case preserved
  kString,            // 'single quoted'
  kNumber,            // 42, 3.14, .5, 1e-3
  kParameter,         // $1; reserved for later (positional file columns, prepared statements)
  kOperator,          // = <> != < <= > >= + - * / % || :: => ( ) , ; . : [ ]
  kEnd,               // end of input; always the last token
};

/// One lexical unit of SQL text.
struct Token {
  TokenType type = TokenType::kEnd;
  /// The token as written, quotes included.
  std::string text;
  /// The meaning: lower-cased for keywords and unquoted identifiers (they are case-insensitive),
  /// unescaped content for quoted identifiers and strings, the digits for parameters, and `text`
  /// for numbers and operators.
  std::string value;
  SourcePosition position;

  /// True for an unquoted word (reserved or not) whose lower-cased spelling is `word`.
  bool IsWord(std::string_view word) const {
    return (type == TokenType::kKeyword || type == TokenType::kIdentifier) && value == word;
  }
  bool IsOperator(std::string_view op) const { return type == TokenType::kOperator && text == op; }
};

/// True when `lower_word` is reserved: it cannot be an unquoted identifier or alias because the
/// grammar gives it a meaning right after an expression or a table name.
bool IsReservedKeyword(std::string_view lower_word);

/// Splits `sql` into tokens, ending with one kEnd token positioned at the end of the input.
/// Comments and whitespace are dropped. Fails with a ParseError naming the line and column of an
/// unterminated string, quoted identifier or comment, or of a character SQL does not use.
Result<std::vector<Token>> Tokenize(std::string_view sql);

}  // namespace inlet::sql

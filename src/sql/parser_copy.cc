// COPY INTO and its option lists. The parser accepts any option key and any value shape; which
// keys exist and what their values mean is the binder's business, so that one place lists them.

#include "common/string_util.h"
#include "sql/parser_impl.h"

namespace inlet::sql {
namespace {

Status DuplicateClause(const SourcePosition& position, std::string_view clause) {
  return SyntaxError(position, "duplicate " + std::string(clause) + " clause");
}

}  // namespace

Result<StatementPtr> Parser::ParseCopyInto() {
  auto copy = std::make_unique<CopyIntoStatement>();
  copy->position = Advance().position;  // COPY
  // Firebolt writes COPY t FROM ..., with INTO optional.
  const bool into = MatchWord("into");
  INLET_ASSIGN_OR_RETURN(copy->table, ParseName("table name"));
  if (PeekOperator("(")) {
    return SyntaxError(Peek().position,
                       "COPY with a column list is not supported yet; the file's columns match "
                       "the table's by name (with a header) or by position");
  }
  INLET_RETURN_NOT_OK(ExpectWord("from"));
  if (Peek().type != TokenType::kString) {
    return SyntaxError(Peek().position,
                       "COPY FROM a LOCATION object is not supported yet; give the URL as a string");
  }
  INLET_ASSIGN_OR_RETURN(copy->location, ParseStringLiteral("location string"));
  while (MatchOperator(",")) {
    INLET_ASSIGN_OR_RETURN(StringLiteral more, ParseStringLiteral("location string"));
    copy->more_locations.push_back(std::move(more));
  }
  for (const char* clause : {"limit", "offset", "where"}) {
    if (PeekWord(clause)) {
      return SyntaxError(Peek().position,
                         "COPY ... " + AsciiToUpper(clause) + " is not supported yet");
    }
  }
  // Firebolt's form: its WITH, its (...) right after the URLs, several URLs, or no INTO.
  if (PeekWord("with") || PeekOperator("(") || !copy->more_locations.empty() || !into) {
    SourcePosition at = Peek().position;
    MatchWord("with");
    copy->with_options.emplace();
    copy->with_options->position = at;
    if (!AtStatementEnd()) {
      INLET_ASSIGN_OR_RETURN(copy->with_options->options, ParseOptionList());
    }
    if (PeekWord("where")) return SyntaxError(Peek().position, "COPY ... WHERE is not supported yet");
    if (!AtStatementEnd()) return ErrorExpected("the end of the statement");
    return StatementPtr(std::move(copy));
  }
  while (!AtStatementEnd()) {
    INLET_RETURN_NOT_OK(ParseCopyClause(copy.get()));
  }
  return StatementPtr(std::move(copy));
}

Status Parser::ParseCopyClause(CopyIntoStatement* copy) {
  SourcePosition at = Peek().position;
  if (PeekWord("file_format")) {
    if (copy->file_format) return DuplicateClause(at, "FILE_FORMAT");
    INLET_ASSIGN_OR_RETURN(copy->file_format, ParseFileFormat());
  } else if (PeekWord("files")) {
    if (copy->files) return DuplicateClause(at, "FILES");
    INLET_ASSIGN_OR_RETURN(copy->files, ParseFiles());
  } else if (PeekWord("pattern")) {
    if (copy->pattern) return DuplicateClause(at, "PATTERN");
    Advance();
    INLET_RETURN_NOT_OK(ExpectOperator("="));
    INLET_ASSIGN_OR_RETURN(copy->pattern, ParseStringLiteral("pattern string"));
  } else if (PeekWord("format_options") || PeekWord("copy_options")) {
    bool format = PeekWord("format_options");
    std::optional<OptionListClause>& clause = format ? copy->format_options : copy->copy_options;
    if (clause) return DuplicateClause(at, format ? "FORMAT_OPTIONS" : "COPY_OPTIONS");
    Advance();
    // Databricks writes FORMAT_OPTIONS (...); an '=' as in the other clauses is accepted too.
    MatchOperator("=");
    clause.emplace();
    clause->position = at;
    INLET_ASSIGN_OR_RETURN(clause->options, ParseOptionList());
  } else if (PeekWord("force")) {
    if (copy->force) return DuplicateClause(at, "FORCE");
    Advance();
    CopyIntoStatement::ForceClause force;
    force.position = at;
    if (MatchOperator("=")) {
      if (MatchWord("false")) {
        force.value = false;
      } else if (!MatchWord("true")) {
        return ErrorExpected("TRUE or FALSE");
      }
    }
    copy->force = force;
  } else if (Peek().type == TokenType::kIdentifier && PeekOperator("=", 1)) {
    INLET_ASSIGN_OR_RETURN(Option option, ParseOption());
    copy->options.push_back(std::move(option));
  } else {
    return ErrorExpected(
        "a COPY INTO clause (FILE_FORMAT, FILES, PATTERN, FORMAT_OPTIONS, COPY_OPTIONS, FORCE or "
        "KEY = value)");
  }
  return Status::OK();
}

Result<FileFormatClause> Parser::ParseFileFormat() {
  FileFormatClause clause;
  clause.position = Advance().position;  // FILE_FORMAT
  INLET_RETURN_NOT_OK(ExpectOperator("="));
  if (!PeekOperator("(")) {
    TokenType type = Peek().type;
    if (type != TokenType::kIdentifier && type != TokenType::kString) {
      return ErrorExpected("format name");
    }
    INLET_ASSIGN_OR_RETURN(clause.type, ParseOptionValue());
    return clause;
  }
  clause.parenthesized = true;
  INLET_ASSIGN_OR_RETURN(std::vector<Option> entries, ParseOptionList());
  for (Option& entry : entries) {
    if (entry.key != "type") {
      clause.options.push_back(std::move(entry));
    } else if (clause.type) {
      return SyntaxError(entry.position, "duplicate TYPE in FILE_FORMAT");
    } else {
      clause.type = std::move(entry.value);
    }
  }
  return clause;
}

Result<CopyIntoStatement::FilesClause> Parser::ParseFiles() {
  CopyIntoStatement::FilesClause clause;
  clause.position = Advance().position;  // FILES
  INLET_RETURN_NOT_OK(ExpectOperator("="));
  INLET_RETURN_NOT_OK(ExpectOperator("("));
  while (true) {
    INLET_ASSIGN_OR_RETURN(StringLiteral file, ParseStringLiteral("file name string"));
    clause.files.push_back(std::move(file));
    if (MatchOperator(")")) break;
    // Commas are optional, as between Snowflake options.
    if (!MatchOperator(",") && Peek().type != TokenType::kString) {
      return ErrorExpected("',' or ')'");
    }
  }
  return clause;
}

bool Parser::PeekOptionKey(size_t ahead) const {
  switch (Peek(ahead).type) {
    case TokenType::kIdentifier:
    case TokenType::kKeyword:
    case TokenType::kQuotedIdentifier:
    case TokenType::kString:
      return true;
    default:
      return false;
  }
}

bool Parser::PeekOptionValueStart() const {
  TokenType type = Peek().type;
  return type == TokenType::kString || type == TokenType::kNumber ||
         type == TokenType::kIdentifier || type == TokenType::kKeyword || PeekOperator("(") ||
         PeekOperator("-");
}

Result<std::vector<Option>> Parser::ParseOptionList() {
  INLET_RETURN_NOT_OK(ExpectOperator("("));
  std::vector<Option> options;
  if (MatchOperator(")")) return options;
  while (true) {
    INLET_ASSIGN_OR_RETURN(Option option, ParseOption());
    options.push_back(std::move(option));
    if (MatchOperator(")")) break;
    // Entries may be separated by commas (Databricks) or by whitespace alone (Snowflake). Without
    // a comma the next entry must look like `key =`, so a missing ')' before the next clause is
    // reported there.
    bool next_entry = PeekOptionKey() && PeekOperator("=", 1);
    if (!MatchOperator(",") && !next_entry) return ErrorExpected("',' or ')'");
  }
  return options;
}

Result<Option> Parser::ParseOption() {
  if (!PeekOptionKey()) return ErrorExpected("option name");
  const Token& key = Advance();
  Option option;
  option.position = key.position;
  // Words keep their spelling; quoted keys ('header', "header") their content.
  bool word = key.type == TokenType::kIdentifier || key.type == TokenType::kKeyword;
  option.key_text = word ? key.text : key.value;
  option.key = AsciiToLower(option.key_text);
  INLET_RETURN_NOT_OK(ExpectOperator("="));
  INLET_ASSIGN_OR_RETURN(option.value, ParseOptionValue());
  return option;
}

Result<OptionValue> Parser::ParseOptionValue() {
  NestingGuard guard(&depth_);
  if (guard.TooDeep()) return SyntaxError(Peek().position, "option value nested too deeply");
  OptionValue value;
  const Token& token = Peek();
  value.position = token.position;
  if (token.type == TokenType::kString) {
    value.kind = OptionValue::Kind::kString;
    value.text = Advance().value;
  } else if (token.type == TokenType::kNumber) {
    value.kind = OptionValue::Kind::kNumber;
    value.text = Advance().text;
  } else if (token.IsOperator("-") && Peek(1).type == TokenType::kNumber) {
    Advance();
    value.kind = OptionValue::Kind::kNumber;
    value.text = "-" + Advance().text;
  } else if (token.IsWord("true") || token.IsWord("false")) {
    value.kind = OptionValue::Kind::kBoolean;
    value.text = Advance().value;
  } else if (token.IsWord("null")) {
    Advance();
    value.kind = OptionValue::Kind::kNull;
  } else if (token.type == TokenType::kIdentifier || token.type == TokenType::kKeyword) {
    value.kind = OptionValue::Kind::kIdentifier;
    value.text = Advance().text;
  } else if (token.IsOperator("(") && PeekOptionKey(1) && PeekOperator("=", 2)) {
    // (AWS_KEY_ID = '...' AWS_SECRET_KEY = '...'), as Snowflake's CREDENTIALS takes.
    value.kind = OptionValue::Kind::kOptions;
    INLET_ASSIGN_OR_RETURN(value.options, ParseOptionList());
  } else if (token.IsOperator("(")) {
    Advance();
    value.kind = OptionValue::Kind::kList;
    if (MatchOperator(")")) return value;  // NULL_IF = () is valid Snowflake
    while (true) {
      INLET_ASSIGN_OR_RETURN(OptionValue item, ParseOptionValue());
      value.items.push_back(std::move(item));
      if (MatchOperator(")")) break;
      // Items, like options, may be separated by whitespace alone.
      if (!MatchOperator(",") && !PeekOptionValueStart()) return ErrorExpected("',' or ')'");
    }
  } else {
    return ErrorExpected("option value");
  }
  return value;
}

}  // namespace inlet::sql

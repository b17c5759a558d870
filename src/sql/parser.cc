#include "sql/parser.h"

#include <charconv>

#include "common/string_util.h"
#include "sql/parser_impl.h"

namespace inlet::sql {
namespace {

constexpr size_t kMaxTokenTextInMessage = 40;

// How a token is named in "but found ...": words and symbols in double quotes, strings and
// quoted identifiers with their own quotes; long ones cut short.
std::string DescribeToken(const Token& token) {
  std::string text = token.text;
  if (text.size() > kMaxTokenTextInMessage) text = text.substr(0, kMaxTokenTextInMessage) + "...";
  switch (token.type) {
    case TokenType::kString:
      return "string " + text;
    case TokenType::kQuotedIdentifier:
      return text;
    default:
      return "\"" + text + "\"";
  }
}

}  // namespace

// ----- token helpers ----------------------------------------------------------------------------

const Token& Parser::Peek(size_t ahead) const {
  size_t at = pos_ + ahead;
  return at < tokens_.size() ? tokens_[at] : tokens_.back();
}

const Token& Parser::Advance() {
  const Token& token = tokens_[pos_];
  if (pos_ + 1 < tokens_.size()) ++pos_;  // the kEnd token is never consumed
  return token;
}

bool Parser::MatchWord(std::string_view word) {
  if (!PeekWord(word)) return false;
  Advance();
  return true;
}

Status Parser::ExpectWord(std::string_view word) {
  if (MatchWord(word)) return Status::OK();
  return ErrorExpected(AsciiToUpper(word));
}

bool Parser::MatchOperator(std::string_view op) {
  if (!PeekOperator(op)) return false;
  Advance();
  return true;
}

Status Parser::ExpectOperator(std::string_view op) {
  if (MatchOperator(op)) return Status::OK();
  return ErrorExpected("'" + std::string(op) + "'");
}

bool Parser::AtStatementEnd() const { return Peek().type == TokenType::kEnd || PeekOperator(";"); }

Status Parser::ErrorExpected(std::string_view what) const {
  const Token& found = Peek();
  if (found.type == TokenType::kEnd) {
    return SyntaxError(found.position, "unexpected end of input, expected " + std::string(what));
  }
  return SyntaxError(found.position,
                     "expected " + std::string(what) + " but found " + DescribeToken(found));
}

Result<Identifier> Parser::ParseIdentifier(std::string_view what) {
  const Token& token = Peek();
  Identifier id;
  id.position = token.position;
  if (token.type == TokenType::kIdentifier) {
    id.text = token.text;
    id.normalized = token.value;
  } else if (token.type == TokenType::kQuotedIdentifier) {
    id.text = token.value;
    id.normalized = token.value;
    id.quoted = true;
  } else {
    return ErrorExpected(what);
  }
  Advance();
  return id;
}

Result<Name> Parser::ParseName(std::string_view what) {
  Name name;
  name.position = Peek().position;
  do {
    INLET_ASSIGN_OR_RETURN(Identifier part, ParseIdentifier(what));
    name.parts.push_back(std::move(part));
  } while (MatchOperator("."));
  return name;
}

Result<StringLiteral> Parser::ParseStringLiteral(std::string_view what) {
  const Token& token = Peek();
  if (token.type != TokenType::kString) return ErrorExpected(what);
  StringLiteral literal{token.value, token.position};
  Advance();
  return literal;
}

// ----- entry points ---------------------------------------------------------------------------

Result<std::vector<StatementPtr>> Parser::ParseScript() {
  std::vector<StatementPtr> statements;
  while (true) {
    while (MatchOperator(";")) {
    }
    if (Peek().type == TokenType::kEnd) break;
    INLET_ASSIGN_OR_RETURN(StatementPtr statement, ParseStatement());
    statements.push_back(std::move(statement));
  }
  return statements;
}

Result<StatementPtr> Parser::ParseSingleStatement() {
  INLET_ASSIGN_OR_RETURN(StatementPtr statement, ParseStatement());
  MatchOperator(";");
  if (Peek().type != TokenType::kEnd) return ErrorExpected("end of input");
  return statement;
}

Result<ExpressionPtr> Parser::ParseSingleExpression() {
  INLET_ASSIGN_OR_RETURN(ExpressionPtr expression, ParseExpression());
  if (Peek().type != TokenType::kEnd) return ErrorExpected("end of input");
  return expression;
}

Result<StatementPtr> Parser::ParseStatement() {
  INLET_ASSIGN_OR_RETURN(StatementPtr statement, ParseStatementBody());
  if (!AtStatementEnd()) return ErrorExpected("end of statement");
  return statement;
}

Result<StatementPtr> Parser::ParseStatementBody() {
  if (PeekWord("select")) return ParseSelect();
  if (PeekWord("copy")) return ParseCopyInto();
  if (PeekWord("create")) return ParseCreateTable();
  if (PeekWord("open")) return ParseOpenDeltaTable();
  if (PeekWord("drop")) return ParseDropTable();
  if (PeekWord("alter")) return ParseAlterTable();
  if (PeekWord("show")) return ParseShow();
  if (PeekWord("describe")) return ParseDescribe();
  if (PeekWord("vacuum")) return ParseVacuum();
  if (PeekWord("set")) return ParseSet();
  if (PeekWord("reset")) return ParseReset();
  return ErrorExpected(
      "SELECT, COPY, CREATE, OPEN, DROP, ALTER, SHOW, DESCRIBE, VACUUM, SET or RESET");
}

// ----- DDL --------------------------------------------------------------------------------------

Result<StatementPtr> Parser::ParseCreateTable() {
  auto create = std::make_unique<CreateTableStatement>();
  create->position = Advance().position;  // CREATE
  create->delta = MatchWord("delta");
  INLET_RETURN_NOT_OK(ExpectWord("table"));
  if (MatchWord("if")) {
    INLET_RETURN_NOT_OK(ExpectWord("not"));
    INLET_RETURN_NOT_OK(ExpectWord("exists"));
    create->if_not_exists = true;
  }
  INLET_ASSIGN_OR_RETURN(create->table, ParseName("table name"));
  if (MatchOperator("(")) {
    do {
      INLET_ASSIGN_OR_RETURN(ColumnDefinition column, ParseColumnDefinition());
      create->columns.push_back(std::move(column));
    } while (MatchOperator(","));
    if (!MatchOperator(")")) return ErrorExpected("',' or ')'");
  } else if (!PeekWord("location") && !PeekWord("tblproperties") && !PeekWord("partitioned")) {
    // Without a column list the schema can only come from a Delta table at LOCATION (the binder
    // explains why TBLPROPERTIES alone is not enough).
    return ErrorExpected("'(' or LOCATION");
  }
  // PARTITIONED BY, LOCATION and TBLPROPERTIES come in any order, as Databricks takes them.
  while (true) {
    SourcePosition at = Peek().position;
    if (MatchWord("partitioned")) {
      if (!create->partition_columns.empty()) return SyntaxError(at, "duplicate PARTITIONED BY");
      INLET_RETURN_NOT_OK(ExpectWord("by"));
      INLET_RETURN_NOT_OK(ExpectOperator("("));
      do {
        INLET_ASSIGN_OR_RETURN(Identifier column, ParseIdentifier("partition column name"));
        create->partition_columns.push_back(std::move(column));
      } while (MatchOperator(","));
      if (!MatchOperator(")")) return ErrorExpected("',' or ')'");
    } else if (MatchWord("location")) {
      if (create->location) return SyntaxError(at, "duplicate LOCATION");
      INLET_ASSIGN_OR_RETURN(create->location, ParseStringLiteral("location string"));
    } else if (MatchWord("tblproperties")) {
      if (!create->properties.empty()) return SyntaxError(at, "duplicate TBLPROPERTIES");
      INLET_ASSIGN_OR_RETURN(create->properties, ParseTableProperties());
    } else {
      break;
    }
  }
  return StatementPtr(std::move(create));
}

// ('key' = 'value', ...): Spark's property list, where '=' may be left out.
Result<std::vector<TableProperty>> Parser::ParseTableProperties() {
  INLET_RETURN_NOT_OK(ExpectOperator("("));
  std::vector<TableProperty> properties;
  do {
    TableProperty property;
    INLET_ASSIGN_OR_RETURN(property.key, ParsePropertyKey());
    MatchOperator("=");
    INLET_ASSIGN_OR_RETURN(property.value, ParsePropertyValue());
    properties.push_back(std::move(property));
  } while (MatchOperator(","));
  if (!MatchOperator(")")) return ErrorExpected("',' or ')'");
  return properties;
}

Result<std::vector<StringLiteral>> Parser::ParsePropertyKeys() {
  INLET_RETURN_NOT_OK(ExpectOperator("("));
  std::vector<StringLiteral> keys;
  do {
    INLET_ASSIGN_OR_RETURN(StringLiteral key, ParsePropertyKey());
    keys.push_back(std::move(key));
  } while (MatchOperator(","));
  if (!MatchOperator(")")) return ErrorExpected("',' or ')'");
  return keys;
}

// A string, or words joined by dots as written: delta.appendOnly keeps its case, since keys of
// other engines are stored exactly as given.
Result<StringLiteral> Parser::ParsePropertyKey() {
  if (Peek().type == TokenType::kString) return ParseStringLiteral("property key");
  StringLiteral key;
  key.position = Peek().position;
  while (true) {
    const Token& part = Peek();
    if (part.type == TokenType::kIdentifier || part.type == TokenType::kKeyword) {
      key.value += part.text;
    } else if (part.type == TokenType::kQuotedIdentifier) {
      key.value += part.value;
    } else {
      return ErrorExpected("property key");
    }
    Advance();
    if (!MatchOperator(".")) break;
    key.value += ".";
  }
  return key;
}

Result<StringLiteral> Parser::ParsePropertyValue() {
  const Token& token = Peek();
  StringLiteral value;
  value.position = token.position;
  if (token.type == TokenType::kString) {
    value.value = token.value;
  } else if (token.type == TokenType::kNumber) {
    value.value = token.text;
  } else if (token.IsOperator("-") && Peek(1).type == TokenType::kNumber) {
    Advance();
    value.value = "-" + Peek().text;
  } else if (token.IsWord("true") || token.IsWord("false")) {
    value.value = token.value;
  } else {
    return ErrorExpected("property value (a string, number, TRUE or FALSE)");
  }
  Advance();
  return value;
}

Result<ColumnDefinition> Parser::ParseColumnDefinition() {
  ColumnDefinition column;
  column.position = Peek().position;
  INLET_ASSIGN_OR_RETURN(column.name, ParseIdentifier("column name"));
  INLET_ASSIGN_OR_RETURN(column.type, ParseTypeName());
  bool saw_null = false;
  bool saw_not_null = false;
  while (true) {
    SourcePosition at = Peek().position;
    if (PeekWord("not") && PeekWord("null", 1)) {
      Advance();
      Advance();
      if (saw_null) return SyntaxError(at, "column cannot be both NULL and NOT NULL");
      saw_not_null = true;
    } else if (MatchWord("null")) {
      if (saw_not_null) return SyntaxError(at, "column cannot be both NULL and NOT NULL");
      saw_null = true;
    } else if (MatchWord("default")) {
      if (column.default_value) return SyntaxError(at, "duplicate DEFAULT");
      // Unary level: DEFAULT -1 and DEFAULT 'x'::DATE work, while NOT NULL after it stays a
      // constraint.
      INLET_ASSIGN_OR_RETURN(column.default_value, ParseUnaryMinus());
    } else {
      break;
    }
  }
  column.not_null = saw_not_null;
  return column;
}

Result<StatementPtr> Parser::ParseOpenDeltaTable() {
  auto open = std::make_unique<OpenDeltaTableStatement>();
  open->position = Advance().position;  // OPEN
  INLET_RETURN_NOT_OK(ExpectWord("delta"));
  INLET_RETURN_NOT_OK(ExpectWord("table"));
  INLET_ASSIGN_OR_RETURN(open->table, ParseName("table name"));
  INLET_RETURN_NOT_OK(ExpectWord("location"));
  INLET_ASSIGN_OR_RETURN(open->location, ParseStringLiteral("location string"));
  return StatementPtr(std::move(open));
}

Result<StatementPtr> Parser::ParseDropTable() {
  auto drop = std::make_unique<DropTableStatement>();
  drop->position = Advance().position;  // DROP
  INLET_RETURN_NOT_OK(ExpectWord("table"));
  if (MatchWord("if")) {
    INLET_RETURN_NOT_OK(ExpectWord("exists"));
    drop->if_exists = true;
  }
  INLET_ASSIGN_OR_RETURN(drop->table, ParseName("table name"));
  return StatementPtr(std::move(drop));
}

namespace {

// The text of tokens [begin, end) as written, with one space wherever the source had whitespace
// or a comment between two of them.
std::string TokensText(const std::vector<Token>& tokens, size_t begin, size_t end) {
  std::string text;
  for (size_t i = begin; i < end; ++i) {
    if (i > begin &&
        tokens[i].position.offset > tokens[i - 1].position.offset + tokens[i - 1].text.size()) {
      text += ' ';
    }
    text += tokens[i].text;
  }
  return text;
}

}  // namespace

Result<StatementPtr> Parser::ParseAlterTable() {
  auto alter = std::make_unique<AlterTableStatement>();
  alter->position = Advance().position;  // ALTER
  INLET_RETURN_NOT_OK(ExpectWord("table"));
  INLET_ASSIGN_OR_RETURN(alter->table, ParseName("table name"));
  if (MatchWord("set")) {
    INLET_RETURN_NOT_OK(ExpectWord("tblproperties"));
    INLET_ASSIGN_OR_RETURN(alter->properties, ParseTableProperties());
  } else if (MatchWord("unset")) {
    alter->action = AlterTableStatement::Action::kUnsetProperties;
    INLET_RETURN_NOT_OK(ExpectWord("tblproperties"));
    if (MatchWord("if")) {
      INLET_RETURN_NOT_OK(ExpectWord("exists"));
      alter->if_exists = true;
    }
    INLET_ASSIGN_OR_RETURN(alter->keys, ParsePropertyKeys());
  } else if (MatchWord("add")) {
    alter->action = AlterTableStatement::Action::kAddConstraint;
    INLET_RETURN_NOT_OK(ExpectWord("constraint"));
    INLET_ASSIGN_OR_RETURN(alter->constraint, ParseIdentifier("constraint name"));
    INLET_RETURN_NOT_OK(ExpectWord("check"));
    INLET_RETURN_NOT_OK(ExpectOperator("("));
    size_t first = pos_;
    INLET_ASSIGN_OR_RETURN(alter->check, ParseExpression());
    alter->check_text = TokensText(tokens_, first, pos_);
    INLET_RETURN_NOT_OK(ExpectOperator(")"));
  } else if (MatchWord("drop")) {
    alter->action = AlterTableStatement::Action::kDropConstraint;
    INLET_RETURN_NOT_OK(ExpectWord("constraint"));
    if (MatchWord("if")) {
      INLET_RETURN_NOT_OK(ExpectWord("exists"));
      alter->if_exists = true;
    }
    INLET_ASSIGN_OR_RETURN(alter->constraint, ParseIdentifier("constraint name"));
  } else {
    return ErrorExpected("SET, UNSET, ADD CONSTRAINT or DROP CONSTRAINT");
  }
  return StatementPtr(std::move(alter));
}

Result<StatementPtr> Parser::ParseShow() {
  SourcePosition position = Advance().position;  // SHOW
  if (MatchWord("tables")) {
    auto show = std::make_unique<ShowTablesStatement>();
    show->position = position;
    return StatementPtr(std::move(show));
  }
  if (MatchWord("tblproperties")) {
    auto show = std::make_unique<ShowTablePropertiesStatement>();
    show->position = position;
    INLET_ASSIGN_OR_RETURN(show->table, ParseName("table name"));
    if (MatchOperator("(")) {
      INLET_ASSIGN_OR_RETURN(show->key, ParsePropertyKey());
      INLET_RETURN_NOT_OK(ExpectOperator(")"));
    }
    return StatementPtr(std::move(show));
  }
  auto show = std::make_unique<ShowSettingStatement>();
  show->position = position;
  if (MatchWord("all")) return StatementPtr(std::move(show));
  if (Peek().type != TokenType::kIdentifier && Peek().type != TokenType::kQuotedIdentifier) {
    return ErrorExpected("TABLES, TBLPROPERTIES, ALL or a setting name");
  }
  INLET_ASSIGN_OR_RETURN(show->name, ParseIdentifier("setting name"));
  return StatementPtr(std::move(show));
}

// SET name { = | TO } value, as PostgreSQL and DuckDB write it. The value is a string, a number
// or a bare word (SET progress = off); which values a setting takes is the session's check.
Result<StatementPtr> Parser::ParseSet() {
  auto set = std::make_unique<SetStatement>();
  set->position = Advance().position;  // SET
  INLET_ASSIGN_OR_RETURN(set->name, ParseIdentifier("setting name"));
  if (!MatchOperator("=") && !MatchWord("to")) return ErrorExpected("'=' or TO");
  const Token& token = Peek();
  set->value_position = token.position;
  if (token.type == TokenType::kString) {
    set->value = token.value;
    set->value_is_string = true;
  } else if (token.type == TokenType::kNumber) {
    set->value = token.text;
  } else if (token.IsOperator("-") && Peek(1).type == TokenType::kNumber) {
    Advance();
    set->value = "-" + Peek().text;
  } else if (token.type == TokenType::kIdentifier || token.type == TokenType::kKeyword) {
    set->value = token.text;
  } else {
    return ErrorExpected("a setting value (a string, number or word)");
  }
  Advance();
  return StatementPtr(std::move(set));
}

// RESET name | RESET ALL
Result<StatementPtr> Parser::ParseReset() {
  auto reset = std::make_unique<ResetStatement>();
  reset->position = Advance().position;  // RESET
  if (MatchWord("all")) return StatementPtr(std::move(reset));
  if (Peek().type != TokenType::kIdentifier && Peek().type != TokenType::kQuotedIdentifier) {
    return ErrorExpected("ALL or a setting name");
  }
  INLET_ASSIGN_OR_RETURN(reset->name, ParseIdentifier("setting name"));
  return StatementPtr(std::move(reset));
}

Result<StatementPtr> Parser::ParseDescribe() {
  SourcePosition position = Advance().position;  // DESCRIBE
  // HISTORY followed by a name; a table called history is still DESCRIBE history.
  if (PeekWord("history") && (Peek(1).type == TokenType::kIdentifier ||
                              Peek(1).type == TokenType::kQuotedIdentifier)) {
    Advance();
    auto history = std::make_unique<DescribeHistoryStatement>();
    history->position = position;
    INLET_ASSIGN_OR_RETURN(history->table, ParseName("table name"));
    if (MatchWord("limit")) {
      INLET_ASSIGN_OR_RETURN(history->limit, ParseRowCount("LIMIT"));
    }
    return StatementPtr(std::move(history));
  }
  auto describe = std::make_unique<DescribeStatement>();
  describe->position = position;
  MatchWord("table");
  INLET_ASSIGN_OR_RETURN(describe->table, ParseName("table name"));
  return StatementPtr(std::move(describe));
}

// VACUUM name [RETAIN n HOURS] [DRY RUN], as Databricks writes it.
Result<StatementPtr> Parser::ParseVacuum() {
  auto vacuum = std::make_unique<VacuumStatement>();
  vacuum->position = Advance().position;  // VACUUM
  INLET_ASSIGN_OR_RETURN(vacuum->table, ParseName("table name"));
  if (MatchWord("retain")) {
    vacuum->retain_position = Peek().position;
    if (Peek().type != TokenType::kNumber) return ErrorExpected("a number of hours after RETAIN");
    vacuum->retain_hours = Advance().text;
    INLET_RETURN_NOT_OK(ExpectWord("hours"));
  }
  if (MatchWord("dry")) {
    INLET_RETURN_NOT_OK(ExpectWord("run"));
    vacuum->dry_run = true;
  }
  return StatementPtr(std::move(vacuum));
}

// ----- SELECT -----------------------------------------------------------------------------------

Result<StatementPtr> Parser::ParseSelect() {
  auto select = std::make_unique<SelectStatement>();
  select->position = Advance().position;  // SELECT
  select->distinct = MatchWord("distinct");
  do {
    INLET_ASSIGN_OR_RETURN(SelectItem item, ParseSelectItem());
    select->items.push_back(std::move(item));
  } while (MatchOperator(","));
  if (MatchWord("from")) {
    INLET_ASSIGN_OR_RETURN(select->from, ParseTableRef());
  }
  if (MatchWord("where")) {
    INLET_ASSIGN_OR_RETURN(select->where, ParseExpression());
  }
  if (MatchWord("group")) {
    INLET_RETURN_NOT_OK(ExpectWord("by"));
    INLET_ASSIGN_OR_RETURN(select->group_by, ParseExpressionList());
  }
  if (MatchWord("having")) {
    INLET_ASSIGN_OR_RETURN(select->having, ParseExpression());
  }
  if (MatchWord("order")) {
    INLET_RETURN_NOT_OK(ExpectWord("by"));
    do {
      INLET_ASSIGN_OR_RETURN(OrderByItem item, ParseOrderByItem());
      select->order_by.push_back(std::move(item));
    } while (MatchOperator(","));
  }
  if (MatchWord("limit")) {
    INLET_ASSIGN_OR_RETURN(select->limit, ParseRowCount("LIMIT"));
  }
  if (MatchWord("offset")) {
    INLET_ASSIGN_OR_RETURN(select->offset, ParseRowCount("OFFSET"));
  }
  return StatementPtr(std::move(select));
}

Result<SelectItem> Parser::ParseSelectItem() {
  SelectItem item;
  // `*` or `a.b.*`: look past identifier-dot pairs for the star before committing.
  size_t ahead = 0;
  while ((Peek(ahead).type == TokenType::kIdentifier ||
          Peek(ahead).type == TokenType::kQuotedIdentifier) &&
         PeekOperator(".", ahead + 1)) {
    ahead += 2;
  }
  if (PeekOperator("*", ahead)) {
    auto star = std::make_unique<StarExpression>();
    star->position = Peek().position;
    if (ahead > 0) {
      star->qualifier.position = Peek().position;
      for (size_t i = 0; i < ahead; i += 2) {
        INLET_ASSIGN_OR_RETURN(Identifier part, ParseIdentifier("name"));
        star->qualifier.parts.push_back(std::move(part));
        Advance();  // '.'
      }
    }
    Advance();  // '*'
    item.expression = std::move(star);
    return item;
  }
  INLET_ASSIGN_OR_RETURN(item.expression, ParseExpression());
  INLET_ASSIGN_OR_RETURN(item.alias, ParseOptionalAlias());
  return item;
}

Result<std::optional<Identifier>> Parser::ParseOptionalAlias() {
  if (MatchWord("as")) {
    INLET_ASSIGN_OR_RETURN(Identifier alias, ParseIdentifier("alias"));
    return std::optional<Identifier>(std::move(alias));
  }
  // A bare alias cannot be a reserved word, which is what keeps FROM, WHERE, ... clauses apart.
  TokenType type = Peek().type;
  if (type == TokenType::kIdentifier || type == TokenType::kQuotedIdentifier) {
    INLET_ASSIGN_OR_RETURN(Identifier alias, ParseIdentifier("alias"));
    return std::optional<Identifier>(std::move(alias));
  }
  return std::optional<Identifier>();
}

Result<TableRef> Parser::ParseTableRef() {
  TableRef ref;
  ref.position = Peek().position;
  // Snowflake wraps a table function in TABLE(...): FROM TABLE(validate(t, job_id => '_last')).
  const bool wrapped = PeekWord("table") && PeekOperator("(", 1);
  if (wrapped) {
    Advance();
    Advance();
  }
  INLET_ASSIGN_OR_RETURN(ref.name, ParseName("table name"));
  if (wrapped && !PeekOperator("(")) return ErrorExpected("'(' of a table function call");
  if (MatchOperator("(")) {
    ref.kind = TableRef::Kind::kFunction;
    if (!MatchOperator(")")) {
      INLET_RETURN_NOT_OK(ParseTableFunctionArguments(&ref));
      INLET_RETURN_NOT_OK(ExpectOperator(")"));
    }
    if (wrapped) INLET_RETURN_NOT_OK(ExpectOperator(")"));
  } else if ((PeekWord("version") || PeekWord("timestamp")) && PeekWord("as", 1) &&
             PeekWord("of", 2)) {
    INLET_ASSIGN_OR_RETURN(ref.time_travel, ParseTimeTravel());
  }
  INLET_ASSIGN_OR_RETURN(ref.alias, ParseOptionalAlias());
  return ref;
}

// Positional arguments, then `name => value` ones.
Status Parser::ParseTableFunctionArguments(TableRef* ref) {
  do {
    const bool named = (Peek().type == TokenType::kIdentifier ||
                        Peek().type == TokenType::kQuotedIdentifier) &&
                       PeekOperator("=>", 1);
    if (named) {
      NamedArgument arg;
      INLET_ASSIGN_OR_RETURN(arg.name, ParseIdentifier("argument name"));
      Advance();  // =>
      INLET_ASSIGN_OR_RETURN(arg.value, ParseExpression());
      ref->named_args.push_back(std::move(arg));
    } else if (!ref->named_args.empty()) {
      return ErrorExpected("a named argument (name => value) after a named argument");
    } else {
      INLET_ASSIGN_OR_RETURN(ExpressionPtr arg, ParseExpression());
      ref->args.push_back(std::move(arg));
    }
  } while (MatchOperator(","));
  return Status::OK();
}

// VERSION AS OF n | TIMESTAMP AS OF 'text'. A negative version parses, so that the error
// says what is wrong with it rather than with the syntax.
Result<TimeTravel> Parser::ParseTimeTravel() {
  TimeTravel travel;
  travel.position = Peek().position;
  bool by_version = PeekWord("version");
  Advance();  // VERSION or TIMESTAMP
  Advance();  // AS
  Advance();  // OF
  if (!by_version) {
    travel.kind = TimeTravel::Kind::kTimestamp;
    INLET_ASSIGN_OR_RETURN(StringLiteral text, ParseStringLiteral("a timestamp string"));
    travel.timestamp = std::move(text.value);
    return travel;
  }
  bool negative = MatchOperator("-");
  INLET_ASSIGN_OR_RETURN(travel.version, ParseRowCount("VERSION AS OF"));
  if (negative) travel.version = -travel.version;
  return travel;
}

Result<OrderByItem> Parser::ParseOrderByItem() {
  OrderByItem item;
  INLET_ASSIGN_OR_RETURN(item.expression, ParseExpression());
  if (MatchWord("desc")) {
    item.descending = true;
  } else {
    MatchWord("asc");
  }
  if (MatchWord("nulls")) {
    if (MatchWord("first")) {
      item.nulls = OrderByItem::Nulls::kFirst;
    } else if (MatchWord("last")) {
      item.nulls = OrderByItem::Nulls::kLast;
    } else {
      return ErrorExpected("FIRST or LAST");
    }
  }
  return item;
}

Result<int64_t> Parser::ParseRowCount(std::string_view clause) {
  const Token& token = Peek();
  std::string what = "a row count after " + std::string(clause);
  if (token.type != TokenType::kNumber) return ErrorExpected(what);
  int64_t value = 0;
  const char* end = token.text.data() + token.text.size();
  auto [ptr, ec] = std::from_chars(token.text.data(), end, value);
  if (ec == std::errc::result_out_of_range) {
    return SyntaxError(token.position,
                       std::string(clause) + " value " + token.text + " is out of range");
  }
  if (ec != std::errc() || ptr != end) return ErrorExpected(what);
  Advance();
  return value;
}

// ----- public API ------------------------------------------------------------------------------

Result<std::vector<StatementPtr>> ParseScript(std::string_view sql) {
  INLET_ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(sql));
  return Parser(std::move(tokens)).ParseScript();
}

Result<StatementPtr> ParseStatement(std::string_view sql) {
  INLET_ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(sql));
  return Parser(std::move(tokens)).ParseSingleStatement();
}

Result<ExpressionPtr> ParseExpression(std::string_view sql) {
  INLET_ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(sql));
  return Parser(std::move(tokens)).ParseSingleExpression();
}

}  // namespace inlet::sql

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
  if (PeekWord("show")) return ParseShowTables();
  if (PeekWord("describe")) return ParseDescribe();
  return ErrorExpected("SELECT, COPY, CREATE, OPEN, DROP, SHOW or DESCRIBE");
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
  } else if (!PeekWord("location")) {
    // Without a column list the schema can only come from a Delta table at LOCATION.
    return ErrorExpected("'(' or LOCATION");
  }
  if (MatchWord("location")) {
    INLET_ASSIGN_OR_RETURN(create->location, ParseStringLiteral("location string"));
  }
  return StatementPtr(std::move(create));
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

Result<StatementPtr> Parser::ParseShowTables() {
  auto show = std::make_unique<ShowTablesStatement>();
  show->position = Advance().position;  // SHOW
  INLET_RETURN_NOT_OK(ExpectWord("tables"));
  return StatementPtr(std::move(show));
}

Result<StatementPtr> Parser::ParseDescribe() {
  auto describe = std::make_unique<DescribeStatement>();
  describe->position = Advance().position;  // DESCRIBE
  MatchWord("table");
  INLET_ASSIGN_OR_RETURN(describe->table, ParseName("table name"));
  return StatementPtr(std::move(describe));
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
  INLET_ASSIGN_OR_RETURN(ref.name, ParseName("table name"));
  if (MatchOperator("(")) {
    ref.kind = TableRef::Kind::kFunction;
    if (!MatchOperator(")")) {
      INLET_ASSIGN_OR_RETURN(ref.args, ParseExpressionList());
      INLET_RETURN_NOT_OK(ExpectOperator(")"));
    }
  }
  INLET_ASSIGN_OR_RETURN(ref.alias, ParseOptionalAlias());
  return ref;
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

// Expressions, loosest binding first: OR < AND < NOT < comparison (= <> != < <= > >=, IS [NOT]
// NULL, [NOT] BETWEEN, [NOT] IN, [NOT] LIKE/ILIKE) < || < + - < * / % < unary - < :: < primary.
// Each level is one function calling the next tighter one.

#include <charconv>

#include "common/string_util.h"
#include "sql/parser_impl.h"

namespace inlet::sql {
namespace {

ExpressionPtr MakeBinary(BinaryOperator op, ExpressionPtr left, ExpressionPtr right,
                         const SourcePosition& position) {
  auto binary = std::make_unique<BinaryExpression>();
  binary->position = position;
  binary->op = op;
  binary->left = std::move(left);
  binary->right = std::move(right);
  return binary;
}

// The operator the current token spells at one binary level, if any.
struct OperatorSpelling {
  std::string_view text;
  BinaryOperator op;
};

constexpr OperatorSpelling kComparisonOperators[] = {
    {"=", BinaryOperator::kEqual},         {"<>", BinaryOperator::kNotEqual},
    {"!=", BinaryOperator::kNotEqual},     {"<", BinaryOperator::kLess},
    {"<=", BinaryOperator::kLessEqual},    {">", BinaryOperator::kGreater},
    {">=", BinaryOperator::kGreaterEqual},
};
constexpr OperatorSpelling kAdditiveOperators[] = {
    {"+", BinaryOperator::kAdd},
    {"-", BinaryOperator::kSubtract},
};
constexpr OperatorSpelling kMultiplicativeOperators[] = {
    {"*", BinaryOperator::kMultiply},
    {"/", BinaryOperator::kDivide},
    {"%", BinaryOperator::kModulo},
};

template <size_t N>
const OperatorSpelling* FindOperator(const Token& token, const OperatorSpelling (&table)[N]) {
  for (const OperatorSpelling& spelling : table) {
    if (token.IsOperator(spelling.text)) return &spelling;
  }
  return nullptr;
}

LiteralKind NumberKind(const std::string& text) {
  if (text.find_first_of("eE") != std::string::npos) return LiteralKind::kDouble;
  if (text.find('.') != std::string::npos) return LiteralKind::kDecimal;
  return LiteralKind::kInteger;
}

bool IsNumber(const Expression& e) {
  if (e.kind != ExpressionKind::kLiteral) return false;
  LiteralKind kind = e.As<LiteralExpression>().literal_kind;
  return kind == LiteralKind::kInteger || kind == LiteralKind::kDecimal ||
         kind == LiteralKind::kDouble;
}

}  // namespace

Result<ExpressionPtr> Parser::ParseExpression() {
  NestingGuard guard(&depth_);
  if (guard.TooDeep()) {
    return SyntaxError(Peek().position, "expression nested too deeply");
  }
  return ParseOr();
}

Result<std::vector<ExpressionPtr>> Parser::ParseExpressionList() {
  std::vector<ExpressionPtr> list;
  do {
    INLET_ASSIGN_OR_RETURN(ExpressionPtr expression, ParseExpression());
    list.push_back(std::move(expression));
  } while (MatchOperator(","));
  return list;
}

Result<ExpressionPtr> Parser::ParseOr() {
  INLET_ASSIGN_OR_RETURN(ExpressionPtr left, ParseAnd());
  while (PeekWord("or")) {
    SourcePosition at = Advance().position;
    INLET_ASSIGN_OR_RETURN(ExpressionPtr right, ParseAnd());
    left = MakeBinary(BinaryOperator::kOr, std::move(left), std::move(right), at);
  }
  return left;
}

Result<ExpressionPtr> Parser::ParseAnd() {
  INLET_ASSIGN_OR_RETURN(ExpressionPtr left, ParseNot());
  while (PeekWord("and")) {
    SourcePosition at = Advance().position;
    INLET_ASSIGN_OR_RETURN(ExpressionPtr right, ParseNot());
    left = MakeBinary(BinaryOperator::kAnd, std::move(left), std::move(right), at);
  }
  return left;
}

Result<ExpressionPtr> Parser::ParseNot() {
  if (!PeekWord("not")) return ParseComparison();
  NestingGuard guard(&depth_);
  if (guard.TooDeep()) return SyntaxError(Peek().position, "expression nested too deeply");
  auto unary = std::make_unique<UnaryExpression>();
  unary->position = Advance().position;
  unary->op = UnaryOperator::kNot;
  INLET_ASSIGN_OR_RETURN(unary->operand, ParseNot());
  return ExpressionPtr(std::move(unary));
}

Result<ExpressionPtr> Parser::ParseComparison() {
  INLET_ASSIGN_OR_RETURN(ExpressionPtr left, ParseConcat());
  while (true) {
    SourcePosition at = Peek().position;
    if (const OperatorSpelling* spelling = FindOperator(Peek(), kComparisonOperators)) {
      Advance();
      INLET_ASSIGN_OR_RETURN(ExpressionPtr right, ParseConcat());
      left = MakeBinary(spelling->op, std::move(left), std::move(right), at);
      continue;
    }
    if (MatchWord("is")) {
      auto is_null = std::make_unique<IsNullExpression>();
      is_null->position = at;
      is_null->negated = MatchWord("not");
      INLET_RETURN_NOT_OK(ExpectWord("null"));
      is_null->operand = std::move(left);
      left = std::move(is_null);
      continue;
    }
    // NOT here only prefixes BETWEEN, IN, LIKE or ILIKE; anything else ends the expression.
    size_t ahead = PeekWord("not") ? 1 : 0;
    bool negated = ahead == 1;
    if (PeekWord("between", ahead)) {
      for (size_t i = 0; i <= ahead; ++i) Advance();
      auto between = std::make_unique<BetweenExpression>();
      between->position = at;
      between->negated = negated;
      between->operand = std::move(left);
      INLET_ASSIGN_OR_RETURN(between->low, ParseConcat());
      INLET_RETURN_NOT_OK(ExpectWord("and"));
      INLET_ASSIGN_OR_RETURN(between->high, ParseConcat());
      left = std::move(between);
    } else if (PeekWord("in", ahead)) {
      for (size_t i = 0; i <= ahead; ++i) Advance();
      auto in = std::make_unique<InListExpression>();
      in->position = at;
      in->negated = negated;
      in->operand = std::move(left);
      INLET_RETURN_NOT_OK(ExpectOperator("("));
      INLET_ASSIGN_OR_RETURN(in->list, ParseExpressionList());
      INLET_RETURN_NOT_OK(ExpectOperator(")"));
      left = std::move(in);
    } else if (PeekWord("like", ahead) || PeekWord("ilike", ahead)) {
      for (size_t i = 0; i < ahead; ++i) Advance();
      auto like = std::make_unique<LikeExpression>();
      like->position = at;
      like->negated = negated;
      like->case_insensitive = Advance().IsWord("ilike");
      like->operand = std::move(left);
      INLET_ASSIGN_OR_RETURN(like->pattern, ParseConcat());
      left = std::move(like);
    } else {
      break;
    }
  }
  return left;
}

Result<ExpressionPtr> Parser::ParseConcat() {
  INLET_ASSIGN_OR_RETURN(ExpressionPtr left, ParseAdditive());
  while (PeekOperator("||")) {
    SourcePosition at = Advance().position;
    INLET_ASSIGN_OR_RETURN(ExpressionPtr right, ParseAdditive());
    left = MakeBinary(BinaryOperator::kConcat, std::move(left), std::move(right), at);
  }
  return left;
}

Result<ExpressionPtr> Parser::ParseAdditive() {
  INLET_ASSIGN_OR_RETURN(ExpressionPtr left, ParseMultiplicative());
  while (const OperatorSpelling* spelling = FindOperator(Peek(), kAdditiveOperators)) {
    SourcePosition at = Advance().position;
    INLET_ASSIGN_OR_RETURN(ExpressionPtr right, ParseMultiplicative());
    left = MakeBinary(spelling->op, std::move(left), std::move(right), at);
  }
  return left;
}

Result<ExpressionPtr> Parser::ParseMultiplicative() {
  INLET_ASSIGN_OR_RETURN(ExpressionPtr left, ParseUnaryMinus());
  while (const OperatorSpelling* spelling = FindOperator(Peek(), kMultiplicativeOperators)) {
    SourcePosition at = Advance().position;
    INLET_ASSIGN_OR_RETURN(ExpressionPtr right, ParseUnaryMinus());
    left = MakeBinary(spelling->op, std::move(left), std::move(right), at);
  }
  return left;
}

Result<ExpressionPtr> Parser::ParseUnaryMinus() {
  if (!PeekOperator("-")) return ParseCast();
  NestingGuard guard(&depth_);
  if (guard.TooDeep()) return SyntaxError(Peek().position, "expression nested too deeply");
  SourcePosition at = Advance().position;
  INLET_ASSIGN_OR_RETURN(ExpressionPtr operand, ParseUnaryMinus());
  // Folding -5 into one literal lets the binder type -9223372036854775808 as a BIGINT.
  if (IsNumber(*operand)) {
    auto& literal = static_cast<LiteralExpression&>(*operand);
    if (literal.value[0] != '-') {
      literal.value.insert(0, "-");
      literal.position = at;
      return operand;
    }
  }
  auto unary = std::make_unique<UnaryExpression>();
  unary->position = at;
  unary->op = UnaryOperator::kNegate;
  unary->operand = std::move(operand);
  return ExpressionPtr(std::move(unary));
}

Result<ExpressionPtr> Parser::ParseCast() {
  INLET_ASSIGN_OR_RETURN(ExpressionPtr operand, ParsePrimary());
  while (PeekOperator("::")) {
    auto cast = std::make_unique<CastExpression>();
    cast->position = Advance().position;
    cast->double_colon = true;
    cast->operand = std::move(operand);
    INLET_ASSIGN_OR_RETURN(cast->type, ParseTypeName());
    operand = std::move(cast);
  }
  return operand;
}

Result<ExpressionPtr> Parser::ParsePrimary() {
  const Token& token = Peek();
  if (token.type == TokenType::kNumber || token.type == TokenType::kString) {
    auto literal = std::make_unique<LiteralExpression>();
    literal->position = token.position;
    literal->literal_kind =
        token.type == TokenType::kString ? LiteralKind::kString : NumberKind(token.text);
    literal->value = token.value;
    Advance();
    return ExpressionPtr(std::move(literal));
  }
  if (token.IsWord("true") || token.IsWord("false") || token.IsWord("null")) {
    auto literal = std::make_unique<LiteralExpression>();
    literal->position = token.position;
    literal->literal_kind = token.IsWord("null") ? LiteralKind::kNull : LiteralKind::kBoolean;
    if (!token.IsWord("null")) literal->value = token.value;
    Advance();
    return ExpressionPtr(std::move(literal));
  }
  // DATE 'x', TIMESTAMP 'x' and TIME 'x' are typed literals; DATE alone stays a column name.
  if ((token.IsWord("date") || token.IsWord("timestamp") || token.IsWord("time")) &&
      Peek(1).type == TokenType::kString) {
    auto literal = std::make_unique<LiteralExpression>();
    literal->position = token.position;
    literal->literal_kind = token.IsWord("date")        ? LiteralKind::kDate
                            : token.IsWord("timestamp") ? LiteralKind::kTimestamp
                                                        : LiteralKind::kTime;
    Advance();
    literal->value = Advance().value;
    return ExpressionPtr(std::move(literal));
  }
  if (token.IsWord("case")) return ParseCase();
  if (token.IsWord("cast")) return ParseCastCall();
  if (token.IsOperator("(")) {
    Advance();
    INLET_ASSIGN_OR_RETURN(ExpressionPtr inner, ParseExpression());
    INLET_RETURN_NOT_OK(ExpectOperator(")"));
    return inner;
  }
  if (token.type == TokenType::kIdentifier || token.type == TokenType::kQuotedIdentifier) {
    INLET_ASSIGN_OR_RETURN(Name name, ParseName("column name"));
    if (PeekOperator("(")) return ParseFunctionCall(std::move(name));
    auto column = std::make_unique<ColumnRefExpression>();
    column->position = name.position;
    column->name = std::move(name);
    return ExpressionPtr(std::move(column));
  }
  return ErrorExpected("expression");
}

Result<ExpressionPtr> Parser::ParseFunctionCall(Name name) {
  auto call = std::make_unique<FunctionCallExpression>();
  call->position = name.position;
  call->name = std::move(name);
  Advance();  // '('
  if (MatchOperator("*")) {
    call->star = true;
  } else if (!PeekOperator(")")) {
    call->distinct = MatchWord("distinct");
    INLET_ASSIGN_OR_RETURN(call->args, ParseExpressionList());
  }
  INLET_RETURN_NOT_OK(ExpectOperator(")"));
  return ExpressionPtr(std::move(call));
}

Result<ExpressionPtr> Parser::ParseCastCall() {
  auto cast = std::make_unique<CastExpression>();
  cast->position = Advance().position;  // CAST
  INLET_RETURN_NOT_OK(ExpectOperator("("));
  INLET_ASSIGN_OR_RETURN(cast->operand, ParseExpression());
  INLET_RETURN_NOT_OK(ExpectWord("as"));
  INLET_ASSIGN_OR_RETURN(cast->type, ParseTypeName());
  INLET_RETURN_NOT_OK(ExpectOperator(")"));
  return ExpressionPtr(std::move(cast));
}

Result<ExpressionPtr> Parser::ParseCase() {
  auto case_expression = std::make_unique<CaseExpression>();
  case_expression->position = Advance().position;  // CASE
  if (!PeekWord("when")) {
    INLET_ASSIGN_OR_RETURN(case_expression->operand, ParseExpression());
  }
  if (!PeekWord("when")) return ErrorExpected("WHEN");
  while (MatchWord("when")) {
    CaseExpression::When when;
    INLET_ASSIGN_OR_RETURN(when.condition, ParseExpression());
    INLET_RETURN_NOT_OK(ExpectWord("then"));
    INLET_ASSIGN_OR_RETURN(when.result, ParseExpression());
    case_expression->whens.push_back(std::move(when));
  }
  if (MatchWord("else")) {
    INLET_ASSIGN_OR_RETURN(case_expression->else_result, ParseExpression());
  }
  INLET_RETURN_NOT_OK(ExpectWord("end"));
  return ExpressionPtr(std::move(case_expression));
}

// ----- types ------------------------------------------------------------------------------------

// A type, nested types included: Databricks' STRUCT<a: INT, b STRING>, ARRAY<INT> and
// MAP<STRING, INT>, DuckDB's STRUCT(a INT), MAP(VARCHAR, INT) and INT[], and LIST<INT>; any of
// them inside another.
Result<TypeName> Parser::ParseTypeName() {
  NestingGuard guard(&depth_);
  if (guard.TooDeep()) return SyntaxError(Peek().position, "type nested too deeply");
  INLET_ASSIGN_OR_RETURN(TypeName type, ParseBaseTypeName());
  // Each [] makes a list of the type before it: INT[][] is ARRAY<ARRAY<INT>>.
  while (PeekOperator("[")) {
    Advance();
    if (!PeekOperator("]")) return ErrorExpected("']' (fixed-size arrays are not supported)");
    Advance();
    TypeName list;
    list.name = "ARRAY";
    list.position = type.position;
    TypeNameField element;
    element.position = type.position;
    element.type = std::move(type);
    list.children.push_back(std::move(element));
    type = std::move(list);
  }
  return type;
}

Result<TypeName> Parser::ParseBaseTypeName() {
  const Token& first = Peek();
  if (first.type != TokenType::kIdentifier) return ErrorExpected("type name");
  TypeName type;
  type.position = first.position;
  type.name = AsciiToUpper(first.value);
  Advance();
  if (type.name == "STRUCT" || type.name == "ROW") {
    type.name = "STRUCT";
    if (MatchOperator("<")) {
      INLET_RETURN_NOT_OK(ParseStructFields(&type, ">"));
    } else if (MatchOperator("(")) {
      INLET_RETURN_NOT_OK(ParseStructFields(&type, ")"));
    } else {
      return ErrorExpected("'<' or '('");
    }
    return type;
  }
  if (type.name == "ARRAY" || type.name == "LIST") {
    type.name = "ARRAY";
    INLET_RETURN_NOT_OK(ExpectOperator("<"));
    INLET_ASSIGN_OR_RETURN(TypeNameField element, ParseTypeArgument(/*allow_not_null=*/true));
    type.children.push_back(std::move(element));
    INLET_RETURN_NOT_OK(ExpectOperator(">"));
    return type;
  }
  if (type.name == "MAP") {
    std::string_view close;
    if (MatchOperator("<")) {
      close = ">";
    } else if (MatchOperator("(")) {
      close = ")";
    } else {
      return ErrorExpected("'<' or '('");
    }
    INLET_ASSIGN_OR_RETURN(TypeNameField key, ParseTypeArgument(/*allow_not_null=*/false));
    INLET_RETURN_NOT_OK(ExpectOperator(","));
    INLET_ASSIGN_OR_RETURN(TypeNameField value, ParseTypeArgument(/*allow_not_null=*/true));
    type.children.push_back(std::move(key));
    type.children.push_back(std::move(value));
    INLET_RETURN_NOT_OK(ExpectOperator(close));
    return type;
  }
  // The multi-word spellings SQL defines; the binder sees them as one name.
  if (type.name == "TIMESTAMP" && (PeekWord("with") || PeekWord("without"))) {
    type.name += PeekWord("with") ? " WITH" : " WITHOUT";
    Advance();
    INLET_RETURN_NOT_OK(ExpectWord("time"));
    INLET_RETURN_NOT_OK(ExpectWord("zone"));
    type.name += " TIME ZONE";
  } else if (type.name == "DOUBLE" && MatchWord("precision")) {
    type.name += " PRECISION";
  }
  if (MatchOperator("(")) {
    do {
      INLET_ASSIGN_OR_RETURN(int param, ParseTypeParameter());
      type.params.push_back(param);
    } while (MatchOperator(","));
    INLET_RETURN_NOT_OK(ExpectOperator(")"));
  }
  return type;
}

// Fields up to `close`: `name [:] type [NOT NULL]`, comma separated. A field name may be any
// word, reserved ones included (STRUCT<from: DATE, to: DATE>), or quoted.
Status Parser::ParseStructFields(TypeName* type, std::string_view close) {
  do {
    const Token& token = Peek();
    SourcePosition at = token.position;
    Identifier name;
    if (token.type == TokenType::kKeyword) {
      name.text = token.text;
      name.normalized = token.value;
      name.position = at;
      Advance();
    } else {
      INLET_ASSIGN_OR_RETURN(name, ParseIdentifier("field name"));
    }
    MatchOperator(":");
    INLET_ASSIGN_OR_RETURN(TypeNameField field, ParseTypeArgument(/*allow_not_null=*/true));
    field.name = std::move(name);
    field.position = at;
    type->children.push_back(std::move(field));
  } while (MatchOperator(","));
  if (!MatchOperator(close)) return ErrorExpected("',' or '" + std::string(close) + "'");
  return Status::OK();
}

// A type inside a nested type, with an optional NOT NULL where the child may be declared so.
Result<TypeNameField> Parser::ParseTypeArgument(bool allow_not_null) {
  TypeNameField field;
  field.position = Peek().position;
  INLET_ASSIGN_OR_RETURN(field.type, ParseTypeName());
  if (allow_not_null && PeekWord("not") && PeekWord("null", 1)) {
    Advance();
    Advance();
    field.not_null = true;
  }
  return field;
}

Result<int> Parser::ParseTypeParameter() {
  const Token& token = Peek();
  int value = 0;
  const char* end = token.text.data() + token.text.size();
  auto [ptr, ec] = std::from_chars(token.text.data(), end, value);
  if (token.type != TokenType::kNumber || ec != std::errc() || ptr != end) {
    return ErrorExpected("an integer type parameter");
  }
  Advance();
  return value;
}

}  // namespace inlet::sql

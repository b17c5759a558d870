#include <gtest/gtest.h>

#include "sql/parser.h"
#include "sql/parser_test_util.h"

namespace inlet::sql {
namespace {

ExpressionPtr MustParseExpression(std::string_view sql) {
  Result<ExpressionPtr> expression = ParseExpression(sql);
  EXPECT_TRUE(expression.ok()) << sql << "\n" << expression.status().ToString();
  return expression.ok() ? std::move(expression).ValueOrDie() : nullptr;
}

// The expression printed with every operator node parenthesized, to show the tree's shape.
std::string Shape(const Expression& e) {
  switch (e.kind) {
    case ExpressionKind::kUnary: {
      const auto& unary = e.As<UnaryExpression>();
      return std::string("(") + (unary.op == UnaryOperator::kNot ? "NOT " : "-") +
             Shape(*unary.operand) + ")";
    }
    case ExpressionKind::kBinary: {
      const auto& binary = e.As<BinaryExpression>();
      return "(" + Shape(*binary.left) + " " + BinaryOperatorToString(binary.op) + " " +
             Shape(*binary.right) + ")";
    }
    case ExpressionKind::kIsNull: {
      const auto& is_null = e.As<IsNullExpression>();
      return "(" + Shape(*is_null.operand) + (is_null.negated ? " IS NOT NULL)" : " IS NULL)");
    }
    case ExpressionKind::kBetween: {
      const auto& between = e.As<BetweenExpression>();
      return "(" + Shape(*between.operand) + " BETWEEN " + Shape(*between.low) + " AND " +
             Shape(*between.high) + ")";
    }
    case ExpressionKind::kLike: {
      const auto& like = e.As<LikeExpression>();
      return "(" + Shape(*like.operand) + " LIKE " + Shape(*like.pattern) + ")";
    }
    case ExpressionKind::kCast: {
      const auto& cast = e.As<CastExpression>();
      return "(" + Shape(*cast.operand) + "::" + cast.type.ToString() + ")";
    }
    default:
      return e.ToString();
  }
}

std::string ShapeOf(std::string_view sql) {
  ExpressionPtr expression = MustParseExpression(sql);
  return expression ? Shape(*expression) : "<error>";
}

std::string PrintedExpression(std::string_view sql) {
  ExpressionPtr expression = MustParseExpression(sql);
  if (!expression) return "<error>";
  std::string printed = expression->ToString();
  ExpressionPtr again = MustParseExpression(printed);
  EXPECT_TRUE(again && Shape(*again) == Shape(*expression)) << "does not round-trip: " << printed;
  return printed;
}

TEST(ParserSelectTest, Precedence) {
  EXPECT_EQ(ShapeOf("a OR b AND c"), "(a OR (b AND c))");
  EXPECT_EQ(ShapeOf("NOT a AND b"), "((NOT a) AND b)");
  EXPECT_EQ(ShapeOf("NOT a = b"), "(NOT (a = b))");
  EXPECT_EQ(ShapeOf("a = b || c"), "(a = (b || c))");
  EXPECT_EQ(ShapeOf("a || b + c"), "(a || (b + c))");
  EXPECT_EQ(ShapeOf("a + b * c - d"), "((a + (b * c)) - d)");
  EXPECT_EQ(ShapeOf("a - b - c"), "((a - b) - c)");
  EXPECT_EQ(ShapeOf("a / b % c"), "((a / b) % c)");
  EXPECT_EQ(ShapeOf("-a * b"), "((-a) * b)");
  EXPECT_EQ(ShapeOf("-a::int"), "(-(a::INT))");
  EXPECT_EQ(ShapeOf("a::int::text"), "((a::INT)::TEXT)");
  EXPECT_EQ(ShapeOf("(a OR b) AND c"), "((a OR b) AND c)");
  EXPECT_EQ(ShapeOf("a + 1 IS NOT NULL AND b"), "(((a + 1) IS NOT NULL) AND b)");
  EXPECT_EQ(ShapeOf("a BETWEEN 1 + 1 AND 3 OR c"), "((a BETWEEN (1 + 1) AND 3) OR c)");
  EXPECT_EQ(ShapeOf("a LIKE 'x' || '%' AND b"), "((a LIKE ('x' || '%')) AND b)");
  EXPECT_EQ(ShapeOf("a <> b"), "(a <> b)");
  EXPECT_EQ(ShapeOf("a != b"), "(a <> b)");
  EXPECT_EQ(ShapeOf("a <= b AND a >= c AND a < d AND a > e"),
            "((((a <= b) AND (a >= c)) AND (a < d)) AND (a > e))");
}

TEST(ParserSelectTest, Literals) {
  auto kind_of = [](std::string_view sql) {
    ExpressionPtr e = MustParseExpression(sql);
    return e && e->kind == ExpressionKind::kLiteral ? e->As<LiteralExpression>().literal_kind
                                                    : LiteralKind::kNull;
  };
  EXPECT_EQ(kind_of("42"), LiteralKind::kInteger);
  EXPECT_EQ(kind_of("4.2"), LiteralKind::kDecimal);
  EXPECT_EQ(kind_of("4e2"), LiteralKind::kDouble);
  EXPECT_EQ(kind_of("'x'"), LiteralKind::kString);
  EXPECT_EQ(kind_of("TRUE"), LiteralKind::kBoolean);
  EXPECT_EQ(kind_of("false"), LiteralKind::kBoolean);
  EXPECT_EQ(kind_of("DATE '2024-01-31'"), LiteralKind::kDate);
  EXPECT_EQ(kind_of("timestamp '2024-01-31 10:00:00'"), LiteralKind::kTimestamp);
  EXPECT_EQ(kind_of("time '10:00:00'"), LiteralKind::kTime);
  EXPECT_EQ(PrintedExpression("time '10:00'"), "TIME '10:00'");
  EXPECT_EQ(PrintedExpression("-9223372036854775808"), "-9223372036854775808");
  EXPECT_EQ(PrintedExpression("- -5"), "- -5");
  EXPECT_EQ(PrintedExpression("1 - -5"), "1 - -5");
  EXPECT_EQ(PrintedExpression("(-5)::int"), "(-5)::INT");
  EXPECT_EQ(PrintedExpression("'it''s'"), "'it''s'");
  EXPECT_EQ(PrintedExpression("null"), "NULL");
  EXPECT_EQ(PrintedExpression("date '2024-01-01'"), "DATE '2024-01-01'");
  // Without a string after it, DATE is a column name.
  ExpressionPtr column = MustParseExpression("date");
  ASSERT_NE(column, nullptr);
  EXPECT_EQ(column->kind, ExpressionKind::kColumnRef);
}

TEST(ParserSelectTest, PrintsMinimalParentheses) {
  EXPECT_EQ(PrintedExpression("(a + b) * c"), "(a + b) * c");
  EXPECT_EQ(PrintedExpression("a + (b * c)"), "a + b * c");
  EXPECT_EQ(PrintedExpression("a - (b - c)"), "a - (b - c)");
  EXPECT_EQ(PrintedExpression("NOT (a OR b)"), "NOT (a OR b)");
  EXPECT_EQ(PrintedExpression("(a = b) IS NULL"), "a = b IS NULL");
  EXPECT_EQ(PrintedExpression("(a + b)::VARCHAR"), "(a + b)::VARCHAR");
  EXPECT_EQ(PrintedExpression("x NOT BETWEEN (a OR b) AND c"), "x NOT BETWEEN (a OR b) AND c");
  EXPECT_EQ(PrintedExpression("x not in (1, 2 + 3)"), "x NOT IN (1, 2 + 3)");
  EXPECT_EQ(PrintedExpression("x NOT LIKE 'a%'"), "x NOT LIKE 'a%'");
  EXPECT_EQ(PrintedExpression("x ILIKE 'a%'"), "x ILIKE 'a%'");
  EXPECT_EQ(PrintedExpression("x IS NOT NULL"), "x IS NOT NULL");
}

TEST(ParserSelectTest, FunctionsCastsAndCase) {
  EXPECT_EQ(PrintedExpression("COUNT(*)"), "count(*)");
  EXPECT_EQ(PrintedExpression("Sum(Qty)"), "sum(Qty)");
  EXPECT_EQ(PrintedExpression("count(DISTINCT customer_id)"), "count(DISTINCT customer_id)");
  EXPECT_EQ(PrintedExpression("now()"), "now()");
  EXPECT_EQ(PrintedExpression("coalesce(a, 'x', NULL)"), "coalesce(a, 'x', NULL)");
  EXPECT_EQ(PrintedExpression("cast(qty AS decimal(10,2))"), "CAST(qty AS DECIMAL(10,2))");
  EXPECT_EQ(PrintedExpression("cast(ts as timestamp with time zone)"),
            "CAST(ts AS TIMESTAMP WITH TIME ZONE)");
  EXPECT_EQ(PrintedExpression("case when a > 1 then 'big' when a > 0 then 'small' else 'none' end"),
            "CASE WHEN a > 1 THEN 'big' WHEN a > 0 THEN 'small' ELSE 'none' END");
  EXPECT_EQ(PrintedExpression("CASE status WHEN 1 THEN 'on' END"),
            "CASE status WHEN 1 THEN 'on' END");
  EXPECT_EQ(PrintedExpression("o.qty * \"Unit Price\""), "o.qty * \"Unit Price\"");

  ExpressionPtr call = MustParseExpression("count(DISTINCT x)");
  ASSERT_NE(call, nullptr);
  const auto& function = call->As<FunctionCallExpression>();
  EXPECT_TRUE(function.distinct);
  EXPECT_FALSE(function.star);
  EXPECT_EQ(function.name.back().normalized, "count");
  ASSERT_EQ(function.args.size(), 1u);

  ExpressionPtr column = MustParseExpression("raw.orders.qty");
  ASSERT_NE(column, nullptr);
  EXPECT_EQ(column->As<ColumnRefExpression>().name.parts.size(), 3u);
}

TEST(ParserSelectTest, ExpressionPositions) {
  ExpressionPtr e = MustParseExpression("a +\n  b * c");
  ASSERT_NE(e, nullptr);
  const auto& add = e->As<BinaryExpression>();
  EXPECT_EQ(add.position.column, 3);  // operators sit at their operator token
  EXPECT_EQ(add.left->position.column, 1);
  const auto& mul = add.right->As<BinaryExpression>();
  EXPECT_EQ(mul.left->position.line, 2);
  EXPECT_EQ(mul.left->position.column, 3);
  EXPECT_EQ(mul.position.column, 5);
}

TEST(ParserSelectTest, FullSelect) {
  StatementPtr statement = MustParse(
      "SELECT DISTINCT o.region AS r, sum(qty) total, count(*)\n"
      "FROM sales.orders AS o\n"
      "WHERE o.qty > 0 AND o.region IS NOT NULL\n"
      "GROUP BY o.region, 2\n"
      "HAVING sum(qty) > 10\n"
      "ORDER BY 2 DESC NULLS LAST, r ASC, 3 NULLS FIRST\n"
      "LIMIT 10 OFFSET 5");
  ASSERT_NE(statement, nullptr);
  ASSERT_EQ(statement->kind, StatementKind::kSelect);
  const auto& select = statement->As<SelectStatement>();
  EXPECT_TRUE(select.distinct);
  ASSERT_EQ(select.items.size(), 3u);
  EXPECT_EQ(select.items[0].alias->normalized, "r");
  EXPECT_EQ(select.items[1].alias->normalized, "total");
  EXPECT_FALSE(select.items[2].alias.has_value());
  EXPECT_EQ(select.items[2].expression->ToString(), "count(*)");
  ASSERT_TRUE(select.from.has_value());
  EXPECT_EQ(select.from->kind, TableRef::Kind::kTable);
  EXPECT_EQ(select.from->name.ToString(), "sales.orders");
  EXPECT_EQ(select.from->alias->normalized, "o");
  ASSERT_NE(select.where, nullptr);
  EXPECT_EQ(select.group_by.size(), 2u);
  ASSERT_NE(select.having, nullptr);
  ASSERT_EQ(select.order_by.size(), 3u);
  EXPECT_TRUE(select.order_by[0].descending);
  EXPECT_EQ(select.order_by[0].nulls, OrderByItem::Nulls::kLast);
  EXPECT_FALSE(select.order_by[1].descending);
  EXPECT_EQ(select.order_by[1].nulls, OrderByItem::Nulls::kDefault);
  EXPECT_EQ(select.order_by[2].nulls, OrderByItem::Nulls::kFirst);
  EXPECT_EQ(select.limit, 10);
  EXPECT_EQ(select.offset, 5);
  EXPECT_EQ(Canonical(statement->ToString()),
            "SELECT DISTINCT o.region AS r, sum(qty) AS total, count(*) FROM sales.orders AS o "
            "WHERE o.qty > 0 AND o.region IS NOT NULL GROUP BY o.region, 2 HAVING sum(qty) > 10 "
            "ORDER BY 2 DESC NULLS LAST, r, 3 NULLS FIRST LIMIT 10 OFFSET 5");
}

TEST(ParserSelectTest, StarsAndSelectWithoutFrom) {
  EXPECT_EQ(Canonical("select * from t"), "SELECT * FROM t");
  EXPECT_EQ(Canonical("select t.*, u.v.* , x from t"), "SELECT t.*, u.v.*, x FROM t");
  EXPECT_EQ(Canonical("SELECT \"T\".* FROM \"T\""), "SELECT \"T\".* FROM \"T\"");
  StatementPtr statement = MustParse("SELECT 1+1");
  ASSERT_NE(statement, nullptr);
  const auto& select = statement->As<SelectStatement>();
  EXPECT_FALSE(select.from.has_value());
  EXPECT_EQ(select.items[0].expression->ToString(), "1 + 1");
  StatementPtr star = MustParse("SELECT x.* FROM x");
  ASSERT_NE(star, nullptr);
  const auto& star_expression =
      star->As<SelectStatement>().items[0].expression->As<StarExpression>();
  EXPECT_EQ(star_expression.qualifier.ToString(), "x");
  EXPECT_EQ(star_expression.position.column, 8);
}

TEST(ParserSelectTest, TableFunctionInFrom) {
  StatementPtr statement = MustParse("SELECT * FROM sniff('/data/orders.csv') s LIMIT 5");
  ASSERT_NE(statement, nullptr);
  const auto& select = statement->As<SelectStatement>();
  ASSERT_TRUE(select.from.has_value());
  EXPECT_EQ(select.from->kind, TableRef::Kind::kFunction);
  EXPECT_EQ(select.from->name.back().normalized, "sniff");
  ASSERT_EQ(select.from->args.size(), 1u);
  EXPECT_EQ(select.from->args[0]->As<LiteralExpression>().value, "/data/orders.csv");
  EXPECT_EQ(select.from->alias->normalized, "s");
  EXPECT_EQ(Canonical("select * from list_files()"), "SELECT * FROM list_files()");
}

TEST(ParserSelectTest, NamedArgumentsAndTableWrapper) {
  StatementPtr statement =
      MustParse("SELECT * FROM TABLE(validate(raw.orders, job_id=>'_last')) v");
  ASSERT_NE(statement, nullptr);
  const TableRef& from = *statement->As<SelectStatement>().from;
  EXPECT_EQ(from.kind, TableRef::Kind::kFunction);
  EXPECT_EQ(from.name.back().normalized, "validate");
  ASSERT_EQ(from.args.size(), 1u);
  EXPECT_EQ(from.args[0]->ToString(), "raw.orders");
  ASSERT_EQ(from.named_args.size(), 1u);
  EXPECT_EQ(from.named_args[0].name.normalized, "job_id");
  EXPECT_EQ(from.named_args[0].name.position.column, 42);
  EXPECT_EQ(from.named_args[0].value->As<LiteralExpression>().value, "_last");
  EXPECT_EQ(from.alias->normalized, "v");
  EXPECT_EQ(Canonical("select * from validate(t, JOB_ID => '42', \"X\" => 1 + 1)"),
            "SELECT * FROM validate(t, JOB_ID => '42', \"X\" => 1 + 1)");
  // `=>` is one token: `a >= b` and `a = b` read as before.
  EXPECT_EQ(Canonical("SELECT a FROM t WHERE a >= 1 AND b = 2"),
            "SELECT a FROM t WHERE a >= 1 AND b = 2");
}

TEST(ParserSelectTest, NamedArgumentErrors) {
  EXPECT_EQ(ParseErrorOf("SELECT * FROM validate(job_id => '1', t)"),
            "syntax error at line 1, column 39: expected a named argument (name => value) after "
            "a named argument but found \"t\"");
  EXPECT_EQ(ParseErrorOf("SELECT * FROM validate(t, job_id =>)"),
            "syntax error at line 1, column 36: expected expression but found \")\"");
  EXPECT_EQ(ParseErrorOf("SELECT * FROM TABLE(orders)"),
            "syntax error at line 1, column 27: expected '(' of a table function call but found "
            "\")\"");
  EXPECT_EQ(ParseErrorOf("SELECT * FROM TABLE(validate(t) v"),
            "syntax error at line 1, column 33: expected ')' but found \"v\"");
  EXPECT_EQ(ParseErrorOf("SELECT a => 1"),
            "syntax error at line 1, column 10: expected end of statement but found \"=>\"");
}

TEST(ParserSelectTest, ReservedWordsEndAliasesAndQuotedOnesDoNot) {
  EXPECT_EQ(Canonical("SELECT a \"from\" FROM t \"where\" WHERE b"),
            "SELECT a AS \"from\" FROM t AS \"where\" WHERE b");
  EXPECT_EQ(Canonical("SELECT location, type, date FROM files"),
            "SELECT location, type, date FROM files");
}

TEST(ParserSelectTest, Errors) {
  EXPECT_EQ(ParseErrorOf("SELECT"),
            "syntax error at line 1, column 7: unexpected end of input, expected expression");
  EXPECT_EQ(ParseErrorOf("SELECT a FROM t LIMIT x"),
            "syntax error at line 1, column 23: expected a row count after LIMIT but found \"x\"");
  EXPECT_EQ(
      ParseErrorOf("SELECT a FROM t LIMIT 1.5"),
      "syntax error at line 1, column 23: expected a row count after LIMIT but found \"1.5\"");
  EXPECT_EQ(ParseErrorOf("SELECT a FROM t OFFSET 99999999999999999999"),
            "syntax error at line 1, column 24: OFFSET value 99999999999999999999 is out of range");
  EXPECT_EQ(ParseErrorOf("SELECT a FROM t ORDER BY a NULLS"),
            "syntax error at line 1, column 33: unexpected end of input, expected FIRST or LAST");
  EXPECT_EQ(ParseErrorOf("SELECT a FROM t GROUP a"),
            "syntax error at line 1, column 23: expected BY but found \"a\"");
  EXPECT_EQ(ParseErrorOf("SELECT a IS 1"),
            "syntax error at line 1, column 13: expected NULL but found \"1\"");
  EXPECT_EQ(ParseErrorOf("SELECT a BETWEEN 1 OR 2"),
            "syntax error at line 1, column 20: expected AND but found \"OR\"");
  EXPECT_EQ(ParseErrorOf("SELECT a IN ()"),
            "syntax error at line 1, column 14: expected expression but found \")\"");
  EXPECT_EQ(ParseErrorOf("SELECT CASE END"),
            "syntax error at line 1, column 13: expected expression but found \"END\"");
  EXPECT_EQ(ParseErrorOf("SELECT CASE a END"),
            "syntax error at line 1, column 15: expected WHEN but found \"END\"");
  EXPECT_EQ(ParseErrorOf("SELECT CAST(a INT)"),
            "syntax error at line 1, column 15: expected AS but found \"INT\"");
  EXPECT_EQ(ParseErrorOf("SELECT a::'x'"),
            "syntax error at line 1, column 11: expected type name but found string 'x'");
  EXPECT_EQ(ParseErrorOf("SELECT $1"),
            "syntax error at line 1, column 8: expected expression but found \"$1\"");
  EXPECT_EQ(ParseErrorOf("SELECT a NOT b"),
            "syntax error at line 1, column 10: expected end of statement but found \"NOT\"");
  EXPECT_EQ(ParseErrorOf("SELECT t. FROM t"),
            "syntax error at line 1, column 11: expected column name but found \"FROM\"");
}

}  // namespace
}  // namespace inlet::sql

#include "sql/ast.h"

#include "common/string_util.h"
#include "sql/tokenizer.h"

namespace inlet::sql {
namespace {

// Binding strength of each expression level, loosest first, mirroring the parser; ToString puts
// parentheses around a child only when it binds looser than its place requires.
enum Precedence : int {
  kOrLevel = 1,
  kAndLevel,
  kNotLevel,
  kComparisonLevel,  // = <> < ..., IS NULL, BETWEEN, IN, LIKE
  kConcatLevel,
  kAdditiveLevel,
  kMultiplicativeLevel,
  kUnaryMinusLevel,
  kCastLevel,
  kPrimaryLevel,
};

int BinaryPrecedence(BinaryOperator op) {
  switch (op) {
    case BinaryOperator::kOr:
      return kOrLevel;
    case BinaryOperator::kAnd:
      return kAndLevel;
    case BinaryOperator::kEqual:
    case BinaryOperator::kNotEqual:
    case BinaryOperator::kLess:
    case BinaryOperator::kLessEqual:
    case BinaryOperator::kGreater:
    case BinaryOperator::kGreaterEqual:
      return kComparisonLevel;
    case BinaryOperator::kConcat:
      return kConcatLevel;
    case BinaryOperator::kAdd:
    case BinaryOperator::kSubtract:
      return kAdditiveLevel;
    case BinaryOperator::kMultiply:
    case BinaryOperator::kDivide:
    case BinaryOperator::kModulo:
      return kMultiplicativeLevel;
  }
  return kPrimaryLevel;
}

int PrecedenceOf(const Expression& e) {
  switch (e.kind) {
    case ExpressionKind::kLiteral: {
      // The parser folds -5 into one literal; printed, it reads back as a negation.
      const auto& literal = e.As<LiteralExpression>();
      bool number = literal.literal_kind == LiteralKind::kInteger ||
                    literal.literal_kind == LiteralKind::kDecimal ||
                    literal.literal_kind == LiteralKind::kDouble;
      bool negative_number = number && !literal.value.empty() && literal.value[0] == '-';
      return negative_number ? kUnaryMinusLevel : kPrimaryLevel;
    }
    case ExpressionKind::kUnary:
      return e.As<UnaryExpression>().op == UnaryOperator::kNot ? kNotLevel : kUnaryMinusLevel;
    case ExpressionKind::kBinary:
      return BinaryPrecedence(e.As<BinaryExpression>().op);
    case ExpressionKind::kIsNull:
    case ExpressionKind::kBetween:
    case ExpressionKind::kInList:
    case ExpressionKind::kLike:
      return kComparisonLevel;
    case ExpressionKind::kCast:
      return e.As<CastExpression>().double_colon ? kCastLevel : kPrimaryLevel;
    case ExpressionKind::kColumnRef:
    case ExpressionKind::kStar:
    case ExpressionKind::kFunctionCall:
    case ExpressionKind::kCase:
      return kPrimaryLevel;
  }
  return kPrimaryLevel;
}

// `e` as SQL, parenthesized when it binds looser than `min_level`.
std::string Child(const Expression& e, int min_level) {
  std::string text = e.ToString();
  return PrecedenceOf(e) < min_level ? "(" + text + ")" : text;
}

std::string JoinExpressions(const std::vector<ExpressionPtr>& list) {
  std::string out;
  for (size_t i = 0; i < list.size(); ++i) {
    if (i > 0) out += ", ";
    out += list[i]->ToString();
  }
  return out;
}

// A key that reads back as the same identifier is printed bare, any other one as a string.
std::string OptionKeyToString(const std::string& key_text) {
  bool plain = !key_text.empty() && !IsReservedKeyword(AsciiToLower(key_text));
  for (size_t i = 0; i < key_text.size() && plain; ++i) {
    unsigned char c = static_cast<unsigned char>(key_text[i]);
    // Bytes of UTF-8 sequences are word characters to the tokenizer, so such keys print bare.
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    plain = letter || (i > 0 && ((c >= '0' && c <= '9') || c == '$'));
  }
  return plain ? key_text : QuoteSqlString(key_text);
}

std::string JoinProperties(const std::vector<TableProperty>& properties) {
  std::string out;
  for (size_t i = 0; i < properties.size(); ++i) {
    if (i > 0) out += ", ";
    out += properties[i].ToString();
  }
  return out;
}

std::string JoinOptions(const std::vector<Option>& options) {
  std::string out;
  for (size_t i = 0; i < options.size(); ++i) {
    if (i > 0) out += ", ";
    out += options[i].ToString();
  }
  return out;
}

}  // namespace

std::string Identifier::ToString() const {
  if (!quoted) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string Name::ToString() const {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += ".";
    out += parts[i].ToString();
  }
  return out;
}

std::string TypeName::ToString() const {
  if (is_nested()) {
    std::string out = name + "<";
    for (size_t i = 0; i < children.size(); ++i) {
      const TypeNameField& child = children[i];
      if (i > 0) out += ", ";
      if (name == "STRUCT") out += child.name.ToString() + ": ";
      out += child.type.ToString();
      if (child.not_null) out += " NOT NULL";
    }
    return out + ">";
  }
  std::string out = name;
  if (params.empty()) return out;
  out += "(";
  for (size_t i = 0; i < params.size(); ++i) {
    if (i > 0) out += ",";
    out += std::to_string(params[i]);
  }
  return out + ")";
}

// ----- expressions ----------------------------------------------------------------------------

std::string LiteralExpression::ToString() const {
  switch (literal_kind) {
    case LiteralKind::kNull:
      return "NULL";
    case LiteralKind::kBoolean:
      return value == "true" ? "TRUE" : "FALSE";
    case LiteralKind::kInteger:
    case LiteralKind::kDecimal:
    case LiteralKind::kDouble:
      return value;
    case LiteralKind::kString:
      return QuoteSqlString(value);
    case LiteralKind::kDate:
      return "DATE " + QuoteSqlString(value);
    case LiteralKind::kTimestamp:
      return "TIMESTAMP " + QuoteSqlString(value);
    case LiteralKind::kTime:
      return "TIME " + QuoteSqlString(value);
  }
  return value;
}

std::string ColumnRefExpression::ToString() const { return name.ToString(); }

std::string StarExpression::ToString() const {
  return qualifier.parts.empty() ? "*" : qualifier.ToString() + ".*";
}

std::string FunctionCallExpression::ToString() const {
  std::string out;
  for (size_t i = 0; i < name.parts.size(); ++i) {
    if (i > 0) out += ".";
    const Identifier& part = name.parts[i];
    out += part.quoted ? part.ToString() : part.normalized;
  }
  out += "(";
  if (star) return out + "*)";
  if (distinct) out += "DISTINCT ";
  return out + JoinExpressions(args) + ")";
}

std::string UnaryExpression::ToString() const {
  if (op == UnaryOperator::kNot) return "NOT " + Child(*operand, kNotLevel);
  std::string inner = Child(*operand, kUnaryMinusLevel);
  // "--" would start a comment.
  return (!inner.empty() && inner[0] == '-' ? "- " : "-") + inner;
}

const char* BinaryOperatorToString(BinaryOperator op) {
  switch (op) {
    case BinaryOperator::kOr:
      return "OR";
    case BinaryOperator::kAnd:
      return "AND";
    case BinaryOperator::kEqual:
      return "=";
    case BinaryOperator::kNotEqual:
      return "<>";
    case BinaryOperator::kLess:
      return "<";
    case BinaryOperator::kLessEqual:
      return "<=";
    case BinaryOperator::kGreater:
      return ">";
    case BinaryOperator::kGreaterEqual:
      return ">=";
    case BinaryOperator::kConcat:
      return "||";
    case BinaryOperator::kAdd:
      return "+";
    case BinaryOperator::kSubtract:
      return "-";
    case BinaryOperator::kMultiply:
      return "*";
    case BinaryOperator::kDivide:
      return "/";
    case BinaryOperator::kModulo:
      return "%";
  }
  return "?";
}

std::string BinaryExpression::ToString() const {
  // Left-associative: a right operand at the same level needs parentheses, a - (b - c).
  int level = BinaryPrecedence(op);
  return Child(*left, level) + " " + BinaryOperatorToString(op) + " " + Child(*right, level + 1);
}

std::string IsNullExpression::ToString() const {
  return Child(*operand, kComparisonLevel) + (negated ? " IS NOT NULL" : " IS NULL");
}

std::string BetweenExpression::ToString() const {
  return Child(*operand, kComparisonLevel) + (negated ? " NOT BETWEEN " : " BETWEEN ") +
         Child(*low, kConcatLevel) + " AND " + Child(*high, kConcatLevel);
}

std::string InListExpression::ToString() const {
  return Child(*operand, kComparisonLevel) + (negated ? " NOT IN (" : " IN (") +
         JoinExpressions(list) + ")";
}

std::string LikeExpression::ToString() const {
  std::string op = case_insensitive ? "ILIKE " : "LIKE ";
  return Child(*operand, kComparisonLevel) + (negated ? " NOT " : " ") + op +
         Child(*pattern, kConcatLevel);
}

std::string CastExpression::ToString() const {
  if (double_colon) return Child(*operand, kCastLevel) + "::" + type.ToString();
  return "CAST(" + operand->ToString() + " AS " + type.ToString() + ")";
}

std::string CaseExpression::ToString() const {
  std::string out = "CASE";
  if (operand) out += " " + operand->ToString();
  for (const When& when : whens) {
    out += " WHEN " + when.condition->ToString() + " THEN " + when.result->ToString();
  }
  if (else_result) out += " ELSE " + else_result->ToString();
  return out + " END";
}

// ----- options --------------------------------------------------------------------------------

std::string OptionValue::ToString() const {
  switch (kind) {
    case Kind::kString:
      return QuoteSqlString(text);
    case Kind::kNumber:
    case Kind::kIdentifier:
      return text;
    case Kind::kBoolean:
      return text == "true" ? "TRUE" : "FALSE";
    case Kind::kNull:
      return "NULL";
    case Kind::kList: {
      std::string out = "(";
      for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += ", ";
        out += items[i].ToString();
      }
      return out + ")";
    }
    case Kind::kOptions:
      return "(" + JoinOptions(options) + ")";
  }
  return text;
}

std::string Option::ToString() const {
  return OptionKeyToString(key_text) + " = " + value.ToString();
}

// ----- statements -----------------------------------------------------------------------------

std::string CreateTableStatement::ToString() const {
  std::string out = delta ? "CREATE DELTA TABLE " : "CREATE TABLE ";
  if (if_not_exists) out += "IF NOT EXISTS ";
  out += table.ToString();
  if (!columns.empty()) {
    out += " (";
    for (size_t i = 0; i < columns.size(); ++i) {
      const ColumnDefinition& column = columns[i];
      if (i > 0) out += ", ";
      out += column.name.ToString() + " " + column.type.ToString();
      if (column.not_null) out += " NOT NULL";
      if (column.default_value) out += " DEFAULT " + column.default_value->ToString();
    }
    out += ")";
  }
  if (!partition_columns.empty()) {
    out += " PARTITIONED BY (";
    for (size_t i = 0; i < partition_columns.size(); ++i) {
      out += (i > 0 ? ", " : "") + partition_columns[i].ToString();
    }
    out += ")";
  }
  if (location) out += " LOCATION " + QuoteSqlString(location->value);
  if (!properties.empty()) out += " TBLPROPERTIES (" + JoinProperties(properties) + ")";
  return out;
}

std::string TableProperty::ToString() const {
  return QuoteSqlString(key.value) + " = " + QuoteSqlString(value.value);
}

std::string AlterTableStatement::ToString() const {
  std::string out = "ALTER TABLE " + table.ToString();
  if (action == Action::kSetProperties) {
    return out + " SET TBLPROPERTIES (" + JoinProperties(properties) + ")";
  }
  if (action == Action::kAddConstraint) {
    return out + " ADD CONSTRAINT " + constraint.ToString() + " CHECK (" + check->ToString() + ")";
  }
  if (action == Action::kDropConstraint) {
    return out + " DROP CONSTRAINT " + (if_exists ? "IF EXISTS " : "") + constraint.ToString();
  }
  std::vector<std::string> quoted;
  for (const StringLiteral& key : keys) quoted.push_back(QuoteSqlString(key.value));
  return out + " UNSET TBLPROPERTIES " + (if_exists ? "IF EXISTS " : "") + "(" +
         JoinStrings(quoted, ", ") + ")";
}

std::string ShowTablePropertiesStatement::ToString() const {
  std::string out = "SHOW TBLPROPERTIES " + table.ToString();
  if (key) out += " (" + QuoteSqlString(key->value) + ")";
  return out;
}

std::string OpenDeltaTableStatement::ToString() const {
  return "OPEN DELTA TABLE " + table.ToString() + " LOCATION " + QuoteSqlString(location.value);
}

std::string DropTableStatement::ToString() const {
  return std::string("DROP TABLE ") + (if_exists ? "IF EXISTS " : "") + table.ToString();
}

std::string ShowTablesStatement::ToString() const { return "SHOW TABLES"; }

std::string DescribeStatement::ToString() const { return "DESCRIBE " + table.ToString(); }

std::string DescribeHistoryStatement::ToString() const {
  std::string out = "DESCRIBE HISTORY " + table.ToString();
  if (limit) out += " LIMIT " + std::to_string(*limit);
  return out;
}

std::string VacuumStatement::ToString() const {
  std::string out = "VACUUM " + table.ToString();
  if (retain_hours) out += " RETAIN " + *retain_hours + " HOURS";
  if (dry_run) out += " DRY RUN";
  return out;
}

std::string SetStatement::ToString() const {
  return "SET " + name.ToString() + " = " + (value_is_string ? QuoteSqlString(value) : value);
}

std::string ResetStatement::ToString() const {
  return "RESET " + (name ? name->ToString() : std::string("ALL"));
}

std::string ShowSettingStatement::ToString() const {
  return "SHOW " + (name ? name->ToString() : std::string("ALL"));
}

std::string CopyIntoStatement::ToString() const {
  std::string out = "COPY INTO " + table.ToString() + " FROM " + QuoteSqlString(location.value);
  for (const StringLiteral& more : more_locations) out += ", " + QuoteSqlString(more.value);
  if (with_options) return out + " WITH (" + JoinOptions(with_options->options) + ")";
  if (file_format) {
    out += " FILE_FORMAT = ";
    if (!file_format->parenthesized && file_format->type) {
      out += file_format->type->ToString();
    } else {
      std::vector<std::string> entries;
      if (file_format->type) entries.push_back("TYPE = " + file_format->type->ToString());
      for (const Option& option : file_format->options) entries.push_back(option.ToString());
      out += "(" + JoinStrings(entries, ", ") + ")";
    }
  }
  if (files) {
    std::vector<std::string> names;
    for (const StringLiteral& file : files->files) names.push_back(QuoteSqlString(file.value));
    out += " FILES = (" + JoinStrings(names, ", ") + ")";
  }
  if (pattern) out += " PATTERN = " + QuoteSqlString(pattern->value);
  if (format_options) out += " FORMAT_OPTIONS (" + JoinOptions(format_options->options) + ")";
  if (copy_options) out += " COPY_OPTIONS (" + JoinOptions(copy_options->options) + ")";
  if (force) out += force->value ? " FORCE = TRUE" : " FORCE = FALSE";
  for (const Option& option : options) out += " " + option.ToString();
  return out;
}

std::string TimeTravel::ToString() const {
  return kind == Kind::kVersion ? "VERSION AS OF " + std::to_string(version)
                                : "TIMESTAMP AS OF " + QuoteSqlString(timestamp);
}

std::string TableRef::ToString() const {
  std::string out = name.ToString();
  if (kind == Kind::kFunction) {
    std::string list = JoinExpressions(args);
    for (const NamedArgument& arg : named_args) {
      if (!list.empty()) list += ", ";
      list += arg.name.ToString() + " => " + arg.value->ToString();
    }
    out += "(" + list + ")";
  }
  if (time_travel) out += " " + time_travel->ToString();
  if (alias) out += " AS " + alias->ToString();
  return out;
}

std::string SelectStatement::ToString() const {
  std::string out = distinct ? "SELECT DISTINCT " : "SELECT ";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    out += items[i].expression->ToString();
    if (items[i].alias) out += " AS " + items[i].alias->ToString();
  }
  if (from) out += " FROM " + from->ToString();
  if (where) out += " WHERE " + where->ToString();
  if (!group_by.empty()) out += " GROUP BY " + JoinExpressions(group_by);
  if (having) out += " HAVING " + having->ToString();
  if (!order_by.empty()) {
    out += " ORDER BY ";
    for (size_t i = 0; i < order_by.size(); ++i) {
      const OrderByItem& item = order_by[i];
      if (i > 0) out += ", ";
      out += item.expression->ToString();
      if (item.descending) out += " DESC";
      if (item.nulls == OrderByItem::Nulls::kFirst) out += " NULLS FIRST";
      if (item.nulls == OrderByItem::Nulls::kLast) out += " NULLS LAST";
    }
  }
  if (limit) out += " LIMIT " + std::to_string(*limit);
  if (offset) out += " OFFSET " + std::to_string(*offset);
  return out;
}

}  // namespace inlet::sql

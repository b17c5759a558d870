#include "sql/select_binder.h"

#include <map>
#include <set>

#include "common/string_util.h"
#include "types/cast.h"

namespace inlet::sql {

Status BindErrorAt(const SourcePosition& position, const std::string& message) {
  return Status::BindError(message + " at " + position.ToString());
}

Result<LogicalType> BindTypeName(const TypeName& type) {
  if (type.name == "STRUCT") {
    std::vector<StructField> fields;
    std::set<std::string> seen;
    for (const TypeNameField& child : type.children) {
      if (!seen.insert(AsciiToLower(child.name.text)).second) {
        return BindErrorAt(child.position,
                           "STRUCT field \"" + child.name.text + "\" is defined twice");
      }
      INLET_ASSIGN_OR_RETURN(LogicalType field_type, BindTypeName(child.type));
      fields.push_back(StructField{child.name.text, std::move(field_type), !child.not_null});
    }
    return LogicalType::MakeStruct(std::move(fields));
  }
  if (type.name == "ARRAY") {
    const TypeNameField& element = type.children[0];
    INLET_ASSIGN_OR_RETURN(LogicalType element_type, BindTypeName(element.type));
    return LogicalType::List(std::move(element_type), !element.not_null);
  }
  if (type.name == "MAP") {
    const TypeNameField& key = type.children[0];
    const TypeNameField& value = type.children[1];
    INLET_ASSIGN_OR_RETURN(LogicalType key_type, BindTypeName(key.type));
    INLET_ASSIGN_OR_RETURN(LogicalType value_type, BindTypeName(value.type));
    auto map = LogicalType::MakeMap(std::move(key_type), std::move(value_type), !value.not_null);
    if (!map.ok()) return BindErrorAt(key.position, map.status().message());
    return map;
  }
  auto named = LogicalTypeFromName(type.name, type.params);
  if (!named.ok()) return BindErrorAt(type.position, named.status().message());
  return named;
}

Result<Value> BindLiteral(const LiteralExpression& literal) {
  const std::string& text = literal.value;
  switch (literal.literal_kind) {
    case LiteralKind::kNull: return Value::Null(LogicalType::Integer());
    case LiteralKind::kBoolean: return Value::Boolean(text == "true");
    case LiteralKind::kString: return Value::Varchar(text);
    case LiteralKind::kInteger: {
      auto as_int = CastTextToValue(text, LogicalType::Integer());
      if (as_int.ok()) return as_int;
      auto as_bigint = CastTextToValue(text, LogicalType::BigInt());
      if (as_bigint.ok()) return as_bigint;
      auto as_decimal = CastTextToValue(text, LogicalType::Decimal(38, 0));
      if (as_decimal.ok()) return as_decimal;
      return BindErrorAt(literal.position, "integer literal " + text + " is out of range");
    }
    case LiteralKind::kDecimal: {
      std::string digits = text;
      if (!digits.empty() && digits[0] == '-') digits.erase(0, 1);
      size_t point = digits.find('.');
      int scale = point == std::string::npos ? 0 : static_cast<int>(digits.size() - point - 1);
      int integer_digits = point == std::string::npos ? static_cast<int>(digits.size())
                                                      : static_cast<int>(point);
      int precision = std::max(integer_digits + scale, 1);
      if (precision > 38) return CastTextToValue(text, LogicalType::Double());
      return CastTextToValue(text, LogicalType::Decimal(precision, scale));
    }
    case LiteralKind::kDouble: return CastTextToValue(text, LogicalType::Double());
    case LiteralKind::kDate: {
      auto v = CastTextToValue(text, LogicalType::Date());
      if (!v.ok()) return BindErrorAt(literal.position, v.status().message());
      return v;
    }
    case LiteralKind::kTimestamp: {
      auto v = CastTextToValue(text, LogicalType::Timestamp());
      if (!v.ok()) return BindErrorAt(literal.position, v.status().message());
      return v;
    }
    case LiteralKind::kTime: {
      auto v = CastTextToValue(text, LogicalType::Time());
      if (!v.ok()) return BindErrorAt(literal.position, v.status().message());
      return v;
    }
  }
  return Status::Internal("unknown literal kind");
}

namespace {

BinaryOp ToBinaryOp(BinaryOperator op) {
  switch (op) {
    case BinaryOperator::kOr: return BinaryOp::kOr;
    case BinaryOperator::kAnd: return BinaryOp::kAnd;
    case BinaryOperator::kEqual: return BinaryOp::kEqual;
    case BinaryOperator::kNotEqual: return BinaryOp::kNotEqual;
    case BinaryOperator::kLess: return BinaryOp::kLess;
    case BinaryOperator::kLessEqual: return BinaryOp::kLessEqual;
    case BinaryOperator::kGreater: return BinaryOp::kGreater;
    case BinaryOperator::kGreaterEqual: return BinaryOp::kGreaterEqual;
    case BinaryOperator::kConcat: return BinaryOp::kConcat;
    case BinaryOperator::kAdd: return BinaryOp::kAdd;
    case BinaryOperator::kSubtract: return BinaryOp::kSubtract;
    case BinaryOperator::kMultiply: return BinaryOp::kMultiply;
    case BinaryOperator::kDivide: return BinaryOp::kDivide;
    case BinaryOperator::kModulo: return BinaryOp::kModulo;
  }
  return BinaryOp::kAnd;
}

// Binds expressions of one SELECT. In an aggregate query, columns outside aggregate functions
// must be GROUP BY keys: they are then read from the group's first row.
class ExpressionBinder {
 public:
  ExpressionBinder(const Schema* schema, std::string table_name, std::string alias,
                   std::vector<BoundAggregate>* aggregates)
      : schema_(schema),
        table_name_(std::move(table_name)),
        alias_(std::move(alias)),
        aggregates_(aggregates) {}

  /// Marks the query as aggregating with these GROUP BY keys (their SQL text).
  void SetGroupKeys(std::set<std::string> keys, std::set<int> key_columns) {
    aggregate_query_ = true;
    group_keys_ = std::move(keys);
    group_key_columns_ = std::move(key_columns);
  }

  /// `allow_aggregates` is false in WHERE and GROUP BY and inside an aggregate's argument.
  Result<std::unique_ptr<BoundExpression>> Bind(const Expression& e, bool allow_aggregates) {
    if (aggregate_query_ && allow_aggregates && group_keys_.count(e.ToString()) > 0) {
      // A GROUP BY expression: evaluate it on the group's first row.
      ExpressionBinder plain(schema_, table_name_, alias_, aggregates_);
      return plain.Bind(e, false);
    }
    switch (e.kind) {
      case ExpressionKind::kLiteral: {
        INLET_ASSIGN_OR_RETURN(Value v, BindLiteral(e.As<LiteralExpression>()));
        return BoundExpression::Constant(std::move(v));
      }
      case ExpressionKind::kColumnRef: return BindColumn(e.As<ColumnRefExpression>(), allow_aggregates);
      case ExpressionKind::kStar:
        return BindErrorAt(e.position, "* is only allowed in the SELECT list and in count(*)");
      case ExpressionKind::kFunctionCall:
        return BindFunction(e.As<FunctionCallExpression>(), allow_aggregates);
      case ExpressionKind::kUnary: {
        const auto& u = e.As<UnaryExpression>();
        INLET_ASSIGN_OR_RETURN(auto operand, Bind(*u.operand, allow_aggregates));
        auto bound = u.op == UnaryOperator::kNot ? BoundExpression::Not(std::move(operand))
                                                 : BoundExpression::Negate(std::move(operand));
        if (!bound.ok()) return BindErrorAt(e.position, bound.status().message());
        return bound;
      }
      case ExpressionKind::kBinary: {
        const auto& b = e.As<BinaryExpression>();
        INLET_ASSIGN_OR_RETURN(auto left, Bind(*b.left, allow_aggregates));
        INLET_ASSIGN_OR_RETURN(auto right, Bind(*b.right, allow_aggregates));
        return Located(e.position, BoundExpression::Binary(ToBinaryOp(b.op), std::move(left),
                                                           std::move(right)));
      }
      case ExpressionKind::kIsNull: {
        const auto& n = e.As<IsNullExpression>();
        INLET_ASSIGN_OR_RETURN(auto operand, Bind(*n.operand, allow_aggregates));
        return BoundExpression::IsNull(std::move(operand), n.negated);
      }
      case ExpressionKind::kBetween: {
        const auto& b = e.As<BetweenExpression>();
        INLET_ASSIGN_OR_RETURN(auto low_operand, Bind(*b.operand, allow_aggregates));
        INLET_ASSIGN_OR_RETURN(auto high_operand, Bind(*b.operand, allow_aggregates));
        INLET_ASSIGN_OR_RETURN(auto low, Bind(*b.low, allow_aggregates));
        INLET_ASSIGN_OR_RETURN(auto high, Bind(*b.high, allow_aggregates));
        INLET_ASSIGN_OR_RETURN(auto above, Located(e.position, BoundExpression::Binary(
                                                                   BinaryOp::kGreaterEqual,
                                                                   std::move(low_operand), std::move(low))));
        INLET_ASSIGN_OR_RETURN(auto below, Located(e.position, BoundExpression::Binary(
                                                                   BinaryOp::kLessEqual,
                                                                   std::move(high_operand), std::move(high))));
        INLET_ASSIGN_OR_RETURN(auto both, BoundExpression::Binary(BinaryOp::kAnd, std::move(above),
                                                                  std::move(below)));
        if (!b.negated) return both;
        return BoundExpression::Not(std::move(both));
      }
      case ExpressionKind::kInList: {
        const auto& in = e.As<InListExpression>();
        std::unique_ptr<BoundExpression> any;
        for (const ExpressionPtr& item : in.list) {
          INLET_ASSIGN_OR_RETURN(auto operand, Bind(*in.operand, allow_aggregates));
          INLET_ASSIGN_OR_RETURN(auto value, Bind(*item, allow_aggregates));
          INLET_ASSIGN_OR_RETURN(auto equal, Located(item->position, BoundExpression::Binary(
                                                                         BinaryOp::kEqual, std::move(operand),
                                                                         std::move(value))));
          if (any) {
            INLET_ASSIGN_OR_RETURN(any, BoundExpression::Binary(BinaryOp::kOr, std::move(any),
                                                                std::move(equal)));
          } else {
            any = std::move(equal);
          }
        }
        if (!in.negated) return any;
        return BoundExpression::Not(std::move(any));
      }
      case ExpressionKind::kCast: {
        const auto& c = e.As<CastExpression>();
        INLET_ASSIGN_OR_RETURN(auto operand, Bind(*c.operand, allow_aggregates));
        INLET_ASSIGN_OR_RETURN(LogicalType type, BindTypeName(c.type));
        return BoundExpression::Cast(std::move(operand), std::move(type));
      }
      case ExpressionKind::kLike:
        return BindErrorAt(e.position, "LIKE is not supported yet");
      case ExpressionKind::kCase:
        return BindErrorAt(e.position, "CASE is not supported yet");
    }
    return Status::Internal("unknown expression kind");
  }

  bool saw_aggregate() const { return saw_aggregate_; }

  /// Index of the column `ref` names, or an error listing the table's columns.
  Result<int> ResolveColumn(const ColumnRefExpression& ref) const {
    const auto& parts = ref.name.parts;
    if (parts.size() > 1) {
      const Identifier& qualifier = parts[parts.size() - 2];
      bool matches = alias_.empty() ? EqualsIgnoreCase(qualifier.normalized, LastPart(table_name_))
                                    : qualifier.normalized == alias_;
      if (!matches) {
        return BindErrorAt(ref.position, "table \"" + qualifier.text + "\" is not in the FROM clause");
      }
    }
    const Identifier& column = ref.name.back();
    int index = column.quoted ? schema_->FindFieldExact(column.text) : schema_->FindField(column.text);
    if (index < 0) {
      std::vector<std::string> names;
      for (const Field& f : schema_->fields()) names.push_back(f.name);
      std::string where = table_name_.empty() ? "" : " (columns of " + table_name_ + ": " +
                                                         JoinStrings(names, ", ") + ")";
      return BindErrorAt(ref.position,
                         "column \"" + column.text + "\" does not exist" + where);
    }
    return index;
  }

 private:
  static std::string LastPart(const std::string& qualified) {
    size_t dot = qualified.find_last_of('.');
    return dot == std::string::npos ? qualified : qualified.substr(dot + 1);
  }

  static Result<std::unique_ptr<BoundExpression>> Located(
      const SourcePosition& position, Result<std::unique_ptr<BoundExpression>> bound) {
    if (!bound.ok()) return BindErrorAt(position, bound.status().message());
    return bound;
  }

  Result<std::unique_ptr<BoundExpression>> BindColumn(const ColumnRefExpression& ref,
                                                      bool allow_aggregates) {
    INLET_ASSIGN_OR_RETURN(int index, ResolveColumn(ref));
    if (aggregate_query_ && allow_aggregates && group_key_columns_.count(index) == 0) {
      return BindErrorAt(ref.position, "column \"" + schema_->field(index).name +
                                           "\" must appear in the GROUP BY clause or be used in "
                                           "an aggregate function");
    }
    const Field& field = schema_->field(index);
    return BoundExpression::Column(index, field.type, field.name);
  }

  Result<std::unique_ptr<BoundExpression>> BindFunction(const FunctionCallExpression& call,
                                                        bool allow_aggregates) {
    std::string name = call.name.back().normalized;
    static const std::map<std::string, AggregateKind> kAggregates = {
        {"count", AggregateKind::kCount}, {"sum", AggregateKind::kSum},
        {"min", AggregateKind::kMin},     {"max", AggregateKind::kMax},
        {"avg", AggregateKind::kAvg},     {"mean", AggregateKind::kAvg}};
    auto it = kAggregates.find(name);
    if (it == kAggregates.end() || call.name.parts.size() != 1) {
      return BindErrorAt(call.position, "unknown function " + call.name.ToString() +
                                            "; functions: count, sum, min, max, avg");
    }
    if (!allow_aggregates) {
      return BindErrorAt(call.position,
                         "aggregate function " + name + "() is not allowed here");
    }
    AggregateKind kind = it->second;
    std::unique_ptr<BoundExpression> argument;
    if (call.star) {
      if (kind != AggregateKind::kCount) {
        return BindErrorAt(call.position, name + "(*) is not valid; only count(*) is");
      }
      kind = AggregateKind::kCountStar;
    } else {
      if (call.args.size() != 1) {
        return BindErrorAt(call.position, name + "() takes exactly one argument");
      }
      ExpressionBinder inner(schema_, table_name_, alias_, aggregates_);
      INLET_ASSIGN_OR_RETURN(argument, inner.Bind(*call.args[0], false));
    }
    auto aggregate = BoundAggregate::Make(kind, std::move(argument), call.distinct);
    if (!aggregate.ok()) return BindErrorAt(call.position, aggregate.status().message());
    LogicalType type = aggregate->type;
    aggregates_->push_back(std::move(*aggregate));
    saw_aggregate_ = true;
    return BoundExpression::AggregateRef(static_cast<int>(aggregates_->size() - 1), type);
  }

  const Schema* schema_;
  std::string table_name_;
  std::string alias_;
  std::vector<BoundAggregate>* aggregates_;
  bool aggregate_query_ = false;
  bool saw_aggregate_ = false;
  std::set<std::string> group_keys_;
  std::set<int> group_key_columns_;
};

bool ContainsAggregate(const Expression& e) {
  switch (e.kind) {
    case ExpressionKind::kFunctionCall: return true;
    case ExpressionKind::kUnary: return ContainsAggregate(*e.As<UnaryExpression>().operand);
    case ExpressionKind::kBinary: {
      const auto& b = e.As<BinaryExpression>();
      return ContainsAggregate(*b.left) || ContainsAggregate(*b.right);
    }
    case ExpressionKind::kIsNull: return ContainsAggregate(*e.As<IsNullExpression>().operand);
    case ExpressionKind::kCast: return ContainsAggregate(*e.As<CastExpression>().operand);
    case ExpressionKind::kBetween: {
      const auto& b = e.As<BetweenExpression>();
      return ContainsAggregate(*b.operand) || ContainsAggregate(*b.low) ||
             ContainsAggregate(*b.high);
    }
    case ExpressionKind::kInList: {
      const auto& in = e.As<InListExpression>();
      bool any = ContainsAggregate(*in.operand);
      for (const auto& item : in.list) any = any || ContainsAggregate(*item);
      return any;
    }
    default: return false;
  }
}

// The expression an ordinal or an output name refers to, when it is one (GROUP BY 1, ORDER BY x).
Result<int> OutputReference(const Expression& e, const std::vector<std::string>& names,
                            size_t count, const char* clause) {
  if (e.kind == ExpressionKind::kLiteral &&
      e.As<LiteralExpression>().literal_kind == LiteralKind::kInteger) {
    int64_t ordinal = std::stoll(e.As<LiteralExpression>().value);
    if (ordinal < 1 || ordinal > static_cast<int64_t>(count)) {
      return BindErrorAt(e.position, std::string(clause) + " position " + std::to_string(ordinal) +
                                         " is not in the select list (1 to " +
                                         std::to_string(count) + ")");
    }
    return static_cast<int>(ordinal - 1);
  }
  if (e.kind == ExpressionKind::kColumnRef && e.As<ColumnRefExpression>().name.parts.size() == 1) {
    const Identifier& id = e.As<ColumnRefExpression>().name.back();
    for (size_t i = 0; i < count; ++i) {
      if (id.quoted ? names[i] == id.text : EqualsIgnoreCase(names[i], id.text)) {
        return static_cast<int>(i);
      }
    }
  }
  return -1;
}

}  // namespace

Result<std::unique_ptr<BoundExpression>> BindRowExpression(const Expression& expression,
                                                           const Schema& schema) {
  std::vector<BoundAggregate> aggregates;
  ExpressionBinder binder(&schema, "", "", &aggregates);
  return binder.Bind(expression, false);
}

Result<Value> BindConstant(const Expression& expression, const LogicalType& type) {
  Schema empty;
  std::vector<BoundAggregate> aggregates;
  ExpressionBinder binder(&empty, "", "", &aggregates);
  INLET_ASSIGN_OR_RETURN(auto bound, binder.Bind(expression, false));
  auto value = bound->Evaluate(Row{});
  if (!value.ok()) return BindErrorAt(expression.position, value.status().message());
  auto cast = CastValue(*value, type);
  if (!cast.ok()) return BindErrorAt(expression.position, cast.status().message());
  return cast;
}

Result<SelectPlan> BindSelect(const SelectStatement& select, const TableResolver& resolve_table,
                              const TableFunctionResolver& resolve_function) {
  SelectPlan plan;
  Schema schema;
  std::string table_name;
  std::string alias;
  if (select.from.has_value()) {
    const TableRef& from = *select.from;
    if (from.kind == TableRef::Kind::kFunction && !resolve_function) {
      return BindErrorAt(from.position,
                         "table function " + from.name.ToString() + "() is not supported here");
    }
    INLET_ASSIGN_OR_RETURN(BoundTable table, from.kind == TableRef::Kind::kFunction
                                                 ? resolve_function(from)
                                                 : resolve_table(from.name));
    schema = table.schema;
    table_name = table.name;
    if (from.alias) alias = from.alias->normalized;
    INLET_ASSIGN_OR_RETURN(plan.source, table.open_scan());
  } else {
    plan.source = std::make_unique<SingleRowSource>();
  }

  ExpressionBinder binder(&schema, table_name, alias, &plan.aggregates);
  if (select.where) {
    INLET_ASSIGN_OR_RETURN(plan.where, binder.Bind(*select.where, false));
    if (plan.where->type().id() != TypeId::kBoolean) {
      return BindErrorAt(select.where->position, "WHERE needs a BOOLEAN condition, got " +
                                                     plan.where->type().ToString());
    }
  }

  // Output names first, so GROUP BY / ORDER BY can refer to them.
  struct Item {
    const Expression* expression;
    std::string name;
    int column = -1;  // for expanded *
  };
  std::vector<Item> items;
  for (const SelectItem& item : select.items) {
    if (item.expression->kind == ExpressionKind::kStar) {
      if (!select.from) return BindErrorAt(item.expression->position, "SELECT * needs a FROM clause");
      for (size_t i = 0; i < schema.num_fields(); ++i) {
        items.push_back({nullptr, schema.field(i).name, static_cast<int>(i)});
      }
      continue;
    }
    std::string name;
    if (item.alias) {
      name = item.alias->text;
    } else if (item.expression->kind == ExpressionKind::kColumnRef) {
      auto index = binder.ResolveColumn(item.expression->As<ColumnRefExpression>());
      name = index.ok() ? schema.field(*index).name
                        : item.expression->As<ColumnRefExpression>().name.back().text;
    } else {
      name = item.expression->ToString();
    }
    items.push_back({item.expression.get(), name});
  }
  std::vector<std::string> names;
  for (const Item& item : items) names.push_back(item.name);

  bool aggregate_query = !select.group_by.empty() || select.having != nullptr;
  for (const Item& item : items) {
    if (item.expression && ContainsAggregate(*item.expression)) aggregate_query = true;
  }
  if (aggregate_query) {
    std::set<std::string> keys;
    std::set<int> key_columns;
    for (const ExpressionPtr& key : select.group_by) {
      INLET_ASSIGN_OR_RETURN(int output, OutputReference(*key, names, items.size(), "GROUP BY"));
      const Expression* key_expression = key.get();
      if (output >= 0 && items[output].expression) key_expression = items[output].expression;
      if (output >= 0 && !items[output].expression) {
        const LogicalType& key_type = schema.field(items[output].column).type;
        if (key_type.is_nested()) {
          return BindErrorAt(key->position,
                             "cannot GROUP BY " + key_type.ToString() + " values yet");
        }
        key_columns.insert(items[output].column);
        plan.group_by.push_back(BoundExpression::Column(items[output].column,
                                                        schema.field(items[output].column).type,
                                                        items[output].name));
        continue;
      }
      INLET_ASSIGN_OR_RETURN(auto bound, binder.Bind(*key_expression, false));
      if (bound->type().is_nested()) {
        return BindErrorAt(key->position,
                           "cannot GROUP BY " + bound->type().ToString() + " values yet");
      }
      if (bound->kind() == BoundExpression::Kind::kColumn) key_columns.insert(bound->column_index());
      keys.insert(key_expression->ToString());
      plan.group_by.push_back(std::move(bound));
    }
    binder.SetGroupKeys(std::move(keys), std::move(key_columns));
  }

  for (const Item& item : items) {
    if (!item.expression) {
      if (aggregate_query && std::find_if(plan.group_by.begin(), plan.group_by.end(), [&](const auto& g) {
                               return g->kind() == BoundExpression::Kind::kColumn &&
                                      g->column_index() == item.column;
                             }) == plan.group_by.end()) {
        return BindErrorAt(select.position, "column \"" + item.name +
                                                "\" must appear in the GROUP BY clause or be used "
                                                "in an aggregate function");
      }
      plan.projections.push_back(BoundExpression::Column(item.column,
                                                         schema.field(item.column).type, item.name));
    } else {
      INLET_ASSIGN_OR_RETURN(auto bound, binder.Bind(*item.expression, true));
      plan.projections.push_back(std::move(bound));
    }
    plan.names.push_back(item.name);
  }

  if (select.having) {
    INLET_ASSIGN_OR_RETURN(plan.having, binder.Bind(*select.having, true));
    if (plan.having->type().id() != TypeId::kBoolean) {
      return BindErrorAt(select.having->position, "HAVING needs a BOOLEAN condition");
    }
  }

  for (const OrderByItem& order : select.order_by) {
    INLET_ASSIGN_OR_RETURN(int output, OutputReference(*order.expression, names, items.size(),
                                                       "ORDER BY"));
    if (output < 0) {
      if (select.distinct) {
        return BindErrorAt(order.expression->position,
                           "with SELECT DISTINCT, ORDER BY expressions must appear in the select "
                           "list");
      }
      INLET_ASSIGN_OR_RETURN(auto bound, binder.Bind(*order.expression, true));
      plan.projections.push_back(std::move(bound));
      plan.names.push_back(order.expression->ToString());
      ++plan.hidden_columns;
      output = static_cast<int>(plan.projections.size() - 1);
    }
    const LogicalType& sort_type = plan.projections[output]->type();
    if (sort_type.is_nested()) {
      return BindErrorAt(order.expression->position,
                         "cannot ORDER BY " + sort_type.ToString() + " values");
    }
    SortKey key{output, order.descending, order.descending};
    if (order.nulls == OrderByItem::Nulls::kFirst) key.nulls_first = true;
    if (order.nulls == OrderByItem::Nulls::kLast) key.nulls_first = false;
    plan.order_by.push_back(key);
  }
  if (select.distinct) {
    for (size_t i = 0; i < plan.projections.size(); ++i) {
      const LogicalType& type = plan.projections[i]->type();
      if (type.is_nested()) {
        return BindErrorAt(select.position, "SELECT DISTINCT cannot compare " + type.ToString() +
                                                " values yet (column \"" + plan.names[i] + "\")");
      }
    }
  }
  plan.distinct = select.distinct;
  plan.limit = select.limit;
  plan.offset = select.offset.value_or(0);
  return plan;
}

}  // namespace inlet::sql

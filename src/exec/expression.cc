#include "exec/expression.h"

#include <algorithm>
#include <cmath>

#include "types/cast.h"

namespace inlet {

namespace {

// Numeric arithmetic works in one of three domains, chosen from the operand types.
enum class NumericDomain { kInteger, kDecimal, kDouble };

NumericDomain DomainOf(const LogicalType& a, const LogicalType& b) {
  auto is_float = [](const LogicalType& t) {
    return t.id() == TypeId::kFloat || t.id() == TypeId::kDouble;
  };
  if (is_float(a) || is_float(b)) return NumericDomain::kDouble;
  if (a.id() == TypeId::kDecimal || b.id() == TypeId::kDecimal) return NumericDomain::kDecimal;
  return NumericDomain::kInteger;
}

int ScaleOf(const LogicalType& t) { return t.id() == TypeId::kDecimal ? t.scale() : 0; }

double ToDouble(const Value& v) {
  switch (v.type().id()) {
    case TypeId::kFloat:
    case TypeId::kDouble: return v.GetDouble();
    case TypeId::kDecimal:
      return static_cast<double>(v.GetDecimal()) / std::pow(10.0, v.type().scale());
    default: return static_cast<double>(v.GetInt());
  }
}

int128_t ToUnscaled(const Value& v, int scale) {
  int128_t base = v.type().id() == TypeId::kDecimal ? v.GetDecimal() : v.GetInt();
  return base * Pow10(scale - ScaleOf(v.type()));
}

bool IsComparison(BinaryOp op) {
  return op == BinaryOp::kEqual || op == BinaryOp::kNotEqual || op == BinaryOp::kLess ||
         op == BinaryOp::kLessEqual || op == BinaryOp::kGreater || op == BinaryOp::kGreaterEqual;
}

bool IsArithmetic(BinaryOp op) {
  return op == BinaryOp::kAdd || op == BinaryOp::kSubtract || op == BinaryOp::kMultiply ||
         op == BinaryOp::kDivide || op == BinaryOp::kModulo;
}

Status TypeMismatch(BinaryOp op, const LogicalType& a, const LogicalType& b) {
  return Status::BindError("cannot apply " + std::string(BinaryOpName(op)) + " to " +
                           a.ToString() + " and " + b.ToString());
}

// A string constant compared with a typed column is read as that type ('2024-01-02' as a DATE).
Status CoerceConstant(std::unique_ptr<BoundExpression>* constant, const LogicalType& target) {
  auto* expr = constant->get();
  if (expr->kind() != BoundExpression::Kind::kConstant ||
      expr->type().id() != TypeId::kVarchar || target.id() == TypeId::kVarchar) {
    return Status::OK();
  }
  INLET_ASSIGN_OR_RETURN(Value value, expr->Evaluate(Row{}));
  INLET_ASSIGN_OR_RETURN(Value cast, CastValue(value, target));
  *constant = BoundExpression::Constant(std::move(cast));
  return Status::OK();
}

Result<Value> Arithmetic(BinaryOp op, const Value& a, const Value& b, const LogicalType& type) {
  switch (DomainOf(a.type(), b.type())) {
    case NumericDomain::kDouble: {
      double x = ToDouble(a), y = ToDouble(b);
      switch (op) {
        case BinaryOp::kAdd: return Value::Double(x + y);
        case BinaryOp::kSubtract: return Value::Double(x - y);
        case BinaryOp::kMultiply: return Value::Double(x * y);
        case BinaryOp::kDivide:
          if (y == 0) return Status::InvalidArgument("division by zero");
          return Value::Double(x / y);
        default:
          if (y == 0) return Status::InvalidArgument("division by zero");
          return Value::Double(std::fmod(x, y));
      }
    }
    case NumericDomain::kInteger: {
      int64_t x = a.GetInt(), y = b.GetInt(), r;
      bool overflow = false;
      switch (op) {
        case BinaryOp::kAdd: overflow = __builtin_add_overflow(x, y, &r); break;
        case BinaryOp::kSubtract: overflow = __builtin_sub_overflow(x, y, &r); break;
        case BinaryOp::kMultiply: overflow = __builtin_mul_overflow(x, y, &r); break;
        case BinaryOp::kDivide:
          if (y == 0) return Status::InvalidArgument("division by zero");
          return Value::Double(static_cast<double>(x) / static_cast<double>(y));
        default:
          if (y == 0) return Status::InvalidArgument("division by zero");
          if (y == -1) return Value::BigInt(0);
          r = x % y;
      }
      if (overflow) return Status::InvalidArgument("integer overflow in " + a.ToString() + " " +
                                                   BinaryOpName(op) + " " + b.ToString());
      return Value::BigInt(r);
    }
    case NumericDomain::kDecimal: {
      if (op == BinaryOp::kDivide || op == BinaryOp::kModulo) {
        return Arithmetic(op, Value::Double(ToDouble(a)), Value::Double(ToDouble(b)), type);
      }
      int128_t r;
      if (op == BinaryOp::kMultiply) {
        r = ToUnscaled(a, ScaleOf(a.type())) * ToUnscaled(b, ScaleOf(b.type()));
      } else {
        int128_t x = ToUnscaled(a, type.scale()), y = ToUnscaled(b, type.scale());
        r = op == BinaryOp::kAdd ? x + y : x - y;
      }
      if (r >= Pow10(38) || r <= -Pow10(38)) {
        return Status::InvalidArgument("DECIMAL overflow in " + std::string(BinaryOpName(op)));
      }
      return Value::Decimal(r, type.precision(), type.scale());
    }
  }
  return Status::Internal("unreachable arithmetic domain");
}

}  // namespace

std::string ValueKey(const Value& value) {
  if (value.is_null()) return std::string(1, '\x01');
  // Length-prefixed, so keys of several values concatenate without ambiguity.
  std::string text = value.type().ToString() + ":" + value.ToString();
  return std::to_string(text.size()) + ":" + text;
}

const char* BinaryOpName(BinaryOp op) {
  switch (op) {
    case BinaryOp::kEqual: return "=";
    case BinaryOp::kNotEqual: return "<>";
    case BinaryOp::kLess: return "<";
    case BinaryOp::kLessEqual: return "<=";
    case BinaryOp::kGreater: return ">";
    case BinaryOp::kGreaterEqual: return ">=";
    case BinaryOp::kAnd: return "AND";
    case BinaryOp::kOr: return "OR";
    case BinaryOp::kAdd: return "+";
    case BinaryOp::kSubtract: return "-";
    case BinaryOp::kMultiply: return "*";
    case BinaryOp::kDivide: return "/";
    case BinaryOp::kModulo: return "%";
    case BinaryOp::kConcat: return "||";
  }
  return "?";
}

std::unique_ptr<BoundExpression> BoundExpression::Column(int index, LogicalType type,
                                                         std::string name) {
  std::unique_ptr<BoundExpression> e(new BoundExpression(Kind::kColumn, type));
  e->index_ = index;
  return e;
}

std::unique_ptr<BoundExpression> BoundExpression::Constant(Value value) {
  std::unique_ptr<BoundExpression> e(new BoundExpression(Kind::kConstant, value.type()));
  e->constant_ = std::move(value);
  return e;
}

Result<std::unique_ptr<BoundExpression>> BoundExpression::Binary(
    BinaryOp op, std::unique_ptr<BoundExpression> left, std::unique_ptr<BoundExpression> right) {
  LogicalType result_type;
  if (IsComparison(op)) {
    INLET_RETURN_NOT_OK(CoerceConstant(&left, right->type()));
    INLET_RETURN_NOT_OK(CoerceConstant(&right, left->type()));
    if (!Value::AreComparable(left->type(), right->type())) {
      return TypeMismatch(op, left->type(), right->type());
    }
    result_type = LogicalType::Boolean();
  } else if (op == BinaryOp::kAnd || op == BinaryOp::kOr) {
    if (left->type().id() != TypeId::kBoolean || right->type().id() != TypeId::kBoolean) {
      return TypeMismatch(op, left->type(), right->type());
    }
    result_type = LogicalType::Boolean();
  } else if (IsArithmetic(op)) {
    const LogicalType& a = left->type();
    const LogicalType& b = right->type();
    if (!a.is_numeric() || !b.is_numeric()) return TypeMismatch(op, a, b);
    NumericDomain domain = DomainOf(a, b);
    if (domain == NumericDomain::kDouble || op == BinaryOp::kDivide ||
        (domain == NumericDomain::kDecimal && op == BinaryOp::kModulo)) {
      result_type = LogicalType::Double();
    } else if (domain == NumericDomain::kInteger) {
      result_type = LogicalType::BigInt();
    } else {
      int scale = op == BinaryOp::kMultiply ? ScaleOf(a) + ScaleOf(b)
                                            : std::max(ScaleOf(a), ScaleOf(b));
      if (scale > 38) return Status::BindError("DECIMAL scale of the product exceeds 38");
      result_type = LogicalType::Decimal(38, scale);
    }
  } else {
    result_type = LogicalType::Varchar();
  }
  std::unique_ptr<BoundExpression> e(new BoundExpression(Kind::kBinary, result_type));
  e->op_ = op;
  e->children_.push_back(std::move(left));
  e->children_.push_back(std::move(right));
  return e;
}

Result<std::unique_ptr<BoundExpression>> BoundExpression::Not(
    std::unique_ptr<BoundExpression> operand) {
  if (operand->type().id() != TypeId::kBoolean) {
    return Status::BindError("NOT needs a BOOLEAN operand, got " + operand->type().ToString());
  }
  std::unique_ptr<BoundExpression> e(new BoundExpression(Kind::kNot, LogicalType::Boolean()));
  e->children_.push_back(std::move(operand));
  return e;
}

Result<std::unique_ptr<BoundExpression>> BoundExpression::Negate(
    std::unique_ptr<BoundExpression> operand) {
  if (!operand->type().is_numeric()) {
    return Status::BindError("cannot negate a " + operand->type().ToString() + " value");
  }
  LogicalType type = operand->type();
  std::unique_ptr<BoundExpression> e(new BoundExpression(Kind::kNegate, type));
  e->children_.push_back(std::move(operand));
  return e;
}

std::unique_ptr<BoundExpression> BoundExpression::IsNull(std::unique_ptr<BoundExpression> operand,
                                                         bool negated) {
  std::unique_ptr<BoundExpression> e(new BoundExpression(Kind::kIsNull, LogicalType::Boolean()));
  e->negated_ = negated;
  e->children_.push_back(std::move(operand));
  return e;
}

std::unique_ptr<BoundExpression> BoundExpression::Cast(std::unique_ptr<BoundExpression> operand,
                                                       LogicalType target) {
  std::unique_ptr<BoundExpression> e(new BoundExpression(Kind::kCast, target));
  e->children_.push_back(std::move(operand));
  return e;
}

std::unique_ptr<BoundExpression> BoundExpression::AggregateRef(int index, LogicalType type) {
  std::unique_ptr<BoundExpression> e(new BoundExpression(Kind::kAggregateRef, type));
  e->index_ = index;
  return e;
}

Result<Value> BoundExpression::Evaluate(const Row& row, const Row* aggregates) const {
  switch (kind_) {
    case Kind::kColumn: return row[index_];
    case Kind::kConstant: return constant_;
    case Kind::kAggregateRef:
      if (aggregates == nullptr) return Status::Internal("aggregate outside of a GROUP BY");
      return (*aggregates)[index_];
    case Kind::kIsNull: {
      INLET_ASSIGN_OR_RETURN(Value v, children_[0]->Evaluate(row, aggregates));
      return Value::Boolean(v.is_null() != negated_);
    }
    case Kind::kNot: {
      INLET_ASSIGN_OR_RETURN(Value v, children_[0]->Evaluate(row, aggregates));
      if (v.is_null()) return v;
      return Value::Boolean(!v.GetBool());
    }
    case Kind::kNegate: {
      INLET_ASSIGN_OR_RETURN(Value v, children_[0]->Evaluate(row, aggregates));
      if (v.is_null()) return v;
      if (type_.id() == TypeId::kDecimal) {
        return Value::Decimal(-v.GetDecimal(), type_.precision(), type_.scale());
      }
      if (type_.id() == TypeId::kFloat || type_.id() == TypeId::kDouble) {
        return Value::Double(-v.GetDouble());
      }
      if (v.GetInt() == INT64_MIN) return Status::InvalidArgument("integer overflow in negation");
      return Value::Int(type_, -v.GetInt());
    }
    case Kind::kCast: {
      INLET_ASSIGN_OR_RETURN(Value v, children_[0]->Evaluate(row, aggregates));
      return CastValue(v, type_);
    }
    case Kind::kBinary: break;
  }
  INLET_ASSIGN_OR_RETURN(Value a, children_[0]->Evaluate(row, aggregates));
  // AND and OR follow SQL's three-valued logic: FALSE AND NULL is FALSE, TRUE OR NULL is TRUE.
  if (op_ == BinaryOp::kAnd || op_ == BinaryOp::kOr) {
    bool dominant = op_ == BinaryOp::kOr;
    if (!a.is_null() && a.GetBool() == dominant) return Value::Boolean(dominant);
    INLET_ASSIGN_OR_RETURN(Value b, children_[1]->Evaluate(row, aggregates));
    if (!b.is_null() && b.GetBool() == dominant) return Value::Boolean(dominant);
    if (a.is_null() || b.is_null()) return Value::Null(LogicalType::Boolean());
    return Value::Boolean(!dominant);
  }
  INLET_ASSIGN_OR_RETURN(Value b, children_[1]->Evaluate(row, aggregates));
  if (a.is_null() || b.is_null()) return Value::Null(type_);
  if (IsComparison(op_)) {
    int c = a.Compare(b);
    switch (op_) {
      case BinaryOp::kEqual: return Value::Boolean(c == 0);
      case BinaryOp::kNotEqual: return Value::Boolean(c != 0);
      case BinaryOp::kLess: return Value::Boolean(c < 0);
      case BinaryOp::kLessEqual: return Value::Boolean(c <= 0);
      case BinaryOp::kGreater: return Value::Boolean(c > 0);
      default: return Value::Boolean(c >= 0);
    }
  }
  if (op_ == BinaryOp::kConcat) return Value::Varchar(a.ToString() + b.ToString());
  return Arithmetic(op_, a, b, type_);
}

void BoundExpression::CollectColumns(std::vector<int>* columns) const {
  if (kind_ == Kind::kColumn &&
      std::find(columns->begin(), columns->end(), index_) == columns->end()) {
    columns->push_back(index_);
  }
  for (const auto& child : children_) child->CollectColumns(columns);
}

Result<BoundAggregate> BoundAggregate::Make(AggregateKind kind,
                                            std::unique_ptr<BoundExpression> argument,
                                            bool distinct) {
  BoundAggregate aggregate{kind, nullptr, distinct, LogicalType::BigInt()};
  if (kind != AggregateKind::kCountStar) {
    const LogicalType& t = argument->type();
    // Nested values have no order and no equality yet; only counting them is meaningful.
    if (t.is_nested() && distinct) {
      return Status::BindError("DISTINCT cannot compare " + t.ToString() + " values yet");
    }
    switch (kind) {
      case AggregateKind::kSum:
        if (!t.is_numeric()) return Status::BindError("sum() needs a numeric argument, got " + t.ToString());
        if (t.is_integer()) {
          aggregate.type = LogicalType::BigInt();
        } else if (t.id() == TypeId::kDecimal) {
          aggregate.type = LogicalType::Decimal(38, t.scale());
        } else {
          aggregate.type = LogicalType::Double();
        }
        break;
      case AggregateKind::kAvg:
        if (!t.is_numeric()) return Status::BindError("avg() needs a numeric argument, got " + t.ToString());
        aggregate.type = LogicalType::Double();
        break;
      case AggregateKind::kMin:
      case AggregateKind::kMax:
        if (t.is_nested()) {
          return Status::BindError(std::string(kind == AggregateKind::kMin ? "min" : "max") +
                                   "() cannot order " + t.ToString() + " values");
        }
        aggregate.type = t;
        break;
      default: break;
    }
    aggregate.argument = std::move(argument);
  }
  return aggregate;
}

Status AggregateState::Update(const Row& row) {
  if (aggregate_->kind == AggregateKind::kCountStar) {
    ++count_;
    return Status::OK();
  }
  INLET_ASSIGN_OR_RETURN(Value v, aggregate_->argument->Evaluate(row));
  if (v.is_null()) return Status::OK();
  if (aggregate_->distinct) {
    if (!distinct_keys_.insert(ValueKey(v)).second) return Status::OK();
  }
  ++count_;
  switch (aggregate_->kind) {
    case AggregateKind::kCount: break;
    case AggregateKind::kMin:
      if (accumulator_.is_null() || v.Compare(accumulator_) < 0) accumulator_ = v;
      break;
    case AggregateKind::kMax:
      if (accumulator_.is_null() || v.Compare(accumulator_) > 0) accumulator_ = v;
      break;
    case AggregateKind::kAvg:
    case AggregateKind::kSum: {
      // Sums stay exact for integers and decimals; avg divides only at the end.
      LogicalType target = v.type().is_integer()              ? LogicalType::BigInt()
                           : v.type().id() == TypeId::kDecimal ? LogicalType::Decimal(38, v.type().scale())
                                                               : LogicalType::Double();
      INLET_ASSIGN_OR_RETURN(Value cast, CastValue(v, target));
      if (accumulator_.is_null()) {
        accumulator_ = cast;
      } else {
        INLET_ASSIGN_OR_RETURN(accumulator_, Arithmetic(BinaryOp::kAdd, accumulator_, cast, target));
      }
      break;
    }
    case AggregateKind::kCountStar: break;
  }
  return Status::OK();
}

Result<Value> AggregateState::Finalize() const {
  switch (aggregate_->kind) {
    case AggregateKind::kCountStar:
    case AggregateKind::kCount: return Value::BigInt(count_);
    case AggregateKind::kAvg:
      if (count_ == 0) return Value::Null(aggregate_->type);
      return Value::Double(ToDouble(accumulator_) / static_cast<double>(count_));
    default:
      if (accumulator_.is_null()) return Value::Null(aggregate_->type);
      return accumulator_;
  }
}

}  // namespace inlet

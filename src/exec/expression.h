#pragma once

#include <memory>
#include <unordered_set>
#include <string>
#include <vector>

#include "inlet/result.h"
#include "types/logical_type.h"
#include "types/value.h"

namespace inlet {

/// A row as the SELECT engine sees it: one Value per input column.
using Row = std::vector<Value>;

enum class BinaryOp {
  kEqual, kNotEqual, kLess, kLessEqual, kGreater, kGreaterEqual,
  kAnd, kOr,
  kAdd, kSubtract, kMultiply, kDivide, kModulo,
  kConcat,
};

enum class AggregateKind { kCountStar, kCount, kSum, kMin, kMax, kAvg };

/// A typed expression with names resolved to column indexes, evaluated one row at a time.
/// The SELECT engine shows users what was loaded, and loads check table constraints with these
/// (exec/row_constraints.h); clarity wins over speed here.
class BoundExpression {
 public:
  enum class Kind { kColumn, kConstant, kBinary, kNot, kNegate, kIsNull, kCast, kAggregateRef };

  static std::unique_ptr<BoundExpression> Column(int index, LogicalType type, std::string name);
  static std::unique_ptr<BoundExpression> Constant(Value value);
  /// Checks operand types and picks the result type; errors name the operator and the types.
  static Result<std::unique_ptr<BoundExpression>> Binary(BinaryOp op,
                                                         std::unique_ptr<BoundExpression> left,
                                                         std::unique_ptr<BoundExpression> right);
  static Result<std::unique_ptr<BoundExpression>> Not(std::unique_ptr<BoundExpression> operand);
  static Result<std::unique_ptr<BoundExpression>> Negate(std::unique_ptr<BoundExpression> operand);
  static std::unique_ptr<BoundExpression> IsNull(std::unique_ptr<BoundExpression> operand,
                                                 bool negated);
  static std::unique_ptr<BoundExpression> Cast(std::unique_ptr<BoundExpression> operand,
                                               LogicalType target);
  /// Refers to slot `index` of the aggregate values computed for the current group.
  static std::unique_ptr<BoundExpression> AggregateRef(int index, LogicalType type);

  Kind kind() const { return kind_; }
  const LogicalType& type() const { return type_; }
  int column_index() const { return index_; }

  /// Evaluates on `row` (and, for aggregate references, `aggregates`). Errors are runtime
  /// failures such as division by zero, overflow or a failed cast.
  Result<Value> Evaluate(const Row& row, const Row* aggregates = nullptr) const;

  /// Adds the indexes of the columns the expression reads to `columns`, each once, in the order
  /// they first appear.
  void CollectColumns(std::vector<int>* columns) const;

 private:
  BoundExpression(Kind kind, LogicalType type) : kind_(kind), type_(type) {}

  Kind kind_;
  LogicalType type_;
  int index_ = -1;
  BinaryOp op_ = BinaryOp::kEqual;
  Value constant_;
  bool negated_ = false;
  std::vector<std::unique_ptr<BoundExpression>> children_;
};

/// An aggregate over the rows of a group: count(*), count(x), sum, min, max, avg.
struct BoundAggregate {
  AggregateKind kind;
  /// Null for count(*).
  std::unique_ptr<BoundExpression> argument;
  bool distinct = false;
  /// The result type: BIGINT for counts, the widened type for sum, DOUBLE or DECIMAL for avg.
  LogicalType type;

  static Result<BoundAggregate> Make(AggregateKind kind, std::unique_ptr<BoundExpression> argument,
                                     bool distinct);
};

/// Folds rows into one aggregate's value. Not thread safe.
class AggregateState {
 public:
  explicit AggregateState(const BoundAggregate* aggregate) : aggregate_(aggregate) {}
  Status Update(const Row& row);
  Result<Value> Finalize() const;

 private:
  const BoundAggregate* aggregate_;
  int64_t count_ = 0;
  Value accumulator_;
  std::unordered_set<std::string> distinct_keys_;
};

/// A key that is equal for equal values of the same type (NULL included), for DISTINCT and
/// GROUP BY.
std::string ValueKey(const Value& value);

/// The SQL spelling of an operator ("=", "AND", "||").
const char* BinaryOpName(BinaryOp op);

}  // namespace inlet

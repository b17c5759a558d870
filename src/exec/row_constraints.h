#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "delta/constraints.h"
#include "exec/expression.h"
#include "formats/row_error.h"
#include "inlet/result.h"
#include "types/column.h"
#include "types/schema.h"

namespace inlet {

/// A table constraint with its expression bound to the columns of one schema.
struct BoundConstraint {
  TableConstraint constraint;
  /// BOOLEAN.
  std::shared_ptr<const BoundExpression> expression;
};

/// Binds a table's constraints to `schema`. The sql layer provides it (exec cannot parse SQL):
/// an expression that does not parse, names a column `schema` lacks, calls a function inlet
/// does not have or is not BOOLEAN is an error naming the constraint, so that a write is refused
/// rather than left unchecked.
using ConstraintBinder = std::function<Result<std::vector<BoundConstraint>>(
    const std::vector<TableConstraint>& constraints, const Schema& schema)>;

/// Where the rows of a batch come from, for messages: the file and the number of the batch's
/// first row in it.
struct RowOrigin {
  std::string file;
  /// 1-based, counting the rows the reader produced.
  int64_t first_row = 1;
  /// Empty for a whole file; otherwise which part of it, e.g. " of row groups [4, 8)", since row
  /// numbers then count from the start of that part.
  std::string part;
};

/// Checks rows against a table's constraints. A row passes when every constraint evaluates to
/// TRUE; FALSE and NULL are violations, as Delta writers treat them. Thread safe (holds no
/// mutable state).
class RowConstraintChecker {
 public:
  /// REQUIRES: `constraints` are bound to `schema`.
  RowConstraintChecker(std::vector<BoundConstraint> constraints, const Schema& schema);

  bool empty() const { return constraints_.empty(); }

  /// Checks every row of `batch`. Each violating row goes to `sink` as one RowError whose reason
  /// names the row, the first constraint it violates and the values of the columns that
  /// constraint reads: "row 17: CHECK constraint positive_amount (amount > 0) violated by
  /// amount => -3". When the sink returns an error, so does this; when it accepts the row, the
  /// row is left out of the batch returned (the batch itself when no row is). An error
  /// evaluating an expression (division by zero) fails with the row and the constraint named.
  Result<RecordBatchPtr> Check(RecordBatchPtr batch, const RowOrigin& origin,
                               RowErrorSink* sink) const;

  /// The first constraint `row` (values in schema order; only the columns constraints read
  /// need be set) violates, with the values of the columns it reads in `values`
  /// ("amount => -3, note => NULL"); nullptr when the row passes. Errors are evaluation
  /// failures, naming the constraint.
  Result<const TableConstraint*> FirstViolation(const Row& row, std::string* values) const;

 private:
  struct Entry {
    BoundConstraint bound;
    std::vector<int> columns;
    std::vector<std::string> column_names;
  };

  std::vector<Entry> constraints_;
  std::vector<int> columns_;  // every column some constraint reads
};

}  // namespace inlet

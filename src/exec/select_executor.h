#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "exec/expression.h"
#include "exec/result_set.h"
#include "inlet/result.h"

namespace inlet {

/// Where a SELECT's input rows come from: a table scan, or one empty row for SELECT without FROM.
class RowSource {
 public:
  virtual ~RowSource() = default;
  /// Replaces `rows` with the next rows; returns false at the end.
  virtual Result<bool> Next(std::vector<Row>* rows) = 0;
};

/// The source of `SELECT <expressions>` without FROM: exactly one row with no columns.
class SingleRowSource : public RowSource {
 public:
  Result<bool> Next(std::vector<Row>* rows) override;

 private:
  bool done_ = false;
};

/// One ORDER BY key, on a column of the output (the binder adds hidden output columns for keys
/// that are not in the select list).
struct SortKey {
  int output_index;
  bool descending = false;
  /// SQL's default: NULLs last ascending, first descending (as PostgreSQL and DuckDB).
  bool nulls_first = false;
};

/// A bound SELECT: filter, group and aggregate, project, DISTINCT, sort, OFFSET/LIMIT.
/// Expressions over groups read group-key columns from the group's first row and aggregate
/// values through BoundExpression::AggregateRef.
struct SelectPlan {
  std::unique_ptr<RowSource> source;
  std::unique_ptr<BoundExpression> where;
  std::vector<std::unique_ptr<BoundExpression>> group_by;
  std::vector<BoundAggregate> aggregates;
  std::unique_ptr<BoundExpression> having;
  /// The output columns; the last `hidden_columns` exist only for sorting.
  std::vector<std::unique_ptr<BoundExpression>> projections;
  std::vector<std::string> names;
  int hidden_columns = 0;
  bool distinct = false;
  std::vector<SortKey> order_by;
  std::optional<int64_t> limit;
  int64_t offset = 0;

  bool is_aggregate() const { return !group_by.empty() || !aggregates.empty(); }
};

/// Runs a SELECT to completion. Rows are processed one at a time; without ORDER BY, aggregates
/// or DISTINCT, the scan stops as soon as LIMIT rows are produced.
Result<ResultSet> ExecuteSelect(SelectPlan plan);

}  // namespace inlet

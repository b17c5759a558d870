#include "exec/select_executor.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace inlet {

Result<bool> SingleRowSource::Next(std::vector<Row>* rows) {
  rows->clear();
  if (done_) return false;
  done_ = true;
  rows->emplace_back();
  return true;
}

namespace {

// A key that orders and deduplicates rows of values: each value with its type class and text.
std::string RowKey(const Row& values) {
  std::string key;
  for (const Value& v : values) {
    key += ValueKey(v);
    key += '\x00';
  }
  return key;
}

Result<Row> Project(const SelectPlan& plan, const Row& row, const Row* aggregates) {
  Row out;
  out.reserve(plan.projections.size());
  for (const auto& projection : plan.projections) {
    INLET_ASSIGN_OR_RETURN(Value v, projection->Evaluate(row, aggregates));
    out.push_back(std::move(v));
  }
  return out;
}

Result<bool> Passes(const BoundExpression* predicate, const Row& row, const Row* aggregates) {
  if (predicate == nullptr) return true;
  INLET_ASSIGN_OR_RETURN(Value v, predicate->Evaluate(row, aggregates));
  return !v.is_null() && v.GetBool();
}

struct Group {
  Row first_row;
  std::vector<AggregateState> states;
};

Result<std::vector<Row>> RunAggregate(SelectPlan& plan) {
  std::unordered_map<std::string, size_t> group_index;
  std::vector<Group> groups;
  std::vector<Row> batch;
  while (true) {
    INLET_ASSIGN_OR_RETURN(bool more, plan.source->Next(&batch));
    if (!more) break;
    for (Row& row : batch) {
      INLET_ASSIGN_OR_RETURN(bool keep, Passes(plan.where.get(), row, nullptr));
      if (!keep) continue;
      Row key_values;
      for (const auto& key : plan.group_by) {
        INLET_ASSIGN_OR_RETURN(Value v, key->Evaluate(row));
        key_values.push_back(std::move(v));
      }
      auto [it, inserted] = group_index.emplace(RowKey(key_values), groups.size());
      if (inserted) {
        Group group;
        group.first_row = row;
        for (const BoundAggregate& aggregate : plan.aggregates) group.states.emplace_back(&aggregate);
        groups.push_back(std::move(group));
      }
      for (AggregateState& state : groups[it->second].states) {
        INLET_RETURN_NOT_OK(state.Update(row));
      }
    }
  }
  // An aggregate without GROUP BY over no rows still returns one row (count(*) = 0).
  if (groups.empty() && plan.group_by.empty()) {
    Group group;
    for (const BoundAggregate& aggregate : plan.aggregates) group.states.emplace_back(&aggregate);
    groups.push_back(std::move(group));
  }
  std::vector<Row> out;
  for (const Group& group : groups) {
    Row aggregates;
    for (const AggregateState& state : group.states) {
      INLET_ASSIGN_OR_RETURN(Value v, state.Finalize());
      aggregates.push_back(std::move(v));
    }
    INLET_ASSIGN_OR_RETURN(bool keep, Passes(plan.having.get(), group.first_row, &aggregates));
    if (!keep) continue;
    INLET_ASSIGN_OR_RETURN(Row projected, Project(plan, group.first_row, &aggregates));
    out.push_back(std::move(projected));
  }
  return out;
}

Result<std::vector<Row>> RunScan(SelectPlan& plan) {
  // Without sorting or deduplication, only offset + limit rows are ever needed.
  bool can_stop_early = plan.order_by.empty() && !plan.distinct && plan.limit.has_value();
  int64_t wanted = can_stop_early ? plan.offset + *plan.limit : -1;
  std::vector<Row> out;
  std::vector<Row> batch;
  while (wanted < 0 || static_cast<int64_t>(out.size()) < wanted) {
    INLET_ASSIGN_OR_RETURN(bool more, plan.source->Next(&batch));
    if (!more) break;
    for (Row& row : batch) {
      INLET_ASSIGN_OR_RETURN(bool keep, Passes(plan.where.get(), row, nullptr));
      if (!keep) continue;
      INLET_ASSIGN_OR_RETURN(Row projected, Project(plan, row, nullptr));
      out.push_back(std::move(projected));
      if (wanted >= 0 && static_cast<int64_t>(out.size()) >= wanted) break;
    }
  }
  return out;
}

}  // namespace

Result<ResultSet> ExecuteSelect(SelectPlan plan) {
  std::vector<Row> rows;
  if (plan.is_aggregate()) {
    INLET_ASSIGN_OR_RETURN(rows, RunAggregate(plan));
  } else {
    INLET_ASSIGN_OR_RETURN(rows, RunScan(plan));
  }
  if (plan.distinct) {
    std::unordered_set<std::string> seen;
    std::vector<Row> unique;
    for (Row& row : rows) {
      if (seen.insert(RowKey(row)).second) unique.push_back(std::move(row));
    }
    rows = std::move(unique);
  }
  if (!plan.order_by.empty()) {
    std::stable_sort(rows.begin(), rows.end(), [&plan](const Row& a, const Row& b) {
      for (const SortKey& key : plan.order_by) {
        const Value& x = a[key.output_index];
        const Value& y = b[key.output_index];
        if (x.is_null() || y.is_null()) {
          if (x.is_null() == y.is_null()) continue;
          return x.is_null() == key.nulls_first;
        }
        int c = x.Compare(y);
        if (c != 0) return key.descending ? c > 0 : c < 0;
      }
      return false;
    });
  }
  int64_t begin = std::min<int64_t>(plan.offset, static_cast<int64_t>(rows.size()));
  int64_t end = static_cast<int64_t>(rows.size());
  if (plan.limit.has_value()) end = std::min(end, begin + *plan.limit);
  ResultSet result;
  size_t visible = plan.projections.size() - plan.hidden_columns;
  result.names.assign(plan.names.begin(), plan.names.begin() + visible);
  for (size_t i = 0; i < visible; ++i) result.types.push_back(plan.projections[i]->type());
  for (int64_t i = begin; i < end; ++i) {
    rows[i].resize(visible);
    result.rows.push_back(std::move(rows[i]));
  }
  return result;
}

}  // namespace inlet

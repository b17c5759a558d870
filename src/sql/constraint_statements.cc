#include "sql/constraint_statements.h"

#include "common/string_util.h"
#include "delta/constraints.h"
#include "exec/row_constraints.h"
#include "exec/table_scan.h"
#include "sql/copy_binder.h"
#include "sql/select_binder.h"

namespace inlet::sql {

namespace {

// Commits `metadata` (and `protocol` when it changed) read at `snapshot` as `info`. A writer that
// committed first may have added rows the check did not see, so a lost race is an error to retry.
Result<int64_t> CommitMetadata(const DeltaTable& table, const Snapshot& snapshot,
                               const std::string& table_name, Protocol protocol, Metadata metadata,
                               CommitInfo info) {
  info.extras.emplace_back("readVersion", std::to_string(snapshot.version));
  std::vector<Action> actions{std::move(info)};
  if (!(protocol == snapshot.protocol)) actions.push_back(std::move(protocol));
  actions.push_back(std::move(metadata));
  Result<int64_t> version = table.Commit(snapshot.version, actions);
  if (version.status().IsConflict()) {
    return Status::Conflict("another writer changed table " + table_name +
                            " meanwhile; run the ALTER TABLE again");
  }
  return version;
}

}  // namespace

Result<int64_t> AddConstraint(const AlterTableStatement& alter, const DeltaTable& table) {
  std::string table_name = alter.table.ToString();
  INLET_ASSIGN_OR_RETURN(Snapshot snapshot, table.LoadSnapshot());
  INLET_RETURN_NOT_OK(snapshot.CheckWritable());
  std::string key = ConstraintPropertyKey(alter.constraint.text);
  auto existing = snapshot.metadata.configuration.find(key);
  if (existing != snapshot.metadata.configuration.end()) {
    return BindErrorAt(alter.constraint.position, "table " + table_name +
                                                      " already has a constraint " +
                                                      AsciiToLower(alter.constraint.text) + " (" +
                                                      existing->second + "); drop it first");
  }
  TableConstraint constraint{TableConstraint::Kind::kCheck, AsciiToLower(alter.constraint.text),
                             alter.check_text};
  INLET_ASSIGN_OR_RETURN(std::vector<BoundConstraint> bound,
                         BindConstraints(table_name, {constraint}, snapshot.schema()));
  RowConstraintChecker checker(std::move(bound), snapshot.schema());

  // As Delta does, the table's rows must all satisfy the constraint before it is added.
  TableScan scan(table, snapshot);
  std::vector<Row> rows;
  int64_t violations = 0;
  std::string example;
  while (true) {
    INLET_ASSIGN_OR_RETURN(bool more, scan.Next(&rows));
    if (!more) break;
    for (const Row& row : rows) {
      std::string values;
      INLET_ASSIGN_OR_RETURN(const TableConstraint* violated, checker.FirstViolation(row, &values));
      if (violated == nullptr) continue;
      if (violations++ == 0) example = values;
    }
  }
  if (violations > 0) {
    return Status::InvalidData("cannot add " + constraint.Describe() + " to table " + table_name +
                               ": " + std::to_string(violations) +
                               (violations == 1 ? " row violates" : " rows violate") +
                               " it, e.g. " + example);
  }

  Metadata metadata = snapshot.metadata;
  metadata.configuration[key] = alter.check_text;
  CommitInfo info = MakeCommitInfo("ADD CONSTRAINT");
  info.operation_parameters = {{"name", constraint.name}, {"expr", alter.check_text}};
  return CommitMetadata(table, snapshot, table_name, ProtocolForConstraints(snapshot.protocol),
                        std::move(metadata), std::move(info));
}

Result<std::optional<int64_t>> DropConstraint(const AlterTableStatement& alter,
                                              const DeltaTable& table) {
  std::string table_name = alter.table.ToString();
  INLET_ASSIGN_OR_RETURN(Snapshot snapshot, table.LoadSnapshot());
  INLET_RETURN_NOT_OK(snapshot.CheckWritable());
  Metadata metadata = snapshot.metadata;
  auto existing = metadata.configuration.find(ConstraintPropertyKey(alter.constraint.text));
  if (existing == metadata.configuration.end()) {
    if (alter.if_exists) return std::optional<int64_t>();
    return BindErrorAt(alter.constraint.position,
                       "table " + table_name + " has no constraint " +
                           AsciiToLower(alter.constraint.text) +
                           " (DROP CONSTRAINT IF EXISTS ignores a missing one)");
  }
  CommitInfo info = MakeCommitInfo("DROP CONSTRAINT");
  info.operation_parameters = {{"name", AsciiToLower(alter.constraint.text)},
                               {"expr", existing->second},
                               {"existed", "true"}};
  metadata.configuration.erase(existing);
  INLET_ASSIGN_OR_RETURN(int64_t version,
                         CommitMetadata(table, snapshot, table_name, snapshot.protocol,
                                        std::move(metadata), std::move(info)));
  return std::optional<int64_t>(version);
}

}  // namespace inlet::sql

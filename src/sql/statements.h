#pragma once

#include "exec/result_set.h"
#include "inlet/database.h"
#include "sql/ast.h"

namespace inlet::sql {

// One function per statement kind: bind against the database, run, return rows. Statements
// that return nothing return a ResultSet without columns.

Result<ResultSet> ExecuteCreateTable(const CreateTableStatement& create, Database& db);
Result<ResultSet> ExecuteOpenDeltaTable(const OpenDeltaTableStatement& open, Database& db);
Result<ResultSet> ExecuteDropTable(const DropTableStatement& drop, Database& db);
Result<ResultSet> ExecuteAlterTable(const AlterTableStatement& alter, Database& db);
Result<ResultSet> ExecuteShowTables(Database& db);
Result<ResultSet> ExecuteShowTableProperties(const ShowTablePropertiesStatement& show,
                                             Database& db);
Result<ResultSet> ExecuteDescribe(const DescribeStatement& describe, Database& db);
Result<ResultSet> ExecuteDescribeHistory(const DescribeHistoryStatement& describe, Database& db);
Result<ResultSet> ExecuteVacuum(const VacuumStatement& vacuum, Database& db);
Result<ResultSet> ExecuteSelectStatement(const SelectStatement& select, Database& db);

}  // namespace inlet::sql

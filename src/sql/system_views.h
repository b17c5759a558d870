#pragma once

#include <optional>

#include "catalog/load_history.h"
#include "exec/result_set.h"
#include "inlet/database.h"
#include "sql/ast.h"
#include "sql/select_binder.h"

namespace inlet::sql {

/// Binds a system view over the catalog's load history (docs/load-history.md), read with SELECT:
///
///   sys_load_history        one row per COPY (Redshift's SYS_LOAD_HISTORY)
///   stl_load_commits        one row per file a COPY committed (Redshift's STL_LOAD_COMMITS)
///   stl_load_errors         one row per rejected row or failed file (Redshift's STL_LOAD_ERRORS)
///   sys_load_error_detail   the same errors, Redshift's SYS_LOAD_ERROR_DETAIL columns
///   copy_history            one row per file a COPY read (Snowflake's COPY_HISTORY)
///
/// Each is also reachable as pg_catalog.<view>, information_schema.<view> or sys.<view>, which
/// always mean the view. An unqualified name means the view unless the catalog has a table of
/// that name: a table is never hidden. Nullopt when `name` is no system view; a BindError when
/// `time_travel` is given, since views have no versions.
Result<std::optional<BoundTable>> BindSystemView(const Name& name,
                                                 const std::optional<TimeTravel>& time_travel,
                                                 Database& db);

/// VALIDATE(table, job_id => '<query id>' | '_last'): the errors an earlier COPY into `table`
/// recorded, with Snowflake's VALIDATE columns. `_last` is the newest COPY into the table.
/// Errors point at the argument at fault: no table, an unknown table, a missing or unknown job
/// id, a job id of a COPY into another table, an unknown argument.
Result<BoundTable> BindValidate(const TableRef& call, Database& db);

/// Rejected rows with VALIDATE's columns (also VALIDATION_MODE = RETURN_ERRORS' result).
ResultSet ValidationErrorRows(const std::vector<LoadErrorRecord>& errors);

/// A stable id for a table name (STL_LOAD_ERRORS.tbl, SYS_LOAD_ERROR_DETAIL.table_id): the same
/// in every process and release, positive, 31 bits.
int64_t TableIdOf(const std::string& table_name);

}  // namespace inlet::sql

#pragma once

#include "inlet/database.h"
#include "sql/ast.h"
#include "sql/select_binder.h"

namespace inlet::sql {

/// Binds a table function in FROM. The ones there are:
///
///   sniff('path' [, option = value ...])   what the CSV sniffer finds in a file (see
///                                          SniffCsvFile): CSV format options given as
///                                          `name = value` are used as given, as in COPY.
///   validate(table, job_id => '<id>')      the errors of an earlier COPY (BindValidate).
///
/// Errors point at the call: an unknown function, a missing path, an unknown option.
Result<BoundTable> BindTableFunction(const TableRef& ref, Database& db);

}  // namespace inlet::sql

#pragma once

#include "delta/delta_table.h"
#include "inlet/result.h"
#include "sql/ast.h"

namespace inlet::sql {

/// ALTER TABLE ... ADD CONSTRAINT name CHECK (expr): binds the expression to the table's schema,
/// checks that every row of the table satisfies it (TRUE; FALSE and NULL violate it, as Delta
/// checks), and commits it as the table property delta.constraints.<name> with the protocol
/// raised to hold CHECK constraints. Returns the version committed. NotFound when the table has
/// no log; errors name the constraint, and for rows that violate it, how many and one row's
/// values.
Result<int64_t> AddConstraint(const AlterTableStatement& alter, const DeltaTable& table);

/// ALTER TABLE ... DROP CONSTRAINT [IF EXISTS] name: commits the table's properties without the
/// constraint. Returns the version committed, or nullopt when IF EXISTS found none.
Result<std::optional<int64_t>> DropConstraint(const AlterTableStatement& alter,
                                              const DeltaTable& table);

}  // namespace inlet::sql

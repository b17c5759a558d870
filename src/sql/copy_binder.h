#pragma once

#include "catalog/catalog.h"
#include "exec/copy_executor.h"
#include "formats/registry.h"
#include "fs/registry.h"
#include "inlet/result.h"
#include "sql/ast.h"

namespace inlet::sql {

/// The catalog name of a parsed table name: normalized parts joined by '.'.
std::string TableKey(const Name& name);
/// The normalized parts of a name, for the default table folder.
std::vector<std::string> NameParts(const Name& name);

/// What COPY INTO binding needs from the database.
struct CopyBindContext {
  Catalog* catalog;
  const FileSystemRegistry* file_systems;
  const FormatRegistry* formats;
};

/// Binds a table's constraints to `schema` (the ConstraintBinder of exec/row_constraints.h).
/// Errors name the table and the constraint: its text does not parse, reads a column `schema`
/// lacks, calls a function inlet does not have, or is not BOOLEAN.
Result<std::vector<BoundConstraint>> BindConstraints(
    const std::string& table_name, const std::vector<TableConstraint>& constraints,
    const Schema& schema);

/// Validates a COPY INTO statement into a plan: the table exists, the location resolves, every
/// option is known and well-formed. Errors point at the clause or option at fault and list the
/// valid choices.
Result<CopyPlan> BindCopy(const CopyIntoStatement& copy, const CopyBindContext& context);

/// Whether the statement speaks Snowflake's or Firebolt's words (a FILE_FORMAT = (...) of
/// Snowflake's options, a WITH (...) clause, or a Snowflake copy option such as ON_ERROR) rather
/// than the Databricks form's: such a COPY answers with one row per file by default.
bool SpeaksFileResultDialect(const CopyIntoStatement& copy);

}  // namespace inlet::sql

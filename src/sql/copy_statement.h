#pragma once

#include "exec/copy_progress.h"
#include "exec/result_set.h"
#include "inlet/database.h"
#include "inlet/settings.h"
#include "sql/ast.h"

namespace inlet::sql {

/// Runs COPY INTO (docs/errors.md has the result shapes): binds it, records it in the load
/// history as running, loads (or validates), records the outcome (completed or aborted, its
/// files and rejected rows), and returns
/// - VALIDATION_MODE = RETURN_<n>_ROWS: the first n rows, with the table's columns;
/// - VALIDATION_MODE = RETURN_ERRORS / RETURN_ALL_ERRORS: one row per error (VALIDATE's columns);
/// - otherwise, by `settings.copy_result`: one row per source file (Snowflake's columns plus
///   skip_reason, bytes and table_version) or the Delta form's metric/value rows. Its default
///   (auto) is per file when the statement speaks Snowflake's or Firebolt's words, metric rows
///   for the Databricks form.
/// The load counts what it reads in `progress` (null: nowhere).
Result<ResultSet> ExecuteCopyInto(const CopyIntoStatement& copy, Database& db,
                                  const SessionSettings& settings, CopyProgress* progress);

}  // namespace inlet::sql

#pragma once

#include "exec/result_set.h"
#include "inlet/result.h"
#include "inlet/settings.h"
#include "sql/ast.h"

namespace inlet::sql {

/// SET name = value: changes `settings`; returns no rows. Errors (an unknown name, a value the
/// setting does not take) list what is valid and point at the name or the value.
Result<ResultSet> ExecuteSet(const SetStatement& set, SessionSettings* settings);

/// RESET name | RESET ALL: puts one setting or all back to their defaults; returns no rows.
Result<ResultSet> ExecuteReset(const ResetStatement& reset, SessionSettings* settings);

/// SHOW name: one row, one column named after the setting, holding its value as text.
/// SHOW ALL: every setting (name, value, default, description), sorted by name.
Result<ResultSet> ExecuteShowSetting(const ShowSettingStatement& show,
                                     const SessionSettings& settings);

}  // namespace inlet::sql

#include "sql/setting_statements.h"

#include "sql/select_binder.h"

namespace inlet::sql {
namespace {

// The message of `status` placed at `position` in the statement.
Status At(const SourcePosition& position, const Status& status) {
  return BindErrorAt(position, status.message());
}

}  // namespace

Result<ResultSet> ExecuteSet(const SetStatement& set, SessionSettings* settings) {
  Result<std::string> known = settings->Get(set.name.text);
  if (!known.ok()) return At(set.name.position, known.status());
  Status status = settings->Set(set.name.text, set.value);
  if (!status.ok()) return At(set.value_position, status);
  return ResultSet{};
}

Result<ResultSet> ExecuteReset(const ResetStatement& reset, SessionSettings* settings) {
  if (!reset.name) {
    *settings = SessionSettings{};
    return ResultSet{};
  }
  Status status = settings->Reset(reset.name->text);
  if (!status.ok()) return At(reset.name->position, status);
  return ResultSet{};
}

Result<ResultSet> ExecuteShowSetting(const ShowSettingStatement& show,
                                     const SessionSettings& settings) {
  ResultSet result;
  if (show.name) {
    Result<std::string> value = settings.Get(show.name->text);
    if (!value.ok()) return At(show.name->position, value.status());
    result.names = {show.name->normalized};
    result.types = {LogicalType::Varchar()};
    result.rows.push_back({Value::Varchar(*value)});
    return result;
  }
  result.names = {"name", "value", "default", "description"};
  result.types.assign(4, LogicalType::Varchar());
  for (const SettingInfo& info : SessionSettings::Known()) {
    Result<std::string> value = settings.Get(info.name);
    INLET_RETURN_NOT_OK(value);
    result.rows.push_back({Value::Varchar(info.name), Value::Varchar(*value),
                           Value::Varchar(info.default_value), Value::Varchar(info.description)});
  }
  return result;
}

}  // namespace inlet::sql

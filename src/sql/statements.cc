#include "sql/statements.h"

#include <algorithm>
#include <set>

#include "catalog/catalog.h"
#include "common/string_util.h"
#include "delta/delta_table.h"
#include "delta/history.h"
#include "delta/json_writer.h"
#include "delta/partition_values.h"
#include "delta/schema_json.h"
#include "delta/table_properties.h"
#include "exec/copy_executor.h"
#include "exec/table_scan.h"
#include "exec/vacuum.h"
#include "formats/registry.h"
#include "fs/registry.h"
#include "sql/constraint_statements.h"
#include "sql/copy_binder.h"
#include "sql/select_binder.h"
#include "sql/system_views.h"
#include "sql/table_functions.h"
#include "types/cast.h"

namespace inlet::sql {

namespace {

ResultSet NoRows() { return ResultSet{}; }

Result<Schema> BindColumns(const std::vector<ColumnDefinition>& columns) {
  Schema schema;
  std::set<std::string> seen;
  for (const ColumnDefinition& column : columns) {
    if (!seen.insert(AsciiToLower(column.name.text)).second) {
      return BindErrorAt(column.position, "column \"" + column.name.text + "\" is defined twice");
    }
    INLET_ASSIGN_OR_RETURN(LogicalType type, BindTypeName(column.type));
    if (type.id() == TypeId::kTime) {
      return BindErrorAt(column.type.position,
                         "Delta Lake has no TIME type; declare the column \"" + column.name.text +
                             "\" as STRING");
    }
    Field field{column.name.text, type, !column.not_null, std::nullopt};
    if (column.default_value) {
      INLET_ASSIGN_OR_RETURN(Value value, BindConstant(*column.default_value, type));
      if (value.is_null() && column.not_null) {
        return BindErrorAt(column.default_value->position,
                           "column \"" + column.name.text + "\" is NOT NULL but its DEFAULT is NULL");
      }
      field.default_value = std::move(value);
    }
    schema.mutable_fields().push_back(std::move(field));
  }
  return schema;
}

// The PARTITIONED BY columns as the schema spells them.
Result<std::vector<std::string>> BindPartitionColumns(const std::vector<Identifier>& columns,
                                                      const Schema& schema) {
  std::vector<std::string> bound;
  for (const Identifier& column : columns) {
    int index = schema.FindField(column.text);
    if (index < 0) {
      return BindErrorAt(column.position, "partition column \"" + column.text +
                                              "\" is not a column of the table");
    }
    const Field& field = schema.field(index);
    Status type_ok = CheckPartitionColumnType(field.name, field.type);
    if (!type_ok.ok()) return BindErrorAt(column.position, type_ok.message());
    if (std::find(bound.begin(), bound.end(), field.name) != bound.end()) {
      return BindErrorAt(column.position,
                         "partition column \"" + column.text + "\" is given twice");
    }
    bound.push_back(field.name);
  }
  if (!bound.empty() && bound.size() == schema.num_fields()) {
    return BindErrorAt(columns.front().position,
                       "a table cannot be partitioned by all of its columns; its data files "
                       "would hold none");
  }
  return bound;
}

using PropertyList = std::vector<std::pair<std::string, std::string>>;

// The properties of a TBLPROPERTIES list, each checked on its own so that an error points at it;
// whether they go together with the rest of the table's properties is the Delta layer's check.
Result<PropertyList> BindProperties(const std::vector<TableProperty>& properties) {
  PropertyList bound;
  std::set<std::string> seen;
  for (const TableProperty& property : properties) {
    Result<std::string> key = ValidateTableProperty(property.key.value, property.value.value);
    if (!key.ok()) return BindErrorAt(property.key.position, key.status().message());
    if (!seen.insert(*key).second) {
      return BindErrorAt(property.key.position, "table property '" + *key + "' is given twice");
    }
    bound.emplace_back(property.key.value, property.value.value);
  }
  return bound;
}

struct TableHandle {
  TableEntry entry;
  DeltaTable table;
};

Result<TableHandle> LookUpTable(const Name& name, Database& db) {
  auto entry = db.catalog().GetTable(TableKey(name));
  if (!entry.ok()) {
    if (entry.status().IsNotFound()) {
      return BindErrorAt(name.position, "table " + name.ToString() + " does not exist");
    }
    return entry.status();
  }
  INLET_ASSIGN_OR_RETURN(ResolvedLocation location, db.file_systems().Resolve(entry->location));
  return TableHandle{*entry, DeltaTable(location.fs, location.path)};
}

// Commits the change of table properties `alter` asks for; returns the version.
Result<int64_t> CommitPropertyChange(const AlterTableStatement& alter, const DeltaTable& table) {
  if (alter.action == AlterTableStatement::Action::kUnsetProperties) {
    std::vector<std::string> keys;
    for (const StringLiteral& key : alter.keys) keys.push_back(key.value);
    return table.UnsetProperties(keys, alter.if_exists);
  }
  INLET_ASSIGN_OR_RETURN(PropertyList properties, BindProperties(alter.properties));
  return table.SetProperties(properties);
}

// Whether `location` already holds a Delta log.
Result<bool> HasDeltaLog(const ResolvedLocation& location) {
  auto snapshot = DeltaTable(location.fs, location.path).LoadSnapshot();
  if (snapshot.ok()) return true;
  if (snapshot.status().IsNotFound()) return false;
  return snapshot.status();
}

Status RemoveFolder(const ResolvedLocation& location) {
  auto files = location.fs->ListFiles(location.path, /*recursive=*/true);
  if (!files.ok()) return files.status().IsNotFound() ? Status::OK() : files.status();
  for (const FileInfo& file : *files) INLET_RETURN_NOT_OK(location.fs->DeleteFile(file.path));
  return Status::OK();
}

}  // namespace

Result<ResultSet> ExecuteCreateTable(const CreateTableStatement& create, Database& db) {
  std::string key = TableKey(create.table);
  auto existing = db.catalog().GetTable(key);
  if (existing.ok()) {
    if (create.if_not_exists) return NoRows();
    return BindErrorAt(create.table.position, "table " + create.table.ToString() + " already exists");
  }
  if (!existing.status().IsNotFound()) return existing.status();

  std::string location_text = create.location ? create.location->value
                                              : db.catalog().DefaultTableLocation(NameParts(create.table));
  auto location = db.file_systems().Resolve(location_text);
  if (!location.ok()) {
    return create.location ? BindErrorAt(create.location->position, location.status().message())
                           : location.status();
  }
  INLET_ASSIGN_OR_RETURN(bool has_log, HasDeltaLog(*location));
  if (create.columns.empty() && !create.partition_columns.empty()) {
    return BindErrorAt(create.partition_columns.front().position,
                       "PARTITIONED BY needs a column list; a table without one takes its "
                       "partitioning from the Delta table at its LOCATION");
  }
  if (create.columns.empty() && !create.properties.empty()) {
    // The table's metaData is written by its first COPY INTO, or is already there: there is no
    // commit for the properties to go in.
    return BindErrorAt(create.properties.front().key.position,
                       "TBLPROPERTIES needs a column list; set the properties of a table without "
                       "one with ALTER TABLE " + create.table.ToString() + " SET TBLPROPERTIES");
  }
  if (!create.columns.empty()) {
    INLET_ASSIGN_OR_RETURN(Schema schema, BindColumns(create.columns));
    INLET_ASSIGN_OR_RETURN(std::vector<std::string> partition_columns,
                           BindPartitionColumns(create.partition_columns, schema));
    if (has_log) {
      return BindErrorAt(create.table.position,
                         "a Delta table already exists at '" + location->display +
                             "'; register it with OPEN DELTA TABLE " + create.table.ToString() +
                             " LOCATION '" + location->display + "'");
    }
    INLET_ASSIGN_OR_RETURN(PropertyList properties, BindProperties(create.properties));
    INLET_ASSIGN_OR_RETURN(auto configuration, WithTableProperties({}, properties));
    auto created = DeltaTable::Create(location->fs, location->path, schema,
                                      std::move(partition_columns), std::move(configuration), key);
    if (!created.ok()) return created.status();
  }
  // Without columns the table takes its schema from the Delta table already there, or from
  // the first COPY INTO.
  Status registered = db.catalog().CreateTable({key, location->display, NowMicros()});
  if (registered.IsAlreadyExists() && create.if_not_exists) return NoRows();
  INLET_RETURN_NOT_OK(registered);
  return NoRows();
}

Result<ResultSet> ExecuteOpenDeltaTable(const OpenDeltaTableStatement& open, Database& db) {
  auto location = db.file_systems().Resolve(open.location.value);
  if (!location.ok()) return BindErrorAt(open.location.position, location.status().message());
  auto snapshot = DeltaTable(location->fs, location->path).LoadSnapshot();
  if (!snapshot.ok()) {
    if (snapshot.status().IsNotFound()) {
      return BindErrorAt(open.location.position,
                         "no Delta table at '" + location->display + "' (it has no _delta_log)");
    }
    return snapshot.status().WithContext("cannot open the Delta table at '" + location->display + "'");
  }
  Status registered = db.catalog().CreateTable({TableKey(open.table), location->display, NowMicros()});
  if (registered.IsAlreadyExists()) {
    return BindErrorAt(open.table.position, "table " + open.table.ToString() + " already exists");
  }
  INLET_RETURN_NOT_OK(registered);
  return NoRows();
}

Result<ResultSet> ExecuteDropTable(const DropTableStatement& drop, Database& db) {
  std::string key = TableKey(drop.table);
  auto entry = db.catalog().GetTable(key);
  if (!entry.ok()) {
    if (entry.status().IsNotFound()) {
      if (drop.if_exists) return NoRows();
      return BindErrorAt(drop.table.position, "table " + drop.table.ToString() + " does not exist");
    }
    return entry.status();
  }
  INLET_RETURN_NOT_OK(db.catalog().DropTable(key));
  // A table inlet placed in the warehouse is inlet's to delete; one at a user's LOCATION (or
  // opened from elsewhere) keeps its files, as an external table does.
  INLET_ASSIGN_OR_RETURN(ResolvedLocation managed,
                         db.file_systems().Resolve(db.catalog().DefaultTableLocation(NameParts(drop.table))));
  if (managed.display == entry->location) INLET_RETURN_NOT_OK(RemoveFolder(managed));
  return NoRows();
}

Result<ResultSet> ExecuteAlterTable(const AlterTableStatement& alter, Database& db) {
  INLET_ASSIGN_OR_RETURN(TableHandle handle, LookUpTable(alter.table, db));
  Status committed;
  switch (alter.action) {
    case AlterTableStatement::Action::kAddConstraint:
      committed = AddConstraint(alter, handle.table).status();
      break;
    case AlterTableStatement::Action::kDropConstraint:
      committed = DropConstraint(alter, handle.table).status();
      break;
    default:
      committed = CommitPropertyChange(alter, handle.table).status();
  }
  if (committed.IsNotFound()) {
    return BindErrorAt(alter.table.position,
                       "table " + alter.table.ToString() +
                           " has no Delta log yet to hold properties; its first COPY INTO "
                           "writes one");
  }
  INLET_RETURN_NOT_OK(committed);
  return NoRows();
}

Result<ResultSet> ExecuteShowTableProperties(const ShowTablePropertiesStatement& show,
                                             Database& db) {
  INLET_ASSIGN_OR_RETURN(TableHandle handle, LookUpTable(show.table, db));
  ResultSet result;
  result.names = {"key", "value"};
  result.types = {LogicalType::Varchar(), LogicalType::Varchar()};
  std::map<std::string, std::string> configuration;
  auto snapshot = handle.table.LoadSnapshot();
  // A table registered without columns has no properties until its first load.
  if (snapshot.ok()) {
    configuration = snapshot->metadata.configuration;
  } else if (!snapshot.status().IsNotFound()) {
    return snapshot.status();
  }
  if (show.key) {
    auto it = configuration.find(CanonicalPropertyKey(show.key->value));
    if (it == configuration.end()) {
      return BindErrorAt(show.key->position, "table " + show.table.ToString() +
                                                 " has no property '" + show.key->value + "'");
    }
    result.rows.push_back({Value::Varchar(it->first), Value::Varchar(it->second)});
    return result;
  }
  for (const auto& [key, value] : configuration) {
    result.rows.push_back({Value::Varchar(key), Value::Varchar(value)});
  }
  return result;
}

Result<ResultSet> ExecuteShowTables(Database& db) {
  INLET_ASSIGN_OR_RETURN(std::vector<TableEntry> tables, db.catalog().ListTables());
  ResultSet result;
  result.names = {"name", "location"};
  result.types = {LogicalType::Varchar(), LogicalType::Varchar()};
  for (const TableEntry& table : tables) {
    result.rows.push_back({Value::Varchar(table.name), Value::Varchar(table.location)});
  }
  return result;
}

Result<ResultSet> ExecuteDescribe(const DescribeStatement& describe, Database& db) {
  INLET_ASSIGN_OR_RETURN(TableHandle handle, LookUpTable(describe.table, db));
  ResultSet result;
  result.names = {"column_name", "column_type", "null", "default"};
  result.types = {LogicalType::Varchar(), LogicalType::Varchar(), LogicalType::Varchar(),
                  LogicalType::Varchar()};
  auto snapshot = handle.table.LoadSnapshot();
  // A table registered without columns has no schema until its first load.
  if (!snapshot.ok() && snapshot.status().IsNotFound()) return result;
  INLET_RETURN_NOT_OK(snapshot.status());
  for (const Field& field : snapshot->schema().fields()) {
    result.rows.push_back({Value::Varchar(field.name), Value::Varchar(field.type.ToString()),
                           Value::Varchar(field.nullable ? "YES" : "NO"),
                           field.default_value ? Value::Varchar(DefaultValueToSql(*field.default_value))
                                               : Value::Null(LogicalType::Varchar())});
  }
  // Databricks lists the partition columns again under this heading.
  const std::vector<std::string>& partition_columns = snapshot->metadata.partition_columns;
  if (!partition_columns.empty()) {
    Value none = Value::Null(LogicalType::Varchar());
    result.rows.push_back({Value::Varchar("# Partition Information"), none, none, none});
    result.rows.push_back({Value::Varchar("# col_name"), Value::Varchar("data_type"), none, none});
    for (const std::string& name : partition_columns) {
      int index = snapshot->schema().FindField(name);
      Value type = index < 0 ? none : Value::Varchar(snapshot->schema().field(index).type.ToString());
      result.rows.push_back({Value::Varchar(name), type, none, none});
    }
  }
  return result;
}


namespace {

// The snapshot a FROM clause reads: the latest, or the version VERSION / TIMESTAMP AS OF names.
// A table registered but never loaded has no log yet, and so no versions to travel to.
Result<Snapshot> LoadSnapshotAsOf(const Name& name, const std::optional<TimeTravel>& travel,
                                  const DeltaTable& table) {
  if (!travel) return table.LoadSnapshot();
  auto error = [&](const Status& status) {
    return BindErrorAt(travel->position, travel->ToString() + ": " + status.message());
  };
  int64_t version = travel->version;
  if (travel->kind == TimeTravel::Kind::kTimestamp) {
    int64_t micros = 0;
    bool had_zone = false;
    if (!ParseTimestamp(travel->timestamp, &micros, &had_zone)) {
      return BindErrorAt(travel->position, "TIMESTAMP AS OF: '" + travel->timestamp +
                                               "' is not a timestamp such as '2024-01-31 "
                                               "12:00:00'");
    }
    // A commit at 12:00:00.250 is not yet there at 12:00:00.249999.
    int64_t millis = micros >= 0 ? micros / 1000 : (micros - 999) / 1000;
    Result<int64_t> found = VersionAsOfTimestamp(table, millis);
    if (found.status().IsNotFound()) {
      return BindErrorAt(travel->position, "table " + name.ToString() + " has no versions yet");
    }
    if (!found.ok()) return error(found.status());
    version = *found;
  } else if (version < 0) {
    return BindErrorAt(travel->position,
                       travel->ToString() + ": a table version cannot be negative");
  }
  Result<Snapshot> snapshot = table.LoadSnapshot(version);
  if (snapshot.status().IsNotFound()) return error(snapshot.status());
  return snapshot;
}

// A map of commitInfo as the JSON object Databricks shows.
Value JsonMapValue(const std::map<std::string, std::string>& values) {
  JsonWriter w;
  w.BeginObject();
  for (const auto& [key, value] : values) w.StringMember(key, value);
  w.EndObject();
  return Value::Varchar(std::move(w).Take());
}

// A commitInfo member inlet keeps as JSON text; NULL when absent or of another type.
Value ExtraValue(const CommitInfo& info, std::string_view name, const LogicalType& type) {
  for (const auto& [key, json] : info.extras) {
    if (key != name) continue;
    if (type.id() == TypeId::kBoolean) {
      if (json == "true" || json == "false") return Value::Boolean(json == "true");
    } else if (auto cast = CastTextToValue(json, type); cast.ok()) {
      return *cast;
    }
  }
  return Value::Null(type);
}

}  // namespace

Result<ResultSet> ExecuteDescribeHistory(const DescribeHistoryStatement& describe, Database& db) {
  INLET_ASSIGN_OR_RETURN(TableHandle handle, LookUpTable(describe.table, db));
  ResultSet result;
  result.names = {"version",      "timestamp",     "operation",        "operationParameters",
                  "readVersion",  "isBlindAppend", "operationMetrics", "engineInfo"};
  result.types = {LogicalType::BigInt(),  LogicalType::TimestampTz(), LogicalType::Varchar(),
                  LogicalType::Varchar(), LogicalType::BigInt(),      LogicalType::Boolean(),
                  LogicalType::Varchar(), LogicalType::Varchar()};
  auto history = ReadHistory(handle.table, describe.limit);
  // A table registered but never loaded has no commits yet.
  if (history.status().IsNotFound()) return result;
  INLET_RETURN_NOT_OK(history.status());
  for (const CommitHistoryEntry& entry : *history) {
    Row row{Value::BigInt(entry.version), Value::TimestampTz(entry.timestamp_ms * 1000)};
    if (!entry.commit_info) {
      for (size_t i = 2; i < result.types.size(); ++i) row.push_back(Value::Null(result.types[i]));
    } else {
      const CommitInfo& info = *entry.commit_info;
      row.push_back(Value::Varchar(info.operation));
      row.push_back(JsonMapValue(info.operation_parameters));
      row.push_back(ExtraValue(info, "readVersion", LogicalType::BigInt()));
      row.push_back(ExtraValue(info, "isBlindAppend", LogicalType::Boolean()));
      row.push_back(JsonMapValue(info.operation_metrics));
      row.push_back(info.engine_info ? Value::Varchar(*info.engine_info)
                                     : Value::Null(LogicalType::Varchar()));
    }
    result.rows.push_back(std::move(row));
  }
  return result;
}

Result<ResultSet> ExecuteVacuum(const VacuumStatement& vacuum, Database& db) {
  INLET_ASSIGN_OR_RETURN(TableHandle handle, LookUpTable(vacuum.table, db));
  VacuumOptions options;
  options.dry_run = vacuum.dry_run;
  options.now_ms = NowMicros() / 1000;
  if (vacuum.retain_hours) {
    Result<Value> hours = CastTextToValue(*vacuum.retain_hours, LogicalType::Double());
    if (!hours.ok() || hours->GetDouble() < 0 || hours->GetDouble() > 1e12) {
      return BindErrorAt(vacuum.retain_position,
                         "RETAIN takes a number of hours, not " + *vacuum.retain_hours);
    }
    options.retain_ms = static_cast<int64_t>(hours->GetDouble() * 3600 * 1000);
  }
  Result<VacuumResult> vacuumed = Vacuum(handle.table, handle.entry.name, options);
  if (vacuumed.status().IsNotFound()) {
    return BindErrorAt(vacuum.table.position, "table " + vacuum.table.ToString() +
                                                  " has no Delta log yet: nothing to vacuum");
  }
  INLET_RETURN_NOT_OK(vacuumed.status());
  ResultSet result;
  result.names = {"path"};
  result.types = {LogicalType::Varchar()};
  for (const std::string& path : vacuumed->files) result.rows.push_back({Value::Varchar(path)});
  return result;
}

Result<ResultSet> ExecuteSelectStatement(const SelectStatement& select, Database& db) {
  TableResolver resolve = [&db, &select](const Name& name) -> Result<BoundTable> {
    INLET_ASSIGN_OR_RETURN(std::optional<BoundTable> view,
                           BindSystemView(name, select.from->time_travel, db));
    if (view) return std::move(*view);
    INLET_ASSIGN_OR_RETURN(TableHandle handle, LookUpTable(name, db));
    BoundTable bound;
    bound.name = handle.entry.name;
    // A SELECT has one FROM table, the one being resolved.
    const std::optional<TimeTravel>& travel = select.from->time_travel;
    auto snapshot = LoadSnapshotAsOf(name, travel, handle.table);
    // A table registered but never loaded has no log yet: no columns, no rows.
    auto shared_snapshot = std::make_shared<Snapshot>();
    if (snapshot.ok()) {
      *shared_snapshot = std::move(*snapshot);
    } else if (travel || !snapshot.status().IsNotFound()) {
      return snapshot.status();
    }
    bound.schema = shared_snapshot->schema();
    DeltaTable table = handle.table;
    bound.open_scan = [table, shared_snapshot]() -> Result<std::unique_ptr<RowSource>> {
      return std::unique_ptr<RowSource>(std::make_unique<TableScan>(table, *shared_snapshot));
    };
    return bound;
  };
  TableFunctionResolver resolve_function = [&db](const TableRef& call) {
    return BindTableFunction(call, db);
  };
  INLET_ASSIGN_OR_RETURN(SelectPlan plan, BindSelect(select, resolve, resolve_function));
  return ExecuteSelect(std::move(plan));
}

}  // namespace inlet::sql

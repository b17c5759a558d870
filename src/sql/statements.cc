#include "sql/statements.h"

#include <set>

#include "catalog/catalog.h"
#include "common/string_util.h"
#include "delta/delta_table.h"
#include "delta/schema_json.h"
#include "delta/table_properties.h"
#include "exec/copy_executor.h"
#include "exec/table_scan.h"
#include "formats/registry.h"
#include "fs/registry.h"
#include "sql/copy_binder.h"
#include "sql/select_binder.h"

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
  if (create.columns.empty() && !create.properties.empty()) {
    // The table's metaData is written by its first COPY INTO, or is already there: there is no
    // commit for the properties to go in.
    return BindErrorAt(create.properties.front().key.position,
                       "TBLPROPERTIES needs a column list; set the properties of a table without "
                       "one with ALTER TABLE " + create.table.ToString() + " SET TBLPROPERTIES");
  }
  if (!create.columns.empty()) {
    INLET_ASSIGN_OR_RETURN(Schema schema, BindColumns(create.columns));
    if (has_log) {
      return BindErrorAt(create.table.position,
                         "a Delta table already exists at '" + location->display +
                             "'; register it with OPEN DELTA TABLE " + create.table.ToString() +
                             " LOCATION '" + location->display + "'");
    }
    INLET_ASSIGN_OR_RETURN(PropertyList properties, BindProperties(create.properties));
    INLET_ASSIGN_OR_RETURN(auto configuration, WithTableProperties({}, properties));
    auto created =
        DeltaTable::Create(location->fs, location->path, schema, {}, std::move(configuration), key);
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
  Result<int64_t> committed = CommitPropertyChange(alter, handle.table);
  if (committed.status().IsNotFound()) {
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
  return result;
}

Result<ResultSet> ExecuteCopyInto(const CopyIntoStatement& copy, Database& db) {
  CopyBindContext context{&db.catalog(), &db.file_systems(), &db.formats()};
  INLET_ASSIGN_OR_RETURN(CopyPlan plan, BindCopy(copy, context));
  CopySettings settings;
  settings.pool = &db.thread_pool();
  settings.formats = &db.formats();
  if (db.options().split_min_bytes) settings.split_min_bytes = *db.options().split_min_bytes;
  INLET_ASSIGN_OR_RETURN(CopyOutcome outcome, ExecuteCopy(plan, settings));
  ResultSet result;
  result.names = {"metric", "value"};
  result.types = {LogicalType::Varchar(), LogicalType::BigInt()};
  auto add = [&result](const char* metric, int64_t value) {
    result.rows.push_back({Value::Varchar(metric), Value::BigInt(value)});
  };
  add("rows_copied", outcome.rows_copied);
  add("files_processed", outcome.files_processed);
  add("files_skipped", outcome.files_skipped);
  add("files_added", outcome.files_added);
  add("bytes_read", outcome.bytes_read);
  add("bytes_written", outcome.bytes_written);
  add("target_version", outcome.target_version);
  return result;
}

Result<ResultSet> ExecuteSelectStatement(const SelectStatement& select, Database& db) {
  TableResolver resolve = [&db](const Name& name) -> Result<BoundTable> {
    INLET_ASSIGN_OR_RETURN(TableHandle handle, LookUpTable(name, db));
    BoundTable bound;
    bound.name = handle.entry.name;
    auto snapshot = handle.table.LoadSnapshot();
    // A table registered but never loaded has no log yet: no columns, no rows.
    auto shared_snapshot = std::make_shared<Snapshot>();
    if (snapshot.ok()) {
      *shared_snapshot = std::move(*snapshot);
    } else if (!snapshot.status().IsNotFound()) {
      return snapshot.status();
    }
    bound.schema = shared_snapshot->schema();
    DeltaTable table = handle.table;
    bound.open_scan = [table, shared_snapshot]() -> Result<std::unique_ptr<RowSource>> {
      return std::unique_ptr<RowSource>(std::make_unique<TableScan>(table, *shared_snapshot));
    };
    return bound;
  };
  INLET_ASSIGN_OR_RETURN(SelectPlan plan, BindSelect(select, resolve));
  return ExecuteSelect(std::move(plan));
}

}  // namespace inlet::sql

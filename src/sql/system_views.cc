#include "sql/system_views.h"

#include <algorithm>
#include <charconv>
#include <filesystem>

#include "catalog/catalog.h"
#include "common/string_util.h"
#include "exec/sniff_function.h"
#include "sql/copy_binder.h"

namespace inlet::sql {

namespace {

// Redshift's own queries on these views keep user rows with `userid > 1` (1 is rdsdb, the
// system); 100 is the id Redshift gives its first user, so such queries see inlet's loads.
constexpr int64_t kUserId = 100;

// Unknown numbers (-1 in the records) and texts (empty) show as NULL.
Value Int(int64_t v) { return Value::BigInt(v); }
Value IntOrNull(int64_t v) { return v < 0 ? Value::Null(LogicalType::BigInt()) : Value::BigInt(v); }
Value TextOrNull(const std::string& text) {
  return text.empty() ? Value::Null(LogicalType::Varchar()) : Value::Varchar(text);
}
Value Time(int64_t micros) { return Value::Timestamp(micros); }
bool Running(const LoadRecord& load) { return load.status == "running"; }
Value EndTime(const LoadRecord& load) {
  return Running(load) ? Value::Null(LogicalType::Timestamp()) : Time(load.end_micros);
}
// Only a completed COPY committed a version; an aborted one may have read one.
Value TransactionId(const LoadRecord& load) {
  return load.status == "completed" ? IntOrNull(load.table_version)
                                    : Value::Null(LogicalType::BigInt());
}

Schema MakeSchema(const std::vector<std::pair<const char*, LogicalType>>& columns) {
  std::vector<Field> fields;
  for (const auto& [name, type] : columns) fields.push_back(Field{name, type, true, std::nullopt});
  return Schema(std::move(fields));
}

const LogicalType kBigInt = LogicalType::BigInt();
const LogicalType kText = LogicalType::Varchar();
const LogicalType kTime = LogicalType::Timestamp();

// ----- sys_load_history: one row per COPY

Schema SysLoadHistorySchema() {
  return MakeSchema({{"user_id", kBigInt},           {"query_id", kBigInt},
                     {"transaction_id", kBigInt},    {"session_id", kBigInt},
                     {"database_name", kText},       {"status", kText},
                     {"table_name", kText},          {"start_time", kTime},
                     {"end_time", kTime},            {"duration", kBigInt},
                     {"data_source", kText},         {"file_format", kText},
                     {"loaded_rows", kBigInt},       {"loaded_bytes", kBigInt},
                     {"source_file_count", kBigInt}, {"source_file_bytes", kBigInt},
                     {"file_count_scanned", kBigInt}, {"file_bytes_scanned", kBigInt},
                     {"error_count", kBigInt},       {"copy_job_id", kBigInt}});
}

std::vector<Row> SysLoadHistoryRows(const std::vector<LoadRecord>& loads,
                                    const std::string& database) {
  std::vector<Row> rows;
  for (const LoadRecord& load : loads) {
    rows.push_back({Int(kUserId), Int(load.query_id), TransactionId(load), Int(0),
                    Value::Varchar(database), Value::Varchar(load.status),
                    Value::Varchar(load.table_name), Time(load.start_micros), EndTime(load),
                    Running(load) ? Value::Null(kBigInt) : Int(load.end_micros - load.start_micros),
                    Value::Varchar(load.data_source), Value::Varchar(load.file_format),
                    Int(load.loaded_rows), Int(load.loaded_bytes), Int(load.source_file_count),
                    Int(load.source_file_bytes), Int(load.file_count_scanned),
                    Int(load.file_bytes_scanned), Int(load.error_count), Int(0)});
  }
  return rows;
}

// ----- stl_load_commits: one row per file a completed COPY committed rows of

Schema StlLoadCommitsSchema() {
  return MakeSchema({{"userid", kBigInt},      {"query", kBigInt},       {"slice", kBigInt},
                     {"name", kText},          {"filename", kText},      {"byte_offset", kBigInt},
                     {"lines_scanned", kBigInt}, {"errors", kBigInt},    {"curtime", kTime},
                     {"status", kBigInt},      {"file_format", kText},   {"is_partial", kBigInt},
                     {"start_offset", kBigInt}, {"copy_job_id", kBigInt}});
}

std::vector<Row> StlLoadCommitsRows(const std::vector<LoadRecord>& loads, const std::string&) {
  std::vector<Row> rows;
  for (const LoadRecord& load : loads) {
    if (load.status != "completed") continue;
    for (const FileLoadRecord& file : load.files) {
      if (file.status != FileLoadStatus::kLoaded &&
          file.status != FileLoadStatus::kPartiallyLoaded) {
        continue;
      }
      // One row per file, not per range: byte_offset is where the load ended, the file's size.
      rows.push_back({Int(kUserId), Int(load.query_id), Int(0), Value::Varchar(load.table_name),
                      Value::Varchar(file.file_name), Int(file.file_bytes), Int(file.rows_parsed),
                      Int(file.errors_seen), Time(load.end_micros), Int(1),
                      Value::Varchar(load.file_format), Int(file.split ? 1 : 0), Int(0), Int(0)});
    }
  }
  return rows;
}

// ----- stl_load_errors and sys_load_error_detail: one row per rejected row or failed file

Schema StlLoadErrorsSchema() {
  return MakeSchema({{"userid", kBigInt},        {"slice", kBigInt},     {"tbl", kBigInt},
                     {"starttime", kTime},       {"session", kBigInt},   {"query", kBigInt},
                     {"filename", kText},        {"line_number", kBigInt}, {"colname", kText},
                     {"type", kText},            {"col_length", kBigInt}, {"position", kBigInt},
                     {"raw_line", kText},        {"raw_field_value", kText},
                     {"err_code", kBigInt},      {"err_reason", kText}});
}

std::vector<Row> StlLoadErrorsRows(const std::vector<LoadRecord>& loads, const std::string&) {
  std::vector<Row> rows;
  for (const LoadRecord& load : loads) {
    for (const LoadErrorRecord& error : load.errors) {
      rows.push_back({Int(kUserId), Int(0), Int(TableIdOf(load.table_name)),
                      Time(load.start_micros), Int(0), Int(load.query_id),
                      Value::Varchar(error.file_name), IntOrNull(error.line_number),
                      TextOrNull(error.column_name), TextOrNull(error.column_type),
                      IntOrNull(error.column_length), IntOrNull(error.position),
                      TextOrNull(error.raw_line), TextOrNull(error.raw_field_value),
                      Int(error.error_code), Value::Varchar(error.error_message)});
    }
  }
  return rows;
}

Schema SysLoadErrorDetailSchema() {
  return MakeSchema({{"user_id", kBigInt},      {"query_id", kBigInt},   {"transaction_id", kBigInt},
                     {"session_id", kBigInt},   {"database_name", kText}, {"table_id", kBigInt},
                     {"start_time", kTime},     {"file_name", kText},    {"line_number", kBigInt},
                     {"column_name", kText},    {"column_type", kText},  {"column_length", kBigInt},
                     {"position", kBigInt},     {"error_code", kBigInt}, {"error_message", kText}});
}

std::vector<Row> SysLoadErrorDetailRows(const std::vector<LoadRecord>& loads,
                                        const std::string& database) {
  std::vector<Row> rows;
  for (const LoadRecord& load : loads) {
    for (const LoadErrorRecord& error : load.errors) {
      rows.push_back({Int(kUserId), Int(load.query_id), TransactionId(load), Int(0),
                      Value::Varchar(database), Int(TableIdOf(load.table_name)),
                      Time(load.start_micros), Value::Varchar(error.file_name),
                      IntOrNull(error.line_number), TextOrNull(error.column_name),
                      TextOrNull(error.column_type), IntOrNull(error.column_length),
                      IntOrNull(error.position), Int(error.error_code),
                      Value::Varchar(error.error_message)});
    }
  }
  return rows;
}

// ----- copy_history: one row per file a finished COPY read, Snowflake's words

Schema CopyHistorySchema() {
  return MakeSchema({{"table_name", kText},
                     {"schema_name", kText},
                     {"file_name", kText},
                     {"last_load_time", kTime},
                     {"status", kText},
                     {"row_count", kBigInt},
                     {"row_parsed", kBigInt},
                     {"first_error_message", kText},
                     {"first_error_line_number", kBigInt},
                     {"first_error_character_position", kBigInt},
                     {"first_error_col_name", kText},
                     {"error_count", kBigInt},
                     {"error_limit", kBigInt}});
}

std::vector<Row> CopyHistoryRows(const std::vector<LoadRecord>& loads, const std::string&) {
  std::vector<Row> rows;
  for (const LoadRecord& load : loads) {
    if (Running(load)) continue;
    // "bronze.raw.orders": table orders in schema raw.
    std::vector<std::string> parts = SplitString(load.table_name, '.');
    Value schema = parts.size() > 1 ? Value::Varchar(parts[parts.size() - 2])
                                    : Value::Null(LogicalType::Varchar());
    for (const FileLoadRecord& file : load.files) {
      if (file.status == FileLoadStatus::kSkipped) continue;  // not read, as in Snowflake
      // An aborted COPY committed nothing, whatever its files' own outcome.
      const bool committed = load.status == "completed";
      const char* status = "Load failed";
      if (committed && file.status == FileLoadStatus::kLoaded) status = "Loaded";
      if (committed && file.status == FileLoadStatus::kPartiallyLoaded) {
        status = "Partially loaded";
      }
      rows.push_back({Value::Varchar(parts.back()), schema, Value::Varchar(file.file_name),
                      Time(load.end_micros), Value::Varchar(status),
                      Int(committed ? file.rows_loaded : 0), Int(file.rows_parsed),
                      TextOrNull(file.first_error), IntOrNull(file.first_error_line),
                      IntOrNull(file.first_error_character),
                      TextOrNull(file.first_error_column_name), Int(file.errors_seen),
                      IntOrNull(file.error_limit)});
    }
  }
  return rows;
}

struct SystemView {
  const char* name;
  bool with_files;
  bool with_errors;
  Schema (*schema)();
  std::vector<Row> (*rows)(const std::vector<LoadRecord>& loads, const std::string& database);
};

constexpr SystemView kViews[] = {
    {"sys_load_history", false, false, SysLoadHistorySchema, SysLoadHistoryRows},
    {"stl_load_commits", true, false, StlLoadCommitsSchema, StlLoadCommitsRows},
    {"stl_load_errors", false, true, StlLoadErrorsSchema, StlLoadErrorsRows},
    {"sys_load_error_detail", false, true, SysLoadErrorDetailSchema, SysLoadErrorDetailRows},
    {"copy_history", true, false, CopyHistorySchema, CopyHistoryRows},
};

// The schemas whose names always mean a view: where Redshift, PostgreSQL and Snowflake keep
// theirs.
constexpr std::string_view kViewSchemas[] = {"pg_catalog", "information_schema", "sys"};

const SystemView* FindView(const Name& name) {
  const std::string& last = name.back().normalized;
  if (name.parts.size() == 2) {
    const std::string& schema = name.parts[0].normalized;
    if (std::find(std::begin(kViewSchemas), std::end(kViewSchemas), schema) ==
        std::end(kViewSchemas)) {
      return nullptr;
    }
  } else if (name.parts.size() != 1) {
    return nullptr;
  }
  for (const SystemView& view : kViews) {
    if (last == view.name) return &view;
  }
  return nullptr;
}

// The warehouse folder's name stands for Redshift's database.
std::string DatabaseName(Database& db) {
  return std::filesystem::path(db.catalog().warehouse_dir()).filename().string();
}

BoundTable RowsTable(std::string name, Schema schema, std::vector<Row> rows) {
  BoundTable bound;
  bound.name = std::move(name);
  bound.schema = std::move(schema);
  auto shared = std::make_shared<std::vector<Row>>(std::move(rows));
  bound.open_scan = [shared]() -> Result<std::unique_ptr<RowSource>> {
    return std::unique_ptr<RowSource>(std::make_unique<ResultSetSource>(*shared));
  };
  return bound;
}

// ----- VALIDATE

constexpr char kValidateUsage[] = "VALIDATE(table, job_id => '<query id>' | '_last')";

Schema ValidateSchema() {
  return MakeSchema({{"error", kText},        {"file", kText},        {"line", kBigInt},
                     {"character", kBigInt},  {"byte_offset", kBigInt}, {"category", kText},
                     {"code", kBigInt},       {"sql_state", kText},   {"column_name", kText},
                     {"row_number", kBigInt}, {"row_start_line", kBigInt},
                     {"rejected_record", kText}});
}

std::vector<Row> ValidateRows(const std::vector<LoadErrorRecord>& errors) {
  std::vector<Row> rows;
  for (const LoadErrorRecord& error : errors) {
    // Records start on their line and readers do not count rows, so LINE and ROW_START_LINE
    // are the same and ROW_NUMBER is unknown.
    rows.push_back({Value::Varchar(error.error_message), Value::Varchar(error.file_name),
                    IntOrNull(error.line_number), IntOrNull(error.position),
                    IntOrNull(error.byte_offset), TextOrNull(error.category),
                    Int(error.error_code), Value::Varchar("22000"), TextOrNull(error.column_name),
                    Value::Null(kBigInt), IntOrNull(error.line_number),
                    TextOrNull(error.raw_line)});
  }
  return rows;
}

}  // namespace

ResultSet ValidationErrorRows(const std::vector<LoadErrorRecord>& errors) {
  ResultSet result;
  const Schema schema = ValidateSchema();
  for (const Field& field : schema.fields()) {
    result.names.push_back(field.name);
    result.types.push_back(field.type);
  }
  result.rows = ValidateRows(errors);
  return result;
}

namespace {

// The query id `job_id` names for `table`: a number, or '_last' for the newest COPY into it.
Result<int64_t> ResolveJobId(const Expression& argument, const std::string& table,
                             Catalog& catalog) {
  INLET_ASSIGN_OR_RETURN(Value value, BindConstant(argument, LogicalType::Varchar()));
  if (value.is_null()) return BindErrorAt(argument.position, std::string("job_id is NULL: ") + kValidateUsage);
  const std::string text = value.ToString();
  if (EqualsIgnoreCase(text, "_last")) {
    INLET_ASSIGN_OR_RETURN(std::vector<LoadRecord> loads, catalog.ListLoads());
    for (auto it = loads.rbegin(); it != loads.rend(); ++it) {
      if (it->table_name == table) return it->query_id;
    }
    return BindErrorAt(argument.position, "no COPY into " + table + " in the load history");
  }
  int64_t id = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id <= 0) {
    return BindErrorAt(argument.position,
                       "job_id is a query id (sys_load_history.query_id) or '_last', not '" +
                           text + "'");
  }
  return id;
}

}  // namespace

int64_t TableIdOf(const std::string& table_name) {
  uint64_t hash = std::stoull(Sha256Hex(table_name).substr(0, 8), nullptr, 16);
  return static_cast<int64_t>(hash & 0x7fffffff);
}

Result<std::optional<BoundTable>> BindSystemView(const Name& name,
                                                 const std::optional<TimeTravel>& time_travel,
                                                 Database& db) {
  const SystemView* view = FindView(name);
  if (view == nullptr) return std::optional<BoundTable>();
  if (name.parts.size() == 1) {
    auto table = db.catalog().GetTable(TableKey(name));
    if (table.ok()) return std::optional<BoundTable>();
    if (!table.status().IsNotFound()) return table.status();
  }
  if (time_travel) {
    return BindErrorAt(time_travel->position, std::string("system view ") + view->name +
                                                  " has no versions to travel to");
  }
  Catalog* catalog = &db.catalog();
  std::string database = DatabaseName(db);
  BoundTable bound;
  bound.name = view->name;
  bound.schema = view->schema();
  // Read when the scan opens, so a SELECT sees the history as it is when it runs.
  bound.open_scan = [catalog, database, view]() -> Result<std::unique_ptr<RowSource>> {
    INLET_ASSIGN_OR_RETURN(
        std::vector<LoadRecord> loads,
        catalog->ListLoads({std::nullopt, view->with_files, view->with_errors}));
    return std::unique_ptr<RowSource>(
        std::make_unique<ResultSetSource>(view->rows(loads, database)));
  };
  return std::optional<BoundTable>(std::move(bound));
}

Result<BoundTable> BindValidate(const TableRef& call, Database& db) {
  if (call.args.size() != 1 || call.args[0]->kind != ExpressionKind::kColumnRef) {
    return BindErrorAt(call.position, std::string("VALIDATE takes one table name: ") +
                                          kValidateUsage);
  }
  const Name& table_name = call.args[0]->As<ColumnRefExpression>().name;
  auto table = db.catalog().GetTable(TableKey(table_name));
  if (!table.ok()) {
    if (table.status().IsNotFound()) {
      return BindErrorAt(table_name.position,
                         "table " + table_name.ToString() + " does not exist");
    }
    return table.status();
  }
  const Expression* job_argument = nullptr;
  for (const NamedArgument& arg : call.named_args) {
    if (arg.name.normalized != "job_id") {
      return BindErrorAt(arg.name.position, "VALIDATE has no argument " + arg.name.ToString() +
                                                ": " + kValidateUsage);
    }
    if (job_argument != nullptr) return BindErrorAt(arg.name.position, "job_id is given twice");
    job_argument = arg.value.get();
  }
  if (job_argument == nullptr) {
    return BindErrorAt(call.position, std::string("VALIDATE needs a job id: ") + kValidateUsage);
  }
  INLET_ASSIGN_OR_RETURN(int64_t id, ResolveJobId(*job_argument, table->name, db.catalog()));
  INLET_ASSIGN_OR_RETURN(std::vector<LoadRecord> loads,
                         db.catalog().ListLoads({id, false, true}));
  if (loads.empty()) {
    return BindErrorAt(job_argument->position,
                       "no COPY with job id " + std::to_string(id) +
                           " in the load history (it keeps load_history_retention_days days)");
  }
  if (loads[0].table_name != table->name) {
    return BindErrorAt(job_argument->position,
                       "job " + std::to_string(id) + " is a COPY into " + loads[0].table_name +
                           ", not into " + table->name);
  }
  return RowsTable("validate", ValidateSchema(), ValidateRows(loads[0].errors));
}

}  // namespace inlet::sql

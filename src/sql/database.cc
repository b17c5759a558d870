#include "inlet/database.h"

#include "catalog/catalog.h"
#include "common/thread_pool.h"
#include "exec/copy_progress.h"
#include "formats/registry.h"
#include "fs/registry.h"
#include "sql/copy_statement.h"
#include "sql/parser.h"
#include "sql/setting_statements.h"
#include "sql/statements.h"

namespace inlet {

Result<std::unique_ptr<Database>> Database::Open(const DatabaseOptions& options) {
  std::unique_ptr<Database> db(new Database());
  db->options_ = options;
  INLET_ASSIGN_OR_RETURN(db->catalog_, Catalog::Open(options.warehouse_dir));
  db->file_systems_ = FileSystemRegistry::MakeDefault();
  db->formats_ = FormatRegistry::MakeDefault();
  size_t threads = options.threads == 0 ? ThreadPool::DefaultThreadCount() : options.threads;
  db->thread_pool_ = std::make_unique<ThreadPool>(threads);
  return db;
}

Database::~Database() = default;

std::unique_ptr<Connection> Database::Connect() { return std::make_unique<Connection>(this); }

namespace {

Result<ResultSet> Execute(const sql::Statement& statement, Database& db,
                          SessionSettings* settings, const ProgressOutput& progress_output) {
  using sql::StatementKind;
  switch (statement.kind) {
    case StatementKind::kCreateTable:
      return sql::ExecuteCreateTable(statement.As<sql::CreateTableStatement>(), db);
    case StatementKind::kOpenDeltaTable:
      return sql::ExecuteOpenDeltaTable(statement.As<sql::OpenDeltaTableStatement>(), db);
    case StatementKind::kDropTable:
      return sql::ExecuteDropTable(statement.As<sql::DropTableStatement>(), db);
    case StatementKind::kAlterTable:
      return sql::ExecuteAlterTable(statement.As<sql::AlterTableStatement>(), db);
    case StatementKind::kShowTables: return sql::ExecuteShowTables(db);
    case StatementKind::kShowTableProperties:
      return sql::ExecuteShowTableProperties(statement.As<sql::ShowTablePropertiesStatement>(), db);
    case StatementKind::kDescribe:
      return sql::ExecuteDescribe(statement.As<sql::DescribeStatement>(), db);
    case StatementKind::kDescribeHistory:
      return sql::ExecuteDescribeHistory(statement.As<sql::DescribeHistoryStatement>(), db);
    case StatementKind::kVacuum:
      return sql::ExecuteVacuum(statement.As<sql::VacuumStatement>(), db);
    case StatementKind::kCopyInto: {
      const auto& copy = statement.As<sql::CopyIntoStatement>();
      // The reporter runs here, beside the session's output, so that the library writes progress
      // only where its embedder asked; the load itself only counts.
      CopyProgress progress("COPY " + copy.table.ToString());
      ProgressReporter reporter(progress, ChooseProgressStyle(settings->progress, progress_output),
                                progress_output.stream, settings->progress_delay_ms * 1000);
      return sql::ExecuteCopyInto(copy, db, *settings, &progress);
    }
    case StatementKind::kSelect:
      return sql::ExecuteSelectStatement(statement.As<sql::SelectStatement>(), db);
    case StatementKind::kSet:
      return sql::ExecuteSet(statement.As<sql::SetStatement>(), settings);
    case StatementKind::kReset:
      return sql::ExecuteReset(statement.As<sql::ResetStatement>(), settings);
    case StatementKind::kShowSetting:
      return sql::ExecuteShowSetting(statement.As<sql::ShowSettingStatement>(), *settings);
  }
  return Status::Internal("unknown statement kind");
}

QueryResult ToQueryResult(const ResultSet& result) {
  QueryResult out;
  out.column_names = result.names;
  out.warnings = result.warnings;
  for (const LogicalType& type : result.types) out.column_types.push_back(type.ToString());
  out.rows.reserve(result.rows.size());
  for (const Row& row : result.rows) {
    std::vector<std::optional<std::string>> cells;
    cells.reserve(row.size());
    for (const Value& v : row) {
      cells.push_back(v.is_null() ? std::nullopt : std::optional<std::string>(v.ToString()));
    }
    out.rows.push_back(std::move(cells));
  }
  return out;
}

}  // namespace

Result<QueryResult> Connection::Query(std::string_view sql_text) {
  INLET_ASSIGN_OR_RETURN(sql::StatementPtr statement, sql::ParseStatement(sql_text));
  INLET_ASSIGN_OR_RETURN(ResultSet result,
                         Execute(*statement, *database_, &settings_, progress_output_));
  return ToQueryResult(result);
}

}  // namespace inlet

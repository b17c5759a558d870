#include "sql/system_views.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "catalog/catalog.h"
#include "common/string_util.h"
#include "fs/memory_file_system.h"
#include "fs/registry.h"

namespace inlet::sql {
namespace {

constexpr int64_t kStart = 1700000000000000;  // 2023-11-14 22:13:20 UTC

class SystemViewsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("inlet-views-" + RandomUuid());
    Reopen();
  }
  void TearDown() override {
    connection_.reset();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Reopen() {
    connection_.reset();
    db_.reset();
    DatabaseOptions options;
    options.warehouse_dir = (dir_ / "wh").string();
    options.threads = 1;
    auto db = Database::Open(options);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
    connection_ = db_->Connect();
  }

  // The rows of `sql` as tab-separated lines; NULL shows as "NULL".
  std::vector<std::string> Rows(const std::string& sql) {
    auto result = connection_->Query(sql);
    EXPECT_TRUE(result.ok()) << sql << "\n" << result.status().ToString();
    std::vector<std::string> lines;
    if (!result.ok()) return lines;
    for (const auto& row : result->rows) {
      std::vector<std::string> cells;
      for (const auto& cell : row) cells.push_back(cell.value_or("NULL"));
      lines.push_back(JoinStrings(cells, "\t"));
    }
    return lines;
  }
  std::string Columns(const std::string& view) {
    auto result = connection_->Query("SELECT * FROM " + view + " LIMIT 0");
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    if (!result.ok()) return "";
    std::vector<std::string> columns;
    for (size_t i = 0; i < result->column_names.size(); ++i) {
      columns.push_back(result->column_names[i] + " " + result->column_types[i]);
    }
    return JoinStrings(columns, ", ");
  }
  std::string ErrorOf(const std::string& sql) {
    auto result = connection_->Query(sql);
    EXPECT_FALSE(result.ok()) << sql;
    return result.ok() ? "<ok>" : result.status().message();
  }

  // Records a COPY into `table` as the lead's executor does: begin, then finish.
  int64_t Load(LoadRecord record) {
    auto id = db_->catalog().BeginLoad(record);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    record.query_id = *id;
    if (record.status != "running") EXPECT_TRUE(db_->catalog().FinishLoad(record).ok());
    return *id;
  }

  std::filesystem::path dir_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<Connection> connection_;
};

FileLoadRecord File(const std::string& name, FileLoadStatus status, int64_t parsed,
                    int64_t loaded) {
  FileLoadRecord file;
  file.file_name = name;
  file.status = status;
  file.file_bytes = 100;
  file.rows_parsed = parsed;
  file.rows_loaded = loaded;
  file.errors_seen = parsed - loaded;
  return file;
}

LoadErrorRecord CastError(const std::string& file, int64_t line) {
  LoadErrorRecord error;
  error.file_name = file;
  error.line_number = line;
  error.byte_offset = 7 * (line - 1);
  error.column_name = "qty";
  error.column_type = "INTEGER";
  error.position = 3;
  error.raw_line = "2,abc";
  error.raw_field_value = "abc";
  error.error_code = 1207;
  error.category = "cast";
  error.error_message = "cannot cast 'abc' to INTEGER";
  return error;
}

// Three COPYs: one into raw.orders that rejected a row, one aborted, one still running.
class FilledViewsTest : public SystemViewsTest {
 protected:
  void SetUp() override {
    SystemViewsTest::SetUp();
    LoadRecord completed;
    completed.table_name = "raw.orders";
    completed.status = "completed";
    completed.start_micros = kStart;
    completed.end_micros = kStart + 2500000;
    completed.data_source = "/in/";
    completed.file_format = "csv";
    completed.loaded_rows = 3;
    completed.loaded_bytes = 900;
    completed.source_file_count = 2;
    completed.source_file_bytes = 200;
    completed.file_count_scanned = 2;
    completed.file_bytes_scanned = 200;
    completed.error_count = 1;
    completed.table_version = 4;
    FileLoadRecord partial = File("/in/b.csv", FileLoadStatus::kPartiallyLoaded, 2, 1);
    partial.first_error = "cannot cast 'abc' to INTEGER";
    partial.first_error_line = 3;
    partial.first_error_character = 3;
    partial.first_error_column_name = "qty";
    partial.split = true;
    FileLoadRecord skipped = File("/in/old.csv", FileLoadStatus::kSkipped, 0, 0);
    skipped.skip_reason = "already loaded";
    completed.files = {File("/in/a.csv", FileLoadStatus::kLoaded, 2, 2), partial, skipped};
    completed.errors = {CastError("/in/b.csv", 3)};
    orders_id_ = Load(completed);

    LoadRecord aborted;
    aborted.table_name = "other";
    aborted.status = "aborted";
    aborted.start_micros = kStart + 10000000;
    aborted.end_micros = kStart + 11000000;
    aborted.data_source = "/in2/";
    aborted.file_format = "csv";
    aborted.error_count = 1;
    aborted.table_version = 2;  // the version it read; it committed none
    aborted.error_message = "/in2/c.csv:2: column \"qty\": cannot cast 'abc' to INTEGER";
    aborted.files = {File("/in2/c.csv", FileLoadStatus::kLoadFailed, 1, 0)};
    aborted.errors = {CastError("/in2/c.csv", 2)};
    other_id_ = Load(aborted);

    LoadRecord running;
    running.table_name = "raw.orders";
    running.start_micros = kStart + 20000000;
    running.data_source = "/in3/";
    running.file_format = "parquet";
    running_id_ = Load(running);

    ASSERT_TRUE(connection_->Query("CREATE TABLE raw.orders (id INTEGER, qty INTEGER)").ok());
    ASSERT_TRUE(connection_->Query("CREATE TABLE other (id INTEGER)").ok());
  }

  int64_t orders_id_ = 0;
  int64_t other_id_ = 0;
  int64_t running_id_ = 0;
};

TEST_F(SystemViewsTest, ViewsHaveRedshiftsAndSnowflakesColumns) {
  EXPECT_EQ(Columns("sys_load_history"),
            "user_id BIGINT, query_id BIGINT, transaction_id BIGINT, session_id BIGINT, "
            "database_name VARCHAR, status VARCHAR, table_name VARCHAR, start_time TIMESTAMP, "
            "end_time TIMESTAMP, duration BIGINT, data_source VARCHAR, file_format VARCHAR, "
            "loaded_rows BIGINT, loaded_bytes BIGINT, source_file_count BIGINT, "
            "source_file_bytes BIGINT, file_count_scanned BIGINT, file_bytes_scanned BIGINT, "
            "error_count BIGINT, copy_job_id BIGINT");
  EXPECT_EQ(Columns("stl_load_commits"),
            "userid BIGINT, query BIGINT, slice BIGINT, name VARCHAR, filename VARCHAR, "
            "byte_offset BIGINT, lines_scanned BIGINT, errors BIGINT, curtime TIMESTAMP, "
            "status BIGINT, file_format VARCHAR, is_partial BIGINT, start_offset BIGINT, "
            "copy_job_id BIGINT");
  EXPECT_EQ(Columns("stl_load_errors"),
            "userid BIGINT, slice BIGINT, tbl BIGINT, starttime TIMESTAMP, session BIGINT, "
            "query BIGINT, filename VARCHAR, line_number BIGINT, colname VARCHAR, type VARCHAR, "
            "col_length BIGINT, position BIGINT, raw_line VARCHAR, raw_field_value VARCHAR, "
            "err_code BIGINT, err_reason VARCHAR");
  EXPECT_EQ(Columns("sys_load_error_detail"),
            "user_id BIGINT, query_id BIGINT, transaction_id BIGINT, session_id BIGINT, "
            "database_name VARCHAR, table_id BIGINT, start_time TIMESTAMP, file_name VARCHAR, "
            "line_number BIGINT, column_name VARCHAR, column_type VARCHAR, column_length BIGINT, "
            "position BIGINT, error_code BIGINT, error_message VARCHAR");
  EXPECT_EQ(Columns("copy_history"),
            "table_name VARCHAR, schema_name VARCHAR, file_name VARCHAR, "
            "last_load_time TIMESTAMP, status VARCHAR, row_count BIGINT, row_parsed BIGINT, "
            "first_error_message VARCHAR, first_error_line_number BIGINT, "
            "first_error_character_position BIGINT, first_error_col_name VARCHAR, "
            "error_count BIGINT, error_limit BIGINT");
  // Empty before any COPY.
  EXPECT_TRUE(Rows("SELECT * FROM sys_load_history").empty());
}

TEST_F(FilledViewsTest, SysLoadHistoryHasOneRowPerCopy) {
  EXPECT_EQ(Rows("SELECT query_id, status, table_name, start_time, end_time, duration, "
                 "transaction_id, data_source, file_format, loaded_rows, error_count "
                 "FROM sys_load_history ORDER BY query_id"),
            (std::vector<std::string>{
                std::to_string(orders_id_) + "\tcompleted\traw.orders\t2023-11-14 22:13:20\t"
                                             "2023-11-14 22:13:22.5\t2500000\t4\t/in/\tcsv\t3\t1",
                std::to_string(other_id_) + "\taborted\tother\t2023-11-14 22:13:30\t"
                                            "2023-11-14 22:13:31\t1000000\tNULL\t/in2/\tcsv\t0\t1",
                std::to_string(running_id_) + "\trunning\traw.orders\t2023-11-14 22:13:40\tNULL\t"
                                              "NULL\tNULL\t/in3/\tparquet\t0\t0"}));
  EXPECT_EQ(Rows("SELECT user_id, session_id, database_name, copy_job_id, loaded_bytes, "
                 "source_file_count, source_file_bytes, file_count_scanned, file_bytes_scanned "
                 "FROM sys_load_history WHERE status = 'completed'"),
            (std::vector<std::string>{"100\t0\twh\t0\t900\t2\t200\t2\t200"}));
  EXPECT_EQ(Rows("SELECT table_name, count(*) FROM sys_load_history GROUP BY table_name "
                 "ORDER BY table_name DESC LIMIT 1"),
            (std::vector<std::string>{"raw.orders\t2"}));
}

TEST_F(FilledViewsTest, StlLoadCommitsHasTheFilesACompletedCopyCommitted) {
  EXPECT_EQ(Rows("SELECT query, slice, name, filename, byte_offset, lines_scanned, errors, "
                 "curtime, status, file_format, is_partial, start_offset FROM stl_load_commits "
                 "ORDER BY filename"),
            (std::vector<std::string>{
                std::to_string(orders_id_) +
                    "\t0\traw.orders\t/in/a.csv\t100\t2\t0\t2023-11-14 22:13:22.5\t1\tcsv\t0\t0",
                std::to_string(orders_id_) +
                    "\t0\traw.orders\t/in/b.csv\t100\t2\t1\t2023-11-14 22:13:22.5\t1\tcsv\t1\t0"}));
}

TEST_F(FilledViewsTest, LoadErrorViewsHaveOneRowPerRejectedRow) {
  const std::string tbl = std::to_string(TableIdOf("raw.orders"));
  EXPECT_EQ(Rows("SELECT userid, slice, tbl, starttime, session, query, filename, line_number, "
                 "colname, type, col_length, position, raw_line, raw_field_value, err_code, "
                 "err_reason FROM stl_load_errors WHERE query = " + std::to_string(orders_id_)),
            (std::vector<std::string>{"100\t0\t" + tbl + "\t2023-11-14 22:13:20\t0\t" +
                                      std::to_string(orders_id_) +
                                      "\t/in/b.csv\t3\tqty\tINTEGER\tNULL\t3\t2,abc\tabc\t1207\t"
                                      "cannot cast 'abc' to INTEGER"}));
  EXPECT_EQ(Rows("SELECT query_id, transaction_id, database_name, table_id, file_name, "
                 "line_number, column_name, column_type, position, error_code, error_message "
                 "FROM sys_load_error_detail ORDER BY query_id"),
            (std::vector<std::string>{
                std::to_string(orders_id_) + "\t4\twh\t" + tbl +
                    "\t/in/b.csv\t3\tqty\tINTEGER\t3\t1207\tcannot cast 'abc' to INTEGER",
                std::to_string(other_id_) + "\tNULL\twh\t" + std::to_string(TableIdOf("other")) +
                    "\t/in2/c.csv\t2\tqty\tINTEGER\t3\t1207\tcannot cast 'abc' to INTEGER"}));
  // The id is the same in every process: it is a hash of the name.
  EXPECT_EQ(TableIdOf("raw.orders"), TableIdOf(std::string("raw.") + "orders"));
  EXPECT_NE(TableIdOf("raw.orders"), TableIdOf("other"));
  EXPECT_GT(TableIdOf("raw.orders"), 0);
}

TEST_F(FilledViewsTest, CopyHistoryUsesSnowflakesWords) {
  EXPECT_EQ(Rows("SELECT * FROM copy_history ORDER BY file_name"),
            (std::vector<std::string>{
                "orders\traw\t/in/a.csv\t2023-11-14 22:13:22.5\tLoaded\t2\t2\tNULL\tNULL\tNULL\t"
                "NULL\t0\tNULL",
                "orders\traw\t/in/b.csv\t2023-11-14 22:13:22.5\tPartially loaded\t1\t2\t"
                "cannot cast 'abc' to INTEGER\t3\t3\tqty\t1\tNULL",
                "other\tNULL\t/in2/c.csv\t2023-11-14 22:13:31\tLoad failed\t0\t1\tNULL\tNULL\t"
                "NULL\tNULL\t1\tNULL"}));
}

TEST_F(FilledViewsTest, QualifiedNamesAndTablesNamedLikeViews) {
  for (const char* name : {"pg_catalog.stl_load_errors", "information_schema.stl_load_errors",
                           "sys.stl_load_errors", "PG_CATALOG.STL_LOAD_ERRORS"}) {
    EXPECT_EQ(Rows(std::string("SELECT count(*) FROM ") + name),
              (std::vector<std::string>{"2"}))
        << name;
  }
  EXPECT_EQ(Rows("SELECT count(*) FROM information_schema.copy_history"),
            (std::vector<std::string>{"3"}));
  // A table of the view's name is read by the plain name; the qualified one still is the view.
  ASSERT_TRUE(connection_->Query("CREATE TABLE copy_history (x INTEGER)").ok());
  EXPECT_EQ(Rows("SELECT count(*) FROM copy_history"), (std::vector<std::string>{"0"}));
  EXPECT_EQ(Rows("SELECT count(*) FROM information_schema.copy_history"),
            (std::vector<std::string>{"3"}));
  EXPECT_EQ(ErrorOf("SELECT * FROM public.copy_history"),
            "table public.copy_history does not exist at line 1, column 15");
  EXPECT_EQ(ErrorOf("SELECT * FROM sys_load_history VERSION AS OF 1"),
            "system view sys_load_history has no versions to travel to at line 1, column 32");
}

TEST_F(FilledViewsTest, HistorySurvivesRestart) {
  Reopen();
  EXPECT_EQ(Rows("SELECT status FROM sys_load_history ORDER BY query_id"),
            (std::vector<std::string>{"completed", "aborted", "running"}));
}

TEST_F(FilledViewsTest, ValidateReturnsTheErrorsOfAnEarlierCopy) {
  const std::vector<std::string> expected = {
      "cannot cast 'abc' to INTEGER\t/in/b.csv\t3\t3\t14\tcast\t1207\t22000\tqty\tNULL\t3\t2,abc"};
  EXPECT_EQ(Rows("SELECT * FROM validate(raw.orders, job_id => '" + std::to_string(orders_id_) +
                 "')"),
            expected);
  EXPECT_EQ(Rows("SELECT * FROM TABLE(VALIDATE(raw.orders, JOB_ID => " +
                 std::to_string(orders_id_) + "))"),
            expected);
  EXPECT_EQ(Rows("SELECT error, file, line FROM validate(other, job_id => '_last')"),
            (std::vector<std::string>{"cannot cast 'abc' to INTEGER\t/in2/c.csv\t2"}));
  // The newest COPY into raw.orders is the running one: no errors yet.
  EXPECT_TRUE(Rows("SELECT * FROM validate(raw.orders, job_id => '_last')").empty());
}

TEST_F(FilledViewsTest, ValidateErrors) {
  const std::string usage = "VALIDATE(table, job_id => '<query id>' | '_last')";
  EXPECT_EQ(ErrorOf("SELECT * FROM validate(nope, job_id => '_last')"),
            "table nope does not exist at line 1, column 24");
  EXPECT_EQ(ErrorOf("SELECT * FROM validate(other, job_id => '999')"),
            "no COPY with job id 999 in the load history (it keeps load_history_retention_days "
            "days) at line 1, column 41");
  EXPECT_EQ(ErrorOf("SELECT * FROM validate(other, job_id => '" + std::to_string(orders_id_) +
                    "')"),
            "job " + std::to_string(orders_id_) +
                " is a COPY into raw.orders, not into other at line 1, column 41");
  EXPECT_EQ(ErrorOf("SELECT * FROM validate(other, job_id => 'last')"),
            "job_id is a query id (sys_load_history.query_id) or '_last', not 'last' at line 1, "
            "column 41");
  EXPECT_EQ(ErrorOf("SELECT * FROM validate(other, job_id => NULL)"),
            "job_id is NULL: " + usage + " at line 1, column 41");
  EXPECT_EQ(ErrorOf("SELECT * FROM validate(other)"),
            "VALIDATE needs a job id: " + usage + " at line 1, column 15");
  EXPECT_EQ(ErrorOf("SELECT * FROM validate('other', job_id => '_last')"),
            "VALIDATE takes one table name: " + usage + " at line 1, column 15");
  EXPECT_EQ(ErrorOf("SELECT * FROM validate(other, query_id => '1')"),
            "VALIDATE has no argument query_id: " + usage + " at line 1, column 31");
  EXPECT_EQ(ErrorOf("SELECT * FROM validate(other, job_id => '1', job_id => '2')"),
            "job_id is given twice at line 1, column 46");
  ASSERT_TRUE(connection_->Query("CREATE TABLE fresh (id INTEGER)").ok());
  EXPECT_EQ(ErrorOf("SELECT * FROM validate(fresh, job_id => '_last')"),
            "no COPY into fresh in the load history at line 1, column 41");
}

// A COPY from a URI with credentials in it, good rows and bad: the secret shows in no result,
// message or view.
TEST_F(SystemViewsTest, CredentialsShowNowhere) {
  auto store = std::make_shared<MemoryFileSystem>("mem");
  db_->file_systems().Register("mem", store);
  ASSERT_TRUE(store->PutIfAbsent("bucket/in/a.csv", "id,qty\n1,5\n2,abc\n").ok());
  ASSERT_TRUE(connection_->Query("CREATE TABLE t (id INTEGER, qty INTEGER)").ok());
  const std::string from = "COPY INTO t FROM 'mem://AKIAKEY:s3cr3t@bucket/in/' "
                           "FILE_FORMAT = (TYPE = CSV SKIP_HEADER = 1)";
  std::vector<std::string> seen;
  auto continued = connection_->Query(from + " ON_ERROR = CONTINUE");
  ASSERT_TRUE(continued.ok()) << continued.status().ToString();
  for (const auto& row : continued->rows) {
    for (const auto& cell : row) seen.push_back(cell.value_or(""));
  }
  auto aborted = connection_->Query(from + " FORCE = TRUE");
  ASSERT_FALSE(aborted.ok());
  seen.push_back(aborted.status().message());
  for (const char* view : {"sys_load_history", "stl_load_commits", "stl_load_errors",
                           "sys_load_error_detail", "copy_history"}) {
    for (const std::string& row : Rows(std::string("SELECT * FROM ") + view)) seen.push_back(row);
  }
  for (const std::string& row : Rows("SELECT * FROM validate(t, job_id => '1')")) {
    seen.push_back(row);
  }
  EXPECT_EQ(Rows("SELECT data_source, status FROM sys_load_history ORDER BY query_id"),
            (std::vector<std::string>{"mem://bucket/in/\tcompleted", "mem://bucket/in/\taborted"}));
  EXPECT_EQ(Rows("SELECT file_name, status FROM copy_history WHERE status = 'Partially loaded'"),
            (std::vector<std::string>{"bucket/in/a.csv\tPartially loaded"}));
  for (const std::string& text : seen) {
    EXPECT_EQ(text.find("s3cr3t"), std::string::npos) << text;
    EXPECT_EQ(text.find("AKIAKEY"), std::string::npos) << text;
  }
}

}  // namespace
}  // namespace inlet::sql

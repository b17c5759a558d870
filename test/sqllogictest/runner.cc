// inlet_sqllogictest: runs test/sql/**/*.test files (see test_file.h for the format) through the
// library, each file on a fresh warehouse in a temporary folder that is removed afterwards.
//
//   inlet_sqllogictest [--source-dir DIR] FILE...
//
// The source dir (default: $INLET_SOURCE_DIR, else the current folder) becomes the working
// folder, so relative paths in SQL and shell commands resolve against the repository root.

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "common/string_util.h"
#include "inlet/database.h"
#include "test/sqllogictest/result_compare.h"
#include "test/sqllogictest/test_file.h"

namespace inlet::slt {
namespace {

namespace fs = std::filesystem;

struct Counts {
  int passed = 0;
  int failed = 0;
};

std::string ReadWholeFile(const fs::path& path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  *ok = static_cast<bool>(in);
  return text.str();
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

/// Runs a /bin/sh command; its stdout goes to `*output`, its stderr to ours.
Status RunShellCommand(const std::string& command, std::string* output) {
  std::cout.flush();
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return Status::IOError("cannot start /bin/sh");
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0) output->append(buffer, n);
  int wait_status = pclose(pipe);
  if (!WIFEXITED(wait_status) || WEXITSTATUS(wait_status) != 0) {
    int code = WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -1;
    return Status::IOError("the command exited with status " + std::to_string(code) +
                           "\n---- output\n" + *output);
  }
  return Status::OK();
}

/// Runs the records of one test file against its own warehouse.
class FileRunner {
 public:
  FileRunner(fs::path path, std::string display_name, const fs::path& source_dir)
      : path_(std::move(path)), name_(std::move(display_name)), source_dir_(source_dir) {}

  ~FileRunner() {
    connection_.reset();
    database_.reset();
    if (!temp_root_.empty()) {
      std::error_code ignored;
      fs::remove_all(temp_root_, ignored);
    }
  }

  void Run(Counts* counts) {
    bool read_ok = false;
    std::string text = ReadWholeFile(path_, &read_ok);
    if (!read_ok) return Fail(counts, "cannot read " + path_.string());
    Result<std::vector<Record>> records = ParseTestFile(text, name_);
    if (!records.ok()) return Fail(counts, records.status().message());
    Status setup = SetUp();
    if (!setup.ok()) return Fail(counts, name_ + ": " + setup.message());

    for (const Record& record : *records) {
      Status status = RunRecord(record);
      if (status.ok()) {
        ++counts->passed;
      } else {
        Fail(counts, name_ + ":" + std::to_string(record.line) + ": " + status.message());
      }
    }
  }

 private:
  void Fail(Counts* counts, std::string report) {
    ++counts->failed;
    while (!report.empty() && report.back() == '\n') report.pop_back();
    std::cout << "FAILED " << report << "\n\n";
  }

  Status SetUp() {
    std::string pattern = (fs::temp_directory_path() / "inlet-slt-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      return Status::IOError("cannot create a temporary folder in " +
                             fs::temp_directory_path().string());
    }
    temp_root_ = pattern;
    fs::path temp_dir = temp_root_ / "temp";
    std::error_code error;
    fs::create_directory(temp_dir, error);
    if (error) return Status::IOError("cannot create " + temp_dir.string());
    variables_ = {
        {"SOURCE_DIR", source_dir_.string()},
        {"TESTDATA", (source_dir_ / ".." / "shared" / "testdata").lexically_normal().string()},
        {"TEMP_DIR", temp_dir.string()},
        {"WAREHOUSE", (temp_root_ / "warehouse").string()},
    };
    return OpenDatabase();
  }

  Status OpenDatabase() {
    DatabaseOptions options;
    options.warehouse_dir = variables_.at("WAREHOUSE");
    // One thread: how many data files a COPY writes, and so its files_added and bytes_written,
    // depends on how the source files spread over the threads. Parallel loads are tested in
    // test/e2e.
    options.threads = 1;
    INLET_ASSIGN_OR_RETURN(database_, Database::Open(options));
    connection_ = database_->Connect();
    return Status::OK();
  }

  std::string Substitute(std::string_view text) const {
    return SubstituteVariables(text, variables_);
  }

  std::vector<std::string> Substitute(const std::vector<std::string>& lines) const {
    std::vector<std::string> out;
    for (const std::string& line : lines) out.push_back(Substitute(line));
    return out;
  }

  Status RunRecord(const Record& record) {
    switch (record.kind) {
      case RecordKind::kStatementOk:
        return RunStatementOk(record);
      case RecordKind::kStatementError:
        return RunStatementError(record);
      case RecordKind::kQuery:
        return RunQuery(record);
      case RecordKind::kShell:
      case RecordKind::kShellOk:
        return RunShell(record);
      case RecordKind::kRestart:
        connection_.reset();
        database_.reset();
        return OpenDatabase();
    }
    return Status::Internal("unknown record kind");
  }

  Status RunStatementOk(const Record& record) {
    std::string sql = Substitute(record.body);
    Result<QueryResult> result = connection_->Query(sql);
    if (result.ok()) return Status::OK();
    return Status::InvalidArgument("statement failed\n---- sql\n" + sql + "\n---- error\n" +
                                   result.status().ToString());
  }

  Status RunStatementError(const Record& record) {
    std::string sql = Substitute(record.body);
    Result<QueryResult> result = connection_->Query(sql);
    if (result.ok()) {
      return Status::InvalidArgument("statement succeeded but an error was expected\n---- sql\n" +
                                     sql);
    }
    if (!record.has_expected) return Status::OK();
    std::string expected = Substitute(JoinStrings(record.expected, "\n"));
    std::string actual = result.status().ToString();
    if (actual.find(expected) != std::string::npos) return Status::OK();
    return Status::InvalidArgument("wrong error message\n---- sql\n" + sql +
                                   "\n---- expected a message containing\n" + expected +
                                   "\n---- actual\n" + actual);
  }

  Status RunQuery(const Record& record) {
    std::string sql = Substitute(record.body);
    Result<QueryResult> result = connection_->Query(sql);
    if (!result.ok()) {
      return Status::InvalidArgument("query failed\n---- sql\n" + sql + "\n---- error\n" +
                                     result.status().ToString());
    }
    std::vector<std::string> expected = Substitute(record.expected);
    Status compared = CompareQueryResult(*result, record.column_letters, record.sort, expected);
    if (compared.ok()) return compared;
    return Status::InvalidArgument("wrong result: " + compared.message() + "\n---- sql\n" + sql +
                                   "\n---- expected\n" + JoinLines(expected) + "---- actual\n" +
                                   JoinLines(FormatRows(*result)));
  }

  Status RunShell(const Record& record) {
    std::string command = Substitute(record.body);
    std::string output;
    Status run = RunShellCommand(command, &output);
    if (!run.ok()) {
      return Status::InvalidArgument("shell command failed: " + run.message() + "---- command\n" +
                                     command);
    }
    if (record.kind == RecordKind::kShellOk) return Status::OK();
    while (!output.empty() && output.back() == '\n') output.pop_back();
    std::string expected = Substitute(JoinStrings(record.expected, "\n"));
    if (output == expected) return Status::OK();
    return Status::InvalidArgument("wrong shell output\n---- command\n" + command +
                                   "\n---- expected\n" + expected + "\n---- actual\n" + output);
  }

  fs::path path_;
  std::string name_;
  fs::path source_dir_;
  fs::path temp_root_;
  std::map<std::string, std::string> variables_;
  std::unique_ptr<Database> database_;
  std::unique_ptr<Connection> connection_;
};

constexpr std::string_view kUsage = "usage: inlet_sqllogictest [--source-dir DIR] FILE...\n";

int Main(int argc, char** argv) {
  const char* env_source_dir = std::getenv("INLET_SOURCE_DIR");
  fs::path source_dir = env_source_dir != nullptr ? env_source_dir : fs::current_path();
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help") {
      std::cout << kUsage;
      return 0;
    }
    if (arg == "--source-dir" && i + 1 < argc) {
      source_dir = argv[++i];
    } else if (arg.rfind("--source-dir=", 0) == 0) {
      source_dir = arg.substr(std::string_view("--source-dir=").size());
    } else if (arg.rfind("-", 0) == 0) {
      std::cerr << "unknown option " << arg << "\n" << kUsage;
      return 2;
    } else {
      files.push_back(fs::absolute(arg));
    }
  }
  if (files.empty()) {
    std::cerr << kUsage;
    return 2;
  }
  std::error_code error;
  source_dir = fs::canonical(source_dir, error);
  if (error) {
    std::cerr << "cannot open the source dir " << source_dir << ": " << error.message() << "\n";
    return 2;
  }
  fs::current_path(source_dir, error);
  if (error) {
    std::cerr << "cannot change to " << source_dir << ": " << error.message() << "\n";
    return 2;
  }

  Counts counts;
  for (const fs::path& file : files) {
    fs::path relative = file.lexically_relative(source_dir);
    bool inside = !relative.empty() && *relative.begin() != "..";
    FileRunner(file, inside ? relative.string() : file.string(), source_dir).Run(&counts);
  }
  std::cout << counts.passed << " passed, " << counts.failed << " failed\n";
  return counts.failed == 0 ? 0 : 1;
}

}  // namespace
}  // namespace inlet::slt

int main(int argc, char** argv) { return inlet::slt::Main(argc, argv); }

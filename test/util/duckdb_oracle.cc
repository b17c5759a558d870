#include "test/util/duckdb_oracle.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace inlet {

namespace {

// Single-quotes `s` for /bin/sh, so any SQL text reaches node unchanged.
std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out.push_back(c);
    }
  }
  out.push_back('\'');
  return out;
}

std::string ReadAll(FILE* f) {
  std::string out;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof(buffer), f)) > 0) out.append(buffer, n);
  return out;
}

}  // namespace

Result<std::vector<std::string>> RunDuckDbQuery(const std::string& sql) {
  const char* source_dir = std::getenv("INLET_SOURCE_DIR");
  if (source_dir == nullptr || *source_dir == '\0') {
    return Status::IOError("INLET_SOURCE_DIR is not set; run the test through ctest");
  }
  // stderr goes to its own file so that warnings never mix with the rows on stdout.
  char stderr_path[] = "/tmp/inlet_duckdb_stderr_XXXXXX";
  int fd = mkstemp(stderr_path);
  if (fd < 0) return Status::IOError("cannot create a temporary file for the DuckDB oracle");
  close(fd);
  std::string command = "node " + ShellQuote(std::string(source_dir) + "/test/oracle/query.mjs") +
                        " " + ShellQuote(sql) + " 2>" + ShellQuote(stderr_path);
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    unlink(stderr_path);
    return Status::IOError("cannot run node for the DuckDB oracle");
  }
  std::string output = ReadAll(pipe);
  int rc = pclose(pipe);
  FILE* err = std::fopen(stderr_path, "r");
  std::string error_text = err != nullptr ? ReadAll(err) : "";
  if (err != nullptr) std::fclose(err);
  unlink(stderr_path);
  if (rc == -1 || !WIFEXITED(rc)) return Status::IOError("the DuckDB oracle did not exit normally");
  if (WEXITSTATUS(rc) != 0) {
    while (!error_text.empty() && error_text.back() == '\n') error_text.pop_back();
    return Status::InvalidData("DuckDB: " + error_text);
  }
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < output.size()) {
    size_t end = output.find('\n', start);
    if (end == std::string::npos) end = output.size();
    lines.push_back(output.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

}  // namespace inlet

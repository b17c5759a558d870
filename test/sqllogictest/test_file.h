#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "inlet/result.h"

// The sqllogictest file format, as DuckDB writes its test/sql/*.test files. Records are separated
// by blank lines; `#` starts a comment line between records:
//
//   statement ok              SQL that must succeed
//   statement error           SQL that must fail; after `----`, a substring of the error
//   query ITR [rowsort]       SQL, `----`, expected rows (values separated by tabs)
//   shell                     /bin/sh command lines, `----`, their exact expected stdout
//   shell ok                  /bin/sh command lines that must exit with status 0
//   restart                   close and reopen the database on the same warehouse folder

namespace inlet::slt {

enum class RecordKind {
  kStatementOk,
  kStatementError,
  kQuery,
  kShell,
  kShellOk,
  kRestart,
};

enum class SortMode {
  kNoSort,   // rows must come in the expected order
  kRowSort,  // rows are compared after sorting both sides
};

/// One directive of a test file with its body.
struct Record {
  RecordKind kind = RecordKind::kStatementOk;
  /// 1-based line of the directive, for messages.
  int line = 0;
  /// The SQL statement or the shell command, lines joined with '\n'.
  std::string body;
  /// For queries, one letter per result column (I integer, T text, R real, B boolean, ...).
  std::string column_letters;
  SortMode sort = SortMode::kNoSort;
  /// Whether a `----` section was given (a `statement error` without one accepts any error).
  bool has_expected = false;
  /// The lines after `----`, up to the next blank line.
  std::vector<std::string> expected;
};

/// Parses the text of a test file. Errors name `path` and the line: an unknown directive, a
/// record without a body, or a `----` section missing or where none is allowed.
Result<std::vector<Record>> ParseTestFile(std::string_view text, std::string_view path);

/// `text` with each `${NAME}` whose NAME is a key of `variables` replaced by its value; other
/// `${...}` are kept, since shell commands use them for their own variables.
std::string SubstituteVariables(std::string_view text,
                                const std::map<std::string, std::string>& variables);

}  // namespace inlet::slt

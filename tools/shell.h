#pragma once

#include <istream>
#include <ostream>
#include <string>
#include <string_view>

#include "inlet/database.h"
#include "tools/result_printer.h"

namespace inlet::tools {

/// The read-run-print loop of the `inlet` program. Input is SQL statements ending with ';'
/// (possibly spanning lines) and dot commands (.help, .mode, .tables, .quit) on lines of their
/// own. Results go to `out` in the current output mode; errors go to `err` as one line,
/// "Error: <message>". Not thread safe.
class Shell {
 public:
  /// `connection`, `out` and `err` must outlive the shell.
  Shell(Connection* connection, OutputMode mode, std::ostream& out, std::ostream& err);

  /// Runs every statement and dot command of `in` in order; a last statement without ';' runs
  /// too. Returns false after printing the error of the first failing statement, without
  /// running the rest.
  bool RunScript(std::istream& in);

  /// Reads lines from the terminal with line editing until .quit, .exit or end of input
  /// (Ctrl-D). A failing statement prints its error and the shell goes on. History is loaded
  /// from and saved to `history_path` unless it is empty.
  void RunInteractive(const std::string& history_path);

 private:
  /// Takes one line of input: runs it if it is a dot command, else adds it to the pending
  /// statement text and runs that once it ends with ';'. Sets `*quit` on .quit/.exit.
  Status FeedLine(std::string_view line, bool* quit);
  /// Runs the statements still pending at end of input, if any.
  Status FlushPending();
  Status RunStatements(std::string_view text);
  Status RunDotCommand(std::string_view line, bool* quit);
  void PrintError(const Status& status);

  Connection* connection_;
  OutputMode mode_;
  std::ostream& out_;
  std::ostream& err_;
  /// Lines of a statement that does not yet end with ';'.
  std::string pending_;
};

}  // namespace inlet::tools

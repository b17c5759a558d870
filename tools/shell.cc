#include "tools/shell.h"

#include <editline/readline.h>

#include <cstdlib>
#include <vector>

#include "common/string_util.h"

namespace inlet::tools {
namespace {

constexpr const char* kPrompt = "inlet> ";
constexpr const char* kContinuationPrompt = "   ...> ";
constexpr int kHistoryLimit = 1000;

constexpr std::string_view kHelpText =
    "SQL statements end with ';' and may span lines.\n"
    ".help                         show this message\n"
    ".mode [table|csv|json|line]   show or set the output mode\n"
    ".tables                       list the tables (SHOW TABLES)\n"
    ".quit, .exit                  leave the shell (Ctrl-D too)\n";

std::string_view StripLineEnd(std::string_view line) {
  // Scripts written on Windows end lines with CRLF; the CR is not part of the statement.
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

const char* ModeName(OutputMode mode) {
  switch (mode) {
    case OutputMode::kTable:
      return "table";
    case OutputMode::kCsv:
      return "csv";
    case OutputMode::kJson:
      return "json";
    case OutputMode::kLine:
      return "line";
  }
  return "table";
}

}  // namespace

Shell::Shell(Connection* connection, OutputMode mode, std::ostream& out, std::ostream& err)
    : connection_(connection), mode_(mode), out_(out), err_(err) {}

bool Shell::RunScript(std::istream& in) {
  std::string line;
  bool quit = false;
  while (!quit && std::getline(in, line)) {
    Status status = FeedLine(StripLineEnd(line), &quit);
    if (!status.ok()) {
      PrintError(status);
      return false;
    }
  }
  if (quit) return true;
  Status status = FlushPending();
  if (!status.ok()) {
    PrintError(status);
    return false;
  }
  return true;
}

void Shell::RunInteractive(const std::string& history_path) {
  using_history();
  stifle_history(kHistoryLimit);
  if (!history_path.empty()) read_history(history_path.c_str());
  out_ << "inlet " << INLET_VERSION << "\nEnter \".help\" for usage hints.\n";

  // The lines of the entry being typed, joined into one history entry once it is complete.
  std::string entry;
  bool quit = false;
  while (!quit) {
    out_.flush();
    char* raw = readline(pending_.empty() ? kPrompt : kContinuationPrompt);
    if (raw == nullptr) {
      out_ << "\n";
      break;
    }
    std::string line(raw);
    std::free(raw);
    if (TrimWhitespace(line).empty() && pending_.empty()) continue;
    if (!entry.empty()) entry += ' ';
    entry += TrimWhitespace(line);

    Status status = FeedLine(line, &quit);
    if (!status.ok()) {
      PrintError(status);
      pending_.clear();
    }
    if (pending_.empty()) {
      add_history(entry.c_str());
      entry.clear();
    }
  }
  if (!history_path.empty()) write_history(history_path.c_str());
}

Status Shell::FeedLine(std::string_view line, bool* quit) {
  if (pending_.empty()) {
    std::string_view trimmed = TrimWhitespace(line);
    if (!trimmed.empty() && trimmed.front() == '.') return RunDotCommand(trimmed, quit);
    if (trimmed.empty()) return Status::OK();
  }
  pending_.append(line);
  pending_.push_back('\n');
  if (!IsCompleteStatement(pending_)) return Status::OK();
  std::string text = std::move(pending_);
  pending_.clear();
  return RunStatements(text);
}

Status Shell::FlushPending() {
  std::string text = std::move(pending_);
  pending_.clear();
  return RunStatements(text);
}

Status Shell::RunStatements(std::string_view text) {
  for (const std::string& statement : SplitStatements(text)) {
    Result<QueryResult> result = connection_->Query(statement);
    INLET_RETURN_NOT_OK(result);
    PrintResult(*result, mode_, out_);
    out_.flush();
    for (const std::string& warning : result->warnings) err_ << "Warning: " << warning << "\n";
  }
  return Status::OK();
}

Status Shell::RunDotCommand(std::string_view line, bool* quit) {
  std::vector<std::string> words;
  for (const std::string& word : SplitString(line, ' ')) {
    if (!word.empty()) words.push_back(word);
  }
  const std::string& command = words.front();
  if (command == ".quit" || command == ".exit") {
    *quit = true;
    return Status::OK();
  }
  if (command == ".help") {
    out_ << kHelpText;
    return Status::OK();
  }
  if (command == ".mode") {
    if (words.size() == 1) {
      out_ << ModeName(mode_) << "\n";
      return Status::OK();
    }
    std::optional<OutputMode> mode = ParseOutputMode(words[1]);
    if (!mode || words.size() > 2) {
      return Status::InvalidArgument("usage: .mode table|csv|json|line");
    }
    mode_ = *mode;
    return Status::OK();
  }
  if (command == ".tables") return RunStatements("SHOW TABLES");
  return Status::InvalidArgument("unknown command \"" + command + "\"; enter \".help\" for a list");
}

void Shell::PrintError(const Status& status) {
  out_.flush();
  err_ << "Error: " << status.message() << "\n";
  err_.flush();
}

}  // namespace inlet::tools

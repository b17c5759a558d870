#include "test/sqllogictest/test_file.h"

#include <sstream>

#include "common/string_util.h"

namespace inlet::slt {
namespace {

constexpr std::string_view kSeparator = "----";

std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> lines;
  std::string line;
  std::istringstream in{std::string(text)};
  while (std::getline(in, line)) {
    // Files checked out with CRLF line ends must parse the same as LF ones.
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
  }
  return lines;
}

std::vector<std::string> SplitWords(std::string_view line) {
  std::vector<std::string> words;
  std::istringstream in{std::string(line)};
  std::string word;
  while (in >> word) words.push_back(word);
  return words;
}

bool IsBlank(std::string_view line) { return TrimWhitespace(line).empty(); }

bool IsColumnLetters(std::string_view letters) {
  if (letters.empty()) return false;
  for (char ch : letters) {
    if (ch < 'A' || ch > 'Z') return false;
  }
  return true;
}

class Parser {
 public:
  Parser(std::string_view text, std::string_view path) : lines_(SplitLines(text)), path_(path) {}

  Result<std::vector<Record>> Parse() {
    std::vector<Record> records;
    while (next_ < lines_.size()) {
      const std::string& line = lines_[next_];
      if (IsBlank(line) || TrimWhitespace(line).front() == '#') {
        ++next_;
        continue;
      }
      INLET_ASSIGN_OR_RETURN(Record record, ParseRecord());
      records.push_back(std::move(record));
    }
    return records;
  }

 private:
  Status Error(int line, const std::string& message) const {
    return Status::InvalidArgument(std::string(path_) + ":" + std::to_string(line) + ": " +
                                   message);
  }

  // REQUIRES: lines_[next_] is a directive line.
  Result<Record> ParseRecord() {
    Record record;
    record.line = static_cast<int>(next_) + 1;
    std::vector<std::string> words = SplitWords(lines_[next_++]);
    INLET_RETURN_NOT_OK(ParseDirective(words, &record));
    if (record.kind == RecordKind::kRestart) return record;

    bool separator = ReadBody(&record.body);
    if (record.body.empty()) return Error(record.line, "\"" + words[0] + "\" needs a body");
    if (separator) {
      record.has_expected = true;
      ReadExpected(&record.expected);
    }

    switch (record.kind) {
      case RecordKind::kStatementOk:
      case RecordKind::kShellOk:
        if (separator) return Error(record.line, "no \"----\" section is allowed here");
        break;
      case RecordKind::kQuery:
      case RecordKind::kShell:
        if (!separator) return Error(record.line, "a \"----\" section must follow");
        break;
      default:
        break;
    }
    return record;
  }

  Status ParseDirective(const std::vector<std::string>& words, Record* record) const {
    const std::string& directive = words[0];
    const size_t n = words.size();
    if (directive == "statement" && n == 2 && (words[1] == "ok" || words[1] == "error")) {
      record->kind = words[1] == "ok" ? RecordKind::kStatementOk : RecordKind::kStatementError;
      return Status::OK();
    }
    if (directive == "query" && (n == 2 || n == 3) && IsColumnLetters(words[1])) {
      record->kind = RecordKind::kQuery;
      record->column_letters = words[1];
      if (n == 3) {
        if (words[2] == "rowsort") {
          record->sort = SortMode::kRowSort;
        } else if (words[2] != "nosort") {
          return Error(record->line,
                       "unknown sort mode \"" + words[2] + "\"; expected rowsort or nosort");
        }
      }
      return Status::OK();
    }
    if (directive == "shell" && (n == 1 || (n == 2 && words[1] == "ok"))) {
      record->kind = n == 1 ? RecordKind::kShell : RecordKind::kShellOk;
      return Status::OK();
    }
    if (directive == "restart" && n == 1) {
      record->kind = RecordKind::kRestart;
      return Status::OK();
    }
    return Error(record->line,
                 "cannot read directive \"" + JoinStrings(words, " ") +
                     "\"; expected statement ok|error, query <letters> [rowsort|nosort], "
                     "shell [ok] or restart");
  }

  // Reads body lines up to a blank line, "----" or the end; returns true at "----".
  bool ReadBody(std::string* body) {
    while (next_ < lines_.size() && !IsBlank(lines_[next_])) {
      const std::string& line = lines_[next_++];
      if (TrimWhitespace(line) == kSeparator) return true;
      if (!body->empty()) body->push_back('\n');
      body->append(line);
    }
    return false;
  }

  void ReadExpected(std::vector<std::string>* expected) {
    while (next_ < lines_.size() && !lines_[next_].empty()) {
      expected->push_back(lines_[next_++]);
    }
  }

  std::vector<std::string> lines_;
  std::string_view path_;
  size_t next_ = 0;
};

}  // namespace

Result<std::vector<Record>> ParseTestFile(std::string_view text, std::string_view path) {
  return Parser(text, path).Parse();
}

std::string SubstituteVariables(std::string_view text,
                                const std::map<std::string, std::string>& variables) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t start = text.find("${", pos);
    size_t end = start == std::string_view::npos ? start : text.find('}', start);
    if (end == std::string_view::npos) break;
    out.append(text.substr(pos, start - pos));
    auto it = variables.find(std::string(text.substr(start + 2, end - start - 2)));
    if (it != variables.end()) {
      out.append(it->second);
    } else {
      out.append(text.substr(start, end - start + 1));
    }
    pos = end + 1;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace inlet::slt

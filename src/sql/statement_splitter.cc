// SplitStatements and IsCompleteStatement (declared in inlet/database.h). They scan for ';' with a
// small state machine instead of the tokenizer because they must accept any text, including
// unfinished input that the shell is still reading.

#include <string_view>
#include <vector>

#include "common/string_util.h"
#include "inlet/database.h"

namespace inlet {
namespace {

// The text between two top-level ';'.
struct Piece {
  std::string_view text;
  bool has_content = false;  // anything but whitespace and comments
};

struct Scan {
  std::vector<Piece> pieces;  // the last one is what follows the last ';'
  bool open_at_end = false;   // the text ends inside a quote or a /* comment
};

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

Scan ScanScript(std::string_view script) {
  Scan scan;
  size_t n = script.size();
  size_t start = 0;
  bool has_content = false;
  size_t i = 0;
  while (i < n) {
    char c = script[i];
    char next = i + 1 < n ? script[i + 1] : '\0';
    if (c == '\'' || c == '"' || c == '`') {
      has_content = true;
      // A doubled quote inside stands for one quote and does not end the literal.
      size_t j = i + 1;
      while (true) {
        size_t close = script.find(c, j);
        if (close == std::string_view::npos) {
          scan.open_at_end = true;
          i = n;
          break;
        }
        if (close + 1 < n && script[close + 1] == c) {
          j = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
    } else if (c == '-' && next == '-') {
      size_t end = script.find('\n', i);
      i = end == std::string_view::npos ? n : end + 1;
    } else if (c == '/' && next == '*') {
      size_t end = script.find("*/", i + 2);
      if (end == std::string_view::npos) {
        scan.open_at_end = true;
        i = n;
      } else {
        i = end + 2;
      }
    } else if (c == ';') {
      scan.pieces.push_back({script.substr(start, i - start), has_content});
      start = i + 1;
      has_content = false;
      ++i;
    } else {
      if (!IsSpace(c)) has_content = true;
      ++i;
    }
  }
  scan.pieces.push_back({script.substr(start), has_content});
  return scan;
}

}  // namespace

std::vector<std::string> SplitStatements(std::string_view script) {
  std::vector<std::string> statements;
  for (const Piece& piece : ScanScript(script).pieces) {
    if (piece.has_content) statements.emplace_back(TrimWhitespace(piece.text));
  }
  return statements;
}

bool IsCompleteStatement(std::string_view text) {
  Scan scan = ScanScript(text);
  if (scan.open_at_end || scan.pieces.back().has_content) return false;
  for (const Piece& piece : scan.pieces) {
    if (piece.has_content) return true;
  }
  return false;
}

}  // namespace inlet

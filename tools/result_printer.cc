#include "tools/result_printer.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <vector>

#include "common/string_util.h"

namespace inlet::tools {
namespace {

constexpr std::string_view kNullText = "NULL";

std::string_view CellText(const std::optional<std::string>& value) {
  return value ? std::string_view(*value) : kNullText;
}

// ---------------------------------------------------------------------------------------------
// table

// A cell may hold line breaks; the table draws each line of it on its own row of text so the
// box stays aligned.
std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (true) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      lines.push_back(text.substr(start));
      return lines;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
}

std::string Repeat(std::string_view piece, size_t count) {
  std::string out;
  out.reserve(piece.size() * count);
  for (size_t i = 0; i < count; ++i) out += piece;
  return out;
}

class TablePrinter {
 public:
  TablePrinter(const QueryResult& result, std::ostream& out) : result_(result), out_(out) {
    const size_t n = result.column_names.size();
    widths_.resize(n);
    right_aligned_.resize(n);
    for (size_t c = 0; c < n; ++c) {
      widths_[c] = std::max(DisplayWidth(result.column_names[c]), DisplayWidth(TypeOf(c)));
      right_aligned_[c] = IsNumericType(TypeOf(c));
    }
    for (const auto& row : result.rows) {
      for (size_t c = 0; c < n && c < row.size(); ++c) {
        for (std::string_view line : SplitLines(CellText(row[c]))) {
          widths_[c] = std::max(widths_[c], DisplayWidth(line));
        }
      }
    }
  }

  void Print() {
    Border("┌", "┬", "┐");
    std::vector<std::string_view> names(result_.column_names.begin(), result_.column_names.end());
    TextLine(names, /*align_numbers=*/false);
    if (!result_.column_types.empty()) {
      std::vector<std::string_view> types;
      for (size_t c = 0; c < widths_.size(); ++c) types.push_back(TypeOf(c));
      TextLine(types, /*align_numbers=*/false);
    }
    Border("├", "┼", "┤");
    for (const auto& row : result_.rows) Row(row);
    Border("└", "┴", "┘");
    const size_t count = result_.rows.size();
    out_ << "(" << count << (count == 1 ? " row)" : " rows)") << "\n";
  }

 private:
  std::string_view TypeOf(size_t column) const {
    return column < result_.column_types.size() ? std::string_view(result_.column_types[column])
                                                : std::string_view();
  }

  void Border(std::string_view left, std::string_view middle, std::string_view right) {
    out_ << left;
    for (size_t c = 0; c < widths_.size(); ++c) {
      if (c > 0) out_ << middle;
      out_ << Repeat("─", widths_[c] + 2);
    }
    out_ << right << "\n";
  }

  void TextLine(const std::vector<std::string_view>& cells, bool align_numbers) {
    out_ << "│";
    for (size_t c = 0; c < widths_.size(); ++c) {
      std::string_view text = c < cells.size() ? cells[c] : std::string_view();
      std::string padding(widths_[c] - DisplayWidth(text), ' ');
      if (align_numbers && right_aligned_[c]) {
        out_ << " " << padding << text << " │";
      } else {
        out_ << " " << text << padding << " │";
      }
    }
    out_ << "\n";
  }

  void Row(const std::vector<std::optional<std::string>>& row) {
    std::vector<std::vector<std::string_view>> lines_by_column(widths_.size());
    size_t height = 1;
    for (size_t c = 0; c < widths_.size(); ++c) {
      lines_by_column[c] =
          c < row.size() ? SplitLines(CellText(row[c])) : std::vector<std::string_view>{""};
      height = std::max(height, lines_by_column[c].size());
    }
    for (size_t line = 0; line < height; ++line) {
      std::vector<std::string_view> cells;
      for (const auto& lines : lines_by_column) {
        cells.push_back(line < lines.size() ? lines[line] : std::string_view());
      }
      TextLine(cells, /*align_numbers=*/true);
    }
  }

  const QueryResult& result_;
  std::ostream& out_;
  std::vector<size_t> widths_;
  std::vector<bool> right_aligned_;
};

// ---------------------------------------------------------------------------------------------
// csv

void WriteCsvField(std::string_view text, std::ostream& out) {
  // An empty string is quoted so that it reads back differently from NULL (an empty field).
  bool quote = text.empty() || text.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) {
    out << text;
    return;
  }
  out << '"';
  for (char ch : text) {
    if (ch == '"') out << '"';
    out << ch;
  }
  out << '"';
}

void PrintCsv(const QueryResult& result, std::ostream& out) {
  for (size_t c = 0; c < result.column_names.size(); ++c) {
    if (c > 0) out << ',';
    WriteCsvField(result.column_names[c], out);
  }
  out << "\n";
  for (const auto& row : result.rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      if (c > 0) out << ',';
      if (row[c]) WriteCsvField(*row[c], out);
    }
    out << "\n";
  }
}

// ---------------------------------------------------------------------------------------------
// json

void WriteJsonString(std::string_view text, std::ostream& out) {
  out << '"';
  for (unsigned char ch : text) {
    switch (ch) {
      case '"':
        out << "\\\"";
        break;
      case '\\':
        out << "\\\\";
        break;
      case '\b':
        out << "\\b";
        break;
      case '\f':
        out << "\\f";
        break;
      case '\n':
        out << "\\n";
        break;
      case '\r':
        out << "\\r";
        break;
      case '\t':
        out << "\\t";
        break;
      default:
        if (ch < 0x20) {
          std::array<char, 8> escaped;
          std::snprintf(escaped.data(), escaped.size(), "\\u%04x", ch);
          out << escaped.data();
        } else {
          out << static_cast<char>(ch);
        }
    }
  }
  out << '"';
}

bool IsDigit(char ch) { return ch >= '0' && ch <= '9'; }

// JSON's number grammar; numeric values outside it (inf, nan, "007") are written as strings so
// the output always parses.
bool IsJsonNumber(std::string_view s) {
  size_t i = 0;
  auto digits = [&] {
    size_t start = i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    return i > start;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

bool IsBooleanType(std::string_view type) {
  std::string upper = AsciiToUpper(type);
  return upper == "BOOLEAN" || upper == "BOOL";
}

void WriteJsonValue(const std::optional<std::string>& value, std::string_view type,
                    std::ostream& out) {
  if (!value) {
    out << "null";
  } else if (IsNumericType(type) && IsJsonNumber(*value)) {
    out << *value;
  } else if (IsBooleanType(type) && (*value == "true" || *value == "false")) {
    out << *value;
  } else {
    WriteJsonString(*value, out);
  }
}

void PrintJson(const QueryResult& result, std::ostream& out) {
  if (result.rows.empty()) {
    out << "[]\n";
    return;
  }
  out << "[\n";
  for (size_t r = 0; r < result.rows.size(); ++r) {
    const auto& row = result.rows[r];
    out << "  {";
    for (size_t c = 0; c < row.size() && c < result.column_names.size(); ++c) {
      if (c > 0) out << ", ";
      WriteJsonString(result.column_names[c], out);
      out << ": ";
      std::string_view type =
          c < result.column_types.size() ? std::string_view(result.column_types[c]) : "";
      WriteJsonValue(row[c], type, out);
    }
    out << (r + 1 < result.rows.size() ? "},\n" : "}\n");
  }
  out << "]\n";
}

// ---------------------------------------------------------------------------------------------
// line

void PrintLines(const QueryResult& result, std::ostream& out) {
  size_t name_width = 0;
  for (const auto& name : result.column_names) {
    name_width = std::max(name_width, DisplayWidth(name));
  }
  for (size_t r = 0; r < result.rows.size(); ++r) {
    if (r > 0) out << "\n";
    const auto& row = result.rows[r];
    for (size_t c = 0; c < row.size() && c < result.column_names.size(); ++c) {
      const std::string& name = result.column_names[c];
      out << std::string(name_width - DisplayWidth(name), ' ') << name << " = " << CellText(row[c])
          << "\n";
    }
  }
}

}  // namespace

std::optional<OutputMode> ParseOutputMode(std::string_view name) {
  if (name == "table") return OutputMode::kTable;
  if (name == "csv") return OutputMode::kCsv;
  if (name == "json") return OutputMode::kJson;
  if (name == "line") return OutputMode::kLine;
  return std::nullopt;
}

void PrintResult(const QueryResult& result, OutputMode mode, std::ostream& out) {
  if (result.column_names.empty()) return;
  switch (mode) {
    case OutputMode::kTable:
      TablePrinter(result, out).Print();
      break;
    case OutputMode::kCsv:
      PrintCsv(result, out);
      break;
    case OutputMode::kJson:
      PrintJson(result, out);
      break;
    case OutputMode::kLine:
      PrintLines(result, out);
      break;
  }
}

size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  for (unsigned char ch : text) {
    // UTF-8 continuation bytes are 10xxxxxx; every other byte starts a code point.
    if ((ch & 0xC0) != 0x80) ++width;
  }
  return width;
}

bool IsNumericType(std::string_view type) {
  std::string base = AsciiToUpper(TrimWhitespace(type.substr(0, type.find('('))));
  static constexpr std::array<std::string_view, 19> kNumeric = {
      "TINYINT",   "SMALLINT", "INTEGER", "INT",     "BIGINT", "HUGEINT", "UTINYINT",
      "USMALLINT", "UINTEGER", "UBIGINT", "INT1",    "INT2",   "INT4",    "INT8",
      "FLOAT",     "REAL",     "DOUBLE",  "DECIMAL", "NUMERIC"};
  return std::find(kNumeric.begin(), kNumeric.end(), base) != kNumeric.end() ||
         base == "DOUBLE PRECISION";
}

}  // namespace inlet::tools

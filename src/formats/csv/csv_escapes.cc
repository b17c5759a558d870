#include "formats/csv/csv_escapes.h"

#include <string_view>

namespace inlet {

namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsOctal(char c) { return c >= '0' && c <= '7'; }

bool IsStructural(char c, const CsvDialect& d) {
  const char record = d.multibyte_record_delimiter.empty() ? d.record_delimiter
                                                           : d.multibyte_record_delimiter[0];
  const char field = d.multibyte_delimiter.empty() ? d.delimiter : d.multibyte_delimiter[0];
  return c == field || c == d.unquoted_escape || (d.has_quote && c == d.quote) ||
         ((d.custom_record_delimiter || !d.multibyte_record_delimiter.empty())
              ? c == record
              : c == '\n' || c == '\r');
}

}  // namespace

size_t DecodeUnquotedEscapes(char* text, size_t size, const CsvDialect& dialect) {
  static constexpr std::string_view kLetters = "tnrbf";
  static constexpr std::string_view kBytes = "\t\n\r\b\f";
  size_t out = 0;
  for (size_t i = 0; i < size;) {
    if (text[i] != dialect.unquoted_escape || i + 1 == size) {
      text[out++] = text[i++];
      continue;
    }
    const char next = text[i + 1];
    if (IsStructural(next, dialect)) {
      text[out++] = next;
      i += 2;
    } else if (size_t k = kLetters.find(next); k != std::string_view::npos) {
      text[out++] = kBytes[k];
      i += 2;
    } else if (i + 3 < size && next <= '3' && IsOctal(next) && IsOctal(text[i + 2]) &&
               IsOctal(text[i + 3])) {
      text[out++] = static_cast<char>((next - '0') * 64 + (text[i + 2] - '0') * 8 +
                                      (text[i + 3] - '0'));
      i += 4;
    } else if (next == 'x' && i + 3 < size && HexDigit(text[i + 2]) >= 0 &&
               HexDigit(text[i + 3]) >= 0) {
      text[out++] = static_cast<char>(HexDigit(text[i + 2]) * 16 + HexDigit(text[i + 3]));
      i += 4;
    } else {
      text[out++] = text[i++];  // the escape stays; `next` is copied on the next turn
    }
  }
  return out;
}

std::string_view TrimSpaceField(std::string_view text, const CsvDialect& dialect,
                                std::string* scratch, bool* quoted) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  const char quote = dialect.quote;
  *quoted = dialect.has_quote && text.size() >= 2 && text.front() == quote && text.back() == quote;
  if (!*quoted) return text;
  text = text.substr(1, text.size() - 2);
  const bool has_escape = dialect.has_escape && dialect.escape != quote;
  if (text.find(quote) == std::string_view::npos &&
      (!has_escape || text.find(dialect.escape) == std::string_view::npos)) {
    return text;
  }
  scratch->clear();
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool pair = i + 1 < text.size() &&
                      ((c == quote && text[i + 1] == quote) ||
                       (has_escape && c == dialect.escape &&
                        (text[i + 1] == quote || text[i + 1] == dialect.escape)));
    scratch->push_back(pair ? text[++i] : c);
  }
  return *scratch;
}

}  // namespace inlet

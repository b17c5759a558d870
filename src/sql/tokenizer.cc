#include "sql/tokenizer.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "common/string_util.h"

namespace inlet::sql {
namespace {

// Sorted, so IsReservedKeyword can binary-search it.
constexpr std::array<std::string_view, 34> kReservedKeywords = {
    "all",   "and",    "as",    "between", "by",   "case",  "cast",   "create", "distinct",
    "drop",  "else",   "end",   "false",   "from", "group", "having", "ilike",  "in",
    "into",  "is",     "like",  "limit",   "not",  "null",  "offset", "on",     "or",
    "order", "select", "table", "then",    "true", "when",  "where",
};
static_assert(std::is_sorted(kReservedKeywords.begin(), kReservedKeywords.end()));

bool IsIdentifierStart(unsigned char c) {
  // Bytes >= 0x80 belong to UTF-8 sequences; letting them into identifiers allows non-ASCII names.
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

bool IsIdentifierPart(unsigned char c) {
  return IsIdentifierStart(c) || (c >= '0' && c <= '9') || c == '$';
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Walks the text once, keeping line and column in step with the byte offset.
class Lexer {
 public:
  explicit Lexer(std::string_view sql) : sql_(sql) {}

  Result<std::vector<Token>> Run() {
    std::vector<Token> tokens;
    while (true) {
      INLET_RETURN_NOT_OK(SkipWhitespaceAndComments());
      if (AtEnd()) break;
      INLET_ASSIGN_OR_RETURN(Token token, Next());
      tokens.push_back(std::move(token));
    }
    Token end;
    end.type = TokenType::kEnd;
    end.position = position_;
    tokens.push_back(std::move(end));
    return tokens;
  }

 private:
  bool AtEnd() const { return position_.offset >= sql_.size(); }
  char Peek(size_t ahead = 0) const {
    size_t at = position_.offset + ahead;
    return at < sql_.size() ? sql_[at] : '\0';
  }

  void Advance() {
    unsigned char c = static_cast<unsigned char>(sql_[position_.offset++]);
    if (c == '\n') {
      ++position_.line;
      position_.column = 1;
    } else if ((c & 0xC0) != 0x80) {
      // UTF-8 continuation bytes do not start a new character.
      ++position_.column;
    }
  }

  Status SkipWhitespaceAndComments() {
    while (!AtEnd()) {
      char c = Peek();
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        Advance();
      } else if (c == '-' && Peek(1) == '-') {
        while (!AtEnd() && Peek() != '\n') Advance();
      } else if (c == '/' && Peek(1) == '*') {
        SourcePosition start = position_;
        Advance();
        Advance();
        while (!(Peek() == '*' && Peek(1) == '/')) {
          if (AtEnd()) return SyntaxError(start, "unterminated comment");
          Advance();
        }
        Advance();
        Advance();
      } else {
        break;
      }
    }
    return Status::OK();
  }

  Token Make(TokenType type, const SourcePosition& start, std::string value) const {
    Token token;
    token.type = type;
    token.text = std::string(sql_.substr(start.offset, position_.offset - start.offset));
    token.value = std::move(value);
    token.position = start;
    return token;
  }

  Result<Token> Next() {
    SourcePosition start = position_;
    char c = Peek();
    if (IsIdentifierStart(static_cast<unsigned char>(c))) return Word(start);
    if (IsDigit(c) || (c == '.' && IsDigit(Peek(1)))) return Number(start);
    if (c == '\'') {
      INLET_ASSIGN_OR_RETURN(std::string value, Quoted('\'', start, "unterminated string literal"));
      return Make(TokenType::kString, start, std::move(value));
    }
    if (c == '"' || c == '`') {
      // `back quotes` are how Databricks and Spark quote identifiers.
      INLET_ASSIGN_OR_RETURN(std::string value, Quoted(c, start, "unterminated quoted identifier"));
      if (value.empty()) return SyntaxError(start, "zero-length quoted identifier");
      return Make(TokenType::kQuotedIdentifier, start, std::move(value));
    }
    if (c == '$' && IsDigit(Peek(1))) {
      Advance();
      while (IsDigit(Peek())) Advance();
      return Make(TokenType::kParameter, start,
                  std::string(sql_.substr(start.offset + 1, position_.offset - start.offset - 1)));
    }
    return Operator(start);
  }

  Token Word(const SourcePosition& start) {
    while (!AtEnd() && IsIdentifierPart(static_cast<unsigned char>(Peek()))) Advance();
    std::string lower = AsciiToLower(sql_.substr(start.offset, position_.offset - start.offset));
    TokenType type = IsReservedKeyword(lower) ? TokenType::kKeyword : TokenType::kIdentifier;
    return Make(type, start, std::move(lower));
  }

  // Digits, an optional fraction and an optional exponent; the parser decides integer, decimal
  // or double from the spelling.
  Token Number(const SourcePosition& start) {
    while (IsDigit(Peek())) Advance();
    if (Peek() == '.') {
      Advance();
      while (IsDigit(Peek())) Advance();
    }
    bool exponent = (Peek() == 'e' || Peek() == 'E') &&
                    (IsDigit(Peek(1)) || ((Peek(1) == '+' || Peek(1) == '-') && IsDigit(Peek(2))));
    if (exponent) {
      Advance();
      if (Peek() == '+' || Peek() == '-') Advance();
      while (IsDigit(Peek())) Advance();
    }
    std::string text(sql_.substr(start.offset, position_.offset - start.offset));
    return Make(TokenType::kNumber, start, text);
  }

  // Content between `quote` characters, where a doubled quote stands for one.
  Result<std::string> Quoted(char quote, const SourcePosition& start,
                             std::string_view unterminated) {
    Advance();
    std::string value;
    while (true) {
      if (AtEnd()) return SyntaxError(start, unterminated);
      char c = Peek();
      Advance();
      if (c == quote) {
        if (Peek() != quote) break;
        Advance();
      }
      value.push_back(c);
    }
    return value;
  }

  Result<Token> Operator(const SourcePosition& start) {
    char c = Peek();
    std::string_view two = sql_.substr(position_.offset, 2);
    if (two == "<>" || two == "!=" || two == "<=" || two == ">=" || two == "||" || two == "::" ||
        two == "=>") {
      Advance();
      Advance();
      return Make(TokenType::kOperator, start, std::string(two));
    }
    static constexpr std::string_view kSingle = "=<>+-*/%(),;.:[]";
    if (kSingle.find(c) != std::string_view::npos) {
      Advance();
      return Make(TokenType::kOperator, start, std::string(1, c));
    }
    char detail[64];
    unsigned char byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7F) {
      std::snprintf(detail, sizeof(detail), "unexpected character '%c'", c);
    } else {
      std::snprintf(detail, sizeof(detail), "unexpected byte 0x%02X", byte);
    }
    return SyntaxError(start, detail);
  }

  std::string_view sql_;
  SourcePosition position_;
};

}  // namespace

bool IsReservedKeyword(std::string_view lower_word) {
  return std::binary_search(kReservedKeywords.begin(), kReservedKeywords.end(), lower_word);
}

Result<std::vector<Token>> Tokenize(std::string_view sql) { return Lexer(sql).Run(); }

}  // namespace inlet::sql

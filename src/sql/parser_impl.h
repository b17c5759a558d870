#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "inlet/result.h"
#include "sql/ast.h"
#include "sql/tokenizer.h"

namespace inlet::sql {

/// Recursive-descent parser over a token list; one instance parses one text. The grammar is split
/// over parser.cc (statements), parser_copy.cc (COPY INTO and option lists) and
/// parser_expression.cc (expressions and types).
class Parser {
 public:
  /// REQUIRES: `tokens` ends with a kEnd token, as Tokenize() returns.
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  Result<std::vector<StatementPtr>> ParseScript();
  Result<StatementPtr> ParseSingleStatement();
  Result<ExpressionPtr> ParseSingleExpression();

 private:
  // Deep nesting ("((((...", "NOT NOT NOT ...") would otherwise overflow the stack; no real
  // statement comes near this.
  static constexpr int kMaxNestingDepth = 200;

  // Counts one level of nesting for as long as it lives.
  class NestingGuard {
   public:
    explicit NestingGuard(int* depth) : depth_(depth) { ++*depth_; }
    ~NestingGuard() { --*depth_; }
    NestingGuard(const NestingGuard&) = delete;
    NestingGuard& operator=(const NestingGuard&) = delete;
    bool TooDeep() const { return *depth_ > kMaxNestingDepth; }

   private:
    int* depth_;
  };

  // ----- statements (parser.cc)
  Result<StatementPtr> ParseStatement();
  Result<StatementPtr> ParseStatementBody();
  Result<StatementPtr> ParseCreateTable();
  Result<ColumnDefinition> ParseColumnDefinition();
  Result<StatementPtr> ParseOpenDeltaTable();
  Result<StatementPtr> ParseDropTable();
  Result<StatementPtr> ParseAlterTable();
  Result<StatementPtr> ParseShow();
  Result<std::vector<TableProperty>> ParseTableProperties();
  Result<std::vector<StringLiteral>> ParsePropertyKeys();
  Result<StringLiteral> ParsePropertyKey();
  Result<StringLiteral> ParsePropertyValue();
  Result<StatementPtr> ParseDescribe();
  Result<StatementPtr> ParseVacuum();
  Result<StatementPtr> ParseSet();
  Result<StatementPtr> ParseReset();
  Result<TimeTravel> ParseTimeTravel();
  Result<StatementPtr> ParseSelect();
  Result<SelectItem> ParseSelectItem();
  Result<TableRef> ParseTableRef();
  Status ParseTableFunctionArguments(TableRef* ref);
  Result<OrderByItem> ParseOrderByItem();
  Result<int64_t> ParseRowCount(std::string_view clause);
  Result<std::optional<Identifier>> ParseOptionalAlias();

  // ----- COPY INTO and options (parser_copy.cc)
  Result<StatementPtr> ParseCopyInto();
  Status ParseCopyClause(CopyIntoStatement* copy);
  Result<FileFormatClause> ParseFileFormat();
  Result<CopyIntoStatement::FilesClause> ParseFiles();
  Result<std::vector<Option>> ParseOptionList();
  Result<Option> ParseOption();
  Result<OptionValue> ParseOptionValue();
  bool PeekOptionKey(size_t ahead = 0) const;
  bool PeekOptionValueStart() const;

  // ----- expressions and types (parser_expression.cc)
  Result<ExpressionPtr> ParseExpression();
  Result<ExpressionPtr> ParseOr();
  Result<ExpressionPtr> ParseAnd();
  Result<ExpressionPtr> ParseNot();
  Result<ExpressionPtr> ParseComparison();
  Result<ExpressionPtr> ParseConcat();
  Result<ExpressionPtr> ParseAdditive();
  Result<ExpressionPtr> ParseMultiplicative();
  Result<ExpressionPtr> ParseUnaryMinus();
  Result<ExpressionPtr> ParseCast();
  Result<ExpressionPtr> ParsePrimary();
  Result<ExpressionPtr> ParseFunctionCall(Name name);
  Result<ExpressionPtr> ParseCastCall();
  Result<ExpressionPtr> ParseCase();
  Result<std::vector<ExpressionPtr>> ParseExpressionList();
  Result<TypeName> ParseTypeName();
  Result<TypeName> ParseBaseTypeName();
  Status ParseStructFields(TypeName* type, std::string_view close);
  Result<TypeNameField> ParseTypeArgument(bool allow_not_null);
  Result<int> ParseTypeParameter();

  // ----- token helpers (parser.cc)
  const Token& Peek(size_t ahead = 0) const;
  const Token& Advance();
  bool PeekWord(std::string_view word, size_t ahead = 0) const { return Peek(ahead).IsWord(word); }
  bool MatchWord(std::string_view word);
  /// `word` is lower-case; messages show it upper-case.
  Status ExpectWord(std::string_view word);
  bool PeekOperator(std::string_view op, size_t ahead = 0) const {
    return Peek(ahead).IsOperator(op);
  }
  bool MatchOperator(std::string_view op);
  Status ExpectOperator(std::string_view op);
  bool AtStatementEnd() const;
  Result<Identifier> ParseIdentifier(std::string_view what);
  Result<Name> ParseName(std::string_view what);
  Result<StringLiteral> ParseStringLiteral(std::string_view what);
  /// "expected <what> but found "<token>"", or "unexpected end of input, expected <what>", at the
  /// current token.
  Status ErrorExpected(std::string_view what) const;

  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace inlet::sql

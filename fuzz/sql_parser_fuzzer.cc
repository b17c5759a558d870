// Fuzz target: the SQL front end (tokenizer, parser, statement splitter) on arbitrary text.
//
// Besides "never crash or hang", it checks the promises the headers make:
// - ToString() prints SQL that parses back to the same tree (sql/ast.h): every statement and
//   expression that parses is printed, parsed again and printed again; both prints must agree.
// - The shell's splitter agrees with the parser (inlet/database.h): a script that ParseScript
//   accepts splits into as many statements, and each piece parses on its own.
// - IsCompleteStatement(text) implies SplitStatements(text) is not empty.
// A broken promise prints both texts and aborts.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "inlet/database.h"
#include "sql/parser.h"

namespace inlet::sql {
namespace {

[[noreturn]] void Fail(const char* what, const std::string& first, const std::string& second) {
  fprintf(stderr, "sql_parser_fuzzer: %s\n--- first:\n%s\n--- second:\n%s\n", what, first.c_str(),
          second.c_str());
  abort();
}

void CheckStatementRoundTrip(const Statement& statement) {
  const std::string printed = statement.ToString();
  auto reparsed = ParseStatement(printed);
  if (!reparsed.ok()) {
    Fail("ToString() does not parse again", printed, reparsed.status().ToString());
  }
  const std::string reprinted = (*reparsed)->ToString();
  if (reprinted != printed) {
    Fail("ToString() does not parse back to the same tree", printed, reprinted);
  }
}

void CheckExpressionRoundTrip(const Expression& expression) {
  const std::string printed = expression.ToString();
  auto reparsed = ParseExpression(printed);
  if (!reparsed.ok()) {
    Fail("expression ToString() does not parse again", printed, reparsed.status().ToString());
  }
  const std::string reprinted = (*reparsed)->ToString();
  if (reprinted != printed) {
    Fail("expression ToString() does not parse back the same", printed, reprinted);
  }
}

}  // namespace
}  // namespace inlet::sql

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace inlet::sql;
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  const std::vector<std::string> pieces = inlet::SplitStatements(text);
  if (inlet::IsCompleteStatement(text) && pieces.empty()) {
    Fail("IsCompleteStatement is true but SplitStatements found nothing", std::string(text), "");
  }

  auto script = ParseScript(text);
  if (script.ok()) {
    for (const StatementPtr& statement : *script) CheckStatementRoundTrip(*statement);
    if (pieces.size() != script->size()) {
      Fail("SplitStatements and ParseScript count different statements", std::string(text),
           std::to_string(pieces.size()) + " pieces, " + std::to_string(script->size()) +
               " statements");
    }
    for (const std::string& piece : pieces) {
      auto statement = ParseStatement(piece);
      if (!statement.ok()) {
        Fail("a piece of a valid script does not parse", piece, statement.status().ToString());
      }
    }
  } else {
    for (const std::string& piece : pieces) {
      auto statement = ParseStatement(piece);
      if (statement.ok()) CheckStatementRoundTrip(**statement);
    }
  }

  auto expression = ParseExpression(text);
  if (expression.ok()) CheckExpressionRoundTrip(**expression);
  return 0;
}

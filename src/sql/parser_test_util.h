#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "sql/parser.h"

namespace inlet::sql {

/// Parses one statement, failing the test (and returning null) on error.
inline StatementPtr MustParse(std::string_view sql) {
  Result<StatementPtr> statement = ParseStatement(sql);
  EXPECT_TRUE(statement.ok()) << sql << "\n" << statement.status().ToString();
  return statement.ok() ? std::move(statement).ValueOrDie() : nullptr;
}

/// The statement printed back, after checking that the printed form parses to the same text.
inline std::string Canonical(std::string_view sql) {
  StatementPtr statement = MustParse(sql);
  if (!statement) return "<error>";
  std::string printed = statement->ToString();
  StatementPtr again = MustParse(printed);
  EXPECT_TRUE(again && again->ToString() == printed) << "does not round-trip: " << printed;
  return printed;
}

/// The message of a statement that must fail to parse.
inline std::string ParseErrorOf(std::string_view sql) {
  Result<StatementPtr> statement = ParseStatement(sql);
  EXPECT_FALSE(statement.ok()) << sql << " parsed as " << statement->get()->ToString();
  if (statement.ok()) return "<parsed>";
  EXPECT_EQ(statement.status().code(), StatusCode::kParseError);
  return statement.status().message();
}

}  // namespace inlet::sql

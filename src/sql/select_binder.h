#pragma once

#include <functional>
#include <memory>
#include <string>

#include "exec/select_executor.h"
#include "inlet/result.h"
#include "sql/ast.h"
#include "types/schema.h"

namespace inlet::sql {

/// A table a SELECT reads: its name, schema, and how to scan it.
struct BoundTable {
  std::string name;
  Schema schema;
  std::function<Result<std::unique_ptr<RowSource>>()> open_scan;
};

/// Resolves a FROM name to a table (the catalog in production, a fake in tests).
using TableResolver = std::function<Result<BoundTable>(const Name& name)>;

/// Resolves a table function call in FROM, such as sniff('path').
using TableFunctionResolver = std::function<Result<BoundTable>(const TableRef& call)>;

/// Turns a parsed SELECT into a plan: names to column indexes, aggregates to slots, literals to
/// typed constants, ORDER BY ordinals and aliases to output columns. Errors name the place in
/// the statement: `column "qty2" does not exist at line 1, column 8 (columns of orders: ...)`.
/// Without `resolve_function`, a table function in FROM is an error.
Result<SelectPlan> BindSelect(const SelectStatement& select, const TableResolver& resolve_table,
                              const TableFunctionResolver& resolve_function = nullptr);

/// The LogicalType a parsed type names, nested types included. Errors point at the part at
/// fault: an unknown type name, a duplicate STRUCT field, a MAP key of a nested type.
Result<LogicalType> BindTypeName(const TypeName& type);

/// Binds an expression over the columns of one row of `schema`, without aggregates (CHECK
/// constraints and invariants).
Result<std::unique_ptr<BoundExpression>> BindRowExpression(const Expression& expression,
                                                           const Schema& schema);

/// Binds an expression that must be a constant (DEFAULT values) and casts it to `type`.
Result<Value> BindConstant(const Expression& expression, const LogicalType& type);

/// The type of a parsed literal: INTEGER / BIGINT / DECIMAL(38,0) by size for integers,
/// DECIMAL(p,s) for 1.50, DOUBLE with an exponent, VARCHAR for strings.
Result<Value> BindLiteral(const LiteralExpression& literal);

/// A Binder error pointing at `position`: "<message> at line L, column C".
Status BindErrorAt(const SourcePosition& position, const std::string& message);

}  // namespace inlet::sql

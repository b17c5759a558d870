#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/macros.h"
#include "sql/source_position.h"

// The syntax tree the parser builds and the binder reads: plain structs owning their children.
// Every node keeps the position of its first token (operators: of the operator token) so that
// later errors point into the statement. ToString() prints SQL that parses back to the same tree.

namespace inlet::sql {

/// One part of a name. Unquoted identifiers compare case-insensitively, quoted ones exactly.
struct Identifier {
  /// As written, without quotes ("Orders" for both Orders and "Orders").
  std::string text;
  /// The form to compare by: lower-cased when unquoted, exactly `text` when quoted.
  std::string normalized;
  bool quoted = false;
  SourcePosition position;

  /// SQL spelling: the text as written, or double-quoted with embedded quotes doubled.
  std::string ToString() const;
};

/// A possibly qualified name: orders, raw.orders, bronze.raw.orders.
struct Name {
  std::vector<Identifier> parts;
  SourcePosition position;

  /// The last part: the table or column itself.
  const Identifier& back() const { return parts.back(); }
  std::string ToString() const;
};

/// A string literal written in a clause (LOCATION, FROM, FILES, PATTERN), unescaped.
struct StringLiteral {
  std::string value;
  SourcePosition position;
};

struct TypeNameField;

/// A column or cast type as written: a name and integer parameters, or a nested type with its
/// children. The binder maps it to a LogicalType (LogicalTypeFromName for the named types).
struct TypeName {
  /// Upper-cased, multi-word names joined by one space: "DECIMAL", "TIMESTAMP WITH TIME ZONE",
  /// "DOUBLE PRECISION". Nested types are "STRUCT", "ARRAY" (also for LIST<T> and T[]) and "MAP".
  std::string name;
  std::vector<int> params;
  /// STRUCT: its fields; ARRAY: the element; MAP: the key, then the value.
  std::vector<TypeNameField> children;
  SourcePosition position;

  bool is_nested() const { return name == "STRUCT" || name == "ARRAY" || name == "MAP"; }
  /// "DECIMAL(10,2)", "STRUCT<a: INT NOT NULL, b: ARRAY<VARCHAR>>", "MAP<VARCHAR, INT>".
  std::string ToString() const;
};

/// A STRUCT field (named) or an ARRAY element / MAP key or value (unnamed) inside a TypeName.
struct TypeNameField {
  Identifier name;
  TypeName type;
  bool not_null = false;
  SourcePosition position;
};

// ---------------------------------------------------------------------------------------------
// Expressions

enum class ExpressionKind {
  kLiteral,
  kColumnRef,
  kStar,
  kFunctionCall,
  kUnary,
  kBinary,
  kIsNull,
  kBetween,
  kInList,
  kLike,
  kCast,
  kCase,
};

/// Base of all expression nodes; `kind` says which derived struct it is (see As<T>()).
struct Expression {
  explicit Expression(ExpressionKind kind) : kind(kind) {}
  virtual ~Expression() = default;
  Expression(const Expression&) = delete;
  Expression& operator=(const Expression&) = delete;

  /// SQL text of the expression; also the default name of a SELECT column (`count(*)`).
  virtual std::string ToString() const = 0;

  /// REQUIRES: kind == T::kKind.
  template <typename T>
  const T& As() const {
    INLET_DCHECK(kind == T::kKind);
    return static_cast<const T&>(*this);
  }

  const ExpressionKind kind;
  SourcePosition position;
};

using ExpressionPtr = std::unique_ptr<Expression>;

enum class LiteralKind {
  kNull,
  kBoolean,  // value is "true" or "false"
  kInteger,  // digits only, possibly with a leading '-'
  kDecimal,  // with a fractional part: 1.50
  kDouble,   // with an exponent: 1e-3
  kString,
  kDate,       // DATE '2024-01-31'
  kTimestamp,  // TIMESTAMP '2024-01-31 12:00:00'
  kTime,       // TIME '12:00:00'
};

/// A constant. Numbers keep their spelling so the binder chooses the type and catches overflow.
struct LiteralExpression final : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kLiteral;
  LiteralExpression() : Expression(kKind) {}
  std::string ToString() const override;

  LiteralKind literal_kind = LiteralKind::kNull;
  /// Numbers as written, strings unescaped, "true"/"false", empty for NULL.
  std::string value;
};

/// A column reference, possibly qualified: qty, o.qty, raw.orders.qty.
struct ColumnRefExpression final : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kColumnRef;
  ColumnRefExpression() : Expression(kKind) {}
  std::string ToString() const override;

  Name name;
};

/// `*` or `t.*` in a SELECT list (count(*) is a FunctionCallExpression with `star`).
struct StarExpression final : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kStar;
  StarExpression() : Expression(kKind) {}
  std::string ToString() const override;

  /// Empty for a bare `*`.
  Name qualifier;
};

struct FunctionCallExpression final : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kFunctionCall;
  FunctionCallExpression() : Expression(kKind) {}
  /// Prints the name lower-cased: `sum(qty)`, `count(*)`, `count(DISTINCT x)`.
  std::string ToString() const override;

  Name name;
  std::vector<ExpressionPtr> args;
  bool distinct = false;  // count(DISTINCT x)
  bool star = false;      // count(*); args is empty
};

enum class UnaryOperator { kNot, kNegate };

struct UnaryExpression final : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kUnary;
  UnaryExpression() : Expression(kKind) {}
  std::string ToString() const override;

  UnaryOperator op = UnaryOperator::kNot;
  ExpressionPtr operand;
};

enum class BinaryOperator {
  kOr,
  kAnd,
  kEqual,
  kNotEqual,  // <> or !=
  kLess,
  kLessEqual,
  kGreater,
  kGreaterEqual,
  kConcat,  // ||
  kAdd,
  kSubtract,
  kMultiply,
  kDivide,
  kModulo,
};

/// "AND", "<>", "||", ...
const char* BinaryOperatorToString(BinaryOperator op);

struct BinaryExpression final : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kBinary;
  BinaryExpression() : Expression(kKind) {}
  std::string ToString() const override;

  BinaryOperator op = BinaryOperator::kAnd;
  ExpressionPtr left;
  ExpressionPtr right;
};

/// x IS [NOT] NULL
struct IsNullExpression final : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kIsNull;
  IsNullExpression() : Expression(kKind) {}
  std::string ToString() const override;

  ExpressionPtr operand;
  bool negated = false;
};

/// x [NOT] BETWEEN low AND high
struct BetweenExpression final : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kBetween;
  BetweenExpression() : Expression(kKind) {}
  std::string ToString() const override;

  ExpressionPtr operand;
  ExpressionPtr low;
  ExpressionPtr high;
  bool negated = false;
};

/// x [NOT] IN (a, b, ...)
struct InListExpression final : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kInList;
  InListExpression() : Expression(kKind) {}
  std::string ToString() const override;

  ExpressionPtr operand;
  std::vector<ExpressionPtr> list;
  bool negated = false;
};

/// x [NOT] LIKE pattern, x [NOT] ILIKE pattern
struct LikeExpression final : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kLike;
  LikeExpression() : Expression(kKind) {}
  std::string ToString() const override;

  ExpressionPtr operand;
  ExpressionPtr pattern;
  bool negated = false;
  bool case_insensitive = false;  // ILIKE
};

/// CAST(x AS type) or x::type
struct CastExpression final : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kCast;
  CastExpression() : Expression(kKind) {}
  std::string ToString() const override;

  ExpressionPtr operand;
  TypeName type;
  bool double_colon = false;  // written x::type; ToString keeps the spelling
};

/// CASE [operand] WHEN a THEN b ... [ELSE c] END
struct CaseExpression final : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kCase;
  CaseExpression() : Expression(kKind) {}
  std::string ToString() const override;

  struct When {
    ExpressionPtr condition;  // a value to compare with `operand` when it is set
    ExpressionPtr result;
  };
  ExpressionPtr operand;  // null for the searched form CASE WHEN cond ...
  std::vector<When> whens;
  ExpressionPtr else_result;  // null when there is no ELSE
};

// ---------------------------------------------------------------------------------------------
// Options (COPY INTO ... FILE_FORMAT / FORMAT_OPTIONS / COPY_OPTIONS / KEY = value)

struct Option;

/// The right-hand side of `key = value` in an option list.
struct OptionValue {
  enum class Kind {
    kString,      // 'text'
    kNumber,      // 10, -1, 0.5 (text as written)
    kBoolean,     // TRUE / FALSE (text "true" / "false")
    kNull,        // NULL
    kIdentifier,  // CSV, CONTINUE, ABORT_STATEMENT (text as written)
    kList,        // ('', 'NA'): `items`
    kOptions,     // (AWS_KEY_ID = '...' AWS_SECRET_KEY = '...'): `options`
  };
  Kind kind = Kind::kNull;
  std::string text;
  std::vector<OptionValue> items;
  std::vector<Option> options;
  SourcePosition position;

  std::string ToString() const;
};

/// key = value. Keys are not checked here: the binder knows which ones exist.
struct Option {
  /// Lower-cased, so `Header`, `HEADER` and 'header' all match "header".
  std::string key;
  /// As written, without quotes, for messages.
  std::string key_text;
  OptionValue value;
  SourcePosition position;  // of the key

  std::string ToString() const;
};

// ---------------------------------------------------------------------------------------------
// Statements

enum class StatementKind {
  kCreateTable,
  kOpenDeltaTable,
  kDropTable,
  kAlterTable,
  kShowTables,
  kShowTableProperties,
  kDescribe,
  kDescribeHistory,
  kVacuum,
  kCopyInto,
  kSelect,
  kSet,
  kReset,
  kShowSetting,
};

/// Base of all statements; `kind` says which derived struct it is (see As<T>()).
struct Statement {
  explicit Statement(StatementKind kind) : kind(kind) {}
  virtual ~Statement() = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  /// The statement as SQL, without a trailing ';'.
  virtual std::string ToString() const = 0;

  /// REQUIRES: kind == T::kKind.
  template <typename T>
  const T& As() const {
    INLET_DCHECK(kind == T::kKind);
    return static_cast<const T&>(*this);
  }

  const StatementKind kind;
  SourcePosition position;
};

struct ColumnDefinition {
  Identifier name;
  TypeName type;
  bool not_null = false;
  ExpressionPtr default_value;  // null without DEFAULT; the binder requires a constant
  SourcePosition position;
};

/// `'key' = 'value'` in TBLPROPERTIES (...). A key written as words (delta.appendOnly) keeps its
/// spelling; a number or TRUE / FALSE value its text ("9", "true").
struct TableProperty {
  StringLiteral key;
  StringLiteral value;

  std::string ToString() const;
};

/// CREATE [DELTA] TABLE [IF NOT EXISTS] name [(columns)] [PARTITIONED BY (column, ...)]
/// [LOCATION 'dir'] [TBLPROPERTIES (...)], the clauses after the columns in any order. Without columns a LOCATION is required: the schema
/// comes from the Delta table already there.
struct CreateTableStatement final : Statement {
  static constexpr StatementKind kKind = StatementKind::kCreateTable;
  CreateTableStatement() : Statement(kKind) {}
  std::string ToString() const override;

  Name table;
  bool delta = false;  // DELTA was written; every table is a Delta table either way
  bool if_not_exists = false;
  std::vector<ColumnDefinition> columns;
  /// Empty without PARTITIONED BY.
  std::vector<Identifier> partition_columns;
  std::optional<StringLiteral> location;
  /// Empty without TBLPROPERTIES (the clause needs at least one property).
  std::vector<TableProperty> properties;
};

/// OPEN DELTA TABLE name LOCATION 'dir': registers an existing Delta table under a name.
struct OpenDeltaTableStatement final : Statement {
  static constexpr StatementKind kKind = StatementKind::kOpenDeltaTable;
  OpenDeltaTableStatement() : Statement(kKind) {}
  std::string ToString() const override;

  Name table;
  StringLiteral location;
};

/// DROP TABLE [IF EXISTS] name
struct DropTableStatement final : Statement {
  static constexpr StatementKind kKind = StatementKind::kDropTable;
  DropTableStatement() : Statement(kKind) {}
  std::string ToString() const override;

  Name table;
  bool if_exists = false;
};

/// ALTER TABLE name SET TBLPROPERTIES ('key' = 'value', ...), or
/// ALTER TABLE name UNSET TBLPROPERTIES [IF EXISTS] ('key', ...)
struct AlterTableStatement final : Statement {
  static constexpr StatementKind kKind = StatementKind::kAlterTable;
  AlterTableStatement() : Statement(kKind) {}
  std::string ToString() const override;

  enum class Action { kSetProperties, kUnsetProperties, kAddConstraint, kDropConstraint };
  Name table;
  Action action = Action::kSetProperties;
  std::vector<TableProperty> properties;  // kSetProperties
  std::vector<StringLiteral> keys;        // kUnsetProperties
  bool if_exists = false;                 // kUnsetProperties, kDropConstraint
  Identifier constraint;                  // kAddConstraint, kDropConstraint
  ExpressionPtr check;                    // kAddConstraint
  /// The CHECK expression's text as written (runs of whitespace and comments as one space),
  /// which the Delta log stores.
  std::string check_text;                 // kAddConstraint
};

/// SHOW TABLES
struct ShowTablesStatement final : Statement {
  static constexpr StatementKind kKind = StatementKind::kShowTables;
  ShowTablesStatement() : Statement(kKind) {}
  std::string ToString() const override;
};

/// SHOW TBLPROPERTIES name [('key')]
struct ShowTablePropertiesStatement final : Statement {
  static constexpr StatementKind kKind = StatementKind::kShowTableProperties;
  ShowTablePropertiesStatement() : Statement(kKind) {}
  std::string ToString() const override;

  Name table;
  std::optional<StringLiteral> key;
};

/// DESCRIBE [TABLE] name
struct DescribeStatement final : Statement {
  static constexpr StatementKind kKind = StatementKind::kDescribe;
  DescribeStatement() : Statement(kKind) {}
  std::string ToString() const override;

  Name table;
};

/// DESCRIBE HISTORY name [LIMIT n]: the table's commits, newest first.
struct DescribeHistoryStatement final : Statement {
  static constexpr StatementKind kKind = StatementKind::kDescribeHistory;
  DescribeHistoryStatement() : Statement(kKind) {}
  std::string ToString() const override;

  Name table;
  std::optional<int64_t> limit;
};

/// VACUUM name [RETAIN n HOURS] [DRY RUN]: deletes files of the table folder no version needs.
struct VacuumStatement final : Statement {
  static constexpr StatementKind kKind = StatementKind::kVacuum;
  VacuumStatement() : Statement(kKind) {}
  std::string ToString() const override;

  Name table;
  /// RETAIN n HOURS, as written (a number, possibly with a fraction).
  std::optional<std::string> retain_hours;
  SourcePosition retain_position;
  bool dry_run = false;
};

/// SET name = value, or SET name TO value: changes a setting of the session.
struct SetStatement final : Statement {
  static constexpr StatementKind kKind = StatementKind::kSet;
  SetStatement() : Statement(kKind) {}
  std::string ToString() const override;

  Identifier name;
  /// A string unescaped, a number (with its sign) or a word as written.
  std::string value;
  bool value_is_string = false;
  SourcePosition value_position;
};

/// RESET name, or RESET ALL: puts settings back to their defaults.
struct ResetStatement final : Statement {
  static constexpr StatementKind kKind = StatementKind::kReset;
  ResetStatement() : Statement(kKind) {}
  std::string ToString() const override;

  /// Unset for RESET ALL.
  std::optional<Identifier> name;
};

/// SHOW name, or SHOW ALL: the value of one setting, or every setting with its description.
struct ShowSettingStatement final : Statement {
  static constexpr StatementKind kKind = StatementKind::kShowSetting;
  ShowSettingStatement() : Statement(kKind) {}
  std::string ToString() const override;

  /// Unset for SHOW ALL.
  std::optional<Identifier> name;
};

/// FILE_FORMAT = CSV, or FILE_FORMAT = (TYPE = CSV, key = value, ...).
struct FileFormatClause {
  /// The format named by `FILE_FORMAT = x` or by the TYPE entry; unset when the parenthesized
  /// form has no TYPE (e.g. Snowflake's FORMAT_NAME = 'f').
  std::optional<OptionValue> type;
  /// The parenthesized entries other than TYPE.
  std::vector<Option> options;
  /// FILE_FORMAT = (...) rather than FILE_FORMAT = name: Snowflake's form, unless its entries
  /// use the Delta form's option names.
  bool parenthesized = false;
  SourcePosition position;
};

/// FORMAT_OPTIONS (...) or COPY_OPTIONS (...).
struct OptionListClause {
  std::vector<Option> options;
  SourcePosition position;
};

/// COPY INTO table FROM 'location' followed by clauses in any order, each at most once.
struct CopyIntoStatement final : Statement {
  static constexpr StatementKind kKind = StatementKind::kCopyInto;
  CopyIntoStatement() : Statement(kKind) {}
  std::string ToString() const override;

  struct FilesClause {
    std::vector<StringLiteral> files;
    SourcePosition position;
  };
  struct ForceClause {
    bool value = true;  // FORCE alone means TRUE
    SourcePosition position;
  };

  Name table;
  StringLiteral location;
  std::optional<FileFormatClause> file_format;
  std::optional<FilesClause> files;
  std::optional<StringLiteral> pattern;
  std::optional<OptionListClause> format_options;
  std::optional<OptionListClause> copy_options;
  std::optional<ForceClause> force;
  /// Any other top-level `KEY = value` clause (Snowflake's ON_ERROR = CONTINUE), in order.
  std::vector<Option> options;
  /// Firebolt's form, COPY [INTO] t FROM 'url' [WITH] (...): its options (TYPE, PATTERN, the
  /// CSV options...). Set only for that form, which takes no other clause.
  std::optional<OptionListClause> with_options;
  /// Firebolt's further URLs after the first (`location`).
  std::vector<StringLiteral> more_locations;
};

/// VERSION AS OF n or TIMESTAMP AS OF 'text' after a table name (Delta time travel).
struct TimeTravel {
  enum class Kind { kVersion, kTimestamp };
  Kind kind = Kind::kVersion;
  int64_t version = 0;    // kVersion
  std::string timestamp;  // kTimestamp, unescaped
  SourcePosition position;

  std::string ToString() const;
};

/// `name => value`, an argument of a table function given by name (Snowflake's spelling).
struct NamedArgument {
  Identifier name;
  ExpressionPtr value;
};

/// FROM target of a SELECT: a table or a table function call such as sniff('path').
struct TableRef {
  enum class Kind { kTable, kFunction };
  Kind kind = Kind::kTable;
  Name name;
  std::vector<ExpressionPtr> args;  // kFunction only
  std::vector<NamedArgument> named_args;  // kFunction only, after the positional ones
  std::optional<TimeTravel> time_travel;  // kTable only
  std::optional<Identifier> alias;
  SourcePosition position;

  std::string ToString() const;
};

struct SelectItem {
  ExpressionPtr expression;
  std::optional<Identifier> alias;
};

struct OrderByItem {
  enum class Nulls { kDefault, kFirst, kLast };
  /// An integer literal here is an ordinal (ORDER BY 2); the binder resolves it.
  ExpressionPtr expression;
  bool descending = false;
  Nulls nulls = Nulls::kDefault;
};

/// SELECT [DISTINCT] items [FROM t [[AS] alias]] [WHERE] [GROUP BY] [HAVING] [ORDER BY]
/// [LIMIT n] [OFFSET m]
struct SelectStatement final : Statement {
  static constexpr StatementKind kKind = StatementKind::kSelect;
  SelectStatement() : Statement(kKind) {}
  std::string ToString() const override;

  bool distinct = false;
  std::vector<SelectItem> items;
  std::optional<TableRef> from;
  ExpressionPtr where;
  std::vector<ExpressionPtr> group_by;
  ExpressionPtr having;
  std::vector<OrderByItem> order_by;
  std::optional<int64_t> limit;
  std::optional<int64_t> offset;
};

using StatementPtr = std::unique_ptr<Statement>;

}  // namespace inlet::sql

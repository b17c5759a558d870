#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "delta/actions.h"
#include "delta/schema_json.h"
#include "inlet/result.h"

// The rules a Delta table holds its rows to: CHECK constraints (table properties
// delta.constraints.<name>, writer feature checkConstraints) and the legacy column invariants
// (column metadata delta.invariants, writer feature invariants). Both are SQL text here; the sql
// layer binds them and the load evaluates them (exec/row_constraints.h).

namespace inlet {

inline constexpr char kConstraintPropertyPrefix[] = "delta.constraints.";
inline constexpr char kInvariantsMetadataKey[] = "delta.invariants";
inline constexpr char kFeatureCheckConstraints[] = "checkConstraints";

/// One rule every row of a table must satisfy: its boolean SQL expression evaluates to TRUE.
/// Delta treats NULL as a violation for both kinds (the protocol says so of invariants; Delta's
/// writer does the same for CHECK constraints, and ADD CONSTRAINT counts NULL rows as violating).
struct TableConstraint {
  enum class Kind { kCheck, kInvariant };
  Kind kind = Kind::kCheck;
  /// The constraint's name (lower-case, as Delta stores it), or the column of an invariant.
  std::string name;
  /// The SQL expression as the log stores it.
  std::string expression;

  /// "CHECK constraint positive_amount (amount > 0)", "invariant of column \"x\" (x > 3)".
  std::string Describe() const;
  bool operator==(const TableConstraint&) const = default;
};

/// The table property key of the CHECK constraint `name`: delta.constraints.<lower-cased name>.
std::string ConstraintPropertyKey(std::string_view name);

/// The CHECK constraints (sorted by name) and then the invariants (in column order) of a table.
/// InvalidData naming the column when a delta.invariants value is not the JSON the protocol
/// describes ({"expression": {"expression": "<sql>"}}).
Result<std::vector<TableConstraint>> TableConstraints(const Metadata& metadata,
                                                      const DeltaSchema& schema);

/// `protocol` able to hold CHECK constraints: writer version 3 when below it, or the writer
/// feature checkConstraints listed on a writer 7 protocol.
Protocol ProtocolForConstraints(Protocol protocol);

}  // namespace inlet

#pragma once

#include <cstdint>
#include <string>

#include "inlet/status.h"
#include "types/logical_type.h"

namespace inlet {

/// What is wrong with a rejected row. Each kind has a Redshift load error code
/// (RedshiftLoadErrorCode) so the load-error views read as Redshift users expect.
enum class RowErrorKind : uint8_t {
  kCast,               // a value does not convert to the column's type
  kNotNull,            // NULL (or nothing) for a NOT NULL column
  kTooManyFields,      // the record has more fields than expected
  kTooFewFields,       // the record has fewer fields than expected
  kTooLong,            // a text longer than the column's VARCHAR(n)
  kInvalidUtf8,        // bytes that are not UTF-8
  kUnterminatedQuote,  // a quoted field never closed
  kMalformedRecord,    // a record the format cannot read (malformed JSON, a bad line)
  kConstraint,         // a CHECK constraint or invariant is violated
  kFile,               // not one row: the whole file cannot be read (truncated, not the format)
};

/// "cast", "not_null", ...: the category shown in results and views.
const char* RowErrorKindName(RowErrorKind kind);

/// Redshift's load error code (STL_LOAD_ERRORS.err_code) for an error of `kind` in a column of
/// type `type` (a cast error into DATE is 1205, into INTEGER 1207, ...).
int RedshiftLoadErrorCode(RowErrorKind kind, TypeId type);

/// One rejected row: where it is and why. Readers fill what they know (-1 / empty otherwise).
struct RowError {
  RowErrorKind kind = RowErrorKind::kMalformedRecord;
  std::string file;
  int64_t line = -1;         // 1-based line where the record starts
  int64_t byte_offset = -1;  // offset of the record in the (decompressed) file
  int64_t column_index = -1; // 0-based, in the target table
  std::string column_name;
  /// The target column's type ("INTEGER", "VARCHAR(20)"), when a column is at fault.
  std::string column_type;
  /// 1-based character position of the bad field in the raw line, or -1.
  int64_t position = -1;
  std::string raw_value;
  /// The record as it is in the file (abbreviated when huge), empty when the format has no text
  /// form of a row (Parquet).
  std::string raw_line;
  std::string reason;        // "cannot cast 'abc' to INTEGER"
  /// The Redshift load error code (RedshiftLoadErrorCode).
  int code = 0;

  /// `orders.csv:1042: column "qty": cannot cast 'abc' to INTEGER`.
  std::string ToString() const;
};

/// Receives bad rows from readers. Returning OK skips the row and goes on; returning an error
/// stops the file's read with that error. Thread safe: files are read in parallel.
class RowErrorSink {
 public:
  virtual ~RowErrorSink() = default;
  virtual Status OnRowError(const RowError& error) = 0;
};

/// The default policy (ABORT_STATEMENT): the first bad row fails the load with its message.
class AbortOnRowError : public RowErrorSink {
 public:
  Status OnRowError(const RowError& error) override {
    return Status::InvalidData(error.ToString());
  }
};

}  // namespace inlet

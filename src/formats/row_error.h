#pragma once

#include <cstdint>
#include <string>

#include "inlet/status.h"

namespace inlet {

/// One rejected row: where it is and why. Readers fill what they know (-1 / empty otherwise).
struct RowError {
  std::string file;
  int64_t line = -1;         // 1-based line where the record starts
  int64_t byte_offset = -1;  // offset of the record in the (decompressed) file
  int64_t column_index = -1; // 0-based, in the target table
  std::string column_name;
  std::string raw_value;
  std::string reason;        // "cannot cast 'abc' to INTEGER"

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

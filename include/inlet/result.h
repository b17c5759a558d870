#pragma once

#include <cstdlib>
#include <optional>
#include <utility>
#include <variant>

#include "inlet/status.h"

namespace inlet {

/// Either a value of type T or a non-OK Status, as Arrow's arrow::Result.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : storage_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : storage_(std::move(status)) {  // NOLINT: implicit by design
    if (std::get<Status>(storage_).ok()) {
      storage_ = Status::Internal("Result constructed from an OK status");
    }
  }

  bool ok() const { return std::holds_alternative<T>(storage_); }
  /// The error, or OK when a value is held.
  Status status() const { return ok() ? Status::OK() : std::get<Status>(storage_); }

  /// REQUIRES: ok().
  const T& ValueOrDie() const& { return std::get<T>(storage_); }
  T& ValueOrDie() & { return std::get<T>(storage_); }
  T ValueOrDie() && { return std::move(std::get<T>(storage_)); }
  const T& operator*() const& { return ValueOrDie(); }
  T& operator*() & { return ValueOrDie(); }
  T operator*() && { return std::move(std::get<T>(storage_)); }
  const T* operator->() const { return &ValueOrDie(); }
  T* operator->() { return &ValueOrDie(); }

  /// The value, or `fallback` when this holds an error.
  T ValueOr(T fallback) const& { return ok() ? ValueOrDie() : std::move(fallback); }

 private:
  std::variant<T, Status> storage_;
};

template <typename T>
Status ToStatus(const Result<T>& r) {
  return r.status();
}

}  // namespace inlet

#define INLET_CONCAT_INNER(a, b) a##b
#define INLET_CONCAT(a, b) INLET_CONCAT_INNER(a, b)

#define INLET_ASSIGN_OR_RETURN_IMPL(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                                \
  if (!tmp.ok()) return tmp.status();                \
  lhs = std::move(tmp).ValueOrDie()

/// `lhs = value of rexpr`, or return its error from the enclosing function.
#define INLET_ASSIGN_OR_RETURN(lhs, rexpr) \
  INLET_ASSIGN_OR_RETURN_IMPL(INLET_CONCAT(_inlet_result_, __LINE__), lhs, rexpr)

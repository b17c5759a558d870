#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace inlet {

/// What kind of failure a Status carries; callers branch on the code, users read the message.
enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // the user's statement or options are wrong
  kNotFound,         // a file, table or object does not exist
  kAlreadyExists,    // create-if-absent lost, or a name is taken
  kIOError,          // the operating system or a store failed
  kParseError,       // SQL syntax error
  kBindError,        // SQL names or options do not resolve
  kInvalidData,      // input bytes are not in the declared format
  kCastError,        // a value cannot be converted to the target type
  kNotImplemented,   // a valid request inlet does not support yet
  kConflict,         // a concurrent writer changed what this one depended on
  kInternal,         // a bug in inlet
  kUnknownOutcome,   // a write may or may not have taken effect (the store's reply was lost)
};

/// The outcome of an operation: OK, or a code and a message a user can act on.
/// Cheap to copy when OK (a null pointer).
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message);

  static Status OK() { return Status(); }
  static Status InvalidArgument(std::string msg) { return {StatusCode::kInvalidArgument, std::move(msg)}; }
  static Status NotFound(std::string msg) { return {StatusCode::kNotFound, std::move(msg)}; }
  static Status AlreadyExists(std::string msg) { return {StatusCode::kAlreadyExists, std::move(msg)}; }
  static Status IOError(std::string msg) { return {StatusCode::kIOError, std::move(msg)}; }
  static Status ParseError(std::string msg) { return {StatusCode::kParseError, std::move(msg)}; }
  static Status BindError(std::string msg) { return {StatusCode::kBindError, std::move(msg)}; }
  static Status InvalidData(std::string msg) { return {StatusCode::kInvalidData, std::move(msg)}; }
  static Status CastError(std::string msg) { return {StatusCode::kCastError, std::move(msg)}; }
  static Status NotImplemented(std::string msg) { return {StatusCode::kNotImplemented, std::move(msg)}; }
  static Status Conflict(std::string msg) { return {StatusCode::kConflict, std::move(msg)}; }
  static Status UnknownOutcome(std::string msg) { return {StatusCode::kUnknownOutcome, std::move(msg)}; }
  static Status Internal(std::string msg) { return {StatusCode::kInternal, std::move(msg)}; }

  bool ok() const { return state_ == nullptr; }
  StatusCode code() const { return state_ ? state_->code : StatusCode::kOk; }
  /// The message alone, without the code name.
  const std::string& message() const;
  /// "<Code name>: <message>", or "OK".
  std::string ToString() const;

  bool IsNotFound() const { return code() == StatusCode::kNotFound; }
  bool IsAlreadyExists() const { return code() == StatusCode::kAlreadyExists; }
  bool IsConflict() const { return code() == StatusCode::kConflict; }
  bool IsUnknownOutcome() const { return code() == StatusCode::kUnknownOutcome; }

  /// A copy with `context` put in front of the message ("context: message"); OK stays OK.
  Status WithContext(std::string_view context) const;

 private:
  struct State {
    StatusCode code;
    std::string message;
  };
  std::shared_ptr<const State> state_;
};

/// The name of a code as shown to users ("IO error", "Parse error", ...).
const char* StatusCodeName(StatusCode code);

}  // namespace inlet

/// Returns from the enclosing function if `expr` (a Status or Result) is not OK.
#define INLET_RETURN_NOT_OK(expr)                               \
  do {                                                          \
    ::inlet::Status _inlet_status = ::inlet::ToStatus((expr));  \
    if (!_inlet_status.ok()) return _inlet_status;              \
  } while (false)

namespace inlet {
inline const Status& ToStatus(const Status& s) { return s; }
}  // namespace inlet

#include "inlet/status.h"

namespace inlet {

Status::Status(StatusCode code, std::string message) {
  if (code != StatusCode::kOk) {
    state_ = std::make_shared<const State>(State{code, std::move(message)});
  }
}

const std::string& Status::message() const {
  static const std::string kEmpty;
  return state_ ? state_->message : kEmpty;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  return std::string(StatusCodeName(code())) + ": " + message();
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) return *this;
  return Status(code(), std::string(context) + ": " + message());
}

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "OK";
    case StatusCode::kInvalidArgument: return "Invalid argument";
    case StatusCode::kNotFound: return "Not found";
    case StatusCode::kAlreadyExists: return "Already exists";
    case StatusCode::kIOError: return "IO error";
    case StatusCode::kParseError: return "Parser error";
    case StatusCode::kBindError: return "Binder error";
    case StatusCode::kInvalidData: return "Invalid data";
    case StatusCode::kCastError: return "Conversion error";
    case StatusCode::kNotImplemented: return "Not implemented";
    case StatusCode::kConflict: return "Conflict";
    case StatusCode::kInternal: return "Internal error";
    case StatusCode::kUnknownOutcome: return "Outcome unknown";
  }
  return "Unknown";
}

}  // namespace inlet

#pragma once

#include <simdjson.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "inlet/result.h"

namespace inlet {

/// Parses one JSON document held in `text` with `parser`; the element lives until the parser
/// parses again. InvalidData names `context` and simdjson's reason.
Result<simdjson::dom::element> ParseJson(simdjson::dom::parser* parser, std::string_view text,
                                         std::string_view context);

/// Typed, error-reporting access to the members of one JSON object. A member whose value is
/// null counts as absent. Errors are InvalidData and name the context ("add action") and the
/// member. Cheap to copy; valid while the parsed document is.
class JsonObjectReader {
 public:
  JsonObjectReader(simdjson::dom::object object, std::string context)
      : object_(object), context_(std::move(context)) {}

  /// The object `element` must be; InvalidData naming `context` otherwise.
  static Result<JsonObjectReader> Make(simdjson::dom::element element, std::string context);

  const std::string& context() const { return context_; }
  simdjson::dom::object object() const { return object_; }
  bool Has(std::string_view key) const;

  Result<std::string> RequiredString(std::string_view key) const;
  Result<std::optional<std::string>> OptionalString(std::string_view key) const;
  Result<int64_t> RequiredInt(std::string_view key) const;
  Result<std::optional<int64_t>> OptionalInt(std::string_view key) const;
  Result<bool> RequiredBool(std::string_view key) const;
  Result<std::optional<bool>> OptionalBool(std::string_view key) const;
  /// An array of strings; absent is empty.
  Result<std::vector<std::string>> StringArray(std::string_view key) const;
  /// An object of strings; absent is empty. Values that are not strings are kept as their JSON
  /// text, since commitInfo maps written by some engines hold numbers and booleans.
  Result<std::map<std::string, std::string>> StringMap(std::string_view key) const;
  /// An object whose string values may be null (partitionValues); absent is empty.
  Result<std::map<std::string, std::optional<std::string>>> NullableStringMap(
      std::string_view key) const;
  /// A nested object member; nullopt when absent.
  Result<std::optional<JsonObjectReader>> OptionalObject(std::string_view key) const;

 private:
  // The member's value, or nullopt when absent or null.
  std::optional<simdjson::dom::element> Find(std::string_view key) const;
  Status WrongType(std::string_view key, std::string_view expected) const;
  Status MissingField(std::string_view key) const;

  simdjson::dom::object object_;
  std::string context_;
};

/// `element` as compact JSON text.
std::string JsonText(simdjson::dom::element element);

}  // namespace inlet

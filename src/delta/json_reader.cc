#include "delta/json_reader.h"

namespace inlet {

using simdjson::dom::element;
using simdjson::dom::element_type;

Result<element> ParseJson(simdjson::dom::parser* parser, std::string_view text,
                          std::string_view context) {
  element doc;
  // parse() copies `text` into a padded buffer, so any string_view is fine.
  simdjson::error_code error = parser->parse(text.data(), text.size()).get(doc);
  if (error) {
    return Status::InvalidData(std::string(context) +
                               ": invalid JSON: " + simdjson::error_message(error));
  }
  return doc;
}

Result<JsonObjectReader> JsonObjectReader::Make(element value, std::string context) {
  simdjson::dom::object object;
  if (value.get_object().get(object)) {
    return Status::InvalidData(context + ": expected a JSON object");
  }
  return JsonObjectReader(object, std::move(context));
}

std::optional<element> JsonObjectReader::Find(std::string_view key) const {
  element value;
  if (object_.at_key(key).get(value) || value.is_null()) return std::nullopt;
  return value;
}

bool JsonObjectReader::Has(std::string_view key) const { return Find(key).has_value(); }

Status JsonObjectReader::MissingField(std::string_view key) const {
  return Status::InvalidData(context_ + ": missing field \"" + std::string(key) + "\"");
}

Status JsonObjectReader::WrongType(std::string_view key, std::string_view expected) const {
  return Status::InvalidData(context_ + ": field \"" + std::string(key) + "\" must be " +
                             std::string(expected));
}

Result<std::optional<std::string>> JsonObjectReader::OptionalString(std::string_view key) const {
  std::optional<element> value = Find(key);
  if (!value) return std::optional<std::string>();
  std::string_view s;
  if (value->get_string().get(s)) return WrongType(key, "a string");
  return std::optional<std::string>(std::string(s));
}

Result<std::string> JsonObjectReader::RequiredString(std::string_view key) const {
  INLET_ASSIGN_OR_RETURN(std::optional<std::string> value, OptionalString(key));
  if (!value) {
    return MissingField(key);
  }
  return std::move(*value);
}

Result<std::optional<int64_t>> JsonObjectReader::OptionalInt(std::string_view key) const {
  std::optional<element> value = Find(key);
  if (!value) return std::optional<int64_t>();
  int64_t v;
  if (value->get_int64().get(v)) return WrongType(key, "an integer");
  return std::optional<int64_t>(v);
}

Result<int64_t> JsonObjectReader::RequiredInt(std::string_view key) const {
  INLET_ASSIGN_OR_RETURN(std::optional<int64_t> value, OptionalInt(key));
  if (!value) {
    return MissingField(key);
  }
  return *value;
}

Result<std::optional<bool>> JsonObjectReader::OptionalBool(std::string_view key) const {
  std::optional<element> value = Find(key);
  if (!value) return std::optional<bool>();
  bool v;
  if (value->get_bool().get(v)) return WrongType(key, "true or false");
  return std::optional<bool>(v);
}

Result<bool> JsonObjectReader::RequiredBool(std::string_view key) const {
  INLET_ASSIGN_OR_RETURN(std::optional<bool> value, OptionalBool(key));
  if (!value) {
    return MissingField(key);
  }
  return *value;
}

Result<std::vector<std::string>> JsonObjectReader::StringArray(std::string_view key) const {
  std::vector<std::string> out;
  std::optional<element> value = Find(key);
  if (!value) return out;
  simdjson::dom::array array;
  if (value->get_array().get(array)) return WrongType(key, "an array of strings");
  for (element item : array) {
    std::string_view s;
    if (item.get_string().get(s)) return WrongType(key, "an array of strings");
    out.emplace_back(s);
  }
  return out;
}

Result<std::map<std::string, std::string>> JsonObjectReader::StringMap(std::string_view key) const {
  std::map<std::string, std::string> out;
  std::optional<element> value = Find(key);
  if (!value) return out;
  simdjson::dom::object object;
  if (value->get_object().get(object)) return WrongType(key, "an object");
  for (auto member : object) {
    std::string_view s;
    if (member.value.get_string().get(s)) {
      out.emplace(std::string(member.key), JsonText(member.value));
    } else {
      out.emplace(std::string(member.key), std::string(s));
    }
  }
  return out;
}

Result<std::map<std::string, std::optional<std::string>>> JsonObjectReader::NullableStringMap(
    std::string_view key) const {
  std::map<std::string, std::optional<std::string>> out;
  std::optional<element> value = Find(key);
  if (!value) return out;
  simdjson::dom::object object;
  if (value->get_object().get(object)) return WrongType(key, "an object");
  for (auto member : object) {
    std::string_view s;
    if (member.value.is_null()) {
      out.emplace(std::string(member.key), std::nullopt);
    } else if (member.value.get_string().get(s)) {
      return WrongType(key, "an object of strings");
    } else {
      out.emplace(std::string(member.key), std::string(s));
    }
  }
  return out;
}

Result<std::optional<JsonObjectReader>> JsonObjectReader::OptionalObject(
    std::string_view key) const {
  std::optional<element> value = Find(key);
  if (!value) return std::optional<JsonObjectReader>();
  simdjson::dom::object object;
  if (value->get_object().get(object)) return WrongType(key, "an object");
  return std::optional<JsonObjectReader>(
      JsonObjectReader(object, context_ + "." + std::string(key)));
}

std::string JsonText(element value) { return simdjson::minify(value); }

}  // namespace inlet

#include "delta/constraints.h"

#include <algorithm>

#include "common/string_util.h"
#include "delta/json_reader.h"

namespace inlet {

namespace {

// The SQL text of a delta.invariants value: {"expression": {"expression": "<sql>"}}.
Result<std::string> InvariantExpression(const std::string& value, const std::string& column) {
  simdjson::dom::parser parser;
  std::string context = "the delta.invariants of column \"" + column + "\"";
  INLET_ASSIGN_OR_RETURN(simdjson::dom::element doc, ParseJson(&parser, value, context));
  INLET_ASSIGN_OR_RETURN(JsonObjectReader root, JsonObjectReader::Make(doc, context));
  INLET_ASSIGN_OR_RETURN(std::optional<JsonObjectReader> outer, root.OptionalObject("expression"));
  if (!outer) return Status::InvalidData(context + " has no \"expression\" object");
  return outer->RequiredString("expression");
}

}  // namespace

std::string TableConstraint::Describe() const {
  if (kind == Kind::kCheck) return "CHECK constraint " + name + " (" + expression + ")";
  return "invariant of column \"" + name + "\" (" + expression + ")";
}

std::string ConstraintPropertyKey(std::string_view name) {
  return kConstraintPropertyPrefix + AsciiToLower(name);
}

Result<std::vector<TableConstraint>> TableConstraints(const Metadata& metadata,
                                                      const DeltaSchema& schema) {
  std::vector<TableConstraint> constraints;
  const std::string_view prefix = kConstraintPropertyPrefix;
  for (const auto& [key, value] : metadata.configuration) {
    if (key.size() > prefix.size() && EqualsIgnoreCase(key.substr(0, prefix.size()), prefix)) {
      constraints.push_back({TableConstraint::Kind::kCheck, key.substr(prefix.size()), value});
    }
  }
  for (size_t i = 0; i < schema.field_metadata.size(); ++i) {
    auto it = schema.field_metadata[i].find(kInvariantsMetadataKey);
    if (it == schema.field_metadata[i].end()) continue;
    const std::string& column = schema.schema.field(i).name;
    INLET_ASSIGN_OR_RETURN(std::string expression, InvariantExpression(it->second, column));
    constraints.push_back({TableConstraint::Kind::kInvariant, column, std::move(expression)});
  }
  return constraints;
}

Protocol ProtocolForConstraints(Protocol protocol) {
  if (protocol.min_writer_version < 3) protocol.min_writer_version = 3;
  std::vector<std::string>& features = protocol.writer_features;
  if (protocol.min_writer_version == 7 &&
      std::find(features.begin(), features.end(), kFeatureCheckConstraints) == features.end()) {
    features.push_back(kFeatureCheckConstraints);
  }
  return protocol;
}

}  // namespace inlet

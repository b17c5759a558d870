#include "delta/table_features.h"

#include <algorithm>
#include <string>
#include <vector>

#include "common/string_util.h"

namespace inlet {

namespace {

constexpr int kMaxReaderVersion = 3;
constexpr int kMaxWriterVersion = 7;

std::string ColumnMappingMode(const Metadata& metadata) {
  auto it = metadata.configuration.find("delta.columnMapping.mode");
  return it == metadata.configuration.end() ? "none" : AsciiToLower(it->second);
}

Status ColumnMappingNotSupported(const std::string& mode) {
  return Status::NotImplemented("Delta feature \"columnMapping\" (delta.columnMapping.mode = " +
                                mode + ") is not supported yet");
}

bool ConfigIsTrue(const Metadata& metadata, const std::string& key) {
  auto it = metadata.configuration.find(key);
  return it != metadata.configuration.end() && EqualsIgnoreCase(it->second, "true");
}

// The first column whose metadata has a key starting with `prefix`, or nullptr.
const std::string* ColumnWithMetadata(const DeltaSchema& schema, std::string_view prefix) {
  for (size_t i = 0; i < schema.field_metadata.size(); ++i) {
    for (const auto& entry : schema.field_metadata[i]) {
      if (std::string_view(entry.first).starts_with(prefix)) return &schema.schema.field(i).name;
    }
  }
  return nullptr;
}

// Whether a feature implied by a legacy writer version (2 to 6) is in use; the protocol lets a
// writer that does not implement such a feature write while the table does not use it.
bool LegacyFeatureActive(const std::string& feature, const Metadata& metadata,
                         const DeltaSchema& schema) {
  if (feature == "invariants") return ColumnWithMetadata(schema, "delta.invariants") != nullptr;
  if (feature == "checkConstraints") {
    for (const auto& entry : metadata.configuration) {
      if (entry.first.starts_with("delta.constraints.")) return true;
    }
    return false;
  }
  if (feature == "changeDataFeed") return ConfigIsTrue(metadata, "delta.enableChangeDataFeed");
  if (feature == "generatedColumns") {
    return ColumnWithMetadata(schema, "delta.generationExpression") != nullptr;
  }
  if (feature == "columnMapping") return ColumnMappingMode(metadata) != "none";
  if (feature == "identityColumns") return ColumnWithMetadata(schema, "delta.identity.") != nullptr;
  return true;
}

std::vector<std::string> LegacyWriterFeatures(int writer_version) {
  std::vector<std::string> features;
  if (writer_version >= 2) features.insert(features.end(), {"appendOnly", "invariants"});
  if (writer_version >= 3) features.push_back("checkConstraints");
  if (writer_version >= 4) features.insert(features.end(), {"changeDataFeed", "generatedColumns"});
  if (writer_version >= 5) features.push_back("columnMapping");
  if (writer_version >= 6) features.push_back("identityColumns");
  return features;
}

Status CheckWriterFeature(const std::string& feature, const Metadata& metadata,
                          const DeltaSchema& schema) {
  if (feature == "appendOnly" || feature == kFeatureTimestampNtz ||
      feature == "vacuumProtocolCheck") {
    return Status::OK();
  }
  if (feature == "invariants") {
    const std::string* column = ColumnWithMetadata(schema, "delta.invariants");
    if (column == nullptr) return Status::OK();
    return Status::NotImplemented("column \"" + *column +
                                  "\" declares a Delta invariant (writer feature \"invariants\"), "
                                  "which inlet does not enforce yet");
  }
  if (feature == kFeatureAllowColumnDefaults) {
    for (size_t i = 0; i < schema.field_metadata.size(); ++i) {
      const Field& field = schema.schema.field(i);
      auto it = schema.field_metadata[i].find(kCurrentDefaultMetadataKey);
      if (it == schema.field_metadata[i].end()) continue;
      Result<Value> value = ParseDefaultSql(it->second, field.type);
      if (!value.ok()) return value.status().WithContext("column \"" + field.name + "\"");
    }
    return Status::OK();
  }
  if (feature == "columnMapping") {
    std::string mode = ColumnMappingMode(metadata);
    return mode == "none" ? Status::OK() : ColumnMappingNotSupported(mode);
  }
  return Status::NotImplemented("Delta writer feature \"" + feature + "\" is not supported yet");
}

// Whether `type` is or holds a TIMESTAMP (Delta's timestamp_ntz), at any nesting depth.
bool HasTimestampNtz(const LogicalType& type) {
  switch (type.id()) {
    case TypeId::kTimestamp: return true;
    case TypeId::kStruct:
      for (const StructField& field : type.struct_fields()) {
        if (HasTimestampNtz(field.type)) return true;
      }
      return false;
    case TypeId::kList: return HasTimestampNtz(type.list_element());
    case TypeId::kMap: return HasTimestampNtz(type.map_key()) || HasTimestampNtz(type.map_value());
    default: return false;
  }
}

}  // namespace

Protocol RequiredProtocol(const Schema& schema) {
  bool ntz = false;
  bool defaults = false;
  for (const Field& field : schema.fields()) {
    ntz |= HasTimestampNtz(field.type);
    defaults |= field.default_value.has_value();
  }
  Protocol protocol;
  if (!ntz && !defaults) return protocol;
  protocol.min_writer_version = 7;
  if (ntz) {
    protocol.min_reader_version = 3;
    protocol.reader_features.push_back(kFeatureTimestampNtz);
    protocol.writer_features.push_back(kFeatureTimestampNtz);
  }
  if (defaults) protocol.writer_features.push_back(kFeatureAllowColumnDefaults);
  return protocol;
}

Protocol ProtocolForProperties(Protocol protocol,
                               const std::map<std::string, std::string>& configuration) {
  auto append_only = configuration.find("delta.appendOnly");
  if (append_only == configuration.end() || !EqualsIgnoreCase(append_only->second, "true")) {
    return protocol;
  }
  if (protocol.min_writer_version < 2) protocol.min_writer_version = 2;
  std::vector<std::string>& features = protocol.writer_features;
  if (protocol.min_writer_version == kMaxWriterVersion &&
      std::find(features.begin(), features.end(), "appendOnly") == features.end()) {
    features.push_back("appendOnly");
  }
  return protocol;
}

Status CheckReadable(const Protocol& protocol, const Metadata& metadata) {
  int version = protocol.min_reader_version;
  if (version < 1 || version > kMaxReaderVersion) {
    return Status::NotImplemented("the table requires Delta reader version " +
                                  std::to_string(version) + "; inlet reads versions 1 to " +
                                  std::to_string(kMaxReaderVersion));
  }
  std::string mode = ColumnMappingMode(metadata);
  if (version == 2 && mode != "none") return ColumnMappingNotSupported(mode);
  if (version < 3) return Status::OK();
  for (const std::string& feature : protocol.reader_features) {
    if (feature == kFeatureTimestampNtz || feature == "vacuumProtocolCheck") continue;
    if (feature == "columnMapping") {
      if (mode != "none") return ColumnMappingNotSupported(mode);
      continue;
    }
    return Status::NotImplemented("Delta reader feature \"" + feature + "\" is not supported yet");
  }
  return Status::OK();
}

Status CheckWritable(const Protocol& protocol, const Metadata& metadata,
                     const DeltaSchema& schema) {
  INLET_RETURN_NOT_OK(CheckReadable(protocol, metadata));
  int version = protocol.min_writer_version;
  if (version < 1 || version > kMaxWriterVersion) {
    return Status::NotImplemented("the table requires Delta writer version " +
                                  std::to_string(version) + "; inlet writes versions 1 to " +
                                  std::to_string(kMaxWriterVersion));
  }
  if (schema.schema.empty()) {
    return Status::InvalidData("the table's metadata has no columns; inlet cannot append to it");
  }
  if (version == kMaxWriterVersion) {
    for (const std::string& feature : protocol.writer_features) {
      INLET_RETURN_NOT_OK(CheckWriterFeature(feature, metadata, schema));
    }
    return Status::OK();
  }
  for (const std::string& feature : LegacyWriterFeatures(version)) {
    if (LegacyFeatureActive(feature, metadata, schema)) {
      INLET_RETURN_NOT_OK(CheckWriterFeature(feature, metadata, schema));
    }
  }
  return Status::OK();
}

bool IsAppendOnly(const Metadata& metadata) { return ConfigIsTrue(metadata, "delta.appendOnly"); }

}  // namespace inlet

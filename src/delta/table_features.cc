#include "delta/table_features.h"

#include <algorithm>
#include <string>
#include <vector>

#include "common/string_util.h"
#include "delta/schema_evolution.h"

namespace inlet {

namespace {

constexpr int kMaxReaderVersion = 3;
constexpr int kMaxWriterVersion = 7;

std::string ColumnMappingMode(const Metadata& metadata) {
  auto it = metadata.configuration.find("delta.columnMapping.mode");
  return it == metadata.configuration.end() ? "none" : AsciiToLower(it->second);
}

// Spark 3.5 wrote the feature under its preview name.
bool IsTypeWideningFeature(const std::string& feature) {
  return feature == kFeatureTypeWidening || feature == "typeWidening-preview";
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
  // Appends add whole files, which carry no deletion vector.
  if (feature == kFeatureDeletionVectors) return Status::OK();
  // Every load checks its rows against the invariants and CHECK constraints
  // (exec/row_constraints.h) before it commits.
  if (feature == "appendOnly" || feature == kFeatureTimestampNtz ||
      feature == "vacuumProtocolCheck" || feature == "invariants" ||
      feature == "checkConstraints" || IsTypeWideningFeature(feature) ||
      feature == kFeatureV2Checkpoint ||
      feature == kFeatureDomainMetadata) {
    return Status::OK();
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
  // Data files are written with physical names and field ids (exec/data_file_sink.h); the mode
  // itself was checked by CheckReadable.
  if (feature == "columnMapping") return Status::OK();
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

Protocol WithReaderWriterFeature(Protocol protocol, const std::string& feature) {
  // Moving to table features lists the features the legacy versions implied, as Spark does.
  if (protocol.min_reader_version < 3) {
    if (protocol.min_reader_version == 2) protocol.reader_features = {"columnMapping"};
    protocol.min_reader_version = 3;
  }
  if (protocol.min_writer_version < kMaxWriterVersion) {
    protocol.writer_features = LegacyWriterFeatures(protocol.min_writer_version);
    protocol.min_writer_version = kMaxWriterVersion;
  }
  for (std::vector<std::string>* features : {&protocol.reader_features, &protocol.writer_features}) {
    if (std::find(features->begin(), features->end(), feature) == features->end()) {
      features->push_back(feature);
    }
  }
  return protocol;
}

Protocol ProtocolForProperties(Protocol protocol,
                               const std::map<std::string, std::string>& configuration) {
  auto dvs = configuration.find("delta.enableDeletionVectors");
  if (dvs != configuration.end() && EqualsIgnoreCase(dvs->second, "true")) {
    protocol = WithReaderWriterFeature(std::move(protocol), kFeatureDeletionVectors);
  }
  auto widening = configuration.find(kEnableTypeWideningProperty);
  if (widening != configuration.end() && EqualsIgnoreCase(widening->second, "true")) {
    protocol = WithReaderWriterFeature(std::move(protocol), kFeatureTypeWidening);
  }
  // Column mapping needs reader 2 / writer 5, or the feature on a table-features protocol.
  auto mapping = configuration.find("delta.columnMapping.mode");
  if (mapping != configuration.end() && !EqualsIgnoreCase(mapping->second, "none")) {
    if (protocol.min_reader_version >= 3 || protocol.min_writer_version >= kMaxWriterVersion) {
      protocol = WithReaderWriterFeature(std::move(protocol), "columnMapping");
    } else {
      protocol.min_reader_version = std::max(protocol.min_reader_version, 2);
      protocol.min_writer_version = std::max(protocol.min_writer_version, 5);
    }
  }
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
  // TableScan reads name and id mode by physical names (column_mapping.h).
  std::string mode = ColumnMappingMode(metadata);
  if (mode != "none" && mode != "name" && mode != "id") {
    return Status::NotImplemented("unknown delta.columnMapping.mode '" + mode + "'");
  }
  if (version < 3) return Status::OK();
  for (const std::string& feature : protocol.reader_features) {
    // TableScan skips the rows deletion vectors mark deleted.
    if (feature == kFeatureDeletionVectors) continue;
    // TableScan casts the values of files written before a type change to the column's type.
    if (feature == kFeatureTimestampNtz || feature == "vacuumProtocolCheck" ||
        feature == kFeatureV2Checkpoint || IsTypeWideningFeature(feature)) {
      continue;
    }
    if (feature == "columnMapping") continue;
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

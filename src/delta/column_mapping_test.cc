#include "delta/column_mapping.h"

#include <gtest/gtest.h>

#include "delta/schema_json.h"

namespace inlet {
namespace {

// A column-mapped schema as Spark writes it: s is a struct with a nested field, m a map whose
// values are structs.
constexpr char kMappedSchema[] =
    R"json({"type":"struct","fields":[)json"
    R"json({"name":"id","type":"long","nullable":true,"metadata":{)json"
    R"json("delta.columnMapping.id":1,"delta.columnMapping.physicalName":"col-1"}},)json"
    R"json({"name":"s","type":{"type":"struct","fields":[{"name":"x","type":"integer",)json"
    R"json("nullable":true,"metadata":{"delta.columnMapping.id":3,)json"
    R"json("delta.columnMapping.physicalName":"col-3"}}]},"nullable":true,"metadata":{)json"
    R"json("delta.columnMapping.id":2,"delta.columnMapping.physicalName":"col-2"}},)json"
    R"json({"name":"m","type":{"type":"map","keyType":"string","valueType":{"type":"struct",)json"
    R"json("fields":[{"name":"y","type":"string","nullable":true,"metadata":{)json"
    R"json("delta.columnMapping.id":5,"delta.columnMapping.physicalName":"col-5"}}]},)json"
    R"json("valueContainsNull":true},"nullable":true,"metadata":{"delta.columnMapping.id":4,)json"
    R"json("delta.columnMapping.physicalName":"col-4"}}]})json";

TEST(ColumnMappingTest, ModeFromTheTableProperty) {
  Metadata metadata;
  EXPECT_EQ(*GetColumnMappingMode(metadata), ColumnMappingMode::kNone);
  metadata.configuration["delta.columnMapping.mode"] = "Name";
  EXPECT_EQ(*GetColumnMappingMode(metadata), ColumnMappingMode::kName);
  metadata.configuration["delta.columnMapping.mode"] = "id";
  EXPECT_EQ(*GetColumnMappingMode(metadata), ColumnMappingMode::kId);
  metadata.configuration["delta.columnMapping.mode"] = "other";
  EXPECT_EQ(GetColumnMappingMode(metadata).status().message(),
            "unknown delta.columnMapping.mode 'other' (expected none, name or id)");
}

TEST(ColumnMappingTest, PhysicalNamesOfNestedFields) {
  Result<std::vector<PhysicalField>> fields =
      ParsePhysicalFields(kMappedSchema, ColumnMappingMode::kName);
  ASSERT_TRUE(fields.ok()) << fields.status().ToString();
  ASSERT_EQ(fields->size(), 3u);
  EXPECT_EQ((*fields)[0].name, "col-1");
  EXPECT_EQ((*fields)[0].id, 1);
  EXPECT_EQ((*fields)[1].children.at(0).name, "col-3");
  EXPECT_EQ((*fields)[1].children.at(0).id, 3);
  // A map's key and value have no names of their own; the value's struct fields do.
  EXPECT_EQ((*fields)[2].children.at(1).name, "value");
  EXPECT_EQ((*fields)[2].children.at(1).children.at(0).name, "col-5");
}

TEST(ColumnMappingTest, AMappedColumnWithoutPhysicalNameIsAnError) {
  const char* schema =
      R"json({"type":"struct","fields":[{"name":"a","type":"long","nullable":true,)json"
      R"json("metadata":{}}]})json";
  EXPECT_EQ(ParsePhysicalFields(schema, ColumnMappingMode::kName).status().message(),
            "column \"a\" has no delta.columnMapping.physicalName although the table uses column "
            "mapping");
  Result<std::vector<PhysicalField>> plain = ParsePhysicalFields(schema, ColumnMappingMode::kNone);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ((*plain)[0].name, "a");
}

TEST(ColumnMappingTest, NestedValuesTakeTheirLogicalNames) {
  Result<std::vector<PhysicalField>> fields =
      ParsePhysicalFields(kMappedSchema, ColumnMappingMode::kName);
  ASSERT_TRUE(fields.ok());
  LogicalType in_file = LogicalType::Struct({{"col-3", LogicalType::Integer(), true}});
  LogicalType logical = LogicalType::Struct({{"x", LogicalType::BigInt(), true}});
  Value read = Value::Struct(in_file, {Value::Int(LogicalType::Integer(), 7)});
  Result<Value> value = ToLogicalValue(read, logical, (*fields)[1]);
  ASSERT_TRUE(value.ok()) << value.status().ToString();
  EXPECT_EQ(value->ToString(), "{'x': 7}");
  EXPECT_EQ(value->type(), logical);
  // A field the file lacks reads as NULL.
  LogicalType other = LogicalType::Struct({{"col-9", LogicalType::Integer(), true}});
  Result<Value> missing = ToLogicalValue(
      Value::Struct(other, {Value::Int(LogicalType::Integer(), 1)}), logical, (*fields)[1]);
  ASSERT_TRUE(missing.ok());
  EXPECT_EQ(missing->ToString(), "{'x': NULL}");
}

// The same columns without column mapping, as a table that does not use it records them.
constexpr char kPlainSchema[] =
    R"json({"type":"struct","fields":[)json"
    R"json({"name":"id","type":"long","nullable":true,"metadata":{"comment":"key"}},)json"
    R"json({"name":"s","type":{"type":"struct","fields":[{"name":"x","type":"integer",)json"
    R"json("nullable":true,"metadata":{}}]},"nullable":true,"metadata":{}},)json"
    R"json({"name":"m","type":{"type":"map","keyType":"string","valueType":{"type":"struct",)json"
    R"json("fields":[{"name":"y","type":"string","nullable":true}]},)json"
    R"json("valueContainsNull":true},"nullable":true,"metadata":{}}]})json";

Metadata WithMode(const char* mode, std::string schema) {
  Metadata metadata;
  metadata.schema_string = std::move(schema);
  if (mode != nullptr) metadata.configuration["delta.columnMapping.mode"] = mode;
  return metadata;
}

// Every struct field's id and physical name, depth-first, as "id:name".
std::vector<std::string> Mapping(const std::vector<PhysicalField>& fields) {
  std::vector<std::string> out;
  for (const PhysicalField& field : fields) {
    if (field.id) out.push_back(std::to_string(*field.id) + ":" + field.name);
    for (const std::string& child : Mapping(field.children)) out.push_back(child);
  }
  return out;
}

TEST(ColumnMappingTest, ANewTableGetsIdsAndFreshPhysicalNamesForEveryField) {
  Metadata metadata = WithMode("name", kPlainSchema);
  ASSERT_TRUE(AssignColumnMapping(&metadata, PhysicalNaming::kFresh).ok());
  EXPECT_EQ(metadata.configuration.at(kMaxColumnIdProperty), "5");
  Result<std::vector<PhysicalField>> fields =
      ParsePhysicalFields(metadata.schema_string, ColumnMappingMode::kName);
  ASSERT_TRUE(fields.ok()) << fields.status().ToString();
  std::vector<std::string> mapping = Mapping(*fields);
  ASSERT_EQ(mapping.size(), 5u);
  const std::vector<std::string> ids = {"1:", "2:", "3:", "4:", "5:"};
  for (size_t i = 0; i < mapping.size(); ++i) {
    EXPECT_TRUE(mapping[i].starts_with(ids[i] + "col-")) << mapping[i];
    EXPECT_EQ(mapping[i].size(), ids[i].size() + 4 + 36) << mapping[i];
  }
  // Other metadata stays, and the logical schema is unchanged.
  EXPECT_NE(metadata.schema_string.find(R"("comment":"key")"), std::string::npos);
  EXPECT_EQ(ParseDeltaSchema(metadata.schema_string)->schema,
            ParseDeltaSchema(kPlainSchema)->schema);
}

TEST(ColumnMappingTest, OnlyFieldsWithoutMappingGetNewIdsAboveTheRecordedMaximum) {
  // As mergeSchema leaves it: a new column z after the mapped ones.
  std::string schema = kMappedSchema;
  schema.insert(schema.size() - 2, R"json(,{"name":"z","type":"long","nullable":true})json");
  Metadata metadata = WithMode("id", schema);
  metadata.configuration[kMaxColumnIdProperty] = "9";
  ASSERT_TRUE(AssignColumnMapping(&metadata, PhysicalNaming::kFresh).ok());
  EXPECT_EQ(metadata.configuration.at(kMaxColumnIdProperty), "10");
  Result<std::vector<PhysicalField>> fields =
      ParsePhysicalFields(metadata.schema_string, ColumnMappingMode::kId);
  ASSERT_TRUE(fields.ok()) << fields.status().ToString();
  std::vector<std::string> mapping = Mapping(*fields);
  ASSERT_EQ(mapping.size(), 6u);
  EXPECT_EQ(std::vector<std::string>(mapping.begin(), mapping.begin() + 5),
            (std::vector<std::string>{"1:col-1", "2:col-2", "3:col-3", "4:col-4", "5:col-5"}));
  EXPECT_TRUE(mapping[5].starts_with("10:col-")) << mapping[5];

  // Without the property, ids continue after the largest in the schema.
  Metadata unrecorded = WithMode("name", kMappedSchema);
  ASSERT_TRUE(AssignColumnMapping(&unrecorded, PhysicalNaming::kFresh).ok());
  EXPECT_EQ(unrecorded.schema_string, kMappedSchema);
  EXPECT_EQ(unrecorded.configuration.at(kMaxColumnIdProperty), "5");

  Metadata malformed = WithMode("name", kMappedSchema);
  malformed.configuration[kMaxColumnIdProperty] = "five";
  EXPECT_EQ(AssignColumnMapping(&malformed, PhysicalNaming::kFresh).ToString(),
            "Invalid data: delta.columnMapping.maxColumnId must be an integer, not 'five'");
}

TEST(ColumnMappingTest, WithoutColumnMappingNothingIsAssigned) {
  for (const char* mode : {static_cast<const char*>(nullptr), "none"}) {
    Metadata metadata = WithMode(mode, kPlainSchema);
    ASSERT_TRUE(AssignColumnMapping(&metadata, PhysicalNaming::kFresh).ok());
    EXPECT_EQ(metadata.schema_string, kPlainSchema);
    EXPECT_FALSE(metadata.configuration.contains(kMaxColumnIdProperty));
    Result<std::vector<PhysicalField>> fields =
        PhysicalFieldsForWrite(metadata, ParseDeltaSchema(kPlainSchema)->schema);
    ASSERT_TRUE(fields.ok());
    EXPECT_TRUE(fields->empty());
  }
}

TEST(ColumnMappingTest, TurningNameModeOnKeepsTheDisplayNamesAsPhysicalNames) {
  Metadata before = WithMode(nullptr, kPlainSchema);
  Metadata after = WithMode("name", kPlainSchema);
  ASSERT_TRUE(ChangeColumnMapping(before, &after).ok());
  Result<std::vector<PhysicalField>> fields =
      ParsePhysicalFields(after.schema_string, ColumnMappingMode::kName);
  ASSERT_TRUE(fields.ok()) << fields.status().ToString();
  EXPECT_EQ(Mapping(*fields), (std::vector<std::string>{"1:id", "2:s", "3:x", "4:m", "5:y"}));
  EXPECT_EQ(after.configuration.at(kMaxColumnIdProperty), "5");

  // Keeping the mode keeps the mapping.
  Metadata same = after;
  ASSERT_TRUE(ChangeColumnMapping(after, &same).ok());
  EXPECT_EQ(same, after);
}

TEST(ColumnMappingTest, OtherModeChangesAreRefused) {
  const std::vector<std::pair<const char*, const char*>> changes = {
      {nullptr, "id"}, {"name", "none"}, {"name", "id"}, {"id", "name"}};
  for (const auto& [from, to] : changes) {
    Metadata before = WithMode(from, kMappedSchema);
    Metadata after = WithMode(to, kMappedSchema);
    EXPECT_EQ(ChangeColumnMapping(before, &after).ToString(),
              std::string("Invalid argument: delta.columnMapping.mode cannot change from ") +
                  (from ? from : "none") + " to " + to +
                  ": the table's data files would not match its schema; inlet turns column "
                  "mapping on from none to name only");
  }
}

TEST(ColumnMappingTest, WritesNeedAnIdForEveryStructField) {
  Metadata metadata = WithMode("name", kMappedSchema);
  Schema schema = ParseDeltaSchema(kMappedSchema)->schema;
  Result<std::vector<PhysicalField>> fields = PhysicalFieldsForWrite(metadata, schema);
  ASSERT_TRUE(fields.ok()) << fields.status().ToString();
  EXPECT_EQ(Mapping(*fields),
            (std::vector<std::string>{"1:col-1", "2:col-2", "3:col-3", "4:col-4", "5:col-5"}));
  std::string without_id = kMappedSchema;
  const std::string id5 = R"("delta.columnMapping.id":5,)";
  without_id.erase(without_id.find(id5), id5.size());
  metadata.schema_string = without_id;
  EXPECT_EQ(PhysicalFieldsForWrite(metadata, schema).status().ToString(),
            "Invalid data: column \"m.value.y\" has no delta.columnMapping.id although the table "
            "uses column mapping");

  // The schema given must be the one the metaData holds.
  metadata.schema_string = kMappedSchema;
  Schema fewer({schema.field(0)});
  EXPECT_EQ(PhysicalFieldsForWrite(metadata, fewer).status().ToString(),
            "Invalid data: the schema's column mapping does not match its columns");
  Schema other = schema;
  other.mutable_fields()[0].type = LogicalType::Struct({{"x", LogicalType::Integer(), true}});
  EXPECT_EQ(PhysicalFieldsForWrite(metadata, other).status().ToString(),
            "Invalid data: the column mapping of column \"id\" does not match its type");
}

}  // namespace
}  // namespace inlet

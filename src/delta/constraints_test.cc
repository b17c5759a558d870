#include "delta/constraints.h"

#include <gtest/gtest.h>

namespace inlet {
namespace {

DeltaSchema Parse(const std::string& json) {
  Result<DeltaSchema> schema = ParseDeltaSchema(json);
  EXPECT_TRUE(schema.ok()) << schema.status().ToString();
  return schema.ValueOr(DeltaSchema{});
}

TEST(ConstraintsTest, ChecksFromPropertiesThenInvariantsFromColumns) {
  Metadata metadata;
  metadata.configuration = {{"delta.constraints.positive", "amount > 0"},
                            {"delta.appendOnly", "true"},
                            {"delta.constraints.a_first", "id IS NOT NULL"}};
  DeltaSchema schema =
      Parse(R"json({"type":"struct","fields":[{"name":"id","type":"long","metadata":{}},)json"
            R"json({"name":"x","type":"integer","metadata":{"delta.invariants":)json"
            R"json("{\"expression\":{\"expression\":\"x > 3\"}}"}}]})json");
  Result<std::vector<TableConstraint>> constraints = TableConstraints(metadata, schema);
  ASSERT_TRUE(constraints.ok()) << constraints.status().ToString();
  std::vector<TableConstraint> expected = {
      {TableConstraint::Kind::kCheck, "a_first", "id IS NOT NULL"},
      {TableConstraint::Kind::kCheck, "positive", "amount > 0"},
      {TableConstraint::Kind::kInvariant, "x", "x > 3"}};
  EXPECT_EQ(*constraints, expected);
  EXPECT_EQ((*constraints)[1].Describe(), "CHECK constraint positive (amount > 0)");
  EXPECT_EQ((*constraints)[2].Describe(), "invariant of column \"x\" (x > 3)");
}

TEST(ConstraintsTest, MalformedInvariantNamesTheColumn) {
  DeltaSchema schema =
      Parse(R"json({"type":"struct","fields":[{"name":"x","type":"integer","metadata":{)json"
            R"json("delta.invariants":"{\"expr\":1}"}}]})json");
  Result<std::vector<TableConstraint>> constraints = TableConstraints(Metadata{}, schema);
  ASSERT_FALSE(constraints.ok());
  EXPECT_EQ(constraints.status().message(),
            "the delta.invariants of column \"x\" has no \"expression\" object");
}

TEST(ConstraintsTest, PropertyKeyIsLowerCase) {
  EXPECT_EQ(ConstraintPropertyKey("Positive_Amount"), "delta.constraints.positive_amount");
}

TEST(ConstraintsTest, ProtocolUpgrade) {
  EXPECT_EQ(ProtocolForConstraints({1, 2, {}, {}}), (Protocol{1, 3, {}, {}}));
  EXPECT_EQ(ProtocolForConstraints({1, 4, {}, {}}), (Protocol{1, 4, {}, {}}));
  EXPECT_EQ(ProtocolForConstraints({3, 7, {"timestampNtz"}, {"timestampNtz"}}),
            (Protocol{3, 7, {"timestampNtz"}, {"timestampNtz", "checkConstraints"}}));
  EXPECT_EQ(ProtocolForConstraints({1, 7, {}, {"checkConstraints"}}),
            (Protocol{1, 7, {}, {"checkConstraints"}}));
}

}  // namespace
}  // namespace inlet

#include "exec/row_constraints.h"

#include <gtest/gtest.h>

namespace inlet {
namespace {

Schema OrderSchema() {
  return Schema({{"id", LogicalType::BigInt(), true, std::nullopt},
                 {"amount", LogicalType::Integer(), true, std::nullopt},
                 {"note", LogicalType::Varchar(), true, std::nullopt}});
}

// amount > 0, bound to OrderSchema() by hand as the sql layer's binder would.
BoundConstraint PositiveAmount() {
  auto expression = BoundExpression::Binary(
      BinaryOp::kGreater, BoundExpression::Column(1, LogicalType::Integer(), "amount"),
      BoundExpression::Constant(Value::Int(LogicalType::Integer(), 0)));
  return {{TableConstraint::Kind::kCheck, "positive_amount", "amount > 0"},
          std::shared_ptr<const BoundExpression>(std::move(*expression))};
}

RecordBatchPtr Batch(const std::vector<std::pair<std::optional<int>, std::string>>& rows) {
  auto schema = std::make_shared<const Schema>(OrderSchema());
  auto batch = RecordBatch::MakeEmpty(schema);
  int64_t id = 1;
  for (const auto& [amount, note] : rows) {
    batch->column(0)->AppendValue(Value::BigInt(id++));
    batch->column(1)->AppendValue(amount ? Value::Int(LogicalType::Integer(), *amount)
                                         : Value::Null(LogicalType::Integer()));
    batch->column(2)->AppendValue(Value::Varchar(note));
  }
  batch->SetNumRows(static_cast<int64_t>(rows.size()));
  return batch;
}

// Keeps every error and lets the load go on, as ON_ERROR = CONTINUE will.
class CollectingSink : public RowErrorSink {
 public:
  Status OnRowError(const RowError& error) override {
    errors.push_back(error.ToString());
    return Status::OK();
  }
  std::vector<std::string> errors;
};

TEST(RowConstraintsTest, PassingBatchIsReturnedAsIs) {
  RowConstraintChecker checker({PositiveAmount()}, OrderSchema());
  RecordBatchPtr batch = Batch({{1, "a"}, {2, "b"}});
  AbortOnRowError abort;
  Result<RecordBatchPtr> checked = checker.Check(batch, {"/data/a.csv", 1, ""}, &abort);
  ASSERT_TRUE(checked.ok()) << checked.status().ToString();
  EXPECT_EQ(checked->get(), batch.get());
}

TEST(RowConstraintsTest, ViolationNamesFileRowConstraintAndValues) {
  RowConstraintChecker checker({PositiveAmount()}, OrderSchema());
  AbortOnRowError abort;
  Result<RecordBatchPtr> checked =
      checker.Check(Batch({{1, "a"}, {-3, "b"}}), {"/data/a.csv", 16, ""}, &abort);
  EXPECT_EQ(checked.status().ToString(),
            "Invalid data: /data/a.csv: row 17: CHECK constraint positive_amount (amount > 0) "
            "violated by amount => -3");
}

TEST(RowConstraintsTest, NullViolatesAsDeltaWritersTreatIt) {
  RowConstraintChecker checker({PositiveAmount()}, OrderSchema());
  AbortOnRowError abort;
  Result<RecordBatchPtr> checked = checker.Check(
      Batch({{std::nullopt, "a"}}), {"/data/b.parquet", 1, " of row groups [2, 4)"}, &abort);
  EXPECT_EQ(checked.status().message(),
            "/data/b.parquet: row 1 of row groups [2, 4): CHECK constraint positive_amount "
            "(amount > 0) violated by amount => NULL");
}

TEST(RowConstraintsTest, AcceptedViolationsLeaveTheBatch) {
  RowConstraintChecker checker({PositiveAmount()}, OrderSchema());
  CollectingSink sink;
  Result<RecordBatchPtr> checked =
      checker.Check(Batch({{-1, "a"}, {2, "b"}, {0, "c"}, {4, "d"}}), {"f.csv", 1, ""}, &sink);
  ASSERT_TRUE(checked.ok()) << checked.status().ToString();
  ASSERT_EQ((*checked)->num_rows(), 2);
  EXPECT_EQ((*checked)->column(2)->GetValue(0).ToString(), "b");
  EXPECT_EQ((*checked)->column(2)->GetValue(1).ToString(), "d");
  EXPECT_EQ(sink.errors,
            (std::vector<std::string>{
                "f.csv: row 1: CHECK constraint positive_amount (amount > 0) violated by "
                "amount => -1",
                "f.csv: row 3: CHECK constraint positive_amount (amount > 0) violated by "
                "amount => 0"}));
}

TEST(RowConstraintsTest, EvaluationErrorNamesRowAndConstraint) {
  // 10 / (amount - amount) > 0 divides by zero on every row.
  auto amount = [] { return BoundExpression::Column(1, LogicalType::Integer(), "amount"); };
  auto zero = BoundExpression::Binary(BinaryOp::kSubtract, amount(), amount());
  auto ratio = BoundExpression::Binary(
      BinaryOp::kDivide, BoundExpression::Constant(Value::Int(LogicalType::Integer(), 10)),
      std::move(*zero));
  auto check = BoundExpression::Binary(BinaryOp::kGreater, std::move(*ratio),
                                       BoundExpression::Constant(Value::Double(0)));
  BoundConstraint ratio_positive{
      {TableConstraint::Kind::kInvariant, "amount", "10 / (amount - amount) > 0"},
      std::shared_ptr<const BoundExpression>(std::move(*check))};
  RowConstraintChecker checker({ratio_positive}, OrderSchema());
  AbortOnRowError abort;
  Result<RecordBatchPtr> checked = checker.Check(Batch({{5, "a"}}), {"g.csv", 1, ""}, &abort);
  EXPECT_EQ(checked.status().message(),
            "g.csv: row 1: invariant of column \"amount\" (10 / (amount - amount) > 0): division "
            "by zero");
}

TEST(RowConstraintsTest, FirstViolationOfATableRow) {
  RowConstraintChecker checker({PositiveAmount()}, OrderSchema());
  std::string values;
  Row row = {Value::BigInt(1), Value::Int(LogicalType::Integer(), 5), Value::Varchar("x")};
  Result<const TableConstraint*> violated = checker.FirstViolation(row, &values);
  ASSERT_TRUE(violated.ok());
  EXPECT_EQ(*violated, nullptr);
  row[1] = Value::Int(LogicalType::Integer(), -5);
  violated = checker.FirstViolation(row, &values);
  ASSERT_TRUE(violated.ok());
  ASSERT_NE(*violated, nullptr);
  EXPECT_EQ((*violated)->name, "positive_amount");
  EXPECT_EQ(values, "amount => -5");
}

}  // namespace
}  // namespace inlet

#include "exec/select_executor.h"

#include <gtest/gtest.h>

namespace inlet {
namespace {

// Rows (k VARCHAR, n BIGINT) served in batches of two.
class VectorSource : public RowSource {
 public:
  explicit VectorSource(std::vector<Row> rows, int* batches_served = nullptr)
      : rows_(std::move(rows)), batches_served_(batches_served) {}
  Result<bool> Next(std::vector<Row>* rows) override {
    rows->clear();
    for (int i = 0; i < 2 && position_ < rows_.size(); ++i) rows->push_back(rows_[position_++]);
    if (batches_served_) ++*batches_served_;
    return !rows->empty();
  }

 private:
  std::vector<Row> rows_;
  int* batches_served_;
  size_t position_ = 0;
};

std::vector<Row> SampleRows() {
  auto k = [](const char* s) { return s ? Value::Varchar(s) : Value::Null(LogicalType::Varchar()); };
  auto n = [](int64_t v) { return Value::BigInt(v); };
  return {{k("a"), n(1)}, {k("b"), n(5)}, {k("a"), n(3)}, {k(nullptr), n(7)}, {k("b"), Value::Null(LogicalType::BigInt())}};
}

std::unique_ptr<BoundExpression> Col(int i) {
  return BoundExpression::Column(i, i == 0 ? LogicalType::Varchar() : LogicalType::BigInt(), "");
}

std::string Render(const ResultSet& r) {
  std::string out;
  for (const Row& row : r.rows) {
    for (size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + row[i].ToString();
    out += ";";
  }
  return out;
}

TEST(SelectExecutorTest, FilterProjectSortLimit) {
  SelectPlan plan;
  plan.source = std::make_unique<VectorSource>(SampleRows());
  plan.where = *BoundExpression::Binary(BinaryOp::kGreater, Col(1),
                                        BoundExpression::Constant(Value::BigInt(1)));
  plan.projections.push_back(Col(0));
  plan.projections.push_back(*BoundExpression::Binary(BinaryOp::kMultiply, Col(1),
                                                      BoundExpression::Constant(Value::BigInt(10))));
  plan.names = {"k", "n10"};
  plan.order_by.push_back({1, /*descending=*/true, true});
  plan.limit = 2;
  auto result = ExecuteSelect(std::move(plan));
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(Render(*result), "NULL,70;b,50;");
  EXPECT_EQ(result->types[1], LogicalType::BigInt());
}

TEST(SelectExecutorTest, GroupByWithAggregates) {
  SelectPlan plan;
  plan.source = std::make_unique<VectorSource>(SampleRows());
  plan.group_by.push_back(Col(0));
  plan.aggregates.push_back(*BoundAggregate::Make(AggregateKind::kCountStar, nullptr, false));
  plan.aggregates.push_back(*BoundAggregate::Make(AggregateKind::kSum, Col(1), false));
  plan.aggregates.push_back(*BoundAggregate::Make(AggregateKind::kAvg, Col(1), false));
  plan.projections.push_back(Col(0));
  plan.projections.push_back(BoundExpression::AggregateRef(0, LogicalType::BigInt()));
  plan.projections.push_back(BoundExpression::AggregateRef(1, LogicalType::BigInt()));
  plan.projections.push_back(BoundExpression::AggregateRef(2, LogicalType::Double()));
  plan.names = {"k", "c", "s", "a"};
  plan.order_by.push_back({0, false, false});
  auto result = ExecuteSelect(std::move(plan));
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(Render(*result), "a,2,4,2.0;b,2,5,5.0;NULL,1,7,7.0;");
}

TEST(SelectExecutorTest, AggregateOverNoRowsGivesOneRow) {
  SelectPlan plan;
  plan.source = std::make_unique<VectorSource>(std::vector<Row>{});
  plan.aggregates.push_back(*BoundAggregate::Make(AggregateKind::kCountStar, nullptr, false));
  plan.aggregates.push_back(*BoundAggregate::Make(AggregateKind::kMax, Col(1), false));
  plan.projections.push_back(BoundExpression::AggregateRef(0, LogicalType::BigInt()));
  plan.projections.push_back(BoundExpression::AggregateRef(1, LogicalType::BigInt()));
  plan.names = {"count", "max"};
  auto result = ExecuteSelect(std::move(plan));
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(Render(*result), "0,NULL;");
}

TEST(SelectExecutorTest, LimitStopsTheScanEarly) {
  SelectPlan plan;
  int batches_served = 0;
  plan.source = std::make_unique<VectorSource>(SampleRows(), &batches_served);
  plan.projections.push_back(Col(1));
  plan.names = {"n"};
  plan.limit = 1;
  auto result = ExecuteSelect(std::move(plan));
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(Render(*result), "1;");
  EXPECT_EQ(batches_served, 1);
}

TEST(SelectExecutorTest, DistinctAndThreeValuedLogic) {
  SelectPlan plan;
  plan.source = std::make_unique<VectorSource>(SampleRows());
  // k = 'a' OR n > 4: NULL k with n = 7 passes; 'b' with NULL n does not.
  auto is_a = *BoundExpression::Binary(BinaryOp::kEqual, Col(0),
                                       BoundExpression::Constant(Value::Varchar("a")));
  auto big = *BoundExpression::Binary(BinaryOp::kGreater, Col(1),
                                      BoundExpression::Constant(Value::BigInt(4)));
  plan.where = *BoundExpression::Binary(BinaryOp::kOr, std::move(is_a), std::move(big));
  plan.projections.push_back(Col(0));
  plan.names = {"k"};
  plan.distinct = true;
  auto result = ExecuteSelect(std::move(plan));
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(Render(*result), "a;b;NULL;");
}

TEST(ExpressionTest, TypeErrorsAndRuntimeErrors) {
  auto bad = BoundExpression::Binary(BinaryOp::kAdd, Col(0), Col(1));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "cannot apply + to VARCHAR and BIGINT");
  auto div = *BoundExpression::Binary(BinaryOp::kDivide, Col(1),
                                      BoundExpression::Constant(Value::BigInt(0)));
  auto r = div->Evaluate(Row{Value::Varchar("x"), Value::BigInt(1)});
  EXPECT_EQ(r.status().message(), "division by zero");
  auto sum = *BoundExpression::Binary(
      BinaryOp::kAdd, BoundExpression::Constant(Value::Decimal(150, 10, 2)),
      BoundExpression::Constant(Value::Decimal(5, 3, 1)));
  EXPECT_EQ(sum->Evaluate(Row{})->ToString(), "2.00");
  // A string constant compared with a DATE column is read as a DATE.
  auto date_cmp = BoundExpression::Binary(BinaryOp::kLess,
                                          BoundExpression::Column(0, LogicalType::Date(), "d"),
                                          BoundExpression::Constant(Value::Varchar("2024-01-02")));
  ASSERT_TRUE(date_cmp.ok());
  EXPECT_TRUE((*date_cmp)->Evaluate(Row{Value::Date(19723)})->GetBool());
}

TEST(ExpressionTest, NestedValuesCanBeCountedButNotComparedOrOrdered) {
  LogicalType list = LogicalType::List(LogicalType::Integer());
  auto nested = [&] { return BoundExpression::Column(0, list, "l"); };
  auto equal = BoundExpression::Binary(BinaryOp::kEqual, nested(), nested());
  ASSERT_FALSE(equal.ok());
  EXPECT_EQ(equal.status().message(), "cannot apply = to ARRAY<INTEGER> and ARRAY<INTEGER>");
  EXPECT_EQ(BoundAggregate::Make(AggregateKind::kMin, nested(), false).status().message(),
            "min() cannot order ARRAY<INTEGER> values");
  EXPECT_EQ(BoundAggregate::Make(AggregateKind::kMax, nested(), false).status().message(),
            "max() cannot order ARRAY<INTEGER> values");
  EXPECT_EQ(BoundAggregate::Make(AggregateKind::kSum, nested(), false).status().message(),
            "sum() needs a numeric argument, got ARRAY<INTEGER>");
  EXPECT_EQ(BoundAggregate::Make(AggregateKind::kCount, nested(), true).status().message(),
            "DISTINCT cannot compare ARRAY<INTEGER> values yet");

  // count(l) counts the non-NULL lists, empty ones included.
  SelectPlan plan;
  Value one = Value::List(list, {Value::Int(LogicalType::Integer(), 1)});
  plan.source = std::make_unique<VectorSource>(
      std::vector<Row>{{one}, {Value::Null(list)}, {Value::List(list, {})}});
  plan.aggregates.push_back(*BoundAggregate::Make(AggregateKind::kCount, nested(), false));
  plan.projections.push_back(BoundExpression::AggregateRef(0, LogicalType::BigInt()));
  plan.names = {"count"};
  auto result = ExecuteSelect(std::move(plan));
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(Render(*result), "2;");
}

TEST(ExpressionTest, TimeComparesWithTimeAndTextConstants) {
  auto time_column = [] { return BoundExpression::Column(0, LogicalType::Time(), "t"); };
  auto before_noon = BoundExpression::Binary(BinaryOp::kLess, time_column(),
                                             BoundExpression::Constant(Value::Varchar("12:00")));
  ASSERT_TRUE(before_noon.ok()) << before_noon.status().ToString();
  EXPECT_TRUE((*before_noon)->Evaluate(Row{Value::Time(3600000000)})->GetBool());
  auto with_date = BoundExpression::Binary(BinaryOp::kLess, time_column(),
                                           BoundExpression::Column(1, LogicalType::Date(), "d"));
  ASSERT_FALSE(with_date.ok());
  EXPECT_EQ(with_date.status().message(), "cannot apply < to TIME and DATE");
  auto max = BoundAggregate::Make(AggregateKind::kMax, time_column(), false);
  ASSERT_TRUE(max.ok());
  EXPECT_EQ(max->type, LogicalType::Time());
}

}  // namespace
}  // namespace inlet

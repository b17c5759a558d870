#include "delta/transaction_retention.h"

#include <gtest/gtest.h>

namespace inlet {
namespace {

constexpr int64_t kDay = 24LL * 3600 * 1000;
constexpr int64_t kNow = 1'800'000'000'000;

std::map<std::string, SetTransaction> Transactions() {
  return {{"old", SetTransaction{"old", 1, kNow - 10 * kDay}},
          {"edge", SetTransaction{"edge", 2, kNow - 7 * kDay}},
          {"new", SetTransaction{"new", 3, kNow - kDay}},
          {"undated", SetTransaction{"undated", 4, std::nullopt}}};
}

std::vector<std::string> Keys(const std::map<std::string, SetTransaction>& transactions) {
  std::vector<std::string> keys;
  for (const auto& [key, txn] : transactions) keys.push_back(key);
  return keys;
}

TEST(TransactionRetentionTest, WithoutThePropertyEveryTxnIsKept) {
  auto transactions = Transactions();
  ASSERT_TRUE(ExpireTransactions({}, kNow, &transactions).ok());
  EXPECT_EQ(transactions.size(), 4u);
  EXPECT_EQ(*TransactionRetentionMillis({}), std::nullopt);
}

TEST(TransactionRetentionTest, TxnsOlderThanTheRetentionExpire) {
  auto transactions = Transactions();
  std::map<std::string, std::string> configuration = {
      {kSetTransactionRetentionProperty, "interval 7 days"}};
  ASSERT_TRUE(ExpireTransactions(configuration, kNow, &transactions).ok());
  // Exactly at the retention a txn is still kept; one without lastUpdated never expires.
  EXPECT_EQ(Keys(transactions), (std::vector<std::string>{"edge", "new", "undated"}));
  EXPECT_EQ(*TransactionRetentionMillis(configuration), 7 * kDay);
}

TEST(TransactionRetentionTest, MalformedRetentionNamesTheProperty) {
  auto transactions = Transactions();
  Status status =
      ExpireTransactions({{kSetTransactionRetentionProperty, "2 months"}}, kNow, &transactions);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find(kSetTransactionRetentionProperty), std::string::npos)
      << status.message();
  EXPECT_EQ(transactions.size(), 4u);
}

}  // namespace
}  // namespace inlet

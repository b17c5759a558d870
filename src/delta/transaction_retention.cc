#include "delta/transaction_retention.h"

#include "delta/table_properties.h"

namespace inlet {

Result<std::optional<int64_t>> TransactionRetentionMillis(
    const std::map<std::string, std::string>& configuration) {
  auto it = configuration.find(kSetTransactionRetentionProperty);
  if (it == configuration.end()) return std::optional<int64_t>();
  Result<int64_t> millis = ParseIntervalMillis(it->second);
  if (!millis.ok()) return millis.status().WithContext(kSetTransactionRetentionProperty);
  return std::optional<int64_t>(*millis);
}

Status ExpireTransactions(const std::map<std::string, std::string>& configuration, int64_t now_ms,
                          std::map<std::string, SetTransaction>* transactions) {
  INLET_ASSIGN_OR_RETURN(std::optional<int64_t> retention,
                         TransactionRetentionMillis(configuration));
  if (!retention) return Status::OK();
  const int64_t oldest_kept = now_ms - *retention;
  for (auto it = transactions->begin(); it != transactions->end();) {
    const std::optional<int64_t>& updated = it->second.last_updated;
    if (updated && *updated < oldest_kept) {
      it = transactions->erase(it);
    } else {
      ++it;
    }
  }
  return Status::OK();
}

}  // namespace inlet

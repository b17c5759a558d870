#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "delta/actions.h"
#include "inlet/result.h"

// How long a table remembers its application transactions (txn actions), which inlet uses to
// remember the source files a COPY loaded. Delta's delta.setTransactionRetentionDuration: a txn
// whose lastUpdated is older than now minus the retention is expired, so log replay forgets it
// and checkpoints leave it out. Without the property a txn is kept forever.

namespace inlet {

inline constexpr char kSetTransactionRetentionProperty[] = "delta.setTransactionRetentionDuration";

/// The retention the table's properties set, in milliseconds; nullopt when unset (keep forever).
/// InvalidArgument naming the property when its value is not a Delta interval.
Result<std::optional<int64_t>> TransactionRetentionMillis(
    const std::map<std::string, std::string>& configuration);

/// Removes from `transactions` the txns expired at `now_ms` under the retention `configuration`
/// sets; a txn without lastUpdated never expires, as in Delta. Errors as
/// TransactionRetentionMillis.
Status ExpireTransactions(const std::map<std::string, std::string>& configuration, int64_t now_ms,
                          std::map<std::string, SetTransaction>* transactions);

}  // namespace inlet

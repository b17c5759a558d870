#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "inlet/result.h"
#include "types/logical_type.h"
#include "types/schema.h"
#include "types/value.h"

// Partition values as the Delta protocol serializes them in add.partitionValues ("Partition Value
// Serialization") and as Spark names the partition folders (Hive-style `col=value`).

namespace inlet {

/// The folder name Spark and Hive use for a NULL (or empty string) partition value.
inline constexpr char kHiveDefaultPartition[] = "__HIVE_DEFAULT_PARTITION__";

/// `value` as its add.partitionValues text; nullopt for NULL and for the empty string, which
/// Delta reads back as NULL. Numbers as their decimal text (float and double as Spark prints them,
/// NaN and Infinity included), DATE as 2024-01-02, TIMESTAMP (without time zone) as
/// 2024-01-02 03:04:05[.ffffff], TIMESTAMPTZ in UTC as ISO 8601 (2024-01-02T03:04:05.000000Z, the
/// form the protocol recommends), BOOLEAN as true/false, BINARY as its bytes. InvalidArgument for
/// a nested value or TIME, which Delta cannot partition by.
Result<std::optional<std::string>> SerializePartitionValue(const Value& value);

/// Parses add.partitionValues text back into a value of `type`: nullopt and the empty string are
/// NULL. A TIMESTAMPTZ without a zone is read as UTC. InvalidData naming the text and type when it
/// does not parse.
Result<Value> ParsePartitionValue(const std::optional<std::string>& text, const LogicalType& type);

/// `text` escaped for a folder name as Spark does (ExternalCatalogUtils.escapePathName): control
/// characters and " # % ' * / : = ? \ DEL { [ ] ^ become %XX (upper-case hex).
std::string EscapePartitionPathPart(std::string_view text);

/// The folder of one partition, relative to the table root and ending in '/':
/// "year=2024/city=S%3Ao/" for the (column, serialized value) pairs in order; a NULL value is
/// written as __HIVE_DEFAULT_PARTITION__.
std::string PartitionFolder(
    const std::vector<std::pair<std::string, std::optional<std::string>>>& values);

/// InvalidArgument unless `type` can be a partition column's type: a primitive Delta type (not
/// STRUCT, ARRAY, MAP, or TIME). `column` names it in the message.
Status CheckPartitionColumnType(const std::string& column, const LogicalType& type);

}  // namespace inlet

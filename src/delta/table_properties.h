#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "inlet/result.h"

// Table properties (metaData.configuration): which keys inlet accepts, how their values are
// checked, and the data-file shape they choose. Delta lets a table hold any key, so other engines
// see what is set here; the delta.* keys are the ones Delta engines and Databricks define, the
// inlet.* keys are inlet's own.

namespace inlet {

inline constexpr char kAppendOnlyProperty[] = "delta.appendOnly";
inline constexpr char kTargetFileSizeProperty[] = "delta.targetFileSize";
inline constexpr char kCopyModifiedFilesProperty[] = "inlet.copy.modifiedFiles";
/// false lets VACUUM take a RETAIN shorter than delta.deletedFileRetentionDuration (Databricks'
/// spark.databricks.delta.retentionDurationCheck.enabled).
inline constexpr char kVacuumRetentionCheckProperty[] = "inlet.vacuum.retentionDurationCheck";
inline constexpr char kParquetCompressionProperty[] = "inlet.parquet.compression";
inline constexpr char kParquetCompressionLevelProperty[] = "inlet.parquet.compressionLevel";
inline constexpr char kParquetRowGroupSizeProperty[] = "inlet.parquet.rowGroupSize";
inline constexpr char kParquetDataPageVersionProperty[] = "inlet.parquet.dataPageVersion";

/// The Parquet compression codecs a table can choose for its data files.
enum class DataFileCompression { kUncompressed, kSnappy, kGzip, kLz4Raw, kZstd };

/// "none", "snappy", "gzip", "lz4_raw" or "zstd".
const char* DataFileCompressionName(DataFileCompression compression);

/// How a table's data files are shaped, as its properties say. An unset field leaves the
/// writer's default: 128 MiB files, snappy at its level, 128 MiB row groups, data pages v1.
struct DataFileProperties {
  std::optional<int64_t> target_file_bytes;
  std::optional<DataFileCompression> compression;
  /// Set only with kZstd (1 to 22) or kGzip (1 to 9).
  std::optional<int> compression_level;
  std::optional<int64_t> row_group_bytes;
  /// 1 or 2.
  std::optional<int> data_page_version;

  bool operator==(const DataFileProperties&) const = default;
};

/// The key under which the property `key = value` is stored: a delta.* or inlet.* key inlet
/// knows, matched case-insensitively, in its canonical spelling; any other key as given.
/// InvalidArgument, with a message that stands alone, for an empty key, an unknown delta.* or
/// inlet.* key (listing the known ones), a value of the wrong form, or a Delta feature inlet
/// cannot write (delta.enableChangeDataFeed = true).
Result<std::string> ValidateTableProperty(std::string_view key, std::string_view value);

/// The key under which a property named `key` is stored: the canonical spelling of a delta.* or
/// inlet.* key inlet knows, any other key as given.
std::string CanonicalPropertyKey(std::string_view key);

/// `configuration` with `properties` set, each checked by ValidateTableProperty and stored under
/// its canonical key. InvalidArgument for a key given twice, or for properties that do not go
/// together (DataFilePropertiesFrom).
Result<std::map<std::string, std::string>> WithTableProperties(
    std::map<std::string, std::string> configuration,
    const std::vector<std::pair<std::string, std::string>>& properties);

/// `configuration` without `keys` (delta.* and inlet.* keys matched case-insensitively).
/// InvalidArgument for a key the configuration does not hold, unless `if_exists`; and when what
/// remains does not go together (a compression level left without its codec).
Result<std::map<std::string, std::string>> WithoutTableProperties(
    std::map<std::string, std::string> configuration, const std::vector<std::string>& keys,
    bool if_exists);

/// The data-file shape `configuration` chooses. InvalidArgument naming the property when a value
/// is malformed (possible in a table another engine wrote) or when a compression level is set
/// without a codec that takes one.
Result<DataFileProperties> DataFilePropertiesFrom(
    const std::map<std::string, std::string>& configuration);

/// A Delta duration such as delta.logRetentionDuration, in milliseconds: "interval 30 days", or
/// without the word interval any number of "<n> <unit>" pairs, units weeks, days, hours, minutes,
/// seconds, milliseconds or microseconds (singular or plural, case-insensitive). InvalidArgument
/// for anything else (months and years vary in length, so Delta refuses them) or past 2^63 us.
Result<int64_t> ParseIntervalMillis(std::string_view text);

/// A size in bytes as Delta and Spark write them: digits with an optional unit b, k/kb, m/mb,
/// g/gb, t/tb or p/pb (powers of 1024), case-insensitive: "134217728", "128mb", "1GB".
/// InvalidArgument for anything else, a fraction, or a size past 2^63 bytes.
Result<int64_t> ParseByteSize(std::string_view text);

}  // namespace inlet

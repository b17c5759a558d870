#include "delta/table_properties.h"

#include <charconv>
#include <limits>
#include <set>

#include "common/string_util.h"

namespace inlet {

namespace {

constexpr char kDeltaPrefix[] = "delta.";
constexpr char kInletPrefix[] = "inlet.";

std::string Quoted(std::string_view value) { return "'" + std::string(value) + "'"; }

bool HasPrefixIgnoreCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && EqualsIgnoreCase(text.substr(0, prefix.size()), prefix);
}

// A whole decimal integer, optionally signed; nullopt for anything else.
std::optional<int64_t> ParseInteger(std::string_view text) {
  int64_t value = 0;
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (begin != end && *begin == '+') ++begin;
  auto [ptr, ec] = std::from_chars(begin, end, value);
  if (begin == end || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

// ----- value checks, one per kind of property ---------------------------------------------------

using ValueCheck = Status (*)(std::string_view key, std::string_view value);

Status CheckBoolean(std::string_view key, std::string_view value) {
  if (EqualsIgnoreCase(value, "true") || EqualsIgnoreCase(value, "false")) return Status::OK();
  return Status::InvalidArgument(std::string(key) + " must be true or false, not " + Quoted(value));
}

// A property that turns on a Delta feature inlet cannot write: only its off value is accepted, so
// that inlet never makes a table it could not load into afterwards.
Status CheckFeatureOff(std::string_view key, std::string_view value, std::string_view feature) {
  INLET_RETURN_NOT_OK(CheckBoolean(key, value));
  if (EqualsIgnoreCase(value, "false")) return Status::OK();
  return Status::InvalidArgument(std::string(key) + " = true turns on the Delta feature " +
                                 std::string(feature) + ", which inlet cannot write yet");
}

Status CheckChangeDataFeedOff(std::string_view key, std::string_view value) {
  return CheckFeatureOff(key, value, "changeDataFeed");
}

Status CheckRowTrackingOff(std::string_view key, std::string_view value) {
  return CheckFeatureOff(key, value, "rowTracking");
}

// Which changes of the mode a table allows is decided with the table at hand
// (delta/column_mapping.h, ChangeColumnMapping).
Status CheckColumnMappingMode(std::string_view key, std::string_view value) {
  if (EqualsIgnoreCase(value, "none") || EqualsIgnoreCase(value, "name") ||
      EqualsIgnoreCase(value, "id")) {
    return Status::OK();
  }
  return Status::InvalidArgument(std::string(key) + " must be none, name or id, not " +
                                 Quoted(value));
}

Status CheckPositiveInteger(std::string_view key, std::string_view value) {
  std::optional<int64_t> number = ParseInteger(value);
  if (number && *number > 0) return Status::OK();
  return Status::InvalidArgument(std::string(key) + " must be a positive integer, not " +
                                 Quoted(value));
}

// delta.dataSkippingNumIndexedCols: how many leading columns get statistics; -1 means all.
Status CheckIndexedColumnCount(std::string_view key, std::string_view value) {
  std::optional<int64_t> number = ParseInteger(value);
  if (number && *number >= -1 && *number <= std::numeric_limits<int32_t>::max()) {
    return Status::OK();
  }
  return Status::InvalidArgument(
      std::string(key) + " must be -1 (all columns) or a column count, not " + Quoted(value));
}

Status CheckInterval(std::string_view key, std::string_view value) {
  Result<int64_t> millis = ParseIntervalMillis(value);
  if (millis.ok()) return Status::OK();
  return Status::InvalidArgument(std::string(key) + " " + millis.status().message());
}

Status CheckByteSize(std::string_view key, std::string_view value) {
  Result<int64_t> bytes = ParseByteSize(value);
  if (!bytes.ok()) return bytes.status().WithContext(key);
  if (*bytes < 1) return Status::InvalidArgument(std::string(key) + " must be at least 1 byte");
  return Status::OK();
}

Status CheckIsolationLevel(std::string_view key, std::string_view value) {
  if (EqualsIgnoreCase(value, "Serializable") || EqualsIgnoreCase(value, "WriteSerializable")) {
    return Status::OK();
  }
  return Status::InvalidArgument(
      std::string(key) + " must be Serializable or WriteSerializable, not " + Quoted(value));
}

// Databricks' auto compaction takes a mode as well as a boolean.
Status CheckAutoCompact(std::string_view key, std::string_view value) {
  if (EqualsIgnoreCase(value, "auto") || EqualsIgnoreCase(value, "legacy")) return Status::OK();
  if (CheckBoolean(key, value).ok()) return Status::OK();
  return Status::InvalidArgument(std::string(key) + " must be auto, legacy, true or false, not " +
                                 Quoted(value));
}

std::optional<DataFileCompression> CompressionFromName(std::string_view name) {
  std::string lower = AsciiToLower(name);
  if (lower == "snappy") return DataFileCompression::kSnappy;
  if (lower == "zstd") return DataFileCompression::kZstd;
  if (lower == "gzip") return DataFileCompression::kGzip;
  if (lower == "lz4_raw") return DataFileCompression::kLz4Raw;
  if (lower == "none" || lower == "uncompressed") return DataFileCompression::kUncompressed;
  return std::nullopt;
}

Status CheckCompression(std::string_view key, std::string_view value) {
  if (CompressionFromName(value)) return Status::OK();
  return Status::InvalidArgument(std::string(key) +
                                 " must be snappy, zstd, gzip, lz4_raw or none (also "
                                 "uncompressed), not " +
                                 Quoted(value));
}

Status CheckDataPageVersion(std::string_view key, std::string_view value) {
  if (value == "1" || value == "2") return Status::OK();
  return Status::InvalidArgument(std::string(key) + " must be 1 or 2, not " + Quoted(value));
}

// The range depends on the codec, which DataFilePropertiesFrom checks with both keys at hand.
Status CheckCompressionLevel(std::string_view key, std::string_view value) {
  if (ParseInteger(value)) return Status::OK();
  return Status::InvalidArgument(std::string(key) + " must be an integer, not " + Quoted(value));
}

// inlet.copy.modifiedFiles: what a COPY does with a source file changed since it was loaded.
Status CheckModifiedFiles(std::string_view key, std::string_view value) {
  if (EqualsIgnoreCase(value, "reload") || EqualsIgnoreCase(value, "skip")) return Status::OK();
  return Status::InvalidArgument(std::string(key) + " must be reload or skip, not " +
                                 Quoted(value));
}

struct PropertySpec {
  const char* key;
  ValueCheck check;
};

// The delta.* keys inlet accepts: those Delta engines and Databricks define whose meaning inlet
// either honours or cannot break (inlet compacts nothing).
// Sorted by key, as the message listing them shows them.
constexpr PropertySpec kDeltaProperties[] = {
    {kAppendOnlyProperty, CheckBoolean},
    {"delta.autoOptimize.autoCompact", CheckAutoCompact},
    {"delta.autoOptimize.optimizeWrite", CheckBoolean},
    {"delta.checkpoint.writeStatsAsJson", CheckBoolean},
    {"delta.checkpoint.writeStatsAsStruct", CheckBoolean},
    {"delta.checkpointInterval", CheckPositiveInteger},
    {"delta.columnMapping.mode", CheckColumnMappingMode},
    {"delta.dataSkippingNumIndexedCols", CheckIndexedColumnCount},
    {"delta.deletedFileRetentionDuration", CheckInterval},
    {"delta.enableChangeDataFeed", CheckChangeDataFeedOff},
    // On, it lets other engines' DELETE, UPDATE and MERGE write deletion vectors; inlet reads
    // them and appends files without one.
    {"delta.enableDeletionVectors", CheckBoolean},
    {"delta.enableExpiredLogCleanup", CheckBoolean},
    {"delta.enableRowTracking", CheckRowTrackingOff},
    {"delta.enableTypeWidening", CheckBoolean},
    {"delta.isolationLevel", CheckIsolationLevel},
    {"delta.logRetentionDuration", CheckInterval},
    {"delta.setTransactionRetentionDuration", CheckInterval},
    {kTargetFileSizeProperty, CheckByteSize},
    {"delta.tuneFileSizesForRewrites", CheckBoolean},
};

constexpr PropertySpec kInletProperties[] = {
    {kCopyModifiedFilesProperty, CheckModifiedFiles},
    {kParquetCompressionProperty, CheckCompression},
    {kParquetCompressionLevelProperty, CheckCompressionLevel},
    {kParquetDataPageVersionProperty, CheckDataPageVersion},
    {kParquetRowGroupSizeProperty, CheckByteSize},
    {kVacuumRetentionCheckProperty, CheckBoolean},
};

template <size_t N>
const PropertySpec* FindSpec(const PropertySpec (&specs)[N], std::string_view key) {
  for (const PropertySpec& spec : specs) {
    if (EqualsIgnoreCase(spec.key, key)) return &spec;
  }
  return nullptr;
}

template <size_t N>
std::string SpecKeys(const PropertySpec (&specs)[N]) {
  std::vector<std::string> keys;
  for (const PropertySpec& spec : specs) keys.push_back(spec.key);
  return JoinStrings(keys, ", ");
}

// The spec a known key has; nullptr for a key of another engine. An unknown delta.* or inlet.* key
// is an error rather than kept: it is a typo far more often than a property of an engine inlet
// has not heard of, and a typo would silently do nothing.
Result<const PropertySpec*> LookUpSpec(std::string_view key) {
  if (HasPrefixIgnoreCase(key, kDeltaPrefix)) {
    if (const PropertySpec* spec = FindSpec(kDeltaProperties, key)) return spec;
    return Status::InvalidArgument("unknown Delta table property " + Quoted(key) +
                                   "; inlet accepts " + SpecKeys(kDeltaProperties));
  }
  if (HasPrefixIgnoreCase(key, kInletPrefix)) {
    if (const PropertySpec* spec = FindSpec(kInletProperties, key)) return spec;
    return Status::InvalidArgument("unknown inlet table property " + Quoted(key) +
                                   "; inlet's properties are " + SpecKeys(kInletProperties));
  }
  return nullptr;
}

const std::string* Find(const std::map<std::string, std::string>& configuration, const char* key) {
  auto it = configuration.find(key);
  return it == configuration.end() ? nullptr : &it->second;
}

Result<int64_t> ReadByteSize(const std::map<std::string, std::string>& configuration,
                             const char* key) {
  const std::string& value = *Find(configuration, key);
  INLET_RETURN_NOT_OK(CheckByteSize(key, value));
  return ParseByteSize(value);
}

}  // namespace

const char* DataFileCompressionName(DataFileCompression compression) {
  switch (compression) {
    case DataFileCompression::kUncompressed:
      return "none";
    case DataFileCompression::kSnappy:
      return "snappy";
    case DataFileCompression::kGzip:
      return "gzip";
    case DataFileCompression::kLz4Raw:
      return "lz4_raw";
    case DataFileCompression::kZstd:
      return "zstd";
  }
  return "unknown";
}

// Months and years are refused, as Delta refuses them: their length varies.
Result<int64_t> ParseIntervalMillis(std::string_view text) {
  static const std::pair<std::string_view, int64_t> kUnits[] = {
      {"week", 7 * 24 * 3600 * 1000000LL}, {"day", 24 * 3600 * 1000000LL},
      {"hour", 3600 * 1000000LL},          {"minute", 60 * 1000000LL},
      {"second", 1000000},                 {"millisecond", 1000},
      {"microsecond", 1}};
  std::vector<std::string> words;
  for (const std::string& word : SplitString(AsciiToLower(TrimWhitespace(text)), ' ')) {
    if (!word.empty()) words.push_back(word);
  }
  size_t first = !words.empty() && words[0] == "interval" ? 1 : 0;
  bool valid = words.size() > first && (words.size() - first) % 2 == 0;
  int64_t micros = 0;
  for (size_t i = first; valid && i < words.size(); i += 2) {
    std::optional<int64_t> amount = ParseInteger(words[i]);
    std::string_view unit = words[i + 1];
    if (unit.ends_with('s')) unit.remove_suffix(1);
    int64_t unit_micros = 0;
    for (const auto& [name, length] : kUnits) {
      if (unit == name) unit_micros = length;
    }
    valid = amount && *amount >= 0 && unit_micros > 0 &&
            *amount <= (std::numeric_limits<int64_t>::max() - micros) / unit_micros;
    if (valid) micros += *amount * unit_micros;
  }
  if (valid) return micros / 1000;
  return Status::InvalidArgument(
      "must be an interval such as 'interval 30 days' (units: weeks, days, hours, minutes, "
      "seconds, milliseconds, microseconds), not " +
      Quoted(text));
}

Result<int64_t> ParseByteSize(std::string_view text) {
  std::string lower = AsciiToLower(TrimWhitespace(text));
  size_t digits = 0;
  while (digits < lower.size() && lower[digits] >= '0' && lower[digits] <= '9') ++digits;
  std::string_view unit = std::string_view(lower).substr(digits);
  static const std::pair<std::string_view, int> kUnits[] = {
      {"", 0},   {"b", 0},   {"k", 10}, {"kb", 10}, {"m", 20}, {"mb", 20},
      {"g", 30}, {"gb", 30}, {"t", 40}, {"tb", 40}, {"p", 50}, {"pb", 50}};
  int shift = -1;
  for (const auto& [name, bits] : kUnits) {
    if (unit == name) shift = bits;
  }
  if (digits == 0 || shift < 0) {
    return Status::InvalidArgument(Quoted(text) +
                                   " is not a size such as '128mb' or '134217728' (units b, kb, "
                                   "mb, gb, tb, pb)");
  }
  std::optional<int64_t> count = ParseInteger(std::string_view(lower).substr(0, digits));
  if (!count || *count > (std::numeric_limits<int64_t>::max() >> shift)) {
    return Status::InvalidArgument(Quoted(text) + " is too large a size");
  }
  return *count << shift;
}

std::string CanonicalPropertyKey(std::string_view key) {
  const PropertySpec* spec = FindSpec(kDeltaProperties, key);
  if (!spec) spec = FindSpec(kInletProperties, key);
  return spec ? spec->key : std::string(key);
}

Result<std::string> ValidateTableProperty(std::string_view key, std::string_view value) {
  if (TrimWhitespace(key).empty()) {
    return Status::InvalidArgument("a table property key cannot be empty");
  }
  INLET_ASSIGN_OR_RETURN(const PropertySpec* spec, LookUpSpec(key));
  if (!spec) return std::string(key);
  INLET_RETURN_NOT_OK(spec->check(spec->key, value));
  return std::string(spec->key);
}

Result<std::map<std::string, std::string>> WithTableProperties(
    std::map<std::string, std::string> configuration,
    const std::vector<std::pair<std::string, std::string>>& properties) {
  std::set<std::string> seen;
  for (const auto& [key, value] : properties) {
    INLET_ASSIGN_OR_RETURN(std::string canonical, ValidateTableProperty(key, value));
    if (!seen.insert(canonical).second) {
      return Status::InvalidArgument("table property " + Quoted(canonical) + " is given twice");
    }
    configuration[canonical] = value;
  }
  INLET_RETURN_NOT_OK(DataFilePropertiesFrom(configuration).status());
  return configuration;
}

Result<std::map<std::string, std::string>> WithoutTableProperties(
    std::map<std::string, std::string> configuration, const std::vector<std::string>& keys,
    bool if_exists) {
  for (const std::string& key : keys) {
    if (configuration.erase(CanonicalPropertyKey(key)) == 0 && !if_exists) {
      return Status::InvalidArgument("the table has no property " + Quoted(key) +
                                     " (UNSET TBLPROPERTIES IF EXISTS ignores missing ones)");
    }
  }
  INLET_RETURN_NOT_OK(DataFilePropertiesFrom(configuration).status());
  return configuration;
}

Result<DataFileProperties> DataFilePropertiesFrom(
    const std::map<std::string, std::string>& configuration) {
  DataFileProperties properties;
  if (Find(configuration, kTargetFileSizeProperty)) {
    INLET_ASSIGN_OR_RETURN(properties.target_file_bytes,
                           ReadByteSize(configuration, kTargetFileSizeProperty));
  }
  if (Find(configuration, kParquetRowGroupSizeProperty)) {
    INLET_ASSIGN_OR_RETURN(properties.row_group_bytes,
                           ReadByteSize(configuration, kParquetRowGroupSizeProperty));
  }
  if (const std::string* version = Find(configuration, kParquetDataPageVersionProperty)) {
    INLET_RETURN_NOT_OK(CheckDataPageVersion(kParquetDataPageVersionProperty, *version));
    properties.data_page_version = *version == "2" ? 2 : 1;
  }
  if (const std::string* codec = Find(configuration, kParquetCompressionProperty)) {
    INLET_RETURN_NOT_OK(CheckCompression(kParquetCompressionProperty, *codec));
    properties.compression = CompressionFromName(*codec);
  }
  const std::string* level_text = Find(configuration, kParquetCompressionLevelProperty);
  if (!level_text) return properties;
  INLET_RETURN_NOT_OK(CheckCompressionLevel(kParquetCompressionLevelProperty, *level_text));
  int64_t level = *ParseInteger(*level_text);
  DataFileCompression codec = properties.compression.value_or(DataFileCompression::kSnappy);
  if (codec != DataFileCompression::kZstd && codec != DataFileCompression::kGzip) {
    return Status::InvalidArgument(
        std::string(kParquetCompressionLevelProperty) + " is only for zstd and gzip, but " +
        kParquetCompressionProperty + " is " +
        (properties.compression ? DataFileCompressionName(codec) : "not set (snappy)"));
  }
  const int max_level = codec == DataFileCompression::kZstd ? 22 : 9;
  if (level < 1 || level > max_level) {
    return Status::InvalidArgument(std::string(kParquetCompressionLevelProperty) + " for " +
                                   DataFileCompressionName(codec) + " must be from 1 to " +
                                   std::to_string(max_level) + ", not " + Quoted(*level_text));
  }
  properties.compression_level = static_cast<int>(level);
  return properties;
}

}  // namespace inlet

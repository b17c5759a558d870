#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "inlet/result.h"

namespace inlet {

/// The engine name inlet records in commitInfo.engineInfo.
inline constexpr char kEngineInfo[] = "inlet/0.1.0";

/// `protocol`: the reader/writer versions and, from reader 3 / writer 7, the table features
/// a client must implement to read / write the table.
struct Protocol {
  int32_t min_reader_version = 1;
  int32_t min_writer_version = 2;
  /// Written only when min_reader_version >= 3.
  std::vector<std::string> reader_features;
  /// Written only when min_writer_version >= 7.
  std::vector<std::string> writer_features;

  bool operator==(const Protocol&) const = default;
};

/// `metaData`: table identity, schema, partitioning and properties. Replaces any earlier one.
struct Metadata {
  std::string id;
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::string format_provider = "parquet";
  std::map<std::string, std::string> format_options;
  /// The Spark StructType JSON of the table schema (see schema_json.h); empty when a (broken)
  /// log omitted it.
  std::string schema_string;
  std::vector<std::string> partition_columns;
  std::map<std::string, std::string> configuration;
  /// Milliseconds since the epoch.
  std::optional<int64_t> created_time;

  bool operator==(const Metadata&) const = default;
};

/// A partition value per partition column; nullopt is a NULL partition value.
using PartitionValues = std::map<std::string, std::optional<std::string>>;

/// `add`: a data file joins the table.
struct AddFile {
  /// Relative to the table root (or absolute), URL-encoded as an RFC 2396 URI (EncodeDataPath).
  std::string path;
  PartitionValues partition_values;
  int64_t size = 0;
  /// Milliseconds since the epoch.
  int64_t modification_time = 0;
  bool data_change = true;
  /// The per-file statistics JSON (stats.h), kept as text.
  std::optional<std::string> stats;
  std::map<std::string, std::string> tags;
  /// The deletion vector descriptor as JSON text; inlet neither writes nor applies these (the
  /// deletionVectors feature is refused), but keeping it makes the file's identity exact.
  std::optional<std::string> deletion_vector;

  bool operator==(const AddFile&) const = default;
};

/// `remove`: a data file leaves the table (a tombstone until vacuumed).
struct RemoveFile {
  std::string path;
  /// Milliseconds since the epoch.
  std::optional<int64_t> deletion_timestamp;
  bool data_change = true;
  std::optional<bool> extended_file_metadata;
  std::optional<PartitionValues> partition_values;
  std::optional<int64_t> size;
  std::optional<std::string> stats;
  std::map<std::string, std::string> tags;
  std::optional<std::string> deletion_vector;

  bool operator==(const RemoveFile&) const = default;
};

/// `txn`: the latest progress of an application, for idempotent writes.
struct SetTransaction {
  std::string app_id;
  int64_t version = 0;
  /// Milliseconds since the epoch.
  std::optional<int64_t> last_updated;

  bool operator==(const SetTransaction&) const = default;
};

/// `commitInfo`: provenance of a commit; free-form beyond the fields named here.
struct CommitInfo {
  /// Milliseconds since the epoch.
  std::optional<int64_t> timestamp;
  std::string operation;
  std::map<std::string, std::string> operation_parameters;
  std::map<std::string, std::string> operation_metrics;
  std::optional<std::string> engine_info;
  /// Every other member, in order, as (name, JSON text of the value): readVersion,
  /// isBlindAppend, txnId, inCommitTimestamp, ...
  std::vector<std::pair<std::string, std::string>> extras;

  bool operator==(const CommitInfo&) const = default;
};

/// `domainMetadata`: the configuration of a named metadata domain; `removed` is a tombstone.
/// Writers keep every domain, even ones they do not understand.
struct DomainMetadata {
  std::string domain;
  std::string configuration;
  bool removed = false;

  bool operator==(const DomainMetadata&) const = default;
};

/// `checkpointMetadata`: the one action every V2 checkpoint holds.
struct CheckpointMetadata {
  int64_t version = 0;
  std::map<std::string, std::string> tags;

  bool operator==(const CheckpointMetadata&) const = default;
};

/// `sidecar`: a file under _delta_log/_sidecars that holds some of a V2 checkpoint's add and
/// remove actions.
struct Sidecar {
  /// URI-encoded, usually just the file name, relative to _delta_log/_sidecars.
  std::string path;
  int64_t size_in_bytes = 0;
  /// Milliseconds since the epoch.
  int64_t modification_time = 0;
  std::map<std::string, std::string> tags;

  bool operator==(const Sidecar&) const = default;
};

/// One line of a commit file or one row of a checkpoint. Action types inlet does not model
/// (cdc and future ones) are skipped when parsing.
using Action = std::variant<Protocol, Metadata, AddFile, RemoveFile, SetTransaction, CommitInfo,
                            DomainMetadata, CheckpointMetadata, Sidecar>;

/// The action as its single line of JSON, without a newline.
std::string SerializeAction(const Action& action);
/// A commit file: every action on its own line, each ending in '\n'.
std::string SerializeCommit(const std::vector<Action>& actions);

/// Parses one line of a commit file. nullopt for action types inlet does not model; unknown
/// fields are ignored. InvalidData names the action and field that are wrong.
Result<std::optional<Action>> ParseAction(std::string_view line);
/// Parses a whole commit file (newline-delimited JSON; blank lines are skipped). Errors name
/// the 1-based line.
Result<std::vector<Action>> ParseCommit(std::string_view contents);

/// A CommitInfo for `operation` by inlet, stamped with the current time.
CommitInfo MakeCommitInfo(std::string operation);

}  // namespace inlet

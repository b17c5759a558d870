#include "delta/delta_table.h"

#include "common/string_util.h"
#include "delta/checkpoint_writer.h"
#include "delta/column_mapping.h"
#include "delta/json_writer.h"
#include "delta/log_files.h"
#include "delta/schema_json.h"
#include "delta/table_properties.h"
#include "delta/table_features.h"

namespace inlet {

namespace {

// Spark records partitionBy and properties in operationParameters as JSON text.
std::string JsonArrayText(const std::vector<std::string>& values) {
  JsonWriter w;
  w.BeginArray();
  for (const std::string& v : values) w.String(v);
  w.EndArray();
  return std::move(w).Take();
}

std::string JsonObjectText(const std::map<std::string, std::string>& values) {
  JsonWriter w;
  w.BeginObject();
  for (const auto& [k, v] : values) w.StringMember(k, v);
  w.EndObject();
  return std::move(w).Take();
}

template <typename T>
bool Contains(const std::vector<Action>& actions) {
  for (const Action& a : actions) {
    if (std::holds_alternative<T>(a)) return true;
  }
  return false;
}

}  // namespace

Result<std::vector<Action>> MakeCreateTableActions(const TableDefinition& definition) {
  const Schema& schema = definition.schema;
  if (schema.empty()) return Status::InvalidArgument("a Delta table needs at least one column");
  for (const std::string& column : definition.partition_columns) {
    if (schema.FindFieldExact(column) < 0) {
      return Status::InvalidArgument("partition column \"" + column +
                                     "\" is not a column of the table");
    }
  }
  Metadata metadata;
  metadata.id = RandomUuid();
  metadata.name = definition.name;
  metadata.description = definition.description;
  INLET_ASSIGN_OR_RETURN(metadata.schema_string, SchemaToDeltaJson(schema));
  metadata.partition_columns = definition.partition_columns;
  metadata.configuration = definition.configuration;
  metadata.created_time = NowMicros() / 1000;
  INLET_RETURN_NOT_OK(AssignColumnMapping(&metadata, PhysicalNaming::kFresh));
  Protocol protocol = ProtocolForProperties(RequiredProtocol(schema), metadata.configuration);
  return std::vector<Action>{std::move(protocol), std::move(metadata)};
}

DeltaTable::DeltaTable(std::shared_ptr<FileSystem> fs, std::string table_root)
    : fs_(std::move(fs)), table_root_(std::move(table_root)) {}

Result<DeltaTable> DeltaTable::Open(std::shared_ptr<FileSystem> fs, std::string table_root) {
  DeltaTable table(std::move(fs), std::move(table_root));
  INLET_ASSIGN_OR_RETURN(bool has_log, table.HasLog());
  if (!has_log) {
    return Status::NotFound("no Delta table at " + table.table_root_ +
                            ": _delta_log holds no commit");
  }
  return table;
}

Result<DeltaTable> DeltaTable::Create(std::shared_ptr<FileSystem> fs, std::string table_root,
                                      const Schema& schema,
                                      std::vector<std::string> partition_columns,
                                      std::map<std::string, std::string> configuration,
                                      std::optional<std::string> name) {
  TableDefinition definition;
  definition.schema = schema;
  definition.partition_columns = std::move(partition_columns);
  definition.configuration = std::move(configuration);
  definition.name = std::move(name);
  INLET_ASSIGN_OR_RETURN(std::vector<Action> actions, MakeCreateTableActions(definition));

  CommitInfo info = MakeCommitInfo("CREATE TABLE");
  info.operation_parameters["partitionBy"] = JsonArrayText(definition.partition_columns);
  info.operation_parameters["properties"] = JsonObjectText(definition.configuration);
  info.extras.emplace_back("isBlindAppend", "true");
  // commitInfo goes first, as the in-commit-timestamps feature requires of every commit.
  actions.insert(actions.begin(), std::move(info));

  DeltaTable table(std::move(fs), std::move(table_root));
  Result<int64_t> version = table.Commit(-1, actions);
  if (version.status().IsConflict()) {
    return Status::AlreadyExists("a Delta table already exists at " + table.table_root_);
  }
  INLET_RETURN_NOT_OK(version);
  return table;
}

Result<Snapshot> DeltaTable::LoadSnapshot(std::optional<int64_t> version) const {
  return inlet::LoadSnapshot(fs_.get(), table_root_, version);
}

Result<int64_t> DeltaTable::Commit(int64_t read_version, const std::vector<Action>& actions) const {
  if (read_version < -1) {
    return Status::InvalidArgument("invalid read version " + std::to_string(read_version));
  }
  const int64_t version = read_version + 1;
  if (version == 0) {
    if (!Contains<Protocol>(actions) || !Contains<Metadata>(actions)) {
      return Status::InvalidArgument(
          "the first commit of a Delta table must hold a protocol and a metaData action");
    }
    // Version 0 may be gone from a log that starts at a checkpoint; writing it again would
    // fork the table.
    INLET_ASSIGN_OR_RETURN(bool has_log, HasLog());
    if (has_log) {
      return Status::Conflict("another writer created the Delta table at " + table_root_ +
                              " first");
    }
  }
  const std::string path = CommitFilePath(table_root_, version);
  const std::string contents = SerializeCommit(actions);
  Status status = fs_->PutIfAbsent(path, contents);
  if (status.IsAlreadyExists()) {
    return Status::Conflict("another writer committed version " + std::to_string(version) +
                            " of the Delta table at " + table_root_ + " first");
  }
  if (!status.ok()) {
    // The store may have created the file and lost its reply; only what is there now tells
    // whether this version is ours, and a caller that guessed wrong would delete data files a
    // committed version names, or commit the same rows twice.
    Result<std::string> found = fs_->ReadFile(path);
    if (found.ok() && *found != contents) {
      return Status::Conflict("another writer committed version " + std::to_string(version) +
                              " of the Delta table at " + table_root_ + " first");
    }
    if (found.status().IsNotFound()) {
      return status.WithContext("cannot commit version " + std::to_string(version) +
                                " of the Delta table at " + table_root_);
    }
    if (!found.ok()) {
      return Status::UnknownOutcome("cannot tell whether version " + std::to_string(version) +
                                    " of the Delta table at " + table_root_ +
                                    " was committed: writing it failed (" + status.message() +
                                    ") and reading it back failed (" +
                                    found.status().message() + ")");
    }
    // What is there is what we wrote: the version is ours.
  }
  CheckpointAfterCommit(version);
  return version;
}

Result<int64_t> DeltaTable::SetProperties(
    const std::vector<std::pair<std::string, std::string>>& properties) const {
  std::map<std::string, std::string> parameters;
  for (const auto& [key, value] : properties) parameters[key] = value;
  return ChangeConfiguration(
      "SET TBLPROPERTIES", {{"properties", JsonObjectText(parameters)}},
      [&properties](std::map<std::string, std::string> configuration) {
        return WithTableProperties(std::move(configuration), properties);
      });
}

Result<int64_t> DeltaTable::UnsetProperties(const std::vector<std::string>& keys,
                                            bool if_exists) const {
  return ChangeConfiguration(
      "UNSET TBLPROPERTIES",
      {{"propertyKeys", JsonArrayText(keys)}, {"ifExists", if_exists ? "true" : "false"}},
      [&keys, if_exists](std::map<std::string, std::string> configuration) {
        return WithoutTableProperties(std::move(configuration), keys, if_exists);
      });
}

Result<int64_t> DeltaTable::ChangeConfiguration(
    std::string operation, std::map<std::string, std::string> parameters,
    const ConfigurationChange& change) const {
  for (int attempt = 1;; ++attempt) {
    INLET_ASSIGN_OR_RETURN(Snapshot snapshot, LoadSnapshot());
    INLET_RETURN_NOT_OK(snapshot.CheckWritable());
    Metadata metadata = snapshot.metadata;
    INLET_ASSIGN_OR_RETURN(metadata.configuration, change(std::move(metadata.configuration)));
    INLET_RETURN_NOT_OK(ChangeColumnMapping(snapshot.metadata, &metadata));
    Protocol protocol = ProtocolForProperties(snapshot.protocol, metadata.configuration);

    CommitInfo info = MakeCommitInfo(operation);
    info.operation_parameters = parameters;
    info.extras.emplace_back("readVersion", std::to_string(snapshot.version));
    info.extras.emplace_back("isBlindAppend", "true");
    std::vector<Action> actions{std::move(info)};
    if (!(protocol == snapshot.protocol)) actions.push_back(std::move(protocol));
    actions.push_back(std::move(metadata));

    Result<int64_t> version = Commit(snapshot.version, actions);
    // A writer that committed first may have changed the configuration too: start again from
    // what it left.
    if (!version.status().IsConflict() || attempt >= kMaxConfigurationAttempts) return version;
  }
}

Result<std::vector<Action>> DeltaTable::ReadCommit(int64_t version) const {
  const std::string path = CommitFilePath(table_root_, version);
  INLET_ASSIGN_OR_RETURN(std::string contents, fs_->ReadFile(path));
  Result<std::vector<Action>> actions = ParseCommit(contents);
  if (!actions.ok()) return actions.status().WithContext(path);
  return actions;
}

Result<std::string> DeltaTable::DataFilePath(const std::string& action_path) const {
  INLET_ASSIGN_OR_RETURN(std::string path, DataPathKey(action_path));
  if (path.starts_with("/") || path.find("://") != std::string::npos) return path;
  return JoinPath(table_root_, path);
}

void DeltaTable::CheckpointAfterCommit(int64_t version) const {
  // The version is committed whatever happens here: a failed checkpoint leaves no file behind
  // (it appears only when complete), and the next commit past the interval writes it again.
  (void)CheckpointIfDue(fs_.get(), table_root_, version);
}

Result<bool> DeltaTable::HasLog() const {
  Result<std::vector<FileInfo>> listing =
      fs_->ListFiles(JoinPath(table_root_, kDeltaLogDir), /*recursive=*/false);
  if (listing.status().IsNotFound()) return false;
  INLET_RETURN_NOT_OK(listing);
  for (const FileInfo& file : *listing) {
    std::optional<LogFileName> name = ParseLogFileName(BaseName(file.path));
    if (name && name->kind != LogFileName::Kind::kChecksum) return true;
  }
  return false;
}

}  // namespace inlet

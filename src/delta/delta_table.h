#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "delta/actions.h"
#include "delta/snapshot.h"
#include "fs/file_system.h"
#include "inlet/result.h"
#include "types/schema.h"

namespace inlet {

/// What a new table is made of.
struct TableDefinition {
  Schema schema;
  std::vector<std::string> partition_columns;
  /// Table properties (metaData.configuration), e.g. delta.appendOnly.
  std::map<std::string, std::string> configuration;
  std::optional<std::string> name;
  std::optional<std::string> description;
};

/// The protocol and metaData actions that create a table for `definition`, with a fresh
/// table id and the lowest protocol its schema needs (RequiredProtocol). InvalidArgument when
/// the schema is empty or a partition column is not in it.
Result<std::vector<Action>> MakeCreateTableActions(const TableDefinition& definition);

/// A Delta table at `table_root` within `fs`: log replay and optimistic commits. Holds no
/// state besides the location, so copies are cheap and concurrent use is safe.
///
/// Commit protocol: a writer loads a snapshot (version v), writes its data files, then calls
/// Commit(v, actions). The new commit file is created with PutIfAbsent, so of two writers
/// that read the same version exactly one wins; the other gets Conflict, re-reads (ReadCommit
/// shows what the winner did) and retries with read version v + 1.
class DeltaTable {
 public:
  /// A handle to the location; does no I/O (the table may not exist yet).
  DeltaTable(std::shared_ptr<FileSystem> fs, std::string table_root);

  /// The table at `table_root`; NotFound when _delta_log has no commit.
  static Result<DeltaTable> Open(std::shared_ptr<FileSystem> fs, std::string table_root);
  /// Creates a table: version 0 holds protocol, metaData and a CREATE TABLE commitInfo.
  /// AlreadyExists when the location already has a Delta log.
  static Result<DeltaTable> Create(std::shared_ptr<FileSystem> fs, std::string table_root,
                                   const Schema& schema,
                                   std::vector<std::string> partition_columns = {},
                                   std::map<std::string, std::string> configuration = {},
                                   std::optional<std::string> name = std::nullopt);

  /// The table state at `version`, the latest when nullopt (see LoadSnapshot in snapshot.h).
  Result<Snapshot> LoadSnapshot(std::optional<int64_t> version = std::nullopt) const;

  /// Writes `actions` as version read_version + 1 and returns that version. Conflict when
  /// another writer committed that version first. read_version -1 commits version 0 of a
  /// table that has no log yet (one registered without a schema): `actions` must then hold a
  /// protocol and a metaData (MakeCreateTableActions) before its adds and txns, and Conflict
  /// also covers a log that appeared meanwhile. The caller checks writability first
  /// (Snapshot::CheckWritable); actions are written in the order given. After the commit, a
  /// checkpoint is written when one is due (CheckpointIfDue in checkpoint_writer.h). When the
  /// store reports
  /// an error for the commit file, Commit reads it back: holding these actions, the commit
  /// succeeded; holding others, Conflict; absent, the store's error; unreadable,
  /// UnknownOutcome: the version may be committed, so the caller must keep the files it names.
  Result<int64_t> Commit(int64_t read_version, const std::vector<Action>& actions) const;

  /// Sets table properties (metaData.configuration) as WithTableProperties checks them, in a
  /// commit of a new metaData (and protocol, when a property needs a writer feature:
  /// ProtocolForProperties). Returns the version committed; retries when another writer commits
  /// first. NotFound when the table has no log; InvalidArgument for a bad property; the
  /// CheckWritable error when inlet cannot write the table.
  Result<int64_t> SetProperties(
      const std::vector<std::pair<std::string, std::string>>& properties) const;
  /// Removes table properties as WithoutTableProperties does, committed as SetProperties is.
  Result<int64_t> UnsetProperties(const std::vector<std::string>& keys, bool if_exists) const;

  /// The actions of one commit; NotFound when that version does not exist.
  Result<std::vector<Action>> ReadCommit(int64_t version) const;

  /// Where the data file an add/remove `path` names lives in fs(): decoded, and joined to the
  /// table root unless absolute.
  Result<std::string> DataFilePath(const std::string& action_path) const;

  const std::shared_ptr<FileSystem>& fs() const { return fs_; }
  const std::string& table_root() const { return table_root_; }

 private:
  // Commit attempts of a property change before giving up to writers that keep winning.
  static constexpr int kMaxConfigurationAttempts = 20;
  using ConfigurationChange = std::function<Result<std::map<std::string, std::string>>(
      std::map<std::string, std::string>)>;

  // Commits the configuration `change` makes of the latest one, as commitInfo `operation`.
  Result<int64_t> ChangeConfiguration(std::string operation,
                                      std::map<std::string, std::string> parameters,
                                      const ConfigurationChange& change) const;
  // Whether _delta_log holds any commit or checkpoint.
  Result<bool> HasLog() const;
  // Writes the checkpoint of `version` when one is due (CheckpointIfDue); never fails the
  // commit that is already done.
  void CheckpointAfterCommit(int64_t version) const;

  std::shared_ptr<FileSystem> fs_;
  std::string table_root_;
};

}  // namespace inlet

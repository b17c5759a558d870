#include "delta/checkpoint_writer.h"

#include <algorithm>
#include <charconv>

#include "common/crash_point.h"
#include "common/string_util.h"
#include "delta/json_reader.h"
#include "delta/log_cleanup.h"
#include "delta/log_files.h"
#include "delta/table_features.h"
#include "delta/table_properties.h"
#include "formats/parquet/parquet_writer.h"

namespace inlet {

namespace {

// The top-level columns, in the order Spark writes them.
enum CheckpointColumn {
  kTxn,
  kAdd,
  kRemove,
  kMetaData,
  kProtocol,
  kDomainMetadata,
  kCheckpointMetadata,
};

LogicalType StringMap() { return LogicalType::Map(LogicalType::Varchar(), LogicalType::Varchar()); }
LogicalType StringList() { return LogicalType::List(LogicalType::Varchar()); }

LogicalType DeletionVectorType() {
  return LogicalType::Struct({{"storageType", LogicalType::Varchar()},
                              {"pathOrInlineDv", LogicalType::Varchar()},
                              {"offset", LogicalType::Integer()},
                              {"sizeInBytes", LogicalType::Integer()},
                              {"cardinality", LogicalType::BigInt()},
                              {"maxRowIndex", LogicalType::BigInt()}});
}

// Every field is nullable, as in the checkpoints Spark writes: a row fills one column only.
Schema CheckpointSchema(bool v2) {
  const LogicalType s = LogicalType::Varchar();
  const LogicalType i64 = LogicalType::BigInt();
  const LogicalType b = LogicalType::Boolean();
  std::vector<Field> fields = {
      {"txn", LogicalType::Struct({{"appId", s}, {"version", i64}, {"lastUpdated", i64}})},
      {"add", LogicalType::Struct({{"path", s},
                                   {"partitionValues", StringMap()},
                                   {"size", i64},
                                   {"modificationTime", i64},
                                   {"dataChange", b},
                                   {"tags", StringMap()},
                                   {"deletionVector", DeletionVectorType()},
                                   {"stats", s}})},
      {"remove", LogicalType::Struct({{"path", s},
                                      {"deletionTimestamp", i64},
                                      {"dataChange", b},
                                      {"extendedFileMetadata", b},
                                      {"partitionValues", StringMap()},
                                      {"size", i64},
                                      {"deletionVector", DeletionVectorType()}})},
      {"metaData", LogicalType::Struct({{"id", s},
                                        {"name", s},
                                        {"description", s},
                                        {"format", LogicalType::Struct({{"provider", s},
                                                                        {"options", StringMap()}})},
                                        {"schemaString", s},
                                        {"partitionColumns", StringList()},
                                        {"configuration", StringMap()},
                                        {"createdTime", i64}})},
      {"protocol", LogicalType::Struct({{"minReaderVersion", LogicalType::Integer()},
                                        {"minWriterVersion", LogicalType::Integer()},
                                        {"readerFeatures", StringList()},
                                        {"writerFeatures", StringList()}})},
      {"domainMetadata",
       LogicalType::Struct({{"domain", s}, {"configuration", s}, {"removed", b}})},
  };
  if (v2) {
    fields.push_back(
        {"checkpointMetadata", LogicalType::Struct({{"version", i64}, {"tags", StringMap()}})});
  }
  return Schema(std::move(fields));
}

void AppendString(Column* c, const std::optional<std::string>& v) {
  if (v) {
    c->AppendString(*v);
  } else {
    c->AppendNull();
  }
}

void AppendInt64(Column* c, const std::optional<int64_t>& v) {
  if (v) {
    c->AppendFixed<int64_t>(*v);
  } else {
    c->AppendNull();
  }
}

void AppendOptionalBool(Column* c, const std::optional<bool>& v) {
  if (v) {
    c->AppendBool(*v);
  } else {
    c->AppendNull();
  }
}

template <typename Map>
void AppendMap(Column* c, const Map& map) {
  Column* entries = c->mutable_child(0);
  for (const auto& [key, value] : map) {
    entries->mutable_child(0)->AppendString(key);
    AppendString(entries->mutable_child(1), value);
    entries->FinishStruct();
  }
  c->FinishList();
}

void AppendList(Column* c, const std::vector<std::string>& values) {
  for (const std::string& v : values) c->mutable_child(0)->AppendString(v);
  c->FinishList();
}

Status AppendDeletionVector(Column* c, const std::optional<std::string>& json) {
  if (!json) {
    c->AppendNull();
    return Status::OK();
  }
  simdjson::dom::parser parser;
  INLET_ASSIGN_OR_RETURN(simdjson::dom::element doc, ParseJson(&parser, *json, "deletionVector"));
  INLET_ASSIGN_OR_RETURN(JsonObjectReader r, JsonObjectReader::Make(doc, "deletionVector"));
  INLET_ASSIGN_OR_RETURN(std::string storage, r.RequiredString("storageType"));
  INLET_ASSIGN_OR_RETURN(std::string path, r.RequiredString("pathOrInlineDv"));
  INLET_ASSIGN_OR_RETURN(std::optional<int64_t> offset, r.OptionalInt("offset"));
  INLET_ASSIGN_OR_RETURN(int64_t size, r.RequiredInt("sizeInBytes"));
  INLET_ASSIGN_OR_RETURN(int64_t cardinality, r.RequiredInt("cardinality"));
  INLET_ASSIGN_OR_RETURN(std::optional<int64_t> max_row_index, r.OptionalInt("maxRowIndex"));
  c->mutable_child(0)->AppendString(storage);
  c->mutable_child(1)->AppendString(path);
  if (offset) {
    c->mutable_child(2)->AppendFixed<int32_t>(static_cast<int32_t>(*offset));
  } else {
    c->mutable_child(2)->AppendNull();
  }
  c->mutable_child(3)->AppendFixed<int32_t>(static_cast<int32_t>(size));
  c->mutable_child(4)->AppendFixed<int64_t>(cardinality);
  AppendInt64(c->mutable_child(5), max_row_index);
  c->FinishStruct();
  return Status::OK();
}

// Builds the batch row by row: each row fills one column and is NULL in the others.
class CheckpointBuilder {
 public:
  explicit CheckpointBuilder(bool v2) : schema_(std::make_shared<Schema>(CheckpointSchema(v2))) {
    for (const Field& field : schema_->fields()) {
      columns_.push_back(std::make_shared<Column>(field.type));
    }
  }

  // The column that row `rows_` fills; every other column gets its NULL.
  Column* NextRow(CheckpointColumn which) {
    for (size_t i = 0; i < columns_.size(); ++i) {
      if (i != static_cast<size_t>(which)) columns_[i]->AppendNull();
    }
    ++rows_;
    return columns_[which].get();
  }

  RecordBatchPtr Finish() && {
    return std::make_shared<RecordBatch>(schema_, std::move(columns_), rows_);
  }

 private:
  SchemaPtr schema_;
  std::vector<ColumnPtr> columns_;
  int64_t rows_ = 0;
};

void AddProtocol(CheckpointBuilder* builder, const Protocol& p) {
  Column* c = builder->NextRow(kProtocol);
  c->mutable_child(0)->AppendFixed<int32_t>(p.min_reader_version);
  c->mutable_child(1)->AppendFixed<int32_t>(p.min_writer_version);
  // Present exactly from reader 3 / writer 7, as the checkpoint schema section requires.
  if (p.min_reader_version >= 3) {
    AppendList(c->mutable_child(2), p.reader_features);
  } else {
    c->mutable_child(2)->AppendNull();
  }
  if (p.min_writer_version >= 7) {
    AppendList(c->mutable_child(3), p.writer_features);
  } else {
    c->mutable_child(3)->AppendNull();
  }
  c->FinishStruct();
}

void AddMetadata(CheckpointBuilder* builder, const Metadata& m) {
  Column* c = builder->NextRow(kMetaData);
  c->mutable_child(0)->AppendString(m.id);
  AppendString(c->mutable_child(1), m.name);
  AppendString(c->mutable_child(2), m.description);
  Column* format = c->mutable_child(3);
  format->mutable_child(0)->AppendString(m.format_provider);
  AppendMap(format->mutable_child(1), m.format_options);
  format->FinishStruct();
  c->mutable_child(4)->AppendString(m.schema_string);
  AppendList(c->mutable_child(5), m.partition_columns);
  AppendMap(c->mutable_child(6), m.configuration);
  AppendInt64(c->mutable_child(7), m.created_time);
  c->FinishStruct();
}

void AddTxn(CheckpointBuilder* builder, const SetTransaction& t) {
  Column* c = builder->NextRow(kTxn);
  c->mutable_child(0)->AppendString(t.app_id);
  c->mutable_child(1)->AppendFixed<int64_t>(t.version);
  AppendInt64(c->mutable_child(2), t.last_updated);
  c->FinishStruct();
}

void AddDomain(CheckpointBuilder* builder, const DomainMetadata& d) {
  Column* c = builder->NextRow(kDomainMetadata);
  c->mutable_child(0)->AppendString(d.domain);
  c->mutable_child(1)->AppendString(d.configuration);
  c->mutable_child(2)->AppendBool(d.removed);
  c->FinishStruct();
}

Status AddAdd(CheckpointBuilder* builder, const AddFile& a, bool with_stats) {
  Column* c = builder->NextRow(kAdd);
  c->mutable_child(0)->AppendString(a.path);
  AppendMap(c->mutable_child(1), a.partition_values);
  c->mutable_child(2)->AppendFixed<int64_t>(a.size);
  c->mutable_child(3)->AppendFixed<int64_t>(a.modification_time);
  c->mutable_child(4)->AppendBool(a.data_change);
  if (a.tags.empty()) {
    c->mutable_child(5)->AppendNull();
  } else {
    AppendMap(c->mutable_child(5), a.tags);
  }
  Status dv = AppendDeletionVector(c->mutable_child(6), a.deletion_vector);
  if (!dv.ok()) return dv.WithContext("add " + a.path);
  AppendString(c->mutable_child(7), with_stats ? a.stats : std::nullopt);
  c->FinishStruct();
  return Status::OK();
}

Status AddRemove(CheckpointBuilder* builder, const RemoveFile& r) {
  Column* c = builder->NextRow(kRemove);
  c->mutable_child(0)->AppendString(r.path);
  AppendInt64(c->mutable_child(1), r.deletion_timestamp);
  c->mutable_child(2)->AppendBool(r.data_change);
  AppendOptionalBool(c->mutable_child(3), r.extended_file_metadata);
  if (r.partition_values) {
    AppendMap(c->mutable_child(4), *r.partition_values);
  } else {
    c->mutable_child(4)->AppendNull();
  }
  AppendInt64(c->mutable_child(5), r.size);
  Status dv = AppendDeletionVector(c->mutable_child(6), r.deletion_vector);
  if (!dv.ok()) return dv.WithContext("remove " + r.path);
  c->FinishStruct();
  return Status::OK();
}

bool HasFeature(const std::vector<std::string>& features, const char* name) {
  return std::find(features.begin(), features.end(), name) != features.end();
}

Result<int64_t> IntervalProperty(const Metadata& metadata, const char* key, int64_t fallback) {
  auto it = metadata.configuration.find(key);
  if (it == metadata.configuration.end()) return fallback;
  Result<int64_t> millis = ParseIntervalMillis(it->second);
  if (!millis.ok()) return Status::InvalidData(std::string(key) + " " + millis.status().message());
  return *millis;
}

}  // namespace

Result<int64_t> CheckpointInterval(const Metadata& metadata) {
  auto it = metadata.configuration.find("delta.checkpointInterval");
  if (it == metadata.configuration.end()) return kDefaultCheckpointInterval;
  int64_t interval = 0;
  const std::string& text = it->second;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), interval);
  if (ec != std::errc() || end != text.data() + text.size() || interval < 1) {
    return Status::InvalidData("delta.checkpointInterval must be a positive integer, not '" + text +
                               "'");
  }
  return interval;
}

Result<RecordBatchPtr> MakeCheckpointBatch(const Snapshot& snapshot, int64_t now_millis) {
  const bool v2 = HasFeature(snapshot.protocol.writer_features, kFeatureV2Checkpoint);
  INLET_ASSIGN_OR_RETURN(int64_t retention,
                         IntervalProperty(snapshot.metadata, "delta.deletedFileRetentionDuration",
                                          kDefaultDeletedFileRetentionMillis));
  auto stats_flag = snapshot.metadata.configuration.find("delta.checkpoint.writeStatsAsJson");
  const bool with_stats = stats_flag == snapshot.metadata.configuration.end() ||
                          !EqualsIgnoreCase(stats_flag->second, "false");

  CheckpointBuilder builder(v2);
  AddProtocol(&builder, snapshot.protocol);
  AddMetadata(&builder, snapshot.metadata);
  if (v2) {
    Column* c = builder.NextRow(kCheckpointMetadata);
    c->mutable_child(0)->AppendFixed<int64_t>(snapshot.version);
    AppendMap(c->mutable_child(1), std::map<std::string, std::string>{});
    c->FinishStruct();
  }
  for (const auto& [app_id, txn] : snapshot.transactions) AddTxn(&builder, txn);
  for (const auto& [domain, metadata] : snapshot.domains) AddDomain(&builder, metadata);
  for (const auto& [key, add] : snapshot.files) {
    INLET_RETURN_NOT_OK(AddAdd(&builder, add, with_stats));
  }
  for (const auto& [key, remove] : snapshot.tombstones) {
    // A tombstone without a timestamp counts as deleted at the epoch: long expired.
    if (remove.deletion_timestamp.value_or(0) <= now_millis - retention) continue;
    INLET_RETURN_NOT_OK(AddRemove(&builder, remove));
  }
  return std::move(builder).Finish();
}

Result<LastCheckpoint> WriteCheckpoint(FileSystem* fs, const std::string& table_root,
                                       const Snapshot& snapshot, int64_t now_millis) {
  INLET_ASSIGN_OR_RETURN(RecordBatchPtr batch, MakeCheckpointBatch(snapshot, now_millis));
  const std::string log_dir = JoinPath(table_root, kDeltaLogDir);
  const std::string path = JoinPath(log_dir, CheckpointFileName(snapshot.version));
  WrittenFileInfo written;
  {
    INLET_ASSIGN_OR_RETURN(std::unique_ptr<OutputStream> out, fs->OpenOutputStream(path));
    INLET_ASSIGN_OR_RETURN(
        std::unique_ptr<ParquetWriter> writer,
        ParquetWriter::Make(std::move(out), batch->schema(), ParquetWriterOptions{}));
    INLET_RETURN_NOT_OK(writer->Write(*batch).WithContext(path));
    CrashPoint("delta.checkpoint.mid_write");
    // A writer dropped before Finish discards its stream, which leaves no file behind.
    INLET_ASSIGN_OR_RETURN(written, writer->Finish());
  }
  CrashPoint("delta.checkpoint.before_last_checkpoint");

  LastCheckpoint last;
  last.version = snapshot.version;
  last.size = batch->num_rows();
  last.size_in_bytes = written.file_size;
  last.num_of_add_files = static_cast<int64_t>(snapshot.files.size());
  // A corrupt hint is simply replaced; a newer one (another writer's) is kept.
  Result<std::optional<LastCheckpoint>> existing = ReadLastCheckpoint(fs, log_dir);
  if (existing.ok() && *existing && (*existing)->version > last.version) return last;
  INLET_RETURN_NOT_OK(
      fs->WriteFile(JoinPath(log_dir, kLastCheckpointFile), SerializeLastCheckpoint(last)));
  return last;
}

Result<std::optional<int64_t>> CheckpointIfDue(FileSystem* fs, const std::string& table_root,
                                               int64_t version) {
  const std::string log_dir = JoinPath(table_root, kDeltaLogDir);
  INLET_ASSIGN_OR_RETURN(std::vector<FileInfo> listing, fs->ListFiles(log_dir, false));
  int64_t newest = 0;
  for (const CheckpointFiles& checkpoint : CompleteCheckpoints(listing)) {
    if (checkpoint.version <= version) newest = std::max(newest, checkpoint.version);
  }
  std::optional<int64_t> none;
  if (version - newest < 1) return none;
  INLET_ASSIGN_OR_RETURN(Snapshot snapshot, LoadSnapshot(fs, table_root, version));
  INLET_ASSIGN_OR_RETURN(int64_t interval, CheckpointInterval(snapshot.metadata));
  if (version - newest < interval) return none;
  const int64_t now_millis = NowMicros() / 1000;
  INLET_RETURN_NOT_OK(WriteCheckpoint(fs, table_root, snapshot, now_millis).status());
  INLET_RETURN_NOT_OK(CleanUpExpiredLog(fs, table_root, snapshot.metadata, now_millis).status());
  return std::optional<int64_t>(version);
}

}  // namespace inlet

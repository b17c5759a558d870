#include "exec/copy_executor.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>

#include "common/crash_point.h"
#include "common/string_util.h"
#include "delta/actions.h"
#include "delta/delta_table.h"
#include "delta/log_files.h"
#include "delta/snapshot.h"
#include "delta/stats.h"
#include "delta/table_features.h"
#include "fs/file_system.h"

namespace inlet {

namespace {

/// One Parquet file this COPY wrote into the table folder.
struct DataFile {
  std::string relative_path;
  int64_t size = 0;
  int64_t modification_time_ms = 0;
  FileStats stats;
};

/// One source file read by this COPY, with the data files its rows went to.
struct LoadedFile {
  FileInfo source;
  std::string tracking_id;
  int64_t rows = 0;
  int64_t bytes_read = 0;
  std::vector<DataFile> data_files;
};

std::string NewDataFileName(int index, const std::string& codec_suffix) {
  char prefix[32];
  std::snprintf(prefix, sizeof(prefix), "part-%05d-", index);
  return std::string(prefix) + RandomUuid() + "-c000" + codec_suffix + ".parquet";
}

std::string CodecSuffix(parquet::Codec codec) {
  switch (codec) {
    case parquet::Codec::kSnappy: return ".snappy";
    case parquet::Codec::kZstd: return ".zstd";
    default: return "";
  }
}

FileStats ToDeltaStats(const Schema& schema, const WrittenFileInfo& written) {
  FileStats stats;
  stats.num_records = written.num_rows;
  for (size_t i = 0; i < schema.num_fields(); ++i) {
    ColumnStats column;
    column.name = schema.field(i).name;
    if (i < written.column_stats.size()) {
      const ColumnStatistics& s = written.column_stats[i];
      column.null_count = s.null_count;
      if (s.has_min_max) {
        column.min = s.min;
        column.max = s.max;
      }
    }
    stats.columns.push_back(std::move(column));
  }
  return stats;
}

// Writes the rows of one source file into one or more data files, rolling to a new file past
// the target size so no file grows without bound.
class DataFileSink {
 public:
  DataFileSink(const CopyPlan& plan, const CopySettings& settings, SchemaPtr schema,
               std::atomic<int>* file_counter)
      : plan_(plan), settings_(settings), schema_(std::move(schema)), file_counter_(file_counter) {}

  ~DataFileSink() {
    // Files not handed over by Finish() belong to a failed load: remove them.
    for (const DataFile& file : finished_) {
      (void)plan_.table_location.fs->DeleteFile(JoinPath(plan_.table_location.path, file.relative_path));
    }
  }

  Status Write(const RecordBatch& batch) {
    if (batch.num_rows() == 0) return Status::OK();
    if (!writer_) INLET_RETURN_NOT_OK(StartFile());
    INLET_RETURN_NOT_OK(writer_->Write(batch));
    CrashPoint("copy.mid_data_write");
    if (writer_->EstimatedFileSize() >= settings_.target_file_bytes) return FinishFile();
    return Status::OK();
  }

  /// Closes the open file and hands every written file over to the caller.
  Result<std::vector<DataFile>> Finish() {
    if (writer_) INLET_RETURN_NOT_OK(FinishFile());
    return std::move(finished_);
  }

 private:
  Status StartFile() {
    current_name_ = NewDataFileName(file_counter_->fetch_add(1), CodecSuffix(settings_.parquet.codec));
    INLET_ASSIGN_OR_RETURN(auto out, plan_.table_location.fs->OpenOutputStream(
                                         JoinPath(plan_.table_location.path, current_name_)));
    INLET_ASSIGN_OR_RETURN(writer_, ParquetWriter::Make(std::move(out), schema_, settings_.parquet));
    return Status::OK();
  }

  Status FinishFile() {
    auto writer = std::move(writer_);
    INLET_ASSIGN_OR_RETURN(WrittenFileInfo written, writer->Finish());
    DataFile file;
    file.relative_path = current_name_;
    file.size = written.file_size;
    file.modification_time_ms = NowMicros() / 1000;
    file.stats = ToDeltaStats(*schema_, written);
    finished_.push_back(std::move(file));
    return Status::OK();
  }

  const CopyPlan& plan_;
  const CopySettings& settings_;
  SchemaPtr schema_;
  std::atomic<int>* file_counter_;
  std::unique_ptr<ParquetWriter> writer_;
  std::string current_name_;
  std::vector<DataFile> finished_;
};

Result<LoadedFile> LoadOneFile(const CopyPlan& plan, const CopySettings& settings,
                               FileFormat& format, const FileInfo& info, SchemaPtr schema,
                               const std::string& tracking_id, RowErrorSink* error_sink,
                               std::atomic<int>* file_counter) {
  SourceFile source{plan.source.location.fs, info, info.path};
  ReadRequest request;
  request.target_schema = schema;
  request.options = plan.format_options;
  request.batch_rows = settings.batch_rows;
  request.error_sink = error_sink;
  INLET_ASSIGN_OR_RETURN(auto reader, format.OpenReader(source, request));
  DataFileSink sink(plan, settings, schema, file_counter);
  LoadedFile loaded;
  loaded.source = info;
  loaded.tracking_id = tracking_id;
  while (true) {
    INLET_ASSIGN_OR_RETURN(RecordBatchPtr batch, reader->Next());
    if (!batch) break;
    loaded.rows += batch->num_rows();
    INLET_RETURN_NOT_OK(sink.Write(*batch));
  }
  loaded.bytes_read = reader->bytes_read();
  INLET_ASSIGN_OR_RETURN(loaded.data_files, sink.Finish());
  return loaded;
}

void DeleteDataFiles(const CopyPlan& plan, const std::vector<LoadedFile>& files) {
  for (const LoadedFile& file : files) {
    for (const DataFile& data : file.data_files) {
      (void)plan.table_location.fs->DeleteFile(JoinPath(plan.table_location.path, data.relative_path));
    }
  }
}

Result<std::shared_ptr<FileFormat>> ChooseFormat(const CopyPlan& plan, const CopySettings& settings,
                                                 const std::vector<FileInfo>& files) {
  if (plan.format) return plan.format;
  // The reference: the format follows the files' extensions, CSV when none is recognized.
  std::shared_ptr<FileFormat> chosen;
  for (const FileInfo& file : files) {
    std::shared_ptr<FileFormat> format = settings.formats->FindByPath(file.path);
    if (!format) continue;
    if (chosen && chosen != format) {
      return Status::InvalidArgument("the files hold several formats (" + chosen->name() + " and " +
                                     format->name() + "); give FILE_FORMAT or narrow the files with "
                                     "PATTERN");
    }
    chosen = format;
  }
  if (!chosen) {
    INLET_ASSIGN_OR_RETURN(chosen, settings.formats->FindByName("CSV"));
  }
  INLET_RETURN_NOT_OK(ValidateFormatOptions(*chosen, plan.format_options));
  return chosen;
}

std::map<std::string, std::string> CommitMetrics(const std::vector<LoadedFile>& files) {
  int64_t rows = 0, data_files = 0, bytes = 0;
  for (const LoadedFile& f : files) {
    rows += f.rows;
    for (const DataFile& d : f.data_files) {
      ++data_files;
      bytes += d.size;
    }
  }
  return {{"numFiles", std::to_string(data_files)},
          {"numOutputRows", std::to_string(rows)},
          {"numOutputBytes", std::to_string(bytes)},
          {"numSourceFiles", std::to_string(files.size())}};
}

}  // namespace

Status ValidateFormatOptions(const FileFormat& format, const FormatOptions& options) {
  std::vector<OptionSpec> specs = format.options();
  for (const auto& [key, value] : options) {
    bool known = std::any_of(specs.begin(), specs.end(),
                             [&key](const OptionSpec& s) { return EqualsIgnoreCase(s.name, key); });
    if (!known) {
      std::vector<std::string> names;
      for (const OptionSpec& s : specs) names.push_back(s.name);
      return Status::InvalidArgument(
          "unknown " + format.name() + " format option '" + key + "'; valid options: " +
          (names.empty() ? std::string("none") : JoinStrings(names, ", ")));
    }
  }
  return format.ValidateOptions(options);
}

Result<CopyOutcome> ExecuteCopy(const CopyPlan& plan, const CopySettings& settings) {
  CopyOutcome outcome;
  INLET_ASSIGN_OR_RETURN(std::vector<FileInfo> listed, ListSourceFiles(plan.source));
  INLET_ASSIGN_OR_RETURN(std::shared_ptr<FileFormat> format, ChooseFormat(plan, settings, listed));
  CrashPoint("copy.after_listing");

  DeltaTable table(plan.table_location.fs, plan.table_location.path);
  std::optional<Snapshot> snapshot;
  auto loaded_snapshot = table.LoadSnapshot();
  if (loaded_snapshot.ok()) {
    snapshot = std::move(*loaded_snapshot);
    INLET_RETURN_NOT_OK(snapshot->CheckWritable());
  } else if (!loaded_snapshot.status().IsNotFound()) {
    return loaded_snapshot.status();
  }

  // Skip what the table's log says was loaded already.
  const std::string& scheme = plan.source.location.fs->scheme();
  std::vector<std::pair<FileInfo, std::string>> to_load;
  for (const FileInfo& info : listed) {
    std::string id = SourceFileTrackingId(scheme, info);
    if (!plan.force && snapshot && snapshot->HasTransaction(id)) {
      ++outcome.files_skipped;
      continue;
    }
    to_load.emplace_back(info, std::move(id));
  }
  outcome.target_version = snapshot ? snapshot->version : -1;
  if (to_load.empty()) return outcome;

  // A table without a schema yet takes it from the first file (CreateOrAppend).
  SchemaPtr schema;
  bool creates_table = !snapshot;
  if (creates_table) {
    SourceFile first{plan.source.location.fs, to_load.front().first, to_load.front().first.path};
    INLET_ASSIGN_OR_RETURN(Schema inferred, format->InferSchema(first, plan.format_options));
    schema = std::make_shared<const Schema>(std::move(inferred));
  } else {
    schema = std::make_shared<const Schema>(snapshot->schema());
  }

  // Read every file in parallel; each task writes its own data files.
  AbortOnRowError abort_on_error;
  std::atomic<int> file_counter{0};
  std::vector<std::optional<LoadedFile>> results(to_load.size());
  TaskGroup group(settings.pool);
  for (size_t i = 0; i < to_load.size(); ++i) {
    group.Run([&, i]() -> Status {
      auto loaded = LoadOneFile(plan, settings, *format, to_load[i].first, schema,
                                to_load[i].second, &abort_on_error, &file_counter);
      if (!loaded.ok()) return loaded.status();
      results[i] = std::move(*loaded);
      return Status::OK();
    });
  }
  Status read_status = group.Wait();
  std::vector<LoadedFile> loaded;
  for (auto& r : results) {
    if (r) loaded.push_back(std::move(*r));
  }
  if (!read_status.ok()) {
    DeleteDataFiles(plan, loaded);
    return read_status;
  }
  CrashPoint("copy.after_data_files");

  // Commit, retrying when another writer wins the race for the next version.
  for (int attempt = 0;; ++attempt) {
    std::vector<Action> actions;
    int64_t read_version = snapshot ? snapshot->version : -1;
    if (creates_table) {
      TableDefinition definition;
      definition.schema = *schema;
      definition.name = plan.table.name;
      INLET_ASSIGN_OR_RETURN(actions, MakeCreateTableActions(definition));
    }
    int64_t now_ms = NowMicros() / 1000;
    for (const LoadedFile& file : loaded) {
      for (const DataFile& data : file.data_files) {
        AddFile add;
        add.path = EncodeDataPath(data.relative_path);
        add.size = data.size;
        add.modification_time = data.modification_time_ms;
        add.data_change = true;
        add.stats = BuildStatsJson(data.stats);
        actions.push_back(Action(std::move(add)));
      }
      actions.push_back(Action(SetTransaction{file.tracking_id, read_version + 1, now_ms}));
    }
    CommitInfo info = MakeCommitInfo("COPY INTO");
    info.operation_parameters = {{"source", plan.source.location.display},
                                 {"format", format->name()},
                                 {"force", plan.force ? "true" : "false"}};
    info.operation_metrics = CommitMetrics(loaded);
    info.extras.emplace_back("readVersion", std::to_string(read_version));
    info.extras.emplace_back("isBlindAppend", "true");
    actions.push_back(Action(std::move(info)));

    CrashPoint("copy.before_commit");
    auto committed = table.Commit(read_version, actions);
    if (committed.ok()) {
      CrashPoint("copy.after_commit");
      outcome.target_version = *committed;
      break;
    }
    if (!committed.status().IsConflict() || attempt + 1 >= settings.max_commit_attempts) {
      DeleteDataFiles(plan, loaded);
      return committed.status().IsConflict()
                 ? Status::Conflict("gave up committing to " + plan.table.name + " after " +
                                    std::to_string(attempt + 1) +
                                    " attempts: other writers keep committing first")
                 : committed.status();
    }
    // Lost the race: read what the winners did, and drop the files they loaded meanwhile.
    auto winner = table.LoadSnapshot();
    if (!winner.ok()) {
      DeleteDataFiles(plan, loaded);
      return winner.status();
    }
    Status writable = winner->CheckWritable();
    // Data files already written follow `schema`; they can only join a table that still has it.
    if (!writable.ok() || !(winner->schema() == *schema)) {
      DeleteDataFiles(plan, loaded);
      return writable.ok() ? Status::Conflict("the schema of " + plan.table.name +
                                              " changed while this COPY ran; run it again")
                           : writable;
    }
    creates_table = false;
    std::vector<LoadedFile> still_new;
    std::vector<LoadedFile> dropped;
    for (LoadedFile& file : loaded) {
      if (!plan.force && winner->HasTransaction(file.tracking_id)) {
        ++outcome.files_skipped;
        dropped.push_back(std::move(file));
      } else {
        still_new.push_back(std::move(file));
      }
    }
    DeleteDataFiles(plan, dropped);
    loaded = std::move(still_new);
    snapshot = std::move(*winner);
    if (loaded.empty()) {
      outcome.target_version = snapshot->version;
      return outcome;
    }
  }

  for (const LoadedFile& file : loaded) {
    ++outcome.files_processed;
    outcome.rows_copied += file.rows;
    outcome.bytes_read += file.bytes_read;
    for (const DataFile& data : file.data_files) {
      ++outcome.files_added;
      outcome.bytes_written += data.size;
    }
  }
  return outcome;
}

}  // namespace inlet

#include "exec/copy_executor.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <mutex>
#include <set>

#include "common/crash_point.h"
#include "common/string_util.h"
#include "delta/actions.h"
#include "delta/column_mapping.h"
#include "delta/delta_table.h"
#include "delta/log_files.h"
#include "delta/schema_evolution.h"
#include "delta/snapshot.h"
#include "delta/stats.h"
#include "delta/table_features.h"
#include "delta/table_properties.h"
#include "exec/data_file_sink.h"
#include "exec/load_errors.h"
#include "exec/purge.h"
#include "exec/prefetching_reader.h"
#include "exec/vacuum.h"
#include "fs/file_system.h"

namespace inlet {

namespace {

parquet::Codec ToParquetCodec(DataFileCompression compression) {
  switch (compression) {
    case DataFileCompression::kUncompressed: return parquet::Codec::kUncompressed;
    case DataFileCompression::kSnappy: return parquet::Codec::kSnappy;
    case DataFileCompression::kGzip: return parquet::Codec::kGzip;
    case DataFileCompression::kLz4Raw: return parquet::Codec::kLz4Raw;
    case DataFileCompression::kZstd: return parquet::Codec::kZstd;
  }
  return parquet::Codec::kSnappy;
}

// `settings` with the data-file shape the table's properties choose; what they leave unset stays
// as `settings` has it.
Result<CopySettings> WithDataFileProperties(CopySettings settings, const Metadata& metadata) {
  Result<DataFileProperties> properties = DataFilePropertiesFrom(metadata.configuration);
  if (!properties.ok()) return properties.status().WithContext("the table's properties");
  if (properties->target_file_bytes) settings.target_file_bytes = *properties->target_file_bytes;
  if (properties->row_group_bytes) settings.parquet.row_group_bytes = *properties->row_group_bytes;
  if (properties->compression) settings.parquet.codec = ToParquetCodec(*properties->compression);
  if (properties->compression_level) {
    settings.parquet.compression_level = *properties->compression_level;
  }
  if (properties->data_page_version) {
    settings.parquet.data_page_version = *properties->data_page_version;
  }
  return settings;
}

/// One source file read by this COPY.
struct SourceLoad {
  FileInfo source;
  std::string tracking_id;
  int64_t rows = 0;
  int64_t rows_parsed = 0;
  int64_t bytes_read = 0;
  bool split = false;
  FileErrorSummary errors;
  int64_t error_limit = 0;

  FileLoadStatus status() const {
    if (errors.skipped && rows == 0) return FileLoadStatus::kLoadFailed;
    if (errors.errors == 0) return FileLoadStatus::kLoaded;
    return rows > 0 ? FileLoadStatus::kPartiallyLoaded : FileLoadStatus::kLoadFailed;
  }
  /// Whether the table's log records the file as loaded: a file that failed is not, so the next
  /// COPY tries it again.
  bool tracked() const { return status() != FileLoadStatus::kLoadFailed; }
};

/// What the load phase produced: every source file read, and the data files holding their rows.
/// A data file mixes rows of several source files (see LoadFiles), so the two lists are only
/// committed, or dropped, together.
struct LoadResult {
  std::vector<SourceLoad> sources;
  std::vector<DataFile> data_files;
  std::vector<RowError> errors;
  int64_t errors_not_kept = 0;
};

// What one split of a source file contributed.
struct SplitLoad {
  int64_t rows = 0;
  int64_t rows_parsed = 0;
  int64_t bytes_read = 0;
};

// VALIDATION_MODE = RETURN_<n>_ROWS: the first rows read, up to max_rows.
struct RowCollector {
  int64_t max_rows = 0;
  int64_t rows = 0;
  std::vector<RecordBatchPtr> batches;

  bool full() const { return rows >= max_rows; }
  void Add(RecordBatchPtr batch) {
    int64_t take = std::min(batch->num_rows(), max_rows - rows);
    if (take <= 0) return;
    if (take < batch->num_rows()) {
      std::vector<ColumnPtr> columns;
      for (const ColumnPtr& source : batch->columns()) {
        columns.push_back(std::make_shared<Column>(source->type()));
        columns.back()->AppendRange(*source, 0, take);
      }
      batch = std::make_shared<RecordBatch>(batch->schema(), std::move(columns), take);
    }
    rows += take;
    batches.push_back(std::move(batch));
  }
};

// A unit of the load phase: one split of one source file.
struct LoadUnit {
  size_t file_index = 0;
  FileSplit split;
};

// Reads one split of a source file into `sink` (nowhere when null: validation), checking its
// rows against `checker`, and counts what it read in `*loaded` as it goes, so a read that fails
// half way still says how far it got. With `prefetch`, the next batches are read on another
// thread while this one writes. Stops early once `stop()` says the file is skipped.
Status LoadOneSplit(const CopyPlan& plan, const CopySettings& settings, FileFormat& format,
                    const FileInfo& info, const FileSplit& split, SchemaPtr schema,
                    const RowConstraintChecker& checker, RowErrorSink* error_sink,
                    DataFileSink* sink, RowCollector* collect, bool prefetch,
                    const std::function<bool()>& stop, SplitLoad* loaded) {
  SourceFile source{plan.source.location.fs, info, info.path};
  ReadRequest request;
  request.target_schema = schema;
  request.options = plan.format_options;
  request.truncate_text = plan.truncate_columns;
  request.batch_rows = settings.batch_rows;
  request.error_sink = error_sink;
  request.split = split;
  INLET_ASSIGN_OR_RETURN(std::unique_ptr<FormatReader> reader, format.OpenReader(source, request));
  if (prefetch) reader = std::make_unique<PrefetchingReader>(std::move(reader));
  int64_t rows_read = 0;
  RowOrigin origin{info.path, 1, ""};
  if (!split.whole_file()) origin.part = " of " + format.DescribeSplit(split);
  Status status;
  while (!stop()) {
    Result<RecordBatchPtr> batch = reader->Next();
    if (!batch.ok()) {
      status = batch.status();
      break;
    }
    if (!*batch) break;
    origin.first_row = rows_read + 1;
    rows_read += (*batch)->num_rows();
    Result<RecordBatchPtr> checked = checker.Check(std::move(*batch), origin, error_sink);
    if (!checked.ok()) {
      status = checked.status();
      break;
    }
    loaded->rows += (*checked)->num_rows();
    if (settings.progress) {
      settings.progress->AddRows((*checked)->num_rows());
      const int64_t bytes = reader->bytes_read();
      settings.progress->AddBytes(bytes - loaded->bytes_read);
      loaded->bytes_read = bytes;
    }
    if (sink) {
      status = sink->Write(**checked);
      if (!status.ok()) break;
    }
    if (collect) {
      collect->Add(std::move(*checked));
      if (collect->full()) break;
    }
  }
  loaded->rows_parsed = reader->rows_parsed();
  loaded->bytes_read = reader->bytes_read();
  return status;
}

// Splits the files big enough to be worth reading on several threads.
Result<std::vector<LoadUnit>> PlanLoadUnits(
    const CopyPlan& plan, const CopySettings& settings, FileFormat& format,
    const std::vector<std::pair<FileInfo, std::string>>& to_load, size_t threads) {
  std::vector<LoadUnit> units;
  for (size_t i = 0; i < to_load.size(); ++i) {
    const FileInfo& info = to_load[i].first;
    if (threads < 2 || info.size < settings.split_min_bytes) {
      units.push_back(LoadUnit{i, FileSplit{}});
      continue;
    }
    SourceFile source{plan.source.location.fs, info, info.path};
    INLET_ASSIGN_OR_RETURN(
        std::vector<FileSplit> splits,
        format.PlanSplits(source, plan.format_options, static_cast<int>(threads)));
    for (const FileSplit& split : splits) units.push_back(LoadUnit{i, split});
  }
  return units;
}

// A data file and the source file whose rows it holds (npos when it mixes several).
struct LaneFile {
  size_t source = std::string::npos;
  DataFile file;
};

// Reads `to_load` into new data files (none when `target` is null: validation; then `collect`,
// when given, keeps the first rows and the read stops once it is full). One lane per
// thread takes the next unread split (a whole file unless the file is big) and keeps its data
// file open from one split to the next, so a load of many small files writes a few well-sized
// files rather than one per source file, and a big file is read by every thread. When the error
// policy can skip files, a lane starts new data files at each new source file instead, so a
// skipped file's rows can be dropped with its data files. Bad rows go to the policy (`errors`):
// a failure it does not absorb fails the load, and every data file written is deleted.
Result<LoadResult> LoadFiles(const CopyPlan& plan, const CopySettings& settings,
                             const DataFileTarget* target, FileFormat& format,
                             const std::vector<std::pair<FileInfo, std::string>>& to_load,
                             SchemaPtr schema, const RowConstraintChecker& checker,
                             const ErrorPolicy& policy, RowCollector* collect,
                             CopyOutcome* partial) {
  size_t threads = settings.pool ? std::max<size_t>(settings.pool->num_threads(), 1) : 1;
  INLET_ASSIGN_OR_RETURN(std::vector<LoadUnit> units,
                         PlanLoadUnits(plan, settings, format, to_load, threads));
  std::vector<std::string> names;
  for (const auto& entry : to_load) names.push_back(entry.first.path);
  LoadErrorCollector errors(policy, names);
  const bool file_per_source = policy.can_skip_files();
  std::atomic<int> file_counter{0};
  std::atomic<size_t> next_unit{0};
  std::atomic<bool> failed{false};
  size_t num_lanes = std::min(threads, units.size());
  // Fewer units than threads (one compressed file, which cannot be split) would leave threads
  // idle: each lane then parses on one thread and writes on another.
  const bool prefetch = units.size() < threads;
  std::vector<SplitLoad> unit_loads(units.size());
  // Splits of each file still to read, so the progress line counts a file once it is done.
  std::unique_ptr<std::atomic<int>[]> units_left(new std::atomic<int>[to_load.size()]);
  for (size_t i = 0; i < to_load.size(); ++i) units_left[i] = 0;
  for (const LoadUnit& unit : units) ++units_left[unit.file_index];
  auto unit_done = [&](size_t file) {
    if (units_left[file].fetch_sub(1) == 1 && settings.progress) settings.progress->AddFilesDone(1);
  };
  std::vector<std::vector<LaneFile>> lane_files(num_lanes);
  TaskGroup group(settings.pool);
  for (size_t lane = 0; lane < num_lanes; ++lane) {
    group.Run([&, lane]() -> Status {
      std::optional<DataFileSink> sink;
      size_t sink_source = std::string::npos;
      auto finish_sink = [&]() -> Status {
        if (!sink) return Status::OK();
        INLET_ASSIGN_OR_RETURN(std::vector<DataFile> files, sink->Finish());
        for (DataFile& file : files) {
          lane_files[lane].push_back(LaneFile{sink_source, std::move(file)});
        }
        sink.reset();
        return Status::OK();
      };
      while (!failed.load() && !(collect && collect->full())) {
        size_t u = next_unit.fetch_add(1);
        if (u >= units.size()) break;
        const LoadUnit& unit = units[u];
        const size_t file = unit.file_index;
        if (errors.stopped(file)) {
          unit_done(file);
          continue;
        }
        if (target && sink && file_per_source && sink_source != file) {
          INLET_RETURN_NOT_OK(finish_sink());
        }
        if (target && !sink) {
          sink.emplace(*target, schema, &file_counter);
          sink_source = file_per_source ? file : std::string::npos;
        }
        Status status = LoadOneSplit(plan, settings, format, to_load[file].first, unit.split,
                                     schema, checker, errors.sink(file), sink ? &*sink : nullptr,
                                     collect, prefetch, [&] { return errors.stopped(file); },
                                     &unit_loads[u]);
        if (!status.ok()) status = errors.OnReadFailure(file, status);
        if (!status.ok()) {
          failed = true;
          return status;
        }
        unit_done(file);
      }
      // A lane whose sibling failed drops its files too (the sink deletes what it keeps).
      if (failed.load()) return Status::OK();
      return finish_sink();
    });
  }
  Status status = group.Wait();
  LoadResult result;
  for (const auto& [info, tracking_id] : to_load) {
    SourceLoad source;
    source.source = info;
    source.tracking_id = tracking_id;
    result.sources.push_back(std::move(source));
  }
  for (size_t u = 0; u < units.size(); ++u) {
    SourceLoad& source = result.sources[units[u].file_index];
    source.rows += unit_loads[u].rows;
    source.rows_parsed += unit_loads[u].rows_parsed;
    source.bytes_read += unit_loads[u].bytes_read;
    source.split = source.split || !units[u].split.whole_file();
  }
  std::vector<bool> skipped(to_load.size(), false);
  for (size_t i = 0; i < result.sources.size(); ++i) {
    SourceLoad& source = result.sources[i];
    source.errors = errors.Finish(i, source.rows_parsed);
    source.error_limit = errors.ErrorLimit(source.rows_parsed);
    skipped[i] = source.errors.skipped && file_per_source;
    if (skipped[i]) source.rows = 0;
  }
  result.errors = errors.TakeErrors();
  result.errors_not_kept = errors.dropped_errors();
  std::vector<DataFile> dropped;
  for (std::vector<LaneFile>& files : lane_files) {
    for (LaneFile& file : files) {
      if (file.source != std::string::npos && skipped[file.source]) {
        dropped.push_back(std::move(file.file));
      } else {
        result.data_files.push_back(std::move(file.file));
      }
    }
  }
  if (target) DeleteDataFiles(*target, dropped);
  if (!status.ok()) {
    if (target) DeleteDataFiles(*target, result.data_files);
    if (partial) {
      partial->errors = std::move(result.errors);
      partial->errors_seen = errors.total_errors();
    }
    return status;
  }
  return result;
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

std::map<std::string, std::string> CommitMetrics(const LoadResult& load) {
  int64_t rows = 0, bytes = 0;
  for (const SourceLoad& f : load.sources) rows += f.rows;
  for (const DataFile& d : load.data_files) bytes += d.size;
  return {{"numFiles", std::to_string(load.data_files.size())},
          {"numOutputRows", std::to_string(rows)},
          {"numOutputBytes", std::to_string(bytes)},
          {"numSourceFiles", std::to_string(load.sources.size())}};
}

// What COPY_OPTIONS mergeSchema changes in a table: the merged schema, and the protocol and
// metaData actions that commit it with the data.
struct SchemaChange {
  SchemaMerge merge;
  Protocol protocol;
  Metadata metadata;
};

// Merges the schemas of the files to load into the table's; nullopt when they change nothing.
Result<std::optional<SchemaChange>> MergeSourceSchemas(
    const CopyPlan& plan, FileFormat& format,
    const std::vector<std::pair<FileInfo, std::string>>& to_load, const Snapshot& snapshot) {
  // A CSV's types are guesses from a sample (BIGINT for any integer): they add columns but do not
  // change the table's types, whose values are cast row by row as without mergeSchema.
  ExistingColumnTypes existing = format.name() == "CSV" ? ExistingColumnTypes::kKeep
                                 : IsTypeWideningEnabled(snapshot.metadata)
                                     ? ExistingColumnTypes::kWiden
                                     : ExistingColumnTypes::kNoWidening;
  SchemaMerge merge{snapshot.schema(), {}, {}};
  for (const auto& entry : to_load) {
    SourceFile source{plan.source.location.fs, entry.first, entry.first.path};
    INLET_ASSIGN_OR_RETURN(Schema file_schema, format.InferSchema(source, plan.format_options));
    Status merged = MergeFileSchema(file_schema, entry.first.path, existing, &merge);
    if (!merged.ok()) return merged.WithContext("mergeSchema into " + plan.table.name);
  }
  if (!merge.changed()) return std::optional<SchemaChange>();
  SchemaChange change{std::move(merge), snapshot.protocol, snapshot.metadata};
  INLET_ASSIGN_OR_RETURN(change.metadata.schema_string,
                         EvolveSchemaString(snapshot.metadata.schema_string, change.merge));
  // Under column mapping the added columns get new ids and physical names.
  INLET_RETURN_NOT_OK(AssignColumnMapping(&change.metadata, PhysicalNaming::kFresh));
  if (!change.merge.widened.empty()) {
    change.protocol = WithReaderWriterFeature(snapshot.protocol, kFeatureTypeWidening);
  }
  return std::optional<SchemaChange>(std::move(change));
}

// Checks rows against the table's constraints as they are in `snapshot`, bound to `schema`.
Result<std::shared_ptr<const RowConstraintChecker>> MakeConstraintChecker(
    const CopyPlan& plan, const Snapshot* snapshot, const Schema& schema) {
  std::vector<TableConstraint> constraints;
  if (snapshot) {
    INLET_ASSIGN_OR_RETURN(constraints,
                           TableConstraints(snapshot->metadata, snapshot->delta_schema));
  }
  std::vector<BoundConstraint> bound;
  if (!constraints.empty()) {
    if (!plan.bind_constraints) {
      return Status::Internal("table " + plan.table.name +
                              " has constraints but the COPY plan cannot bind them");
    }
    INLET_ASSIGN_OR_RETURN(bound, plan.bind_constraints(constraints, schema));
  }
  return std::make_shared<const RowConstraintChecker>(std::move(bound), schema);
}

// Whether the table as another writer left it (`winner`) still has the schema this COPY read
// (`read`, or `created` when this COPY was creating the table), the constraints it checked its
// rows by, and, when it changes the schema, the metaData its new one is built from.
Result<bool> SameRules(const Snapshot* read, const Schema& created, const Snapshot& winner,
                       bool changes_schema) {
  if (!(winner.schema() == (read ? read->schema() : created))) return false;
  if (changes_schema && !(winner.metadata == read->metadata)) return false;
  std::vector<TableConstraint> read_constraints;
  if (read) {
    INLET_ASSIGN_OR_RETURN(read_constraints, TableConstraints(read->metadata, read->delta_schema));
  }
  INLET_ASSIGN_OR_RETURN(auto winner_constraints,
                         TableConstraints(winner.metadata, winner.delta_schema));
  return read_constraints == winner_constraints;
}

}  // namespace

Status ValidateFormatOptions(const FileFormat& format, const FormatOptions& options) {
  std::vector<OptionSpec> specs = format.options();
  for (const auto& [key, value] : options) {
    if (key == kFormatDialectKey) continue;
    bool known = std::any_of(specs.begin(), specs.end(),
                             [&key](const OptionSpec& s) { return EqualsIgnoreCase(s.name, key); });
    if (!known) {
      std::vector<std::string> names;
      for (const OptionSpec& s : format.OptionsFor(options)) names.push_back(s.name);
      return Status::InvalidArgument(
          "unknown " + format.name() + " format option '" + key + "'; valid options: " +
          (names.empty() ? std::string("none") : JoinStrings(names, ", ")));
    }
  }
  return format.ValidateOptions(options);
}

namespace {

FileLoadRecord SkippedFileRecord(const SkippedFile& skipped) {
  FileLoadRecord record;
  record.file_name = skipped.file.path;
  record.status = FileLoadStatus::kSkipped;
  record.skip_reason = skipped.reason;
  record.file_bytes = skipped.file.size;
  return record;
}

FileLoadRecord ReadFileRecord(const SourceLoad& source) {
  FileLoadRecord record;
  record.file_name = source.source.path;
  record.status = source.status();
  record.file_bytes = source.source.size;
  record.rows_parsed = source.rows_parsed;
  record.rows_loaded = source.rows;
  record.error_limit = source.error_limit;
  record.errors_seen = source.errors.errors;
  record.split = source.split;
  if (source.errors.first_error) {
    const RowError& first = *source.errors.first_error;
    record.first_error = first.reason;
    record.first_error_line = first.line;
    record.first_error_character = first.position;
    record.first_error_column_name = first.column_name;
  }
  return record;
}

// The outcome's totals and per-file records from what the load phase read.
void SummarizeLoad(LoadResult&& load, const std::vector<SkippedFile>& skipped,
                   CopyOutcome* outcome) {
  outcome->files.clear();
  outcome->files_processed = 0;
  outcome->rows_copied = 0;
  outcome->bytes_read = 0;
  outcome->errors_seen = 0;
  for (const SourceLoad& source : load.sources) {
    outcome->files.push_back(ReadFileRecord(source));
    if (source.tracked()) ++outcome->files_processed;
    outcome->rows_copied += source.rows;
    outcome->bytes_read += source.bytes_read;
    outcome->errors_seen += source.errors.errors;
  }
  for (const SkippedFile& file : skipped) outcome->files.push_back(SkippedFileRecord(file));
  outcome->files_skipped = static_cast<int64_t>(skipped.size());
  outcome->files_added = static_cast<int64_t>(load.data_files.size());
  outcome->bytes_written = 0;
  for (const DataFile& data : load.data_files) outcome->bytes_written += data.size;
  outcome->errors = std::move(load.errors);
}

Status RunCopy(const CopyPlan& plan, const CopySettings& default_settings, CopyOutcome* result) {
  CopyOutcome& outcome = *result;
  CopySettings settings = default_settings;
  INLET_ASSIGN_OR_RETURN(std::vector<FileInfo> listed, ListSourceFiles(plan.source));
  INLET_ASSIGN_OR_RETURN(std::shared_ptr<FileFormat> format, ChooseFormat(plan, settings, listed));
  outcome.format_name = format->name();
  CrashPoint("copy.after_listing");

  DeltaTable table(plan.table_location.fs, plan.table_location.path);
  std::optional<Snapshot> snapshot;
  auto loaded_snapshot = table.LoadSnapshot();
  if (loaded_snapshot.ok()) {
    snapshot = std::move(*loaded_snapshot);
    INLET_RETURN_NOT_OK(snapshot->CheckWritable());
    INLET_ASSIGN_OR_RETURN(settings,
                           WithDataFileProperties(std::move(settings), snapshot->metadata));
  } else if (!loaded_snapshot.status().IsNotFound()) {
    return loaded_snapshot.status();
  }

  // Skip what the table's log says was loaded already (and what its policies say to skip).
  const std::string& scheme = plan.source.location.fs->scheme();
  LoadPolicy policy{plan.force, plan.load_uncertain_files, plan.modified_files};
  std::vector<std::pair<FileInfo, std::string>> to_load;
  std::vector<SkippedFile> skipped;
  INLET_ASSIGN_OR_RETURN(to_load, SelectFilesToLoad(listed, scheme, snapshot ? &*snapshot : nullptr,
                                                    policy, NowMicros() / 1000, &skipped));
  ApplyLoadLimits(plan.limits, &to_load, &skipped);
  outcome.target_version = snapshot ? snapshot->version : -1;
  if (settings.progress) settings.progress->SetFilesTotal(static_cast<int64_t>(to_load.size()));
  if (to_load.empty()) {
    SummarizeLoad(LoadResult(), skipped, &outcome);
    return Status::OK();
  }

  // A table without a schema yet takes it from the first file (CreateOrAppend).
  SchemaPtr schema;
  bool creates_table = !snapshot;
  if (creates_table) {
    SourceFile first{plan.source.location.fs, to_load.front().first, to_load.front().first.path};
    INLET_ASSIGN_OR_RETURN(Schema inferred, format->InferSchema(first, plan.format_options));
    if (plan.merge_schema) {
      // The new table takes every file's columns, each with the type of the first file that has
      // it.
      SchemaMerge merge{std::move(inferred), {}, {}};
      for (size_t i = 1; i < to_load.size(); ++i) {
        SourceFile source{plan.source.location.fs, to_load[i].first, to_load[i].first.path};
        INLET_ASSIGN_OR_RETURN(Schema file_schema,
                               format->InferSchema(source, plan.format_options));
        INLET_RETURN_NOT_OK(MergeFileSchema(file_schema, to_load[i].first.path,
                                            ExistingColumnTypes::kKeep, &merge));
      }
      inferred = std::move(merge.schema);
    }
    schema = std::make_shared<const Schema>(std::move(inferred));
  } else {
    schema = std::make_shared<const Schema>(snapshot->schema());
  }
  // COPY_OPTIONS mergeSchema: the files' new columns and wider types join the table's schema in
  // the commit that holds the data.
  std::optional<SchemaChange> schema_change;
  if (plan.merge_schema && snapshot) {
    INLET_ASSIGN_OR_RETURN(schema_change, MergeSourceSchemas(plan, *format, to_load, *snapshot));
    if (schema_change) schema = std::make_shared<const Schema>(schema_change->merge.schema);
  }
  INLET_ASSIGN_OR_RETURN(std::shared_ptr<const RowConstraintChecker> checker,
                         MakeConstraintChecker(plan, snapshot ? &*snapshot : nullptr, *schema));

  DataFileTarget target{plan.table_location.fs, plan.table_location.path, settings.target_file_bytes,
                        settings.parquet};
  target.parquet.memory_budget =
      std::make_shared<RowGroupMemoryBudget>(settings.row_group_memory_bytes);
  if (snapshot) {
    INLET_ASSIGN_OR_RETURN(target.partition_columns,
                           PartitionColumnIndices(*schema, snapshot->metadata.partition_columns));
    const Metadata& metadata = schema_change ? schema_change->metadata : snapshot->metadata;
    INLET_ASSIGN_OR_RETURN(target.physical_fields, PhysicalFieldsForWrite(metadata, *schema));
  }
  const ErrorPolicy error_policy = plan.validate_only ? *ParseOnError("CONTINUE")
                                                      : plan.error_policy;
  if (plan.validate_only) {
    INLET_ASSIGN_OR_RETURN(LoadResult load,
                           LoadFiles(plan, settings, nullptr, *format, to_load, schema, *checker,
                                     error_policy, nullptr, &outcome));
    SummarizeLoad(std::move(load), skipped, &outcome);
    return Status::OK();
  }
  if (plan.validate_rows >= 0) {
    // The first rows in file order: one lane, which stops at the first error or once it has them.
    CopySettings one_lane = settings;
    one_lane.pool = nullptr;
    // A reader fills a batch before returning it: a bad row after the first n must not fail
    // the validation of those n.
    one_lane.batch_rows = std::min(settings.batch_rows, plan.validate_rows);
    RowCollector collect{plan.validate_rows, 0, {}};
    INLET_ASSIGN_OR_RETURN(LoadResult load,
                           LoadFiles(plan, one_lane, nullptr, *format, to_load, schema, *checker,
                                     ErrorPolicy(), &collect, &outcome));
    SummarizeLoad(std::move(load), skipped, &outcome);
    outcome.rows = std::move(collect.batches);
    outcome.rows_schema = schema;
    return Status::OK();
  }
  LoadResult load;
  bool need_load = true;
  for (int attempt = 0;; ++attempt) {
    if (need_load) {
      INLET_ASSIGN_OR_RETURN(load, LoadFiles(plan, settings, &target, *format, to_load, schema,
                                             *checker, error_policy, nullptr, &outcome));
      CrashPoint("copy.after_data_files");
      need_load = false;
    }
    // Every file failed: nothing to commit, and no file to record as loaded.
    if (std::none_of(load.sources.begin(), load.sources.end(),
                     [](const SourceLoad& source) { return source.tracked(); })) {
      DeleteDataFiles(target, load.data_files);
      load.data_files.clear();
      break;
    }
    std::vector<Action> actions;
    int64_t read_version = snapshot ? snapshot->version : -1;
    if (creates_table) {
      TableDefinition definition;
      definition.schema = *schema;
      definition.name = plan.table.name;
      INLET_ASSIGN_OR_RETURN(actions, MakeCreateTableActions(definition));
    }
    if (schema_change) {
      if (!(schema_change->protocol == snapshot->protocol)) {
        actions.push_back(Action(schema_change->protocol));
      }
      actions.push_back(Action(schema_change->metadata));
    }
    int64_t now_ms = NowMicros() / 1000;
    for (const DataFile& data : load.data_files) {
      AddFile add;
      add.path = EncodeDataPath(data.relative_path);
      add.size = data.size;
      add.modification_time = data.modification_time_ms;
      add.data_change = true;
      add.partition_values = data.partition_values;
      add.stats = BuildStatsJson(data.stats);
      actions.push_back(Action(std::move(add)));
    }
    for (const SourceLoad& file : load.sources) {
      if (!file.tracked()) continue;
      actions.push_back(Action(SetTransaction{file.tracking_id, read_version + 1, now_ms}));
    }
    CommitInfo info = MakeCommitInfo("COPY INTO");
    info.operation_parameters = {{"source", plan.source.location.display},
                                 {"format", format->name()},
                                 {"force", plan.force ? "true" : "false"}};
    info.operation_metrics = CommitMetrics(load);
    info.extras.emplace_back("readVersion", std::to_string(read_version));
    info.extras.emplace_back("isBlindAppend", "true");
    actions.push_back(Action(std::move(info)));

    // A VACUUM deletes uncommitted files older than the retention; files that old must not be
    // committed, since one may already be gone (docs/design/exactly-once.md).
    const std::map<std::string, std::string> no_properties;
    Status committable = CheckDataFilesCommittable(
        plan.table.name, snapshot ? snapshot->metadata.configuration : no_properties,
        load.data_files, NowMicros() / 1000);
    if (!committable.ok()) {
      DeleteDataFiles(target, load.data_files);
      outcome.errors = std::move(load.errors);
      return committable;
    }
    CrashPoint("copy.before_commit");
    auto committed = table.Commit(read_version, actions);
    if (committed.ok()) {
      CrashPoint("copy.after_commit");
      outcome.target_version = *committed;
      break;
    }
    if (committed.status().IsUnknownOutcome()) {
      // The version may be in the log naming these data files, so they stay; a rerun is right
      // either way, as the log alone decides which source files it loads.
      return Status::UnknownOutcome(committed.status().message() +
                                    "; this COPY's data files are kept, and running it again is "
                                    "safe: it loads only the source files the table does not hold");
    }
    if (!committed.status().IsConflict() || attempt + 1 >= settings.max_commit_attempts) {
      DeleteDataFiles(target, load.data_files);
      return committed.status().IsConflict()
                 ? Status::Conflict("gave up committing to " + plan.table.name + " after " +
                                    std::to_string(attempt + 1) +
                                    " attempts: other writers keep committing first")
                 : committed.status();
    }
    // Lost the race: read what the winners did.
    auto winner = table.LoadSnapshot();
    if (!winner.ok()) {
      DeleteDataFiles(target, load.data_files);
      return winner.status();
    }
    Status writable = winner->CheckWritable();
    // Data files already written follow `schema` and passed the constraints read; they can only
    // join a table that still has both.
    Result<bool> same_rules =
        writable.ok() ? SameRules(snapshot ? &*snapshot : nullptr, *schema, *winner,
                                  schema_change.has_value())
                      : Result<bool>(writable);
    if (!same_rules.ok() || !*same_rules) {
      DeleteDataFiles(target, load.data_files);
      return same_rules.ok() ? Status::Conflict("the schema or the constraints of " +
                                                plan.table.name +
                                                " changed while this COPY ran; run it again")
                             : same_rules.status();
    }
    creates_table = false;
    snapshot = std::move(*winner);
    // When a winner loaded some of the same source files, their rows are mixed into our data
    // files with the others': drop those files and load the rest again. Such overlaps are rare
    // (two loaders racing over the same files); without one, the same data files commit as is.
    std::vector<std::pair<FileInfo, std::string>> still_new;
    for (auto& entry : to_load) {
      if (!plan.force && snapshot->HasTransaction(entry.second)) {
        skipped.push_back(SkippedFile{entry.first, "already loaded"});
      } else {
        still_new.push_back(std::move(entry));
      }
    }
    // The entries moved to still_new: to_load must take them back even when nothing overlaps,
    // or the next lost race would check the winners against emptied tracking ids.
    const bool overlaps = still_new.size() != to_load.size();
    to_load = std::move(still_new);
    if (!overlaps) continue;
    DeleteDataFiles(target, load.data_files);
    load = LoadResult();
    if (to_load.empty()) {
      outcome.target_version = snapshot->version;
      SummarizeLoad(LoadResult(), skipped, &outcome);
      return Status::OK();
    }
    need_load = true;
  }
  SummarizeLoad(std::move(load), skipped, &outcome);
  if (plan.purge) {
    std::vector<std::string> loaded;
    for (const FileLoadRecord& file : outcome.files) {
      if (file.status == FileLoadStatus::kLoaded ||
          file.status == FileLoadStatus::kPartiallyLoaded) {
        loaded.push_back(file.file_name);
      }
    }
    outcome.warnings = PurgeWarning(PurgeSourceFiles(*plan.source.location.fs, loaded));
  }
  return Status::OK();
}

}  // namespace

Result<CopyOutcome> ExecuteCopy(const CopyPlan& plan, const CopySettings& settings,
                                CopyOutcome* on_failure) {
  CopyOutcome outcome;
  Status status = RunCopy(plan, settings, &outcome);
  if (status.ok()) return outcome;
  if (on_failure) *on_failure = std::move(outcome);
  return status;
}

}  // namespace inlet

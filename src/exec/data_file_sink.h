#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "delta/actions.h"
#include "delta/column_mapping.h"
#include "delta/stats.h"
#include "formats/parquet/parquet_writer.h"
#include "fs/file_system.h"
#include "inlet/result.h"
#include "types/column.h"
#include "types/schema.h"

namespace inlet {

/// One Parquet file a load wrote into the table folder.
struct DataFile {
  /// Relative to the table root: "part-...parquet", or "col=value/part-...parquet" in a
  /// partitioned table.
  std::string relative_path;
  int64_t size = 0;
  int64_t modification_time_ms = 0;
  /// The add action's partitionValues (empty for an unpartitioned table).
  PartitionValues partition_values;
  FileStats stats;
};

/// Where data files go and what shape they have.
struct DataFileTarget {
  std::shared_ptr<FileSystem> fs;
  std::string table_root;
  /// A data file is closed and a new one started past this size.
  int64_t target_file_bytes = int64_t{128} << 20;
  ParquetWriterOptions parquet;
  /// The partition columns, as indices into the rows' schema, in metaData.partitionColumns
  /// order; empty for an unpartitioned table. Their values name the files' folders and the
  /// files hold the other columns only, as Spark writes them.
  std::vector<int> partition_columns;
  /// Empty for a table without column mapping; else one per column of the rows' schema, the
  /// physical names and ids that the files' Parquet schemas (with field_id), their stats and
  /// their partition values and folders use instead of the columns' names.
  std::vector<PhysicalField> physical_fields;
  /// How many files one sink keeps open at once (each holds a row group in memory, within
  /// parquet.memory_budget when set); past it the least recently written file is closed, and its
  /// partition's next rows start a new file.
  int max_open_files = 16;
};

/// Writes rows into data files, one open file per partition value (a single one for an
/// unpartitioned table), rolling to a new file past the target size so no file grows without
/// bound. Files not handed over by Finish() are deleted when the sink is destroyed, so a failed
/// load leaves none behind. Not thread safe: one per lane.
class DataFileSink {
 public:
  /// `schema` is the rows' (the table's) schema. `file_counter` numbers the files of all sinks of
  /// one load (part-00000-..., part-00001-...).
  DataFileSink(const DataFileTarget& target, SchemaPtr schema, std::atomic<int>* file_counter);
  ~DataFileSink();
  DataFileSink(const DataFileSink&) = delete;
  DataFileSink& operator=(const DataFileSink&) = delete;

  /// InvalidArgument naming the column when a partition value cannot be serialized.
  Status Write(const RecordBatch& batch);
  /// Closes the open files and hands every written file over to the caller.
  Result<std::vector<DataFile>> Finish();

 private:
  // The open file of one partition value.
  struct OpenFile {
    PartitionValues values;
    std::string folder;  // "" or "a=1/b=x/"
    std::string name;    // relative to the table root
    std::unique_ptr<ParquetWriter> writer;
    uint64_t last_write = 0;
  };

  // The open file for the partition `key`, opening one (and closing the least recently written
  // one when max_open_files are open) when there is none.
  Result<OpenFile*> FileFor(const std::string& key, const PartitionValues& values,
                            const std::string& folder);
  Status WriteTo(const std::string& key, const PartitionValues& values, const std::string& folder,
                 const RecordBatch& data);
  Status FinishFile(const std::string& key);
  // The data columns of rows `rows` of `batch` (all rows when `rows` is null).
  RecordBatchPtr DataColumns(const RecordBatch& batch, const std::vector<int64_t>* rows) const;

  // The name column `index` of schema_ has in files and in the log.
  const std::string& StoredName(int index) const;

  const DataFileTarget& target_;
  // target_.parquet with the data columns' field naming under column mapping.
  ParquetWriterOptions parquet_;
  SchemaPtr schema_;
  SchemaPtr file_schema_;                     // schema_ without the partition columns
  std::vector<int> data_columns_;             // indices into schema_ of file_schema_'s fields
  std::vector<PhysicalField> file_physical_;  // of file_schema_'s fields, under column mapping
  std::atomic<int>* file_counter_;
  std::map<std::string, OpenFile> open_;  // by partition key
  uint64_t writes_ = 0;
  std::vector<DataFile> finished_;
};

/// The indices in `schema` of the table's `partition_columns` (metaData.partitionColumns).
/// InvalidData naming the column when the schema lacks one.
Result<std::vector<int>> PartitionColumnIndices(const Schema& schema,
                                                const std::vector<std::string>& partition_columns);

/// Deletes `files` from the table folder, ignoring errors (they are not part of any version).
void DeleteDataFiles(const DataFileTarget& target, const std::vector<DataFile>& files);

}  // namespace inlet

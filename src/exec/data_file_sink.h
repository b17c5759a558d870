#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "delta/stats.h"
#include "formats/parquet/parquet_writer.h"
#include "fs/file_system.h"
#include "inlet/result.h"
#include "types/column.h"
#include "types/schema.h"

namespace inlet {

/// One Parquet file a load wrote into the table folder.
struct DataFile {
  /// Relative to the table root.
  std::string relative_path;
  int64_t size = 0;
  int64_t modification_time_ms = 0;
  FileStats stats;
};

/// Where data files go and what shape they have.
struct DataFileTarget {
  std::shared_ptr<FileSystem> fs;
  std::string table_root;
  /// A data file is closed and a new one started past this size.
  int64_t target_file_bytes = int64_t{128} << 20;
  ParquetWriterOptions parquet;
};

/// Writes rows into data files, rolling to a new file past the target size so no file grows
/// without bound. Files not handed over by Finish() are deleted when the sink is destroyed, so a
/// failed load leaves none behind. Not thread safe: one per lane.
class DataFileSink {
 public:
  /// `file_counter` numbers the files of all sinks of one load (part-00000-..., part-00001-...).
  DataFileSink(const DataFileTarget& target, SchemaPtr schema, std::atomic<int>* file_counter)
      : target_(target), schema_(std::move(schema)), file_counter_(file_counter) {}
  ~DataFileSink();
  DataFileSink(const DataFileSink&) = delete;
  DataFileSink& operator=(const DataFileSink&) = delete;

  Status Write(const RecordBatch& batch);
  /// Closes the open file and hands every written file over to the caller.
  Result<std::vector<DataFile>> Finish();

 private:
  Status StartFile();
  Status FinishFile();

  const DataFileTarget& target_;
  SchemaPtr schema_;
  std::atomic<int>* file_counter_;
  std::unique_ptr<ParquetWriter> writer_;
  std::string current_name_;
  std::vector<DataFile> finished_;
};

/// Deletes `files` from the table folder, ignoring errors (they are not part of any version).
void DeleteDataFiles(const DataFileTarget& target, const std::vector<DataFile>& files);

}  // namespace inlet

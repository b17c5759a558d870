#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "delta/column_mapping.h"
#include "delta/deletion_vector.h"
#include "delta/delta_table.h"
#include "delta/snapshot.h"
#include "exec/select_executor.h"
#include "formats/parquet/parquet_reader.h"

namespace inlet {

/// Reads the rows of a Delta snapshot: its data files one row group at a time, each file's
/// columns matched to the table schema by name, or by physical name under column mapping (a
/// column a file lacks reads as NULL), and the
/// partition columns filled from each file's add.partitionValues; the rows a file's deletion
/// vector marks deleted are skipped.
class TableScan : public RowSource {
 public:
  TableScan(DeltaTable table, const Snapshot& snapshot);
  Result<bool> Next(std::vector<Row>* rows) override;

 private:
  Status OpenNextFile();
  // Reads the next row group into `rows`; false at the end of the table.
  Result<bool> ReadRowGroup(std::vector<Row>* rows);

  DeltaTable table_;
  Schema schema_;
  std::vector<AddFile> files_;
  /// Why the table cannot be scanned (a malformed column mapping), reported by Next().
  Status setup_;
  bool mapped_ = false;
  /// Per table column, its physical name and those of its nested fields.
  std::vector<PhysicalField> physical_;
  /// Per table column, whether it is a partition column (its values come from the log).
  std::vector<bool> is_partition_;
  size_t next_file_ = 0;
  std::unique_ptr<ParquetFileReader> reader_;
  std::vector<int> file_columns_;        // per table column, the reader's column or -1
  std::vector<Value> partition_values_;  // per table column, the open file's partition value
  int next_row_group_ = 0;
  int64_t rows_before_ = 0;             // rows of the open file before its next row group
  std::optional<RowIndexSet> deleted_;  // the open file's deletion vector
};

}  // namespace inlet

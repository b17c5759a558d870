#pragma once

#include <memory>
#include <string>
#include <vector>

#include "delta/delta_table.h"
#include "delta/snapshot.h"
#include "exec/select_executor.h"
#include "formats/parquet/parquet_reader.h"

namespace inlet {

/// Reads the rows of a Delta snapshot: its data files one row group at a time, each file's
/// columns matched to the table schema by name (a column a file lacks reads as NULL).
class TableScan : public RowSource {
 public:
  TableScan(DeltaTable table, const Snapshot& snapshot);
  Result<bool> Next(std::vector<Row>* rows) override;

 private:
  Status OpenNextFile();

  DeltaTable table_;
  Schema schema_;
  std::vector<std::string> paths_;
  size_t next_file_ = 0;
  std::unique_ptr<ParquetFileReader> reader_;
  std::vector<int> file_columns_;  // per table column, the reader's column or -1
  int next_row_group_ = 0;
};

}  // namespace inlet

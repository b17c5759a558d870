// Fuzz target: the Parquet reader on arbitrary bytes. Opens the bytes as a file (footer, schema
// mapping), then decodes every row group with all columns and checks that each batch is well
// formed (one column per requested field, every column as long as the batch). Failures are
// Status values; crashes, hangs, unbounded memory and malformed batches are bugs.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

#include "formats/parquet/parquet_reader.h"
#include "io/stream.h"
#include "types/column.h"

namespace inlet {
namespace {

void CheckBatch(const RecordBatch& batch, const Schema& schema, const std::vector<int>& columns) {
  if (batch.num_columns() != columns.size()) abort();
  for (size_t i = 0; i < batch.num_columns(); ++i) {
    const Column& column = *batch.column(i);
    if (column.size() != batch.num_rows()) abort();
    if (!(column.type() == schema.field(columns[i]).type)) abort();
    if (column.null_count() > 0 && !schema.field(columns[i]).nullable) abort();
    // Materialize the first and last values: a bad offset or bitmap shows up under ASan.
    if (column.size() > 0) {
      (void)column.GetValue(0).ToString();
      (void)column.GetValue(column.size() - 1).ToString();
    }
  }
}

}  // namespace
}  // namespace inlet

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace inlet;
  auto file = std::make_shared<MemoryRandomAccessFile>(
      std::string(reinterpret_cast<const char*>(data), size));
  auto reader = ParquetFileReader::Open(file, "fuzz.parquet");
  if (!reader.ok()) return 0;
  ParquetFileReader& r = **reader;
  std::vector<int> all(r.schema().num_fields());
  std::iota(all.begin(), all.end(), 0);
  for (int g = 0; g < r.num_row_groups(); ++g) {
    auto batch = r.ReadRowGroup(g, all);
    if (!batch.ok()) continue;
    if ((*batch)->num_rows() != r.row_group_num_rows(g)) abort();
    CheckBatch(**batch, r.schema(), all);
  }
  return 0;
}

#pragma once

// Helpers shared by the CSV reader, sniffer and corpus tests.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "formats/csv/csv_parser.h"
#include "formats/format.h"
#include "formats/row_error.h"
#include "fs/memory_file_system.h"
#include "io/stream.h"

namespace inlet {

/// Keeps every row error and lets the load go on.
class CollectingSink : public RowErrorSink {
 public:
  Status OnRowError(const RowError& error) override {
    errors.push_back(error);
    return Status::OK();
  }
  std::vector<RowError> errors;
};

using TextRows = std::vector<std::vector<std::string>>;

/// Writes `contents` to `path` in `fs` and describes it as a reader sees it; messages name the
/// file by its base name.
inline SourceFile MakeSourceFile(const std::shared_ptr<MemoryFileSystem>& fs,
                                 const std::string& path, const std::string& contents) {
  SourceFile file;
  file.fs = fs;
  Status written = fs->WriteFile(path, contents);
  EXPECT_TRUE(written.ok()) << written.ToString();
  file.info = fs->GetFileInfo(path).ValueOr(FileInfo{});
  file.display_name = std::string(BaseName(path));
  return file;
}

/// Every row `reader` gives, each value as Value::ToString() shows it ("NULL" for NULL).
/// `batch_sizes` (optional) receives the size of each batch.
inline Result<TextRows> ReadAllRows(FormatReader* reader,
                                    std::vector<int64_t>* batch_sizes = nullptr) {
  TextRows rows;
  while (true) {
    INLET_ASSIGN_OR_RETURN(RecordBatchPtr batch, reader->Next());
    if (batch == nullptr) return rows;
    if (batch_sizes != nullptr) batch_sizes->push_back(batch->num_rows());
    for (int64_t r = 0; r < batch->num_rows(); ++r) {
      std::vector<std::string> row;
      for (const ColumnPtr& column : batch->columns()) {
        row.push_back(column->GetValue(r).ToString());
      }
      rows.push_back(std::move(row));
    }
  }
}

/// What a CsvParser made of a text: each record's fields, line, offset and quote state.
struct ParsedCsv {
  TextRows rows;
  std::vector<int64_t> lines;
  std::vector<int64_t> offsets;
  std::vector<bool> unterminated;
};

/// Parses `text` to its end with `dialect` read in chunks of `chunk_size` bytes, after skipping
/// `skip_lines`; checks that the end stays the end and that every byte was consumed.
inline Result<ParsedCsv> ParseCsvText(const std::string& text, CsvDialect dialect,
                                      int64_t chunk_size, int64_t skip_lines = 0) {
  dialect.chunk_size = chunk_size;
  CsvParser parser(std::make_unique<MemoryInputStream>(text), dialect);
  if (skip_lines > 0) INLET_RETURN_NOT_OK(parser.SkipLines(skip_lines));
  ParsedCsv out;
  while (true) {
    INLET_ASSIGN_OR_RETURN(bool more, parser.NextRecord());
    if (!more) break;
    std::vector<std::string> row;
    for (size_t i = 0; i < parser.num_fields(); ++i) row.emplace_back(parser.field(i));
    out.rows.push_back(std::move(row));
    out.lines.push_back(parser.record_line());
    out.offsets.push_back(parser.record_offset());
    out.unterminated.push_back(parser.unterminated_quote());
  }
  INLET_ASSIGN_OR_RETURN(bool again, parser.NextRecord());
  EXPECT_FALSE(again);
  EXPECT_EQ(parser.bytes_consumed(), static_cast<int64_t>(text.size()));
  return out;
}

}  // namespace inlet

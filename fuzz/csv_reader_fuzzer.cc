// Fuzz target: the CSV format (schema inference and the reader) on arbitrary bytes.
//
// Input layout: two option bytes, then the file's bytes.
//   byte 0: bits 0-2 delimiter (0: the file name's default), bits 3-4 quote, bits 5-6 escape,
//           bit 7 header
//   byte 1: bits 0-1 nullValue, bits 2-3 skipRows, bits 4-5 file name (.csv/.tsv/.txt/.csv.gz,
//           which picks the default delimiter), bits 6-7 batch size (1, 2, 7 or 16384 rows)
// Option bytes that give an invalid combination (quote == delimiter, ...) test the validation.
//
// The file is then inferred and read to the end three times, with an error sink that accepts
// every bad row: with the inferred names as all-VARCHAR columns, with the inferred schema, and
// with the inferred names given every type in turn (so each cast sees fuzzed text). Failures are
// Status values; only crashes, hangs and unbounded memory are bugs.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "formats/csv/csv_format.h"
#include "formats/format.h"
#include "formats/row_error.h"
#include "fs/memory_file_system.h"
#include "types/schema.h"

namespace inlet {
namespace {

/// Keeps going whatever the row error; touches the message so it is built and formatted.
class AcceptAllSink : public RowErrorSink {
 public:
  Status OnRowError(const RowError& error) override {
    message_size_ += error.ToString().size();
    return Status::OK();
  }

 private:
  size_t message_size_ = 0;
};

FormatOptions OptionsFromBytes(uint8_t b0, uint8_t b1) {
  // nullptr leaves an option at its default (for the delimiter, the file name's).
  static constexpr const char* kDelimiters[] = {nullptr, ",", ";", "\\t", "|", "\"", "a", "\t"};
  static constexpr const char* kQuotes[] = {nullptr, "", "'", "\""};
  static constexpr const char* kEscapes[] = {nullptr, "\\", "\"", "'"};
  static constexpr const char* kNullValues[] = {nullptr, "", "NULL", "\\N"};
  FormatOptions options;
  if (const char* delimiter = kDelimiters[b0 & 0x7]) options["delimiter"] = delimiter;
  if (const char* quote = kQuotes[(b0 >> 3) & 0x3]) options["quote"] = quote;
  if (const char* escape = kEscapes[(b0 >> 5) & 0x3]) options["escape"] = escape;
  options["header"] = (b0 & 0x80) ? "true" : "false";
  if (const char* null_value = kNullValues[b1 & 0x3]) options["nullvalue"] = null_value;
  options["skiprows"] = std::to_string((b1 >> 2) & 0x3);
  return options;
}

std::string PathFromByte(uint8_t b1) {
  static constexpr const char* kPaths[] = {"/in/data.csv", "/in/data.tsv", "/in/data.txt",
                                           "/in/data.csv.gz"};
  return kPaths[(b1 >> 4) & 0x3];
}

int64_t BatchRowsFromByte(uint8_t b1) {
  static constexpr int64_t kBatchRows[] = {1, 2, 7, 16 * 1024};
  return kBatchRows[(b1 >> 6) & 0x3];
}

/// Every type a table column can have, with a few parameters that reject values.
std::vector<LogicalType> EveryType() {
  return {LogicalType::Boolean(),     LogicalType::TinyInt(),     LogicalType::SmallInt(),
          LogicalType::Integer(),     LogicalType::BigInt(),      LogicalType::Float(),
          LogicalType::Double(),      LogicalType::Decimal(5, 2), LogicalType::Decimal(38, 10),
          LogicalType::Varchar(3),    LogicalType::Date(),        LogicalType::Timestamp(),
          LogicalType::TimestampTz(), LogicalType::Binary(),      LogicalType::Varchar()};
}

/// Opens a reader for `schema` and reads every batch; errors end the read, as they would a load.
void ReadAll(CsvFormat& format, const SourceFile& file, const FormatOptions& options, Schema schema,
             int64_t batch_rows) {
  AcceptAllSink sink;
  ReadRequest request;
  request.target_schema = std::make_shared<const Schema>(std::move(schema));
  request.options = options;
  request.batch_rows = batch_rows;
  request.error_sink = &sink;
  auto reader = format.OpenReader(file, request);
  if (!reader.ok()) return;
  while (true) {
    auto batch = (*reader)->Next();
    if (!batch.ok() || *batch == nullptr) break;
  }
  (void)(*reader)->rows_parsed();
  (void)(*reader)->bytes_read();
}

}  // namespace
}  // namespace inlet

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace inlet;
  if (size < 2) return 0;
  const FormatOptions options = OptionsFromBytes(data[0], data[1]);
  const std::string path = PathFromByte(data[1]);
  const int64_t batch_rows = BatchRowsFromByte(data[1]);
  const std::string contents(reinterpret_cast<const char*>(data) + 2, size - 2);

  auto fs = std::make_shared<MemoryFileSystem>();
  if (!fs->WriteFile(path, contents).ok()) return 0;
  auto info = fs->GetFileInfo(path);
  if (!info.ok()) return 0;
  SourceFile file{fs, *info, "data"};

  CsvFormat format;
  (void)format.ValidateOptions(options);
  auto inferred = format.InferSchema(file, options);

  // Without an inferred schema (no record, bad options), read by position into three columns.
  Schema names_only;
  if (inferred.ok()) {
    names_only = *inferred;
  } else {
    for (const char* name : {"column1", "column2", "column3"}) {
      names_only.mutable_fields().push_back(
          Field{name, LogicalType::Varchar(), true, std::nullopt});
    }
  }

  Schema all_varchar = names_only;
  for (Field& field : all_varchar.mutable_fields()) field.type = LogicalType::Varchar();
  ReadAll(format, file, options, all_varchar, batch_rows);

  if (inferred.ok()) ReadAll(format, file, options, *inferred, batch_rows);

  // Every type in turn, every third column NOT NULL.
  const std::vector<LogicalType> types = EveryType();
  Schema typed = names_only;
  for (size_t i = 0; i < typed.num_fields(); ++i) {
    Field& field = typed.mutable_fields()[i];
    field.type = types[(i + data[0]) % types.size()];
    field.nullable = i % 3 != 2;
  }
  ReadAll(format, file, options, typed, batch_rows);
  return 0;
}

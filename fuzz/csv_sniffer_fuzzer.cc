// Fuzz target: the CSV sniffer (dialect, header, skipped rows, types and date orders) on arbitrary
// bytes, and the reader on what it decides.
//
// Input layout: one option byte, then the file's bytes.
//   byte 0: bit 0 delimiter given (','), bit 1 quote given ('"'), bit 2 escape given ('\'),
//           bit 3 header given (true), bit 4 skipRows given (1), bits 5-6 sample limits (from
//           tiny, so the chunks spread over the file are read, to the defaults), bit 7 .tsv name
// Options left out are what the sniffer decides.
//
// Checked beyond "no crash": sniffing is deterministic, and the options the reader resolves for
// itself are the ones schema inference used (else a created table and its load disagree).

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "formats/csv/csv_format.h"
#include "formats/csv/csv_sniffer.h"
#include "formats/row_error.h"
#include "fs/memory_file_system.h"

namespace inlet {
namespace {

class AcceptAllSink : public RowErrorSink {
 public:
  Status OnRowError(const RowError& /*error*/) override { return Status::OK(); }
};

FormatOptions OptionsFromByte(uint8_t b) {
  FormatOptions options;
  if (b & 0x01) options["delimiter"] = ",";
  if (b & 0x02) options["quote"] = "\"";
  if (b & 0x04) options["escape"] = "\\";
  if (b & 0x08) options["header"] = "true";
  if (b & 0x10) options["skiprows"] = "1";
  return options;
}

CsvSampleLimits LimitsFromByte(uint8_t b) {
  CsvSampleLimits limits;
  switch ((b >> 5) & 0x3) {
    case 0:
      limits.max_records = 2;
      limits.max_bytes = 16;
      limits.dialect_bytes = 16;
      limits.chunk_bytes = 8;
      break;
    case 1:
      limits.max_records = 10;
      limits.max_bytes = 256;
      limits.dialect_bytes = 128;
      limits.chunk_bytes = 64;
      limits.spread_chunks = 3;
      break;
    case 2:
      limits.spread_chunks = 0;
      break;
    default:
      break;
  }
  return limits;
}

bool SameResolution(const CsvOptions& a, const CsvOptions& b) {
  const CsvDialect& x = a.dialect;
  const CsvDialect& y = b.dialect;
  return x.delimiter == y.delimiter && x.has_quote == y.has_quote &&
         (!x.has_quote || x.quote == y.quote) && x.has_escape == y.has_escape &&
         (!x.has_escape || x.escape == y.escape) && a.header == b.header &&
         a.skip_rows == b.skip_rows && a.date_format.has_value() == b.date_format.has_value() &&
         (!a.date_format || a.date_format->text() == b.date_format->text());
}

}  // namespace
}  // namespace inlet

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace inlet;
  if (size < 1) return 0;
  const FormatOptions options = OptionsFromByte(data[0]);
  const CsvSampleLimits limits = LimitsFromByte(data[0]);
  const std::string path = (data[0] & 0x80) ? "/in/data.tsv" : "/in/data.csv";
  const std::string contents(reinterpret_cast<const char*>(data) + 1, size - 1);

  auto fs = std::make_shared<MemoryFileSystem>();
  if (!fs->WriteFile(path, contents).ok()) return 0;
  auto info = fs->GetFileInfo(path);
  if (!info.ok()) return 0;
  SourceFile file{fs, *info, "data"};

  auto sniffed = SniffCsv(file, options, limits);
  auto again = SniffCsv(file, options, limits);
  if (sniffed.ok() != again.ok()) std::abort();
  if (!sniffed.ok()) return 0;
  if (!SameResolution(sniffed->options, again->options) ||
      sniffed->columns.size() != again->columns.size()) {
    std::abort();
  }
  auto resolved = ResolveCsvOptions(file, options, limits);
  if (!resolved.ok() || !SameResolution(*resolved, sniffed->options)) std::abort();

  std::vector<Field> fields;
  for (const CsvSniffedColumn& column : sniffed->columns) {
    fields.push_back(Field{column.name, column.type, true, std::nullopt});
  }
  AcceptAllSink sink;
  ReadRequest request;
  request.target_schema = std::make_shared<const Schema>(Schema(std::move(fields)));
  request.options = options;
  request.batch_rows = 7;
  request.error_sink = &sink;
  CsvFormat format;
  auto reader = format.OpenReader(file, request);
  if (!reader.ok()) return 0;
  while (true) {
    auto batch = (*reader)->Next();
    if (!batch.ok() || *batch == nullptr) break;
  }
  return 0;
}

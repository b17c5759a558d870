#include "formats/registry.h"

#include "common/string_util.h"
#include "formats/csv/csv_format.h"
#include "formats/parquet/parquet_format.h"
#include "io/compression.h"

namespace inlet {

namespace {

// Formats the reference documents accept that arrive in later work.
const char* const kPlannedFormats[] = {"JSON", "AVRO", "ORC", "XML"};

}  // namespace

void RegisterBuiltinFormats(FormatRegistry* registry) {
  registry->Register(std::make_shared<CsvFormat>());
  registry->Register(std::make_shared<ParquetFormat>());
}

std::shared_ptr<FormatRegistry> FormatRegistry::MakeDefault() {
  auto registry = std::make_shared<FormatRegistry>();
  RegisterBuiltinFormats(registry.get());
  return registry;
}

void FormatRegistry::Register(std::shared_ptr<FileFormat> format) {
  formats_.push_back(std::move(format));
}

Result<std::shared_ptr<FileFormat>> FormatRegistry::FindByName(std::string_view name) const {
  for (const auto& format : formats_) {
    if (EqualsIgnoreCase(format->name(), name)) return format;
  }
  for (const char* planned : kPlannedFormats) {
    if (EqualsIgnoreCase(planned, name)) {
      return Status::NotImplemented("FILE_FORMAT " + std::string(planned) +
                                    " is not supported yet; supported formats: " +
                                    JoinStrings(names(), ", "));
    }
  }
  return Status::InvalidArgument("unknown FILE_FORMAT '" + std::string(name) +
                                 "'; supported formats: " + JoinStrings(names(), ", "));
}

std::shared_ptr<FileFormat> FormatRegistry::FindByPath(std::string_view path) const {
  // The format is named under any compression extensions (src/io's table): data.tsv.gz is TSV.
  std::string_view name = path.substr(path.find_last_of('/') + 1);
  for (std::string_view inner = StripCompressionExtension(name); inner != name;
       inner = StripCompressionExtension(name)) {
    name = inner;
  }
  const size_t dot = name.find_last_of('.');
  if (dot == std::string_view::npos) return nullptr;
  const std::string extension = AsciiToLower(name.substr(dot + 1));
  for (const auto& format : formats_) {
    for (const std::string& e : format->extensions()) {
      if (e == extension) return format;
    }
  }
  return nullptr;
}

std::vector<std::string> FormatRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& format : formats_) out.push_back(format->name());
  return out;
}

}  // namespace inlet

#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "formats/format.h"
#include "inlet/result.h"

namespace inlet {

/// The file formats inlet reads, by SQL name and by file extension. Filled once by
/// RegisterBuiltinFormats; read-only afterwards, so thread safe.
class FormatRegistry {
 public:
  /// A registry holding every built-in format.
  static std::shared_ptr<FormatRegistry> MakeDefault();

  void Register(std::shared_ptr<FileFormat> format);
  /// The format named `name` (any case). InvalidArgument listing the formats for an unknown
  /// name, NotImplemented for a format of the reference that inlet does not read yet.
  Result<std::shared_ptr<FileFormat>> FindByName(std::string_view name) const;
  /// The format implied by a file name's extension, looking through compression extensions
  /// ("x.csv.gz" -> CSV); null when the extension is unknown.
  std::shared_ptr<FileFormat> FindByPath(std::string_view path) const;
  /// Upper-case names of the registered formats, in registration order.
  std::vector<std::string> names() const;

 private:
  std::vector<std::shared_ptr<FileFormat>> formats_;
};

/// The one place built-in formats are registered (no static self-registration).
void RegisterBuiltinFormats(FormatRegistry* registry);

}  // namespace inlet

#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "inlet/result.h"
#include "fs/file_system.h"

namespace inlet {

/// A location resolved to the file system that serves it and the path within it.
struct ResolvedLocation {
  std::shared_ptr<FileSystem> fs;
  std::string path;
  /// The location as the user may see it again in results and history (no credentials).
  std::string display;
};

/// Maps URI schemes to file systems. `file://...`, absolute paths, relative paths (against the
/// working directory) and `~/` paths go to the local file system; other schemes register here as
/// they are added (s3, abfss/azure, gs, https). Thread safe.
class FileSystemRegistry {
 public:
  /// A registry with every built-in file system registered.
  static std::shared_ptr<FileSystemRegistry> MakeDefault();

  void Register(const std::string& scheme, std::shared_ptr<FileSystem> fs);
  /// NotImplemented for a known-but-not-yet-supported scheme, InvalidArgument for garbage.
  Result<ResolvedLocation> Resolve(const std::string& location) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<FileSystem>> by_scheme_;
};

}  // namespace inlet

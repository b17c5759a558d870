#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fs/file_system.h"

namespace inlet {

/// The local disk through POSIX calls. Paths are absolute. Writes go to a hidden temporary file
/// beside the target (`.<name>.tmp-<uuid>`) that is fsynced and then renamed (OpenOutputStream)
/// or hard-linked (PutIfAbsent) into place, so readers never see partial files. Thread safe.
class LocalFileSystem : public FileSystem {
 public:
  std::string scheme() const override { return "file"; }

  /// Symbolic links to files are listed; symbolic links to folders are not followed, so a link
  /// cycle cannot make a listing loop.
  Result<std::vector<FileInfo>> ListFiles(const std::string& prefix, bool recursive) override;
  /// A folder is NotFound too: like an object store, only files are things with info.
  Result<FileInfo> GetFileInfo(const std::string& path) override;
  Result<std::unique_ptr<InputStream>> OpenInputStream(const std::string& path) override;
  Result<std::unique_ptr<RandomAccessFile>> OpenInputFile(const std::string& path) override;
  Result<std::unique_ptr<OutputStream>> OpenOutputStream(const std::string& path) override;
  Status PutIfAbsent(const std::string& path, std::string_view contents) override;
  Status DeleteFile(const std::string& path) override;
};

}  // namespace inlet

#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fs/file_system.h"

namespace inlet {

/// A FileSystem held in memory, for tests of the layers above and fault injection. Paths are
/// plain strings ('/'-separated, no normalization); folders exist only as prefixes of files, so
/// listing a prefix with nothing under it is NotFound, as on an object store. Modification times
/// come from the wall clock but strictly increase; the etag is a hash of the content. Streams
/// stay valid after the file system is destroyed. Thread safe.
class MemoryFileSystem : public FileSystem {
 public:
  explicit MemoryFileSystem(std::string scheme = "memory");
  ~MemoryFileSystem() override;

  std::string scheme() const override { return scheme_; }

  Result<std::vector<FileInfo>> ListFiles(const std::string& prefix, bool recursive) override;
  Result<FileInfo> GetFileInfo(const std::string& path) override;
  Result<std::unique_ptr<InputStream>> OpenInputStream(const std::string& path) override;
  Result<std::unique_ptr<RandomAccessFile>> OpenInputFile(const std::string& path) override;
  Result<std::unique_ptr<OutputStream>> OpenOutputStream(const std::string& path) override;
  Status PutIfAbsent(const std::string& path, std::string_view contents) override;
  Status DeleteFile(const std::string& path) override;

  /// Shared with the output streams, which publish into it on Close().
  struct State;

 private:
  std::string scheme_;
  std::shared_ptr<State> state_;
};

}  // namespace inlet

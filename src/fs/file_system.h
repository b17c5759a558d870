#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "inlet/result.h"
#include "io/stream.h"

namespace inlet {

/// What a listing tells about one file or object.
struct FileInfo {
  /// The path within its FileSystem (for the local one, absolute).
  std::string path;
  int64_t size = 0;
  /// Last modification time, microseconds since the epoch.
  int64_t mtime_micros = 0;
  /// The store's content tag when it has one (S3/Azure ETag); empty for local files.
  std::string etag;
};

/// One storage system (local disk, S3, Azure, GCS, HTTP), designed for object stores: no
/// directories to create, no rename, no append. Paths are '/'-separated. Thread safe.
class FileSystem {
 public:
  virtual ~FileSystem() = default;

  /// The URI scheme this file system serves ("file", "s3", ...).
  virtual std::string scheme() const = 0;

  /// Every file whose path starts with the directory `prefix` (recursively when `recursive`),
  /// sorted by path. Directories themselves are not listed. NotFound when `prefix` does not exist.
  virtual Result<std::vector<FileInfo>> ListFiles(const std::string& prefix, bool recursive) = 0;
  /// NotFound when `path` does not exist.
  virtual Result<FileInfo> GetFileInfo(const std::string& path) = 0;

  virtual Result<std::unique_ptr<InputStream>> OpenInputStream(const std::string& path) = 0;
  virtual Result<std::unique_ptr<RandomAccessFile>> OpenInputFile(const std::string& path) = 0;
  /// Writes a new object (replacing any old one); it appears at `path` only when Close()
  /// succeeds, complete. Parent folders are created as needed.
  virtual Result<std::unique_ptr<OutputStream>> OpenOutputStream(const std::string& path) = 0;
  /// Atomically creates `path` holding `contents` if nothing exists there; AlreadyExists
  /// otherwise. Readers never see a partial object. This is the Delta commit primitive.
  virtual Status PutIfAbsent(const std::string& path, std::string_view contents) = 0;
  /// Removes a file; NotFound if it is not there.
  virtual Status DeleteFile(const std::string& path) = 0;

  /// Reads a whole (small) file.
  Result<std::string> ReadFile(const std::string& path);
  /// Writes a whole (small) file through OpenOutputStream.
  Status WriteFile(const std::string& path, std::string_view contents);
};

/// Joins path parts with single '/' separators ("a/" + "b" -> "a/b").
std::string JoinPath(std::string_view base, std::string_view child);
/// The last path component ("/x/y.csv" -> "y.csv").
std::string_view BaseName(std::string_view path);

}  // namespace inlet

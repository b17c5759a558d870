#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "inlet/result.h"

namespace inlet {

/// A sequential byte source: a file read from start to end, a decompressor, a download.
/// Not thread safe.
class InputStream {
 public:
  virtual ~InputStream() = default;
  /// Reads up to `nbytes` into `out`; returns the count read, 0 only at end of stream.
  virtual Result<int64_t> Read(int64_t nbytes, void* out) = 0;
  /// Bytes consumed from the underlying source so far (compressed bytes for a decompressor),
  /// for progress and bytes_read metrics.
  virtual int64_t source_bytes_read() const = 0;
  /// Reads the rest of the stream into a string.
  Result<std::string> ReadAll();
};

/// A byte source with random access: Parquet footers, ranged reads from object stores.
/// ReadAt is safe to call from several threads at once.
class RandomAccessFile {
 public:
  virtual ~RandomAccessFile() = default;
  virtual Result<int64_t> GetSize() = 0;
  /// Reads up to `nbytes` at `offset`; returns the count read (short only at end of file).
  virtual Result<int64_t> ReadAt(int64_t offset, int64_t nbytes, void* out) = 0;
  /// Reads exactly `nbytes` at `offset`, an InvalidData error if the file is shorter.
  Result<std::string> ReadRange(int64_t offset, int64_t nbytes);
};

/// A byte sink. For files and objects, nothing is visible at the destination until Close()
/// returns OK; a stream destroyed without Close() leaves nothing behind. Not thread safe.
class OutputStream {
 public:
  virtual ~OutputStream() = default;
  virtual Status Write(const void* data, int64_t nbytes) = 0;
  Status Write(std::string_view data) { return Write(data.data(), static_cast<int64_t>(data.size())); }
  /// Bytes written so far.
  virtual int64_t Tell() const = 0;
  /// Flushes and publishes the bytes. REQUIRES: called at most once.
  virtual Status Close() = 0;
};

/// An InputStream over bytes held in memory (tests, small objects).
class MemoryInputStream : public InputStream {
 public:
  explicit MemoryInputStream(std::string data) : data_(std::move(data)) {}
  Result<int64_t> Read(int64_t nbytes, void* out) override;
  int64_t source_bytes_read() const override { return static_cast<int64_t>(position_); }

 private:
  std::string data_;
  size_t position_ = 0;
};

/// A RandomAccessFile over bytes held in memory.
class MemoryRandomAccessFile : public RandomAccessFile {
 public:
  explicit MemoryRandomAccessFile(std::string data) : data_(std::move(data)) {}
  Result<int64_t> GetSize() override { return static_cast<int64_t>(data_.size()); }
  Result<int64_t> ReadAt(int64_t offset, int64_t nbytes, void* out) override;

 private:
  std::string data_;
};

/// An OutputStream that appends to a string it owns (tests, building small objects).
class MemoryOutputStream : public OutputStream {
 public:
  Status Write(const void* data, int64_t nbytes) override;
  using OutputStream::Write;
  int64_t Tell() const override { return static_cast<int64_t>(buffer_.size()); }
  Status Close() override { return Status::OK(); }
  const std::string& buffer() const { return buffer_; }
  std::string TakeBuffer() { return std::move(buffer_); }

 private:
  std::string buffer_;
};

}  // namespace inlet

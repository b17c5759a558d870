#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fs/file_system.h"

namespace inlet {

/// One kind of storage failure a FaultInjectingFileSystem plays.
enum class FaultKind {
  /// Any call (file system or stream) fails with an I/O error and does nothing.
  kIOError,
  /// A write (OpenOutputStream, OutputStream::Write or Close, PutIfAbsent) fails with
  /// "No space left on device" and does nothing.
  kDiskFull,
  /// An OutputStream::Write passes the first half of its bytes on, then fails.
  kShortWrite,
  /// A PutIfAbsent or OutputStream::Close takes effect, then reports an I/O error: the lost
  /// acknowledgement that makes a commit's outcome ambiguous.
  kLostAck,
};

/// "I/O error", "disk full", "short write", "lost acknowledgement".
std::string_view FaultKindName(FaultKind kind);

/// Which call fails, and how.
struct FaultPlan {
  FaultKind kind = FaultKind::kIOError;
  /// 1-based index among the calls `kind` applies to (counted since Arm).
  int64_t fail_at = 1;
  /// After the fault every later call fails with an I/O error, as when a store goes away.
  bool persistent = false;
};

/// Wraps a FileSystem and fails one chosen call, for tests that prove a writer survives every
/// failure at every step. Counts the calls a FaultKind applies to, including those on the
/// streams it opens; disarmed, it passes everything through. Thread safe.
class FaultInjectingFileSystem : public FileSystem {
 public:
  explicit FaultInjectingFileSystem(std::shared_ptr<FileSystem> base);
  ~FaultInjectingFileSystem() override;

  /// Starts counting calls afresh and fails the one `plan` names.
  void Arm(FaultPlan plan);
  /// Passes every later call through.
  void Disarm();
  /// Calls the armed kind applied to since Arm (disarmed: since construction, as kIOError).
  int64_t calls() const;
  /// The call that got the fault ("PutIfAbsent /t/_delta_log/00000000000000000001.json"), or
  /// empty while none has.
  std::string fault_description() const;

  std::string scheme() const override;
  Result<std::vector<FileInfo>> ListFiles(const std::string& prefix, bool recursive) override;
  Result<FileInfo> GetFileInfo(const std::string& path) override;
  Result<std::unique_ptr<InputStream>> OpenInputStream(const std::string& path) override;
  Result<std::unique_ptr<RandomAccessFile>> OpenInputFile(const std::string& path) override;
  Result<std::unique_ptr<OutputStream>> OpenOutputStream(const std::string& path) override;
  Status PutIfAbsent(const std::string& path, std::string_view contents) override;
  Status DeleteFile(const std::string& path) override;

  /// Shared with the streams, which keep counting after the file system is gone.
  struct State;

 private:
  std::shared_ptr<FileSystem> base_;
  std::shared_ptr<State> state_;
};

}  // namespace inlet

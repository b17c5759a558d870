#include "fs/fault_injecting_file_system.h"

#include <mutex>
#include <utility>

namespace inlet {

namespace {

enum class Op { kList, kGetInfo, kOpenInput, kRead, kOpenOutput, kWrite, kClose, kPut, kDelete };

std::string_view OpName(Op op) {
  switch (op) {
    case Op::kList: return "ListFiles";
    case Op::kGetInfo: return "GetFileInfo";
    case Op::kOpenInput: return "OpenInput";
    case Op::kRead: return "Read";
    case Op::kOpenOutput: return "OpenOutputStream";
    case Op::kWrite: return "Write";
    case Op::kClose: return "Close";
    case Op::kPut: return "PutIfAbsent";
    case Op::kDelete: return "DeleteFile";
  }
  return "?";
}

std::string_view Verb(Op op) {
  switch (op) {
    case Op::kList: return "list";
    case Op::kGetInfo: return "access";
    case Op::kOpenInput: return "open";
    case Op::kRead: return "read";
    case Op::kOpenOutput:
    case Op::kPut: return "create";
    case Op::kWrite: return "write";
    case Op::kClose: return "close";
    case Op::kDelete: return "delete";
  }
  return "?";
}

bool Applies(FaultKind kind, Op op) {
  switch (kind) {
    case FaultKind::kIOError: return true;
    case FaultKind::kDiskFull:
      return op == Op::kOpenOutput || op == Op::kWrite || op == Op::kClose || op == Op::kPut;
    case FaultKind::kShortWrite: return op == Op::kWrite;
    case FaultKind::kLostAck: return op == Op::kPut || op == Op::kClose;
  }
  return false;
}

Status Injected(Op op, const std::string& path, std::string_view reason) {
  return Status::IOError("cannot " + std::string(Verb(op)) + " '" + path + "': " +
                         std::string(reason) + " (injected fault)");
}

}  // namespace

std::string_view FaultKindName(FaultKind kind) {
  switch (kind) {
    case FaultKind::kIOError: return "I/O error";
    case FaultKind::kDiskFull: return "disk full";
    case FaultKind::kShortWrite: return "short write";
    case FaultKind::kLostAck: return "lost acknowledgement";
  }
  return "?";
}

struct FaultInjectingFileSystem::State {
  /// What the call about to run must do.
  enum class Verdict { kPass, kFail, kShortWrite, kLostAck };
  struct Decision {
    Verdict verdict = Verdict::kPass;
    Status status;
  };

  std::mutex mutex;
  FaultPlan plan;
  bool armed = false;
  bool fired = false;
  int64_t calls = 0;
  std::string description;

  Decision Before(Op op, const std::string& path) {
    std::lock_guard<std::mutex> lock(mutex);
    if (armed && fired && plan.persistent) {
      return {Verdict::kFail, Injected(op, path, "the store is unavailable")};
    }
    if (!Applies(plan.kind, op)) return {};
    ++calls;
    if (!armed || fired || calls != plan.fail_at) return {};
    fired = true;
    description = std::string(OpName(op)) + " " + path;
    switch (plan.kind) {
      case FaultKind::kIOError:
        return {Verdict::kFail, Injected(op, path, "Input/output error")};
      case FaultKind::kDiskFull:
        return {Verdict::kFail, Injected(op, path, "No space left on device")};
      case FaultKind::kShortWrite:
        return {Verdict::kShortWrite, Injected(op, path, "No space left on device")};
      case FaultKind::kLostAck:
        return {Verdict::kLostAck,
                Injected(op, path, "connection reset before the reply, after the call took effect")};
    }
    return {};
  }
};

namespace {

using State = FaultInjectingFileSystem::State;

class FaultyInputStream : public InputStream {
 public:
  FaultyInputStream(std::unique_ptr<InputStream> base, std::shared_ptr<State> state,
                    std::string path)
      : base_(std::move(base)), state_(std::move(state)), path_(std::move(path)) {}

  Result<int64_t> Read(int64_t nbytes, void* out) override {
    State::Decision d = state_->Before(Op::kRead, path_);
    if (d.verdict == State::Verdict::kFail) return d.status;
    return base_->Read(nbytes, out);
  }
  int64_t source_bytes_read() const override { return base_->source_bytes_read(); }

 private:
  std::unique_ptr<InputStream> base_;
  std::shared_ptr<State> state_;
  std::string path_;
};

class FaultyRandomAccessFile : public RandomAccessFile {
 public:
  FaultyRandomAccessFile(std::unique_ptr<RandomAccessFile> base, std::shared_ptr<State> state,
                         std::string path)
      : base_(std::move(base)), state_(std::move(state)), path_(std::move(path)) {}

  Result<int64_t> GetSize() override { return base_->GetSize(); }
  Result<int64_t> ReadAt(int64_t offset, int64_t nbytes, void* out) override {
    State::Decision d = state_->Before(Op::kRead, path_);
    if (d.verdict == State::Verdict::kFail) return d.status;
    return base_->ReadAt(offset, nbytes, out);
  }

 private:
  std::unique_ptr<RandomAccessFile> base_;
  std::shared_ptr<State> state_;
  std::string path_;
};

class FaultyOutputStream : public OutputStream {
 public:
  FaultyOutputStream(std::unique_ptr<OutputStream> base, std::shared_ptr<State> state,
                     std::string path)
      : base_(std::move(base)), state_(std::move(state)), path_(std::move(path)) {}

  Status Write(const void* data, int64_t nbytes) override {
    State::Decision d = state_->Before(Op::kWrite, path_);
    if (d.verdict == State::Verdict::kFail) return d.status;
    if (d.verdict == State::Verdict::kShortWrite) {
      INLET_RETURN_NOT_OK(base_->Write(data, nbytes / 2));
      return d.status;
    }
    return base_->Write(data, nbytes);
  }
  using OutputStream::Write;

  int64_t Tell() const override { return base_->Tell(); }

  Status Close() override {
    State::Decision d = state_->Before(Op::kClose, path_);
    if (d.verdict == State::Verdict::kFail) return d.status;
    INLET_RETURN_NOT_OK(base_->Close());
    return d.verdict == State::Verdict::kLostAck ? d.status : Status::OK();
  }

 private:
  std::unique_ptr<OutputStream> base_;
  std::shared_ptr<State> state_;
  std::string path_;
};

}  // namespace

FaultInjectingFileSystem::FaultInjectingFileSystem(std::shared_ptr<FileSystem> base)
    : base_(std::move(base)), state_(std::make_shared<State>()) {}

FaultInjectingFileSystem::~FaultInjectingFileSystem() = default;

void FaultInjectingFileSystem::Arm(FaultPlan plan) {
  std::lock_guard<std::mutex> lock(state_->mutex);
  state_->plan = plan;
  state_->armed = true;
  state_->fired = false;
  state_->calls = 0;
  state_->description.clear();
}

void FaultInjectingFileSystem::Disarm() {
  std::lock_guard<std::mutex> lock(state_->mutex);
  state_->armed = false;
}

int64_t FaultInjectingFileSystem::calls() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->calls;
}

std::string FaultInjectingFileSystem::fault_description() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->description;
}

std::string FaultInjectingFileSystem::scheme() const { return base_->scheme(); }

Result<std::vector<FileInfo>> FaultInjectingFileSystem::ListFiles(const std::string& prefix,
                                                                  bool recursive) {
  State::Decision d = state_->Before(Op::kList, prefix);
  if (d.verdict == State::Verdict::kFail) return d.status;
  return base_->ListFiles(prefix, recursive);
}

Result<FileInfo> FaultInjectingFileSystem::GetFileInfo(const std::string& path) {
  State::Decision d = state_->Before(Op::kGetInfo, path);
  if (d.verdict == State::Verdict::kFail) return d.status;
  return base_->GetFileInfo(path);
}

Result<std::unique_ptr<InputStream>> FaultInjectingFileSystem::OpenInputStream(
    const std::string& path) {
  State::Decision d = state_->Before(Op::kOpenInput, path);
  if (d.verdict == State::Verdict::kFail) return d.status;
  INLET_ASSIGN_OR_RETURN(std::unique_ptr<InputStream> base, base_->OpenInputStream(path));
  return std::unique_ptr<InputStream>(
      std::make_unique<FaultyInputStream>(std::move(base), state_, path));
}

Result<std::unique_ptr<RandomAccessFile>> FaultInjectingFileSystem::OpenInputFile(
    const std::string& path) {
  State::Decision d = state_->Before(Op::kOpenInput, path);
  if (d.verdict == State::Verdict::kFail) return d.status;
  INLET_ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> base, base_->OpenInputFile(path));
  return std::unique_ptr<RandomAccessFile>(
      std::make_unique<FaultyRandomAccessFile>(std::move(base), state_, path));
}

Result<std::unique_ptr<OutputStream>> FaultInjectingFileSystem::OpenOutputStream(
    const std::string& path) {
  State::Decision d = state_->Before(Op::kOpenOutput, path);
  if (d.verdict == State::Verdict::kFail) return d.status;
  INLET_ASSIGN_OR_RETURN(std::unique_ptr<OutputStream> base, base_->OpenOutputStream(path));
  return std::unique_ptr<OutputStream>(
      std::make_unique<FaultyOutputStream>(std::move(base), state_, path));
}

Status FaultInjectingFileSystem::PutIfAbsent(const std::string& path, std::string_view contents) {
  State::Decision d = state_->Before(Op::kPut, path);
  if (d.verdict == State::Verdict::kFail) return d.status;
  INLET_RETURN_NOT_OK(base_->PutIfAbsent(path, contents));
  return d.verdict == State::Verdict::kLostAck ? d.status : Status::OK();
}

Status FaultInjectingFileSystem::DeleteFile(const std::string& path) {
  State::Decision d = state_->Before(Op::kDelete, path);
  if (d.verdict == State::Verdict::kFail) return d.status;
  return base_->DeleteFile(path);
}

}  // namespace inlet

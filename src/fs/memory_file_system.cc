#include "fs/memory_file_system.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <utility>

#include "common/macros.h"
#include "common/string_util.h"

namespace inlet {

struct MemoryFileSystem::State {
  struct Entry {
    std::string data;
    int64_t mtime_micros;
    std::string etag;
  };

  std::mutex mutex;
  std::map<std::string, Entry> files;
  int64_t last_mtime_micros = 0;

  /// Stores `data` at `path`; with `if_absent`, AlreadyExists when something is there.
  Status Publish(const std::string& path, std::string data, bool if_absent) {
    std::string etag = Sha256Hex(data);
    std::lock_guard<std::mutex> lock(mutex);
    if (if_absent && files.count(path) > 0) {
      return Status::AlreadyExists("'" + path + "' already exists");
    }
    // Strictly increasing, so a test can tell two writes in the same microsecond apart.
    last_mtime_micros = std::max(NowMicros(), last_mtime_micros + 1);
    files[path] = Entry{std::move(data), last_mtime_micros, std::move(etag)};
    return Status::OK();
  }

  Result<std::string> Get(std::string_view verb, const std::string& path) {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = files.find(path);
    if (it == files.end()) return NotFound(verb, path);
    return it->second.data;
  }

  static Status NotFound(std::string_view verb, const std::string& path) {
    return Status::NotFound("cannot " + std::string(verb) + " '" + path +
                            "': No such file or directory");
  }
};

namespace {

class MemoryFileOutputStream : public OutputStream {
 public:
  MemoryFileOutputStream(std::shared_ptr<MemoryFileSystem::State> state, std::string path)
      : state_(std::move(state)), path_(std::move(path)) {}

  Status Write(const void* data, int64_t nbytes) override {
    INLET_DCHECK(!closed_);
    buffer_.append(static_cast<const char*>(data), static_cast<size_t>(nbytes));
    return Status::OK();
  }
  using OutputStream::Write;

  int64_t Tell() const override { return static_cast<int64_t>(buffer_.size()); }

  Status Close() override {
    INLET_DCHECK(!closed_);
    closed_ = true;
    return state_->Publish(path_, std::move(buffer_), /*if_absent=*/false);
  }

 private:
  std::shared_ptr<MemoryFileSystem::State> state_;
  std::string path_;
  std::string buffer_;
  bool closed_ = false;
};

}  // namespace

MemoryFileSystem::MemoryFileSystem(std::string scheme)
    : scheme_(std::move(scheme)), state_(std::make_shared<State>()) {}

MemoryFileSystem::~MemoryFileSystem() = default;

Result<std::vector<FileInfo>> MemoryFileSystem::ListFiles(const std::string& prefix,
                                                          bool recursive) {
  std::string dir = prefix;
  while (!dir.empty() && dir.back() == '/') dir.pop_back();
  if (!dir.empty() || prefix == "/") dir += '/';
  std::vector<FileInfo> out;
  bool exists = false;
  std::lock_guard<std::mutex> lock(state_->mutex);
  for (auto it = state_->files.lower_bound(dir);
       it != state_->files.end() && it->first.starts_with(dir); ++it) {
    exists = true;
    if (!recursive && it->first.find('/', dir.size()) != std::string::npos) continue;
    out.push_back(FileInfo{it->first, static_cast<int64_t>(it->second.data.size()),
                           it->second.mtime_micros, it->second.etag});
  }
  if (!exists) return State::NotFound("list", prefix);
  return out;
}

Result<FileInfo> MemoryFileSystem::GetFileInfo(const std::string& path) {
  std::lock_guard<std::mutex> lock(state_->mutex);
  auto it = state_->files.find(path);
  if (it == state_->files.end()) return State::NotFound("access", path);
  return FileInfo{path, static_cast<int64_t>(it->second.data.size()), it->second.mtime_micros,
                  it->second.etag};
}

Result<std::unique_ptr<InputStream>> MemoryFileSystem::OpenInputStream(const std::string& path) {
  INLET_ASSIGN_OR_RETURN(std::string data, state_->Get("open", path));
  return std::unique_ptr<InputStream>(std::make_unique<MemoryInputStream>(std::move(data)));
}

Result<std::unique_ptr<RandomAccessFile>> MemoryFileSystem::OpenInputFile(const std::string& path) {
  INLET_ASSIGN_OR_RETURN(std::string data, state_->Get("open", path));
  return std::unique_ptr<RandomAccessFile>(
      std::make_unique<MemoryRandomAccessFile>(std::move(data)));
}

Result<std::unique_ptr<OutputStream>> MemoryFileSystem::OpenOutputStream(const std::string& path) {
  return std::unique_ptr<OutputStream>(std::make_unique<MemoryFileOutputStream>(state_, path));
}

Status MemoryFileSystem::PutIfAbsent(const std::string& path, std::string_view contents) {
  return state_->Publish(path, std::string(contents), /*if_absent=*/true);
}

Status MemoryFileSystem::DeleteFile(const std::string& path) {
  std::lock_guard<std::mutex> lock(state_->mutex);
  if (state_->files.erase(path) == 0) return State::NotFound("delete", path);
  return Status::OK();
}

}  // namespace inlet

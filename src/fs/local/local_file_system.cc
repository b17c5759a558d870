#include "fs/local/local_file_system.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

#include "common/crash_point.h"
#include "common/macros.h"
#include "common/string_util.h"

namespace inlet {
namespace {

// Reads bigger than this go straight to the caller's buffer; smaller ones are served from a
// buffer of this size so that a parser asking for a few bytes at a time costs few syscalls.
constexpr int64_t kBufferSize = 1 << 16;

std::string ErrnoText(int err) { return std::error_code(err, std::generic_category()).message(); }

/// "cannot <verb> '<path>': <errno text>", with a code callers can branch on.
Status ErrnoStatus(std::string_view verb, std::string_view path, int err) {
  std::string msg =
      "cannot " + std::string(verb) + " '" + std::string(path) + "': " + ErrnoText(err);
  switch (err) {
    case ENOENT:
    case ENOTDIR:
      return Status::NotFound(std::move(msg));
    case EEXIST:
      return Status::AlreadyExists(std::move(msg));
    default:
      return Status::IOError(std::move(msg));
  }
}

Status IsDirectoryStatus(std::string_view verb, std::string_view path) {
  return Status::NotFound("cannot " + std::string(verb) + " '" + std::string(path) +
                          "': it is a folder, not a file");
}

int64_t MtimeMicros(const struct stat& st) {
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000 + st.st_mtim.tv_nsec / 1000;
}

/// Owns a file descriptor and closes it on destruction.
class UniqueFd {
 public:
  explicit UniqueFd(int fd = -1) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) {
      Reset();
      fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { Reset(); }

  int get() const { return fd_; }
  /// Closes now, reporting the error close(2) may carry (NFS reports write errors there).
  int Close() {
    int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }

 private:
  void Reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  int fd_;
};

std::string_view ParentDir(std::string_view path) {
  size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string StripTrailingSlashes(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

/// The hidden temporary file a write goes to before it is published at `path`.
std::string TempPathFor(std::string_view path) {
  std::string out(ParentDir(path));
  if (out.back() != '/') out += '/';
  out += '.';
  out += BaseName(path);
  out += ".tmp-";
  out += RandomUuid();
  return out;
}

/// True for names TempPathFor makes: writes in progress are not files yet, so listings hide them.
bool IsTempName(std::string_view name) {
  constexpr std::string_view kMarker = ".tmp-";
  constexpr size_t kUuidLength = 36;
  if (name.size() < 1 + kMarker.size() + kUuidLength || name.front() != '.') return false;
  return name.substr(name.size() - kUuidLength - kMarker.size(), kMarker.size()) == kMarker;
}

Status CreateParentDirs(std::string_view path) {
  std::string parent(ParentDir(path));
  struct stat st;
  if (::stat(parent.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return Status::OK();
  for (size_t pos = parent.find('/', 1);; pos = parent.find('/', pos + 1)) {
    std::string dir = parent.substr(0, pos);
    if (::mkdir(dir.c_str(), 0777) != 0 && errno != EEXIST) {
      return ErrnoStatus("create folder", dir, errno);
    }
    if (pos == std::string::npos) return Status::OK();
  }
}

/// Makes a rename or link in `dir` durable: without this a crash can forget a committed file.
Status SyncDir(std::string_view dir) {
  std::string dir_str(dir);
  UniqueFd fd(::open(dir_str.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return ErrnoStatus("open folder", dir, errno);
  if (::fsync(fd.get()) != 0) return ErrnoStatus("sync folder", dir, errno);
  return Status::OK();
}

Status WriteAll(int fd, const char* data, int64_t nbytes, std::string_view path) {
  while (nbytes > 0) {
    ssize_t n = ::write(fd, data, static_cast<size_t>(nbytes));
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus("write", path, errno);
    }
    data += n;
    nbytes -= n;
  }
  return Status::OK();
}

Result<UniqueFd> OpenForReading(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return ErrnoStatus("open", path, errno);
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) return ErrnoStatus("open", path, errno);
  if (S_ISDIR(st.st_mode)) return IsDirectoryStatus("open", path);
  return fd;
}

class LocalInputStream : public InputStream {
 public:
  LocalInputStream(UniqueFd fd, std::string path) : fd_(std::move(fd)), path_(std::move(path)) {}

  Result<int64_t> Read(int64_t nbytes, void* out) override {
    char* dest = static_cast<char*>(out);
    int64_t done = std::min<int64_t>(nbytes, static_cast<int64_t>(buffer_.size() - buffer_pos_));
    std::memcpy(dest, buffer_.data() + buffer_pos_, static_cast<size_t>(done));
    buffer_pos_ += static_cast<size_t>(done);
    if (done > 0 || nbytes == 0) {
      delivered_ += done;
      return done;
    }
    if (nbytes >= kBufferSize) {
      INLET_ASSIGN_OR_RETURN(done, ReadSome(dest, nbytes));
    } else {
      buffer_.resize(kBufferSize);
      INLET_ASSIGN_OR_RETURN(int64_t filled, ReadSome(buffer_.data(), kBufferSize));
      buffer_.resize(static_cast<size_t>(filled));
      done = std::min(nbytes, filled);
      std::memcpy(dest, buffer_.data(), static_cast<size_t>(done));
      buffer_pos_ = static_cast<size_t>(done);
    }
    delivered_ += done;
    return done;
  }

  int64_t source_bytes_read() const override { return delivered_; }

 private:
  Result<int64_t> ReadSome(char* dest, int64_t nbytes) {
    while (true) {
      ssize_t n = ::read(fd_.get(), dest, static_cast<size_t>(nbytes));
      if (n >= 0) return static_cast<int64_t>(n);
      if (errno != EINTR) return ErrnoStatus("read", path_, errno);
    }
  }

  UniqueFd fd_;
  std::string path_;
  std::string buffer_;
  size_t buffer_pos_ = 0;
  int64_t delivered_ = 0;
};

class LocalRandomAccessFile : public RandomAccessFile {
 public:
  LocalRandomAccessFile(UniqueFd fd, std::string path, int64_t size)
      : fd_(std::move(fd)), path_(std::move(path)), size_(size) {}

  Result<int64_t> GetSize() override { return size_; }

  // pread(2) takes its own offset, so concurrent calls share the descriptor safely.
  Result<int64_t> ReadAt(int64_t offset, int64_t nbytes, void* out) override {
    if (offset < 0 || nbytes < 0) return Status::InvalidArgument("negative read range");
    char* dest = static_cast<char*>(out);
    int64_t done = 0;
    while (done < nbytes) {
      ssize_t n = ::pread(fd_.get(), dest + done, static_cast<size_t>(nbytes - done),
                          static_cast<off_t>(offset + done));
      if (n < 0) {
        if (errno == EINTR) continue;
        return ErrnoStatus("read", path_, errno);
      }
      if (n == 0) break;
      done += n;
    }
    return done;
  }

 private:
  UniqueFd fd_;
  std::string path_;
  int64_t size_;
};

class LocalOutputStream : public OutputStream {
 public:
  LocalOutputStream(UniqueFd fd, std::string temp_path, std::string path)
      : fd_(std::move(fd)), temp_path_(std::move(temp_path)), path_(std::move(path)) {}

  ~LocalOutputStream() override {
    if (!closed_) {
      fd_.Close();
      ::unlink(temp_path_.c_str());
    }
  }

  Status Write(const void* data, int64_t nbytes) override {
    INLET_DCHECK(!closed_);
    const char* bytes = static_cast<const char*>(data);
    position_ += nbytes;
    if (static_cast<int64_t>(buffer_.size()) + nbytes < kBufferSize) {
      buffer_.append(bytes, static_cast<size_t>(nbytes));
      return Status::OK();
    }
    INLET_RETURN_NOT_OK(Flush());
    return WriteAll(fd_.get(), bytes, nbytes, path_);
  }
  using OutputStream::Write;

  int64_t Tell() const override { return position_; }

  Status Close() override {
    INLET_DCHECK(!closed_);
    closed_ = true;
    Status st = Publish();
    if (!st.ok()) ::unlink(temp_path_.c_str());
    return st;
  }

 private:
  Status Flush() {
    Status st = WriteAll(fd_.get(), buffer_.data(), static_cast<int64_t>(buffer_.size()), path_);
    buffer_.clear();
    return st;
  }

  Status Publish() {
    INLET_RETURN_NOT_OK(Flush());
    if (::fsync(fd_.get()) != 0) return ErrnoStatus("write", path_, errno);
    if (fd_.Close() != 0) return ErrnoStatus("write", path_, errno);
    if (::rename(temp_path_.c_str(), path_.c_str()) != 0) {
      return ErrnoStatus("write", path_, errno);
    }
    return SyncDir(ParentDir(path_));
  }

  UniqueFd fd_;
  std::string temp_path_;
  std::string path_;
  std::string buffer_;
  int64_t position_ = 0;
  bool closed_ = false;
};

/// Creates the temporary file for a write to `path`, creating parent folders as needed.
Result<UniqueFd> CreateTempFor(const std::string& path, std::string* temp_path) {
  INLET_RETURN_NOT_OK(CreateParentDirs(path));
  *temp_path = TempPathFor(path);
  UniqueFd fd(::open(temp_path->c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666));
  if (fd.get() < 0) return ErrnoStatus("create", path, errno);
  return fd;
}

Status ListDir(const std::string& dir, bool recursive, std::vector<FileInfo>* out) {
  DIR* handle = ::opendir(dir.c_str());
  if (handle == nullptr) return ErrnoStatus("list", dir, errno);
  std::vector<std::string> subdirs;
  Status status;
  while (true) {
    errno = 0;
    struct dirent* entry = ::readdir(handle);
    if (entry == nullptr) {
      if (errno != 0) status = ErrnoStatus("list", dir, errno);
      break;
    }
    std::string_view name = entry->d_name;
    if (name == "." || name == ".." || IsTempName(name)) continue;
    struct stat st;
    if (::fstatat(::dirfd(handle), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
      // A file deleted while we list it was simply not there.
      if (errno == ENOENT) continue;
      status = ErrnoStatus("access", JoinPath(dir, name), errno);
      break;
    }
    if (S_ISDIR(st.st_mode)) {
      if (recursive) subdirs.push_back(JoinPath(dir, name));
      continue;
    }
    if (S_ISLNK(st.st_mode) && ::fstatat(::dirfd(handle), entry->d_name, &st, 0) != 0) {
      continue;  // a dangling link names no file
    }
    if (S_ISREG(st.st_mode)) {
      out->push_back(
          FileInfo{JoinPath(dir, name), static_cast<int64_t>(st.st_size), MtimeMicros(st), ""});
    }
  }
  ::closedir(handle);
  INLET_RETURN_NOT_OK(status);
  for (const std::string& subdir : subdirs) {
    Status st = ListDir(subdir, recursive, out);
    // A folder removed between listing its parent and opening it is skipped like a file.
    if (!st.ok() && !st.IsNotFound()) return st;
  }
  return Status::OK();
}

}  // namespace

Result<std::vector<FileInfo>> LocalFileSystem::ListFiles(const std::string& prefix,
                                                         bool recursive) {
  std::vector<FileInfo> out;
  INLET_RETURN_NOT_OK(ListDir(StripTrailingSlashes(prefix), recursive, &out));
  std::sort(out.begin(), out.end(),
            [](const FileInfo& a, const FileInfo& b) { return a.path < b.path; });
  return out;
}

Result<FileInfo> LocalFileSystem::GetFileInfo(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return ErrnoStatus("access", path, errno);
  if (S_ISDIR(st.st_mode)) return IsDirectoryStatus("access", path);
  return FileInfo{path, static_cast<int64_t>(st.st_size), MtimeMicros(st), ""};
}

Result<std::unique_ptr<InputStream>> LocalFileSystem::OpenInputStream(const std::string& path) {
  INLET_ASSIGN_OR_RETURN(UniqueFd fd, OpenForReading(path));
  return std::unique_ptr<InputStream>(std::make_unique<LocalInputStream>(std::move(fd), path));
}

Result<std::unique_ptr<RandomAccessFile>> LocalFileSystem::OpenInputFile(const std::string& path) {
  INLET_ASSIGN_OR_RETURN(UniqueFd fd, OpenForReading(path));
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) return ErrnoStatus("open", path, errno);
  return std::unique_ptr<RandomAccessFile>(
      std::make_unique<LocalRandomAccessFile>(std::move(fd), path, st.st_size));
}

Result<std::unique_ptr<OutputStream>> LocalFileSystem::OpenOutputStream(const std::string& path) {
  std::string temp_path;
  INLET_ASSIGN_OR_RETURN(UniqueFd fd, CreateTempFor(path, &temp_path));
  return std::unique_ptr<OutputStream>(
      std::make_unique<LocalOutputStream>(std::move(fd), std::move(temp_path), path));
}

Status LocalFileSystem::PutIfAbsent(const std::string& path, std::string_view contents) {
  std::string temp_path;
  INLET_ASSIGN_OR_RETURN(UniqueFd fd, CreateTempFor(path, &temp_path));
  Status st = WriteAll(fd.get(), contents.data(), static_cast<int64_t>(contents.size()), path);
  if (st.ok() && ::fsync(fd.get()) != 0) st = ErrnoStatus("write", path, errno);
  if (st.ok() && fd.Close() != 0) st = ErrnoStatus("write", path, errno);
  CrashPoint("fs.put_if_absent.before_link");
  // link(2), unlike rename(2), fails with EEXIST instead of replacing the target, and the target
  // appears with its complete contents in one step.
  if (st.ok() && ::link(temp_path.c_str(), path.c_str()) != 0) {
    st = errno == EEXIST ? Status::AlreadyExists("'" + path + "' already exists")
                         : ErrnoStatus("create", path, errno);
  }
  ::unlink(temp_path.c_str());
  INLET_RETURN_NOT_OK(st);
  return SyncDir(ParentDir(path));
}

Status LocalFileSystem::DeleteFile(const std::string& path) {
  if (::unlink(path.c_str()) != 0) return ErrnoStatus("delete", path, errno);
  return Status::OK();
}

}  // namespace inlet

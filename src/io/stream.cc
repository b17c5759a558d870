#include "io/stream.h"

#include <algorithm>
#include <cstring>

namespace inlet {

Result<std::string> InputStream::ReadAll() {
  std::string out;
  constexpr int64_t kChunk = 1 << 16;
  while (true) {
    size_t old_size = out.size();
    out.resize(old_size + kChunk);
    INLET_ASSIGN_OR_RETURN(int64_t n, Read(kChunk, out.data() + old_size));
    out.resize(old_size + static_cast<size_t>(n));
    if (n == 0) return out;
  }
}

Result<std::string> RandomAccessFile::ReadRange(int64_t offset, int64_t nbytes) {
  if (offset < 0 || nbytes < 0) {
    return Status::InvalidArgument("negative read range");
  }
  std::string out(static_cast<size_t>(nbytes), '\0');
  int64_t done = 0;
  while (done < nbytes) {
    INLET_ASSIGN_OR_RETURN(int64_t n, ReadAt(offset + done, nbytes - done, out.data() + done));
    if (n == 0) {
      return Status::InvalidData("file ends at byte " + std::to_string(offset + done) +
                                 " but " + std::to_string(nbytes) + " bytes were expected at " +
                                 std::to_string(offset));
    }
    done += n;
  }
  return out;
}

Result<int64_t> MemoryInputStream::Read(int64_t nbytes, void* out) {
  size_t n = std::min(static_cast<size_t>(nbytes), data_.size() - position_);
  std::memcpy(out, data_.data() + position_, n);
  position_ += n;
  return static_cast<int64_t>(n);
}

Result<int64_t> MemoryRandomAccessFile::ReadAt(int64_t offset, int64_t nbytes, void* out) {
  if (offset < 0 || nbytes < 0) return Status::InvalidArgument("negative read range");
  if (static_cast<size_t>(offset) >= data_.size()) return int64_t{0};
  size_t n = std::min(static_cast<size_t>(nbytes), data_.size() - static_cast<size_t>(offset));
  std::memcpy(out, data_.data() + offset, n);
  return static_cast<int64_t>(n);
}

Status MemoryOutputStream::Write(const void* data, int64_t nbytes) {
  buffer_.append(static_cast<const char*>(data), static_cast<size_t>(nbytes));
  return Status::OK();
}

}  // namespace inlet

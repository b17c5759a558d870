#include "io/compression.h"

#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstring>
#include <limits>

#include "common/string_util.h"

namespace inlet {
namespace {

constexpr std::string_view kGzipMagic("\x1f\x8b", 2);
constexpr std::string_view kZstdMagic("\x28\xb5\x2f\xfd", 4);
// Enough bytes for every magic number we know, including codecs still to come (xz needs 6).
constexpr int64_t kPeekBytes = 8;
constexpr size_t kInputBufferSize = 1 << 16;

bool EndsWithIgnoreCase(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         EqualsIgnoreCase(text.substr(text.size() - suffix.size()), suffix);
}

/// Replays bytes already read from the front of `source`, then reads on from it.
class PeekedInputStream : public InputStream {
 public:
  PeekedInputStream(std::string prefix, std::unique_ptr<InputStream> source)
      : prefix_(std::move(prefix)), source_(std::move(source)) {}

  Result<int64_t> Read(int64_t nbytes, void* out) override {
    if (prefix_pos_ < prefix_.size()) {
      size_t n = std::min(static_cast<size_t>(nbytes), prefix_.size() - prefix_pos_);
      std::memcpy(out, prefix_.data() + prefix_pos_, n);
      prefix_pos_ += n;
      return static_cast<int64_t>(n);
    }
    return source_->Read(nbytes, out);
  }

  // Bytes peeked but not yet handed out are not counted, so the total matches the file size.
  int64_t source_bytes_read() const override {
    return source_->source_bytes_read() - static_cast<int64_t>(prefix_.size() - prefix_pos_);
  }

 private:
  std::string prefix_;
  size_t prefix_pos_ = 0;
  std::unique_ptr<InputStream> source_;
};

/// The input side shared by the decompressors: a buffer refilled from the compressed source.
class CompressedInput {
 public:
  explicit CompressedInput(std::unique_ptr<InputStream> source)
      : source_(std::move(source)), buffer_(kInputBufferSize, '\0') {}

  /// Refills the buffer when it is used up; afterwards empty() means the source has ended.
  Status FillIfEmpty() {
    if (!empty() || eof_) return Status::OK();
    INLET_ASSIGN_OR_RETURN(int64_t n,
                           source_->Read(static_cast<int64_t>(buffer_.size()), buffer_.data()));
    start_ = 0;
    end_ = static_cast<size_t>(n);
    eof_ = n == 0;
    total_ += n;
    return Status::OK();
  }

  bool empty() const { return start_ == end_; }
  bool eof() const { return eof_; }
  const char* data() const { return buffer_.data() + start_; }
  size_t size() const { return end_ - start_; }
  void Consume(size_t n) { start_ += n; }
  /// Compressed bytes the codec has taken so far.
  int64_t consumed() const { return total_ - static_cast<int64_t>(size()); }

 private:
  std::unique_ptr<InputStream> source_;
  std::string buffer_;
  size_t start_ = 0;
  size_t end_ = 0;
  int64_t total_ = 0;
  bool eof_ = false;
};

class GzipInputStream : public InputStream {
 public:
  explicit GzipInputStream(std::unique_ptr<InputStream> source) : input_(std::move(source)) {}
  ~GzipInputStream() override {
    if (initialized_) inflateEnd(&stream_);
  }

  Status Init() {
    std::memset(&stream_, 0, sizeof(stream_));
    // 16 + MAX_WBITS: expect a gzip header and trailer, not a raw zlib stream.
    if (inflateInit2(&stream_, 16 + MAX_WBITS) != Z_OK) {
      return Status::Internal("gzip: cannot initialize zlib");
    }
    initialized_ = true;
    return Status::OK();
  }

  Result<int64_t> Read(int64_t nbytes, void* out) override {
    // zlib counts in uInt, so one call produces at most that many bytes.
    uInt capacity = static_cast<uInt>(std::min<int64_t>(nbytes, std::numeric_limits<uInt>::max()));
    stream_.next_out = static_cast<Bytef*>(out);
    stream_.avail_out = capacity;
    while (stream_.avail_out == capacity && capacity > 0 && !finished_) {
      INLET_RETURN_NOT_OK(input_.FillIfEmpty());
      if (member_ended_) {
        // `cat a.gz b.gz` is a valid gzip file: after one member ends, the next may follow.
        if (input_.empty()) {
          finished_ = true;
          break;
        }
        inflateReset(&stream_);
        member_ended_ = false;
      }
      stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input_.data()));
      stream_.avail_in = static_cast<uInt>(input_.size());
      int rc = inflate(&stream_, Z_NO_FLUSH);
      input_.Consume(input_.size() - stream_.avail_in);
      switch (rc) {
        case Z_STREAM_END:
          member_ended_ = true;
          break;
        case Z_OK:
          break;
        case Z_BUF_ERROR:
          // No progress was possible. FillIfEmpty leaves the input empty only at the end of the
          // source, so zlib wants more input than there is.
          if (input_.eof()) {
            return Status::InvalidData(
                "gzip: compressed data ends unexpectedly (truncated file?) after " +
                std::to_string(input_.consumed()) + " bytes");
          }
          break;
        default:
          return Status::InvalidData("gzip: corrupt data near compressed byte " +
                                     std::to_string(input_.consumed()) + ": " +
                                     (stream_.msg != nullptr ? stream_.msg : "unknown error"));
      }
    }
    return static_cast<int64_t>(capacity - stream_.avail_out);
  }

  int64_t source_bytes_read() const override { return input_.consumed(); }

 private:
  CompressedInput input_;
  z_stream stream_;
  bool initialized_ = false;
  bool member_ended_ = false;
  bool finished_ = false;
};

class ZstdInputStream : public InputStream {
 public:
  explicit ZstdInputStream(std::unique_ptr<InputStream> source) : input_(std::move(source)) {}
  ~ZstdInputStream() override { ZSTD_freeDCtx(context_); }

  Status Init() {
    context_ = ZSTD_createDCtx();
    if (context_ == nullptr) return Status::Internal("zstd: cannot create a decompression context");
    return Status::OK();
  }

  Result<int64_t> Read(int64_t nbytes, void* out) override {
    ZSTD_outBuffer output{out, static_cast<size_t>(nbytes), 0};
    while (output.pos == 0 && output.size > 0 && !finished_) {
      INLET_RETURN_NOT_OK(input_.FillIfEmpty());
      ZSTD_inBuffer in{input_.data(), input_.size(), 0};
      // Called even with no input left: zstd may still hold output that did not fit last time.
      size_t rc = ZSTD_decompressStream(context_, &output, &in);
      input_.Consume(in.pos);
      if (ZSTD_isError(rc)) {
        return Status::InvalidData("zstd: corrupt data near compressed byte " +
                                   std::to_string(input_.consumed()) + ": " +
                                   ZSTD_getErrorName(rc));
      }
      // rc == 0 means the current frame is complete; zstd starts the next frame by itself. A
      // call that did nothing says nothing about the frame, so it leaves the flag alone.
      if (in.pos > 0 || output.pos > 0) frame_complete_ = rc == 0;
      seen_input_ |= in.pos > 0;
      if (output.pos == 0 && input_.empty() && input_.eof()) {
        if (!frame_complete_ || !seen_input_) {
          return Status::InvalidData(
              "zstd: compressed data ends unexpectedly (truncated file?) after " +
              std::to_string(input_.consumed()) + " bytes");
        }
        finished_ = true;
      }
    }
    return static_cast<int64_t>(output.pos);
  }

  int64_t source_bytes_read() const override { return input_.consumed(); }

 private:
  CompressedInput input_;
  ZSTD_DCtx* context_ = nullptr;
  bool frame_complete_ = false;
  bool seen_input_ = false;
  bool finished_ = false;
};

}  // namespace

const char* CompressionName(Compression c) {
  switch (c) {
    case Compression::kNone:
      return "none";
    case Compression::kGzip:
      return "gzip";
    case Compression::kZstd:
      return "zstd";
  }
  return "unknown";
}

Result<Compression> CompressionFromName(std::string_view name) {
  std::string lower = AsciiToLower(TrimWhitespace(name));
  if (lower == "none") return Compression::kNone;
  if (lower == "gzip" || lower == "gz") return Compression::kGzip;
  if (lower == "zstd" || lower == "zst") return Compression::kZstd;
  return Status::InvalidArgument("unknown compression '" + std::string(name) +
                                 "': expected AUTO, NONE, GZIP or ZSTD");
}

Compression DetectCompression(std::string_view first_bytes, std::string_view path) {
  if (first_bytes.starts_with(kGzipMagic)) return Compression::kGzip;
  if (first_bytes.starts_with(kZstdMagic)) return Compression::kZstd;
  if (EndsWithIgnoreCase(path, ".gz") || EndsWithIgnoreCase(path, ".gzip")) {
    return Compression::kGzip;
  }
  if (EndsWithIgnoreCase(path, ".zst") || EndsWithIgnoreCase(path, ".zstd")) {
    return Compression::kZstd;
  }
  return Compression::kNone;
}

Result<std::unique_ptr<InputStream>> MakeDecompressingStream(std::unique_ptr<InputStream> source,
                                                             Compression compression) {
  switch (compression) {
    case Compression::kNone:
      return source;
    case Compression::kGzip: {
      auto stream = std::make_unique<GzipInputStream>(std::move(source));
      INLET_RETURN_NOT_OK(stream->Init());
      return std::unique_ptr<InputStream>(std::move(stream));
    }
    case Compression::kZstd: {
      auto stream = std::make_unique<ZstdInputStream>(std::move(source));
      INLET_RETURN_NOT_OK(stream->Init());
      return std::unique_ptr<InputStream>(std::move(stream));
    }
  }
  return Status::Internal("unknown compression");
}

Result<std::unique_ptr<InputStream>> OpenMaybeCompressed(std::unique_ptr<InputStream> source,
                                                         std::string_view path,
                                                         const Compression* forced) {
  if (forced != nullptr) return MakeDecompressingStream(std::move(source), *forced);
  std::string prefix(kPeekBytes, '\0');
  int64_t have = 0;
  // A stream may return fewer bytes than asked for; only 0 means the end.
  while (have < kPeekBytes) {
    INLET_ASSIGN_OR_RETURN(int64_t n, source->Read(kPeekBytes - have, prefix.data() + have));
    if (n == 0) break;
    have += n;
  }
  prefix.resize(static_cast<size_t>(have));
  Compression compression = DetectCompression(prefix, path);
  return MakeDecompressingStream(
      std::make_unique<PeekedInputStream>(std::move(prefix), std::move(source)), compression);
}

}  // namespace inlet

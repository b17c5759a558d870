#include "io/decompressors.h"

#include <brotli/decode.h>
#include <bzlib.h>
#include <isa-l/crc.h>
#include <isa-l/igzip_lib.h>
#include <lz4frame.h>
#include <lzma.h>
#include <snappy.h>
#include <zstd.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <string>

namespace inlet {
namespace {

constexpr size_t kInputBufferSize = 1 << 16;
// The codecs with 32-bit buffer sizes (ISA-L, bzip2) are never asked for more at once.
constexpr size_t kMaxOutputPerCall = size_t{1} << 30;
// xz's decoder allocates the dictionary the file asks for (64 MiB at xz -9); a forged header
// must not make it allocate without bound.
constexpr uint64_t kXzMemoryLimit = uint64_t{512} << 20;

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
  const uint8_t* bytes() const { return reinterpret_cast<const uint8_t*>(data()); }
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

/// The Read loop every codec shares: refill the input, let the codec decode, and tell a clean
/// end from a truncated file (input used up while the codec still expects more).
class DecompressingStream : public InputStream {
 public:
  DecompressingStream(Compression codec, std::unique_ptr<InputStream> source)
      : input_(std::move(source)), codec_(codec) {}

  Result<int64_t> Read(int64_t nbytes, void* out) final {
    if (nbytes <= 0 || finished_) return int64_t{0};
    const size_t capacity = std::min(static_cast<size_t>(nbytes), kMaxOutputPerCall);
    while (true) {
      INLET_RETURN_NOT_OK(input_.FillIfEmpty());
      const int64_t consumed_before = input_.consumed();
      INLET_ASSIGN_OR_RETURN(Progress progress, Decode(static_cast<char*>(out), capacity));
      finished_ = progress.finished;
      if (progress.produced > 0 || finished_) return static_cast<int64_t>(progress.produced);
      if (input_.consumed() == consumed_before) {
        if (input_.empty()) {
          return Status::InvalidData(std::string(CompressionName(codec_)) +
                                     ": compressed data ends unexpectedly (truncated file?) after " +
                                     std::to_string(input_.consumed()) + " bytes");
        }
        // A codec that takes nothing and gives nothing would make this loop spin forever.
        return Corrupt("the decoder makes no progress");
      }
    }
  }

  int64_t source_bytes_read() const final { return input_.consumed(); }

 protected:
  struct Progress {
    size_t produced = 0;
    /// The compressed stream has ended cleanly and nothing follows it.
    bool finished = false;
  };

  /// Decodes what it can of the buffered input into `out`. Called after FillIfEmpty, so an
  /// empty input means the source has ended.
  virtual Result<Progress> Decode(char* out, size_t capacity) = 0;

  Status Corrupt(std::string_view detail) const {
    return Status::InvalidData(std::string(CompressionName(codec_)) +
                               ": corrupt data near compressed byte " +
                               std::to_string(input_.consumed()) + ": " + std::string(detail));
  }

  CompressedInput input_;

 private:
  Compression codec_;
  bool finished_ = false;
};

const char* IsalErrorText(int rc) {
  switch (rc) {
    case ISAL_INVALID_BLOCK: return "invalid deflate block";
    case ISAL_INVALID_SYMBOL: return "invalid deflate symbol";
    case ISAL_INVALID_LOOKBACK: return "invalid back-reference distance";
    case ISAL_INVALID_WRAPPER: return "invalid header";
    case ISAL_UNSUPPORTED_METHOD: return "unsupported compression method";
    case ISAL_INCORRECT_CHECKSUM: return "checksum mismatch";
    case ISAL_NEED_DICT: return "a preset dictionary is needed";
    default: return "unknown error";
  }
}

/// gzip (multi-member), zlib and raw deflate through ISA-L's igzip, several times faster than
/// zlib's inflate on the same input.
class IsalInflateStream : public DecompressingStream {
 public:
  IsalInflateStream(Compression codec, std::unique_ptr<InputStream> source)
      : DecompressingStream(codec, std::move(source)),
        wrapper_(codec == Compression::kGzip   ? ISAL_GZIP
                 : codec == Compression::kZlib ? ISAL_ZLIB
                                               : ISAL_DEFLATE),
        multi_member_(codec == Compression::kGzip) {
    isal_inflate_init(&state_);
    state_.crc_flag = wrapper_;
  }

 protected:
  Result<Progress> Decode(char* out, size_t capacity) override {
    if (member_ended_) {
      if (input_.empty()) return Progress{0, true};
      // `cat a.gz b.gz` is a valid gzip file: after one member ends, the next may follow.
      if (!multi_member_) return Corrupt("data continues after the end of the stream");
      isal_inflate_reset(&state_);
      state_.crc_flag = wrapper_;
      member_ended_ = false;
    }
    state_.next_in = const_cast<uint8_t*>(input_.bytes());
    state_.avail_in = static_cast<uint32_t>(input_.size());
    state_.next_out = reinterpret_cast<uint8_t*>(out);
    state_.avail_out = static_cast<uint32_t>(capacity);
    int rc = isal_inflate(&state_);
    input_.Consume(input_.size() - state_.avail_in);
    if (rc != ISAL_DECOMP_OK) return Corrupt(IsalErrorText(rc));
    member_ended_ = state_.block_state == ISAL_BLOCK_FINISH;
    return Progress{capacity - state_.avail_out, false};
  }

 private:
  inflate_state state_;
  uint32_t wrapper_;
  bool multi_member_;
  bool member_ended_ = false;
};

/// bzip2, including the multi-stream files that pbzip2 and `cat a.bz2 b.bz2` make.
class Bzip2Stream : public DecompressingStream {
 public:
  using DecompressingStream::DecompressingStream;
  ~Bzip2Stream() override {
    if (initialized_) BZ2_bzDecompressEnd(&stream_);
  }

 protected:
  Result<Progress> Decode(char* out, size_t capacity) override {
    if (!initialized_ || stream_ended_) {
      if (stream_ended_ && input_.empty()) return Progress{0, true};
      if (initialized_) BZ2_bzDecompressEnd(&stream_);
      std::memset(&stream_, 0, sizeof(stream_));
      if (BZ2_bzDecompressInit(&stream_, 0, 0) != BZ_OK) {
        initialized_ = false;
        return Status::Internal("bz2: cannot initialize the decompressor");
      }
      initialized_ = true;
      stream_ended_ = false;
    }
    stream_.next_in = const_cast<char*>(input_.data());
    stream_.avail_in = static_cast<unsigned>(input_.size());
    stream_.next_out = out;
    stream_.avail_out = static_cast<unsigned>(capacity);
    int rc = BZ2_bzDecompress(&stream_);
    input_.Consume(input_.size() - stream_.avail_in);
    if (rc == BZ_STREAM_END) {
      stream_ended_ = true;
    } else if (rc != BZ_OK) {
      return Corrupt(rc == BZ_DATA_ERROR_MAGIC ? "not a bzip2 stream" : "invalid bzip2 data");
    }
    return Progress{capacity - stream_.avail_out, false};
  }

 private:
  bz_stream stream_;
  bool initialized_ = false;
  bool stream_ended_ = false;
};

/// xz, with concatenated streams and padding, as `xz` itself reads them.
class XzStream : public DecompressingStream {
 public:
  using DecompressingStream::DecompressingStream;
  ~XzStream() override { lzma_end(&stream_); }

  Status Init() {
    if (lzma_stream_decoder(&stream_, kXzMemoryLimit, LZMA_CONCATENATED) != LZMA_OK) {
      return Status::Internal("xz: cannot initialize the decompressor");
    }
    return Status::OK();
  }

 protected:
  Result<Progress> Decode(char* out, size_t capacity) override {
    stream_.next_in = input_.bytes();
    stream_.avail_in = input_.size();
    stream_.next_out = reinterpret_cast<uint8_t*>(out);
    stream_.avail_out = capacity;
    // With LZMA_CONCATENATED the decoder learns that no further stream follows only by FINISH.
    lzma_ret rc = lzma_code(&stream_, input_.empty() ? LZMA_FINISH : LZMA_RUN);
    input_.Consume(input_.size() - stream_.avail_in);
    const size_t produced = capacity - stream_.avail_out;
    switch (rc) {
      case LZMA_OK:
        return Progress{produced, false};
      case LZMA_STREAM_END:
        return Progress{produced, true};
      case LZMA_BUF_ERROR:
        // No progress was possible: the input ended inside a stream. Returning no progress
        // lets the caller report the truncation.
        return Progress{produced, false};
      case LZMA_MEMLIMIT_ERROR:
        return Corrupt("the file needs more than " + std::to_string(kXzMemoryLimit >> 20) +
                       " MiB of memory to decompress");
      case LZMA_FORMAT_ERROR:
        return Corrupt("not an xz stream");
      case LZMA_OPTIONS_ERROR:
        return Corrupt("unsupported xz options");
      default:
        return Corrupt("invalid xz data");
    }
  }

 private:
  lzma_stream stream_ = LZMA_STREAM_INIT;
};

/// zstd, any number of frames.
class ZstdStream : public DecompressingStream {
 public:
  using DecompressingStream::DecompressingStream;
  ~ZstdStream() override { ZSTD_freeDCtx(context_); }

  Status Init() {
    context_ = ZSTD_createDCtx();
    if (context_ == nullptr) return Status::Internal("zstd: cannot create a decompression context");
    return Status::OK();
  }

 protected:
  Result<Progress> Decode(char* out, size_t capacity) override {
    ZSTD_outBuffer output{out, capacity, 0};
    ZSTD_inBuffer in{input_.data(), input_.size(), 0};
    // Called even with no input left: zstd may still hold output that did not fit last time.
    size_t rc = ZSTD_decompressStream(context_, &output, &in);
    input_.Consume(in.pos);
    if (ZSTD_isError(rc)) return Corrupt(ZSTD_getErrorName(rc));
    // rc == 0 means the current frame is complete; zstd starts the next frame by itself. A
    // call that did nothing says nothing about the frame, so it leaves the flag alone.
    if (in.pos > 0 || output.pos > 0) frame_complete_ = rc == 0;
    seen_input_ |= in.pos > 0;
    const bool finished = output.pos == 0 && input_.empty() && frame_complete_ && seen_input_;
    return Progress{output.pos, finished};
  }

 private:
  ZSTD_DCtx* context_ = nullptr;
  bool frame_complete_ = false;
  bool seen_input_ = false;
};

/// The LZ4 frame format (`lz4` on the command line), any number of frames.
class Lz4FrameStream : public DecompressingStream {
 public:
  using DecompressingStream::DecompressingStream;
  ~Lz4FrameStream() override { LZ4F_freeDecompressionContext(context_); }

  Status Init() {
    if (LZ4F_isError(LZ4F_createDecompressionContext(&context_, LZ4F_VERSION))) {
      return Status::Internal("lz4: cannot create a decompression context");
    }
    return Status::OK();
  }

 protected:
  Result<Progress> Decode(char* out, size_t capacity) override {
    size_t out_size = capacity;
    size_t in_size = input_.size();
    size_t rc = LZ4F_decompress(context_, out, &out_size, input_.data(), &in_size, nullptr);
    input_.Consume(in_size);
    if (LZ4F_isError(rc)) return Corrupt(LZ4F_getErrorName(rc));
    // As with zstd: 0 means a frame just ended, and the context accepts the next one.
    if (in_size > 0 || out_size > 0) frame_complete_ = rc == 0;
    seen_input_ |= in_size > 0;
    const bool finished = out_size == 0 && input_.empty() && frame_complete_ && seen_input_;
    return Progress{out_size, finished};
  }

 private:
  LZ4F_dctx* context_ = nullptr;
  bool frame_complete_ = false;
  bool seen_input_ = false;
};

/// Brotli: one stream, which ends explicitly.
class BrotliStream : public DecompressingStream {
 public:
  using DecompressingStream::DecompressingStream;
  ~BrotliStream() override { BrotliDecoderDestroyInstance(state_); }

  Status Init() {
    state_ = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
    if (state_ == nullptr) return Status::Internal("brotli: cannot create a decoder");
    return Status::OK();
  }

 protected:
  Result<Progress> Decode(char* out, size_t capacity) override {
    if (ended_) {
      if (input_.empty()) return Progress{0, true};
      return Corrupt("data continues after the end of the stream");
    }
    size_t avail_in = input_.size();
    const uint8_t* next_in = input_.bytes();
    size_t avail_out = capacity;
    uint8_t* next_out = reinterpret_cast<uint8_t*>(out);
    BrotliDecoderResult rc =
        BrotliDecoderDecompressStream(state_, &avail_in, &next_in, &avail_out, &next_out, nullptr);
    input_.Consume(input_.size() - avail_in);
    if (rc == BROTLI_DECODER_RESULT_ERROR) {
      return Corrupt(BrotliDecoderErrorString(BrotliDecoderGetErrorCode(state_)));
    }
    ended_ = rc == BROTLI_DECODER_RESULT_SUCCESS;
    return Progress{capacity - avail_out, false};
  }

 private:
  BrotliDecoderState* state_ = nullptr;
  bool ended_ = false;
};

/// Snappy's framing format (https://github.com/google/snappy/blob/main/framing_format.txt):
/// chunks of a type byte and a 3-byte length, opened by the "sNaPpY" stream identifier; data
/// chunks hold at most 64 KiB of output and a masked CRC-32C of it.
class SnappyFramedStream : public DecompressingStream {
 public:
  using DecompressingStream::DecompressingStream;

 protected:
  Result<Progress> Decode(char* out, size_t capacity) override {
    if (decoded_pos_ < decoded_.size()) {
      size_t n = std::min(capacity, decoded_.size() - decoded_pos_);
      std::memcpy(out, decoded_.data() + decoded_pos_, n);
      decoded_pos_ += n;
      return Progress{n, false};
    }
    if (input_.empty()) {
      // The end of the source is clean only between chunks, after the stream identifier.
      return Progress{0, header_.empty() && !in_chunk_ && seen_identifier_};
    }
    if (!in_chunk_) {
      size_t n = std::min(input_.size(), kHeaderSize - header_.size());
      header_.append(input_.data(), n);
      input_.Consume(n);
      if (header_.size() < kHeaderSize) return Progress{};
      INLET_RETURN_NOT_OK(StartChunk());
      if (chunk_left_ > 0) return Progress{};
    } else {
      size_t n = std::min(input_.size(), chunk_left_);
      if (!Skippable(chunk_type_)) body_.append(input_.data(), n);
      input_.Consume(n);
      chunk_left_ -= n;
      if (chunk_left_ > 0) return Progress{};
    }
    INLET_RETURN_NOT_OK(FinishChunk());
    return Progress{};
  }

 private:
  static constexpr size_t kHeaderSize = 4;
  static constexpr size_t kMaxBlock = 65536;
  static constexpr uint8_t kIdentifierChunk = 0xff;
  static constexpr uint8_t kCompressedChunk = 0x00;
  static constexpr uint8_t kUncompressedChunk = 0x01;

  static bool Skippable(uint8_t type) { return type >= 0x80 && type != kIdentifierChunk; }

  /// Reads the chunk header in header_ and checks its length before any body is buffered.
  Status StartChunk() {
    const auto* h = reinterpret_cast<const uint8_t*>(header_.data());
    chunk_type_ = h[0];
    chunk_left_ = h[1] | (size_t{h[2]} << 8) | (size_t{h[3]} << 16);
    header_.clear();
    in_chunk_ = true;
    body_.clear();
    if (!seen_identifier_ && chunk_type_ != kIdentifierChunk) {
      return Corrupt("the stream does not start with the sNaPpY identifier");
    }
    size_t max_length = 0;
    switch (chunk_type_) {
      case kIdentifierChunk: max_length = 6; break;
      case kCompressedChunk: max_length = 4 + snappy::MaxCompressedLength(kMaxBlock); break;
      case kUncompressedChunk: max_length = 4 + kMaxBlock; break;
      default:
        if (!Skippable(chunk_type_)) {
          return Corrupt("reserved chunk type " + std::to_string(chunk_type_));
        }
        return Status::OK();
    }
    if (chunk_left_ > max_length) {
      return Corrupt("chunk of type " + std::to_string(chunk_type_) + " is " +
                     std::to_string(chunk_left_) + " bytes long, over its limit of " +
                     std::to_string(max_length));
    }
    return Status::OK();
  }

  Status FinishChunk() {
    in_chunk_ = false;
    if (chunk_type_ == kIdentifierChunk) {
      if (body_ != "sNaPpY") return Corrupt("bad stream identifier");
      seen_identifier_ = true;
      return Status::OK();
    }
    if (Skippable(chunk_type_)) return Status::OK();
    if (body_.size() < 4) return Corrupt("data chunk shorter than its checksum");
    const auto* b = reinterpret_cast<const uint8_t*>(body_.data());
    const uint32_t expected = b[0] | (uint32_t{b[1]} << 8) | (uint32_t{b[2]} << 16) |
                              (uint32_t{b[3]} << 24);
    std::string_view payload(body_.data() + 4, body_.size() - 4);
    decoded_pos_ = 0;
    if (chunk_type_ == kUncompressedChunk) {
      decoded_.assign(payload);
    } else {
      size_t length = 0;
      if (!snappy::GetUncompressedLength(payload.data(), payload.size(), &length) ||
          length > kMaxBlock) {
        return Corrupt("invalid compressed chunk");
      }
      decoded_.resize(length);
      if (!snappy::RawUncompress(payload.data(), payload.size(), decoded_.data())) {
        return Corrupt("invalid compressed chunk");
      }
    }
    if (MaskedCrc32c(decoded_) != expected) return Corrupt("checksum mismatch");
    return Status::OK();
  }

  static uint32_t MaskedCrc32c(std::string_view data) {
    uint32_t crc = crc32_iscsi(reinterpret_cast<unsigned char*>(const_cast<char*>(data.data())),
                               static_cast<int>(data.size()), 0xffffffff) ^
                   0xffffffff;
    return ((crc >> 15) | (crc << 17)) + 0xa282ead8;
  }

  std::string header_;
  std::string body_;
  std::string decoded_;
  size_t decoded_pos_ = 0;
  uint8_t chunk_type_ = 0;
  size_t chunk_left_ = 0;
  bool in_chunk_ = false;
  bool seen_identifier_ = false;
};

template <typename T>
Result<std::unique_ptr<InputStream>> Initialized(std::unique_ptr<T> stream) {
  INLET_RETURN_NOT_OK(stream->Init());
  return std::unique_ptr<InputStream>(std::move(stream));
}

}  // namespace

Result<std::unique_ptr<InputStream>> MakeDecompressor(Compression compression,
                                                      std::unique_ptr<InputStream> source) {
  switch (compression) {
    case Compression::kGzip:
    case Compression::kZlib:
    case Compression::kRawDeflate:
      return std::unique_ptr<InputStream>(
          std::make_unique<IsalInflateStream>(compression, std::move(source)));
    case Compression::kBzip2:
      return std::unique_ptr<InputStream>(
          std::make_unique<Bzip2Stream>(compression, std::move(source)));
    case Compression::kXz:
      return Initialized(std::make_unique<XzStream>(compression, std::move(source)));
    case Compression::kZstd:
      return Initialized(std::make_unique<ZstdStream>(compression, std::move(source)));
    case Compression::kLz4:
      return Initialized(std::make_unique<Lz4FrameStream>(compression, std::move(source)));
    case Compression::kBrotli:
      return Initialized(std::make_unique<BrotliStream>(compression, std::move(source)));
    case Compression::kSnappy:
      return std::unique_ptr<InputStream>(
          std::make_unique<SnappyFramedStream>(compression, std::move(source)));
    case Compression::kNone:
      break;
  }
  return Status::Internal("no decompressor for " + std::string(CompressionName(compression)));
}

}  // namespace inlet

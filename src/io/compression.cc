#include "io/compression.h"

#include <algorithm>
#include <cstring>

#include "common/string_util.h"
#include "io/decompressors.h"

namespace inlet {
namespace {

// Enough bytes for every magic number below (snappy's stream identifier chunk is 10).
constexpr int64_t kPeekBytes = 10;

struct Magic {
  std::string_view bytes;
  Compression compression;
};

constexpr Magic kMagics[] = {
    {std::string_view("\x1f\x8b", 2), Compression::kGzip},
    {std::string_view("\x28\xb5\x2f\xfd", 4), Compression::kZstd},
    {std::string_view("\xfd\x37\x7a\x58\x5a\x00", 6), Compression::kXz},
    {std::string_view("\x04\x22\x4d\x18", 4), Compression::kLz4},
    {std::string_view("\xff\x06\x00\x00sNaPpY", 10), Compression::kSnappy},
    // zlib's header is two bytes that are a multiple of 31; these are the ones zlib writes
    // (levels 0-1, default, 6-9 with a 32 KiB window). Others, such as "x^", are also text.
    {std::string_view("\x78\x01", 2), Compression::kZlib},
    {std::string_view("\x78\x9c", 2), Compression::kZlib},
    {std::string_view("\x78\xda", 2), Compression::kZlib},
};

struct Extension {
  std::string_view suffix;
  Compression compression;
};

constexpr Extension kExtensions[] = {
    {".gz", Compression::kGzip},      {".gzip", Compression::kGzip},
    {".zst", Compression::kZstd},     {".zstd", Compression::kZstd},
    {".bz2", Compression::kBzip2},    {".bzip2", Compression::kBzip2},
    {".xz", Compression::kXz},        {".lz4", Compression::kLz4},
    {".sz", Compression::kSnappy},    {".snappy", Compression::kSnappy},
    {".br", Compression::kBrotli},    {".zz", Compression::kZlib},
    {".zlib", Compression::kZlib},    {".deflate", Compression::kZlib},
};

bool EndsWithIgnoreCase(std::string_view text, std::string_view suffix) {
  return text.size() > suffix.size() &&
         EqualsIgnoreCase(text.substr(text.size() - suffix.size()), suffix);
}

const Extension* FindExtension(std::string_view path) {
  for (const Extension& e : kExtensions) {
    if (EndsWithIgnoreCase(path, e.suffix)) return &e;
  }
  return nullptr;
}

/// bzip2's "BZh" is followed by the block size, '1' to '9'; the digit keeps plain text that
/// starts with "BZh" from passing for bzip2.
bool IsBzip2Header(std::string_view bytes) {
  return bytes.size() >= 4 && bytes.starts_with("BZh") && bytes[3] >= '1' && bytes[3] <= '9';
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

}  // namespace

const char* CompressionName(Compression c) {
  switch (c) {
    case Compression::kNone: return "none";
    case Compression::kGzip: return "gzip";
    case Compression::kZlib: return "deflate";
    case Compression::kRawDeflate: return "raw_deflate";
    case Compression::kBzip2: return "bz2";
    case Compression::kXz: return "xz";
    case Compression::kZstd: return "zstd";
    case Compression::kLz4: return "lz4";
    case Compression::kSnappy: return "snappy";
    case Compression::kBrotli: return "brotli";
  }
  return "unknown";
}

Result<Compression> CompressionFromName(std::string_view name) {
  static constexpr std::pair<std::string_view, Compression> kNames[] = {
      {"none", Compression::kNone},     {"gzip", Compression::kGzip},
      {"gz", Compression::kGzip},       {"deflate", Compression::kZlib},
      {"zlib", Compression::kZlib},     {"raw_deflate", Compression::kRawDeflate},
      {"bz2", Compression::kBzip2},     {"bzip2", Compression::kBzip2},
      {"xz", Compression::kXz},         {"zstd", Compression::kZstd},
      {"zst", Compression::kZstd},      {"lz4", Compression::kLz4},
      {"snappy", Compression::kSnappy}, {"brotli", Compression::kBrotli},
      {"br", Compression::kBrotli},
  };
  std::string lower = AsciiToLower(TrimWhitespace(name));
  for (const auto& [text, compression] : kNames) {
    if (lower == text) return compression;
  }
  return Status::InvalidArgument(
      "unknown compression '" + std::string(name) +
      "': expected AUTO, NONE, GZIP, DEFLATE, RAW_DEFLATE, BZ2, XZ, ZSTD, LZ4, SNAPPY or BROTLI");
}

Compression DetectCompression(std::string_view first_bytes, std::string_view path) {
  for (const Magic& m : kMagics) {
    if (first_bytes.starts_with(m.bytes)) return m.compression;
  }
  if (IsBzip2Header(first_bytes)) return Compression::kBzip2;
  const Extension* extension = FindExtension(path);
  return extension != nullptr ? extension->compression : Compression::kNone;
}

std::string_view StripCompressionExtension(std::string_view path) {
  const Extension* extension = FindExtension(path);
  return extension != nullptr ? path.substr(0, path.size() - extension->suffix.size()) : path;
}

Result<std::unique_ptr<InputStream>> MakeDecompressingStream(std::unique_ptr<InputStream> source,
                                                             Compression compression) {
  if (compression == Compression::kNone) return source;
  return MakeDecompressor(compression, std::move(source));
}

Result<std::unique_ptr<InputStream>> OpenMaybeCompressed(std::unique_ptr<InputStream> source,
                                                         std::string_view path,
                                                         const Compression* forced,
                                                         Compression* used) {
  if (forced != nullptr) {
    if (used != nullptr) *used = *forced;
    return MakeDecompressingStream(std::move(source), *forced);
  }
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
  if (used != nullptr) *used = compression;
  return MakeDecompressingStream(
      std::make_unique<PeekedInputStream>(std::move(prefix), std::move(source)), compression);
}

}  // namespace inlet

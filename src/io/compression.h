#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "inlet/result.h"
#include "io/stream.h"

namespace inlet {

/// Compression of a source file. More codecs (bzip2, brotli, lz4, snappy, xz, deflate) come later
/// and slot in here.
enum class Compression { kNone, kGzip, kZstd };

/// "none", "gzip", "zstd".
const char* CompressionName(Compression c);
/// Parses a user option value (AUTO is handled by the caller): NONE, GZIP/GZ, ZSTD/ZST, any case.
Result<Compression> CompressionFromName(std::string_view name);
/// Decides from the first bytes of a file (magic numbers); `path` is a hint for codecs without
/// magic. Returns kNone when nothing matches.
Compression DetectCompression(std::string_view first_bytes, std::string_view path);

/// Wraps `source` in a decompressor (kNone returns `source` unchanged). gzip handles
/// multi-member files; truncated or corrupt input is an InvalidData error naming the codec.
Result<std::unique_ptr<InputStream>> MakeDecompressingStream(std::unique_ptr<InputStream> source,
                                                             Compression compression);

/// Opens `source` for reading with compression detected from its first bytes (or forced when
/// `forced` is set), returning the decompressed stream.
Result<std::unique_ptr<InputStream>> OpenMaybeCompressed(std::unique_ptr<InputStream> source,
                                                         std::string_view path,
                                                         const Compression* forced = nullptr);

}  // namespace inlet

#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "inlet/result.h"
#include "io/stream.h"

namespace inlet {

/// Compression of a source file.
enum class Compression {
  kNone,
  kGzip,        // RFC 1952, any number of members
  kZlib,        // RFC 1950 (Snowflake's DEFLATE)
  kRawDeflate,  // RFC 1951, no header (Snowflake's RAW_DEFLATE)
  kBzip2,       // any number of streams
  kXz,          // any number of streams
  kZstd,        // any number of frames
  kLz4,         // the LZ4 frame format, any number of frames
  kSnappy,      // snappy's framing format ("sNaPpY" stream identifier)
  kBrotli,      // no magic number: chosen by option or by the .br extension only
};

/// "none", "gzip", "deflate", "raw_deflate", "bz2", "xz", "zstd", "lz4", "snappy", "brotli".
const char* CompressionName(Compression c);
/// Parses a user option value, any case: NONE, GZIP/GZ, DEFLATE/ZLIB, RAW_DEFLATE, BZ2/BZIP2,
/// XZ, ZSTD/ZST, LZ4, SNAPPY, BROTLI/BR. AUTO is handled by the caller.
Result<Compression> CompressionFromName(std::string_view name);
/// Decides from the first bytes of a file (magic numbers); `path` is a hint for codecs without
/// magic. Returns kNone when nothing matches.
Compression DetectCompression(std::string_view first_bytes, std::string_view path);

/// `path` without its compression extension, if it has one: "a.tsv.bz2" gives "a.tsv".
std::string_view StripCompressionExtension(std::string_view path);

/// Wraps `source` in a decompressor (kNone returns `source` unchanged). Every decompressor
/// streams with bounded memory; truncated or corrupt input is an InvalidData error whose message
/// starts with the codec's name ("bz2: ...") and gives the compressed byte offset.
Result<std::unique_ptr<InputStream>> MakeDecompressingStream(std::unique_ptr<InputStream> source,
                                                             Compression compression);

/// Opens `source` for reading with compression detected from its first bytes (or forced when
/// `forced` is set), returning the decompressed stream; `*used` (when given) receives the
/// compression.
Result<std::unique_ptr<InputStream>> OpenMaybeCompressed(std::unique_ptr<InputStream> source,
                                                         std::string_view path,
                                                         const Compression* forced = nullptr,
                                                         Compression* used = nullptr);

}  // namespace inlet

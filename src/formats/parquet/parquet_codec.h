#pragma once

#include <string>
#include <string_view>

#include "formats/parquet/parquet_metadata.h"
#include "inlet/result.h"

namespace inlet::parquet {

/// Compresses one page body with `codec`: UNCOMPRESSED, SNAPPY, GZIP (at `level` 1 to 9),
/// LZ4_RAW, or ZSTD (at `level` 1 to 22); `level` 0 is the codec's default (ZSTD 3, zlib's 6) and
/// other codecs ignore it. Other codecs are NotImplemented.
Result<std::string> CompressPage(Codec codec, int level, std::string_view input);

/// Decompresses one page body into exactly `uncompressed_size` bytes: UNCOMPRESSED, SNAPPY, GZIP
/// (one or more members), ZSTD, LZ4_RAW, LZ4 (Hadoop-framed or a bare block), BROTLI. A size
/// mismatch or corrupt input is InvalidData; LZO and unknown codecs are NotImplemented. Never
/// writes past `uncompressed_size` bytes, whatever the input claims.
/// REQUIRES: the caller has bounded `uncompressed_size`.
Result<std::string> DecompressPage(Codec codec, std::string_view input, size_t uncompressed_size);

}  // namespace inlet::parquet

#pragma once

#include <string>
#include <string_view>

#include "formats/parquet/parquet_metadata.h"
#include "inlet/result.h"

namespace inlet::parquet {

/// Compresses one page body with `codec` (UNCOMPRESSED, SNAPPY or ZSTD at `zstd_level`).
Result<std::string> CompressPage(Codec codec, int zstd_level, std::string_view input);

/// Decompresses one page body into exactly `uncompressed_size` bytes (UNCOMPRESSED, SNAPPY, GZIP,
/// ZSTD). A size mismatch or corrupt input is InvalidData; other codecs are NotImplemented.
/// REQUIRES: the caller has bounded `uncompressed_size`.
Result<std::string> DecompressPage(Codec codec, std::string_view input, size_t uncompressed_size);

}  // namespace inlet::parquet

#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "inlet/result.h"

/// Decoders for the DELTA_* encodings of Encodings.md. They read byte ranges they do not own and
/// check every header field and length against the bytes present before allocating or reading;
/// errors are InvalidData without a location (callers add it).
namespace inlet::parquet {

/// Decodes a DELTA_BINARY_PACKED stream at the start of `data` that must hold exactly `count`
/// values into out[0..count) as 64-bit two's complement (INT32 readers keep the low 32 bits,
/// which wrap-around arithmetic makes right). Returns the bytes the stream takes.
Result<size_t> DecodeDeltaBinaryPacked(std::string_view data, int64_t count, uint64_t* out);

/// Decodes DELTA_LENGTH_BYTE_ARRAY data holding exactly `count` values into views of `data`.
Status DecodeDeltaLengthByteArray(std::string_view data, int64_t count,
                                  std::vector<std::string_view>* values);

/// Decodes DELTA_BYTE_ARRAY data holding exactly `count` values: each value is rebuilt into
/// `*arena` (cleared first) and ends[i] is where value i ends there. Fails rather than rebuild
/// more than `max_bytes`, which bounds what shared prefixes can expand a small page to.
Status DecodeDeltaByteArray(std::string_view data, int64_t count, uint64_t max_bytes,
                            std::string* arena, std::vector<uint64_t>* ends);

}  // namespace inlet::parquet

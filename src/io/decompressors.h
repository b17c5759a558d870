#pragma once

#include <memory>

#include "inlet/result.h"
#include "io/compression.h"
#include "io/stream.h"

namespace inlet {

/// The decompressor of `compression` reading from `source`. REQUIRES: compression != kNone.
/// Used by MakeDecompressingStream; callers outside src/io go through it.
Result<std::unique_ptr<InputStream>> MakeDecompressor(Compression compression,
                                                      std::unique_ptr<InputStream> source);

}  // namespace inlet

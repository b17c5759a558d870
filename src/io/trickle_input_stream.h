#pragma once

// A test helper shared by the io tests.

#include <algorithm>
#include <cstdint>
#include <string>

#include "io/stream.h"

namespace inlet {

/// Hands out at most `chunk` bytes per Read, as a network stream may, so chunk ends fall inside
/// characters, records and compressed blocks.
class TrickleInputStream : public InputStream {
 public:
  TrickleInputStream(std::string data, int64_t chunk) : inner_(std::move(data)), chunk_(chunk) {}
  Result<int64_t> Read(int64_t nbytes, void* out) override {
    return inner_.Read(std::min(nbytes, chunk_), out);
  }
  int64_t source_bytes_read() const override { return inner_.source_bytes_read(); }

 private:
  MemoryInputStream inner_;
  int64_t chunk_;
};

}  // namespace inlet

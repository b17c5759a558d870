// Fuzz target: every decompressing stream (gzip, deflate, raw deflate, bz2, xz, zstd, lz4,
// snappy framing, brotli) and the UTF-8 decoding streams on arbitrary bytes, read to the end.
//
// Each codec decodes the input twice: once from a memory stream with large reads, once from a
// source that hands out only a few bytes per Read while the caller asks for odd sizes (1, 13,
// 4096, ... bytes). The decoded bytes must not depend on how the input arrives or is asked for:
// both runs must succeed or fail together and, when they succeed, give the same bytes. The
// auto-detecting OpenMaybeCompressed path runs once too. Output past kMaxOutput is not read:
// a small input can legitimately expand a thousandfold (gzip) or far more (zstd), and the cap
// keeps each run fast without hiding bugs in the first bytes.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "io/compression.h"
#include "io/stream.h"
#include "io/text_decoding.h"

namespace inlet {
namespace {

constexpr int64_t kMaxOutput = int64_t{64} << 20;

/// An InputStream over memory that returns at most `max_read` bytes per call, as a network
/// source might.
class TrickleInputStream : public InputStream {
 public:
  TrickleInputStream(std::string data, int64_t max_read)
      : data_(std::move(data)), max_read_(max_read) {}
  Result<int64_t> Read(int64_t nbytes, void* out) override {
    int64_t n = std::min({nbytes, max_read_, static_cast<int64_t>(data_.size()) - position_});
    std::copy_n(data_.data() + position_, n, static_cast<char*>(out));
    position_ += n;
    return n;
  }
  int64_t source_bytes_read() const override { return position_; }

 private:
  std::string data_;
  int64_t max_read_;
  int64_t position_ = 0;
};

/// What reading a stream to the end (or to kMaxOutput) gave.
struct Decoded {
  bool ok = false;
  int64_t size = 0;
  uint64_t hash = 14695981039346656037ull;  // FNV-1a of the bytes
};

Decoded Drain(InputStream* stream, const std::vector<int64_t>& read_sizes) {
  Decoded out;
  std::vector<uint8_t> buffer(*std::max_element(read_sizes.begin(), read_sizes.end()));
  for (size_t i = 0; out.size < kMaxOutput; ++i) {
    const int64_t want = read_sizes[i % read_sizes.size()];
    auto n = stream->Read(want, buffer.data());
    if (!n.ok()) return out;
    if (*n < 0 || *n > want) abort();
    if (*n == 0) break;
    for (int64_t k = 0; k < *n; ++k) out.hash = (out.hash ^ buffer[k]) * 1099511628211ull;
    out.size += *n;
  }
  (void)stream->source_bytes_read();
  out.ok = true;
  return out;
}

Decoded Decode(Compression codec, std::unique_ptr<InputStream> source,
               const std::vector<int64_t>& read_sizes) {
  auto stream = MakeDecompressingStream(std::move(source), codec);
  if (!stream.ok()) return Decoded{};
  return Drain(stream->get(), read_sizes);
}

void CheckCodec(const std::string& input, Compression codec) {
  const Decoded whole =
      Decode(codec, std::make_unique<MemoryInputStream>(input), {int64_t{1} << 16});
  const int64_t trickle = 1 + static_cast<int64_t>(input.size() % 7);
  const Decoded pieces = Decode(codec, std::make_unique<TrickleInputStream>(input, trickle),
                                {1, 13, 4096, 3, 65536, 7});
  // Past the cap the two runs may have stopped at different points; compare only below it.
  if (whole.size >= kMaxOutput || pieces.size >= kMaxOutput) return;
  if (whole.ok != pieces.ok ||
      (whole.ok && (whole.size != pieces.size || whole.hash != pieces.hash))) {
    fprintf(stderr,
            "gzip_fuzzer: %s output depends on read sizes: whole ok=%d size=%lld, "
            "trickle(%lld) ok=%d size=%lld\n",
            CompressionName(codec), whole.ok, static_cast<long long>(whole.size),
            static_cast<long long>(trickle), pieces.ok, static_cast<long long>(pieces.size));
    abort();
  }
}

}  // namespace
}  // namespace inlet

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace inlet;
  const std::string input(reinterpret_cast<const char*>(data), size);
  for (Compression codec :
       {Compression::kGzip, Compression::kZlib, Compression::kRawDeflate, Compression::kBzip2,
        Compression::kXz, Compression::kZstd, Compression::kLz4, Compression::kSnappy,
        Compression::kBrotli}) {
    CheckCodec(input, codec);
  }
  // The text decoders, picked by the first byte: UTF-8 with replacement, or one iconv charset of
  // each kind (single-byte, multibyte, stateful, UTF-16 with its BOM logic).
  static const char* const kCharsets[] = {"UTF-8", "SHIFT_JIS", "ISO-2022-JP", "UTF-16",
                                          "GB18030", "WINDOWS-1252"};
  TextDecoding decoding;
  decoding.charset = kCharsets[size == 0 ? 0 : data[0] % 6];
  decoding.replace_invalid = size > 1 && (data[1] & 1) != 0;
  auto text = MakeUtf8Stream(std::make_unique<TrickleInputStream>(input, 3), decoding);
  if (text.ok()) (void)Drain(text->get(), {7, 4096});

  auto detected = OpenMaybeCompressed(std::make_unique<MemoryInputStream>(input), "input.gz");
  if (detected.ok()) (void)Drain(detected->get(), {4096});
  return 0;
}

#include "formats/parquet/parquet_codec.h"

#include <brotli/decode.h>
#include <lz4.h>
#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>

#include <climits>

namespace inlet::parquet {

namespace {

Status SizeMismatch(Codec codec, size_t got, size_t expected) {
  return Status::InvalidData(CodecName(codec) + " page decompresses to " + std::to_string(got) +
                             " bytes, the page header says " + std::to_string(expected));
}

Result<std::string> InflateGzip(std::string_view input, size_t uncompressed_size) {
  std::string out(uncompressed_size, '\0');
  z_stream stream{};
  // 32 + MAX_WBITS accepts both gzip and zlib headers, as writers differ.
  if (inflateInit2(&stream, 32 + MAX_WBITS) != Z_OK) {
    return Status::Internal("cannot initialize zlib");
  }
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  stream.avail_in = static_cast<uInt>(input.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  int rc = Z_OK;
  // Some writers emit several gzip members back to back; each is inflated in turn.
  while (true) {
    rc = inflate(&stream, Z_FINISH);
    if (rc != Z_STREAM_END || stream.avail_in == 0) break;
    if (inflateReset(&stream) != Z_OK) break;
  }
  // total_out restarts with each member, so the output position tells the total.
  size_t produced = static_cast<size_t>(reinterpret_cast<char*>(stream.next_out) - out.data());
  bool output_full = stream.avail_out == 0;
  inflateEnd(&stream);
  if (rc != Z_STREAM_END) {
    if (rc == Z_BUF_ERROR && output_full) {
      return Status::InvalidData("GZIP page decompresses to more bytes than its header says");
    }
    return Status::InvalidData("corrupt GZIP page");
  }
  if (produced != uncompressed_size) return SizeMismatch(Codec::kGzip, produced, uncompressed_size);
  return out;
}

Result<std::string> DeflateGzip(std::string_view input, int level) {
  z_stream stream{};
  // 16 + MAX_WBITS writes a gzip header and trailer, the framing Parquet's GZIP codec uses.
  if (deflateInit2(&stream, level == 0 ? Z_DEFAULT_COMPRESSION : level, Z_DEFLATED, 16 + MAX_WBITS,
                   8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return Status::Internal("cannot initialize zlib at level " + std::to_string(level));
  }
  std::string out(deflateBound(&stream, static_cast<uLong>(input.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  stream.avail_in = static_cast<uInt>(input.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&stream, Z_FINISH);
  size_t length = stream.total_out;
  deflateEnd(&stream);
  if (rc != Z_STREAM_END) return Status::Internal("gzip compression failed");
  out.resize(length);
  return out;
}

uint32_t LoadBigEndian32(const char* p) {
  const auto* b = reinterpret_cast<const uint8_t*>(p);
  return (uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) | b[3];
}

// One LZ4 block that must decompress to exactly `size` bytes at `out`.
bool DecompressLz4Block(std::string_view input, char* out, size_t size) {
  if (input.size() > INT_MAX || size > INT_MAX) return false;
  int n = LZ4_decompress_safe(input.data(), out, static_cast<int>(input.size()),
                              static_cast<int>(size));
  return n >= 0 && static_cast<size_t>(n) == size;
}

// Hadoop's framing of the deprecated LZ4 codec: blocks of a big-endian uncompressed length,
// then a big-endian compressed length and that many bytes of LZ4 block.
bool DecompressHadoopLz4(std::string_view input, std::string* out) {
  size_t produced = 0;
  while (input.size() >= 8) {
    uint32_t uncompressed = LoadBigEndian32(input.data());
    uint32_t compressed = LoadBigEndian32(input.data() + 4);
    input.remove_prefix(8);
    if (compressed > input.size() || uncompressed > out->size() - produced) return false;
    if (!DecompressLz4Block(input.substr(0, compressed), out->data() + produced, uncompressed)) {
      return false;
    }
    input.remove_prefix(compressed);
    produced += uncompressed;
  }
  return input.empty() && produced == out->size();
}

Result<std::string> DecompressLz4(Codec codec, std::string_view input, size_t uncompressed_size) {
  std::string out(uncompressed_size, '\0');
  if (codec == Codec::kLz4Raw) {
    if (!DecompressLz4Block(input, out.data(), out.size())) {
      return Status::InvalidData("corrupt LZ4_RAW page, or not of " +
                                 std::to_string(uncompressed_size) + " bytes");
    }
    return out;
  }
  // The deprecated LZ4 codec: parquet-mr writes Hadoop's framing, older Arrow versions a bare
  // LZ4 block. A block that happens to parse as Hadoop framing would also have to decompress
  // to exactly the page size, so trying the framing first is safe.
  if (DecompressHadoopLz4(input, &out) || DecompressLz4Block(input, out.data(), out.size())) {
    return out;
  }
  return Status::InvalidData("corrupt LZ4 page (neither Hadoop-framed nor a bare LZ4 block of " +
                             std::to_string(uncompressed_size) + " bytes)");
}

Result<std::string> DecompressBrotli(std::string_view input, size_t uncompressed_size) {
  std::string out(uncompressed_size, '\0');
  size_t length = out.size();
  // Fails (rather than grow) when the stream holds more than the page header says.
  BrotliDecoderResult rc = BrotliDecoderDecompress(
      input.size(), reinterpret_cast<const uint8_t*>(input.data()), &length,
      reinterpret_cast<uint8_t*>(out.data()));
  if (rc != BROTLI_DECODER_RESULT_SUCCESS) {
    return Status::InvalidData("corrupt BROTLI page, or more than " +
                               std::to_string(uncompressed_size) + " bytes");
  }
  if (length != uncompressed_size) return SizeMismatch(Codec::kBrotli, length, uncompressed_size);
  return out;
}

}  // namespace

Result<std::string> CompressPage(Codec codec, int level, std::string_view input) {
  switch (codec) {
    case Codec::kUncompressed:
      return std::string(input);
    case Codec::kSnappy: {
      size_t length = snappy_max_compressed_length(input.size());
      std::string out(length, '\0');
      if (snappy_compress(input.data(), input.size(), out.data(), &length) != SNAPPY_OK) {
        return Status::Internal("snappy compression failed");
      }
      out.resize(length);
      return out;
    }
    case Codec::kZstd: {
      std::string out(ZSTD_compressBound(input.size()), '\0');
      // zstd reads level 0 as its default, 3.
      size_t length = ZSTD_compress(out.data(), out.size(), input.data(), input.size(), level);
      if (ZSTD_isError(length)) {
        return Status::Internal(std::string("zstd compression failed: ") +
                                ZSTD_getErrorName(length));
      }
      out.resize(length);
      return out;
    }
    case Codec::kGzip:
      return DeflateGzip(input, level);
    case Codec::kLz4Raw: {
      if (input.size() > LZ4_MAX_INPUT_SIZE) {
        return Status::Internal("page too large for LZ4_RAW compression");
      }
      std::string out(static_cast<size_t>(LZ4_compressBound(static_cast<int>(input.size()))), '\0');
      int length = LZ4_compress_default(input.data(), out.data(), static_cast<int>(input.size()),
                                        static_cast<int>(out.size()));
      if (length <= 0) return Status::Internal("LZ4_RAW compression failed");
      out.resize(static_cast<size_t>(length));
      return out;
    }
    default:
      return Status::NotImplemented("writing Parquet with codec " + CodecName(codec));
  }
}

Result<std::string> DecompressPage(Codec codec, std::string_view input, size_t uncompressed_size) {
  // An empty page body may be stored as zero bytes whatever the codec.
  if (uncompressed_size == 0 && input.empty()) return std::string();
  switch (codec) {
    case Codec::kUncompressed:
      if (input.size() != uncompressed_size) {
        return SizeMismatch(codec, input.size(), uncompressed_size);
      }
      return std::string(input);
    case Codec::kSnappy: {
      size_t length = 0;
      if (snappy_uncompressed_length(input.data(), input.size(), &length) != SNAPPY_OK) {
        return Status::InvalidData("corrupt SNAPPY page");
      }
      if (length != uncompressed_size) return SizeMismatch(codec, length, uncompressed_size);
      std::string out(length, '\0');
      if (snappy_uncompress(input.data(), input.size(), out.data(), &length) != SNAPPY_OK ||
          length != uncompressed_size) {
        return Status::InvalidData("corrupt SNAPPY page");
      }
      return out;
    }
    case Codec::kZstd: {
      std::string out(uncompressed_size, '\0');
      size_t length = ZSTD_decompress(out.data(), out.size(), input.data(), input.size());
      if (ZSTD_isError(length)) {
        return Status::InvalidData(std::string("corrupt ZSTD page: ") + ZSTD_getErrorName(length));
      }
      if (length != uncompressed_size) return SizeMismatch(codec, length, uncompressed_size);
      return out;
    }
    case Codec::kGzip:
      return InflateGzip(input, uncompressed_size);
    case Codec::kLz4:
    case Codec::kLz4Raw:
      return DecompressLz4(codec, input, uncompressed_size);
    case Codec::kBrotli:
      return DecompressBrotli(input, uncompressed_size);
    case Codec::kLzo:
      return Status::NotImplemented("LZO-compressed Parquet is not supported");
  }
  return Status::NotImplemented("Parquet " + CodecName(codec) + " is not supported");
}

}  // namespace inlet::parquet

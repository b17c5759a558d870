#include "formats/parquet/parquet_codec.h"

#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>

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

}  // namespace

Result<std::string> CompressPage(Codec codec, int zstd_level, std::string_view input) {
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
      size_t length = ZSTD_compress(out.data(), out.size(), input.data(), input.size(), zstd_level);
      if (ZSTD_isError(length)) {
        return Status::Internal(std::string("zstd compression failed: ") +
                                ZSTD_getErrorName(length));
      }
      out.resize(length);
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
    default:
      return Status::NotImplemented("Parquet codec " + CodecName(codec) + " is not supported yet");
  }
}

}  // namespace inlet::parquet

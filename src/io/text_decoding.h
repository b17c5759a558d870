#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "inlet/result.h"
#include "io/compression.h"
#include "io/stream.h"

namespace inlet {

/// How the bytes of a text file become the UTF-8 that the text parsers read.
struct TextDecoding {
  /// The file's character set, as CharsetFromName returns it.
  std::string charset = "UTF-8";
  /// Invalid bytes become U+FFFD instead of failing (UTF-8) or being an error (other charsets).
  bool replace_invalid = false;
};

/// The iconv name of a user's ENCODING value. Takes Snowflake's names (UTF8, UTF16LE, ISO88591,
/// WINDOWS1252, SHIFTJIS, EUCJP, KOI8R, BIG5, GB18030, ISO2022JP, IBM420 ...), the same with
/// dashes or underscores, and any other name glibc's iconv knows (LATIN1, CP1252, SJIS ...), in
/// any case. "UTF-8" for every spelling of UTF-8. InvalidArgument naming the value otherwise.
Result<std::string> CharsetFromName(std::string_view name);

/// Wraps `source` (already decompressed) so that it yields UTF-8, converting chunk by chunk
/// through iconv with memory bounded by the chunk size.
///
/// Byte order marks: a UTF-16 or UTF-32 BOM is dropped and gives the byte order (for UTF-16 and
/// UTF-32 without one, big-endian). A file declared UTF-8 that starts with a UTF-16 or UTF-32
/// BOM is decoded as that charset. A UTF-8 BOM is left in the output (the parsers skip it).
///
/// Bytes the charset cannot decode are an InvalidData error naming the charset, the line and
/// the byte offset in the source, unless `replace_invalid` replaces each with U+FFFD. UTF-8
/// input passes through untouched without `replace_invalid` (string columns check it per value).
Result<std::unique_ptr<InputStream>> MakeUtf8Stream(std::unique_ptr<InputStream> source,
                                                    const TextDecoding& decoding);

/// The input layer's options of every text format: how the file is compressed and encoded.
struct TextInputOptions {
  /// Forced compression; unset (AUTO) detects it from the first bytes and the file name.
  std::optional<Compression> compression;
  TextDecoding decoding;

  /// Takes one option if it belongs to the input layer (`key` lower-case): COMPRESSION (AUTO or
  /// a CompressionFromName value), ENCODING, VALIDATE_UTF8, REPLACE_INVALID_CHARACTERS
  /// (Snowflake) and REPLACE_NON_UTF8_BYTES (Firebolt). Returns false for any other key;
  /// InvalidArgument naming the option for a bad value. VALIDATE_UTF8 = FALSE replaces invalid
  /// UTF-8 too, since a Delta string column must hold valid UTF-8.
  Result<bool> Set(std::string_view key, std::string_view value);

  /// The option names Set takes, upper-case.
  static const std::vector<std::string_view>& Names();
};

/// Whether the bytes of a file that starts with `first_bytes` (16 are enough) reach the parser
/// as they are under `options`: not compressed, UTF-8 without replacement, no UTF-16/32 BOM.
/// Only such a file can be split at byte offsets.
bool IsPlainText(const TextInputOptions& options, std::string_view first_bytes,
                 std::string_view path);

/// Opens `raw`, the bytes of the file at `path`, as UTF-8 text: decompressed, then decoded.
/// Errors name neither the file nor the path: callers add them. `*compression` (when given)
/// receives the file's compression.
Result<std::unique_ptr<InputStream>> OpenTextInput(std::unique_ptr<InputStream> raw,
                                                   std::string_view path,
                                                   const TextInputOptions& options,
                                                   Compression* compression = nullptr);

}  // namespace inlet

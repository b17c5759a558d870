#include "io/text_decoding.h"

#include <errno.h>
#include <iconv.h>

#include <algorithm>
#include <cstring>

#include "common/string_util.h"

namespace inlet {
namespace {

constexpr size_t kChunkSize = 1 << 16;
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

/// `name` upper-cased without dashes, underscores and spaces: "iso-8859-1" gives "ISO88591".
std::string Squeezed(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c != '-' && c != '_' && c != ' ') out += static_cast<char>(std::toupper(c));
  }
  return out;
}

/// Squeezed names whose iconv spelling needs its dashes back.
std::string IconvSpelling(const std::string& squeezed) {
  static constexpr std::pair<std::string_view, std::string_view> kNames[] = {
      {"UTF8", "UTF-8"},           {"UTF16", "UTF-16"},         {"UTF16BE", "UTF-16BE"},
      {"UTF16LE", "UTF-16LE"},     {"UTF32", "UTF-32"},         {"UTF32BE", "UTF-32BE"},
      {"UTF32LE", "UTF-32LE"},     {"EUCJP", "EUC-JP"},         {"EUCKR", "EUC-KR"},
      {"EUCCN", "EUC-CN"},         {"EUCTW", "EUC-TW"},         {"SHIFTJIS", "SHIFT_JIS"},
      {"SJIS", "SHIFT_JIS"},       {"KOI8R", "KOI8-R"},         {"KOI8U", "KOI8-U"},
      {"ISO2022CN", "ISO-2022-CN"}, {"ISO2022JP", "ISO-2022-JP"}, {"ISO2022KR", "ISO-2022-KR"},
      {"BIG5", "BIG5"},            {"GB18030", "GB18030"},      {"IBM420", "IBM420"},
      {"IBM424", "IBM424"},
  };
  for (const auto& [key, iconv_name] : kNames) {
    if (squeezed == key) return std::string(iconv_name);
  }
  // ISO88591 .. ISO885916 and WINDOWS1250 .. WINDOWS1258.
  for (std::string_view prefix : {"ISO8859", "WINDOWS"}) {
    if (squeezed.starts_with(prefix) && squeezed.size() > prefix.size() &&
        std::all_of(squeezed.begin() + prefix.size(), squeezed.end(),
                    [](char c) { return c >= '0' && c <= '9'; })) {
      std::string digits = squeezed.substr(prefix.size());
      return prefix == "ISO8859" ? "ISO-8859-" + digits : "WINDOWS-" + digits;
    }
  }
  return "";
}

bool IconvKnows(const std::string& charset) {
  iconv_t cd = iconv_open("UTF-8", charset.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  iconv_close(cd);
  return true;
}

bool IsUtf8(const std::string& charset) { return charset == "UTF-8"; }

/// Length of the longest valid UTF-8 prefix of [p, p + n). `*incomplete` is set when what stops
/// it is a sequence cut by the end of the range (valid so far, but short).
size_t ValidUtf8Prefix(const uint8_t* p, size_t n, bool* incomplete) {
  *incomplete = false;
  size_t i = 0;
  while (i < n) {
    // PERF NOTES: most text is ASCII; take 8 bytes at once while none has its high bit set.
    uint64_t word;
    if (i + 8 <= n && (std::memcpy(&word, p + i, 8), (word & 0x8080808080808080ULL) == 0)) {
      i += 8;
      continue;
    }
    const uint8_t c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    // The second byte's range rules out overlong forms, surrogates and code points past 10FFFF.
    size_t len;
    uint8_t lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    for (size_t k = 1; k < len; ++k) {
      if (i + k == n) {
        *incomplete = true;
        return i;
      }
      const uint8_t b = p[i + k];
      if (k == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80) return i;
    }
    i += len;
  }
  return i;
}

/// Serves bytes decoded into `pending_`; subclasses refill it a chunk at a time.
class DecodingStream : public InputStream {
 public:
  explicit DecodingStream(std::unique_ptr<InputStream> source) : source_(std::move(source)) {}

  Result<int64_t> Read(int64_t nbytes, void* out) final {
    while (pending_pos_ == pending_.size()) {
      if (finished_) return int64_t{0};
      pending_.clear();
      pending_pos_ = 0;
      INLET_RETURN_NOT_OK(Refill());
    }
    size_t n = std::min(static_cast<size_t>(std::max<int64_t>(nbytes, 0)),
                        pending_.size() - pending_pos_);
    std::memcpy(out, pending_.data() + pending_pos_, n);
    pending_pos_ += n;
    return static_cast<int64_t>(n);
  }

  int64_t source_bytes_read() const final { return source_->source_bytes_read(); }

 protected:
  /// Appends the next decoded bytes to pending_ (possibly none), or sets finished_.
  virtual Status Refill() = 0;

  /// Appends up to kChunkSize source bytes to `input`; false at the end of the source.
  Result<bool> ReadMore(std::string* input) {
    size_t old_size = input->size();
    input->resize(old_size + kChunkSize);
    INLET_ASSIGN_OR_RETURN(int64_t n,
                           source_->Read(static_cast<int64_t>(kChunkSize), input->data() + old_size));
    input->resize(old_size + static_cast<size_t>(n));
    return n > 0;
  }

  std::string pending_;
  bool finished_ = false;

 private:
  std::unique_ptr<InputStream> source_;
  size_t pending_pos_ = 0;
};

/// UTF-8 in, UTF-8 out, each invalid byte replaced by U+FFFD.
class Utf8ReplacingStream : public DecodingStream {
 public:
  Utf8ReplacingStream(std::unique_ptr<InputStream> source, std::string carry)
      : DecodingStream(std::move(source)), input_(std::move(carry)) {}

 protected:
  Status Refill() override {
    INLET_ASSIGN_OR_RETURN(bool more, ReadMore(&input_));
    const auto* p = reinterpret_cast<const uint8_t*>(input_.data());
    size_t i = 0;
    while (i < input_.size()) {
      bool incomplete = false;
      size_t valid = ValidUtf8Prefix(p + i, input_.size() - i, &incomplete);
      pending_.append(input_, i, valid);
      i += valid;
      // A sequence cut by the chunk's end is completed by the next chunk, if there is one.
      if (incomplete && more) break;
      if (i < input_.size()) {
        pending_ += kReplacement;
        ++i;
      }
    }
    input_.erase(0, i);
    finished_ = !more;
    return Status::OK();
  }

 private:
  std::string input_;
};

/// Any charset iconv knows, to UTF-8.
class IconvStream : public DecodingStream {
 public:
  IconvStream(std::unique_ptr<InputStream> source, std::string charset, bool replace_invalid,
              std::string carry, int64_t offset)
      : DecodingStream(std::move(source)),
        charset_(std::move(charset)),
        replace_invalid_(replace_invalid),
        input_(std::move(carry)),
        input_offset_(offset) {}
  ~IconvStream() override {
    if (cd_ != reinterpret_cast<iconv_t>(-1)) iconv_close(cd_);
  }

  Status Init() {
    cd_ = iconv_open("UTF-8", charset_.c_str());
    if (cd_ == reinterpret_cast<iconv_t>(-1)) {
      return Status::InvalidArgument("unknown ENCODING '" + charset_ + "'");
    }
    return Status::OK();
  }

 protected:
  Status Refill() override {
    INLET_ASSIGN_OR_RETURN(bool more, ReadMore(&input_));
    // Every charset here takes at most 4 UTF-8 bytes per input byte; ISO-2022's shift
    // sequences and UTF-16 take fewer.
    pending_.resize(input_.size() * 4 + 16);
    char* in = input_.data();
    size_t in_left = input_.size();
    char* out = pending_.data();
    size_t out_left = pending_.size();
    while (in_left > 0) {
      if (iconv(cd_, &in, &in_left, &out, &out_left) != static_cast<size_t>(-1)) continue;
      if (errno == EINVAL && more) break;  // a character cut by the chunk's end: read on
      if (errno == E2BIG) return Status::Internal("iconv: output buffer too small");
      if (!replace_invalid_) {
        return InvalidSequence(static_cast<size_t>(in - input_.data()),
                               std::string_view(pending_.data(), out - pending_.data()),
                               errno == EINVAL);
      }
      // Skip one code unit, so UTF-16 and UTF-32 stay aligned.
      const size_t skip = std::min(in_left, UnitSize());
      in += skip;
      in_left -= skip;
      std::memcpy(out, kReplacement.data(), kReplacement.size());
      out += kReplacement.size();
      out_left -= kReplacement.size();
    }
    if (!more) {
      // Stateful charsets (ISO-2022) may owe a reset sequence at the end.
      iconv(cd_, nullptr, nullptr, &out, &out_left);
      finished_ = true;
    }
    pending_.resize(static_cast<size_t>(out - pending_.data()));
    const size_t used = static_cast<size_t>(in - input_.data());
    lines_ += std::count(pending_.begin(), pending_.end(), '\n');
    input_offset_ += static_cast<int64_t>(used);
    input_.erase(0, used);
    return Status::OK();
  }

 private:
  size_t UnitSize() const {
    if (charset_.starts_with("UTF-16")) return 2;
    if (charset_.starts_with("UTF-32")) return 4;
    return 1;
  }

  Status InvalidSequence(size_t at, std::string_view decoded_before, bool at_end) const {
    const int64_t line = lines_ + 1 + std::count(decoded_before.begin(), decoded_before.end(), '\n');
    return Status::InvalidData(
        "line " + std::to_string(line) + ": " +
        (at_end ? "the file ends inside a " + charset_ + " character"
                : "invalid " + charset_ + " byte sequence") +
        " at byte " + std::to_string(input_offset_ + static_cast<int64_t>(at)) +
        " (REPLACE_INVALID_CHARACTERS = TRUE replaces it with U+FFFD)");
  }

  std::string charset_;
  bool replace_invalid_;
  std::string input_;
  int64_t input_offset_;
  int64_t lines_ = 0;
  iconv_t cd_ = reinterpret_cast<iconv_t>(-1);
};

/// Replays bytes already read from the front of `source`, then reads on from it.
class PrefixedStream : public InputStream {
 public:
  PrefixedStream(std::string prefix, std::unique_ptr<InputStream> source)
      : prefix_(std::move(prefix)), source_(std::move(source)) {}

  Result<int64_t> Read(int64_t nbytes, void* out) override {
    if (pos_ < prefix_.size()) {
      size_t n = std::min(static_cast<size_t>(std::max<int64_t>(nbytes, 0)), prefix_.size() - pos_);
      std::memcpy(out, prefix_.data() + pos_, n);
      pos_ += n;
      return static_cast<int64_t>(n);
    }
    return source_->Read(nbytes, out);
  }
  int64_t source_bytes_read() const override { return source_->source_bytes_read(); }

 private:
  std::string prefix_;
  size_t pos_ = 0;
  std::unique_ptr<InputStream> source_;
};

struct Bom {
  std::string_view bytes;
  const char* charset;
};

// UTF-32LE's BOM starts with UTF-16LE's, so it is tried first.
constexpr Bom kBoms[] = {
    {std::string_view("\xFF\xFE\x00\x00", 4), "UTF-32LE"},
    {std::string_view("\x00\x00\xFE\xFF", 4), "UTF-32BE"},
    {std::string_view("\xFF\xFE", 2), "UTF-16LE"},
    {std::string_view("\xFE\xFF", 2), "UTF-16BE"},
};

}  // namespace

Result<std::string> CharsetFromName(std::string_view name) {
  std::string squeezed = Squeezed(TrimWhitespace(name));
  std::string charset = IconvSpelling(squeezed);
  if (charset.empty()) charset = AsciiToUpper(TrimWhitespace(name));
  if (IsUtf8(charset)) return charset;
  if (!IconvKnows(charset)) {
    return Status::InvalidArgument("unknown ENCODING '" + std::string(name) +
                                   "': expected a character set such as UTF8, UTF16, UTF16LE, "
                                   "ISO88591, WINDOWS1252, SHIFTJIS, EUCJP, GB18030 or BIG5");
  }
  return charset;
}

Result<std::unique_ptr<InputStream>> MakeUtf8Stream(std::unique_ptr<InputStream> source,
                                                    const TextDecoding& decoding) {
  std::string prefix(4, '\0');
  size_t have = 0;
  while (have < prefix.size()) {
    INLET_ASSIGN_OR_RETURN(int64_t n, source->Read(static_cast<int64_t>(prefix.size() - have),
                                                   prefix.data() + have));
    if (n == 0) break;
    have += static_cast<size_t>(n);
  }
  prefix.resize(have);

  std::string charset = decoding.charset;
  const bool unicode_family = IsUtf8(charset) || charset.starts_with("UTF-16") ||
                              charset.starts_with("UTF-32");
  size_t bom_size = 0;
  for (const Bom& bom : kBoms) {
    if (!unicode_family || !prefix.starts_with(bom.bytes)) continue;
    const std::string_view declared = charset;
    // The BOM picks the byte order of UTF-16/UTF-32, and the charset of a "UTF-8" file; a
    // declared UTF-16LE file that starts with FE FF keeps its declaration.
    const std::string_view family = std::string_view(bom.charset).substr(0, 6);
    if (IsUtf8(charset) || declared == family) charset = bom.charset;
    if (charset == bom.charset) bom_size = bom.bytes.size();
    break;
  }
  if (charset == "UTF-16" || charset == "UTF-32") charset += "BE";
  prefix.erase(0, bom_size);

  if (IsUtf8(charset)) {
    if (!decoding.replace_invalid) {
      return std::unique_ptr<InputStream>(
          std::make_unique<PrefixedStream>(std::move(prefix), std::move(source)));
    }
    return std::unique_ptr<InputStream>(
        std::make_unique<Utf8ReplacingStream>(std::move(source), std::move(prefix)));
  }
  auto stream = std::make_unique<IconvStream>(std::move(source), charset, decoding.replace_invalid,
                                              std::move(prefix), static_cast<int64_t>(bom_size));
  INLET_RETURN_NOT_OK(stream->Init());
  return std::unique_ptr<InputStream>(std::move(stream));
}

Result<bool> TextInputOptions::Set(std::string_view key, std::string_view value) {
  auto boolean = [&](std::string_view name) -> Result<bool> {
    if (EqualsIgnoreCase(value, "true")) return true;
    if (EqualsIgnoreCase(value, "false")) return false;
    return Status::InvalidArgument(std::string(name) + " must be TRUE or FALSE, got '" +
                                   std::string(value) + "'");
  };
  if (key == "compression") {
    if (EqualsIgnoreCase(TrimWhitespace(value), "auto")) {
      compression.reset();
    } else {
      auto parsed = CompressionFromName(value);
      if (!parsed.ok()) return parsed.status().WithContext("COMPRESSION");
      compression = *parsed;
    }
    return true;
  }
  if (key == "encoding") {
    auto charset = CharsetFromName(value);
    if (!charset.ok()) return charset.status().WithContext("ENCODING");
    decoding.charset = *charset;
    return true;
  }
  if (key == "validate_utf8") {
    INLET_ASSIGN_OR_RETURN(bool validate, boolean("VALIDATE_UTF8"));
    if (!validate) decoding.replace_invalid = true;
    return true;
  }
  if (key == "replace_invalid_characters" || key == "replace_non_utf8_bytes") {
    INLET_ASSIGN_OR_RETURN(bool replace, boolean(AsciiToUpper(key)));
    decoding.replace_invalid |= replace;
    return true;
  }
  return false;
}

const std::vector<std::string_view>& TextInputOptions::Names() {
  static const std::vector<std::string_view> kNames = {
      "COMPRESSION", "ENCODING", "VALIDATE_UTF8", "REPLACE_INVALID_CHARACTERS",
      "REPLACE_NON_UTF8_BYTES"};
  return kNames;
}

bool IsPlainText(const TextInputOptions& options, std::string_view first_bytes,
                 std::string_view path) {
  if (options.compression ? *options.compression != Compression::kNone
                          : DetectCompression(first_bytes, path) != Compression::kNone) {
    return false;
  }
  if (!IsUtf8(options.decoding.charset) || options.decoding.replace_invalid) return false;
  return std::none_of(std::begin(kBoms), std::end(kBoms),
                      [&](const Bom& bom) { return first_bytes.starts_with(bom.bytes); });
}

Result<std::unique_ptr<InputStream>> OpenTextInput(std::unique_ptr<InputStream> raw,
                                                   std::string_view path,
                                                   const TextInputOptions& options,
                                                   Compression* compression) {
  const Compression* forced = options.compression ? &*options.compression : nullptr;
  INLET_ASSIGN_OR_RETURN(std::unique_ptr<InputStream> bytes,
                         OpenMaybeCompressed(std::move(raw), path, forced, compression));
  return MakeUtf8Stream(std::move(bytes), options.decoding);
}

}  // namespace inlet

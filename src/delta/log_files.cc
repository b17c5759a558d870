#include "delta/log_files.h"

#include <charconv>
#include <cstdio>

#include "fs/file_system.h"

namespace inlet {

namespace {

constexpr size_t kVersionDigits = 20;

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool ParseVersion(std::string_view digits, int64_t* version) {
  if (digits.size() != kVersionDigits || !AllDigits(digits)) return false;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), *version);
  return ec == std::errc() && end == digits.data() + digits.size();
}

bool IsUnreserved(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string CommitFileName(int64_t version) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%020lld.json", static_cast<long long>(version));
  return buf;
}

std::string CommitFilePath(std::string_view table_root, int64_t version) {
  return JoinPath(JoinPath(table_root, kDeltaLogDir), CommitFileName(version));
}

std::string CheckpointFileName(int64_t version) {
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%020lld.checkpoint.parquet", static_cast<long long>(version));
  return buf;
}

std::optional<LogFileName> ParseLogFileName(std::string_view name) {
  int64_t version;
  if (name.size() < kVersionDigits || !ParseVersion(name.substr(0, kVersionDigits), &version)) {
    return std::nullopt;
  }
  std::string_view rest = name.substr(kVersionDigits);
  if (rest == ".json") return LogFileName{LogFileName::Kind::kCommit, version};
  if (rest == ".crc") return LogFileName{LogFileName::Kind::kChecksum, version};
  constexpr std::string_view kPrefix = ".checkpoint.";
  if (!rest.starts_with(kPrefix)) return std::nullopt;
  rest.remove_prefix(kPrefix.size());
  LogFileName checkpoint{LogFileName::Kind::kCheckpoint, version};
  if (rest == "parquet") return checkpoint;
  // Multi-part: "<part:10>.<parts:10>.parquet".
  if (rest.size() == 10 + 1 + 10 + 8 && rest.ends_with(".parquet") && rest[10] == '.' &&
      AllDigits(rest.substr(0, 10)) && AllDigits(rest.substr(11, 10))) {
    int32_t part = 0;
    int32_t parts = 0;
    std::from_chars(rest.data(), rest.data() + 10, part);
    std::from_chars(rest.data() + 11, rest.data() + 21, parts);
    if (part < 1 || part > parts) return std::nullopt;
    checkpoint.checkpoint_kind = LogFileName::CheckpointKind::kMultiPart;
    checkpoint.part = part;
    checkpoint.num_parts = parts;
    return checkpoint;
  }
  // UUID-named V2: "<uuid>.json" or "<uuid>.parquet".
  size_t dot = rest.find('.');
  if (dot == std::string_view::npos || dot == 0) return std::nullopt;
  std::string_view extension = rest.substr(dot);
  if (extension != ".json" && extension != ".parquet") return std::nullopt;
  checkpoint.checkpoint_kind = LogFileName::CheckpointKind::kUuid;
  return checkpoint;
}

std::string EncodeDataPath(std::string_view path) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(path.size());
  for (unsigned char c : path) {
    if (IsUnreserved(c) || c == '/') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

Result<std::string> DecodeDataPath(std::string_view uri) {
  std::string out;
  out.reserve(uri.size());
  for (size_t i = 0; i < uri.size(); ++i) {
    if (uri[i] != '%') {
      out.push_back(uri[i]);
      continue;
    }
    int hi = i + 2 < uri.size() ? HexValue(uri[i + 1]) : -1;
    int lo = hi >= 0 ? HexValue(uri[i + 2]) : -1;
    if (lo < 0) {
      return Status::InvalidData("malformed percent-escape in data file path '" + std::string(uri) +
                                 "'");
    }
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return out;
}

Result<std::string> DataPathKey(std::string_view uri) {
  // "file:///x", "file:/x" and "/x" are the same local file.
  if (uri.starts_with("file://")) {
    uri.remove_prefix(7);
  } else if (uri.starts_with("file:")) {
    uri.remove_prefix(5);
  }
  return DecodeDataPath(uri);
}

}  // namespace inlet

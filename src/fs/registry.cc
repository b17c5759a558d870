#include "fs/registry.h"

#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <system_error>
#include <vector>

#include "common/string_util.h"
#include "fs/local/local_file_system.h"

namespace inlet {
namespace {

// Schemes users will reach for that have no file system yet: these get NotImplemented, which
// says "valid, later", rather than InvalidArgument, which says "typo".
constexpr std::array<std::string_view, 12> kPlannedSchemes = {
    "s3", "s3a", "gs", "gcs", "abfs", "abfss", "az", "azure", "wasb", "wasbs", "http", "https"};

bool IsSchemeChar(char c, bool first) {
  bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (first) return alpha;
  return alpha || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

/// The lower-cased scheme of `scheme://...`, or empty when `location` is a plain path.
std::string ParseScheme(std::string_view location) {
  size_t sep = location.find("://");
  if (sep == std::string_view::npos || sep == 0) return "";
  for (size_t i = 0; i < sep; ++i) {
    if (!IsSchemeChar(location[i], i == 0)) return "";
  }
  return AsciiToLower(location.substr(0, sep));
}

/// `location` without the `user:password@` part of a URI's authority.
std::string StripUserInfo(std::string_view location) {
  size_t start = location.find("://");
  if (start == std::string_view::npos) return std::string(location);
  start += 3;
  size_t end = location.find_first_of("/?#", start);
  if (end == std::string_view::npos) end = location.size();
  size_t at = location.substr(start, end - start).rfind('@');
  if (at == std::string_view::npos) return std::string(location);
  std::string out(location.substr(0, start));
  out += location.substr(start + at + 1);
  return out;
}

/// A URI as results and history may show it: no `user:password@`, and no query string, where
/// SAS tokens and presigned URLs carry their signatures (`?sv=...&sig=...`, `X-Amz-Signature=`).
/// A query is a last '?' followed by a `key=value` and no '/': a '?' in a glob (`part-?.csv`)
/// stays.
std::string DisplayUri(std::string_view location) {
  std::string out = StripUserInfo(location);
  size_t query = out.rfind('?');
  if (query != std::string::npos && out.find('=', query) != std::string::npos &&
      out.find('/', query) == std::string::npos) {
    out.resize(query);
  }
  return out;
}

/// Resolves `.` and `..` in an absolute path lexically; drops repeated and trailing slashes.
std::string NormalizeAbsolute(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view part = path.substr(start, slash - start);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    start = slash + 1;
  }
  if (parts.empty()) return "/";
  std::string out;
  for (std::string_view part : parts) {
    out += '/';
    out += part;
  }
  return out;
}

Result<std::string> CurrentDirectory() {
  std::string buffer(256, '\0');
  while (::getcwd(buffer.data(), buffer.size()) == nullptr) {
    if (errno != ERANGE) {
      return Status::IOError("cannot read the current folder: " +
                             std::error_code(errno, std::generic_category()).message());
    }
    buffer.resize(buffer.size() * 2);
  }
  buffer.resize(buffer.find('\0'));
  return buffer;
}

/// An absolute local path for a plain path: relative to the working folder, or `~` for HOME.
Result<std::string> AbsoluteLocalPath(const std::string& location) {
  if (location == "~" || location.starts_with("~/")) {
    const char* home = std::getenv("HOME");
    if (home == nullptr || *home == '\0') {
      return Status::InvalidArgument("cannot resolve '" + location + "': HOME is not set");
    }
    return NormalizeAbsolute(std::string(home) + "/" + location.substr(1));
  }
  if (location.starts_with("/")) return NormalizeAbsolute(location);
  INLET_ASSIGN_OR_RETURN(std::string cwd, CurrentDirectory());
  return NormalizeAbsolute(cwd + "/" + location);
}

}  // namespace

std::shared_ptr<FileSystemRegistry> FileSystemRegistry::MakeDefault() {
  auto registry = std::make_shared<FileSystemRegistry>();
  registry->Register("file", std::make_shared<LocalFileSystem>());
  return registry;
}

void FileSystemRegistry::Register(const std::string& scheme, std::shared_ptr<FileSystem> fs) {
  std::lock_guard<std::mutex> lock(mutex_);
  by_scheme_[AsciiToLower(scheme)] = std::move(fs);
}

Result<ResolvedLocation> FileSystemRegistry::Resolve(const std::string& location) const {
  if (TrimWhitespace(location).empty()) return Status::InvalidArgument("empty location");
  std::string scheme = ParseScheme(location);
  std::string display = DisplayUri(location);
  std::string path;
  if (scheme.empty()) {
    INLET_ASSIGN_OR_RETURN(path, AbsoluteLocalPath(location));
    display = path;
    scheme = "file";
  } else if (scheme == "file") {
    std::string_view rest = std::string_view(location).substr(7);  // after "file://"
    if (rest.starts_with("localhost/")) rest.remove_prefix(9);
    if (!rest.starts_with("/")) {
      return Status::InvalidArgument("file location '" + display +
                                     "' must name an absolute path, as in 'file:///data/x.csv'");
    }
    path = NormalizeAbsolute(rest);
  } else {
    // File names in results, errors and load history are paths of the file system: they must
    // not carry the credentials of the URI either.
    path = StripUserInfo(location).substr(scheme.size() + 3);
  }

  std::lock_guard<std::mutex> lock(mutex_);
  auto it = by_scheme_.find(scheme);
  if (it != by_scheme_.end()) return ResolvedLocation{it->second, std::move(path), display};
  for (std::string_view planned : kPlannedSchemes) {
    if (scheme == planned) {
      return Status::NotImplemented(scheme + ":// locations are not supported yet: '" + display +
                                    "'");
    }
  }
  std::vector<std::string> supported;
  for (const auto& [name, fs] : by_scheme_) supported.push_back(name + "://");
  return Status::InvalidArgument(
      "unknown scheme '" + scheme + "' in location '" + display +
      "'; supported are local paths and " +
      (supported.empty() ? "no URI schemes" : JoinStrings(supported, ", ")));
}

}  // namespace inlet

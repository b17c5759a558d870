#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "inlet/result.h"
#include "fs/file_system.h"

namespace inlet {

/// A shell-style glob over '/'-separated paths: `*` and `?` match within one path component,
/// `[abc]`, `[a-z]` and `[!a-z]` match one character of a class, `**` matches any number of
/// whole components (including none), and `\` escapes the next character.
class GlobPattern {
 public:
  /// InvalidArgument for an unterminated class or a trailing escape.
  static Result<GlobPattern> Make(std::string_view pattern);
  bool Matches(std::string_view path) const;
  const std::string& pattern() const { return pattern_; }

 private:
  /// The pattern parsed into per-component matchers, shared between copies.
  struct Compiled;
  GlobPattern(std::string pattern, std::shared_ptr<const Compiled> compiled)
      : pattern_(std::move(pattern)), compiled_(std::move(compiled)) {}
  std::string pattern_;
  std::shared_ptr<const Compiled> compiled_;
};

/// True when `text` holds an unescaped glob metacharacter (`*`, `?` or `[`).
bool HasGlobMetacharacters(std::string_view text);

/// Splits a location with a glob into the longest directory prefix without metacharacters and
/// the rest: "/data/2024/*/x*.csv" -> {"/data/2024", "*/x*.csv"}.
struct GlobSplit {
  std::string base;
  std::string pattern;
};
GlobSplit SplitGlob(std::string_view location);

/// The files under `base` whose path relative to `base` matches `pattern`, sorted by path.
Result<std::vector<FileInfo>> ListMatching(FileSystem& fs, const std::string& base,
                                           const GlobPattern& pattern);

}  // namespace inlet

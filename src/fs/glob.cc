#include "fs/glob.h"

#include <utility>

namespace inlet {
namespace {

// PERF NOTES: both levels of matching (characters within a component, components within a path)
// use the greedy wildcard algorithm that remembers only the most recent star. When a later token
// fails, the last star absorbs one more element and matching resumes after it; earlier stars
// never need revisiting, because any match they could make the last star can make too. This is
// O(pattern * text) in the worst case, never exponential, even for `*a*a*a*a*b`.

struct CharClass {
  bool negated = false;
  std::vector<std::pair<unsigned char, unsigned char>> ranges;

  bool Matches(unsigned char c) const {
    bool in = false;
    for (const auto& [lo, hi] : ranges) in |= (lo <= c && c <= hi);
    return in != negated;
  }
};

enum class TokenKind { kLiteral, kAnyChar, kStar, kClass };

struct Token {
  TokenKind kind;
  char literal = 0;
  size_t class_index = 0;
};

/// One path component of the pattern; `globstar` when it is exactly `**`.
struct Segment {
  bool globstar = false;
  std::vector<Token> tokens;
};

std::vector<std::string_view> SplitComponents(std::string_view path) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t slash = path.find('/', start);
    out.push_back(path.substr(start, slash - start));
    if (slash == std::string_view::npos) return out;
    start = slash + 1;
  }
}

/// Greedy wildcard matching of `pattern` against `text`; see PERF NOTES.
template <typename Elem, typename Text, typename IsStar, typename MatchOne>
bool WildcardMatch(const std::vector<Elem>& pattern, const Text& text, IsStar is_star,
                   MatchOne match_one) {
  constexpr size_t kNone = static_cast<size_t>(-1);
  size_t p = 0;
  size_t t = 0;
  size_t star_p = kNone;
  size_t star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size() && is_star(pattern[p])) {
      star_p = p++;
      star_t = t;
    } else if (p < pattern.size() && match_one(pattern[p], text[t])) {
      ++p;
      ++t;
    } else if (star_p != kNone) {
      p = star_p + 1;
      t = ++star_t;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && is_star(pattern[p])) ++p;
  return p == pattern.size();
}

}  // namespace

struct GlobPattern::Compiled {
  std::vector<Segment> segments;
  std::vector<CharClass> classes;

  bool SegmentMatches(const Segment& segment, std::string_view component) const {
    return WildcardMatch(
        segment.tokens, component, [](const Token& t) { return t.kind == TokenKind::kStar; },
        [this](const Token& t, char c) {
          switch (t.kind) {
            case TokenKind::kLiteral:
              return t.literal == c;
            case TokenKind::kAnyChar:
              return true;
            case TokenKind::kClass:
              return classes[t.class_index].Matches(static_cast<unsigned char>(c));
            case TokenKind::kStar:
              break;
          }
          return false;
        });
  }
};

namespace {

/// Parses the class that starts after the `[` at `pattern[*pos - 1]`; leaves `*pos` after `]`.
Result<CharClass> ParseClass(std::string_view pattern, size_t* pos) {
  CharClass cls;
  size_t i = *pos;
  if (i < pattern.size() && pattern[i] == '!') {
    cls.negated = true;
    ++i;
  }
  auto next_char = [&](unsigned char* out) -> Status {
    if (pattern[i] == '\\') {
      if (++i == pattern.size()) {
        return Status::InvalidArgument("glob pattern '" + std::string(pattern) +
                                       "' ends with an escape '\\'");
      }
    }
    *out = static_cast<unsigned char>(pattern[i++]);
    return Status::OK();
  };
  bool first = true;
  while (i < pattern.size() && (first || pattern[i] != ']')) {
    first = false;
    unsigned char lo = 0;
    INLET_RETURN_NOT_OK(next_char(&lo));
    unsigned char hi = lo;
    if (i + 1 < pattern.size() && pattern[i] == '-' && pattern[i + 1] != ']') {
      ++i;
      INLET_RETURN_NOT_OK(next_char(&hi));
      if (hi < lo) {
        return Status::InvalidArgument("glob pattern '" + std::string(pattern) +
                                       "' has a reversed range '" + std::string(1, lo) + "-" +
                                       std::string(1, hi) + "'");
      }
    }
    cls.ranges.emplace_back(lo, hi);
  }
  if (i >= pattern.size()) {
    return Status::InvalidArgument("glob pattern '" + std::string(pattern) +
                                   "' has an unterminated '['");
  }
  *pos = i + 1;
  return cls;
}

}  // namespace

Result<GlobPattern> GlobPattern::Make(std::string_view pattern) {
  auto compiled = std::make_shared<Compiled>();
  Segment segment;
  auto end_segment = [&] {
    segment.globstar = segment.tokens.size() == 2 && segment.tokens[0].kind == TokenKind::kStar &&
                       segment.tokens[1].kind == TokenKind::kStar;
    compiled->segments.push_back(std::move(segment));
    segment = Segment();
  };
  size_t i = 0;
  while (i < pattern.size()) {
    char c = pattern[i++];
    switch (c) {
      case '/':
        end_segment();
        break;
      case '*':
        segment.tokens.push_back({TokenKind::kStar});
        break;
      case '?':
        segment.tokens.push_back({TokenKind::kAnyChar});
        break;
      case '[': {
        INLET_ASSIGN_OR_RETURN(CharClass cls, ParseClass(pattern, &i));
        segment.tokens.push_back({TokenKind::kClass, 0, compiled->classes.size()});
        compiled->classes.push_back(std::move(cls));
        break;
      }
      case '\\':
        if (i == pattern.size()) {
          return Status::InvalidArgument("glob pattern '" + std::string(pattern) +
                                         "' ends with an escape '\\'");
        }
        segment.tokens.push_back({TokenKind::kLiteral, pattern[i++]});
        break;
      default:
        segment.tokens.push_back({TokenKind::kLiteral, c});
    }
  }
  end_segment();
  return GlobPattern(std::string(pattern), std::move(compiled));
}

bool GlobPattern::Matches(std::string_view path) const {
  const Compiled& compiled = *compiled_;
  return WildcardMatch(
      compiled.segments, SplitComponents(path), [](const Segment& s) { return s.globstar; },
      [&compiled](const Segment& s, std::string_view component) {
        return compiled.SegmentMatches(s, component);
      });
}

namespace {

/// The position of the first unescaped `*`, `?` or `[`, or npos.
size_t FindMetacharacter(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '*' || text[i] == '?' || text[i] == '[') {
      return i;
    }
  }
  return std::string_view::npos;
}

std::string Unescape(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) ++i;
    out += text[i];
  }
  return out;
}

}  // namespace

bool HasGlobMetacharacters(std::string_view text) {
  return FindMetacharacter(text) != std::string_view::npos;
}

GlobSplit SplitGlob(std::string_view location) {
  size_t meta = FindMetacharacter(location);
  if (meta == std::string_view::npos) return {std::string(location), ""};
  size_t slash = location.rfind('/', meta);
  if (slash == std::string_view::npos) return {"", std::string(location)};
  // The base is a real path, so its escapes are resolved; the pattern keeps them.
  std::string base = slash == 0 ? "/" : Unescape(location.substr(0, slash));
  return {std::move(base), std::string(location.substr(slash + 1))};
}

Result<std::vector<FileInfo>> ListMatching(FileSystem& fs, const std::string& base,
                                           const GlobPattern& pattern) {
  // A pattern within one component needs only the top folder, which saves walking a tree.
  bool recursive = pattern.pattern().find('/') != std::string::npos ||
                   pattern.pattern().find("**") != std::string::npos;
  INLET_ASSIGN_OR_RETURN(std::vector<FileInfo> files, fs.ListFiles(base, recursive));
  std::vector<FileInfo> out;
  for (FileInfo& file : files) {
    std::string_view relative(file.path);
    if (!relative.starts_with(base)) continue;
    relative.remove_prefix(base.size());
    if (!relative.empty() && relative.front() == '/') relative.remove_prefix(1);
    if (pattern.Matches(relative)) out.push_back(std::move(file));
  }
  return out;
}

}  // namespace inlet

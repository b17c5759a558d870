#include "formats/csv/datetime_format.h"

#include <array>

#include "common/string_util.h"
#include "types/cast.h"

namespace inlet {

namespace {

using Kind = DateTimeFormat::Kind;

struct Token {
  std::string_view name;
  Kind kind;
  uint8_t width;
};

// Longer names first: the first match is the longest (MMMM before MM, MONTH before MON).
constexpr Token kSnowflakeTokens[] = {
    {"MMMM", Kind::kMonthName, 0},  {"YYYY", Kind::kYear4, 4},    {"HH24", Kind::kHour24, 2},
    {"HH12", Kind::kHour12, 2},     {"MON", Kind::kMonthAbbrev, 0}, {"TZH", Kind::kZoneHour, 2},
    {"TZM", Kind::kZoneMinute, 2},  {"FF0", Kind::kFraction, 0},  {"FF1", Kind::kFraction, 1},
    {"FF2", Kind::kFraction, 2},    {"FF3", Kind::kFraction, 3},  {"FF4", Kind::kFraction, 4},
    {"FF5", Kind::kFraction, 5},    {"FF6", Kind::kFraction, 6},  {"FF7", Kind::kFraction, 7},
    {"FF8", Kind::kFraction, 8},    {"FF9", Kind::kFraction, 9},  {"YY", Kind::kYear2, 2},
    {"MM", Kind::kMonth, 2},        {"DD", Kind::kDay, 2},        {"DY", Kind::kWeekdayAbbrev, 0},
    {"HH", Kind::kHour24, 2},       {"AM", Kind::kMeridiem, 0},   {"PM", Kind::kMeridiem, 0},
    {"MI", Kind::kMinute, 2},       {"SS", Kind::kSecond, 2},     {"FF", Kind::kFraction, 9},
};

constexpr Token kFireboltTokens[] = {
    {"MONTH", Kind::kMonthName, 0}, {"A.M.", Kind::kMeridiemDotted, 0},
    {"P.M.", Kind::kMeridiemDotted, 0}, {"YYYY", Kind::kYear4, 4},
    {"HH24", Kind::kHour24, 2},     {"HH12", Kind::kHour12, 2},   {"MON", Kind::kMonthAbbrev, 0},
    {"DDD", Kind::kDayOfYear, 3},   {"DAY", Kind::kWeekdayName, 0}, {"TZH", Kind::kZoneHour, 2},
    {"TZM", Kind::kZoneMinute, 2},  {"FF1", Kind::kFraction, 1},  {"FF2", Kind::kFraction, 2},
    {"FF3", Kind::kFraction, 3},    {"FF4", Kind::kFraction, 4},  {"FF5", Kind::kFraction, 5},
    {"FF6", Kind::kFraction, 6},    {"YY", Kind::kYear2, 2},      {"MM", Kind::kMonth, 2},
    {"DD", Kind::kDay, 2},          {"DY", Kind::kWeekdayAbbrev, 0}, {"HH", Kind::kHour12, 2},
    {"AM", Kind::kMeridiem, 0},     {"PM", Kind::kMeridiem, 0},   {"MI", Kind::kMinute, 2},
    {"SS", Kind::kSecond, 2},       {"MS", Kind::kFraction, 3},   {"US", Kind::kFraction, 6},
};

constexpr std::array<std::string_view, 12> kMonthNames = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};
constexpr std::array<std::string_view, 7> kWeekdayNames = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool StartsWithIgnoreCase(std::string_view text, size_t pos, std::string_view prefix) {
  return text.size() - pos >= prefix.size() && EqualsIgnoreCase(text.substr(pos, prefix.size()), prefix);
}

// Reads 1 to `width` digits at `*pos`.
bool ReadNumber(std::string_view text, size_t* pos, int width, int64_t* value) {
  size_t p = *pos;
  int64_t v = 0;
  while (p < text.size() && p - *pos < static_cast<size_t>(width) && IsDigit(text[p])) {
    v = v * 10 + (text[p] - '0');
    ++p;
  }
  if (p == *pos) return false;
  *pos = p;
  *value = v;
  return true;
}

// Matches one of `names` (full, or its first three letters when `abbreviated`) at `*pos`;
// returns its index or -1.
template <size_t N>
int ReadName(std::string_view text, size_t* pos, const std::array<std::string_view, N>& names,
             bool abbreviated) {
  for (size_t i = 0; i < N; ++i) {
    std::string_view name = abbreviated ? names[i].substr(0, 3) : names[i];
    if (StartsWithIgnoreCase(text, *pos, name)) {
      *pos += name.size();
      return static_cast<int>(i);
    }
  }
  return -1;
}

bool IsLeapYear(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

const char* KindName(Kind kind) {
  switch (kind) {
    case Kind::kYear4:
    case Kind::kYear2:
      return "year";
    case Kind::kMonth:
    case Kind::kMonthAbbrev:
    case Kind::kMonthName:
    case Kind::kDayOfYear:
      return "month";
    case Kind::kDay:
      return "day";
    case Kind::kHour24:
    case Kind::kHour12:
      return "hour";
    case Kind::kMeridiem:
    case Kind::kMeridiemDotted:
      return "AM/PM";
    case Kind::kMinute:
      return "minute";
    case Kind::kSecond:
      return "second";
    case Kind::kFraction:
      return "fraction";
    case Kind::kZoneHour:
      return "time zone hour";
    case Kind::kZoneMinute:
      return "time zone minute";
    case Kind::kWeekdayAbbrev:
    case Kind::kWeekdayName:
      return "weekday";
    case Kind::kLiteral:
    case Kind::kSpace:
      break;
  }
  return "";
}

}  // namespace

Result<DateTimeFormat> DateTimeFormat::Compile(std::string_view format, DateTimeFormatStyle style,
                                               std::string_view option) {
  DateTimeFormat out;
  out.text_ = std::string(format);
  auto error = [&](const std::string& what) {
    return Status::InvalidArgument(std::string(option) + " '" + out.text_ + "': " + what);
  };
  if (format.empty()) return error("the format is empty");
  const Token* tokens = style == DateTimeFormatStyle::kSnowflake ? kSnowflakeTokens : kFireboltTokens;
  const size_t num_tokens = style == DateTimeFormatStyle::kSnowflake
                                ? std::size(kSnowflakeTokens)
                                : std::size(kFireboltTokens);
  bool has_hour12 = false, has_meridiem = false, has_hour24 = false;
  std::vector<std::string> seen;  // field names, to reject a field given twice
  size_t pos = 0;
  while (pos < format.size()) {
    const char c = format[pos];
    if (c == '"') {
      size_t close = format.find('"', pos + 1);
      if (close == std::string_view::npos) return error("unclosed '\"' in the format");
      for (size_t i = pos + 1; i < close; ++i) {
        out.elements_.push_back({format[i] == ' ' ? Kind::kSpace : Kind::kLiteral, format[i], 0});
      }
      pos = close + 1;
      continue;
    }
    const Token* match = nullptr;
    for (size_t t = 0; t < num_tokens && match == nullptr; ++t) {
      if (StartsWithIgnoreCase(format, pos, tokens[t].name)) match = &tokens[t];
    }
    if (match == nullptr) {
      // T is the ISO separator between a date and a time.
      if (IsAsciiLetter(c) && c != 'T' && c != 't') {
        return error("unknown format element at '" + std::string(format.substr(pos)) +
                     "'; put literal text in double quotes");
      }
      if (c == ' ') {
        if (out.elements_.empty() || out.elements_.back().kind != Kind::kSpace) {
          out.elements_.push_back({Kind::kSpace, ' ', 0});
        }
      } else {
        out.elements_.push_back({Kind::kLiteral, c, 0});
      }
      ++pos;
      continue;
    }
    if (match->kind == Kind::kFraction && match->width == 0) {
      return error("FF0 reads no digits; use FF1 to FF9, or FF for up to 9");
    }
    const std::string field = KindName(match->kind);
    if (match->kind != Kind::kWeekdayAbbrev && match->kind != Kind::kWeekdayName) {
      for (const std::string& s : seen) {
        if (s == field) return error("the " + field + " appears twice");
      }
      seen.push_back(field);
    }
    has_hour12 |= match->kind == Kind::kHour12;
    has_hour24 |= match->kind == Kind::kHour24;
    has_meridiem |= match->kind == Kind::kMeridiem || match->kind == Kind::kMeridiemDotted;
    out.elements_.push_back({match->kind, 0, match->width});
    pos += match->name.size();
  }
  if (has_meridiem && has_hour24) return error("AM/PM goes with HH12, not a 24-hour hour");
  if (has_meridiem && !has_hour12) return error("AM/PM needs an HH12 hour");
  return out;
}

bool DateTimeFormat::Parse(std::string_view text, Parts* parts) const {
  *parts = Parts();
  size_t pos = 0;
  int64_t value = 0;
  int day_of_year = 0;
  bool pm = false, has_meridiem = false;
  int zone_sign = 1;
  for (const Element& e : elements_) {
    switch (e.kind) {
      case Kind::kLiteral:
        if (pos >= text.size() || LowerAscii(text[pos]) != LowerAscii(e.literal)) return false;
        ++pos;
        break;
      case Kind::kSpace:
        if (pos >= text.size() || text[pos] != ' ') return false;
        while (pos < text.size() && text[pos] == ' ') ++pos;
        break;
      case Kind::kYear4:
        if (!ReadNumber(text, &pos, e.width, &parts->year)) return false;
        break;
      case Kind::kYear2:
        if (!ReadNumber(text, &pos, e.width, &value)) return false;
        // Two-digit years 70-99 are 19xx and 00-69 are 20xx (Snowflake's default century start).
        parts->year = value >= 70 ? 1900 + value : 2000 + value;
        break;
      case Kind::kMonth:
        if (!ReadNumber(text, &pos, e.width, &value)) return false;
        parts->month = static_cast<int>(value);
        break;
      case Kind::kMonthAbbrev:
      case Kind::kMonthName: {
        int m = ReadName(text, &pos, kMonthNames, e.kind == Kind::kMonthAbbrev);
        if (m < 0) return false;
        parts->month = m + 1;
        break;
      }
      case Kind::kDay:
        if (!ReadNumber(text, &pos, e.width, &value)) return false;
        parts->day = static_cast<int>(value);
        break;
      case Kind::kDayOfYear:
        if (!ReadNumber(text, &pos, e.width, &value) || value < 1) return false;
        day_of_year = static_cast<int>(value);
        break;
      case Kind::kWeekdayAbbrev:
      case Kind::kWeekdayName:
        // The weekday is redundant with the date; it is read and not checked.
        if (ReadName(text, &pos, kWeekdayNames, e.kind == Kind::kWeekdayAbbrev) < 0) return false;
        break;
      case Kind::kHour24:
      case Kind::kHour12:
        if (!ReadNumber(text, &pos, e.width, &value)) return false;
        if (e.kind == Kind::kHour12 && (value < 1 || value > 12)) return false;
        parts->hour = static_cast<int>(value);
        break;
      case Kind::kMeridiem:
      case Kind::kMeridiemDotted: {
        std::string_view am = e.kind == Kind::kMeridiem ? "AM" : "A.M.";
        std::string_view pm_text = e.kind == Kind::kMeridiem ? "PM" : "P.M.";
        has_meridiem = true;
        if (StartsWithIgnoreCase(text, pos, am)) {
          pos += am.size();
        } else if (StartsWithIgnoreCase(text, pos, pm_text)) {
          pos += pm_text.size();
          pm = true;
        } else {
          return false;
        }
        break;
      }
      case Kind::kMinute:
        if (!ReadNumber(text, &pos, e.width, &value)) return false;
        parts->minute = static_cast<int>(value);
        break;
      case Kind::kSecond:
        if (!ReadNumber(text, &pos, e.width, &value)) return false;
        parts->second = static_cast<int>(value);
        break;
      case Kind::kFraction: {
        size_t start = pos;
        if (!ReadNumber(text, &pos, e.width, &value)) return false;
        // Scale to microseconds: digits beyond the sixth are dropped.
        for (size_t digits = pos - start; digits < 6; ++digits) value *= 10;
        for (size_t digits = pos - start; digits > 6; --digits) value /= 10;
        parts->micros = value;
        break;
      }
      case Kind::kZoneHour:
        if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
          ++pos;
          parts->zone_minutes = 0;
          break;
        }
        if (pos >= text.size() || (text[pos] != '+' && text[pos] != '-')) return false;
        zone_sign = text[pos] == '-' ? -1 : 1;
        ++pos;
        if (!ReadNumber(text, &pos, e.width, &value) || value > 18) return false;
        parts->zone_minutes = zone_sign * static_cast<int>(value) * 60;
        break;
      case Kind::kZoneMinute:
        if (!ReadNumber(text, &pos, e.width, &value) || value > 59) return false;
        parts->zone_minutes =
            parts->zone_minutes.value_or(0) + zone_sign * static_cast<int>(value);
        break;
    }
  }
  if (pos != text.size()) return false;
  if (has_meridiem) parts->hour = parts->hour % 12 + (pm ? 12 : 0);
  if (day_of_year > 0) {
    if (day_of_year > (IsLeapYear(parts->year) ? 366 : 365)) return false;
    parts->month = 1;
    while (day_of_year > DaysInMonth(parts->year, parts->month)) {
      day_of_year -= DaysInMonth(parts->year, parts->month++);
    }
    parts->day = day_of_year;
  }
  return parts->month >= 1 && parts->month <= 12 && parts->day >= 1 &&
         parts->day <= DaysInMonth(parts->year, parts->month) && parts->hour <= 23 &&
         parts->minute <= 59 && parts->second <= 59;
}

bool DateTimeFormat::ParseDate(std::string_view text, int32_t* days) const {
  Parts parts;
  if (!Parse(text, &parts)) return false;
  *days = DaysFromCivil(parts.year, static_cast<unsigned>(parts.month),
                        static_cast<unsigned>(parts.day));
  return true;
}

bool DateTimeFormat::ParseTime(std::string_view text, int64_t* micros) const {
  Parts parts;
  if (!Parse(text, &parts)) return false;
  *micros = ((parts.hour * int64_t{60} + parts.minute) * 60 + parts.second) * 1000000 + parts.micros;
  return true;
}

bool DateTimeFormat::ParseTimestamp(std::string_view text, int64_t* wall_micros,
                                    std::optional<int>* zone_minutes) const {
  Parts parts;
  if (!Parse(text, &parts)) return false;
  const int64_t days = DaysFromCivil(parts.year, static_cast<unsigned>(parts.month),
                                     static_cast<unsigned>(parts.day));
  *wall_micros = days * 86400 * int64_t{1000000} +
                 ((parts.hour * int64_t{60} + parts.minute) * 60 + parts.second) * 1000000 +
                 parts.micros;
  *zone_minutes = parts.zone_minutes;
  return true;
}

}  // namespace inlet

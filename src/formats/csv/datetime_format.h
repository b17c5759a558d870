#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "inlet/result.h"

namespace inlet {

/// Whose format elements a format string is written in.
enum class DateTimeFormatStyle {
  /// Snowflake's DATE_FORMAT / TIME_FORMAT / TIMESTAMP_FORMAT: YYYY YY MM MON MMMM DD DY HH24 HH12
  /// HH (= HH24) AM PM MI SS FF FF0..FF9 TZH TZM.
  kSnowflake,
  /// Firebolt's TO_DATE / TO_TIMESTAMP (PostgreSQL's templates): YYYY YY MM MON MONTH DD DDD DY
  /// DAY HH24 HH12 HH (= HH12) AM PM A.M. P.M. MI SS MS US FF1..FF6 TZH TZM.
  kFirebolt,
};

/// A date/time format string compiled once into a list of elements, then matched against many
/// values without allocating. Element names ignore case; "text" in double quotes is literal, as
/// are punctuation, digits, spaces and a lone T; any other letter is an error. A numeric element
/// takes 1 up to its width in digits, so 'YYYY-MM-DD' also reads 2024-1-5.
class DateTimeFormat {
 public:
  /// Compiles `format`. InvalidArgument naming `option` and the format, e.g.
  /// "DATE_FORMAT 'YYYY-QQ': unknown format element at 'QQ'".
  static Result<DateTimeFormat> Compile(std::string_view format, DateTimeFormatStyle style,
                                        std::string_view option);

  /// The fields a value was read into; those the format lacks keep these defaults.
  struct Parts {
    int64_t year = 1970;
    int month = 1;
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int64_t micros = 0;
    /// Minutes east of UTC when the format has TZH.
    std::optional<int> zone_minutes;
  };

  /// Matches the whole of `text`; false when it does not match or names no valid date/time.
  bool Parse(std::string_view text, Parts* parts) const;
  /// DATE: days since 1970-01-01 (time fields are ignored).
  bool ParseDate(std::string_view text, int32_t* days) const;
  /// TIME: microseconds since midnight.
  bool ParseTime(std::string_view text, int64_t* micros) const;
  /// TIMESTAMP as written (`*zone_minutes` says which zone, if the format has one).
  bool ParseTimestamp(std::string_view text, int64_t* wall_micros,
                      std::optional<int>* zone_minutes) const;

  /// The format as the user wrote it, for messages.
  const std::string& text() const { return text_; }

  enum class Kind : uint8_t {
    kLiteral,
    kSpace,  // one or more spaces
    kYear4,
    kYear2,
    kMonth,
    kMonthAbbrev,
    kMonthName,
    kDay,
    kDayOfYear,
    kWeekdayAbbrev,
    kWeekdayName,
    kHour24,
    kHour12,
    kMeridiem,         // AM / PM
    kMeridiemDotted,   // A.M. / P.M.
    kMinute,
    kSecond,
    kFraction,  // `width` digits at most
    kZoneHour,
    kZoneMinute,
  };
  struct Element {
    Kind kind;
    char literal = 0;
    uint8_t width = 0;
  };

 private:
  std::vector<Element> elements_;
  std::string text_;
};

}  // namespace inlet

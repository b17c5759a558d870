#include "types/text_cast.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include "common/string_util.h"
#include "types/cast.h"

namespace inlet {

namespace {

constexpr uint64_t kPow10[19] = {1ULL,
                                 10ULL,
                                 100ULL,
                                 1000ULL,
                                 10000ULL,
                                 100000ULL,
                                 1000000ULL,
                                 10000000ULL,
                                 100000000ULL,
                                 1000000000ULL,
                                 10000000000ULL,
                                 100000000000ULL,
                                 1000000000000ULL,
                                 10000000000000ULL,
                                 100000000000000ULL,
                                 1000000000000000ULL,
                                 10000000000000000ULL,
                                 100000000000000000ULL,
                                 1000000000000000000ULL};

bool ParseBool(std::string_view s, bool* out) {
  static const char* kTrue[] = {"true", "t", "yes", "y", "on", "1"};
  static const char* kFalse[] = {"false", "f", "no", "n", "off", "0"};
  for (const char* t : kTrue) {
    if (EqualsIgnoreCase(s, t)) return *out = true, true;
  }
  for (const char* f : kFalse) {
    if (EqualsIgnoreCase(s, f)) return *out = false, true;
  }
  return false;
}

bool ParseInt64General(std::string_view s, int64_t* out) {
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  if (s.empty()) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

bool ParseDouble(std::string_view s, double* out) {
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  if (s.empty()) return false;
  std::string_view body = s[0] == '-' ? s.substr(1) : s;
  if (EqualsIgnoreCase(body, "inf") || EqualsIgnoreCase(body, "infinity")) {
    *out = s[0] == '-' ? -std::numeric_limits<double>::infinity()
                       : std::numeric_limits<double>::infinity();
    return true;
  }
  if (EqualsIgnoreCase(body, "nan")) {
    *out = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  // Out-of-range magnitudes are an error rather than a silent infinity or zero.
  return ec == std::errc() && ptr == s.data() + s.size();
}

std::string DecimalRangeError(int precision, int scale) {
  return "value out of range for DECIMAL(" + std::to_string(precision) + "," +
         std::to_string(scale) + ")";
}

// Where the first 'e' or 'E' is in `s`, or npos (s.find_first_of("eE"), minus its per-character
// search of the set).
size_t FindExponentMarker(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if ((s[i] | 0x20) == 'e') return i;
  }
  return std::string_view::npos;
}

// What one pass over a decimal literal's mantissa ("123.45", sign and exponent excluded) finds,
// without copying its digits anywhere.
struct DecimalDigits {
  int64_t total = 0;          // digits, '.' excluded
  int64_t fraction = 0;       // of which after the point
  int64_t leading_zeros = 0;  // zeros before the first significant digit
  uint64_t value = 0;         // the significant digits as a number, while there are at most 19
};

constexpr int64_t kMaxUint64Digits = 19;  // 10^19 - 1 < 2^64

// False when `s` holds anything but digits and at most one '.', or no digit at all.
bool ScanDecimalDigits(std::string_view s, DecimalDigits* d) {
  bool seen_point = false;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      ++d->total;
      if (seen_point) ++d->fraction;
      if (c == '0' && d->total - 1 == d->leading_zeros) {
        ++d->leading_zeros;
      } else if (d->total - d->leading_zeros <= kMaxUint64Digits) {
        d->value = d->value * 10 + static_cast<uint64_t>(c - '0');
      }
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      return false;
    }
  }
  return d->total > 0;
}

// The first `keep` significant digits of mantissa `s` as a number, and whether the digit after
// them (if any) rounds it up. The slow path, for literals with more than 19 significant digits
// or with digits dropped by the scale.
int128_t AccumulateDecimalDigits(std::string_view s, const DecimalDigits& d, int64_t keep,
                                 bool* round_up) {
  int128_t result = 0;
  int64_t seen = 0;  // significant digits visited
  int64_t skip = d.leading_zeros;
  *round_up = false;
  for (char c : s) {
    if (c == '.') continue;
    if (skip > 0) {
      --skip;
      continue;
    }
    if (seen == keep) {
      *round_up = c >= '5';
      break;
    }
    result = result * 10 + (c - '0');
    ++seen;
  }
  return result;
}

// Parses a decimal literal into an unscaled value of `scale` digits, rounding half away from
// zero; `error` is set to a reason when it fails.
//
// PERF NOTES: this runs once per DECIMAL field of every loaded row, so the success path never
// allocates: one pass (ScanDecimalDigits) validates the mantissa, counts its digits and
// accumulates up to 19 significant digits in a uint64. When every significant digit is kept
// (the usual case: no more fraction digits than the scale) that is the value; otherwise a
// second pass (AccumulateDecimalDigits) re-reads the digits into an int128 and finds the
// rounding digit. The rules are those of the digit-string form this replaced: strip leading
// zeros, keep the significant digits that survive the shift to `scale`, round on the first
// dropped digit.
bool ParseDecimalGeneral(std::string_view s, int precision, int scale, int128_t* out,
                         std::string* error) {
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  int64_t exponent = 0;
  size_t e = FindExponentMarker(s);
  if (e != std::string_view::npos) {
    if (!ParseInt64(s.substr(e + 1), &exponent) || exponent > 100 || exponent < -100) {
      *error = "invalid DECIMAL value";
      return false;
    }
    s = s.substr(0, e);
  }
  DecimalDigits digits;
  if (!ScanDecimalDigits(s, &digits)) {
    *error = "invalid DECIMAL value";
    return false;
  }
  // value = digits * 10^(exponent - fraction_digits); we want value * 10^scale.
  const int64_t shift = exponent - digits.fraction + scale;
  const int64_t significant = digits.total - digits.leading_zeros;
  if (significant == 0) {
    *out = 0;
    return true;
  }
  int64_t keep = significant + std::min<int64_t>(shift, 0);
  if (keep < 0) {
    // Every digit lies more than one place past the scale: the value rounds to zero.
    *out = 0;
    return true;
  }
  if (keep + std::max<int64_t>(shift, 0) > precision) {
    *error = DecimalRangeError(precision, scale);
    return false;
  }
  int128_t result;
  bool round_up = false;
  if (keep == significant && significant <= kMaxUint64Digits) {
    result = static_cast<int128_t>(digits.value);
  } else {
    result = AccumulateDecimalDigits(s, digits, keep, &round_up);
  }
  if (shift > 0) result *= Pow10(static_cast<int>(shift));
  if (round_up) {
    result += 1;
    if (result >= Pow10(precision)) {
      *error = DecimalRangeError(precision, scale);
      return false;
    }
  }
  *out = negative ? -result : result;
  return true;
}

// Returns the number of code points, or -1 when `s` is not valid UTF-8.
int64_t Utf8Length(std::string_view s) {
  int64_t count = 0;
  size_t i = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  while (i < s.size()) {
    // PERF NOTES: most text is ASCII; take 8 bytes at once while none has its high bit set.
    uint64_t word;
    if (i + 8 <= s.size() && (std::memcpy(&word, p + i, 8), (word & 0x8080808080808080ULL) == 0)) {
      i += 8;
      count += 8;
      continue;
    }
    unsigned char c = p[i];
    int len;
    uint32_t cp;
    if (c < 0x80) {
      ++i;
      ++count;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return -1;
    }
    if (i + len > s.size()) return -1;
    for (int k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return -1;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    // Overlong encodings, surrogates and values past U+10FFFF are not valid UTF-8.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return -1;
    }
    i += len;
    ++count;
  }
  return count;
}

// Byte length of the first `chars` code points of valid UTF-8 `s`.
size_t Utf8PrefixBytes(std::string_view s, int64_t chars) {
  size_t i = 0;
  for (int64_t n = 0; n < chars && i < s.size(); ++n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    i += c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
  }
  return std::min(i, s.size());
}
bool Fail(std::string* error, std::string reason) {
  *error = std::move(reason);
  return false;
}

// One TextAppender per type. Error messages name the type as AppendTextAsType always has.

bool AppendBoolean(std::string_view text, const LogicalType&, Column* out, std::string* error,
                   const CastOptions&) {
  bool b;
  if (!ParseBool(text, &b)) return Fail(error, "invalid BOOLEAN value");
  out->AppendBool(b);
  return true;
}

template <typename T>
bool AppendInteger(std::string_view text, const LogicalType& type, Column* out,
                   std::string* error, const CastOptions&) {
  int64_t v;
  if (!ParseInt64(text, &v)) {
    // Distinguish "too big for any integer" from "not a number" for a clearer message.
    double d;
    if (ParseDouble(text, &d) && text.find_first_of(".eEnN") == std::string_view::npos) {
      return Fail(error, "value out of range for " + type.ToString());
    }
    return Fail(error, "invalid " + type.ToString() + " value");
  }
  if (v < std::numeric_limits<T>::min() || v > std::numeric_limits<T>::max()) {
    return Fail(error, "value out of range for " + type.ToString());
  }
  out->AppendFixed<T>(static_cast<T>(v));
  return true;
}

bool AppendFloating(std::string_view text, const LogicalType& type, Column* out,
                    std::string* error, const CastOptions&) {
  double d;
  if (!ParseDouble(text, &d)) return Fail(error, "invalid " + type.ToString() + " value");
  if (type.id() == TypeId::kFloat) {
    if (std::isfinite(d) && std::fabs(d) > std::numeric_limits<float>::max()) {
      return Fail(error, "value out of range for FLOAT");
    }
    out->AppendFixed<float>(static_cast<float>(d));
  } else {
    out->AppendFixed<double>(d);
  }
  return true;
}

bool AppendDecimal(std::string_view text, const LogicalType& type, Column* out,
                   std::string* error, const CastOptions&) {
  int128_t v;
  if (!ParseDecimal(text, type.precision(), type.scale(), &v, error)) return false;
  out->AppendFixed<int128_t>(v);
  return true;
}

bool AppendVarchar(std::string_view text, const LogicalType& type, Column* out,
                   std::string* error, const CastOptions& options) {
  int64_t length = Utf8Length(text);
  if (length < 0) return Fail(error, kInvalidUtf8Reason);
  if (type.max_length() >= 0 && length > type.max_length()) {
    if (!options.truncate_strings) {
      return Fail(error, "value is " + std::to_string(length) + " characters long, over the " +
                             std::to_string(type.max_length()) + " of " + type.ToString());
    }
    text = text.substr(0, Utf8PrefixBytes(text, type.max_length()));
  }
  out->AppendString(text);
  return true;
}

bool AppendBinary(std::string_view text, const LogicalType&, Column* out, std::string*,
                  const CastOptions&) {
  out->AppendString(text);
  return true;
}

bool AppendDate(std::string_view text, const LogicalType&, Column* out, std::string* error,
                const CastOptions&) {
  int32_t days;
  if (!ParseDate(text, &days)) return Fail(error, "invalid DATE value (expected YYYY-MM-DD)");
  out->AppendFixed<int32_t>(days);
  return true;
}

bool AppendTimestamp(std::string_view text, const LogicalType& type, Column* out,
                     std::string* error, const CastOptions&) {
  int64_t micros;
  bool had_zone;
  if (!ParseTimestamp(text, &micros, &had_zone)) {
    return Fail(error,
                "invalid " + type.ToString() + " value (expected YYYY-MM-DD HH:MM:SS[.ffffff])");
  }
  if (had_zone && type.id() == TypeId::kTimestamp) {
    return Fail(error, "TIMESTAMP value has a time zone; use TIMESTAMPTZ");
  }
  out->AppendFixed<int64_t>(micros);
  return true;
}

bool AppendTime(std::string_view text, const LogicalType&, Column* out, std::string* error,
                const CastOptions&) {
  int64_t micros;
  if (!ParseTime(text, &micros)) {
    return Fail(error, "invalid TIME value (expected HH:MM:SS[.ffffff])");
  }
  out->AppendFixed<int64_t>(micros);
  return true;
}

bool AppendNested(std::string_view, const LogicalType& type, Column*, std::string* error,
                  const CastOptions&) {
  return Fail(error, "cannot load text into " + type.ToString() + " yet");
}

}  // namespace

// PERF NOTES: the usual BIGINT text (an optional sign and at most 18 digits) cannot overflow, so
// one loop converts it without from_chars' range checks; anything else takes the general path.
bool ParseInt64(std::string_view s, int64_t* out) {
  const char* p = s.data();
  const char* const end = p + s.size();
  const bool negative = p < end && *p == '-';
  if (p < end && (*p == '-' || *p == '+')) ++p;
  if (end - p > 0 && end - p <= 18) {
    uint64_t v = 0;
    for (; p < end; ++p) {
      const unsigned digit = static_cast<unsigned char>(*p) - static_cast<unsigned>('0');
      if (digit > 9) break;
      v = v * 10 + digit;
    }
    if (p == end) {
      *out = negative ? -static_cast<int64_t>(v) : static_cast<int64_t>(v);
      return true;
    }
  }
  return ParseInt64General(s, out);
}

// PERF NOTES: the usual DECIMAL text ("1234.56": a sign, digits, a point, no more fraction
// digits than the scale, at most 18 digits once scaled) is read in one loop into a uint64 and
// scaled by a table power of ten. Everything else (exponents, rounding, long literals, range
// errors) takes ParseDecimalGeneral, which gives the same value for the fast path's texts.
bool ParseDecimal(std::string_view s, int precision, int scale, int128_t* out,
                  std::string* error) {
  const char* p = s.data();
  const char* const end = p + s.size();
  const bool negative = p < end && *p == '-';
  if (p < end && (*p == '-' || *p == '+')) ++p;
  uint64_t value = 0;
  int digits = 0;
  int point = -1;  // digits before the point, when there is one
  for (; p < end; ++p) {
    const unsigned digit = static_cast<unsigned char>(*p) - static_cast<unsigned>('0');
    if (digit <= 9) {
      value = value * 10 + digit;
      ++digits;
    } else if (*p == '.' && point < 0) {
      point = digits;
    } else {
      break;
    }
  }
  const int fraction = point < 0 ? 0 : digits - point;
  if (p == end && digits > 0 && digits <= 18 && fraction <= scale &&
      digits + (scale - fraction) <= 18) {
    const uint64_t unscaled = value * kPow10[scale - fraction];
    if (precision >= 18 || unscaled < kPow10[precision]) {
      *out = negative ? -static_cast<int128_t>(unscaled) : static_cast<int128_t>(unscaled);
      return true;
    }
  }
  return ParseDecimalGeneral(s, precision, scale, out, error);
}

TextAppender TextAppenderFor(const LogicalType& type) {
  switch (type.id()) {
    case TypeId::kBoolean:
      return AppendBoolean;
    case TypeId::kTinyInt:
      return AppendInteger<int8_t>;
    case TypeId::kSmallInt:
      return AppendInteger<int16_t>;
    case TypeId::kInteger:
      return AppendInteger<int32_t>;
    case TypeId::kBigInt:
      return AppendInteger<int64_t>;
    case TypeId::kFloat:
    case TypeId::kDouble:
      return AppendFloating;
    case TypeId::kDecimal:
      return AppendDecimal;
    case TypeId::kVarchar:
      return AppendVarchar;
    case TypeId::kBinary:
      return AppendBinary;
    case TypeId::kDate:
      return AppendDate;
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      return AppendTimestamp;
    case TypeId::kTime:
      return AppendTime;
    case TypeId::kStruct:
    case TypeId::kList:
    case TypeId::kMap:
      break;
  }
  return AppendNested;
}

bool AppendTextAsType(std::string_view text, const LogicalType& type, Column* out,
                      std::string* error, const CastOptions& options) {
  return TextAppenderFor(type)(text, type, out, error, options);
}

}  // namespace inlet

#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "inlet/result.h"
#include "types/column.h"
#include "types/logical_type.h"
#include "types/value.h"

namespace inlet {

/// Text-to-type casts. Each reports failure per value (a false return and a reason) instead of
/// throwing, so a load can route the bad value to its error sink.
///
/// Accepted text, by type (leading/trailing ASCII spaces are not trimmed here; the reader decides):
///   BOOLEAN   true/false, t/f, yes/no, y/n, on/off, 1/0 (any case)
///   integers  optional sign, decimal digits; range-checked for the target width
///   FLOAT/DOUBLE  decimal or scientific notation, inf/infinity/nan (any case)
///   DECIMAL   optional sign, digits, optional fraction, optional exponent; rounded half away from
///             zero to the scale; an error when the integer part exceeds precision - scale digits
///   VARCHAR(n) any valid UTF-8; over n characters is an error
///   DATE      YYYY-MM-DD (also YYYY/MM/DD)
///   TIMESTAMP YYYY-MM-DD[( |T)HH:MM[:SS[.ffffff]]] ; a zone suffix is an error
///   TIMESTAMPTZ as TIMESTAMP plus optional Z / +HH[:MM] / -HH[:MM] (none = UTC)
///   TIME      HH:MM[:SS[.ffffff]]
///   BINARY    the bytes as they are
///   STRUCT, ARRAY, MAP  not yet: an error "cannot load text into <type> yet"
struct CastOptions {
  /// VARCHAR(n): truncate over-long values instead of failing.
  bool truncate_strings = false;
};

/// Parses `text` as `type` and appends it to `out` (whose type is `type`). On failure nothing is
/// appended, false is returned and `*error` says why, e.g. "invalid INTEGER value" or
/// "value out of range for TINYINT".
bool AppendTextAsType(std::string_view text, const LogicalType& type, Column* out,
                      std::string* error, const CastOptions& options = {});

/// Parses `text` as a Value of `type`; the error message names the value and the type:
/// "cannot cast 'abc' to INTEGER". A nested `type` is NotImplemented.
Result<Value> CastTextToValue(std::string_view text, const LogicalType& type);

/// Converts a value to another type (SQL CAST and literal coercion): numbers between numeric
/// types with range checks, anything to and from VARCHAR (nested values only to it),
/// DATE <-> TIMESTAMP[TZ], TIMESTAMP[TZ] -> TIME (the time of day), and nested values to the
/// same kind of nested type, child by child (STRUCT fields matched by name).
Result<Value> CastValue(const Value& value, const LogicalType& target);

// Building blocks, also used by readers and writers.
bool ParseDate(std::string_view text, int32_t* days);
/// `*had_zone` is set when the text carried a zone suffix; micros are then converted to UTC.
bool ParseTimestamp(std::string_view text, int64_t* micros, bool* had_zone);
/// "HH:MM[:SS[.ffffff]]" (24:00:00 allowed) as microseconds since midnight.
bool ParseTime(std::string_view text, int64_t* micros);
std::string FormatDate(int32_t days);
/// "HH:MM:SS[.ffffff]" with the fraction's trailing zeros trimmed.
std::string FormatTime(int64_t micros);
std::string FormatTimestamp(int64_t micros);
std::string FormatDecimal(int128_t unscaled, int scale);
/// Days since the epoch for a civil date, and back (proleptic Gregorian).
int32_t DaysFromCivil(int64_t year, unsigned month, unsigned day);
void CivilFromDays(int32_t days, int64_t* year, unsigned* month, unsigned* day);

}  // namespace inlet

#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "inlet/result.h"
#include "types/column.h"
#include "types/logical_type.h"
#include "types/text_cast.h"
#include "types/value.h"

namespace inlet {

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

#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "types/column.h"
#include "types/logical_type.h"

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

/// The reason AppendTextAsType gives for text that is not UTF-8 (a VARCHAR's other failure is
/// being too long), so a loader can tell the two apart.
inline constexpr char kInvalidUtf8Reason[] = "invalid UTF-8";

/// Parses `text` as `type` and appends it to `out` (whose type is `type`). On failure nothing is
/// appended, false is returned and `*error` says why, e.g. "invalid INTEGER value" or
/// "value out of range for TINYINT".
bool AppendTextAsType(std::string_view text, const LogicalType& type, Column* out,
                      std::string* error, const CastOptions& options = {});

/// AppendTextAsType for one type: a loader picks it once per column (TextAppenderFor) so that
/// each value skips the dispatch on the type. Called with the type it was chosen for.
using TextAppender = bool (*)(std::string_view text, const LogicalType& type, Column* out,
                              std::string* error, const CastOptions& options);

/// The TextAppender for `type`; AppendTextAsType(text, type, ...) and
/// TextAppenderFor(type)(text, type, ...) do the same.
TextAppender TextAppenderFor(const LogicalType& type);

/// Whole-number text as AppendTextAsType reads it for BIGINT: an optional sign and decimal digits.
bool ParseInt64(std::string_view text, int64_t* out);
/// Decimal text as AppendTextAsType reads it for DECIMAL(precision, scale), as the unscaled value;
/// on failure `*error` says why.
bool ParseDecimal(std::string_view text, int precision, int scale, int128_t* out,
                  std::string* error);

}  // namespace inlet

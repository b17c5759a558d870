#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace inlet {

/// ASCII lower-casing; SQL identifiers and option names compare this way.
std::string AsciiToLower(std::string_view s);
std::string AsciiToUpper(std::string_view s);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
std::string_view TrimWhitespace(std::string_view s);
std::vector<std::string> SplitString(std::string_view s, char separator);
std::string JoinStrings(const std::vector<std::string>& parts, std::string_view separator);
/// `value` inside single quotes with embedded quotes doubled, as SQL writes a string literal.
std::string QuoteSqlString(std::string_view value);
/// `text` with each byte that is not part of a valid UTF-8 sequence written as `\xFF`, so a
/// message quoting bad input is itself valid UTF-8.
std::string EscapeInvalidUtf8(std::string_view text);
/// A byte count for people: "512 B", "1.5 KiB", "12.0 MiB".
std::string FormatBytes(int64_t bytes);

/// Lowercase hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);
/// A random RFC 4122 version 4 UUID in its text form.
std::string RandomUuid();

/// Microseconds since the Unix epoch, wall clock.
int64_t NowMicros();

}  // namespace inlet

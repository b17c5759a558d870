#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "formats/csv/csv_parser.h"

namespace inlet {

/// Decodes, in place, the ESCAPE_UNENCLOSED_FIELD sequences of the `size` bytes at `text` (an
/// unquoted field from its first escape byte on) and returns the decoded size, never larger.
/// After the escape byte:
/// - a byte that gives the file its structure (the delimiter's first byte, the record
///   delimiter's, LF, CR, the quote, the escape itself) is that byte, taken as data;
/// - `t n r b f` are tab, LF, CR, backspace and form feed;
/// - three octal digits `ooo` (up to 377) and `x` with two hex digits `hh` are that byte;
/// - anything else keeps the escape, so `\N` stays `\N` and still matches NULL_IF.
size_t DecodeUnquotedEscapes(char* text, size_t size, const CsvDialect& dialect);

/// TRIM_SPACE's reading of an unquoted field (spaces before an opening quote make the parser
/// read a field as unquoted): `text` without the spaces and tabs around it, and when quotes then
/// enclose it, the value inside them with doubled quotes (and the quote escape's pairs) made
/// single, built in `*scratch` when it has any. `*quoted` says whether quotes enclosed it.
std::string_view TrimSpaceField(std::string_view text, const CsvDialect& dialect,
                                std::string* scratch, bool* quoted);

}  // namespace inlet

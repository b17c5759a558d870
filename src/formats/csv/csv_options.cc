#include "formats/csv/csv_options.h"

#include <charconv>

#include "common/string_util.h"

namespace inlet {

namespace {

const std::string* Find(const FormatOptions& options, const std::string& key) {
  auto it = options.find(key);
  return it == options.end() ? nullptr : &it->second;
}

/// The value of `name` or of its alias; InvalidArgument when both are given and differ.
Result<const std::string*> FindWithAlias(const FormatOptions& options, const std::string& name,
                                         const std::string& alias) {
  const std::string* value = Find(options, name);
  const std::string* alias_value = Find(options, alias);
  if (value != nullptr && alias_value != nullptr && *value != *alias_value) {
    return Status::InvalidArgument(name + " and its alias " + alias + " are both given, as '" +
                                   *value + "' and '" + *alias_value + "'");
  }
  return value != nullptr ? value : alias_value;
}

Result<bool> ParseBool(const std::string& name, const std::string& value) {
  if (EqualsIgnoreCase(value, "true")) return true;
  if (EqualsIgnoreCase(value, "false")) return false;
  return Status::InvalidArgument(name + " must be true or false, got '" + value + "'");
}

/// One character; `\t` written as backslash-t is a tab, since SQL strings cannot hold one easily.
Result<char> ParseChar(const std::string& name, const std::string& value) {
  if (value == "\\t") return '\t';
  if (value.size() != 1) {
    return Status::InvalidArgument(name + " must be a single character, got '" + value + "'");
  }
  if (value[0] == '\n' || value[0] == '\r') {
    return Status::InvalidArgument(name + " cannot be a line break");
  }
  return value[0];
}

std::string Printable(char c) { return c == '\t' ? "\\t" : std::string(1, c); }

}  // namespace

Result<CsvOptions> CsvOptions::Parse(const FormatOptions& options, char default_delimiter) {
  CsvOptions out;
  out.dialect.delimiter = default_delimiter;

  INLET_ASSIGN_OR_RETURN(const std::string* header, FindWithAlias(options, "header", "has_header"));
  if (header != nullptr) {
    INLET_ASSIGN_OR_RETURN(out.header,
                           ParseBool(options.count("header") ? "header" : "has_header", *header));
  }
  INLET_ASSIGN_OR_RETURN(const std::string* delimiter, FindWithAlias(options, "delimiter", "sep"));
  if (delimiter != nullptr) {
    INLET_ASSIGN_OR_RETURN(out.dialect.delimiter,
                           ParseChar(options.count("delimiter") ? "delimiter" : "sep", *delimiter));
  }
  if (const std::string* quote = Find(options, "quote")) {
    out.dialect.has_quote = !quote->empty();
    if (out.dialect.has_quote) {
      INLET_ASSIGN_OR_RETURN(out.dialect.quote, ParseChar("quote", *quote));
    }
  }
  if (const std::string* escape = Find(options, "escape")) {
    out.dialect.has_escape = !escape->empty();
    if (out.dialect.has_escape) {
      INLET_ASSIGN_OR_RETURN(out.dialect.escape, ParseChar("escape", *escape));
    }
  }
  if (const std::string* null_value = Find(options, "nullvalue")) out.null_value = *null_value;
  if (const std::string* skip_rows = Find(options, "skiprows")) {
    const char* end = skip_rows->data() + skip_rows->size();
    auto [ptr, ec] = std::from_chars(skip_rows->data(), end, out.skip_rows);
    if (skip_rows->empty() || ec != std::errc() || ptr != end || out.skip_rows < 0) {
      return Status::InvalidArgument("skipRows must be a non-negative integer, got '" + *skip_rows +
                                     "'");
    }
  }

  const CsvDialect& d = out.dialect;
  if (d.has_quote && d.quote == d.delimiter) {
    return Status::InvalidArgument("delimiter and quote must differ, both are '" +
                                   Printable(d.delimiter) + "'");
  }
  if (d.has_escape && d.escape == d.delimiter) {
    return Status::InvalidArgument("delimiter and escape must differ, both are '" +
                                   Printable(d.delimiter) + "'");
  }
  return out;
}

std::vector<OptionSpec> CsvOptionSpecs() {
  return {
      {"header", "whether the first record holds the column names (true/false)", "true"},
      {"has_header", "alias of header", "true"},
      {"delimiter", "the field separator, one character; '\\t' means tab", ", (tab for .tsv)"},
      {"sep", "alias of delimiter", ", (tab for .tsv)"},
      {"quote", "the quote character; '' turns quoting off", "\""},
      {"escape", "the character that escapes a quote inside a quoted field", "none"},
      {"nullValue", "an unquoted field equal to this is NULL", "none (empty is NULL)"},
      {"skipRows", "lines skipped before the header or the data", "0"},
  };
}

char DefaultCsvDelimiter(std::string_view path) {
  std::string name = AsciiToLower(path);
  for (std::string_view suffix : {".gz", ".gzip", ".zst", ".zstd"}) {
    if (name.size() > suffix.size() && name.ends_with(suffix)) {
      name.resize(name.size() - suffix.size());
      break;
    }
  }
  return name.ends_with(".tsv") ? '\t' : ',';
}

}  // namespace inlet

#include "formats/csv/csv_options.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "common/string_util.h"
#include "io/compression.h"

namespace inlet {

namespace {

// Each dialect's CSV option names (lower-case). COMPRESSION, ENCODING and VALIDATE_UTF8 belong
// to the input layer and are checked there.
const std::vector<std::string> kDeltaNames = {"header",    "has_header", "delimiter", "sep",
                                              "quote",     "escape",     "nullvalue", "skiprows"};
const std::vector<std::string> kSnowflakeNames = {
    "record_delimiter",     "field_delimiter",
    "skip_header",          "date_format",
    "time_format",          "timestamp_format",
    "binary_format",        "escape",
    "escape_unenclosed_field", "trim_space",
    "field_optionally_enclosed_by", "null_if",
    "error_on_column_count_mismatch", "empty_field_as_null",
    "skip_byte_order_mark", "parse_header",
    "skip_blank_lines",     "replace_invalid_characters"};
const std::vector<std::string> kFireboltNames = {
    "header",      "delimiter",           "newline",          "quote",       "escape",
    "null_string", "empty_field_as_null", "skip_blank_lines", "date_format", "timestamp_format"};

const std::vector<std::string>& NamesOf(CsvSqlDialect dialect) {
  switch (dialect) {
    case CsvSqlDialect::kSnowflake:
      return kSnowflakeNames;
    case CsvSqlDialect::kFirebolt:
      return kFireboltNames;
    case CsvSqlDialect::kDelta:
      break;
  }
  return kDeltaNames;
}

bool Contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string Upper(std::string_view name) {
  std::string out(name);
  for (char& c : out) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return out;
}

/// Reads options of one dialect; messages spell names as that dialect's documentation does.
class OptionReader {
 public:
  OptionReader(const FormatOptions& options, CsvSqlDialect dialect)
      : options_(options), dialect_(dialect) {}

  const std::string* Find(const std::string& key) const {
    auto it = options_.find(key);
    return it == options_.end() ? nullptr : &it->second;
  }
  /// Snowflake and Firebolt document their names upper-case, the Delta form camel/lower-case.
  std::string Name(const std::string& key) const {
    if (dialect_ != CsvSqlDialect::kDelta) return Upper(key);
    if (key == "nullvalue") return "nullValue";
    if (key == "skiprows") return "skipRows";
    return key;
  }
  Status Invalid(const std::string& key, const std::string& what) const {
    return Status::InvalidArgument(Name(key) + " " + what);
  }

  Result<std::optional<bool>> Bool(const std::string& key) const {
    const std::string* v = Find(key);
    if (v == nullptr) return std::optional<bool>();
    if (EqualsIgnoreCase(*v, "true")) return std::optional<bool>(true);
    if (EqualsIgnoreCase(*v, "false")) return std::optional<bool>(false);
    return Invalid(key, "must be true or false, got '" + *v + "'");
  }

  Result<std::optional<int64_t>> Count(const std::string& key) const {
    const std::string* v = Find(key);
    if (v == nullptr) return std::optional<int64_t>();
    int64_t n = 0;
    const char* end = v->data() + v->size();
    auto [ptr, ec] = std::from_chars(v->data(), end, n);
    if (v->empty() || ec != std::errc() || ptr != end || n < 0) {
      return Invalid(key, "must be a non-negative integer, got '" + *v + "'");
    }
    return std::optional<int64_t>(n);
  }

  /// A character option's bytes: Snowflake's escape sequences (\t \n \r \b \f \\ \'), octal
  /// (\ooo) and hex (0xhh) forms; `\t` in every dialect. NONE (Snowflake) or '' means none.
  Result<std::optional<std::string>> Chars(const std::string& key) const {
    const std::string* v = Find(key);
    if (v == nullptr) return std::optional<std::string>();
    if (v->empty() || (dialect_ == CsvSqlDialect::kSnowflake && EqualsIgnoreCase(*v, "none"))) {
      return std::optional<std::string>(std::string());
    }
    if (*v == "\\t") return std::optional<std::string>("\t");
    if (dialect_ != CsvSqlDialect::kSnowflake) return std::optional<std::string>(*v);
    std::string out;
    for (size_t i = 0; i < v->size();) {
      const char c = (*v)[i];
      if (c == '0' && i + 2 < v->size() && ((*v)[i + 1] == 'x' || (*v)[i + 1] == 'X')) {
        int value = 0;
        size_t j = i + 2;
        for (; j < v->size() && j < i + 4 && std::isxdigit(static_cast<unsigned char>((*v)[j]));
             ++j) {
          const char h = static_cast<char>(std::tolower(static_cast<unsigned char>((*v)[j])));
          value = value * 16 + (h <= '9' ? h - '0' : h - 'a' + 10);
        }
        if (j == i + 2) return Invalid(key, "has a bad hex value in '" + *v + "'");
        out.push_back(static_cast<char>(value));
        i = j;
      } else if (c == '\\' && i + 1 < v->size()) {
        const char n = (*v)[i + 1];
        if (n >= '0' && n <= '7') {
          size_t j = i + 1;
          int value = 0;
          while (j < v->size() && j < i + 4 && (*v)[j] >= '0' && (*v)[j] <= '7') {
            value = value * 8 + ((*v)[j] - '0');
            ++j;
          }
          out.push_back(static_cast<char>(value));
          i = j;
          continue;
        }
        static constexpr std::string_view kFrom = "tnrbf\\'\"";
        static constexpr std::string_view kTo = "\t\n\r\b\f\\'\"";
        size_t k = kFrom.find(n);
        out.push_back(k == std::string_view::npos ? n : kTo[k]);
        if (k == std::string_view::npos) out.insert(out.size() - 1, 1, '\\');
        i += 2;
      } else {
        out.push_back(c);
        ++i;
      }
    }
    return std::optional<std::string>(out);
  }

  /// One character (or none when `allow_none`); never a line break.
  Result<std::optional<std::optional<char>>> Char(const std::string& key, bool allow_none) const {
    INLET_ASSIGN_OR_RETURN(std::optional<std::string> bytes, Chars(key));
    if (!bytes) return std::optional<std::optional<char>>();
    if (bytes->empty()) {
      if (!allow_none) return Invalid(key, "must be a single character, got ''");
      return std::optional<std::optional<char>>(std::optional<char>());
    }
    if (bytes->size() != 1) {
      return Invalid(key, "must be a single character, got '" + *Find(key) + "'");
    }
    if ((*bytes)[0] == '\n' || (*bytes)[0] == '\r') return Invalid(key, "cannot be a line break");
    return std::optional<std::optional<char>>(std::optional<char>((*bytes)[0]));
  }

  /// A list written ('a', 'b') (the binder's rendering of a SQL list) or a single string.
  Result<std::optional<std::vector<std::string>>> List(const std::string& key) const {
    const std::string* v = Find(key);
    if (v == nullptr) return std::optional<std::vector<std::string>>();
    std::vector<std::string> items;
    if (v->empty() || v->front() != '(' || v->back() != ')') {
      items.push_back(*v);
      return std::optional<std::vector<std::string>>(items);
    }
    size_t i = 1;
    const size_t end = v->size() - 1;
    auto skip_spaces = [&] {
      while (i < end && ((*v)[i] == ' ' || (*v)[i] == ',')) ++i;
    };
    skip_spaces();
    while (i < end) {
      if ((*v)[i] != '\'') return Invalid(key, "must be a list of strings, got " + *v);
      std::string item;
      for (++i; i < end; ++i) {
        if ((*v)[i] == '\'') {
          if (i + 1 < end && (*v)[i + 1] == '\'') {
            item.push_back('\'');
            ++i;
            continue;
          }
          break;
        }
        item.push_back((*v)[i]);
      }
      if (i >= end) return Invalid(key, "must be a list of strings, got " + *v);
      ++i;
      items.push_back(std::move(item));
      skip_spaces();
    }
    return std::optional<std::vector<std::string>>(items);
  }

  Result<std::optional<DateTimeFormat>> Format(const std::string& key) const {
    const std::string* v = Find(key);
    if (v == nullptr || EqualsIgnoreCase(*v, "auto")) return std::optional<DateTimeFormat>();
    const DateTimeFormatStyle style = dialect_ == CsvSqlDialect::kFirebolt
                                          ? DateTimeFormatStyle::kFirebolt
                                          : DateTimeFormatStyle::kSnowflake;
    INLET_ASSIGN_OR_RETURN(DateTimeFormat format, DateTimeFormat::Compile(*v, style, Name(key)));
    return std::optional<DateTimeFormat>(std::move(format));
  }

 private:
  const FormatOptions& options_;
  CsvSqlDialect dialect_;
};

/// The value of `name` or of its alias; InvalidArgument when both are given and differ.
Result<std::string> PickAlias(const FormatOptions& options, const std::string& name,
                              const std::string& alias) {
  auto value = options.find(name);
  auto alias_value = options.find(alias);
  if (value != options.end() && alias_value != options.end() &&
      value->second != alias_value->second) {
    return Status::InvalidArgument(name + " and its alias " + alias + " are both given, as '" +
                                   value->second + "' and '" + alias_value->second + "'");
  }
  return value != options.end() || alias_value == options.end() ? name : alias;
}

std::string Printable(char c) {
  switch (c) {
    case '\t':
      return "\\t";
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    default:
      return std::string(1, c);
  }
}

std::string Printable(std::string_view bytes) {
  std::string out;
  for (char c : bytes) out += Printable(c);
  return out;
}

Status ParseDelta(const OptionReader& r, const FormatOptions& options, CsvOptions* out) {
  INLET_ASSIGN_OR_RETURN(std::string header_key, PickAlias(options, "header", "has_header"));
  INLET_ASSIGN_OR_RETURN(std::optional<bool> header, r.Bool(header_key));
  if (header) out->header = *header;
  INLET_ASSIGN_OR_RETURN(std::string delimiter_key, PickAlias(options, "delimiter", "sep"));
  INLET_ASSIGN_OR_RETURN(auto delimiter, r.Char(delimiter_key, /*allow_none=*/false));
  if (delimiter) out->dialect.delimiter = **delimiter;
  INLET_ASSIGN_OR_RETURN(auto quote, r.Char("quote", /*allow_none=*/true));
  if (quote) {
    out->dialect.has_quote = quote->has_value();
    if (*quote) out->dialect.quote = **quote;
  }
  INLET_ASSIGN_OR_RETURN(auto escape, r.Char("escape", /*allow_none=*/true));
  if (escape) {
    out->dialect.has_escape = escape->has_value();
    if (*escape) out->dialect.escape = **escape;
  }
  if (const std::string* null_value = r.Find("nullvalue")) {
    out->null_if = {*null_value};
    out->null_if_quoted = true;
    out->empty_text_is_empty_string = true;
  }
  INLET_ASSIGN_OR_RETURN(std::optional<int64_t> skip_rows, r.Count("skiprows"));
  if (skip_rows) out->skip_rows = *skip_rows;
  return Status::OK();
}

Status ParseSnowflake(const OptionReader& r, CsvOptions* out) {
  out->header = false;
  out->dialect.has_quote = false;
  out->dialect.unquoted_escape = '\\';
  out->dialect.skip_blank_lines = false;
  out->null_if = {"\\N"};
  out->binary_format = CsvBinaryFormat::kHex;
  INLET_ASSIGN_OR_RETURN(std::optional<std::string> field_delimiter, r.Chars("field_delimiter"));
  INLET_ASSIGN_OR_RETURN(std::optional<std::string> record, r.Chars("record_delimiter"));
  const bool custom_record = record && *record != "\n" && *record != "\r\n" && *record != "\r";
  if (field_delimiter) {
    // NONE: each record is one field.
    if (field_delimiter->empty()) field_delimiter = std::string(1, '\0');
    if (!custom_record && field_delimiter->find_first_of("\r\n") != std::string::npos) {
      return r.Invalid("field_delimiter", field_delimiter->size() == 1
                                              ? "cannot be a line break"
                                              : "cannot hold a line break when records end at "
                                                "new lines, got '" +
                                                    *r.Find("field_delimiter") + "'");
    }
    out->dialect.delimiter = (*field_delimiter)[0];
    // Several bytes (also one non-ASCII character) take the multi-byte parser.
    if (field_delimiter->size() > 1) out->dialect.multibyte_delimiter = *field_delimiter;
  }
  if (custom_record) {
    // NONE: the whole file is one record.
    out->dialect.record_delimiter = record->empty() ? '\0' : (*record)[0];
    if (record->size() > 1) out->dialect.multibyte_record_delimiter = *record;
    out->dialect.custom_record_delimiter = true;
  }
  const CsvDialect& d = out->dialect;
  if (d.has_multibyte_delimiter() && d.custom_record_delimiter) {
    // Snowflake's rule: where one delimiter holds the other, neither could be told apart.
    const std::string field = d.multibyte_delimiter.empty() ? std::string(1, d.delimiter)
                                                            : d.multibyte_delimiter;
    const std::string rec = d.multibyte_record_delimiter.empty()
                                ? std::string(1, d.record_delimiter)
                                : d.multibyte_record_delimiter;
    if (field.find(rec) != std::string::npos || rec.find(field) != std::string::npos) {
      return Status::InvalidArgument("FIELD_DELIMITER '" + Printable(field) +
                                     "' and RECORD_DELIMITER '" + Printable(rec) +
                                     "' cannot hold one another");
    }
  }
  INLET_ASSIGN_OR_RETURN(std::optional<int64_t> skip_header, r.Count("skip_header"));
  if (skip_header) out->skip_rows = *skip_header;
  INLET_ASSIGN_OR_RETURN(std::optional<bool> parse_header, r.Bool("parse_header"));
  if (parse_header) out->header = *parse_header;
  INLET_ASSIGN_OR_RETURN(auto quote, r.Char("field_optionally_enclosed_by", true));
  if (quote) {
    out->dialect.has_quote = quote->has_value();
    if (*quote) out->dialect.quote = **quote;
    if (*quote && **quote != '"' && **quote != '\'') {
      return r.Invalid("field_optionally_enclosed_by",
                       "must be NONE, ' or \", got '" + *r.Find("field_optionally_enclosed_by") +
                           "'");
    }
  }
  INLET_ASSIGN_OR_RETURN(auto escape, r.Char("escape", true));
  if (escape) {
    out->dialect.has_escape = escape->has_value();
    if (*escape) out->dialect.escape = **escape;
  }
  INLET_ASSIGN_OR_RETURN(auto unquoted_escape, r.Char("escape_unenclosed_field", true));
  if (unquoted_escape) out->dialect.unquoted_escape = unquoted_escape->value_or('\0');
  INLET_ASSIGN_OR_RETURN(std::optional<std::vector<std::string>> null_if, r.List("null_if"));
  if (null_if) out->null_if = *null_if;
  INLET_ASSIGN_OR_RETURN(std::optional<bool> b, r.Bool("trim_space"));
  if (b) out->trim_space = *b;
  INLET_ASSIGN_OR_RETURN(b, r.Bool("error_on_column_count_mismatch"));
  if (b) out->error_on_column_count_mismatch = *b;
  INLET_ASSIGN_OR_RETURN(b, r.Bool("empty_field_as_null"));
  if (b) out->empty_field_as_null = *b;
  INLET_ASSIGN_OR_RETURN(b, r.Bool("skip_byte_order_mark"));
  if (b) out->dialect.skip_byte_order_mark = *b;
  INLET_ASSIGN_OR_RETURN(b, r.Bool("skip_blank_lines"));
  if (b) out->dialect.skip_blank_lines = *b;
  if (const std::string* binary = r.Find("binary_format")) {
    if (EqualsIgnoreCase(*binary, "hex")) {
      out->binary_format = CsvBinaryFormat::kHex;
    } else if (EqualsIgnoreCase(*binary, "base64")) {
      out->binary_format = CsvBinaryFormat::kBase64;
    } else if (EqualsIgnoreCase(*binary, "utf8") || EqualsIgnoreCase(*binary, "utf-8")) {
      out->binary_format = CsvBinaryFormat::kUtf8;
    } else {
      return r.Invalid("binary_format", "must be HEX, BASE64 or UTF8, got '" + *binary + "'");
    }
  }
  INLET_ASSIGN_OR_RETURN(out->date_format, r.Format("date_format"));
  INLET_ASSIGN_OR_RETURN(out->time_format, r.Format("time_format"));
  INLET_ASSIGN_OR_RETURN(out->timestamp_format, r.Format("timestamp_format"));
  return Status::OK();
}

Status ParseFirebolt(const OptionReader& r, CsvOptions* out) {
  out->header = false;
  out->dialect.skip_blank_lines = false;
  out->dialect.lf_cr_is_newline = true;
  INLET_ASSIGN_OR_RETURN(std::optional<bool> b, r.Bool("header"));
  if (b) out->header = *b;
  INLET_ASSIGN_OR_RETURN(auto delimiter, r.Char("delimiter", false));
  if (delimiter) out->dialect.delimiter = **delimiter;
  if (const std::string* newline = r.Find("newline")) {
    std::string value = *newline == "\\n" ? "\n" : *newline == "\\r" ? "\r" : *newline;
    if (value == "\\r\\n") value = "\r\n";
    if (value != "\n" && value != "\r" && value != "\r\n") {
      if (value.size() != 1) {
        return r.Invalid("newline", "must be one character or \\n, got '" + *newline + "'");
      }
      out->dialect.record_delimiter = value[0];
      out->dialect.custom_record_delimiter = true;
    }
  }
  if (const std::string* quote = r.Find("quote")) {
    if (EqualsIgnoreCase(*quote, "double_quote") || *quote == "\"") {
      out->dialect.quote = '"';
    } else if (EqualsIgnoreCase(*quote, "single_quote") || *quote == "'") {
      out->dialect.quote = '\'';
    } else {
      INLET_ASSIGN_OR_RETURN(auto q, r.Char("quote", false));
      out->dialect.quote = **q;
    }
  }
  INLET_ASSIGN_OR_RETURN(auto escape, r.Char("escape", true));
  if (escape) {
    out->dialect.has_escape = escape->has_value();
    if (*escape) out->dialect.escape = **escape;
  }
  if (const std::string* null_string = r.Find("null_string")) {
    // The empty string means no null string (empty fields follow EMPTY_FIELD_AS_NULL).
    if (!null_string->empty()) out->null_if = {*null_string};
  }
  INLET_ASSIGN_OR_RETURN(b, r.Bool("empty_field_as_null"));
  if (b) out->empty_field_as_null = *b;
  INLET_ASSIGN_OR_RETURN(b, r.Bool("skip_blank_lines"));
  if (b) out->dialect.skip_blank_lines = *b;
  INLET_ASSIGN_OR_RETURN(out->date_format, r.Format("date_format"));
  INLET_ASSIGN_OR_RETURN(out->timestamp_format, r.Format("timestamp_format"));
  return Status::OK();
}

}  // namespace

std::string_view CsvSqlDialectName(CsvSqlDialect dialect) {
  switch (dialect) {
    case CsvSqlDialect::kSnowflake:
      return "snowflake";
    case CsvSqlDialect::kFirebolt:
      return "firebolt";
    case CsvSqlDialect::kDelta:
      break;
  }
  return "delta";
}

const std::vector<std::string>& CsvDialectOnlyOptionNames(CsvSqlDialect dialect) {
  static const std::vector<std::string> kDeltaOnly = {"header",    "has_header", "delimiter",
                                                      "sep",       "quote",      "nullvalue",
                                                      "skiprows"};
  static const std::vector<std::string> kSnowflakeOnly = [] {
    std::vector<std::string> names;
    for (const std::string& n : kSnowflakeNames) {
      if (!Contains(kDeltaNames, n)) names.push_back(n);
    }
    return names;
  }();
  switch (dialect) {
    case CsvSqlDialect::kSnowflake:
      return kSnowflakeOnly;
    case CsvSqlDialect::kFirebolt:
      return kFireboltNames;
    case CsvSqlDialect::kDelta:
      break;
  }
  return kDeltaOnly;
}

Result<CsvOptions> CsvOptions::Parse(const FormatOptions& options, char default_delimiter) {
  CsvOptions out;
  out.dialect.delimiter = default_delimiter;
  if (auto it = options.find(kFormatDialectKey); it != options.end()) {
    if (it->second == "snowflake") {
      out.sql_dialect = CsvSqlDialect::kSnowflake;
    } else if (it->second == "firebolt") {
      out.sql_dialect = CsvSqlDialect::kFirebolt;
    } else if (it->second != "delta") {
      return Status::Internal("unknown CSV dialect '" + it->second + "'");
    }
  }
  const std::vector<std::string>& names = NamesOf(out.sql_dialect);
  for (const auto& [key, value] : options) {
    if (key == kFormatDialectKey || Contains(names, key)) continue;
    for (CsvSqlDialect other :
         {CsvSqlDialect::kDelta, CsvSqlDialect::kSnowflake, CsvSqlDialect::kFirebolt}) {
      if (Contains(NamesOf(other), key)) {
        std::vector<std::string> valid;
        OptionReader reader(options, out.sql_dialect);
        for (const std::string& n : names) valid.push_back(reader.Name(n));
        return Status::InvalidArgument(
            "option " + key + " belongs to the " + std::string(CsvSqlDialectName(other)) +
            " form of COPY, not to this statement's " +
            std::string(CsvSqlDialectName(out.sql_dialect)) +
            " form; its CSV options are: " + JoinStrings(valid, ", "));
      }
    }
  }
  for (const auto& [key, value] : options) {
    INLET_RETURN_NOT_OK(out.input.Set(key, value).status());
  }
  OptionReader reader(options, out.sql_dialect);
  switch (out.sql_dialect) {
    case CsvSqlDialect::kDelta:
      INLET_RETURN_NOT_OK(ParseDelta(reader, options, &out));
      break;
    case CsvSqlDialect::kSnowflake:
      INLET_RETURN_NOT_OK(ParseSnowflake(reader, &out));
      break;
    case CsvSqlDialect::kFirebolt:
      INLET_RETURN_NOT_OK(ParseFirebolt(reader, &out));
      break;
  }

  const CsvDialect& d = out.dialect;
  if (d.has_quote && d.multibyte_delimiter.find(d.quote) != std::string::npos) {
    return Status::InvalidArgument("the field delimiter '" + Printable(d.multibyte_delimiter) +
                                   "' cannot hold the quote '" + Printable(d.quote) + "'");
  }
  if (d.has_quote && d.quote == d.delimiter) {
    return Status::InvalidArgument("delimiter and quote must differ, both are '" +
                                   Printable(d.delimiter) + "'");
  }
  if (d.has_escape && d.escape == d.delimiter) {
    return Status::InvalidArgument("delimiter and escape must differ, both are '" +
                                   Printable(d.delimiter) + "'");
  }
  if (d.custom_record_delimiter && d.record_delimiter == d.delimiter) {
    return Status::InvalidArgument("the record and field delimiters must differ, both are '" +
                                   Printable(d.delimiter) + "'");
  }
  return out;
}

std::vector<OptionSpec> CsvOptionSpecs() {
  return {
      {"header", "whether the first record holds the column names (true/false)",
       "true (Delta form), FALSE (Firebolt)"},
      {"has_header", "alias of header", "true"},
      {"delimiter", "the field separator, one character; '\\t' means tab", ", (tab for .tsv)"},
      {"sep", "alias of delimiter", ", (tab for .tsv)"},
      {"quote", "the quote character; '' turns quoting off", "\""},
      {"escape", "the character that escapes a quote inside a quoted field", "none"},
      {"nullValue", "a field equal to this, quoted or not, is NULL", "none (empty is NULL)"},
      {"skipRows", "lines skipped before the header or the data", "0"},
      {"RECORD_DELIMITER", "Snowflake: the record separator, one or more characters, or NONE",
       "new line"},
      {"FIELD_DELIMITER", "Snowflake: the field separator, one or more characters, or NONE", ","},
      {"SKIP_HEADER", "Snowflake: lines skipped at the start of each file", "0"},
      {"PARSE_HEADER", "Snowflake: the first record names the columns (match by name)", "FALSE"},
      {"DATE_FORMAT", "date format for DATE columns (Snowflake or Firebolt elements), or AUTO",
       "AUTO"},
      {"TIME_FORMAT", "Snowflake: time format for TIME columns, or AUTO", "AUTO"},
      {"TIMESTAMP_FORMAT", "timestamp format for TIMESTAMP columns, or AUTO", "AUTO"},
      {"BINARY_FORMAT", "Snowflake: HEX, BASE64 or UTF8 text in BINARY columns", "HEX"},
      {"ESCAPE_UNENCLOSED_FIELD", "Snowflake: escape character outside quotes, or NONE", "\\"},
      {"TRIM_SPACE", "Snowflake: drop spaces around fields", "FALSE"},
      {"FIELD_OPTIONALLY_ENCLOSED_BY", "Snowflake: the quote character (\" or ') or NONE",
       "NONE"},
      {"NULL_IF", "Snowflake: strings read as NULL, a list", "('\\N')"},
      {"ERROR_ON_COLUMN_COUNT_MISMATCH", "Snowflake: a wrong field count rejects the row",
       "TRUE"},
      {"EMPTY_FIELD_AS_NULL", "an empty unquoted field is NULL", "TRUE"},
      {"SKIP_BYTE_ORDER_MARK", "Snowflake: skip a UTF-8 byte order mark", "TRUE"},
      {"SKIP_BLANK_LINES", "blank lines are skipped rather than read as records", "FALSE"},
      {"REPLACE_INVALID_CHARACTERS", "Snowflake: invalid UTF-8 or undecodable bytes become U+FFFD",
       "FALSE"},
      {"COMPRESSION", "AUTO (magic bytes, then extension), NONE, GZIP, DEFLATE, RAW_DEFLATE, "
       "BZ2, XZ, ZSTD, LZ4, SNAPPY or BROTLI", "AUTO"},
      {"ENCODING", "the file's character set (UTF8, UTF16, UTF16LE, ISO88591, WINDOWS1252, "
       "SHIFTJIS ...)", "UTF8"},
      {"VALIDATE_UTF8", "Snowflake: FALSE replaces invalid UTF-8 with U+FFFD", "TRUE"},
      {"REPLACE_NON_UTF8_BYTES", "Firebolt: invalid UTF-8 becomes U+FFFD", "FALSE"},
      {"NEWLINE", "Firebolt: the record separator; \\n also takes \\r, \\r\\n and \\n\\r", "\\n"},
      {"NULL_STRING", "Firebolt: a field equal to this is NULL", "none"},
  };
}

std::vector<OptionSpec> CsvOptionSpecs(CsvSqlDialect dialect) {
  std::vector<OptionSpec> out;
  for (OptionSpec spec : CsvOptionSpecs()) {
    const std::string key = AsciiToLower(spec.name);
    // The input layer's options are in no dialect's list: every dialect accepts them.
    const bool shared = !Contains(kDeltaNames, key) && !Contains(kSnowflakeNames, key) &&
                        !Contains(kFireboltNames, key);
    if (!shared && !Contains(NamesOf(dialect), key)) continue;
    if (dialect != CsvSqlDialect::kDelta) spec.name = Upper(spec.name);
    out.push_back(std::move(spec));
  }
  return out;
}

char DefaultCsvDelimiter(std::string_view path) {
  return AsciiToLower(StripCompressionExtension(path)).ends_with(".tsv") ? '\t' : ',';
}

}  // namespace inlet

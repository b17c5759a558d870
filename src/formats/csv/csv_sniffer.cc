#include "formats/csv/csv_sniffer.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "common/string_util.h"
#include "formats/csv/csv_reader.h"
#include "io/text_decoding.h"
#include "types/cast.h"

namespace inlet {

namespace {

// kWideInteger: an integer past BIGINT of at most 38 digits; kHugeInteger: longer.
enum class NumberKind { kNone, kInt64, kWideInteger, kHugeInteger, kReal };

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

/// Classifies plain decimal numbers: [+-]digits, or with a fraction and/or exponent.
NumberKind ClassifyNumber(std::string_view s) {
  size_t pos = 0;
  if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) ++pos;
  const size_t int_begin = pos;
  while (pos < s.size() && IsDigit(s[pos])) ++pos;
  const size_t int_digits = pos - int_begin;
  if (pos == s.size()) {
    if (int_digits == 0) return NumberKind::kNone;
    std::string_view digits = s.substr(s[0] == '+' ? 1 : 0);
    int64_t v;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (ec == std::errc() && ptr == digits.data() + digits.size()) return NumberKind::kInt64;
    size_t first_significant = s.find_first_not_of('0', int_begin);
    size_t significant =
        first_significant == std::string_view::npos ? 0 : s.size() - first_significant;
    return significant <= 38 ? NumberKind::kWideInteger : NumberKind::kHugeInteger;
  }
  size_t frac_digits = 0;
  if (s[pos] == '.') {
    ++pos;
    const size_t frac_begin = pos;
    while (pos < s.size() && IsDigit(s[pos])) ++pos;
    frac_digits = pos - frac_begin;
  }
  if (int_digits + frac_digits == 0) return NumberKind::kNone;
  if (pos < s.size() && (s[pos] == 'e' || s[pos] == 'E')) {
    ++pos;
    if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) ++pos;
    const size_t exp_begin = pos;
    while (pos < s.size() && IsDigit(s[pos])) ++pos;
    if (pos == exp_begin) return NumberKind::kNone;
  }
  if (pos != s.size()) return NumberKind::kNone;
  // The DOUBLE cast rejects magnitudes out of range (1e999); so must inference.
  std::string_view body = s.substr(s[0] == '+' ? 1 : 0);
  double d;
  auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), d);
  return ec == std::errc() && ptr == body.data() + body.size() ? NumberKind::kReal
                                                               : NumberKind::kNone;
}

/// Reads 1..max_digits digits at *pos.
bool ReadNumber(std::string_view s, size_t* pos, size_t max_digits, int* value, size_t* digits) {
  *value = 0;
  *digits = 0;
  while (*pos < s.size() && IsDigit(s[*pos]) && *digits < max_digits) {
    *value = *value * 10 + (s[*pos] - '0');
    ++*pos;
    ++*digits;
  }
  return *digits > 0;
}

bool ValidDate(int year, int month, int day) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month != 2 || day <= 28 || leap;
}

}  // namespace

bool CsvTypeGuess::AddDate(std::string_view value, bool* has_time, bool* has_zone) {
  // Three numbers with one separator: [Y]YYY-M-D, D-M-YYYY or M-D-YYYY.
  size_t pos = 0;
  int a, b, c;
  size_t a_digits, b_digits, c_digits;
  if (!ReadNumber(value, &pos, 4, &a, &a_digits) || pos >= value.size()) return false;
  const char sep = value[pos];
  if (sep != '-' && sep != '/' && sep != '.') return false;
  if (date_separator_ != 0 && sep != date_separator_) return false;
  ++pos;
  if (!ReadNumber(value, &pos, 2, &b, &b_digits) || pos >= value.size() || value[pos] != sep) {
    return false;
  }
  ++pos;
  if (!ReadNumber(value, &pos, 4, &c, &c_digits)) return false;
  bool ok[kNumOrders];
  ok[kYmd] = a_digits == 4 && c_digits <= 2 && ValidDate(a, b, c) && sep != '.';
  ok[kDmy] = c_digits == 4 && a_digits <= 2 && ValidDate(c, b, a);
  ok[kMdy] = c_digits == 4 && a_digits <= 2 && ValidDate(c, a, b);
  bool any = false;
  for (int o = 0; o < kNumOrders; ++o) any = any || (order_ok_[o] && ok[o]);
  if (!any) return false;
  // The rest is a time of day, checked by the ISO parser on a rewritten date.
  *has_time = false;
  *has_zone = false;
  if (pos < value.size()) {
    std::string iso = "2000-01-01" + std::string(value.substr(pos));
    int64_t micros;
    if (!ParseTimestamp(iso, &micros, has_zone)) return false;
    *has_time = true;
  }
  for (int o = 0; o < kNumOrders; ++o) order_ok_[o] = order_ok_[o] && ok[o];
  date_separator_ = sep;
  return true;
}

void CsvTypeGuess::Add(std::string_view value) {
  any_ = true;
  if (boolean_) boolean_ = EqualsIgnoreCase(value, "true") || EqualsIgnoreCase(value, "false");
  if (bigint_ || decimal_ || double_) {
    const NumberKind kind = ClassifyNumber(value);
    bigint_ = bigint_ && kind == NumberKind::kInt64;
    decimal_ = decimal_ && (kind == NumberKind::kInt64 || kind == NumberKind::kWideInteger);
    // A huge integer would be rounded as DOUBLE: it is kept as text.
    double_ = double_ && (kind == NumberKind::kInt64 || kind == NumberKind::kWideInteger ||
                          kind == NumberKind::kReal);
  }
  if (date_ || timestamp_ || timestamptz_) {
    bool has_time = false, has_zone = false;
    if (!AddDate(value, &has_time, &has_zone)) {
      date_ = timestamp_ = timestamptz_ = false;
    } else {
      date_ = date_ && !has_time;
      timestamp_ = timestamp_ && !has_zone;
    }
  }
}

bool CsvTypeGuess::Fits(std::string_view value) const {
  CsvTypeGuess copy = *this;
  copy.Add(value);
  return copy.type() == type() && copy.format() == format();
}

LogicalType CsvTypeGuess::type() const {
  if (!any_) return LogicalType::Varchar();
  if (boolean_) return LogicalType::Boolean();
  if (bigint_) return LogicalType::BigInt();
  if (decimal_) return LogicalType::Decimal(38, 0);
  if (double_) return LogicalType::Double();
  if (date_) return LogicalType::Date();
  if (timestamp_) return LogicalType::Timestamp();
  if (timestamptz_) return LogicalType::TimestampTz();
  return LogicalType::Varchar();
}

std::string CsvTypeGuess::format() const {
  const TypeId id = type().id();
  if (id != TypeId::kDate && id != TypeId::kTimestamp && id != TypeId::kTimestampTz) return "";
  const std::string sep(1, date_separator_);
  if (order_ok_[kYmd]) return "YYYY" + sep + "MM" + sep + "DD";
  if (order_ok_[kDmy]) return "DD" + sep + "MM" + sep + "YYYY";
  return "MM" + sep + "DD" + sep + "YYYY";
}

namespace {

/// Which FormatOptions keys set a dialect property; a property none of them names is sniffed.
bool GivenAny(const FormatOptions& options, std::initializer_list<const char*> keys) {
  return std::any_of(keys.begin(), keys.end(),
                     [&](const char* key) { return options.count(key) > 0; });
}

struct Sample {
  std::string bytes;
  /// The whole (decompressed) file is in `bytes`.
  bool complete = false;
  bool compressed = false;
};

Result<Sample> ReadHead(const SourceFile& file, const TextInputOptions& input_options,
                        int64_t max_bytes) {
  const std::string name = CsvFileName(file);
  auto raw = file.fs->OpenInputStream(file.info.path);
  if (!raw.ok()) return raw.status().WithContext(name);
  auto input = OpenTextInput(std::move(raw).ValueOrDie(), file.info.path, input_options);
  if (!input.ok()) return input.status().WithContext(name);
  Sample sample;
  sample.bytes.resize(static_cast<size_t>(max_bytes));
  size_t filled = 0;
  while (filled < sample.bytes.size()) {
    auto n = (*input)->Read(static_cast<int64_t>(sample.bytes.size() - filled),
                            sample.bytes.data() + filled);
    if (!n.ok()) return n.status().WithContext(name);
    if (*n == 0) {
      sample.complete = true;
      break;
    }
    filled += static_cast<size_t>(*n);
  }
  sample.bytes.resize(filled);
  // Only an uncompressed file can be sampled further on by offset.
  sample.compressed = (*input)->source_bytes_read() != static_cast<int64_t>(filled);
  return sample;
}

/// The records of `bytes` parsed with `dialect`, at most `max_records`; the last one is dropped
/// when the sample is cut (it may be cut too).
struct ParsedRecords {
  std::vector<std::vector<std::string>> fields;
  std::vector<std::vector<bool>> quoted;
};

ParsedRecords ParseSample(const std::string& bytes, bool complete, const CsvDialect& dialect,
                          int64_t max_records) {
  ParsedRecords out;
  CsvDialect d = dialect;
  d.chunk_size = 64 << 10;
  CsvParser parser(std::make_unique<MemoryInputStream>(bytes), d);
  while (static_cast<int64_t>(out.fields.size()) < max_records) {
    auto more = parser.NextRecord();
    if (!more.ok() || !*more) break;
    // A quote left open (by the cut of the sample, or for real) ends what can be judged.
    if (parser.unterminated_quote()) break;
    std::vector<std::string> fields;
    std::vector<bool> quoted;
    for (size_t i = 0; i < parser.num_fields(); ++i) {
      fields.emplace_back(parser.field(i));
      quoted.push_back(parser.field_quoted(i));
    }
    out.fields.push_back(std::move(fields));
    out.quoted.push_back(std::move(quoted));
  }
  if (!complete && static_cast<int64_t>(out.fields.size()) < max_records && !out.fields.empty()) {
    out.fields.pop_back();
    out.quoted.pop_back();
  }
  return out;
}

struct DialectScore {
  bool valid = false;
  size_t columns = 0;
  int64_t consistent = 0;  // records with `columns` fields
  int64_t skip = 0;        // leading records with another count

  bool BetterThan(const DialectScore& o) const {
    if (valid != o.valid) return valid;
    if ((columns > 1) != (o.columns > 1)) return columns > 1;
    if (consistent != o.consistent) return consistent > o.consistent;
    return columns > o.columns;
  }
};

DialectScore Score(const ParsedRecords& records) {
  DialectScore score;
  if (records.fields.empty()) return score;
  std::map<size_t, int64_t> counts;
  for (const auto& r : records.fields) ++counts[r.size()];
  // The most frequent count; among equals, the one that comes first in the file.
  for (const auto& r : records.fields) {
    if (counts[r.size()] > score.consistent) {
      score.columns = r.size();
      score.consistent = counts[r.size()];
    }
  }
  // Leading records with fewer fields (a title, a note) are skipped, never the data's own rows.
  size_t skip = 0;
  while (records.fields[skip].size() < score.columns) ++skip;
  if (records.fields[skip].size() == score.columns && score.consistent >= 2) {
    score.skip = static_cast<int64_t>(skip);
  } else {
    score.columns = records.fields[0].size();
    score.consistent = counts[score.columns];
  }
  score.valid = true;
  return score;
}

constexpr int64_t kDialectRecords = 1000;

/// Whether `quote` starts a line or follows one of the candidate delimiters somewhere.
bool HasQuoteOpeningAField(const std::string& bytes, char quote) {
  for (size_t at = bytes.find(quote); at != std::string::npos; at = bytes.find(quote, at + 1)) {
    if (at == 0) return true;
    const char before = bytes[at - 1];
    if (before == '\n' || before == '\r' || before == ',' || before == '|' || before == ';' ||
        before == '\t') {
      return true;
    }
  }
  return false;
}

/// The physical lines the first `records` records of `bytes` span, for skipRows.
int64_t LinesOfRecords(const std::string& bytes, const CsvDialect& dialect, int64_t records) {
  CsvParser parser(std::make_unique<MemoryInputStream>(bytes), dialect);
  for (int64_t i = 0; i < records; ++i) {
    auto more = parser.NextRecord();
    if (!more.ok() || !*more) break;
  }
  auto more = parser.NextRecord();
  return more.ok() && *more ? parser.record_line() - 1 : 0;
}

std::string DetectNewline(const std::string& bytes) {
  const size_t at = bytes.find_first_of("\r\n");
  if (at == std::string::npos) return "";
  if (bytes[at] == '\n') return "\n";
  return at + 1 < bytes.size() && bytes[at + 1] == '\n' ? "\r\n" : "\r";
}

bool IsNull(std::string_view value, bool quoted, const CsvOptions& options) {
  if (quoted) return options.null_if_quoted && options.MatchesNullIf(value);
  return value.empty() || options.MatchesNullIf(value);
}

/// Column types from `records` (the header, when there is one, left out by the caller).
void AddToGuesses(const ParsedRecords& records, size_t first, const CsvOptions& options,
                  std::vector<CsvTypeGuess>* guesses) {
  for (size_t r = first; r < records.fields.size(); ++r) {
    const auto& fields = records.fields[r];
    if (fields.size() != guesses->size()) continue;
    for (size_t i = 0; i < fields.size(); ++i) {
      if (!IsNull(fields[i], records.quoted[r][i], options)) (*guesses)[i].Add(fields[i]);
    }
  }
}

/// DuckDB's rule: a header unless the first record fits the types of the rest, some not text.
bool DetectHeader(const ParsedRecords& records, size_t first, const CsvOptions& options,
                  size_t columns) {
  if (first >= records.fields.size()) return true;
  const auto& head = records.fields[first];
  std::vector<CsvTypeGuess> guesses(columns);
  AddToGuesses(records, first + 1, options, &guesses);
  if (first + 1 == records.fields.size()) {
    // A single record: a header when none of its values reads as a number, date or boolean.
    for (size_t i = 0; i < head.size(); ++i) {
      CsvTypeGuess alone;
      alone.Add(head[i]);
      if (head[i].empty() || alone.type() != LogicalType::Varchar()) return false;
    }
    return true;
  }
  // Unlike DuckDB, a first-record value that does not fit its column only makes a header when
  // it is no number, date or boolean itself: 1,2.5 above 3,4 is data of a DOUBLE column.
  bool all_text = true;
  for (size_t i = 0; i < columns && i < head.size(); ++i) {
    if (guesses[i].type() == LogicalType::Varchar()) continue;
    all_text = false;
    if (IsNull(head[i], records.quoted[first][i], options) || guesses[i].Fits(head[i])) continue;
    CsvTypeGuess alone;
    alone.Add(head[i]);
    if (alone.type() == LogicalType::Varchar()) return true;
  }
  return all_text;
}

/// The date order of the sample's DATE columns when it is not ISO (which the cast reads without
/// a format) and they agree on it; nullopt otherwise.
Result<std::optional<DateTimeFormat>> DetectDateFormat(const ParsedRecords& records, size_t first,
                                                       const CsvOptions& options) {
  const size_t columns = records.fields.size() > first ? records.fields[first].size() : 0;
  std::vector<CsvTypeGuess> guesses(columns);
  AddToGuesses(records, options.header ? first + 1 : first, options, &guesses);
  std::string found;
  for (const CsvTypeGuess& guess : guesses) {
    if (guess.type().id() != TypeId::kDate || guess.format().starts_with("YYYY")) continue;
    if (!found.empty() && found != guess.format()) return std::optional<DateTimeFormat>();
    found = guess.format();
  }
  if (found.empty()) return std::optional<DateTimeFormat>();
  INLET_ASSIGN_OR_RETURN(DateTimeFormat format,
                         DateTimeFormat::Compile(found, DateTimeFormatStyle::kSnowflake,
                                                 "the sniffed date format"));
  return std::optional<DateTimeFormat>(std::move(format));
}

}  // namespace

Result<CsvOptions> ResolveCsvOptions(const SourceFile& file, const FormatOptions& options,
                                     const CsvSampleLimits& limits) {
  INLET_ASSIGN_OR_RETURN(CsvOptions out,
                         CsvOptions::Parse(options, DefaultCsvDelimiter(file.info.path)));
  // Snowflake's and Firebolt's documents give a default for each option: a statement in their
  // words gets exactly those.
  if (out.sql_dialect != CsvSqlDialect::kDelta) return out;
  const bool given_delimiter = GivenAny(options, {"delimiter", "sep"});
  const bool given_quote = GivenAny(options, {"quote"});
  const bool given_escape = GivenAny(options, {"escape"});
  const bool given_header = GivenAny(options, {"header", "has_header"});
  const bool given_skip = GivenAny(options, {"skiprows"});
  const bool given_date_format = out.date_format.has_value();
  if (given_delimiter && given_quote && given_escape && given_header && given_date_format) {
    return out;
  }

  INLET_ASSIGN_OR_RETURN(Sample sample, ReadHead(file, out.input, limits.dialect_bytes));
  std::vector<char> delimiters = {out.dialect.delimiter};
  if (!given_delimiter) {
    for (char c : {',', '|', ';', '\t'}) {
      if (c != delimiters[0]) delimiters.push_back(c);
    }
  }
  // -1: no quoting. Only the user turns quoting off: a stray quote in a file read without
  // quoting loses nothing, but a quoted field read without it is split at its delimiters. A
  // single quote is a candidate only where one opens a field.
  std::vector<int> quotes = {out.dialect.has_quote ? out.dialect.quote : -1};
  if (!given_quote) {
    quotes = {'"'};
    if (HasQuoteOpeningAField(sample.bytes, '\'')) quotes.push_back('\'');
  }
  std::vector<int> escapes = {out.dialect.has_escape ? out.dialect.escape : -1};
  if (!given_escape) escapes = {-1, '\\'};

  // Skipping lines the user asked for comes before any sniffing.
  std::string head = sample.bytes;
  if (out.skip_rows > 0) {
    CsvParser skipper(std::make_unique<MemoryInputStream>(head), CsvDialect{});
    INLET_RETURN_NOT_OK(skipper.SkipLines(out.skip_rows));
    size_t at = static_cast<size_t>(std::min<int64_t>(skipper.bytes_consumed(),
                                                      static_cast<int64_t>(head.size())));
    head.erase(0, at);
  }

  CsvDialect best_dialect = out.dialect;
  DialectScore best;
  ParsedRecords best_records;
  for (int quote : quotes) {
    for (int escape : escapes) {
      if (escape >= 0 && (quote < 0 || escape == quote)) continue;
      for (char delimiter : delimiters) {
        if (quote == delimiter || escape == delimiter) continue;
        CsvDialect d = out.dialect;
        d.delimiter = delimiter;
        d.has_quote = quote >= 0;
        if (d.has_quote) d.quote = static_cast<char>(quote);
        d.has_escape = escape >= 0;
        if (d.has_escape) d.escape = static_cast<char>(escape);
        ParsedRecords records = ParseSample(head, sample.complete, d, kDialectRecords);
        DialectScore score = Score(records);
        if (score.BetterThan(best)) {
          best = score;
          best_dialect = d;
          best_records = std::move(records);
        }
      }
    }
  }
  // A file of one column reads the same with any delimiter it lacks: keep the default, which
  // also keeps a quote error where it is (an unclosed quote splits nothing into columns).
  if (!best.valid || best.columns <= 1) {
    best_records = ParseSample(head, sample.complete, out.dialect, kDialectRecords);
    best = Score(best_records);
    if (!best.valid) return out;
  } else {
    out.dialect = best_dialect;
  }
  size_t first = 0;
  if (!given_skip && best.skip > 0) {
    out.skip_rows = LinesOfRecords(head, out.dialect, best.skip);
    first = static_cast<size_t>(best.skip);
  }
  if (!given_header) out.header = DetectHeader(best_records, first, out, best.columns);
  if (!given_date_format) {
    INLET_ASSIGN_OR_RETURN(out.date_format, DetectDateFormat(best_records, first, out));
  }
  return out;
}

Result<CsvSniffResult> SniffCsv(const SourceFile& file, const FormatOptions& options,
                                const CsvSampleLimits& limits) {
  const std::string name = CsvFileName(file);
  CsvSniffResult result;
  INLET_ASSIGN_OR_RETURN(result.options, ResolveCsvOptions(file, options, limits));
  const CsvOptions& resolved = result.options;
  INLET_ASSIGN_OR_RETURN(Sample head, ReadHead(file, resolved.input, limits.max_bytes));
  result.newline = DetectNewline(head.bytes);
  {
    CsvParser skipper(std::make_unique<MemoryInputStream>(head.bytes), resolved.dialect);
    INLET_RETURN_NOT_OK(skipper.SkipLines(resolved.skip_rows));
    head.bytes.erase(0, static_cast<size_t>(std::min<int64_t>(
                            skipper.bytes_consumed(), static_cast<int64_t>(head.bytes.size()))));
  }
  ParsedRecords records =
      ParseSample(head.bytes, head.complete, resolved.dialect, limits.max_records + 1);
  if (records.fields.empty()) {
    return Status::InvalidData(name + ": cannot infer a schema from an empty file");
  }
  const size_t columns = records.fields[0].size();
  std::vector<std::string> names;
  if (resolved.header) {
    names = records.fields[0];
  } else {
    for (size_t i = 0; i < columns; ++i) names.push_back("column" + std::to_string(i + 1));
  }
  std::vector<CsvTypeGuess> guesses(columns);
  AddToGuesses(records, resolved.header ? 1 : 0, resolved, &guesses);

  // A later value that disagrees with the head would reject its row: chunks spread to the end
  // of a large uncompressed file vote too, each from its first line break on.
  if (!head.complete && !head.compressed && limits.spread_chunks > 0) {
    auto opened = file.fs->OpenInputFile(file.info.path);
    if (!opened.ok()) return opened.status().WithContext(name);
    std::unique_ptr<RandomAccessFile> input = std::move(opened).ValueOrDie();
    INLET_ASSIGN_OR_RETURN(int64_t size, input->GetSize());
    const int64_t begin = static_cast<int64_t>(head.bytes.size());
    for (int64_t i = 1; i <= limits.spread_chunks; ++i) {
      const int64_t span = std::max<int64_t>(size - begin - limits.chunk_bytes, 0);
      const int64_t offset = begin + span * i / limits.spread_chunks;
      std::string chunk(static_cast<size_t>(limits.chunk_bytes), '\0');
      auto n = input->ReadAt(offset, limits.chunk_bytes, chunk.data());
      if (!n.ok()) return n.status().WithContext(name);
      chunk.resize(static_cast<size_t>(*n));
      const size_t line_start = chunk.find('\n');
      if (line_start == std::string::npos) continue;
      chunk.erase(0, line_start + 1);
      ParsedRecords more = ParseSample(chunk, offset + *n >= size, resolved.dialect,
                                       limits.max_records);
      AddToGuesses(more, 0, resolved, &guesses);
    }
  }

  names = MakeCsvColumnNames(names);
  for (size_t i = 0; i < columns; ++i) {
    CsvSniffedColumn column{names[i], guesses[i].type(), guesses[i].format()};
    // The reader reads dates in ISO order, or in the one date format of the options: a column
    // in another order stays text rather than reject its rows.
    if (column.type.id() == TypeId::kDate &&
        (resolved.date_format ? column.format != resolved.date_format->text()
                              : !column.format.starts_with("YYYY"))) {
      column.type = LogicalType::Varchar();
    }
    if ((column.type.id() == TypeId::kTimestamp || column.type.id() == TypeId::kTimestampTz) &&
        !column.format.starts_with("YYYY")) {
      column.type = LogicalType::Varchar();
    }
    result.columns.push_back(std::move(column));
  }
  return result;
}

Result<Schema> InferCsvSchema(const SourceFile& file, const FormatOptions& options,
                              const CsvSampleLimits& limits) {
  INLET_ASSIGN_OR_RETURN(CsvSniffResult sniffed, SniffCsv(file, options, limits));
  std::vector<Field> fields;
  for (const CsvSniffedColumn& column : sniffed.columns) {
    Field field;
    field.name = column.name;
    field.type = column.type;
    fields.push_back(std::move(field));
  }
  return Schema(std::move(fields));
}

}  // namespace inlet

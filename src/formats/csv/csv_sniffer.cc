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

/// Skips up to `max_digits` digits at *pos; returns how many.
size_t SkipDigits(std::string_view s, size_t* pos, size_t max_digits) {
  size_t digits = 0;
  while (*pos < s.size() && IsDigit(s[*pos]) && digits < max_digits) {
    ++*pos;
    ++digits;
  }
  return digits;
}

enum class DateOrder { kYmd, kDmy, kMdy };

/// A sniffer candidate format, compiled once.
struct Candidate {
  DateTimeFormat format;
  DateOrder order;
  char separator;
};

/// Time parts of the candidate timestamp formats. As in DuckDB's sniffer, a 12-hour clock only
/// follows a month-first date: 2022/01/27 11:04:57 PM stays text.
constexpr const char* k24HourShapes[] = {" HH24:MI",   " HH24:MI:SS",   " HH24:MI:SS.FF",
                                         "THH24:MI",   "THH24:MI:SS",   "THH24:MI:SS.FF"};
constexpr const char* k12HourShapes[] = {" HH12:MI AM", " HH12:MI:SS AM", " HH12:MI:SS.FF AM",
                                         " HH12:MIAM",  " HH12:MI:SSAM",  " HH12:MI:SS.FFAM"};

/// The candidate formats, in order of preference: year first, then day first (DuckDB's choice
/// when the values cannot tell day and month apart), then month first. `#` is the separator.
std::vector<Candidate> CompileCandidates(bool with_time) {
  static constexpr std::pair<DateOrder, std::string_view> kOrders[] = {
      {DateOrder::kYmd, "YYYY#MM#DD"},
      {DateOrder::kDmy, "DD#MM#YYYY"},
      {DateOrder::kMdy, "MM#DD#YYYY"}};
  std::vector<Candidate> out;
  for (const auto& [order, pattern] : kOrders) {
    for (char separator : {'-', '/', '.'}) {
      // 2024.01.31 reads as a version number more often than as a date.
      if (order == DateOrder::kYmd && separator == '.') continue;
      std::vector<std::string_view> times = {""};
      if (with_time) {
        times.assign(std::begin(k24HourShapes), std::end(k24HourShapes));
        if (order == DateOrder::kMdy) {
          times.insert(times.end(), std::begin(k12HourShapes), std::end(k12HourShapes));
        }
      }
      for (std::string_view time : times) {
        std::string text(pattern);
        std::replace(text.begin(), text.end(), '#', separator);
        text += time;
        auto format = DateTimeFormat::Compile(text, DateTimeFormatStyle::kSnowflake, "candidate");
        INLET_DCHECK(format.ok());
        out.push_back({std::move(format).ValueOrDie(), order, separator});
      }
    }
  }
  return out;
}

const std::vector<Candidate>& DateCandidates() {
  static const std::vector<Candidate> candidates = CompileCandidates(false);
  return candidates;
}

const std::vector<Candidate>& TimestampCandidates() {
  static const std::vector<Candidate> candidates = CompileCandidates(true);
  return candidates;
}

/// Which candidates the date at the start of a value may match, by its digit counts: a
/// four-digit year first or last, the other two numbers of one or two digits.
struct DateShape {
  bool year_first = false;
  bool year_last = false;
  char separator = 0;

  bool Allows(const Candidate& c) const {
    return c.separator == separator && (c.order == DateOrder::kYmd ? year_first : year_last);
  }
};

bool ReadDateShape(std::string_view value, DateShape* shape) {
  size_t pos = 0;
  const size_t first = SkipDigits(value, &pos, 4);
  if (first == 0 || pos >= value.size()) return false;
  shape->separator = value[pos++];
  if (shape->separator != '-' && shape->separator != '/' && shape->separator != '.') return false;
  if (SkipDigits(value, &pos, 2) == 0 || pos >= value.size() || value[pos++] != shape->separator) {
    return false;
  }
  const size_t last = SkipDigits(value, &pos, 4);
  shape->year_first = first == 4 && last >= 1 && last <= 2 && shape->separator != '.';
  shape->year_last = first <= 2 && last == 4;
  return shape->year_first || shape->year_last;
}

/// Clears the candidates of `alive` that do not read `value`.
template <size_t N>
void Narrow(const std::vector<Candidate>& candidates, const DateShape& shape,
            std::string_view value, std::bitset<N>* alive) {
  DateTimeFormat::Parts parts;
  for (size_t i = 0; i < N; ++i) {
    if ((*alive)[i] &&
        !(shape.Allows(candidates[i]) && candidates[i].format.Parse(value, &parts))) {
      alive->reset(i);
    }
  }
}

}  // namespace

CsvTypeGuess::CsvTypeGuess(const DateTimeFormat* date_format,
                           const DateTimeFormat* timestamp_format)
    : given_date_(date_format), given_timestamp_(timestamp_format) {
  // Eight dates with a 24-hour time, the three month-first ones with a 12-hour time too.
  static_assert(kTimestampFormats ==
                kDateFormats * std::size(k24HourShapes) + 3 * std::size(k12HourShapes));
  // A given format is the only way to its type, as it is for the reader.
  if (given_date_ == nullptr) date_formats_.set();
  if (given_timestamp_ == nullptr) timestamp_formats_.set();
}

void CsvTypeGuess::AddTemporal(std::string_view value) {
  if (read_date_) {
    int32_t days;
    read_date_ = given_date_ ? given_date_->ParseDate(value, &days) : ParseDate(value, &days);
  }
  if (read_timestamp_ || read_timestamptz_) {
    int64_t micros;
    bool ok, zone;
    if (given_timestamp_) {
      std::optional<int> zone_minutes;
      ok = given_timestamp_->ParseTimestamp(value, &micros, &zone_minutes);
      zone = zone_minutes.has_value();
    } else {
      ok = ParseTimestamp(value, &micros, &zone);
    }
    read_timestamptz_ = read_timestamptz_ && ok;
    read_timestamp_ = read_timestamp_ && ok && !zone;
  }
  if (date_formats_.none() && timestamp_formats_.none()) return;
  DateShape shape;
  if (!ReadDateShape(value, &shape)) {
    date_formats_.reset();
    timestamp_formats_.reset();
    return;
  }
  INLET_DCHECK(DateCandidates().size() == kDateFormats);
  INLET_DCHECK(TimestampCandidates().size() == kTimestampFormats);
  Narrow(DateCandidates(), shape, value, &date_formats_);
  Narrow(TimestampCandidates(), shape, value, &timestamp_formats_);
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
  if (read_date_ || read_timestamp_ || read_timestamptz_ || date_formats_.any() ||
      timestamp_formats_.any()) {
    AddTemporal(value);
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
  if (read_date_ || date_formats_.any()) return LogicalType::Date();
  if (read_timestamp_ || timestamp_formats_.any()) return LogicalType::Timestamp();
  if (read_timestamptz_) return LogicalType::TimestampTz();
  return LogicalType::Varchar();
}

std::vector<std::string> CsvTypeGuess::Formats() const {
  std::vector<std::string> out;
  const TypeId id = type().id();
  if (id == TypeId::kDate) {
    for (size_t i = 0; i < kDateFormats; ++i) {
      if (date_formats_[i]) out.push_back(DateCandidates()[i].format.text());
    }
  } else if (id == TypeId::kTimestamp) {
    for (size_t i = 0; i < kTimestampFormats; ++i) {
      if (timestamp_formats_[i]) out.push_back(TimestampCandidates()[i].format.text());
    }
  }
  return out;
}

std::string CsvTypeGuess::format() const {
  const TypeId id = type().id();
  if (id == TypeId::kDate && given_date_) return given_date_->text();
  if ((id == TypeId::kTimestamp || id == TypeId::kTimestampTz) && given_timestamp_) {
    return given_timestamp_->text();
  }
  std::vector<std::string> formats = Formats();
  return formats.empty() ? std::string() : formats.front();
}

bool CsvTypeGuess::NeedsFormat() const {
  switch (type().id()) {
    case TypeId::kDate:
      return !read_date_;
    case TypeId::kTimestamp:
      return !read_timestamp_;
    default:
      return false;
  }
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

/// A guess that knows the formats the user gave (not those the sniffer found).
CsvTypeGuess NewGuess(const CsvOptions& options) {
  return CsvTypeGuess(
      options.date_format && !options.date_format_sniffed ? &*options.date_format : nullptr,
      options.timestamp_format && !options.timestamp_format_sniffed ? &*options.timestamp_format
                                                                    : nullptr);
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
  std::vector<CsvTypeGuess> guesses(columns, NewGuess(options));
  AddToGuesses(records, first + 1, options, &guesses);
  if (first + 1 == records.fields.size()) {
    // A single record: a header when none of its values reads as a number, date or boolean.
    for (size_t i = 0; i < head.size(); ++i) {
      CsvTypeGuess alone = NewGuess(options);
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
    CsvTypeGuess alone = NewGuess(options);
    alone.Add(head[i]);
    if (alone.type() == LogicalType::Varchar()) return true;
  }
  return all_text;
}

/// Of the candidate formats each column's values have, the one the most columns have; ties go
/// to one that starts with `date_part`, then to the preferred one. Empty without any.
std::string PickFormat(const std::vector<std::vector<std::string>>& per_column,
                       const std::vector<Candidate>& candidates, std::string_view date_part) {
  std::map<std::string, int> counts;
  for (const auto& formats : per_column) {
    for (const std::string& format : formats) ++counts[format];
  }
  std::string best;
  std::pair<int, bool> best_key{0, false};
  for (const Candidate& candidate : candidates) {
    const std::string& text = candidate.format.text();
    auto it = counts.find(text);
    if (it == counts.end()) continue;
    const bool same_date = !date_part.empty() && text.starts_with(date_part);
    // Candidates come in order of preference: a later one must be strictly better.
    const std::pair<int, bool> key{it->second, same_date};
    if (best.empty() || key > best_key) {
      best = text;
      best_key = key;
    }
  }
  return best;
}

std::optional<DateTimeFormat> CandidateNamed(const std::vector<Candidate>& candidates,
                                             const std::string& text) {
  for (const Candidate& c : candidates) {
    if (c.format.text() == text) return c.format;
  }
  return std::nullopt;
}

/// Sets the date and timestamp formats the user did not give to those of the sample's DATE
/// and TIMESTAMP columns that the cast cannot read (see ResolveCsvOptions).
void DetectDateTimeFormats(const ParsedRecords& records, size_t first, CsvOptions* options) {
  const size_t columns = records.fields.size() > first ? records.fields[first].size() : 0;
  std::vector<CsvTypeGuess> guesses(columns, NewGuess(*options));
  AddToGuesses(records, options->header ? first + 1 : first, *options, &guesses);
  std::vector<std::vector<std::string>> dates, timestamps;
  for (const CsvTypeGuess& guess : guesses) {
    if (!guess.NeedsFormat()) continue;
    (guess.type().id() == TypeId::kDate ? dates : timestamps).push_back(guess.Formats());
  }
  if (!options->date_format) {
    options->date_format =
        CandidateNamed(DateCandidates(), PickFormat(dates, DateCandidates(), ""));
    options->date_format_sniffed = options->date_format.has_value();
  }
  if (!options->timestamp_format) {
    const std::string date_part = options->date_format ? options->date_format->text() : "";
    options->timestamp_format = CandidateNamed(
        TimestampCandidates(), PickFormat(timestamps, TimestampCandidates(), date_part));
    options->timestamp_format_sniffed = options->timestamp_format.has_value();
  }
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
  const bool given_formats = out.date_format.has_value() && out.timestamp_format.has_value();
  if (given_delimiter && given_quote && given_escape && given_header && given_formats) {
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
  DetectDateTimeFormats(best_records, first, &out);
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
  std::vector<CsvTypeGuess> guesses(columns, NewGuess(resolved));
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
    if (guesses[i].NeedsFormat()) {
      // The reader has one date and one timestamp format besides the cast: a column whose
      // values are in another stays text rather than reject its rows.
      const std::optional<DateTimeFormat>& file_format =
          column.type.id() == TypeId::kDate ? resolved.date_format : resolved.timestamp_format;
      const std::vector<std::string> formats = guesses[i].Formats();
      if (file_format &&
          std::find(formats.begin(), formats.end(), file_format->text()) != formats.end()) {
        column.format = file_format->text();
      } else {
        column.type = LogicalType::Varchar();
        column.format.clear();
      }
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

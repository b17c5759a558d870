#include "formats/csv/csv_sniffer.h"

#include <algorithm>
#include <charconv>

#include "common/string_util.h"
#include "formats/csv/csv_reader.h"
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

}  // namespace

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
  if (date_) {
    int32_t days;
    date_ = ParseDate(value, &days);
  }
  if (timestamp_ || timestamptz_) {
    int64_t micros;
    bool had_zone;
    const bool ok = ParseTimestamp(value, &micros, &had_zone);
    timestamp_ = timestamp_ && ok && !had_zone;
    timestamptz_ = timestamptz_ && ok;
  }
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

Result<Schema> InferCsvSchema(const SourceFile& file, const CsvOptions& options,
                              const CsvSampleLimits& limits) {
  const std::string name = CsvFileName(file);
  INLET_ASSIGN_OR_RETURN(std::unique_ptr<CsvParser> parser, OpenCsvParser(file, options));
  auto next = [&]() -> Result<bool> {
    auto more = parser->NextRecord();
    if (!more.ok()) return more.status().WithContext(name);
    return *more;
  };
  INLET_ASSIGN_OR_RETURN(bool any, next());
  if (!any) return Status::InvalidData(name + ": cannot infer a schema from an empty file");

  std::vector<std::string> names;
  std::vector<CsvTypeGuess> guesses(parser->num_fields());
  auto add_record = [&]() {
    if (parser->unterminated_quote()) return;
    const size_t n = std::min(guesses.size(), parser->num_fields());
    for (size_t i = 0; i < n; ++i) {
      std::string_view value = parser->field(i);
      const bool quoted = parser->field_quoted(i);
      if (!quoted && (value.empty() || (options.null_value && value == *options.null_value))) {
        continue;
      }
      guesses[i].Add(value);
    }
  };
  if (options.header) {
    for (size_t i = 0; i < parser->num_fields(); ++i) names.emplace_back(parser->field(i));
  } else {
    for (size_t i = 0; i < guesses.size(); ++i) names.push_back("column" + std::to_string(i + 1));
    add_record();
  }
  for (int64_t records = 0;
       records < limits.max_records && parser->bytes_consumed() < limits.max_bytes; ++records) {
    INLET_ASSIGN_OR_RETURN(bool more, next());
    if (!more) break;
    add_record();
  }

  names = MakeCsvColumnNames(names);
  std::vector<Field> fields;
  for (size_t i = 0; i < names.size(); ++i) {
    Field field;
    field.name = names[i];
    field.type = guesses[i].type();
    fields.push_back(std::move(field));
  }
  return Schema(std::move(fields));
}

}  // namespace inlet

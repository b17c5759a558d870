// DuckDB's CSV tests as a correctness corpus: the simple read_csv queries of
// ../shared/testdata/duckdb/test/sql/copy/csv/*.test, translated into a COPY INTO a table the
// COPY creates from the file and a SELECT of it, against DuckDB's expected rows.
//
// A case is translatable when its SQL is `[SELECT * | SELECT count(*)] FROM read_csv[_auto](
// '{DATA_DIR}/csv/<one file>' [, option = value ...])` with options that have a FORMAT_OPTIONS
// equivalent (delim/sep, quote, escape, header, skip, nullstr, auto_detect = true, strict_mode =
// true; buffer_size, parallel, sample_size and new_line are ignored). Values are
// compared as text after this normalization: DuckDB's NULL and (empty) are inlet's NULL and '';
// `R` (real) columns compare as numbers to 1e-6 relative; a TIMESTAMPTZ's "+00" suffix is dropped;
// rowsort / valuesort results are sorted on both sides. A `statement error` case passes when
// inlet fails too (at the COPY or the SELECT).
//
// The number of passing cases is pinned below as a floor; each case's outcome is written to
// duckdb_csv_corpus_outcomes.txt in the build folder.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "common/string_util.h"
#include "inlet/database.h"

namespace inlet {
namespace {

// Raise when more cases pass; the test fails when fewer do.
constexpr int kPassingFloor = 25;

namespace fs = std::filesystem;

struct Case {
  std::string test_file;
  int line = 0;
  bool expect_error = false;
  std::string sql;
  std::string types;  // query column letters
  std::string sort;   // nosort, rowsort, valuesort
  std::vector<std::string> expected;  // rows, tab-separated
};

std::vector<Case> ReadCases(const fs::path& test_file) {
  std::ifstream in(test_file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  std::vector<Case> cases;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& head = lines[i];
    const bool query = head.starts_with("query ");
    const bool error = head == "statement error" || head.starts_with("statement error ");
    if (!query && !error) continue;
    Case c;
    c.test_file = test_file.filename().string();
    c.line = static_cast<int>(i + 1);
    c.expect_error = error;
    if (query) {
      std::istringstream words(head.substr(6));
      words >> c.types >> c.sort;
    }
    size_t j = i + 1;
    for (; j < lines.size() && !lines[j].empty() && lines[j] != "----"; ++j) {
      c.sql += (c.sql.empty() ? "" : " ") + lines[j];
    }
    if (j < lines.size() && lines[j] == "----") {
      for (++j; j < lines.size() && !lines[j].empty(); ++j) c.expected.push_back(lines[j]);
    }
    i = j;
    cases.push_back(std::move(c));
  }
  return cases;
}

std::string Trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  size_t b = 0;
  while (b < s.size() && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  return s.substr(b);
}

/// Splits DuckDB's option list at top-level commas.
std::vector<std::string> SplitOptions(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  bool in_quote = false;
  int depth = 0;
  for (char c : text) {
    if (c == '\'') in_quote = !in_quote;
    if (!in_quote && (c == '(' || c == '{' || c == '[')) ++depth;
    if (!in_quote && (c == ')' || c == '}' || c == ']')) --depth;
    if (!in_quote && depth == 0 && c == ',') {
      out.push_back(Trim(current));
      current.clear();
      continue;
    }
    current += c;
  }
  if (!Trim(current).empty()) out.push_back(Trim(current));
  return out;
}

struct Translation {
  std::string file;
  bool count = false;
  std::map<std::string, std::string> options;
};

/// nullopt with `*why` set when the case has no FORMAT_OPTIONS equivalent.
std::optional<Translation> Translate(const Case& c, const fs::path& data_dir, std::string* why) {
  static const std::regex kForm(
      R"(^\s*(SELECT\s+\*\s+|SELECT\s+count\(\*\)\s+)?FROM\s+read_csv(_auto)?\s*\(\s*'\{DATA_DIR\}/csv/([^']+)'\s*(,(.*))?\)\s*;?\s*$)",
      std::regex::icase);
  std::smatch m;
  if (!std::regex_match(c.sql, m, kForm)) {
    *why = "not a simple read_csv query";
    return std::nullopt;
  }
  Translation t;
  t.count = m[1].matched && AsciiToLower(m[1].str()).find("count") != std::string::npos;
  t.file = (data_dir / "csv" / m[3].str()).string();
  if (t.file.find_first_of("*?[") != std::string::npos) {
    *why = "a glob";
    return std::nullopt;
  }
  if (!fs::exists(t.file)) {
    *why = "file missing from the snapshot";
    return std::nullopt;
  }
  for (const std::string& option : SplitOptions(m[5].str())) {
    const size_t eq = option.find('=');
    if (eq == std::string::npos) {
      *why = "option " + option;
      return std::nullopt;
    }
    const std::string key = AsciiToLower(Trim(option.substr(0, eq)));
    std::string value = Trim(option.substr(eq + 1));
    const bool quoted = value.size() >= 2 && value.front() == '\'' && value.back() == '\'';
    if (quoted) value = value.substr(1, value.size() - 2);
    const std::string lower = AsciiToLower(value);
    auto as_bool = [&](std::string* out) {
      if (lower == "true" || lower == "1") {
        *out = "true";
      } else if (lower == "false" || lower == "0") {
        *out = "false";
      } else {
        return false;
      }
      return true;
    };
    if ((key == "delim" || key == "sep" || key == "delimiter") && quoted && value.size() == 1) {
      t.options["delimiter"] = value == "\t" ? "\\t" : value;
    } else if ((key == "delim" || key == "sep" || key == "delimiter") && value == "\\t") {
      t.options["delimiter"] = "\\t";
    } else if (key == "quote" && quoted && value.size() <= 1) {
      t.options["quote"] = value;
    } else if (key == "escape" && quoted && value.size() <= 1) {
      t.options["escape"] = value;
    } else if (key == "header" && as_bool(&t.options["header"])) {
    } else if ((key == "skip") && !quoted && !value.empty() &&
               value.find_first_not_of("0123456789") == std::string::npos) {
      t.options["skipRows"] = value;
    } else if (key == "nullstr" && (quoted || (value.size() >= 2 && value.front() == '"'))) {
      if (!quoted) value = value.substr(1, value.size() - 2);
      t.options["nullValue"] = value;
    } else if (key == "auto_detect" && (lower == "true" || lower == "1")) {
    } else if (key == "strict_mode" && (lower == "true" || lower == "1")) {
    } else if (key == "buffer_size" || key == "parallel" || key == "sample_size" ||
               (key == "new_line" && !c.expect_error)) {
      // Reading knobs that do not change what a file holds (inlet finds every line ending).
    } else {
      *why = "option " + key;
      return std::nullopt;
    }
  }
  return t;
}

std::string SqlQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::vector<std::string> SplitTabs(const std::string& row) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t tab = row.find('\t', start);
    out.push_back(row.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) return out;
    start = tab + 1;
  }
}

std::string Normalize(std::string v) {
  if (v.size() > 3 && v.ends_with("+00") && v[v.size() - 9] == ':') v.resize(v.size() - 3);
  return v;
}

bool SameValue(const std::string& expected, const std::string& actual, char type) {
  if (Normalize(expected) == Normalize(actual)) return true;
  if (type != 'R') return false;
  char* end_a;
  char* end_b;
  const double a = std::strtod(expected.c_str(), &end_a);
  const double b = std::strtod(actual.c_str(), &end_b);
  if (*end_a != 0 || *end_b != 0) return false;
  return std::fabs(a - b) <= 1e-6 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

/// "" when `result` matches `c`, else what differs.
std::string Compare(const Case& c, const QueryResult& result) {
  std::vector<std::vector<std::string>> actual;
  for (const auto& row : result.rows) {
    std::vector<std::string> values;
    for (const auto& v : row) values.push_back(!v ? "NULL" : v->empty() ? "(empty)" : *v);
    actual.push_back(std::move(values));
  }
  std::vector<std::vector<std::string>> expected;
  for (const std::string& row : c.expected) expected.push_back(SplitTabs(row));
  // One value per line is how sqllogictest writes results whose rows do not fit its width.
  const size_t columns = c.types.size();
  if (columns > 1 && !expected.empty() && expected[0].size() == 1 &&
      expected.size() == columns * actual.size()) {
    std::vector<std::vector<std::string>> regrouped;
    for (size_t i = 0; i < expected.size(); i += columns) {
      std::vector<std::string> row;
      for (size_t k = 0; k < columns; ++k) row.push_back(expected[i + k][0]);
      regrouped.push_back(std::move(row));
    }
    expected = std::move(regrouped);
  }
  if (c.sort == "valuesort") {
    std::vector<std::string> a, e;
    for (auto& r : actual) a.insert(a.end(), r.begin(), r.end());
    for (auto& r : expected) e.insert(e.end(), r.begin(), r.end());
    std::sort(a.begin(), a.end());
    std::sort(e.begin(), e.end());
    actual = {a};
    expected = {e};
  } else if (c.sort == "rowsort") {
    std::sort(actual.begin(), actual.end());
    std::sort(expected.begin(), expected.end());
  }
  if (actual.size() != expected.size()) {
    return "rows: expected " + std::to_string(expected.size()) + ", got " +
           std::to_string(actual.size());
  }
  for (size_t r = 0; r < actual.size(); ++r) {
    if (actual[r].size() != expected[r].size()) {
      return "row " + std::to_string(r + 1) + ": expected " + std::to_string(expected[r].size()) +
             " columns, got " + std::to_string(actual[r].size());
    }
    for (size_t k = 0; k < actual[r].size(); ++k) {
      const char type = c.sort == "valuesort" || k >= c.types.size() ? 'T' : c.types[k];
      if (!SameValue(expected[r][k], actual[r][k], type)) {
        return "row " + std::to_string(r + 1) + " column " + std::to_string(k + 1) +
               ": expected '" + expected[r][k] + "', got '" + actual[r][k] + "'";
      }
    }
  }
  return "";
}

TEST(DuckDbCsvCorpusTest, SimpleReadCsvCasesMatchDuckDb) {
  const char* source_dir = std::getenv("INLET_SOURCE_DIR");
  ASSERT_NE(source_dir, nullptr) << "INLET_SOURCE_DIR is not set";
  const fs::path duckdb = fs::path(source_dir) / ".." / "shared" / "testdata" / "duckdb";
  const fs::path tests = duckdb / "test" / "sql" / "copy" / "csv";
  if (!fs::exists(tests)) GTEST_SKIP() << "no DuckDB corpus at " << tests;

  const fs::path scratch = fs::temp_directory_path() / ("inlet_duckdb_csv_" + std::to_string(getpid()));
  fs::remove_all(scratch);
  DatabaseOptions options;
  options.warehouse_dir = (scratch / "warehouse").string();
  options.threads = 1;
  auto db = Database::Open(options);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  auto connection = (*db)->Connect();

  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(tests)) {
    if (entry.path().extension() == ".test") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());

  int translatable = 0, passed = 0, errors_expected = 0, errors_matched = 0, n = 0;
  std::map<std::string, int> failure_kinds;
  // Why read_csv cases were left out, for the summary.
  std::map<std::string, int> skipped;
  std::ostringstream report;
  for (const fs::path& file : files) {
    for (const Case& c : ReadCases(file)) {
      std::string why;
      std::optional<Translation> t = Translate(c, duckdb / "data", &why);
      const std::string where =
          fs::relative(file, tests).string() + ":" + std::to_string(c.line);
      if (!t) {
        if (c.sql.find("read_csv") != std::string::npos) ++skipped[why];
        continue;
      }
      ++translatable;
      if (c.expect_error) ++errors_expected;
      const std::string table = "c" + std::to_string(++n);
      std::string format_options;
      for (const auto& [key, value] : t->options) {
        format_options += (format_options.empty() ? "" : ", ") + SqlQuote(key) + " = " +
                          SqlQuote(value);
      }
      std::string copy = "COPY INTO " + table + " FROM " + SqlQuote(t->file) +
                         " FILE_FORMAT = CSV";
      if (!format_options.empty()) copy += " FORMAT_OPTIONS (" + format_options + ")";
      Result<QueryResult> result = connection->Query(
          "CREATE DELTA TABLE " + table + " LOCATION " + SqlQuote((scratch / table).string()));
      if (result.ok()) result = connection->Query(copy);
      if (result.ok()) {
        result = connection->Query(t->count ? "SELECT count(*) FROM " + table
                                            : "SELECT * FROM " + table);
      }
      std::string outcome;
      if (c.expect_error) {
        if (!result.ok()) {
          ++passed;
          ++errors_matched;
          outcome = "PASS (rejected: " + result.status().message() + ")";
        } else {
          outcome = "FAIL accepted a file DuckDB rejects";
          ++failure_kinds["accepted what DuckDB rejects"];
        }
      } else if (!result.ok()) {
        outcome = "FAIL error: " + result.status().message();
        ++failure_kinds["error where DuckDB reads"];
      } else {
        const std::string diff = Compare(c, *result);
        if (diff.empty()) {
          ++passed;
          outcome = "PASS";
        } else {
          outcome = "FAIL " + diff;
          ++failure_kinds[diff.starts_with("rows") ? "row count differs"
                          : diff.find("columns") != std::string::npos ? "column count differs"
                                                                      : "a value differs"];
        }
      }
      report << where << "\t" << outcome << "\t" << copy << "\n";
    }
  }
  std::ostringstream summary;
  summary << "translatable " << translatable << ", passed " << passed << " (statement error: "
          << errors_matched << " of " << errors_expected << ")\n";
  for (const auto& [kind, count] : failure_kinds) summary << "  " << kind << ": " << count << "\n";
  summary << "read_csv cases not translated:\n";
  for (const auto& [why, count] : skipped) summary << "  " << why << ": " << count << "\n";
  std::ofstream(fs::path(INLET_BINARY_DIR) / "duckdb_csv_corpus_outcomes.txt")
      << summary.str() << report.str();
  std::cout << summary.str();
  fs::remove_all(scratch);
  EXPECT_GE(passed, kPassingFloor) << summary.str();
}

}  // namespace
}  // namespace inlet

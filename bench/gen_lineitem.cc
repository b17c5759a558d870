// gen_lineitem ROWS OUTPUT.csv
//
// Writes a TPC-H lineitem-like CSV (16 columns, header line) for the COPY INTO benchmark. The
// value distributions follow the TPC-H spec (dbgen) closely enough that column widths, value
// ranges and the mix of numbers, dates and text are realistic, but this is not dbgen: the
// comments are drawn from a small word list, and about one comment in eight contains a comma so
// that the CSV reader's quoted-field path is exercised.
//
// Determinism: the output depends only on ROWS. We use our own PRNG (SplitMix64) and our own
// bounded-integer mapping rather than <random> distributions, whose results are
// implementation-defined and would differ between standard libraries. No floating point is used.

#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

namespace {

/// SplitMix64: tiny, fast, and well enough distributed for synthetic data.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}

  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

  /// Uniform in [lo, hi]. The modulo bias is below 2^-40 for our ranges; irrelevant here.
  int64_t Uniform(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Next() % static_cast<uint64_t>(hi - lo + 1));
  }

 private:
  uint64_t state_;
};

// Days since 1970-01-01 -> y/m/d (Howard Hinnant's civil_from_days).
void CivilFromDays(int64_t z, int* y, int* m, int* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = static_cast<int>(yoe + era * 400 + (*m <= 2 ? 1 : 0));
}

// y/m/d -> days since 1970-01-01 (Howard Hinnant's days_from_civil).
int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// TPC-H constants (spec 4.2.3): orders span 1992-01-01 .. 1998-12-31 minus 151 days, and
// CURRENTDATE 1995-06-17 splits returned/open line items.
const int64_t kStartDate = DaysFromCivil(1992, 1, 1);
const int64_t kEndOrderDate = DaysFromCivil(1998, 12, 31) - 151;
const int64_t kCurrentDate = DaysFromCivil(1995, 6, 17);

constexpr const char* kShipInstruct[] = {"DELIVER IN PERSON", "COLLECT COD", "NONE",
                                         "TAKE BACK RETURN"};
constexpr const char* kShipMode[] = {"REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB"};

// A slice of the dbgen vocabulary, so comments look like TPC-H comments.
constexpr const char* kWords[] = {
    "furiously", "sly",      "careful",    "blithely", "quickly",  "fluffily", "slyly",
    "carefully", "ironic",   "final",      "regular",  "express",  "pending",  "special",
    "bold",      "even",     "silent",     "unusual",  "deposits", "requests", "packages",
    "accounts",  "theodolites", "instructions", "foxes", "pinto",   "beans",    "ideas",
    "platelets", "asymptotes", "dependencies", "excuses", "frets", "warthogs", "courts",
    "dolphins",  "multipliers", "sauternes", "warhorses", "sheaves", "dugouts", "somas",
    "sleep",     "wake",     "are",        "haggle",   "nag",      "use",      "boost",
    "affix",     "detect",   "integrate",  "maintain", "nod",      "was",      "lose",
    "sublate",   "solve",    "thrash",     "promise",  "engage",   "hinder",   "print",
    "x-ray",     "breach",   "eat",        "grow",     "impress",  "mold",     "poach",
    "serve",     "run",      "dazzle",     "snooze",   "doze",     "unwind",   "kindle",
    "play",      "hang",     "believe",    "doubt",    "cajole",   "about",    "above",
    "according", "to",       "across",     "after",    "against",  "along",    "among",
    "around",    "at",       "atop",       "before",   "behind",   "beneath",  "beside",
    "between",   "beyond",   "by",         "despite",  "during",   "except",   "for",
    "from",      "inside",   "instead",    "of",       "into",     "near",     "on",
    "outside",   "over",     "past",       "since",    "through",  "throughout", "the",
};
constexpr int kWordCount = sizeof(kWords) / sizeof(kWords[0]);

/// Appends rows to a large buffer and flushes it with fwrite: printf per field would dominate.
class Writer {
 public:
  explicit Writer(FILE* file) : file_(file) { buffer_.reserve(kFlushAt + 4096); }

  void Put(std::string_view s) { buffer_.append(s); }
  void Put(char c) { buffer_.push_back(c); }

  void PutInt(int64_t v) {
    char tmp[24];
    // 24 bytes always fit an int64_t, so to_chars cannot fail. Append by length: the iterator-pair
    // overload trips a false -Wrestrict in GCC 12.
    const char* end = std::to_chars(tmp, tmp + sizeof(tmp), v).ptr;
    buffer_.append(tmp, static_cast<size_t>(end - tmp));
  }

  // Cents -> "123.45". Values are never negative here.
  void PutCents(int64_t cents) {
    PutInt(cents / 100);
    const int frac = static_cast<int>(cents % 100);
    Put('.');
    Put(static_cast<char>('0' + frac / 10));
    Put(static_cast<char>('0' + frac % 10));
  }

  void PutDate(int64_t days) {
    int y, m, d;
    CivilFromDays(days, &y, &m, &d);
    char tmp[11];
    std::snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y, m, d);
    buffer_.append(tmp, 10);
  }

  void EndRow() {
    Put('\n');
    if (buffer_.size() >= kFlushAt) Flush();
  }

  bool Flush() {
    const bool ok = std::fwrite(buffer_.data(), 1, buffer_.size(), file_) == buffer_.size();
    buffer_.clear();
    return ok;
  }

 private:
  static constexpr size_t kFlushAt = 1 << 20;
  FILE* file_;
  std::string buffer_;
};

// A comment of 10..43 characters made of random words (TPC-H: text of length 10..43). About one
// in eight has a comma after a word; such a field is written quoted, as RFC 4180 requires.
void PutComment(Rng& rng, Writer& out, std::string& scratch) {
  const size_t target = static_cast<size_t>(rng.Uniform(10, 43));
  const bool with_comma = rng.Uniform(0, 7) == 0;
  scratch.clear();
  while (scratch.size() < target) {
    if (!scratch.empty()) {
      // Place the comma after the first word, so it survives truncation below.
      if (with_comma && scratch.find(' ') == std::string::npos) scratch.push_back(',');
      scratch.push_back(' ');
    }
    scratch.append(kWords[rng.Uniform(0, kWordCount - 1)]);
  }
  scratch.resize(target);
  // Trailing spaces or a dangling comma from truncation would look odd; trim them.
  while (scratch.size() > 1 && (scratch.back() == ' ' || scratch.back() == ',')) scratch.pop_back();
  if (scratch.find(',') != std::string::npos) {
    out.Put('"');
    out.Put(scratch);
    out.Put('"');
  } else {
    out.Put(scratch);
  }
}

// TPC-H retail price of a part, in cents (spec 4.2.3, P_RETAILPRICE).
int64_t RetailPriceCents(int64_t partkey) {
  return 90000 + ((partkey / 10) % 20001) + 100 * (partkey % 1000);
}

int Usage() {
  std::fprintf(stderr, "usage: gen_lineitem ROWS OUTPUT.csv\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) return Usage();
  char* end = nullptr;
  const long long rows = std::strtoll(argv[1], &end, 10);
  if (end == argv[1] || *end != '\0' || rows < 0) return Usage();

  FILE* file = std::fopen(argv[2], "wb");
  if (file == nullptr) {
    std::fprintf(stderr, "gen_lineitem: cannot open %s: %s\n", argv[2], std::strerror(errno));
    return 1;
  }

  // Scale the key spaces like dbgen: SF 1 has 6M line items, 200k parts, 10k suppliers.
  const int64_t scale_parts = rows / 30 > 1000 ? rows / 30 : 1000;
  const int64_t scale_supps = scale_parts / 20;

  Rng rng(0x1A2B3C4D5E6F7788ULL);
  Writer out(file);
  std::string scratch;
  out.Put(
      "l_orderkey,l_partkey,l_suppkey,l_linenumber,l_quantity,l_extendedprice,l_discount,l_tax,"
      "l_returnflag,l_linestatus,l_shipdate,l_commitdate,l_receiptdate,l_shipinstruct,"
      "l_shipmode,l_comment");
  out.EndRow();

  int64_t written = 0;
  for (int64_t order = 0; written < rows; ++order) {
    // dbgen's sparse order keys: 8 used out of every 32.
    const int64_t orderkey = (order / 8) * 32 + order % 8 + 1;
    const int64_t orderdate = rng.Uniform(kStartDate, kEndOrderDate);
    const int lines = static_cast<int>(rng.Uniform(1, 7));
    for (int line = 1; line <= lines && written < rows; ++line, ++written) {
      const int64_t partkey = rng.Uniform(1, scale_parts);
      // dbgen picks one of the part's four suppliers.
      const int64_t supp_index = rng.Uniform(0, 3);
      const int64_t suppkey =
          (partkey + supp_index * (scale_supps / 4 + (partkey - 1) / scale_supps)) % scale_supps +
          1;
      const int64_t quantity = rng.Uniform(1, 50);
      const int64_t discount = rng.Uniform(0, 10);  // cents: 0.00 .. 0.10
      const int64_t tax = rng.Uniform(0, 8);        // cents: 0.00 .. 0.08
      const int64_t shipdate = orderdate + rng.Uniform(1, 121);
      const int64_t commitdate = orderdate + rng.Uniform(30, 90);
      const int64_t receiptdate = shipdate + rng.Uniform(1, 30);
      const char returnflag =
          receiptdate <= kCurrentDate ? (rng.Uniform(0, 1) == 0 ? 'R' : 'A') : 'N';
      const char linestatus = shipdate > kCurrentDate ? 'O' : 'F';

      out.PutInt(orderkey);
      out.Put(',');
      out.PutInt(partkey);
      out.Put(',');
      out.PutInt(suppkey);
      out.Put(',');
      out.PutInt(line);
      out.Put(',');
      out.PutCents(quantity * 100);
      out.Put(',');
      out.PutCents(quantity * RetailPriceCents(partkey));
      out.Put(',');
      out.PutCents(discount);
      out.Put(',');
      out.PutCents(tax);
      out.Put(',');
      out.Put(returnflag);
      out.Put(',');
      out.Put(linestatus);
      out.Put(',');
      out.PutDate(shipdate);
      out.Put(',');
      out.PutDate(commitdate);
      out.Put(',');
      out.PutDate(receiptdate);
      out.Put(',');
      out.Put(kShipInstruct[rng.Uniform(0, 3)]);
      out.Put(',');
      out.Put(kShipMode[rng.Uniform(0, 6)]);
      out.Put(',');
      PutComment(rng, out, scratch);
      out.EndRow();
    }
  }

  if (!out.Flush() || std::fclose(file) != 0) {
    std::fprintf(stderr, "gen_lineitem: write to %s failed: %s\n", argv[2], std::strerror(errno));
    return 1;
  }
  return 0;
}

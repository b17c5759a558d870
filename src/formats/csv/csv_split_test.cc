#include "formats/csv/csv_split.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <random>

#include "formats/csv/csv_format.h"
#include "formats/csv/csv_test_util.h"

namespace inlet {
namespace {

// A record as a parser reports it: where it starts, on which line of the file, and its fields.
struct Record {
  int64_t offset = 0;
  int64_t line = 0;
  std::vector<std::string> fields;
  bool operator==(const Record&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Record& r) {
  out << "@" << r.offset << " line " << r.line << ":";
  for (const std::string& f : r.fields) out << " [" << f << "]";
  return out;
}

Status ReadRecords(CsvParser* parser, std::vector<Record>* out) {
  while (true) {
    INLET_ASSIGN_OR_RETURN(bool more, parser->NextRecord());
    if (!more) return Status::OK();
    Record r;
    r.offset = parser->record_offset();
    INLET_ASSIGN_OR_RETURN(r.line, parser->FileRecordLine());
    for (size_t i = 0; i < parser->num_fields(); ++i) r.fields.emplace_back(parser->field(i));
    out->push_back(std::move(r));
  }
}

std::unique_ptr<CsvParser> TextParser(const std::string& text, const CsvDialect& dialect) {
  return std::make_unique<CsvParser>(std::make_unique<MemoryInputStream>(text), dialect);
}

// Everything one parser reads from the whole text: the reference.
std::vector<Record> ReadWhole(const std::string& text, const CsvDialect& dialect) {
  std::vector<Record> records;
  auto parser = TextParser(text, dialect);
  Status read = ReadRecords(parser.get(), &records);
  EXPECT_TRUE(read.ok()) << read.ToString();
  return records;
}

// The record starts found for `cuts` (ascending) by one scanning parser, deduplicated, as
// PlanCsvSplits finds them.
std::vector<int64_t> FindStarts(const std::string& text, const CsvDialect& dialect,
                                const std::vector<int64_t>& cuts) {
  auto scanner = TextParser(text, dialect);
  std::vector<int64_t> starts;
  for (int64_t cut : cuts) {
    auto start = scanner->SkipToRecordStart(cut);
    EXPECT_TRUE(start.ok()) << start.status().ToString();
    if (!start.ok() || *start < 0) break;
    EXPECT_GE(*start, cut);
    if (starts.empty() || starts.back() != *start) starts.push_back(*start);
  }
  return starts;
}

// Reads `text` as the splits [0, s0), [s0, s1), ... [sN, end) would, each with its own parser,
// and concatenates what they read.
std::vector<Record> ReadSplits(const std::string& text, const CsvDialect& dialect,
                               const std::vector<int64_t>& starts) {
  std::vector<Record> records;
  for (size_t k = 0; k <= starts.size(); ++k) {
    const int64_t begin = k == 0 ? 0 : starts[k - 1];
    const int64_t end = k == starts.size() ? -1 : starts[k];
    std::unique_ptr<CsvParser> parser;
    if (begin == 0) {
      parser = TextParser(text, dialect);
    } else {
      parser = TextParser(text.substr(static_cast<size_t>(begin)), dialect);
      parser->StartAt(begin, [&text, begin]() -> Result<int64_t> {
        MemoryInputStream input(text);
        return CountLineBreaks(&input, begin);
      });
    }
    parser->set_end(end);
    Status read = ReadRecords(parser.get(), &records);
    EXPECT_TRUE(read.ok()) << read.ToString();
  }
  return records;
}

// A random CSV text made to trip a split: quoted fields full of delimiters, quotes and newlines
// (LF, CR, CRLF), escapes, blank lines, records ended by LF, CR or CRLF, stray quotes in
// unquoted fields, and sometimes no newline at the end.
std::string RandomCsv(std::mt19937* rng, const CsvDialect& dialect, int records) {
  const std::string newlines[] = {"\n", "\r", "\r\n"};
  const std::string alphabet = std::string("ab,\"\r\n ") + (dialect.has_escape ? "\\" : "");
  std::string text;
  for (int r = 0; r < records; ++r) {
    if ((*rng)() % 10 == 0) text += newlines[(*rng)() % 3];  // a blank line
    const int fields = 1 + static_cast<int>((*rng)() % 4);
    for (int f = 0; f < fields; ++f) {
      if (f > 0) text += ',';
      const int length = static_cast<int>((*rng)() % 7);
      if ((*rng)() % 2 == 0) {
        text += '"';
        for (int i = 0; i < length; ++i) {
          const char c = alphabet[(*rng)() % alphabet.size()];
          if (c == '"') {
            text += dialect.has_escape && (*rng)() % 2 == 0 ? "\\\"" : "\"\"";
          } else if (c == '\\') {
            text += "\\\\";
          } else {
            text += c;
          }
        }
        text += '"';
      } else {
        for (int i = 0; i < length; ++i) {
          const char c = "xy\"\\"[(*rng)() % 4];
          if (c == '"' && i == 0) continue;  // that would open a quoted field
          text += c;
        }
        if (fields == 1 && length == 0) text += 'z';  // not a blank line
      }
    }
    if (r + 1 < records || (*rng)() % 2 == 0) text += newlines[(*rng)() % 3];
  }
  return text;
}

class CsvSplitTest : public ::testing::TestWithParam<bool> {
 protected:
  CsvDialect Dialect(int64_t chunk_size) const {
    CsvDialect dialect;
    dialect.has_escape = GetParam();
    dialect.chunk_size = chunk_size;
    return dialect;
  }
};

// Every byte offset of many small random files as a cut: the split there starts at a true
// record start, and the two splits read every record exactly once, in order, with the lines
// and offsets of a whole-file read.
TEST_P(CsvSplitTest, EveryCutOfRandomFilesReadsEachRecordOnce) {
  std::mt19937 rng(GetParam() ? 7 : 3);
  for (int file = 0; file < 60; ++file) {
    const CsvDialect dialect = Dialect(file % 3 == 0 ? 1 : file % 3 == 1 ? 7 : 1 << 20);
    const std::string text = RandomCsv(&rng, dialect, 1 + file % 12);
    const std::vector<Record> whole = ReadWhole(text, dialect);
    for (int64_t cut = 0; cut <= static_cast<int64_t>(text.size()); ++cut) {
      const std::vector<int64_t> starts = FindStarts(text, dialect, {cut});
      ASSERT_EQ(ReadSplits(text, dialect, starts), whole)
          << "cut at " << cut << " of " << testing::PrintToString(text);
    }
  }
}

// Many cuts at once, some of them inside one quoted field that spans several splits.
TEST_P(CsvSplitTest, ManyCutsAndAFieldSpanningSplits) {
  std::mt19937 rng(GetParam() ? 11 : 13);
  for (int file = 0; file < 40; ++file) {
    const CsvDialect dialect = Dialect(file % 2 == 0 ? 3 : 1 << 20);
    std::string text = RandomCsv(&rng, dialect, 20);
    text += "\"a long field\n,\"\"x\"\"\r\n\n" + std::string(200, 'y') + "\nz,\"\r\n" +
            RandomCsv(&rng, dialect, 20);
    const std::vector<Record> whole = ReadWhole(text, dialect);
    for (int splits : {2, 3, 5, 8, 17, 40}) {
      std::vector<int64_t> cuts;
      for (int k = 1; k < splits; ++k) {
        cuts.push_back(static_cast<int64_t>(text.size()) / splits * k);
      }
      const std::vector<int64_t> starts = FindStarts(text, dialect, cuts);
      ASSERT_EQ(ReadSplits(text, dialect, starts), whole)
          << splits << " splits of " << testing::PrintToString(text);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(WithAndWithoutEscape, CsvSplitTest, ::testing::Bool());

TEST(CsvSplitTest, CrLfIsNotCutBetweenCrAndLf) {
  const std::string text = "a,b\r\nc,d\r\n";
  CsvDialect dialect;
  // Offset 4 is the LF of the first CRLF: the next record starts after it.
  EXPECT_EQ(FindStarts(text, dialect, {4}), std::vector<int64_t>{5});
  EXPECT_EQ(FindStarts(text, dialect, {5}), std::vector<int64_t>{5});
  EXPECT_TRUE(FindStarts(text, dialect, {6}).empty());
}

TEST(CountLineBreaksTest, CountsLfCrAndCrLfOnceEach) {
  // Byte n never falls inside a CRLF.
  const std::vector<std::pair<int64_t, int64_t>> bytes_and_breaks = {
      {0, 0}, {1, 0}, {3, 1}, {4, 1}, {5, 2}, {6, 2}, {7, 3}, {9, 4}, {100, 4}};
  for (const auto& [n, breaks] : bytes_and_breaks) {
    MemoryInputStream input("a\r\nb\rc\n\r\n");
    EXPECT_EQ(*CountLineBreaks(&input, n), breaks) << n;
  }
}

// Through the format: the header stays with the first split, skipRows are skipped once, the
// splits' rows make the file's rows, and a bad row in a later split names its line in the file.
class CsvFormatSplitTest : public ::testing::Test {
 protected:
  Result<TextRows> ReadSplit(const SourceFile& file, const FormatOptions& options,
                             const FileSplit& split, CollectingSink* sink) {
    ReadRequest request;
    Field id;
    id.name = "id";
    id.type = LogicalType::BigInt();
    id.nullable = false;
    Field note;
    note.name = "note";
    note.type = LogicalType::Varchar();
    request.target_schema = std::make_shared<const Schema>(std::vector<Field>{id, note});
    request.options = options;
    request.error_sink = sink;
    request.split = split;
    request.batch_rows = 7;
    INLET_ASSIGN_OR_RETURN(std::unique_ptr<FormatReader> reader, format_.OpenReader(file, request));
    return ReadAllRows(reader.get());
  }

  std::shared_ptr<MemoryFileSystem> fs_ = std::make_shared<MemoryFileSystem>();
  CsvFormat format_;
};

TEST_F(CsvFormatSplitTest, SplitsReadTheFileOnce) {
  std::string text = "skipped \"line\nid,note\n";
  TextRows expected;
  for (int i = 0; i < 500; ++i) {
    const std::string note = i % 3 == 0 ? "multi\nline, \"\"quoted\"\"" : "plain";
    text += std::to_string(i) + (i % 3 == 0 ? ",\"" + note + "\"" : "," + note) + "\n";
    std::string value = note;
    for (size_t p = value.find("\"\""); p != std::string::npos; p = value.find("\"\"", p + 1)) {
      value.erase(p, 1);
    }
    expected.push_back({std::to_string(i), value});
  }
  // Line 403 of the file is row 300's first line (2 lines before the rows, 100 rows of 2).
  text.replace(text.find("\n300,") + 1, 3, "bad");
  expected.erase(expected.begin() + 300);
  SourceFile file = MakeSourceFile(fs_, "/data/split.csv", text);
  // Given in full: the sniffer is not what this tests.
  const FormatOptions options{
      {"skiprows", "1"}, {"header", "true"}, {"delimiter", ","}, {"quote", "\""}};

  auto splits = format_.PlanSplits(file, options, 4);
  ASSERT_TRUE(splits.ok()) << splits.status().ToString();
  ASSERT_EQ(splits->size(), 4u);
  EXPECT_EQ(splits->front().begin, 0);
  EXPECT_EQ(splits->back().end, -1);
  TextRows rows;
  CollectingSink sink;
  for (size_t k = 0; k < splits->size(); ++k) {
    if (k > 0) EXPECT_EQ((*splits)[k].begin, (*splits)[k - 1].end);
    auto part = ReadSplit(file, options, (*splits)[k], &sink);
    ASSERT_TRUE(part.ok()) << part.status().ToString();
    EXPECT_FALSE(part->empty());
    rows.insert(rows.end(), part->begin(), part->end());
  }
  EXPECT_EQ(rows, expected);
  // Messages about a split's rows (constraint checks count rows per split) say where it starts.
  EXPECT_EQ(format_.DescribeSplit((*splits)[1]),
            "the records from byte " + std::to_string((*splits)[1].begin));
  ASSERT_EQ(sink.errors.size(), 1u);
  EXPECT_EQ(sink.errors[0].line, 403);
  EXPECT_EQ(sink.errors[0].byte_offset, static_cast<int64_t>(text.find("\nbad,")) + 1);
}

TEST_F(CsvFormatSplitTest, CompressedOrOneRecordFilesAreNotSplit) {
  std::string text = "id,note\n";
  for (int i = 0; i < 100; ++i) text += std::to_string(i) + ",x\n";
  z_stream z{};
  ASSERT_EQ(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string gzip(deflateBound(&z, text.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(text.data());
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(gzip.data());
  z.avail_out = static_cast<uInt>(gzip.size());
  ASSERT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  gzip.resize(z.total_out);
  deflateEnd(&z);
  SourceFile gzipped = MakeSourceFile(fs_, "/data/a.csv.gz", gzip);
  auto splits = format_.PlanSplits(gzipped, {}, 4);
  ASSERT_TRUE(splits.ok()) << splits.status().ToString();
  EXPECT_EQ(splits->size(), 1u);
  EXPECT_TRUE(splits->front().whole_file());

  SourceFile one =
      MakeSourceFile(fs_, "/data/one.csv", "id,note\n1,\"" + std::string(1000, 'x') + "\"\n");
  splits = format_.PlanSplits(one, {}, 4);
  ASSERT_TRUE(splits.ok()) << splits.status().ToString();
  EXPECT_EQ(splits->size(), 1u);
}

TEST_F(CsvFormatSplitTest, LinesAfterASplitCountACustomRecordDelimiter) {
  // Records end at ';' alone: a new line inside a value is data, and line N is the Nth record.
  std::string text;
  for (int i = 0; i < 400; ++i) text += std::to_string(i) + ",a\n\nb;";
  text.replace(text.find(";300,") + 1, 3, "bad");
  SourceFile file = MakeSourceFile(fs_, "/data/semi.csv", text);
  const FormatOptions options{{kFormatDialectKey, "snowflake"}, {"record_delimiter", ";"}};
  auto splits = format_.PlanSplits(file, options, 4);
  ASSERT_TRUE(splits.ok()) << splits.status().ToString();
  ASSERT_EQ(splits->size(), 4u);
  CollectingSink sink;
  int64_t rows = 0;
  for (const FileSplit& split : *splits) {
    auto part = ReadSplit(file, options, split, &sink);
    ASSERT_TRUE(part.ok()) << part.status().ToString();
    rows += static_cast<int64_t>(part->size());
  }
  EXPECT_EQ(rows, 399);
  ASSERT_EQ(sink.errors.size(), 1u);
  EXPECT_EQ(sink.errors[0].line, 301);

  CsvDialect semicolon;
  semicolon.custom_record_delimiter = true;
  semicolon.record_delimiter = ';';
  MemoryInputStream input("a\nb;c\rd;e");
  EXPECT_EQ(*CountLineBreaks(&input, 11, semicolon), 2);
}

}  // namespace
}  // namespace inlet

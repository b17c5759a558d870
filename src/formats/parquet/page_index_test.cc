// The page index: its Thrift (de)serialization, parquet-mr's truncation of long bounds, and the
// ColumnIndex and OffsetIndex the writer gives every column chunk, flat and nested, checked
// against the pages and rows they describe.
#include "formats/parquet/page_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include "formats/parquet/nested_test_data.h"
#include "formats/parquet/page_index_builder.h"
#include "formats/parquet/parquet_schema.h"
#include "formats/parquet/thrift_compact.h"
#include "formats/parquet/writer_test_util.h"

namespace inlet::parquet {
namespace {

using parquet_test::DataPages;
using parquet_test::DecodeBound;
using parquet_test::MakeField;
using parquet_test::WriteRows;

// ---------------------------------------------------------------- serialization

ColumnIndex SampleColumnIndex() {
  ColumnIndex index;
  index.null_pages = {false, true, false};
  index.min_values = {"a", "", std::string("\0\xff", 2)};
  index.max_values = {"m", "", "zz"};
  index.boundary_order = BoundaryOrder::kAscending;
  index.null_counts = std::vector<int64_t>{0, 100, 7};
  return index;
}

TEST(PageIndexSerialization, RoundTrips) {
  ColumnIndex column = SampleColumnIndex();
  EXPECT_EQ(DeserializeColumnIndex(SerializeColumnIndex(column)).ValueOrDie(), column);
  column.null_counts.reset();
  column.boundary_order = BoundaryOrder::kDescending;
  EXPECT_EQ(DeserializeColumnIndex(SerializeColumnIndex(column)).ValueOrDie(), column);

  OffsetIndex offsets;
  // Past 14 elements a compact list header takes a varint count.
  for (int64_t i = 0; i < 40; ++i) {
    offsets.page_locations.push_back(
        PageLocation{(int64_t{5} << 32) + i * 1000, static_cast<int32_t>(900 + i), i * 250});
  }
  EXPECT_EQ(DeserializeOffsetIndex(SerializeOffsetIndex(offsets)).ValueOrDie(), offsets);
  EXPECT_EQ(DeserializeOffsetIndex(SerializeOffsetIndex(OffsetIndex{})).ValueOrDie(),
            OffsetIndex{});
}

TEST(PageIndexSerialization, UnknownFieldsAreSkipped) {
  // A newer writer's histograms (fields 6 and 7) and an OffsetIndex's byte counts (field 2).
  CompactWriter w;
  w.BeginStruct();
  w.WriteListFieldHeader(1, ThriftType::kBoolTrue, 1);
  w.WriteBool(false);
  w.WriteListFieldHeader(2, ThriftType::kBinary, 1);
  w.WriteBinary("a");
  w.WriteListFieldHeader(3, ThriftType::kBinary, 1);
  w.WriteBinary("b");
  w.WriteI32Field(4, 0);
  w.WriteListFieldHeader(6, ThriftType::kI64, 2);
  w.WriteI64(1);
  w.WriteI64(2);
  w.EndStruct();
  auto column = DeserializeColumnIndex(w.buffer());
  ASSERT_TRUE(column.ok()) << column.status().ToString();
  EXPECT_EQ(column->min_values, std::vector<std::string>{"a"});
  EXPECT_FALSE(column->null_counts.has_value());

  CompactWriter o;
  o.BeginStruct();
  o.WriteListFieldHeader(1, ThriftType::kStruct, 0);
  o.WriteListFieldHeader(2, ThriftType::kI64, 1);
  o.WriteI64(12);
  o.EndStruct();
  EXPECT_TRUE(DeserializeOffsetIndex(o.buffer()).ok());
}

TEST(PageIndexSerialization, BadInputIsInvalidData) {
  auto message = [](const Status& st) {
    EXPECT_EQ(st.code(), StatusCode::kInvalidData) << st.ToString();
    return st.message();
  };
  // Lists of different lengths.
  ColumnIndex uneven = SampleColumnIndex();
  uneven.max_values.pop_back();
  EXPECT_EQ(message(DeserializeColumnIndex(SerializeColumnIndex(uneven)).status()),
            "ColumnIndex lists differ in length: 3 null_pages, 3 min_values, 2 max_values, 3 "
            "null_counts");
  // A required field missing.
  CompactWriter w;
  w.BeginStruct();
  w.WriteListFieldHeader(1, ThriftType::kBoolTrue, 0);
  w.WriteListFieldHeader(2, ThriftType::kBinary, 0);
  w.WriteListFieldHeader(3, ThriftType::kBinary, 0);
  w.EndStruct();
  EXPECT_EQ(message(DeserializeColumnIndex(w.buffer()).status()),
            "ColumnIndex lacks required field 4");
  CompactWriter no_locations;
  no_locations.BeginStruct();
  no_locations.EndStruct();
  EXPECT_EQ(message(DeserializeOffsetIndex(no_locations.buffer()).status()),
            "OffsetIndex lacks required field 1");
  CompactWriter page;
  page.BeginStruct();
  page.WriteListFieldHeader(1, ThriftType::kStruct, 1);
  page.BeginStruct();
  page.WriteI64Field(1, 4);
  page.WriteI64Field(3, 0);
  page.EndStruct();
  page.EndStruct();
  EXPECT_EQ(message(DeserializeOffsetIndex(page.buffer()).status()),
            "PageLocation lacks required field 2");
  // A list of the wrong element type, and a field of the wrong type.
  CompactWriter wrong;
  wrong.BeginStruct();
  wrong.WriteListFieldHeader(1, ThriftType::kI32, 1);
  wrong.WriteI32(1);
  wrong.EndStruct();
  EXPECT_EQ(message(DeserializeColumnIndex(wrong.buffer()).status()),
            "ColumnIndex field 1 is a list of the wrong element type");
  CompactWriter wrong_type;
  wrong_type.BeginStruct();
  wrong_type.WriteI32Field(1, 3);
  wrong_type.EndStruct();
  EXPECT_EQ(message(DeserializeOffsetIndex(wrong_type.buffer()).status()),
            "OffsetIndex field 1 has Thrift type 5, expected 9");
  // Cut short anywhere.
  const std::string bytes = SerializeColumnIndex(SampleColumnIndex());
  for (size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_FALSE(DeserializeColumnIndex(bytes.substr(0, n)).ok()) << n;
  }
  const std::string offsets =
      SerializeOffsetIndex(OffsetIndex{{PageLocation{4, 100, 0}, PageLocation{104, 50, 10}}});
  for (size_t n = 0; n < offsets.size(); ++n) {
    EXPECT_FALSE(DeserializeOffsetIndex(offsets.substr(0, n)).ok()) << n;
  }
}

TEST(ReadChunkPageIndex, ChecksWhereTheIndexLies) {
  const std::string column = SerializeColumnIndex(SampleColumnIndex());
  const std::string offsets = SerializeOffsetIndex(OffsetIndex{{PageLocation{4, 10, 0}}});
  const std::string file = "PAR1" + column + offsets;
  ColumnChunk chunk;
  auto none = ReadChunkPageIndex(file, chunk);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->column_index || none->offset_index);

  chunk.column_index_offset = 4;
  chunk.column_index_length = static_cast<int32_t>(column.size());
  chunk.offset_index_offset = static_cast<int64_t>(4 + column.size());
  chunk.offset_index_length = static_cast<int32_t>(offsets.size());
  auto both = ReadChunkPageIndex(file, chunk);
  ASSERT_TRUE(both.ok()) << both.status().ToString();
  EXPECT_EQ(*both->column_index, SampleColumnIndex());
  EXPECT_EQ(both->offset_index->page_locations.size(), 1u);

  auto error = [&file](ColumnChunk c) { return ReadChunkPageIndex(file, c).status().message(); };
  ColumnChunk past_end = chunk;
  past_end.offset_index_length = static_cast<int32_t>(offsets.size() + 1);
  EXPECT_EQ(error(past_end), "OffsetIndex of " + std::to_string(offsets.size() + 1) +
                                 " bytes at offset " + std::to_string(4 + column.size()) +
                                 " lies outside the file of " + std::to_string(file.size()) +
                                 " bytes");
  ColumnChunk negative = chunk;
  negative.column_index_offset = -1;
  EXPECT_EQ(error(negative), "ColumnIndex of " + std::to_string(column.size()) +
                                 " bytes at offset -1 lies outside the file of " +
                                 std::to_string(file.size()) + " bytes");
  ColumnChunk negative_length = chunk;
  negative_length.column_index_length = -5;
  EXPECT_FALSE(ReadChunkPageIndex(file, negative_length).ok());
  ColumnChunk far = chunk;
  far.offset_index_offset = std::numeric_limits<int64_t>::max();
  EXPECT_FALSE(ReadChunkPageIndex(file, far).ok());
  ColumnChunk half = chunk;
  half.column_index_length.reset();
  EXPECT_EQ(error(half), "ColumnChunk has only one of the offset and length of its ColumnIndex");
  ColumnChunk garbage = chunk;
  garbage.column_index_offset = 0;  // "PAR1" is no ColumnIndex
  EXPECT_FALSE(ReadChunkPageIndex(file, garbage).ok());
}

// ---------------------------------------------------------------- truncation

TEST(BoundTruncation, ShortValuesStayWhole) {
  EXPECT_EQ(TruncateMinBound("abc", 64), "abc");
  EXPECT_EQ(TruncateMaxBound("abc", 64), "abc");
  const std::string exactly(64, 'x');
  EXPECT_EQ(TruncateMinBound(exactly, 64), exactly);
  EXPECT_EQ(TruncateMaxBound(exactly, 64), exactly);
  EXPECT_EQ(TruncateMaxBound("", 64), "");
}

TEST(BoundTruncation, AsciiIsCutAndTheMaxIncremented) {
  const std::string value = std::string(100, 'a');
  EXPECT_EQ(TruncateMinBound(value, 64), std::string(64, 'a'));
  EXPECT_EQ(TruncateMaxBound(value, 64), std::string(63, 'a') + "b");
}

TEST(BoundTruncation, Utf8IsCutOnACharacterBoundary) {
  // "é" is two bytes and would straddle byte 64.
  const std::string value = std::string(63, 'a') + "\xc3\xa9" + "tail";
  EXPECT_EQ(TruncateMinBound(value, 64), std::string(63, 'a'));
  EXPECT_EQ(TruncateMaxBound(value, 64), std::string(62, 'a') + "b");
  // The last character's last byte goes up within the continuation range: é -> ê.
  std::string accents;
  for (int i = 0; i < 40; ++i) accents += "\xc3\xa9";
  std::string expected_min;
  for (int i = 0; i < 32; ++i) expected_min += "\xc3\xa9";
  EXPECT_EQ(TruncateMinBound(accents, 64), expected_min);
  EXPECT_EQ(TruncateMaxBound(accents, 64), expected_min.substr(0, 62) + "\xc3\xaa");
  // ÿ (C3 BF) cannot take its last byte higher: its lead byte goes up instead, to U+013F.
  std::string y_umlaut;
  for (int i = 0; i < 40; ++i) y_umlaut += "\xc3\xbf";
  EXPECT_EQ(TruncateMaxBound(y_umlaut, 64), y_umlaut.substr(0, 62) + "\xc4\xbf");
}

TEST(BoundTruncation, TheLargestCharacterCannotBeIncremented) {
  const std::string max_char = "\xf4\x8f\xbf\xbf";  // U+10FFFF
  // The byte before it is incremented instead, leaving it in place (parquet-mr's rule).
  const std::string value = std::string(60, 'a') + max_char + "z";
  EXPECT_EQ(TruncateMaxBound(value, 64), std::string(59, 'a') + "b" + max_char);
  // Nothing to increment at all: the max bound stays whole, the min bound is still cut.
  std::string all_max;
  for (int i = 0; i < 20; ++i) all_max += max_char;
  EXPECT_EQ(TruncateMaxBound(all_max, 64), all_max);
  EXPECT_EQ(TruncateMinBound(all_max, 64), all_max.substr(0, 64));
  // U+D7FF cannot step into the surrogates (ED A0 BF is not valid UTF-8): its lead byte goes up
  // instead, to U+E7FF.
  EXPECT_EQ(TruncateMaxBound("a\xed\x9f\xbfzz", 4), "a\xee\x9f\xbf");
}

TEST(BoundTruncation, NonUtf8BytesAreCutAndCarried) {
  std::string binary = "\x01" + std::string(69, '\xff');
  EXPECT_EQ(TruncateMinBound(binary, 64), binary.substr(0, 64));
  EXPECT_EQ(TruncateMaxBound(binary, 64), "\x02" + std::string(63, '\0'));
  const std::string all_ff(70, '\xff');
  EXPECT_EQ(TruncateMinBound(all_ff, 64), all_ff.substr(0, 64));
  EXPECT_EQ(TruncateMaxBound(all_ff, 64), all_ff);
  // Not valid UTF-8 (an overlong '/'), so cut bytewise even inside the sequence.
  const std::string overlong = "ab\xc0\xaf" + std::string(10, 'c');
  EXPECT_EQ(TruncateMinBound(overlong, 3), "ab\xc0");
  EXPECT_EQ(TruncateMaxBound(overlong, 3), "ab\xc1");
}

TEST(BoundTruncation, AFirstCharacterLongerThanTheLimitKeepsTheValueWhole) {
  const std::string value = "\xe2\x82\xac\xe2\x82\xac";  // two euro signs, 3 bytes each
  EXPECT_EQ(TruncateMinBound(value, 2), value);
  EXPECT_EQ(TruncateMaxBound(value, 2), value);
}

// Whatever the bytes, the bounds bound the value and are no longer than the limit unless whole;
// a valid UTF-8 value keeps valid UTF-8 bounds.
TEST(BoundTruncation, BoundsAlwaysBoundTheValue) {
  std::mt19937 random(42);
  const std::vector<std::string> pieces = {"a",
                                           "z",
                                           "\x7f",
                                           "\xc3\xa9",
                                           "\xc3\xbf",
                                           "\xe2\x82\xac",
                                           "\xef\xbf\xbf",
                                           "\xf0\x9f\x98\x80",
                                           "\xf4\x8f\xbf\xbf",
                                           "\xff",
                                           "\x80",
                                           "\0"};
  for (int trial = 0; trial < 5000; ++trial) {
    std::string value;
    const int length = static_cast<int>(random() % 12);
    for (int i = 0; i < length; ++i) value += pieces[random() % pieces.size()];
    const size_t limit = 1 + random() % 8;
    const std::string min = TruncateMinBound(value, limit);
    const std::string max = TruncateMaxBound(value, limit);
    SCOPED_TRACE(testing::PrintToString(value) + " limit " + std::to_string(limit));
    EXPECT_LE(min.compare(value), 0);
    EXPECT_GE(max.compare(value), 0);
    EXPECT_TRUE(min == value || min.size() <= limit);
    EXPECT_TRUE(max == value || max.size() <= limit);
  }
}

// ---------------------------------------------------------------- ordering and the builder

std::string Int32Bytes(int32_t v) { return std::string(reinterpret_cast<const char*>(&v), 4); }
std::string DoubleBytes(double v) { return std::string(reinterpret_cast<const char*>(&v), 8); }

TEST(CompareBounds, FollowsEachTypesOrder) {
  EXPECT_LT(CompareBounds(Type::kInt32, false, Int32Bytes(-5), Int32Bytes(3)), 0);
  EXPECT_GT(CompareBounds(Type::kDouble, false, DoubleBytes(2.5), DoubleBytes(-1e300)), 0);
  EXPECT_EQ(CompareBounds(Type::kDouble, false, DoubleBytes(-0.0), DoubleBytes(0.0)), 0);
  EXPECT_GT(CompareBounds(Type::kByteArray, false, "\xff", "a"), 0);  // unsigned bytes
  EXPECT_LT(CompareBounds(Type::kByteArray, false, "ab", "abc"), 0);
  EXPECT_GT(CompareBounds(Type::kBoolean, false, "\x01", std::string(1, '\0')), 0);
  // FIXED_LEN_BYTE_ARRAY decimals are signed: 0xff.. is -1, below 0x00..01.
  EXPECT_LT(CompareBounds(Type::kFixedLenByteArray, true, "\xff\xff", std::string("\0\x01", 2)), 0);
  EXPECT_GT(CompareBounds(Type::kFixedLenByteArray, true, std::string("\0\x02", 2),
                          std::string("\0\x01", 2)),
            0);
  EXPECT_GT(CompareBounds(Type::kFixedLenByteArray, false, "\xff\xff", std::string("\0\x01", 2)),
            0);
}

ColumnDescriptor Descriptor(const LogicalType& type) {
  return DescribeFieldForWrite(MakeField("c", type));
}

PageSummary Page(int64_t first_row, std::optional<std::string> min, std::optional<std::string> max,
                 int64_t null_count = 0, bool has_values = true) {
  PageSummary page;
  page.offset = first_row * 10;
  page.size = 10;
  page.first_row = first_row;
  page.null_count = null_count;
  page.has_values = has_values;
  page.min = std::move(min);
  page.max = std::move(max);
  return page;
}

TEST(PageIndexBuilder, BoundaryOrderPassesOverPagesOfNulls) {
  ColumnDescriptor desc = Descriptor(LogicalType::Integer());
  PageIndexBuilder builder(desc);
  builder.AddPage(Page(0, Int32Bytes(1), Int32Bytes(5)));
  builder.AddPage(Page(100, std::nullopt, std::nullopt, 100, false));
  builder.AddPage(Page(200, Int32Bytes(5), Int32Bytes(5), 3));
  builder.AddPage(Page(300, Int32Bytes(6), Int32Bytes(9)));
  ChunkPageIndex index = builder.Finish(1000);
  ASSERT_TRUE(index.column_index && index.offset_index);
  EXPECT_EQ(index.column_index->boundary_order, BoundaryOrder::kAscending);
  EXPECT_EQ(index.column_index->null_pages, (std::vector<bool>{false, true, false, false}));
  EXPECT_EQ(index.column_index->min_values[1], "");
  EXPECT_EQ(index.column_index->max_values[1], "");
  EXPECT_EQ(*index.column_index->null_counts, (std::vector<int64_t>{0, 100, 3, 0}));
  ASSERT_EQ(index.offset_index->page_locations.size(), 4u);
  EXPECT_EQ(index.offset_index->page_locations[2], (PageLocation{3000, 10, 200}));

  // Finish starts the builder over.
  builder.AddPage(Page(0, Int32Bytes(9), Int32Bytes(9)));
  builder.AddPage(Page(10, Int32Bytes(-3), Int32Bytes(9)));
  index = builder.Finish(0);
  EXPECT_EQ(index.column_index->boundary_order, BoundaryOrder::kDescending);
  EXPECT_EQ(index.offset_index->page_locations.size(), 2u);

  builder.AddPage(Page(0, Int32Bytes(1), Int32Bytes(5)));
  builder.AddPage(Page(10, Int32Bytes(2), Int32Bytes(4)));
  EXPECT_EQ(builder.Finish(0).column_index->boundary_order, BoundaryOrder::kUnordered);
}

TEST(PageIndexBuilder, APageOfOnlyNanLeavesTheColumnIndexOut) {
  ColumnDescriptor desc = Descriptor(LogicalType::Double());
  PageIndexBuilder builder(desc);
  builder.AddPage(Page(0, DoubleBytes(1), DoubleBytes(2)));
  builder.AddPage(Page(10, std::nullopt, std::nullopt));  // values, but every one NaN
  builder.AddPage(Page(20, DoubleBytes(3), DoubleBytes(4)));
  ChunkPageIndex index = builder.Finish(0);
  EXPECT_FALSE(index.column_index.has_value());
  ASSERT_TRUE(index.offset_index.has_value());
  EXPECT_EQ(index.offset_index->page_locations.size(), 3u);
  // The next chunk gets one again.
  builder.AddPage(Page(0, DoubleBytes(1), DoubleBytes(2)));
  EXPECT_TRUE(builder.Finish(0).column_index.has_value());
}

TEST(PageIndexBuilder, OnlyByteArraysAreTruncated) {
  const std::string long_text(100, 'q');
  PageIndexBuilder strings(Descriptor(LogicalType::Varchar()));
  strings.AddPage(Page(0, long_text, long_text));
  ChunkPageIndex index = strings.Finish(0);
  EXPECT_EQ(index.column_index->min_values[0], std::string(64, 'q'));
  EXPECT_EQ(index.column_index->max_values[0], std::string(63, 'q') + "r");

  PageIndexBuilder binary(Descriptor(LogicalType::Binary()));
  binary.AddPage(Page(0, std::string(70, '\xff'), std::string(70, '\xff')));
  index = binary.Finish(0);
  EXPECT_EQ(index.column_index->min_values[0], std::string(64, '\xff'));
  EXPECT_EQ(index.column_index->max_values[0], std::string(70, '\xff'));

  const std::string sixteen(16, '\x7f');  // DECIMAL(38) in 16 bytes: never cut
  PageIndexBuilder decimal(Descriptor(LogicalType::Decimal(38, 2)));
  decimal.AddPage(Page(0, sixteen, sixteen));
  EXPECT_EQ(decimal.Finish(0).column_index->max_values[0], sixteen);
}

// ---------------------------------------------------------------- what the writer writes

// The page index of every chunk of `bytes`, with the file's leaf descriptors.
struct FilePageIndex {
  FileMetaData meta;
  std::vector<ColumnDescriptor> leaves;
  std::vector<std::vector<ChunkPageIndex>> chunks;  // [row group][leaf]
};

FilePageIndex ReadFilePageIndex(const std::string& bytes) {
  FilePageIndex out;
  std::unique_ptr<ParquetFileReader> reader = parquet_test::OpenWritten(bytes);
  if (!reader) return out;
  out.meta = reader->metadata();
  auto tree = ReadSchemaTree(out.meta.schema, "written.parquet", LeafTypeOptions{});
  EXPECT_TRUE(tree.ok()) << tree.status().ToString();
  if (tree.ok()) out.leaves = tree->leaves;
  for (const RowGroup& group : out.meta.row_groups) {
    std::vector<ChunkPageIndex>& chunks = out.chunks.emplace_back();
    for (const ColumnChunk& chunk : group.columns) {
      auto index = ReadChunkPageIndex(bytes, chunk);
      EXPECT_TRUE(index.ok()) << index.status().ToString();
      chunks.push_back(index.ok() ? *index : ChunkPageIndex{});
    }
  }
  return out;
}

// Checks that each OffsetIndex entry of `index` is a data page of `chunk` as its header says,
// in order, and that each ColumnIndex NULL count is the page's (v2 headers count them).
void ExpectIndexMatchesPages(const std::string& bytes, const ColumnChunk& chunk,
                             const ChunkPageIndex& index, int64_t group_rows) {
  ASSERT_TRUE(index.offset_index.has_value());
  std::vector<parquet_test::PageInFile> pages = DataPages(bytes, chunk);
  const std::vector<PageLocation>& locations = index.offset_index->page_locations;
  ASSERT_EQ(locations.size(), pages.size());
  int64_t rows_before = 0;
  for (size_t p = 0; p < pages.size(); ++p) {
    SCOPED_TRACE("page " + std::to_string(p));
    EXPECT_EQ(locations[p].offset, pages[p].offset);
    EXPECT_EQ(locations[p].compressed_page_size, pages[p].size);
    EXPECT_EQ(locations[p].first_row_index, rows_before);
    if (p > 0) {
      EXPECT_GT(locations[p].first_row_index, locations[p - 1].first_row_index);
    }
    if (const auto& v2 = pages[p].header.data_page_header_v2) {
      rows_before += v2->num_rows;
      if (index.column_index) {
        EXPECT_EQ((*index.column_index->null_counts)[p], v2->num_nulls);
      }
    } else {
      rows_before = p + 1 < pages.size() ? locations[p + 1].first_row_index : group_rows;
    }
  }
  EXPECT_EQ(rows_before, group_rows);
  EXPECT_LT(locations.back().first_row_index, group_rows);
  if (!index.column_index) return;
  int64_t nulls = 0;
  for (int64_t n : *index.column_index->null_counts) nulls += n;
  EXPECT_EQ(nulls, chunk.meta_data->statistics->null_count);
}

class FlatPageIndex : public ::testing::TestWithParam<std::tuple<int, bool>> {};

TEST_P(FlatPageIndex, BoundsAndNullCountsAreEachPagesOwn) {
  auto [version, dictionary] = GetParam();
  SchemaPtr schema = parquet_test::AllTypesSchema();
  std::vector<std::vector<Value>> rows;
  for (int64_t i = 0; i < 2500; ++i) rows.push_back(parquet_test::AllTypesRow(i));
  ParquetWriterOptions options;
  options.data_page_version = version;
  options.dictionary = dictionary;
  options.row_group_rows = 1000;
  options.data_page_bytes = 512;
  const std::string bytes = WriteRows(schema, rows, options).bytes;
  FilePageIndex file = ReadFilePageIndex(bytes);
  ASSERT_EQ(file.chunks.size(), 3u);
  for (size_t g = 0; g < file.chunks.size(); ++g) {
    const RowGroup& group = file.meta.row_groups[g];
    for (size_t c = 0; c < schema->num_fields(); ++c) {
      SCOPED_TRACE("row group " + std::to_string(g) + ", column " + schema->field(c).name);
      const ChunkPageIndex& index = file.chunks[g][c];
      ExpectIndexMatchesPages(bytes, group.columns[c], index, group.num_rows);
      ASSERT_TRUE(index.column_index.has_value());
      const ColumnIndex& bounds = *index.column_index;
      const std::vector<PageLocation>& pages = index.offset_index->page_locations;
      bool ascending = true;
      bool descending = true;
      std::optional<Value> previous_min;
      std::optional<Value> previous_max;
      for (size_t p = 0; p < pages.size(); ++p) {
        const int64_t begin = static_cast<int64_t>(g) * 1000 + pages[p].first_row_index;
        const int64_t end = static_cast<int64_t>(g) * 1000 +
                            (p + 1 < pages.size() ? pages[p + 1].first_row_index : group.num_rows);
        std::optional<Value> min;
        std::optional<Value> max;
        int64_t nulls = 0;
        for (int64_t r = begin; r < end; ++r) {
          const Value& v = rows[r][c];
          if (v.is_null()) {
            ++nulls;
            continue;
          }
          if (!min || v.Compare(*min) < 0) min = v;
          if (!max || v.Compare(*max) > 0) max = v;
        }
        EXPECT_EQ((*bounds.null_counts)[p], nulls);
        ASSERT_EQ(bounds.null_pages[p], !min.has_value());
        if (!min) continue;
        auto low = DecodeBound(file.leaves[c], bounds.min_values[p]);
        auto high = DecodeBound(file.leaves[c], bounds.max_values[p]);
        ASSERT_TRUE(low.ok() && high.ok());
        EXPECT_EQ(low->Compare(*min), 0) << low->ToString() << " " << min->ToString();
        EXPECT_EQ(high->Compare(*max), 0) << high->ToString() << " " << max->ToString();
        if (previous_min) {
          ascending &= previous_min->Compare(*min) <= 0 && previous_max->Compare(*max) <= 0;
          descending &= previous_min->Compare(*min) >= 0 && previous_max->Compare(*max) >= 0;
        }
        previous_min = min;
        previous_max = max;
      }
      EXPECT_EQ(bounds.boundary_order, ascending    ? BoundaryOrder::kAscending
                                       : descending ? BoundaryOrder::kDescending
                                                    : BoundaryOrder::kUnordered);
      // i grows with the row and d shrinks, over several pages of the first row group.
      const std::string& name = schema->field(c).name;
      if (name != "i" && name != "d") continue;
      if (g == 0) {
        EXPECT_GT(pages.size(), 1u);
      }
      if (pages.size() == 1) continue;
      EXPECT_EQ(bounds.boundary_order,
                name == "i" ? BoundaryOrder::kAscending : BoundaryOrder::kDescending);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(PageVersions, FlatPageIndex,
                         ::testing::Combine(::testing::Values(1, 2), ::testing::Bool()));

class NestedPageIndex : public ::testing::TestWithParam<int> {};

TEST_P(NestedPageIndex, EveryLeafGetsOne) {
  SchemaPtr schema = parquet_test::NestedSchema();
  std::vector<std::vector<Value>> rows;
  for (int64_t i = 0; i < 700; ++i) rows.push_back(parquet_test::NestedRow(i));
  ParquetWriterOptions options;
  options.data_page_version = GetParam();
  options.row_group_rows = 300;
  options.data_page_bytes = 64;
  const std::string bytes = WriteRows(schema, rows, options).bytes;
  FilePageIndex file = ReadFilePageIndex(bytes);
  ASSERT_EQ(file.chunks.size(), 3u);
  size_t paged_leaves = 0;
  for (size_t g = 0; g < file.chunks.size(); ++g) {
    const RowGroup& group = file.meta.row_groups[g];
    for (size_t leaf = 0; leaf < file.leaves.size(); ++leaf) {
      const ColumnDescriptor& desc = file.leaves[leaf];
      SCOPED_TRACE("row group " + std::to_string(g) + ", leaf " + desc.name);
      const ChunkPageIndex& index = file.chunks[g][leaf];
      ExpectIndexMatchesPages(bytes, group.columns[leaf], index, group.num_rows);
      ASSERT_TRUE(index.column_index.has_value());
      if (index.offset_index->page_locations.size() > 1) ++paged_leaves;
      // The chunk's bounds are the widest of its pages' (no value here is long enough to be cut).
      const Statistics& stats = *group.columns[leaf].meta_data->statistics;
      const ColumnIndex& bounds = *index.column_index;
      std::optional<std::string> min;
      std::optional<std::string> max;
      for (size_t p = 0; p < bounds.null_pages.size(); ++p) {
        if (bounds.null_pages[p]) continue;
        const bool decimal = desc.type.id() == TypeId::kDecimal;
        if (!min || CompareBounds(desc.physical, decimal, bounds.min_values[p], *min) < 0) {
          min = bounds.min_values[p];
        }
        if (!max || CompareBounds(desc.physical, decimal, bounds.max_values[p], *max) > 0) {
          max = bounds.max_values[p];
        }
      }
      EXPECT_EQ(min, stats.min_value);
      EXPECT_EQ(max, stats.max_value);
    }
  }
  EXPECT_GT(paged_leaves, 10u);
}

INSTANTIATE_TEST_SUITE_P(PageVersions, NestedPageIndex, ::testing::Values(1, 2));

TEST(PageIndex, LongStringsAreCutInThePagesAndLeftOutOfTheChunk) {
  SchemaPtr schema = std::make_shared<Schema>(std::vector<Field>{
      MakeField("s", LogicalType::Varchar()), MakeField("n", LogicalType::Integer())});
  std::vector<std::vector<Value>> rows;
  const std::string huge(5000, 'h');  // past the 4096 bytes chunk statistics keep
  rows.push_back({Value::Varchar("a" + huge), Value::Int(LogicalType::Integer(), 1)});
  rows.push_back(
      {Value::Varchar("b" + std::string(100, 'x')), Value::Int(LogicalType::Integer(), 2)});
  rows.push_back({Value::Varchar("c" + huge), Value::Int(LogicalType::Integer(), 3)});
  const parquet_test::WrittenBytes written = WriteRows(schema, rows, ParquetWriterOptions{});
  FilePageIndex file = ReadFilePageIndex(written.bytes);
  ASSERT_EQ(file.chunks.size(), 1u);
  const Statistics& chunk_stats = *file.meta.row_groups[0].columns[0].meta_data->statistics;
  EXPECT_FALSE(chunk_stats.min_value.has_value());
  EXPECT_FALSE(chunk_stats.max_value.has_value());
  EXPECT_EQ(chunk_stats.null_count, 0);
  // The other column keeps its statistics.
  EXPECT_TRUE(file.meta.row_groups[0].columns[1].meta_data->statistics->max_value.has_value());
  const ColumnIndex& bounds = *file.chunks[0][0].column_index;
  EXPECT_EQ(bounds.min_values, std::vector<std::string>{"a" + std::string(63, 'h')});
  EXPECT_EQ(bounds.max_values, std::vector<std::string>{"c" + std::string(62, 'h') + "i"});
  // Delta's statistics keep the values whole (its own code truncates them as Delta wants).
  EXPECT_EQ(written.info.column_stats[0].min, Value::Varchar("a" + huge));
  EXPECT_EQ(written.info.column_stats[0].max, Value::Varchar("c" + huge));

  // A value of 4096 bytes is still kept.
  const std::string limit(4096, 'k');
  const std::string bytes =
      WriteRows(schema, {{Value::Varchar(limit), Value::Int(LogicalType::Integer(), 1)}},
                ParquetWriterOptions{})
          .bytes;
  FilePageIndex kept = ReadFilePageIndex(bytes);
  EXPECT_EQ(kept.meta.row_groups[0].columns[0].meta_data->statistics->min_value, limit);
}

TEST(PageIndex, PagesOfNullsAndOfNan) {
  SchemaPtr schema = std::make_shared<Schema>(std::vector<Field>{
      MakeField("d", LogicalType::Double()), MakeField("n", LogicalType::Integer())});
  std::vector<std::vector<Value>> rows;
  // A page ends every 128 rows with a 1-byte page limit: a page of NaN and NULL, one of NULLs,
  // one of numbers.
  for (int i = 0; i < 128; ++i) {
    rows.push_back({i % 2 == 0 ? Value::Double(std::nan("")) : Value::Null(LogicalType::Double()),
                    Value::Null(LogicalType::Integer())});
  }
  for (int i = 0; i < 128; ++i) {
    rows.push_back({Value::Null(LogicalType::Double()), Value::Int(LogicalType::Integer(), i)});
  }
  for (int i = 0; i < 128; ++i) {
    rows.push_back({Value::Double(i == 5 ? 0.0 : i + 0.5), Value::Null(LogicalType::Integer())});
  }
  ParquetWriterOptions options;
  options.data_page_bytes = 1;
  const std::string bytes = WriteRows(schema, rows, options).bytes;
  FilePageIndex file = ReadFilePageIndex(bytes);
  ASSERT_EQ(file.chunks.size(), 1u);
  // d: a page holds values but every one is NaN, so the chunk gets no ColumnIndex.
  EXPECT_FALSE(file.chunks[0][0].column_index.has_value());
  EXPECT_FALSE(file.meta.row_groups[0].columns[0].column_index_offset.has_value());
  ASSERT_TRUE(file.chunks[0][0].offset_index.has_value());
  EXPECT_EQ(file.chunks[0][0].offset_index->page_locations.size(), 3u);
  // n: pages of NULLs have empty bounds.
  const ColumnIndex& n = *file.chunks[0][1].column_index;
  EXPECT_EQ(n.null_pages, (std::vector<bool>{true, false, true}));
  EXPECT_EQ(n.min_values, (std::vector<std::string>{"", Int32Bytes(0), ""}));
  EXPECT_EQ(n.max_values, (std::vector<std::string>{"", Int32Bytes(127), ""}));
  EXPECT_EQ(*n.null_counts, (std::vector<int64_t>{128, 0, 128}));
  EXPECT_EQ(n.boundary_order, BoundaryOrder::kAscending);

  // Zero bounds cover both signed zeros, as in chunk statistics.
  std::vector<std::vector<Value>> zeros = {
      {Value::Double(0.0), Value::Null(LogicalType::Integer())},
      {Value::Double(-0.0), Value::Null(LogicalType::Integer())}};
  FilePageIndex zero = ReadFilePageIndex(WriteRows(schema, zeros, ParquetWriterOptions{}).bytes);
  const ColumnIndex& d = *zero.chunks[0][0].column_index;
  EXPECT_TRUE(std::signbit(*reinterpret_cast<const double*>(d.min_values[0].data())));
  EXPECT_FALSE(std::signbit(*reinterpret_cast<const double*>(d.max_values[0].data())));
}

TEST(PageIndex, ComesBetweenTheRowGroupsAndTheFooter) {
  SchemaPtr schema = parquet_test::AllTypesSchema();
  std::vector<std::vector<Value>> rows;
  for (int64_t i = 0; i < 300; ++i) rows.push_back(parquet_test::AllTypesRow(i));
  ParquetWriterOptions options;
  options.row_group_rows = 100;
  const std::string bytes = WriteRows(schema, rows, options).bytes;
  FilePageIndex file = ReadFilePageIndex(bytes);
  int64_t data_end = 0;
  for (const RowGroup& group : file.meta.row_groups) {
    for (const ColumnChunk& chunk : group.columns) {
      data_end = std::max(data_end, chunk.file_offset + chunk.meta_data->total_compressed_size);
    }
  }
  // Every ColumnIndex (in chunk order), then every OffsetIndex, then the footer.
  int64_t next = data_end;
  for (const char* part : {"column", "offset"}) {
    for (const RowGroup& group : file.meta.row_groups) {
      for (const ColumnChunk& chunk : group.columns) {
        const bool column = std::string(part) == "column";
        EXPECT_EQ(column ? chunk.column_index_offset : chunk.offset_index_offset, next);
        next += column ? *chunk.column_index_length : *chunk.offset_index_length;
      }
    }
  }
  uint32_t footer_length = 0;
  std::memcpy(&footer_length, bytes.data() + bytes.size() - 8, 4);
  EXPECT_EQ(next + footer_length + 8, static_cast<int64_t>(bytes.size()));
}

}  // namespace
}  // namespace inlet::parquet

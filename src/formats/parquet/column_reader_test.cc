#include "formats/parquet/column_reader.h"

#include <gtest/gtest.h>

#include "formats/parquet/page_test_util.h"

namespace inlet::parquet {
namespace {

using namespace page_test;  // NOLINT

const std::string kWhere = "t.parquet: column \"c\"";

ColumnDescriptor Describe(LogicalType type, Type physical, int16_t max_def, int16_t max_rep) {
  ColumnDescriptor d;
  d.name = "c";
  d.path = {"c"};
  d.type = type;
  d.physical = physical;
  d.max_definition_level = max_def;
  d.max_repetition_level = max_rep;
  return d;
}

std::vector<int64_t> Int64Values(const Column& c) {
  std::vector<int64_t> out;
  for (int64_t i = 0; i < c.size(); ++i) out.push_back(c.GetFixed<int64_t>(i));
  return out;
}

std::vector<std::string> StringValues(const Column& c) {
  std::vector<std::string> out;
  for (int64_t i = 0; i < c.size(); ++i) out.emplace_back(c.GetString(i));
  return out;
}

TEST(ReadLeafChunk, RequiredFlatColumnHasNoLevels) {
  auto desc = Describe(LogicalType::Integer(), Type::kInt32, 0, 0);
  std::string chunk = DataPageV1(3, Encoding::kPlain, "", "", PlainInt32({7, -1, 42}));
  LeafChunk leaf;
  ASSERT_TRUE(ReadLeafChunk(desc, Codec::kUncompressed, chunk, 3, kWhere, &leaf).ok());
  EXPECT_TRUE(leaf.def_levels.empty());
  EXPECT_TRUE(leaf.rep_levels.empty());
  EXPECT_EQ(leaf.num_slots, 3);
  ASSERT_EQ(leaf.values->size(), 3);
  EXPECT_EQ(leaf.values->GetFixed<int32_t>(0), 7);
  EXPECT_EQ(leaf.values->GetFixed<int32_t>(1), -1);
  EXPECT_EQ(leaf.values->GetFixed<int32_t>(2), 42);
}

// LIST<BIGINT> with nullable list and elements: max definition 3, max repetition 1. Rows:
// [1, 2], NULL, [], [NULL, 3] across a v1 and a v2 page.
TEST(ReadLeafChunk, RepeatedColumnAcrossV1AndV2Pages) {
  auto desc = Describe(LogicalType::BigInt(), Type::kInt64, 3, 1);
  std::string chunk =
      DataPageV1(4, Encoding::kPlain, RleLevels({0, 1, 0, 0}, 1), RleLevels({3, 3, 0, 1}, 3),
                 PlainInt64({1, 2})) +
      DataPageV2(2, 1, 1, Encoding::kPlain, RleLevels({0, 1}, 1), RleLevels({2, 3}, 3),
                 PlainInt64({3}), Codec::kSnappy);
  LeafChunk leaf;
  Status st = ReadLeafChunk(desc, Codec::kSnappy, chunk, 6, kWhere, &leaf);
  ASSERT_FALSE(st.ok()) << "v1 values must be compressed with the chunk's codec too";
  chunk = DataPageV1(4, Encoding::kPlain, RleLevels({0, 1, 0, 0}, 1), RleLevels({3, 3, 0, 1}, 3),
                     PlainInt64({1, 2}), Codec::kSnappy) +
          DataPageV2(2, 1, 1, Encoding::kPlain, RleLevels({0, 1}, 1), RleLevels({2, 3}, 3),
                     PlainInt64({3}), Codec::kSnappy);
  st = ReadLeafChunk(desc, Codec::kSnappy, chunk, 6, kWhere, &leaf);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(leaf.rep_levels, (std::vector<int16_t>{0, 1, 0, 0, 0, 1}));
  EXPECT_EQ(leaf.def_levels, (std::vector<int16_t>{3, 3, 0, 1, 2, 3}));
  EXPECT_EQ(Int64Values(*leaf.values), (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(leaf.num_slots, 6);
}

TEST(ReadLeafChunk, DictionaryEncodedStringsWithLevels) {
  auto desc = Describe(LogicalType::Varchar(), Type::kByteArray, 2, 1);
  std::string chunk = DictionaryPage(2, PlainStrings({"red", "green"})) +
                      DataPageV1(5, Encoding::kRleDictionary, RleLevels({0, 1, 1, 0, 1}, 1),
                                 RleLevels({2, 1, 2, 2, 2}, 2), DictionaryIndices({1, 0, 0, 1}, 1));
  LeafChunk leaf;
  Status st = ReadLeafChunk(desc, Codec::kUncompressed, chunk, 5, kWhere, &leaf);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(StringValues(*leaf.values),
            (std::vector<std::string>{"green", "red", "red", "green"}));
  EXPECT_EQ(leaf.def_levels, (std::vector<int16_t>{2, 1, 2, 2, 2}));
}

TEST(ReadLeafChunk, ReplacesWhatTheOutputHeld) {
  auto desc = Describe(LogicalType::Integer(), Type::kInt32, 1, 0);
  std::string chunk = DataPageV1(2, Encoding::kPlain, "", RleLevels({1, 0}, 1), PlainInt32({5}));
  LeafChunk leaf;
  ASSERT_TRUE(ReadLeafChunk(desc, Codec::kUncompressed, chunk, 2, kWhere, &leaf).ok());
  ASSERT_TRUE(ReadLeafChunk(desc, Codec::kUncompressed, chunk, 2, kWhere, &leaf).ok());
  EXPECT_EQ(leaf.def_levels, (std::vector<int16_t>{1, 0}));
  EXPECT_EQ(leaf.values->size(), 1);
}

// The deprecated BIT_PACKED level encoding: MSB first, no length prefix.
TEST(ReadLeafChunk, LegacyBitPackedLevels) {
  auto desc = Describe(LogicalType::Integer(), Type::kInt32, 2, 1);
  // rep 0,1,0 in 1 bit each: 010 -> 0b01000000; def 2,2,0 in 2 bits: 10 10 00 -> 0b10100000.
  std::string body = std::string("\x40", 1) + std::string("\xA0", 1) + PlainInt32({8, 9});
  PageHeader h;
  h.type = PageType::kDataPage;
  h.uncompressed_page_size = h.compressed_page_size = static_cast<int32_t>(body.size());
  h.data_page_header =
      DataPageHeader{3, Encoding::kPlain, Encoding::kBitPacked, Encoding::kBitPacked};
  LeafChunk leaf;
  Status st =
      ReadLeafChunk(desc, Codec::kUncompressed, SerializePageHeader(h) + body, 3, kWhere, &leaf);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(leaf.rep_levels, (std::vector<int16_t>{0, 1, 0}));
  EXPECT_EQ(leaf.def_levels, (std::vector<int16_t>{2, 2, 0}));
  EXPECT_EQ(leaf.values->size(), 2);
}

TEST(ReadLeafChunk, LevelAboveTheMaximumIsAnError) {
  // Two bits per level hold up to 3 where the maximum is 2.
  auto desc = Describe(LogicalType::Integer(), Type::kInt32, 2, 0);
  std::string chunk = DataPageV1(2, Encoding::kPlain, "", RleLevels({2, 3}, 2), PlainInt32({5}));
  LeafChunk leaf;
  Status st = ReadLeafChunk(desc, Codec::kUncompressed, chunk, 2, kWhere, &leaf);
  EXPECT_EQ(st.code(), StatusCode::kInvalidData);
  EXPECT_EQ(st.message(), kWhere + ": definition level 3 above the maximum 2");
}

TEST(ReadLeafChunk, RepetitionLevelAboveTheMaximumIsAnError) {
  auto desc = Describe(LogicalType::Integer(), Type::kInt32, 2, 2);
  std::string chunk =
      DataPageV1(2, Encoding::kPlain, RleLevels({0, 3}, 2), RleLevels({0, 0}, 2), "");
  LeafChunk leaf;
  Status st = ReadLeafChunk(desc, Codec::kUncompressed, chunk, 2, kWhere, &leaf);
  EXPECT_EQ(st.message(), kWhere + ": repetition level 3 above the maximum 2");
}

TEST(ReadLeafChunk, ChunkMustStartARow) {
  auto desc = Describe(LogicalType::Integer(), Type::kInt32, 1, 1);
  std::string chunk =
      DataPageV1(2, Encoding::kPlain, RleLevels({1, 0}, 1), RleLevels({0, 0}, 1), "");
  LeafChunk leaf;
  Status st = ReadLeafChunk(desc, Codec::kUncompressed, chunk, 2, kWhere, &leaf);
  EXPECT_EQ(st.message(), kWhere + ": column chunk starts inside a row (repetition level 1)");
}

TEST(ReadLeafChunk, MissingLevelSectionIsAnError) {
  auto desc = Describe(LogicalType::Integer(), Type::kInt32, 1, 1);
  std::string chunk = DataPageV2(2, 0, 1, Encoding::kPlain, "", RleLevels({1, 1}, 1),
                                 PlainInt32({1, 2}));
  LeafChunk leaf;
  Status st = ReadLeafChunk(desc, Codec::kUncompressed, chunk, 2, kWhere, &leaf);
  EXPECT_EQ(st.message(),
            kWhere + ": repetition levels: RLE/bit-packed data ends inside a run header");
}

TEST(ReadLeafChunk, PageWithMoreValuesThanTheChunkIsAnError) {
  auto desc = Describe(LogicalType::Integer(), Type::kInt32, 0, 0);
  std::string chunk = DataPageV1(3, Encoding::kPlain, "", "", PlainInt32({1, 2, 3}));
  LeafChunk leaf;
  Status st = ReadLeafChunk(desc, Codec::kUncompressed, chunk, 2, kWhere, &leaf);
  EXPECT_EQ(st.message(), kWhere + ": data page claims 3 values where 2 are left");
}

TEST(ReadLeafChunk, ChunkEndingEarlyIsAnError) {
  auto desc = Describe(LogicalType::Integer(), Type::kInt32, 0, 0);
  std::string chunk = DataPageV1(3, Encoding::kPlain, "", "", PlainInt32({1, 2, 3}));
  LeafChunk leaf;
  Status st = ReadLeafChunk(desc, Codec::kUncompressed, chunk, 5, kWhere, &leaf);
  EXPECT_EQ(st.message(), kWhere + ": column chunk ends after 3 of 5 values");
  st = ReadLeafChunk(desc, Codec::kUncompressed, chunk, -1, kWhere, &leaf);
  EXPECT_EQ(st.message(), kWhere + ": column chunk claims -1 values");
}

TEST(ReadLeafChunk, ChunkOfOnlyADictionaryIsAnError) {
  auto desc = Describe(LogicalType::Integer(), Type::kInt32, 0, 0);
  LeafChunk leaf;
  Status st = ReadLeafChunk(desc, Codec::kUncompressed, DictionaryPage(1, PlainInt32({1})), 1,
                            kWhere, &leaf);
  EXPECT_EQ(st.message(), kWhere + ": column chunk ends after 0 of 1 values");
}

TEST(ReadLeafChunk, DictionaryIndexPastTheDictionaryIsAnError) {
  auto desc = Describe(LogicalType::Integer(), Type::kInt32, 0, 0);
  std::string chunk = DictionaryPage(2, PlainInt32({10, 20})) +
                      DataPageV1(2, Encoding::kRleDictionary, "", "", DictionaryIndices({1, 2}, 2));
  LeafChunk leaf;
  Status st = ReadLeafChunk(desc, Codec::kUncompressed, chunk, 2, kWhere, &leaf);
  EXPECT_EQ(st.message(), kWhere + ": dictionary index 2 past the dictionary's 2 entries");
}

TEST(ReadLeafChunk, DictionaryEncodingWithoutADictionaryIsAnError) {
  auto desc = Describe(LogicalType::Integer(), Type::kInt32, 0, 0);
  std::string chunk = DataPageV1(1, Encoding::kRleDictionary, "", "", DictionaryIndices({0}, 1));
  LeafChunk leaf;
  Status st = ReadLeafChunk(desc, Codec::kUncompressed, chunk, 1, kWhere, &leaf);
  EXPECT_EQ(st.message(), kWhere + ": dictionary-encoded page without a dictionary");
}

TEST(ReadLeafChunk, DictionaryPageInAnotherEncodingIsNotImplemented) {
  auto desc = Describe(LogicalType::Integer(), Type::kInt32, 0, 0);
  PageHeader h;
  h.type = PageType::kDictionaryPage;
  h.uncompressed_page_size = h.compressed_page_size = 4;
  h.dictionary_page_header = DictionaryPageHeader{1, Encoding::kDeltaBinaryPacked, std::nullopt};
  std::string chunk = SerializePageHeader(h) + PlainInt32({1}) +
                      DataPageV1(1, Encoding::kPlain, "", "", PlainInt32({1}));
  LeafChunk leaf;
  Status st = ReadLeafChunk(desc, Codec::kUncompressed, chunk, 1, kWhere, &leaf);
  EXPECT_EQ(st.code(), StatusCode::kNotImplemented);
  EXPECT_EQ(st.message(), kWhere + ": dictionary page encoding DELTA_BINARY_PACKED");
}

TEST(ReadColumnChunk, SpreadsNullsBetweenPlainAndDictionaryValues) {
  auto desc = Describe(LogicalType::Varchar(), Type::kByteArray, 1, 0);
  std::string chunk =
      DictionaryPage(2, PlainStrings({"a", "b"})) +
      DataPageV1(3, Encoding::kRleDictionary, "", RleLevels({1, 0, 1}, 1),
                 DictionaryIndices({1, 0}, 1)) +
      DataPageV2(3, 1, 3, Encoding::kPlain, "", RleLevels({0, 1, 1}, 1), PlainStrings({"x", "y"})) +
      DataPageV1(2, Encoding::kPlain, "", RleLevels({1, 1}, 1), PlainStrings({"p", "q"}));
  Column out(LogicalType::Varchar());
  Status st = ReadColumnChunk(desc, Codec::kUncompressed, chunk, 8, kWhere, &out);
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_EQ(out.size(), 8);
  std::vector<std::string> got;
  for (int64_t i = 0; i < out.size(); ++i) {
    got.push_back(out.IsNull(i) ? "NULL" : std::string(out.GetString(i)));
  }
  EXPECT_EQ(got, (std::vector<std::string>{"b", "NULL", "a", "NULL", "x", "y", "p", "q"}));
}

TEST(ReadColumnChunk, AppendsAfterWhatTheColumnHeld) {
  auto desc = Describe(LogicalType::BigInt(), Type::kInt64, 1, 0);
  std::string chunk = DataPageV1(2, Encoding::kPlain, "", RleLevels({0, 1}, 1), PlainInt64({9}));
  Column out(LogicalType::BigInt());
  out.AppendFixed<int64_t>(1);
  ASSERT_TRUE(ReadColumnChunk(desc, Codec::kUncompressed, chunk, 2, kWhere, &out).ok());
  ASSERT_EQ(out.size(), 3);
  EXPECT_TRUE(out.IsNull(1));
  EXPECT_EQ(out.GetFixed<int64_t>(2), 9);
}

TEST(ReadColumnChunk, SkipsIndexPages) {
  auto desc = Describe(LogicalType::Integer(), Type::kInt32, 0, 0);
  PageHeader index;
  index.type = PageType::kIndexPage;
  index.uncompressed_page_size = index.compressed_page_size = 3;
  std::string chunk = SerializePageHeader(index) + "abc" +
                      DataPageV1(1, Encoding::kPlain, "", "", PlainInt32({4}));
  Column out(LogicalType::Integer());
  ASSERT_TRUE(ReadColumnChunk(desc, Codec::kUncompressed, chunk, 1, kWhere, &out).ok());
  EXPECT_EQ(out.GetFixed<int32_t>(0), 4);
}

}  // namespace
}  // namespace inlet::parquet

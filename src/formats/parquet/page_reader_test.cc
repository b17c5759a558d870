#include "formats/parquet/page_reader.h"

#include <gtest/gtest.h>

#include "formats/parquet/page_test_util.h"

namespace inlet::parquet {
namespace {

using namespace page_test;  // NOLINT

const std::string kWhere = "t.parquet: column \"c\"";

ColumnDescriptor Describe(int16_t max_def, int16_t max_rep) {
  ColumnDescriptor d;
  d.name = "c";
  d.type = LogicalType::Integer();
  d.physical = Type::kInt32;
  d.max_definition_level = max_def;
  d.max_repetition_level = max_rep;
  return d;
}

std::string PageWithHeader(PageHeader h, const std::string& body) {
  if (h.compressed_page_size == 0) h.compressed_page_size = static_cast<int32_t>(body.size());
  if (h.uncompressed_page_size == 0) h.uncompressed_page_size = static_cast<int32_t>(body.size());
  return SerializePageHeader(h) + body;
}

PageHeader V1Header(int32_t num_values, Encoding level_encoding = Encoding::kRle) {
  PageHeader h;
  h.type = PageType::kDataPage;
  h.data_page_header = DataPageHeader{num_values, Encoding::kPlain, level_encoding, level_encoding};
  return h;
}

Status NextError(const ColumnDescriptor& desc, const std::string& chunk,
                 Codec codec = Codec::kUncompressed) {
  PageReader reader(desc, codec, chunk, kWhere);
  Page page;
  return reader.Next(&page);
}

TEST(PageReader, SplitsV1Sections) {
  auto desc = Describe(1, 1);
  std::string chunk = DataPageV1(2, Encoding::kPlain, "RR", "DDD", "values");
  PageReader reader(desc, Codec::kUncompressed, chunk, kWhere);
  Page page;
  ASSERT_TRUE(reader.Next(&page).ok());
  EXPECT_EQ(page.type, PageType::kDataPage);
  EXPECT_EQ(page.num_values, 2);
  EXPECT_EQ(page.rep_levels, "RR");
  EXPECT_EQ(page.def_levels, "DDD");
  EXPECT_EQ(page.values, "values");
  EXPECT_TRUE(reader.AtEnd());
  // Uncompressed values are not copied.
  EXPECT_GE(page.values.data(), chunk.data());
  EXPECT_LT(page.values.data(), chunk.data() + chunk.size());
}

TEST(PageReader, SplitsV2SectionsAndSkipsLevelsTheColumnHasNoUseFor) {
  std::string chunk =
      DataPageV2(3, 0, 3, Encoding::kPlain, "RR", "DDD", "compressed values", Codec::kZstd);
  auto desc = Describe(0, 0);
  PageReader reader(desc, Codec::kZstd, chunk, kWhere);
  Page page;
  ASSERT_TRUE(reader.Next(&page).ok());
  EXPECT_EQ(page.type, PageType::kDataPageV2);
  EXPECT_TRUE(page.rep_levels.empty());
  EXPECT_TRUE(page.def_levels.empty());
  EXPECT_EQ(page.values, "compressed values");
}

TEST(PageReader, SizesOutsideTheChunkOrLimitAreErrors) {
  PageHeader h = V1Header(1);
  h.compressed_page_size = 100;
  h.uncompressed_page_size = 4;
  EXPECT_EQ(NextError(Describe(0, 0), PageWithHeader(h, "abcd")).message(),
            kWhere + ": page of 100 bytes runs past the end of the column chunk");
  h.compressed_page_size = -1;
  EXPECT_EQ(NextError(Describe(0, 0), PageWithHeader(h, "abcd")).message(),
            kWhere + ": page of -1 bytes runs past the end of the column chunk");
  h.compressed_page_size = 4;
  h.uncompressed_page_size = (256 << 20) + 1;
  EXPECT_EQ(NextError(Describe(0, 0), PageWithHeader(h, "abcd")).message(),
            kWhere + ": page claims 268435457 bytes uncompressed; inlet reads pages of up to 256 MiB");
  EXPECT_EQ(NextError(Describe(0, 0), "\x15").code(), StatusCode::kInvalidData);
}

TEST(PageReader, MissingHeadersAreErrors) {
  PageHeader dictionary;
  dictionary.type = PageType::kDictionaryPage;
  EXPECT_EQ(NextError(Describe(0, 0), PageWithHeader(dictionary, "x")).message(),
            kWhere + ": dictionary page without its header");
  dictionary.dictionary_page_header = DictionaryPageHeader{-3, Encoding::kPlain, std::nullopt};
  EXPECT_EQ(NextError(Describe(0, 0), PageWithHeader(dictionary, "x")).message(),
            kWhere + ": dictionary page claims -3 values");
  PageHeader v1;
  v1.type = PageType::kDataPage;
  EXPECT_EQ(NextError(Describe(0, 0), PageWithHeader(v1, "x")).message(),
            kWhere + ": data page without its header");
  PageHeader v2;
  v2.type = PageType::kDataPageV2;
  EXPECT_EQ(NextError(Describe(0, 0), PageWithHeader(v2, "x")).message(),
            kWhere + ": data page without its header");
}

TEST(PageReader, ChunkOfOnlyIndexPagesIsAnError) {
  PageHeader index;
  index.type = PageType::kIndexPage;
  EXPECT_EQ(NextError(Describe(0, 0), PageWithHeader(index, "abc")).message(),
            kWhere + ": column chunk ends without another data page");
}

TEST(PageReader, V1LevelSectionErrors) {
  auto desc = Describe(1, 0);
  EXPECT_EQ(NextError(desc, PageWithHeader(V1Header(1), "ab")).message(),
            kWhere + ": data page ends before its definition levels");
  EXPECT_EQ(NextError(desc, PageWithHeader(V1Header(1), Le32(9) + "abc")).message(),
            kWhere + ": definition levels of 9 bytes run past the page");
  // 20 levels of 2 bits take 5 bytes of BIT_PACKED.
  EXPECT_EQ(NextError(Describe(3, 3), PageWithHeader(V1Header(20, Encoding::kBitPacked), "abcd"))
                .message(),
            kWhere + ": repetition levels of 5 bytes run past the page");
  Status st = NextError(desc, PageWithHeader(V1Header(1, Encoding::kPlain), "abcdef"));
  EXPECT_EQ(st.code(), StatusCode::kNotImplemented);
  EXPECT_EQ(st.message(), kWhere + ": definition level encoding PLAIN");
}

TEST(PageReader, V2LevelLengthErrors) {
  PageHeader h;
  h.type = PageType::kDataPageV2;
  h.data_page_header_v2 = DataPageHeaderV2{1, 0, 1, Encoding::kPlain, 3, 3, true};
  EXPECT_EQ(NextError(Describe(1, 1), PageWithHeader(h, "abcde")).message(),
            kWhere + ": data page v2 level lengths exceed the page");
  h.data_page_header_v2 = DataPageHeaderV2{1, 0, 1, Encoding::kPlain, -1, 0, true};
  EXPECT_EQ(NextError(Describe(1, 1), PageWithHeader(h, "abcde")).message(),
            kWhere + ": data page v2 level lengths exceed the page");
  h.data_page_header_v2 = DataPageHeaderV2{1, 0, 1, Encoding::kPlain, 2, 2, true};
  h.uncompressed_page_size = 3;
  EXPECT_EQ(NextError(Describe(1, 1), PageWithHeader(h, "abcde"), Codec::kSnappy).message(),
            kWhere + ": data page v2 sizes are inconsistent");
}

TEST(PageReader, DecompressionErrorsNameTheColumn) {
  PageHeader h = V1Header(1);
  h.uncompressed_page_size = 10;
  EXPECT_EQ(NextError(Describe(0, 0), PageWithHeader(h, "abcd"), Codec::kLz4Raw).message(),
            kWhere + ": corrupt LZ4_RAW page, or not of 10 bytes");
  EXPECT_EQ(NextError(Describe(0, 0), PageWithHeader(h, "abcd"), Codec::kLzo).message(),
            kWhere + ": LZO-compressed Parquet is not supported");
}

}  // namespace
}  // namespace inlet::parquet

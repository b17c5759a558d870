// Our page index reader against another implementation's: for every file of hyparquet's corpus
// that comes with `<name>.column_indexes.json` / `<name>.offset_indexes.json` (what hyparquet's
// readColumnIndex / readOffsetIndex return, one entry per column chunk, null where a chunk has
// none), inlet parses the file's page index and must find the same lists, counts and bounds.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "formats/parquet/page_index.h"
#include "formats/parquet/parquet_corpus_json.h"
#include "formats/parquet/parquet_reader.h"
#include "formats/parquet/parquet_schema.h"
#include "formats/parquet/writer_test_util.h"

namespace inlet::parquet {
namespace {

namespace fs = std::filesystem;
using simdjson::dom::element;

constexpr const char* kFilesWithPageIndexes[] = {
    "adam_genotypes",
    "delta_encoding_required_column",
    "dictionary_offset_indexed",
    "duckdb4442",
    "duckdb5533",
    "incorrect_map_schema",
    "offset_index_no_dict_offset",
    "offset_indexed",
    "page_index",
    "plain-dict-uncompressed-checksum",
};

fs::path HyparquetFiles() {
  const char* source_dir = std::getenv("INLET_SOURCE_DIR");
  return fs::path(source_dir == nullptr ? "." : source_dir) / ".." / "shared" / "testdata" /
         "hyparquet" / "test" / "files";
}

std::string FileBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

int64_t JsonInt(element e) {
  int64_t v = -1;
  EXPECT_EQ(e.get_int64().get(v), simdjson::SUCCESS) << simdjson::minify(e);
  return v;
}

// The member `key` of an object; false when it has none.
bool Member(element e, const char* key, element* out) {
  return e.at_key(key).get(*out) == simdjson::SUCCESS;
}

simdjson::dom::array Array(element e) {
  simdjson::dom::array out;
  EXPECT_EQ(e.get_array().get(out), simdjson::SUCCESS) << simdjson::minify(e);
  return out;
}

element Item(element e, size_t i) {
  element out;
  EXPECT_EQ(e.at(i).get(out), simdjson::SUCCESS) << i;
  return out;
}

const char* BoundaryOrderName(BoundaryOrder order) {
  switch (order) {
    case BoundaryOrder::kUnordered:
      return "UNORDERED";
    case BoundaryOrder::kAscending:
      return "ASCENDING";
    case BoundaryOrder::kDescending:
      return "DESCENDING";
  }
  return "?";
}

void ExpectSameOffsetIndex(const std::optional<OffsetIndex>& got, element expected) {
  if (expected.is_null()) {
    EXPECT_FALSE(got.has_value());
    return;
  }
  ASSERT_TRUE(got.has_value());
  element pages_json;
  ASSERT_TRUE(Member(expected, "page_locations", &pages_json));
  simdjson::dom::array pages = Array(pages_json);
  ASSERT_EQ(got->page_locations.size(), pages.size());
  size_t p = 0;
  for (element page : pages) {
    SCOPED_TRACE("page " + std::to_string(p));
    const PageLocation& location = got->page_locations[p++];
    element offset, size, first_row;
    ASSERT_TRUE(Member(page, "offset", &offset) && Member(page, "compressed_page_size", &size) &&
                Member(page, "first_row_index", &first_row));
    EXPECT_EQ(location.offset, JsonInt(offset));
    EXPECT_EQ(location.compressed_page_size, JsonInt(size));
    EXPECT_EQ(location.first_row_index, JsonInt(first_row));
  }
}

void ExpectSameColumnIndex(const std::optional<ColumnIndex>& got, element expected,
                           const ColumnDescriptor& leaf) {
  if (expected.is_null()) {
    EXPECT_FALSE(got.has_value());
    return;
  }
  ASSERT_TRUE(got.has_value());
  element order_json, null_pages_json, mins_json, maxes_json, null_counts_json;
  ASSERT_TRUE(Member(expected, "boundary_order", &order_json) &&
              Member(expected, "null_pages", &null_pages_json) &&
              Member(expected, "min_values", &mins_json) &&
              Member(expected, "max_values", &maxes_json));
  std::string_view order;
  ASSERT_EQ(order_json.get_string().get(order), simdjson::SUCCESS);
  EXPECT_EQ(BoundaryOrderName(got->boundary_order), order);
  simdjson::dom::array null_pages = Array(null_pages_json);
  ASSERT_EQ(got->null_pages.size(), null_pages.size());
  const bool has_null_counts = Member(expected, "null_counts", &null_counts_json);
  ASSERT_EQ(got->null_counts.has_value(), has_null_counts);
  simdjson::dom::array mins = Array(mins_json);
  simdjson::dom::array maxes = Array(maxes_json);
  ASSERT_EQ(mins.size(), null_pages.size());
  ASSERT_EQ(maxes.size(), null_pages.size());
  for (size_t p = 0; p < null_pages.size(); ++p) {
    SCOPED_TRACE("page " + std::to_string(p));
    bool null_page = false;
    ASSERT_EQ(Item(null_pages_json, p).get_bool().get(null_page), simdjson::SUCCESS);
    EXPECT_EQ(got->null_pages[p], null_page);
    if (has_null_counts) {
      EXPECT_EQ((*got->null_counts)[p], JsonInt(Item(null_counts_json, p)));
    }
    // A page of NULLs has empty bounds, which hyparquet decodes into placeholders.
    if (null_page) continue;
    for (auto [bytes, json] : {std::pair{&got->min_values[p], Item(mins_json, p)},
                               std::pair{&got->max_values[p], Item(maxes_json, p)}}) {
      auto bound = parquet_test::DecodeBound(leaf, *bytes);
      ASSERT_TRUE(bound.ok()) << bound.status().ToString();
      EXPECT_EQ(parquet_corpus::JsonMismatch(*bound, json,
                                             parquet_corpus::JsonConvention::kHyparquet, true),
                "");
    }
  }
}

class HyparquetPageIndex : public ::testing::TestWithParam<const char*> {};

TEST_P(HyparquetPageIndex, SameAsHyparquetReads) {
  const std::string name = GetParam();
  const fs::path dir = HyparquetFiles();
  const std::string bytes = FileBytes(dir / (name + ".parquet"));
  ASSERT_FALSE(bytes.empty()) << "missing " << (dir / (name + ".parquet"));
  auto reader = ParquetFileReader::Open(std::make_shared<MemoryRandomAccessFile>(bytes), name);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  const FileMetaData& meta = (*reader)->metadata();
  auto tree = ReadSchemaTree(meta.schema, name, LeafTypeOptions{});
  ASSERT_TRUE(tree.ok()) << tree.status().ToString();

  simdjson::dom::parser column_parser;
  simdjson::dom::parser offset_parser;
  element column_json;
  element offset_json;
  const bool has_column_json = fs::exists(dir / (name + ".column_indexes.json"));
  if (has_column_json) {
    ASSERT_EQ(column_parser.load((dir / (name + ".column_indexes.json")).string()).get(column_json),
              simdjson::SUCCESS);
  }
  ASSERT_EQ(offset_parser.load((dir / (name + ".offset_indexes.json")).string()).get(offset_json),
            simdjson::SUCCESS);
  ASSERT_EQ(Array(offset_json).size(), meta.row_groups.size());
  if (has_column_json) {
    ASSERT_EQ(Array(column_json).size(), meta.row_groups.size());
  }
  size_t pages = 0;
  for (size_t g = 0; g < meta.row_groups.size(); ++g) {
    const element offsets = Item(offset_json, g);
    ASSERT_EQ(Array(offsets).size(), meta.row_groups[g].columns.size());
    for (size_t c = 0; c < meta.row_groups[g].columns.size(); ++c) {
      SCOPED_TRACE("row group " + std::to_string(g) + ", column " + std::to_string(c));
      auto index = ReadChunkPageIndex(bytes, meta.row_groups[g].columns[c]);
      ASSERT_TRUE(index.ok()) << index.status().ToString();
      ExpectSameOffsetIndex(index->offset_index, Item(offsets, c));
      if (index->offset_index) pages += index->offset_index->page_locations.size();
      if (has_column_json) {
        ExpectSameColumnIndex(index->column_index, Item(Item(column_json, g), c), tree->leaves[c]);
      }
    }
  }
  EXPECT_GT(pages, 0u);
}

INSTANTIATE_TEST_SUITE_P(Files, HyparquetPageIndex, ::testing::ValuesIn(kFilesWithPageIndexes),
                         [](const testing::TestParamInfo<const char*>& info) {
                           std::string name = info.param;
                           for (char& ch : name) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace inlet::parquet

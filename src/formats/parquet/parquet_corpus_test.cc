// The Parquet correctness corpus: every file of parquet-testing's data/ and of hyparquet's test
// files is read through ParquetFileReader with all columns, and every value is compared with
// what another reader saw: hyparquet's <name>.json expected rows, DuckDB (the oracle) for
// parquet-testing, or rows transcribed from the file's .md where DuckDB cannot read it. One table,
// kCorpus, says what inlet does with each file; docs/parquet-support.md lists the same
// not-yet-supported files. The test fails when a file listed as read fails or reads different
// values, and when a file listed as unsupported starts reading (remove it from both tables).
#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "formats/parquet/parquet_corpus_json.h"
#include "formats/parquet/parquet_reader.h"
#include "test/util/duckdb_oracle.h"

namespace inlet {
namespace {

namespace fs = std::filesystem;
using parquet_corpus::JsonConvention;
using parquet_corpus::JsonMismatch;

struct CorpusFile {
  /// Below ../shared/testdata.
  const char* path;
  /// nullptr when inlet reads the file. Otherwise a part of the error inlet gives instead:
  /// NotImplemented for what inlet does not support yet, InvalidData for a file that breaks the
  /// format or a limit (docs/parquet-support.md says which).
  const char* refused = nullptr;
  /// For files DuckDB cannot read: every row as DuckDB's oracle would print it, transcribed from
  /// the file's .md ...
  const char* expected_rows = nullptr;
  /// ... or another file of parquet-testing/data with the same rows, which DuckDB reads.
  const char* same_rows_as = nullptr;
  /// Why no reader checks the values of a file inlet reads.
  const char* unverified = nullptr;
};

constexpr const char* kEncrypted = "encrypted Parquet files are not supported";
constexpr const char* kVariantNotDecoded =
    "VARIANT: inlet reads the storage STRUCT<metadata, value, typed_value>, hyparquet decodes "
    "the variant values";

void PrintTo(const CorpusFile& file, std::ostream* out) { *out << file.path; }

// clang-format off
const CorpusFile kCorpus[] = {
    {"hyparquet/test/files/adam_genotypes.parquet"},
    {"hyparquet/test/files/alpha.parquet"},
    {"hyparquet/test/files/bloom_filter.parquet"},
    {"hyparquet/test/files/boolean_rle.parquet"},
    {"hyparquet/test/files/brotli_compressed.parquet"},
    {"hyparquet/test/files/byte_array_decimal.parquet"},
    {"hyparquet/test/files/byte_stream_split.zstd.parquet"},
    {"hyparquet/test/files/byte_stream_split_extended.gzip.parquet"},
    {"hyparquet/test/files/byte_stream_split_v2.parquet"},
    {"hyparquet/test/files/concatenated_gzip_members.parquet"},
    {"hyparquet/test/files/continued_page.parquet"},
    {"hyparquet/test/files/datapage_v2.snappy.parquet"},
    {"hyparquet/test/files/decimal-column.parquet"},
    {"hyparquet/test/files/delta_binary_packed.parquet"},
    {"hyparquet/test/files/delta_byte_array.parquet"},
    {"hyparquet/test/files/delta_encoding_optional_column.parquet"},
    {"hyparquet/test/files/delta_encoding_required_column.parquet"},
    {"hyparquet/test/files/delta_length_byte_array.parquet"},
    {"hyparquet/test/files/dictionary_offset_indexed.parquet"},
    {"hyparquet/test/files/duckdb2557.parquet"},
    {"hyparquet/test/files/duckdb3734.parquet"},
    {"hyparquet/test/files/duckdb4442.parquet"},
    {"hyparquet/test/files/duckdb5533.parquet"},
    {"hyparquet/test/files/duckdb_delta_binary_packed.parquet"},
    {"hyparquet/test/files/duckdb_delta_length_byte_array.parquet"},
    {"hyparquet/test/files/fixed_length_decimal.parquet"},
    {"hyparquet/test/files/float16_nonzeros_and_nans.parquet"},
    {"hyparquet/test/files/geoparquet.parquet"},
    {"hyparquet/test/files/geospatial.parquet"},
    {"hyparquet/test/files/hadoop_lz4_compressed.parquet"},
    {"hyparquet/test/files/hyparquet_struct.parquet"},
    {"hyparquet/test/files/incorrect_map_schema.parquet"},
    {"hyparquet/test/files/issue115decimal.parquet"},
    {"hyparquet/test/files/issue23.parquet"},
    {"hyparquet/test/files/issue72.parquet"},
    {"hyparquet/test/files/issue90.parquet"},
    {"hyparquet/test/files/issue97.parquet"},
    {"hyparquet/test/files/lz4_raw_compressed.parquet"},
    {"hyparquet/test/files/mostlyempty.parquet"},
    {"hyparquet/test/files/nested_structs.rust.parquet"},
    {"hyparquet/test/files/nonnullable.impala.parquet"},
    {"hyparquet/test/files/nullable.impala.parquet"},
    {"hyparquet/test/files/offset_index_no_dict_offset.parquet"},
    {"hyparquet/test/files/offset_indexed.parquet"},
    {"hyparquet/test/files/page_index.parquet"},
    {"hyparquet/test/files/plain-dict-uncompressed-checksum.parquet"},
    {"hyparquet/test/files/repeated_no_annotation.parquet"},
    {"hyparquet/test/files/rle_boolean_encoding.parquet"},
    {"hyparquet/test/files/rowend_struct.parquet"},
    {"hyparquet/test/files/rowgroups.parquet"},
    {.path = "hyparquet/test/files/shredded-array.parquet",
     .unverified = kVariantNotDecoded},
    {.path = "hyparquet/test/files/shredded-bool.parquet",
     .unverified = kVariantNotDecoded},
    {.path = "hyparquet/test/files/shredded-int.parquet",
     .unverified = kVariantNotDecoded},
    {.path = "hyparquet/test/files/shredded-nested-object.parquet",
     .unverified = kVariantNotDecoded},
    {.path = "hyparquet/test/files/shredded-object.parquet",
     .unverified = kVariantNotDecoded},
    {.path = "hyparquet/test/files/shredded-partial-object.parquet",
     .unverified = kVariantNotDecoded},
    {.path = "hyparquet/test/files/shredded-sparse-timestamp.parquet",
     .unverified = kVariantNotDecoded},
    {.path = "hyparquet/test/files/shredded-type-mismatch.parquet",
     .unverified = kVariantNotDecoded},
    {"hyparquet/test/files/signs.parquet"},
    {"hyparquet/test/files/strings.parquet"},
    {"hyparquet/test/files/struct_offset_index.parquet"},
    {"hyparquet/test/files/struct_strings.parquet"},
    {"hyparquet/test/files/uuid.parquet"},
    {.path = "parquet-testing/data/aes256/encrypt_columns_and_footer.parquet.encrypted",
     .refused = kEncrypted},
    {.path = "parquet-testing/data/aes256/encrypt_columns_and_footer_ctr.parquet.encrypted",
     .refused = kEncrypted},
    {.path = "parquet-testing/data/aes256/encrypt_columns_and_footer_disable_aad_storage.parquet.encrypted",
     .refused = kEncrypted},
    {.path = "parquet-testing/data/aes256/encrypt_columns_plaintext_footer.parquet.encrypted",
     .refused = kEncrypted},
    {.path = "parquet-testing/data/aes256/uniform_encryption.parquet.encrypted",
     .refused = kEncrypted},
    {"parquet-testing/data/alltypes_dictionary.parquet"},
    {"parquet-testing/data/alltypes_plain.parquet"},
    {"parquet-testing/data/alltypes_plain.snappy.parquet"},
    {"parquet-testing/data/alltypes_tiny_pages.parquet"},
    {"parquet-testing/data/alltypes_tiny_pages_plain.parquet"},
    {"parquet-testing/data/binary.parquet"},
    {"parquet-testing/data/binary_truncated_min_max.parquet"},
    {"parquet-testing/data/byte_array_decimal.parquet"},
    {"parquet-testing/data/byte_stream_split.zstd.parquet"},
    {"parquet-testing/data/byte_stream_split_extended.gzip.parquet"},
    {"parquet-testing/data/column_chunk_key_value_metadata.parquet"},
    {"parquet-testing/data/concatenated_gzip_members.parquet"},
    {"parquet-testing/data/data_index_bloom_encoding_stats.parquet"},
    {"parquet-testing/data/data_index_bloom_encoding_with_length.parquet"},
    {"parquet-testing/data/datapage_v1-corrupt-checksum.parquet"},
    {"parquet-testing/data/datapage_v1-snappy-compressed-checksum.parquet"},
    {"parquet-testing/data/datapage_v1-uncompressed-checksum.parquet"},
    {"parquet-testing/data/datapage_v2.snappy.parquet"},
    {"parquet-testing/data/datapage_v2_empty_datapage.snappy.parquet"},
    {"parquet-testing/data/delta_binary_packed.parquet"},
    {"parquet-testing/data/delta_byte_array.parquet"},
    {"parquet-testing/data/delta_encoding_optional_column.parquet"},
    {"parquet-testing/data/delta_encoding_required_column.parquet"},
    {"parquet-testing/data/delta_length_byte_array.parquet"},
    {"parquet-testing/data/dict-page-offset-zero.parquet"},
    {.path = "parquet-testing/data/encrypt_columns_and_footer.parquet.encrypted",
     .refused = kEncrypted},
    {.path = "parquet-testing/data/encrypt_columns_and_footer_aad.parquet.encrypted",
     .refused = kEncrypted},
    {.path = "parquet-testing/data/encrypt_columns_and_footer_bloom_filter.parquet.encrypted",
     .refused = kEncrypted},
    {.path = "parquet-testing/data/encrypt_columns_and_footer_ctr.parquet.encrypted",
     .refused = kEncrypted},
    {.path = "parquet-testing/data/encrypt_columns_and_footer_disable_aad_storage.parquet.encrypted",
     .refused = kEncrypted},
    {.path = "parquet-testing/data/encrypt_columns_plaintext_footer.parquet.encrypted",
     .refused = kEncrypted},
    {.path = "parquet-testing/data/external_key_material_java.parquet.encrypted",
     .refused = kEncrypted},
    {"parquet-testing/data/fixed_length_byte_array.parquet"},
    {"parquet-testing/data/fixed_length_decimal.parquet"},
    {"parquet-testing/data/fixed_length_decimal_legacy.parquet"},
    {"parquet-testing/data/float16_nonzeros_and_nans.parquet"},
    {"parquet-testing/data/float16_zeros_and_nans.parquet"},
    {"parquet-testing/data/floating_orders_nan_count.parquet"},
    {"parquet-testing/data/geospatial/crs-arbitrary-value.parquet"},
    {"parquet-testing/data/geospatial/crs-default.parquet"},
    {"parquet-testing/data/geospatial/crs-geography.parquet"},
    {"parquet-testing/data/geospatial/crs-projjson.parquet"},
    {"parquet-testing/data/geospatial/crs-srid.parquet"},
    {"parquet-testing/data/geospatial/geography-lines.parquet"},
    {"parquet-testing/data/geospatial/geography-points.parquet"},
    {"parquet-testing/data/geospatial/geography-polygons.parquet"},
    {"parquet-testing/data/geospatial/geospatial-with-nan.parquet"},
    {"parquet-testing/data/geospatial/geospatial.parquet"},
    {"parquet-testing/data/hadoop_lz4_compressed.parquet"},
    // DuckDB cannot read the deprecated LZ4 codec; the LZ4_RAW twins hold the same rows.
    {.path = "parquet-testing/data/hadoop_lz4_compressed_larger.parquet",
     .same_rows_as = "lz4_raw_compressed_larger.parquet"},
    {"parquet-testing/data/incorrect_map_schema.parquet"},
    {"parquet-testing/data/int32_decimal.parquet"},
    {"parquet-testing/data/int32_with_null_pages.parquet"},
    {"parquet-testing/data/int64_decimal.parquet"},
    {.path = "parquet-testing/data/int96_from_spark.parquet",
     // DuckDB wraps the year-290000 value around int64 nanoseconds; the .md gives microseconds.
     .expected_rows = R"([["2024-01-01 20:34:56.123456"], ["2024-01-01 01:00:00"],
                          ["9999-12-31 03:00:00"], ["2024-12-30 23:00:00"], [null],
                          ["290000-12-30 23:00:00"]])"},
    // Two rows of a 1 GiB string each: over the page size inlet bounds its memory by.
    {.path = "parquet-testing/data/large_string_map.brotli.parquet",
     .refused = "inlet reads pages of up to 256 MiB"},
    {"parquet-testing/data/list_columns.parquet"},
    {"parquet-testing/data/lz4_raw_compressed.parquet"},
    {"parquet-testing/data/lz4_raw_compressed_larger.parquet"},
    {.path = "parquet-testing/data/map_no_value.parquet",
     // A MAP of NULL values, a MAP without values (a list of its keys) and the same LIST.
     .expected_rows = R"([
       [[{"key": 1, "value": null}, {"key": 2, "value": null}, {"key": 3, "value": null}],
        [1, 2, 3], [1, 2, 3]],
       [[{"key": 4, "value": null}, {"key": 5, "value": null}, {"key": 6, "value": null}],
        [4, 5, 6], [4, 5, 6]],
       [[{"key": 7, "value": null}, {"key": 8, "value": null}, {"key": 9, "value": null}],
        [7, 8, 9], [7, 8, 9]]])"},
    {"parquet-testing/data/nan_in_stats.parquet"},
    // Malformed as its name says (Arrow refuses it; DuckDB reads past the column chunk).
    {.path = "parquet-testing/data/nation.dict-malformed.parquet",
     .refused = "runs past the end of the column chunk"},
    {"parquet-testing/data/nested_lists.snappy.parquet"},
    {"parquet-testing/data/nested_maps.snappy.parquet"},
    {"parquet-testing/data/nested_structs.rust.parquet"},
    {.path = "parquet-testing/data/non_hadoop_lz4_compressed.parquet",
     .same_rows_as = "lz4_raw_compressed.parquet"},
    {"parquet-testing/data/nonnullable.impala.parquet"},
    {"parquet-testing/data/null_list.parquet"},
    {"parquet-testing/data/nullable.impala.parquet"},
    {"parquet-testing/data/nulls.snappy.parquet"},
    {"parquet-testing/data/old_list_structure.parquet"},
    {"parquet-testing/data/overflow_i16_page_cnt.parquet"},
    {"parquet-testing/data/page_v2_empty_compressed.parquet"},
    {"parquet-testing/data/plain-dict-uncompressed-checksum.parquet"},
    {"parquet-testing/data/repeated_no_annotation.parquet"},
    {"parquet-testing/data/repeated_primitive_no_list.parquet"},
    {"parquet-testing/data/rle-dict-snappy-checksum.parquet"},
    {"parquet-testing/data/rle-dict-uncompressed-corrupt-checksum.parquet"},
    {"parquet-testing/data/rle_boolean_encoding.parquet"},
    {"parquet-testing/data/single_nan.parquet"},
    {"parquet-testing/data/sort_columns.parquet"},
    {.path = "parquet-testing/data/uniform_encryption.parquet.encrypted",
     .refused = kEncrypted},
    {"parquet-testing/data/unknown-logical-type.parquet"},
};
// clang-format on

fs::path TestDataRoot() {
  const char* source_dir = std::getenv("INLET_SOURCE_DIR");
  return fs::path(source_dir == nullptr ? "." : source_dir) / ".." / "shared" / "testdata";
}

bool ReadFileBytes(const fs::path& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

// What inlet reads from one file: all row groups, all columns, as Values.
struct InletReading {
  Status status;
  Schema schema;
  std::vector<std::vector<Value>> rows;
};

InletReading ReadWithInlet(const std::string& bytes, const std::string& display_name) {
  InletReading reading;
  auto reader =
      ParquetFileReader::Open(std::make_shared<MemoryRandomAccessFile>(bytes), display_name);
  if (!reader.ok()) {
    reading.status = reader.status();
    return reading;
  }
  reading.schema = (*reader)->schema();
  std::vector<int> all(reading.schema.num_fields());
  for (size_t c = 0; c < all.size(); ++c) all[c] = static_cast<int>(c);
  for (int g = 0; g < (*reader)->num_row_groups(); ++g) {
    auto batch = (*reader)->ReadRowGroup(g, all);
    if (!batch.ok()) {
      reading.status = batch.status();
      return reading;
    }
    for (int64_t r = 0; r < (*batch)->num_rows(); ++r) {
      std::vector<Value> row;
      for (const auto& column : (*batch)->columns()) row.push_back(column->GetValue(r));
      reading.rows.push_back(std::move(row));
    }
  }
  return reading;
}

// Compares inlet's rows with `expected` (a JSON array of rows, each an array of column values);
// returns the first difference, or "".
std::string FirstMismatch(const InletReading& got, simdjson::dom::element expected,
                          JsonConvention convention) {
  simdjson::dom::array rows;
  if (expected.get_array().get(rows) != simdjson::SUCCESS) return "the expectation is not an array";
  if (rows.size() != got.rows.size()) {
    std::string first_row;
    for (const Value& v : got.rows.empty() ? std::vector<Value>{} : got.rows[0]) {
      first_row += (first_row.empty() ? "" : ", ") + v.ToString();
    }
    return "expected " + std::to_string(rows.size()) + " rows, read " +
           std::to_string(got.rows.size()) + " (the first: " + first_row + ")";
  }
  size_t r = 0;
  for (simdjson::dom::element row : rows) {
    simdjson::dom::array cells;
    if (row.get_array().get(cells) != simdjson::SUCCESS || cells.size() != got.rows[r].size()) {
      return "row " + std::to_string(r) + ": expected " + simdjson::minify(row) + ", read " +
             std::to_string(got.rows[r].size()) + " columns";
    }
    size_t c = 0;
    for (simdjson::dom::element cell : cells) {
      std::string why =
          JsonMismatch(got.rows[r][c], cell, convention, got.schema.field(c).nullable);
      if (!why.empty()) {
        return "row " + std::to_string(r) + ", column \"" + got.schema.field(c).name + "\" (" +
               got.schema.field(c).type.ToString() + "): " + why;
      }
      ++c;
    }
    ++r;
  }
  return "";
}

// DuckDB's rows of `path` in file order, as one JSON array.
Result<std::string> DuckDbRows(const fs::path& path) {
  INLET_ASSIGN_OR_RETURN(
      std::vector<std::string> lines,
      RunDuckDbQuery("SELECT * EXCLUDE (file_row_number) FROM read_parquet('" + path.string() +
                     "', file_row_number = true, hive_partitioning = false) "
                     "ORDER BY file_row_number"));
  std::string out = "[";
  for (const std::string& line : lines) {
    if (line.empty()) continue;
    out += (out.size() > 1 ? "," : "") + line;
  }
  return out + "]";
}

class ParquetCorpus : public ::testing::TestWithParam<CorpusFile> {};

TEST_P(ParquetCorpus, ReadsAsListed) {
  const CorpusFile& entry = GetParam();
  fs::path path = TestDataRoot() / entry.path;
  std::string bytes;
  ASSERT_TRUE(ReadFileBytes(path, &bytes)) << "cannot read " << path;
  InletReading reading = ReadWithInlet(bytes, entry.path);

  if (entry.refused != nullptr) {
    ASSERT_FALSE(reading.status.ok())
        << entry.path << " now reads: remove its `refused` from kCorpus and its line from "
        << "docs/parquet-support.md";
    EXPECT_TRUE(reading.status.code() == StatusCode::kNotImplemented ||
                reading.status.code() == StatusCode::kInvalidData)
        << reading.status.ToString();
    EXPECT_NE(reading.status.message().find(entry.refused), std::string::npos)
        << reading.status.ToString() << "\ndoes not say \"" << entry.refused << "\"";
    EXPECT_NE(reading.status.message().find(entry.path), std::string::npos)
        << reading.status.ToString() << "\ndoes not name the file";
    return;
  }
  ASSERT_TRUE(reading.status.ok()) << reading.status.ToString();
  if (entry.unverified != nullptr) {
    std::printf("%s: read %zu rows, values not checked: %s\n", entry.path, reading.rows.size(),
                entry.unverified);
    return;
  }

  // The expectation, by preference: hyparquet's own rows for its files, rows transcribed from the
  // file's notes, DuckDB (reading this file or its twin), and hyparquet's rows of a file of the
  // same name.
  std::string expected_text;
  JsonConvention convention = JsonConvention::kDuckDb;
  std::string source;
  fs::path hyparquet_json =
      TestDataRoot() / "hyparquet/test/files" / (path.stem().string() + ".json");
  if (std::string(entry.path).rfind("hyparquet/", 0) == 0) {
    ASSERT_TRUE(ReadFileBytes(hyparquet_json, &expected_text)) << "cannot read " << hyparquet_json;
    convention = JsonConvention::kHyparquet;
    source = "hyparquet's " + hyparquet_json.filename().string();
  } else if (entry.expected_rows != nullptr) {
    expected_text = entry.expected_rows;
    source = "the rows in kCorpus (from the file's .md)";
  } else {
    fs::path oracle_path = entry.same_rows_as == nullptr
                               ? path
                               : TestDataRoot() / "parquet-testing/data" / entry.same_rows_as;
    Result<std::string> duckdb = DuckDbRows(oracle_path);
    if (duckdb.ok()) {
      expected_text = *duckdb;
      source = "DuckDB reading " + oracle_path.filename().string();
    } else {
      ASSERT_TRUE(ReadFileBytes(hyparquet_json, &expected_text))
          << duckdb.status().ToString()
          << "\nand no other expectation: give the file expected_rows or an unverified reason";
      convention = JsonConvention::kHyparquet;
      source = "hyparquet's " + hyparquet_json.filename().string();
    }
  }
  simdjson::dom::parser parser;
  simdjson::dom::element expected;
  ASSERT_EQ(parser.parse(expected_text).get(expected), simdjson::SUCCESS)
      << "the rows from " << source << " are not JSON";
  std::string mismatch = FirstMismatch(reading, expected, convention);
  EXPECT_EQ(mismatch, "") << entry.path << " differs from " << source;
}

std::string TestName(const ::testing::TestParamInfo<CorpusFile>& info) {
  std::string name;
  std::string path = info.param.path;
  for (const char* prefix : {"hyparquet/test/files/", "parquet-testing/"}) {
    if (path.rfind(prefix, 0) == 0) {
      name = prefix[0] == 'h' ? "hyparquet_" : "";
      path = path.substr(std::string(prefix).size());
    }
  }
  for (char c : path) name.push_back(std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Files, ParquetCorpus, ::testing::ValuesIn(kCorpus), TestName);

// kCorpus lists exactly the files of the two corpora, so a new file gets an entry.
TEST(ParquetCorpusTable, ListsEveryFile) {
  fs::path root = TestDataRoot();
  ASSERT_TRUE(fs::exists(root / "parquet-testing/data")) << "no testdata at " << root;
  std::set<std::string> on_disk;
  for (const auto& entry : fs::directory_iterator(root / "hyparquet/test/files")) {
    if (entry.path().extension() == ".parquet") {
      on_disk.insert(fs::relative(entry.path(), root).string());
    }
  }
  for (const auto& entry : fs::recursive_directory_iterator(root / "parquet-testing/data")) {
    std::string name = entry.path().filename().string();
    if (entry.is_regular_file() &&
        (entry.path().extension() == ".parquet" || name.ends_with(".parquet.encrypted"))) {
      on_disk.insert(fs::relative(entry.path(), root).string());
    }
  }
  std::set<std::string> listed;
  for (const CorpusFile& entry : kCorpus) {
    EXPECT_TRUE(listed.insert(entry.path).second) << entry.path << " is listed twice";
  }
  for (const std::string& path : on_disk) {
    EXPECT_TRUE(listed.count(path)) << path << " is not in kCorpus";
  }
  for (const std::string& path : listed) {
    EXPECT_TRUE(on_disk.count(path)) << path << " is in kCorpus but not on disk";
  }
}

}  // namespace
}  // namespace inlet

// The nested files of parquet-testing read as their documentation and DuckDB say: every legacy
// LIST and MAP form, structs, nulls at every level. (parquet_corpus_test.cc compares every file of
// the corpus with DuckDB; this spells out the nested ones.)
#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "formats/parquet/parquet_reader.h"

namespace inlet {
namespace {

struct NestedFile {
  const char* name;
  /// The file's schema as inlet infers it.
  const char* schema;
  /// Every row, its values as Value::ToString gives them, separated by " | ".
  std::vector<std::string> rows;
};

void PrintTo(const NestedFile& file, std::ostream* out) { *out << file.name; }

// clang-format off
const NestedFile kFiles[] = {
    {"nested_lists.snappy.parquet",
     "(a ARRAY<ARRAY<ARRAY<VARCHAR>>>, b INTEGER NOT NULL)",
     {"[[[a, b], [c]], [NULL, [d]]] | 1",
      "[[[a, b], [c, d]], [NULL, [e]]] | 1",
      "[[[a, b], [c, d], [e]], [NULL, [f]]] | 1"}},
    {"nested_maps.snappy.parquet",
     "(a MAP<VARCHAR, MAP<INTEGER, BOOLEAN NOT NULL>>, b INTEGER NOT NULL, c DOUBLE NOT NULL)",
     {"{a={1=true, 2=false}} | 1 | 1.0",
      "{b={1=true}} | 1 | 1.0",
      "{c=NULL} | 1 | 1.0",
      "{d={}} | 1 | 1.0",
      "{e={1=true}} | 1 | 1.0",
      "{f={3=true, 4=false, 5=true}} | 1 | 1.0"}},
    {"list_columns.parquet",
     "(int64_list ARRAY<BIGINT>, utf8_list ARRAY<VARCHAR>)",
     {"[1, 2, 3] | [abc, efg, hij]",
      "[NULL, 1] | NULL",
      "[4] | [efg, NULL, hij, xyz]"}},
    {"null_list.parquet",
     "(emptylist ARRAY<INTEGER>)",
     {"[]"}},
    {"old_list_structure.parquet",
     "(a ARRAY<ARRAY<INTEGER NOT NULL> NOT NULL> NOT NULL)",
     {"[[1, 2], [3, 4]]"}},
    {"repeated_no_annotation.parquet",
     "(id INTEGER NOT NULL, phoneNumbers STRUCT<phone: ARRAY<STRUCT<number: BIGINT NOT NULL, kind: VARCHAR> NOT NULL> NOT NULL>)",
     {"1 | NULL",
      "2 | NULL",
      "3 | {'phone': []}",
      "4 | {'phone': [{'number': 5555555555, 'kind': NULL}]}",
      "5 | {'phone': [{'number': 1111111111, 'kind': home}]}",
      "6 | {'phone': [{'number': 1111111111, 'kind': home}, {'number': 2222222222, 'kind': NULL}, {'number': 3333333333, 'kind': mobile}]}"}},
    {"repeated_primitive_no_list.parquet",
     "(Int32_list ARRAY<INTEGER NOT NULL> NOT NULL, String_list ARRAY<VARCHAR NOT NULL> NOT NULL, group_of_lists STRUCT<Int32_list_in_group: ARRAY<INTEGER NOT NULL> NOT NULL, String_list_in_group: ARRAY<VARCHAR NOT NULL> NOT NULL> NOT NULL)",
     {"[0, 1, 2, 3] | [foo, zero, one, two] | {'Int32_list_in_group': [0, 1, 2, 3], 'String_list_in_group': [foo, zero, one, two]}",
      "[] | [three] | {'Int32_list_in_group': [], 'String_list_in_group': [three]}",
      "[4] | [four] | {'Int32_list_in_group': [4], 'String_list_in_group': [four]}",
      "[5, 6, 7, 8] | [five, six, seven, eight] | {'Int32_list_in_group': [5, 6, 7, 8], 'String_list_in_group': [five, six, seven, eight]}"}},
    {"map_no_value.parquet",
     "(my_map MAP<INTEGER, INTEGER> NOT NULL, my_map_no_v ARRAY<INTEGER NOT NULL> NOT NULL, my_list ARRAY<INTEGER NOT NULL> NOT NULL)",
     {"{1=NULL, 2=NULL, 3=NULL} | [1, 2, 3] | [1, 2, 3]",
      "{4=NULL, 5=NULL, 6=NULL} | [4, 5, 6] | [4, 5, 6]",
      "{7=NULL, 8=NULL, 9=NULL} | [7, 8, 9] | [7, 8, 9]"}},
    {"incorrect_map_schema.parquet",
     "(my_map MAP<VARCHAR, VARCHAR>)",
     {"{parent=another, name=report}"}},
    {"nonnullable.impala.parquet",
     "(ID BIGINT NOT NULL, Int_Array ARRAY<INTEGER NOT NULL> NOT NULL, int_array_array ARRAY<ARRAY<INTEGER NOT NULL> NOT NULL> NOT NULL, Int_Map MAP<VARCHAR, INTEGER NOT NULL> NOT NULL, int_map_array ARRAY<MAP<VARCHAR, INTEGER NOT NULL> NOT NULL> NOT NULL, nested_Struct STRUCT<a: INTEGER NOT NULL, B: ARRAY<INTEGER NOT NULL> NOT NULL, c: STRUCT<D: ARRAY<ARRAY<STRUCT<e: INTEGER NOT NULL, f: VARCHAR NOT NULL> NOT NULL> NOT NULL> NOT NULL> NOT NULL, G: MAP<VARCHAR, STRUCT<h: STRUCT<i: ARRAY<DOUBLE NOT NULL> NOT NULL> NOT NULL> NOT NULL> NOT NULL> NOT NULL)",
     {"8 | [-1] | [[-1, -2], []] | {k1=-1} | [{}, {k1=1}, {}, {}] | {'a': -1, 'B': [-1], 'c': {'D': [[{'e': -1, 'f': nonnullable}]]}, 'G': {}}"}},
    {"nullable.impala.parquet",
     "(id BIGINT, int_array ARRAY<INTEGER>, int_array_Array ARRAY<ARRAY<INTEGER>>, int_map MAP<VARCHAR, INTEGER>, int_Map_Array ARRAY<MAP<VARCHAR, INTEGER>>, nested_struct STRUCT<A: INTEGER, b: ARRAY<INTEGER>, C: STRUCT<d: ARRAY<ARRAY<STRUCT<E: INTEGER, F: VARCHAR>>>>, g: MAP<VARCHAR, STRUCT<H: STRUCT<i: ARRAY<DOUBLE>>>>>)",
     {"1 | [1, 2, 3] | [[1, 2], [3, 4]] | {k1=1, k2=100} | [{k1=1}] | {'A': 1, 'b': [1], 'C': {'d': [[{'E': 10, 'F': aaa}, {'E': -10, 'F': bbb}], [{'E': 11, 'F': c}]]}, 'g': {foo={'H': {'i': [1.1]}}}}",
      "2 | [NULL, 1, 2, NULL, 3, NULL] | [[NULL, 1, 2, NULL], [3, NULL, 4], [], NULL] | {k1=2, k2=NULL} | [{k3=NULL, k1=1}, NULL, {}] | {'A': NULL, 'b': [NULL], 'C': {'d': [[{'E': NULL, 'F': NULL}, {'E': 10, 'F': aaa}, {'E': NULL, 'F': NULL}, {'E': -10, 'F': bbb}, {'E': NULL, 'F': NULL}], [{'E': 11, 'F': c}, NULL], [], NULL]}, 'g': {g1={'H': {'i': [2.2, NULL]}}, g2={'H': {'i': []}}, g3=NULL, g4={'H': {'i': NULL}}, g5={'H': NULL}}}",
      "3 | [] | [NULL] | {} | [NULL, NULL] | {'A': NULL, 'b': NULL, 'C': {'d': []}, 'g': {}}",
      "4 | NULL | [] | {} | [] | {'A': NULL, 'b': NULL, 'C': {'d': NULL}, 'g': NULL}",
      "5 | NULL | NULL | {} | NULL | {'A': NULL, 'b': NULL, 'C': NULL, 'g': {foo={'H': {'i': [2.2, 3.3]}}}}",
      "6 | NULL | NULL | NULL | NULL | NULL",
      "7 | NULL | [NULL, [5, 6]] | {k1=NULL, k3=NULL} | NULL | {'A': 7, 'b': [2, 3, NULL], 'C': {'d': [[], [NULL], NULL]}, 'g': NULL}"}},
};
// clang-format on

std::filesystem::path DataDir() {
  const char* source_dir = std::getenv("INLET_SOURCE_DIR");
  return std::filesystem::path(source_dir == nullptr ? "." : source_dir) / ".." / "shared" /
         "testdata" / "parquet-testing" / "data";
}

Result<std::unique_ptr<ParquetFileReader>> OpenFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return ParquetFileReader::Open(std::make_shared<MemoryRandomAccessFile>(bytes.str()),
                                 path.filename().string());
}

class ParquetTestingNestedFiles : public ::testing::TestWithParam<NestedFile> {};

TEST_P(ParquetTestingNestedFiles, ReadAsDocumented) {
  const NestedFile& file = GetParam();
  std::filesystem::path path = DataDir() / file.name;
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no " << path;
  auto reader = OpenFile(path);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ((*reader)->schema().ToString(), file.schema);
  std::vector<int> all;
  for (size_t c = 0; c < (*reader)->schema().num_fields(); ++c) all.push_back(static_cast<int>(c));
  std::vector<std::string> rows;
  for (int g = 0; g < (*reader)->num_row_groups(); ++g) {
    auto batch = (*reader)->ReadRowGroup(g, all);
    ASSERT_TRUE(batch.ok()) << batch.status().ToString();
    for (int64_t r = 0; r < (*batch)->num_rows(); ++r) {
      std::string row;
      for (const auto& column : (*batch)->columns()) {
        row += (row.empty() ? "" : " | ") + column->GetValue(r).ToString();
      }
      rows.push_back(std::move(row));
    }
  }
  EXPECT_EQ(rows, file.rows);
}

INSTANTIATE_TEST_SUITE_P(Files, ParquetTestingNestedFiles, ::testing::ValuesIn(kFiles),
                         [](const ::testing::TestParamInfo<NestedFile>& info) {
                           std::string name = info.param.name;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

// nested_structs.rust.parquet: 36 required STRUCTs of six required fields, from the Rust writer.
TEST(ParquetTestingNestedFiles, RustStructs) {
  std::filesystem::path path = DataDir() / "nested_structs.rust.parquet";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no " << path;
  auto reader = OpenFile(path);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  const Schema& schema = (*reader)->schema();
  ASSERT_EQ(schema.num_fields(), 36u);
  EXPECT_EQ(schema.field(0).type.ToString(),
            "STRUCT<min: BIGINT NOT NULL, max: BIGINT NOT NULL, mean: BIGINT NOT NULL, count: "
            "DECIMAL(20,0) NOT NULL, sum: BIGINT NOT NULL, variance: BIGINT NOT NULL>");
  EXPECT_FALSE(schema.field(0).nullable);
  // One STRUCT field alone, as a shredded "PC_CUR.mean" column reads it.
  ParquetColumnSelection mean{{1, 2}, {}};
  auto batch = (*reader)->ReadRowGroup(0, {mean});
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  EXPECT_EQ((*batch)->schema()->field(0).name, "PC_CUR.mean");
  ASSERT_EQ((*batch)->num_rows(), 1);
  EXPECT_EQ((*batch)->column(0)->GetValue(0), Value::BigInt(416));
}

// nullable.impala.parquet: decoding one leaf of a STRUCT inside a LIST of LISTs inside a STRUCT.
// Every STRUCT on the way takes the type of what it keeps, or the assembled column has children
// no leaf fills (and a read past their end).
TEST(ParquetTestingNestedFiles, OneLeafDeepInListsOfStructs) {
  std::filesystem::path path = DataDir() / "nullable.impala.parquet";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no " << path;
  auto reader = OpenFile(path);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  const auto& leaves = (*reader)->schema_tree().leaves;
  int e_leaf = -1;
  for (size_t l = 0; l < leaves.size(); ++l) {
    if (leaves[l].name == "nested_struct.C.d.list.element.list.element.E") {
      e_leaf = static_cast<int>(l);
    }
  }
  ASSERT_GE(e_leaf, 0);
  ParquetColumnSelection nested{{5}, {e_leaf}};  // nested_struct
  auto batch = (*reader)->ReadRowGroup(0, {nested});
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  const Column& column = *(*batch)->column(0);
  EXPECT_EQ(column.type().ToString(), "STRUCT<C: STRUCT<d: ARRAY<ARRAY<STRUCT<E: INTEGER>>>>>");
  EXPECT_EQ(column.GetValue(1).ToString(),
            "{'C': {'d': [[{'E': NULL}, {'E': 10}, {'E': NULL}, {'E': -10}, {'E': NULL}], "
            "[{'E': 11}, NULL], [], NULL]}}");
}

}  // namespace
}  // namespace inlet

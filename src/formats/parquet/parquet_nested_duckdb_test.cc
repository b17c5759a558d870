// DuckDB as the oracle for nested columns: DuckDB reads what inlet writes, inlet reads what DuckDB
// writes, and both see the same values. Values are compared as JSON whose leaves are canonical
// text that both sides can produce (DuckDB by SQL, inlet from Values); STRUCTs become objects,
// LISTs arrays and MAPs arrays of {"key", "value"} objects, as the oracle prints them.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "formats/parquet/nested_test_data.h"
#include "formats/parquet/parquet_reader.h"
#include "formats/parquet/parquet_writer.h"
#include "test/util/duckdb_oracle.h"
#include "types/cast.h"

namespace inlet {
namespace {

using parquet::Codec;

class TempDir {
 public:
  TempDir() {
    char pattern[] = "/tmp/inlet_nested_XXXXXX";
    path_ = mkdtemp(pattern);
  }
  ~TempDir() { std::system(("rm -rf '" + path_ + "'").c_str()); }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

std::string Quote(const std::string& name) { return "\"" + name + "\""; }

// SQL turning the DuckDB expression `expr` of inlet type `type` into its canonical form: text
// leaves, STRUCTs and LISTs kept, MAPs as lists of key/value structs. `depth` names the lambda
// variables apart.
std::string CanonicalSql(const std::string& expr, const LogicalType& type, int depth = 0) {
  std::string x = "x" + std::to_string(depth);
  switch (type.id()) {
    case TypeId::kFloat:
    case TypeId::kDouble:
      return "printf('%.17g', (" + expr + ")::DOUBLE)";
    case TypeId::kBinary:
      return "hex(" + expr + ")";
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kTime:
      return "epoch_us(" + expr + ")::VARCHAR";
    case TypeId::kStruct: {
      std::string fields;
      for (const StructField& f : type.struct_fields()) {
        fields += (fields.empty() ? "" : ", ") + Quote(f.name) + " := " +
                  CanonicalSql("struct_extract(" + expr + ", '" + f.name + "')", f.type, depth + 1);
      }
      return "CASE WHEN (" + expr + ") IS NULL THEN NULL ELSE struct_pack(" + fields + ") END";
    }
    case TypeId::kList:
      return "list_transform(" + expr + ", " + x + " -> " +
             CanonicalSql(x, type.list_element(), depth + 1) + ")";
    case TypeId::kMap:
      return "CASE WHEN (" + expr + ") IS NULL THEN NULL ELSE list_transform(map_entries(" + expr +
             "), " + x + " -> struct_pack(\"key\" := " +
             CanonicalSql("struct_extract(" + x + ", 'key')", type.map_key(), depth + 1) +
             ", \"value\" := " +
             CanonicalSql("struct_extract(" + x + ", 'value')", type.map_value(), depth + 1) +
             ")) END";
    default:
      return "(" + expr + ")::VARCHAR";
  }
}

std::string CanonicalLeaf(const Value& v) {
  switch (v.type().id()) {
    case TypeId::kBoolean:
      return v.GetBool() ? "true" : "false";
    case TypeId::kFloat:
    case TypeId::kDouble: {
      char buffer[64];
      std::snprintf(buffer, sizeof(buffer), "%.17g", v.GetDouble());
      return buffer;
    }
    case TypeId::kDecimal:
      return FormatDecimal(v.GetDecimal(), v.type().scale());
    case TypeId::kVarchar:
      return v.GetString();
    case TypeId::kBinary: {
      static const char* kHex = "0123456789ABCDEF";
      std::string out;
      for (unsigned char c : v.GetString()) {
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
      }
      return out;
    }
    case TypeId::kDate:
      return FormatDate(static_cast<int32_t>(v.GetInt()));
    default:
      return std::to_string(v.GetInt());
  }
}

// `text` as a JSON string, escaped as JSON.stringify does.
void AppendJsonString(const std::string& text, std::string* out) {
  out->push_back('"');
  for (char c : text) {
    switch (c) {
      case '"':
        *out += "\\\"";
        break;
      case '\\':
        *out += "\\\\";
        break;
      case '\n':
        *out += "\\n";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof(buffer), "\\u%04x", c);
          *out += buffer;
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

// The canonical JSON of a value, as the oracle prints what CanonicalSql makes of it.
void AppendJson(const Value& v, std::string* out) {
  if (v.is_null()) {
    *out += "null";
    return;
  }
  switch (v.type().id()) {
    case TypeId::kStruct: {
      *out += "{";
      const auto& fields = v.type().struct_fields();
      for (size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) *out += ",";
        AppendJsonString(fields[i].name, out);
        *out += ":";
        AppendJson(v.GetChildren()[i], out);
      }
      *out += "}";
      return;
    }
    case TypeId::kList:
    case TypeId::kMap: {
      bool map = v.type().id() == TypeId::kMap;
      *out += "[";
      for (size_t i = 0; i < v.GetChildren().size(); ++i) {
        if (i > 0) *out += ",";
        const Value& child = v.GetChildren()[i];
        if (!map) {
          AppendJson(child, out);
          continue;
        }
        *out += "{\"key\":";
        AppendJson(child.GetChildren()[0], out);
        *out += ",\"value\":";
        AppendJson(child.GetChildren()[1], out);
        *out += "}";
      }
      *out += "]";
      return;
    }
    default:
      AppendJsonString(CanonicalLeaf(v), out);
  }
}

std::string JsonRow(const std::vector<Value>& row) {
  std::string out = "[";
  for (size_t i = 0; i < row.size(); ++i) {
    if (i > 0) out += ",";
    AppendJson(row[i], &out);
  }
  return out + "]";
}

// DuckDB's reading of `path` in file order, canonical.
std::vector<std::string> DuckDbRows(const std::string& path, const Schema& schema) {
  std::string select;
  for (size_t i = 0; i < schema.num_fields(); ++i) {
    select += (select.empty() ? "" : ", ") +
              CanonicalSql("#" + std::to_string(i + 1), schema.field(i).type);
  }
  auto rows = RunDuckDbQuery("SELECT " + select + " FROM read_parquet('" + path +
                             "', file_row_number = true) ORDER BY file_row_number");
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  return rows.ok() ? *rows : std::vector<std::string>{};
}

// inlet's reading of `path`, canonical; `*schema` receives the file's schema.
std::vector<std::string> InletRows(const std::string& path, Schema* schema) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  auto reader =
      ParquetFileReader::Open(std::make_shared<MemoryRandomAccessFile>(bytes.str()), path);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  if (!reader.ok()) return {};
  *schema = (*reader)->schema();
  std::vector<int> all;
  for (size_t c = 0; c < schema->num_fields(); ++c) all.push_back(static_cast<int>(c));
  std::vector<std::string> lines;
  for (int g = 0; g < (*reader)->num_row_groups(); ++g) {
    auto batch = (*reader)->ReadRowGroup(g, all);
    EXPECT_TRUE(batch.ok()) << batch.status().ToString();
    if (!batch.ok()) return {};
    for (int64_t r = 0; r < (*batch)->num_rows(); ++r) {
      std::vector<Value> row;
      for (const auto& column : (*batch)->columns()) row.push_back(column->GetValue(r));
      lines.push_back(JsonRow(row));
    }
  }
  return lines;
}

void WriteNestedFile(const std::string& path, Codec codec, bool dictionary,
                     std::vector<std::vector<Value>>* rows) {
  SchemaPtr schema = parquet_test::NestedSchema();
  for (int64_t i = 0; i < 700; ++i) rows->push_back(parquet_test::NestedRow(i));
  ParquetWriterOptions options;
  options.codec = codec;
  options.dictionary = dictionary;
  options.row_group_rows = 300;
  options.data_page_bytes = 1024;
  auto out = std::make_unique<MemoryOutputStream>();
  MemoryOutputStream* raw = out.get();
  auto writer = ParquetWriter::Make(std::move(out), schema, options);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Write(*parquet_test::MakeBatch(schema, *rows)).ok());
  ASSERT_TRUE((*writer)->Finish().ok());
  std::ofstream(path, std::ios::binary) << raw->buffer();
}

class InletWritesNestedDuckDbReads : public ::testing::TestWithParam<std::tuple<Codec, bool>> {};

TEST_P(InletWritesNestedDuckDbReads, SameValues) {
  auto [codec, dictionary] = GetParam();
  TempDir dir;
  std::string path = dir.File("inlet.parquet");
  std::vector<std::vector<Value>> rows;
  WriteNestedFile(path, codec, dictionary, &rows);
  SchemaPtr schema = parquet_test::NestedSchema();

  auto types = RunDuckDbQuery("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '" +
                              path + "') WHERE column_name IN ('m', 'deep', 'req')");
  ASSERT_TRUE(types.ok()) << types.status().ToString();
  EXPECT_EQ(*types,
            (std::vector<std::string>{
                "[\"m\",\"MAP(VARCHAR, STRUCT(b BOOLEAN, ti TINYINT, si SMALLINT, i INTEGER, bi "
                "BIGINT, f FLOAT, d DOUBLE, dec9 DECIMAL(9,2), dec18 DECIMAL(18,4), dec38 "
                "DECIMAL(38,10), s VARCHAR, bin BLOB, dt DATE, ts TIMESTAMP, tstz TIMESTAMP WITH "
                "TIME ZONE, t TIME))\"]",
                "[\"deep\",\"STRUCT(a INTEGER[][], m MAP(VARCHAR, VARCHAR[]))[]\"]",
                "[\"req\",\"STRUCT(x INTEGER, y INTEGER[], z MAP(VARCHAR, INTEGER))\"]"}));

  std::vector<std::string> expected;
  for (const auto& row : rows) expected.push_back(JsonRow(row));
  EXPECT_EQ(DuckDbRows(path, *schema), expected);
}

INSTANTIATE_TEST_SUITE_P(Codecs, InletWritesNestedDuckDbReads,
                         ::testing::Combine(::testing::Values(Codec::kUncompressed, Codec::kZstd),
                                            ::testing::Bool()));

// DuckDB rewrites inlet's nested file in its own way (every field OPTIONAL, its own page sizes,
// data pages v1 or v2); inlet reads DuckDB's file back as the values it first wrote.
class DuckDbWritesNestedInletReads : public ::testing::TestWithParam<std::string> {};

TEST_P(DuckDbWritesNestedInletReads, SameValues) {
  TempDir dir;
  std::string inlet_path = dir.File("inlet.parquet");
  std::string duck_path = dir.File("duck.parquet");
  std::vector<std::vector<Value>> rows;
  WriteNestedFile(inlet_path, Codec::kSnappy, true, &rows);
  auto written =
      RunDuckDbQuery("COPY (SELECT * EXCLUDE (file_row_number) FROM read_parquet('" + inlet_path +
                     "', file_row_number = true) ORDER BY file_row_number) TO '" + duck_path +
                     "' (FORMAT parquet, ROW_GROUP_SIZE 256, " + GetParam() + ")");
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  Schema schema;
  std::vector<std::string> inlet_rows = InletRows(duck_path, &schema);
  ASSERT_EQ(schema.num_fields(), parquet_test::NestedSchema()->num_fields());
  std::vector<std::string> expected;
  for (const auto& row : rows) expected.push_back(JsonRow(row));
  EXPECT_EQ(inlet_rows, expected);
  EXPECT_EQ(DuckDbRows(duck_path, schema), expected);
}

INSTANTIATE_TEST_SUITE_P(Options, DuckDbWritesNestedInletReads,
                         ::testing::Values("COMPRESSION snappy", "COMPRESSION zstd",
                                           "PARQUET_VERSION V2",
                                           "COMPRESSION gzip, DICTIONARY_SIZE_LIMIT 1"));

// Nested data made by DuckDB's SQL, not by inlet: NULLs and empty lists at every level, lists
// three deep, maps of structs.
TEST(DuckDbWritesNestedInletReads, DataFromSql) {
  TempDir dir;
  std::string path = dir.File("sql.parquet");
  auto written = RunDuckDbQuery(
      "COPY (SELECT i, "
      "CASE WHEN i % 7 = 0 THEN NULL ELSE {'a': i, 'b': 'x' || i, "
      "'c': CASE WHEN i % 3 = 0 THEN NULL ELSE {'d': i * 1.5, 'e': [i, NULL]} END} END AS s, "
      "CASE WHEN i % 5 = 0 THEN NULL ELSE list_transform(range(i % 4), k -> "
      "CASE WHEN k = 2 THEN NULL ELSE list_transform(range(k), j -> "
      "CASE WHEN j = 1 THEN [] ELSE [j, i] END) END) END AS l3, "
      "CASE WHEN i % 6 = 0 THEN NULL ELSE MAP {'k' || i: {'v': i}, 'z': NULL} END AS m, "
      "[{'p': i, 'q': ['a', NULL]}, NULL] AS ls "
      "FROM range(3000) t(i)) TO '" +
      path + "' (FORMAT parquet, ROW_GROUP_SIZE 1000)");
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  Schema schema;
  std::vector<std::string> inlet_rows = InletRows(path, &schema);
  EXPECT_EQ(schema.field(2).type.ToString(), "ARRAY<ARRAY<ARRAY<BIGINT>>>");
  EXPECT_EQ(schema.field(3).type.ToString(), "MAP<VARCHAR, STRUCT<v: BIGINT>>");
  ASSERT_EQ(inlet_rows.size(), 3000u);
  EXPECT_EQ(inlet_rows, DuckDbRows(path, schema));
}

}  // namespace
}  // namespace inlet

#include "formats/parquet/parquet_oracle_compare.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

#include "formats/parquet/parquet_reader.h"
#include "io/stream.h"
#include "test/util/duckdb_oracle.h"
#include "types/cast.h"

namespace inlet::parquet_test {

namespace {

std::string Quote(const std::string& name) { return "\"" + name + "\""; }

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
      case '"': *out += "\\\""; break;
      case '\\': *out += "\\\\"; break;
      case '\b': *out += "\\b"; break;
      case '\f': *out += "\\f"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      case '\t': *out += "\\t"; break;
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

}  // namespace

TempDir::TempDir() {
  char pattern[] = "/tmp/inlet_parquet_XXXXXX";
  path_ = mkdtemp(pattern);
}

TempDir::~TempDir() { std::system(("rm -rf '" + path_ + "'").c_str()); }

std::string CanonicalSql(const std::string& expr, const LogicalType& type, int depth,
                         const parquet::FieldNaming* naming) {
  auto child = [naming](size_t i) -> const parquet::FieldNaming* {
    return naming && i < naming->children.size() ? &naming->children[i] : nullptr;
  };
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
      const std::vector<StructField>& struct_fields = type.struct_fields();
      for (size_t i = 0; i < struct_fields.size(); ++i) {
        const StructField& f = struct_fields[i];
        const std::string& in_file = child(i) ? child(i)->name : f.name;
        fields += (fields.empty() ? "" : ", ") + Quote(f.name) + " := " +
                  CanonicalSql("struct_extract(" + expr + ", '" + in_file + "')", f.type,
                               depth + 1, child(i));
      }
      return "CASE WHEN (" + expr + ") IS NULL THEN NULL ELSE struct_pack(" + fields + ") END";
    }
    case TypeId::kList:
      return "list_transform(" + expr + ", " + x + " -> " +
             CanonicalSql(x, type.list_element(), depth + 1, child(0)) + ")";
    case TypeId::kMap:
      return "CASE WHEN (" + expr + ") IS NULL THEN NULL ELSE list_transform(map_entries(" + expr +
             "), " + x + " -> struct_pack(\"key\" := " +
             CanonicalSql("struct_extract(" + x + ", 'key')", type.map_key(), depth + 1,
                          child(0)) +
             ", \"value\" := " +
             CanonicalSql("struct_extract(" + x + ", 'value')", type.map_value(), depth + 1,
                          child(1)) +
             ")) END";
    default:
      return "(" + expr + ")::VARCHAR";
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

std::vector<std::string> DuckDbRows(const std::string& path, const Schema& schema) {
  // Columns by position: DuckDB matches names ignoring case.
  std::string select;
  for (size_t i = 0; i < schema.num_fields(); ++i) {
    select += (select.empty() ? "" : ", ") +
              CanonicalSql("#" + std::to_string(i + 1), schema.field(i).type);
  }
  auto rows = RunDuckDbQuery("SELECT " + select + " FROM read_parquet('" + path +
                             "', file_row_number = true, hive_partitioning = false) "
                             "ORDER BY file_row_number");
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  return rows.ok() ? *rows : std::vector<std::string>{};
}

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

}  // namespace inlet::parquet_test

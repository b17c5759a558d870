#pragma once

// Helpers for tests of what the Parquet writer puts in a file: writing rows to memory, reading
// them back, and walking a column chunk's page headers and page index.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "formats/parquet/page_index.h"
#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/parquet_reader.h"
#include "formats/parquet/parquet_test_util.h"
#include "formats/parquet/parquet_writer.h"
#include "formats/parquet/value_converter.h"

namespace inlet::parquet_test {

/// A file written to memory and what the writer said about it.
struct WrittenBytes {
  std::string bytes;
  WrittenFileInfo info;
};

/// Writes `rows` of `schema` with `options` in one batch.
inline WrittenBytes WriteRows(const SchemaPtr& schema, const std::vector<std::vector<Value>>& rows,
                              const ParquetWriterOptions& options) {
  auto out = std::make_unique<MemoryOutputStream>();
  MemoryOutputStream* raw = out.get();
  auto writer = ParquetWriter::Make(std::move(out), schema, options);
  EXPECT_TRUE(writer.ok()) << writer.status().ToString();
  if (!writer.ok()) return {};
  Status st = (*writer)->Write(*MakeBatch(schema, rows));
  EXPECT_TRUE(st.ok()) << st.ToString();
  auto info = (*writer)->Finish();
  EXPECT_TRUE(info.ok()) << info.status().ToString();
  if (!info.ok()) return {};
  return WrittenBytes{raw->TakeBuffer(), *info};
}

inline std::unique_ptr<ParquetFileReader> OpenWritten(const std::string& bytes) {
  auto reader =
      ParquetFileReader::Open(std::make_shared<MemoryRandomAccessFile>(bytes), "written.parquet");
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  return reader.ok() ? std::move(*reader) : nullptr;
}

/// Every row of every row group, all columns, as inlet reads them.
inline std::vector<std::vector<Value>> ReadAllRows(ParquetFileReader* reader) {
  std::vector<int> all;
  for (size_t c = 0; c < reader->schema().num_fields(); ++c) all.push_back(static_cast<int>(c));
  std::vector<std::vector<Value>> rows;
  for (int g = 0; g < reader->num_row_groups(); ++g) {
    auto batch = reader->ReadRowGroup(g, all);
    EXPECT_TRUE(batch.ok()) << batch.status().ToString();
    if (!batch.ok()) return {};
    for (int64_t r = 0; r < (*batch)->num_rows(); ++r) {
      std::vector<Value> row;
      for (const auto& column : (*batch)->columns()) row.push_back(column->GetValue(r));
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

/// ReadAllRows of a file held in memory.
inline std::vector<std::vector<Value>> ReadBack(const std::string& bytes) {
  std::unique_ptr<ParquetFileReader> reader = OpenWritten(bytes);
  return reader ? ReadAllRows(reader.get()) : std::vector<std::vector<Value>>{};
}

/// One page of a column chunk: where its header starts, its header, and header plus body bytes.
struct PageInFile {
  int64_t offset = 0;
  parquet::PageHeader header;
  int64_t size = 0;
};

/// The data pages of `chunk` (the dictionary page left out), read header by header.
inline std::vector<PageInFile> DataPages(const std::string& file,
                                         const parquet::ColumnChunk& chunk) {
  const parquet::ColumnMetaData& meta = *chunk.meta_data;
  int64_t offset = meta.dictionary_page_offset.value_or(meta.data_page_offset);
  const int64_t end = offset + meta.total_compressed_size;
  std::vector<PageInFile> pages;
  while (offset < end) {
    size_t header_size = 0;
    auto header = parquet::DeserializePageHeader(
        std::string_view(file).substr(static_cast<size_t>(offset)), &header_size);
    EXPECT_TRUE(header.ok()) << header.status().ToString();
    if (!header.ok()) return pages;
    const int64_t size = static_cast<int64_t>(header_size) + header->compressed_page_size;
    if (header->type != parquet::PageType::kDictionaryPage) {
      pages.push_back(PageInFile{offset, *header, size});
    }
    offset += size;
  }
  EXPECT_EQ(offset, end);
  return pages;
}

/// The inlet value of a PLAIN-encoded bound (a Statistics or ColumnIndex min or max) of
/// `desc`'s column, as the reader converts values.
inline Result<Value> DecodeBound(const parquet::ColumnDescriptor& desc, std::string_view bytes) {
  if (desc.physical == parquet::Type::kBoolean) {
    if (bytes.size() != 1) return Status::InvalidData("a BOOLEAN bound is one byte");
    return Value::Boolean(bytes[0] != 0);
  }
  Column column(desc.type);
  const std::string where = desc.name;
  parquet::ValueConverter converter(desc, where);
  if (converter.physical_width() > 0) {
    if (bytes.size() != static_cast<size_t>(converter.physical_width())) {
      return Status::InvalidData("a bound of " + std::to_string(bytes.size()) + " bytes");
    }
    INLET_RETURN_NOT_OK(
        converter.AppendFixedWidth(reinterpret_cast<const uint8_t*>(bytes.data()), 1, &column));
  } else {
    INLET_RETURN_NOT_OK(converter.AppendBytes(bytes, &column));
  }
  return column.GetValue(0);
}

}  // namespace inlet::parquet_test

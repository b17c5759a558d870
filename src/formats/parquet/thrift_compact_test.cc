#include "formats/parquet/thrift_compact.h"

#include <gtest/gtest.h>

#include <random>

#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/rle_encoding.h"

namespace inlet::parquet {
namespace {

FileMetaData SampleMetadata() {
  FileMetaData m;
  m.version = 2;
  SchemaElement root;
  root.name = "schema";
  root.num_children = 2;
  SchemaElement a;
  a.name = "amount";
  a.type = Type::kFixedLenByteArray;
  a.type_length = 16;
  a.repetition_type = Repetition::kOptional;
  a.converted_type = ConvertedType::kDecimal;
  a.precision = 38;
  a.scale = 4;
  LogicalTypeAnnotation decimal;
  decimal.kind = LogicalTypeAnnotation::Kind::kDecimal;
  decimal.precision = 38;
  decimal.scale = 4;
  a.logical_type = decimal;
  SchemaElement t;
  t.name = "at";
  t.type = Type::kInt64;
  t.repetition_type = Repetition::kRequired;
  LogicalTypeAnnotation ts;
  ts.kind = LogicalTypeAnnotation::Kind::kTimestamp;
  ts.is_adjusted_to_utc = true;
  ts.unit = TimeUnit::kMicros;
  t.logical_type = ts;
  m.schema = {root, a, t};
  m.num_rows = 1000;
  RowGroup rg;
  rg.num_rows = 1000;
  rg.total_byte_size = 123456789012;
  rg.ordinal = 0;
  ColumnChunk chunk;
  chunk.file_offset = 4;
  ColumnMetaData& meta = chunk.meta_data.emplace();
  meta.type = Type::kInt64;
  meta.encodings = {Encoding::kPlain, Encoding::kRle, Encoding::kRleDictionary};
  meta.path_in_schema = {"at"};
  meta.codec = Codec::kZstd;
  meta.num_values = 1000;
  meta.total_compressed_size = 500;
  meta.total_uncompressed_size = 8000;
  meta.data_page_offset = 40;
  meta.dictionary_page_offset = 4;
  Statistics& s = meta.statistics.emplace();
  s.null_count = 3;
  s.min_value = std::string("\x01\x00\x00\x00\x00\x00\x00\x80", 8);
  s.max_value = "zzzzzzzz";
  rg.columns = {chunk, chunk};
  m.row_groups = {rg};
  m.key_value_metadata = {{"k", std::string("v")}, {"only_key", std::nullopt}};
  m.created_by = "inlet version 0.1.0";
  m.num_type_defined_column_orders = 2;
  return m;
}

TEST(ThriftCompact, FileMetaDataRoundTrip) {
  FileMetaData m = SampleMetadata();
  std::string bytes = SerializeFileMetaData(m);
  auto back = DeserializeFileMetaData(bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->version, 2);
  ASSERT_EQ(back->schema.size(), 3u);
  EXPECT_EQ(back->schema[1].name, "amount");
  EXPECT_EQ(back->schema[1].type_length, 16);
  ASSERT_TRUE(back->schema[1].logical_type.has_value());
  EXPECT_EQ(back->schema[1].logical_type->kind, LogicalTypeAnnotation::Kind::kDecimal);
  EXPECT_EQ(back->schema[1].logical_type->precision, 38);
  EXPECT_EQ(back->schema[1].logical_type->scale, 4);
  ASSERT_TRUE(back->schema[2].logical_type.has_value());
  EXPECT_TRUE(back->schema[2].logical_type->is_adjusted_to_utc);
  EXPECT_EQ(back->schema[2].logical_type->unit, TimeUnit::kMicros);
  EXPECT_EQ(back->schema[2].repetition_type, Repetition::kRequired);
  ASSERT_EQ(back->row_groups.size(), 1u);
  EXPECT_EQ(back->row_groups[0].total_byte_size, 123456789012);
  EXPECT_EQ(back->row_groups[0].ordinal, 0);
  ASSERT_EQ(back->row_groups[0].columns.size(), 2u);
  const ColumnMetaData& meta = *back->row_groups[0].columns[1].meta_data;
  EXPECT_EQ(meta.codec, Codec::kZstd);
  EXPECT_EQ(meta.encodings.size(), 3u);
  EXPECT_EQ(meta.dictionary_page_offset, 4);
  EXPECT_EQ(meta.statistics->null_count, 3);
  EXPECT_EQ(meta.statistics->min_value,
            m.row_groups[0].columns[0].meta_data->statistics->min_value);
  EXPECT_EQ(back->key_value_metadata.size(), 2u);
  EXPECT_FALSE(back->key_value_metadata[1].value.has_value());
  EXPECT_EQ(back->created_by, "inlet version 0.1.0");
  EXPECT_EQ(back->num_type_defined_column_orders, 2);
  // Serializing again gives the same bytes: nothing is lost on the way.
  EXPECT_EQ(SerializeFileMetaData(*back), bytes);
}

TEST(ThriftCompact, PageHeaderRoundTrip) {
  PageHeader h;
  h.type = PageType::kDataPageV2;
  h.uncompressed_page_size = 1 << 20;
  h.compressed_page_size = 1000;
  h.data_page_header_v2 = DataPageHeaderV2{100, 5, 100, Encoding::kRleDictionary, 7, 0, false};
  std::string bytes = SerializePageHeader(h) + "trailing page data";
  size_t header_size = 0;
  auto back = DeserializePageHeader(bytes, &header_size);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(bytes.substr(header_size), "trailing page data");
  EXPECT_EQ(back->uncompressed_page_size, 1 << 20);
  ASSERT_TRUE(back->data_page_header_v2.has_value());
  EXPECT_EQ(back->data_page_header_v2->num_nulls, 5);
  EXPECT_EQ(back->data_page_header_v2->definition_levels_byte_length, 7);
  EXPECT_FALSE(back->data_page_header_v2->is_compressed);
}

TEST(ThriftCompact, UnknownFieldsAreSkipped) {
  // A page header from a "newer writer" with fields of every wire type we do not know.
  CompactWriter w;
  w.BeginStruct();
  w.WriteI32Field(1, 0);
  w.WriteI32Field(2, 10);
  w.WriteI32Field(3, 10);
  w.WriteBinaryField(20, "future");
  w.WriteListFieldHeader(21, ThriftType::kStruct, 2);
  for (int i = 0; i < 2; ++i) {
    w.BeginStruct();
    w.WriteI64Field(1, -5);
    w.WriteBoolField(2, true);
    w.EndStruct();
  }
  w.WriteStructFieldHeader(300);  // a long-form field id
  w.BeginStruct();
  w.WriteListFieldHeader(1, ThriftType::kBoolTrue, 3);
  for (int i = 0; i < 3; ++i) w.WriteI32(0);  // any byte reads as a bool element
  w.EndStruct();
  w.WriteStructFieldHeader(5);
  w.BeginStruct();
  w.WriteI32Field(1, 10);
  w.WriteI32Field(2, 0);
  w.WriteI32Field(3, 3);
  w.WriteI32Field(4, 3);
  w.EndStruct();
  w.EndStruct();
  size_t header_size = 0;
  auto h = DeserializePageHeader(w.buffer(), &header_size);
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  EXPECT_EQ(header_size, w.buffer().size());
  ASSERT_TRUE(h->data_page_header.has_value());
  EXPECT_EQ(h->data_page_header->num_values, 10);
}

TEST(ThriftCompact, EveryTruncationFailsCleanly) {
  std::string bytes = SerializeFileMetaData(SampleMetadata());
  for (size_t n = 0; n < bytes.size(); ++n) {
    auto r = DeserializeFileMetaData(std::string_view(bytes).substr(0, n));
    ASSERT_FALSE(r.ok()) << "prefix of " << n << " bytes parsed";
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidData);
  }
}

TEST(ThriftCompact, RandomCorruptionNeverCrashes) {
  std::string bytes = SerializeFileMetaData(SampleMetadata());
  std::mt19937 rng(42);
  for (int iteration = 0; iteration < 5000; ++iteration) {
    std::string mutated = bytes;
    for (int k = 0; k < 3; ++k) mutated[rng() % mutated.size()] = static_cast<char>(rng());
    // Either outcome is fine; what matters is no crash, hang or sanitizer report.
    (void)DeserializeFileMetaData(mutated);
  }
}

TEST(ThriftCompact, HugeLengthsAreRejectedBeforeAllocating) {
  // A string claiming 2^40 bytes.
  CompactWriter w;
  w.BeginStruct();
  w.WriteFieldHeader(6, ThriftType::kBinary);
  std::string bytes = w.buffer() + std::string("\x80\x80\x80\x80\x80\x20", 6);
  auto r = DeserializeFileMetaData(bytes);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("runs past the end"), std::string::npos)
      << r.status().ToString();

  // A list claiming two billion schema elements.
  CompactWriter l;
  l.BeginStruct();
  l.WriteListFieldHeader(2, ThriftType::kStruct, 2000000000);
  r = DeserializeFileMetaData(l.buffer());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("2000000000 elements"), std::string::npos)
      << r.status().ToString();
}

TEST(ThriftCompact, DeepNestingIsRejected) {
  std::string bytes;
  bytes.push_back(0x1C);  // field 1, struct
  for (int i = 0; i < 10000; ++i) bytes.push_back(0x1C);
  auto r = DeserializeFileMetaData(bytes);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidData);
}

TEST(ThriftCompact, MissingRequiredFieldIsAnError) {
  CompactWriter w;
  w.BeginStruct();
  w.WriteI32Field(1, 1);
  w.EndStruct();
  auto r = DeserializeFileMetaData(w.buffer());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "FileMetaData lacks required field 2");
}

TEST(RleBitPacked, RoundTripsMixedRunsAtEveryWidth) {
  std::mt19937 rng(7);
  for (int bit_width = 1; bit_width <= 32; ++bit_width) {
    uint64_t limit = bit_width == 32 ? 0xFFFFFFFFull : (uint64_t{1} << bit_width) - 1;
    std::vector<uint32_t> values;
    while (values.size() < 3000) {
      uint32_t v = static_cast<uint32_t>(rng() % (limit + 1));
      size_t repeat = rng() % 3 == 0 ? rng() % 40 : 1;  // long runs and literal stretches
      for (size_t k = 0; k < repeat; ++k) values.push_back(v);
    }
    std::string encoded;
    EncodeRleBitPacked(values, bit_width, &encoded);
    std::vector<uint32_t> decoded(values.size());
    RleBitPackedDecoder decoder(reinterpret_cast<const uint8_t*>(encoded.data()), encoded.size(),
                                bit_width);
    ASSERT_TRUE(decoder.Get(decoded.data(), static_cast<int64_t>(decoded.size())).ok());
    ASSERT_EQ(decoded, values) << "bit width " << bit_width;
  }
}

TEST(RleBitPacked, ShortInputIsAnError) {
  std::vector<uint32_t> values(100, 1);
  values[50] = 0;
  std::string encoded;
  EncodeRleBitPacked(values, 1, &encoded);
  std::vector<uint32_t> decoded(200);
  RleBitPackedDecoder decoder(reinterpret_cast<const uint8_t*>(encoded.data()), encoded.size(), 1);
  Status st = decoder.Get(decoded.data(), 200);
  EXPECT_EQ(st.code(), StatusCode::kInvalidData);
}

TEST(RleBitPacked, BitWidthFor) {
  EXPECT_EQ(BitWidthFor(0), 1);
  EXPECT_EQ(BitWidthFor(1), 1);
  EXPECT_EQ(BitWidthFor(2), 2);
  EXPECT_EQ(BitWidthFor(255), 8);
  EXPECT_EQ(BitWidthFor(256), 9);
}

}  // namespace
}  // namespace inlet::parquet

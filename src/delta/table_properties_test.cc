#include "delta/table_properties.h"

#include <gtest/gtest.h>

namespace inlet {
namespace {

using Configuration = std::map<std::string, std::string>;

// The stored key, or the error message.
std::string Validate(std::string_view key, std::string_view value) {
  Result<std::string> canonical = ValidateTableProperty(key, value);
  return canonical.ok() ? *canonical : canonical.status().message();
}

std::string ErrorOf(const Result<Configuration>& result) {
  EXPECT_FALSE(result.ok());
  return result.ok() ? "<ok>" : result.status().message();
}

TEST(TablePropertiesTest, ByteSizes) {
  EXPECT_EQ(*ParseByteSize("134217728"), 134217728);
  EXPECT_EQ(*ParseByteSize("128mb"), int64_t{128} << 20);
  EXPECT_EQ(*ParseByteSize(" 1GB "), int64_t{1} << 30);
  EXPECT_EQ(*ParseByteSize("64k"), 64 << 10);
  EXPECT_EQ(*ParseByteSize("10b"), 10);
  EXPECT_EQ(*ParseByteSize("2Tb"), int64_t{2} << 40);
  EXPECT_EQ(*ParseByteSize("1pb"), int64_t{1} << 50);
  EXPECT_EQ(*ParseByteSize("0"), 0);
  for (const char* bad : {"", "mb", "12.5mb", "-1", "128 mb", "1xb", "0x10"}) {
    Result<int64_t> size = ParseByteSize(bad);
    ASSERT_FALSE(size.ok()) << bad;
    EXPECT_EQ(size.status().message(),
              "'" + std::string(bad) +
                  "' is not a size such as '128mb' or '134217728' (units b, kb, mb, gb, tb, pb)");
  }
  EXPECT_EQ(ParseByteSize("8192pb").status().message(), "'8192pb' is too large a size");
  EXPECT_EQ(ParseByteSize("99999999999999999999").status().message(),
            "'99999999999999999999' is too large a size");
  EXPECT_EQ(*ParseByteSize("8191pb"), int64_t{8191} << 50);
}

TEST(TablePropertiesTest, KnownKeysAreMatchedCaseInsensitivelyAndStoredCanonically) {
  EXPECT_EQ(Validate("delta.appendOnly", "true"), "delta.appendOnly");
  EXPECT_EQ(Validate("DELTA.APPENDONLY", "FALSE"), "delta.appendOnly");
  EXPECT_EQ(Validate("delta.targetfilesize", "64mb"), "delta.targetFileSize");
  EXPECT_EQ(Validate("Inlet.Parquet.Compression", "ZSTD"), "inlet.parquet.compression");
  // Other engines' keys are kept as given.
  EXPECT_EQ(Validate("owner.Team", "data"), "owner.Team");
  EXPECT_EQ(Validate("comment", ""), "comment");
}

TEST(TablePropertiesTest, CanonicalKeys) {
  EXPECT_EQ(CanonicalPropertyKey("DELTA.appendonly"), "delta.appendOnly");
  EXPECT_EQ(CanonicalPropertyKey("inlet.PARQUET.rowgroupsize"), "inlet.parquet.rowGroupSize");
  EXPECT_EQ(CanonicalPropertyKey("delta.unknown"), "delta.unknown");
  EXPECT_EQ(CanonicalPropertyKey("Owner"), "Owner");
}

TEST(TablePropertiesTest, UnknownDeltaAndInletKeysListTheKnownOnes) {
  EXPECT_EQ(Validate("delta.apendOnly", "true"),
            "unknown Delta table property 'delta.apendOnly'; inlet accepts delta.appendOnly, "
            "delta.autoOptimize.autoCompact, delta.autoOptimize.optimizeWrite, "
            "delta.checkpoint.writeStatsAsJson, delta.checkpoint.writeStatsAsStruct, "
            "delta.checkpointInterval, delta.columnMapping.mode, "
            "delta.dataSkippingNumIndexedCols, delta.deletedFileRetentionDuration, "
            "delta.enableChangeDataFeed, delta.enableDeletionVectors, "
            "delta.enableExpiredLogCleanup, delta.enableRowTracking, "
            "delta.enableTypeWidening, delta.isolationLevel, delta.logRetentionDuration, "
            "delta.setTransactionRetentionDuration, delta.targetFileSize, "
            "delta.tuneFileSizesForRewrites");
  EXPECT_EQ(Validate("inlet.parquet.codec", "zstd"),
            "unknown inlet table property 'inlet.parquet.codec'; inlet's properties are "
            "inlet.copy.modifiedFiles, inlet.parquet.compression, inlet.parquet.compressionLevel, "
            "inlet.parquet.dataPageVersion, inlet.parquet.rowGroupSize, "
            "inlet.vacuum.retentionDurationCheck");
  EXPECT_EQ(Validate("", "x"), "a table property key cannot be empty");
  EXPECT_EQ(Validate("  ", "x"), "a table property key cannot be empty");
}

TEST(TablePropertiesTest, DeltaValuesAreChecked) {
  EXPECT_EQ(Validate("delta.appendOnly", "yes"),
            "delta.appendOnly must be true or false, not 'yes'");
  EXPECT_EQ(Validate("delta.checkpointInterval", "10"), "delta.checkpointInterval");
  EXPECT_EQ(Validate("delta.checkpointInterval", "0"),
            "delta.checkpointInterval must be a positive integer, not '0'");
  EXPECT_EQ(Validate("delta.checkpointInterval", "ten"),
            "delta.checkpointInterval must be a positive integer, not 'ten'");
  EXPECT_EQ(Validate("delta.dataSkippingNumIndexedCols", "-1"), "delta.dataSkippingNumIndexedCols");
  EXPECT_EQ(
      Validate("delta.dataSkippingNumIndexedCols", "-2"),
      "delta.dataSkippingNumIndexedCols must be -1 (all columns) or a column count, not '-2'");

  for (const char* interval : {"interval 30 days", "30 days", "INTERVAL 1 week 2 hours",
                               "interval 0 seconds", " interval  7  days "}) {
    EXPECT_EQ(Validate("delta.logRetentionDuration", interval), "delta.logRetentionDuration")
        << interval;
  }
  for (const char* bad : {"interval", "30", "interval 1 month", "interval -1 days", "days 30",
                          "interval 1 day 2", ""}) {
    EXPECT_EQ(Validate("delta.deletedFileRetentionDuration", bad),
              "delta.deletedFileRetentionDuration must be an interval such as 'interval 30 days' "
              "(units: weeks, days, hours, minutes, seconds, milliseconds, microseconds), not '" +
                  std::string(bad) + "'")
        << bad;
  }

  EXPECT_EQ(Validate("delta.targetFileSize", "1gb"), "delta.targetFileSize");
  EXPECT_EQ(Validate("delta.targetFileSize", "big"),
            "delta.targetFileSize: 'big' is not a size such as '128mb' or '134217728' (units b, "
            "kb, mb, gb, tb, pb)");
  EXPECT_EQ(Validate("delta.targetFileSize", "0kb"),
            "delta.targetFileSize must be at least 1 byte");
  EXPECT_EQ(Validate("delta.isolationLevel", "writeserializable"), "delta.isolationLevel");
  EXPECT_EQ(Validate("delta.isolationLevel", "snapshot"),
            "delta.isolationLevel must be Serializable or WriteSerializable, not 'snapshot'");
  EXPECT_EQ(Validate("delta.autoOptimize.autoCompact", "auto"), "delta.autoOptimize.autoCompact");
  EXPECT_EQ(Validate("delta.autoOptimize.autoCompact", "TRUE"), "delta.autoOptimize.autoCompact");
  EXPECT_EQ(Validate("delta.autoOptimize.autoCompact", "often"),
            "delta.autoOptimize.autoCompact must be auto, legacy, true or false, not 'often'");
}

TEST(TablePropertiesTest, IntervalsInMilliseconds) {
  EXPECT_EQ(*ParseIntervalMillis("interval 30 days"), 30LL * 24 * 3600 * 1000);
  EXPECT_EQ(*ParseIntervalMillis("1 week 2 hours"), (7 * 24 + 2) * 3600 * 1000LL);
  EXPECT_EQ(*ParseIntervalMillis("INTERVAL 1 second 500 milliseconds"), 1500);
  EXPECT_EQ(*ParseIntervalMillis("interval 2500 microseconds"), 2);
  EXPECT_EQ(*ParseIntervalMillis("interval 0 seconds"), 0);
  EXPECT_EQ(ParseIntervalMillis("interval 1 month").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseIntervalMillis("interval 9223372036854775807 weeks").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(Validate("delta.enableExpiredLogCleanup", "FALSE"), "delta.enableExpiredLogCleanup");
  EXPECT_EQ(Validate("delta.enableExpiredLogCleanup", "no"),
            "delta.enableExpiredLogCleanup must be true or false, not 'no'");
}

TEST(TablePropertiesTest, FeaturesInletCannotWriteStayOff) {
  // Deletion vectors are read, and appends add files without one: the feature can be on.
  EXPECT_EQ(Validate("delta.enableDeletionVectors", "false"), "delta.enableDeletionVectors");
  EXPECT_EQ(Validate("delta.enableDeletionVectors", "true"), "delta.enableDeletionVectors");
  EXPECT_EQ(Validate("delta.enableDeletionVectors", "yes"),
            "delta.enableDeletionVectors must be true or false, not 'yes'");
  EXPECT_EQ(Validate("delta.enableChangeDataFeed", "TRUE"),
            "delta.enableChangeDataFeed = true turns on the Delta feature changeDataFeed, which "
            "inlet cannot write yet");
  EXPECT_EQ(Validate("delta.enableRowTracking", "true"),
            "delta.enableRowTracking = true turns on the Delta feature rowTracking, which inlet "
            "cannot write yet");
  EXPECT_EQ(Validate("delta.enableRowTracking", "maybe"),
            "delta.enableRowTracking must be true or false, not 'maybe'");
  EXPECT_EQ(Validate("delta.columnMapping.mode", "None"), "delta.columnMapping.mode");
  EXPECT_EQ(Validate("delta.columnMapping.mode", "name"), "delta.columnMapping.mode");
  EXPECT_EQ(Validate("delta.columnMapping.mode", "ID"), "delta.columnMapping.mode");
  EXPECT_EQ(Validate("delta.columnMapping.mode", "path"),
            "delta.columnMapping.mode must be none, name or id, not 'path'");
}

TEST(TablePropertiesTest, InletValuesAreChecked) {
  for (const char* codec : {"snappy", "ZSTD", "gzip", "lz4_raw", "none", "Uncompressed"}) {
    EXPECT_EQ(Validate("inlet.parquet.compression", codec), "inlet.parquet.compression") << codec;
  }
  EXPECT_EQ(Validate("inlet.parquet.compression", "brotli"),
            "inlet.parquet.compression must be snappy, zstd, gzip, lz4_raw or none (also "
            "uncompressed), not 'brotli'");
  EXPECT_EQ(Validate("inlet.parquet.compressionLevel", "high"),
            "inlet.parquet.compressionLevel must be an integer, not 'high'");
  EXPECT_EQ(Validate("inlet.parquet.DATAPAGEVERSION", "2"), "inlet.parquet.dataPageVersion");
  EXPECT_EQ(Validate("inlet.parquet.dataPageVersion", "1"), "inlet.parquet.dataPageVersion");
  for (const char* version : {"3", "0", "v2", "2.0", " 2", ""}) {
    EXPECT_EQ(Validate("inlet.parquet.dataPageVersion", version),
              std::string("inlet.parquet.dataPageVersion must be 1 or 2, not '") + version + "'");
  }
  EXPECT_EQ(Validate("inlet.parquet.rowGroupSize", "8mb"), "inlet.parquet.rowGroupSize");
  EXPECT_EQ(Validate("inlet.parquet.rowGroupSize", "8 mb"),
            "inlet.parquet.rowGroupSize: '8 mb' is not a size such as '128mb' or '134217728' "
            "(units b, kb, mb, gb, tb, pb)");
}

TEST(TablePropertiesTest, DataFilePropertiesFromConfiguration) {
  EXPECT_EQ(*DataFilePropertiesFrom({}), DataFileProperties{});
  DataFileProperties expected;
  expected.target_file_bytes = int64_t{64} << 20;
  expected.compression = DataFileCompression::kZstd;
  expected.compression_level = 9;
  expected.row_group_bytes = int64_t{16} << 20;
  expected.data_page_version = 2;
  EXPECT_EQ(*DataFilePropertiesFrom({{"delta.targetFileSize", "64mb"},
                                     {"inlet.parquet.compression", "zstd"},
                                     {"inlet.parquet.compressionLevel", "9"},
                                     {"inlet.parquet.rowGroupSize", "16777216"},
                                     {"inlet.parquet.dataPageVersion", "2"},
                                     {"delta.appendOnly", "true"},
                                     {"owner", "me"}}),
            expected);

  DataFileProperties gzip;
  gzip.compression = DataFileCompression::kGzip;
  EXPECT_EQ(*DataFilePropertiesFrom({{"inlet.parquet.compression", "GZIP"}}), gzip);
  gzip.compression_level = 1;
  gzip.data_page_version = 1;
  EXPECT_EQ(*DataFilePropertiesFrom({{"inlet.parquet.compression", "GZIP"},
                                     {"inlet.parquet.compressionLevel", "1"},
                                     {"inlet.parquet.dataPageVersion", "1"}}),
            gzip);
  DataFileProperties none;
  none.compression = DataFileCompression::kUncompressed;
  EXPECT_EQ(*DataFilePropertiesFrom({{"inlet.parquet.compression", "uncompressed"}}), none);
  DataFileProperties lz4;
  lz4.compression = DataFileCompression::kLz4Raw;
  EXPECT_EQ(*DataFilePropertiesFrom({{"inlet.parquet.compression", "lz4_raw"}}), lz4);
}

TEST(TablePropertiesTest, MalformedValuesFromOtherEnginesAreErrors) {
  auto error = [](const Configuration& configuration) {
    Result<DataFileProperties> properties = DataFilePropertiesFrom(configuration);
    return properties.ok() ? std::string("<ok>") : properties.status().message();
  };
  EXPECT_EQ(error({{"delta.targetFileSize", "huge"}}),
            "delta.targetFileSize: 'huge' is not a size such as '128mb' or '134217728' (units b, "
            "kb, mb, gb, tb, pb)");
  EXPECT_EQ(error({{"inlet.parquet.rowGroupSize", "0"}}),
            "inlet.parquet.rowGroupSize must be at least 1 byte");
  EXPECT_EQ(error({{"inlet.parquet.compression", "lzo"}}),
            "inlet.parquet.compression must be snappy, zstd, gzip, lz4_raw or none (also "
            "uncompressed), not 'lzo'");
  EXPECT_EQ(error({{"inlet.parquet.compressionLevel", "x"}, {"inlet.parquet.compression", "zstd"}}),
            "inlet.parquet.compressionLevel must be an integer, not 'x'");
  EXPECT_EQ(error({{"inlet.parquet.dataPageVersion", "v2"}}),
            "inlet.parquet.dataPageVersion must be 1 or 2, not 'v2'");
}

TEST(TablePropertiesTest, CompressionLevelNeedsACodecThatTakesOne) {
  auto error = [](const Configuration& configuration) {
    Result<DataFileProperties> properties = DataFilePropertiesFrom(configuration);
    return properties.ok() ? std::string("<ok>") : properties.status().message();
  };
  EXPECT_EQ(error({{"inlet.parquet.compressionLevel", "3"}}),
            "inlet.parquet.compressionLevel is only for zstd and gzip, but "
            "inlet.parquet.compression is not set (snappy)");
  EXPECT_EQ(
      error({{"inlet.parquet.compression", "lz4_raw"}, {"inlet.parquet.compressionLevel", "3"}}),
      "inlet.parquet.compressionLevel is only for zstd and gzip, but inlet.parquet.compression "
      "is lz4_raw");
  EXPECT_EQ(error({{"inlet.parquet.compression", "none"}, {"inlet.parquet.compressionLevel", "3"}}),
            "inlet.parquet.compressionLevel is only for zstd and gzip, but "
            "inlet.parquet.compression is none");
  EXPECT_EQ(error({{"inlet.parquet.compression", "gzip"}, {"inlet.parquet.compressionLevel", "9"}}),
            "<ok>");
  EXPECT_EQ(error({{"inlet.parquet.compression", "gzip"}, {"inlet.parquet.compressionLevel", "1"}}),
            "<ok>");
  EXPECT_EQ(
      error({{"inlet.parquet.compression", "gzip"}, {"inlet.parquet.compressionLevel", "10"}}),
      "inlet.parquet.compressionLevel for gzip must be from 1 to 9, not '10'");
  EXPECT_EQ(error({{"inlet.parquet.compression", "gzip"}, {"inlet.parquet.compressionLevel", "0"}}),
            "inlet.parquet.compressionLevel for gzip must be from 1 to 9, not '0'");
  EXPECT_EQ(
      error({{"inlet.parquet.compression", "zstd"}, {"inlet.parquet.compressionLevel", "23"}}),
      "inlet.parquet.compressionLevel for zstd must be from 1 to 22, not '23'");
  EXPECT_EQ(error({{"inlet.parquet.compression", "zstd"}, {"inlet.parquet.compressionLevel", "0"}}),
            "inlet.parquet.compressionLevel for zstd must be from 1 to 22, not '0'");
  EXPECT_EQ(
      error({{"inlet.parquet.compression", "zstd"}, {"inlet.parquet.compressionLevel", "22"}}),
      "<ok>");
  EXPECT_EQ(
      error({{"inlet.parquet.compression", "zstd"}, {"inlet.parquet.compressionLevel", "+1"}}),
      "<ok>");
}

TEST(TablePropertiesTest, SetAndUnset) {
  Result<Configuration> set = WithTableProperties(
      {{"owner", "me"}, {"delta.appendOnly", "false"}},
      {{"DELTA.appendonly", "true"}, {"inlet.parquet.compression", "zstd"}, {"Team", "raw"}});
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ(*set, (Configuration{{"owner", "me"},
                                 {"delta.appendOnly", "true"},
                                 {"inlet.parquet.compression", "zstd"},
                                 {"Team", "raw"}}));
  EXPECT_EQ(ErrorOf(WithTableProperties(
                {}, {{"delta.appendOnly", "true"}, {"Delta.AppendOnly", "false"}})),
            "table property 'delta.appendOnly' is given twice");
  EXPECT_EQ(ErrorOf(WithTableProperties({}, {{"delta.appendOnly", "1"}})),
            "delta.appendOnly must be true or false, not '1'");
  // The whole configuration must go together, not just the keys being set.
  EXPECT_EQ(ErrorOf(WithTableProperties(
                {{"inlet.parquet.compression", "zstd"}, {"inlet.parquet.compressionLevel", "15"}},
                {{"inlet.parquet.compression", "gzip"}})),
            "inlet.parquet.compressionLevel for gzip must be from 1 to 9, not '15'");

  Result<Configuration> unset =
      WithoutTableProperties(*set, {"delta.APPENDONLY", "Team"}, /*if_exists=*/false);
  ASSERT_TRUE(unset.ok()) << unset.status().ToString();
  EXPECT_EQ(*unset, (Configuration{{"owner", "me"}, {"inlet.parquet.compression", "zstd"}}));
  EXPECT_EQ(
      ErrorOf(WithoutTableProperties(*set, {"team"}, /*if_exists=*/false)),
      "the table has no property 'team' (UNSET TBLPROPERTIES IF EXISTS ignores missing ones)");
  EXPECT_EQ(
      *WithoutTableProperties(*set, {"team", "owner"}, /*if_exists=*/true),
      (Configuration{
          {"delta.appendOnly", "true"}, {"inlet.parquet.compression", "zstd"}, {"Team", "raw"}}));
  EXPECT_EQ(ErrorOf(WithoutTableProperties(
                {{"inlet.parquet.compression", "zstd"}, {"inlet.parquet.compressionLevel", "5"}},
                {"inlet.parquet.compression"}, /*if_exists=*/false)),
            "inlet.parquet.compressionLevel is only for zstd and gzip, but "
            "inlet.parquet.compression is not set (snappy)");
}

TEST(TablePropertiesTest, CompressionNames) {
  EXPECT_STREQ(DataFileCompressionName(DataFileCompression::kUncompressed), "none");
  EXPECT_STREQ(DataFileCompressionName(DataFileCompression::kSnappy), "snappy");
  EXPECT_STREQ(DataFileCompressionName(DataFileCompression::kGzip), "gzip");
  EXPECT_STREQ(DataFileCompressionName(DataFileCompression::kLz4Raw), "lz4_raw");
  EXPECT_STREQ(DataFileCompressionName(DataFileCompression::kZstd), "zstd");
}

}  // namespace
}  // namespace inlet

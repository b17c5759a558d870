#include "formats/csv/datetime_format.h"

#include <gtest/gtest.h>

#include "types/cast.h"

namespace inlet {
namespace {

DateTimeFormat Snowflake(std::string_view format) {
  return *DateTimeFormat::Compile(format, DateTimeFormatStyle::kSnowflake, "DATE_FORMAT");
}
DateTimeFormat Firebolt(std::string_view format) {
  return *DateTimeFormat::Compile(format, DateTimeFormatStyle::kFirebolt, "DATE_FORMAT");
}

std::string Date(const DateTimeFormat& format, std::string_view text) {
  int32_t days = 0;
  if (!format.ParseDate(text, &days)) return "no match";
  return FormatDate(days);
}

std::string Timestamp(const DateTimeFormat& format, std::string_view text) {
  int64_t micros = 0;
  std::optional<int> zone;
  if (!format.ParseTimestamp(text, &micros, &zone)) return "no match";
  std::string out = FormatTimestamp(micros);
  if (zone) out += " zone " + std::to_string(*zone);
  return out;
}

std::string CompileError(std::string_view format,
                         DateTimeFormatStyle style = DateTimeFormatStyle::kSnowflake) {
  auto compiled = DateTimeFormat::Compile(format, style, "TIMESTAMP_FORMAT");
  return compiled.ok() ? "OK" : compiled.status().message();
}

TEST(DateTimeFormatTest, SnowflakeDateElements) {
  EXPECT_EQ(Date(Snowflake("YYYY-MM-DD"), "2024-03-09"), "2024-03-09");
  EXPECT_EQ(Date(Snowflake("YYYY-MM-DD"), "2024-3-9"), "2024-03-09");
  EXPECT_EQ(Date(Snowflake("DD/MM/YYYY"), "09/03/2024"), "2024-03-09");
  EXPECT_EQ(Date(Snowflake("MM/DD/YY"), "03/09/24"), "2024-03-09");
  EXPECT_EQ(Date(Snowflake("MM/DD/YY"), "03/09/85"), "1985-03-09");
  EXPECT_EQ(Date(Snowflake("DD-MON-YYYY"), "09-mar-2024"), "2024-03-09");
  EXPECT_EQ(Date(Snowflake("MMMM DD, YYYY"), "March 9, 2024"), "2024-03-09");
  EXPECT_EQ(Date(Snowflake("DY, DD MON YYYY"), "Sat, 09 Mar 2024"), "2024-03-09");
  EXPECT_EQ(Date(Snowflake("YYYYMMDD"), "20240309"), "2024-03-09");
  EXPECT_EQ(Date(Snowflake("\"day\" DD \"of\" MM YYYY"), "day 9 of 3 2024"), "2024-03-09");
  EXPECT_EQ(Date(Snowflake("yyyy-mm-dd"), "2024-02-29"), "2024-02-29");
}

TEST(DateTimeFormatTest, ValuesThatDoNotMatch) {
  DateTimeFormat iso = Snowflake("YYYY-MM-DD");
  EXPECT_EQ(Date(iso, "2024/03/09"), "no match");
  EXPECT_EQ(Date(iso, "2024-03-09x"), "no match");
  EXPECT_EQ(Date(iso, "2023-02-29"), "no match");
  EXPECT_EQ(Date(iso, "2024-13-01"), "no match");
  EXPECT_EQ(Date(iso, ""), "no match");
  EXPECT_EQ(Date(Snowflake("DD-MON-YYYY"), "09-Foo-2024"), "no match");
}

TEST(DateTimeFormatTest, SnowflakeTimeElements) {
  DateTimeFormat f = Snowflake("YYYY-MM-DD HH24:MI:SS.FF3");
  EXPECT_EQ(Timestamp(f, "2024-03-09 23:59:58.123"), "2024-03-09 23:59:58.123");
  EXPECT_EQ(Timestamp(Snowflake("YYYY-MM-DD\"T\"HH24:MI:SS"), "2024-03-09T01:02:03"),
            "2024-03-09 01:02:03");
  EXPECT_EQ(Timestamp(Snowflake("YYYY-MM-DDTHH:MI:SS"), "2024-03-09T13:02:03"),
            "2024-03-09 13:02:03");
  DateTimeFormat twelve = Snowflake("MM/DD/YYYY HH12:MI AM");
  EXPECT_EQ(Timestamp(twelve, "03/09/2024 12:05 AM"), "2024-03-09 00:05:00");
  EXPECT_EQ(Timestamp(twelve, "03/09/2024 01:05 pm"), "2024-03-09 13:05:00");
  EXPECT_EQ(Timestamp(twelve, "03/09/2024 13:05 PM"), "no match");
  EXPECT_EQ(Timestamp(Snowflake("YYYY-MM-DD HH24:MI:SS.FF9"), "2024-03-09 00:00:00.123456789"),
            "2024-03-09 00:00:00.123456");
  EXPECT_EQ(Timestamp(Snowflake("YYYY-MM-DD HH24:MI:SS.FF"), "2024-03-09 00:00:00.5"),
            "2024-03-09 00:00:00.5");
  EXPECT_EQ(Timestamp(Snowflake("YYYY-MM-DD HH24:MI:SS TZH:TZM"), "2024-03-09 10:00:00 +05:30"),
            "2024-03-09 10:00:00 zone 330");
  EXPECT_EQ(Timestamp(Snowflake("YYYY-MM-DD HH24:MI:SSTZHTZM"), "2024-03-09 10:00:00-0800"),
            "2024-03-09 10:00:00 zone -480");
  EXPECT_EQ(Timestamp(Snowflake("YYYY-MM-DD HH24:MI:SS TZH"), "2024-03-09 10:00:00 Z"),
            "2024-03-09 10:00:00 zone 0");
  EXPECT_EQ(Timestamp(f, "2024-03-09 24:00:00.000"), "no match");
  int64_t micros = 0;
  EXPECT_TRUE(Snowflake("HH24.MI.SS").ParseTime("07.08.09", &micros));
  EXPECT_EQ(FormatTime(micros), "07:08:09");
}

TEST(DateTimeFormatTest, FireboltElements) {
  EXPECT_EQ(Date(Firebolt("DD Month YYYY"), "9 march 2024"), "2024-03-09");
  EXPECT_EQ(Date(Firebolt("YYYY DDD"), "2024 069"), "2024-03-09");
  EXPECT_EQ(Date(Firebolt("YYYY DDD"), "2023 366"), "no match");
  EXPECT_EQ(Date(Firebolt("Day, DD Mon YYYY"), "Saturday, 09 Mar 2024"), "2024-03-09");
  EXPECT_EQ(Timestamp(Firebolt("YYYY-MM-DD HH:MI:SS A.M."), "2024-03-09 11:00:00 P.M."),
            "2024-03-09 23:00:00");
  EXPECT_EQ(Timestamp(Firebolt("YYYY-MM-DD HH24:MI:SS.MS"), "2024-03-09 11:00:00.25"),
            "2024-03-09 11:00:00.25");
  EXPECT_EQ(Timestamp(Firebolt("YYYY-MM-DD HH24:MI:SS.US"), "2024-03-09 11:00:00.000007"),
            "2024-03-09 11:00:00.000007");
  EXPECT_EQ(Timestamp(Firebolt("YYYY-MM-DD HH24:MI:SS.FF2"), "2024-03-09 11:00:00.99"),
            "2024-03-09 11:00:00.99");
}

TEST(DateTimeFormatTest, BadFormatsNameTheOption) {
  EXPECT_EQ(CompileError(""), "TIMESTAMP_FORMAT '': the format is empty");
  EXPECT_EQ(CompileError("YYYY-QQ"),
            "TIMESTAMP_FORMAT 'YYYY-QQ': unknown format element at 'QQ'; put literal text in "
            "double quotes");
  EXPECT_EQ(CompileError("YYYY-MM-DD \"at"), "TIMESTAMP_FORMAT 'YYYY-MM-DD \"at': unclosed '\"' "
                                             "in the format");
  EXPECT_EQ(CompileError("YYYY-MM-DD YYYY"),
            "TIMESTAMP_FORMAT 'YYYY-MM-DD YYYY': the year appears twice");
  EXPECT_EQ(CompileError("HH24:MI AM"),
            "TIMESTAMP_FORMAT 'HH24:MI AM': AM/PM goes with HH12, not a 24-hour hour");
  EXPECT_EQ(CompileError("HH24:MI:SS.FF0"),
            "TIMESTAMP_FORMAT 'HH24:MI:SS.FF0': FF0 reads no digits; use FF1 to FF9, or FF for "
            "up to 9");
  // MMMM is Snowflake's full month name; Firebolt spells it MONTH.
  EXPECT_EQ(CompileError("MMMM", DateTimeFormatStyle::kFirebolt),
            "TIMESTAMP_FORMAT 'MMMM': the month appears twice");
  EXPECT_EQ(CompileError("US", DateTimeFormatStyle::kSnowflake),
            "TIMESTAMP_FORMAT 'US': unknown format element at 'US'; put literal text in double "
            "quotes");
}

}  // namespace
}  // namespace inlet

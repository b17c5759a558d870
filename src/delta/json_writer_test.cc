#include "delta/json_writer.h"

#include <gtest/gtest.h>

#include <limits>

namespace inlet {
namespace {

TEST(JsonWriterTest, NestsWithCommas) {
  JsonWriter w;
  w.BeginObject();
  w.StringMember("a", "x");
  w.Key("b");
  w.BeginArray();
  w.Int(1);
  w.Int(-2);
  w.BeginObject();
  w.EndObject();
  w.BeginArray();
  w.EndArray();
  w.EndArray();
  w.Key("c");
  w.Bool(true);
  w.Key("d");
  w.Null();
  w.Key("e");
  w.Raw("{\"k\":[1]}");
  w.EndObject();
  EXPECT_EQ(w.str(), R"json({"a":"x","b":[1,-2,{},[]],"c":true,"d":null,"e":{"k":[1]}})json");
}

TEST(JsonWriterTest, EscapesStrings) {
  std::string out;
  AppendJsonString("q\"b\\n\nt\tc\x01\x1f/é😈", &out);
  EXPECT_EQ(out, "\"q\\\"b\\\\n\\nt\\tc\\u0001\\u001f/é😈\"");
}

TEST(JsonWriterTest, ReplacesInvalidUtf8) {
  std::string out;
  AppendJsonString(std::string("a\xff"
                               "b\xc3",
                               4),
                   &out);
  EXPECT_EQ(out,
            "\"a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD\"");
  out.clear();
  AppendJsonString("\xed\xa0\x80", &out);  // an encoded UTF-16 surrogate
  EXPECT_EQ(out, "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
}

TEST(JsonWriterTest, NumbersAsJavaWritesThem) {
  JsonWriter w;
  w.BeginArray();
  w.Double(0.0);
  w.Double(4.0);
  w.Double(234234.23);
  w.Double(-1.5e-7);
  w.Float(0.234f);
  w.Float(1.0f);
  w.Int(std::numeric_limits<int64_t>::min());
  w.Double(std::numeric_limits<double>::quiet_NaN());
  w.Double(std::numeric_limits<double>::infinity());
  w.EndArray();
  EXPECT_EQ(w.str(), "[0.0,4.0,234234.23,-1.5e-07,0.234,1.0,-9223372036854775808,null,null]");
}

TEST(Utf8Test, DecodesAndEncodes) {
  std::string s = "aé€😈";
  size_t pos = 0;
  std::vector<uint32_t> cps;
  uint32_t cp;
  while (pos < s.size()) {
    ASSERT_TRUE(NextUtf8CodePoint(s, &pos, &cp));
    cps.push_back(cp);
  }
  EXPECT_EQ(cps, (std::vector<uint32_t>{0x61, 0xE9, 0x20AC, 0x1F608}));
  std::string back;
  for (uint32_t c : cps) AppendUtf8(c, &back);
  EXPECT_EQ(back, s);
  pos = 0;
  EXPECT_FALSE(NextUtf8CodePoint("\xc0\x80", &pos, &cp));  // overlong
  EXPECT_EQ(pos, 1u);
}

}  // namespace
}  // namespace inlet

#include "io/text_decoding.h"

#include <errno.h>
#include <gtest/gtest.h>
#include <iconv.h>

#include <algorithm>

#include "io/trickle_input_stream.h"

namespace inlet {
namespace {

/// `utf8` in `charset`, by glibc's iconv (the test's own conversion, one shot).
std::string Encode(const std::string& utf8, const char* charset) {
  iconv_t cd = iconv_open(charset, "UTF-8");
  EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1)) << charset;
  std::string out(utf8.size() * 4 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* o = out.data();
  size_t out_left = out.size();
  EXPECT_NE(iconv(cd, &in, &in_left, &o, &out_left), static_cast<size_t>(-1)) << charset;
  iconv(cd, nullptr, nullptr, &o, &out_left);
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

Result<std::string> Decode(std::string bytes, const std::string& encoding,
                           bool replace_invalid = false, int64_t chunk = 1 << 16) {
  TextDecoding decoding;
  INLET_ASSIGN_OR_RETURN(decoding.charset, CharsetFromName(encoding));
  decoding.replace_invalid = replace_invalid;
  INLET_ASSIGN_OR_RETURN(
      std::unique_ptr<InputStream> in,
      MakeUtf8Stream(std::make_unique<TrickleInputStream>(std::move(bytes), chunk), decoding));
  // Odd read sizes, so output is handed out across decoded chunks too.
  std::string out;
  std::string buffer(7, '\0');
  while (true) {
    INLET_ASSIGN_OR_RETURN(int64_t n, in->Read(7, buffer.data()));
    if (n == 0) return out;
    out.append(buffer.data(), static_cast<size_t>(n));
  }
}

std::string Repeat(const std::string& line, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += std::to_string(i) + "," + line + "\n";
  return out;
}

TEST(TextDecodingTest, CharsetNamesOfSnowflakeAndIconv) {
  EXPECT_EQ(*CharsetFromName("UTF8"), "UTF-8");
  EXPECT_EQ(*CharsetFromName("utf-8"), "UTF-8");
  EXPECT_EQ(*CharsetFromName("UTF16LE"), "UTF-16LE");
  EXPECT_EQ(*CharsetFromName("utf_32be"), "UTF-32BE");
  EXPECT_EQ(*CharsetFromName("ISO88591"), "ISO-8859-1");
  EXPECT_EQ(*CharsetFromName("iso-8859-15"), "ISO-8859-15");
  EXPECT_EQ(*CharsetFromName("WINDOWS1252"), "WINDOWS-1252");
  EXPECT_EQ(*CharsetFromName("windows-1256"), "WINDOWS-1256");
  EXPECT_EQ(*CharsetFromName("SHIFTJIS"), "SHIFT_JIS");
  EXPECT_EQ(*CharsetFromName("sjis"), "SHIFT_JIS");
  EXPECT_EQ(*CharsetFromName("EUCJP"), "EUC-JP");
  EXPECT_EQ(*CharsetFromName("KOI8R"), "KOI8-R");
  EXPECT_EQ(*CharsetFromName("ISO2022JP"), "ISO-2022-JP");
  EXPECT_EQ(*CharsetFromName("latin1"), "LATIN1");
  EXPECT_EQ(*CharsetFromName("cp1252"), "CP1252");
  // Every value of Snowflake's ENCODING table is known to iconv here.
  for (const char* name :
       {"BIG5", "EUCJP", "EUCKR", "GB18030", "IBM420", "IBM424", "ISO2022CN", "ISO2022JP",
        "ISO2022KR", "ISO88591", "ISO88592", "ISO88595", "ISO88596", "ISO88597", "ISO88598",
        "ISO88599", "KOI8R", "SHIFTJIS", "UTF8", "UTF16BE", "UTF16LE", "UTF32BE", "UTF32LE",
        "WINDOWS1250", "WINDOWS1251", "WINDOWS1252", "WINDOWS1253", "WINDOWS1254", "WINDOWS1255",
        "WINDOWS1256"}) {
    EXPECT_TRUE(CharsetFromName(name).ok()) << name;
  }
  Result<std::string> bad = CharsetFromName("KLINGON");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("unknown ENCODING 'KLINGON'"), std::string::npos);
}

TEST(TextDecodingTest, EveryCharsetFamilyDecodesAcrossChunkBoundaries) {
  struct Case {
    const char* encoding;
    const char* iconv_name;
    std::string text;
  };
  const Case cases[] = {
      {"UTF16LE", "UTF-16LE", "日本語,Grüße,😀"},
      {"UTF16BE", "UTF-16BE", "日本語,Grüße,😀"},
      {"UTF32LE", "UTF-32LE", "日本語,Grüße,😀"},
      {"UTF32BE", "UTF-32BE", "日本語,Grüße,😀"},
      {"ISO88591", "ISO-8859-1", "Grüße,façade,Åre"},
      {"ISO88592", "ISO-8859-2", "Łódź,Příliš"},
      {"ISO88595", "ISO-8859-5", "Привет,мир"},
      {"ISO88597", "ISO-8859-7", "Καλημέρα"},
      {"WINDOWS1251", "WINDOWS-1251", "Привет,мир"},
      {"WINDOWS1252", "WINDOWS-1252", "price €5,“quoted”"},
      {"KOI8R", "KOI8-R", "Привет,мир"},
      {"SHIFTJIS", "SHIFT_JIS", "日本語,カタカナ"},
      {"EUCJP", "EUC-JP", "日本語,カタカナ"},
      {"EUCKR", "EUC-KR", "한국어,안녕"},
      {"BIG5", "BIG5", "繁體中文,臺灣"},
      {"GB18030", "GB18030", "简体中文,😀"},
      {"ISO2022JP", "ISO-2022-JP", "日本語,カタカナ"},
  };
  for (const Case& c : cases) {
    const std::string text = Repeat(c.text, 3000);
    const std::string bytes = Encode(text, c.iconv_name);
    ASSERT_NE(bytes, text) << c.encoding;
    for (int64_t chunk : {1, 3, 7, 1 << 16}) {
      Result<std::string> out = Decode(bytes, c.encoding, false, chunk);
      ASSERT_TRUE(out.ok()) << c.encoding << ": " << out.status().ToString();
      EXPECT_EQ(*out, text) << c.encoding << " chunk " << chunk;
    }
  }
}

TEST(TextDecodingTest, ByteOrderMarks) {
  const std::string text = "a,ü\n1,日\n";
  const std::string le = Encode(text, "UTF-16LE");
  const std::string be = Encode(text, "UTF-16BE");
  // Without ENCODING (UTF-8), a UTF-16 or UTF-32 BOM switches to that charset.
  EXPECT_EQ(*Decode("\xFF\xFE" + le, "UTF8"), text);
  EXPECT_EQ(*Decode("\xFE\xFF" + be, "UTF8"), text);
  EXPECT_EQ(*Decode(std::string("\xFF\xFE\0\0", 4) + Encode(text, "UTF-32LE"), "UTF8", false, 1),
            text);
  EXPECT_EQ(*Decode(std::string("\0\0\xFE\xFF", 4) + Encode(text, "UTF-32BE"), "UTF8"), text);
  // UTF16 takes its byte order from the BOM, big-endian without one.
  EXPECT_EQ(*Decode("\xFF\xFE" + le, "UTF16"), text);
  EXPECT_EQ(*Decode("\xFE\xFF" + be, "UTF16"), text);
  EXPECT_EQ(*Decode(be, "UTF16"), text);
  // A BOM that agrees with the declared byte order is dropped.
  EXPECT_EQ(*Decode("\xFF\xFE" + le, "UTF16LE"), text);
  // A UTF-8 BOM stays for the parser, which skips it.
  EXPECT_EQ(*Decode("\xEF\xBB\xBF" + text, "UTF8"), "\xEF\xBB\xBF" + text);
  // Files shorter than a BOM.
  EXPECT_EQ(*Decode("", "UTF8"), "");
  EXPECT_EQ(*Decode("a", "UTF8"), "a");
  EXPECT_EQ(*Decode("\xFF\xFE", "UTF8"), "");
}

TEST(TextDecodingTest, InvalidBytesAreAnErrorWithLineAndOffset) {
  // 0x85 0x20: a Shift_JIS lead byte followed by a byte that cannot end the character.
  const std::string bytes = Encode("a,b\nc,日\n", "SHIFT_JIS") + "x\x85 y\n";
  Result<std::string> out = Decode(bytes, "SHIFTJIS");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kInvalidData);
  EXPECT_EQ(out.status().message(),
            "line 3: invalid SHIFT_JIS byte sequence at byte " +
                std::to_string(bytes.size() - 4) +
                " (REPLACE_INVALID_CHARACTERS = TRUE replaces it with U+FFFD)");
  // Found the same way when the bad byte arrives alone.
  EXPECT_EQ(Decode(bytes, "SHIFTJIS", false, 1).status().message(), out.status().message());

  Result<std::string> odd = Decode(Encode("ab", "UTF-16LE") + "c", "UTF16LE");
  ASSERT_FALSE(odd.ok());
  EXPECT_EQ(odd.status().message(),
            "line 1: the file ends inside a UTF-16LE character at byte 4 "
            "(REPLACE_INVALID_CHARACTERS = TRUE replaces it with U+FFFD)");
}

TEST(TextDecodingTest, ReplaceInvalidCharacters) {
  EXPECT_EQ(*Decode("x\x85 y\n", "SHIFTJIS", true), "x\uFFFD y\n");
  EXPECT_EQ(*Decode(Encode("ab", "UTF-16LE") + "c", "UTF16LE", true), "ab\uFFFD");
  // UTF-8: each invalid byte becomes U+FFFD; valid sequences cut by chunk ends are kept.
  const std::string good = Repeat("ü,日,😀", 50);
  for (int64_t chunk : {1, 2, 5, 1 << 16}) {
    EXPECT_EQ(*Decode(good, "UTF8", true, chunk), good) << chunk;
    EXPECT_EQ(*Decode("a\xFF" "b\xC3(\xED\xA0\x80\n" + good + "\xE6\x97", "UTF8", true, chunk),
              "a\uFFFD" "b\uFFFD(\uFFFD\uFFFD\uFFFD\n" + good + "\uFFFD\uFFFD")
        << chunk;
  }
  // Without replacement UTF-8 passes through as it is; string columns reject bad values.
  EXPECT_EQ(*Decode("a\xFF\n", "UTF8"), "a\xFF\n");
}

TEST(TextDecodingTest, InputOptions) {
  TextInputOptions options;
  EXPECT_FALSE(*options.Set("delimiter", ","));
  EXPECT_TRUE(*options.Set("compression", "BZ2"));
  EXPECT_EQ(options.compression, Compression::kBzip2);
  EXPECT_TRUE(*options.Set("compression", "auto"));
  EXPECT_FALSE(options.compression.has_value());
  EXPECT_EQ(options.Set("compression", "zip").status().message(),
            "COMPRESSION: unknown compression 'zip': expected AUTO, NONE, GZIP, DEFLATE, "
            "RAW_DEFLATE, BZ2, XZ, ZSTD, LZ4, SNAPPY or BROTLI");
  EXPECT_TRUE(*options.Set("encoding", "WINDOWS1252"));
  EXPECT_EQ(options.decoding.charset, "WINDOWS-1252");
  EXPECT_TRUE(options.Set("encoding", "EBCDIC-XYZ").status().message().starts_with(
      "ENCODING: unknown ENCODING 'EBCDIC-XYZ'"));
  EXPECT_FALSE(options.decoding.replace_invalid);
  EXPECT_TRUE(*options.Set("validate_utf8", "TRUE"));
  EXPECT_FALSE(options.decoding.replace_invalid);
  EXPECT_EQ(options.Set("validate_utf8", "yes").status().message(),
            "VALIDATE_UTF8 must be TRUE or FALSE, got 'yes'");
  EXPECT_TRUE(*options.Set("validate_utf8", "false"));
  EXPECT_TRUE(options.decoding.replace_invalid);
  TextInputOptions firebolt;
  EXPECT_TRUE(*firebolt.Set("replace_non_utf8_bytes", "TRUE"));
  EXPECT_TRUE(firebolt.decoding.replace_invalid);
}

TEST(TextDecodingTest, OpenTextInputDecompressesThenDecodes) {
  TextInputOptions options;
  options.decoding.charset = "WINDOWS-1252";
  options.compression = Compression::kNone;
  const std::string bytes = Encode("a,€\n", "WINDOWS-1252");
  auto in = OpenTextInput(std::make_unique<MemoryInputStream>(bytes), "x.csv.gz", options);
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  EXPECT_EQ(*(*in)->ReadAll(), "a,€\n");
  EXPECT_FALSE(IsPlainText(options, bytes, "x.csv"));
  EXPECT_TRUE(IsPlainText(TextInputOptions{}, "a,b\n", "x.csv"));
  EXPECT_FALSE(IsPlainText(TextInputOptions{}, "a,b\n", "x.csv.gz"));
  EXPECT_FALSE(IsPlainText(TextInputOptions{}, "\xFF\xFE" "a", "x.csv"));
}

}  // namespace
}  // namespace inlet

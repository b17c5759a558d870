#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace inlet {

/// Builds compact JSON text (no whitespace) for Delta log actions and statistics. Commas between
/// members and elements are inserted automatically; the caller pairs Begin/End calls and, inside
/// an object, calls Key() before every value. Not thread safe.
class JsonWriter {
 public:
  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  /// The name of the next object member.
  void Key(std::string_view key);

  void String(std::string_view value);
  void Int(int64_t value);
  /// The shortest text that reads back as `value`, with ".0" on integral values as Java writes
  /// them; NaN and infinities have no JSON spelling and are written as null.
  void Double(double value);
  /// As Double, but the shortest text for the float.
  void Float(float value);
  void Bool(bool value);
  void Null();
  /// Writes `json` unchanged as the next value. REQUIRES: `json` is one valid JSON value.
  void Raw(std::string_view json);

  /// Key(key) followed by String(value), for the common case.
  void StringMember(std::string_view key, std::string_view value);

  const std::string& str() const { return out_; }
  std::string Take() && { return std::move(out_); }

 private:
  // Emits the separator a new value needs in the current container.
  void BeforeValue();

  std::string out_;
  // One entry per open container: true until its first element has been written.
  std::vector<bool> first_;
  // Set by Key(): the value that follows needs no comma of its own.
  bool after_key_ = false;
};

/// Appends `value` to `out` as a quoted JSON string. Control characters and the quote and
/// backslash are escaped; bytes that are not valid UTF-8 become U+FFFD so the output is always
/// valid JSON.
void AppendJsonString(std::string_view value, std::string* out);

/// Decodes the UTF-8 sequence at `*pos` into `*code_point` and advances `*pos` past it. On an
/// invalid or truncated sequence returns false and advances `*pos` by one byte.
bool NextUtf8CodePoint(std::string_view text, size_t* pos, uint32_t* code_point);

/// Appends the UTF-8 encoding of `code_point` (at most U+10FFFF) to `out`.
void AppendUtf8(uint32_t code_point, std::string* out);

}  // namespace inlet

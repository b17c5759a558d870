#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "inlet/result.h"

namespace inlet::parquet {

/// Wire types of the Thrift compact protocol (the low nibble of a field header).
enum class ThriftType : uint8_t {
  kStop = 0,
  kBoolTrue = 1,
  kBoolFalse = 2,
  kByte = 3,
  kI16 = 4,
  kI32 = 5,
  kI64 = 6,
  kDouble = 7,
  kBinary = 8,
  kList = 9,
  kSet = 10,
  kMap = 11,
  kStruct = 12,
};

/// Encodes Thrift structs in the compact protocol into a string it owns. The caller drives it
/// field by field, as generated Thrift code would. Not thread safe.
class CompactWriter {
 public:
  /// Starts a nested struct (as a field value or a list element).
  void BeginStruct();
  /// Writes the stop byte and returns to the enclosing struct.
  void EndStruct();

  void WriteFieldHeader(int16_t id, ThriftType type);
  void WriteBoolField(int16_t id, bool value);
  void WriteI8Field(int16_t id, int8_t value);
  void WriteI32Field(int16_t id, int32_t value);
  void WriteI64Field(int16_t id, int64_t value);
  void WriteBinaryField(int16_t id, std::string_view value);
  /// Writes a field header of type struct; follow with BeginStruct ... EndStruct.
  void WriteStructFieldHeader(int16_t id) { WriteFieldHeader(id, ThriftType::kStruct); }
  /// Writes a list field header; follow with `size` elements.
  void WriteListFieldHeader(int16_t id, ThriftType element_type, int32_t size);

  /// Element writers for lists.
  void WriteBool(bool value);
  void WriteI32(int32_t value);
  void WriteI64(int64_t value);
  void WriteBinary(std::string_view value);

  const std::string& buffer() const { return buffer_; }
  std::string TakeBuffer() { return std::move(buffer_); }

 private:
  void WriteVarint(uint64_t value);
  void WriteListHeader(ThriftType element_type, int32_t size);

  std::string buffer_;
  int16_t last_field_id_ = 0;
  std::vector<int16_t> field_id_stack_;
};

/// One field header read from the wire: `type` is kStop at the end of a struct.
struct FieldHeader {
  int16_t id = 0;
  ThriftType type = ThriftType::kStop;
};

/// Header of a list or set: element type and count.
struct ListHeader {
  ThriftType element_type = ThriftType::kStop;
  int32_t size = 0;
};

/// Decodes the compact protocol from a byte range it does not own. Every length and count is
/// checked against the bytes left before anything is allocated, nesting is limited, and every
/// error is an InvalidData status (callers add the file name). Not thread safe.
class CompactReader {
 public:
  CompactReader(const uint8_t* data, size_t size) : data_(data), end_(data + size), pos_(data) {}
  explicit CompactReader(std::string_view data)
      : CompactReader(reinterpret_cast<const uint8_t*>(data.data()), data.size()) {}

  Status BeginStruct();
  void EndStruct();
  /// The next field header; type kStop ends the current struct.
  Result<FieldHeader> ReadFieldHeader();

  /// A bool field's value is in its header type; elements of a bool list are one byte each.
  Result<bool> ReadBool(ThriftType header_type);
  Result<int8_t> ReadI8();
  Result<int16_t> ReadI16();
  Result<int32_t> ReadI32();
  Result<int64_t> ReadI64();
  Result<double> ReadDouble();
  Result<std::string> ReadBinary();
  /// A list or set header; the count is at most the bytes left (each element takes one or more).
  Result<ListHeader> ReadListHeader();

  /// Skips a value of `type` (unknown fields of newer writers), nesting limited.
  Status Skip(ThriftType type);

  /// Bytes consumed so far.
  size_t position() const { return static_cast<size_t>(pos_ - data_); }

 private:
  Result<uint64_t> ReadVarint();
  Status Truncated() const;

  const uint8_t* data_;
  const uint8_t* end_;
  const uint8_t* pos_;
  int16_t last_field_id_ = 0;
  std::vector<int16_t> field_id_stack_;
};

/// Checks that a field read from the wire has the expected type, so a type confusion in a
/// hostile or foreign file is an error instead of a misread.
Status ExpectType(const FieldHeader& field, ThriftType expected, const char* struct_name);

}  // namespace inlet::parquet

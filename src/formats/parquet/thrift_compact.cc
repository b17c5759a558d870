#include "formats/parquet/thrift_compact.h"

#include <cstring>

namespace inlet::parquet {

namespace {

// Deeper nesting than Parquet's own metadata ever needs; bounds the recursion of Skip and of
// nested structs so hostile input cannot exhaust the stack.
constexpr size_t kMaxNesting = 64;

uint64_t ZigZagEncode(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}

int64_t ZigZagDecode(uint64_t v) { return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1)); }

bool IsBoolType(ThriftType type) {
  return type == ThriftType::kBoolTrue || type == ThriftType::kBoolFalse;
}

}  // namespace

// ---------------------------------------------------------------- CompactWriter

void CompactWriter::BeginStruct() {
  field_id_stack_.push_back(last_field_id_);
  last_field_id_ = 0;
}

void CompactWriter::EndStruct() {
  buffer_.push_back(static_cast<char>(ThriftType::kStop));
  if (!field_id_stack_.empty()) {
    last_field_id_ = field_id_stack_.back();
    field_id_stack_.pop_back();
  }
}

void CompactWriter::WriteVarint(uint64_t value) {
  while (value >= 0x80) {
    buffer_.push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  buffer_.push_back(static_cast<char>(value));
}

void CompactWriter::WriteFieldHeader(int16_t id, ThriftType type) {
  int delta = id - last_field_id_;
  if (delta > 0 && delta <= 15) {
    buffer_.push_back(static_cast<char>((delta << 4) | static_cast<int>(type)));
  } else {
    buffer_.push_back(static_cast<char>(type));
    WriteVarint(ZigZagEncode(id));
  }
  last_field_id_ = id;
}

void CompactWriter::WriteBoolField(int16_t id, bool value) {
  WriteFieldHeader(id, value ? ThriftType::kBoolTrue : ThriftType::kBoolFalse);
}

void CompactWriter::WriteI8Field(int16_t id, int8_t value) {
  WriteFieldHeader(id, ThriftType::kByte);
  buffer_.push_back(static_cast<char>(value));
}

void CompactWriter::WriteI32Field(int16_t id, int32_t value) {
  WriteFieldHeader(id, ThriftType::kI32);
  WriteI32(value);
}

void CompactWriter::WriteI64Field(int16_t id, int64_t value) {
  WriteFieldHeader(id, ThriftType::kI64);
  WriteI64(value);
}

void CompactWriter::WriteBinaryField(int16_t id, std::string_view value) {
  WriteFieldHeader(id, ThriftType::kBinary);
  WriteBinary(value);
}

void CompactWriter::WriteListFieldHeader(int16_t id, ThriftType element_type, int32_t size) {
  WriteFieldHeader(id, ThriftType::kList);
  WriteListHeader(element_type, size);
}

void CompactWriter::WriteListHeader(ThriftType element_type, int32_t size) {
  if (size < 15) {
    buffer_.push_back(static_cast<char>((size << 4) | static_cast<int>(element_type)));
  } else {
    buffer_.push_back(static_cast<char>(0xF0 | static_cast<int>(element_type)));
    WriteVarint(static_cast<uint32_t>(size));
  }
}

void CompactWriter::WriteI32(int32_t value) { WriteVarint(ZigZagEncode(value)); }

void CompactWriter::WriteI64(int64_t value) { WriteVarint(ZigZagEncode(value)); }

// Unlike a bool field, whose value is its header's type, a list element is one byte of that type.
void CompactWriter::WriteBool(bool value) {
  buffer_.push_back(static_cast<char>(value ? ThriftType::kBoolTrue : ThriftType::kBoolFalse));
}

void CompactWriter::WriteBinary(std::string_view value) {
  WriteVarint(value.size());
  buffer_.append(value);
}

// ---------------------------------------------------------------- CompactReader

Status CompactReader::Truncated() const {
  return Status::InvalidData("Thrift metadata is truncated at byte " + std::to_string(position()));
}

Result<uint64_t> CompactReader::ReadVarint() {
  uint64_t result = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos_ >= end_) return Truncated();
    uint8_t byte = *pos_++;
    result |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) return result;
  }
  return Status::InvalidData("Thrift varint longer than 10 bytes at byte " +
                             std::to_string(position()));
}

Status CompactReader::BeginStruct() {
  if (field_id_stack_.size() >= kMaxNesting) {
    return Status::InvalidData("Thrift metadata nested more than " + std::to_string(kMaxNesting) +
                               " levels deep");
  }
  field_id_stack_.push_back(last_field_id_);
  last_field_id_ = 0;
  return Status::OK();
}

void CompactReader::EndStruct() {
  if (!field_id_stack_.empty()) {
    last_field_id_ = field_id_stack_.back();
    field_id_stack_.pop_back();
  }
}

Result<FieldHeader> CompactReader::ReadFieldHeader() {
  if (pos_ >= end_) return Truncated();
  uint8_t byte = *pos_++;
  FieldHeader header;
  header.type = static_cast<ThriftType>(byte & 0x0F);
  if (header.type == ThriftType::kStop) return header;
  if (static_cast<uint8_t>(header.type) > static_cast<uint8_t>(ThriftType::kStruct)) {
    return Status::InvalidData("invalid Thrift field type " +
                               std::to_string(static_cast<int>(header.type)) + " at byte " +
                               std::to_string(position() - 1));
  }
  int delta = byte >> 4;
  if (delta != 0) {
    header.id = static_cast<int16_t>(last_field_id_ + delta);
  } else {
    INLET_ASSIGN_OR_RETURN(int16_t id, ReadI16());
    header.id = id;
  }
  last_field_id_ = header.id;
  return header;
}

Result<bool> CompactReader::ReadBool(ThriftType header_type) {
  if (IsBoolType(header_type)) return header_type == ThriftType::kBoolTrue;
  // A list element: one byte holding the bool's type code.
  if (pos_ >= end_) return Truncated();
  uint8_t byte = *pos_++;
  return byte == static_cast<uint8_t>(ThriftType::kBoolTrue);
}

Result<int8_t> CompactReader::ReadI8() {
  if (pos_ >= end_) return Truncated();
  return static_cast<int8_t>(*pos_++);
}

Result<int16_t> CompactReader::ReadI16() {
  INLET_ASSIGN_OR_RETURN(uint64_t raw, ReadVarint());
  int64_t v = ZigZagDecode(raw);
  if (v < INT16_MIN || v > INT16_MAX) return Status::InvalidData("Thrift i16 out of range");
  return static_cast<int16_t>(v);
}

Result<int32_t> CompactReader::ReadI32() {
  INLET_ASSIGN_OR_RETURN(uint64_t raw, ReadVarint());
  int64_t v = ZigZagDecode(raw);
  if (v < INT32_MIN || v > INT32_MAX) return Status::InvalidData("Thrift i32 out of range");
  return static_cast<int32_t>(v);
}

Result<int64_t> CompactReader::ReadI64() {
  INLET_ASSIGN_OR_RETURN(uint64_t raw, ReadVarint());
  return ZigZagDecode(raw);
}

Result<double> CompactReader::ReadDouble() {
  if (end_ - pos_ < 8) return Truncated();
  double v;
  std::memcpy(&v, pos_, 8);
  pos_ += 8;
  return v;
}

Result<std::string> CompactReader::ReadBinary() {
  INLET_ASSIGN_OR_RETURN(uint64_t length, ReadVarint());
  if (length > static_cast<uint64_t>(end_ - pos_)) {
    return Status::InvalidData("Thrift string of " + std::to_string(length) + " bytes at byte " +
                               std::to_string(position()) + " runs past the end of the metadata");
  }
  std::string out(reinterpret_cast<const char*>(pos_), static_cast<size_t>(length));
  pos_ += length;
  return out;
}

Result<ListHeader> CompactReader::ReadListHeader() {
  if (pos_ >= end_) return Truncated();
  uint8_t byte = *pos_++;
  ListHeader header;
  header.element_type = static_cast<ThriftType>(byte & 0x0F);
  uint64_t size = byte >> 4;
  if (size == 15) {
    INLET_ASSIGN_OR_RETURN(size, ReadVarint());
  }
  // Every element takes at least one byte, so a count above the bytes left is a lie.
  if (size > static_cast<uint64_t>(end_ - pos_)) {
    return Status::InvalidData("Thrift list of " + std::to_string(size) + " elements at byte " +
                               std::to_string(position()) + " runs past the end of the metadata");
  }
  header.size = static_cast<int32_t>(size);
  return header;
}

Status CompactReader::Skip(ThriftType type) {
  switch (type) {
    case ThriftType::kBoolTrue:
    case ThriftType::kBoolFalse:
      return Status::OK();
    case ThriftType::kByte:
      return ReadI8().status();
    case ThriftType::kI16:
    case ThriftType::kI32:
    case ThriftType::kI64:
      return ReadVarint().status();
    case ThriftType::kDouble:
      return ReadDouble().status();
    case ThriftType::kBinary: {
      INLET_ASSIGN_OR_RETURN(uint64_t length, ReadVarint());
      if (length > static_cast<uint64_t>(end_ - pos_)) return Truncated();
      pos_ += length;
      return Status::OK();
    }
    case ThriftType::kList:
    case ThriftType::kSet: {
      INLET_ASSIGN_OR_RETURN(ListHeader list, ReadListHeader());
      INLET_RETURN_NOT_OK(BeginStruct());  // counts toward the nesting limit
      for (int32_t i = 0; i < list.size; ++i) {
        // Bool elements are one byte each, unlike bool fields.
        Status st = IsBoolType(list.element_type) ? ReadBool(ThriftType::kByte).status()
                                                  : Skip(list.element_type);
        INLET_RETURN_NOT_OK(st);
      }
      EndStruct();
      return Status::OK();
    }
    case ThriftType::kMap: {
      INLET_ASSIGN_OR_RETURN(uint64_t size, ReadVarint());
      if (size == 0) return Status::OK();
      if (pos_ >= end_ || size > static_cast<uint64_t>(end_ - pos_)) return Truncated();
      uint8_t types = *pos_++;
      auto key_type = static_cast<ThriftType>(types >> 4);
      auto value_type = static_cast<ThriftType>(types & 0x0F);
      INLET_RETURN_NOT_OK(BeginStruct());
      for (uint64_t i = 0; i < size; ++i) {
        for (ThriftType t : {key_type, value_type}) {
          Status st = IsBoolType(t) ? ReadBool(ThriftType::kByte).status() : Skip(t);
          INLET_RETURN_NOT_OK(st);
        }
      }
      EndStruct();
      return Status::OK();
    }
    case ThriftType::kStruct: {
      INLET_RETURN_NOT_OK(BeginStruct());
      while (true) {
        INLET_ASSIGN_OR_RETURN(FieldHeader field, ReadFieldHeader());
        if (field.type == ThriftType::kStop) break;
        INLET_RETURN_NOT_OK(Skip(field.type));
      }
      EndStruct();
      return Status::OK();
    }
    case ThriftType::kStop:
      break;
  }
  return Status::InvalidData("invalid Thrift type " + std::to_string(static_cast<int>(type)) +
                             " at byte " + std::to_string(position()));
}

Status ExpectType(const FieldHeader& field, ThriftType expected, const char* struct_name) {
  bool ok = field.type == expected || (IsBoolType(expected) && IsBoolType(field.type));
  if (ok) return Status::OK();
  return Status::InvalidData(std::string(struct_name) + " field " + std::to_string(field.id) +
                             " has Thrift type " + std::to_string(static_cast<int>(field.type)) +
                             ", expected " + std::to_string(static_cast<int>(expected)));
}

}  // namespace inlet::parquet

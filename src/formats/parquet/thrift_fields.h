#pragma once

// Building blocks for reading Thrift structs field by field with CompactReader, shared by the
// footer and page header (parquet_metadata.cc) and the page index (page_index.cc) readers. Every
// helper checks the wire type of the field it reads, so a type confusion in a hostile or foreign
// file is an InvalidData error instead of a misread.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "formats/parquet/thrift_compact.h"

namespace inlet::parquet::thrift {

/// Reads the fields of one struct, handing each to `on_field`, which reads the value or skips it.
template <typename OnField>
Status ReadStruct(CompactReader* r, OnField&& on_field) {
  INLET_RETURN_NOT_OK(r->BeginStruct());
  while (true) {
    INLET_ASSIGN_OR_RETURN(FieldHeader field, r->ReadFieldHeader());
    if (field.type == ThriftType::kStop) break;
    INLET_RETURN_NOT_OK(on_field(field));
  }
  r->EndStruct();
  return Status::OK();
}

/// Tracks which required fields (ids below 64) a struct had.
class RequiredFields {
 public:
  RequiredFields(const char* struct_name, std::initializer_list<int> ids)
      : struct_name_(struct_name) {
    for (int id : ids) required_ |= uint64_t{1} << id;
  }
  void Saw(int16_t id) {
    if (id >= 0 && id < 64) seen_ |= uint64_t{1} << id;
  }
  Status Check() const {
    uint64_t missing = required_ & ~seen_;
    if (missing == 0) return Status::OK();
    return Status::InvalidData(std::string(struct_name_) + " lacks required field " +
                               std::to_string(__builtin_ctzll(missing)));
  }

 private:
  const char* struct_name_;
  uint64_t required_ = 0;
  uint64_t seen_ = 0;
};

/// Reads field `f` of struct `s` into `out`, whose C++ type says which wire type to expect.
inline Status Read(CompactReader* r, const FieldHeader& f, const char* s, int32_t* out) {
  INLET_RETURN_NOT_OK(ExpectType(f, ThriftType::kI32, s));
  INLET_ASSIGN_OR_RETURN(*out, r->ReadI32());
  return Status::OK();
}

inline Status Read(CompactReader* r, const FieldHeader& f, const char* s, int64_t* out) {
  INLET_RETURN_NOT_OK(ExpectType(f, ThriftType::kI64, s));
  INLET_ASSIGN_OR_RETURN(*out, r->ReadI64());
  return Status::OK();
}

inline Status Read(CompactReader* r, const FieldHeader& f, const char* s, int16_t* out) {
  INLET_RETURN_NOT_OK(ExpectType(f, ThriftType::kI16, s));
  INLET_ASSIGN_OR_RETURN(*out, r->ReadI16());
  return Status::OK();
}

inline Status Read(CompactReader* r, const FieldHeader& f, const char* s, int8_t* out) {
  INLET_RETURN_NOT_OK(ExpectType(f, ThriftType::kByte, s));
  INLET_ASSIGN_OR_RETURN(*out, r->ReadI8());
  return Status::OK();
}

inline Status Read(CompactReader* r, const FieldHeader& f, const char* s, bool* out) {
  INLET_RETURN_NOT_OK(ExpectType(f, ThriftType::kBoolTrue, s));
  INLET_ASSIGN_OR_RETURN(*out, r->ReadBool(f.type));
  return Status::OK();
}

inline Status Read(CompactReader* r, const FieldHeader& f, const char* s, std::string* out) {
  INLET_RETURN_NOT_OK(ExpectType(f, ThriftType::kBinary, s));
  INLET_ASSIGN_OR_RETURN(*out, r->ReadBinary());
  return Status::OK();
}

/// Thrift enums travel as i32; unknown values are kept and rejected where they are used.
template <typename E>
requires std::is_enum_v<E> Status Read(CompactReader* r, const FieldHeader& f, const char* s,
                                       E* out) {
  int32_t v = 0;
  INLET_RETURN_NOT_OK(Read(r, f, s, &v));
  *out = static_cast<E>(v);
  return Status::OK();
}

template <typename T>
Status Read(CompactReader* r, const FieldHeader& f, const char* s, std::optional<T>* out) {
  T v{};
  INLET_RETURN_NOT_OK(Read(r, f, s, &v));
  *out = std::move(v);
  return Status::OK();
}

/// Reads a list whose elements `read_element(T*)` decodes. A bool list may name its element
/// type by either bool code, as writers differ.
template <typename T, typename ReadElement>
Status ReadList(CompactReader* r, const FieldHeader& f, const char* s, ThriftType element_type,
                std::vector<T>* out, ReadElement&& read_element) {
  INLET_RETURN_NOT_OK(ExpectType(f, ThriftType::kList, s));
  INLET_ASSIGN_OR_RETURN(ListHeader list, r->ReadListHeader());
  const bool bool_list =
      element_type == ThriftType::kBoolTrue &&
      (list.element_type == ThriftType::kBoolTrue || list.element_type == ThriftType::kBoolFalse);
  if (list.size > 0 && list.element_type != element_type && !bool_list) {
    return Status::InvalidData(std::string(s) + " field " + std::to_string(f.id) +
                               " is a list of the wrong element type");
  }
  out->clear();
  out->reserve(static_cast<size_t>(list.size));  // bounded by the bytes left
  for (int32_t i = 0; i < list.size; ++i) {
    T element{};
    INLET_RETURN_NOT_OK(read_element(&element));
    out->push_back(std::move(element));
  }
  return Status::OK();
}

}  // namespace inlet::parquet::thrift

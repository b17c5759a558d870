#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/macros.h"
#include "types/logical_type.h"
#include "types/schema.h"
#include "types/value.h"

namespace inlet {

/// A growable column of values of one type in the Arrow memory layout: a validity bitmap
/// (bit i set = value i is valid, LSB first; absent until the first NULL), then either a values
/// buffer of fixed-width values, a bit-packed buffer of booleans, or int64 offsets (length + 1
/// entries) into a data buffer for VARCHAR/BINARY. A NULL slot holds zero bytes / an empty string.
///
/// Nested types own child columns. STRUCT: one child per field, each exactly as long as the
/// struct; a NULL struct has a NULL in every child. LIST and MAP: int64 offsets (length + 1)
/// into a single child (the elements; for MAP a STRUCT<key, value> of the entries); a NULL or
/// empty list adds no elements. To build a row: append the children's values first, then call
/// FinishStruct() / FinishList() (or AppendNull(), which pads a struct's children itself).
/// Not thread safe.
class Column {
 public:
  explicit Column(LogicalType type);

  const LogicalType& type() const { return type_; }
  int64_t size() const { return length_; }
  int64_t null_count() const { return null_count_; }
  bool IsNull(int64_t i) const {
    return !validity_.empty() && ((validity_[i >> 3] >> (i & 7)) & 1) == 0;
  }

  void Reserve(int64_t n);
  /// Removes every value, keeping the allocated memory.
  void Clear();

  void AppendNull();
  void AppendBool(bool v);
  /// Appends a fixed-width value. REQUIRES: sizeof(T) == type().fixed_width().
  template <typename T>
  void AppendFixed(T v) {
    INLET_DCHECK(sizeof(T) == static_cast<size_t>(type_.fixed_width()));
    size_t offset = values_.size();
    values_.resize(offset + sizeof(T));
    std::memcpy(values_.data() + offset, &v, sizeof(T));
    AppendValidBit();
  }
  /// Appends a VARCHAR or BINARY value.
  void AppendString(std::string_view v);
  /// Closes one valid STRUCT row whose field values were appended to the children.
  void FinishStruct();
  /// Closes one valid LIST / MAP row holding the elements appended to the child since the last
  /// row.
  void FinishList();
  /// Appends any value of this column's type (or NULL). Slow path for literals and tests.
  void AppendValue(const Value& v);
  /// Appends row `row` of `other`, which has the same physical type.
  void AppendFrom(const Column& other, int64_t row);
  /// Appends rows [begin, end) of `other`, which has the same physical type: AppendFrom for each
  /// row, with whole-buffer copies for flat types.
  void AppendRange(const Column& other, int64_t begin, int64_t end);

  bool GetBool(int64_t i) const { return (values_[i >> 3] >> (i & 7)) & 1; }
  template <typename T>
  T GetFixed(int64_t i) const {
    T v;
    std::memcpy(&v, values_.data() + i * sizeof(T), sizeof(T));
    return v;
  }
  std::string_view GetString(int64_t i) const {
    return std::string_view(data_.data() + offsets_[i], offsets_[i + 1] - offsets_[i]);
  }
  /// LIST / MAP row `i` holds child rows [list_begin(i), list_end(i)).
  int64_t list_begin(int64_t i) const { return offsets_[i]; }
  int64_t list_end(int64_t i) const { return offsets_[i + 1]; }

  /// Children of a nested column: STRUCT fields in order; the single element (or entry) column of
  /// a LIST or MAP.
  size_t num_children() const { return children_.size(); }
  const Column& child(size_t i) const { return *children_[i]; }
  Column* mutable_child(size_t i) { return children_[i].get(); }
  /// Value at row `i` as a Value (slow path).
  Value GetValue(int64_t i) const;

  /// Raw Arrow buffers. validity_bitmap() is null when the column has no NULLs.
  const uint8_t* validity_bitmap() const { return validity_.empty() ? nullptr : validity_.data(); }
  const uint8_t* values_buffer() const { return values_.data(); }
  /// VARCHAR / BINARY / LIST / MAP offsets.
  const int64_t* offsets() const { return offsets_.data(); }
  const char* string_data() const { return data_.data(); }
  int64_t string_data_size() const { return static_cast<int64_t>(data_.size()); }

  /// Bytes held by the buffers, for memory accounting.
  int64_t MemoryUsage() const;

 private:
  // Inline: it runs for every appended value, and the bitmap is absent until the first NULL.
  void AppendValidBit() {
    if (!validity_.empty()) {
      if ((length_ & 7) == 0) validity_.push_back(0);
      validity_[length_ >> 3] |= static_cast<uint8_t>(1u << (length_ & 7));
    }
    ++length_;
  }

  LogicalType type_;
  PhysicalType physical_;
  int64_t length_ = 0;
  int64_t null_count_ = 0;
  std::vector<uint8_t> validity_;
  std::vector<uint8_t> values_;
  std::vector<int64_t> offsets_;
  std::string data_;
  std::vector<std::unique_ptr<Column>> children_;
};

using ColumnPtr = std::shared_ptr<Column>;

/// Equal-length columns with a schema: the unit that flows through a load.
class RecordBatch {
 public:
  RecordBatch(SchemaPtr schema, std::vector<ColumnPtr> columns, int64_t num_rows)
      : schema_(std::move(schema)), columns_(std::move(columns)), num_rows_(num_rows) {}
  /// An empty batch with one empty column per field.
  static std::shared_ptr<RecordBatch> MakeEmpty(SchemaPtr schema);

  const SchemaPtr& schema() const { return schema_; }
  int64_t num_rows() const { return num_rows_; }
  size_t num_columns() const { return columns_.size(); }
  const ColumnPtr& column(size_t i) const { return columns_[i]; }
  const std::vector<ColumnPtr>& columns() const { return columns_; }
  /// Call after appending the same number of rows to every column.
  void SetNumRows(int64_t n) { num_rows_ = n; }
  int64_t MemoryUsage() const;

 private:
  SchemaPtr schema_;
  std::vector<ColumnPtr> columns_;
  int64_t num_rows_;
};

using RecordBatchPtr = std::shared_ptr<RecordBatch>;

}  // namespace inlet

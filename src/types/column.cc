#include "types/column.h"

namespace inlet {

Column::Column(LogicalType type) : type_(type), physical_(type.physical_type()) {
  if (physical_ == PhysicalType::kString || physical_ == PhysicalType::kList) {
    offsets_.push_back(0);
  }
  switch (type_.id()) {
    case TypeId::kStruct:
      for (const StructField& field : type_.struct_fields()) {
        children_.push_back(std::make_unique<Column>(field.type));
      }
      break;
    case TypeId::kList: children_.push_back(std::make_unique<Column>(type_.list_element())); break;
    case TypeId::kMap: children_.push_back(std::make_unique<Column>(type_.map_entry())); break;
    default: break;
  }
}

void Column::Reserve(int64_t n) {
  switch (physical_) {
    case PhysicalType::kBit: values_.reserve((n + 7) / 8); break;
    case PhysicalType::kString:
    case PhysicalType::kList: offsets_.reserve(n + 1); break;
    case PhysicalType::kStruct:
      for (auto& child : children_) child->Reserve(n);
      break;
    default: values_.reserve(n * type_.fixed_width()); break;
  }
}

void Column::Clear() {
  length_ = 0;
  null_count_ = 0;
  validity_.clear();
  values_.clear();
  offsets_.clear();
  data_.clear();
  if (physical_ == PhysicalType::kString || physical_ == PhysicalType::kList) {
    offsets_.push_back(0);
  }
  for (auto& child : children_) child->Clear();
}

void Column::AppendNull() {
  if (validity_.empty()) {
    // First NULL: materialize the bitmap with every earlier value marked valid.
    validity_.assign((length_ + 8) / 8, 0);
    for (int64_t i = 0; i < length_; ++i) validity_[i >> 3] |= static_cast<uint8_t>(1u << (i & 7));
  }
  if ((length_ & 7) == 0 && validity_.size() <= static_cast<size_t>(length_ >> 3)) {
    validity_.push_back(0);
  }
  switch (physical_) {
    case PhysicalType::kBit:
      if ((length_ & 7) == 0) values_.push_back(0);
      break;
    case PhysicalType::kString: offsets_.push_back(static_cast<int64_t>(data_.size())); break;
    case PhysicalType::kStruct:
      for (auto& child : children_) child->AppendNull();
      break;
    case PhysicalType::kList: offsets_.push_back(children_[0]->size()); break;
    default: values_.resize(values_.size() + type_.fixed_width(), 0); break;
  }
  ++length_;
  ++null_count_;
}

void Column::AppendBool(bool v) {
  INLET_DCHECK(physical_ == PhysicalType::kBit);
  if ((length_ & 7) == 0) values_.push_back(0);
  if (v) values_[length_ >> 3] |= static_cast<uint8_t>(1u << (length_ & 7));
  AppendValidBit();
}

void Column::AppendString(std::string_view v) {
  INLET_DCHECK(physical_ == PhysicalType::kString);
  data_.append(v);
  offsets_.push_back(static_cast<int64_t>(data_.size()));
  AppendValidBit();
}

void Column::FinishStruct() {
  INLET_DCHECK(physical_ == PhysicalType::kStruct);
  for (const auto& child : children_) INLET_DCHECK(child->size() == length_ + 1);
  AppendValidBit();
}

void Column::FinishList() {
  INLET_DCHECK(physical_ == PhysicalType::kList);
  offsets_.push_back(children_[0]->size());
  AppendValidBit();
}

void Column::AppendValue(const Value& v) {
  if (v.is_null()) {
    AppendNull();
    return;
  }
  switch (physical_) {
    case PhysicalType::kBit: AppendBool(v.GetBool()); break;
    case PhysicalType::kInt8: AppendFixed<int8_t>(static_cast<int8_t>(v.GetInt())); break;
    case PhysicalType::kInt16: AppendFixed<int16_t>(static_cast<int16_t>(v.GetInt())); break;
    case PhysicalType::kInt32: AppendFixed<int32_t>(static_cast<int32_t>(v.GetInt())); break;
    case PhysicalType::kInt64: AppendFixed<int64_t>(v.GetInt()); break;
    case PhysicalType::kFloat: AppendFixed<float>(static_cast<float>(v.GetDouble())); break;
    case PhysicalType::kDouble: AppendFixed<double>(v.GetDouble()); break;
    case PhysicalType::kInt128: AppendFixed<int128_t>(v.GetDecimal()); break;
    case PhysicalType::kString: AppendString(v.GetString()); break;
    case PhysicalType::kStruct: {
      const std::vector<Value>& fields = v.GetChildren();
      INLET_DCHECK(fields.size() == children_.size());
      for (size_t i = 0; i < children_.size(); ++i) children_[i]->AppendValue(fields[i]);
      FinishStruct();
      break;
    }
    case PhysicalType::kList:
      for (const Value& element : v.GetChildren()) children_[0]->AppendValue(element);
      FinishList();
      break;
  }
}

void Column::AppendFrom(const Column& other, int64_t row) {
  INLET_DCHECK(physical_ == other.physical_);
  if (other.IsNull(row)) {
    AppendNull();
    return;
  }
  switch (physical_) {
    case PhysicalType::kBit: AppendBool(other.GetBool(row)); break;
    case PhysicalType::kString: AppendString(other.GetString(row)); break;
    case PhysicalType::kStruct:
      for (size_t i = 0; i < children_.size(); ++i) {
        children_[i]->AppendFrom(*other.children_[i], row);
      }
      FinishStruct();
      break;
    case PhysicalType::kList: {
      Column* elements = children_[0].get();
      const Column& other_elements = *other.children_[0];
      for (int64_t r = other.list_begin(row); r < other.list_end(row); ++r) {
        elements->AppendFrom(other_elements, r);
      }
      FinishList();
      break;
    }
    default: {
      int width = type_.fixed_width();
      size_t offset = values_.size();
      values_.resize(offset + width);
      std::memcpy(values_.data() + offset, other.values_.data() + row * width, width);
      AppendValidBit();
      break;
    }
  }
}

void Column::AppendRange(const Column& other, int64_t begin, int64_t end) {
  INLET_DCHECK(physical_ == other.physical_);
  INLET_DCHECK(0 <= begin && begin <= end && end <= other.length_);
  // Booleans are bit-packed at arbitrary offsets, and nested rows own children: row by row.
  if (physical_ == PhysicalType::kBit || physical_ == PhysicalType::kStruct ||
      physical_ == PhysicalType::kList) {
    for (int64_t r = begin; r < end; ++r) AppendFrom(other, r);
    return;
  }
  int64_t n = end - begin;
  if (n == 0) return;
  // Validity: this column's bitmap only exists once it has a NULL, so a range without NULLs
  // onto a column without NULLs copies none.
  bool other_has_nulls = false;
  if (other.null_count_ > 0) {
    for (int64_t r = begin; r < end && !other_has_nulls; ++r) other_has_nulls = other.IsNull(r);
  }
  if (other_has_nulls || !validity_.empty()) {
    for (int64_t r = begin; r < end; ++r) {
      if (other.IsNull(r)) {
        AppendNull();
      } else if (physical_ == PhysicalType::kString) {
        AppendString(other.GetString(r));
      } else {
        int width = type_.fixed_width();
        size_t offset = values_.size();
        values_.resize(offset + width);
        std::memcpy(values_.data() + offset, other.values_.data() + r * width, width);
        AppendValidBit();
      }
    }
    return;
  }
  if (physical_ == PhysicalType::kString) {
    int64_t first = other.offsets_[begin];
    int64_t shift = static_cast<int64_t>(data_.size()) - first;
    data_.append(other.data_.data() + first, other.offsets_[end] - first);
    offsets_.reserve(offsets_.size() + n);
    for (int64_t r = begin + 1; r <= end; ++r) offsets_.push_back(other.offsets_[r] + shift);
  } else {
    size_t width = static_cast<size_t>(type_.fixed_width());
    values_.insert(values_.end(), other.values_.begin() + begin * width,
                   other.values_.begin() + end * width);
  }
  length_ += n;
}

Value Column::GetValue(int64_t i) const {
  if (IsNull(i)) return Value::Null(type_);
  switch (type_.id()) {
    case TypeId::kBoolean: return Value::Boolean(GetBool(i));
    case TypeId::kTinyInt: return Value::Int(type_, GetFixed<int8_t>(i));
    case TypeId::kSmallInt: return Value::Int(type_, GetFixed<int16_t>(i));
    case TypeId::kInteger:
    case TypeId::kDate: return Value::Int(type_, GetFixed<int32_t>(i));
    case TypeId::kBigInt:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kTime: return Value::Int(type_, GetFixed<int64_t>(i));
    case TypeId::kFloat: return Value::Float(GetFixed<float>(i));
    case TypeId::kDouble: return Value::Double(GetFixed<double>(i));
    case TypeId::kDecimal:
      return Value::Decimal(GetFixed<int128_t>(i), type_.precision(), type_.scale());
    case TypeId::kVarchar: return Value::Varchar(std::string(GetString(i)));
    case TypeId::kBinary: return Value::Binary(std::string(GetString(i)));
    case TypeId::kStruct: {
      std::vector<Value> fields;
      fields.reserve(children_.size());
      for (const auto& child : children_) fields.push_back(child->GetValue(i));
      return Value::Struct(type_, std::move(fields));
    }
    case TypeId::kList:
    case TypeId::kMap: {
      std::vector<Value> elements;
      elements.reserve(list_end(i) - list_begin(i));
      for (int64_t r = list_begin(i); r < list_end(i); ++r) {
        elements.push_back(children_[0]->GetValue(r));
      }
      return type_.id() == TypeId::kList ? Value::List(type_, std::move(elements))
                                         : Value::Map(type_, std::move(elements));
    }
  }
  return Value::Null(type_);
}

int64_t Column::MemoryUsage() const {
  int64_t total = static_cast<int64_t>(validity_.capacity() + values_.capacity() +
                                       offsets_.capacity() * sizeof(int64_t) + data_.capacity());
  for (const auto& child : children_) total += child->MemoryUsage();
  return total;
}

std::shared_ptr<RecordBatch> RecordBatch::MakeEmpty(SchemaPtr schema) {
  std::vector<ColumnPtr> columns;
  columns.reserve(schema->num_fields());
  for (const Field& field : schema->fields()) columns.push_back(std::make_shared<Column>(field.type));
  return std::make_shared<RecordBatch>(std::move(schema), std::move(columns), 0);
}

int64_t RecordBatch::MemoryUsage() const {
  int64_t total = 0;
  for (const ColumnPtr& c : columns_) total += c->MemoryUsage();
  return total;
}

}  // namespace inlet

#include "formats/row_error.h"

namespace inlet {

const char* RowErrorKindName(RowErrorKind kind) {
  switch (kind) {
    case RowErrorKind::kCast: return "cast";
    case RowErrorKind::kNotNull: return "not_null";
    case RowErrorKind::kTooManyFields: return "too_many_fields";
    case RowErrorKind::kTooFewFields: return "too_few_fields";
    case RowErrorKind::kTooLong: return "too_long";
    case RowErrorKind::kInvalidUtf8: return "invalid_utf8";
    case RowErrorKind::kUnterminatedQuote: return "unterminated_quote";
    case RowErrorKind::kMalformedRecord: return "malformed_record";
    case RowErrorKind::kConstraint: return "constraint";
    case RowErrorKind::kFile: return "file";
  }
  return "unknown";
}

int RedshiftLoadErrorCode(RowErrorKind kind, TypeId type) {
  switch (kind) {
    case RowErrorKind::kCast:
      switch (type) {
        case TypeId::kBoolean: return 1210;
        case TypeId::kTinyInt:
        case TypeId::kSmallInt:
        case TypeId::kInteger:
        case TypeId::kBigInt: return 1207;
        case TypeId::kFloat:
        case TypeId::kDouble: return 1208;
        case TypeId::kDecimal: return 1209;
        case TypeId::kDate: return 1205;
        case TypeId::kTimestamp:
        case TypeId::kTimestampTz:
        case TypeId::kTime: return 1206;
        default: return 1223;
      }
    case RowErrorKind::kNotNull: return 1213;
    case RowErrorKind::kTooManyFields: return 1202;
    case RowErrorKind::kTooFewFields: return 1203;
    case RowErrorKind::kTooLong: return 1204;
    case RowErrorKind::kInvalidUtf8: return 1220;
    case RowErrorKind::kUnterminatedQuote: return 1214;
    case RowErrorKind::kMalformedRecord: return 1216;
    case RowErrorKind::kConstraint: return 1216;
    case RowErrorKind::kFile: return 1216;
  }
  return 1200;
}

std::string RowError::ToString() const {
  std::string out = file;
  if (line >= 0) {
    out += ':';
    out += std::to_string(line);
  }
  out += ": ";
  if (!column_name.empty()) out += "column \"" + column_name + "\": ";
  out += reason;
  return out;
}

}  // namespace inlet

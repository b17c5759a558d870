#include "delta/partition_values.h"

#include <cmath>
#include <optional>

#include "types/cast.h"

namespace inlet {

namespace {

// Spark's spelling of the non-finite values (Java's Double.toString).
std::string FloatingText(const Value& value) {
  double d = value.GetDouble();
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  return value.ToString();
}

bool NeedsEscape(unsigned char c) {
  if (c < 0x20 || c == 0x7F) return true;
  switch (c) {
    case '"':
    case '#':
    case '%':
    case '\'':
    case '*':
    case '/':
    case ':':
    case '=':
    case '?':
    case '\\':
    case '{':
    case '[':
    case ']':
    case '^':
      return true;
    default:
      return false;
  }
}

}  // namespace

Status CheckPartitionColumnType(const std::string& column, const LogicalType& type) {
  if (!type.is_nested() && type.id() != TypeId::kTime) return Status::OK();
  return Status::InvalidArgument("partition column \"" + column + "\" has type " + type.ToString() +
                                 "; a partition column must have a primitive type");
}

Result<std::optional<std::string>> SerializePartitionValue(const Value& value) {
  const LogicalType& type = value.type();
  if (type.is_nested() || type.id() == TypeId::kTime) {
    return Status::InvalidArgument("a " + type.ToString() + " value cannot be a partition value");
  }
  if (value.is_null()) return std::optional<std::string>();
  std::string text;
  switch (type.id()) {
    case TypeId::kFloat:
    case TypeId::kDouble:
      text = FloatingText(value);
      break;
    case TypeId::kVarchar:
    case TypeId::kBinary:
      text = value.GetString();
      break;
    case TypeId::kTimestampTz: {
      text = FormatTimestamp(value.GetInt());
      text[text.find(' ')] = 'T';
      text += 'Z';
      break;
    }
    default:
      text = value.ToString();
      break;
  }
  if (text.empty()) return std::optional<std::string>();
  return std::optional<std::string>(std::move(text));
}

Result<Value> ParsePartitionValue(const std::optional<std::string>& text, const LogicalType& type) {
  if (!text || text->empty()) return Value::Null(type);
  if (type.id() == TypeId::kBinary) return Value::Binary(*text);
  if (type.id() == TypeId::kFloat || type.id() == TypeId::kDouble) {
    std::optional<double> special;
    if (*text == "NaN") special = std::nan("");
    if (*text == "Infinity") special = INFINITY;
    if (*text == "-Infinity") special = -INFINITY;
    if (special) {
      return type.id() == TypeId::kFloat ? Value::Float(static_cast<float>(*special))
                                         : Value::Double(*special);
    }
  }
  Result<Value> value = CastTextToValue(*text, type);
  if (!value.ok()) {
    return Status::InvalidData("partition value '" + *text + "' is not a valid " + type.ToString());
  }
  return value;
}

std::string EscapePartitionPathPart(std::string_view text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (!NeedsEscape(c)) {
      out += static_cast<char>(c);
      continue;
    }
    out += '%';
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

std::string PartitionFolder(
    const std::vector<std::pair<std::string, std::optional<std::string>>>& values) {
  std::string folder;
  for (const auto& [column, value] : values) {
    folder += EscapePartitionPathPart(column) + "=" +
              (value ? EscapePartitionPathPart(*value) : std::string(kHiveDefaultPartition)) + "/";
  }
  return folder;
}

}  // namespace inlet

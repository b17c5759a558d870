#include "sql/table_functions.h"

#include "common/string_util.h"
#include "exec/copy_executor.h"
#include "exec/sniff_function.h"
#include "fs/registry.h"
#include "sql/system_views.h"

namespace inlet::sql {

namespace {

Result<BoundTable> BindSniff(const TableRef& ref, Database& db) {
  const std::string usage = "sniff('path' [, option = value ...])";
  if (ref.args.empty()) return BindErrorAt(ref.position, "sniff needs a file: " + usage);
  INLET_ASSIGN_OR_RETURN(Value path, BindConstant(*ref.args[0], LogicalType::Varchar()));
  if (path.is_null()) return BindErrorAt(ref.args[0]->position, "sniff's path is NULL");
  FormatOptions options;
  for (size_t i = 1; i < ref.args.size(); ++i) {
    const Expression& arg = *ref.args[i];
    const bool named = arg.kind == ExpressionKind::kBinary &&
                       arg.As<BinaryExpression>().op == BinaryOperator::kEqual &&
                       arg.As<BinaryExpression>().left->kind == ExpressionKind::kColumnRef;
    if (!named) {
      return BindErrorAt(arg.position, "sniff takes options as name = value, got " +
                                           arg.ToString() + ": " + usage);
    }
    const auto& binary = arg.As<BinaryExpression>();
    const std::string key =
        AsciiToLower(binary.left->As<ColumnRefExpression>().name.back().text);
    INLET_ASSIGN_OR_RETURN(Value value, BindConstant(*binary.right, LogicalType::Varchar()));
    if (value.is_null()) return BindErrorAt(binary.right->position, key + " is NULL");
    options[key] = value.ToString();
  }
  INLET_ASSIGN_OR_RETURN(std::shared_ptr<FileFormat> csv, db.formats().FindByName("CSV"));
  Status valid = ValidateFormatOptions(*csv, options);
  if (!valid.ok()) return BindErrorAt(ref.position, valid.message());

  INLET_ASSIGN_OR_RETURN(ResolvedLocation location, db.file_systems().Resolve(path.ToString()));
  auto info = location.fs->GetFileInfo(location.path);
  if (!info.ok()) return info.status().WithContext("sniff " + location.display);
  SourceFile file{location.fs, *info, location.display};
  INLET_ASSIGN_OR_RETURN(ResultSet sniffed, SniffCsvFile(file, options));

  BoundTable bound;
  bound.name = "sniff";
  std::vector<Field> fields;
  for (size_t i = 0; i < sniffed.names.size(); ++i) {
    Field field;
    field.name = sniffed.names[i];
    field.type = sniffed.types[i];
    fields.push_back(std::move(field));
  }
  bound.schema = Schema(std::move(fields));
  auto rows = std::make_shared<std::vector<Row>>(std::move(sniffed.rows));
  bound.open_scan = [rows]() -> Result<std::unique_ptr<RowSource>> {
    return std::unique_ptr<RowSource>(std::make_unique<ResultSetSource>(*rows));
  };
  return bound;
}

}  // namespace

Result<BoundTable> BindTableFunction(const TableRef& ref, Database& db) {
  const std::string function = AsciiToLower(ref.name.back().text);
  if (ref.name.parts.size() == 1 && function == "sniff") return BindSniff(ref, db);
  if (ref.name.parts.size() == 1 && function == "validate") return BindValidate(ref, db);
  return BindErrorAt(ref.position, "unknown table function " + ref.name.ToString() +
                                       "(); the ones there are: sniff('path'), " +
                                       "validate(table, job_id => '<query id>' | '_last')");
}

}  // namespace inlet::sql

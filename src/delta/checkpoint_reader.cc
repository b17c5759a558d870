#include "delta/checkpoint_reader.h"

#include <set>

#include "delta/json_writer.h"
#include "delta/log_files.h"
#include "formats/parquet/parquet_reader.h"

namespace inlet {

namespace {

// The checkpoint columns that hold actions; any other top-level column is not read.
const std::set<std::string>& ActionColumns() {
  static const std::set<std::string> kColumns = {
      "txn",    "add", "remove", "metaData", "protocol", "domainMetadata", "checkpointMetadata",
      "sidecar"};
  return kColumns;
}

// add fields whose values are typed by the table schema (dates, decimals, ...): inlet reads the
// same facts from `partitionValues` and `stats`, so these are left unread, which also keeps a
// column type inlet cannot decode there from making the checkpoint unreadable.
bool IsParsedCopy(const std::string& name) {
  return name == "stats_parsed" || name == "partitionValues_parsed";
}

// Writes row `row` of `column` as the JSON the same action has in a commit file, so that one
// parser (ParseCommit) checks both. A NULL struct field is left out, as commit files omit it.
void WriteJsonValue(const Column& column, int64_t row, JsonWriter* w) {
  if (column.IsNull(row)) {
    w->Null();
    return;
  }
  const LogicalType& type = column.type();
  switch (type.id()) {
    case TypeId::kStruct: {
      w->BeginObject();
      const std::vector<StructField>& fields = type.struct_fields();
      for (size_t i = 0; i < fields.size(); ++i) {
        if (column.child(i).IsNull(row)) continue;
        w->Key(fields[i].name);
        WriteJsonValue(column.child(i), row, w);
      }
      w->EndObject();
      return;
    }
    case TypeId::kList:
      w->BeginArray();
      for (int64_t i = column.list_begin(row); i < column.list_end(row); ++i) {
        WriteJsonValue(column.child(0), i, w);
      }
      w->EndArray();
      return;
    case TypeId::kMap: {
      const Column& entries = column.child(0);
      w->BeginObject();
      for (int64_t i = column.list_begin(row); i < column.list_end(row); ++i) {
        w->Key(entries.child(0).GetValue(i).ToString());
        WriteJsonValue(entries.child(1), i, w);
      }
      w->EndObject();
      return;
    }
    case TypeId::kVarchar:
    case TypeId::kBinary:
      w->String(column.GetString(row));
      return;
    case TypeId::kBoolean:
      w->Bool(column.GetBool(row));
      return;
    case TypeId::kTinyInt:
      w->Int(column.GetFixed<int8_t>(row));
      return;
    case TypeId::kSmallInt:
      w->Int(column.GetFixed<int16_t>(row));
      return;
    case TypeId::kInteger:
      w->Int(column.GetFixed<int32_t>(row));
      return;
    case TypeId::kBigInt:
      w->Int(column.GetFixed<int64_t>(row));
      return;
    case TypeId::kFloat:
      w->Float(column.GetFixed<float>(row));
      return;
    case TypeId::kDouble:
      w->Double(column.GetFixed<double>(row));
      return;
    default:
      // No action field has another type; a writer that used one gets its text, which the
      // action parser then rejects by name if the field matters.
      w->String(column.GetValue(row).ToString());
      return;
  }
}

// The selection of top-level column `index`, without the parsed copies below `add`.
ParquetColumnSelection SelectActionColumn(const ParquetFileReader& reader, int index) {
  ParquetColumnSelection selection{{index}, {}};
  const parquet::SchemaNode& node = reader.schema_tree().fields[index];
  bool skipped = false;
  for (int leaf = node.leaf_begin; leaf < node.leaf_end; ++leaf) {
    const std::vector<std::string>& path = reader.schema_tree().leaves[leaf].path;
    if (path.size() > 1 && IsParsedCopy(path[1])) {
      skipped = true;
    } else {
      selection.leaves.push_back(leaf);
    }
  }
  if (!skipped) selection.leaves.clear();
  return selection;
}

// Where a sidecar action's file is: a bare name or relative path under _delta_log/_sidecars, or
// an absolute path or URI.
Result<std::string> SidecarPath(const std::string& log_dir, const Sidecar& sidecar) {
  INLET_ASSIGN_OR_RETURN(std::string path, DataPathKey(sidecar.path));
  if (path.starts_with("/") || path.find("://") != std::string::npos) return path;
  return JoinPath(JoinPath(log_dir, kSidecarDir), path);
}

Result<std::vector<Action>> ReadParquetFile(FileSystem* fs, const std::string& path) {
  INLET_ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> file, fs->OpenInputFile(path));
  return ReadCheckpointParquet(std::move(file), path);
}

Result<std::vector<Action>> ReadCheckpointFile(FileSystem* fs, const std::string& path) {
  if (!path.ends_with(".json")) return ReadParquetFile(fs, path);
  INLET_ASSIGN_OR_RETURN(std::string contents, fs->ReadFile(path));
  Result<std::vector<Action>> actions = ParseCommit(contents);
  if (!actions.ok()) return actions.status().WithContext(path);
  return actions;
}

}  // namespace

Result<std::vector<Action>> ReadCheckpointParquet(std::shared_ptr<RandomAccessFile> file,
                                                  const std::string& display_name) {
  INLET_ASSIGN_OR_RETURN(std::unique_ptr<ParquetFileReader> reader,
                         ParquetFileReader::Open(std::move(file), display_name));
  std::vector<ParquetColumnSelection> selections;
  std::vector<std::string> names;
  for (size_t i = 0; i < reader->schema().num_fields(); ++i) {
    const Field& field = reader->schema().field(i);
    if (!ActionColumns().count(field.name) || field.type.id() != TypeId::kStruct) continue;
    selections.push_back(SelectActionColumn(*reader, static_cast<int>(i)));
    names.push_back(field.name);
  }
  std::vector<Action> actions;
  if (selections.empty()) return actions;
  for (int group = 0; group < reader->num_row_groups(); ++group) {
    INLET_ASSIGN_OR_RETURN(RecordBatchPtr batch, reader->ReadRowGroup(group, selections));
    // One JSON line per row: the protocol lets a row hold one action only.
    std::string lines;
    for (int64_t row = 0; row < batch->num_rows(); ++row) {
      for (size_t c = 0; c < names.size(); ++c) {
        const Column& column = *batch->column(c);
        if (column.IsNull(row)) continue;
        JsonWriter w;
        w.BeginObject();
        w.Key(names[c]);
        WriteJsonValue(column, row, &w);
        w.EndObject();
        lines += w.str();
        lines.push_back('\n');
      }
    }
    Result<std::vector<Action>> parsed = ParseCommit(lines);
    if (!parsed.ok()) {
      return parsed.status().WithContext(display_name + ": row group " + std::to_string(group));
    }
    for (Action& action : *parsed) actions.push_back(std::move(action));
  }
  return actions;
}

Result<std::vector<Action>> ReadCheckpoint(FileSystem* fs, const std::string& log_dir,
                                           const std::vector<std::string>& paths) {
  std::vector<Action> actions;
  for (const std::string& path : paths) {
    Result<std::vector<Action>> part = ReadCheckpointFile(fs, path);
    if (!part.ok()) return part.status();
    for (Action& action : *part) actions.push_back(std::move(action));
  }
  // A V2 checkpoint keeps its file actions in sidecars, all or nothing, so their order does not
  // matter: append them and drop the references.
  std::vector<Sidecar> sidecars;
  std::erase_if(actions, [&sidecars](const Action& action) {
    const auto* sidecar = std::get_if<Sidecar>(&action);
    if (sidecar) sidecars.push_back(*sidecar);
    return sidecar != nullptr;
  });
  for (const Sidecar& sidecar : sidecars) {
    INLET_ASSIGN_OR_RETURN(std::string path, SidecarPath(log_dir, sidecar));
    INLET_ASSIGN_OR_RETURN(std::vector<Action> file_actions, ReadParquetFile(fs, path));
    for (Action& action : file_actions) actions.push_back(std::move(action));
  }
  return actions;
}

}  // namespace inlet

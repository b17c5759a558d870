#include "delta/actions.h"

#include "common/string_util.h"
#include "delta/json_reader.h"
#include "delta/json_writer.h"

namespace inlet {

namespace {

void WriteStringArray(JsonWriter* w, std::string_view key, const std::vector<std::string>& v) {
  w->Key(key);
  w->BeginArray();
  for (const std::string& s : v) w->String(s);
  w->EndArray();
}

void WriteStringMap(JsonWriter* w, std::string_view key,
                    const std::map<std::string, std::string>& map) {
  w->Key(key);
  w->BeginObject();
  for (const auto& [k, v] : map) w->StringMember(k, v);
  w->EndObject();
}

void WritePartitionValues(JsonWriter* w, const PartitionValues& values) {
  w->Key("partitionValues");
  w->BeginObject();
  for (const auto& [k, v] : values) {
    w->Key(k);
    if (v) {
      w->String(*v);
    } else {
      w->Null();
    }
  }
  w->EndObject();
}

void WriteOptionalInt(JsonWriter* w, std::string_view key, const std::optional<int64_t>& v) {
  if (!v) return;
  w->Key(key);
  w->Int(*v);
}

void WriteOptionalString(JsonWriter* w, std::string_view key, const std::optional<std::string>& v) {
  if (v) w->StringMember(key, *v);
}

void WriteAction(JsonWriter* w, const Protocol& p) {
  w->Key("protocol");
  w->BeginObject();
  w->Key("minReaderVersion");
  w->Int(p.min_reader_version);
  w->Key("minWriterVersion");
  w->Int(p.min_writer_version);
  // The features lists exist exactly from reader version 3 / writer version 7 on.
  if (p.min_reader_version >= 3) WriteStringArray(w, "readerFeatures", p.reader_features);
  if (p.min_writer_version >= 7) WriteStringArray(w, "writerFeatures", p.writer_features);
  w->EndObject();
}

void WriteAction(JsonWriter* w, const Metadata& m) {
  w->Key("metaData");
  w->BeginObject();
  w->StringMember("id", m.id);
  WriteOptionalString(w, "name", m.name);
  WriteOptionalString(w, "description", m.description);
  w->Key("format");
  w->BeginObject();
  w->StringMember("provider", m.format_provider);
  WriteStringMap(w, "options", m.format_options);
  w->EndObject();
  w->StringMember("schemaString", m.schema_string);
  WriteStringArray(w, "partitionColumns", m.partition_columns);
  WriteStringMap(w, "configuration", m.configuration);
  WriteOptionalInt(w, "createdTime", m.created_time);
  w->EndObject();
}

void WriteAction(JsonWriter* w, const AddFile& a) {
  w->Key("add");
  w->BeginObject();
  w->StringMember("path", a.path);
  WritePartitionValues(w, a.partition_values);
  w->Key("size");
  w->Int(a.size);
  w->Key("modificationTime");
  w->Int(a.modification_time);
  w->Key("dataChange");
  w->Bool(a.data_change);
  WriteOptionalString(w, "stats", a.stats);
  if (!a.tags.empty()) WriteStringMap(w, "tags", a.tags);
  if (a.deletion_vector) {
    w->Key("deletionVector");
    w->Raw(*a.deletion_vector);
  }
  w->EndObject();
}

void WriteAction(JsonWriter* w, const RemoveFile& r) {
  w->Key("remove");
  w->BeginObject();
  w->StringMember("path", r.path);
  WriteOptionalInt(w, "deletionTimestamp", r.deletion_timestamp);
  w->Key("dataChange");
  w->Bool(r.data_change);
  if (r.extended_file_metadata) {
    w->Key("extendedFileMetadata");
    w->Bool(*r.extended_file_metadata);
  }
  if (r.partition_values) WritePartitionValues(w, *r.partition_values);
  WriteOptionalInt(w, "size", r.size);
  WriteOptionalString(w, "stats", r.stats);
  if (!r.tags.empty()) WriteStringMap(w, "tags", r.tags);
  if (r.deletion_vector) {
    w->Key("deletionVector");
    w->Raw(*r.deletion_vector);
  }
  w->EndObject();
}

void WriteAction(JsonWriter* w, const SetTransaction& t) {
  w->Key("txn");
  w->BeginObject();
  w->StringMember("appId", t.app_id);
  w->Key("version");
  w->Int(t.version);
  WriteOptionalInt(w, "lastUpdated", t.last_updated);
  w->EndObject();
}

void WriteAction(JsonWriter* w, const CommitInfo& c) {
  w->Key("commitInfo");
  w->BeginObject();
  WriteOptionalInt(w, "timestamp", c.timestamp);
  w->StringMember("operation", c.operation);
  WriteStringMap(w, "operationParameters", c.operation_parameters);
  if (!c.operation_metrics.empty()) WriteStringMap(w, "operationMetrics", c.operation_metrics);
  WriteOptionalString(w, "engineInfo", c.engine_info);
  for (const auto& [key, json] : c.extras) {
    w->Key(key);
    w->Raw(json);
  }
  w->EndObject();
}

void WriteAction(JsonWriter* w, const DomainMetadata& d) {
  w->Key("domainMetadata");
  w->BeginObject();
  w->StringMember("domain", d.domain);
  w->StringMember("configuration", d.configuration);
  w->Key("removed");
  w->Bool(d.removed);
  w->EndObject();
}

void WriteAction(JsonWriter* w, const CheckpointMetadata& c) {
  w->Key("checkpointMetadata");
  w->BeginObject();
  w->Key("version");
  w->Int(c.version);
  WriteStringMap(w, "tags", c.tags);
  w->EndObject();
}

void WriteAction(JsonWriter* w, const Sidecar& s) {
  w->Key("sidecar");
  w->BeginObject();
  w->StringMember("path", s.path);
  w->Key("sizeInBytes");
  w->Int(s.size_in_bytes);
  w->Key("modificationTime");
  w->Int(s.modification_time);
  WriteStringMap(w, "tags", s.tags);
  w->EndObject();
}

Result<Protocol> ParseProtocol(const JsonObjectReader& r) {
  Protocol p;
  INLET_ASSIGN_OR_RETURN(int64_t reader, r.RequiredInt("minReaderVersion"));
  INLET_ASSIGN_OR_RETURN(int64_t writer, r.RequiredInt("minWriterVersion"));
  if (reader < 0 || reader > INT32_MAX || writer < 0 || writer > INT32_MAX) {
    return Status::InvalidData(r.context() + ": protocol versions out of range");
  }
  p.min_reader_version = static_cast<int32_t>(reader);
  p.min_writer_version = static_cast<int32_t>(writer);
  INLET_ASSIGN_OR_RETURN(p.reader_features, r.StringArray("readerFeatures"));
  INLET_ASSIGN_OR_RETURN(p.writer_features, r.StringArray("writerFeatures"));
  return p;
}

Result<Metadata> ParseMetadata(const JsonObjectReader& r) {
  Metadata m;
  INLET_ASSIGN_OR_RETURN(m.id, r.RequiredString("id"));
  INLET_ASSIGN_OR_RETURN(m.name, r.OptionalString("name"));
  INLET_ASSIGN_OR_RETURN(m.description, r.OptionalString("description"));
  INLET_ASSIGN_OR_RETURN(std::optional<JsonObjectReader> format, r.OptionalObject("format"));
  if (format) {
    INLET_ASSIGN_OR_RETURN(m.format_provider, format->RequiredString("provider"));
    INLET_ASSIGN_OR_RETURN(m.format_options, format->StringMap("options"));
  }
  // Required by the protocol, but some test logs omit it; the snapshot then has no columns.
  INLET_ASSIGN_OR_RETURN(std::optional<std::string> schema, r.OptionalString("schemaString"));
  m.schema_string = schema.value_or("");
  INLET_ASSIGN_OR_RETURN(m.partition_columns, r.StringArray("partitionColumns"));
  INLET_ASSIGN_OR_RETURN(m.configuration, r.StringMap("configuration"));
  INLET_ASSIGN_OR_RETURN(m.created_time, r.OptionalInt("createdTime"));
  return m;
}

Result<std::optional<std::string>> OptionalRawJson(const JsonObjectReader& r,
                                                   std::string_view key) {
  simdjson::dom::element value;
  if (r.object().at_key(key).get(value) || value.is_null()) return std::optional<std::string>();
  return std::optional<std::string>(JsonText(value));
}

Result<AddFile> ParseAdd(const JsonObjectReader& r) {
  AddFile a;
  INLET_ASSIGN_OR_RETURN(a.path, r.RequiredString("path"));
  INLET_ASSIGN_OR_RETURN(a.partition_values, r.NullableStringMap("partitionValues"));
  INLET_ASSIGN_OR_RETURN(a.size, r.RequiredInt("size"));
  INLET_ASSIGN_OR_RETURN(std::optional<int64_t> mtime, r.OptionalInt("modificationTime"));
  a.modification_time = mtime.value_or(0);
  INLET_ASSIGN_OR_RETURN(std::optional<bool> data_change, r.OptionalBool("dataChange"));
  a.data_change = data_change.value_or(true);
  INLET_ASSIGN_OR_RETURN(a.stats, r.OptionalString("stats"));
  INLET_ASSIGN_OR_RETURN(a.tags, r.StringMap("tags"));
  INLET_ASSIGN_OR_RETURN(a.deletion_vector, OptionalRawJson(r, "deletionVector"));
  return a;
}

Result<RemoveFile> ParseRemove(const JsonObjectReader& r) {
  RemoveFile rm;
  INLET_ASSIGN_OR_RETURN(rm.path, r.RequiredString("path"));
  INLET_ASSIGN_OR_RETURN(rm.deletion_timestamp, r.OptionalInt("deletionTimestamp"));
  INLET_ASSIGN_OR_RETURN(std::optional<bool> data_change, r.OptionalBool("dataChange"));
  rm.data_change = data_change.value_or(true);
  INLET_ASSIGN_OR_RETURN(rm.extended_file_metadata, r.OptionalBool("extendedFileMetadata"));
  if (r.Has("partitionValues")) {
    INLET_ASSIGN_OR_RETURN(rm.partition_values, r.NullableStringMap("partitionValues"));
  }
  INLET_ASSIGN_OR_RETURN(rm.size, r.OptionalInt("size"));
  INLET_ASSIGN_OR_RETURN(rm.stats, r.OptionalString("stats"));
  INLET_ASSIGN_OR_RETURN(rm.tags, r.StringMap("tags"));
  INLET_ASSIGN_OR_RETURN(rm.deletion_vector, OptionalRawJson(r, "deletionVector"));
  return rm;
}

Result<SetTransaction> ParseTxn(const JsonObjectReader& r) {
  SetTransaction t;
  INLET_ASSIGN_OR_RETURN(t.app_id, r.RequiredString("appId"));
  INLET_ASSIGN_OR_RETURN(t.version, r.RequiredInt("version"));
  INLET_ASSIGN_OR_RETURN(t.last_updated, r.OptionalInt("lastUpdated"));
  return t;
}

Result<CommitInfo> ParseCommitInfo(const JsonObjectReader& r) {
  CommitInfo c;
  INLET_ASSIGN_OR_RETURN(c.timestamp, r.OptionalInt("timestamp"));
  INLET_ASSIGN_OR_RETURN(std::optional<std::string> operation, r.OptionalString("operation"));
  c.operation = operation.value_or("");
  INLET_ASSIGN_OR_RETURN(c.operation_parameters, r.StringMap("operationParameters"));
  INLET_ASSIGN_OR_RETURN(c.operation_metrics, r.StringMap("operationMetrics"));
  INLET_ASSIGN_OR_RETURN(c.engine_info, r.OptionalString("engineInfo"));
  for (auto member : r.object()) {
    std::string_view key = member.key;
    if (key == "timestamp" || key == "operation" || key == "operationParameters" ||
        key == "operationMetrics" || key == "engineInfo") {
      continue;
    }
    c.extras.emplace_back(std::string(key), JsonText(member.value));
  }
  return c;
}

Result<DomainMetadata> ParseDomainMetadata(const JsonObjectReader& r) {
  DomainMetadata d;
  INLET_ASSIGN_OR_RETURN(d.domain, r.RequiredString("domain"));
  INLET_ASSIGN_OR_RETURN(d.configuration, r.RequiredString("configuration"));
  INLET_ASSIGN_OR_RETURN(std::optional<bool> removed, r.OptionalBool("removed"));
  d.removed = removed.value_or(false);
  return d;
}

Result<CheckpointMetadata> ParseCheckpointMetadata(const JsonObjectReader& r) {
  CheckpointMetadata c;
  INLET_ASSIGN_OR_RETURN(c.version, r.RequiredInt("version"));
  INLET_ASSIGN_OR_RETURN(c.tags, r.StringMap("tags"));
  return c;
}

Result<Sidecar> ParseSidecar(const JsonObjectReader& r) {
  Sidecar s;
  INLET_ASSIGN_OR_RETURN(s.path, r.RequiredString("path"));
  INLET_ASSIGN_OR_RETURN(s.size_in_bytes, r.RequiredInt("sizeInBytes"));
  INLET_ASSIGN_OR_RETURN(std::optional<int64_t> mtime, r.OptionalInt("modificationTime"));
  s.modification_time = mtime.value_or(0);
  INLET_ASSIGN_OR_RETURN(s.tags, r.StringMap("tags"));
  return s;
}

template <typename T>
Result<std::optional<Action>> Wrap(Result<T> parsed) {
  if (!parsed.ok()) return parsed.status();
  return std::optional<Action>(std::move(parsed).ValueOrDie());
}

Result<std::optional<Action>> ParseActionWith(simdjson::dom::parser* parser,
                                              std::string_view line) {
  INLET_ASSIGN_OR_RETURN(simdjson::dom::element doc, ParseJson(parser, line, "action"));
  INLET_ASSIGN_OR_RETURN(JsonObjectReader outer, JsonObjectReader::Make(doc, "action"));
  if (outer.object().size() != 1) {
    return Status::InvalidData("a commit line must hold exactly one action, found " +
                               std::to_string(outer.object().size()) + " members");
  }
  auto member = *outer.object().begin();
  std::string type(member.key);
  const auto body = [&]() { return JsonObjectReader::Make(member.value, type + " action"); };
  if (type == "protocol") {
    INLET_ASSIGN_OR_RETURN(JsonObjectReader r, body());
    return Wrap(ParseProtocol(r));
  }
  if (type == "metaData") {
    INLET_ASSIGN_OR_RETURN(JsonObjectReader r, body());
    return Wrap(ParseMetadata(r));
  }
  if (type == "add") {
    INLET_ASSIGN_OR_RETURN(JsonObjectReader r, body());
    return Wrap(ParseAdd(r));
  }
  if (type == "remove") {
    INLET_ASSIGN_OR_RETURN(JsonObjectReader r, body());
    return Wrap(ParseRemove(r));
  }
  if (type == "txn") {
    INLET_ASSIGN_OR_RETURN(JsonObjectReader r, body());
    return Wrap(ParseTxn(r));
  }
  if (type == "commitInfo") {
    INLET_ASSIGN_OR_RETURN(JsonObjectReader r, body());
    return Wrap(ParseCommitInfo(r));
  }
  if (type == "domainMetadata") {
    INLET_ASSIGN_OR_RETURN(JsonObjectReader r, body());
    return Wrap(ParseDomainMetadata(r));
  }
  if (type == "checkpointMetadata") {
    INLET_ASSIGN_OR_RETURN(JsonObjectReader r, body());
    return Wrap(ParseCheckpointMetadata(r));
  }
  if (type == "sidecar") {
    INLET_ASSIGN_OR_RETURN(JsonObjectReader r, body());
    return Wrap(ParseSidecar(r));
  }
  // cdc and future actions: the protocol promises
  // that actions a client does not know are never needed to interpret the log correctly.
  return std::optional<Action>();
}

}  // namespace

std::string SerializeAction(const Action& action) {
  JsonWriter w;
  w.BeginObject();
  std::visit([&w](const auto& a) { WriteAction(&w, a); }, action);
  w.EndObject();
  return std::move(w).Take();
}

std::string SerializeCommit(const std::vector<Action>& actions) {
  std::string out;
  for (const Action& action : actions) {
    out += SerializeAction(action);
    out.push_back('\n');
  }
  return out;
}

Result<std::optional<Action>> ParseAction(std::string_view line) {
  simdjson::dom::parser parser;
  return ParseActionWith(&parser, line);
}

Result<std::vector<Action>> ParseCommit(std::string_view contents) {
  std::vector<Action> actions;
  // One parser for the whole file: it keeps its buffers between lines.
  simdjson::dom::parser parser;
  size_t line_number = 0;
  size_t start = 0;
  while (start < contents.size()) {
    size_t end = contents.find('\n', start);
    if (end == std::string_view::npos) end = contents.size();
    std::string_view line = TrimWhitespace(contents.substr(start, end - start));
    start = end + 1;
    ++line_number;
    if (line.empty()) continue;
    Result<std::optional<Action>> action = ParseActionWith(&parser, line);
    if (!action.ok()) {
      return action.status().WithContext("line " + std::to_string(line_number));
    }
    if (*action) actions.push_back(std::move(**action));
  }
  return actions;
}

CommitInfo MakeCommitInfo(std::string operation) {
  CommitInfo info;
  info.timestamp = NowMicros() / 1000;
  info.operation = std::move(operation);
  info.engine_info = kEngineInfo;
  return info;
}

}  // namespace inlet

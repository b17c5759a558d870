#include "delta/last_checkpoint.h"

#include "delta/json_reader.h"
#include "delta/json_writer.h"
#include "delta/log_files.h"

namespace inlet {

std::string SerializeLastCheckpoint(const LastCheckpoint& last) {
  JsonWriter w;
  w.BeginObject();
  w.Key("version");
  w.Int(last.version);
  w.Key("size");
  w.Int(last.size);
  const std::pair<const char*, const std::optional<int64_t>*> optional_fields[] = {
      {"parts", &last.parts},
      {"sizeInBytes", &last.size_in_bytes},
      {"numOfAddFiles", &last.num_of_add_files}};
  for (const auto& [key, value] : optional_fields) {
    if (!*value) continue;
    w.Key(key);
    w.Int(**value);
  }
  w.EndObject();
  return std::move(w).Take();
}

Result<LastCheckpoint> ParseLastCheckpoint(std::string_view text) {
  simdjson::dom::parser parser;
  INLET_ASSIGN_OR_RETURN(simdjson::dom::element doc, ParseJson(&parser, text, kLastCheckpointFile));
  INLET_ASSIGN_OR_RETURN(JsonObjectReader r, JsonObjectReader::Make(doc, kLastCheckpointFile));
  LastCheckpoint last;
  INLET_ASSIGN_OR_RETURN(last.version, r.RequiredInt("version"));
  INLET_ASSIGN_OR_RETURN(last.size, r.RequiredInt("size"));
  INLET_ASSIGN_OR_RETURN(last.parts, r.OptionalInt("parts"));
  INLET_ASSIGN_OR_RETURN(last.size_in_bytes, r.OptionalInt("sizeInBytes"));
  INLET_ASSIGN_OR_RETURN(last.num_of_add_files, r.OptionalInt("numOfAddFiles"));
  if (last.version < 0) {
    return Status::InvalidData(std::string(kLastCheckpointFile) + ": negative version " +
                               std::to_string(last.version));
  }
  return last;
}

Result<std::optional<LastCheckpoint>> ReadLastCheckpoint(FileSystem* fs,
                                                         const std::string& log_dir) {
  const std::string path = JoinPath(log_dir, kLastCheckpointFile);
  Result<std::string> text = fs->ReadFile(path);
  if (text.status().IsNotFound()) return std::optional<LastCheckpoint>();
  INLET_RETURN_NOT_OK(text);
  Result<LastCheckpoint> last = ParseLastCheckpoint(*text);
  if (!last.ok()) return last.status().WithContext(path);
  return std::optional<LastCheckpoint>(*last);
}

}  // namespace inlet

// Fuzz target: the Delta log parsers on arbitrary text: ParseCommit (a commit file of
// newline-delimited JSON actions) and ParseDeltaSchema (a metaData schemaString). The whole
// input goes to both, and the schemaString of every parsed metaData action to ParseDeltaSchema
// too, so seed commits reach the schema parser.
//
// Besides "never crash or hang", it checks that what inlet writes it reads back: parsed actions
// written with SerializeCommit parse again, and writing those gives the same text; a parsed schema
// written with SchemaToDeltaJson parses to the same Schema (field metadata inlet does not model is
// not written back, so only the Schema is compared). A broken promise prints both texts and aborts.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "delta/actions.h"
#include "delta/schema_json.h"

namespace inlet {
namespace {

[[noreturn]] void Fail(const char* what, const std::string& first, const std::string& second) {
  fprintf(stderr, "delta_log_fuzzer: %s\n--- first:\n%s\n--- second:\n%s\n", what, first.c_str(),
          second.c_str());
  abort();
}

void CheckSchema(std::string_view schema_string) {
  auto parsed = ParseDeltaSchema(schema_string);
  if (!parsed.ok()) return;
  if (parsed->field_metadata.size() != parsed->schema.num_fields()) {
    Fail("field_metadata does not have one map per field", std::string(schema_string), "");
  }
  // A parsed schema holds only types Delta has (no TIME), so writing it cannot fail.
  auto json = SchemaToDeltaJson(parsed->schema);
  if (!json.ok()) {
    Fail("SchemaToDeltaJson refuses a parsed schema", std::string(schema_string),
         json.status().ToString());
  }
  const std::string& written = *json;
  auto reparsed = ParseDeltaSchema(written);
  if (!reparsed.ok()) {
    Fail("SchemaToDeltaJson output does not parse", written, reparsed.status().ToString());
  }
  if (!(reparsed->schema == parsed->schema)) {
    Fail("schema changes through SchemaToDeltaJson", parsed->schema.ToString(),
         reparsed->schema.ToString());
  }
}

void CheckCommit(std::string_view contents) {
  auto actions = ParseCommit(contents);
  if (!actions.ok()) return;
  for (const Action& action : *actions) {
    if (const auto* metadata = std::get_if<Metadata>(&action)) CheckSchema(metadata->schema_string);
  }
  // The first write may normalize (readerFeatures below reader version 3 are dropped, a
  // non-string operationParameters value becomes its JSON text); from then on it is exact.
  const std::string written = SerializeCommit(*actions);
  auto reparsed = ParseCommit(written);
  if (!reparsed.ok()) {
    Fail("SerializeCommit output does not parse", written, reparsed.status().ToString());
  }
  const std::string rewritten = SerializeCommit(*reparsed);
  if (rewritten != written) {
    Fail("SerializeCommit output does not read back the same", written, rewritten);
  }
}

}  // namespace
}  // namespace inlet

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  inlet::CheckCommit(text);
  inlet::CheckSchema(text);
  return 0;
}

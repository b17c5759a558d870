#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fs/file_system.h"
#include "inlet/result.h"

namespace inlet {

/// The content of _delta_log/_last_checkpoint: a hint naming the latest checkpoint, which
/// engines that list from it (Spark, delta-rs) use to find the log's tail quickly.
struct LastCheckpoint {
  int64_t version = 0;
  /// The number of actions in the checkpoint.
  int64_t size = 0;
  /// Set for a multi-part checkpoint.
  std::optional<int64_t> parts;
  std::optional<int64_t> size_in_bytes;
  std::optional<int64_t> num_of_add_files;

  bool operator==(const LastCheckpoint&) const = default;
};

/// The JSON text of `last` (one object, no newline).
std::string SerializeLastCheckpoint(const LastCheckpoint& last);
/// Parses _last_checkpoint; InvalidData naming the field for malformed text.
Result<LastCheckpoint> ParseLastCheckpoint(std::string_view text);

/// The _last_checkpoint of the log at `log_dir`; nullopt when there is none. InvalidData when it
/// is corrupt (a reader treats that as no hint at all).
Result<std::optional<LastCheckpoint>> ReadLastCheckpoint(FileSystem* fs,
                                                         const std::string& log_dir);

}  // namespace inlet

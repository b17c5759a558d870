#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "inlet/result.h"

namespace inlet {

/// The folder of a table's transaction log.
inline constexpr char kDeltaLogDir[] = "_delta_log";

/// "00000000000000000012.json": the commit file of `version`, zero-padded to 20 digits.
std::string CommitFileName(int64_t version);
/// table_root/_delta_log/<CommitFileName(version)>.
std::string CommitFilePath(std::string_view table_root, int64_t version);

/// The folder below _delta_log that holds the sidecar files of V2 checkpoints.
inline constexpr char kSidecarDir[] = "_sidecars";
/// The hint file that names the latest checkpoint.
inline constexpr char kLastCheckpointFile[] = "_last_checkpoint";

/// "00000000000000000010.checkpoint.parquet": the classic single-file checkpoint of `version`.
std::string CheckpointFileName(int64_t version);

/// What a file name in _delta_log is.
struct LogFileName {
  enum class Kind {
    kCommit,      // 00000000000000000012.json
    kCheckpoint,  // any checkpoint file; checkpoint_kind says which
    kChecksum,    // 00000000000000000012.crc
  };
  enum class CheckpointKind {
    kClassic,    // 00000000000000000010.checkpoint.parquet (V1 or V2 content)
    kMultiPart,  // 00000000000000000010.checkpoint.0000000001.0000000003.parquet
    kUuid,       // 00000000000000000010.checkpoint.<uuid>.json|parquet (V2)
  };
  Kind kind;
  int64_t version;
  CheckpointKind checkpoint_kind = CheckpointKind::kClassic;
  /// A multi-part checkpoint's 1-based part and its number of parts.
  int32_t part = 1;
  int32_t num_parts = 1;
};

/// Classifies one file name (not a path) of _delta_log; nullopt for everything else
/// (_last_checkpoint, log compactions, temporary files).
std::optional<LogFileName> ParseLogFileName(std::string_view name);

/// A data file path relative to the table root as an add action's `path` (an RFC 2396 URI):
/// bytes other than unreserved characters and "/" are percent-encoded (UTF-8 bytes too).
std::string EncodeDataPath(std::string_view path);
/// The file path an add/remove `path` URI names (percent-escapes decoded). InvalidData for a
/// malformed escape.
Result<std::string> DecodeDataPath(std::string_view uri);
/// The key that identifies a data file across add and remove actions: the decoded path, with a
/// "file:" scheme dropped, since writers spell the same local file several ways.
Result<std::string> DataPathKey(std::string_view uri);

}  // namespace inlet

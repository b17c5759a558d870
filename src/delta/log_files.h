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

/// What a file name in _delta_log is.
struct LogFileName {
  enum class Kind {
    kCommit,      // 00000000000000000012.json
    kCheckpoint,  // .checkpoint.parquet, multi-part .checkpoint.0000000001.0000000002.parquet,
                  // or v2 .checkpoint.<uuid>.json|parquet
  };
  Kind kind;
  int64_t version;
};

/// Classifies one file name (not a path) of _delta_log; nullopt for everything else (.crc,
/// _last_checkpoint, log compactions, temporary files).
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

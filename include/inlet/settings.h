#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "inlet/result.h"
#include "inlet/status.h"

namespace inlet {

/// The shape of a COPY's result (setting copy_result).
enum class CopyResultShape {
  kAuto,     // the dialect's own shape (Delta's metric rows, Snowflake's per-file rows)
  kFiles,    // one row per source file, Snowflake's columns
  kMetrics,  // Delta's metric/value rows
};

/// When a long COPY shows a progress line (setting progress).
enum class ProgressMode {
  kAuto,  // only when the progress output is a terminal
  kOn,    // always: redrawn in place on a terminal, as plain lines elsewhere
  kOff,
};

/// One known setting, as SHOW ALL lists it.
struct SettingInfo {
  std::string name;
  /// "VARCHAR" or "BIGINT": what values it takes.
  std::string type;
  std::string default_value;
  std::string description;
};

/// The settings of one session (SET name = value, RESET name, SHOW name). Names are
/// case-insensitive; values are checked when set, so the fields always hold valid ones.
struct SessionSettings {
  CopyResultShape copy_result = CopyResultShape::kAuto;
  ProgressMode progress = ProgressMode::kAuto;
  /// How long a COPY runs before its progress line shows (DuckDB's progress_bar_time).
  int64_t progress_delay_ms = 1000;
  /// Days of load history the catalog keeps; older COPYs are trimmed.
  int64_t load_history_retention_days = 30;

  /// Every known setting, sorted by name.
  static const std::vector<SettingInfo>& Known();

  /// Sets `name` from the text of `value` ('off', '7'). InvalidArgument for an unknown name
  /// (listing the known ones) or a value the setting does not take (listing the valid ones).
  Status Set(std::string_view name, std::string_view value);
  /// Puts `name` back to its default; InvalidArgument for an unknown name.
  Status Reset(std::string_view name);
  /// The current value of `name` as text ("off", "30"); InvalidArgument for an unknown name.
  Result<std::string> Get(std::string_view name) const;
};

/// Where the progress lines of long statements go. The library never writes to the process's
/// stderr by itself: an embedder that wants progress (the inlet shell) hands a stream here.
struct ProgressOutput {
  /// Null: no progress, whatever the setting.
  std::ostream* stream = nullptr;
  /// Whether `stream` is a terminal, where a line can be redrawn in place.
  bool is_terminal = false;
};

/// How progress shows on an output.
enum class ProgressStyle {
  kNone,
  kRedraw,  // one line rewritten in place with '\r', cleared at the end (a terminal)
  kLines,   // a plain line now and then, kept (a file or pipe, progress = on)
};

/// kNone without a stream or with progress = off; on a terminal kRedraw unless off; elsewhere
/// kLines with progress = on, else kNone.
ProgressStyle ChooseProgressStyle(ProgressMode mode, const ProgressOutput& output);

}  // namespace inlet

#pragma once

#include <string_view>

namespace inlet {

/// Kills the process with SIGKILL when the environment variable INLET_CRASH_AT names `point`
/// ("copy.after_data_files", ...). Crash tests use it to stop a load at an exact step, as a
/// power cut or `kill -9` would; without the variable it costs one cached check.
void CrashPoint(std::string_view point);

}  // namespace inlet

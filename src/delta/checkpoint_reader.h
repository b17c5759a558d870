#pragma once

#include <memory>
#include <string>
#include <vector>

#include "delta/actions.h"
#include "fs/file_system.h"
#include "inlet/result.h"
#include "io/stream.h"

namespace inlet {

/// The actions held by one Parquet file of a checkpoint (a classic checkpoint, one part of a
/// multi-part one, a UUID-named V2 one, or a sidecar): one action per row, from the columns txn,
/// add, remove, metaData, protocol, domainMetadata, checkpointMetadata and sidecar.
/// add.stats_parsed and add.partitionValues_parsed are not read: stats stay optional and partition
/// values are in partitionValues. InvalidData names `display_name` and the row group for a
/// malformed file.
Result<std::vector<Action>> ReadCheckpointParquet(std::shared_ptr<RandomAccessFile> file,
                                                  const std::string& display_name);

/// Every action of the checkpoint made of `paths` (one file, or every part of a multi-part one):
/// Parquet or, for a UUID-named V2 checkpoint, JSON lines; the add and remove actions of the
/// sidecar files a V2 checkpoint lists (under `log_dir`/_sidecars) take the place of its sidecar
/// actions. Errors name the file that could not be read.
Result<std::vector<Action>> ReadCheckpoint(FileSystem* fs, const std::string& log_dir,
                                           const std::vector<std::string>& paths);

}  // namespace inlet

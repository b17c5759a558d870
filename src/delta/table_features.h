#pragma once

#include <map>
#include <string>

#include "delta/actions.h"
#include "delta/schema_json.h"
#include "inlet/status.h"
#include "types/schema.h"

namespace inlet {

/// Delta table feature names inlet uses.
inline constexpr char kFeatureTimestampNtz[] = "timestampNtz";
inline constexpr char kFeatureAllowColumnDefaults[] = "allowColumnDefaults";
inline constexpr char kFeatureDeletionVectors[] = "deletionVectors";
inline constexpr char kFeatureV2Checkpoint[] = "v2Checkpoint";
inline constexpr char kFeatureDomainMetadata[] = "domainMetadata";

/// The lowest protocol a new table with `schema` needs: (1,2) for plain schemas; reader 3 /
/// writer 7 with the reader+writer feature timestampNtz when a column is TIMESTAMP (without
/// time zone); writer 7 with the writer-only feature allowColumnDefaults when a column has a
/// DEFAULT (reader 1 unless timestampNtz also needs 3).
Protocol RequiredProtocol(const Schema& schema);

/// `protocol` on reader 3 / writer 7 with the reader+writer `feature` listed; a legacy protocol's
/// implied features are listed too.
Protocol WithReaderWriterFeature(Protocol protocol, const std::string& feature);

/// `protocol` with what the table properties in `configuration` need: delta.appendOnly = true
/// needs writer version 2, or the writer feature appendOnly listed on a writer 7 protocol;
/// delta.enableDeletionVectors = true the reader+writer feature deletionVectors.
Protocol ProtocolForProperties(Protocol protocol,
                               const std::map<std::string, std::string>& configuration);

/// OK when inlet can read a table with this protocol and metadata; otherwise NotImplemented
/// naming the reader version or feature (e.g. "deletionVectors").
Status CheckReadable(const Protocol& protocol, const Metadata& metadata);

/// OK when inlet can append to the table; otherwise NotImplemented naming the writer feature.
/// Writers read first, so this includes CheckReadable. Supported: appendOnly (appends honor it),
/// invariants and checkConstraints (loads check every row), timestampNtz, allowColumnDefaults with literal
/// defaults, vacuumProtocolCheck (VACUUM checks this first), v2Checkpoint (inlet writes classic-named
/// V2 checkpoints) and domainMetadata (checkpoints keep every domain). Features implied by legacy writer
/// versions 2 to 6 count only when the metadata uses them, as the protocol allows.
Status CheckWritable(const Protocol& protocol, const Metadata& metadata, const DeltaSchema& schema);

/// Whether the table property delta.appendOnly is true: no remove with dataChange allowed.
bool IsAppendOnly(const Metadata& metadata);

}  // namespace inlet

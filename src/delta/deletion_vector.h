#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fs/file_system.h"
#include "inlet/result.h"

// Deletion vectors (the Delta protocol's "Deletion Vectors" and "Deletion Vector Format"): the
// rows of a data file a DELETE, UPDATE or MERGE marked deleted without rewriting the file.

namespace inlet {

/// An add/remove action's deletionVector.
struct DeletionVectorDescriptor {
  /// 'u' (a file named by a UUID, relative to the table), 'p' (a file by absolute path) or 'i'
  /// (the bitmap inline, Z85-encoded).
  char storage_type = 'i';
  std::string path_or_inline_dv;
  std::optional<int64_t> offset;
  int64_t size_in_bytes = 0;
  int64_t cardinality = 0;

  /// What tells two versions of one data file apart in log replay:
  /// "<storageType><pathOrInlineDv>[@<offset>]".
  std::string UniqueId() const;
};

/// Parses a deletionVector JSON object. InvalidData naming the member for a missing or
/// malformed one, or an unknown storage type.
Result<DeletionVectorDescriptor> ParseDeletionVectorDescriptor(std::string_view json);

/// The identity of an add/remove within the table: its path key plus, when it has a deletion
/// vector, "#" and the vector's unique id.
Result<std::string> LogicalFileKey(const std::string& path_key,
                                   const std::optional<std::string>& deletion_vector_json);

/// Decodes Z85 (ZeroMQ's Base85). InvalidData when the length is not a multiple of 5, a
/// character is outside the alphabet, or a group overflows 32 bits.
Result<std::string> DecodeZ85(std::string_view text);

/// A set of row indexes of one data file, as sorted disjoint ranges.
class RowIndexSet {
 public:
  /// Whether `row` is in the set; `row`s asked in ascending order are answered in O(1) each.
  bool Contains(uint64_t row) const;
  uint64_t size() const { return size_; }
  /// Adds [begin, end); REQUIRES: begin >= every value added before.
  void AddRange(uint64_t begin, uint64_t end);

 private:
  std::vector<std::pair<uint64_t, uint64_t>> ranges_;  // [begin, end), ascending
  uint64_t size_ = 0;
  mutable size_t cursor_ = 0;
};

/// Parses Delta's RoaringBitmapArray: the magic number 1681511377, then a 64-bit Roaring bitmap
/// in the portable serialization. Every length is checked against `bytes`; InvalidData says
/// what is wrong and where.
Result<RowIndexSet> ParseRoaringBitmapArray(std::string_view bytes);

/// The rows `descriptor` marks deleted: decoded from the log for 'i'; for 'u' and 'p' read from
/// the DV file (at the table root or the absolute path) at its offset, with its size and CRC-32
/// checked. InvalidData names the DV file; the set's size must equal the descriptor's
/// cardinality.
Result<RowIndexSet> LoadDeletionVector(FileSystem* fs, const std::string& table_root,
                                       const DeletionVectorDescriptor& descriptor);

}  // namespace inlet

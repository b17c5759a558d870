// Fuzz target: the deletion vector parsers on arbitrary bytes: ParseRoaringBitmapArray (Delta's
// RoaringBitmapArray, a 64-bit portable Roaring bitmap behind a magic number) on the input and on
// the input past a DV file's 5-byte header (version, size), so the seed DV files reach the
// bitmap parser; DecodeZ85 and ParseDeletionVectorDescriptor on the input as text.
//
// Besides "never crash or hang", it checks that a parsed bitmap answers Contains the same in
// ascending order (the cursor path) as when asked again from the start (the binary-search path).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "delta/deletion_vector.h"

namespace inlet {
namespace {

void CheckBitmap(std::string_view bytes) {
  Result<RowIndexSet> set = ParseRoaringBitmapArray(bytes);
  if (!set.ok()) return;
  // Sample rows spread over the first buckets' ranges.
  std::vector<uint64_t> rows;
  for (uint64_t r = 0; r < 70000; r += 7) rows.push_back(r);
  for (uint64_t r = 0; r < 4; ++r) rows.push_back((r << 32) + 3);
  std::vector<bool> first;
  for (uint64_t r : rows) first.push_back(set->Contains(r));
  for (size_t i = rows.size(); i-- > 0;) {
    if (set->Contains(rows[i]) != first[i]) {
      fprintf(stderr, "deletion_vector_fuzzer: Contains(%llu) depends on the order asked\n",
              static_cast<unsigned long long>(rows[i]));
      abort();
    }
  }
}

}  // namespace
}  // namespace inlet

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  inlet::CheckBitmap(input);
  if (input.size() > 5) inlet::CheckBitmap(input.substr(5));
  auto decoded = inlet::DecodeZ85(input);
  if (decoded.ok()) inlet::CheckBitmap(*decoded);
  (void)inlet::ParseDeletionVectorDescriptor(input);
  return 0;
}

#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "formats/parquet/page_reader.h"
#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/parquet_schema.h"
#include "formats/parquet/parquet_types.h"
#include "inlet/status.h"
#include "types/column.h"

namespace inlet::parquet {

/// Decodes every page of one flat column chunk (`chunk` holds its bytes, from the first page to
/// the end) and appends its `num_rows` values to `out`, whose type is `desc.type`, NULLs in
/// place. Reads data pages v1 and v2, dictionary pages, every value encoding of Encodings.md
/// (PLAIN, dictionary, RLE booleans, the DELTA_* encodings, BYTE_STREAM_SPLIT), RLE and
/// BIT_PACKED levels, and the codecs of DecompressPage. Errors are InvalidData (NotImplemented
/// for valid but unsupported encodings and codecs) with messages starting with `where`
/// ("f.parquet: column \"x\""). REQUIRES: desc.max_repetition_level == 0, and the caller has
/// bounded `num_rows` (RLE levels let a tiny page claim any number of rows).
Status ReadColumnChunk(const ColumnDescriptor& desc, Codec codec, std::string_view chunk,
                       int64_t num_rows, const std::string& where, Column* out);

/// What one leaf column chunk of any nesting decodes to: its levels and its defined values.
struct LeafChunk {
  /// One definition level per slot; empty when desc.max_definition_level == 0.
  std::vector<int16_t> def_levels;
  /// One repetition level per slot (0 starts a new row); empty when desc.max_repetition_level
  /// == 0.
  std::vector<int16_t> rep_levels;
  /// The values of the slots whose definition level is the maximum, in slot order, of desc.type;
  /// never NULL.
  ColumnPtr values;
  /// Level slots decoded (the chunk's ColumnMetaData.num_values).
  int64_t num_slots = 0;
};

/// Decodes every page of one leaf column chunk holding `num_slots` level slots (for a flat
/// column, one per row) into `out`, replacing what it held. Checks every level against the
/// descriptor's maximum, and that the chunk starts a row. Same encodings, codecs, errors and
/// bound on `num_slots` as ReadColumnChunk.
Status ReadLeafChunk(const ColumnDescriptor& desc, Codec codec, std::string_view chunk,
                     int64_t num_slots, const std::string& where, LeafChunk* out);

}  // namespace inlet::parquet

#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/parquet_schema.h"
#include "inlet/status.h"
#include "types/column.h"

namespace inlet::parquet {

/// Largest decompressed page inlet accepts; bounds what a hostile page header can make us
/// allocate (real writers use pages of about 1 MiB).
constexpr int64_t kMaxPageBytes = int64_t{256} << 20;

/// Decodes every page of one flat column chunk (`chunk` holds its bytes, from the first page to
/// the end) and appends its `num_rows` values to `out`, whose type is `desc.type`. Reads data
/// pages v1 and v2, PLAIN and RLE_DICTIONARY / PLAIN_DICTIONARY values, RLE definition levels,
/// and the codecs of DecompressPage. Errors are InvalidData (NotImplemented for valid but
/// unsupported encodings) with messages starting with `where` ("f.parquet: column \"x\"").
Status ReadColumnChunk(const ColumnDescriptor& desc, Codec codec, std::string_view chunk,
                       int64_t num_rows, const std::string& where, Column* out);

}  // namespace inlet::parquet

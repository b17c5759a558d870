#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "formats/csv/csv_options.h"
#include "formats/csv/csv_parser.h"
#include "formats/format.h"

namespace inlet {

/// Cuts an uncompressed CSV file into at most `max_splits` byte ranges of about equal size whose
/// bounds are true record starts: each split reads the records that start in [begin, end), so
/// every record is read by exactly one split, also when quoted fields hold newlines. A
/// compressed file, or one with no record start past the first cut, is one split.
Result<std::vector<FileSplit>> PlanCsvSplits(const SourceFile& file, const CsvOptions& options,
                                             int max_splits);

/// A parser for a split of `file` from PlanCsvSplits that starts past the header
/// (split.begin > 0): it reads the records that start in [split.begin, split.end) and names
/// the file's own line numbers.
Result<std::unique_ptr<CsvParser>> OpenCsvSplitParser(const SourceFile& file,
                                                      const CsvOptions& options,
                                                      const FileSplit& split);

/// Line breaks (LF, CRLF and lone CR, each one; or each custom record delimiter of `dialect`)
/// in the first `nbytes` of `input`, the way CsvParser counts lines.
/// REQUIRES: byte `nbytes` is not the LF of a CRLF.
Result<int64_t> CountLineBreaks(InputStream* input, int64_t nbytes,
                                const CsvDialect& dialect = CsvDialect());

}  // namespace inlet

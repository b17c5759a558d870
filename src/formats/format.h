#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "inlet/result.h"
#include "formats/row_error.h"
#include "fs/file_system.h"
#include "types/column.h"
#include "types/schema.h"

namespace inlet {

/// A source file as a reader sees it.
struct SourceFile {
  std::shared_ptr<FileSystem> fs;
  FileInfo info;
  /// How messages name the file (the user's URI or path).
  std::string display_name;
};

/// Format options after validation: keys lower-case, values as written (unquoted).
using FormatOptions = std::map<std::string, std::string>;

/// The FormatOptions key under which the binder records which SQL dialect the statement's
/// options follow ("delta", "snowflake" or "firebolt"), since their names and defaults differ.
/// Not an option users write; formats whose options do not depend on it ignore it.
inline constexpr char kFormatDialectKey[] = "inlet:dialect";

/// One option a format accepts: its name, what it means and its default, for validation
/// messages and docs.
struct OptionSpec {
  std::string name;
  std::string description;
  std::string default_value;
};

/// A part of a file that a reader can read on its own, so that one large file loads on several
/// threads. Its unit belongs to the format: row groups for Parquet. The default is the whole file.
struct FileSplit {
  int64_t begin = 0;
  /// One past the last unit; -1 means "to the end of the file".
  int64_t end = -1;

  bool whole_file() const { return begin == 0 && end < 0; }
};

/// What a reader is asked to produce.
struct ReadRequest {
  /// The table's schema: batches come out with exactly these columns, in this order. Source
  /// columns are matched to fields by name (ASCII case-insensitive) when the source has names;
  /// fields the source lacks are filled with their DEFAULT or NULL.
  SchemaPtr target_schema;
  FormatOptions options;
  /// Rows per batch (the memory bound of a load is a few batches per thread).
  int64_t batch_rows = 16 * 1024;
  /// Where bad rows go; the sink decides whether the load goes on.
  RowErrorSink* error_sink = nullptr;
  /// The part of the file to read (from PlanSplits).
  FileSplit split;
  /// Text longer than a VARCHAR(n) column is cut to n characters instead of being a row error
  /// (Snowflake's TRUNCATECOLUMNS = TRUE / ENFORCE_LENGTH = FALSE).
  bool truncate_text = false;
};

/// Streams the rows of one file as batches. Not thread safe; one per file and thread.
class FormatReader {
 public:
  virtual ~FormatReader() = default;
  /// The next batch, or nullptr at the end of the file.
  virtual Result<RecordBatchPtr> Next() = 0;
  /// Rows read from the file so far, rejected ones included.
  virtual int64_t rows_parsed() const = 0;
  /// Bytes consumed from the source (compressed bytes when compressed).
  virtual int64_t bytes_read() const = 0;
};

/// A file format plug-in: its name, extensions and options, schema inference and a reader.
/// Registered explicitly in RegisterBuiltinFormats (formats/registry.cc). Thread safe.
class FileFormat {
 public:
  virtual ~FileFormat() = default;
  /// Upper-case name used in SQL: "CSV", "PARQUET".
  virtual std::string name() const = 0;
  /// Lower-case extensions without the dot that imply this format ("csv", "tsv").
  virtual std::vector<std::string> extensions() const = 0;
  virtual std::vector<OptionSpec> options() const = 0;
  /// The options a statement may give in the SQL dialect `options` record (kFormatDialectKey),
  /// for messages that list them; options() for formats whose options do not depend on it.
  virtual std::vector<OptionSpec> OptionsFor(const FormatOptions& /*options*/) const {
    return options();
  }
  /// Validates option values (keys are already known to be valid names).
  virtual Status ValidateOptions(const FormatOptions& options) const = 0;
  /// Infers column names and types from the file (a sample of it for text formats).
  virtual Result<Schema> InferSchema(const SourceFile& file, const FormatOptions& options) = 0;
  virtual Result<std::unique_ptr<FormatReader>> OpenReader(const SourceFile& file,
                                                           const ReadRequest& request) = 0;
  /// Cuts `file`, read with `options`, into at most `max_splits` parts of similar size that
  /// readers can read independently (each split's rows are a contiguous run of the file's
  /// rows). Formats that cannot split read the whole file as one.
  virtual Result<std::vector<FileSplit>> PlanSplits(const SourceFile& /*file*/,
                                                    const FormatOptions& /*options*/,
                                                    int /*max_splits*/) {
    return std::vector<FileSplit>{FileSplit{}};
  }
  /// How messages name a split, whose rows they count from its start: "row groups [4, 8)".
  virtual std::string DescribeSplit(const FileSplit& split) const {
    return "row groups [" + std::to_string(split.begin) + ", " + std::to_string(split.end) + ")";
  }
};

/// For each target field, the index of the source column with the same name (ASCII
/// case-insensitive), or -1. InvalidData when no field matches at all, or when a source names a
/// column twice, naming the file.
Result<std::vector<int>> MatchColumnsByName(const std::vector<std::string>& source_names,
                                            const Schema& target, const std::string& file_name);

}  // namespace inlet

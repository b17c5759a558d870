#include "formats/parquet/parquet_format.h"

#include <algorithm>

#include "common/string_util.h"
#include "formats/parquet/parquet_projection.h"
#include "formats/parquet/parquet_reader.h"
#include "types/cast.h"

namespace inlet {

namespace {

// The options after validation.
struct ParquetOptions {
  // FALSE is the default of the Databricks/Delta form inlet speaks today. Snowflake documents
  // TRUE: its dialect's FILE_FORMAT = (TYPE = PARQUET) binding is where that default belongs, by
  // passing binary_as_text = TRUE when the statement does not say.
  bool binary_as_text = false;
  // Firebolt's default for new accounts.
  bool support_structs = true;
};

constexpr const char* kBinaryAsText = "binary_as_text";
constexpr const char* kSupportStructs = "support_structs";

Result<bool> ParseBool(const std::string& name, const std::string& value) {
  if (EqualsIgnoreCase(value, "true")) return true;
  if (EqualsIgnoreCase(value, "false")) return false;
  return Status::InvalidArgument(AsciiToUpper(name) + " must be TRUE or FALSE, got '" + value +
                                 "'");
}

Result<ParquetOptions> ParseOptions(const FormatOptions& options) {
  ParquetOptions out;
  for (const auto& [key, value] : options) {
    // Option names are case-insensitive, whichever form of COPY spelled them.
    if (key == kFormatDialectKey) continue;  // no Parquet option depends on the dialect
    if (EqualsIgnoreCase(key, kBinaryAsText)) {
      INLET_ASSIGN_OR_RETURN(out.binary_as_text, ParseBool(key, value));
    } else if (EqualsIgnoreCase(key, kSupportStructs)) {
      INLET_ASSIGN_OR_RETURN(out.support_structs, ParseBool(key, value));
    } else {
      return Status::InvalidArgument("PARQUET has no option \"" + key + "\"");
    }
  }
  return out;
}

Result<std::unique_ptr<ParquetFileReader>> OpenFile(const SourceFile& file,
                                                    const ParquetOptions& options) {
  if (!file.fs) return Status::Internal("SourceFile without a file system");
  INLET_ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> input,
                         file.fs->OpenInputFile(file.info.path));
  parquet::LeafTypeOptions leaf_options;
  leaf_options.binary_as_text = options.binary_as_text;
  return ParquetFileReader::Open(std::shared_ptr<RandomAccessFile>(std::move(input)),
                                 file.display_name, leaf_options);
}

// Rows [begin, end) of `source`, skipping rows flagged in `rejected` (relative to begin).
ColumnPtr CopyRows(const Column& source, int64_t begin, int64_t end,
                   const std::vector<bool>& rejected) {
  auto out = std::make_shared<Column>(source.type());
  out->Reserve(end - begin);
  if (rejected.empty()) {
    out->AppendRange(source, begin, end);
    return out;
  }
  for (int64_t r = begin; r < end; ++r) {
    if (!rejected[r - begin]) out->AppendFrom(source, r);
  }
  return out;
}

/// Streams the row groups of a split of a Parquet file one at a time, cut into batches of the
/// request's size.
class ParquetBatchReader : public FormatReader {
 public:
  /// REQUIRES: 0 <= first_group <= end_group <= file->num_row_groups().
  ParquetBatchReader(std::unique_ptr<ParquetFileReader> file, ReadRequest request,
                     parquet::LoadProjection projection, int first_group, int end_group)
      : file_(std::move(file)),
        request_(std::move(request)),
        projection_(std::move(projection.selections)),
        field_to_read_(std::move(projection.field_to_selection)),
        next_group_(first_group),
        end_group_(end_group) {
    // Rows are numbered within the whole file, so errors name the same row for any split.
    for (int g = 0; g < first_group; ++g) first_row_ += file_->row_group_num_rows(g);
  }

  Result<RecordBatchPtr> Next() override {
    while (group_ == nullptr || offset_ >= group_->num_rows()) {
      if (next_group_ >= end_group_) return RecordBatchPtr();
      INLET_ASSIGN_OR_RETURN(group_, file_->ReadRowGroup(next_group_++, projection_));
      offset_ = 0;
    }
    int64_t begin = offset_;
    int64_t end = std::min(group_->num_rows(), begin + std::max<int64_t>(request_.batch_rows, 1));
    offset_ = end;
    INLET_ASSIGN_OR_RETURN(RecordBatchPtr batch, Convert(begin, end));
    rows_parsed_ += end - begin;
    return batch;
  }

  int64_t rows_parsed() const override { return rows_parsed_; }
  int64_t bytes_read() const override { return file_->bytes_read(); }

 private:
  // Reports row `r` (of the group) of field `field_index` as rejected for `reason`.
  Status RejectValue(size_t field_index, int64_t begin, int64_t r, std::string raw_value,
                     std::string reason, std::vector<bool>* rejected) {
    const Field& field = request_.target_schema->field(field_index);
    RowError error;
    error.kind = field.type.id() == TypeId::kVarchar ? RowErrorKind::kTooLong : RowErrorKind::kCast;
    error.file = file_->display_name();
    error.line = first_row_ + rows_parsed_ + (r - begin) + 1;
    error.column_index = static_cast<int64_t>(field_index);
    error.column_name = field.name;
    error.column_type = field.type.ToString();
    error.code = RedshiftLoadErrorCode(error.kind, field.type.id());
    error.raw_value = std::move(raw_value);
    error.reason = std::move(reason);
    if (request_.error_sink == nullptr) return Status::InvalidData(error.ToString());
    INLET_RETURN_NOT_OK(request_.error_sink->OnRowError(error));
    (*rejected)[r - begin] = true;
    return Status::OK();
  }

  // Casts one source column to the field's type; rows that fail are reported and flagged.
  Result<ColumnPtr> CastColumn(size_t field_index, const Column& source, int64_t begin, int64_t end,
                               std::vector<bool>* rejected) {
    const Field& field = request_.target_schema->field(field_index);
    auto out = std::make_shared<Column>(field.type);
    out->Reserve(end - begin);
    // Text into text of a bounded length (VARCHAR into VARCHAR(n)) is the common case; checking
    // it in place avoids a Value per row.
    bool text_to_text =
        source.type().id() == TypeId::kVarchar && field.type.id() == TypeId::kVarchar;
    std::string text_error;
    for (int64_t r = begin; r < end; ++r) {
      if (source.IsNull(r)) {
        out->AppendNull();
        continue;
      }
      if (text_to_text) {
        std::string_view text = source.GetString(r);
        // No more bytes than the bound means no more characters: nothing to count.
        if (static_cast<int64_t>(text.size()) <= field.type.max_length()) {
          out->AppendString(text);
          continue;
        }
        if (AppendTextAsType(text, field.type, out.get(), &text_error)) continue;
        INLET_RETURN_NOT_OK(RejectValue(field_index, begin, r, std::string(source.GetString(r)),
                                        text_error, rejected));
        out->AppendNull();  // placeholder, dropped with the row below
        continue;
      }
      Value value = source.GetValue(r);
      Result<Value> cast = parquet::ConvertForLoad(value, field.type);
      if (cast.ok()) {
        out->AppendValue(*cast);
        continue;
      }
      INLET_RETURN_NOT_OK(RejectValue(field_index, begin, r, value.ToString(),
                                      cast.status().message(), rejected));
      out->AppendNull();  // placeholder, dropped with the row below
    }
    return out;
  }

  // A NULL bound for a NOT NULL column rejects its row, as a failed cast does.
  Status RejectNullsInNotNullFields(int64_t begin, int64_t n, const std::vector<ColumnPtr>& columns,
                                    const std::vector<bool>& cast_fields,
                                    std::vector<bool>* rejected) {
    const Schema& target = *request_.target_schema;
    for (size_t f = 0; f < target.num_fields(); ++f) {
      const Field& field = target.field(f);
      if (field.nullable) continue;
      int read = field_to_read_[f];
      bool from_source = read >= 0 && !cast_fields[f];
      const Column& column = from_source ? *group_->column(read) : *columns[f];
      int64_t offset = from_source ? begin : 0;
      if (column.null_count() == 0) continue;
      for (int64_t r = 0; r < n; ++r) {
        if ((*rejected)[r] || !column.IsNull(offset + r)) continue;
        RowError error;
        error.kind = RowErrorKind::kNotNull;
        error.code = RedshiftLoadErrorCode(error.kind, field.type.id());
        error.file = file_->display_name();
        error.line = first_row_ + rows_parsed_ + r + 1;
        error.column_index = static_cast<int64_t>(f);
        error.column_name = field.name;
        error.column_type = field.type.ToString();
        error.reason = read < 0 ? "the file has no column \"" + field.name +
                                      "\", which is NOT NULL and has no DEFAULT"
                                : "NULL value in NOT NULL column";
        if (request_.error_sink == nullptr) return Status::InvalidData(error.ToString());
        INLET_RETURN_NOT_OK(request_.error_sink->OnRowError(error));
        (*rejected)[r] = true;
      }
    }
    return Status::OK();
  }

  Result<RecordBatchPtr> Convert(int64_t begin, int64_t end) {
    const Schema& target = *request_.target_schema;
    int64_t n = end - begin;
    bool whole_group = begin == 0 && end == group_->num_rows();
    std::vector<ColumnPtr> columns(target.num_fields());
    std::vector<bool> rejected(static_cast<size_t>(n), false);
    std::vector<bool> cast_fields(target.num_fields(), false);
    for (size_t f = 0; f < target.num_fields(); ++f) {
      const Field& field = target.field(f);
      int read = field_to_read_[f];
      if (read < 0) {
        auto column = std::make_shared<Column>(field.type);
        column->Reserve(n);
        for (int64_t r = 0; r < n; ++r) {
          if (field.default_value) {
            column->AppendValue(*field.default_value);
          } else {
            column->AppendNull();
          }
        }
        columns[f] = std::move(column);
        continue;
      }
      const Column& source = *group_->column(read);
      if (source.type() == field.type) continue;  // copied after all casts are known
      INLET_ASSIGN_OR_RETURN(columns[f], CastColumn(f, source, begin, end, &rejected));
      cast_fields[f] = true;
    }
    INLET_RETURN_NOT_OK(RejectNullsInNotNullFields(begin, n, columns, cast_fields, &rejected));
    bool any_rejected = std::find(rejected.begin(), rejected.end(), true) != rejected.end();
    std::vector<bool> none;
    int64_t kept = n;
    if (any_rejected) kept -= std::count(rejected.begin(), rejected.end(), true);
    for (size_t f = 0; f < target.num_fields(); ++f) {
      int read = field_to_read_[f];
      if (read >= 0 && !cast_fields[f]) {
        const ColumnPtr& source = group_->column(read);
        columns[f] = (whole_group && !any_rejected)
                         ? source
                         : CopyRows(*source, begin, end, any_rejected ? rejected : none);
      } else if (any_rejected) {
        columns[f] = CopyRows(*columns[f], 0, n, rejected);
      }
    }
    return std::make_shared<RecordBatch>(request_.target_schema, std::move(columns), kept);
  }

  std::unique_ptr<ParquetFileReader> file_;
  ReadRequest request_;
  std::vector<ParquetColumnSelection> projection_;  // source columns read, in read order
  std::vector<int> field_to_read_;  // per target field: index into projection_, or -1
  int next_group_;
  int end_group_;
  int64_t first_row_ = 0;  // rows of the file before this split
  RecordBatchPtr group_;
  int64_t offset_ = 0;
  int64_t rows_parsed_ = 0;
};

}  // namespace

std::vector<OptionSpec> ParquetFormat::options() const {
  return {
      {kBinaryAsText, "read BYTE_ARRAY columns without a logical type as text (TRUE/FALSE)",
       "FALSE"},
      {kSupportStructs,
       "infer STRUCT columns (TRUE) or one \"a.b\" column per struct field (FALSE)", "TRUE"},
  };
}

Status ParquetFormat::ValidateOptions(const FormatOptions& options) const {
  return ParseOptions(options).status();
}

Result<Schema> ParquetFormat::InferSchema(const SourceFile& file, const FormatOptions& options) {
  INLET_ASSIGN_OR_RETURN(ParquetOptions parsed, ParseOptions(options));
  INLET_ASSIGN_OR_RETURN(std::unique_ptr<ParquetFileReader> reader, OpenFile(file, parsed));
  if (!parsed.support_structs) return parquet::ShreddedSchema(reader->schema_tree());
  return reader->schema();
}

Result<std::unique_ptr<FormatReader>> ParquetFormat::OpenReader(const SourceFile& file,
                                                                const ReadRequest& request) {
  if (!request.target_schema) return Status::Internal("ReadRequest without a target schema");
  INLET_ASSIGN_OR_RETURN(ParquetOptions parsed, ParseOptions(request.options));
  INLET_ASSIGN_OR_RETURN(std::unique_ptr<ParquetFileReader> reader, OpenFile(file, parsed));
  INLET_ASSIGN_OR_RETURN(
      parquet::LoadProjection projection,
      parquet::ProjectForLoad(reader->schema_tree(), *request.target_schema, file.display_name));
  int groups = reader->num_row_groups();
  const FileSplit& split = request.split;
  int64_t end = split.end < 0 ? groups : split.end;
  if (split.begin < 0 || split.begin > end || end > groups) {
    return Status::InvalidArgument(file.display_name + ": no row groups [" +
                                   std::to_string(split.begin) + ", " + std::to_string(end) +
                                   ") in a file of " + std::to_string(groups));
  }
  return std::unique_ptr<FormatReader>(
      new ParquetBatchReader(std::move(reader), request, std::move(projection),
                             static_cast<int>(split.begin), static_cast<int>(end)));
}

Result<std::vector<FileSplit>> ParquetFormat::PlanSplits(const SourceFile& file,
                                                         const FormatOptions& /*options*/,
                                                         int max_splits) {
  INLET_ASSIGN_OR_RETURN(std::unique_ptr<ParquetFileReader> reader,
                         OpenFile(file, ParquetOptions()));
  const std::vector<parquet::RowGroup>& groups = reader->metadata().row_groups;
  // Twice as many splits as asked, so a thread that draws small row groups takes another split
  // instead of idling while one draws big ones.
  int64_t wanted = std::min<int64_t>(static_cast<int64_t>(groups.size()),
                                     std::max<int64_t>(1, int64_t{2} * max_splits));
  if (wanted <= 1) return std::vector<FileSplit>{FileSplit{}};
  // Contiguous runs of row groups of about equal compressed size.
  std::vector<int64_t> sizes;
  int64_t total = 0;
  for (const parquet::RowGroup& group : groups) {
    int64_t size = group.total_compressed_size.value_or(group.total_byte_size);
    sizes.push_back(std::max<int64_t>(size, 1));
    total += sizes.back();
  }
  std::vector<FileSplit> splits;
  int64_t begin = 0;
  int64_t running = 0;
  for (size_t g = 0; g < groups.size(); ++g) {
    running += sizes[g];
    int64_t made = static_cast<int64_t>(splits.size());
    bool last = g + 1 == groups.size();
    // Close the split once it reaches its share of the bytes seen so far.
    if (last || running * wanted >= (made + 1) * total) {
      splits.push_back(FileSplit{begin, static_cast<int64_t>(g) + 1});
      begin = static_cast<int64_t>(g) + 1;
    }
  }
  return splits;
}

}  // namespace inlet

#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "inlet/result.h"
#include "io/stream.h"

namespace inlet {

class CsvMultiByteParser;

/// The characters that give a CSV file its structure, and the parser's memory limits.
struct CsvDialect {
  char delimiter = ',';
  /// Quoting is off when false (every quote byte is data).
  bool has_quote = true;
  char quote = '"';
  /// Inside quotes, `escape` makes a following quote or escape byte literal; before any other
  /// byte it is kept as data (so `C:\dir` survives with escape `\`). Ignored when it equals the
  /// quote (RFC 4180 doubling already covers that).
  bool has_escape = false;
  char escape = '\\';
  /// Outside quotes, this byte ('\0' for none) makes a following delimiter, line break, quote
  /// or itself literal, and starts the sequences DecodeUnquotedEscapes reads (`\t`, `\001`...);
  /// before any other byte it is kept as data (so `\N` stays `\N`).
  char unquoted_escape = '\0';
  /// When false, a blank line is a record of one empty field.
  bool skip_blank_lines = true;
  /// Skip a UTF-8 byte order mark at the start of the input.
  bool skip_byte_order_mark = true;
  /// LF followed by CR ends one record, not a record and a blank line (Firebolt's NEWLINE).
  bool lf_cr_is_newline = false;
  /// When set, `record_delimiter` alone ends records and LF and CR are data.
  bool custom_record_delimiter = false;
  char record_delimiter = '\n';
  /// A field delimiter of several bytes (Snowflake's FIELD_DELIMITER = '||'), empty when it is
  /// the one byte `delimiter`; likewise a record delimiter of several bytes ('##\n'), which then
  /// alone ends records. With either, CsvParser reads with CsvMultiByteParser's loop.
  std::string multibyte_delimiter;
  std::string multibyte_record_delimiter;
  bool has_multibyte_delimiter() const {
    return !multibyte_delimiter.empty() || !multibyte_record_delimiter.empty();
  }
  /// Bytes read from the input at a time.
  int64_t chunk_size = 1 << 20;
  /// A record whose fields hold more bytes than this is an InvalidData error: it is what an
  /// unmatched quote in a large file looks like, and memory must stay bounded.
  int64_t max_record_bytes = 256 << 20;
};

/// Splits a byte stream into CSV records (RFC 4180) one at a time, streaming it in chunks.
///
/// - Quoted fields may hold delimiters, newlines and doubled quotes (""). A quote in the middle
///   of an unquoted field is data. Bytes after a closing quote and before the next delimiter are
///   kept as data (`"ab"c` is `abc`), as most CSV readers do.
/// - Records end at LF, CRLF or a lone CR. Blank lines (a newline where a record would start)
///   are not records, so a trailing empty line is not either.
/// - A UTF-8 byte order mark at the very start is skipped.
/// - At end of input inside quotes the record is returned with unterminated_quote() set.
///
/// Field views stay valid until the next call to NextRecord(). Not thread safe.
class CsvParser {
 public:
  CsvParser(std::unique_ptr<InputStream> input, const CsvDialect& dialect);
  ~CsvParser();

  /// Skips `lines` physical lines (LF, CRLF or CR each end one) before the first record; quotes
  /// are not interpreted. REQUIRES: called before the first NextRecord().
  Status SkipLines(int64_t lines);

  /// Makes the parser read one split of a file (see csv_split.h): the input starts at byte
  /// `begin` of the file, a record start found by SkipToRecordStart, so no BOM is looked for.
  /// `lines_before` counts the line breaks of the file before `begin`; it is called once, the
  /// first time a line number is needed, since counting reads the file up to there.
  /// REQUIRES: called before anything else, with begin > 0.
  void StartAt(int64_t begin, std::function<Result<int64_t>()> lines_before);
  /// Records that start at or after byte `end` of the input are left to the next split: once
  /// the parser reaches one, NextRecord() returns false. -1 (the default) reads to the end.
  /// REQUIRES: `end` is a record start (from SkipToRecordStart) or -1.
  void set_end(int64_t end) { end_offset_ = end; }

  /// Parses the next record; false at the end of the input (or of the split).
  Result<bool> NextRecord();

  /// Consumes the input, producing no records, up to the first byte offset at or after `offset`
  /// where a record starts in a full parse of the input (and not inside a CRLF), and returns it;
  /// -1 when no record starts there. A parser started at that offset (StartAt) reads exactly
  /// the records this one would have read from there. REQUIRES: between records.
  Result<int64_t> SkipToRecordStart(int64_t offset);

  size_t num_fields() const { return fields_.size(); }
  std::string_view field(size_t i) const {
    const FieldSpan& f = fields_[i];
    return std::string_view((fields_in_buffer_ ? buffer_.data() : field_data_.data()) + f.begin,
                            f.end - f.begin);
  }
  /// True when field `i` was written in quotes (so "" is an empty string, not a missing value).
  bool field_quoted(size_t i) const { return fields_[i].quoted; }
  /// 1-based line where the current record starts, counted from where the input starts: the
  /// file's line unless the parser reads a split (see FileRecordLine).
  int64_t record_line() const { return record_line_; }
  /// The file's 1-based line where the current record starts. For a split (StartAt) the first
  /// call counts the lines before it, which reads the file up to there.
  Result<int64_t> FileRecordLine();
  /// Byte offset of the current record in the (decompressed) input.
  int64_t record_offset() const { return record_offset_; }
  /// The current record ran into the end of the input inside a quoted field.
  bool unterminated_quote() const { return unterminated_quote_; }
  /// The current record as written in the input, without its record delimiter, for rejected-row
  /// reports; when its first bytes are no longer buffered (a record longer than a chunk), its
  /// fields joined by the delimiter, quoted where they were. At most `max_bytes` long.
  std::string RawRecord(size_t max_bytes) const;

  /// Bytes of the (decompressed) input consumed so far.
  int64_t bytes_consumed() const { return buffer_offset_ + static_cast<int64_t>(pos_); }
  /// Bytes consumed from the underlying source (compressed bytes when it is compressed).
  int64_t source_bytes_read() const { return input_->source_bytes_read(); }

 private:
  // Reads this parser's input and fills its record when a delimiter is several bytes long.
  friend class CsvMultiByteParser;

  // The state after consuming a byte; entering a state performs its action (see NextRecord).
  enum State : uint8_t {
    kRecordStart,    // nothing of a record consumed yet (also: the LF of a CRLF record end)
    kBlankLf,        // LF where a record would start: a blank line
    kBlankCr,        // CR where a record would start
    kFieldStart,     // a delimiter: the field before it ended
    kRecordEndLf,    // LF ending a record
    kRecordEndCr,    // CR ending a record (an LF right after it is swallowed)
    kUnquoted,       // a data byte of an unquoted field
    kQuoteOpen,      // the quote opening a quoted field
    kQuoted,         // a data byte inside quotes
    kQuotedLf,       // LF inside quotes
    kQuotedCr,       // CR inside quotes
    kQuotedCrLf,     // LF right after a CR inside quotes (same line)
    kQuoteInQuoted,  // a quote inside quotes: the closing one or the first of ""
    kEscape,         // the escape byte inside quotes
    kEscapedChar,    // a quote or escape byte right after the escape byte
    kUnquotedEscape,       // the unquoted_escape byte outside quotes
    kUnquotedEscapedChar,  // a structural byte right after it, kept as data
    kNumStates
  };

  static bool IsRecordStart(State s) {
    return s == kRecordStart || s == kBlankLf || s == kBlankCr || s == kRecordEndLf ||
           s == kRecordEndCr;
  }
  /// Not inside a quoted field (nor right after one of its quotes).
  static bool IsOutsideQuotes(State s) {
    return IsRecordStart(s) || s == kFieldStart || s == kUnquoted;
  }
  /// The record at record_offset_ belongs to the next split.
  bool PastEnd() const { return end_offset_ >= 0 && record_offset_ >= end_offset_; }
  /// SkipToRecordStart's first stage: the state at `offset` (or at the end of the input).
  Result<bool> AdvanceTo(int64_t offset);
  State ComputeTransition(State from, uint8_t c) const;
  enum class InBuffer : uint8_t { kRecord, kPastEnd, kCopy };
  /// NextRecord's fast path: reads the record from pos_ with its fields left in buffer_. At
  /// kCopy (a byte to unescape, or the chunk's end) the record so far is moved to field_data_
  /// and NextRecord's loop carries on from pos_ and state_.
  InBuffer NextRecordInBuffer();
  /// Copies the fields read so far and the current one's bytes [field_begin, field_end) into
  /// field_data_, and leaves the parser in `state` before byte `next` of buffer_.
  InBuffer MoveRecordToFieldData(const char* field_begin, const char* field_end, State state,
                                 const char* next);
  /// Reads the next chunk; false at end of input.
  Result<bool> FillBuffer();
  /// The first read: fills at least 3 bytes when there are, and skips a UTF-8 BOM.
  Status Start();
  void EndField();
  Result<bool> FinishAtEndOfInput();

  std::unique_ptr<InputStream> input_;
  CsvDialect dialect_;
  State transitions_[kNumStates][256];
  // Bytes that leave kUnquoted / kQuoted where they are: copied in bulk runs.
  bool plain_unquoted_[256];
  bool plain_quoted_[256];

  std::string buffer_;
  size_t pos_ = 0;
  size_t end_ = 0;
  int64_t buffer_offset_ = 0;  // offset of buffer_[0] in the input
  bool started_ = false;
  bool at_end_ = false;

  State state_ = kRecordStart;
  int64_t line_ = 1;  // line of the next byte to consume, counted from where the input starts
  // Set by StartAt: lines of the file before the input, counted on first use.
  std::function<Result<int64_t>()> count_lines_before_;
  int64_t lines_before_ = 0;
  int64_t end_offset_ = -1;

  // The current record: its fields are bytes [begin, end) of buffer_ when fields_in_buffer_,
  // else of field_data_ (see NextRecord's PERF NOTES).
  struct FieldSpan {
    size_t begin;
    size_t end;
    bool quoted;
  };
  std::string field_data_;
  std::vector<FieldSpan> fields_;
  bool fields_in_buffer_ = false;
  size_t field_begin_ = 0;  // where the current field starts in field_data_
  bool quoted_ = false;
  bool unterminated_quote_ = false;
  int64_t record_line_ = 1;
  int64_t record_offset_ = 0;
  // Where the current field's first unquoted escape byte is in field_data_ (npos: none); its
  // sequences are decoded when the field ends (csv_escapes.h).
  size_t unquoted_escape_at_ = std::string::npos;
  std::unique_ptr<CsvMultiByteParser> multibyte_;
};

}  // namespace inlet

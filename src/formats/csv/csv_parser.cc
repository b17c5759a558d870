#include "formats/csv/csv_parser.h"

#include <algorithm>
#include <cstring>

#include "common/string_util.h"
#include "formats/csv/csv_escapes.h"
#include "formats/csv/csv_multibyte_parser.h"

namespace inlet {

CsvParser::CsvParser(std::unique_ptr<InputStream> input, const CsvDialect& dialect)
    : input_(std::move(input)), dialect_(dialect) {
  if (dialect_.has_escape && (!dialect_.has_quote || dialect_.escape == dialect_.quote)) {
    dialect_.has_escape = false;
  }
  for (int c = 0; c < 256; ++c) {
    for (int s = 0; s < kNumStates; ++s) {
      transitions_[s][c] = ComputeTransition(static_cast<State>(s), static_cast<uint8_t>(c));
    }
    plain_unquoted_[c] = transitions_[kUnquoted][c] == kUnquoted;
    plain_quoted_[c] = transitions_[kQuoted][c] == kQuoted;
  }
  if (dialect_.has_multibyte_delimiter()) {
    multibyte_ = std::make_unique<CsvMultiByteParser>(dialect_);
  }
}

CsvParser::~CsvParser() = default;

CsvParser::State CsvParser::ComputeTransition(State from, uint8_t c) const {
  const bool is_delimiter = c == static_cast<uint8_t>(dialect_.delimiter);
  const bool is_quote = dialect_.has_quote && c == static_cast<uint8_t>(dialect_.quote);
  const bool is_escape = dialect_.has_escape && c == static_cast<uint8_t>(dialect_.escape);
  const bool is_unquoted_escape =
      dialect_.unquoted_escape != '\0' && c == static_cast<uint8_t>(dialect_.unquoted_escape);
  const bool is_lf = dialect_.custom_record_delimiter
                         ? c == static_cast<uint8_t>(dialect_.record_delimiter)
                         : c == '\n';
  const bool is_cr = !dialect_.custom_record_delimiter && c == '\r';
  if (from == kUnquotedEscape) {
    return is_delimiter || is_lf || is_cr || is_quote || is_unquoted_escape ? kUnquotedEscapedChar
                                                                            : kUnquoted;
  }
  switch (from) {
    case kRecordStart:
    case kBlankLf:
    case kBlankCr:
    case kRecordEndLf:
    case kRecordEndCr:
    case kFieldStart:
      if (is_lf && (from == kBlankCr || from == kRecordEndCr)) return kRecordStart;
      if (is_cr && dialect_.lf_cr_is_newline && (from == kBlankLf || from == kRecordEndLf)) {
        return kRecordStart;
      }
      if (is_delimiter) return kFieldStart;
      if (is_unquoted_escape) return kUnquotedEscape;
      if (is_lf) return from == kFieldStart ? kRecordEndLf : kBlankLf;
      if (is_cr) return from == kFieldStart ? kRecordEndCr : kBlankCr;
      return is_quote ? kQuoteOpen : kUnquoted;
    case kUnquoted:
    case kUnquotedEscapedChar:
    case kQuoteInQuoted:
      if (from == kQuoteInQuoted && is_quote) return kQuoted;  // "" inside quotes
      if (is_delimiter) return kFieldStart;
      if (is_unquoted_escape) return kUnquotedEscape;
      if (is_lf) return kRecordEndLf;
      if (is_cr) return kRecordEndCr;
      return kUnquoted;
    case kEscape:
      if (is_quote || is_escape) return kEscapedChar;
      break;
    case kQuotedCr:
      if (is_lf) return kQuotedCrLf;
      break;
    case kQuoteOpen:
    case kQuoted:
    case kQuotedLf:
    case kQuotedCrLf:
    case kEscapedChar:
    case kUnquotedEscape:
    case kNumStates:
      break;
  }
  // Inside quotes.
  if (is_quote) return kQuoteInQuoted;
  if (is_escape) return kEscape;
  if (is_lf) return kQuotedLf;
  if (is_cr) return kQuotedCr;
  return kQuoted;
}

Status CsvParser::Start() {
  started_ = true;
  buffer_.resize(static_cast<size_t>(std::max<int64_t>(dialect_.chunk_size, 3)));
  // Read until the BOM can be recognized, whatever the chunk size.
  while (end_ < 3) {
    INLET_ASSIGN_OR_RETURN(int64_t n, input_->Read(static_cast<int64_t>(buffer_.size() - end_),
                                                   buffer_.data() + end_));
    if (n == 0) {
      at_end_ = true;
      break;
    }
    end_ += static_cast<size_t>(n);
  }
  // A split starts mid-file, where these bytes would be data.
  const bool at_file_start = buffer_offset_ == 0;
  if (at_file_start && dialect_.skip_byte_order_mark && end_ >= 3 &&
      buffer_.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    pos_ = 3;
  }
  return Status::OK();
}

void CsvParser::StartAt(int64_t begin, std::function<Result<int64_t>()> lines_before) {
  buffer_offset_ = begin;
  record_offset_ = begin;
  count_lines_before_ = std::move(lines_before);
}

Result<int64_t> CsvParser::FileRecordLine() {
  if (count_lines_before_) {
    INLET_ASSIGN_OR_RETURN(lines_before_, count_lines_before_());
    count_lines_before_ = nullptr;
  }
  return lines_before_ + record_line_;
}

Result<bool> CsvParser::FillBuffer() {
  if (at_end_) return false;
  if (static_cast<int64_t>(field_data_.size()) > dialect_.max_record_bytes) {
    INLET_ASSIGN_OR_RETURN(int64_t line, FileRecordLine());
    return Status::InvalidData(
        "line " + std::to_string(line) + ": a record holds more than " +
        FormatBytes(dialect_.max_record_bytes) + "; is a quote left unclosed?");
  }
  buffer_offset_ += static_cast<int64_t>(end_);
  pos_ = end_ = 0;
  INLET_ASSIGN_OR_RETURN(int64_t n, input_->Read(dialect_.chunk_size, buffer_.data()));
  if (n == 0) {
    at_end_ = true;
    return false;
  }
  end_ = static_cast<size_t>(n);
  return true;
}

std::string CsvParser::RawRecord(size_t max_bytes) const {
  std::string raw;
  if (record_offset_ >= buffer_offset_ &&
      record_offset_ - buffer_offset_ <= static_cast<int64_t>(pos_)) {
    size_t begin = static_cast<size_t>(record_offset_ - buffer_offset_);
    raw.assign(buffer_, begin, pos_ - begin);
    const std::string& record_end = dialect_.multibyte_record_delimiter;
    if (!record_end.empty() && raw.size() >= record_end.size() &&
        raw.compare(raw.size() - record_end.size(), record_end.size(), record_end) == 0) {
      raw.resize(raw.size() - record_end.size());
    } else if (dialect_.custom_record_delimiter) {
      if (!raw.empty() && raw.back() == dialect_.record_delimiter) raw.pop_back();
    } else {
      while (!raw.empty() && (raw.back() == '\n' || raw.back() == '\r')) raw.pop_back();
    }
  } else {
    const std::string delimiter = dialect_.multibyte_delimiter.empty()
                                      ? std::string(1, dialect_.delimiter)
                                      : dialect_.multibyte_delimiter;
    for (size_t i = 0; i < num_fields() && raw.size() <= max_bytes; ++i) {
      if (i > 0) raw += delimiter;
      if (!field_quoted(i)) {
        raw += field(i);
        continue;
      }
      raw += dialect_.quote;
      for (char c : field(i)) {
        if (c == dialect_.quote) raw += c;
        raw += c;
      }
      raw += dialect_.quote;
    }
  }
  if (raw.size() > max_bytes) raw.resize(max_bytes);
  return raw;
}

Status CsvParser::SkipLines(int64_t lines) {
  if (!started_) INLET_RETURN_NOT_OK(Start());
  if (multibyte_) return multibyte_->SkipLines(this, lines);
  int64_t skipped = 0;
  bool after_cr = false;
  while (skipped < lines) {
    if (pos_ == end_) {
      INLET_ASSIGN_OR_RETURN(bool more, FillBuffer());
      if (!more) break;
    }
    const char c = buffer_[pos_++];
    // With a custom record delimiter a "line" ends at that byte only (Snowflake's SKIP_HEADER
    // counts records, and LF/CR are data then).
    if (dialect_.custom_record_delimiter) {
      if (c == dialect_.record_delimiter) ++skipped;
      continue;
    }
    if (c == '\r' || (c == '\n' && !after_cr)) ++skipped;
    after_cr = c == '\r';
  }
  line_ += skipped;
  // kBlankCr swallows the LF of a CRLF that ended the last skipped line.
  state_ = after_cr ? kBlankCr : kRecordStart;
  return Status::OK();
}

void CsvParser::EndField() {
  if (unquoted_escape_at_ != std::string::npos) [[unlikely]] {
    const size_t decoded =
        DecodeUnquotedEscapes(field_data_.data() + unquoted_escape_at_,
                              field_data_.size() - unquoted_escape_at_, dialect_);
    field_data_.resize(unquoted_escape_at_ + decoded);
    unquoted_escape_at_ = std::string::npos;
  }
  fields_.push_back({field_begin_, field_data_.size(), quoted_});
  field_begin_ = field_data_.size();
  quoted_ = false;
}

Result<bool> CsvParser::FinishAtEndOfInput() {
  if (IsRecordStart(state_)) return false;
  unterminated_quote_ = state_ != kUnquoted && state_ != kFieldStart && state_ != kQuoteInQuoted &&
                        state_ != kUnquotedEscape && state_ != kUnquotedEscapedChar;
  EndField();
  state_ = kRecordStart;
  return true;
}

// PERF NOTES:
// - One table lookup per structural byte gives the next state and one switch on it does the
//   state's action: no per-dialect conditions in the loop (the dialect is baked into the table).
// - Runs of ordinary bytes in a field (the bulk of a file) skip the switch: a 256-entry table
//   says which bytes keep kUnquoted / kQuoted, and the whole run is taken at once.
//   (Scanning 8 bytes at a time for the stop bytes was tried and measured slower: most fields
//   are shorter than a word.)
// - Most records lie within one chunk and have no byte to unescape: NextRecordInBuffer leaves
//   their fields where they are in buffer_ (no copy: 5% fewer instructions for a whole COPY of
//   the lineitem benchmark).
//   The others have their field bytes copied into field_data_ as they are recognized, so a
//   record that spans chunks needs no buffer stitching and the chunk can be refilled in place.
Result<bool> CsvParser::NextRecord() {
  if (!started_) INLET_RETURN_NOT_OK(Start());
  field_data_.clear();
  fields_.clear();
  fields_in_buffer_ = false;
  field_begin_ = 0;
  quoted_ = false;
  unterminated_quote_ = false;
  record_line_ = line_;
  record_offset_ = bytes_consumed();
  if (PastEnd()) return false;
  if (multibyte_) [[unlikely]] return multibyte_->NextRecord(this);
  if (pos_ == end_) {
    INLET_ASSIGN_OR_RETURN(bool more, FillBuffer());
    if (!more) return FinishAtEndOfInput();
  }
  switch (NextRecordInBuffer()) {
    case InBuffer::kRecord:
      return true;
    case InBuffer::kPastEnd:
      return false;
    case InBuffer::kCopy:
      break;
  }
  while (true) {
    if (pos_ == end_) {
      INLET_ASSIGN_OR_RETURN(bool more, FillBuffer());
      if (!more) return FinishAtEndOfInput();
    }
    const char* const base = buffer_.data();
    const char* p = base + pos_;
    const char* const end = base + end_;
    State state = state_;
    while (p < end) {
      const uint8_t c = static_cast<uint8_t>(*p++);
      state = transitions_[state][c];
      switch (state) {
        case kUnquoted:
        case kQuoted: {
          const char* run = p - 1;
          const bool* plain = state == kUnquoted ? plain_unquoted_ : plain_quoted_;
          while (p < end && plain[static_cast<uint8_t>(*p)]) ++p;
          field_data_.append(run, static_cast<size_t>(p - run));
          break;
        }
        case kQuotedLf:
        case kQuotedCr:
          ++line_;
          field_data_.push_back(static_cast<char>(c));
          break;
        case kUnquotedEscape:
          if (unquoted_escape_at_ == std::string::npos) unquoted_escape_at_ = field_data_.size();
          [[fallthrough]];
        case kQuotedCrLf:
        case kEscape:
          field_data_.push_back(static_cast<char>(c));
          break;
        case kUnquotedEscapedChar:
          // Kept after its escape byte: EndField decodes the pair.
          if (dialect_.custom_record_delimiter
                  ? c == static_cast<uint8_t>(dialect_.record_delimiter)
                  : c == '\n' || c == '\r') {
            ++line_;
          }
          field_data_.push_back(static_cast<char>(c));
          break;
        case kEscapedChar:
          field_data_.back() = static_cast<char>(c);  // replaces the escape byte
          break;
        case kQuoteOpen:
          quoted_ = true;
          break;
        case kFieldStart:
          EndField();
          break;
        case kRecordEndLf:
        case kRecordEndCr:
          EndField();
          ++line_;
          state_ = state;
          pos_ = static_cast<size_t>(p - base);
          return true;
        case kBlankLf:
        case kBlankCr:
          if (!dialect_.skip_blank_lines) [[unlikely]] {
            // A blank line read as a record: one empty field.
            EndField();
            ++line_;
            state_ = state;
            pos_ = static_cast<size_t>(p - base);
            return true;
          }
          ++line_;
          [[fallthrough]];
        case kRecordStart:
          // Nothing of the record is consumed yet: it starts after this newline.
          record_line_ = line_;
          record_offset_ = buffer_offset_ + (p - base);
          if (PastEnd()) [[unlikely]] {
            state_ = state;
            pos_ = static_cast<size_t>(p - base);
            return false;
          }
          break;
        case kQuoteInQuoted:
        case kNumStates:
          break;
      }
    }
    state_ = state;
    pos_ = end_;
  }
}

CsvParser::InBuffer CsvParser::NextRecordInBuffer() {
  const char* const base = buffer_.data();
  const char* p = base + pos_;
  const char* const end = base + end_;
  // The current field's data bytes so far: [field_begin, field_end).
  const char* field_begin = p;
  const char* field_end = p;
  State state = state_;
  while (p < end) {
    const State from = state;
    state = transitions_[state][static_cast<uint8_t>(*p++)];
    switch (state) {
      case kUnquoted:
      case kQuoted: {
        // Not right after the field's data so far: bytes after a closing quote, or the second
        // quote of "", which leave a gap in the input.
        if (p - 1 != field_end) [[unlikely]] {
          return MoveRecordToFieldData(field_begin, field_end, from, p - 1);
        }
        const bool* plain = state == kUnquoted ? plain_unquoted_ : plain_quoted_;
        while (p < end && plain[static_cast<uint8_t>(*p)]) ++p;
        field_end = p;
        break;
      }
      case kQuotedLf:
      case kQuotedCr:
        ++line_;
        field_end = p;
        break;
      case kQuotedCrLf:
        field_end = p;
        break;
      case kQuoteOpen:
        quoted_ = true;
        field_begin = field_end = p;
        break;
      case kFieldStart:
        fields_.push_back({static_cast<size_t>(field_begin - base),
                           static_cast<size_t>(field_end - base), quoted_});
        quoted_ = false;
        field_begin = field_end = p;
        break;
      case kRecordEndLf:
      case kRecordEndCr:
        fields_.push_back({static_cast<size_t>(field_begin - base),
                           static_cast<size_t>(field_end - base), quoted_});
        ++line_;
        fields_in_buffer_ = true;
        state_ = state;
        pos_ = static_cast<size_t>(p - base);
        return InBuffer::kRecord;
      case kBlankLf:
      case kBlankCr:
        if (!dialect_.skip_blank_lines) [[unlikely]] {
          return MoveRecordToFieldData(field_begin, field_end, from, p - 1);
        }
        ++line_;
        [[fallthrough]];
      case kRecordStart:
        record_line_ = line_;
        record_offset_ = buffer_offset_ + (p - base);
        if (PastEnd()) [[unlikely]] {
          state_ = state;
          pos_ = static_cast<size_t>(p - base);
          return InBuffer::kPastEnd;
        }
        field_begin = field_end = p;
        break;
      case kQuoteInQuoted:
        break;
      case kEscape:
      case kEscapedChar:
      case kUnquotedEscape:
      case kUnquotedEscapedChar:
      case kNumStates:
        // Bytes to unescape: NextRecord's loop does it, from this byte on.
        return MoveRecordToFieldData(field_begin, field_end, from, p - 1);
    }
  }
  return MoveRecordToFieldData(field_begin, field_end, state, p);
}

CsvParser::InBuffer CsvParser::MoveRecordToFieldData(const char* field_begin, const char* field_end,
                                                     State state, const char* next) {
  const char* const base = buffer_.data();
  for (FieldSpan& field : fields_) {
    const size_t begin = field_data_.size();
    field_data_.append(base + field.begin, field.end - field.begin);
    field.begin = begin;
    field.end = field_data_.size();
  }
  field_begin_ = field_data_.size();
  field_data_.append(field_begin, static_cast<size_t>(field_end - field_begin));
  state_ = state;
  pos_ = static_cast<size_t>(next - base);
  return InBuffer::kCopy;
}

// PERF NOTES: this runs on one thread over every byte before the last split (see csv_split.h),
// so it does as little per byte as it can:
// - Outside quotes only a quote byte can change what follows (enter a quoted field), so memchr
//   jumps from quote to quote; the state after the bytes jumped over depends on their last two
//   bytes only (a delimiter, a newline, a CRLF or data), and no record is assembled.
// - Inside quotes, runs of plain bytes are skipped with the same table as NextRecord.
// Line numbers are not counted here: a split counts them only if it has to report one.
Result<bool> CsvParser::AdvanceTo(int64_t offset) {
  const uint8_t quote = static_cast<uint8_t>(dialect_.quote);
  while (bytes_consumed() < offset) {
    if (pos_ == end_) {
      INLET_ASSIGN_OR_RETURN(bool more, FillBuffer());
      if (!more) return false;
    }
    const char* const base = buffer_.data();
    const char* p = base + pos_;
    const char* const end =
        base + std::min<int64_t>(static_cast<int64_t>(end_), offset - buffer_offset_);
    State state = state_;
    while (p < end) {
      if (IsOutsideQuotes(state)) {
        const char* q = nullptr;
        if (dialect_.has_quote) q = static_cast<const char*>(std::memchr(p, quote, end - p));
        if (q == nullptr) q = end;
        // Every outside state reads a non-quote byte into the same next state, up to whether
        // a newline ends a record or a blank line (which matters to NextRecord only).
        if (q - p >= 2) {
          state = transitions_[transitions_[kUnquoted][static_cast<uint8_t>(q[-2])]]
                              [static_cast<uint8_t>(q[-1])];
        } else if (q - p == 1) {
          state = transitions_[state][static_cast<uint8_t>(q[-1])];
        }
        p = q;
        if (p < end) state = transitions_[state][static_cast<uint8_t>(*p++)];
      } else {
        state = transitions_[state][static_cast<uint8_t>(*p++)];
        if (state == kQuoted) {
          while (p < end && plain_quoted_[static_cast<uint8_t>(*p)]) ++p;
        }
      }
    }
    state_ = state;
    pos_ = static_cast<size_t>(p - base);
  }
  return true;
}

Result<int64_t> CsvParser::SkipToRecordStart(int64_t offset) {
  if (!started_) INLET_RETURN_NOT_OK(Start());
  INLET_ASSIGN_OR_RETURN(bool more, AdvanceTo(offset));
  if (!more) return -1;
  while (true) {
    if (pos_ == end_) {
      INLET_ASSIGN_OR_RETURN(more, FillBuffer());
      if (!more) return -1;  // no record starts at the end of the input
    }
    const uint8_t c = static_cast<uint8_t>(buffer_[pos_]);
    if (IsRecordStart(state_)) {
      // Between the CR and LF of a CRLF a split would read the LF as a blank line.
      const bool after_cr = state_ == kBlankCr || state_ == kRecordEndCr;
      if (!after_cr || c != '\n') return bytes_consumed();
    }
    state_ = transitions_[state_][c];
    ++pos_;
  }
}

}  // namespace inlet

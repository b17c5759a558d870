#include "formats/csv/csv_parser.h"

#include <algorithm>

#include "common/string_util.h"

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
}

CsvParser::State CsvParser::ComputeTransition(State from, uint8_t c) const {
  const bool is_delimiter = c == static_cast<uint8_t>(dialect_.delimiter);
  const bool is_quote = dialect_.has_quote && c == static_cast<uint8_t>(dialect_.quote);
  const bool is_escape = dialect_.has_escape && c == static_cast<uint8_t>(dialect_.escape);
  const bool is_lf = c == '\n';
  const bool is_cr = c == '\r';
  switch (from) {
    case kRecordStart:
    case kBlankLf:
    case kBlankCr:
    case kRecordEndLf:
    case kRecordEndCr:
    case kFieldStart:
      if (is_lf && (from == kBlankCr || from == kRecordEndCr)) return kRecordStart;
      if (is_delimiter) return kFieldStart;
      if (is_lf) return from == kFieldStart ? kRecordEndLf : kBlankLf;
      if (is_cr) return from == kFieldStart ? kRecordEndCr : kBlankCr;
      return is_quote ? kQuoteOpen : kUnquoted;
    case kUnquoted:
    case kQuoteInQuoted:
      if (from == kQuoteInQuoted && is_quote) return kQuoted;  // "" inside quotes
      if (is_delimiter) return kFieldStart;
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
  if (end_ >= 3 && buffer_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
  return Status::OK();
}

Result<bool> CsvParser::FillBuffer() {
  if (at_end_) return false;
  if (static_cast<int64_t>(field_data_.size()) > dialect_.max_record_bytes) {
    return Status::InvalidData(
        "line " + std::to_string(record_line_) + ": a record holds more than " +
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

Status CsvParser::SkipLines(int64_t lines) {
  if (!started_) INLET_RETURN_NOT_OK(Start());
  int64_t skipped = 0;
  bool after_cr = false;
  while (skipped < lines) {
    if (pos_ == end_) {
      INLET_ASSIGN_OR_RETURN(bool more, FillBuffer());
      if (!more) break;
    }
    const char c = buffer_[pos_++];
    if (c == '\r' || (c == '\n' && !after_cr)) ++skipped;
    after_cr = c == '\r';
  }
  line_ += skipped;
  // kBlankCr swallows the LF of a CRLF that ended the last skipped line.
  state_ = after_cr ? kBlankCr : kRecordStart;
  return Status::OK();
}

void CsvParser::EndField() {
  field_ends_.push_back(field_data_.size());
  field_quoted_.push_back(quoted_);
  quoted_ = false;
}

Result<bool> CsvParser::FinishAtEndOfInput() {
  if (IsRecordStart(state_)) return false;
  unterminated_quote_ = state_ != kUnquoted && state_ != kFieldStart && state_ != kQuoteInQuoted;
  EndField();
  state_ = kRecordStart;
  return true;
}

// PERF NOTES:
// - One table lookup per structural byte gives the next state and one switch on it does the
//   state's action: no per-dialect conditions in the loop (the dialect is baked into the table).
// - Runs of ordinary bytes in a field (the bulk of a file) skip the switch: a 256-entry table
//   says which bytes keep kUnquoted / kQuoted, and the whole run is appended with one call.
// - Field bytes are copied into field_data_ as they are recognized, so a record that spans
//   chunks needs no buffer stitching and the chunk can be refilled in place.
Result<bool> CsvParser::NextRecord() {
  if (!started_) INLET_RETURN_NOT_OK(Start());
  field_data_.clear();
  field_ends_.clear();
  field_quoted_.clear();
  quoted_ = false;
  unterminated_quote_ = false;
  record_line_ = line_;
  record_offset_ = bytes_consumed();
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
          const bool* plain = state == kUnquoted ? plain_unquoted_ : plain_quoted_;
          const char* run = p - 1;
          while (p < end && plain[static_cast<uint8_t>(*p)]) ++p;
          field_data_.append(run, static_cast<size_t>(p - run));
          break;
        }
        case kQuotedLf:
        case kQuotedCr:
          ++line_;
          field_data_.push_back(static_cast<char>(c));
          break;
        case kQuotedCrLf:
        case kEscape:
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
          ++line_;
          [[fallthrough]];
        case kRecordStart:
          // Nothing of the record is consumed yet: it starts after this newline.
          record_line_ = line_;
          record_offset_ = buffer_offset_ + (p - base);
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

}  // namespace inlet

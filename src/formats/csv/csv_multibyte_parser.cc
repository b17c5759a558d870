#include "formats/csv/csv_multibyte_parser.h"

#include <algorithm>
#include <cstring>

#include "common/string_util.h"

namespace inlet {

CsvMultiByteParser::CsvMultiByteParser(const CsvDialect& dialect) : dialect_(dialect) {
  field_delimiter_ = dialect_.multibyte_delimiter.empty() ? std::string(1, dialect_.delimiter)
                                                          : dialect_.multibyte_delimiter;
  if (!dialect_.multibyte_record_delimiter.empty()) {
    record_delimiter_ = dialect_.multibyte_record_delimiter;
  } else if (dialect_.custom_record_delimiter) {
    record_delimiter_ = std::string(1, dialect_.record_delimiter);
  }
  // An escape byte and a whole delimiter after it, or a CRLF.
  lookahead_ = 1 + std::max<size_t>({field_delimiter_.size(), record_delimiter_.size(), 2});
  for (int c = 0; c < 256; ++c) {
    const char b = static_cast<char>(c);
    plain_[c] = b != field_delimiter_[0] && (dialect_.has_quote ? b != dialect_.quote : true) &&
                (dialect_.has_escape ? b != dialect_.escape : true) &&
                (dialect_.unquoted_escape == '\0' || b != dialect_.unquoted_escape) &&
                (record_delimiter_.empty() ? b != '\n' && b != '\r' : b != record_delimiter_[0]);
  }
}

Result<size_t> CsvMultiByteParser::Available(CsvParser* p) {
  size_t available = p->end_ - p->pos_;
  if (available >= lookahead_ || p->at_end_) return available;
  if (static_cast<int64_t>(p->field_data_.size()) > dialect_.max_record_bytes) {
    INLET_ASSIGN_OR_RETURN(int64_t line, p->FileRecordLine());
    return Status::InvalidData("line " + std::to_string(line) + ": a record holds more than " +
                               FormatBytes(dialect_.max_record_bytes) +
                               "; is a quote left unclosed?");
  }
  // The unread tail moves to the front, and the next chunk lands after it.
  std::memmove(p->buffer_.data(), p->buffer_.data() + p->pos_, available);
  p->buffer_offset_ += static_cast<int64_t>(p->pos_);
  p->pos_ = 0;
  p->end_ = available;
  const size_t capacity =
      available + static_cast<size_t>(std::max<int64_t>(dialect_.chunk_size, 1));
  if (p->buffer_.size() < capacity) p->buffer_.resize(capacity);
  while (p->end_ < lookahead_ && !p->at_end_) {
    INLET_ASSIGN_OR_RETURN(int64_t n, p->input_->Read(static_cast<int64_t>(p->buffer_.size() -
                                                                           p->end_),
                                                      p->buffer_.data() + p->end_));
    if (n == 0) p->at_end_ = true;
    p->end_ += static_cast<size_t>(n);
  }
  return p->end_;
}

size_t CsvMultiByteParser::RecordEndAt(const char* p, size_t available) const {
  if (!record_delimiter_.empty()) {
    return available >= record_delimiter_.size() &&
                   std::memcmp(p, record_delimiter_.data(), record_delimiter_.size()) == 0
               ? record_delimiter_.size()
               : 0;
  }
  if (p[0] != '\n' && p[0] != '\r') return 0;
  if (available >= 2 && p[0] == '\r' && p[1] == '\n') return 2;
  if (available >= 2 && p[0] == '\n' && p[1] == '\r' && dialect_.lf_cr_is_newline) return 2;
  return 1;
}

size_t CsvMultiByteParser::FieldDelimiterAt(const char* p, size_t available) const {
  return available >= field_delimiter_.size() &&
                 std::memcmp(p, field_delimiter_.data(), field_delimiter_.size()) == 0
             ? field_delimiter_.size()
             : 0;
}

Status CsvMultiByteParser::SkipLines(CsvParser* p, int64_t lines) {
  int64_t skipped = 0;
  while (skipped < lines) {
    INLET_ASSIGN_OR_RETURN(size_t available, Available(p));
    if (available == 0) break;
    const size_t n = RecordEndAt(p->buffer_.data() + p->pos_, available);
    p->pos_ += std::max<size_t>(n, 1);
    if (n > 0) ++skipped;
  }
  p->line_ += skipped;
  return Status::OK();
}

// PERF NOTES: byte by byte with a memcmp per delimiter candidate, except for runs of bytes that
// start nothing (plain_), which are copied at once. Multi-byte delimiters are rare enough that
// this loop stays simple; the one-byte dialects never come here.
Result<bool> CsvMultiByteParser::NextRecord(CsvParser* p) {
  enum { kFieldStart, kUnquoted, kQuoted, kAfterQuote } state = kFieldStart;
  // Whether anything of the record was read: a record end before that is a blank line.
  bool begun = false;
  std::string& data = p->field_data_;
  while (true) {
    INLET_ASSIGN_OR_RETURN(size_t available, Available(p));
    if (available == 0) {
      if (!begun && state == kFieldStart) return false;
      p->unterminated_quote_ = state == kQuoted;
      p->EndField();
      return true;
    }
    const char* s = p->buffer_.data() + p->pos_;
    const auto c = static_cast<uint8_t>(s[0]);
    if (state == kQuoted) {
      if (plain_[c]) {
        size_t run = 1;
        while (run < available && plain_[static_cast<uint8_t>(s[run])]) ++run;
        data.append(s, run);
        p->pos_ += run;
        continue;
      }
      if (dialect_.has_escape && s[0] == dialect_.escape && available >= 2 &&
          (s[1] == dialect_.quote || s[1] == dialect_.escape)) {
        data.push_back(s[1]);
        p->pos_ += 2;
      } else if (s[0] == dialect_.quote) {
        if (available >= 2 && s[1] == dialect_.quote) {
          data.push_back(dialect_.quote);
          p->pos_ += 2;
        } else {
          state = kAfterQuote;
          ++p->pos_;
        }
      } else if (size_t n = RecordEndAt(s, available); n > 0) {
        data.append(s, n);
        p->pos_ += n;
        ++p->line_;
      } else {
        data.push_back(s[0]);
        ++p->pos_;
      }
      continue;
    }
    // Outside quotes (or after a closing one).
    if (size_t n = RecordEndAt(s, available);
        n > 0 && n >= FieldDelimiterAt(s, available)) {
      p->pos_ += n;
      ++p->line_;
      if (begun || state != kFieldStart || !dialect_.skip_blank_lines) {
        p->EndField();
        return true;
      }
      // A blank line: the record starts after it.
      p->record_line_ = p->line_;
      p->record_offset_ = p->bytes_consumed();
      continue;
    }
    begun = true;
    if (size_t n = FieldDelimiterAt(s, available); n > 0) {
      p->EndField();
      p->pos_ += n;
      state = kFieldStart;
      continue;
    }
    if (state == kAfterQuote && dialect_.has_quote && s[0] == dialect_.quote) {
      data.push_back(dialect_.quote);  // "" right after the closing quote
      ++p->pos_;
      state = kQuoted;
      continue;
    }
    if (state == kFieldStart && dialect_.has_quote && s[0] == dialect_.quote) {
      p->quoted_ = true;
      ++p->pos_;
      state = kQuoted;
      continue;
    }
    state = kUnquoted;
    if (dialect_.unquoted_escape != '\0' && s[0] == dialect_.unquoted_escape && available >= 2) {
      // The escape and a whole delimiter, line break, quote or escape after it stay together;
      // EndField decodes them.
      if (p->unquoted_escape_at_ == std::string::npos) p->unquoted_escape_at_ = data.size();
      const size_t record_end = RecordEndAt(s + 1, available - 1);
      // As in the one-byte loop, `\` escapes the CR of a CRLF, and the LF ends the record.
      const size_t escaped_break = record_delimiter_.empty() ? std::min<size_t>(record_end, 1)
                                                             : record_end;
      if (escaped_break > 0) ++p->line_;
      const size_t n =
          std::max({FieldDelimiterAt(s + 1, available - 1), escaped_break, size_t{1}});
      data.append(s, 1 + n);
      p->pos_ += 1 + n;
      continue;
    }
    size_t run = 1;
    while (run < available && plain_[static_cast<uint8_t>(s[run])]) ++run;
    data.append(s, run);
    p->pos_ += run;
  }
}

}  // namespace inlet

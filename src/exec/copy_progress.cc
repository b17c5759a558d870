#include "exec/copy_progress.h"

#include <chrono>
#include <cstdio>

#include "common/string_util.h"

namespace inlet {
namespace {

// 3201554 -> "3,201,554".
std::string WithThousands(int64_t value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return value < 0 ? "-" + out : out;
}

std::string FormatElapsed(int64_t micros) {
  char buffer[32];
  int64_t seconds = micros / 1'000'000;
  if (seconds < 60) {
    std::snprintf(buffer, sizeof(buffer), "%.1f s", static_cast<double>(micros) / 1e6);
  } else if (seconds < 3600) {
    std::snprintf(buffer, sizeof(buffer), "%lldm %02llds", static_cast<long long>(seconds / 60),
                  static_cast<long long>(seconds % 60));
  } else {
    std::snprintf(buffer, sizeof(buffer), "%lldh %02lldm", static_cast<long long>(seconds / 3600),
                  static_cast<long long>(seconds / 60 % 60));
  }
  return buffer;
}

int64_t SteadyMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

CopyProgress::Counts CopyProgress::counts() const {
  Counts counts;
  counts.files_total = files_total_.load(std::memory_order_relaxed);
  counts.files_done = files_done_.load(std::memory_order_relaxed);
  counts.rows = rows_.load(std::memory_order_relaxed);
  counts.bytes = bytes_.load(std::memory_order_relaxed);
  return counts;
}

std::string FormatProgressLine(std::string_view label, const CopyProgress::Counts& counts,
                               int64_t elapsed_micros) {
  std::string files = WithThousands(counts.files_done);
  if (counts.files_total > 0) files += "/" + WithThousands(counts.files_total);
  int64_t rate = elapsed_micros > 0
                     ? static_cast<int64_t>(static_cast<double>(counts.bytes) * 1e6 /
                                            static_cast<double>(elapsed_micros))
                     : 0;
  return std::string(label) + ": " + files + " files, " + WithThousands(counts.rows) + " rows, " +
         FormatBytes(counts.bytes) + ", " + FormatBytes(rate) + "/s, " +
         FormatElapsed(elapsed_micros);
}

ProgressPrinter::ProgressPrinter(const CopyProgress* progress, ProgressStyle style,
                                 std::ostream* out, int64_t start_micros, int64_t delay_micros)
    : progress_(progress),
      style_(style),
      out_(out),
      start_micros_(start_micros),
      next_due_micros_(start_micros + delay_micros) {}

void ProgressPrinter::Tick(int64_t now_micros) {
  if (now_micros < next_due_micros_) return;
  std::string line =
      FormatProgressLine(progress_->label(), progress_->counts(), now_micros - start_micros_);
  if (style_ == ProgressStyle::kRedraw) {
    std::string text = "\r" + line;
    if (line.size() < drawn_width_) text.append(drawn_width_ - line.size(), ' ');
    *out_ << text;
    drawn_width_ = line.size();
    next_due_micros_ = now_micros + kRedrawIntervalMicros;
  } else {
    *out_ << line << '\n';
    drawn_width_ = 1;
    next_due_micros_ = now_micros + kLinesIntervalMicros;
  }
  out_->flush();
}

void ProgressPrinter::Finish(int64_t now_micros) {
  if (drawn_width_ == 0) return;
  if (style_ == ProgressStyle::kRedraw) {
    *out_ << '\r' << std::string(drawn_width_, ' ') << '\r';
  } else {
    *out_ << FormatProgressLine(progress_->label(), progress_->counts(),
                                now_micros - start_micros_)
          << '\n';
  }
  drawn_width_ = 0;
  out_->flush();
}

ProgressReporter::ProgressReporter(const CopyProgress& progress, ProgressStyle style,
                                   std::ostream* out, int64_t delay_micros) {
  if (style == ProgressStyle::kNone || out == nullptr) return;
  printer_ =
      std::make_unique<ProgressPrinter>(&progress, style, out, SteadyMicros(), delay_micros);
  thread_ = std::thread([this] { Run(); });
}

ProgressReporter::~ProgressReporter() {
  if (!printer_) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_one();
  thread_.join();
  printer_->Finish(SteadyMicros());
}

void ProgressReporter::Run() {
  // Ticks come more often than lines are due so that each line is late by at most this much.
  constexpr auto kTick = std::chrono::milliseconds(50);
  std::unique_lock<std::mutex> lock(mutex_);
  // The first tick comes before any wait, so that with no delay a line shows however quick the
  // statement is.
  do {
    printer_->Tick(SteadyMicros());
  } while (!wake_.wait_for(lock, kTick, [this] { return stop_; }));
}

}  // namespace inlet

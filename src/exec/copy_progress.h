#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>
#include <thread>

#include "inlet/settings.h"

namespace inlet {

/// The counters of one running COPY: its lanes add to them, a ProgressReporter reads them.
/// Thread safe. Relaxed atomics: a progress line needs no ordering between the counters.
class CopyProgress {
 public:
  /// `label` starts every line: "COPY orders".
  explicit CopyProgress(std::string label) : label_(std::move(label)) {}

  /// The source files the COPY reads, once they are listed and filtered.
  void SetFilesTotal(int64_t files) { files_total_.store(files, std::memory_order_relaxed); }
  void AddFilesDone(int64_t files) { files_done_.fetch_add(files, std::memory_order_relaxed); }
  void AddRows(int64_t rows) { rows_.fetch_add(rows, std::memory_order_relaxed); }
  /// Source bytes read (as stored: compressed files count their compressed size).
  void AddBytes(int64_t bytes) { bytes_.fetch_add(bytes, std::memory_order_relaxed); }

  struct Counts {
    int64_t files_total = 0;
    int64_t files_done = 0;
    int64_t rows = 0;
    int64_t bytes = 0;
  };
  Counts counts() const;
  const std::string& label() const { return label_; }

 private:
  const std::string label_;
  std::atomic<int64_t> files_total_{0};
  std::atomic<int64_t> files_done_{0};
  std::atomic<int64_t> rows_{0};
  std::atomic<int64_t> bytes_{0};
};

/// "COPY orders: 12/40 files, 3,201,554 rows, 412.0 MiB, 96.0 MiB/s, 4.3 s". Before the files
/// are counted (files_total 0) the files part is "12 files"; past a minute the time is "2m 05s",
/// past an hour "1h 02m".
std::string FormatProgressLine(std::string_view label, const CopyProgress::Counts& counts,
                               int64_t elapsed_micros);

/// Decides when a progress line is due and writes it, given the time; the clock is the caller's,
/// so tests drive it. Nothing shows before the delay (progress_delay_ms), so quick statements stay
/// quiet. Not thread safe: one ProgressReporter thread calls it.
class ProgressPrinter {
 public:
  /// A terminal line is redrawn five times a second; plain lines come once a second.
  static constexpr int64_t kRedrawIntervalMicros = 200'000;
  static constexpr int64_t kLinesIntervalMicros = 1'000'000;

  /// REQUIRES: `progress` and `out` outlive the printer; style is not kNone.
  ProgressPrinter(const CopyProgress* progress, ProgressStyle style, std::ostream* out,
                  int64_t start_micros, int64_t delay_micros);

  /// Writes a line if one is due at `now_micros`: kRedraw rewrites the line in place ('\r' and
  /// spaces over what is left of a longer one), kLines writes a line of its own.
  void Tick(int64_t now_micros);
  /// The statement ended: kRedraw clears its line; kLines, if it wrote any line, writes the
  /// final counts, so a log shows where the COPY ended.
  void Finish(int64_t now_micros);

 private:
  const CopyProgress* progress_;
  ProgressStyle style_;
  std::ostream* out_;
  int64_t start_micros_;
  int64_t next_due_micros_;
  /// Characters of the line on screen (kRedraw), 0 when none; for kLines, whether any was written.
  size_t drawn_width_ = 0;
};

/// Shows a COPY's progress while it lives: a thread ticks a ProgressPrinter on the steady clock
/// from construction until destruction, which stops the thread and finishes the line before it
/// returns, so nothing is written after the statement ends.
class ProgressReporter {
 public:
  /// With style kNone (or no stream) it starts no thread and writes nothing. The first line is
  /// due `delay_micros` after construction.
  /// REQUIRES: `progress` and `out` outlive the reporter.
  ProgressReporter(const CopyProgress& progress, ProgressStyle style, std::ostream* out,
                   int64_t delay_micros);
  ~ProgressReporter();
  ProgressReporter(const ProgressReporter&) = delete;
  ProgressReporter& operator=(const ProgressReporter&) = delete;

 private:
  void Run();

  std::unique_ptr<ProgressPrinter> printer_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace inlet

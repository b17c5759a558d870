#include "exec/copy_progress.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <sstream>
#include <thread>

namespace inlet {
namespace {

constexpr int64_t kSecond = 1'000'000;

TEST(FormatProgressLineTest, ShowsFilesRowsBytesRateAndTime) {
  CopyProgress::Counts counts{40, 12, 3201554, int64_t{412} << 20};
  EXPECT_EQ(FormatProgressLine("COPY orders", counts, 4'300'000),
            "COPY orders: 12/40 files, 3,201,554 rows, 412.0 MiB, 95.8 MiB/s, 4.3 s");
  // Before the listing is done there is no total yet.
  EXPECT_EQ(FormatProgressLine("COPY t", CopyProgress::Counts{0, 0, 0, 0}, 0),
            "COPY t: 0 files, 0 rows, 0 B, 0 B/s, 0.0 s");
  EXPECT_EQ(FormatProgressLine("COPY t", CopyProgress::Counts{1, 0, 999, 1000}, 125 * kSecond),
            "COPY t: 0/1 files, 999 rows, 1000 B, 8 B/s, 2m 05s");
  EXPECT_EQ(FormatProgressLine("COPY t", CopyProgress::Counts{2, 2, 1000, 0}, 3720 * kSecond),
            "COPY t: 2/2 files, 1,000 rows, 0 B, 0 B/s, 1h 02m");
}

TEST(CopyProgressTest, CountersAddUp) {
  CopyProgress progress("COPY t");
  progress.SetFilesTotal(3);
  progress.AddFilesDone(1);
  progress.AddFilesDone(1);
  progress.AddRows(10);
  progress.AddRows(5);
  progress.AddBytes(100);
  CopyProgress::Counts counts = progress.counts();
  EXPECT_EQ(counts.files_total, 3);
  EXPECT_EQ(counts.files_done, 2);
  EXPECT_EQ(counts.rows, 15);
  EXPECT_EQ(counts.bytes, 100);
  EXPECT_EQ(progress.label(), "COPY t");
}

TEST(ProgressPrinterTest, QuietForTheFirstSecond) {
  CopyProgress progress("COPY t");
  std::ostringstream out;
  ProgressPrinter printer(&progress, ProgressStyle::kRedraw, &out, 10 * kSecond, kSecond);
  printer.Tick(10 * kSecond);
  printer.Tick(10 * kSecond + 999'999);
  printer.Finish(10 * kSecond + 999'999);
  EXPECT_EQ(out.str(), "");
}

TEST(ProgressPrinterTest, RedrawsInPlaceFiveTimesASecondAndClearsAtTheEnd) {
  CopyProgress progress("COPY t");
  progress.SetFilesTotal(2);
  progress.AddRows(1234);
  std::ostringstream out;
  ProgressPrinter printer(&progress, ProgressStyle::kRedraw, &out, 0, kSecond);
  printer.Tick(kSecond);
  const std::string first = "COPY t: 0/2 files, 1,234 rows, 0 B, 0 B/s, 1.0 s";
  EXPECT_EQ(out.str(), "\r" + first);
  // Not due again until 200 ms later.
  printer.Tick(kSecond + 199'999);
  EXPECT_EQ(out.str(), "\r" + first);
  progress.AddFilesDone(1);
  printer.Tick(kSecond + 200'000);
  const std::string second = "COPY t: 1/2 files, 1,234 rows, 0 B, 0 B/s, 1.2 s";
  EXPECT_EQ(out.str(), "\r" + first + "\r" + second);
  printer.Finish(2 * kSecond);
  EXPECT_EQ(out.str(), "\r" + first + "\r" + second + "\r" + std::string(second.size(), ' ') + "\r");
}

TEST(ProgressPrinterTest, ShorterLinesBlankWhatIsLeftOfTheLongerOne) {
  CopyProgress progress("COPY t");
  progress.AddBytes(10000);
  std::ostringstream out;
  ProgressPrinter printer(&progress, ProgressStyle::kRedraw, &out, 0, kSecond);
  printer.Tick(kSecond);
  printer.Tick(11 * kSecond);
  // The rate falls from kibibytes to bytes a second: the second line is shorter.
  const std::string first = "COPY t: 0 files, 0 rows, 9.8 KiB, 9.8 KiB/s, 1.0 s";
  const std::string second = "COPY t: 0 files, 0 rows, 9.8 KiB, 909 B/s, 11.0 s";
  EXPECT_EQ(out.str(), "\r" + first + "\r" + second + " ");
}

TEST(ProgressPrinterTest, PlainLinesOnceASecondAndTheFinalCounts) {
  CopyProgress progress("COPY t");
  std::ostringstream out;
  ProgressPrinter printer(&progress, ProgressStyle::kLines, &out, 0, kSecond);
  printer.Tick(kSecond);
  printer.Tick(kSecond + 500'000);
  progress.AddRows(7);
  printer.Tick(2 * kSecond);
  printer.Finish(2'500'000);
  EXPECT_EQ(out.str(),
            "COPY t: 0 files, 0 rows, 0 B, 0 B/s, 1.0 s\n"
            "COPY t: 0 files, 7 rows, 0 B, 0 B/s, 2.0 s\n"
            "COPY t: 0 files, 7 rows, 0 B, 0 B/s, 2.5 s\n");
}

TEST(ProgressPrinterTest, PlainLinesWriteNoFinalLineForAQuickStatement) {
  CopyProgress progress("COPY t");
  std::ostringstream out;
  ProgressPrinter printer(&progress, ProgressStyle::kLines, &out, 0, kSecond);
  printer.Tick(500'000);
  printer.Finish(600'000);
  EXPECT_EQ(out.str(), "");
}

TEST(ProgressReporterTest, WritesWhileAliveAndNothingAfter) {
  CopyProgress progress("COPY t");
  std::ostringstream out;
  {
    ProgressReporter reporter(progress, ProgressStyle::kLines, &out, kSecond);
    progress.AddRows(3);
    std::this_thread::sleep_for(std::chrono::milliseconds(1300));
  }
  std::string written = out.str();
  EXPECT_EQ(written.substr(0, 25), "COPY t: 0 files, 3 rows, ");
  // One line after a second, and the final one.
  EXPECT_EQ(std::count(written.begin(), written.end(), '\n'), 2) << written;
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(out.str(), written);
}

TEST(ProgressReporterTest, NoneWritesNothing) {
  CopyProgress progress("COPY t");
  std::ostringstream out;
  { ProgressReporter reporter(progress, ProgressStyle::kNone, &out, 0); }
  { ProgressReporter reporter(progress, ProgressStyle::kRedraw, nullptr, 0); }
  EXPECT_EQ(out.str(), "");
}

TEST(ProgressReporterTest, WithoutADelayEvenAQuickStatementShowsItsLine) {
  CopyProgress progress("COPY t");
  std::ostringstream out;
  { ProgressReporter reporter(progress, ProgressStyle::kLines, &out, 0); }
  std::string written = out.str();
  // The first tick's line, and the final counts.
  EXPECT_EQ(std::count(written.begin(), written.end(), '\n'), 2) << written;
  EXPECT_EQ(written.substr(0, 25), "COPY t: 0 files, 0 rows, ");
}

}  // namespace
}  // namespace inlet

// Hostile and broken Parquet files: parquet-testing's bad_data/ and the reproducers of Arrow's
// fuzzing (arrow-testing/data/parquet, where some files are valid). Each is opened and read with
// all columns in a child process, so that a crash, a hang or a runaway allocation fails this test
// naming the file instead of taking the test binary down. A broken file must give a Status whose
// message names the file; a valid one may read.
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "formats/parquet/parquet_reader.h"

namespace inlet {
namespace {

namespace fs = std::filesystem;

// Generous for a debug build under ASan; a release build needs well under a second per file.
constexpr int kSecondsPerFile = 60;
// A child's memory: its address space is capped outside ASan builds (ASan reserves terabytes of
// shadow memory), and its peak resident size is checked when it ends.
constexpr rlim_t kAddressSpaceLimit = rlim_t{2} << 30;
constexpr long kMaxResidentKiB = 1L << 20;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

fs::path TestDataRoot() {
  const char* source_dir = std::getenv("INLET_SOURCE_DIR");
  return fs::path(source_dir == nullptr ? "." : source_dir) / ".." / "shared" / "testdata";
}

// "OK" when the file read, else the Status text; runs in the child.
std::string ReadEverything(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto reader = ParquetFileReader::Open(std::make_shared<MemoryRandomAccessFile>(std::move(bytes)),
                                        path.string());
  if (!reader.ok()) return reader.status().ToString();
  std::vector<int> all((*reader)->schema().num_fields());
  for (size_t c = 0; c < all.size(); ++c) all[c] = static_cast<int>(c);
  for (int g = 0; g < (*reader)->num_row_groups(); ++g) {
    auto batch = (*reader)->ReadRowGroup(g, all);
    if (!batch.ok()) return batch.status().ToString();
    // Materialize every value: a bad offset or bitmap shows up here (under ASan).
    for (const auto& column : (*batch)->columns()) {
      for (int64_t r = 0; r < column->size(); ++r) (void)column->GetValue(r).ToString();
    }
  }
  return "OK";
}

struct ChildOutcome {
  bool finished = false;  // exited normally and reported
  std::string report;     // the child's "OK" or Status text, or what went wrong with it
};

// Reads `path` in a forked child with a time budget; the child writes its outcome to a pipe.
ChildOutcome ReadInChild(const fs::path& path) {
  int fds[2];
  if (pipe(fds) != 0) return {false, "cannot create a pipe"};
  std::fflush(nullptr);
  pid_t pid = fork();
  if (pid < 0) return {false, "cannot fork"};
  if (pid == 0) {
    close(fds[0]);
    if (!kAddressSanitizer) {
      struct rlimit limit = {kAddressSpaceLimit, kAddressSpaceLimit};
      setrlimit(RLIMIT_AS, &limit);
    }
    std::string report = ReadEverything(path);
    size_t written = 0;
    while (written < report.size()) {
      ssize_t n = write(fds[1], report.data() + written, report.size() - written);
      if (n <= 0) break;
      written += static_cast<size_t>(n);
    }
    close(fds[1]);
    _exit(0);  // skip gtest's and static destructors: they belong to the parent
  }
  close(fds[1]);
  std::string report;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(kSecondsPerFile);
  bool timed_out = false;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    struct pollfd poll_fd = {fds[0], POLLIN, 0};
    int ready = poll(&poll_fd, 1, static_cast<int>(left.count()));
    if (ready < 0) continue;
    if (ready == 0) {
      timed_out = true;
      break;
    }
    char buffer[4096];
    ssize_t n = read(fds[0], buffer, sizeof(buffer));
    if (n <= 0) break;
    report.append(buffer, static_cast<size_t>(n));
  }
  close(fds[0]);
  if (timed_out) kill(pid, SIGKILL);
  int wait_status = 0;
  struct rusage usage = {};
  wait4(pid, &wait_status, 0, &usage);
  if (timed_out) return {false, "still reading after " + std::to_string(kSecondsPerFile) + " s"};
  if (WIFSIGNALED(wait_status)) {
    return {false, "crashed with signal " + std::to_string(WTERMSIG(wait_status))};
  }
  if (!WIFEXITED(wait_status) || WEXITSTATUS(wait_status) != 0) {
    return {false, "exited with status " + std::to_string(WEXITSTATUS(wait_status)) +
                       " (a sanitizer report or an abort)"};
  }
  if (usage.ru_maxrss > kMaxResidentKiB) {
    return {false, "used " + std::to_string(usage.ru_maxrss / 1024) + " MiB"};
  }
  if (report.empty()) return {false, "reported nothing (out of memory?)"};
  return {true, report};
}

std::vector<fs::path> FilesUnder(const fs::path& folder) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name != "README.md") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The files of bad_data/ that other readers (Arrow, parquet-java) read, so inlet may too.
const std::set<std::string> kBadDataThatReads = {
    // Dictionary indices of bit width 0: every index is 0, which is valid for a one-value
    // dictionary.
    "ARROW-GH-43605.parquet",
};

// Runs every file under `folder`; `must_fail` means no file there may read but those of
// kBadDataThatReads.
void ExpectCleanFailures(const fs::path& folder, bool must_fail) {
  ASSERT_TRUE(fs::is_directory(folder)) << "no testdata at " << folder;
  std::vector<fs::path> files = FilesUnder(folder);
  ASSERT_FALSE(files.empty());
  int failed_cleanly = 0;
  int read = 0;
  for (const fs::path& file : files) {
    SCOPED_TRACE(file.string());
    ChildOutcome outcome = ReadInChild(file);
    if (!outcome.finished) {
      ADD_FAILURE() << file.string() << ": " << outcome.report;
      continue;
    }
    if (outcome.report == "OK") {
      ++read;
      EXPECT_FALSE(must_fail && !kBadDataThatReads.count(file.filename().string()))
          << file.string() << " is broken but read without an error";
      continue;
    }
    ++failed_cleanly;
    EXPECT_NE(outcome.report.find(file.string()), std::string::npos)
        << outcome.report << "\ndoes not name the file";
  }
  std::printf("%s: %zu files, %d refused with a clear error, %d read\n", folder.c_str(),
              files.size(), failed_cleanly, read);
}

TEST(ParquetBadData, ParquetTestingBadDataFailsCleanly) {
  ExpectCleanFailures(TestDataRoot() / "parquet-testing" / "bad_data", /*must_fail=*/true);
}

TEST(ParquetBadData, ArrowFuzzReproducersFailCleanlyOrRead) {
  ExpectCleanFailures(TestDataRoot() / "arrow-testing" / "data" / "parquet", /*must_fail=*/false);
}

}  // namespace
}  // namespace inlet

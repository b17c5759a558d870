// A small stand-in for libFuzzer's driver, so every fuzz target also builds with gcc and runs
// as a regression test: it calls LLVMFuzzerTestOneInput once for every file named on the
// command line, recursing into folders (in sorted order, so runs are repeatable).
//
//   csv_reader_fuzzer_regression [-max_len=N] [-timeout=S] FILE_OR_FOLDER...
//
// -max_len=N truncates each input to N bytes, as libFuzzer does when it replays a corpus;
// -timeout=S fails the run if one input takes longer than S seconds (default 60). Other
// libFuzzer-style flags (-foo=bar) are accepted and ignored, so a command line can be shared.
// A crash, a hang past the timeout or an abort names the input that caused it.

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
// Provided by the sanitizer runtimes (ASan, UBSan) when linked in: they end the process with
// _exit after a report, not with a signal, so the input is named from their death callback.
extern "C" void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

namespace {

namespace fs = std::filesystem;

// The input being run, for the fatal-signal handler (which may only use async-signal-safe calls).
char g_current_input[4096];

void WriteStderr(const char* text) {
  ssize_t ignored = write(STDERR_FILENO, text, strlen(text));
  (void)ignored;
}

void OnFatalSignal(int signo) {
  WriteStderr(signo == SIGALRM ? "\nstandalone_main: TIMEOUT on input: "
                               : "\nstandalone_main: fatal signal on input: ");
  WriteStderr(g_current_input);
  WriteStderr("\n");
  signal(signo == SIGALRM ? SIGABRT : signo, SIG_DFL);
  raise(signo == SIGALRM ? SIGABRT : signo);
}

void OnSanitizerDeath() {
  WriteStderr("\nstandalone_main: sanitizer report on input: ");
  WriteStderr(g_current_input);
  WriteStderr("\n");
}

void InstallHandlers() {
  if (__sanitizer_set_death_callback != nullptr) __sanitizer_set_death_callback(OnSanitizerDeath);
  for (int signo : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGALRM}) {
    signal(signo, OnFatalSignal);
  }
}

// Appends `path` (a file, or every regular file under a folder) to `out`. Missing paths are an
// error: a corpus that silently vanished would make the test pass without testing anything.
bool CollectInputs(const fs::path& path, std::vector<fs::path>* out) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    std::vector<fs::path> files;
    for (auto it = fs::recursive_directory_iterator(path, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file(ec)) files.push_back(it->path());
    }
    if (ec) {
      fprintf(stderr, "standalone_main: cannot list %s: %s\n", path.c_str(), ec.message().c_str());
      return false;
    }
    std::sort(files.begin(), files.end());
    out->insert(out->end(), files.begin(), files.end());
    return true;
  }
  if (fs::is_regular_file(path, ec)) {
    out->push_back(path);
    return true;
  }
  fprintf(stderr, "standalone_main: no such file or folder: %s\n", path.c_str());
  return false;
}

bool ReadInput(const fs::path& path, size_t max_len, std::string* data) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  data->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (max_len > 0 && data->size() > max_len) data->resize(max_len);
  return !in.bad();
}

}  // namespace

int main(int argc, char** argv) {
  size_t max_len = 0;
  unsigned timeout_seconds = 60;
  std::vector<fs::path> inputs;
  bool ok = true;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("-max_len=", 0) == 0) {
      max_len = std::strtoull(arg.c_str() + 9, nullptr, 10);
    } else if (arg.rfind("-timeout=", 0) == 0) {
      timeout_seconds = static_cast<unsigned>(std::strtoul(arg.c_str() + 9, nullptr, 10));
    } else if (arg.size() > 1 && arg[0] == '-') {
      fprintf(stderr, "standalone_main: ignoring flag %s\n", arg.c_str());
    } else {
      ok = CollectInputs(arg, &inputs) && ok;
    }
  }
  if (!ok) return 2;
  if (inputs.empty()) {
    fprintf(stderr, "usage: %s [-max_len=N] [-timeout=S] FILE_OR_FOLDER...\n", argv[0]);
    return 2;
  }

  InstallHandlers();
  std::string data;
  for (const fs::path& input : inputs) {
    if (!ReadInput(input, max_len, &data)) {
      fprintf(stderr, "standalone_main: cannot read %s\n", input.c_str());
      return 2;
    }
    snprintf(g_current_input, sizeof(g_current_input), "%s", input.c_str());
    alarm(timeout_seconds);
    // Copy into an exactly-sized heap buffer so ASan sees reads past the end of the input.
    // (make_unique also gives an empty input a valid, non-null pointer, as libFuzzer does.)
    auto bytes = std::make_unique<uint8_t[]>(data.size());
    std::copy(data.begin(), data.end(), bytes.get());
    LLVMFuzzerTestOneInput(bytes.get(), data.size());
    alarm(0);
  }
  fprintf(stderr, "standalone_main: ran %zu inputs\n", inputs.size());
  return 0;
}

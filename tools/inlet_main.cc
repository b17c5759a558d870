// The `inlet` program: an interactive SQL shell on a warehouse folder, or a script runner
// (-c, -f, or statements piped to stdin).

#include <malloc.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "inlet/database.h"
#include "tools/result_printer.h"
#include "tools/shell.h"

namespace inlet::tools {
namespace {

constexpr std::string_view kUsage =
    "Usage: inlet [OPTIONS]\n"
    "\n"
    "Runs SQL on an inlet warehouse: interactively when stdin is a terminal, else the script\n"
    "read from stdin, or the statements given with -c and -f (in the order given).\n"
    "\n"
    "Options:\n"
    "  -c SQL                 run SQL (one or more statements ending with ';')\n"
    "  -f FILE                run the statements in FILE\n"
    "  --db DIR               warehouse folder (default ./inlet-data)\n"
    "  -m, --mode MODE        output mode: table (default), csv, json or line\n"
    "  --threads N            worker threads for loads (default: one per core)\n"
    "  --help                 show this message\n"
    "  --version              show the version\n"
    "\n"
    "In scripts the first failing statement prints \"Error: <message>\" and inlet exits with\n"
    "status 1; bad options exit with status 2.\n";

/// One -c or -f argument, run in command-line order.
struct ScriptSource {
  bool is_file = false;
  std::string text_or_path;
};

struct Options {
  DatabaseOptions database;
  OutputMode mode = OutputMode::kTable;
  std::vector<ScriptSource> scripts;
  bool help = false;
  bool version = false;
};

/// Reads options as `--name value`, `--name=value` or `-x value`.
class ArgReader {
 public:
  ArgReader(int argc, char** argv) : args_(argv + 1, argv + argc) {}

  bool Done() const { return next_ >= args_.size(); }

  /// The next option name, with any "=value" part split off for Value().
  std::string NextName() {
    std::string arg = args_[next_++];
    size_t eq = arg.find('=');
    if (arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      inline_value_ = arg.substr(eq + 1);
      return arg.substr(0, eq);
    }
    inline_value_.reset();
    return arg;
  }

  Result<std::string> Value(const std::string& name) {
    if (inline_value_) return *std::exchange(inline_value_, std::nullopt);
    if (Done()) return Status::InvalidArgument("option " + name + " needs a value");
    return args_[next_++];
  }

 private:
  std::vector<std::string> args_;
  size_t next_ = 0;
  std::optional<std::string> inline_value_;
};

Result<Options> ParseOptions(int argc, char** argv) {
  Options options;
  ArgReader reader(argc, argv);
  while (!reader.Done()) {
    std::string name = reader.NextName();
    if (name == "--help" || name == "-h") {
      options.help = true;
    } else if (name == "--version") {
      options.version = true;
    } else if (name == "-c" || name == "-f") {
      INLET_ASSIGN_OR_RETURN(std::string value, reader.Value(name));
      options.scripts.push_back({name == "-f", std::move(value)});
    } else if (name == "--db") {
      INLET_ASSIGN_OR_RETURN(options.database.warehouse_dir, reader.Value(name));
    } else if (name == "--mode" || name == "-m") {
      INLET_ASSIGN_OR_RETURN(std::string value, reader.Value(name));
      std::optional<OutputMode> mode = ParseOutputMode(value);
      if (!mode) {
        return Status::InvalidArgument("unknown mode \"" + value +
                                       "\"; expected table, csv, json or line");
      }
      options.mode = *mode;
    } else if (name == "--threads") {
      INLET_ASSIGN_OR_RETURN(std::string value, reader.Value(name));
      size_t threads = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), threads);
      if (ec != std::errc() || end != value.data() + value.size()) {
        return Status::InvalidArgument("--threads needs a whole number, got \"" + value + "\"");
      }
      options.database.threads = threads;
    } else {
      return Status::InvalidArgument("unknown argument \"" + name + "\"; see inlet --help");
    }
  }
  return options;
}

bool RunSource(Shell& shell, const ScriptSource& source) {
  if (!source.is_file) {
    std::istringstream in(source.text_or_path);
    return shell.RunScript(in);
  }
  std::ifstream in(source.text_or_path);
  if (!in) {
    std::cerr << "Error: cannot open script \"" << source.text_or_path << "\"\n";
    return false;
  }
  return shell.RunScript(in);
}

std::string HistoryPath() {
  const char* home = std::getenv("HOME");
  return home != nullptr && *home != '\0' ? std::string(home) + "/.inlet_history" : std::string();
}

int Main(int argc, char** argv) {
  Result<Options> parsed = ParseOptions(argc, argv);
  if (!parsed.ok()) {
    std::cerr << "Error: " << parsed.status().message() << "\n";
    return 2;
  }
  const Options& options = *parsed;
  if (options.help) {
    std::cout << kUsage;
    return 0;
  }
  if (options.version) {
    std::cout << "inlet " << INLET_VERSION << "\n";
    return 0;
  }

  Result<std::unique_ptr<Database>> database = Database::Open(options.database);
  if (!database.ok()) {
    std::cerr << "Error: " << database.status().message() << "\n";
    return 1;
  }
  std::unique_ptr<Connection> connection = (*database)->Connect();
  // Progress lines of long COPYs go to stderr, beside errors, so stdout keeps only results.
  connection->set_progress_output(ProgressOutput{&std::cerr, isatty(STDERR_FILENO) != 0});
  Shell shell(connection.get(), options.mode, std::cout, std::cerr);

  if (!options.scripts.empty()) {
    for (const ScriptSource& source : options.scripts) {
      if (!RunSource(shell, source)) return 1;
    }
    return 0;
  }
  if (isatty(STDIN_FILENO)) {
    shell.RunInteractive(HistoryPath());
    return 0;
  }
  return shell.RunScript(std::cin) ? 0 : 1;
}

}  // namespace
}  // namespace inlet::tools

int main(int argc, char** argv) {
  // A load allocates and frees column buffers of megabytes per batch. glibc's defaults hand such
  // buffers back to the kernel (mmap'd chunks, heap trimming), so every batch page-faults its
  // memory in again; keeping them in the heap saved about a fifth of the CPU time of a Parquet
  // load. Peak memory is unchanged: the buffers are reused, not added to.
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  return inlet::tools::Main(argc, argv);
}

#include "delta/history.h"

#include <algorithm>
#include <charconv>
#include <limits>

#include "common/string_util.h"
#include "delta/log_files.h"
#include "types/cast.h"

namespace inlet {

namespace {

std::string FormatMillis(int64_t ms) { return FormatTimestamp(ms * 1000); }

std::optional<int64_t> ParseInt(std::string_view text) {
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

// The commits of one table in ascending order, with their timestamps computed on demand: a
// commit file is read only when its commitInfo or its in-commit timestamp is needed.
class CommitTimeline {
 public:
  static Result<CommitTimeline> Make(const DeltaTable& table) {
    CommitTimeline timeline(table);
    const std::string log_dir = JoinPath(table.table_root(), kDeltaLogDir);
    Result<std::vector<FileInfo>> listing = table.fs()->ListFiles(log_dir, /*recursive=*/false);
    if (!listing.ok()) {
      if (listing.status().IsNotFound()) {
        return Status::NotFound("no Delta table at " + table.table_root() + ": " + log_dir +
                                " does not exist");
      }
      return listing.status();
    }
    std::vector<std::pair<int64_t, int64_t>> commits;  // (version, mtime ms)
    for (const FileInfo& file : *listing) {
      std::optional<LogFileName> name = ParseLogFileName(BaseName(file.path));
      if (name && name->kind == LogFileName::Kind::kCommit) {
        commits.emplace_back(name->version, file.mtime_micros / 1000);
      }
    }
    if (commits.empty()) {
      return Status::NotFound("no Delta table at " + table.table_root() +
                              ": _delta_log holds no commit");
    }
    std::sort(commits.begin(), commits.end());
    // Only the unbroken run ending at the latest commit is history one can still read.
    size_t first = commits.size() - 1;
    while (first > 0 && commits[first - 1].first + 1 == commits[first].first) --first;
    for (size_t i = first; i < commits.size(); ++i) {
      int64_t time = commits[i].second;
      if (!timeline.file_times_.empty()) time = std::max(time, timeline.file_times_.back() + 1);
      timeline.versions_.push_back(commits[i].first);
      timeline.file_times_.push_back(time);
    }
    timeline.infos_.resize(timeline.versions_.size());

    INLET_ASSIGN_OR_RETURN(Snapshot latest, table.LoadSnapshot());
    const auto& configuration = latest.metadata.configuration;
    auto enabled = configuration.find(kEnableInCommitTimestampsProperty);
    if (enabled != configuration.end() && EqualsIgnoreCase(enabled->second, "true")) {
      // Without an enablement version the feature was on from the table's creation.
      timeline.in_commit_from_ = 0;
      auto since = configuration.find(kInCommitTimestampEnablementVersionProperty);
      if (since != configuration.end()) {
        std::optional<int64_t> version = ParseInt(since->second);
        if (!version) {
          return Status::InvalidData("table property " +
                                     std::string(kInCommitTimestampEnablementVersionProperty) +
                                     " of " + table.table_root() + " is not a version: '" +
                                     since->second + "'");
        }
        timeline.in_commit_from_ = *version;
      }
    }
    return timeline;
  }

  size_t size() const { return versions_.size(); }
  int64_t version(size_t i) const { return versions_[i]; }

  Result<const std::optional<CommitInfo>*> Info(size_t i) {
    if (!infos_[i]) {
      INLET_ASSIGN_OR_RETURN(std::vector<Action> actions, table_->ReadCommit(versions_[i]));
      std::optional<CommitInfo> info;
      for (Action& action : actions) {
        if (auto* commit_info = std::get_if<CommitInfo>(&action)) {
          info = std::move(*commit_info);
          break;
        }
      }
      infos_[i] = std::move(info);
    }
    return &*infos_[i];
  }

  Result<int64_t> Timestamp(size_t i) {
    if (versions_[i] < in_commit_from_) return file_times_[i];
    INLET_ASSIGN_OR_RETURN(const std::optional<CommitInfo>* info, Info(i));
    if (*info) {
      for (const auto& [name, json] : (*info)->extras) {
        if (name != "inCommitTimestamp") continue;
        if (std::optional<int64_t> ms = ParseInt(json)) return *ms;
      }
    }
    return Status::InvalidData("version " + std::to_string(versions_[i]) + " of " +
                               table_->table_root() +
                               " has in-commit timestamps on, but its commitInfo holds no valid "
                               "inCommitTimestamp (" +
                               CommitFileName(versions_[i]) + ")");
  }

 private:
  explicit CommitTimeline(const DeltaTable& table) : table_(&table) {}

  const DeltaTable* table_;
  std::vector<int64_t> versions_;
  std::vector<int64_t> file_times_;
  // Each commit's commitInfo once read; the inner optional is empty for a commit without one.
  std::vector<std::optional<std::optional<CommitInfo>>> infos_;
  int64_t in_commit_from_ = std::numeric_limits<int64_t>::max();
};

}  // namespace

Result<std::vector<CommitHistoryEntry>> ReadHistory(const DeltaTable& table,
                                                    std::optional<int64_t> limit) {
  INLET_ASSIGN_OR_RETURN(CommitTimeline timeline, CommitTimeline::Make(table));
  std::vector<CommitHistoryEntry> history;
  for (size_t i = timeline.size(); i-- > 0;) {
    if (limit && static_cast<int64_t>(history.size()) >= *limit) break;
    CommitHistoryEntry entry;
    entry.version = timeline.version(i);
    INLET_ASSIGN_OR_RETURN(entry.timestamp_ms, timeline.Timestamp(i));
    INLET_ASSIGN_OR_RETURN(const std::optional<CommitInfo>* info, timeline.Info(i));
    entry.commit_info = *info;
    history.push_back(std::move(entry));
  }
  return history;
}

Result<int64_t> VersionAsOfTimestamp(const DeltaTable& table, int64_t timestamp_ms) {
  INLET_ASSIGN_OR_RETURN(CommitTimeline timeline, CommitTimeline::Make(table));
  const size_t last = timeline.size() - 1;
  INLET_ASSIGN_OR_RETURN(int64_t first_time, timeline.Timestamp(0));
  INLET_ASSIGN_OR_RETURN(int64_t last_time, timeline.Timestamp(last));
  if (timestamp_ms < first_time) {
    return Status::InvalidArgument(
        "timestamp " + FormatMillis(timestamp_ms) + " is before the earliest version of " +
        table.table_root() + " still in its log (version " + std::to_string(timeline.version(0)) +
        " at " + FormatMillis(first_time) + ")");
  }
  if (timestamp_ms > last_time) {
    return Status::InvalidArgument(
        "timestamp " + FormatMillis(timestamp_ms) + " is after the latest version of " +
        table.table_root() + " (version " + std::to_string(timeline.version(last)) + " at " +
        FormatMillis(last_time) + "); use a timestamp at or before it, or VERSION AS OF " +
        std::to_string(timeline.version(last)));
  }
  // Timestamps increase with versions, so the answer is found by bisection, reading only a few
  // commit files of a table with in-commit timestamps.
  size_t low = 0, high = last;  // timestamp(low) <= timestamp_ms, and the answer is in [low, high]
  while (low < high) {
    size_t middle = low + (high - low + 1) / 2;
    INLET_ASSIGN_OR_RETURN(int64_t time, timeline.Timestamp(middle));
    if (time <= timestamp_ms) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  return timeline.version(low);
}

}  // namespace inlet

#include "exec/source_listing.h"

#include <algorithm>
#include <charconv>

#include "common/string_util.h"
#include "delta/table_properties.h"
#include "delta/transaction_retention.h"
#include "fs/glob.h"

namespace inlet {

namespace {

// True when any component of `relative` starts with '.' or '_'.
bool IsHidden(std::string_view relative) {
  for (const std::string& part : SplitString(relative, '/')) {
    if (!part.empty() && (part[0] == '.' || part[0] == '_')) return true;
  }
  return false;
}

std::string_view RelativeTo(std::string_view base, std::string_view path) {
  if (path.substr(0, base.size()) == base) {
    path.remove_prefix(base.size());
    while (!path.empty() && path[0] == '/') path.remove_prefix(1);
  }
  return path;
}

std::vector<FileInfo> WithoutHidden(std::vector<FileInfo> files, std::string_view base) {
  files.erase(std::remove_if(files.begin(), files.end(),
                             [base](const FileInfo& f) { return IsHidden(RelativeTo(base, f.path)); }),
              files.end());
  return files;
}

}  // namespace

Result<std::vector<FileInfo>> ListSourceFiles(const SourceSelection& selection) {
  FileSystem& fs = *selection.location.fs;
  const std::string& location = selection.location.path;
  const std::string& display = selection.location.display;
  if (!selection.files.empty()) {
    std::vector<FileInfo> files;
    for (const std::string& name : selection.files) {
      auto info = fs.GetFileInfo(JoinPath(location, name));
      if (!info.ok()) {
        if (info.status().IsNotFound()) {
          return Status::NotFound("file '" + name + "' listed in FILES does not exist in " +
                                  display);
        }
        return info.status();
      }
      files.push_back(std::move(*info));
    }
    std::sort(files.begin(), files.end(),
              [](const FileInfo& a, const FileInfo& b) { return a.path < b.path; });
    files.erase(std::unique(files.begin(), files.end(),
                            [](const FileInfo& a, const FileInfo& b) { return a.path == b.path; }),
                files.end());
    return files;
  }
  std::string full = selection.pattern ? JoinPath(location, *selection.pattern) : location;
  if (HasGlobMetacharacters(full)) {
    GlobSplit split = SplitGlob(full);
    INLET_ASSIGN_OR_RETURN(GlobPattern glob, GlobPattern::Make(split.pattern));
    auto files = ListMatching(fs, split.base, glob);
    if (!files.ok() && files.status().IsNotFound()) {
      return Status::NotFound("location '" + display + "' does not exist");
    }
    INLET_RETURN_NOT_OK(files.status());
    return WithoutHidden(std::move(*files), split.base);
  }
  auto single = fs.GetFileInfo(location);
  if (single.ok() && !(location.ends_with("/"))) {
    return std::vector<FileInfo>{std::move(*single)};
  }
  auto files = fs.ListFiles(location, /*recursive=*/true);
  if (!files.ok() && files.status().IsNotFound()) {
    return Status::NotFound("location '" + display + "' does not exist");
  }
  INLET_RETURN_NOT_OK(files.status());
  return WithoutHidden(std::move(*files), location);
}

namespace {

// 128 bits of SHA-256: ample against collisions among the files of one table.
std::string ShortHash(std::string_view text) { return Sha256Hex(text).substr(0, 32); }

std::string SourceUri(const std::string& scheme, const FileInfo& file) {
  return scheme + "://" + file.path;
}

std::string ContentIdentity(const FileInfo& file) {
  return std::to_string(file.size) + "\n" +
         (file.etag.empty() ? "mtime:" + std::to_string(file.mtime_micros) : "etag:" + file.etag);
}

}  // namespace

std::string SourceFilePathPrefix(const std::string& scheme, const FileInfo& file) {
  return "inlet-file-" + ShortHash(SourceUri(scheme, file)) + "-";
}

std::string SourceFileTrackingId(const std::string& scheme, const FileInfo& file) {
  return SourceFilePathPrefix(scheme, file) + ShortHash(ContentIdentity(file));
}

std::string LegacySourceFileTrackingId(const std::string& scheme, const FileInfo& file) {
  return "inlet-copy-" + Sha256Hex(SourceUri(scheme, file) + "\n" + ContentIdentity(file));
}

std::optional<ModifiedFilePolicy> ModifiedFilePolicyFromName(std::string_view name) {
  if (EqualsIgnoreCase(name, "reload")) return ModifiedFilePolicy::kReload;
  if (EqualsIgnoreCase(name, "skip")) return ModifiedFilePolicy::kSkip;
  return std::nullopt;
}

Result<std::vector<std::pair<FileInfo, std::string>>> SelectFilesToLoad(
    const std::vector<FileInfo>& listed, const std::string& scheme, const Snapshot* snapshot,
    const LoadPolicy& policy, int64_t now_ms, std::vector<SkippedFile>* skipped) {
  LoadTracking tracking;
  tracking.now_ms = now_ms;
  ModifiedFilePolicy modified = policy.modified.value_or(ModifiedFilePolicy::kReload);
  if (snapshot) {
    const auto& configuration = snapshot->metadata.configuration;
    tracking.transactions = &snapshot->transactions;
    tracking.loads_began_ms = snapshot->metadata.created_time;
    INLET_ASSIGN_OR_RETURN(tracking.retention_ms, TransactionRetentionMillis(configuration));
    auto property = configuration.find(kCopyModifiedFilesProperty);
    if (!policy.modified && property != configuration.end()) {
      std::optional<ModifiedFilePolicy> chosen = ModifiedFilePolicyFromName(property->second);
      if (!chosen) {
        return Status::InvalidArgument("table property " +
                                       std::string(kCopyModifiedFilesProperty) +
                                       " must be reload or skip, not '" + property->second + "'");
      }
      modified = *chosen;
    }
  }
  std::vector<std::pair<FileInfo, std::string>> to_load;
  for (const FileInfo& file : listed) {
    bool load = policy.force;
    const char* reason = "";
    if (!load) {
      switch (ClassifySourceFile(tracking, scheme, file)) {
        case SourceFileStatus::kNew: load = true; break;
        case SourceFileStatus::kLoaded: reason = "already loaded"; break;
        case SourceFileStatus::kModified:
          load = modified == ModifiedFilePolicy::kReload;
          reason = "modified since it was loaded (MODIFIED_FILES = SKIP)";
          break;
        case SourceFileStatus::kUncertain:
          load = policy.load_uncertain;
          reason = "load status uncertain (LOAD_UNCERTAIN_FILES = FALSE)";
          break;
      }
    }
    if (!load) {
      skipped->push_back(SkippedFile{file, reason});
      continue;
    }
    to_load.emplace_back(file, SourceFileTrackingId(scheme, file));
  }
  return to_load;
}

SourceFileStatus ClassifySourceFile(const LoadTracking& tracking, const std::string& scheme,
                                    const FileInfo& file) {
  if (tracking.transactions) {
    const auto& transactions = *tracking.transactions;
    if (transactions.count(SourceFileTrackingId(scheme, file)) ||
        transactions.count(LegacySourceFileTrackingId(scheme, file))) {
      return SourceFileStatus::kLoaded;
    }
    // The map is ordered, so any id of this path sits right at its prefix.
    std::string prefix = SourceFilePathPrefix(scheme, file);
    auto it = transactions.lower_bound(prefix);
    if (it != transactions.end() && it->first.starts_with(prefix)) {
      return SourceFileStatus::kModified;
    }
  }
  if (!tracking.retention_ms) return SourceFileStatus::kNew;
  const int64_t window_start = tracking.now_ms - *tracking.retention_ms;
  const bool old_file = file.mtime_micros / 1000 < window_start;
  const bool old_loads = !tracking.loads_began_ms || *tracking.loads_began_ms < window_start;
  return old_file && old_loads ? SourceFileStatus::kUncertain : SourceFileStatus::kNew;
}

Result<int64_t> ParseLoadLimit(std::string_view option, std::string_view text) {
  int64_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || value <= 0) {
    return Status::InvalidArgument(std::string(option) +
                                   " must be a whole number greater than 0, not '" +
                                   std::string(text) + "'");
  }
  return value;
}

void ApplyLoadLimits(const LoadLimits& limits,
                     std::vector<std::pair<FileInfo, std::string>>* to_load,
                     std::vector<SkippedFile>* skipped) {
  int64_t taken = 0;
  int64_t bytes = 0;
  const char* reason = nullptr;
  for (auto& [file, tracking_id] : *to_load) {
    if (reason == nullptr) {
      if (limits.max_files && taken >= *limits.max_files) {
        reason = "MAX_FILES reached";
      } else if (limits.size_limit && bytes > *limits.size_limit) {
        reason = "SIZE_LIMIT reached";
      }
    }
    if (reason != nullptr) {
      skipped->push_back(SkippedFile{std::move(file), reason});
      continue;
    }
    ++taken;
    bytes += file.size;
  }
  to_load->resize(static_cast<size_t>(taken));
}

}  // namespace inlet

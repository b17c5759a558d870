#include "exec/source_listing.h"

#include <algorithm>

#include "common/string_util.h"
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

std::string SourceFileTrackingId(const std::string& scheme, const FileInfo& file) {
  std::string identity = scheme + "://" + file.path + "\n" + std::to_string(file.size) + "\n" +
                         (file.etag.empty() ? "mtime:" + std::to_string(file.mtime_micros)
                                            : "etag:" + file.etag);
  return "inlet-copy-" + Sha256Hex(identity);
}

}  // namespace inlet

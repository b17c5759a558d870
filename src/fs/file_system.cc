#include "fs/file_system.h"

namespace inlet {

Result<std::string> FileSystem::ReadFile(const std::string& path) {
  INLET_ASSIGN_OR_RETURN(std::unique_ptr<InputStream> in, OpenInputStream(path));
  return in->ReadAll();
}

Status FileSystem::WriteFile(const std::string& path, std::string_view contents) {
  INLET_ASSIGN_OR_RETURN(std::unique_ptr<OutputStream> out, OpenOutputStream(path));
  INLET_RETURN_NOT_OK(out->Write(contents));
  return out->Close();
}

std::string JoinPath(std::string_view base, std::string_view child) {
  if (base.empty()) return std::string(child);
  while (!base.empty() && base.back() == '/') base.remove_suffix(1);
  while (!child.empty() && child.front() == '/') child.remove_prefix(1);
  std::string out(base);
  out += '/';
  out += child;
  return out;
}

std::string_view BaseName(std::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace inlet

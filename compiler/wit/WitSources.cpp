// Reading WIT sources and turning them into a WitModel.
#include "compiler/wit/WitSources.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "compiler/support/Status.h"
#include "compiler/wit/EmbeddedWit.h"
#include "compiler/wit/WitParser.h"
#include "compiler/wit/WitResolver.h"

namespace wacc::wit {

namespace fs = std::filesystem;

absl::StatusOr<std::vector<WitSource>> ReadWitDirectory(const std::string& dir) {
  std::error_code ec;
  std::vector<fs::path> paths;
  if (fs::is_regular_file(dir, ec)) {
    paths.push_back(dir);
  } else if (!fs::is_directory(dir, ec)) {
    return absl::NotFoundError(absl::StrCat(dir, ": no such file or directory"));
  }
  if (paths.empty()) {
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file(ec) && it->path().extension() == ".wit") paths.push_back(it->path());
    }
    if (ec) return absl::UnavailableError(absl::StrCat(dir, ": ", ec.message()));
  }
  std::sort(paths.begin(), paths.end());
  std::vector<WitSource> sources;
  for (const fs::path& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) return absl::UnavailableError(absl::StrCat(path.string(), ": cannot read"));
    sources.push_back(WitSource{path.string(), path.parent_path().string(), text.str()});
  }
  return sources;
}

absl::StatusOr<std::vector<WitSource>> ReadWitPackage(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return ReadWitDirectory(dir);
  std::vector<WitSource> sources;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec) || it->path().extension() != ".wit") continue;
    WACC_ASSIGN_OR_RETURN(std::vector<WitSource> file, ReadWitDirectory(it->path().string()));
    sources.insert(sources.end(), file.begin(), file.end());
  }
  if (ec) return absl::UnavailableError(absl::StrCat(dir, ": ", ec.message()));
  if (sources.empty()) return ReadWitDirectory(dir);
  std::sort(sources.begin(), sources.end(),
            [](const WitSource& a, const WitSource& b) { return a.fileName < b.fileName; });
  fs::path deps = fs::path(dir) / "deps";
  if (fs::is_directory(deps, ec)) {
    WACC_ASSIGN_OR_RETURN(std::vector<WitSource> depSources, ReadWitDirectory(deps.string()));
    sources.insert(sources.end(), depSources.begin(), depSources.end());
  }
  return sources;
}

std::vector<WitSource> EmbeddedWitSources() {
  std::vector<WitSource> sources;
  for (const EmbeddedWitFile& file : EmbeddedWitFiles()) {
    std::string_view name = file.name;
    std::string folder = name.find('/') == std::string_view::npos
                             ? "wit"
                             : absl::StrCat("wit/", std::string(name.substr(0, name.rfind('/'))));
    sources.push_back(WitSource{absl::StrCat("wit/", std::string(file.name)), folder, std::string(file.text)});
  }
  return sources;
}

absl::StatusOr<WitModel> LoadWit(const std::vector<WitSource>& sources) {
  std::vector<WitFile> files;
  for (const WitSource& source : sources) {
    WACC_ASSIGN_OR_RETURN(WitFile file, ParseWit(source.fileName, source.text));
    file.folder = source.folder;
    files.push_back(std::move(file));
  }
  return ResolveWit(std::move(files));
}

}  // namespace wacc::wit

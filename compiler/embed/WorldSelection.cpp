#include "compiler/embed/WorldSelection.h"

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "compiler/support/Status.h"
#include "compiler/wit/WitParser.h"
#include "compiler/wit/WitSources.h"

namespace wacc::embed {
namespace {

namespace fs = std::filesystem;

// The package of the files directly in `witPath` (or of the file itself):
// "ns:pkg", or empty when there are none (a folder of package folders).
absl::StatusOr<std::string> MainPackage(const std::string& witPath, const std::vector<wit::WitSource>& sources) {
  std::error_code ec;
  bool isFile = fs::is_regular_file(witPath, ec);
  fs::path mainFolder = fs::weakly_canonical(isFile ? fs::path(witPath).parent_path() : fs::path(witPath), ec);
  for (const wit::WitSource& source : sources) {
    if (fs::weakly_canonical(fs::path(source.folder), ec) != mainFolder) continue;
    if (isFile && fs::weakly_canonical(source.fileName, ec) != fs::weakly_canonical(witPath, ec)) continue;
    WACC_ASSIGN_OR_RETURN(wit::WitFile file, wit::ParseWit(source.fileName, source.text));
    if (file.package) return file.package->name;
  }
  return std::string();
}

std::string WorldList(const wit::WitModel& model) {
  std::vector<std::string> names;
  for (const wit::ResolvedWorld& w : model.worlds) names.push_back(w.fullName());
  return names.empty() ? "none" : absl::StrJoin(names, ", ");
}

absl::StatusOr<size_t> FindWorld(const wit::WitModel& model, const std::string& mainPackage, const std::string& name,
                                 const std::string& witPath) {
  std::vector<size_t> found;
  size_t slash = name.find('/');
  if (slash != std::string::npos) {
    // "ns:pkg/name[@version]"
    std::string package = name.substr(0, slash);
    std::string rest = name.substr(slash + 1);
    std::string version;
    if (size_t at = rest.find('@'); at != std::string::npos) {
      version = rest.substr(at + 1);
      rest = rest.substr(0, at);
    }
    for (size_t i = 0; i < model.worlds.size(); ++i) {
      const wit::ResolvedWorld& w = model.worlds[i];
      if (w.package == package && w.name == rest && (version.empty() || w.version == version)) found.push_back(i);
    }
  } else {
    for (size_t i = 0; i < model.worlds.size(); ++i) {
      if (model.worlds[i].name == name && model.worlds[i].package == mainPackage) return i;
    }
    for (size_t i = 0; i < model.worlds.size(); ++i) {
      if (model.worlds[i].name == name) found.push_back(i);
    }
  }
  if (found.size() == 1) return found[0];
  if (found.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(witPath, ": no world '", name, "' (the WIT has ", WorldList(model), ")"));
  }
  return absl::InvalidArgumentError(absl::StrCat(witPath, ": world name '", name,
                                                 "' is ambiguous: qualify it as ns:pkg/name (the WIT has ",
                                                 WorldList(model), ")"));
}

}  // namespace

absl::StatusOr<LoadedWorld> LoadWorld(const std::string& witPath, const std::string& worldName) {
  WACC_ASSIGN_OR_RETURN(std::vector<wit::WitSource> sources, wit::ReadWitPackage(witPath));
  if (sources.empty()) return absl::InvalidArgumentError(absl::StrCat(witPath, ": no .wit files"));
  LoadedWorld loaded;
  WACC_ASSIGN_OR_RETURN(loaded.model, wit::LoadWit(sources));
  WACC_ASSIGN_OR_RETURN(std::string mainPackage, MainPackage(witPath, sources));
  const wit::WitModel& model = loaded.model;
  if (!worldName.empty()) {
    WACC_ASSIGN_OR_RETURN(loaded.world, FindWorld(model, mainPackage, worldName, witPath));
    return loaded;
  }
  std::vector<size_t> mainWorlds;
  for (size_t i = 0; i < model.worlds.size(); ++i) {
    if (model.worlds[i].package == mainPackage) mainWorlds.push_back(i);
  }
  if (mainWorlds.size() == 1) {
    loaded.world = mainWorlds[0];
    return loaded;
  }
  for (size_t i = 0; i < model.worlds.size(); ++i) {
    if (model.worlds[i].package == "wasi:cli" && model.worlds[i].name == "command") {
      loaded.world = i;
      return loaded;
    }
  }
  if (model.worlds.size() == 1) return loaded;
  return absl::InvalidArgumentError(
      absl::StrCat(witPath, ": ", model.worlds.empty() ? "no world" : "more than one world",
                   " and no wasi:cli/command: choose one with --world (the WIT has ", WorldList(model), ")"));
}

}  // namespace wacc::embed

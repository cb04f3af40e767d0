// wacc-wit: a developer tool for wacc's WIT reader, used by test/Wit.
//
//   wacc-wit dump <dir>                    resolved interfaces and worlds
//   wacc-wit check-subset <ours> <official>
//       every interface, type, resource and function of <ours> must exist in
//       <official> with an identical type; one line per interface, exit 1 on
//       any difference
//   wacc-wit check-imports <host-dir|--embedded> <guest-dir>
//       runs HostInterfaces' checks as if a component imported every
//       interface of <guest-dir> (and exported what its worlds export)
//   wacc-wit gen-host-header <wit-dir> <out.h>
//       the runtime's declarations of the host functions <wit-dir> makes
//       importable (HostHeader.cpp); <out.h> is rewritten only when its text
//       changes, so runtime objects rebuild only then
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "compiler/wit/HostInterfaces.h"
#include "compiler/wit/WitSources.h"
#include "compiler/wit/tool/HostHeader.h"

namespace {

using namespace wacc;
using namespace wacc::wit;

// wit/p3/ (WASI 0.3) reuses 0.2's package names, so a tree holding both is
// read as its 0.2 part; name the p3 folder itself to read 0.3.
absl::StatusOr<WitModel> LoadDir(const std::string& dir) {
  auto sources = ReadWitDirectory(dir);
  if (!sources.ok()) return sources.status();
  auto endsWithP3 = [](std::string_view path) {
    while (!path.empty() && path.back() == '/') path.remove_suffix(1);
    return path == "p3" || (path.size() > 3 && path.substr(path.size() - 3) == "/p3");
  };
  std::vector<WitSource> kept;
  for (WitSource& s : *sources)
    if (endsWithP3(dir) || !endsWithP3(s.folder)) kept.push_back(std::move(s));
  return LoadWit(kept);
}

// A type's own structure, with nested named types printed by name.
std::string Definition(const WitModel& model, component::TypeRef type) {
  component::TypeNames names = model.typeNames;
  names.erase(type);
  return component::TypeToString(type, &model.resources, &names);
}

int Dump(const std::string& dir) {
  auto model = LoadDir(dir);
  if (!model.ok()) {
    std::fprintf(stderr, "error: %s\n", std::string(model.status().message()).c_str());
    return 1;
  }
  for (const ResolvedInterface& iface : model->interfaces) {
    std::printf("interface %s\n", iface.fullName().c_str());
    for (const ResolvedType& type : iface.types) {
      if (!type.usedFrom.empty()) {
        std::printf("  use %s.%s as %s\n", type.usedFrom.c_str(), type.usedName.c_str(), type.name.c_str());
      } else if (type.isResourceDecl) {
        std::printf("  resource %s\n", type.name.c_str());
      } else {
        std::printf("  type %s = %s\n", type.name.c_str(), Definition(*model, type.type).c_str());
      }
    }
    for (const ResolvedFunction& func : iface.functions) {
      std::printf("  func %s: %s\n", func.name.c_str(),
                  component::SignatureToString(func.sig, &model->resources, &model->typeNames).c_str());
    }
  }
  for (const ResolvedWorld& world : model->worlds) {
    std::printf("world %s\n", world.fullName().c_str());
    for (const std::string& item : world.imports) std::printf("  import %s\n", item.c_str());
    for (const std::string& item : world.exports) std::printf("  export %s\n", item.c_str());
  }
  return 0;
}

// Differences between one of our interfaces and the official one.
std::vector<std::string> CompareInterface(const WitModel& ours, const ResolvedInterface& mine, const WitModel& official,
                                          const ResolvedInterface& theirs) {
  std::vector<std::string> problems;
  if (mine.version != theirs.version) {
    problems.push_back(absl::StrCat("version ", mine.version, " but official ", theirs.version));
  }
  for (const ResolvedType& type : mine.types) {
    const ResolvedType* other = theirs.findType(type.name);
    if (!other) {
      problems.push_back(absl::StrCat("type '", type.name, "' is not in the official WIT"));
    } else if (type.isResourceDecl != other->isResourceDecl ||
               !TypesEqualAcross(type.type, ours.resources, other->type, official.resources)) {
      problems.push_back(absl::StrCat("type '", type.name, "' is ", Definition(ours, type.type), " but officially ",
                                      Definition(official, other->type)));
    }
  }
  for (const ResolvedFunction& func : mine.functions) {
    const ResolvedFunction* other = theirs.findFunction(func.name);
    if (!other) {
      problems.push_back(absl::StrCat("function '", func.name, "' is not in the official WIT"));
    } else if (!SignaturesEqualAcross(func.sig, ours.resources, other->sig, official.resources,
                                      /*compareParamNames=*/true)) {
      problems.push_back(absl::StrCat(
          "function '", func.name, "' is ", component::SignatureToString(func.sig, &ours.resources, &ours.typeNames),
          " but officially ", component::SignatureToString(other->sig, &official.resources, &official.typeNames)));
    }
  }
  return problems;
}

std::vector<std::string> CompareWorld(const ResolvedWorld& mine, const ResolvedWorld& theirs) {
  std::vector<std::string> problems;
  absl::flat_hash_set<std::string> imports(theirs.imports.begin(), theirs.imports.end());
  absl::flat_hash_set<std::string> exports(theirs.exports.begin(), theirs.exports.end());
  for (const std::string& item : mine.imports) {
    if (!imports.contains(item)) problems.push_back(absl::StrCat("imports '", item, "'"));
  }
  for (const std::string& item : mine.exports) {
    if (!exports.contains(item)) problems.push_back(absl::StrCat("exports '", item, "'"));
  }
  for (const std::string& item : theirs.exports) {
    if (std::find(mine.exports.begin(), mine.exports.end(), item) == mine.exports.end()) {
      problems.push_back(absl::StrCat("does not export '", item, "'"));
    }
  }
  return problems;
}

int Report(const std::string& what, const std::vector<std::string>& problems) {
  if (problems.empty()) {
    std::printf("ok %s\n", what.c_str());
    return 0;
  }
  std::printf("FAIL %s\n", what.c_str());
  for (const std::string& p : problems) std::printf("  %s\n", p.c_str());
  return 1;
}

int CheckSubset(const std::string& oursDir, const std::string& officialDir) {
  auto ours = LoadDir(oursDir);
  auto official = LoadDir(officialDir);
  for (const auto* model : {&ours, &official}) {
    if (!model->ok()) {
      std::fprintf(stderr, "error: %s\n", std::string(model->status().message()).c_str());
      return 1;
    }
  }
  int failed = 0;
  for (const ResolvedInterface& mine : ours->interfaces) {
    const ResolvedInterface* theirs = official->findInterface(mine.id());
    std::string what = absl::StrCat("interface ", mine.fullName());
    if (!theirs) {
      failed |= Report(what, {"not in the official WIT"});
      continue;
    }
    failed |= Report(what, CompareInterface(*ours, mine, *official, *theirs));
  }
  for (const ResolvedWorld& mine : ours->worlds) {
    const ResolvedWorld* theirs = nullptr;
    for (const ResolvedWorld& w : official->worlds) {
      if (w.package == mine.package && w.name == mine.name) theirs = &w;
    }
    std::string what = absl::StrCat("world ", mine.fullName());
    if (!theirs) {
      failed |= Report(what, {"not in the official WIT"});
      continue;
    }
    failed |= Report(what, CompareWorld(mine, *theirs));
  }
  return failed;
}

void PrintCheck(const std::string& what, const absl::Status& status) {
  if (status.ok()) {
    std::printf("ok %s\n", what.c_str());
  } else {
    std::printf("error %s: %s\n", what.c_str(), std::string(status.message()).c_str());
  }
}

int CheckImports(const std::string& hostDir, const std::string& guestDir) {
  auto host = hostDir == "--embedded" ? HostInterfaces::LoadEmbedded() : HostInterfaces::LoadDirectory(hostDir);
  auto guest = LoadDir(guestDir);
  if (!host.ok() || !guest.ok()) {
    const absl::Status& s = host.ok() ? guest.status() : host.status();
    std::fprintf(stderr, "error: %s\n", std::string(s.message()).c_str());
    return 1;
  }
  absl::flat_hash_set<std::string> exported;
  for (const ResolvedWorld& world : guest->worlds) {
    exported.insert(world.exports.begin(), world.exports.end());
  }
  for (const ResolvedInterface& iface : guest->interfaces) {
    std::string instance = iface.fullName();
    bool isExport = exported.contains(iface.id());
    for (const ResolvedType& type : iface.types) {
      if (!type.isResourceDecl || isExport) continue;
      PrintCheck(absl::StrCat(instance, " resource ", type.name), host->CheckImportedResource(instance, type.name));
    }
    for (const ResolvedFunction& func : iface.functions) {
      absl::Status status = isExport ? host->CheckExportedFunction(instance, func.name, func.sig, guest->resources)
                                     : host->CheckImportedFunction(instance, func.name, func.sig, guest->resources);
      PrintCheck(absl::StrCat(instance, isExport ? " export " : " ", func.name), status);
      if (!isExport) {
        std::printf("  symbol %s\n", HostSymbolName(instance, func.name).c_str());
      }
    }
  }
  return 0;
}

int GenHostHeader(const std::string& dir, const std::string& out) {
  auto host = HostInterfaces::LoadDirectory(dir);
  absl::StatusOr<std::string> text = host.ok() ? HostHeaderText(*host) : absl::StatusOr<std::string>(host.status());
  if (!text.ok()) {
    std::fprintf(stderr, "error: %s\n", std::string(text.status().message()).c_str());
    return 1;
  }
  std::ifstream existing(out, std::ios::binary);
  std::stringstream old;
  old << existing.rdbuf();
  if (existing && old.str() == *text) return 0;
  std::string tmp = out + ".tmp";
  {
    std::ofstream file(tmp, std::ios::binary | std::ios::trunc);
    file << *text;
    if (!file.flush()) {
      std::fprintf(stderr, "error: cannot write %s\n", tmp.c_str());
      return 1;
    }
  }
  if (std::rename(tmp.c_str(), out.c_str()) != 0) {
    std::fprintf(stderr, "error: cannot write %s\n", out.c_str());
    return 1;
  }
  return 0;
}

int Usage() {
  std::fprintf(stderr,
               "usage: wacc-wit dump <dir>\n"
               "       wacc-wit check-subset <our-wit-dir> <official-wit-dir>\n"
               "       wacc-wit check-imports <host-wit-dir|--embedded> <guest-wit-dir>\n"
               "       wacc-wit gen-host-header <wit-dir> <out.h>\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 2 && args[0] == "dump") return Dump(args[1]);
  if (args.size() == 3 && args[0] == "check-subset") return CheckSubset(args[1], args[2]);
  if (args.size() == 3 && args[0] == "check-imports") return CheckImports(args[1], args[2]);
  if (args.size() == 3 && args[0] == "gen-host-header") return GenHostHeader(args[1], args[2]);
  return Usage();
}

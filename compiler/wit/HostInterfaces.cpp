// Checking a component's imports and exports against wit/ (see
// HostInterfaces.h).
#include "compiler/wit/HostInterfaces.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "compiler/support/Status.h"
#include "compiler/wit/WitSources.h"

namespace wacc::wit {
namespace {

struct InstanceName {
  std::string id;  // "wasi:io/streams"
  std::string version;
  bool hasVersion = false;
};

InstanceName SplitInstanceName(std::string_view name) {
  InstanceName out;
  size_t at = name.find('@');
  out.id = std::string(name.substr(0, at));
  if (at != std::string_view::npos) {
    out.hasVersion = true;
    out.version = std::string(name.substr(at + 1));
  }
  return out;
}

// wacc implements WASI 0.2 and every 0.2.x release is compatible with the
// 0.2.12 WIT it carries; pre-releases and other versions are not.
bool IsSupportedVersion(std::string_view version, std::string_view kPrefix) {
  if (version.substr(0, kPrefix.size()) != kPrefix || version.size() == kPrefix.size()) {
    return false;
  }
  for (char c : version.substr(kPrefix.size())) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

void AddUnique(std::vector<std::string>& list, absl::flat_hash_set<std::string>& seen, const std::string& item) {
  if (seen.insert(item).second) list.push_back(item);
}

}  // namespace

absl::StatusOr<HostInterfaces> HostInterfaces::LoadEmbedded() { return FromSources(EmbeddedWitSources()); }

absl::StatusOr<HostInterfaces> HostInterfaces::LoadDirectory(const std::string& dir) {
  WACC_ASSIGN_OR_RETURN(std::vector<WitSource> sources, ReadWitDirectory(dir));
  return FromSources(sources);
}

absl::StatusOr<HostInterfaces> HostInterfaces::FromSources(const std::vector<WitSource>& sources) {
  std::vector<WitSource> p2, p3;
  for (const WitSource& s : sources) {
    bool isP3 = s.folder == "p3" || (s.folder.size() >= 3 && s.folder.substr(s.folder.size() - 3) == "/p3");
    (isP3 ? p3 : p2).push_back(s);
  }
  WACC_ASSIGN_OR_RETURN(WitModel model, LoadWit(p2));
  HostInterfaces host(std::move(model));
  if (!p3.empty()) {
    WACC_ASSIGN_OR_RETURN(WitModel p3Model, LoadWit(p3));
    host.p3_ = std::shared_ptr<HostInterfaces>(new HostInterfaces(std::move(p3Model)));
    host.p3_->versionPrefix_ = "0.3.";
  }
  return host;
}

const HostInterfaces& HostInterfaces::forVersion(std::string_view instanceName) const {
  size_t at = instanceName.find('@');
  if (p3_ && at != std::string_view::npos && instanceName.substr(at + 1).substr(0, 4) == "0.3.") return *p3_;
  return *this;
}

// Importable: what the worlds import, plus what those interfaces `use`
// (importing an interface brings its dependencies). Exportable: what the
// worlds export. Without worlds, every interface both ways.
HostInterfaces::HostInterfaces(WitModel model) : model_(std::move(model)) {
  absl::flat_hash_set<std::string> importSeen, exportSeen;
  if (model_.worlds.empty()) {
    for (const ResolvedInterface& iface : model_.interfaces) {
      AddUnique(importable_, importSeen, iface.id());
      AddUnique(exportable_, exportSeen, iface.id());
    }
    return;
  }
  for (const ResolvedWorld& world : model_.worlds) {
    for (const std::string& item : world.imports) {
      if (model_.findInterface(item)) AddUnique(importable_, importSeen, item);
    }
    for (const std::string& item : world.exports) {
      if (model_.findInterface(item)) AddUnique(exportable_, exportSeen, item);
    }
  }
  // importable_ grows while this walks it: a worklist, not recursion.
  for (size_t i = 0; i < importable_.size(); ++i) {
    const ResolvedInterface* iface = model_.findInterface(importable_[i]);
    for (const std::string& dep : iface->dependencies) AddUnique(importable_, importSeen, dep);
  }
}

absl::StatusOr<const ResolvedInterface*> HostInterfaces::findInterface(std::string_view instanceName, bool isImport,
                                                                       bool versionOptional) const {
  InstanceName name = SplitInstanceName(instanceName);
  const std::vector<std::string>& known = isImport ? importable_ : exportable_;
  const char* what = isImport ? "import" : "export";
  if (std::find(known.begin(), known.end(), name.id) == known.end()) {
    std::vector<std::string> sorted = known;
    std::sort(sorted.begin(), sorted.end());
    if (isImport) {
      return absl::NotFoundError(absl::StrCat("unknown import '", std::string(instanceName),
                                              "': wacc does not implement this interface (it "
                                              "implements: ",
                                              absl::StrJoin(sorted, ", "), ")"));
    }
    return absl::NotFoundError(
        absl::StrCat("unknown export '", std::string(instanceName),
                     "': wacc can only run components exporting: ", absl::StrJoin(sorted, ", ")));
  }
  bool versionOk = name.hasVersion ? IsSupportedVersion(name.version, versionPrefix_) : versionOptional;
  if (!versionOk) {
    return absl::UnimplementedError(
        absl::StrCat(what, " '", std::string(instanceName), "': unsupported WASI version ",
                     name.hasVersion ? absl::StrCat("'", name.version, "'") : "(none given)",
                     "; wacc implements WASI 0.2.x",
                     // the 0.3 set has no p3_ of its own; it is there
                     p3_ || versionPrefix_ == "0.3." ? " and 0.3.x" : ""));
  }
  return model_.findInterface(name.id);
}

absl::Status HostInterfaces::checkFunction(std::string_view instanceName, std::string_view funcName,
                                           const component::FuncSignature& sig,
                                           const std::vector<component::ResourceInfo>& resources, bool isImport) const {
  if (&forVersion(instanceName) != this)
    return forVersion(instanceName).checkFunction(instanceName, funcName, sig, resources, isImport);
  WACC_ASSIGN_OR_RETURN(const ResolvedInterface* iface, findInterface(instanceName, isImport));
  const char* what = isImport ? "import" : "export";
  const ResolvedFunction* func = iface->findFunction(funcName);
  if (!func) {
    return absl::NotFoundError(absl::StrCat(what, " '", std::string(instanceName), "' has no function '",
                                            std::string(funcName), "' in wacc's WIT"));
  }
  if (!SignaturesEqualAcross(sig, resources, func->sig, model_.resources,
                             /*compareParamNames=*/false)) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, " '", std::string(instanceName), "' function '", std::string(funcName), "' has type ",
                     component::SignatureToString(sig, &resources), ", but WASI ", versionPrefix_.substr(0, 3),
                     " declares ", component::SignatureToString(func->sig, &model_.resources, &model_.typeNames)));
  }
  return absl::OkStatus();
}

absl::Status HostInterfaces::CheckImportedFunction(std::string_view instanceName, std::string_view funcName,
                                                   const component::FuncSignature& sig,
                                                   const std::vector<component::ResourceInfo>& resources) const {
  return checkFunction(instanceName, funcName, sig, resources, /*isImport=*/true);
}

absl::Status HostInterfaces::CheckExportedFunction(std::string_view instanceName, std::string_view funcName,
                                                   const component::FuncSignature& sig,
                                                   const std::vector<component::ResourceInfo>& resources) const {
  return checkFunction(instanceName, funcName, sig, resources, /*isImport=*/false);
}

absl::Status HostInterfaces::CheckImportedResource(std::string_view instanceName, std::string_view resourceName) const {
  if (&forVersion(instanceName) != this)
    return forVersion(instanceName).CheckImportedResource(instanceName, resourceName);
  WACC_ASSIGN_OR_RETURN(const ResolvedInterface* iface,
                        findInterface(instanceName, /*isImport=*/true, /*versionOptional=*/true));
  const ResolvedType* type = iface->findType(resourceName);
  if (!type || !type->resource) {
    return absl::NotFoundError(absl::StrCat("import '", std::string(instanceName), "' has no resource '",
                                            std::string(resourceName), "' in wacc's WIT"));
  }
  return absl::OkStatus();
}

}  // namespace wacc::wit

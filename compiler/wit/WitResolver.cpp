// Name resolution and type conversion for WIT (see WitResolver.h).
//
// Every type name visible in an interface (declared, or brought in by
// `use`) is a node of one graph spanning all packages; a node depends on the
// nodes its definition names. Nodes are converted in dependency order by an
// iterative depth-first walk, which also finds cycles.
#include "compiler/wit/WitResolver.h"

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "compiler/support/Status.h"

namespace wacc::wit {
namespace {

using component::ResourceId;
using component::TypeRef;
using component::ValueType;
using VKind = ValueType::Kind;

struct InterfaceSource {
  const InterfaceDecl* decl = nullptr;
  const WitFile* file = nullptr;
  PackageName package;
};

struct TypeNode {
  size_t iface = 0;
  std::string name;
  SourcePos pos;
  const TypeDecl* decl = nullptr;  // declared here, or
  const UseDecl* use = nullptr;    // brought in by `use`
  std::string usedName;
  enum class State : uint8_t { Unvisited, InProgress, Done } state = State::Unvisited;
  TypeRef type = nullptr;
  std::optional<ResourceId> resource;
};

class Resolver {
 public:
  explicit Resolver(std::vector<WitFile> files) : files_(std::move(files)) {}

  absl::StatusOr<WitModel> run() {
    WACC_RETURN_IF_ERROR(assignPackages());
    WACC_RETURN_IF_ERROR(collectInterfaces());
    WACC_RETURN_IF_ERROR(collectTypeNodes());
    for (size_t n = 0; n < nodes_.size(); ++n) {
      WACC_RETURN_IF_ERROR(resolveFrom(n));
    }
    for (size_t i = 0; i < sources_.size(); ++i) {
      WACC_RETURN_IF_ERROR(buildInterface(i));
    }
    WACC_RETURN_IF_ERROR(buildWorlds());
    return std::move(model_);
  }

 private:
  absl::Status error(const WitFile& file, SourcePos pos, const std::string& message) const {
    return absl::InvalidArgumentError(absl::StrFormat("%s:%d:%d: %s", file.fileName, pos.line, pos.column, message));
  }

  // --- Packages and interfaces ---------------------------------------------

  absl::Status assignPackages() {
    absl::flat_hash_map<std::string, PackageName> folderPackage;
    for (const WitFile& file : files_) {
      if (file.package) folderPackage.emplace(file.folder, *file.package);
    }
    for (WitFile& file : files_) {
      if (file.package) continue;
      auto it = folderPackage.find(file.folder);
      if (it == folderPackage.end()) {
        return error(file, SourcePos{}, "no 'package' declaration in this file or its folder");
      }
      file.package = it->second;
    }
    for (const WitFile& file : files_) {
      auto [it, inserted] = packageVersions_.emplace(file.package->name, file.package->version);
      if (!inserted && it->second != file.package->version) {
        return error(file, SourcePos{},
                     absl::StrCat("package ", file.package->name, " declared with versions ", it->second, " and ",
                                  file.package->version));
      }
    }
    return absl::OkStatus();
  }

  absl::Status collectInterfaces() {
    for (const WitFile& file : files_) {
      for (const InterfaceDecl& decl : file.interfaces) {
        std::string id = absl::StrCat(file.package->name, "/", decl.name);
        if (!interfaceIndex_.emplace(id, sources_.size()).second) {
          return error(file, decl.pos, absl::StrCat("interface '", id, "' is declared twice"));
        }
        sources_.push_back(InterfaceSource{&decl, &file, *file.package});
      }
    }
    return absl::OkStatus();
  }

  // The id ("ns:pkg/iface") a path names, seen from package `from`.
  absl::StatusOr<std::string> pathId(const WitFile& file, const UsePath& path) const {
    if (path.package.empty()) return absl::StrCat(file.package->name, "/", path.interface);
    auto version = packageVersions_.find(path.package);
    if (version == packageVersions_.end()) {
      return error(file, path.pos, absl::StrCat("unknown package '", path.package, "'"));
    }
    if (!path.version.empty() && path.version != version->second) {
      return error(file, path.pos,
                   absl::StrCat("package '", path.package, "@", path.version, "' not found (have version ",
                                version->second, ")"));
    }
    return absl::StrCat(path.package, "/", path.interface);
  }

  absl::StatusOr<size_t> lookupInterface(const WitFile& file, const UsePath& path) const {
    WACC_ASSIGN_OR_RETURN(std::string id, pathId(file, path));
    auto it = interfaceIndex_.find(id);
    if (it == interfaceIndex_.end()) {
      return error(file, path.pos, absl::StrCat("unknown interface '", id, "'"));
    }
    return it->second;
  }

  // --- Type nodes -------------------------------------------------------------

  absl::Status addNode(TypeNode node) {
    const WitFile& file = *sources_[node.iface].file;
    auto& scope = scopes_[node.iface];
    if (!scope.emplace(node.name, nodes_.size()).second) {
      return error(file, node.pos, absl::StrCat("name '", node.name, "' is defined twice"));
    }
    nodes_.push_back(std::move(node));
    return absl::OkStatus();
  }

  absl::Status collectTypeNodes() {
    scopes_.resize(sources_.size());
    for (size_t i = 0; i < sources_.size(); ++i) {
      const InterfaceDecl& decl = *sources_[i].decl;
      for (const UseDecl& use : decl.uses) {
        for (const UseDecl::Name& name : use.names) {
          TypeNode node;
          node.iface = i;
          node.name = name.as;
          node.pos = name.pos;
          node.use = &use;
          node.usedName = name.name;
          WACC_RETURN_IF_ERROR(addNode(std::move(node)));
        }
      }
      for (const TypeDecl& type : decl.types) {
        TypeNode node;
        node.iface = i;
        node.name = type.name;
        node.pos = type.pos;
        node.decl = &type;
        WACC_RETURN_IF_ERROR(addNode(std::move(node)));
      }
    }
    return absl::OkStatus();
  }

  absl::StatusOr<size_t> lookupType(size_t iface, const std::string& name, SourcePos pos) const {
    auto it = scopes_[iface].find(name);
    if (it == scopes_[iface].end()) {
      return error(*sources_[iface].file, pos, absl::StrCat("unknown type '", name, "'"));
    }
    return it->second;
  }

  // The nodes a node's definition names.
  absl::StatusOr<std::vector<size_t>> dependencies(const TypeNode& node) const {
    std::vector<size_t> deps;
    if (node.use) {
      WACC_ASSIGN_OR_RETURN(size_t target, lookupInterface(*sources_[node.iface].file, node.use->path));
      auto it = scopes_[target].find(node.usedName);
      if (it == scopes_[target].end()) {
        return error(*sources_[node.iface].file, node.pos,
                     absl::StrCat("interface '", sources_[target].package.name, "/", sources_[target].decl->name,
                                  "' has no type '", node.usedName, "'"));
      }
      deps.push_back(it->second);
      return deps;
    }
    std::vector<const TypeExpr*> pending;
    if (node.decl->kind == TypeDecl::Kind::Alias) pending.push_back(&node.decl->alias);
    for (const TypeDecl::Case& c : node.decl->cases) {
      if (c.type) pending.push_back(&*c.type);
    }
    while (!pending.empty()) {
      const TypeExpr* expr = pending.back();
      pending.pop_back();
      if (!expr->name.empty()) {
        WACC_ASSIGN_OR_RETURN(size_t dep, lookupType(node.iface, expr->name, expr->pos));
        deps.push_back(dep);
      }
      for (const TypeExpr& e : expr->elements) pending.push_back(&e);
    }
    return deps;
  }

  absl::Status resolveFrom(size_t root) {
    if (nodes_[root].state != TypeNode::State::Unvisited) return absl::OkStatus();
    struct Frame {
      size_t node;
      std::vector<size_t> deps;
      size_t next = 0;
    };
    std::vector<Frame> stack;
    auto push = [&](size_t n) -> absl::Status {
      WACC_ASSIGN_OR_RETURN(std::vector<size_t> deps, dependencies(nodes_[n]));
      nodes_[n].state = TypeNode::State::InProgress;
      stack.push_back(Frame{n, std::move(deps)});
      return absl::OkStatus();
    };
    WACC_RETURN_IF_ERROR(push(root));
    while (!stack.empty()) {
      Frame& frame = stack.back();
      if (frame.next < frame.deps.size()) {
        size_t dep = frame.deps[frame.next++];
        if (nodes_[dep].state == TypeNode::State::InProgress) {
          const TypeNode& node = nodes_[frame.node];
          return error(*sources_[node.iface].file, node.pos, absl::StrCat("type '", node.name, "' depends on itself"));
        }
        if (nodes_[dep].state == TypeNode::State::Unvisited) WACC_RETURN_IF_ERROR(push(dep));
        continue;
      }
      WACC_RETURN_IF_ERROR(build(nodes_[frame.node], frame.deps));
      nodes_[frame.node].state = TypeNode::State::Done;
      stack.pop_back();
    }
    return absl::OkStatus();
  }

  TypeRef handle(VKind kind, ResourceId resource) {
    ValueType t;
    t.kind = kind;
    t.resource = resource;
    return model_.arena().intern(std::move(t));
  }

  absl::Status build(TypeNode& node, const std::vector<size_t>& deps) {
    if (node.use) {
      node.type = nodes_[deps[0]].type;
      node.resource = nodes_[deps[0]].resource;
      return absl::OkStatus();
    }
    const TypeDecl& decl = *node.decl;
    const InterfaceSource& source = sources_[node.iface];
    ValueType t;
    switch (decl.kind) {
      case TypeDecl::Kind::Resource: {
        ResourceId id = static_cast<ResourceId>(model_.resources.size());
        component::ResourceInfo info;
        info.isHost = true;
        info.interfaceName = absl::StrCat(source.package.name, "/", source.decl->name);
        info.name = decl.name;
        model_.resources.push_back(std::move(info));
        node.resource = id;
        node.type = handle(VKind::Own, id);
        return absl::OkStatus();
      }
      case TypeDecl::Kind::Alias: {
        WACC_ASSIGN_OR_RETURN(node.type, convert(node.iface, decl.alias, 0));
        if (decl.alias.kind == TypeExpr::Kind::Named) {
          WACC_ASSIGN_OR_RETURN(size_t target, lookupType(node.iface, decl.alias.name, decl.pos));
          node.resource = nodes_[target].resource;
        }
        // Aliases are not named: `type field-value = list<u8>` would
        // rename every list<u8>.
        return absl::OkStatus();
      }
      case TypeDecl::Kind::Record:
      case TypeDecl::Kind::Variant:
        t.kind = decl.kind == TypeDecl::Kind::Record ? VKind::Record : VKind::Variant;
        for (const TypeDecl::Case& c : decl.cases) {
          ValueType::Field field;
          field.name = c.name;
          if (c.type) {
            WACC_ASSIGN_OR_RETURN(field.type, convert(node.iface, *c.type, 0));
          }
          t.fields.push_back(std::move(field));
        }
        break;
      case TypeDecl::Kind::Enum:
      case TypeDecl::Kind::Flags:
        t.kind = decl.kind == TypeDecl::Kind::Enum ? VKind::Enum : VKind::Flags;
        t.labels = decl.labels;
        break;
    }
    node.type = model_.arena().intern(std::move(t));
    nameType(node.type, decl.name);
    return absl::OkStatus();
  }

  // Interning merges structurally equal types, so two declarations may share
  // a node; such a node is printed by structure, not by either name.
  void nameType(TypeRef type, const std::string& name) {
    if (ambiguousNames_.contains(type)) return;
    auto [it, inserted] = model_.typeNames.emplace(type, name);
    if (!inserted && it->second != name) {
      model_.typeNames.erase(it);
      ambiguousNames_.insert(type);
    }
  }

  // Converts a type expression whose names are all resolved. Recursion is
  // bounded by the parser's type depth limit.
  absl::StatusOr<TypeRef> convert(size_t iface, const TypeExpr& expr, int depth) {
    const WitFile& file = *sources_[iface].file;
    ValueType t;
    switch (expr.kind) {
      case TypeExpr::Kind::Primitive: return model_.arena().primitive(expr.prim);
      case TypeExpr::Kind::Named: {
        WACC_ASSIGN_OR_RETURN(size_t n, lookupType(iface, expr.name, expr.pos));
        if (nodes_[n].state != TypeNode::State::Done) {
          return error(file, expr.pos, absl::StrCat("type '", expr.name, "' used before resolution"));
        }
        return nodes_[n].type;
      }
      case TypeExpr::Kind::Borrow:
      case TypeExpr::Kind::Own: {
        WACC_ASSIGN_OR_RETURN(size_t n, lookupType(iface, expr.name, expr.pos));
        if (!nodes_[n].resource) {
          return error(file, expr.pos, absl::StrCat("'", expr.name, "' is not a resource"));
        }
        return handle(expr.kind == TypeExpr::Kind::Borrow ? VKind::Borrow : VKind::Own, *nodes_[n].resource);
      }
      case TypeExpr::Kind::List:
      case TypeExpr::Kind::Option: {
        t.kind = expr.kind == TypeExpr::Kind::List ? VKind::List : VKind::Option;
        WACC_ASSIGN_OR_RETURN(t.element, convert(iface, expr.elements[0], depth + 1));
        break;
      }
      case TypeExpr::Kind::Stream:
      case TypeExpr::Kind::Future: {
        t.kind = expr.kind == TypeExpr::Kind::Stream ? VKind::Stream : VKind::Future;
        if (!expr.elements.empty()) {
          WACC_ASSIGN_OR_RETURN(t.element, convert(iface, expr.elements[0], depth + 1));
        }
        break;
      }
      case TypeExpr::Kind::Result: {
        t.kind = VKind::Result;
        size_t i = 0;
        if (expr.hasOk) {
          WACC_ASSIGN_OR_RETURN(t.ok, convert(iface, expr.elements[i++], depth + 1));
        }
        if (expr.hasErr) {
          WACC_ASSIGN_OR_RETURN(t.err, convert(iface, expr.elements[i], depth + 1));
        }
        break;
      }
      case TypeExpr::Kind::Tuple:
        t.kind = VKind::Tuple;
        for (const TypeExpr& e : expr.elements) {
          ValueType::Field field;
          WACC_ASSIGN_OR_RETURN(field.type, convert(iface, e, depth + 1));
          t.fields.push_back(std::move(field));
        }
        break;
    }
    return model_.arena().intern(std::move(t));
  }

  // --- Functions ----------------------------------------------------------------

  absl::StatusOr<component::FuncSignature> convertFunc(size_t iface, const FuncDecl& func) {
    component::FuncSignature sig;
    sig.isAsync = func.isAsync;
    for (const ParamDecl& param : func.params) {
      WACC_ASSIGN_OR_RETURN(TypeRef type, convert(iface, param.type, 0));
      sig.params.push_back({param.name, type});
    }
    if (func.result) {
      WACC_ASSIGN_OR_RETURN(sig.result, convert(iface, *func.result, 0));
    }
    return sig;
  }

  absl::Status addFunction(ResolvedInterface& out, std::string name, component::FuncSignature sig, const WitFile& file,
                           SourcePos pos) {
    if (out.findFunction(name)) {
      return error(file, pos, absl::StrCat("function '", name, "' is defined twice"));
    }
    out.functions.push_back(ResolvedFunction{std::move(name), std::move(sig)});
    return absl::OkStatus();
  }

  absl::Status addResourceMembers(size_t iface, const TypeDecl& decl, ResolvedInterface& out) {
    const WitFile& file = *sources_[iface].file;
    ResourceId resource = *nodes_[scopes_[iface].at(decl.name)].resource;
    for (const FuncDecl& member : decl.members) {
      WACC_ASSIGN_OR_RETURN(component::FuncSignature sig, convertFunc(iface, member));
      std::string name;
      switch (member.kind) {
        case FuncDecl::Kind::Method:
          name = absl::StrCat("[method]", decl.name, ".", member.name);
          sig.params.insert(sig.params.begin(), {"self", handle(VKind::Borrow, resource)});
          break;
        case FuncDecl::Kind::Static: name = absl::StrCat("[static]", decl.name, ".", member.name); break;
        case FuncDecl::Kind::Constructor:
          name = absl::StrCat("[constructor]", decl.name);
          if (!sig.result) sig.result = handle(VKind::Own, resource);
          break;
        case FuncDecl::Kind::Freestanding: break;
      }
      WACC_RETURN_IF_ERROR(addFunction(out, std::move(name), std::move(sig), file, member.pos));
    }
    return absl::OkStatus();
  }

  absl::Status buildInterface(size_t i) {
    const InterfaceSource& source = sources_[i];
    ResolvedInterface out;
    out.package = source.package.name;
    out.version = source.package.version;
    out.name = source.decl->name;
    for (const UseDecl& use : source.decl->uses) {
      WACC_ASSIGN_OR_RETURN(std::string id, pathId(*source.file, use.path));
      out.dependencies.push_back(id);
      for (const UseDecl::Name& name : use.names) {
        const TypeNode& node = nodes_[scopes_[i].at(name.as)];
        out.types.push_back(ResolvedType{name.as, node.type, node.resource, false, id, name.name});
      }
    }
    for (const TypeDecl& decl : source.decl->types) {
      const TypeNode& node = nodes_[scopes_[i].at(decl.name)];
      bool isResource = decl.kind == TypeDecl::Kind::Resource;
      out.types.push_back(ResolvedType{decl.name, node.type, node.resource, isResource, "", ""});
      if (isResource) WACC_RETURN_IF_ERROR(addResourceMembers(i, decl, out));
    }
    for (const FuncDecl& func : source.decl->funcs) {
      WACC_ASSIGN_OR_RETURN(component::FuncSignature sig, convertFunc(i, func));
      WACC_RETURN_IF_ERROR(addFunction(out, func.name, std::move(sig), *source.file, func.pos));
    }
    model_.interfaces.push_back(std::move(out));
    return absl::OkStatus();
  }

  // --- Worlds -------------------------------------------------------------------

  absl::Status buildWorlds() {
    absl::flat_hash_map<std::string, size_t> worldIndex;
    std::vector<std::vector<size_t>> includes;
    for (const WitFile& file : files_) {
      for (const WorldDecl& decl : file.worlds) {
        ResolvedWorld world;
        world.package = file.package->name;
        world.version = file.package->version;
        world.name = decl.name;
        worldIndex.emplace(absl::StrCat(world.package, "/", world.name), model_.worlds.size());
        model_.worlds.push_back(std::move(world));
      }
    }
    size_t w = 0;
    for (const WitFile& file : files_) {
      for (const WorldDecl& decl : file.worlds) {
        ResolvedWorld& world = model_.worlds[w++];
        includes.emplace_back();
        for (const WorldItem& item : decl.items) {
          if (!item.path) {
            auto& list = item.kind == WorldItem::Kind::Import ? world.imports : world.exports;
            list.push_back(item.funcName);
            continue;
          }
          WACC_ASSIGN_OR_RETURN(std::string id, pathId(file, *item.path));
          if (item.kind == WorldItem::Kind::Include) {
            auto it = worldIndex.find(id);
            if (it == worldIndex.end()) {
              return error(file, item.pos, absl::StrCat("unknown world '", id, "'"));
            }
            includes.back().push_back(it->second);
            continue;
          }
          if (!interfaceIndex_.contains(id)) {
            return error(file, item.pos, absl::StrCat("unknown interface '", id, "'"));
          }
          auto& list = item.kind == WorldItem::Kind::Import ? world.imports : world.exports;
          list.push_back(id);
        }
      }
    }
    mergeIncludes(includes);
    return absl::OkStatus();
  }

  // Adds included worlds' items until nothing changes: includes may chain
  // (and, in bad input, loop), so this iterates instead of recursing.
  void mergeIncludes(const std::vector<std::vector<size_t>>& includes) {
    bool changed = true;
    while (changed) {
      changed = false;
      for (size_t w = 0; w < model_.worlds.size(); ++w) {
        for (size_t inc : includes[w]) {
          changed |= mergeList(model_.worlds[w].imports, model_.worlds[inc].imports);
          changed |= mergeList(model_.worlds[w].exports, model_.worlds[inc].exports);
        }
      }
    }
  }

  static bool mergeList(std::vector<std::string>& into, const std::vector<std::string>& from) {
    bool changed = false;
    absl::flat_hash_set<std::string> have(into.begin(), into.end());
    for (const std::string& item : std::vector<std::string>(from)) {
      if (have.insert(item).second) {
        into.push_back(item);
        changed = true;
      }
    }
    return changed;
  }

  std::vector<WitFile> files_;
  absl::flat_hash_map<std::string, std::string> packageVersions_;
  std::vector<InterfaceSource> sources_;
  absl::flat_hash_map<std::string, size_t> interfaceIndex_;
  std::vector<absl::flat_hash_map<std::string, size_t>> scopes_;
  std::vector<TypeNode> nodes_;
  absl::flat_hash_set<TypeRef> ambiguousNames_;
  WitModel model_;
};

}  // namespace

absl::StatusOr<WitModel> ResolveWit(std::vector<WitFile> files) { return Resolver(std::move(files)).run(); }

}  // namespace wacc::wit

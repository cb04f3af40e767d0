// External visibility of types (Explainer.md): an import or export may only
// mention types that a client of the component can name, i.e. types that were
// imported or exported before it. ValidationTypes.h says how definitions are
// told apart (NameIds); this file checks an item against the visible names,
// following wasmparser's rules:
// - a type import/export needs the names inside the type (a record's fields,
//   a function's parameters and result) visible, not its own: naming it is
//   what makes it visible;
// - a function needs the names its parameters and result reach;
// - an instance is checked export by export, in order, each export naming
//   its types as a top-level one would (so an instance exporting a resource
//   and a function over it is fine);
// - components and core modules are closed: their own definitions were
//   checked where they were declared.
// Imports see only imported names; exports see both.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "compiler/validate/ValidationTypes.h"

namespace wacc::validate {
namespace {

using Set = VisibleNames::Set;

// Recursion on the DAG's depth, which follows the nesting of value types
// (at most kMaxTypeDepth).
bool AllVisible(const NameRefs& refs, Set& set) {
  if (!refs || set.visible.contains(refs.get())) return true;
  for (NameId n : refs->names)
    if (!set.names.contains(n)) return false;
  for (const NameRefs& part : refs->parts)
    if (!AllVisible(part, set)) return false;
  set.visible.emplace(refs.get(), refs);
  return true;
}

bool InstanceVisible(const InstanceType& type, Set& set);

// Whether what `type` contains is visible (the type itself may be unnamed).
bool EntryVisible(const TypeEntry& type, Set& set) {
  switch (type.kind) {
    case TypeEntry::Kind::Value:
    case TypeEntry::Kind::Func: return AllVisible(type.inner, set);
    case TypeEntry::Kind::Resource:
    case TypeEntry::Kind::Component: return true;
    case TypeEntry::Kind::Instance: return InstanceVisible(*type.instance, set);
  }
  return true;
}

// An instance *type* given as a type import/export: its exports are checked
// but make nothing visible.
bool InstanceVisible(const InstanceType& type, Set& set) {
  for (const NamedExtern& e : type.exports) {
    switch (e.type.kind) {
      case ExternType::Kind::Func:
        if (!AllVisible(e.type.funcRefs, set)) return false;
        break;
      case ExternType::Kind::Type:
        if (!EntryVisible(e.type.type, set)) return false;
        break;
      case ExternType::Kind::Instance:
        if (!InstanceVisible(*e.type.instance, set)) return false;
        break;
      case ExternType::Kind::Module:
      case ExternType::Kind::Component: break;
    }
  }
  return true;
}

}  // namespace

bool IsNominal(const TypeEntry& type) {
  if (type.kind == TypeEntry::Kind::Resource) return true;
  if (type.kind != TypeEntry::Kind::Value) return false;
  switch (type.value->kind) {
    case ValueType::Kind::Record:
    case ValueType::Kind::Variant:
    case ValueType::Kind::Flags:
    case ValueType::Kind::Enum: return true;
    default: return false;
  }
}

void NameRefsBuilder::refer(const TypeEntry& referenced) {
  if (IsNominal(referenced))
    names_.push_back(referenced.name);
  else if (referenced.inner)
    parts_.push_back(referenced.inner);
}

NameRefs NameRefsBuilder::build() {
  std::sort(names_.begin(), names_.end());
  names_.erase(std::unique(names_.begin(), names_.end()), names_.end());
  std::sort(parts_.begin(), parts_.end());
  parts_.erase(std::unique(parts_.begin(), parts_.end()), parts_.end());
  if (names_.empty() && parts_.empty()) return nullptr;
  if (names_.empty() && parts_.size() == 1) return parts_[0];  // shared as it is
  auto node = std::make_shared<NameNode>();
  node->names = std::move(names_);
  node->parts = std::move(parts_);
  return node;
}

std::string CheckVisibility(VisibleNames& names, bool isImport, const ExternType& type) {
  Set& set = isImport ? names.imported : names.exported;
  auto fail = [&](const char* what) {
    return absl::StrCat(what, " not valid to be used as ", isImport ? "import" : "export",
                        ": it refers to a type that is not ", isImport ? "imported" : "imported or exported",
                        " before it (Explainer.md, external visibility of types)");
  };
  switch (type.kind) {
    case ExternType::Kind::Module:
    case ExternType::Kind::Component: return "";
    case ExternType::Kind::Func: return AllVisible(type.funcRefs, set) ? "" : fail("func");
    case ExternType::Kind::Type:
      if (!EntryVisible(type.type, set)) return fail("type");
      names.exported.names.insert(type.type.name);
      if (isImport) names.imported.names.insert(type.type.name);
      return "";
    case ExternType::Kind::Instance:
      for (const NamedExtern& e : type.instance->exports)
        if (!CheckVisibility(names, isImport, e.type).empty()) return fail("instance");
      return "";
  }
  return "";
}

ExternType WithFreshName(TypeContext& ctx, ExternType type) {
  if (type.kind == ExternType::Kind::Type) type.type.name = ctx.newName();
  return type;
}

}  // namespace wacc::validate

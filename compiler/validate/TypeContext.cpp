// Interning value types with the facts validation asks about each (depth,
// tree size, whether a borrow or a string/list is inside), and the small
// helpers on extern types.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "compiler/validate/ValidationTypes.h"

namespace wacc::validate {

bool InstanceType::add(std::string name, ExternType type) {
  if (byName.contains(name)) return false;
  depth = std::max(depth, ExternDepth(type) + 1);
  byName.emplace(name, exports.size());
  exports.push_back({std::move(name), std::move(type)});
  return true;
}

uint32_t ExternDepth(const ExternType& type) {
  switch (type.kind) {
    case ExternType::Kind::Instance: return type.instance->depth;
    case ExternType::Kind::Component: return type.component->depth;
    case ExternType::Kind::Type:
      if (type.type.kind == TypeEntry::Kind::Instance) return type.type.instance->depth;
      if (type.type.kind == TypeEntry::Kind::Component) return type.type.component->depth;
      return 0;
    default: return 0;
  }
}

const char* ExternKindName(ExternType::Kind kind) {
  switch (kind) {
    case ExternType::Kind::Module: return "core module";
    case ExternType::Kind::Func: return "func";
    case ExternType::Kind::Type: return "type";
    case ExternType::Kind::Instance: return "instance";
    case ExternType::Kind::Component: return "component";
  }
  return "?";
}

TypeRef TypeContext::primitive(binary::PrimValType prim) {
  TypeRef t = arena_.primitive(prim);
  if (!info_.contains(t)) {
    Info info;
    info.containsPtr = prim == binary::PrimValType::String;
    info_.emplace(t, info);
  }
  return t;
}

absl::StatusOr<TypeRef> TypeContext::intern(ValueType type, size_t offset) {
  Info info;
  uint32_t childDepth = 0;
  auto child = [&](TypeRef c) {
    if (!c) return;
    const Info& ci = info_.at(c);
    childDepth = std::max(childDepth, ci.depth);
    info.size += ci.size;
    info.containsBorrow |= ci.containsBorrow;
    info.containsPtr |= ci.containsPtr;
  };
  for (const ValueType::Field& f : type.fields) child(f.type);
  child(type.element);
  child(type.ok);
  child(type.err);
  info.depth = childDepth + 1;
  info.containsBorrow |= type.kind == ValueType::Kind::Borrow;
  info.containsPtr |= type.kind == ValueType::Kind::List;
  if (type.kind == ValueType::Kind::Stream || type.kind == ValueType::Kind::Future) {
    // A handle: its payload travels through stream/future built-ins, not
    // with the value.
    info.containsPtr = false;
    info.containsBorrow = false;
  }
  if (info.depth > kMaxTypeDepth) return InputError(offset, "value type nested deeper than %u levels", kMaxTypeDepth);
  if (info.size > kMaxTypeSize)
    return InputError(offset, "value type too large (more than %u nodes when expanded)", kMaxTypeSize);
  TypeRef t = arena_.intern(std::move(type));
  info_.emplace(t, info);
  return t;
}

ResourceId TypeContext::newResource(std::string name) {
  component::ResourceInfo info;
  info.name = std::move(name);
  resources_.push_back(std::move(info));
  return ResourceId(resources_.size() - 1);
}

std::string TypeContext::str(const ExternType& type) const {
  switch (type.kind) {
    case ExternType::Kind::Func: return str(*type.func);
    case ExternType::Kind::Type:
      switch (type.type.kind) {
        case TypeEntry::Kind::Value: return absl::StrCat("type ", str(type.type.value));
        case TypeEntry::Kind::Func: return absl::StrCat("type ", str(*type.type.func));
        case TypeEntry::Kind::Resource: {
          const std::string& name = resources_[type.type.resource].name;
          return absl::StrCat("resource ", name.empty() ? absl::StrCat("#", type.type.resource) : name);
        }
        case TypeEntry::Kind::Instance: return "instance type";
        case TypeEntry::Kind::Component: return "component type";
      }
      return "type";
    default: return ExternKindName(type.kind);
  }
}

}  // namespace wacc::validate

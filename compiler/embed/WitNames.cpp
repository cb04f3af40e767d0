#include "compiler/embed/WitNames.h"

namespace wacc::embed {

using K = component::ValueType::Kind;

bool IsNamedKind(component::TypeRef t) {
  return t->kind == K::Record || t->kind == K::Variant || t->kind == K::Enum || t->kind == K::Flags;
}

bool IsHandle(component::TypeRef t) { return t->kind == K::Own || t->kind == K::Borrow; }

const wit::ResolvedType* TypeNameIn(const wit::WitModel& model, const wit::ResolvedInterface& iface,
                                    component::TypeRef t) {
  const wit::ResolvedType* fallback = nullptr;
  if (IsHandle(t)) {
    for (const wit::ResolvedType& entry : iface.types) {
      if (!entry.resource || *entry.resource != t->resource) continue;
      if (entry.isResourceDecl || !entry.usedFrom.empty()) return &entry;
      if (!fallback) fallback = &entry;
    }
    return fallback;
  }
  auto declared = model.typeNames.find(t);
  for (const wit::ResolvedType& entry : iface.types) {
    if (entry.type != t || entry.resource) continue;
    if (declared != model.typeNames.end() && entry.name == declared->second) return &entry;
    if (!fallback) fallback = &entry;
  }
  return fallback;
}

}  // namespace wacc::embed

// The name an interface gives a type: what a component must export a
// record, variant, enum, flags or resource type under.
#pragma once

#include "compiler/component/ValueTypes.h"
#include "compiler/wit/WitModel.h"

namespace wacc::embed {

// The entry of `iface` naming `type` (a named kind, or an own/borrow handle
// for its resource), or null. Structurally equal types share a TypeRef, and
// an alias (`type a = b`) shares its target's, so the WIT's own name for the
// type, a declaration or a `use`, is preferred over an alias.
const wit::ResolvedType* TypeNameIn(const wit::WitModel& model, const wit::ResolvedInterface& iface,
                                    component::TypeRef type);

// A record, variant, enum or flags: a type a component must name.
bool IsNamedKind(component::TypeRef type);
bool IsHandle(component::TypeRef type);

}  // namespace wacc::embed

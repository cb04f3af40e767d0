// Import and export name rules (Explainer.md "Import and export definitions"):
// the name grammar (kebab-case labels, `[constructor]r`, `[method]r.f`,
// `[static]r.f`, interface names `ns:pkg/iface@version`), strong uniqueness
// within a scope, and the type rules of annotated names.
#pragma once

#include <string>
#include "absl/strings/string_view.h"

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "compiler/validate/ValidationTypes.h"

namespace wacc::validate {

// A kebab-case label: words of [a-z0-9] or acronyms of [A-Z0-9] joined by
// single hyphens, starting with a letter.
bool IsLabel(absl::string_view s);

// The imports and exports of one component, component type or instance type.
class ExternNames {
 public:
  // Checks `name` (an import when `isImport`) and its attributes, and
  // records it.
  absl::Status add(const TypeContext& ctx, bool isImport, absl::string_view name, const ExternType& type,
                   size_t offset, const binary::NameAttributes& attrs = {});
  // The names of a bag-of-exports instance: its type exports name no
  // resources, so [constructor], [method] and [static] exports of it are
  // rejected (wasmparser gives such an instance an empty name context; the
  // resources it exports were named, if at all, where they were defined).
  static ExternNames ForBag() {
    ExternNames n;
    n.namesResources_ = false;
    return n;
  }

 private:
  absl::flat_hash_set<std::string> importKeys_, exportKeys_;
  // Resource types by the label they were imported (or exported) as, for
  // the rules of annotated function names: an import's annotation names an
  // imported resource, an export's an exported one (the two namespaces are
  // disjoint, Explainer.md "Import and export definitions").
  absl::flat_hash_map<std::string, ResourceId> importResources_, exportResources_;
  bool namesResources_ = true;
};

}  // namespace wacc::validate

// WIT after resolution: every interface's types and functions as
// component-model types (ValueTypes.h), named as a component names them
// ("[method]output-stream.write" with an explicit `self: borrow<...>`).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/component/ValueTypes.h"

namespace wacc::wit {

struct ResolvedFunction {
  std::string name;  // "get-stdout", "[method]R.f", "[static]R.f", "[constructor]R"
  component::FuncSignature sig;
};

// A type name visible in an interface: declared there or brought in by `use`.
struct ResolvedType {
  std::string name;
  component::TypeRef type = nullptr;              // own<R> for a resource
  std::optional<component::ResourceId> resource;  // set when the name is a resource
  bool isResourceDecl = false;                    // `resource R` declared in this interface
  // For `use`: the interface it comes from ("wasi:io/error") and its name there.
  std::string usedFrom;
  std::string usedName;
};

struct ResolvedInterface {
  std::string package;  // "wasi:io"
  std::string version;  // "0.2.12" (may be empty)
  std::string name;     // "streams"
  std::vector<ResolvedType> types;
  std::vector<ResolvedFunction> functions;
  std::vector<std::string> dependencies;  // ids of interfaces it `use`s

  std::string id() const { return package + "/" + name; }  // "wasi:io/streams"
  std::string fullName() const { return version.empty() ? id() : id() + "@" + version; }
  const ResolvedFunction* findFunction(std::string_view funcName) const;
  const ResolvedType* findType(std::string_view typeName) const;
};

struct ResolvedWorld {
  std::string package;
  std::string version;
  std::string name;
  // Interface imports/exports by id without version ("wasi:io/streams"), or
  // a function's plain name; includes are already merged in.
  std::vector<std::string> imports;
  std::vector<std::string> exports;

  std::string fullName() const { return package + "/" + name + (version.empty() ? "" : "@" + version); }
};

class WitModel {
 public:
  WitModel() : arena_(std::make_unique<component::TypeArena>()) {}

  component::TypeArena& arena() { return *arena_; }

  // Every resource declared by any interface; ResourceIds index this, with
  // isHost = true, interfaceName without version, and the resource's name.
  std::vector<component::ResourceInfo> resources;
  // WIT names of record/variant/enum/flags types, for diagnostics (a type
  // declared twice under different names has none).
  component::TypeNames typeNames;
  std::vector<ResolvedInterface> interfaces;
  std::vector<ResolvedWorld> worlds;

  const ResolvedInterface* findInterface(std::string_view id) const;

 private:
  // Owned through a pointer so TypeRefs survive moving the model.
  std::unique_ptr<component::TypeArena> arena_;
};

// Types equal up to resource identity, comparing resources across two
// tables by (interface, name): the way to compare a guest's signature with
// WIT, or one WIT with another.
bool TypesEqualAcross(component::TypeRef a, const std::vector<component::ResourceInfo>& aResources,
                      component::TypeRef b, const std::vector<component::ResourceInfo>& bResources);
bool SignaturesEqualAcross(const component::FuncSignature& a, const std::vector<component::ResourceInfo>& aResources,
                           const component::FuncSignature& b, const std::vector<component::ResourceInfo>& bResources,
                           bool compareParamNames);

}  // namespace wacc::wit

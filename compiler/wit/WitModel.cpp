// Lookups on the resolved WIT, and comparison across resource tables.
#include "compiler/wit/WitModel.h"

namespace wacc::wit {

using component::ResourceId;
using component::ResourceInfo;

const ResolvedFunction* ResolvedInterface::findFunction(std::string_view funcName) const {
  for (const ResolvedFunction& f : functions) {
    if (f.name == funcName) return &f;
  }
  return nullptr;
}

const ResolvedType* ResolvedInterface::findType(std::string_view typeName) const {
  for (const ResolvedType& t : types) {
    if (t.name == typeName) return &t;
  }
  return nullptr;
}

const ResolvedInterface* WitModel::findInterface(std::string_view id) const {
  for (const ResolvedInterface& iface : interfaces) {
    if (iface.id() == id) return &iface;
  }
  return nullptr;
}

namespace {

bool SameResource(ResourceId a, const std::vector<ResourceInfo>& aResources, ResourceId b,
                  const std::vector<ResourceInfo>& bResources) {
  if (a >= aResources.size() || b >= bResources.size()) return false;
  const ResourceInfo& x = aResources[a];
  const ResourceInfo& y = bResources[b];
  return x.isHost && y.isHost && x.interfaceName == y.interfaceName && x.name == y.name;
}

}  // namespace

bool TypesEqualAcross(component::TypeRef a, const std::vector<ResourceInfo>& aResources, component::TypeRef b,
                      const std::vector<ResourceInfo>& bResources) {
  return component::TypesEqual(a, b,
                               [&](ResourceId x, ResourceId y) { return SameResource(x, aResources, y, bResources); });
}

bool SignaturesEqualAcross(const component::FuncSignature& a, const std::vector<ResourceInfo>& aResources,
                           const component::FuncSignature& b, const std::vector<ResourceInfo>& bResources,
                           bool compareParamNames) {
  if (a.params.size() != b.params.size()) return false;
  for (size_t i = 0; i < a.params.size(); ++i) {
    if (compareParamNames && a.params[i].name != b.params[i].name) return false;
    if (!TypesEqualAcross(a.params[i].type, aResources, b.params[i].type, bResources)) return false;
  }
  return TypesEqualAcross(a.result, aResources, b.result, bResources);
}

}  // namespace wacc::wit

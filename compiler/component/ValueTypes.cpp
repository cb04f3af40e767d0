// Interning, comparison and printing of resolved value types.
//
// Types come from input (a component's type section, or WIT), and a type may
// refer to an earlier one many times, so a type is a DAG of arbitrary depth.
// Every walk here therefore uses an explicit stack, compares each pair of
// nodes once, and printing stops at a length limit.
#include "compiler/component/ValueTypes.h"

#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace wacc::component {
namespace {

using Kind = ValueType::Kind;

const char* PrimName(PrimValType prim) { return binary::PrimValTypeName(prim); }

// A node's own data with its children by address: two nodes built from
// interned children are structurally equal exactly when their keys are.
std::string ShallowKey(const ValueType& t) {
  std::string key = absl::StrCat(static_cast<int>(t.kind), "|", static_cast<int>(t.prim), "|",
                                 reinterpret_cast<uintptr_t>(t.element), "|", reinterpret_cast<uintptr_t>(t.ok), "|",
                                 reinterpret_cast<uintptr_t>(t.err), "|", t.resource, "|", t.isMap, "|");
  for (const ValueType::Field& f : t.fields) {
    absl::StrAppend(&key, f.name.size(), ":", f.name, "=", reinterpret_cast<uintptr_t>(f.type), ";");
  }
  absl::StrAppend(&key, "|");
  for (const std::string& l : t.labels) absl::StrAppend(&key, l.size(), ":", l, ";");
  return key;
}

// Compares the nodes' own data; pushes child pairs still to compare.
bool ShallowEqual(const ValueType& a, const ValueType& b,
                  const std::function<bool(ResourceId, ResourceId)>& sameResource,
                  std::vector<std::pair<TypeRef, TypeRef>>& pending) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Kind::Primitive: return a.prim == b.prim;
    case Kind::Record:
    case Kind::Variant:
    case Kind::Tuple:
      if (a.fields.size() != b.fields.size()) return false;
      for (size_t i = 0; i < a.fields.size(); ++i) {
        if (a.fields[i].name != b.fields[i].name) return false;
        pending.emplace_back(a.fields[i].type, b.fields[i].type);
      }
      return true;
    case Kind::List:
    case Kind::Option:
    case Kind::Stream:
    case Kind::Future:
      if (a.isMap != b.isMap) return false;
      pending.emplace_back(a.element, b.element);
      return true;
    case Kind::Result:
      pending.emplace_back(a.ok, b.ok);
      pending.emplace_back(a.err, b.err);
      return true;
    case Kind::Flags:
    case Kind::Enum: return a.labels == b.labels;
    case Kind::Own:
    case Kind::Borrow: return sameResource ? sameResource(a.resource, b.resource) : a.resource == b.resource;
  }
  return false;
}

// Printing: a work stack of either a type to print or literal text.
struct PrintItem {
  TypeRef type = nullptr;
  std::string text;
  bool isText = false;
};

constexpr size_t kMaxPrintedLength = 2000;

class TypePrinter {
 public:
  TypePrinter(const std::vector<ResourceInfo>* resources, const TypeNames* names)
      : resources_(resources), names_(names) {}

  void print(TypeRef root, std::string& out) {
    stack_.push_back(Type(root));
    while (!stack_.empty()) {
      if (out.size() > kMaxPrintedLength) {
        out += "...";
        stack_.clear();
        return;
      }
      PrintItem item = std::move(stack_.back());
      stack_.pop_back();
      if (item.isText) {
        out += item.text;
      } else {
        expand(item.type, out);
      }
    }
  }

 private:
  static PrintItem Text(std::string text) { return PrintItem{nullptr, std::move(text), true}; }
  static PrintItem Type(TypeRef type) { return PrintItem{type, {}, false}; }

  std::string resourceName(ResourceId id) const {
    if (resources_ && id < resources_->size() && !(*resources_)[id].name.empty()) {
      return (*resources_)[id].name;
    }
    return absl::StrCat("resource#", id);
  }

  // Pushes `items` so they print in order.
  void pushInOrder(std::vector<PrintItem> items) {
    for (auto it = items.rbegin(); it != items.rend(); ++it) stack_.push_back(std::move(*it));
  }

  void expand(TypeRef t, std::string& out) {
    if (!t) {
      out += "_";
      return;
    }
    if (names_) {
      auto it = names_->find(t);
      if (it != names_->end()) {
        out += it->second;
        return;
      }
    }
    std::vector<PrintItem> items;
    switch (t->kind) {
      case Kind::Primitive: out += PrimName(t->prim); return;
      case Kind::Own: out += absl::StrCat("own<", resourceName(t->resource), ">"); return;
      case Kind::Borrow: out += absl::StrCat("borrow<", resourceName(t->resource), ">"); return;
      case Kind::Flags: out += absl::StrCat("flags { ", absl::StrJoin(t->labels, ", "), " }"); return;
      case Kind::Enum: out += absl::StrCat("enum { ", absl::StrJoin(t->labels, ", "), " }"); return;
      case Kind::List:
        if (t->isMap) {
          items = {Text("map<"), Type(t->element->fields[0].type), Text(", "), Type(t->element->fields[1].type),
                   Text(">")};
        } else {
          items = {Text("list<"), Type(t->element), Text(">")};
        }
        break;
      case Kind::Option: items = {Text("option<"), Type(t->element), Text(">")}; break;
      case Kind::Stream:
      case Kind::Future: {
        const char* name = t->kind == Kind::Stream ? "stream" : "future";
        if (!t->element) {
          out += name;
          return;
        }
        items = {Text(absl::StrCat(name, "<")), Type(t->element), Text(">")};
        break;
      }
      case Kind::Result:
        if (!t->ok && !t->err) {
          out += "result";
          return;
        }
        if (!t->err) {
          items = {Text("result<"), Type(t->ok), Text(">")};
        } else {
          items = {Text("result<"), Type(t->ok), Text(", "), Type(t->err), Text(">")};
        }
        break;
      case Kind::Tuple:
        items.push_back(Text("tuple<"));
        for (size_t i = 0; i < t->fields.size(); ++i) {
          if (i) items.push_back(Text(", "));
          items.push_back(Type(t->fields[i].type));
        }
        items.push_back(Text(">"));
        break;
      case Kind::Record:
        items.push_back(Text("record { "));
        for (size_t i = 0; i < t->fields.size(); ++i) {
          items.push_back(Text(absl::StrCat(i ? ", " : "", t->fields[i].name, ": ")));
          items.push_back(Type(t->fields[i].type));
        }
        items.push_back(Text(" }"));
        break;
      case Kind::Variant:
        items.push_back(Text("variant { "));
        for (size_t i = 0; i < t->fields.size(); ++i) {
          items.push_back(Text(absl::StrCat(i ? ", " : "", t->fields[i].name)));
          if (t->fields[i].type) {
            items.push_back(Text("("));
            items.push_back(Type(t->fields[i].type));
            items.push_back(Text(")"));
          }
        }
        items.push_back(Text(" }"));
        break;
    }
    pushInOrder(std::move(items));
  }

  const std::vector<ResourceInfo>* resources_;
  const TypeNames* names_;
  std::vector<PrintItem> stack_;
};

}  // namespace

TypeRef TypeArena::primitive(PrimValType prim) {
  ValueType t;
  t.kind = Kind::Primitive;
  t.prim = prim;
  return intern(std::move(t));
}

TypeRef TypeArena::intern(ValueType type) {
  std::string key = ShallowKey(type);
  auto it = index_.find(key);
  if (it != index_.end()) return it->second;
  nodes_.push_back(std::move(type));
  TypeRef node = &nodes_.back();
  index_.emplace(std::move(key), node);
  return node;
}

bool TypesEqual(TypeRef a, TypeRef b, const std::function<bool(ResourceId, ResourceId)>& sameResource) {
  std::vector<std::pair<TypeRef, TypeRef>> pending = {{a, b}};
  // Each pair needs comparing once: equality is the conjunction over all
  // pairs reached, and shared subtrees would otherwise be walked once per
  // path to them.
  absl::flat_hash_set<std::pair<TypeRef, TypeRef>> seen;
  while (!pending.empty()) {
    auto [x, y] = pending.back();
    pending.pop_back();
    if (x == y && !sameResource) continue;
    if (!x && !y) continue;
    if (!x || !y) return false;
    if (!seen.insert({x, y}).second) continue;
    if (!ShallowEqual(*x, *y, sameResource, pending)) return false;
  }
  return true;
}

std::string TypeToString(TypeRef type, const std::vector<ResourceInfo>* resources, const TypeNames* names) {
  std::string out;
  TypePrinter(resources, names).print(type, out);
  return out;
}

std::string TypeToString(TypeRef type, const std::vector<ResourceInfo>* resources) {
  return TypeToString(type, resources, nullptr);
}

std::string SignatureToString(const FuncSignature& sig, const std::vector<ResourceInfo>* resources,
                              const TypeNames* names) {
  std::string out = sig.isAsync ? "async func(" : "func(";
  for (size_t i = 0; i < sig.params.size(); ++i) {
    absl::StrAppend(&out, i ? ", " : "", sig.params[i].name, ": ", TypeToString(sig.params[i].type, resources, names));
  }
  out += ")";
  if (sig.result) absl::StrAppend(&out, " -> ", TypeToString(sig.result, resources, names));
  return out;
}

std::string SignatureToString(const FuncSignature& sig, const std::vector<ResourceInfo>* resources) {
  return SignatureToString(sig, resources, nullptr);
}

}  // namespace wacc::component

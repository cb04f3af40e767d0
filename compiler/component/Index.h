// Typed indices: an index into one of the instantiation plan's index spaces
// (core instances, component instances, component functions, trampolines)
// cannot be used for another, and a plan vector is indexed only by its own
// kind of index. Both are checked by the compiler, at no run-time cost.
#pragma once

#include <compare>
#include <cstdint>
#include <utility>
#include <vector>

namespace wacc::component {

template <typename Tag>
class Index {
 public:
  constexpr Index() = default;
  constexpr explicit Index(uint32_t value) : value_(value) {}
  constexpr uint32_t value() const { return value_; }
  constexpr auto operator<=>(const Index&) const = default;
  template <typename H>
  friend H AbslHashValue(H h, Index i) {
    return H::combine(std::move(h), i.value_);
  }

 private:
  uint32_t value_ = 0;
};

using CoreInstanceIndex = Index<struct CoreInstanceTag>;
using ComponentInstanceIndex = Index<struct ComponentInstanceTag>;
using FuncIndex = Index<struct FuncTag>;
using TrampolineIndex = Index<struct TrampolineTag>;

// A vector indexed by one kind of Index.
template <typename I, typename T>
class IndexedVector {
 public:
  const T& operator[](I i) const { return items_[i.value()]; }
  T& operator[](I i) { return items_[i.value()]; }
  // Appends `item` and returns its index.
  I push_back(T item) {
    items_.push_back(std::move(item));
    return I(uint32_t(items_.size() - 1));
  }
  I nextIndex() const { return I(uint32_t(items_.size())); }
  size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  auto begin() const { return items_.begin(); }
  auto end() const { return items_.end(); }
  // Every index, in order: `for (FuncIndex f : plan.funcs.indices())`.
  std::vector<I> indices() const {
    std::vector<I> out;
    out.reserve(items_.size());
    for (uint32_t i = 0; i < items_.size(); ++i) out.push_back(I(i));
    return out;
  }

 private:
  std::vector<T> items_;
};

}  // namespace wacc::component

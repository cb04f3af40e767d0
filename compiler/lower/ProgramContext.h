// State shared by every core instance translated into one llvm::Module.
//
// Core instances are instantiated statically (the planner knows the whole
// instance graph), so there is no vmctx: each instance's functions, memories,
// tables and globals are LLVM globals, and the program-wide things that must
// agree between instances live here: value and function types, the canonical
// signature ids used by call_indirect, and funcref identities.
//
// Representations (shared with the canonical ABI adapters):
//   i32/i64/f32/f64 -> i32/i64/float/double; v128 -> <4 x i32>;
//   funcref/externref -> ptr (null is the null reference).
//   A funcref points at a constant FuncRefDescriptor
//   { ptr code, i32 sigId, ptr tailCode } where `code` is called with the C
//   calling convention and the function's functionType(), and `tailCode`,
//   when not null, is the same function's tail body (below).
//   A module that makes tail calls (return_call, return_call_indirect) has
//   each of its functions' code in a tail body with LLVM's `tailcc`
//   convention, under which a call in tail position is guaranteed not to
//   grow the stack whatever the two signatures; the function's symbol is a
//   C-convention entry that calls it (TailCalls.cpp).
//   A table is a TableType() global { ptr elements, i32 size, i32 capacity }
//   whose `elements` is an array of `capacity` refs.
#pragma once

#include <cstdint>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "compiler/binary/CoreModule.h"
#include "compiler/lower/RuntimeABI.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/IR/Module.h"

namespace wacc::lower {

struct TranslateOptions {
  // Explicit bounds checks on every memory access instead of relying on the
  // runtime's guard pages (for targets or embeddings without them).
  bool boundsChecks = false;
  // Wasm requires NaN results of float arithmetic to be quiet, but LLVM may
  // fold an operation away (x * 1.0 -> x) and return a signalling NaN input
  // unchanged. Without this option only the places where that is visible at
  // translation time are guarded with llvm.canonicalize (an operand is a
  // constant, min/max, demote of a promote); with it every float arithmetic
  // result is, which is exact even after inlining but costs one instruction
  // per operation (hardware arithmetic already quiets NaNs).
  bool quietAllNaNs = false;
  // The LLVM triple code is generated for (empty: the host's). Lowering is
  // target-independent but for the register constraint that keeps a
  // load's value alive (Memory.cpp).
  std::string targetTriple;
};

// Told of every core function body as soon as it is translated. A caller
// translating a very large program hands it on a partition at a time from
// here (codegen's PartitionStream) and deletes the bodies it has written
// out, so the whole program's IR is never in memory at once.
class BodyObserver {
 public:
  virtual ~BodyObserver() = default;
  // Bodies of at most this many bytes of wasm code are translated before
  // the others (each group in module order), so that the small functions a
  // partition may copy to inline exist before the first partition is
  // handed on. 0: module order.
  virtual size_t smallBodyBytes() const { return 0; }
  // `f` is the translation of function `index` of `module`.
  virtual absl::Status translated(llvm::Function& f, const binary::CoreModule& module, uint32_t index) = 0;
};

class ProgramContext {
 public:
  ProgramContext(llvm::Module& module, const TranslateOptions& options);

  llvm::Module& module() { return module_; }
  RuntimeABI& runtime() { return runtime_; }
  llvm::LLVMContext& context() { return module_.getContext(); }
  const TranslateOptions& options() const { return options_; }
  BodyObserver* bodyObserver() const { return bodyObserver_; }
  void setBodyObserver(BodyObserver* observer) { bodyObserver_ = observer; }
  // Whether options().targetTriple (or the host) is AArch64.
  bool isAArch64() const { return aarch64_; }

  llvm::Type* valType(binary::ValType t);
  // Parameters as valType; results void / the scalar / a literal struct.
  llvm::FunctionType* functionType(const binary::FuncType& t);
  // A program-wide canonical id per distinct function type.
  uint32_t signatureId(const binary::FuncType& t);
  // The funcref value for `f` (whose type is `t`): the same constant every
  // time for the same function.
  llvm::Constant* funcRef(llvm::Function* f, const binary::FuncType& t);

  // { ptr code, i32 sigId, ptr tailCode }
  llvm::StructType* funcRefDescriptorType();
  static constexpr unsigned kDescriptorCode = 0, kDescriptorSignature = 1, kDescriptorTailCode = 2;

  // The tail body of the function whose C-convention symbol is `f`, or null
  // when its code is `f` itself. Set before the first funcRef(f).
  llvm::Function* tailBody(llvm::Function* f) const { return tailBodies_.lookup(f); }
  void setTailBody(llvm::Function* f, llvm::Function* body) { tailBodies_[f] = body; }
  // { ptr elements, i32 size, i32 capacity }
  llvm::StructType* tableType();
  static constexpr unsigned kTableElements = 0, kTableSize = 1, kTableCapacity = 2;

  // Packs the results of a function of type `t` into the IR return value.
  llvm::Type* resultType(const binary::FuncType& t);

 private:
  llvm::Function* cConventionThunk(llvm::Function* f);

  llvm::Module& module_;
  TranslateOptions options_;
  BodyObserver* bodyObserver_ = nullptr;
  bool aarch64_ = false;
  RuntimeABI runtime_;
  llvm::StructType* descriptorType_ = nullptr;
  llvm::StructType* tableType_ = nullptr;
  absl::flat_hash_map<std::string, uint32_t> signatureIds_;
  llvm::DenseMap<llvm::Function*, llvm::Constant*> funcRefs_;
  llvm::DenseMap<llvm::Function*, llvm::Function*> tailBodies_;
};

}  // namespace wacc::lower

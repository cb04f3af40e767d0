// Translates one core function body into an llvm::Function.
//
// The wasm operand stack becomes a stack of llvm::Value*; the control stack
// becomes a stack of ControlFrames whose merge blocks carry phis for block
// results and loop parameters (multi-value). Code after br/return/unreachable
// is skipped until the matching else/end. Instruction families are lowered in
// their own files (Control.cpp, Variables.cpp, Memory.cpp, Numeric.cpp,
// Conversion.cpp, Table.cpp, Simd*.cpp); each `lowerX` returns false for an
// opcode outside its family.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "absl/status/status.h"
#include "compiler/binary/Instruction.h"
#include "compiler/lower/InstanceState.h"
#include "llvm/IR/IRBuilder.h"

namespace wacc::lower {

// What a direct call of function `funcIndex` calls: its tail body when it
// has one (TailCalls.cpp), else its symbol.
llvm::Function* DirectCallee(InstanceState& state, uint32_t funcIndex);

class FunctionTranslator {
 public:
  FunctionTranslator(InstanceState& state, uint32_t funcIndex);
  absl::Status translate();
  // The function the code is translated into.
  llvm::Function& function() const { return *function_; }

 private:
  struct ControlFrame {
    enum Kind : uint8_t { Function, Block, Loop, If } kind = Block;
    std::vector<binary::ValType> params, results;
    // Operand stack height below the frame's parameters.
    size_t height = 0;
    // Where `br` to this frame goes: the loop header, or the end block.
    llvm::BasicBlock* target = nullptr;
    std::vector<llvm::PHINode*> targetPhis;
    // If: the else arm, and the parameters to give it.
    llvm::BasicBlock* elseBlock = nullptr;
    std::vector<llvm::Value*> ifParams;
    bool sawElse = false;
    size_t offset = 0;  // of the opening instruction, for diagnostics
  };

  // ---- FunctionTranslator.cpp: frame, stack, dispatch ----
  absl::Status setUpEntry();
  absl::Status lower(const binary::Instruction& inst);
  void push(llvm::Value* v) { stack_.push_back(v); }
  llvm::Value* pop();
  std::vector<llvm::Value*> popN(size_t n);
  std::vector<llvm::Value*> peekN(size_t n);
  // Switches to skipping unreachable code until the current frame's else/end.
  void markUnreachable();
  // A branch from the current block to `frame` carrying the stack's top values.
  void addBranchIncoming(ControlFrame& frame, llvm::BasicBlock* from);
  ControlFrame& frameAt(uint32_t depth) { return frames_[frames_.size() - 1 - depth]; }
  // Branches to a shared cold trap block for `reason` when `cond` is true.
  void trapIf(llvm::Value* cond, uint32_t reason);
  void trapAlways(uint32_t reason);
  llvm::BasicBlock* trapBlock(uint32_t reason);
  llvm::BasicBlock* newBlock(const char* name);
  const binary::FuncType& funcType(uint32_t funcIndex) const { return state_.module.funcType(funcIndex); }
  void blockSignature(const binary::BlockType& bt, std::vector<binary::ValType>& params,
                      std::vector<binary::ValType>& results) const;
  std::vector<llvm::PHINode*> makePhis(llvm::BasicBlock* block, const std::vector<binary::ValType>& types);
  // Emits a call and pushes its results.
  void emitCall(llvm::FunctionCallee callee, llvm::CallingConv::ID cc, const binary::FuncType& type,
                bool noInline = false);
  // Emits a tail call (TailCalls.cpp) and the return of its results; the
  // caller marks the rest of the block unreachable.
  void emitReturnCall(llvm::FunctionCallee callee, llvm::CallingConv::ID cc, const binary::FuncType& type,
                      const std::vector<llvm::Value*>& args);
  llvm::Type* type(binary::ValType t) { return state_.ctx.valType(t); }

  // ---- family files ----
  absl::StatusOr<bool> lowerControl(const binary::Instruction& inst);  // Control.cpp
  absl::Status lowerBlockStart(const binary::Instruction& inst);
  absl::Status lowerElse(const binary::Instruction& inst);
  absl::Status lowerEnd(const binary::Instruction& inst);
  void lowerBrTable(const binary::Instruction& inst);
  void lowerCallIndirect(const binary::Instruction& inst);
  void lowerReturnCallIndirect(const binary::Instruction& inst);
  // The funcref in slot `index` of table `tableIndex`, trapping when the
  // index is out of bounds, the slot null or its signature not `sig`.
  llvm::Value* checkedFuncRef(uint32_t tableIndex, llvm::Value* index, const binary::FuncType& sig);
  bool lowerVariable(const binary::Instruction& inst);  // Variables.cpp
  bool lowerMemory(const binary::Instruction& inst);    // Memory.cpp
  llvm::Value* memoryBase(uint32_t memIndex);
  llvm::Value* memoryByteSize(uint32_t memIndex);
  bool memoryIs64(uint32_t memIndex) const { return state_.module.memories[memIndex].is64; }
  // An operand of a bulk memory instruction (an address or a length, i32 or
  // i64) as an i64.
  llvm::Value* popAs64();
  llvm::Value* effectiveAddress(const binary::MemArg& arg, llvm::Value* addr, uint64_t accessSize);
  // Traps with `reason` unless start + length <= limit (all i64). `wide`:
  // the operands may be any i64 (a 64-bit memory's), so their sum may
  // overflow; else they are zero-extended 32-bit values.
  void checkRange(llvm::Value* start64, llvm::Value* length64, llvm::Value* limit64, uint32_t reason,
                  bool wide = false);
  // A linear-memory load that stays even if its value goes unused (it may trap).
  // Loads from a 64-bit memory are explicitly checked (effectiveAddress), so
  // they need not be kept.
  llvm::Value* memoryLoad(llvm::Type* type, llvm::Value* ptr, uint32_t memIndex);
  void lowerLoad(const binary::Instruction& inst, llvm::Type* memType, llvm::Type* resultType, bool signExtend);
  void lowerStore(const binary::Instruction& inst, llvm::Type* memType);
  bool lowerAtomic(const binary::Instruction& inst);  // Atomics.cpp
  // The address of an atomic access of `bytes` bytes, trapping when it is
  // not a multiple of `bytes` (and, as effectiveAddress, out of bounds).
  llvm::Value* atomicAddress(const binary::MemArg& arg, llvm::Value* addr, uint64_t bytes);
  void lowerAtomicWait(const binary::Instruction& inst, llvm::Type* valueType);
  bool lowerNumeric(const binary::Instruction& inst);  // Numeric.cpp
  // llvm.canonicalize(v) when `foldable` (LLVM might fold the operation that
  // produced v away) or options().quietAllNaNs; see TranslateOptions.
  llvm::Value* quietNaN(llvm::Value* v, bool foldable);
  // Whether LLVM may fold `lhs op rhs` (float) to one of its operands or to
  // a constant, passing a signalling NaN through unquieted: an operand is a
  // NaN constant, both are constants, or a constant is the operation's
  // identity (x*1, x*-1, x/1, x/-1, x+-0, x-0, -0-x).
  static bool MayFoldFloatOperation(llvm::Instruction::BinaryOps op, llvm::Value* lhs, llvm::Value* rhs);
  void lowerDivRem(const binary::Instruction& inst, llvm::Instruction::BinaryOps op);
  bool lowerConversion(const binary::Instruction& inst);  // Conversion.cpp
  void lowerTrappingTrunc(llvm::Type* intType, bool isSigned);
  bool lowerTable(const binary::Instruction& inst);  // Table.cpp
  llvm::Value* tableField(uint32_t tableIndex, unsigned field);
  llvm::Value* tableElementAddress(uint32_t tableIndex, llvm::Value* index32);
  absl::StatusOr<bool> lowerSimd(const binary::Instruction& inst);  // Simd.cpp
  bool lowerSimdLanes(const binary::Instruction& inst);
  bool lowerSimdMemory(const binary::Instruction& inst);   // SimdMemory.cpp
  bool lowerSimdInteger(const binary::Instruction& inst);  // SimdInteger.cpp
  bool lowerSimdFloat(const binary::Instruction& inst);    // SimdFloat.cpp
  // v128 is <4 x i32>; operations view it as one of these lane shapes.
  llvm::FixedVectorType* intShape(unsigned laneBits);
  llvm::FixedVectorType* floatShape(unsigned laneBits);
  llvm::Value* popVector(llvm::FixedVectorType* shape);  // pops a v128 as `shape`
  void pushVector(llvm::Value* v);                       // pushes any 128-bit vector as v128

  InstanceState& state_;
  ProgramContext& ctx_;
  uint32_t funcIndex_;
  llvm::Function* function_;
  llvm::IRBuilder<> b_;
  llvm::Constant* nameConstant_ = nullptr;
  std::vector<llvm::AllocaInst*> locals_;
  std::vector<binary::ValType> localTypes_;
  std::vector<llvm::Value*> stack_;
  std::vector<ControlFrame> frames_;
  // While unreachable: skipping; `skipDepth_` counts blocks opened since.
  bool unreachable_ = false;
  uint32_t skipDepth_ = 0;
  std::map<uint32_t, llvm::BasicBlock*> trapBlocks_;
};

// Hard limit on block nesting; deeper input is rejected, not crashed on.
inline constexpr size_t kMaxControlDepth = 100000;

}  // namespace wacc::lower

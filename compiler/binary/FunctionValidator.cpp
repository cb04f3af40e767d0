// The validation algorithm of the WebAssembly specification's appendix: an
// operand stack of value types (with an Unknown type for the polymorphic
// stack after unreachable, br, return, ...) and a control stack of frames.
// Both stacks are explicit vectors, so nesting depth costs no native stack.
#include "compiler/binary/FunctionValidator.h"

#include <algorithm>
#include <array>
#include <span>
#include <vector>

#include "compiler/binary/CoreReader.h"
#include "compiler/binary/Instruction.h"

namespace wacc::binary {
namespace {

constexpr ValType kUnknown = ValType(0);

const char* TypeName(ValType t) { return t == kUnknown ? "unknown" : ValTypeName(t); }
bool IsNum(ValType t) {
  return t == ValType::I32 || t == ValType::I64 || t == ValType::F32 || t == ValType::F64 || t == kUnknown;
}
bool IsVec(ValType t) { return t == ValType::V128 || t == kUnknown; }

// The fixed typing of simple, memory and lane instructions (OpcodeTypes.def),
// indexed by opcode.
struct OpTypes {
  enum Kind : uint8_t { Other, Simple, Memory };
  Kind kind = Other;
  uint8_t numParams = 0;
  uint8_t numResults = 0;
  uint8_t alignLog2 = 0;  // natural alignment of a memory access
  uint8_t lanes = 0;      // lane count of a lane immediate, 0 if none
  bool atomic = false;    // an atomic access: its alignment must be natural
  ValType params[3] = {};
  ValType result = kUnknown;
};

constexpr ValType LetterType(char c) {
  switch (c) {
    case 'i': return ValType::I32;
    case 'l': return ValType::I64;
    case 'f': return ValType::F32;
    case 'd': return ValType::F64;
    default: return ValType::V128;
  }
}

struct OpTypesTable {
  std::array<OpTypes, kNumOpcodes> ops;
  constexpr void set(Opcode op, OpTypes::Kind kind, const char* params, const char* results, uint8_t align) {
    OpTypes& t = ops[size_t(op)];
    t.kind = kind;
    t.alignLog2 = align;
    for (; *params; ++params) t.params[t.numParams++] = LetterType(*params);
    if (*results) {
      t.result = LetterType(*results);
      t.numResults = 1;
    }
  }
  constexpr OpTypesTable() : ops() {
#define WACC_SIMPLE_OP(name, params, results) set(Opcode::name, OpTypes::Simple, params, results, 0);
#define WACC_MEMORY_OP(name, align, params, results) set(Opcode::name, OpTypes::Memory, params, results, align);
#define WACC_LANE_OP(name, count) ops[size_t(Opcode::name)].lanes = count;
#define WACC_ATOMIC_OP(name, align, params, results)          \
  set(Opcode::name, OpTypes::Memory, params, results, align); \
  ops[size_t(Opcode::name)].atomic = true;
#include "compiler/binary/OpcodeTypes.def"
  }
};
constexpr OpTypesTable kOpTypes;

// Stable one-element type lists for `block (result t)`.
constexpr ValType kSingleTypes[] = {ValType::I32,  ValType::I64,     ValType::F32,      ValType::F64,
                                    ValType::V128, ValType::FuncRef, ValType::ExternRef};
std::span<const ValType> SingleType(ValType t) {
  for (const ValType& s : kSingleTypes)
    if (s == t) return {&s, 1};
  return {};
}

struct Frame {
  Opcode opcode;  // Block for the function's own frame
  std::span<const ValType> params, results;
  size_t height;
  bool unreachable = false;
  std::span<const ValType> labelTypes() const { return opcode == Opcode::Loop ? params : results; }
};

class FunctionValidator {
 public:
  FunctionValidator(const CoreModule& m, uint32_t funcIndex, const absl::flat_hash_set<uint32_t>& declared,
                    const Features& features)
      : m_(m), type_(m.funcType(funcIndex)), body_(m.body(funcIndex)), declared_(declared), features_(features) {}

  absl::Status validate();

 private:
  absl::Status check(const Instruction& inst);
  absl::Status checkFeature(const Instruction& inst) const;
  absl::Status checkControl(const Instruction& inst);
  absl::Status checkVariable(const Instruction& inst);
  absl::Status checkTableOp(const Instruction& inst);
  absl::Status checkMemoryOp(const Instruction& inst);
  absl::Status checkReference(const Instruction& inst);
  absl::Status checkParametric(const Instruction& inst);
  absl::Status checkFixed(const Instruction& inst, const OpTypes& types);
  absl::Status checkBranchTable(const Instruction& inst);
  absl::Status checkTailCallResults(const Instruction& inst, const FuncType& callee);

  void push(ValType t) { vals_.push_back(t); }
  void pushAll(std::span<const ValType> types) { vals_.insert(vals_.end(), types.begin(), types.end()); }
  absl::StatusOr<ValType> pop(const Instruction& inst);
  absl::StatusOr<ValType> pop(const Instruction& inst, ValType expected);
  absl::Status popAll(const Instruction& inst, std::span<const ValType> types);
  void pushFrame(Opcode opcode, std::span<const ValType> params, std::span<const ValType> results);
  absl::StatusOr<Frame> popFrame(const Instruction& inst);
  void setUnreachable();

  absl::StatusOr<const Frame*> label(const Instruction& inst, uint32_t depth) const;
  absl::Status blockSignature(const Instruction& inst, std::span<const ValType>& params,
                              std::span<const ValType>& results) const;
  absl::Status needMemory(const Instruction& inst, uint32_t index) const;
  ValType addressType(uint32_t index) const { return m_.memories[index].addressType(); }
  absl::StatusOr<ValType> tableType(const Instruction& inst, uint32_t index) const;
  absl::StatusOr<ValType> elemType(const Instruction& inst, uint32_t index) const;
  absl::Status needDataSegment(const Instruction& inst, uint32_t index) const;

  const CoreModule& m_;
  const FuncType& type_;
  const FunctionBody& body_;
  const absl::flat_hash_set<uint32_t>& declared_;
  const Features& features_;
  std::vector<ValType> locals_;
  std::vector<ValType> vals_;
  std::vector<Frame> frames_;
  std::vector<ValType> scratch_;
};

absl::Status FunctionValidator::validate() {
  if (type_.params.size() + body_.locals.size() > kMaxFunctionLocals)
    return InputError(body_.codeOffset, "too many locals");
  locals_ = type_.params;
  locals_.insert(locals_.end(), body_.locals.begin(), body_.locals.end());
  pushFrame(Opcode::Block, {}, type_.results);
  InstructionReader reader(ByteReader(body_.code, body_.codeOffset), features_);
  while (!reader.atEnd()) {
    WACC_ASSIGN_OR_RETURN(Instruction inst, reader.next());
    WACC_RETURN_IF_ERROR(checkFeature(inst));
    WACC_RETURN_IF_ERROR(check(inst));
    if (frames_.empty()) {
      if (!reader.atEnd())
        return InputError(reader.offset(), "section size mismatch: operators remaining after end of function");
      return absl::OkStatus();
    }
  }
  return InputError(reader.offset(), "unexpected end of section or function: END opcode expected");
}

absl::StatusOr<ValType> FunctionValidator::pop(const Instruction& inst) {
  const Frame& frame = frames_.back();
  if (vals_.size() == frame.height) {
    if (frame.unreachable) return kUnknown;
    return InputError(inst.offset, "type mismatch: %s expects an operand but the stack is empty",
                      OpcodeName(inst.opcode));
  }
  ValType t = vals_.back();
  vals_.pop_back();
  return t;
}

absl::StatusOr<ValType> FunctionValidator::pop(const Instruction& inst, ValType expected) {
  WACC_ASSIGN_OR_RETURN(ValType actual, pop(inst));
  if (actual != expected && actual != kUnknown && expected != kUnknown)
    return InputError(inst.offset, "type mismatch: %s expects %s but found %s", OpcodeName(inst.opcode),
                      TypeName(expected), TypeName(actual));
  return actual;
}

absl::Status FunctionValidator::popAll(const Instruction& inst, std::span<const ValType> types) {
  for (size_t i = types.size(); i-- > 0;) WACC_RETURN_IF_ERROR(pop(inst, types[i]).status());
  return absl::OkStatus();
}

void FunctionValidator::pushFrame(Opcode opcode, std::span<const ValType> params, std::span<const ValType> results) {
  frames_.push_back(Frame{opcode, params, results, vals_.size()});
  pushAll(params);
}

absl::StatusOr<Frame> FunctionValidator::popFrame(const Instruction& inst) {
  Frame frame = frames_.back();
  WACC_RETURN_IF_ERROR(popAll(inst, frame.results));
  if (vals_.size() != frame.height)
    return InputError(inst.offset, "type mismatch: %u values remain on the stack at %s", vals_.size() - frame.height,
                      OpcodeName(inst.opcode));
  frames_.pop_back();
  return frame;
}

void FunctionValidator::setUnreachable() {
  Frame& frame = frames_.back();
  vals_.resize(frame.height);
  frame.unreachable = true;
}

absl::StatusOr<const Frame*> FunctionValidator::label(const Instruction& inst, uint32_t depth) const {
  if (depth >= frames_.size()) return InputError(inst.offset, "unknown label %u", depth);
  return &frames_[frames_.size() - 1 - depth];
}

absl::Status FunctionValidator::blockSignature(const Instruction& inst, std::span<const ValType>& params,
                                               std::span<const ValType>& results) const {
  const BlockType& bt = inst.blockType;
  params = {};
  results = {};
  if (bt.kind == BlockType::Value) {
    results = SingleType(bt.valType);
  } else if (bt.kind == BlockType::TypeIndex) {
    if (bt.typeIndex >= m_.types.size()) return InputError(inst.offset, "unknown type %u", bt.typeIndex);
    params = m_.types[bt.typeIndex].params;
    results = m_.types[bt.typeIndex].results;
  }
  return absl::OkStatus();
}

absl::Status FunctionValidator::needMemory(const Instruction& inst, uint32_t index) const {
  if (index >= m_.memories.size())
    return InputError(inst.offset, "unknown memory %u in %s", index, OpcodeName(inst.opcode));
  return absl::OkStatus();
}

// Instructions of a proposal that Features turned off are refused as 2.0
// refuses them. (Multi-memory's are malformed under 2.0's encoding, which
// the reader then used.)
absl::Status FunctionValidator::checkFeature(const Instruction& inst) const {
  bool tailCall = inst.opcode == Opcode::ReturnCall || inst.opcode == Opcode::ReturnCallIndirect;
  if (tailCall && !features_.tailCall)
    return InputError(inst.offset, "illegal opcode %s: tail calls are off (-W tail-call=n)", OpcodeName(inst.opcode));
  bool relaxedSimd = inst.opcode >= Opcode::I8x16RelaxedSwizzle && inst.opcode <= Opcode::I32x4RelaxedDotI8x16I7x16AddS;
  if (relaxedSimd && !features_.relaxedSimd)
    return InputError(inst.offset, "illegal opcode %s: relaxed SIMD is off (-W relaxed-simd=n)",
                      OpcodeName(inst.opcode));
  if (OpcodePrefix(inst.opcode) == 0xFE && !features_.threads)
    return InputError(inst.offset, "illegal opcode %s: threads are off (-W threads=n)", OpcodeName(inst.opcode));
  return absl::OkStatus();
}

absl::StatusOr<ValType> FunctionValidator::tableType(const Instruction& inst, uint32_t index) const {
  if (index >= m_.tables.size()) return InputError(inst.offset, "unknown table %u", index);
  return m_.tables[index].elemType;
}

absl::StatusOr<ValType> FunctionValidator::elemType(const Instruction& inst, uint32_t index) const {
  if (index >= m_.elems.size()) return InputError(inst.offset, "unknown elem segment %u", index);
  return m_.elems[index].elemType;
}

absl::Status FunctionValidator::needDataSegment(const Instruction& inst, uint32_t index) const {
  // Without a data count section the index is checked against the data
  // section first, so the more specific error wins.
  uint32_t count = m_.dataCount ? *m_.dataCount : uint32_t(m_.datas.size());
  if (index >= count) return InputError(inst.offset, "unknown data segment %u", index);
  if (!m_.dataCount) return InputError(inst.offset, "data count section required for %s", OpcodeName(inst.opcode));
  return absl::OkStatus();
}

absl::Status FunctionValidator::check(const Instruction& inst) {
  const OpTypes& types = kOpTypes.ops[size_t(inst.opcode)];
  if (types.kind != OpTypes::Other) return checkFixed(inst, types);
  switch (inst.opcode) {
    case Opcode::Unreachable:
    case Opcode::Nop:
    case Opcode::Block:
    case Opcode::Loop:
    case Opcode::If:
    case Opcode::Else:
    case Opcode::End:
    case Opcode::Br:
    case Opcode::BrIf:
    case Opcode::BrTable:
    case Opcode::Return:
    case Opcode::Call:
    case Opcode::CallIndirect:
    case Opcode::ReturnCall:
    case Opcode::ReturnCallIndirect: return checkControl(inst);
    case Opcode::Drop:
    case Opcode::Select:
    case Opcode::SelectT: return checkParametric(inst);
    case Opcode::LocalGet:
    case Opcode::LocalSet:
    case Opcode::LocalTee:
    case Opcode::GlobalGet:
    case Opcode::GlobalSet: return checkVariable(inst);
    case Opcode::TableGet:
    case Opcode::TableSet:
    case Opcode::TableInit:
    case Opcode::ElemDrop:
    case Opcode::TableCopy:
    case Opcode::TableGrow:
    case Opcode::TableSize:
    case Opcode::TableFill: return checkTableOp(inst);
    case Opcode::MemorySize:
    case Opcode::MemoryGrow:
    case Opcode::MemoryInit:
    case Opcode::DataDrop:
    case Opcode::MemoryCopy:
    case Opcode::MemoryFill: return checkMemoryOp(inst);
    case Opcode::RefNull:
    case Opcode::RefIsNull:
    case Opcode::RefFunc: return checkReference(inst);
    case Opcode::I32Const: push(ValType::I32); return absl::OkStatus();
    case Opcode::I64Const: push(ValType::I64); return absl::OkStatus();
    case Opcode::F32Const: push(ValType::F32); return absl::OkStatus();
    case Opcode::F64Const: push(ValType::F64); return absl::OkStatus();
    case Opcode::V128Const: push(ValType::V128); return absl::OkStatus();
    case Opcode::AtomicFence: return absl::OkStatus();
    default: return InputError(inst.offset, "internal error: no typing rule for %s", OpcodeName(inst.opcode));
  }
}

// Numeric, SIMD, load and store instructions: fixed operand and result types.
absl::Status FunctionValidator::checkFixed(const Instruction& inst, const OpTypes& types) {
  ValType params[3];
  std::copy(types.params, types.params + types.numParams, params);
  if (types.kind == OpTypes::Memory) {
    WACC_RETURN_IF_ERROR(needMemory(inst, inst.memArg.memoryIndex));
    if (inst.memArg.alignLog2 > types.alignLog2)
      return InputError(inst.offset, "alignment must not be larger than natural (2**%u > %u bytes for %s)",
                        inst.memArg.alignLog2, 1u << types.alignLog2, OpcodeName(inst.opcode));
    if (types.atomic && inst.memArg.alignLog2 != types.alignLog2)
      return InputError(inst.offset, "alignment must be equal to natural (2**%u, not 2**%u, for %s)", types.alignLog2,
                        inst.memArg.alignLog2, OpcodeName(inst.opcode));
    // The address, always the first operand, is the memory's address type,
    // and the offset must fit it.
    params[0] = addressType(inst.memArg.memoryIndex);
    if (params[0] == ValType::I32 && inst.memArg.offset > UINT32_MAX)
      return InputError(inst.offset, "offset out of range: %u does not fit a 32-bit memory's address",
                        inst.memArg.offset);
  }
  if (types.lanes && inst.lane >= types.lanes)
    return InputError(inst.offset, "invalid lane index %u for %s", inst.lane, OpcodeName(inst.opcode));
  if (inst.opcode == Opcode::I8x16Shuffle) {
    for (uint8_t lane : inst.v128)
      if (lane >= 32) return InputError(inst.offset, "invalid lane index %u for i8x16.shuffle", lane);
  }
  WACC_RETURN_IF_ERROR(popAll(inst, std::span<const ValType>(params, types.numParams)));
  if (types.numResults) push(types.result);
  return absl::OkStatus();
}

absl::Status FunctionValidator::checkControl(const Instruction& inst) {
  switch (inst.opcode) {
    case Opcode::Unreachable: setUnreachable(); return absl::OkStatus();
    case Opcode::Nop: return absl::OkStatus();
    case Opcode::Block:
    case Opcode::Loop:
    case Opcode::If: {
      std::span<const ValType> params, results;
      WACC_RETURN_IF_ERROR(blockSignature(inst, params, results));
      if (inst.opcode == Opcode::If) WACC_RETURN_IF_ERROR(pop(inst, ValType::I32).status());
      WACC_RETURN_IF_ERROR(popAll(inst, params));
      pushFrame(inst.opcode, params, results);
      return absl::OkStatus();
    }
    case Opcode::Else: {
      if (frames_.back().opcode != Opcode::If) return InputError(inst.offset, "else without a matching if");
      WACC_ASSIGN_OR_RETURN(Frame frame, popFrame(inst));
      pushFrame(Opcode::Else, frame.params, frame.results);
      return absl::OkStatus();
    }
    case Opcode::End: {
      WACC_ASSIGN_OR_RETURN(Frame frame, popFrame(inst));
      // An `if` without `else` passes its parameters through as results.
      if (frame.opcode == Opcode::If &&
          !std::equal(frame.params.begin(), frame.params.end(), frame.results.begin(), frame.results.end()))
        return InputError(inst.offset, "type mismatch: if without else must have matching parameters and results");
      pushAll(frame.results);
      return absl::OkStatus();
    }
    case Opcode::Br: {
      WACC_ASSIGN_OR_RETURN(const Frame* target, label(inst, inst.index));
      WACC_RETURN_IF_ERROR(popAll(inst, target->labelTypes()));
      setUnreachable();
      return absl::OkStatus();
    }
    case Opcode::BrIf: {
      WACC_RETURN_IF_ERROR(pop(inst, ValType::I32).status());
      WACC_ASSIGN_OR_RETURN(const Frame* target, label(inst, inst.index));
      std::span<const ValType> types = target->labelTypes();
      WACC_RETURN_IF_ERROR(popAll(inst, types));
      pushAll(types);
      return absl::OkStatus();
    }
    case Opcode::BrTable: return checkBranchTable(inst);
    case Opcode::Return:
      WACC_RETURN_IF_ERROR(popAll(inst, type_.results));
      setUnreachable();
      return absl::OkStatus();
    case Opcode::Call:
    case Opcode::ReturnCall: {
      if (inst.index >= m_.funcs.size()) return InputError(inst.offset, "unknown function %u", inst.index);
      const FuncType& callee = m_.funcType(inst.index);
      WACC_RETURN_IF_ERROR(popAll(inst, callee.params));
      if (inst.opcode == Opcode::ReturnCall) return checkTailCallResults(inst, callee);
      pushAll(callee.results);
      return absl::OkStatus();
    }
    case Opcode::CallIndirect:
    case Opcode::ReturnCallIndirect: {
      WACC_ASSIGN_OR_RETURN(ValType table, tableType(inst, inst.index2));
      if (table != ValType::FuncRef)
        return InputError(inst.offset, "type mismatch: %s through a table of %s", OpcodeName(inst.opcode),
                          ValTypeName(table));
      if (inst.index >= m_.types.size()) return InputError(inst.offset, "unknown type %u", inst.index);
      const FuncType& callee = m_.types[inst.index];
      WACC_RETURN_IF_ERROR(pop(inst, ValType::I32).status());
      WACC_RETURN_IF_ERROR(popAll(inst, callee.params));
      if (inst.opcode == Opcode::ReturnCallIndirect) return checkTailCallResults(inst, callee);
      pushAll(callee.results);
      return absl::OkStatus();
    }
    default: return absl::OkStatus();
  }
}

// A tail call returns the callee's results as the caller's own (the
// tail-call proposal; WebAssembly 3.0): they must be the same types, and
// like `return` it ends the block's reachable code.
absl::Status FunctionValidator::checkTailCallResults(const Instruction& inst, const FuncType& callee) {
  if (callee.results != type_.results)
    return InputError(inst.offset, "type mismatch: %s to a function whose results are not the caller's",
                      OpcodeName(inst.opcode));
  setUnreachable();
  return absl::OkStatus();
}

// Every target must take as many values as the default; the operands are
// checked against each target's types in turn (the values stay on the stack).
absl::Status FunctionValidator::checkBranchTable(const Instruction& inst) {
  WACC_RETURN_IF_ERROR(pop(inst, ValType::I32).status());
  WACC_ASSIGN_OR_RETURN(const Frame* fallback, label(inst, inst.brTableTargets.back()));
  size_t arity = fallback->labelTypes().size();
  for (uint32_t depth : inst.brTableTargets) {
    WACC_ASSIGN_OR_RETURN(const Frame* target, label(inst, depth));
    std::span<const ValType> types = target->labelTypes();
    if (types.size() != arity)
      return InputError(inst.offset, "type mismatch: br_table targets have different arities (%u and %u)", types.size(),
                        arity);
    scratch_.clear();
    for (size_t i = types.size(); i-- > 0;) {
      WACC_ASSIGN_OR_RETURN(ValType actual, pop(inst, types[i]));
      scratch_.push_back(actual);
    }
    vals_.insert(vals_.end(), scratch_.rbegin(), scratch_.rend());
  }
  WACC_RETURN_IF_ERROR(popAll(inst, fallback->labelTypes()));
  setUnreachable();
  return absl::OkStatus();
}

absl::Status FunctionValidator::checkParametric(const Instruction& inst) {
  switch (inst.opcode) {
    case Opcode::Drop: return pop(inst).status();
    case Opcode::Select: {
      WACC_RETURN_IF_ERROR(pop(inst, ValType::I32).status());
      WACC_ASSIGN_OR_RETURN(ValType t1, pop(inst));
      WACC_ASSIGN_OR_RETURN(ValType t2, pop(inst));
      if (!((IsNum(t1) && IsNum(t2)) || (IsVec(t1) && IsVec(t2))))
        return InputError(inst.offset, "type mismatch: select without a type needs numeric or vector operands");
      if (t1 != t2 && t1 != kUnknown && t2 != kUnknown)
        return InputError(inst.offset, "type mismatch: select operands %s and %s differ", TypeName(t1), TypeName(t2));
      push(t1 == kUnknown ? t2 : t1);
      return absl::OkStatus();
    }
    case Opcode::SelectT: {
      WACC_RETURN_IF_ERROR(pop(inst, ValType::I32).status());
      WACC_RETURN_IF_ERROR(pop(inst, inst.refType).status());
      WACC_RETURN_IF_ERROR(pop(inst, inst.refType).status());
      push(inst.refType);
      return absl::OkStatus();
    }
    default: return absl::OkStatus();
  }
}

absl::Status FunctionValidator::checkVariable(const Instruction& inst) {
  switch (inst.opcode) {
    case Opcode::LocalGet:
    case Opcode::LocalSet:
    case Opcode::LocalTee: {
      if (inst.index >= locals_.size()) return InputError(inst.offset, "unknown local %u", inst.index);
      ValType t = locals_[inst.index];
      if (inst.opcode != Opcode::LocalGet) WACC_RETURN_IF_ERROR(pop(inst, t).status());
      if (inst.opcode != Opcode::LocalSet) push(t);
      return absl::OkStatus();
    }
    default: {
      if (inst.index >= m_.globals.size()) return InputError(inst.offset, "unknown global %u", inst.index);
      const GlobalType& global = m_.globals[inst.index];
      if (inst.opcode == Opcode::GlobalGet) {
        push(global.type);
        return absl::OkStatus();
      }
      if (!global.isMutable) return InputError(inst.offset, "global is immutable: global.set %u", inst.index);
      return pop(inst, global.type).status();
    }
  }
}

absl::Status FunctionValidator::checkTableOp(const Instruction& inst) {
  constexpr ValType i32 = ValType::I32;
  switch (inst.opcode) {
    case Opcode::TableGet: {
      WACC_ASSIGN_OR_RETURN(ValType t, tableType(inst, inst.index));
      WACC_RETURN_IF_ERROR(pop(inst, i32).status());
      push(t);
      return absl::OkStatus();
    }
    case Opcode::TableSet: {
      WACC_ASSIGN_OR_RETURN(ValType t, tableType(inst, inst.index));
      WACC_RETURN_IF_ERROR(pop(inst, t).status());
      return pop(inst, i32).status();
    }
    case Opcode::TableSize: {
      WACC_RETURN_IF_ERROR(tableType(inst, inst.index).status());
      push(i32);
      return absl::OkStatus();
    }
    case Opcode::TableGrow: {
      WACC_ASSIGN_OR_RETURN(ValType t, tableType(inst, inst.index));
      WACC_RETURN_IF_ERROR(pop(inst, i32).status());
      WACC_RETURN_IF_ERROR(pop(inst, t).status());
      push(i32);
      return absl::OkStatus();
    }
    case Opcode::TableFill: {
      WACC_ASSIGN_OR_RETURN(ValType t, tableType(inst, inst.index));
      WACC_RETURN_IF_ERROR(pop(inst, i32).status());
      WACC_RETURN_IF_ERROR(pop(inst, t).status());
      return pop(inst, i32).status();
    }
    case Opcode::TableCopy: {
      WACC_ASSIGN_OR_RETURN(ValType dst, tableType(inst, inst.index));
      WACC_ASSIGN_OR_RETURN(ValType src, tableType(inst, inst.index2));
      if (dst != src)
        return InputError(inst.offset, "type mismatch: table.copy from %s to %s", ValTypeName(src), ValTypeName(dst));
      return popAll(inst, std::array{i32, i32, i32});
    }
    case Opcode::TableInit: {
      WACC_ASSIGN_OR_RETURN(ValType table, tableType(inst, inst.index2));
      WACC_ASSIGN_OR_RETURN(ValType segment, elemType(inst, inst.index));
      if (segment != table)
        return InputError(inst.offset, "type mismatch: table.init of %s into a table of %s", ValTypeName(segment),
                          ValTypeName(table));
      return popAll(inst, std::array{i32, i32, i32});
    }
    case Opcode::ElemDrop: return elemType(inst, inst.index).status();
    default: return absl::OkStatus();
  }
}

absl::Status FunctionValidator::checkMemoryOp(const Instruction& inst) {
  constexpr ValType i32 = ValType::I32;
  if (inst.opcode == Opcode::DataDrop) return needDataSegment(inst, inst.index);
  // memory.init's memory is its second index; memory.copy's are both.
  WACC_RETURN_IF_ERROR(needMemory(inst, inst.opcode == Opcode::MemoryInit ? inst.index2 : inst.index));
  if (inst.opcode == Opcode::MemoryCopy) WACC_RETURN_IF_ERROR(needMemory(inst, inst.index2));
  // Addresses and sizes in memory are of the memory's address type; a copy
  // between an i32 and an i64 memory counts bytes with i32.
  switch (inst.opcode) {
    case Opcode::MemorySize: push(addressType(inst.index)); return absl::OkStatus();
    case Opcode::MemoryGrow:
      WACC_RETURN_IF_ERROR(pop(inst, addressType(inst.index)).status());
      push(addressType(inst.index));
      return absl::OkStatus();
    case Opcode::MemoryInit:
      WACC_RETURN_IF_ERROR(needDataSegment(inst, inst.index));
      return popAll(inst, std::array{addressType(inst.index2), i32, i32});
    case Opcode::MemoryCopy: {
      ValType to = addressType(inst.index), from = addressType(inst.index2);
      return popAll(inst, std::array{to, from, to == ValType::I64 && from == ValType::I64 ? ValType::I64 : i32});
    }
    case Opcode::MemoryFill: {
      ValType at = addressType(inst.index);
      return popAll(inst, std::array{at, i32, at});
    }
    default: return absl::OkStatus();
  }
}

absl::Status FunctionValidator::checkReference(const Instruction& inst) {
  switch (inst.opcode) {
    case Opcode::RefNull: push(inst.refType); return absl::OkStatus();
    case Opcode::RefIsNull: {
      WACC_ASSIGN_OR_RETURN(ValType t, pop(inst));
      if (t != kUnknown && !IsRefType(t))
        return InputError(inst.offset, "type mismatch: ref.is_null expects a reference but found %s", TypeName(t));
      push(ValType::I32);
      return absl::OkStatus();
    }
    case Opcode::RefFunc:
      if (inst.index >= m_.funcs.size()) return InputError(inst.offset, "unknown function %u", inst.index);
      if (!declared_.contains(inst.index))
        return InputError(inst.offset, "undeclared function reference %u", inst.index);
      push(ValType::FuncRef);
      return absl::OkStatus();
    default: return absl::OkStatus();
  }
}

}  // namespace

absl::Status ValidateFunctionBody(const CoreModule& module, uint32_t funcIndex,
                                  const absl::flat_hash_set<uint32_t>& declaredFuncs, const Features& features) {
  return FunctionValidator(module, funcIndex, declaredFuncs, features).validate();
}

}  // namespace wacc::binary

#include "compiler/wast/WastProgram.h"

#include <charconv>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "llvm/IR/IRBuilder.h"

namespace wacc::wast {

namespace {

// Words per report line (the runtime's line holds 8 KiB).
constexpr uint32_t kWordsPerLine = 256;

// void report_memory(i32 command, i32 from, i32 to): the driver's memory
// [from, to) in memory lines.
llvm::Function* EmitReportMemory(llvm::Module& m, lower::RuntimeABI& rt, llvm::GlobalVariable* memory) {
  auto& c = m.getContext();
  llvm::IRBuilder<> b(c);
  auto* i32 = b.getInt32Ty();
  llvm::Function* f = llvm::Function::Create(llvm::FunctionType::get(b.getVoidTy(), {i32, i32, i32}, false),
                                             llvm::GlobalValue::InternalLinkage, "wast.report_memory", m);
  auto* entry = llvm::BasicBlock::Create(c, "entry", f);
  auto* loop = llvm::BasicBlock::Create(c, "loop", f);
  auto* body = llvm::BasicBlock::Create(c, "body", f);
  auto* done = llvm::BasicBlock::Create(c, "done", f);
  b.SetInsertPoint(entry);
  llvm::Value* base =
      b.CreateLoad(b.getPtrTy(), b.CreateStructGEP(rt.memoryType(), memory, lower::RuntimeABI::kMemoryBase));
  llvm::Value* from = f->getArg(1);
  llvm::Value* words = b.CreateLShr(b.CreateAdd(b.CreateSub(f->getArg(2), from), b.getInt32(7)), 3);
  llvm::Value* start = b.CreateGEP(b.getInt8Ty(), base, b.CreateZExt(from, b.getInt64Ty()));
  b.CreateBr(loop);
  b.SetInsertPoint(loop);
  llvm::PHINode* i = b.CreatePHI(i32, 2);
  i->addIncoming(b.getInt32(0), entry);
  b.CreateCondBr(b.CreateICmpULT(i, words), body, done);
  b.SetInsertPoint(body);
  llvm::Value* left = b.CreateSub(words, i);
  llvm::Value* count =
      b.CreateSelect(b.CreateICmpULT(left, b.getInt32(kWordsPerLine)), left, b.getInt32(kWordsPerLine));
  llvm::Value* at = b.CreateGEP(b.getInt64Ty(), start, b.CreateZExt(i, b.getInt64Ty()));
  b.CreateCall(rt.spectestReport(), {f->getArg(0), b.getInt32(kMemoryLine), at, count});
  i->addIncoming(b.CreateAdd(i, count), body);
  b.CreateBr(loop);
  b.SetInsertPoint(done);
  b.CreateRetVoid();
  return f;
}

}  // namespace

void AddDriver(llvm::Module& m, const codegen::ExportCallers& callers, uint32_t instantiateCommand,
               const std::vector<CallStep>& steps) {
  auto& c = m.getContext();
  lower::RuntimeABI rt(m);
  llvm::IRBuilder<> b(c);
  auto* i32 = b.getInt32Ty();
  auto* thunkType = llvm::FunctionType::get(b.getVoidTy(), {b.getPtrTy()}, false);
  llvm::Function* reportMemory = EmitReportMemory(m, rt, callers.memory);

  llvm::Function* main =
      llvm::Function::Create(llvm::FunctionType::get(i32, false), llvm::GlobalValue::ExternalLinkage, "wacc_main", m);
  llvm::IRBuilder<> mb(llvm::BasicBlock::Create(c, "entry", main));
  // The driver's memory: 256 MiB up front (untouched pages cost nothing),
  // so the bump allocator never has to grow it.
  mb.CreateCall(rt.memoryInit(), {callers.memory, mb.getInt64(4096), mb.getInt64(65536)});
  llvm::Value* nullArg = llvm::ConstantPointerNull::get(mb.getPtrTy());

  // Instantiation; nothing else runs if it traps.
  llvm::Function* instantiate =
      llvm::Function::Create(thunkType, llvm::GlobalValue::InternalLinkage, "wast.instantiate", m);
  {
    llvm::IRBuilder<> tb(llvm::BasicBlock::Create(c, "entry", instantiate));
    tb.CreateCall(callers.instantiate, {})->setIsNoInline();
    tb.CreateRetVoid();
  }
  llvm::Value* outcome = mb.CreateCall(rt.catchTrap(), {instantiate, nullArg});
  mb.CreateCall(rt.spectestReport(), {mb.getInt32(instantiateCommand), outcome, nullArg, mb.getInt32(0)});
  auto* run = llvm::BasicBlock::Create(c, "run", main);
  auto* stop = llvm::BasicBlock::Create(c, "stop", main);
  mb.CreateCondBr(mb.CreateICmpEQ(outcome, mb.getInt32(-1)), run, stop);
  mb.SetInsertPoint(stop);
  mb.CreateRet(mb.getInt32(0));
  mb.SetInsertPoint(run);

  llvm::AllocaInst* topSlot = nullptr;
  {
    llvm::IRBuilder<> eb(&main->getEntryBlock(), main->getEntryBlock().begin());
    topSlot = eb.CreateAlloca(mb.getInt64Ty());
  }
  for (size_t k = 0; k < steps.size(); ++k) {
    const CallStep& step = steps[k];
    llvm::Function* thunk =
        llvm::Function::Create(thunkType, llvm::GlobalValue::InternalLinkage, absl::StrCat("wast.call", k), m);
    llvm::IRBuilder<> tb(llvm::BasicBlock::Create(c, "entry", thunk));
    auto* data = llvm::ConstantDataArray::getString(c, step.image.bytes, false);
    auto* image = new llvm::GlobalVariable(m, data->getType(), true, llvm::GlobalValue::PrivateLinkage, data,
                                           absl::StrCat("wast.image", k));
    llvm::Value* base = tb.CreateLoad(
        tb.getPtrTy(), tb.CreateStructGEP(rt.memoryType(), callers.memory, lower::RuntimeABI::kMemoryBase));
    tb.CreateMemCpy(tb.CreateGEP(tb.getInt8Ty(), base, tb.getInt64(step.image.base)), llvm::MaybeAlign(1), image,
                    llvm::MaybeAlign(1), tb.getInt64(step.image.bytes.size()));
    tb.CreateStore(tb.getInt32(step.image.end()), callers.top);
    tb.CreateCall(callers.exports[step.exportIndex], {tb.getInt32(step.argsAddress), tb.getInt32(step.resultAddress)})
        ->setIsNoInline();
    tb.CreateRetVoid();

    llvm::Value* r = mb.CreateCall(rt.catchTrap(), {thunk, nullArg});
    llvm::Value* top = mb.CreateLoad(i32, callers.top);
    mb.CreateStore(mb.CreateZExt(top, mb.getInt64Ty()), topSlot);
    mb.CreateCall(rt.spectestReport(), {mb.getInt32(step.command), r, topSlot, mb.getInt32(1)});
    auto* returned = llvm::BasicBlock::Create(c, absl::StrCat("returned", k), main);
    auto* next = llvm::BasicBlock::Create(c, absl::StrCat("next", k), main);
    mb.CreateCondBr(mb.CreateICmpEQ(r, mb.getInt32(-1)), returned, next);
    mb.SetInsertPoint(returned);
    mb.CreateCall(reportMemory, {mb.getInt32(step.command), mb.getInt32(step.resultAddress), top});
    mb.CreateBr(next);
    mb.SetInsertPoint(next);
  }
  mb.CreateRet(mb.getInt32(0));
}

absl::flat_hash_map<uint32_t, Report> ParseReports(std::string_view output) {
  absl::flat_hash_map<uint32_t, Report> reports;
  for (absl::string_view line :
       absl::StrSplit(absl::string_view(output.data(), output.size()), '\n', absl::SkipEmpty())) {
    std::vector<absl::string_view> fields = absl::StrSplit(line, ' ', absl::SkipEmpty());
    if (fields.size() < 2) continue;
    uint32_t command = 0;
    int32_t outcome = 0;
    std::from_chars(fields[0].data(), fields[0].data() + fields[0].size(), command);
    std::from_chars(fields[1].data(), fields[1].data() + fields[1].size(), outcome);
    std::vector<uint64_t> words;
    for (size_t i = 2; i < fields.size(); ++i) {
      uint64_t w = 0;
      std::from_chars(fields[i].data(), fields[i].data() + fields[i].size(), w, 16);
      words.push_back(w);
    }
    Report& r = reports[command];
    if (outcome == kMemoryLine) {
      r.words.insert(r.words.end(), words.begin(), words.end());
    } else {
      r.outcome = outcome;
      if (!words.empty()) r.top = uint32_t(words[0]);
    }
  }
  return reports;
}

}  // namespace wacc::wast

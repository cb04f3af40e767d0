#include "compiler/codegen/ParallelCodeGen.h"

#include <algorithm>
#include <thread>

#include "absl/strings/str_cat.h"
#include "compiler/codegen/MachineCode.h"
#include "compiler/support/Status.h"
#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/Utils/SplitModule.h"

namespace wacc::codegen {

namespace {
// Below this many IR instructions one thread finishes before others start.
constexpr size_t kInstructionsPerPartition = 40000;
}  // namespace

unsigned CodeGenPartitions(const llvm::Module& module) {
  size_t instructions = 0;
  for (const llvm::Function& f : module) instructions += f.getInstructionCount();
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  return unsigned(std::clamp<size_t>(instructions / kInstructionsPerPartition, 1, std::min(cores, 8u)));
}

absl::Status EmitObjectsInParallel(llvm::Module& module, const TargetInfo& target, int optLevel,
                                   const std::string& cpu, const std::vector<std::string>& objectPaths) {
  // Partition in this thread: SplitModule works in `module`'s context.
  std::vector<llvm::SmallString<0>> bitcode;
  llvm::SplitModule(
      module, unsigned(objectPaths.size()),
      [&](std::unique_ptr<llvm::Module> part) {
        llvm::SmallString<0>& buffer = bitcode.emplace_back();
        llvm::raw_svector_ostream os(buffer);
        llvm::WriteBitcodeToFile(*part, os);
      },
      /*PreserveLocals=*/false);

  std::vector<absl::Status> results(bitcode.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < bitcode.size(); ++i) {
    threads.emplace_back([&, i] {
      llvm::LLVMContext context;
      auto buffer = llvm::MemoryBuffer::getMemBuffer(llvm::StringRef(bitcode[i].data(), bitcode[i].size()), "",
                                                     /*RequiresNullTerminator=*/false);
      auto part = llvm::parseBitcodeFile(*buffer, context);
      if (!part) {
        results[i] = absl::InternalError("re-reading a code generation partition failed");
        return;
      }
      auto machine = CreateTargetMachine(target, optLevel, cpu);
      if (!machine.ok()) {
        results[i] = machine.status();
        return;
      }
      std::error_code ec;
      llvm::raw_fd_ostream os(objectPaths[i], ec);
      if (ec) {
        results[i] = absl::PermissionDeniedError("cannot write a temporary object: " + ec.message());
        return;
      }
      results[i] = EmitMachineCode(**part, **machine, MachineCodeKind::Object, os);
    });
  }
  for (std::thread& t : threads) t.join();
  for (const absl::Status& s : results) WACC_RETURN_IF_ERROR(s);
  return absl::OkStatus();
}

}  // namespace wacc::codegen

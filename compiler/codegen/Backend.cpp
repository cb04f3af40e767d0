#include "compiler/codegen/Backend.h"

#include <algorithm>
#include <thread>

#include "compiler/codegen/FunctionNameTable.h"
#include "compiler/codegen/ModulePartitioner.h"
#include "compiler/codegen/Optimizer.h"
#include "compiler/support/Status.h"
#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

namespace wacc::codegen {

namespace {

// Unoptimised IR instructions below which one thread finishes before others
// would have started (the bitcode round trip costs about 10% of -O0).
constexpr size_t kInstructionsPerPartition = 100000;

absl::StatusOr<std::unique_ptr<llvm::TargetMachine>> MachineFor(llvm::Module& module, const BackendOptions& options) {
  WACC_ASSIGN_OR_RETURN(auto machine, CreateTargetMachine(options.target, options.optLevel, options.cpu));
  module.setTargetTriple(machine->getTargetTriple());
  module.setDataLayout(machine->createDataLayout());
  return machine;
}

// One partition (or the whole program): optimise, add the tables, emit.
absl::Status CompilePartition(llvm::Module& module, llvm::TargetMachine& machine, const BackendOptions& options,
                              bool first, const std::string& objectPath) {
  OptimizeModule(module, machine, options.optLevel);
  AddFunctionNameTable(module);
  if (first) AddCapabilityTable(module, options.capabilities);
  std::error_code ec;
  llvm::raw_fd_ostream os(objectPath, ec);
  if (ec) return absl::PermissionDeniedError("cannot write a temporary object: " + ec.message());
  return EmitMachineCode(module, machine, MachineCodeKind::Object, os);
}

absl::Status CompileLoadedPartition(llvm::StringRef bitcode, const ModulePartition& partition,
                                    const BackendOptions& options, bool first, const std::string& objectPath) {
  llvm::LLVMContext context;
  auto buffer = llvm::MemoryBuffer::getMemBuffer(bitcode, "", /*RequiresNullTerminator=*/false);
  auto lazy = llvm::getOwningLazyBitcodeModule(std::move(buffer), context);
  if (!lazy) return absl::InternalError("re-reading a partition failed: " + llvm::toString(lazy.takeError()));
  llvm::Module& module = **lazy;
  if (llvm::Error e = SelectPartition(module, partition))
    return absl::InternalError("materialising a partition failed: " + llvm::toString(std::move(e)));
  WACC_ASSIGN_OR_RETURN(auto machine, MachineFor(module, options));
  return CompilePartition(module, *machine, options, first, objectPath);
}

}  // namespace

unsigned BackendPartitions(const llvm::Module& module) {
  size_t instructions = 0;
  for (const llvm::Function& f : module) instructions += f.getInstructionCount();
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  return unsigned(std::clamp<size_t>(instructions / kInstructionsPerPartition, 1, std::min(cores, 8u)));
}

absl::StatusOr<std::unique_ptr<llvm::TargetMachine>> OptimizeWhole(llvm::Module& module,
                                                                   const BackendOptions& options) {
  WACC_ASSIGN_OR_RETURN(auto machine, MachineFor(module, options));
  OptimizeModule(module, *machine, options.optLevel);
  AddFunctionNameTable(module);
  AddCapabilityTable(module, options.capabilities);
  return machine;
}

absl::Status CompileToObjects(llvm::Module& module, const BackendOptions& options,
                              const std::vector<std::string>& objectPaths) {
  if (objectPaths.size() == 1) {
    WACC_ASSIGN_OR_RETURN(auto machine, MachineFor(module, options));
    return CompilePartition(module, *machine, options, /*first=*/true, objectPaths[0]);
  }
  std::vector<ModulePartition> partitions =
      PartitionModule(module, unsigned(objectPaths.size()), /*importForInlining=*/options.optLevel > 0);
  llvm::SmallString<0> bitcode;
  {
    llvm::raw_svector_ostream os(bitcode);
    llvm::WriteBitcodeToFile(module, os);
  }
  std::vector<absl::Status> results(partitions.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < partitions.size(); ++i)
    threads.emplace_back(
        [&, i] { results[i] = CompileLoadedPartition(bitcode, partitions[i], options, i == 0, objectPaths[i]); });
  for (std::thread& t : threads) t.join();
  for (const absl::Status& s : results) WACC_RETURN_IF_ERROR(s);
  return absl::OkStatus();
}

}  // namespace wacc::codegen

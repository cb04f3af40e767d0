#include "compiler/codegen/Backend.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <thread>
#ifdef __GLIBC__
#include <malloc.h>
#endif

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
// The most unoptimised IR instructions one partition gets, whatever the
// threads: a partition's memory at -O2 is about 1 KiB per instruction (its
// IR, analyses and the machine code of the function being compiled), and
// the threads' partitions are in memory at once beside the bitcode.
constexpr size_t kMaxInstructionsPerPartition = 400000;
// Wasm code above which a program is translated a partition at a time
// (PartitionStream.h): its whole module would need about 190 bytes an
// instruction, 0.8 instructions a byte of code, beside the partitions being
// compiled. Below it, translation as one module partitions it better (all
// of it known: symmetric copies for inlining, variables with their users).
constexpr uint64_t kStreamedCodeBytes = 2 << 20;

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

// `module` (the partitioned module, or a lazily read copy of it) made into
// `partition` and compiled.
absl::Status SelectAndCompilePartition(llvm::Module& module, const ModulePartition& partition,
                                       const BackendOptions& options, bool first, const std::string& objectPath) {
  if (llvm::Error e = SelectPartition(module, partition))
    return absl::InternalError("materialising a partition failed: " + llvm::toString(std::move(e)));
  WACC_ASSIGN_OR_RETURN(auto machine, MachineFor(module, options));
  return CompilePartition(module, *machine, options, first, objectPath);
}

absl::Status CompileLoadedPartition(llvm::StringRef bitcode, const ModulePartition& partition,
                                    const BackendOptions& options, bool first, const std::string& objectPath) {
  llvm::LLVMContext context;
  auto buffer = llvm::MemoryBuffer::getMemBuffer(bitcode, "", /*RequiresNullTerminator=*/false);
  auto lazy = llvm::getOwningLazyBitcodeModule(std::move(buffer), context);
  if (!lazy) return absl::InternalError("re-reading a partition failed: " + llvm::toString(lazy.takeError()));
  return SelectAndCompilePartition(**lazy, partition, options, first, objectPath);
}

// Runs `work` on `threadCount` threads, each taking the next item when done.
absl::Status RunWork(const std::vector<std::function<absl::Status()>>& work, unsigned threadCount) {
  std::vector<absl::Status> results(work.size());
  std::atomic<size_t> next = 0;
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < threadCount; ++t)
    threads.emplace_back([&] {
      for (size_t i; (i = next.fetch_add(1)) < work.size();) results[i] = work[i]();
    });
  for (std::thread& t : threads) t.join();
  for (const absl::Status& s : results) WACC_RETURN_IF_ERROR(s);
  return absl::OkStatus();
}

}  // namespace

size_t StreamedPartitionInstructions(uint64_t codeBytes) {
  return codeBytes > kStreamedCodeBytes ? kMaxInstructionsPerPartition : 0;
}

unsigned BackendThreads(const BackendOptions& options) {
  if (options.jobs > 0) return options.jobs;
  return std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
}

unsigned BackendPartitions(const llvm::Module& module, unsigned threads) {
  size_t instructions = 0;
  for (const llvm::Function& f : module) instructions += f.getInstructionCount();
  size_t forThreads = std::clamp<size_t>(instructions / kInstructionsPerPartition, 1, std::max(threads, 1u));
  size_t forMemory = (instructions + kMaxInstructionsPerPartition - 1) / kMaxInstructionsPerPartition;
  return unsigned(std::clamp<size_t>(std::max(forThreads, forMemory), 1, 64));
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
  // Copies for inlining only where an inliner runs: -O1's pipeline has
  // none (Optimizer.cpp), so they would be optimised and thrown away.
  std::vector<ModulePartition> partitions =
      PartitionModule(module, unsigned(objectPaths.size()), /*importForInlining=*/options.optLevel >= 2);
  llvm::SmallString<0> bitcode;
  {
    llvm::raw_svector_ostream os(bitcode);
    llvm::WriteBitcodeToFile(module, os);
  }
  // The work: the partitions in order, the first compiled in the module
  // itself, which nothing needs once the bitcode is written, rather than
  // read back from it. That read is the costly one (the data no code uses
  // lives in the first partition), and SelectPartition's deleting the other
  // partitions' bodies costs a tenth of it: SQLite at -O1, 0.32 s of a
  // thread's CPU against 0.035 s; the compile 4% less CPU and 55 MiB less
  // memory (bench/NOTES.md, session 11). It is the first whatever the
  // threads, so they still do not change the executable (bitcode does not
  // keep use-list order, so a partition read back can compile slightly
  // differently). When the partitions outnumber the threads (a program
  // whose memory matters), its bodies are dropped once it is compiled, as
  // the read-back partitions' contexts are freed. The freed memory is
  // scattered over the main thread's heap, which the workers do not
  // allocate from: malloc_trim hands its pages back.
  unsigned threadCount = std::min<unsigned>(BackendThreads(options), unsigned(partitions.size()));
  bool dropWhenDone = partitions.size() > threadCount;
  std::vector<std::function<absl::Status()>> work;
  work.push_back([&] {
    absl::Status compiled = SelectAndCompilePartition(module, partitions[0], options, /*first=*/true, objectPaths[0]);
    if (dropWhenDone) {
      for (llvm::Function& f : module) f.deleteBody();
#ifdef __GLIBC__
      malloc_trim(0);
#endif
    }
    return compiled;
  });
  for (size_t i = 1; i < partitions.size(); ++i)
    work.push_back([&, i] { return CompileLoadedPartition(bitcode, partitions[i], options, false, objectPaths[i]); });
  return RunWork(work, threadCount);
}

absl::Status CompilePartitions(std::vector<PartitionBitcode>& partitions, const BackendOptions& options,
                               const std::vector<std::string>& objectPaths) {
  std::vector<std::function<absl::Status()>> work;
  for (size_t i = 0; i < partitions.size(); ++i)
    work.push_back([&, i] {
      absl::Status s =
          CompileLoadedPartition(partitions[i].bitcode, partitions[i].partition, options, i == 0, objectPaths[i]);
      llvm::SmallString<0>().swap(partitions[i].bitcode);
      return s;
    });
  return RunWork(work, std::min<unsigned>(BackendThreads(options), unsigned(partitions.size())));
}

}  // namespace wacc::codegen

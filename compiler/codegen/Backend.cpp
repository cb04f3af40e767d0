#include "compiler/codegen/Backend.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
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
#include "llvm/ADT/STLExtras.h"
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
// At -O0 and -O1 a partition is compiled as soon as it is cut, while the
// rest is translated (PartitionStream.h), so translation no longer runs
// alone: programs above this much code are streamed, in partitions small
// enough for the first to start early and for the threads to share the rest
// evenly, but no more than kFastMostPartitions of them: every partition's
// bitcode declares the whole program (the JavaScript engine's 121 partitions
// of 60,000 instructions wrote 328 MiB of bitcode, its 19 of 400,000 90 MiB,
// and compiled 14% faster). SQLite at -O0: 1.9 -> 0.9 s (bench/NOTES.md,
// session 13).
constexpr uint64_t kFastStreamedCodeBytes = 150 << 10;
constexpr size_t kFastInstructionsPerPartition = 60000;
constexpr size_t kFastMostPartitions = 16;
// Unoptimised IR instructions per byte of wasm code, on average.
constexpr double kInstructionsPerCodeByte = 0.8;

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

// The module's bitcode for the partitions after the first, which are read
// back from it: the first is compiled in the module itself (below), so its
// function bodies and the variables only it defines (the data no code uses
// among them) are left out, written as the hidden declarations they are in
// the other partitions. The bodies are moved aside into functions of a
// scratch module while the writer runs and moved back after: a block moves
// with its instructions, so the first partition compiles as before. SQLite
// at -O1: the write 0.4 -> 0.2 s, and the second partition's read parses no
// data (bench/NOTES.md, session 12).
void WriteLaterPartitions(llvm::Module& module, const std::vector<ModulePartition>& partitions,
                          llvm::SmallString<0>& bitcode) {
  auto usedLater = [&](const std::string& name) {
    for (size_t p = 1; p < partitions.size(); ++p)
      if (partitions[p].defined.contains(name) || partitions[p].imported.contains(name)) return true;
    return false;
  };
  struct Withheld {
    llvm::GlobalObject* object;
    llvm::Function* holder;        // the body's blocks, for a function
    llvm::Constant* initializer;   // for a variable
    llvm::GlobalValue::LinkageTypes linkage;
    llvm::GlobalValue::VisibilityTypes visibility;
  };
  std::vector<Withheld> withheld;
  llvm::Module scratch("withheld bodies", module.getContext());
  auto declare = [](llvm::GlobalValue& g) {
    g.setLinkage(llvm::GlobalValue::ExternalLinkage);
    g.setVisibility(llvm::GlobalValue::HiddenVisibility);
  };
  for (llvm::Function& f : module) {
    // A block whose address is taken stays: its blockaddress names the function.
    if (f.isDeclaration() || !partitions[0].defined.contains(f.getName().str()) || usedLater(f.getName().str()) ||
        llvm::any_of(f, [](const llvm::BasicBlock& b) { return b.hasAddressTaken(); }))
      continue;
    llvm::Function* holder =
        llvm::Function::Create(f.getFunctionType(), llvm::GlobalValue::ExternalLinkage, "", &scratch);
    holder->splice(holder->end(), &f);
    withheld.push_back({&f, holder, nullptr, f.getLinkage(), f.getVisibility()});
    declare(f);
  }
  for (llvm::GlobalVariable& g : module.globals()) {
    if (!g.hasInitializer() || !partitions[0].defined.contains(g.getName().str()) || usedLater(g.getName().str()))
      continue;
    withheld.push_back({&g, nullptr, g.getInitializer(), g.getLinkage(), g.getVisibility()});
    g.setInitializer(nullptr);
    declare(g);
  }
  {
    llvm::raw_svector_ostream os(bitcode);
    llvm::WriteBitcodeToFile(module, os);
  }
  for (const Withheld& w : withheld) {
    if (auto* f = llvm::dyn_cast<llvm::Function>(w.object)) {
      f->splice(f->end(), w.holder);
      f->renumberBlocks();  // dense block numbers again, as the analyses size their tables by them
    } else {
      llvm::cast<llvm::GlobalVariable>(w.object)->setInitializer(w.initializer);
    }
    w.object->setLinkage(w.linkage);
    w.object->setVisibility(w.visibility);
  }
}

}  // namespace

// Jobs run in the order added by a few threads: workers started on demand,
// and the caller's thread in finish().
class CompileJobs {
 public:
  ~CompileJobs() {  // stops the workers, leaving the jobs they have not begun
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_all();
    for (std::thread& t : workers_) t.join();
  }

  void add(std::function<absl::Status()> run) {
    {
      std::lock_guard lock(mutex_);
      jobs_.push_back({std::move(run), absl::OkStatus()});
    }
    ready_.notify_one();
  }

  // Until `threads` run jobs, counting the caller's (in finish()).
  void start(unsigned threads) {
    while (workers_.size() + 1 < threads) workers_.emplace_back([this] { work(); });
  }

  // Once every job is added: runs them on `threads` threads, this one among
  // them; the first job's error, in order, if any.
  absl::Status finish(unsigned threads) {
    start(threads);
    {
      std::lock_guard lock(mutex_);
      finishing_ = true;
    }
    ready_.notify_all();
    work();
    for (std::thread& t : workers_) t.join();
    workers_.clear();
    for (const Job& job : jobs_) WACC_RETURN_IF_ERROR(job.result);
    return absl::OkStatus();
  }

  size_t size() const { return jobs_.size(); }
  unsigned threadsUsed() const { return threadsUsed_; }

 private:
  struct Job {
    std::function<absl::Status()> run;
    absl::Status result;
  };

  // Takes the next job until there is none and none will come (or the
  // compilation stops).
  void work() {
    std::unique_lock lock(mutex_);
    bool counted = false;
    for (;;) {
      ready_.wait(lock, [&] { return stopping_ || next_ < jobs_.size() || finishing_; });
      if (stopping_ || next_ == jobs_.size()) return;
      Job& job = jobs_[next_++];  // in place: a deque's elements do not move
      if (!counted) ++threadsUsed_, counted = true;
      lock.unlock();
      absl::Status result = job.run();
      lock.lock();
      job.result = std::move(result);
    }
  }

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Job> jobs_;
  size_t next_ = 0;         // the first job no thread has taken
  bool finishing_ = false;  // every job is added
  bool stopping_ = false;   // the compilation failed: take no more
  std::vector<std::thread> workers_;
  unsigned threadsUsed_ = 0;
};

size_t StreamedPartitionInstructions(uint64_t codeBytes, int optLevel) {
  if (optLevel <= 1) {
    if (codeBytes <= kFastStreamedCodeBytes) return 0;
    size_t instructions = size_t(double(codeBytes) * kInstructionsPerCodeByte);
    return std::clamp(instructions / kFastMostPartitions, kFastInstructionsPerPartition, kMaxInstructionsPerPartition);
  }
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
  WriteLaterPartitions(module, partitions, bitcode);
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
  CompileJobs jobs;
  jobs.add([&] {
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
    jobs.add([&, i] { return CompileLoadedPartition(bitcode, partitions[i], options, false, objectPaths[i]); });
  return jobs.finish(threadCount);
}

PartitionCompiler::PartitionCompiler(const BackendOptions& options)
    : options_(options), jobs_(std::make_unique<CompileJobs>()) {}

PartitionCompiler::~PartitionCompiler() = default;

void PartitionCompiler::start() { jobs_->start(BackendThreads(options_)); }

void PartitionCompiler::add(PartitionBitcode partition, std::string objectPath) {
  auto owned = std::make_shared<PartitionBitcode>(std::move(partition));
  jobs_->add([this, owned, objectPath = std::move(objectPath), first = jobs_->size() == 0] {
    absl::Status compiled = CompileLoadedPartition(owned->bitcode, owned->partition, options_, first, objectPath);
    llvm::SmallString<0>().swap(owned->bitcode);
    return compiled;
  });
}

absl::Status PartitionCompiler::finish() { return jobs_->finish(BackendThreads(options_)); }

size_t PartitionCompiler::partitionCount() const { return jobs_->size(); }

unsigned PartitionCompiler::threadCount() const { return std::max(jobs_->threadsUsed(), 1u); }

}  // namespace wacc::codegen

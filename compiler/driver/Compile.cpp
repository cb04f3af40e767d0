#include "compiler/driver/Compile.h"

#include <algorithm>
#include <functional>
#include <memory>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "compiler/binary/ComponentReader.h"
#include "compiler/binary/CoreReader.h"
#include "compiler/binary/CoreValidator.h"
#include "compiler/codegen/Backend.h"
#include "compiler/codegen/Linker.h"
#include "compiler/codegen/MachineCode.h"
#include "compiler/codegen/ProgramEmitter.h"
#include "compiler/codegen/Target.h"
#include "compiler/component/PlanPrinter.h"
#include "compiler/component/Planner.h"
#include "compiler/driver/OutputFile.h"
#include "compiler/driver/PhaseTimer.h"
#include "compiler/embed/Embed.h"
#include "compiler/text/TextToBinary.h"
#include "compiler/validate/Validator.h"
#include "compiler/wit/HostInterfaces.h"
#include "compiler/wit/PlanCheck.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

namespace wacc::driver {

namespace {

absl::StatusOr<std::unique_ptr<llvm::MemoryBuffer>> ReadInput(const std::string& path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!buffer) return absl::NotFoundError(buffer.getError().message() + ": '" + path + "'");
  return std::move(*buffer);
}

absl::Status WriteTextOrObject(const Options& options, const codegen::BackendOptions& backend, llvm::Module& module) {
  WACC_ASSIGN_OR_RETURN(auto machine, codegen::OptimizeWhole(module, backend));
  auto write = [&](llvm::raw_pwrite_stream& os) -> absl::Status {
    if (options.emit == EmitKind::LLVM) {
      module.print(os, nullptr);
      return absl::OkStatus();
    }
    auto kind =
        options.emit == EmitKind::Object ? codegen::MachineCodeKind::Object : codegen::MachineCodeKind::Assembly;
    return codegen::EmitMachineCode(module, *machine, kind, os);
  };
  // `-o -` is stdout, as for clang; through a buffer, since an object
  // writer may seek and stdout may be a pipe.
  if (options.output == "-") {
    llvm::SmallString<0> buffer;
    llvm::raw_svector_ostream os(buffer);
    WACC_RETURN_IF_ERROR(write(os));
    llvm::outs() << buffer;
    return absl::OkStatus();
  }
  WACC_ASSIGN_OR_RETURN(OutputFile out, OutputFile::Create(options.output));
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(out.tempPath(), ec);
    if (ec) return absl::PermissionDeniedError("cannot write '" + options.output + "': " + ec.message());
    WACC_RETURN_IF_ERROR(write(os));
  }
  return out.commit(false);
}

// --emit=plan: to stdout for `-o -`, else atomically to the file, as
// --emit=llvm writes.
absl::Status WritePlan(const Options& options, const component::InstantiationPlan& plan) {
  std::string text = component::PrintPlan(plan);
  if (options.output == "-") {
    llvm::outs() << text;
    llvm::outs().flush();
    return absl::OkStatus();
  }
  WACC_ASSIGN_OR_RETURN(OutputFile out, OutputFile::Create(options.output));
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(out.tempPath(), ec);
    if (ec) return absl::PermissionDeniedError("cannot write '" + options.output + "': " + ec.message());
    os << text;
  }
  return out.commit(false);
}

// --emit=component: the component --wit made, atomically to the file.
absl::Status WriteComponent(const Options& options, const std::vector<uint8_t>& bytes) {
  WACC_ASSIGN_OR_RETURN(OutputFile out, OutputFile::Create(options.output));
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(out.tempPath(), ec);
    if (ec) return absl::PermissionDeniedError("cannot write '" + options.output + "': " + ec.message());
    os.write(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  }
  return out.commit(false);
}

// The temporary objects a compilation writes, removed when it ends.
class TemporaryObjects {
 public:
  explicit TemporaryObjects(const Options& options) : options_(options) {}
  absl::StatusOr<std::string> add() {
    WACC_ASSIGN_OR_RETURN(OutputFile object, OutputFile::Create(options_.output + ".o"));
    paths_.push_back(object.tempPath());
    files_.push_back(std::move(object));
    return paths_.back();
  }
  const std::vector<std::string>& paths() const { return paths_; }

 private:
  const Options& options_;
  std::vector<OutputFile> files_;
  std::vector<std::string> paths_;
};

void EndCompilePhase(PhaseTimer& timer, size_t partitions, unsigned threads) {
  timer.endPhase(absl::StrCat("optimise and machine code (", partitions,
                              partitions == 1 ? " partition, " : " partitions, ", threads,
                              threads == 1 ? " thread)" : " threads)"));
}

// Links the objects and the runtime archive into the executable.
absl::Status LinkObjects(const Options& options, const codegen::BackendOptions& backend,
                         const std::vector<std::string>& objectPaths, const std::string& runtime, PhaseTimer& timer) {
  WACC_ASSIGN_OR_RETURN(OutputFile exe, OutputFile::Create(options.output));
  WACC_RETURN_IF_ERROR(codegen::LinkExecutable(backend.target, objectPaths, runtime, exe.tempPath(), options.strip));
  WACC_RETURN_IF_ERROR(exe.commit(true));
  timer.endPhase("link");
  return absl::OkStatus();
}

absl::Status WriteExecutable(const Options& options, const codegen::BackendOptions& backend, llvm::Module& module,
                             const char* argv0, PhaseTimer& timer) {
  // Found first, so that a missing runtime fails before the compile.
  WACC_ASSIGN_OR_RETURN(std::string runtime, codegen::RuntimeArchivePath(backend.target, argv0));
  unsigned threads = codegen::BackendThreads(backend);
  unsigned partitions =
      options.partitions > 0 ? unsigned(options.partitions) : codegen::BackendPartitions(module, threads);
  TemporaryObjects objects(options);
  for (unsigned i = 0; i < partitions; ++i) WACC_RETURN_IF_ERROR(objects.add().status());
  WACC_RETURN_IF_ERROR(codegen::CompileToObjects(module, backend, objects.paths()));
  EndCompilePhase(timer, partitions, std::min(partitions, threads));
  return LinkObjects(options, backend, objects.paths(), runtime, timer);
}

// The translation's context. The names of its values and blocks (%local3,
// %membase, %br_if.cont, ...) are for people reading the IR: they are kept
// for --emit=llvm and when -mllvm options are given (printing passes,
// remarks), and otherwise never made. Each costs a string and a
// symbol-table entry in the translation, and is written to and read from
// every partition's bitcode; the code is the same without them (large.wasm:
// -O0 and -O1 executables byte-identical; -O0 -2.3% of the compiler's
// instructions, bench/NOTES.md, session 12).
llvm::LLVMContext* NewTranslationContext(const Options& options) {
  auto* context = new llvm::LLVMContext;
  bool readable = options.emit == EmitKind::LLVM || !options.llvmArgs.empty();
  context->setDiscardValueNames(!readable);
  return context;
}

// A large program: translated a partition of `partitionSize` IR
// instructions at a time (codegen/PartitionStream.h), so its whole IR is
// never in memory at once; at -O0 and -O1 each partition is compiled while
// the rest is translated.
absl::Status WriteStreamedExecutable(const Options& options, const codegen::BackendOptions& backend,
                                     const component::InstantiationPlan& plan,
                                     const lower::TranslateOptions& translate, size_t partitionSize,
                                     const char* argv0, PhaseTimer& timer) {
  WACC_ASSIGN_OR_RETURN(std::string runtime, codegen::RuntimeArchivePath(backend.target, argv0));
  // Before the compiler, so that its threads stop (on an error) before the
  // objects they write are removed.
  TemporaryObjects objects(options);
  std::unique_ptr<llvm::LLVMContext> context(NewTranslationContext(options));
  auto module = std::make_unique<llvm::Module>("wacc.program", *context);
  codegen::PartitionCompiler compiler(backend);
  // -O1's only inliner is the always-inline one, for adapters, which are not
  // copied; it has no interprocedural pass.
  codegen::PartitionStream stream(*module, partitionSize, /*interprocedural=*/backend.optLevel >= 2,
                                  [&](codegen::PartitionBitcode p) -> absl::Status {
                                    WACC_ASSIGN_OR_RETURN(std::string path, objects.add());
                                    compiler.add(std::move(p), std::move(path));
                                    return absl::OkStatus();
                                  });
  if (stream.handsOnAsCut()) compiler.start();
  WACC_RETURN_IF_ERROR(codegen::EmitProgram(*module, plan, translate, stream));
  WACC_RETURN_IF_ERROR(stream.finish());
  // Unlike CompileBinary's module, this one is freed before the partitions
  // are compiled (at -O2; at -O0 and -O1 before the last ones are): it is
  // used up (every body is in some partition's bitcode), yet its context
  // still holds every declaration, the data and every constant the
  // translation made, ~100 MiB of the JavaScript engine's (bench/NOTES.md,
  // session 10), which would sit beside the partitions being compiled until
  // the process exits.
  module.reset();
  context.reset();
  timer.endPhase(absl::StrFormat("translate to LLVM IR, a partition at a time (%.1f MiB of bitcode%s)",
                                 double(stream.bitcodeBytes()) / (1 << 20),
                                 stream.handsOnAsCut() ? ", compiled meanwhile" : ""));
  WACC_RETURN_IF_ERROR(compiler.finish());
  EndCompilePhase(timer, compiler.partitionCount(), compiler.threadCount());
  return LinkObjects(options, backend, objects.paths(), runtime, timer);
}

// Bytes of wasm code the program translates (a module instantiated twice
// is translated twice).
uint64_t CodeBytes(const component::InstantiationPlan& plan) {
  uint64_t bytes = 0;
  for (const component::PlannedCoreInstance& inst : plan.coreInstances)
    for (const binary::FunctionBody& body : inst.module->bodies) bytes += body.code.size();
  return bytes;
}

// Everything after reading (and assembling) the input's bytes.
absl::Status CompileBinary(const Options& options, const codegen::TargetInfo& target, std::span<const uint8_t> bytes,
                           const char* argv0, PhaseTimer& timer) {
  // --wit: the core module and the world become a component, which is then
  // compiled like any input (it embeds the module's bytes unchanged).
  std::vector<uint8_t> embedded;
  if (!options.wit.empty()) {
    WACC_ASSIGN_OR_RETURN(embedded, embed::EmbedWorld(bytes, embed::EmbedRequest{options.wit, options.world, options.features}));
    if (options.emit == EmitKind::Component) return WriteComponent(options, embedded);
    bytes = embedded;
    timer.endPhase("embed the WIT world");
  }
  // The plan keeps pointers into whichever of these the input is.
  std::unique_ptr<binary::Component> component;
  std::unique_ptr<binary::CoreModule> coreModule;
  std::unique_ptr<component::InstantiationPlan> plan;
  if (binary::DetectBinaryKind(bytes) == binary::BinaryKind::CoreModule) {
    // A WASI preview1 module: its imports are checked against the preview1
    // functions the runtime implements, not against WIT.
    WACC_ASSIGN_OR_RETURN(coreModule, binary::ReadCoreModule(binary::ByteReader(bytes)));
    WACC_RETURN_IF_ERROR(binary::ValidateCoreModule(*coreModule, options.features));
    WACC_RETURN_IF_ERROR(validate::ValidatePreview1Module(*coreModule, options.invoke));
    timer.endPhase("read and validate");
    WACC_ASSIGN_OR_RETURN(plan, component::PlanPreview1Module(*coreModule, options.invoke));
    if (options.emit == EmitKind::Plan) return WritePlan(options, *plan);
  } else {
    // Wasmtime's --invoke of a component takes a call in WAVE syntax
    // (`--invoke 'add(1, 2)'`), values of any component type: not done.
    if (!options.invoke.empty())
      return absl::InvalidArgumentError(
          "--invoke calls an export of a core module; for a component (Wasmtime's `--invoke 'f(args)'`) it is not "
          "supported");
    WACC_ASSIGN_OR_RETURN(component, binary::ReadComponent(bytes, options.features));
    WACC_RETURN_IF_ERROR(validate::ValidateComponent(*component));
    timer.endPhase("read and validate");
    WACC_ASSIGN_OR_RETURN(plan, component::PlanInstantiation(*component));
    // Before the WIT check, so the plan of any valid component can be looked at.
    if (options.emit == EmitKind::Plan) return WritePlan(options, *plan);
    WACC_ASSIGN_OR_RETURN(wit::HostInterfaces host, wit::HostInterfaces::LoadEmbedded());
    WACC_RETURN_IF_ERROR(wit::CheckPlan(*plan, host));
  }
  timer.endPhase("instantiate and check");
  if (options.requireServer && !codegen::SelectProgramEntry(*plan).servesHttp())
    return absl::InvalidArgumentError(
        absl::StrCat("'", options.input,
                     "' exports neither wasi:http/incoming-handler nor wasi:http/handler: it is not an HTTP server "
                     "(`wacc serve` runs those; `wacc run` runs a command)"));

  lower::TranslateOptions translate;
  translate.boundsChecks = options.boundsChecks;
  translate.targetTriple = target.triple;
  codegen::BackendOptions backend{target, options.optLevel, options.cpu, options.capabilities, unsigned(options.jobs)};
  if (options.emit == EmitKind::Executable && options.partitions == 0) {
    size_t partitionSize =
        options.partitionSize > 0 ? size_t(options.partitionSize)
                                 : codegen::StreamedPartitionInstructions(CodeBytes(*plan), options.optLevel);
    if (partitionSize > 0) {
      absl::Status status = WriteStreamedExecutable(options, backend, *plan, translate, partitionSize, argv0, timer);
      timer.report();
      return status;
    }
  }

  // Like clang's -disable-free: the program's IR lives until the process
  // exits; tearing down a large module value by value costs more than 5% of
  // an -O0 compile and frees nothing anyone needs.
  llvm::LLVMContext* context = NewTranslationContext(options);
  WACC_ASSIGN_OR_RETURN(std::unique_ptr<llvm::Module> owned, codegen::EmitProgram(*context, *plan, translate));
  llvm::Module* module = owned.release();
  timer.endPhase("translate to LLVM IR");
  absl::Status status = options.emit == EmitKind::Executable ? WriteExecutable(options, backend, *module, argv0, timer)
                                                             : WriteTextOrObject(options, backend, *module);
  if (options.emit != EmitKind::Executable) timer.endPhase("optimise and write");
  timer.report();
  return status;
}

absl::Status CompileInput(const Options& options, const char* argv0, PhaseTimer& timer) {
  WACC_ASSIGN_OR_RETURN(codegen::TargetInfo target, codegen::LookupTarget(options.target));
  WACC_ASSIGN_OR_RETURN(auto input, ReadInput(options.input));
  auto bytes =
      std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(input->getBufferStart()), input->getBufferSize());
  if (!text::IsText(bytes)) return CompileBinary(options, target, bytes, argv0, timer);
  // Text: its errors name a line and column; what the binary readers find
  // later in the assembled bytes can only name an offset in them, which the
  // message says (the file itself has no such offset).
  WACC_ASSIGN_OR_RETURN(std::vector<uint8_t> assembled, text::TextToBinary(options.input, bytes));
  timer.endPhase("assemble text");
  absl::Status status = CompileBinary(options, target, assembled, argv0, timer);
  if (status.ok() || !absl::StartsWith(status.message(), "0x")) return status;
  return absl::Status(status.code(), absl::StrCat(options.input, " (assembled):", status.message()));
}

}  // namespace

absl::Status Compile(const Options& options, const char* argv0) {
  PhaseTimer timer(options.timeReport);
  WACC_RETURN_IF_ERROR(codegen::SetLLVMOptions(options.llvmArgs));
  absl::Status status = CompileInput(options, argv0, timer);
  codegen::ReportLLVMTimings();
  return status;
}

}  // namespace wacc::driver

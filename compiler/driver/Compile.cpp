#include "compiler/driver/Compile.h"

#include "compiler/binary/ComponentReader.h"
#include "compiler/codegen/CapabilityTable.h"
#include "compiler/codegen/FunctionNameTable.h"
#include "compiler/codegen/Linker.h"
#include "compiler/codegen/MachineCode.h"
#include "compiler/codegen/Optimizer.h"
#include "compiler/codegen/ParallelCodeGen.h"
#include "compiler/codegen/ProgramEmitter.h"
#include "compiler/codegen/Target.h"
#include "compiler/component/Planner.h"
#include "compiler/driver/OutputFile.h"
#include "compiler/wit/HostInterfaces.h"
#include "compiler/wit/PlanCheck.h"
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

absl::Status WriteTextOrObject(const Options& options, llvm::Module& module, llvm::TargetMachine& machine) {
  WACC_ASSIGN_OR_RETURN(OutputFile out, OutputFile::Create(options.output));
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(out.tempPath(), ec);
    if (ec) return absl::PermissionDeniedError("cannot write '" + options.output + "': " + ec.message());
    if (options.emit == EmitKind::LLVM) {
      module.print(os, nullptr);
    } else {
      auto kind = options.emit == EmitKind::Object ? codegen::MachineCodeKind::Object : codegen::MachineCodeKind::Assembly;
      WACC_RETURN_IF_ERROR(codegen::EmitMachineCode(module, machine, kind, os));
    }
  }
  return out.commit(false);
}

absl::Status WriteExecutable(const Options& options, const codegen::TargetInfo& target, llvm::Module& module,
                             llvm::TargetMachine& machine, const char* argv0) {
  WACC_ASSIGN_OR_RETURN(std::string runtime, codegen::RuntimeArchivePath(target, argv0));
  std::vector<OutputFile> objects;
  std::vector<std::string> objectPaths;
  for (unsigned i = 0, n = codegen::CodeGenPartitions(module); i < n; ++i) {
    WACC_ASSIGN_OR_RETURN(OutputFile object, OutputFile::Create(options.output + ".o"));
    objectPaths.push_back(object.tempPath());
    objects.push_back(std::move(object));
  }
  if (objectPaths.size() == 1) {
    std::error_code ec;
    llvm::raw_fd_ostream os(objectPaths[0], ec);
    if (ec) return absl::PermissionDeniedError("cannot write a temporary object: " + ec.message());
    WACC_RETURN_IF_ERROR(codegen::EmitMachineCode(module, machine, codegen::MachineCodeKind::Object, os));
  } else {
    WACC_RETURN_IF_ERROR(
        codegen::EmitObjectsInParallel(module, target, options.optLevel, options.cpu, objectPaths));
  }
  WACC_ASSIGN_OR_RETURN(OutputFile exe, OutputFile::Create(options.output));
  WACC_RETURN_IF_ERROR(codegen::LinkExecutable(target, objectPaths, runtime, exe.tempPath(), options.strip));
  return exe.commit(true);
}

}  // namespace

absl::Status Compile(const Options& options, const char* argv0) {
  WACC_ASSIGN_OR_RETURN(codegen::TargetInfo target, codegen::LookupTarget(options.target));
  WACC_ASSIGN_OR_RETURN(auto input, ReadInput(options.input));
  auto bytes = std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(input->getBufferStart()),
                                        input->getBufferSize());
  WACC_ASSIGN_OR_RETURN(auto component, binary::ReadComponent(bytes));
  WACC_ASSIGN_OR_RETURN(auto plan, component::PlanInstantiation(*component));
  WACC_ASSIGN_OR_RETURN(wit::HostInterfaces host, wit::HostInterfaces::LoadEmbedded());
  WACC_RETURN_IF_ERROR(wit::CheckPlan(*plan, host));

  llvm::LLVMContext context;
  lower::TranslateOptions translate;
  translate.boundsChecks = options.boundsChecks;
  WACC_ASSIGN_OR_RETURN(auto module, codegen::EmitProgram(context, *plan, translate));
  WACC_ASSIGN_OR_RETURN(auto machine, codegen::CreateTargetMachine(target, options.optLevel, options.cpu));
  module->setTargetTriple(machine->getTargetTriple());
  module->setDataLayout(machine->createDataLayout());
  codegen::OptimizeModule(*module, *machine, options.optLevel);
  codegen::AddFunctionNameTable(*module);
  codegen::AddCapabilityTable(*module, options.capabilities);

  if (options.emit == EmitKind::Executable) return WriteExecutable(options, target, *module, *machine, argv0);
  return WriteTextOrObject(options, *module, *machine);
}

}  // namespace wacc::driver

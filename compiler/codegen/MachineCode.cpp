#include "compiler/codegen/MachineCode.h"

#include "llvm/IR/LegacyPassManager.h"

namespace wacc::codegen {

absl::Status EmitMachineCode(llvm::Module& module, llvm::TargetMachine& machine, MachineCodeKind kind,
                             llvm::raw_pwrite_stream& out) {
  llvm::legacy::PassManager passes;
  auto fileType =
      kind == MachineCodeKind::Object ? llvm::CodeGenFileType::ObjectFile : llvm::CodeGenFileType::AssemblyFile;
  if (machine.addPassesToEmitFile(passes, out, nullptr, fileType))
    return absl::InternalError("the target cannot emit this kind of file");
  passes.run(module);
  return absl::OkStatus();
}

}  // namespace wacc::codegen

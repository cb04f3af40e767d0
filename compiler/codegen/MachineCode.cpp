#include "compiler/codegen/MachineCode.h"

#include "compiler/codegen/CompareLoads.h"
#include "compiler/codegen/FastISelLowering.h"
#include "compiler/codegen/ZeroExtendMoves.h"
#include "llvm/IR/LegacyPassManager.h"

namespace wacc::codegen {

absl::Status EmitMachineCode(llvm::Module& module, llvm::TargetMachine& machine, MachineCodeKind kind,
                             llvm::raw_pwrite_stream& out) {
  // -O0 and the -O1 fast mode select with FastISel (Target.cpp).
  if (machine.getOptLevel() == llvm::CodeGenOptLevel::None || machine.Options.EnableFastISel)
    PrepareForFastISel(module, machine);
  // Machine passes of wacc's own join LLVM's pipeline through a callback
  // addPassesToEmitFile runs before it adds instruction selection.
  RegisterZeroExtendMovesPass();
  RegisterCompareLoadsPass();
  llvm::legacy::PassManager passes;
  auto fileType =
      kind == MachineCodeKind::Object ? llvm::CodeGenFileType::ObjectFile : llvm::CodeGenFileType::AssemblyFile;
  // The module was verified when it was generated; verifying again before
  // and after the IR passes of code generation costs ~15% of -O0.
  if (machine.addPassesToEmitFile(passes, out, nullptr, fileType, /*DisableVerify=*/true))
    return absl::InternalError("the target cannot emit this kind of file");
  passes.run(module);
  return absl::OkStatus();
}

}  // namespace wacc::codegen

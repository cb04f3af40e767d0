// Emitting an object file or assembly text from an optimised module.
#pragma once

#include "absl/status/status.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

namespace wacc::codegen {

enum class MachineCodeKind { Object, Assembly };

absl::Status EmitMachineCode(llvm::Module& module, llvm::TargetMachine& machine, MachineCodeKind kind,
                             llvm::raw_pwrite_stream& out);

}  // namespace wacc::codegen

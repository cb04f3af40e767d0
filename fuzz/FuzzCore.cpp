// wacc-fuzz-core: a core module's path through the compiler on arbitrary
// bytes, up to LLVM IR.
//
// Reads the module (compiler/binary/CoreReader), validates it (CoreValidator,
// which type-checks every body with FunctionValidator), and translates a
// valid module into a fresh llvm::Module as compiler/lower does for every
// core instance of a program, its imports bound to external stand-ins (as
// the spec runner's trial translation does). The optimiser and machine code
// are left out: they cost far more per input than everything before them
// and are LLVM's, not ours.
//
// Errors from reading or validation are normal outcomes when they are
// diagnostics naming an offset in the file (Oracles.h). Past validation the
// oracles are stricter, because a valid module is one the compiler promised
// to handle: translation may refuse only with "unsupported"
// (UnimplementedError), any other error is a disagreement between the
// validator and the translator; and the IR produced must pass
// llvm::verifyModule.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "compiler/binary/CoreReader.h"
#include "compiler/binary/CoreValidator.h"
#include "compiler/lower/CoreInstanceTranslator.h"
#include "compiler/lower/ProgramContext.h"
#include "fuzz/Oracles.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"

namespace {

using namespace wacc;
using binary::ExternalKind;

// External declarations for everything the module imports, of the types the
// module declares for them.
std::vector<lower::CoreImportBinding> StandIns(lower::ProgramContext& ctx, const binary::CoreModule& m) {
  std::vector<lower::CoreImportBinding> bindings;
  for (size_t i = 0; i < m.imports.size(); ++i) {
    const binary::CoreImport& import = m.imports[i];
    std::string name = absl::StrCat("import", i);
    auto cell = [&](llvm::Type* type) {
      return new llvm::GlobalVariable(ctx.module(), type, false, llvm::GlobalValue::ExternalLinkage, nullptr, name);
    };
    lower::CoreImportBinding b;
    b.kind = import.kind;
    switch (import.kind) {
      case ExternalKind::Func:
        b.func = llvm::Function::Create(ctx.functionType(m.types[import.funcTypeIndex]),
                                        llvm::GlobalValue::ExternalLinkage, name, ctx.module());
        break;
      case ExternalKind::Memory: b.memory = cell(ctx.runtime().memoryType()); break;
      case ExternalKind::Table: b.table = cell(ctx.tableType()); break;
      case ExternalKind::Global: b.global = cell(ctx.valType(import.global.type)); break;
    }
    bindings.push_back(b);
  }
  return bindings;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto module = binary::ReadCoreModule(binary::ByteReader(std::span<const uint8_t>(data, size)));
  if (!module.ok()) {
    fuzz::ExpectDiagnostic(module.status(), size);
    return 0;
  }
  if (absl::Status valid = binary::ValidateCoreModule(**module, binary::Features{}); !valid.ok()) {
    fuzz::ExpectDiagnostic(valid, size);
    return 0;
  }

  // Both translation options change the IR of every memory access or float
  // operation; the input's length picks them, so each input is translated
  // once and reproduces exactly.
  lower::TranslateOptions options;
  options.boundsChecks = (size & 1) != 0;
  options.quietAllNaNs = (size & 2) != 0;
  llvm::LLVMContext context;
  llvm::Module ir("wacc.fuzz", context);
  lower::ProgramContext ctx(ir, options);
  auto symbols = lower::TranslateCoreInstance(ctx, **module, "m.", StandIns(ctx, **module));
  if (!symbols.ok()) {
    if (absl::IsUnimplemented(symbols.status())) return 0;
    fuzz::Finding("a valid module failed to translate: " + symbols.status().ToString());
  }
  std::string problems;
  llvm::raw_string_ostream os(problems);
  if (llvm::verifyModule(ir, &os)) fuzz::Finding("a valid module translated to invalid IR: " + problems);
  return 0;
}

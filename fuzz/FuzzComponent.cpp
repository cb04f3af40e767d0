// wacc-fuzz-component: the component front end on arbitrary bytes.
//
// Runs what the driver runs up to LLVM IR (compiler/driver/Compile.cpp),
// stage after stage: read the component (which reads and validates its core
// modules), validate it, plan its instantiation, check the plan against the
// WIT wacc implements, and translate the plan into the program's IR (every
// core instance, the canonical ABI's adapters, the entry point;
// ProgramEmitter runs llvm::verifyModule on it). The optimiser and machine
// code are left out: they cost far more per input than everything before
// them and are LLVM's. The planner and the later stages assume what the
// validator checked, so a crash or InternalError after validation passed is
// a validator gap as much as a bug of the stage. An error Status is a normal
// outcome for malformed input; the findings are crashes, sanitizer reports,
// hangs and runaway memory, an InternalError from any stage (invalid IR is
// one), and an error from reading, validation or planning that does not
// name an offset in the file (Oracles.h).
#include <cstdint>
#include <span>

#include "compiler/binary/ComponentReader.h"
#include "compiler/codegen/ProgramEmitter.h"
#include "compiler/component/Planner.h"
#include "compiler/validate/Validator.h"
#include "compiler/wit/HostInterfaces.h"
#include "compiler/wit/PlanCheck.h"
#include "fuzz/Oracles.h"

namespace {

using namespace wacc;

// The embedded WIT is parsed once per process, as the driver does once per
// compilation; it does not depend on the input.
const wit::HostInterfaces& Host() {
  static const wit::HostInterfaces* host = [] {
    absl::StatusOr<wit::HostInterfaces> loaded = wit::HostInterfaces::LoadEmbedded();
    if (!loaded.ok()) fuzz::Finding("the embedded WIT does not load: " + loaded.status().ToString());
    return new wit::HostInterfaces(*std::move(loaded));
  }();
  return *host;
}

}  // namespace

// Loading the WIT before the first input keeps it out of the first unit's
// time and memory.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  Host();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto component = binary::ReadComponent(std::span<const uint8_t>(data, size), binary::Features{});
  if (!component.ok()) {
    fuzz::ExpectDiagnostic(component.status(), size);
    return 0;
  }
  absl::Status valid = validate::ValidateComponent(**component);
  if (!valid.ok()) {
    fuzz::ExpectDiagnostic(valid, size);
    return 0;
  }
  auto plan = component::PlanInstantiation(**component);
  if (!plan.ok()) {
    fuzz::ExpectDiagnostic(plan.status(), size);
    return 0;
  }
  // The WIT check's errors name imports and exports, not offsets.
  absl::Status checked = wit::CheckPlan(**plan, Host());
  if (!checked.ok()) {
    if (absl::IsInternal(checked)) fuzz::Finding("internal error from input: " + checked.ToString());
    return 0;
  }
  // Bounds checks change the IR of every memory access; the input's length
  // picks them, so each input is translated once and reproduces exactly.
  lower::TranslateOptions options;
  options.boundsChecks = (size & 1) != 0;
  llvm::LLVMContext context;
  auto program = codegen::EmitProgram(context, **plan, options);
  if (absl::IsInternal(program.status())) fuzz::Finding("internal error from input: " + program.status().ToString());
  return 0;
}

// Copying ThreadedDispatch's range check and indirect jump into every
// handler after register allocation (CheckedDispatchTails.cpp has the
// argument).
#pragma once

namespace wacc::codegen {

// Adds the pass to every code-generation pipeline built from now on in this
// process at -O2 and above (not with FastISel), right before the tail
// duplication that follows register allocation. Idempotent and thread-safe;
// EmitMachineCode calls it before it builds its pipeline.
void RegisterCheckedDispatchTailsPass();

}  // namespace wacc::codegen

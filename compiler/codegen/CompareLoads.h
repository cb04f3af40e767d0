// Letting instruction selection fold a guard-page load into the compare of
// a conditional branch (CompareLoads.cpp has the argument).
#pragma once

namespace wacc::codegen {

// Adds the pass to every code-generation pipeline built from now on in this
// process at -O2 and above (not with FastISel), right after CodeGenPrepare,
// the last IR pass before instruction selection. Idempotent and thread-safe;
// EmitMachineCode calls it before it builds its pipeline.
void RegisterCompareLoadsPass();

}  // namespace wacc::codegen

// Running one component .wast script: assemble its component texts (one
// node process running jco for the whole file), then per component
// instance compile one executable that instantiates it and makes the
// script's calls on it, run it (under qemu for AArch64) and judge each
// command; validation commands go through wacc's reader and validator only.
#pragma once

#include <string>

#include "compiler/scriptrun/ScriptRun.h"

namespace wacc::wast {

struct RunnerOptions : scriptrun::RunnerOptions {
  std::string node;            // the node executable
  std::string assembler;       // assemble.mjs
  std::string jcoModules;      // the node_modules holding @bytecodealliance/jco
  // Accept the legacy text `(memory $i "name")` for `(memory (core memory
  // $i "name"))`, as Wasmtime's tests are written (the assembler's
  // WAST_STRICT_COMPONENT_INDICES=0); the component model's own tests are
  // strict.
  bool legacyIndices = false;
  RunnerOptions() {
    optLevel = 1;
    timeoutSeconds = 120;
  }
};

struct FileResult : scriptrun::FileResult {
  size_t rejectedByAssembler = 0;  // of the passed assert_invalid/assert_malformed
};

FileResult RunWastFile(const std::string& path, const std::string& displayName, const RunnerOptions& options);

}  // namespace wacc::wast

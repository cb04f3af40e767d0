// Running one component .wast script: assemble its component texts (one
// node process running jco for the whole file), then per component
// instance compile one executable that instantiates it and makes the
// script's calls on it, run it (under qemu for AArch64) and judge each
// command; validation commands go through wacc's reader and validator only.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "compiler/codegen/Target.h"

namespace wacc::wast {

struct RunnerOptions {
  codegen::TargetInfo target;
  std::string runtimeArchive;  // libwacc_rt.a for the target
  std::string emulator;        // "" to run natively, else e.g. qemu-aarch64
  std::string workDirectory;   // where executables are built
  std::string node;            // the node executable
  std::string assembler;       // assemble.mjs
  std::string jcoModules;      // the node_modules holding @bytecodealliance/jco
  // Accept the legacy text `(memory $i "name")` for `(memory (core memory
  // $i "name"))`, as Wasmtime's tests are written (the assembler's
  // WAST_STRICT_COMPONENT_INDICES=0); the component model's own tests are
  // strict.
  bool legacyIndices = false;
  int optLevel = 1;
  unsigned timeoutSeconds = 120;
  size_t maxMessages = 20;  // failure lines printed per file
};

struct FileResult {
  std::string name;
  size_t passed = 0, failed = 0, skipped = 0;
  size_t rejectedByAssembler = 0;  // of the passed assert_invalid/assert_malformed
  std::vector<std::string> messages;
  std::map<std::string, size_t> skipReasons;
  double seconds = 0;
};

FileResult RunWastFile(const std::string& path, const std::string& displayName, const RunnerOptions& options);

}  // namespace wacc::wast

// One component instance of a script as one executable: the component's
// program (codegen::EmitExportCallers) and a `wacc_main` that instantiates
// it and then makes each of the script's calls on it in order, each under
// wacc_rt_catch_trap, reporting on stdout through wacc_rt_spectest_report:
//   <command> <outcome> [<top>]   outcome -1 (returned) or a trap reason;
//                                 top: the end of what the call allocated
//   <command> 255 <word>...       the driver's memory from the call's
//                                 result address up to top, 8 bytes a word
// so the runner reads results back in the canonical ABI's memory layout
// (WastValues.h) whatever their type.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "compiler/codegen/ProgramEmitter.h"
#include "compiler/wast/WastValues.h"
#include "llvm/IR/Module.h"

namespace wacc::wast {

// Where the driver's memory image of each call starts.
inline constexpr uint32_t kImageBase = 16;
// The outcome of a report line that continues the previous one's memory.
inline constexpr int32_t kMemoryLine = 255;

struct CallStep {
  uint32_t command = 0;  // reported as
  size_t exportIndex = 0;
  MemoryImage image;  // arguments, then room for the result
  uint32_t argsAddress = 0;
  uint32_t resultAddress = 0;
};

// Adds wacc_main to `module`, built by EmitExportCallers with `callers`;
// `instantiateCommand` reports the instantiation.
void AddDriver(llvm::Module& module, const codegen::ExportCallers& callers, uint32_t instantiateCommand,
               const std::vector<CallStep>& steps);

struct Report {
  int32_t outcome = -1;
  uint32_t top = 0;
  std::vector<uint64_t> words;  // memory lines, in order
};

// Parses the program's stdout.
absl::flat_hash_map<uint32_t, Report> ParseReports(std::string_view output);

}  // namespace wacc::wast

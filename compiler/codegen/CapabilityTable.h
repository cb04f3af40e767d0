// What the executable may touch, decided when compiling (wacc --dir, --env,
// --inherit-env, --inherit-network, and --tls-ca-file with it) and baked into it as the
// `wacc_capabilities` table runtime-support reads (wacc/Runtime.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "llvm/IR/Module.h"

namespace wacc::codegen {

struct Capabilities {
  struct Preopen {
    std::string hostPath;  // relative paths resolve at run time
    std::string guestPath;
  };
  struct EnvEntry {
    std::string name;
    std::optional<std::string> value;  // none: pass through at run time
  };
  std::vector<Preopen> preopens;
  std::vector<EnvEntry> env;
  bool inheritEnv = false;
  bool inheritNetwork = false;
  std::string tlsCaFile;  // --tls-ca-file; empty: the runtime's default (WACC_TLS_CA_FILE)

  bool grantsNothing() const {
    return preopens.empty() && env.empty() && !inheritEnv && !inheritNetwork && tlsCaFile.empty();
  }
};

// Defines `wacc_capabilities` in `module` unless nothing is granted (the
// runtime's weak default then means "nothing").
void AddCapabilityTable(llvm::Module& module, const Capabilities& capabilities);

}  // namespace wacc::codegen

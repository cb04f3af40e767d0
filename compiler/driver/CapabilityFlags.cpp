#include "compiler/driver/CapabilityFlags.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace wacc::driver {

const char* const kCapabilityUsage =
    "capabilities (baked into the executable; none by default):\n"
    "  --dir HOST[::GUEST]   preopen directory HOST as GUEST (default: HOST); a\n"
    "                        relative HOST is resolved when the program starts\n"
    "  --env NAME=VALUE      set an environment variable\n"
    "  --env NAME            pass NAME through from the run-time environment\n"
    "  --inherit-env         pass the whole run-time environment through\n"
    "  --inherit-network     allow wasi:sockets to use the network\n"
    "  program arguments always pass through (argv[0] is the program name)\n";

namespace {

absl::Status AddPreopen(const std::string& value, codegen::Capabilities& capabilities) {
  size_t split = value.find("::");
  std::string host = value.substr(0, split);
  std::string guest = split == std::string::npos ? host : value.substr(split + 2);
  if (host.empty() || guest.empty())
    return absl::InvalidArgumentError(absl::StrCat("invalid --dir '", value, "' (expected HOST[::GUEST])"));
  capabilities.preopens.push_back({host, guest});
  return absl::OkStatus();
}

absl::Status AddEnv(const std::string& value, codegen::Capabilities& capabilities) {
  size_t eq = value.find('=');
  std::string name = value.substr(0, eq);
  if (name.empty())
    return absl::InvalidArgumentError(absl::StrCat("invalid --env '", value, "' (expected NAME=VALUE or NAME)"));
  if (eq == std::string::npos) capabilities.env.push_back({name, std::nullopt});
  else capabilities.env.push_back({name, value.substr(eq + 1)});
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<std::string>> ExtractCapabilityFlags(const std::vector<std::string>& args,
                                                                codegen::Capabilities& capabilities) {
  std::vector<std::string> rest;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--inherit-env" || arg == "--inherit_env") {
      capabilities.inheritEnv = true;
      continue;
    }
    if (arg == "--inherit-network" || arg == "--inherit_network") {
      capabilities.inheritNetwork = true;
      continue;
    }
    bool isDir = arg == "--dir" || absl::StartsWith(arg, "--dir=");
    bool isEnv = arg == "--env" || absl::StartsWith(arg, "--env=");
    if (!isDir && !isEnv) {
      rest.push_back(arg);
      continue;
    }
    std::string value;
    size_t eq = arg.find('=');
    if (eq != std::string::npos) {
      value = arg.substr(eq + 1);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return absl::InvalidArgumentError(absl::StrCat("missing value for ", arg));
    }
    absl::Status added = isDir ? AddPreopen(value, capabilities) : AddEnv(value, capabilities);
    if (!added.ok()) return added;
  }
  return rest;
}

}  // namespace wacc::driver

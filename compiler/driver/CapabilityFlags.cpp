#include "compiler/driver/CapabilityFlags.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "compiler/support/Status.h"

namespace wacc::driver {

const char* const kCapabilityUsage =
    "capabilities (baked into the executable; none by default):\n"
    "  --dir HOST[::GUEST]   preopen directory HOST as GUEST (default: HOST); a\n"
    "                        relative HOST is resolved when the program starts\n"
    "  --env NAME=VALUE      set an environment variable\n"
    "  --env NAME            pass NAME through from the run-time environment\n"
    "  --inherit-env         pass the whole run-time environment through\n"
    "  --inherit-network     allow wasi:sockets to use the network\n"
    "  --tls-ca-file FILE    the PEM bundle of certificate authorities https:// requests\n"
    "                        trust, read at run time (default: the system store,\n"
    "                        " WACC_DEFAULT_TLS_CA_FILE ")\n"
    "  -S inherit-env, -S inherit-network, -S http (as --inherit-network)\n"
    "                        the same, spelled as `wasmtime run` does (comma-separated,\n"
    "                        each NAME[=y|n]); -S cli (or common), -S preview2 are\n"
    "                        accepted; -S tcp, udp, allow-ip-name-lookup with\n"
    "                        inherit-network, whose network is all of them\n"
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
  if (eq == std::string::npos)
    capabilities.env.push_back({name, std::nullopt});
  else
    capabilities.env.push_back({name, value.substr(eq + 1)});
  return absl::OkStatus();
}

// Wasmtime's boolean option values.
absl::StatusOr<bool> ParseYesNo(const std::string& option, const std::string& value) {
  if (value.empty() || value == "y" || value == "yes" || value == "true") return true;
  if (value == "n" || value == "no" || value == "false") return false;
  return absl::InvalidArgumentError(absl::StrCat("invalid value '", value, "' for -S ", option, " (expected y or n)"));
}

// The -S options wacc takes (after `common`, cli's alias), in the order its
// error lists them. A network part enables a part of the network, which
// wacc's network capability (--inherit-network) grants all at once.
struct WasiOption {
  const char* name;
  bool networkPart;
};
constexpr WasiOption kWasiOptions[] = {
    {"inherit-env", false}, {"inherit-network", false}, {"http", false}, {"cli", false}, {"preview2", false},
    {"tcp", true},          {"udp", true},              {"allow-ip-name-lookup", true}};

const WasiOption* FindWasiOption(const std::string& name) {
  for (const WasiOption& option : kWasiOptions)
    if (name == option.name) return &option;
  return nullptr;
}

// `-S a,b=n`: Wasmtime's WASI options, for those wacc has. tcp, udp and
// allow-ip-name-lookup are Wasmtime's finer grants of what inherit-network
// grants in wacc: accepted only beside it (checked once all options are
// read), so that no option is accepted and then silently not honoured.
absl::Status AddWasiOptions(const std::string& list, codegen::Capabilities& capabilities,
                            std::vector<std::string>& networkParts) {
  for (absl::string_view item : absl::StrSplit(list, ',')) {
    size_t eq = item.find('=');
    std::string name(item.substr(0, eq));
    std::string value(eq == absl::string_view::npos ? "" : item.substr(eq + 1));
    if (name == "p3" || name == "nn" || name == "threads" || name == "config" || name == "keyvalue")
      return absl::InvalidArgumentError(absl::StrCat("-S ", name, " is not supported by wacc"));
    if (name == "common") name = "cli";  // Wasmtime's deprecated alias
    const WasiOption* option = FindWasiOption(name);
    if (!option)
      return absl::InvalidArgumentError(absl::StrCat(
          "unknown -S option '", name, "' (wacc has ",
          absl::StrJoin(kWasiOptions, ", ",
                        [](std::string* out, const WasiOption& o) { out->append(o.name); }),
          ")"));
    WACC_ASSIGN_OR_RETURN(bool on, ParseYesNo(name, value));
    if (option->networkPart) {
      if (!on)
        return absl::InvalidArgumentError(absl::StrCat(
            "-S ", name, "=n is not supported: wacc's network capability (inherit-network) is all or nothing"));
      networkParts.push_back(name);
    } else if (name == "preview2") {
      // Wasmtime's choice of its preview1 implementation; wacc has one.
      if (!on) return absl::InvalidArgumentError("-S preview2=n is not supported (wacc has one preview1 host)");
    } else if (name == "inherit-env")
      capabilities.inheritEnv = on;
    else if (name == "inherit-network")
      capabilities.inheritNetwork = on;
    else if (name == "http")
      // Outgoing wasi:http requests are TCP connections of the runtime's:
      // the network capability (which also opens wasi:sockets).
      capabilities.inheritNetwork |= on;
    else if (!on)
      return absl::InvalidArgumentError("-S cli=n is not supported (a command always has wasi:cli)");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<std::string>> ExtractCapabilityFlags(const std::vector<std::string>& args,
                                                                codegen::Capabilities& capabilities) {
  std::vector<std::string> rest;
  std::vector<std::string> networkParts;  // -S tcp, udp, allow-ip-name-lookup
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
    if (arg == "-S" || (arg.size() > 2 && arg.compare(0, 2, "-S") == 0)) {
      std::string list = arg.size() > 2 ? arg.substr(arg[2] == '=' ? 3 : 2) : "";
      if (arg.size() == 2) {
        if (i + 1 >= args.size()) return absl::InvalidArgumentError("missing value for -S");
        list = args[++i];
      }
      WACC_RETURN_IF_ERROR(AddWasiOptions(list, capabilities, networkParts));
      continue;
    }
    bool isDir = arg == "--dir" || absl::StartsWith(arg, "--dir=");
    bool isEnv = arg == "--env" || absl::StartsWith(arg, "--env=");
    // (Options.cpp has turned the dashes of long options into underscores.)
    bool isCaFile = arg == "--tls-ca-file" || absl::StartsWith(arg, "--tls-ca-file=") || arg == "--tls_ca_file" ||
                    absl::StartsWith(arg, "--tls_ca_file=");
    if (!isDir && !isEnv && !isCaFile) {
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
    if (isCaFile) {
      // Kept as given: a relative path resolves against the run-time working
      // directory, as --dir's do.
      if (value.empty()) return absl::InvalidArgumentError("invalid --tls-ca-file '' (expected a file)");
      capabilities.tlsCaFile = value;
      continue;
    }
    absl::Status added = isDir ? AddPreopen(value, capabilities) : AddEnv(value, capabilities);
    if (!added.ok()) return added;
  }
  if (!networkParts.empty() && !capabilities.inheritNetwork)
    return absl::InvalidArgumentError(absl::StrCat("-S ", networkParts.front(),
                                                   " needs -S inherit-network: wacc's network capability is all of "
                                                   "tcp, udp and allow-ip-name-lookup at once"));
  return rest;
}

}  // namespace wacc::driver

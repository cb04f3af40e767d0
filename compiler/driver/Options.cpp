#include "compiler/driver/Options.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <vector>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/match.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "absl/strings/str_cat.h"
#include "compiler/driver/CapabilityFlags.h"
#include "compiler/driver/RunArguments.h"
#include "compiler/support/Status.h"

ABSL_FLAG(std::string, o, "", "Write the output to <file> (required)");
ABSL_FLAG(std::string, target, "x86_64-linux-gnu", "Target triple: x86_64-linux-gnu or aarch64-linux-gnu");
ABSL_FLAG(std::string, emit, "exe",
          "What to write: exe (a static executable), obj, llvm (IR text), asm, plan (the instantiation plan as text), "
          "component (with --wit: the component made of the core module and the world)");
ABSL_FLAG(std::string, cpu, "", "Target CPU: empty for a portable baseline, or 'native'");
ABSL_FLAG(bool, bounds_checks, false, "Explicit bounds checks on memory accesses instead of guard pages");
ABSL_FLAG(bool, strip, true, "Strip symbols from the executable (--nostrip keeps them)");
ABSL_FLAG(int32_t, partitions, 0, "Cut the program into this many partitions, optimised and compiled in parallel");
ABSL_FLAG(int32_t, partition_size, 0,
          "Translate the program a partition of about this many IR instructions at a time (0: by program size)");
ABSL_FLAG(int32_t, jobs, 0, "Optimise and compile at most this many partitions at once (threads; 0: one per core)");
ABSL_FLAG(std::string, wit, "", "Embed a world of this WIT file or directory into the input core module");
ABSL_FLAG(std::string, world, "",
          "With --wit: the world to embed (default: the package's only world, or wasi:cli/command)");
ABSL_FLAG(std::string, invoke, "",
          "A core module: call this export with the program's arguments and print its results, as wasmtime run "
          "--invoke");
ABSL_FLAG(bool, time_report, false, "Print the wall time of each compilation phase on stderr");

namespace wacc::driver {

namespace {

constexpr const char* kUsage =
    "wacc: compiles a WebAssembly component (wasi:cli/command, WASI 0.2) into a static native executable.\n\n"
    "usage: wacc [options] <input.wasm> -o <output>\n"
    "       (the input: a component or a preview1 module, binary or text, .wat)\n\n"
    "  -o <file>          output file\n"
    "  --target=<triple>  x86_64-linux-gnu (default) or aarch64-linux-gnu\n"
    "  -O0 -O1 -O2 -O3    optimisation level (default -O2):\n"
    "                     -O0 none: the fastest compile, code several times slower;\n"
    "                     -O1 the fast mode: a short pipeline of wacc's own and FastISel,\n"
    "                     about a third of -O2's compile time, code ~1.1x -O2's run time;\n"
    "                     -O2 LLVM's full pipeline; -O3 its aggressive variant\n"
    "  --emit=<kind>      exe (default), obj, llvm, asm, plan (-o - or no -o: stdout),\n"
    "                     component (with --wit)\n"
    "  --wit <path>       the input is a core module: embed a world of this WIT file or\n"
    "                     directory, as `wasm-tools component embed` + `component new`\n"
    "  --world <name>     the world to embed (default: the package's only world, or wasi:cli/command)\n"
    "  --cpu=native       tune for and use every feature of this machine's CPU\n"
    "  --bounds-checks    explicit bounds checks instead of guard pages\n"
    "  --nostrip          keep symbols in the executable\n"
    "  -W <name>=y|n      turn a proposal beyond WebAssembly 2.0 on or off, as wasmtime does (all\n"
    "                     on by default; -W help lists them); comma-separated, repeatable\n"
    "  --invoke <name>    a core module: the executable calls its export <name> (instead of\n"
    "                     _start) with its arguments, one per parameter, and prints the\n"
    "                     results, as `wasmtime run --invoke` does\n"
    "  --partitions=<n>   optimise and compile in n parallel partitions\n"
    "                     (default: by program size and threads; as lld's --lto-partitions)\n"
    "  --partition-size=<n>  translate, optimise and compile partitions of about n LLVM IR\n"
    "                     instructions, each handed on as soon as it is translated, so\n"
    "                     the whole program's IR is never in memory at once; at -O0\n"
    "                     and -O1 each partition is compiled while the rest is\n"
    "                     translated (default: at -O2, 400000 for programs of more than\n"
    "                     2 MiB of code; at -O0/-O1, 60000 to 400000 above 150 KiB)\n"
    "  -j <n>, --jobs=<n>  threads that optimise and compile partitions (default: one per\n"
    "                     core; --threads=<n> as lld spells it); fewer threads, less memory,\n"
    "                     the same executable\n"
    "  --time-report      print the wall and CPU time of each compilation phase\n"
    "  -mllvm <option>    pass an option to LLVM, as clang does (e.g. -mllvm -time-passes\n"
    "                     with -j1; -mllvm -regalloc=basic); for experiments, unsupported\n"
    "  --help, --version\n"
    "\n"
    "       wacc run [options] <file.wasm> [args...]   compile (cached) and run, as `wasmtime run`\n"
    "       wacc serve [options] <handler.wasm>        the same for an HTTP server, as `wasmtime serve`\n";

constexpr const char* kRunUsage =
    "wacc run: compiles a WebAssembly component into a cached native executable and runs it,\n"
    "as `wasmtime run` does: exit status, output and signals are the program's own.\n\n"
    "usage: wacc run [options] <file.wasm> [args...]\n\n"
    "  options before the file are wacc's, everything after it is the program's\n"
    "  -O0 -O1 -O2 -O3, --target=<triple>, --cpu=native, --bounds-checks, -W: as for wacc\n"
    "                     (a target this machine cannot run goes through qemu-<arch> from PATH)\n"
    "  --no-cache         compile into a temporary file instead of the cache\n"
    "  --argv0 <name>     the program's argv[0] (default: the file as given)\n"
    "  --invoke <name>    a core module: call its export <name> with the program's arguments\n"
    "                     and print the results (a module without _start is only instantiated)\n"
    "  cache: $XDG_CACHE_HOME/wacc (default ~/.cache/wacc), one executable per input,\n"
    "         options (thread counts aside), target, wacc and runtime; safe to delete at any\n"
    "         time; kept under 512 MiB ($WACC_CACHE_LIMIT_MB) by removing the least recently\n"
    "         used entries after each compilation\n";

constexpr const char* kServeUsage =
    "wacc serve: compiles a wasi:http component (exporting wasi:http/incoming-handler 0.2.x or\n"
    "wasi:http/handler 0.3.x) into a cached native HTTP server and runs it, as `wasmtime serve`\n"
    "does.\n\n"
    "usage: wacc serve [options] <handler.wasm>\n\n"
    "  --addr HOST:PORT   where to listen (default 127.0.0.1:8080; port 0 picks a free one)\n"
    "  --processes N, --idle-timeout S, --max-body-size N, --fork-per-request:\n"
    "                     the server's own options (see `--help` of a compiled server)\n"
    "  -O0 -O1 -O2 -O3, --target=<triple>, --cpu=native, --bounds-checks, -W, --no-cache:\n"
    "                     as for wacc run (the cache is the same)\n";

std::string VersionString() {
  return absl::StrCat("wacc version ", WACC_VERSION, " (LLVM ", WACC_LLVM_VERSION,
                      ")\ntargets: x86_64-linux-gnu, aarch64-linux-gnu\n");
}

// Flags are spelled like clang's (-O2, --bounds-checks); absl wants its own
// spellings, so translate before parsing.
std::vector<std::string> Normalize(int argc, char** argv, int& optLevel, std::vector<std::string>& llvmArgs,
                                   std::vector<std::string>& featureSettings) {
  std::vector<std::string> out = {argv[0]};
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.size() == 3 && a[0] == '-' && a[1] == 'O' && a[2] >= '0' && a[2] <= '3') {
      optLevel = a[2] - '0';
      continue;
    }
    // -mllvm <option> (clang's spelling), repeatable: LLVM's own option.
    if (a == "-mllvm" && i + 1 < argc) {
      llvmArgs.push_back(argv[++i]);
      continue;
    }
    // -W <settings>, -W<settings>, --wasm[=]<settings> (Wasmtime's), repeatable.
    if ((a == "-W" || a == "--wasm") && i + 1 < argc) {
      featureSettings.push_back(argv[++i]);
      continue;
    }
    if ((absl::StartsWith(a, "-W") && a.size() > 2) || absl::StartsWith(a, "--wasm=")) {
      featureSettings.push_back(a.substr(a[1] == 'W' ? 2 : 7));
      continue;
    }
    // -j N, -jN (make's spelling) and --threads=N (lld's) are --jobs.
    if (a == "-j" && i + 1 < argc) {
      out.push_back(absl::StrCat("--jobs=", argv[++i]));
      continue;
    }
    if (a.size() > 2 && a[0] == '-' && a[1] == 'j' && std::isdigit(static_cast<unsigned char>(a[2]))) {
      out.push_back("--jobs=" + a.substr(2));
      continue;
    }
    if (absl::StartsWith(a, "--threads=") || a == "--threads") a = "--jobs" + a.substr(9);
    // `-o -` (stdout): absl would warn that "-" looks like a flag.
    if (a == "-o" && i + 1 < argc && !std::strcmp(argv[i + 1], "-")) {
      out.push_back("-o=-");
      ++i;
      continue;
    }
    if (absl::StartsWith(a, "--") && a.find('-', 2) != std::string::npos) {
      size_t eq = a.find('=');
      std::string name = a.substr(0, eq);
      for (size_t k = 2; k < name.size(); ++k)
        if (name[k] == '-') name[k] = '_';
      a = name + (eq == std::string::npos ? "" : a.substr(eq));
    }
    out.push_back(a);
  }
  return out;
}

// Sets wacc's flags from Normalize's output (argv[0] first) and returns the
// positional arguments: what absl::ParseCommandLine does, but with clang's
// wording for a wrong option ("unknown argument: '--foo'") through wacc's
// own error path, where absl prints "ERROR: Unknown command line flag" and
// exits. A flag's value is `--name=value` or the next argument; a boolean
// is `--name`, `--noname` or `--name=true|false`.
absl::StatusOr<std::vector<std::string>> SetFlags(const std::vector<std::string>& args) {
  std::vector<std::string> positional;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      positional.insert(positional.end(), args.begin() + long(i) + 1, args.end());
      break;
    }
    if (arg.size() < 2 || arg[0] != '-') {
      positional.push_back(arg);
      continue;
    }
    absl::string_view body = absl::StripPrefix(absl::StripPrefix(arg, "-"), "-");
    size_t eq = body.find('=');
    absl::string_view name = body.substr(0, eq);
    std::optional<std::string> value;
    if (eq != absl::string_view::npos) value = std::string(body.substr(eq + 1));
    // As the user spelled it: Normalize wrote --bounds-checks as --bounds_checks.
    std::string spelled = absl::StrReplaceAll(arg.substr(0, arg.size() - body.size() + name.size()), {{"_", "-"}});
    if (arg[1] == 'O') return absl::InvalidArgumentError(
        absl::StrCat("invalid optimisation level '", spelled, "' (expected -O0, -O1, -O2 or -O3)"));
    absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
    if (flag == nullptr && absl::StartsWith(name, "no") && !value) {
      absl::CommandLineFlag* negated = absl::FindCommandLineFlag(name.substr(2));
      if (negated != nullptr && negated->IsOfType<bool>()) {
        flag = negated;
        value = "false";
      }
    }
    if (flag == nullptr || flag->IsRetired())
      return absl::InvalidArgumentError(absl::StrCat("unknown argument: '", spelled, "' (see wacc --help)"));
    if (!value) {
      if (flag->IsOfType<bool>())
        value = "true";
      else if (i + 1 < args.size())
        value = args[++i];
      else
        return absl::InvalidArgumentError(absl::StrCat("option '", spelled, "' needs a value"));
    }
    std::string error;
    if (!flag->ParseFrom(*value, &error))
      return absl::InvalidArgumentError(absl::StrCat("invalid value '", *value, "' for ", spelled));
  }
  return positional;
}

// Everything but -o's and --help's rules: argv is [wacc, options..., input].
absl::StatusOr<Options> ParseArguments(int argc, char** argv) {
  Options options;
  std::vector<std::string> featureSettings;
  std::vector<std::string> normalized = Normalize(argc, argv, options.optLevel, options.llvmArgs, featureSettings);
  for (const std::string& settings : featureSettings) {
    if (settings == "help") {
      std::fputs(binary::FeatureHelp().c_str(), stdout);
      std::exit(0);
    }
    WACC_RETURN_IF_ERROR(binary::ApplyFeatureSettings(settings, options.features));
  }
  auto withoutCapabilities = ExtractCapabilityFlags(normalized, options.capabilities);
  if (!withoutCapabilities.ok()) return withoutCapabilities.status();
  normalized = std::move(*withoutCapabilities);
  WACC_ASSIGN_OR_RETURN(std::vector<std::string> positional, SetFlags(normalized));
  if (positional.size() != 1)
    return absl::InvalidArgumentError(positional.empty() ? "no input file" : "more than one input file");
  options.input = positional[0];
  options.output = absl::GetFlag(FLAGS_o);
  options.target = absl::GetFlag(FLAGS_target);
  options.cpu = absl::GetFlag(FLAGS_cpu);
  options.boundsChecks = absl::GetFlag(FLAGS_bounds_checks);
  options.strip = absl::GetFlag(FLAGS_strip);
  options.timeReport = absl::GetFlag(FLAGS_time_report);
  options.partitions = absl::GetFlag(FLAGS_partitions);
  options.jobs = absl::GetFlag(FLAGS_jobs);
  options.partitionSize = absl::GetFlag(FLAGS_partition_size);
  options.wit = absl::GetFlag(FLAGS_wit);
  options.world = absl::GetFlag(FLAGS_world);
  options.invoke = absl::GetFlag(FLAGS_invoke);
  if (!options.world.empty() && options.wit.empty()) return absl::InvalidArgumentError("--world needs --wit");
  if (options.partitions < 0 || options.partitions > 64)
    return absl::InvalidArgumentError(
        absl::StrCat("invalid --partitions value ", options.partitions, " (expected 1 to 64)"));
  if (options.partitionSize < 0)
    return absl::InvalidArgumentError(absl::StrCat("invalid --partition-size value ", options.partitionSize));
  if (options.partitionSize > 0 && options.partitions > 0)
    return absl::InvalidArgumentError("--partition-size and --partitions cannot be combined");
  if (options.jobs < 0 || options.jobs > 64)
    return absl::InvalidArgumentError(absl::StrCat("invalid --jobs value ", options.jobs, " (expected 1 to 64)"));
  std::string emit = absl::GetFlag(FLAGS_emit);
  if (emit == "exe")
    options.emit = EmitKind::Executable;
  else if (emit == "obj")
    options.emit = EmitKind::Object;
  else if (emit == "llvm")
    options.emit = EmitKind::LLVM;
  else if (emit == "asm")
    options.emit = EmitKind::Assembly;
  else if (emit == "plan")
    options.emit = EmitKind::Plan;
  else if (emit == "component")
    options.emit = EmitKind::Component;
  else
    return absl::InvalidArgumentError(
        absl::StrCat("invalid --emit value '", emit, "' (expected exe, obj, llvm, asm, plan or component)"));
  if (options.emit == EmitKind::Component && options.wit.empty())
    return absl::InvalidArgumentError("--emit=component needs --wit (the input is then a core module)");
  return options;
}

}  // namespace

absl::StatusOr<Options> ParseOptions(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--help") || !std::strcmp(argv[i], "-h")) {
      std::fputs(kUsage, stdout);
      std::fputs(kCapabilityUsage, stdout);
      std::exit(0);
    }
    if (!std::strcmp(argv[i], "--version")) {
      std::fputs(VersionString().c_str(), stdout);
      std::exit(0);
    }
  }
  WACC_ASSIGN_OR_RETURN(Options options, ParseArguments(argc, argv));
  // The plan is text for reading: stdout unless a file is named.
  // (push_back: assigning "-" trips a -Wrestrict false positive of GCC 12.)
  if (options.emit == EmitKind::Plan && options.output.empty()) options.output.push_back('-');
  if (options.output.empty()) return absl::InvalidArgumentError("no output file (use -o <file>)");
  return options;
}

absl::StatusOr<RunOptions> ParseRunOptions(int argc, char** argv) {
  RunOptions run;
  run.arguments = SplitRunArguments(argc, argv);
  const char* command = run.arguments.serve ? "wacc serve" : "wacc run";
  std::vector<std::string> ours = {argv[0]};
  for (const std::string& arg : run.arguments.options) {
    if (arg == "--help" || arg == "-h") {
      std::fputs(run.arguments.serve ? kServeUsage : kRunUsage, stdout);
      std::fputs(kCapabilityUsage, stdout);
      std::exit(0);
    }
    if (arg == "--version") {
      std::fputs(VersionString().c_str(), stdout);
      std::exit(0);
    }
    if (arg == "--no-cache" || arg == "--no_cache") {
      run.useCache = false;
      continue;
    }
    if (arg == "-o" || absl::StartsWith(arg, "--emit") || absl::StartsWith(arg, "-o=") || absl::StartsWith(arg, "--o="))
      return absl::InvalidArgumentError(
          absl::StrCat(command, " takes no ", arg, " (it runs the program; compile with `wacc -o` to keep it)"));
    // The cache is keyed by the input's bytes, not by WIT files'.
    if (absl::StartsWith(arg, "--wit") || absl::StartsWith(arg, "--world"))
      return absl::InvalidArgumentError(
          absl::StrCat(command, " takes no ", arg, " (compile with `wacc --wit <dir> app.wasm -o app`)"));
    ours.push_back(arg);
  }
  if (run.arguments.input.empty())
    return absl::InvalidArgumentError(run.arguments.serve
                                          ? "no input file (usage: wacc serve [options] <handler.wasm>)"
                                          : "no input file (usage: wacc run [options] <file.wasm> [args...])");
  ours.push_back(run.arguments.input);
  std::vector<char*> pointers;
  for (std::string& s : ours) pointers.push_back(s.data());
  WACC_ASSIGN_OR_RETURN(run.compile, ParseArguments(int(pointers.size()), pointers.data()));
  run.compile.requireServer = run.arguments.serve;
  return run;
}

}  // namespace wacc::driver

// How a script is run. A component .wast file is a sequence of commands
// against "the current instance": `(component ...)` defines and instantiates,
// `(component definition ...)` only defines, `(component instance ...)`
// instantiates a definition, and invoke/assert_return/assert_trap call the
// current instance's exports. wacc compiles ahead of time, so the runner
// first reads the whole script and assembles every component text in one
// node process (assemble.mjs, jco's wasm-tools); then it walks the commands,
// judging validation commands at once (assert_invalid and assert_malformed
// through the reader and validator, assert_unlinkable through the planner
// too) and collecting each instance's calls until the next instance begins.
// Each instance becomes one executable (WastProgram.h) that makes its calls
// in script order in one process, so state carries from call to call and a
// trap leaves the instance unable to be entered again (poisoned, as
// Wasmtime's store is: the driver's calls check a flag a trap leaves
// clear). Arguments are encoded before, and results decoded after, the run
// in the canonical ABI's memory layout (WastValues.h) and compared as
// canonical text. What wacc reports as unimplemented (an
// Unimplemented status, "unsupported: ...") is skipped with that message as
// the reason; anything else that goes wrong is a failure.
#include "compiler/wast/FileRunner.h"

#include <algorithm>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "compiler/abi/CanonicalLayout.h"
#include "compiler/binary/ComponentReader.h"
#include "compiler/component/Planner.h"
#include "compiler/lower/CoreInstanceTranslator.h"
#include "compiler/support/Status.h"
#include "compiler/validate/Validator.h"
#include "compiler/wast/WastProgram.h"
#include "compiler/wast/WastScript.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "wacc/Runtime.h"

namespace wacc::wast {

namespace {

using Kind = WastCommand::Kind;

const char* TrapText(int32_t reason) {
  switch (reason) {
#define WACC_TRAP_REASON(name, value, text) \
  case value:                               \
    return text;
#include "wacc/TrapReasons.def"
#undef WACC_TRAP_REASON
    default: return "unknown trap";
  }
}

// Wasmtime's and the reference interpreter's texts for the traps wacc
// reports, as the scripts spell them: a trap matches when the expected
// message contains one of its phrases (or wacc's own text).
bool TrapMatches(const std::string& expectedRaw, int32_t reason) {
  std::string expected = absl::AsciiStrToLower(expectedRaw);
  if (absl::StrContains(expected, absl::AsciiStrToLower(TrapText(reason)))) return true;
  std::vector<const char*> phrases;
  switch (reason) {
    case WACC_TRAP_UNREACHABLE: phrases = {"unreachable"}; break;
    case WACC_TRAP_MEMORY_OUT_OF_BOUNDS:
      // Wasmtime names error-context.debug-message's out-of-bounds result pointer.
      phrases = {"out of bounds", "out-of-bounds", "beyond end of memory", "invalid debug message pointer"};
      break;
    case WACC_TRAP_INVALID_HANDLE: phrases = {"unknown handle index", "handle index", "invalid handle"}; break;
    case WACC_TRAP_INVALID_UTF8: phrases = {"utf-8", "utf8"}; break;
    case WACC_TRAP_INVALID_UTF16: phrases = {"utf-16", "utf16"}; break;
    case WACC_TRAP_INVALID_DISCRIMINANT: phrases = {"discriminant", "invalid enum", "invalid variant"}; break;
    case WACC_TRAP_INVALID_CHAR: phrases = {"`char`", "invalid char"}; break;
    case WACC_TRAP_UNALIGNED_POINTER: phrases = {"unaligned", "not aligned"}; break;
    case WACC_TRAP_CANNOT_ENTER: phrases = {"cannot enter component instance"}; break;
    case WACC_TRAP_CANNOT_LEAVE: phrases = {"cannot leave component instance"}; break;
    case WACC_TRAP_RESOURCE_BORROWED: phrases = {"while borrowed", "outstanding borrows"}; break;
    case WACC_TRAP_STACK_EXHAUSTED: phrases = {"call stack exhausted", "stack overflow"}; break;
    // The scratch arena's bound is Wasmtime's hostcall fuel (2 GiB copied
    // to the host per call; core/ScratchArena.cpp).
    case WACC_TRAP_OUT_OF_MEMORY: phrases = {"fuel allocated for hostcalls has been exhausted"}; break;
    // One runtime check (a waitable in use by a copy, a set or an
    // unresolved call) that the reference texts name per built-in.
    case WACC_TRAP_ASYNC_BUSY:
      phrases = {"busy", "concurrent operations active", "while it's in a waitable set",
                 "subtask which has not yet resolved", "waitable set with waiters",
                 "while added to a waitable set"};
      break;
    case WACC_TRAP_ASYNC_DEADLOCK: phrases = {"deadlock detected", "cannot make further progress"}; break;
    case WACC_TRAP_TASK_NOT_RETURNED: phrases = {"failed to produce a result"}; break;
    case WACC_TRAP_ASYNC_INTRA_COMPONENT: phrases = {"intra-component future"}; break;
    case WACC_TRAP_ASYNC_DONE:
      phrases = {"after previous write succeeded", "after previous read succeeded", "after being notified that the"};
      break;
    default: break;
  }
  for (const char* p : phrases)
    if (absl::StrContains(expected, p)) return true;
  return false;
}

// "0x1f: unsupported: stream types" -> "unsupported: stream types".
std::string WithoutOffset(absl::string_view message) {
  if (absl::StartsWith(message, "0x")) {
    size_t colon = message.find(": ");
    if (colon != absl::string_view::npos) message.remove_prefix(colon + 2);
  }
  return std::string(message);
}

std::string JsonString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (uint8_t(c) < 0x20)
          absl::StrAppend(&out, "\\u00", absl::Hex(uint8_t(c), absl::kZeroPad2));
        else
          out += c;
    }
  }
  return out + "\"";
}

// A component's bytes, or why the assembler did not produce them.
struct Assembled {
  bool ok = false;
  std::string bytes;
  std::string error;
};

class ScriptRunner {
 public:
  ScriptRunner(const WastScript& script, const std::string& stem, const RunnerOptions& options, FileResult& result)
      : script_(script), stem_(stem), options_(options), result_(result) {}

  void run();
  // The script's `;;! component_model_implements = false` (Wasmtime's
  // feature switch): wacc accepts `implements` attributes always, so the
  // script's expectation that they are rejected cannot be met.
  void setImplementsDisabled() { implementsDisabled_ = true; }

 private:
  struct Instance {
    const Assembled* component = nullptr;
    uint32_t command = 0;  // the command that instantiates it
    std::vector<uint32_t> calls;
  };

  absl::Status assembleAll();
  const Assembled& assembled(uint32_t command) { return assembled_[command]; }
  void flush();
  void runInstance(const Instance& instance);
  void checkRejected(uint32_t index);
  void checkUnlinkable(uint32_t index);

  void pass(uint32_t index) {
    (void)index;
    ++result_.passed;
  }
  void skip(uint32_t index, const std::string& reason) {
    (void)index;
    ++result_.skipped;
    ++result_.skipReasons[reason];
  }
  void fail(uint32_t index, const std::string& reason) {
    ++result_.failed;
    const WastCommand& c = script_.commands[index];
    failures_.push_back({c.line, absl::StrCat("  FAILED line ", c.line, " ", CommandKindName(c.kind),
                                              c.function.empty() ? "" : " \"" + c.function + "\"", ": ", reason)});
  }

 public:
  // The first maxMessages failures in script order (instances are judged
  // when the next one starts, after the validation commands between them).
  void reportFailures() {
    std::stable_sort(failures_.begin(), failures_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (size_t i = 0; i < failures_.size() && result_.messages.size() < options_.maxMessages; ++i)
      result_.messages.push_back(std::move(failures_[i].second));
  }

 private:
  const WastScript& script_;
  std::string stem_;
  const RunnerOptions& options_;
  FileResult& result_;
  std::vector<Assembled> assembled_;  // per command (empty when it has no module)
  std::optional<Instance> current_;
  absl::flat_hash_map<std::string, uint32_t> definitions_;  // $id -> command defining it
  unsigned executables_ = 0;
  std::vector<std::pair<uint32_t, std::string>> failures_;  // line, message
  bool implementsDisabled_ = false;
};

absl::Status ScriptRunner::assembleAll() {
  assembled_.assign(script_.commands.size(), {});
  std::vector<uint32_t> texts;
  std::string json = "[";
  for (uint32_t i = 0; i < script_.commands.size(); ++i) {
    const WastCommand& c = script_.commands[i];
    if (!c.hasModule) continue;
    if (c.module.form == WastModule::Form::Binary) {
      assembled_[i] = {true, c.module.bytes, ""};
      continue;
    }
    if (!texts.empty()) json += ",";
    json += JsonString(c.module.text);
    texts.push_back(i);
  }
  json += "]";
  if (texts.empty()) return absl::OkStatus();
  std::string base = absl::StrCat(options_.workDirectory, "/", stem_, ".assemble");
  std::string inPath = base + ".json";
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(inPath, ec);
    if (ec) return absl::InternalError("cannot write " + inPath + ": " + ec.message());
    os << json;
  }
  std::vector<std::string> env{options_.legacyIndices ? "WAST_STRICT_COMPONENT_INDICES=0"
                                                      : "WAST_STRICT_COMPONENT_INDICES=1"};
  scriptrun::RunOutput out = scriptrun::RunProgram({options_.node, options_.assembler, options_.jcoModules}, inPath,
                                                   base, options_.timeoutSeconds, env);
  llvm::sys::fs::remove(inPath);
  std::vector<absl::string_view> lines = absl::StrSplit(out.stdoutText, '\n', absl::SkipEmpty());
  if (!out.failure.empty() || lines.size() != texts.size())
    return absl::InternalError(absl::StrCat("the assembler (node ", options_.assembler, ") failed: ", out.failure));
  for (size_t k = 0; k < texts.size(); ++k) {
    Assembled& a = assembled_[texts[k]];
    if (absl::StartsWith(lines[k], "ok ")) {
      a.ok = absl::Base64Unescape(lines[k].substr(3), &a.bytes);
      if (!a.ok) a.error = "the assembler's output is not base64";
    } else {
      a.error = std::string(lines[k].substr(std::min<size_t>(6, lines[k].size())));
    }
  }
  return absl::OkStatus();
}

void ScriptRunner::run() {
  if (absl::Status s = assembleAll(); !s.ok()) {
    ++result_.failed;
    failures_.push_back({0, absl::StrCat("  FAILED: ", s.message())});
    return;
  }
  for (uint32_t i = 0; i < script_.commands.size(); ++i) {
    const WastCommand& c = script_.commands[i];
    switch (c.kind) {
      case Kind::Component:
        if (c.module.isCore) {
          skip(i, "core module commands");
          break;
        }
        if (!c.name.empty()) definitions_[c.name] = i;
        if (c.definitionOnly) {
          if (assembled(i).ok)
            pass(i);
          else
            fail(i, "the assembler rejected it: " + assembled(i).error);
          break;
        }
        flush();
        current_ = Instance{&assembled(i), i, {}};
        break;
      case Kind::Instance: {
        flush();
        auto it = definitions_.find(c.definition);
        if (it == definitions_.end()) {
          fail(i, "no component definition " + c.definition);
          break;
        }
        current_ = Instance{&assembled(it->second), i, {}};
        break;
      }
      case Kind::Invoke:
      case Kind::AssertReturn:
        if (!current_) {
          fail(i, "no component instance to invoke");
          break;
        }
        current_->calls.push_back(i);
        break;
      case Kind::AssertTrap:
        if (c.hasModule) {
          flush();
          runInstance(Instance{&assembled(i), i, {}});
        } else if (!current_) {
          fail(i, "no component instance to invoke");
        } else {
          current_->calls.push_back(i);
        }
        break;
      case Kind::AssertInvalid:
      case Kind::AssertMalformed: checkRejected(i); break;
      case Kind::AssertUnlinkable: checkUnlinkable(i); break;
      case Kind::Unsupported: skip(i, c.message); break;
    }
  }
  flush();
}

void ScriptRunner::flush() {
  if (!current_) return;
  Instance instance = std::move(*current_);
  current_.reset();
  runInstance(instance);
}

// What wacc says of a component when reading and validating it.
absl::Status ReadAndValidate(const std::string& bytes, const binary::Features& features,
                             std::unique_ptr<binary::Component>& out) {
  std::span<const uint8_t> span(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  if (binary::DetectBinaryKind(span) == binary::BinaryKind::CoreModule)
    return absl::UnimplementedError("unsupported: a core module where a component is expected");
  WACC_ASSIGN_OR_RETURN(out, binary::ReadComponent(span, features));
  return validate::ValidateComponent(*out);
}

void ScriptRunner::checkRejected(uint32_t index) {
  const WastCommand& c = script_.commands[index];
  const Assembled& a = assembled(index);
  if (!a.ok) {
    ++result_.rejectedByAssembler;
    pass(index);
    return;
  }
  if (c.module.isCore) {
    skip(index, "core modules in assert_invalid/assert_malformed");
    return;
  }
  std::unique_ptr<binary::Component> component;
  absl::Status s = ReadAndValidate(a.bytes, options_.features, component);
  if (s.ok() && implementsDisabled_ && absl::StrContains(c.module.text, "(implements"))
    skip(index, "the script turns `implements` off (component_model_implements = false); wacc always accepts it");
  else if (s.ok())
    fail(index, absl::StrCat("wacc accepted it; expected \"", c.message, "\""));
  else if (s.code() == absl::StatusCode::kUnimplemented)
    skip(index, WithoutOffset(s.message()));
  else
    pass(index);
}

// The first function or resource the plan needs from the host (which a
// script's host does not provide), or "".
std::string HostImport(const component::InstantiationPlan& plan) {
  // Every imported function, used or not (Wasmtime, too, wants each import
  // supplied, except instances with nothing in them).
  for (const component::ComponentFunc& f : plan.funcs)
    if (f.kind == component::ComponentFunc::Kind::HostImport)
      return f.instanceName.empty() ? f.funcName : absl::StrCat(f.instanceName, "#", f.funcName);
  for (const component::ResourceInfo& r : plan.resources)
    if (r.isHost) return absl::StrCat(r.interfaceName, "/", r.name);
  return "";
}

void ScriptRunner::checkUnlinkable(uint32_t index) {
  const Assembled& a = assembled(index);
  if (!a.ok) {
    fail(index, "the assembler rejected it: " + a.error);
    return;
  }
  std::unique_ptr<binary::Component> component;
  absl::Status s = ReadAndValidate(a.bytes, options_.features, component);
  if (s.ok()) {
    auto plan = component::PlanInstantiation(*component);
    if (!plan.ok())
      s = plan.status();
    else if (HostImport(**plan).empty())
      s = absl::OkStatus();
    else
      s = absl::NotFoundError("imports from the host");
  }
  if (s.ok())
    fail(index, "wacc linked it");
  else if (s.code() == absl::StatusCode::kUnimplemented)
    skip(index, WithoutOffset(s.message()));
  else
    pass(index);
}

void ScriptRunner::runInstance(const Instance& instance) {
  std::vector<uint32_t> all{instance.command};
  all.insert(all.end(), instance.calls.begin(), instance.calls.end());
  auto failAll = [&](const std::string& why) {
    for (uint32_t i : all) fail(i, why);
  };
  auto skipAll = [&](const std::string& why) {
    for (uint32_t i : all) skip(i, why);
  };
  if (!instance.component->ok) return failAll("the assembler rejected the component: " + instance.component->error);
  std::unique_ptr<binary::Component> component;
  absl::Status s = ReadAndValidate(instance.component->bytes, options_.features, component);
  absl::StatusOr<std::unique_ptr<component::InstantiationPlan>> plan = absl::UnknownError("");
  if (s.ok()) {
    plan = component::PlanInstantiation(*component);
    s = plan.status();
  }
  if (!s.ok()) {
    if (s.code() == absl::StatusCode::kUnimplemented) return skipAll(WithoutOffset(s.message()));
    return failAll(absl::StrCat("wacc rejected the component: ", s.message()));
  }
  if (std::string host = HostImport(**plan); !host.empty())
    return skipAll("components importing from the script's host (wacc-wast provides none)");

  llvm::LLVMContext context;
  lower::TranslateOptions translate;
  codegen::ExportCallers callers;
  auto module = codegen::EmitExportCallers(context, **plan, translate, callers);
  if (!module.ok()) {
    if (module.status().code() == absl::StatusCode::kUnimplemented)
      return skipAll(WithoutOffset(module.status().message()));
    return failAll(absl::StrCat("wacc could not compile the component: ", module.status().message()));
  }

  // Each call's memory image and expectation; calls that cannot be made are
  // judged now.
  std::vector<CallStep> steps;
  absl::flat_hash_map<uint32_t, std::pair<component::TypeRef, std::string>> expected;  // command -> type, text
  absl::flat_hash_map<uint32_t, uint32_t> resultAddress;
  std::vector<uint32_t> runCalls;
  for (uint32_t index : instance.calls) {
    const WastCommand& c = script_.commands[index];
    size_t e = 0;
    while (e < (*plan)->exports.size() &&
           !((*plan)->exports[e].instanceName.empty() && (*plan)->exports[e].funcName == c.function))
      ++e;
    if (e == (*plan)->exports.size()) {
      fail(index, "the component has no exported function \"" + c.function + "\"");
      continue;
    }
    if (!callers.exports[e]) {
      fail(index, "cannot call it: " + callers.problems[e]);
      continue;
    }
    const component::FuncSignature& sig = (*plan)->funcs[(*plan)->exports[e].func].signature;
    CallStep step;
    step.command = index;
    step.exportIndex = e;
    step.image.base = kImageBase;
    absl::StatusOr<uint32_t> args = StoreArguments(c.args, sig.params, step.image);
    if (!args.ok()) {
      if (args.status().code() == absl::StatusCode::kUnimplemented)
        skip(index, std::string(args.status().message()));
      else
        fail(index, std::string(args.status().message()));
      continue;
    }
    step.argsAddress = *args;
    if (c.kind == Kind::AssertReturn) {
      if (c.results.size() != (sig.result ? 1u : 0u)) {
        fail(index, absl::StrCat(c.results.size(), " results expected of a function with ", sig.result ? 1 : 0));
        continue;
      }
      std::string text;
      if (sig.result) {
        absl::StatusOr<std::string> t = ExpectedText(c.results[0], sig.result);
        if (!t.ok()) {
          if (t.status().code() == absl::StatusCode::kUnimplemented)
            skip(index, std::string(t.status().message()));
          else
            fail(index, "the expected result: " + std::string(t.status().message()));
          continue;
        }
        text = *t;
      }
      expected[index] = {sig.result, text};
    }
    if (sig.result) {
      abi::MemoryLayout l = abi::LayoutOf(sig.result);
      step.resultAddress = step.image.allocate(std::max<uint32_t>(l.size, 1), l.align);
    } else {
      step.resultAddress = step.image.allocate(1, 8);
    }
    resultAddress[index] = step.resultAddress;
    runCalls.push_back(index);
    steps.push_back(std::move(step));
  }
  AddDriver(**module, callers, instance.command, steps);
  for (llvm::Function& f : **module) {
    if (f.isDeclaration()) continue;
    f.setDoesNotThrow();
    f.addFnAttr("probe-stack", "inline-asm");
    lower::KeepCallsOnStack(f);
  }
  std::vector<uint32_t> judged{instance.command};
  judged.insert(judged.end(), runCalls.begin(), runCalls.end());
  {
    std::string problems;
    llvm::raw_string_ostream os(problems);
    if (llvm::verifyModule(**module, &os)) {
      for (uint32_t i : judged) fail(i, "generated invalid IR: " + problems.substr(0, 300));
      return;
    }
  }
  std::string exePath = absl::StrCat(options_.workDirectory, "/", stem_, ".", executables_++, ".exe");
  absl::Status built = scriptrun::BuildExecutable(**module, options_, exePath);
  if (!built.ok()) {
    for (uint32_t i : judged) fail(i, absl::StrCat("the test program did not build: ", built.message()));
    return;
  }
  scriptrun::RunOutput run = scriptrun::RunExecutable(exePath, options_);
  llvm::sys::fs::remove(exePath);
  absl::flat_hash_map<uint32_t, Report> reports = ParseReports(run.stdoutText);

  for (uint32_t index : judged) {
    const WastCommand& c = script_.commands[index];
    auto it = reports.find(index);
    if (it == reports.end()) {
      fail(index, run.failure.empty() ? "no outcome reported" : "no outcome reported: the program " + run.failure);
      continue;
    }
    const Report& r = it->second;
    if (c.kind == Kind::AssertTrap) {
      if (r.outcome < 0)
        fail(index, absl::StrCat("returned; expected the trap \"", c.message, "\""));
      else if (!TrapMatches(c.message, r.outcome))
        fail(index, absl::StrCat("trapped with \"", TrapText(r.outcome), "\"; expected \"", c.message, "\""));
      else
        pass(index);
      continue;
    }
    if (r.outcome >= 0) {
      fail(index, absl::StrCat("trapped: ", TrapText(r.outcome)));
      continue;
    }
    if (c.kind != Kind::AssertReturn) {
      pass(index);
      continue;
    }
    auto& [type, want] = expected[index];
    if (!type) {
      pass(index);
      continue;
    }
    MemoryImage memory;
    memory.base = resultAddress[index];
    for (uint64_t w : r.words)
      for (int k = 0; k < 8; ++k) memory.bytes += char(w >> (8 * k));
    if (r.top >= memory.base && memory.bytes.size() > r.top - memory.base) memory.bytes.resize(r.top - memory.base);
    absl::StatusOr<std::string> got = LoadedText(type, memory.base, memory);
    if (!got.ok())
      fail(index, "reading the result: " + std::string(got.status().message()));
    else if (*got != want)
      fail(index, absl::StrCat("result ", *got, ", expected ", want));
    else
      pass(index);
  }
}

}  // namespace

FileResult RunWastFile(const std::string& path, const std::string& displayName, const RunnerOptions& options) {
  FileResult result;
  result.name = displayName;
  auto text = llvm::MemoryBuffer::getFile(path);
  if (!text) {
    scriptrun::FailWholeFile(result, "cannot read " + path);
    return result;
  }
  absl::StatusOr<WastScript> script = ParseWastScript((*text)->getBuffer());
  if (!script.ok()) {
    scriptrun::FailWholeFile(result, absl::StrCat(path, ": ", script.status().message()));
    return result;
  }
  // Unique per file in the work directory: the display name's characters.
  std::string stem = displayName;
  for (char& ch : stem)
    if (!absl::ascii_isalnum(ch)) ch = '_';
  ScriptRunner runner(*script, stem, options, result);
  if ((*text)->getBuffer().contains(";;! component_model_implements = false"))
    runner.setImplementsDisabled();
  runner.run();
  runner.reportFailures();
  return result;
}

}  // namespace wacc::wast

// wasi:cli/environment: arguments always pass through (argv[0] is the
// program name, as `wasmtime run` passes it); the environment is what the
// capability table grants: all of envp with --inherit-env, then each --env
// entry (a baked NAME=VALUE, or NAME passed through when set at run time).
// Strings point into argv/envp/the table, which live as long as the process;
// only the slot arrays go to the result arena.
#include "core/Capabilities.h"
#include "core/Output.h"
#include "core/ResultArena.h"
#include "wacc/Runtime.h"
#include "wacc/WasiHostFunctions.h"

namespace wacc_rt {
namespace {

void PutString(uint64_t* slots, const char* text, size_t length) {
  slots[0] = reinterpret_cast<uintptr_t>(text);
  slots[1] = length;
}

// An envp entry "NAME=VALUE" as the two strings.
void PutEnvironmentEntry(uint64_t* slots, const char* entry) {
  size_t nameLength = 0;
  while (entry[nameLength] != '\0' && entry[nameLength] != '=') ++nameLength;
  PutString(slots, entry, nameLength);
  const char* value = entry[nameLength] == '=' ? entry + nameLength + 1 : entry + nameLength;
  PutString(slots + 2, value, StringLength(value));
}

size_t RuntimeEnvironmentCount() {
  size_t count = 0;
  for (const char* const* entry = wacc_rt_envp(); *entry != nullptr; ++entry) ++count;
  return count;
}

}  // namespace
}  // namespace wacc_rt

using namespace wacc_rt;

extern "C" void wacc_host_wasi_cli_environment_get_environment(uint64_t* results) {
  const struct wacc_capabilities& granted = capabilities();
  ResetResultArena();
  size_t inherited = granted.inherit_env ? RuntimeEnvironmentCount() : 0;
  uint64_t* slots = AllocateResults<uint64_t>((inherited + granted.env_count) * 4 + 1);
  size_t count = 0;
  for (size_t i = 0; i < inherited; ++i) PutEnvironmentEntry(slots + 4 * count++, wacc_rt_envp()[i]);
  for (uint32_t i = 0; i < granted.env_count; ++i) {
    const wacc_env_entry& entry = granted.env[i];
    const char* value = entry.value != nullptr ? entry.value : RuntimeEnvironmentValue(entry.name);
    if (value == nullptr) continue;  // a pass-through variable that is not set
    PutString(slots + 4 * count, entry.name, StringLength(entry.name));
    PutString(slots + 4 * count + 2, value, StringLength(value));
    ++count;
  }
  results[0] = reinterpret_cast<uintptr_t>(slots);
  results[1] = count;
}

extern "C" void wacc_host_wasi_cli_environment_get_arguments(uint64_t* results) {
  ResetResultArena();
  int32_t argc = wacc_rt_argc();
  uint64_t* slots = AllocateResults<uint64_t>((size_t)argc * 2 + 1);
  for (int32_t i = 0; i < argc; ++i) {
    const char* argument = wacc_rt_argv()[i];
    PutString(slots + 2 * i, argument, StringLength(argument));
  }
  results[0] = reinterpret_cast<uintptr_t>(slots);
  results[1] = (uint64_t)argc;
}

// Like wasmtime: the guest has no working directory of its own.
extern "C" void wacc_host_wasi_cli_environment_initial_cwd(uint64_t* results) {
  results[0] = 0;
  results[1] = 0;
  results[2] = 0;
}

// wacc-fuzz-component: the component front end on arbitrary bytes.
//
// Runs what the driver runs before translation (compiler/driver/Compile.cpp):
// read the component (which reads and validates its core modules), plan its
// instantiation, and check the plan against the WIT wacc implements. Every
// error Status is a normal outcome for malformed input; the findings are
// crashes, sanitizer reports, hangs and runaway memory, plus one oracle of
// our own: an InternalError means the compiler met a state it believed
// impossible, which input must never be able to cause.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>

#include "compiler/binary/ComponentReader.h"
#include "compiler/component/Planner.h"
#include "compiler/support/Status.h"
#include "compiler/wit/HostInterfaces.h"
#include "compiler/wit/PlanCheck.h"

namespace {

using namespace wacc;

// The embedded WIT is parsed once per process, as the driver does once per
// compilation; it does not depend on the input.
const wit::HostInterfaces& Host() {
  static const wit::HostInterfaces* host = [] {
    absl::StatusOr<wit::HostInterfaces> loaded = wit::HostInterfaces::LoadEmbedded();
    if (!loaded.ok()) {
      std::fprintf(stderr, "wacc-fuzz-component: the embedded WIT does not load: %s\n",
                   loaded.status().ToString().c_str());
      std::abort();
    }
    return new wit::HostInterfaces(*std::move(loaded));
  }();
  return *host;
}

// The front end's stages in the driver's order; each returns the first error.
absl::Status FrontEnd(std::span<const uint8_t> bytes) {
  WACC_ASSIGN_OR_RETURN(auto component, binary::ReadComponent(bytes));
  WACC_ASSIGN_OR_RETURN(auto plan, component::PlanInstantiation(*component));
  return wit::CheckPlan(*plan, Host());
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  Host();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  absl::Status status = FrontEnd(std::span<const uint8_t>(data, size));
  if (absl::IsInternal(status)) {
    std::fprintf(stderr, "wacc-fuzz-component: internal error from input: %s\n", status.ToString().c_str());
    std::abort();
  }
  return 0;
}

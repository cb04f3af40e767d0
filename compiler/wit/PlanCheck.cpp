#include "compiler/wit/PlanCheck.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace wacc::wit {

using component::ComponentFunc;

static absl::Status AtOffset(size_t offset, const absl::Status& status) {
  if (status.ok()) return status;
  return absl::Status(status.code(), absl::StrCat(absl::StrFormat("0x%x: ", offset), status.message()));
}

absl::Status CheckPlan(const component::InstantiationPlan& plan, const HostInterfaces& host) {
  for (const ComponentFunc& f : plan.funcs) {
    if (f.kind != ComponentFunc::Kind::HostImport) continue;
    WACC_RETURN_IF_ERROR(
        AtOffset(f.offset, host.CheckImportedFunction(f.instanceName, f.funcName, f.signature, plan.resources)));
  }
  for (const component::ResourceInfo& r : plan.resources) {
    if (!r.isHost) continue;
    WACC_RETURN_IF_ERROR(host.CheckImportedResource(r.versionedInterfaceName(), r.name));
  }
  for (const component::PlannedExport& e : plan.exports) {
    std::string_view id = component::StripVersion(e.instanceName);
    if (id != "wasi:cli/run" && id != "wasi:http/incoming-handler" && id != "wasi:http/handler") continue;
    const ComponentFunc& f = plan.funcs[e.func];
    WACC_RETURN_IF_ERROR(
        AtOffset(f.offset, host.CheckExportedFunction(e.instanceName, e.funcName, f.signature, plan.resources)));
  }
  return absl::OkStatus();
}

}  // namespace wacc::wit

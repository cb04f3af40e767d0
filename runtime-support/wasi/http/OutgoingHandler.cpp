// wasi:http/outgoing-handler. Outgoing requests are not implemented yet:
// without --inherit-network every request is HTTP-request-denied (as
// Wasmtime denies them without `-S http`); with it, internal-error saying
// so. The request (and its options) are consumed either way.
#include "core/Capabilities.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/http/Http.h"

using namespace wacc_rt;
using namespace wacc_rt::http;

extern "C" void wacc_host_wasi_http_outgoing_handler_handle(uint32_t request, uint32_t optionsCase, uint32_t options1,
                                                            uint64_t* results) {
  wacc_host_wasi_http_types_resource_drop_outgoing_request(request);
  if (optionsCase == 1) wacc_host_wasi_http_types_resource_drop_request_options(options1);
  results[0] = 1;
  if (capabilities().inherit_network)
    return SetErrorCode(results + 1, kInternalError, "wacc: outgoing HTTP requests are not implemented yet");
  SetErrorCode(results + 1, kHttpRequestDenied);
}

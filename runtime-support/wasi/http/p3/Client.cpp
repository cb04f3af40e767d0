// wasi:http/client 0.3: outgoing requests.
#include "wacc/WasiHostFunctions.h"
#include "wasi/http/p3/P3Http.h"

using namespace wacc_rt::http;
using namespace wacc_rt::http::p3;

extern "C" uint32_t wacc_host_p3_wasi_http_client_send(uint32_t request, uint64_t* results) {
  FreeMessage(TakeRequest(request));
  for (uint32_t i = 0; i < 8; ++i) results[i] = 0;
  results[0] = 1;
  results[1] = kHttpRequestDenied;
  return 0;
}

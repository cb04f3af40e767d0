// poll_oneoff for both snapshots, which differ only in the subscription's
// layout (wasi_unstable's clock subscription has an extra identifier).
#pragma once

#include <stdint.h>

namespace wacc_rt::p1 {

enum class SubscriptionLayout { kPreview1, kPreview0 };

uint32_t PollOneoff(SubscriptionLayout layout, uint32_t in, uint32_t out, uint32_t count, uint32_t neventsOut);

}  // namespace wacc_rt::p1

// wacc_rt_check_utf8 accepts exactly the valid UTF-8 byte strings.
//
// RUN: sh %S/Inputs/build.sh x86_64-linux-gnu %wacc_rt_dir %s %t.x86_64
// RUN: %t.x86_64 | %FileCheck %s
// RUN: sh -c '%t.x86_64 0; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=BAD %s
// RUN: sh -c '%t.x86_64 1; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=BAD %s
// RUN: sh -c '%t.x86_64 2; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=BAD %s
// RUN: sh -c '%t.x86_64 3; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=BAD %s
// RUN: sh -c '%t.x86_64 4; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=BAD %s
// RUN: sh -c '%t.x86_64 5; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=BAD %s
// RUN: sh -c '%t.x86_64 6; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=BAD %s
// RUN: sh -c '%t.x86_64 7; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=BAD %s
// RUN: sh -c '%t.x86_64 8; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=BAD %s
// RUN: sh %S/Inputs/build.sh aarch64-linux-gnu %wacc_rt_dir %s %t.aarch64
// RUN: %if qemu-aarch64 %{ %run-aarch64 %t.aarch64 | %FileCheck %s %}
// RUN: %if qemu-aarch64 %{ sh -c '%run-aarch64 %t.aarch64 3; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=BAD %s %}

#include "TestSupport.h"

// CHECK: all valid strings accepted
// BAD: {{^}}wasm trap: invalid UTF-8 string{{$}}
// BAD-NEXT: {{^}}exit=134{{$}}

struct Bytes {
  const char* data;
  uint32_t length;
};
#define BYTES(s) {s, sizeof(s) - 1}

static const struct Bytes valid[] = {
    BYTES(""),
    BYTES("plain ascii"),
    BYTES("\xC2\x80 \xDF\xBF"),                  // U+0080, U+07FF
    BYTES("\xE0\xA0\x80 \xED\x9F\xBF \xEE\x80\x80 \xEF\xBF\xBF"),  // U+0800, U+D7FF, U+E000, U+FFFF
    BYTES("\xF0\x90\x80\x80 \xF4\x8F\xBF\xBF"),  // U+10000, U+10FFFF
    BYTES("a\0b"),                               // NUL is a valid scalar value
};

static const struct Bytes invalid[] = {
    BYTES("\x80"),              // 0: lone continuation byte
    BYTES("\xC0\xAF"),          // 1: overlong '/'
    BYTES("\xE0\x9F\xBF"),      // 2: overlong U+07FF
    BYTES("\xED\xA0\x80"),      // 3: surrogate U+D800
    BYTES("\xF4\x90\x80\x80"),  // 4: U+110000
    BYTES("\xF5\x80\x80\x80"),  // 5: invalid lead byte
    BYTES("ab\xE2\x82"),        // 6: truncated at the end
    BYTES("\xC3("),             // 7: bad continuation
    BYTES("\xF0\x80\x80\x80"),  // 8: overlong 4-byte
};

int32_t wacc_main(void) {
  if (wacc_rt_argc() > 1) {
    const struct Bytes* bad = &invalid[wacc_rt_argv()[1][0] - '0'];
    wacc_rt_check_utf8((const uint8_t*)bad->data, bad->length);
    test_print("accepted an invalid string\n");
    return 1;
  }
  for (unsigned i = 0; i < sizeof valid / sizeof valid[0]; ++i)
    wacc_rt_check_utf8((const uint8_t*)valid[i].data, valid[i].length);
  test_print("all valid strings accepted\n");
  return 0;
}

// Host objects behind wasi:filesystem, shared by types and preopens.
#pragma once

#include <stdint.h>

namespace wacc_rt {

// descriptor-flags bits, in WIT order.
enum DescriptorFlag : uint32_t {
  kFlagRead = 1,
  kFlagWrite = 2,
  kFlagFileIntegritySync = 4,
  kFlagDataIntegritySync = 8,
  kFlagRequestedWriteSync = 16,
  kFlagMutateDirectory = 32,
};

// descriptor-type cases, in WIT order.
enum DescriptorType : uint32_t {
  kTypeUnknown = 0,
  kTypeBlockDevice,
  kTypeCharacterDevice,
  kTypeDirectory,
  kTypeFifo,
  kTypeSymbolicLink,
  kTypeRegularFile,
  kTypeSocket,
};

struct DescriptorState {
  int32_t fd;      // owned: closed when the descriptor is dropped
  uint32_t flags;  // DescriptorFlag bits it was opened with (get-flags)
  uint32_t type;   // DescriptorType
  // What its preopen grants beneath it, apart from how it was opened (as
  // Wasmtime's DirPerms): kFlagMutateDirectory lets path operations on
  // this directory create, remove, rename and link. Every directory opened
  // beneath it inherits this, whatever flags it is opened with.
  uint32_t granted;
};

// Rep of a new descriptor owning `fd`, granted the kFlagMutateDirectory of
// `flags` (a preopen's grant).
uint32_t NewDescriptor(int32_t fd, uint32_t flags, uint32_t type);

// The wasi:filesystem error-code case for a positive errno.
uint32_t FilesystemErrorCode(int32_t error);

}  // namespace wacc_rt

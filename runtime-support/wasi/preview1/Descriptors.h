// Helpers over the 0.2 wasi:filesystem descriptors behind preview1 files
// and directories.
#pragma once

#include <stdint.h>

#include "wasi/preview1/Types.h"

namespace wacc_rt::p1 {

// The 0.2 descriptor's granted DescriptorFlag bits and its host fd.
uint32_t DescriptorFlags(uint32_t rep);
int32_t DescriptorHostFd(uint32_t rep);

// The 0.2 descriptor-stat of `rep` (stat) or of `path` beneath it
// (stat-at), with the metadata hash preview1 reports as the inode, as a
// preview1 filestat; an errno on failure.
uint32_t StatDescriptor(uint32_t rep, Filestat* stat);
uint32_t StatPath(uint32_t rep, uint32_t lookupFlags, const char* path, uint32_t length, Filestat* stat);

// The file's size (for SEEK_END and appends), or an errno.
uint32_t DescriptorSize(uint32_t rep, uint64_t* size);

}  // namespace wacc_rt::p1

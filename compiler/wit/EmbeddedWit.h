// The project's wit/ folder, compiled into the compiler by
// cmake/EmbedWit.cmake so wacc needs no data files at run time.
#pragma once

#include <string_view>
#include <vector>

namespace wacc::wit {

struct EmbeddedWitFile {
  std::string_view name;  // file name within wit/, e.g. "io.wit"
  std::string_view text;
};

const std::vector<EmbeddedWitFile>& EmbeddedWitFiles();

}  // namespace wacc::wit

// Resolves parsed WIT files into a WitModel: looks up every name (`use`
// across interfaces and packages, types declared in any order), checks for
// unknown and cyclic types, and converts declarations to component-model
// types. Walks over input-controlled chains (type a = b; type b = c; ...)
// use explicit stacks.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "compiler/wit/WitAst.h"
#include "compiler/wit/WitModel.h"

namespace wacc::wit {

// Files of one folder share a package: a file without a `package`
// declaration takes the one of its folder.
absl::StatusOr<WitModel> ResolveWit(std::vector<WitFile> files);

}  // namespace wacc::wit

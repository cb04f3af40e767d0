// What wacc's runtime implements, as the WIT in wit/ declares it, and the
// checks the driver runs on a component's imports and exports against it.
//
// Messages carry no byte offset: the caller knows where the import is and
// adds it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <memory>
#include "absl/status/statusor.h"
#include "compiler/component/ValueTypes.h"
#include "compiler/support/Status.h"
#include "compiler/wit/WitModel.h"
#include "compiler/wit/WitSources.h"

namespace wacc::wit {

class HostInterfaces {
 public:
  // Parses wit/ as compiled into wacc (EmbeddedWitFiles()).
  static absl::StatusOr<HostInterfaces> LoadEmbedded();
  // For tests: every *.wit below dir (one package per file or per folder).
  static absl::StatusOr<HostInterfaces> LoadDirectory(const std::string& dir);

  // instanceName is the component's import name, e.g.
  // "wasi:io/streams@0.2.0"; any 0.2.x version matches the 0.2.12 WIT. In
  // `sig`, Own/Borrow carry ResourceIds indexing `resources`; a host
  // resource matches when isHost and its interfaceName (no version) and name
  // equal the WIT's. Parameter names are not compared.
  absl::Status CheckImportedFunction(std::string_view instanceName, std::string_view funcName,
                                     const component::FuncSignature& sig,
                                     const std::vector<component::ResourceInfo>& resources) const;
  // instanceName may lack the version here ("wasi:io/streams"); a 0.3.x
  // one (ResourceInfo::versionedInterfaceName) is checked against wit/p3/.
  absl::Status CheckImportedResource(std::string_view instanceName, std::string_view resourceName) const;
  // E.g. "wasi:cli/run@0.2.0", "run".
  absl::Status CheckExportedFunction(std::string_view instanceName, std::string_view funcName,
                                     const component::FuncSignature& sig,
                                     const std::vector<component::ResourceInfo>& resources) const;

  // Interface ids without version ("wasi:cli/stdout"), in the WIT's order.
  const std::vector<std::string>& ImportableInterfaces() const { return importable_; }
  const WitModel& Model() const { return model_; }
  // The WASI 0.3 interfaces (wit/p3/), a model of their own since they
  // reuse 0.2's package names; null when there are none.
  const HostInterfaces* Next() const { return p3_.get(); }

 private:
  explicit HostInterfaces(WitModel model);
  // Splits sources into 0.2 and 0.3 (files in a folder named p3).
  static absl::StatusOr<HostInterfaces> FromSources(const std::vector<WitSource>& sources);
  // The set an instance name's version selects.
  const HostInterfaces& forVersion(std::string_view instanceName) const;

  // The interface an instance name refers to, if wacc implements it in the
  // given direction, with the version checked.
  absl::StatusOr<const ResolvedInterface*> findInterface(std::string_view instanceName, bool isImport,
                                                         bool versionOptional = false) const;
  absl::Status checkFunction(std::string_view instanceName, std::string_view funcName,
                             const component::FuncSignature& sig, const std::vector<component::ResourceInfo>& resources,
                             bool isImport) const;

  WitModel model_;
  std::shared_ptr<HostInterfaces> p3_;
  std::string versionPrefix_ = "0.2.";
  std::vector<std::string> importable_;
  std::vector<std::string> exportable_;
};

// The runtime's symbol for a host function (runtime-support/include/wacc/
// Runtime.h): the version is dropped, every maximal run of characters outside
// [A-Za-z0-9] becomes one '_' and leading/trailing '_' are dropped from each
// part, giving "wacc_host_" + ns + "_" + pkg + "_" + iface + "_" + func.
//   ("wasi:io/streams@0.2.0", "[method]output-stream.write")
//     -> "wacc_host_wasi_io_streams_method_output_stream_write"
std::string HostSymbolName(std::string_view instanceName, std::string_view funcName);

// Whether a host function never returns to its caller (wasi:cli/exit's):
// WIT cannot say so, and this is the one place that does. The runtime's
// declarations (wacc-wit gen-host-header) mark these noreturn.
bool HostFunctionNeverReturns(std::string_view interfaceId, std::string_view funcName);

}  // namespace wacc::wit

#include "compiler/component/PlanPrinter.h"

#include "absl/strings/str_cat.h"

namespace wacc::component {
namespace {

const char* EncodingName(binary::StringEncoding e) {
  switch (e) {
    case binary::StringEncoding::Utf8: return "utf8";
    case binary::StringEncoding::Utf16: return "utf16";
    case binary::StringEncoding::Latin1Utf16: return "latin1+utf16";
  }
  return "?";
}

class Printer {
 public:
  explicit Printer(const InstantiationPlan& plan) : plan_(plan) {}

  std::string print() {
    absl::StrAppend(&out_, "plan: ", plan_.coreInstances.size(), " core instances, ", plan_.funcs.size(), " funcs, ",
                    plan_.trampolines.size(), " trampolines, ", plan_.resources.size(), " resources, ",
                    plan_.numComponentInstances, " component instances\n");
    for (size_t r = 0; r < plan_.resources.size(); ++r) resource(ResourceId(r));
    for (FuncIndex f : plan_.funcs.indices()) func(f);
    for (TrampolineIndex t : plan_.trampolines.indices()) trampoline(t);
    for (CoreInstanceIndex i : plan_.coreInstances.indices()) coreInstance(i);
    for (const PlannedExport& e : plan_.exports) {
      absl::StrAppend(&out_, "export ");
      if (!e.instanceName.empty()) absl::StrAppend(&out_, "\"", e.instanceName, "\" ");
      absl::StrAppend(&out_, "\"", e.funcName, "\" = func ", e.func.value(), "\n");
    }
    if (plan_.preview1) {
      const auto& memory = plan_.preview1->memory;
      absl::StrAppend(&out_, "preview1 memory = ", memory ? def(*memory) : std::string("none"), "\n");
      const Preview1Entry& entry = *plan_.preview1;
      if (entry.initialize) absl::StrAppend(&out_, "preview1 initialize = ", def(*entry.initialize), "\n");
      absl::StrAppend(&out_, "preview1 entry = ", entry.start ? def(*entry.start) : std::string("none"),
                      entry.invoke.empty() ? "" : absl::StrCat(" (--invoke ", entry.invoke, " ",
                                                               CoreFuncTypeToString(entry.invokeType), ")"),
                      "\n");
    }
    return std::move(out_);
  }

 private:
  // "core instance 2 func 5 (run)", "core instance 0 memory 0", "trampoline 3".
  std::string def(const CoreDef& d) const {
    if (d.kind == CoreDef::Kind::Trampoline) return absl::StrCat("trampoline ", d.trampoline.value());
    std::string s =
        absl::StrCat("core instance ", d.instance.value(), " ", binary::ExternalKindName(d.sort), " ", d.index);
    if (d.sort == binary::ExternalKind::Func) {
      const binary::CoreModule& m = *plan_.coreInstances[d.instance].module;
      auto name = m.funcNames.find(d.index);
      if (name != m.funcNames.end()) {
        absl::StrAppend(&s, " (", name->second, ")");
      } else {
        for (const binary::CoreExport& e : m.exports)
          if (e.kind == binary::ExternalKind::Func && e.index == d.index) {
            absl::StrAppend(&s, " (export \"", e.name, "\")");
            break;
          }
      }
    }
    return s;
  }

  std::string options(const ResolvedCanonOptions& o) const {
    std::string s = absl::StrCat("string-encoding=", EncodingName(o.stringEncoding));
    if (o.memory) absl::StrAppend(&s, " memory=[", def(*o.memory), "]");
    if (o.realloc) absl::StrAppend(&s, " realloc=[", def(*o.realloc), "]");
    if (o.postReturn) absl::StrAppend(&s, " post-return=[", def(*o.postReturn), "]");
    if (o.isAsync) s += " async";
    if (o.callback) absl::StrAppend(&s, " callback=[", def(*o.callback), "]");
    return s;
  }

  void resource(ResourceId r) {
    const ResourceInfo& info = plan_.resources[r];
    absl::StrAppend(&out_, "resource ", r, ": ");
    if (info.isHost) {
      absl::StrAppend(&out_, "host ", info.interfaceName, ".", info.name, "\n");
      return;
    }
    absl::StrAppend(&out_, "defined by component instance ", info.definingInstance.value());
    auto dtor = plan_.destructors.find(r);
    if (dtor != plan_.destructors.end()) absl::StrAppend(&out_, ", destructor ", def(dtor->second));
    absl::StrAppend(&out_, "\n");
  }

  void func(FuncIndex index) {
    const ComponentFunc& f = plan_.funcs[index];
    absl::StrAppend(&out_, "func ", index.value(), ": ");
    if (f.kind == ComponentFunc::Kind::HostImport) {
      absl::StrAppend(&out_, "host \"", f.instanceName, "\" \"", f.funcName, "\"");
    } else {
      absl::StrAppend(&out_, "lifted in component instance ", f.componentInstance.value(), " from ", def(f.coreFunc),
                      ", ", options(f.options));
    }
    absl::StrAppend(&out_, "\n  ", SignatureToString(f.signature, &plan_.resources), "\n");
  }

  void trampoline(TrampolineIndex index) {
    const Trampoline& t = plan_.trampolines[index];
    absl::StrAppend(&out_, "trampoline ", index.value(), ": ");
    switch (t.kind) {
      case Trampoline::Kind::LowerHostImport:
      case Trampoline::Kind::LowerLifted:
        absl::StrAppend(&out_, "lower func ", t.func.value(),
                        t.kind == Trampoline::Kind::LowerHostImport ? " (host)" : " (lifted)", ", ",
                        options(t.options));
        break;
      case Trampoline::Kind::ResourceNew: absl::StrAppend(&out_, "resource.new resource ", t.resource); break;
      case Trampoline::Kind::ResourceRep: absl::StrAppend(&out_, "resource.rep resource ", t.resource); break;
      case Trampoline::Kind::ResourceDrop: absl::StrAppend(&out_, "resource.drop resource ", t.resource); break;
      case Trampoline::Kind::Builtin:
        absl::StrAppend(&out_, binary::CanonBuiltinName(t.builtin));
        if (t.builtinType) absl::StrAppend(&out_, " ", TypeToString(t.builtinType, &plan_.resources));
        break;
      case Trampoline::Kind::Preview1Host:
        // No component instance: the host function takes the core values as they are.
        absl::StrAppend(&out_, "preview1 host ", t.preview1->symbol, " ", CoreFuncTypeToString(t.preview1->type),
                        t.preview1->noReturn ? " noreturn\n" : "\n");
        return;
    }
    absl::StrAppend(&out_, ", in component instance ", t.componentInstance.value(), "\n");
  }

  void coreInstance(CoreInstanceIndex index) {
    const PlannedCoreInstance& inst = plan_.coreInstances[index];
    absl::StrAppend(&out_, "core instance ", index.value(), " \"", inst.debugName, "\": ");
    if (!plan_.preview1) absl::StrAppend(&out_, "component instance ", inst.componentInstance.value(), ", ");
    absl::StrAppend(&out_, inst.module->funcs.size() - inst.module->numImportedFuncs, " funcs defined\n");
    for (size_t i = 0; i < inst.module->imports.size(); ++i) {
      const binary::CoreImport& imp = inst.module->imports[i];
      absl::StrAppend(&out_, "  import \"", imp.module, "\" \"", imp.name, "\" ", binary::ExternalKindName(imp.kind),
                      " = ", def(inst.imports[i]), "\n");
    }
  }

  const InstantiationPlan& plan_;
  std::string out_;
};

}  // namespace

std::string PrintPlan(const InstantiationPlan& plan) { return Printer(plan).print(); }

}  // namespace wacc::component

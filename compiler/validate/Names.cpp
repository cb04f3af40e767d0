#include "compiler/validate/Names.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"

namespace wacc::validate {
namespace {

bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// `words` of an interface name's namespace and package: lower-case only.
bool IsWords(absl::string_view s) {
  if (s.empty() || !IsLower(s[0])) return false;
  for (absl::string_view frag : absl::StrSplit(s, '-')) {
    if (frag.empty()) return false;
    for (char c : frag)
      if (!IsLower(c) && !IsDigit(c)) return false;
  }
  return true;
}

bool IsNumber(absl::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!IsDigit(c)) return false;
  return s.size() == 1 || s[0] != '0';
}

// Semantic Versioning 2.0: major.minor.patch, then -pre-release and +build
// identifiers of [0-9A-Za-z-].
bool IsSemver(absl::string_view s) {
  size_t plus = s.find('+');
  absl::string_view build = plus == absl::string_view::npos ? absl::string_view() : s.substr(plus + 1);
  s = s.substr(0, plus);
  size_t dash = s.find('-');
  absl::string_view pre = dash == absl::string_view::npos ? absl::string_view() : s.substr(dash + 1);
  s = s.substr(0, dash);
  std::vector<absl::string_view> core = absl::StrSplit(s, '.');
  if (core.size() != 3) return false;
  for (absl::string_view n : core)
    if (!IsNumber(n)) return false;
  auto identifiers = [](absl::string_view ids, bool present) {
    if (!present) return true;
    for (absl::string_view id : absl::StrSplit(ids, '.')) {
      if (id.empty()) return false;
      for (char c : id)
        if (!IsLower(c) && !IsUpper(c) && !IsDigit(c) && c != '-') return false;
    }
    return true;
  };
  return identifiers(pre, dash != absl::string_view::npos) && identifiers(build, plus != absl::string_view::npos);
}

// ns:pkg/iface@version, with nested namespaces and packages allowed
// (ns:sub:pkg/a/b).
bool IsInterfaceName(absl::string_view s) {
  size_t at = s.find('@');
  if (at != absl::string_view::npos && !IsSemver(s.substr(at + 1))) return false;
  s = s.substr(0, at);
  size_t slash = s.find('/');
  if (slash == absl::string_view::npos) return false;
  // Exactly `namespace:package/interface`: nested namespaces (a:b:c/d) and
  // nested projections (a:b/c/d) are gated future syntax (Explainer.md 🪺).
  std::vector<absl::string_view> path = absl::StrSplit(s.substr(0, slash), ':');
  if (path.size() != 2) return false;
  for (absl::string_view p : path)
    if (!IsWords(p)) return false;
  return IsLabel(s.substr(slash + 1));
}

// Names only an import may have: dependencies on implementations, kept
// opaque beyond their prefix and brackets.
bool IsDependencyName(absl::string_view s) {
  for (absl::string_view prefix : {"locked-dep=<", "unlocked-dep=<", "url=<", "relative-url=<", "integrity=<"})
    if (absl::StartsWith(s, prefix)) return absl::EndsWith(s, ">") && s.size() > prefix.size() + 1;
  return false;
}

struct ParsedName {
  enum class Kind : uint8_t { Label, Constructor, Method, Static, Interface, Dependency };
  Kind kind = Kind::Label;
  absl::string_view resource;  // Constructor / Method / Static
  absl::string_view label;     // Method / Static: the function's label
};

bool ParseName(absl::string_view s, bool isImport, ParsedName& out) {
  auto dotted = [&](absl::string_view rest, ParsedName::Kind kind) {
    size_t dot = rest.find('.');
    if (dot == absl::string_view::npos) return false;
    out.kind = kind;
    out.resource = rest.substr(0, dot);
    out.label = rest.substr(dot + 1);
    return IsLabel(out.resource) && IsLabel(out.label);
  };
  if (absl::ConsumePrefix(&s, "[constructor]")) {
    out.kind = ParsedName::Kind::Constructor;
    out.resource = s;
    return IsLabel(s);
  }
  if (absl::ConsumePrefix(&s, "[method]")) return dotted(s, ParsedName::Kind::Method);
  if (absl::ConsumePrefix(&s, "[static]")) return dotted(s, ParsedName::Kind::Static);
  if (IsLabel(s)) {
    out.kind = ParsedName::Kind::Label;
    return true;
  }
  if (IsInterfaceName(s)) {
    out.kind = ParsedName::Kind::Interface;
    return true;
  }
  if (isImport && IsDependencyName(s)) {
    out.kind = ParsedName::Kind::Dependency;
    return true;
  }
  return false;
}

// Explainer.md "Name uniqueness": case folded (hyphens kept: `a1` and `a-1`
// are distinct names);
// `[method]l.l` and `[static]l.l` become `l`; annotations other than
// `[constructor]` dropped. Two names clash when their keys are equal.
std::string UniquenessKey(absl::string_view name, const ParsedName& parsed) {
  std::string key;
  for (char c : name) key.push_back(absl::ascii_tolower(c));
  if (parsed.kind == ParsedName::Kind::Method || parsed.kind == ParsedName::Kind::Static) {
    absl::string_view rest = key;
    rest.remove_prefix(rest.find(']') + 1);
    size_t dot = rest.find('.');
    if (rest.substr(0, dot) == rest.substr(dot + 1)) return std::string(rest.substr(0, dot));
    return std::string(rest);
  }
  return key;
}

// own<r>, or result<own<r>, _>.
bool ReturnsOwnOf(TypeRef result, ResourceId r) {
  if (result && result->kind == ValueType::Kind::Result) result = result->ok;
  return result && result->kind == ValueType::Kind::Own && result->resource == r;
}

}  // namespace

bool IsLabel(absl::string_view s) {
  if (s.empty() || !(IsLower(s[0]) || IsUpper(s[0]))) return false;
  for (absl::string_view frag : absl::StrSplit(s, '-')) {
    if (frag.empty()) return false;
    bool lower = false, upper = false;
    for (char c : frag) {
      if (IsLower(c))
        lower = true;
      else if (IsUpper(c))
        upper = true;
      else if (!IsDigit(c))
        return false;
    }
    if (lower && upper) return false;  // a word or an acronym, not mixed case
  }
  return true;
}

absl::Status ExternNames::add(const TypeContext& ctx, bool isImport, absl::string_view name, const ExternType& type,
                              size_t offset, const binary::NameAttributes& attrs) {
  const char* what = isImport ? "import" : "export";
  ParsedName parsed;
  if (!ParseName(name, isImport, parsed))
    return InputError(offset,
                      "%s name '%s' is not a valid name: expected a kebab-case label, "
                      "[constructor]r, [method]r.f, [static]r.f or an interface name ns:pkg/iface@version",
                      what, name);
  // `implements` names the interface an instance with a plain name
  // implements (so one interface can be imported twice under two labels);
  // `external-id` is opaque. Neither changes uniqueness or typing.
  if (attrs.implements) {
    if (type.kind != ExternType::Kind::Instance)
      return InputError(offset, "%s '%s': only instances can have an `implements` attribute, this is a %s", what, name,
                        ExternKindName(type.kind));
    if (parsed.kind != ParsedName::Kind::Label)
      return InputError(offset, "%s name `%s` is not valid with `implements`: it must be a plain label", what, name);
    if (attrs.implements->empty())
      return InputError(offset, "%s '%s': `implements` value `` is not a valid name", what, name);
    if (!IsInterfaceName(*attrs.implements))
      return InputError(offset, "%s '%s': `implements` value `%s` must be an interface name ns:pkg/iface@version",
                        what, name, *attrs.implements);
  }
  auto& keys = isImport ? importKeys_ : exportKeys_;
  if (!keys.insert(UniquenessKey(name, parsed)).second)
    return InputError(offset, "%s name '%s' conflicts with an earlier %s name (names must be unique ignoring case)",
                      what, name, what);

  if (namesResources_ && parsed.kind == ParsedName::Kind::Label && type.kind == ExternType::Kind::Type &&
      type.type.kind == TypeEntry::Kind::Resource)
    (isImport ? importResources_ : exportResources_)[std::string(name)] = type.type.resource;
  if (parsed.kind != ParsedName::Kind::Constructor && parsed.kind != ParsedName::Kind::Method &&
      parsed.kind != ParsedName::Kind::Static)
    return absl::OkStatus();

  if (type.kind != ExternType::Kind::Func)
    return InputError(offset, "%s '%s' is annotated as a resource function, but it is a %s", what, name,
                      ExternKindName(type.kind));
  const auto& resources = isImport ? importResources_ : exportResources_;
  auto r = resources.find(parsed.resource);
  if (r == resources.end())
    return InputError(offset, "%s '%s' names resource '%s', but no resource of that name is %s before it", what, name,
                      parsed.resource, isImport ? "imported" : "exported");
  const FuncSignature& sig = *type.func;
  if (parsed.kind == ParsedName::Kind::Constructor && !ReturnsOwnOf(sig.result, r->second))
    return InputError(offset, "constructor '%s' must return own<%s> (or a result of it), found %s", name,
                      parsed.resource, ctx.str(sig));
  if (parsed.kind == ParsedName::Kind::Method) {
    bool ok = !sig.params.empty() && sig.params[0].name == "self" &&
              sig.params[0].type->kind == ValueType::Kind::Borrow && sig.params[0].type->resource == r->second;
    if (!ok)
      return InputError(offset, "method '%s' must take (self: borrow<%s>) first, found %s", name, parsed.resource,
                        ctx.str(sig));
  }
  return absl::OkStatus();
}

}  // namespace wacc::validate

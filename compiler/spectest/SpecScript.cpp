#include "compiler/spectest/SpecScript.h"

#include "absl/strings/str_cat.h"
#include "compiler/support/Status.h"
#include "llvm/Support/JSON.h"

namespace wacc::spectest {

namespace {

using llvm::json::Array;
using llvm::json::Object;

struct KindName {
  const char* name;
  SpecCommand::Kind kind;
};

constexpr KindName kKinds[] = {
    {"module", SpecCommand::Kind::Module},
    {"register", SpecCommand::Kind::Register},
    {"action", SpecCommand::Kind::Action},
    {"assert_return", SpecCommand::Kind::AssertReturn},
    {"assert_trap", SpecCommand::Kind::AssertTrap},
    {"assert_exhaustion", SpecCommand::Kind::AssertExhaustion},
    {"assert_invalid", SpecCommand::Kind::AssertInvalid},
    {"assert_malformed", SpecCommand::Kind::AssertMalformed},
    {"assert_unlinkable", SpecCommand::Kind::AssertUnlinkable},
    {"assert_uninstantiable", SpecCommand::Kind::AssertUninstantiable},
};

std::string StringField(const Object& o, llvm::StringRef key) {
  if (std::optional<llvm::StringRef> s = o.getString(key)) return s->str();
  return "";
}

// A number or NaN pattern as wast2json writes it (always a string).
absl::Status ParseScalar(llvm::StringRef text, uint64_t& bits, SpecValue::Nan& nan) {
  if (text == "nan:canonical")
    nan = SpecValue::Nan::Canonical;
  else if (text == "nan:arithmetic")
    nan = SpecValue::Nan::Arithmetic;
  else if (text.getAsInteger(10, bits))
    return absl::InvalidArgumentError(absl::StrCat("bad value '", text.str(), "'"));
  return absl::OkStatus();
}

unsigned LaneBits(const std::string& laneType) {
  if (laneType == "i8") return 8;
  if (laneType == "i16") return 16;
  if (laneType == "i32" || laneType == "f32") return 32;
  return 64;
}

absl::StatusOr<SpecValue> ParseValue(const llvm::json::Value& v) {
  const Object* o = v.getAsObject();
  if (!o) return absl::InvalidArgumentError("value is not an object");
  SpecValue value;
  value.type = StringField(*o, "type");
  const llvm::json::Value* raw = o->get("value");
  if (!raw) {
    value.hasValue = false;
    return value;
  }
  if (value.type == "v128") {
    value.laneType = StringField(*o, "lane_type");
    const Array* lanes = raw->getAsArray();
    if (!lanes) return absl::InvalidArgumentError("v128 value is not a list");
    unsigned width = LaneBits(value.laneType);
    for (size_t i = 0; i < lanes->size(); ++i) {
      std::optional<llvm::StringRef> text = (*lanes)[i].getAsString();
      if (!text) return absl::InvalidArgumentError("v128 lane is not a string");
      SpecValue::Lane lane;
      WACC_RETURN_IF_ERROR(ParseScalar(*text, lane.bits, lane.nan));
      if (width < 64) lane.bits &= (uint64_t(1) << width) - 1;
      size_t bit = i * width;
      if (bit < 128) value.bits[bit / 64] |= lane.bits << (bit % 64);
      value.lanes.push_back(lane);
    }
    return value;
  }
  std::optional<llvm::StringRef> text = raw->getAsString();
  if (!text) return absl::InvalidArgumentError("value is not a string");
  if (*text == "null") {
    value.isNull = true;
    return value;
  }
  WACC_RETURN_IF_ERROR(ParseScalar(*text, value.bits[0], value.nan));
  return value;
}

absl::StatusOr<std::vector<SpecValue>> ParseValues(const Object& o, llvm::StringRef key) {
  std::vector<SpecValue> values;
  if (const Array* list = o.getArray(key)) {
    for (const llvm::json::Value& v : *list) {
      WACC_ASSIGN_OR_RETURN(SpecValue value, ParseValue(v));
      values.push_back(std::move(value));
    }
  }
  return values;
}

absl::StatusOr<SpecAction> ParseAction(const Object& o) {
  SpecAction action;
  std::string type = StringField(o, "type");
  if (type == "get")
    action.kind = SpecAction::Kind::Get;
  else if (type != "invoke")
    return absl::InvalidArgumentError("unknown action type '" + type + "'");
  action.module = StringField(o, "module");
  action.field = StringField(o, "field");
  WACC_ASSIGN_OR_RETURN(action.args, ParseValues(o, "args"));
  return action;
}

absl::StatusOr<SpecCommand> ParseCommand(const Object& o) {
  SpecCommand command;
  std::string type = StringField(o, "type");
  bool known = false;
  for (const KindName& k : kKinds)
    if (type == k.name) command.kind = k.kind, known = true;
  if (!known) return absl::InvalidArgumentError("unknown command type '" + type + "'");
  command.line = static_cast<uint32_t>(o.getInteger("line").value_or(0));
  command.filename = StringField(o, "filename");
  command.moduleType = StringField(o, "module_type");
  command.name = StringField(o, "name");
  command.as = StringField(o, "as");
  command.text = StringField(o, "text");
  if (const Object* action = o.getObject("action")) {
    WACC_ASSIGN_OR_RETURN(command.action, ParseAction(*action));
  }
  WACC_ASSIGN_OR_RETURN(command.expected, ParseValues(o, "expected"));
  WACC_ASSIGN_OR_RETURN(command.either, ParseValues(o, "either"));
  return command;
}

}  // namespace

const char* CommandKindName(SpecCommand::Kind kind) {
  for (const KindName& k : kKinds)
    if (k.kind == kind) return k.name;
  return "?";
}

absl::StatusOr<SpecScript> ParseSpecScript(std::string_view json) {
  llvm::Expected<llvm::json::Value> parsed = llvm::json::parse(llvm::StringRef(json.data(), json.size()));
  if (!parsed) return absl::InvalidArgumentError("bad JSON: " + llvm::toString(parsed.takeError()));
  const Object* root = parsed->getAsObject();
  const Array* commands = root ? root->getArray("commands") : nullptr;
  if (!commands) return absl::InvalidArgumentError("no \"commands\" list");
  SpecScript script;
  script.sourceFilename = StringField(*root, "source_filename");
  for (const llvm::json::Value& c : *commands) {
    const Object* o = c.getAsObject();
    if (!o) return absl::InvalidArgumentError("command is not an object");
    absl::StatusOr<SpecCommand> command = ParseCommand(*o);
    if (!command.ok())
      return absl::InvalidArgumentError(
          absl::StrCat("command ", script.commands.size(), ": ", command.status().message()));
    script.commands.push_back(std::move(*command));
  }
  return script;
}

}  // namespace wacc::spectest

// How text becomes a binary.
//
// wacc reads binaries; text (the WebAssembly text format, WAT) is turned
// into one first, by wabt's parser rather than one of our own: wabt's is
// kept up with the spec and its test suite, it ships as a library with
// headers in Debian (wasm-tools, the other well-kept parser, has no C or
// C++ interface), and what it writes is an ordinary binary module, so
// nothing downstream knows the input was text. The steps are wat2wasm's:
//
//   1. Component text is recognised by its first form, `(component`, and
//      refused with a message saying what to do: no maintained C or C++
//      parser reads it (wabt stops at the keyword with "unexpected token").
//   2. wabt parses the module (and resolves its names) with the features of
//      WebAssembly 2.0, tail calls, extended constant expressions and relaxed
//      SIMD on and every other later proposal off: what wacc compiles, so a
//      second memory is refused here, at its line and column, instead of by
//      wacc's reader at an offset in a binary the user never saw.
//   3. wabt validates it, for the same reason: a type error is reported
//      where it is written. wacc's own validator still runs on the binary.
//   4. wabt writes the binary, with a name section for the text's $names
//      (as `wasm-tools parse` does), so traps and symbols name functions.
//
// A .wast file is read the same way: one that holds a single module is that
// module's text. A script with assertions is an error at the first of them
// (they have nothing to run them). `(module binary "...")` is read too (wabt
// decodes it), `(module quote ...)` is refused before wabt sees it: wabt
// 1.0.32 aborts on it.
//
// wabt reports each problem as a location and a message; the first error is
// wacc's error, as "<file>:<line>:<column>: <message>" (wabt's own message,
// less its closing period).
#include "compiler/text/TextToBinary.h"

#include <algorithm>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "compiler/text/FirstForm.h"
#include "wabt/binary-writer.h"
#include "wabt/error.h"
#include "wabt/feature.h"
#include "wabt/ir.h"
#include "wabt/stream.h"
#include "wabt/validator.h"
#include "wabt/wast-lexer.h"
#include "wabt/wast-parser.h"

namespace wacc::text {

namespace {

constexpr std::string_view kComponentText = "component text is not supported; assemble it with wasm-tools parse";

// WebAssembly 2.0, multiple memories, 64-bit memories, tail calls, extended
// constant expressions, relaxed SIMD and threads (what wacc compiles: 2.0
// and the 3.0 proposals it implements, and atomics), set feature by feature so that a wabt whose
// defaults differ reads the same language. The binary reader then refuses
// what -W turned off (binary/Features.h); wabt writes a module with one
// memory the same either way.
wabt::Features CompiledFeatures() {
  wabt::Features features;
  features.set_mutable_globals_enabled(true);
  features.set_sat_float_to_int_enabled(true);
  features.set_sign_extension_enabled(true);
  features.set_simd_enabled(true);
  features.set_multi_value_enabled(true);
  features.set_bulk_memory_enabled(true);
  features.set_reference_types_enabled(true);
  features.set_exceptions_enabled(false);
  features.set_threads_enabled(true);
  features.set_function_references_enabled(false);
  features.set_tail_call_enabled(true);
  features.set_annotations_enabled(false);
  features.set_code_metadata_enabled(false);
  features.set_gc_enabled(false);
  features.set_memory64_enabled(true);
  features.set_multi_memory_enabled(true);
  features.set_extended_const_enabled(true);
  features.set_relaxed_simd_enabled(true);
  return features;
}

// (absl here is older than C++17 and has its own string_view: std::string it is.)
absl::Status TextError(const std::string& fileName, uint32_t line, uint32_t column, const std::string& message) {
  return absl::InvalidArgumentError(absl::StrCat(fileName, ":", line, ":", column, ": ", message));
}

// The first error of `errors` (wabt lists warnings too).
absl::Status FirstError(const std::string& fileName, const wabt::Errors& errors, const char* step) {
  for (const wabt::Error& error : errors) {
    if (error.error_level != wabt::ErrorLevel::Error) continue;
    std::string message = error.message;
    if (!message.empty() && message.back() == '.') message.pop_back();
    // Columns count from 1: none is a byte offset into `(module binary ...)`
    // (wabt's locations are a union of the two).
    if (error.loc.first_column == 0)
      return absl::InvalidArgumentError(
          absl::StrCat(fileName, ": in its binary module: ", absl::StrFormat("0x%x", error.loc.offset), ": ", message));
    return TextError(fileName, uint32_t(error.loc.line), uint32_t(error.loc.first_column), message);
  }
  // wabt failed without saying why; say at least which step did.
  return absl::InvalidArgumentError(absl::StrCat(fileName, ": the text could not be ", step));
}

// Steps 2 to 4 (the essay above).
absl::StatusOr<std::vector<uint8_t>> Assemble(const std::string& fileName, std::span<const uint8_t> text) {
  wabt::Features features = CompiledFeatures();
  wabt::Errors errors;
  std::unique_ptr<wabt::WastLexer> lexer =
      wabt::WastLexer::CreateBufferLexer(fileName, text.data(), text.size(), &errors);
  wabt::WastParseOptions parseOptions(features);
  std::unique_ptr<wabt::Module> module;
  if (wabt::Failed(wabt::ParseWatModule(lexer.get(), &module, &errors, &parseOptions)))
    return FirstError(fileName, errors, "parsed");
  if (wabt::Failed(wabt::ValidateModule(module.get(), &errors, wabt::ValidateOptions(features))))
    return FirstError(fileName, errors, "validated");
  wabt::MemoryStream stream;
  wabt::WriteBinaryOptions writeOptions(features, /*canonicalize_lebs=*/true, /*relocatable=*/false,
                                        /*write_debug_names=*/true);
  if (wabt::Failed(wabt::WriteBinaryModule(&stream, module.get(), writeOptions)))
    return absl::InternalError(absl::StrCat(fileName, ": wabt could not write the module's binary"));
  return std::move(stream.output_buffer().data);
}

}  // namespace

bool IsText(std::span<const uint8_t> file) {
  static constexpr uint8_t kMagic[] = {0x00, 'a', 's', 'm'};
  if (file.size() >= 4 && std::equal(kMagic, kMagic + 4, file.begin())) return false;
  std::string_view chars(reinterpret_cast<const char*>(file.data()), file.size());
  size_t first = chars.find_first_not_of(" \t\n\r");
  return first != std::string_view::npos && (chars[first] == '(' || chars[first] == ';');
}

absl::StatusOr<std::vector<uint8_t>> TextToBinary(std::string_view name, std::span<const uint8_t> text) {
  std::string fileName(name);
  FirstForm first = FindFirstForm(std::string_view(reinterpret_cast<const char*>(text.data()), text.size()));
  if (first.kind == FirstForm::Kind::Form && first.keyword == "component")
    return TextError(fileName, first.line, first.column, std::string(kComponentText));
  if (first.kind == FirstForm::Kind::Form && first.keyword == "module" && first.argument == "quote")
    return TextError(fileName, first.line, first.column,
                     "(module quote ...) is not supported; write the module's text without quotes");
  return Assemble(fileName, text);
}

}  // namespace wacc::text

# Writes OUTPUT: a C++ file holding every wit/*.wit file as a raw string, for
# compiler/wit/EmbeddedWit.h.
# wit/p3/ holds the WASI 0.3 interfaces (a model of their own).
file(GLOB files ${WIT_DIR}/*.wit ${WIT_DIR}/p3/*.wit)
list(SORT files)
set(body "// Generated from wit/ by cmake/EmbedWit.cmake. Do not edit.\n#include \"compiler/wit/EmbeddedWit.h\"\nnamespace wacc::wit {\nconst std::vector<EmbeddedWitFile>& EmbeddedWitFiles() {\n  static const std::vector<EmbeddedWitFile> files = {\n")
foreach(f ${files})
  file(RELATIVE_PATH name ${WIT_DIR} ${f})
  file(READ ${f} text)
  string(APPEND body "    {\"${name}\", R\"wacc_wit(${text})wacc_wit\"},\n")
endforeach()
string(APPEND body "  };\n  return files;\n}\n}  // namespace wacc::wit\n")
file(WRITE ${OUTPUT}.tmp "${body}")
file(RENAME ${OUTPUT}.tmp ${OUTPUT})

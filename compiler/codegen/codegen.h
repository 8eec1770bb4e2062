// codegen.h — resolved AST to LLVM IR.
//
// What the generated code looks like
//   Every Python function becomes `i64 @body(ptr %ts, ptr %fn, ptr %args)`
//   (TdBodyFn in abi.h); the module body becomes `i64 @<entry>(ptr %ts)`.
//   Every value is one i64 word (abi.h): small ints are tagged inline, the rest
//   are pointers to runtime objects.  Integer + - * // % comparisons, bitwise
//   ops and truth tests on two small ints run inline, with LLVM's overflow
//   intrinsics; everything else (and an overflow) calls the runtime.
//
// Glossary
//   CValue     a generated value plus whether this code owns a reference to
//              it.  Owned values must be released (decref) exactly once;
//              borrowed ones are constants (immortal).
//   live temp  an owned value that is still needed while more code runs (the
//              left operand while the right is evaluated, a for-loop's
//              iterator while its body runs).  They sit on `temps_`; an error
//              branch releases every live temp above its handler's depth, so
//              no exit path leaks or double-frees.
//   error site the place where a runtime call reported failure: it records a
//              traceback entry (line and columns) and unwinds to the
//              innermost handler (an except clause, or the function's exit,
//              which releases the locals and returns 0).
//   slot       an alloca holding a local variable's current value (0 when
//              unbound); for a cell variable it holds the cell object.
//
// Design notes
//   - Errors propagate by return value (0 / -1), as in CPython's C API; no
//     C++ exception or LLVM EH crosses generated frames, so fibers (a later
//     issue) can switch stacks freely.
//   - Module globals are LLVM globals named `g.<name>` (0 = unbound); a name
//     that may be a builtin falls back to a per-module cache `b.<name>` filled
//     by td_load_builtin.  The REPL (a later issue) declares earlier inputs'
//     globals as external, so one ORC session shares them.
//   - Constants (strings, big ints, floats, kwnames tuples) are created once
//     by the module's entry function and held in `k.N` globals.
//   - `for x in range(...)` over small ints compiles to a native counted loop
//     once a runtime check confirms `range` is still the builtin.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "ast.h"
#include "diag.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Target/TargetMachine.h"
#include "scope.h"

namespace tide {

struct CodegenOptions {
  std::string entryName = "__tide_module"; // the module body's symbol
  std::string source;                      // the file's text, for error columns
  // Safepoint checks at loop back-edges (GIL drop requests).  Off only to
  // measure what they cost (TIDE_NO_EVAL_BREAKER=1, bench/cpu_loop.py).
  bool evalBreaker = true;
  // DWARF line tables (`tide build -g`): a subprogram per function and the
  // statement's line and column on every instruction, so gdb and perf show
  // script lines.
  bool debugInfo = false;
  // A REPL input (compiler/repl.cpp; codegen/interactive.cpp): module
  // globals are the session's slots, declared external, and a top-level
  // expression statement echoes its value (td_display).
  bool interactive = false;
};

// Generates an LLVM module for a resolved AST.  Errors that only codegen can
// see (a construct not compiled yet) are reported into `diag`.
std::unique_ptr<llvm::Module> generateModule(Module &mod, llvm::LLVMContext &ctx,
                                             const CodegenOptions &opts, Diagnostics &diag);

// Runs LLVM's O2 (or `level`) pipeline over `m` for `tm`.
void optimizeModule(llvm::Module &m, llvm::TargetMachine *tm, int level = 2);

} // namespace tide

// interactive.cpp — what a REPL input compiles to differently from a script
// (CodegenOptions::interactive; the REPL is compiler/repl.cpp).
//
// Every input is its own LLVM module in one ORC session, so a name bound by
// one input must be the same storage in every later one, and in the
// functions any of them defined.  A script's globals are module-internal
// `g.<name>` variables; an input's are *declared* `g.<name>` (external,
// no initializer), and the REPL defines each as an absolute symbol: one
// zero-initialised word per name for the whole session (0 = unbound),
// allocated before the input is linked.  Input 1's `def f(): return y`
// therefore reads the word that input 2's `y = 5` writes.  Rejected: a
// dict per session looked up by name at every access (a hash per global
// read, where the slot costs one load, exactly as in a script).
//
// An expression statement of the module body (at any depth of if/for/while
// inside it, but not in a function or class, as CPython's 'single' mode)
// echoes its value through td_display: repr() on sys.stdout unless None,
// and the value kept in `_` — the session slot `g._`.
#include "gen.h"

namespace tide {

llvm::GlobalVariable *Gen::sessionGlobal(const std::string &name) {
  return new llvm::GlobalVariable(*m_, i64_, false, llvm::GlobalValue::ExternalLinkage, nullptr,
                                  "g." + name);
}

void Gen::displayExprStmt(const Expr &value, const Span &at) {
  CValue v = expr(value);
  pushTemp(v);
  llvm::Value *r = builder_.CreateCall(abiFn("td_display"), {ts(), v.v, globalSlot("_")});
  checkInt(r, at);
  popTemp(v);
  release(v);
}

} // namespace tide

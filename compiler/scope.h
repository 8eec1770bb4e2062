// scope.h — what the resolver learns about each scope, for codegen.
//
// Python decides a name's scope per function, at compile time:
//   - bound anywhere in a function (assignment, for target, def, import,
//     parameter, except-as, with-as, del) and not declared global/nonlocal
//     → local to that function;
//   - a local that an inner function reads → a *cell*: it lives in a heap cell
//     so the closure sees later assignments;
//   - read but not bound, and bound in an enclosing function → *free*: reached
//     through the closure's cell;
//   - otherwise → global (module dict, then builtins).
// Class bodies are special: their names live in the class namespace and are
// invisible to the methods defined inside (methods skip class scopes when they
// look outward).  Comprehensions are functions of their own.
//
// The resolver builds one Scope per function-like node, owned by the Module.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "ast.h"

namespace tide {

enum class ScopeKind : uint8_t { Module, Function, Lambda, Class, Comprehension };

enum class SymbolKind : uint8_t {
  Local,          // plain local slot
  Cell,           // local captured by an inner scope: lives in a cell
  Free,           // captured from an enclosing scope
  GlobalExplicit, // `global x`
  GlobalImplicit, // referenced, never bound here or in an enclosing function
};

struct Symbol {
  std::string name;
  SymbolKind kind = SymbolKind::Local;
  bool isParam = false;
  bool assigned = false; // bound somewhere in this scope
  bool rebound = false;  // bound other than as a parameter (assignment, del, import...)
  bool used = false;     // read somewhere in this scope
  Span firstSpan;        // first occurrence, for messages
};

struct Scope {
  ScopeKind kind = ScopeKind::Function;
  std::string name;     // function/class name, "<module>", "<lambda>", "<listcomp>", ...
  std::string qualname; // "Outer.method.<locals>.inner"
  Scope *parent = nullptr;
  std::vector<Symbol> symbols;                  // in first-seen order; params first, in order
  std::unordered_map<std::string, int> index;   // name -> position in symbols
  std::vector<Scope *> children;
  bool isAsync = false;      // async def
  bool isGenerator = false;  // contains yield (generators arrive with a later issue)
  bool hasAwait = false;
  // Free variables in the order the closure tuple stores them, and the cells
  // this scope creates in the order inner closures capture them.
  std::vector<std::string> freevars;
  std::vector<std::string> cellvars;

  int lookup(const std::string &n) const {
    auto it = index.find(n);
    return it == index.end() ? -1 : it->second;
  }
  const Symbol *find(const std::string &n) const {
    int i = lookup(n);
    return i < 0 ? nullptr : &symbols[i];
  }
};

class Diagnostics;

// Annotates `m` in place (Scopes, Name::scope, Name::slot).  Reports Python's
// compile-time errors into `diag`: 'return' outside function, 'break' outside
// loop, 'continue' not properly in loop, 'await' outside async function,
// 'yield' outside function, no binding for nonlocal 'x' found, name 'x' is
// parameter and global, name 'x' is used prior to global declaration, nonlocal
// declaration not allowed at module level, ...
// Returns false when an error was reported.
bool resolve(Module &m, Diagnostics &diag);

// What the caller allows beyond a plain script.
struct ResolveOptions {
  // The REPL, like `python -m asyncio`, accepts `await`, `async for`,
  // `async with` and asynchronous comprehensions directly at module level.
  bool allowTopLevelAwait = false;
};
bool resolve(Module &m, Diagnostics &diag, const ResolveOptions &options);

} // namespace tide

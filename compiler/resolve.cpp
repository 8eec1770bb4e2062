// resolve.cpp — the resolver: which scope every name lives in, and the
// compile-time errors that depend on where code sits (a `return` outside a
// function, an `await` outside an async function, a `nonlocal` with no binding).
//
// CPython is the oracle, so the resolver follows the shape of CPython's
// symtable.c and of the checks compile.c makes while it walks the tree.  It
// runs three passes over the AST:
//
//   1. Collect (symtable.c's first walk).  Creates one Scope per module,
//      function, lambda, class and comprehension, links parents and children,
//      and records for every name in every scope *what happened to it there*
//      as a set of flags: bound (DefLocal), parameter, imported, read (Use),
//      declared global / nonlocal, annotated, a comprehension iteration
//      variable.  Errors that need only this scope's history so far are
//      reported here: `name 'x' is used prior to global declaration`,
//      duplicate parameters, `'yield' inside list comprehension`, walrus
//      conflicts.
//   2. Analyze (symtable.c's analyze_block).  Walks the scope tree top-down
//      carrying the set of names bound in enclosing *function* scopes ("bound")
//      and the names known to be global; decides Local / GlobalExplicit /
//      GlobalImplicit / Free for each symbol, then bottom-up turns a local that
//      a child reads into a Cell and threads a Free entry through every scope
//      in between (class scopes included, as CPython does, so the closure can
//      be passed down).  Class scopes do not add their names to "bound": that
//      is why methods cannot see class-body names.
//   3. Check and annotate (the checks compile.c makes).  Walks the tree again
//      in the order CPython compiles it, reporting `'break' outside loop`,
//      `'await' outside async function`, `asynchronous comprehension outside of
//      an asynchronous function`, ... and stamps every Name with its NameScope
//      and slot.  These checks need pass 1's results (whether a comprehension
//      awaits, whether an async def also yields), so they cannot run earlier.
//
// Error order matches CPython: every pass-1 error comes before any pass-2
// error, which comes before any pass-3 error; inside a pass, the first one met
// in the walk wins.  Only the first error is reported.
//
// Glossary
//   function block  a Function, Lambda or Comprehension scope: CPython's
//                   FunctionBlock, the scopes that have fast locals and cells.
//   directive       a `global`/`nonlocal` statement (or the implicit one a
//                   walrus inside a comprehension makes), remembered so that
//                   errors found later point at it.
//   bound           names bound in an enclosing function block: the candidates
//                   for a Free reference.
//
// Decisions
//   - Parameters are entered in source order (posonly, args, *vararg, kwonly,
//     **kwarg), which is also the order of a call's arguments; CPython's
//     co_varnames puts *vararg after the keyword-only ones.  Duplicate
//     parameters are still searched in CPython's order so the error points at
//     the same one.
//   - Comprehension scopes get no ".0" parameter: codegen passes the first
//     iterator however it likes.
//   - At module scope every name is GlobalImplicit, except GlobalExplicit
//     where CPython's table says so: declared `global` at module level or in
//     any function (CPython notes those in the module's table too), or bound
//     by a walrus inside a module-level comprehension.
//   - A class whose methods call `super()` (or read `__class__`) gets a
//     `__class__` Cell symbol and cellvar, and those methods get `__class__` as
//     a Free variable: exactly the closure CPython builds for zero-argument
//     super().  A class body name that a method also needs from an enclosing
//     function (CPython's DEF_FREE_CLASS) stays a Local class symbol but is
//     listed in the class's freevars, so the cell can be passed through.
//   - For a comprehension, isAsync means "a coroutine": it contains an async
//     for or an await.  hasAwait marks any scope whose own code suspends
//     (await, async for/with, or an inline async comprehension).
//   - A generator expression's scope is named "<genexpr>", CPython's
//     __qualname__ and traceback spelling.
//   - In a class body, GlobalImplicit means what CPython's LOAD_NAME does:
//     the class namespace first, then globals, then builtins.
//   - Private-name mangling (`__x` inside a class) is not done yet.
//   Rejected: deciding scopes in a single walk.  A use can come before the
//   binding that makes it local (`print(x); x = 1`), and cells are only known
//   once the inner functions have been seen, so a second pass is unavoidable.
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ast.h"
#include "diag.h"
#include "scope.h"

namespace tide {
namespace {

// What happened to a name in one scope (CPython's DEF_* flags).
enum : unsigned {
  DefGlobal = 1u << 0,    // `global x`
  DefLocal = 1u << 1,     // assigned, deleted, def/class name, for target, ...
  DefParam = 1u << 2,     // parameter
  DefNonlocal = 1u << 3,  // `nonlocal x`
  Use = 1u << 4,          // read
  DefFreeClass = 1u << 5, // class-body name that is also free in a method
  DefImport = 1u << 6,    // bound by import
  DefAnnot = 1u << 7,     // `x: T` annotation
  DefCompIter = 1u << 8,  // comprehension iteration variable
  DefWalrus = 1u << 9,    // assigned through a walrus in a comprehension
};
constexpr unsigned DefBound = DefLocal | DefParam | DefImport;

enum class CompKind : uint8_t { None, List, Set, Dict, Gen };

// Resolver-private facts about a Scope, parallel to it.
struct ScopeInfo {
  Scope *scope = nullptr;
  ScopeInfo *parent = nullptr;
  std::vector<ScopeInfo *> children;
  std::vector<unsigned> flags; // parallel to scope->symbols
  std::vector<std::pair<std::string, Span>> directives;
  CompKind comp = CompKind::None;
  bool coroutine = false;      // CPython's ste_coroutine
  int compIterExpr = 0;        // > 0 while visiting a comprehension's iterable
  bool compIterTarget = false; // while visiting a comprehension's target
  bool needsClassClosure = false;
};

bool isFunctionBlock(const Scope &s) {
  return s.kind == ScopeKind::Function || s.kind == ScopeKind::Lambda ||
         s.kind == ScopeKind::Comprehension;
}

// An insertion-ordered set of names, so that the order of Free entries and of
// freevars is deterministic (first seen first).
class NameSet {
public:
  bool has(const std::string &n) const { return set_.count(n) != 0; }
  void add(const std::string &n) {
    if (set_.insert(n).second)
      order_.push_back(n);
  }
  bool discard(const std::string &n) {
    if (!set_.erase(n))
      return false;
    for (auto it = order_.begin(); it != order_.end(); ++it)
      if (*it == n) {
        order_.erase(it);
        break;
      }
    return true;
  }
  void addAll(const NameSet &o) {
    for (const auto &n : o.order_)
      add(n);
  }
  const std::vector<std::string> &names() const { return order_; }

private:
  std::unordered_set<std::string> set_;
  std::vector<std::string> order_;
};

class Resolver {
public:
  Resolver(Module &m, Diagnostics &diag, const ResolveOptions &opts)
      : module_(m), diag_(diag), opts_(opts) {}

  bool run() {
    module_.scopes.clear();
    module_.scope = nullptr;
    infos_.clear();
    byScope_.clear();

    // Pass 1.
    ScopeInfo *top = enter(ScopeKind::Module, "<module>");
    module_.scope = top->scope;
    for (auto &s : module_.body)
      collectStmt(*s);
    if (failed_)
      return false;

    // Pass 2.
    NameSet free, global;
    analyzeBlock(*top, nullptr, free, global);
    if (failed_)
      return false;
    finish(*top);

    // Pass 3.
    Unit unit{top, 0};
    for (auto &s : module_.body)
      checkStmt(unit, *s);
    return !failed_;
  }

private:
  Module &module_;
  Diagnostics &diag_;
  const ResolveOptions &opts_;
  std::vector<std::unique_ptr<ScopeInfo>> infos_;
  std::unordered_map<const Scope *, ScopeInfo *> byScope_;
  ScopeInfo *cur_ = nullptr;
  bool failed_ = false;

  void error(Span span, std::string msg) {
    if (failed_)
      return;
    diag_.error(span, std::move(msg));
    failed_ = true;
  }

  static std::string quoted(const std::string &n) { return "'" + n + "'"; }

  // =========================================================================
  // Pass 1: collect
  // =========================================================================

  ScopeInfo *enter(ScopeKind kind, std::string name) {
    module_.scopes.push_back(std::make_unique<Scope>());
    Scope *s = module_.scopes.back().get();
    s->kind = kind;
    s->name = std::move(name);
    infos_.push_back(std::make_unique<ScopeInfo>());
    ScopeInfo *info = infos_.back().get();
    info->scope = s;
    info->parent = cur_;
    if (cur_) {
      s->parent = cur_->scope;
      cur_->scope->children.push_back(s);
      cur_->children.push_back(info);
    }
    byScope_[s] = info;
    cur_ = info;
    return info;
  }
  void exit() { cur_ = cur_->parent; }

  static int symbolIndex(ScopeInfo &si, const std::string &name, Span span) {
    Scope &s = *si.scope;
    int i = s.lookup(name);
    if (i >= 0)
      return i;
    i = static_cast<int>(s.symbols.size());
    Symbol sym;
    sym.name = name;
    sym.firstSpan = span;
    s.symbols.push_back(std::move(sym));
    s.index.emplace(name, i);
    si.flags.push_back(0);
    return i;
  }

  static unsigned flagsOf(const ScopeInfo &si, const std::string &name) {
    int i = si.scope->lookup(name);
    return i < 0 ? 0 : si.flags[i];
  }

  // symtable_add_def: records `flag` for `name` in `si`.
  bool addDefIn(ScopeInfo &si, const std::string &name, unsigned flag, Span span) {
    unsigned &val = si.flags[symbolIndex(si, name, span)];
    val |= flag;
    if (si.compIterTarget) {
      if (val & (DefGlobal | DefNonlocal)) {
        error(span, "comprehension inner loop cannot rebind assignment "
                    "expression target " +
                        quoted(name));
        return false;
      }
      val |= DefCompIter;
    }
    return true;
  }
  bool addDef(const std::string &name, unsigned flag, Span span) {
    return addDefIn(*cur_, name, flag, span);
  }

  void collectStmts(StmtList &body) {
    for (auto &s : body) {
      if (failed_)
        return;
      collectStmt(*s);
    }
  }
  void collectExprs(ExprList &list) {
    for (auto &e : list)
      if (e)
        collectExpr(*e);
  }
  void collectOpt(ExprPtr &e) {
    if (e)
      collectExpr(*e);
  }

  // Parameters, in the order of scope.h (posonly, args, *vararg, kwonly,
  // **kwarg).  Duplicates are looked for in CPython's order first.
  void collectParams(Arguments &a) {
    std::vector<const Arg *> cpythonOrder;
    for (auto &p : a.posonlyargs)
      cpythonOrder.push_back(&p);
    for (auto &p : a.args)
      cpythonOrder.push_back(&p);
    for (auto &p : a.kwonlyargs)
      cpythonOrder.push_back(&p);
    if (a.vararg)
      cpythonOrder.push_back(a.vararg.get());
    if (a.kwarg)
      cpythonOrder.push_back(a.kwarg.get());
    std::unordered_set<std::string> seen;
    for (const Arg *p : cpythonOrder)
      if (!seen.insert(p->name).second) {
        error(p->span, "duplicate argument " + quoted(p->name) + " in function definition");
        return;
      }

    auto add = [&](const Arg &p) { addDef(p.name, DefParam, p.span); };
    for (auto &p : a.posonlyargs)
      add(p);
    for (auto &p : a.args)
      add(p);
    if (a.vararg)
      add(*a.vararg);
    for (auto &p : a.kwonlyargs)
      add(p);
    if (a.kwarg)
      add(*a.kwarg);
  }

  void collectDefaults(Arguments &a) {
    collectExprs(a.defaults);
    collectExprs(a.kwDefaults);
  }

  void collectAnnotations(Arguments &a, ExprPtr *returns) {
    for (auto &p : a.posonlyargs)
      collectOpt(p.annotation);
    for (auto &p : a.args)
      collectOpt(p.annotation);
    if (a.vararg)
      collectOpt(a.vararg->annotation);
    if (a.kwarg)
      collectOpt(a.kwarg->annotation);
    for (auto &p : a.kwonlyargs)
      collectOpt(p.annotation);
    if (returns)
      collectOpt(*returns);
  }

  // A binding target: names bind with `flag`; attributes and subscripts only
  // read their parts.  Works from the shape, not from `ctx`, so a target is a
  // target whatever the parser wrote.
  void collectTarget(Expr &e, unsigned flag) {
    switch (e.kind) {
    case ExprKind::Name:
      addDef(e.as<Name>()->id, flag, e.span);
      break;
    case ExprKind::Tuple:
      for (auto &x : e.as<Tuple>()->elts)
        collectTarget(*x, flag);
      break;
    case ExprKind::List:
      for (auto &x : e.as<List>()->elts)
        collectTarget(*x, flag);
      break;
    case ExprKind::Starred:
      collectTarget(*e.as<Starred>()->value, flag);
      break;
    default:
      collectExpr(e);
      break;
    }
  }

  // global/nonlocal x: an error if x was already used or bound here.
  void collectDirective(Stmt &s, const std::vector<std::string> &names, bool isGlobal) {
    const char *what = isGlobal ? "global" : "nonlocal";
    for (const auto &name : names) {
      unsigned cur = flagsOf(*cur_, name);
      if (cur & (DefParam | DefLocal | Use | DefAnnot)) {
        std::string msg;
        if (cur & DefParam)
          msg = "name " + quoted(name) + " is parameter and " + what;
        else if (cur & Use)
          msg = "name " + quoted(name) + " is used prior to " + what + " declaration";
        else if (cur & DefAnnot)
          msg = "annotated name " + quoted(name) + " can't be " + what;
        else
          msg = "name " + quoted(name) + " is assigned to before " + what + " declaration";
        error(s.span, std::move(msg));
        return;
      }
      addDef(name, isGlobal ? DefGlobal : DefNonlocal, s.span);
      cur_->directives.emplace_back(name, s.span);
      if (isGlobal)
        noteModuleGlobal(name, s.span);
    }
  }

  // CPython also records every `global x` in the module's own table, so the
  // module scope lists every global a function declares.
  void noteModuleGlobal(const std::string &name, Span span) {
    ScopeInfo &top = *byScope_.at(module_.scope);
    if (&top != cur_)
      addDefIn(top, name, DefGlobal, span);
  }

  void collectAlias(const Alias &a) {
    const std::string &name = a.asname.empty() ? a.name : a.asname;
    if (name == "*") {
      if (cur_->scope->kind != ScopeKind::Module)
        error(a.span, "import * only allowed at module level");
      return;
    }
    // `import a.b` binds `a`.
    addDef(name.substr(0, name.find('.')), DefImport, a.span);
  }

  void collectStmt(Stmt &s) {
    if (failed_)
      return;
    switch (s.kind) {
    case StmtKind::FunctionDef: {
      auto &f = *s.as<FunctionDef>();
      addDef(f.name, DefLocal, f.nameSpan.line ? f.nameSpan : f.span);
      collectDefaults(f.args);
      collectAnnotations(f.args, &f.returns);
      collectExprs(f.decorators);
      if (failed_)
        return;
      ScopeInfo *info = enter(ScopeKind::Function, f.name);
      info->scope->isAsync = f.isAsync;
      info->coroutine = f.isAsync;
      f.scope = info->scope;
      collectParams(f.args);
      collectStmts(f.body);
      exit();
      break;
    }
    case StmtKind::ClassDef: {
      auto &c = *s.as<ClassDef>();
      addDef(c.name, DefLocal, c.span);
      collectExprs(c.bases);
      for (auto &k : c.keywords)
        collectOpt(k.value);
      collectExprs(c.decorators);
      if (failed_)
        return;
      ScopeInfo *info = enter(ScopeKind::Class, c.name);
      c.scope = info->scope;
      collectStmts(c.body);
      exit();
      break;
    }
    case StmtKind::Return:
      collectOpt(s.as<Return>()->value);
      break;
    case StmtKind::Delete:
      for (auto &t : s.as<Delete>()->targets)
        collectTarget(*t, DefLocal);
      break;
    case StmtKind::Assign: {
      auto &a = *s.as<Assign>();
      for (auto &t : a.targets)
        collectTarget(*t, DefLocal);
      collectExpr(*a.value);
      break;
    }
    case StmtKind::AugAssign: {
      // CPython records only the binding, not a use, for `x += 1`.
      auto &a = *s.as<AugAssign>();
      collectTarget(*a.target, DefLocal);
      collectExpr(*a.value);
      break;
    }
    case StmtKind::AnnAssign: {
      auto &a = *s.as<AnnAssign>();
      if (a.target->kind == ExprKind::Name) {
        const std::string &id = a.target->as<Name>()->id;
        unsigned cur = flagsOf(*cur_, id);
        if ((cur & (DefGlobal | DefNonlocal)) && cur_->scope->kind != ScopeKind::Module &&
            a.simple) {
          error(s.span, "annotated name " + quoted(id) + " can't be " +
                            ((cur & DefGlobal) ? "global" : "nonlocal"));
          return;
        }
        if (a.simple)
          addDef(id, DefAnnot | DefLocal, a.target->span);
        else if (a.value)
          addDef(id, DefLocal, a.target->span);
      } else {
        collectTarget(*a.target, DefLocal);
      }
      collectOpt(a.annotation);
      collectOpt(a.value);
      break;
    }
    case StmtKind::For: {
      auto &f = *s.as<For>();
      if (f.isAsync)
        markAwaits(*cur_);
      collectTarget(*f.target, DefLocal);
      collectExpr(*f.iter);
      collectStmts(f.body);
      collectStmts(f.orelse);
      break;
    }
    case StmtKind::While: {
      auto &w = *s.as<While>();
      collectExpr(*w.test);
      collectStmts(w.body);
      collectStmts(w.orelse);
      break;
    }
    case StmtKind::If: {
      auto &i = *s.as<If>();
      collectExpr(*i.test);
      collectStmts(i.body);
      collectStmts(i.orelse);
      break;
    }
    case StmtKind::With: {
      auto &w = *s.as<With>();
      if (w.isAsync)
        markAwaits(*cur_);
      for (auto &item : w.items) {
        collectExpr(*item.contextExpr);
        if (item.optionalVars)
          collectTarget(*item.optionalVars, DefLocal);
      }
      collectStmts(w.body);
      break;
    }
    case StmtKind::Raise: {
      auto &r = *s.as<Raise>();
      collectOpt(r.exc);
      collectOpt(r.cause);
      break;
    }
    case StmtKind::Try: {
      auto &t = *s.as<Try>();
      collectStmts(t.body);
      collectStmts(t.orelse);
      for (auto &h : t.handlers) {
        collectOpt(h.type);
        if (!h.name.empty())
          addDef(h.name, DefLocal, h.span);
        collectStmts(h.body);
      }
      collectStmts(t.finalbody);
      break;
    }
    case StmtKind::Assert: {
      auto &a = *s.as<Assert>();
      collectExpr(*a.test);
      collectOpt(a.msg);
      break;
    }
    case StmtKind::Import:
      for (auto &a : s.as<Import>()->names)
        collectAlias(a);
      break;
    case StmtKind::ImportFrom:
      for (auto &a : s.as<ImportFrom>()->names)
        collectAlias(a);
      break;
    case StmtKind::Global:
      collectDirective(s, s.as<Global>()->names, true);
      break;
    case StmtKind::Nonlocal:
      collectDirective(s, s.as<Nonlocal>()->names, false);
      break;
    case StmtKind::ExprStmt:
      collectExpr(*s.as<ExprStmt>()->value);
      break;
    case StmtKind::Pass:
    case StmtKind::Break:
    case StmtKind::Continue:
      break;
    }
  }

  static void markAwaits(ScopeInfo &si) {
    si.coroutine = true;
    si.scope->hasAwait = true;
  }

  static const char *compScopeName(ExprKind k) {
    switch (k) {
    case ExprKind::ListComp:
      return "<listcomp>";
    case ExprKind::SetComp:
      return "<setcomp>";
    case ExprKind::DictComp:
      return "<dictcomp>";
    default:
      return "<genexpr>";
    }
  }
  static CompKind compKindOf(ExprKind k) {
    switch (k) {
    case ExprKind::ListComp:
      return CompKind::List;
    case ExprKind::SetComp:
      return CompKind::Set;
    case ExprKind::DictComp:
      return CompKind::Dict;
    default:
      return CompKind::Gen;
    }
  }

  void collectComp(Comp &c) {
    if (c.generators.empty())
      return;
    bool isGen = c.kind == ExprKind::GeneratorExp;
    Comprehension &first = c.generators[0];
    // The outermost iterable is evaluated in the enclosing scope.
    cur_->compIterExpr++;
    collectExpr(*first.iter);
    cur_->compIterExpr--;
    if (failed_)
      return;

    ScopeInfo *info = enter(ScopeKind::Comprehension, compScopeName(c.kind));
    info->comp = compKindOf(c.kind);
    c.scope = info->scope;
    if (first.isAsync)
      markAwaits(*info);
    info->compIterTarget = true;
    collectTarget(*first.target, DefLocal);
    info->compIterTarget = false;
    collectExprs(first.ifs);
    for (size_t i = 1; i < c.generators.size(); ++i) {
      Comprehension &g = c.generators[i];
      info->compIterTarget = true;
      collectTarget(*g.target, DefLocal);
      info->compIterTarget = false;
      info->compIterExpr++;
      collectExpr(*g.iter);
      info->compIterExpr--;
      collectExprs(g.ifs);
      if (g.isAsync)
        markAwaits(*info);
    }
    if (c.kind == ExprKind::DictComp) {
      // CPython visits the value before the key.
      collectOpt(c.value);
      collectOpt(c.key);
    } else {
      collectOpt(c.elt);
    }
    if (isGen)
      info->scope->isGenerator = true;
    info->scope->isGenerator = isGen;
    info->scope->isAsync = info->coroutine;
    bool awaitedInline = info->coroutine && !isGen;
    exit();
    if (awaitedInline)
      markAwaits(*cur_);
  }

  // A walrus inside a comprehension binds in the nearest enclosing function
  // (or the module), and the comprehension reaches it as a nonlocal.
  void extendNamedExprScope(Name &target) {
    const std::string &id = target.id;
    for (ScopeInfo *si = cur_; si; si = si->parent) {
      if (si->comp != CompKind::None) {
        if (flagsOf(*si, id) & DefCompIter) {
          error(target.span, "assignment expression cannot rebind comprehension "
                             "iteration variable " +
                                 quoted(id));
          return;
        }
        continue;
      }
      switch (si->scope->kind) {
      case ScopeKind::Function:
      case ScopeKind::Lambda: {
        unsigned there = flagsOf(*si, id);
        if (!addDef(id, (there & DefGlobal) ? DefGlobal : DefNonlocal, target.span))
          return;
        if (there & DefGlobal)
          noteModuleGlobal(id, target.span);
        cur_->directives.emplace_back(id, target.span);
        addDefIn(*si, id, DefLocal | DefWalrus, target.span);
        return;
      }
      case ScopeKind::Module:
        if (!addDef(id, DefGlobal, target.span))
          return;
        cur_->directives.emplace_back(id, target.span);
        addDefIn(*si, id, DefGlobal | DefWalrus, target.span);
        return;
      case ScopeKind::Class:
        error(target.span, "assignment expression within a comprehension cannot "
                           "be used in a class body");
        return;
      case ScopeKind::Comprehension:
        break;
      }
    }
  }

  void collectExpr(Expr &e) {
    if (failed_)
      return;
    switch (e.kind) {
    case ExprKind::Name: {
      auto &n = *e.as<Name>();
      if (n.ctx == Ctx::Load) {
        addDef(n.id, Use, n.span);
        // Zero-argument super() needs the class cell.
        if (isFunctionBlock(*cur_->scope) && n.id == "super")
          addDef("__class__", Use, n.span);
      } else {
        addDef(n.id, DefLocal, n.span);
      }
      break;
    }
    case ExprKind::Constant:
      break;
    case ExprKind::JoinedStr:
      collectExprs(e.as<JoinedStr>()->values);
      break;
    case ExprKind::FormattedValue: {
      auto &f = *e.as<FormattedValue>();
      collectExpr(*f.value);
      collectOpt(f.formatSpec);
      break;
    }
    case ExprKind::BinOp: {
      auto &b = *e.as<BinOp>();
      collectExpr(*b.left);
      collectExpr(*b.right);
      break;
    }
    case ExprKind::UnaryOp:
      collectExpr(*e.as<UnaryOp>()->operand);
      break;
    case ExprKind::BoolOp:
      collectExprs(e.as<BoolOp>()->values);
      break;
    case ExprKind::Compare: {
      auto &c = *e.as<Compare>();
      collectExpr(*c.left);
      collectExprs(c.comparators);
      break;
    }
    case ExprKind::Call: {
      auto &c = *e.as<Call>();
      collectExpr(*c.func);
      collectExprs(c.args);
      for (auto &k : c.keywords)
        collectOpt(k.value);
      break;
    }
    case ExprKind::Attribute:
      collectExpr(*e.as<Attribute>()->value);
      break;
    case ExprKind::Subscript: {
      auto &s = *e.as<Subscript>();
      collectExpr(*s.value);
      collectExpr(*s.index);
      break;
    }
    case ExprKind::Slice: {
      auto &s = *e.as<Slice>();
      collectOpt(s.lower);
      collectOpt(s.upper);
      collectOpt(s.step);
      break;
    }
    case ExprKind::Tuple:
      collectExprs(e.as<Tuple>()->elts);
      break;
    case ExprKind::List:
      collectExprs(e.as<List>()->elts);
      break;
    case ExprKind::Set:
      collectExprs(e.as<Set>()->elts);
      break;
    case ExprKind::Dict: {
      auto &d = *e.as<Dict>();
      collectExprs(d.keys);
      collectExprs(d.values);
      break;
    }
    case ExprKind::ListComp:
    case ExprKind::SetComp:
    case ExprKind::DictComp:
    case ExprKind::GeneratorExp:
      collectComp(*e.as<Comp>());
      break;
    case ExprKind::IfExp: {
      auto &i = *e.as<IfExp>();
      collectExpr(*i.test);
      collectExpr(*i.body);
      collectExpr(*i.orelse);
      break;
    }
    case ExprKind::Lambda: {
      auto &l = *e.as<Lambda>();
      collectDefaults(l.args);
      if (failed_)
        return;
      ScopeInfo *info = enter(ScopeKind::Lambda, "<lambda>");
      l.scope = info->scope;
      collectParams(l.args);
      collectExpr(*l.body);
      exit();
      break;
    }
    case ExprKind::Await:
      collectExpr(*e.as<Await>()->value);
      markAwaits(*cur_);
      break;
    case ExprKind::Yield:
    case ExprKind::YieldFrom: {
      ExprPtr &value = e.kind == ExprKind::Yield ? e.as<Yield>()->value : e.as<YieldFrom>()->value;
      collectOpt(value);
      cur_->scope->isGenerator = true;
      static const char *const inside[] = {
          nullptr, "'yield' inside list comprehension", "'yield' inside set comprehension",
          "'yield' inside dict comprehension", "'yield' inside generator expression"};
      if (cur_->comp != CompKind::None)
        error(e.span, inside[static_cast<int>(cur_->comp)]);
      break;
    }
    case ExprKind::Starred:
      collectExpr(*e.as<Starred>()->value);
      break;
    case ExprKind::NamedExpr: {
      auto &n = *e.as<NamedExpr>();
      if (cur_->compIterExpr > 0) {
        error(e.span, "assignment expression cannot be used in a comprehension "
                      "iterable expression");
        return;
      }
      if (cur_->comp != CompKind::None && n.target->kind == ExprKind::Name)
        extendNamedExprScope(*n.target->as<Name>());
      collectExpr(*n.value);
      collectTarget(*n.target, DefLocal);
      break;
    }
    }
  }

  // =========================================================================
  // Pass 2: analyze
  // =========================================================================

  void errorAtDirective(ScopeInfo &si, const std::string &name, std::string msg) {
    for (const auto &[n, span] : si.directives)
      if (n == name) {
        error(span, std::move(msg));
        return;
      }
    error(si.scope->find(name)->firstSpan, std::move(msg));
  }

  // analyze_name: decides one symbol's kind from its flags and what the
  // enclosing scopes bind.
  SymbolKind analyzeName(ScopeInfo &si, const std::string &name, unsigned flags, NameSet *bound,
                         NameSet &local, NameSet &free, NameSet &global) {
    if (flags & DefGlobal) {
      if (flags & DefNonlocal) {
        errorAtDirective(si, name, "name " + quoted(name) + " is nonlocal and global");
        return SymbolKind::GlobalExplicit;
      }
      global.add(name);
      if (bound)
        bound->discard(name);
      return SymbolKind::GlobalExplicit;
    }
    if (flags & DefNonlocal) {
      if (!bound) {
        errorAtDirective(si, name, "nonlocal declaration not allowed at module level");
        return SymbolKind::Free;
      }
      if (!bound->has(name)) {
        errorAtDirective(si, name, "no binding for nonlocal " + quoted(name) + " found");
        return SymbolKind::Free;
      }
      free.add(name);
      return SymbolKind::Free;
    }
    if (flags & DefBound) {
      local.add(name);
      global.discard(name);
      return SymbolKind::Local;
    }
    if (bound && bound->has(name)) {
      free.add(name);
      return SymbolKind::Free;
    }
    return SymbolKind::GlobalImplicit;
  }

  // analyze_block.  `bound` is null for the module; `free` collects the names
  // this block (and its children) need from outside.
  void analyzeBlock(ScopeInfo &si, NameSet *bound, NameSet &free, NameSet &global) {
    Scope &s = *si.scope;
    bool isClass = s.kind == ScopeKind::Class;
    NameSet local, newBound, newGlobal, newFree;
    if (isClass) {
      // Class names are invisible to nested functions: children see what
      // this class's parent saw.
      newGlobal.addAll(global);
      if (bound)
        newBound.addAll(*bound);
    }
    for (size_t i = 0; i < s.symbols.size() && !failed_; ++i)
      s.symbols[i].kind =
          analyzeName(si, s.symbols[i].name, si.flags[i], bound, local, free, global);
    if (failed_)
      return;
    if (!isClass) {
      if (isFunctionBlock(s))
        newBound.addAll(local);
      if (bound)
        newBound.addAll(*bound);
      newGlobal.addAll(global);
    } else {
      newBound.add("__class__");
    }

    for (ScopeInfo *child : si.children) {
      NameSet childBound = newBound, childFree, childGlobal = newGlobal;
      analyzeBlock(*child, &childBound, childFree, childGlobal);
      if (failed_)
        return;
      newFree.addAll(childFree);
    }

    if (isFunctionBlock(s)) {
      // A local that a child reads becomes a cell.
      for (auto &sym : s.symbols)
        if (sym.kind == SymbolKind::Local && newFree.discard(sym.name))
          sym.kind = SymbolKind::Cell;
    } else if (isClass) {
      if (newFree.discard("__class__"))
        si.needsClassClosure = true;
    }

    // Names free in children but not resolved here pass through this scope.
    for (const auto &name : newFree.names()) {
      int i = s.lookup(name);
      if (i >= 0) {
        if (isClass && (si.flags[i] & (DefBound | DefGlobal)))
          si.flags[i] |= DefFreeClass;
        continue;
      }
      if (bound && !bound->has(name))
        continue; // a global
      i = symbolIndex(si, name, Span{});
      s.symbols[i].kind = SymbolKind::Free;
    }
    free.addAll(newFree);
  }

  // Fills the Symbol flags, cellvars/freevars and qualnames from pass 2.
  void finish(ScopeInfo &si) {
    Scope &s = *si.scope;
    for (size_t i = 0; i < s.symbols.size(); ++i) {
      Symbol &sym = s.symbols[i];
      unsigned f = si.flags[i];
      sym.isParam = f & DefParam;
      sym.assigned = f & (DefBound | DefWalrus);
      sym.rebound = f & (DefLocal | DefImport | DefWalrus);
      sym.used = f & Use;
      if (s.kind == ScopeKind::Module && sym.kind == SymbolKind::Local)
        sym.kind = SymbolKind::GlobalImplicit;
      if (sym.kind == SymbolKind::Cell)
        s.cellvars.push_back(sym.name);
      if (sym.kind == SymbolKind::Free || (f & DefFreeClass))
        s.freevars.push_back(sym.name);
    }
    if (si.needsClassClosure) {
      if (s.lookup("__class__") < 0) {
        int i = symbolIndex(si, "__class__", Span{});
        s.symbols[i].kind = SymbolKind::Cell;
      }
      s.cellvars.push_back("__class__");
    }
    s.qualname = qualnameOf(s);
    for (ScopeInfo *c : si.children)
      finish(*c);
  }

  // compiler_set_qualname: "f.<locals>.g" below a function, "C.m" below a
  // class, just the name at top level or when declared global in its parent.
  static std::string qualnameOf(const Scope &s) {
    const Scope *p = s.parent;
    if (!p || p->kind == ScopeKind::Module)
      return s.name;
    if (s.kind == ScopeKind::Function || s.kind == ScopeKind::Class) {
      const Symbol *sym = p->find(s.name);
      if (sym && sym->kind == SymbolKind::GlobalExplicit)
        return s.name;
    }
    if (p->kind == ScopeKind::Function || p->kind == ScopeKind::Lambda)
      return p->qualname + ".<locals>." + s.name;
    return p->qualname + "." + s.name;
  }

  // =========================================================================
  // Pass 3: check and annotate, in compile order
  // =========================================================================

  struct Unit {
    ScopeInfo *si;
    int loopDepth; // enclosing loops in this scope (a def or class resets it)
  };

  bool isAsyncFunction(const Unit &u) const {
    return u.si->scope->kind == ScopeKind::Function && u.si->scope->isAsync;
  }
  bool isTopLevelAwait(const Unit &u) const {
    return opts_.allowTopLevelAwait && u.si->scope->kind == ScopeKind::Module;
  }

  void annotate(Unit &u, Name &n) {
    const Scope &s = *u.si->scope;
    int i = s.lookup(n.id);
    n.slot = -1;
    if (i < 0) {
      n.scope = NameScope::GlobalImplicit;
      return;
    }
    switch (s.symbols[i].kind) {
    case SymbolKind::Local:
      if (s.kind == ScopeKind::Class) {
        n.scope = NameScope::ClassBody;
      } else {
        n.scope = NameScope::Local;
        n.slot = i;
      }
      break;
    case SymbolKind::Cell:
      n.scope = NameScope::Cell;
      n.slot = i;
      break;
    case SymbolKind::Free:
      n.scope = NameScope::Free;
      n.slot = i;
      break;
    case SymbolKind::GlobalExplicit:
      n.scope = NameScope::GlobalExplicit;
      break;
    case SymbolKind::GlobalImplicit:
      n.scope = NameScope::GlobalImplicit;
      break;
    }
  }

  Unit unitFor(Scope *s) { return Unit{byScope_.at(s), 0}; }

  void checkStmts(Unit &u, StmtList &body) {
    for (auto &s : body) {
      if (failed_)
        return;
      checkStmt(u, *s);
    }
  }
  void checkExprs(Unit &u, ExprList &list) {
    for (auto &e : list)
      if (e)
        checkExpr(u, *e);
  }
  void checkOpt(Unit &u, ExprPtr &e) {
    if (e)
      checkExpr(u, *e);
  }
  void checkArgs(Unit &u, Arguments &a) {
    checkExprs(u, a.defaults);
    checkExprs(u, a.kwDefaults);
  }
  void checkAnnotations(Unit &u, Arguments &a) {
    for (auto &p : a.posonlyargs)
      checkOpt(u, p.annotation);
    for (auto &p : a.args)
      checkOpt(u, p.annotation);
    if (a.vararg)
      checkOpt(u, a.vararg->annotation);
    for (auto &p : a.kwonlyargs)
      checkOpt(u, p.annotation);
    if (a.kwarg)
      checkOpt(u, a.kwarg->annotation);
  }

  void checkStmt(Unit &u, Stmt &s) {
    if (failed_)
      return;
    switch (s.kind) {
    case StmtKind::FunctionDef: {
      auto &f = *s.as<FunctionDef>();
      checkExprs(u, f.decorators);
      checkArgs(u, f.args);
      checkAnnotations(u, f.args);
      checkOpt(u, f.returns);
      Unit inner = unitFor(f.scope);
      checkStmts(inner, f.body);
      break;
    }
    case StmtKind::ClassDef: {
      auto &c = *s.as<ClassDef>();
      checkExprs(u, c.decorators);
      Unit inner = unitFor(c.scope);
      checkStmts(inner, c.body);
      checkExprs(u, c.bases);
      for (auto &k : c.keywords)
        checkOpt(u, k.value);
      break;
    }
    case StmtKind::Return: {
      auto &r = *s.as<Return>();
      if (!isFunctionBlock(*u.si->scope))
        return error(s.span, "'return' outside function");
      if (r.value && u.si->coroutine && u.si->scope->isGenerator)
        return error(s.span, "'return' with value in async generator");
      checkOpt(u, r.value);
      break;
    }
    case StmtKind::Delete:
      checkExprs(u, s.as<Delete>()->targets);
      break;
    case StmtKind::Assign: {
      auto &a = *s.as<Assign>();
      checkExpr(u, *a.value);
      checkExprs(u, a.targets);
      break;
    }
    case StmtKind::AugAssign: {
      auto &a = *s.as<AugAssign>();
      checkExpr(u, *a.target);
      checkExpr(u, *a.value);
      break;
    }
    case StmtKind::AnnAssign: {
      auto &a = *s.as<AnnAssign>();
      checkOpt(u, a.value);
      checkExpr(u, *a.target);
      checkOpt(u, a.annotation);
      break;
    }
    case StmtKind::For: {
      auto &f = *s.as<For>();
      if (f.isAsync && !isTopLevelAwait(u) && !isAsyncFunction(u))
        return error(s.span, "'async for' outside async function");
      checkExpr(u, *f.iter);
      checkExpr(u, *f.target);
      u.loopDepth++;
      checkStmts(u, f.body);
      u.loopDepth--;
      checkStmts(u, f.orelse);
      break;
    }
    case StmtKind::While: {
      auto &w = *s.as<While>();
      checkExpr(u, *w.test);
      u.loopDepth++;
      checkStmts(u, w.body);
      u.loopDepth--;
      checkStmts(u, w.orelse);
      break;
    }
    case StmtKind::If: {
      auto &i = *s.as<If>();
      checkExpr(u, *i.test);
      checkStmts(u, i.body);
      checkStmts(u, i.orelse);
      break;
    }
    case StmtKind::With: {
      auto &w = *s.as<With>();
      if (w.isAsync && !isTopLevelAwait(u) && !isAsyncFunction(u))
        return error(s.span, "'async with' outside async function");
      for (auto &item : w.items) {
        checkExpr(u, *item.contextExpr);
        checkOpt(u, item.optionalVars);
      }
      checkStmts(u, w.body);
      break;
    }
    case StmtKind::Raise: {
      auto &r = *s.as<Raise>();
      checkOpt(u, r.exc);
      checkOpt(u, r.cause);
      break;
    }
    case StmtKind::Try: {
      auto &t = *s.as<Try>();
      checkStmts(u, t.body);
      checkStmts(u, t.orelse);
      for (auto &h : t.handlers) {
        checkOpt(u, h.type);
        checkStmts(u, h.body);
      }
      checkStmts(u, t.finalbody);
      break;
    }
    case StmtKind::Assert: {
      auto &a = *s.as<Assert>();
      checkExpr(u, *a.test);
      checkOpt(u, a.msg);
      break;
    }
    case StmtKind::ExprStmt:
      checkExpr(u, *s.as<ExprStmt>()->value);
      break;
    case StmtKind::Break:
      if (u.loopDepth == 0)
        error(s.span, "'break' outside loop");
      break;
    case StmtKind::Continue:
      if (u.loopDepth == 0)
        error(s.span, "'continue' not properly in loop");
      break;
    case StmtKind::Import:
    case StmtKind::ImportFrom:
    case StmtKind::Global:
    case StmtKind::Nonlocal:
    case StmtKind::Pass:
      break;
    }
  }

  void checkComp(Unit &u, Comp &c) {
    if (c.generators.empty() || !c.scope)
      return;
    Unit inner = unitFor(c.scope);
    // compiler_comprehension: an awaiting list/set/dict comprehension runs
    // inline, so its caller must be able to await.
    if (inner.si->coroutine && c.kind != ExprKind::GeneratorExp && !isAsyncFunction(u) &&
        u.si->scope->kind != ScopeKind::Comprehension && !isTopLevelAwait(u))
      return error(c.span, "asynchronous comprehension outside of an "
                           "asynchronous function");
    for (size_t i = 0; i < c.generators.size(); ++i) {
      Comprehension &g = c.generators[i];
      if (i > 0)
        checkExpr(inner, *g.iter);
      checkExpr(inner, *g.target);
      checkExprs(inner, g.ifs);
    }
    checkOpt(inner, c.elt);
    checkOpt(inner, c.key);
    checkOpt(inner, c.value);
    // The outermost iterable belongs to the enclosing scope.
    checkExpr(u, *c.generators[0].iter);
  }

  void checkExpr(Unit &u, Expr &e) {
    if (failed_)
      return;
    switch (e.kind) {
    case ExprKind::Name:
      annotate(u, *e.as<Name>());
      break;
    case ExprKind::Constant:
      break;
    case ExprKind::JoinedStr:
      checkExprs(u, e.as<JoinedStr>()->values);
      break;
    case ExprKind::FormattedValue: {
      auto &f = *e.as<FormattedValue>();
      checkExpr(u, *f.value);
      checkOpt(u, f.formatSpec);
      break;
    }
    case ExprKind::BinOp: {
      auto &b = *e.as<BinOp>();
      checkExpr(u, *b.left);
      checkExpr(u, *b.right);
      break;
    }
    case ExprKind::UnaryOp:
      checkExpr(u, *e.as<UnaryOp>()->operand);
      break;
    case ExprKind::BoolOp:
      checkExprs(u, e.as<BoolOp>()->values);
      break;
    case ExprKind::Compare: {
      auto &c = *e.as<Compare>();
      checkExpr(u, *c.left);
      checkExprs(u, c.comparators);
      break;
    }
    case ExprKind::Call: {
      auto &c = *e.as<Call>();
      checkExpr(u, *c.func);
      checkExprs(u, c.args);
      for (auto &k : c.keywords)
        checkOpt(u, k.value);
      break;
    }
    case ExprKind::Attribute:
      checkExpr(u, *e.as<Attribute>()->value);
      break;
    case ExprKind::Subscript: {
      auto &s = *e.as<Subscript>();
      checkExpr(u, *s.value);
      checkExpr(u, *s.index);
      break;
    }
    case ExprKind::Slice: {
      auto &s = *e.as<Slice>();
      checkOpt(u, s.lower);
      checkOpt(u, s.upper);
      checkOpt(u, s.step);
      break;
    }
    case ExprKind::Tuple:
      checkExprs(u, e.as<Tuple>()->elts);
      break;
    case ExprKind::List:
      checkExprs(u, e.as<List>()->elts);
      break;
    case ExprKind::Set:
      checkExprs(u, e.as<Set>()->elts);
      break;
    case ExprKind::Dict: {
      auto &d = *e.as<Dict>();
      for (size_t i = 0; i < d.values.size(); ++i) {
        if (i < d.keys.size())
          checkOpt(u, d.keys[i]);
        checkOpt(u, d.values[i]);
      }
      break;
    }
    case ExprKind::ListComp:
    case ExprKind::SetComp:
    case ExprKind::DictComp:
    case ExprKind::GeneratorExp:
      checkComp(u, *e.as<Comp>());
      break;
    case ExprKind::IfExp: {
      auto &i = *e.as<IfExp>();
      checkExpr(u, *i.test);
      checkExpr(u, *i.body);
      checkExpr(u, *i.orelse);
      break;
    }
    case ExprKind::Lambda: {
      auto &l = *e.as<Lambda>();
      checkArgs(u, l.args);
      Unit inner = unitFor(l.scope);
      checkExpr(inner, *l.body);
      break;
    }
    case ExprKind::Await:
      if (!isTopLevelAwait(u)) {
        if (!isFunctionBlock(*u.si->scope))
          return error(e.span, "'await' outside function");
        if (!isAsyncFunction(u) && u.si->scope->kind != ScopeKind::Comprehension)
          return error(e.span, "'await' outside async function");
      }
      checkExpr(u, *e.as<Await>()->value);
      break;
    case ExprKind::Yield:
      if (!isFunctionBlock(*u.si->scope))
        return error(e.span, "'yield' outside function");
      checkOpt(u, e.as<Yield>()->value);
      break;
    case ExprKind::YieldFrom:
      if (!isFunctionBlock(*u.si->scope))
        return error(e.span, "'yield' outside function");
      if (isAsyncFunction(u))
        return error(e.span, "'yield from' inside async function");
      checkExpr(u, *e.as<YieldFrom>()->value);
      break;
    case ExprKind::Starred:
      checkExpr(u, *e.as<Starred>()->value);
      break;
    case ExprKind::NamedExpr: {
      auto &n = *e.as<NamedExpr>();
      checkExpr(u, *n.value);
      checkExpr(u, *n.target);
      break;
    }
    }
  }
};

} // namespace

bool resolve(Module &m, Diagnostics &diag, const ResolveOptions &options) {
  Resolver r(m, diag, options);
  return r.run();
}

bool resolve(Module &m, Diagnostics &diag) { return resolve(m, diag, ResolveOptions{}); }

} // namespace tide

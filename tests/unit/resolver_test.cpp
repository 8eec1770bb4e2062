// resolver_test.cpp — the resolver against what CPython's symtable decides.
//
// Each test parses a small program, resolves it, and checks what codegen (or
// the user, for errors) would see: a name's kind in a scope, cell/free lists,
// qualnames, async/generator flags, and the first SyntaxError with its line.
// The expected values were checked against python3 3.11 (`symtable` module,
// `__qualname__`, and `compile()` for the error messages).
#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "ast.h"
#include "diag.h"
#include "parser.h"
#include "scope.h"

namespace tide {
namespace {

struct Resolved {
  Module module;
  Diagnostics diag;
  bool parsed = false;
  bool ok = false;
};

std::unique_ptr<Resolved> resolveSource(const std::string &src, ResolveOptions opts = {}) {
  auto r = std::make_unique<Resolved>();
  r->module = parseSource(src, "<test>", r->diag);
  r->parsed = !r->diag.hasErrors();
  if (r->parsed)
    r->ok = resolve(r->module, r->diag, opts);
  return r;
}

// Resolves a program that must be free of errors.
std::unique_ptr<Resolved> resolveOk(const std::string &src, ResolveOptions opts = {}) {
  auto r = resolveSource(src, opts);
  EXPECT_TRUE(r->parsed) << "parse failed: "
                         << (r->diag.hasErrors() ? r->diag.errors()[0].message : "");
  EXPECT_TRUE(r->ok) << "resolve failed: "
                     << (r->diag.hasErrors() ? r->diag.errors()[0].message : "");
  return r;
}

const Scope *scopeByQualname(const Module &m, const std::string &qualname) {
  for (const auto &s : m.scopes)
    if (s->qualname == qualname)
      return s.get();
  return nullptr;
}

// "L" local, "C" cell, "F" free, "GE" global explicit, "GI" global implicit,
// "-" no such symbol: short enough to compare many at once.
std::string kindOf(const Module &m, const std::string &qualname, const std::string &name) {
  const Scope *s = scopeByQualname(m, qualname);
  if (!s)
    return "no scope " + qualname;
  const Symbol *sym = s->find(name);
  if (!sym)
    return "-";
  switch (sym->kind) {
  case SymbolKind::Local:
    return "L";
  case SymbolKind::Cell:
    return "C";
  case SymbolKind::Free:
    return "F";
  case SymbolKind::GlobalExplicit:
    return "GE";
  case SymbolKind::GlobalImplicit:
    return "GI";
  }
  return "?";
}

using Names = std::vector<std::string>;

std::vector<std::string> symbolNames(const Scope &s) {
  std::vector<std::string> out;
  for (const auto &sym : s.symbols)
    out.push_back(sym.name);
  return out;
}

// Collects the Name nodes spelled `id`, in source order, from the parts of
// the tree these tests use.
void namesInExpr(Expr *e, const std::string &id, std::vector<Name *> &out);
void namesInStmts(StmtList &body, const std::string &id, std::vector<Name *> &out) {
  for (auto &sp : body) {
    Stmt &s = *sp;
    switch (s.kind) {
    case StmtKind::FunctionDef:
      namesInStmts(s.as<FunctionDef>()->body, id, out);
      break;
    case StmtKind::ClassDef:
      namesInStmts(s.as<ClassDef>()->body, id, out);
      break;
    case StmtKind::Assign:
      for (auto &t : s.as<Assign>()->targets)
        namesInExpr(t.get(), id, out);
      namesInExpr(s.as<Assign>()->value.get(), id, out);
      break;
    case StmtKind::Return:
      namesInExpr(s.as<Return>()->value.get(), id, out);
      break;
    case StmtKind::ExprStmt:
      namesInExpr(s.as<ExprStmt>()->value.get(), id, out);
      break;
    default:
      break;
    }
  }
}
void namesInExpr(Expr *e, const std::string &id, std::vector<Name *> &out) {
  if (!e)
    return;
  switch (e->kind) {
  case ExprKind::Name:
    if (e->as<Name>()->id == id)
      out.push_back(e->as<Name>());
    break;
  case ExprKind::BinOp:
    namesInExpr(e->as<BinOp>()->left.get(), id, out);
    namesInExpr(e->as<BinOp>()->right.get(), id, out);
    break;
  case ExprKind::Call:
    namesInExpr(e->as<Call>()->func.get(), id, out);
    for (auto &a : e->as<Call>()->args)
      namesInExpr(a.get(), id, out);
    break;
  case ExprKind::ListComp:
  case ExprKind::GeneratorExp: {
    auto *c = e->as<Comp>();
    namesInExpr(c->elt.get(), id, out);
    for (auto &g : c->generators) {
      namesInExpr(g.target.get(), id, out);
      namesInExpr(g.iter.get(), id, out);
    }
    break;
  }
  case ExprKind::Lambda:
    namesInExpr(e->as<Lambda>()->body.get(), id, out);
    break;
  default:
    break;
  }
}

// ---------------------------------------------------------------------------
// Module and function scopes
// ---------------------------------------------------------------------------

TEST(Resolver, ModuleNamesAreGlobal) {
  auto r = resolveOk("x = 1\nprint(x)\n");
  const Scope *mod = r->module.scope;
  ASSERT_NE(mod, nullptr);
  EXPECT_EQ(mod->kind, ScopeKind::Module);
  EXPECT_EQ(mod->name, "<module>");
  EXPECT_EQ(kindOf(r->module, mod->qualname, "x"), "GI");
  EXPECT_EQ(kindOf(r->module, mod->qualname, "print"), "GI");
  EXPECT_TRUE(mod->find("x")->assigned);
  EXPECT_TRUE(mod->find("x")->used);
  EXPECT_FALSE(mod->find("print")->assigned);
  std::vector<Name *> xs;
  namesInStmts(r->module.body, "x", xs);
  ASSERT_EQ(xs.size(), 2u);
  EXPECT_EQ(xs[0]->scope, NameScope::GlobalImplicit);
  EXPECT_EQ(xs[1]->slot, -1);
}

TEST(Resolver, GlobalDeclarationAtModuleLevelIsAllowed) {
  auto r = resolveOk("global x\nx = 1\n");
  EXPECT_EQ(kindOf(r->module, r->module.scope->qualname, "x"), "GE");
}

TEST(Resolver, ParametersComeFirstInOrder) {
  auto r = resolveOk("def f(p, /, a, b=1, *args, k, **kw):\n    d = a\n    return e\n");
  const Scope *f = scopeByQualname(r->module, "f");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->kind, ScopeKind::Function);
  EXPECT_EQ(symbolNames(*f), (Names{"p", "a", "b", "args", "k", "kw", "d", "e"}));
  for (const char *p : {"p", "a", "b", "args", "k", "kw"}) {
    EXPECT_TRUE(f->find(p)->isParam) << p;
    EXPECT_EQ(kindOf(r->module, "f", p), "L") << p;
  }
  EXPECT_FALSE(f->find("d")->isParam);
  EXPECT_EQ(kindOf(r->module, "f", "d"), "L");
  EXPECT_EQ(kindOf(r->module, "f", "e"), "GI");
  EXPECT_EQ(kindOf(r->module, "<module>", "f"), "GI");
}

TEST(Resolver, NameNodesGetScopeAndSlot) {
  auto r = resolveOk("def f(a):\n    b = a\n    return b + g\n");
  std::vector<Name *> as, bs, gs;
  namesInStmts(r->module.body, "a", as);
  namesInStmts(r->module.body, "b", bs);
  namesInStmts(r->module.body, "g", gs);
  ASSERT_EQ(as.size(), 1u);
  ASSERT_EQ(bs.size(), 2u);
  ASSERT_EQ(gs.size(), 1u);
  EXPECT_EQ(as[0]->scope, NameScope::Local);
  EXPECT_EQ(as[0]->slot, 0);
  EXPECT_EQ(bs[0]->scope, NameScope::Local);
  EXPECT_EQ(bs[0]->slot, 1);
  EXPECT_EQ(bs[1]->slot, 1);
  EXPECT_EQ(gs[0]->scope, NameScope::GlobalImplicit);
  EXPECT_EQ(gs[0]->slot, -1);
}

TEST(Resolver, EveryBindingFormMakesALocal) {
  auto r = resolveOk("def f(t):\n"
                     "    a, (b, *c) = t\n"
                     "    [l1, l2] = t\n"
                     "    for d in t: pass\n"
                     "    with t as e: pass\n"
                     "    try:\n        pass\n    except E as g:\n        pass\n"
                     "    del h\n"
                     "    i += 1\n"
                     "    j: int = 1\n"
                     "    k: int\n"
                     "    import os.path\n"
                     "    import a1.b1 as m\n"
                     "    from pkg import p, q as r\n"
                     "    def inner(): pass\n"
                     "    class K: pass\n"
                     "    if (w := 3): pass\n");
  for (const char *n : {"a", "b", "c", "l1", "l2", "d", "e", "g", "h", "i", "j", "k", "os", "m",
                        "p", "r", "inner", "K", "w"})
    EXPECT_EQ(kindOf(r->module, "f", n), "L") << n;
  EXPECT_EQ(kindOf(r->module, "f", "E"), "GI");
  EXPECT_EQ(kindOf(r->module, "f", "int"), "GI");
  EXPECT_EQ(kindOf(r->module, "f", "a1"), "-");
  EXPECT_EQ(kindOf(r->module, "f", "q"), "-");
  EXPECT_EQ(kindOf(r->module, "f", "pkg"), "-");
}

TEST(Resolver, UseBeforeAssignmentIsStillLocal) {
  auto r = resolveOk("def f():\n    print(x)\n    x = 1\n");
  EXPECT_EQ(kindOf(r->module, "f", "x"), "L");
}

TEST(Resolver, DefaultsDecoratorsAnnotationsEvaluateOutside) {
  auto r = resolveOk("def f():\n"
                     "    d = 1\n"
                     "    t = int\n"
                     "    y = 2\n"
                     "    @d\n"
                     "    def g(a: t = y, *, b=y) -> t:\n"
                     "        pass\n");
  for (const char *n : {"d", "t", "y"})
    EXPECT_EQ(kindOf(r->module, "f", n), "L") << n;
  const Scope *g = scopeByQualname(r->module, "f.<locals>.g");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(symbolNames(*g), (Names{"a", "b"}));
  EXPECT_TRUE(g->freevars.empty());
}

TEST(Resolver, GlobalInFunction) {
  auto r = resolveOk("def f():\n    global x\n    x = 1\n    def g():\n        return x\n");
  EXPECT_EQ(kindOf(r->module, "f", "x"), "GE");
  EXPECT_TRUE(scopeByQualname(r->module, "f")->find("x")->assigned);
  EXPECT_EQ(kindOf(r->module, "f.<locals>.g", "x"), "GI");
  // As in CPython's table, the module lists the global a function declares.
  EXPECT_EQ(kindOf(r->module, "<module>", "x"), "GE");
  std::vector<Name *> xs;
  namesInStmts(r->module.body, "x", xs);
  ASSERT_EQ(xs.size(), 2u);
  EXPECT_EQ(xs[0]->scope, NameScope::GlobalExplicit);
  EXPECT_EQ(xs[1]->scope, NameScope::GlobalImplicit);
}

// ---------------------------------------------------------------------------
// Closures
// ---------------------------------------------------------------------------

TEST(Resolver, ClosureMakesCellAndFree) {
  auto r = resolveOk("def f():\n    x = 1\n    def g():\n        return x\n    return g\n");
  const Scope *f = scopeByQualname(r->module, "f");
  const Scope *g = scopeByQualname(r->module, "f.<locals>.g");
  ASSERT_TRUE(f && g);
  EXPECT_EQ(kindOf(r->module, "f", "x"), "C");
  EXPECT_EQ(kindOf(r->module, "f", "g"), "L");
  EXPECT_EQ(f->cellvars, (Names{"x"}));
  EXPECT_EQ(kindOf(r->module, "f.<locals>.g", "x"), "F");
  EXPECT_EQ(g->freevars, (Names{"x"}));
  std::vector<Name *> xs;
  namesInStmts(r->module.body, "x", xs);
  ASSERT_EQ(xs.size(), 2u);
  EXPECT_EQ(xs[0]->scope, NameScope::Cell);
  EXPECT_EQ(xs[0]->slot, f->lookup("x"));
  EXPECT_EQ(xs[1]->scope, NameScope::Free);
  EXPECT_EQ(xs[1]->slot, g->lookup("x"));
}

TEST(Resolver, ParameterCapturedIsCell) {
  auto r = resolveOk("def f(n):\n    return lambda: n\n");
  EXPECT_EQ(kindOf(r->module, "f", "n"), "C");
  EXPECT_TRUE(scopeByQualname(r->module, "f")->find("n")->isParam);
  EXPECT_EQ(kindOf(r->module, "f.<locals>.<lambda>", "n"), "F");
}

TEST(Resolver, FreeThroughTwoLevels) {
  auto r = resolveOk("def f():\n"
                     "    x = 1\n"
                     "    y = 2\n"
                     "    def g():\n"
                     "        def h():\n"
                     "            return y + x\n"
                     "        return h\n"
                     "    return g\n");
  EXPECT_EQ(scopeByQualname(r->module, "f")->cellvars, (Names{"x", "y"}));
  // The intermediate function carries the variables through, as CPython does.
  EXPECT_EQ(kindOf(r->module, "f.<locals>.g", "x"), "F");
  EXPECT_EQ(kindOf(r->module, "f.<locals>.g", "y"), "F");
  EXPECT_EQ(scopeByQualname(r->module, "f.<locals>.g.<locals>.h")->freevars, (Names{"y", "x"}));
  EXPECT_EQ(scopeByQualname(r->module, "f.<locals>.g")->freevars.size(), 2u);
}

TEST(Resolver, InnerLocalShadowsOuter) {
  auto r = resolveOk("def f():\n    x = 1\n    def g():\n        x = 2\n        return x\n");
  EXPECT_EQ(kindOf(r->module, "f", "x"), "L");
  EXPECT_EQ(kindOf(r->module, "f.<locals>.g", "x"), "L");
  EXPECT_TRUE(scopeByQualname(r->module, "f")->cellvars.empty());
}

TEST(Resolver, ModuleLevelNamesAreNotClosedOver) {
  auto r = resolveOk("x = 1\ndef f():\n    return x\n");
  EXPECT_EQ(kindOf(r->module, "f", "x"), "GI");
  EXPECT_TRUE(scopeByQualname(r->module, "f")->freevars.empty());
}

TEST(Resolver, NonlocalRebindsEnclosing) {
  auto r = resolveOk("def counter():\n"
                     "    n = 0\n"
                     "    def inc():\n"
                     "        nonlocal n\n"
                     "        n += 1\n"
                     "        return n\n"
                     "    return inc\n");
  EXPECT_EQ(kindOf(r->module, "counter", "n"), "C");
  EXPECT_EQ(kindOf(r->module, "counter.<locals>.inc", "n"), "F");
  EXPECT_TRUE(scopeByQualname(r->module, "counter.<locals>.inc")->find("n")->assigned);
  EXPECT_EQ(scopeByQualname(r->module, "counter.<locals>.inc")->freevars, (Names{"n"}));
}

// ---------------------------------------------------------------------------
// Classes
// ---------------------------------------------------------------------------

TEST(Resolver, MethodsCannotSeeClassBodyNames) {
  auto r = resolveOk("class C:\n    y = 1\n    z = y\n    def m(self):\n        return y\n");
  const Scope *c = scopeByQualname(r->module, "C");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->kind, ScopeKind::Class);
  EXPECT_EQ(kindOf(r->module, "C", "y"), "L");
  EXPECT_EQ(kindOf(r->module, "C", "m"), "L");
  EXPECT_EQ(kindOf(r->module, "C.m", "y"), "GI");
  EXPECT_EQ(kindOf(r->module, "C.m", "self"), "L");
  std::vector<Name *> ys;
  namesInStmts(r->module.body, "y", ys);
  ASSERT_EQ(ys.size(), 3u);
  EXPECT_EQ(ys[0]->scope, NameScope::ClassBody);
  EXPECT_EQ(ys[1]->scope, NameScope::ClassBody);
  EXPECT_EQ(ys[1]->slot, -1);
  EXPECT_EQ(ys[2]->scope, NameScope::GlobalImplicit);
}

TEST(Resolver, ClassScopeIsSkippedForClosures) {
  // m's x comes from f, through the class; C's own x is a class-body name
  // that also passes f's cell on (CPython's DEF_FREE_CLASS).
  auto r = resolveOk("def f():\n"
                     "    x = 0\n"
                     "    class C:\n"
                     "        x = 1\n"
                     "        def m(self):\n"
                     "            return x\n"
                     "    return C\n");
  EXPECT_EQ(kindOf(r->module, "f", "x"), "C");
  EXPECT_EQ(kindOf(r->module, "f.<locals>.C", "x"), "L");
  EXPECT_EQ(scopeByQualname(r->module, "f.<locals>.C")->freevars, (Names{"x"}));
  EXPECT_EQ(kindOf(r->module, "f.<locals>.C.m", "x"), "F");
}

TEST(Resolver, ClassBodyReadsEnclosingFunction) {
  auto r = resolveOk("def f():\n    x = 1\n    class C:\n        y = x\n    return C\n");
  EXPECT_EQ(kindOf(r->module, "f", "x"), "C");
  EXPECT_EQ(kindOf(r->module, "f.<locals>.C", "x"), "F");
  EXPECT_EQ(kindOf(r->module, "f.<locals>.C", "y"), "L");
}

TEST(Resolver, SuperNeedsClassCell) {
  auto r = resolveOk("class C(B):\n    def m(self):\n        return super().m()\n");
  const Scope *c = scopeByQualname(r->module, "C");
  const Scope *m = scopeByQualname(r->module, "C.m");
  ASSERT_TRUE(c && m);
  EXPECT_EQ(c->cellvars, (Names{"__class__"}));
  EXPECT_EQ(m->freevars, (Names{"__class__"}));
  EXPECT_EQ(kindOf(r->module, "C.m", "super"), "GI");
  EXPECT_EQ(kindOf(r->module, "<module>", "B"), "GI");
}

// ---------------------------------------------------------------------------
// Qualified names, async and generators
// ---------------------------------------------------------------------------

TEST(Resolver, Qualnames) {
  auto r = resolveOk("def f():\n"
                     "    def g():\n        pass\n"
                     "    h = lambda: 0\n"
                     "class C:\n"
                     "    def m(self):\n"
                     "        return [x for x in self]\n"
                     "    class D:\n"
                     "        def n(self): pass\n");
  for (const char *q : {"f", "f.<locals>.g", "f.<locals>.<lambda>", "C", "C.m",
                        "C.m.<locals>.<listcomp>", "C.D", "C.D.n"})
    EXPECT_NE(scopeByQualname(r->module, q), nullptr) << q;
  const Scope *lam = scopeByQualname(r->module, "f.<locals>.<lambda>");
  ASSERT_NE(lam, nullptr);
  EXPECT_EQ(lam->kind, ScopeKind::Lambda);
  EXPECT_EQ(lam->name, "<lambda>");
  EXPECT_EQ(lam->parent, scopeByQualname(r->module, "f"));
  EXPECT_EQ(r->module.scope->children.size(), 2u);
  EXPECT_EQ(r->module.scopes.size(), 9u);
}

TEST(Resolver, FunctionDeclaredGlobalHasPlainQualname) {
  auto r = resolveOk("def f():\n    global g\n    def g():\n        pass\n");
  EXPECT_NE(scopeByQualname(r->module, "g"), nullptr);
  EXPECT_EQ(scopeByQualname(r->module, "f.<locals>.g"), nullptr);
}

TEST(Resolver, AsyncAndGeneratorFlags) {
  auto r = resolveOk("async def a():\n    await b()\n"
                     "def g():\n    yield 1\n"
                     "async def ag():\n    yield 1\n"
                     "def plain():\n    return 1\n"
                     "def yf():\n    yield from g()\n");
  const Scope *a = scopeByQualname(r->module, "a");
  const Scope *g = scopeByQualname(r->module, "g");
  const Scope *ag = scopeByQualname(r->module, "ag");
  const Scope *plain = scopeByQualname(r->module, "plain");
  ASSERT_TRUE(a && g && ag && plain);
  EXPECT_TRUE(a->isAsync);
  EXPECT_TRUE(a->hasAwait);
  EXPECT_FALSE(a->isGenerator);
  EXPECT_FALSE(g->isAsync);
  EXPECT_TRUE(g->isGenerator);
  EXPECT_TRUE(ag->isAsync);
  EXPECT_TRUE(ag->isGenerator);
  EXPECT_FALSE(ag->hasAwait);
  EXPECT_FALSE(plain->isAsync || plain->isGenerator || plain->hasAwait);
  EXPECT_TRUE(scopeByQualname(r->module, "yf")->isGenerator);
}

TEST(Resolver, AsyncForAndWithInAsyncDef) {
  auto r = resolveOk("async def f(s):\n"
                     "    async with s as c:\n"
                     "        async for x in c:\n"
                     "            break\n");
  EXPECT_TRUE(scopeByQualname(r->module, "f")->hasAwait);
  EXPECT_EQ(kindOf(r->module, "f", "c"), "L");
  EXPECT_EQ(kindOf(r->module, "f", "x"), "L");
}

TEST(Resolver, TopLevelAwaitWhenAllowed) {
  ResolveOptions opts;
  opts.allowTopLevelAwait = true;
  auto r = resolveOk("await f()\nasync for x in y:\n    pass\n[await z for z in w]\n", opts);
  EXPECT_TRUE(r->module.scope->hasAwait);
}

// ---------------------------------------------------------------------------
// Comprehensions
// ---------------------------------------------------------------------------

TEST(Resolver, ComprehensionIsItsOwnScope) {
  auto r = resolveOk("def f(xs):\n    return [x * k for x in xs if x]\n");
  const Scope *lc = scopeByQualname(r->module, "f.<locals>.<listcomp>");
  ASSERT_NE(lc, nullptr);
  EXPECT_EQ(lc->kind, ScopeKind::Comprehension);
  EXPECT_EQ(lc->name, "<listcomp>");
  EXPECT_EQ(kindOf(r->module, "f.<locals>.<listcomp>", "x"), "L");
  EXPECT_EQ(kindOf(r->module, "f.<locals>.<listcomp>", "k"), "GI");
  // The first iterable is evaluated in f: xs is neither captured nor seen.
  EXPECT_EQ(kindOf(r->module, "f.<locals>.<listcomp>", "xs"), "-");
  EXPECT_EQ(kindOf(r->module, "f", "xs"), "L");
  EXPECT_EQ(kindOf(r->module, "f", "x"), "-");
}

TEST(Resolver, LaterIterablesAreInsideTheComprehension) {
  auto r = resolveOk("def f(xs, ys):\n    return [(x, y) for x in xs for y in ys]\n");
  EXPECT_EQ(kindOf(r->module, "f", "xs"), "L");
  EXPECT_EQ(kindOf(r->module, "f", "ys"), "C");
  EXPECT_EQ(kindOf(r->module, "f.<locals>.<listcomp>", "ys"), "F");
  EXPECT_EQ(scopeByQualname(r->module, "f")->cellvars, (Names{"ys"}));
}

TEST(Resolver, ComprehensionKindsAndNames) {
  auto r = resolveOk("a = {x for x in s}\nb = {k: v for k, v in d}\nc = (y for y in s)\n");
  const Scope *sc = scopeByQualname(r->module, "<setcomp>");
  const Scope *dc = scopeByQualname(r->module, "<dictcomp>");
  const Scope *ge = scopeByQualname(r->module, "<genexpr>");
  ASSERT_TRUE(sc && dc && ge);
  EXPECT_FALSE(sc->isGenerator);
  EXPECT_FALSE(dc->isGenerator);
  EXPECT_TRUE(ge->isGenerator);
  EXPECT_EQ(kindOf(r->module, "<dictcomp>", "k"), "L");
  EXPECT_EQ(kindOf(r->module, "<dictcomp>", "v"), "L");
}

TEST(Resolver, ClassBodyComprehensionCannotSeeClassNames) {
  // Only the first iterable is evaluated in the class body.
  auto r = resolveOk("class C:\n    n = 3\n    xs = [n for i in range(n)]\n");
  EXPECT_EQ(kindOf(r->module, "C.<listcomp>", "n"), "GI");
  EXPECT_EQ(kindOf(r->module, "C", "n"), "L");
  EXPECT_EQ(kindOf(r->module, "C", "range"), "GI");
}

TEST(Resolver, NestedComprehensionQualname) {
  auto r = resolveOk("def f(m):\n    return [[c for c in row] for row in m]\n");
  EXPECT_EQ(kindOf(r->module, "f.<locals>.<listcomp>", "row"), "L");
  EXPECT_EQ(kindOf(r->module, "f.<locals>.<listcomp>.<listcomp>", "c"), "L");
}

TEST(Resolver, WalrusInComprehensionBindsInFunction) {
  auto r = resolveOk("def f(xs):\n    [last := x for x in xs]\n    return last\n");
  EXPECT_EQ(kindOf(r->module, "f", "last"), "C");
  EXPECT_EQ(kindOf(r->module, "f.<locals>.<listcomp>", "last"), "F");
  EXPECT_TRUE(scopeByQualname(r->module, "f.<locals>.<listcomp>")->find("last")->assigned);
  EXPECT_EQ(kindOf(r->module, "f.<locals>.<listcomp>", "x"), "L");
}

TEST(Resolver, WalrusInModuleComprehensionIsGlobal) {
  auto r = resolveOk("[y := x for x in xs]\nprint(y)\n");
  EXPECT_EQ(kindOf(r->module, "<listcomp>", "y"), "GE");
  EXPECT_EQ(kindOf(r->module, "<module>", "y"), "GE");
}

TEST(Resolver, AwaitInComprehensionInsideAsyncDef) {
  auto r = resolveOk("async def f(xs):\n"
                     "    a = [await x for x in xs]\n"
                     "    b = [x async for x in xs]\n"
                     "    c = (await x for x in xs)\n");
  const Scope *f = scopeByQualname(r->module, "f");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(f->children.size(), 3u);
  EXPECT_TRUE(f->children[0]->isAsync);
  EXPECT_TRUE(f->children[1]->isAsync);
  EXPECT_TRUE(f->children[2]->isAsync);
  EXPECT_TRUE(f->children[2]->isGenerator);
  EXPECT_TRUE(f->hasAwait);
}

TEST(Resolver, AsyncGeneratorExpressionOutsideAsyncIsAllowed) {
  auto r = resolveOk("def f(xs):\n    return (x async for x in xs)\n");
  const Scope *ge = scopeByQualname(r->module, "f.<locals>.<genexpr>");
  ASSERT_NE(ge, nullptr);
  EXPECT_TRUE(ge->isAsync);
  EXPECT_TRUE(ge->isGenerator);
}

// ---------------------------------------------------------------------------
// Errors: the first SyntaxError, worded as CPython 3.11 words it.
// ---------------------------------------------------------------------------

struct ErrorCase {
  const char *source;
  const char *message;
  uint32_t line;
};

// gtest prints a failing parameter with this.
void PrintTo(const ErrorCase &c, std::ostream *os) { *os << '"' << c.message << '"'; }

class ResolverError : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(ResolverError, ReportsCPythonMessage) {
  const ErrorCase &c = GetParam();
  auto r = resolveSource(c.source);
  ASSERT_TRUE(r->parsed) << "parse failed: "
                         << (r->diag.hasErrors() ? r->diag.errors()[0].message : "");
  EXPECT_FALSE(r->ok);
  ASSERT_EQ(r->diag.errors().size(), 1u);
  const Diagnostic &d = r->diag.errors()[0];
  EXPECT_EQ(d.kind, "SyntaxError");
  EXPECT_EQ(d.message, c.message);
  EXPECT_EQ(d.span.line, c.line);
}

const ErrorCase kErrorCases[] = {
    {"x = 1\nreturn x\n", "'return' outside function", 2},
    {"class C:\n    return 1\n", "'return' outside function", 2},
    {"break\n", "'break' outside loop", 1},
    {"for x in y:\n    def f():\n        break\n", "'break' outside loop", 3},
    {"for x in y:\n    pass\nelse:\n    break\n", "'break' outside loop", 4},
    {"while x:\n    class C:\n        break\n", "'break' outside loop", 3},
    {"def f():\n    continue\n", "'continue' not properly in loop", 2},
    {"await x\n", "'await' outside function", 1},
    {"class C:\n    await x\n", "'await' outside function", 2},
    {"def f():\n    await x\n", "'await' outside async function", 2},
    {"async def f():\n    g = lambda: await x\n", "'await' outside async function", 2},
    {"yield 1\n", "'yield' outside function", 1},
    {"class C:\n    x = yield\n", "'yield' outside function", 2},
    {"def f():\n    with a:\n        pass\n    async with a:\n        pass\n",
     "'async with' outside async function", 4},
    {"def f():\n    async for a in b:\n        pass\n", "'async for' outside async function", 2},
    {"async for a in b:\n    pass\n", "'async for' outside async function", 1},
    {"def f(xs):\n    return [x async for x in xs]\n",
     "asynchronous comprehension outside of an asynchronous function", 2},
    {"def f(xs):\n    return [await x for x in xs]\n",
     "asynchronous comprehension outside of an asynchronous function", 2},
    {"[x async for x in xs]\n", "asynchronous comprehension outside of an asynchronous function",
     1},
    {"x = 1\n\nnonlocal x\n", "name 'x' is assigned to before nonlocal declaration", 3},
    {"nonlocal x\n", "nonlocal declaration not allowed at module level", 1},
    {"def f():\n    nonlocal x\n", "no binding for nonlocal 'x' found", 2},
    {"x = 1\ndef f():\n    nonlocal x\n", "no binding for nonlocal 'x' found", 3},
    {"def f():\n    x = 1\n    class C:\n        def m(self):\n            nonlocal y\n",
     "no binding for nonlocal 'y' found", 5},
    {"class C:\n    x = 1\n    def m(self):\n        nonlocal x\n",
     "no binding for nonlocal 'x' found", 4},
    {"def f(x):\n    global x\n", "name 'x' is parameter and global", 2},
    {"def f():\n    x = 1\n    def g(x):\n        nonlocal x\n",
     "name 'x' is parameter and nonlocal", 4},
    {"def f():\n    x = 1\n    global x\n", "name 'x' is assigned to before global declaration", 3},
    {"def f():\n    x += 1\n    global x\n", "name 'x' is assigned to before global declaration",
     3},
    {"def f():\n    print(x)\n    x = 1\n    global x\n",
     "name 'x' is used prior to global declaration", 4},
    {"def f():\n    x = 1\n    def g():\n        x = 2\n        nonlocal x\n",
     "name 'x' is assigned to before nonlocal declaration", 5},
    {"def f():\n    x = 1\n    def g():\n        print(x)\n        nonlocal x\n",
     "name 'x' is used prior to nonlocal declaration", 5},
    {"def f():\n    x = 1\n    def g():\n        global x\n        nonlocal x\n",
     "name 'x' is nonlocal and global", 4},
    {"async def f():\n    yield 1\n    return 2\n", "'return' with value in async generator", 3},
    {"async def f():\n    yield from g()\n", "'yield from' inside async function", 2},
    {"def f(xs):\n    return [(yield x) for x in xs]\n", "'yield' inside list comprehension", 2},
    {"def f(xs):\n    return {(yield x) for x in xs}\n", "'yield' inside set comprehension", 2},
    {"def f(xs):\n    return {x: (yield) for x in xs}\n", "'yield' inside dict comprehension", 2},
    {"def f(xs):\n    return ((yield x) for x in xs)\n", "'yield' inside generator expression", 2},
    {"def f(xs):\n    return [x := 1 for x in xs]\n",
     "assignment expression cannot rebind comprehension iteration variable 'x'", 2},
    {"class C:\n    ys = [y := 1 for x in xs]\n",
     "assignment expression within a comprehension cannot be used in a class body", 2},
    {"ys = [x for x in (y := xs)]\n",
     "assignment expression cannot be used in a comprehension iterable expression", 1},
    {"def f():\n    from m import *\n", "import * only allowed at module level", 2},
    {"def f():\n    x: int\n    global x\n", "annotated name 'x' can't be global", 3},
    // Scope errors are found before placement errors, wherever they are.
    {"break\ndef f():\n    nonlocal q\n", "no binding for nonlocal 'q' found", 3},
    {"return 1\ndef f():\n    x = 1\n    global x\n",
     "name 'x' is assigned to before global declaration", 4},
};

INSTANTIATE_TEST_SUITE_P(CPythonMessages, ResolverError, ::testing::ValuesIn(kErrorCases));

// The parser already rejects `def f(a, a)`, so the resolver's own check (which
// CPython makes in its symtable) is reached by renaming a parameter afterwards.
TEST(Resolver, DuplicateParameter) {
  Diagnostics diag;
  Module m = parseSource("def f(a, b, *, c):\n    pass\n", "<test>", diag);
  ASSERT_FALSE(diag.hasErrors());
  auto &f = *m.body[0]->as<FunctionDef>();
  f.args.kwonlyargs[0].name = "a";
  EXPECT_FALSE(resolve(m, diag));
  ASSERT_EQ(diag.errors().size(), 1u);
  EXPECT_EQ(diag.errors()[0].message, "duplicate argument 'a' in function definition");
  EXPECT_EQ(diag.errors()[0].span.line, 1u);
  EXPECT_EQ(diag.errors()[0].span.col, f.args.kwonlyargs[0].span.col);
}

TEST(Resolver, BreakAndContinueInsideFinallyInLoopAreAllowed) {
  resolveOk("while x:\n    try:\n        pass\n    finally:\n        break\n"
            "for y in z:\n    try:\n        continue\n    finally:\n        continue\n");
}

TEST(Resolver, ErrorSpanPointsAtTheStatement) {
  auto r = resolveSource("def f():\n    if x:\n        return 1\nfor i in y:\n    pass\n"
                         "    continue\nbreak\n");
  ASSERT_TRUE(r->parsed);
  ASSERT_TRUE(r->diag.hasErrors());
  const Diagnostic &d = r->diag.errors()[0];
  EXPECT_EQ(d.message, "'break' outside loop");
  EXPECT_EQ(d.span.line, 7u);
  EXPECT_EQ(d.span.col, 1u);
}

TEST(Resolver, ResolvingTwiceGivesTheSameScopes) {
  auto r = resolveOk("def f():\n    x = 1\n    return lambda: x\n");
  Diagnostics again;
  ASSERT_TRUE(resolve(r->module, again));
  EXPECT_EQ(r->module.scopes.size(), 3u);
  EXPECT_EQ(kindOf(r->module, "f", "x"), "C");
}

} // namespace
} // namespace tide

// parser_test.cpp — what tree the parser builds for a source text, and the
// SyntaxError a user gets for malformed input.  Expected messages and
// positions are CPython 3.11's unless a comment says otherwise.
//
// Structure is asserted through a compact s-expression printer (below), so a
// test reads like the tree it expects: `1+2*3` → `(+ 1 (* 2 3))`.
#include "parser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "lexer.h"

namespace tide {
namespace {

// --- helpers ----------------------------------------------------------------

std::string sx(const Expr *e);

std::string sxList(const char *head, const ExprList &xs) {
  std::string out = std::string("(") + head;
  for (auto &x : xs)
    out += " " + sx(x.get());
  return out + ")";
}

const char *ctxMark(Ctx c) { return c == Ctx::Store ? "!" : c == Ctx::Del ? "~" : ""; }

std::string sxComp(const Comp &c) {
  std::string out;
  for (auto &g : c.generators) {
    out += std::string(g.isAsync ? " async-for " : " for ") + sx(g.target.get()) + " in " +
           sx(g.iter.get());
    for (auto &i : g.ifs)
      out += " if " + sx(i.get());
  }
  return out;
}

// Compact s-expressions.  Names carry their ctx: `x!` is a store, `x~` a del.
std::string sx(const Expr *e) {
  if (!e)
    return "_";
  switch (e->kind) {
  case ExprKind::Name: return e->as<Name>()->id + ctxMark(e->as<Name>()->ctx);
  case ExprKind::Constant: {
    auto *c = e->as<Constant>();
    switch (c->ckind) {
    case ConstKind::None: return "None";
    case ConstKind::True: return "True";
    case ConstKind::False: return "False";
    case ConstKind::Ellipsis: return "...";
    case ConstKind::Str: return "'" + c->value + "'";
    case ConstKind::Bytes: return "b'" + c->value + "'";
    case ConstKind::Imag: return c->value + "j";
    default: return c->value;
    }
  }
  case ExprKind::JoinedStr: return sxList("f", e->as<JoinedStr>()->values);
  case ExprKind::FormattedValue: {
    auto *f = e->as<FormattedValue>();
    std::string out = "(fv " + sx(f->value.get());
    if (f->conversion)
      out += std::string(" !") + f->conversion;
    if (f->formatSpec)
      out += " :" + sx(f->formatSpec.get());
    return out + ")";
  }
  case ExprKind::BinOp: {
    auto *b = e->as<BinOp>();
    return std::string("(") + binOpSymbol(b->op) + " " + sx(b->left.get()) + " " +
           sx(b->right.get()) + ")";
  }
  case ExprKind::UnaryOp: {
    auto *u = e->as<UnaryOp>();
    return std::string("(") + unaryOpSymbol(u->op) + " " + sx(u->operand.get()) + ")";
  }
  case ExprKind::BoolOp:
    return sxList(e->as<BoolOp>()->op == BoolOpKind::And ? "and" : "or",
                  e->as<BoolOp>()->values);
  case ExprKind::Compare: {
    auto *c = e->as<Compare>();
    std::string out = "(cmp " + sx(c->left.get());
    for (size_t i = 0; i < c->ops.size(); ++i)
      out += std::string(" ") + cmpOpSymbol(c->ops[i]) + " " + sx(c->comparators[i].get());
    return out + ")";
  }
  case ExprKind::Call: {
    auto *c = e->as<Call>();
    std::string out = "(call " + sx(c->func.get());
    for (auto &a : c->args)
      out += " " + sx(a.get());
    for (auto &k : c->keywords)
      out += " " + (k.name.empty() ? std::string("**") : k.name + "=") + sx(k.value.get());
    return out + ")";
  }
  case ExprKind::Attribute:
    return "(. " + sx(e->as<Attribute>()->value.get()) + " " + e->as<Attribute>()->attr + ")" +
           ctxMark(e->as<Attribute>()->ctx);
  case ExprKind::Subscript:
    return "([] " + sx(e->as<Subscript>()->value.get()) + " " +
           sx(e->as<Subscript>()->index.get()) + ")" + ctxMark(e->as<Subscript>()->ctx);
  case ExprKind::Slice: {
    auto *s = e->as<Slice>();
    return "(slice " + sx(s->lower.get()) + " " + sx(s->upper.get()) + " " +
           sx(s->step.get()) + ")";
  }
  case ExprKind::Tuple:
    return sxList("tuple", e->as<Tuple>()->elts) + ctxMark(e->as<Tuple>()->ctx);
  case ExprKind::List: return sxList("list", e->as<List>()->elts) + ctxMark(e->as<List>()->ctx);
  case ExprKind::Set: return sxList("set", e->as<Set>()->elts);
  case ExprKind::Dict: {
    auto *d = e->as<Dict>();
    std::string out = "(dict";
    for (size_t i = 0; i < d->keys.size(); ++i)
      out += d->keys[i] ? " " + sx(d->keys[i].get()) + ":" + sx(d->values[i].get())
                        : " **" + sx(d->values[i].get());
    return out + ")";
  }
  case ExprKind::ListComp:
    return "(listcomp " + sx(e->as<Comp>()->elt.get()) + sxComp(*e->as<Comp>()) + ")";
  case ExprKind::SetComp:
    return "(setcomp " + sx(e->as<Comp>()->elt.get()) + sxComp(*e->as<Comp>()) + ")";
  case ExprKind::GeneratorExp:
    return "(genexp " + sx(e->as<Comp>()->elt.get()) + sxComp(*e->as<Comp>()) + ")";
  case ExprKind::DictComp:
    return "(dictcomp " + sx(e->as<Comp>()->key.get()) + ":" + sx(e->as<Comp>()->value.get()) +
           sxComp(*e->as<Comp>()) + ")";
  case ExprKind::IfExp: {
    auto *i = e->as<IfExp>();
    return "(if " + sx(i->test.get()) + " " + sx(i->body.get()) + " " + sx(i->orelse.get()) +
           ")";
  }
  case ExprKind::Lambda: {
    auto *l = e->as<Lambda>();
    std::string params;
    for (auto &a : l->args.args)
      params += (params.empty() ? "" : " ") + a.name;
    return "(lambda (" + params + ") " + sx(l->body.get()) + ")";
  }
  case ExprKind::Await: return "(await " + sx(e->as<Await>()->value.get()) + ")";
  case ExprKind::Yield: return "(yield " + sx(e->as<Yield>()->value.get()) + ")";
  case ExprKind::YieldFrom: return "(yield-from " + sx(e->as<YieldFrom>()->value.get()) + ")";
  case ExprKind::Starred:
    return "(* " + sx(e->as<Starred>()->value.get()) + ")" + ctxMark(e->as<Starred>()->ctx);
  case ExprKind::NamedExpr:
    return "(:= " + sx(e->as<NamedExpr>()->target.get()) + " " +
           sx(e->as<NamedExpr>()->value.get()) + ")";
  }
  return "?";
}

Module parseOk(const std::string &src) {
  Diagnostics diag;
  Module m = parseSource(src, "t.py", diag);
  EXPECT_FALSE(diag.hasErrors()) << src << "\n  -> " << diag.errors()[0].message << " at "
                                 << diag.errors()[0].span.line << ":"
                                 << diag.errors()[0].span.col;
  return m;
}

// The s-expression of a one-line expression statement.
std::string expr(const std::string &src) {
  Module m = parseOk(src + "\n");
  if (m.body.size() != 1 || m.body[0]->kind != StmtKind::ExprStmt)
    return "<not one expression statement>";
  return sx(m.body[0]->as<ExprStmt>()->value.get());
}

// The first statement of a source text.
template <class T> const T *first(const Module &m, StmtKind k) {
  EXPECT_FALSE(m.body.empty());
  if (m.body.empty() || m.body[0]->kind != k)
    return nullptr;
  return m.body[0]->as<T>();
}

struct Err {
  std::string kind, message;
  uint32_t line = 0, col = 0;
};

Err error(const std::string &src) {
  Diagnostics diag;
  Module m = parseSource(src, "t.py", diag);
  EXPECT_TRUE(diag.hasErrors()) << "no error for: " << src;
  if (!diag.hasErrors())
    return {};
  const Diagnostic &d = diag.errors()[0];
  return {d.kind, d.message, d.span.line, d.span.col};
}

#define EXPECT_SYNTAX_ERROR(src, msg, ln, cl)                                   \
  do {                                                                          \
    Err e_ = error(src);                                                        \
    EXPECT_EQ(e_.kind, "SyntaxError") << (src);                                 \
    EXPECT_EQ(e_.message, msg) << (src);                                        \
    EXPECT_EQ(e_.line, ln) << (src);                                            \
    EXPECT_EQ(e_.col, cl) << (src);                                             \
  } while (0)

// --- precedence -------------------------------------------------------------

TEST(ParserPrecedence, ArithmeticBindsTighterThanAddition) {
  EXPECT_EQ(expr("1+2*3"), "(+ 1 (* 2 3))");
  EXPECT_EQ(expr("1*2+3"), "(+ (* 1 2) 3)");
  EXPECT_EQ(expr("a - b - c"), "(- (- a b) c)");
  EXPECT_EQ(expr("a // b % c @ d / e"), "(/ (@ (% (// a b) c) d) e)");
}

TEST(ParserPrecedence, PowerIsRightAssociativeAndBindsTighterThanUnaryOnItsLeft) {
  EXPECT_EQ(expr("-2**2"), "(- (** 2 2))");
  EXPECT_EQ(expr("2**3**2"), "(** 2 (** 3 2))");
  EXPECT_EQ(expr("2**-1"), "(** 2 (- 1))");
  EXPECT_EQ(expr("-a ** -b"), "(- (** a (- b)))");
}

TEST(ParserPrecedence, BitwiseAndShiftLevels) {
  EXPECT_EQ(expr("a | b ^ c & d << e + f"), "(| a (^ b (& c (<< d (+ e f)))))");
  EXPECT_EQ(expr("~a >> 1"), "(>> (~ a) 1)");
}

TEST(ParserPrecedence, NotIsLooserThanComparison) {
  EXPECT_EQ(expr("not a == b"), "(not (cmp a == b))");
  EXPECT_EQ(expr("not not a"), "(not (not a))");
}

TEST(ParserPrecedence, BooleanOperatorsFlattenAndNest) {
  EXPECT_EQ(expr("a or b or c"), "(or a b c)");
  EXPECT_EQ(expr("a and b or c and d"), "(or (and a b) (and c d))");
  EXPECT_EQ(expr("a or not b and c"), "(or a (and (not b) c))");
}

TEST(ParserPrecedence, ChainedComparisonsIncludingTwoWordOperators) {
  EXPECT_EQ(expr("a < b <= c"), "(cmp a < b <= c)");
  EXPECT_EQ(expr("a not in b is not c"), "(cmp a not in b is not c)");
  EXPECT_EQ(expr("a is b in c != d"), "(cmp a is b in c != d)");
  EXPECT_EQ(expr("a | b < c + d"), "(cmp (| a b) < (+ c d))");
}

TEST(ParserPrecedence, ConditionalExpressionAndLambda) {
  EXPECT_EQ(expr("a if b else c"), "(if b a c)");
  EXPECT_EQ(expr("a if b else c if d else e"), "(if b a (if d c e))");
  EXPECT_EQ(expr("a or b if c and d else e"), "(if (and c d) (or a b) e)");
  EXPECT_EQ(expr("lambda x, y: x + y"), "(lambda (x y) (+ x y))");
  EXPECT_EQ(expr("lambda: a if b else c"), "(lambda () (if b a c))");
}

TEST(ParserPrecedence, AwaitBindsTighterThanPower) {
  EXPECT_EQ(expr("await a ** 2"), "(** (await a) 2)");
  EXPECT_EQ(expr("-await f()"), "(- (await (call f)))");
}

// --- primaries and atoms ------------------------------------------------------

TEST(ParserPrimary, CallsAttributesSubscriptsChainLeftToRight) {
  EXPECT_EQ(expr("a.b(c)[d].e"), "(. ([] (call (. a b) c) d) e)");
}

TEST(ParserPrimary, Slices) {
  EXPECT_EQ(expr("a[1:2:3]"), "([] a (slice 1 2 3))");
  EXPECT_EQ(expr("a[::2]"), "([] a (slice _ _ 2))");
  EXPECT_EQ(expr("a[:]"), "([] a (slice _ _ _))");
  EXPECT_EQ(expr("a[1:2, 3]"), "([] a (tuple (slice 1 2 _) 3))");
  EXPECT_EQ(expr("a[x:]"), "([] a (slice x _ _))");
  EXPECT_EQ(expr("a[1,]"), "([] a (tuple 1))");
}

TEST(ParserPrimary, CallArgumentKinds) {
  EXPECT_EQ(expr("f(a, *b, k=1, **m)"), "(call f a (* b) k=1 **m)");
  EXPECT_EQ(expr("f()"), "(call f)");
  EXPECT_EQ(expr("f(a,)"), "(call f a)");
  EXPECT_EQ(expr("f(x := 1)"), "(call f (:= x! 1))");
}

TEST(ParserPrimary, GeneratorExpressionAsSoleArgument) {
  EXPECT_EQ(expr("sum(x*x for x in xs)"), "(call sum (genexp (* x x) for x! in xs))");
  EXPECT_EQ(expr("f((x for x in y), z)"), "(call f (genexp x for x! in y) z)");
}

TEST(ParserAtoms, TuplesListsAndParentheses) {
  EXPECT_EQ(expr("()"), "(tuple)");
  EXPECT_EQ(expr("(1,)"), "(tuple 1)");
  EXPECT_EQ(expr("(1)"), "1");
  EXPECT_EQ(expr("1, 2"), "(tuple 1 2)");
  EXPECT_EQ(expr("[]"), "(list)");
  EXPECT_EQ(expr("[1, *a, 2,]"), "(list 1 (* a) 2)");
  EXPECT_EQ(expr("(*a, b)"), "(tuple (* a) b)");
}

TEST(ParserAtoms, DictsAndSets) {
  EXPECT_EQ(expr("{}"), "(dict)");
  EXPECT_EQ(expr("{1: 2, **m, 3: 4}"), "(dict 1:2 **m 3:4)");
  EXPECT_EQ(expr("{1, 2, *s}"), "(set 1 2 (* s))");
  EXPECT_EQ(expr("{**m}"), "(dict **m)");
}

TEST(ParserAtoms, Comprehensions) {
  EXPECT_EQ(expr("[x for x in y if x if z for w in x]"),
            "(listcomp x for x! in y if x if z for w! in x)");
  EXPECT_EQ(expr("{k: v for k, v in d}"), "(dictcomp k:v for (tuple k! v!)! in d)");
  EXPECT_EQ(expr("{x for x in y}"), "(setcomp x for x! in y)");
  EXPECT_EQ(expr("(x for x in y)"), "(genexp x for x! in y)");
  EXPECT_EQ(expr("[x async for x in y]"), "(listcomp x async-for x! in y)");
  // The iterable of a comprehension is a disjunction: `if` starts a filter.
  EXPECT_SYNTAX_ERROR("[x for x in a if b else c]\n", "invalid syntax", 1u, 20u);
}

TEST(ParserAtoms, ConstantsKeepTheirLiteralText) {
  EXPECT_EQ(expr("True, False, None, ..."), "(tuple True False None ...)");
  EXPECT_EQ(expr("0x1f"), "0x1f");
  EXPECT_EQ(expr("1_000"), "1000");
  EXPECT_EQ(expr("1.5"), "1.5");
  EXPECT_EQ(expr("2j"), "2j");
}

TEST(ParserAtoms, AdjacentStringsConcatenate) {
  EXPECT_EQ(expr("'a' \"b\" 'c'"), "'abc'");
  EXPECT_EQ(expr("b'a' b'b'"), "b'ab'");
}

TEST(ParserAtoms, WalrusInParenthesesAndConditions) {
  EXPECT_EQ(expr("(x := 5)"), "(:= x! 5)");
  Module m = parseOk("if (n := len(a)) > 10: pass\n");
  auto *i = first<If>(m, StmtKind::If);
  ASSERT_TRUE(i);
  EXPECT_EQ(sx(i->test.get()), "(cmp (:= n! (call len a)) > 10)");
  Module w = parseOk("while chunk := read(): pass\n");
  auto *wh = first<While>(w, StmtKind::While);
  ASSERT_TRUE(wh);
  EXPECT_EQ(sx(wh->test.get()), "(:= chunk! (call read))");
}

TEST(ParserAtoms, YieldForms) {
  Module m = parseOk("def g():\n    yield\n    yield 1, 2\n    yield from x\n    y = yield\n"
                     "    z = (yield)\n");
  auto *g = first<FunctionDef>(m, StmtKind::FunctionDef);
  ASSERT_TRUE(g);
  ASSERT_EQ(g->body.size(), 5u);
  EXPECT_EQ(sx(g->body[0]->as<ExprStmt>()->value.get()), "(yield _)");
  EXPECT_EQ(sx(g->body[1]->as<ExprStmt>()->value.get()), "(yield (tuple 1 2))");
  EXPECT_EQ(sx(g->body[2]->as<ExprStmt>()->value.get()), "(yield-from x)");
  EXPECT_EQ(sx(g->body[3]->as<Assign>()->value.get()), "(yield _)");
  EXPECT_EQ(sx(g->body[4]->as<Assign>()->value.get()), "(yield _)");
}

// --- f-strings ----------------------------------------------------------------

TEST(ParserFString, LiteralAndFieldParts) {
  EXPECT_EQ(expr("f'a{x}b'"), "(f 'a' (fv x) 'b')");
  EXPECT_EQ(expr("f'{x!r:>10}'"), "(f (fv x !r :(f '>10')))");
  EXPECT_EQ(expr("f'{{}}{a}'"), "(f '{}' (fv a))");
  EXPECT_EQ(expr("f''"), "(f)");
}

TEST(ParserFString, NestedFieldsInFormatSpec) {
  EXPECT_EQ(expr("f'{x:{w}.{p}f}'"), "(f (fv x :(f (fv w) '.' (fv p) 'f')))");
}

TEST(ParserFString, SelfDocumentingForm) {
  EXPECT_EQ(expr("f'{x=}'"), "(f 'x=' (fv x !r))");
  EXPECT_EQ(expr("f'{x = }'"), "(f 'x = ' (fv x !r))");
  EXPECT_EQ(expr("f'{x=!s}'"), "(f 'x=' (fv x !s))");
  EXPECT_EQ(expr("f'{x=:>4}'"), "(f 'x=' (fv x :(f '>4')))");
}

TEST(ParserFString, ConcatenationWithPlainStringsMakesOneJoinedStr) {
  EXPECT_EQ(expr("'a' f'{x}' 'b' f'c'"), "(f 'a' (fv x) 'bc')");
}

TEST(ParserFString, ExpressionsInsideFieldsAreFullExpressions) {
  EXPECT_EQ(expr("f'{a[\"k\"] + f(1, y=2)}'"), "(f (fv (+ ([] a 'k') (call f 1 y=2))))");
  EXPECT_EQ(expr("f'{a == b}'"), "(f (fv (cmp a == b)))");
  EXPECT_EQ(expr("f'{a, b}'"), "(f (fv (tuple a b)))");
  EXPECT_EQ(expr("f'{\"n\" + f\"{b}\"}'"), "(f (fv (+ 'n' (f (fv b)))))");
}

TEST(ParserFString, EscapesDecodedUnlessRaw) {
  EXPECT_EQ(expr("f'\\t{x}\\n'"), "(f '\t' (fv x) '\n')");
  EXPECT_EQ(expr("rf'\\n{x}'"), "(f '\\n' (fv x))");
}

TEST(ParserFString, FieldExpressionsHaveSourcePositions) {
  Module m = parseOk("s = f'ab{xy + 1}'\n");
  auto *a = first<Assign>(m, StmtKind::Assign);
  ASSERT_TRUE(a);
  auto *j = a->value->as<JoinedStr>();
  ASSERT_EQ(j->values.size(), 2u);
  auto *fv = j->values[1]->as<FormattedValue>();
  EXPECT_EQ(fv->value->span.line, 1u);
  EXPECT_EQ(fv->value->span.col, 10u); // "xy"
  EXPECT_EQ(fv->value->as<BinOp>()->right->span.col, 15u);
}

TEST(ParserFString, Errors) {
  EXPECT_SYNTAX_ERROR("f'{}'\n", "f-string: empty expression not allowed", 1u, 4u);
  EXPECT_SYNTAX_ERROR("f'a}'\n", "f-string: single '}' is not allowed", 1u, 4u);
  EXPECT_SYNTAX_ERROR("f'{x!z}'\n",
                      "f-string: invalid conversion character: expected 's', 'r', or 'a'", 1u,
                      6u);
  EXPECT_EQ(error("f'{a b}'\n").message, "f-string: invalid syntax. Perhaps you forgot a comma?");
  EXPECT_EQ(error("x = f'{x'\n").message, "f-string: expecting '}'");
}

// --- statements ----------------------------------------------------------------

TEST(ParserStatements, AssignmentChainsStoreEveryTarget) {
  Module m = parseOk("a = b.c = d[0] = 1\n");
  auto *a = first<Assign>(m, StmtKind::Assign);
  ASSERT_TRUE(a);
  ASSERT_EQ(a->targets.size(), 3u);
  EXPECT_EQ(sx(a->targets[0].get()), "a!");
  EXPECT_EQ(sx(a->targets[1].get()), "(. b c)!");
  EXPECT_EQ(sx(a->targets[2].get()), "([] d 0)!");
  EXPECT_EQ(sx(a->value.get()), "1");
}

TEST(ParserStatements, TupleUnpackingWithStar) {
  Module m = parseOk("a, *b = xs\n[c, (d, e)] = ys\n");
  EXPECT_EQ(sx(m.body[0]->as<Assign>()->targets[0].get()), "(tuple a! (* b!)!)!");
  EXPECT_EQ(sx(m.body[1]->as<Assign>()->targets[0].get()), "(list c! (tuple d! e!)!)!");
}

TEST(ParserStatements, AugmentedAssignmentAllOperators) {
  const char *ops[] = {"+=", "-=", "*=", "/=", "//=", "%=", "**=", "|=", "&=", "^=", "<<=",
                       ">>=", "@="};
  const char *syms[] = {"+", "-", "*", "/", "//", "%", "**", "|", "&", "^", "<<", ">>", "@"};
  for (size_t i = 0; i < 13; ++i) {
    Module m = parseOk(std::string("x ") + ops[i] + " 2\n");
    auto *a = first<AugAssign>(m, StmtKind::AugAssign);
    ASSERT_TRUE(a) << ops[i];
    EXPECT_STREQ(binOpSymbol(a->op), syms[i]);
    EXPECT_EQ(sx(a->target.get()), "x!");
  }
}

TEST(ParserStatements, AnnotatedAssignment) {
  Module m = parseOk("x: int = 5\ny: list\n(z): int\na.b: str = 'q'\n");
  auto *a = m.body[0]->as<AnnAssign>();
  EXPECT_EQ(sx(a->target.get()), "x!");
  EXPECT_EQ(sx(a->annotation.get()), "int");
  EXPECT_EQ(sx(a->value.get()), "5");
  EXPECT_TRUE(a->simple);
  EXPECT_EQ(m.body[1]->as<AnnAssign>()->value, nullptr);
  EXPECT_FALSE(m.body[2]->as<AnnAssign>()->simple);
  EXPECT_FALSE(m.body[3]->as<AnnAssign>()->simple);
}

TEST(ParserStatements, IfElifElseNestsElifInOrelse) {
  Module m = parseOk("if a:\n    x = 1\nelif b:\n    x = 2\nelse:\n    x = 3\n");
  auto *i = first<If>(m, StmtKind::If);
  ASSERT_TRUE(i);
  ASSERT_EQ(i->orelse.size(), 1u);
  ASSERT_EQ(i->orelse[0]->kind, StmtKind::If);
  auto *elif = i->orelse[0]->as<If>();
  EXPECT_EQ(sx(elif->test.get()), "b");
  EXPECT_EQ(elif->span.line, 3u);
  ASSERT_EQ(elif->orelse.size(), 1u);
  EXPECT_EQ(i->span.endLine, 6u);
}

TEST(ParserStatements, WhileAndForWithElse) {
  Module m = parseOk("while x:\n    break\nelse:\n    pass\nfor i, j in e(xs):\n    continue\n"
                     "else:\n    pass\n");
  auto *w = m.body[0]->as<While>();
  EXPECT_EQ(w->body[0]->kind, StmtKind::Break);
  EXPECT_EQ(w->orelse[0]->kind, StmtKind::Pass);
  auto *f = m.body[1]->as<For>();
  EXPECT_EQ(sx(f->target.get()), "(tuple i! j!)!");
  EXPECT_EQ(sx(f->iter.get()), "(call e xs)");
  EXPECT_EQ(f->body[0]->kind, StmtKind::Continue);
  EXPECT_EQ(f->orelse.size(), 1u);
}

TEST(ParserStatements, FunctionDefinitionWithEveryParameterKind) {
  Module m = parseOk("@dec\n@mod.dec(1)\ndef f(a, b=1, /, c=2, *args, d, e=3, **kw) -> int:\n"
                     "    return a\n");
  auto *f = first<FunctionDef>(m, StmtKind::FunctionDef);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->name, "f");
  EXPECT_EQ(f->decorators.size(), 2u);
  ASSERT_EQ(f->args.posonlyargs.size(), 2u);
  EXPECT_EQ(f->args.posonlyargs[1].name, "b");
  ASSERT_EQ(f->args.args.size(), 1u);
  EXPECT_EQ(f->args.args[0].name, "c");
  EXPECT_EQ(f->args.defaults.size(), 2u);
  ASSERT_TRUE(f->args.vararg);
  EXPECT_EQ(f->args.vararg->name, "args");
  ASSERT_EQ(f->args.kwonlyargs.size(), 2u);
  ASSERT_EQ(f->args.kwDefaults.size(), 2u);
  EXPECT_EQ(f->args.kwDefaults[0], nullptr);
  EXPECT_EQ(sx(f->args.kwDefaults[1].get()), "3");
  ASSERT_TRUE(f->args.kwarg);
  EXPECT_EQ(f->args.kwarg->name, "kw");
  EXPECT_EQ(sx(f->returns.get()), "int");
  EXPECT_EQ(f->span.line, 3u) << "as in Python, a decorated def starts at 'def'";
}

TEST(ParserStatements, AnnotationsAndKeywordOnlyAfterBareStar) {
  Module m = parseOk("def f(x: int, *, y: str = 'a'): pass\n");
  auto *f = first<FunctionDef>(m, StmtKind::FunctionDef);
  ASSERT_TRUE(f);
  EXPECT_EQ(sx(f->args.args[0].annotation.get()), "int");
  EXPECT_EQ(f->args.vararg, nullptr);
  EXPECT_EQ(f->args.kwonlyargs[0].name, "y");
  EXPECT_EQ(sx(f->args.kwonlyargs[0].annotation.get()), "str");
}

TEST(ParserStatements, AsyncForms) {
  Module m = parseOk("async def f():\n    async for x in y:\n        await x\n"
                     "    async with a as b:\n        pass\n");
  auto *f = first<FunctionDef>(m, StmtKind::FunctionDef);
  ASSERT_TRUE(f);
  EXPECT_TRUE(f->isAsync);
  ASSERT_EQ(f->body.size(), 2u);
  EXPECT_TRUE(f->body[0]->as<For>()->isAsync);
  EXPECT_TRUE(f->body[1]->as<With>()->isAsync);
}

TEST(ParserStatements, ClassWithBasesAndKeywords) {
  Module m = parseOk("class A(B, C, metaclass=M):\n    def m(self): return self.x\n");
  auto *c = first<ClassDef>(m, StmtKind::ClassDef);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->name, "A");
  EXPECT_EQ(c->bases.size(), 2u);
  ASSERT_EQ(c->keywords.size(), 1u);
  EXPECT_EQ(c->keywords[0].name, "metaclass");
  EXPECT_EQ(c->body[0]->kind, StmtKind::FunctionDef);
}

TEST(ParserStatements, TryExceptElseFinally) {
  Module m = parseOk("try:\n    pass\nexcept (A, B) as e:\n    raise X from Y\nexcept C:\n"
                     "    raise\nexcept:\n    pass\nelse:\n    pass\nfinally:\n    pass\n");
  auto *t = first<Try>(m, StmtKind::Try);
  ASSERT_TRUE(t);
  ASSERT_EQ(t->handlers.size(), 3u);
  EXPECT_EQ(sx(t->handlers[0].type.get()), "(tuple A B)");
  EXPECT_EQ(t->handlers[0].name, "e");
  auto *r = t->handlers[0].body[0]->as<Raise>();
  EXPECT_EQ(sx(r->exc.get()), "X");
  EXPECT_EQ(sx(r->cause.get()), "Y");
  EXPECT_EQ(t->handlers[1].body[0]->as<Raise>()->exc, nullptr);
  EXPECT_EQ(t->handlers[2].type, nullptr);
  EXPECT_EQ(t->orelse.size(), 1u);
  EXPECT_EQ(t->finalbody.size(), 1u);
  EXPECT_EQ(t->span.endLine, 12u);
}

TEST(ParserStatements, WithItems) {
  Module m = parseOk("with a as b, c:\n    pass\nwith (open(x) as f, open(y) as g,):\n    pass\n"
                     "with (a, b):\n    pass\nwith (a) as (b, c):\n    pass\n");
  auto *w0 = m.body[0]->as<With>();
  ASSERT_EQ(w0->items.size(), 2u);
  EXPECT_EQ(sx(w0->items[0].optionalVars.get()), "b!");
  EXPECT_EQ(w0->items[1].optionalVars, nullptr);
  auto *w1 = m.body[1]->as<With>();
  ASSERT_EQ(w1->items.size(), 2u);
  EXPECT_EQ(sx(w1->items[1].optionalVars.get()), "g!");
  EXPECT_EQ(m.body[2]->as<With>()->items.size(), 2u);
  auto *w3 = m.body[3]->as<With>();
  ASSERT_EQ(w3->items.size(), 1u);
  EXPECT_EQ(sx(w3->items[0].optionalVars.get()), "(tuple b! c!)!");
}

TEST(ParserStatements, Imports) {
  Module m = parseOk("import a.b as c, d\nfrom ..x.y import p as q, r\nfrom . import (s, t,)\n"
                     "from m import *\n");
  auto *i = m.body[0]->as<Import>();
  ASSERT_EQ(i->names.size(), 2u);
  EXPECT_EQ(i->names[0].name, "a.b");
  EXPECT_EQ(i->names[0].asname, "c");
  auto *f = m.body[1]->as<ImportFrom>();
  EXPECT_EQ(f->module, "x.y");
  EXPECT_EQ(f->level, 2);
  EXPECT_EQ(f->names[0].asname, "q");
  auto *g = m.body[2]->as<ImportFrom>();
  EXPECT_EQ(g->module, "");
  EXPECT_EQ(g->level, 1);
  EXPECT_EQ(g->names.size(), 2u);
  EXPECT_EQ(m.body[3]->as<ImportFrom>()->names[0].name, "*");
}

TEST(ParserStatements, SimpleStatementsAndSemicolons) {
  Module m = parseOk("x = 1; y = 2;\nglobal a, b\ndel a, b[0], c.d\nassert x, 'msg'\n"
                     "if x: pass\n");
  ASSERT_EQ(m.body.size(), 6u);
  EXPECT_EQ(m.body[2]->as<Global>()->names, (std::vector<std::string>{"a", "b"}));
  auto *d = m.body[3]->as<Delete>();
  ASSERT_EQ(d->targets.size(), 3u);
  EXPECT_EQ(sx(d->targets[0].get()), "a~");
  EXPECT_EQ(sx(d->targets[1].get()), "([] b 0)~");
  auto *as = m.body[4]->as<Assert>();
  EXPECT_EQ(sx(as->msg.get()), "'msg'");
  EXPECT_EQ(m.body[5]->as<If>()->body[0]->kind, StmtKind::Pass);
}

TEST(ParserStatements, NonlocalAndReturn) {
  Module m = parseOk("def f():\n    nonlocal x\n    return\n    return 1, *a\n");
  auto *f = first<FunctionDef>(m, StmtKind::FunctionDef);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->body[0]->as<Nonlocal>()->names[0], "x");
  EXPECT_EQ(f->body[1]->as<Return>()->value, nullptr);
  EXPECT_EQ(sx(f->body[2]->as<Return>()->value.get()), "(tuple 1 (* a))");
}

// --- spans ---------------------------------------------------------------------

TEST(ParserSpans, ExpressionNodesCoverTheirSource) {
  Module m = parseOk("x = foo(a) + b.c\n");
  auto *a = first<Assign>(m, StmtKind::Assign);
  ASSERT_TRUE(a);
  const Expr *v = a->value.get();
  EXPECT_EQ(v->span.col, 5u);
  EXPECT_EQ(v->span.endCol, 17u);
  const Expr *right = v->as<BinOp>()->right.get();
  EXPECT_EQ(right->span.col, 14u);
  EXPECT_EQ(a->span.col, 1u);
  EXPECT_EQ(a->span.endCol, 17u);
}

TEST(ParserSpans, StatementsOnLaterLinesAndBlocks) {
  Module m = parseOk("x = 1\n\ndef f():\n    return 2\n");
  ASSERT_EQ(m.body.size(), 2u);
  EXPECT_EQ(m.body[1]->span.line, 3u);
  EXPECT_EQ(m.body[1]->span.endLine, 4u);
  auto *r = m.body[1]->as<FunctionDef>()->body[0].get();
  EXPECT_EQ(r->span.line, 4u);
  EXPECT_EQ(r->span.col, 5u);
}

// --- assignment targets ------------------------------------------------------------

TEST(ParserTargets, CPythonMessagesForInvalidTargets) {
  EXPECT_SYNTAX_ERROR("1 = x\n", "cannot assign to literal here. Maybe you meant '==' instead of '='?",
                      1u, 1u);
  EXPECT_SYNTAX_ERROR("f() = 1\n",
                      "cannot assign to function call here. Maybe you meant '==' instead of '='?",
                      1u, 1u);
  EXPECT_SYNTAX_ERROR("(a, 1) = x\n", "cannot assign to literal", 1u, 5u);
  EXPECT_SYNTAX_ERROR("x = 1 = 2\n", "cannot assign to literal", 1u, 5u);
  EXPECT_SYNTAX_ERROR("None = 1\n", "cannot assign to None", 1u, 1u);
  EXPECT_SYNTAX_ERROR("a < b = 1\n", "cannot assign to comparison", 1u, 1u);
  EXPECT_SYNTAX_ERROR("a + 1 = 2\n",
                      "cannot assign to expression here. Maybe you meant '==' instead of '='?", 1u,
                      1u);
  EXPECT_SYNTAX_ERROR("yield = 1\n", "assignment to yield expression not possible", 1u, 1u);
}

TEST(ParserTargets, DeleteAndAugmentedAssignmentMessages) {
  EXPECT_SYNTAX_ERROR("del 1\n", "cannot delete literal", 1u, 5u);
  EXPECT_SYNTAX_ERROR("del (a, f())\n", "cannot delete function call", 1u, 9u);
  EXPECT_SYNTAX_ERROR("(a, b) += 1\n", "'tuple' is an illegal expression for augmented assignment",
                      1u, 1u);
  EXPECT_SYNTAX_ERROR("f() += 1\n",
                      "'function call' is an illegal expression for augmented assignment", 1u, 1u);
}

TEST(ParserTargets, ForWithAndComprehensionTargets) {
  EXPECT_SYNTAX_ERROR("for 1 in x: pass\n", "cannot assign to literal", 1u, 5u);
  EXPECT_SYNTAX_ERROR("with a as 1: pass\n", "cannot assign to literal", 1u, 11u);
  EXPECT_SYNTAX_ERROR("[x for 1 in y]\n", "cannot assign to literal", 1u, 8u);
}

TEST(ParserTargets, StarredTargets) {
  EXPECT_SYNTAX_ERROR("*a = 1\n", "starred assignment target must be in a list or tuple", 1u, 1u);
  EXPECT_SYNTAX_ERROR("a = *b\n", "can't use starred expression here", 1u, 5u);
  EXPECT_SYNTAX_ERROR("*a, *b = c\n", "multiple starred expressions in assignment", 1u, 1u);
}

TEST(ParserTargets, AnnotationTargets) {
  EXPECT_SYNTAX_ERROR("(a, b): int\n", "only single target (not tuple) can be annotated", 1u, 1u);
  EXPECT_SYNTAX_ERROR("[a]: int\n", "only single target (not list) can be annotated", 1u, 1u);
  EXPECT_SYNTAX_ERROR("a + 1: int\n", "illegal target for annotation", 1u, 1u);
  EXPECT_SYNTAX_ERROR("(a.b := 1)\n", "cannot use assignment expressions with attribute", 1u, 2u);
}

// --- errors ----------------------------------------------------------------------

TEST(ParserErrors, CallArgumentOrder) {
  EXPECT_SYNTAX_ERROR("f(a=1, b)\n", "positional argument follows keyword argument", 1u, 8u);
  EXPECT_SYNTAX_ERROR("f(**k, *a)\n",
                      "iterable argument unpacking follows keyword argument unpacking", 1u, 8u);
  EXPECT_SYNTAX_ERROR("f(**k, a)\n", "positional argument follows keyword argument unpacking", 1u,
                      8u);
  EXPECT_SYNTAX_ERROR("f(x=1, x=2)\n", "keyword argument repeated: x", 1u, 8u);
  EXPECT_SYNTAX_ERROR("f(1=2)\n", "expression cannot contain assignment, perhaps you meant \"==\"?",
                      1u, 3u);
}

TEST(ParserErrors, GeneratorExpressionMustBeParenthesized) {
  EXPECT_SYNTAX_ERROR("f(a, x for x in y)\n", "Generator expression must be parenthesized", 1u, 6u);
  EXPECT_SYNTAX_ERROR("f(x for x in y, a)\n", "Generator expression must be parenthesized", 1u, 3u);
}

TEST(ParserErrors, ExpectedColon) {
  EXPECT_SYNTAX_ERROR("if x\n  pass\n", "expected ':'", 1u, 5u);
  EXPECT_SYNTAX_ERROR("def f(x)\n  pass\n", "expected ':'", 1u, 9u);
  EXPECT_SYNTAX_ERROR("class A\n  pass\n", "expected ':'", 1u, 8u);
  EXPECT_SYNTAX_ERROR("for x in y\n pass\n", "expected ':'", 1u, 11u);
  EXPECT_SYNTAX_ERROR("if x y: pass\n", "invalid syntax", 1u, 6u);
}

TEST(ParserErrors, IndentationErrors) {
  Err e = error("if x:\npass\n");
  EXPECT_EQ(e.kind, "IndentationError");
  EXPECT_EQ(e.message, "expected an indented block after 'if' statement on line 1");
  EXPECT_EQ(e.line, 2u);
  EXPECT_EQ(e.col, 1u);
  e = error("x = 1\ndef f():\nreturn\n");
  EXPECT_EQ(e.message, "expected an indented block after function definition on line 2");
  e = error("for x in y:\n  pass\nelse:\nfoo\n");
  EXPECT_EQ(e.message, "expected an indented block after 'else' statement on line 3");
  e = error("x = 1\n  y = 2\n");
  EXPECT_EQ(e.kind, "IndentationError");
  EXPECT_EQ(e.message, "unexpected indent");
  EXPECT_EQ(e.line, 2u);
}

TEST(ParserErrors, TryNeedsExceptOrFinally) {
  EXPECT_SYNTAX_ERROR("try:\n  pass\nx = 1\n", "expected 'except' or 'finally' block", 3u, 1u);
  EXPECT_SYNTAX_ERROR("try:\n pass\nexcept:\n pass\nexcept E:\n pass\n",
                      "default 'except:' must be last", 3u, 1u);
}

TEST(ParserErrors, InvalidSyntaxAtTheOffendingToken) {
  EXPECT_SYNTAX_ERROR("x = 1 +\n", "invalid syntax", 1u, 8u);
  EXPECT_SYNTAX_ERROR("a b\n", "invalid syntax", 1u, 3u);
  EXPECT_SYNTAX_ERROR("else: pass\n", "invalid syntax", 1u, 1u);
  EXPECT_SYNTAX_ERROR("x := 1\n", "invalid syntax", 1u, 3u);
  EXPECT_SYNTAX_ERROR("a[1:2:3:4]\n", "invalid syntax", 1u, 8u);
}

TEST(ParserErrors, FriendlyHints) {
  EXPECT_SYNTAX_ERROR("[a b]\n", "invalid syntax. Perhaps you forgot a comma?", 1u, 2u);
  EXPECT_SYNTAX_ERROR("print(\"a\" \"b\" x)\n", "invalid syntax. Perhaps you forgot a comma?", 1u,
                      7u);
  EXPECT_SYNTAX_ERROR("print 'a'\n",
                      "Missing parentheses in call to 'print'. Did you mean print(...)?", 1u, 1u);
  EXPECT_SYNTAX_ERROR("if x = 1: pass\n",
                      "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1u, 4u);
  EXPECT_SYNTAX_ERROR("a if b\n", "expected 'else' after 'if' expression", 1u, 1u);
  EXPECT_SYNTAX_ERROR("x = {1: 2, 3}\n", "':' expected after dictionary key", 1u, 12u);
}

TEST(ParserErrors, ParameterLists) {
  EXPECT_SYNTAX_ERROR("def f(a=1, b): pass\n", "non-default argument follows default argument", 1u,
                      12u);
  EXPECT_SYNTAX_ERROR("def f(*): pass\n", "named arguments must follow bare *", 1u, 7u);
  EXPECT_SYNTAX_ERROR("def f(a, a): pass\n", "duplicate argument 'a' in function definition", 1u,
                      10u);
  EXPECT_SYNTAX_ERROR("def f(**k, a): pass\n", "arguments cannot follow var-keyword argument", 1u,
                      12u);
  EXPECT_SYNTAX_ERROR("def f(/, a): pass\n", "at least one argument must precede /", 1u, 7u);
  EXPECT_SYNTAX_ERROR("def f(*a, *b): pass\n", "* argument may appear only once", 1u, 11u);
}

TEST(ParserErrors, ParserErrorBeforeTheLexerErrorWins) {
  // CPython's parser meets the bad ':' before the tokenizer reaches EOF and
  // notices the unclosed '('.
  EXPECT_SYNTAX_ERROR("def f(:\n  pass\n", "invalid syntax", 1u, 7u);
  EXPECT_SYNTAX_ERROR("x = (1, 2\n", "'(' was never closed", 1u, 5u);
}

TEST(ParserErrors, StarredWhereItCannotBe) {
  EXPECT_SYNTAX_ERROR("[*a for a in b]\n", "iterable unpacking cannot be used in comprehension",
                      1u, 2u);
  EXPECT_SYNTAX_ERROR("f(*a for a in b)\n", "iterable unpacking cannot be used in comprehension",
                      1u, 3u);
  EXPECT_SYNTAX_ERROR("x = {1: *a}\n", "cannot use a starred expression in a dictionary value",
                      1u, 9u);
  EXPECT_SYNTAX_ERROR("(*a)\n", "cannot use starred expression here", 1u, 2u);
}

TEST(ParserErrors, MixedBytesAndText) {
  EXPECT_EQ(error("x = b'a' 'b'\n").message, "cannot mix bytes and nonbytes literals");
}

// --- nesting -----------------------------------------------------------------------

// Tokens for "x = " + "(" * n + "1" + ")" * n, built by hand: the lexer caps
// brackets at CPython's 200 levels, and this tests the parser's own limit.
std::vector<Token> nestedParens(size_t n) {
  std::vector<Token> toks;
  uint32_t col = 1;
  auto add = [&](Tok k, std::string v = {}) {
    Token t;
    t.kind = k;
    t.span = Span{1, col, 1, col + 1};
    t.value = std::move(v);
    toks.push_back(std::move(t));
    ++col;
  };
  add(Tok::Name, "x");
  add(Tok::Assign);
  for (size_t i = 0; i < n; ++i)
    add(Tok::LParen);
  add(Tok::Int, "1");
  for (size_t i = 0; i < n; ++i)
    add(Tok::RParen);
  add(Tok::Newline);
  add(Tok::EndMarker);
  return toks;
}

TEST(ParserNesting, FiveHundredNestedParenthesesParse) {
  Diagnostics diag;
  Module m = parseModule(nestedParens(500), "", "t.py", diag);
  ASSERT_FALSE(diag.hasErrors()) << diag.errors()[0].message;
  ASSERT_EQ(m.body.size(), 1u);
  EXPECT_EQ(sx(m.body[0]->as<Assign>()->value.get()), "1");
}

TEST(ParserNesting, HundredThousandNestedParenthesesIsAnErrorNotACrash) {
  Diagnostics diag;
  parseModule(nestedParens(100000), "", "t.py", diag);
  ASSERT_TRUE(diag.hasErrors());
  EXPECT_EQ(diag.errors()[0].message, "too many nested parentheses");
}

TEST(ParserNesting, LongOperatorChainsAndUnaryRunsAreBounded) {
  EXPECT_EQ(error("x = " + std::string(100000, '-') + "1\n").message,
            "too many nested parentheses");
  std::string chain = "x = 1";
  for (int i = 0; i < 100000; ++i)
    chain += "+1";
  EXPECT_EQ(error(chain + "\n").message, "expression too deeply nested");
  std::string ok = "x = 1";
  for (int i = 0; i < 500; ++i)
    ok += "+1";
  parseOk(ok + "\n");
}

// --- --emit ast ------------------------------------------------------------------

TEST(ParserDump, MatchesPythonAstDump) {
  // Expected text from: python3 -c "import ast; print(ast.dump(ast.parse(S), indent=2))"
  Module m = parseOk("x = 1\nf(a, k=0x10)\n");
  EXPECT_EQ(dumpAst(m), "Module(\n"
                        "  body=[\n"
                        "    Assign(\n"
                        "      targets=[\n"
                        "        Name(id='x', ctx=Store())],\n"
                        "      value=Constant(value=1)),\n"
                        "    Expr(\n"
                        "      value=Call(\n"
                        "        func=Name(id='f', ctx=Load()),\n"
                        "        args=[\n"
                        "          Name(id='a', ctx=Load())],\n"
                        "        keywords=[\n"
                        "          keyword(\n"
                        "            arg='k',\n"
                        "            value=Constant(value=16))]))],\n"
                        "  type_ignores=[])\n");
}

TEST(ParserDump, ConstantsUsePythonRepr) {
  Module m = parseOk("1e20, .5, 2j, 'it\\'s', None\n");
  std::string d = dumpAst(m);
  EXPECT_NE(d.find("Constant(value=1e+20)"), std::string::npos) << d;
  EXPECT_NE(d.find("Constant(value=0.5)"), std::string::npos) << d;
  EXPECT_NE(d.find("Constant(value=2j)"), std::string::npos) << d;
  EXPECT_NE(d.find("Constant(value=\"it's\")"), std::string::npos) << d;
  EXPECT_NE(d.find("Constant(value=None)"), std::string::npos) << d;
}

TEST(ParserDump, FStringMatchesPython) {
  Module m = parseOk("f'a{x=}{y:>{w}}'\n");
  EXPECT_EQ(dumpAst(m), "Module(\n"
                        "  body=[\n"
                        "    Expr(\n"
                        "      value=JoinedStr(\n"
                        "        values=[\n"
                        "          Constant(value='ax='),\n"
                        "          FormattedValue(\n"
                        "            value=Name(id='x', ctx=Load()),\n"
                        "            conversion=114),\n"
                        "          FormattedValue(\n"
                        "            value=Name(id='y', ctx=Load()),\n"
                        "            conversion=-1,\n"
                        "            format_spec=JoinedStr(\n"
                        "              values=[\n"
                        "                Constant(value='>'),\n"
                        "                FormattedValue(\n"
                        "                  value=Name(id='w', ctx=Load()),\n"
                        "                  conversion=-1)]))]))],\n"
                        "  type_ignores=[])\n");
}

TEST(ParserModule, EmptySourceIsAnEmptyModule) {
  Module m = parseOk("");
  EXPECT_TRUE(m.body.empty());
  Module c = parseOk("# only a comment\n\n");
  EXPECT_TRUE(c.body.empty());
}

} // namespace
} // namespace tide

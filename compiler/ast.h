// ast.h — the syntax tree every stage after the parser works on.
//
// The tree mirrors Python's own `ast` module closely (same node names, same
// fields), because our users and our tests think in those terms and because
// `--emit ast` is easier to check against `python3 -c 'import ast; ...'`.
//
// Ownership: every node owns its children through unique_ptr; the Module owns
// the whole tree.  Nodes are plain structs with a `kind` tag; stages switch on
// the tag (no virtual visitor) so adding a pass touches one file.
//
// The resolver (resolve.cpp) annotates the tree in place: every Name gets a
// `NameScope`, and every function-like node (FunctionDef, Lambda, ClassDef,
// comprehensions, the module) gets a `Scope` that lists its symbols.  Codegen
// only reads those annotations; it never re-derives scoping.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "span.h"

namespace tide {

struct Scope; // defined in scope.h, filled in by the resolver

// ---------------------------------------------------------------------------
// Operators
// ---------------------------------------------------------------------------

#define TIDE_BINOPS(X)                                                          \
  X(Add, "+", "__add__")                                                        \
  X(Sub, "-", "__sub__")                                                        \
  X(Mult, "*", "__mul__")                                                       \
  X(MatMult, "@", "__matmul__")                                                 \
  X(Div, "/", "__truediv__")                                                    \
  X(FloorDiv, "//", "__floordiv__")                                             \
  X(Mod, "%", "__mod__")                                                        \
  X(Pow, "**", "__pow__")                                                       \
  X(LShift, "<<", "__lshift__")                                                 \
  X(RShift, ">>", "__rshift__")                                                 \
  X(BitOr, "|", "__or__")                                                       \
  X(BitXor, "^", "__xor__")                                                     \
  X(BitAnd, "&", "__and__")

enum class BinOpKind : uint8_t {
#define X(name, sym, dunder) name,
  TIDE_BINOPS(X)
#undef X
};

#define TIDE_UNARYOPS(X)                                                        \
  X(Invert, "~")                                                                \
  X(Not, "not")                                                                 \
  X(UAdd, "+")                                                                  \
  X(USub, "-")

enum class UnaryOpKind : uint8_t {
#define X(name, sym) name,
  TIDE_UNARYOPS(X)
#undef X
};

#define TIDE_CMPOPS(X)                                                          \
  X(Eq, "==")                                                                   \
  X(NotEq, "!=")                                                                \
  X(Lt, "<")                                                                    \
  X(LtE, "<=")                                                                  \
  X(Gt, ">")                                                                    \
  X(GtE, ">=")                                                                  \
  X(Is, "is")                                                                   \
  X(IsNot, "is not")                                                            \
  X(In, "in")                                                                   \
  X(NotIn, "not in")

enum class CmpOpKind : uint8_t {
#define X(name, sym) name,
  TIDE_CMPOPS(X)
#undef X
};

enum class BoolOpKind : uint8_t { And, Or };

const char *binOpSymbol(BinOpKind k);
const char *unaryOpSymbol(UnaryOpKind k);
const char *cmpOpSymbol(CmpOpKind k);

// ---------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------

#define TIDE_EXPR_KINDS(X)                                                      \
  X(Name)                                                                       \
  X(Constant)                                                                   \
  X(JoinedStr)                                                                  \
  X(FormattedValue)                                                             \
  X(BinOp)                                                                      \
  X(UnaryOp)                                                                    \
  X(BoolOp)                                                                     \
  X(Compare)                                                                    \
  X(Call)                                                                       \
  X(Attribute)                                                                  \
  X(Subscript)                                                                  \
  X(Slice)                                                                      \
  X(Tuple)                                                                      \
  X(List)                                                                       \
  X(Dict)                                                                       \
  X(Set)                                                                        \
  X(ListComp)                                                                   \
  X(SetComp)                                                                    \
  X(DictComp)                                                                   \
  X(GeneratorExp)                                                               \
  X(IfExp)                                                                      \
  X(Lambda)                                                                     \
  X(Await)                                                                      \
  X(Yield)                                                                      \
  X(YieldFrom)                                                                  \
  X(Starred)                                                                    \
  X(NamedExpr)

enum class ExprKind : uint8_t {
#define X(name) name,
  TIDE_EXPR_KINDS(X)
#undef X
};
const char *exprKindName(ExprKind k);

// Whether an expression is read, assigned or deleted (Python's ctx).
enum class Ctx : uint8_t { Load, Store, Del };

struct Expr {
  ExprKind kind;
  Span span;
  explicit Expr(ExprKind k, Span s = {}) : kind(k), span(s) {}
  virtual ~Expr() = default;
  template <class T> T *as() { return static_cast<T *>(this); }
  template <class T> const T *as() const { return static_cast<const T *>(this); }
};
using ExprPtr = std::unique_ptr<Expr>;
using ExprList = std::vector<ExprPtr>;

// How the resolver classified a name at one use.
enum class NameScope : uint8_t {
  Unresolved,
  Local,        // a fast local of the enclosing function
  Cell,         // a local captured by an inner function (lives in a cell)
  Free,         // captured from an enclosing function (through a cell)
  GlobalExplicit, // declared `global` in this scope
  GlobalImplicit, // not bound in any enclosing function: module global or builtin
  ClassBody,    // a name in a class body (looked up in the class namespace)
};

struct Name : Expr {
  std::string id;
  Ctx ctx = Ctx::Load;
  NameScope scope = NameScope::Unresolved; // set by the resolver
  int slot = -1; // resolver: index into Scope::symbols of the scope that owns it
  Name(Span s, std::string id, Ctx c = Ctx::Load)
      : Expr(ExprKind::Name, s), id(std::move(id)), ctx(c) {}
};

enum class ConstKind : uint8_t { None, True, False, Ellipsis, Int, Float, Imag, Str, Bytes };

struct Constant : Expr {
  ConstKind ckind;
  // Int: the literal digits as written, without underscores, with its 0x/0o/0b
  //      prefix kept (the runtime parses arbitrary size).
  // Float/Imag: the literal text without underscores (and without the j).
  // Str: UTF-8 contents.  Bytes: raw bytes.
  std::string value;
  Constant(Span s, ConstKind k, std::string v = {})
      : Expr(ExprKind::Constant, s), ckind(k), value(std::move(v)) {}
};

// f'...': a sequence of Constant(Str) and FormattedValue parts.
struct JoinedStr : Expr {
  ExprList values;
  explicit JoinedStr(Span s) : Expr(ExprKind::JoinedStr, s) {}
};

// {value!conversion:format_spec} inside an f-string.  conversion is 0, 'r', 's'
// or 'a'.  formatSpec is a JoinedStr (nested fields allowed) or null.
struct FormattedValue : Expr {
  ExprPtr value;
  char conversion = 0;
  ExprPtr formatSpec;
  // `f'{x=}'` self-documenting form: the parser turns it into a literal
  // "x=" part followed by this node with conversion 'r' (as CPython does).
  FormattedValue(Span s, ExprPtr v) : Expr(ExprKind::FormattedValue, s), value(std::move(v)) {}
};

struct BinOp : Expr {
  BinOpKind op;
  ExprPtr left, right;
  BinOp(Span s, BinOpKind o, ExprPtr l, ExprPtr r)
      : Expr(ExprKind::BinOp, s), op(o), left(std::move(l)), right(std::move(r)) {}
};

struct UnaryOp : Expr {
  UnaryOpKind op;
  ExprPtr operand;
  UnaryOp(Span s, UnaryOpKind o, ExprPtr e)
      : Expr(ExprKind::UnaryOp, s), op(o), operand(std::move(e)) {}
};

struct BoolOp : Expr {
  BoolOpKind op;
  ExprList values; // two or more
  BoolOp(Span s, BoolOpKind o) : Expr(ExprKind::BoolOp, s), op(o) {}
};

// a < b <= c : left=a, ops=[Lt, LtE], comparators=[b, c]
struct Compare : Expr {
  ExprPtr left;
  std::vector<CmpOpKind> ops;
  ExprList comparators;
  explicit Compare(Span s) : Expr(ExprKind::Compare, s) {}
};

// A keyword argument `name=value`, or `**value` when name is empty.
struct Keyword {
  Span span;
  std::string name; // empty for **kwargs
  ExprPtr value;
};

// f(a, *b, k=c, **d): positional args may include Starred.
struct Call : Expr {
  ExprPtr func;
  ExprList args;
  std::vector<Keyword> keywords;
  explicit Call(Span s) : Expr(ExprKind::Call, s) {}
};

struct Attribute : Expr {
  ExprPtr value;
  std::string attr;
  Ctx ctx = Ctx::Load;
  Attribute(Span s, ExprPtr v, std::string a)
      : Expr(ExprKind::Attribute, s), value(std::move(v)), attr(std::move(a)) {}
};

// value[index]; index may be a Slice, or a Tuple (of Slices, for a[1:2, 3]).
struct Subscript : Expr {
  ExprPtr value, index;
  Ctx ctx = Ctx::Load;
  Subscript(Span s, ExprPtr v, ExprPtr i)
      : Expr(ExprKind::Subscript, s), value(std::move(v)), index(std::move(i)) {}
};

struct Slice : Expr {
  ExprPtr lower, upper, step; // each may be null
  explicit Slice(Span s) : Expr(ExprKind::Slice, s) {}
};

// Tuple/List/Set share a shape.  Elements may be Starred.
struct Tuple : Expr {
  ExprList elts;
  Ctx ctx = Ctx::Load;
  bool parenthesized = false;
  explicit Tuple(Span s) : Expr(ExprKind::Tuple, s) {}
};
struct List : Expr {
  ExprList elts;
  Ctx ctx = Ctx::Load;
  explicit List(Span s) : Expr(ExprKind::List, s) {}
};
struct Set : Expr {
  ExprList elts;
  explicit Set(Span s) : Expr(ExprKind::Set, s) {}
};

// {k: v, **m}: keys[i] is null for a `**m` entry (values[i] is m).
struct Dict : Expr {
  ExprList keys, values;
  explicit Dict(Span s) : Expr(ExprKind::Dict, s) {}
};

// One `for target in iter if cond...` clause of a comprehension.
struct Comprehension {
  ExprPtr target, iter;
  ExprList ifs;
  bool isAsync = false;
};

// ListComp/SetComp/GeneratorExp use elt; DictComp uses key and value.
// A comprehension is its own function scope (Python 3 semantics): the first
// iterable is evaluated in the enclosing scope, everything else inside.
struct Comp : Expr {
  ExprPtr elt;        // ListComp, SetComp, GeneratorExp
  ExprPtr key, value; // DictComp
  std::vector<Comprehension> generators;
  Scope *scope = nullptr; // resolver
  Comp(ExprKind k, Span s) : Expr(k, s) {}
};

struct IfExp : Expr {
  ExprPtr test, body, orelse;
  IfExp(Span s, ExprPtr t, ExprPtr b, ExprPtr o)
      : Expr(ExprKind::IfExp, s), test(std::move(t)), body(std::move(b)), orelse(std::move(o)) {}
};

// One parameter.  `annotation` and `defaultValue` may be null.
struct Arg {
  Span span;
  std::string name;
  ExprPtr annotation;
};

// def f(a, b=1, /, c=2, *args, d, e=3, **kw)
struct Arguments {
  std::vector<Arg> posonlyargs;
  std::vector<Arg> args;
  ExprList defaults; // for the last len(defaults) of posonlyargs+args
  std::unique_ptr<Arg> vararg;
  std::vector<Arg> kwonlyargs;
  ExprList kwDefaults; // parallel to kwonlyargs; null where none
  std::unique_ptr<Arg> kwarg;
};

struct Lambda : Expr {
  Arguments args;
  ExprPtr body;
  Scope *scope = nullptr; // resolver
  explicit Lambda(Span s) : Expr(ExprKind::Lambda, s) {}
};

// await / yield / yield from / *x / (x := v)
struct Await : Expr {
  ExprPtr value;
  Await(Span s, ExprPtr v) : Expr(ExprKind::Await, s), value(std::move(v)) {}
};
struct Yield : Expr {
  ExprPtr value; // may be null
  Yield(Span s, ExprPtr v) : Expr(ExprKind::Yield, s), value(std::move(v)) {}
};
struct YieldFrom : Expr {
  ExprPtr value;
  YieldFrom(Span s, ExprPtr v) : Expr(ExprKind::YieldFrom, s), value(std::move(v)) {}
};
struct Starred : Expr {
  ExprPtr value;
  Ctx ctx = Ctx::Load;
  Starred(Span s, ExprPtr v) : Expr(ExprKind::Starred, s), value(std::move(v)) {}
};
struct NamedExpr : Expr {
  ExprPtr target; // a Name (Store)
  ExprPtr value;
  NamedExpr(Span s, ExprPtr t, ExprPtr v)
      : Expr(ExprKind::NamedExpr, s), target(std::move(t)), value(std::move(v)) {}
};

// ---------------------------------------------------------------------------
// Statements
// ---------------------------------------------------------------------------

#define TIDE_STMT_KINDS(X)                                                      \
  X(FunctionDef)                                                                \
  X(ClassDef)                                                                   \
  X(Return)                                                                     \
  X(Delete)                                                                     \
  X(Assign)                                                                     \
  X(AugAssign)                                                                  \
  X(AnnAssign)                                                                  \
  X(For)                                                                        \
  X(While)                                                                      \
  X(If)                                                                         \
  X(With)                                                                       \
  X(Raise)                                                                      \
  X(Try)                                                                        \
  X(Assert)                                                                     \
  X(Import)                                                                     \
  X(ImportFrom)                                                                 \
  X(Global)                                                                     \
  X(Nonlocal)                                                                   \
  X(ExprStmt)                                                                   \
  X(Pass)                                                                       \
  X(Break)                                                                      \
  X(Continue)

enum class StmtKind : uint8_t {
#define X(name) name,
  TIDE_STMT_KINDS(X)
#undef X
};
const char *stmtKindName(StmtKind k);

struct Stmt {
  StmtKind kind;
  Span span;
  explicit Stmt(StmtKind k, Span s = {}) : kind(k), span(s) {}
  virtual ~Stmt() = default;
  template <class T> T *as() { return static_cast<T *>(this); }
  template <class T> const T *as() const { return static_cast<const T *>(this); }
};
using StmtPtr = std::unique_ptr<Stmt>;
using StmtList = std::vector<StmtPtr>;

struct FunctionDef : Stmt {
  std::string name;
  Arguments args;
  StmtList body;
  ExprList decorators;
  ExprPtr returns; // annotation, may be null
  bool isAsync = false;
  Span nameSpan;
  Scope *scope = nullptr; // resolver
  explicit FunctionDef(Span s) : Stmt(StmtKind::FunctionDef, s) {}
};

struct ClassDef : Stmt {
  std::string name;
  ExprList bases;
  std::vector<Keyword> keywords; // metaclass=..., unused for now
  StmtList body;
  ExprList decorators;
  Scope *scope = nullptr; // resolver
  explicit ClassDef(Span s) : Stmt(StmtKind::ClassDef, s) {}
};

struct Return : Stmt {
  ExprPtr value; // may be null
  Return(Span s, ExprPtr v) : Stmt(StmtKind::Return, s), value(std::move(v)) {}
};

struct Delete : Stmt {
  ExprList targets;
  explicit Delete(Span s) : Stmt(StmtKind::Delete, s) {}
};

// a = b = value: targets=[a, b]
struct Assign : Stmt {
  ExprList targets;
  ExprPtr value;
  explicit Assign(Span s) : Stmt(StmtKind::Assign, s) {}
};

struct AugAssign : Stmt {
  ExprPtr target;
  BinOpKind op;
  ExprPtr value;
  AugAssign(Span s, ExprPtr t, BinOpKind o, ExprPtr v)
      : Stmt(StmtKind::AugAssign, s), target(std::move(t)), op(o), value(std::move(v)) {}
};

// x: int = 5  (value may be null: a bare annotation binds nothing)
struct AnnAssign : Stmt {
  ExprPtr target, annotation, value;
  bool simple = true; // target is a plain, unparenthesized name
  explicit AnnAssign(Span s) : Stmt(StmtKind::AnnAssign, s) {}
};

struct For : Stmt {
  ExprPtr target, iter;
  StmtList body, orelse;
  bool isAsync = false;
  explicit For(Span s) : Stmt(StmtKind::For, s) {}
};

struct While : Stmt {
  ExprPtr test;
  StmtList body, orelse;
  explicit While(Span s) : Stmt(StmtKind::While, s) {}
};

// elif chains are nested Ifs in orelse, as in Python's ast.
struct If : Stmt {
  ExprPtr test;
  StmtList body, orelse;
  explicit If(Span s) : Stmt(StmtKind::If, s) {}
};

struct WithItem {
  ExprPtr contextExpr;
  ExprPtr optionalVars; // may be null
};

struct With : Stmt {
  std::vector<WithItem> items;
  StmtList body;
  bool isAsync = false;
  explicit With(Span s) : Stmt(StmtKind::With, s) {}
};

struct Raise : Stmt {
  ExprPtr exc, cause; // both may be null (bare raise)
  explicit Raise(Span s) : Stmt(StmtKind::Raise, s) {}
};

struct ExceptHandler {
  Span span;
  ExprPtr type;     // null for a bare `except:`
  std::string name; // empty when no `as`
  StmtList body;
};

struct Try : Stmt {
  StmtList body;
  std::vector<ExceptHandler> handlers;
  StmtList orelse, finalbody;
  explicit Try(Span s) : Stmt(StmtKind::Try, s) {}
};

struct Assert : Stmt {
  ExprPtr test, msg; // msg may be null
  explicit Assert(Span s) : Stmt(StmtKind::Assert, s) {}
};

struct Alias {
  Span span;
  std::string name;   // dotted name for Import ("os.path"), plain for ImportFrom, "*" allowed
  std::string asname; // empty when none
};

struct Import : Stmt {
  std::vector<Alias> names;
  explicit Import(Span s) : Stmt(StmtKind::Import, s) {}
};

struct ImportFrom : Stmt {
  std::string module; // may be empty for `from . import x`
  std::vector<Alias> names;
  int level = 0; // number of leading dots
  explicit ImportFrom(Span s) : Stmt(StmtKind::ImportFrom, s) {}
};

struct Global : Stmt {
  std::vector<std::string> names;
  explicit Global(Span s) : Stmt(StmtKind::Global, s) {}
};
struct Nonlocal : Stmt {
  std::vector<std::string> names;
  explicit Nonlocal(Span s) : Stmt(StmtKind::Nonlocal, s) {}
};

struct ExprStmt : Stmt {
  ExprPtr value;
  ExprStmt(Span s, ExprPtr v) : Stmt(StmtKind::ExprStmt, s), value(std::move(v)) {}
};

struct Pass : Stmt {
  explicit Pass(Span s) : Stmt(StmtKind::Pass, s) {}
};
struct Break : Stmt {
  explicit Break(Span s) : Stmt(StmtKind::Break, s) {}
};
struct Continue : Stmt {
  explicit Continue(Span s) : Stmt(StmtKind::Continue, s) {}
};

// A whole file (or one REPL input).
struct Module {
  std::string filename;
  StmtList body;
  Scope *scope = nullptr;                      // resolver
  std::vector<std::unique_ptr<Scope>> scopes;  // resolver: owns every Scope in the tree
  Module();
  ~Module();
  Module(Module &&) noexcept;
  Module &operator=(Module &&) noexcept;
};

// `--emit ast`: an indented dump in the spirit of `ast.dump(indent=2)`.
std::string dumpAst(const Module &m);

} // namespace tide

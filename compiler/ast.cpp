// ast.cpp — names of AST kinds and operators, Module's special members, and
// `--emit ast`.
//
// The dump follows Python's `ast.dump(tree, indent=2)` exactly for the nodes
// tide has, so `tide --emit ast f.py` can be diffed against
//     python3 -c "import ast,sys; print(ast.dump(ast.parse(open(sys.argv[1]).read()), indent=2))" f.py
// Design: the tree is first converted to a tiny generic form (a node is a class
// name plus named fields; a field is a literal, a node or a list) and that form
// is printed with Python's own layout rule: a node goes on one line when it has
// at most three fields and all of them are "simple" (literals, empty lists, or
// nodes without fields such as `Load()`); otherwise every field goes on its own
// line.  Optional fields that are absent are left out, as Python leaves out
// fields that are None.  Rejected: printing straight from the AST, which would
// repeat the layout rule in every case of a big switch.
#include "ast.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "scope.h"

namespace tide {

const char *binOpSymbol(BinOpKind k) {
  switch (k) {
#define X(name, sym, dunder)                                                    \
  case BinOpKind::name: return sym;
    TIDE_BINOPS(X)
#undef X
  }
  return "?";
}

const char *unaryOpSymbol(UnaryOpKind k) {
  switch (k) {
#define X(name, sym)                                                            \
  case UnaryOpKind::name: return sym;
    TIDE_UNARYOPS(X)
#undef X
  }
  return "?";
}

const char *cmpOpSymbol(CmpOpKind k) {
  switch (k) {
#define X(name, sym)                                                            \
  case CmpOpKind::name: return sym;
    TIDE_CMPOPS(X)
#undef X
  }
  return "?";
}

const char *exprKindName(ExprKind k) {
  switch (k) {
#define X(name)                                                                 \
  case ExprKind::name: return #name;
    TIDE_EXPR_KINDS(X)
#undef X
  }
  return "?";
}

const char *stmtKindName(StmtKind k) {
  switch (k) {
#define X(name)                                                                 \
  case StmtKind::name: return #name;
    TIDE_STMT_KINDS(X)
#undef X
  }
  return "?";
}

// Scope is incomplete in ast.h, so the members that destroy
// unique_ptr<Scope> live here.
Module::Module() = default;
Module::~Module() = default;
Module::Module(Module &&) noexcept = default;
Module &Module::operator=(Module &&) noexcept = default;

namespace {

// ---------------------------------------------------------------------------
// Python reprs of constants
// ---------------------------------------------------------------------------

std::string hex2(unsigned v) {
  static const char digits[] = "0123456789abcdef";
  std::string s = "\\x";
  s += digits[(v >> 4) & 15];
  s += digits[v & 15];
  return s;
}

char pickQuote(const std::string &s) {
  bool single = s.find('\'') != std::string::npos;
  bool dbl = s.find('"') != std::string::npos;
  return single && !dbl ? '"' : '\'';
}

// Python's str.isprintable() for the code points that commonly appear in
// sources; the rarer non-printable ranges are not listed (a display-only
// difference in `--emit ast`).
bool isPrintable(uint32_t cp) {
  return !((cp >= 0x80 && cp <= 0xA0) || cp == 0xAD || (cp >= 0x2000 && cp <= 0x200F) ||
           (cp >= 0x2028 && cp <= 0x202F) || (cp >= 0x205F && cp <= 0x206F) ||
           cp == 0x3000 || (cp >= 0xD800 && cp <= 0xF8FF) || cp == 0xFEFF ||
           (cp >= 0xFFF9 && cp <= 0xFFFB) || cp == 0xFFFE || cp == 0xFFFF || cp >= 0xF0000);
}

std::string reprStr(const std::string &s) {
  char q = pickQuote(s);
  std::string out(1, q);
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == static_cast<unsigned char>(q) || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      out += hex2(c);
    } else if (c >= 0xC0) {
      // A multi-byte character: Python escapes the non-printable ones.
      size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      uint32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
      for (size_t k = 1; k < len && i + k < s.size(); ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
      if (i + len <= s.size() && !isPrintable(cp)) {
        char buf[16];
        if (cp < 0x100)
          std::snprintf(buf, sizeof buf, "\\x%02x", cp);
        else if (cp < 0x10000)
          std::snprintf(buf, sizeof buf, "\\u%04x", cp);
        else
          std::snprintf(buf, sizeof buf, "\\U%08x", cp);
        out += buf;
      } else {
        out.append(s, i, len);
      }
      i += len - 1;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += q;
  return out;
}

std::string reprBytes(const std::string &s) {
  char q = pickQuote(s);
  std::string out = "b";
  out += q;
  for (unsigned char c : s) {
    if (c == static_cast<unsigned char>(q) || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c >= 0x7f) {
      out += hex2(c);
    } else {
      out += static_cast<char>(c);
    }
  }
  out += q;
  return out;
}

// "0x1f" / "0o17" / "0b101" / "123" → decimal digits, any size.
std::string intToDecimal(const std::string &lit) {
  unsigned base = 10;
  size_t i = 0;
  if (lit.size() > 1 && lit[0] == '0') {
    char p = static_cast<char>(lit[1] | 0x20);
    base = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 10;
    if (base != 10)
      i = 2;
  }
  std::vector<unsigned> dec{0}; // little-endian decimal digits
  for (; i < lit.size(); ++i) {
    char c = lit[i];
    unsigned d;
    if (c >= '0' && c <= '9')
      d = static_cast<unsigned>(c - '0');
    else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
      d = static_cast<unsigned>((c | 0x20) - 'a' + 10);
    else
      continue; // '_' or stray characters
    unsigned carry = d;
    for (auto &x : dec) {
      unsigned v = x * base + carry;
      x = v % 10;
      carry = v / 10;
    }
    while (carry) {
      dec.push_back(carry % 10);
      carry /= 10;
    }
  }
  std::string out;
  for (auto it = dec.rbegin(); it != dec.rend(); ++it)
    out += static_cast<char>('0' + *it);
  size_t nz = out.find_first_not_of('0');
  return nz == std::string::npos ? "0" : out.substr(nz);
}

// Python's repr(float): the shortest digits that round-trip, positional
// notation for exponents in [-4, 16), scientific otherwise.
std::string reprFloat(double v) {
  if (std::isinf(v))
    return v < 0 ? "-inf" : "inf";
  if (std::isnan(v))
    return "nan";
  char buf[64];
  for (int prec = 1; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*e", prec - 1, v);
    if (std::strtod(buf, nullptr) == v)
      break;
  }
  std::string s = buf;
  bool neg = s[0] == '-';
  if (neg)
    s.erase(0, 1);
  size_t e = s.find('e');
  int exp = std::atoi(s.c_str() + e + 1);
  std::string digits;
  for (size_t i = 0; i < e; ++i)
    if (s[i] != '.')
      digits += s[i];
  while (digits.size() > 1 && digits.back() == '0')
    digits.pop_back();
  std::string out;
  if (exp >= -4 && exp < 16) {
    if (exp < 0) {
      out = "0." + std::string(static_cast<size_t>(-exp - 1), '0') + digits;
    } else if (static_cast<int>(digits.size()) <= exp + 1) {
      out = digits + std::string(static_cast<size_t>(exp + 1) - digits.size(), '0') + ".0";
    } else {
      out = digits.substr(0, static_cast<size_t>(exp + 1)) + "." +
            digits.substr(static_cast<size_t>(exp + 1));
    }
  } else {
    out = digits.substr(0, 1);
    if (digits.size() > 1)
      out += "." + digits.substr(1);
    char eb[16];
    std::snprintf(eb, sizeof eb, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    out += eb;
  }
  return neg ? "-" + out : out;
}

std::string reprConstant(const Constant &c) {
  switch (c.ckind) {
  case ConstKind::None: return "None";
  case ConstKind::True: return "True";
  case ConstKind::False: return "False";
  case ConstKind::Ellipsis: return "Ellipsis";
  case ConstKind::Int: return intToDecimal(c.value);
  case ConstKind::Float: return reprFloat(std::strtod(c.value.c_str(), nullptr));
  case ConstKind::Imag: {
    std::string s = reprFloat(std::strtod(c.value.c_str(), nullptr));
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0)
      s.resize(s.size() - 2);
    return s + "j";
  }
  case ConstKind::Str: return reprStr(c.value);
  case ConstKind::Bytes: return reprBytes(c.value);
  }
  return "?";
}

// ---------------------------------------------------------------------------
// The generic dump tree and Python's layout rule
// ---------------------------------------------------------------------------

struct DVal {
  enum Kind { Prim, Node, List } kind = Prim;
  std::string text; // Prim: the repr; Node: the class name
  std::vector<std::pair<std::string, DVal>> fields;
  std::vector<DVal> items;
};

DVal prim(std::string s) { return DVal{DVal::Prim, std::move(s), {}, {}}; }
DVal node(std::string name) { return DVal{DVal::Node, std::move(name), {}, {}}; }
DVal list() { return DVal{DVal::List, {}, {}, {}}; }
void field(DVal &n, const char *name, DVal v) { n.fields.emplace_back(name, std::move(v)); }

// Mirrors ast.dump's _format: returns the text and whether it is "simple".
std::pair<std::string, bool> format(const DVal &v, int level) {
  ++level;
  std::string indent(static_cast<size_t>(level) * 2, ' ');
  std::string prefix = "\n" + indent, sep = ",\n" + indent;
  switch (v.kind) {
  case DVal::Prim: return {v.text, true};
  case DVal::List: {
    if (v.items.empty())
      return {"[]", true};
    std::string out = "[" + prefix;
    for (size_t i = 0; i < v.items.size(); ++i) {
      if (i)
        out += sep;
      out += format(v.items[i], level).first;
    }
    return {out + "]", false};
  }
  case DVal::Node: {
    std::vector<std::string> args;
    bool allSimple = true;
    for (auto &[name, val] : v.fields) {
      auto [text, simple] = format(val, level);
      allSimple = allSimple && simple;
      args.push_back(name + "=" + text);
    }
    std::string out = v.text + "(";
    if (allSimple && args.size() <= 3) {
      for (size_t i = 0; i < args.size(); ++i)
        out += (i ? ", " : "") + args[i];
      return {out + ")", args.empty()};
    }
    out += prefix;
    for (size_t i = 0; i < args.size(); ++i)
      out += (i ? sep : "") + args[i];
    return {out + ")", false};
  }
  }
  return {"", true};
}

// ---------------------------------------------------------------------------
// AST → DVal
// ---------------------------------------------------------------------------

DVal dumpExpr(const Expr &e);
DVal dumpStmts(const StmtList &body);

DVal ctxNode(Ctx c) { return node(c == Ctx::Load ? "Load" : c == Ctx::Store ? "Store" : "Del"); }

DVal dumpExprs(const ExprList &xs) {
  DVal l = list();
  for (auto &x : xs)
    l.items.push_back(x ? dumpExpr(*x) : prim("None"));
  return l;
}

void optField(DVal &n, const char *name, const ExprPtr &e) {
  if (e)
    field(n, name, dumpExpr(*e));
}

const char *binOpName(BinOpKind k) {
  switch (k) {
#define X(name, sym, dunder)                                                    \
  case BinOpKind::name: return #name;
    TIDE_BINOPS(X)
#undef X
  }
  return "?";
}
const char *unaryOpName(UnaryOpKind k) {
  switch (k) {
#define X(name, sym)                                                            \
  case UnaryOpKind::name: return #name;
    TIDE_UNARYOPS(X)
#undef X
  }
  return "?";
}
const char *cmpOpName(CmpOpKind k) {
  switch (k) {
#define X(name, sym)                                                            \
  case CmpOpKind::name: return #name;
    TIDE_CMPOPS(X)
#undef X
  }
  return "?";
}

DVal dumpArg(const Arg &a) {
  DVal n = node("arg");
  field(n, "arg", prim(reprStr(a.name)));
  optField(n, "annotation", a.annotation);
  return n;
}

DVal dumpArgs(const std::vector<Arg> &args) {
  DVal l = list();
  for (auto &a : args)
    l.items.push_back(dumpArg(a));
  return l;
}

DVal dumpArguments(const Arguments &a) {
  DVal n = node("arguments");
  field(n, "posonlyargs", dumpArgs(a.posonlyargs));
  field(n, "args", dumpArgs(a.args));
  if (a.vararg)
    field(n, "vararg", dumpArg(*a.vararg));
  field(n, "kwonlyargs", dumpArgs(a.kwonlyargs));
  field(n, "kw_defaults", dumpExprs(a.kwDefaults));
  if (a.kwarg)
    field(n, "kwarg", dumpArg(*a.kwarg));
  field(n, "defaults", dumpExprs(a.defaults));
  return n;
}

DVal dumpKeywords(const std::vector<Keyword> &ks) {
  DVal l = list();
  for (auto &k : ks) {
    DVal n = node("keyword");
    if (!k.name.empty())
      field(n, "arg", prim(reprStr(k.name)));
    field(n, "value", dumpExpr(*k.value));
    l.items.push_back(std::move(n));
  }
  return l;
}

DVal dumpGenerators(const std::vector<Comprehension> &gens) {
  DVal l = list();
  for (auto &g : gens) {
    DVal n = node("comprehension");
    field(n, "target", dumpExpr(*g.target));
    field(n, "iter", dumpExpr(*g.iter));
    field(n, "ifs", dumpExprs(g.ifs));
    field(n, "is_async", prim(g.isAsync ? "1" : "0"));
    l.items.push_back(std::move(n));
  }
  return l;
}

DVal dumpExpr(const Expr &e) {
  switch (e.kind) {
  case ExprKind::Name: {
    auto *x = e.as<Name>();
    DVal n = node("Name");
    field(n, "id", prim(reprStr(x->id)));
    field(n, "ctx", ctxNode(x->ctx));
    return n;
  }
  case ExprKind::Constant: {
    DVal n = node("Constant");
    field(n, "value", prim(reprConstant(*e.as<Constant>())));
    return n;
  }
  case ExprKind::JoinedStr: {
    DVal n = node("JoinedStr");
    field(n, "values", dumpExprs(e.as<JoinedStr>()->values));
    return n;
  }
  case ExprKind::FormattedValue: {
    auto *x = e.as<FormattedValue>();
    DVal n = node("FormattedValue");
    field(n, "value", dumpExpr(*x->value));
    field(n, "conversion", prim(std::to_string(x->conversion ? int(x->conversion) : -1)));
    optField(n, "format_spec", x->formatSpec);
    return n;
  }
  case ExprKind::BinOp: {
    auto *x = e.as<BinOp>();
    DVal n = node("BinOp");
    field(n, "left", dumpExpr(*x->left));
    field(n, "op", node(binOpName(x->op)));
    field(n, "right", dumpExpr(*x->right));
    return n;
  }
  case ExprKind::UnaryOp: {
    auto *x = e.as<UnaryOp>();
    DVal n = node("UnaryOp");
    field(n, "op", node(unaryOpName(x->op)));
    field(n, "operand", dumpExpr(*x->operand));
    return n;
  }
  case ExprKind::BoolOp: {
    auto *x = e.as<BoolOp>();
    DVal n = node("BoolOp");
    field(n, "op", node(x->op == BoolOpKind::And ? "And" : "Or"));
    field(n, "values", dumpExprs(x->values));
    return n;
  }
  case ExprKind::Compare: {
    auto *x = e.as<Compare>();
    DVal n = node("Compare");
    field(n, "left", dumpExpr(*x->left));
    DVal ops = list();
    for (auto op : x->ops)
      ops.items.push_back(node(cmpOpName(op)));
    field(n, "ops", std::move(ops));
    field(n, "comparators", dumpExprs(x->comparators));
    return n;
  }
  case ExprKind::Call: {
    auto *x = e.as<Call>();
    DVal n = node("Call");
    field(n, "func", dumpExpr(*x->func));
    field(n, "args", dumpExprs(x->args));
    field(n, "keywords", dumpKeywords(x->keywords));
    return n;
  }
  case ExprKind::Attribute: {
    auto *x = e.as<Attribute>();
    DVal n = node("Attribute");
    field(n, "value", dumpExpr(*x->value));
    field(n, "attr", prim(reprStr(x->attr)));
    field(n, "ctx", ctxNode(x->ctx));
    return n;
  }
  case ExprKind::Subscript: {
    auto *x = e.as<Subscript>();
    DVal n = node("Subscript");
    field(n, "value", dumpExpr(*x->value));
    field(n, "slice", dumpExpr(*x->index));
    field(n, "ctx", ctxNode(x->ctx));
    return n;
  }
  case ExprKind::Slice: {
    auto *x = e.as<Slice>();
    DVal n = node("Slice");
    optField(n, "lower", x->lower);
    optField(n, "upper", x->upper);
    optField(n, "step", x->step);
    return n;
  }
  case ExprKind::Tuple: {
    auto *x = e.as<Tuple>();
    DVal n = node("Tuple");
    field(n, "elts", dumpExprs(x->elts));
    field(n, "ctx", ctxNode(x->ctx));
    return n;
  }
  case ExprKind::List: {
    auto *x = e.as<List>();
    DVal n = node("List");
    field(n, "elts", dumpExprs(x->elts));
    field(n, "ctx", ctxNode(x->ctx));
    return n;
  }
  case ExprKind::Set: {
    DVal n = node("Set");
    field(n, "elts", dumpExprs(e.as<Set>()->elts));
    return n;
  }
  case ExprKind::Dict: {
    auto *x = e.as<Dict>();
    DVal n = node("Dict");
    field(n, "keys", dumpExprs(x->keys));
    field(n, "values", dumpExprs(x->values));
    return n;
  }
  case ExprKind::ListComp:
  case ExprKind::SetComp:
  case ExprKind::GeneratorExp:
  case ExprKind::DictComp: {
    auto *x = e.as<Comp>();
    DVal n = node(exprKindName(e.kind));
    if (e.kind == ExprKind::DictComp) {
      field(n, "key", dumpExpr(*x->key));
      field(n, "value", dumpExpr(*x->value));
    } else {
      field(n, "elt", dumpExpr(*x->elt));
    }
    field(n, "generators", dumpGenerators(x->generators));
    return n;
  }
  case ExprKind::IfExp: {
    auto *x = e.as<IfExp>();
    DVal n = node("IfExp");
    field(n, "test", dumpExpr(*x->test));
    field(n, "body", dumpExpr(*x->body));
    field(n, "orelse", dumpExpr(*x->orelse));
    return n;
  }
  case ExprKind::Lambda: {
    auto *x = e.as<Lambda>();
    DVal n = node("Lambda");
    field(n, "args", dumpArguments(x->args));
    field(n, "body", dumpExpr(*x->body));
    return n;
  }
  case ExprKind::Await: {
    DVal n = node("Await");
    field(n, "value", dumpExpr(*e.as<Await>()->value));
    return n;
  }
  case ExprKind::Yield: {
    DVal n = node("Yield");
    optField(n, "value", e.as<Yield>()->value);
    return n;
  }
  case ExprKind::YieldFrom: {
    DVal n = node("YieldFrom");
    field(n, "value", dumpExpr(*e.as<YieldFrom>()->value));
    return n;
  }
  case ExprKind::Starred: {
    auto *x = e.as<Starred>();
    DVal n = node("Starred");
    field(n, "value", dumpExpr(*x->value));
    field(n, "ctx", ctxNode(x->ctx));
    return n;
  }
  case ExprKind::NamedExpr: {
    auto *x = e.as<NamedExpr>();
    DVal n = node("NamedExpr");
    field(n, "target", dumpExpr(*x->target));
    field(n, "value", dumpExpr(*x->value));
    return n;
  }
  }
  return prim("?");
}

DVal dumpNames(const std::vector<std::string> &names) {
  DVal l = list();
  for (auto &s : names)
    l.items.push_back(prim(reprStr(s)));
  return l;
}

DVal dumpAliases(const std::vector<Alias> &as) {
  DVal l = list();
  for (auto &a : as) {
    DVal n = node("alias");
    field(n, "name", prim(reprStr(a.name)));
    if (!a.asname.empty())
      field(n, "asname", prim(reprStr(a.asname)));
    l.items.push_back(std::move(n));
  }
  return l;
}

DVal dumpStmt(const Stmt &s) {
  switch (s.kind) {
  case StmtKind::FunctionDef: {
    auto *x = s.as<FunctionDef>();
    DVal n = node(x->isAsync ? "AsyncFunctionDef" : "FunctionDef");
    field(n, "name", prim(reprStr(x->name)));
    field(n, "args", dumpArguments(x->args));
    field(n, "body", dumpStmts(x->body));
    field(n, "decorator_list", dumpExprs(x->decorators));
    optField(n, "returns", x->returns);
    return n;
  }
  case StmtKind::ClassDef: {
    auto *x = s.as<ClassDef>();
    DVal n = node("ClassDef");
    field(n, "name", prim(reprStr(x->name)));
    field(n, "bases", dumpExprs(x->bases));
    field(n, "keywords", dumpKeywords(x->keywords));
    field(n, "body", dumpStmts(x->body));
    field(n, "decorator_list", dumpExprs(x->decorators));
    return n;
  }
  case StmtKind::Return: {
    DVal n = node("Return");
    optField(n, "value", s.as<Return>()->value);
    return n;
  }
  case StmtKind::Delete: {
    DVal n = node("Delete");
    field(n, "targets", dumpExprs(s.as<Delete>()->targets));
    return n;
  }
  case StmtKind::Assign: {
    auto *x = s.as<Assign>();
    DVal n = node("Assign");
    field(n, "targets", dumpExprs(x->targets));
    field(n, "value", dumpExpr(*x->value));
    return n;
  }
  case StmtKind::AugAssign: {
    auto *x = s.as<AugAssign>();
    DVal n = node("AugAssign");
    field(n, "target", dumpExpr(*x->target));
    field(n, "op", node(binOpName(x->op)));
    field(n, "value", dumpExpr(*x->value));
    return n;
  }
  case StmtKind::AnnAssign: {
    auto *x = s.as<AnnAssign>();
    DVal n = node("AnnAssign");
    field(n, "target", dumpExpr(*x->target));
    field(n, "annotation", dumpExpr(*x->annotation));
    optField(n, "value", x->value);
    field(n, "simple", prim(x->simple ? "1" : "0"));
    return n;
  }
  case StmtKind::For: {
    auto *x = s.as<For>();
    DVal n = node(x->isAsync ? "AsyncFor" : "For");
    field(n, "target", dumpExpr(*x->target));
    field(n, "iter", dumpExpr(*x->iter));
    field(n, "body", dumpStmts(x->body));
    field(n, "orelse", dumpStmts(x->orelse));
    return n;
  }
  case StmtKind::While: {
    auto *x = s.as<While>();
    DVal n = node("While");
    field(n, "test", dumpExpr(*x->test));
    field(n, "body", dumpStmts(x->body));
    field(n, "orelse", dumpStmts(x->orelse));
    return n;
  }
  case StmtKind::If: {
    auto *x = s.as<If>();
    DVal n = node("If");
    field(n, "test", dumpExpr(*x->test));
    field(n, "body", dumpStmts(x->body));
    field(n, "orelse", dumpStmts(x->orelse));
    return n;
  }
  case StmtKind::With: {
    auto *x = s.as<With>();
    DVal n = node(x->isAsync ? "AsyncWith" : "With");
    DVal items = list();
    for (auto &it : x->items) {
      DVal w = node("withitem");
      field(w, "context_expr", dumpExpr(*it.contextExpr));
      optField(w, "optional_vars", it.optionalVars);
      items.items.push_back(std::move(w));
    }
    field(n, "items", std::move(items));
    field(n, "body", dumpStmts(x->body));
    return n;
  }
  case StmtKind::Raise: {
    auto *x = s.as<Raise>();
    DVal n = node("Raise");
    optField(n, "exc", x->exc);
    optField(n, "cause", x->cause);
    return n;
  }
  case StmtKind::Try: {
    auto *x = s.as<Try>();
    DVal n = node("Try");
    field(n, "body", dumpStmts(x->body));
    DVal hs = list();
    for (auto &h : x->handlers) {
      DVal hn = node("ExceptHandler");
      optField(hn, "type", h.type);
      if (!h.name.empty())
        field(hn, "name", prim(reprStr(h.name)));
      field(hn, "body", dumpStmts(h.body));
      hs.items.push_back(std::move(hn));
    }
    field(n, "handlers", std::move(hs));
    field(n, "orelse", dumpStmts(x->orelse));
    field(n, "finalbody", dumpStmts(x->finalbody));
    return n;
  }
  case StmtKind::Assert: {
    auto *x = s.as<Assert>();
    DVal n = node("Assert");
    field(n, "test", dumpExpr(*x->test));
    optField(n, "msg", x->msg);
    return n;
  }
  case StmtKind::Import: {
    DVal n = node("Import");
    field(n, "names", dumpAliases(s.as<Import>()->names));
    return n;
  }
  case StmtKind::ImportFrom: {
    auto *x = s.as<ImportFrom>();
    DVal n = node("ImportFrom");
    if (!x->module.empty())
      field(n, "module", prim(reprStr(x->module)));
    field(n, "names", dumpAliases(x->names));
    field(n, "level", prim(std::to_string(x->level)));
    return n;
  }
  case StmtKind::Global: {
    DVal n = node("Global");
    field(n, "names", dumpNames(s.as<Global>()->names));
    return n;
  }
  case StmtKind::Nonlocal: {
    DVal n = node("Nonlocal");
    field(n, "names", dumpNames(s.as<Nonlocal>()->names));
    return n;
  }
  case StmtKind::ExprStmt: {
    DVal n = node("Expr");
    field(n, "value", dumpExpr(*s.as<ExprStmt>()->value));
    return n;
  }
  case StmtKind::Pass: return node("Pass");
  case StmtKind::Break: return node("Break");
  case StmtKind::Continue: return node("Continue");
  }
  return prim("?");
}

DVal dumpStmts(const StmtList &body) {
  DVal l = list();
  for (auto &s : body)
    l.items.push_back(dumpStmt(*s));
  return l;
}

} // namespace

std::string dumpAst(const Module &m) {
  DVal n = node("Module");
  field(n, "body", dumpStmts(m.body));
  field(n, "type_ignores", list());
  return format(n, 0).first + "\n";
}

} // namespace tide

// parser.cpp — tokens to an AST.
//
// What: a hand-written recursive-descent parser for the Python 3.11 grammar
// (the subset tide compiles plus everything a Python user types by habit),
// producing the tree in ast.h with a source span on every node.  Binary
// operators from `|` down to `*` use precedence climbing (one function and a
// table instead of six nearly identical functions); everything else has one
// function per grammar rule, with the rule written above it.
//
// Glossary
//   star_expressions   `a, *b, c` — an unparenthesized tuple, as in statements
//   named expression   `x := v` (walrus), allowed only where CPython allows it
//   target             something that can be assigned to (Name, Attribute,
//                      Subscript, Tuple/List/Starred of targets)
//   layout tokens      NEWLINE, INDENT, DEDENT (they never end a node's span)
//
// Design
//   - Errors: the first SyntaxError is reported to `diag` with CPython's
//     message and position, then a private `ParseError` unwinds to
//     parseModule, which returns what it has.  The exception never leaves this
//     file.  Rejected: an error flag returned through every function — every
//     caller must test it, and one forgotten test is a null dereference on bad
//     input.  Rejected too: error recovery to report several errors; CPython
//     shows one, and so do we.
//   - Targets are parsed as ordinary expressions and then checked and
//     re-labelled (ctx=Store/Del), as CPython's "invalid_*" rules do; that
//     gives its messages ("cannot assign to literal here. Maybe you meant
//     '==' instead of '='?") without backtracking.
//   - Nesting depth is counted at every recursive entry point and capped at
//     kMaxDepth, so pathological input ("(" * 100000) ends in "too many nested
//     parentheses", never in a stack overflow.
//   - f-string bodies are handed to fstring.cpp, which re-tokenizes each
//     replacement field and calls back into parseFieldTokens below.
#include "parser.h"

#include <algorithm>
#include <unordered_set>

#include "lexer.h"

namespace tide {
namespace {

// Depth of nested expressions/blocks before we give up.  500-deep brackets
// must parse; one level costs about a dozen small frames.
constexpr int kMaxDepth = 1000;

struct ParseError {};

template <class T, class... A> std::unique_ptr<T> mk(A &&...a) {
  return std::make_unique<T>(std::forward<A>(a)...);
}

bool isLayout(Tok k) { return k == Tok::Newline || k == Tok::Indent || k == Tok::Dedent; }

// CPython's name for an expression in "cannot assign to %s" messages.
const char *exprDescription(const Expr &e) {
  switch (e.kind) {
  case ExprKind::Attribute: return "attribute";
  case ExprKind::Subscript: return "subscript";
  case ExprKind::Starred: return "starred";
  case ExprKind::Name: return "name";
  case ExprKind::List: return "list";
  case ExprKind::Tuple: return "tuple";
  case ExprKind::Lambda: return "lambda";
  case ExprKind::Call: return "function call";
  case ExprKind::BoolOp:
  case ExprKind::BinOp:
  case ExprKind::UnaryOp: return "expression";
  case ExprKind::GeneratorExp: return "generator expression";
  case ExprKind::Yield:
  case ExprKind::YieldFrom: return "yield expression";
  case ExprKind::Await: return "await expression";
  case ExprKind::ListComp: return "list comprehension";
  case ExprKind::SetComp: return "set comprehension";
  case ExprKind::DictComp: return "dict comprehension";
  case ExprKind::Dict: return "dict literal";
  case ExprKind::Set: return "set display";
  case ExprKind::JoinedStr:
  case ExprKind::FormattedValue: return "f-string expression";
  case ExprKind::Compare: return "comparison";
  case ExprKind::IfExp: return "conditional expression";
  case ExprKind::NamedExpr: return "named expression";
  case ExprKind::Slice: return "slice";
  case ExprKind::Constant:
    switch (e.as<Constant>()->ckind) {
    case ConstKind::None: return "None";
    case ConstKind::True: return "True";
    case ConstKind::False: return "False";
    case ConstKind::Ellipsis: return "ellipsis";
    default: return "literal";
    }
  }
  return "expression";
}

// The first sub-expression of `e` that cannot be an assignment (or del)
// target, or null when `e` is a valid target.
const Expr *invalidTarget(const Expr &e, Ctx ctx) {
  switch (e.kind) {
  case ExprKind::Name:
  case ExprKind::Attribute:
  case ExprKind::Subscript: return nullptr;
  case ExprKind::Starred:
    if (ctx == Ctx::Del)
      return &e;
    return invalidTarget(*e.as<Starred>()->value, ctx);
  case ExprKind::Tuple:
    for (auto &x : e.as<Tuple>()->elts)
      if (auto *bad = invalidTarget(*x, ctx))
        return bad;
    return nullptr;
  case ExprKind::List:
    for (auto &x : e.as<List>()->elts)
      if (auto *bad = invalidTarget(*x, ctx))
        return bad;
    return nullptr;
  default: return &e;
  }
}

void setCtx(Expr &e, Ctx ctx) {
  switch (e.kind) {
  case ExprKind::Name: e.as<Name>()->ctx = ctx; break;
  case ExprKind::Attribute: e.as<Attribute>()->ctx = ctx; break;
  case ExprKind::Subscript: e.as<Subscript>()->ctx = ctx; break;
  case ExprKind::Starred:
    e.as<Starred>()->ctx = ctx;
    setCtx(*e.as<Starred>()->value, ctx);
    break;
  case ExprKind::Tuple:
    e.as<Tuple>()->ctx = ctx;
    for (auto &x : e.as<Tuple>()->elts)
      setCtx(*x, ctx);
    break;
  case ExprKind::List:
    e.as<List>()->ctx = ctx;
    for (auto &x : e.as<List>()->elts)
      setCtx(*x, ctx);
    break;
  default: break;
  }
}

// Binding power of a binary operator token (0: not a binary operator).
int binaryPrecedence(Tok t, BinOpKind &op) {
  switch (t) {
  case Tok::Pipe: op = BinOpKind::BitOr; return 1;
  case Tok::Caret: op = BinOpKind::BitXor; return 2;
  case Tok::Amper: op = BinOpKind::BitAnd; return 3;
  case Tok::LShift: op = BinOpKind::LShift; return 4;
  case Tok::RShift: op = BinOpKind::RShift; return 4;
  case Tok::Plus: op = BinOpKind::Add; return 5;
  case Tok::Minus: op = BinOpKind::Sub; return 5;
  case Tok::Star: op = BinOpKind::Mult; return 6;
  case Tok::Slash: op = BinOpKind::Div; return 6;
  case Tok::DoubleSlash: op = BinOpKind::FloorDiv; return 6;
  case Tok::Percent: op = BinOpKind::Mod; return 6;
  case Tok::At: op = BinOpKind::MatMult; return 6;
  default: return 0;
  }
}

bool augAssignOp(Tok t, BinOpKind &op) {
  switch (t) {
  case Tok::PlusEq: op = BinOpKind::Add; return true;
  case Tok::MinusEq: op = BinOpKind::Sub; return true;
  case Tok::StarEq: op = BinOpKind::Mult; return true;
  case Tok::SlashEq: op = BinOpKind::Div; return true;
  case Tok::DoubleSlashEq: op = BinOpKind::FloorDiv; return true;
  case Tok::PercentEq: op = BinOpKind::Mod; return true;
  case Tok::DoubleStarEq: op = BinOpKind::Pow; return true;
  case Tok::PipeEq: op = BinOpKind::BitOr; return true;
  case Tok::AmperEq: op = BinOpKind::BitAnd; return true;
  case Tok::CaretEq: op = BinOpKind::BitXor; return true;
  case Tok::LShiftEq: op = BinOpKind::LShift; return true;
  case Tok::RShiftEq: op = BinOpKind::RShift; return true;
  case Tok::AtEq: op = BinOpKind::MatMult; return true;
  default: return false;
  }
}

// Whether `t` can begin an expression (star: also `*x`).
bool startsExpr(Tok t, bool star = false) {
  switch (t) {
  case Tok::Name: case Tok::Int: case Tok::Float: case Tok::Imag:
  case Tok::String: case Tok::Bytes: case Tok::FString:
  case Tok::KwTrue: case Tok::KwFalse: case Tok::KwNone: case Tok::Ellipsis:
  case Tok::LParen: case Tok::LBracket: case Tok::LBrace:
  case Tok::Minus: case Tok::Plus: case Tok::Tilde:
  case Tok::KwNot: case Tok::KwLambda: case Tok::KwAwait: return true;
  case Tok::Star: return star;
  default: return false;
  }
}

class Parser {
public:
  Parser(const std::vector<Token> &toks, std::string_view source, Diagnostics &diag,
         int depth)
      : toks_(toks), source_(source), diag_(diag), depth_(depth) {
    eof_.kind = Tok::EndMarker;
    if (!toks.empty()) {
      Span s = toks.back().span;
      eof_.span = Span{s.endLine, s.endCol, s.endLine, s.endCol};
    } else {
      eof_.span = Span{1, 1, 1, 1};
    }
  }

  // file: statements ENDMARKER
  void parseFile(StmtList &out) {
    try {
      while (!at(Tok::EndMarker)) {
        if (at(Tok::Newline)) { // a stray NEWLINE (e.g. an empty REPL input)
          advance();
          continue;
        }
        parseStatement(out);
      }
    } catch (const ParseError &) {
    }
  }

  // fstring_field: '(' (yield_expr | star_expressions) ')' NEWLINE? ENDMARKER
  ExprPtr parseField() {
    try {
      if (!at(Tok::LParen))
        fail(peek().span, "invalid syntax");
      ExprPtr e = parseAtom();
      while (at(Tok::Newline))
        advance();
      if (!at(Tok::EndMarker))
        fail(peek().span, "invalid syntax");
      return e;
    } catch (const ParseError &) {
      return nullptr;
    }
  }

  // Whether the error was found only because the tokens ran out (they are
  // cut short after a lexer error).
  bool failedAtEnd() const { return failedAtEnd_; }

private:
  friend struct DepthGuard;
  struct DepthGuard {
    Parser &p;
    explicit DepthGuard(Parser &p) : p(p) {
      if (++p.depth_ > kMaxDepth)
        p.fail(p.peek().span, "too many nested parentheses");
    }
    ~DepthGuard() { --p.depth_; }
  };
  // Left-nested chains (`a+b+c...`, `a.b.c...`) are built by loops, but
  // every later pass walks the tree recursively, so each link counts as a
  // level of nesting too.
  struct ChainGuard {
    Parser &p;
    int links = 0;
    explicit ChainGuard(Parser &p) : p(p) {}
    void link() {
      ++links;
      if (++p.depth_ > kMaxDepth)
        p.fail(p.peek().span, "expression too deeply nested");
    }
    ~ChainGuard() { p.depth_ -= links; }
  };

  const std::vector<Token> &toks_;
  std::string_view source_;
  Diagnostics &diag_;
  int depth_;
  size_t pos_ = 0;
  Token eof_;
  Span last_{};                             // last consumed non-layout token
  bool failedAtEnd_ = false;
  std::unordered_set<const Expr *> parens_; // expressions written as (e)

  // --- tokens --------------------------------------------------------------
  const Token &peek(size_t k = 0) const {
    size_t i = pos_ + k;
    return i < toks_.size() ? toks_[i] : eof_;
  }
  bool at(Tok k) const { return peek().kind == k; }
  const Token &advance() {
    const Token &t = peek();
    if (pos_ < toks_.size())
      ++pos_;
    if (!isLayout(t.kind) && t.kind != Tok::EndMarker)
      last_ = t.span;
    return t;
  }
  bool accept(Tok k) {
    if (!at(k))
      return false;
    advance();
    return true;
  }
  const Token &expect(Tok k, const char *msg = "invalid syntax") {
    if (!at(k))
      fail(peek().span, msg);
    return advance();
  }
  Span from(Span start) const { return spanTo(start, last_); }

  // Error exits are kept out of line and take plain pointers: string
  // temporaries at every call site would bloat the frames of the recursive
  // functions, and frame size is what bounds how deep we can nest.
  [[noreturn]] [[gnu::noinline]] void fail(Span at, const char *msg,
                                           const char *kind = "SyntaxError") {
    diag_.error(at, msg, kind);
    failedAtEnd_ = pos_ >= toks_.size();
    throw ParseError{};
  }
  [[noreturn]] [[gnu::noinline]] void fail(Span at, const std::string &msg,
                                           const char *kind = "SyntaxError") {
    fail(at, msg.c_str(), kind);
  }
  // "<before><description of e><after>" at e's span.
  [[noreturn]] [[gnu::noinline]] void failDescribing(const Expr &e, const char *before,
                                                     const char *after = "") {
    fail(e.span, std::string(before) + exprDescription(e) + after);
  }

  // "invalid syntax", or CPython's friendlier guess when an expression
  // directly follows another inside brackets.
  [[noreturn]] void failAfterElement(const Expr *prev) {
    const Token &t = peek();
    if (prev && startsExpr(t.kind) &&
        !(prev->kind == ExprKind::Name && t.kind == Tok::String))
      fail(spanTo(prev->span, t.span), "invalid syntax. Perhaps you forgot a comma?");
    fail(t.span, "invalid syntax");
  }

  // ':' that ends a compound statement header.  CPython says "expected ':'"
  // when the line ends there (or always, for the headers it marks as forced).
  void expectColon(bool forced) {
    if (accept(Tok::Colon))
      return;
    if (forced || at(Tok::Newline))
      fail(peek().span, "expected ':'");
    fail(peek().span, "invalid syntax");
  }

  // ==========================================================================
  // Statements
  // ==========================================================================

  // statement: compound_stmt | simple_stmts
  void parseStatement(StmtList &out) {
    switch (peek().kind) {
    case Tok::Indent: fail(peek().span, "unexpected indent", "IndentationError");
    case Tok::KwIf: out.push_back(parseIf(false)); return;
    case Tok::KwWhile: out.push_back(parseWhile()); return;
    case Tok::KwFor: out.push_back(parseFor(peek().span, false)); return;
    case Tok::KwTry: out.push_back(parseTry()); return;
    case Tok::KwWith: out.push_back(parseWith(peek().span, false)); return;
    case Tok::KwDef: out.push_back(parseFunctionDef(peek().span, {}, false)); return;
    case Tok::KwClass: out.push_back(parseClassDef(peek().span, {})); return;
    case Tok::At: out.push_back(parseDecorated()); return;
    case Tok::KwAsync: {
      Span start = advance().span;
      switch (peek().kind) {
      case Tok::KwDef: out.push_back(parseFunctionDef(start, {}, true)); return;
      case Tok::KwFor: out.push_back(parseFor(start, true)); return;
      case Tok::KwWith: out.push_back(parseWith(start, true)); return;
      default: fail(peek().span, "invalid syntax");
      }
    }
    default: parseSimpleStatements(out); return;
    }
  }

  // simple_stmts: simple_stmt (';' simple_stmt)* [';'] NEWLINE
  void parseSimpleStatements(StmtList &out) {
    for (;;) {
      out.push_back(parseSimpleStatement());
      if (accept(Tok::Semi)) {
        if (at(Tok::Newline) || at(Tok::EndMarker))
          break;
        continue;
      }
      break;
    }
    if (at(Tok::EndMarker))
      return;
    if (!at(Tok::Newline))
      fail(peek().span, "invalid syntax");
    advance();
  }

  // block: NEWLINE INDENT statements DEDENT | simple_stmts
  void parseBlock(StmtList &out, const std::string &after, uint32_t line) {
    DepthGuard guard(*this);
    if (!at(Tok::Newline)) {
      parseSimpleStatements(out);
      return;
    }
    advance();
    if (!at(Tok::Indent))
      fail(peek().span,
           "expected an indented block after " + after + " on line " + std::to_string(line),
           "IndentationError");
    advance();
    while (!at(Tok::Dedent) && !at(Tok::EndMarker))
      parseStatement(out);
    accept(Tok::Dedent);
  }

  // The span of a compound statement: its header through its last statement.
  Span blockSpan(Span start, const StmtList &last) const {
    return last.empty() ? from(start) : spanTo(start, last.back()->span);
  }

  // if_stmt: 'if' named_expression ':' block [elif_stmt | else_block]
  // elif_stmt: 'elif' named_expression ':' block [elif_stmt | else_block]
  StmtPtr parseIf(bool isElif) {
    const Token &kw = advance();
    Span start = kw.span;
    auto node = mk<If>(start);
    node->test = parseCondition();
    expectColon(false);
    parseBlock(node->body, isElif ? "'elif' statement" : "'if' statement", start.line);
    if (at(Tok::KwElif)) {
      DepthGuard guard(*this); // each elif is an If nested in the orelse
      node->orelse.push_back(parseIf(true));
    } else if (at(Tok::KwElse)) {
      uint32_t line = advance().span.line;
      expectColon(true);
      parseBlock(node->orelse, "'else' statement", line);
    }
    node->span = blockSpan(start, node->orelse.empty() ? node->body : node->orelse);
    return node;
  }

  // The test of if/elif/while: a named_expression, with CPython's hint for
  // `if x = 1:`.
  ExprPtr parseCondition() {
    ExprPtr test = parseNamedExpression();
    if (at(Tok::Assign))
      fail(test->span, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    return test;
  }

  // while_stmt: 'while' named_expression ':' block [else_block]
  StmtPtr parseWhile() {
    Span start = advance().span;
    auto node = mk<While>(start);
    node->test = parseCondition();
    expectColon(false);
    parseBlock(node->body, "'while' statement", start.line);
    if (at(Tok::KwElse)) {
      uint32_t line = advance().span.line;
      expectColon(true);
      parseBlock(node->orelse, "'else' statement", line);
    }
    node->span = blockSpan(start, node->orelse.empty() ? node->body : node->orelse);
    return node;
  }

  // for_stmt: ['async'] 'for' star_targets 'in' star_expressions ':' block [else_block]
  StmtPtr parseFor(Span start, bool isAsync) {
    uint32_t line = advance().span.line;
    auto node = mk<For>(start);
    node->isAsync = isAsync;
    node->target = parseTargetList();
    checkTarget(*node->target);
    expect(Tok::KwIn);
    node->iter = parseStarExpressions();
    expectColon(true);
    parseBlock(node->body, "'for' statement", line);
    if (at(Tok::KwElse)) {
      uint32_t eline = advance().span.line;
      expectColon(true);
      parseBlock(node->orelse, "'else' statement", eline);
    }
    node->span = blockSpan(start, node->orelse.empty() ? node->body : node->orelse);
    return node;
  }

  // try_stmt: 'try' ':' block (except_block+ [else_block] [finally_block]
  //                             | finally_block)
  // except_block: 'except' [expression ['as' NAME]] ':' block
  StmtPtr parseTry() {
    Span start = advance().span;
    auto node = mk<Try>(start);
    expectColon(true);
    parseBlock(node->body, "'try' statement", start.line);
    const ExceptHandler *bare = nullptr;
    while (at(Tok::KwExcept)) {
      Span hstart = advance().span;
      if (bare)
        fail(bare->span, "default 'except:' must be last");
      ExceptHandler h;
      h.span = hstart;
      if (!at(Tok::Colon)) {
        h.type = parseExpression();
        if (at(Tok::Comma))
          fail(spanTo(h.type->span, peek().span),
               "multiple exception types must be parenthesized");
        if (accept(Tok::KwAs))
          h.name = expect(Tok::Name).value;
      }
      expectColon(false);
      parseBlock(h.body, "'except' statement", hstart.line);
      h.span = blockSpan(hstart, h.body);
      node->handlers.push_back(std::move(h));
      if (!node->handlers.back().type)
        bare = &node->handlers.back();
    }
    if (node->handlers.empty() && !at(Tok::KwFinally))
      fail(peek().span, "expected 'except' or 'finally' block");
    if (at(Tok::KwElse)) {
      uint32_t line = advance().span.line;
      expectColon(true);
      parseBlock(node->orelse, "'else' statement", line);
    }
    if (at(Tok::KwFinally)) {
      uint32_t line = advance().span.line;
      expectColon(true);
      parseBlock(node->finalbody, "'finally' statement", line);
    }
    const StmtList *lastBody = &node->body;
    if (!node->finalbody.empty())
      lastBody = &node->finalbody;
    else if (!node->orelse.empty())
      lastBody = &node->orelse;
    else if (!node->handlers.empty())
      lastBody = &node->handlers.back().body;
    node->span = blockSpan(start, *lastBody);
    return node;
  }

  // with_stmt: ['async'] 'with' '(' ','.with_item+ [','] ')' ':' block
  //          | ['async'] 'with' ','.with_item+ ':' block
  // with_item: expression ['as' star_target]
  StmtPtr parseWith(Span start, bool isAsync) {
    uint32_t line = advance().span.line;
    auto node = mk<With>(start);
    node->isAsync = isAsync;
    bool parenthesized = at(Tok::LParen) && parenthesizedWithItems();
    if (parenthesized)
      advance();
    for (;;) {
      WithItem item;
      item.contextExpr = parseExpression();
      if (accept(Tok::KwAs)) {
        item.optionalVars = parseTargetElement();
        checkTarget(*item.optionalVars);
      }
      node->items.push_back(std::move(item));
      if (!accept(Tok::Comma))
        break;
      if (parenthesized && at(Tok::RParen))
        break;
    }
    if (parenthesized)
      expect(Tok::RParen);
    expectColon(false);
    parseBlock(node->body, "'with' statement", line);
    node->span = blockSpan(start, node->body);
    return node;
  }

  // Whether the '(' after `with` encloses the items (its ')' is followed by
  // ':'), rather than starting an expression such as `(a).b`.
  bool parenthesizedWithItems() const {
    int level = 0;
    for (size_t i = pos_; i < toks_.size(); ++i) {
      Tok k = toks_[i].kind;
      if (k == Tok::LParen || k == Tok::LBracket || k == Tok::LBrace)
        ++level;
      else if (k == Tok::RParen || k == Tok::RBracket || k == Tok::RBrace) {
        if (--level == 0)
          return i + 1 < toks_.size() && toks_[i + 1].kind == Tok::Colon;
      } else if (k == Tok::Newline || k == Tok::EndMarker)
        return false;
    }
    return false;
  }

  // decorators: ('@' named_expression NEWLINE)+ (function_def | class_def)
  StmtPtr parseDecorated() {
    ExprList decorators;
    while (accept(Tok::At)) {
      decorators.push_back(parseNamedExpression());
      expect(Tok::Newline);
    }
    if (at(Tok::KwDef))
      return parseFunctionDef(peek().span, std::move(decorators), false);
    if (at(Tok::KwClass))
      return parseClassDef(peek().span, std::move(decorators));
    if (at(Tok::KwAsync) && peek(1).kind == Tok::KwDef) {
      Span s = advance().span;
      return parseFunctionDef(s, std::move(decorators), true);
    }
    fail(peek().span, "invalid syntax");
  }

  // function_def: ['async'] 'def' NAME '(' [params] ')' ['->' expression] ':' block
  StmtPtr parseFunctionDef(Span start, ExprList decorators, bool isAsync) {
    uint32_t line = advance().span.line;
    auto node = mk<FunctionDef>(start);
    node->isAsync = isAsync;
    node->decorators = std::move(decorators);
    const Token &name = expect(Tok::Name);
    node->name = name.value;
    node->nameSpan = name.span;
    expect(Tok::LParen, "expected '('");
    parseParameters(node->args, Tok::RParen, true);
    expect(Tok::RParen);
    if (accept(Tok::Arrow))
      node->returns = parseExpression();
    expectColon(true);
    parseBlock(node->body, "function definition", line);
    node->span = blockSpan(start, node->body);
    return node;
  }

  // class_def: 'class' NAME ['(' [arguments] ')'] ':' block
  StmtPtr parseClassDef(Span start, ExprList decorators) {
    uint32_t line = advance().span.line;
    auto node = mk<ClassDef>(start);
    node->decorators = std::move(decorators);
    node->name = expect(Tok::Name).value;
    if (at(Tok::LParen)) {
      Call call(peek().span);
      parseCallArguments(call, false);
      node->bases = std::move(call.args);
      node->keywords = std::move(call.keywords);
    }
    expectColon(true);
    parseBlock(node->body, "class definition", line);
    node->span = blockSpan(start, node->body);
    return node;
  }

  // params (def and lambda):
  //   [posonly ',' '/' ','] [args] [',' '*' [vararg] (',' kwonly)*] [',' '**' kwarg]
  // param: NAME [':' expression] ['=' expression]   (no annotations in lambda)
  void parseParameters(Arguments &a, Tok closer, bool annotations) {
    bool sawSlash = false, sawStar = false, bareStar = false;
    Span bareStarSpan{};
    std::vector<std::string> seen;
    auto parseArg = [&]() {
      const Token &n = expect(Tok::Name);
      if (std::find(seen.begin(), seen.end(), n.value) != seen.end())
        fail(n.span, "duplicate argument '" + n.value + "' in function definition");
      seen.push_back(n.value);
      Arg arg{n.span, n.value, nullptr};
      if (annotations && accept(Tok::Colon))
        arg.annotation = parseExpression();
      arg.span = from(n.span);
      return arg;
    };
    while (!at(closer)) {
      if (at(Tok::Slash)) {
        Span s = advance().span;
        if (sawSlash)
          fail(s, "/ may appear only once");
        if (sawStar)
          fail(s, "/ must be ahead of *");
        if (a.args.empty())
          fail(s, "at least one argument must precede /");
        sawSlash = true;
        a.posonlyargs = std::move(a.args);
        a.args.clear();
      } else if (at(Tok::Star)) {
        Span s = advance().span;
        if (sawStar)
          fail(s, "* argument may appear only once");
        sawStar = true;
        if (at(Tok::Comma) || at(closer)) {
          bareStar = true;
          bareStarSpan = s;
        } else {
          a.vararg = mk<Arg>(parseArg());
        }
      } else if (at(Tok::DoubleStar)) {
        advance();
        a.kwarg = mk<Arg>(parseArg());
        if (at(Tok::Comma) && peek(1).kind != closer)
          fail(peek(1).span, "arguments cannot follow var-keyword argument");
        accept(Tok::Comma);
        break;
      } else {
        Arg arg = parseArg();
        Span argSpan = arg.span;
        ExprPtr dflt;
        if (accept(Tok::Assign))
          dflt = parseExpression();
        if (sawStar) {
          a.kwonlyargs.push_back(std::move(arg));
          a.kwDefaults.push_back(std::move(dflt));
        } else {
          if (dflt)
            a.defaults.push_back(std::move(dflt));
          else if (!a.defaults.empty())
            fail(argSpan, "non-default argument follows default argument");
          a.args.push_back(std::move(arg));
        }
      }
      if (!accept(Tok::Comma))
        break;
    }
    if (bareStar && a.kwonlyargs.empty())
      fail(bareStarSpan, "named arguments must follow bare *");
  }

  // simple_stmt: assignment | star_expressions | return | import | raise |
  //   pass | del | yield | assert | break | continue | global | nonlocal
  StmtPtr parseSimpleStatement() {
    const Token &t = peek();
    Span start = t.span;
    switch (t.kind) {
    case Tok::KwPass: advance(); return mk<Pass>(start);
    case Tok::KwBreak: advance(); return mk<Break>(start);
    case Tok::KwContinue: advance(); return mk<Continue>(start);
    case Tok::KwReturn: {
      advance();
      ExprPtr v;
      if (startsExpr(peek().kind, true)) {
        v = parseStarExpressions();
        checkNotStarred(*v);
      }
      return mk<Return>(from(start), std::move(v));
    }
    case Tok::KwRaise: {
      advance();
      auto node = mk<Raise>(start);
      if (startsExpr(peek().kind)) {
        node->exc = parseExpression();
        if (accept(Tok::KwFrom))
          node->cause = parseExpression();
      }
      node->span = from(start);
      return node;
    }
    case Tok::KwGlobal:
    case Tok::KwNonlocal: {
      advance();
      std::vector<std::string> names;
      do
        names.push_back(expect(Tok::Name).value);
      while (accept(Tok::Comma));
      if (t.kind == Tok::KwGlobal) {
        auto g = mk<Global>(from(start));
        g->names = std::move(names);
        return g;
      }
      auto n = mk<Nonlocal>(from(start));
      n->names = std::move(names);
      return n;
    }
    case Tok::KwDel: return parseDel();
    case Tok::KwAssert: {
      advance();
      auto node = mk<Assert>(start);
      node->test = parseExpression();
      if (accept(Tok::Comma))
        node->msg = parseExpression();
      node->span = from(start);
      return node;
    }
    case Tok::KwImport: return parseImport();
    case Tok::KwFrom: return parseImportFrom();
    default: return parseExpressionStatement();
    }
  }

  // del_stmt: 'del' ','.del_target+ [',']
  StmtPtr parseDel() {
    Span start = advance().span;
    auto node = mk<Delete>(start);
    do {
      if (!startsExpr(peek().kind, true))
        break;
      ExprPtr t = parseTargetElement();
      if (const Expr *bad = invalidTarget(*t, Ctx::Del))
        failDescribing(*bad, "cannot delete ");
      setCtx(*t, Ctx::Del);
      node->targets.push_back(std::move(t));
    } while (accept(Tok::Comma));
    if (node->targets.empty())
      fail(peek().span, "invalid syntax");
    node->span = from(start);
    return node;
  }

  // dotted_name: NAME ('.' NAME)*
  std::string parseDottedName() {
    std::string name = expect(Tok::Name).value;
    while (accept(Tok::Dot))
      name += "." + expect(Tok::Name).value;
    return name;
  }

  // import_name: 'import' ','.(dotted_name ['as' NAME])+
  StmtPtr parseImport() {
    Span start = advance().span;
    auto node = mk<Import>(start);
    do {
      Alias a;
      Span s = peek().span;
      a.name = parseDottedName();
      if (accept(Tok::KwAs))
        a.asname = expect(Tok::Name).value;
      a.span = from(s);
      node->names.push_back(std::move(a));
    } while (accept(Tok::Comma));
    node->span = from(start);
    return node;
  }

  // import_from: 'from' ('.' | '...')* dotted_name 'import' import_from_targets
  //            | 'from' ('.' | '...')+ 'import' import_from_targets
  // import_from_targets: '(' as_names [','] ')' | as_names | '*'
  StmtPtr parseImportFrom() {
    Span start = advance().span;
    auto node = mk<ImportFrom>(start);
    for (;;) {
      if (accept(Tok::Dot))
        node->level += 1;
      else if (accept(Tok::Ellipsis))
        node->level += 3;
      else
        break;
    }
    if (at(Tok::Name))
      node->module = parseDottedName();
    else if (node->level == 0)
      fail(peek().span, "invalid syntax");
    expect(Tok::KwImport);
    if (at(Tok::Star)) {
      Span s = advance().span;
      node->names.push_back(Alias{s, "*", ""});
    } else {
      bool paren = accept(Tok::LParen);
      do {
        if (paren && at(Tok::RParen))
          break;
        Alias a;
        const Token &n = expect(Tok::Name);
        a.name = n.value;
        if (accept(Tok::KwAs))
          a.asname = expect(Tok::Name).value;
        a.span = from(n.span);
        node->names.push_back(std::move(a));
      } while (accept(Tok::Comma));
      if (paren)
        expect(Tok::RParen);
      else if (node->names.empty())
        fail(peek().span, "invalid syntax");
    }
    node->span = from(start);
    return node;
  }

  // Expression statements and the assignment family:
  //   star_expressions
  //   (star_targets '=')+ (yield_expr | star_expressions)
  //   single_target augassign (yield_expr | star_expressions)
  //   single_target ':' expression ['=' annotated_rhs]
  StmtPtr parseExpressionStatement() {
    Span start = peek().span;
    bool startsWithParen = at(Tok::LParen);
    ExprPtr first = parseRhs();
    BinOpKind op;
    if (at(Tok::Colon)) {
      advance();
      auto node = mk<AnnAssign>(start);
      switch (first->kind) {
      case ExprKind::Name: node->simple = !startsWithParen; break;
      case ExprKind::Attribute:
      case ExprKind::Subscript: node->simple = false; break;
      case ExprKind::Tuple:
      case ExprKind::List:
        failDescribing(*first, "only single target (not ", ") can be annotated");
      default: fail(first->span, "illegal target for annotation");
      }
      setCtx(*first, Ctx::Store);
      node->target = std::move(first);
      node->annotation = parseExpression();
      if (accept(Tok::Assign))
        node->value = parseRhs();
      node->span = from(start);
      return node;
    }
    if (augAssignOp(peek().kind, op)) {
      advance();
      switch (first->kind) {
      case ExprKind::Name:
      case ExprKind::Attribute:
      case ExprKind::Subscript: break;
      default:
        failDescribing(*first, "'", "' is an illegal expression for augmented assignment");
      }
      setCtx(*first, Ctx::Store);
      ExprPtr value = parseRhs();
      checkNotStarred(*value);
      return mk<AugAssign>(from(start), std::move(first), op, std::move(value));
    }
    if (at(Tok::Assign)) {
      ExprList chain;
      chain.push_back(std::move(first));
      while (accept(Tok::Assign))
        chain.push_back(parseRhs());
      auto node = mk<Assign>(start);
      node->value = std::move(chain.back());
      chain.pop_back();
      checkAssignTargets(chain, *node->value);
      for (auto &t : chain) {
        setCtx(*t, Ctx::Store);
        node->targets.push_back(std::move(t));
      }
      checkNotStarred(*node->value);
      node->span = from(start);
      return node;
    }
    if (first->kind == ExprKind::Name && startsExpr(peek().kind)) {
      const std::string &id = first->as<Name>()->id;
      if (id == "print" || id == "exec")
        fail(first->span, "Missing parentheses in call to '" + id + "'. Did you mean " + id +
                              "(...)?");
    }
    checkNotStarred(*first);
    return mk<ExprStmt>(from(start), std::move(first));
  }

  // The right-hand side of an assignment: yield_expr | star_expressions
  ExprPtr parseRhs() {
    if (at(Tok::KwYield))
      return parseYield();
    return parseStarExpressions();
  }

  // `*a` alone is not a value: CPython's "can't use starred expression here".
  void checkNotStarred(const Expr &e) {
    if (e.kind == ExprKind::Starred)
      fail(e.span, "can't use starred expression here");
  }

  // Validates `t1 = t2 = ... = value` targets with CPython's messages.
  void checkAssignTargets(const ExprList &targets, const Expr &value) {
    // CPython's invalid_named_expression: the element right before the first
    // '=' is reported with "here. Maybe you meant '=='..." when it is an
    // operand-level expression other than a display, True/False/None.
    const Expr &t1 = *targets.front();
    const Expr *lastElt = &t1;
    if (t1.kind == ExprKind::Tuple && !t1.as<Tuple>()->parenthesized)
      lastElt = t1.as<Tuple>()->elts.back().get();
    const Expr &next = targets.size() > 1 ? *targets[1] : value;
    bool nextIsOperand = targets.size() == 1 ||
                         !(next.kind == ExprKind::Tuple && !next.as<Tuple>()->parenthesized);
    if (nextIsOperand && invalidTarget(*lastElt, Ctx::Store) == lastElt &&
        isOperandLevel(*lastElt)) {
      if (lastElt->kind == ExprKind::Yield || lastElt->kind == ExprKind::YieldFrom) {
        if (!parens_.count(lastElt))
          fail(lastElt->span, "assignment to yield expression not possible");
      }
      failDescribing(*lastElt, "cannot assign to ",
                     " here. Maybe you meant '==' instead of '='?");
    }
    for (auto &t : targets) {
      if (t->kind == ExprKind::Yield || t->kind == ExprKind::YieldFrom)
        fail(t->span, "assignment to yield expression not possible");
      if (const Expr *bad = invalidTarget(*t, Ctx::Store))
        failDescribing(*bad, "cannot assign to ");
      checkTarget(*t);
    }
  }

  // Whether `e` parses at CPython's bitwise_or level (or is parenthesized)
  // and is not one of the displays its invalid_named_expression rule skips.
  bool isOperandLevel(const Expr &e) const {
    if (parens_.count(&e))
      return e.kind != ExprKind::GeneratorExp;
    switch (e.kind) {
    case ExprKind::Compare:
    case ExprKind::BoolOp:
    case ExprKind::IfExp:
    case ExprKind::Lambda:
    case ExprKind::NamedExpr:
    case ExprKind::Tuple:
    case ExprKind::List:
    case ExprKind::GeneratorExp:
    case ExprKind::Starred: return false;
    case ExprKind::UnaryOp: return e.as<UnaryOp>()->op != UnaryOpKind::Not;
    case ExprKind::Constant: {
      ConstKind k = e.as<Constant>()->ckind;
      return k != ConstKind::True && k != ConstKind::False && k != ConstKind::None;
    }
    default: return true;
    }
  }

  // Checks a store target (for, with-as, comprehension, assignment) and
  // marks it ctx=Store.
  void checkTarget(Expr &t) {
    if (const Expr *bad = invalidTarget(t, Ctx::Store))
      failDescribing(*bad, "cannot assign to ");
    if (t.kind == ExprKind::Starred)
      fail(t.span, "starred assignment target must be in a list or tuple");
    checkStarCount(t);
    setCtx(t, Ctx::Store);
  }

  void checkStarCount(const Expr &t) {
    const ExprList *elts = nullptr;
    if (t.kind == ExprKind::Tuple)
      elts = &t.as<Tuple>()->elts;
    else if (t.kind == ExprKind::List)
      elts = &t.as<List>()->elts;
    if (!elts)
      return;
    int stars = 0;
    for (auto &e : *elts) {
      if (e->kind == ExprKind::Starred)
        ++stars;
      checkStarCount(*e);
    }
    if (stars > 1)
      fail(t.span, "multiple starred expressions in assignment");
  }

  // ==========================================================================
  // Expressions
  // ==========================================================================

  // star_expressions: star_expression (',' star_expression)* [',']
  // star_expression: '*' bitwise_or | expression
  ExprPtr parseStarExpressions() {
    ExprPtr first = parseStarExpression();
    if (!at(Tok::Comma))
      return first;
    auto tuple = mk<Tuple>(first->span);
    Span start = first->span;
    tuple->elts.push_back(std::move(first));
    while (accept(Tok::Comma)) {
      if (!startsExpr(peek().kind, true))
        break;
      tuple->elts.push_back(parseStarExpression());
    }
    tuple->span = from(start);
    return tuple;
  }

  ExprPtr parseStarExpression() {
    if (at(Tok::Star)) {
      Span start = advance().span;
      ExprPtr v = parseBitOr();
      return mk<Starred>(from(start), std::move(v));
    }
    return parseExpression();
  }

  // star_named_expression: '*' bitwise_or | named_expression
  ExprPtr parseStarNamedExpression() {
    if (at(Tok::Star)) {
      Span start = advance().span;
      ExprPtr v = parseBitOr();
      return mk<Starred>(from(start), std::move(v));
    }
    return parseNamedExpression();
  }

  // star_targets: star_target (',' star_target)* [',']
  ExprPtr parseTargetList() {
    ExprPtr first = parseTargetElement();
    if (!at(Tok::Comma))
      return first;
    Span start = first->span;
    auto tuple = mk<Tuple>(start);
    tuple->elts.push_back(std::move(first));
    while (accept(Tok::Comma)) {
      if (!startsExpr(peek().kind, true))
        break;
      tuple->elts.push_back(parseTargetElement());
    }
    tuple->span = from(start);
    return tuple;
  }

  // star_target: '*' star_target | target   (parsed as bitwise_or, checked later)
  ExprPtr parseTargetElement() {
    if (at(Tok::Star)) {
      Span start = advance().span;
      DepthGuard guard(*this);
      ExprPtr v = parseTargetElement();
      return mk<Starred>(from(start), std::move(v));
    }
    return parseBitOr();
  }

  // named_expression: NAME ':=' expression | expression !':='
  ExprPtr parseNamedExpression() {
    if (at(Tok::Name) && peek(1).kind == Tok::Walrus) {
      const Token &n = advance();
      advance();
      auto target = mk<Name>(n.span, n.value, Ctx::Store);
      ExprPtr value = parseExpression();
      return mk<NamedExpr>(from(n.span), std::move(target), std::move(value));
    }
    ExprPtr e = parseExpression();
    if (at(Tok::Walrus))
      failDescribing(*e, "cannot use assignment expressions with ");
    return e;
  }

  // expression: disjunction 'if' disjunction 'else' expression
  //           | disjunction | lambdef
  ExprPtr parseExpression() {
    if (at(Tok::KwLambda))
      return parseLambda();
    ExprPtr body = parseOr();
    if (!at(Tok::KwIf))
      return body;
    advance();
    ExprPtr test = parseOr();
    if (!accept(Tok::KwElse))
      fail(from(body->span), "expected 'else' after 'if' expression");
    DepthGuard guard(*this); // `a if b else c if d else ...` nests to the right
    ExprPtr orelse = parseExpression();
    Span s = spanTo(body->span, orelse->span);
    return mk<IfExp>(s, std::move(test), std::move(body), std::move(orelse));
  }

  // lambdef: 'lambda' [lambda_params] ':' expression
  ExprPtr parseLambda() {
    Span start = advance().span;
    auto node = mk<Lambda>(start);
    parseParameters(node->args, Tok::Colon, false);
    expect(Tok::Colon);
    DepthGuard guard(*this);
    node->body = parseExpression();
    node->span = from(start);
    return node;
  }

  // disjunction: conjunction ('or' conjunction)*
  // conjunction: inversion ('and' inversion)*
  ExprPtr parseOr() { return parseBoolOp(true); }
  ExprPtr parseBoolOp(bool isOr) {
    ExprPtr first = isOr ? parseBoolOp(false) : parseNot();
    Tok kw = isOr ? Tok::KwOr : Tok::KwAnd;
    if (!at(kw))
      return first;
    Span start = first->span;
    auto node = mk<BoolOp>(start, isOr ? BoolOpKind::Or : BoolOpKind::And);
    node->values.push_back(std::move(first));
    while (accept(kw))
      node->values.push_back(isOr ? parseBoolOp(false) : parseNot());
    node->span = spanTo(start, node->values.back()->span);
    return node;
  }

  // inversion: 'not' inversion | comparison
  ExprPtr parseNot() {
    if (!at(Tok::KwNot))
      return parseComparison();
    DepthGuard guard(*this);
    Span start = advance().span;
    ExprPtr operand = parseNot();
    Span s = spanTo(start, operand->span);
    return mk<UnaryOp>(s, UnaryOpKind::Not, std::move(operand));
  }

  bool comparisonOp(CmpOpKind &op, int &width) const {
    width = 1;
    switch (peek().kind) {
    case Tok::EqEq: op = CmpOpKind::Eq; return true;
    case Tok::NotEq: op = CmpOpKind::NotEq; return true;
    case Tok::Less: op = CmpOpKind::Lt; return true;
    case Tok::LessEq: op = CmpOpKind::LtE; return true;
    case Tok::Greater: op = CmpOpKind::Gt; return true;
    case Tok::GreaterEq: op = CmpOpKind::GtE; return true;
    case Tok::KwIn: op = CmpOpKind::In; return true;
    case Tok::KwIs:
      if (peek(1).kind == Tok::KwNot) {
        width = 2;
        op = CmpOpKind::IsNot;
      } else {
        op = CmpOpKind::Is;
      }
      return true;
    case Tok::KwNot:
      if (peek(1).kind != Tok::KwIn)
        return false;
      width = 2;
      op = CmpOpKind::NotIn;
      return true;
    default: return false;
    }
  }

  // comparison: bitwise_or (compare_op bitwise_or)*
  ExprPtr parseComparison() {
    ExprPtr left = parseBitOr();
    CmpOpKind op;
    int width;
    if (!comparisonOp(op, width))
      return left;
    Span start = left->span;
    auto node = mk<Compare>(start);
    node->left = std::move(left);
    while (comparisonOp(op, width)) {
      for (int i = 0; i < width; ++i)
        advance();
      node->ops.push_back(op);
      node->comparators.push_back(parseBitOr());
    }
    node->span = spanTo(start, node->comparators.back()->span);
    return node;
  }

  ExprPtr parseBitOr() { return parseBinary(1); }

  // bitwise_or .. term by precedence climbing:
  //   binary(p): factor (op binary(prec(op)+1))*   for ops with prec >= p
  ExprPtr parseBinary(int minPrec) {
    // A BinOp spans its operands' parentheses too, as CPython's does
    // (`(a + b) * (c)`: the tracebacks' ~~~^~~~ markers cover them).
    Span first = peek().span;
    ExprPtr left = parseFactor();
    BinOpKind op;
    ChainGuard chain(*this);
    for (;;) {
      int prec = binaryPrecedence(peek().kind, op);
      if (prec == 0 || prec < minPrec)
        return left;
      chain.link();
      advance();
      ExprPtr right = parseBinary(prec + 1);
      Span s = spanTo(first, last_);
      left = mk<BinOp>(s, op, std::move(left), std::move(right));
    }
  }

  // factor: ('+' | '-' | '~') factor | power
  ExprPtr parseFactor() {
    UnaryOpKind op;
    switch (peek().kind) {
    case Tok::Plus: op = UnaryOpKind::UAdd; break;
    case Tok::Minus: op = UnaryOpKind::USub; break;
    case Tok::Tilde: op = UnaryOpKind::Invert; break;
    default: return parsePower();
    }
    DepthGuard guard(*this);
    Span start = advance().span;
    ExprPtr operand = parseFactor();
    Span s = spanTo(start, operand->span);
    return mk<UnaryOp>(s, op, std::move(operand));
  }

  // power: await_primary ['**' factor]
  // await_primary: 'await' primary | primary
  ExprPtr parsePower() {
    ExprPtr base;
    Span first = peek().span;
    if (at(Tok::KwAwait)) {
      Span start = advance().span;
      ExprPtr v = parsePrimary();
      base = mk<Await>(from(start), std::move(v));
    } else {
      base = parsePrimary();
    }
    if (!at(Tok::DoubleStar))
      return base;
    advance();
    DepthGuard guard(*this);
    ExprPtr exp = parseFactor();
    Span s = spanTo(first, last_);
    return mk<BinOp>(s, BinOpKind::Pow, std::move(base), std::move(exp));
  }

  // primary: atom ('.' NAME | '(' [arguments] ')' | '[' slices ']')*
  ExprPtr parsePrimary() {
    ExprPtr e = parseAtom();
    ChainGuard chain(*this);
    for (;;) {
      Span start = e->span;
      if (at(Tok::Dot) || at(Tok::LParen) || at(Tok::LBracket))
        chain.link();
      if (at(Tok::Dot)) {
        advance();
        const Token &n = expect(Tok::Name);
        e = mk<Attribute>(from(start), std::move(e), n.value);
      } else if (at(Tok::LParen)) {
        auto call = mk<Call>(start);
        call->func = std::move(e);
        parseCallArguments(*call, true);
        call->span = from(start);
        e = std::move(call);
      } else if (at(Tok::LBracket)) {
        advance();
        DepthGuard guard(*this);
        ExprPtr index = parseSlices();
        expectCloser(Tok::RBracket, index.get());
        e = mk<Subscript>(from(start), std::move(e), std::move(index));
      } else {
        return e;
      }
    }
  }

  // A closing bracket after a list element; "Perhaps you forgot a comma?"
  // when another expression follows instead.
  void expectCloser(Tok closer, const Expr *prev) {
    if (!accept(closer))
      failAfterElement(prev);
  }

  // slices: slice | ','.(slice | starred_expression)+ [',']
  ExprPtr parseSlices() {
    Span start = peek().span;
    ExprPtr first = parseSlice();
    if (!at(Tok::Comma))
      return first;
    auto tuple = mk<Tuple>(first->span);
    tuple->elts.push_back(std::move(first));
    while (accept(Tok::Comma)) {
      if (!startsExpr(peek().kind, true) && !at(Tok::Colon))
        break;
      tuple->elts.push_back(parseSlice());
    }
    tuple->span = from(start);
    return tuple;
  }

  // slice: [expression] ':' [expression] [':' [expression]] | named_expression
  ExprPtr parseSlice() {
    Span start = peek().span;
    ExprPtr lower;
    if (!at(Tok::Colon)) {
      if (at(Tok::Star))
        return parseStarNamedExpression();
      lower = parseNamedExpression();
      if (!at(Tok::Colon))
        return lower;
    }
    advance();
    auto slice = mk<Slice>(start);
    slice->lower = std::move(lower);
    if (startsExpr(peek().kind))
      slice->upper = parseExpression();
    if (accept(Tok::Colon) && startsExpr(peek().kind))
      slice->step = parseExpression();
    slice->span = from(start);
    return slice;
  }

  // arguments: '(' [args [',']] ')'
  // args: (starred_expression | named_expression !'=')
  //         (',' ...)* (',' kwarg | '*' expression | '**' expression)*
  // A generator expression may be the sole argument, unparenthesized.
  void parseCallArguments(Call &call, bool allowGenexp) {
    Span open = advance().span; // '('
    DepthGuard guard(*this);
    bool sawKeyword = false, sawDoubleStar = false;
    const Expr *prev = nullptr;
    while (!at(Tok::RParen)) {
      Span start = peek().span;
      if (at(Tok::Star)) {
        advance();
        ExprPtr v = parseExpression();
        auto s = mk<Starred>(from(start), std::move(v));
        atComprehension(s.get());
        if (sawDoubleStar)
          fail(s->span, "iterable argument unpacking follows keyword argument unpacking");
        prev = s.get();
        call.args.push_back(std::move(s));
      } else if (at(Tok::DoubleStar)) {
        advance();
        ExprPtr v = parseExpression();
        prev = v.get();
        call.keywords.push_back(Keyword{from(start), "", std::move(v)});
        sawDoubleStar = true;
      } else if (at(Tok::Name) && peek(1).kind == Tok::Assign) {
        std::string name = advance().value;
        advance();
        ExprPtr v = parseExpression();
        for (auto &k : call.keywords)
          if (k.name == name)
            fail(from(start), "keyword argument repeated: " + name);
        prev = v.get();
        call.keywords.push_back(Keyword{from(start), std::move(name), std::move(v)});
        sawKeyword = true;
      } else {
        ExprPtr e = parseNamedExpression();
        if (at(Tok::Assign))
          fail(spanTo(e->span, peek().span),
               "expression cannot contain assignment, perhaps you meant \"==\"?");
        if (at(Tok::KwFor) || (at(Tok::KwAsync) && peek(1).kind == Tok::KwFor)) {
          if (e->kind == ExprKind::Starred)
            fail(e->span, "iterable unpacking cannot be used in comprehension");
          if (!allowGenexp) // class bases
            fail(peek().span, "invalid syntax");
          auto gen = mk<Comp>(ExprKind::GeneratorExp, e->span);
          gen->elt = std::move(e);
          parseComprehensionClauses(gen->generators);
          gen->span = from(gen->span);
          bool alone = call.args.empty() && call.keywords.empty() &&
                       (at(Tok::RParen) || (at(Tok::Comma) && peek(1).kind == Tok::RParen));
          if (!alone)
            fail(gen->span, "Generator expression must be parenthesized");
          accept(Tok::Comma);
          expect(Tok::RParen);
          gen->span = spanTo(open, last_);
          call.args.push_back(std::move(gen));
          return;
        }
        if (sawDoubleStar)
          fail(e->span, "positional argument follows keyword argument unpacking");
        if (sawKeyword)
          fail(e->span, "positional argument follows keyword argument");
        prev = e.get();
        call.args.push_back(std::move(e));
      }
      if (!accept(Tok::Comma))
        break;
    }
    expectCloser(Tok::RParen, prev);
  }

  // Whether a comprehension starts here; `elt` is the element before it,
  // which must not be starred.
  bool atComprehension(const Expr *elt) {
    if (!(at(Tok::KwFor) || (at(Tok::KwAsync) && peek(1).kind == Tok::KwFor)))
      return false;
    if (elt && elt->kind == ExprKind::Starred)
      fail(elt->span, "iterable unpacking cannot be used in comprehension");
    return true;
  }

  // for_if_clauses: (['async'] 'for' star_targets 'in' disjunction ('if' disjunction)*)+
  void parseComprehensionClauses(std::vector<Comprehension> &out) {
    while (at(Tok::KwFor) || (at(Tok::KwAsync) && peek(1).kind == Tok::KwFor)) {
      Comprehension c;
      if (accept(Tok::KwAsync))
        c.isAsync = true;
      advance(); // 'for'
      c.target = parseTargetList();
      checkTarget(*c.target);
      expect(Tok::KwIn);
      c.iter = parseOr();
      while (accept(Tok::KwIf))
        c.ifs.push_back(parseOr());
      out.push_back(std::move(c));
    }
  }

  // atom: NAME | 'True' | 'False' | 'None' | '...' | NUMBER | strings
  //     | tuple | group | genexp | list | listcomp | dict | set | dictcomp | setcomp
  ExprPtr parseAtom() {
    const Token &t = peek();
    switch (t.kind) {
    case Tok::Name: advance(); return mk<Name>(t.span, t.value);
    case Tok::Int: advance(); return mk<Constant>(t.span, ConstKind::Int, t.value);
    case Tok::Float: advance(); return mk<Constant>(t.span, ConstKind::Float, t.value);
    case Tok::Imag: advance(); return imaginary(t);
    case Tok::KwTrue: advance(); return mk<Constant>(t.span, ConstKind::True);
    case Tok::KwFalse: advance(); return mk<Constant>(t.span, ConstKind::False);
    case Tok::KwNone: advance(); return mk<Constant>(t.span, ConstKind::None);
    case Tok::Ellipsis: advance(); return mk<Constant>(t.span, ConstKind::Ellipsis);
    case Tok::String:
    case Tok::Bytes:
    case Tok::FString: return parseStrings();
    case Tok::LParen: return parseParenthesized();
    case Tok::LBracket: return parseListDisplay();
    case Tok::LBrace: return parseBraceDisplay();
    default: fail(t.span, "invalid syntax");
    }
  }

  [[gnu::noinline]] static ExprPtr imaginary(const Token &t) {
    std::string v = t.value;
    if (!v.empty() && (v.back() == 'j' || v.back() == 'J'))
      v.pop_back();
    return mk<Constant>(t.span, ConstKind::Imag, std::move(v));
  }

  // strings: (STRING | FSTRING)+ | BYTES+   (adjacent literals concatenate)
  ExprPtr parseStrings() {
    Span start = peek().span;
    bool anyBytes = false, anyText = false, anyF = false;
    size_t first = pos_;
    while (at(Tok::String) || at(Tok::Bytes) || at(Tok::FString)) {
      Tok k = advance().kind;
      (k == Tok::Bytes ? anyBytes : anyText) = true;
      anyF |= k == Tok::FString;
    }
    size_t end = pos_;
    Span span = from(start);
    if (anyBytes && anyText)
      fail(span, "cannot mix bytes and nonbytes literals");
    if (!anyF) {
      std::string value;
      for (size_t i = first; i < end; ++i)
        value += toks_[i].value;
      return mk<Constant>(span, anyBytes ? ConstKind::Bytes : ConstKind::Str, std::move(value));
    }
    auto joined = mk<JoinedStr>(span);
    ExprList parts;
    for (size_t i = first; i < end; ++i) {
      const Token &tok = toks_[i];
      if (tok.kind == Tok::String) {
        parts.push_back(mk<Constant>(tok.span, ConstKind::Str, tok.value));
      } else if (!detail::appendFStringParts(tok, source_, parts, diag_, depth_)) {
        throw ParseError{};
      }
    }
    // Merge neighbouring literal parts and drop empty ones, as CPython does.
    for (auto &p : parts) {
      if (p->kind == ExprKind::Constant) {
        auto *c = p->as<Constant>();
        if (c->value.empty())
          continue;
        if (!joined->values.empty() && joined->values.back()->kind == ExprKind::Constant) {
          joined->values.back()->as<Constant>()->value += c->value;
          continue;
        }
      }
      joined->values.push_back(std::move(p));
    }
    return joined;
  }

  // group: '(' (yield_expr | named_expression) ')'
  // tuple: '(' [star_named_expression ',' [star_named_expressions]] ')'
  // genexp: '(' named_expression for_if_clauses ')'
  ExprPtr parseParenthesized() {
    Span start = advance().span;
    DepthGuard guard(*this);
    if (accept(Tok::RParen)) {
      auto t = mk<Tuple>(from(start));
      t->parenthesized = true;
      return t;
    }
    if (at(Tok::KwYield)) {
      ExprPtr y = parseYield();
      expect(Tok::RParen);
      parens_.insert(y.get());
      return y;
    }
    ExprPtr first = parseStarNamedExpression();
    if (atComprehension(first.get())) {
      auto gen = mk<Comp>(ExprKind::GeneratorExp, start);
      gen->elt = std::move(first);
      parseComprehensionClauses(gen->generators);
      expectCloser(Tok::RParen, nullptr);
      gen->span = from(start);
      parens_.insert(gen.get());
      return gen;
    }
    if (at(Tok::Comma)) {
      auto t = mk<Tuple>(start);
      t->parenthesized = true;
      t->elts.push_back(std::move(first));
      while (accept(Tok::Comma)) {
        if (at(Tok::RParen))
          break;
        t->elts.push_back(parseStarNamedExpression());
      }
      expectCloser(Tok::RParen, t->elts.back().get());
      t->span = from(start);
      return t;
    }
    expectCloser(Tok::RParen, first.get());
    if (first->kind == ExprKind::Starred)
      fail(first->span, "cannot use starred expression here");
    parens_.insert(first.get());
    return first;
  }

  // list: '[' [star_named_expressions] ']'
  // listcomp: '[' named_expression for_if_clauses ']'
  ExprPtr parseListDisplay() {
    Span start = advance().span;
    DepthGuard guard(*this);
    auto list = mk<List>(start);
    if (!at(Tok::RBracket)) {
      ExprPtr first = parseStarNamedExpression();
      if (atComprehension(first.get())) {
        auto comp = mk<Comp>(ExprKind::ListComp, start);
        comp->elt = std::move(first);
        parseComprehensionClauses(comp->generators);
        expectCloser(Tok::RBracket, nullptr);
        comp->span = from(start);
        return comp;
      }
      list->elts.push_back(std::move(first));
      while (accept(Tok::Comma)) {
        if (at(Tok::RBracket))
          break;
        list->elts.push_back(parseStarNamedExpression());
      }
    }
    expectCloser(Tok::RBracket, list->elts.empty() ? nullptr : list->elts.back().get());
    list->span = from(start);
    return list;
  }

  // dict: '{' [double_starred_kvpair (',' double_starred_kvpair)* [',']] '}'
  // set: '{' star_named_expressions '}'
  // dictcomp: '{' kvpair for_if_clauses '}'   setcomp: '{' named_expression for_if_clauses '}'
  ExprPtr parseBraceDisplay() {
    Span start = advance().span;
    DepthGuard guard(*this);
    if (accept(Tok::RBrace))
      return mk<Dict>(from(start));
    bool isDict;
    ExprPtr key, value;
    if (accept(Tok::DoubleStar)) {
      isDict = true;
      value = parseBitOr();
    } else {
      key = parseStarNamedExpression();
      isDict = at(Tok::Colon);
      if (isDict) {
        if (key->kind == ExprKind::Starred)
          fail(peek().span, "invalid syntax");
        advance();
        if (at(Tok::Star))
          fail(peek().span, "cannot use a starred expression in a dictionary value");
        value = parseExpression();
      }
    }
    bool comp = atComprehension(isDict ? nullptr : key.get());
    if (comp) {
      if (isDict && !key)
        fail(value->span, "dict unpacking cannot be used in dict comprehension");
      auto c = mk<Comp>(isDict ? ExprKind::DictComp : ExprKind::SetComp, start);
      if (isDict) {
        c->key = std::move(key);
        c->value = std::move(value);
      } else {
        c->elt = std::move(key);
      }
      parseComprehensionClauses(c->generators);
      expectCloser(Tok::RBrace, nullptr);
      c->span = from(start);
      return c;
    }
    if (!isDict) {
      auto set = mk<Set>(start);
      set->elts.push_back(std::move(key));
      while (accept(Tok::Comma)) {
        if (at(Tok::RBrace))
          break;
        set->elts.push_back(parseStarNamedExpression());
      }
      expectCloser(Tok::RBrace, set->elts.back().get());
      set->span = from(start);
      return set;
    }
    auto dict = mk<Dict>(start);
    dict->keys.push_back(std::move(key));
    dict->values.push_back(std::move(value));
    while (accept(Tok::Comma)) {
      if (at(Tok::RBrace))
        break;
      if (accept(Tok::DoubleStar)) {
        dict->keys.push_back(nullptr);
        dict->values.push_back(parseBitOr());
        continue;
      }
      ExprPtr k = parseExpression();
      if (!at(Tok::Colon))
        fail(k->span, "':' expected after dictionary key");
      advance();
      if (at(Tok::Star))
        fail(peek().span, "cannot use a starred expression in a dictionary value");
      dict->keys.push_back(std::move(k));
      dict->values.push_back(parseExpression());
    }
    expectCloser(Tok::RBrace, dict->values.back().get());
    dict->span = from(start);
    return dict;
  }

  // yield_expr: 'yield' 'from' expression | 'yield' [star_expressions]
  ExprPtr parseYield() {
    Span start = advance().span;
    if (accept(Tok::KwFrom)) {
      ExprPtr v = parseExpression();
      return mk<YieldFrom>(from(start), std::move(v));
    }
    ExprPtr v;
    if (startsExpr(peek().kind, true))
      v = parseStarExpressions();
    return mk<Yield>(from(start), std::move(v));
  }
};

} // namespace

namespace detail {
ExprPtr parseFieldTokens(const std::vector<Token> &tokens, std::string_view source,
                         Diagnostics &diag, int depth) {
  Parser p(tokens, source, diag, depth);
  return p.parseField();
}
} // namespace detail

Module parseModule(const std::vector<Token> &tokens, std::string_view source,
                   std::string filename, Diagnostics &diag) {
  Module m;
  m.filename = std::move(filename);
  Parser p(tokens, source, diag, 0);
  p.parseFile(m.body);
  return m;
}

Module parseSource(std::string_view source, std::string filename, Diagnostics &diag) {
  std::vector<Token> tokens = tokenize(source, diag);
  if (!diag.hasErrors())
    return parseModule(tokens, source, std::move(filename), diag);
  // CPython's parser pulls tokens as it goes, so a syntax error before the
  // point where the lexer failed is the one the user sees ("def f(:" is
  // "invalid syntax", not "'(' was never closed").  Parse what was lexed.
  Module m;
  m.filename = std::move(filename);
  Diagnostics parserDiag;
  Parser p(tokens, source, parserDiag, 0);
  p.parseFile(m.body);
  if (parserDiag.hasErrors() && !p.failedAtEnd()) {
    diag.clear();
    const Diagnostic &d = parserDiag.errors().front();
    diag.error(d.span, d.message, d.kind);
  }
  m.body.clear();
  return m;
}

} // namespace tide

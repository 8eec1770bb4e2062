// gen.h — the code generator's internal state, shared by its files:
//   module.cpp   module/function setup, constants, names, refcounts, errors
//   expr.cpp     expressions (incl. the inline small-int paths)
//   stmt.cpp     statements and control flow
//   call.cpp     calls, function and lambda creation, comprehensions
// See codegen.h for the design.
#pragma once

#include <functional>

#include "codegen.h"
#include "diag.h"
#include "llvm/IR/DIBuilder.h"

namespace tide {

// The runtime's TD_OP_* code for a binary operator.
int32_t abiBinopCode(BinOpKind k);

struct CValue {
  llvm::Value *v = nullptr;
  bool owned = false;
};

// Where an error, break or continue jumps, and how many live temps stay.
struct Target {
  llvm::BasicBlock *bb = nullptr;
  size_t depth = 0;        // live temps that stay
  size_t cleanupDepth = 0; // cleanups (finally bodies, except exits) that stay
};

// Code that must run when control leaves a region by a jump (break,
// continue, return, an exception): a finally body, or the end of an except
// clause.  It is generated again at each such exit, as CPython does.
struct Cleanup {
  std::function<void()> emit;
  size_t handlerDepth = 0; // the handlers in force while it runs
  size_t loopDepth = 0;
  int id = 0;              // Gen::pushCleanup's; names the whole stack under it too
};

// Where an int kernel (kernel.cpp) of a counting `for` joins the rest of the
// loop: entered at `entry`, else the generic loop starts at `fallback`; a
// bail-out resumes the generic loop at `resume` with its counter phi
// `resumeAt`; `exhausted` and `brk` are the loop's own exits.
struct ForKernelEdges {
  llvm::BasicBlock *entry, *fallback, *resume, *exhausted, *brk;
  llvm::PHINode *resumeAt;
  llvm::Value *start, *stop, *step;
};
// The same for `while`: the generic loop's condition block, else branch and end.
struct WhileKernelEdges {
  llvm::BasicBlock *entry, *header, *orelse, *end;
};

// The ICmp predicate of ==, !=, <, <=, >, >= on ints, and whether op is one
// of those (expr.cpp).
llvm::CmpInst::Predicate intPredicate(CmpOpKind op);
bool isOrdering(CmpOpKind op);

// A small int literal's value: false when the literal needs a big int.
bool smallIntLiteral(const std::string &literal, int64_t &value);

struct LoopInfo {
  Target breakTo, continueTo;
};

// One function being generated (or the module body).
struct FuncState {
  llvm::Function *fn = nullptr;
  Scope *scope = nullptr;
  llvm::Value *ts = nullptr;
  llvm::Value *self = nullptr;       // TdFunction*, null for the module body
  llvm::GlobalVariable *code = nullptr; // its TdCodeInfo
  std::vector<llvm::Value *> slots;  // per symbol; Local: value, Cell: cell obj, Free: cell obj
  // Parameters never rebound in the body hold the caller's (borrowed)
  // reference for the whole call: no refcounting, never unbound.
  std::vector<bool> borrowed;
  llvm::AllocaInst *retval = nullptr;
  llvm::BasicBlock *exitBB = nullptr;
  llvm::AllocaInst *argBuf = nullptr; // scratch array for calls
  unsigned argBufSize = 0;
  std::vector<Target> handlers;      // innermost last
  std::vector<LoopInfo> loops;
  std::vector<CValue> temps;         // live temps
  std::vector<Cleanup> cleanups;
  // An exception crossing cleanups: every error site with the same handler,
  // cleanup stack and definitely-bound locals shares one copy of them.
  std::map<std::tuple<llvm::BasicBlock *, int, std::vector<bool>>, llvm::BasicBlock *> sharedUnwinds;
  std::vector<std::string> params;  // in TdCodeInfo order: positional, kw-only, *args, **kw
  bool isModule = false;
  bool isClassBody = false;
  bool directArgs = false;           // parameters arrive as LLVM arguments (TdCodeInfo::direct)
  llvm::Value *ns = nullptr;         // class bodies: the namespace dict
  // Definite assignment: bound[i] when local slot i holds a value on every
  // path reaching the code being generated, so a read needs no
  // UnboundLocalError check.  Assignments add; del removes; control flow
  // merges conservatively (Gen::stmt, ifStmt, boundThroughout).  While
  // freezeBound > 0 (inside try statements and walrus targets) assignments
  // add nothing: an exception can leave a try body at any point, and a
  // walrus may be skipped by short-circuiting.
  std::vector<bool> bound;
  int freezeBound = 0;
  // Generators (an LLVM coroutine, abi.h's TdGenHead): the thread state
  // lives in tsSlot, reloaded at every resume (another thread may resume);
  // gen is the generator object word, made before the first suspension.
  bool isGenerator = false;
  llvm::AllocaInst *tsSlot = nullptr;
  llvm::Value *gen = nullptr;
  llvm::Value *coroId = nullptr, *coroHdl = nullptr;
  llvm::BasicBlock *suspendBB = nullptr; // coro.end; the ramp returns gen
  llvm::BasicBlock *cleanupBB = nullptr; // frees the frame (destroy, a failed ramp)
  Target errorExit;                      // handlers[0] once the generator runs
  std::string name;                  // the def name (self-recursive calls, -g) and first line
  int debugLine = 0;
  llvm::DISubprogram *sp = nullptr;  // -g only
};

class Gen {
public:
  Gen(Module &mod, llvm::LLVMContext &ctx, const CodegenOptions &opts, Diagnostics &diag);
  std::unique_ptr<llvm::Module> run();

  // ---- module.cpp -------------------------------------------------------
  // The thread state: the function's argument, or in a generator the one
  // that last resumed it.
  llvm::Value *ts() {
    return f_->tsSlot ? static_cast<llvm::Value *>(builder_.CreateLoad(ptr_, f_->tsSlot)) : f_->ts;
  }
  llvm::Function *abiFn(const char *name);
  llvm::Value *abiData(const char *name);
  llvm::Constant *i64c(int64_t v) { return llvm::ConstantInt::get(i64_, v); }
  llvm::Constant *i32c(int32_t v) { return llvm::ConstantInt::get(i32_, v); }
  llvm::Constant *cstr(const std::string &s);
  llvm::Value *noneV() { return abiData("td_None"); }
  CValue none() { return CValue{builder_.CreatePtrToInt(noneV(), i64_), false}; }
  CValue boolConst(bool b);
  llvm::Value *fromBool(llvm::Value *i1); // i1 → True/False word
  CValue strConst(const std::string &s);
  CValue bytesConst(const std::string &s);
  CValue intConst(const std::string &literal);
  CValue floatConst(double d);
  llvm::Value *kwnamesConst(const std::vector<std::string> &names);
  llvm::GlobalVariable *globalSlot(const std::string &name);
  // ---- interactive.cpp (REPL inputs) -------------------------------------
  llvm::GlobalVariable *sessionGlobal(const std::string &name);
  void displayExprStmt(const Expr &value, const Span &at);
  llvm::GlobalVariable *builtinCache(const std::string &name);

  void incref(llvm::Value *v);
  void decref(llvm::Value *v);  // v may be 0 or a small int
  void release(const CValue &c) {
    if (c.owned) decref(c.v);
  }
  CValue own(CValue c); // make an owned copy (incref if borrowed)

  void pushTemp(const CValue &c) {
    if (c.owned) f_->temps.push_back(c);
  }
  void popTemp(const CValue &c) {
    if (c.owned) f_->temps.pop_back();
  }
  void releaseTempsTo(size_t depth, bool cold = false); // emit decrefs (no pop)

  // Error plumbing.
  void errorIf(llvm::Value *cond, const Span &at);
  void checkValue(llvm::Value *v, const Span &at) { errorIf(isZero(v), at); }
  void checkInt(llvm::Value *r, const Span &at); // r < 0 is an error
  void raiseHere(const Span &at);                 // an error is pending: unwind now
  llvm::Value *isZero(llvm::Value *v) { return builder_.CreateICmpEQ(v, i64c(0)); }
  void emitTraceback(const Span &at);
  void unwindTo(const Target &t, bool cold = false);
  void pushCleanup(Cleanup c) {
    c.id = ++cleanupCounter_;
    f_->cleanups.push_back(std::move(c));
  }
  Target here(llvm::BasicBlock *bb) { return Target{bb, f_->temps.size(), f_->cleanups.size()}; }
  llvm::BasicBlock *newBlock(const char *name);
  bool terminated() { return builder_.GetInsertBlock()->getTerminator() != nullptr; }
  void startDeadBlock(); // after an unconditional jump: continue in an unreachable block
  // The eval-breaker test; beforeRaise runs on the way to an exception.
  void evalBreakerCheck(const Span &at, const std::function<void()> &beforeRaise = nullptr);
  // When v is 0 (an unbound name): raiseFn(ts, id) — td_raise_unbound_local,
  // _free or td_raise_name_error — and unwind, recorded at `at`.
  void raiseIfUnbound(llvm::Value *v, const char *raiseFn, const std::string &id, const Span &at);
  llvm::Value *isSmall(llvm::Value *v) {
    return builder_.CreateICmpNE(builder_.CreateAnd(v, i64c(1)), i64c(0));
  }

  // Functions.
  llvm::Function *declareBody(const std::string &name);
  // Marks code that runs once (module init, a class body) optnone.
  void runsOnce(llvm::Function *fn);
  llvm::GlobalVariable *makeCodeInfo(Scope *scope, const std::string &name, llvm::Function *body,
                                     const Arguments *args, int firstLine, int flags,
                                     llvm::Function *direct = nullptr);
  void beginFunction(FuncState &fs, llvm::Function *fn, Scope *scope, bool isModule);
  void finishFunction(FuncState &fs);
  llvm::Value *argBuffer(unsigned n);
  // ---- generator.cpp ------------------------------------------------------
  void beginGenerator(FuncState &fs);   // the frame, before the parameters
  void startGenerator(const Span &at);  // make the generator, first suspension
  void finishGenerator(FuncState &fs);  // at exit: td_gen_finish, final suspension
  // Suspends, first handing `yielded` (a new reference, or null) to the
  // resumer; code after it runs when the generator is resumed.
  void suspendPoint(llvm::Value *yielded);
  CValue yieldValue(CValue v, const Span &at); // consumes v; the sent value
  CValue yieldFrom(const Expr &value, const Span &at);
  llvm::Function *genDriveThunk();
  // -g: source positions (no-ops without CodegenOptions::debugInfo).
  void debugFunction(FuncState &fs);
  void debugLocation(const Span &at);

  // Names.
  CValue loadName(const Name &n);
  CValue loadSlot(int slot, NameScope scope, const std::string &id, const Span &at);
  // borrow: no reference taken (the caller keeps the value alive).
  CValue loadGlobal(const std::string &id, const Span &at, bool borrow = false);
  void storeName(const std::string &id, NameScope scope, int slot, CValue v, const Span &at);
  void deleteName(const Name &n);
  // Binds `id` in the current scope (def, class, import, except-as names).
  void bindName(const std::string &id, CValue v, const Span &at);

  // ---- expr.cpp ---------------------------------------------------------
  CValue expr(const Expr &e);
  CValue exprOwned(const Expr &e) { return own(expr(e)); }
  llvm::Value *condition(const Expr &e); // i1
  llvm::Value *truthy(CValue v, const Span &at); // i1, releases v
  CValue binop(BinOpKind op, CValue a, CValue b, const Span &at, bool inplace);
  // x // y or x % y, floored as Python does, on machine ints (y != 0, and
  // not INT64_MIN // -1).
  llvm::Value *floorDivMod(BinOpKind op, llvm::Value *x, llvm::Value *y);
  CValue compareOp(CmpOpKind op, CValue a, CValue b, const Span &at); // releases a, b
  llvm::Value *compareCond(CmpOpKind op, CValue a, CValue b, const Span &at); // i1
  CValue joinedStr(const JoinedStr &j);
  CValue constant(const Constant &c);
  CValue buildSeq(const ExprList &elts, const char *buildFn, const Span &at);
  CValue subscript(const Subscript &s);
  CValue sliceValue(const Slice &s);

  // ---- call.cpp ---------------------------------------------------------
  CValue call(const Call &c, const Span *awaitAt = nullptr);
  CValue awaitValue(CValue v, const Span &at);
  CValue makeFunction(Scope *scope, const std::string &name, const Arguments &args,
                      const std::function<void()> &genBody, int firstLine, int flags,
                      const Span &at);
  CValue functionDef(const FunctionDef &d);
  CValue lambda(const Lambda &l);
  CValue comprehension(const Comp &c);
  CValue classDef(const ClassDef &c);
  CValue applyDecorators(std::vector<CValue> &decorators, CValue target, const ExprList &nodes);
  bool zeroArgSuper(const Call &c, CValue &out);

  // ---- stmt.cpp ---------------------------------------------------------
  void stmts(const StmtList &body);
  void stmt(const Stmt &s);
  void assign(const Expr &target, CValue v, const Span &at); // consumes v
  void forLoop(const For &f);
  bool containsLoop(const StmtList &body);
  void whileLoop(const While &w);
  void ifStmt(const If &s);
  void returnStmt(const Return &r);
  void augAssign(const AugAssign &a);
  void inplaceLocal(const AugAssign &a, const Name &n);
  // x.a op= e and x[k] op= e: `get` reads the target (new ref or 0), `set`
  // writes the result back (-1 on error); both see the target's operands.
  void augReadModifyWrite(const AugAssign &a, const std::function<llvm::Value *()> &get,
                          const std::function<llvm::Value *(llvm::Value *)> &set);
  void deleteTarget(const Expr &t);
  void tryStmt(const Try &t);
  void tryFinally(const Try &t);
  void tryExcept(const Try &t);
  llvm::Value *beginHandling(Cleanup &end);
  void raiseStmt(const Raise &r);
  void importStmt(const Import &i);
  void importFrom(const ImportFrom &i);
  void assertStmt(const Assert &a);
  void withStmt(const With &w, size_t item);
  void unsupported(const Span &at, const std::string &what);
  bool knownBound(int slot) const {
    return slot >= 0 && size_t(slot) < f_->bound.size() && f_->bound[size_t(slot)];
  }
  // The definitely-bound set minus every local that compound statement `s`
  // may delete (del, except-as names): what holds at any point inside a
  // loop, try or with statement, however control got there.
  std::vector<bool> boundThroughout(const Stmt &s) const;

  // ---- kernel.cpp -------------------------------------------------------
  // Innermost loops of small-int arithmetic on locals, generated a second
  // time with those locals unboxed in registers (see kernel.cpp).
  bool intKernelFits(const StmtList &body, const Expr *target, const Expr *test);
  void intKernelFor(const For &f, const ForKernelEdges &e);
  void intKernelWhile(const While &w, const WhileKernelEdges &e);

  // ---- state ------------------------------------------------------------
  Module &mod_;
  llvm::LLVMContext &ctx_;
  const CodegenOptions &opts_;
  Diagnostics &diag_;
  std::unique_ptr<llvm::Module> m_;
  llvm::IRBuilder<> builder_;
  llvm::Type *i64_, *i32_, *i1_, *ptr_, *dbl_, *void_;
  llvm::StructType *codeInfoTy_;
  FuncState *f_ = nullptr;
  std::unordered_map<std::string, llvm::GlobalVariable *> globals_, builtinCaches_;
  std::map<std::string, llvm::GlobalVariable *> strConsts_;
  // Code that creates constants, run at the top of the module entry.
  llvm::Function *initFn_ = nullptr;
  llvm::IRBuilder<> initBuilder_;
  llvm::Value *initTs_ = nullptr;
  std::unique_ptr<llvm::DIBuilder> dib_; // -g only
  llvm::DIFile *diFile_ = nullptr;
  int constCounter_ = 0;
  int fnCounter_ = 0;
  int cleanupCounter_ = 0;
};

} // namespace tide

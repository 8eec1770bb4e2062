// kernel.cpp — innermost loops of small-int arithmetic, with their locals
// in machine registers.
//
// A loop such as `for i in range(n): x = (x * 31 + i) % m` does nothing but
// int arithmetic on locals.  The generic code keeps every local as a tagged
// word in its slot and tests the tag before each operation, because any of
// them could become a big int (an overflow) or any other object.  A kernel
// is a second copy of such a loop in which the locals it touches live as
// plain i64s, with no tag tests at all:
//
//   - On entry, every local the kernel reads before assigning it must hold a
//     small int (one test per local, once per loop, not per iteration);
//     otherwise the generic loop runs instead.
//   - Inside, a local holding the small int v is the word 2v (its tagged
//     form 2v+1 minus the tag).  Sums, differences, remainders, comparisons
//     and bitwise operations of such words are the words of the results, and
//     the CPU's overflow flag on them is exactly "left the small-int range";
//     a product needs one operand untagged, a quotient one shift back.
//   - Anything the kernel cannot finish as a small int (an overflow into a
//     big int, a zero divisor, a negative shift) bails out: the kernel's
//     statements have no effects beyond its own locals, so it throws away
//     the current iteration, stores the locals as they were at its start,
//     and the generic loop runs that iteration again, and every later one.
//     The generic code then raises ZeroDivisionError, makes the big int, …
//     exactly as it would have without a kernel.
//   - On every way out (the loop ending, break, bail-out, an exception from
//     the eval-breaker check) the locals it assigned are stored back, tagged.
//
// What fits: `for NAME in range(...)` on the counting path (stmt.cpp) and
// `while COND`, with no loop nested inside, whose body holds only
// assignments of int expressions to plain locals (also `a, b = b, a + b`),
// augmented assignments, if/elif/else, pass, break and continue.  Int
// expressions: small int literals, locals, + - * // % << >> & | ^, unary
// - + ~, and `x if c else y`; conditions: comparisons (chained), and, or,
// not, and an int's truth.  Globals, calls, true division, ** and anything
// else leave the loop to the generic code: a global could be rebound by
// another thread at the eval-breaker check, and a call could do anything.
#include <map>
#include <set>

#include "gen.h"
#include "llvm/IR/MDBuilder.h"
#include "tide/abi.h"

namespace tide {

namespace {

// Which locals a kernel uses, found by walking its statements in order.
// readFirst: some read may come before any assignment in the same
// iteration, so the local must hold a small int on entry.
struct KUse {
  bool readFirst = false;
  bool written = false;
};

class KernelPlan {
public:
  std::map<int, KUse> vars;

  static bool isLocal(const Expr &e) {
    if (e.kind != ExprKind::Name) return false;
    auto &n = *e.as<Name>();
    return n.scope == NameScope::Local && n.slot >= 0;
  }

  static bool inlineOp(BinOpKind op) {
    switch (op) {
    case BinOpKind::Add:
    case BinOpKind::Sub:
    case BinOpKind::Mult:
    case BinOpKind::FloorDiv:
    case BinOpKind::Mod:
    case BinOpKind::LShift:
    case BinOpKind::RShift:
    case BinOpKind::BitAnd:
    case BinOpKind::BitOr:
    case BinOpKind::BitXor:
      return true;
    default:
      return false;
    }
  }

  void read(int slot, const std::set<int> &defined) {
    KUse &u = vars[slot];
    if (!defined.count(slot)) u.readFirst = true;
  }
  void write(int slot, std::set<int> &defined) {
    vars[slot].written = true;
    defined.insert(slot);
  }

  bool intExpr(const Expr &e, const std::set<int> &defined) {
    switch (e.kind) {
    case ExprKind::Constant: {
      auto &c = *e.as<Constant>();
      int64_t v;
      return c.ckind == ConstKind::Int && smallIntLiteral(c.value, v);
    }
    case ExprKind::Name:
      if (!isLocal(e)) return false;
      read(e.as<Name>()->slot, defined);
      return true;
    case ExprKind::BinOp: {
      auto &b = *e.as<BinOp>();
      return inlineOp(b.op) && intExpr(*b.left, defined) && intExpr(*b.right, defined);
    }
    case ExprKind::UnaryOp: {
      auto &u = *e.as<UnaryOp>();
      return u.op != UnaryOpKind::Not && intExpr(*u.operand, defined);
    }
    case ExprKind::IfExp: {
      auto &x = *e.as<IfExp>();
      return condExpr(*x.test, defined) && intExpr(*x.body, defined) &&
             intExpr(*x.orelse, defined);
    }
    default:
      return false;
    }
  }

  bool condExpr(const Expr &e, const std::set<int> &defined) {
    switch (e.kind) {
    case ExprKind::Constant: {
      auto k = e.as<Constant>()->ckind;
      return k == ConstKind::True || k == ConstKind::False || intExpr(e, defined);
    }
    case ExprKind::Compare: {
      auto &c = *e.as<Compare>();
      if (!intExpr(*c.left, defined)) return false;
      for (size_t i = 0; i < c.ops.size(); i++)
        if (!isOrdering(c.ops[i]) || !intExpr(*c.comparators[i], defined)) return false;
      return true;
    }
    case ExprKind::BoolOp:
      for (auto &v : e.as<BoolOp>()->values)
        if (!condExpr(*v, defined)) return false;
      return true;
    case ExprKind::UnaryOp:
      if (e.as<UnaryOp>()->op == UnaryOpKind::Not) return condExpr(*e.as<UnaryOp>()->operand, defined);
      return intExpr(e, defined);
    default:
      return intExpr(e, defined);
    }
  }

  bool stmts(const StmtList &body, std::set<int> &defined) {
    for (auto &st : body)
      if (!stmt(*st, defined)) return false;
    return true;
  }

  bool stmt(const Stmt &s, std::set<int> &defined) {
    switch (s.kind) {
    case StmtKind::Pass:
    case StmtKind::Break:
    case StmtKind::Continue:
      return true;
    case StmtKind::Assign: {
      auto &a = *s.as<Assign>();
      if (a.targets.size() != 1) return false;
      const Expr &t = *a.targets[0];
      if (isLocal(t)) {
        if (!intExpr(*a.value, defined)) return false;
        write(t.as<Name>()->slot, defined);
        return true;
      }
      // a, b = b, a + b: every value first, then the names left to right.
      if (t.kind != ExprKind::Tuple || a.value->kind != ExprKind::Tuple) return false;
      auto &names = t.as<Tuple>()->elts;
      auto &values = a.value->as<Tuple>()->elts;
      if (names.size() != values.size()) return false;
      for (auto &v : values)
        if (!intExpr(*v, defined)) return false;
      for (auto &n : names)
        if (!isLocal(*n)) return false;
      for (auto &n : names) write(n->as<Name>()->slot, defined);
      return true;
    }
    case StmtKind::AugAssign: {
      auto &a = *s.as<AugAssign>();
      if (!isLocal(*a.target) || !inlineOp(a.op)) return false;
      read(a.target->as<Name>()->slot, defined);
      if (!intExpr(*a.value, defined)) return false;
      write(a.target->as<Name>()->slot, defined);
      return true;
    }
    case StmtKind::If: {
      auto &i = *s.as<If>();
      if (!condExpr(*i.test, defined)) return false;
      std::set<int> inBody = defined, inElse = defined;
      if (!stmts(i.body, inBody) || !stmts(i.orelse, inElse)) return false;
      // Assigned after the if: assigned on both branches.
      for (int slot : inBody)
        if (inElse.count(slot)) defined.insert(slot);
      return true;
    }
    default:
      return false;
    }
  }
};

// One local inside a kernel: its i64 word (2v) and, for an assigned local
// that may be unbound on entry, whether it holds a value (one read before
// its assignment holds a small int throughout); `snap*` hold both as they
// were at the start of the iteration, for a bail-out.
struct KVar {
  int slot = -1;
  KUse use;
  llvm::AllocaInst *word = nullptr, *bound = nullptr, *snapWord = nullptr, *snapBound = nullptr;
};

class Kernel {
public:
  Kernel(Gen &g, const KernelPlan &plan) : g_(g), b_(g.builder_) {
    llvm::BasicBlock &entry = g_.f_->fn->getEntryBlock();
    llvm::IRBuilder<> eb(&entry, entry.begin());
    for (auto &[slot, use] : plan.vars) {
      KVar v;
      v.slot = slot;
      v.use = use;
      v.word = eb.CreateAlloca(g_.i64_, nullptr, "k.word");
      if (use.written) v.snapWord = eb.CreateAlloca(g_.i64_, nullptr, "k.snap");
      if (use.written && !use.readFirst) {
        v.bound = eb.CreateAlloca(g_.i1_, nullptr, "k.bound");
        v.snapBound = eb.CreateAlloca(g_.i1_, nullptr, "k.snapbound");
      }
      vars_[slot] = v;
    }
    bail_ = g_.newBlock("kernel.bail");
  }

  void snapshot() {
    for (auto &[slot, v] : vars_) {
      if (!v.use.written) continue;
      b_.CreateStore(b_.CreateLoad(g_.i64_, v.word), v.snapWord);
      if (v.bound) b_.CreateStore(b_.CreateLoad(g_.i1_, v.bound), v.snapBound);
    }
  }

  // Stores the assigned locals back into their slots, tagged.  The slots
  // held small ints or nothing on entry, so nothing needs releasing.
  void writeBack(bool fromSnapshot) {
    for (auto &[slot, v] : vars_) {
      if (!v.use.written) continue;
      llvm::Value *w = b_.CreateOr(b_.CreateLoad(g_.i64_, fromSnapshot ? v.snapWord : v.word), g_.i64c(1));
      if (v.bound)
        w = b_.CreateSelect(b_.CreateLoad(g_.i1_, fromSnapshot ? v.snapBound : v.bound), w, g_.i64c(0));
      b_.CreateStore(w, g_.f_->slots.at(size_t(slot)));
    }
  }

  // The eval-breaker check at the top of an iteration; an exception from it
  // (KeyboardInterrupt) leaves with the locals stored back.
  void breakerCheck(const Span &at) {
    g_.evalBreakerCheck(at, [&] { writeBack(false); });
  }

  // The bail-out: the iteration's locals as they were at its start, stored
  // back; the caller continues in the generic loop.
  llvm::BasicBlock *finishBail() {
    b_.SetInsertPoint(bail_);
    writeBack(true);
    return bail_;
  }

  void stmts(const StmtList &body) {
    for (auto &s : body) {
      if (g_.terminated()) g_.startDeadBlock();
      stmt(*s);
    }
  }

  // doneTo: the loop ending normally; breakTo: `break`; both store the
  // locals back on the way out (close).
  llvm::BasicBlock *doneTo = nullptr, *breakTo = nullptr, *continueTo = nullptr;

  // At `entry`: the kernel when its locals fit, else `fallback`.
  // Every local the kernel reads first must hold a small int, one it only
  // assigns a small int or nothing (so storing it back releases nothing).
  void open(llvm::BasicBlock *entry, llvm::BasicBlock *fallback) {
    b_.SetInsertPoint(entry);
    std::vector<llvm::Value *> loaded;
    llvm::Value *ok = llvm::ConstantInt::getTrue(g_.ctx_);
    for (auto &[slot, v] : vars_) {
      llvm::Value *w = b_.CreateLoad(g_.i64_, g_.f_->slots.at(size_t(slot)));
      loaded.push_back(w);
      llvm::Value *fits = g_.isSmall(w);
      if (!v.use.readFirst) fits = b_.CreateOr(fits, g_.isZero(w));
      ok = b_.CreateAnd(ok, fits);
    }
    auto *pre = g_.newBlock("kernel.pre");
    b_.CreateCondBr(ok, pre, fallback);
    b_.SetInsertPoint(pre);
    size_t k = 0;
    for (auto &[slot, v] : vars_) {
      llvm::Value *w = loaded[k++];
      b_.CreateStore(b_.CreateAnd(w, g_.i64c(~int64_t(1))), v.word);
      if (v.bound) b_.CreateStore(g_.isSmall(w), v.bound);
    }
    doneTo = g_.newBlock("kernel.done");
    breakTo = g_.newBlock("kernel.break");
  }
  void close(llvm::BasicBlock *done, llvm::BasicBlock *brk) {
    b_.SetInsertPoint(doneTo);
    writeBack(false);
    b_.CreateBr(done);
    b_.SetInsertPoint(breakTo);
    writeBack(false);
    b_.CreateBr(brk);
  }

  void assignWord(int slot, llvm::Value *w) {
    KVar &v = vars_.at(slot);
    b_.CreateStore(w, v.word);
    if (v.bound) b_.CreateStore(llvm::ConstantInt::getTrue(g_.ctx_), v.bound);
  }

  llvm::Value *cond(const Expr &e) {
    switch (e.kind) {
    case ExprKind::Constant: {
      auto k = e.as<Constant>()->ckind;
      if (k == ConstKind::True) return llvm::ConstantInt::getTrue(g_.ctx_);
      if (k == ConstKind::False) return llvm::ConstantInt::getFalse(g_.ctx_);
      break;
    }
    case ExprKind::Compare: {
      // a < b < c: later operands are evaluated only while the chain holds.
      auto &c = *e.as<Compare>();
      llvm::Value *left = intv(*c.left);
      return shortCircuit(c.ops.size(), false, [&](size_t i) {
        llvm::Value *right = intv(*c.comparators[i]);
        llvm::Value *r = b_.CreateICmp(intPredicate(c.ops[i]), left, right);
        left = right;
        return r;
      });
    }
    case ExprKind::BoolOp: {
      auto &bo = *e.as<BoolOp>();
      return shortCircuit(bo.values.size(), bo.op == BoolOpKind::Or,
                          [&](size_t i) { return cond(*bo.values[i]); });
    }
    case ExprKind::UnaryOp:
      if (e.as<UnaryOp>()->op == UnaryOpKind::Not) return b_.CreateNot(cond(*e.as<UnaryOp>()->operand));
      break;
    default:
      break;
    }
    return b_.CreateICmpNE(intv(e), g_.i64c(0));
  }

  // n conditions, each evaluated only while none has been `stop`: the
  // first that is gives `stop`, else the last one's value.
  llvm::Value *shortCircuit(size_t n, bool stop, const std::function<llvm::Value *(size_t)> &step) {
    if (n == 1) return step(0);
    auto *done = g_.newBlock("kernel.cond.done");
    std::vector<std::pair<llvm::Value *, llvm::BasicBlock *>> in;
    for (size_t i = 0; i + 1 < n; i++) {
      llvm::Value *c = step(i);
      auto *next = g_.newBlock("kernel.cond.next");
      in.push_back({llvm::ConstantInt::getBool(g_.ctx_, stop), b_.GetInsertBlock()});
      b_.CreateCondBr(c, stop ? done : next, stop ? next : done);
      b_.SetInsertPoint(next);
    }
    llvm::Value *last = step(n - 1);
    in.push_back({last, b_.GetInsertBlock()});
    b_.CreateBr(done);
    b_.SetInsertPoint(done);
    auto *phi = b_.CreatePHI(g_.i1_, unsigned(in.size()));
    for (auto &[v, bb] : in) phi->addIncoming(v, bb);
    return phi;
  }

  // An int expression's word (2v).
  llvm::Value *intv(const Expr &e) {
    switch (e.kind) {
    case ExprKind::Constant: {
      int64_t v = 0;
      smallIntLiteral(e.as<Constant>()->value, v);
      return g_.i64c(int64_t(uint64_t(v) << 1));
    }
    case ExprKind::Name:
      return b_.CreateLoad(g_.i64_, vars_.at(e.as<Name>()->slot).word);
    case ExprKind::BinOp: {
      auto &bo = *e.as<BinOp>();
      llvm::Value *a = intv(*bo.left);
      return binop(bo.op, a, intv(*bo.right));
    }
    case ExprKind::UnaryOp: {
      auto &u = *e.as<UnaryOp>();
      llvm::Value *a = intv(*u.operand);
      switch (u.op) {
      case UnaryOpKind::USub: return overflowing(llvm::Intrinsic::ssub_with_overflow, g_.i64c(0), a);
      case UnaryOpKind::Invert: return b_.CreateXor(a, g_.i64c(-2)); // 2(-v-1) = ~2v - 1
      default: return a;
      }
    }
    case ExprKind::IfExp: {
      auto &x = *e.as<IfExp>();
      llvm::Value *c = cond(*x.test);
      auto *yes = g_.newBlock("kernel.ifexp.then");
      auto *no = g_.newBlock("kernel.ifexp.else");
      auto *done = g_.newBlock("kernel.ifexp.done");
      b_.CreateCondBr(c, yes, no);
      b_.SetInsertPoint(yes);
      llvm::Value *y = intv(*x.body);
      auto *yesEnd = b_.GetInsertBlock();
      b_.CreateBr(done);
      b_.SetInsertPoint(no);
      llvm::Value *n = intv(*x.orelse);
      auto *noEnd = b_.GetInsertBlock();
      b_.CreateBr(done);
      b_.SetInsertPoint(done);
      auto *phi = b_.CreatePHI(g_.i64_, 2);
      phi->addIncoming(y, yesEnd);
      phi->addIncoming(n, noEnd);
      return phi;
    }
    default:
      return g_.i64c(0); // KernelPlan admits nothing else
    }
  }

private:
  void bailIf(llvm::Value *c) {
    auto *cont = g_.newBlock("kernel.ok");
    llvm::MDBuilder md(g_.ctx_);
    b_.CreateCondBr(c, bail_, cont, md.createBranchWeights(1, 1 << 20));
    b_.SetInsertPoint(cont);
  }

  llvm::Value *overflowing(llvm::Intrinsic::ID id, llvm::Value *x, llvm::Value *y) {
    llvm::Value *pair = b_.CreateIntrinsic(id, {g_.i64_}, {x, y});
    bailIf(b_.CreateExtractValue(pair, 1));
    return b_.CreateExtractValue(pair, 0);
  }

  // a op b on words 2x and 2y; the result's word, or a bail-out.
  llvm::Value *binop(BinOpKind op, llvm::Value *a, llvm::Value *b) {
    switch (op) {
    case BinOpKind::Add: return overflowing(llvm::Intrinsic::sadd_with_overflow, a, b);
    case BinOpKind::Sub: return overflowing(llvm::Intrinsic::ssub_with_overflow, a, b);
    case BinOpKind::Mult: // 2x * y
      return overflowing(llvm::Intrinsic::smul_with_overflow, a, b_.CreateAShr(b, 1));
    case BinOpKind::BitAnd: return b_.CreateAnd(a, b);
    case BinOpKind::BitOr: return b_.CreateOr(a, b);
    case BinOpKind::BitXor: return b_.CreateXor(a, b);
    case BinOpKind::FloorDiv:
    case BinOpKind::Mod: {
      // ZeroDivisionError is the generic code's to raise.  The divisor is
      // even, never -1, so sdiv/srem cannot overflow; 2x / 2y = x / y and
      // 2x % 2y = 2(x % y).
      bailIf(b_.CreateICmpEQ(b, g_.i64c(0)));
      llvm::Value *qr = g_.floorDivMod(op, a, b);
      if (op == BinOpKind::Mod) return qr;
      // Only -2^62 // -1 leaves the small range.
      return overflowing(llvm::Intrinsic::sadd_with_overflow, qr, qr);
    }
    case BinOpKind::LShift: {
      // A negative count is the generic code's ValueError; bits shifted out
      // mean a big int.
      llvm::Value *n = b_.CreateAShr(b, 1);
      bailIf(b_.CreateICmpUGT(n, g_.i64c(63)));
      llvm::Value *r = b_.CreateShl(a, n);
      bailIf(b_.CreateICmpNE(b_.CreateAShr(r, n), a));
      return r;
    }
    case BinOpKind::RShift: {
      llvm::Value *n = b_.CreateAShr(b, 1);
      bailIf(b_.CreateICmpSLT(n, g_.i64c(0)));
      n = b_.CreateSelect(b_.CreateICmpUGT(n, g_.i64c(63)), g_.i64c(63), n);
      return b_.CreateAnd(b_.CreateAShr(a, n), g_.i64c(~int64_t(1)));
    }
    default:
      return a; // KernelPlan admits nothing else
    }
  }

  void stmt(const Stmt &s) {
    g_.debugLocation(s.span);
    switch (s.kind) {
    case StmtKind::Pass:
      return;
    case StmtKind::Break:
      b_.CreateBr(breakTo);
      return;
    case StmtKind::Continue:
      b_.CreateBr(continueTo);
      return;
    case StmtKind::Assign: {
      auto &a = *s.as<Assign>();
      const Expr &t = *a.targets[0];
      if (t.kind == ExprKind::Name) {
        assignWord(t.as<Name>()->slot, intv(*a.value));
        return;
      }
      std::vector<llvm::Value *> words;
      for (auto &v : a.value->as<Tuple>()->elts) words.push_back(intv(*v));
      auto &names = t.as<Tuple>()->elts;
      for (size_t i = 0; i < names.size(); i++) assignWord(names[i]->as<Name>()->slot, words[i]);
      return;
    }
    case StmtKind::AugAssign: {
      auto &a = *s.as<AugAssign>();
      int slot = a.target->as<Name>()->slot;
      llvm::Value *x = b_.CreateLoad(g_.i64_, vars_.at(slot).word);
      assignWord(slot, binop(a.op, x, intv(*a.value)));
      return;
    }
    case StmtKind::If: {
      auto &i = *s.as<If>();
      llvm::Value *c = cond(*i.test);
      auto *thenBB = g_.newBlock("kernel.then");
      auto *elseBB = g_.newBlock("kernel.else");
      auto *end = g_.newBlock("kernel.endif");
      b_.CreateCondBr(c, thenBB, elseBB);
      b_.SetInsertPoint(thenBB);
      stmts(i.body);
      if (!g_.terminated()) b_.CreateBr(end);
      b_.SetInsertPoint(elseBB);
      stmts(i.orelse);
      if (!g_.terminated()) b_.CreateBr(end);
      b_.SetInsertPoint(end);
      return;
    }
    default:
      return; // KernelPlan admits nothing else
    }
  }

  Gen &g_;
  llvm::IRBuilder<> &b_;
  std::map<int, KVar> vars_;
  llvm::BasicBlock *bail_ = nullptr;
};

// The plan for a loop's kernel: false when the loop does not fit one.
bool planKernel(const StmtList &body, const Expr *target, const Expr *test, KernelPlan &plan) {
  std::set<int> defined;
  if (target) {
    if (!KernelPlan::isLocal(*target)) return false;
    plan.write(target->as<Name>()->slot, defined);
  }
  if (test && !plan.condExpr(*test, defined)) return false;
  return plan.stmts(body, defined);
}

} // namespace

bool Gen::intKernelFits(const StmtList &body, const Expr *target, const Expr *test) {
  if (f_->isModule || f_->isClassBody || containsLoop(body)) return false;
  KernelPlan plan;
  return planKernel(body, target, test, plan);
}

void Gen::intKernelFor(const For &f, const ForKernelEdges &e) {
  KernelPlan plan;
  planKernel(f.body, f.target.get(), nullptr, plan);
  Kernel k(*this, plan);
  k.open(e.entry, e.fallback);
  auto *header = newBlock("kernel.next");
  auto *body = newBlock("kernel.body");
  auto *latch = newBlock("kernel.latch");
  auto *pre = builder_.GetInsertBlock();
  builder_.CreateBr(header);
  builder_.SetInsertPoint(header);
  auto *i = builder_.CreatePHI(i64_, 2, "k.i");
  i->addIncoming(e.start, pre);
  debugLocation(f.iter->span);
  k.breakerCheck(f.iter->span);
  llvm::Value *more = builder_.CreateSelect(builder_.CreateICmpSGT(e.step, i64c(0)),
                                            builder_.CreateICmpSLT(i, e.stop),
                                            builder_.CreateICmpSGT(i, e.stop));
  builder_.CreateCondBr(more, body, k.doneTo);
  builder_.SetInsertPoint(body);
  k.snapshot();
  k.assignWord(f.target->as<Name>()->slot, builder_.CreateShl(i, 1));
  k.continueTo = latch;
  k.stmts(f.body);
  if (!terminated()) builder_.CreateBr(latch);
  builder_.SetInsertPoint(latch);
  i->addIncoming(builder_.CreateAdd(i, e.step), latch);
  builder_.CreateBr(header);
  k.close(e.exhausted, e.brk);
  e.resumeAt->addIncoming(i, k.finishBail());
  builder_.CreateBr(e.resume);
}

void Gen::intKernelWhile(const While &w, const WhileKernelEdges &e) {
  KernelPlan plan;
  planKernel(w.body, nullptr, w.test.get(), plan);
  Kernel k(*this, plan);
  k.open(e.entry, e.header);
  auto *header = newBlock("kernel.cond");
  auto *body = newBlock("kernel.body");
  builder_.CreateBr(header);
  builder_.SetInsertPoint(header);
  debugLocation(w.test->span);
  k.breakerCheck(w.test->span);
  k.snapshot();
  builder_.CreateCondBr(k.cond(*w.test), body, k.doneTo);
  builder_.SetInsertPoint(body);
  k.continueTo = header;
  k.stmts(w.body);
  if (!terminated()) builder_.CreateBr(header);
  k.close(e.orelse, e.end);
  k.finishBail();
  builder_.CreateBr(e.header);
}

} // namespace tide

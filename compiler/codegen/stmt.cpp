// stmt.cpp — statements and control flow.
//
// Loops: `for` keeps its iterator as a live temp while the body runs; a
// `for x in range(...)` whose arguments are small ints (and whose `range` is
// still the builtin, checked at run time) counts in a machine register
// instead, sharing the same body code with the generic path so nesting does
// not multiply code size.
//
// try/finally: the finally body is generated once per way out (falling
// through, an exception, and each break/continue/return that crosses it),
// through the cleanup stack (gen.h).
#include "gen.h"
#include "llvm/IR/MDBuilder.h"
#include "tide/abi.h"

namespace tide {

void Gen::stmts(const StmtList &body) {
  for (auto &s : body) {
    if (terminated()) startDeadBlock();
    stmt(*s);
  }
}

void Gen::bindName(const std::string &id, CValue v, const Span &at) {
  if (f_->isClassBody) {
    storeName(id, NameScope::ClassBody, -1, v, at);
    return;
  }
  if (f_->isModule || !f_->scope) {
    storeName(id, NameScope::GlobalImplicit, -1, v, at);
    return;
  }
  int idx = f_->scope->lookup(id);
  NameScope ns = NameScope::GlobalImplicit;
  if (idx >= 0) {
    switch (f_->scope->symbols[size_t(idx)].kind) {
    case SymbolKind::Local: ns = NameScope::Local; break;
    case SymbolKind::Cell: ns = NameScope::Cell; break;
    case SymbolKind::Free: ns = NameScope::Free; break;
    case SymbolKind::GlobalExplicit: ns = NameScope::GlobalExplicit; break;
    case SymbolKind::GlobalImplicit: ns = NameScope::GlobalImplicit; break;
    }
  }
  storeName(id, ns, idx, v, at);
}

void Gen::stmt(const Stmt &s) {
  debugLocation(s.span);
  switch (s.kind) {
  case StmtKind::ExprStmt: {
    if (opts_.interactive && f_->isModule) {
      displayExprStmt(*s.as<ExprStmt>()->value, s.span);
      return;
    }
    CValue v = expr(*s.as<ExprStmt>()->value);
    release(v);
    return;
  }
  case StmtKind::Assign: {
    auto &a = *s.as<Assign>();
    CValue v = exprOwned(*a.value);
    for (size_t i = 0; i < a.targets.size(); i++) {
      bool last = i + 1 == a.targets.size();
      if (!last) incref(v.v);
      pushTemp(v);
      if (!last) {
        assign(*a.targets[i], CValue{v.v, true}, a.targets[i]->span);
        popTemp(v);
      } else {
        popTemp(v);
        assign(*a.targets[i], v, a.targets[i]->span);
      }
    }
    return;
  }
  case StmtKind::AugAssign:
    augAssign(*s.as<AugAssign>());
    return;
  case StmtKind::AnnAssign: {
    auto &a = *s.as<AnnAssign>();
    if (a.value) assign(*a.target, exprOwned(*a.value), a.target->span);
    return;
  }
  case StmtKind::For:
  case StmtKind::While:
  case StmtKind::Try:
  case StmtKind::With: {
    // A loop's body may run any number of times and leave by break or
    // continue; a try statement's handlers and finally run from wherever
    // the exception came; a with statement whose __exit__ swallows an
    // exception goes on after it from there.  Inside and after each, only
    // what was bound before (less what it may delete) is known bound; a
    // try statement also learns nothing from its assignments.
    std::vector<bool> before = boundThroughout(s);
    bool freeze = s.kind == StmtKind::Try;
    if (!f_->isModule) f_->bound = before;
    if (freeze) f_->freezeBound++;
    if (s.kind == StmtKind::For) forLoop(*s.as<For>());
    if (s.kind == StmtKind::While) whileLoop(*s.as<While>());
    if (s.kind == StmtKind::Try) tryStmt(*s.as<Try>());
    if (s.kind == StmtKind::With) withStmt(*s.as<With>(), 0);
    if (freeze) f_->freezeBound--;
    if (!f_->isModule) f_->bound = before;
    return;
  }
  case StmtKind::If:
    ifStmt(*s.as<If>());
    return;
  case StmtKind::Return:
    returnStmt(*s.as<Return>());
    return;
  case StmtKind::Pass:
    return;
  case StmtKind::Break:
    if (f_->loops.empty()) {
      diag_.error(s.span, "'break' outside loop");
      return;
    }
    unwindTo(f_->loops.back().breakTo);
    startDeadBlock();
    return;
  case StmtKind::Continue:
    if (f_->loops.empty()) {
      diag_.error(s.span, "'continue' not properly in loop");
      return;
    }
    unwindTo(f_->loops.back().continueTo);
    startDeadBlock();
    return;
  case StmtKind::Delete:
    for (auto &t : s.as<Delete>()->targets) deleteTarget(*t);
    return;
  case StmtKind::FunctionDef: {
    auto &d = *s.as<FunctionDef>();
    CValue fn = functionDef(d);
    bindName(d.name, fn, d.span);
    return;
  }
  case StmtKind::ClassDef: {
    auto &c = *s.as<ClassDef>();
    CValue cls = classDef(c);
    bindName(c.name, cls, c.span);
    return;
  }
  case StmtKind::Import:
    importStmt(*s.as<Import>());
    return;
  case StmtKind::ImportFrom:
    importFrom(*s.as<ImportFrom>());
    return;
  case StmtKind::Global:
  case StmtKind::Nonlocal:
    return; // the resolver did the work
  case StmtKind::Raise:
    raiseStmt(*s.as<Raise>());
    return;
  case StmtKind::Assert:
    assertStmt(*s.as<Assert>());
    return;
  }
}

namespace {

// Marks in `gone` every local that `body` may unbind: del targets and
// except-as names, in nested blocks too, but not in nested functions or
// classes (their names are theirs).
void collectUnbinds(const StmtList &body, const Scope *scope, std::vector<bool> &gone);

void collectDelTarget(const Expr &t, std::vector<bool> &gone) {
  if (t.kind == ExprKind::Name) {
    auto &n = *t.as<Name>();
    if (n.scope == NameScope::Local && n.slot >= 0 && size_t(n.slot) < gone.size())
      gone[size_t(n.slot)] = true;
  } else if (t.kind == ExprKind::Tuple) {
    for (auto &e : t.as<Tuple>()->elts) collectDelTarget(*e, gone);
  } else if (t.kind == ExprKind::List) {
    for (auto &e : t.as<List>()->elts) collectDelTarget(*e, gone);
  }
}

void collectUnbindsStmt(const Stmt &s, const Scope *scope, std::vector<bool> &gone) {
  switch (s.kind) {
  case StmtKind::Delete:
    for (auto &t : s.as<Delete>()->targets) collectDelTarget(*t, gone);
    break;
  case StmtKind::If:
    collectUnbinds(s.as<If>()->body, scope, gone);
    collectUnbinds(s.as<If>()->orelse, scope, gone);
    break;
  case StmtKind::While:
    collectUnbinds(s.as<While>()->body, scope, gone);
    collectUnbinds(s.as<While>()->orelse, scope, gone);
    break;
  case StmtKind::For:
    collectUnbinds(s.as<For>()->body, scope, gone);
    collectUnbinds(s.as<For>()->orelse, scope, gone);
    break;
  case StmtKind::With:
    collectUnbinds(s.as<With>()->body, scope, gone);
    break;
  case StmtKind::Try: {
    auto &t = *s.as<Try>();
    collectUnbinds(t.body, scope, gone);
    for (auto &h : t.handlers) {
      if (!h.name.empty()) {
        int idx = scope->lookup(h.name);
        if (idx >= 0 && size_t(idx) < gone.size()) gone[size_t(idx)] = true;
      }
      collectUnbinds(h.body, scope, gone);
    }
    collectUnbinds(t.orelse, scope, gone);
    collectUnbinds(t.finalbody, scope, gone);
    break;
  }
  default:
    break;
  }
}

void collectUnbinds(const StmtList &body, const Scope *scope, std::vector<bool> &gone) {
  for (auto &s : body) collectUnbindsStmt(*s, scope, gone);
}

} // namespace

std::vector<bool> Gen::boundThroughout(const Stmt &s) const {
  std::vector<bool> b = f_->bound;
  if (f_->isModule || !f_->scope) return b;
  std::vector<bool> gone(b.size(), false);
  collectUnbindsStmt(s, f_->scope, gone);
  for (size_t i = 0; i < b.size(); i++)
    if (gone[i]) b[i] = false;
  return b;
}

// ---------------------------------------------------------------------------
// Assignment
// ---------------------------------------------------------------------------

void Gen::assign(const Expr &target, CValue v, const Span &at) {
  v = own(v);
  switch (target.kind) {
  case ExprKind::Name: {
    auto &n = *target.as<Name>();
    storeName(n.id, n.scope, n.slot, v, at);
    return;
  }
  case ExprKind::Attribute: {
    auto &a = *target.as<Attribute>();
    pushTemp(v);
    CValue obj = expr(*a.value);
    pushTemp(obj);
    CValue name = strConst(a.attr);
    llvm::Value *r = builder_.CreateCall(abiFn("td_setattr"), {ts(), obj.v, name.v, v.v});
    checkInt(r, target.span);
    popTemp(obj);
    popTemp(v);
    release(obj);
    release(v);
    return;
  }
  case ExprKind::Subscript: {
    auto &s = *target.as<Subscript>();
    pushTemp(v);
    CValue obj = expr(*s.value);
    pushTemp(obj);
    CValue key = expr(*s.index);
    pushTemp(key);
    llvm::Value *r = builder_.CreateCall(abiFn("td_setitem"), {ts(), obj.v, key.v, v.v});
    checkInt(r, target.span);
    popTemp(key);
    popTemp(obj);
    popTemp(v);
    release(key);
    release(obj);
    release(v);
    return;
  }
  case ExprKind::Tuple:
  case ExprKind::List: {
    const ExprList &elts =
        target.kind == ExprKind::Tuple ? target.as<Tuple>()->elts : target.as<List>()->elts;
    size_t n = elts.size();
    int starAt = -1;
    for (size_t i = 0; i < n; i++)
      if (elts[i]->kind == ExprKind::Starred) starAt = int(i);
    llvm::IRBuilder<> eb(&f_->fn->getEntryBlock(), f_->fn->getEntryBlock().begin());
    auto *arrTy = llvm::ArrayType::get(i64_, std::max<size_t>(1, n));
    llvm::Value *buf = eb.CreateAlloca(arrTy, nullptr, "unpack");
    pushTemp(v);
    llvm::Value *r;
    if (starAt < 0) {
      r = builder_.CreateCall(abiFn("td_unpack"), {ts(), v.v, i64c(int64_t(n)), buf});
    } else {
      r = builder_.CreateCall(abiFn("td_unpack_ex"),
                              {ts(), v.v, i64c(starAt), i64c(int64_t(n) - starAt - 1), buf});
    }
    checkInt(r, at);
    popTemp(v);
    release(v);
    // Every item is owned now; keep the not-yet-assigned ones as live temps
    // (last pushed first) so an error while assigning one releases the rest.
    std::vector<CValue> items(n);
    for (size_t i = 0; i < n; i++)
      items[i] = CValue{builder_.CreateLoad(i64_, builder_.CreateConstGEP2_64(arrTy, buf, 0, i)), true};
    for (size_t i = n; i > 0; i--) pushTemp(items[i - 1]);
    for (size_t i = 0; i < n; i++) {
      popTemp(items[i]);
      const Expr &t = elts[i]->kind == ExprKind::Starred ? *elts[i]->as<Starred>()->value : *elts[i];
      assign(t, items[i], t.span);
    }
    return;
  }
  case ExprKind::Starred:
    assign(*target.as<Starred>()->value, v, at);
    return;
  default:
    release(v);
    diag_.error(target.span, "cannot assign to expression");
    return;
  }
}

void Gen::augAssign(const AugAssign &a) {
  switch (a.target->kind) {
  case ExprKind::Name: {
    auto &n = *a.target->as<Name>();
    if (n.scope == NameScope::Local && !f_->borrowed.at(size_t(n.slot))) {
      inplaceLocal(a, n);
      return;
    }
    CValue cur = loadName(n);
    pushTemp(cur);
    CValue v = expr(*a.value);
    popTemp(cur);
    CValue r = binop(a.op, cur, v, a.target->span, true);
    storeName(n.id, n.scope, n.slot, r, a.target->span);
    return;
  }
  case ExprKind::Attribute: {
    auto &t = *a.target->as<Attribute>();
    CValue obj = exprOwned(*t.value);
    pushTemp(obj);
    CValue name = strConst(t.attr);
    augReadModifyWrite(
        a, [&] { return builder_.CreateCall(abiFn("td_getattr"), {ts(), obj.v, name.v}); },
        [&](llvm::Value *r) {
          return builder_.CreateCall(abiFn("td_setattr"), {ts(), obj.v, name.v, r});
        });
    popTemp(obj);
    release(obj);
    return;
  }
  case ExprKind::Subscript: {
    auto &t = *a.target->as<Subscript>();
    CValue obj = exprOwned(*t.value);
    pushTemp(obj);
    CValue key = exprOwned(*t.index);
    pushTemp(key);
    augReadModifyWrite(
        a, [&] { return builder_.CreateCall(abiFn("td_getitem"), {ts(), obj.v, key.v}); },
        [&](llvm::Value *r) {
          return builder_.CreateCall(abiFn("td_setitem"), {ts(), obj.v, key.v, r});
        });
    popTemp(key);
    popTemp(obj);
    release(key);
    release(obj);
    return;
  }
  default:
    diag_.error(a.target->span, "illegal expression for augmented assignment");
  }
}

void Gen::augReadModifyWrite(const AugAssign &a, const std::function<llvm::Value *()> &get,
                             const std::function<llvm::Value *(llvm::Value *)> &set) {
  llvm::Value *cur = get();
  checkValue(cur, a.target->span);
  CValue curv{cur, true};
  pushTemp(curv);
  CValue v = expr(*a.value);
  popTemp(curv);
  CValue r = binop(a.op, curv, v, a.target->span, true);
  pushTemp(r);
  checkInt(set(r.v), a.target->span);
  popTemp(r);
  release(r);
}

// `x op= e` for a plain local: the value moves out of the slot for the
// operation, so a str with no other reference can grow in place
// (td_inplace_steal); small ints take the inline path.  On error the old
// value goes back into the slot, as if it had never left.
void Gen::inplaceLocal(const AugAssign &a, const Name &n) {
  // Python reads x before evaluating e: an unbound x fails first.  Once
  // bound it stays so: nothing in `e` can unbind a plain local
  // (expressions cannot del, and a nested function's `del` would make it a
  // cell).
  if (!knownBound(n.slot))
    raiseIfUnbound(builder_.CreateLoad(i64_, f_->slots.at(size_t(n.slot))),
                   "td_raise_unbound_local", n.id, n.span);
  CValue v = expr(*a.value);
  pushTemp(v);
  llvm::Value *slot = f_->slots.at(size_t(n.slot));
  llvm::Value *cur = builder_.CreateLoad(i64_, slot);
  builder_.CreateStore(i64c(0), slot);
  // Small ints inline, through binop, for the operators that cannot fail on
  // them (// and % can: they take the slow path, which restores the slot).
  bool inlineable = a.op == BinOpKind::Add || a.op == BinOpKind::Sub ||
                    a.op == BinOpKind::Mult || a.op == BinOpKind::BitAnd ||
                    a.op == BinOpKind::BitOr || a.op == BinOpKind::BitXor;
  auto *done = newBlock("aug.done");
  auto *slow = newBlock("aug.slow");
  std::vector<std::pair<llvm::Value *, llvm::BasicBlock *>> results;
  if (inlineable) {
    auto *fast = newBlock("aug.fast");
    builder_.CreateCondBr(isSmall(builder_.CreateAnd(cur, v.v)), fast, slow);
    builder_.SetInsertPoint(fast);
    CValue r = binop(a.op, CValue{cur, false}, CValue{v.v, false}, a.target->span, true);
    results.push_back({r.v, builder_.GetInsertBlock()});
    builder_.CreateBr(done);
  } else {
    builder_.CreateBr(slow);
  }
  builder_.SetInsertPoint(slow);
  llvm::Value *sr = builder_.CreateCall(abiFn("td_inplace_steal"),
                                        {ts(), i32c(abiBinopCode(a.op)), cur, v.v});
  auto *failed = newBlock("aug.failed");
  auto *ok = newBlock("aug.ok");
  builder_.CreateCondBr(isZero(sr), failed, ok);
  builder_.SetInsertPoint(failed);
  builder_.CreateStore(cur, slot);
  raiseHere(a.target->span);
  builder_.SetInsertPoint(ok);
  results.push_back({sr, ok});
  builder_.CreateBr(done);
  builder_.SetInsertPoint(done);
  auto *phi = builder_.CreatePHI(i64_, unsigned(results.size()));
  for (auto &[val, bb] : results) phi->addIncoming(val, bb);
  builder_.CreateStore(phi, slot);
  popTemp(v);
  release(v);
}

void Gen::deleteTarget(const Expr &t) {
  switch (t.kind) {
  case ExprKind::Name:
    deleteName(*t.as<Name>());
    return;
  case ExprKind::Attribute: {
    auto &a = *t.as<Attribute>();
    CValue obj = expr(*a.value);
    pushTemp(obj);
    CValue name = strConst(a.attr);
    llvm::Value *r = builder_.CreateCall(abiFn("td_delattr"), {ts(), obj.v, name.v});
    checkInt(r, t.span);
    popTemp(obj);
    release(obj);
    return;
  }
  case ExprKind::Subscript: {
    auto &s = *t.as<Subscript>();
    CValue obj = expr(*s.value);
    pushTemp(obj);
    CValue key = expr(*s.index);
    pushTemp(key);
    llvm::Value *r = builder_.CreateCall(abiFn("td_delitem"), {ts(), obj.v, key.v});
    checkInt(r, t.span);
    popTemp(key);
    popTemp(obj);
    release(key);
    release(obj);
    return;
  }
  case ExprKind::Tuple:
    for (auto &e : t.as<Tuple>()->elts) deleteTarget(*e);
    return;
  case ExprKind::List:
    for (auto &e : t.as<List>()->elts) deleteTarget(*e);
    return;
  default:
    diag_.error(t.span, "cannot delete expression");
  }
}

// ---------------------------------------------------------------------------
// Control flow
// ---------------------------------------------------------------------------

void Gen::ifStmt(const If &s) {
  llvm::Value *c = condition(*s.test);
  auto *thenBB = newBlock("if.then");
  auto *elseBB = newBlock("if.else");
  auto *end = newBlock("if.end");
  builder_.CreateCondBr(c, thenBB, elseBB);
  // Bound after the if: bound at the end of both branches.
  std::vector<bool> before = f_->bound;
  builder_.SetInsertPoint(thenBB);
  stmts(s.body);
  if (!terminated()) builder_.CreateBr(end);
  std::vector<bool> afterThen = f_->bound;
  f_->bound = before;
  builder_.SetInsertPoint(elseBB);
  stmts(s.orelse);
  if (!terminated()) builder_.CreateBr(end);
  for (size_t i = 0; i < f_->bound.size(); i++) f_->bound[i] = f_->bound[i] && afterThen[i];
  builder_.SetInsertPoint(end);
}

void Gen::whileLoop(const While &w) {
  auto *header = newBlock("while.cond");
  auto *body = newBlock("while.body");
  auto *orelse = newBlock("while.else");
  auto *end = newBlock("while.end");
  // A loop of small-int arithmetic starts in its int kernel (kernel.cpp).
  llvm::BasicBlock *kernelEntry = nullptr;
  if (intKernelFits(w.body, nullptr, w.test.get())) kernelEntry = newBlock("while.kernel");
  builder_.CreateBr(kernelEntry ? kernelEntry : header);
  builder_.SetInsertPoint(header);
  evalBreakerCheck(w.test->span);
  llvm::Value *c = condition(*w.test);
  builder_.CreateCondBr(c, body, orelse);
  builder_.SetInsertPoint(body);
  f_->loops.push_back(LoopInfo{here(end), here(header)});
  stmts(w.body);
  f_->loops.pop_back();
  if (!terminated()) builder_.CreateBr(header);
  if (kernelEntry) intKernelWhile(w, WhileKernelEdges{kernelEntry, header, orelse, end});
  builder_.SetInsertPoint(orelse);
  stmts(w.orelse);
  if (!terminated()) builder_.CreateBr(end);
  builder_.SetInsertPoint(end);
}

void Gen::forLoop(const For &f) {
  // iter() and next() failing point at the `for` line without ^^^ markers,
  // as CPython's tracebacks do.
  Span loopAt = f.span;
  loopAt.endLine = 0;
  // `async for` is the generic loop with aiter / await anext.
  const char *iterFn = f.isAsync ? "td_aiter" : "td_iter";
  const char *nextFn = f.isAsync ? "td_anext" : "td_next";
  // `for x in range(a[, b[, c]])`: decide at run time between counting and
  // iterating; both share the body below.
  const Call *rc = nullptr;
  if (f.iter->kind == ExprKind::Call && !f.isAsync) {
    auto *c = f.iter->as<Call>();
    if (c->func->kind == ExprKind::Name && c->func->as<Name>()->id == "range" &&
        (c->func->as<Name>()->scope == NameScope::GlobalImplicit) && c->keywords.empty() &&
        !c->args.empty() && c->args.size() <= 3) {
      rc = c;
      for (auto &a : c->args)
        if (a->kind == ExprKind::Starred) rc = nullptr;
    }
  }

  llvm::Value *isFast = llvm::ConstantInt::getFalse(ctx_);
  llvm::Value *start = i64c(0), *stop = i64c(0), *step = i64c(1);
  CValue iter;
  if (rc) {
    CValue fn = expr(*rc->func);
    pushTemp(fn);
    std::vector<CValue> args;
    for (auto &a : rc->args) {
      CValue v = expr(*a);
      pushTemp(v);
      args.push_back(v);
    }
    llvm::Value *ok = builder_.CreateICmpEQ(fn.v, builder_.CreatePtrToInt(abiData("td_type_range"), i64_));
    llvm::Value *all = args[0].v;
    for (auto &a : args) all = builder_.CreateAnd(all, a.v);
    ok = builder_.CreateAnd(ok, isSmall(all));
    auto untag = [&](llvm::Value *v) { return builder_.CreateAShr(v, 1); };
    if (args.size() == 1) {
      stop = untag(args[0].v);
    } else {
      start = untag(args[0].v);
      stop = untag(args[1].v);
      if (args.size() == 3) {
        step = untag(args[2].v);
        ok = builder_.CreateAnd(ok, builder_.CreateICmpNE(step, i64c(0)));
      }
    }
    isFast = ok;
    // The generic path: call range(...) and iterate it.
    auto *slow = newBlock("range.generic");
    auto *join = newBlock("range.join");
    auto *pre = builder_.GetInsertBlock();
    builder_.CreateCondBr(isFast, join, slow);
    builder_.SetInsertPoint(slow);
    llvm::Value *buf = argBuffer(unsigned(args.size()));
    auto *arrTy = llvm::ArrayType::get(i64_, f_->argBufSize);
    for (size_t i = 0; i < args.size(); i++)
      builder_.CreateStore(args[i].v, builder_.CreateConstGEP2_64(arrTy, buf, 0, i));
    llvm::Value *range = builder_.CreateCall(abiFn("td_call"),
                                             {ts(), fn.v, buf, i64c(int64_t(args.size())), i64c(0)});
    checkValue(range, f.iter->span);
    CValue rv{range, true};
    pushTemp(rv);
    llvm::Value *it = builder_.CreateCall(abiFn("td_iter"), {ts(), range});
    checkValue(it, loopAt);
    popTemp(rv);
    release(rv);
    auto *slowEnd = builder_.GetInsertBlock();
    builder_.CreateBr(join);
    builder_.SetInsertPoint(join);
    auto *phi = builder_.CreatePHI(i64_, 2);
    phi->addIncoming(i64c(0), pre);
    phi->addIncoming(it, slowEnd);
    for (size_t i = args.size(); i > 0; i--) {
      popTemp(args[i - 1]);
      release(args[i - 1]);
    }
    popTemp(fn);
    release(fn);
    iter = CValue{phi, true}; // 0 on the counting path: releasing it is a no-op
  } else {
    CValue src = expr(*f.iter);
    pushTemp(src);
    llvm::Value *it = builder_.CreateCall(abiFn(iterFn), {ts(), src.v});
    checkValue(it, loopAt);
    popTemp(src);
    release(src);
    iter = CValue{it, true};
  }

  auto *pre = builder_.GetInsertBlock();
  auto *header = newBlock("for.next");
  auto *fastNext = newBlock("for.count");
  auto *slowNext = newBlock("for.iter");
  auto *body = newBlock("for.body");
  auto *latch = newBlock("for.latch");
  auto *exhausted = newBlock("for.else");
  auto *brk = newBlock("for.break");
  auto *end = newBlock("for.end");
  size_t depth = f_->temps.size();
  pushTemp(iter);
  // A body of small-int arithmetic gets an int kernel (kernel.cpp) on the
  // counting path instead; after a bail-out, the shared loop below counts.
  llvm::BasicBlock *kernelEntry = nullptr;
  if (rc && intKernelFits(f.body, f.target.get(), nullptr)) {
    kernelEntry = newBlock("for.kernel");
    auto *shared = newBlock("for.shared.pre");
    builder_.CreateCondBr(isFast, kernelEntry, shared);
    builder_.SetInsertPoint(shared);
    pre = shared;
  } else if (rc && !containsLoop(f.body)) {
    // An innermost counting loop gets a copy of its body of its own, free of
    // the generic path's per-iteration dispatch.  Only innermost loops are
    // copied, so nesting cannot multiply code size.
    auto *fastPre = newBlock("for.count.pre");
    auto *genericPre = newBlock("for.generic.pre");
    builder_.CreateCondBr(isFast, fastPre, genericPre);
    builder_.SetInsertPoint(fastPre);
    auto *fheader = newBlock("for.count.next");
    auto *fbody = newBlock("for.count.body");
    auto *flatch = newBlock("for.count.latch");
    auto *first = newBlock("for.count.first");
    // Bind the target to the first value before entering, so the loop's own
    // stores only ever replace small ints and their refcount checks fold.
    builder_.CreateCondBr(builder_.CreateSelect(builder_.CreateICmpSGT(step, i64c(0)),
                                                builder_.CreateICmpSLT(start, stop),
                                                builder_.CreateICmpSGT(start, stop)),
                          first, exhausted);
    builder_.SetInsertPoint(first);
    assign(*f.target, CValue{builder_.CreateOr(builder_.CreateShl(start, 1), i64c(1)), true},
           f.target->span);
    fastPre = builder_.GetInsertBlock();
    builder_.CreateBr(fheader);
    builder_.SetInsertPoint(fheader);
    auto *i = builder_.CreatePHI(i64_, 2, "i");
    i->addIncoming(start, fastPre);
    evalBreakerCheck(f.iter->span);
    llvm::Value *fmore = builder_.CreateSelect(builder_.CreateICmpSGT(step, i64c(0)),
                                               builder_.CreateICmpSLT(i, stop),
                                               builder_.CreateICmpSGT(i, stop));
    builder_.CreateCondBr(fmore, fbody, exhausted);
    builder_.SetInsertPoint(fbody);
    assign(*f.target, CValue{builder_.CreateOr(builder_.CreateShl(i, 1), i64c(1)), true},
           f.target->span);
    f_->loops.push_back(LoopInfo{Target{brk, depth + (iter.owned ? 1 : 0), f_->cleanups.size()},
                                 here(flatch)});
    stmts(f.body);
    f_->loops.pop_back();
    if (!terminated()) builder_.CreateBr(flatch);
    builder_.SetInsertPoint(flatch);
    i->addIncoming(builder_.CreateAdd(i, step), flatch);
    builder_.CreateBr(fheader);
    builder_.SetInsertPoint(genericPre);
    pre = genericPre;
    isFast = llvm::ConstantInt::getFalse(ctx_);
  }
  builder_.CreateBr(header);

  builder_.SetInsertPoint(header);
  auto *counter = builder_.CreatePHI(i64_, 2, "i");
  counter->addIncoming(start, pre);
  evalBreakerCheck(f.iter->span);
  builder_.CreateCondBr(isFast, fastNext, slowNext);

  builder_.SetInsertPoint(fastNext);
  llvm::Value *more = builder_.CreateSelect(builder_.CreateICmpSGT(step, i64c(0)),
                                            builder_.CreateICmpSLT(counter, stop),
                                            builder_.CreateICmpSGT(counter, stop));
  llvm::Value *tagged = builder_.CreateOr(builder_.CreateShl(counter, 1), i64c(1));
  auto *fastHave = newBlock("for.count.item");
  builder_.CreateCondBr(more, fastHave, exhausted);
  builder_.SetInsertPoint(fastHave);
  builder_.CreateBr(body);

  builder_.SetInsertPoint(slowNext);
  llvm::Value *item = builder_.CreateCall(abiFn(nextFn), {ts(), iter.v});
  checkValue(item, loopAt);
  auto *slowHave = newBlock("for.iter.item");
  builder_.CreateCondBr(builder_.CreateICmpEQ(item, i64c(TD_DONE)), exhausted, slowHave);
  builder_.SetInsertPoint(slowHave);
  builder_.CreateBr(body);

  builder_.SetInsertPoint(body);
  auto *value = builder_.CreatePHI(i64_, 2);
  value->addIncoming(tagged, fastHave);
  value->addIncoming(item, slowHave);
  assign(*f.target, CValue{value, true}, f.target->span);
  f_->loops.push_back(LoopInfo{Target{brk, depth + (iter.owned ? 1 : 0), f_->cleanups.size()},
                               here(latch)});
  stmts(f.body);
  f_->loops.pop_back();
  if (!terminated()) builder_.CreateBr(latch);

  builder_.SetInsertPoint(latch);
  counter->addIncoming(builder_.CreateAdd(counter, step), latch);
  builder_.CreateBr(header);
  if (kernelEntry)
    intKernelFor(f, ForKernelEdges{kernelEntry, pre, header, exhausted, brk, counter, start, stop,
                                   step});

  popTemp(iter);
  builder_.SetInsertPoint(exhausted);
  release(iter);
  stmts(f.orelse);
  if (!terminated()) builder_.CreateBr(end);
  builder_.SetInsertPoint(brk);
  release(iter);
  builder_.CreateBr(end);
  builder_.SetInsertPoint(end);
}

// Whether a statement list holds a loop (outside nested functions and classes).
bool Gen::containsLoop(const StmtList &body) {
  for (auto &st : body) {
    switch (st->kind) {
    case StmtKind::For:
    case StmtKind::While:
      return true;
    case StmtKind::If: {
      auto &s = *st->as<If>();
      if (containsLoop(s.body) || containsLoop(s.orelse)) return true;
      break;
    }
    case StmtKind::With:
      if (containsLoop(st->as<With>()->body)) return true;
      break;
    case StmtKind::Try: {
      auto &t = *st->as<Try>();
      if (containsLoop(t.body) || containsLoop(t.orelse) || containsLoop(t.finalbody)) return true;
      for (auto &h : t.handlers)
        if (containsLoop(h.body)) return true;
      break;
    }
    default:
      break;
    }
  }
  return false;
}

void Gen::returnStmt(const Return &r) {
  if (f_->isModule) {
    diag_.error(r.span, "'return' outside function");
    return;
  }
  CValue v = r.value ? exprOwned(*r.value) : none();
  v = own(v);
  builder_.CreateStore(v.v, f_->retval);
  unwindTo(Target{f_->exitBB, 0, 0});
  startDeadBlock();
}

// ---------------------------------------------------------------------------
// Exceptions
// ---------------------------------------------------------------------------

void Gen::raiseStmt(const Raise &r) {
  if (!r.exc) {
    // A bare raise keeps the traceback as it is: this frame is already in it.
    builder_.CreateCall(abiFn("td_reraise"), {ts()});
    unwindTo(f_->handlers.back());
    startDeadBlock();
    return;
  }
  {
    CValue exc = expr(*r.exc);
    pushTemp(exc);
    CValue cause{i64c(0), false};
    if (r.cause) cause = expr(*r.cause);
    builder_.CreateCall(abiFn("td_raise"), {ts(), exc.v, cause.v});
    release(cause);
    popTemp(exc);
    release(exc);
  }
  raiseHere(r.span);
  startDeadBlock();
}

void Gen::assertStmt(const Assert &a) {
  llvm::Value *c = condition(*a.test);
  auto *fail = newBlock("assert.fail");
  auto *ok = newBlock("assert.ok");
  builder_.CreateCondBr(c, ok, fail);
  builder_.SetInsertPoint(fail);
  CValue msg{i64c(0), false};
  if (a.msg) msg = expr(*a.msg);
  builder_.CreateCall(abiFn("td_assert_fail"), {ts(), msg.v});
  release(msg);
  raiseHere(a.span);
  builder_.SetInsertPoint(ok);
}

void Gen::tryStmt(const Try &t) {
  if (!t.finalbody.empty())
    tryFinally(t);
  else
    tryExcept(t);
}

// Takes the pending exception and marks it as being handled (for implicit
// chaining and bare `raise`); `end` is the cleanup that stops handling it.
llvm::Value *Gen::beginHandling(Cleanup &end) {
  llvm::Value *exc = builder_.CreateCall(abiFn("td_err_fetch"), {ts()});
  builder_.CreateCall(abiFn("td_except_enter"), {ts(), exc});
  end.handlerDepth = f_->handlers.size();
  end.loopDepth = f_->loops.size();
  end.emit = [this, exc] {
    builder_.CreateCall(abiFn("td_except_exit"), {ts()});
    decref(exc);
  };
  return exc;
}

// try: body  except ...: handlers  else: orelse
void Gen::tryExcept(const Try &t) {
  auto *handlerBB = newBlock("try.except");
  auto *end = newBlock("try.end");
  f_->handlers.push_back(here(handlerBB));
  stmts(t.body);
  f_->handlers.pop_back();
  if (!terminated()) {
    stmts(t.orelse);
    if (!terminated()) builder_.CreateBr(end);
  }

  builder_.SetInsertPoint(handlerBB);
  // From here until a clause finishes, leaving by any route (an error while
  // matching, an exception, break/continue/return in a clause) ends the
  // handling: that is a cleanup over the whole dispatch.
  Cleanup endHandling;
  llvm::Value *exc = beginHandling(endHandling);
  pushCleanup(endHandling);
  for (auto &h : t.handlers) {
    auto *match = newBlock("except.match");
    auto *next = newBlock("except.next");
    if (h.type) {
      CValue type = expr(*h.type);
      pushTemp(type);
      llvm::Value *m = builder_.CreateCall(abiFn("td_exc_matches"), {ts(), exc, type.v});
      checkInt(m, h.type->span);
      popTemp(type);
      release(type);
      builder_.CreateCondBr(builder_.CreateICmpNE(m, i32c(0)), match, next);
    } else {
      builder_.CreateBr(match);
    }
    builder_.SetInsertPoint(match);
    if (!h.name.empty()) {
      incref(exc);
      bindName(h.name, CValue{exc, true}, h.span);
    }
    stmts(h.body);
    if (!terminated()) {
      // `except E as e:` unbinds e at the end, as Python does.
      if (!h.name.empty()) bindName(h.name, CValue{i64c(0), true}, h.span);
      endHandling.emit();
      builder_.CreateBr(end);
    }
    builder_.SetInsertPoint(next);
  }
  f_->cleanups.pop_back();
  // No clause matched: put the exception back and keep unwinding.
  builder_.CreateCall(abiFn("td_err_restore"), {ts(), exc});
  builder_.CreateCall(abiFn("td_except_exit"), {ts()});
  decref(exc);
  unwindTo(f_->handlers.back());
  builder_.SetInsertPoint(end);
}

// try: ... finally: ...  (with optional except clauses inside)
void Gen::tryFinally(const Try &t) {
  auto *excPath = newBlock("finally.exc");
  auto *end = newBlock("finally.end");
  Cleanup fin;
  fin.handlerDepth = f_->handlers.size();
  fin.loopDepth = f_->loops.size();
  fin.emit = [this, &t] { stmts(t.finalbody); };
  // The cleanup first: the exception path runs the finally body itself.
  pushCleanup(fin);
  f_->handlers.push_back(here(excPath));
  if (t.handlers.empty())
    stmts(t.body);
  else
    tryExcept(t); // reads only body, handlers and orelse
  f_->handlers.pop_back();
  f_->cleanups.pop_back();
  if (!terminated()) {
    stmts(t.finalbody);
    if (!terminated()) builder_.CreateBr(end);
  }
  // The exception path: run the body of finally as a handler would, then
  // re-raise the same exception.
  builder_.SetInsertPoint(excPath);
  Cleanup endHandling;
  llvm::Value *exc = beginHandling(endHandling);
  pushCleanup(endHandling);
  stmts(t.finalbody);
  f_->cleanups.pop_back();
  if (!terminated()) {
    builder_.CreateCall(abiFn("td_except_exit"), {ts()});
    builder_.CreateCall(abiFn("td_err_restore"), {ts(), exc});
    decref(exc);
    unwindTo(f_->handlers.back());
  }
  builder_.SetInsertPoint(end);
}

// with A() as a, B() as b: body   ≡ nested withs.  The manager lives in its
// own slot (not a live temp) because its __exit__ must still run while a
// jump out of the body releases the temps.
void Gen::withStmt(const With &w, size_t index) {
  const WithItem &item = w.items[index];
  const Span &at = item.contextExpr->span;
  CValue mgr = exprOwned(*item.contextExpr);
  llvm::IRBuilder<> eb(&f_->fn->getEntryBlock(), f_->fn->getEntryBlock().begin());
  llvm::AllocaInst *slot = eb.CreateAlloca(i64_, nullptr, "with.mgr");
  pushTemp(mgr);
  // `async with` awaits what __aenter__ / __aexit__ return.
  bool async = w.isAsync;
  auto awaitResult = [this, async](llvm::Value *r, const Span &where) -> llvm::Value * {
    if (!async) return r;
    llvm::Value *v = builder_.CreateCall(abiFn("td_await"), {ts(), r});
    decref(r);
    checkValue(v, where);
    return v;
  };
  llvm::Value *entered = builder_.CreateCall(abiFn("td_with_enter"),
                                             {ts(), mgr.v, i32c(async ? 1 : 0)});
  checkValue(entered, at);
  entered = awaitResult(entered, at);
  popTemp(mgr);
  builder_.CreateStore(mgr.v, slot);

  auto callExit = [this, slot, at, async, awaitResult] {
    llvm::Value *m = builder_.CreateLoad(i64_, slot);
    llvm::Value *buf = argBuffer(3);
    auto *arrTy = llvm::ArrayType::get(i64_, f_->argBufSize);
    llvm::Value *nonev = builder_.CreatePtrToInt(noneV(), i64_);
    for (unsigned i = 0; i < 3; i++)
      builder_.CreateStore(nonev, builder_.CreateConstGEP2_64(arrTy, buf, 0, i));
    CValue exitName = strConst(async ? "__aexit__" : "__exit__");
    llvm::Value *r = builder_.CreateCall(abiFn("td_call_method"),
                                         {ts(), m, exitName.v, buf, i64c(3), i64c(0)});
    decref(m);
    checkValue(r, at);
    r = awaitResult(r, at);
    decref(r);
  };
  auto *excBB = newBlock("with.exc");
  auto *end = newBlock("with.end");
  Cleanup exitOnJump;
  exitOnJump.handlerDepth = f_->handlers.size();
  exitOnJump.loopDepth = f_->loops.size();
  exitOnJump.emit = callExit;
  // The cleanup first: the exception path calls __exit__ itself.
  pushCleanup(exitOnJump);
  f_->handlers.push_back(here(excBB));
  if (item.optionalVars)
    assign(*item.optionalVars, CValue{entered, true}, item.optionalVars->span);
  else
    decref(entered);
  if (index + 1 < w.items.size())
    withStmt(w, index + 1);
  else
    stmts(w.body);
  f_->handlers.pop_back();
  f_->cleanups.pop_back();
  if (!terminated()) {
    callExit();
    builder_.CreateBr(end);
  }

  // An exception in the body: __exit__(type, value, None) decides.
  builder_.SetInsertPoint(excBB);
  llvm::Value *exc = builder_.CreateCall(abiFn("td_err_fetch"), {ts()});
  builder_.CreateCall(abiFn("td_except_enter"), {ts(), exc});
  llvm::Value *m = builder_.CreateLoad(i64_, slot);
  CValue clsName = strConst("__class__");
  llvm::Value *type = builder_.CreateCall(abiFn("td_getattr"), {ts(), exc, clsName.v});
  auto *haveType = newBlock("with.type");
  auto *failed = newBlock("with.exit_failed");
  builder_.CreateCondBr(isZero(type), failed, haveType);
  builder_.SetInsertPoint(haveType);
  llvm::Value *buf = argBuffer(3);
  auto *arrTy = llvm::ArrayType::get(i64_, f_->argBufSize);
  builder_.CreateStore(type, builder_.CreateConstGEP2_64(arrTy, buf, 0, 0));
  builder_.CreateStore(exc, builder_.CreateConstGEP2_64(arrTy, buf, 0, 1));
  builder_.CreateStore(builder_.CreatePtrToInt(noneV(), i64_),
                       builder_.CreateConstGEP2_64(arrTy, buf, 0, 2));
  CValue exitName = strConst(async ? "__aexit__" : "__exit__");
  llvm::Value *r = builder_.CreateCall(abiFn("td_call_method"),
                                       {ts(), m, exitName.v, buf, i64c(3), i64c(0)});
  decref(type);
  if (async) {
    // Await the coroutine __aexit__ returned (0 stays 0: the failed path).
    auto *awaitBB = newBlock("with.await_exit");
    auto *joinBB = newBlock("with.exit_done");
    auto *from = builder_.GetInsertBlock();
    builder_.CreateCondBr(isZero(r), joinBB, awaitBB);
    builder_.SetInsertPoint(awaitBB);
    llvm::Value *aw = builder_.CreateCall(abiFn("td_await"), {ts(), r});
    decref(r);
    auto *awaitEnd = builder_.GetInsertBlock();
    builder_.CreateBr(joinBB);
    builder_.SetInsertPoint(joinBB);
    auto *phi = builder_.CreatePHI(i64_, 2);
    phi->addIncoming(r, from);
    phi->addIncoming(aw, awaitEnd);
    r = phi;
  }
  auto *gotResult = newBlock("with.result");
  builder_.CreateCondBr(isZero(r), failed, gotResult);
  // __exit__ itself failed: that exception replaces the body's.
  builder_.SetInsertPoint(failed);
  decref(m);
  builder_.CreateCall(abiFn("td_except_exit"), {ts()});
  decref(exc);
  raiseHere(at);
  builder_.SetInsertPoint(gotResult);
  decref(m);
  pushTemp(CValue{exc, true});
  llvm::Value *suppress = truthy(CValue{r, true}, at);
  popTemp(CValue{exc, true});
  auto *reraise = newBlock("with.reraise");
  auto *swallow = newBlock("with.suppress");
  builder_.CreateCondBr(suppress, swallow, reraise);
  builder_.SetInsertPoint(swallow);
  builder_.CreateCall(abiFn("td_except_exit"), {ts()});
  decref(exc);
  builder_.CreateBr(end);
  builder_.SetInsertPoint(reraise);
  builder_.CreateCall(abiFn("td_err_restore"), {ts(), exc});
  builder_.CreateCall(abiFn("td_except_exit"), {ts()});
  decref(exc);
  unwindTo(f_->handlers.back());
  builder_.SetInsertPoint(end);
}

// ---------------------------------------------------------------------------
// Imports
// ---------------------------------------------------------------------------

void Gen::importStmt(const Import &imp) {
  for (auto &a : imp.names) {
    llvm::Value *m = builder_.CreateCall(abiFn("td_import"), {ts(), cstr(a.name)});
    checkValue(m, a.span);
    if (!a.asname.empty() || a.name.find('.') == std::string::npos) {
      bindName(a.asname.empty() ? a.name : a.asname, CValue{m, true}, a.span);
      continue;
    }
    // `import a.b` binds `a`.
    decref(m);
    std::string top = a.name.substr(0, a.name.find('.'));
    llvm::Value *t = builder_.CreateCall(abiFn("td_import"), {ts(), cstr(top)});
    checkValue(t, a.span);
    bindName(top, CValue{t, true}, a.span);
  }
}

void Gen::importFrom(const ImportFrom &imp) {
  if (imp.level > 0) {
    unsupported(imp.span, "relative import");
    return;
  }
  llvm::Value *m = builder_.CreateCall(abiFn("td_import"), {ts(), cstr(imp.module)});
  checkValue(m, imp.span);
  CValue mv{m, true};
  for (auto &a : imp.names) {
    if (a.name == "*") {
      unsupported(a.span, "'import *'");
      continue;
    }
    pushTemp(mv);
    CValue name = strConst(a.name);
    llvm::Value *v = builder_.CreateCall(abiFn("td_import_from"), {ts(), m, name.v});
    checkValue(v, a.span);
    popTemp(mv);
    bindName(a.asname.empty() ? a.name : a.asname, CValue{v, true}, a.span);
  }
  release(mv);
}

} // namespace tide

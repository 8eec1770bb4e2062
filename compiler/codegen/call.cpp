// call.cpp — calls, function objects, lambdas and comprehensions.
//
// A call site with only positional arguments tries the direct path first:
// when the callee is a plain tide function that takes exactly that many
// positional arguments, its body is called straight through the pointer in
// the function object (TdFunction::body) — no argument binding, no tuple.
// Everything else goes through td_call (vectorcall-style: positional values,
// then keyword values named by a constant kwnames tuple) or td_call_ex for
// `*args` / `**kwargs`.
#include "gen.h"
#include "llvm/IR/MDBuilder.h"
#include "tide/abi.h"

namespace tide {

namespace {
constexpr int64_t kOffType = offsetof(TdObject, type);
constexpr int64_t kOffBody = offsetof(TdFunction, body);
constexpr int64_t kOffFastNargs = offsetof(TdFunction, fastNargs);
constexpr int64_t kOffDirect = offsetof(TdFunction, direct);
constexpr int64_t kOffAwaitNargs = offsetof(TdFunction, awaitNargs);
constexpr int64_t kOffAwaitDirect = offsetof(TdFunction, awaitDirect);
} // namespace

// `await v`: a new reference to the awaited result.
CValue Gen::awaitValue(CValue v, const Span &at) {
  pushTemp(v);
  llvm::Value *r = builder_.CreateCall(abiFn("td_await"), {ts(), v.v});
  checkValue(r, at);
  popTemp(v);
  release(v);
  return CValue{r, true};
}

// `await f(args)`: an async function of matching arity runs its body right
// here (awaitDirect), with no coroutine object; anything else is called,
// then its result awaited.
CValue Gen::call(const Call &c, const Span *awaitAt) {
  bool awaited = awaitAt != nullptr;
  // Errors of an awaited call point at the whole `await ...`, as in CPython.
  const Span &resultAt = awaited ? *awaitAt : c.span;
  bool star = false;
  for (auto &a : c.args) star |= a->kind == ExprKind::Starred;
  for (auto &k : c.keywords) star |= k.name.empty();

  if (star) {
    // f(*a, **k): build the positional tuple and the keyword dict.
    CValue callee = expr(*c.func);
    pushTemp(callee);
    CValue args = buildSeq(c.args, "td_build_tuple", c.span);
    pushTemp(args);
    CValue kw{i64c(0), false};
    if (!c.keywords.empty()) {
      llvm::Value *empty = argBuffer(1);
      llvm::Value *d = builder_.CreateCall(abiFn("td_build_dict"), {ts(), empty, empty, i64c(0)});
      checkValue(d, c.span);
      kw = CValue{d, true};
      pushTemp(kw);
      for (auto &k : c.keywords) {
        CValue v = expr(*k.value);
        pushTemp(v);
        llvm::Value *r;
        if (k.name.empty()) {
          r = builder_.CreateCall(abiFn("td_dict_merge"), {ts(), d, v.v, i32c(1)});
        } else {
          CValue name = strConst(k.name);
          r = builder_.CreateCall(abiFn("td_dict_setitem"), {ts(), d, name.v, v.v});
        }
        checkInt(r, k.value->span);
        popTemp(v);
        release(v);
      }
      popTemp(kw);
    }
    pushTemp(kw);
    llvm::Value *r = builder_.CreateCall(abiFn("td_call_ex"), {ts(), callee.v, args.v, kw.v});
    checkValue(r, c.span);
    popTemp(kw);
    popTemp(args);
    popTemp(callee);
    release(kw);
    release(args);
    release(callee);
    return awaited ? awaitValue(CValue{r, true}, resultAt) : CValue{r, true};
  }

  CValue sup;
  if (zeroArgSuper(c, sup)) return awaited ? awaitValue(sup, resultAt) : sup;

  // Method call: obj.name(args) without a bound-method object.
  bool method = c.func->kind == ExprKind::Attribute;
  CValue callee, name;
  // A plain function calling the global that names itself (recursion):
  // when the global still holds the running function, the call goes
  // straight to this function's direct entry, with no reference taken.
  // Whoever called us holds one for as long as we run, even if the
  // arguments rebind the global.  The temp then holds 0.
  llvm::Value *isSelf = nullptr, *selfCallee = nullptr;
  if (!method && !awaited && c.keywords.empty() && f_->directArgs && !f_->scope->isAsync &&
      c.func->kind == ExprKind::Name && c.func->as<Name>()->scope == NameScope::GlobalImplicit &&
      c.func->as<Name>()->id == f_->name && f_->fn->arg_size() == 2 + c.args.size()) {
    llvm::Value *v = loadGlobal(c.func->as<Name>()->id, c.func->span, /*borrow=*/true).v;
    isSelf = builder_.CreateICmpEQ(v, builder_.CreatePtrToInt(f_->self, i64_));
    auto *take = newBlock("call.ref");
    auto *taken = newBlock("call.callee");
    builder_.CreateCondBr(isSelf, taken, take);
    builder_.SetInsertPoint(take);
    incref(v);
    builder_.CreateBr(taken);
    builder_.SetInsertPoint(taken);
    callee = CValue{builder_.CreateSelect(isSelf, i64c(0), v), true};
    selfCallee = v;
  } else if (method) {
    auto &a = *c.func->as<Attribute>();
    callee = expr(*a.value);
    name = strConst(a.attr);
  } else {
    callee = expr(*c.func);
  }
  pushTemp(callee);
  std::vector<CValue> args;
  for (auto &a : c.args) {
    CValue v = expr(*a);
    pushTemp(v);
    args.push_back(v);
  }
  std::vector<std::string> kwnames;
  for (auto &k : c.keywords) {
    CValue v = expr(*k.value);
    pushTemp(v);
    args.push_back(v);
    kwnames.push_back(k.name);
  }
  unsigned n = unsigned(args.size());
  llvm::Value *buf = argBuffer(std::max(1u, n));
  auto *arrTy = llvm::ArrayType::get(i64_, f_->argBufSize);
  // The array only on the paths that take one (the direct path passes the
  // arguments in registers).
  auto storeArgs = [&] {
    for (unsigned i = 0; i < n; i++)
      builder_.CreateStore(args[i].v, builder_.CreateConstGEP2_64(arrTy, buf, 0, i));
  };
  llvm::Value *argv = builder_.CreateConstGEP2_64(arrTy, buf, 0, 0);
  llvm::Value *kwn = kwnames.empty() ? i64c(0) : kwnamesConst(kwnames);
  int64_t npos = int64_t(c.args.size());

  llvm::Value *result;
  bool needAwait = awaited; // the direct await path below clears it
  if (method) {
    storeArgs();
    result = builder_.CreateCall(abiFn("td_call_method"),
                                 {ts(), callee.v, name.v, argv, i64c(n), kwn});
    checkValue(result, c.span);
  } else if (!kwnames.empty()) {
    storeArgs();
    result = builder_.CreateCall(abiFn("td_call"), {ts(), callee.v, argv, i64c(n), kwn});
    checkValue(result, c.span);
  } else {
    // The direct path: a plain function of matching arity runs its body
    // with the arguments in registers (fastNargs / direct); under `await`,
    // an async function's body runs the same way (awaitNargs / awaitDirect)
    // and anything else is called, then its result awaited.
    int64_t offNargs = awaited ? kOffAwaitNargs : kOffFastNargs;
    int64_t offEntry = awaited ? kOffAwaitDirect : kOffDirect;
    auto *i8 = llvm::Type::getInt8Ty(ctx_);
    auto *checkType = newBlock("call.type");
    auto *checkArity = newBlock("call.arity");
    auto *direct = newBlock("call.direct");
    auto *generic = newBlock("call.generic");
    auto *done = newBlock("call.done");
    llvm::MDBuilder md(ctx_);
    // The callee (the temp holds 0 instead on the self-call path).
    llvm::Value *fnv = selfCallee ? selfCallee : callee.v;
    llvm::Value *selfResult = nullptr;
    llvm::BasicBlock *selfEnd = nullptr;
    if (isSelf) {
      auto *self = newBlock("call.self");
      auto *other = newBlock("call.other");
      builder_.CreateCondBr(isSelf, self, other, md.createBranchWeights(1 << 10, 1));
      builder_.SetInsertPoint(self);
      std::vector<llvm::Value *> callArgs = {ts(), f_->self};
      for (auto &a : args) callArgs.push_back(a.v);
      selfResult = builder_.CreateCall(f_->fn, callArgs);
      selfEnd = builder_.GetInsertBlock();
      builder_.CreateBr(done);
      builder_.SetInsertPoint(other);
    }
    builder_.CreateCondBr(isSmall(fnv), generic, checkType);
    builder_.SetInsertPoint(checkType);
    llvm::Value *obj = builder_.CreateIntToPtr(fnv, ptr_);
    llvm::Value *type = builder_.CreateLoad(ptr_, builder_.CreateConstGEP1_64(i8, obj, kOffType));
    builder_.CreateCondBr(builder_.CreateICmpEQ(type, abiData("td_type_function")), checkArity,
                          generic, md.createBranchWeights(1 << 10, 1));
    builder_.SetInsertPoint(checkArity);
    llvm::Value *fast = builder_.CreateLoad(i32_, builder_.CreateConstGEP1_64(i8, obj, offNargs));
    builder_.CreateCondBr(builder_.CreateICmpEQ(fast, i32c(int32_t(npos))), direct, generic,
                          md.createBranchWeights(1 << 10, 1));
    builder_.SetInsertPoint(direct);
    llvm::Value *entry = builder_.CreateLoad(ptr_, builder_.CreateConstGEP1_64(i8, obj, offEntry));
    std::vector<llvm::Type *> params = {ptr_, ptr_};
    params.insert(params.end(), n, i64_);
    std::vector<llvm::Value *> callArgs = {ts(), obj};
    for (auto &a : args) callArgs.push_back(a.v);
    llvm::Value *dr = builder_.CreateCall(llvm::FunctionType::get(i64_, params, false), entry, callArgs);
    builder_.CreateBr(done);
    builder_.SetInsertPoint(generic);
    storeArgs();
    llvm::Value *gr = builder_.CreateCall(abiFn("td_call"), {ts(), fnv, argv, i64c(npos), i64c(0)});
    llvm::Value *ar = nullptr;
    llvm::BasicBlock *awaitEnd = nullptr;
    if (awaited) {
      auto *called = newBlock("call.await");
      builder_.CreateCondBr(isZero(gr), done, called);
      builder_.SetInsertPoint(called);
      ar = builder_.CreateCall(abiFn("td_await"), {ts(), gr});
      decref(gr);
      awaitEnd = builder_.GetInsertBlock();
    }
    builder_.CreateBr(done);
    builder_.SetInsertPoint(done);
    auto *phi = builder_.CreatePHI(i64_, awaited ? 3 : 2);
    phi->addIncoming(dr, direct);
    phi->addIncoming(gr, generic);
    if (awaited) phi->addIncoming(ar, awaitEnd);
    if (selfEnd) phi->addIncoming(selfResult, selfEnd);
    result = phi;
    checkValue(result, resultAt);
    needAwait = false;
  }
  for (unsigned i = n; i > 0; i--) {
    popTemp(args[i - 1]);
    release(args[i - 1]);
  }
  popTemp(callee);
  release(callee);
  if (needAwait) return awaitValue(CValue{result, true}, resultAt);
  return CValue{result, true};
}

// ---------------------------------------------------------------------------
// Function objects
// ---------------------------------------------------------------------------

CValue Gen::makeFunction(Scope *scope, const std::string &name, const Arguments &args,
                         const std::function<void()> &genBody, int firstLine, int flags,
                         const Span &at) {
  size_t base = f_->temps.size();
  // Defaults are evaluated now, in the defining scope.
  CValue defaults{i64c(0), false};
  if (!args.defaults.empty()) {
    std::vector<CValue> vals;
    for (auto &d : args.defaults) {
      CValue v = exprOwned(*d);
      pushTemp(v);
      vals.push_back(v);
    }
    llvm::Value *buf = argBuffer(unsigned(vals.size()));
    auto *arrTy = llvm::ArrayType::get(i64_, f_->argBufSize);
    for (size_t i = 0; i < vals.size(); i++)
      builder_.CreateStore(vals[i].v, builder_.CreateConstGEP2_64(arrTy, buf, 0, i));
    f_->temps.resize(base);
    llvm::Value *t = builder_.CreateCall(abiFn("td_build_tuple"), {ts(), buf, i64c(int64_t(vals.size()))});
    checkValue(t, at);
    defaults = CValue{t, true};
    pushTemp(defaults);
  }
  CValue kwdefaults{i64c(0), false};
  bool anyKw = false;
  for (auto &d : args.kwDefaults) anyKw |= d != nullptr;
  if (anyKw) {
    llvm::Value *empty = argBuffer(1);
    llvm::Value *d = builder_.CreateCall(abiFn("td_build_dict"), {ts(), empty, empty, i64c(0)});
    checkValue(d, at);
    kwdefaults = CValue{d, true};
    pushTemp(kwdefaults);
    for (size_t i = 0; i < args.kwonlyargs.size(); i++) {
      if (i >= args.kwDefaults.size() || !args.kwDefaults[i]) continue;
      CValue v = expr(*args.kwDefaults[i]);
      pushTemp(v);
      CValue k = strConst(args.kwonlyargs[i].name);
      llvm::Value *r = builder_.CreateCall(abiFn("td_dict_setitem"), {ts(), d, k.v, v.v});
      checkInt(r, args.kwDefaults[i]->span);
      popTemp(v);
      release(v);
    }
  }
  // The closure: this frame's cells for the new function's free variables.
  CValue closure{i64c(0), false};
  if (!scope->freevars.empty()) {
    std::vector<llvm::Value *> cells;
    for (auto &fv : scope->freevars) {
      int idx = f_->isModule ? -1 : f_->scope->lookup(fv);
      if (idx < 0 || !f_->slots[size_t(idx)]) {
        diag_.error(at, "internal error: no cell for free variable '" + fv + "'");
        return none();
      }
      llvm::Value *cell = builder_.CreateLoad(i64_, f_->slots[size_t(idx)]);
      incref(cell);
      cells.push_back(cell);
    }
    llvm::Value *buf = argBuffer(unsigned(cells.size()));
    auto *arrTy = llvm::ArrayType::get(i64_, f_->argBufSize);
    for (size_t i = 0; i < cells.size(); i++)
      builder_.CreateStore(cells[i], builder_.CreateConstGEP2_64(arrTy, buf, 0, i));
    llvm::Value *t = builder_.CreateCall(abiFn("td_build_tuple"), {ts(), buf, i64c(int64_t(cells.size()))});
    checkValue(t, at);
    closure = CValue{t, true};
    pushTemp(closure);
  }

  // Generate the body as its own LLVM function.  A function with a fixed
  // arity also gets a `direct` entry taking its arguments in registers; the
  // array-taking `body` then just forwards to it.
  // A comprehension that awaits runs inline on the awaiting fiber: it is a
  // plain call, never a coroutine of its own.
  if (scope->isAsync && scope->kind != ScopeKind::Comprehension) flags |= TD_CO_ASYNC;
  if (scope->isGenerator) flags |= TD_CO_GENERATOR;
  llvm::Function *body = declareBody(name);
  if (scope->kind == ScopeKind::Class) runsOnce(body);
  bool fixedArity = !args.vararg && !args.kwarg && args.kwonlyargs.empty() &&
                    !(flags & TD_CO_GENERATOR) &&
                    scope->kind != ScopeKind::Class && scope->kind != ScopeKind::Comprehension;
  unsigned arity = unsigned(args.posonlyargs.size() + args.args.size());
  llvm::Function *direct = nullptr;
  if (fixedArity) {
    std::vector<llvm::Type *> params = {ptr_, ptr_};
    params.insert(params.end(), arity, i64_);
    direct = llvm::Function::Create(llvm::FunctionType::get(i64_, params, false),
                                    llvm::Function::InternalLinkage,
                                    body->getName() + ".direct", m_.get());
    direct->addFnAttr(llvm::Attribute::NoUnwind);
    direct->addFnAttr(llvm::Attribute::NoInline);
    direct->addFnAttr("frame-pointer", "all");
    auto *bb = llvm::BasicBlock::Create(ctx_, "entry", body);
    llvm::IRBuilder<> b(bb);
    std::vector<llvm::Value *> callArgs = {body->getArg(0), body->getArg(1)};
    for (unsigned i = 0; i < arity; i++)
      callArgs.push_back(b.CreateLoad(i64_, b.CreateConstGEP1_64(i64_, body->getArg(2), i)));
    auto *call = b.CreateCall(direct, callArgs);
    call->setTailCall(true);
    b.CreateRet(call);
  }
  FuncState *outer = f_;
  auto savedIP = builder_.saveIP();
  llvm::DebugLoc savedLoc = builder_.getCurrentDebugLocation();
  FuncState fs;
  fs.name = name;
  fs.debugLine = firstLine;
  fs.directArgs = direct != nullptr;
  fs.isGenerator = scope->isGenerator;
  if (scope->isGenerator && scope->isAsync)
    unsupported(at, scope->kind == ScopeKind::Comprehension ? "an asynchronous generator expression"
                                                            : "an asynchronous generator ('yield' in 'async def')");
  fs.code = makeCodeInfo(scope, name, body, &args, firstLine, flags, direct);
  for (auto &a : args.posonlyargs) fs.params.push_back(a.name);
  for (auto &a : args.args) fs.params.push_back(a.name);
  for (auto &a : args.kwonlyargs) fs.params.push_back(a.name);
  if (args.vararg) fs.params.push_back(args.vararg->name);
  if (args.kwarg) fs.params.push_back(args.kwarg->name);
  beginFunction(fs, direct ? direct : body, scope, false);
  // A generator suspends once its parameters are bound (a generator
  // expression first takes its iterator, see comprehension()).
  if (fs.isGenerator && scope->kind != ScopeKind::Comprehension) startGenerator(at);
  genBody();
  finishFunction(fs);
  f_ = outer;
  builder_.restoreIP(savedIP);
  builder_.SetCurrentDebugLocation(savedLoc);

  llvm::Value *fn = builder_.CreateCall(abiFn("td_make_function"),
                                        {ts(), fs.code, defaults.v, kwdefaults.v, closure.v});
  checkValue(fn, at);
  popTemp(closure);
  popTemp(kwdefaults);
  popTemp(defaults);
  release(closure);
  release(kwdefaults);
  release(defaults);
  return CValue{fn, true};
}

CValue Gen::functionDef(const FunctionDef &d) {
  std::vector<CValue> decorators;
  for (auto &dec : d.decorators) {
    CValue v = expr(*dec);
    pushTemp(v);
    decorators.push_back(v);
  }
  int line = int(d.span.line);
  CValue fn = makeFunction(d.scope, d.name, d.args, [&] { stmts(d.body); }, line, 0, d.span);
  return applyDecorators(decorators, fn, d.decorators);
}

CValue Gen::lambda(const Lambda &l) {
  return makeFunction(
      l.scope, "<lambda>", l.args,
      [&] {
        CValue v = exprOwned(*l.body);
        builder_.CreateStore(v.v, f_->retval);
        releaseTempsTo(0);
        builder_.CreateBr(f_->exitBB);
        startDeadBlock();
      },
      int(l.span.line), TD_CO_LAMBDA, l.span);
}

// ---------------------------------------------------------------------------
// Comprehensions: a function of their own (Python 3 scoping), called at once
// with an iterator over the first iterable, which is evaluated outside.
// ---------------------------------------------------------------------------

CValue Gen::comprehension(const Comp &c) {
  const char *name = c.kind == ExprKind::ListComp  ? "<listcomp>"
                     : c.kind == ExprKind::SetComp ? "<setcomp>"
                     : c.kind == ExprKind::DictComp ? "<dictcomp>"
                                                    : "<genexpr>";
  CValue first = expr(*c.generators[0].iter);
  pushTemp(first);
  auto iterFn = [](const Comprehension &g) { return g.isAsync ? "td_aiter" : "td_iter"; };
  auto nextFn = [](const Comprehension &g) { return g.isAsync ? "td_anext" : "td_next"; };
  // Errors of iter() and next() point at the whole comprehension, in both
  // frames, as CPython's do.
  llvm::Value *it = builder_.CreateCall(abiFn(iterFn(c.generators[0])), {ts(), first.v});
  checkValue(it, c.span);
  popTemp(first);
  release(first);
  CValue itv{it, true};
  pushTemp(itv);

  Arguments noArgs;
  bool lazy = c.scope->isGenerator; // a generator expression
  auto genBody = [&] {
    llvm::Value *firstIt = builder_.CreateLoad(i64_, f_->fn->getArg(2));
    CValue accv{i64c(0), false};
    if (lazy) {
      // The generator keeps its own reference to the iterator; the
      // caller's array is gone once it suspends.
      incref(firstIt);
      startGenerator(c.span);
    } else {
      const char *build = c.kind == ExprKind::DictComp ? "td_build_dict"
                          : c.kind == ExprKind::SetComp ? "td_build_set"
                                                        : "td_build_list";
      llvm::Value *empty = argBuffer(1);
      llvm::Value *acc = c.kind == ExprKind::DictComp
                             ? builder_.CreateCall(abiFn(build), {ts(), empty, empty, i64c(0)})
                             : builder_.CreateCall(abiFn(build), {ts(), empty, i64c(0)});
      checkValue(acc, c.span);
      accv = CValue{acc, true};
      pushTemp(accv);
    }
    llvm::Value *acc = accv.v;
    // Nested loops, one per generator clause.
    std::vector<llvm::BasicBlock *> headers;
    std::vector<llvm::BasicBlock *> exits;
    std::vector<CValue> iters;
    for (size_t g = 0; g < c.generators.size(); g++) {
      auto &gen = c.generators[g];
      CValue iter;
      if (g == 0) {
        iter = CValue{firstIt, lazy};
      } else {
        CValue src = expr(*gen.iter);
        pushTemp(src);
        llvm::Value *i = builder_.CreateCall(abiFn(iterFn(gen)), {ts(), src.v});
        checkValue(i, c.span);
        popTemp(src);
        release(src);
        iter = CValue{i, true};
      }
      pushTemp(iter);
      iters.push_back(iter);
      auto *header = newBlock("comp.next");
      auto *bodyBB = newBlock("comp.body");
      auto *exit = newBlock("comp.exit");
      builder_.CreateBr(header);
      builder_.SetInsertPoint(header);
      evalBreakerCheck(gen.iter->span);
      llvm::Value *item = builder_.CreateCall(abiFn(nextFn(gen)), {ts(), iter.v});
      checkValue(item, c.span);
      builder_.CreateCondBr(builder_.CreateICmpEQ(item, i64c(TD_DONE)), exit, bodyBB);
      builder_.SetInsertPoint(bodyBB);
      assign(*gen.target, CValue{item, true}, gen.target->span);
      for (auto &cond : gen.ifs) {
        llvm::Value *t = condition(*cond);
        auto *pass = newBlock("comp.if");
        builder_.CreateCondBr(t, pass, header);
        builder_.SetInsertPoint(pass);
      }
      headers.push_back(header);
      exits.push_back(exit);
    }
    // The innermost body adds one element.
    if (c.kind == ExprKind::DictComp) {
      CValue k = expr(*c.key);
      pushTemp(k);
      CValue v = expr(*c.value);
      pushTemp(v);
      llvm::Value *r = builder_.CreateCall(abiFn("td_dict_setitem"), {ts(), acc, k.v, v.v});
      checkInt(r, c.key->span);
      popTemp(v);
      popTemp(k);
      release(v);
      release(k);
    } else if (lazy) {
      release(yieldValue(expr(*c.elt), c.elt->span));
    } else {
      CValue v = expr(*c.elt);
      pushTemp(v);
      llvm::Value *r = builder_.CreateCall(
          abiFn(c.kind == ExprKind::SetComp ? "td_set_add" : "td_list_append"), {ts(), acc, v.v});
      checkInt(r, c.elt->span);
      popTemp(v);
      release(v);
    }
    builder_.CreateBr(headers.back());
    for (size_t g = c.generators.size(); g > 0; g--) {
      builder_.SetInsertPoint(exits[g - 1]);
      popTemp(iters[g - 1]);
      release(iters[g - 1]);
      if (g > 1) builder_.CreateBr(headers[g - 2]);
    }
    popTemp(accv);
    llvm::Value *result = lazy ? none().v : acc;
    builder_.CreateStore(result, f_->retval);
    builder_.CreateBr(f_->exitBB);
    startDeadBlock();
  };
  CValue fn = makeFunction(c.scope, name, noArgs, genBody, int(c.span.line), 0, c.span);
  pushTemp(fn);
  llvm::Value *buf = argBuffer(1);
  builder_.CreateStore(it, buf);
  auto *bodyTy = llvm::FunctionType::get(i64_, {ptr_, ptr_, ptr_}, false);
  auto *i8 = llvm::Type::getInt8Ty(ctx_);
  llvm::Value *obj = builder_.CreateIntToPtr(fn.v, ptr_);
  llvm::Value *body = builder_.CreateLoad(ptr_, builder_.CreateConstGEP1_64(i8, obj, kOffBody));
  llvm::Value *r = builder_.CreateCall(bodyTy, body, {ts(), obj, buf});
  checkValue(r, c.span);
  popTemp(fn);
  release(fn);
  popTemp(itv);
  release(itv);
  return CValue{r, true};
}

} // namespace tide

namespace tide {

// ---------------------------------------------------------------------------
// Classes: the body runs as a function of its own (the class scope) that
// fills a fresh namespace dict and returns its `__class__` cell, if methods
// use one (zero-argument super()).  td_build_class then makes the class, and
// the cell is pointed at it, as CPython's __classcell__ is.
// ---------------------------------------------------------------------------

CValue Gen::classDef(const ClassDef &c) {
  std::vector<CValue> decorators;
  for (auto &dec : c.decorators) {
    CValue v = expr(*dec);
    pushTemp(v);
    decorators.push_back(v);
  }
  CValue bases = buildSeq(c.bases, "td_build_tuple", c.span);
  pushTemp(bases);
  llvm::Value *empty = argBuffer(1);
  llvm::Value *ns = builder_.CreateCall(abiFn("td_build_dict"), {ts(), empty, empty, i64c(0)});
  checkValue(ns, c.span);
  CValue nsv{ns, true};
  pushTemp(nsv);

  Scope *scope = c.scope;
  int cellIdx = scope->lookup("__class__");
  bool hasCell = cellIdx >= 0 && scope->symbols[size_t(cellIdx)].kind == SymbolKind::Cell;
  Arguments noArgs;
  auto genBody = [&] {
    f_->isClassBody = true;
    f_->ns = builder_.CreateLoad(i64_, f_->fn->getArg(2));
    storeName("__module__", NameScope::ClassBody, -1, strConst("__main__"), c.span);
    storeName("__qualname__", NameScope::ClassBody, -1, strConst(scope->qualname), c.span);
    stmts(c.body);
    if (terminated()) return;
    CValue result = none();
    if (hasCell) {
      llvm::Value *cell = builder_.CreateLoad(i64_, f_->slots.at(size_t(cellIdx)));
      incref(cell);
      result = CValue{cell, true};
    }
    builder_.CreateStore(result.v, f_->retval);
    releaseTempsTo(0);
    builder_.CreateBr(f_->exitBB);
    startDeadBlock();
  };
  CValue fn = makeFunction(scope, c.name, noArgs, genBody, int(c.span.line), 0, c.span);
  pushTemp(fn);
  llvm::Value *buf = argBuffer(1);
  builder_.CreateStore(ns, buf);
  auto *bodyTy = llvm::FunctionType::get(i64_, {ptr_, ptr_, ptr_}, false);
  auto *i8 = llvm::Type::getInt8Ty(ctx_);
  llvm::Value *obj = builder_.CreateIntToPtr(fn.v, ptr_);
  llvm::Value *body = builder_.CreateLoad(ptr_, builder_.CreateConstGEP1_64(i8, obj, kOffBody));
  llvm::Value *cell = builder_.CreateCall(bodyTy, body, {ts(), obj, buf});
  checkValue(cell, c.span);
  CValue cellv{cell, true};
  pushTemp(cellv);
  CValue name = strConst(c.name);
  CValue qual = strConst(scope->qualname);
  llvm::Value *cls = builder_.CreateCall(abiFn("td_build_class"), {ts(), name.v, qual.v, bases.v, ns});
  checkValue(cls, c.span);
  if (hasCell) {
    llvm::Value *p = builder_.CreateConstGEP1_64(i8, builder_.CreateIntToPtr(cell, ptr_),
                                                 offsetof(TdCell, ref));
    incref(cls);
    llvm::Value *old = builder_.CreateLoad(i64_, p);
    builder_.CreateStore(cls, p);
    decref(old);
  }
  popTemp(cellv);
  release(cellv);
  popTemp(fn);
  release(fn);
  popTemp(nsv);
  release(nsv);
  popTemp(bases);
  release(bases);
  return applyDecorators(decorators, CValue{cls, true}, c.decorators);
}

CValue Gen::applyDecorators(std::vector<CValue> &decorators, CValue target, const ExprList &nodes) {
  for (size_t i = decorators.size(); i > 0; i--) {
    CValue dec = decorators[i - 1];
    pushTemp(target);
    llvm::Value *buf = argBuffer(1);
    builder_.CreateStore(target.v, buf);
    llvm::Value *r = builder_.CreateCall(abiFn("td_call"), {ts(), dec.v, buf, i64c(1), i64c(0)});
    checkValue(r, nodes[i - 1]->span);
    popTemp(target);
    release(target);
    popTemp(dec);
    release(dec);
    target = CValue{r, true};
  }
  return target;
}

// super() with no arguments in a method: super(__class__, <first argument>).
bool Gen::zeroArgSuper(const Call &c, CValue &out) {
  if (c.func->kind != ExprKind::Name || !c.args.empty() || !c.keywords.empty()) return false;
  auto &n = *c.func->as<Name>();
  if (n.id != "super" || n.scope != NameScope::GlobalImplicit || f_->isModule || !f_->scope)
    return false;
  int cls = f_->scope->lookup("__class__");
  if (cls < 0 || f_->scope->symbols[size_t(cls)].kind != SymbolKind::Free ||
      f_->scope->symbols.empty() || !f_->scope->symbols[0].isParam)
    return false;
  CValue fn = loadGlobal("super", n.span);
  pushTemp(fn);
  CValue klass = loadSlot(cls, NameScope::Free, "__class__", c.span);
  pushTemp(klass);
  const Symbol &first = f_->scope->symbols[0];
  CValue self = loadSlot(0, first.kind == SymbolKind::Local ? NameScope::Local
                            : first.kind == SymbolKind::Cell ? NameScope::Cell
                                                             : NameScope::Free,
                         first.name, c.span);
  pushTemp(self);
  llvm::Value *buf = argBuffer(2);
  auto *arrTy = llvm::ArrayType::get(i64_, f_->argBufSize);
  builder_.CreateStore(klass.v, builder_.CreateConstGEP2_64(arrTy, buf, 0, 0));
  builder_.CreateStore(self.v, builder_.CreateConstGEP2_64(arrTy, buf, 0, 1));
  llvm::Value *r = builder_.CreateCall(abiFn("td_call"), {ts(), fn.v, buf, i64c(2), i64c(0)});
  checkValue(r, c.span);
  popTemp(self);
  popTemp(klass);
  popTemp(fn);
  release(self);
  release(klass);
  release(fn);
  out = CValue{r, true};
  return true;
}

} // namespace tide

// module.cpp — the skeleton of generated code: runtime declarations,
// constants, reference counts, error sites, function frames and names.
// See codegen.h for the design and glossary.
#include <algorithm>
#include <cmath>

#include "gen.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"
#include "tide/abi.h"

namespace tide {

namespace {

// Signatures of the runtime's entry points, from the one ABI table.
const char *abiSignature(const std::string &name) {
  static const std::unordered_map<std::string, const char *> table = {
#define X(n, sig, ret, params) {#n, sig},
      TD_ABI_FUNCTIONS(X)
#undef X
  };
  auto it = table.find(name);
  return it == table.end() ? nullptr : it->second;
}

// Offsets of fields generated code reads inline (abi.h).
constexpr int64_t kOffRefcnt = offsetof(TdObject, refcnt);
constexpr int64_t kOffType = offsetof(TdObject, type);
constexpr int64_t kOffClosure = offsetof(TdFunction, closure);
constexpr int64_t kOffTupleItems = offsetof(TdTupleHead, items);
constexpr int64_t kOffCellRef = offsetof(TdCell, ref);
constexpr int64_t kOffBreaker = offsetof(TdThreadHead, eval_breaker);
constexpr int64_t kOffStackLimit = offsetof(TdThreadHead, stack_limit);
static_assert(kOffRefcnt == 0 && kOffType == 8);

} // namespace

Gen::Gen(Module &mod, llvm::LLVMContext &ctx, const CodegenOptions &opts, Diagnostics &diag)
    : mod_(mod), ctx_(ctx), opts_(opts), diag_(diag), builder_(ctx), initBuilder_(ctx) {
  i64_ = llvm::Type::getInt64Ty(ctx);
  i32_ = llvm::Type::getInt32Ty(ctx);
  i1_ = llvm::Type::getInt1Ty(ctx);
  ptr_ = llvm::PointerType::getUnqual(ctx);
  dbl_ = llvm::Type::getDoubleTy(ctx);
  void_ = llvm::Type::getVoidTy(ctx);
  codeInfoTy_ = llvm::StructType::create(
      ctx, {ptr_, ptr_, ptr_, ptr_, ptr_, i32_, i32_, i32_, i32_, i32_, i32_, ptr_}, "TdCodeInfo");
}

llvm::Function *Gen::abiFn(const char *name) {
  if (auto *f = m_->getFunction(name)) return f;
  const char *sig = abiSignature(name);
  if (!sig) {
    llvm::errs() << "internal error: no runtime entry point " << name << "\n";
    std::abort();
  }
  auto ty = [&](char c) -> llvm::Type * {
    switch (c) {
    case 'V': case 'L': return i64_;
    case 'T': case 'P': return ptr_;
    case 'I': return i32_;
    case 'D': return dbl_;
    default: return void_;
    }
  };
  llvm::Type *ret = ty(sig[0]);
  std::vector<llvm::Type *> params;
  for (const char *p = sig + 2; *p; ++p) params.push_back(ty(*p));
  auto *fty = llvm::FunctionType::get(ret, params, false);
  auto *f = llvm::Function::Create(fty, llvm::Function::ExternalLinkage, name, m_.get());
  f->setDoesNotThrow();
  if (std::string(name) == "td_dealloc" || std::string(name) == "td_recursion_check")
    f->addFnAttr(llvm::Attribute::Cold);
  return f;
}

llvm::Value *Gen::abiData(const char *name) {
  if (auto *g = m_->getNamedGlobal(name)) return g;
  return new llvm::GlobalVariable(*m_, llvm::Type::getInt8Ty(ctx_), false,
                                  llvm::GlobalValue::ExternalLinkage, nullptr, name);
}

llvm::Constant *Gen::cstr(const std::string &s) {
  auto *arr = llvm::ConstantDataArray::getString(ctx_, s, true);
  auto *g = new llvm::GlobalVariable(*m_, arr->getType(), true, llvm::GlobalValue::PrivateLinkage,
                                     arr, ".str");
  g->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
  return g;
}

CValue Gen::boolConst(bool b) {
  return CValue{builder_.CreatePtrToInt(abiData(b ? "td_True" : "td_False"), i64_), false};
}

llvm::Value *Gen::fromBool(llvm::Value *c) {
  return builder_.CreateSelect(c, builder_.CreatePtrToInt(abiData("td_True"), i64_),
                               builder_.CreatePtrToInt(abiData("td_False"), i64_));
}

// A constant created once by the module's init code and kept in a global.
static llvm::GlobalVariable *newConstSlot(llvm::Module &m, llvm::Type *i64, int n) {
  return new llvm::GlobalVariable(m, i64, false, llvm::GlobalValue::PrivateLinkage,
                                  llvm::ConstantInt::get(i64, 0), "k." + std::to_string(n));
}

CValue Gen::strConst(const std::string &s) {
  auto it = strConsts_.find(s);
  llvm::GlobalVariable *g;
  if (it != strConsts_.end()) {
    g = it->second;
  } else {
    g = newConstSlot(*m_, i64_, constCounter_++);
    llvm::Value *v = initBuilder_.CreateCall(
        abiFn("td_str_const"), {initTs_, cstr(s), i64c(int64_t(s.size()))});
    initBuilder_.CreateStore(v, g);
    strConsts_[s] = g;
  }
  return CValue{builder_.CreateLoad(i64_, g), false};
}

CValue Gen::bytesConst(const std::string &s) {
  auto *g = newConstSlot(*m_, i64_, constCounter_++);
  llvm::Value *v = initBuilder_.CreateCall(abiFn("td_bytes_const"),
                                           {initTs_, cstr(s), i64c(int64_t(s.size()))});
  initBuilder_.CreateStore(v, g);
  return CValue{builder_.CreateLoad(i64_, g), false};
}

bool smallIntLiteral(const std::string &lit, int64_t &out) {
  int base = 10;
  std::string_view digits = lit;
  if (lit.size() > 2 && lit[0] == '0') {
    char p = char(lit[1] | 0x20);
    if (p == 'x') base = 16;
    else if (p == 'o') base = 8;
    else if (p == 'b') base = 2;
    if (base != 10) digits.remove_prefix(2);
  }
  if (digits.empty()) return false;
  unsigned __int128 value = 0;
  for (char ch : digits) {
    int d = ch >= '0' && ch <= '9' ? ch - '0' : (ch | 0x20) - 'a' + 10;
    value = value * unsigned(base) + unsigned(d);
    if (value > (unsigned __int128)((int64_t(1) << 62) - 1)) return false;
  }
  out = int64_t(value);
  return true;
}

CValue Gen::intConst(const std::string &lit) {
  // Small decimal/hex/octal/binary literals become tagged words directly.
  int64_t value;
  if (smallIntLiteral(lit, value)) return CValue{i64c(int64_t((uint64_t(value) << 1) | 1)), false};
  auto *g = newConstSlot(*m_, i64_, constCounter_++);
  llvm::Value *v = initBuilder_.CreateCall(abiFn("td_int_from_cstr"),
                                           {initTs_, cstr(lit), i32c(0)});
  initBuilder_.CreateStore(v, g);
  return CValue{builder_.CreateLoad(i64_, g), false};
}

CValue Gen::floatConst(double d) {
  auto *g = newConstSlot(*m_, i64_, constCounter_++);
  llvm::Value *v = initBuilder_.CreateCall(abiFn("td_float_new"),
                                           {initTs_, llvm::ConstantFP::get(dbl_, d)});
  initBuilder_.CreateStore(v, g);
  return CValue{builder_.CreateLoad(i64_, g), false};
}

llvm::Value *Gen::kwnamesConst(const std::vector<std::string> &names) {
  auto *g = newConstSlot(*m_, i64_, constCounter_++);
  auto *arrTy = llvm::ArrayType::get(i64_, names.size());
  auto *buf = initBuilder_.CreateAlloca(arrTy);
  for (size_t i = 0; i < names.size(); i++) {
    llvm::Value *s = initBuilder_.CreateCall(
        abiFn("td_str_const"), {initTs_, cstr(names[i]), i64c(int64_t(names[i].size()))});
    initBuilder_.CreateStore(s, initBuilder_.CreateConstGEP2_64(arrTy, buf, 0, i));
  }
  llvm::Value *t = initBuilder_.CreateCall(abiFn("td_build_tuple"),
                                           {initTs_, buf, i64c(int64_t(names.size()))});
  initBuilder_.CreateStore(t, g);
  return builder_.CreateLoad(i64_, g);
}

llvm::GlobalVariable *Gen::globalSlot(const std::string &name) {
  auto it = globals_.find(name);
  if (it != globals_.end()) return it->second;
  if (opts_.interactive) return globals_[name] = sessionGlobal(name);
  auto *g = new llvm::GlobalVariable(*m_, i64_, false, llvm::GlobalValue::InternalLinkage,
                                     i64c(0), "g." + name);
  globals_[name] = g;
  return g;
}

llvm::GlobalVariable *Gen::builtinCache(const std::string &name) {
  auto it = builtinCaches_.find(name);
  if (it != builtinCaches_.end()) return it->second;
  auto *g = new llvm::GlobalVariable(*m_, i64_, false, llvm::GlobalValue::InternalLinkage,
                                     i64c(0), "b." + name);
  builtinCaches_[name] = g;
  return g;
}

// ---------------------------------------------------------------------------
// Reference counts: inline, through two tiny always-inline helpers so the IR
// stays readable at -O0 and vanishes at -O2.
// ---------------------------------------------------------------------------

static llvm::Function *refHelper(Gen &g, bool inc) {
  const char *name = inc ? "tide.incref" : "tide.decref";
  if (auto *f = g.m_->getFunction(name)) return f;
  auto *fty = llvm::FunctionType::get(g.void_, {g.i64_}, false);
  auto *f = llvm::Function::Create(fty, llvm::Function::InternalLinkage, name, g.m_.get());
  f->addFnAttr(llvm::Attribute::AlwaysInline);
  f->addFnAttr(llvm::Attribute::NoUnwind);
  llvm::IRBuilder<> b(g.ctx_);
  auto *entry = llvm::BasicBlock::Create(g.ctx_, "entry", f);
  auto *obj = llvm::BasicBlock::Create(g.ctx_, "obj", f);
  auto *done = llvm::BasicBlock::Create(g.ctx_, "done", f);
  b.SetInsertPoint(entry);
  llvm::Value *v = f->getArg(0);
  llvm::Value *isObj = b.CreateAnd(b.CreateICmpNE(v, b.getInt64(0)),
                                   b.CreateICmpEQ(b.CreateAnd(v, b.getInt64(1)), b.getInt64(0)));
  b.CreateCondBr(isObj, obj, done);
  b.SetInsertPoint(obj);
  llvm::Value *p = b.CreateIntToPtr(v, g.ptr_);
  llvm::Value *rc = b.CreateLoad(g.i64_, p);
  if (inc) {
    b.CreateStore(b.CreateAdd(rc, b.getInt64(1)), p);
    b.CreateBr(done);
  } else {
    llvm::Value *n = b.CreateSub(rc, b.getInt64(1));
    b.CreateStore(n, p);
    auto *dealloc = llvm::BasicBlock::Create(g.ctx_, "dealloc", f);
    b.CreateCondBr(b.CreateICmpEQ(n, b.getInt64(0)), dealloc, done);
    b.SetInsertPoint(dealloc);
    b.CreateCall(g.abiFn("td_dealloc"), {p});
    b.CreateBr(done);
  }
  b.SetInsertPoint(done);
  b.CreateRetVoid();
  return f;
}

// Error paths release their temps through one out-of-line copy: they are
// cold, and inlining a decref at every error site of every function is what
// made compile time grow with the size of a script.
static llvm::Function *coldDecref(Gen &g) {
  if (auto *f = g.m_->getFunction("tide.decref.cold")) return f;
  auto *fty = llvm::FunctionType::get(g.void_, {g.i64_}, false);
  auto *f = llvm::Function::Create(fty, llvm::Function::InternalLinkage, "tide.decref.cold",
                                   g.m_.get());
  f->addFnAttr(llvm::Attribute::NoInline);
  f->addFnAttr(llvm::Attribute::Cold);
  f->addFnAttr(llvm::Attribute::NoUnwind);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(g.ctx_, "entry", f));
  b.CreateCall(refHelper(g, false), {f->getArg(0)});
  b.CreateRetVoid();
  return f;
}

void Gen::incref(llvm::Value *v) { builder_.CreateCall(refHelper(*this, true), {v}); }
void Gen::decref(llvm::Value *v) { builder_.CreateCall(refHelper(*this, false), {v}); }

CValue Gen::own(CValue c) {
  if (!c.owned) {
    incref(c.v);
    c.owned = true;
  }
  return c;
}

void Gen::releaseTempsTo(size_t depth, bool cold) {
  for (size_t i = f_->temps.size(); i > depth; i--) {
    if (cold)
      builder_.CreateCall(coldDecref(*this), {f_->temps[i - 1].v});
    else
      decref(f_->temps[i - 1].v);
  }
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

llvm::BasicBlock *Gen::newBlock(const char *name) {
  return llvm::BasicBlock::Create(ctx_, name, f_->fn);
}

void Gen::startDeadBlock() { builder_.SetInsertPoint(newBlock("dead")); }

void Gen::emitTraceback(const Span &at) {
  int32_t start = at.col > 0 ? int32_t(at.col - 1) : 0;
  int32_t end = at.endLine == at.line && at.endCol > 0 ? int32_t(at.endCol - 1) : 0xFFFF;
  builder_.CreateCall(abiFn("td_traceback_add"),
                      {ts(), f_->code, i32c(int32_t(at.line)), i32c((start << 16) | end)});
}

void Gen::unwindTo(const Target &target, bool cold) {
  Target t = target; // `target` may live in f_->handlers, which is swapped below
  releaseTempsTo(t.depth, cold);
  // Run the cleanups being jumped over, innermost first, each with the
  // handlers, loops and cleanups that enclose it.
  if (f_->cleanups.size() > t.cleanupDepth) {
    if (cold) {
      auto key = std::make_tuple(t.bb, f_->cleanups.back().id, f_->bound);
      auto [at, fresh] = f_->sharedUnwinds.emplace(key, nullptr);
      if (!fresh) {
        builder_.CreateBr(at->second);
        return;
      }
      at->second = newBlock("unwind.cleanups");
      builder_.CreateBr(at->second);
      builder_.SetInsertPoint(at->second);
    }
    std::vector<CValue> temps = f_->temps;
    std::vector<Target> handlers = f_->handlers;
    std::vector<LoopInfo> loops = f_->loops;
    std::vector<Cleanup> cleanups = f_->cleanups;
    f_->temps.resize(t.depth);
    for (size_t i = cleanups.size(); i > t.cleanupDepth; i--) {
      const Cleanup &c = cleanups[i - 1];
      f_->handlers.assign(handlers.begin(), handlers.begin() + long(c.handlerDepth));
      f_->loops.assign(loops.begin(), loops.begin() + long(c.loopDepth));
      f_->cleanups.assign(cleanups.begin(), cleanups.begin() + long(i - 1));
      c.emit();
      if (terminated()) break; // the cleanup itself jumped away (return in finally)
    }
    f_->temps = std::move(temps);
    f_->handlers = std::move(handlers);
    f_->loops = std::move(loops);
    f_->cleanups = std::move(cleanups);
    if (terminated()) return;
  }
  builder_.CreateBr(t.bb);
}

void Gen::errorIf(llvm::Value *cond, const Span &at) {
  auto *err = newBlock("error");
  auto *cont = newBlock("ok");
  llvm::MDBuilder md(ctx_);
  builder_.CreateCondBr(cond, err, cont, md.createBranchWeights(1, 1 << 20));
  builder_.SetInsertPoint(err);
  raiseHere(at);
  builder_.SetInsertPoint(cont);
}

void Gen::checkInt(llvm::Value *r, const Span &at) {
  errorIf(builder_.CreateICmpSLT(r, i32c(0)), at);
}

void Gen::raiseHere(const Span &at) {
  emitTraceback(at);
  unwindTo(f_->handlers.back(), true);
}

void Gen::evalBreakerCheck(const Span &at, const std::function<void()> &beforeRaise) {
  if (!opts_.evalBreaker) return;
  llvm::Value *p = builder_.CreateConstGEP1_64(llvm::Type::getInt8Ty(ctx_), ts(), kOffBreaker);
  auto *ld = builder_.CreateLoad(i32_, p);
  ld->setVolatile(true);
  auto *slow = newBlock("breaker");
  auto *fail = newBlock("breaker.raise");
  auto *cont = newBlock("cont");
  llvm::MDBuilder md(ctx_);
  builder_.CreateCondBr(builder_.CreateICmpNE(ld, i32c(0)), slow, cont,
                        md.createBranchWeights(1, 1 << 20));
  builder_.SetInsertPoint(slow);
  llvm::Value *r = builder_.CreateCall(abiFn("td_eval_break"), {ts()});
  builder_.CreateCondBr(builder_.CreateICmpSLT(r, i32c(0)), fail, cont,
                        md.createBranchWeights(1, 1 << 20));
  builder_.SetInsertPoint(fail);
  if (beforeRaise) beforeRaise();
  raiseHere(at);
  builder_.SetInsertPoint(cont);
}

void Gen::unsupported(const Span &at, const std::string &what) {
  diag_.error(at, what + " is not supported by tide yet");
}

// ---------------------------------------------------------------------------
// Functions
// ---------------------------------------------------------------------------

void Gen::runsOnce(llvm::Function *fn) {
  fn->addFnAttr(llvm::Attribute::OptimizeNone);
  fn->addFnAttr(llvm::Attribute::NoInline);
}

llvm::Function *Gen::declareBody(const std::string &name) {
  auto *fty = llvm::FunctionType::get(i64_, {ptr_, ptr_, ptr_}, false);
  auto *fn = llvm::Function::Create(fty, llvm::Function::InternalLinkage,
                                    "py." + name + "." + std::to_string(fnCounter_++), m_.get());
  fn->addFnAttr(llvm::Attribute::NoUnwind);
  fn->addFnAttr("frame-pointer", "all");
  return fn;
}

llvm::GlobalVariable *Gen::makeCodeInfo(Scope *scope, const std::string &name,
                                        llvm::Function *body, const Arguments *args,
                                        int firstLine, int flags, llvm::Function *direct) {
  std::vector<llvm::Constant *> names;
  int argcount = 0, posonly = 0, kwonly = 0;
  if (args) {
    for (auto &a : args->posonlyargs) names.push_back(cstr(a.name));
    for (auto &a : args->args) names.push_back(cstr(a.name));
    posonly = int(args->posonlyargs.size());
    argcount = posonly + int(args->args.size());
    for (auto &a : args->kwonlyargs) names.push_back(cstr(a.name));
    kwonly = int(args->kwonlyargs.size());
    if (args->vararg) {
      names.push_back(cstr(args->vararg->name));
      flags |= TD_CO_VARARGS;
    }
    if (args->kwarg) {
      names.push_back(cstr(args->kwarg->name));
      flags |= TD_CO_VARKW;
    }
  }
  int nparams = int(names.size());
  auto *arrTy = llvm::ArrayType::get(ptr_, names.size());
  auto *namesG = new llvm::GlobalVariable(*m_, arrTy, true, llvm::GlobalValue::PrivateLinkage,
                                          llvm::ConstantArray::get(arrTy, names), "params");
  std::string qual = scope ? scope->qualname : name;
  if (qual.empty()) qual = name;
  auto orNull = [&](llvm::Function *f) -> llvm::Constant * {
    return f ? static_cast<llvm::Constant *>(f)
             : llvm::ConstantPointerNull::get(llvm::PointerType::getUnqual(ctx_));
  };
  auto *init = llvm::ConstantStruct::get(
      codeInfoTy_, {cstr(name), cstr(qual), cstr(mod_.filename), namesG, orNull(body),
                    i32c(firstLine), i32c(argcount), i32c(posonly), i32c(kwonly), i32c(flags),
                    i32c(nparams), orNull(direct)});
  return new llvm::GlobalVariable(*m_, codeInfoTy_, true, llvm::GlobalValue::PrivateLinkage,
                                  init, "code." + name);
}

llvm::Value *Gen::argBuffer(unsigned n) {
  if (n > f_->argBufSize) {
    // One scratch array per function, in the entry block, sized for the
    // largest call; grown by replacing the alloca's size.
    llvm::IRBuilder<> b(&f_->fn->getEntryBlock(), f_->fn->getEntryBlock().begin());
    auto *a = b.CreateAlloca(llvm::ArrayType::get(i64_, n), nullptr, "args");
    if (f_->argBuf) {
      f_->argBuf->replaceAllUsesWith(a);
      f_->argBuf->eraseFromParent();
    }
    f_->argBuf = a;
    f_->argBufSize = n;
  }
  return f_->argBuf;
}

void Gen::beginFunction(FuncState &fs, llvm::Function *fn, Scope *scope, bool isModule) {
  fs.fn = fn;
  fs.scope = scope;
  fs.isModule = isModule;
  fs.ts = fn->getArg(0);
  fs.self = isModule ? nullptr : fn->getArg(1);
  f_ = &fs;
  auto *entry = llvm::BasicBlock::Create(ctx_, "entry", fn);
  builder_.SetInsertPoint(entry);
  debugFunction(fs);
  fs.retval = builder_.CreateAlloca(i64_, nullptr, "retval");
  builder_.CreateStore(i64c(0), fs.retval);
  fs.exitBB = llvm::BasicBlock::Create(ctx_, "exit", fn);
  auto *errorExit = llvm::BasicBlock::Create(ctx_, "error_exit", fn);
  fs.handlers.push_back(Target{errorExit, 0, 0});
  {
    llvm::IRBuilder<> b(errorExit);
    b.CreateStore(i64c(0), fs.retval);
    b.CreateBr(fs.exitBB);
  }
  auto *i8 = llvm::Type::getInt8Ty(ctx_);
  // A generator's frame exists before anything else runs; until the
  // generator is made, an error frees it and the call returns 0.
  if (fs.isGenerator) beginGenerator(fs);

  // Recursion guard (DESIGN.md): the frame is below the thread's stack
  // limit, which the runtime derives from sys.getrecursionlimit() and the
  // stack's real end.  One load and a compare: no depth counter to keep.
  llvm::Value *stackLimit =
      builder_.CreateLoad(i64_, builder_.CreateConstGEP1_64(i8, fs.ts, kOffStackLimit));
  llvm::Value *frame = builder_.CreatePtrToInt(
      builder_.CreateIntrinsic(llvm::Intrinsic::frameaddress, {ptr_}, {i32c(0)}), i64_);
  llvm::Value *bad = builder_.CreateICmpULT(frame, stackLimit);
  {
    auto *slow = newBlock("recursion");
    auto *cont = newBlock("body");
    llvm::MDBuilder md(ctx_);
    builder_.CreateCondBr(bad, slow, cont, md.createBranchWeights(1, 1 << 20));
    builder_.SetInsertPoint(slow);
    llvm::Value *r = builder_.CreateCall(abiFn("td_recursion_check"), {fs.ts});
    auto *fail = newBlock("recursion_fail");
    builder_.CreateCondBr(builder_.CreateICmpSLT(r, i32c(0)), fail, cont);
    builder_.SetInsertPoint(fail);
    builder_.CreateBr(fs.handlers[0].bb); // the caller records the traceback line
    builder_.SetInsertPoint(cont);
  }

  if (isModule) return;

  // Slots: parameters first (the resolver lists them first, in order).
  fs.slots.assign(scope->symbols.size(), nullptr);
  fs.borrowed.assign(scope->symbols.size(), false);
  fs.bound.assign(scope->symbols.size(), false);
  llvm::IRBuilder<> eb(entry, entry->begin());
  llvm::Value *args = fs.directArgs ? nullptr : fn->getArg(2);
  int paramIndex = 0;
  for (size_t i = 0; i < scope->symbols.size(); i++) {
    const Symbol &sym = scope->symbols[i];
    if (sym.kind == SymbolKind::Local || sym.kind == SymbolKind::Cell ||
        sym.kind == SymbolKind::Free) {
      auto *slot = eb.CreateAlloca(i64_, nullptr, sym.name);
      builder_.CreateStore(i64c(0), slot);
      fs.slots[i] = slot;
    }
    llvm::Value *initial = nullptr;
    if (sym.isParam) {
      // The resolver lists *args before the keyword-only parameters; the
      // runtime passes them in TdCodeInfo order.
      auto at = std::find(fs.params.begin(), fs.params.end(), sym.name);
      int index = at == fs.params.end() ? paramIndex : int(at - fs.params.begin());
      paramIndex++;
      initial = fs.directArgs
                    ? static_cast<llvm::Value *>(fn->getArg(2 + unsigned(index)))
                    : builder_.CreateLoad(i64_, builder_.CreateConstGEP1_64(i64_, args, index));
      if (sym.kind == SymbolKind::Local && !sym.rebound && !fs.isGenerator)
        fs.borrowed[i] = true;
      else
        incref(initial);
    }
    if (sym.kind == SymbolKind::Local) {
      if (initial) builder_.CreateStore(initial, fs.slots[i]);
      if (initial) fs.bound[i] = true;
    } else if (sym.kind == SymbolKind::Cell) {
      llvm::Value *cell = builder_.CreateCall(abiFn("td_cell_new"),
                                              {fs.ts, initial ? initial : i64c(0)});
      if (initial) decref(initial);
      builder_.CreateStore(cell, fs.slots[i]);
      checkValue(cell, sym.firstSpan);
    }
  }
  // Free variables: borrowed cells from the function's closure tuple.
  if (!scope->freevars.empty()) {
    llvm::Value *closure = builder_.CreateLoad(
        i64_, builder_.CreateConstGEP1_64(i8, fs.self, kOffClosure));
    llvm::Value *tup = builder_.CreateIntToPtr(closure, ptr_);
    for (size_t k = 0; k < scope->freevars.size(); k++) {
      int idx = scope->lookup(scope->freevars[k]);
      if (idx < 0 || !fs.slots[size_t(idx)]) continue;
      llvm::Value *cell = builder_.CreateLoad(
          i64_, builder_.CreateConstGEP1_64(i8, tup, kOffTupleItems + 8 * int64_t(k)));
      builder_.CreateStore(cell, fs.slots[size_t(idx)]);
    }
  }
}

void Gen::debugFunction(FuncState &fs) {
  if (!dib_) return;
  auto *type = dib_->createSubroutineType(dib_->getOrCreateTypeArray({}));
  unsigned line = unsigned(fs.debugLine > 0 ? fs.debugLine : 1);
  fs.sp = dib_->createFunction(diFile_, fs.name, fs.fn->getName(), diFile_, line, type, line,
                               llvm::DINode::FlagPrototyped,
                               llvm::DISubprogram::SPFlagDefinition);
  fs.fn->setSubprogram(fs.sp);
  builder_.SetCurrentDebugLocation(llvm::DILocation::get(ctx_, line, 0, fs.sp));
}

void Gen::debugLocation(const Span &at) {
  if (f_ && f_->sp && at.line)
    builder_.SetCurrentDebugLocation(llvm::DILocation::get(ctx_, at.line, at.col, f_->sp));
}

void Gen::finishFunction(FuncState &fs) {
  if (!terminated()) {
    // Falling off the end returns None.
    builder_.CreateStore(builder_.CreatePtrToInt(noneV(), i64_), fs.retval);
    releaseTempsTo(0);
    builder_.CreateBr(fs.exitBB);
  }
  builder_.SetInsertPoint(fs.exitBB);
  if (!fs.isModule) {
    for (size_t i = 0; i < fs.slots.size(); i++) {
      if (!fs.slots[i] || fs.borrowed[i] || fs.scope->symbols[i].kind == SymbolKind::Free)
        continue;
      decref(builder_.CreateLoad(i64_, fs.slots[i]));
    }
  }
  if (fs.isGenerator) {
    finishGenerator(fs);
    return;
  }
  builder_.CreateRet(builder_.CreateLoad(i64_, fs.retval));
}

// ---------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------

CValue Gen::loadSlot(int slot, NameScope scope, const std::string &id, const Span &at) {
  llvm::Value *v = builder_.CreateLoad(i64_, f_->slots.at(size_t(slot)));
  if (scope == NameScope::Local && f_->borrowed.at(size_t(slot))) return CValue{v, false};
  if (scope == NameScope::Local && knownBound(slot)) {
    incref(v);
    return CValue{v, true};
  }
  if (scope != NameScope::Local) {
    llvm::Value *cell = builder_.CreateIntToPtr(v, ptr_);
    v = builder_.CreateLoad(
        i64_, builder_.CreateConstGEP1_64(llvm::Type::getInt8Ty(ctx_), cell, kOffCellRef));
  }
  raiseIfUnbound(v, scope == NameScope::Free ? "td_raise_unbound_free" : "td_raise_unbound_local",
                 id, at);
  incref(v);
  return CValue{v, true};
}

void Gen::raiseIfUnbound(llvm::Value *v, const char *raiseFn, const std::string &id,
                         const Span &at) {
  auto *bad = newBlock("unbound");
  auto *ok = newBlock("bound");
  llvm::MDBuilder md(ctx_);
  builder_.CreateCondBr(isZero(v), bad, ok, md.createBranchWeights(1, 1 << 20));
  builder_.SetInsertPoint(bad);
  builder_.CreateCall(abiFn(raiseFn), {ts(), cstr(id)});
  raiseHere(at);
  builder_.SetInsertPoint(ok);
}

// A module global, else a builtin (cached per module), else NameError.
CValue Gen::loadGlobal(const std::string &id, const Span &at, bool borrow) {
  llvm::GlobalVariable *g = globalSlot(id);
  llvm::GlobalVariable *cache = builtinCache(id);
  llvm::Value *v = builder_.CreateLoad(i64_, g);
  auto *fromGlobal = builder_.GetInsertBlock();
  auto *tryCache = newBlock("builtin");
  auto *lookup = newBlock("lookup");
  auto *done = newBlock("loaded");
  builder_.CreateCondBr(isZero(v), tryCache, done);
  builder_.SetInsertPoint(tryCache);
  llvm::Value *c = builder_.CreateLoad(i64_, cache);
  builder_.CreateCondBr(isZero(c), lookup, done);
  builder_.SetInsertPoint(lookup);
  llvm::Value *l = builder_.CreateCall(abiFn("td_load_builtin"), {ts(), cstr(id), cache});
  checkValue(l, at);
  decref(l); // builtins are immortal and the cache holds them; re-owned below
  auto *fromLookup = builder_.GetInsertBlock();
  builder_.CreateBr(done);
  builder_.SetInsertPoint(done);
  auto *phi = builder_.CreatePHI(i64_, 3);
  phi->addIncoming(v, fromGlobal);
  phi->addIncoming(c, tryCache);
  phi->addIncoming(l, fromLookup);
  if (borrow) return CValue{phi, false};
  incref(phi);
  return CValue{phi, true};
}

CValue Gen::loadName(const Name &n) {
  switch (n.scope) {
  case NameScope::Local:
  case NameScope::Cell:
  case NameScope::Free:
    return loadSlot(n.slot, n.scope, n.id, n.span);
  case NameScope::ClassBody: {
    // The class namespace first, then globals and builtins.
    CValue key = strConst(n.id);
    llvm::Value *v = builder_.CreateCall(abiFn("td_dict_lookup"), {ts(), f_->ns, key.v});
    checkValue(v, n.span);
    auto *found = builder_.GetInsertBlock();
    auto *miss = newBlock("class.miss");
    auto *done = newBlock("class.loaded");
    builder_.CreateCondBr(builder_.CreateICmpEQ(v, i64c(TD_DONE)), miss, done);
    builder_.SetInsertPoint(miss);
    CValue g = loadGlobal(n.id, n.span);
    auto *missEnd = builder_.GetInsertBlock();
    builder_.CreateBr(done);
    builder_.SetInsertPoint(done);
    auto *phi = builder_.CreatePHI(i64_, 2);
    phi->addIncoming(v, found);
    phi->addIncoming(g.v, missEnd);
    return CValue{phi, true};
  }
  case NameScope::GlobalExplicit:
  case NameScope::GlobalImplicit:
  case NameScope::Unresolved:
    return loadGlobal(n.id, n.span);
  }
  return none();
}

void Gen::storeName(const std::string &id, NameScope scope, int slot, CValue v, const Span &at) {
  v = own(v);
  switch (scope) {
  case NameScope::Local: {
    llvm::Value *s = f_->slots.at(size_t(slot));
    llvm::Value *old = builder_.CreateLoad(i64_, s);
    builder_.CreateStore(v.v, s);
    decref(old);
    // Storing the constant 0 unbinds (an except-as name at its handler's end).
    auto *c = llvm::dyn_cast<llvm::ConstantInt>(v.v);
    if (c && c->isZero())
      f_->bound.at(size_t(slot)) = false;
    else if (!f_->freezeBound)
      f_->bound.at(size_t(slot)) = true;
    return;
  }
  case NameScope::Cell:
  case NameScope::Free: {
    llvm::Value *cell = builder_.CreateIntToPtr(builder_.CreateLoad(i64_, f_->slots.at(size_t(slot))), ptr_);
    llvm::Value *p = builder_.CreateConstGEP1_64(llvm::Type::getInt8Ty(ctx_), cell, kOffCellRef);
    llvm::Value *old = builder_.CreateLoad(i64_, p);
    builder_.CreateStore(v.v, p);
    decref(old);
    return;
  }
  case NameScope::ClassBody: {
    CValue key = strConst(id);
    auto *c = llvm::dyn_cast<llvm::ConstantInt>(v.v);
    if (c && c->isZero()) {
      // Unbinding an except-as name: `e = None; del e`, as CPython does.
      llvm::Value *r = builder_.CreateCall(abiFn("td_dict_setitem"), {ts(), f_->ns, key.v, none().v});
      checkInt(r, at);
      r = builder_.CreateCall(abiFn("td_delitem"), {ts(), f_->ns, key.v});
      checkInt(r, at);
      return;
    }
    pushTemp(v);
    llvm::Value *r = builder_.CreateCall(abiFn("td_dict_setitem"), {ts(), f_->ns, key.v, v.v});
    checkInt(r, at);
    popTemp(v);
    release(v);
    return;
  }
  default: {
    llvm::GlobalVariable *g = globalSlot(id);
    llvm::Value *old = builder_.CreateLoad(i64_, g);
    builder_.CreateStore(v.v, g);
    decref(old);
    return;
  }
  }
}

void Gen::deleteName(const Name &n) {
  if (n.scope == NameScope::ClassBody) {
    CValue key = strConst(n.id);
    llvm::Value *r = builder_.CreateCall(abiFn("td_delitem"), {ts(), f_->ns, key.v});
    checkInt(r, n.span);
    return;
  }
  // Reading it first raises the right NameError/UnboundLocalError.
  CValue cur = loadName(n);
  release(cur);
  switch (n.scope) {
  case NameScope::Local: {
    llvm::Value *s = f_->slots.at(size_t(n.slot));
    llvm::Value *old = builder_.CreateLoad(i64_, s);
    builder_.CreateStore(i64c(0), s);
    decref(old);
    f_->bound.at(size_t(n.slot)) = false;
    return;
  }
  case NameScope::Cell:
  case NameScope::Free: {
    llvm::Value *cell = builder_.CreateIntToPtr(builder_.CreateLoad(i64_, f_->slots.at(size_t(n.slot))), ptr_);
    llvm::Value *p = builder_.CreateConstGEP1_64(llvm::Type::getInt8Ty(ctx_), cell, kOffCellRef);
    llvm::Value *old = builder_.CreateLoad(i64_, p);
    builder_.CreateStore(i64c(0), p);
    decref(old);
    return;
  }
  default: {
    llvm::GlobalVariable *g = globalSlot(n.id);
    llvm::Value *old = builder_.CreateLoad(i64_, g);
    raiseIfUnbound(old, "td_raise_name_error", n.id, n.span);
    builder_.CreateStore(i64c(0), g);
    decref(old);
    return;
  }
  }
}

// ---------------------------------------------------------------------------
// The module
// ---------------------------------------------------------------------------

std::unique_ptr<llvm::Module> Gen::run() {
  m_ = std::make_unique<llvm::Module>(mod_.filename, ctx_);

  // Constants are created by an init function that the entry calls first.
  auto *initTy = llvm::FunctionType::get(void_, {ptr_}, false);
  initFn_ = llvm::Function::Create(initTy, llvm::Function::InternalLinkage, "tide.init_constants",
                                   m_.get());
  initTs_ = initFn_->getArg(0);
  initBuilder_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "entry", initFn_));

  auto *entryTy = llvm::FunctionType::get(i64_, {ptr_}, false);
  auto *entry = llvm::Function::Create(entryTy, llvm::Function::ExternalLinkage, opts_.entryName,
                                       m_.get());
  if (opts_.debugInfo) {
    // The file as the user named it, split so DWARF's directory + name
    // point at it from where the build ran.
    std::string name = mod_.filename, dir = ".";
    if (auto slash = name.rfind('/'); slash != std::string::npos) {
      dir = slash == 0 ? "/" : name.substr(0, slash);
      name = name.substr(slash + 1);
    }
    dib_ = std::make_unique<llvm::DIBuilder>(*m_);
    diFile_ = dib_->createFile(name, dir);
    // DW_LANG_Python is DWARF's code for Python; debuggers then show the
    // script's lines without guessing a C language.
    dib_->createCompileUnit(llvm::dwarf::DW_LANG_Python, diFile_, "tide", /*isOptimized=*/true,
                            "", 0);
    m_->addModuleFlag(llvm::Module::Warning, "Debug Info Version", llvm::DEBUG_METADATA_VERSION);
    m_->addModuleFlag(llvm::Module::Warning, "Dwarf Version", 4);
  }
  // Code that runs once is not worth optimising: the constants' init, and
  // a module body without loops (its functions and classes are compiled as
  // usual).  LLVM skips optnone functions and selects their instructions
  // with its fast path, which is most of a big script's build time.
  runsOnce(initFn_);
  if (!containsLoop(mod_.body)) runsOnce(entry);
  FuncState fs;
  fs.code = makeCodeInfo(mod_.scope, "<module>", nullptr, nullptr, 1, 0);
  fs.name = "<module>";
  fs.debugLine = 1;
  beginFunction(fs, entry, mod_.scope, true);
  builder_.CreateCall(initFn_, {fs.ts});
  stmts(mod_.body);
  finishFunction(fs);
  initBuilder_.CreateRetVoid();
  if (dib_) dib_->finalize();

  // Blocks opened after a jump (startDeadBlock) that nothing reaches may be
  // left open; close them.
  for (llvm::Function &fn : *m_)
    for (llvm::BasicBlock &bb : fn)
      if (!bb.getTerminator()) llvm::IRBuilder<>(&bb).CreateUnreachable();

  if (getenv("TIDE_DUMP_IR")) m_->print(llvm::errs(), nullptr);
  std::string err;
  llvm::raw_string_ostream os(err);
  if (llvm::verifyModule(*m_, &os)) {
    llvm::errs() << "internal error: generated IR does not verify:\n" << os.str() << "\n";
    if (getenv("TIDE_DUMP_BAD_IR")) m_->print(llvm::errs(), nullptr);
    std::abort();
  }
  return std::move(m_);
}

std::unique_ptr<llvm::Module> generateModule(Module &mod, llvm::LLVMContext &ctx,
                                             const CodegenOptions &opts, Diagnostics &diag) {
  Gen g(mod, ctx, opts, diag);
  auto m = g.run();
  if (diag.hasErrors()) return nullptr;
  return m;
}

} // namespace tide

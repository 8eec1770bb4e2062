// generator.cpp — generator functions as LLVM coroutines (switch lowering).
//
// A generator function's body function is the coroutine's ramp: it
// allocates the frame (td_gen_frame_alloc), binds the parameters as any
// function does, makes the generator object (td_gen_new) and suspends, which
// returns the generator to the caller.  LLVM's CoroSplit pass (part of the
// O0 and O2 pipelines) turns each suspension into a resume point of a state
// machine whose live values sit in the heap frame, so a resume is one
// indirect call and a generator needs no stack of its own.
//
// The runtime resumes and destroys frames through this module's drive
// thunk (llvm.coro.resume / llvm.coro.destroy lowered here, where the
// calling convention of the resume functions is known).  After every
// suspension the body reloads the thread state from the generator (another
// thread may resume it) and asks td_gen_resumed for the sent value, which
// raises instead when the generator was resumed by throw() or close().  At
// the end td_gen_finish hands over the return value (or 0 after an error)
// and the final suspension waits for the runtime to destroy the frame.
#include "gen.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/Intrinsics.h"
#include "tide/abi.h"

namespace tide {

namespace {
constexpr int64_t kOffGenTs = offsetof(TdGenHead, ts);
constexpr int64_t kOffGenYielded = offsetof(TdGenHead, yielded);

llvm::Function *intrinsic(llvm::Module *m, llvm::Intrinsic::ID id,
                          llvm::ArrayRef<llvm::Type *> types = {}) {
  return llvm::Intrinsic::getDeclaration(m, id, types);
}
} // namespace

llvm::Function *Gen::genDriveThunk() {
  const char *name = "tide.gen.drive";
  if (auto *f = m_->getFunction(name)) return f;
  auto *fty = llvm::FunctionType::get(void_, {ptr_, i32_}, false);
  auto *f = llvm::Function::Create(fty, llvm::Function::InternalLinkage, name, m_.get());
  f->addFnAttr(llvm::Attribute::NoUnwind);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(ctx_, "entry", f));
  auto *resume = llvm::BasicBlock::Create(ctx_, "resume", f);
  auto *destroy = llvm::BasicBlock::Create(ctx_, "destroy", f);
  b.CreateCondBr(b.CreateICmpNE(f->getArg(1), i32c(0)), destroy, resume);
  b.SetInsertPoint(resume);
  b.CreateCall(intrinsic(m_.get(), llvm::Intrinsic::coro_resume), {f->getArg(0)});
  b.CreateRetVoid();
  b.SetInsertPoint(destroy);
  b.CreateCall(intrinsic(m_.get(), llvm::Intrinsic::coro_destroy), {f->getArg(0)});
  b.CreateRetVoid();
  return f;
}

void Gen::beginGenerator(FuncState &fs) {
  fs.fn->setPresplitCoroutine();
  fs.tsSlot = builder_.CreateAlloca(ptr_, nullptr, "ts");
  builder_.CreateStore(fs.ts, fs.tsSlot);
  llvm::Module *m = m_.get();
  auto *nullp = llvm::ConstantPointerNull::get(llvm::PointerType::getUnqual(ctx_));
  fs.coroId = builder_.CreateCall(intrinsic(m, llvm::Intrinsic::coro_id),
                                  {i32c(0), nullp, nullp, nullp});
  llvm::Value *size = builder_.CreateCall(intrinsic(m, llvm::Intrinsic::coro_size, {i64_}));
  llvm::Value *mem = builder_.CreateCall(abiFn("td_gen_frame_alloc"), {size});
  fs.coroHdl = builder_.CreateCall(intrinsic(m, llvm::Intrinsic::coro_begin), {fs.coroId, mem});
  fs.suspendBB = newBlock("gen.suspend");
  // Freeing the frame: where destroying it goes, and, until the generator
  // exists, where an error goes (the call then returns 0).
  fs.cleanupBB = newBlock("gen.cleanup");
  {
    llvm::IRBuilder<> b(fs.cleanupBB);
    llvm::Value *frame = b.CreateCall(intrinsic(m, llvm::Intrinsic::coro_free), {fs.coroId, fs.coroHdl});
    b.CreateCall(abiFn("td_gen_frame_free"), {frame});
    b.CreateBr(fs.suspendBB);
  }
  fs.errorExit = fs.handlers[0];
  fs.handlers[0] = Target{fs.cleanupBB, 0, 0};
}

void Gen::startGenerator(const Span &at) {
  FuncState &fs = *f_;
  fs.gen = builder_.CreateCall(abiFn("td_gen_new"), {ts(), fs.self, fs.coroHdl, genDriveThunk()});
  auto *made = newBlock("gen.made");
  builder_.CreateCondBr(isZero(fs.gen), fs.cleanupBB, made);
  builder_.SetInsertPoint(made);
  suspendPoint(nullptr);
  // Running now: errors end the generator (with the exception as its result).
  fs.handlers[0] = fs.errorExit;
  llvm::Value *sent = builder_.CreateCall(abiFn("td_gen_resumed"), {ts(), fs.gen});
  checkValue(sent, at);
  decref(sent);
}

void Gen::suspendPoint(llvm::Value *yielded) {
  FuncState &fs = *f_;
  llvm::Module *m = m_.get();
  auto *i8 = llvm::Type::getInt8Ty(ctx_);
  llvm::Value *genp = builder_.CreateIntToPtr(fs.gen, ptr_);
  if (yielded) builder_.CreateStore(yielded, builder_.CreateConstGEP1_64(i8, genp, kOffGenYielded));
  llvm::Value *save = builder_.CreateCall(intrinsic(m, llvm::Intrinsic::coro_save), {fs.coroHdl});
  llvm::Value *s = builder_.CreateCall(intrinsic(m, llvm::Intrinsic::coro_suspend),
                                       {save, llvm::ConstantInt::getFalse(ctx_)});
  auto *resumed = newBlock("gen.resumed");
  auto *sw = builder_.CreateSwitch(s, fs.suspendBB, 2);
  sw->addCase(builder_.getInt8(0), resumed);
  sw->addCase(builder_.getInt8(1), fs.cleanupBB);
  builder_.SetInsertPoint(resumed);
  llvm::Value *newTs = builder_.CreateLoad(ptr_, builder_.CreateConstGEP1_64(i8, genp, kOffGenTs));
  builder_.CreateStore(newTs, fs.tsSlot);
}

void Gen::finishGenerator(FuncState &fs) {
  llvm::Module *m = m_.get();
  builder_.CreateCall(abiFn("td_gen_finish"), {fs.gen, builder_.CreateLoad(i64_, fs.retval)});
  llvm::Value *s = builder_.CreateCall(intrinsic(m, llvm::Intrinsic::coro_suspend),
                                       {llvm::ConstantTokenNone::get(ctx_), llvm::ConstantInt::getTrue(ctx_)});
  auto *never = newBlock("gen.after_final");
  auto *sw = builder_.CreateSwitch(s, fs.suspendBB, 2);
  sw->addCase(builder_.getInt8(0), never);
  sw->addCase(builder_.getInt8(1), fs.cleanupBB);
  builder_.SetInsertPoint(never);
  builder_.CreateUnreachable();
  // Every suspension returns to whoever resumed the generator; only the
  // ramp's return value is seen: the generator, or 0 when making it failed
  // (the ramp reaches the cleanup block only then: LLVM allows one
  // returning coro.end, so the failed ramp comes here too).
  builder_.SetInsertPoint(fs.suspendBB);
  llvm::PHINode *r = builder_.CreatePHI(i64_, 4);
  for (llvm::BasicBlock *pred : llvm::predecessors(fs.suspendBB))
    if (r->getBasicBlockIndex(pred) < 0)
      r->addIncoming(pred == fs.cleanupBB ? static_cast<llvm::Value *>(i64c(0)) : fs.gen, pred);
  builder_.CreateCall(intrinsic(m, llvm::Intrinsic::coro_end),
                      {fs.coroHdl, llvm::ConstantInt::getFalse(ctx_), llvm::ConstantTokenNone::get(ctx_)});
  builder_.CreateRet(r);
}

CValue Gen::yieldValue(CValue v, const Span &at) {
  suspendPoint(own(v).v);
  llvm::Value *sent = builder_.CreateCall(abiFn("td_gen_resumed"), {ts(), f_->gen});
  checkValue(sent, at);
  return CValue{sent, true};
}

// `yield from value`: td_yield_from_step runs the sub-iterator one step at
// a time, each value it yields is yielded from here, and what this
// generator is resumed with is passed on by the next step.
CValue Gen::yieldFrom(const Expr &value, const Span &at) {
  CValue src = expr(value);
  pushTemp(src);
  llvm::Value *sub = builder_.CreateCall(abiFn("td_yield_from_iter"), {ts(), src.v});
  checkValue(sub, value.span);
  popTemp(src);
  release(src);
  CValue subv{sub, true};
  pushTemp(subv);
  llvm::AllocaInst *out;
  {
    llvm::IRBuilder<> eb(&f_->fn->getEntryBlock(), f_->fn->getEntryBlock().begin());
    out = eb.CreateAlloca(i64_, nullptr, "yf.out");
  }
  llvm::Value *first =
      builder_.CreateCall(abiFn("td_yield_from_step"), {ts(), f_->gen, sub, out, i32c(1)});
  auto *pre = builder_.GetInsertBlock();
  auto *check = newBlock("yf.check");
  auto *again = newBlock("yf.yield");
  auto *done = newBlock("yf.done");
  auto *fail = newBlock("yf.error");
  builder_.CreateBr(check);
  builder_.SetInsertPoint(check);
  llvm::PHINode *st = builder_.CreatePHI(i32_, 2);
  st->addIncoming(first, pre);
  auto *sw = builder_.CreateSwitch(st, fail, 2);
  sw->addCase(builder_.getInt32(0), again);
  sw->addCase(builder_.getInt32(1), done);
  builder_.SetInsertPoint(fail);
  raiseHere(at);
  builder_.SetInsertPoint(again);
  suspendPoint(builder_.CreateLoad(i64_, out));
  llvm::Value *next =
      builder_.CreateCall(abiFn("td_yield_from_step"), {ts(), f_->gen, sub, out, i32c(0)});
  st->addIncoming(next, builder_.GetInsertBlock());
  builder_.CreateBr(check);
  builder_.SetInsertPoint(done);
  llvm::Value *result = builder_.CreateLoad(i64_, out);
  popTemp(subv);
  release(subv);
  return CValue{result, true};
}

} // namespace tide

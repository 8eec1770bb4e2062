// expr.cpp — expressions.  Small-int arithmetic and comparisons run inline
// (tag check, LLVM overflow intrinsic); anything else, and any overflow,
// calls the runtime's generic entry point, which handles every type.
#include <cstdlib>

#include "gen.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/MDBuilder.h"
#include "tide/abi.h"

namespace tide {

int32_t abiBinopCode(BinOpKind k) {
  switch (k) {
  case BinOpKind::Add: return TD_OP_ADD;
  case BinOpKind::Sub: return TD_OP_SUB;
  case BinOpKind::Mult: return TD_OP_MUL;
  case BinOpKind::MatMult: return TD_OP_MATMUL;
  case BinOpKind::Div: return TD_OP_TRUEDIV;
  case BinOpKind::FloorDiv: return TD_OP_FLOORDIV;
  case BinOpKind::Mod: return TD_OP_MOD;
  case BinOpKind::Pow: return TD_OP_POW;
  case BinOpKind::LShift: return TD_OP_LSHIFT;
  case BinOpKind::RShift: return TD_OP_RSHIFT;
  case BinOpKind::BitOr: return TD_OP_OR;
  case BinOpKind::BitXor: return TD_OP_XOR;
  case BinOpKind::BitAnd: return TD_OP_AND;
  }
  return TD_OP_ADD;
}

static int32_t abiCmp(CmpOpKind k) {
  switch (k) {
  case CmpOpKind::Eq: return TD_CMP_EQ;
  case CmpOpKind::NotEq: return TD_CMP_NE;
  case CmpOpKind::Lt: return TD_CMP_LT;
  case CmpOpKind::LtE: return TD_CMP_LE;
  case CmpOpKind::Gt: return TD_CMP_GT;
  case CmpOpKind::GtE: return TD_CMP_GE;
  case CmpOpKind::Is: return TD_CMP_IS;
  case CmpOpKind::IsNot: return TD_CMP_IS_NOT;
  case CmpOpKind::In: return TD_CMP_IN;
  case CmpOpKind::NotIn: return TD_CMP_NOT_IN;
  }
  return TD_CMP_EQ;
}

CValue Gen::expr(const Expr &e) {
  switch (e.kind) {
  case ExprKind::Name:
    return loadName(*e.as<Name>());
  case ExprKind::Constant:
    return constant(*e.as<Constant>());
  case ExprKind::JoinedStr:
    return joinedStr(*e.as<JoinedStr>());
  case ExprKind::FormattedValue: // only ever inside a JoinedStr
    diag_.error(e.span, "f-string field outside an f-string");
    return none();
  case ExprKind::BinOp: {
    auto &b = *e.as<BinOp>();
    CValue l = expr(*b.left);
    pushTemp(l);
    CValue r = expr(*b.right);
    popTemp(l);
    return binop(b.op, l, r, e.span, false);
  }
  case ExprKind::UnaryOp: {
    auto &u = *e.as<UnaryOp>();
    if (u.op == UnaryOpKind::Not) return CValue{fromBool(builder_.CreateNot(condition(*u.operand))), false};
    CValue a = expr(*u.operand);
    pushTemp(a);
    llvm::Value *result;
    if (u.op == UnaryOpKind::USub || u.op == UnaryOpKind::Invert) {
      auto *fast = newBlock("neg.fast");
      auto *slow = newBlock("neg.slow");
      auto *done = newBlock("neg.done");
      builder_.CreateCondBr(isSmall(a.v), fast, slow);
      builder_.SetInsertPoint(fast);
      llvm::Value *fr;
      llvm::BasicBlock *fastEnd;
      if (u.op == UnaryOpKind::USub) {
        // -(2x+1) + 2 = 2(-x)+1
        llvm::Value *pair = builder_.CreateIntrinsic(llvm::Intrinsic::ssub_with_overflow, {i64_},
                                                     {i64c(2), a.v});
        fr = builder_.CreateExtractValue(pair, 0);
        fastEnd = builder_.GetInsertBlock();
        builder_.CreateCondBr(builder_.CreateExtractValue(pair, 1), slow, done);
      } else {
        // ~x = -x-1: flip every bit but the tag.
        fr = builder_.CreateXor(a.v, i64c(~int64_t(1)));
        fastEnd = builder_.GetInsertBlock();
        builder_.CreateBr(done);
      }
      builder_.SetInsertPoint(slow);
      llvm::Value *sr = builder_.CreateCall(
          abiFn("td_unaryop"),
          {ts(), i32c(u.op == UnaryOpKind::USub ? TD_UOP_NEG : TD_UOP_INVERT), a.v});
      checkValue(sr, e.span);
      auto *slowEnd = builder_.GetInsertBlock();
      builder_.CreateBr(done);
      builder_.SetInsertPoint(done);
      auto *phi = builder_.CreatePHI(i64_, 2);
      phi->addIncoming(fr, fastEnd);
      phi->addIncoming(sr, slowEnd);
      result = phi;
    } else {
      result = builder_.CreateCall(abiFn("td_unaryop"), {ts(), i32c(TD_UOP_POS), a.v});
      checkValue(result, e.span);
    }
    popTemp(a);
    release(a);
    return CValue{result, true};
  }
  case ExprKind::BoolOp: {
    auto &b = *e.as<BoolOp>();
    auto *done = newBlock("boolop.done");
    std::vector<std::pair<llvm::Value *, llvm::BasicBlock *>> incoming;
    for (size_t i = 0; i < b.values.size(); i++) {
      CValue v = exprOwned(*b.values[i]);
      if (i + 1 == b.values.size()) {
        incoming.push_back({v.v, builder_.GetInsertBlock()});
        builder_.CreateBr(done);
        break;
      }
      // Test without consuming: keep v alive across td_truthy.
      pushTemp(v);
      CValue probe{v.v, false};
      llvm::Value *t = truthy(probe, b.values[i]->span);
      popTemp(v);
      auto *next = newBlock("boolop.next");
      incoming.push_back({v.v, builder_.GetInsertBlock()});
      if (b.op == BoolOpKind::Or)
        builder_.CreateCondBr(t, done, next);
      else
        builder_.CreateCondBr(t, next, done);
      builder_.SetInsertPoint(next);
      decref(v.v);
    }
    builder_.SetInsertPoint(done);
    auto *phi = builder_.CreatePHI(i64_, unsigned(incoming.size()));
    for (auto &[v, bb] : incoming) phi->addIncoming(v, bb);
    return CValue{phi, true};
  }
  case ExprKind::Compare: {
    auto &c = *e.as<Compare>();
    CValue left = expr(*c.left);
    if (c.ops.size() == 1) {
      pushTemp(left);
      CValue right = expr(*c.comparators[0]);
      popTemp(left);
      return compareOp(c.ops[0], left, right, e.span);
    }
    // a < b < c: each comparison's result; stop at the first false one.
    auto *done = newBlock("cmp.done");
    std::vector<std::pair<llvm::Value *, llvm::BasicBlock *>> incoming;
    CValue cur = own(left);
    for (size_t i = 0; i < c.ops.size(); i++) {
      pushTemp(cur);
      CValue right = exprOwned(*c.comparators[i]);
      popTemp(cur);
      bool last = i + 1 == c.ops.size();
      if (!last) incref(right.v); // kept for the next comparison
      CValue r = compareOp(c.ops[i], cur, right, c.comparators[i]->span);
      r = own(r);
      if (last) {
        incoming.push_back({r.v, builder_.GetInsertBlock()});
        builder_.CreateBr(done);
        break;
      }
      pushTemp(right);
      pushTemp(r);
      llvm::Value *t = truthy(CValue{r.v, false}, c.comparators[i]->span);
      popTemp(r);
      popTemp(right);
      auto *next = newBlock("cmp.next");
      auto *stop = newBlock("cmp.stop");
      builder_.CreateCondBr(t, next, stop);
      builder_.SetInsertPoint(stop);
      decref(right.v);
      incoming.push_back({r.v, builder_.GetInsertBlock()});
      builder_.CreateBr(done);
      builder_.SetInsertPoint(next);
      decref(r.v);
      cur = right;
    }
    builder_.SetInsertPoint(done);
    auto *phi = builder_.CreatePHI(i64_, unsigned(incoming.size()));
    for (auto &[v, bb] : incoming) phi->addIncoming(v, bb);
    return CValue{phi, true};
  }
  case ExprKind::Call:
    return call(*e.as<Call>());
  case ExprKind::Attribute: {
    auto &a = *e.as<Attribute>();
    CValue obj = expr(*a.value);
    pushTemp(obj);
    CValue name = strConst(a.attr);
    llvm::Value *r = builder_.CreateCall(abiFn("td_getattr"), {ts(), obj.v, name.v});
    checkValue(r, e.span);
    popTemp(obj);
    release(obj);
    return CValue{r, true};
  }
  case ExprKind::Subscript:
    return subscript(*e.as<Subscript>());
  case ExprKind::Slice:
    return sliceValue(*e.as<Slice>());
  case ExprKind::Tuple:
    return buildSeq(e.as<Tuple>()->elts, "td_build_tuple", e.span);
  case ExprKind::List:
    return buildSeq(e.as<List>()->elts, "td_build_list", e.span);
  case ExprKind::Set:
    return buildSeq(e.as<Set>()->elts, "td_build_set", e.span);
  case ExprKind::Dict: {
    auto &d = *e.as<Dict>();
    // Leading plain entries in one td_build_dict; `**m` and what follows merge in.
    size_t plain = 0;
    while (plain < d.keys.size() && d.keys[plain]) plain++;
    size_t base = f_->temps.size();
    std::vector<CValue> kv;
    for (size_t i = 0; i < plain; i++) {
      CValue k = exprOwned(*d.keys[i]);
      pushTemp(k);
      CValue v = exprOwned(*d.values[i]);
      pushTemp(v);
      kv.push_back(k);
      kv.push_back(v);
    }
    unsigned n = unsigned(plain);
    llvm::Value *buf = argBuffer(std::max(1u, 2 * n));
    auto *arrTy = llvm::ArrayType::get(i64_, f_->argBufSize);
    for (unsigned i = 0; i < n; i++) {
      builder_.CreateStore(kv[2 * i].v, builder_.CreateConstGEP2_64(arrTy, buf, 0, i));
      builder_.CreateStore(kv[2 * i + 1].v, builder_.CreateConstGEP2_64(arrTy, buf, 0, n + i));
    }
    f_->temps.resize(base); // td_build_dict steals them, even on failure
    llvm::Value *keys = builder_.CreateConstGEP2_64(arrTy, buf, 0, 0);
    llvm::Value *vals = builder_.CreateConstGEP2_64(arrTy, buf, 0, n);
    llvm::Value *dict = builder_.CreateCall(abiFn("td_build_dict"), {ts(), keys, vals, i64c(n)});
    checkValue(dict, e.span);
    CValue dv{dict, true};
    for (size_t i = plain; i < d.keys.size(); i++) {
      pushTemp(dv);
      if (!d.keys[i]) {
        CValue m = expr(*d.values[i]);
        pushTemp(m);
        llvm::Value *r = builder_.CreateCall(abiFn("td_dict_merge"), {ts(), dict, m.v, i32c(0)});
        checkInt(r, d.values[i]->span);
        popTemp(m);
        release(m);
      } else {
        CValue k = expr(*d.keys[i]);
        pushTemp(k);
        CValue v = expr(*d.values[i]);
        pushTemp(v);
        llvm::Value *r = builder_.CreateCall(abiFn("td_dict_setitem"), {ts(), dict, k.v, v.v});
        checkInt(r, d.keys[i]->span);
        popTemp(v);
        popTemp(k);
        release(v);
        release(k);
      }
      popTemp(dv);
    }
    return dv;
  }
  case ExprKind::ListComp:
  case ExprKind::SetComp:
  case ExprKind::DictComp:
  case ExprKind::GeneratorExp:
    return comprehension(*static_cast<const Comp *>(&e));
  case ExprKind::IfExp: {
    auto &x = *e.as<IfExp>();
    llvm::Value *c = condition(*x.test);
    auto *thenBB = newBlock("ifexp.then");
    auto *elseBB = newBlock("ifexp.else");
    auto *done = newBlock("ifexp.done");
    builder_.CreateCondBr(c, thenBB, elseBB);
    builder_.SetInsertPoint(thenBB);
    CValue a = exprOwned(*x.body);
    auto *aEnd = builder_.GetInsertBlock();
    builder_.CreateBr(done);
    builder_.SetInsertPoint(elseBB);
    CValue b = exprOwned(*x.orelse);
    auto *bEnd = builder_.GetInsertBlock();
    builder_.CreateBr(done);
    builder_.SetInsertPoint(done);
    auto *phi = builder_.CreatePHI(i64_, 2);
    phi->addIncoming(a.v, aEnd);
    phi->addIncoming(b.v, bEnd);
    return CValue{phi, true};
  }
  case ExprKind::Lambda:
    return lambda(*e.as<Lambda>());
  case ExprKind::NamedExpr: {
    auto &n = *e.as<NamedExpr>();
    CValue v = exprOwned(*n.value);
    incref(v.v); // one reference for the variable, one for the expression
    auto &target = *n.target->as<Name>();
    pushTemp(v);
    // Part of an expression, which may be skipped (`a and (x := f())`):
    // the name is not known bound afterwards.
    f_->freezeBound++;
    storeName(target.id, target.scope, target.slot, v, e.span);
    f_->freezeBound--;
    popTemp(v);
    return v;
  }
  case ExprKind::Await: {
    auto &a = *e.as<Await>();
    if (a.value->kind == ExprKind::Call) return call(*a.value->as<Call>(), &e.span);
    return awaitValue(expr(*a.value), e.span);
  }
  case ExprKind::Yield: {
    auto &y = *e.as<Yield>();
    return yieldValue(y.value ? expr(*y.value) : none(), e.span);
  }
  case ExprKind::YieldFrom:
    return yieldFrom(*e.as<YieldFrom>()->value, e.span);
  case ExprKind::Starred:
    diag_.error(e.span, "can't use starred expression here");
    return none();
  }
  return none();
}

CValue Gen::constant(const Constant &c) {
  switch (c.ckind) {
  case ConstKind::None: return none();
  case ConstKind::True: return boolConst(true);
  case ConstKind::False: return boolConst(false);
  case ConstKind::Ellipsis:
    return CValue{builder_.CreatePtrToInt(abiData("td_Ellipsis"), i64_), false};
  case ConstKind::Int: return intConst(c.value);
  case ConstKind::Float: return floatConst(std::strtod(c.value.c_str(), nullptr));
  case ConstKind::Str: return strConst(c.value);
  case ConstKind::Bytes: return bytesConst(c.value);
  case ConstKind::Imag:
    unsupported(c.span, "complex numbers");
    return none();
  }
  return none();
}

// ---------------------------------------------------------------------------
// Arithmetic
// ---------------------------------------------------------------------------

llvm::Value *Gen::floorDivMod(BinOpKind op, llvm::Value *x, llvm::Value *y) {
  // Python floors: the remainder takes the divisor's sign.
  llvm::Value *q = builder_.CreateSDiv(x, y);
  llvm::Value *r = builder_.CreateSRem(x, y);
  llvm::Value *adjust = builder_.CreateAnd(builder_.CreateICmpNE(r, i64c(0)),
                                           builder_.CreateICmpSLT(builder_.CreateXor(r, y), i64c(0)));
  if (op == BinOpKind::Mod) return builder_.CreateSelect(adjust, builder_.CreateAdd(r, y), r);
  return builder_.CreateSub(q, builder_.CreateZExt(adjust, i64_));
}

CValue Gen::binop(BinOpKind op, CValue a, CValue b, const Span &at, bool inplace) {
  pushTemp(a);
  pushTemp(b);
  const char *slowFn = inplace ? "td_inplace" : "td_binop";
  bool inlineable = op == BinOpKind::Add || op == BinOpKind::Sub || op == BinOpKind::Mult ||
                    op == BinOpKind::FloorDiv || op == BinOpKind::Mod ||
                    op == BinOpKind::BitAnd || op == BinOpKind::BitOr ||
                    op == BinOpKind::BitXor;
  llvm::Value *result;
  if (!inlineable) {
    result = builder_.CreateCall(abiFn(slowFn), {ts(), i32c(abiBinopCode(op)), a.v, b.v});
    checkValue(result, at);
  } else {
    auto *fast = newBlock("int.fast");
    auto *slow = newBlock("int.slow");
    auto *done = newBlock("int.done");
    llvm::MDBuilder md(ctx_);
    builder_.CreateCondBr(isSmall(builder_.CreateAnd(a.v, b.v)), fast, slow,
                          md.createBranchWeights(1 << 10, 1));
    builder_.SetInsertPoint(fast);
    llvm::Value *fr = nullptr, *ovf = nullptr;
    auto withOverflow = [&](llvm::Intrinsic::ID id, llvm::Value *x, llvm::Value *y) {
      llvm::Value *pair = builder_.CreateIntrinsic(id, {i64_}, {x, y});
      fr = builder_.CreateExtractValue(pair, 0);
      ovf = builder_.CreateExtractValue(pair, 1);
    };
    switch (op) {
    // The `| 1` changes nothing (the sum of an odd and an even word is odd)
    // but tells LLVM the result is a tagged int, so later tag tests and
    // refcount checks on it fold away.
    case BinOpKind::Add: // (2x+1) + 2y
      withOverflow(llvm::Intrinsic::sadd_with_overflow, a.v, builder_.CreateSub(b.v, i64c(1)));
      fr = builder_.CreateOr(fr, i64c(1));
      break;
    case BinOpKind::Sub: // (2x+1) - 2y
      withOverflow(llvm::Intrinsic::ssub_with_overflow, a.v, builder_.CreateSub(b.v, i64c(1)));
      fr = builder_.CreateOr(fr, i64c(1));
      break;
    case BinOpKind::Mult: { // x * 2y + 1
      withOverflow(llvm::Intrinsic::smul_with_overflow, builder_.CreateAShr(a.v, 1),
                   builder_.CreateSub(b.v, i64c(1)));
      fr = builder_.CreateOr(fr, i64c(1));
      break;
    }
    case BinOpKind::BitAnd: fr = builder_.CreateAnd(a.v, b.v); break;
    case BinOpKind::BitOr: fr = builder_.CreateOr(a.v, b.v); break;
    case BinOpKind::BitXor: fr = builder_.CreateOr(builder_.CreateXor(a.v, b.v), i64c(1)); break;
    case BinOpKind::FloorDiv:
    case BinOpKind::Mod: {
      // Python floors: the remainder takes the divisor's sign.
      llvm::Value *x = builder_.CreateAShr(a.v, 1);
      llvm::Value *y = builder_.CreateAShr(b.v, 1);
      auto *div = newBlock("int.div");
      builder_.CreateCondBr(builder_.CreateICmpEQ(y, i64c(0)), slow, div);
      builder_.SetInsertPoint(div);
      llvm::Value *qr = floorDivMod(op, x, y);
      if (op == BinOpKind::FloorDiv) {
        // Retag; only -2^62 // -1 leaves the small range.
        withOverflow(llvm::Intrinsic::sadd_with_overflow, qr, qr);
        fr = builder_.CreateOr(fr, i64c(1));
      } else {
        fr = builder_.CreateOr(builder_.CreateShl(qr, 1), i64c(1));
      }
      break;
    }
    default: break;
    }
    auto *fastEnd = builder_.GetInsertBlock();
    if (ovf)
      builder_.CreateCondBr(ovf, slow, done, md.createBranchWeights(1, 1 << 20));
    else
      builder_.CreateBr(done);
    builder_.SetInsertPoint(slow);
    llvm::Value *sr = builder_.CreateCall(abiFn(slowFn), {ts(), i32c(abiBinopCode(op)), a.v, b.v});
    checkValue(sr, at);
    auto *slowEnd = builder_.GetInsertBlock();
    builder_.CreateBr(done);
    builder_.SetInsertPoint(done);
    auto *phi = builder_.CreatePHI(i64_, 2);
    phi->addIncoming(fr, fastEnd);
    phi->addIncoming(sr, slowEnd);
    result = phi;
  }
  popTemp(b);
  popTemp(a);
  release(b);
  release(a);
  return CValue{result, true};
}

// ---------------------------------------------------------------------------
// Comparisons and truth
// ---------------------------------------------------------------------------

llvm::CmpInst::Predicate intPredicate(CmpOpKind op) {
  switch (op) {
  case CmpOpKind::Eq: return llvm::CmpInst::ICMP_EQ;
  case CmpOpKind::NotEq: return llvm::CmpInst::ICMP_NE;
  case CmpOpKind::Lt: return llvm::CmpInst::ICMP_SLT;
  case CmpOpKind::LtE: return llvm::CmpInst::ICMP_SLE;
  case CmpOpKind::Gt: return llvm::CmpInst::ICMP_SGT;
  case CmpOpKind::GtE: return llvm::CmpInst::ICMP_SGE;
  default: return llvm::CmpInst::ICMP_EQ;
  }
}

bool isOrdering(CmpOpKind op) {
  return op == CmpOpKind::Eq || op == CmpOpKind::NotEq || op == CmpOpKind::Lt ||
         op == CmpOpKind::LtE || op == CmpOpKind::Gt || op == CmpOpKind::GtE;
}

llvm::Value *Gen::compareCond(CmpOpKind op, CValue a, CValue b, const Span &at) {
  if (op == CmpOpKind::Is || op == CmpOpKind::IsNot) {
    llvm::Value *r = op == CmpOpKind::Is ? builder_.CreateICmpEQ(a.v, b.v)
                                         : builder_.CreateICmpNE(a.v, b.v);
    release(a);
    release(b);
    return r;
  }
  pushTemp(a);
  pushTemp(b);
  llvm::Value *result;
  if (isOrdering(op)) {
    auto *fast = newBlock("cmp.fast");
    auto *slow = newBlock("cmp.slow");
    auto *done = newBlock("cmp.done");
    llvm::MDBuilder md(ctx_);
    builder_.CreateCondBr(isSmall(builder_.CreateAnd(a.v, b.v)), fast, slow,
                          md.createBranchWeights(1 << 10, 1));
    builder_.SetInsertPoint(fast);
    llvm::Value *fr = builder_.CreateICmp(intPredicate(op), a.v, b.v);
    builder_.CreateBr(done);
    builder_.SetInsertPoint(slow);
    llvm::Value *sr = builder_.CreateCall(abiFn("td_compare_bool"), {ts(), i32c(abiCmp(op)), a.v, b.v});
    checkInt(sr, at);
    llvm::Value *sb = builder_.CreateICmpNE(sr, i32c(0));
    auto *slowEnd = builder_.GetInsertBlock();
    builder_.CreateBr(done);
    builder_.SetInsertPoint(done);
    auto *phi = builder_.CreatePHI(i1_, 2);
    phi->addIncoming(fr, fast);
    phi->addIncoming(sb, slowEnd);
    result = phi;
  } else {
    llvm::Value *sr = builder_.CreateCall(abiFn("td_compare_bool"), {ts(), i32c(abiCmp(op)), a.v, b.v});
    checkInt(sr, at);
    result = builder_.CreateICmpNE(sr, i32c(0));
  }
  popTemp(b);
  popTemp(a);
  release(b);
  release(a);
  return result;
}

CValue Gen::compareOp(CmpOpKind op, CValue a, CValue b, const Span &at) {
  if (op == CmpOpKind::Is || op == CmpOpKind::IsNot || op == CmpOpKind::In ||
      op == CmpOpKind::NotIn)
    return CValue{fromBool(compareCond(op, a, b, at)), false};
  // == and < may return any object from a user's __eq__/__lt__: only the
  // small-int case is decided inline.
  pushTemp(a);
  pushTemp(b);
  auto *fast = newBlock("cmp.fast");
  auto *slow = newBlock("cmp.slow");
  auto *done = newBlock("cmp.done");
  builder_.CreateCondBr(isSmall(builder_.CreateAnd(a.v, b.v)), fast, slow);
  builder_.SetInsertPoint(fast);
  llvm::Value *fr = fromBool(builder_.CreateICmp(intPredicate(op), a.v, b.v));
  builder_.CreateBr(done);
  builder_.SetInsertPoint(slow);
  llvm::Value *sr = builder_.CreateCall(abiFn("td_compare"), {ts(), i32c(abiCmp(op)), a.v, b.v});
  checkValue(sr, at);
  auto *slowEnd = builder_.GetInsertBlock();
  builder_.CreateBr(done);
  builder_.SetInsertPoint(done);
  auto *phi = builder_.CreatePHI(i64_, 2);
  phi->addIncoming(fr, fast);
  phi->addIncoming(sr, slowEnd);
  popTemp(b);
  popTemp(a);
  release(b);
  release(a);
  return CValue{phi, true};
}

llvm::Value *Gen::truthy(CValue v, const Span &at) {
  pushTemp(v);
  auto *small = newBlock("truth.small");
  auto *obj = newBlock("truth.obj");
  auto *call = newBlock("truth.call");
  auto *done = newBlock("truth.done");
  builder_.CreateCondBr(isSmall(v.v), small, obj);
  builder_.SetInsertPoint(small);
  llvm::Value *sr = builder_.CreateICmpNE(v.v, i64c(1));
  builder_.CreateBr(done);
  builder_.SetInsertPoint(obj);
  llvm::Value *isTrue = builder_.CreateICmpEQ(v.v, builder_.CreatePtrToInt(abiData("td_True"), i64_));
  llvm::Value *isFalse = builder_.CreateOr(
      builder_.CreateICmpEQ(v.v, builder_.CreatePtrToInt(abiData("td_False"), i64_)),
      builder_.CreateICmpEQ(v.v, builder_.CreatePtrToInt(noneV(), i64_)));
  auto *known = newBlock("truth.known");
  builder_.CreateCondBr(builder_.CreateOr(isTrue, isFalse), known, call);
  builder_.SetInsertPoint(known);
  builder_.CreateBr(done);
  builder_.SetInsertPoint(call);
  llvm::Value *r = builder_.CreateCall(abiFn("td_truthy"), {ts(), v.v});
  checkInt(r, at);
  llvm::Value *cr = builder_.CreateICmpNE(r, i32c(0));
  auto *callEnd = builder_.GetInsertBlock();
  builder_.CreateBr(done);
  builder_.SetInsertPoint(done);
  auto *phi = builder_.CreatePHI(i1_, 3);
  phi->addIncoming(sr, small);
  phi->addIncoming(isTrue, known);
  phi->addIncoming(cr, callEnd);
  popTemp(v);
  release(v);
  return phi;
}

llvm::Value *Gen::condition(const Expr &e) {
  if (e.kind == ExprKind::UnaryOp && e.as<UnaryOp>()->op == UnaryOpKind::Not)
    return builder_.CreateNot(condition(*e.as<UnaryOp>()->operand));
  if (e.kind == ExprKind::Compare && e.as<Compare>()->ops.size() == 1) {
    auto &c = *e.as<Compare>();
    CValue l = expr(*c.left);
    pushTemp(l);
    CValue r = expr(*c.comparators[0]);
    popTemp(l);
    return compareCond(c.ops[0], l, r, e.span);
  }
  if (e.kind == ExprKind::BoolOp) {
    auto &b = *e.as<BoolOp>();
    auto *done = newBlock("cond.done");
    std::vector<std::pair<llvm::Value *, llvm::BasicBlock *>> incoming;
    for (size_t i = 0; i < b.values.size(); i++) {
      llvm::Value *c = condition(*b.values[i]);
      incoming.push_back({c, builder_.GetInsertBlock()});
      if (i + 1 == b.values.size()) {
        builder_.CreateBr(done);
        break;
      }
      auto *next = newBlock("cond.next");
      if (b.op == BoolOpKind::Or)
        builder_.CreateCondBr(c, done, next);
      else
        builder_.CreateCondBr(c, next, done);
      builder_.SetInsertPoint(next);
    }
    builder_.SetInsertPoint(done);
    auto *phi = builder_.CreatePHI(i1_, unsigned(incoming.size()));
    for (auto &[v, bb] : incoming) phi->addIncoming(v, bb);
    return phi;
  }
  return truthy(expr(e), e.span);
}

// ---------------------------------------------------------------------------
// Strings, containers, subscripts
// ---------------------------------------------------------------------------

CValue Gen::joinedStr(const JoinedStr &j) {
  if (j.values.empty()) return strConst("");
  if (j.values.size() == 1 && j.values[0]->kind == ExprKind::Constant)
    return expr(*j.values[0]);
  size_t base = f_->temps.size();
  std::vector<CValue> parts;
  for (auto &part : j.values) {
    CValue p;
    if (part->kind == ExprKind::FormattedValue) {
      auto &fv = *part->as<FormattedValue>();
      CValue v = expr(*fv.value);
      if (fv.conversion) {
        pushTemp(v);
        const char *fn = fv.conversion == 'r' ? "td_repr" : fv.conversion == 'a' ? "td_ascii" : "td_str";
        llvm::Value *c = builder_.CreateCall(abiFn(fn), {ts(), v.v});
        checkValue(c, fv.value->span);
        popTemp(v);
        release(v);
        v = CValue{c, true};
      }
      pushTemp(v);
      CValue spec{i64c(0), false};
      if (fv.formatSpec) spec = expr(*fv.formatSpec);
      pushTemp(spec);
      llvm::Value *s = builder_.CreateCall(abiFn("td_format"), {ts(), v.v, spec.v});
      checkValue(s, fv.value->span);
      popTemp(spec);
      popTemp(v);
      release(spec);
      release(v);
      p = CValue{s, true};
    } else {
      p = exprOwned(*part);
    }
    pushTemp(p);
    parts.push_back(p);
  }
  llvm::Value *buf = argBuffer(unsigned(parts.size()));
  auto *arrTy = llvm::ArrayType::get(i64_, f_->argBufSize);
  for (size_t i = 0; i < parts.size(); i++)
    builder_.CreateStore(parts[i].v, builder_.CreateConstGEP2_64(arrTy, buf, 0, i));
  f_->temps.resize(base); // stolen
  llvm::Value *r = builder_.CreateCall(abiFn("td_str_join_steal"),
                                       {ts(), buf, i64c(int64_t(parts.size()))});
  checkValue(r, j.span);
  return CValue{r, true};
}

CValue Gen::buildSeq(const ExprList &elts, const char *buildFn, const Span &at) {
  bool starred = false;
  for (auto &e : elts) starred |= e->kind == ExprKind::Starred;
  if (!starred) {
    size_t base = f_->temps.size();
    std::vector<CValue> items;
    for (auto &e : elts) {
      CValue v = exprOwned(*e);
      pushTemp(v);
      items.push_back(v);
    }
    llvm::Value *buf = argBuffer(std::max(1u, unsigned(items.size())));
    auto *arrTy = llvm::ArrayType::get(i64_, f_->argBufSize);
    for (size_t i = 0; i < items.size(); i++)
      builder_.CreateStore(items[i].v, builder_.CreateConstGEP2_64(arrTy, buf, 0, i));
    f_->temps.resize(base); // stolen by td_build_*, even on failure
    llvm::Value *r = builder_.CreateCall(abiFn(buildFn), {ts(), buf, i64c(int64_t(items.size()))});
    checkValue(r, at);
    return CValue{r, true};
  }
  // [a, *b, c]: build a list (or set) step by step.
  bool isSet = std::string(buildFn) == "td_build_set";
  llvm::Value *buf = argBuffer(1);
  llvm::Value *acc = builder_.CreateCall(abiFn(isSet ? "td_build_set" : "td_build_list"),
                                         {ts(), buf, i64c(0)});
  checkValue(acc, at);
  CValue accv{acc, true};
  for (auto &e : elts) {
    pushTemp(accv);
    bool star = e->kind == ExprKind::Starred;
    CValue v = expr(star ? *e->as<Starred>()->value : *e);
    pushTemp(v);
    const char *fn = star ? (isSet ? "td_set_update" : "td_list_extend")
                          : (isSet ? "td_set_add" : "td_list_append");
    llvm::Value *r = builder_.CreateCall(abiFn(fn), {ts(), acc, v.v});
    checkInt(r, e->span);
    popTemp(v);
    release(v);
    popTemp(accv);
  }
  if (std::string(buildFn) == "td_build_tuple") {
    pushTemp(accv);
    llvm::Value *t = builder_.CreateCall(abiFn("td_list_to_tuple"), {ts(), acc});
    checkValue(t, at);
    popTemp(accv);
    release(accv);
    return CValue{t, true};
  }
  return accv;
}

CValue Gen::sliceValue(const Slice &s) {
  CValue parts[3];
  const ExprPtr *src[3] = {&s.lower, &s.upper, &s.step};
  for (int i = 0; i < 3; i++) {
    parts[i] = *src[i] ? expr(**src[i]) : none();
    pushTemp(parts[i]);
  }
  llvm::Value *r =
      builder_.CreateCall(abiFn("td_slice_new"), {ts(), parts[0].v, parts[1].v, parts[2].v});
  checkValue(r, s.span);
  for (int i = 2; i >= 0; i--) {
    popTemp(parts[i]);
    release(parts[i]);
  }
  return CValue{r, true};
}

CValue Gen::subscript(const Subscript &s) {
  CValue obj = expr(*s.value);
  pushTemp(obj);
  CValue key = expr(*s.index);
  pushTemp(key);
  llvm::Value *r = builder_.CreateCall(abiFn("td_getitem"), {ts(), obj.v, key.v});
  checkValue(r, s.span);
  popTemp(key);
  popTemp(obj);
  release(key);
  release(obj);
  return CValue{r, true};
}

} // namespace tide

// ops.cpp — the generic operator entry points: td_binop, td_inplace,
// td_unaryop, td_compare, td_truthy, td_hash, td_eq.
//
// Dispatch follows CPython's protocol:
//   binary   left operand's binop slot, then the right one's (the slot gets
//            (a, b) as written and checks which side it owns) — the right
//            one first when its type is a proper subclass of the left's;
//            both declining (NotImplemented) is a TypeError.
//   compare  left's richcompare(a, b, op), then right's richcompare(b, a,
//            swapped op); == and != fall back to identity, orderings raise.
//   in       the container's contains slot, else iteration with ==.
//
// Generated code handles small-int arithmetic inline; these functions still
// try the small-int cases first because the runtime's own C++ calls them and
// because a boxed path must not be slow.  Every fast path returns before any
// slot lookup or allocation.
#include "containers.h"
#include "values.h"

namespace {

TdValue not_impl() { return td_val(&td_NotImplemented); }
bool is_not_impl(TdValue v) { return v == td_val(&td_NotImplemented); }

const char *const kBinopSymbols[] = {"+", "-", "*", "@", "/", "//", "%", "**", "<<", ">>",
                                     "|", "^", "&"};
const char *const kInplaceSymbols[] = {"+=", "-=", "*=", "@=", "/=", "//=", "%=", "**=",
                                       "<<=", ">>=", "|=", "^=", "&="};

bool is_sequence_name(const char *n) {
  return !std::strcmp(n, "str") || !std::strcmp(n, "list") || !std::strcmp(n, "tuple") ||
         !std::strcmp(n, "bytes") || !std::strcmp(n, "bytearray");
}

TdValue binop_error(TdThread *ts, int op, TdValue a, TdValue b, bool inplace) {
  TdType *ta = td_type_of(a), *tb = td_type_of(b);
  bool builtinA = !(ta->flags & TD_TF_HEAPTYPE);
  if (op == TD_OP_ADD && builtinA && is_sequence_name(ta->name) && ta != tb) {
    td_err_format(ts, &td_type_TypeError, "can only concatenate %s (not \"%s\") to %s", ta->name,
                  tb->name, ta->name);
    return 0;
  }
  if (op == TD_OP_MUL) {
    bool seqA = builtinA && is_sequence_name(ta->name);
    bool seqB = !(tb->flags & TD_TF_HEAPTYPE) && is_sequence_name(tb->name);
    if (seqA && !td_is_int(b)) {
      td_err_format(ts, &td_type_TypeError, "can't multiply sequence by non-int of type '%s'",
                    tb->name);
      return 0;
    }
    if (seqB && !td_is_int(a)) {
      td_err_format(ts, &td_type_TypeError, "can't multiply sequence by non-int of type '%s'",
                    ta->name);
      return 0;
    }
  }
  const char *sym = inplace ? kInplaceSymbols[op] : kBinopSymbols[op];
  if (op == TD_OP_POW && !inplace)
    td_err_format(ts, &td_type_TypeError,
                  "unsupported operand type(s) for ** or pow(): '%s' and '%s'", ta->name,
                  tb->name);
  else
    td_err_format(ts, &td_type_TypeError, "unsupported operand type(s) for %s: '%s' and '%s'",
                  sym, ta->name, tb->name);
  return 0;
}

// Both operands' binop slots, CPython order; NotImplemented if both decline.
TdValue binop_slots(TdThread *ts, int op, TdValue a, TdValue b) {
  TdType *ta = td_type_of(a), *tb = td_type_of(b);
  auto sa = ta->binop, sb = tb->binop;
  if (sb == sa) sb = nullptr;
  if (sb && ta != tb && td_is_subtype(tb, ta)) {
    TdValue r = sb(ts, op, a, b);
    if (!is_not_impl(r)) return r;
    sb = nullptr;
  }
  if (sa) {
    TdValue r = sa(ts, op, a, b);
    if (!is_not_impl(r)) return r;
  }
  if (sb) {
    TdValue r = sb(ts, op, a, b);
    if (!is_not_impl(r)) return r;
  }
  return not_impl();
}

// Small-int fast path; 0 when it does not apply (no error set).
inline TdValue small_binop(TdThread *ts, int op, TdValue a, TdValue b) {
  if (!(td_is_small(a) & td_is_small(b))) return 0;
  int64_t x = td_small_val(a), y = td_small_val(b);
  switch (op) {
  case TD_OP_ADD: return td_int_from_i64(ts, x + y);
  case TD_OP_SUB: return td_int_from_i64(ts, x - y);
  case TD_OP_MUL: {
    int64_t r;
    if (!__builtin_mul_overflow(x, y, &r) && td_fits_small(r)) return td_small(r);
    return 0;
  }
  case TD_OP_AND: return a & b;
  case TD_OP_OR: return a | b;
  case TD_OP_XOR: return td_small(x ^ y);
  default: return 0;
  }
}

int swap_cmp(int op) {
  switch (op) {
  case TD_CMP_LT: return TD_CMP_GT;
  case TD_CMP_LE: return TD_CMP_GE;
  case TD_CMP_GT: return TD_CMP_LT;
  case TD_CMP_GE: return TD_CMP_LE;
  default: return op;
  }
}

const char *const kCmpSymbols[] = {"==", "!=", "<", "<=", ">", ">="};

TdValue richcompare(TdThread *ts, int op, TdValue a, TdValue b) {
  TdType *ta = td_type_of(a), *tb = td_type_of(b);
  bool reflectedDone = false;
  if (ta != tb && tb->richcompare && td_is_subtype(tb, ta)) {
    TdValue r = tb->richcompare(ts, b, a, swap_cmp(op));
    if (!is_not_impl(r)) return r;
    reflectedDone = true;
  }
  if (ta->richcompare) {
    TdValue r = ta->richcompare(ts, a, b, op);
    if (!is_not_impl(r)) return r;
  }
  // The same builtin slot would decline again; a class's slot may not
  // (it may define only __gt__ for `a < b`).
  bool sameBuiltin = ta == tb && !(ta->flags & TD_TF_HEAPTYPE);
  if (!reflectedDone && !sameBuiltin && tb->richcompare) {
    TdValue r = tb->richcompare(ts, b, a, swap_cmp(op));
    if (!is_not_impl(r)) return r;
  }
  if (op == TD_CMP_EQ) return td_bool(a == b);
  if (op == TD_CMP_NE) return td_bool(a != b);
  td_err_format(ts, &td_type_TypeError,
                "'%s' not supported between instances of '%s' and '%s'", kCmpSymbols[op],
                ta->name, tb->name);
  return 0;
}

// 1/0 for `item in container`, -1 on error.
int contains(TdThread *ts, TdValue container, TdValue item) {
  TdType *t = td_type_of(container);
  if (t->contains) return t->contains(ts, container, item);
  if (!t->iter && !t->getitem) {
    td_err_format(ts, &td_type_TypeError, "argument of type '%s' is not iterable", t->name);
    return -1;
  }
  TdRef it(td_iter(ts, container));
  if (!it) return -1;
  for (;;) {
    TdValue x = td_next(ts, it.get());
    if (x == TD_DONE) return 0;
    if (!x) return -1;
    int eq = td_eq(ts, x, item);
    td_decref(x);
    if (eq) return eq; // 1 found, -1 error
  }
}

} // namespace

const char *td_binop_symbol(int op) { return kBinopSymbols[op]; }

extern "C" TdValue td_binop(TdThread *ts, int32_t op, TdValue a, TdValue b) {
  if (TdValue r = small_binop(ts, op, a, b)) return r;
  TdValue r = binop_slots(ts, op, a, b);
  if (!is_not_impl(r)) return r;
  return binop_error(ts, op, a, b, false);
}

extern "C" TdValue td_inplace(TdThread *ts, int32_t op, TdValue a, TdValue b) {
  if (TdValue r = small_binop(ts, op, a, b)) return r;
  if (auto slot = td_type_of(a)->inplace) {
    TdValue r = slot(ts, op, a, b);
    if (!is_not_impl(r)) return r;
  }
  TdValue r = binop_slots(ts, op, a, b);
  if (!is_not_impl(r)) return r;
  return binop_error(ts, op, a, b, true);
}

// `x += y` where the caller moved x's only reference in: a str with one
// reference grows in place (amortised by the allocator's realloc), which
// turns the classic `s += piece` loop from quadratic into linear, as in
// CPython.  On failure `a` still belongs to the caller.
extern "C" TdValue td_inplace_steal(TdThread *ts, int32_t op, TdValue a, TdValue b) {
  if (op == TD_OP_ADD && !td_is_small(a) && td_obj(a)->type == &td_type_str &&
      td_obj(a)->refcnt == 1 && td_is_str(b)) {
    if (TdValue r = td_str_append_inplace(ts, a, b)) return r;
    return 0;
  }
  TdValue r = td_inplace(ts, op, a, b);
  if (r) td_decref(a);
  return r;
}

extern "C" TdValue td_unaryop(TdThread *ts, int32_t op, TdValue a) {
  if (op == TD_UOP_NOT) {
    int t = td_truthy(ts, a);
    return t < 0 ? 0 : td_bool(!t);
  }
  if (td_is_small(a)) {
    int64_t x = td_small_val(a);
    switch (op) {
    case TD_UOP_NEG: return td_int_from_i64(ts, -x);
    case TD_UOP_POS: return a;
    case TD_UOP_INVERT: return td_small(~x);
    default: break;
    }
  }
  TdType *t = td_type_of(a);
  if (t->unary) {
    TdValue r = t->unary(ts, op, a);
    if (!is_not_impl(r)) return r;
  }
  const char *sym = op == TD_UOP_NEG ? "-" : op == TD_UOP_POS ? "+" : "~";
  td_err_format(ts, &td_type_TypeError, "bad operand type for unary %s: '%s'", sym, t->name);
  return 0;
}

extern "C" TdValue td_compare(TdThread *ts, int32_t op, TdValue a, TdValue b) {
  switch (op) {
  case TD_CMP_IS: return td_bool(a == b);
  case TD_CMP_IS_NOT: return td_bool(a != b);
  case TD_CMP_IN:
  case TD_CMP_NOT_IN: {
    int r = contains(ts, b, a);
    if (r < 0) return 0;
    return td_bool((r == 1) == (op == TD_CMP_IN));
  }
  default: break;
  }
  if (td_is_small(a) & td_is_small(b)) {
    int64_t x = int64_t(a), y = int64_t(b); // same order as the values
    switch (op) {
    case TD_CMP_EQ: return td_bool(x == y);
    case TD_CMP_NE: return td_bool(x != y);
    case TD_CMP_LT: return td_bool(x < y);
    case TD_CMP_LE: return td_bool(x <= y);
    case TD_CMP_GT: return td_bool(x > y);
    default: return td_bool(x >= y);
    }
  }
  return richcompare(ts, op, a, b);
}

extern "C" int32_t td_compare_bool(TdThread *ts, int32_t op, TdValue a, TdValue b) {
  if (td_is_small(a) & td_is_small(b)) {
    int64_t x = int64_t(a), y = int64_t(b);
    switch (op) {
    case TD_CMP_EQ: return x == y;
    case TD_CMP_NE: return x != y;
    case TD_CMP_LT: return x < y;
    case TD_CMP_LE: return x <= y;
    case TD_CMP_GT: return x > y;
    case TD_CMP_GE: return x >= y;
    default: break;
    }
  }
  switch (op) {
  case TD_CMP_IS: return a == b;
  case TD_CMP_IS_NOT: return a != b;
  case TD_CMP_IN:
  case TD_CMP_NOT_IN: {
    int r = contains(ts, b, a);
    if (r < 0) return -1;
    return (r == 1) == (op == TD_CMP_IN);
  }
  default: break;
  }
  TdValue r = richcompare(ts, op, a, b);
  if (!r) return -1;
  if (r == td_val(&td_True)) return 1;
  if (r == td_val(&td_False)) return 0;
  int t = td_truthy(ts, r);
  td_decref(r);
  return t;
}

extern "C" int32_t td_truthy(TdThread *ts, TdValue v) {
  if (td_is_small(v)) return v != td_small(0);
  if (v == td_val(&td_True)) return 1;
  if (v == td_val(&td_False) || v == td_val(&td_None)) return 0;
  TdType *t = td_type_of(v);
  if (t->truthy) return t->truthy(ts, v);
  if (t->len) {
    int64_t n = t->len(ts, v);
    return n < 0 ? -1 : n > 0;
  }
  return 1;
}

int td_eq(TdThread *ts, TdValue a, TdValue b) {
  if (a == b) return 1;
  if (td_is_small(a) & td_is_small(b)) return 0;
  if (td_is_str(a) && td_is_str(b)) {
    std::string_view x = td_str_view(a), y = td_str_view(b);
    return x == y;
  }
  return td_compare_bool(ts, TD_CMP_EQ, a, b);
}

int64_t td_hash(TdThread *ts, TdValue v) {
  if (td_is_small(v)) {
    int64_t x = td_small_val(v);
    constexpr uint64_t P = (uint64_t(1) << 61) - 1;
    uint64_t m = (x < 0 ? uint64_t(-x) : uint64_t(x)) % P;
    int64_t r = x < 0 ? -int64_t(m) : int64_t(m);
    return r == -1 ? -2 : r;
  }
  TdType *t = td_type_of(v);
  if (!t->hash) {
    td_err_format(ts, &td_type_TypeError, "unhashable type: '%s'", t->name);
    return -1;
  }
  return t->hash(ts, v);
}

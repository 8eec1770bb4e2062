// tuple.cpp — the tuple type.
//
// Layout: abi.h's TdTupleHead, items inline after the size, so generated
// code can read t->items[i] without a call (unpacking, closures' cell
// tuples).  A tuple is immutable once built; td_tuple_new hands out one with
// zeroed items for its creator to fill.  The hash is CPython's xxHash-based
// combination, so hash((1, 2)) prints the same number as python3.
#include <algorithm>

#include "containers.h"
#include "runtime.h"

namespace {

TdTupleHead *T(TdValue v) { return td_as_tuple(v); }

void tuple_dealloc(TdObject *o) {
  auto *t = reinterpret_cast<TdTupleHead *>(o);
  for (int64_t i = 0; i < t->size; i++) td_decref(t->items[i]);
  td_free_object(o);
}

TdValue tuple_repr(TdThread *ts, TdValue self) {
  TdTupleHead *t = T(self);
  if (t->size == 0) return td_str_from(ts, "()");
  if (td_repr_enter(ts, self)) return td_str_from(ts, "(...)");
  std::string s;
  bool ok = td_seq_repr(ts, t->items, t->size, "(", t->size == 1 ? ",)" : ")", s);
  td_repr_leave(ts, self);
  return ok ? td_str_from(ts, s) : 0;
}

int64_t tuple_len(TdThread *, TdValue self) { return T(self)->size; }

int64_t tuple_hash(TdThread *ts, TdValue self) {
  constexpr uint64_t P1 = 11400714785074694791ULL;
  constexpr uint64_t P2 = 14029467366897019727ULL;
  constexpr uint64_t P5 = 2870177450012600261ULL;
  TdTupleHead *t = T(self);
  uint64_t acc = P5;
  for (int64_t i = 0; i < t->size; i++) {
    int64_t h = td_hash(ts, t->items[i]);
    if (h == -1) return -1;
    acc += uint64_t(h) * P2;
    acc = (acc << 31) | (acc >> 33);
    acc *= P1;
  }
  acc += uint64_t(t->size) ^ (P5 ^ 3527539ULL);
  if (acc == uint64_t(-1)) return 1546275796;
  return int64_t(acc);
}

TdValue tuple_richcompare(TdThread *ts, TdValue a, TdValue b, int op) {
  if (!td_is_tuple(a) || !td_is_tuple(b)) return td_newref(td_val(&td_NotImplemented));
  return td_seq_richcompare(ts, a, b, op);
}

bool is_user_object(TdValue v) {
  return !td_is_small(v) && (td_obj(v)->type->flags & TD_TF_HEAPTYPE);
}

TdValue tuple_binop(TdThread *ts, int op, TdValue a, TdValue b) {
  if (op == TD_OP_ADD && td_is_tuple(a)) {
    if (!td_is_tuple(b)) {
      if (is_user_object(b)) return td_newref(td_val(&td_NotImplemented));
      td_err_format(ts, &td_type_TypeError, "can only concatenate tuple (not \"%s\") to tuple",
                    td_type_name(b));
      return 0;
    }
    TdValue r = td_tuple_new(ts, T(a)->size + T(b)->size);
    if (!r) return 0;
    for (int64_t i = 0; i < T(a)->size; i++) T(r)->items[i] = td_newref(T(a)->items[i]);
    for (int64_t i = 0; i < T(b)->size; i++) T(r)->items[T(a)->size + i] = td_newref(T(b)->items[i]);
    return r;
  }
  if (op == TD_OP_MUL) {
    TdValue tup = td_is_tuple(a) ? a : b;
    TdValue count = td_is_tuple(a) ? b : a;
    if (!td_is_int(count)) {
      if (is_user_object(count)) return td_newref(td_val(&td_NotImplemented));
      td_err_format(ts, &td_type_TypeError, "can't multiply sequence by non-int of type '%s'",
                    td_type_name(count));
      return 0;
    }
    int64_t n;
    if (!td_index(ts, count, &n)) return 0;
    if (n < 0) n = 0;
    int64_t size = T(tup)->size;
    if (n == 1 && td_obj(tup)->type == &td_type_tuple) return td_newref(tup);
    if (size && n > INT64_MAX / 16 / size) return td_err_nomem(ts);
    TdValue r = td_tuple_new(ts, size * n);
    if (!r) return 0;
    for (int64_t k = 0; k < n; k++)
      for (int64_t i = 0; i < size; i++) T(r)->items[k * size + i] = td_newref(T(tup)->items[i]);
    return r;
  }
  return td_newref(td_val(&td_NotImplemented));
}

TdValue tuple_getitem(TdThread *ts, TdValue self, TdValue key) {
  TdTupleHead *t = T(self);
  if (td_is_slice(key)) {
    TdSliceIndices si;
    if (!td_slice_indices(ts, key, t->size, &si)) return 0;
    if (si.step == 1 && si.length == t->size && td_obj(self)->type == &td_type_tuple)
      return td_newref(self);
    TdValue r = td_tuple_new(ts, si.length);
    if (!r) return 0;
    for (int64_t i = 0, j = si.start; i < si.length; i++, j += si.step)
      T(r)->items[i] = td_newref(t->items[j]);
    return r;
  }
  int64_t i;
  if (!td_seq_index(ts, key, t->size, "tuple", &i)) return 0;
  return td_newref(t->items[i]);
}

int tuple_contains(TdThread *ts, TdValue self, TdValue item) {
  for (int64_t i = 0; i < T(self)->size; i++) {
    int r = td_eq(ts, T(self)->items[i], item);
    if (r != 0) return r;
  }
  return 0;
}

TdValue tuple_construct(TdThread *ts, TdValue, const TdValue *args, int64_t nargs, TdValue kwnames) {
  if (!td_no_kwargs(ts, "tuple", kwnames)) return 0;
  if (!td_check_nargs(ts, "tuple", nargs, 0, 1)) return 0;
  if (nargs == 0) return td_tuple_new(ts, 0);
  return td_tuple_from_iterable(ts, args[0]);
}

TdValue m_index(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "tuple.index", kw) || !td_check_nargs(ts, "index", nargs, 1, 3)) return 0;
  int64_t len = T(self)->size, start = 0, stop = len;
  if (nargs >= 2 && !td_index(ts, args[1], &start)) return 0;
  if (nargs >= 3 && !td_index(ts, args[2], &stop)) return 0;
  if (start < 0) start = std::max<int64_t>(0, start + len);
  if (stop < 0) stop = std::max<int64_t>(0, stop + len);
  for (int64_t i = start; i < stop && i < len; i++) {
    int r = td_eq(ts, T(self)->items[i], args[0]);
    if (r < 0) return 0;
    if (r) return td_small(i);
  }
  td_err_set(ts, &td_type_ValueError, "tuple.index(x): x not in tuple");
  return 0;
}

TdValue m_count(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "tuple.count", kw) || !td_check_nargs(ts, "count", nargs, 1, 1)) return 0;
  int64_t n = 0;
  for (int64_t i = 0; i < T(self)->size; i++) {
    int r = td_eq(ts, T(self)->items[i], args[0]);
    if (r < 0) return 0;
    n += r;
  }
  return td_small(n);
}

const TdMethodDef tuple_methods[] = {
    {"index", m_index},
    {"count", m_count},
    {nullptr, nullptr},
};

TdValue tuple_iter(TdThread *ts, TdValue self) { return td_seq_iter_new(ts, self); }

} // namespace

TdType td_type_tuple = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "tuple",
    .base = &td_type_object,
    .flags = TD_TF_BASETYPE | TD_TF_TUPLE_SUBCLASS,
    .dealloc = tuple_dealloc,
    .repr = tuple_repr,
    .hash = tuple_hash,
    .richcompare = tuple_richcompare,
    .len = tuple_len,
    .binop = tuple_binop,
    .getitem = tuple_getitem,
    .contains = tuple_contains,
    .iter = tuple_iter,
    .construct = tuple_construct,
    .methods = tuple_methods,
};

TdValue td_tuple_new(TdThread *ts, int64_t n) {
  TdObject *o = td_alloc_object(&td_type_tuple, sizeof(TdTupleHead) + size_t(n) * sizeof(TdValue));
  if (!o) return td_err_nomem(ts);
  auto *t = reinterpret_cast<TdTupleHead *>(o);
  t->size = n;
  for (int64_t i = 0; i < n; i++) t->items[i] = 0;
  return td_val(o);
}

TdValue td_empty_tuple(TdThread *ts) { return td_tuple_new(ts, 0); }

TdValue td_tuple_pack(TdThread *ts, std::initializer_list<TdValue> borrowed) {
  TdValue t = td_tuple_new(ts, int64_t(borrowed.size()));
  if (!t) return 0;
  int64_t i = 0;
  for (TdValue v : borrowed) T(t)->items[i++] = td_newref(v);
  return t;
}

TdValue td_tuple_from_iterable(TdThread *ts, TdValue iterable) {
  if (!td_is_small(iterable) && td_obj(iterable)->type == &td_type_tuple) return td_newref(iterable);
  if (td_is_list(iterable)) return td_list_to_tuple(ts, iterable);
  std::vector<TdValue> items;
  if (!td_collect(ts, iterable, items)) return 0;
  TdValue t = td_tuple_new(ts, int64_t(items.size()));
  if (!t) {
    td_release_all(items);
    return 0;
  }
  for (size_t i = 0; i < items.size(); i++) T(t)->items[i] = items[i];
  return t;
}

extern "C" TdValue td_build_tuple(TdThread *ts, TdValue *items, int64_t n) {
  TdValue t = td_tuple_new(ts, n);
  if (!t) {
    for (int64_t i = 0; i < n; i++) td_decref(items[i]);
    return 0;
  }
  for (int64_t i = 0; i < n; i++) T(t)->items[i] = items[i];
  return t;
}

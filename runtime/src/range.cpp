// range.cpp — range objects and their iterator.
//
// The compiler inlines `for i in range(...)` as a counted loop when the
// name `range` still refers to td_type_range (abi.h), so this file only
// serves the other uses: range values stored, indexed, sliced, tested with
// `in`, compared, printed.  Bounds are int64 (ranges over big ints are
// rejected with CPython's OverflowError wording); length arithmetic is done
// in 128 bits so extreme bounds cannot overflow.
#include "containers.h"
#include "runtime.h"

namespace {

struct TdRange {
  TdObject ob;
  int64_t start, stop, step, length;
};

TdRange *R(TdValue v) { return reinterpret_cast<TdRange *>(v); }

int64_t range_length(int64_t start, int64_t stop, int64_t step) {
  __int128 lo = start, hi = stop, st = step;
  if (st > 0 && lo < hi) return int64_t((hi - lo - 1) / st + 1);
  if (st < 0 && lo > hi) return int64_t((lo - hi - 1) / (-st) + 1);
  return 0;
}

TdValue range_make(TdThread *ts, int64_t start, int64_t stop, int64_t step) {
  TdObject *o = td_alloc_object(&td_type_range, sizeof(TdRange));
  if (!o) return td_err_nomem(ts);
  TdRange *r = reinterpret_cast<TdRange *>(o);
  r->start = start;
  r->stop = stop;
  r->step = step;
  r->length = range_length(start, stop, step);
  return td_val(o);
}

bool range_arg(TdThread *ts, TdValue v, int64_t *out) {
  if (td_is_small(v)) {
    *out = td_small_val(v);
    return true;
  }
  if (!td_is_int(v)) {
    td_err_format(ts, &td_type_TypeError, "'%s' object cannot be interpreted as an integer",
                  td_type_name(v));
    return false;
  }
  if (!td_index(ts, v, out)) {
    td_err_clear(ts);
    td_err_set(ts, &td_type_OverflowError, "Python int too large to convert to C ssize_t");
    return false;
  }
  return true;
}

TdValue range_construct(TdThread *ts, TdValue, const TdValue *args, int64_t nargs, TdValue kwnames) {
  if (!td_no_kwargs(ts, "range", kwnames)) return 0;
  if (nargs == 0) {
    td_err_set(ts, &td_type_TypeError, "range expected at least 1 argument, got 0");
    return 0;
  }
  if (!td_check_nargs(ts, "range", nargs, 1, 3)) return 0;
  int64_t start = 0, stop, step = 1;
  if (nargs == 1) {
    if (!range_arg(ts, args[0], &stop)) return 0;
  } else {
    if (!range_arg(ts, args[0], &start) || !range_arg(ts, args[1], &stop)) return 0;
    if (nargs == 3) {
      if (!range_arg(ts, args[2], &step)) return 0;
      if (step == 0) {
        td_err_set(ts, &td_type_ValueError, "range() arg 3 must not be zero");
        return 0;
      }
    }
  }
  return range_make(ts, start, stop, step);
}

TdValue range_repr(TdThread *ts, TdValue self) {
  TdRange *r = R(self);
  std::string s = "range(" + std::to_string(r->start) + ", " + std::to_string(r->stop);
  if (r->step != 1) s += ", " + std::to_string(r->step);
  s += ')';
  return td_str_from(ts, s);
}

int64_t range_len(TdThread *, TdValue self) { return R(self)->length; }

TdValue range_item(TdThread *ts, TdRange *r, int64_t i) {
  return td_int_from_i64(ts, int64_t(__int128(r->start) + __int128(i) * r->step));
}

TdValue range_getitem(TdThread *ts, TdValue self, TdValue key) {
  TdRange *r = R(self);
  if (td_is_slice(key)) {
    TdSliceIndices si;
    if (!td_slice_indices(ts, key, r->length, &si)) return 0;
    int64_t start = int64_t(__int128(r->start) + __int128(si.start) * r->step);
    int64_t step = int64_t(__int128(r->step) * si.step);
    int64_t stop = int64_t(__int128(start) + __int128(si.length) * step);
    TdValue res = range_make(ts, start, stop, step);
    if (res) R(res)->length = si.length;
    return res;
  }
  int64_t i;
  if (!td_seq_index(ts, key, r->length, "range object", &i)) return 0;
  return range_item(ts, r, i);
}

// The position of integer v in r, or -1.
int64_t range_find(TdRange *r, int64_t v) {
  __int128 d = __int128(v) - r->start;
  if (d % r->step != 0) return -1;
  __int128 k = d / r->step;
  if (k < 0 || k >= r->length) return -1;
  return int64_t(k);
}

int range_contains(TdThread *ts, TdValue self, TdValue item) {
  int64_t v;
  if (td_is_small(item) || item == td_bool(true) || item == td_bool(false)) {
    v = td_is_small(item) ? td_small_val(item) : item == td_bool(true);
    return range_find(R(self), v) >= 0;
  }
  if (td_is_int(item)) return 0; // a big int is outside every int64 range
  // Other objects (floats, ...) compare by equality with each item.
  for (int64_t i = 0; i < R(self)->length; i++) {
    TdValue x = range_item(ts, R(self), i);
    if (!x) return -1;
    int r = td_eq(ts, x, item);
    td_decref(x);
    if (r != 0) return r;
  }
  return 0;
}

TdValue range_richcompare(TdThread *, TdValue a, TdValue b, int op) {
  if ((op != TD_CMP_EQ && op != TD_CMP_NE) || td_type_of(b) != &td_type_range)
    return td_newref(td_val(&td_NotImplemented));
  TdRange *x = R(a), *y = R(b);
  bool eq = x->length == y->length &&
            (x->length == 0 || (x->start == y->start && (x->length == 1 || x->step == y->step)));
  return td_bool(op == TD_CMP_EQ ? eq : !eq);
}

int64_t range_hash(TdThread *ts, TdValue self) {
  TdRange *r = R(self);
  TdValue len = td_int_from_i64(ts, r->length);
  TdValue start = td_int_from_i64(ts, r->start);
  TdValue step = td_int_from_i64(ts, r->step);
  TdValue t = 0;
  if (len && start && step) {
    if (r->length == 0) t = td_tuple_pack(ts, {len, td_none(), td_none()});
    else if (r->length == 1) t = td_tuple_pack(ts, {len, start, td_none()});
    else t = td_tuple_pack(ts, {len, start, step});
  }
  int64_t h = t ? td_hash(ts, t) : -1;
  td_decref(t);
  td_decref(len);
  td_decref(start);
  td_decref(step);
  return h;
}

TdValue range_getattr(TdThread *ts, TdValue self, TdValue name) {
  std::string_view n = td_str_view(name);
  if (n == "start") return td_int_from_i64(ts, R(self)->start);
  if (n == "stop") return td_int_from_i64(ts, R(self)->stop);
  if (n == "step") return td_int_from_i64(ts, R(self)->step);
  if (const TdMethodDef *m = td_find_method(&td_type_range, n)) return td_builtin_method_new(ts, self, m);
  td_err_format(ts, &td_type_AttributeError, "'range' object has no attribute '%.*s'",
                int(n.size()), n.data());
  return 0;
}

TdValue m_index(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "range.index", kw) || !td_check_nargs(ts, "index", nargs, 1, 1)) return 0;
  int64_t v;
  if (td_is_small(args[0])) {
    int64_t i = range_find(R(self), td_small_val(args[0]));
    if (i >= 0) return td_small(i);
  } else if (!td_is_int(args[0]) || !td_index(ts, args[0], &v)) {
    td_err_clear(ts);
    int c = range_contains(ts, self, args[0]);
    if (c < 0) return 0;
    if (c) {
      for (int64_t i = 0; i < R(self)->length; i++) {
        TdValue x = range_item(ts, R(self), i);
        int r = x ? td_eq(ts, x, args[0]) : -1;
        td_decref(x);
        if (r < 0) return 0;
        if (r) return td_small(i);
      }
    }
  } else if (int64_t i = range_find(R(self), v); i >= 0) {
    return td_small(i);
  }
  std::string r;
  if (!td_repr_to(ts, args[0], r)) return 0;
  td_err_set(ts, &td_type_ValueError, r + " is not in range");
  return 0;
}

TdValue m_count(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "range.count", kw) || !td_check_nargs(ts, "count", nargs, 1, 1)) return 0;
  if (td_is_int(args[0])) {
    int r = range_contains(ts, self, args[0]);
    return r < 0 ? 0 : td_small(r);
  }
  int64_t n = 0;
  for (int64_t i = 0; i < R(self)->length; i++) {
    TdValue x = range_item(ts, R(self), i);
    int r = x ? td_eq(ts, x, args[0]) : -1;
    td_decref(x);
    if (r < 0) return 0;
    n += r;
  }
  return td_small(n);
}

const TdMethodDef range_methods[] = {
    {"index", m_index},
    {"count", m_count},
    {nullptr, nullptr},
};

struct RangeIter {
  TdObject ob;
  int64_t next, step, remaining;
};

TdValue rangeiter_next(TdThread *ts, TdValue self) {
  RangeIter *it = reinterpret_cast<RangeIter *>(self);
  if (it->remaining <= 0) return TD_DONE;
  int64_t v = it->next;
  it->remaining--;
  if (it->remaining) it->next += it->step;
  return td_int_from_i64(ts, v);
}

TdValue iter_self(TdThread *, TdValue self) { return td_newref(self); }

} // namespace

TdType td_type_range_iterator = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "range_iterator",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = td_free_object,
    .iter = iter_self,
    .next = rangeiter_next,
};

namespace {
TdValue range_iter(TdThread *ts, TdValue self) {
  TdObject *o = td_alloc_object(&td_type_range_iterator, sizeof(RangeIter));
  if (!o) return td_err_nomem(ts);
  RangeIter *it = reinterpret_cast<RangeIter *>(o);
  it->next = R(self)->start;
  it->step = R(self)->step;
  it->remaining = R(self)->length;
  return td_val(o);
}
} // namespace

TdType td_type_range = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "range",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = td_free_object,
    .repr = range_repr,
    .hash = range_hash,
    .richcompare = range_richcompare,
    .len = range_len,
    .getattr = range_getattr,
    .getitem = range_getitem,
    .contains = range_contains,
    .iter = range_iter,
    .construct = range_construct,
    .methods = range_methods,
};

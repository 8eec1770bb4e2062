// slice.cpp — slice objects and CPython's index clamping.
//
// a[lo:hi:step] builds a slice (td_slice_new) and passes it to the
// container's getitem/setitem slot, which turns it into concrete indices
// with td_slice_indices: PySlice_Unpack (None → defaults, step 0 rejected,
// huge ints clamped) followed by PySlice_AdjustIndices (negative indices
// count from the end, then clamp to the sequence).
#include <climits>

#include "containers.h"
#include "runtime.h"
#include "values.h"

namespace {

TdSlice *S(TdValue v) { return reinterpret_cast<TdSlice *>(v); }

void slice_dealloc(TdObject *o) {
  TdSlice *s = reinterpret_cast<TdSlice *>(o);
  td_decref(s->start);
  td_decref(s->stop);
  td_decref(s->step);
  td_free_object(o);
}

TdValue slice_repr(TdThread *ts, TdValue self) {
  std::string s = "slice(";
  if (!td_repr_to(ts, S(self)->start, s)) return 0;
  s += ", ";
  if (!td_repr_to(ts, S(self)->stop, s)) return 0;
  s += ", ";
  if (!td_repr_to(ts, S(self)->step, s)) return 0;
  s += ')';
  return td_str_from(ts, s);
}

TdValue slice_richcompare(TdThread *ts, TdValue a, TdValue b, int op) {
  if (!td_is_slice(b)) return td_newref(td_val(&td_NotImplemented));
  TdValue ta = td_tuple_pack(ts, {S(a)->start, S(a)->stop, S(a)->step});
  if (!ta) return 0;
  TdValue tb = td_tuple_pack(ts, {S(b)->start, S(b)->stop, S(b)->step});
  if (!tb) {
    td_decref(ta);
    return 0;
  }
  TdValue r = td_seq_richcompare(ts, ta, tb, op);
  td_decref(ta);
  td_decref(tb);
  return r;
}

TdValue slice_getattr(TdThread *ts, TdValue self, TdValue name) {
  std::string_view n = td_str_view(name);
  if (n == "start") return td_newref(S(self)->start);
  if (n == "stop") return td_newref(S(self)->stop);
  if (n == "step") return td_newref(S(self)->step);
  td_err_format(ts, &td_type_AttributeError, "'slice' object has no attribute '%.*s'",
                int(n.size()), n.data());
  return 0;
}

TdValue slice_construct(TdThread *ts, TdValue, const TdValue *args, int64_t nargs, TdValue kwnames) {
  if (!td_no_kwargs(ts, "slice", kwnames)) return 0;
  if (nargs < 1) {
    td_err_set(ts, &td_type_TypeError, "slice expected at least 1 argument, got 0");
    return 0;
  }
  if (!td_check_nargs(ts, "slice", nargs, 1, 3)) return 0;
  if (nargs == 1) return td_slice_new(ts, td_none(), args[0], td_none());
  return td_slice_new(ts, args[0], args[1], nargs == 3 ? args[2] : td_none());
}

// One slice bound as an int64, clamping ints too large for it.
bool slice_bound(TdThread *ts, TdValue v, int64_t *out) {
  if (td_is_small(v)) {
    *out = td_small_val(v);
    return true;
  }
  if (!td_is_int(v)) {
    td_err_set(ts, &td_type_TypeError,
               "slice indices must be integers or None or have an __index__ method");
    return false;
  }
  int64_t x;
  if (td_int_small_value(v, &x)) {
    *out = x;
    return true;
  }
  *out = td_int_sign(v) < 0 ? INT64_MIN / 2 : INT64_MAX / 2;
  return true;
}

} // namespace

TdType td_type_slice = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "slice",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = slice_dealloc,
    .repr = slice_repr,
    .richcompare = slice_richcompare,
    .getattr = slice_getattr,
    .construct = slice_construct,
};

extern "C" TdValue td_slice_new(TdThread *ts, TdValue lo, TdValue hi, TdValue step) {
  TdObject *o = td_alloc_object(&td_type_slice, sizeof(TdSlice));
  if (!o) return td_err_nomem(ts);
  TdSlice *s = reinterpret_cast<TdSlice *>(o);
  s->start = td_newref(lo ? lo : td_none());
  s->stop = td_newref(hi ? hi : td_none());
  s->step = td_newref(step ? step : td_none());
  return td_val(o);
}

bool td_slice_indices(TdThread *ts, TdValue slice, int64_t len, TdSliceIndices *out) {
  TdSlice *s = S(slice);
  // Bounds are kept within ±2^62 so the arithmetic below cannot overflow.
  constexpr int64_t kMax = INT64_MAX / 2, kMin = INT64_MIN / 2;
  int64_t step = 1, start, stop;
  if (!td_is_none(s->step)) {
    if (!slice_bound(ts, s->step, &step)) return false;
    if (step == 0) {
      td_err_set(ts, &td_type_ValueError, "slice step cannot be zero");
      return false;
    }
    if (step < -kMax) step = -kMax;
  }
  if (td_is_none(s->start)) {
    start = step < 0 ? kMax : 0;
  } else if (!slice_bound(ts, s->start, &start)) {
    return false;
  }
  if (td_is_none(s->stop)) {
    stop = step < 0 ? kMin : kMax;
  } else if (!slice_bound(ts, s->stop, &stop)) {
    return false;
  }
  if (start < 0) {
    start += len;
    if (start < 0) start = step < 0 ? -1 : 0;
  } else if (start >= len) {
    start = step < 0 ? len - 1 : len;
  }
  if (stop < 0) {
    stop += len;
    if (stop < 0) stop = step < 0 ? -1 : 0;
  } else if (stop >= len) {
    stop = step < 0 ? len - 1 : len;
  }
  int64_t length = 0;
  if (step < 0) {
    if (stop < start) length = (start - stop - 1) / (-step) + 1;
  } else if (start < stop) {
    length = (stop - start - 1) / step + 1;
  }
  *out = {start, stop, step, length};
  return true;
}

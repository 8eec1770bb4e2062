// iter.cpp — the iteration protocol, unpacking, and sequence helpers.
//
// td_iter asks the type's iter slot for an iterator; td_next asks the
// iterator's next slot for the next item, TD_DONE at the end (no
// StopIteration object is created on the common path).  Lists and tuples
// share one index-based iterator (seqiter) that re-checks the length at
// every step, so appending to a list while iterating it behaves as in
// CPython.
//
// Also here, because every container uses them: lexicographic compare,
// "[a, b]" reprs with the self-reference guard, index normalisation and
// collecting an iterable into a vector.
#include <algorithm>

#include "containers.h"
#include "runtime.h"

namespace {

struct SeqIter {
  TdObject ob;
  TdValue seq; // list or tuple (owned), 0 once exhausted
  int64_t index;
};

void seqiter_dealloc(TdObject *o) {
  td_decref(reinterpret_cast<SeqIter *>(o)->seq);
  td_free_object(o);
}

TdValue seqiter_next(TdThread *, TdValue self) {
  SeqIter *it = reinterpret_cast<SeqIter *>(self);
  if (!it->seq) return TD_DONE;
  TdValue *items;
  int64_t n;
  td_seq_parts(it->seq, &items, &n);
  if (it->index < n) return td_newref(items[it->index++]);
  TdValue s = it->seq;
  it->seq = 0;
  td_decref(s);
  return TD_DONE;
}

TdValue iter_self(TdThread *, TdValue self) { return td_newref(self); }

int64_t seqiter_hash(TdThread *, TdValue v) { return int64_t(v >> 4); }

} // namespace

TdType td_type_list_iterator = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "list_iterator",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = seqiter_dealloc,
    .hash = seqiter_hash,
    .iter = iter_self,
    .next = seqiter_next,
};

TdType td_type_tuple_iterator = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "tuple_iterator",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = seqiter_dealloc,
    .hash = seqiter_hash,
    .iter = iter_self,
    .next = seqiter_next,
};

TdValue td_seq_iter_new(TdThread *ts, TdValue seq) {
  TdType *t = td_is_tuple(seq) ? &td_type_tuple_iterator : &td_type_list_iterator;
  TdObject *o = td_alloc_object(t, sizeof(SeqIter));
  if (!o) return td_err_nomem(ts);
  SeqIter *it = reinterpret_cast<SeqIter *>(o);
  it->seq = td_newref(seq);
  it->index = 0;
  return td_val(o);
}

extern "C" TdValue td_iter(TdThread *ts, TdValue v) {
  TdType *t = td_type_of(v);
  if (t->iter) return t->iter(ts, v);
  td_err_format(ts, &td_type_TypeError, "'%s' object is not iterable", t->name);
  return 0;
}

extern "C" TdValue td_next(TdThread *ts, TdValue it) {
  TdType *t = td_type_of(it);
  if (t->next) return t->next(ts, it);
  td_err_format(ts, &td_type_TypeError, "'%s' object is not an iterator", t->name);
  return 0;
}

namespace {

void unpack_count_error(TdThread *ts, int64_t expected, int64_t got) {
  td_err_format(ts, &td_type_ValueError, "not enough values to unpack (expected %lld, got %lld)",
                (long long)expected, (long long)got);
}

TdValue unpack_iter(TdThread *ts, TdValue v) {
  TdType *t = td_type_of(v);
  if (!t->iter) {
    td_err_format(ts, &td_type_TypeError, "cannot unpack non-iterable %s object", t->name);
    return 0;
  }
  return t->iter(ts, v);
}

} // namespace

extern "C" int32_t td_unpack(TdThread *ts, TdValue v, int64_t n, TdValue *out) {
  if (td_is_tuple(v) || td_is_list(v)) {
    TdValue *items;
    int64_t size;
    td_seq_parts(v, &items, &size);
    if (size == n) {
      for (int64_t i = 0; i < n; i++) out[i] = td_newref(items[i]);
      return 0;
    }
    if (size < n) {
      unpack_count_error(ts, n, size);
    } else {
      td_err_format(ts, &td_type_ValueError, "too many values to unpack (expected %lld)", (long long)n);
    }
    return -1;
  }
  TdValue it = unpack_iter(ts, v);
  if (!it) return -1;
  int64_t got = 0;
  auto fail = [&]() {
    for (int64_t i = 0; i < got; i++) td_decref(out[i]);
    td_decref(it);
    return -1;
  };
  for (; got < n; got++) {
    TdValue x = td_next(ts, it);
    if (!x) return fail();
    if (x == TD_DONE) {
      unpack_count_error(ts, n, got);
      return fail();
    }
    out[got] = x;
  }
  TdValue extra = td_next(ts, it);
  if (!extra) return fail();
  if (extra != TD_DONE) {
    td_decref(extra);
    td_err_format(ts, &td_type_ValueError, "too many values to unpack (expected %lld)", (long long)n);
    return fail();
  }
  td_decref(it);
  return 0;
}

extern "C" int32_t td_unpack_ex(TdThread *ts, TdValue v, int64_t before, int64_t after,
                                TdValue *out) {
  TdValue it = unpack_iter(ts, v);
  if (!it) return -1;
  std::vector<TdValue> all;
  for (;;) {
    TdValue x = td_next(ts, it);
    if (x == TD_DONE) break;
    if (!x) {
      td_release_all(all);
      td_decref(it);
      return -1;
    }
    all.push_back(x);
  }
  td_decref(it);
  int64_t got = int64_t(all.size());
  if (got < before + after) {
    td_err_format(ts, &td_type_ValueError,
                  "not enough values to unpack (expected at least %lld, got %lld)",
                  (long long)(before + after), (long long)got);
    td_release_all(all);
    return -1;
  }
  for (int64_t i = 0; i < before; i++) out[i] = all[size_t(i)];
  int64_t mid = got - before - after;
  TdValue list = td_list_new(ts, mid);
  if (!list) {
    td_release_all(all);
    return -1;
  }
  for (int64_t i = 0; i < mid; i++) td_list_append_steal(ts, list, all[size_t(before + i)]);
  out[before] = list;
  for (int64_t i = 0; i < after; i++) out[before + 1 + i] = all[size_t(before + mid + i)];
  return 0;
}

// ---------------------------------------------------------------------------
// Sequence helpers
// ---------------------------------------------------------------------------

bool td_collect(TdThread *ts, TdValue iterable, std::vector<TdValue> &out) {
  if (td_is_list(iterable) || td_is_tuple(iterable)) {
    TdValue *items;
    int64_t n;
    td_seq_parts(iterable, &items, &n);
    out.reserve(out.size() + size_t(n));
    for (int64_t i = 0; i < n; i++) out.push_back(td_newref(items[i]));
    return true;
  }
  TdValue it = td_iter(ts, iterable);
  if (!it) return false;
  for (;;) {
    TdValue x = td_next(ts, it);
    if (x == TD_DONE) break;
    if (!x) {
      td_decref(it);
      td_release_all(out);
      return false;
    }
    out.push_back(x);
  }
  td_decref(it);
  return true;
}

void td_release_all(std::vector<TdValue> &v) {
  std::vector<TdValue> tmp;
  tmp.swap(v);
  for (TdValue x : tmp) td_decref(x);
}

bool td_seq_index(TdThread *ts, TdValue key, int64_t len, const char *what, int64_t *out) {
  int64_t i;
  if (td_is_small(key)) {
    i = td_small_val(key);
  } else if (td_is_int(key)) {
    if (!td_index(ts, key, &i)) {
      td_err_clear(ts);
      td_err_format(ts, &td_type_IndexError, "cannot fit 'int' into an index-sized integer");
      return false;
    }
  } else {
    std::string_view w(what);
    w = w.substr(0, w.find(' '));
    td_err_format(ts, &td_type_TypeError, "%.*s indices must be integers or slices, not %s",
                  int(w.size()), w.data(), td_type_name(key));
    return false;
  }
  if (i < 0) i += len;
  if (i < 0 || i >= len) {
    td_err_format(ts, &td_type_IndexError, "%s index out of range", what);
    return false;
  }
  *out = i;
  return true;
}

bool td_stack_ok(TdThread *ts) {
  // The same slow path as a function entry: the limit may be a pending GIL
  // drop request (gil.cpp), which is answered here, not a real overflow.
  if (uintptr_t(__builtin_frame_address(0)) < ts->head.stack_limit) return td_recursion_check(ts) == 0;
  return true;
}

TdValue td_seq_richcompare(TdThread *ts, TdValue a, TdValue b, int op) {
  TdValue *ia, *ib;
  int64_t na, nb;
  td_seq_parts(a, &ia, &na);
  td_seq_parts(b, &ib, &nb);
  if (na != nb && (op == TD_CMP_EQ || op == TD_CMP_NE)) return td_bool(op == TD_CMP_NE);
  if (!td_stack_ok(ts)) return 0;
  int64_t i = 0;
  for (;; i++) {
    td_seq_parts(a, &ia, &na);
    td_seq_parts(b, &ib, &nb);
    if (i >= na || i >= nb) break;
    TdValue x = td_newref(ia[i]), y = td_newref(ib[i]);
    int r = td_eq(ts, x, y);
    if (r < 0) {
      td_decref(x);
      td_decref(y);
      return 0;
    }
    if (!r) {
      TdValue res;
      if (op == TD_CMP_EQ) res = td_bool(false);
      else if (op == TD_CMP_NE) res = td_bool(true);
      else res = td_compare(ts, op, x, y);
      td_decref(x);
      td_decref(y);
      return res;
    }
    td_decref(x);
    td_decref(y);
  }
  bool r = false;
  switch (op) {
  case TD_CMP_EQ: r = na == nb; break;
  case TD_CMP_NE: r = na != nb; break;
  case TD_CMP_LT: r = na < nb; break;
  case TD_CMP_LE: r = na <= nb; break;
  case TD_CMP_GT: r = na > nb; break;
  case TD_CMP_GE: r = na >= nb; break;
  }
  return td_bool(r);
}

bool td_seq_repr(TdThread *ts, const TdValue *items, int64_t n, const char *open,
                 const char *close, std::string &out) {
  if (!td_stack_ok(ts)) return false;
  out += open;
  for (int64_t i = 0; i < n; i++) {
    if (i) out += ", ";
    if (!td_repr_to(ts, items[i], out)) return false;
  }
  out += close;
  return true;
}

bool td_repr_enter(TdThread *ts, TdValue v) {
  auto &stack = ts->rt->reprStack;
  if (std::find(stack.begin(), stack.end(), v) != stack.end()) return true;
  stack.push_back(v);
  return false;
}

void td_repr_leave(TdThread *ts, TdValue v) {
  auto &stack = ts->rt->reprStack;
  auto it = std::find(stack.rbegin(), stack.rend(), v);
  if (it != stack.rend()) stack.erase(std::next(it).base());
}

// ---------------------------------------------------------------------------
// Subscription: obj[key], obj[key] = v, del obj[key]
// ---------------------------------------------------------------------------

extern "C" TdValue td_getitem(TdThread *ts, TdValue obj, TdValue key) {
  TdType *t = td_type_of(obj);
  if (t->getitem) return t->getitem(ts, obj, key);
  if (t == &td_type_type) {
    td_err_format(ts, &td_type_TypeError, "type '%s' is not subscriptable",
                  reinterpret_cast<TdType *>(obj)->name);
    return 0;
  }
  td_err_format(ts, &td_type_TypeError, "'%s' object is not subscriptable", t->name);
  return 0;
}

extern "C" int32_t td_setitem(TdThread *ts, TdValue obj, TdValue key, TdValue v) {
  TdType *t = td_type_of(obj);
  if (t->setitem) return t->setitem(ts, obj, key, v);
  td_err_format(ts, &td_type_TypeError, "'%s' object does not support item assignment", t->name);
  return -1;
}

extern "C" int32_t td_delitem(TdThread *ts, TdValue obj, TdValue key) {
  TdType *t = td_type_of(obj);
  if (t->setitem) return t->setitem(ts, obj, key, 0);
  td_err_format(ts, &td_type_TypeError, "'%s' object doesn't support item deletion", t->name);
  return -1;
}

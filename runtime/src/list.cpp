// list.cpp — the list type.
//
// A list is a growable array of owned TdValues (TdList: size, cap, items).
// Growth over-allocates by 1/8 plus a constant like CPython, so append is
// amortised O(1).  Every operation that calls back into user code (==, <,
// key functions, iteration of an argument) re-reads size and items after
// the call, because that code may have mutated the list.
//
// Sorting: CPython's TimSort is stable and compares with `<` only; we use
// std::stable_sort on the (key, index) array with a comparator that records
// the first failure and then answers "not less" so the sort finishes
// quickly; the error is then propagated.  While sorting, the list is empty
// (as in CPython), so a key function that looks at it sees [] and one that
// mutates it is caught ("list modified during sort").
#include <algorithm>
#include <cstdlib>

#include "containers.h"
#include "runtime.h"

namespace {

TdList *L(TdValue v) { return td_as_list(v); }

bool list_reserve(TdThread *ts, TdList *l, int64_t need) {
  if (need <= l->cap) return true;
  int64_t cap = need + (need >> 3) + (need < 9 ? 3 : 6);
  auto *p = static_cast<TdValue *>(realloc(l->items, size_t(cap) * sizeof(TdValue)));
  if (!p) {
    td_err_nomem(ts);
    return false;
  }
  l->items = p;
  l->cap = cap;
  return true;
}

void list_dealloc(TdObject *o) {
  TdList *l = reinterpret_cast<TdList *>(o);
  for (int64_t i = 0; i < l->size; i++) td_decref(l->items[i]);
  free(l->items);
  td_free_object(o);
}

// Replaces items [lo, hi) with the n values in `src` (borrowed).
bool list_replace(TdThread *ts, TdList *l, int64_t lo, int64_t hi, const TdValue *src, int64_t n) {
  int64_t removed = hi - lo;
  std::vector<TdValue> old(l->items + lo, l->items + hi);
  int64_t newSize = l->size - removed + n;
  if (n > removed && !list_reserve(ts, l, newSize)) return false;
  memmove(l->items + lo + n, l->items + hi, size_t(l->size - hi) * sizeof(TdValue));
  for (int64_t i = 0; i < n; i++) l->items[lo + i] = td_newref(src[i]);
  l->size = newSize;
  // Old items are released last: their deallocs may run user code.
  for (TdValue v : old) td_decref(v);
  return true;
}

TdValue list_repr(TdThread *ts, TdValue self) {
  std::string s;
  if (td_repr_enter(ts, self)) return td_str_from(ts, "[...]");
  bool ok = td_seq_repr(ts, L(self)->items, L(self)->size, "[", "]", s);
  td_repr_leave(ts, self);
  return ok ? td_str_from(ts, s) : 0;
}

int64_t list_len(TdThread *, TdValue self) { return L(self)->size; }

TdValue list_richcompare(TdThread *ts, TdValue a, TdValue b, int op) {
  if (!td_is_list(a) || !td_is_list(b)) return td_newref(td_val(&td_NotImplemented));
  return td_seq_richcompare(ts, a, b, op);
}

TdValue list_repeat(TdThread *ts, TdValue list, int64_t n) {
  int64_t size = L(list)->size;
  if (n < 0) n = 0;
  if (size && n > INT64_MAX / 16 / size) return td_err_nomem(ts);
  TdValue r = td_list_new(ts, size * n);
  if (!r) return 0;
  TdList *rl = L(r);
  for (int64_t k = 0; k < n; k++)
    for (int64_t i = 0; i < size; i++) rl->items[rl->size++] = td_newref(L(list)->items[i]);
  return r;
}

bool is_user_object(TdValue v) {
  return !td_is_small(v) && (td_obj(v)->type->flags & TD_TF_HEAPTYPE);
}

TdValue list_binop(TdThread *ts, int op, TdValue a, TdValue b) {
  if (op == TD_OP_ADD && td_is_list(a)) {
    if (!td_is_list(b)) {
      if (is_user_object(b)) return td_newref(td_val(&td_NotImplemented));
      td_err_format(ts, &td_type_TypeError, "can only concatenate list (not \"%s\") to list",
                    td_type_name(b));
      return 0;
    }
    TdValue r = td_list_new(ts, L(a)->size + L(b)->size);
    if (!r) return 0;
    for (int64_t i = 0; i < L(a)->size; i++) L(r)->items[L(r)->size++] = td_newref(L(a)->items[i]);
    for (int64_t i = 0; i < L(b)->size; i++) L(r)->items[L(r)->size++] = td_newref(L(b)->items[i]);
    return r;
  }
  if (op == TD_OP_MUL) {
    TdValue list = td_is_list(a) ? a : b;
    TdValue count = td_is_list(a) ? b : a;
    if (!td_is_int(count)) {
      if (is_user_object(count)) return td_newref(td_val(&td_NotImplemented));
      td_err_format(ts, &td_type_TypeError, "can't multiply sequence by non-int of type '%s'",
                    td_type_name(count));
      return 0;
    }
    int64_t n;
    if (!td_index(ts, count, &n)) return 0;
    return list_repeat(ts, list, n);
  }
  return td_newref(td_val(&td_NotImplemented));
}

TdValue list_inplace(TdThread *ts, int op, TdValue a, TdValue b) {
  if (op == TD_OP_ADD && td_is_list(a)) {
    if (td_list_extend(ts, a, b) < 0) return 0;
    return td_newref(a);
  }
  if (op == TD_OP_MUL && td_is_list(a)) {
    if (!td_is_int(b)) return list_binop(ts, op, a, b);
    int64_t n;
    if (!td_index(ts, b, &n)) return 0;
    TdList *l = L(a);
    if (n <= 0) {
      std::vector<TdValue> old(l->items, l->items + l->size);
      l->size = 0;
      td_release_all(old);
      return td_newref(a);
    }
    int64_t size = l->size;
    if (size && n > INT64_MAX / 16 / size) return td_err_nomem(ts);
    if (!list_reserve(ts, l, size * n)) return 0;
    for (int64_t k = 1; k < n; k++)
      for (int64_t i = 0; i < size; i++) l->items[l->size++] = td_newref(l->items[i]);
    return td_newref(a);
  }
  return list_binop(ts, op, a, b);
}

TdValue list_getitem(TdThread *ts, TdValue self, TdValue key) {
  TdList *l = L(self);
  if (td_is_slice(key)) {
    TdSliceIndices si;
    if (!td_slice_indices(ts, key, l->size, &si)) return 0;
    TdValue r = td_list_new(ts, si.length);
    if (!r) return 0;
    for (int64_t i = 0, j = si.start; i < si.length; i++, j += si.step)
      L(r)->items[L(r)->size++] = td_newref(l->items[j]);
    return r;
  }
  int64_t i;
  if (!td_seq_index(ts, key, l->size, "list", &i)) return 0;
  return td_newref(l->items[i]);
}

int list_setitem(TdThread *ts, TdValue self, TdValue key, TdValue v) {
  TdList *l = L(self);
  if (td_is_slice(key)) {
    TdSliceIndices si;
    if (!td_slice_indices(ts, key, l->size, &si)) return -1;
    if (!v) { // del a[i:j:k]
      if (si.step == 1) return list_replace(ts, l, si.start, si.start + si.length, nullptr, 0) ? 0 : -1;
      if (si.length == 0) return 0;
      if (si.step < 0) { // normalise to ascending order
        si.start = si.start + si.step * (si.length - 1);
        si.step = -si.step;
      }
      std::vector<TdValue> removed;
      int64_t w = 0;
      for (int64_t r = 0, next = si.start, k = 0; r < l->size; r++) {
        if (k < si.length && r == next) {
          removed.push_back(l->items[r]);
          next += si.step;
          k++;
        } else {
          l->items[w++] = l->items[r];
        }
      }
      l->size = w;
      td_release_all(removed);
      return 0;
    }
    std::vector<TdValue> src;
    if (!td_collect(ts, v, src)) return -1;
    int rc = 0;
    if (si.step == 1) {
      if (si.length == 0 && si.start > l->size) si.start = l->size;
      if (!list_replace(ts, l, si.start, si.start + si.length, src.data(), int64_t(src.size()))) rc = -1;
    } else if (int64_t(src.size()) != si.length) {
      td_err_format(ts, &td_type_ValueError,
                    "attempt to assign sequence of size %zu to extended slice of size %lld",
                    src.size(), (long long)si.length);
      rc = -1;
    } else {
      std::vector<TdValue> old;
      for (int64_t i = 0, j = si.start; i < si.length; i++, j += si.step) {
        old.push_back(l->items[j]);
        l->items[j] = td_newref(src[size_t(i)]);
      }
      td_release_all(old);
    }
    td_release_all(src);
    return rc;
  }
  int64_t i;
  if (!td_seq_index(ts, key, l->size, "list assignment", &i)) return -1;
  if (!v) return list_replace(ts, l, i, i + 1, nullptr, 0) ? 0 : -1;
  TdValue old = l->items[i];
  l->items[i] = td_newref(v);
  td_decref(old);
  return 0;
}

int list_contains(TdThread *ts, TdValue self, TdValue item) {
  for (int64_t i = 0; i < L(self)->size; i++) {
    TdValue x = td_newref(L(self)->items[i]);
    int r = td_eq(ts, x, item);
    td_decref(x);
    if (r != 0) return r;
  }
  return 0;
}

TdValue list_construct(TdThread *ts, TdValue, const TdValue *args, int64_t nargs, TdValue kwnames) {
  if (!td_no_kwargs(ts, "list", kwnames)) return 0;
  if (!td_check_nargs(ts, "list", nargs, 0, 1)) return 0;
  if (nargs == 0) return td_list_new(ts, 0);
  return td_list_from_iterable(ts, args[0]);
}

// --- methods ----------------------------------------------------------------

TdValue m_append(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "list.append", kw) || !td_check_nargs(ts, "append", nargs, 1, 1)) return 0;
  if (td_list_append(ts, self, args[0]) < 0) return 0;
  return td_none();
}

TdValue m_extend(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "list.extend", kw) || !td_check_nargs(ts, "extend", nargs, 1, 1)) return 0;
  if (td_list_extend(ts, self, args[0]) < 0) return 0;
  return td_none();
}

TdValue m_insert(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "list.insert", kw) || !td_check_nargs(ts, "insert", nargs, 2, 2)) return 0;
  int64_t i;
  if (!td_index(ts, args[0], &i)) return 0;
  TdList *l = L(self);
  if (i < 0) i = std::max<int64_t>(0, i + l->size);
  if (i > l->size) i = l->size;
  if (!list_replace(ts, l, i, i, &args[1], 1)) return 0;
  return td_none();
}

TdValue m_pop(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "list.pop", kw) || !td_check_nargs(ts, "pop", nargs, 0, 1)) return 0;
  TdList *l = L(self);
  int64_t i = -1;
  if (nargs == 1 && !td_index(ts, args[0], &i)) return 0;
  if (l->size == 0) {
    td_err_set(ts, &td_type_IndexError, "pop from empty list");
    return 0;
  }
  if (i < 0) i += l->size;
  if (i < 0 || i >= l->size) {
    td_err_set(ts, &td_type_IndexError, "pop index out of range");
    return 0;
  }
  TdValue v = l->items[i];
  memmove(l->items + i, l->items + i + 1, size_t(l->size - i - 1) * sizeof(TdValue));
  l->size--;
  return v; // the list's reference becomes the caller's
}

// The index of the first item equal to x in [start, stop), -1 if none, -2
// on error.
int64_t find_item(TdThread *ts, TdValue self, TdValue x, int64_t start, int64_t stop) {
  for (int64_t i = start; i < stop && i < L(self)->size; i++) {
    TdValue it = td_newref(L(self)->items[i]);
    int r = td_eq(ts, it, x);
    td_decref(it);
    if (r < 0) return -2;
    if (r) return i;
  }
  return -1;
}

TdValue m_remove(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "list.remove", kw) || !td_check_nargs(ts, "remove", nargs, 1, 1)) return 0;
  int64_t i = find_item(ts, self, args[0], 0, L(self)->size);
  if (i == -2) return 0;
  if (i == -1) {
    td_err_set(ts, &td_type_ValueError, "list.remove(x): x not in list");
    return 0;
  }
  if (!list_replace(ts, L(self), i, i + 1, nullptr, 0)) return 0;
  return td_none();
}

// Clamps optional start/stop arguments like CPython's list.index.
bool clamp_range(TdThread *ts, const TdValue *args, int64_t nargs, int64_t len, int64_t *start,
                 int64_t *stop) {
  *start = 0;
  *stop = len;
  if (nargs >= 1 && !td_index(ts, args[0], start)) return false;
  if (nargs >= 2 && !td_index(ts, args[1], stop)) return false;
  if (*start < 0) *start = std::max<int64_t>(0, *start + len);
  if (*stop < 0) *stop = std::max<int64_t>(0, *stop + len);
  return true;
}

TdValue m_index(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "list.index", kw) || !td_check_nargs(ts, "index", nargs, 1, 3)) return 0;
  int64_t start, stop;
  if (!clamp_range(ts, args + 1, nargs - 1, L(self)->size, &start, &stop)) return 0;
  int64_t i = find_item(ts, self, args[0], start, stop);
  if (i == -2) return 0;
  if (i == -1) {
    std::string r;
    if (!td_repr_to(ts, args[0], r)) return 0;
    td_err_set(ts, &td_type_ValueError, r + " is not in list");
    return 0;
  }
  return td_small(i);
}

TdValue m_count(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "list.count", kw) || !td_check_nargs(ts, "count", nargs, 1, 1)) return 0;
  int64_t n = 0;
  for (int64_t i = 0; i < L(self)->size; i++) {
    TdValue it = td_newref(L(self)->items[i]);
    int r = td_eq(ts, it, args[0]);
    td_decref(it);
    if (r < 0) return 0;
    n += r;
  }
  return td_small(n);
}

TdValue m_sort(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs, TdValue kw) {
  TdValue a[2];
  if (nargs - td_kwcount(kw) > 0) {
    td_err_set(ts, &td_type_TypeError, "sort() takes no positional arguments");
    return 0;
  }
  if (!td_parse_call(ts, "sort", args, nargs, kw, {"$key", "$reverse"}, 0, a)) return 0;
  bool reverse = false;
  if (a[1]) {
    int r = td_truthy(ts, a[1]);
    if (r < 0) return 0;
    reverse = r;
  }
  TdValue key = a[0] && !td_is_none(a[0]) ? a[0] : 0;
  if (td_list_sort(ts, self, key, reverse) < 0) return 0;
  return td_none();
}

TdValue m_reverse(TdThread *ts, TdValue self, const TdValue *, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "list.reverse", kw) || !td_check_nargs(ts, "reverse", nargs, 0, 0)) return 0;
  std::reverse(L(self)->items, L(self)->items + L(self)->size);
  return td_none();
}

TdValue m_copy(TdThread *ts, TdValue self, const TdValue *, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "list.copy", kw) || !td_check_nargs(ts, "copy", nargs, 0, 0)) return 0;
  TdValue r = td_list_new(ts, L(self)->size);
  if (!r) return 0;
  for (int64_t i = 0; i < L(self)->size; i++) L(r)->items[L(r)->size++] = td_newref(L(self)->items[i]);
  return r;
}

TdValue m_clear(TdThread *ts, TdValue self, const TdValue *, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "list.clear", kw) || !td_check_nargs(ts, "clear", nargs, 0, 0)) return 0;
  std::vector<TdValue> old(L(self)->items, L(self)->items + L(self)->size);
  L(self)->size = 0;
  td_release_all(old);
  return td_none();
}

const TdMethodDef list_methods[] = {
    {"append", m_append}, {"extend", m_extend}, {"insert", m_insert},   {"pop", m_pop},
    {"remove", m_remove}, {"index", m_index},   {"count", m_count},     {"sort", m_sort},
    {"reverse", m_reverse}, {"copy", m_copy},   {"clear", m_clear},     {nullptr, nullptr},
};

TdValue list_iter(TdThread *ts, TdValue self) { return td_seq_iter_new(ts, self); }

} // namespace

TdType td_type_list = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "list",
    .base = &td_type_object,
    .flags = TD_TF_BASETYPE | TD_TF_LIST_SUBCLASS,
    .dealloc = list_dealloc,
    .repr = list_repr,
    .richcompare = list_richcompare,
    .len = list_len,
    .binop = list_binop,
    .inplace = list_inplace,
    .getitem = list_getitem,
    .setitem = list_setitem,
    .contains = list_contains,
    .iter = list_iter,
    .construct = list_construct,
    .methods = list_methods,
};

TdValue td_list_new(TdThread *ts, int64_t reserve) {
  TdObject *o = td_alloc_object(&td_type_list, sizeof(TdList));
  if (!o) return td_err_nomem(ts);
  TdList *l = reinterpret_cast<TdList *>(o);
  l->size = 0;
  l->cap = 0;
  l->items = nullptr;
  if (reserve > 0 && !list_reserve(ts, l, reserve)) {
    td_free_object(o);
    return 0;
  }
  return td_val(o);
}

int td_list_append_steal(TdThread *ts, TdValue list, TdValue v) {
  TdList *l = L(list);
  if (l->size == l->cap && !list_reserve(ts, l, l->size + 1)) {
    td_decref(v);
    return -1;
  }
  l->items[l->size++] = v;
  return 0;
}

extern "C" int32_t td_list_append(TdThread *ts, TdValue list, TdValue v) {
  return td_list_append_steal(ts, list, td_newref(v));
}

extern "C" int32_t td_list_extend(TdThread *ts, TdValue list, TdValue iterable) {
  if (td_is_list(iterable) || td_is_tuple(iterable)) {
    TdValue *items;
    int64_t n;
    td_seq_parts(iterable, &items, &n);
    TdList *l = L(list);
    if (!list_reserve(ts, l, l->size + n)) return -1;
    td_seq_parts(iterable, &items, &n); // items may be l's own, now moved
    for (int64_t i = 0; i < n; i++) l->items[l->size + i] = td_newref(items[i]);
    l->size += n;
    return 0;
  }
  TdValue it = td_iter(ts, iterable);
  if (!it) return -1;
  for (;;) {
    TdValue v = td_next(ts, it);
    if (v == TD_DONE) break;
    if (!v || td_list_append_steal(ts, list, v) < 0) {
      td_decref(it);
      return -1;
    }
  }
  td_decref(it);
  return 0;
}

TdValue td_list_from_iterable(TdThread *ts, TdValue iterable) {
  TdValue r = td_list_new(ts, 0);
  if (!r) return 0;
  if (td_list_extend(ts, r, iterable) < 0) {
    td_decref(r);
    return 0;
  }
  return r;
}

extern "C" TdValue td_build_list(TdThread *ts, TdValue *items, int64_t n) {
  TdValue r = td_list_new(ts, n);
  if (!r) {
    for (int64_t i = 0; i < n; i++) td_decref(items[i]);
    return 0;
  }
  for (int64_t i = 0; i < n; i++) L(r)->items[i] = items[i];
  L(r)->size = n;
  return r;
}

extern "C" TdValue td_list_to_tuple(TdThread *ts, TdValue list) {
  TdList *l = L(list);
  TdValue t = td_tuple_new(ts, l->size);
  if (!t) return 0;
  for (int64_t i = 0; i < l->size; i++) td_as_tuple(t)->items[i] = td_newref(l->items[i]);
  return t;
}

int td_list_sort(TdThread *ts, TdValue list, TdValue key, bool reverse) {
  if (!list) return 0;
  TdList *l = L(list);
  // Take the items out: the list is empty while sorting.
  int64_t n = l->size;
  TdValue *items = l->items;
  int64_t cap = l->cap;
  l->items = nullptr;
  l->size = 0;
  l->cap = 0;

  std::vector<TdValue> keys;
  bool failed = false;
  if (key) {
    keys.reserve(size_t(n));
    for (int64_t i = 0; i < n; i++) {
      TdValue k = td_call1(ts, key, items[i]);
      if (!k) {
        failed = true;
        break;
      }
      keys.push_back(k);
    }
  }
  const TdValue *kv = key ? keys.data() : items;
  if (!failed && n > 1) {
    std::vector<int64_t> order(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; i++) order[size_t(i)] = i;
    bool allSmall = true, allStr = true;
    for (int64_t i = 0; i < n; i++) {
      allSmall = allSmall && td_is_small(kv[i]);
      allStr = allStr && !td_is_small(kv[i]) && td_obj(kv[i])->type == &td_type_str;
    }
    auto less = [&](int64_t a, int64_t b) -> bool {
      TdValue x = kv[a], y = kv[b];
      if (reverse) std::swap(x, y);
      if (allSmall) return td_small_val(x) < td_small_val(y);
      if (allStr) return td_str_view(x) < td_str_view(y);
      if (failed) return false;
      int r = td_compare_bool(ts, TD_CMP_LT, x, y);
      if (r < 0) {
        failed = true;
        return false;
      }
      return r == 1;
    };
    std::stable_sort(order.begin(), order.end(), less);
    if (!failed) {
      std::vector<TdValue> sorted(static_cast<size_t>(n));
      for (int64_t i = 0; i < n; i++) sorted[size_t(i)] = items[order[size_t(i)]];
      std::copy(sorted.begin(), sorted.end(), items);
    }
  }
  td_release_all(keys);
  // Put the items back; if user code filled the list meanwhile, drop that.
  bool modified = l->size != 0 || l->items != nullptr;
  std::vector<TdValue> intruders(l->items, l->items + l->size);
  free(l->items);
  l->items = items;
  l->size = n;
  l->cap = cap;
  td_release_all(intruders);
  if (modified && !failed) {
    td_err_set(ts, &td_type_ValueError, "list modified during sort");
    return -1;
  }
  return failed ? -1 : 0;
}

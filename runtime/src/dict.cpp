// dict.cpp — the insertion-ordered dict and its views.
//
// Layout (CPython 3.6+'s compact dict): `entries` is a dense array of
// (hash, key, value) in insertion order; `indices` is an open-addressing
// table of positions into `entries` (kEmpty, kDummy for a deleted slot).
// Iteration walks `entries`, so it follows insertion order for free, and
// the table stays small (8 bytes a slot here; CPython packs 1-8 bytes).
// Probing uses CPython's perturbation recurrence
//   i = (i*5 + perturb + 1) & mask; perturb >>= 5
// so every slot is eventually visited.  The table is grown (and entries
// compacted, dropping deleted ones) when entries reach 2/3 of the slots.
//
// Key comparison: identity first, then the str and small-int fast paths
// (no call), then td_eq.  td_eq may run user __eq__ that mutates the dict;
// `version` counts structural changes and a lookup that sees it move
// restarts, as CPython does.
//
// Rejected: std::unordered_map (no insertion order, a node per entry) and
// a linked hash map (two pointers per entry, poor locality).
#include <cstdlib>

#include "containers.h"
#include "runtime.h"

namespace {

constexpr int64_t kEmpty = -1;
constexpr int64_t kDummy = -2;
constexpr int64_t kMinSize = 8;

struct Entry {
  int64_t hash;
  TdValue key; // 0: deleted
  TdValue value;
};

struct TdDict {
  TdObject ob;
  int64_t used;     // live entries
  int64_t nentries; // entries[0..nentries) in use, live or deleted
  int64_t usable;   // capacity of entries before a resize
  int64_t mask;     // table size - 1
  uint64_t version;
  Entry *entries;
  int64_t *indices;
};

TdDict *D(TdValue v) { return reinterpret_cast<TdDict *>(v); }

bool alloc_table(TdThread *ts, TdDict *d, int64_t size) {
  auto *idx = static_cast<int64_t *>(malloc(size_t(size) * sizeof(int64_t)));
  auto *ent = static_cast<Entry *>(malloc(size_t(size * 2 / 3) * sizeof(Entry)));
  if (!idx || !ent) {
    free(idx);
    free(ent);
    td_err_nomem(ts);
    return false;
  }
  for (int64_t i = 0; i < size; i++) idx[i] = kEmpty;
  d->indices = idx;
  d->entries = ent;
  d->mask = size - 1;
  d->usable = size * 2 / 3;
  d->nentries = 0;
  return true;
}

// Rebuilds the table for `minused` live entries, compacting entries.
bool resize(TdThread *ts, TdDict *d, int64_t minused) {
  int64_t size = kMinSize;
  while (size * 2 / 3 <= minused) size <<= 1;
  Entry *old = d->entries;
  int64_t *oldIdx = d->indices;
  int64_t oldN = d->nentries;
  if (!alloc_table(ts, d, size)) {
    d->entries = old;
    d->indices = oldIdx;
    return false;
  }
  for (int64_t i = 0; i < oldN; i++) {
    if (!old[i].key) continue;
    uint64_t perturb = uint64_t(old[i].hash);
    uint64_t j = uint64_t(old[i].hash) & uint64_t(d->mask);
    while (d->indices[j] != kEmpty) {
      perturb >>= 5;
      j = (j * 5 + perturb + 1) & uint64_t(d->mask);
    }
    d->indices[j] = d->nentries;
    d->entries[d->nentries++] = old[i];
  }
  free(old);
  free(oldIdx);
  d->version++;
  return true;
}

// Fast equality that never calls out: 1 equal, 0 different, -1 unknown.
int quick_eq(TdValue a, TdValue b) {
  if (a == b) return 1;
  if (td_is_small(a) && td_is_small(b)) return 0;
  if (!td_is_small(a) && !td_is_small(b) && td_obj(a)->type == &td_type_str &&
      td_obj(b)->type == &td_type_str)
    return td_str_view(a) == td_str_view(b) ? 1 : 0;
  return -1;
}

// Finds `key`: returns 1 and *entry = its position, or 0 and *slot = the
// table slot where it would go.  -1 on error.
int lookup(TdThread *ts, TdDict *d, TdValue key, int64_t hash, int64_t *entry, uint64_t *slot) {
restart:
  uint64_t mask = uint64_t(d->mask);
  uint64_t perturb = uint64_t(hash);
  uint64_t i = uint64_t(hash) & mask;
  int64_t freeSlot = -1;
  for (;;) {
    int64_t ix = d->indices[i];
    if (ix == kEmpty) {
      *slot = freeSlot >= 0 ? uint64_t(freeSlot) : i;
      return 0;
    }
    if (ix == kDummy) {
      if (freeSlot < 0) freeSlot = int64_t(i);
    } else {
      Entry &e = d->entries[ix];
      if (e.hash == hash) {
        int q = quick_eq(e.key, key);
        if (q == 1) {
          *entry = ix;
          return 1;
        }
        if (q < 0) {
          uint64_t version = d->version;
          TdValue k = td_newref(e.key);
          int r = td_eq(ts, k, key);
          td_decref(k);
          if (r < 0) return -1;
          if (d->version != version) goto restart;
          if (r) {
            *entry = ix;
            return 1;
          }
        }
      }
    }
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & mask;
  }
}

// Inserts or replaces; steals neither.
int dict_set(TdThread *ts, TdDict *d, TdValue key, int64_t hash, TdValue value) {
  int64_t ix;
  uint64_t slot;
  int r = lookup(ts, d, key, hash, &ix, &slot);
  if (r < 0) return -1;
  if (r == 1) {
    TdValue old = d->entries[ix].value;
    d->entries[ix].value = td_newref(value);
    td_decref(old);
    return 0;
  }
  if (d->nentries >= d->usable) {
    if (!resize(ts, d, d->used + 1)) return -1;
    r = lookup(ts, d, key, hash, &ix, &slot);
    if (r < 0) return -1;
  }
  d->indices[slot] = d->nentries;
  d->entries[d->nentries++] = {hash, td_newref(key), td_newref(value)};
  d->used++;
  d->version++;
  return 0;
}

// Removes entry `ix` found at some table slot; returns the key and value
// (owned) through out-parameters.
void remove_entry(TdDict *d, int64_t ix, TdValue *key, TdValue *value) {
  // Find the slot pointing at ix.
  uint64_t mask = uint64_t(d->mask);
  uint64_t perturb = uint64_t(d->entries[ix].hash);
  uint64_t i = uint64_t(d->entries[ix].hash) & mask;
  while (d->indices[i] != ix) {
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & mask;
  }
  d->indices[i] = kDummy;
  *key = d->entries[ix].key;
  *value = d->entries[ix].value;
  d->entries[ix].key = 0;
  d->entries[ix].value = 0;
  d->used--;
  d->version++;
}

void dict_dealloc(TdObject *o) {
  TdDict *d = reinterpret_cast<TdDict *>(o);
  for (int64_t i = 0; i < d->nentries; i++) {
    td_decref(d->entries[i].key);
    td_decref(d->entries[i].value);
  }
  free(d->entries);
  free(d->indices);
  td_free_object(o);
}

TdValue dict_repr(TdThread *ts, TdValue self) {
  TdDict *d = D(self);
  if (d->used == 0) return td_str_from(ts, "{}");
  if (td_repr_enter(ts, self)) return td_str_from(ts, "{...}");
  std::string s = "{";
  bool ok = td_stack_ok(ts);
  bool first = true;
  for (int64_t i = 0; ok && i < d->nentries; i++) {
    if (!d->entries[i].key) continue;
    if (!first) s += ", ";
    first = false;
    TdValue k = td_newref(d->entries[i].key), v = td_newref(d->entries[i].value);
    ok = td_repr_to(ts, k, s);
    if (ok) s += ": ";
    ok = ok && td_repr_to(ts, v, s);
    td_decref(k);
    td_decref(v);
  }
  td_repr_leave(ts, self);
  if (!ok) return 0;
  s += '}';
  return td_str_from(ts, s);
}

int64_t dict_len(TdThread *, TdValue self) { return D(self)->used; }

TdValue dict_richcompare(TdThread *ts, TdValue a, TdValue b, int op) {
  if (!td_is_dict(b) || (op != TD_CMP_EQ && op != TD_CMP_NE))
    return td_newref(td_val(&td_NotImplemented));
  bool eq = D(a)->used == D(b)->used;
  for (int64_t i = 0; eq && i < D(a)->nentries; i++) {
    if (!D(a)->entries[i].key) continue;
    TdValue k = td_newref(D(a)->entries[i].key), v = td_newref(D(a)->entries[i].value);
    TdValue bv;
    int r = td_dict_find(ts, b, k, &bv);
    if (r == 1) {
      td_incref(bv);
      r = td_eq(ts, v, bv);
      td_decref(bv);
    }
    td_decref(k);
    td_decref(v);
    if (r < 0) return 0;
    eq = r == 1;
  }
  return td_bool(op == TD_CMP_EQ ? eq : !eq);
}

TdValue dict_getitem(TdThread *ts, TdValue self, TdValue key) {
  TdValue v = 0;
  int r = td_dict_find(ts, self, key, &v);
  if (r < 0) return 0;
  if (r == 0) {
    td_err_key(ts, key);
    return 0;
  }
  return td_newref(v);
}

int dict_setitem(TdThread *ts, TdValue self, TdValue key, TdValue v) {
  if (!v) return td_dict_delitem(ts, self, key);
  return td_dict_setitem(ts, self, key, v);
}

int dict_contains(TdThread *ts, TdValue self, TdValue key) {
  TdValue v = 0;
  return td_dict_find(ts, self, key, &v);
}

TdValue dict_binop(TdThread *ts, int op, TdValue a, TdValue b) {
  if (op != TD_OP_OR || !td_is_dict(a) || !td_is_dict(b)) return td_newref(td_val(&td_NotImplemented));
  TdValue r = td_dict_copy(ts, a);
  if (!r) return 0;
  if (td_dict_update(ts, r, b) < 0) {
    td_decref(r);
    return 0;
  }
  return r;
}

TdValue dict_inplace(TdThread *ts, int op, TdValue a, TdValue b) {
  if (op != TD_OP_OR || !td_is_dict(a)) return td_newref(td_val(&td_NotImplemented));
  if (td_dict_update(ts, a, b) < 0) return 0;
  return td_newref(a);
}

// dict(...) and dict.update(...): one optional positional plus kwargs.
int update_from_call(TdThread *ts, TdValue self, const char *fname, const TdValue *args,
                     int64_t nargs, TdValue kwnames) {
  int64_t nkw = td_kwcount(kwnames);
  int64_t npos = nargs - nkw;
  if (npos > 1) {
    td_err_format(ts, &td_type_TypeError, "%s expected at most 1 argument, got %lld", fname,
                  (long long)npos);
    return -1;
  }
  if (npos == 1 && td_dict_update(ts, self, args[0]) < 0) return -1;
  for (int64_t k = 0; k < nkw; k++)
    if (td_dict_setitem(ts, self, td_as_tuple(kwnames)->items[k], args[npos + k]) < 0) return -1;
  return 0;
}

TdValue dict_construct(TdThread *ts, TdValue, const TdValue *args, int64_t nargs, TdValue kwnames) {
  TdValue d = td_dict_new(ts);
  if (!d) return 0;
  if (update_from_call(ts, d, "dict", args, nargs, kwnames) < 0) {
    td_decref(d);
    return 0;
  }
  return d;
}

TdValue new_view(TdThread *ts, TdType *type, TdValue d);
TdValue dict_iter_new(TdThread *ts, TdValue d, int kind);

TdValue dict_iter(TdThread *ts, TdValue self) { return dict_iter_new(ts, self, 0); }

// --- methods ------------------------------------------------------------------

#define NOKW(name)                                                                               \
  if (!td_no_kwargs(ts, name, kw)) return 0

TdValue m_keys(TdThread *ts, TdValue self, const TdValue *, int64_t nargs, TdValue kw) {
  NOKW("dict.keys");
  if (!td_check_nargs(ts, "keys", nargs, 0, 0)) return 0;
  return new_view(ts, &td_type_dict_keys, self);
}
TdValue m_values(TdThread *ts, TdValue self, const TdValue *, int64_t nargs, TdValue kw) {
  NOKW("dict.values");
  if (!td_check_nargs(ts, "values", nargs, 0, 0)) return 0;
  return new_view(ts, &td_type_dict_values, self);
}
TdValue m_items(TdThread *ts, TdValue self, const TdValue *, int64_t nargs, TdValue kw) {
  NOKW("dict.items");
  if (!td_check_nargs(ts, "items", nargs, 0, 0)) return 0;
  return new_view(ts, &td_type_dict_items, self);
}

TdValue m_get(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs, TdValue kw) {
  NOKW("dict.get");
  if (!td_check_nargs(ts, "get", nargs, 1, 2)) return 0;
  TdValue v = 0;
  int r = td_dict_find(ts, self, args[0], &v);
  if (r < 0) return 0;
  if (r) return td_newref(v);
  return td_newref(nargs == 2 ? args[1] : td_none());
}

TdValue m_setdefault(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs, TdValue kw) {
  NOKW("dict.setdefault");
  if (!td_check_nargs(ts, "setdefault", nargs, 1, 2)) return 0;
  TdValue v = 0;
  int r = td_dict_find(ts, self, args[0], &v);
  if (r < 0) return 0;
  if (r) return td_newref(v);
  TdValue def = nargs == 2 ? args[1] : td_none();
  if (td_dict_setitem(ts, self, args[0], def) < 0) return 0;
  return td_newref(def);
}

TdValue m_pop(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs, TdValue kw) {
  NOKW("dict.pop");
  if (!td_check_nargs(ts, "pop", nargs, 1, 2)) return 0;
  int64_t hash = td_hash(ts, args[0]);
  if (hash == -1 && td_err_occurred(ts)) return 0;
  int64_t ix;
  uint64_t slot;
  int r = lookup(ts, D(self), args[0], hash, &ix, &slot);
  if (r < 0) return 0;
  if (r == 0) {
    if (nargs == 2) return td_newref(args[1]);
    td_err_key(ts, args[0]);
    return 0;
  }
  TdValue k, v;
  remove_entry(D(self), ix, &k, &v);
  td_decref(k);
  return v;
}

TdValue m_popitem(TdThread *ts, TdValue self, const TdValue *, int64_t nargs, TdValue kw) {
  NOKW("dict.popitem");
  if (!td_check_nargs(ts, "popitem", nargs, 0, 0)) return 0;
  TdDict *d = D(self);
  if (d->used == 0) {
    td_err_set(ts, &td_type_KeyError, "popitem(): dictionary is empty");
    return 0;
  }
  int64_t ix = d->nentries - 1;
  while (!d->entries[ix].key) ix--;
  TdValue k, v;
  remove_entry(d, ix, &k, &v);
  d->nentries = ix; // LIFO: the tail is free again
  TdValue t = td_tuple_new(ts, 2);
  if (!t) {
    td_decref(k);
    td_decref(v);
    return 0;
  }
  td_as_tuple(t)->items[0] = k;
  td_as_tuple(t)->items[1] = v;
  return t;
}

TdValue m_update(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs, TdValue kw) {
  if (update_from_call(ts, self, "update", args, nargs, kw) < 0) return 0;
  return td_none();
}

TdValue m_copy(TdThread *ts, TdValue self, const TdValue *, int64_t nargs, TdValue kw) {
  NOKW("dict.copy");
  if (!td_check_nargs(ts, "copy", nargs, 0, 0)) return 0;
  return td_dict_copy(ts, self);
}

TdValue m_clear(TdThread *ts, TdValue self, const TdValue *, int64_t nargs, TdValue kw) {
  NOKW("dict.clear");
  if (!td_check_nargs(ts, "clear", nargs, 0, 0)) return 0;
  td_dict_clear(self);
  return td_none();
}

const TdMethodDef dict_methods[] = {
    {"keys", m_keys},       {"values", m_values}, {"items", m_items},     {"get", m_get},
    {"setdefault", m_setdefault}, {"pop", m_pop}, {"popitem", m_popitem}, {"update", m_update},
    {"copy", m_copy},       {"clear", m_clear},   {nullptr, nullptr},
};

// --- iterators and views ------------------------------------------------------

struct DictIter {
  TdObject ob;
  TdValue dict; // owned
  int64_t pos;
  int64_t used; // size when iteration started; -1 after the size error
  int kind;     // 0 keys, 1 values, 2 items
};

void dictiter_dealloc(TdObject *o) {
  td_decref(reinterpret_cast<DictIter *>(o)->dict);
  td_free_object(o);
}

TdValue dictiter_next(TdThread *ts, TdValue self) {
  DictIter *it = reinterpret_cast<DictIter *>(self);
  if (!it->dict) return TD_DONE;
  TdDict *d = D(it->dict);
  if (it->used != d->used) {
    it->used = -1;
    td_err_set(ts, &td_type_RuntimeError, "dictionary changed size during iteration");
    return 0;
  }
  while (it->pos < d->nentries && !d->entries[it->pos].key) it->pos++;
  if (it->pos >= d->nentries) {
    TdValue dv = it->dict;
    it->dict = 0;
    td_decref(dv);
    return TD_DONE;
  }
  Entry &e = d->entries[it->pos++];
  if (it->kind == 0) return td_newref(e.key);
  if (it->kind == 1) return td_newref(e.value);
  return td_tuple_pack(ts, {e.key, e.value});
}

TdValue iter_self(TdThread *, TdValue self) { return td_newref(self); }

struct DictView {
  TdObject ob;
  TdValue dict; // owned
};

TdValue view_dict(TdValue v) { return reinterpret_cast<DictView *>(v)->dict; }

void view_dealloc(TdObject *o) {
  td_decref(reinterpret_cast<DictView *>(o)->dict);
  td_free_object(o);
}

int64_t view_len(TdThread *, TdValue self) { return D(view_dict(self))->used; }

int view_kind(TdValue self) {
  TdType *t = td_obj(self)->type;
  return t == &td_type_dict_keys ? 0 : t == &td_type_dict_values ? 1 : 2;
}

TdValue view_iter(TdThread *ts, TdValue self) {
  return dict_iter_new(ts, view_dict(self), view_kind(self));
}

TdValue view_repr(TdThread *ts, TdValue self) {
  if (td_repr_enter(ts, self)) return td_str_from(ts, "...");
  std::vector<TdValue> items;
  TdValue list = 0;
  TdValue it = view_iter(ts, self);
  if (it) {
    list = td_list_from_iterable(ts, it);
    td_decref(it);
  }
  std::string s = td_obj(self)->type->name;
  s += '(';
  bool ok = list && td_repr_to(ts, list, s);
  td_decref(list);
  td_repr_leave(ts, self);
  if (!ok) return 0;
  s += ')';
  return td_str_from(ts, s);
}

int view_contains(TdThread *ts, TdValue self, TdValue item) {
  TdValue d = view_dict(self);
  int kind = view_kind(self);
  if (kind == 0) return dict_contains(ts, d, item);
  if (kind == 2) {
    if (!td_is_tuple(item) || td_as_tuple(item)->size != 2) return 0;
    TdValue v = 0;
    int r = td_dict_find(ts, d, td_as_tuple(item)->items[0], &v);
    if (r <= 0) return r;
    td_incref(v);
    r = td_eq(ts, v, td_as_tuple(item)->items[1]);
    td_decref(v);
    return r;
  }
  for (int64_t i = 0; i < D(d)->nentries; i++) {
    if (!D(d)->entries[i].key) continue;
    TdValue v = td_newref(D(d)->entries[i].value);
    int r = td_eq(ts, v, item);
    td_decref(v);
    if (r != 0) return r;
  }
  return 0;
}

} // namespace

const size_t td_dict_object_size = sizeof(TdDict);

TdType td_type_dict = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "dict",
    .base = &td_type_object,
    .flags = TD_TF_BASETYPE | TD_TF_DICT_SUBCLASS,
    .dealloc = dict_dealloc,
    .repr = dict_repr,
    .richcompare = dict_richcompare,
    .len = dict_len,
    .binop = dict_binop,
    .inplace = dict_inplace,
    .getitem = dict_getitem,
    .setitem = dict_setitem,
    .contains = dict_contains,
    .iter = dict_iter,
    .construct = dict_construct,
    .methods = dict_methods,
};

#define TD_DICT_VIEW_TYPE(NAME)                                                                  \
  TdType td_type_##NAME = {                                                         \
      .ob = TD_STATIC_TYPE_HEAD,                                                               \
      .name = #NAME,                                                                           \
      .base = &td_type_object,                                                                 \
      .flags = 0,                                                                              \
      .dealloc = view_dealloc,                                                                 \
      .repr = view_repr,                                                                       \
      .len = view_len,                                                                         \
      .contains = view_contains,                                                               \
      .iter = view_iter,                                                                       \
  };
TD_DICT_VIEW_TYPE(dict_keys)
TD_DICT_VIEW_TYPE(dict_values)
TD_DICT_VIEW_TYPE(dict_items)

TdType td_type_dict_keyiterator = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "dict_keyiterator",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = dictiter_dealloc,
    .iter = iter_self,
    .next = dictiter_next,
};

namespace {

TdValue new_view(TdThread *ts, TdType *type, TdValue d) {
  TdObject *o = td_alloc_object(type, sizeof(DictView));
  if (!o) return td_err_nomem(ts);
  reinterpret_cast<DictView *>(o)->dict = td_newref(d);
  return td_val(o);
}

TdValue dict_iter_new(TdThread *ts, TdValue d, int kind) {
  TdObject *o = td_alloc_object(&td_type_dict_keyiterator, sizeof(DictIter));
  if (!o) return td_err_nomem(ts);
  DictIter *it = reinterpret_cast<DictIter *>(o);
  it->dict = td_newref(d);
  it->pos = 0;
  it->used = D(d)->used;
  it->kind = kind;
  return td_val(o);
}

} // namespace

// ---------------------------------------------------------------------------
// Internal API
// ---------------------------------------------------------------------------

TdValue td_dict_new(TdThread *ts) {
  TdObject *o = td_alloc_object(&td_type_dict, sizeof(TdDict));
  if (!o) return td_err_nomem(ts);
  TdDict *d = reinterpret_cast<TdDict *>(o);
  d->used = 0;
  d->version = 0;
  if (!alloc_table(ts, d, kMinSize)) {
    td_free_object(o);
    return 0;
  }
  return td_val(o);
}

int64_t td_dict_size(TdValue d) { return D(d)->used; }

int td_dict_find(TdThread *ts, TdValue d, TdValue key, TdValue *out) {
  int64_t hash = td_hash(ts, key);
  if (hash == -1 && td_err_occurred(ts)) return -1;
  int64_t ix;
  uint64_t slot;
  int r = lookup(ts, D(d), key, hash, &ix, &slot);
  if (r == 1) *out = D(d)->entries[ix].value;
  return r;
}

TdValue td_dict_get_str(TdThread *ts, TdValue d, std::string_view key) {
  TdValue k = td_str_from(ts, key);
  if (!k) return 0;
  TdValue v = 0;
  int r = td_dict_find(ts, d, k, &v);
  td_decref(k);
  return r == 1 ? v : 0;
}

int td_dict_set_str(TdThread *ts, TdValue d, std::string_view key, TdValue v) {
  TdValue k = td_str_from(ts, key);
  if (!k) return -1;
  int r = td_dict_setitem(ts, d, k, v);
  td_decref(k);
  return r;
}

extern "C" int32_t td_dict_setitem(TdThread *ts, TdValue d, TdValue k, TdValue v) {
  int64_t hash = td_hash(ts, k);
  if (hash == -1 && td_err_occurred(ts)) return -1;
  return dict_set(ts, D(d), k, hash, v);
}

int td_dict_delitem(TdThread *ts, TdValue d, TdValue key) {
  int64_t hash = td_hash(ts, key);
  if (hash == -1 && td_err_occurred(ts)) return -1;
  int64_t ix;
  uint64_t slot;
  int r = lookup(ts, D(d), key, hash, &ix, &slot);
  if (r < 0) return -1;
  if (r == 0) {
    td_err_key(ts, key);
    return -1;
  }
  TdValue k, v;
  remove_entry(D(d), ix, &k, &v);
  td_decref(k);
  td_decref(v);
  return 0;
}

bool td_dict_next(TdValue d, int64_t *pos, TdValue *key, TdValue *value) {
  TdDict *dd = D(d);
  while (*pos < dd->nentries && !dd->entries[*pos].key) (*pos)++;
  if (*pos >= dd->nentries) return false;
  *key = dd->entries[*pos].key;
  *value = dd->entries[*pos].value;
  (*pos)++;
  return true;
}

TdValue td_dict_copy(TdThread *ts, TdValue d) {
  TdValue r = td_dict_new(ts);
  if (!r) return 0;
  if (td_dict_update(ts, r, d) < 0) {
    td_decref(r);
    return 0;
  }
  return r;
}

void td_dict_clear(TdValue d) {
  TdDict *dd = D(d);
  std::vector<TdValue> old;
  old.reserve(size_t(dd->used) * 2);
  for (int64_t i = 0; i < dd->nentries; i++) {
    if (!dd->entries[i].key) continue;
    old.push_back(dd->entries[i].key);
    old.push_back(dd->entries[i].value);
  }
  for (int64_t i = 0; i <= dd->mask; i++) dd->indices[i] = kEmpty;
  dd->nentries = 0;
  dd->used = 0;
  dd->version++;
  td_release_all(old);
}

int td_dict_update(TdThread *ts, TdValue d, TdValue other) {
  if (td_is_dict(other)) {
    // Snapshot first: other may be d itself.
    std::vector<TdValue> kv;
    int64_t pos = 0;
    TdValue k, v;
    while (td_dict_next(other, &pos, &k, &v)) {
      kv.push_back(td_newref(k));
      kv.push_back(td_newref(v));
    }
    int rc = 0;
    for (size_t i = 0; i < kv.size() && rc == 0; i += 2) rc = td_dict_setitem(ts, d, kv[i], kv[i + 1]);
    td_release_all(kv);
    return rc;
  }
  // A mapping: anything with keys().
  TdValue keysName = td_str_from(ts, "keys");
  if (!keysName) return -1;
  TdValue keysFn = td_getattr(ts, other, keysName);
  td_decref(keysName);
  if (keysFn) {
    TdValue keys = td_call0(ts, keysFn);
    td_decref(keysFn);
    if (!keys) return -1;
    std::vector<TdValue> ks;
    bool ok = td_collect(ts, keys, ks);
    td_decref(keys);
    if (!ok) return -1;
    int rc = 0;
    for (TdValue k : ks) {
      TdValue v = td_getitem(ts, other, k);
      if (!v || td_dict_setitem(ts, d, k, v) < 0) rc = -1;
      td_decref(v);
      if (rc) break;
    }
    td_release_all(ks);
    return rc;
  }
  if (!td_err_is(ts, &td_type_AttributeError)) return -1;
  td_err_clear(ts);
  // An iterable of pairs.
  TdValue it = td_iter(ts, other);
  if (!it) return -1;
  for (int64_t n = 0;; n++) {
    TdValue item = td_next(ts, it);
    if (item == TD_DONE) break;
    if (!item) {
      td_decref(it);
      return -1;
    }
    std::vector<TdValue> pair;
    bool ok;
    if (td_type_of(item)->iter == nullptr) {
      td_err_format(ts, &td_type_TypeError,
                    "cannot convert dictionary update sequence element #%lld to a sequence",
                    (long long)n);
      ok = false;
    } else {
      ok = td_collect(ts, item, pair);
      if (ok && pair.size() != 2) {
        td_err_format(ts, &td_type_ValueError,
                      "dictionary update sequence element #%lld has length %zu; 2 is required",
                      (long long)n, pair.size());
        ok = false;
      }
    }
    if (ok && td_dict_setitem(ts, d, pair[0], pair[1]) < 0) ok = false;
    td_release_all(pair);
    td_decref(item);
    if (!ok) {
      td_decref(it);
      return -1;
    }
  }
  td_decref(it);
  return 0;
}

extern "C" TdValue td_build_dict(TdThread *ts, TdValue *keys, TdValue *values, int64_t n) {
  TdValue d = td_dict_new(ts);
  int rc = d ? 0 : -1;
  for (int64_t i = 0; i < n; i++) {
    if (rc == 0 && td_dict_setitem(ts, d, keys[i], values[i]) < 0) rc = -1;
    td_decref(keys[i]);
    td_decref(values[i]);
  }
  if (rc < 0) {
    td_decref(d);
    return 0;
  }
  return d;
}

extern "C" int32_t td_dict_merge(TdThread *ts, TdValue d, TdValue mapping, int32_t call) {
  if (!call) {
    if (!td_is_dict(mapping) && !td_type_of(mapping)->getitem) {
      td_err_format(ts, &td_type_TypeError, "'%s' object is not a mapping", td_type_name(mapping));
      return -1;
    }
    return td_dict_update(ts, d, mapping);
  }
  if (!td_is_dict(mapping) && !td_type_of(mapping)->getitem) {
    td_err_format(ts, &td_type_TypeError, "argument after ** must be a mapping, not %s",
                  td_type_name(mapping));
    return -1;
  }
  TdValue tmp = td_dict_new(ts);
  if (!tmp) return -1;
  int rc = td_dict_update(ts, tmp, mapping);
  int64_t pos = 0;
  TdValue k, v;
  while (rc == 0 && td_dict_next(tmp, &pos, &k, &v)) {
    if (!td_is_str(k)) {
      td_err_set(ts, &td_type_TypeError, "keywords must be strings");
      rc = -1;
      break;
    }
    TdValue existing;
    int r = td_dict_find(ts, d, k, &existing);
    if (r == 1) {
      std::string_view n = td_str_view(k);
      td_err_format(ts, &td_type_TypeError, "got multiple values for keyword argument '%.*s'",
                    int(n.size()), n.data());
      rc = -1;
    } else if (r < 0 || td_dict_setitem(ts, d, k, v) < 0) {
      rc = -1;
    }
  }
  td_decref(tmp);
  return rc;
}

// dict.fromkeys(iterable, value=None), reached through the dict type.
TdValue td_dict_fromkeys(TdThread *ts, TdValue, const TdValue *args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "dict.fromkeys", kw)) return 0;
  if (!td_check_nargs(ts, "fromkeys", nargs, 1, 2)) return 0;
  TdValue d = td_dict_new(ts);
  if (!d) return 0;
  TdValue value = nargs == 2 ? args[1] : td_none();
  std::vector<TdValue> keys;
  if (!td_collect(ts, args[0], keys)) {
    td_decref(d);
    return 0;
  }
  for (TdValue k : keys) {
    if (td_dict_setitem(ts, d, k, value) < 0) {
      td_release_all(keys);
      td_decref(d);
      return 0;
    }
  }
  td_release_all(keys);
  return d;
}

// set.cpp — set and frozenset.
//
// The table mimics CPython's setobject.c layout on purpose: a set prints
// its items in table order, and users see that order (print({3, 1, 2})
// shows {1, 2, 3}).  Matching it needs the same table sizes (8, growing to
// the power of two above 4x the used count when 3/5 full), the same slot
// choice (hash & mask, then up to LINEAR_PROBES=9 neighbours, then the
// perturbation recurrence), the same reuse of deleted ("dummy") slots, and
// the same insertion order in the algorithms (union copies the left operand
// then adds the right one; intersection walks the smaller set; ...).  Since
// int hashes equal the int, sets of small ints come out in CPython's order;
// str hashes are randomised per process in CPython, so no program can
// depend on that order anyway.
//
// Glossary: fill = live + dummy slots; used = live slots; finger = where
// pop() resumes scanning.
#include <cstdlib>

#include "containers.h"
#include "runtime.h"

namespace {

constexpr int64_t kMinSize = 8;
constexpr uint64_t kLinearProbes = 9;
constexpr TdValue kDummy = TD_DONE; // never a valid key

struct SetEntry {
  TdValue key; // 0 unused, kDummy deleted
  int64_t hash;
};

struct TdSet {
  TdObject ob;
  int64_t fill;
  int64_t used;
  int64_t mask;
  int64_t finger;
  int64_t hash; // frozenset's cached hash, -1 until computed
  SetEntry *table;
};

TdSet *S(TdValue v) { return reinterpret_cast<TdSet *>(v); }
bool is_frozen(TdValue v) { return td_is_subtype(td_obj(v)->type, &td_type_frozenset); }

SetEntry *new_table(TdThread *ts, int64_t size) {
  auto *t = static_cast<SetEntry *>(calloc(size_t(size), sizeof(SetEntry)));
  if (!t) td_err_nomem(ts);
  return t;
}

void insert_clean(SetEntry *table, uint64_t mask, TdValue key, int64_t hash) {
  uint64_t perturb = uint64_t(hash);
  uint64_t i = uint64_t(hash) & mask;
  for (;;) {
    SetEntry *e = &table[i];
    if (!e->key) {
      *e = {key, hash};
      return;
    }
    if (i + kLinearProbes <= mask) {
      for (uint64_t j = 0; j < kLinearProbes; j++) {
        e++;
        if (!e->key) {
          *e = {key, hash};
          return;
        }
      }
    }
    perturb >>= 5;
    i = (i * 5 + 1 + perturb) & mask;
  }
}

bool table_resize(TdThread *ts, TdSet *so, int64_t minused) {
  int64_t newsize = kMinSize;
  while (newsize <= minused) newsize <<= 1;
  SetEntry *newtable = new_table(ts, newsize);
  if (!newtable) return false;
  SetEntry *old = so->table;
  int64_t oldsize = so->mask + 1;
  bool noDummies = so->fill == so->used;
  so->mask = newsize - 1;
  so->table = newtable;
  if (!noDummies) so->fill = so->used;
  for (int64_t i = 0; i < oldsize; i++)
    if (old[i].key && old[i].key != kDummy) insert_clean(newtable, uint64_t(so->mask), old[i].key, old[i].hash);
  free(old);
  return true;
}

// Key equality that may call out: 1, 0, -1.
int keys_equal(TdThread *ts, TdValue a, TdValue b) {
  if (a == b) return 1;
  if (td_is_small(a) && td_is_small(b)) return 0;
  if (!td_is_small(a) && !td_is_small(b) && td_obj(a)->type == &td_type_str &&
      td_obj(b)->type == &td_type_str)
    return td_str_view(a) == td_str_view(b);
  TdValue k = td_newref(a);
  int r = td_eq(ts, k, b);
  td_decref(k);
  return r;
}

// Adds key (borrowed; the set takes its own reference).  -1 on error.
int add_entry(TdThread *ts, TdSet *so, TdValue key, int64_t hash) {
restart:
  uint64_t mask = uint64_t(so->mask);
  uint64_t i = uint64_t(hash) & mask;
  uint64_t perturb = uint64_t(hash);
  SetEntry *freeslot = nullptr;
  SetEntry *entry;
  for (;;) {
    entry = &so->table[i];
    uint64_t probes = (i + kLinearProbes <= mask) ? kLinearProbes : 0;
    do {
      if (!entry->key) goto found_unused;
      if (entry->key != kDummy && entry->hash == hash) {
        SetEntry *table = so->table;
        TdValue startkey = entry->key;
        int cmp = keys_equal(ts, startkey, key);
        if (cmp < 0) return -1;
        if (cmp > 0) return 0; // already present
        if (table != so->table || entry->key != startkey) goto restart;
        mask = uint64_t(so->mask);
      } else if (entry->key == kDummy && !freeslot) {
        freeslot = entry;
      }
      entry++;
    } while (probes--);
    perturb >>= 5;
    i = (i * 5 + 1 + perturb) & mask;
  }
found_unused:
  if (freeslot) {
    *freeslot = {td_newref(key), hash};
    so->used++;
    return 0;
  }
  *entry = {td_newref(key), hash};
  so->fill++;
  so->used++;
  if (so->fill * 5 < int64_t(mask) * 3) return 0;
  return table_resize(ts, so, so->used > 50000 ? so->used * 2 : so->used * 4) ? 0 : -1;
}

// Finds key: the entry, nullptr if absent; *err set on error.
SetEntry *find_entry(TdThread *ts, TdSet *so, TdValue key, int64_t hash, bool *err) {
  *err = false;
restart:
  uint64_t mask = uint64_t(so->mask);
  uint64_t i = uint64_t(hash) & mask;
  uint64_t perturb = uint64_t(hash);
  for (;;) {
    SetEntry *entry = &so->table[i];
    uint64_t probes = (i + kLinearProbes <= mask) ? kLinearProbes : 0;
    do {
      if (!entry->key) return nullptr;
      if (entry->key != kDummy && entry->hash == hash) {
        SetEntry *table = so->table;
        TdValue startkey = entry->key;
        int cmp = keys_equal(ts, startkey, key);
        if (cmp < 0) {
          *err = true;
          return nullptr;
        }
        if (cmp > 0) return entry;
        if (table != so->table || entry->key != startkey) goto restart;
        mask = uint64_t(so->mask);
      }
      entry++;
    } while (probes--);
    perturb >>= 5;
    i = (i * 5 + 1 + perturb) & mask;
  }
}

int add_key(TdThread *ts, TdSet *so, TdValue key) {
  int64_t hash = td_hash(ts, key);
  if (hash == -1 && td_err_occurred(ts)) return -1;
  return add_entry(ts, so, key, hash);
}

// 1 discarded, 0 not found, -1 error.
int discard_entry(TdThread *ts, TdSet *so, TdValue key, int64_t hash) {
  bool err;
  SetEntry *e = find_entry(ts, so, key, hash, &err);
  if (err) return -1;
  if (!e) return 0;
  TdValue old = e->key;
  e->key = kDummy;
  e->hash = -1;
  so->used--;
  td_decref(old);
  return 1;
}

int discard_key(TdThread *ts, TdSet *so, TdValue key) {
  int64_t hash = td_hash(ts, key);
  if (hash == -1 && td_err_occurred(ts)) return -1;
  return discard_entry(ts, so, key, hash);
}

int contains_entry(TdThread *ts, TdSet *so, TdValue key, int64_t hash) {
  bool err;
  SetEntry *e = find_entry(ts, so, key, hash, &err);
  return err ? -1 : e ? 1 : 0;
}

int contains_key(TdThread *ts, TdSet *so, TdValue key) {
  int64_t hash = td_hash(ts, key);
  if (hash == -1 && td_err_occurred(ts)) return -1;
  return contains_entry(ts, so, key, hash);
}

// The live entries in table order (a snapshot: callers may mutate).
std::vector<SetEntry> entries(TdSet *so) {
  std::vector<SetEntry> out;
  out.reserve(size_t(so->used));
  for (int64_t i = 0; i <= so->mask; i++)
    if (so->table[i].key && so->table[i].key != kDummy) out.push_back(so->table[i]);
  return out;
}

int merge(TdThread *ts, TdSet *so, TdSet *other) {
  if (other == so || other->used == 0) return 0;
  if ((so->fill + other->used) * 5 >= so->mask * 3 &&
      !table_resize(ts, so, (so->used + other->used) * 2))
    return -1;
  if (so->fill == 0 && so->mask == other->mask && other->fill == other->used) {
    for (int64_t i = 0; i <= other->mask; i++) {
      so->table[i] = other->table[i];
      td_incref(so->table[i].key);
    }
    so->fill = other->fill;
    so->used = other->used;
    return 0;
  }
  if (so->fill == 0) {
    so->fill = other->used;
    so->used = other->used;
    for (int64_t i = 0; i <= other->mask; i++) {
      TdValue k = other->table[i].key;
      if (k && k != kDummy) insert_clean(so->table, uint64_t(so->mask), td_newref(k), other->table[i].hash);
    }
    return 0;
  }
  std::vector<SetEntry> es = entries(other);
  for (SetEntry &e : es) td_incref(e.key);
  int rc = 0;
  for (SetEntry &e : es) {
    if (rc == 0 && add_entry(ts, so, e.key, e.hash) < 0) rc = -1;
    td_decref(e.key);
  }
  return rc;
}

int update_internal(TdThread *ts, TdSet *so, TdValue other) {
  if (td_is_anyset(other)) return merge(ts, so, S(other));
  if (td_is_dict(other)) {
    int64_t n = td_dict_size(other);
    if ((so->fill + n) * 5 >= so->mask * 3 && !table_resize(ts, so, (so->used + n) * 2)) return -1;
    std::vector<TdValue> keys;
    int64_t pos = 0;
    TdValue k, v;
    while (td_dict_next(other, &pos, &k, &v)) keys.push_back(td_newref(k));
    int rc = 0;
    for (TdValue key : keys)
      if (rc == 0 && add_key(ts, so, key) < 0) rc = -1;
    td_release_all(keys);
    return rc;
  }
  TdValue it = td_iter(ts, other);
  if (!it) return -1;
  for (;;) {
    TdValue x = td_next(ts, it);
    if (x == TD_DONE) break;
    if (!x || add_key(ts, so, x) < 0) {
      td_decref(x);
      td_decref(it);
      return -1;
    }
    td_decref(x);
  }
  td_decref(it);
  return 0;
}

TdValue make_set(TdThread *ts, TdType *type, TdValue iterable) {
  TdObject *o = td_alloc_object(type, sizeof(TdSet));
  if (!o) return td_err_nomem(ts);
  TdSet *so = reinterpret_cast<TdSet *>(o);
  so->fill = so->used = so->finger = 0;
  so->mask = kMinSize - 1;
  so->hash = -1;
  so->table = new_table(ts, kMinSize);
  if (!so->table) {
    td_free_object(o);
    return 0;
  }
  if (iterable && update_internal(ts, so, iterable) < 0) {
    td_decref(td_val(o));
    return 0;
  }
  return td_val(o);
}

// The exact base type (set or frozenset) for results of operations.
TdType *result_type(TdValue v) { return is_frozen(v) ? &td_type_frozenset : &td_type_set; }

void set_dealloc(TdObject *o) {
  TdSet *so = reinterpret_cast<TdSet *>(o);
  for (int64_t i = 0; i <= so->mask; i++)
    if (so->table[i].key && so->table[i].key != kDummy) td_decref(so->table[i].key);
  free(so->table);
  td_free_object(o);
}

TdValue set_repr(TdThread *ts, TdValue self) {
  TdSet *so = S(self);
  bool frozen = is_frozen(self);
  const char *tname = td_obj(self)->type->name;
  if (so->used == 0) return td_str_from(ts, std::string(tname) + "()");
  if (td_repr_enter(ts, self)) return td_str_from(ts, std::string(tname) + "(...)");
  std::vector<SetEntry> es = entries(so);
  std::vector<TdValue> keys;
  for (SetEntry &e : es) keys.push_back(td_newref(e.key));
  std::string s;
  bool plainSet = td_obj(self)->type == &td_type_set;
  if (!plainSet || frozen) s = std::string(tname) + "(";
  bool ok = td_seq_repr(ts, keys.data(), int64_t(keys.size()), "{", "}", s);
  if (!plainSet || frozen) s += ")";
  td_release_all(keys);
  td_repr_leave(ts, self);
  return ok ? td_str_from(ts, s) : 0;
}

int64_t set_len(TdThread *, TdValue self) { return S(self)->used; }

int set_contains_slot(TdThread *ts, TdValue self, TdValue key) {
  return contains_key(ts, S(self), key);
}

uint64_t shuffle_bits(uint64_t h) { return ((h ^ 89869747ULL) ^ (h << 16)) * 3644798167ULL; }

int64_t frozenset_hash(TdThread *, TdValue self) {
  TdSet *so = S(self);
  if (so->hash != -1) return so->hash;
  uint64_t hash = 0;
  for (int64_t i = 0; i <= so->mask; i++) hash ^= shuffle_bits(uint64_t(so->table[i].hash));
  if ((so->mask + 1 - so->fill) & 1) hash ^= shuffle_bits(0);
  if ((so->fill - so->used) & 1) hash ^= shuffle_bits(uint64_t(-1));
  hash ^= (uint64_t(so->used) + 1) * 1927868237ULL;
  hash ^= (hash >> 11) ^ (hash >> 25);
  hash = hash * 69069U + 907133923ULL;
  if (hash == uint64_t(-1)) hash = 590923713ULL;
  so->hash = int64_t(hash);
  return so->hash;
}

// 1 if every item of a is in b.
int is_subset(TdThread *ts, TdSet *a, TdSet *b) {
  if (a->used > b->used) return 0;
  for (SetEntry &e : entries(a)) {
    int r = contains_entry(ts, b, e.key, e.hash);
    if (r <= 0) return r;
  }
  return 1;
}

TdValue set_richcompare(TdThread *ts, TdValue a, TdValue b, int op) {
  if (!td_is_anyset(b)) return td_newref(td_val(&td_NotImplemented));
  TdSet *x = S(a), *y = S(b);
  int r = 0;
  switch (op) {
  case TD_CMP_EQ:
  case TD_CMP_NE:
    r = x->used == y->used ? is_subset(ts, x, y) : 0;
    if (r >= 0 && op == TD_CMP_NE) r = !r;
    break;
  case TD_CMP_LE: r = is_subset(ts, x, y); break;
  case TD_CMP_GE: r = is_subset(ts, y, x); break;
  case TD_CMP_LT: r = x->used < y->used ? is_subset(ts, x, y) : 0; break;
  case TD_CMP_GT: r = x->used > y->used ? is_subset(ts, y, x) : 0; break;
  }
  if (r < 0) return 0;
  return td_bool(r);
}

TdValue copy_of(TdThread *ts, TdValue v, TdType *type) { return make_set(ts, type, v); }

TdValue set_intersection(TdThread *ts, TdValue self, TdValue other) {
  TdValue result = make_set(ts, result_type(self), 0);
  if (!result) return 0;
  TdSet *so = S(self);
  if (td_is_anyset(other)) {
    TdSet *a = so, *b = S(other);
    if (b->used > a->used) std::swap(a, b);
    for (SetEntry &e : entries(b)) {
      int r = contains_entry(ts, a, e.key, e.hash);
      if (r < 0 || (r && add_entry(ts, S(result), e.key, e.hash) < 0)) {
        td_decref(result);
        return 0;
      }
    }
    return result;
  }
  std::vector<TdValue> items;
  if (!td_collect(ts, other, items)) {
    td_decref(result);
    return 0;
  }
  for (TdValue k : items) {
    int64_t h = td_hash(ts, k);
    int r = (h == -1 && td_err_occurred(ts)) ? -1 : contains_entry(ts, so, k, h);
    if (r < 0 || (r && add_entry(ts, S(result), k, h) < 0)) {
      td_release_all(items);
      td_decref(result);
      return 0;
    }
  }
  td_release_all(items);
  return result;
}

int difference_update(TdThread *ts, TdSet *so, TdValue other) {
  if (td_val(so) == other) {
    for (SetEntry &e : entries(so)) discard_entry(ts, so, e.key, e.hash);
    return 0;
  }
  std::vector<TdValue> items;
  if (td_is_anyset(other)) {
    for (SetEntry &e : entries(S(other))) items.push_back(td_newref(e.key));
  } else if (!td_collect(ts, other, items)) {
    return -1;
  }
  int rc = 0;
  for (TdValue k : items)
    if (rc == 0 && discard_key(ts, so, k) < 0) rc = -1;
  td_release_all(items);
  return rc;
}

TdValue set_difference(TdThread *ts, TdValue self, TdValue other) {
  TdSet *so = S(self);
  int64_t otherSize = -1;
  if (td_is_anyset(other)) otherSize = S(other)->used;
  else if (td_is_dict(other)) otherSize = td_dict_size(other);
  if (otherSize < 0 || (so->used >> 2) > otherSize) {
    TdValue result = copy_of(ts, self, result_type(self));
    if (!result) return 0;
    if (difference_update(ts, S(result), other) < 0) {
      td_decref(result);
      return 0;
    }
    return result;
  }
  TdValue result = make_set(ts, result_type(self), 0);
  if (!result) return 0;
  for (SetEntry &e : entries(so)) {
    int r;
    if (td_is_anyset(other)) {
      r = contains_entry(ts, S(other), e.key, e.hash);
    } else {
      TdValue v;
      r = td_dict_find(ts, other, e.key, &v);
    }
    if (r < 0 || (!r && add_entry(ts, S(result), e.key, e.hash) < 0)) {
      td_decref(result);
      return 0;
    }
  }
  return result;
}

int symmetric_update(TdThread *ts, TdSet *so, TdValue other) {
  if (td_val(so) == other) {
    for (SetEntry &e : entries(so)) discard_entry(ts, so, e.key, e.hash);
    return 0;
  }
  TdValue otherset = td_is_anyset(other) ? td_newref(other) : make_set(ts, &td_type_set, other);
  if (!otherset) return -1;
  std::vector<SetEntry> es = entries(S(otherset));
  int rc = 0;
  for (SetEntry &e : es) {
    int r = discard_entry(ts, so, e.key, e.hash);
    if (r < 0 || (r == 0 && add_entry(ts, so, e.key, e.hash) < 0)) {
      rc = -1;
      break;
    }
  }
  td_decref(otherset);
  return rc;
}

TdValue set_symmetric_difference(TdThread *ts, TdValue self, TdValue other) {
  TdValue result = make_set(ts, result_type(self), other);
  if (!result) return 0;
  if (symmetric_update(ts, S(result), self) < 0) {
    td_decref(result);
    return 0;
  }
  return result;
}

TdValue set_union(TdThread *ts, TdValue self, TdValue other) {
  TdValue result = copy_of(ts, self, result_type(self));
  if (!result) return 0;
  if (update_internal(ts, S(result), other) < 0) {
    td_decref(result);
    return 0;
  }
  return result;
}

TdValue set_binop(TdThread *ts, int op, TdValue a, TdValue b) {
  if (!td_is_anyset(a) || !td_is_anyset(b)) return td_newref(td_val(&td_NotImplemented));
  switch (op) {
  case TD_OP_OR: return set_union(ts, a, b);
  case TD_OP_AND: return set_intersection(ts, a, b);
  case TD_OP_SUB: return set_difference(ts, a, b);
  case TD_OP_XOR: return set_symmetric_difference(ts, a, b);
  default: return td_newref(td_val(&td_NotImplemented));
  }
}

// Replaces so's contents with tmp's (tmp consumed).
void take_contents(TdSet *so, TdValue tmp) {
  TdSet *t = S(tmp);
  std::swap(so->table, t->table);
  std::swap(so->fill, t->fill);
  std::swap(so->used, t->used);
  std::swap(so->mask, t->mask);
  td_decref(tmp);
}

TdValue set_inplace(TdThread *ts, int op, TdValue a, TdValue b) {
  if (is_frozen(a) || !td_is_anyset(b)) return set_binop(ts, op, a, b);
  int rc = 0;
  switch (op) {
  case TD_OP_OR: rc = update_internal(ts, S(a), b); break;
  case TD_OP_SUB: rc = difference_update(ts, S(a), b); break;
  case TD_OP_XOR: rc = symmetric_update(ts, S(a), b); break;
  case TD_OP_AND: {
    TdValue tmp = set_intersection(ts, a, b);
    if (!tmp) return 0;
    take_contents(S(a), tmp);
    break;
  }
  default: return td_newref(td_val(&td_NotImplemented));
  }
  if (rc < 0) return 0;
  return td_newref(a);
}

// --- iteration ------------------------------------------------------------------

struct SetIter {
  TdObject ob;
  TdValue set; // owned, 0 when exhausted
  int64_t pos;
  int64_t used;
};

void setiter_dealloc(TdObject *o) {
  td_decref(reinterpret_cast<SetIter *>(o)->set);
  td_free_object(o);
}

TdValue setiter_next(TdThread *ts, TdValue self) {
  SetIter *it = reinterpret_cast<SetIter *>(self);
  if (!it->set) return TD_DONE;
  TdSet *so = S(it->set);
  if (it->used != so->used) {
    it->used = -1;
    td_err_set(ts, &td_type_RuntimeError, "Set changed size during iteration");
    return 0;
  }
  while (it->pos <= so->mask && (!so->table[it->pos].key || so->table[it->pos].key == kDummy)) it->pos++;
  if (it->pos > so->mask) {
    TdValue s = it->set;
    it->set = 0;
    td_decref(s);
    return TD_DONE;
  }
  return td_newref(so->table[it->pos++].key);
}

TdValue iter_self(TdThread *, TdValue self) { return td_newref(self); }

} // namespace

TdType td_type_set_iterator = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "set_iterator",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = setiter_dealloc,
    .iter = iter_self,
    .next = setiter_next,
};

namespace {

TdValue set_iter(TdThread *ts, TdValue self) {
  TdObject *o = td_alloc_object(&td_type_set_iterator, sizeof(SetIter));
  if (!o) return td_err_nomem(ts);
  SetIter *it = reinterpret_cast<SetIter *>(o);
  it->set = td_newref(self);
  it->pos = 0;
  it->used = S(self)->used;
  return td_val(o);
}

TdValue set_construct(TdThread *ts, TdValue type, const TdValue *args, int64_t nargs,
                      TdValue kwnames) {
  TdType *t = reinterpret_cast<TdType *>(type);
  if (!td_no_kwargs(ts, t->name, kwnames)) return 0;
  if (!td_check_nargs(ts, t->name, nargs, 0, 1)) return 0;
  if (t == &td_type_frozenset && nargs == 1 && !td_is_small(args[0]) &&
      td_obj(args[0])->type == &td_type_frozenset)
    return td_newref(args[0]);
  return make_set(ts, t, nargs ? args[0] : 0);
}

// --- methods ----------------------------------------------------------------------

#define NOKW(name)                                                                               \
  if (!td_no_kwargs(ts, name, kw)) return 0

TdValue m_add(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs, TdValue kw) {
  NOKW("set.add");
  if (!td_check_nargs(ts, "add", nargs, 1, 1)) return 0;
  if (add_key(ts, S(self), args[0]) < 0) return 0;
  return td_none();
}

TdValue m_discard(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs, TdValue kw) {
  NOKW("set.discard");
  if (!td_check_nargs(ts, "discard", nargs, 1, 1)) return 0;
  if (discard_key(ts, S(self), args[0]) < 0) return 0;
  return td_none();
}

TdValue m_remove(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs, TdValue kw) {
  NOKW("set.remove");
  if (!td_check_nargs(ts, "remove", nargs, 1, 1)) return 0;
  int r = discard_key(ts, S(self), args[0]);
  if (r < 0) return 0;
  if (r == 0) {
    td_err_key(ts, args[0]);
    return 0;
  }
  return td_none();
}

TdValue m_pop(TdThread *ts, TdValue self, const TdValue *, int64_t nargs, TdValue kw) {
  NOKW("set.pop");
  if (!td_check_nargs(ts, "pop", nargs, 0, 0)) return 0;
  TdSet *so = S(self);
  if (so->used == 0) {
    td_err_set(ts, &td_type_KeyError, "pop from an empty set");
    return 0;
  }
  int64_t i = so->finger & so->mask;
  while (!so->table[i].key || so->table[i].key == kDummy) {
    i++;
    if (i > so->mask) i = 0;
  }
  TdValue key = so->table[i].key;
  so->table[i] = {kDummy, -1};
  so->used--;
  so->finger = i + 1;
  return key;
}

TdValue m_clear(TdThread *ts, TdValue self, const TdValue *, int64_t nargs, TdValue kw) {
  NOKW("set.clear");
  if (!td_check_nargs(ts, "clear", nargs, 0, 0)) return 0;
  TdValue empty = make_set(ts, &td_type_set, 0);
  if (!empty) return 0;
  take_contents(S(self), empty);
  return td_none();
}

TdValue m_copy(TdThread *ts, TdValue self, const TdValue *, int64_t nargs, TdValue kw) {
  NOKW("set.copy");
  if (!td_check_nargs(ts, "copy", nargs, 0, 0)) return 0;
  if (td_obj(self)->type == &td_type_frozenset) return td_newref(self);
  return copy_of(ts, self, result_type(self));
}

// set.union(*others) and friends: fold the binary operation.
TdValue fold(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs,
             TdValue (*op)(TdThread *, TdValue, TdValue)) {
  TdValue acc = copy_of(ts, self, result_type(self));
  for (int64_t i = 0; acc && i < nargs; i++) {
    TdValue next = op(ts, acc, args[i]);
    td_decref(acc);
    acc = next;
  }
  return acc;
}

TdValue m_union(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs, TdValue kw) {
  NOKW("set.union");
  return fold(ts, self, args, nargs, set_union);
}
TdValue m_intersection(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs, TdValue kw) {
  NOKW("set.intersection");
  return fold(ts, self, args, nargs, set_intersection);
}
TdValue m_difference(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs, TdValue kw) {
  NOKW("set.difference");
  return fold(ts, self, args, nargs, set_difference);
}
TdValue m_symmetric_difference(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs,
                               TdValue kw) {
  NOKW("set.symmetric_difference");
  if (!td_check_nargs(ts, "symmetric_difference", nargs, 1, 1)) return 0;
  return set_symmetric_difference(ts, self, args[0]);
}

TdValue m_update(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs, TdValue kw) {
  NOKW("set.update");
  for (int64_t i = 0; i < nargs; i++)
    if (update_internal(ts, S(self), args[i]) < 0) return 0;
  return td_none();
}
TdValue m_intersection_update(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs,
                              TdValue kw) {
  NOKW("set.intersection_update");
  TdValue tmp = fold(ts, self, args, nargs, set_intersection);
  if (!tmp) return 0;
  take_contents(S(self), tmp);
  return td_none();
}
TdValue m_difference_update(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs,
                            TdValue kw) {
  NOKW("set.difference_update");
  for (int64_t i = 0; i < nargs; i++)
    if (difference_update(ts, S(self), args[i]) < 0) return 0;
  return td_none();
}
TdValue m_symmetric_difference_update(TdThread *ts, TdValue self, const TdValue *args,
                                      int64_t nargs, TdValue kw) {
  NOKW("set.symmetric_difference_update");
  if (!td_check_nargs(ts, "symmetric_difference_update", nargs, 1, 1)) return 0;
  if (symmetric_update(ts, S(self), args[0]) < 0) return 0;
  return td_none();
}

// The argument as a set (borrowed if it is one; else a new temporary).
TdValue as_set(TdThread *ts, TdValue v) {
  return td_is_anyset(v) ? td_newref(v) : make_set(ts, &td_type_set, v);
}

TdValue m_issubset(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs, TdValue kw) {
  NOKW("set.issubset");
  if (!td_check_nargs(ts, "issubset", nargs, 1, 1)) return 0;
  TdValue o = as_set(ts, args[0]);
  if (!o) return 0;
  int r = is_subset(ts, S(self), S(o));
  td_decref(o);
  return r < 0 ? 0 : td_bool(r);
}
TdValue m_issuperset(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs, TdValue kw) {
  NOKW("set.issuperset");
  if (!td_check_nargs(ts, "issuperset", nargs, 1, 1)) return 0;
  TdValue o = as_set(ts, args[0]);
  if (!o) return 0;
  int r = is_subset(ts, S(o), S(self));
  td_decref(o);
  return r < 0 ? 0 : td_bool(r);
}
TdValue m_isdisjoint(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs, TdValue kw) {
  NOKW("set.isdisjoint");
  if (!td_check_nargs(ts, "isdisjoint", nargs, 1, 1)) return 0;
  TdValue o = as_set(ts, args[0]);
  if (!o) return 0;
  int r = 1;
  for (SetEntry &e : entries(S(o))) {
    int c = contains_entry(ts, S(self), e.key, e.hash);
    if (c != 0) {
      r = c < 0 ? -1 : 0;
      break;
    }
  }
  td_decref(o);
  return r < 0 ? 0 : td_bool(r);
}

const TdMethodDef set_methods[] = {
    {"add", m_add},
    {"discard", m_discard},
    {"remove", m_remove},
    {"pop", m_pop},
    {"clear", m_clear},
    {"copy", m_copy},
    {"union", m_union},
    {"intersection", m_intersection},
    {"difference", m_difference},
    {"symmetric_difference", m_symmetric_difference},
    {"update", m_update},
    {"intersection_update", m_intersection_update},
    {"difference_update", m_difference_update},
    {"symmetric_difference_update", m_symmetric_difference_update},
    {"issubset", m_issubset},
    {"issuperset", m_issuperset},
    {"isdisjoint", m_isdisjoint},
    {nullptr, nullptr},
};

const TdMethodDef frozenset_methods[] = {
    {"copy", m_copy},
    {"union", m_union},
    {"intersection", m_intersection},
    {"difference", m_difference},
    {"symmetric_difference", m_symmetric_difference},
    {"issubset", m_issubset},
    {"issuperset", m_issuperset},
    {"isdisjoint", m_isdisjoint},
    {nullptr, nullptr},
};

} // namespace

TdType td_type_set = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "set",
    .base = &td_type_object,
    .flags = TD_TF_BASETYPE,
    .dealloc = set_dealloc,
    .repr = set_repr,
    .richcompare = set_richcompare,
    .len = set_len,
    .binop = set_binop,
    .inplace = set_inplace,
    .contains = set_contains_slot,
    .iter = set_iter,
    .construct = set_construct,
    .methods = set_methods,
};

TdType td_type_frozenset = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "frozenset",
    .base = &td_type_object,
    .flags = TD_TF_BASETYPE,
    .dealloc = set_dealloc,
    .repr = set_repr,
    .hash = frozenset_hash,
    .richcompare = set_richcompare,
    .len = set_len,
    .binop = set_binop,
    .contains = set_contains_slot,
    .iter = set_iter,
    .construct = set_construct,
    .methods = frozenset_methods,
};

TdValue td_set_new(TdThread *ts, TdValue iterable) { return make_set(ts, &td_type_set, iterable); }

int td_set_contains(TdThread *ts, TdValue set, TdValue key) { return contains_key(ts, S(set), key); }

extern "C" int32_t td_set_add(TdThread *ts, TdValue set, TdValue v) { return add_key(ts, S(set), v); }

extern "C" int32_t td_set_update(TdThread *ts, TdValue set, TdValue iterable) {
  return update_internal(ts, S(set), iterable);
}

extern "C" TdValue td_build_set(TdThread *ts, TdValue *items, int64_t n) {
  TdValue s = make_set(ts, &td_type_set, 0);
  int rc = s ? 0 : -1;
  for (int64_t i = 0; i < n; i++) {
    if (rc == 0 && add_key(ts, S(s), items[i]) < 0) rc = -1;
    td_decref(items[i]);
  }
  if (rc < 0) {
    td_decref(s);
    return 0;
  }
  return s;
}

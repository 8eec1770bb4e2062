// class.cpp — user-defined classes: building them, their slots, and the
// attribute protocol of their instances.
//
// A `class C(B): body` statement runs the body into a namespace dict and
// calls td_build_class, which makes a TdClass (class.h): a TdType whose
// slots are filled from the dunder methods found along the MRO, so the
// generic entry points (td_binop, td_repr, td_getattr, td_call, ...) treat
// user classes and builtin types alike.
//
// Slots.  For each slot, the provider of its dunder decides (class.h
// glossary): a class on the MRO that defines the method → a dispatcher
// here (heap_repr, heap_binop, ...) that looks the method up and calls it;
// a builtin type → that type's own slot pointer, inherited as is; nobody →
// nullptr, so the dispatcher raises CPython's TypeError.  The dispatcher
// finds the method through a per-class cache of providers, cleared (with
// the slots recomputed) when a dunder is assigned on the class or one of
// its bases, so `C.__repr__ = f` takes effect as in CPython.
//
// Instances.  An instance uses the layout of the first builtin type on the
// MRO (object, an exception type, list or dict) plus a pointer to its
// __dict__ at `dictOffset`, created on first use.  Attribute lookup is
// CPython's: a data descriptor (property) on the type, then the instance
// dict, then the type's attribute (functions bind to the instance), then
// __getattr__.
//
// Lifetime: classes are immortal (never freed) — instances do not count
// references to their class.  Reference cycles through instance dicts leak
// until a cycle collector exists.
//
// Rejected: copying every method into the slots at class creation (CPython's
// fixup_slot_dispatchers) without a cache — it needs a second mechanism for
// later assignment to the class; the provider cache serves both.
#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <cstdlib>

#include "class.h"
#include "runtime.h"
#include "values.h"

namespace {

const char *const kDunderNames[] = {
#define X(id, str) str,
    TD_DUNDERS(X)
#undef X
};

TdClass *cls_of(TdValue v) { return td_as_class(td_type_of(v)); }

TdValue not_impl() { return td_val(&td_NotImplemented); }
bool is_not_impl(TdValue v) { return v == td_val(&td_NotImplemented); }

// The MRO of any type: a class's computed one, a builtin's base chain.
void mro_of(TdType *t, std::vector<TdType *> &out) {
  out.clear();
  if (td_is_heaptype(t)) {
    out = td_as_class(t)->mro;
    return;
  }
  for (TdType *k = t; k; k = k->base)
    out.push_back(k);
}

// Does builtin type k implement dunder d through its slots?
bool builtin_provides(const TdType *k, int d) {
  if (d >= TD_D_ADD && d <= TD_D_RAND)
    return k->binop != nullptr;
  if (d >= TD_D_IADD)
    return k->inplace != nullptr;
  switch (d) {
  case TD_D_REPR:
    return k->repr;
  case TD_D_STR:
    return k->str;
  case TD_D_HASH:
    return k->hash || k->richcompare; // compare without hash: unhashable
  case TD_D_EQ:
  case TD_D_NE:
  case TD_D_LT:
  case TD_D_LE:
  case TD_D_GT:
  case TD_D_GE:
    return k->richcompare;
  case TD_D_BOOL:
    return k->truthy;
  case TD_D_LEN:
    return k->len;
  case TD_D_GETITEM:
    return k->getitem;
  case TD_D_SETITEM:
  case TD_D_DELITEM:
    return k->setitem;
  case TD_D_CONTAINS:
    return k->contains;
  case TD_D_ITER:
    return k->iter;
  case TD_D_NEXT:
    return k->next;
  case TD_D_CALL:
    return k->call;
  case TD_D_INIT:
  case TD_D_NEW:
    return k == &td_type_object || (k->flags & TD_TF_EXCEPTION) || k == &td_type_list ||
           k == &td_type_dict;
  case TD_D_NEG:
  case TD_D_POS:
  case TD_D_INVERT:
    return k->unary;
  case TD_D_FORMAT:
    return k->format;
  default:
    return false; // __getattr__, __setattr__, __delattr__: the generic protocol
  }
}

// Fills c's cache entry for dunder d.
void find_provider(TdThread *ts, TdClass *c, int d) {
  c->known[d] = true;
  c->fn[d] = 0;
  c->owner[d] = nullptr;
  TdValue key = td_str_from(ts, kDunderNames[d]);
  if (!key) {
    td_err_clear(ts);
    c->known[d] = false;
    return;
  }
  for (TdType *k : c->mro) {
    if (td_is_heaptype(k)) {
      TdValue v = 0;
      int r = td_dict_find(ts, k->dict, key, &v);
      if (r < 0)
        td_err_clear(ts);
      if (r == 1) {
        c->fn[d] = v;
        c->owner[d] = k;
        break;
      }
    } else if (builtin_provides(k, d)) {
      c->owner[d] = k;
      break;
    }
  }
  td_decref(key);
}

// The provider of dunder d for class c: *fn is the method (borrowed) when a
// class defines it; the return value is the owner (nullptr: none).
TdType *provider(TdThread *ts, TdClass *c, int d, TdValue *fn) {
  if (!c->known[d])
    find_provider(ts, c, d);
  *fn = c->fn[d];
  return c->owner[d];
}

bool heap_provides(TdThread *ts, TdClass *c, int d) {
  TdValue fn;
  provider(ts, c, d, &fn);
  return fn != 0;
}

// Calls dunder d of `self` with args; nullptr-owner: *missing set.
TdValue call_dunder(TdThread *ts, TdValue self, int d, const TdValue *args, int64_t nargs,
                    bool *missing = nullptr) {
  TdClass *c = cls_of(self);
  TdValue fn;
  TdType *owner = provider(ts, c, d, &fn);
  if (!fn) {
    if (missing)
      *missing = true;
    if (!owner)
      td_err_format(ts, &td_type_AttributeError, "'%s' object has no attribute '%s'", c->type.name,
                    kDunderNames[d]);
    else
      td_err_format(ts, &td_type_TypeError, "'%s' object does not support %s", c->type.name,
                    kDunderNames[d]);
    return 0;
  }
  return td_call_with_self(ts, fn, self, &c->type, args, nargs, 0);
}

// --- slot dispatchers ------------------------------------------------------

TdValue heap_repr(TdThread *ts, TdValue v) {
  TdValue r = call_dunder(ts, v, TD_D_REPR, nullptr, 0);
  if (r && !td_is_str(r)) {
    td_err_format(ts, &td_type_TypeError, "__repr__ returned non-string (type %s)",
                  td_type_name(r));
    td_decref(r);
    return 0;
  }
  return r;
}

TdValue heap_str(TdThread *ts, TdValue v) {
  TdValue r = call_dunder(ts, v, TD_D_STR, nullptr, 0);
  if (r && !td_is_str(r)) {
    td_err_format(ts, &td_type_TypeError, "__str__ returned non-string (type %s)", td_type_name(r));
    td_decref(r);
    return 0;
  }
  return r;
}

int64_t heap_hash(TdThread *ts, TdValue v) {
  TdValue r = call_dunder(ts, v, TD_D_HASH, nullptr, 0);
  if (!r)
    return -1;
  if (!td_is_int(r)) {
    td_decref(r);
    td_err_set(ts, &td_type_TypeError, "__hash__ method should return an integer");
    return -1;
  }
  int64_t h = td_hash(ts, r);
  td_decref(r);
  return h;
}

TdValue heap_richcompare(TdThread *ts, TdValue a, TdValue b, int op) {
  TdClass *c = cls_of(a);
  TdValue fn;
  TdType *owner = provider(ts, c, TD_D_EQ + op, &fn);
  if (fn)
    return td_call_with_self(ts, fn, a, &c->type, &b, 1, 0);
  if (!owner)
    return not_impl();
  if (op == TD_CMP_NE && owner == &td_type_object) {
    // object.__ne__ inverts __eq__ unless that declines.
    TdValue r = c->type.richcompare(ts, a, b, TD_CMP_EQ);
    if (!r || is_not_impl(r))
      return r;
    int t = td_truthy(ts, r);
    td_decref(r);
    return t < 0 ? 0 : td_bool(!t);
  }
  return owner->richcompare ? owner->richcompare(ts, a, b, op) : not_impl();
}

int heap_bool(TdThread *ts, TdValue v) {
  TdValue r = call_dunder(ts, v, TD_D_BOOL, nullptr, 0);
  if (!r)
    return -1;
  if (r != td_bool(true) && r != td_bool(false)) {
    td_err_format(ts, &td_type_TypeError, "__bool__ should return bool, returned %s",
                  td_type_name(r));
    td_decref(r);
    return -1;
  }
  return r == td_bool(true);
}

int64_t heap_len(TdThread *ts, TdValue v) {
  TdValue r = call_dunder(ts, v, TD_D_LEN, nullptr, 0);
  if (!r)
    return -1;
  if (!td_is_int(r)) {
    td_err_format(ts, &td_type_TypeError, "'%s' object cannot be interpreted as an integer",
                  td_type_name(r));
    td_decref(r);
    return -1;
  }
  int sign = td_int_sign(r);
  int64_t n = 0;
  bool fits = sign >= 0 && td_int_small_value(r, &n);
  td_decref(r);
  if (sign < 0) {
    td_err_set(ts, &td_type_ValueError, "__len__() should return >= 0");
    return -1;
  }
  if (!fits) {
    td_err_set(ts, &td_type_OverflowError, "cannot fit 'int' into an index-sized integer");
    return -1;
  }
  return n;
}

TdValue heap_getitem(TdThread *ts, TdValue obj, TdValue key) {
  TdClass *c = cls_of(obj);
  TdValue fn;
  TdType *owner = provider(ts, c, TD_D_GETITEM, &fn);
  if (fn)
    return td_call_with_self(ts, fn, obj, &c->type, &key, 1, 0);
  if (owner && owner->getitem)
    return owner->getitem(ts, obj, key);
  td_err_format(ts, &td_type_TypeError, "'%s' object is not subscriptable", c->type.name);
  return 0;
}

int heap_setitem(TdThread *ts, TdValue obj, TdValue key, TdValue v) {
  TdClass *c = cls_of(obj);
  TdValue fn;
  TdType *owner = provider(ts, c, v ? TD_D_SETITEM : TD_D_DELITEM, &fn);
  if (fn) {
    TdValue args[2] = {key, v};
    TdValue r = td_call_with_self(ts, fn, obj, &c->type, args, v ? 2 : 1, 0);
    if (!r)
      return -1;
    td_decref(r);
    return 0;
  }
  if (owner && owner->setitem)
    return owner->setitem(ts, obj, key, v);
  if (v)
    td_err_format(ts, &td_type_TypeError, "'%s' object does not support item assignment",
                  c->type.name);
  else
    td_err_format(ts, &td_type_TypeError, "'%s' object doesn't support item deletion",
                  c->type.name);
  return -1;
}

int heap_contains(TdThread *ts, TdValue obj, TdValue item) {
  TdClass *c = cls_of(obj);
  TdValue fn;
  TdType *owner = provider(ts, c, TD_D_CONTAINS, &fn);
  if (!fn) {
    if (owner && owner->contains)
      return owner->contains(ts, obj, item);
    td_err_format(ts, &td_type_TypeError, "argument of type '%s' is not iterable", c->type.name);
    return -1;
  }
  TdValue r = td_call_with_self(ts, fn, obj, &c->type, &item, 1, 0);
  if (!r)
    return -1;
  int t = td_truthy(ts, r);
  td_decref(r);
  return t;
}

TdValue heap_iter(TdThread *ts, TdValue obj) {
  TdValue r = call_dunder(ts, obj, TD_D_ITER, nullptr, 0);
  if (r && !td_type_of(r)->next) {
    td_err_format(ts, &td_type_TypeError, "iter() returned non-iterator of type '%s'",
                  td_type_name(r));
    td_decref(r);
    return 0;
  }
  return r;
}

TdValue heap_next(TdThread *ts, TdValue obj) {
  TdValue r = call_dunder(ts, obj, TD_D_NEXT, nullptr, 0);
  if (!r && td_err_is(ts, &td_type_StopIteration)) {
    td_err_clear(ts);
    return TD_DONE;
  }
  return r;
}

TdValue heap_call(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs, TdValue kwnames) {
  TdClass *c = cls_of(self);
  TdValue fn;
  TdType *owner = provider(ts, c, TD_D_CALL, &fn);
  if (fn)
    return td_call_with_self(ts, fn, self, &c->type, args, nargs, kwnames);
  if (owner && owner->call)
    return owner->call(ts, self, args, nargs, kwnames);
  td_err_format(ts, &td_type_TypeError, "'%s' object is not callable", c->type.name);
  return 0;
}

TdValue heap_unary(TdThread *ts, int op, TdValue a) {
  int d = op == TD_UOP_NEG ? TD_D_NEG : op == TD_UOP_POS ? TD_D_POS : TD_D_INVERT;
  if (op == TD_UOP_NOT)
    return not_impl();
  TdClass *c = cls_of(a);
  TdValue fn;
  TdType *owner = provider(ts, c, d, &fn);
  if (fn)
    return td_call_with_self(ts, fn, a, &c->type, nullptr, 0, 0);
  if (owner && owner->unary)
    return owner->unary(ts, op, a);
  return not_impl();
}

TdValue heap_binop(TdThread *ts, int op, TdValue a, TdValue b);

// a.__op__(b) (reflected: b.__rop__(a)) through the providers of `t`.
TdValue binop_side(TdThread *ts, TdType *t, int op, TdValue a, TdValue b, bool reflected) {
  TdClass *c = td_as_class(t);
  TdValue fn;
  TdType *owner = provider(ts, c, (reflected ? TD_D_RADD : TD_D_ADD) + op, &fn);
  if (fn) {
    TdValue self = reflected ? b : a, other = reflected ? a : b;
    return td_call_with_self(ts, fn, self, t, &other, 1, 0);
  }
  if (owner && owner->binop && owner->binop != heap_binop)
    return owner->binop(ts, op, a, b);
  return not_impl();
}

// The binop slot of every class with arithmetic dunders.  ops.cpp calls it
// once when both operands' types use it, else once per side; it follows
// CPython's SLOT1BINFULL: a subclass's reflected method first, then the
// left operand's, then the right operand's reflected one.
TdValue heap_binop(TdThread *ts, int op, TdValue a, TdValue b) {
  TdType *ta = td_type_of(a), *tb = td_type_of(b);
  bool leftMine = ta->binop == heap_binop;
  bool doOther = ta != tb && tb->binop == heap_binop;
  if (leftMine) {
    if (doOther && td_is_subtype(tb, ta)) {
      TdValue r = binop_side(ts, tb, op, a, b, true);
      if (!r || !is_not_impl(r))
        return r;
      doOther = false;
    }
    TdValue r = binop_side(ts, ta, op, a, b, false);
    if (!r || !is_not_impl(r) || ta == tb)
      return r;
  }
  if (doOther || (!leftMine && tb->binop == heap_binop))
    return binop_side(ts, tb, op, a, b, true);
  return not_impl();
}

TdValue heap_inplace(TdThread *ts, int op, TdValue a, TdValue b) {
  TdClass *c = cls_of(a);
  TdValue fn;
  TdType *owner = provider(ts, c, TD_D_IADD + op, &fn);
  if (fn)
    return td_call_with_self(ts, fn, a, &c->type, &b, 1, 0);
  if (owner && owner->inplace && owner->inplace != heap_inplace)
    return owner->inplace(ts, op, a, b);
  return not_impl();
}

// Iterating a class with __getitem__ but no __iter__: obj[0], obj[1], ...
// until IndexError (CPython's sequence iterator).
struct SeqIter {
  TdObject ob;
  TdValue seq; // owned, 0 when exhausted
  int64_t index;
};

void seqiter_dealloc(TdObject *o) {
  td_decref(reinterpret_cast<SeqIter *>(o)->seq);
  td_free_object(o);
}

TdValue seqiter_iter(TdThread *, TdValue self) { return td_newref(self); }

TdValue seqiter_next(TdThread *ts, TdValue self) {
  auto *it = reinterpret_cast<SeqIter *>(self);
  if (!it->seq)
    return TD_DONE;
  TdValue r = td_getitem(ts, it->seq, td_small(it->index));
  if (!r) {
    if (td_err_is(ts, &td_type_IndexError) || td_err_is(ts, &td_type_StopIteration)) {
      td_err_clear(ts);
      td_decref(it->seq);
      it->seq = 0;
      return TD_DONE;
    }
    return 0;
  }
  it->index++;
  return r;
}

} // namespace

TdType td_type_seq_iterator = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "iterator",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = seqiter_dealloc,
    .iter = seqiter_iter,
    .next = seqiter_next,
};

namespace {

TdValue heap_seq_iter(TdThread *ts, TdValue obj) {
  auto *it = reinterpret_cast<SeqIter *>(td_alloc_object(&td_type_seq_iterator, sizeof(SeqIter)));
  if (!it)
    return td_err_nomem(ts);
  it->seq = td_newref(obj);
  it->index = 0;
  return td_val(it);
}

TdValue heap_getattr(TdThread *ts, TdValue obj, TdValue name) {
  TdValue r = td_generic_getattr(ts, obj, name);
  if (r || !td_err_is(ts, &td_type_AttributeError))
    return r;
  TdClass *c = cls_of(obj);
  TdValue fn;
  provider(ts, c, TD_D_GETATTR, &fn);
  if (!fn)
    return 0;
  td_err_clear(ts);
  return td_call_with_self(ts, fn, obj, &c->type, &name, 1, 0);
}

int heap_setattr(TdThread *ts, TdValue obj, TdValue name, TdValue v) {
  TdClass *c = cls_of(obj);
  TdValue fn;
  provider(ts, c, v ? TD_D_SETATTR : TD_D_DELATTR, &fn);
  if (!fn)
    return td_generic_setattr(ts, obj, name, v);
  TdValue args[2] = {name, v};
  TdValue r = td_call_with_self(ts, fn, obj, &c->type, args, v ? 2 : 1, 0);
  if (!r)
    return -1;
  td_decref(r);
  return 0;
}

// --- construction ------------------------------------------------------------

// BaseException.__init__, list.__init__, dict.__init__: a builtin layout's
// initialisation of an allocated instance.  object.__init__'s checks are
// in the slot wrapper and td_class_alloc.
bool layout_init(TdThread *ts, TdLayout layout, TdValue self, const TdValue *args, int64_t nargs,
                 TdValue kwnames) {
  int64_t nkw = td_kwcount(kwnames), npos = nargs - nkw;
  switch (layout) {
  case TdLayout::Object:
    return true;
  case TdLayout::Exception: {
    if (nkw) {
      td_err_format(ts, &td_type_TypeError, "%s() takes no keyword arguments", td_type_name(self));
      return false;
    }
    TdValue t = td_tuple_new(ts, npos);
    if (!t)
      return false;
    for (int64_t i = 0; i < npos; i++)
      td_as_tuple(t)->items[i] = td_newref(args[i]);
    auto *e = reinterpret_cast<TdException *>(self);
    td_decref(e->args);
    e->args = t;
    return true;
  }
  case TdLayout::List: {
    if (!td_no_kwargs(ts, "list", kwnames) || !td_check_nargs(ts, "list", npos, 0, 1))
      return false;
    TdList *l = td_as_list(self);
    while (l->size > 0)
      td_decref(l->items[--l->size]);
    return npos == 0 || td_list_extend(ts, self, args[0]) >= 0;
  }
  case TdLayout::Dict: {
    if (!td_check_nargs(ts, "dict", npos, 0, 1))
      return false;
    if (npos == 1 && td_dict_update(ts, self, args[0]) < 0)
      return false;
    for (int64_t k = 0; k < nkw; k++)
      if (td_dict_setitem(ts, self, td_as_tuple(kwnames)->items[k], args[npos + k]) < 0)
        return false;
    return true;
  }
  }
  return true;
}

TdValue heap_construct(TdThread *ts, TdValue type, const TdValue *args, int64_t nargs,
                       TdValue kwnames) {
  TdClass *c = td_as_class(reinterpret_cast<TdType *>(type));
  TdValue fn;
  provider(ts, c, TD_D_NEW, &fn);
  TdValue self;
  if (fn) {
    // __new__ is a staticmethod (td_build_class wraps it): call it with cls.
    TdRef f(td_descr_get(ts, fn, 0, &c->type));
    if (!f)
      return 0;
    std::vector<TdValue> all(size_t(nargs) + 1);
    all[0] = type;
    std::copy(args, args + nargs, all.begin() + 1);
    self = td_call(ts, f.get(), all.data(), nargs + 1, kwnames);
  } else {
    self = td_class_alloc(ts, &c->type, args, nargs, kwnames);
  }
  if (!self)
    return 0;
  if (!td_isinstance(self, &c->type))
    return self;
  TdType *owner = provider(ts, c, TD_D_INIT, &fn);
  if (fn) {
    TdValue r = td_call_with_self(ts, fn, self, &c->type, args, nargs, kwnames);
    if (!r) {
      td_decref(self);
      return 0;
    }
    if (!td_is_none(r)) {
      td_err_format(ts, &td_type_TypeError, "__init__() should return None, not '%s'",
                    td_type_name(r));
      td_decref(r);
      td_decref(self);
      return 0;
    }
    return self;
  }
  (void)owner;
  if (!layout_init(ts, td_as_class(td_type_of(self))->layout, self, args, nargs, kwnames)) {
    td_decref(self);
    return 0;
  }
  return self;
}

TdValue *dict_slot(TdValue obj) {
  TdClass *c = cls_of(obj);
  return reinterpret_cast<TdValue *>(reinterpret_cast<char *>(obj) + c->dictOffset);
}

void heap_dealloc(TdObject *o) {
  TdClass *c = td_as_class(o->type);
  TdValue obj = td_val(o);
  if (c->layout == TdLayout::Exception) {
    c->solid->dealloc(o); // exc_dealloc releases the dict too
    return;
  }
  TdValue *slot = dict_slot(obj);
  TdValue d = *slot;
  *slot = 0;
  td_decref(d);
  if (c->layout == TdLayout::Object)
    td_free_object(o);
  else
    c->solid->dealloc(o);
}

// --- slots from providers ------------------------------------------------------

void fix_slots(TdThread *ts, TdClass *c) {
  TdType &t = c->type;
  TdValue fn;
  auto prov = [&](int d) { return provider(ts, c, d, &fn); };
  TdType *o;

  o = prov(TD_D_REPR);
  t.repr = fn ? heap_repr : o ? o->repr : nullptr;
  o = prov(TD_D_STR);
  t.str = fn ? heap_str : o ? o->str : nullptr;
  o = prov(TD_D_HASH);
  t.hash = fn ? (td_is_none(fn) ? nullptr : heap_hash) : o ? o->hash : nullptr;

  bool anyCmp = false;
  for (int d = TD_D_EQ; d <= TD_D_GE; d++)
    anyCmp |= heap_provides(ts, c, d);
  o = prov(TD_D_EQ);
  t.richcompare = anyCmp ? heap_richcompare : o ? o->richcompare : nullptr;

  o = prov(TD_D_BOOL);
  t.truthy = fn ? heap_bool : o ? o->truthy : nullptr;
  o = prov(TD_D_LEN);
  t.len = fn ? heap_len : o ? o->len : nullptr;
  o = prov(TD_D_GETITEM);
  bool getitemMine = fn != 0;
  t.getitem = fn ? heap_getitem : o ? o->getitem : nullptr;
  bool setMine = heap_provides(ts, c, TD_D_SETITEM) || heap_provides(ts, c, TD_D_DELITEM);
  o = prov(TD_D_SETITEM);
  t.setitem = setMine ? heap_setitem : o ? o->setitem : nullptr;
  o = prov(TD_D_CONTAINS);
  t.contains = fn ? heap_contains : o ? o->contains : nullptr;
  o = prov(TD_D_ITER);
  t.iter = fn ? heap_iter : (o && o->iter) ? o->iter : getitemMine ? heap_seq_iter : nullptr;
  o = prov(TD_D_NEXT);
  t.next = fn ? heap_next : o ? o->next : nullptr;
  o = prov(TD_D_CALL);
  t.call = fn ? heap_call : o ? o->call : nullptr;

  bool anyBin = false, anyInplace = false, anyUnary = false;
  for (int d = TD_D_ADD; d <= TD_D_RAND; d++)
    anyBin |= heap_provides(ts, c, d);
  for (int d = TD_D_IADD; d < TD_D__COUNT; d++)
    anyInplace |= heap_provides(ts, c, d);
  for (int d : {TD_D_NEG, TD_D_POS, TD_D_INVERT})
    anyUnary |= heap_provides(ts, c, d);
  o = prov(TD_D_ADD);
  t.binop = anyBin ? heap_binop : o ? o->binop : nullptr;
  o = prov(TD_D_IADD);
  t.inplace = anyInplace ? heap_inplace : o ? o->inplace : nullptr;
  o = prov(TD_D_NEG);
  t.unary = anyUnary ? heap_unary : o ? o->unary : nullptr;
  o = prov(TD_D_FORMAT);
  t.format = fn ? nullptr : o ? o->format : nullptr; // td_format calls __format__ itself

  t.getattr = heap_getattr;
  t.setattr = heap_setattr;
  t.construct = heap_construct;
  t.dealloc = heap_dealloc;
}

// Clears the provider caches of c and every subclass and refills slots.
void refresh(TdThread *ts, TdClass *c) {
  std::fill(std::begin(c->known), std::end(c->known), false);
  fix_slots(ts, c);
  for (TdClass *s : c->subclasses)
    refresh(ts, s);
}

bool builtin_layout(const TdType *k, TdLayout *out) {
  if (k == &td_type_object)
    *out = TdLayout::Object;
  else if (k->flags & TD_TF_EXCEPTION)
    *out = TdLayout::Exception;
  else if (k == &td_type_list)
    *out = TdLayout::List;
  else if (k == &td_type_dict)
    *out = TdLayout::Dict;
  else
    return false;
  return true;
}

// C3 linearisation of the bases' MROs.  False with TypeError when none exists.
bool c3_merge(TdThread *ts, TdType *self, const std::vector<TdType *> &bases,
              std::vector<TdType *> &out) {
  std::vector<std::vector<TdType *>> seqs;
  for (TdType *b : bases) {
    seqs.emplace_back();
    mro_of(b, seqs.back());
  }
  seqs.push_back(bases);
  out.assign(1, self);
  for (;;) {
    bool anyLeft = false;
    TdType *pick = nullptr;
    for (auto &s : seqs) {
      if (s.empty())
        continue;
      anyLeft = true;
      TdType *cand = s.front();
      bool inTail = false;
      for (auto &o : seqs)
        if (std::find(o.begin() + (o.empty() ? 0 : 1), o.end(), cand) != o.end())
          inTail = true;
      if (!inTail) {
        pick = cand;
        break;
      }
    }
    if (!anyLeft)
      return true;
    if (!pick) {
      std::string names;
      for (size_t i = 0; i < bases.size(); i++) {
        if (i)
          names += ", ";
        names += bases[i]->name;
      }
      td_err_format(ts, &td_type_TypeError,
                    "Cannot create a consistent method resolution order (MRO) for bases %s",
                    names.c_str());
      return false;
    }
    out.push_back(pick);
    for (auto &s : seqs)
      if (!s.empty() && s.front() == pick)
        s.erase(s.begin());
  }
}

} // namespace

// ---------------------------------------------------------------------------
// Shared helpers (class.h)
// ---------------------------------------------------------------------------

const char *td_type_qualname(const TdType *t) {
  if (td_is_heaptype(t))
    return reinterpret_cast<const TdClass *>(t)->qualname.c_str();
  return t->name;
}

bool td_class_mro_contains(const TdType *t, const TdType *base) {
  const auto &m = reinterpret_cast<const TdClass *>(t)->mro;
  return std::find(m.begin(), m.end(), base) != m.end();
}

static bool type_lookup_uncached(TdThread *ts, TdType *t, TdValue name, TdLookup *out,
                                 TdType *start);

bool td_type_lookup(TdThread *ts, TdType *t, TdValue name, TdLookup *out, TdType *start) {
  if (start || !ts || !ts->rt) return type_lookup_uncached(ts, t, name, out, start);
  TdRuntime *rt = ts->rt;
  size_t idx = ((uintptr_t(t) >> 4) ^ (uintptr_t(name) >> 3) * 0x9E3779B1u) &
               (TdRuntime::kTypeCacheSize - 1);
  TdRuntime::TypeCacheEntry &e = rt->typeCache[idx];
  if (e.type == t && e.name == name && e.epoch == rt->typeEpoch) {
    *out = TdLookup{e.v, e.method, e.owner, e.wrapper};
    return true;
  }
  if (!type_lookup_uncached(ts, t, name, out, nullptr)) return false;
  td_incref(name);
  td_decref(e.name);
  e = TdRuntime::TypeCacheEntry{t, name, rt->typeEpoch, out->v, out->method, out->owner,
                                out->wrapper};
  return true;
}

static bool type_lookup_uncached(TdThread *ts, TdType *t, TdValue name, TdLookup *out,
                                 TdType *start) {
  *out = TdLookup{};
  bool skipping = start != nullptr;
  std::string_view n = td_str_view(name);
  // A class's MRO, or a builtin type's base chain; no copy: this runs for
  // every attribute access on an instance.
  const std::vector<TdType *> *mro = td_is_heaptype(t) ? &td_as_class(t)->mro : nullptr;
  size_t i = 0;
  for (TdType *k = t; k; k = mro ? (++i < mro->size() ? (*mro)[i] : nullptr) : k->base) {
    if (skipping) {
      if (k == start)
        skipping = false;
      continue;
    }
    if (k->dict) {
      TdValue v = 0;
      int r = td_dict_find(ts, k->dict, name, &v);
      if (r < 0)
        return false;
      if (r) {
        out->v = v;
        out->owner = k;
        return true;
      }
    }
    if (td_is_heaptype(k))
      continue;
    if (k->methods) {
      for (const TdMethodDef *m = k->methods; m->name; ++m) {
        if (n == m->name) {
          out->method = m;
          out->owner = k;
          return true;
        }
      }
    }
    if (const char *w = td_slot_wrapper_name(k, n)) {
      out->wrapper = w;
      out->owner = k;
      return true;
    }
  }
  return true;
}

TdValue td_instance_dict(TdThread *ts, TdValue obj, bool create) {
  if (!td_is_heaptype(td_type_of(obj)))
    return 0;
  TdValue *slot = dict_slot(obj);
  if (!*slot && create)
    *slot = td_dict_new(ts);
  return *slot;
}

TdValue td_generic_getattr(TdThread *ts, TdValue obj, TdValue name) {
  TdType *t = td_type_of(obj);
  if (!td_is_heaptype(t))
    return td_getattr(ts, obj, name);
  TdLookup lk;
  if (!td_type_lookup(ts, t, name, &lk))
    return 0;
  if (lk.v && td_is_data_descr(lk.v))
    return td_descr_get(ts, lk.v, obj, t);
  if (TdValue d = *dict_slot(obj)) {
    TdValue v = 0;
    int r = td_dict_find(ts, d, name, &v);
    if (r < 0)
      return 0;
    if (r)
      return td_newref(v);
  }
  if (lk.v)
    return td_descr_get(ts, lk.v, obj, t);
  if (lk.method)
    return td_builtin_method_new(ts, obj, lk.method);
  if (lk.wrapper)
    return td_slot_wrapper_new(ts, lk.owner, lk.wrapper, obj);
  std::string_view n = td_str_view(name);
  if (n == "__class__")
    return td_newref(td_val(t));
  if (n == "__dict__") {
    TdValue d = td_instance_dict(ts, obj, true);
    return d ? td_newref(d) : 0;
  }
  TdClass *c = td_as_class(t);
  if (c->solid->getattr)
    return c->solid->getattr(ts, obj, name); // args, __cause__, ...
  td_err_format(ts, &td_type_AttributeError, "'%s' object has no attribute '%.*s'", t->name,
                int(n.size()), n.data());
  return 0;
}

int td_generic_setattr(TdThread *ts, TdValue obj, TdValue name, TdValue v) {
  TdType *t = td_type_of(obj);
  if (!td_is_heaptype(t))
    return td_setattr(ts, obj, name, v);
  TdLookup lk;
  if (!td_type_lookup(ts, t, name, &lk))
    return -1;
  if (lk.v && td_is_data_descr(lk.v))
    return td_property_set(ts, lk.v, obj, v);
  TdClass *c = td_as_class(t);
  std::string_view n = td_str_view(name);
  if (c->solid->setattr && (n == "args" || n == "__cause__" || n == "__context__"))
    return c->solid->setattr(ts, obj, name, v);
  if (n == "__dict__" || n == "__class__") {
    td_err_format(ts, &td_type_TypeError, "tide cannot assign %.*s", int(n.size()), n.data());
    return -1;
  }
  TdValue d = td_instance_dict(ts, obj, v != 0);
  if (v)
    return d ? td_dict_setitem(ts, d, name, v) : -1;
  if (d) {
    TdValue old = 0;
    int r = td_dict_find(ts, d, name, &old);
    if (r < 0)
      return -1;
    if (r)
      return td_dict_delitem(ts, d, name);
  }
  td_err_format(ts, &td_type_AttributeError, "'%s' object has no attribute '%.*s'", t->name,
                int(n.size()), n.data());
  return -1;
}

TdValue td_class_call_method(TdThread *ts, TdValue obj, TdValue name, const TdValue *args,
                             int64_t nargs, TdValue kwnames, bool *handled) {
  *handled = false;
  TdType *t = td_type_of(obj);
  TdLookup lk;
  if (!td_type_lookup(ts, t, name, &lk)) {
    *handled = true;
    return 0;
  }
  bool plainFn = lk.v && !td_is_small(lk.v) && td_obj(lk.v)->type == &td_type_function;
  if (!plainFn && !lk.method)
    return 0;
  if (TdValue d = *dict_slot(obj)) {
    TdValue v = 0;
    int r = td_dict_find(ts, d, name, &v);
    if (r < 0) {
      *handled = true;
      return 0;
    }
    if (r)
      return 0; // the instance attribute shadows the method
  }
  *handled = true;
  if (lk.method)
    return lk.method->fn(ts, obj, args, nargs, kwnames);
  return td_call_with_self(ts, lk.v, obj, t, args, nargs, kwnames);
}

TdValue td_class_alloc(TdThread *ts, TdType *cls, const TdValue *args, int64_t nargs,
                       TdValue kwnames) {
  if (!td_is_heaptype(cls)) {
    if (cls == &td_type_object)
      return td_type_object.construct(ts, td_val(cls), nullptr, 0, 0);
    if (cls->construct)
      return cls->construct(ts, td_val(cls), args, nargs, kwnames);
    td_err_format(ts, &td_type_TypeError, "cannot create '%s' instances", cls->name);
    return 0;
  }
  TdClass *c = td_as_class(cls);
  TdObject *o = nullptr;
  switch (c->layout) {
  case TdLayout::Object: {
    if (nargs) {
      TdValue fn;
      bool newMine = (provider(ts, c, TD_D_NEW, &fn), fn != 0);
      bool initMine = (provider(ts, c, TD_D_INIT, &fn), fn != 0);
      if (newMine && !initMine) {
        td_err_set(ts, &td_type_TypeError,
                   "object.__new__() takes exactly one argument (the type to instantiate)");
        return 0;
      }
      if (!initMine) {
        td_err_format(ts, &td_type_TypeError, "%s() takes no arguments", cls->name);
        return 0;
      }
    }
    o = td_alloc_object(cls, c->dictOffset + sizeof(TdValue));
    if (!o)
      return td_err_nomem(ts);
    break;
  }
  case TdLayout::Exception: {
    // BaseException.__new__ keeps the positional arguments as args and
    // ignores keywords (__init__ checks them).
    int64_t npos = nargs - td_kwcount(kwnames);
    return td_type_BaseException.construct(ts, td_val(cls), args, npos, 0);
  }
  case TdLayout::List: {
    o = td_alloc_object(cls, c->dictOffset + sizeof(TdValue));
    if (!o)
      return td_err_nomem(ts);
    TdList *l = reinterpret_cast<TdList *>(o);
    l->size = 0;
    l->cap = 0;
    l->items = nullptr;
    break;
  }
  case TdLayout::Dict: {
    TdValue d = td_dict_new(ts);
    if (!d)
      return 0;
    void *p = td_realloc_object(td_obj(d), c->dictOffset + sizeof(TdValue));
    if (!p) {
      td_decref(d);
      return td_err_nomem(ts);
    }
    o = static_cast<TdObject *>(p);
    o->type = cls;
    break;
  }
  }
  *reinterpret_cast<TdValue *>(reinterpret_cast<char *>(o) + c->dictOffset) = 0;
  return td_val(o);
}

// ---------------------------------------------------------------------------
// Attribute access on the class object itself
// ---------------------------------------------------------------------------

TdValue td_class_getattr(TdThread *ts, TdType *t, TdValue name) {
  TdClass *c = td_as_class(t);
  std::string_view n = td_str_view(name);
  if (n.size() > 4 && n.substr(0, 2) == "__") {
    if (n == "__name__")
      return td_str_from(ts, c->name);
    if (n == "__qualname__")
      return td_str_from(ts, c->qualname);
    if (n == "__mro__")
      return td_newref(c->mroTuple);
    if (n == "__bases__")
      return td_newref(c->bases);
    if (n == "__base__")
      return td_newref(td_val(t->base));
    if (n == "__class__")
      return td_newref(td_val(&td_type_type));
    if (n == "__dict__")
      return td_dict_copy(ts, t->dict);
  }
  TdLookup lk;
  if (!td_type_lookup(ts, t, name, &lk))
    return 0;
  if (lk.v)
    return td_descr_get(ts, lk.v, 0, t);
  if (lk.method) {
    auto *d = reinterpret_cast<TdBuiltinMethod *>(
        td_alloc_object(&td_type_method_descriptor, sizeof(TdBuiltinMethod)));
    if (!d)
      return td_err_nomem(ts);
    d->fn = lk.method->fn;
    d->self = td_val(lk.owner); // types are immortal
    d->name = lk.method->name;
    return td_val(d);
  }
  if (lk.wrapper)
    return td_slot_wrapper_new(ts, lk.owner, lk.wrapper, 0);
  td_err_format(ts, &td_type_AttributeError, "type object '%s' has no attribute '%.*s'", t->name,
                int(n.size()), n.data());
  return 0;
}

int td_class_setattr(TdThread *ts, TdType *t, TdValue name, TdValue v) {
  TdClass *c = td_as_class(t);
  std::string_view n = td_str_view(name);
  if (n == "__name__" || n == "__qualname__") {
    if (!v || !td_is_str(v)) {
      td_err_format(ts, &td_type_TypeError, "can only assign string to %s.%.*s, not '%s'", t->name,
                    int(n.size()), n.data(), v ? td_type_name(v) : "NoneType");
      return -1;
    }
    if (n == "__name__") {
      c->name = std::string(td_str_view(v));
      t->name = c->name.c_str();
    } else {
      c->qualname = std::string(td_str_view(v));
    }
    return 0;
  }
  ts->rt->typeEpoch++; // every cached type lookup may have changed
  int r;
  if (v) {
    r = td_dict_setitem(ts, t->dict, name, v);
  } else {
    TdValue old = 0;
    r = td_dict_find(ts, t->dict, name, &old);
    if (r == 0) {
      td_err_format(ts, &td_type_AttributeError, "type object '%s' has no attribute '%.*s'",
                    t->name, int(n.size()), n.data());
      return -1;
    }
    if (r > 0)
      r = td_dict_delitem(ts, t->dict, name);
  }
  // The old value may be gone: forget every cached provider below t.
  if (n.size() > 4 && n.substr(0, 2) == "__")
    refresh(ts, c);
  return r < 0 ? -1 : 0;
}

// ---------------------------------------------------------------------------
// Building a class
// ---------------------------------------------------------------------------

extern "C" TdValue td_build_class(TdThread *ts, TdValue name, TdValue qualname, TdValue bases,
                                  TdValue ns) {
  if (!td_is_str(name) || !td_is_dict(ns)) {
    td_err_set(ts, &td_type_TypeError, "type() argument 1 must be str and argument 3 a dict");
    return 0;
  }
  std::vector<TdType *> baseList;
  if (bases && td_is_tuple(bases)) {
    for (int64_t i = 0; i < td_as_tuple(bases)->size; i++) {
      TdValue b = td_as_tuple(bases)->items[i];
      if (!td_is_type(b)) {
        td_err_format(ts, &td_type_TypeError, "bases must be types, not '%s'", td_type_name(b));
        return 0;
      }
      TdType *bt = reinterpret_cast<TdType *>(b);
      if (std::find(baseList.begin(), baseList.end(), bt) != baseList.end()) {
        td_err_format(ts, &td_type_TypeError, "duplicate base class %s", bt->name);
        return 0;
      }
      baseList.push_back(bt);
    }
  }
  if (baseList.empty())
    baseList.push_back(&td_type_object);

  // The instance layout: every base's must agree (object fits any).
  TdLayout layout = TdLayout::Object;
  for (TdType *b : baseList) {
    TdLayout bl;
    if (td_is_heaptype(b)) {
      bl = td_as_class(b)->layout;
    } else {
      if (!(b->flags & TD_TF_BASETYPE)) {
        td_err_format(ts, &td_type_TypeError, "type '%s' is not an acceptable base type", b->name);
        return 0;
      }
      if (!builtin_layout(b, &bl)) {
        td_err_format(ts, &td_type_TypeError,
                      "tide does not support subclassing '%s' yet (only object, exceptions, "
                      "list and dict)",
                      b->name);
        return 0;
      }
    }
    if (bl == TdLayout::Object)
      continue;
    if (layout != TdLayout::Object && layout != bl) {
      td_err_set(ts, &td_type_TypeError, "multiple bases have instance lay-out conflict");
      return 0;
    }
    layout = bl;
  }

  auto *c = new TdClass();
  TdType &t = c->type;
  t.ob = TD_STATIC_TYPE_HEAD;
  c->name = std::string(td_str_view(name));
  c->qualname = qualname && td_is_str(qualname) ? std::string(td_str_view(qualname)) : c->name;
  t.name = c->name.c_str();
  t.base = baseList[0];
  c->layout = layout;
  if (!c3_merge(ts, &t, baseList, c->mro)) {
    delete c;
    return 0;
  }
  t.flags = TD_TF_HEAPTYPE | TD_TF_BASETYPE;
  c->solid = &td_type_object;
  for (TdType *k : c->mro) {
    if (!td_is_heaptype(k) && k != &td_type_object) {
      c->solid = k;
      break;
    }
  }
  t.flags |= c->solid->flags & (TD_TF_EXCEPTION | TD_TF_LIST_SUBCLASS | TD_TF_DICT_SUBCLASS);
  if (layout == TdLayout::List)
    t.flags |= TD_TF_LIST_SUBCLASS;
  if (layout == TdLayout::Dict)
    t.flags |= TD_TF_DICT_SUBCLASS;
  switch (layout) {
  case TdLayout::Object:
    c->dictOffset = sizeof(TdObject);
    break;
  case TdLayout::Exception:
    c->dictOffset = offsetof(TdException, dict);
    break;
  case TdLayout::List:
    c->dictOffset = sizeof(TdList);
    break;
  case TdLayout::Dict:
    c->dictOffset = td_dict_object_size;
    break;
  }

  // The class dict: the namespace less __qualname__, plus CPython's
  // implicit entries.
  TdValue dict = td_dict_copy(ts, ns);
  if (!dict) {
    delete c;
    return 0;
  }
  td_make_immortal(dict);
  t.dict = dict;
  bool ok = true;
  auto has = [&](const char *k) {
    TdValue v = td_dict_get_str(ts, dict, k);
    if (!v && td_err_occurred(ts))
      ok = false;
    return v;
  };
  if (has("__qualname__")) {
    TdValue k = td_str_from(ts, "__qualname__");
    ok = ok && k && td_dict_delitem(ts, dict, k) == 0;
    td_decref(k);
  }
  if (!has("__module__") && ok) {
    TdRef mod(td_str_from(ts, "__main__"));
    ok = mod && td_dict_set_str(ts, dict, "__module__", mod.get()) == 0;
  }
  if (!has("__doc__") && ok)
    ok = td_dict_set_str(ts, dict, "__doc__", td_none()) == 0;
  // Defining __eq__ without __hash__ makes instances unhashable.
  if (has("__eq__") && !has("__hash__") && ok)
    ok = td_dict_set_str(ts, dict, "__hash__", td_none()) == 0;
  if (TdValue nw = has("__new__");
      nw && ok && !td_is_small(nw) && td_obj(nw)->type == &td_type_function) {
    TdRef sm(td_call1(ts, td_val(&td_type_staticmethod), nw));
    ok = sm && td_dict_set_str(ts, dict, "__new__", sm.get()) == 0;
  }
  // property.__set_name__: properties learn their attribute name.
  int64_t pos = 0;
  TdValue k, v;
  while (ok && td_dict_next(dict, &pos, &k, &v)) {
    if (td_is_data_descr(v)) {
      auto *p = reinterpret_cast<TdProperty *>(v);
      if (!p->name)
        p->name = td_newref(k);
    }
  }
  if (!ok) {
    if (!td_err_occurred(ts))
      td_err_nomem(ts);
    return 0; // `c` stays allocated; its dict is immortal
  }

  // __bases__ and __mro__ tuples.
  c->bases = td_tuple_new(ts, int64_t(baseList.size()));
  c->mroTuple = td_tuple_new(ts, int64_t(c->mro.size()));
  if (!c->bases || !c->mroTuple)
    return 0;
  for (size_t i = 0; i < baseList.size(); i++)
    td_as_tuple(c->bases)->items[i] = td_val(baseList[i]);
  for (size_t i = 0; i < c->mro.size(); i++)
    td_as_tuple(c->mroTuple)->items[i] = td_val(c->mro[i]);
  td_make_immortal(c->bases);
  td_make_immortal(c->mroTuple);

  for (TdType *b : baseList)
    if (td_is_heaptype(b))
      td_as_class(b)->subclasses.push_back(c);
  fix_slots(ts, c);
  if (td_err_occurred(ts))
    return 0;
  return td_val(&t);
}

bool td_builtin_init(TdThread *ts, TdType *owner, TdValue self, const TdValue *args, int64_t nargs,
                     TdValue kwnames) {
  TdLayout l = TdLayout::Object;
  builtin_layout(owner, &l);
  return layout_init(ts, l, self, args, nargs, kwnames);
}

TdValue td_type_new3(TdThread *ts, const TdValue *args, int64_t nargs, TdValue kwnames) {
  if (nargs != 3 || td_kwcount(kwnames)) {
    td_err_set(ts, &td_type_TypeError, "type() takes 1 or 3 arguments");
    return 0;
  }
  if (!td_is_str(args[0])) {
    td_err_format(ts, &td_type_TypeError, "type.__new__() argument 1 must be str, not %s",
                  td_type_name(args[0]));
    return 0;
  }
  if (!td_is_tuple(args[1])) {
    td_err_format(ts, &td_type_TypeError, "type.__new__() argument 2 must be tuple, not %s",
                  td_type_name(args[1]));
    return 0;
  }
  if (!td_is_dict(args[2])) {
    td_err_format(ts, &td_type_TypeError, "type.__new__() argument 3 must be dict, not %s",
                  td_type_name(args[2]));
    return 0;
  }
  return td_build_class(ts, args[0], args[0], args[1], args[2]);
}

// ---------------------------------------------------------------------------
// super() and class-body lookups
// ---------------------------------------------------------------------------

namespace {

// Does class-dict value v hold function fn (directly or wrapped)?
bool holds_function(TdValue v, TdValue fn) {
  if (v == fn)
    return true;
  if (td_is_small(v))
    return false;
  TdType *t = td_obj(v)->type;
  if (t == &td_type_staticmethod || t == &td_type_classmethod)
    return reinterpret_cast<TdFuncWrapper *>(v)->func == fn;
  if (t == &td_type_property) {
    auto *p = reinterpret_cast<TdProperty *>(v);
    return p->fget == fn || p->fset == fn || p->fdel == fn;
  }
  return false;
}

} // namespace

extern "C" TdValue td_super0(TdThread *ts, TdFunction *fn, TdValue self) {
  if (!self) {
    td_err_set(ts, &td_type_RuntimeError, "super(): no arguments");
    return 0;
  }
  TdType *start = td_is_type(self) ? reinterpret_cast<TdType *>(self) : td_type_of(self);
  std::vector<TdType *> chain;
  mro_of(start, chain);
  for (TdType *k : chain) {
    if (!td_is_heaptype(k))
      continue;
    int64_t pos = 0;
    TdValue key, v;
    while (td_dict_next(k->dict, &pos, &key, &v))
      if (holds_function(v, td_val(fn)))
        return td_super_new(ts, k, self);
  }
  td_err_set(ts, &td_type_RuntimeError, "super(): __class__ cell not found");
  return 0;
}

extern "C" TdValue td_dict_lookup(TdThread *ts, TdValue d, TdValue key) {
  TdValue v = 0;
  int r = td_dict_find(ts, d, key, &v);
  if (r < 0)
    return 0;
  return r ? td_newref(v) : TD_DONE;
}

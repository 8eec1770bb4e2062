// object.cpp — the root type `object`, object allocation, and the generic
// attribute protocol for builtin types.
//
// What lives here
//   td_type_object       base of every type: identity equality, address
//                        hash, "<T object at 0x...>" repr.
//   td_dealloc           calls the type's dealloc slot (which frees with
//                        td_free_object; the allocator is alloc.cpp).
//   td_getattr et al.    for builtin types (no getattr slot) an attribute is
//                        a method from the type's `methods` table, returned
//                        bound (TdBuiltinMethod).  Types with instance
//                        dictionaries (classes, modules) install a getattr /
//                        setattr slot and the generic code defers to it.
//   td_call_method       `obj.name(args)`: for builtin types the method is
//                        found in the table and called directly with obj as
//                        self, so no bound-method object is allocated.
//
// Design: method lookup is a linear scan of the (short) static method tables
// up the base chain.  Rejected for now: a per-type dict of descriptors —
// faster for types with many methods, but it needs the dict type at startup
// and every builtin call site would pay a hash; the scan compares lengths
// first and most tables hold a handful of names.
#include <cinttypes>
#include <cstdio>
#include <cstdlib>

#include "class.h"
#include "containers.h"
#include "values.h"

// ---------------------------------------------------------------------------
// Allocation
// ---------------------------------------------------------------------------


void td_make_immortal(TdValue v) {
  if (v && !td_is_small(v)) td_obj(v)->refcnt = TD_IMMORTAL_REFCNT;
}

extern "C" void td_dealloc(TdObject *o) {
  if (o->type->dealloc)
    o->type->dealloc(o);
  else
    td_free_object(o);
}

bool td_is_subtype(const TdType *t, const TdType *base) {
  for (const TdType *k = t; k; k = k->base) {
    if (k == base) return true;
    // A class may have several bases: its MRO has them all.
    if (k->flags & TD_TF_HEAPTYPE) {
      if (td_class_mro_contains(k, base)) return true;
      break;
    }
  }
  // ExceptionGroup has two bases, BaseExceptionGroup and Exception, but a
  // builtin type has one (its base is Exception): this is the other.
  return base == &td_type_BaseExceptionGroup && td_is_subtype(t, &td_type_ExceptionGroup);
}

const char *td_type_name(TdValue v) { return td_type_of(v)->name; }

void td_type_ready(TdType *t) {
  // Builtin types keep their methods in the static table (td_find_method);
  // nothing to build yet.  Kept idempotent so every type can be readied at
  // init regardless of order.
  (void)t;
}

const TdMethodDef *td_find_method(const TdType *t, std::string_view name) {
  for (; t; t = t->base) {
    if (!t->methods) continue;
    for (const TdMethodDef *m = t->methods; m->name; ++m)
      if (m->name[0] == name[0] && name == m->name) return m;
  }
  return nullptr;
}

// ---------------------------------------------------------------------------
// Argument parsing for builtins
// ---------------------------------------------------------------------------

bool td_parse_args(TdThread *ts, const char *fname, const TdValue *args, int64_t nargs,
                   TdValue kwnames, const char *const *names, int min, int max,
                   TdValue *out) {
  int64_t nkw = kwnames ? reinterpret_cast<TdTupleHead *>(kwnames)->size : 0;
  int64_t npos = nargs - nkw;
  for (int i = 0; i < max; ++i) out[i] = 0;
  if (npos > max) {
    if (max == 0)
      td_err_format(ts, &td_type_TypeError, "%s() takes no arguments (%" PRId64 " given)", fname,
                    npos);
    else if (min == max)
      td_err_format(ts, &td_type_TypeError, "%s() takes exactly %s (%" PRId64 " given)", fname,
                    max == 1 ? "one argument" : (std::to_string(max) + " arguments").c_str(),
                    npos);
    else
      td_err_format(ts, &td_type_TypeError, "%s() takes at most %d argument%s (%" PRId64 " given)",
                    fname, max, max == 1 ? "" : "s", npos);
    return false;
  }
  for (int64_t i = 0; i < npos; ++i) out[i] = args[i];
  if (nkw) {
    if (!names) {
      td_err_format(ts, &td_type_TypeError, "%s() takes no keyword arguments", fname);
      return false;
    }
    auto *kw = reinterpret_cast<TdTupleHead *>(kwnames);
    for (int64_t k = 0; k < nkw; ++k) {
      std::string_view key = td_str_view(kw->items[k]);
      int idx = -1;
      for (int i = 0; i < max; ++i)
        if (names[i] && key == names[i]) idx = i;
      if (idx < 0) {
        td_err_format(ts, &td_type_TypeError, "%s() got an unexpected keyword argument '%.*s'",
                      fname, int(key.size()), key.data());
        return false;
      }
      if (out[idx]) {
        td_err_format(ts, &td_type_TypeError,
                      "argument for %s() given by name ('%.*s') and position (%d)", fname,
                      int(key.size()), key.data(), idx + 1);
        return false;
      }
      out[idx] = args[npos + k];
    }
  }
  for (int i = 0; i < min; ++i) {
    if (!out[i]) {
      if (min == max)
        td_err_format(ts, &td_type_TypeError, "%s() takes exactly %s (%" PRId64 " given)", fname,
                      min == 1 ? "one argument" : (std::to_string(min) + " arguments").c_str(),
                      npos);
      else
        td_err_format(ts, &td_type_TypeError,
                      "%s() takes at least %d argument%s (%" PRId64 " given)", fname, min,
                      min == 1 ? "" : "s", npos);
      return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------
// object
// ---------------------------------------------------------------------------

static TdValue object_repr(TdThread *ts, TdValue v) {
  TdType *t = td_type_of(v);
  char buf[256];
  std::snprintf(buf, sizeof buf, "<%s%s object at %p>",
                (t->flags & TD_TF_HEAPTYPE) ? "__main__." : "", td_type_qualname(t),
                reinterpret_cast<void *>(v));
  return td_str_from(ts, buf);
}

int64_t td_object_hash(TdThread *, TdValue v) {
  // Like CPython: the address rotated so the always-zero low bits spread.
  uint64_t y = uint64_t(v);
  int64_t h = int64_t((y >> 4) | (y << 60));
  return h == -1 ? -2 : h;
}

TdValue td_object_richcompare(TdThread *, TdValue a, TdValue b, int op) {
  if (op == TD_CMP_EQ) return a == b ? td_bool(true) : td_val(&td_NotImplemented);
  if (op == TD_CMP_NE) return a == b ? td_bool(false) : td_val(&td_NotImplemented);
  return td_val(&td_NotImplemented);
}

static TdValue object_construct(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs,
                                TdValue kwnames) {
  if (nargs) {
    td_err_set(ts, &td_type_TypeError, "object() takes no arguments");
    return 0;
  }
  TdObject *o = td_alloc_object(&td_type_object, sizeof(TdObject));
  if (!o) return td_err_nomem(ts);
  return td_val(o);
}

TdType td_type_object = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "object",
    .base = nullptr,
    .flags = TD_TF_BASETYPE,
    .dealloc = td_free_object,
    .repr = object_repr,
    .str = nullptr,
    .hash = td_object_hash,
    .richcompare = td_object_richcompare,
    .construct = object_construct,
};

// ---------------------------------------------------------------------------
// builtin_function_or_method: a TdMethodDef bound to its receiver.
// ---------------------------------------------------------------------------

TdValue td_builtin_method_new(TdThread *ts, TdValue self, const TdMethodDef *def) {
  auto *m = reinterpret_cast<TdBuiltinMethod *>(
      td_alloc_object(&td_type_builtin_method, sizeof(TdBuiltinMethod)));
  if (!m) return td_err_nomem(ts);
  m->fn = def->fn;
  m->self = td_newref(self);
  m->name = def->name;
  return td_val(m);
}

static void builtin_method_dealloc(TdObject *o) {
  td_decref(reinterpret_cast<TdBuiltinMethod *>(o)->self);
  td_free_object(o);
}

static TdValue builtin_method_call(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs,
                                   TdValue kwnames) {
  auto *m = reinterpret_cast<TdBuiltinMethod *>(self);
  return m->fn(ts, m->self, args, nargs, kwnames);
}

static TdValue builtin_method_repr(TdThread *ts, TdValue v) {
  auto *m = reinterpret_cast<TdBuiltinMethod *>(v);
  char buf[256];
  std::snprintf(buf, sizeof buf, "<built-in method %s of %s object at %p>", m->name,
                td_type_name(m->self), reinterpret_cast<void *>(m->self));
  return td_str_from(ts, buf);
}

static TdValue builtin_method_richcompare(TdThread *, TdValue a, TdValue b, int op) {
  if ((op != TD_CMP_EQ && op != TD_CMP_NE) || td_type_of(b) != &td_type_builtin_method)
    return td_val(&td_NotImplemented);
  auto *x = reinterpret_cast<TdBuiltinMethod *>(a);
  auto *y = reinterpret_cast<TdBuiltinMethod *>(b);
  bool eq = x->fn == y->fn && x->self == y->self;
  return td_bool(op == TD_CMP_EQ ? eq : !eq);
}

TdType td_type_builtin_method = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "builtin_function_or_method",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = builtin_method_dealloc,
    .repr = builtin_method_repr,
    .hash = td_object_hash,
    .richcompare = builtin_method_richcompare,
    .call = builtin_method_call,
};

// ---------------------------------------------------------------------------
// Attributes
// ---------------------------------------------------------------------------

static void no_attribute(TdThread *ts, TdValue obj, std::string_view name) {
  td_err_format(ts, &td_type_AttributeError, "'%s' object has no attribute '%.*s'",
                td_type_name(obj), int(name.size()), name.data());
}

extern "C" TdValue td_getattr(TdThread *ts, TdValue obj, TdValue name) {
  TdType *t = td_type_of(obj);
  if (t->getattr) return t->getattr(ts, obj, name);
  std::string_view n = td_str_view(name);
  if (const TdMethodDef *m = td_find_method(t, n)) return td_builtin_method_new(ts, obj, m);
  if (n == "__class__") return td_newref(td_val(t));
  no_attribute(ts, obj, n);
  return 0;
}

extern "C" int32_t td_setattr(TdThread *ts, TdValue obj, TdValue name, TdValue v) {
  TdType *t = td_type_of(obj);
  if (t->setattr) return t->setattr(ts, obj, name, v);
  std::string_view n = td_str_view(name);
  if (td_find_method(t, n)) {
    td_err_format(ts, &td_type_AttributeError, "'%s' object attribute '%.*s' is read-only",
                  t->name, int(n.size()), n.data());
    return -1;
  }
  no_attribute(ts, obj, n);
  return -1;
}

extern "C" int32_t td_delattr(TdThread *ts, TdValue obj, TdValue name) {
  TdType *t = td_type_of(obj);
  if (t->setattr) return t->setattr(ts, obj, name, 0);
  return td_setattr(ts, obj, name, 0);
}

extern "C" TdValue td_call_method(TdThread *ts, TdValue obj, TdValue name, const TdValue *args,
                                  int64_t nargs, TdValue kwnames) {
  TdType *t = td_type_of(obj);
  if (!t->getattr) {
    if (const TdMethodDef *m = td_find_method(t, td_str_view(name)))
      return m->fn(ts, obj, args, nargs, kwnames);
  } else if (t->flags & TD_TF_HEAPTYPE) {
    // A method found on the class is called with obj prepended: no bound
    // method object.
    bool handled;
    TdValue r = td_class_call_method(ts, obj, name, args, nargs, kwnames, &handled);
    if (handled) return r;
  }
  TdValue bound = td_getattr(ts, obj, name);
  if (!bound) return 0;
  TdValue r = td_call(ts, bound, args, nargs, kwnames);
  td_decref(bound);
  return r;
}

// ---------------------------------------------------------------------------
// type: the type of every type.  Calling a type constructs an instance
// (its construct slot); type(x) returns x's type.  Attribute lookup on a
// type finds class attributes in the dicts up the base chain (heap types),
// then the builtin methods, which come back unbound: `str.upper("a")`.
// ---------------------------------------------------------------------------

static TdType *as_type(TdValue v) { return reinterpret_cast<TdType *>(v); }

static TdValue type_repr(TdThread *ts, TdValue v) {
  TdType *t = as_type(v);
  std::string s = "<class '";
  if (t->flags & TD_TF_HEAPTYPE) s += "__main__.";
  s += td_type_qualname(t);
  s += "'>";
  return td_str_from(ts, s);
}

static TdValue type_call(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs,
                         TdValue kwnames) {
  TdType *t = as_type(self);
  if (t == &td_type_type && nargs == 1 && !kwnames)
    return td_newref(td_val(td_type_of(args[0])));
  if (t == &td_type_type) return td_type_new3(ts, args, nargs, kwnames);
  if (!t->construct) {
    td_err_format(ts, &td_type_TypeError, "cannot create '%s' instances", t->name);
    return 0;
  }
  return t->construct(ts, self, args, nargs, kwnames);
}

// An unbound builtin method (`str.upper`): the first argument is self.
static TdValue method_descriptor_call(TdThread *ts, TdValue self, const TdValue *args,
                                      int64_t nargs, TdValue kwnames) {
  auto *m = reinterpret_cast<TdBuiltinMethod *>(self);
  TdType *owner = as_type(m->self);
  if (nargs - td_kwcount(kwnames) < 1 || !td_isinstance(args[0], owner)) {
    td_err_format(ts, &td_type_TypeError,
                  "descriptor '%s' for '%s' objects doesn't apply to a '%s' object", m->name,
                  owner->name, nargs ? td_type_name(args[0]) : "NoneType");
    return 0;
  }
  return m->fn(ts, args[0], args + 1, nargs - 1, kwnames);
}

static TdValue method_descriptor_repr(TdThread *ts, TdValue v) {
  auto *m = reinterpret_cast<TdBuiltinMethod *>(v);
  std::string s = "<method '";
  s += m->name;
  s += "' of '";
  s += as_type(m->self)->name;
  s += "' objects>";
  return td_str_from(ts, s);
}

TdType td_type_method_descriptor = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "method_descriptor",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = builtin_method_dealloc,
    .repr = method_descriptor_repr,
    .hash = td_object_hash,
    .call = method_descriptor_call,
};

static TdValue type_getattr(TdThread *ts, TdValue obj, TdValue name) {
  TdType *t = as_type(obj);
  if (t->flags & TD_TF_HEAPTYPE) return td_class_getattr(ts, t, name);
  std::string_view n = td_str_view(name);
  for (TdType *k = t; k; k = k->base) {
    if (k->dict) {
      TdValue v = td_dict_get_str(ts, k->dict, n);
      if (v) return td_newref(v);
      if (td_err_occurred(ts)) return 0;
    }
  }
  if (const TdMethodDef *m = td_find_method(t, n)) {
    auto *d = reinterpret_cast<TdBuiltinMethod *>(
        td_alloc_object(&td_type_method_descriptor, sizeof(TdBuiltinMethod)));
    if (!d) return td_err_nomem(ts);
    d->fn = m->fn;
    d->self = td_val(t); // types are immortal
    d->name = m->name;
    return td_val(d);
  }
  // A builtin type named "module.name" (CPython's tp_name: "_thread.lock",
  // "functools.partial") is `name` in module `module`.
  std::string_view full = t->name;
  size_t dot = full.rfind('.');
  if (n == "__name__" || n == "__qualname__")
    return td_str_from(ts, dot == std::string_view::npos ? full : full.substr(dot + 1));
  if (n == "__module__")
    return td_str_from(ts, (t->flags & TD_TF_HEAPTYPE)        ? std::string_view("__main__")
                           : dot == std::string_view::npos ? std::string_view("builtins")
                                                           : full.substr(0, dot));
  if (n == "__class__") return td_newref(td_val(td_type_of(obj)));
  if (n == "__base__") return t->base ? td_newref(td_val(t->base)) : td_none();
  if (n == "__mro__" || n == "__bases__") {
    int64_t count = 0;
    for (TdType *k = n == "__mro__" ? t : t->base; k; k = n == "__mro__" ? k->base : nullptr) count++;
    TdValue tuple = td_tuple_new(ts, count);
    if (!tuple) return 0;
    int64_t i = 0;
    for (TdType *k = n == "__mro__" ? t : t->base; k; k = n == "__mro__" ? k->base : nullptr)
      td_as_tuple(tuple)->items[i++] = td_val(k);
    return tuple;
  }
  // object.__init__, object.__setattr__, ValueError.__str__ ...
  for (TdType *k = t; k; k = k->base)
    if (const char *w = td_slot_wrapper_name(k, n)) return td_slot_wrapper_new(ts, k, w, 0);
  td_err_format(ts, &td_type_AttributeError, "type object '%s' has no attribute '%.*s'", t->name,
                int(n.size()), n.data());
  return 0;
}

static int type_setattr(TdThread *ts, TdValue obj, TdValue name, TdValue v) {
  TdType *t = as_type(obj);
  if ((t->flags & TD_TF_HEAPTYPE) && t->dict) return td_class_setattr(ts, t, name, v);
  std::string_view n = td_str_view(name);
  if (!(t->flags & TD_TF_HEAPTYPE) || !t->dict) {
    td_err_format(ts, &td_type_TypeError,
                  "cannot set '%.*s' attribute of immutable type '%s'", int(n.size()), n.data(),
                  t->name);
    return -1;
  }
  if (v) return td_dict_set_str(ts, t->dict, n, v);
  TdValue key = td_str_from(ts, n);
  if (!key) return -1;
  int r = td_dict_delitem(ts, t->dict, key);
  td_decref(key);
  if (r < 0 && td_err_is(ts, &td_type_KeyError)) {
    td_err_clear(ts);
    td_err_format(ts, &td_type_AttributeError, "type object '%s' has no attribute '%.*s'",
                  t->name, int(n.size()), n.data());
  }
  return r;
}

TdType td_type_type = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "type",
    .base = &td_type_object,
    .flags = TD_TF_BASETYPE,
    .dealloc = nullptr,
    .repr = type_repr,
    .str = nullptr,
    .hash = td_object_hash,
    .richcompare = nullptr,
    .truthy = nullptr,
    .len = nullptr,
    .binop = nullptr,
    .inplace = nullptr,
    .unary = nullptr,
    .getattr = type_getattr,
    .setattr = type_setattr,
    .call = type_call,
};

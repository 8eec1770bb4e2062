// descr.cpp — the objects attribute lookup on classes hands out: bound
// methods, property, staticmethod, classmethod, super, and slot wrappers.
//
// Glossary
//   descriptor     a class attribute that decides what `obj.name` gives:
//                  a function binds (a bound method), staticmethod unwraps,
//                  classmethod binds to the class, property calls its
//                  getter.  td_descr_get is the one place that knows.
//   data descr.    a descriptor that also controls assignment (property):
//                  it wins over the instance dict.
//   slot wrapper   a builtin type's slot seen as a method: `object.__init__`,
//                  `super().__repr__()`, `ValueError.__str__(e)`.  Bound
//                  (`self` set) when reached through an instance.
//
// Design: CPython's __get__/__set__ protocol is a pair of type slots any
// type may fill; tide's descriptors are the closed set above, so
// td_descr_get switches on the type instead of adding slots to TdType.
// User classes defining __get__ are not descriptors here (documented
// difference; rare in scripts).
#include <cstdio>

#include "class.h"
#include "runtime.h"
#include "values.h"

namespace {

TdValue not_impl() { return td_val(&td_NotImplemented); }

int64_t identity_hash(TdThread *, TdValue v) {
  uint64_t y = uint64_t(v);
  int64_t h = int64_t((y >> 4) | (y << 60));
  return h == -1 ? -2 : h;
}

std::string addr(TdValue v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%p", reinterpret_cast<void *>(v));
  return buf;
}

// callee(first, *args) with no allocation for short calls.
TdValue call_prepended(TdThread *ts, TdValue callee, TdValue first, const TdValue *args,
                       int64_t nargs, TdValue kwnames) {
  TdValue small[8];
  std::vector<TdValue> big;
  TdValue *buf = small;
  if (nargs + 1 > 8) {
    big.resize(size_t(nargs) + 1);
    buf = big.data();
  }
  buf[0] = first;
  for (int64_t i = 0; i < nargs; i++)
    buf[i + 1] = args[i];
  return td_call(ts, callee, buf, nargs + 1, kwnames);
}

// The function's __qualname__ as text ("?" if it has none).
std::string qualname_of(TdThread *ts, TdValue fn) {
  if (!td_is_small(fn) && td_obj(fn)->type == &td_type_function)
    return std::string(td_str_view(reinterpret_cast<TdFunctionObj *>(fn)->qualname));
  TdRef key(td_str_from(ts, "__qualname__"));
  if (!key) {
    td_err_clear(ts);
    return "?";
  }
  TdRef q(td_getattr(ts, fn, key.get()));
  if (!q || !td_is_str(q.get())) {
    td_err_clear(ts);
    return "?";
  }
  return std::string(td_str_view(q.get()));
}

// ---------------------------------------------------------------------------
// method: a function bound to an instance
// ---------------------------------------------------------------------------

TdMethodObj *M(TdValue v) { return reinterpret_cast<TdMethodObj *>(v); }

void method_dealloc(TdObject *o) {
  td_decref(M(td_val(o))->func);
  td_decref(M(td_val(o))->self);
  td_free_object(o);
}

TdValue method_call(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs,
                    TdValue kwnames) {
  return call_prepended(ts, M(self)->func, M(self)->self, args, nargs, kwnames);
}

TdValue method_repr(TdThread *ts, TdValue v) {
  std::string s = "<bound method " + qualname_of(ts, M(v)->func) + " of ";
  if (!td_repr_to(ts, M(v)->self, s))
    return 0;
  s += '>';
  return td_str_from(ts, s);
}

TdValue method_getattr(TdThread *ts, TdValue v, TdValue name) {
  std::string_view n = td_str_view(name);
  if (n == "__self__")
    return td_newref(M(v)->self);
  if (n == "__func__")
    return td_newref(M(v)->func);
  if (n == "__class__")
    return td_newref(td_val(&td_type_method));
  return td_getattr(ts, M(v)->func, name); // __name__, __doc__, ...
}

TdValue method_richcompare(TdThread *, TdValue a, TdValue b, int op) {
  if ((op != TD_CMP_EQ && op != TD_CMP_NE) || td_type_of(b) != &td_type_method)
    return not_impl();
  bool eq = M(a)->func == M(b)->func && M(a)->self == M(b)->self;
  return td_bool(op == TD_CMP_EQ ? eq : !eq);
}

int64_t method_hash(TdThread *ts, TdValue v) {
  int64_t h = identity_hash(ts, M(v)->self) ^ identity_hash(ts, M(v)->func);
  return h == -1 ? -2 : h;
}

} // namespace

TdType td_type_method = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "method",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = method_dealloc,
    .repr = method_repr,
    .hash = method_hash,
    .richcompare = method_richcompare,
    .getattr = method_getattr,
    .call = method_call,
};

TdValue td_method_new(TdThread *ts, TdValue func, TdValue self) {
  auto *m = reinterpret_cast<TdMethodObj *>(td_alloc_object(&td_type_method, sizeof(TdMethodObj)));
  if (!m)
    return td_err_nomem(ts);
  m->func = td_newref(func);
  m->self = td_newref(self);
  return td_val(m);
}

// ---------------------------------------------------------------------------
// property
// ---------------------------------------------------------------------------

namespace {

TdProperty *P(TdValue v) { return reinterpret_cast<TdProperty *>(v); }

void property_dealloc(TdObject *o) {
  TdProperty *p = P(td_val(o));
  td_decref(p->fget);
  td_decref(p->fset);
  td_decref(p->fdel);
  td_decref(p->doc);
  td_decref(p->name);
  td_free_object(o);
}

TdValue property_make(TdThread *ts, TdValue fget, TdValue fset, TdValue fdel, TdValue doc,
                      TdValue name) {
  auto *p = reinterpret_cast<TdProperty *>(td_alloc_object(&td_type_property, sizeof(TdProperty)));
  if (!p)
    return td_err_nomem(ts);
  auto orNone = [](TdValue v) { return td_newref(v ? v : td_none()); };
  p->fget = orNone(fget);
  p->fset = orNone(fset);
  p->fdel = orNone(fdel);
  p->name = name ? td_newref(name) : 0;
  // Like CPython: without a doc, the getter's docstring.
  if ((!doc || td_is_none(doc)) && fget && !td_is_none(fget) && !td_is_small(fget) &&
      td_obj(fget)->type == &td_type_function)
    doc = reinterpret_cast<TdFunctionObj *>(fget)->doc;
  p->doc = orNone(doc);
  return td_val(p);
}

TdValue property_construct(TdThread *ts, TdValue, const TdValue *args, int64_t nargs,
                           TdValue kwnames) {
  TdValue a[4];
  if (!td_parse_call(ts, "property", args, nargs, kwnames, {"fget", "fset", "fdel", "doc"}, 0, a))
    return 0;
  return property_make(ts, a[0], a[1], a[2], a[3], 0);
}

// "property 'x' of 'P' object" / "property of 'P' object".
void property_error(TdThread *ts, TdValue prop, TdValue obj, const char *what) {
  TdProperty *p = P(prop);
  if (p->name && td_is_str(p->name)) {
    std::string_view n = td_str_view(p->name);
    td_err_format(ts, &td_type_AttributeError, "property '%.*s' of '%s' object has no %s",
                  int(n.size()), n.data(), td_type_name(obj), what);
  } else {
    td_err_format(ts, &td_type_AttributeError, "property of '%s' object has no %s",
                  td_type_name(obj), what);
  }
}

TdValue prop_copy(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs, TdValue kw,
                  int which, const char *fname) {
  if (!td_no_kwargs(ts, fname, kw) || !td_check_nargs(ts, fname, nargs, 1, 1))
    return 0;
  TdProperty *p = P(self);
  TdValue fget = which == 0 ? args[0] : p->fget;
  TdValue fset = which == 1 ? args[0] : p->fset;
  TdValue fdel = which == 2 ? args[0] : p->fdel;
  return property_make(ts, fget, fset, fdel, which == 0 ? 0 : p->doc, p->name);
}

TdValue m_getter(TdThread *ts, TdValue self, const TdValue *a, int64_t n, TdValue kw) {
  return prop_copy(ts, self, a, n, kw, 0, "getter");
}
TdValue m_setter(TdThread *ts, TdValue self, const TdValue *a, int64_t n, TdValue kw) {
  return prop_copy(ts, self, a, n, kw, 1, "setter");
}
TdValue m_deleter(TdThread *ts, TdValue self, const TdValue *a, int64_t n, TdValue kw) {
  return prop_copy(ts, self, a, n, kw, 2, "deleter");
}

const TdMethodDef kPropertyMethods[] = {
    {"getter", m_getter}, {"setter", m_setter}, {"deleter", m_deleter}, {nullptr, nullptr}};

TdValue property_getattr(TdThread *ts, TdValue self, TdValue name) {
  std::string_view n = td_str_view(name);
  TdProperty *p = P(self);
  if (n == "fget")
    return td_newref(p->fget);
  if (n == "fset")
    return td_newref(p->fset);
  if (n == "fdel")
    return td_newref(p->fdel);
  if (n == "__doc__")
    return td_newref(p->doc);
  if (n == "__class__")
    return td_newref(td_val(&td_type_property));
  if (const TdMethodDef *m = td_find_method(&td_type_property, n))
    return td_builtin_method_new(ts, self, m);
  td_err_format(ts, &td_type_AttributeError, "'property' object has no attribute '%.*s'",
                int(n.size()), n.data());
  return 0;
}

TdValue property_repr(TdThread *ts, TdValue v) {
  return td_str_from(ts, "<property object at " + addr(v) + ">");
}

} // namespace

TdType td_type_property = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "property",
    .base = &td_type_object,
    .flags = TD_TF_BASETYPE,
    .dealloc = property_dealloc,
    .repr = property_repr,
    .hash = identity_hash,
    .getattr = property_getattr,
    .construct = property_construct,
    .methods = kPropertyMethods,
};

int td_property_set(TdThread *ts, TdValue prop, TdValue obj, TdValue v) {
  TdProperty *p = P(prop);
  TdValue fn = v ? p->fset : p->fdel;
  if (td_is_none(fn)) {
    property_error(ts, prop, obj, v ? "setter" : "deleter");
    return -1;
  }
  TdValue r = v ? td_call2(ts, fn, obj, v) : td_call1(ts, fn, obj);
  if (!r)
    return -1;
  td_decref(r);
  return 0;
}

// ---------------------------------------------------------------------------
// staticmethod and classmethod
// ---------------------------------------------------------------------------

namespace {

TdFuncWrapper *W(TdValue v) { return reinterpret_cast<TdFuncWrapper *>(v); }

void wrapper_dealloc(TdObject *o) {
  td_decref(W(td_val(o))->func);
  td_free_object(o);
}

TdValue wrapper_make(TdThread *ts, TdType *t, const char *name, const TdValue *args, int64_t nargs,
                     TdValue kwnames) {
  if (!td_no_kwargs(ts, name, kwnames))
    return 0;
  if (nargs != 1) {
    td_err_format(ts, &td_type_TypeError, "%s expected 1 argument, got %lld", name,
                  (long long)nargs);
    return 0;
  }
  auto *w = reinterpret_cast<TdFuncWrapper *>(td_alloc_object(t, sizeof(TdFuncWrapper)));
  if (!w)
    return td_err_nomem(ts);
  w->func = td_newref(args[0]);
  return td_val(w);
}

TdValue staticmethod_construct(TdThread *ts, TdValue, const TdValue *args, int64_t nargs,
                               TdValue kwnames) {
  return wrapper_make(ts, &td_type_staticmethod, "staticmethod", args, nargs, kwnames);
}

TdValue classmethod_construct(TdThread *ts, TdValue, const TdValue *args, int64_t nargs,
                              TdValue kwnames) {
  return wrapper_make(ts, &td_type_classmethod, "classmethod", args, nargs, kwnames);
}

TdValue wrapper_repr(TdThread *ts, TdValue v) {
  std::string s = "<";
  s += td_type_name(v);
  s += '(';
  if (!td_repr_to(ts, W(v)->func, s))
    return 0;
  s += ")>";
  return td_str_from(ts, s);
}

TdValue wrapper_getattr(TdThread *ts, TdValue v, TdValue name) {
  std::string_view n = td_str_view(name);
  if (n == "__func__" || n == "__wrapped__")
    return td_newref(W(v)->func);
  if (n == "__class__")
    return td_newref(td_val(td_type_of(v)));
  if (n == "__name__" || n == "__qualname__" || n == "__doc__")
    return td_getattr(ts, W(v)->func, name);
  td_err_format(ts, &td_type_AttributeError, "'%s' object has no attribute '%.*s'", td_type_name(v),
                int(n.size()), n.data());
  return 0;
}

TdValue staticmethod_call(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs,
                          TdValue kwnames) {
  return td_call(ts, W(self)->func, args, nargs, kwnames);
}

} // namespace

TdType td_type_staticmethod = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "staticmethod",
    .base = &td_type_object,
    .flags = TD_TF_BASETYPE,
    .dealloc = wrapper_dealloc,
    .repr = wrapper_repr,
    .hash = identity_hash,
    .getattr = wrapper_getattr,
    .call = staticmethod_call,
    .construct = staticmethod_construct,
};

TdType td_type_classmethod = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "classmethod",
    .base = &td_type_object,
    .flags = TD_TF_BASETYPE,
    .dealloc = wrapper_dealloc,
    .repr = wrapper_repr,
    .hash = identity_hash,
    .getattr = wrapper_getattr,
    .construct = classmethod_construct,
};

// ---------------------------------------------------------------------------
// Slot wrappers
// ---------------------------------------------------------------------------

namespace {

// Every name a slot wrapper may have; td_slot_wrapper_name returns these
// static strings.
const char *const kWrapperNames[] = {
    "__init__",    "__new__",          "__repr__",   "__str__",  "__hash__",    "__eq__",
    "__ne__",      "__lt__",           "__le__",     "__gt__",   "__ge__",      "__setattr__",
    "__delattr__", "__getattribute__", "__format__", "__len__",  "__getitem__", "__setitem__",
    "__delitem__", "__contains__",     "__iter__",   "__next__", "__call__"};

bool has_layout(const TdType *k) {
  return k == &td_type_object || (k->flags & TD_TF_EXCEPTION) || k == &td_type_list ||
         k == &td_type_dict;
}

bool wrapper_applies(const TdType *k, std::string_view n) {
  bool obj = k == &td_type_object;
  if (n == "__init__" || n == "__new__")
    return has_layout(k);
  if (n == "__repr__")
    return k->repr;
  if (n == "__str__")
    return k->str || obj;
  if (n == "__hash__")
    return k->hash;
  if (n == "__eq__" || n == "__ne__" || n == "__lt__" || n == "__le__" || n == "__gt__" ||
      n == "__ge__")
    return k->richcompare;
  if (n == "__setattr__" || n == "__delattr__" || n == "__getattribute__" || n == "__format__")
    return obj;
  if (n == "__len__")
    return k->len;
  if (n == "__getitem__")
    return k->getitem;
  if (n == "__setitem__" || n == "__delitem__")
    return k->setitem;
  if (n == "__contains__")
    return k->contains;
  if (n == "__iter__")
    return k->iter;
  if (n == "__next__")
    return k->next;
  if (n == "__call__")
    return k->call;
  return false;
}

TdSlotWrapper *SW(TdValue v) { return reinterpret_cast<TdSlotWrapper *>(v); }

void slotwrapper_dealloc(TdObject *o) {
  td_decref(SW(td_val(o))->self);
  td_free_object(o);
}

int cmp_op(std::string_view n) {
  if (n == "__eq__")
    return TD_CMP_EQ;
  if (n == "__ne__")
    return TD_CMP_NE;
  if (n == "__lt__")
    return TD_CMP_LT;
  if (n == "__le__")
    return TD_CMP_LE;
  if (n == "__gt__")
    return TD_CMP_GT;
  if (n == "__ge__")
    return TD_CMP_GE;
  return -1;
}

bool defines_in_class(TdThread *ts, TdType *t, const char *name) {
  TdRef key(td_str_from(ts, name));
  TdLookup lk;
  if (!key || !td_type_lookup(ts, t, key.get(), &lk)) {
    td_err_clear(ts);
    return false;
  }
  return lk.v != 0;
}

TdValue object_init(TdThread *ts, TdValue self, int64_t nargs) {
  if (nargs == 0)
    return td_none();
  TdType *t = td_type_of(self);
  if (defines_in_class(ts, t, "__init__")) {
    td_err_set(ts, &td_type_TypeError,
               "object.__init__() takes exactly one argument (the instance to initialize)");
    return 0;
  }
  if (!defines_in_class(ts, t, "__new__")) {
    td_err_format(ts, &td_type_TypeError,
                  "%s.__init__() takes exactly one argument (the instance to initialize)", t->name);
    return 0;
  }
  return td_none();
}

TdValue slotwrapper_call(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs,
                         TdValue kwnames) {
  TdSlotWrapper *w = SW(self);
  std::string_view n = w->name;
  TdType *owner = w->owner;
  int64_t npos = nargs - td_kwcount(kwnames);
  if (n == "__new__") {
    if (npos < 1 || !td_is_type(args[0])) {
      td_err_format(ts, &td_type_TypeError, "%s.__new__(X): X is not a type object (%s)",
                    owner->name, npos < 1 ? "nothing" : td_type_name(args[0]));
      return 0;
    }
    auto *cls = reinterpret_cast<TdType *>(args[0]);
    if (!td_is_subtype(cls, owner)) {
      td_err_format(ts, &td_type_TypeError, "%s.__new__(%s): %s is not a subtype of %s",
                    owner->name, cls->name, cls->name, owner->name);
      return 0;
    }
    return td_class_alloc(ts, cls, args + 1, nargs - 1, kwnames);
  }
  TdValue obj = w->self;
  if (!obj) {
    if (npos < 1 || !td_isinstance(args[0], owner)) {
      td_err_format(ts, &td_type_TypeError,
                    "descriptor '%s' requires a '%s' object but received a '%s'", w->name,
                    owner->name, npos < 1 ? "NoneType" : td_type_name(args[0]));
      return 0;
    }
    obj = args[0];
    args++;
    nargs--;
    npos--;
  }
  if (n == "__init__") {
    if (owner == &td_type_object)
      return object_init(ts, obj, nargs);
    if (!td_builtin_init(ts, owner, obj, args, nargs, kwnames))
      return 0;
    return td_none();
  }
  if (!td_no_kwargs(ts, w->name, kwnames))
    return 0;
  auto want = [&](int64_t k) {
    if (npos == k)
      return true;
    td_err_format(ts, &td_type_TypeError, "expected %lld argument%s, got %lld", (long long)k,
                  k == 1 ? "" : "s", (long long)npos);
    return false;
  };
  if (n == "__repr__")
    return want(0) ? owner->repr(ts, obj) : 0;
  if (n == "__str__") {
    if (!want(0))
      return 0;
    return owner->str ? owner->str(ts, obj) : td_repr(ts, obj);
  }
  if (n == "__hash__") {
    if (!want(0))
      return 0;
    int64_t h = owner->hash(ts, obj);
    return h == -1 && td_err_occurred(ts) ? 0 : td_int_from_i64(ts, h);
  }
  if (int op = cmp_op(n); op >= 0) {
    if (!want(1))
      return 0;
    if (op == TD_CMP_NE && owner == &td_type_object) {
      TdType *t = td_type_of(obj);
      if (!t->richcompare)
        return not_impl();
      TdValue r = t->richcompare(ts, obj, args[0], TD_CMP_EQ);
      if (!r || r == not_impl())
        return r;
      int tr = td_truthy(ts, r);
      td_decref(r);
      return tr < 0 ? 0 : td_bool(!tr);
    }
    return owner->richcompare(ts, obj, args[0], op);
  }
  if (n == "__setattr__") {
    if (!want(2))
      return 0;
    if (!td_is_str(args[0])) {
      td_err_format(ts, &td_type_TypeError, "attribute name must be string, not '%s'",
                    td_type_name(args[0]));
      return 0;
    }
    return td_generic_setattr(ts, obj, args[0], args[1]) < 0 ? 0 : td_none();
  }
  if (n == "__delattr__") {
    if (!want(1))
      return 0;
    return td_generic_setattr(ts, obj, args[0], 0) < 0 ? 0 : td_none();
  }
  if (n == "__getattribute__") {
    if (!want(1))
      return 0;
    return td_generic_getattr(ts, obj, args[0]);
  }
  if (n == "__format__") {
    if (!want(1))
      return 0;
    if (!td_is_str(args[0])) {
      td_err_format(ts, &td_type_TypeError, "__format__() argument must be str, not %s",
                    td_type_name(args[0]));
      return 0;
    }
    if (td_str_view(args[0]).empty())
      return td_str(ts, obj);
    td_err_format(ts, &td_type_TypeError, "unsupported format string passed to %s.__format__",
                  td_type_name(obj));
    return 0;
  }
  if (n == "__len__") {
    if (!want(0))
      return 0;
    int64_t len = owner->len(ts, obj);
    return len < 0 ? 0 : td_int_from_i64(ts, len);
  }
  if (n == "__getitem__")
    return want(1) ? owner->getitem(ts, obj, args[0]) : 0;
  if (n == "__setitem__")
    return want(2) ? (owner->setitem(ts, obj, args[0], args[1]) < 0 ? 0 : td_none()) : 0;
  if (n == "__delitem__")
    return want(1) ? (owner->setitem(ts, obj, args[0], 0) < 0 ? 0 : td_none()) : 0;
  if (n == "__contains__") {
    if (!want(1))
      return 0;
    int r = owner->contains(ts, obj, args[0]);
    return r < 0 ? 0 : td_bool(r);
  }
  if (n == "__iter__")
    return want(0) ? owner->iter(ts, obj) : 0;
  if (n == "__next__") {
    if (!want(0))
      return 0;
    TdValue r = owner->next(ts, obj);
    if (r == TD_DONE) {
      TdValue e = td_call0(ts, td_val(&td_type_StopIteration));
      if (e) {
        td_err_set_value(ts, e);
        td_decref(e);
      }
      return 0;
    }
    return r;
  }
  if (n == "__call__")
    return owner->call(ts, obj, args, nargs, kwnames);
  td_err_format(ts, &td_type_TypeError, "slot wrapper '%s' cannot be called", w->name);
  return 0;
}

TdValue slotwrapper_repr(TdThread *ts, TdValue v) {
  TdSlotWrapper *w = SW(v);
  std::string s;
  if (!w->self)
    s = std::string("<slot wrapper '") + w->name + "' of '" + w->owner->name + "' objects>";
  else
    s = std::string("<method-wrapper '") + w->name + "' of " + td_type_name(w->self) +
        " object at " + addr(w->self) + ">";
  return td_str_from(ts, s);
}

TdValue slotwrapper_getattr(TdThread *ts, TdValue v, TdValue name) {
  std::string_view n = td_str_view(name);
  if (n == "__name__" || n == "__qualname__")
    return td_str_from(ts, SW(v)->name);
  if (n == "__self__" && SW(v)->self)
    return td_newref(SW(v)->self);
  if (n == "__objclass__")
    return td_newref(td_val(SW(v)->owner));
  td_err_format(ts, &td_type_AttributeError, "'%s' object has no attribute '%.*s'",
                SW(v)->self ? "method-wrapper" : "wrapper_descriptor", int(n.size()), n.data());
  return 0;
}

} // namespace

TdType td_type_wrapper = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "wrapper_descriptor",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = slotwrapper_dealloc,
    .repr = slotwrapper_repr,
    .hash = identity_hash,
    .getattr = slotwrapper_getattr,
    .call = slotwrapper_call,
};

const char *td_slot_wrapper_name(const TdType *t, std::string_view name) {
  if (name.size() < 5 || name[0] != '_' || name[1] != '_')
    return nullptr;
  for (const char *w : kWrapperNames)
    if (name == w)
      return wrapper_applies(t, name) ? w : nullptr;
  return nullptr;
}

TdValue td_slot_wrapper_new(TdThread *ts, TdType *owner, const char *name, TdValue self) {
  auto *w =
      reinterpret_cast<TdSlotWrapper *>(td_alloc_object(&td_type_wrapper, sizeof(TdSlotWrapper)));
  if (!w)
    return td_err_nomem(ts);
  w->owner = owner;
  w->name = name;
  // __new__ is static: it never binds.
  w->self = (self && std::string_view(name) != "__new__") ? td_newref(self) : 0;
  return td_val(w);
}

// ---------------------------------------------------------------------------
// super
// ---------------------------------------------------------------------------

namespace {

TdSuper *SU(TdValue v) { return reinterpret_cast<TdSuper *>(v); }

void super_dealloc(TdObject *o) {
  td_decref(SU(td_val(o))->obj);
  td_free_object(o);
}

TdValue super_construct(TdThread *ts, TdValue, const TdValue *args, int64_t nargs,
                        TdValue kwnames) {
  if (!td_no_kwargs(ts, "super", kwnames))
    return 0;
  if (nargs == 0) {
    td_err_set(ts, &td_type_RuntimeError, "super(): no arguments");
    return 0;
  }
  if (!td_is_type(args[0])) {
    td_err_format(ts, &td_type_TypeError, "super() argument 1 must be a type, not %s",
                  td_type_name(args[0]));
    return 0;
  }
  if (nargs != 2) {
    td_err_set(ts, &td_type_TypeError, "tide supports super() and super(type, obj) only");
    return 0;
  }
  return td_super_new(ts, reinterpret_cast<TdType *>(args[0]), args[1]);
}

TdValue super_getattr(TdThread *ts, TdValue self, TdValue name) {
  TdSuper *s = SU(self);
  std::string_view n = td_str_view(name);
  bool objIsClass = td_val(s->objType) == s->obj;
  if (n != "__class__") {
    TdLookup lk;
    if (!td_type_lookup(ts, s->objType, name, &lk, s->cls))
      return 0;
    if (lk.v)
      return td_descr_get(ts, lk.v, objIsClass ? 0 : s->obj, s->objType);
    if (lk.method)
      return td_builtin_method_new(ts, s->obj, lk.method);
    if (lk.wrapper)
      return td_slot_wrapper_new(ts, lk.owner, lk.wrapper, objIsClass ? 0 : s->obj);
  } else {
    return td_newref(td_val(&td_type_super));
  }
  td_err_format(ts, &td_type_AttributeError, "'super' object has no attribute '%.*s'",
                int(n.size()), n.data());
  return 0;
}

TdValue super_repr(TdThread *ts, TdValue v) {
  TdSuper *s = SU(v);
  std::string r = "<super: <class '";
  r += s->cls->name;
  r += "'>, <";
  r += s->objType->name;
  r += " object>>";
  return td_str_from(ts, r);
}

} // namespace

TdType td_type_super = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "super",
    .base = &td_type_object,
    .flags = TD_TF_BASETYPE,
    .dealloc = super_dealloc,
    .repr = super_repr,
    .hash = identity_hash,
    .getattr = super_getattr,
    .construct = super_construct,
};

TdValue td_super_new(TdThread *ts, TdType *cls, TdValue obj) {
  TdType *objType;
  if (td_is_type(obj) && td_is_subtype(reinterpret_cast<TdType *>(obj), cls))
    objType = reinterpret_cast<TdType *>(obj);
  else if (td_isinstance(obj, cls))
    objType = td_type_of(obj);
  else {
    td_err_set(ts, &td_type_TypeError,
               "super(type, obj): obj must be an instance or subtype of type");
    return 0;
  }
  auto *s = reinterpret_cast<TdSuper *>(td_alloc_object(&td_type_super, sizeof(TdSuper)));
  if (!s)
    return td_err_nomem(ts);
  s->cls = cls;
  s->obj = td_newref(obj);
  s->objType = objType;
  return td_val(s);
}

// ---------------------------------------------------------------------------
// The descriptor protocol and method calls
// ---------------------------------------------------------------------------

TdValue td_descr_get(TdThread *ts, TdValue v, TdValue obj, TdType *type) {
  if (td_is_small(v))
    return v;
  TdType *t = td_obj(v)->type;
  if (t == &td_type_function)
    return obj ? td_method_new(ts, v, obj) : td_newref(v);
  if (t == &td_type_staticmethod)
    return td_newref(W(v)->func);
  if (t == &td_type_classmethod)
    return td_method_new(ts, W(v)->func, td_val(type));
  if (t == &td_type_property) {
    if (!obj)
      return td_newref(v);
    if (td_is_none(P(v)->fget)) {
      property_error(ts, v, obj, "getter");
      return 0;
    }
    return td_call1(ts, P(v)->fget, obj);
  }
  if (t == &td_type_wrapper && obj && !SW(v)->self)
    return td_slot_wrapper_new(ts, SW(v)->owner, SW(v)->name, obj);
  return td_newref(v);
}

TdValue td_call_with_self(TdThread *ts, TdValue fn, TdValue self, TdType *type, const TdValue *args,
                          int64_t nargs, TdValue kwnames) {
  if (!td_is_small(fn)) {
    TdType *t = td_obj(fn)->type;
    if (t == &td_type_function)
      return call_prepended(ts, fn, self, args, nargs, kwnames);
    if (t == &td_type_staticmethod)
      return td_call(ts, W(fn)->func, args, nargs, kwnames);
    if (t == &td_type_classmethod)
      return call_prepended(ts, W(fn)->func, td_val(type), args, nargs, kwnames);
  }
  TdRef bound(td_descr_get(ts, fn, self, type));
  if (!bound)
    return 0;
  return td_call(ts, bound.get(), args, nargs, kwnames);
}

namespace {

// vars(obj): obj.__dict__ ("vars() argument must have __dict__ attribute").
TdValue b_vars(TdThread *ts, TdValue, const TdValue *args, int64_t nargs, TdValue kwnames) {
  if (!td_no_kwargs(ts, "vars", kwnames))
    return 0;
  if (nargs != 1) {
    td_err_set(ts, &td_type_TypeError,
               nargs == 0 ? "tide supports vars() with an argument only"
                          : "vars expected at most 1 argument");
    return 0;
  }
  TdRef key(td_str_from(ts, "__dict__"));
  if (!key)
    return 0;
  TdValue d = td_getattr(ts, args[0], key.get());
  if (!d && td_err_is(ts, &td_type_AttributeError)) {
    td_err_clear(ts);
    td_err_set(ts, &td_type_TypeError, "vars() argument must have __dict__ attribute");
  }
  return d;
}

} // namespace

bool td_descr_builtins_init(TdThread *ts) {
  TdValue b = ts->rt->builtins;
  const std::pair<const char *, TdType *> types[] = {{"property", &td_type_property},
                                                     {"staticmethod", &td_type_staticmethod},
                                                     {"classmethod", &td_type_classmethod},
                                                     {"super", &td_type_super}};
  for (auto &[name, t] : types)
    if (td_dict_set_str(ts, b, name, td_val(t)) < 0)
      return false;
  if (!td_dict_get_str(ts, b, "vars")) {
    TdValue fn = td_builtin_function_new(ts, "vars", b_vars, 0);
    if (!fn)
      return false;
    td_make_immortal(fn);
    if (td_dict_set_str(ts, b, "vars", fn) < 0)
      return false;
  }
  return true;
}

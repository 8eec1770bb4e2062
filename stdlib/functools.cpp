// functools.cpp — the `functools` module: partial, reduce, update_wrapper,
// wraps.
//
// partial(func, *args, **keywords) is a builtin type (CPython's C
// partial): calling it calls func(*args, *call_args, **keywords,
// **call_keywords).  A partial of a partial without instance attributes is
// flattened at construction, as CPython does, so nesting costs nothing per
// call.  Its attributes func/args/keywords are read-only; other attributes
// go to an instance __dict__ made on first use.  The repr is CPython's
// `functools.partial(<function f at 0x...>, 1, b=2)`.
//
// wraps(wrapped) is CPython's: partial(update_wrapper, wrapped=wrapped,
// assigned=..., updated=...), and update_wrapper copies the attributes of
// WRAPPER_ASSIGNMENTS that wrapped has, updates wrapper.__dict__ and sets
// __wrapped__ (functions keep __name__, __qualname__, __doc__,
// __module__ and any attribute set on them).
//
// Differences: partial cannot be subclassed (tide's builtin types cannot);
// wraps copies __doc__, which is None for tide's functions (docstrings are
// not kept yet).
#include "containers.h"
#include "runtime.h"

extern "C" TdType td_type_partial;

namespace {

using Args = const TdValue *;

struct Partial {
  TdObject ob;
  TdValue func; // owned
  TdValue args; // tuple, owned
  TdValue kw;   // dict, owned (may be empty)
  TdValue dict; // instance attributes, 0 until used
};

Partial *PA(TdValue v) { return reinterpret_cast<Partial *>(v); }

void partial_dealloc(TdObject *o) {
  Partial *p = PA(td_val(o));
  td_decref(p->func);
  td_decref(p->args);
  td_decref(p->kw);
  td_decref(p->dict);
  td_free_object(o);
}

// A new partial of func with positional values args[0..n) and keywords
// (kwnames, their values after the positionals), flattening a partial func.
TdValue partial_make(TdThread *ts, TdValue func, Args args, int64_t npos, Args kwvals, TdValue kwnames) {
  if (!td_is_callable(func)) {
    td_err_set(ts, &td_type_TypeError, "the first argument must be callable");
    return 0;
  }
  TdValue innerArgs = 0, innerKw = 0;
  if (!td_is_small(func) && td_obj(func)->type == &td_type_partial && !PA(func)->dict) {
    innerArgs = PA(func)->args;
    innerKw = PA(func)->kw;
    func = PA(func)->func;
  }
  int64_t ni = innerArgs ? td_as_tuple(innerArgs)->size : 0;
  TdObject *o = td_alloc_object(&td_type_partial, sizeof(Partial));
  if (!o) return td_err_nomem(ts);
  Partial *p = PA(td_val(o));
  p->func = td_newref(func);
  p->args = p->kw = p->dict = 0;
  TdRef self(td_val(o));
  p->args = td_tuple_new(ts, ni + npos);
  if (!p->args) return 0;
  for (int64_t i = 0; i < ni; i++) td_as_tuple(p->args)->items[i] = td_newref(td_as_tuple(innerArgs)->items[i]);
  for (int64_t i = 0; i < npos; i++) td_as_tuple(p->args)->items[ni + i] = td_newref(args[i]);
  p->kw = innerKw ? td_dict_copy(ts, innerKw) : td_dict_new(ts);
  if (!p->kw) return 0;
  for (int64_t i = 0; i < td_kwcount(kwnames); i++)
    if (td_dict_setitem(ts, p->kw, td_as_tuple(kwnames)->items[i], kwvals[i]) < 0) return 0;
  return self.release();
}

TdValue partial_construct(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  int64_t nk = td_kwcount(kw), npos = nargs - nk;
  if (npos < 1) {
    td_err_set(ts, &td_type_TypeError, "type 'partial' takes at least one argument");
    return 0;
  }
  return partial_make(ts, args[0], args + 1, npos - 1, args + npos, kw);
}

TdValue partial_call(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  Partial *p = PA(self);
  TdTupleHead *pa = td_as_tuple(p->args);
  int64_t nk = td_kwcount(kw), npos = nargs - nk, npk = td_dict_size(p->kw);
  if (npk == 0) {
    // The call's keywords pass through as they are.
    if (pa->size == 0) return td_call(ts, p->func, args, nargs, kw);
    std::vector<TdValue> all(size_t(pa->size + nargs));
    for (int64_t i = 0; i < pa->size; i++) all[size_t(i)] = pa->items[i];
    for (int64_t i = 0; i < nargs; i++) all[size_t(pa->size + i)] = args[i];
    return td_call(ts, p->func, all.data(), int64_t(all.size()), kw);
  }
  // Stored keywords, updated with the call's.
  TdRef merged;
  TdValue kwd = p->kw;
  if (nk) {
    merged = TdRef(td_dict_copy(ts, p->kw));
    if (!merged) return 0;
    for (int64_t i = 0; i < nk; i++)
      if (td_dict_setitem(ts, merged.get(), td_as_tuple(kw)->items[i], args[npos + i]) < 0) return 0;
    kwd = merged.get();
  }
  int64_t nkw = td_dict_size(kwd);
  TdRef names(td_tuple_new(ts, nkw));
  if (!names) return 0;
  std::vector<TdValue> all;
  all.reserve(size_t(pa->size + npos + nkw));
  for (int64_t i = 0; i < pa->size; i++) all.push_back(pa->items[i]);
  for (int64_t i = 0; i < npos; i++) all.push_back(args[i]);
  int64_t pos = 0, i = 0;
  TdValue k, v;
  while (td_dict_next(kwd, &pos, &k, &v)) {
    if (!td_is_str(k)) {
      td_err_set(ts, &td_type_TypeError, "keywords must be strings");
      return 0;
    }
    td_as_tuple(names.get())->items[i++] = td_newref(k);
    all.push_back(v);
  }
  return td_call(ts, p->func, all.data(), int64_t(all.size()), names.get());
}

TdValue partial_repr(TdThread *ts, TdValue self) {
  Partial *p = PA(self);
  if (td_repr_enter(ts, self)) return td_str_from(ts, "...");
  std::string s = "functools.partial(";
  bool ok = td_repr_to(ts, p->func, s);
  TdTupleHead *a = td_as_tuple(p->args);
  for (int64_t i = 0; ok && i < a->size; i++) {
    s += ", ";
    ok = td_repr_to(ts, a->items[i], s);
  }
  int64_t pos = 0;
  TdValue k, v;
  while (ok && td_dict_next(p->kw, &pos, &k, &v)) {
    s += ", ";
    ok = td_str_to(ts, k, s);
    s += "=";
    ok = ok && td_repr_to(ts, v, s);
  }
  td_repr_leave(ts, self);
  if (!ok) return 0;
  s += ")";
  return td_str_from(ts, s);
}

TdValue partial_getattr(TdThread *ts, TdValue self, TdValue name) {
  Partial *p = PA(self);
  std::string_view n = td_str_view(name);
  if (n == "func") return td_newref(p->func);
  if (n == "args") return td_newref(p->args);
  if (n == "keywords") return td_newref(p->kw);
  if (n == "__dict__") {
    if (!p->dict && !(p->dict = td_dict_new(ts))) return 0;
    return td_newref(p->dict);
  }
  if (n == "__class__") return td_newref(td_val(&td_type_partial));
  if (p->dict) {
    TdValue v;
    int r = td_dict_find(ts, p->dict, name, &v);
    if (r < 0) return 0;
    if (r) return td_newref(v);
  }
  td_err_format(ts, &td_type_AttributeError, "'functools.partial' object has no attribute '%.*s'",
                int(n.size()), n.data());
  return 0;
}

int partial_setattr(TdThread *ts, TdValue self, TdValue name, TdValue v) {
  Partial *p = PA(self);
  std::string_view n = td_str_view(name);
  if (n == "func" || n == "args" || n == "keywords") {
    td_err_set(ts, &td_type_AttributeError, "readonly attribute");
    return -1;
  }
  if (!p->dict && !(p->dict = td_dict_new(ts))) return -1;
  if (v) return td_dict_setitem(ts, p->dict, name, v);
  int r = td_dict_delitem(ts, p->dict, name);
  if (r < 0 && td_err_is(ts, &td_type_KeyError)) {
    td_err_clear(ts);
    td_err_format(ts, &td_type_AttributeError, "'functools.partial' object has no attribute '%.*s'",
                  int(n.size()), n.data());
  }
  return r;
}

// ---------------------------------------------------------------------------
// reduce, update_wrapper, wraps
// ---------------------------------------------------------------------------

TdValue f_reduce(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "reduce", kw) || !td_check_nargs(ts, "reduce", nargs, 2, 3)) return 0;
  TdRef it(td_iter(ts, args[1]));
  if (!it) {
    if (td_err_is(ts, &td_type_TypeError)) {
      td_err_clear(ts);
      td_err_set(ts, &td_type_TypeError, "reduce() arg 2 must support iteration");
    }
    return 0;
  }
  TdRef acc(nargs == 3 ? td_newref(args[2]) : 0);
  for (;;) {
    TdValue x = td_next(ts, it.get());
    if (!x) return 0;
    if (x == TD_DONE) break;
    TdRef item(x);
    if (!acc) {
      acc = std::move(item);
      continue;
    }
    TdValue r = td_call2(ts, args[0], acc.get(), item.get());
    if (!r) return 0;
    acc = TdRef(r);
  }
  if (!acc) {
    td_err_set(ts, &td_type_TypeError, "reduce() of empty iterable with no initial value");
    return 0;
  }
  return acc.release();
}

const char *const kAssigned[] = {"__module__", "__name__", "__qualname__", "__doc__",
                                 "__annotations__"};

// The names of a tuple of attribute names (WRAPPER_ASSIGNMENTS...).
TdValue name_tuple(TdThread *ts, std::initializer_list<const char *> names) {
  TdValue t = td_tuple_new(ts, int64_t(names.size()));
  if (!t) return 0;
  int64_t i = 0;
  for (const char *n : names) {
    TdValue s = td_str_from(ts, n);
    if (!s) {
      td_decref(t);
      return 0;
    }
    td_as_tuple(t)->items[i++] = s;
  }
  return t;
}

TdValue f_update_wrapper(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  TdValue a[4] = {0, 0, 0, 0};
  if (!td_parse_call(ts, "update_wrapper", args, nargs, kw,
                     {"wrapper", "wrapped", "assigned", "updated"}, 2, a))
    return 0;
  TdValue wrapper = a[0], wrapped = a[1];
  TdRef assigned(a[2] ? td_newref(a[2])
                      : name_tuple(ts, {kAssigned[0], kAssigned[1], kAssigned[2], kAssigned[3],
                                        kAssigned[4]}));
  TdRef updated(a[3] ? td_newref(a[3]) : name_tuple(ts, {"__dict__"}));
  if (!assigned || !updated) return 0;
  std::vector<TdValue> names;
  if (!td_collect(ts, assigned.get(), names)) return 0;
  for (size_t i = 0; i < names.size(); i++) {
    TdValue v = td_getattr(ts, wrapped, names[i]);
    if (!v) {
      if (!td_err_is(ts, &td_type_AttributeError)) {
        td_release_all(names);
        return 0;
      }
      td_err_clear(ts);
      continue;
    }
    int r = td_setattr(ts, wrapper, names[i], v);
    td_decref(v);
    if (r < 0) {
      td_release_all(names);
      return 0;
    }
  }
  td_release_all(names);
  if (!td_collect(ts, updated.get(), names)) return 0;
  for (size_t i = 0; i < names.size(); i++) {
    // getattr(wrapper, attr).update(getattr(wrapped, attr, {}))
    TdRef target(td_getattr(ts, wrapper, names[i]));
    if (!target) {
      td_release_all(names);
      return 0;
    }
    TdValue src = td_getattr(ts, wrapped, names[i]);
    if (!src) {
      if (!td_err_is(ts, &td_type_AttributeError)) {
        td_release_all(names);
        return 0;
      }
      td_err_clear(ts);
      continue;
    }
    TdRef source(src);
    TdRef update(td_str_from(ts, "update"));
    TdValue arg = src;
    TdRef r(update ? td_call_method(ts, target.get(), update.get(), &arg, 1, 0) : 0);
    if (!r) {
      td_release_all(names);
      return 0;
    }
  }
  td_release_all(names);
  TdRef wn(td_str_from(ts, "__wrapped__"));
  if (!wn || td_setattr(ts, wrapper, wn.get(), wrapped) < 0) return 0;
  return td_newref(wrapper);
}

TdValue f_wraps(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  TdValue a[3] = {0, 0, 0};
  if (!td_parse_call(ts, "wraps", args, nargs, kw, {"wrapped", "assigned", "updated"}, 1, a)) return 0;
  // update_wrapper and the defaults as the module has them now.
  TdRef module(td_import(ts, "functools"));
  if (!module) return 0;
  TdValue d = reinterpret_cast<TdModule *>(module.get())->dict;
  TdValue uw = td_dict_get_str(ts, d, "update_wrapper");
  TdValue assigned = a[1] ? a[1] : td_dict_get_str(ts, d, "WRAPPER_ASSIGNMENTS");
  TdValue updated = a[2] ? a[2] : td_dict_get_str(ts, d, "WRAPPER_UPDATES");
  if (!uw || !assigned || !updated) {
    if (!td_err_occurred(ts)) td_err_set(ts, &td_type_AttributeError, "functools is incomplete");
    return 0;
  }
  TdRef names(td_tuple_new(ts, 3));
  if (!names) return 0;
  const char *n[3] = {"wrapped", "assigned", "updated"};
  for (int i = 0; i < 3; i++) {
    TdValue s = td_str_from(ts, n[i]);
    if (!s) return 0;
    td_as_tuple(names.get())->items[i] = s;
  }
  TdValue vals[3] = {a[0], assigned, updated};
  return partial_make(ts, uw, nullptr, 0, vals, names.get());
}

} // namespace

TdType td_type_partial = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "functools.partial",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = partial_dealloc,
    .repr = partial_repr,
    .hash = td_object_hash,
    .richcompare = td_object_richcompare,
    .getattr = partial_getattr,
    .setattr = partial_setattr,
    .call = partial_call,
    .construct = partial_construct,
};

TdValue td_functools_module_init(TdThread *ts) {
  TdRef mod(td_module_new(ts, "functools"));
  if (!mod) return 0;
  TdValue d = reinterpret_cast<TdModule *>(mod.get())->dict;
  td_type_ready(&td_type_partial);
  if (td_dict_set_str(ts, d, "partial", td_val(&td_type_partial)) < 0) return 0;
  if (!td_module_add_function(ts, mod.get(), "reduce", f_reduce) ||
      !td_module_add_function(ts, mod.get(), "update_wrapper", f_update_wrapper) ||
      !td_module_add_function(ts, mod.get(), "wraps", f_wraps))
    return 0;
  TdRef assigned(name_tuple(ts, {kAssigned[0], kAssigned[1], kAssigned[2], kAssigned[3], kAssigned[4]}));
  TdRef updated(name_tuple(ts, {"__dict__"}));
  if (!assigned || !updated || td_dict_set_str(ts, d, "WRAPPER_ASSIGNMENTS", assigned.get()) < 0 ||
      td_dict_set_str(ts, d, "WRAPPER_UPDATES", updated.get()) < 0)
    return 0;
  return mod.release();
}

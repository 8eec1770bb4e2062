// function.cpp — function objects, calls, cells, builtin functions, and
// argument parsing for the runtime's own callables.
//
// Calls.  A call site with only positional arguments whose count equals
// fn->fastNargs calls fn->body directly (abi.h).  Everything else arrives
// at td_call, which dispatches on the callee: a tide function binds the
// arguments into the parameter array the body expects (positional,
// keyword-only, *args tuple, **kwargs dict — CPython's rules and messages,
// naming the function by its qualname as 3.11 does); a type is
// constructed through its `construct` slot; anything else through its
// type's `call` slot.
//
// Glossary
//   fastNargs  the positional count that may skip binding: argcount when
//              the function has no *args, **kwargs, keyword-only parameters
//              and is a plain function; -1 otherwise.
//   kwnames    (abi.h) a tuple of str naming the last len(kwnames) values
//              of args; nargs counts them too.
//
// Rejected: building a dict of keyword arguments for every call (CPython's
// old tp_call): the vector form allocates nothing for the common cases.
#include <cinttypes>
#include <cstdio>

#include "containers.h"
#include "runtime.h"

namespace {

TdFunctionObj *F(TdValue v) { return reinterpret_cast<TdFunctionObj *>(v); }

TdValue identity_richcompare(TdThread *, TdValue a, TdValue b, int op) {
  if (op == TD_CMP_EQ) return td_bool(a == b);
  if (op == TD_CMP_NE) return td_bool(a != b);
  return td_newref(td_val(&td_NotImplemented));
}

int64_t identity_hash(TdThread *, TdValue v) {
  uint64_t y = uint64_t(v);
  int64_t h = int64_t((y >> 4) | (y << 60));
  return h == -1 ? -2 : h;
}

void function_dealloc(TdObject *o) {
  TdFunctionObj *f = reinterpret_cast<TdFunctionObj *>(o);
  td_decref(f->head.closure);
  td_decref(f->defaults);
  td_decref(f->kwdefaults);
  td_decref(f->name);
  td_decref(f->qualname);
  td_decref(f->module);
  td_decref(f->doc);
  td_decref(f->dict);
  td_free_object(o);
}

TdValue function_repr(TdThread *ts, TdValue self) {
  char buf[64];
  std::snprintf(buf, sizeof buf, " at %p>", reinterpret_cast<void *>(self));
  return td_str_from(ts, "<function " + std::string(td_str_view(F(self)->qualname)) + buf);
}

TdValue function_getattr(TdThread *ts, TdValue self, TdValue name) {
  TdFunctionObj *f = F(self);
  std::string_view n = td_str_view(name);
  if (n == "__name__") return td_newref(f->name);
  if (n == "__qualname__") return td_newref(f->qualname);
  if (n == "__module__") return td_newref(f->module);
  if (n == "__doc__") return td_newref(f->doc);
  if (n == "__defaults__") return td_newref(f->defaults ? f->defaults : td_none());
  if (n == "__kwdefaults__") return td_newref(f->kwdefaults ? f->kwdefaults : td_none());
  if (n == "__class__") return td_newref(td_val(&td_type_function));
  if (n == "__dict__") {
    if (!f->dict && !(f->dict = td_dict_new(ts))) return 0;
    return td_newref(f->dict);
  }
  if (f->dict) {
    TdValue v;
    int r = td_dict_find(ts, f->dict, name, &v);
    if (r < 0) return 0;
    if (r) return td_newref(v);
  }
  td_err_format(ts, &td_type_AttributeError, "'function' object has no attribute '%.*s'",
                int(n.size()), n.data());
  return 0;
}

int function_setattr(TdThread *ts, TdValue self, TdValue name, TdValue v) {
  TdFunctionObj *f = F(self);
  std::string_view n = td_str_view(name);
  TdValue *slot = nullptr;
  if (n == "__name__") slot = &f->name;
  else if (n == "__qualname__") slot = &f->qualname;
  else if (n == "__doc__") slot = &f->doc;
  else if (n == "__module__") slot = &f->module;
  if (slot) {
    if (!v) {
      td_err_format(ts, &td_type_TypeError, "cannot delete %.*s", int(n.size()), n.data());
      return -1;
    }
    if (n != "__doc__" && n != "__module__" && !td_is_str(v)) {
      td_err_format(ts, &td_type_TypeError, "%.*s must be set to a string object", int(n.size()),
                    n.data());
      return -1;
    }
    TdValue old = *slot;
    *slot = td_newref(v);
    td_decref(old);
    return 0;
  }
  if (!f->dict && !(f->dict = td_dict_new(ts))) return -1;
  if (!v) return td_dict_delitem(ts, f->dict, name);
  return td_dict_setitem(ts, f->dict, name, v);
}

// "'a'", "'a' and 'b'", "'a', 'b', and 'c'" — CPython's list of names.
std::string name_list(const std::vector<const char *> &names) {
  std::string s;
  for (size_t i = 0; i < names.size(); i++) {
    if (i) s += names.size() == 2 ? " and " : (i + 1 == names.size() ? ", and " : ", ");
    s += '\'';
    s += names[i];
    s += '\'';
  }
  return s;
}

TdValue bind_and_call(TdThread *ts, TdFunctionObj *f, const TdValue *args, int64_t nargs,
                      TdValue kwnames) {
  const TdCodeInfo *c = f->head.code;
  const char *qn = c->qualname ? c->qualname : c->name;
  int64_t nkw = td_kwcount(kwnames);
  int64_t npos = nargs - nkw;
  int32_t argc = c->argcount;
  int32_t kwonly = c->kwonlycount;
  bool hasVarargs = c->flags & TD_CO_VARARGS;
  bool hasVarkw = c->flags & TD_CO_VARKW;
  int64_t ndefaults = f->defaults ? td_as_tuple(f->defaults)->size : 0;

  TdValue stackSlots[16];
  std::vector<TdValue> heapSlots;
  TdValue *slots = stackSlots;
  if (c->nparams > 16) {
    heapSlots.resize(size_t(c->nparams));
    slots = heapSlots.data();
  }
  for (int32_t i = 0; i < c->nparams; i++) slots[i] = 0;
  TdRef varargs, varkw; // owned: the *args tuple and **kwargs dict

  if (npos > argc && !hasVarargs) {
    std::string takes;
    if (ndefaults > 0)
      takes = "from " + std::to_string(argc - ndefaults) + " to " + std::to_string(argc);
    else
      takes = std::to_string(argc);
    // Keyword-only arguments given by keyword are mentioned too.
    int64_t kwonlyGiven = 0;
    for (int64_t k = 0; k < nkw; k++) {
      std::string_view key = td_str_view(td_as_tuple(kwnames)->items[k]);
      for (int32_t i = argc; i < argc + kwonly; i++)
        if (key == c->paramNames[i]) kwonlyGiven++;
    }
    std::string given = std::to_string(npos);
    if (kwonlyGiven)
      given += " positional argument" + std::string(npos == 1 ? "" : "s") + " (and " +
               std::to_string(kwonlyGiven) + " keyword-only argument" + (kwonlyGiven == 1 ? "" : "s") +
               ")";
    td_err_format(ts, &td_type_TypeError, "%s() takes %s positional argument%s but %s %s given",
                  qn, takes.c_str(), (argc == 1 && ndefaults == 0) ? "" : "s",
                  given.c_str(), (npos == 1 && !kwonlyGiven) ? "was" : "were");
    return 0;
  }
  int64_t ncopy = npos < argc ? npos : argc;
  for (int64_t i = 0; i < ncopy; i++) slots[i] = args[i];
  if (hasVarargs) {
    int64_t extra = npos > argc ? npos - argc : 0;
    TdValue t = td_tuple_new(ts, extra);
    if (!t) return 0;
    for (int64_t i = 0; i < extra; i++) td_as_tuple(t)->items[i] = td_newref(args[argc + i]);
    varargs = TdRef(t);
    slots[argc + kwonly] = t;
  }
  if (hasVarkw) {
    TdValue d = td_dict_new(ts);
    if (!d) return 0;
    varkw = TdRef(d);
    slots[argc + kwonly + (hasVarargs ? 1 : 0)] = d;
  }
  std::vector<const char *> posonlyAsKw;
  for (int64_t k = 0; k < nkw; k++) {
    TdValue keyv = td_as_tuple(kwnames)->items[k];
    std::string_view key = td_str_view(keyv);
    int32_t idx = -1;
    for (int32_t i = 0; i < argc + kwonly; i++) {
      if (key == c->paramNames[i]) {
        idx = i;
        break;
      }
    }
    if (idx >= 0 && idx < c->posonlycount) {
      if (!hasVarkw) {
        posonlyAsKw.push_back(c->paramNames[idx]);
        continue;
      }
      idx = -1; // goes to **kwargs
    }
    if (idx < 0) {
      if (!hasVarkw) {
        td_err_format(ts, &td_type_TypeError, "%s() got an unexpected keyword argument '%.*s'", qn,
                      int(key.size()), key.data());
        return 0;
      }
      if (td_dict_setitem(ts, varkw.get(), keyv, args[npos + k]) < 0) return 0;
      continue;
    }
    if (slots[idx]) {
      td_err_format(ts, &td_type_TypeError, "%s() got multiple values for argument '%.*s'", qn,
                    int(key.size()), key.data());
      return 0;
    }
    slots[idx] = args[npos + k];
  }
  if (!posonlyAsKw.empty()) {
    std::string names;
    for (size_t i = 0; i < posonlyAsKw.size(); i++)
      names += (i ? ", '" : "'") + std::string(posonlyAsKw[i]) + "'";
    td_err_format(ts, &td_type_TypeError,
                  "%s() got some positional-only arguments passed as keyword arguments: %s", qn,
                  names.c_str());
    return 0;
  }
  // Defaults for the trailing positional parameters.
  std::vector<const char *> missing;
  for (int32_t i = 0; i < argc; i++) {
    if (slots[i]) continue;
    int64_t d = i - (argc - ndefaults);
    if (d >= 0) slots[i] = td_as_tuple(f->defaults)->items[d];
    else missing.push_back(c->paramNames[i]);
  }
  if (!missing.empty()) {
    td_err_format(ts, &td_type_TypeError, "%s() missing %zu required positional argument%s: %s", qn,
                  missing.size(), missing.size() == 1 ? "" : "s", name_list(missing).c_str());
    return 0;
  }
  for (int32_t i = argc; i < argc + kwonly; i++) {
    if (slots[i]) continue;
    if (f->kwdefaults) {
      TdValue v = td_dict_get_str(ts, f->kwdefaults, c->paramNames[i]);
      if (v) {
        slots[i] = v;
        continue;
      }
      if (td_err_occurred(ts)) return 0;
    }
    missing.push_back(c->paramNames[i]);
  }
  if (!missing.empty()) {
    td_err_format(ts, &td_type_TypeError, "%s() missing %zu required keyword-only argument%s: %s",
                  qn, missing.size(), missing.size() == 1 ? "" : "s", name_list(missing).c_str());
    return 0;
  }
  return f->head.body(ts, &f->head, slots);
}

} // namespace

TdType td_type_function = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "function",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = function_dealloc,
    .repr = function_repr,
    .hash = identity_hash,
    .richcompare = identity_richcompare,
    .getattr = function_getattr,
    .setattr = function_setattr,
};

extern "C" TdValue td_make_function(TdThread *ts, const TdCodeInfo *code, TdValue defaults,
                                    TdValue kwdefaults, TdValue closure) {
  TdObject *o = td_alloc_object(&td_type_function, sizeof(TdFunctionObj));
  if (!o) return td_err_nomem(ts);
  TdFunctionObj *f = reinterpret_cast<TdFunctionObj *>(o);
  f->head.body = code->body;
  bool simple = !(code->flags & (TD_CO_VARARGS | TD_CO_VARKW | TD_CO_ASYNC | TD_CO_GENERATOR)) &&
                code->kwonlycount == 0;
  f->head.fastNargs = simple ? code->argcount : -1;
  f->head.flags = code->flags;
  f->head.closure = (closure && !td_is_none(closure)) ? td_newref(closure) : 0;
  f->head.code = code;
  f->head.direct = simple ? code->direct : nullptr;
  f->head.awaitNargs = -1;
  f->head.reserved1 = 0;
  f->head.awaitDirect = nullptr;
  if (code->flags & TD_CO_ASYNC) {
    // Calling it makes a coroutine; `await f(...)` may run the body at once.
    extern TdValue td_coro_from_args(TdThread *, TdFunction *, const TdValue *);
    f->head.body = td_coro_from_args;
    bool fixed = !(code->flags & (TD_CO_VARARGS | TD_CO_VARKW)) && code->kwonlycount == 0 &&
                 code->direct;
    f->head.awaitNargs = fixed ? code->argcount : -1;
    f->head.awaitDirect = fixed ? code->direct : nullptr;
  }
  auto given = [](TdValue v) { return (v && !td_is_none(v)) ? td_newref(v) : TdValue(0); };
  f->defaults = given(defaults);
  f->kwdefaults = given(kwdefaults);
  f->name = td_str_from(ts, code->name ? code->name : "?");
  f->qualname = td_str_from(ts, code->qualname ? code->qualname : (code->name ? code->name : "?"));
  f->module = td_str_from(ts, "__main__");
  f->doc = td_none();
  f->dict = 0;
  if (!f->name || !f->qualname || !f->module) {
    td_decref(td_val(o));
    return 0;
  }
  return td_val(o);
}

extern "C" TdValue td_call(TdThread *ts, TdValue callee, const TdValue *args, int64_t nargs,
                           TdValue kwnames) {
  if (td_is_small(callee)) {
    td_err_set(ts, &td_type_TypeError, "'int' object is not callable");
    return 0;
  }
  TdType *t = td_obj(callee)->type;
  if (t == &td_type_function) {
    TdFunctionObj *f = F(callee);
    if (f->head.fastNargs == nargs && !kwnames) return f->head.body(ts, &f->head, args);
    // An async function called with exactly its positional parameters:
    // the arguments are the coroutine's, no binding needed.
    if (f->head.awaitNargs == nargs && !kwnames) return f->head.body(ts, &f->head, args);
    return bind_and_call(ts, f, args, nargs, kwnames && td_kwcount(kwnames) ? kwnames : 0);
  }
  if (t->call) return t->call(ts, callee, args, nargs, kwnames);
  td_err_format(ts, &td_type_TypeError, "'%s' object is not callable", t->name);
  return 0;
}

extern "C" TdValue td_call_ex(TdThread *ts, TdValue callee, TdValue argsTuple, TdValue kwargsDict) {
  std::vector<TdValue> args; // owned
  if (argsTuple && !td_is_none(argsTuple)) {
    if (!td_is_tuple(argsTuple) && !td_is_list(argsTuple) && !td_type_of(argsTuple)->iter) {
      td_err_format(ts, &td_type_TypeError, "argument after * must be an iterable, not %s",
                    td_type_name(argsTuple));
      return 0;
    }
    if (!td_collect(ts, argsTuple, args)) return 0;
  }
  TdValue kwnames = 0;
  if (kwargsDict && !td_is_none(kwargsDict) && td_dict_size(kwargsDict) > 0) {
    kwnames = td_tuple_new(ts, td_dict_size(kwargsDict));
    if (!kwnames) {
      td_release_all(args);
      return 0;
    }
    int64_t pos = 0, i = 0;
    TdValue k, v;
    while (td_dict_next(kwargsDict, &pos, &k, &v)) {
      if (!td_is_str(k)) {
        td_err_set(ts, &td_type_TypeError, "keywords must be strings");
        td_decref(kwnames);
        td_release_all(args);
        return 0;
      }
      td_as_tuple(kwnames)->items[i++] = td_newref(k);
      args.push_back(td_newref(v));
    }
  }
  TdValue r = td_call(ts, callee, args.data(), int64_t(args.size()), kwnames);
  td_decref(kwnames);
  td_release_all(args);
  return r;
}

TdValue td_call0(TdThread *ts, TdValue fn) { return td_call(ts, fn, nullptr, 0, 0); }
TdValue td_call1(TdThread *ts, TdValue fn, TdValue a) { return td_call(ts, fn, &a, 1, 0); }
TdValue td_call2(TdThread *ts, TdValue fn, TdValue a, TdValue b) {
  TdValue args[2] = {a, b};
  return td_call(ts, fn, args, 2, 0);
}

// ---------------------------------------------------------------------------
// Cells
// ---------------------------------------------------------------------------

namespace {

void cell_dealloc(TdObject *o) {
  td_decref(reinterpret_cast<TdCell *>(o)->ref);
  td_free_object(o);
}

TdValue cell_repr(TdThread *ts, TdValue self) {
  char buf[128];
  TdValue ref = reinterpret_cast<TdCell *>(self)->ref;
  if (!ref)
    std::snprintf(buf, sizeof buf, "<cell at %p: empty>", reinterpret_cast<void *>(self));
  else
    std::snprintf(buf, sizeof buf, "<cell at %p: %s object at %p>", reinterpret_cast<void *>(self),
                  td_type_name(ref), reinterpret_cast<void *>(ref));
  return td_str_from(ts, buf);
}

} // namespace

TdType td_type_cell = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "cell",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = cell_dealloc,
    .repr = cell_repr,
    .hash = identity_hash,
    .richcompare = identity_richcompare,
};

extern "C" TdValue td_cell_new(TdThread *ts, TdValue v) {
  TdObject *o = td_alloc_object(&td_type_cell, sizeof(TdCell));
  if (!o) return td_err_nomem(ts);
  reinterpret_cast<TdCell *>(o)->ref = td_newref(v);
  return td_val(o);
}

// ---------------------------------------------------------------------------
// Builtin functions
// ---------------------------------------------------------------------------

namespace {

void builtin_function_dealloc(TdObject *o) {
  td_decref(reinterpret_cast<TdBuiltinFunction *>(o)->self);
  td_free_object(o);
}

TdValue builtin_function_call(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs,
                              TdValue kwnames) {
  auto *b = reinterpret_cast<TdBuiltinFunction *>(self);
  return b->fn(ts, b->self, args, nargs, kwnames);
}

TdValue builtin_function_repr(TdThread *ts, TdValue self) {
  return td_str_from(ts, std::string("<built-in function ") +
                             reinterpret_cast<TdBuiltinFunction *>(self)->name + ">");
}

TdValue builtin_function_getattr(TdThread *ts, TdValue self, TdValue name) {
  std::string_view n = td_str_view(name);
  if (n == "__name__" || n == "__qualname__")
    return td_str_from(ts, reinterpret_cast<TdBuiltinFunction *>(self)->name);
  if (n == "__class__") return td_newref(td_val(&td_type_builtin_function));
  td_err_format(ts, &td_type_AttributeError,
                "'builtin_function_or_method' object has no attribute '%.*s'", int(n.size()),
                n.data());
  return 0;
}

} // namespace

TdType td_type_builtin_function = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "builtin_function_or_method",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = builtin_function_dealloc,
    .repr = builtin_function_repr,
    .hash = identity_hash,
    .richcompare = identity_richcompare,
    .getattr = builtin_function_getattr,
    .call = builtin_function_call,
};

TdValue td_builtin_function_new(TdThread *ts, const char *name, TdVectorFn fn, TdValue self) {
  TdObject *o = td_alloc_object(&td_type_builtin_function, sizeof(TdBuiltinFunction));
  if (!o) return td_err_nomem(ts);
  auto *b = reinterpret_cast<TdBuiltinFunction *>(o);
  b->name = name;
  b->fn = fn;
  b->self = td_newref(self ? self : td_none());
  return td_val(o);
}

// ---------------------------------------------------------------------------
// Argument parsing
// ---------------------------------------------------------------------------

bool td_parse_call(TdThread *ts, const char *fname, const TdValue *args, int64_t nargs,
                   TdValue kwnames, std::initializer_list<const char *> names, int required,
                   TdValue *out) {
  int64_t nkw = td_kwcount(kwnames);
  int64_t npos = nargs - nkw;
  int n = int(names.size());
  const char *const *nm = names.begin();
  int maxpos = 0;
  while (maxpos < n && nm[maxpos][0] != '$') maxpos++;
  for (int i = 0; i < n; i++) out[i] = 0;
  if (npos > maxpos) {
    if (maxpos == 0)
      td_err_format(ts, &td_type_TypeError, "%s() takes no positional arguments", fname);
    else
      td_err_format(ts, &td_type_TypeError, "%s() takes at most %d argument%s (%" PRId64 " given)",
                    fname, maxpos, maxpos == 1 ? "" : "s", npos);
    return false;
  }
  for (int64_t i = 0; i < npos; i++) out[i] = args[i];
  for (int64_t k = 0; k < nkw; k++) {
    std::string_view key = td_str_view(td_as_tuple(kwnames)->items[k]);
    int idx = -1;
    for (int i = 0; i < n; i++) {
      const char *p = nm[i][0] == '$' ? nm[i] + 1 : nm[i];
      if (key == p) idx = i;
    }
    if (idx < 0) {
      td_err_format(ts, &td_type_TypeError, "'%.*s' is an invalid keyword argument for %s()",
                    int(key.size()), key.data(), fname);
      return false;
    }
    if (out[idx]) {
      td_err_format(ts, &td_type_TypeError, "argument for %s() given by name ('%.*s') and position (%d)",
                    fname, int(key.size()), key.data(), idx + 1);
      return false;
    }
    out[idx] = args[npos + k];
  }
  for (int i = 0; i < required && i < n; i++) {
    if (!out[i]) {
      const char *p = nm[i][0] == '$' ? nm[i] + 1 : nm[i];
      td_err_format(ts, &td_type_TypeError, "%s() missing required argument '%s' (pos %d)", fname, p,
                    i + 1);
      return false;
    }
  }
  return true;
}

bool td_no_kwargs(TdThread *ts, const char *fname, TdValue kwnames) {
  if (td_kwcount(kwnames) == 0) return true;
  td_err_format(ts, &td_type_TypeError, "%s() takes no keyword arguments", fname);
  return false;
}

bool td_check_nargs(TdThread *ts, const char *fname, int64_t nargs, int64_t min, int64_t max) {
  if (nargs >= min && nargs <= max) return true;
  if (min == max) {
    if (max == 0)
      td_err_format(ts, &td_type_TypeError, "%s() takes no arguments (%" PRId64 " given)", fname, nargs);
    else if (max == 1)
      td_err_format(ts, &td_type_TypeError, "%s() takes exactly one argument (%" PRId64 " given)",
                    fname, nargs);
    else
      td_err_format(ts, &td_type_TypeError, "%s expected %" PRId64 " arguments, got %" PRId64, fname,
                    max, nargs);
  } else if (nargs > max) {
    td_err_format(ts, &td_type_TypeError, "%s expected at most %" PRId64 " argument%s, got %" PRId64,
                  fname, max, max == 1 ? "" : "s", nargs);
  } else {
    td_err_format(ts, &td_type_TypeError, "%s expected at least %" PRId64 " argument%s, got %" PRId64,
                  fname, min, min == 1 ? "" : "s", nargs);
  }
  return false;
}

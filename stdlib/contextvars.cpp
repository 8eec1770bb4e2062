// contextvars.cpp — the `contextvars` module: ContextVar, Token, Context,
// copy_context, with CPython 3.11's semantics and messages.
//
// Glossary
//   context   a Context object (TdContext, loop.h): a mapping ContextVar →
//             value.  Each thread has a current one (TdThread::context); a
//             task runs every step in its own, a loop callback in the one
//             captured when it was scheduled, Context.run(fn) in the
//             receiver.
//   vars      the mapping itself: a dict that is never changed once another
//             context shares it.  copy_context() shares the dict (O(1), like
//             CPython's HAMT); ContextVar.set() writes in place when the
//             context holds the only reference and copies it first
//             otherwise (copy-on-write by reference count).  Iterators and
//             views hold a reference, so they keep seeing the old mapping.
//   empty     a context with no variables.  0 stands for "a fresh empty
//             context, made when first needed": a thread starts with
//             context 0, and a task or callback scheduled while the current
//             context is empty captures 0 instead of a copy, so code that
//             never touches contextvars allocates nothing for them.  An
//             empty context cannot be told from another empty one, except
//             by identity, which nothing exposes for such a capture.
//   entered   how many times the context is current right now (the
//             thread's own, a task step, a callback, Context.run); Context.run
//             refuses a context that is entered, as CPython does.
//
// Rejected: CPython's HAMT.  A dict copied on write costs O(n) per set()
// after a copy, n being the variables set in that context (a handful in
// practice), and iterates in insertion order (CPython: hash order, which
// depends on addresses).  Rejected too: a copy per task at creation
// (CPython's copy_context() in Task.__init__): the capture above makes a
// copy only when there is something to copy.
#include <cinttypes>
#include <cstdio>

#include "containers.h"
#include "loop.h"
#include "runtime.h"

extern "C" TdType td_type_ContextVar;
extern "C" TdType td_type_Token;
extern "C" TdType td_type_TokenMissing;

namespace {

using Args = const TdValue *;

TdContext *CTX(TdValue v) { return reinterpret_cast<TdContext *>(v); }

struct ContextVar {
  TdObject ob;
  TdValue name;     // str, owned
  TdValue defaultV; // owned or 0 (no default)
};
ContextVar *CV(TdValue v) { return reinterpret_cast<ContextVar *>(v); }

struct Token {
  TdObject ob;
  TdValue ctx;  // the context it was made in (owned)
  TdValue var;  // owned
  TdValue old;  // the previous value (owned) or 0: Token.MISSING
  bool used;
};
Token *TK(TdValue v) { return reinterpret_cast<Token *>(v); }

bool is_context(TdValue v) { return !td_is_small(v) && td_obj(v)->type == &td_type_Context; }
bool is_var(TdValue v) { return !td_is_small(v) && td_obj(v)->type == &td_type_ContextVar; }

std::string hex_id(TdValue v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%" PRIx64, uint64_t(v >> 1)); // id(v), as tide's id() computes it
  return buf;
}

// Token.MISSING: an immortal static instance of a type of its own.
TdObject gMissing = {TD_IMMORTAL_REFCNT, &td_type_TokenMissing};
TdValue missing() { return td_val(&gMissing); }

// ---------------------------------------------------------------------------
// Context
// ---------------------------------------------------------------------------

void context_dealloc(TdObject *o) {
  td_decref(CTX(td_val(o))->vars);
  td_free_object(o);
}

// A context sharing `vars` (borrowed, may be 0).  New ref.
TdValue context_new(TdThread *ts, TdValue vars) {
  TdObject *o = td_alloc_object(&td_type_Context, sizeof(TdContext));
  if (!o) return td_err_nomem(ts);
  TdContext *c = CTX(td_val(o));
  c->vars = td_newref(vars);
  c->entered = 0;
  return td_val(o);
}

int64_t vars_size(TdContext *c) { return c->vars ? td_dict_size(c->vars) : 0; }

// The thread's current context, made (empty, entered: it is current) on
// first need.  Borrowed.
TdContext *current(TdThread *ts) {
  if (!ts->context) {
    TdValue c = context_new(ts, 0);
    if (!c) return nullptr;
    CTX(c)->entered = 1;
    ts->context = c;
  }
  return CTX(ts->context);
}

// 1 found (*out borrowed), 0 not set, -1 error.
int context_find(TdThread *ts, TdContext *c, TdValue var, TdValue *out) {
  if (!c || !c->vars) return 0;
  return td_dict_find(ts, c->vars, var, out);
}

// vars[var] = v (v == 0: delete), copying the mapping first if shared.
bool context_write(TdThread *ts, TdContext *c, TdValue var, TdValue v) {
  if (!c->vars) {
    if (!v) return true;
    if (!(c->vars = td_dict_new(ts))) return false;
  } else if (td_obj(c->vars)->refcnt > 1) {
    TdValue copy = td_dict_copy(ts, c->vars);
    if (!copy) return false;
    td_decref(c->vars);
    c->vars = copy;
  }
  if (v) return td_dict_setitem(ts, c->vars, var, v) == 0;
  TdValue have;
  int r = td_dict_find(ts, c->vars, var, &have);
  if (r <= 0) return r == 0;
  return td_dict_delitem(ts, c->vars, var) == 0;
}

bool require_var(TdThread *ts, TdValue key) {
  if (is_var(key)) return true;
  std::string r;
  if (!td_repr_to(ts, key, r)) return false;
  td_err_format(ts, &td_type_TypeError, "a ContextVar key was expected, got %s", r.c_str());
  return false;
}

TdValue context_construct(TdThread *ts, TdValue, Args, int64_t nargs, TdValue) {
  if (nargs) {
    td_err_set(ts, &td_type_TypeError, "Context() does not accept any arguments");
    return 0;
  }
  return context_new(ts, 0);
}

TdValue context_repr(TdThread *ts, TdValue self) {
  return td_str_from(ts, "<_contextvars.Context object at " + hex_id(self) + ">");
}

TdValue context_getitem(TdThread *ts, TdValue self, TdValue key) {
  if (!require_var(ts, key)) return 0;
  TdValue v;
  int r = context_find(ts, CTX(self), key, &v);
  if (r < 0) return 0;
  if (!r) {
    td_err_key(ts, key);
    return 0;
  }
  return td_newref(v);
}

int context_contains(TdThread *ts, TdValue self, TdValue key) {
  if (!require_var(ts, key)) return -1;
  TdValue v;
  return context_find(ts, CTX(self), key, &v);
}

int64_t context_len(TdThread *, TdValue self) { return vars_size(CTX(self)); }

// An iterator over the variables (over the mapping as it is now).
TdValue context_iter(TdThread *ts, TdValue self) {
  TdContext *c = CTX(self);
  if (c->vars) return td_iter(ts, c->vars);
  TdRef empty(td_empty_tuple(ts));
  return empty ? td_iter(ts, empty.get()) : 0;
}

TdValue context_richcompare(TdThread *ts, TdValue a, TdValue b, int op) {
  if ((op != TD_CMP_EQ && op != TD_CMP_NE) || !is_context(b)) return td_newref(td_val(&td_NotImplemented));
  TdContext *x = CTX(a), *y = CTX(b);
  int eq;
  if (vars_size(x) == 0 || vars_size(y) == 0)
    eq = vars_size(x) == vars_size(y);
  else if ((eq = td_eq(ts, x->vars, y->vars)) < 0)
    return 0;
  return td_bool((op == TD_CMP_EQ) == bool(eq));
}

TdValue context_run_method(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  if (nargs - td_kwcount(kw) < 1) {
    td_err_set(ts, &td_type_TypeError, "run() missing 1 required positional argument");
    return 0;
  }
  return td_context_run(ts, self, args[0], args + 1, nargs - 1, kw);
}

TdValue context_copy(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "copy", kw) || !td_check_nargs(ts, "copy", nargs, 0, 0)) return 0;
  return context_new(ts, CTX(self)->vars);
}

TdValue context_get(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "get", kw) || !td_check_nargs(ts, "get", nargs, 1, 2)) return 0;
  if (!require_var(ts, args[0])) return 0;
  TdValue v;
  int r = context_find(ts, CTX(self), args[0], &v);
  if (r < 0) return 0;
  return td_newref(r ? v : nargs == 2 ? args[1] : td_none());
}

// keys() / values() / items(): lists (CPython: views of the mapping).
TdValue context_listing(TdThread *ts, TdValue self, int which) {
  TdContext *c = CTX(self);
  TdRef out(td_list_new(ts, vars_size(c)));
  if (!out) return 0;
  if (!c->vars) return out.release();
  int64_t pos = 0;
  TdValue k, v;
  while (td_dict_next(c->vars, &pos, &k, &v)) {
    TdValue item = which == 0 ? td_newref(k) : which == 1 ? td_newref(v) : td_tuple_pack(ts, {k, v});
    if (!item || td_list_append_steal(ts, out.get(), item) < 0) return 0;
  }
  return out.release();
}

TdValue context_keys(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "keys", kw) || !td_check_nargs(ts, "keys", nargs, 0, 0)) return 0;
  return context_listing(ts, self, 0);
}
TdValue context_values(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "values", kw) || !td_check_nargs(ts, "values", nargs, 0, 0)) return 0;
  return context_listing(ts, self, 1);
}
TdValue context_items(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "items", kw) || !td_check_nargs(ts, "items", nargs, 0, 0)) return 0;
  return context_listing(ts, self, 2);
}

const TdMethodDef kContextMethods[] = {
    {"run", context_run_method}, {"copy", context_copy},     {"get", context_get},
    {"keys", context_keys},      {"values", context_values}, {"items", context_items},
    {nullptr, nullptr},
};

// ---------------------------------------------------------------------------
// ContextVar
// ---------------------------------------------------------------------------

void var_dealloc(TdObject *o) {
  td_decref(CV(td_val(o))->name);
  td_decref(CV(td_val(o))->defaultV);
  td_free_object(o);
}

TdValue var_construct(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  int64_t nk = td_kwcount(kw), npos = nargs - nk;
  if (npos > 1) {
    td_err_format(ts, &td_type_TypeError, "ContextVar() takes at most 1 positional argument (%lld given)",
                  static_cast<long long>(npos));
    return 0;
  }
  TdValue name = npos ? args[0] : 0, def = 0;
  for (int64_t i = 0; i < nk; i++) {
    std::string_view k = td_str_view(td_as_tuple(kw)->items[i]);
    if (k == "name" && !name) {
      name = args[npos + i];
    } else if (k == "default") {
      def = args[npos + i];
    } else {
      td_err_format(ts, &td_type_TypeError, "'%.*s' is an invalid keyword argument for ContextVar()",
                    int(k.size()), k.data());
      return 0;
    }
  }
  if (!name) {
    td_err_set(ts, &td_type_TypeError, "ContextVar() takes exactly 1 positional argument (0 given)");
    return 0;
  }
  if (!td_is_str(name)) {
    td_err_set(ts, &td_type_TypeError, "context variable name must be a str");
    return 0;
  }
  TdObject *o = td_alloc_object(&td_type_ContextVar, sizeof(ContextVar));
  if (!o) return td_err_nomem(ts);
  CV(td_val(o))->name = td_newref(name);
  CV(td_val(o))->defaultV = td_newref(def);
  return td_val(o);
}

TdValue var_repr(TdThread *ts, TdValue self) {
  ContextVar *v = CV(self);
  std::string s = "<ContextVar name=";
  if (!td_repr_to(ts, v->name, s)) return 0;
  if (v->defaultV) {
    s += " default=";
    if (!td_repr_to(ts, v->defaultV, s)) return 0;
  }
  s += " at " + hex_id(self) + ">";
  return td_str_from(ts, s);
}

TdValue var_get(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "get", kw) || !td_check_nargs(ts, "get", nargs, 0, 1)) return 0;
  TdValue v;
  int r = context_find(ts, ts->context ? CTX(ts->context) : nullptr, self, &v);
  if (r < 0) return 0;
  if (r) return td_newref(v);
  if (nargs) return td_newref(args[0]);
  if (CV(self)->defaultV) return td_newref(CV(self)->defaultV);
  TdRef exc(td_call1(ts, td_val(&td_type_LookupError), self));
  if (exc) td_err_set_value(ts, exc.get());
  return 0;
}

TdValue var_set(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  if (td_kwcount(kw) || nargs != 1) {
    if (td_kwcount(kw))
      td_err_set(ts, &td_type_TypeError, "ContextVar.set() takes no keyword arguments");
    else
      td_err_format(ts, &td_type_TypeError, "ContextVar.set() takes exactly one argument (%lld given)",
                    static_cast<long long>(nargs));
    return 0;
  }
  TdContext *c = current(ts);
  if (!c) return 0;
  TdValue old;
  int r = context_find(ts, c, self, &old);
  if (r < 0) return 0;
  TdObject *o = td_alloc_object(&td_type_Token, sizeof(Token));
  if (!o) return td_err_nomem(ts);
  Token *t = TK(td_val(o));
  t->ctx = td_newref(td_val(c));
  t->var = td_newref(self);
  t->old = r ? td_newref(old) : 0;
  t->used = false;
  TdRef token(td_val(o));
  if (!context_write(ts, c, self, args[0])) return 0;
  return token.release();
}

std::string token_repr_text(TdThread *ts, TdValue self, bool *ok);

TdValue var_reset(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "reset", kw) || !td_check_nargs(ts, "reset", nargs, 1, 1)) return 0;
  TdValue tv = args[0];
  if (td_is_small(tv) || td_obj(tv)->type != &td_type_Token) {
    std::string r;
    if (!td_repr_to(ts, tv, r)) return 0;
    td_err_format(ts, &td_type_TypeError, "expected an instance of Token, got %s", r.c_str());
    return 0;
  }
  Token *t = TK(tv);
  bool ok = true;
  if (t->used) {
    std::string r = token_repr_text(ts, tv, &ok);
    if (ok) td_err_format(ts, &td_type_RuntimeError, "%s has already been used once", r.c_str());
    return 0;
  }
  if (t->var != self) {
    std::string r = token_repr_text(ts, tv, &ok);
    if (ok) td_err_format(ts, &td_type_ValueError, "%s was created by a different ContextVar", r.c_str());
    return 0;
  }
  TdContext *c = current(ts);
  if (!c) return 0;
  if (td_val(c) != t->ctx) {
    std::string r = token_repr_text(ts, tv, &ok);
    if (ok) td_err_format(ts, &td_type_ValueError, "%s was created in a different Context", r.c_str());
    return 0;
  }
  t->used = true;
  if (!context_write(ts, c, self, t->old)) return 0;
  return td_none();
}

TdValue var_getattr(TdThread *ts, TdValue self, TdValue name) {
  std::string_view n = td_str_view(name);
  if (n == "name") return td_newref(CV(self)->name);
  if (const TdMethodDef *m = td_find_method(&td_type_ContextVar, n)) return td_builtin_method_new(ts, self, m);
  if (n == "__class__") return td_newref(td_val(&td_type_ContextVar));
  td_err_format(ts, &td_type_AttributeError, "'_contextvars.ContextVar' object has no attribute '%.*s'",
                int(n.size()), n.data());
  return 0;
}

int var_setattr(TdThread *ts, TdValue, TdValue name, TdValue) {
  std::string_view n = td_str_view(name);
  if (n == "name")
    td_err_set(ts, &td_type_AttributeError, "readonly attribute");
  else
    td_err_format(ts, &td_type_AttributeError, "'_contextvars.ContextVar' object has no attribute '%.*s'",
                  int(n.size()), n.data());
  return -1;
}

const TdMethodDef kVarMethods[] = {
    {"get", var_get},
    {"set", var_set},
    {"reset", var_reset},
    {nullptr, nullptr},
};

// ---------------------------------------------------------------------------
// Token
// ---------------------------------------------------------------------------

void token_dealloc(TdObject *o) {
  Token *t = TK(td_val(o));
  td_decref(t->ctx);
  td_decref(t->var);
  td_decref(t->old);
  td_free_object(o);
}

std::string token_repr_text(TdThread *ts, TdValue self, bool *ok) {
  Token *t = TK(self);
  std::string s = t->used ? "<Token used var=" : "<Token var=";
  *ok = td_repr_to(ts, t->var, s);
  return s + " at " + hex_id(self) + ">";
}

TdValue token_repr(TdThread *ts, TdValue self) {
  bool ok;
  std::string s = token_repr_text(ts, self, &ok);
  return ok ? td_str_from(ts, s) : 0;
}

TdValue token_construct(TdThread *ts, TdValue, Args, int64_t, TdValue) {
  td_err_set(ts, &td_type_RuntimeError, "Tokens can only be created by ContextVars");
  return 0;
}

TdValue token_getattr(TdThread *ts, TdValue self, TdValue name) {
  std::string_view n = td_str_view(name);
  Token *t = TK(self);
  if (n == "var") return td_newref(t->var);
  if (n == "old_value") return td_newref(t->old ? t->old : missing());
  if (n == "MISSING") return td_newref(missing());
  if (n == "__class__") return td_newref(td_val(&td_type_Token));
  td_err_format(ts, &td_type_AttributeError, "'_contextvars.Token' object has no attribute '%.*s'",
                int(n.size()), n.data());
  return 0;
}

int token_setattr(TdThread *ts, TdValue, TdValue name, TdValue) {
  std::string_view n = td_str_view(name);
  if (n == "var" || n == "old_value")
    td_err_format(ts, &td_type_AttributeError, "attribute '%.*s' of '_contextvars.Token' objects is not writable",
                  int(n.size()), n.data());
  else
    td_err_format(ts, &td_type_AttributeError, "'_contextvars.Token' object has no attribute '%.*s'",
                  int(n.size()), n.data());
  return -1;
}

TdValue missing_repr(TdThread *ts, TdValue) { return td_str_from(ts, "<Token.MISSING>"); }

// ---------------------------------------------------------------------------
// The module
// ---------------------------------------------------------------------------

TdValue m_copy_context(TdThread *ts, TdValue, Args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "copy_context", kw) || !td_check_nargs(ts, "copy_context", nargs, 0, 0))
    return 0;
  return context_new(ts, ts->context ? CTX(ts->context)->vars : 0);
}

} // namespace

TdType td_type_Context = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "_contextvars.Context",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = context_dealloc,
    .repr = context_repr,
    .richcompare = context_richcompare,
    .len = context_len,
    .getitem = context_getitem,
    .contains = context_contains,
    .iter = context_iter,
    .construct = context_construct,
    .methods = kContextMethods,
};

TdType td_type_ContextVar = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "_contextvars.ContextVar",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = var_dealloc,
    .repr = var_repr,
    .hash = td_object_hash,
    .richcompare = td_object_richcompare,
    .getattr = var_getattr,
    .setattr = var_setattr,
    .construct = var_construct,
    .methods = kVarMethods,
};

TdType td_type_Token = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "_contextvars.Token",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = token_dealloc,
    .repr = token_repr,
    .hash = td_object_hash,
    .richcompare = td_object_richcompare,
    .getattr = token_getattr,
    .setattr = token_setattr,
    .construct = token_construct,
};

// The type of Token.MISSING (for its repr).
TdType td_type_TokenMissing = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "Token.MISSING",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = td_free_object,
    .repr = missing_repr,
    .hash = td_object_hash,
    .richcompare = td_object_richcompare,
};

bool td_context_capture_slow(TdThread *ts, TdValue *out) {
  TdValue c = ts->context;
  if (!c || vars_size(CTX(c)) == 0) {
    *out = 0;
    return true;
  }
  *out = context_new(ts, CTX(c)->vars);
  return *out != 0;
}

TdValue td_context_run(TdThread *ts, TdValue ctx, TdValue fn, const TdValue *args, int64_t nargs,
                       TdValue kwnames) {
  if (CTX(ctx)->entered) {
    td_err_format(ts, &td_type_RuntimeError,
                  "cannot enter context: <_contextvars.Context object at %s> is already entered",
                  hex_id(ctx).c_str());
    return 0;
  }
  TdValue slot = td_newref(ctx);
  td_context_enter(ts, &slot);
  TdValue r = td_call(ts, fn, args, nargs, kwnames);
  td_context_leave(ts, &slot);
  td_decref(slot);
  return r;
}

TdValue td_contextvars_module_init(TdThread *ts) {
  TdRef mod(td_module_new(ts, "contextvars"));
  if (!mod) return 0;
  TdValue d = reinterpret_cast<TdModule *>(mod.get())->dict;
  td_type_ready(&td_type_Context);
  td_type_ready(&td_type_ContextVar);
  td_type_ready(&td_type_Token);
  td_type_ready(&td_type_TokenMissing);
  // Token.MISSING is a class attribute: the type's dict (which type_getattr
  // reads for builtin types) holds the marker.
  if (!td_type_Token.dict) {
    TdValue classDict = td_dict_new(ts);
    if (!classDict || td_dict_set_str(ts, classDict, "MISSING", missing()) < 0) {
      td_decref(classDict);
      return 0;
    }
    // Kept for the process (not freed with the runtime): the static type
    // outlives any one runtime.
    td_make_immortal(classDict);
    td_type_Token.dict = classDict;
  }
  if (td_dict_set_str(ts, d, "Context", td_val(&td_type_Context)) < 0 ||
      td_dict_set_str(ts, d, "ContextVar", td_val(&td_type_ContextVar)) < 0 ||
      td_dict_set_str(ts, d, "Token", td_val(&td_type_Token)) < 0)
    return 0;
  if (!td_module_add_function(ts, mod.get(), "copy_context", m_copy_context)) return 0;
  return mod.release();
}

// exceptions.cpp — exception types, raising, and traceback text.
//
// What: the builtin exception types (TD_EXCEPTION_TYPES, CPython's names and
// hierarchy), the exception object (TdException: args, traceback, cause,
// context), the td_err_* helpers runtime code raises with, the ABI entry
// points generated code raises and catches with, and td_format_exception,
// which prints an uncaught exception exactly as python3 3.11 does (less the
// 3.11 "~~^~~" column markers: frames carry lines, not columns).
//
// Glossary
//   curexc     TdThread::curexc: the exception being raised (owned).  Set
//              means "an entry point failed"; generated code propagates it
//              by returning the error sentinel.
//   handled    TdThread::handled: the exceptions whose except blocks are
//              running, innermost last.  A new exception raised while one is
//              handled gets it as __context__ (implicit chaining).
//   traceback  a list of small ints, triples (TdCodeInfo*, line, cols), appended as
//              the exception leaves each frame: innermost first.  Printing
//              walks it backwards (outermost first).  A pointer fits a small
//              int because user-space addresses are below 2^62.
//
// Design: CPython builds a linked list of traceback objects that hold
// frames alive; we only need file/line/function for printing, so the
// traceback is plain data and costs one list append per frame.  Rejected: a
// traceback object type (nothing reads e.__traceback__ yet).
#include <cctype>
#include <cstdarg>
#include <cstdio>

#include "class.h"
#include "containers.h"
#include "runtime.h"

namespace {

TdException *as_exc(TdValue v) { return reinterpret_cast<TdException *>(v); }

bool is_group_type(const TdType *t) { return td_is_subtype(t, &td_type_BaseExceptionGroup); }

void exc_dealloc(TdObject *o) {
  auto *e = reinterpret_cast<TdException *>(o);
  // A class deriving from both an exception and an exception group may
  // have its first base's dealloc: its group fields are released here.
  if ((o->type->flags & TD_TF_HEAPTYPE) && is_group_type(o->type)) {
    auto *g = reinterpret_cast<TdExceptionGroup *>(o);
    td_decref(g->message);
    td_decref(g->exceptions);
  }
  td_decref(e->args);
  td_decref(e->traceback);
  td_decref(e->cause);
  td_decref(e->context);
  td_decref(e->dict);
  td_free_object(o);
}

// The exception's message as str() shows it.
bool exc_str_to(TdThread *ts, TdValue self, std::string &out) {
  TdException *e = as_exc(self);
  TdTupleHead *args = td_as_tuple(e->args);
  if (args->size == 0) return true;
  if (args->size == 1) {
    if (td_is_subtype(td_obj(self)->type, &td_type_KeyError))
      return td_repr_to(ts, args->items[0], out);
    return td_str_to(ts, args->items[0], out);
  }
  return td_repr_to(ts, e->args, out);
}

TdValue exc_str(TdThread *ts, TdValue self) {
  std::string s;
  if (!exc_str_to(ts, self, s)) return 0;
  return td_str_from(ts, s);
}

TdValue exc_repr(TdThread *ts, TdValue self) {
  TdException *e = as_exc(self);
  TdTupleHead *args = td_as_tuple(e->args);
  std::string s = td_obj(self)->type->name;
  if (args->size == 1) {
    s += '(';
    if (!td_repr_to(ts, args->items[0], s)) return 0;
    s += ')';
  } else if (args->size == 0) {
    s += "()";
  } else if (!td_repr_to(ts, e->args, s)) {
    return 0;
  }
  return td_str_from(ts, s);
}

int64_t exc_hash(TdThread *, TdValue self) { return int64_t(self >> 4); }

// A new exception of type t (size bytes: a TdException or a
// TdExceptionGroup) whose args are args[0..nargs).
TdValue alloc_exception(TdThread *ts, TdType *t, const TdValue *args, int64_t nargs, size_t size) {
  TdValue tuple = td_tuple_new(ts, nargs);
  if (!tuple) return 0;
  for (int64_t i = 0; i < nargs; i++) td_as_tuple(tuple)->items[i] = td_newref(args[i]);
  TdObject *o = td_alloc_object(t, size);
  if (!o) {
    td_decref(tuple);
    return td_err_nomem(ts);
  }
  TdException *e = reinterpret_cast<TdException *>(o);
  e->args = tuple;
  e->traceback = 0;
  e->cause = 0;
  e->context = 0;
  e->suppressContext = false;
  e->dict = 0;
  if (size >= sizeof(TdExceptionGroup)) {
    auto *g = reinterpret_cast<TdExceptionGroup *>(o);
    g->message = g->exceptions = 0;
  }
  return td_val(o);
}

TdValue eg_construct(TdThread *ts, TdValue type, const TdValue *args, int64_t nargs,
                     TdValue kwnames);

TdValue exc_construct(TdThread *ts, TdValue type, const TdValue *args, int64_t nargs,
                      TdValue kwnames) {
  TdType *t = reinterpret_cast<TdType *>(type);
  // Classes deriving from an exception group arrive here (td_class_alloc).
  if ((t->flags & TD_TF_HEAPTYPE) && is_group_type(t))
    return eg_construct(ts, type, args, nargs, kwnames);
  if (td_kwcount(kwnames) != 0) {
    td_err_format(ts, &td_type_TypeError, "%s() takes no keyword arguments", t->name);
    return 0;
  }
  return alloc_exception(ts, t, args, nargs, sizeof(TdException));
}

TdValue exc_getattr(TdThread *ts, TdValue self, TdValue name) {
  TdException *e = as_exc(self);
  std::string_view n = td_str_view(name);
  if (n == "args") return td_newref(e->args);
  if (n == "__cause__") return td_newref(e->cause ? e->cause : td_none());
  if (n == "__context__") return td_newref(e->context ? e->context : td_none());
  if (n == "__suppress_context__") return td_bool(e->suppressContext);
  if (n == "__traceback__") return td_none();
  if (n == "__class__") return td_newref(td_val(td_obj(self)->type));
  if (e->dict) {
    TdValue v = 0;
    int r = td_dict_find(ts, e->dict, name, &v);
    if (r < 0) return 0;
    if (r) return td_newref(v);
  }
  // SystemExit.code: None, the one argument, or the argument tuple.
  if (n == "code" && td_isinstance(self, &td_type_SystemExit)) {
    TdTupleHead *args = td_as_tuple(e->args);
    if (args->size == 0) return td_none();
    return td_newref(args->size == 1 ? args->items[0] : e->args);
  }
  // StopIteration.value: the first argument, or None.
  if (n == "value" && td_isinstance(self, &td_type_StopIteration))
    return td_newref(td_stop_iteration_value(self));
  td_err_format(ts, &td_type_AttributeError, "'%s' object has no attribute '%.*s'",
                td_obj(self)->type->name, int(n.size()), n.data());
  return 0;
}

int exc_setattr(TdThread *ts, TdValue self, TdValue name, TdValue v) {
  TdException *e = as_exc(self);
  std::string_view n = td_str_view(name);
  if (n == "__cause__" || n == "__context__") {
    if (v && !td_is_none(v) && !td_isinstance(v, &td_type_BaseException)) {
      td_err_format(ts, &td_type_TypeError, "exception %s must be None or derive from BaseException",
                    n == "__cause__" ? "cause" : "context");
      return -1;
    }
    TdValue &slot = n == "__cause__" ? e->cause : e->context;
    td_decref(slot);
    slot = (v && !td_is_none(v)) ? td_newref(v) : 0;
    if (n == "__cause__") e->suppressContext = true;
    return 0;
  }
  if (n == "args") {
    TdValue t = v ? td_tuple_from_iterable(ts, v) : 0;
    if (!t) {
      if (!v) td_err_set(ts, &td_type_TypeError, "args may not be deleted");
      return -1;
    }
    td_decref(e->args);
    e->args = t;
    return 0;
  }
  if (!e->dict) {
    e->dict = td_dict_new(ts);
    if (!e->dict) return -1;
  }
  if (!v) return td_dict_delitem(ts, e->dict, name);
  return td_dict_setitem(ts, e->dict, name, v);
}

} // namespace

// The static exception types.  Every slot is spelled out because static
// types do not inherit slots from their base.
#define X(NAME, BASE)                                                                   \
  TdType td_type_##NAME = {                                                 \
      .ob = TD_STATIC_TYPE_HEAD,                                                       \
      .name = #NAME,                                                                   \
      .base = &td_type_##BASE,                                                         \
      .flags = TD_TF_BASETYPE | TD_TF_EXCEPTION,                                       \
      .dealloc = exc_dealloc,                                                          \
      .repr = exc_repr,                                                                \
      .str = exc_str,                                                                  \
      .hash = exc_hash,                                                                \
      .getattr = exc_getattr,                                                          \
      .setattr = exc_setattr,                                                          \
      .construct = exc_construct,                                                      \
  };
TD_ALL_EXCEPTION_TYPES(X)
#undef X

// ---------------------------------------------------------------------------
// Exception groups
// ---------------------------------------------------------------------------
//
// BaseExceptionGroup(msg, excs) checks its arguments as CPython 3.11 does and
// picks the class: ExceptionGroup when every member is an Exception (even
// when BaseExceptionGroup was called), TypeError when ExceptionGroup (or a
// subclass deriving from Exception) would hold a BaseException.
// split/subgroup follow CPython: a matcher is an exception type, a tuple of
// them, or a predicate; the parts are rebuilt with derive() and keep the
// original's traceback, cause and context.

namespace {

TdExceptionGroup *as_group(TdValue v) { return reinterpret_cast<TdExceptionGroup *>(v); }

// PySequence_Check: indexable and not a mapping.
bool is_sequence(TdValue v) {
  if (td_is_small(v)) return false;
  if (td_is_list(v) || td_is_tuple(v)) return true;
  return td_type_of(v)->getitem != nullptr && !td_is_dict(v);
}

TdValue eg_construct(TdThread *ts, TdValue type, const TdValue *args, int64_t nargs,
                     TdValue kwnames) {
  TdType *cls = reinterpret_cast<TdType *>(type);
  int64_t npos = nargs - td_kwcount(kwnames);
  if (npos != 2) {
    td_err_format(ts, &td_type_TypeError,
                  "BaseExceptionGroup.__new__() takes exactly 2 arguments (%lld given)",
                  static_cast<long long>(npos));
    return 0;
  }
  TdValue msg = args[0], seq = args[1];
  if (!td_is_str(msg)) {
    td_err_format(ts, &td_type_TypeError,
                  "BaseExceptionGroup.__new__() argument 1 must be str, not %s", td_type_name(msg));
    return 0;
  }
  if (!is_sequence(seq)) {
    td_err_set(ts, &td_type_TypeError, "second argument (exceptions) must be a sequence");
    return 0;
  }
  TdRef excs(td_tuple_from_iterable(ts, seq));
  if (!excs) return 0;
  TdTupleHead *items = td_as_tuple(excs.get());
  if (items->size == 0) {
    td_err_set(ts, &td_type_ValueError, "second argument (exceptions) must be a non-empty sequence");
    return 0;
  }
  bool nestedBase = false;
  for (int64_t i = 0; i < items->size; i++) {
    TdValue e = items->items[i];
    if (!td_isinstance(e, &td_type_BaseException)) {
      td_err_format(ts, &td_type_ValueError,
                    "Item %lld of second argument (exceptions) is not an exception",
                    static_cast<long long>(i));
      return 0;
    }
    if (!td_isinstance(e, &td_type_Exception)) nestedBase = true;
  }
  if (cls == &td_type_ExceptionGroup) {
    if (nestedBase) {
      td_err_set(ts, &td_type_TypeError, "Cannot nest BaseExceptions in an ExceptionGroup");
      return 0;
    }
  } else if (cls == &td_type_BaseExceptionGroup) {
    if (!nestedBase) cls = &td_type_ExceptionGroup;
  } else if (nestedBase && td_is_subtype(cls, &td_type_Exception)) {
    td_err_format(ts, &td_type_TypeError, "Cannot nest BaseExceptions in '%s'", cls->name);
    return 0;
  }
  // BaseExceptionGroup.__init__ refuses keywords (a class's __init__ checks
  // them itself: td_class_alloc passes none).
  if (td_kwcount(kwnames) != 0) {
    td_err_format(ts, &td_type_TypeError, "%s() takes no keyword arguments", cls->name);
    return 0;
  }
  TdValue v = alloc_exception(ts, cls, args, 2, sizeof(TdExceptionGroup));
  if (!v) return 0;
  as_group(v)->message = td_newref(msg);
  as_group(v)->exceptions = excs.release();
  return v;
}

void eg_dealloc(TdObject *o) {
  auto *g = reinterpret_cast<TdExceptionGroup *>(o);
  td_decref(g->message);
  td_decref(g->exceptions);
  g->message = g->exceptions = 0;
  auto *e = &g->exc;
  td_decref(e->args);
  td_decref(e->traceback);
  td_decref(e->cause);
  td_decref(e->context);
  td_decref(e->dict);
  td_free_object(o);
}

bool eg_str_to(TdThread *ts, TdValue self, std::string &out) {
  TdExceptionGroup *g = as_group(self);
  if (!g->message || !g->exceptions) return exc_str_to(ts, self, out);
  int64_t n = td_as_tuple(g->exceptions)->size;
  out += td_str_view(g->message);
  out += " (" + std::to_string(n) + " sub-exception" + (n > 1 ? "s" : "") + ")";
  return true;
}

TdValue eg_str(TdThread *ts, TdValue self) {
  std::string s;
  if (!eg_str_to(ts, self, s)) return 0;
  return td_str_from(ts, s);
}

TdValue eg_getattr(TdThread *ts, TdValue self, TdValue name) {
  std::string_view n = td_str_view(name);
  TdExceptionGroup *g = as_group(self);
  if (n == "message") return td_newref(g->message ? g->message : td_none());
  if (n == "exceptions") return td_newref(g->exceptions ? g->exceptions : td_none());
  if (const TdMethodDef *m = td_find_method(td_obj(self)->type, n))
    return td_builtin_method_new(ts, self, m);
  return exc_getattr(ts, self, name);
}

int eg_setattr(TdThread *ts, TdValue self, TdValue name, TdValue v) {
  std::string_view n = td_str_view(name);
  if (n == "message" || n == "exceptions") {
    td_err_set(ts, &td_type_AttributeError, "readonly attribute");
    return -1;
  }
  return exc_setattr(ts, self, name, v);
}

// --- split / subgroup -------------------------------------------------------

struct Matcher {
  bool predicate;  // a function; else an exception type or a tuple of them
  TdValue value;   // borrowed
};

bool get_matcher(TdThread *ts, TdValue v, Matcher *m) {
  auto isExcType = [](TdValue t) {
    return td_is_type(t) && td_is_subtype(reinterpret_cast<TdType *>(t), &td_type_BaseException);
  };
  m->value = v;
  if (!td_is_small(v) && !td_is_type(v) &&
      (td_obj(v)->type->call != nullptr || td_obj(v)->type == &td_type_function)) {
    m->predicate = true;
    return true;
  }
  m->predicate = false;
  if (isExcType(v)) return true;
  if (td_is_tuple(v) && td_obj(v)->type == &td_type_tuple) {
    bool ok = true;
    for (int64_t i = 0; i < td_as_tuple(v)->size; i++) ok = ok && isExcType(td_as_tuple(v)->items[i]);
    if (ok) return true;
  }
  td_err_set(ts, &td_type_TypeError, "expected a function, exception type or tuple of exception types");
  return false;
}

int matches(TdThread *ts, const Matcher &m, TdValue exc) {
  if (!m.predicate) return td_exc_matches(ts, exc, m.value);
  TdRef r(td_call1(ts, m.value, exc));
  if (!r) return -1;
  return td_truthy(ts, r.get());
}

// orig.derive(parts) with orig's traceback, cause and context (new ref).
TdValue subset(TdThread *ts, TdValue orig, std::vector<TdValue> &parts) {
  TdRef list(td_list_new(ts, int64_t(parts.size())));
  if (!list) return 0;
  for (TdValue &p : parts) {
    if (td_list_append_steal(ts, list.get(), p) < 0) {
      p = 0;
      return 0;
    }
    p = 0;
  }
  TdRef name(td_str_from(ts, "derive"));
  if (!name) return 0;
  TdValue a = list.get();
  TdRef eg(td_call_method(ts, orig, name.get(), &a, 1, 0));
  if (!eg) return 0;
  if (!td_is_exception_group(eg.get())) {
    td_err_set(ts, &td_type_TypeError, "derive must return an instance of BaseExceptionGroup");
    return 0;
  }
  TdException *from = as_exc(orig), *to = as_exc(eg.get());
  if (from->traceback) {
    // The list grows as an exception unwinds: a copy, not a shared one.
    TdList *tb = td_as_list(from->traceback);
    TdValue copy = td_list_new(ts, tb->size);
    if (!copy) return 0;
    for (int64_t i = 0; i < tb->size; i++) td_list_append_steal(ts, copy, td_newref(tb->items[i]));
    td_decref(to->traceback);
    to->traceback = copy;
  }
  td_decref(to->context);
  to->context = td_newref(from->context);
  td_decref(to->cause);
  to->cause = td_newref(from->cause);
  to->suppressContext = true;
  return eg.release();
}

// Splits exc by m into *match and (when wanted) *rest, new refs or 0.
bool split_rec(TdThread *ts, TdValue exc, const Matcher &m, bool wantRest, TdValue *match,
               TdValue *rest) {
  *match = *rest = 0;
  int r = matches(ts, m, exc);
  if (r < 0) return false;
  if (r) {
    *match = td_newref(exc);
    return true;
  }
  if (!td_is_exception_group(exc)) {
    if (wantRest) *rest = td_newref(exc);
    return true;
  }
  if (!td_stack_ok(ts)) return false;
  std::vector<TdValue> matched, others;
  TdRef excs(td_newref(as_group(exc)->exceptions));
  bool ok = true;
  for (int64_t i = 0; ok && i < td_as_tuple(excs.get())->size; i++) {
    TdValue em, er;
    ok = split_rec(ts, td_as_tuple(excs.get())->items[i], m, wantRest, &em, &er);
    if (em) matched.push_back(em);
    if (er) others.push_back(er);
  }
  if (ok && !matched.empty()) {
    *match = subset(ts, exc, matched);
    ok = *match != 0;
  }
  if (ok && wantRest && !others.empty()) {
    *rest = subset(ts, exc, others);
    ok = *rest != 0;
  }
  td_release_all(matched);
  td_release_all(others);
  if (!ok) {
    td_decref(*match);
    td_decref(*rest);
    *match = *rest = 0;
  }
  return ok;
}

TdValue eg_split(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "split", kw) || !td_check_nargs(ts, "split", nargs, 1, 1)) return 0;
  Matcher m;
  if (!get_matcher(ts, args[0], &m)) return 0;
  TdValue match, rest;
  if (!split_rec(ts, self, m, true, &match, &rest)) return 0;
  TdValue t = td_tuple_pack(ts, {match ? match : td_none(), rest ? rest : td_none()});
  td_decref(match);
  td_decref(rest);
  return t;
}

TdValue eg_subgroup(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "subgroup", kw) || !td_check_nargs(ts, "subgroup", nargs, 1, 1)) return 0;
  Matcher m;
  if (!get_matcher(ts, args[0], &m)) return 0;
  TdValue match, rest;
  if (!split_rec(ts, self, m, false, &match, &rest)) return 0;
  return match ? match : td_none();
}

TdValue eg_derive(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "derive", kw) || !td_check_nargs(ts, "derive", nargs, 1, 1)) return 0;
  TdValue a[2] = {as_group(self)->message, args[0]};
  return eg_construct(ts, td_val(&td_type_BaseExceptionGroup), a, 2, 0);
}

const TdMethodDef kGroupMethods[] = {
    {"split", eg_split},
    {"subgroup", eg_subgroup},
    {"derive", eg_derive},
    {nullptr, nullptr},
};

} // namespace

#define TD_GROUP_TYPE(NAME, BASE)                                                        \
  TdType td_type_##NAME = {                                                              \
      .ob = TD_STATIC_TYPE_HEAD,                                                         \
      .name = #NAME,                                                                     \
      .base = &td_type_##BASE,                                                           \
      .flags = TD_TF_BASETYPE | TD_TF_EXCEPTION,                                         \
      .dealloc = eg_dealloc,                                                             \
      .repr = exc_repr,                                                                  \
      .str = eg_str,                                                                     \
      .hash = exc_hash,                                                                  \
      .getattr = eg_getattr,                                                             \
      .setattr = eg_setattr,                                                             \
      .construct = eg_construct,                                                         \
      .methods = kGroupMethods,                                                          \
  };
TD_GROUP_TYPE(BaseExceptionGroup, BaseException)
TD_GROUP_TYPE(ExceptionGroup, Exception) // and BaseExceptionGroup: td_is_subtype
#undef TD_GROUP_TYPE

// ---------------------------------------------------------------------------
// Raising from runtime code
// ---------------------------------------------------------------------------

namespace {

// Sets ts->curexc to `exc` (steals), chaining the handled exception as its
// __context__ like CPython's _PyErr_SetObject, without creating a cycle.
void set_raised(TdThread *ts, TdValue exc) {
  if (!ts->handled.empty()) {
    TdValue ctx = ts->handled.back();
    if (ctx && ctx != exc && td_isinstance(ctx, &td_type_BaseException)) {
      // Break a cycle: if exc is already in ctx's context chain, cut it.
      TdValue o = ctx;
      while (o) {
        TdException *oe = as_exc(o);
        if (oe->context == exc) {
          td_decref(oe->context);
          oe->context = 0;
          break;
        }
        o = oe->context;
      }
      TdException *e = as_exc(exc);
      td_decref(e->context);
      e->context = td_newref(ctx);
    }
  }
  td_decref(ts->curexc);
  ts->curexc = exc;
}

TdValue new_exception(TdThread *ts, TdType *type, TdValue arg /* borrowed or 0 */) {
  TdValue args[1] = {arg};
  return exc_construct(ts, td_val(type), args, arg ? 1 : 0, 0);
}

} // namespace

void td_err_set(TdThread *ts, TdType *type, std::string_view msg) {
  TdValue s = td_str_from(ts, msg);
  if (!s) return;
  TdValue exc = new_exception(ts, type, s);
  td_decref(s);
  if (exc) set_raised(ts, exc);
}

void td_err_format(TdThread *ts, TdType *type, const char *fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (n < 0) n = 0;
  if (size_t(n) >= sizeof buf) {
    std::string big(size_t(n) + 1, '\0');
    va_start(ap, fmt);
    vsnprintf(big.data(), big.size(), fmt, ap);
    va_end(ap);
    big.resize(size_t(n));
    td_err_set(ts, type, big);
    return;
  }
  td_err_set(ts, type, std::string_view(buf, size_t(n)));
}

void td_err_set_value(TdThread *ts, TdValue exc) { set_raised(ts, td_newref(exc)); }

bool td_err_occurred(TdThread *ts) { return ts->curexc != 0; }

void td_err_clear(TdThread *ts) {
  td_decref(ts->curexc);
  ts->curexc = 0;
}

bool td_err_is(TdThread *ts, TdType *type) {
  return ts->curexc && td_isinstance(ts->curexc, type);
}

TdValue td_err_nomem(TdThread *ts) {
  // Allocating the message could fail too; MemoryError() carries none.
  TdValue exc = new_exception(ts, &td_type_MemoryError, 0);
  if (exc) set_raised(ts, exc);
  return 0;
}

void td_err_key(TdThread *ts, TdValue key) {
  TdValue exc = new_exception(ts, &td_type_KeyError, key);
  if (exc) set_raised(ts, exc);
}

// ---------------------------------------------------------------------------
// ABI: raise / catch
// ---------------------------------------------------------------------------

namespace {

bool is_exception_type(TdValue v) {
  return v && !td_is_small(v) && td_obj(v)->type == &td_type_type &&
         td_is_subtype(reinterpret_cast<TdType *>(v), &td_type_BaseException);
}

// An exception instance from `v` (a class is instantiated).  New reference.
TdValue make_instance(TdThread *ts, TdValue v, const char *what) {
  if (is_exception_type(v)) {
    TdValue inst = td_call0(ts, v);
    if (!inst) return 0;
    if (!td_isinstance(inst, &td_type_BaseException)) {
      td_err_format(ts, &td_type_TypeError,
                    "calling %s should have returned an instance of BaseException, not %s",
                    reinterpret_cast<TdType *>(v)->name, td_type_name(inst));
      td_decref(inst);
      return 0;
    }
    return inst;
  }
  if (v && td_isinstance(v, &td_type_BaseException)) return td_newref(v);
  td_err_set(ts, &td_type_TypeError, what);
  return 0;
}

} // namespace

extern "C" void td_raise(TdThread *ts, TdValue exc, TdValue cause) {
  TdValue inst = make_instance(ts, exc, "exceptions must derive from BaseException");
  if (!inst) return;
  if (cause) {
    TdException *e = as_exc(inst);
    if (td_is_none(cause)) {
      td_decref(e->cause);
      e->cause = 0;
    } else {
      TdValue c = make_instance(ts, cause, "exception causes must derive from BaseException");
      if (!c) {
        td_decref(inst);
        return;
      }
      td_decref(e->cause);
      e->cause = c;
    }
    e->suppressContext = true;
  }
  set_raised(ts, inst);
}

extern "C" void td_reraise(TdThread *ts) {
  if (ts->handled.empty() || !ts->handled.back() || td_is_none(ts->handled.back())) {
    td_err_set(ts, &td_type_RuntimeError, "No active exception to reraise");
    return;
  }
  // No new context: re-raising the handled exception must not chain it to
  // itself.
  td_decref(ts->curexc);
  ts->curexc = td_newref(ts->handled.back());
}

extern "C" TdValue td_err_fetch(TdThread *ts) {
  TdValue e = ts->curexc;
  ts->curexc = 0;
  return e ? e : td_none();
}

extern "C" void td_err_restore(TdThread *ts, TdValue exc) {
  if (!exc || td_is_none(exc)) return;
  td_decref(ts->curexc);
  ts->curexc = td_newref(exc);
}

extern "C" int32_t td_exc_matches(TdThread *ts, TdValue exc, TdValue type) {
  auto one = [&](TdValue t) -> int32_t {
    if (!is_exception_type(t)) {
      td_err_set(ts, &td_type_TypeError,
                 "catching classes that do not inherit from BaseException is not allowed");
      return -1;
    }
    return td_isinstance(exc, reinterpret_cast<TdType *>(t)) ? 1 : 0;
  };
  if (td_is_tuple(type)) {
    TdTupleHead *t = td_as_tuple(type);
    int32_t found = 0;
    for (int64_t i = 0; i < t->size; i++) {
      int32_t r = one(t->items[i]);
      if (r < 0) return -1;
      if (r) found = 1;
    }
    return found;
  }
  return one(type);
}

extern "C" void td_except_enter(TdThread *ts, TdValue exc) {
  ts->handled.push_back(td_newref(exc));
}

extern "C" void td_except_exit(TdThread *ts) {
  if (ts->handled.empty()) return;
  td_decref(ts->handled.back());
  ts->handled.pop_back();
}

extern "C" void td_assert_fail(TdThread *ts, TdValue msg) {
  TdValue exc = new_exception(ts, &td_type_AssertionError, msg);
  if (exc) set_raised(ts, exc);
}

extern "C" void td_traceback_add(TdThread *ts, const TdCodeInfo *code, int32_t line, int32_t cols) {
  if (!ts->curexc || !td_isinstance(ts->curexc, &td_type_BaseException)) return;
  TdException *e = as_exc(ts->curexc);
  // Appending must not disturb the pending exception, so it is set aside.
  TdValue pending = ts->curexc;
  ts->curexc = 0;
  if (!e->traceback) e->traceback = td_list_new(ts, 8);
  if (e->traceback) {
    td_list_append_steal(ts, e->traceback, td_small(int64_t(reinterpret_cast<uintptr_t>(code))));
    td_list_append_steal(ts, e->traceback, td_small(line));
    td_list_append_steal(ts, e->traceback, td_small(cols));
  }
  td_err_clear(ts);
  ts->curexc = pending;
}

// ---------------------------------------------------------------------------
// Traceback text
// ---------------------------------------------------------------------------

std::string td_raw_source_line(TdThread *ts, const char *filename, int32_t line) {
  if (!ts->rt || !filename || line < 1) return {};
  auto it = ts->rt->sources.find(filename);
  if (it == ts->rt->sources.end()) return {};
  const std::string &src = it->second;
  size_t pos = 0;
  for (int32_t l = 1; l < line; l++) {
    pos = src.find('\n', pos);
    if (pos == std::string::npos) return {};
    pos++;
  }
  if (pos >= src.size()) return {};
  size_t end = src.find('\n', pos);
  if (end == std::string::npos) end = src.size();
  if (end > pos && src[end - 1] == '\r') end--;
  return src.substr(pos, end - pos);
}

std::string td_source_line(TdThread *ts, const char *filename, int32_t line) {
  // CPython strips the indentation but keeps trailing spaces.
  std::string raw = td_raw_source_line(ts, filename, line);
  size_t i = raw.find_first_not_of(" \t\f");
  if (i == std::string::npos) return {};
  return raw.substr(i);
}

namespace {

// --- 3.11's column markers ----------------------------------------------------
//
// Under the quoted line CPython 3.11 prints markers for the failing
// expression: '^' under all of it, or, when the expression is a binary
// operation or a subscript, '~' under the operands and '^' under the
// operator / the brackets ("~~^~~", "~^^^").  Markers that would cover the
// whole line are left out.  CPython finds the operator by re-parsing the
// expression's text; the runtime has no parser, so a small tokenizer finds
// the top-level structure of the segment the same way.

struct Tok {
  size_t begin, end;
  char kind; // 'n' name, '1' number, 's' string, 'o' operator, '(' open, ')' close
  std::string_view text;
};

bool is_ident_char(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }

bool tokenize(std::string_view s, std::vector<Tok> &out) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = s[i];
    if (c == ' ' || c == '\t' || c == '\f' || c == '\\') {
      i++;
      continue;
    }
    if (c == '#') return false;
    size_t b = i;
    if (is_ident_char(c) && !std::isdigit(c)) {
      while (i < s.size() && is_ident_char(s[i])) i++;
      // String prefixes: r"", b'', f"", rb"" ...
      if (i < s.size() && (s[i] == '"' || s[i] == '\'') && i - b <= 2) {
        c = s[i];
      } else {
        out.push_back({b, i, 'n', s.substr(b, i - b)});
        continue;
      }
    }
    if (c == '"' || c == '\'') {
      char q = char(c);
      bool triple = s.substr(i, 3) == std::string(3, q);
      i += triple ? 3 : 1;
      for (;;) {
        if (i >= s.size()) return false;
        if (s[i] == '\\') {
          i += 2;
          continue;
        }
        if (s[i] == q && (!triple || s.substr(i, 3) == std::string(3, q))) {
          i += triple ? 3 : 1;
          break;
        }
        i++;
      }
      out.push_back({b, i, 's', s.substr(b, i - b)});
      continue;
    }
    if (std::isdigit(c) || (c == '.' && i + 1 < s.size() && std::isdigit((unsigned char)s[i + 1]))) {
      while (i < s.size() && (is_ident_char(s[i]) || s[i] == '.' ||
                              ((s[i] == '+' || s[i] == '-') && (s[i - 1] == 'e' || s[i - 1] == 'E'))))
        i++;
      out.push_back({b, i, '1', s.substr(b, i - b)});
      continue;
    }
    if (c == '(' || c == '[' || c == '{') {
      out.push_back({b, ++i, '(', s.substr(b, 1)});
      continue;
    }
    if (c == ')' || c == ']' || c == '}') {
      out.push_back({b, ++i, ')', s.substr(b, 1)});
      continue;
    }
    static const char *const ops[] = {"**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", "<<", ">>",
                                      "<=", ">=", "==", "!=", "+=", "-=", "*=", "/=", "%=", "&=",
                                      "|=", "^=", "@="};
    size_t len = 1;
    for (const char *op : ops) {
      if (s.substr(i, strlen(op)) == op) {
        len = strlen(op);
        break;
      }
    }
    i += len;
    out.push_back({b, i, 'o', s.substr(b, len)});
  }
  return true;
}

bool is_keyword(std::string_view t) {
  static const char *const kws[] = {"lambda", "if", "else", "or", "and", "not", "in", "is", "for",
                                    "async", "await", "yield", "from", "import", "def", "class",
                                    "return", "del", "pass", "while", "with", "as", "try",
                                    "except", "finally", "raise", "global", "nonlocal", "assert",
                                    "break", "continue", "elif"};
  for (const char *k : kws)
    if (t == k) return true;
  return false;
}

bool ends_operand(const Tok &t) {
  if (t.kind == 'n') return !is_keyword(t.text);
  return t.kind == '1' || t.kind == 's' || t.kind == ')';
}

// The start of the expression in toks[b..e): an enclosing non-tuple
// parenthesis is not part of the node.
size_t node_begin(const std::vector<Tok> &toks, size_t b, size_t e, bool wantEnd) {
  while (e - b >= 3 && toks[b].text == "(" && toks[e - 1].text == ")") {
    int depth = 0;
    bool wraps = true, tuple = false;
    for (size_t k = b; k < e; k++) {
      if (toks[k].kind == '(') depth++;
      if (toks[k].kind == ')' && --depth == 0 && k != e - 1) wraps = false;
      if (depth == 1 && (toks[k].text == "," || toks[k].text == "for")) tuple = true;
    }
    if (!wraps || tuple) break;
    b++;
    e--;
  }
  return wantEnd ? toks[e - 1].end : toks[b].begin;
}

// Finds CPython's anchors for a single-line segment: [left, right) in
// bytes of the segment.  False when the expression has none.
bool find_anchors(std::string_view seg, size_t *left, size_t *right) {
  std::vector<Tok> toks;
  if (!tokenize(seg, toks) || toks.empty()) return false;
  int depth = 0;
  int bestLevel = 99;
  size_t bestTok = 0;
  bool startsUnary = toks[0].kind == 'o' && (toks[0].text == "-" || toks[0].text == "+" || toks[0].text == "~");
  for (size_t k = 0; k < toks.size(); k++) {
    const Tok &t = toks[k];
    if (t.kind == '(') depth++;
    if (t.kind == ')') depth--;
    if (depth != 0 || t.kind == '(' || t.kind == ')') continue;
    if (t.kind == 'n' && is_keyword(t.text)) return false;
    if (t.kind != 'o') continue;
    std::string_view o = t.text;
    if (o == "," || o == "=" || o == ":" || o == ";" || o == ":=" || o == "<" || o == ">" ||
        o == "<=" || o == ">=" || o == "==" || o == "!=" || o.back() == '=')
      return false;
    if (k == 0 || !ends_operand(toks[k - 1])) continue; // a unary operator
    int level = o == "|" ? 0 : o == "^" ? 1 : o == "&" ? 2 : (o == "<<" || o == ">>") ? 3
              : (o == "+" || o == "-") ? 4 : (o == "*" || o == "@" || o == "/" || o == "//" || o == "%") ? 5
              : o == "**" ? 6 : 99;
    if (level == 99) continue;
    // Left-associative levels: the last operator wins; ** is right-associative.
    if (level < bestLevel || (level == bestLevel && level != 6)) {
      bestLevel = level;
      bestTok = k;
    }
  }
  if (bestLevel != 99) {
    if (bestLevel == 6 && startsUnary) return false;
    if (bestTok + 1 >= toks.size()) return false;
    size_t op = toks[bestTok].begin;
    size_t rightCol = node_begin(toks, bestTok + 1, toks.size(), false);
    *left = op;
    *right = op + 1;
    if (op + 1 < rightCol && !std::isspace((unsigned char)seg[op + 1])) ++*right;
    return true;
  }
  // A subscript: value[slice] spanning the whole segment.
  if (startsUnary || toks.back().text != "]" || toks.size() < 3) return false;
  size_t open = toks.size() - 1;
  depth = 0;
  for (size_t k = toks.size(); k-- > 0;) {
    if (toks[k].kind == ')') depth++;
    if (toks[k].kind == '(' && --depth == 0) {
      open = k;
      break;
    }
  }
  if (open == 0 || toks[open].text != "[" || !ends_operand(toks[open - 1]) || open + 1 >= toks.size() - 1)
    return false;
  *left = toks[open].begin;
  *right = node_begin(toks, open + 1, toks.size() - 1, true) + 1;
  return true;
}

// Characters in the first `bytes` bytes of UTF-8 text `s`.
size_t char_count(std::string_view s, size_t bytes) {
  if (bytes > s.size()) bytes = s.size();
  size_t n = 0;
  for (size_t i = 0; i < bytes; i++)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) n++;
  return n;
}

} // namespace

std::string td_caret_line(const std::string &raw, int32_t cols) {
  if (cols == 0 || raw.empty()) return {};
  size_t startB = size_t((uint32_t(cols) >> 16) & 0xFFFF), endB = size_t(cols & 0xFFFF);
  bool multi = endB == 0xFFFF;
  if (!multi && endB <= startB) return {};
  size_t lead = raw.find_first_not_of(" \t\f");
  if (lead == std::string::npos || startB > raw.size()) return {};
  size_t lastNonWs = raw.find_last_not_of(" \t\f\r\n");
  size_t start = char_count(raw, startB);
  size_t end = multi ? char_count(raw, lastNonWs + 1) : char_count(raw, endB);
  size_t leadChars = char_count(raw, lead);
  size_t strippedLen = char_count(raw, lastNonWs + 1) - leadChars;
  size_t left = 0, right = 0;
  bool anchors = false;
  if (!multi && endB <= raw.size()) {
    std::string_view seg(raw.data() + startB, endB - startB);
    size_t l, r;
    if (find_anchors(seg, &l, &r)) {
      anchors = true;
      left = start + char_count(seg, l);
      right = start + char_count(seg, r);
    }
  }
  if (!anchors && end - start >= strippedLen) return {};
  if (end <= start || start < leadChars) return {};
  std::string out = "    " + std::string(start - leadChars, ' ');
  for (size_t o = start; o < end; o++) out += !anchors ? '^' : (o >= left && o < right) ? '^' : '~';
  return out + "\n";
}

namespace {

constexpr int kTracebackLimit = 1000;   // sys.tracebacklimit's default
constexpr int kRecursiveCutoff = 3;     // CPython's TB_RECURSIVE_CUTOFF

void print_repeated(std::string &out, int64_t cnt) {
  cnt -= kRecursiveCutoff;
  out += "  [Previous line repeated " + std::to_string(cnt) + " more time" +
         (cnt > 1 ? "s" : "") + "]\n";
}

// The traceback's frame lines (no header), outermost first.
void format_frames(TdThread *ts, TdException *e, std::string &out) {
  if (!e->traceback) return;
  TdList *tb = td_as_list(e->traceback);
  int64_t frames = tb->size / 3;
  if (frames == 0) return;
  // Outermost first: walk the list backwards; skip the oldest frames beyond
  // the limit, as CPython does.
  int64_t first = frames - 1;
  if (frames > kTracebackLimit) first = kTracebackLimit - 1;
  const TdCodeInfo *lastCode = nullptr;
  int64_t lastLine = -1;
  int64_t cnt = 0;
  for (int64_t f = first; f >= 0; f--) {
    auto *code = reinterpret_cast<const TdCodeInfo *>(uintptr_t(td_small_val(tb->items[3 * f])));
    int64_t line = td_small_val(tb->items[3 * f + 1]);
    int32_t cols = int32_t(td_small_val(tb->items[3 * f + 2]));
    bool same = lastCode && line == lastLine && std::string_view(code->filename) == lastCode->filename &&
                std::string_view(code->name) == lastCode->name;
    if (!same) {
      if (cnt > kRecursiveCutoff) print_repeated(out, cnt);
      lastCode = code;
      lastLine = line;
      cnt = 0;
    }
    cnt++;
    if (cnt > kRecursiveCutoff) continue;
    out += "  File \"";
    out += code->filename ? code->filename : "<unknown>";
    out += "\", line " + std::to_string(line) + ", in ";
    out += code->name ? code->name : "?";
    out += '\n';
    std::string src = td_source_line(ts, code->filename, int32_t(line));
    if (!src.empty()) {
      out += "    " + src + "\n";
      out += td_caret_line(td_raw_source_line(ts, code->filename, int32_t(line)), cols);
    }
  }
  if (cnt > kRecursiveCutoff) print_repeated(out, cnt);
}

// Writes an exception with its chain as CPython's traceback printer does
// (pythonrun.c).  Inside an exception group every line gets a margin: two
// spaces per nesting level and "| " ("+ " on the top group's header line);
// each member is introduced by a "+---- i ----" line and the last one
// closes the box.  Members beyond 15 and groups deeper than 10 are elided.
struct ExcPrinter {
  static constexpr int kMaxGroupWidth = 15;
  static constexpr int kMaxGroupDepth = 10;

  TdThread *ts;
  std::string out;
  std::vector<TdValue> seen;
  int depth = 0;           // group nesting
  bool needClose = false;  // the box still needs its closing line
  bool chain = true;       // print __cause__ / __context__ first

  std::string indent() const { return std::string(size_t(2 * depth), ' '); }
  std::string margin() const { return depth ? indent() + "| " : std::string(); }

  // text with every line prefixed by the margin.
  void emit(std::string_view text, const char *marginText = "| ") {
    if (depth == 0) {
      out += text;
      return;
    }
    std::string pre = indent() + marginText;
    size_t i = 0;
    while (i < text.size()) {
      size_t nl = text.find('\n', i);
      size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
      out += pre;
      out.append(text.substr(i, end - i));
      i = end;
    }
  }

  bool unseen(TdValue v) const {
    for (TdValue s : seen)
      if (s == v) return false;
    return true;
  }

  void traceback(TdValue exc, bool group) {
    std::string frames;
    format_frames(ts, as_exc(exc), frames);
    if (frames.empty()) return;
    if (group)
      emit("Exception Group Traceback (most recent call last):\n", depth == 1 ? "+ " : "| ");
    else
      emit("Traceback (most recent call last):\n");
    emit(frames);
  }

  // "ValueError: msg": the margin, then the text as is (a message's own
  // newlines get no margin, as in CPython).
  void message(TdValue exc) {
    TdType *type = td_obj(exc)->type;
    out += margin();
    out += td_exception_module(type);
    out += td_type_qualname(type);
    std::string msg;
    bool strOk = type->str == exc_str ? exc_str_to(ts, exc, msg) : td_str_to(ts, exc, msg);
    if (!strOk) {
      td_err_clear(ts);
      msg = "<exception str() failed>";
    }
    if (!msg.empty()) out += ": " + msg;
    out += '\n';
  }

  void chained(TdValue v, const char *text) {
    bool close = needClose;
    print(v);
    needClose = close;
    emit("\n");
    emit(text);
    emit("\n");
  }

  void group(TdValue exc) {
    if (depth > kMaxGroupDepth) {
      emit("... (max_group_depth is " + std::to_string(kMaxGroupDepth) + ")\n");
      return;
    }
    bool top = depth == 0;
    if (top) depth = 1;
    traceback(exc, true);
    message(exc);
    TdRef excs(td_newref(as_group(exc)->exceptions));
    int64_t num = excs ? td_as_tuple(excs.get())->size : 0;
    int64_t n = num <= kMaxGroupWidth ? num : kMaxGroupWidth + 1;
    needClose = false;
    for (int64_t i = 0; i < n; i++) {
      bool last = i == n - 1;
      if (last) needClose = true; // a nested group may close the box instead
      bool truncated = i >= kMaxGroupWidth;
      out += indent() + (i == 0 ? "+-" : "  ") + "+---------------- " +
             (truncated ? std::string("...") : std::to_string(i + 1)) + " ----------------\n";
      depth++;
      if (!truncated) {
        print(td_as_tuple(excs.get())->items[i]);
      } else {
        int64_t more = num - kMaxGroupWidth;
        emit("and " + std::to_string(more) + " more exception" + (more > 1 ? "s" : "") + "\n");
      }
      if (last && needClose) {
        out += indent() + "+------------------------------------\n";
        needClose = false;
      }
      depth--;
    }
    if (top) depth = 0;
  }

  void print(TdValue exc) {
    seen.push_back(exc);
    if (!td_isinstance(exc, &td_type_BaseException)) {
      std::string r;
      if (!td_repr_to(ts, exc, r)) td_err_clear(ts);
      out += margin() + r + "\n";
      return;
    }
    if (!td_stack_ok(ts)) {
      td_err_clear(ts);
      out += margin() + "...\n";
      return;
    }
    TdException *e = as_exc(exc);
    if (!chain) {
      // only the exception itself
    } else if (e->cause) {
      if (unseen(e->cause))
        chained(e->cause, "The above exception was the direct cause of the following exception:\n");
    } else if (e->context && !e->suppressContext && unseen(e->context)) {
      chained(e->context, "During handling of the above exception, another exception occurred:\n");
    }
    if (td_is_exception_group(exc))
      group(exc);
    else
      traceback(exc, false), message(exc);
  }
};

} // namespace

// The module prefix CPython prints before a non-builtin exception type.
const char *td_exception_module(const TdType *t) {
  if (t == &td_type_CancelledError || t == &td_type_InvalidStateError) return "asyncio.exceptions.";
  if (t == &td_type_QueueEmpty || t == &td_type_QueueFull) return "asyncio.queues.";
  return "";
}

void td_write_unraisable(TdThread *ts, TdValue exc, std::string_view what, TdValue obj) {
  std::string r;
  if (!td_repr_to(ts, obj, r)) {
    td_err_clear(ts);
    r = "<object repr() failed>";
  }
  // Like CPython's default sys.unraisablehook: no cause/context chain.
  std::string text = std::string(what) + ": " + r + "\n" + td_format_exception(ts, exc, false);
  td_err_clear(ts);
  td_stdout_flush(ts->rt);
  td_stream_write(ts, ts->rt->sysStderr, text);
  td_err_clear(ts);
}

TdValue td_stop_iteration_value(TdValue exc) {
  TdTupleHead *args = td_as_tuple(as_exc(exc)->args);
  return args->size == 0 ? td_none() : args->items[0];
}

std::string td_format_exception(TdThread *ts, TdValue exc, bool chain) {
  // Formatting calls str()/repr(), which may raise: keep the caller's
  // pending exception out of the way.
  TdValue pending = ts->curexc;
  ts->curexc = 0;
  ExcPrinter p{ts};
  p.chain = chain;
  p.print(exc);
  td_err_clear(ts);
  ts->curexc = pending;
  return std::move(p.out);
}

// atexit.cpp — the `atexit` module: functions to call at interpreter exit.
//
// register(func, *args, **kwargs) records a call and returns func;
// unregister(func) forgets every recorded call of a function equal to func.
// td_atexit_run calls them, last registered first, from td_run_main once
// the main module has ended and every non-daemon thread has finished (the
// order of CPython's Py_FinalizeEx: threading._shutdown, then the atexit
// callbacks).  An exception escaping a callback is reported as CPython 3.11
// reports it ("Exception ignored in atexit callback: <func>" and the
// traceback) and the next callback runs; it does not change the exit
// status, not even SystemExit.
//
// The calls live in TdRuntime::atexitCallbacks, a list of (func, args,
// kwargs) tuples.  unregister replaces an entry with None instead of
// removing it, so a callback that unregisters another while the callbacks
// run skips it, as CPython's NULL slots do; the list is emptied after the
// run (a callback registered during the run is not called).
#include <cstdio>

#include "containers.h"
#include "runtime.h"

namespace {

using Args = const TdValue *;

TdValue callbacks(TdThread *ts) {
  TdRuntime *rt = ts->rt;
  if (!rt->atexitCallbacks) rt->atexitCallbacks = td_list_new(ts, 4);
  return rt->atexitCallbacks;
}

TdValue ae_register(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  int64_t nk = td_kwcount(kw), npos = nargs - nk;
  if (npos < 1) {
    td_err_format(ts, &td_type_TypeError, "register() takes at least 1 argument (0 given)");
    return 0;
  }
  TdValue func = args[0];
  if (!td_is_callable(func)) {
    td_err_set(ts, &td_type_TypeError, "the first argument must be callable");
    return 0;
  }
  TdRef cargs(td_tuple_new(ts, npos - 1));
  if (!cargs) return 0;
  for (int64_t i = 1; i < npos; i++) td_as_tuple(cargs.get())->items[i - 1] = td_newref(args[i]);
  TdRef ckw(td_none());
  if (nk) {
    ckw = TdRef(td_dict_new(ts));
    if (!ckw) return 0;
    for (int64_t i = 0; i < nk; i++)
      if (td_dict_setitem(ts, ckw.get(), td_as_tuple(kw)->items[i], args[npos + i]) < 0) return 0;
  }
  TdValue list = callbacks(ts);
  if (!list) return 0;
  TdValue entry = td_tuple_pack(ts, {func, cargs.get(), ckw.get()});
  if (!entry || td_list_append_steal(ts, list, entry) < 0) return 0;
  return td_newref(func);
}

TdValue ae_unregister(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "unregister", kw) || !td_check_nargs(ts, "unregister", nargs, 1, 1))
    return 0;
  TdValue list = ts->rt->atexitCallbacks;
  if (!list) return td_none();
  // An __eq__ may change the list: re-read its size and items each step.
  for (int64_t i = 0; i < td_as_list(list)->size; i++) {
    TdValue entry = td_as_list(list)->items[i];
    if (td_is_none(entry)) continue;
    TdRef keep(td_newref(entry));
    int eq = td_eq(ts, td_as_tuple(entry)->items[0], args[0]);
    if (eq < 0) return 0;
    if (eq && i < td_as_list(list)->size && td_as_list(list)->items[i] == entry) {
      td_as_list(list)->items[i] = td_none();
      td_decref(entry);
    }
  }
  return td_none();
}

// atexit._run_exitfuncs(): runs and clears the callbacks now.
TdValue ae_run_exitfuncs(TdThread *ts, TdValue, Args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "_run_exitfuncs", kw) || !td_check_nargs(ts, "_run_exitfuncs", nargs, 0, 0))
    return 0;
  td_atexit_run(ts);
  return td_none();
}

// atexit._clear(): forgets every callback.
TdValue ae_clear(TdThread *ts, TdValue, Args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "_clear", kw) || !td_check_nargs(ts, "_clear", nargs, 0, 0)) return 0;
  TdValue list = ts->rt->atexitCallbacks;
  ts->rt->atexitCallbacks = 0;
  td_decref(list);
  return td_none();
}

// atexit._ncallbacks(): how many calls are recorded.
TdValue ae_ncallbacks(TdThread *ts, TdValue, Args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "_ncallbacks", kw) || !td_check_nargs(ts, "_ncallbacks", nargs, 0, 0))
    return 0;
  TdValue list = ts->rt->atexitCallbacks;
  int64_t n = 0;
  if (list)
    for (int64_t i = 0; i < td_as_list(list)->size; i++)
      if (!td_is_none(td_as_list(list)->items[i])) n++;
  return td_small(n);
}

} // namespace

void td_atexit_run(TdThread *ts) {
  TdRuntime *rt = ts->rt;
  TdValue list = rt->atexitCallbacks;
  if (!list) return;
  TdRef keep(td_newref(list));
  // Last registered first; what a callback appends is not called.
  for (int64_t i = td_as_list(list)->size - 1; i >= 0; i--) {
    if (i >= td_as_list(list)->size) continue; // a callback shortened it (_clear)
    TdValue entry = td_as_list(list)->items[i];
    if (td_is_none(entry)) continue;
    TdRef hold(td_newref(entry));
    TdTupleHead *e = td_as_tuple(entry);
    TdValue r = td_call_ex(ts, e->items[0], e->items[1], e->items[2]);
    if (r) {
      td_decref(r);
      continue;
    }
    TdValue exc = td_err_fetch(ts);
    td_write_unraisable(ts, exc, "Exception ignored in atexit callback", e->items[0]);
    td_decref(exc);
  }
  if (rt->atexitCallbacks == list) {
    rt->atexitCallbacks = 0;
    td_decref(list);
  }
}

TdValue td_atexit_module_init(TdThread *ts) {
  TdRef mod(td_module_new(ts, "atexit"));
  if (!mod) return 0;
  struct Fn {
    const char *name;
    TdVectorFn fn;
  };
  static const Fn kFunctions[] = {
      {"register", ae_register},         {"unregister", ae_unregister},
      {"_run_exitfuncs", ae_run_exitfuncs}, {"_clear", ae_clear},
      {"_ncallbacks", ae_ncallbacks},
  };
  for (const Fn &f : kFunctions)
    if (!td_module_add_function(ts, mod.get(), f.name, f.fn)) return 0;
  return mod.release();
}

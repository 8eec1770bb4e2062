// module.cpp — the asyncio module: run, sleep, create_task, gather, the
// loop object and the task helpers.  The machinery (loop, futures, tasks,
// fibers) is the runtime's (runtime/src/loop.h); this file is the surface
// Python code sees, with CPython 3.11's names, defaults and messages.
//
// asyncio.run follows asyncio.Runner: a new loop, the main coroutine as a
// task, run until it is done, then every task still unfinished is cancelled
// and awaited (their finally blocks run), then the loop is closed.
//
// gather returns a future (like CPython's _GatheringFuture): its children
// start at once, results come back in argument order whatever order the
// children finish in, and cancelling it cancels the children.
#include <cmath>
#include <cstdio>

#include "asyncio.h"
#include "class.h"

namespace {

using Args = const TdValue *;

// ---------------------------------------------------------------------------
// gather
// ---------------------------------------------------------------------------

struct TdGather {
  TdFuture fut;
  std::vector<TdValue, TdBigAllocator<TdValue>> children; // owned, in argument order (duplicates repeat)
  int64_t nfuts;                 // distinct children
  int64_t nfinished;
  bool returnExceptions;
};

void gather_dealloc(TdObject *o);

TdValue gather_repr(TdThread *ts, TdValue self) {
  return td_str_from(ts, "<_GatheringFuture " + td_future_state_repr(ts, self) + ">");
}

} // namespace

TdType td_type_GatheringFuture = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "_GatheringFuture",
    .base = &td_type_Future,
    .flags = 0,
    .dealloc = gather_dealloc,
    .repr = gather_repr,
};

namespace {

TdGather *GA(TdValue v) { return reinterpret_cast<TdGather *>(v); }

void gather_dealloc(TdObject *o) {
  TdGather *g = GA(td_val(o));
  if (g->fut.logTraceback && g->fut.exception) {
    o->refcnt = 1;
    td_future_report_unretrieved(td_thread_current(), td_val(o), "Future");
    o->refcnt = 0;
  }
  for (TdValue c : g->children) td_decref(c);
  g->children.~vector();
  td_future_clear(&g->fut);
  g->fut.callbacks.~TdCallbacks();
  td_free_object(o);
}

// A child finished (CPython's gather._done_callback).
void gather_child_done(TdThread *ts, TdValue child, TdValue outerV) {
  TdGather *g = GA(outerV);
  TdFuture *c = td_future(child);
  g->nfinished++;
  if (g->fut.state != TdFuture::Pending) {
    if (c->state != TdFuture::Cancelled) c->logTraceback = false; // exception retrieved
    return;
  }
  if (!g->returnExceptions) {
    if (c->state == TdFuture::Cancelled) {
      TdValue exc = td_future_cancelled_error(ts, child);
      if (exc) td_future_set_exception(ts, outerV, exc);
      td_decref(exc);
      td_err_clear(ts);
      return;
    }
    if (c->exception) {
      c->logTraceback = false;
      td_future_set_exception(ts, outerV, c->exception);
      return;
    }
  }
  if (g->nfinished != g->nfuts) return;
  TdRef results(td_list_new(ts, int64_t(g->children.size())));
  if (!results) {
    td_err_clear(ts);
    return;
  }
  for (TdValue ch : g->children) {
    TdFuture *f = td_future(ch);
    TdValue v;
    if (f->state == TdFuture::Cancelled) {
      TdValue msg = f->cancelMsg;
      TdRef empty(td_str_from(ts, ""));
      v = td_cancelled_error_new(ts, msg ? msg : empty.get());
    } else if (f->exception) {
      f->logTraceback = false;
      v = td_newref(f->exception);
    } else {
      v = td_newref(f->result);
    }
    if (!v || td_list_append_steal(ts, results.get(), v) < 0) {
      td_err_clear(ts);
      return;
    }
  }
  if (g->fut.cancelRequested) {
    TdValue exc = td_future_cancelled_error(ts, child);
    if (exc) td_future_set_exception(ts, outerV, exc);
    td_decref(exc);
    td_err_clear(ts);
  } else {
    td_future_set_result(ts, outerV, results.get());
  }
}

} // namespace

// Future.cancel for gather's outer future: cancels the children.
namespace {
bool gather_cancel(TdThread *ts, TdValue fut, TdValue msg) {
  TdGather *g = GA(fut);
  if (g->fut.state != TdFuture::Pending) return false;
  bool ret = false;
  for (TdValue c : g->children) // owned by g, which the caller keeps alive
    if (td_future_cancel(ts, c, msg)) ret = true;
  if (ret) g->fut.cancelRequested = true;
  return ret;
}
} // namespace

TdValue td_asyncio_ensure_future(TdThread *ts, TdValue v) {
  if (td_is_future(v)) return td_newref(v);
  if (td_is_coroutine(v)) {
    TdLoop *L = td_require_loop(ts);
    if (!L) return 0;
    return td_task_new(ts, L, v, 0);
  }
  td_err_set(ts, &td_type_TypeError, "An asyncio.Future, a coroutine or an awaitable is required");
  return 0;
}

TdValue td_asyncio_gather(TdThread *ts, const TdValue *futs, int64_t n, bool returnExceptions) {
  // The loop of the first future given, else the running one (CPython).
  TdLoop *L = nullptr;
  for (int64_t i = 0; i < n && !L; i++)
    if (td_is_future(futs[i])) L = td_future(futs[i])->loop;
  if (!L) L = td_require_loop(ts);
  if (!L) return 0;
  TdValue outer = td_future_new(ts, L, &td_type_GatheringFuture, sizeof(TdGather));
  if (!outer) return 0;
  TdGather *g = GA(outer);
  new (&g->children) std::vector<TdValue, TdBigAllocator<TdValue>>();
  g->nfuts = g->nfinished = 0;
  g->returnExceptions = returnExceptions;
  g->fut.cancel = gather_cancel;
  if (n == 0) {
    TdRef empty(td_list_new(ts, 0));
    if (!empty || !td_future_set_result(ts, outer, empty.get())) {
      td_decref(outer);
      return 0;
    }
    return outer;
  }
  // arg -> its future, by identity (an argument given twice is awaited
  // once): open addressing in one flat table, no allocation per child.
  size_t cap = 16;
  while (cap < size_t(n) * 2) cap <<= 1;
  std::vector<std::pair<TdValue, TdValue>, TdBigAllocator<std::pair<TdValue, TdValue>>> seen(
      cap, {0, 0});
  g->children.reserve(size_t(n));
  for (int64_t i = 0; i < n; i++) {
    size_t h = (uint64_t(futs[i]) * 0x9E3779B97F4A7C15ull) >> 32;
    size_t slot = h & (cap - 1);
    while (seen[slot].first && seen[slot].first != futs[i]) slot = (slot + 1) & (cap - 1);
    if (seen[slot].first) {
      g->children.push_back(td_newref(seen[slot].second));
      continue;
    }
    TdValue f = td_asyncio_ensure_future(ts, futs[i]);
    if (!f) {
      td_decref(outer);
      return 0;
    }
    g->children.push_back(f);
    seen[slot] = {futs[i], f};
    g->nfuts++;
    td_future_add_native_callback(ts, f, gather_child_done, outer);
  }
  return outer;
}

bool td_asyncio_add_type(TdThread *ts, TdValue d, TdType *t, const char *name) {
  if (!t->hash) t->hash = td_object_hash;
  if (!t->richcompare) t->richcompare = td_object_richcompare;
  td_type_ready(t);
  return td_dict_set_str(ts, d, name ? name : t->name, td_val(t)) >= 0;
}

bool td_asyncio_seconds(TdThread *ts, TdValue v, double *out) {
  if (td_is_float(v)) {
    *out = td_float_val(v);
    return true;
  }
  if (td_is_int(v)) {
    int64_t i;
    if (!td_int_to_i64(ts, v, &i)) return false;
    *out = double(i);
    return true;
  }
  td_err_format(ts, &td_type_TypeError, "'%s' object cannot be interpreted as a number of seconds",
                td_type_name(v));
  return false;
}

namespace {

// ---------------------------------------------------------------------------
// sleep
// ---------------------------------------------------------------------------

void sleep_timer_fired(TdThread *ts, TdValue result, TdValue fut) {
  // futures._set_result_unless_cancelled
  if (!td_future_done(fut)) td_future_set_result(ts, fut, result);
}

TdValue sleep_body(TdThread *ts, TdValue, const TdValue *args) {
  double delay;
  if (!td_asyncio_seconds(ts, args[0], &delay)) return 0;
  TdValue result = args[1];
  if (!(delay > 0)) {
    if (std::isnan(delay)) {
      td_err_set(ts, &td_type_ValueError, "Invalid value NaN (not a number)");
      return 0;
    }
    if (td_task_yield(ts) < 0) return 0;
    return td_newref(result);
  }
  TdLoop *L = td_require_loop(ts);
  if (!L) return 0;
  TdRef fut(td_future_new(ts, L));
  if (!fut) return 0;
  int64_t when = td_loop_now() + int64_t(std::min(delay, 1e9) * 1e9);
  TdHandleObj *h = td_handle_new(ts, L, true, when);
  if (!h) return 0;
  td_incref(td_val(h));
  td_loop_call_at(L, when,
                  TdReady{TdReady::Native, fut.get(), td_newref(result), sleep_timer_fired, h});
  td_incref(fut.get()); // the timer's reference (TdReady::a)
  TdValue r = td_future_wait(ts, fut.get());
  // Cancelled before the timer fired: drop the timer (its cancel keeps the
  // loop from waiting for it).
  if (h->timer && !h->cancelled) {
    h->cancelled = true;
    L->liveTimers--;
  }
  td_decref(td_val(h));
  return r;
}

TdValue a_sleep(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  TdValue a[2] = {0, 0};
  if (!td_parse_call(ts, "sleep", args, nargs, kw, {"delay", "result"}, 1, a)) return 0;
  TdValue pass[2] = {a[0], a[1] ? a[1] : td_none()};
  return td_native_coro_new(ts, "sleep", sleep_body, 0, pass, 2);
}

// ---------------------------------------------------------------------------
// run, create_task, gather, ...
// ---------------------------------------------------------------------------

// Cancels every unfinished task and runs the loop until they are done
// (asyncio.runners._cancel_all_tasks).
void cancel_all_tasks(TdThread *ts, TdLoop *L) {
  std::vector<TdValue> tasks;
  for (TdTask *t = L->live.nextLive; t != &L->live; t = t->nextLive)
    if (t->fut.state == TdFuture::Pending) tasks.push_back(td_newref(td_val(t)));
  if (tasks.empty()) return;
  for (TdValue t : tasks) td_task_cancel(ts, reinterpret_cast<TdTask *>(t), 0);
  TdValue g = td_asyncio_gather(ts, tasks.data(), int64_t(tasks.size()), true);
  if (g) {
    // During shutdown ts->loop is clear: run_until_complete sets it again.
    TdValue r = td_loop_run_until_complete(ts, L, g);
    if (!r) td_err_clear(ts);
    td_decref(r);
    td_decref(g);
  } else {
    td_err_clear(ts);
  }
  for (TdValue tv : tasks) {
    TdFuture *f = td_future(tv);
    if (f->state == TdFuture::Finished && f->exception) {
      f->logTraceback = false;
      std::string r;
      if (!td_repr_to(ts, tv, r)) td_err_clear(ts);
      std::string text = "unhandled exception during asyncio.run() shutdown\ntask: " + r + "\n" +
                         td_format_exception(ts, f->exception);
      td_stdout_flush(ts->rt);
      std::fputs(text.c_str(), stderr);
    }
    td_decref(tv);
  }
}

TdValue a_run(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  TdValue a[2] = {0, 0};
  if (!td_parse_call(ts, "run", args, nargs, kw, {"main", "$debug"}, 1, a)) return 0;
  if (ts->loop) {
    td_err_set(ts, &td_type_RuntimeError,
               "asyncio.run() cannot be called from a running event loop");
    return 0;
  }
  if (!td_require_coroutine(ts, a[0], &td_type_ValueError)) return 0;
  TdLoop *L = td_loop_new(ts);
  if (!L) return 0;
  TdRef loop(td_val(L));
  TdRef task(td_task_new(ts, L, a[0], 0));
  if (!task) return 0;
  TdValue r = td_loop_run_until_complete(ts, L, task.get());
  TdValue exc = r ? 0 : td_err_fetch(ts);
  cancel_all_tasks(ts, L);
  td_asyncio_shutdown_default_executor(ts, L);
  td_loop_close(ts, L);
  if (exc) {
    td_err_restore(ts, exc);
    td_decref(exc);
  }
  return r;
}

TdValue a_create_task(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  TdValue a[3] = {0, 0, 0};
  if (!td_parse_call(ts, "create_task", args, nargs, kw, {"coro", "$name", "$context"}, 1, a))
    return 0;
  TdLoop *L = td_require_loop(ts);
  if (!L) return 0;
  if (!td_require_coroutine(ts, a[0], &td_type_TypeError)) return 0;
  return td_task_new(ts, L, a[0], a[1], a[2]);
}

TdValue a_ensure_future(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  TdValue a[2] = {0, 0};
  if (!td_parse_call(ts, "ensure_future", args, nargs, kw, {"coro_or_future", "$loop"}, 1, a))
    return 0;
  return td_asyncio_ensure_future(ts, a[0]);
}

TdValue a_gather(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  int64_t nk = td_kwcount(kw);
  bool returnExceptions = false;
  for (int64_t i = 0; i < nk; i++) {
    std::string_view k = td_str_view(td_as_tuple(kw)->items[i]);
    if (k != "return_exceptions") {
      td_err_format(ts, &td_type_TypeError, "gather() got an unexpected keyword argument '%.*s'",
                    int(k.size()), k.data());
      return 0;
    }
    int t = td_truthy(ts, args[nargs - nk + i]);
    if (t < 0) return 0;
    returnExceptions = t;
  }
  return td_asyncio_gather(ts, args, nargs - nk, returnExceptions);
}

TdValue a_get_running_loop(TdThread *ts, TdValue, Args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "get_running_loop", kw) || !td_check_nargs(ts, "get_running_loop", nargs, 0, 0))
    return 0;
  TdLoop *L = td_require_loop(ts);
  return L ? td_newref(td_val(L)) : 0;
}

TdValue a_current_task(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  TdValue a[1] = {0};
  if (!td_parse_call(ts, "current_task", args, nargs, kw, {"loop"}, 0, a)) return 0;
  if (!ts->loop && !(a[0] && !td_is_none(a[0]))) {
    td_err_set(ts, &td_type_RuntimeError, "no running event loop");
    return 0;
  }
  TdTask *t = td_current_task(ts);
  return t ? td_newref(td_val(t)) : td_none();
}

TdValue a_all_tasks(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  TdValue a[1] = {0};
  if (!td_parse_call(ts, "all_tasks", args, nargs, kw, {"loop"}, 0, a)) return 0;
  TdLoop *L = (a[0] && !td_is_none(a[0])) ? reinterpret_cast<TdLoop *>(a[0]) : td_require_loop(ts);
  if (!L) return 0;
  TdRef s(td_set_new(ts, 0));
  if (!s) return 0;
  for (TdTask *t = L->live.nextLive; t != &L->live; t = t->nextLive)
    if (t->fut.state == TdFuture::Pending && td_set_add(ts, s.get(), td_val(t)) < 0) return 0;
  return s.release();
}

TdValue a_iscoroutine(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "iscoroutine", kw) || !td_check_nargs(ts, "iscoroutine", nargs, 1, 1)) return 0;
  return td_bool(td_is_coroutine(args[0]));
}

TdValue a_iscoroutinefunction(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "iscoroutinefunction", kw) ||
      !td_check_nargs(ts, "iscoroutinefunction", nargs, 1, 1))
    return 0;
  TdValue f = args[0];
  return td_bool(!td_is_small(f) && td_obj(f)->type == &td_type_function &&
                 (reinterpret_cast<TdFunction *>(f)->flags & TD_CO_ASYNC));
}

TdValue a_isfuture(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "isfuture", kw) || !td_check_nargs(ts, "isfuture", nargs, 1, 1)) return 0;
  return td_bool(td_is_future(args[0]));
}

TdValue a_new_event_loop(TdThread *ts, TdValue, Args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "new_event_loop", kw) || !td_check_nargs(ts, "new_event_loop", nargs, 0, 0))
    return 0;
  TdLoop *L = td_loop_new(ts);
  return L ? td_val(L) : 0;
}

// ---------------------------------------------------------------------------
// The loop object's methods
// ---------------------------------------------------------------------------

TdLoop *LP(TdValue v) { return reinterpret_cast<TdLoop *>(v); }

TdValue l_time(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "time", kw) || !td_check_nargs(ts, "time", nargs, 0, 0)) return 0;
  return td_float_from(ts, td_loop_time(LP(self)));
}

// call_soon / call_later / call_at / call_soon_threadsafe: callback, *args,
// context=None (after `skip` leading arguments), then the closed-loop check
// (every one of them raises once the loop is closed).  The handle goes to
// the ready queue, the timers (`timer`) or, from any thread, the loop's
// threadsafe queue.
enum class Where { Soon, Timer, Threadsafe };
TdValue schedule(TdThread *ts, TdLoop *L, const char *fname, Args args, int64_t nargs, TdValue kw,
                 int64_t skip, Where where, int64_t when = 0) {
  int64_t nk = td_kwcount(kw);
  TdValue context = 0;
  for (int64_t i = 0; i < nk; i++) {
    std::string_view k = td_str_view(td_as_tuple(kw)->items[i]);
    if (k != "context") {
      td_err_format(ts, &td_type_TypeError,
                    "BaseEventLoop.%s() got an unexpected keyword argument '%.*s'", fname,
                    int(k.size()), k.data());
      return 0;
    }
    context = args[nargs - nk + i];
  }
  int64_t npos = nargs - nk;
  if (npos <= skip) {
    td_err_format(ts, &td_type_TypeError,
                  "BaseEventLoop.%s() missing 1 required positional argument: 'callback'", fname);
    return 0;
  }
  if (L->closed) {
    td_err_set(ts, &td_type_RuntimeError, "Event loop is closed");
    return 0;
  }
  TdValue cb = args[skip];
  if (!td_is_callable(cb)) {
    td_err_format(ts, &td_type_TypeError, "a callable object was expected by %s(), got %s", fname,
                  td_type_name(cb));
    return 0;
  }
  TdValue cargs = 0;
  if (npos - skip - 1 > 0) {
    cargs = td_tuple_new(ts, npos - skip - 1);
    if (!cargs) return 0;
    for (int64_t i = skip + 1; i < npos; i++)
      td_as_tuple(cargs)->items[i - skip - 1] = td_newref(args[i]);
  }
  TdHandleObj *h = td_handle_new(ts, L, where == Where::Timer, when);
  if (!h) {
    td_decref(cargs);
    return 0;
  }
  // The callback runs in (a copy of) the calling thread's context.
  if (!td_handle_set_context(ts, h, context)) {
    td_decref(cargs);
    td_decref(td_val(h));
    return 0;
  }
  td_incref(td_val(h));
  TdReady r{TdReady::Call, td_newref(cb), cargs, nullptr, h};
  if (where == Where::Timer)
    td_loop_call_at(L, when, r);
  else if (where == Where::Threadsafe)
    td_loop_call_soon_threadsafe(L, r);
  else
    td_loop_push(L, r);
  return td_val(h);
}

TdValue l_call_soon(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  return schedule(ts, LP(self), "call_soon", args, nargs, kw, 0, Where::Soon);
}

TdValue l_call_soon_threadsafe(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  return schedule(ts, LP(self), "call_soon_threadsafe", args, nargs, kw, 0, Where::Threadsafe);
}

TdValue l_call_later(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  double d;
  if (nargs - td_kwcount(kw) < 1) {
    td_err_set(ts, &td_type_TypeError, "BaseEventLoop.call_later() missing 2 required positional arguments: 'delay' and 'callback'");
    return 0;
  }
  if (!td_asyncio_seconds(ts, args[0], &d)) return 0;
  int64_t when = td_loop_now() + int64_t(d * 1e9);
  return schedule(ts, LP(self), "call_later", args, nargs, kw, 1, Where::Timer, when);
}

TdValue l_call_at(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  double d;
  if (nargs - td_kwcount(kw) < 1) {
    td_err_set(ts, &td_type_TypeError, "BaseEventLoop.call_at() missing 2 required positional arguments: 'when' and 'callback'");
    return 0;
  }
  if (!td_asyncio_seconds(ts, args[0], &d)) return 0;
  return schedule(ts, LP(self), "call_at", args, nargs, kw, 1, Where::Timer, int64_t(d * 1e9));
}

TdValue l_create_future(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "create_future", kw) || !td_check_nargs(ts, "create_future", nargs, 0, 0))
    return 0;
  return td_future_new(ts, LP(self));
}

TdValue l_create_task(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  TdValue a[3] = {0, 0, 0};
  if (!td_parse_call(ts, "create_task", args, nargs, kw, {"coro", "$name", "$context"}, 1, a))
    return 0;
  if (!td_require_coroutine(ts, a[0], &td_type_TypeError)) return 0;
  return td_task_new(ts, LP(self), a[0], a[1], a[2]);
}

TdValue l_is_running(TdThread *, TdValue self, Args, int64_t, TdValue) {
  return td_bool(LP(self)->running);
}

TdValue l_is_closed(TdThread *, TdValue self, Args, int64_t, TdValue) {
  return td_bool(LP(self)->closed);
}

TdValue l_stop(TdThread *, TdValue self, Args, int64_t, TdValue) {
  LP(self)->stopping = true;
  return td_none();
}

TdValue l_close(TdThread *ts, TdValue self, Args, int64_t, TdValue) {
  if (LP(self)->running) {
    td_err_set(ts, &td_type_RuntimeError, "Cannot close a running event loop");
    return 0;
  }
  td_loop_close(ts, LP(self));
  return td_none();
}

TdValue l_run_until_complete(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "run_until_complete", kw) ||
      !td_check_nargs(ts, "run_until_complete", nargs, 1, 1))
    return 0;
  TdLoop *L = LP(self);
  if (L->closed) {
    td_err_set(ts, &td_type_RuntimeError, "Event loop is closed");
    return 0;
  }
  if (ts->loop) {
    td_err_set(ts, &td_type_RuntimeError, "Cannot run the event loop while another loop is running");
    return 0;
  }
  TdRef fut;
  if (td_is_future(args[0])) {
    fut = TdRef(td_newref(args[0]));
  } else if (td_is_coroutine(args[0])) {
    fut = TdRef(td_task_new(ts, L, args[0], 0));
  } else {
    td_err_set(ts, &td_type_TypeError, "An asyncio.Future, a coroutine or an awaitable is required");
    return 0;
  }
  if (!fut) return 0;
  return td_loop_run_until_complete(ts, L, fut.get());
}

// run_forever(): runs until stop(), on the calling thread (a loop made on
// one thread may run on another).
TdValue l_run_forever(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "run_forever", kw) || !td_check_nargs(ts, "run_forever", nargs, 0, 0))
    return 0;
  TdLoop *L = LP(self);
  if (L->closed) {
    td_err_set(ts, &td_type_RuntimeError, "Event loop is closed");
    return 0;
  }
  return td_loop_run_forever(ts, L);
}

const TdMethodDef kLoopMethods[] = {
    {"time", l_time},
    {"call_soon", l_call_soon},
    {"call_later", l_call_later},
    {"call_at", l_call_at},
    {"create_future", l_create_future},
    {"create_task", l_create_task},
    {"is_running", l_is_running},
    {"is_closed", l_is_closed},
    {"stop", l_stop},
    {"close", l_close},
    {"run_until_complete", l_run_until_complete},
    {"run_forever", l_run_forever},
    {"run_in_executor", td_loop_run_in_executor},
    {"call_soon_threadsafe", l_call_soon_threadsafe},
    {"set_default_executor", td_loop_set_default_executor},
    {"shutdown_default_executor", td_loop_shutdown_default_executor},
    {nullptr, nullptr},
};

// This thread's current loop (set_event_loop), 0 until one is set or made.
// A reference is held (a loop made here is immortal).
thread_local TdValue tlsEventLoop = 0;

// set_event_loop(loop): the loop get_event_loop() returns on this thread
// when none is running.
TdValue a_set_event_loop(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "set_event_loop", kw) || !td_check_nargs(ts, "set_event_loop", nargs, 1, 1))
    return 0;
  TdValue loop = args[0];
  if (!td_is_none(loop) && (td_is_small(loop) || td_obj(loop)->type != &td_type_loop)) {
    td_err_format(ts, &td_type_TypeError, "loop must be an instance of AbstractEventLoop or None, not '%s'",
                  td_type_name(loop));
    return 0;
  }
  TdValue old = tlsEventLoop;
  tlsEventLoop = td_is_none(loop) ? 0 : td_newref(loop);
  td_decref(old);
  return td_none();
}

// get_event_loop(): the running loop; outside one, this thread's current
// loop (set_event_loop, or made on first use), as CPython 3.11 does for the
// main thread.
TdValue a_get_event_loop(TdThread *ts, TdValue, Args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "get_event_loop", kw) || !td_check_nargs(ts, "get_event_loop", nargs, 0, 0))
    return 0;
  if (ts->loop) return td_newref(td_val(ts->loop));
  TdValue &defaultLoop = tlsEventLoop;
  if (!defaultLoop || LP(defaultLoop)->closed) {
    TdLoop *L = td_loop_new(ts);
    if (!L) return 0;
    td_runtime_immortal(ts->rt, td_val(L));
    td_decref(defaultLoop);
    defaultLoop = td_val(L);
  }
  return td_newref(defaultLoop);
}

struct Fn {
  const char *name;
  TdVectorFn fn;
};

const Fn kFunctions[] = {
    {"run", a_run},
    {"sleep", a_sleep},
    {"create_task", a_create_task},
    {"ensure_future", a_ensure_future},
    {"gather", a_gather},
    {"get_running_loop", a_get_running_loop},
    {"get_event_loop", a_get_event_loop},
    {"set_event_loop", a_set_event_loop},
    {"new_event_loop", a_new_event_loop},
    {"current_task", a_current_task},
    {"all_tasks", a_all_tasks},
    {"iscoroutine", a_iscoroutine},
    {"iscoroutinefunction", a_iscoroutinefunction},
    {"isfuture", a_isfuture},
};

} // namespace

TdValue td_asyncio_module_init(TdThread *ts) {
  TdRef mod(td_module_new(ts, "asyncio"));
  if (!mod) return 0;
  TdValue d = reinterpret_cast<TdModule *>(mod.get())->dict;
  for (const Fn &f : kFunctions)
    if (!td_module_add_function(ts, mod.get(), f.name, f.fn)) return 0;
  td_type_loop.methods = kLoopMethods;
  td_type_ready(&td_type_loop);
  td_type_ready(&td_type_Handle);
  td_type_ready(&td_type_coroutine);
  if (!td_asyncio_add_type(ts, d, &td_type_Future) || !td_asyncio_add_type(ts, d, &td_type_Task) ||
      !td_asyncio_add_type(ts, d, &td_type_GatheringFuture) ||
      !td_asyncio_add_type(ts, d, &td_type_CancelledError) ||
      !td_asyncio_add_type(ts, d, &td_type_InvalidStateError) ||
      !td_asyncio_add_type(ts, d, &td_type_TimeoutError) ||
      !td_asyncio_add_type(ts, d, &td_type_Handle) ||
      !td_asyncio_add_type(ts, d, &td_type_Handle, "TimerHandle") ||
      !td_asyncio_add_type(ts, d, &td_type_loop, "AbstractEventLoop"))
    return 0;
  if (!td_asyncio_init_sync(ts, d) || !td_asyncio_init_queues(ts, d) ||
      !td_asyncio_init_combinators(ts, d) || !td_asyncio_init_executor(ts, d))
    return 0;
  return mod.release();
}

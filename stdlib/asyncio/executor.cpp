// executor.cpp — asyncio and threads: loop.run_in_executor, asyncio.to_thread,
// asyncio.wrap_future (loop.call_soon_threadsafe is module.cpp's schedule),
// asyncio.run_coroutine_threadsafe, and the loop's default executor (a
// ThreadPoolExecutor(thread_name_prefix='asyncio') made on first use and
// shut down at the end of asyncio.run, like CPython's
// shutdown_default_executor).
//
// The bridge is CPython's futures._chain_future.  A concurrent future that
// a worker thread completes is copied into an asyncio future on the loop's
// thread: wrapping it calls td_loop_external_begin (the loop now waits for
// another thread instead of reporting a deadlock), and the concurrent
// future's done-callback, run by the worker with the GIL held, hands the
// copy to the loop with td_loop_external_end, which queues it and writes
// the loop's eventfd if the loop sleeps.  The awaiting task resumes on the
// loop's thread when the copy completes the asyncio future.  Cancelling
// the asyncio future cancels the concurrent one (which fails once the work
// runs, as in CPython: the thread finishes and its outcome is dropped).
#include <unordered_map>

#include "../concurrent_futures.h"
#include "asyncio.h"
#include "class.h"
#include "gil.h"

namespace {

using Args = const TdValue *;

// The default executor of each loop that used one (the loop and executor
// references are held until asyncio.run's end forgets the loop).
struct LoopExecutor {
  TdValue executor = 0;
  bool shutdownCalled = false;
};
std::unordered_map<TdLoop *, LoopExecutor> gDefault;

LoopExecutor &loop_entry(TdLoop *L) {
  auto it = gDefault.find(L);
  if (it == gDefault.end()) {
    td_incref(td_val(L));
    it = gDefault.emplace(L, LoopExecutor{}).first;
  }
  return it->second;
}

// The loop's default executor (borrowed), made on first use.
TdValue default_executor(TdThread *ts, TdLoop *L) {
  LoopExecutor &e = loop_entry(L);
  if (e.shutdownCalled) {
    td_err_set(ts, &td_type_RuntimeError, "Executor shutdown has been called");
    return 0;
  }
  if (!e.executor) {
    TdValue ex = td_cf_executor_new(ts, "asyncio", 0);
    if (!ex) return 0;
    loop_entry(L).executor = ex;
    return ex;
  }
  return e.executor;
}

bool check_open(TdThread *ts, TdLoop *L) {
  if (!L->closed) return true;
  td_err_set(ts, &td_type_RuntimeError, "Event loop is closed");
  return false;
}

// Calls cls(*exc.args) (new ref).
TdValue same_args(TdThread *ts, TdType *cls, TdValue exc) {
  TdValue args = reinterpret_cast<TdException *>(exc)->args;
  TdTupleHead *t = args ? td_as_tuple(args) : nullptr;
  return td_call(ts, td_val(cls), t ? t->items : nullptr, t ? t->size : 0, 0);
}

// futures._convert_future_exc: concurrent.futures' exceptions become
// asyncio's (new ref).
TdValue convert_exc(TdThread *ts, TdValue exc) {
  if (td_is_small(exc) || !td_isinstance(exc, &td_type_BaseException)) return td_newref(exc);
  TdValue cls = td_val(td_type_of(exc));
  if (cls == td_cf_CancelledError()) return same_args(ts, &td_type_CancelledError, exc);
  if (cls == td_val(&td_type_TimeoutError)) return same_args(ts, &td_type_TimeoutError, exc);
  if (cls == td_cf_InvalidStateError()) return same_args(ts, &td_type_InvalidStateError, exc);
  return td_newref(exc);
}

// ---------------------------------------------------------------------------
// A concurrent future into an asyncio future (wrap_future)
// ---------------------------------------------------------------------------

// On the loop's thread: futures._copy_future_state(cf, dest).
void copy_state(TdThread *ts, TdValue cf, TdValue dest) {
  if (td_future_done(dest)) return; // cancelled meanwhile
  switch (td_cf_state(cf)) {
  case TdCfState::Cancelled:
  case TdCfState::CancelledNotified:
    td_future_cancel(ts, dest, 0);
    break;
  case TdCfState::Finished:
    if (TdValue exc = td_cf_exception_value(cf)) {
      TdRef e(convert_exc(ts, exc));
      if (e) td_future_set_exception(ts, dest, e.get());
    } else {
      TdValue r = td_cf_result_value(cf);
      td_future_set_result(ts, dest, r ? r : td_none());
    }
    break;
  default:
    break;
  }
  td_err_clear(ts);
}

// The concurrent future is done (in the thread that completed it, GIL
// held): queue the copy on dest's loop and wake it.
void cf_done(TdThread *, TdValue cf, TdValue dest) {
  TdLoop *L = td_future(dest)->loop;
  if (L->closed) {
    L->externalWaiters--;
    return;
  }
  TdReady r{TdReady::Native, td_newref(dest), td_newref(cf), copy_state, nullptr};
  if (td_cf_defer_loop_wake(L)) {
    // A worker finishing its item: td_loop_external_end, the eventfd write
    // left until the worker has released the GIL.
    L->externalWaiters--;
    td_loop_push(L, r);
    return;
  }
  td_loop_external_end(L, r);
}

// dest is done (on the loop): a cancelled dest cancels the concurrent future.
void dest_done(TdThread *ts, TdValue dest, TdValue cf) {
  if (td_future(dest)->state == TdFuture::Cancelled) td_cf_cancel(ts, cf);
  td_err_clear(ts);
}

TdValue wrap(TdThread *ts, TdValue cf, TdLoop *L) {
  TdValue dest = td_future_new(ts, L);
  if (!dest) return 0;
  td_future_add_native_callback(ts, dest, dest_done, cf);
  td_loop_external_begin(L);
  td_cf_add_native_callback(ts, cf, cf_done, dest);
  return dest;
}

// ---------------------------------------------------------------------------
// to_thread, wrap_future, run_coroutine_threadsafe
// ---------------------------------------------------------------------------

// args: func, the call's values (a tuple, keywords last), kwnames or None.
TdValue to_thread_body(TdThread *ts, TdValue, const TdValue *args) {
  TdLoop *L = td_require_loop(ts);
  if (!L) return 0;
  TdValue ex = default_executor(ts, L);
  if (!ex) return 0;
  TdTupleHead *v = td_as_tuple(args[1]);
  // func runs in a copy of the caller's contextvars context (CPython's
  // copy_context().run; 0, an empty context, costs nothing).
  TdValue ctx;
  if (!td_context_capture(ts, &ctx)) return 0;
  TdRef context(ctx);
  TdRef cf(td_cf_submit_in_context(ts, ex, ctx, args[0], v->items, v->size,
                                   td_is_none(args[2]) ? 0 : args[2]));
  if (!cf) return 0;
  TdRef fut(wrap(ts, cf.get(), L));
  if (!fut) return 0;
  return td_future_wait(ts, fut.get());
}

TdValue a_to_thread(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (nargs - td_kwcount(kw) < 1) {
    td_err_set(ts, &td_type_TypeError, "to_thread() missing 1 required positional argument: 'func'");
    return 0;
  }
  TdRef values(td_tuple_new(ts, nargs - 1));
  if (!values) return 0;
  for (int64_t i = 1; i < nargs; i++) td_as_tuple(values.get())->items[i - 1] = td_newref(args[i]);
  TdValue pass[3] = {args[0], values.get(), td_kwcount(kw) ? kw : td_none()};
  return td_native_coro_new(ts, "to_thread", to_thread_body, 0, pass, 3);
}

TdValue a_wrap_future(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  TdValue a[2] = {0, 0};
  if (!td_parse_call(ts, "wrap_future", args, nargs, kw, {"future", "$loop"}, 1, a)) return 0;
  if (td_is_future(a[0])) return td_newref(a[0]);
  if (!td_cf_is_future(a[0])) {
    std::string r;
    if (!td_repr_to(ts, a[0], r)) return 0;
    td_err_format(ts, &td_type_AssertionError, "concurrent.futures.Future is expected, got %s",
                  r.c_str());
    return 0;
  }
  TdLoop *L;
  if (a[1] && !td_is_none(a[1])) {
    if (td_is_small(a[1]) || td_obj(a[1])->type != &td_type_loop) {
      td_err_format(ts, &td_type_AttributeError, "'%s' object has no attribute 'create_future'",
                    td_type_name(a[1]));
      return 0;
    }
    L = reinterpret_cast<TdLoop *>(a[1]);
  } else {
    L = td_require_loop(ts);
  }
  if (!L) return 0;
  return wrap(ts, a[0], L);
}

void cancel_task_cb(TdThread *ts, TdValue, TdValue task) {
  td_future_cancel(ts, task, 0);
  td_err_clear(ts);
}

// The concurrent future of run_coroutine_threadsafe is done (any thread): a
// cancel reaches the task through its loop.
void cf_cancel_to_task(TdThread *, TdValue cf, TdValue task) {
  TdCfState s = td_cf_state(cf);
  if (s != TdCfState::Cancelled && s != TdCfState::CancelledNotified) return;
  TdLoop *L = td_future(task)->loop;
  if (L->closed) return;
  td_loop_call_soon_threadsafe(L, TdReady{TdReady::Native, td_newref(task), 0, cancel_task_cb, nullptr});
}

// The task is done (on its loop): _set_concurrent_future_state(cf, task).
void task_done_to_cf(TdThread *ts, TdValue task, TdValue cf) {
  TdFuture *t = td_future(task);
  if (t->state == TdFuture::Cancelled) td_cf_cancel(ts, cf);
  if (td_cf_set_running_or_notify_cancel(ts, cf) != 1) {
    td_err_clear(ts);
    return;
  }
  if (t->exception) {
    t->logTraceback = false;
    TdRef e(convert_exc(ts, t->exception));
    if (e) td_cf_set_exception(ts, cf, e.get());
  } else {
    td_cf_set_result(ts, cf, t->result ? t->result : td_none());
  }
  td_err_clear(ts);
}

// On the loop's thread: ensure_future(coro) chained to the concurrent future.
// `what` is the coroutine, or (coroutine, context) when the submitting
// thread's context was not empty: the task copies that context, as
// CPython's callback, run in a copy of it, does.
void rcts_start(TdThread *ts, TdValue what, TdValue cf) {
  TdLoop *L = td_running_loop(ts);
  TdValue coro = what, ctx = 0;
  if (td_is_tuple(what)) {
    coro = td_as_tuple(what)->items[0];
    ctx = td_as_tuple(what)->items[1];
  }
  td_context_enter(ts, &ctx);
  TdRef task(L ? td_task_new(ts, L, coro, 0) : 0);
  td_context_leave(ts, &ctx);
  if (!task) {
    TdValue exc = td_err_fetch(ts);
    if (td_cf_set_running_or_notify_cancel(ts, cf) == 1) td_cf_set_exception(ts, cf, exc);
    td_decref(exc);
    td_err_clear(ts);
    return;
  }
  td_cf_add_native_callback(ts, cf, cf_cancel_to_task, task.get());
  td_future_add_native_callback(ts, task.get(), task_done_to_cf, cf);
}

TdValue a_run_coroutine_threadsafe(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  TdValue a[2] = {0, 0};
  int64_t np = nargs - td_kwcount(kw);
  if (np + td_kwcount(kw) < 2 && !td_kwcount(kw)) {
    td_err_set(ts, &td_type_TypeError,
               np == 0 ? "run_coroutine_threadsafe() missing 2 required positional arguments: 'coro' and 'loop'"
                       : "run_coroutine_threadsafe() missing 1 required positional argument: 'loop'");
    return 0;
  }
  if (!td_parse_call(ts, "run_coroutine_threadsafe", args, nargs, kw, {"coro", "loop"}, 2, a)) return 0;
  if (!td_is_coroutine(a[0])) {
    td_err_set(ts, &td_type_TypeError, "A coroutine object is required");
    return 0;
  }
  if (td_is_small(a[1]) || td_obj(a[1])->type != &td_type_loop) {
    td_err_format(ts, &td_type_AttributeError, "'%s' object has no attribute 'call_soon_threadsafe'",
                  td_type_name(a[1]));
    return 0;
  }
  TdLoop *L = reinterpret_cast<TdLoop *>(a[1]);
  if (!td_cf_import(ts)) return 0;
  TdRef cf(td_cf_future_new(ts));
  if (!cf) return 0;
  if (!check_open(ts, L)) return 0;
  TdValue ctx;
  if (!td_context_capture(ts, &ctx)) return 0;
  TdValue what = ctx ? td_tuple_pack(ts, {a[0], ctx}) : td_newref(a[0]);
  td_decref(ctx);
  if (!what) return 0;
  td_loop_call_soon_threadsafe(L, TdReady{TdReady::Native, td_newref(cf.get()), what, rcts_start, nullptr});
  return cf.release();
}

// ---------------------------------------------------------------------------
// Shutting the default executor down
// ---------------------------------------------------------------------------

void shutdown_done(TdThread *ts, TdValue exc, TdValue fut) {
  if (td_future_done(fut)) return;
  if (td_is_none(exc))
    td_future_set_result(ts, fut, td_none());
  else
    td_future_set_exception(ts, fut, exc);
  td_err_clear(ts);
}

// loop.shutdown_default_executor()'s first half: marks the loop and starts
// a thread that joins the executor's workers, then completes the returned
// future through the loop's eventfd.  0 when there is nothing to wait for
// (or with an exception set when the thread cannot start).
TdValue start_default_shutdown(TdThread *ts, TdLoop *L) {
  auto it = gDefault.find(L);
  if (it == gDefault.end()) return 0;
  it->second.shutdownCalled = true;
  TdValue ex = it->second.executor;
  if (!ex) return 0;
  TdValue fut = td_future_new(ts, L);
  if (!fut) return 0;
  td_loop_external_begin(L);
  td_incref(ex);
  td_incref(fut); // the thread's references
  bool ok = td_thread_spawn(
      ts,
      [ex, fut](TdThread *me) {
        TdValue outcome = td_none();
        if (!td_cf_shutdown(me, ex, true, false)) outcome = td_err_fetch(me);
        td_decref(ex);
        TdLoop *L = td_future(fut)->loop;
        if (L->closed) {
          L->externalWaiters--;
          td_decref(fut);
          if (!td_is_none(outcome)) td_decref(outcome);
          return;
        }
        td_loop_external_end(L, TdReady{TdReady::Native, fut, outcome, shutdown_done, nullptr});
      },
      true);
  if (!ok) {
    L->externalWaiters--;
    td_decref(ex);
    td_decref(fut);
    td_decref(fut);
    return 0;
  }
  return fut;
}

TdValue shutdown_body(TdThread *ts, TdValue self, const TdValue *) {
  TdLoop *L = reinterpret_cast<TdLoop *>(self);
  TdRef fut(start_default_shutdown(ts, L));
  if (!fut) {
    if (td_err_occurred(ts)) return 0;
    loop_entry(L).shutdownCalled = true;
    return td_none();
  }
  return td_future_wait(ts, fut.get());
}

} // namespace

// ---------------------------------------------------------------------------
// Loop methods (kLoopMethods in module.cpp)
// ---------------------------------------------------------------------------

TdValue td_loop_run_in_executor(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  if (td_kwcount(kw)) {
    std::string_view k = td_str_view(td_as_tuple(kw)->items[0]);
    td_err_format(ts, &td_type_TypeError,
                  "BaseEventLoop.run_in_executor() got an unexpected keyword argument '%.*s'",
                  int(k.size()), k.data());
    return 0;
  }
  if (nargs < 2) {
    td_err_set(ts, &td_type_TypeError,
               nargs == 0 ? "BaseEventLoop.run_in_executor() missing 2 required positional "
                            "arguments: 'executor' and 'func'"
                          : "BaseEventLoop.run_in_executor() missing 1 required positional "
                            "argument: 'func'");
    return 0;
  }
  TdLoop *L = reinterpret_cast<TdLoop *>(self);
  if (!check_open(ts, L)) return 0;
  TdValue ex = args[0];
  if (td_is_none(ex)) {
    ex = default_executor(ts, L);
    if (!ex) return 0;
  }
  TdRef cf(td_cf_submit(ts, ex, args[1], args + 2, nargs - 2, 0));
  if (!cf) return 0;
  return wrap(ts, cf.get(), L);
}

TdValue td_loop_set_default_executor(TdThread *ts, TdValue self, Args args, int64_t nargs,
                                     TdValue kw) {
  if (!td_no_kwargs(ts, "set_default_executor", kw) ||
      !td_check_nargs(ts, "set_default_executor", nargs, 1, 1))
    return 0;
  if (!td_cf_import(ts)) return 0;
  if (!td_cf_is_executor(args[0])) {
    td_err_set(ts, &td_type_TypeError, "executor must be ThreadPoolExecutor instance");
    return 0;
  }
  LoopExecutor &e = loop_entry(reinterpret_cast<TdLoop *>(self));
  td_decref(e.executor);
  e.executor = td_newref(args[0]);
  return td_none();
}

TdValue td_loop_shutdown_default_executor(TdThread *ts, TdValue self, Args, int64_t nargs,
                                          TdValue kw) {
  if (!td_no_kwargs(ts, "shutdown_default_executor", kw) ||
      !td_check_nargs(ts, "shutdown_default_executor", nargs, 0, 0))
    return 0;
  return td_native_coro_new(ts, "BaseEventLoop.shutdown_default_executor", shutdown_body, self,
                            nullptr, 0);
}

// asyncio.run's end (before the loop closes): shut the default executor
// down, waiting for its workers while the loop runs, then forget the loop.
void td_asyncio_shutdown_default_executor(TdThread *ts, TdLoop *L) {
  TdValue fut = start_default_shutdown(ts, L);
  if (fut) {
    TdValue r = td_loop_run_until_complete(ts, L, fut);
    td_decref(r);
    td_decref(fut);
  }
  td_err_clear(ts);
  auto it = gDefault.find(L);
  if (it == gDefault.end()) return;
  TdValue ex = it->second.executor;
  gDefault.erase(it);
  td_decref(ex);
  td_decref(td_val(L));
}

bool td_asyncio_init_executor(TdThread *ts, TdValue d) {
  struct Fn {
    const char *name;
    TdVectorFn fn;
  };
  static const Fn kFunctions[] = {
      {"to_thread", a_to_thread},
      {"wrap_future", a_wrap_future},
      {"run_coroutine_threadsafe", a_run_coroutine_threadsafe},
  };
  for (const Fn &f : kFunctions) {
    TdRef fn(td_builtin_function_new(ts, f.name, f.fn, 0));
    if (!fn || td_dict_set_str(ts, d, f.name, fn.get()) < 0) return false;
  }
  return true;
}

// concurrent_futures.h — the C++ side of `concurrent.futures` that the
// asyncio module builds on (stdlib/asyncio/executor.cpp: run_in_executor,
// to_thread, wrap_future, run_coroutine_threadsafe).
//
// A concurrent.futures.Future is completed by whatever thread runs the work;
// every function here is called with the GIL held, and none blocks except
// td_cf_shutdown(wait=true), which releases the GIL while it waits.
#pragma once

#include "containers.h"
#include "errors.h"
#include "runtime.h"

extern "C" TdType td_type_cf_Future;          // concurrent.futures.Future
extern "C" TdType td_type_ThreadPoolExecutor; // concurrent.futures.ThreadPoolExecutor

inline bool td_cf_is_future(TdValue v) {
  return v && !td_is_small(v) && td_is_subtype(td_obj(v)->type, &td_type_cf_Future);
}
inline bool td_cf_is_executor(TdValue v) {
  return v && !td_is_small(v) && td_is_subtype(td_obj(v)->type, &td_type_ThreadPoolExecutor);
}

// CPython's states (_base.py): a cancelled future becomes CancelledNotified
// when the executor (or set_running_or_notify_cancel) sees it.
enum class TdCfState : uint8_t { Pending, Running, Cancelled, CancelledNotified, Finished };
TdCfState td_cf_state(TdValue fut);
// A finished future's result / exception (borrowed; 0 when not set).
TdValue td_cf_result_value(TdValue fut);
TdValue td_cf_exception_value(TdValue fut);

// A pending Future().  New ref.
TdValue td_cf_future_new(TdThread *ts);
// Future.cancel / set_running_or_notify_cancel (1 running, 0 cancelled, -1
// error) / set_result / set_exception, with CPython's errors.
bool td_cf_cancel(TdThread *ts, TdValue fut);
int td_cf_set_running_or_notify_cancel(TdThread *ts, TdValue fut);
bool td_cf_set_result(TdThread *ts, TdValue fut, TdValue v);
bool td_cf_set_exception(TdThread *ts, TdValue fut, TdValue exc);
// add_done_callback for C++: fn(ts, fut, data) runs in the thread that
// completes the future, or at once when it is done already.  data is
// borrowed here (the registration keeps a reference).  fn must leave no
// exception pending.
using TdCfCallback = void (*)(TdThread *ts, TdValue fut, TdValue data);
void td_cf_add_native_callback(TdThread *ts, TdValue fut, TdCfCallback fn, TdValue data);

// ThreadPoolExecutor(max_workers, thread_name_prefix=prefix): maxWorkers
// <= 0 means CPython's default, min(32, cpu_count + 4).  New ref.
TdValue td_cf_executor_new(TdThread *ts, const char *prefix, int64_t maxWorkers);
// executor.submit(fn, *args, **kwargs): args as td_call takes them (the last
// len(kwnames) values are keywords).  Any object with a submit method works;
// the result must be a concurrent.futures.Future.  New ref.
TdValue td_cf_submit(TdThread *ts, TdValue executor, TdValue fn, const TdValue *args, int64_t nargs,
                     TdValue kwnames);
// The same, the call running in `context` (a contextvars Context, borrowed;
// 0: a new empty one) instead of the worker thread's context, as
// asyncio.to_thread's context.run(func, ...) does.  New ref.
TdValue td_cf_submit_in_context(TdThread *ts, TdValue executor, TdValue context, TdValue fn,
                                const TdValue *args, int64_t nargs, TdValue kwnames);
// executor.shutdown(wait, cancel_futures=...): wait releases the GIL.
bool td_cf_shutdown(TdThread *ts, TdValue executor, bool wait, bool cancelFutures);

// The module's exception classes (valid once the module is imported:
// td_cf_import makes sure).  Borrowed.
bool td_cf_import(TdThread *ts);
TdValue td_cf_CancelledError();
TdValue td_cf_InvalidStateError();

// A pool worker completing its work item's future: queue the loop's wake-up
// (the eventfd write) until the worker has released the GIL, so that the
// loop does not wake up only to wait for the GIL.  false when the calling
// thread is not in that position (then wake the loop at once).
struct TdLoop;
bool td_cf_defer_loop_wake(TdLoop *L);

// How many executor workers sleep with no work queued for them: threads
// that cannot wake an event loop by themselves (for the loop's deadlock
// check, which otherwise waits while other threads are alive).
int64_t td_cf_idle_workers();

// The calling thread's name when it is an executor worker
// ("ThreadPoolExecutor-0_1", "asyncio_0"), else nullptr: for
// threading.current_thread().
const char *td_cf_worker_name();

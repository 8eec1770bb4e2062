// asyncio.h — shared declarations of the asyncio module's C++ parts
// (stdlib/asyncio/*.cpp), on top of the runtime's loop.h.
//
//   module.cpp       run, sleep, create_task, gather, the loop object's
//                    methods, current_task, all_tasks, ...
//   sync.cpp         Lock, Event, Condition, Semaphore, BoundedSemaphore
//   queues.cpp       Queue, LifoQueue, PriorityQueue
//   combinators.cpp  wait, wait_for, as_completed, shield, timeout,
//                    timeout_at, TaskGroup
//   executor.cpp     to_thread, run_in_executor,
//                    run_coroutine_threadsafe, wrap_future (threads)
//
// Each part adds its names to the module's dict in its init function.
#pragma once

#include "containers.h"
#include "errors.h"
#include "loop.h"
#include "runtime.h"

// Add the part's names to the asyncio module dict `d`.  false on error.
bool td_asyncio_init_sync(TdThread *ts, TdValue d);
bool td_asyncio_init_queues(TdThread *ts, TdValue d);
bool td_asyncio_init_combinators(TdThread *ts, TdValue d);
bool td_asyncio_init_executor(TdThread *ts, TdValue d); // executor.cpp

// executor.cpp: the loop's thread-related methods (kLoopMethods) and the
// default executor's shutdown at the end of asyncio.run.
TdValue td_loop_run_in_executor(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs,
                                TdValue kw);
TdValue td_loop_set_default_executor(TdThread *ts, TdValue self, const TdValue *args,
                                     int64_t nargs, TdValue kw);
TdValue td_loop_shutdown_default_executor(TdThread *ts, TdValue self, const TdValue *args,
                                          int64_t nargs, TdValue kw);
void td_asyncio_shutdown_default_executor(TdThread *ts, TdLoop *L);

// ensure_future(v): a future as is, a coroutine wrapped in a task on the
// running loop.  New ref or 0 (TypeError for anything else).
TdValue td_asyncio_ensure_future(TdThread *ts, TdValue v);
// gather(*futs, return_exceptions=): the outer future (new ref).
TdValue td_asyncio_gather(TdThread *ts, const TdValue *futs, int64_t n, bool returnExceptions);
// Adds a builtin type `t` (readied) under its name.  Types without hash /
// richcompare slots get object's (identity), as a Python class would.
bool td_asyncio_add_type(TdThread *ts, TdValue d, TdType *t, const char *name = nullptr);
// Seconds (int or float, like asyncio.sleep's delay) to nanoseconds; false
// with TypeError for other types.
bool td_asyncio_seconds(TdThread *ts, TdValue v, double *out);

// ---------------------------------------------------------------------------
// Shared by sync.cpp and queues.cpp
// ---------------------------------------------------------------------------

// A deque of owned values (waiter futures, queue items) in a power-of-two
// ring buffer: pushing and popping at either end allocates nothing once it
// has grown.  Plain data: init() before use, release() frees it.
struct TdRing {
  TdValue *buf;
  size_t cap, head, n;
  void init() { buf = nullptr, cap = head = n = 0; }
  size_t size() const { return n; }
  bool empty() const { return n == 0; }
  TdValue &operator[](size_t i) const { return buf[(head + i) & (cap - 1)]; }
  bool push_back(TdValue v);  // steals v; false (v released) when out of memory
  TdValue pop_front();        // the ring's reference; n > 0
  TdValue pop_back();         // likewise
  bool remove(TdValue v);     // the first v by identity, released; false if absent
  void release();             // releases every value and the buffer
  void shrink();              // halves the buffer (pop_* call it when mostly empty)
};

// CPython's _LoopBoundMixin._get_loop: the running loop, bound to the
// primitive `self` on first use (*bound holds a reference).  nullptr with
// RuntimeError when no loop runs or self is bound to another one.
TdLoop *td_asyncio_bound_loop(TdThread *ts, TdValue self, TdLoop **bound);
// A new future on `loop`, appended to `waiters`, then awaited.  *fut gets a
// reference to it (for the caller's cleanup); the result as td_future_wait.
TdValue td_asyncio_wait_on(TdThread *ts, TdLoop *loop, TdRing &waiters, TdValue *fut);

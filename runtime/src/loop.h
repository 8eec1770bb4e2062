// loop.h — the event loop, futures, tasks and coroutines (private to
// runtime/; the asyncio module in stdlib/asyncio/ is built on this API).
//
// Glossary
//   coroutine  what calling an `async def` returns: the function and its
//              bound arguments, not yet running.  `await coro` runs the body
//              on the current fiber as a plain call.  A native coroutine is
//              the same for a C++ function (asyncio.sleep, Lock.acquire...).
//   Future     a result that arrives later: pending, then finished (a result
//              or an exception) or cancelled.  Completion schedules its
//              done-callbacks on the loop (call_soon), in registration order.
//   Task       a Future that runs a coroutine on its own fiber.  A task that
//              awaits a pending future registers a "wakeup" callback on it
//              and suspends; when the future completes, the wakeup reaches
//              the ready queue and resuming the fiber continues the await.
//   handle     one entry of the ready queue: resume a task, call a Python
//              callable, or call a C++ function.
//   loop       one per thread that runs asyncio.run: a FIFO ready queue, a
//              timer heap, the thread's shared fiber stack (fiber.h), and
//              (later) epoll for I/O and an eventfd for other threads.
//
// Ordering is CPython's, because scripts print in the order things run:
// run_once() first moves every expired timer to the ready queue (in
// deadline order, through the same heap algorithm as CPython's heapq, so
// even equal deadlines come out in CPython's order), then runs exactly
// the handles that were ready at that moment; whatever they schedule runs
// in the next iteration.  A new task's first step is such a handle, so a
// created task starts on the next iteration, in creation order.
//
// A switch between tasks makes no system call: the loop only sleeps (with
// clock_nanosleep today, epoll_wait once file descriptors are registered)
// when the ready queue is empty.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "errors.h"
#include "gil.h"
#include "fiber.h"
#include "object.h"
#include "thread.h"

struct TdLoop;
struct TdTask;

// ---------------------------------------------------------------------------
// Types and exceptions (created by td_asyncio_types_init).
// ---------------------------------------------------------------------------
extern "C" TdType td_type_coroutine;
extern "C" TdType td_type_Future;
extern "C" TdType td_type_Task;
extern "C" TdType td_type_loop;
extern "C" TdType td_type_Handle;

// ---------------------------------------------------------------------------
// Coroutines
// ---------------------------------------------------------------------------

// A C++ coroutine body: runs on the awaiting task's fiber, may suspend
// through td_future_wait / td_task_yield, returns a new reference or 0.
using TdNativeCoroFn = TdValue (*)(TdThread *ts, TdValue self, const TdValue *args);

struct TdCoroutine {
  TdObject ob;
  enum State : uint8_t { Created, Running, Done } state;
  bool native;
  int32_t nargs;
  TdFunction *fn;        // tide coroutine: the async function (owned)
  TdNativeCoroFn cfn;    // native coroutine
  const char *cname;     // native coroutine's qualname ("sleep")
  TdValue self;          // native: the receiver (owned) or 0
  TdValue args[];        // nargs owned values: the bound parameters
};

// A native coroutine: awaiting it calls fn(ts, self, args).  Borrows.
TdValue td_native_coro_new(TdThread *ts, const char *name, TdNativeCoroFn fn, TdValue self,
                           const TdValue *args, int32_t nargs);
// Runs a coroutine that has not started, to its end.  New ref or 0.
TdValue td_coro_run(TdThread *ts, TdValue coro);
inline bool td_is_coroutine(TdValue v) {
  return !td_is_small(v) && td_obj(v)->type == &td_type_coroutine;
}
// False with `errType`("a coroutine was expected, got <repr>") unless v is a
// coroutine (create_task, Task(), asyncio.run...).
bool td_require_coroutine(TdThread *ts, TdValue v, TdType *errType);
// "main" for `main()`: the function's qualname or the native name.
const char *td_coro_name(TdValue coro);

// ---------------------------------------------------------------------------
// Futures
// ---------------------------------------------------------------------------

using TdNativeCallback = void (*)(TdThread *ts, TdValue fut, TdValue data);

struct TdFutureCallback {
  enum Kind : uint8_t { Callable, Native, Wakeup } kind;
  TdValue obj;               // Callable: the callable; Native: data (may be 0);
                             // Wakeup: the task.  Owned.
  TdNativeCallback fn;       // Native only
};

// A future's callbacks: nearly every future has one (its awaiting task's
// wakeup, or gather's child callback), so the first lives inline and only
// a second one allocates (std::vector made a malloc and free per task).
class TdCallbacks {
public:
  TdCallbacks() = default;
  TdCallbacks(const TdCallbacks &) = delete;
  TdCallbacks &operator=(const TdCallbacks &) = delete;
  ~TdCallbacks() { std::free(heap_); }
  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }
  TdFutureCallback *begin() { return heap_ ? heap_ : &one_; }
  TdFutureCallback *end() { return begin() + size_; }
  TdFutureCallback &operator[](size_t i) { return begin()[i]; }
  void push_back(const TdFutureCallback &cb) {
    if (size_ == cap_) {
      uint32_t cap = cap_ * 4;
      auto *more = static_cast<TdFutureCallback *>(std::malloc(cap * sizeof(TdFutureCallback)));
      if (!more) std::abort(); // as std::vector's bad_alloc would end it
      std::memcpy(static_cast<void *>(more), begin(), size_ * sizeof(TdFutureCallback));
      std::free(heap_);
      heap_ = more;
      cap_ = cap;
    }
    begin()[size_++] = cb;
  }
  void resize(size_t n) { size_ = uint32_t(n); } // shrinking only
  void clear() { size_ = 0; }
  void swap(TdCallbacks &o) {
    std::swap(one_, o.one_);
    std::swap(heap_, o.heap_);
    std::swap(size_, o.size_);
    std::swap(cap_, o.cap_);
  }

private:
  TdFutureCallback one_{};
  TdFutureCallback *heap_ = nullptr;
  uint32_t size_ = 0, cap_ = 1;
};

struct TdFuture {
  TdObject ob;
  enum State : uint8_t { Pending, Cancelled, Finished } state;
  bool logTraceback;         // an exception nobody retrieved (reported at dealloc)
  bool cancelRequested;      // gather's outer future: cancel() was called
  TdLoop *loop;              // owned reference
  TdValue result;            // owned, 0 until finished
  TdValue exception;         // owned, 0 unless finished with an exception
  TdValue cancelMsg;         // owned or 0
  TdValue cancelledExc;      // the CancelledError a task ended with (owned) or 0
  TdCallbacks callbacks;
  // cancel() of a subtype that does more than Future.cancel (Task cancels
  // what it awaits, gather its children); null: Future.cancel.
  bool (*cancel)(TdThread *ts, TdValue fut, TdValue msg);
};

inline bool td_is_future(TdValue v) {
  return !td_is_small(v) && td_is_subtype(td_obj(v)->type, &td_type_Future);
}
inline TdFuture *td_future(TdValue v) { return reinterpret_cast<TdFuture *>(v); }

// A pending future on `loop` (type may be a subtype with a larger struct:
// size is its size).  New ref.
TdValue td_future_new(TdThread *ts, TdLoop *loop, TdType *type = &td_type_Future,
                      size_t size = sizeof(TdFuture));
// Completing a future schedules its callbacks.  InvalidStateError if done.
bool td_future_set_result(TdThread *ts, TdValue fut, TdValue v);
bool td_future_set_exception(TdThread *ts, TdValue fut, TdValue exc);
// Cancels a pending future (false if already done).  msg may be 0.
bool td_future_cancel(TdThread *ts, TdValue fut, TdValue msg);
// future.result(): the value (new ref), or 0 with the exception, the
// CancelledError, or InvalidStateError set.
TdValue td_future_result(TdThread *ts, TdValue fut);
// The CancelledError a cancelled future raises (new ref).
TdValue td_future_cancelled_error(TdThread *ts, TdValue fut);
bool td_future_add_callback(TdThread *ts, TdValue fut, TdFutureCallback cb);
void td_future_add_native_callback(TdThread *ts, TdValue fut, TdNativeCallback fn, TdValue data);
// Removes callbacks whose obj is `obj` (remove_done_callback); the count.
int64_t td_future_remove_callback(TdThread *ts, TdValue fut, TdValue obj);
inline bool td_future_done(TdValue fut) { return td_future(fut)->state != TdFuture::Pending; }

// `await fut` inside a task: suspends the current task until fut is done
// (registering a wakeup), then returns fut.result().  Cancelling the task
// meanwhile cancels fut (CPython's _fut_waiter).  New ref or 0.
TdValue td_future_wait(TdThread *ts, TdValue fut);

// ---------------------------------------------------------------------------
// Tasks
// ---------------------------------------------------------------------------

struct TdTask {
  TdFuture fut;              // a Task is a Future
  TdValue coro;              // owned
  TdValue name;              // str, owned (0: "Task-<id>" made on demand)
  int64_t id;
  TdValue futWaiter;         // the future it awaits (owned) or 0
  TdValue cancelMsg;         // message for the next CancelledError (owned) or 0
  TdValue throwExc;          // raised at the await when it resumes (owned) or 0
  int32_t numCancelsRequested;
  bool mustCancel;
  bool started;              // its fiber exists
  bool finished;             // its fiber has ended
  tide::fiber::Context ctx;  // saved context while suspended
  void *asanFake;            // ASan's fake-stack handle while suspended
  tide::fiber::FiberSlice slice;
  std::vector<TdValue> handled; // its except-blocks' exceptions while suspended
  TdTask *prevLive, *nextLive;  // the loop's list of unfinished tasks
  TdValue context;           // its contextvars Context (owned), 0: an empty one not made
                             // yet; current while a step runs (swapped like handled)
};

inline bool td_is_task(TdValue v) {
  return !td_is_small(v) && td_is_subtype(td_obj(v)->type, &td_type_Task);
}
// create_task(coro, name=, context=): schedules the first step.  context 0
// or None: a copy of the current context (CPython's copy_context()), else
// the Context the task runs in.  Steals nothing.
TdValue td_task_new(TdThread *ts, TdLoop *loop, TdValue coro, TdValue name, TdValue context = 0);
// task.cancel(msg): true if the request was made.
bool td_task_cancel(TdThread *ts, TdTask *t, TdValue msg);
// The running task of this thread, or nullptr outside any task.
TdTask *td_current_task(TdThread *ts);
// asyncio.sleep(0): lets every other ready handle run, then continues.  -1
// with CancelledError if the task was cancelled meanwhile.
int td_task_yield(TdThread *ts);
// The task's name as a str (new ref).
TdValue td_task_name(TdThread *ts, TdTask *t);
// Suspends the running task t until something resumes it.  Returns the
// exception to raise instead of continuing (new ref) or 0.
TdValue td_task_suspend(TdThread *ts, TdTask *t);
// Resumes a suspended task by raising exc at its await (deadlock).
void td_task_throw(TdThread *ts, TdTask *t, TdValue exc);
// Sets the task's outcome from its coroutine's result r (0: the pending
// exception) and schedules its callbacks.
void td_task_finish(TdThread *ts, TdTask *t, TdValue r);
// Future.cancel without a task's override.
bool td_future_cancel_base(TdThread *ts, TdValue fut, TdValue msg);
// "pending" / "finished result=1" / ... for reprs.
std::string td_future_state_repr(TdThread *ts, TdValue fut);
void td_future_report_unretrieved(TdThread *ts, TdValue fut, const char *kind);
void td_future_clear(TdFuture *f);

// ---------------------------------------------------------------------------
// The loop
// ---------------------------------------------------------------------------

struct TdHandleObj; // a Python-visible Handle / TimerHandle (cancellable)

struct TdReady {
  enum Kind : uint8_t { Resume, Call, Native } kind;
  TdValue a;                // Resume: task; Call: callable; Native: data.  Owned.
  TdValue b;                // Call: args tuple (or 0); Native: arg.  Owned.
  TdNativeCallback fn;      // Native
  TdHandleObj *handle;      // owned or null: skipped when cancelled
};

struct TdTimer {
  int64_t when;             // CLOCK_MONOTONIC nanoseconds (heapq orders by it alone)
  TdReady what;
};

struct TdLoop {
  TdObject ob;              // the Python-visible loop object
  TdThread *ts;
  // The ready queue: a ring buffer (power-of-two capacity).
  std::vector<TdReady, TdBigAllocator<TdReady>> ready;
  size_t readyHead = 0, readyCount = 0;
  std::vector<TdTimer> timers; // a binary min-heap on when (heapq's algorithm)
  int64_t liveTimers = 0;   // timers not cancelled (deadlock detection)
  bool running = false, stopping = false, closed = false;
  // Fibers.
  tide::fiber::FiberStack stack;
  TdTask *stackOwner = nullptr;     // whose frames are on the stack now
  tide::fiber::Context schedCtx = nullptr; // the loop's context while a task runs
  TdTask *current = nullptr;        // the running task
  void *asanFake = nullptr;         // ASan: the loop side's fake-stack handle
  const void *loopStackBottom = nullptr; // ASan: the stack the loop runs on
  size_t loopStackSize = 0;
  TdTask live;                      // list head of unfinished tasks
  int64_t taskCounter = 0;
  // Work other threads will hand back (run_in_executor, to_thread): while
  // any is outstanding the loop waits for it instead of reporting deadlock.
  int64_t externalWaiters = 0;
  int wakeFd = -1;                  // eventfd: other threads wake the idle loop
  std::atomic<bool> sleeping{false}; // the loop waits in idle_wait (GIL released)
  std::atomic<bool> polling{false};  // ... in poll(): a wake-up must write wakeFd
  std::atomic<bool> woken{false};    // td_loop_wake reached this idle_wait
};

TdLoop *td_loop_new(TdThread *ts); // new ref (a Python object)
// The loop running on this thread, or nullptr.
inline TdLoop *td_running_loop(TdThread *ts) { return ts->loop; }
// Raises RuntimeError('no running event loop') when none.
TdLoop *td_require_loop(TdThread *ts);
int64_t td_loop_now(); // CLOCK_MONOTONIC ns
double td_loop_time(TdLoop *loop);

// call_soon: the entry takes ownership of a/b/handle.
void td_loop_push(TdLoop *loop, TdReady r);
void td_loop_resume_soon(TdLoop *loop, TdTask *t); // schedules a step of t
void td_loop_call_soon_native(TdLoop *loop, TdNativeCallback fn, TdValue data, TdValue arg);
// From another thread (holding the GIL): queue r and wake the loop if it
// sleeps (call_soon_threadsafe).
void td_loop_call_soon_threadsafe(TdLoop *loop, TdReady r);
// After queueing work for the loop (GIL held or not): wakes it if it waits
// in its idle wait.  The eventfd is written only when the loop has stopped
// spinning and sleeps in poll().
void td_loop_wake(TdLoop *loop);
// Work handed to another thread that will come back to this loop: begin on
// the loop's thread when handing it over, end (from any thread, GIL held)
// with the entry that delivers the result.
void td_loop_external_begin(TdLoop *loop);
void td_loop_external_end(TdLoop *loop, TdReady r);
// call_at: deadline in loop-clock nanoseconds.
void td_loop_call_at(TdLoop *loop, int64_t when, TdReady r);
// Runs until `fut` is done (run_until_complete).  New ref of its result or 0.
// The loop runs on the calling thread (which becomes loop->ts).  While
// nothing in the loop can run, it waits if another thread could still wake
// it, else reports a deadlock (docs/differences.md).
TdValue td_loop_run_until_complete(TdThread *ts, TdLoop *loop, TdValue fut);
// Runs until stop() (run_forever).  None, or 0 with the error (a deadlock).
TdValue td_loop_run_forever(TdThread *ts, TdLoop *loop);
// One iteration: waits if nothing is ready (for the next timer, or for other
// threads while externalWaiters > 0), then runs what is ready.  For a host
// that drives the loop itself (the REPL, runtime/src/repl.cpp).
void td_loop_run_once(TdLoop *loop);
// Releases everything the loop holds (close()).
void td_loop_close(TdThread *ts, TdLoop *loop);

// A Python-visible handle for call_soon / call_later (cancel(), when()).
struct TdHandleObj {
  TdObject ob;
  bool cancelled;
  bool timer;
  bool hasContext;          // a Call entry runs in `context` (else in the loop's)
  int64_t when;
  TdLoop *loop;             // borrowed
  TdValue context;          // owned; 0 with hasContext: an empty context
};
TdHandleObj *td_handle_new(TdThread *ts, TdLoop *loop, bool timer, int64_t when);
// The context the handle's callback runs in: td_context_choose's.
bool td_handle_set_context(TdThread *ts, TdHandleObj *h, TdValue context);
// The context a task or a callback runs in (their context= argument):
// *out = `given` if it is a Context (new ref), else (0 or None) a copy of
// the current one (td_context_capture).  false with TypeError for anything
// else.
bool td_context_choose(TdThread *ts, TdValue given, TdValue *out);

// ---------------------------------------------------------------------------
// Contexts (contextvars; the module is stdlib/contextvars.cpp)
// ---------------------------------------------------------------------------
//
// A thread's current context is TdThread::context; a task's step, a loop
// callback and Context.run each make another one current for their
// duration and then switch back.  0 stands for an empty context not made
// yet, so code that never uses contextvars allocates nothing for them.

extern "C" TdType td_type_Context;

struct TdContext {
  TdObject ob;
  TdValue vars;     // dict ContextVar -> value (owned) or 0; shared by copies,
                    // copied before a write while shared (reference count > 1)
  int32_t entered;  // times it is current now (Context.run refuses it then)
};

inline bool td_is_context(TdValue v) {
  return v && !td_is_small(v) && td_obj(v)->type == &td_type_Context;
}
// What a new task or callback captures (CPython's copy_context()): *out = 0
// when the current context is empty (nothing to copy), else a new Context
// sharing its mapping (new ref).  false on error.
bool td_context_capture_slow(TdThread *ts, TdValue *out);
inline bool td_context_capture(TdThread *ts, TdValue *out) {
  if (!ts->context) { // the common case: no context made on this thread
    *out = 0;
    return true;
  }
  return td_context_capture_slow(ts, out);
}
// Context.run(fn, *args, **kwargs) on ctx (a Context).  New ref or 0.
TdValue td_context_run(TdThread *ts, TdValue ctx, TdValue fn, const TdValue *args, int64_t nargs,
                       TdValue kwnames);
// Makes *slot (a Context or 0) the current context and leaves the previous
// one in *slot; td_context_leave switches back.  Ownership moves with the
// values, so a context made while it was current ends up in *slot.
inline void td_context_enter(TdThread *ts, TdValue *slot) {
  TdValue c = *slot;
  *slot = ts->context;
  ts->context = c;
  if (c) reinterpret_cast<TdContext *>(c)->entered++;
}
inline void td_context_leave(TdThread *ts, TdValue *slot) {
  TdValue c = ts->context;
  if (c) reinterpret_cast<TdContext *>(c)->entered--;
  ts->context = *slot;
  *slot = c;
}

// Called once by td_runtime_init: readies the types above.
void td_asyncio_types_init(TdThread *ts);
// Creates a CancelledError(msg) (msg may be 0): new ref.
TdValue td_cancelled_error_new(TdThread *ts, TdValue msg);
// Raises CancelledError(msg), or a cancelled future's CancelledError.
void td_raise_cancelled(TdThread *ts, TdValue msg);
void td_future_raise_cancelled(TdThread *ts, TdValue fut);

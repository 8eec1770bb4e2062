// loop.cpp — the event loop: the ready queue, the timer heap, running tasks
// on the shared fiber stack, run_until_complete (design in loop.h).
//
// Running a task.  step() makes the shared stack hold the task's frames
// (copying the previous owner's slice out and the task's slice in, unless
// it is already there), points the thread's recursion guard at the shared
// stack, swaps in the task's stack of handled exceptions and its
// contextvars context, and jumps.  The
// task runs until it suspends (td_task_suspend jumps back to schedCtx) or
// ends (task_entry jumps back for good).  Nothing on the loop's side keeps
// a pointer into the shared stack across a jump.  A call_soon callback runs
// in the context its handle captured.
//
// Deadlock.  When the ready queue is empty, no timer is pending and nothing
// outside can wake the loop, CPython would wait forever.  tide raises a
// RuntimeError naming the waiting tasks in the task run_until_complete
// waits for (docs/differences.md: deadlock).  Another live thread (not an
// idle executor worker) may still wake the loop: while one exists the loop
// waits in its idle wait, looking again every kThreadPollMs.
#include <poll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <string>

#include "containers.h"
#include "errors.h"
#include "loop.h"
#include "runtime.h"
#include "signals.h"

using tide::fiber::Transfer;

namespace {

// The shared stack: deep recursion inside a task gets all of it.  Reserved,
// not committed: only touched pages cost memory.
constexpr size_t kFiberStackSize = size_t(64) << 20;
// Room kept below the recursion guard's floor for runtime C++ code.
constexpr uintptr_t kFiberStackMargin = 256 << 10;

void *const kFinished = reinterpret_cast<void *>(uintptr_t(1));

void release_ready(TdReady &r) {
  td_decref(r.a);
  td_decref(r.b);
  if (r.handle) td_decref(td_val(r.handle));
  r = TdReady{};
}

// The timer heap is CPython's heapq, step for step, ordered by deadline
// alone: heapq is not stable, so three or more timers with exactly the same
// deadline fire in heapq's order, not in scheduling order, and scripts that
// schedule such timers print what CPython prints.
bool timer_less(const TdTimer &x, const TdTimer &y) { return x.when < y.when; }

// heapq._siftdown: moves the item at pos up towards startpos.
void sift_down(std::vector<TdTimer> &h, size_t startpos, size_t pos) {
  TdTimer item = h[pos];
  while (pos > startpos) {
    size_t parent = (pos - 1) >> 1;
    if (!timer_less(item, h[parent])) break;
    h[pos] = h[parent];
    pos = parent;
  }
  h[pos] = item;
}

// heapq._siftup: moves the smaller child up until a leaf, then sifts down.
void sift_up(std::vector<TdTimer> &h, size_t pos) {
  size_t end = h.size(), start = pos;
  TdTimer item = h[pos];
  size_t child = 2 * pos + 1;
  while (child < end) {
    size_t right = child + 1;
    if (right < end && !timer_less(h[child], h[right])) child = right;
    h[pos] = h[child];
    pos = child;
    child = 2 * pos + 1;
  }
  h[pos] = item;
  sift_down(h, start, pos);
}

void heap_push(std::vector<TdTimer> &h, TdTimer t) {
  h.push_back(t);
  sift_down(h, 0, h.size() - 1);
}

TdTimer heap_pop(std::vector<TdTimer> &h) {
  TdTimer last = h.back();
  h.pop_back();
  if (h.empty()) return last;
  TdTimer top = h.front();
  h.front() = last;
  sift_up(h, 0);
  return top;
}

bool ready_pop(TdLoop *L, TdReady *out) {
  if (L->readyCount == 0) return false;
  *out = L->ready[L->readyHead];
  L->ready[L->readyHead] = TdReady{};
  L->readyHead = (L->readyHead + 1) & (L->ready.size() - 1);
  L->readyCount--;
  return true;
}

void task_entry(Transfer tr);

// Runs one step of task t: until it suspends or ends.
void step(TdLoop *L, TdTask *t) {
  TdThread *ts = L->ts;
  if (t->finished || t->fut.state != TdFuture::Pending) return;
  char *top = L->stack.top();
  if (L->stackOwner != t) {
    if (TdTask *o = L->stackOwner) {
      if (!o->slice.save(static_cast<const char *>(o->ctx), top)) {
        std::fprintf(stderr, "tide: out of memory saving a task's stack\n");
        std::abort();
      }
      tide::fiber::forget_frames(static_cast<const char *>(o->ctx), top);
    }
    if (t->started) t->slice.restore(top);
    L->stackOwner = t;
  }
  if (!t->started) {
    t->ctx = tide::fiber::make(top, L->stack.size(), task_entry);
    t->started = true;
  }
  uintptr_t savedBase = ts->stackBase, savedFloor = ts->stackFloor;
  ts->stackBase = uintptr_t(top);
  ts->stackFloor = uintptr_t(L->stack.bottom()) + kFiberStackMargin;
  td_update_stack_limit(ts);
  ts->handled.swap(t->handled);
  td_context_enter(ts, &t->context); // the step runs in the task's context
  L->current = t;
  tide::fiber::before_switch(&L->asanFake, L->stack.bottom(), L->stack.size());
  Transfer r = tide::fiber::jump(t->ctx, t);
  tide::fiber::after_switch(L->asanFake, nullptr, nullptr);
  L->current = nullptr;
  td_context_leave(ts, &t->context);
  ts->handled.swap(t->handled);
  ts->stackBase = savedBase;
  ts->stackFloor = savedFloor;
  td_update_stack_limit(ts);
  if (r.data == kFinished) {
    tide::fiber::forget_frames(static_cast<const char *>(r.from), top);
    L->stackOwner = nullptr;
    t->ctx = nullptr;
    t->slice.clear();
  } else {
    t->ctx = r.from;
  }
}

void run_ready(TdLoop *L, TdReady &r) {
  TdThread *ts = L->ts;
  if (r.handle && r.handle->cancelled) return;
  switch (r.kind) {
  case TdReady::Resume:
    step(L, reinterpret_cast<TdTask *>(r.a));
    break;
  case TdReady::Call: {
    // call_soon's callbacks run in the context captured when they were
    // scheduled (always switched, even from empty to empty: a context the
    // callback makes by setting a variable must stay with the handle).
    TdHandleObj *h = r.handle;
    bool switchContext = h && h->hasContext;
    if (switchContext) td_context_enter(ts, &h->context);
    TdValue res;
    if (!r.b) {
      res = td_call0(ts, r.a);
    } else {
      TdTupleHead *t = td_as_tuple(r.b);
      res = td_call(ts, r.a, t->items, t->size, 0);
    }
    if (switchContext) td_context_leave(ts, &h->context);
    if (!res) {
      // CPython's default exception handler: report and carry on.
      TdValue exc = td_err_fetch(ts);
      std::string cb;
      if (!td_repr_to(ts, r.a, cb)) {
        td_err_clear(ts);
        cb = "<callback>";
      }
      td_stdout_flush(ts->rt);
      std::string text = "Exception in callback " + cb + "\nhandle: <Handle " + cb + ">\n" +
                         td_format_exception(ts, exc);
      td_decref(exc);
      std::fputs(text.c_str(), stderr);
      std::fflush(stderr);
    }
    td_decref(res);
    break;
  }
  case TdReady::Native:
    r.fn(ts, r.b, r.a);
    break;
  }
}

// Waits (GIL released) until the deadline, or until another thread hands
// the loop work (td_loop_wake writes the eventfd, and only while the loop
// sleeps in poll() here: a busy loop costs other threads nothing).
//
// When work handed to another thread is outstanding (to_thread,
// run_in_executor), its result usually comes back within microseconds: the
// loop first spins that long (the GIL's spin budget, gil.h) on `woken`,
// which td_loop_wake sets, and only then sleeps in poll() (a pool worker and
// the loop then hand a round trip over with no system call at all).
// `polling` and `woken` are a Dekker pair: the loop sets polling then reads
// woken, a waker sets woken then reads polling, so one of them sees the
// other and no wake-up is lost.
void spin_for_wake(TdLoop *L, int timeoutMs) {
  int64_t budget = L->ts->rt->gil.spinNs.load(std::memory_order_relaxed);
  if (timeoutMs >= 0) budget = std::min(budget, int64_t(timeoutMs) * 1000000);
  L->ts->rt->gil.spinner.spin(budget, [L] {
    return L->woken.load(std::memory_order_relaxed) ? TdSpinner::Done : TdSpinner::Wait;
  });
}

void idle_wait(TdLoop *L, int timeoutMs) {
  bool expecting = L->externalWaiters > 0;
  L->woken.store(false);
  L->sleeping.store(true);
  {
    TdGilRelease unlocked(L->ts); // other threads run while the loop waits
    struct pollfd p = {L->wakeFd, POLLIN, 0};
    int64_t deadline = timeoutMs < 0 ? 0 : td_loop_now() + int64_t(timeoutMs) * 1000000;
    if (expecting) spin_for_wake(L, timeoutMs);
    L->polling.store(true);
    for (;;) {
      if (L->woken.load()) break; // woken while spinning: no sleep
      int left = timeoutMs;
      if (timeoutMs >= 0) {
        int64_t ns = deadline - td_loop_now();
        if (ns <= 0) break;
        left = int((ns + 999999) / 1000000);
      }
      int r = poll(&p, 1, left);
      if (r > 0) {
        uint64_t n;
        ssize_t got = read(L->wakeFd, &n, sizeof n);
        (void)got;
        break;
      }
      if (r == 0) break;
      // A SIGINT ends the wait: the caller acts on it (signals.h).
      if (errno != EINTR || td_signal_pending()) break;
    }
    L->polling.store(false);
  }
  L->sleeping.store(false);
}

// One iteration: expired timers to the ready queue, then the handles that
// were ready at that moment.
void run_once(TdLoop *L) {
  while (!L->timers.empty()) {
    TdTimer &head = L->timers.front();
    if (!head.what.handle || !head.what.handle->cancelled) break;
    TdTimer t = heap_pop(L->timers);
    release_ready(t.what);
  }
  if (L->readyCount == 0 && !L->stopping && (!L->timers.empty() || L->externalWaiters > 0)) {
    // CPython waits in epoll_wait, whose timeout is whole milliseconds
    // rounded up, then runs every timer due by the time it wakes: timers a
    // few microseconds apart fire in the same iteration.  Wait the same.
    int timeoutMs = -1; // nothing but other threads can wake us
    if (!L->timers.empty()) {
      int64_t now = td_loop_now();
      int64_t when = L->timers.front().when;
      timeoutMs = when > now ? int((when - now + 999999) / 1000000) : 0;
    }
    if (timeoutMs != 0) idle_wait(L, timeoutMs);
  }
  if (!L->timers.empty()) {
    int64_t now = td_loop_now();
    while (!L->timers.empty() && L->timers.front().when <= now) {
      TdTimer t = heap_pop(L->timers);
      if (t.what.handle && t.what.handle->cancelled) {
        release_ready(t.what);
        continue;
      }
      L->liveTimers--;
      if (t.what.handle) t.what.handle->timer = false; // no longer in the heap
      td_loop_push(L, t.what);
    }
  }
  size_t n = L->readyCount;
  for (size_t i = 0; i < n; i++) {
    TdReady r;
    if (!ready_pop(L, &r)) break;
    run_ready(L, r);
    release_ready(r);
  }
}

// A description of the unfinished tasks for the deadlock message.
std::string waiting_tasks(TdThread *ts, TdLoop *L) {
  std::string s;
  int n = 0;
  for (TdTask *t = L->live.nextLive; t != &L->live; t = t->nextLive) {
    if (n++ == 8) {
      s += ", ...";
      break;
    }
    TdValue name = td_task_name(ts, t);
    if (!s.empty()) s += ", ";
    s += name ? std::string(td_str_view(name)) : "?";
    td_decref(name);
    s += " (";
    s += td_coro_name(t->coro);
    s += "())";
  }
  return s;
}

void stop_cb(TdThread *, TdValue, TdValue data) {
  reinterpret_cast<TdLoop *>(data)->stopping = true;
}

// Loops and thread states.  Generated code passes its TdThread through
// every frame, so a task's suspended frames keep the state of the thread
// that ran the loop when the task started: L->ts.  The loop holds a lease
// on it (TdThread::loopLeases): when that OS thread ends while the loop
// still has suspended tasks, the state outlives it as an orphan
// (td_thread_state_end), freed when the last lease goes.  A loop moves to
// another thread freely while none of its tasks is suspended; with
// suspended tasks, another thread runs it by taking the orphaned state
// over for the run (start_running).
void lease(TdLoop *L, TdThread *ts) {
  L->ts = ts;
  if (ts) ts->loopLeases++;
}

void unlease(TdLoop *L) {
  TdThread *old = L->ts;
  L->ts = nullptr;
  if (old && --old->loopLeases == 0 && old->orphan) delete old;
}

void loop_dealloc(TdObject *o) {
  TdLoop *L = reinterpret_cast<TdLoop *>(o);
  td_loop_close(td_thread_current(), L);
  unlease(L);
  if (L->wakeFd >= 0) close(L->wakeFd);
  L->~TdLoop();
  td_free_object(o);
}

} // namespace

// The task's fiber begins here and never returns: it ends by jumping back
// to the loop with kFinished.
namespace {
void task_entry(Transfer tr) {
  TdTask *t = static_cast<TdTask *>(tr.data);
  TdLoop *L = t->fut.loop;
  tide::fiber::after_switch(nullptr, &L->loopStackBottom, &L->loopStackSize);
  L->schedCtx = tr.from;
  TdThread *ts = L->ts;
  TdValue r;
  if (t->mustCancel) {
    // Cancelled before its first step: the body never runs.
    t->mustCancel = false;
    reinterpret_cast<TdCoroutine *>(t->coro)->state = TdCoroutine::Done;
    td_raise_cancelled(ts, t->cancelMsg);
    r = 0;
  } else {
    r = td_coro_run(ts, t->coro);
  }
  td_task_finish(ts, t, r);
  t->finished = true;
  tide::fiber::before_switch(nullptr, L->loopStackBottom, L->loopStackSize);
  tide::fiber::jump(L->schedCtx, kFinished);
  __builtin_unreachable();
}
} // namespace

int64_t td_loop_now() {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return int64_t(t.tv_sec) * 1000000000 + t.tv_nsec;
}

double td_loop_time(TdLoop *) { return double(td_loop_now()) / 1e9; }

TdType td_type_loop = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "_UnixSelectorEventLoop",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = loop_dealloc,
};

TdLoop *td_loop_new(TdThread *ts) {
  TdObject *o = td_alloc_object(&td_type_loop, sizeof(TdLoop));
  if (!o) {
    td_err_nomem(ts);
    return nullptr;
  }
  TdType *type = o->type;
  int64_t rc = o->refcnt;
  TdLoop *L = new (o) TdLoop();
  L->ob.type = type;
  L->ob.refcnt = rc;
  lease(L, ts);
  L->ready.resize(64);
  L->live.prevLive = L->live.nextLive = &L->live;
  L->wakeFd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (L->wakeFd < 0 || !L->stack.reserve(kFiberStackSize)) {
    td_decref(td_val(L));
    td_err_nomem(ts);
    return nullptr;
  }
  return L;
}

TdLoop *td_require_loop(TdThread *ts) {
  if (!ts->loop) td_err_set(ts, &td_type_RuntimeError, "no running event loop");
  return ts->loop;
}

void td_loop_push(TdLoop *L, TdReady r) {
  if (L->readyCount == L->ready.size()) {
    // Grow the ring: unroll it into a buffer twice as large.
    std::vector<TdReady, TdBigAllocator<TdReady>> bigger(L->ready.size() * 2);
    for (size_t i = 0; i < L->readyCount; i++)
      bigger[i] = L->ready[(L->readyHead + i) & (L->ready.size() - 1)];
    L->ready.swap(bigger);
    L->readyHead = 0;
  }
  L->ready[(L->readyHead + L->readyCount) & (L->ready.size() - 1)] = r;
  L->readyCount++;
}

void td_loop_call_soon_threadsafe(TdLoop *L, TdReady r) {
  td_loop_push(L, r); // the caller holds the GIL, as the loop's thread does
  td_loop_wake(L);
}

void td_loop_wake(TdLoop *L) {
  if (!L->sleeping.load()) return; // busy: it sees the ready queue next
  L->woken.store(true);
  if (L->polling.load()) {
    uint64_t one = 1;
    ssize_t put = write(L->wakeFd, &one, sizeof one);
    (void)put;
  }
}

void td_loop_external_begin(TdLoop *L) { L->externalWaiters++; }

void td_loop_external_end(TdLoop *L, TdReady r) {
  L->externalWaiters--;
  td_loop_call_soon_threadsafe(L, r);
}

void td_loop_resume_soon(TdLoop *L, TdTask *t) {
  td_incref(td_val(t));
  td_loop_push(L, TdReady{TdReady::Resume, td_val(t), 0, nullptr, nullptr});
}

void td_loop_call_soon_native(TdLoop *L, TdNativeCallback fn, TdValue data, TdValue arg) {
  td_loop_push(L, TdReady{TdReady::Native, td_newref(data), td_newref(arg), fn, nullptr});
}

void td_loop_call_at(TdLoop *L, int64_t when, TdReady r) {
  L->liveTimers++;
  heap_push(L->timers, TdTimer{when, r});
}

namespace {

// How often a loop with nothing to do re-checks whether another thread
// could still wake it (see may_be_woken).
constexpr int kThreadPollMs = 50;

// Nothing in the loop itself can run again: no ready handle, no live
// timer, no work handed to another thread.
bool loop_stuck(TdLoop *L) {
  return L->readyCount == 0 && L->liveTimers == 0 && L->externalWaiters == 0;
}

// True while some other thread is alive that could still hand this loop
// work (call_soon_threadsafe, run_coroutine_threadsafe, setting a future
// through the loop): every thread state but this one, less the executor
// workers asleep with no work queued (they run only what they are given).
// While it holds, a stuck loop waits instead of reporting a deadlock, as
// CPython would (forever, if no thread ever does).
bool may_be_woken(TdThread *ts) {
  TdRuntime *rt = ts->rt;
  int64_t others;
  {
    std::lock_guard<std::mutex> lk(rt->threadsMu);
    others = rt->threadCount - 1;
  }
  return others - td_cf_idle_workers() > 0;
}

std::string deadlock_message(TdThread *ts, TdLoop *L) {
  std::string waiting = waiting_tasks(ts, L);
  return "deadlock: every task is waiting and nothing can wake them up (no ready callback, no "
         "timer, no I/O, no other thread)" +
         (waiting.empty() ? std::string() : "; waiting: " + waiting);
}

bool has_suspended_tasks(TdLoop *L) {
  for (TdTask *t = L->live.nextLive; t != &L->live; t = t->nextLive)
    if (t->started && !t->finished) return true;
  return false;
}

// The calling OS thread (state `caller`, GIL held) runs with the orphaned
// state r instead, for one run of the loop: r takes the caller's stack
// bounds, its contextvars context and the GIL.  (A SIGINT meanwhile waits
// for the run's end: it is delivered to the main thread's own state.)
void adopt(TdThread *caller, TdThread *r) {
  r->stackBase = caller->stackBase;
  r->stackFloor = caller->stackFloor;
  r->head.recursion_limit = caller->head.recursion_limit;
  td_update_stack_limit(r);
  std::swap(r->context, caller->context);
  td_gil_release(caller);
  td_gil_acquire(r);
  td_thread_set_current(r);
}

// Back to the caller's own state, with the run's pending exception.
void unadopt(TdThread *caller, TdThread *r) {
  TdValue exc = r->curexc;
  r->curexc = 0;
  std::swap(r->context, caller->context);
  td_gil_release(r);
  td_gil_acquire(caller);
  td_thread_set_current(caller);
  if (exc) {
    td_decref(caller->curexc);
    caller->curexc = exc;
  }
}

// Makes L the running loop of the calling thread: returns the state the
// run uses (the caller's, or the orphaned one L's suspended tasks hold),
// or nullptr with RuntimeError when L cannot run: running already, another
// loop runs on this thread, or its suspended tasks belong to a thread that
// is still alive.
TdThread *start_running(TdThread *caller, TdLoop *L) {
  if (L->running) {
    td_err_set(caller, &td_type_RuntimeError, "This event loop is already running");
    return nullptr;
  }
  if (caller->loop) {
    td_err_set(caller, &td_type_RuntimeError,
               "Cannot run the event loop while another loop is running");
    return nullptr;
  }
  TdThread *ts = L->ts;
  if (ts != caller) {
    if (!ts || !has_suspended_tasks(L)) {
      // A loop made on one thread may run on another (run_forever in a
      // thread): its handles and tasks run on the thread that runs it.
      unlease(L);
      lease(L, caller);
      ts = caller;
    } else if (!ts->orphan) {
      td_err_set(caller, &td_type_RuntimeError,
                 "Cannot run the event loop in this thread: it has tasks suspended in another "
                 "thread that is still alive");
      return nullptr;
    } else {
      adopt(caller, ts);
    }
  }
  ts->loop = L;
  L->running = true;
  return ts;
}

// Ends a run that start_running began; returns r (0: the exception set on
// ts, which moves to the caller).
TdValue finish_running(TdThread *caller, TdThread *ts, TdLoop *L, TdValue r) {
  L->running = false;
  L->stopping = false;
  ts->loop = nullptr;
  if (ts != caller) unadopt(caller, ts);
  return r;
}

} // namespace

namespace {

// The task run_until_complete waits for, when it has started and not
// ended: the deadlock error and a KeyboardInterrupt are raised at the await
// it is stuck in, so its finally blocks and handlers run.
TdTask *stuck_task(TdValue fut) {
  TdTask *t = fut && td_is_task(fut) ? reinterpret_cast<TdTask *>(fut) : nullptr;
  return t && t->started && !t->finished ? t : nullptr;
}

// Moves the exception set on ts into task t, at its current await.
void throw_pending_into(TdThread *ts, TdTask *t) {
  TdValue exc = td_err_fetch(ts);
  td_task_throw(ts, t, exc);
  td_decref(exc);
}

// A SIGINT reached the loop itself (its idle wait, or between handles):
// KeyboardInterrupt goes to the await the task `fut` is stuck in; true when
// it must instead leave the loop (no such task), with KeyboardInterrupt set.
bool take_interrupt(TdThread *ts, TdValue fut) {
  if (!td_is_signal_thread(ts) || !td_signal_take()) return false;
  td_raise(ts, td_val(&td_type_KeyboardInterrupt), 0);
  TdTask *t = stuck_task(fut);
  if (t && t->futWaiter) {
    throw_pending_into(ts, t);
    return false;
  }
  return true;
}

// One run of the loop: until stop() when fut is 0 (run_forever), else until
// fut is done (run_until_complete).  A loop with nothing left to run waits
// while another thread may still wake it, else reports the deadlock.
TdValue run(TdThread *caller, TdLoop *L, TdValue fut) {
  TdThread *ts = start_running(caller, L);
  if (!ts) return 0;
  if (fut) {
    // CPython's run_forever keeps a stop() made before it starts (it then
    // ends after one iteration); run_until_complete does not.
    L->stopping = false;
    td_future_add_native_callback(ts, fut, stop_cb, td_val(L));
  }
  TdValue result = td_none();
  for (;;) {
    run_once(L);
    if (L->stopping) break;
    if (td_signal_pending() && take_interrupt(ts, fut)) {
      result = 0;
      break;
    }
    if (!loop_stuck(L) || (fut && td_future_done(fut))) continue;
    if (may_be_woken(ts)) {
      // Another thread may still hand us work: wait for it, looking again
      // now and then (the loop wakes at once if it does).
      idle_wait(L, kThreadPollMs);
      continue;
    }
    // Deadlock: nothing can ever run again.
    td_err_set(ts, &td_type_RuntimeError, deadlock_message(ts, L));
    if (TdTask *t = stuck_task(fut)) {
      throw_pending_into(ts, t);
      continue;
    }
    result = 0;
    break;
  }
  if (fut) {
    td_future_remove_callback(ts, fut, td_val(L));
    if (result && !td_future_done(fut)) {
      td_err_set(ts, &td_type_RuntimeError, "Event loop stopped before Future completed.");
      result = 0;
    }
    if (result) result = td_future_result(ts, fut);
  }
  return finish_running(caller, ts, L, result);
}

} // namespace

void td_loop_run_once(TdLoop *L) { run_once(L); }

TdValue td_loop_run_forever(TdThread *caller, TdLoop *L) { return run(caller, L, 0); }

TdValue td_loop_run_until_complete(TdThread *caller, TdLoop *L, TdValue fut) {
  return run(caller, L, fut);
}

void td_thread_state_end(TdThread *ts) {
  td_decref(ts->context); // its contextvars context, released with the GIL held
  ts->context = 0;
  if (ts->loopLeases == 0) {
    td_gil_release(ts);
    td_thread_state_delete(ts);
    return;
  }
  // A loop's suspended tasks hold this state: it becomes an orphan that
  // the loop frees (unlease), or that another thread adopts to run it.
  TdRuntime *rt = ts->rt;
  td_err_clear(ts);
  for (TdValue v : ts->handled) td_decref(v);
  ts->handled.clear();
  ts->orphan = true;
  td_thread_set_current(nullptr);
  td_gil_release(ts); // the last use of ts on this thread
  std::lock_guard<std::mutex> lk(rt->threadsMu);
  rt->threadCount--;
}

void td_loop_close(TdThread *, TdLoop *L) {
  if (L->closed) return;
  L->closed = true;
  TdReady r;
  while (ready_pop(L, &r)) release_ready(r);
  for (auto &t : L->timers) {
    if (t.what.handle) t.what.handle->timer = false;
    release_ready(t.what);
  }
  L->timers.clear();
  L->liveTimers = 0;
}

// ---------------------------------------------------------------------------
// Handles
// ---------------------------------------------------------------------------

namespace {

TdValue handle_cancel(TdThread *, TdValue self, const TdValue *, int64_t, TdValue) {
  auto *h = reinterpret_cast<TdHandleObj *>(self);
  if (!h->cancelled) {
    h->cancelled = true;
    if (h->timer && h->loop) h->loop->liveTimers--;
  }
  return td_none();
}

TdValue handle_cancelled(TdThread *, TdValue self, const TdValue *, int64_t, TdValue) {
  return td_bool(reinterpret_cast<TdHandleObj *>(self)->cancelled);
}

TdValue handle_when(TdThread *ts, TdValue self, const TdValue *, int64_t, TdValue) {
  return td_float_from(ts, double(reinterpret_cast<TdHandleObj *>(self)->when) / 1e9);
}

const TdMethodDef kHandleMethods[] = {
    {"cancel", handle_cancel},
    {"cancelled", handle_cancelled},
    {"when", handle_when},
    {nullptr, nullptr},
};

void handle_dealloc(TdObject *o) {
  td_decref(reinterpret_cast<TdHandleObj *>(o)->context);
  td_free_object(o);
}

} // namespace

TdType td_type_Handle = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "Handle",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = handle_dealloc,
    .methods = kHandleMethods,
};

TdHandleObj *td_handle_new(TdThread *ts, TdLoop *loop, bool timer, int64_t when) {
  TdObject *o = td_alloc_object(&td_type_Handle, sizeof(TdHandleObj));
  if (!o) {
    td_err_nomem(ts);
    return nullptr;
  }
  auto *h = reinterpret_cast<TdHandleObj *>(o);
  h->cancelled = false;
  h->timer = timer;
  h->hasContext = false;
  h->when = when;
  h->loop = loop;
  h->context = 0;
  return h;
}

bool td_context_choose(TdThread *ts, TdValue given, TdValue *out) {
  *out = 0;
  if (!given || td_is_none(given)) return td_context_capture(ts, out);
  if (!td_is_context(given)) {
    td_err_format(ts, &td_type_TypeError, "context must be a Context, not %s", td_type_name(given));
    return false;
  }
  *out = td_newref(given);
  return true;
}

bool td_handle_set_context(TdThread *ts, TdHandleObj *h, TdValue context) {
  TdValue c = 0;
  if (!td_context_choose(ts, context, &c)) return false;
  td_decref(h->context);
  h->context = c;
  h->hasContext = true;
  return true;
}

// concurrent_futures.cpp — the `concurrent.futures` module (and its parent
// package `concurrent`): Future, Executor, ThreadPoolExecutor, wait,
// as_completed, with CPython 3.11's semantics, defaults and messages.
//
// Threads and the GIL.  Everything that touches a tide object runs with
// the GIL held.  A thread that must wait (Future.result, wait, as_completed,
// shutdown(wait=True), an idle worker) releases the GIL and sleeps on a
// std::condition_variable whose mutex guards only C++ state (an idle
// worker: on a futex, after a short spin; see Pool):
//
//   * a Waiter is CPython's _Waiter plus the threading.Event it blocks on:
//     futures keep a list of waiters and, when they complete, append
//     themselves to the waiter's `finished` list (GIL) and set its event
//     (the waiter's own mutex), so a wake-up is never lost between the
//     waiting thread's check and its sleep.
//   * a Pool is what an executor's workers share: the work queue (a deque
//     of items under Pool::mu; nullptr is CPython's `None` wake-up), the
//     count of live workers that shutdown(wait=True) waits for, and the
//     flags the workers read.  Workers hold the pool by shared_ptr, so an
//     executor that is dropped lets its workers drain the queue and end,
//     as CPython's weakref callback does.
//
// Workers are started lazily like CPython's _adjust_thread_count: one per
// submit while there is no idle worker (the idle count is CPython's
// semaphore: +1 after each finished item, -1 when a submit uses it) and
// fewer than max_workers exist.  They are named "<prefix>_<i>", the prefix
// being thread_name_prefix or "ThreadPoolExecutor-<n>".
//
// Interpreter exit.  CPython joins every executor's workers at exit after
// queueing a wake-up behind the pending work, so the process lives until
// all submitted work has run.  Here workers are daemon OS threads, and each
// queued work item counts as a non-daemon thread in the runtime's exit
// accounting (TdRuntime::nonDaemonThreads) from submit until a worker has
// finished it: td_run_main waits for it, and idle workers never keep the
// process alive.
//
// Starting a worker waits (GIL released) until the new thread runs, as
// Thread.start() does, so the worker usually picks up the item just queued
// before submit returns (a queued future is then already running, as in
// CPython).
//
// Differences from CPython: Future, Executor and ThreadPoolExecutor are
// builtin types (no subclassing; reprs without the module path); the
// generators map() and as_completed() return are iterator objects of their
// own (named "generator"); a worker's traceback lines have no frames of
// concurrent/futures/*.py; ProcessPoolExecutor is absent.
#include "concurrent_futures.h"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cinttypes>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_set>
#include <vector>

#include "class.h"
#include "gil.h"
#include "loop.h"
#include "thread.h"

namespace {

using Args = const TdValue *;
using Clock = std::chrono::steady_clock;

// ---------------------------------------------------------------------------
// Module-wide state
// ---------------------------------------------------------------------------

// Exception classes made at module init (references kept for the process).
TdValue gCancelledError = 0, gInvalidStateError = 0, gBrokenThreadPool = 0;
int64_t gExecutorCounter = 0; // ThreadPoolExecutor._counter

struct Pool;
thread_local const std::string *tlsWorkerName = nullptr;
thread_local Pool *tlsPool = nullptr;
// Pool workers asleep with no work queued for them (td_cf_idle_workers).
std::atomic<int64_t> gIdleWorkers{0};

// Loop wake-ups a worker owes (td_cf_defer_loop_wake): the loops (a
// reference each) whose eventfd it writes once it has released the GIL.
thread_local bool tlsCompleting = false; // run_item is completing the item's future
thread_local std::vector<TdLoop *> tlsWakes;

// Writes the eventfds (GIL held or not: touches no reference count).
void write_wakes() {
  for (TdLoop *L : tlsWakes) td_loop_wake(L);
}

// Drops the loop references (GIL held).
void drop_wakes() {
  for (TdLoop *L : tlsWakes) td_decref(td_val(L));
  tlsWakes.clear();
}

void flush_wakes() {
  if (tlsWakes.empty()) return;
  write_wakes();
  drop_wakes();
}

double monotonic() {
  return std::chrono::duration<double>(Clock::now().time_since_epoch()).count();
}

// Raises cls() or cls(msg).
void raise_new(TdThread *ts, TdValue cls, const std::string *msg) {
  TdValue e;
  if (msg) {
    TdRef m(td_str_from(ts, *msg));
    if (!m) return;
    TdValue a = m.get();
    e = td_call(ts, cls, &a, 1, 0);
  } else {
    e = td_call(ts, cls, nullptr, 0, 0);
  }
  if (!e) return;
  td_err_set_value(ts, e);
  td_decref(e);
}

// Raises an exception object as `raise exc` would (a class is instantiated).
void raise_value(TdThread *ts, TdValue exc) {
  if (!td_is_small(exc) && td_is_subtype(td_type_of(exc), &td_type_type)) {
    TdValue e = td_call(ts, exc, nullptr, 0, 0);
    if (!e) return;
    td_err_set_value(ts, e);
    td_decref(e);
    return;
  }
  td_err_set_value(ts, exc);
}

// What logging's last-resort handler prints for LOGGER.exception/critical
// with exc_info: the message, then the traceback.
void log_error(TdThread *ts, const std::string &msg, TdValue exc) {
  std::string text = msg + "\n";
  if (exc && !td_is_none(exc)) text += td_format_exception(ts, exc);
  td_stdout_flush(ts->rt);
  std::fputs(text.c_str(), stderr);
  std::fflush(stderr);
}

// A queued work item keeps the process alive at exit (see the top).
void exit_hold(TdRuntime *rt) {
  std::lock_guard<std::mutex> lk(rt->threadsMu);
  rt->nonDaemonThreads++;
}

void exit_release(TdRuntime *rt) {
  std::lock_guard<std::mutex> lk(rt->threadsMu);
  rt->nonDaemonThreads--;
  rt->threadsCv.notify_all();
}

// Binds a Python-level call of `qual` (like "ThreadPoolExecutor.shutdown")
// to `names` (a leading '$' marks keyword-only), the first `required`
// required, with a Python function's messages (self counted when `method`).
bool bind(TdThread *ts, const char *qual, Args args, int64_t nargs, TdValue kw,
          std::initializer_list<const char *> names, int required, TdValue *out,
          bool method = true) {
  std::vector<const char *> nm(names);
  int n = int(nm.size()), nposMax = 0;
  for (const char *s : nm)
    if (s[0] != '$') nposMax++;
  for (int i = 0; i < n; i++) out[i] = 0;
  int64_t nk = td_kwcount(kw), np = nargs - nk, self = method ? 1 : 0;
  if (np > nposMax) {
    int64_t lo = required + self, hi = nposMax + self, given = np + self;
    if (lo == hi)
      td_err_format(ts, &td_type_TypeError, "%s() takes %" PRId64 " positional argument%s but %" PRId64 " %s given",
                    qual, hi, hi == 1 ? "" : "s", given, given == 1 ? "was" : "were");
    else
      td_err_format(ts, &td_type_TypeError,
                    "%s() takes from %" PRId64 " to %" PRId64 " positional arguments but %" PRId64 " were given",
                    qual, lo, hi, given);
    return false;
  }
  for (int64_t i = 0; i < np; i++) out[i] = args[i];
  for (int64_t k = 0; k < nk; k++) {
    std::string_view key = td_str_view(td_as_tuple(kw)->items[k]);
    int j = -1;
    for (int i = 0; i < n && j < 0; i++) {
      const char *s = nm[i][0] == '$' ? nm[i] + 1 : nm[i];
      if (key == s) j = i;
    }
    if (j < 0) {
      td_err_format(ts, &td_type_TypeError, "%s() got an unexpected keyword argument '%.*s'", qual,
                    int(key.size()), key.data());
      return false;
    }
    if (out[j]) {
      td_err_format(ts, &td_type_TypeError, "%s() got multiple values for argument '%.*s'", qual,
                    int(key.size()), key.data());
      return false;
    }
    out[j] = args[np + k];
  }
  std::vector<std::string> missing;
  for (int i = 0; i < required; i++)
    if (!out[i]) missing.push_back(std::string("'") + nm[i] + "'");
  if (!missing.empty()) {
    std::string list;
    for (size_t i = 0; i < missing.size(); i++) {
      if (i) list += missing.size() == 2 ? " and " : i + 1 == missing.size() ? ", and " : ", ";
      list += missing[i];
    }
    td_err_format(ts, &td_type_TypeError, "%s() missing %zu required positional argument%s: %s", qual,
                  missing.size(), missing.size() == 1 ? "" : "s", list.c_str());
    return false;
  }
  return true;
}

// Attribute lookup for a builtin type with a getattr slot of its own: its
// (and its bases') methods, __class__, else AttributeError.
TdValue method_getattr(TdThread *ts, TdValue self, TdValue name) {
  std::string_view n = td_str_view(name);
  TdType *t = td_obj(self)->type;
  if (const TdMethodDef *m = td_find_method(t, n)) return td_builtin_method_new(ts, self, m);
  if (n == "__class__") return td_newref(td_val(t));
  td_err_format(ts, &td_type_AttributeError, "'%s' object has no attribute '%.*s'", t->name,
                int(n.size()), n.data());
  return 0;
}

// A timeout argument: None (or absent) waits forever; otherwise seconds.
bool parse_timeout(TdThread *ts, TdValue v, bool *forever, double *secs) {
  *forever = !v || td_is_none(v);
  *secs = 0;
  if (*forever) return true;
  if (td_is_int(v) || td_is_float(v)) return td_number_to_double(ts, v, secs);
  td_err_format(ts, &td_type_TypeError, "'>' not supported between instances of '%s' and 'int'",
                td_type_name(v));
  return false;
}

// ---------------------------------------------------------------------------
// Waiters (CPython's _Waiter family with its Event)
// ---------------------------------------------------------------------------

struct Waiter {
  enum Kind : uint8_t { AsCompleted, FirstCompleted, AllCompleted, Cond } kind;
  bool stopOnException = false;
  int64_t pendingCalls = 0;          // AllCompleted (GIL)
  std::vector<TdValue> finished;     // owned (GIL)
  std::mutex mu;                     // guards `event` only
  std::condition_variable cv;
  bool event = false;

  explicit Waiter(Kind k) : kind(k) {}
  ~Waiter() { // dropped with the GIL held (see wait_event)
    for (TdValue f : finished) td_decref(f);
  }
  void set() {
    std::lock_guard<std::mutex> lk(mu);
    event = true;
    cv.notify_all();
  }
  void clear() {
    std::lock_guard<std::mutex> lk(mu);
    event = false;
  }
  void decrement() {
    if (--pendingCalls == 0) set();
  }
  void add_result(TdValue f) {
    finished.push_back(td_newref(f));
    if (kind == AllCompleted)
      decrement();
    else
      set();
  }
  void add_exception(TdValue f) {
    finished.push_back(td_newref(f));
    if (kind == AllCompleted && !stopOnException)
      decrement();
    else
      set();
  }
  void add_cancelled(TdValue f) {
    finished.push_back(td_newref(f));
    if (kind == AllCompleted)
      decrement();
    else
      set();
  }
};
using WaiterP = std::shared_ptr<Waiter>;

// Event.wait(timeout): true when the event is set.  Releases the GIL while
// it sleeps; a timeout <= 0 does not sleep.
bool wait_event(TdThread *ts, Waiter &w, bool forever, double secs) {
  {
    std::lock_guard<std::mutex> lk(w.mu);
    if (w.event) return true;
  }
  if (!forever && !(secs > 0)) return false;
  TdGilRelease unlocked(ts);
  std::unique_lock<std::mutex> lk(w.mu);
  if (forever) {
    w.cv.wait(lk, [&] { return w.event; });
    return true;
  }
  auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                     std::chrono::duration<double>(std::min(secs, 1e9)));
  w.cv.wait_until(lk, deadline, [&] { return w.event; });
  return w.event;
}

} // namespace

// ---------------------------------------------------------------------------
// Future
// ---------------------------------------------------------------------------

namespace {

struct CfCallback {
  TdValue fn;          // a callable (owned) or 0
  TdCfCallback native; // or a C++ function
  TdValue data;        // its data (owned) or 0
};

struct CfFuture {
  TdObject ob;
  TdCfState state;
  TdValue result;    // owned or 0
  TdValue exception; // owned or 0
  std::vector<WaiterP> waiters;     // wait() / as_completed()
  std::vector<WaiterP> condWaiters; // result() / exception() (the Condition)
  std::vector<CfCallback> callbacks;
};

CfFuture *CF(TdValue v) { return reinterpret_cast<CfFuture *>(v); }

const char *state_name(TdCfState s) {
  switch (s) {
  case TdCfState::Pending: return "PENDING";
  case TdCfState::Running: return "RUNNING";
  case TdCfState::Cancelled: return "CANCELLED";
  case TdCfState::CancelledNotified: return "CANCELLED_AND_NOTIFIED";
  case TdCfState::Finished: return "FINISHED";
  }
  return "?";
}

const char *state_descr(TdCfState s) {
  switch (s) {
  case TdCfState::Pending: return "pending";
  case TdCfState::Running: return "running";
  case TdCfState::Cancelled:
  case TdCfState::CancelledNotified: return "cancelled";
  case TdCfState::Finished: return "finished";
  }
  return "?";
}

bool is_cancelled(TdCfState s) {
  return s == TdCfState::Cancelled || s == TdCfState::CancelledNotified;
}
bool is_done(TdCfState s) { return s != TdCfState::Pending && s != TdCfState::Running; }
// Done as wait() and as_completed() count it (a cancelled future only once
// the executor has noticed).
bool is_finished_for_wait(TdCfState s) {
  return s == TdCfState::CancelledNotified || s == TdCfState::Finished;
}

std::string hex_id(TdValue v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%" PRIx64, uint64_t(v >> 1)); // id(v), as tide's id() computes it
  return buf;
}

std::string future_repr(TdThread *ts, TdValue self) {
  CfFuture *f = CF(self);
  std::string s = std::string("<") + td_obj(self)->type->name + " at " + hex_id(self) +
                  " state=" + state_descr(f->state);
  if (f->state == TdCfState::Finished) {
    int truthy = 0;
    if (f->exception) {
      truthy = td_truthy(ts, f->exception);
      if (truthy < 0) {
        td_err_clear(ts);
        truthy = 1;
      }
    }
    if (truthy)
      s += std::string(" raised ") + td_type_name(f->exception);
    else
      s += std::string(" returned ") + td_type_name(f->result ? f->result : td_none());
  }
  return s + ">";
}

TdValue fut_repr(TdThread *ts, TdValue self) { return td_str_from(ts, future_repr(ts, self)); }

void fut_dealloc(TdObject *o) {
  CfFuture *f = CF(td_val(o));
  td_decref(f->result);
  td_decref(f->exception);
  for (auto &cb : f->callbacks) {
    td_decref(cb.fn);
    td_decref(cb.data);
  }
  f->callbacks.~vector();
  f->waiters.~vector();
  f->condWaiters.~vector();
  td_free_object(o);
}

void notify_cond(CfFuture *f) {
  for (auto &w : f->condWaiters) w->set();
}

// Runs one done-callback; an Exception it raises is logged as CPython's
// LOGGER.exception does.  The caller's pending exception (if any) is kept.
void run_callback(TdThread *ts, TdValue fut, const CfCallback &cb) {
  TdValue saved = ts->curexc;
  ts->curexc = 0;
  if (cb.native) {
    cb.native(ts, fut, cb.data);
    td_err_clear(ts);
  } else {
    // User code may run long: wake the loops it would otherwise delay.
    flush_wakes();
    bool completing = tlsCompleting;
    tlsCompleting = false;
    TdValue r = td_call1(ts, cb.fn, fut);
    tlsCompleting = completing;
    if (r) {
      td_decref(r);
    } else {
      TdValue exc = td_err_fetch(ts);
      log_error(ts, "exception calling callback for " + future_repr(ts, fut), exc);
      td_decref(exc);
      td_err_clear(ts);
    }
  }
  ts->curexc = saved;
}

void invoke_callbacks(TdThread *ts, TdValue fut) {
  TdRef keep(td_newref(fut));
  CfFuture *f = CF(fut);
  for (size_t i = 0; i < f->callbacks.size(); i++) {
    CfCallback cb = f->callbacks[i];
    td_incref(cb.fn);
    td_incref(cb.data);
    run_callback(ts, fut, cb);
    td_decref(cb.fn);
    td_decref(cb.data);
  }
}

void remove_waiter(std::vector<WaiterP> &ws, const WaiterP &w) {
  auto it = std::find(ws.begin(), ws.end(), w);
  if (it != ws.end()) ws.erase(it);
}

bool check_settable(TdThread *ts, TdValue fut) {
  TdCfState s = CF(fut)->state;
  if (is_done(s)) {
    std::string msg = std::string(state_name(s)) + ": " + future_repr(ts, fut);
    raise_new(ts, gInvalidStateError, &msg);
    return false;
  }
  return true;
}

// result() / exception() once done: the value (new ref), or 0 with the
// exception raised.
TdValue done_outcome(TdThread *ts, TdValue fut, bool wantException) {
  CfFuture *f = CF(fut);
  if (is_cancelled(f->state)) {
    raise_new(ts, gCancelledError, nullptr);
    return 0;
  }
  if (wantException) return td_newref(f->exception ? f->exception : td_none());
  if (f->exception) {
    raise_value(ts, f->exception);
    return 0;
  }
  return td_newref(f->result ? f->result : td_none());
}

// Future.result(timeout) / Future.exception(timeout).
TdValue wait_outcome(TdThread *ts, TdValue fut, bool wantException, bool forever, double secs) {
  CfFuture *f = CF(fut);
  if (is_done(f->state)) return done_outcome(ts, fut, wantException);
  TdRef keep(td_newref(fut));
  auto w = std::make_shared<Waiter>(Waiter::Cond);
  f->condWaiters.push_back(w);
  wait_event(ts, *w, forever, secs);
  remove_waiter(f->condWaiters, w);
  if (is_done(f->state)) return done_outcome(ts, fut, wantException);
  raise_new(ts, td_val(&td_type_TimeoutError), nullptr);
  return 0;
}

// ---- Python methods --------------------------------------------------------

TdValue fut_construct(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!bind(ts, "Future.__init__", args, nargs, kw, {}, 0, nullptr)) return 0;
  return td_cf_future_new(ts);
}

TdValue fut_result(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  TdValue a[1];
  if (!bind(ts, "Future.result", args, nargs, kw, {"timeout"}, 0, a)) return 0;
  bool forever;
  double secs;
  if (!parse_timeout(ts, a[0], &forever, &secs)) return 0;
  return wait_outcome(ts, self, false, forever, secs);
}

TdValue fut_exception(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  TdValue a[1];
  if (!bind(ts, "Future.exception", args, nargs, kw, {"timeout"}, 0, a)) return 0;
  bool forever;
  double secs;
  if (!parse_timeout(ts, a[0], &forever, &secs)) return 0;
  return wait_outcome(ts, self, true, forever, secs);
}

TdValue fut_cancel(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  if (!bind(ts, "Future.cancel", args, nargs, kw, {}, 0, nullptr)) return 0;
  return td_bool(td_cf_cancel(ts, self));
}

TdValue fut_cancelled(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  if (!bind(ts, "Future.cancelled", args, nargs, kw, {}, 0, nullptr)) return 0;
  return td_bool(is_cancelled(CF(self)->state));
}

TdValue fut_running(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  if (!bind(ts, "Future.running", args, nargs, kw, {}, 0, nullptr)) return 0;
  return td_bool(CF(self)->state == TdCfState::Running);
}

TdValue fut_done(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  if (!bind(ts, "Future.done", args, nargs, kw, {}, 0, nullptr)) return 0;
  return td_bool(is_done(CF(self)->state));
}

TdValue fut_add_done_callback(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  TdValue a[1];
  if (!bind(ts, "Future.add_done_callback", args, nargs, kw, {"fn"}, 1, a)) return 0;
  CfFuture *f = CF(self);
  if (!is_done(f->state)) {
    f->callbacks.push_back(CfCallback{td_newref(a[0]), nullptr, 0});
    return td_none();
  }
  CfCallback cb{a[0], nullptr, 0};
  run_callback(ts, self, cb);
  return td_none();
}

TdValue fut_set_result(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  TdValue a[1];
  if (!bind(ts, "Future.set_result", args, nargs, kw, {"result"}, 1, a)) return 0;
  return td_cf_set_result(ts, self, a[0]) ? td_none() : 0;
}

TdValue fut_set_exception(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  TdValue a[1];
  if (!bind(ts, "Future.set_exception", args, nargs, kw, {"exception"}, 1, a)) return 0;
  return td_cf_set_exception(ts, self, a[0]) ? td_none() : 0;
}

TdValue fut_set_running(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  if (!bind(ts, "Future.set_running_or_notify_cancel", args, nargs, kw, {}, 0, nullptr)) return 0;
  int r = td_cf_set_running_or_notify_cancel(ts, self);
  return r < 0 ? 0 : td_bool(r == 1);
}

const TdMethodDef kFutureMethods[] = {
    {"result", fut_result},
    {"exception", fut_exception},
    {"cancel", fut_cancel},
    {"cancelled", fut_cancelled},
    {"running", fut_running},
    {"done", fut_done},
    {"add_done_callback", fut_add_done_callback},
    {"set_result", fut_set_result},
    {"set_exception", fut_set_exception},
    {"set_running_or_notify_cancel", fut_set_running},
    {nullptr, nullptr},
};

} // namespace

TdType td_type_cf_Future = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "Future",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = fut_dealloc,
    .repr = fut_repr,
    .construct = fut_construct,
    .methods = kFutureMethods,
};

TdCfState td_cf_state(TdValue fut) { return CF(fut)->state; }
TdValue td_cf_result_value(TdValue fut) { return CF(fut)->result; }
TdValue td_cf_exception_value(TdValue fut) { return CF(fut)->exception; }

TdValue td_cf_future_new(TdThread *ts) {
  TdObject *o = td_alloc_object(&td_type_cf_Future, sizeof(CfFuture));
  if (!o) return td_err_nomem(ts);
  CfFuture *f = CF(td_val(o));
  f->state = TdCfState::Pending;
  f->result = f->exception = 0;
  new (&f->waiters) std::vector<WaiterP>();
  new (&f->condWaiters) std::vector<WaiterP>();
  new (&f->callbacks) std::vector<CfCallback>();
  return td_val(o);
}

bool td_cf_cancel(TdThread *ts, TdValue fut) {
  CfFuture *f = CF(fut);
  if (f->state == TdCfState::Running || f->state == TdCfState::Finished) return false;
  if (is_cancelled(f->state)) return true;
  f->state = TdCfState::Cancelled;
  notify_cond(f);
  invoke_callbacks(ts, fut);
  return true;
}

int td_cf_set_running_or_notify_cancel(TdThread *ts, TdValue fut) {
  CfFuture *f = CF(fut);
  if (f->state == TdCfState::Cancelled) {
    f->state = TdCfState::CancelledNotified;
    for (auto &w : f->waiters) w->add_cancelled(fut);
    return 0;
  }
  if (f->state == TdCfState::Pending) {
    f->state = TdCfState::Running;
    return 1;
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%" PRId64, int64_t(fut >> 1));
  log_error(ts, std::string("Future ") + buf + " in unexpected state: " + state_name(f->state), 0);
  td_err_set(ts, &td_type_RuntimeError, "Future in unexpected state");
  return -1;
}

bool td_cf_set_result(TdThread *ts, TdValue fut, TdValue v) {
  if (!check_settable(ts, fut)) return false;
  CfFuture *f = CF(fut);
  f->result = td_newref(v);
  f->state = TdCfState::Finished;
  for (auto &w : f->waiters) w->add_result(fut);
  notify_cond(f);
  invoke_callbacks(ts, fut);
  return true;
}

bool td_cf_set_exception(TdThread *ts, TdValue fut, TdValue exc) {
  if (!check_settable(ts, fut)) return false;
  CfFuture *f = CF(fut);
  // set_exception(None) reads back as no exception, as in CPython.
  f->exception = td_is_none(exc) ? 0 : td_newref(exc);
  f->state = TdCfState::Finished;
  for (auto &w : f->waiters) w->add_exception(fut);
  notify_cond(f);
  invoke_callbacks(ts, fut);
  return true;
}

void td_cf_add_native_callback(TdThread *ts, TdValue fut, TdCfCallback fn, TdValue data) {
  CfFuture *f = CF(fut);
  if (!is_done(f->state)) {
    f->callbacks.push_back(CfCallback{0, fn, td_newref(data)});
    return;
  }
  run_callback(ts, fut, CfCallback{0, fn, data});
}

TdValue td_cf_CancelledError() { return gCancelledError; }
TdValue td_cf_InvalidStateError() { return gInvalidStateError; }

bool td_cf_import(TdThread *ts) {
  TdValue m = td_import(ts, "concurrent.futures");
  td_decref(m);
  return m != 0;
}

bool td_cf_defer_loop_wake(TdLoop *L) {
  if (!tlsCompleting) return false;
  td_incref(td_val(L));
  tlsWakes.push_back(L);
  return true;
}

int64_t td_cf_idle_workers() { return gIdleWorkers.load(std::memory_order_relaxed); }

const char *td_cf_worker_name() { return tlsWorkerName ? tlsWorkerName->c_str() : nullptr; }

// ---------------------------------------------------------------------------
// ThreadPoolExecutor
// ---------------------------------------------------------------------------

namespace {

struct WorkItem {
  TdValue future;  // owned
  TdValue fn;      // owned
  TdValue args;    // tuple of the call's values (keywords last), owned, or 0
  TdValue kwnames; // owned or 0
  // asyncio.to_thread: the call runs in this contextvars Context (owned; 0:
  // an empty one), not in the worker thread's own.
  bool hasContext = false;
  TdValue context = 0;
};

void free_item(WorkItem *w) {
  td_decref(w->future);
  td_decref(w->fn);
  td_decref(w->args);
  td_decref(w->kwnames);
  td_decref(w->context);
  delete w;
}

struct Pool {
  TdRuntime *rt;
  // The queue and the live-worker count (taken without the GIL).
  std::mutex mu;
  std::deque<WorkItem *> queue;   // nullptr: a wake-up (CPython's None)
  std::condition_variable exited; // "a worker ended"
  int64_t alive = 0;
  int64_t waiting = 0;            // workers asleep in take()
  // "The queue is not empty": workers asleep in take() wait on wakeSeq with
  // the futex call itself.  (A condition variable cost a third futex call
  // per item: glibc hands its mutex back to the woken thread marked
  // contended, so the worker's next unlock made a futex call too.)  Who
  // queues stores `queued` then reads `sleepers`; a worker going to sleep
  // counts itself in `sleepers` then reads `queued` (both seq_cst), so one
  // of the two sees the other, and the futex call itself returns at once
  // if wakeSeq moved meanwhile.
  std::atomic<int64_t> queued{0};   // queue.size()
  std::atomic<uint32_t> wakeSeq{0};
  std::atomic<int32_t> sleepers{0}; // workers in the futex wait
  int64_t idleCounted = 0;        // this pool's share of gIdleWorkers
  // Read and written with the GIL held.
  double maxWorkers = 0;
  int64_t idle = 0;     // CPython's _idle_semaphore
  int64_t nthreads = 0; // workers started
  bool shutdown = false;
  bool gone = false;    // the executor object was freed
  bool broken = false;
  std::string prefix;
  TdValue initializer = 0, initargs = 0; // owned (initargs: a tuple)

  explicit Pool(TdRuntime *r) : rt(r) {}
  ~Pool() { // the last reference is dropped with the GIL held
    for (WorkItem *w : queue)
      if (w) {
        free_item(w);
        exit_release(rt);
      }
    td_decref(initializer);
    td_decref(initargs);
  }
  // Idle workers are those asleep with nothing queued for them (mu held).
  void recount() {
    queued.store(int64_t(queue.size()));
    int64_t n = std::max<int64_t>(0, waiting - int64_t(queue.size()));
    gIdleWorkers.fetch_add(n - idleCounted, std::memory_order_relaxed);
    idleCounted = n;
  }
  void put(WorkItem *w) {
    push(w);
    wake(false);
  }
  void wake(bool all) { // after queueing (mu not held)
    wakeSeq.fetch_add(1);
    if (sleepers.load() > 0)
      syscall(SYS_futex, reinterpret_cast<uint32_t *>(&wakeSeq), FUTEX_WAKE_PRIVATE,
              all ? INT32_MAX : 1, nullptr, nullptr, 0);
  }
  void sleep_until_queued() { // mu not held
    for (;;) {
      uint32_t seq = wakeSeq.load();
      if (queued.load() > 0) return;
      sleepers.fetch_add(1);
      if (queued.load() == 0)
        syscall(SYS_futex, reinterpret_cast<uint32_t *>(&wakeSeq), FUTEX_WAIT_PRIVATE, seq,
                nullptr, nullptr, 0);
      sleepers.fetch_sub(1);
    }
  }
  void push(WorkItem *w) { // put without the wake-up (submit: defer_wake)
    std::lock_guard<std::mutex> lk(mu);
    queue.push_back(w);
    recount();
  }
  std::deque<WorkItem *> drain() {
    std::lock_guard<std::mutex> lk(mu);
    std::deque<WorkItem *> out;
    out.swap(queue);
    recount();
    return out;
  }
};

// submit's wake-up of a worker waits until the submitting thread lets go of
// the GIL (td_gil_before_release): a worker woken at once would only sleep
// again on the GIL, which the submitter (an event loop about to await the
// result, say) still holds: two futex calls and a context switch per item.
// The pools are held weakly; the wake-ups run with the GIL held, so a pool
// freed meanwhile is simply skipped.
struct PendingWake {
  std::weak_ptr<Pool> pool;
  int64_t items;
};
thread_local std::vector<PendingWake> tlsPoolWakes;

void wake_pools(TdThread *) {
  std::vector<PendingWake> due;
  due.swap(tlsPoolWakes);
  for (PendingWake &w : due) {
    std::shared_ptr<Pool> p = w.pool.lock();
    if (!p) continue;
    p->wake(w.items > 1);
  }
}

void defer_wake(TdThread *ts, const std::shared_ptr<Pool> &pool) {
  for (PendingWake &w : tlsPoolWakes)
    if (!w.pool.owner_before(pool) && !pool.owner_before(w.pool)) {
      w.items++;
      return;
    }
  tlsPoolWakes.push_back(PendingWake{pool, 1});
  td_gil_before_release(ts, wake_pools);
}

// The next item (nullptr: a wake-up); sleeps with the GIL released.
WorkItem *take(TdThread *ts, Pool &p) {
  WorkItem *w = nullptr;
  bool got = false;
  {
    std::lock_guard<std::mutex> lk(p.mu);
    if (!p.queue.empty()) {
      w = p.queue.front();
      p.queue.pop_front();
      p.recount();
      got = true;
    }
  }
  if (got) {
    flush_wakes(); // no GIL release comes: wake the loops now
    return w;
  }
  {
    TdGilRelease unlocked(ts);
    write_wakes(); // the loop wakes to a free GIL
    std::unique_lock<std::mutex> lk(p.mu);
    p.waiting++;
    p.recount();
    while (p.queue.empty()) {
      lk.unlock();
      // The next item of a sequence (to_thread in a loop) usually comes
      // within microseconds: spin that long (the GIL's spin budget, gil.h)
      // before sleeping, so that neither side makes a futex call.
      p.rt->gil.spinner.spin(p.rt->gil.spinNs.load(std::memory_order_relaxed), [&p] {
        return p.queued.load(std::memory_order_relaxed) ? TdSpinner::Done : TdSpinner::Wait;
      });
      p.sleep_until_queued();
      lk.lock(); // another worker may have taken it first: then sleep again
    }
    p.waiting--;
    w = p.queue.front();
    p.queue.pop_front();
    p.recount();
  }
  drop_wakes();
  return w;
}

// _WorkItem.run
void run_item(TdThread *ts, WorkItem *w) {
  int s = td_cf_set_running_or_notify_cancel(ts, w->future);
  if (s <= 0) {
    if (s < 0) {
      TdValue exc = td_err_fetch(ts);
      log_error(ts, "Exception in worker", exc);
      td_decref(exc);
    }
    return;
  }
  const TdValue *items = w->args ? td_as_tuple(w->args)->items : nullptr;
  int64_t n = w->args ? td_as_tuple(w->args)->size : 0;
  // (Switched even from empty to empty: what the call sets must not stay
  // in the worker thread's own context.)
  if (w->hasContext) td_context_enter(ts, &w->context);
  TdValue r = td_call(ts, w->fn, items, n, w->kwnames);
  if (w->hasContext) td_context_leave(ts, &w->context);
  bool ok;
  tlsCompleting = true;
  if (r) {
    ok = td_cf_set_result(ts, w->future, r);
    td_decref(r);
  } else {
    TdValue exc = td_err_fetch(ts);
    ok = td_cf_set_exception(ts, w->future, exc);
    td_decref(exc);
  }
  tlsCompleting = false;
  if (!ok) {
    TdValue exc = td_err_fetch(ts);
    log_error(ts, "Exception in worker", exc);
    td_decref(exc);
  }
}

const char kBrokenMessage[] = "A thread initializer failed, the thread pool is not usable anymore";

// ThreadPoolExecutor._initializer_failed
void initializer_failed(TdThread *ts, Pool &p) {
  p.broken = true;
  std::string msg = kBrokenMessage;
  for (WorkItem *w : p.drain()) {
    if (!w) continue;
    if (!is_done(CF(w->future)->state)) {
      TdValue a[1] = {0};
      TdRef m(td_str_from(ts, msg));
      a[0] = m.get();
      TdRef exc(m ? td_call(ts, gBrokenThreadPool, a, 1, 0) : 0);
      if (!exc || !td_cf_set_exception(ts, w->future, exc.get())) td_err_clear(ts);
    }
    free_item(w);
    exit_release(p.rt);
  }
}

// _worker: runs with the GIL held except while it waits for work.
// threading._tide_enter_thread / _tide_exit_thread: the worker is a
// threading.Thread named `name` (non-daemon, as CPython's workers are) for
// current_thread(), enumerate() and active_count().  Errors are ignored.
bool threading_call(TdThread *ts, const char *fn, const std::string *name) {
  TdRef mod(td_import(ts, "threading"));
  TdRef attr(mod ? td_str_from(ts, fn) : 0);
  TdRef f(attr ? td_getattr(ts, mod.get(), attr.get()) : 0);
  TdRef arg(f && name ? td_str_from(ts, *name) : 0);
  TdValue a[1] = {arg.get()};
  TdRef r(f && (!name || arg) ? td_call(ts, f.get(), a, name ? 1 : 0, 0) : 0);
  td_err_clear(ts);
  return bool(r);
}

void worker_main(TdThread *ts, const std::shared_ptr<Pool> &pool, const std::string &name) {
  Pool &p = *pool;
  tlsWorkerName = &name;
  tlsPool = &p;
  bool entered = threading_call(ts, "_tide_enter_thread", &name);
  bool ok = true;
  if (p.initializer && !td_is_none(p.initializer)) {
    TdTupleHead *ia = td_as_tuple(p.initargs);
    TdValue r = td_call(ts, p.initializer, ia->items, ia->size, 0);
    if (!r) {
      TdValue exc = td_err_fetch(ts);
      log_error(ts, "Exception in initializer:", exc);
      td_decref(exc);
      // (Also when the executor is gone: the queued items must not keep
      // the process alive at exit.)
      initializer_failed(ts, p);
      ok = false;
    }
    td_decref(r);
  }
  while (ok) {
    WorkItem *w = take(ts, p);
    if (w) {
      run_item(ts, w);
      free_item(w);
      exit_release(p.rt);
      if (!p.gone) p.idle++;
      continue;
    }
    if (p.gone || p.shutdown) {
      p.shutdown = true;
      p.put(nullptr); // wake the next worker
      break;
    }
  }
  td_err_clear(ts);
  flush_wakes();
  if (entered) threading_call(ts, "_tide_exit_thread", nullptr);
  tlsWorkerName = nullptr;
  tlsPool = nullptr;
  {
    std::lock_guard<std::mutex> lk(p.mu);
    p.alive--;
  }
  p.exited.notify_all();
}

// Thread.start() waits until the new thread runs (GIL released meanwhile),
// so the new worker usually takes the item just queued before submit
// returns, as in CPython.
struct StartGate {
  std::mutex mu;
  std::condition_variable cv;
  bool started = false;
};

bool spawn_worker(TdThread *ts, const std::shared_ptr<Pool> &pool, std::string name) {
  {
    std::lock_guard<std::mutex> lk(pool->mu);
    pool->alive++;
  }
  auto gate = std::make_shared<StartGate>();
  std::shared_ptr<Pool> give = pool;
  bool ok = td_thread_spawn(
      ts,
      [give, name, gate](TdThread *me) mutable {
        // Drop the pool here, with the GIL held: its destructor releases
        // tide objects.
        std::shared_ptr<Pool> mine = std::move(give);
        std::string myName = std::move(name);
        {
          std::lock_guard<std::mutex> lk(gate->mu);
          gate->started = true;
        }
        gate->cv.notify_all();
        gate.reset();
        worker_main(me, mine, myName);
        mine.reset();
      },
      true);
  if (!ok) {
    std::lock_guard<std::mutex> lk(pool->mu);
    pool->alive--;
    return false;
  }
  TdGilRelease unlocked(ts);
  std::unique_lock<std::mutex> lk(gate->mu);
  gate->cv.wait(lk, [&] { return gate->started; });
  return true;
}

struct ExecutorObj {
  TdObject ob;
  std::shared_ptr<Pool> pool;
  TdValue maxWorkersObj; // owned
  TdValue prefixObj;     // owned
};

ExecutorObj *EX(TdValue v) { return reinterpret_cast<ExecutorObj *>(v); }

void ex_dealloc(TdObject *o) {
  ExecutorObj *e = EX(td_val(o));
  if (e->pool) {
    // CPython's weakref callback: idle workers wake up and end once the
    // queue is drained.
    e->pool->gone = true;
    e->pool->put(nullptr);
  }
  e->pool.~shared_ptr();
  td_decref(e->maxWorkersObj);
  td_decref(e->prefixObj);
  td_free_object(o);
}

int64_t default_max_workers() {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  if (n < 1) n = 1;
  return std::min<int64_t>(32, n + 4);
}

TdValue make_executor(TdThread *ts, TdType *type, TdValue maxWorkers, const std::string &prefix,
                      TdValue initializer, TdValue initargs) {
  TdObject *o = td_alloc_object(type, sizeof(ExecutorObj));
  if (!o) return td_err_nomem(ts);
  ExecutorObj *e = EX(td_val(o));
  new (&e->pool) std::shared_ptr<Pool>(std::make_shared<Pool>(ts->rt));
  e->maxWorkersObj = e->prefixObj = 0;
  TdRef self(td_val(o));
  Pool &p = *e->pool;
  e->maxWorkersObj = td_newref(maxWorkers);
  if (!td_number_to_double(ts, maxWorkers, &p.maxWorkers)) return 0;
  p.prefix = prefix;
  if (p.prefix.empty()) p.prefix = "ThreadPoolExecutor-" + std::to_string(gExecutorCounter++);
  e->prefixObj = td_str_from(ts, p.prefix);
  if (!e->prefixObj) return 0;
  p.initializer = td_newref(initializer);
  p.initargs = initargs ? td_tuple_from_iterable(ts, initargs) : td_empty_tuple(ts);
  if (!p.initargs) return 0;
  return self.release();
}

TdValue ex_construct(TdThread *ts, TdValue type, Args args, int64_t nargs, TdValue kw) {
  TdValue a[4];
  if (!bind(ts, "ThreadPoolExecutor.__init__", args, nargs, kw,
            {"max_workers", "thread_name_prefix", "initializer", "initargs"}, 0, a))
    return 0;
  TdRef maxw;
  if (!a[0] || td_is_none(a[0])) {
    maxw = TdRef(td_int_from_i64(ts, default_max_workers()));
  } else {
    if (!td_is_int(a[0]) && !td_is_float(a[0])) {
      td_err_format(ts, &td_type_TypeError, "'<=' not supported between instances of '%s' and 'int'",
                    td_type_name(a[0]));
      return 0;
    }
    maxw = TdRef(td_newref(a[0]));
  }
  if (!maxw) return 0;
  double mw;
  if (!td_number_to_double(ts, maxw.get(), &mw)) return 0;
  if (mw <= 0) {
    td_err_set(ts, &td_type_ValueError, "max_workers must be greater than 0");
    return 0;
  }
  TdValue init = a[2] ? a[2] : td_none();
  if (!td_is_none(init)) {
    TdType *t = td_type_of(init);
    if (td_is_small(init) || (t->call == nullptr && t != &td_type_function)) {
      td_err_set(ts, &td_type_TypeError, "initializer must be a callable");
      return 0;
    }
  }
  // thread_name_prefix: any false value means "use the counter".
  std::string prefix;
  if (a[1]) {
    int t = td_truthy(ts, a[1]);
    if (t < 0) return 0;
    if (t && !td_str_to(ts, a[1], prefix)) return 0;
  }
  return make_executor(ts, reinterpret_cast<TdType *>(type), maxw.get(), prefix, init, a[3]);
}

// _adjust_thread_count
bool adjust_thread_count(TdThread *ts, ExecutorObj *e) {
  Pool &p = *e->pool;
  if (p.idle > 0) {
    p.idle--;
    return true;
  }
  if (double(p.nthreads) < p.maxWorkers) {
    std::string name = p.prefix + "_" + std::to_string(p.nthreads);
    if (!spawn_worker(ts, e->pool, std::move(name))) return false;
    p.nthreads++;
  }
  return true;
}

TdValue submit_impl(TdThread *ts, ExecutorObj *e, TdValue fn, Args args, int64_t nargs,
                    TdValue kwnames, bool hasContext = false, TdValue context = 0) {
  Pool &p = *e->pool;
  if (p.broken) {
    std::string msg = kBrokenMessage;
    raise_new(ts, gBrokenThreadPool, &msg);
    return 0;
  }
  if (p.shutdown) {
    td_err_set(ts, &td_type_RuntimeError, "cannot schedule new futures after shutdown");
    return 0;
  }
  TdRef fut(td_cf_future_new(ts));
  if (!fut) return 0;
  TdValue tuple = 0;
  if (nargs > 0) {
    tuple = td_tuple_new(ts, nargs);
    if (!tuple) return 0;
    for (int64_t i = 0; i < nargs; i++) td_as_tuple(tuple)->items[i] = td_newref(args[i]);
  }
  auto *w = new WorkItem{td_newref(fut.get()), td_newref(fn), tuple,
                         td_kwcount(kwnames) ? td_newref(kwnames) : 0, hasContext,
                         td_newref(context)};
  exit_hold(p.rt);
  p.push(w);
  defer_wake(ts, e->pool);
  if (!adjust_thread_count(ts, e)) {
    // No thread to run it: take the item back, so that it does not keep
    // the process alive at exit.
    bool mine = false;
    {
      std::lock_guard<std::mutex> lk(p.mu);
      auto it = std::find(p.queue.begin(), p.queue.end(), w);
      if (it != p.queue.end()) {
        p.queue.erase(it);
        p.recount();
          mine = true;
      }
    }
    if (mine) {
      free_item(w);
      exit_release(p.rt);
    }
    return 0;
  }
  return fut.release();
}

bool shutdown_impl(TdThread *ts, ExecutorObj *e, bool wait, bool cancelFutures) {
  Pool &p = *e->pool;
  p.shutdown = true;
  if (cancelFutures) {
    for (WorkItem *w : p.drain()) {
      if (!w) continue;
      td_cf_cancel(ts, w->future);
      free_item(w);
      exit_release(p.rt);
    }
  }
  p.put(nullptr);
  if (wait) {
    if (tlsPool == &p) {
      td_err_set(ts, &td_type_RuntimeError, "cannot join current thread");
      return false;
    }
    std::shared_ptr<Pool> keep = e->pool;
    TdGilRelease unlocked(ts);
    std::unique_lock<std::mutex> lk(p.mu);
    p.exited.wait(lk, [&] { return p.alive == 0; });
  }
  return true;
}

TdValue ex_submit(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  int64_t npos = nargs - td_kwcount(kw);
  if (npos < 1) {
    td_err_set(ts, &td_type_TypeError,
               "ThreadPoolExecutor.submit() missing 1 required positional argument: 'fn'");
    return 0;
  }
  return submit_impl(ts, EX(self), args[0], args + 1, nargs - 1, kw);
}

TdValue ex_shutdown(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  TdValue a[2];
  if (!bind(ts, "ThreadPoolExecutor.shutdown", args, nargs, kw, {"wait", "$cancel_futures"}, 0, a))
    return 0;
  int wait = 1, cancel = 0;
  if (a[0] && (wait = td_truthy(ts, a[0])) < 0) return 0;
  if (a[1] && (cancel = td_truthy(ts, a[1])) < 0) return 0;
  return shutdown_impl(ts, EX(self), wait, cancel) ? td_none() : 0;
}

TdValue ex_getattr(TdThread *ts, TdValue self, TdValue name) {
  std::string_view n = td_str_view(name);
  ExecutorObj *e = EX(self);
  if (n == "_max_workers") return td_newref(e->maxWorkersObj);
  if (n == "_thread_name_prefix") return td_newref(e->prefixObj);
  if (n == "_shutdown") return td_bool(e->pool->shutdown);
  if (n == "_broken") return e->pool->broken ? td_str_from(ts, kBrokenMessage) : td_bool(false);
  if (n == "_initializer") return td_newref(e->pool->initializer);
  if (n == "_initargs") return td_newref(e->pool->initargs);
  return method_getattr(ts, self, name);
}

// ---- Executor (the base class): map, shutdown, the context manager --------

TdValue base_submit(TdThread *ts, TdValue, Args, int64_t, TdValue) {
  td_err_set(ts, &td_type_NotImplementedError, "");
  return 0;
}

TdValue base_shutdown(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  TdValue a[2];
  if (!bind(ts, "Executor.shutdown", args, nargs, kw, {"wait", "$cancel_futures"}, 0, a)) return 0;
  return td_none();
}

TdValue base_enter(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  if (!bind(ts, "Executor.__enter__", args, nargs, kw, {}, 0, nullptr)) return 0;
  return td_newref(self);
}

TdValue base_exit(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  TdValue a[3];
  if (!bind(ts, "Executor.__exit__", args, nargs, kw, {"exc_type", "exc_val", "exc_tb"}, 3, a))
    return 0;
  if (td_cf_is_executor(self)) {
    if (!shutdown_impl(ts, EX(self), true, false)) return 0;
  } else if (!td_cf_shutdown(ts, self, true, false)) {
    return 0;
  }
  return td_bool(false);
}

// The iterator Executor.map returns (CPython's result_iterator generator).
struct MapIter {
  TdObject ob;
  std::vector<TdValue> fs; // owned; 0 once taken
  size_t next;
  bool hasTimeout;
  bool started;
  double endTime;
};

MapIter *MI(TdValue v) { return reinterpret_cast<MapIter *>(v); }

// The generator's finally: cancel what is left (keeps a pending exception).
void map_cancel_rest(TdThread *ts, MapIter *m) {
  TdValue saved = ts->curexc;
  ts->curexc = 0;
  for (size_t i = m->next; i < m->fs.size(); i++) {
    TdValue f = m->fs[i];
    m->fs[i] = 0;
    if (f) td_cf_cancel(ts, f);
    td_decref(f);
  }
  m->next = m->fs.size();
  td_err_clear(ts);
  ts->curexc = saved;
}

void map_dealloc(TdObject *o) {
  MapIter *m = MI(td_val(o));
  // Closing a started generator runs its finally; an unstarted one has
  // nothing to run (so `executor.map(f, xs)` alone cancels nothing).
  if (m->started && m->next < m->fs.size()) map_cancel_rest(td_thread_current(), m);
  for (TdValue f : m->fs) td_decref(f);
  m->fs.~vector();
  td_free_object(o);
}

TdValue iter_self(TdThread *, TdValue self) { return td_newref(self); }

TdValue map_next(TdThread *ts, TdValue self) {
  MapIter *m = MI(self);
  if (m->next >= m->fs.size()) return TD_DONE;
  m->started = true;
  TdRef fut(m->fs[m->next]);
  m->fs[m->next++] = 0;
  double secs = m->hasTimeout ? m->endTime - monotonic() : 0;
  TdValue r = wait_outcome(ts, fut.get(), false, !m->hasTimeout, secs);
  // _result_or_cancel: cancel whatever happened.
  TdValue saved = ts->curexc;
  ts->curexc = 0;
  td_cf_cancel(ts, fut.get());
  td_err_clear(ts);
  ts->curexc = saved;
  if (!r) map_cancel_rest(ts, m);
  else if (m->next >= m->fs.size()) m->fs.clear();
  return r;
}

TdType MapIterType = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "generator",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = map_dealloc,
    .iter = iter_self,
    .next = map_next,
};

TdValue base_map(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  int64_t nk = td_kwcount(kw), npos = nargs - nk;
  TdValue timeout = 0;
  for (int64_t i = 0; i < nk; i++) {
    std::string_view k = td_str_view(td_as_tuple(kw)->items[i]);
    if (k == "timeout") {
      timeout = args[npos + i];
    } else if (k != "chunksize") {
      td_err_format(ts, &td_type_TypeError, "Executor.map() got an unexpected keyword argument '%.*s'",
                    int(k.size()), k.data());
      return 0;
    }
  }
  if (npos < 1) {
    td_err_set(ts, &td_type_TypeError, "Executor.map() missing 1 required positional argument: 'fn'");
    return 0;
  }
  bool hasTimeout = timeout && !td_is_none(timeout);
  double endTime = 0;
  if (hasTimeout) {
    if (!td_is_int(timeout) && !td_is_float(timeout)) {
      td_err_format(ts, &td_type_TypeError, "unsupported operand type(s) for +: '%s' and 'float'",
                    td_type_name(timeout));
      return 0;
    }
    if (!td_number_to_double(ts, timeout, &endTime)) return 0;
    endTime += monotonic();
  }
  TdValue fn = args[0];
  std::vector<TdRef> its;
  for (int64_t i = 1; i < npos; i++) {
    TdValue it = td_iter(ts, args[i]);
    if (!it) return 0;
    its.emplace_back(it);
  }
  TdObject *o = td_alloc_object(&MapIterType, sizeof(MapIter));
  if (!o) return td_err_nomem(ts);
  MapIter *m = MI(td_val(o));
  new (&m->fs) std::vector<TdValue>();
  m->next = 0;
  m->hasTimeout = hasTimeout;
  m->started = false;
  m->endTime = endTime;
  TdRef result(td_val(o));
  if (its.empty()) return result.release(); // zip() is empty
  std::vector<TdValue> call(its.size());
  for (;;) {
    size_t got = 0;
    bool done = false;
    for (; got < its.size(); got++) {
      TdValue x = td_next(ts, its[got].get());
      if (x == TD_DONE) {
        done = true;
        break;
      }
      if (!x) break;
      call[got] = x;
    }
    if (got < its.size()) {
      for (size_t i = 0; i < got; i++) td_decref(call[i]);
      if (done) break;
      return 0;
    }
    TdValue fut = td_cf_submit(ts, self, fn, call.data(), int64_t(call.size()), 0);
    for (TdValue v : call) td_decref(v);
    if (!fut) return 0;
    m->fs.push_back(fut);
  }
  return result.release();
}

const TdMethodDef kExecutorMethods[] = {
    {"submit", base_submit},
    {"map", base_map},
    {"shutdown", base_shutdown},
    {"__enter__", base_enter},
    {"__exit__", base_exit},
    {nullptr, nullptr},
};

const TdMethodDef kThreadPoolMethods[] = {
    {"submit", ex_submit},
    {"shutdown", ex_shutdown},
    {nullptr, nullptr},
};

} // namespace

TdType td_type_cf_Executor = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "Executor",
    .base = &td_type_object,
    .flags = 0,
    .methods = kExecutorMethods,
};

TdType td_type_ThreadPoolExecutor = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "ThreadPoolExecutor",
    .base = &td_type_cf_Executor,
    .flags = 0,
    .dealloc = ex_dealloc,
    .getattr = ex_getattr,
    .construct = ex_construct,
    .methods = kThreadPoolMethods,
};

TdValue td_cf_executor_new(TdThread *ts, const char *prefix, int64_t maxWorkers) {
  if (!td_cf_import(ts)) return 0;
  TdRef mw(td_int_from_i64(ts, maxWorkers > 0 ? maxWorkers : default_max_workers()));
  if (!mw) return 0;
  return make_executor(ts, &td_type_ThreadPoolExecutor, mw.get(), prefix ? prefix : "", td_none(), 0);
}

TdValue td_cf_submit(TdThread *ts, TdValue executor, TdValue fn, const TdValue *args, int64_t nargs,
                     TdValue kwnames) {
  if (td_cf_is_executor(executor)) return submit_impl(ts, EX(executor), fn, args, nargs, kwnames);
  std::vector<TdValue> all(size_t(nargs) + 1);
  all[0] = fn;
  for (int64_t i = 0; i < nargs; i++) all[size_t(i) + 1] = args[i];
  TdRef name(td_str_from(ts, "submit"));
  if (!name) return 0;
  TdValue r = td_call_method(ts, executor, name.get(), all.data(), nargs + 1, kwnames);
  if (r && !td_cf_is_future(r)) {
    std::string s;
    if (!td_repr_to(ts, r, s)) td_err_clear(ts);
    td_decref(r);
    td_err_format(ts, &td_type_AssertionError, "concurrent.futures.Future is expected, got %s",
                  s.c_str());
    return 0;
  }
  return r;
}

TdValue td_cf_submit_in_context(TdThread *ts, TdValue executor, TdValue context, TdValue fn,
                                const TdValue *args, int64_t nargs, TdValue kwnames) {
  if (td_cf_is_executor(executor))
    return submit_impl(ts, EX(executor), fn, args, nargs, kwnames, true, context);
  // Another executor: submit(context.run, fn, *args, **kwargs).
  TdRef ctx(context ? td_newref(context) : td_call0(ts, td_val(&td_type_Context)));
  TdRef name(ctx ? td_str_from(ts, "run") : 0);
  TdRef run(name ? td_getattr(ts, ctx.get(), name.get()) : 0);
  if (!run) return 0;
  std::vector<TdValue> all(size_t(nargs) + 1);
  all[0] = fn;
  for (int64_t i = 0; i < nargs; i++) all[size_t(i) + 1] = args[i];
  return td_cf_submit(ts, executor, run.get(), all.data(), nargs + 1, kwnames);
}

bool td_cf_shutdown(TdThread *ts, TdValue executor, bool wait, bool cancelFutures) {
  if (td_cf_is_executor(executor)) return shutdown_impl(ts, EX(executor), wait, cancelFutures);
  TdRef name(td_str_from(ts, "shutdown"));
  if (!name) return false;
  TdValue a[1] = {td_bool(wait)};
  TdRef r(td_call_method(ts, executor, name.get(), a, 1, 0));
  return bool(r);
}

// ---------------------------------------------------------------------------
// wait, as_completed
// ---------------------------------------------------------------------------

namespace {

const char kFirstCompleted[] = "FIRST_COMPLETED";
const char kFirstException[] = "FIRST_EXCEPTION";
const char kAllCompleted[] = "ALL_COMPLETED";

// set(fs) for futures: distinct by identity, in first-seen order.  Owned
// references in *out.  AttributeError for anything but a Future, as
// CPython's attribute access on it fails.
bool unique_futures(TdThread *ts, TdValue iterable, std::vector<TdValue> *out) {
  TdRef it(td_iter(ts, iterable));
  if (!it) return false;
  std::unordered_set<TdValue> seen;
  for (;;) {
    TdValue x = td_next(ts, it.get());
    if (x == TD_DONE) break;
    if (!x) return false;
    if (!td_cf_is_future(x)) {
      if (td_hash(ts, x) == -1 && td_err_occurred(ts)) {
        td_decref(x);
        return false;
      }
      td_err_format(ts, &td_type_AttributeError, "'%s' object has no attribute '_condition'",
                    td_type_name(x));
      td_decref(x);
      return false;
    }
    if (!seen.insert(x).second) {
      td_decref(x);
      continue;
    }
    out->push_back(x);
  }
  return true;
}

struct FutList { // owns its references
  std::vector<TdValue> v;
  ~FutList() {
    for (TdValue f : v) td_decref(f);
  }
};

int str_is(TdThread *ts, TdValue v, const char *s) {
  TdRef k(td_str_from(ts, s));
  if (!k) return -1;
  return td_eq(ts, v, k.get());
}

// DoneAndNotDoneFutures: a tuple subtype with .done / .not_done.
TdValue dnd_repr(TdThread *ts, TdValue self) {
  std::string a, b;
  if (!td_repr_to(ts, td_as_tuple(self)->items[0], a) ||
      !td_repr_to(ts, td_as_tuple(self)->items[1], b))
    return 0;
  return td_str_from(ts, "DoneAndNotDoneFutures(done=" + a + ", not_done=" + b + ")");
}

TdValue dnd_getattr(TdThread *ts, TdValue self, TdValue name) {
  std::string_view n = td_str_view(name);
  if (n == "done") return td_newref(td_as_tuple(self)->items[0]);
  if (n == "not_done") return td_newref(td_as_tuple(self)->items[1]);
  return method_getattr(ts, self, name);
}

TdType DoneType = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "DoneAndNotDoneFutures",
    .base = &td_type_tuple,
    .flags = TD_TF_TUPLE_SUBCLASS,
};

TdValue make_dnd(TdThread *ts, const std::vector<TdValue> &fs, const std::unordered_set<TdValue> &done) {
  TdRef d(td_set_new(ts, 0)), nd(td_set_new(ts, 0));
  if (!d || !nd) return 0;
  for (TdValue f : fs)
    if (td_set_add(ts, done.count(f) ? d.get() : nd.get(), f) < 0) return 0;
  TdValue t = td_tuple_new(ts, 2);
  if (!t) return 0;
  td_as_tuple(t)->items[0] = d.release();
  td_as_tuple(t)->items[1] = nd.release();
  td_obj(t)->type = &DoneType;
  return t;
}

TdValue m_wait(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  TdValue a[3];
  if (!bind(ts, "wait", args, nargs, kw, {"fs", "timeout", "return_when"}, 1, a, false)) return 0;
  bool forever;
  double secs;
  if (!parse_timeout(ts, a[1], &forever, &secs)) return 0;
  TdRef defaultWhen(td_str_from(ts, kAllCompleted));
  if (!defaultWhen) return 0;
  TdValue when = a[2] ? a[2] : defaultWhen.get();
  FutList fs;
  if (!unique_futures(ts, a[0], &fs.v)) return 0;
  std::unordered_set<TdValue> done;
  for (TdValue f : fs.v)
    if (is_finished_for_wait(CF(f)->state)) done.insert(f);
  int first = str_is(ts, when, kFirstCompleted);
  if (first < 0) return 0;
  int firstExc = str_is(ts, when, kFirstException);
  if (firstExc < 0) return 0;
  if (first && !done.empty()) return make_dnd(ts, fs.v, done);
  if (firstExc && !done.empty()) {
    for (TdValue f : done)
      if (!is_cancelled(CF(f)->state) && CF(f)->exception) return make_dnd(ts, fs.v, done);
  }
  if (done.size() == fs.v.size()) return make_dnd(ts, fs.v, done);
  WaiterP w;
  if (first) {
    w = std::make_shared<Waiter>(Waiter::FirstCompleted);
  } else {
    int all = str_is(ts, when, kAllCompleted);
    if (all < 0) return 0;
    if (!firstExc && !all) {
      std::string r;
      if (!td_repr_to(ts, when, r)) return 0;
      td_err_format(ts, &td_type_ValueError, "Invalid return condition: %s", r.c_str());
      return 0;
    }
    w = std::make_shared<Waiter>(Waiter::AllCompleted);
    w->stopOnException = firstExc;
    for (TdValue f : fs.v)
      if (!is_finished_for_wait(CF(f)->state)) w->pendingCalls++;
  }
  for (TdValue f : fs.v) CF(f)->waiters.push_back(w);
  wait_event(ts, *w, forever, secs);
  for (TdValue f : fs.v) remove_waiter(CF(f)->waiters, w);
  for (TdValue f : w->finished) done.insert(f);
  return make_dnd(ts, fs.v, done);
}

// as_completed's generator.
struct AsCompleted {
  TdObject ob;
  TdValue arg;                   // fs as given, until the first next (owned)
  TdValue timeoutObj;            // owned or 0
  bool started, finishedIter;
  bool hasTimeout;
  double endTime;
  int64_t total;
  std::vector<TdValue> *fs;      // owned references: not yet yielded
  std::deque<TdValue> *ready;    // finished, to yield in order (owned)
  std::unordered_set<TdValue> *pending; // borrowed from fs
  WaiterP *waiter;
};

AsCompleted *AC(TdValue v) { return reinterpret_cast<AsCompleted *>(v); }

// The generator's finally: detach the waiter from what was not yielded.
void ac_finish(AsCompleted *g) {
  if (g->waiter) {
    for (TdValue f : *g->fs) remove_waiter(CF(f)->waiters, *g->waiter);
    delete g->waiter;
    g->waiter = nullptr;
  }
  for (TdValue f : *g->fs) td_decref(f);
  g->fs->clear();
  for (TdValue f : *g->ready) td_decref(f);
  g->ready->clear();
  g->pending->clear();
  g->finishedIter = true;
}

void ac_dealloc(TdObject *o) {
  AsCompleted *g = AC(td_val(o));
  ac_finish(g);
  td_decref(g->arg);
  td_decref(g->timeoutObj);
  delete g->fs;
  delete g->ready;
  delete g->pending;
  td_free_object(o);
}

// Yields f: it leaves fs (and pending), and the waiter.
TdValue ac_yield(AsCompleted *g) {
  TdValue f = g->ready->front();
  g->ready->pop_front();
  auto it = std::find(g->fs->begin(), g->fs->end(), f);
  if (it != g->fs->end()) {
    td_decref(*it);
    g->fs->erase(it);
  }
  g->pending->erase(f);
  remove_waiter(CF(f)->waiters, *g->waiter);
  return f; // the ready queue's reference
}

TdValue ac_next(TdThread *ts, TdValue self) {
  AsCompleted *g = AC(self);
  if (g->finishedIter) return TD_DONE;
  if (!g->started) {
    g->started = true;
    if (g->hasTimeout) {
      double t;
      if (!td_number_to_double(ts, g->timeoutObj, &t)) {
        ac_finish(g);
        return 0;
      }
      g->endTime = t + monotonic();
    }
    TdValue arg = g->arg;
    g->arg = 0;
    TdRef hold(arg);
    if (!unique_futures(ts, arg, g->fs)) {
      ac_finish(g);
      return 0;
    }
    g->total = int64_t(g->fs->size());
    for (TdValue f : *g->fs) {
      if (is_finished_for_wait(CF(f)->state))
        g->ready->push_back(td_newref(f));
      else
        g->pending->insert(f);
    }
    g->waiter = new WaiterP(std::make_shared<Waiter>(Waiter::AsCompleted));
    for (TdValue f : *g->fs) CF(f)->waiters.push_back(*g->waiter);
  }
  for (;;) {
    if (!g->ready->empty()) return ac_yield(g);
    if (g->pending->empty()) {
      ac_finish(g);
      return TD_DONE;
    }
    double secs = 0;
    if (g->hasTimeout) {
      secs = g->endTime - monotonic();
      if (secs < 0) {
        char buf[96];
        std::snprintf(buf, sizeof buf, "%zu (of %" PRId64 ") futures unfinished", g->pending->size(),
                      g->total);
        std::string msg = buf;
        ac_finish(g);
        raise_new(ts, td_val(&td_type_TimeoutError), &msg);
        return 0;
      }
    }
    WaiterP w = *g->waiter; // alive while this thread sleeps without the GIL
    wait_event(ts, *w, !g->hasTimeout, secs);
    if (g->finishedIter) return TD_DONE; // finished by another thread meanwhile
    std::vector<TdValue> got;
    got.swap(w->finished);
    w->clear();
    for (TdValue f : got) {
      if (g->pending->count(f))
        g->ready->push_back(f);
      else
        td_decref(f);
    }
  }
}

TdType AsCompletedType = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "generator",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = ac_dealloc,
    .iter = iter_self,
    .next = ac_next,
};

TdValue m_as_completed(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  TdValue a[2];
  if (!bind(ts, "as_completed", args, nargs, kw, {"fs", "timeout"}, 1, a, false)) return 0;
  TdObject *o = td_alloc_object(&AsCompletedType, sizeof(AsCompleted));
  if (!o) return td_err_nomem(ts);
  AsCompleted *g = AC(td_val(o));
  g->arg = td_newref(a[0]);
  g->hasTimeout = a[1] && !td_is_none(a[1]);
  g->timeoutObj = g->hasTimeout ? td_newref(a[1]) : 0;
  g->started = g->finishedIter = false;
  g->endTime = 0;
  g->total = 0;
  g->fs = new std::vector<TdValue>();
  g->ready = new std::deque<TdValue>();
  g->pending = new std::unordered_set<TdValue>();
  g->waiter = nullptr;
  return td_val(o);
}

// ---------------------------------------------------------------------------
// The modules
// ---------------------------------------------------------------------------

TdValue make_exc_class(TdThread *ts, const char *name, TdValue base, const char *module) {
  TdRef n(td_str_from(ts, name)), bases(td_tuple_pack(ts, {base})), ns(td_dict_new(ts)),
      mod(td_str_from(ts, module));
  if (!n || !bases || !ns || !mod || td_dict_set_str(ts, ns.get(), "__module__", mod.get()) < 0)
    return 0;
  return td_build_class(ts, n.get(), n.get(), bases.get(), ns.get());
}

bool add_type(TdThread *ts, TdValue d, TdType *t) {
  if (!t->hash) t->hash = td_type_object.hash;
  if (!t->richcompare) t->richcompare = td_type_object.richcompare;
  td_type_ready(t);
  return td_dict_set_str(ts, d, t->name, td_val(t)) >= 0;
}

TdValue concurrent_init(TdThread *ts) { return td_module_new(ts, "concurrent"); }

TdValue futures_init(TdThread *ts) {
  // DoneAndNotDoneFutures behaves as the tuple it is.
  DoneType.dealloc = td_type_tuple.dealloc;
  DoneType.hash = td_type_tuple.hash;
  DoneType.richcompare = td_type_tuple.richcompare;
  DoneType.len = td_type_tuple.len;
  DoneType.binop = td_type_tuple.binop;
  DoneType.getitem = td_type_tuple.getitem;
  DoneType.contains = td_type_tuple.contains;
  DoneType.iter = td_type_tuple.iter;
  DoneType.repr = dnd_repr;
  DoneType.getattr = dnd_getattr;
  td_type_ready(&DoneType);
  td_type_ready(&MapIterType);
  td_type_ready(&AsCompletedType);

  TdRef mod(td_module_new(ts, "concurrent.futures"));
  if (!mod) return 0;
  TdValue d = reinterpret_cast<TdModule *>(mod.get())->dict;
  if (!td_module_add_function(ts, mod.get(), "wait", m_wait) ||
      !td_module_add_function(ts, mod.get(), "as_completed", m_as_completed))
    return 0;
  for (const char *c : {kFirstCompleted, kFirstException, kAllCompleted}) {
    TdRef s(td_str_from(ts, c));
    if (!s || td_dict_set_str(ts, d, c, s.get()) < 0) return 0;
  }
  if (!add_type(ts, d, &td_type_cf_Future) || !add_type(ts, d, &td_type_cf_Executor) ||
      !add_type(ts, d, &td_type_ThreadPoolExecutor) ||
      td_dict_set_str(ts, d, "TimeoutError", td_val(&td_type_TimeoutError)) < 0)
    return 0;
  const char *base = "concurrent.futures._base";
  TdRef error(make_exc_class(ts, "Error", td_val(&td_type_Exception), base));
  if (!error) return 0;
  TdRef cancelled(make_exc_class(ts, "CancelledError", error.get(), base));
  TdRef invalid(make_exc_class(ts, "InvalidStateError", error.get(), base));
  TdRef brokenExec(make_exc_class(ts, "BrokenExecutor", td_val(&td_type_RuntimeError), base));
  if (!cancelled || !invalid || !brokenExec) return 0;
  TdRef brokenPool(make_exc_class(ts, "BrokenThreadPool", brokenExec.get(), "concurrent.futures.thread"));
  if (!brokenPool) return 0;
  if (td_dict_set_str(ts, d, "Error", error.get()) < 0 ||
      td_dict_set_str(ts, d, "CancelledError", cancelled.get()) < 0 ||
      td_dict_set_str(ts, d, "InvalidStateError", invalid.get()) < 0 ||
      td_dict_set_str(ts, d, "BrokenExecutor", brokenExec.get()) < 0)
    return 0;
  // Kept for the process: futures completed late (by daemon workers) may
  // still raise them.
  gCancelledError = cancelled.release();
  gInvalidStateError = invalid.release();
  gBrokenThreadPool = brokenPool.release();
  // `import concurrent.futures` binds the package, whose `futures` is this.
  TdRef pkg(td_import(ts, "concurrent"));
  if (!pkg) return 0;
  TdRef key(td_str_from(ts, "futures"));
  if (!key || td_setattr(ts, pkg.get(), key.get(), mod.get()) < 0) return 0;
  return mod.release();
}

} // namespace

void td_concurrent_register(TdRuntime *rt) {
  td_register_module(rt, "concurrent", concurrent_init);
  td_register_module(rt, "concurrent.futures", futures_init);
}

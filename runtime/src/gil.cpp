// gil.cpp — the GIL's protocol, the eval-breaker safepoint, and starting
// OS threads that run tide code (design in gil.h).
#include "gil.h"

#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "errors.h"
#include "runtime.h"
#include "signals.h"
#include "thread.h"

// Asks ts to come to a safepoint: loop back-edges test eval_breaker, and
// function entries test the stack limit, which is pushed to the top of
// memory so that the entry check (already there for recursion) fails too.
// Async-signal-safe (the SIGINT handler calls it).
void td_request_safepoint(TdThread *ts) {
  __atomic_store_n(const_cast<int32_t *>(&ts->head.eval_breaker), 1, __ATOMIC_RELAXED);
  __atomic_store_n(&ts->head.stack_limit, UINTPTR_MAX, __ATOMIC_RELAXED);
}

int64_t td_gil_default_spin_ns() {
  const char *us = std::getenv("TIDE_GIL_SPIN_US");
  if (us && *us) return std::max(0L, std::strtol(us, nullptr, 10)) * 1000;
  return 10000;
}

namespace {

// td_gil_before_release's pending calls on this thread (rarely more than one).
thread_local void (*tlsBeforeRelease[4])(TdThread *) = {};
thread_local int tlsBeforeReleaseCount = 0;

void run_before_release(TdThread *ts) {
  while (tlsBeforeReleaseCount > 0) {
    void (*fn)(TdThread *) = tlsBeforeRelease[--tlsBeforeReleaseCount];
    fn(ts);
  }
}

} // namespace

void td_gil_before_release(TdThread *ts, void (*fn)(TdThread *)) {
  for (int i = 0; i < tlsBeforeReleaseCount; i++)
    if (tlsBeforeRelease[i] == fn) return;
  if (tlsBeforeReleaseCount == 4) {
    fn(ts); // no room: now
    return;
  }
  tlsBeforeRelease[tlsBeforeReleaseCount++] = fn;
  // Generated code that runs on without releasing reaches a safepoint soon.
  td_request_safepoint(ts);
}

void td_gil_acquire(TdThread *ts) {
  TdGil &g = ts->rt->gil;
  // The spin before sleeping (see gil.h), only while nobody sleeps on cv.
  if (g.locked.load(std::memory_order_relaxed) && g.waiters.load(std::memory_order_relaxed) == 0)
    g.spinner.spin(g.spinNs.load(std::memory_order_relaxed), [&g] {
      if (g.waiters.load(std::memory_order_relaxed) != 0) return TdSpinner::GiveUp;
      return g.locked.load(std::memory_order_relaxed) ? TdSpinner::Wait : TdSpinner::Done;
    });
  std::unique_lock<std::mutex> lk(g.mu);
  if (g.locked) {
    g.waiters++;
    while (g.locked) {
      uint64_t seen = g.switchNumber;
      auto interval = std::chrono::nanoseconds(g.intervalNs.load(std::memory_order_relaxed));
      if (g.cv.wait_for(lk, interval) == std::cv_status::timeout && g.locked &&
          g.switchNumber == seen) {
        // The holder kept it a whole interval: ask it to let go.
        g.dropRequest.store(true, std::memory_order_relaxed);
        if (g.holder) td_request_safepoint(g.holder);
      }
    }
    g.waiters--;
  }
  g.locked = true;
  g.holder = ts;
  g.switchNumber++;
  g.dropRequest.store(false, std::memory_order_relaxed);
  g.switched.notify_all();
}

void td_gil_release(TdThread *ts) {
  if (tlsBeforeReleaseCount) run_before_release(ts);
  TdGil &g = ts->rt->gil;
  std::lock_guard<std::mutex> lk(g.mu);
  g.locked = false;
  g.holder = nullptr;
  g.cv.notify_one();
}

bool td_gil_held(TdThread *ts) {
  TdGil &g = ts->rt->gil;
  std::lock_guard<std::mutex> lk(g.mu);
  return g.locked && g.holder == ts;
}

// The safepoint: generated code calls this when eval_breaker is set.
extern "C" int32_t td_eval_break(TdThread *ts) {
  __atomic_store_n(const_cast<int32_t *>(&ts->head.eval_breaker), 0, __ATOMIC_RELAXED);
  td_update_stack_limit(ts); // undo td_request_safepoint's stack limit
  if (tlsBeforeReleaseCount) run_before_release(ts);
  // A SIGINT raises KeyboardInterrupt here, on the main thread (signals.h).
  if (td_signals_check(ts) < 0) return -1;
  TdGil &g = ts->rt->gil;
  if (!g.dropRequest.load(std::memory_order_relaxed)) return 0;
  {
    // A forced switch: drop, then wait until another thread has taken it.
    std::unique_lock<std::mutex> lk(g.mu);
    uint64_t n = g.switchNumber;
    g.locked = false;
    g.holder = nullptr;
    g.cv.notify_one();
    while (g.switchNumber == n && g.waiters > 0) g.switched.wait(lk);
  }
  td_gil_acquire(ts);
  return 0;
}

// ---------------------------------------------------------------------------
// OS threads
// ---------------------------------------------------------------------------

namespace {

uintptr_t stack_low() {
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) != 0) return 0;
  void *addr = nullptr;
  size_t size = 0;
  pthread_attr_getstack(&attr, &addr, &size);
  pthread_attr_destroy(&attr);
  return uintptr_t(addr);
}

} // namespace

TdThread *td_thread_state_new(TdRuntime *rt, int64_t recursionLimit) {
  auto *ts = new TdThread();
  ts->rt = rt;
  ts->head.eval_breaker = 0;
  ts->head.depth = 0;
  ts->head.recursion_limit = recursionLimit;
  ts->stackBase = uintptr_t(__builtin_frame_address(0));
  ts->stackFloor = stack_low() + (64 << 10);
  td_update_stack_limit(ts);
  td_thread_set_current(ts);
  std::lock_guard<std::mutex> lk(rt->threadsMu);
  rt->threadCount++;
  return ts;
}

void td_thread_state_delete(TdThread *ts) {
  td_err_clear(ts);
  for (TdValue v : ts->handled) td_decref(v);
  ts->handled.clear();
  TdRuntime *rt = ts->rt;
  td_thread_set_current(nullptr);
  delete ts;
  std::lock_guard<std::mutex> lk(rt->threadsMu);
  rt->threadCount--;
}

bool td_thread_spawn(TdThread *ts, std::function<void(TdThread *)> body, bool daemon) {
  TdRuntime *rt = ts->rt;
  int64_t limit = ts->head.recursion_limit;
  if (!daemon) {
    std::lock_guard<std::mutex> lk(rt->threadsMu);
    rt->nonDaemonThreads++;
  }
  // The new thread inherits our signal mask: block SIGINT for it, so that
  // the kernel delivers SIGINT to the main thread (signals.h).
  sigset_t block, saved;
  sigemptyset(&block);
  sigaddset(&block, SIGINT);
  pthread_sigmask(SIG_BLOCK, &block, &saved);
  try {
    std::thread([rt, limit, daemon, body = std::move(body)] {
      TdThread *me = td_thread_state_new(rt, limit);
      td_gil_acquire(me);
      body(me);
      td_thread_state_end(me); // releases the GIL and (or leaves to a loop) the state
      if (!daemon) {
        std::lock_guard<std::mutex> lk(rt->threadsMu);
        rt->nonDaemonThreads--;
        rt->threadsCv.notify_all();
      }
    }).detach();
  } catch (const std::exception &) {
    pthread_sigmask(SIG_SETMASK, &saved, nullptr);
    if (!daemon) {
      std::lock_guard<std::mutex> lk(rt->threadsMu);
      rt->nonDaemonThreads--;
    }
    td_err_set(ts, &td_type_RuntimeError, "can't start new thread");
    return false;
  }
  pthread_sigmask(SIG_SETMASK, &saved, nullptr);
  return true;
}

void td_wait_non_daemon_threads(TdThread *ts) {
  TdRuntime *rt = ts->rt;
  TdGilRelease unlocked(ts);
  std::unique_lock<std::mutex> lk(rt->threadsMu);
  rt->threadsCv.wait(lk, [rt] { return rt->nonDaemonThreads == 0; });
}

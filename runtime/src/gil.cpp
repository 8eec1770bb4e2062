// gil.cpp — the GIL's protocol, the eval-breaker safepoint, and starting
// OS threads that run tide code (design in gil.h).
#include "gil.h"

#include <pthread.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "errors.h"
#include "runtime.h"
#include "thread.h"

namespace {

// Asks ts to come to a safepoint: loop back-edges test eval_breaker, and
// function entries test the stack limit, which is pushed to the top of
// memory so that the entry check (already there for recursion) fails too.
void request_safepoint(TdThread *ts) {
  __atomic_store_n(const_cast<int32_t *>(&ts->head.eval_breaker), 1, __ATOMIC_RELAXED);
  __atomic_store_n(&ts->head.stack_limit, UINTPTR_MAX, __ATOMIC_RELAXED);
}

} // namespace

void td_gil_acquire(TdThread *ts) {
  TdGil &g = ts->rt->gil;
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
        if (g.holder) request_safepoint(g.holder);
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
  td_update_stack_limit(ts); // undo request_safepoint's stack limit
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
  try {
    std::thread([rt, limit, daemon, body = std::move(body)] {
      TdThread *me = td_thread_state_new(rt, limit);
      td_gil_acquire(me);
      body(me);
      td_gil_release(me);
      td_thread_state_delete(me);
      if (!daemon) {
        std::lock_guard<std::mutex> lk(rt->threadsMu);
        rt->nonDaemonThreads--;
        rt->threadsCv.notify_all();
      }
    }).detach();
  } catch (const std::exception &) {
    if (!daemon) {
      std::lock_guard<std::mutex> lk(rt->threadsMu);
      rt->nonDaemonThreads--;
    }
    td_err_set(ts, &td_type_RuntimeError, "can't start new thread");
    return false;
  }
  return true;
}

void td_wait_non_daemon_threads(TdThread *ts) {
  TdRuntime *rt = ts->rt;
  TdGilRelease unlocked(ts);
  std::unique_lock<std::mutex> lk(rt->threadsMu);
  rt->threadsCv.wait(lk, [rt] { return rt->nonDaemonThreads == 0; });
}

// gil.h — the global interpreter lock (private to runtime/).
//
// One lock protects all interpreter state: reference counts are plain
// increments, the allocator has no locks, dicts and lists have none.  A
// thread runs tide code only while it holds the GIL.  The protocol is
// CPython's (Python/ceval_gil.h, "new GIL" since 3.2):
//
//   * A thread that wants the GIL waits on a condition variable for at most
//     the switch interval (sys.setswitchinterval, 5 ms by default).  If the
//     interval passes and the same holder still has it, the waiter sets a
//     drop request and the holder's eval_breaker.
//   * Generated code checks eval_breaker at every loop back-edge (one load, a
//     predictable branch) and calls td_eval_break, which drops the GIL and
//     takes it again.  Function entries already compare the frame address
//     with the stack limit (the recursion guard); a drop request also sets
//     the holder's stack limit to the top of memory, so that check sends
//     every call to the slow path too (Go preempts goroutines the same way):
//     safepoints at function entry cost nothing.
//   * The handover is forced: a holder that drops because it was asked waits
//     until another thread has taken the GIL before it tries again, so a
//     CPU-bound thread cannot retake it at once (no convoy effect).
//   * Every call that can block (sleep, join, lock waits, I/O, the event
//     loop's idle wait) releases the GIL around the blocking part:
//     `TdGilRelease unlocked(ts);` is the one line that does it.
//
// With one thread nothing ever waits: taking and dropping the GIL around a
// blocking call is an uncontended mutex, and the eval-breaker check never
// fires.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>

struct TdThread;
struct TdRuntime;

struct TdGil {
  std::mutex mu;
  std::condition_variable cv;       // "the GIL was dropped"
  std::condition_variable switched; // "another thread took it" (forced switch)
  bool locked = false;
  TdThread *holder = nullptr;
  uint64_t switchNumber = 0;        // counts acquisitions
  int64_t waiters = 0;              // threads blocked in td_gil_acquire
  std::atomic<bool> dropRequest{false};
  std::atomic<int64_t> intervalNs{5000000};
};

// Takes the GIL for ts (blocks).  ts must not hold it.
void td_gil_acquire(TdThread *ts);
// Drops the GIL ts holds.
void td_gil_release(TdThread *ts);
// True when this OS thread's state holds the GIL.
bool td_gil_held(TdThread *ts);

// A thread state for the calling OS thread (made current), and its end.
TdThread *td_thread_state_new(TdRuntime *rt, int64_t recursionLimit);
void td_thread_state_delete(TdThread *ts);
// Starts an OS thread that takes the GIL, runs body(its own state), and
// ends.  A non-daemon thread keeps the process alive at exit
// (td_wait_non_daemon_threads).  false with RuntimeError if it cannot start.
bool td_thread_spawn(TdThread *ts, std::function<void(TdThread *)> body, bool daemon);
// Blocks (GIL released) until every non-daemon thread has ended.
void td_wait_non_daemon_threads(TdThread *ts);

// Releases the GIL for a scope: around a blocking call.
class TdGilRelease {
public:
  explicit TdGilRelease(TdThread *ts) : ts_(ts) { td_gil_release(ts_); }
  ~TdGilRelease() { td_gil_acquire(ts_); }
  TdGilRelease(const TdGilRelease &) = delete;
  TdGilRelease &operator=(const TdGilRelease &) = delete;

private:
  TdThread *ts_;
};

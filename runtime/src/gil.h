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
//   * Before it sleeps on the condition variable, a thread that finds the
//     GIL taken and nobody else waiting spins for up to spinNs (10 us),
//     reading `locked` without the mutex.  A holder that is about to block
//     (the event loop going idle, a pool worker done with its item) hands
//     the GIL over within microseconds, and a futex sleep and wake-up pair
//     costs more than that (asyncio.to_thread round trips: bench/to_thread.py).
//     Nobody spins while a thread sleeps on the condition variable, so a
//     spinner never jumps that queue.  CPython does not spin.
//   * Spinning is adaptive (TdSpinner): a credit that a quick success
//     raises by one and a spin that runs out (or succeeds only late) lowers
//     by four; at zero every spin rests (sleeps at once) for 10 ms, then
//     tries again.  Against a CPU-bound holder, or on an oversubscribed
//     machine where the other side is not even running (two threads on one
//     CPU), spins fail and soon stop.  The pool workers' wait for work and
//     the event loop's idle wait spin the same way, with the same budget
//     (TIDE_GIL_SPIN_US=0 turns every spin off) and the same credit: the
//     three spins work as a chain (a loop that sleeps makes the worker's
//     spin for the next item fail, and so on), so they must rest and try
//     again together, or one resting place would keep the others failing.
//
// With one thread nothing ever waits: taking and dropping the GIL around a
// blocking call is an uncontended mutex, and the eval-breaker check never
// fires.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>

struct TdThread;
struct TdRuntime;

inline void td_cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

// A bounded spin that stops trying where it keeps failing (see the top).
class TdSpinner {
public:
  enum Poll { Wait, Done, GiveUp }; // what the condition says: go on spinning, success, stop

  // Spins while cond() answers Wait, for up to budgetNs; true on Done.
  // Returns false at once (no spin) while resting after its credit ran out.
  template <class Cond> bool spin(int64_t budgetNs, Cond cond) {
    if (budgetNs <= 0) return false;
    using Clock = std::chrono::steady_clock;
    int64_t now = Clock::now().time_since_epoch().count();
    int32_t c = credit_.load(std::memory_order_relaxed);
    if (c <= 0) {
      if (now - restingSince_.load(std::memory_order_relaxed) < kRestNs) return false;
      c = kFailCost; // rested: one more try
    }
    int64_t until = now + budgetNs;
    for (int i = 1;; i++) {
      Poll p = cond();
      if (p == Done) {
        // A success that took more than half the budget means the other
        // side was not running either (it had to be scheduled first):
        // that counts against spinning as a failure does.
        bool quick = i < 64 || Clock::now().time_since_epoch().count() - now < budgetNs / 2;
        if (quick)
          credit_.store(c < kCreditMax ? c + 1 : kCreditMax, std::memory_order_relaxed);
        else
          lose(c, now);
        return true;
      }
      if (p == GiveUp) return false;
      // pause only now and then: in a virtual machine a pause loop makes
      // the hypervisor deschedule the spinning CPU (pause-loop exiting).
      if (i % 64 == 0) {
        td_cpu_relax();
        if (Clock::now().time_since_epoch().count() >= until) break;
      }
    }
    lose(c, now);
    return false;
  }

private:
  void lose(int32_t c, int64_t now) {
    if (c <= kFailCost) {
      credit_.store(0, std::memory_order_relaxed);
      restingSince_.store(now, std::memory_order_relaxed);
    } else {
      credit_.store(c - kFailCost, std::memory_order_relaxed);
    }
  }

  static constexpr int32_t kCreditMax = 16, kFailCost = 4;
  static constexpr int64_t kRestNs = 10000000; // 10 ms
  std::atomic<int32_t> credit_{kCreditMax};
  std::atomic<int64_t> restingSince_{0};
};

// 10 us, or TIDE_GIL_SPIN_US (0 turns every spin off: CPython's behaviour,
// and the baseline bench/to_thread.py compares with).
int64_t td_gil_default_spin_ns();

struct TdGil {
  std::mutex mu;
  std::condition_variable cv;       // "the GIL was dropped"
  std::condition_variable switched; // "another thread took it" (forced switch)
  // locked and waiters change only under mu; they are atomic so that a
  // spinning acquirer may read them without it.
  std::atomic<bool> locked{false};
  TdThread *holder = nullptr;
  uint64_t switchNumber = 0;        // counts acquisitions
  std::atomic<int64_t> waiters{0};  // threads asleep on cv in td_gil_acquire
  std::atomic<bool> dropRequest{false};
  std::atomic<int64_t> intervalNs{5000000};
  std::atomic<int64_t> spinNs{td_gil_default_spin_ns()}; // spin before sleeping (0: never)
  TdSpinner spinner;                  // every spin's credit (see the top)
};

// Takes the GIL for ts (blocks).  ts must not hold it.
void td_gil_acquire(TdThread *ts);
// Drops the GIL ts holds.
void td_gil_release(TdThread *ts);
// True when this OS thread's state holds the GIL.
bool td_gil_held(TdThread *ts);
// Asks ts to come to its next safepoint, where td_eval_break runs (a GIL
// drop request, a pending SIGINT).  Async-signal-safe.
void td_request_safepoint(TdThread *ts);
// Runs fn(ts) once, with the GIL held, just before ts next lets go of it
// (td_gil_release, a forced switch) or at its next safepoint, whichever
// comes first.  A thread that hands work to another defers the wake-up
// this way, so that the other thread wakes to a GIL that is free or about
// to be, instead of waking only to sleep again on the GIL (submit to a
// thread pool, then await the result: concurrent_futures.cpp).  The same
// fn registered twice runs once.
void td_gil_before_release(TdThread *ts, void (*fn)(TdThread *));

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

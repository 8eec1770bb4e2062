// signals.cpp — SIGINT → KeyboardInterrupt (design in signals.h).
#include "signals.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>

#include "errors.h"
#include "gil.h"
#include "loop.h"
#include "thread.h"

namespace {

// The signal handler's whole world (see signals.h for why it is global).
std::atomic<bool> gPending{false};
std::atomic<TdThread *> gMain{nullptr};
// Main thread only, under the GIL (td_signals_check, td_signal_deliveries).
uint64_t gDeliveries = 0;
const void *gLastTask = nullptr;
static_assert(std::atomic<bool>::is_always_lock_free &&
                  std::atomic<TdThread *>::is_always_lock_free,
              "the signal handler needs lock-free atomics");

void on_sigint(int) {
  int saved = errno;
  td_signal_rearm(); // async-signal-safe: an atomic store and a safepoint request
  errno = saved;
}

} // namespace

void td_signals_install(TdThread *main) {
  gMain.store(main);
  struct sigaction old;
  if (sigaction(SIGINT, nullptr, &old) != 0) return;
  // Inherited "ignore" stays (CPython keeps SIG_IGN too); so does a handler
  // a host program installed before us.
  if (old.sa_handler != SIG_DFL) return;
  struct sigaction sa = {};
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0; // no SA_RESTART: blocking calls return EINTR
  sigaction(SIGINT, &sa, nullptr);
}

bool td_signal_pending() { return gPending.load(std::memory_order_relaxed); }

bool td_signal_take() { return gPending.exchange(false); }

void td_signal_rearm() {
  gPending.store(true);
  if (TdThread *ts = gMain.load()) td_request_safepoint(ts);
}

bool td_is_signal_thread(TdThread *ts) { return ts == gMain.load(std::memory_order_relaxed); }

int32_t td_signals_check(TdThread *ts) {
  if (!gPending.load(std::memory_order_relaxed) || !td_is_signal_thread(ts)) return 0;
  if (!gPending.exchange(false)) return 0;
  td_raise(ts, td_val(&td_type_KeyboardInterrupt), 0);
  gDeliveries++;
  gLastTask = td_current_task(ts);
  return -1;
}

uint64_t td_signal_deliveries(const void **lastTask) {
  *lastTask = gLastTask;
  return gDeliveries;
}

void td_exit_by_sigint() {
  // Like CPython's exit after an uncaught KeyboardInterrupt: die of the
  // signal itself, so the parent (a shell, a test runner) can tell.
  signal(SIGINT, SIG_DFL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
  raise(SIGINT);
  _exit(130); // SIGINT was ignored when we started
}

// time.cpp — the `time` module: clocks and sleep.
//
// Clocks map to clock_gettime as in CPython on Linux:
//   time, time_ns                   CLOCK_REALTIME (seconds since the epoch)
//   monotonic, perf_counter (+_ns)  CLOCK_MONOTONIC (never goes back)
//   process_time (+_ns)             CLOCK_PROCESS_CPUTIME_ID (CPU time)
// The float variants are the nanosecond count divided by 1e9, like
// CPython's _PyTime_AsSecondsDouble; the *_ns variants return exact ints.
// clock_gettime goes through the vDSO: no system call, about 26 ns.
//
// sleep(secs) blocks the calling OS thread with clock_nanosleep on an
// absolute CLOCK_MONOTONIC deadline, so a signal that interrupts it
// (EINTR) restarts it for the time left, not for the whole length again.
// Rejected: nanosleep with a relative timeout, which drifts by the time
// spent between restarts.
//
// Not here yet: struct_time, localtime, gmtime, strftime.
#include <time.h>

#include <cerrno>
#include <cmath>

#include "args.h"
#include "containers.h"
#include "runtime.h"
#include "signals.h"
#include "values.h"

namespace {

using Args = const TdValue *;

int64_t now_ns(clockid_t clock) {
  struct timespec t;
  clock_gettime(clock, &t);
  return int64_t(t.tv_sec) * 1000000000 + t.tv_nsec;
}

TdValue clock_seconds(TdThread *ts, const char *fname, clockid_t clock, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, fname, kw) || !td_check_nargs(ts, fname, nargs, 0, 0))
    return 0;
  return td_float_from(ts, double(now_ns(clock)) / 1e9);
}

TdValue clock_ns(TdThread *ts, const char *fname, clockid_t clock, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, fname, kw) || !td_check_nargs(ts, fname, nargs, 0, 0))
    return 0;
  return td_int_from_i64(ts, now_ns(clock));
}

#define TD_TIME_CLOCKS(X)                                                                          \
  X(time, CLOCK_REALTIME)                                                                          \
  X(monotonic, CLOCK_MONOTONIC)                                                                    \
  X(perf_counter, CLOCK_MONOTONIC)                                                                 \
  X(process_time, CLOCK_PROCESS_CPUTIME_ID)

#define X(name, clock)                                                                             \
  TdValue t_##name(TdThread *ts, TdValue, Args, int64_t nargs, TdValue kw) {                       \
    return clock_seconds(ts, #name, clock, nargs, kw);                                             \
  }                                                                                                \
  TdValue t_##name##_ns(TdThread *ts, TdValue, Args, int64_t nargs, TdValue kw) {                  \
    return clock_ns(ts, #name "_ns", clock, nargs, kw);                                            \
  }
TD_TIME_CLOCKS(X)
#undef X

TdValue t_sleep(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "sleep", kw) || !td_check_nargs(ts, "time.sleep", nargs, 1, 1))
    return 0;
  double secs;
  if (!td_seconds_arg(ts, args[0], &secs))
    return 0;
  if (secs < 0) {
    td_err_set(ts, &td_type_ValueError, "sleep length must be non-negative");
    return 0;
  }
  // Whole nanoseconds, rounded up so that the time a caller measures around
  // the call is never shorter than what it asked for; a deadline past
  // int64 saturates, as CPython's _PyDeadline_Init does.
  int64_t deadline;
  if (__builtin_add_overflow(now_ns(CLOCK_MONOTONIC), int64_t(std::ceil(secs * 1e9)), &deadline))
    deadline = INT64_MAX;
  struct timespec when;
  when.tv_sec = time_t(deadline / 1000000000);
  when.tv_nsec = long(deadline % 1000000000);
  int r;
  for (;;) {
    {
      // Other threads run while this one sleeps: that is why threads help
      // waiting even under the GIL.
      TdGilRelease unlocked(ts);
      r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &when, nullptr);
    }
    if (r != EINTR) break;
    // A signal interrupted the sleep: SIGINT raises KeyboardInterrupt on
    // the main thread (signals.h); otherwise the absolute deadline makes the
    // restart wait only for what is left.
    if (td_signals_check(ts) < 0) return 0;
  }
  if (r != 0) {
    td_err_format(ts, &td_type_OSError, "clock_nanosleep failed (error %d)", r);
    return 0;
  }
  return td_none();
}

struct Entry {
  const char *name;
  TdVectorFn fn;
};

const Entry kFunctions[] = {
#define X(name, clock) {#name, t_##name}, {#name "_ns", t_##name##_ns},
    TD_TIME_CLOCKS(X)
#undef X
        {"sleep", t_sleep},
};

} // namespace

TdValue td_time_module_init(TdThread *ts) {
  TdRef mod(td_module_new(ts, "time"));
  if (!mod)
    return 0;
  for (const Entry &e : kFunctions)
    if (!td_module_add_function(ts, mod.get(), e.name, e.fn))
      return 0;
  return mod.release();
}

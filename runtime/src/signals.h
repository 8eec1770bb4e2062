// signals.h — SIGINT becomes KeyboardInterrupt (private to runtime/).
//
// CPython's design, for the one signal tide handles:
//   * The C handler only records that SIGINT arrived (an atomic flag) and
//     asks the main thread to come to a safepoint, exactly as a GIL drop
//     request does (gil.h: eval_breaker for loop back-edges, stack_limit
//     for function entries).  Nothing else is async-signal-safe.
//   * The main thread raises KeyboardInterrupt at its next safepoint
//     (td_eval_break), so the traceback points at the line that was running.
//   * Blocking waits on the main thread (time.sleep, the event loop's idle
//     poll) return EINTR; they stop waiting when a signal is pending and
//     raise it (time.sleep) or leave it to their caller (the loop, which
//     raises it at the await the main task is stuck in; the REPL).
//   * Every other thread blocks SIGINT (td_thread_spawn), so the kernel
//     always delivers it to the main thread, whose waits are the ones
//     interrupted.
//   * A process that starts with SIGINT ignored (`nohup`, `cmd &` in a
//     script) keeps ignoring it, as CPython does.
//   * An uncaught KeyboardInterrupt ends the process by SIGINT itself
//     (td_run_main), so its parent sees what python3's parent sees: killed
//     by SIGINT, status 130 in a shell.
//
// The pending flag and the main thread's state are process-wide globals:
// a signal handler has nothing else to reach them through.
#pragma once

#include <cstdint>

#include "tide/abi.h"

// Installs the SIGINT handler for the process; `main` is the thread that
// receives KeyboardInterrupt (td_runtime_init).
void td_signals_install(TdThread *main);
// Whether a SIGINT is waiting to be acted on (any thread, without the GIL).
bool td_signal_pending();
// Takes the pending SIGINT: true if there was one (the REPL's loop).
bool td_signal_take();
// Puts a taken SIGINT back, for the main thread's next safepoint.
void td_signal_rearm();
// On the main thread with a SIGINT pending: takes it, raises
// KeyboardInterrupt and returns -1.  Otherwise 0.  Needs the GIL.
int32_t td_signals_check(TdThread *ts);
// How many KeyboardInterrupts td_signals_check has raised, and the task it
// raised the last one in (null: outside any task).  The REPL uses it to
// interrupt its input too when a signal hit another task (main thread only).
uint64_t td_signal_deliveries(const void **lastTask);
// Whether ts is the thread that receives KeyboardInterrupt.
bool td_is_signal_thread(TdThread *ts);
// What td_main_status (runtime.cpp) returns after printing an uncaught
// KeyboardInterrupt: td_run_main then ends the process by SIGINT.
constexpr int kStatusSigint = -2;
int td_main_status(TdThread *ts, TdValue r);
// Ends the process by SIGINT (after an uncaught KeyboardInterrupt).
[[noreturn]] void td_exit_by_sigint();

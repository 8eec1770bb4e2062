// repl.cpp — the REPL's event-loop half: one loop for the whole session,
// a console thread, and how each input runs (abi.h: td_repl_run).
// compiler/repl.cpp is the other half: reading lines, deciding when an
// input is complete, compiling it into the JIT.
//
// The shape is CPython 3.11's asyncio REPL (asyncio/__main__.py):
//   * The main thread runs the event loop for the whole session, so a task
//     created by one input keeps running while the user types the next.
//   * A console thread reads and compiles each input (console->read, with
//     the GIL released: typing and compiling never stop the loop), hands it
//     to the loop with call_soon_threadsafe, and waits until it has run.
//   * On the loop an input runs as a task when it awaits at top level (its
//     body suspends on the task's fiber like any coroutine); otherwise
//     directly in the callback, as CPython's REPL does, so it creates no
//     task (asyncio.current_task() is None there, task names keep counting
//     from the user's own tasks).
//   * The loop never reports a deadlock: the console counts as work handed
//     to another thread (td_loop_external_begin), so an idle loop sleeps in
//     its poll until the console, a timer or a signal wakes it.
//
// Ctrl-C (signals.h).  SIGINT always reaches the main thread.  When the
// input's own code is running, its next safepoint raises KeyboardInterrupt
// there: a traceback, and the REPL goes on.  When the loop itself notices
// the signal (it was asleep in its poll): an input suspended on an await
// gets KeyboardInterrupt thrown at that await; with no input running the
// console is told to drop the line being typed (console->interrupt).  When
// a background task's code was running, that task gets it (as in CPython)
// and so does the awaiting input.
// CPython 3.11's asyncio REPL cancels the input instead (CancelledError,
// which would also cancel a task it awaits) and ignores Ctrl-C at the
// prompt; the plain python3 REPL is the model for both here.
#include <condition_variable>
#include <mutex>

#include "containers.h"
#include "errors.h"
#include "gil.h"
#include "loop.h"
#include "runtime.h"
#include "signals.h"

namespace {

// The session, shared by the loop (main thread) and the console thread.
struct Session {
  TdThread *ts = nullptr; // the main thread, which runs the loop
  TdLoop *loop = nullptr;
  const TdReplConsole *console = nullptr;
  // Loop side (GIL held).
  TdReplInput pending{};     // what the console handed over last
  bool running = false;      // an input is running
  TdValue task = 0;          // its task (owned) when it runs as one
  bool exit = false;         // leave the loop
  int status = 0;
  // Console side: it waits for the input it handed over to finish.
  std::mutex mu;
  std::condition_variable cv;
  bool finished = false;     // the input has run
  bool quit = false;         // SystemExit: read nothing more
};

// A Session pointer carried in a TdReady or callback data word: a small
// int holds it (user-space addresses fit in 62 bits), and the loop's
// reference counting leaves small ints alone.
TdValue session_word(Session *s) { return td_small(int64_t(reinterpret_cast<uintptr_t>(s))); }
Session *session_of(TdValue w) { return reinterpret_cast<Session *>(uintptr_t(td_small_val(w))); }

// The input has run: report its outcome r (0: the pending exception) and
// let the console read the next one.
void finish_input(Session *S, TdValue r) {
  TdThread *ts = S->ts;
  bool quit = false;
  if (r) {
    td_decref(r);
  } else if (td_err_is(ts, &td_type_SystemExit)) {
    S->status = td_main_status(ts, 0); // prints a non-int code, as python3 does
    S->exit = quit = true;
  } else {
    td_main_status(ts, 0); // prints the traceback; the REPL carries on
  }
  td_stdout_flush(ts->rt);
  S->running = false;
  std::lock_guard<std::mutex> lk(S->mu);
  S->finished = true;
  S->quit = quit;
  S->cv.notify_all();
}

// The coroutine an awaiting input's task runs: its module body.
TdValue input_body(TdThread *ts, TdValue self, const TdValue *) {
  auto entry = reinterpret_cast<TdModuleFn>(uintptr_t(td_small_val(self)));
  return entry(ts);
}

void input_task_done(TdThread *ts, TdValue task, TdValue data) {
  Session *S = session_of(data);
  td_decref(S->task);
  S->task = 0;
  finish_input(S, td_future_result(ts, task));
}

// On the loop: run what the console handed over.
void start_input(TdThread *ts, TdValue, TdValue data) {
  Session *S = session_of(data);
  TdReplInput in = S->pending;
  if (!in.entry) {
    S->exit = true;
    return;
  }
  S->running = true;
  if (!in.awaits) {
    finish_input(S, in.entry(ts));
    return;
  }
  TdValue entry = td_small(int64_t(reinterpret_cast<uintptr_t>(in.entry)));
  TdRef coro(td_native_coro_new(ts, "<module>", input_body, entry, nullptr, 0));
  TdValue task = coro ? td_task_new(ts, S->loop, coro.get(), 0) : 0;
  if (!task) {
    finish_input(S, 0);
    return;
  }
  S->task = task;
  td_future_add_native_callback(ts, task, input_task_done, data);
}

// The console thread: read and compile without the GIL, hand the input to
// the loop, wait until it has run.
void console_main(Session *S, TdThread *me) {
  for (;;) {
    TdReplInput in;
    {
      TdGilRelease unlocked(me);
      in = S->console->read(S->console->ctx);
    }
    {
      std::lock_guard<std::mutex> lk(S->mu);
      S->finished = false;
    }
    S->pending = in; // read by start_input, on the loop, under the GIL
    td_loop_call_soon_threadsafe(
        S->loop, TdReady{TdReady::Native, session_word(S), 0, start_input, nullptr});
    if (!in.entry) return;
    TdGilRelease unlocked(me);
    std::unique_lock<std::mutex> lk(S->mu);
    S->cv.wait(lk, [S] { return S->finished; });
    if (S->quit) return;
  }
}

// KeyboardInterrupt where the input's task waits: at its await (thrown
// there, as the loop's deadlock error is), or at its sleep(0), whose step
// is already queued (raised when it resumes).  False when it is not
// waiting: not started yet, or running.
bool interrupt_input(Session *S) {
  TdThread *ts = S->ts;
  auto *t = reinterpret_cast<TdTask *>(S->task);
  if (!t || !t->started || t->finished || t == td_current_task(ts)) return false;
  td_raise(ts, td_val(&td_type_KeyboardInterrupt), 0);
  TdValue exc = td_err_fetch(ts);
  if (t->futWaiter) {
    td_task_throw(ts, t, exc);
  } else if (!t->throwExc) {
    t->throwExc = td_newref(exc);
  }
  td_decref(exc);
  return true;
}

// SIGINT reached the loop (it was asleep, or between two handles).
void on_interrupt(Session *S) {
  if (!S->running) {
    S->console->interrupt(S->console->ctx);
    return;
  }
  // Not waiting: the next safepoint of its code raises it.
  if (!interrupt_input(S)) td_signal_rearm();
}

} // namespace

extern "C" int td_repl_run(TdThread *ts, const TdReplConsole *console) {
  TdLoop *L = td_loop_new(ts);
  if (!L) {
    td_main_status(ts, 0);
    return 1;
  }
  // The loop stays alive (and open) until the process ends, as in
  // `python -m asyncio`: tasks still pending at exit are simply dropped.
  L->running = true;
  ts->loop = L;
  td_loop_external_begin(L); // the console always hands work back

  auto *S = new Session(); // shared with the console thread until it ends
  S->ts = ts;
  S->loop = L;
  S->console = console;
  if (!td_thread_spawn(ts, [S](TdThread *me) { console_main(S, me); }, /*daemon=*/false)) {
    td_main_status(ts, 0);
    delete S;
    return 1;
  }
  const void *hit = nullptr;
  uint64_t delivered = td_signal_deliveries(&hit);
  while (!S->exit) {
    td_loop_run_once(L);
    if (td_signal_pending() && td_signal_take()) on_interrupt(S);
    // A KeyboardInterrupt raised in a background task's code (it was the
    // one running) interrupts the input as well, as in CPython, where it
    // escapes the loop and the REPL cancels the input.
    uint64_t n = td_signal_deliveries(&hit);
    if (n != delivered) {
      delivered = n;
      if (S->running && S->task && hit != reinterpret_cast<const void *>(S->task))
        interrupt_input(S);
    }
  }
  L->running = false;
  ts->loop = nullptr;
  int status = S->status;
  td_main_shutdown(ts); // as after a script: the console thread ends first
  td_stdout_flush(ts->rt);
  delete S;
  return status;
}

extern "C" int32_t td_display(TdThread *ts, TdValue v, TdValue *underscore) {
  if (td_is_none(v)) return 0;
  std::string text;
  if (!td_repr_to(ts, v, text)) return -1;
  text += '\n';
  // sys.stdout as print() finds it: the user may have replaced it.
  TdValue out = td_sys_attr(ts, "stdout");
  if (!out && td_err_occurred(ts)) return -1;
  if (!out) out = ts->rt->sysStdout;
  if (!td_is_none(out) && !td_stream_write(ts, out, text)) return -1;
  TdValue old = *underscore;
  *underscore = td_newref(v);
  td_decref(old);
  return 0;
}

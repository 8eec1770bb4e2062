// thread.h — per-thread interpreter state (private to runtime/).
//
// One TdThread per OS thread that runs tide code: the main thread, each
// threading.Thread, each pool worker (a later issue).  Nothing in the runtime
// is global except immutable type objects and the process-wide Runtime below;
// everything that changes while code runs lives here.  Generated code reaches
// the head (abi.h: TdThreadHead) inline; the rest only through entry points.
#pragma once

#include <vector>

#include "object.h"

struct TdRuntime; // process-wide state: sys module, builtins dict, sources
struct TdLoop;    // loop.h: the event loop running on this thread

struct TdThread {
  TdThreadHead head; // must stay first: generated code reads it at offset 0
  TdRuntime *rt = nullptr;
  TdValue curexc = 0;              // the exception being raised (owned), 0 if none
  std::vector<TdValue> handled;    // exceptions being handled (except blocks), owned
  // The recursion guard is the native stack (DESIGN.md): head.stack_limit is
  // the lower of the hard floor (the stack's end plus a margin) and
  // stackBase - recursion_limit * kStackPerLevel.
  uintptr_t stackBase = 0;         // the frame td_runtime_init ran in
  uintptr_t stackFloor = 0;        // never let generated code go below this
  TdLoop *loop = nullptr;          // the running event loop (asyncio.run), or null
  TdValue context = 0;             // the current contextvars Context (owned), or 0:
                                   // an empty one not made yet (loop.h: Contexts)
  // Event loops whose tasks run with this state (loop.cpp: lease).  While
  // any does, the state outlives its OS thread (an orphan) so that another
  // thread can run the loop's suspended tasks.  Changed with the GIL held.
  int32_t loopLeases = 0;
  bool orphan = false;             // its OS thread has ended
};

// The end of a thread started by td_thread_spawn (GIL held): releases its
// context and the GIL, then its state, or leaves the state to the loops
// that hold it (loop.cpp).
void td_thread_state_end(TdThread *ts);

// Stack granted per level of sys.getrecursionlimit(): generous, so a limit
// of 1000 allows at least 1000 frames of any ordinary function.
constexpr uintptr_t kStackPerLevel = 2048;

// Recomputes head.stack_limit from the recursion limit (td_runtime_init,
// sys.setrecursionlimit).
void td_update_stack_limit(TdThread *ts);

TdThread *td_thread_current();
void td_thread_set_current(TdThread *ts);

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

struct TdThread {
  TdThreadHead head; // must stay first: generated code reads it at offset 0
  TdRuntime *rt = nullptr;
  TdValue curexc = 0;              // the exception being raised (owned), 0 if none
  std::vector<TdValue> handled;    // exceptions being handled (except blocks), owned
};

TdThread *td_thread_current();
